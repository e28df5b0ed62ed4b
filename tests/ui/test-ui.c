/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real window on a demo shop, driven like a user would, under Xvfb. */
#include "config.h"

#include "ui-test-util.h"

#include <glib/gstdio.h>

#include "sd-app-init.h"
#include "sd-application.h"
#include "sd-customer-detail.h"
#include "sd-customer-dialog.h"
#include "sd-customer-row.h"
#include "sd-custom-field.h"
#include "sd-customer-view.h"
#include "sd-catalog.h"
#include "sd-date.h"
#include "sd-pricing.h"
#include "sd-demo.h"
#include "sd-due-view.h"
#include "sd-follow-up-dialog.h"
#include "sd-import-dialog.h"
#include "sd-order-dialog.h"
#include "sd-orders-view.h"
#include "sd-tag.h"
#include "sd-window.h"

static char *tmp_dir;
static char *db_path;
static SdApplication *app;
static SdWindow *window;






static SdCustomerView *
view (void)
{
  return SD_CUSTOMER_VIEW (sd_window_get_customer_view (window));
}

static guint
n_items (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sd_customer_view_get_list (view ())));
}

static gboolean
n_items_is (gpointer data)
{
  return n_items () == GPOINTER_TO_UINT (data);
}

static gboolean
n_items_is_not (gpointer data)
{
  return n_items () != GPOINTER_TO_UINT (data);
}

static gboolean
window_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (sd_customer_view_get_list_view (view ()))) > 0;
}

/* The SdCustomerRow widgets the list view currently shows, top to bottom. */
static GPtrArray *
visible_rows (void)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *list_view = GTK_WIDGET (sd_customer_view_get_list_view (view ()));

  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      if (row && SD_IS_CUSTOMER_ROW (row) && gtk_widget_get_mapped (row))
        g_ptr_array_add (rows, row);
    }
  return rows;
}

static SdCustomerSummary *
item (guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (sd_customer_view_get_list (view ())), position);
}

static void
type_search (const char *text)
{
  gtk_editable_set_text (sd_customer_view_get_search_entry (view ()), text);
}

static void
test_opens_on_demo (void)
{
  GtkStack *stack = sd_window_get_stack (window);
  GtkStackPage *page = gtk_stack_get_page (stack, gtk_stack_get_visible_child (stack));
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (wait_for (window_drawn, NULL, 5000));
  g_assert_cmpuint (n_items (), ==, 300);

  /* translated sidebar label */
  g_assert_cmpstr (gtk_stack_page_get_title (page), ==, is_chinese () ? "客户" : "Customers");

  /* only a screenful of rows exist, and they show real customers */
  spin (200);
  rows = visible_rows ();
  g_assert_cmpuint (rows->len, >, 3);
  g_assert_cmpuint (rows->len, <, 60);
  {
    g_autoptr(SdCustomerSummary) first = item (0);
    g_assert_cmpstr (sd_customer_row_get_name_text (g_ptr_array_index (rows, 0)), ==,
                     sd_customer_summary_get_name (first));
  }

  /* the first customer is selected and shown */
  {
    SdCustomer *shown = sd_customer_detail_get_customer (
      SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ())));
    g_autoptr(SdCustomerSummary) first = item (0);
    g_assert_nonnull (shown);
    g_assert_cmpint (sd_customer_get_id (shown), ==, sd_customer_summary_get_id (first));
    g_assert_cmpuint (sd_customer_detail_get_n_phone_rows (
                        SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ()))), ==,
                      sd_customer_get_phones (shown)->len);
  }
  save_screenshot (GTK_WIDGET (window), "customers");
}

static void
test_search_by_phone (void)
{
  g_autoptr(SdCustomerSummary) target = item (123);
  const char *phone = sd_customer_summary_get_phone (target);
  g_autofree char *digits = g_strdup (phone + strlen (phone) - 8);
  g_autoptr(GPtrArray) rows = NULL;
  SdCustomer *shown;

  type_search (digits);
  g_assert_true (wait_for (n_items_is, GUINT_TO_POINTER (1), 3000));
  {
    g_autoptr(SdCustomerSummary) hit = item (0);
    g_assert_cmpint (sd_customer_summary_get_id (hit), ==, sd_customer_summary_get_id (target));
  }
  spin (200);
  rows = visible_rows ();
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (sd_customer_row_get_name_text (g_ptr_array_index (rows, 0)), ==,
                   sd_customer_summary_get_name (target));
  shown = sd_customer_detail_get_customer (SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ())));
  g_assert_cmpint (sd_customer_get_id (shown), ==, sd_customer_summary_get_id (target));
  save_screenshot (GTK_WIDGET (window), "customers-search");

  type_search ("");
  g_assert_true (wait_for (n_items_is, GUINT_TO_POINTER (300), 3000));
}

static void
test_search_by_name_and_pinyin (void)
{
  g_autoptr(SdCustomerSummary) target = item (7);
  const char *name = sd_customer_summary_get_name (target);

  type_search (name);
  g_assert_true (wait_for (n_items_is_not, GUINT_TO_POINTER (300), 3000));
  g_assert_cmpuint (n_items (), >=, 1);
  g_assert_cmpuint (n_items (), <, 300);
  {
    g_autoptr(SdCustomerSummary) first = item (0);
    g_assert_cmpstr (sd_customer_summary_get_name (first), ==, name);   /* exact name first */
  }

  type_search ("zzzzqqqq");
  g_assert_true (wait_for (n_items_is, GUINT_TO_POINTER (0), 3000));
  type_search ("");
  g_assert_true (wait_for (n_items_is, GUINT_TO_POINTER (300), 3000));
}

static void
test_search_shortcut_focuses_entry (void)
{
  GtkWidget *focus;

  gtk_widget_activate_action (GTK_WIDGET (view ()), "customers.search", NULL);
  spin (100);
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (sd_customer_view_get_search_entry (view ())) ||
                 gtk_widget_is_ancestor (focus, GTK_WIDGET (sd_customer_view_get_search_entry (view ()))));
}

static void
test_new_customer_dialog (void)
{
  SdStore *store = sd_application_get_store (app);
  guint before = sd_store_count_customers (store, TRUE);
  SdCustomerDialog *dialog;
  SdCustomer *shown;

  gtk_widget_activate_action (GTK_WIDGET (view ()), "customers.new", NULL);
  spin (200);
  dialog = SD_CUSTOMER_DIALOG (sd_customer_view_get_dialog (view ()));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* a bad phone is refused with a message, and nothing is written */
  sd_customer_dialog_set_name (dialog, "欧阳娜娜");
  sd_customer_dialog_set_phone (dialog, 0, "1390571");
  sd_customer_dialog_set_address (dialog, 0, "杭州市西湖区文三路100号 5幢1单元302室", "3楼无电梯");
  g_assert_false (sd_customer_dialog_save (dialog));
  g_assert_cmpstr (sd_customer_dialog_get_error (dialog), !=, "");
  g_assert_nonnull (strstr (sd_customer_dialog_get_error (dialog), "1390571"));
  g_assert_cmpuint (sd_store_count_customers (store, TRUE), ==, before);
  save_screenshot (GTK_WIDGET (dialog), "customer-dialog-error");

  sd_customer_dialog_set_phone (dialog, 0, "139 0571 2468");
  g_assert_true (sd_customer_dialog_save (dialog));
  spin (200);
  g_assert_null (sd_customer_view_get_dialog (view ()));
  g_assert_cmpuint (sd_store_count_customers (store, TRUE), ==, before + 1);
  g_assert_cmpuint (n_items (), ==, before + 1);

  /* the new customer is selected and shown */
  shown = sd_customer_detail_get_customer (SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ())));
  g_assert_nonnull (shown);
  g_assert_cmpstr (sd_customer_get_name (shown), ==, "欧阳娜娜");
  g_assert_cmpstr (sd_customer_get_primary_phone (shown), ==, "13905712468");
  g_assert_cmpstr (sd_customer_get_default_address (shown)->instructions, ==, "3楼无电梯");

  /* and found by pinyin initials of a compound surname */
  type_search ("oynn");
  g_assert_true (wait_for (n_items_is_not, GUINT_TO_POINTER (before + 1), 3000));
  g_assert_cmpuint (n_items (), >=, 1);
  {
    g_autoptr(SdCustomerSummary) hit = item (0);
    g_assert_cmpstr (sd_customer_summary_get_name (hit), ==, "欧阳娜娜");
  }
  type_search ("");
  g_assert_true (wait_for (n_items_is, GUINT_TO_POINTER (before + 1), 3000));
}

static void
test_edit_customer (void)
{
  SdStore *store = sd_application_get_store (app);
  SdCustomerDialog *dialog;
  SdCustomer *shown;
  gint64 id;

  shown = sd_customer_detail_get_customer (SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ())));
  g_assert_nonnull (shown);
  id = sd_customer_get_id (shown);

  gtk_widget_activate_action (GTK_WIDGET (view ()), "customers.edit", NULL);
  spin (200);
  dialog = SD_CUSTOMER_DIALOG (sd_customer_view_get_dialog (view ()));
  g_assert_nonnull (dialog);
  save_screenshot (GTK_WIDGET (dialog), "customer-dialog");

  sd_customer_dialog_set_name (dialog, "");
  g_assert_false (sd_customer_dialog_save (dialog));
  sd_customer_dialog_set_name (dialog, "测试改名");
  g_assert_true (sd_customer_dialog_save (dialog));
  spin (200);
  {
    g_autoptr(SdCustomer) stored = sd_store_load_customer (store, id, NULL);
    g_assert_cmpstr (sd_customer_get_name (stored), ==, "测试改名");
  }
  shown = sd_customer_detail_get_customer (SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ())));
  g_assert_cmpstr (sd_customer_get_name (shown), ==, "测试改名");
}

static SdCustomField *
field_by_label (const char *label)
{
  g_autoptr(GPtrArray) fields = sd_store_list_custom_fields (sd_application_get_store (app), FALSE, NULL);

  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (((SdCustomField *) g_ptr_array_index (fields, i))->label, label))
      return sd_custom_field_copy (g_ptr_array_index (fields, i));
  return NULL;
}

static void
test_profile_in_dialog (void)
{
  SdStore *store = sd_application_get_store (app);
  SdCustomerDetail *detail = SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ()));
  g_autoptr(SdCustomField) floor = field_by_label ("楼层");
  g_autoptr(SdCustomField) bucket = field_by_label ("常用桶型");
  g_autoptr(SdCustomerSummary) parent = item (3);
  SdCustomerDialog *dialog;
  gint64 id;

  g_assert_nonnull (floor);
  g_assert_nonnull (bucket);
  {
    guint first = 0;
    sd_customer_view_select_positions (view (), &first, 1);
  }
  spin (100);
  id = sd_customer_get_id (sd_customer_detail_get_customer (detail));
  gtk_widget_activate_action (GTK_WIDGET (view ()), "customers.edit", NULL);
  spin (200);
  dialog = SD_CUSTOMER_DIALOG (sd_customer_view_get_dialog (view ()));
  g_assert_nonnull (dialog);

  /* a wrong number in an owner-defined field is refused, naming the field */
  g_assert_true (sd_customer_dialog_set_field (dialog, "楼层", "五楼"));
  g_assert_false (sd_customer_dialog_save (dialog));
  g_assert_nonnull (strstr (sd_customer_dialog_get_error (dialog), "楼层"));

  g_assert_true (sd_customer_dialog_set_field (dialog, "楼层", "12"));
  g_assert_true (sd_customer_dialog_set_field (dialog, "常用桶型", "11.3L 小桶"));
  sd_customer_dialog_set_profile (dialog, "shui_zhan_88", "1988年8月8日", "小区传单",
                                  sd_customer_summary_get_id (parent));
  save_screenshot (GTK_WIDGET (dialog), "customer-dialog-profile");
  g_assert_true (sd_customer_dialog_save (dialog));
  spin (200);

  {
    g_autoptr(SdCustomer) stored = sd_store_load_customer (store, id, NULL);
    g_assert_cmpstr (sd_customer_get_field (stored, floor->id), ==, "12");
    g_assert_cmpstr (sd_customer_get_field (stored, bucket->id), ==, "11.3L 小桶");
    g_assert_cmpstr (sd_customer_get_birthday (stored), ==, "1988-08-08");
    g_assert_cmpstr (sd_customer_get_wechat (stored), ==, "shui_zhan_88");
    g_assert_cmpint (sd_customer_get_parent_id (stored), ==, sd_customer_summary_get_id (parent));
  }
  /* the profile shows it: the field, the account above */
  g_assert_cmpstr (sd_customer_detail_get_field_text (detail, "楼层"), ==, "12");
  g_assert_cmpuint (sd_customer_detail_get_n_account_rows (detail), >=, 1);
  save_screenshot (GTK_WIDGET (window), "customer-profile");
}

static void
test_agreed_price (void)
{
  SdStore *store = sd_application_get_store (app);
  SdCustomerDetail *detail = SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ()));
  g_autoptr(GPtrArray) products = sd_store_list_products (store, FALSE, NULL);
  SdProduct *water = g_ptr_array_index (products, 0);
  SdCustomerDialog *dialog;
  guint position = 4;
  gint64 id;

  sd_customer_view_select_positions (view (), &position, 1);
  spin (100);
  id = sd_customer_get_id (sd_customer_detail_get_customer (detail));
  g_assert_cmpint (sd_store_price_for (store, id, water->id, NULL), ==, water->price_fen);

  gtk_widget_activate_action (GTK_WIDGET (view ()), "customers.edit", NULL);
  spin (200);
  dialog = SD_CUSTOMER_DIALOG (sd_customer_view_get_dialog (view ()));

  /* a wrong price keeps everything as it was, the new name included */
  sd_customer_dialog_set_name (dialog, "协议价测试");
  g_assert_true (sd_customer_dialog_set_agreed_price (dialog, water->id, "十六"));
  g_assert_false (sd_customer_dialog_save (dialog));
  g_assert_nonnull (strstr (sd_customer_dialog_get_error (dialog), "十六"));
  {
    g_autoptr(SdCustomer) stored = sd_store_load_customer (store, id, NULL);
    g_assert_cmpstr (sd_customer_get_name (stored), !=, "协议价测试");
  }

  g_assert_true (sd_customer_dialog_set_agreed_price (dialog, water->id, "16.5"));
  g_assert_true (sd_customer_dialog_save (dialog));
  spin (200);
  g_assert_cmpint (sd_store_price_for (store, id, water->id, NULL), ==, 1650);
  {
    g_autoptr(SdCustomer) stored = sd_store_load_customer (store, id, NULL);
    g_assert_cmpstr (sd_customer_get_name (stored), ==, "协议价测试");
  }
}

static void
test_tag_two_at_once (void)
{
  SdStore *store = sd_application_get_store (app);
  g_autoptr(SdCustomerSummary) a = item (5);
  g_autoptr(SdCustomerSummary) b = item (6);
  g_autoptr(SdTag) tag = sd_tag_new ("水票客户", "#f5c211");
  guint positions[] = { 5, 6 };
  guint tagged_before, n_tagged = 0;

  g_assert_true (sd_store_save_tag (store, tag, NULL));
  tagged_before = 0;

  sd_customer_view_select_positions (view (), positions, 2);
  spin (200);
  /* two selected: the bulk page replaces the profile */
  g_assert_null (sd_customer_detail_get_customer (SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ()))));
  save_screenshot (GTK_WIDGET (window), "customers-bulk");
  gtk_widget_activate_action (GTK_WIDGET (view ()), "customers.tag-selected", "x", tag->id);
  spin (100);

  {
    g_autoptr(GPtrArray) of_a = sd_store_list_customer_tags (store, sd_customer_summary_get_id (a), NULL);
    g_autoptr(GPtrArray) of_b = sd_store_list_customer_tags (store, sd_customer_summary_get_id (b), NULL);
    gboolean in_a = FALSE, in_b = FALSE;
    for (guint i = 0; i < of_a->len; i++)
      in_a = in_a || ((SdTag *) g_ptr_array_index (of_a, i))->id == tag->id;
    for (guint i = 0; i < of_b->len; i++)
      in_b = in_b || ((SdTag *) g_ptr_array_index (of_b, i))->id == tag->id;
    g_assert_true (in_a);
    g_assert_true (in_b);
    n_tagged = tagged_before + 2;
  }

  /* filter the list by that tag: exactly those two */
  sd_customer_view_set_tag_filter (view (), &tag->id, 1, FALSE);
  g_assert_true (wait_for (n_items_is, GUINT_TO_POINTER (n_tagged), 3000));
  {
    g_autoptr(SdCustomerSummary) first = item (0);
    g_assert_true (sd_customer_summary_get_id (first) == sd_customer_summary_get_id (a) ||
                   sd_customer_summary_get_id (first) == sd_customer_summary_get_id (b));
  }
  g_assert_cmpuint (sd_customer_detail_get_n_tags (SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ()))), >=, 1);
  save_screenshot (GTK_WIDGET (window), "customers-tag-filter");
  sd_customer_view_set_tag_filter (view (), NULL, 0, FALSE);
  g_assert_true (wait_for (n_items_is_not, GUINT_TO_POINTER (n_tagged), 3000));
}

static void
test_tag_one_customer (void)
{
  SdStore *store = sd_application_get_store (app);
  SdCustomerDetail *detail = SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ()));
  g_autoptr(SdTag) tag = sd_tag_new ("周末送", "#33d17a");
  guint position = 9;
  guint before;

  g_assert_true (sd_store_save_tag (store, tag, NULL));
  sd_customer_view_select_positions (view (), &position, 1);
  spin (100);
  before = sd_customer_detail_get_n_tags (detail);
  gtk_widget_activate_action (GTK_WIDGET (view ()), "customers.tag-selected", "x", tag->id);
  spin (100);
  g_assert_cmpuint (sd_customer_detail_get_n_tags (detail), ==, before + 1);
  gtk_widget_activate_action (GTK_WIDGET (view ()), "customers.untag-selected", "x", tag->id);
  spin (100);
  g_assert_cmpuint (sd_customer_detail_get_n_tags (detail), ==, before);
}

static void
test_import_and_export (void)
{
  SdStore *store = sd_application_get_store (app);
  const char *utf8 = "客户名称,联系电话,送货地址,楼层\r\n"
                     "导入甲,13711110001,杭州市西湖区古墩路1号,3\r\n"
                     "导入乙,13711110002,杭州市西湖区古墩路2号,三楼\r\n"
                     "导入丙,13711110003,杭州市西湖区古墩路3号,\r\n";
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "excel-export.csv", NULL);
  g_autofree char *rejects = g_build_filename (tmp_dir, "to-fix.xlsx", NULL);
  g_autofree char *exported = g_build_filename (tmp_dir, "customers.xlsx", NULL);
  guint before = sd_store_count_customers (store, TRUE);
  SdImportDialog *dialog;
  SdImportReport *report;

  g_assert_true (g_file_set_contents (path, gb, -1, NULL));
  dialog = SD_IMPORT_DIALOG (sd_customer_view_import_file (view (), path));
  g_assert_nonnull (dialog);
  spin (200);

  /* the preview already checked every row: two good, one with a wrong floor */
  report = sd_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_cmpint (sd_import_get_column (sd_import_dialog_get_import (dialog), 0)->target, ==, SD_IMPORT_NAME);
  g_assert_cmpuint (sd_store_count_customers (store, TRUE), ==, before);   /* nothing written yet */
  save_screenshot (GTK_WIDGET (dialog), "import-preview");

  g_assert_true (sd_import_dialog_import (dialog));
  g_assert_cmpuint (sd_store_count_customers (store, TRUE), ==, before + 2);
  g_assert_true (sd_import_dialog_save_rejects (dialog, rejects));
  {
    g_autoptr(SdTable) back = sd_table_read_file (rejects, NULL);
    g_assert_cmpuint (sd_table_get_n_rows (back), ==, 2);
    g_assert_cmpstr (sd_table_get_cell (back, 1, 0), ==, "导入乙");
  }
  save_screenshot (GTK_WIDGET (dialog), "import-done");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (100);
  g_assert_cmpuint (n_items (), ==, before + 2);

  /* export what the list shows, after a search */
  type_search ("导入");
  g_assert_true (wait_for (n_items_is, GUINT_TO_POINTER (2), 3000));
  g_assert_true (sd_customer_view_export_file (view (), exported));
  {
    g_autoptr(SdTable) back = sd_table_read_file (exported, NULL);
    g_assert_cmpuint (sd_table_get_n_rows (back), ==, 3);
  }
  type_search ("");
  g_assert_true (wait_for (n_items_is, GUINT_TO_POINTER (before + 2), 3000));
}

static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
test_log_follow_up (void)
{
  SdStore *store = sd_application_get_store (app);
  SdCustomerDetail *detail = SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ()));
  g_autofree char *today = sd_date_today ();
  SdFollowUpDialog *dialog;
  guint before;
  gint64 id;

  {
    guint second = 1;
    sd_customer_view_select_positions (view (), &second, 1);
  }
  spin (100);
  id = sd_customer_get_id (sd_customer_detail_get_customer (detail));
  before = sd_customer_detail_get_n_follow_ups (detail);

  sd_customer_detail_log_follow_up (detail);
  spin (200);
  dialog = SD_FOLLOW_UP_DIALOG (find_window (SD_TYPE_FOLLOW_UP_DIALOG));
  g_assert_nonnull (dialog);
  sd_follow_up_dialog_set_kind (dialog, SD_FOLLOW_UP_CALL);
  sd_follow_up_dialog_set_text (dialog, "问了下周二要不要加送两桶，说要");
  sd_follow_up_dialog_set_next_date (dialog, today);
  g_assert_true (sd_follow_up_dialog_save (dialog));
  spin (200);

  /* the history shows it, newest first, and it is due today */
  {
    g_autoptr(GPtrArray) history = sd_store_list_follow_ups (store, id, NULL);
    g_autoptr(GPtrArray) due = sd_store_list_due_follow_ups (store, today, NULL);
    gboolean listed = FALSE;

    g_assert_cmpstr (((SdFollowUp *) g_ptr_array_index (history, 0))->text, ==, "问了下周二要不要加送两桶，说要");
    for (guint i = 0; i < due->len; i++)
      listed = listed || ((SdFollowUp *) g_ptr_array_index (due, i))->customer_id == id;
    g_assert_true (listed);
  }
  g_assert_cmpuint (sd_customer_detail_get_n_follow_ups (detail), ==, before + 1);
  save_screenshot (GTK_WIDGET (window), "customer-follow-ups");

  /* the due area lists it; opening it from there comes back to the customer */
  gtk_stack_set_visible_child_name (sd_window_get_stack (window), "due");
  spin (300);
  g_assert_cmpuint (sd_due_view_get_n_due (SD_DUE_VIEW (sd_window_get_due_view (window))), >=, 1);
  save_screenshot (GTK_WIDGET (window), "due-follow-ups");
  g_signal_emit_by_name (sd_window_get_due_view (window), "open-customer", id);
  spin (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sd_window_get_stack (window)), ==, "customers");
  g_assert_cmpint (sd_customer_get_id (sd_customer_detail_get_customer (detail)), ==, id);
}

static void
test_new_order_from_profile (void)
{
  SdStore *store = sd_application_get_store (app);
  SdCustomerDetail *detail = SD_CUSTOMER_DETAIL (sd_customer_view_get_detail (view ()));
  SdOrderDialog *dialog;
  guint position = 2;
  gint64 id;
  guint before;

  sd_customer_view_select_positions (view (), &position, 1);
  spin (100);
  id = sd_customer_get_id (sd_customer_detail_get_customer (detail));
  {
    g_autoptr(GArray) orders = sd_store_list_customer_orders (store, id, 0, NULL);
    before = orders->len;
  }

  /* Ctrl+O on a customer's page: the order is for them, their last order prefilled */
  gtk_widget_activate_action (GTK_WIDGET (view ()), "customers.new-order", NULL);
  spin (200);
  dialog = SD_ORDER_DIALOG (find_window (SD_TYPE_ORDER_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpint (sd_order_dialog_get_customer_id (dialog), ==, id);
  g_assert_cmpuint (sd_order_dialog_get_n_lines (dialog), >, 0);   /* the demo gives everyone orders */
  g_assert_true (sd_order_dialog_save (dialog));
  spin (200);
  {
    g_autoptr(GArray) orders = sd_store_list_customer_orders (store, id, 0, NULL);
    g_assert_cmpuint (orders->len, ==, before + 1);
  }
  save_screenshot (GTK_WIDGET (window), "customer-with-balances");

  /* "Order History" narrows the Orders area to this customer's orders */
  gtk_widget_activate_action (GTK_WIDGET (view ()), "customers.show-orders", NULL);
  spin (300);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sd_window_get_stack (window)), ==, "orders");
  {
    GListModel *orders = G_LIST_MODEL (sd_orders_view_get_list (SD_ORDERS_VIEW (sd_window_get_orders_view (window))));
    g_autoptr(GArray) ids = sd_store_list_customer_orders (store, id, 0, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (orders), ==, ids->len);
  }
  save_screenshot (GTK_WIDGET (window), "customer-orders");
  gtk_stack_set_visible_child_name (sd_window_get_stack (window), "customers");
  spin (100);
}

static void
test_every_ui_file_loads (void)
{
  /* the window, view, rows, detail and dialog are built above; the help overlay here */
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/songda/Songda/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_nonnull (overlay);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_window_size_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_default_size (GTK_WINDOW (window), 1111, 666);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  spin (200);
  g_assert_null (window);   /* closed and gone */
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1111);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 666);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = ui_test_demo_app ("ui", 1780000000, &tmp_dir, &db_path);
  window = sd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/ui/opens-on-demo", test_opens_on_demo);
  g_test_add_func ("/ui/search-by-phone", test_search_by_phone);
  g_test_add_func ("/ui/search-by-name", test_search_by_name_and_pinyin);
  g_test_add_func ("/ui/search-shortcut", test_search_shortcut_focuses_entry);
  g_test_add_func ("/ui/new-customer", test_new_customer_dialog);
  g_test_add_func ("/ui/edit-customer", test_edit_customer);
  g_test_add_func ("/ui/profile-in-dialog", test_profile_in_dialog);
  g_test_add_func ("/ui/agreed-price", test_agreed_price);
  g_test_add_func ("/ui/tag-two-at-once", test_tag_two_at_once);
  g_test_add_func ("/ui/tag-one-customer", test_tag_one_customer);
  g_test_add_func ("/ui/import-and-export", test_import_and_export);
  g_test_add_func ("/ui/log-follow-up", test_log_follow_up);
  g_test_add_func ("/ui/new-order-from-profile", test_new_order_from_profile);
  g_test_add_func ("/ui/every-ui-file-loads", test_every_ui_file_loads);
  g_test_add_func ("/ui/window-size-remembered", test_window_size_remembered);
  status = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  g_clear_object (&app);
  ui_test_remove_dir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
