/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gathering a customer's monthly statement: opening balances, the month's ledger rows
 * grouped into the events that posted them, the month's figures and the closing balances —
 * ledger sums up to the month's end, so they equal the ledger by construction. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-doc-data-private.h"

/* Balances from the customer's ledger rows before `before` (UTC seconds). */
static gboolean
balances_before (SdStore       *store,
                 gint64         customer_id,
                 gint64         before,
                 SdDocBalances *out,
                 GError       **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT l.kind, coalesce(l.product_id, 0), sum(l.delta), coalesce(p.name, '') FROM ledger l"
    " LEFT JOIN products p ON p.id = l.product_id WHERE l.customer_id = ?1 AND l.at < ?2"
    " GROUP BY l.kind, l.product_id ORDER BY l.kind, l.product_id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, before);
  return _sd_doc_read_balances (store, stmt, out, error);
}

static gboolean
parse_month (const char *month,
             int        *year,
             int        *mon)
{
  if (month == NULL || strlen (month) != 7 || month[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (month[i]))
      return FALSE;
  *year = atoi (month);
  *mon = atoi (month + 5);
  return *year >= 1970 && *year <= 9998 && *mon >= 1 && *mon <= 12;
}

gboolean
sd_month_range (const char *month,
                gint64     *start,
                gint64     *end)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next = NULL;
  int year, mon;

  if (!parse_month (month, &year, &mon))
    return FALSE;
  first = g_date_time_new (tz, year, mon, 1, 0, 0, 0);
  next = g_date_time_new (tz, mon == 12 ? year + 1 : year, mon == 12 ? 1 : mon + 1, 1, 0, 0, 0);
  if (first == NULL || next == NULL)
    return FALSE;
  *start = g_date_time_to_unix (first);
  *end = g_date_time_to_unix (next);
  return TRUE;
}

static gboolean
load_statement_customer (SdStore         *store,
                         SdStatementData *data,
                         GError         **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT c.name, c.kind,"
    " (SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1),"
    " (SELECT text FROM addresses WHERE customer_id = c.id AND archived = 0"
    "  ORDER BY is_default DESC, position LIMIT 1)"
    " FROM customers c WHERE c.id = ?1", error);
  g_autofree char *phone = NULL;
  char id[SD_ID_LEN];

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->customer_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                   _("There is no customer number %s"), _sd_id (id, data->customer_id));
      return FALSE;
    }
  data->customer_name = _sd_column_dup (stmt, 0);
  sd_customer_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &data->customer_kind);
  phone = _sd_column_dup (stmt, 2);
  data->customer_phone = _sd_doc_phone_text (phone);
  data->address = _sd_column_dup (stmt, 3);
  return TRUE;
}

/* "18.9L 纯净水 ×2, 鲜牛奶 ×1" */
static char *
items_text (SdStore  *store,
            gint64    order_id,
            GError  **error)
{
  g_autoptr(GPtrArray) lines = _sd_doc_load_lines (store, order_id, error);
  GString *text;

  if (lines == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      SdDocLine *line = g_ptr_array_index (lines, i);

      if (i > 0)
        /* TRANSLATORS: between the items of an order on a statement */
        g_string_append (text, C_("items", ", "));
      g_string_append_printf (text, "%s ×%d", line->product_name, line->quantity);
    }
  return g_string_free (text, FALSE);
}

/* The money part of an order's goods; FALSE with `error` set when it cannot be read. */
static gboolean
order_due (SdStore  *store,
           gint64    order_id,
           gint64   *out_fen,
           GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT coalesce(sum((quantity - tickets_used) * unit_price_fen), 0) FROM order_lines"
    " WHERE order_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  *out_fen = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static const char *
method_label (const char *text)
{
  SdPaymentMethod method = SD_METHOD_CASH;

  sd_payment_method_from_string (text, &method);
  return sd_payment_method_label (method);
}

/* The description and kind of a group of ledger rows, from its first row. */
static gboolean
describe_row (SdStore        *store,
              SdStatementRow *row,
              const char     *reason,
              const char     *note,
              const char     *purpose,
              const char     *method,
              const char     *plan,
              GError        **error)
{
  g_autofree char *no = row->order_id > 0 ? _sd_doc_order_no (row->order_id) : NULL;
  const char *how = method_label (method);

  /* an expiry points at the sale whose tickets ran out, but moves no money */
  if (g_strcmp0 (reason, "ticket_expiry") == 0)
    {
      row->kind = SD_STATEMENT_EXPIRY;
      row->description = plan != NULL && *plan
        ? g_strdup_printf (_("Water tickets expired: %s"), plan)
        : g_strdup (_("Water tickets expired"));
      return TRUE;
    }

  if (row->payment_id > 0)
    {
      if (g_strcmp0 (purpose, "ticket_sale") == 0)
        {
          row->kind = SD_STATEMENT_TICKET_SALE;
          row->description = g_strdup_printf (_("Water tickets bought: %s (%s)"), plan, how);
        }
      else if (g_strcmp0 (purpose, "deposit") == 0)
        {
          row->kind = SD_STATEMENT_DEPOSIT;
          row->description = g_strdup_printf (_("Bucket deposit paid (%s)"), how);
        }
      else if (g_strcmp0 (purpose, "deposit_refund") == 0)
        {
          row->kind = SD_STATEMENT_DEPOSIT_REFUND;
          row->description = g_strdup_printf (_("Buckets returned, deposit refunded (%s)"), how);
        }
      else if (g_strcmp0 (purpose, "prepaid_topup") == 0)
        {
          row->kind = SD_STATEMENT_TOPUP;
          row->description = g_strdup_printf (_("Prepaid top-up (%s)"), how);
        }
      else if (g_strcmp0 (purpose, "refund") == 0)
        {
          row->kind = SD_STATEMENT_REFUND;
          row->description = g_strdup_printf (_("Credit paid back (%s)"), how);
        }
      else
        {
          row->kind = SD_STATEMENT_PAYMENT;
          row->description = no != NULL
            ? g_strdup_printf (_("Payment for %s (%s)"), no, how)
            : g_strdup_printf (_("Payment (%s)"), how);
        }
      return TRUE;
    }

  if (g_strcmp0 (reason, "reversal") == 0)
    {
      row->kind = row->order_id > 0 ? SD_STATEMENT_REVERSAL : SD_STATEMENT_ADJUSTMENT;
      row->description = no != NULL
        ? g_strdup_printf (_("Delivery %s undone"), no)
        : g_strdup (_("Correction"));
      if (row->order_id > 0)
        {
          gint64 due = 0;

          if (!order_due (store, row->order_id, &due, error))
            return FALSE;
          row->goods_fen = -due;
        }
      return TRUE;
    }

  if (row->order_id > 0)
    {
      g_autofree char *items = items_text (store, row->order_id, error);

      if (items == NULL)
        return FALSE;
      row->kind = SD_STATEMENT_DELIVERY;
      row->description = g_strdup_printf (_("Delivery %s: %s"), no, items);
      return order_due (store, row->order_id, &row->goods_fen, error);
    }

  row->kind = SD_STATEMENT_ADJUSTMENT;
  if (g_strcmp0 (reason, "opening_balance") == 0)
    row->description = note != NULL && *note
      ? g_strdup_printf (_("Opening balance: %s"), note) : g_strdup (_("Opening balance"));
  else
    row->description = note != NULL && *note
      ? g_strdup_printf (_("Adjustment: %s"), note) : g_strdup (_("Adjustment"));
  return TRUE;
}

/* Adds one ledger row's delta to the statement row and the month's figures. */
static void
add_delta (SdStatementData *data,
           SdStatementRow  *row,
           SdLedgerKind     kind,
           const char      *reason,
           gint64           delta)
{
  gboolean reversal = g_strcmp0 (reason, "reversal") == 0;

  switch (kind)
    {
    case SD_LEDGER_TICKETS:
      row->tickets_delta += delta;
      if (g_strcmp0 (reason, "ticket_purchase") == 0)
        data->tickets_bought += delta;
      else if (g_strcmp0 (reason, "ticket_expiry") == 0)
        data->tickets_expired -= delta;
      else if (g_strcmp0 (reason, "ticket_use") == 0 || (reversal && delta > 0))
        data->tickets_used -= delta;
      else if (reversal)
        data->tickets_bought += delta;
      break;
    case SD_LEDGER_PREPAID:
      row->prepaid_delta += delta;
      break;
    case SD_LEDGER_DEPOSIT:
      row->deposit_delta += delta;
      break;
    case SD_LEDGER_BUCKETS:
      row->buckets_delta += delta;
      if (g_strcmp0 (reason, "bucket_out") == 0 || (reversal && delta < 0))
        row->buckets_out += delta;
      else if (g_strcmp0 (reason, "bucket_back") == 0 || reversal)
        row->buckets_back -= delta;
      break;
    case SD_LEDGER_RECEIVABLE:
      row->receivable_delta += delta;
      break;
    default:
      break;
    }
}

static gboolean
load_statement_rows (SdStore         *store,
                     SdStatementData *data,
                     GError         **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT l.kind, l.delta, l.reason, coalesce(l.order_id, 0), coalesce(l.payment_id, 0),"
    " l.at, l.note, coalesce(p.purpose, ''), coalesce(p.method, ''), coalesce(p.amount_fen, 0),"
    " coalesce(tp.name, '')"
    " FROM ledger l LEFT JOIN payments p ON p.id = l.payment_id"
    " LEFT JOIN ticket_plans tp ON tp.id = p.ticket_plan_id"
    " WHERE l.customer_id = ?1 AND l.at >= ?2 AND l.at < ?3 ORDER BY l.at, l.id", error);
  SdStatementRow *row = NULL;
  gboolean row_is_reversal = FALSE;
  gboolean row_is_expiry = FALSE;
  gint64 owed = data->opening.receivable_fen;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->customer_id);
  sqlite3_bind_int64 (stmt, 2, data->start);
  sqlite3_bind_int64 (stmt, 3, data->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SdLedgerKind kind;
      gint64 delta = sqlite3_column_int64 (stmt, 1);
      const char *reason = (const char *) sqlite3_column_text (stmt, 2);
      gint64 order_id = sqlite3_column_int64 (stmt, 3);
      gint64 payment_id = sqlite3_column_int64 (stmt, 4);
      gint64 at = sqlite3_column_int64 (stmt, 5);
      gboolean reversal = g_strcmp0 (reason, "reversal") == 0;
      gboolean expiry = g_strcmp0 (reason, "ticket_expiry") == 0;

      if (!sd_ledger_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind))
        continue;

      /* Rows posted together by one delivery, payment, reversal or expiry form one line
       * of the statement: they follow each other and share the order or payment (their
       * stamps may differ by a second when the clock ticked during the transaction).
       * Rows of neither — corrections, opening balances — group only by their time. */
      if (row == NULL || row->order_id != order_id || row->payment_id != payment_id ||
          row_is_reversal != reversal || row_is_expiry != expiry ||
          (order_id == 0 && payment_id == 0 && row->at != at))
        {
          const char *method = (const char *) sqlite3_column_text (stmt, 8);

          row = g_new0 (SdStatementRow, 1);
          row->at = at;
          row->order_id = order_id;
          row->payment_id = payment_id;
          row_is_reversal = reversal;
          row_is_expiry = expiry;
          g_ptr_array_add (data->rows, row);
          if (payment_id > 0 && !expiry && g_strcmp0 (method, "prepaid") != 0)
            row->paid_fen = sqlite3_column_int64 (stmt, 9);
          if (!describe_row (store, row, reason, (const char *) sqlite3_column_text (stmt, 6),
                             (const char *) sqlite3_column_text (stmt, 7), method,
                             (const char *) sqlite3_column_text (stmt, 10), error))
            return FALSE;
          if (row->kind == SD_STATEMENT_DELIVERY)
            data->deliveries++;
          data->goods_fen += row->goods_fen;
          data->paid_fen += row->paid_fen;
        }
      data->buckets_out -= row->buckets_out;
      data->buckets_back -= row->buckets_back;
      add_delta (data, row, kind, reason, delta);
      data->buckets_out += row->buckets_out;
      data->buckets_back += row->buckets_back;
      if (kind == SD_LEDGER_RECEIVABLE)
        owed += delta;
      row->receivable_after = owed;
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  return TRUE;
}

SdStatementData *
sd_store_load_statement_data (SdStore     *store,
                              gint64       customer_id,
                              const char  *month,
                              GError     **error)
{
  g_autoptr(SdStatementData) data = g_new0 (SdStatementData, 1);
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  if (!sd_month_range (month, &data->start, &data->end))
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("“%s” is not a month; write it as YYYY-MM, e.g. 2026-05"),
                   month ? month : "");
      return NULL;
    }
  data->month = g_strdup (month);
  first = g_date_time_new_from_unix_local (data->start);
  last = g_date_time_new_from_unix_local (data->end - 1);
  data->period_first = g_date_time_format (first, "%Y-%m-%d");
  data->period_last = g_date_time_format (last, "%Y-%m-%d");
  data->customer_id = customer_id;
  data->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _sd_statement_row_free);
  sd_store_load_shop_header (store, &data->shop);

  if (!load_statement_customer (store, data, error) ||
      !balances_before (store, customer_id, data->start, &data->opening, error) ||
      !load_statement_rows (store, data, error) ||
      !balances_before (store, customer_id, data->end, &data->closing, error))
    return NULL;
  return g_steal_pointer (&data);
}

GArray *
sd_store_list_statement_customers (SdStore     *store,
                                   const char  *month,
                                   GError     **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start, end;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  if (!sd_month_range (month, &start, &end))
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("“%s” is not a month; write it as YYYY-MM, e.g. 2026-05"),
                   month ? month : "");
      return NULL;
    }
  stmt = _sd_store_prepare (store,
    "SELECT customer_id FROM"
    " (SELECT customer_id, sum(delta) AS balance, max(at) AS last FROM ledger WHERE at < ?2"
    "  GROUP BY customer_id, kind, product_id)"
    " GROUP BY customer_id HAVING max(last) >= ?1 OR max(balance <> 0) = 1"
    " ORDER BY customer_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
