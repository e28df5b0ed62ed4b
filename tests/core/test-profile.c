/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer's 360° profile: schema 2 migration, dates, custom fields, tags,
 * follow-ups, parent accounts. */
#include <sqlite3.h>

#include "sd-custom-field.h"
#include "sd-customer-list.h"
#include "sd-customer-store.h"
#include "sd-date.h"
#include "sd-follow-up.h"
#include "sd-tag.h"
#include "test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  SdStore *store;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_tmp_dir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->store = sd_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
add_customer (Fixture *f, const char *name, const char *phone)
{
  g_autoptr(SdCustomer) c = sd_customer_new ();
  g_autoptr(GError) error = NULL;

  sd_customer_set_name (c, name);
  sd_customer_add_phone (c, phone, "");
  sd_customer_add_address (c, sd_address_new ("杭州市西湖区文三路1号"));
  g_assert_true (sd_store_save_customer (f->store, c, &error));
  g_assert_no_error (error);
  return sd_customer_get_id (c);
}

static void
test_migrate_from_1 (void)
{
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr(GBytes) v1 = g_resources_lookup_data ("/io/github/songda/Songda/core/migrations/0001-initial.sql",
                                                  0, NULL);
  g_autofree char *sql = g_strndup (g_bytes_get_data (v1, NULL), g_bytes_get_size (v1));
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(SdCustomer) c = NULL;
  sqlite3 *db;

  /* a shop written by schema 1, with one customer */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "PRAGMA application_id = 1396982065; PRAGMA user_version = 1;"
    "INSERT INTO customers (id, name, kind, created_at, updated_at, sort_key) VALUES (7, '老张', 'household', 1700000000, 1700000000, 'lao zhang');"
    "INSERT INTO customer_phones (customer_id, number, position) VALUES (7, '13800138000', 0);"
    "INSERT INTO addresses (customer_id, text, is_default, position) VALUES (7, '教工路1号', 1, 0);"
    "INSERT INTO customer_search (customer_id, sort_key, name, digits, haystack, pinyin) VALUES (7, 'lao zhang', '老张', '13800138000', '老张', 'lao zhang');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = sd_store_open (path, &error);
  g_assert_no_error (error);
  /* the shop as it was is kept beside it */
  {
    g_autofree char *backup = g_strconcat (path, ".v1.bak", NULL);
    sqlite3 *copy = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
    g_assert_cmpint (sqlite3_open_v2 (backup, &copy, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (copy, "SELECT (SELECT user_version FROM pragma_user_version),"
                                         " (SELECT name FROM customers WHERE id = 7)", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "老张");
    sqlite3_finalize (stmt);
    sqlite3_close (copy);
  }
  g_assert_cmpint (sd_store_get_schema_version (store), ==, SD_STORE_SCHEMA_VERSION);
  c = sd_store_load_customer (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_customer_get_name (c), ==, "老张");
  g_assert_cmpstr (sd_customer_get_wechat (c), ==, "");
  g_assert_cmpstr (sd_customer_get_birthday (c), ==, "");
  g_assert_cmpint (sd_customer_get_parent_id (c), ==, 0);

  /* the new parts work on the migrated file */
  sd_customer_set_birthday (c, "1980年5月4日");
  g_assert_true (sd_store_save_customer (store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sd_customer_get_birthday (c), ==, "1980-05-04");
  g_clear_object (&store);
  test_rm_rf (dir);
}

static void
test_dates (void)
{
  static const struct { const char *in, *out; } ok[] = {
    { "2024-03-08", "2024-03-08" }, { "2024/3/8", "2024-03-08" }, { "2024.3.8", "2024-03-08" },
    { "2024年3月8日", "2024-03-08" }, { "20240308", "2024-03-08" }, { " ２０２４-０３-０８ ", "2024-03-08" },
    { "2000-02-29", "2000-02-29" }, { "", "" },
  };
  static const char *bad[] = { "2023-02-29", "2024-13-01", "2024-00-10", "3/8", "明天", "2024-03-08x",
                               "1800-01-01", "2024年3月" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *d = sd_date_normalize (ok[i].in, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (d, ==, ok[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *d = sd_date_normalize (bad[i], &error);
      g_test_message ("bad date %s", bad[i]);
      g_assert_null (d);
      g_assert_error (error, SD_DATE_ERROR, SD_DATE_ERROR_INVALID);
    }
  {
    g_autofree char *next = sd_date_add_days ("2024-02-28", 2);
    g_autofree char *prev = sd_date_add_days ("2024-03-01", -1);
    g_assert_cmpstr (next, ==, "2024-03-01");
    g_assert_cmpstr (prev, ==, "2024-02-29");
  }
}

static void
test_custom_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCustomField) floor = sd_custom_field_new ("楼层", SD_FIELD_NUMBER);
  g_autoptr(SdCustomField) pet = sd_custom_field_new ("宠物", SD_FIELD_TEXT);
  g_autoptr(SdCustomField) since = sd_custom_field_new ("开户日期", SD_FIELD_DATE);
  g_autoptr(SdCustomField) bucket = sd_custom_field_new ("桶型", SD_FIELD_CHOICE);
  g_autoptr(SdCustomField) lift = sd_custom_field_new ("有电梯", SD_FIELD_BOOLEAN);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(SdCustomer) c = NULL;
  g_autoptr(SdCustomer) back = NULL;
  gint64 id = add_customer (f, "赵敏", "13900001111");
  char *choices[] = { "18.9L", " 11.3L ", "", NULL };

  /* definitions */
  g_strfreev (bucket->choices);
  bucket->choices = g_strdupv (choices);
  floor->required = TRUE;
  g_assert_true (sd_store_save_custom_field (f->store, floor, &error));
  g_assert_true (sd_store_save_custom_field (f->store, pet, &error));
  g_assert_true (sd_store_save_custom_field (f->store, since, &error));
  g_assert_true (sd_store_save_custom_field (f->store, bucket, &error));
  g_assert_true (sd_store_save_custom_field (f->store, lift, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bucket->choices[1], ==, "11.3L");   /* trimmed, blanks dropped */
  g_assert_null (bucket->choices[2]);
  {
    g_autoptr(SdCustomField) empty = sd_custom_field_new ("  ", SD_FIELD_TEXT);
    g_autoptr(SdCustomField) nochoice = sd_custom_field_new ("类型", SD_FIELD_CHOICE);
    g_assert_false (sd_store_save_custom_field (f->store, empty, &error));
    g_assert_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_DEFINITION);
    g_clear_error (&error);
    g_assert_false (sd_store_save_custom_field (f->store, nochoice, &error));
    g_assert_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_DEFINITION);
    g_clear_error (&error);
  }
  fields = sd_store_list_custom_fields (f->store, FALSE, &error);
  g_assert_cmpuint (fields->len, ==, 5);
  g_assert_cmpstr (((SdCustomField *) g_ptr_array_index (fields, 0))->label, ==, "楼层");

  /* values: required, invalid ones refused with the field named; nothing written */
  c = sd_store_load_customer (f->store, id, &error);
  g_assert_false (sd_store_save_customer (f->store, c, &error));
  g_assert_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_FIELD);
  g_assert_nonnull (strstr (error->message, "楼层"));
  g_clear_error (&error);

  sd_customer_set_field (c, floor->id, "三楼");
  g_assert_false (sd_store_save_customer (f->store, c, &error));
  g_assert_nonnull (strstr (error->message, "三楼"));
  g_clear_error (&error);

  sd_customer_set_field (c, floor->id, "03");
  sd_customer_set_field (c, bucket->id, "5L");
  g_assert_false (sd_store_save_customer (f->store, c, &error));
  g_assert_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_FIELD);
  g_clear_error (&error);

  sd_customer_set_field (c, bucket->id, "18.9L");
  sd_customer_set_field (c, since->id, "2023/7/1");
  sd_customer_set_field (c, lift->id, "否");
  sd_customer_set_field (c, pet->id, "一只金毛 叫旺财");
  g_assert_true (sd_store_save_customer (f->store, c, &error));
  g_assert_no_error (error);

  back = sd_store_load_customer (f->store, id, &error);
  g_assert_cmpstr (sd_customer_get_field (back, floor->id), ==, "3");
  g_assert_cmpstr (sd_customer_get_field (back, since->id), ==, "2023-07-01");
  g_assert_cmpstr (sd_customer_get_field (back, lift->id), ==, "0");
  g_assert_cmpstr (sd_customer_get_field (back, bucket->id), ==, "18.9L");
  {
    g_autofree char *shown = sd_custom_field_display (lift, "0");
    g_assert_cmpstr (shown, ==, "No");
  }

  /* text fields are searchable */
  {
    g_autoptr(GArray) ids = sd_store_search_customers (f->store, "旺财", FALSE, NULL);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
  }

  /* a field with values cannot change kind */
  pet->kind = SD_FIELD_NUMBER;
  g_assert_false (sd_store_save_custom_field (f->store, pet, &error));
  g_assert_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_DEFINITION);
  g_clear_error (&error);
  pet->kind = SD_FIELD_TEXT;

  /* removing hides; values stay and come back */
  g_assert_true (sd_store_set_custom_field_hidden (f->store, pet->id, TRUE, &error));
  {
    g_autoptr(GPtrArray) visible = sd_store_list_custom_fields (f->store, FALSE, NULL);
    g_autoptr(GPtrArray) all = sd_store_list_custom_fields (f->store, TRUE, NULL);
    g_autoptr(SdCustomer) again = sd_store_load_customer (f->store, id, NULL);
    g_assert_cmpuint (visible->len, ==, 4);
    g_assert_cmpuint (all->len, ==, 5);
    /* saving the customer while the field is hidden keeps its value */
    sd_customer_set_note (again, "改了备注");
    g_assert_true (sd_store_save_customer (f->store, again, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (sd_store_count_custom_field_values (f->store, pet->id), ==, 1);
  g_assert_true (sd_store_set_custom_field_hidden (f->store, pet->id, FALSE, &error));
  {
    g_autoptr(SdCustomer) again = sd_store_load_customer (f->store, id, NULL);
    g_assert_cmpstr (sd_customer_get_field (again, pet->id), ==, "一只金毛 叫旺财");
  }

  /* order */
  g_assert_true (sd_store_move_custom_field (f->store, lift->id, -4, &error));
  {
    g_autoptr(GPtrArray) ordered = sd_store_list_custom_fields (f->store, FALSE, NULL);
    g_assert_cmpint (((SdCustomField *) g_ptr_array_index (ordered, 0))->id, ==, lift->id);
    g_assert_cmpint (((SdCustomField *) g_ptr_array_index (ordered, 1))->id, ==, floor->id);
  }
}

static void
test_tags (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_customer (f, "甲", "13900000001");
  gint64 b = add_customer (f, "乙", "13900000002");
  gint64 c = add_customer (f, "丙", "13900000003");
  g_autoptr(SdTag) vip = sd_tag_new ("VIP", "#e01b24");
  g_autoptr(SdTag) monthly = sd_tag_new ("月结", "#2ec27e");
  g_autoptr(SdTag) auto_tag = sd_tag_new ("沉睡客户", "#9a9996");
  g_autoptr(SdTag) dup = sd_tag_new ("VIP", "#000000");
  g_autoptr(SdTag) bad = sd_tag_new ("坏颜色", "red");
  gint64 ab[] = { a, b };
  gint64 bc[] = { b, c };

  g_assert_true (sd_store_save_tag (f->store, vip, &error));
  g_assert_true (sd_store_save_tag (f->store, monthly, &error));
  auto_tag->automatic = TRUE;
  g_free (auto_tag->rule);
  auto_tag->rule = g_strdup ("no order in 60 days");
  g_assert_true (sd_store_save_tag (f->store, auto_tag, &error));
  g_assert_false (sd_store_save_tag (f->store, dup, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sd_store_save_tag (f->store, bad, &error));
  g_clear_error (&error);

  /* two customers at once */
  g_assert_true (sd_store_tag_customers (f->store, vip->id, ab, 2, TRUE, &error));
  g_assert_true (sd_store_tag_customers (f->store, monthly->id, bc, 2, TRUE, &error));
  g_assert_no_error (error);
  /* an automatic tag cannot be given by hand */
  g_assert_false (sd_store_tag_customers (f->store, auto_tag->id, ab, 2, TRUE, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  {
    g_autoptr(GPtrArray) tags = sd_store_list_tags (f->store, NULL);
    g_autoptr(GPtrArray) of_b = sd_store_list_customer_tags (f->store, b, NULL);
    g_assert_cmpuint (tags->len, ==, 3);
    g_assert_cmpuint (of_b->len, ==, 2);
    for (guint i = 0; i < tags->len; i++)
      {
        SdTag *t = g_ptr_array_index (tags, i);
        if (t->id == vip->id)
          g_assert_cmpuint (t->n_customers, ==, 2);
        if (t->id == auto_tag->id)
          g_assert_true (t->automatic);
      }
  }

  /* filters: any / all, combined with a search */
  {
    gint64 both[] = { vip->id, monthly->id };
    SdCustomerFilter any = { .query = "", .tag_ids = both, .n_tags = 2, .all_tags = FALSE };
    SdCustomerFilter all = { .query = "", .tag_ids = both, .n_tags = 2, .all_tags = TRUE };
    SdCustomerFilter vip_and_name = { .query = "甲", .tag_ids = both, .n_tags = 1 };
    g_autoptr(GArray) r_any = sd_store_filter_customers (f->store, &any, &error);
    g_autoptr(GArray) r_all = sd_store_filter_customers (f->store, &all, &error);
    g_autoptr(GArray) r_name = sd_store_filter_customers (f->store, &vip_and_name, &error);
    g_assert_cmpuint (r_any->len, ==, 3);
    g_assert_cmpuint (r_all->len, ==, 1);
    g_assert_cmpint (g_array_index (r_all, gint64, 0), ==, b);
    g_assert_cmpuint (r_name->len, ==, 1);
    g_assert_cmpint (g_array_index (r_name, gint64, 0), ==, a);
  }

  /* the list model narrows too */
  {
    g_autoptr(SdCustomerList) list = sd_customer_list_new (f->store);
    gint64 only[] = { monthly->id };
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
    g_assert_true (sd_customer_list_set_tags (list, only, 1, FALSE, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
    g_assert_true (sd_customer_list_set_tags (list, NULL, 0, FALSE, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  }

  /* removing from many */
  g_assert_true (sd_store_tag_customers (f->store, vip->id, ab, 2, FALSE, &error));
  {
    g_autoptr(GPtrArray) of_a = sd_store_list_customer_tags (f->store, a, NULL);
    g_assert_cmpuint (of_a->len, ==, 0);
  }
  g_assert_cmpint (sd_store_ensure_tag (f->store, "月结", NULL), ==, monthly->id);
  g_assert_cmpint (sd_store_ensure_tag (f->store, "新标签", NULL), >, auto_tag->id);
  g_assert_cmpint (sd_store_ensure_tag (f->store, "沉睡客户", &error), ==, 0);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
}

static void
test_follow_ups (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_customer (f, "钱多多", "13900000011");
  gint64 b = add_customer (f, "孙小美", "13900000012");
  g_autoptr(SdFollowUp) call = sd_follow_up_new (a, SD_FOLLOW_UP_CALL, "问要不要订鲜奶");
  g_autoptr(SdFollowUp) complaint = sd_follow_up_new (b, SD_FOLLOW_UP_COMPLAINT, "水桶漏水");
  g_autoptr(SdFollowUp) visit = sd_follow_up_new (a, SD_FOLLOW_UP_VISIT, "上门送试喝装");
  g_autoptr(SdFollowUp) empty = sd_follow_up_new (a, SD_FOLLOW_UP_NOTE, "   ");
  g_autoptr(SdFollowUp) bad_date = sd_follow_up_new (a, SD_FOLLOW_UP_NOTE, "x");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) history = NULL;

  call->at = 1780000000;
  g_free (call->next_date);
  call->next_date = g_strdup ("2026/6/1");
  g_assert_true (sd_store_add_follow_up (f->store, call, &error));
  g_assert_cmpstr (call->next_date, ==, "2026-06-01");
  complaint->at = 1780000100;
  g_free (complaint->next_date);
  complaint->next_date = g_strdup ("2026-05-30");
  g_assert_true (sd_store_add_follow_up (f->store, complaint, &error));
  g_assert_no_error (error);

  g_assert_false (sd_store_add_follow_up (f->store, empty, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (bad_date->next_date);
  bad_date->next_date = g_strdup ("2026-02-30");
  g_assert_false (sd_store_add_follow_up (f->store, bad_date, &error));
  g_assert_error (error, SD_DATE_ERROR, SD_DATE_ERROR_INVALID);
  g_clear_error (&error);

  /* due on a day: those dated that day or earlier, oldest first */
  due = sd_store_list_due_follow_ups (f->store, "2026-05-31", &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((SdFollowUp *) g_ptr_array_index (due, 0))->customer_name, ==, "孙小美");
  g_ptr_array_unref (due);
  due = sd_store_list_due_follow_ups (f->store, "2026-06-01", &error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpint (((SdFollowUp *) g_ptr_array_index (due, 0))->customer_id, ==, b);
  g_assert_cmpstr (((SdFollowUp *) g_ptr_array_index (due, 1))->customer_phone, ==, "13900000011");
  g_ptr_array_unref (due);

  /* the next follow-up closes the open one; history is newest first */
  visit->at = 1780000200;
  g_assert_true (sd_store_add_follow_up (f->store, visit, &error));
  due = sd_store_list_due_follow_ups (f->store, "2026-06-01", &error);
  g_assert_cmpuint (due->len, ==, 1);
  history = sd_store_list_follow_ups (f->store, a, &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((SdFollowUp *) g_ptr_array_index (history, 0))->text, ==, "上门送试喝装");
  g_assert_true (((SdFollowUp *) g_ptr_array_index (history, 1))->done);

  g_assert_true (sd_store_set_follow_up_done (f->store, complaint->id, TRUE, &error));
  g_ptr_array_unref (due);
  due = sd_store_list_due_follow_ups (f->store, "2026-06-01", &error);
  g_assert_cmpuint (due->len, ==, 0);
}

static void
test_parent (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 dist = add_customer (f, "杭州聚源商贸有限公司", "13900000021");
  gint64 s1 = add_customer (f, "王记便利店", "13900000022");
  gint64 s2 = add_customer (f, "李记超市", "13900000023");
  g_autoptr(SdCustomer) c1 = sd_store_load_customer (f->store, s1, NULL);
  g_autoptr(SdCustomer) c2 = sd_store_load_customer (f->store, s2, NULL);
  g_autoptr(SdCustomer) top = sd_store_load_customer (f->store, dist, NULL);
  g_autoptr(GArray) children = NULL;

  sd_customer_set_parent_id (c1, dist);
  sd_customer_set_parent_id (c2, dist);
  g_assert_true (sd_store_save_customer (f->store, c1, &error));
  g_assert_true (sd_store_save_customer (f->store, c2, &error));
  g_assert_no_error (error);
  children = sd_store_list_child_customers (f->store, dist, &error);
  g_assert_cmpuint (children->len, ==, 2);

  /* no cycles: the distributor cannot belong to its own store */
  sd_customer_set_parent_id (top, s1);
  g_assert_false (sd_store_save_customer (f->store, top, &error));
  g_assert_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PARENT);
  g_clear_error (&error);
  sd_customer_set_parent_id (top, dist);
  g_assert_false (sd_store_save_customer (f->store, top, &error));
  g_assert_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PARENT);
  g_clear_error (&error);
  sd_customer_set_parent_id (top, 424242);
  g_assert_false (sd_store_save_customer (f->store, top, &error));
  g_assert_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PARENT);
}

static void
test_profile_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_customer (f, "周芷若", "13900000031");
  g_autoptr(SdCustomer) c = sd_store_load_customer (f->store, id, NULL);
  g_autoptr(SdCustomer) back = NULL;

  sd_customer_set_wechat (c, " zhouzr_88 ");
  sd_customer_set_source (c, "老客户介绍");
  sd_customer_set_birthday (c, "1992-02-30");
  g_assert_false (sd_store_save_customer (f->store, c, &error));
  g_assert_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_BIRTHDAY);
  g_clear_error (&error);
  sd_customer_set_birthday (c, "1992.2.3");
  g_assert_true (sd_store_save_customer (f->store, c, &error));

  back = sd_store_load_customer (f->store, id, NULL);
  g_assert_cmpstr (sd_customer_get_wechat (back), ==, "zhouzr_88");
  g_assert_cmpstr (sd_customer_get_source (back), ==, "老客户介绍");
  g_assert_cmpstr (sd_customer_get_birthday (back), ==, "1992-02-03");
  {
    g_autoptr(GArray) ids = sd_store_search_customers (f->store, "zhouzr", FALSE, NULL);
    g_assert_cmpuint (ids->len, ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/profile/migrate-from-1", test_migrate_from_1);
  g_test_add_func ("/profile/dates", test_dates);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/profile/custom-fields", test_custom_fields);
  ADD ("/profile/tags", test_tags);
  ADD ("/profile/follow-ups", test_follow_ups);
  ADD ("/profile/parent", test_parent);
  ADD ("/profile/fields", test_profile_fields);
  return g_test_run ();
}
