/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-date.h"
#include "sd-follow-up.h"
#include "sd-store-private.h"

static const struct {
  const char *id;
  const char *label;
} kinds[SD_FOLLOW_UP_N_KINDS] = {
  { "call", N_("Call") },
  { "visit", N_("Visit") },
  { "complaint", N_("Complaint") },
  { "note", N_("Note") },
};

const char *
sd_follow_up_kind_label (SdFollowUpKind kind)
{
  g_return_val_if_fail ((guint) kind < SD_FOLLOW_UP_N_KINDS, "");
  return _(kinds[kind].label);
}

const char *
sd_follow_up_kind_to_string (SdFollowUpKind kind)
{
  g_return_val_if_fail ((guint) kind < SD_FOLLOW_UP_N_KINDS, "note");
  return kinds[kind].id;
}

static SdFollowUpKind
kind_from_string (const char *text)
{
  for (guint i = 0; i < SD_FOLLOW_UP_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i].id) == 0)
      return (SdFollowUpKind) i;
  return SD_FOLLOW_UP_NOTE;
}

SdFollowUp *
sd_follow_up_new (gint64          customer_id,
                  SdFollowUpKind  kind,
                  const char     *text)
{
  SdFollowUp *f = g_new0 (SdFollowUp, 1);

  f->customer_id = customer_id;
  f->kind = kind;
  f->who = g_strdup ("");
  f->text = g_strdup (text ? text : "");
  f->next_date = g_strdup ("");
  f->customer_name = g_strdup ("");
  f->customer_phone = g_strdup ("");
  return f;
}

void
sd_follow_up_free (SdFollowUp *f)
{
  if (f == NULL)
    return;
  g_free (f->who);
  g_free (f->text);
  g_free (f->next_date);
  g_free (f->customer_name);
  g_free (f->customer_phone);
  g_free (f);
}

gboolean
sd_store_add_follow_up (SdStore     *store,
                        SdFollowUp  *f,
                        GError     **error)
{
  g_autoptr(SdCachedStmt) close_stmt = NULL;
  g_autoptr(SdCachedStmt) insert = NULL;
  g_autofree char *text = NULL;
  g_autofree char *next = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (f != NULL && f->id == 0, FALSE);

  text = g_strstrip (g_strdup (f->text ? f->text : ""));
  if (*text == '\0')
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("Write what was said or done"));
      return FALSE;
    }
  next = sd_date_normalize (f->next_date, error);
  if (next == NULL)
    return FALSE;
  if (f->at == 0)
    f->at = sd_store_now (store);

  close_stmt = _sd_store_prepare (store,
    "UPDATE follow_ups SET done = 1 WHERE customer_id = ?1 AND done = 0", error);
  insert = _sd_store_prepare (store,
    "INSERT INTO follow_ups (customer_id, at, kind, who, text, next_date, done)"
    " VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, ''), 0)", error);
  if (close_stmt == NULL || insert == NULL)
    return FALSE;

  if (!sd_store_begin (store, error))
    return FALSE;
  sqlite3_bind_int64 (close_stmt, 1, f->customer_id);
  sqlite3_bind_int64 (insert, 1, f->customer_id);
  sqlite3_bind_int64 (insert, 2, f->at);
  _sd_bind_text (insert, 3, sd_follow_up_kind_to_string (f->kind));
  _sd_bind_text (insert, 4, f->who);
  _sd_bind_text (insert, 5, text);
  _sd_bind_text (insert, 6, next);
  if (!_sd_store_step_done (store, close_stmt, error) || !_sd_store_step_done (store, insert, error))
    {
      sd_store_rollback (store);
      return FALSE;
    }
  f->id = sqlite3_last_insert_rowid (_sd_store_get_db (store));
  if (!sd_store_commit (store, error))
    {
      f->id = 0;
      return FALSE;
    }
  g_free (f->text);
  f->text = g_steal_pointer (&text);
  g_free (f->next_date);
  f->next_date = g_steal_pointer (&next);
  return TRUE;
}

static SdFollowUp *
from_row (sqlite3_stmt *stmt)
{
  SdFollowUp *f = sd_follow_up_new (sqlite3_column_int64 (stmt, 1),
                                    kind_from_string ((const char *) sqlite3_column_text (stmt, 3)),
                                    (const char *) sqlite3_column_text (stmt, 5));

  f->id = sqlite3_column_int64 (stmt, 0);
  f->at = sqlite3_column_int64 (stmt, 2);
  g_free (f->who);
  f->who = _sd_column_dup (stmt, 4);
  g_free (f->next_date);
  f->next_date = _sd_column_dup (stmt, 6);
  f->done = sqlite3_column_int (stmt, 7) != 0;
  return f;
}

GPtrArray *
sd_store_list_follow_ups (SdStore  *store,
                          gint64    customer_id,
                          GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_follow_up_free);

  stmt = _sd_store_prepare (store,
    "SELECT id, customer_id, at, kind, who, text, next_date, done FROM follow_ups"
    " WHERE customer_id = ?1 ORDER BY at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, from_row (stmt));
  return g_steal_pointer (&list);
}

GPtrArray *
sd_store_list_due_follow_ups (SdStore     *store,
                              const char  *today,
                              GError     **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_follow_up_free);

  stmt = _sd_store_prepare (store,
    "SELECT f.id, f.customer_id, f.at, f.kind, f.who, f.text, f.next_date, f.done, c.name,"
    " (SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1)"
    " FROM follow_ups f JOIN customers c ON c.id = f.customer_id"
    " WHERE f.done = 0 AND f.next_date IS NOT NULL AND f.next_date <= ?1 AND c.archived = 0"
    " ORDER BY f.next_date, c.sort_key", error);
  if (stmt == NULL)
    return NULL;
  _sd_bind_text (stmt, 1, today);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SdFollowUp *f = from_row (stmt);
      g_free (f->customer_name);
      f->customer_name = _sd_column_dup (stmt, 8);
      g_free (f->customer_phone);
      f->customer_phone = _sd_column_dup (stmt, 9);
      g_ptr_array_add (list, f);
    }
  return g_steal_pointer (&list);
}

gboolean
sd_store_set_follow_up_done (SdStore  *store,
                             gint64    id,
                             gboolean  done,
                             GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "UPDATE follow_ups SET done = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, done ? 1 : 0);
  return _sd_store_step_done (store, stmt, error);
}
