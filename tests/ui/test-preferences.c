/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The preferences window on a demo shop under Xvfb: the owner's customer fields and tags,
 * driven through the same buttons and dialogs a user has, checked on widgets and store. */
#include "config.h"

#include "ui-test-util.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sd-app-init.h"
#include "sd-application.h"
#include "sd-catalog.h"
#include "sd-custom-field.h"
#include "sd-customer-store.h"
#include "sd-demo.h"
#include "sd-field-dialog.h"
#include "sd-money.h"
#include "sd-payment.h"
#include "sd-preferences-window.h"
#include "sd-pricing.h"
#include "sd-product-dialog.h"
#include "sd-tag-dialog.h"
#include "sd-tag.h"
#include "sd-ticket-plan-dialog.h"

static char *tmp_dir;
static char *db_path;
static SdApplication *app;
static SdPreferencesWindow *prefs;
static gint64 pet_id;       /* the text field the tests add */
static gint64 payment_id;   /* the choice field the tests add */
static gint64 new_tag_id;







static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

/* --- helpers -------------------------------------------------------------------------------- */

static SdStore *
store (void)
{
  return sd_application_get_store (app);
}

/* What the interface says, in the language it runs in. */
static const char *
T (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
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

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

/* Clicks a suffix button of a row, as a user would. */
static void
click (AdwActionRow *row,
       const char   *name)
{
  GtkWidget *button = find_named (GTK_WIDGET (row), name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  spin (50);
}

static SdCustomField *
stored_field (GPtrArray *fields, gint64 id)
{
  for (guint i = 0; i < fields->len; i++)
    if (((SdCustomField *) g_ptr_array_index (fields, i))->id == id)
      return g_ptr_array_index (fields, i);
  return NULL;
}

static SdCustomField *
field_by_label (GPtrArray *fields, const char *label)
{
  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (((SdCustomField *) g_ptr_array_index (fields, i))->label, label))
      return g_ptr_array_index (fields, i);
  return NULL;
}

static SdTag *
tag_by_name (GPtrArray *tags, const char *name)
{
  for (guint i = 0; i < tags->len; i++)
    if (g_str_equal (((SdTag *) g_ptr_array_index (tags, i))->name, name))
      return g_ptr_array_index (tags, i);
  return NULL;
}

static int
row_index (AdwActionRow *row)
{
  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

static gboolean
in_group (AdwActionRow *row, AdwPreferencesGroup *group)
{
  return row != NULL && gtk_widget_is_ancestor (GTK_WIDGET (row), GTK_WIDGET (group));
}

/* A confirmation answered like a click on one of its buttons. */
static void
respond (GtkWindow *dialog, const char *response)
{
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), response));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  spin (50);
}

/* --- tests ---------------------------------------------------------------------------------- */

static void
test_opens_with_demo_fields (void)
{
  g_autoptr(GPtrArray) fields = sd_store_list_custom_fields (store (), FALSE, NULL);
  SdCustomField *bucket;
  AdwActionRow *row;

  g_assert_true (wait_for (widget_mapped, prefs, 5000));
  g_assert_cmpuint (fields->len, ==, 3);

  /* every visible field has a row, in form order, titled by its label */
  for (guint i = 0; i < fields->len; i++)
    {
      SdCustomField *field = g_ptr_array_index (fields, i);
      row = sd_preferences_window_get_field_row (prefs, field->id);
      g_assert_nonnull (row);
      g_assert_true (in_group (row, sd_preferences_window_get_fields_group (prefs)));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, field->label);
      g_assert_cmpint (row_index (row), ==, (int) i);
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), sd_field_kind_label (field->kind)));
    }

  /* a choice field lists its options */
  bucket = field_by_label (fields, "常用桶型");
  g_assert_nonnull (bucket);
  row = sd_preferences_window_get_field_row (prefs, bucket->id);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "18.9L 大桶"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "瓶装水"));

  /* first cannot move up, last cannot move down */
  row = sd_preferences_window_get_field_row (prefs, ((SdCustomField *) g_ptr_array_index (fields, 0))->id);
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (row), "move-up")));
  g_assert_true (gtk_widget_get_sensitive (find_named (GTK_WIDGET (row), "move-down")));
  row = sd_preferences_window_get_field_row (prefs, ((SdCustomField *) g_ptr_array_index (fields, 2))->id);
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (row), "move-down")));

  /* nothing removed yet */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sd_preferences_window_get_removed_group (prefs))));
}

static void
test_add_text_field (void)
{
  SdFieldDialog *dialog;
  g_autoptr(GPtrArray) before = sd_store_list_custom_fields (store (), TRUE, NULL);
  g_autoptr(GPtrArray) after = NULL;
  SdCustomField *pet;
  AdwActionRow *row;

  dialog = SD_FIELD_DIALOG (sd_preferences_window_add_field (prefs));
  g_assert_true (SD_IS_FIELD_DIALOG (dialog));
  g_assert_true (sd_preferences_window_get_dialog (prefs) == GTK_WINDOW (dialog));
  g_assert_true (wait_for (widget_mapped, dialog, 5000));
  g_assert_false (sd_field_dialog_get_choices_visible (dialog));   /* text is the default */

  /* no label: refused with the core's message, nothing written */
  g_assert_false (sd_field_dialog_save (dialog));
  g_assert_cmpstr (sd_field_dialog_get_error (dialog), ==, T ("The field needs a label"));
  {
    g_autoptr(GPtrArray) now = sd_store_list_custom_fields (store (), TRUE, NULL);
    g_assert_cmpuint (now->len, ==, before->len);
  }

  sd_field_dialog_set_label (dialog, "  宠物 ");
  sd_field_dialog_set_kind (dialog, SD_FIELD_TEXT);
  sd_field_dialog_set_required (dialog, TRUE);
  g_assert_true (sd_field_dialog_save (dialog));
  spin (100);
  g_assert_null (sd_preferences_window_get_dialog (prefs));

  after = sd_store_list_custom_fields (store (), FALSE, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  pet = field_by_label (after, "宠物");
  g_assert_nonnull (pet);
  g_assert_cmpint (pet->kind, ==, SD_FIELD_TEXT);
  g_assert_true (pet->required);
  pet_id = pet->id;

  /* its row is last on the form, says its kind and that it is required */
  row = sd_preferences_window_get_field_row (prefs, pet_id);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "宠物");
  g_assert_cmpint (row_index (row), ==, (int) after->len - 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, sd_field_kind_label (SD_FIELD_TEXT));
  g_assert_true (has_label (GTK_WIDGET (row), T ("Required")));
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (row), "move-down")));
}

static void
test_add_choice_field (void)
{
  SdFieldDialog *dialog;
  g_autoptr(GPtrArray) fields = NULL;
  SdCustomField *payment;
  AdwActionRow *row;

  dialog = SD_FIELD_DIALOG (sd_preferences_window_add_field (prefs));
  g_assert_true (wait_for (widget_mapped, dialog, 5000));
  sd_field_dialog_set_label (dialog, "付款方式");
  sd_field_dialog_set_kind (dialog, SD_FIELD_CHOICE);
  g_assert_true (sd_field_dialog_get_choices_visible (dialog));

  /* no choices, then a choice twice: both refused, naming the problem */
  g_assert_false (sd_field_dialog_save (dialog));
  g_assert_nonnull (strstr (sd_field_dialog_get_error (dialog), "付款方式"));
  sd_field_dialog_set_choices (dialog, "现金\n微信\n\n支付宝\n微信\n");
  g_assert_false (sd_field_dialog_save (dialog));
  g_assert_nonnull (strstr (sd_field_dialog_get_error (dialog), "微信"));
  save_screenshot (GTK_WIDGET (dialog), "field-dialog-error");

  sd_field_dialog_set_choices (dialog, "现金\n 微信 \n\n支付宝\n月底结账\n");
  g_assert_cmpstr (sd_field_dialog_get_error (dialog), ==, "");
  save_screenshot (GTK_WIDGET (dialog), "field-dialog");
  g_assert_true (sd_field_dialog_save (dialog));
  spin (100);

  fields = sd_store_list_custom_fields (store (), FALSE, NULL);
  payment = field_by_label (fields, "付款方式");
  g_assert_nonnull (payment);
  payment_id = payment->id;
  g_assert_cmpint (payment->kind, ==, SD_FIELD_CHOICE);
  g_assert_false (payment->required);
  g_assert_cmpuint (g_strv_length (payment->choices), ==, 4);
  g_assert_cmpstr (payment->choices[1], ==, "微信");   /* trimmed, blank lines dropped */
  g_assert_cmpstr (payment->choices[3], ==, "月底结账");

  row = sd_preferences_window_get_field_row (prefs, payment_id);
  g_assert_nonnull (row);
  g_assert_cmpint (row_index (row), ==, (int) fields->len - 1);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), sd_field_kind_label (SD_FIELD_CHOICE)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "支付宝"));
  g_assert_false (has_label (GTK_WIDGET (row), T ("Required")));
}

static void
test_edit_and_move_field (void)
{
  SdFieldDialog *dialog;
  g_autoptr(GPtrArray) fields = NULL;
  AdwActionRow *pet_row, *payment_row;
  int pet_index;

  /* edit through the row's button: the dialog shows what is stored */
  click (sd_preferences_window_get_field_row (prefs, payment_id), "edit");
  dialog = SD_FIELD_DIALOG (sd_preferences_window_get_dialog (prefs));
  g_assert_true (SD_IS_FIELD_DIALOG (dialog));
  g_assert_true (sd_field_dialog_get_choices_visible (dialog));
  sd_field_dialog_set_choices (dialog, "现金\n微信\n支付宝\n月底结账\n银行转账");
  g_assert_true (sd_field_dialog_save (dialog));
  spin (100);
  fields = sd_store_list_custom_fields (store (), FALSE, NULL);
  g_assert_cmpuint (g_strv_length (stored_field (fields, payment_id)->choices), ==, 5);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (sd_preferences_window_get_field_row (prefs, payment_id)),
                            "银行转账"));

  /* the payment field moves above the pet field */
  pet_index = row_index (sd_preferences_window_get_field_row (prefs, pet_id));
  click (sd_preferences_window_get_field_row (prefs, payment_id), "move-up");
  pet_row = sd_preferences_window_get_field_row (prefs, pet_id);
  payment_row = sd_preferences_window_get_field_row (prefs, payment_id);
  g_assert_cmpint (row_index (payment_row), ==, pet_index);
  g_assert_cmpint (row_index (pet_row), ==, pet_index + 1);
  /* the keyboard stays on the moved field's button, ready to move it again */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (prefs)) ==
                 find_named (GTK_WIDGET (payment_row), "move-up"));
  g_clear_pointer (&fields, g_ptr_array_unref);
  fields = sd_store_list_custom_fields (store (), FALSE, NULL);
  g_assert_cmpint (((SdCustomField *) g_ptr_array_index (fields, pet_index))->id, ==, payment_id);
  g_assert_cmpint (((SdCustomField *) g_ptr_array_index (fields, pet_index + 1))->id, ==, pet_id);

  /* and back down */
  click (payment_row, "move-down");
  g_assert_cmpint (row_index (sd_preferences_window_get_field_row (prefs, pet_id)), ==, pet_index);
}

static void
test_remove_and_restore_field (void)
{
  g_autoptr(SdCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visible = NULL;
  g_autoptr(GPtrArray) all = NULL;
  AdwPreferencesGroup *removed = sd_preferences_window_get_removed_group (prefs);
  AdwActionRow *row;
  GtkWindow *dialog;
  g_autofree char *one = NULL;

  /* a customer has a pet */
  customer = sd_store_load_customer (store (), 1, &error);
  g_assert_no_error (error);
  sd_customer_set_field (customer, pet_id, "橘猫");
  g_assert_true (sd_store_save_customer (store (), customer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sd_store_count_custom_field_values (store (), pet_id), ==, 1);

  /* the confirmation says what happens and how many values are kept; cancel changes nothing */
  click (sd_preferences_window_get_field_row (prefs, pet_id), "remove");
  dialog = sd_preferences_window_get_dialog (prefs);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  one = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u customer has a value for it. The value stays saved "
                                      "and comes back if you restore the field under "
                                      "Removed Fields.",
                                      "%u customers have a value for it. The values stay "
                                      "saved and come back if you restore the field under "
                                      "Removed Fields.", 1), 1u);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), one));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "宠物"));
  g_assert_true (wait_for (widget_mapped, dialog, 5000));
  save_screenshot (GTK_WIDGET (dialog), "remove-field-dialog");
  respond (dialog, "cancel");
  g_assert_true (in_group (sd_preferences_window_get_field_row (prefs, pet_id),
                           sd_preferences_window_get_fields_group (prefs)));

  click (sd_preferences_window_get_field_row (prefs, pet_id), "remove");
  respond (sd_preferences_window_get_dialog (prefs), "remove");

  /* off the form, into Removed Fields; the value is still stored */
  visible = sd_store_list_custom_fields (store (), FALSE, NULL);
  all = sd_store_list_custom_fields (store (), TRUE, NULL);
  g_assert_null (stored_field (visible, pet_id));
  g_assert_nonnull (stored_field (all, pet_id));
  g_assert_true (stored_field (all, pet_id)->hidden);
  g_assert_cmpuint (sd_store_count_custom_field_values (store (), pet_id), ==, 1);
  {
    g_autoptr(SdCustomer) again = sd_store_load_customer (store (), 1, NULL);
    g_assert_cmpstr (sd_customer_get_field (again, pet_id), ==, "橘猫");
  }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (removed)));
  row = sd_preferences_window_get_field_row (prefs, pet_id);
  g_assert_true (in_group (row, removed));
  g_assert_false (in_group (row, sd_preferences_window_get_fields_group (prefs)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "1"));

  /* the customer can still be saved: a removed required field asks for nothing */
  {
    g_autoptr(SdCustomer) again = sd_store_load_customer (store (), 2, NULL);
    g_assert_true (sd_store_save_customer (store (), again, &error));
    g_assert_no_error (error);
  }

  /* moving skips the removed field: the payment field goes straight to the bottom */
  g_assert_false (gtk_widget_get_sensitive (
    find_named (GTK_WIDGET (sd_preferences_window_get_field_row (prefs, payment_id)), "move-down")));

  /* restore: back on the form with its value, Removed Fields gone */
  click (row, "restore");
  g_assert_true (in_group (sd_preferences_window_get_field_row (prefs, pet_id),
                           sd_preferences_window_get_fields_group (prefs)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (removed)));
  {
    g_autoptr(GPtrArray) now = sd_store_list_custom_fields (store (), FALSE, NULL);
    g_autoptr(SdCustomer) again = sd_store_load_customer (store (), 1, NULL);
    g_assert_nonnull (stored_field (now, pet_id));
    g_assert_cmpstr (sd_customer_get_field (again, pet_id), ==, "橘猫");
  }
}

static void
test_kind_change_refused (void)
{
  SdFieldDialog *dialog;
  g_autoptr(GPtrArray) fields = NULL;

  /* the pet field has a value now: it cannot become a number */
  dialog = SD_FIELD_DIALOG (sd_preferences_window_edit_field (prefs, pet_id));
  g_assert_nonnull (dialog);
  sd_field_dialog_set_kind (dialog, SD_FIELD_NUMBER);
  g_assert_false (sd_field_dialog_save (dialog));
  g_assert_nonnull (strstr (sd_field_dialog_get_error (dialog), "宠物"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
  fields = sd_store_list_custom_fields (store (), FALSE, NULL);
  g_assert_cmpint (stored_field (fields, pet_id)->kind, ==, SD_FIELD_TEXT);
}

static void
test_fields_page_screenshot (void)
{
  g_autoptr(GPtrArray) fields = sd_store_list_custom_fields (store (), FALSE, NULL);
  SdCustomField *lift = field_by_label (fields, "有电梯");

  /* a demo field with many values goes to Removed Fields, so both groups show */
  g_assert_nonnull (lift);
  g_assert_cmpuint (sd_store_count_custom_field_values (store (), lift->id), >, 0);
  click (sd_preferences_window_get_field_row (prefs, lift->id), "remove");
  respond (sd_preferences_window_get_dialog (prefs), "remove");
  g_assert_true (in_group (sd_preferences_window_get_field_row (prefs, lift->id),
                           sd_preferences_window_get_removed_group (prefs)));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                           sd_preferences_window_get_fields_page (prefs));
  save_screenshot (GTK_WIDGET (prefs), "preferences-fields");
}

static void
test_tags (void)
{
  g_autoptr(GPtrArray) tags = sd_store_list_tags (store (), NULL);
  SdTag *vip, *sleeping;
  AdwActionRow *row;
  SdTagDialog *dialog;
  g_autofree char *count = NULL;

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                           sd_preferences_window_get_tags_page (prefs));
  g_assert_cmpuint (tags->len, ==, 5);

  /* a manual tag: name, customers, edit and delete */
  vip = tag_by_name (tags, "VIP");
  g_assert_nonnull (vip);
  g_assert_false (vip->automatic);
  row = sd_preferences_window_get_tag_row (prefs, vip->id);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "VIP");
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers",
                                        vip->n_customers), vip->n_customers);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, count);
  g_assert_nonnull (find_named (GTK_WIDGET (row), "edit"));
  g_assert_nonnull (find_named (GTK_WIDGET (row), "delete"));

  /* an automatic tag: badge and rule, and nothing to press */
  sleeping = tag_by_name (tags, "沉睡客户");
  g_assert_nonnull (sleeping);
  g_assert_true (sleeping->automatic);
  row = sd_preferences_window_get_tag_row (prefs, sleeping->id);
  g_assert_nonnull (row);
  g_assert_true (has_label (GTK_WIDGET (row), T ("Automatic")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "60 天没有下单"));
  g_assert_null (find_named (GTK_WIDGET (row), "edit"));
  g_assert_null (find_named (GTK_WIDGET (row), "delete"));
  g_assert_null (sd_preferences_window_edit_tag (prefs, sleeping->id));
  g_assert_null (sd_preferences_window_delete_tag (prefs, sleeping->id));

  /* rename and recolour VIP; a name already taken is refused */
  click (sd_preferences_window_get_tag_row (prefs, vip->id), "edit");
  dialog = SD_TAG_DIALOG (sd_preferences_window_get_dialog (prefs));
  g_assert_true (SD_IS_TAG_DIALOG (dialog));
  g_assert_true (wait_for (widget_mapped, dialog, 5000));
  g_assert_cmpstr (sd_tag_dialog_get_color (dialog), ==, "#e01b24");
  g_assert_cmpuint (sd_tag_dialog_get_n_colors (dialog), ==, 8);
  sd_tag_dialog_set_name (dialog, "月结");
  g_assert_false (sd_tag_dialog_save (dialog));
  g_assert_nonnull (strstr (sd_tag_dialog_get_error (dialog), "月结"));
  save_screenshot (GTK_WIDGET (dialog), "tag-dialog-error");
  sd_tag_dialog_set_name (dialog, "大客户");
  g_assert_cmpstr (sd_tag_dialog_get_error (dialog), ==, "");   /* gone once the name changes */
  sd_tag_dialog_set_color (dialog, "#FF7800");
  g_assert_cmpstr (sd_tag_dialog_get_color (dialog), ==, "#ff7800");
  g_assert_cmpuint (sd_tag_dialog_get_n_colors (dialog), ==, 8);   /* a preset: no extra button */
  save_screenshot (GTK_WIDGET (dialog), "tag-dialog");
  g_assert_true (sd_tag_dialog_save (dialog));
  spin (100);
  {
    g_autoptr(GPtrArray) now = sd_store_list_tags (store (), NULL);
    SdTag *renamed = tag_by_name (now, "大客户");
    g_assert_nonnull (renamed);
    g_assert_cmpint (renamed->id, ==, vip->id);
    g_assert_cmpstr (renamed->color, ==, "#ff7800");
    g_assert_cmpuint (renamed->n_customers, ==, vip->n_customers);   /* still on the same customers */
    g_assert_null (tag_by_name (now, "VIP"));
  }
  g_assert_cmpstr (adw_preferences_row_get_title (
                     ADW_PREFERENCES_ROW (sd_preferences_window_get_tag_row (prefs, vip->id))), ==,
                   "大客户");

  /* a new tag gets a colour no tag wears yet */
  dialog = SD_TAG_DIALOG (sd_preferences_window_new_tag (prefs));
  g_assert_true (SD_IS_TAG_DIALOG (dialog));
  for (guint i = 0; i < tags->len; i++)
    if (((SdTag *) g_ptr_array_index (tags, i))->id != vip->id)
      g_assert_cmpstr (sd_tag_dialog_get_color (dialog), !=, ((SdTag *) g_ptr_array_index (tags, i))->color);
  g_assert_cmpstr (sd_tag_dialog_get_color (dialog), !=, "#ff7800");
  g_assert_false (sd_tag_dialog_save (dialog));   /* no name */
  g_assert_cmpstr (sd_tag_dialog_get_error (dialog), ==, T ("The tag needs a name"));
  sd_tag_dialog_set_name (dialog, "周末配送");
  g_assert_true (sd_tag_dialog_save (dialog));
  spin (100);
  {
    g_autoptr(GPtrArray) now = sd_store_list_tags (store (), NULL);
    SdTag *created = tag_by_name (now, "周末配送");
    g_assert_nonnull (created);
    g_assert_false (created->automatic);
    new_tag_id = created->id;
    g_assert_cmpuint (now->len, ==, 6);
  }
  row = sd_preferences_window_get_tag_row (prefs, new_tag_id);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "周末配送");

  /* deleting asks, says how many customers lose it, and cancel keeps it */
  {
    g_autoptr(GPtrArray) now = sd_store_list_tags (store (), NULL);
    SdTag *elderly = tag_by_name (now, "独居老人");
    GtkWindow *confirm;
    g_autofree char *taken = NULL;

    g_assert_nonnull (elderly);
    click (sd_preferences_window_get_tag_row (prefs, elderly->id), "delete");
    confirm = sd_preferences_window_get_dialog (prefs);
    g_assert_true (ADW_IS_MESSAGE_DIALOG (confirm));
    taken = g_strdup_printf ("%u", elderly->n_customers);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)), taken));
    respond (confirm, "cancel");
    g_assert_nonnull (sd_preferences_window_get_tag_row (prefs, elderly->id));

    /* a throwaway tag is deleted for good */
    {
      gint64 spare_id;

      dialog = SD_TAG_DIALOG (sd_preferences_window_new_tag (prefs));
      sd_tag_dialog_set_name (dialog, "临时");
      g_assert_true (sd_tag_dialog_save (dialog));
      spin (50);
      {
        g_autoptr(GPtrArray) with_spare = sd_store_list_tags (store (), NULL);
        g_assert_nonnull (tag_by_name (with_spare, "临时"));
        spare_id = tag_by_name (with_spare, "临时")->id;
      }
      click (sd_preferences_window_get_tag_row (prefs, spare_id), "delete");
      respond (sd_preferences_window_get_dialog (prefs), "delete");
      g_assert_null (sd_preferences_window_get_tag_row (prefs, spare_id));
      {
        g_autoptr(GPtrArray) after = sd_store_list_tags (store (), NULL);
        g_assert_null (tag_by_name (after, "临时"));
        g_assert_cmpuint (after->len, ==, 6);
      }
    }
  }

  save_screenshot (GTK_WIDGET (prefs), "preferences-tags");
}

static SdProduct *
product_by_name (GPtrArray *products, const char *name)
{
  for (guint i = 0; i < products->len; i++)
    if (g_str_equal (((SdProduct *) g_ptr_array_index (products, i))->name, name))
      return g_ptr_array_index (products, i);
  return NULL;
}

static SdTicketPlan *
plan_by_name (GPtrArray *plans, const char *name)
{
  for (guint i = 0; i < plans->len; i++)
    if (g_str_equal (((SdTicketPlan *) g_ptr_array_index (plans, i))->name, name))
      return g_ptr_array_index (plans, i);
  return NULL;
}

/* The row the products page shows for a product ("product") or plan ("ticket-plan"). */
static AdwActionRow *
products_row (const char *kind, gint64 id)
{
  g_autofree char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT, kind, id);
  GtkWidget *row = find_named (GTK_WIDGET (prefs), name);

  return row ? ADW_ACTION_ROW (row) : NULL;
}

/* The header button of a group, clicked; returns the dialog it opened. */
static GtkWindow *
click_header (const char *name)
{
  GtkWidget *button = find_named (GTK_WIDGET (prefs), name);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin (50);
  return sd_preferences_window_get_dialog (prefs);
}

static void
test_products (void)
{
  g_autoptr(GPtrArray) before = sd_store_list_products (store (), TRUE, NULL);
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *shown = sd_money_format (1250);
  SdPaymentHow how = { .method = SD_METHOD_CASH, .who = "店长", .note = "" };
  SdProductDialog *dialog;
  SdTicketPlanDialog *plan_dialog;
  SdProduct *product;
  SdTicketPlan *plan;
  AdwActionRow *row;
  gint64 product_id, plan_id, dummy = 0;
  guint n_returnable = 0;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "products");
  g_assert_cmpuint (before->len, >, 0);

  /* every demo product has a row; returnable buckets wear the badge */
  for (guint i = 0; i < before->len; i++)
    {
      product = g_ptr_array_index (before, i);
      row = products_row ("product", product->id);
      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, product->name);
      g_assert_cmpint (has_label (GTK_WIDGET (row), T ("Returnable Bucket")), ==,
                       product->returnable_bucket);
      n_returnable += product->returnable_bucket;
    }
  g_assert_cmpuint (n_returnable, >, 0);

  /* a price that is not money: sd_money_parse's own message, nothing written */
  dialog = SD_PRODUCT_DIALOG (click_header ("new-product"));
  g_assert_true (SD_IS_PRODUCT_DIALOG (dialog));
  sd_product_dialog_set_name (dialog, "苏打水 350ml");
  sd_product_dialog_set_unit (dialog, "瓶");
  sd_product_dialog_set_category (dialog, "饮料");
  sd_product_dialog_set_price (dialog, "abc");
  g_assert_false (sd_money_parse ("abc", &dummy, &parse_error));
  g_assert_false (sd_product_dialog_save (dialog));
  g_assert_cmpstr (sd_product_dialog_get_error (dialog), ==, parse_error->message);
  g_assert_true (has_label (GTK_WIDGET (dialog), parse_error->message));
  products = sd_store_list_products (store (), TRUE, NULL);
  g_assert_cmpuint (products->len, ==, before->len);
  g_assert_null (product_by_name (products, "苏打水 350ml"));
  g_clear_pointer (&products, g_ptr_array_unref);
  g_assert_true (sd_preferences_window_get_dialog (prefs) == GTK_WINDOW (dialog));

  /* "12.5" is 1250 fen */
  sd_product_dialog_set_price (dialog, "12.5");
  g_assert_cmpstr (sd_product_dialog_get_error (dialog), ==, "");   /* typing clears it */
  g_assert_true (sd_product_dialog_save (dialog));
  spin (50);
  g_assert_null (sd_preferences_window_get_dialog (prefs));
  products = sd_store_list_products (store (), TRUE, NULL);
  g_assert_cmpuint (products->len, ==, before->len + 1);
  product = product_by_name (products, "苏打水 350ml");
  g_assert_nonnull (product);
  g_assert_cmpint (product->price_fen, ==, 1250);
  g_assert_cmpint (product->deposit_fen, ==, 0);
  g_assert_cmpstr (product->unit, ==, "瓶");
  g_assert_cmpstr (product->category, ==, "饮料");
  g_assert_true (product->active);
  g_assert_false (product->returnable_bucket);
  product_id = product->id;
  row = products_row ("product", product_id);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), shown));
  g_assert_false (has_label (GTK_WIDGET (row), T ("Returnable Bucket")));

  /* a ticket plan of it: 10 + 1 free for ¥120, valid a year */
  plan_dialog = SD_TICKET_PLAN_DIALOG (click_header ("new-ticket-plan"));
  g_assert_true (SD_IS_TICKET_PLAN_DIALOG (plan_dialog));
  sd_ticket_plan_dialog_set_name (plan_dialog, "苏打水买十送一");
  g_assert_true (sd_ticket_plan_dialog_set_product (plan_dialog, product_id));
  sd_ticket_plan_dialog_set_tickets (plan_dialog, 10, 1);
  sd_ticket_plan_dialog_set_price (plan_dialog, "120");
  sd_ticket_plan_dialog_set_valid_days (plan_dialog, 365);
  g_assert_true (sd_ticket_plan_dialog_save (plan_dialog));
  spin (50);
  plans = sd_store_list_ticket_plans (store (), TRUE, NULL);
  plan = plan_by_name (plans, "苏打水买十送一");
  g_assert_nonnull (plan);
  g_assert_cmpint (plan->product_id, ==, product_id);
  g_assert_cmpint (plan->tickets, ==, 10);
  g_assert_cmpint (plan->bonus_tickets, ==, 1);
  g_assert_cmpint (plan->price_fen, ==, 12000);
  g_assert_cmpint (plan->valid_days, ==, 365);
  g_assert_true (plan->active);
  plan_id = plan->id;
  g_clear_pointer (&plans, g_ptr_array_unref);
  row = products_row ("ticket-plan", plan_id);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "苏打水 350ml"));

  /* once sold, its price cannot change: the core's refusal shows in the dialog */
  g_assert_cmpint (sd_store_sell_ticket_plan (store (), 1, plan_id, &how, NULL), >, 0);
  click (row, "edit");
  plan_dialog = SD_TICKET_PLAN_DIALOG (sd_preferences_window_get_dialog (prefs));
  g_assert_true (SD_IS_TICKET_PLAN_DIALOG (plan_dialog));
  sd_ticket_plan_dialog_set_price (plan_dialog, "99");
  g_assert_false (sd_ticket_plan_dialog_save (plan_dialog));
  {
    g_autoptr(SdTicketPlan) changed = sd_ticket_plan_new ("苏打水买十送一", product_id, 10, 1, 9900);
    g_autoptr(GError) refusal = NULL;

    changed->id = plan_id;
    changed->valid_days = 365;
    g_assert_false (sd_store_save_ticket_plan (store (), changed, &refusal));
    g_assert_cmpstr (sd_ticket_plan_dialog_get_error (plan_dialog), ==, refusal->message);
    g_assert_true (has_label (GTK_WIDGET (plan_dialog), refusal->message));
  }
  {
    g_autoptr(SdTicketPlan) stored = sd_store_load_ticket_plan (store (), plan_id, NULL);
    g_assert_cmpint (stored->price_fen, ==, 12000);
  }

  /* it can still be taken off sale: the row is dimmed */
  sd_ticket_plan_dialog_set_price (plan_dialog, "120");
  sd_ticket_plan_dialog_set_active (plan_dialog, FALSE);
  g_assert_true (sd_ticket_plan_dialog_save (plan_dialog));
  spin (50);
  {
    g_autoptr(SdTicketPlan) stored = sd_store_load_ticket_plan (store (), plan_id, NULL);
    g_assert_false (stored->active);
    g_assert_cmpint (stored->price_fen, ==, 12000);
  }
  row = products_row ("ticket-plan", plan_id);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "dim-label"));
  g_assert_true (has_label (GTK_WIDGET (row), T ("Not on Sale")));

  /* editing the product: the form shows what is stored, a deactivated one is dimmed */
  click (products_row ("product", product_id), "edit");
  dialog = SD_PRODUCT_DIALOG (sd_preferences_window_get_dialog (prefs));
  g_assert_true (SD_IS_PRODUCT_DIALOG (dialog));
  sd_product_dialog_set_active (dialog, FALSE);
  g_assert_true (sd_product_dialog_save (dialog));
  spin (50);
  g_clear_pointer (&products, g_ptr_array_unref);
  products = sd_store_list_products (store (), TRUE, NULL);
  product = product_by_name (products, "苏打水 350ml");
  g_assert_cmpint (product->price_fen, ==, 1250);   /* "12.50" read back unchanged */
  g_assert_false (product->active);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (products_row ("product", product_id)),
                                           "dim-label"));

  save_screenshot (GTK_WIDGET (prefs), "preferences-products");
}

static void
test_closes_cleanly (void)
{
  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &prefs);
  sd_preferences_window_new_tag (prefs);   /* an open dialog goes with the window */
  gtk_window_close (GTK_WINDOW (prefs));
  spin (200);
  g_assert_null (prefs);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = ui_test_demo_app ("prefs", 1780000000, &tmp_dir, &db_path);
  g_assert_nonnull (store ());
  prefs = SD_PREFERENCES_WINDOW (sd_preferences_window_new (store ()));
  gtk_window_present (GTK_WINDOW (prefs));

  g_test_add_func ("/preferences/opens-with-demo-fields", test_opens_with_demo_fields);
  g_test_add_func ("/preferences/add-text-field", test_add_text_field);
  g_test_add_func ("/preferences/add-choice-field", test_add_choice_field);
  g_test_add_func ("/preferences/edit-and-move-field", test_edit_and_move_field);
  g_test_add_func ("/preferences/remove-and-restore-field", test_remove_and_restore_field);
  g_test_add_func ("/preferences/kind-change-refused", test_kind_change_refused);
  g_test_add_func ("/preferences/fields-page-screenshot", test_fields_page_screenshot);
  g_test_add_func ("/preferences/tags", test_tags);
  g_test_add_func ("/preferences/products", test_products);
  g_test_add_func ("/preferences/closes-cleanly", test_closes_cleanly);
  status = g_test_run ();

  if (prefs != NULL)
    gtk_window_destroy (GTK_WINDOW (prefs));
  spin (100);
  g_clear_object (&app);
  ui_test_remove_dir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
