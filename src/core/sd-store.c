/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a shop database safely: refuse what is not ours or is newer, then migrate in
 * one transaction. Nothing is written to a file before it has been recognised. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sd-store-private.h"

/* 'SDA1': marks the file as a Songda shop database (PRAGMA application_id). */
#define SD_APPLICATION_ID 0x53444131

struct _SdStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* const char *sql (by address) → sqlite3_stmt* */
  int         schema_version;
  guint       depth;        /* nesting of sd_store_begin(): outer BEGIN, inner SAVEPOINTs */

  gint64    (*now_func) (gpointer data);
  gpointer    now_data;
};

G_DEFINE_FINAL_TYPE (SdStore, sd_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sd-store-error-quark, sd_store_error)

static void
sd_store_finalize (GObject *object)
{
  SdStore *self = (SdStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (sd_store_parent_class)->finalize (object);
}

static void
sd_store_class_init (SdStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_store_finalize;
}

static void
sd_store_init (SdStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

/* --- helpers for the other core modules ------------------------------------------------ */

sqlite3 *
_sd_store_get_db (SdStore *self)
{
  return self->db;
}

void
_sd_store_set_sql_error (SdStore  *self,
                         GError  **error)
{
  g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_SQL,
               _("Database error: %s"), sqlite3_errmsg (self->db));
}

void
_sd_cached_stmt_release (SdCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

SdCachedStmt *
_sd_store_prepare (SdStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _sd_store_set_sql_error (self, error);
      g_critical ("Cannot prepare «%s»: %s", sql, sqlite3_errmsg (self->db));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_sd_store_exec (SdStore     *self,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_SQL,
                   _("Database error: %s"), message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sd_store_step_done (SdStore      *self,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _sd_store_set_sql_error (self, error);
      return FALSE;
    }
  return TRUE;
}

void
_sd_bind_text (sqlite3_stmt *stmt,
               int           index,
               const char   *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

char *
_sd_column_dup (sqlite3_stmt *stmt,
                int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return g_strdup (text ? (const char *) text : "");
}

/* --- opening and migrating ------------------------------------------------------------ */

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *out,
           int         *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *out_rc = rc;
  return rc == SQLITE_OK;
}

static char *
migration_sql (int version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *prefix = g_strdup_printf ("%04d-", version);

  names = g_resources_enumerate_children ("/io/github/songda/Songda/core/migrations/",
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    g_error ("The migrations are missing from the core resource: %s", error->message);

  for (guint i = 0; names[i]; i++)
    if (g_str_has_prefix (names[i], prefix))
      path = g_strconcat ("/io/github/songda/Songda/core/migrations/", names[i], NULL);

  if (path == NULL)
    return NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Before a shop's data is upgraded, a consistent copy of it as it was (VACUUM INTO reads
 * through the WAL): "shop.db" → "shop.db.v2.bak". An existing copy is kept. */
static gboolean
back_up_before_migration (SdStore  *self,
                          int       from,
                          GError  **error)
{
  g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", self->path, from);
  g_autofree char *sql = NULL;
  char *quoted;

  if (g_file_test (backup, G_FILE_TEST_EXISTS))
    return TRUE;
  quoted = sqlite3_mprintf ("VACUUM INTO %Q", backup);
  sql = g_strdup (quoted);
  sqlite3_free (quoted);
  if (!_sd_store_exec (self, sql, NULL))
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_MIGRATION,
                   _("Could not save a copy of the database before upgrading it to “%s”; "
                     "the database was left unchanged"), backup);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (SdStore  *self,
         int       from,
         GError  **error)
{
  g_autofree char *pragma = NULL;

  if (from > 0 && !back_up_before_migration (self, from, error))
    return FALSE;

  if (!_sd_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (int v = from + 1; v <= SD_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *sql = migration_sql (v);
      g_autoptr(GError) local_error = NULL;

      g_assert (sql != NULL);
      if (!_sd_store_exec (self, sql, &local_error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_MIGRATION,
                       _("Could not upgrade the database to version %d; it was left unchanged: %s"),
                       v, local_error->message);
          return FALSE;
        }
    }

  pragma = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                            SD_APPLICATION_ID, SD_STORE_SCHEMA_VERSION);
  if (!_sd_store_exec (self, pragma, error) || !_sd_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  self->schema_version = SD_STORE_SCHEMA_VERSION;
  return TRUE;
}

char *
sd_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "songda", "shop.db", NULL);
}

SdStore *
sd_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(SdStore) self = NULL;
  g_autofree char *dir = NULL;
  int user_version = 0;
  int app_id = 0;
  int n_tables = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_OPEN,
                   _("“%s” is a folder, not a shop database"), path);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (SD_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* Read-only checks first: these fail with SQLITE_NOTADB on a file that is not SQLite. */
  if (!query_int (self->db, "PRAGMA user_version", &user_version, &rc) ||
      !query_int (self->db, "PRAGMA application_id", &app_id, &rc) ||
      !query_int (self->db, "SELECT count(*) FROM sqlite_schema", &n_tables, &rc))
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE,
                     _("“%s” is not a Songda shop database (it is not an SQLite file)"), path);
      else
        g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_OPEN,
                     _("Cannot read the database “%s”: %s"), path, sqlite3_errmsg (self->db));
      return NULL;
    }

  if (n_tables > 0 && app_id != SD_APPLICATION_ID)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is an SQLite database of another program, not a Songda shop"), path);
      return NULL;
    }

  if (user_version > SD_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Songda (database version %d; "
                     "this program understands up to %d). Update Songda to open it; "
                     "the file was not changed."),
                   path, user_version, SD_STORE_SCHEMA_VERSION);
      return NULL;
    }

  self->schema_version = user_version;

  /* A shop database is tens of megabytes: keep it in memory (64 MiB page cache and a
   * memory map) so per-keystroke searches do not go back to the file. */
  if (!_sd_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
                             "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;"
                             "PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY;", error))
    return NULL;

  if (user_version < SD_STORE_SCHEMA_VERSION && !migrate (self, user_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
sd_store_get_path (SdStore *self)
{
  g_return_val_if_fail (SD_IS_STORE (self), NULL);
  return self->path;
}

int
sd_store_get_schema_version (SdStore *self)
{
  g_return_val_if_fail (SD_IS_STORE (self), 0);
  return self->schema_version;
}

/* --- settings ---------------------------------------------------------------------------- */

char *
sd_store_get_setting (SdStore    *self,
                      const char *key,
                      const char *fallback)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (self), NULL);

  stmt = _sd_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return g_strdup (fallback);
  _sd_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return _sd_column_dup (stmt, 0);
  return g_strdup (fallback);
}

gboolean
sd_store_set_setting (SdStore    *self,
                      const char *key,
                      const char *value,
                      GError    **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = _sd_store_prepare (self,
                            "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  _sd_bind_text (stmt, 1, key);
  _sd_bind_text (stmt, 2, value);
  return _sd_store_step_done (self, stmt, error);
}

/* --- transactions ------------------------------------------------------------------------ */

/* One user action is one transaction. Actions built from smaller ones (an import that
 * saves many customers) nest: the outer call opens the transaction, inner calls use
 * savepoints, so an inner failure can be undone without losing the outer work. The usual
 * depths use cached statements: an import opens a savepoint for every row. */
static const char *const savepoint_sql[] = {
  "SAVEPOINT sd_1", "SAVEPOINT sd_2", "SAVEPOINT sd_3", "SAVEPOINT sd_4",
};
static const char *const release_sql[] = {
  "RELEASE sd_1", "RELEASE sd_2", "RELEASE sd_3", "RELEASE sd_4",
};
static const char *const rollback_to_sql[] = {
  "ROLLBACK TO sd_1", "ROLLBACK TO sd_2", "ROLLBACK TO sd_3", "ROLLBACK TO sd_4",
};

static gboolean
run_cached (SdStore     *self,
            const char  *sql,
            GError     **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (self, sql, error);

  return stmt != NULL && _sd_store_step_done (self, stmt, error);
}

static gboolean
run_at_depth (SdStore            *self,
              const char *const  *cached,
              const char         *format,
              guint               level,
              GError            **error)
{
  g_autofree char *sql = NULL;

  if (level >= 1 && level <= G_N_ELEMENTS (savepoint_sql))
    return run_cached (self, cached[level - 1], error);
  sql = g_strdup_printf (format, level);
  return _sd_store_exec (self, sql, error);
}

gboolean
sd_store_begin (SdStore  *self,
                GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (self), FALSE);

  if (self->depth == 0)
    ok = run_cached (self, "BEGIN IMMEDIATE", error);
  else
    ok = run_at_depth (self, savepoint_sql, "SAVEPOINT sd_%u", self->depth, error);
  if (!ok)
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
sd_store_commit (SdStore  *self,
                 GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    ok = run_cached (self, "COMMIT", error);
  else
    ok = run_at_depth (self, release_sql, "RELEASE sd_%u", self->depth - 1, error);
  if (!ok)
    {
      sd_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

gboolean
_sd_store_in_transaction (SdStore *self)
{
  return self->depth > 0;
}

void
sd_store_rollback (SdStore *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_if_fail (SD_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    /* SQLite may have ended the transaction itself (a failed COMMIT it rolled back) */
    ok = sqlite3_get_autocommit (self->db) || run_cached (self, "ROLLBACK", &error);
  else
    ok = run_at_depth (self, rollback_to_sql, "ROLLBACK TO sd_%u", self->depth - 1, &error) &&
         run_at_depth (self, release_sql, "RELEASE sd_%u", self->depth - 1, &error);
  if (!ok)
    g_warning ("Rollback failed: %s", error->message);
  self->depth--;
}

/* --- clock -------------------------------------------------------------------------------- */

void
sd_store_set_clock (SdStore  *self,
                    gint64  (*now_utc) (gpointer data),
                    gpointer  data)
{
  g_return_if_fail (SD_IS_STORE (self));
  self->now_func = now_utc;
  self->now_data = data;
}

gint64
sd_store_now (SdStore *self)
{
  g_return_val_if_fail (SD_IS_STORE (self), 0);

  if (self->now_func != NULL)
    return self->now_func (self->now_data);
  return g_get_real_time () / G_USEC_PER_SEC;
}
