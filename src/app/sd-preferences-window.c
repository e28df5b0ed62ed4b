/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shop's settings: fields the owner adds to the customer form, and tags (their page is
 * in sd-preferences-window-tags.c). The lists are short (a shop has a handful of each), so
 * every change simply reloads them from the store. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-custom-field.h"
#include "sd-field-dialog.h"
#include "sd-preferences-window-private.h"

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdPreferencesWindow, sd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void reload (SdPreferencesWindow *self);

/* --- helpers ------------------------------------------------------------------------------- */

void
_sd_preferences_set_id (gpointer object,
                        gint64   id)
{
  g_object_set_data_full (G_OBJECT (object), "sd-id", g_memdup2 (&id, sizeof id), g_free);
}

gint64
_sd_preferences_get_id (gpointer object)
{
  gint64 *id = g_object_get_data (G_OBJECT (object), "sd-id");

  return id ? *id : 0;
}

/* The id of the row a suffix button sits in. */
gint64
_sd_preferences_button_row_id (GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);

  g_assert (row != NULL);
  return _sd_preferences_get_id (row);
}

void
_sd_preferences_show_error (SdPreferencesWindow *self,
                            const GError        *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

void
_sd_preferences_changed (SdPreferencesWindow *self)
{
  reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

AdwActionRow *
_sd_preferences_new_row (const char *title,
                         const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* labels and choices are the owner's own text: never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  return row;
}

GtkWidget *
_sd_preferences_badge (const char *text,
                       const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "kind-badge");
  gtk_widget_set_tooltip_text (label, tooltip);
  return label;
}

GtkWidget *
_sd_preferences_icon_button (const char *name,
                             const char *icon,
                             const char *tooltip,
                             GCallback   callback,
                             gpointer    self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

void
_sd_preferences_group_clear (AdwPreferencesGroup *group,
                             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

void
_sd_preferences_group_add (AdwPreferencesGroup *group,
                           GPtrArray           *rows,
                           AdwActionRow        *row)
{
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_ptr_array_add (rows, row);
}

AdwActionRow *
_sd_preferences_find_row (GPtrArray *rows,
                          gint64     id)
{
  for (guint i = 0; i < rows->len; i++)
    if (_sd_preferences_get_id (g_ptr_array_index (rows, i)) == id)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static SdCustomField *
find_field (GPtrArray *fields,
            gint64     id)
{
  for (guint i = 0; fields && i < fields->len; i++)
    if (((SdCustomField *) g_ptr_array_index (fields, i))->id == id)
      return g_ptr_array_index (fields, i);
  return NULL;
}

static void
on_dialog_saved (SdPreferencesWindow *self,
                 gint64               id)
{
  _sd_preferences_changed (self);
}

/* A dialog over the window: one at a time, and the lists reload when it saves. */
GtkWindow *
_sd_preferences_open_dialog (SdPreferencesWindow *self,
                             GtkWidget           *dialog)
{
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  if (g_signal_lookup ("saved", G_OBJECT_TYPE (dialog)) != 0)
    g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* "Single choice · 18.9L 大桶, 11.3L 小桶": the kind, and the options of a choice field. */
static char *
field_summary (const SdCustomField *field)
{
  g_autofree char *choices = NULL;

  if (field->kind != SD_FIELD_CHOICE || field->choices == NULL || field->choices[0] == NULL)
    return g_strdup (sd_field_kind_label (field->kind));
  /* TRANSLATORS: between the choices of a single-choice field, e.g. "A, B, C" */
  choices = g_strjoinv (_(", "), field->choices);
  return g_strdup_printf ("%s · %s", sd_field_kind_label (field->kind), choices);
}

static char *
values_summary (guint n_values)
{
  if (n_values == 0)
    return g_strdup (_("No customer has a value"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer has a value",
                                       "%u customers have a value", n_values),
                          n_values);
}

/* --- building the lists -------------------------------------------------------------------- */

/* The rows are rebuilt after a move: keep the keyboard on the moved field, so pressing
 * again moves it further. */
static void
move_and_keep_focus (SdPreferencesWindow *self,
                     GtkWidget           *button,
                     int                  delta)
{
  gint64 id = _sd_preferences_button_row_id (button);
  AdwActionRow *row;

  if (!sd_preferences_window_move_field (self, id, delta))
    return;
  row = sd_preferences_window_get_field_row (self, id);
  if (row != NULL)
    {
      const char *names[] = { delta < 0 ? "move-up" : "move-down",
                              delta < 0 ? "move-down" : "move-up" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          GtkWidget *target = find_named (GTK_WIDGET (row), names[i]);
          if (target != NULL && gtk_widget_get_sensitive (target))
            {
              gtk_widget_grab_focus (target);
              break;
            }
        }
    }
}

static void
on_move_up_clicked (SdPreferencesWindow *self,
                    GtkWidget           *button)
{
  move_and_keep_focus (self, button, -1);
}

static void
on_move_down_clicked (SdPreferencesWindow *self,
                      GtkWidget           *button)
{
  move_and_keep_focus (self, button, +1);
}

static void
on_edit_field_clicked (SdPreferencesWindow *self,
                       GtkWidget           *button)
{
  sd_preferences_window_edit_field (self, _sd_preferences_button_row_id (button));
}

static void
on_remove_field_clicked (SdPreferencesWindow *self,
                         GtkWidget           *button)
{
  sd_preferences_window_remove_field (self, _sd_preferences_button_row_id (button));
}

static void
on_restore_field_clicked (SdPreferencesWindow *self,
                          GtkWidget           *button)
{
  sd_preferences_window_restore_field (self, _sd_preferences_button_row_id (button));
}

static void
add_field_row (SdPreferencesWindow *self,
               const SdCustomField *field,
               gboolean             first,
               gboolean             last)
{
  g_autofree char *summary = field_summary (field);
  AdwActionRow *row = _sd_preferences_new_row (field->label, summary);
  GtkWidget *up, *down, *edit, *remove;

  _sd_preferences_set_id (row, field->id);
  if (field->required)
    adw_action_row_add_suffix (row, _sd_preferences_badge (_("Required"),
                                                           _("A customer cannot be saved without it")));

  up = _sd_preferences_icon_button ("move-up", "go-up-symbolic", _("Move Up"),
                                    G_CALLBACK (on_move_up_clicked), self);
  down = _sd_preferences_icon_button ("move-down", "go-down-symbolic", _("Move Down"),
                                      G_CALLBACK (on_move_down_clicked), self);
  edit = _sd_preferences_icon_button ("edit", "document-edit-symbolic", _("Edit Field"),
                                      G_CALLBACK (on_edit_field_clicked), self);
  remove = _sd_preferences_icon_button ("remove", "user-trash-symbolic", _("Remove Field"),
                                        G_CALLBACK (on_remove_field_clicked), self);
  gtk_widget_set_sensitive (up, !first);
  gtk_widget_set_sensitive (down, !last);
  adw_action_row_add_suffix (row, up);
  adw_action_row_add_suffix (row, down);
  adw_action_row_add_suffix (row, edit);
  adw_action_row_add_suffix (row, remove);
  _sd_preferences_group_add (self->fields_group, self->field_rows, row);
}

static void
add_removed_row (SdPreferencesWindow *self,
                 const SdCustomField *field)
{
  g_autofree char *values = values_summary (sd_store_count_custom_field_values (self->store,
                                                                                field->id));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", sd_field_kind_label (field->kind),
                                               values);
  AdwActionRow *row = _sd_preferences_new_row (field->label, subtitle);
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));

  _sd_preferences_set_id (row, field->id);
  gtk_widget_set_name (restore, "restore");
  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (restore, _("Put the field back on the customer form, with its values"));
  g_signal_connect_swapped (restore, "clicked", G_CALLBACK (on_restore_field_clicked), self);
  adw_action_row_add_suffix (row, restore);
  _sd_preferences_group_add (self->removed_group, self->removed_rows, row);
}

static void
reload_fields (SdPreferencesWindow *self)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  guint n_visible = 0, n_seen = 0;

  _sd_preferences_group_clear (self->fields_group, self->field_rows);
  _sd_preferences_group_clear (self->removed_group, self->removed_rows);

  fields = sd_store_list_custom_fields (self->store, TRUE, &error);
  if (fields == NULL)
    {
      _sd_preferences_show_error (self, error);
      return;
    }

  for (guint i = 0; i < fields->len; i++)
    if (!((SdCustomField *) g_ptr_array_index (fields, i))->hidden)
      n_visible++;

  for (guint i = 0; i < fields->len; i++)
    {
      SdCustomField *field = g_ptr_array_index (fields, i);

      if (field->hidden)
        add_removed_row (self, field);
      else
        {
          add_field_row (self, field, n_seen == 0, n_seen + 1 == n_visible);
          n_seen++;
        }
    }

  if (n_visible == 0)
    _sd_preferences_group_add (self->fields_group, self->field_rows,
                               _sd_preferences_new_row (_("No fields of your own yet"),
                                                        _("Add one for anything the shop keeps "
                                                          "about a customer: floor, pet, "
                                                          "preferred bucket …")));
  gtk_widget_set_visible (GTK_WIDGET (self->removed_group), self->removed_rows->len > 0);
}

static void
reload (SdPreferencesWindow *self)
{
  reload_fields (self);
  _sd_preferences_reload_tags (self);
  _sd_preferences_reload_products (self);
  _sd_preferences_reload_documents (self);
  _sd_preferences_reload_dispatch (self);
}

/* --- callbacks ----------------------------------------------------------------------------- */

static void
on_add_field_clicked (SdPreferencesWindow *self)
{
  sd_preferences_window_add_field (self);
}

static void
on_new_tag_clicked (SdPreferencesWindow *self)
{
  sd_preferences_window_new_tag (self);
}

static void
on_remove_response (AdwMessageDialog    *dialog,
                    const char          *response,
                    SdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove"))
    return;
  if (!sd_store_set_custom_field_hidden (self->store, _sd_preferences_get_id (dialog), TRUE,
                                         &error))
    _sd_preferences_show_error (self, error);
  else
    _sd_preferences_changed (self);
}

/* --- type ---------------------------------------------------------------------------------- */

static void
sd_preferences_window_dispose (GObject *object)
{
  SdPreferencesWindow *self = (SdPreferencesWindow *) object;

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_pointer (&self->removed_rows, g_ptr_array_unref);
  g_clear_pointer (&self->tag_rows, g_ptr_array_unref);
  _sd_preferences_dispose_products (self);
  _sd_preferences_dispose_documents (self);
  _sd_preferences_dispose_dispatch (self);

  G_OBJECT_CLASS (sd_preferences_window_parent_class)->dispose (object);
}

static void
sd_preferences_window_class_init (SdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, fields_page);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, fields_group);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, removed_group);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, tags_page);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, tags_group);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, products_page);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, products_group);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, plans_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_field_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_tag_clicked);
  _sd_preferences_class_init_map (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
sd_preferences_window_init (SdPreferencesWindow *self)
{
  self->field_rows = g_ptr_array_new ();
  self->removed_rows = g_ptr_array_new ();
  self->tag_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  _sd_preferences_setup_products (self);
  _sd_preferences_setup_documents (self);
  _sd_preferences_setup_dispatch (self);
}

/* --- public API ---------------------------------------------------------------------------- */

GtkWidget *
sd_preferences_window_new (SdStore *store)
{
  SdPreferencesWindow *self;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_PREFERENCES_WINDOW, NULL);
  self->store = g_object_ref (store);
  reload (self);
  _sd_preferences_load_map (self);
  return GTK_WIDGET (self);
}

GtkWindow *
sd_preferences_window_add_field (SdPreferencesWindow *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);

  dialog = sd_field_dialog_new (self->store, NULL);
  return _sd_preferences_open_dialog (self, dialog);
}

GtkWindow *
sd_preferences_window_edit_field (SdPreferencesWindow *self,
                                  gint64               field_id)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  SdCustomField *field;
  GtkWidget *dialog;

  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);

  fields = sd_store_list_custom_fields (self->store, TRUE, &error);
  field = find_field (fields, field_id);
  if (field == NULL)
    {
      if (error != NULL)
        _sd_preferences_show_error (self, error);
      reload (self);   /* someone else removed it */
      return NULL;
    }

  dialog = sd_field_dialog_new (self->store, field);
  return _sd_preferences_open_dialog (self, dialog);
}

GtkWindow *
sd_preferences_window_remove_field (SdPreferencesWindow *self,
                                    gint64               field_id)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *what = NULL;
  g_autofree char *values = NULL;
  SdCustomField *field;
  GtkWidget *dialog;
  guint n;

  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);

  fields = sd_store_list_custom_fields (self->store, FALSE, NULL);
  field = find_field (fields, field_id);
  if (field == NULL)
    {
      reload (self);
      return NULL;
    }

  /* say exactly what happens: where it disappears from, and that nothing is lost */
  n = sd_store_count_custom_field_values (self->store, field_id);
  heading = g_strdup_printf (_("Remove the Field “%s”?"), field->label);
  what = g_strdup (_("It disappears from the customer form, the customer profile and exports."));
  if (n == 0)
    values = g_strdup (_("No customer has a value for it yet. You can restore the field later "
                         "under Removed Fields."));
  else
    values = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u customer has a value for it. The value stays saved "
                                           "and comes back if you restore the field under "
                                           "Removed Fields.",
                                           "%u customers have a value for it. The values stay "
                                           "saved and come back if you restore the field under "
                                           "Removed Fields.",
                                           n), n);
  body = g_strdup_printf ("%s\n\n%s", what, values);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  _sd_preferences_set_id (dialog, field_id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  return _sd_preferences_open_dialog (self, dialog);
}

gboolean
sd_preferences_window_restore_field (SdPreferencesWindow *self,
                                     gint64               field_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), FALSE);

  if (!sd_store_set_custom_field_hidden (self->store, field_id, FALSE, &error))
    {
      _sd_preferences_show_error (self, error);
      return FALSE;
    }
  _sd_preferences_changed (self);
  return TRUE;
}

gboolean
sd_preferences_window_move_field (SdPreferencesWindow *self,
                                  gint64               field_id,
                                  int                  delta)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  int from = -1, to = -1;

  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);

  /* The store orders removed fields too. One step on the form is a jump over any removed
   * fields in between, to the place of the next visible one. */
  fields = sd_store_list_custom_fields (self->store, TRUE, &error);
  if (fields == NULL)
    {
      _sd_preferences_show_error (self, error);
      return FALSE;
    }
  for (guint i = 0; i < fields->len; i++)
    if (((SdCustomField *) g_ptr_array_index (fields, i))->id == field_id)
      from = (int) i;
  if (from < 0)
    return FALSE;
  for (int i = from + delta; i >= 0 && i < (int) fields->len && to < 0; i += delta)
    if (!((SdCustomField *) g_ptr_array_index (fields, i))->hidden)
      to = i;
  if (to < 0)
    return FALSE;   /* already first or last */

  if (!sd_store_move_custom_field (self->store, field_id, to - from, &error))
    {
      _sd_preferences_show_error (self, error);
      return FALSE;
    }
  _sd_preferences_changed (self);
  return TRUE;
}

GtkWindow *
sd_preferences_window_get_dialog (SdPreferencesWindow *self)
{
  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);
  return self->dialog;
}

AdwActionRow *
sd_preferences_window_get_field_row (SdPreferencesWindow *self,
                                     gint64               field_id)
{
  AdwActionRow *row;

  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);
  row = _sd_preferences_find_row (self->field_rows, field_id);
  return row ? row : _sd_preferences_find_row (self->removed_rows, field_id);
}

AdwPreferencesGroup *
sd_preferences_window_get_fields_group (SdPreferencesWindow *self)
{
  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);
  return self->fields_group;
}

AdwPreferencesGroup *
sd_preferences_window_get_removed_group (SdPreferencesWindow *self)
{
  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);
  return self->removed_group;
}

AdwPreferencesPage *
sd_preferences_window_get_fields_page (SdPreferencesWindow *self)
{
  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);
  return self->fields_page;
}

AdwPreferencesPage *
sd_preferences_window_get_tags_page (SdPreferencesWindow *self)
{
  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);
  return self->tags_page;
}
