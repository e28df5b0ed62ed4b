/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Name and colour of a manual tag. GTK 4.8 has no colour dialog button, and a shop needs
 * no more than a handful of clearly different colours: a row of presets. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-tag-dialog.h"

struct _SdTagDialog
{
  AdwWindow       parent_instance;

  SdStore        *store;
  SdTag          *tag;          /* the copy being edited */
  GPtrArray      *buttons;      /* GtkToggleButton, each with its "color" */

  AdwWindowTitle *title;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  GtkBox         *colors_box;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The GNOME palette's clear middle tones: readable as a dot on light and dark rows. */
static const struct {
  const char *color;
  const char *name;
} presets[] = {
  { "#3584e4", N_("Blue") },
  { "#2ec27e", N_("Green") },
  { "#f5c211", N_("Yellow") },
  { "#ff7800", N_("Orange") },
  { "#e01b24", N_("Red") },
  { "#c061cb", N_("Purple") },
  { "#986a44", N_("Brown") },
  { "#9a9996", N_("Grey") },
};

G_DEFINE_FINAL_TYPE (SdTagDialog, sd_tag_dialog, ADW_TYPE_WINDOW)

/* --- the colour dot ------------------------------------------------------------------------ */

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        data)
{
  GdkRGBA rgba;
  double radius = MIN (width, height) / 2.0 - 1;

  if (!gdk_rgba_parse (&rgba, data))
    return;
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  /* a faint rim keeps yellow and grey visible on any background */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  /* the chosen colour of a colour button is ticked: the choice does not rest on hue alone */
  {
    GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (area));
    double luminance = 0.2126 * rgba.red + 0.7152 * rgba.green + 0.0722 * rgba.blue;

    if (!GTK_IS_TOGGLE_BUTTON (parent) || !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (parent)))
      return;
    if (luminance > 0.6)
      cairo_set_source_rgba (cr, 0, 0, 0, 0.75);
    else
      cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_set_line_width (cr, MAX (2, radius / 4));
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
    cairo_move_to (cr, width / 2.0 - radius * 0.45, height / 2.0 + radius * 0.02);
    cairo_line_to (cr, width / 2.0 - radius * 0.1, height / 2.0 + radius * 0.38);
    cairo_line_to (cr, width / 2.0 + radius * 0.48, height / 2.0 - radius * 0.36);
    cairo_stroke (cr);
  }
}

GtkWidget *
sd_color_dot_new (const char *color,
                  int         size)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_dot,
                                  g_strdup (color ? color : "#000000"), g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, color, -1);
  return area;
}

/* --- colour buttons ------------------------------------------------------------------------ */

static void
on_color_toggled (GtkButton *button)
{
  gtk_widget_queue_draw (gtk_button_get_child (button));   /* the tick comes or goes */
}

static GtkToggleButton *
add_color_button (SdTagDialog *self,
                  const char  *color,
                  const char  *name)
{
  GtkWidget *button = gtk_toggle_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), sd_color_dot_new (color, 22));
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  g_object_set_data_full (G_OBJECT (button), "color", g_ascii_strdown (color, -1), g_free);
  g_signal_connect (button, "toggled", G_CALLBACK (on_color_toggled), NULL);
  if (self->buttons->len > 0)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                 g_ptr_array_index (self->buttons, 0));
  gtk_box_append (self->colors_box, button);
  g_ptr_array_add (self->buttons, button);
  return GTK_TOGGLE_BUTTON (button);
}

static void
select_color (SdTagDialog *self,
              const char  *color)
{
  g_autofree char *lower = g_ascii_strdown (color, -1);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->buttons, i);
      if (g_str_equal (g_object_get_data (G_OBJECT (button), "color"), lower))
        {
          gtk_toggle_button_set_active (button, TRUE);
          return;
        }
    }
  /* a colour set elsewhere (an import, the command line) stays available */
  gtk_toggle_button_set_active (add_color_button (self, lower, lower), TRUE);
}

/* For a new tag: the first preset no tag wears yet, so tags stay apart at a glance. */
static const char *
unused_color (SdTagDialog *self)
{
  g_autoptr(GPtrArray) tags = sd_store_list_tags (self->store, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      gboolean used = FALSE;
      for (guint j = 0; tags && j < tags->len && !used; j++)
        used = g_ascii_strcasecmp (((SdTag *) g_ptr_array_index (tags, j))->color,
                                   presets[i].color) == 0;
      if (!used)
        return presets[i].color;
    }
  return presets[0].color;
}

/* --- callbacks ----------------------------------------------------------------------------- */

/* a message about the name goes once the owner changes it */
static void
clear_error (SdTagDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_label (self->error_label, "");
}

static void
on_save_clicked (SdTagDialog *self)
{
  sd_tag_dialog_save (self);
}

static void
on_cancel_clicked (SdTagDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* --- type ---------------------------------------------------------------------------------- */

static void
sd_tag_dialog_dispose (GObject *object)
{
  SdTagDialog *self = (SdTagDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_TAG_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tag, sd_tag_free);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_tag_dialog_parent_class)->dispose (object);
}

static void
sd_tag_dialog_class_init (SdTagDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_tag_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-tag-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdTagDialog, title);
  gtk_widget_class_bind_template_child (widget_class, SdTagDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdTagDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SdTagDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SdTagDialog, colors_box);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, clear_error);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                (GtkShortcutFunc) sd_tag_dialog_save, NULL);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sd_tag_dialog_init (SdTagDialog *self)
{
  self->buttons = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    add_color_button (self, presets[i].color, _(presets[i].name));
}

/* --- public API ---------------------------------------------------------------------------- */

GtkWidget *
sd_tag_dialog_new (SdStore     *store,
                   const SdTag *tag)
{
  SdTagDialog *self;
  const char *title;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (tag == NULL || !tag->automatic, NULL);

  self = g_object_new (SD_TYPE_TAG_DIALOG, NULL);
  self->store = g_object_ref (store);
  if (tag != NULL)
    {
      self->tag = sd_tag_new (tag->name, tag->color);
      self->tag->id = tag->id;
    }
  else
    self->tag = sd_tag_new ("", unused_color (self));

  title = tag ? _("Edit Tag") : _("New Tag");
  adw_window_title_set_title (self->title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->tag->name);
  select_color (self, self->tag->color);

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return GTK_WIDGET (self);
}

gboolean
sd_tag_dialog_save (SdTagDialog *self)
{
  g_autoptr(SdTag) tag = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SD_IS_TAG_DIALOG (self), FALSE);

  clear_error (self);
  tag = sd_tag_new (gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                    sd_tag_dialog_get_color (self));
  tag->id = self->tag->id;
  if (!sd_store_save_tag (self->store, tag, &error))
    {
      /* a missing or duplicate name is the only thing the owner can get wrong here */
      gtk_label_set_label (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, tag->id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

void
sd_tag_dialog_set_name (SdTagDialog *self,
                        const char  *name)
{
  g_return_if_fail (SD_IS_TAG_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
}

void
sd_tag_dialog_set_color (SdTagDialog *self,
                         const char  *color)
{
  g_return_if_fail (SD_IS_TAG_DIALOG (self));
  g_return_if_fail (color != NULL);
  select_color (self, color);
}

const char *
sd_tag_dialog_get_color (SdTagDialog *self)
{
  g_return_val_if_fail (SD_IS_TAG_DIALOG (self), NULL);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->buttons, i);
      if (gtk_toggle_button_get_active (button))
        return g_object_get_data (G_OBJECT (button), "color");
    }
  return self->tag->color;
}

guint
sd_tag_dialog_get_n_colors (SdTagDialog *self)
{
  g_return_val_if_fail (SD_IS_TAG_DIALOG (self), 0);
  return self->buttons->len;
}

const char *
sd_tag_dialog_get_error (SdTagDialog *self)
{
  g_return_val_if_fail (SD_IS_TAG_DIALOG (self), NULL);
  return gtk_label_get_label (self->error_label);
}
