/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sd-customer-list.h"
#include "sd-demo.h"
#include "test-util.h"

typedef struct {
  guint position, removed, added, calls;
} Changes;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Changes *c)
{
  c->position = position;
  c->removed = removed;
  c->added = added;
  c->calls++;
}

static void
test_paging (void)
{
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (path, &error);
  g_autoptr(SdCustomerList) list = NULL;
  SdDemoOptions options;
  Changes changes = { 0 };
  guint n;

  g_assert_no_error (error);
  sd_demo_options_init (&options);
  options.n_customers = 500;
  options.reference_time = 1780000000;
  g_assert_true (sd_demo_generate (store, &options, &error));

  list = sd_customer_list_new (store);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 500);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SD_TYPE_CUSTOMER_SUMMARY);

  /* nothing is loaded until asked for, and then only the page around it */
  g_assert_cmpuint (sd_customer_list_get_n_cached_pages (list), ==, 0);
  {
    g_autoptr(SdCustomerSummary) row = g_list_model_get_item (G_LIST_MODEL (list), 300);
    g_autoptr(SdCustomerSummary) same = g_list_model_get_item (G_LIST_MODEL (list), 300);
    g_assert_nonnull (row);
    g_assert_true (row == same);
    g_assert_cmpstr (sd_customer_summary_get_name (row), !=, "");
    g_assert_cmpuint (strlen (sd_customer_summary_get_phone (row)), >=, 10);
    g_assert_cmpstr (sd_customer_summary_get_address (row), !=, "");
  }
  g_assert_cmpuint (sd_customer_list_get_n_cached_pages (list), ==, 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 500));

  /* every item is a distinct customer */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
    g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; i < n; i++)
      {
        SdCustomerSummary *row = g_list_model_get_item (G_LIST_MODEL (list), i);
        g_ptr_array_add (keep, row);
        gpointer key = GSIZE_TO_POINTER ((gsize) sd_customer_summary_get_id (row));
        g_assert_false (g_hash_table_contains (seen, key));
        g_hash_table_add (seen, key);
      }
    g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  }
  /* the cache stays bounded */
  g_assert_cmpuint (sd_customer_list_get_n_cached_pages (list), <=, 32);

  /* a query replaces the contents in one signal */
  {
    g_autoptr(SdCustomerSummary) row = g_list_model_get_item (G_LIST_MODEL (list), 42);
    const char *phone = sd_customer_summary_get_phone (row);
    g_autofree char *digits = g_strdup (phone + 3);   /* 8 trailing digits */
    gint64 id = sd_customer_summary_get_id (row);

    g_assert_true (sd_customer_list_set_query (list, digits, &error));
    g_assert_cmpuint (changes.calls, ==, 1);
    g_assert_cmpuint (changes.removed, ==, 500);
    g_assert_cmpuint (changes.added, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >=, 1);
    g_assert_cmpint (sd_customer_list_find (list, id), ==, 0);
  }

  g_assert_true (sd_customer_list_set_query (list, "", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);
  g_clear_object (&list);
  g_clear_object (&store);
  test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/customer-list/paging", test_paging);
  return g_test_run ();
}
