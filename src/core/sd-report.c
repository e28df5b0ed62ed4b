/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The daily cash-up (日结) and the aging of receivables. A local day is turned into a UTC
 * range once; everything stored is UTC. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-order-private.h"
#include "sd-report.h"

static gboolean
parse_date (const char *date,
            GDate      *out)
{
  guint y, m, d;
  char extra;

  if (date == NULL || sscanf (date, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static gint64
local_midnight (GTimeZone   *tz,
                const GDate *day)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day),
                                             g_date_get_day (day), 0, 0, 0);
  return g_date_time_to_unix (dt);
}

gboolean
sd_local_day_range (const char *date,
                    GTimeZone  *tz,
                    gint64     *start,
                    gint64     *end)
{
  g_autoptr(GTimeZone) zone = tz ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  GDate day, next;

  if (!parse_date (date, &day))
    return FALSE;
  next = day;
  g_date_add_days (&next, 1);
  *start = local_midnight (zone, &day);
  *end = local_midnight (zone, &next);
  return TRUE;
}

static gboolean
bad_date (const char  *date,
          GError     **error)
{
  g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
               _("“%s” is not a date: write it as 2024-03-08"), date ? date : "");
  return FALSE;
}

gboolean
sd_store_cashup (SdStore     *store,
                 const char  *date,
                 GTimeZone   *tz,
                 gint64       courier_id,
                 SdCashup    *cashup,
                 GError     **error)
{
  g_autoptr(SdCachedStmt) money = NULL;
  g_autoptr(SdCachedStmt) goods = NULL;
  g_autoptr(SdCachedStmt) deliveries = NULL;
  gint64 start, end;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (cashup != NULL, FALSE);

  memset (cashup, 0, sizeof *cashup);
  if (!sd_local_day_range (date, tz, &start, &end))
    return bad_date (date, error);

  money = _sd_store_prepare (store,
    "SELECT method, sum(amount_fen), count(*) FROM payments"
    " WHERE at >= ?1 AND at < ?2 AND coalesce(courier_id, 0) = ?3 GROUP BY method", error);
  if (money == NULL)
    return FALSE;
  sqlite3_bind_int64 (money, 1, start);
  sqlite3_bind_int64 (money, 2, end);
  sqlite3_bind_int64 (money, 3, courier_id);
  while (sqlite3_step (money) == SQLITE_ROW)
    {
      SdPaymentMethod method;

      if (!sd_payment_method_from_string ((const char *) sqlite3_column_text (money, 0), &method))
        continue;
      cashup->collected_fen[method] = sqlite3_column_int64 (money, 1);
      cashup->n_payments += (guint) sqlite3_column_int (money, 2);
    }
  cashup->cash_fen = cashup->collected_fen[SD_METHOD_CASH];

  /* Goods count for the order's courier. A reversal counts as the opposite of the row it
   * undoes, on the day it was made. */
  goods = _sd_store_prepare (store,
    "SELECT"
    " coalesce(sum(CASE WHEN l.kind = 'tickets' AND coalesce(r.reason, l.reason) = 'ticket_use'"
    "   THEN -l.delta END), 0),"
    " coalesce(sum(CASE WHEN l.kind = 'buckets' AND coalesce(r.reason, l.reason) = 'bucket_out'"
    "   THEN l.delta END), 0),"
    " coalesce(sum(CASE WHEN l.kind = 'buckets' AND coalesce(r.reason, l.reason) = 'bucket_back'"
    "   THEN -l.delta END), 0)"
    " FROM ledger l JOIN orders o ON o.id = l.order_id"
    " LEFT JOIN ledger r ON r.id = l.reverses_id"
    " WHERE l.at >= ?1 AND l.at < ?2 AND l.payment_id IS NULL AND l.kind IN ('tickets', 'buckets')"
    " AND coalesce(o.courier_id, 0) = ?3", error);
  if (goods == NULL)
    return FALSE;
  sqlite3_bind_int64 (goods, 1, start);
  sqlite3_bind_int64 (goods, 2, end);
  sqlite3_bind_int64 (goods, 3, courier_id);
  if (sqlite3_step (goods) != SQLITE_ROW)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  cashup->tickets_taken = sqlite3_column_int64 (goods, 0);
  cashup->buckets_out = sqlite3_column_int64 (goods, 1);
  cashup->empties_back = sqlite3_column_int64 (goods, 2);

  deliveries = _sd_store_prepare (store,
    "SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id"
    " WHERE e.to_status = 'delivered' AND e.at >= ?1 AND e.at < ?2"
    " AND coalesce(o.courier_id, 0) = ?3", error);
  if (deliveries == NULL)
    return FALSE;
  sqlite3_bind_int64 (deliveries, 1, start);
  sqlite3_bind_int64 (deliveries, 2, end);
  sqlite3_bind_int64 (deliveries, 3, courier_id);
  if (sqlite3_step (deliveries) != SQLITE_ROW)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  cashup->deliveries = (guint) sqlite3_column_int (deliveries, 0);
  return TRUE;
}

/* --- aging -------------------------------------------------------------------------------- */

void
sd_aging_row_free (SdAgingRow *row)
{
  if (row == NULL)
    return;
  g_free (row->customer_name);
  g_free (row);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const SdAgingRow *x = *(SdAgingRow * const *) a;
  const SdAgingRow *y = *(SdAgingRow * const *) b;

  if (x->total_fen != y->total_fen)
    return x->total_fen > y->total_fen ? -1 : 1;
  return x->customer_id < y->customer_id ? -1 : x->customer_id > y->customer_id;
}

static guint
age_bucket (GTimeZone   *tz,
            gint64       at,
            const GDate *as_of)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, tz);
  GDate charged;
  int days;

  g_date_clear (&charged, 1);
  g_date_set_dmy (&charged, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  days = g_date_days_between (&charged, as_of);
  if (days <= 30)
    return 0;
  if (days <= 60)
    return 1;
  if (days <= 90)
    return 2;
  return 3;
}

GPtrArray *
sd_store_receivables_aging (SdStore     *store,
                            const char  *date,
                            GTimeZone   *tz,
                            GError     **error)
{
  g_autoptr(SdCachedStmt) owed = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_aging_row_free);
  g_autoptr(GTimeZone) zone = tz ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  gint64 start, end;
  GDate as_of;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  if (!parse_date (date, &as_of) || !sd_local_day_range (date, zone, &start, &end))
    {
      bad_date (date, error);
      return NULL;
    }

  owed = _sd_store_prepare (store,
    "SELECT l.customer_id, c.name, sum(l.delta) FROM ledger l"
    " JOIN customers c ON c.id = l.customer_id"
    " WHERE l.kind = 'receivable_fen' AND l.at < ?1"
    " GROUP BY l.customer_id, c.name HAVING sum(l.delta) > 0", error);
  if (owed == NULL)
    return NULL;
  sqlite3_bind_int64 (owed, 1, end);
  while (sqlite3_step (owed) == SQLITE_ROW)
    {
      SdAgingRow *row = g_new0 (SdAgingRow, 1);

      row->customer_id = sqlite3_column_int64 (owed, 0);
      row->customer_name = _sd_column_dup (owed, 1);
      row->total_fen = sqlite3_column_int64 (owed, 2);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (owed);

  /* Payments clear the oldest charges first: what is still owed is the newest charges
   * that add up to the balance. */
  for (guint i = 0; i < rows->len; i++)
    {
      SdAgingRow *row = g_ptr_array_index (rows, i);
      g_autoptr(SdCachedStmt) charges = _sd_store_prepare (store,
        "SELECT at, delta FROM ledger WHERE customer_id = ?1 AND kind = 'receivable_fen'"
        " AND delta > 0 AND at < ?2 ORDER BY at DESC, id DESC", error);
      gint64 left = row->total_fen;

      if (charges == NULL)
        return NULL;
      sqlite3_bind_int64 (charges, 1, row->customer_id);
      sqlite3_bind_int64 (charges, 2, end);
      while (left > 0 && sqlite3_step (charges) == SQLITE_ROW)
        {
          gint64 part = MIN (sqlite3_column_int64 (charges, 1), left);

          row->bucket_fen[age_bucket (zone, sqlite3_column_int64 (charges, 0), &as_of)] += part;
          left -= part;
        }
    }
  g_ptr_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}
