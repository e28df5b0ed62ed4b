/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gathering what receipts, slips, bills and statements print. Balances are always sums of
 * ledger rows (up to a row id for a receipt, up to a time for a statement), never stored. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-doc-data.h"
#include "sd-order-private.h"

/* --- small helpers ------------------------------------------------------------------------ */

static void
doc_line_free (SdDocLine *line)
{
  g_free (line->product_name);
  g_free (line->unit);
  g_free (line);
}

static void
doc_tickets_free (SdDocTickets *tickets)
{
  g_free (tickets->product_name);
  g_free (tickets);
}

static void
statement_row_free (SdStatementRow *row)
{
  g_free (row->description);
  g_free (row);
}

void
sd_doc_balances_clear (SdDocBalances *balances)
{
  g_clear_pointer (&balances->tickets, g_ptr_array_unref);
  memset (balances, 0, sizeof *balances);
}

gint64
sd_doc_balances_tickets (const SdDocBalances *balances,
                         gint64               product_id)
{
  if (balances->tickets == NULL)
    return 0;
  for (guint i = 0; i < balances->tickets->len; i++)
    {
      const SdDocTickets *t = g_ptr_array_index (balances->tickets, i);
      if (t->product_id == product_id)
        return t->tickets;
    }
  return 0;
}

gint64
sd_doc_balances_tickets_total (const SdDocBalances *balances)
{
  gint64 total = 0;

  if (balances->tickets == NULL)
    return 0;
  for (guint i = 0; i < balances->tickets->len; i++)
    total += ((const SdDocTickets *) g_ptr_array_index (balances->tickets, i))->tickets;
  return total;
}

void
sd_shop_header_clear (SdShopHeader *header)
{
  g_clear_pointer (&header->name, g_free);
  g_clear_pointer (&header->address, g_free);
  g_clear_pointer (&header->phone, g_free);
  g_clear_pointer (&header->logo_path, g_free);
  g_clear_pointer (&header->footer, g_free);
}

void
sd_store_load_shop_header (SdStore      *store,
                           SdShopHeader *header)
{
  g_return_if_fail (SD_IS_STORE (store));

  header->name = sd_store_get_setting (store, SD_SETTING_SHOP_NAME, "");
  header->address = sd_store_get_setting (store, SD_SETTING_SHOP_ADDRESS, "");
  header->phone = sd_store_get_setting (store, SD_SETTING_SHOP_PHONE, "");
  header->logo_path = sd_store_get_setting (store, SD_SETTING_SHOP_LOGO_PATH, "");
  header->footer = sd_store_get_setting (store, SD_SETTING_SHOP_FOOTER, "");
}

void
sd_receipt_data_free (SdReceiptData *data)
{
  if (data == NULL)
    return;
  sd_shop_header_clear (&data->shop);
  g_free (data->order_no);
  g_free (data->requested_date);
  g_free (data->window);
  g_free (data->status_label);
  g_free (data->payment_label);
  g_free (data->courier);
  g_free (data->note);
  g_free (data->customer_name);
  g_free (data->customer_phone);
  g_free (data->address);
  g_free (data->instructions);
  g_clear_pointer (&data->lines, g_ptr_array_unref);
  g_free (data->paid_method);
  sd_doc_balances_clear (&data->balances);
  g_free (data);
}

void
sd_statement_data_free (SdStatementData *data)
{
  if (data == NULL)
    return;
  sd_shop_header_clear (&data->shop);
  g_free (data->month);
  g_free (data->period_first);
  g_free (data->period_last);
  g_free (data->customer_name);
  g_free (data->customer_phone);
  g_free (data->address);
  sd_doc_balances_clear (&data->opening);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  sd_doc_balances_clear (&data->closing);
  g_free (data);
}

static char *
order_no (gint64 order_id)
{
  char id[SD_ID_LEN];

  /* TRANSLATORS: an order's number, e.g. “No. 1024” */
  return g_strdup_printf (_("No. %s"), _sd_id (id, order_id));
}

static char *
window_text (const char *slot,
             const char *from,
             const char *to)
{
  if (g_strcmp0 (slot, "morning") == 0)
    return g_strdup (C_("delivery slot", "Morning"));
  if (g_strcmp0 (slot, "afternoon") == 0)
    return g_strdup (C_("delivery slot", "Afternoon"));
  if (g_strcmp0 (slot, "evening") == 0)
    return g_strdup (C_("delivery slot", "Evening"));
  if (g_strcmp0 (slot, "window") == 0)
    return g_strdup_printf ("%s–%s", from ? from : "", to ? to : "");
  return g_strdup ("");
}

static char *
phone_text (const char *number)
{
  char *formatted;

  if (number == NULL || *number == '\0')
    return g_strdup ("");
  formatted = sd_phone_format (number);
  return formatted ? formatted : g_strdup (number);
}

/* Fills `out` from a statement whose rows are (kind, product id, sum, product name). */
static gboolean
read_balances (SdStore       *store,
               sqlite3_stmt  *stmt,
               SdDocBalances *out,
               GError       **error)
{
  int rc;

  memset (out, 0, sizeof *out);
  out->tickets = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_tickets_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
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
              SdDocTickets *t = g_new0 (SdDocTickets, 1);
              t->product_id = sqlite3_column_int64 (stmt, 1);
              t->tickets = sum;
              t->product_name = _sd_column_dup (stmt, 3);
              g_ptr_array_add (out->tickets, t);
            }
          break;
        case SD_LEDGER_PREPAID:
          out->prepaid_fen = sum;
          break;
        case SD_LEDGER_DEPOSIT:
          out->deposit_fen = sum;
          break;
        case SD_LEDGER_BUCKETS:
          out->buckets = sum;
          break;
        case SD_LEDGER_RECEIVABLE:
          out->receivable_fen = sum;
          break;
        default:
          break;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* Balances from the customer's ledger rows with id <= max_id. */
static gboolean
balances_up_to_row (SdStore       *store,
                    gint64         customer_id,
                    gint64         max_id,
                    SdDocBalances *out,
                    GError       **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT l.kind, coalesce(l.product_id, 0), sum(l.delta), coalesce(p.name, '') FROM ledger l"
    " LEFT JOIN products p ON p.id = l.product_id WHERE l.customer_id = ?1 AND l.id <= ?2"
    " GROUP BY l.kind, l.product_id ORDER BY l.kind, l.product_id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, max_id);
  return read_balances (store, stmt, out, error);
}

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
  return read_balances (store, stmt, out, error);
}

/* The order's lines with product names and units. */
static GPtrArray *
load_doc_lines (SdStore  *store,
                gint64    order_id,
                GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT l.product_id, p.name, p.unit, l.quantity, l.unit_price_fen, l.line_total_fen,"
    " l.tickets_used, l.buckets_out, l.empties_back FROM order_lines l"
    " JOIN products p ON p.id = l.product_id WHERE l.order_id = ?1 ORDER BY l.position", error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_line_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SdDocLine *line = g_new0 (SdDocLine, 1);

      line->product_id = sqlite3_column_int64 (stmt, 0);
      line->product_name = _sd_column_dup (stmt, 1);
      line->unit = _sd_column_dup (stmt, 2);
      line->quantity = sqlite3_column_int (stmt, 3);
      line->unit_price_fen = sqlite3_column_int64 (stmt, 4);
      line->line_total_fen = sqlite3_column_int64 (stmt, 5);
      line->tickets_used = sqlite3_column_int (stmt, 6);
      line->money_fen = (gint64) (line->quantity - line->tickets_used) * line->unit_price_fen;
      line->buckets_out = sqlite3_column_int (stmt, 7);
      line->empties_back = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (lines, line);
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&lines);
}

/* --- receipts ----------------------------------------------------------------------------- */

static gboolean
load_order_head (SdStore       *store,
                 SdReceiptData *data,
                 GError       **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT o.customer_id, o.requested_date, o.slot, o.window_from, o.window_to, o.payment,"
    " o.status, o.note, o.created_at, coalesce(co.name, ''), a.text, a.instructions, cu.name,"
    " cu.kind, (SELECT number FROM customer_phones WHERE customer_id = o.customer_id"
    "           ORDER BY position LIMIT 1)"
    " FROM orders o JOIN customers cu ON cu.id = o.customer_id"
    " JOIN addresses a ON a.id = o.address_id LEFT JOIN couriers co ON co.id = o.courier_id"
    " WHERE o.id = ?1", error);
  g_autofree char *phone = NULL;
  char id[SD_ID_LEN];
  int i;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->order_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                   _("There is no order number %s"), _sd_id (id, data->order_id));
      return FALSE;
    }
  data->customer_id = sqlite3_column_int64 (stmt, 0);
  data->requested_date = _sd_column_dup (stmt, 1);
  data->window = window_text ((const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4));
  for (i = 0; i < SD_ORDER_N_PAYMENTS; i++)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5),
                   sd_order_payment_to_string ((SdOrderPayment) i)) == 0)
      data->payment = (SdOrderPayment) i;
  data->payment_label = g_strdup (sd_order_payment_label (data->payment));
  sd_order_status_from_string ((const char *) sqlite3_column_text (stmt, 6), &data->status);
  data->status_label = g_strdup (sd_order_status_label (data->status));
  data->note = _sd_column_dup (stmt, 7);
  data->created_at = sqlite3_column_int64 (stmt, 8);
  data->courier = _sd_column_dup (stmt, 9);
  data->address = _sd_column_dup (stmt, 10);
  data->instructions = _sd_column_dup (stmt, 11);
  data->customer_name = _sd_column_dup (stmt, 12);
  sd_customer_kind_from_string ((const char *) sqlite3_column_text (stmt, 13),
                                &data->customer_kind);
  phone = _sd_column_dup (stmt, 14);
  data->customer_phone = phone_text (phone);
  return TRUE;
}

/* What the delivery posted (prepaid used, charged) and the last ledger row of the order
 * and its payments, reversals left out. */
static gboolean
load_order_postings (SdStore       *store,
                     SdReceiptData *data,
                     gint64        *last_row,
                     GError       **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT reason, kind, sum(delta), max(id) FROM ledger"
    " WHERE order_id = ?1 AND reason <> 'reversal' GROUP BY reason, kind", error);
  g_autoptr(SdCachedStmt) delivered = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  *last_row = 0;
  sqlite3_bind_int64 (stmt, 1, data->order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *reason = (const char *) sqlite3_column_text (stmt, 0);
      gint64 sum = sqlite3_column_int64 (stmt, 2);

      if (g_strcmp0 (reason, "prepaid_use") == 0)
        data->prepaid_used_fen = -sum;
      else if (g_strcmp0 (reason, "charge") == 0)
        data->charged_fen = sum;
      *last_row = MAX (*last_row, sqlite3_column_int64 (stmt, 3));
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }

  delivered = _sd_store_prepare (store,
    "SELECT coalesce(max(at), 0) FROM order_events WHERE order_id = ?1 AND to_status = 'delivered'",
    error);
  if (delivered == NULL)
    return FALSE;
  sqlite3_bind_int64 (delivered, 1, data->order_id);
  if (sqlite3_step (delivered) == SQLITE_ROW)
    data->delivered_at = sqlite3_column_int64 (delivered, 0);
  return TRUE;
}

static gboolean
load_order_payments (SdStore       *store,
                     SdReceiptData *data,
                     GError       **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT amount_fen, method FROM payments WHERE order_id = ?1 ORDER BY at, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  data->paid_method = g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, data->order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SdPaymentMethod method = SD_METHOD_CASH;

      data->paid_fen += sqlite3_column_int64 (stmt, 0);
      sd_payment_method_from_string ((const char *) sqlite3_column_text (stmt, 1), &method);
      g_free (data->paid_method);
      data->paid_method = g_strdup (sd_payment_method_label (method));
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  return TRUE;
}

SdReceiptData *
sd_store_load_receipt_data (SdStore  *store,
                            gint64    order_id,
                            GError  **error)
{
  g_autoptr(SdReceiptData) data = g_new0 (SdReceiptData, 1);
  gint64 last_row = 0;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  data->order_id = order_id;
  data->order_no = order_no (order_id);
  sd_store_load_shop_header (store, &data->shop);
  if (!load_order_head (store, data, error))
    return NULL;
  data->lines = load_doc_lines (store, order_id, error);
  if (data->lines == NULL)
    return NULL;
  for (guint i = 0; i < data->lines->len; i++)
    {
      SdDocLine *line = g_ptr_array_index (data->lines, i);

      data->total_fen += line->line_total_fen;
      data->tickets_used += line->tickets_used;
      data->due_fen += line->money_fen;
      data->buckets_out += line->buckets_out;
      data->empties_back += line->empties_back;
    }
  if (!load_order_postings (store, data, &last_row, error) ||
      !load_order_payments (store, data, error))
    return NULL;

  data->balances_after_delivery = data->status == SD_ORDER_DELIVERED && last_row > 0;
  if (!balances_up_to_row (store, data->customer_id,
                           data->balances_after_delivery ? last_row : G_MAXINT64,
                           &data->balances, error))
    return NULL;
  return g_steal_pointer (&data);
}

/* --- statements --------------------------------------------------------------------------- */

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
  data->customer_phone = phone_text (phone);
  data->address = _sd_column_dup (stmt, 3);
  return TRUE;
}

/* "18.9L 纯净水 ×2, 鲜牛奶 ×1" */
static char *
items_text (SdStore  *store,
            gint64    order_id,
            GError  **error)
{
  g_autoptr(GPtrArray) lines = load_doc_lines (store, order_id, error);
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

static gint64
order_due (SdStore *store,
           gint64   order_id)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT coalesce(sum((quantity - tickets_used) * unit_price_fen), 0) FROM order_lines"
    " WHERE order_id = ?1", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, order_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
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
  g_autofree char *no = row->order_id > 0 ? order_no (row->order_id) : NULL;
  const char *how = method_label (method);

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
        row->goods_fen = -order_due (store, row->order_id);
      return TRUE;
    }

  if (row->order_id > 0)
    {
      g_autofree char *items = items_text (store, row->order_id, error);

      if (items == NULL)
        return FALSE;
      row->kind = SD_STATEMENT_DELIVERY;
      row->description = g_strdup_printf (_("Delivery %s: %s"), no, items);
      row->goods_fen = order_due (store, row->order_id);
      return TRUE;
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

      if (!sd_ledger_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind))
        continue;

      /* Rows posted together by one delivery, payment, reversal or adjustment form one
       * line of the statement. */
      if (row == NULL || row->order_id != order_id || row->payment_id != payment_id ||
          row->at != at || row_is_reversal != reversal)
        {
          const char *method = (const char *) sqlite3_column_text (stmt, 8);

          row = g_new0 (SdStatementRow, 1);
          row->at = at;
          row->order_id = order_id;
          row->payment_id = payment_id;
          row_is_reversal = reversal;
          g_ptr_array_add (data->rows, row);
          if (payment_id > 0 && g_strcmp0 (method, "prepaid") != 0)
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
  data->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) statement_row_free);
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
