/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map's marker: a round stop with its badge, the shop's house, or the location pin.
 * Drawn with Cairo; it owns the popover that shows a stop's orders. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  SD_MAP_DOT_STOP,
  SD_MAP_DOT_DEPOT,
  SD_MAP_DOT_PIN,
} SdMapDotKind;

#define SD_TYPE_MAP_DOT (sd_map_dot_get_type ())
G_DECLARE_FINAL_TYPE (SdMapDot, sd_map_dot, SD, MAP_DOT, GtkWidget)

GtkWidget  *sd_map_dot_new           (SdMapDotKind  kind);
void        sd_map_dot_set_color     (SdMapDot     *self,
                                      const char   *color);
void        sd_map_dot_set_badge     (SdMapDot     *self,
                                      const char   *badge);
void        sd_map_dot_set_selected  (SdMapDot     *self,
                                      gboolean      selected);
gboolean    sd_map_dot_get_selected  (SdMapDot     *self);
void        sd_map_dot_set_label     (SdMapDot     *self,
                                      const char   *label);
const char *sd_map_dot_get_label     (SdMapDot     *self);
void        sd_map_dot_show_popover  (SdMapDot     *self);
/* The popover while it is shown, else NULL. */
GtkWidget  *sd_map_dot_get_popover   (SdMapDot     *self);

G_END_DECLS
