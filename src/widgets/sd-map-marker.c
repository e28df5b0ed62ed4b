/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda-map"

#include "config.h"

#include <math.h>

#include "sd-map-marker.h"

#define STOP_SIZE   26
#define DEPOT_SIZE  34
#define PIN_WIDTH   30
#define PIN_HEIGHT  40

struct _SdMapDot
{
  GtkWidget     parent_instance;

  SdMapDotKind  kind;
  GdkRGBA       color;
  char         *badge;
  char         *label;
  gboolean      selected;
  GtkWidget    *popover;
};

G_DEFINE_FINAL_TYPE (SdMapDot, sd_map_dot, GTK_TYPE_WIDGET)

static PangoLayout *
badge_layout (SdMapDot *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->badge);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static int
badge_width (SdMapDot *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  if (self->badge == NULL || *self->badge == '\0')
    return 0;
  layout = badge_layout (self);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
sd_map_dot_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  SdMapDot *self = SD_MAP_DOT (widget);
  int size;

  switch (self->kind)
    {
    case SD_MAP_DOT_DEPOT:
      size = DEPOT_SIZE;
      break;
    case SD_MAP_DOT_PIN:
      /* Twice the pin's height, the tip in the middle: the marker layer centres a
       * marker on its location, and the tip is what points there. */
      size = orientation == GTK_ORIENTATION_HORIZONTAL ? PIN_WIDTH : 2 * PIN_HEIGHT;
      break;
    case SD_MAP_DOT_STOP:
    default:
      /* A selected stop grows a ring outside, keeping its colour as large as before. */
      size = STOP_SIZE + (self->selected ? 6 : 0);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        size = MAX (size, badge_width (self) + 12 + (self->selected ? 6 : 0));
      break;
    }
  *minimum = *natural = size;
}

static void
sd_map_dot_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SdMapDot *self = SD_MAP_DOT (widget);

  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
rounded_box (cairo_t *cr, double x, double y, double w, double h)
{
  double r = h / 2.0;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + r, y + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_stop (SdMapDot *self, cairo_t *cr, int width, int height)
{
  double inset = self->selected ? 1.0 : 3.0;

  if (self->selected)
    {
      /* A dark ring outside a white one reads on light and dark tiles alike. */
      rounded_box (cr, 0, 0, width, height);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_fill (cr);
      rounded_box (cr, 2.5, 2.5, width - 5, height - 5);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      inset = 5.0;
    }
  else
    {
      rounded_box (cr, inset - 1.5, inset - 1.5, width - 2 * inset + 3, height - 2 * inset + 3);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
      cairo_fill (cr);
    }
  rounded_box (cr, inset, inset, width - 2 * inset, height - 2 * inset);
  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_fill (cr);

  if (self->badge != NULL && *self->badge != '\0')
    {
      g_autoptr(PangoLayout) layout = badge_layout (self);
      double luminance = 0.299 * self->color.red + 0.587 * self->color.green +
                         0.114 * self->color.blue;
      int tw, th;

      pango_layout_get_pixel_size (layout, &tw, &th);
      if (luminance > 0.6)
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, (width - tw) / 2.0, (height - th) / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_depot (SdMapDot *self, cairo_t *cr, int width, int height)
{
  double s = MIN (width, height);

  cairo_arc (cr, width / 2.0, height / 2.0, s / 2.0, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_arc (cr, width / 2.0, height / 2.0, s / 2.0 - 2, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.18, 0.20, 0.21);
  cairo_fill (cr);

  /* A house: a roof and a body with a door. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, s * 0.22, s * 0.50);
  cairo_line_to (cr, s * 0.50, s * 0.24);
  cairo_line_to (cr, s * 0.78, s * 0.50);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_rectangle (cr, s * 0.31, s * 0.48, s * 0.38, s * 0.28);
  cairo_fill (cr);
  cairo_rectangle (cr, s * 0.45, s * 0.60, s * 0.10, s * 0.16);
  cairo_set_source_rgb (cr, 0.18, 0.20, 0.21);
  cairo_fill (cr);
}

static void
draw_pin (SdMapDot *self, cairo_t *cr, int width, int height)
{
  double cx = width / 2.0, tip = height / 2.0;
  double r = PIN_WIDTH / 2.0 - 2;
  double cy = tip - PIN_HEIGHT + r + 2;

  cairo_move_to (cr, cx, tip);
  cairo_arc (cr, cx, cy, r, G_PI * 0.80, G_PI * 2.20);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 3);
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_fill (cr);
  cairo_arc (cr, cx, cy, r * 0.38, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
}

static void
sd_map_dot_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SdMapDot *self = SD_MAP_DOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  switch (self->kind)
    {
    case SD_MAP_DOT_DEPOT:
      draw_depot (self, cr, width, height);
      break;
    case SD_MAP_DOT_PIN:
      draw_pin (self, cr, width, height);
      break;
    case SD_MAP_DOT_STOP:
    default:
      draw_stop (self, cr, width, height);
      break;
    }
  cairo_destroy (cr);
}

/* The pin's tip sits at the centre; only its head should take clicks, so the map below
 * the tip stays clickable. */
static gboolean
sd_map_dot_contains (GtkWidget *widget, double x, double y)
{
  SdMapDot *self = SD_MAP_DOT (widget);

  if (self->kind == SD_MAP_DOT_PIN)
    return y >= 0 && y <= gtk_widget_get_height (widget) / 2.0 && x >= 0 &&
           x <= gtk_widget_get_width (widget);
  return GTK_WIDGET_CLASS (sd_map_dot_parent_class)->contains (widget, x, y);
}

static void
sd_map_dot_dispose (GObject *object)
{
  SdMapDot *self = SD_MAP_DOT (object);

  if (self->popover != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->popover));
  G_OBJECT_CLASS (sd_map_dot_parent_class)->dispose (object);
}

static void
sd_map_dot_finalize (GObject *object)
{
  SdMapDot *self = SD_MAP_DOT (object);

  g_free (self->badge);
  g_free (self->label);
  G_OBJECT_CLASS (sd_map_dot_parent_class)->finalize (object);
}

static void
sd_map_dot_class_init (SdMapDotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_map_dot_dispose;
  object_class->finalize = sd_map_dot_finalize;
  widget_class->measure = sd_map_dot_measure;
  widget_class->size_allocate = sd_map_dot_size_allocate;
  widget_class->snapshot = sd_map_dot_snapshot;
  widget_class->contains = sd_map_dot_contains;
  gtk_widget_class_set_css_name (widget_class, "sd-map-marker");
}

static void
sd_map_dot_init (SdMapDot *self)
{
  gdk_rgba_parse (&self->color, "#3584e4");
}

GtkWidget *
sd_map_dot_new (SdMapDotKind kind)
{
  SdMapDot *self = g_object_new (SD_TYPE_MAP_DOT, NULL);

  self->kind = kind;
  if (kind == SD_MAP_DOT_PIN)
    gdk_rgba_parse (&self->color, "#e01b24");
  return GTK_WIDGET (self);
}

void
sd_map_dot_set_color (SdMapDot *self, const char *color)
{
  g_return_if_fail (SD_IS_MAP_DOT (self));

  if (color == NULL || !gdk_rgba_parse (&self->color, color))
    gdk_rgba_parse (&self->color, "#3584e4");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sd_map_dot_set_badge (SdMapDot *self, const char *badge)
{
  g_return_if_fail (SD_IS_MAP_DOT (self));

  if (g_strcmp0 (self->badge, badge) == 0)
    return;
  g_free (self->badge);
  self->badge = g_strdup (badge);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
sd_map_dot_set_selected (SdMapDot *self, gboolean selected)
{
  g_return_if_fail (SD_IS_MAP_DOT (self));

  selected = !!selected;
  if (self->selected == selected)
    return;
  self->selected = selected;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
sd_map_dot_get_selected (SdMapDot *self)
{
  g_return_val_if_fail (SD_IS_MAP_DOT (self), FALSE);
  return self->selected;
}

void
sd_map_dot_set_label (SdMapDot *self, const char *label)
{
  g_return_if_fail (SD_IS_MAP_DOT (self));

  g_free (self->label);
  self->label = g_strdup (label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), label);
}

const char *
sd_map_dot_get_label (SdMapDot *self)
{
  g_return_val_if_fail (SD_IS_MAP_DOT (self), NULL);
  return self->label;
}

void
sd_map_dot_show_popover (SdMapDot *self)
{
  GtkWidget *text;

  g_return_if_fail (SD_IS_MAP_DOT (self));

  if (self->label == NULL || *self->label == '\0')
    return;
  /* Made once and kept: it is hidden, not destroyed, when it closes. */
  if (self->popover == NULL)
    {
      text = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      self->popover = gtk_popover_new ();
      gtk_popover_set_child (GTK_POPOVER (self->popover), text);
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
    }
  text = gtk_popover_get_child (GTK_POPOVER (self->popover));
  gtk_label_set_text (GTK_LABEL (text), self->label);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* The popover while it shows, else NULL. */
GtkWidget *
sd_map_dot_get_popover (SdMapDot *self)
{
  g_return_val_if_fail (SD_IS_MAP_DOT (self), NULL);
  if (self->popover == NULL || !gtk_widget_get_visible (self->popover))
    return NULL;
  return self->popover;
}
