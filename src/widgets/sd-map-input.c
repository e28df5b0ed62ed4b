/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the pointer does on the map: a click on a stop shows its orders, Ctrl/Shift-click
 * or a Shift-drag rectangle selects stops, and in pick mode a click places the pin and a
 * drag on its head moves it. */
#define G_LOG_DOMAIN "songda-map"

#include "config.h"

#include <math.h>

#include "sd-map-private.h"

static Stop *
stop_for_dot (SdMap *self, SdMapDot *dot)
{
  for (guint i = 0; i < self->stops->len; i++)
    {
      Stop *stop = g_ptr_array_index (self->stops, i);
      if (stop->dot == dot)
        return stop;
    }
  return NULL;
}

static void
emit_selection (SdMap *self)
{
  g_autoptr(GArray) keys = sd_map_get_selected_stops (self);

  g_signal_emit (self, _sd_map_signals[SIGNAL_STOPS_SELECTED], 0, keys);
}

static void
on_dot_pressed (GtkGestureClick *gesture, int n_press, double x, double y, gpointer user_data)
{
  /* The click is the marker's: the map below must not start a pan or drop the pin. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_dot_released (GtkGestureClick *gesture, int n_press, double x, double y, SdMap *self)
{
  SdMapDot *dot = SD_MAP_DOT (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  GdkModifierType state = gtk_event_controller_get_current_event_state (
                            GTK_EVENT_CONTROLLER (gesture));
  Stop *stop;

  if (dot == self->depot_dot)
    {
      sd_map_dot_show_popover (dot);
      return;
    }
  stop = stop_for_dot (self, dot);
  if (stop == NULL)
    return;
  if (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    {
      sd_map_dot_set_selected (dot, !sd_map_dot_get_selected (dot));
      emit_selection (self);
      return;
    }
  sd_map_activate_stop (self, stop->key);
}

/* The drag is watched from the map as a whole (capture phase): a gesture on the pin itself
 * would measure the pointer against a widget that moves with it. */
static void
on_pin_drag_begin (GtkGestureDrag *gesture, double x, double y, SdMap *self)
{
  GtkWidget *hit = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  if (!self->pick_mode || !self->has_pin || hit == NULL ||
      (hit != GTK_WIDGET (self->pin_dot) &&
       !gtk_widget_is_ancestor (hit, GTK_WIDGET (self->pin_dot))))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->pin_dragging = TRUE;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  sd_map_location_to_widget (self, self->pin_lat, self->pin_lon, &self->drag_x, &self->drag_y);
}

static void
move_pin_by_drag (SdMap *self, double dx, double dy)
{
  graphene_point_t in = GRAPHENE_POINT_INIT (self->drag_x + dx, self->drag_y + dy), out;
  double lat, lon;

  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->map), &in, &out))
    return;
  _sd_map_point_to_location (self, out.x, out.y, &lat, &lon);
  self->pin_lat = lat;
  self->pin_lon = lon;
  _sd_map_place_marker (self, self->pin_marker, lat, lon);
}

static void
on_pin_drag_update (GtkGestureDrag *gesture, double dx, double dy, SdMap *self)
{
  if (self->pin_dragging)
    move_pin_by_drag (self, dx, dy);
}

static void
on_pin_drag_end (GtkGestureDrag *gesture, double dx, double dy, SdMap *self)
{
  /* Also called when drag-begin turned the gesture down. */
  if (!self->pin_dragging)
    return;
  self->pin_dragging = FALSE;
  move_pin_by_drag (self, dx, dy);
  g_signal_emit (self, _sd_map_signals[SIGNAL_PIN_MOVED], 0, self->pin_lat, self->pin_lon);
}

/* A click on the map itself, in pick mode, puts the pin there. */
static void
on_map_released (GtkGestureClick *gesture, int n_press, double x, double y, SdMap *self)
{
  double lat, lon;

  if (!self->pick_mode || n_press != 1)
    return;
  _sd_map_point_to_location (self, x, y, &lat, &lon);
  sd_map_set_pin (self, lat, lon);
  g_signal_emit (self, _sd_map_signals[SIGNAL_PIN_MOVED], 0, self->pin_lat, self->pin_lon);
}

/* ---- the selection rectangle ---- */

static void
on_pin_drag_cancel (GtkGesture *gesture, GdkEventSequence *sequence, SdMap *self)
{
  self->pin_dragging = FALSE;
}

static void
on_band_begin (GtkGestureDrag *gesture, double x, double y, SdMap *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
                            GTK_EVENT_CONTROLLER (gesture));

  if (self->pick_mode || !(state & GDK_SHIFT_MASK))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->banding = TRUE;
  self->band_x0 = self->band_x1 = x;
  self->band_y0 = self->band_y1 = y;
}

static void
on_band_update (GtkGestureDrag *gesture, double dx, double dy, SdMap *self)
{
  if (!self->banding)
    return;
  /* Only a real drag is a rectangle; a Shift-click stays a click on a marker. */
  if (gtk_gesture_get_sequence_state (GTK_GESTURE (gesture),
                                      gtk_gesture_single_get_current_sequence (
                                        GTK_GESTURE_SINGLE (gesture))) != GTK_EVENT_SEQUENCE_CLAIMED &&
      (fabs (dx) > 4 || fabs (dy) > 4))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->band_x1 = self->band_x0 + dx;
  self->band_y1 = self->band_y0 + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_band_end (GtkGestureDrag *gesture, double dx, double dy, SdMap *self)
{
  double x0, x1, y0, y1;
  gboolean any = FALSE;

  if (!self->banding)
    return;
  self->banding = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (fabs (dx) <= 4 && fabs (dy) <= 4)
    return;
  x0 = MIN (self->band_x0, self->band_x0 + dx);
  x1 = MAX (self->band_x0, self->band_x0 + dx);
  y0 = MIN (self->band_y0, self->band_y0 + dy);
  y1 = MAX (self->band_y0, self->band_y0 + dy);
  for (guint i = 0; i < self->stops->len; i++)
    {
      Stop *stop = g_ptr_array_index (self->stops, i);
      double x, y;

      if (sd_map_location_to_widget (self, stop->lat, stop->lon, &x, &y) &&
          x >= x0 && x <= x1 && y >= y0 && y <= y1)
        {
          sd_map_dot_set_selected (stop->dot, TRUE);
          any = TRUE;
        }
    }
  if (any)
    emit_selection (self);
}

static void
on_band_cancel (GtkGesture *gesture, GdkEventSequence *sequence, SdMap *self)
{
  self->banding = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- set-up ---- */

void
_sd_map_watch_marker (SdMap *self, GtkWidget *dot)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_dot_pressed), NULL);
  g_signal_connect (click, "released", G_CALLBACK (on_dot_released), self);
  gtk_widget_add_controller (dot, GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (dot, "pointer");
}

void
_sd_map_setup_input (SdMap *self)
{
  GtkGesture *gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "released", G_CALLBACK (on_map_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_band_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_band_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_band_end), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_band_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_pin_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_pin_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_pin_drag_end), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_pin_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}
