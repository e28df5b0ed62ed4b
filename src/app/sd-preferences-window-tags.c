/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tags page of the preferences window: the owner's tags to rename, recolour and delete;
 * automatic ones are shown with their rule and left alone. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-preferences-window-private.h"
#include "sd-tag-dialog.h"
#include "sd-tag.h"

/* --- the list ------------------------------------------------------------------------------ */

static SdTag *
find_tag (GPtrArray *tags,
          gint64     id)
{
  for (guint i = 0; tags && i < tags->len; i++)
    if (((SdTag *) g_ptr_array_index (tags, i))->id == id)
      return g_ptr_array_index (tags, i);
  return NULL;
}

static void
on_edit_tag_clicked (SdPreferencesWindow *self,
                     GtkWidget           *button)
{
  sd_preferences_window_edit_tag (self, _sd_preferences_button_row_id (button));
}

static void
on_delete_tag_clicked (SdPreferencesWindow *self,
                       GtkWidget           *button)
{
  sd_preferences_window_delete_tag (self, _sd_preferences_button_row_id (button));
}

static void
add_tag_row (SdPreferencesWindow *self,
             const SdTag         *tag)
{
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer",
                                                         "%u customers", tag->n_customers),
                                            tag->n_customers);
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;
  GtkWidget *suffix;

  if (tag->automatic && tag->rule && *tag->rule)
    {
      g_autofree char *rule = g_strdup_printf (_("Rule: %s"), tag->rule);
      subtitle = g_strdup_printf ("%s · %s", rule, count);
    }
  else
    subtitle = g_strdup (count);

  row = _sd_preferences_new_row (tag->name, subtitle);
  _sd_preferences_set_id (row, tag->id);
  adw_action_row_add_prefix (row, sd_color_dot_new (tag->color, 16));

  if (tag->automatic)
    suffix = _sd_preferences_badge (_("Automatic"),
                                    _("Kept up to date by its rule: it cannot be renamed, "
                                      "deleted or given by hand"));
  else
    {
      adw_action_row_add_suffix (row, _sd_preferences_icon_button ("edit", "document-edit-symbolic",
                                                                   _("Rename or Recolour"),
                                                                   G_CALLBACK (on_edit_tag_clicked),
                                                                   self));
      suffix = _sd_preferences_icon_button ("delete", "user-trash-symbolic", _("Delete Tag"),
                                            G_CALLBACK (on_delete_tag_clicked), self);
    }
  adw_action_row_add_suffix (row, suffix);
  _sd_preferences_group_add (self->tags_group, self->tag_rows, row);
}

void
_sd_preferences_reload_tags (SdPreferencesWindow *self)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  _sd_preferences_group_clear (self->tags_group, self->tag_rows);

  tags = sd_store_list_tags (self->store, &error);
  if (tags == NULL)
    {
      _sd_preferences_show_error (self, error);
      return;
    }
  for (guint i = 0; i < tags->len; i++)
    add_tag_row (self, g_ptr_array_index (tags, i));
  if (tags->len == 0)
    _sd_preferences_group_add (self->tags_group, self->tag_rows,
                               _sd_preferences_new_row (_("No tags yet"),
                                                        _("Tags such as VIP or monthly account "
                                                          "help you find customers quickly.")));
}

/* --- callbacks ----------------------------------------------------------------------------- */

static void
on_delete_response (AdwMessageDialog    *dialog,
                    const char          *response,
                    SdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!sd_store_delete_tag (self->store, _sd_preferences_get_id (dialog), &error))
    _sd_preferences_show_error (self, error);
  else
    _sd_preferences_changed (self);
}

/* --- public API ---------------------------------------------------------------------------- */

GtkWindow *
sd_preferences_window_new_tag (SdPreferencesWindow *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);

  dialog = sd_tag_dialog_new (self->store, NULL);
  return _sd_preferences_open_dialog (self, dialog);
}

GtkWindow *
sd_preferences_window_edit_tag (SdPreferencesWindow *self,
                                gint64               tag_id)
{
  g_autoptr(GPtrArray) tags = NULL;
  SdTag *tag;
  GtkWidget *dialog;

  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);

  tags = sd_store_list_tags (self->store, NULL);
  tag = find_tag (tags, tag_id);
  if (tag == NULL || tag->automatic)
    {
      _sd_preferences_reload_tags (self);   /* someone else changed it */
      return NULL;
    }

  dialog = sd_tag_dialog_new (self->store, tag);
  return _sd_preferences_open_dialog (self, dialog);
}

GtkWindow *
sd_preferences_window_delete_tag (SdPreferencesWindow *self,
                                  gint64               tag_id)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  SdTag *tag;
  GtkWidget *dialog;

  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);

  tags = sd_store_list_tags (self->store, NULL);
  tag = find_tag (tags, tag_id);
  if (tag == NULL || tag->automatic)
    {
      _sd_preferences_reload_tags (self);   /* someone else changed it */
      return NULL;
    }

  heading = g_strdup_printf (_("Delete the Tag “%s”?"), tag->name);
  if (tag->n_customers == 0)
    body = g_strdup (_("No customer has this tag. Deleting it cannot be undone."));
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "It is taken off %u customer; the customer stays as "
                                         "they are otherwise. Deleting it cannot be undone.",
                                         "It is taken off %u customers; the customers stay as "
                                         "they are otherwise. Deleting it cannot be undone.",
                                         tag->n_customers),
                            tag->n_customers);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  _sd_preferences_set_id (dialog, tag_id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  return _sd_preferences_open_dialog (self, dialog);
}

AdwActionRow *
sd_preferences_window_get_tag_row (SdPreferencesWindow *self,
                                   gint64               tag_id)
{
  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);
  return _sd_preferences_find_row (self->tag_rows, tag_id);
}
