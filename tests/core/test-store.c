/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>

#include "sd-store.h"
#include "test-util.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = test_tmp_dir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
raw_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_create_and_migrate (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (sd_store_get_schema_version (store), ==, SD_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (sd_store_get_path (store), ==, f->path);
  g_clear_object (&store);

  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, SD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, 0x53444131);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                            "('customers','addresses','customer_phones','products','couriers',"
                            "'settings','customer_search')"), ==, 7);
  g_assert_cmpint (raw_int (f->path, "PRAGMA journal_mode = WAL") , >=, 0);

  /* opening again is a no-op migration */
  store = sd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sd_store_get_schema_version (store), ==, SD_STORE_SCHEMA_VERSION);
}

static void
test_creates_folders (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = g_build_filename (f->dir, "a", "b", "shop.db", NULL);
  g_autoptr(SdStore) store = sd_store_open (deep, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_test (deep, G_FILE_TEST_EXISTS));
}

static void
test_refuse_newer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (f->path, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autofree char *newer = g_strdup_printf ("PRAGMA user_version = %d",
                                            SD_STORE_SCHEMA_VERSION + 1);

  g_assert_no_error (error);
  g_clear_object (&store);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE");
  raw_exec (f->path, newer);
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));

  store = sd_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));

  /* left untouched, byte for byte */
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, SD_STORE_SCHEMA_VERSION + 1);
}

static void
test_refuse_not_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autofree char *after = NULL;
  const char *junk = "姓名,电话\n张三,13800138000\n this is a CSV file, not a database\n"
                     "padding padding padding padding padding padding padding padding padding\n";

  g_assert_true (g_file_set_contents (f->path, junk, -1, NULL));
  store = sd_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE);

  g_assert_true (g_file_get_contents (f->path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, junk);
}

static void
test_refuse_foreign_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;

  raw_exec (f->path, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)");
  store = sd_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE);
  /* no table of ours was added */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema"), ==, 1);
}

static void
test_refuse_folder (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (f->dir, &error);

  g_assert_null (store);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_OPEN);
}

static void
test_settings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (f->path, &error);
  g_autofree char *missing = NULL;
  g_autofree char *value = NULL;
  g_autofree char *changed = NULL;

  g_assert_no_error (error);
  missing = sd_store_get_setting (store, "shop.name", "fallback");
  g_assert_cmpstr (missing, ==, "fallback");
  g_assert_true (sd_store_set_setting (store, "shop.name", "清泉水站", &error));
  value = sd_store_get_setting (store, "shop.name", NULL);
  g_assert_cmpstr (value, ==, "清泉水站");
  g_assert_true (sd_store_set_setting (store, "shop.name", "新名字", &error));
  changed = sd_store_get_setting (store, "shop.name", NULL);
  g_assert_cmpstr (changed, ==, "新名字");
}

static void
test_transactions_nest (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (f->path, &error);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_true (sd_store_begin (store, &error));
  g_assert_true (sd_store_set_setting (store, "a", "1", &error));
  g_assert_true (sd_store_begin (store, &error));
  g_assert_true (sd_store_set_setting (store, "b", "2", &error));
  sd_store_rollback (store);              /* undoes b only */
  g_assert_true (sd_store_begin (store, &error));
  g_assert_true (sd_store_set_setting (store, "c", "3", &error));
  g_assert_true (sd_store_commit (store, &error));
  g_assert_true (sd_store_commit (store, &error));
  g_assert_no_error (error);

  a = sd_store_get_setting (store, "a", "-");
  b = sd_store_get_setting (store, "b", "-");
  c = sd_store_get_setting (store, "c", "-");
  g_assert_cmpstr (a, ==, "1");
  g_assert_cmpstr (b, ==, "-");
  g_assert_cmpstr (c, ==, "3");

  /* an outer rollback undoes everything */
  g_assert_true (sd_store_begin (store, &error));
  g_assert_true (sd_store_set_setting (store, "a", "changed", &error));
  sd_store_rollback (store);
  g_free (a);
  a = sd_store_get_setting (store, "a", "-");
  g_assert_cmpstr (a, ==, "1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/store/create-and-migrate", test_create_and_migrate);
  ADD ("/store/creates-folders", test_creates_folders);
  ADD ("/store/refuse-newer", test_refuse_newer);
  ADD ("/store/refuse-not-database", test_refuse_not_database);
  ADD ("/store/refuse-foreign-database", test_refuse_foreign_database);
  ADD ("/store/refuse-folder", test_refuse_folder);
  ADD ("/store/settings", test_settings);
  ADD ("/store/transactions-nest", test_transactions_nest);
  return g_test_run ();
}
