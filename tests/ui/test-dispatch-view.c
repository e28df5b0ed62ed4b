/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dispatch board under Xvfb, in the real window: the demo's tomorrow planned with its
 * four couriers by "Optimise" (the solver on a worker thread), one stop given to another
 * courier by selecting it and "Assign To", moved up with the same action as Alt+Up, one
 * route sent out for delivery; the order states and couriers are then read back from the
 * store. An order phoned in while the solver runs: the plan is refused, Optimise again. Screenshots of the board and of the performance page. */
#include "config.h"

#include <string.h>

#include "ui-test-util.h"

#include "sd-app-init.h"
#include "sd-application.h"
#include "sd-catalog.h"
#include "sd-dispatch-view.h"
#include "sd-dispatch.h"
#include "sd-map.h"
#include "sd-preferences-window.h"
#include "sd-window.h"

/* The demo is written as of now (the app expires old water tickets when it opens, so a
 * demo from another time would change under the test); its days are Hangzhou days. */
static char *TOMORROW;

static char *tmp_dir;
static char *db_path;
static SdApplication *app;
static SdStore *store;
static SdWindow *window;
static SdDispatchView *view;
static gint64 couriers[4];

static gboolean
not_busy (gpointer data)
{
  return !sd_dispatch_view_is_busy (SD_DISPATCH_VIEW (data));
}

static gboolean
widget_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static SdDispatchDay *
load_day (void)
{
  g_autoptr(GError) error = NULL;
  SdDispatchDay *day = sd_store_load_dispatch_day (store, TOMORROW, &error);

  g_assert_no_error (error);
  return day;
}

static void
assert_order (gint64        order_id,
              SdOrderStatus status,
              gint64        courier_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_store_load_order (store, order_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (order->status, ==, status);
  g_assert_cmpint (order->courier_id, ==, courier_id);
}

/* The columns show what the store has, in the same order. */
static void
assert_columns_match_store (void)
{
  g_autoptr(SdDispatchDay) day = load_day ();
  g_autoptr(GArray) unassigned = sd_dispatch_view_get_column_keys (view, 0);

  g_assert_cmpuint (unassigned->len, ==, day->unassigned->len);
  for (guint i = 0; i < day->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (day->routes, i);
      g_autoptr(GArray) keys = sd_dispatch_view_get_column_keys (view, route->courier_id);

      g_assert_cmpuint (keys->len, ==, route->stops->len);
      for (guint j = 0; j < keys->len; j++)
        g_assert_cmpint (g_array_index (keys, gint64, j), ==,
                         ((SdDispatchStop *) g_ptr_array_index (route->stops, j))->key);
    }
}

static void
test_plan_move_send_out (void)
{
  g_autoptr(SdDispatchDay) before = NULL;
  g_autoptr(SdDispatchDay) planned = NULL;
  g_autoptr(SdDispatchDay) sent = NULL;
  g_autoptr(GArray) a_keys = NULL;
  g_autoptr(GArray) b_keys = NULL;
  SdDispatchRoute *a = NULL, *b = NULL;
  gint64 moved;

  g_assert_true (sd_dispatch_view_set_day (view, TOMORROW));
  sd_dispatch_view_set_couriers (view, couriers, 4);
  g_assert_true (wait_for (widget_drawn, view, 5000));

  /* nothing planned yet: every stop waits apart */
  before = load_day ();
  g_assert_cmpuint (before->stops->len, >=, 25);
  assert_columns_match_store ();

  /* optimise: the solver runs in a thread, the window stays responsive */
  gtk_widget_activate_action (GTK_WIDGET (view), "dispatch.optimise", NULL);
  g_assert_true (sd_dispatch_view_is_busy (view));
  g_assert_true (wait_for (not_busy, view, 30000));
  spin (100);
  planned = load_day ();
  g_assert_cmpuint (planned->unassigned->len, <, before->stops->len / 4);
  assert_columns_match_store ();
  for (guint i = 0; i < planned->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (planned->routes, i);

      if (route->capacity > 0)
        g_assert_cmpint (route->load, <=, route->capacity);
      for (guint j = 0; j < route->stops->len; j++)
        {
          SdDispatchStop *stop = g_ptr_array_index (route->stops, j);
          for (guint k = 0; k < stop->order_ids->len; k++)
            assert_order (g_array_index (stop->order_ids, gint64, k), SD_ORDER_TO_DISPATCH, route->courier_id);
        }
      if (route->stops->len > 0)
        {
          g_autofree char *km = g_strdup_printf (is_chinese () ? "%.1f 公里" : "%.1f km", route->distance_m / 1000.0);
          g_assert_nonnull (strstr (sd_dispatch_view_get_column_figures (view, route->courier_id), km));
        }
      if (route->stops->len >= 2 && a == NULL)
        a = route;
      else if (route->stops->len >= 1 && b == NULL)
        b = route;
    }
  g_assert_nonnull (a);
  g_assert_nonnull (b);

  /* the map shows every stop and a line per route */
  {
    SdMap *map = sd_dispatch_view_get_map (view);
    guint located = 0, routes = 0;

    g_assert_nonnull (map);
    for (guint i = 0; i < planned->stops->len; i++)
      located += ((SdDispatchStop *) g_ptr_array_index (planned->stops, i))->has_location;
    for (guint i = 0; i < planned->routes->len; i++)
      routes += ((SdDispatchRoute *) g_ptr_array_index (planned->routes, i))->stops->len > 0;
    g_assert_cmpuint (sd_map_get_n_stops (map), ==, located);
    g_assert_cmpuint (sd_map_get_n_routes (map), ==, routes);
  }
  save_screenshot (GTK_WIDGET (window), "dispatch-planned");

  /* select the second stop of A's route on the map (as a Ctrl+click does) and give it to B */
  moved = ((SdDispatchStop *) g_ptr_array_index (a->stops, 1))->key;
  {
    g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (gint64));

    /* the lists follow the map: only that stop moves below */
    g_array_append_val (picked, moved);
    g_signal_emit_by_name (sd_dispatch_view_get_map (view), "stops-selected", picked);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dispatch.assign", "x", b->courier_id));
  spin (50);
  assert_order (moved, SD_ORDER_TO_DISPATCH, b->courier_id);
  a_keys = sd_dispatch_view_get_column_keys (view, a->courier_id);
  b_keys = sd_dispatch_view_get_column_keys (view, b->courier_id);
  g_assert_cmpuint (a_keys->len, ==, a->stops->len - 1);
  g_assert_cmpuint (b_keys->len, ==, b->stops->len + 1);
  g_assert_cmpint (g_array_index (b_keys, gint64, b_keys->len - 1), ==, moved);
  assert_columns_match_store ();

  /* Alt+Up's action: one place earlier on B's route */
  g_assert_true (sd_dispatch_view_select_stop (view, moved));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dispatch.move-up", NULL));
  g_clear_pointer (&b_keys, g_array_unref);
  b_keys = sd_dispatch_view_get_column_keys (view, b->courier_id);
  g_assert_cmpint (g_array_index (b_keys, gint64, b_keys->len - 2), ==, moved);
  assert_columns_match_store ();

  /* B goes out: all of B's orders move on, A's stay */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dispatch.out", "x", b->courier_id));
  spin (50);
  sent = load_day ();
  for (guint i = 0; i < sent->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (sent->routes, i);

      g_assert_cmpint (route->out, ==, route->courier_id == b->courier_id);
      for (guint j = 0; j < route->stops->len; j++)
        {
          SdDispatchStop *stop = g_ptr_array_index (route->stops, j);
          for (guint k = 0; k < stop->order_ids->len; k++)
            assert_order (g_array_index (stop->order_ids, gint64, k),
                          route->courier_id == b->courier_id ? SD_ORDER_OUT_FOR_DELIVERY : SD_ORDER_TO_DISPATCH,
                          route->courier_id);
        }
    }
  assert_order (moved, SD_ORDER_OUT_FOR_DELIVERY, b->courier_id);
  assert_columns_match_store ();
  spin (200);
  save_screenshot (GTK_WIDGET (window), "dispatch-board");

  /* route sheets: one for B from its column, then one per courier with stops */
  {
    g_autofree char *dir = g_build_filename (tmp_dir, "sheets", NULL);
    g_autofree char *file = NULL;
    g_autofree char *contents = NULL;
    g_autoptr(GDir) listing = NULL;
    gsize len = 0;
    guint n_files = 0, with_stops = 0;

    sd_dispatch_view_set_output_dir (view, dir);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dispatch.sheet", "x", b->courier_id));
    file = g_strdup_printf ("%s/%s-%s.pdf", dir, TOMORROW, b->name);
    g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
    g_assert_true (len > 1000 && memcmp (contents, "%PDF", 4) == 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dispatch.sheets", NULL));
    listing = g_dir_open (dir, 0, NULL);
    while (g_dir_read_name (listing) != NULL)
      n_files++;
    for (guint i = 0; i < sent->routes->len; i++)
      with_stops += ((SdDispatchRoute *) g_ptr_array_index (sent->routes, i))->stops->len > 0;
    g_assert_cmpuint (n_files, ==, with_stops);
  }
}

static void
test_performance_page (void)
{
  /* the demo delivered in the 30 days up to tomorrow, with every courier */
  g_assert_cmpuint (sd_dispatch_view_get_n_performance_rows (view), >=, 4);
  sd_dispatch_view_set_page_name (view, "performance");
  g_assert_cmpstr (sd_dispatch_view_get_page_name (view), ==, "performance");
  spin (200);
  save_screenshot (GTK_WIDGET (window), "dispatch-performance");
  sd_dispatch_view_set_page_name (view, "board");
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
}

/* A late order: "Fit In" puts it on a route and leaves every other stop where it was. */
static void
test_fit_in_late_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchDay) before = load_day ();
  g_autoptr(SdDispatchDay) after = NULL;
  g_autoptr(SdOrder) order = NULL;
  g_autoptr(SdOrder) back = NULL;
  g_autoptr(GPtrArray) products = sd_store_list_products (store, FALSE, &error);
  SdDispatchStop *any = g_ptr_array_index (before->stops, before->stops->len / 2);
  g_autoptr(GArray) waiting = NULL;

  order = sd_order_new (any->customer_id, any->address_id, TOMORROW, SD_PAY_CASH_ON_DELIVERY);
  sd_order_add_line (order, ((SdProduct *) g_ptr_array_index (products, 0))->id, 1);
  g_assert_true (sd_store_create_order (store, order, "test", &error));
  sd_dispatch_view_reload (view);
  waiting = sd_dispatch_view_get_column_keys (view, 0);
  g_assert_cmpuint (waiting->len, ==, before->unassigned->len + 1);

  g_assert_true (sd_dispatch_view_select_stop (view, order->id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dispatch.insert", NULL));
  back = sd_store_load_order (store, order->id, &error);
  g_assert_cmpint (back->status, ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (back->courier_id, >, 0);
  assert_columns_match_store ();

  /* every other route is as it was; the chosen one gained just this stop, or, when it
   * already stops at that address, the order joined that stop (one stop per address) */
  after = load_day ();
  for (guint i = 0; i < after->routes->len; i++)
    {
      SdDispatchRoute *a = g_ptr_array_index (after->routes, i);
      SdDispatchRoute *b = sd_dispatch_day_find_route (before, a->courier_id);
      gboolean joined = FALSE;
      guint k = 0;

      for (guint j = 0; j < a->stops->len; j++)
        {
          SdDispatchStop *stop = g_ptr_array_index (a->stops, j);
          for (guint m = 0; m < stop->order_ids->len; m++)
            if (g_array_index (stop->order_ids, gint64, m) == order->id && stop->key != order->id)
              {
                joined = TRUE;
                g_assert_cmpint (stop->address_id, ==, any->address_id);
              }
        }
      g_assert_cmpuint (a->stops->len, ==, b->stops->len + (a->courier_id == back->courier_id && !joined));
      for (guint j = 0; j < a->stops->len; j++)
        {
          gint64 key = ((SdDispatchStop *) g_ptr_array_index (a->stops, j))->key;
          if (key == order->id)
            continue;
          g_assert_cmpint (key, ==, ((SdDispatchStop *) g_ptr_array_index (b->stops, k))->key);
          k++;
        }
    }
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (shows_text (child, text))
        return TRUE;
    }
  return FALSE;
}

static gboolean
toast_says_plan_again (gpointer data)
{
  return shows_text (GTK_WIDGET (data), is_chinese () ? "请重新规划" : "plan again");
}

/* An order phoned in while the solver runs: the plan of the day as it was is not saved,
 * the board says so and shows the day as it is; Optimise again plans the new order. A
 * window of its own, so the toast is not queued behind the main window's. */
static void
test_day_changed_while_optimising (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchDay) before = load_day ();
  g_autoptr(SdOrder) order = NULL;
  g_autoptr(SdOrder) back = NULL;
  g_autoptr(GPtrArray) products = sd_store_list_products (store, FALSE, &error);
  g_autoptr(GArray) waiting = NULL;
  SdDispatchStop *any = g_ptr_array_index (before->stops, 0);
  GtkWidget *win = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *board = sd_dispatch_view_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), board);
  gtk_window_set_child (GTK_WINDOW (win), overlay);
  gtk_window_set_default_size (GTK_WINDOW (win), 1500, 900);
  sd_dispatch_view_set_store (SD_DISPATCH_VIEW (board), store);
  g_assert_true (sd_dispatch_view_set_day (SD_DISPATCH_VIEW (board), TOMORROW));
  sd_dispatch_view_set_couriers (SD_DISPATCH_VIEW (board), couriers, 4);
  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (wait_for (widget_drawn, board, 5000));

  gtk_widget_activate_action (board, "dispatch.optimise", NULL);
  g_assert_true (sd_dispatch_view_is_busy (SD_DISPATCH_VIEW (board)));
  order = sd_order_new (any->customer_id, any->address_id, TOMORROW, SD_PAY_CASH_ON_DELIVERY);
  sd_order_add_line (order, ((SdProduct *) g_ptr_array_index (products, 0))->id, 1);
  g_assert_true (sd_store_create_order (store, order, "test", &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (not_busy, board, 30000));
  spin (300);

  back = sd_store_load_order (store, order->id, &error);
  g_assert_cmpint (back->status, ==, SD_ORDER_PENDING);
  g_assert_cmpint (back->courier_id, ==, 0);
  /* nothing else moved either, and the board shows the new order waiting */
  {
    g_autoptr(SdDispatchDay) now = load_day ();
    for (guint i = 0; i < now->routes->len; i++)
      {
        SdDispatchRoute *route = g_ptr_array_index (now->routes, i);
        g_assert_cmpuint (route->stops->len, ==, sd_dispatch_day_find_route (before, route->courier_id)->stops->len);
      }
  }
  waiting = sd_dispatch_view_get_column_keys (SD_DISPATCH_VIEW (board), 0);
  g_assert_cmpuint (waiting->len, ==, before->unassigned->len + 1);
  g_assert_true (wait_for (toast_says_plan_again, win, 5000));
  spin (300);
  save_screenshot (win, "dispatch-day-changed");

  /* Optimise again */
  gtk_widget_activate_action (board, "dispatch.optimise", NULL);
  g_assert_true (wait_for (not_busy, board, 30000));
  spin (100);
  g_clear_pointer (&back, sd_order_free);
  back = sd_store_load_order (store, order->id, &error);
  g_assert_cmpint (back->status, ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (back->courier_id, >, 0);
  g_clear_pointer (&waiting, g_array_unref);
  waiting = sd_dispatch_view_get_column_keys (SD_DISPATCH_VIEW (board), back->courier_id);
  {
    gboolean shown = FALSE;
    for (guint i = 0; i < waiting->len; i++)
      shown |= g_array_index (waiting, gint64, i) == order->id;
    if (!shown)   /* or it joined a stop at its address */
      {
        g_autoptr(SdDispatchDay) now = load_day ();
        SdDispatchRoute *route = sd_dispatch_day_find_route (now, back->courier_id);
        for (guint i = 0; i < route->stops->len; i++)
          {
            SdDispatchStop *stop = g_ptr_array_index (route->stops, i);
            for (guint k = 0; k < stop->order_ids->len; k++)
              shown |= g_array_index (stop->order_ids, gint64, k) == order->id;
          }
      }
    g_assert_true (shown);
  }
  gtk_window_destroy (GTK_WINDOW (win));
  spin (100);
  sd_dispatch_view_reload (view);
}

static gboolean
task_gone (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_view_finalized (gpointer data,
                   GObject *where)
{
  *(gboolean *) data = TRUE;
}

/* Closing the window while the solver runs: the task keeps the board until the solver
 * returns, the plan the user asked for is saved, and the board is then let go. */
static void
test_close_while_optimising (void)
{
  GtkWidget *win = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *board = sd_dispatch_view_new ();
  gboolean finalized = FALSE;
  g_autoptr(GError) error = NULL;
  gint64 late;

  /* a new order waits apart */
  {
    g_autoptr(SdDispatchDay) day = load_day ();
    SdDispatchStop *any = g_ptr_array_index (day->stops, 0);
    g_autoptr(SdOrder) order = sd_order_new (any->customer_id, any->address_id, TOMORROW,
                                             SD_PAY_CASH_ON_DELIVERY);
    g_autoptr(GPtrArray) products = sd_store_list_products (store, FALSE, &error);

    sd_order_add_line (order, ((SdProduct *) g_ptr_array_index (products, 0))->id, 1);
    g_assert_true (sd_store_create_order (store, order, "test", &error));
    late = order->id;
  }
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), board);
  gtk_window_set_child (GTK_WINDOW (win), overlay);
  sd_dispatch_view_set_store (SD_DISPATCH_VIEW (board), store);
  g_assert_true (sd_dispatch_view_set_day (SD_DISPATCH_VIEW (board), TOMORROW));
  g_object_weak_ref (G_OBJECT (board), on_view_finalized, &finalized);
  gtk_widget_activate_action (board, "dispatch.optimise", NULL);
  g_assert_true (sd_dispatch_view_is_busy (SD_DISPATCH_VIEW (board)));
  gtk_window_destroy (GTK_WINDOW (win));
  g_assert_true (wait_for (task_gone, &finalized, 30000));
  {
    g_autoptr(SdOrder) order = sd_store_load_order (store, late, &error);
    g_assert_cmpint (order->status, ==, SD_ORDER_TO_DISPATCH);
    g_assert_cmpint (order->courier_id, >, 0);
  }
}

/* Preferences → Map → Route Planning: what the planner reads, written through the core. */
static void
test_preferences (void)
{
  GtkWidget *prefs = sd_preferences_window_new (store);
  GtkWidget *speed, *start;
  SdDispatchOptions o;

  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "map");
  g_assert_true (wait_for (widget_drawn, prefs, 5000));
  speed = find_named (prefs, "dispatch-speed");
  start = find_named (prefs, "dispatch-shift-start");
  g_assert_nonnull (speed);
  g_assert_nonnull (start);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (speed)), ==, "25");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, "07:30");   /* the demo's */

  gtk_editable_set_text (GTK_EDITABLE (speed), "20");
  g_signal_emit_by_name (speed, "apply");
  sd_store_get_dispatch_options (store, &o);
  g_assert_cmpfloat (o.speed_kmh, ==, 20);
  sd_dispatch_options_clear (&o);

  /* a bad value is refused and nothing changes */
  gtk_editable_set_text (GTK_EDITABLE (start), "25:00");
  g_signal_emit_by_name (start, "apply");
  sd_store_get_dispatch_options (store, &o);
  g_assert_cmpstr (o.shift_start, ==, "07:30");
  sd_dispatch_options_clear (&o);

  {
    GtkWidget *group = gtk_widget_get_ancestor (speed, ADW_TYPE_PREFERENCES_GROUP);
    GtkWidget *scroller = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = scroller ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)) : NULL;
    if (adj)
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  }
  spin (300);
  save_screenshot (prefs, "dispatch-preferences");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  {
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;
    g_autoptr(GDateTime) hangzhou = g_date_time_new_from_unix_utc (now + 8 * 3600 + 86400);

    TOMORROW = g_date_time_format (hangzhou, "%Y-%m-%d");
    app = ui_test_demo_app ("dispatch", now, &tmp_dir, &db_path);
  }
  store = sd_application_get_store (app);
  g_assert_nonnull (store);
  list = sd_store_list_couriers (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 4);
  for (guint i = 0; i < 4; i++)
    couriers[i] = ((SdCourier *) g_ptr_array_index (list, i))->id;

  /* the map stays off the network: tiles from a port nobody listens on, cached here */
  {
    g_autofree char *cache = g_build_filename (tmp_dir, "cache", NULL);
    g_setenv ("SONGDA_TILE_URL", "http://127.0.0.1:9/{z}/{x}/{y}.png", TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  window = sd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);
  gtk_stack_set_visible_child_name (sd_window_get_stack (window), "dispatch");
  view = SD_DISPATCH_VIEW (sd_window_get_dispatch_view (window));
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/dispatch/plan-move-send-out", test_plan_move_send_out);
  g_test_add_func ("/dispatch/performance", test_performance_page);
  g_test_add_func ("/dispatch/fit-in-late-order", test_fit_in_late_order);
  g_test_add_func ("/dispatch/day-changed-while-optimising", test_day_changed_while_optimising);
  g_test_add_func ("/dispatch/preferences", test_preferences);
  g_test_add_func ("/dispatch/close-while-optimising", test_close_while_optimising);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  g_clear_object (&app);
  ui_test_remove_dir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  g_free (TOMORROW);
  return status;
}
