/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dispatch board's actions: optimising on a worker thread, assigning and moving stops,
 * sending a route out, route sheets, the day. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "sd-window.h"

#include "sd-date.h"
#include "sd-dispatch-view-private.h"
#include "sd-doc-dispatch.h"
#include "sd-doc-window.h"
#include "sd-docs.h"

#define OPTIMISE_SECONDS 2.0

/* --- optimising ----------------------------------------------------------------------------- */

static void
optimise_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;

  /* the plan touches no store while solving */
  if (sd_dispatch_plan_solve (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_busy (SdDispatchView *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  _sd_dispatch_view_update_actions (self);
}

static void
optimise_done (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  SdDispatchView *self = SD_DISPATCH_VIEW (source);
  SdDispatchPlan *plan = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  g_autofree char *message = NULL;

  /* cancelled: the view was disposed while the solver ran; its widgets are gone */
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      _sd_dispatch_view_show_error (self, error);
      return;
    }
  if (self->store == NULL || !sd_store_save_dispatch_plan (self->store, plan, "", &error))
    {
      if (error)
        _sd_dispatch_view_show_error (self, error);
      /* the day moved on while the solver ran: show it as it is now; Optimise plans again */
      if (g_error_matches (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_CHANGED))
        _sd_dispatch_view_reload (self);
      return;
    }

  /* the plan's day knows why the stops it could not place were left */
  g_hash_table_remove_all (self->reasons);
  {
    SdDispatchDay *planned = sd_dispatch_plan_get_day (plan);
    guint n = sd_dispatch_plan_get_n_unplanned (plan);

    for (guint i = 0; i < planned->unassigned->len; i++)
      {
        SdDispatchStop *stop = g_ptr_array_index (planned->unassigned, i);
        g_hash_table_insert (self->reasons, g_memdup2 (&stop->key, sizeof stop->key),
                             GINT_TO_POINTER (stop->unplanned));
      }
    sd_dispatch_plan_get_matrix_source (plan, &reason);
    message = n == 0 ? g_strdup_printf (_("Planned %u stops, %.1f km"), sd_dispatch_plan_get_n_stops (plan),
                                        sd_dispatch_plan_get_distance_m (plan) / 1000.0)
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Planned; %u stop has no courier",
                                                     "Planned; %u stops have no courier", n), n);
  }
  _sd_dispatch_view_reload (self);
  sd_toast (GTK_WIDGET (self), message);
  if (reason != NULL)
    sd_toast (GTK_WIDGET (self), reason);
}

static void
action_optimise (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SdDispatchView *self = SD_DISPATCH_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  SdDispatchPlan *plan;

  if (self->busy || self->store == NULL)
    return;
  plan = sd_dispatch_plan_prepare (self->store, self->day, (const gint64 *) (gpointer) self->chosen->data,
                                   self->chosen->len, OPTIMISE_SECONDS, 1, &error);
  if (plan == NULL)
    {
      _sd_dispatch_view_show_error (self, error);
      return;
    }
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, optimise_done, NULL);
  g_task_set_source_tag (task, action_optimise);
  g_task_set_task_data (task, plan, (GDestroyNotify) sd_dispatch_plan_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, optimise_thread);
}

/* --- actions -------------------------------------------------------------------------------- */

static void
action_assign (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdDispatchView *self = SD_DISPATCH_VIEW (widget);
  g_autoptr(GArray) keys = _sd_dispatch_view_selected_keys (self);
  gint64 courier = g_variant_get_int64 (parameter);

  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 key = g_array_index (keys, gint64, i);

      if (!sd_store_dispatch_move_stop (self->store, self->day, key, courier, -1, "", &error))
        {
          _sd_dispatch_view_show_error (self, error);
          break;
        }
      g_hash_table_remove (self->reasons, &key);
    }
  _sd_dispatch_view_reload (self);
}

/* Late orders: each selected stop goes where it adds the least distance to the day's
 * routes as they are (stops already on a route are fitted in again the same way). */
static void
action_insert (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdDispatchView *self = SD_DISPATCH_VIEW (widget);
  g_autoptr(GArray) keys = _sd_dispatch_view_selected_keys (self);
  guint fitted = 0;

  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 key = g_array_index (keys, gint64, i);
      gint64 courier = 0;

      if (!sd_store_dispatch_insert_order (self->store, key, "", &courier, &error))
        {
          SdDispatchStop *stop = self->data ? sd_dispatch_day_find_stop (self->data, key) : NULL;
          g_autofree char *message = g_strdup_printf ("%s: %s", stop ? stop->customer : "", error->message);
          sd_toast (GTK_WIDGET (self), message);
          continue;
        }
      g_hash_table_remove (self->reasons, &key);
      fitted++;
    }
  _sd_dispatch_view_reload (self);
  if (fitted > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stop fitted into the routes",
                                                               "%u stops fitted into the routes", fitted),
                                                  fitted);
      sd_toast (GTK_WIDGET (self), message);
    }
}

static void
shift_selected (SdDispatchView *self,
                int             delta)
{
  g_autoptr(GArray) keys = _sd_dispatch_view_selected_keys (self);
  g_autoptr(GError) error = NULL;
  gint64 key;
  GtkListBoxRow *row;

  if (keys->len != 1)
    return;
  key = g_array_index (keys, gint64, 0);
  if (!sd_store_dispatch_shift_stop (self->store, self->day, key, delta, &error))
    {
      _sd_dispatch_view_show_error (self, error);
      return;
    }
  _sd_dispatch_view_reload (self);
  /* keep the stop under the keyboard */
  row = g_hash_table_lookup (self->rows, &key);
  if (row != NULL)
    {
      gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
action_move_up (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  shift_selected (SD_DISPATCH_VIEW (widget), -1);
}

static void
action_move_down (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  shift_selected (SD_DISPATCH_VIEW (widget), +1);
}

static void
action_out (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SdDispatchView *self = SD_DISPATCH_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!sd_store_route_out_for_delivery (self->store, self->day, g_variant_get_int64 (parameter), "", &error))
    _sd_dispatch_view_show_error (self, error);
  _sd_dispatch_view_reload (self);
}

static char *
sheets_dir (SdDispatchView *self)
{
  const char *documents;

  if (self->output_dir != NULL)
    return g_strdup (self->output_dir);
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  return g_build_filename (documents ? documents : g_get_home_dir (), "Songda", _("Route Sheets"), NULL);
}

static void
show_file (SdDispatchView *self,
           const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  if (self->open_sheets)
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
}

static void
action_sheet (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SdDispatchView *self = SD_DISPATCH_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *dir = sheets_dir (self);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  SdDispatchRoute *route = self->data ? sd_dispatch_day_find_route (self->data, g_variant_get_int64 (parameter)) : NULL;

  if (route == NULL)
    return;
  pdf = sd_doc_render_dispatch_route (self->store, self->day, route->courier_id, &error);
  if (pdf != NULL)
    {
      g_autofree char *clean = g_strdelimit (g_strdup (route->name), "/\\:", '_');
      name = g_strdup_printf ("%s-%s.pdf", self->day, clean);
      path = g_build_filename (dir, name, NULL);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (errno), _("Could not create the folder “%s”: %s"),
                     dir, g_strerror (errno));
      else
        g_file_set_contents (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf), &error);
    }
  if (error != NULL)
    {
      _sd_dispatch_view_show_error (self, error);
      return;
    }
  message = g_strdup_printf (_("Route sheet saved as %s"), path);
  sd_toast (GTK_WIDGET (self), message);
  /* the sheet in the preview, to print on its own paper or look over */
  if (self->open_sheets)
    {
      g_autofree char *title = g_strdup_printf (_("%s %s · %s"), sd_doc_kind_label (SD_DOC_ROUTE_SHEET),
                                                self->day, route->name);
      SdDocWindow *window = sd_doc_window_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                               sd_doc_kind_to_string (SD_DOC_ROUTE_SHEET), title,
                                               name, pdf, &error);
      if (window == NULL)
        _sd_dispatch_view_show_error (self, error);
      else
        gtk_window_present (GTK_WINDOW (window));
    }
}

static void
action_sheets (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdDispatchView *self = SD_DISPATCH_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sheets_dir (self);
  g_autoptr(GPtrArray) written = sd_doc_write_route_sheets (self->store, self->day, dir, &error);
  g_autofree char *message = NULL;

  if (written == NULL)
    {
      _sd_dispatch_view_show_error (self, error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u route sheet saved in %s",
                                          "%u route sheets saved in %s", written->len),
                             written->len, dir);
  sd_toast (GTK_WIDGET (self), message);
  if (written->len > 0)
    show_file (self, dir);
}

static void
action_reload (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _sd_dispatch_view_reload (SD_DISPATCH_VIEW (widget));
}

static void
move_day (SdDispatchView *self,
          int             days)
{
  g_autofree char *day = sd_date_add_days (self->day, days);

  if (day != NULL)
    sd_dispatch_view_set_day (self, day);
}

static void
action_previous_day (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_day (SD_DISPATCH_VIEW (widget), -1);
}

static void
action_next_day (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_day (SD_DISPATCH_VIEW (widget), 1);
}

static void
action_today (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autofree char *today = sd_date_today ();

  sd_dispatch_view_set_day (SD_DISPATCH_VIEW (widget), today);
}

static void
action_tomorrow (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autofree char *today = sd_date_today ();
  g_autofree char *tomorrow = sd_date_add_days (today, 1);

  sd_dispatch_view_set_day (SD_DISPATCH_VIEW (widget), tomorrow);
}

/* --- class ---------------------------------------------------------------------------------- */

void
_sd_dispatch_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dispatch.optimise", NULL, action_optimise);
  gtk_widget_class_install_action (widget_class, "dispatch.assign", "x", action_assign);
  gtk_widget_class_install_action (widget_class, "dispatch.insert", NULL, action_insert);
  gtk_widget_class_install_action (widget_class, "dispatch.move-up", NULL, action_move_up);
  gtk_widget_class_install_action (widget_class, "dispatch.move-down", NULL, action_move_down);
  gtk_widget_class_install_action (widget_class, "dispatch.out", "x", action_out);
  gtk_widget_class_install_action (widget_class, "dispatch.sheet", "x", action_sheet);
  gtk_widget_class_install_action (widget_class, "dispatch.sheets", NULL, action_sheets);
  gtk_widget_class_install_action (widget_class, "dispatch.reload", NULL, action_reload);
  gtk_widget_class_install_action (widget_class, "dispatch.previous-day", NULL, action_previous_day);
  gtk_widget_class_install_action (widget_class, "dispatch.next-day", NULL, action_next_day);
  gtk_widget_class_install_action (widget_class, "dispatch.today", NULL, action_today);
  gtk_widget_class_install_action (widget_class, "dispatch.tomorrow", NULL, action_tomorrow);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "dispatch.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "dispatch.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "dispatch.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "dispatch.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "dispatch.next-day", NULL);
}
