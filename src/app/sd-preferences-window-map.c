/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map page of the preferences window: where map tiles come from and whether they are
 * GCJ-02. Maps opened afterwards use them. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-map-settings.h"
#include "sd-preferences-window-private.h"

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
}

void
_sd_preferences_load_map (SdPreferencesWindow *self)
{
  g_autofree char *url = sd_map_settings_get_tile_url (self->store);

  self->loading_map = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->tile_url_row), url ? url : "");
  gtk_switch_set_active (self->gcj02_switch, sd_map_settings_get_gcj02 (self->store));
  self->loading_map = FALSE;
}
