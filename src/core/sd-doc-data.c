/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gathering what receipts, slips and bills print, and the pieces statements share (see
 * sd-doc-statement-data.c). Balances are always sums of ledger rows (up to a row id for a
 * receipt, up to a time for a statement), never stored. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-doc-data-private.h"

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

void
_sd_statement_row_free (SdStatementRow *row)
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

char *
_sd_doc_order_no (gint64 order_id)
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

char *
_sd_doc_phone_text (const char *number)
{
  char *formatted;

  if (number == NULL || *number == '\0')
    return g_strdup ("");
  formatted = sd_phone_format (number);
  return formatted ? formatted : g_strdup (number);
}

/* Fills `out` from a statement whose rows are (kind, product id, sum, product name). */
gboolean
_sd_doc_read_balances (SdStore       *store,
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
  return _sd_doc_read_balances (store, stmt, out, error);
}

/* The order's lines with product names and units. */
GPtrArray *
_sd_doc_load_lines (SdStore  *store,
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
  data->customer_phone = _sd_doc_phone_text (phone);
  return TRUE;
}

/* What the delivery posted (prepaid used, charged), net of any reversal of it (a reversed
 * order's receipt charges nothing), and the last ledger row of the order. */
static gboolean
load_order_postings (SdStore       *store,
                     SdReceiptData *data,
                     gint64        *last_row,
                     GError       **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT coalesce(r.reason, l.reason), l.kind, sum(l.delta), max(l.id) FROM ledger l"
    " LEFT JOIN ledger r ON r.id = l.reverses_id"
    " WHERE l.order_id = ?1 GROUP BY 1, 2", error);
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
  data->order_no = _sd_doc_order_no (order_id);
  sd_store_load_shop_header (store, &data->shop);
  if (!load_order_head (store, data, error))
    return NULL;
  data->lines = _sd_doc_load_lines (store, order_id, error);
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

