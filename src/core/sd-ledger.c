/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The append-only ledger: posting rows, summing balances, listing a customer's history.
 * There is no UPDATE or DELETE of ledger rows in the program (the schema's triggers would
 * refuse one anyway). */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-money.h"
#include "sd-order-private.h"

static const struct {
  const char *id;
  const char *label;
} kinds[SD_LEDGER_N_KINDS] = {
  { "tickets", N_("Water tickets") },
  { "prepaid_fen", N_("Prepaid balance") },
  { "deposit_fen", N_("Bucket deposit") },
  { "buckets", N_("Buckets held") },
  { "receivable_fen", N_("Amount owed") },
};

const char *
_sd_id (char   buf[SD_ID_LEN],
        gint64 id)
{
  g_snprintf (buf, SD_ID_LEN, "%" G_GINT64_FORMAT, id);
  return buf;
}

const char *
sd_ledger_kind_to_string (SdLedgerKind kind)
{
  g_return_val_if_fail ((guint) kind < SD_LEDGER_N_KINDS, "tickets");
  return kinds[kind].id;
}

gboolean
sd_ledger_kind_from_string (const char   *text,
                            SdLedgerKind *out_kind)
{
  for (guint i = 0; i < SD_LEDGER_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i].id) == 0)
      {
        *out_kind = (SdLedgerKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sd_ledger_kind_label (SdLedgerKind kind)
{
  g_return_val_if_fail ((guint) kind < SD_LEDGER_N_KINDS, "");
  return _(kinds[kind].label);
}

void
sd_ledger_entry_free (SdLedgerEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->reason);
  g_free (entry->who);
  g_free (entry->note);
  g_free (entry);
}

void
sd_balances_clear (SdBalances *balances)
{
  g_clear_pointer (&balances->tickets, g_array_unref);
  memset (balances, 0, sizeof *balances);
}

gint64
sd_balances_get_tickets (const SdBalances *balances,
                         gint64            product_id)
{
  if (balances->tickets == NULL)
    return 0;
  for (guint i = 0; i < balances->tickets->len; i++)
    {
      const SdTicketBalance *t = &g_array_index (balances->tickets, SdTicketBalance, i);
      if (t->product_id == product_id)
        return t->tickets;
    }
  return 0;
}

gboolean
_sd_require_customer (SdStore  *store,
                      gint64    customer_id,
                      GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT 1 FROM customers WHERE id = ?1", error);
  char id[SD_ID_LEN];

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
               _("There is no customer number %s"), _sd_id (id, customer_id));
  return FALSE;
}

gboolean
_sd_ledger_balance (SdStore      *store,
                    gint64        customer_id,
                    SdLedgerKind  kind,
                    gint64        product_id,
                    gint64       *balance,
                    GError      **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT coalesce(sum(delta), 0) FROM ledger"
    " WHERE customer_id = ?1 AND kind = ?2 AND coalesce(product_id, 0) = ?3", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, sd_ledger_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, kind == SD_LEDGER_TICKETS ? product_id : 0);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  *balance = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
format_balance (SdLedgerKind kind,
                gint64       amount)
{
  if (kind == SD_LEDGER_PREPAID || kind == SD_LEDGER_DEPOSIT || kind == SD_LEDGER_RECEIVABLE)
    return sd_money_format (amount);
  return g_strdup_printf ("%" G_GINT64_FORMAT, amount);
}

gboolean
_sd_ledger_post (SdStore      *store,
                 gint64        customer_id,
                 SdLedgerKind  kind,
                 gint64        product_id,
                 gint64        delta,
                 const char   *reason,
                 gint64        order_id,
                 gint64        payment_id,
                 gint64        reverses_id,
                 const char   *who,
                 const char   *note,
                 GError      **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  gint64 balance;

  g_return_val_if_fail ((guint) kind < SD_LEDGER_N_KINDS, FALSE);
  g_return_val_if_fail (delta != 0, FALSE);
  g_return_val_if_fail ((kind == SD_LEDGER_TICKETS) == (product_id > 0), FALSE);

  stmt = _sd_store_prepare (store,
    "INSERT INTO ledger (customer_id, kind, product_id, delta, reason, order_id, payment_id,"
    " reverses_id, at, who, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, sd_ledger_kind_to_string (kind), -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 3, kind == SD_LEDGER_TICKETS ? product_id : 0);
  sqlite3_bind_int64 (stmt, 4, delta);
  sqlite3_bind_text (stmt, 5, reason, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 6, order_id);
  bind_id_or_null (stmt, 7, payment_id);
  bind_id_or_null (stmt, 8, reverses_id);
  sqlite3_bind_int64 (stmt, 9, sd_store_now (store));
  _sd_bind_text (stmt, 10, who);
  _sd_bind_text (stmt, 11, note);
  if (!_sd_store_step_done (store, stmt, error))
    return FALSE;

  /* Only the receivable may go below zero (a credit). Callers check first and give a
   * precise message; this is the guard for every path. */
  if (delta < 0 && kind != SD_LEDGER_RECEIVABLE)
    {
      if (!_sd_ledger_balance (store, customer_id, kind, product_id, &balance, error))
        return FALSE;
      if (balance < 0)
        {
          g_autofree char *amount = format_balance (kind, balance);
          char id[SD_ID_LEN];

          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                       _("This would leave customer %s with %s of “%s”: a balance cannot go "
                         "below zero"), _sd_id (id, customer_id), amount,
                       sd_ledger_kind_label (kind));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
sd_store_get_balances (SdStore     *store,
                       gint64       customer_id,
                       SdBalances  *balances,
                       GError     **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (balances != NULL, FALSE);

  memset (balances, 0, sizeof *balances);
  balances->tickets = g_array_new (FALSE, FALSE, sizeof (SdTicketBalance));
  if (!_sd_require_customer (store, customer_id, error))
    return FALSE;

  stmt = _sd_store_prepare (store,
    "SELECT kind, coalesce(product_id, 0), sum(delta) FROM ledger WHERE customer_id = ?1"
    " GROUP BY kind, product_id ORDER BY kind, product_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SdLedgerKind kind;
      gint64 sum = sqlite3_column_int64 (stmt, 2);

      if (!sd_ledger_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind))
        continue;
      switch (kind)
        {
        case SD_LEDGER_TICKETS:
          if (sum != 0)
            {
              SdTicketBalance t = { sqlite3_column_int64 (stmt, 1), sum };
              g_array_append_val (balances->tickets, t);
            }
          break;
        case SD_LEDGER_PREPAID:
          balances->prepaid_fen = sum;
          break;
        case SD_LEDGER_DEPOSIT:
          balances->deposit_fen = sum;
          break;
        case SD_LEDGER_BUCKETS:
          balances->buckets = sum;
          break;
        case SD_LEDGER_RECEIVABLE:
          balances->receivable_fen = sum;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

GPtrArray *
sd_store_list_ledger (SdStore       *store,
                      gint64         customer_id,
                      SdLedgerKind   kind,
                      GError       **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_ledger_entry_free);

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT id, kind, coalesce(product_id, 0), delta, reason, coalesce(order_id, 0),"
    " coalesce(payment_id, 0), coalesce(reverses_id, 0), at, who, note FROM ledger"
    " WHERE customer_id = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if ((guint) kind < SD_LEDGER_N_KINDS)
    sqlite3_bind_text (stmt, 2, sd_ledger_kind_to_string (kind), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SdLedgerEntry *e = g_new0 (SdLedgerEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->customer_id = customer_id;
      sd_ledger_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &e->kind);
      e->product_id = sqlite3_column_int64 (stmt, 2);
      e->delta = sqlite3_column_int64 (stmt, 3);
      e->reason = _sd_column_dup (stmt, 4);
      e->order_id = sqlite3_column_int64 (stmt, 5);
      e->payment_id = sqlite3_column_int64 (stmt, 6);
      e->reverses_id = sqlite3_column_int64 (stmt, 7);
      e->at = sqlite3_column_int64 (stmt, 8);
      e->who = _sd_column_dup (stmt, 9);
      e->note = _sd_column_dup (stmt, 10);
      g_ptr_array_add (entries, e);
    }
  return g_steal_pointer (&entries);
}

GPtrArray *
sd_store_list_order_ledger (SdStore  *store,
                            gint64    order_id,
                            GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_ledger_entry_free);
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT id, customer_id, kind, coalesce(product_id, 0), delta, reason,"
    " coalesce(payment_id, 0), coalesce(reverses_id, 0), at, who, note FROM ledger"
    " WHERE order_id = ?1 ORDER BY at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SdLedgerEntry *e = g_new0 (SdLedgerEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->customer_id = sqlite3_column_int64 (stmt, 1);
      sd_ledger_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &e->kind);
      e->product_id = sqlite3_column_int64 (stmt, 3);
      e->delta = sqlite3_column_int64 (stmt, 4);
      e->reason = _sd_column_dup (stmt, 5);
      e->order_id = order_id;
      e->payment_id = sqlite3_column_int64 (stmt, 6);
      e->reverses_id = sqlite3_column_int64 (stmt, 7);
      e->at = sqlite3_column_int64 (stmt, 8);
      e->who = _sd_column_dup (stmt, 9);
      e->note = _sd_column_dup (stmt, 10);
      g_ptr_array_add (entries, e);
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gint64
sd_store_adjust_balance (SdStore      *store,
                         gint64        customer_id,
                         SdLedgerKind  kind,
                         gint64        product_id,
                         gint64        delta,
                         gboolean      opening,
                         const char   *who,
                         const char   *note,
                         GError      **error)
{
  g_autoptr(SdCachedStmt) product = NULL;
  char id[SD_ID_LEN];
  gint64 row;

  g_return_val_if_fail (SD_IS_STORE (store), 0);

  if ((guint) kind >= SD_LEDGER_N_KINDS)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Unknown kind of balance %d"), (int) kind);
      return 0;
    }
  if (delta == 0)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("An adjustment of 0 changes nothing"));
      return 0;
    }
  if (kind == SD_LEDGER_TICKETS)
    {
      product = _sd_store_prepare (store, "SELECT 1 FROM products WHERE id = ?1", error);
      if (product == NULL)
        return 0;
      sqlite3_bind_int64 (product, 1, product_id);
      if (sqlite3_step (product) != SQLITE_ROW)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                       _("Water tickets need a product; there is no product number %s"),
                       _sd_id (id, product_id));
          return 0;
        }
    }

  if (!sd_store_begin (store, error))
    return 0;
  if (!_sd_require_customer (store, customer_id, error) ||
      !_sd_ledger_post (store, customer_id, kind, kind == SD_LEDGER_TICKETS ? product_id : 0,
                        delta, opening ? "opening_balance" : "adjustment", 0, 0, 0, who, note,
                        error))
    {
      sd_store_rollback (store);
      return 0;
    }
  row = sqlite3_last_insert_rowid (_sd_store_get_db (store));
  if (!sd_store_commit (store, error))
    return 0;
  return row;
}
