/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-store-private.h"
#include "sd-tag.h"

SdTag *
sd_tag_new (const char *name,
            const char *color)
{
  SdTag *tag = g_new0 (SdTag, 1);

  tag->name = g_strdup (name ? name : "");
  tag->color = g_strdup (color ? color : "#3584e4");
  tag->rule = g_strdup ("");
  return tag;
}

void
sd_tag_free (SdTag *tag)
{
  if (tag == NULL)
    return;
  g_free (tag->name);
  g_free (tag->color);
  g_free (tag->rule);
  g_free (tag);
}

static SdTag *
tag_from_row (sqlite3_stmt *stmt)
{
  SdTag *tag = sd_tag_new ((const char *) sqlite3_column_text (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2));

  tag->id = sqlite3_column_int64 (stmt, 0);
  tag->automatic = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "auto") == 0;
  g_free (tag->rule);
  tag->rule = _sd_column_dup (stmt, 4);
  tag->n_customers = (guint) sqlite3_column_int64 (stmt, 5);
  return tag;
}

GPtrArray *
sd_store_list_tags (SdStore  *store,
                    GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_tag_free);

  stmt = _sd_store_prepare (store,
    "SELECT t.id, t.name, t.color, t.origin, t.rule,"
    " (SELECT count(*) FROM customer_tags ct JOIN customers c ON c.id = ct.customer_id"
    "  WHERE ct.tag_id = t.id AND c.archived = 0)"
    " FROM tags t ORDER BY t.origin DESC, t.name", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tags, tag_from_row (stmt));
  return g_steal_pointer (&tags);
}

GPtrArray *
sd_store_list_customer_tags (SdStore  *store,
                             gint64    customer_id,
                             GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_tag_free);

  stmt = _sd_store_prepare (store,
    "SELECT t.id, t.name, t.color, t.origin, t.rule, 0 FROM tags t"
    " JOIN customer_tags ct ON ct.tag_id = t.id WHERE ct.customer_id = ?1 ORDER BY t.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tags, tag_from_row (stmt));
  return g_steal_pointer (&tags);
}

static gboolean
valid_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

gboolean
sd_store_save_tag (SdStore  *store,
                   SdTag    *tag,
                   GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autofree char *name = NULL;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  name = g_strstrip (g_strdup (tag->name ? tag->name : ""));
  if (*name == '\0')
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("The tag needs a name"));
      return FALSE;
    }
  if (!valid_color (tag->color))
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("“%s” is not a colour like #3584e4"), tag->color ? tag->color : "");
      return FALSE;
    }

  if (tag->id == 0)
    stmt = _sd_store_prepare (store,
      "INSERT INTO tags (name, color, origin, rule, created_at) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  else
    stmt = _sd_store_prepare (store,
      "UPDATE tags SET name = ?1, color = ?2, origin = ?3, rule = ?4 WHERE id = ?6", error);
  if (stmt == NULL)
    return FALSE;
  _sd_bind_text (stmt, 1, name);
  _sd_bind_text (stmt, 2, tag->color);
  _sd_bind_text (stmt, 3, tag->automatic ? "auto" : "manual");
  _sd_bind_text (stmt, 4, tag->rule);
  if (tag->id == 0)
    sqlite3_bind_int64 (stmt, 5, sd_store_now (store));
  else
    sqlite3_bind_int64 (stmt, 6, tag->id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("There is already a tag called “%s”"), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  if (tag->id == 0)
    tag->id = sqlite3_last_insert_rowid (_sd_store_get_db (store));
  g_free (tag->name);
  tag->name = g_steal_pointer (&name);
  return TRUE;
}

gboolean
sd_store_delete_tag (SdStore  *store,
                     gint64    id,
                     GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store, "DELETE FROM tags WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sd_store_step_done (store, stmt, error);
}

gint64
sd_store_ensure_tag (SdStore    *store,
                     const char *name,
                     GError    **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(SdTag) tag = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));

  stmt = _sd_store_prepare (store, "SELECT id, origin FROM tags WHERE name = ?1", error);
  if (stmt == NULL)
    return 0;
  _sd_bind_text (stmt, 1, clean);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "auto") == 0)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                       _("“%s” is an automatic tag; it cannot be given by hand"), clean);
          return 0;
        }
      return sqlite3_column_int64 (stmt, 0);
    }
  tag = sd_tag_new (clean, NULL);
  if (!sd_store_save_tag (store, tag, error))
    return 0;
  return tag->id;
}

gboolean
sd_store_tag_customers (SdStore      *store,
                        gint64        tag_id,
                        const gint64 *customer_ids,
                        guint         n_customers,
                        gboolean      add,
                        GError      **error)
{
  g_autoptr(SdCachedStmt) check = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  check = _sd_store_prepare (store, "SELECT name, origin FROM tags WHERE id = ?1", error);
  if (check == NULL)
    return FALSE;
  sqlite3_bind_int64 (check, 1, tag_id);
  if (sqlite3_step (check) != SQLITE_ROW)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                           _("The tag no longer exists"));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (check, 1), "auto") == 0)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("“%s” is an automatic tag; it cannot be given by hand"),
                   (const char *) sqlite3_column_text (check, 0));
      return FALSE;
    }

  if (!sd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n_customers; i++)
    {
      g_autoptr(SdCachedStmt) stmt = NULL;

      if (add)
        stmt = _sd_store_prepare (store,
          "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id, added_at) VALUES (?1, ?2, ?3)",
          error);
      else
        stmt = _sd_store_prepare (store,
          "DELETE FROM customer_tags WHERE customer_id = ?1 AND tag_id = ?2", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, customer_ids[i]);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      if (add)
        sqlite3_bind_int64 (stmt, 3, sd_store_now (store));
      if (!_sd_store_step_done (store, stmt, error))
        goto fail;
    }
  return sd_store_commit (store, error);

fail:
  sd_store_rollback (store);
  return FALSE;
}
