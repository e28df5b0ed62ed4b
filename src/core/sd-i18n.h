/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Locale and translation set-up shared by the app and the command line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* setlocale, bindtextdomain (honouring SONGDA_LOCALEDIR for uninstalled runs, and the
 * install prefix on Windows), UTF-8 codeset. Call first thing in main(). */
void        sd_i18n_init       (void);
const char *sd_i18n_localedir  (void);

G_END_DECLS
