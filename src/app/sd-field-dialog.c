/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Add or edit an owner-defined customer field. The core decides what a valid definition
 * is (a label, distinct choices, no kind change once customers have values); the dialog
 * reads the form and shows the core's verdict. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-field-dialog.h"

struct _SdFieldDialog
{
  AdwWindow            parent_instance;

  SdStore             *store;
  SdCustomField       *field;      /* the copy being edited */

  AdwWindowTitle      *title;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwEntryRow         *label_row;
  AdwComboRow         *kind_row;
  GtkSwitch           *required_switch;
  AdwPreferencesGroup *choices_group;
  GtkTextView         *choices_view;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdFieldDialog, sd_field_dialog, ADW_TYPE_WINDOW)

/* --- helpers ------------------------------------------------------------------------------- */

static SdFieldKind
selected_kind (SdFieldDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected < SD_FIELD_N_KINDS ? (SdFieldKind) selected : SD_FIELD_TEXT;
}

static char *
choices_text (SdFieldDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->choices_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
clear_error (SdFieldDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->label_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->kind_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->choices_view), "error");
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_label (self->error_label, "");
}

/* The core's definition errors share one code; the form tells which row they concern. */
static void
show_error (SdFieldDialog *self,
            const GError  *error)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_row))));
  GtkWidget *row = NULL;

  gtk_label_set_label (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);

  if (*label == '\0')
    row = GTK_WIDGET (self->label_row);
  else if (self->field->id != 0 && selected_kind (self) != self->field->kind)
    row = GTK_WIDGET (self->kind_row);
  else if (selected_kind (self) == SD_FIELD_CHOICE)
    row = GTK_WIDGET (self->choices_view);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

/* The form as a field definition; the core trims labels and drops blank choices. */
static SdCustomField *
read_form (SdFieldDialog *self)
{
  SdCustomField *field = sd_custom_field_copy (self->field);

  g_free (field->label);
  field->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_row)));
  field->kind = selected_kind (self);
  field->required = gtk_switch_get_active (self->required_switch);

  g_strfreev (field->choices);
  if (field->kind == SD_FIELD_CHOICE)
    {
      g_autofree char *text = choices_text (self);
      g_strdelimit (text, "\r", '\n');
      field->choices = g_strsplit (text, "\n", -1);
    }
  else
    field->choices = g_new0 (char *, 1);
  return field;
}

/* --- callbacks ----------------------------------------------------------------------------- */

static void
on_kind_changed (SdFieldDialog *self)
{
  clear_error (self);
  gtk_widget_set_visible (GTK_WIDGET (self->choices_group),
                          selected_kind (self) == SD_FIELD_CHOICE);
}

static void
on_save_clicked (SdFieldDialog *self)
{
  sd_field_dialog_save (self);
}

static void
on_cancel_clicked (SdFieldDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* --- type ---------------------------------------------------------------------------------- */

static void
sd_field_dialog_dispose (GObject *object)
{
  SdFieldDialog *self = (SdFieldDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_FIELD_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->field, sd_custom_field_free);

  G_OBJECT_CLASS (sd_field_dialog_parent_class)->dispose (object);
}

static void
sd_field_dialog_class_init (SdFieldDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_field_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-field-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdFieldDialog, title);
  gtk_widget_class_bind_template_child (widget_class, SdFieldDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdFieldDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SdFieldDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, SdFieldDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SdFieldDialog, required_switch);
  gtk_widget_class_bind_template_child (widget_class, SdFieldDialog, choices_group);
  gtk_widget_class_bind_template_child (widget_class, SdFieldDialog, choices_view);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, clear_error);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                (GtkShortcutFunc) sd_field_dialog_save, NULL);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sd_field_dialog_init (SdFieldDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < SD_FIELD_N_KINDS; i++)
    gtk_string_list_append (kinds, sd_field_kind_label ((SdFieldKind) i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
}

/* --- public API ---------------------------------------------------------------------------- */

GtkWidget *
sd_field_dialog_new (SdStore             *store,
                     const SdCustomField *field)
{
  SdFieldDialog *self;
  const char *title;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_FIELD_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->field = field ? sd_custom_field_copy (field) : sd_custom_field_new ("", SD_FIELD_TEXT);

  title = field ? _("Edit Field") : _("New Field");
  adw_window_title_set_title (self->title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  gtk_editable_set_text (GTK_EDITABLE (self->label_row), self->field->label);
  adw_combo_row_set_selected (self->kind_row, self->field->kind);
  gtk_switch_set_active (self->required_switch, self->field->required);
  if (self->field->choices != NULL && self->field->choices[0] != NULL)
    {
      g_autofree char *text = g_strjoinv ("\n", self->field->choices);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->choices_view), text, -1);
    }
  on_kind_changed (self);
  /* a message about what was there goes once the owner changes it */
  g_signal_connect_object (gtk_text_view_get_buffer (self->choices_view), "changed",
                           G_CALLBACK (clear_error), self, G_CONNECT_SWAPPED);

  gtk_widget_grab_focus (GTK_WIDGET (self->label_row));
  return GTK_WIDGET (self);
}

gboolean
sd_field_dialog_save (SdFieldDialog *self)
{
  g_autoptr(SdCustomField) field = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SD_IS_FIELD_DIALOG (self), FALSE);

  clear_error (self);
  field = read_form (self);
  if (!sd_store_save_custom_field (self->store, field, &error))
    {
      show_error (self, error);
      return FALSE;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, field->id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

void
sd_field_dialog_set_label (SdFieldDialog *self,
                           const char    *label)
{
  g_return_if_fail (SD_IS_FIELD_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), label ? label : "");
}

void
sd_field_dialog_set_kind (SdFieldDialog *self,
                          SdFieldKind    kind)
{
  g_return_if_fail (SD_IS_FIELD_DIALOG (self));
  g_return_if_fail ((guint) kind < SD_FIELD_N_KINDS);
  adw_combo_row_set_selected (self->kind_row, kind);
}

void
sd_field_dialog_set_required (SdFieldDialog *self,
                              gboolean       required)
{
  g_return_if_fail (SD_IS_FIELD_DIALOG (self));
  gtk_switch_set_active (self->required_switch, required);
}

void
sd_field_dialog_set_choices (SdFieldDialog *self,
                             const char    *text)
{
  g_return_if_fail (SD_IS_FIELD_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->choices_view), text ? text : "", -1);
}

gboolean
sd_field_dialog_get_choices_visible (SdFieldDialog *self)
{
  g_return_val_if_fail (SD_IS_FIELD_DIALOG (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->choices_group));
}

const char *
sd_field_dialog_get_error (SdFieldDialog *self)
{
  g_return_val_if_fail (SD_IS_FIELD_DIALOG (self), NULL);
  return gtk_label_get_label (self->error_label);
}
