/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Water tickets that run out. A ticket plan may be valid for a number of days; the tickets
 * of each sale (a lot) expire that many days after it. Which tickets were used is not
 * recorded per ticket, so the lots are drawn first in, first out (in the order the rows were
 * written, the order the never-below-zero rule was enforced in): a customer's use, refund
 * or correction takes from the oldest lot still holding tickets, an expiry row from the lot
 * it expired (its payment). What a lot still holds when it expires is written off with one
 * `ticket_expiry` row pointing at the sale — a new row, never an edit — so running it again
 * finds nothing more to do. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-order-private.h"
#include "sd-pricing.h"
#include "sd-store-private.h"

typedef struct {
  gint64 remaining;
  gint64 expires;      /* UTC seconds; 0 = never */
  gint64 payment_id;   /* the sale, 0 for opening balances, corrections and reversals */
} Lot;

/* Draws `amount` tickets from the lots. An expiry row takes from its own sale; any other
 * row from the oldest lot still valid at `at`, and only then — the tickets were used
 * although their sale had run out, as happens before the write-off is made — from the
 * expired ones. */
static void
take (GArray *lots,
      gint64  amount,
      gint64  payment_id,
      gint64  at)
{
  for (guint i = 0; payment_id > 0 && amount > 0 && i < lots->len; i++)
    {
      Lot *lot = &g_array_index (lots, Lot, i);
      if (lot->payment_id == payment_id)
        {
          gint64 n = MIN (amount, lot->remaining);
          lot->remaining -= n;
          amount -= n;
        }
    }
  for (int pass = 0; pass < 2 && amount > 0; pass++)
    for (guint i = 0; amount > 0 && i < lots->len; i++)
      {
        Lot *lot = &g_array_index (lots, Lot, i);
        gboolean valid = lot->expires == 0 || lot->expires > at;
        gint64 n;

        if (pass == 0 && !valid)
          continue;
        n = MIN (amount, lot->remaining);
        lot->remaining -= n;
        amount -= n;
      }
}

/* Expires what is left of the customer's lots of one product that ran out by `now`. */
static gboolean
expire_balance (SdStore     *store,
                gint64       customer_id,
                gint64       product_id,
                gint64       now,
                const char  *who,
                guint       *n_rows,
                gint64      *n_tickets,
                GError     **error)
{
  g_autoptr(GArray) lots = g_array_new (FALSE, FALSE, sizeof (Lot));
  gint64 balance = 0;
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT l.delta, l.reason, l.at, coalesce(l.payment_id, 0), coalesce(t.valid_days, 0)"
    " FROM ledger l"
    " LEFT JOIN payments p ON p.id = l.payment_id AND l.reason = 'ticket_purchase'"
    " LEFT JOIN ticket_plans t ON t.id = p.ticket_plan_id"
    " WHERE l.customer_id = ?1 AND l.kind = 'tickets' AND l.product_id = ?2"
    " ORDER BY l.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, product_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 delta = sqlite3_column_int64 (stmt, 0);
      const char *reason = (const char *) sqlite3_column_text (stmt, 1);
      gint64 at = sqlite3_column_int64 (stmt, 2);
      gint64 payment_id = sqlite3_column_int64 (stmt, 3);
      int valid_days = sqlite3_column_int (stmt, 4);

      balance += delta;
      if (delta > 0)
        {
          gboolean sale = g_strcmp0 (reason, "ticket_purchase") == 0;
          Lot lot = { delta, sale && valid_days > 0 ? at + (gint64) valid_days * 86400 : 0,
                      sale ? payment_id : 0 };
          g_array_append_val (lots, lot);
        }
      else
        take (lots, -delta, g_strcmp0 (reason, "ticket_expiry") == 0 ? payment_id : 0, at);
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  g_clear_pointer (&stmt, _sd_cached_stmt_release);

  for (guint i = 0; i < lots->len; i++)
    {
      const Lot *lot = &g_array_index (lots, Lot, i);
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *day = NULL;
      g_autofree char *note = NULL;
      gint64 amount = MIN (lot->remaining, balance);

      if (lot->expires == 0 || lot->expires > now || amount <= 0)
        continue;
      utc = g_date_time_new_from_unix_utc (lot->expires);
      local = g_date_time_to_local (utc);
      day = g_date_time_format (local, "%Y-%m-%d");
      /* TRANSLATORS: the note of a ledger row writing off water tickets */
      note = g_strdup_printf (_("Tickets of this sale ran out on %s"), day);
      if (!_sd_ledger_post (store, customer_id, SD_LEDGER_TICKETS, product_id, -amount,
                            "ticket_expiry", 0, lot->payment_id, 0, who, note, error))
        return FALSE;
      balance -= amount;
      (*n_rows)++;
      *n_tickets += amount;
    }
  return TRUE;
}

/* Where the last run got to: sales that ran out before it were settled then. */
#define EXPIRED_UNTIL "tickets.expired_until"

gboolean
sd_store_expire_tickets (SdStore     *store,
                         const char  *who,
                         gint64      *out_tickets,
                         GError     **error)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  g_autoptr(GArray) validities = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autofree char *until_text = sd_store_get_setting (store, EXPIRED_UNTIL, "0");
  g_autofree char *now_text = NULL;
  gint64 now = sd_store_now (store);
  gint64 from = g_ascii_strtoll (until_text, NULL, 10);
  gint64 tickets = 0;
  guint rows = 0;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  /* the validities plans have (a handful) */
  stmt = _sd_store_prepare (store,
    "SELECT DISTINCT valid_days FROM ticket_plans WHERE valid_days > 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int days = sqlite3_column_int (stmt, 0);
      g_array_append_val (validities, days);
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  g_clear_pointer (&stmt, _sd_cached_stmt_release);

  /* balances holding a sale that ran out since the last run: for each validity, the sales
   * made in the window that many days before (the time index makes it a short range) */
  for (guint v = 0; v < validities->len; v++)
    {
      gint64 span = (gint64) g_array_index (validities, int, v) * 86400;

      stmt = _sd_store_prepare (store,
        "SELECT DISTINCT l.customer_id, l.product_id FROM ledger l"
        " JOIN payments p ON p.id = l.payment_id"
        " JOIN ticket_plans t ON t.id = p.ticket_plan_id"
        " WHERE l.reason = 'ticket_purchase' AND l.at > ?1 AND l.at <= ?2"
        "   AND t.valid_days * 86400 = ?3", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, from - span);
      sqlite3_bind_int64 (stmt, 2, now - span);
      sqlite3_bind_int64 (stmt, 3, span);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
          char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, pair[0], pair[1]);

          if (g_hash_table_add (seen, key))
            g_array_append_vals (pairs, pair, 1);
        }
      if (rc != SQLITE_DONE)
        {
          _sd_store_set_sql_error (store, error);
          return FALSE;
        }
      g_clear_pointer (&stmt, _sd_cached_stmt_release);
    }

  if (!sd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < pairs->len; i++)
    {
      const gint64 *pair = (const gint64 *) (gpointer) (pairs->data + i * 2 * sizeof (gint64));

      if (!expire_balance (store, pair[0], pair[1], now, who ? who : "", &rows, &tickets, error))
        {
          sd_store_rollback (store);
          return FALSE;
        }
    }
  now_text = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (now, from));
  if (!sd_store_set_setting (store, EXPIRED_UNTIL, now_text, error))
    {
      sd_store_rollback (store);
      return FALSE;
    }
  if (!sd_store_commit (store, error))
    return FALSE;
  if (rows > 0)
    g_debug ("%u ticket expiry rows, %" G_GINT64_FORMAT " tickets", rows, tickets);
  if (out_tickets)
    *out_tickets = tickets;
  return TRUE;
}
