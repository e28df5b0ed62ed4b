/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Points a map at the shop's settings: its tile provider (Preferences → Map) and the shop
 * itself as the depot. Every map in the application is set up through here. */
#pragma once

#include "sd-map.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* TRUE when the shop's position is known (and shown as the depot). */
gboolean sd_map_setup_from_store (SdMap   *map,
                                  SdStore *store);

G_END_DECLS
