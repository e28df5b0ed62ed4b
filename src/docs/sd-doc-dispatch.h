/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Route sheets of the dispatch board: a courier's route of a day, as sd-dispatch plans it,
 * drawn by sd_doc_render_route_sheet(). */
#pragma once

#include <gio/gio.h>

#include "sd-store.h"

G_BEGIN_DECLS

/* The PDF of `courier_id`'s route on `date` (phones masked when print.mask_phones is on). */
GBytes     *sd_doc_render_dispatch_route (SdStore    *store,
                                          const char *date,
                                          gint64      courier_id,
                                          GError    **error);
/* One PDF per courier with stops on `date` into `directory` (made when missing), named
 * "<date>-<courier>.pdf"; returns their paths (NULL on error). */
GPtrArray  *sd_doc_write_route_sheets    (SdStore    *store,
                                          const char *date,
                                          const char *directory,
                                          GError    **error);

G_END_DECLS
