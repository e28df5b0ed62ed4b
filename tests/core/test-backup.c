/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backup and restore: a backup taken while the shop is open holds what was committed;
 * restoring checks the backup first, keeps the current shop as a safety copy, and refuses
 * anything that is not a Songda shop this build can open — leaving the shop untouched. */
#include <glib/gstdio.h>

#include "sd-backup.h"
#include "test-shop.h"

static gint64
count (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static GBytes *
file_bytes (const char *path)
{
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

static void
place_and_deliver (Shop *s, gint64 customer, gint64 address)
{
  g_autoptr(GError) error = NULL;
  gint64 order = shop_order (s, customer, address, SD_PAY_CASH_ON_DELIVERY, s->water, 2);

  shop_dispatch (s, order, s->zhou);
  g_assert_true (shop_deliver (s, order, NULL, &error));
  g_assert_no_error (error);
}

static void
test_backup_and_restore (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (s->dir, "backup.db", NULL);
  g_autofree char *safety = NULL;
  g_autoptr(SdRestore) restore = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 home = 0, later = 0;
  gint64 n_customers, n_orders;

  place_and_deliver (s, s->alice, s->alice_home);
  n_customers = count (s->path, "SELECT count(*) FROM customers");
  n_orders = count (s->path, "SELECT count(*) FROM orders");

  /* a backup while the shop is open (and its WAL not checkpointed) */
  g_assert_true (sd_store_backup (s->store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (backup, "SELECT count(*) FROM orders"), ==, n_orders);
  g_assert_cmpint (count (backup, "SELECT count(*) FROM ledger"), ==,
                   count (s->path, "SELECT count(*) FROM ledger"));

  /* never over an existing file */
  g_assert_false (sd_store_backup (s->store, backup, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "backup.db"));
  g_clear_error (&error);

  /* the shop goes on after the backup */
  later = shop_customer (s, "后来的客户", "13900001111", &home);
  place_and_deliver (s, later, home);
  g_assert_cmpint (count (s->path, "SELECT count(*) FROM customers"), ==, n_customers + 1);

  /* prepare: checked, counted, the shop untouched */
  restore = sd_restore_prepare (s->path, backup, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restore);
  g_assert_cmpuint (sd_restore_get_problems (restore)->len, ==, 0);
  g_assert_cmpint (sd_restore_get_n_customers (restore), ==, n_customers);
  g_assert_cmpint (sd_restore_get_n_orders (restore), ==, n_orders);
  g_assert_cmpstr (sd_restore_get_last_order_day (restore), ==, "2026-05-29");
  g_assert_cmpint (count (s->path, "SELECT count(*) FROM customers"), ==, n_customers + 1);

  /* commit once the shop is closed */
  g_clear_object (&s->store);
  g_assert_true (sd_restore_commit (restore, &safety, &error));
  g_assert_no_error (error);
  g_assert_nonnull (safety);
  g_assert_true (g_str_has_suffix (safety, ".before-restore.bak"));
  g_assert_cmpint (count (safety, "SELECT count(*) FROM customers"), ==, n_customers + 1);
  g_clear_pointer (&restore, sd_restore_free);

  s->store = sd_store_open (s->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (s->path, "SELECT count(*) FROM customers"), ==, n_customers);
  g_assert_cmpint (count (s->path, "SELECT count(*) FROM orders"), ==, n_orders);
  problems = shop_check (s->store);
  g_assert_cmpuint (problems->len, ==, 0);
  {
    g_autofree char *restoring = g_strconcat (s->path, ".restoring", NULL);
    g_assert_false (g_file_test (restoring, G_FILE_TEST_EXISTS));
  }
}

/* A backup that fails the integrity check can be prepared, and says what is wrong. */
static void
test_restore_reports_problems (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (s->dir, "backup.db", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *number = NULL;
  g_autoptr(SdRestore) restore = NULL;
  GPtrArray *problems;
  gint64 order;
  gboolean named = FALSE;

  place_and_deliver (s, s->alice, s->alice_home);
  g_assert_true (sd_store_backup (s->store, backup, &error));
  g_assert_no_error (error);
  order = count (backup, "SELECT max(id) FROM orders");
  sql = g_strdup_printf ("UPDATE orders SET total_fen = total_fen + 1 WHERE id = %" G_GINT64_FORMAT, order);
  g_assert_cmpint (shop_raw_exec (backup, sql), ==, SQLITE_OK);

  restore = sd_restore_prepare (s->path, backup, &error);
  g_assert_no_error (error);
  problems = sd_restore_get_problems (restore);
  g_assert_cmpuint (problems->len, >=, 1);
  number = g_strdup_printf (" %" G_GINT64_FORMAT, order);
  for (guint i = 0; i < problems->len; i++)
    {
      const SdProblem *p = g_ptr_array_index (problems, i);
      if (p->order_id == order && strstr (p->message, number) != NULL)
        named = TRUE;
    }
  g_assert_true (named);
}

static void
write_file (const char *path, const char *text)
{
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* Nothing but a Songda shop this build can open is restored; the shop stays as it was. */
static void
test_restore_refuses (Shop *s, gconstpointer data)
{
  g_autofree char *text = g_build_filename (s->dir, "notes.txt", NULL);
  g_autofree char *foreign = g_build_filename (s->dir, "other.sqlite", NULL);
  g_autofree char *newer = g_build_filename (s->dir, "newer.db", NULL);
  g_autofree char *missing = g_build_filename (s->dir, "missing.db", NULL);
  g_autofree char *restoring = g_strconcat (s->path, ".restoring", NULL);
  g_autofree char *newer_sql = g_strdup_printf ("PRAGMA user_version = %d", SD_STORE_SCHEMA_VERSION + 1);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  struct { const char *path; GQuark domain; int code; } cases[] = {
    { text, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE },
    { foreign, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE },
    { newer, SD_STORE_ERROR, SD_STORE_ERROR_TOO_NEW },
    { missing, G_IO_ERROR, G_IO_ERROR_NOT_FOUND },
  };

  write_file (text, "客户,电话\n张三,13800000000\n");
  g_assert_cmpint (shop_raw_exec (foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1)"), ==, SQLITE_OK);
  g_assert_true (sd_store_backup (s->store, newer, NULL));
  g_assert_cmpint (shop_raw_exec (newer, newer_sql), ==, SQLITE_OK);

  g_clear_object (&s->store);
  before = file_bytes (s->path);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SdRestore) restore = sd_restore_prepare (s->path, cases[i].path, &error);
      g_autofree char *base = g_path_get_basename (cases[i].path);

      g_assert_null (restore);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, base));
      g_clear_error (&error);
      g_assert_false (g_file_test (restoring, G_FILE_TEST_EXISTS));
    }
  after = file_bytes (s->path);
  g_assert_true (g_bytes_equal (before, after));
  s->store = sd_store_open (s->path, NULL);
}

/* When the restored copy cannot be put in place, the shop is put back as it was. */
static void
test_restore_commit_fails (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (s->dir, "backup.db", NULL);
  g_autofree char *restoring = g_strconcat (s->path, ".restoring", NULL);
  g_autofree char *safety = NULL;
  g_autoptr(SdRestore) restore = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_true (sd_store_backup (s->store, backup, &error));
  restore = sd_restore_prepare (s->path, backup, &error);
  g_assert_no_error (error);
  g_clear_object (&s->store);
  before = file_bytes (s->path);

  g_assert_cmpint (g_unlink (restoring), ==, 0);   /* the copy vanished */
  g_assert_false (sd_restore_commit (restore, &safety, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_null (safety);
  after = file_bytes (s->path);
  g_assert_true (g_bytes_equal (before, after));
  s->store = sd_store_open (s->path, &error);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/backup/backup-and-restore", Shop, NULL, shop_setup, test_backup_and_restore, shop_teardown);
  g_test_add ("/backup/restore-reports-problems", Shop, NULL, shop_setup, test_restore_reports_problems, shop_teardown);
  g_test_add ("/backup/restore-refuses", Shop, NULL, shop_setup, test_restore_refuses, shop_teardown);
  g_test_add ("/backup/restore-commit-fails", Shop, NULL, shop_setup, test_restore_commit_fails, shop_teardown);
  return g_test_run ();
}
