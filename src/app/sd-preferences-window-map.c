/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map page of the preferences window: where the shop is (the depot every route starts
 * from), where map tiles come from and whether they are GCJ-02. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sd-map-settings.h"
#include "sd-map-setup.h"
#include "sd-preferences-window-private.h"

static void
show_shop_location (SdPreferencesWindow *self)
{
  g_autofree char *text = NULL;
  double lat, lon;

  if (sd_map_settings_get_shop_location (self->store, &lat, &lon))
    text = g_strdup_printf ("%.6f, %.6f", lat, lon);
  adw_expander_row_set_subtitle (self->shop_location_row,
                                 text ? text : _("Not set: open to place the shop on the map"));
}

static void
on_shop_pin_moved (SdPreferencesWindow *self,
                   double               lat,
                   double               lon)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!sd_map_settings_set_shop_location (self->store, round (lat * 1e6) / 1e6,
                                          round (lon * 1e6) / 1e6, &error))
    {
      _sd_preferences_show_error (self, error);
      return;
    }
  /* The house follows the pin: it is where routes start from now on. */
  name = sd_store_get_setting (self->store, "shop.name", _("My shop"));
  sd_map_set_depot (SD_MAP (self->shop_map), lat, lon, name);
  show_shop_location (self);
  g_signal_emit_by_name (self, "changed");
}

static void
on_shop_location_expanded (SdPreferencesWindow *self)
{
  GtkWidget *row;
  double lat, lon;

  if (!adw_expander_row_get_expanded (self->shop_location_row) || self->shop_map != NULL)
    return;
  self->shop_map = sd_map_new ();
  gtk_widget_set_name (self->shop_map, "shop-location-map");
  gtk_widget_set_size_request (self->shop_map, -1, 300);
  gtk_widget_set_tooltip_text (self->shop_map,
                               _("Click the map or drag the pin to where the shop is"));
  sd_map_set_pick_mode (SD_MAP (self->shop_map), TRUE);
  if (sd_map_setup_from_store (SD_MAP (self->shop_map), self->store) &&
      sd_map_settings_get_shop_location (self->store, &lat, &lon))
    {
      sd_map_set_pin (SD_MAP (self->shop_map), lat, lon);
      sd_map_go_to (SD_MAP (self->shop_map), lat, lon, 16);
    }
  g_signal_connect_swapped (self->shop_map, "pin-moved", G_CALLBACK (on_shop_pin_moved), self);
  adw_expander_row_add_row (self->shop_location_row, self->shop_map);
  row = gtk_widget_get_parent (self->shop_map);
  if (GTK_IS_LIST_BOX_ROW (row))
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
    }
}

static void
on_tile_url_apply (SdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->tile_url_row));

  if (!sd_map_settings_set_tile_url (self->store, url, &error))
    {
      /* Under the row, not in a toast: the address is long and the reason must be read. */
      gtk_widget_add_css_class (GTK_WIDGET (self->tile_url_row), "error");
      gtk_label_set_text (self->tile_url_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->tile_url_error), TRUE);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->tile_url_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->tile_url_error), FALSE);
  _sd_preferences_load_map (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Maps opened from now on use these tiles")));
  g_signal_emit_by_name (self, "changed");
}

static void
on_gcj02_toggled (SdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading_map)
    return;
  if (!sd_map_settings_set_gcj02 (self->store, gtk_switch_get_active (self->gcj02_switch), &error))
    {
      _sd_preferences_show_error (self, error);
      _sd_preferences_load_map (self);
      return;
    }
  if (self->shop_map != NULL)
    sd_map_setup_from_store (SD_MAP (self->shop_map), self->store);
  g_signal_emit_by_name (self, "changed");
}

void
_sd_preferences_class_init_map (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, map_page);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, tile_url_row);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, gcj02_switch);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, tile_url_error);
  gtk_widget_class_bind_template_callback (widget_class, on_tile_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_gcj02_toggled);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, shop_location_row);
  gtk_widget_class_bind_template_callback (widget_class, on_shop_location_expanded);
}

void
_sd_preferences_load_map (SdPreferencesWindow *self)
{
  g_autofree char *url = sd_map_settings_get_tile_url (self->store);

  self->loading_map = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->tile_url_row), url ? url : "");
  gtk_switch_set_active (self->gcj02_switch, sd_map_settings_get_gcj02 (self->store));
  show_shop_location (self);
  /* An open map follows the new tile settings. */
  if (self->shop_map != NULL)
    sd_map_setup_from_store (SD_MAP (self->shop_map), self->store);
  self->loading_map = FALSE;
}
