/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Dispatch" area (派单): the day's stops on a small map beside one column per courier's
 * route and the stops nobody has yet. Everything it shows and changes goes through
 * sd-dispatch in the core; the solver runs on a worker thread (the problem is built and the
 * plan saved on the main thread, as the store is not shared between threads).
 *
 * Split in three: this file (the columns, the day, the type), sd-dispatch-view-map.c and
 * sd-dispatch-view-actions.c, sharing sd-dispatch-view-private.h. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-window.h"

#include "sd-date.h"
#include "sd-dispatch-view-private.h"
#include "sd-dispatch.h"
#include "sd-follow-up-list.h"
#include "sd-map.h"

G_DEFINE_FINAL_TYPE (SdDispatchView, sd_dispatch_view, ADW_TYPE_BIN)

/* --- helpers -------------------------------------------------------------------------------- */

static gint64
row_key (GtkListBoxRow *row)
{
  gint64 *key = g_object_get_data (G_OBJECT (row), "key");

  return key ? *key : 0;
}

static gint64
list_courier (GtkListBox *list)
{
  gint64 *id = g_object_get_data (G_OBJECT (list), "courier");

  return id ? *id : 0;
}

static gboolean
is_chosen (SdDispatchView *self,
           gint64          courier_id)
{
  for (guint i = 0; i < self->chosen->len; i++)
    if (g_array_index (self->chosen, gint64, i) == courier_id)
      return TRUE;
  return FALSE;
}

GArray *
_sd_dispatch_view_selected_keys (SdDispatchView *self)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->lists->len; i++)
    {
      GList *rows = gtk_list_box_get_selected_rows (g_ptr_array_index (self->lists, i));
      for (GList *l = rows; l; l = l->next)
        {
          gint64 key = row_key (l->data);
          g_array_append_val (keys, key);
        }
      g_list_free (rows);
    }
  return keys;
}

void
_sd_dispatch_view_show_error (SdDispatchView *self,
            const GError   *error)
{
  sd_toast (GTK_WIDGET (self), error->message);
}

static char *
window_text (const SdDispatchStop *stop)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (stop->window_from < 0)
    return g_strdup ("");
  from = sd_dispatch_format_time_of_day (stop->window_from);
  to = sd_dispatch_format_time_of_day (stop->window_to);
  return g_strdup_printf ("%s–%s", from, to);
}

static char *
route_figures (const SdDispatchRoute *route)
{
  g_autofree char *back = sd_dispatch_format_time_of_day (route->finish_s);
  g_autofree char *load = route->capacity > 0 ? g_strdup_printf ("%d/%d", route->load, route->capacity)
                                              : g_strdup_printf ("%d", route->load);

  if (route->stops->len == 0)
    return g_strdup (_("No stops"));
  /* TRANSLATORS: load/capacity · distance · estimated return to the shop */
  return g_strdup_printf (_("Load %s · %.1f km · back %s"), load, route->distance_m / 1000.0, back);
}

void
_sd_dispatch_view_update_actions (SdDispatchView *self)
{
  g_autoptr(GArray) keys = _sd_dispatch_view_selected_keys (self);
  gboolean has_data = self->data != NULL && !self->busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispatch.optimise", has_data && self->chosen->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispatch.assign", has_data && keys->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispatch.insert", has_data && keys->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispatch.move-up", has_data && keys->len == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispatch.move-down", has_data && keys->len == 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->assign_button), has_data && keys->len > 0);
}

/* --- columns -------------------------------------------------------------------------------- */

static GtkWidget *
label_new (const char *text,
           const char *css_class,
           gboolean    ellipsize)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource  *source,
                 double          x,
                 double          y,
                 GtkListBoxRow  *row)
{
  GValue value = G_VALUE_INIT;
  GdkContentProvider *provider;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, row_key (row));
  provider = gdk_content_provider_new_for_value (&value);
  g_value_unset (&value);
  return provider;
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         SdDispatchView *self)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  GtkListBoxRow *at = gtk_list_box_get_row_at_y (list, (int) y);
  gint64 courier = list_courier (list);
  g_autoptr(GError) error = NULL;
  int position = -1;

  if (self->busy)
    return FALSE;
  if (at != NULL && courier != 0)
    {
      int fixed = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list), "fixed"));
      position = MAX (0, gtk_list_box_row_get_index (at) - fixed);
    }
  if (!sd_store_dispatch_move_stop (self->store, self->day, g_value_get_int64 (value), courier, position,
                                    "", &error))
    {
      _sd_dispatch_view_show_error (self, error);
      return FALSE;
    }
  g_hash_table_remove (self->reasons, &(gint64) { g_value_get_int64 (value) });
  _sd_dispatch_view_reload (self);
  return TRUE;
}

static GtkWidget *
stop_row (SdDispatchView *self,
          SdDispatchStop *stop,
          gboolean        numbered)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *title = numbered ? g_strdup_printf ("%d. %s", stop->seq + 1, stop->customer)
                                    : g_strdup (stop->customer);
  g_autofree char *window = window_text (stop);
  g_autofree char *arrival = numbered ? sd_dispatch_format_time_of_day (stop->planned_arrival) : NULL;
  GtkWidget *title_label = label_new (title, "heading", TRUE);
  GtkDragSource *drag;
  gpointer reason;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_box_append (GTK_BOX (top), title_label);
  if (*window)
    {
      GtkWidget *w = label_new (window, "caption", FALSE);
      gtk_widget_add_css_class (w, "accent");
      gtk_box_append (GTK_BOX (top), w);
    }
  if (arrival && *arrival)
    gtk_box_append (GTK_BOX (top), label_new (arrival, "numeric", FALSE));
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), label_new (stop->address, "caption", TRUE));
  gtk_box_append (GTK_BOX (box), label_new (stop->items, "dim-label", TRUE));
  if (stop->status == SD_ORDER_OUT_FOR_DELIVERY || stop->status == SD_ORDER_DELIVERED)
    gtk_box_append (GTK_BOX (box), label_new (sd_order_status_label (stop->status), "success", FALSE));
  if (g_hash_table_lookup_extended (self->reasons, &stop->key, NULL, &reason))
    {
      GtkWidget *why = label_new (sd_dispatch_unplanned_label (GPOINTER_TO_INT (reason)), "warning", FALSE);
      gtk_label_set_wrap (GTK_LABEL (why), TRUE);
      gtk_box_append (GTK_BOX (box), why);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "key", g_memdup2 (&stop->key, sizeof stop->key), g_free);
  gtk_widget_set_tooltip_text (row, stop->instructions && *stop->instructions ? stop->instructions : NULL);

  if (stop->status != SD_ORDER_OUT_FOR_DELIVERY && stop->status != SD_ORDER_DELIVERED)
    {
      drag = gtk_drag_source_new ();
      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
    }
  g_hash_table_insert (self->rows, g_memdup2 (&stop->key, sizeof stop->key), row);
  return row;
}

static void
on_selection_changed (GtkListBox     *list,
                      SdDispatchView *self)
{
  if (self->rebuilding)
    return;
  _sd_dispatch_view_update_actions (self);
  _sd_dispatch_view_sync_map_selection (self);
}

static GtkWidget *
column (SdDispatchView  *self,
        SdDispatchRoute *route,      /* NULL: the unassigned */
        GPtrArray       *stops)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  gint64 courier = route ? route->courier_id : 0;
  GtkDropTarget *drop;
  int fixed = 0;

  gtk_widget_set_size_request (box, route != NULL || stops->len > 0 ? 270 : 180, -1);
  if (route != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> %s",
                                                         route->color, route->name);
      g_autofree char *figures = route_figures (route);
      GtkWidget *name = label_new (NULL, "title-4", TRUE);
      GtkWidget *figures_label = label_new (figures, "caption", FALSE);
      GtkWidget *out = gtk_button_new_with_mnemonic (route->out ? _("Out") : _("_Out for Delivery"));

      gtk_label_set_markup (GTK_LABEL (name), markup);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_box_append (GTK_BOX (head), name);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (out), "dispatch.out");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (out), g_variant_new_int64 (courier));
      gtk_widget_set_tooltip_text (out, _("The route’s orders go out with the courier"));
      gtk_widget_set_valign (out, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (out, "flat");
      gtk_widget_set_sensitive (out, route->stops->len > 0);
      gtk_box_append (GTK_BOX (head), out);
      {
        GtkWidget *sheet = gtk_button_new_from_icon_name ("printer-symbolic");
        gtk_actionable_set_action_name (GTK_ACTIONABLE (sheet), "dispatch.sheet");
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (sheet), g_variant_new_int64 (courier));
        gtk_widget_set_tooltip_text (sheet, _("Route Sheet"));
        gtk_widget_set_valign (sheet, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (sheet, "flat");
        gtk_widget_set_sensitive (sheet, route->stops->len > 0);
        gtk_box_append (GTK_BOX (head), sheet);
      }
      gtk_box_append (GTK_BOX (box), head);
      if (route->late || (route->capacity > 0 && route->load > route->capacity))
        gtk_widget_add_css_class (figures_label, "warning");
      gtk_box_append (GTK_BOX (box), figures_label);
      g_hash_table_insert (self->figures, g_memdup2 (&courier, sizeof courier), figures_label);
      for (guint i = 0; i < stops->len; i++)
        if (((SdDispatchStop *) g_ptr_array_index (stops, i))->status >= SD_ORDER_OUT_FOR_DELIVERY)
          fixed = (int) i + 1;
    }
  else
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stop", "%u stops", stops->len),
                                                stops->len);
      GtkWidget *fit = gtk_button_new_with_mnemonic (_("_Fit In"));

      gtk_box_append (GTK_BOX (head), label_new (_("Unassigned"), "title-4", TRUE));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (fit), "dispatch.insert");
      gtk_widget_set_tooltip_text (fit, _("Put the selected stops where they add the least distance, "
                                          "leaving the routes otherwise as they are"));
      gtk_widget_set_valign (fit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (fit, "flat");
      gtk_box_append (GTK_BOX (head), fit);
      gtk_box_append (GTK_BOX (box), head);
      gtk_box_append (GTK_BOX (box), label_new (count, "caption", FALSE));
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_MULTIPLE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), FALSE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  g_object_set_data_full (G_OBJECT (list), "courier", g_memdup2 (&courier, sizeof courier), g_free);
  g_object_set_data (G_OBJECT (list), "fixed", GINT_TO_POINTER (fixed));
  for (guint i = 0; i < stops->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), stop_row (self, g_ptr_array_index (stops, i), route != NULL));
  if (stops->len == 0)
    {
      GtkWidget *empty = label_new (route ? _("Drop stops here") : _("Every stop has a courier"), "dim-label", FALSE);
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_widget_set_halign (empty, GTK_ALIGN_CENTER);
      gtk_list_box_set_placeholder (GTK_LIST_BOX (list), empty);
    }
  g_signal_connect (list, "selected-rows-changed", G_CALLBACK (on_selection_changed), self);
  drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (list, GTK_EVENT_CONTROLLER (drop));
  g_ptr_array_add (self->lists, list);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  return box;
}

static void
on_courier_toggled (GtkCheckButton *check,
                    SdDispatchView *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (check), "courier");

  if (self->rebuilding)
    return;
  self->chosen_set = TRUE;
  for (guint i = 0; i < self->chosen->len; i++)
    if (g_array_index (self->chosen, gint64, i) == *id)
      g_array_remove_index (self->chosen, i--);
  if (gtk_check_button_get_active (check))
    g_array_append_val (self->chosen, *id);
  _sd_dispatch_view_reload (self);
}

static void
rebuild_couriers (SdDispatchView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->couriers_box))) != NULL)
    gtk_box_remove (self->couriers_box, child);
  for (guint i = 0; i < self->data->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (self->data->routes, i);
      g_autofree char *label = route->capacity > 0 ? g_strdup_printf (_("%s (carries %d)"), route->name, route->capacity)
                                                   : g_strdup (route->name);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      g_autoptr(GMenuItem) item = g_menu_item_new (route->name, NULL);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_chosen (self, route->courier_id));
      g_object_set_data_full (G_OBJECT (check), "courier", g_memdup2 (&route->courier_id, sizeof (gint64)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_courier_toggled), self);
      gtk_box_append (self->couriers_box, check);

      g_menu_item_set_action_and_target_value (item, "dispatch.assign", g_variant_new_int64 (route->courier_id));
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr(GMenuItem) none = g_menu_item_new (_("Nobody (unassign)"), NULL);
    g_autoptr(GMenu) section = g_menu_new ();
    g_menu_item_set_action_and_target_value (none, "dispatch.assign", g_variant_new_int64 (0));
    g_menu_append_item (section, none);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }
  gtk_menu_button_set_menu_model (self->assign_button, G_MENU_MODEL (menu));
}

static void
load_performance (SdDispatchView *self)
{
  static const char *heads[] = {
    N_("Courier"), N_("Deliveries"), N_("Items"), N_("Planned distance"), N_("On time"), N_("Average stop"),
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *from = sd_date_add_days (self->day, -29);
  g_autofree char *from_text = sd_follow_up_format_day (from);
  g_autofree char *to_text = sd_follow_up_format_day (self->day);
  g_autofree char *heading = g_strdup_printf (_("Deliveries from %s to %s"), from_text, to_text);
  g_autoptr(GPtrArray) perf = sd_store_courier_performance (self->store, from, self->day, &error);
  GtkWidget *child;

  gtk_label_set_label (self->perf_heading, heading);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->perf_grid))) != NULL)
    gtk_grid_remove (self->perf_grid, child);
  self->n_perf_rows = 0;
  if (perf == NULL)
    {
      _sd_dispatch_view_show_error (self, error);
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    {
      GtkWidget *h = label_new (_(heads[c]), "heading", FALSE);
      gtk_label_set_xalign (GTK_LABEL (h), c == 0 ? 0 : 1);
      gtk_grid_attach (self->perf_grid, h, (int) c, 0, 1, 1);
    }
  for (guint i = 0; i < perf->len; i++)
    {
      SdCourierPerformance *p = g_ptr_array_index (perf, i);
      g_autofree char *name = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> %s",
                                                       p->color ? p->color : "#77767b",
                                                       p->name ? p->name : "");
      char *cells[6];
      cells[0] = NULL;
      cells[1] = g_strdup_printf ("%d", p->deliveries);
      cells[2] = g_strdup_printf ("%d", p->items);
      cells[3] = g_strdup_printf (_("%.1f km"), p->distance_m / 1000.0);
      cells[4] = p->windowed > 0 ? g_strdup_printf (_("%.0f%% (%d of %d)"), 100.0 * p->on_time / p->windowed,
                                                    p->on_time, p->windowed)
                                 : g_strdup ("—");
      cells[5] = p->stop_gaps > 0 ? g_strdup_printf (_("%.0f min"), p->avg_stop_s / 60.0) : g_strdup ("—");
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        {
          GtkWidget *cell = label_new (cells[c], c ? "numeric" : NULL, FALSE);
          if (c == 0)
            gtk_label_set_markup (GTK_LABEL (cell), name);
          else
            gtk_label_set_xalign (GTK_LABEL (cell), 1);
          gtk_grid_attach (self->perf_grid, cell, (int) c, (int) i + 1, 1, 1);
          g_free (cells[c]);
        }
      self->n_perf_rows++;
    }
}

void
_sd_dispatch_view_reload (SdDispatchView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *day_text = NULL;
  g_autoptr(GPtrArray) unassigned = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;
  double km = 0;

  if (self->store == NULL)
    return;
  day_text = sd_follow_up_format_day (self->day);
  {
    g_autofree char *text = g_strdup_printf ("%s %s", day_text, sd_follow_up_weekday (self->day));
    gtk_label_set_label (self->day_label, text);
  }

  g_clear_pointer (&self->data, sd_dispatch_day_free);
  self->data = sd_store_load_dispatch_day (self->store, self->day, &error);
  self->rebuilding = TRUE;
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->figures);
  g_ptr_array_set_size (self->lists, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  if (self->data == NULL)
    {
      self->rebuilding = FALSE;
      _sd_dispatch_view_show_error (self, error);
      _sd_dispatch_view_update_actions (self);
      return;
    }

  if (!self->chosen_set)
    {
      g_array_set_size (self->chosen, 0);
      for (guint i = 0; i < self->data->routes->len; i++)
        {
          SdDispatchRoute *route = g_ptr_array_index (self->data->routes, i);
          g_array_append_val (self->chosen, route->courier_id);
        }
    }
  rebuild_couriers (self);

  gtk_box_append (self->columns_box, column (self, NULL, self->data->unassigned));
  for (guint i = 0; i < self->data->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (self->data->routes, i);
      if (route->stops->len == 0 && !is_chosen (self, route->courier_id))
        continue;
      gtk_box_append (self->columns_box, column (self, route, route->stops));
      km += route->distance_m / 1000.0;
    }
  self->rebuilding = FALSE;

  summary = g_strdup_printf (_("%u stops · %u without a courier · %.1f km planned"),
                             self->data->stops->len, self->data->unassigned->len, km);
  gtk_label_set_label (self->summary_label, summary);
  load_performance (self);
  _sd_dispatch_view_update_actions (self);
  _sd_dispatch_view_fill_map (self, g_strcmp0 (self->fitted_day, self->day) != 0);
  if (self->map != NULL)
    {
      g_free (self->fitted_day);
      self->fitted_day = g_strdup (self->day);
    }
}

static void
on_map (GtkWidget *widget)
{
  _sd_dispatch_view_ensure_map (SD_DISPATCH_VIEW (widget));
  _sd_dispatch_view_reload (SD_DISPATCH_VIEW (widget));
}

/* --- type ----------------------------------------------------------------------------------- */

static void
sd_dispatch_view_dispose (GObject *object)
{
  SdDispatchView *self = (SdDispatchView *) object;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_DISPATCH_VIEW);
  g_clear_pointer (&self->data, sd_dispatch_day_free);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->figures, g_hash_table_unref);
  g_clear_pointer (&self->reasons, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_dispatch_view_parent_class)->dispose (object);
}

static void
sd_dispatch_view_finalize (GObject *object)
{
  SdDispatchView *self = (SdDispatchView *) object;

  g_free (self->day);
  g_free (self->output_dir);
  g_free (self->fitted_day);
  g_array_unref (self->chosen);

  G_OBJECT_CLASS (sd_dispatch_view_parent_class)->finalize (object);
}

static void
sd_dispatch_view_class_init (SdDispatchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_dispatch_view_dispose;
  object_class->finalize = sd_dispatch_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-dispatch-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SdDispatchView, day_label);
  gtk_widget_class_bind_template_child (widget_class, SdDispatchView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SdDispatchView, spinner);
  gtk_widget_class_bind_template_child (widget_class, SdDispatchView, columns_box);
  gtk_widget_class_bind_template_child (widget_class, SdDispatchView, couriers_box);
  gtk_widget_class_bind_template_child (widget_class, SdDispatchView, assign_button);
  gtk_widget_class_bind_template_child (widget_class, SdDispatchView, map_box);
  gtk_widget_class_bind_template_child (widget_class, SdDispatchView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SdDispatchView, perf_heading);
  gtk_widget_class_bind_template_child (widget_class, SdDispatchView, perf_grid);

  _sd_dispatch_view_class_init_actions (widget_class);
}

static void
sd_dispatch_view_init (SdDispatchView *self)
{
  g_autofree char *today = sd_date_today ();

  self->day = sd_date_add_days (today, 1);   /* the board plans tomorrow first */
  self->chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->reasons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->figures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->lists = g_ptr_array_new ();
  self->open_sheets = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  _sd_dispatch_view_update_actions (self);

  /* orders may have been taken elsewhere since it was last shown */
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

/* --- public API ----------------------------------------------------------------------------- */

GtkWidget *
sd_dispatch_view_new (void)
{
  return g_object_new (SD_TYPE_DISPATCH_VIEW, NULL);
}

void
sd_dispatch_view_set_store (SdDispatchView *self,
                            SdStore        *store)
{
  g_return_if_fail (SD_IS_DISPATCH_VIEW (self));

  if (!g_set_object (&self->store, store))
    return;
  self->chosen_set = FALSE;
  _sd_dispatch_view_reload (self);
}

gboolean
sd_dispatch_view_set_day (SdDispatchView *self,
                          const char     *date)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (SD_IS_DISPATCH_VIEW (self), FALSE);

  normal = sd_date_normalize (date, NULL);
  if (normal == NULL || *normal == '\0')
    return FALSE;
  if (g_strcmp0 (normal, self->day) != 0)
    g_hash_table_remove_all (self->reasons);
  g_free (self->day);
  self->day = g_steal_pointer (&normal);
  _sd_dispatch_view_reload (self);
  return TRUE;
}

const char *
sd_dispatch_view_get_day (SdDispatchView *self)
{
  g_return_val_if_fail (SD_IS_DISPATCH_VIEW (self), NULL);
  return self->day;
}

void
sd_dispatch_view_set_couriers (SdDispatchView *self,
                               const gint64   *courier_ids,
                               guint           n)
{
  g_return_if_fail (SD_IS_DISPATCH_VIEW (self));

  g_array_set_size (self->chosen, 0);
  g_array_append_vals (self->chosen, courier_ids, n);
  self->chosen_set = TRUE;
  _sd_dispatch_view_reload (self);
}

void
sd_dispatch_view_reload (SdDispatchView *self)
{
  g_return_if_fail (SD_IS_DISPATCH_VIEW (self));
  _sd_dispatch_view_reload (self);
}

gboolean
sd_dispatch_view_is_busy (SdDispatchView *self)
{
  g_return_val_if_fail (SD_IS_DISPATCH_VIEW (self), FALSE);
  return self->busy;
}

gboolean
sd_dispatch_view_select_stop (SdDispatchView *self,
                              gint64          key)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SD_IS_DISPATCH_VIEW (self), FALSE);

  row = g_hash_table_lookup (self->rows, &key);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
  return TRUE;
}

GArray *
sd_dispatch_view_get_column_keys (SdDispatchView *self,
                                  gint64          courier_id)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SD_IS_DISPATCH_VIEW (self), keys);

  for (guint i = 0; i < self->lists->len; i++)
    {
      GtkListBox *list = g_ptr_array_index (self->lists, i);
      GtkListBoxRow *row;

      if (list_courier (list) != courier_id)
        continue;
      for (int j = 0; (row = gtk_list_box_get_row_at_index (list, j)) != NULL; j++)
        {
          gint64 key = row_key (row);
          g_array_append_val (keys, key);
        }
    }
  return keys;
}

const char *
sd_dispatch_view_get_column_figures (SdDispatchView *self,
                                     gint64          courier_id)
{
  GtkLabel *label;

  g_return_val_if_fail (SD_IS_DISPATCH_VIEW (self), NULL);
  label = g_hash_table_lookup (self->figures, &courier_id);
  return label ? gtk_label_get_label (label) : NULL;
}

const char *
sd_dispatch_view_get_summary (SdDispatchView *self)
{
  g_return_val_if_fail (SD_IS_DISPATCH_VIEW (self), NULL);
  return gtk_label_get_label (self->summary_label);
}

guint
sd_dispatch_view_get_n_performance_rows (SdDispatchView *self)
{
  g_return_val_if_fail (SD_IS_DISPATCH_VIEW (self), 0);
  return self->n_perf_rows;
}

const char *
sd_dispatch_view_get_page_name (SdDispatchView *self)
{
  g_return_val_if_fail (SD_IS_DISPATCH_VIEW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
sd_dispatch_view_set_page_name (SdDispatchView *self,
                                const char     *name)
{
  g_return_if_fail (SD_IS_DISPATCH_VIEW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
sd_dispatch_view_set_output_dir (SdDispatchView *self,
                                 const char     *directory)
{
  g_return_if_fail (SD_IS_DISPATCH_VIEW (self));
  g_free (self->output_dir);
  self->output_dir = g_strdup (directory);
  self->open_sheets = FALSE;
}

SdMap *
sd_dispatch_view_get_map (SdDispatchView *self)
{
  g_return_val_if_fail (SD_IS_DISPATCH_VIEW (self), NULL);
  return self->map;
}
