/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Orders: names of their states and options, taking an order (validated, priced, one
 * transaction), loading one, its events, the customer's last order. The state machine and
 * delivery are in sd-order-state.c. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-date.h"
#include "sd-money.h"
#include "sd-order-private.h"
#include "sd-order.h"
#include "sd-pricing.h"

#define MAX_QUANTITY 100000
#define MAX_PRICE_FEN G_GINT64_CONSTANT (100000000000)

G_DEFINE_QUARK (sd-order-error-quark, sd_order_error)

static const struct {
  const char *id;
  const char *label;
} statuses[SD_ORDER_N_STATUSES] = {
  { "pending", N_("Pending") },
  { "to_dispatch", N_("To dispatch") },
  { "out_for_delivery", N_("Out for delivery") },
  { "delivered", N_("Delivered") },
  { "cancelled", N_("Cancelled") },
};

static const char *channels[SD_ORDER_N_CHANNELS] = { "phone", "walk_in", "wechat", "subscription" };
static const char *slots[SD_ORDER_N_SLOTS] = { "any", "morning", "afternoon", "evening", "window" };

static const struct {
  const char *id;
  const char *label;
} payments[SD_ORDER_N_PAYMENTS] = {
  { "tickets", N_("Water tickets") },
  { "cash_on_delivery", N_("Cash on delivery") },
  { "wechat", N_("WeChat Pay") },
  { "alipay", N_("Alipay") },
  { "prepaid", N_("Prepaid balance") },
  { "monthly_account", N_("Monthly account") },
};

const char *
sd_order_status_to_string (SdOrderStatus status)
{
  g_return_val_if_fail ((guint) status < SD_ORDER_N_STATUSES, "pending");
  return statuses[status].id;
}

gboolean
sd_order_status_from_string (const char    *text,
                             SdOrderStatus *out_status)
{
  for (guint i = 0; i < SD_ORDER_N_STATUSES; i++)
    if (g_strcmp0 (text, statuses[i].id) == 0)
      {
        *out_status = (SdOrderStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sd_order_status_label (SdOrderStatus status)
{
  g_return_val_if_fail ((guint) status < SD_ORDER_N_STATUSES, "");
  return _(statuses[status].label);
}

const char *
sd_order_channel_to_string (SdOrderChannel channel)
{
  g_return_val_if_fail ((guint) channel < SD_ORDER_N_CHANNELS, "phone");
  return channels[channel];
}

const char *
sd_order_slot_to_string (SdOrderSlot slot)
{
  g_return_val_if_fail ((guint) slot < SD_ORDER_N_SLOTS, "any");
  return slots[slot];
}

const char *
sd_order_payment_to_string (SdOrderPayment payment)
{
  g_return_val_if_fail ((guint) payment < SD_ORDER_N_PAYMENTS, "cash_on_delivery");
  return payments[payment].id;
}

const char *
sd_order_payment_label (SdOrderPayment payment)
{
  g_return_val_if_fail ((guint) payment < SD_ORDER_N_PAYMENTS, "");
  return _(payments[payment].label);
}

static guint
index_of (const char  *text,
          const char **names,
          guint        n)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      return i;
  return 0;
}

gboolean
sd_order_transition_is_legal (SdOrderStatus from,
                              SdOrderStatus to)
{
  switch (from)
    {
    case SD_ORDER_PENDING:
      return to == SD_ORDER_TO_DISPATCH || to == SD_ORDER_CANCELLED;
    case SD_ORDER_TO_DISPATCH:
      return to == SD_ORDER_OUT_FOR_DELIVERY || to == SD_ORDER_CANCELLED;
    case SD_ORDER_OUT_FOR_DELIVERY:
      return to == SD_ORDER_DELIVERED || to == SD_ORDER_CANCELLED;
    case SD_ORDER_DELIVERED:
    case SD_ORDER_CANCELLED:
    default:
      return FALSE;
    }
}

/* --- data --------------------------------------------------------------------------------- */

SdOrder *
sd_order_new (gint64          customer_id,
              gint64          address_id,
              const char     *requested_date,
              SdOrderPayment  payment)
{
  SdOrder *order = g_new0 (SdOrder, 1);

  order->customer_id = customer_id;
  order->address_id = address_id;
  order->requested_date = g_strdup (requested_date ? requested_date : "");
  order->payment = payment;
  order->channel = SD_CHANNEL_PHONE;
  order->slot = SD_SLOT_ANY;
  order->status = SD_ORDER_PENDING;
  order->cancel_reason = g_strdup ("");
  order->note = g_strdup ("");
  order->created_by = g_strdup ("");
  order->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_order_line_free);
  return order;
}

void
sd_order_free (SdOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->requested_date);
  g_free (order->window_from);
  g_free (order->window_to);
  g_free (order->cancel_reason);
  g_free (order->note);
  g_free (order->created_by);
  g_clear_pointer (&order->lines, g_ptr_array_unref);
  g_free (order);
}

SdOrderLine *
sd_order_add_line (SdOrder *order,
                   gint64   product_id,
                   int      quantity)
{
  SdOrderLine *line = g_new0 (SdOrderLine, 1);

  line->product_id = product_id;
  line->quantity = quantity;
  line->unit_price_fen = SD_ORDER_AUTO;
  line->tickets_used = SD_ORDER_AUTO;
  line->empties_back = SD_ORDER_AUTO;
  g_ptr_array_add (order->lines, line);
  return line;
}

void
sd_order_line_free (SdOrderLine *line)
{
  if (line == NULL)
    return;
  g_free (line->product_name);
  g_free (line);
}

void
sd_order_event_free (SdOrderEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->who);
  g_free (event->reason);
  g_free (event);
}

/* --- taking an order ---------------------------------------------------------------------- */

static gboolean
valid_time (const char *text)
{
  guint h, m;
  char extra;

  return text != NULL && strlen (text) == 5 &&
         sscanf (text, "%2u:%2u%c", &h, &m, &extra) == 2 && h < 24 && m < 60;
}

static gboolean
set_invalid (GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
set_invalid (GError    **error,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SD_ORDER_ERROR, SD_ORDER_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

/* Checks what needs no database. */
static gboolean
validate_fields (SdOrder  *order,
                 char    **date,
                 GError  **error)
{
  g_autoptr(GError) date_error = NULL;

  if ((guint) order->channel >= SD_ORDER_N_CHANNELS)
    return set_invalid (error, _("Unknown order channel %d"), (int) order->channel);
  if ((guint) order->payment >= SD_ORDER_N_PAYMENTS)
    return set_invalid (error, _("Unknown way of paying %d"), (int) order->payment);
  if ((guint) order->slot >= SD_ORDER_N_SLOTS)
    return set_invalid (error, _("Unknown delivery time slot %d"), (int) order->slot);

  *date = sd_date_normalize (order->requested_date, &date_error);
  if (*date == NULL || **date == '\0')
    return set_invalid (error, _("“%s” is not a delivery date: write it as 2024-03-08"),
                        order->requested_date ? order->requested_date : "");

  if (order->slot == SD_SLOT_WINDOW &&
      (!valid_time (order->window_from) || !valid_time (order->window_to) ||
       strcmp (order->window_from, order->window_to) >= 0))
    return set_invalid (error, _("The delivery window “%s–%s” is not a time range like 09:00–11:30"),
                        order->window_from ? order->window_from : "",
                        order->window_to ? order->window_to : "");

  if (order->lines == NULL || order->lines->len == 0)
    return set_invalid (error, _("The order has no lines: add at least one product"));

  for (guint i = 0; i < order->lines->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (order->lines, i);

      if (line->quantity <= 0 || line->quantity > MAX_QUANTITY)
        return set_invalid (error, _("Line %u: the quantity must be between 1 and %d, not %d"),
                            i + 1, MAX_QUANTITY, line->quantity);
      if (line->unit_price_fen != SD_ORDER_AUTO &&
          (line->unit_price_fen < 0 || line->unit_price_fen > MAX_PRICE_FEN))
        {
          g_autofree char *price = sd_money_format (line->unit_price_fen);
          return set_invalid (error, _("Line %u: the unit price cannot be %s"), i + 1, price);
        }
      if (line->tickets_used != SD_ORDER_AUTO &&
          (line->tickets_used < 0 || line->tickets_used > line->quantity))
        return set_invalid (error, _("Line %u: the tickets used must be between 0 and the quantity %d, not %d"),
                            i + 1, line->quantity, line->tickets_used);
      if (line->tickets_used > 0 && order->payment != SD_PAY_TICKETS)
        return set_invalid (error, _("Line %u uses water tickets, but the order is paid by “%s”"),
                            i + 1, sd_order_payment_label (order->payment));
      if (line->empties_back != SD_ORDER_AUTO &&
          (line->empties_back < 0 || line->empties_back > MAX_QUANTITY))
        return set_invalid (error, _("Line %u: the empty buckets back cannot be %d"),
                            i + 1, line->empties_back);
    }
  return TRUE;
}

typedef struct {
  gint64 unit_price_fen;
  gint64 line_total_fen;
  int    tickets_used;
  int    buckets_out;
  int    empties_back;
} Priced;

/* Checks against the database and prices the lines into `priced`. */
static gboolean
validate_with_store (SdStore  *store,
                     SdOrder  *order,
                     Priced   *priced,
                     gint64   *total,
                     GError  **error)
{
  g_autoptr(SdCachedStmt) address = NULL;
  char a[SD_ID_LEN], b[SD_ID_LEN];
  gboolean any_tickets = FALSE;

  if (!_sd_require_customer (store, order->customer_id, error))
    return FALSE;

  address = _sd_store_prepare (store,
    "SELECT customer_id, archived FROM addresses WHERE id = ?1", error);
  if (address == NULL)
    return FALSE;
  sqlite3_bind_int64 (address, 1, order->address_id);
  if (sqlite3_step (address) != SQLITE_ROW ||
      sqlite3_column_int64 (address, 0) != order->customer_id)
    return set_invalid (error, _("Address %s is not an address of customer %s"),
                        _sd_id (a, order->address_id), _sd_id (b, order->customer_id));
  if (sqlite3_column_int (address, 1) != 0)
    return set_invalid (error, _("Address %s has been removed; choose another one"),
                        _sd_id (a, order->address_id));

  if (order->courier_id > 0)
    {
      g_autoptr(SdCachedStmt) courier = _sd_store_prepare (store,
        "SELECT 1 FROM couriers WHERE id = ?1", error);
      if (courier == NULL)
        return FALSE;
      sqlite3_bind_int64 (courier, 1, order->courier_id);
      if (sqlite3_step (courier) != SQLITE_ROW)
        return set_invalid (error, _("There is no courier number %s"), _sd_id (a, order->courier_id));
    }

  *total = 0;
  for (guint i = 0; i < order->lines->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autoptr(SdCachedStmt) product = _sd_store_prepare (store,
        "SELECT name, active, returnable_bucket FROM products WHERE id = ?1", error);
      Priced *p = &priced[i];
      gboolean ticketable = FALSE;

      if (product == NULL)
        return FALSE;
      sqlite3_bind_int64 (product, 1, line->product_id);
      if (sqlite3_step (product) != SQLITE_ROW)
        return set_invalid (error, _("Line %u: there is no product number %s"), i + 1,
                            _sd_id (a, line->product_id));
      if (sqlite3_column_int (product, 1) == 0)
        return set_invalid (error, _("Line %u: “%s” is no longer sold"), i + 1,
                            (const char *) sqlite3_column_text (product, 0));
      p->buckets_out = sqlite3_column_int (product, 2) != 0 ? line->quantity : 0;

      p->unit_price_fen = line->unit_price_fen;
      if (p->unit_price_fen == SD_ORDER_AUTO)
        {
          p->unit_price_fen = sd_store_price_for (store, order->customer_id, line->product_id, error);
          if (p->unit_price_fen < 0)
            return FALSE;
        }
      p->line_total_fen = p->unit_price_fen * line->quantity;
      *total += p->line_total_fen;

      if (order->payment == SD_PAY_TICKETS && line->tickets_used == SD_ORDER_AUTO)
        {
          gint64 held = 0;

          ticketable = sd_store_product_has_tickets (store, line->product_id);
          if (!ticketable &&
              !_sd_ledger_balance (store, order->customer_id, SD_LEDGER_TICKETS,
                                   line->product_id, &held, error))
            return FALSE;
          p->tickets_used = ticketable || held > 0 ? line->quantity : 0;
        }
      else
        p->tickets_used = MAX (line->tickets_used, 0);
      any_tickets |= p->tickets_used > 0;
      p->empties_back = line->empties_back == SD_ORDER_AUTO ? p->buckets_out : line->empties_back;
    }

  if (order->payment == SD_PAY_TICKETS && !any_tickets)
    return set_invalid (error, _("None of the products of this order can be paid with water tickets"));
  return TRUE;
}

static gboolean
insert_event (SdStore        *store,
              gint64          order_id,
              gboolean        has_from,
              SdOrderStatus   from,
              SdOrderStatus   to,
              const char     *who,
              const char     *reason,
              GError        **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "INSERT INTO order_events (order_id, from_status, to_status, at, who, reason)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  if (has_from)
    sqlite3_bind_text (stmt, 2, statuses[from].id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, statuses[to].id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, sd_store_now (store));
  _sd_bind_text (stmt, 5, who);
  _sd_bind_text (stmt, 6, reason);
  return _sd_store_step_done (store, stmt, error);
}

gboolean
_sd_order_insert_event (SdStore        *store,
                        gint64          order_id,
                        SdOrderStatus   from,
                        SdOrderStatus   to,
                        const char     *who,
                        const char     *reason,
                        GError        **error)
{
  return insert_event (store, order_id, TRUE, from, to, who, reason, error);
}

static gboolean
insert_order (SdStore       *store,
              SdOrder       *order,
              const char    *date,
              const Priced  *priced,
              gint64         total,
              const char    *who,
              gint64        *order_id,
              GError       **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "INSERT INTO orders (customer_id, address_id, channel, requested_date, slot, window_from,"
    " window_to, payment, courier_id, status, note, total_fen, created_at, updated_at, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending', ?10, ?11, ?12, ?12, ?13)", error);
  gint64 now = sd_store_now (store);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order->customer_id);
  sqlite3_bind_int64 (stmt, 2, order->address_id);
  sqlite3_bind_text (stmt, 3, channels[order->channel], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, slots[order->slot], -1, SQLITE_STATIC);
  if (order->slot == SD_SLOT_WINDOW)
    {
      sqlite3_bind_text (stmt, 6, order->window_from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, order->window_to, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_text (stmt, 8, payments[order->payment].id, -1, SQLITE_STATIC);
  if (order->courier_id > 0)
    sqlite3_bind_int64 (stmt, 9, order->courier_id);
  _sd_bind_text (stmt, 10, order->note);
  sqlite3_bind_int64 (stmt, 11, total);
  sqlite3_bind_int64 (stmt, 12, now);
  _sd_bind_text (stmt, 13, who);
  if (!_sd_store_step_done (store, stmt, error))
    return FALSE;
  *order_id = sqlite3_last_insert_rowid (_sd_store_get_db (store));

  for (guint i = 0; i < order->lines->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autoptr(SdCachedStmt) ins = _sd_store_prepare (store,
        "INSERT INTO order_lines (order_id, position, product_id, quantity, unit_price_fen,"
        " line_total_fen, tickets_used, buckets_out, empties_back)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);

      if (ins == NULL)
        return FALSE;
      sqlite3_bind_int64 (ins, 1, *order_id);
      sqlite3_bind_int (ins, 2, (int) i);
      sqlite3_bind_int64 (ins, 3, line->product_id);
      sqlite3_bind_int (ins, 4, line->quantity);
      sqlite3_bind_int64 (ins, 5, priced[i].unit_price_fen);
      sqlite3_bind_int64 (ins, 6, priced[i].line_total_fen);
      sqlite3_bind_int (ins, 7, priced[i].tickets_used);
      sqlite3_bind_int (ins, 8, priced[i].buckets_out);
      sqlite3_bind_int (ins, 9, priced[i].empties_back);
      if (!_sd_store_step_done (store, ins, error))
        return FALSE;
    }
  return insert_event (store, *order_id, FALSE, SD_ORDER_PENDING, SD_ORDER_PENDING, who, "", error);
}

gboolean
sd_store_create_order (SdStore     *store,
                       SdOrder     *order,
                       const char  *who,
                       GError     **error)
{
  g_autofree char *date = NULL;
  g_autofree Priced *priced = NULL;
  gint64 total = 0, order_id = 0;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (order != NULL, FALSE);

  if (order->id != 0)
    return set_invalid (error, _("This order has already been taken"));
  if (!validate_fields (order, &date, error))
    return FALSE;

  priced = g_new0 (Priced, order->lines->len);
  if (!sd_store_begin (store, error))
    return FALSE;
  if (!validate_with_store (store, order, priced, &total, error) ||
      !insert_order (store, order, date, priced, total, who, &order_id, error))
    {
      sd_store_rollback (store);
      return FALSE;
    }
  if (!sd_store_commit (store, error))
    return FALSE;

  /* Only now that it is stored does the caller's order take the computed values. */
  order->id = order_id;
  g_free (order->requested_date);
  order->requested_date = g_steal_pointer (&date);
  g_free (order->created_by);
  order->created_by = g_strdup (who ? who : "");
  order->status = SD_ORDER_PENDING;
  order->total_fen = total;
  order->created_at = order->updated_at = sd_store_now (store);
  for (guint i = 0; i < order->lines->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (order->lines, i);

      line->unit_price_fen = priced[i].unit_price_fen;
      line->line_total_fen = priced[i].line_total_fen;
      line->tickets_used = priced[i].tickets_used;
      line->buckets_out = priced[i].buckets_out;
      line->empties_back = priced[i].empties_back;
    }
  return TRUE;
}

/* --- reading ------------------------------------------------------------------------------ */

static char *
column_or_null (sqlite3_stmt *stmt,
                int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return _sd_column_dup (stmt, column);
}

GPtrArray *
_sd_order_load_lines (SdStore  *store,
                      gint64    order_id,
                      GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT l.id, l.product_id, p.name, l.quantity, l.unit_price_fen, l.line_total_fen,"
    " l.tickets_used, l.buckets_out, l.empties_back FROM order_lines l"
    " JOIN products p ON p.id = l.product_id WHERE l.order_id = ?1 ORDER BY l.position", error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_order_line_free);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SdOrderLine *line = g_new0 (SdOrderLine, 1);

      line->id = sqlite3_column_int64 (stmt, 0);
      line->product_id = sqlite3_column_int64 (stmt, 1);
      line->product_name = _sd_column_dup (stmt, 2);
      line->quantity = sqlite3_column_int (stmt, 3);
      line->unit_price_fen = sqlite3_column_int64 (stmt, 4);
      line->line_total_fen = sqlite3_column_int64 (stmt, 5);
      line->tickets_used = sqlite3_column_int (stmt, 6);
      line->buckets_out = sqlite3_column_int (stmt, 7);
      line->empties_back = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (lines, line);
    }
  return g_steal_pointer (&lines);
}

SdOrder *
sd_store_load_order (SdStore  *store,
                     gint64    order_id,
                     GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(SdOrder) order = NULL;
  char id[SD_ID_LEN];

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT customer_id, address_id, channel, requested_date, slot, window_from, window_to,"
    " payment, coalesce(courier_id, 0), status, cancel_reason, note, created_by, total_fen,"
    " created_at, updated_at FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                   _("There is no order number %s"), _sd_id (id, order_id));
      return NULL;
    }

  order = sd_order_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 3), SD_PAY_CASH_ON_DELIVERY);
  order->id = order_id;
  order->channel = (SdOrderChannel) index_of ((const char *) sqlite3_column_text (stmt, 2),
                                              channels, SD_ORDER_N_CHANNELS);
  order->slot = (SdOrderSlot) index_of ((const char *) sqlite3_column_text (stmt, 4),
                                        slots, SD_ORDER_N_SLOTS);
  order->window_from = column_or_null (stmt, 5);
  order->window_to = column_or_null (stmt, 6);
  for (guint i = 0; i < SD_ORDER_N_PAYMENTS; i++)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 7), payments[i].id) == 0)
      order->payment = (SdOrderPayment) i;
  order->courier_id = sqlite3_column_int64 (stmt, 8);
  sd_order_status_from_string ((const char *) sqlite3_column_text (stmt, 9), &order->status);
  g_free (order->cancel_reason);
  order->cancel_reason = _sd_column_dup (stmt, 10);
  g_free (order->note);
  order->note = _sd_column_dup (stmt, 11);
  g_free (order->created_by);
  order->created_by = _sd_column_dup (stmt, 12);
  order->total_fen = sqlite3_column_int64 (stmt, 13);
  order->created_at = sqlite3_column_int64 (stmt, 14);
  order->updated_at = sqlite3_column_int64 (stmt, 15);

  g_ptr_array_unref (order->lines);
  order->lines = _sd_order_load_lines (store, order_id, error);
  if (order->lines == NULL)
    return NULL;
  return g_steal_pointer (&order);
}

GPtrArray *
sd_store_list_order_events (SdStore  *store,
                            gint64    order_id,
                            GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_order_event_free);

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT id, from_status, to_status, at, who, reason FROM order_events WHERE order_id = ?1"
    " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SdOrderEvent *e = g_new0 (SdOrderEvent, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->order_id = order_id;
      e->has_from = sd_order_status_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                                 &e->from_status);
      sd_order_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &e->to_status);
      e->at = sqlite3_column_int64 (stmt, 3);
      e->who = _sd_column_dup (stmt, 4);
      e->reason = _sd_column_dup (stmt, 5);
      g_ptr_array_add (events, e);
    }
  return g_steal_pointer (&events);
}

GArray *
sd_store_list_customer_orders (SdStore  *store,
                               gint64    customer_id,
                               guint     limit,
                               GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT id FROM orders WHERE customer_id = ?1 ORDER BY id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

GPtrArray *
sd_store_last_order_lines (SdStore  *store,
                           gint64    customer_id,
                           GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  gint64 order_id;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT id FROM orders WHERE customer_id = ?1 AND status <> 'cancelled'"
    " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sd_order_line_free);
  order_id = sqlite3_column_int64 (stmt, 0);

  lines = _sd_order_load_lines (store, order_id, error);
  if (lines == NULL)
    return NULL;
  for (guint i = 0; i < lines->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (lines, i);

      /* a new order: today's price, tickets decided again, nothing delivered yet */
      line->id = 0;
      line->unit_price_fen = sd_store_price_for (store, customer_id, line->product_id, error);
      if (line->unit_price_fen < 0)
        return NULL;
      line->line_total_fen = line->unit_price_fen * line->quantity;
      line->tickets_used = SD_ORDER_AUTO;
      line->buckets_out = 0;
      line->empties_back = SD_ORDER_AUTO;
    }
  return g_steal_pointer (&lines);
}

gboolean
sd_store_assign_courier (SdStore  *store,
                         gint64    order_id,
                         gint64    courier_id,
                         GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(SdOrder) order = NULL;
  char id[SD_ID_LEN];

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  order = sd_store_load_order (store, order_id, error);
  if (order == NULL)
    return FALSE;
  if (order->status == SD_ORDER_DELIVERED || order->status == SD_ORDER_CANCELLED)
    {
      g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_ILLEGAL_TRANSITION,
                   _("Order %s is “%s”: its courier can no longer change"),
                   _sd_id (id, order_id), sd_order_status_label (order->status));
      return FALSE;
    }
  if (courier_id > 0)
    {
      g_autoptr(SdCachedStmt) courier = _sd_store_prepare (store,
        "SELECT 1 FROM couriers WHERE id = ?1", error);
      if (courier == NULL)
        return FALSE;
      sqlite3_bind_int64 (courier, 1, courier_id);
      if (sqlite3_step (courier) != SQLITE_ROW)
        return set_invalid (error, _("There is no courier number %s"), _sd_id (id, courier_id));
    }
  stmt = _sd_store_prepare (store,
    "UPDATE orders SET courier_id = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  if (courier_id > 0)
    sqlite3_bind_int64 (stmt, 2, courier_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, sd_store_now (store));
  return _sd_store_step_done (store, stmt, error);
}
