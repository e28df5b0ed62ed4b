/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Route planning on the map page of the preferences window: the couriers' day, the time at
 * each stop, how road distances are estimated (great-circle × a road factor at a speed) or
 * which OSRM server gives them. All fields are written together through the core, which
 * checks them. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-dispatch.h"
#include "sd-preferences-window-private.h"

enum { ROW_START, ROW_END, ROW_SERVICE, ROW_FACTOR, ROW_SPEED, ROW_OSRM, N_ROWS };

struct _SdPrefsDispatch {
  AdwEntryRow *rows[N_ROWS];
  gboolean     loading;
};

static const struct {
  const char *name;
  const char *title;
} rows[N_ROWS] = {
  { "dispatch-shift-start", N_("Couriers Leave At (HH:MM)") },
  { "dispatch-shift-end", N_("Back By (HH:MM)") },
  { "dispatch-service", N_("Minutes at Each Stop") },
  { "dispatch-road-factor", N_("Road Factor (road ÷ straight distance)") },
  { "dispatch-speed", N_("Average Speed (km/h)") },
  { "dispatch-osrm", N_("Road Distance Server (OSRM, optional)") },
};

static double
number (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char *end = NULL;
  double v;

  g_strdelimit (text, "，,", '.');
  v = g_ascii_strtod (text, &end);
  return end == text || *end != '\0' ? -1 : v;
}

static void
on_apply (SdPreferencesWindow *self)
{
  struct _SdPrefsDispatch *d = self->dispatch;
  g_autoptr(GError) error = NULL;
  SdDispatchOptions o = {
    .shift_start = (char *) gtk_editable_get_text (GTK_EDITABLE (d->rows[ROW_START])),
    .shift_end = (char *) gtk_editable_get_text (GTK_EDITABLE (d->rows[ROW_END])),
    .service_min = number (d->rows[ROW_SERVICE]),
    .road_factor = number (d->rows[ROW_FACTOR]),
    .speed_kmh = number (d->rows[ROW_SPEED]),
    .osrm_url = (char *) gtk_editable_get_text (GTK_EDITABLE (d->rows[ROW_OSRM])),
  };

  if (d->loading)
    return;
  if (!sd_store_set_dispatch_options (self->store, &o, &error))
    {
      _sd_preferences_show_error (self, error);
      return;
    }
  _sd_preferences_reload_dispatch (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Routes are planned with these settings from now on")));
  g_signal_emit_by_name (self, "changed");
}

void
_sd_preferences_setup_dispatch (SdPreferencesWindow *self)
{
  struct _SdPrefsDispatch *d = g_new0 (struct _SdPrefsDispatch, 1);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  self->dispatch = d;
  adw_preferences_group_set_title (group, _("Route Planning"));
  adw_preferences_group_set_description (group, _("Distances are the straight line times the road factor, "
                                                  "driven at the average speed, unless a road distance "
                                                  "server is given and answers."));
  for (guint i = 0; i < N_ROWS; i++)
    {
      d->rows[i] = ADW_ENTRY_ROW (adw_entry_row_new ());
      gtk_widget_set_name (GTK_WIDGET (d->rows[i]), rows[i].name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->rows[i]), _(rows[i].title));
      adw_entry_row_set_show_apply_button (d->rows[i], TRUE);
      g_signal_connect_swapped (d->rows[i], "apply", G_CALLBACK (on_apply), self);
      adw_preferences_group_add (group, GTK_WIDGET (d->rows[i]));
    }
  adw_preferences_page_add (self->map_page, group);
}

void
_sd_preferences_reload_dispatch (SdPreferencesWindow *self)
{
  struct _SdPrefsDispatch *d = self->dispatch;
  SdDispatchOptions o;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (d == NULL || self->store == NULL)
    return;
  sd_store_get_dispatch_options (self->store, &o);
  d->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (d->rows[ROW_START]), o.shift_start);
  gtk_editable_set_text (GTK_EDITABLE (d->rows[ROW_END]), o.shift_end);
  gtk_editable_set_text (GTK_EDITABLE (d->rows[ROW_SERVICE]), g_ascii_formatd (buf, sizeof buf, "%g", o.service_min));
  gtk_editable_set_text (GTK_EDITABLE (d->rows[ROW_FACTOR]), g_ascii_formatd (buf, sizeof buf, "%g", o.road_factor));
  gtk_editable_set_text (GTK_EDITABLE (d->rows[ROW_SPEED]), g_ascii_formatd (buf, sizeof buf, "%g", o.speed_kmh));
  gtk_editable_set_text (GTK_EDITABLE (d->rows[ROW_OSRM]), o.osrm_url);
  d->loading = FALSE;
  sd_dispatch_options_clear (&o);
}

void
_sd_preferences_dispose_dispatch (SdPreferencesWindow *self)
{
  g_clear_pointer (&self->dispatch, g_free);
}
