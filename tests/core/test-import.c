/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing customers from CSV (UTF-8, BOM, GB18030) and XLSX, exporting, round trips. */
#include <sqlite3.h>

#include "sd-catalog.h"
#include "sd-custom-field.h"
#include "sd-ledger.h"
#include "sd-customer-store.h"
#include "sd-demo.h"
#include "sd-import.h"
#include "sd-tag.h"
#include "test-util.h"

typedef struct {
  char          *dir;
  SdStore       *store;
  SdCustomField *floor;
  SdCustomField *bucket;
  gint64         existing;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SdCustomer) c = sd_customer_new ();
  char *choices[] = { "大桶", "小桶", NULL };

  f->dir = test_tmp_dir ();
  path = g_build_filename (f->dir, "shop.db", NULL);
  f->store = sd_store_open (path, &error);
  g_assert_no_error (error);

  f->floor = sd_custom_field_new ("楼层", SD_FIELD_NUMBER);
  f->bucket = sd_custom_field_new ("桶型", SD_FIELD_CHOICE);
  g_strfreev (f->bucket->choices);
  f->bucket->choices = g_strdupv (choices);
  g_assert_true (sd_store_save_custom_field (f->store, f->floor, &error));
  g_assert_true (sd_store_save_custom_field (f->store, f->bucket, &error));

  sd_customer_set_name (c, "老客户");
  sd_customer_add_phone (c, "13900000000", "");
  sd_customer_add_address (c, sd_address_new ("教工路1号"));
  g_assert_true (sd_store_save_customer (f->store, c, &error));
  f->existing = sd_customer_get_id (c);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  sd_custom_field_free (f->floor);
  sd_custom_field_free (f->bucket);
  test_rm_rf (f->dir);
  g_free (f->dir);
}

/* Header and rows a Chinese shop's sheet would have; lines 3–8 each carry one mistake. */
static const char *sheet =
  "姓名,手机,送货地址,送货备注,生日,标签,楼层,桶型,备注\r\n"
  "张三,138 0013 8000,\"杭州市西湖区文三路1号, 3幢\",\"放门口\n保温箱\",1985/6/1,VIP、月结,5,大桶,老客户\r\n"
  ",13800000002,教工路2号,,,,,,没有名字\r\n"
  "李四,1380013,教工路3号,,,,,,电话不对\r\n"
  "王五,13800000004,教工路4号,,1990-02-30,新标签,,,日期不对\r\n"
  "赵六,13800000005,教工路5号,,,,,中桶,选项不对\r\n"
  "钱七,139 0000 0000,教工路7号,,,,,,和老客户同号\r\n"
  "张三丰,13800138000,教工路8号,,,,,,和第2行同号\r\n"
  "孙八,0571-88881234 / 13800000009,\"滨江区\"\"江南大道\"\"9号\",,,,12,小桶,两个电话\r\n";

static SdImport *
prepare (Fixture *f, const char *data, gsize len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdTable) table = sd_table_parse_csv (data, len, &error);
  SdImport *import;

  g_assert_no_error (error);
  import = sd_import_new (f->store, table, &error);
  g_assert_no_error (error);
  return import;
}

static SdImportRowResult *
row_at (SdImportReport *report, guint line)
{
  for (guint i = 0; i < report->rows->len; i++)
    if (((SdImportRowResult *) g_ptr_array_index (report->rows, i))->line == line)
      return g_ptr_array_index (report->rows, i);
  g_assert_not_reached ();
}

static void
check_sheet_report (Fixture *f, SdImportReport *report)
{
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 4);
  /* lines as in the file: the embedded newline makes the first record two lines */
  g_assert_cmpint (row_at (report, 2)->status, ==, SD_IMPORT_ROW_IMPORTED);
  g_assert_cmpint (row_at (report, 4)->status, ==, SD_IMPORT_ROW_REJECTED);   /* no name */
  g_assert_nonnull (strstr (row_at (report, 5)->reason, "1380013"));          /* phone */
  g_assert_nonnull (strstr (row_at (report, 6)->reason, "1990-02-30"));       /* date */
  g_assert_nonnull (strstr (row_at (report, 7)->reason, "中桶"));             /* choice */
  g_assert_cmpint (row_at (report, 8)->status, ==, SD_IMPORT_ROW_SKIPPED);    /* existing */
  g_assert_cmpint (row_at (report, 8)->customer_id, ==, f->existing);
  g_assert_cmpint (row_at (report, 9)->status, ==, SD_IMPORT_ROW_SKIPPED);    /* in the file */
  g_assert_nonnull (strstr (row_at (report, 9)->reason, "2"));
}

static void
test_csv_utf8 (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdImport) import = prepare (f, sheet, strlen (sheet));
  g_autoptr(SdImportReport) report = NULL;
  g_autoptr(GArray) zhang = NULL;
  g_autoptr(SdCustomer) c = NULL;

  /* columns mapped from the Chinese headers */
  g_assert_cmpint (sd_import_get_column (import, 0)->target, ==, SD_IMPORT_NAME);
  g_assert_cmpint (sd_import_get_column (import, 1)->target, ==, SD_IMPORT_PHONE);
  g_assert_cmpint (sd_import_get_column (import, 2)->target, ==, SD_IMPORT_ADDRESS);
  g_assert_cmpint (sd_import_get_column (import, 3)->target, ==, SD_IMPORT_INSTRUCTIONS);
  g_assert_cmpint (sd_import_get_column (import, 4)->target, ==, SD_IMPORT_BIRTHDAY);
  g_assert_cmpint (sd_import_get_column (import, 5)->target, ==, SD_IMPORT_TAGS);
  g_assert_cmpint (sd_import_get_column (import, 6)->target, ==, SD_IMPORT_FIELD);
  g_assert_cmpint (sd_import_get_column (import, 6)->field_id, ==, f->floor->id);
  g_assert_cmpint (sd_import_get_column (import, 8)->target, ==, SD_IMPORT_NOTE);

  report = sd_import_run (import, FALSE, &error);
  g_assert_no_error (error);
  check_sheet_report (f, report);
  g_assert_cmpuint (sd_store_count_customers (f->store, TRUE), ==, 3);

  zhang = sd_store_search_customers (f->store, "13800138000", FALSE, NULL);
  g_assert_cmpuint (zhang->len, ==, 1);
  c = sd_store_load_customer (f->store, g_array_index (zhang, gint64, 0), NULL);
  g_assert_cmpstr (sd_customer_get_name (c), ==, "张三");
  g_assert_cmpstr (sd_customer_get_birthday (c), ==, "1985-06-01");
  g_assert_cmpstr (sd_customer_get_default_address (c)->text, ==, "杭州市西湖区文三路1号, 3幢");
  g_assert_cmpstr (sd_customer_get_default_address (c)->instructions, ==, "放门口\n保温箱");
  g_assert_cmpstr (sd_customer_get_field (c, f->floor->id), ==, "5");
  g_assert_cmpstr (sd_customer_get_field (c, f->bucket->id), ==, "大桶");
  {
    g_autoptr(GPtrArray) tags = sd_store_list_customer_tags (f->store, sd_customer_get_id (c), NULL);
    g_assert_cmpuint (tags->len, ==, 2);
  }
  /* the rejected row's new tag left no trace */
  {
    g_autoptr(GPtrArray) all = sd_store_list_tags (f->store, NULL);
    for (guint i = 0; i < all->len; i++)
      g_assert_cmpstr (((SdTag *) g_ptr_array_index (all, i))->name, !=, "新标签");
  }
  /* two phones in one cell, quotes inside a quoted field */
  {
    g_autoptr(GArray) sun = sd_store_search_customers (f->store, "孙八", FALSE, NULL);
    g_autoptr(SdCustomer) s = sd_store_load_customer (f->store, g_array_index (sun, gint64, 0), NULL);
    g_assert_cmpuint (sd_customer_get_phones (s)->len, ==, 2);
    g_assert_cmpstr (sd_customer_get_primary_phone (s), ==, "057188881234");
    g_assert_cmpstr (sd_customer_get_default_address (s)->text, ==, "滨江区\"江南大道\"9号");
  }
}

static void
test_encodings_and_xlsx (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = NULL;
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", sheet, NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "sheet.xlsx", NULL);
  gsize gb_len = 0;

  gb = g_convert (sheet, -1, "GB18030", "UTF-8", NULL, &gb_len, &error);
  g_assert_no_error (error);

  /* each encoding gives the same verdicts, in a dry run that writes nothing */
  {
    g_autoptr(SdImport) import = prepare (f, gb, gb_len);
    g_autoptr(SdImportReport) report = sd_import_run (import, TRUE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sd_table_get_encoding (sd_import_get_table (import)), ==, "GB18030");
    check_sheet_report (f, report);
  }
  {
    g_autoptr(SdImport) import = prepare (f, bom, strlen (bom));
    g_autoptr(SdImportReport) report = sd_import_run (import, TRUE, &error);
    g_assert_no_error (error);
    check_sheet_report (f, report);
  }
  g_assert_cmpuint (sd_store_count_customers (f->store, TRUE), ==, 1);

  /* the same sheet as .xlsx */
  {
    g_autoptr(SdTable) table = sd_table_parse_csv (sheet, strlen (sheet), &error);
    g_autoptr(SdTable) back = NULL;
    g_autoptr(SdImport) import = NULL;
    g_autoptr(SdImportReport) report = NULL;

    g_assert_true (sd_table_write_xlsx (table, xlsx, &error));
    back = sd_table_read_file (xlsx, &error);
    g_assert_no_error (error);
    import = sd_import_new (f->store, back, &error);
    report = sd_import_run (import, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->imported, ==, 2);
    g_assert_cmpuint (report->rejected, ==, 4);
  }
  g_assert_cmpuint (sd_store_count_customers (f->store, TRUE), ==, 3);
}

static void
test_duplicates_modes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *csv = "客户名称,联系电话,地址,备注\n老客户(新名),13900000000,滨江区新地址8号,改过备注\n";

  {
    g_autoptr(SdImport) import = prepare (f, csv, strlen (csv));
    g_autoptr(SdImportReport) report = NULL;
    sd_import_set_duplicates (import, SD_IMPORT_DUPLICATES_UPDATE);
    report = sd_import_run (import, FALSE, &error);
    g_assert_cmpuint (report->updated, ==, 1);
  }
  {
    g_autoptr(SdCustomer) c = sd_store_load_customer (f->store, f->existing, NULL);
    g_assert_cmpstr (sd_customer_get_name (c), ==, "老客户(新名)");
    g_assert_cmpstr (sd_customer_get_note (c), ==, "改过备注");
    /* the new address is added, the old default stays */
    g_assert_cmpuint (sd_customer_get_addresses (c)->len, ==, 2);
    g_assert_cmpstr (sd_customer_get_default_address (c)->text, ==, "教工路1号");
  }
  {
    g_autoptr(SdImport) import = prepare (f, csv, strlen (csv));
    g_autoptr(SdImportReport) report = NULL;
    sd_import_set_duplicates (import, SD_IMPORT_DUPLICATES_CREATE);
    report = sd_import_run (import, FALSE, &error);
    g_assert_cmpuint (report->imported, ==, 1);
    g_assert_cmpuint (sd_store_count_customers (f->store, TRUE), ==, 2);
  }
}

static void
test_no_name_column (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *csv = "电话,地址\n13800000001,教工路1号\n";
  g_autoptr(SdImport) import = prepare (f, csv, strlen (csv));
  g_autoptr(SdImportReport) report = sd_import_run (import, FALSE, &error);

  g_assert_null (report);
  g_assert_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_NO_NAME);
  g_clear_error (&error);

  /* the user maps the column in the preview */
  {
    SdImportColumn name = { SD_IMPORT_NAME, 0, 0 };
    g_autoptr(SdImportReport) again = NULL;
    sd_import_set_column (import, 1, &name);
    again = sd_import_run (import, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->rejected, ==, 1);   /* the phone column is gone: no phone */
  }
  g_assert_cmpuint (sd_store_count_customers (f->store, TRUE), ==, 1);
}

static void
test_failed_import_writes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdImport) import = prepare (f, sheet, strlen (sheet));
  g_autoptr(SdImportReport) report = NULL;
  sqlite3 *other = NULL;

  /* another program holds the database: the import fails whole, nothing half-written */
  g_assert_cmpint (sqlite3_open (sd_store_get_path (f->store), &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 100);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  report = sd_import_run (import, FALSE, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_clear_error (&error);
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  g_assert_cmpuint (sd_store_count_customers (f->store, TRUE), ==, 1);
}

static void
test_rejects_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdImport) import = prepare (f, sheet, strlen (sheet));
  g_autoptr(SdImportReport) report = sd_import_run (import, FALSE, &error);
  g_autofree char *path = g_build_filename (f->dir, "rejects.csv", NULL);
  g_autoptr(SdTable) back = NULL;

  g_assert_true (sd_import_write_rejects (import, report, path, &error));
  g_assert_no_error (error);
  back = sd_table_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sd_table_get_n_rows (back), ==, 1 + report->rejected + report->skipped);
  g_assert_cmpstr (sd_table_get_cell (back, 0, 9), ==, "Reason");
  g_assert_cmpstr (sd_table_get_cell (back, 2, 0), ==, "李四");
  g_assert_nonnull (strstr (sd_table_get_cell (back, 2, 9), "1380013"));

  /* fixed in the file and imported again: the Reason and Line columns are ignored */
  {
    g_autoptr(SdImport) again = sd_import_new (f->store, back, &error);
    g_assert_cmpint (sd_import_get_column (again, 9)->target, ==, SD_IMPORT_IGNORE);
    g_assert_cmpint (sd_import_get_column (again, 10)->target, ==, SD_IMPORT_IGNORE);
  }
}

/* Everything about the shop's customers, except when they were last edited. */
static char *
digest (SdStore *store)
{
  static const char *queries[] = {
    "SELECT id, name, kind, note, archived, wechat, birthday, source FROM customers ORDER BY id",
    "SELECT customer_id, number, position FROM customer_phones ORDER BY customer_id, position",
    "SELECT customer_id, text, district, latitude, longitude, instructions, is_default, archived FROM addresses ORDER BY id",
    "SELECT customer_id, tag_id FROM customer_tags ORDER BY 1, 2",
    "SELECT * FROM customer_field_values ORDER BY 1, 2",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (sd_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;
      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const unsigned char *text = sqlite3_column_text (stmt, c);
            g_checksum_update (sum, text ? text : (const guchar *) "<null>", -1);
            g_checksum_update (sum, (const guchar *) "|", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

static void
round_trip (const char *extension)
{
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *file = g_strconcat (dir, "/customers.", extension, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (path, &error);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SdDemoOptions options;

  sd_demo_options_init (&options);
  options.n_customers = 120;
  options.reference_time = 1780000000;
  g_assert_true (sd_demo_generate (store, &options, &error));
  ids = sd_store_search_customers (store, "", FALSE, &error);
  before = digest (store);

  g_assert_true (sd_store_export_customers (store, (const gint64 *) (gpointer) ids->data, ids->len, file, &error));
  g_assert_no_error (error);

  for (int mode = SD_IMPORT_DUPLICATES_SKIP; mode <= SD_IMPORT_DUPLICATES_UPDATE; mode++)
    {
      g_autoptr(SdTable) table = sd_table_read_file (file, &error);
      g_autoptr(SdImport) import = NULL;
      g_autoptr(SdImportReport) report = NULL;

      g_assert_no_error (error);
      import = sd_import_new (store, table, &error);
      sd_import_set_duplicates (import, (SdImportDuplicates) mode);
      report = sd_import_run (import, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->imported, ==, 0);
      g_assert_cmpuint (report->rejected, ==, 0);
      g_assert_cmpuint (mode == SD_IMPORT_DUPLICATES_SKIP ? report->skipped : report->updated, ==, ids->len);
    }

  /* no duplicates, nothing changed */
  g_assert_cmpuint (sd_store_count_customers (store, TRUE), ==, ids->len);
  after = digest (store);
  g_assert_cmpstr (before, ==, after);
  g_clear_object (&store);
  test_rm_rf (dir);
}

static void
test_round_trip_csv (void)
{
  round_trip ("csv");
}

static void
test_round_trip_xlsx (void)
{
  round_trip ("xlsx");
}

static void
test_opening_balances (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *csv = "姓名,电话,地址,水票余额,押金,押桶数,预存款\n"
                    "期初甲,13711112222,教工路9号,18,¥100,2,50.5\n"
                    "期初乙,13711113333,教工路10号,很多,,,\n";
  SdProduct water = { .name = (char *) "18.9L 桶装水", .unit = (char *) "桶", .category = (char *) "",
                      .price_fen = 1800, .deposit_fen = 5000, .active = TRUE, .returnable_bucket = TRUE };
  g_autoptr(SdImport) import = NULL;
  g_autoptr(SdImportReport) report = NULL;
  SdBalances balances = { 0 };
  gint64 id;

  g_assert_true (sd_store_save_product (f->store, &water, &error));
  import = prepare (f, csv, strlen (csv));
  g_assert_cmpint (sd_import_get_column (import, 3)->target, ==, SD_IMPORT_OPENING_TICKETS);
  g_assert_cmpint (sd_import_get_column (import, 4)->target, ==, SD_IMPORT_OPENING_DEPOSIT);
  g_assert_cmpint (sd_import_get_column (import, 5)->target, ==, SD_IMPORT_OPENING_BUCKETS);
  g_assert_cmpint (sd_import_get_column (import, 6)->target, ==, SD_IMPORT_OPENING_PREPAID);
  report = sd_import_run (import, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_nonnull (strstr (row_at (report, 3)->reason, "很多"));

  id = sd_store_find_customer_by_phone (f->store, "13711112222");
  g_assert_cmpint (id, >, 0);
  g_assert_true (sd_store_get_balances (f->store, id, &balances, &error));
  g_assert_cmpint (sd_balances_get_tickets (&balances, water.id), ==, 18);
  g_assert_cmpint (balances.deposit_fen, ==, 10000);
  g_assert_cmpint (balances.buckets, ==, 2);
  g_assert_cmpint (balances.prepaid_fen, ==, 5050);
  sd_balances_clear (&balances);
  /* the rejected row left no customer and no ledger rows */
  g_assert_cmpint (sd_store_find_customer_by_phone (f->store, "13711113333"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/import/csv-utf8", test_csv_utf8);
  ADD ("/import/encodings-and-xlsx", test_encodings_and_xlsx);
  ADD ("/import/duplicates-modes", test_duplicates_modes);
  ADD ("/import/no-name-column", test_no_name_column);
  ADD ("/import/failed-import-writes-nothing", test_failed_import_writes_nothing);
  ADD ("/import/rejects-file", test_rejects_file);
  ADD ("/import/opening-balances", test_opening_balances);
  g_test_add_func ("/import/round-trip-csv", test_round_trip_csv);
  g_test_add_func ("/import/round-trip-xlsx", test_round_trip_xlsx);
  return g_test_run ();
}
