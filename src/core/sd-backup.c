/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups with VACUUM INTO (a consistent copy read through the WAL, while the shop stays
 * open) and restores that check the backup before anything of the shop is replaced. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-backup.h"
#include "sd-check.h"
#include "sd-store-private.h"

#define SD_APPLICATION_ID 0x53444131

struct _SdRestore
{
  char      *db_path;
  char      *restoring_path;
  GPtrArray *problems;
  gint64     n_customers;
  gint64     n_orders;
  char      *last_order_day;
  gboolean   committed;
};

/* VACUUM INTO `dest` on an open connection. */
static gboolean
vacuum_into (sqlite3     *db,
             const char  *dest,
             char       **out_message)
{
  char *sql = sqlite3_mprintf ("VACUUM INTO %Q", dest);
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    {
      *out_message = g_strdup (message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
sd_store_backup (SdStore     *store,
                 const char  *dest_path,
                 GError     **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists; choose another name for the backup"), dest_path);
      return FALSE;
    }
  if (!vacuum_into (_sd_store_get_db (store), dest_path, &message))
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_SQL,
                   _("Could not write the backup “%s”: %s"), dest_path, message);
      return FALSE;
    }
  return TRUE;
}

char *
sd_backup_suggest_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "songda-backup-%Y-%m-%d-%H%M.db");
}

static void
remove_if_exists (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_file_delete (file, NULL, NULL);
}

/* The copy, and the files SQLite or an upgrade may leave beside it. */
static void
remove_restoring_files (const char *restoring_path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (restoring_path, suffixes[i], NULL);
      remove_if_exists (path);
    }
  for (int v = 1; v < SD_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("%s.v%d.bak", restoring_path, v);
      remove_if_exists (path);
    }
}

/* Opens the backup read-only, makes sure it is a Songda shop this build understands and
 * copies it to `dest`. */
static gboolean
copy_checked_backup (const char  *backup_path,
                     const char  *dest,
                     GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *message = NULL;
  int app_id = 0, version = 0, n_tables = 0;
  int rc;

  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no backup file at “%s”"), backup_path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (backup_path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id),"
                                 "       (SELECT user_version FROM pragma_user_version),"
                                 "       (SELECT count(*) FROM sqlite_schema)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      app_id = sqlite3_column_int (stmt, 0);
      version = sqlite3_column_int (stmt, 1);
      n_tables = sqlite3_column_int (stmt, 2);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE,
                 _("“%s” is not a Songda backup (it is not an SQLite file)"), backup_path);
  else if (n_tables == 0 || app_id != SD_APPLICATION_ID)
    g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE,
                 _("“%s” is not a Songda backup (it holds no Songda shop)"), backup_path);
  else if (version > SD_STORE_SCHEMA_VERSION)
    g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_TOO_NEW,
                 _("“%s” was written by a newer version of Songda (database version %d; this "
                   "program understands up to %d). Update Songda to restore it."),
                 backup_path, version, SD_STORE_SCHEMA_VERSION);
  else if (!vacuum_into (db, dest, &message))
    g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_SQL,
                 _("Could not copy the backup “%s”: %s"), backup_path, message);
  else
    {
      sqlite3_close (db);
      return TRUE;
    }
  sqlite3_close (db);
  return FALSE;
}

static gboolean
count_contents (SdRestore  *self,
                SdStore    *store,
                GError    **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  stmt = _sd_store_prepare (store, "SELECT (SELECT count(*) FROM customers),"
                                   "       (SELECT count(*) FROM orders),"
                                   "       (SELECT max(requested_date) FROM orders)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  self->n_customers = sqlite3_column_int64 (stmt, 0);
  self->n_orders = sqlite3_column_int64 (stmt, 1);
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    self->last_order_day = _sd_column_dup (stmt, 2);
  return TRUE;
}

SdRestore *
sd_restore_prepare (const char  *db_path,
                    const char  *backup_path,
                    GError     **error)
{
  g_autoptr(SdRestore) self = NULL;
  g_autoptr(SdStore) store = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (backup_path != NULL, NULL);

  self = g_new0 (SdRestore, 1);
  self->db_path = g_strdup (db_path);
  self->restoring_path = g_strconcat (db_path, ".restoring", NULL);
  remove_restoring_files (self->restoring_path);

  if (!copy_checked_backup (backup_path, self->restoring_path, error))
    return NULL;

  /* Opening upgrades a backup of an older version, as opening the shop would. */
  store = sd_store_open (self->restoring_path, error);
  if (store == NULL ||
      !sd_store_check (store, &self->problems, error) ||
      !count_contents (self, store, error))
    return NULL;
  g_clear_object (&store);   /* closing checkpoints the WAL into the copy */

  return g_steal_pointer (&self);
}

GPtrArray *
sd_restore_get_problems (SdRestore *self)
{
  return self->problems;
}

gint64
sd_restore_get_n_customers (SdRestore *self)
{
  return self->n_customers;
}

gint64
sd_restore_get_n_orders (SdRestore *self)
{
  return self->n_orders;
}

const char *
sd_restore_get_last_order_day (SdRestore *self)
{
  return self->last_order_day;
}

static gboolean
move_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_move (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Could not move “%s” to “%s”: %s"), from, to, local_error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  char *from;
  char *to;
} Move;

static void
move_clear (Move *move)
{
  g_free (move->from);
  g_free (move->to);
}

gboolean
sd_restore_commit (SdRestore  *self,
                   char      **out_safety_path,
                   GError    **error)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *safety = g_strconcat (self->db_path, ".before-restore.bak", NULL);
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (Move));
  gboolean had_shop = g_file_test (self->db_path, G_FILE_TEST_EXISTS);
  Move last;

  g_return_val_if_fail (!self->committed, FALSE);
  g_array_set_clear_func (done, (GDestroyNotify) move_clear);

  /* The current shop and whatever SQLite left beside it (a WAL after a crash belongs to
   * it, and would corrupt the restored file) move to the safety copy together; then the
   * checked copy takes its place. Any failure puts back every move made so far. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      Move move = { g_strconcat (self->db_path, suffixes[i], NULL),
                    g_strconcat (safety, suffixes[i], NULL) };

      remove_if_exists (move.to);
      if (!g_file_test (move.from, G_FILE_TEST_EXISTS))
        {
          move_clear (&move);
          continue;
        }
      if (!move_file (move.from, move.to, error))
        {
          move_clear (&move);
          goto undo;
        }
      g_array_append_val (done, move);
    }

  last.from = g_strdup (self->restoring_path);
  last.to = g_strdup (self->db_path);
  if (!move_file (last.from, last.to, error))
    {
      move_clear (&last);
      goto undo;
    }
  move_clear (&last);

  self->committed = TRUE;
  if (out_safety_path)
    *out_safety_path = had_shop ? g_steal_pointer (&safety) : NULL;
  return TRUE;

undo:
  for (guint i = done->len; i > 0; i--)
    {
      const Move *move = &g_array_index (done, Move, i - 1);

      if (!move_file (move->to, move->from, NULL))
        g_warning ("Could not put “%s” back as “%s”", move->to, move->from);
    }
  return FALSE;
}

void
sd_restore_free (SdRestore *self)
{
  if (self == NULL)
    return;
  if (!self->committed)
    remove_restoring_files (self->restoring_path);
  else
    {
      /* Only the upgrade copies may remain. */
      for (int v = 1; v < SD_STORE_SCHEMA_VERSION; v++)
        {
          g_autofree char *path = g_strdup_printf ("%s.v%d.bak", self->restoring_path, v);
          remove_if_exists (path);
        }
    }
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self->last_order_day);
  g_free (self->restoring_path);
  g_free (self->db_path);
  g_free (self);
}
