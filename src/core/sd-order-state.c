/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order state machine, and what delivering an order posts to the ledger — all in the
 * transaction of the transition:
 *   tickets     −tickets_used of each product paid with tickets   (ticket_use)
 *   buckets     +full returnable buckets out                      (bucket_out)
 *               −empties taken back                               (bucket_back)
 *   money due = Σ (quantity − tickets_used) × unit price
 *   prepaid     −due for a prepaid order                          (prepaid_use)
 *   receivable  +whatever of the due is not covered by prepaid    (charge)
 * Money collected at the door is a payment (sd-payment.c), which lowers the receivable
 * again; so a cash-on-delivery order is charged on delivery and cleared when the courier's
 * cash is recorded, a monthly-account order stays owed until paid on account.
 *
 * Delivered is final. Undoing a delivery is sd_store_reverse_order(): it appends a
 * reversal row for each row the delivery posted and cancels the order with an event
 * delivered → cancelled; the integrity check knows that pair as a reversal. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-money.h"
#include "sd-order-private.h"
#include "sd-order.h"

void
sd_transition_options_init (SdTransitionOptions *options)
{
  options->courier_id = 0;
  options->shortfall = SD_SHORTFALL_REFUSE;
  options->empties_back = SD_ORDER_AUTO;
  options->collected_fen = 0;
  options->collected_method = SD_METHOD_CASH;
}

typedef struct {
  gint64          id;
  gint64          customer_id;
  SdOrderStatus   status;
  SdOrderPayment  payment;
  gint64          courier_id;
} OrderHead;

static gboolean
load_head (SdStore    *store,
           gint64      order_id,
           OrderHead  *head,
           GError    **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT customer_id, status, payment, coalesce(courier_id, 0) FROM orders WHERE id = ?1",
    error);
  char id[SD_ID_LEN];

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                   _("There is no order number %s"), _sd_id (id, order_id));
      return FALSE;
    }
  head->id = order_id;
  head->customer_id = sqlite3_column_int64 (stmt, 0);
  sd_order_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &head->status);
  head->payment = SD_PAY_CASH_ON_DELIVERY;
  for (guint i = 0; i < SD_ORDER_N_PAYMENTS; i++)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2),
                   sd_order_payment_to_string ((SdOrderPayment) i)) == 0)
      head->payment = (SdOrderPayment) i;
  head->courier_id = sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

static gboolean
update_line (SdStore      *store,
             SdOrderLine  *line,
             GError      **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "UPDATE order_lines SET tickets_used = ?2, empties_back = ?3 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, line->id);
  sqlite3_bind_int (stmt, 2, line->tickets_used);
  sqlite3_bind_int (stmt, 3, line->empties_back);
  return _sd_store_step_done (store, stmt, error);
}

/* Empties actually taken back replace the planned ones: on the first line that hands out
 * buckets (or the first line), the others 0. */
static gboolean
apply_empties (SdStore    *store,
               GPtrArray  *lines,
               int         empties,
               GError    **error)
{
  SdOrderLine *target = g_ptr_array_index (lines, 0);

  if (empties < 0)
    {
      g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_INVALID,
                   _("The empty buckets taken back cannot be %d"), empties);
      return FALSE;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (lines, i);
      if (line->buckets_out > 0)
        {
          target = line;
          break;
        }
    }
  for (guint i = 0; i < lines->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (lines, i);
      int value = line == target ? empties : 0;

      if (line->empties_back != value)
        {
          line->empties_back = value;
          if (!update_line (store, line, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Tickets of each product the order pays with tickets. A shortfall is refused, or (when
 * the caller allows it) the lines use only what there is and the rest becomes money due:
 * `shortfall_fen` grows by its value. */
static gboolean
post_tickets (SdStore                   *store,
              const OrderHead           *head,
              GPtrArray                 *lines,
              const SdTransitionOptions *options,
              const char                *who,
              gint64                    *shortfall_fen,
              GError                   **error)
{
  char id[SD_ID_LEN];

  for (guint i = 0; i < lines->len; i++)
    {
      SdOrderLine *first = g_ptr_array_index (lines, i);
      gint64 needed = 0, held = 0;
      gboolean seen = FALSE;

      /* each product once, at its first line */
      for (guint j = 0; j < i && !seen; j++)
        seen = ((SdOrderLine *) g_ptr_array_index (lines, j))->product_id == first->product_id;
      if (seen)
        continue;
      for (guint j = i; j < lines->len; j++)
        {
          SdOrderLine *line = g_ptr_array_index (lines, j);
          if (line->product_id == first->product_id)
            needed += line->tickets_used;
        }
      if (needed == 0)
        continue;

      if (!_sd_ledger_balance (store, head->customer_id, SD_LEDGER_TICKETS, first->product_id,
                               &held, error))
        return FALSE;
      if (held < needed)
        {
          gint64 missing = needed - MAX (held, 0);

          if (options->shortfall == SD_SHORTFALL_REFUSE)
            {
              g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_NOT_ENOUGH_TICKETS,
                           _("Not enough water tickets for “%s”: order %s needs %d tickets, "
                             "the customer has %d"),
                           first->product_name, _sd_id (id, head->id), (int) needed, (int) held);
              return FALSE;
            }
          /* take the missing tickets off the last lines first */
          for (guint j = lines->len; j-- > i && missing > 0;)
            {
              SdOrderLine *line = g_ptr_array_index (lines, j);
              int off;

              if (line->product_id != first->product_id || line->tickets_used == 0)
                continue;
              off = (int) MIN ((gint64) line->tickets_used, missing);
              line->tickets_used -= off;
              missing -= off;
              needed -= off;
              *shortfall_fen += off * line->unit_price_fen;
              if (!update_line (store, line, error))
                return FALSE;
            }
        }
      if (needed > 0 &&
          !_sd_ledger_post (store, head->customer_id, SD_LEDGER_TICKETS, first->product_id,
                            -needed, "ticket_use", head->id, 0, 0, who, "", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
post_buckets (SdStore          *store,
              const OrderHead  *head,
              GPtrArray        *lines,
              const char       *who,
              GError          **error)
{
  gint64 out = 0, back = 0, held = 0;
  char id[SD_ID_LEN];

  for (guint i = 0; i < lines->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (lines, i);
      out += line->buckets_out;
      back += line->empties_back;
    }
  if (back > 0)
    {
      if (!_sd_ledger_balance (store, head->customer_id, SD_LEDGER_BUCKETS, 0, &held, error))
        return FALSE;
      if (held + out < back)
        {
          g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_NOT_ENOUGH_BUCKETS,
                       _("Order %s takes back %d empty buckets, but the customer holds only %d "
                         "with this delivery"),
                       _sd_id (id, head->id), (int) back, (int) (held + out));
          return FALSE;
        }
    }
  if (out > 0 &&
      !_sd_ledger_post (store, head->customer_id, SD_LEDGER_BUCKETS, 0, out, "bucket_out",
                        head->id, 0, 0, who, "", error))
    return FALSE;
  if (back > 0 &&
      !_sd_ledger_post (store, head->customer_id, SD_LEDGER_BUCKETS, 0, -back, "bucket_back",
                        head->id, 0, 0, who, "", error))
    return FALSE;
  return TRUE;
}

static gboolean
post_money (SdStore                   *store,
            const OrderHead           *head,
            GPtrArray                 *lines,
            const SdTransitionOptions *options,
            const char                *who,
            gint64                    *shortfall_fen,
            GError                   **error)
{
  gint64 due = 0, charge;
  char id[SD_ID_LEN];

  for (guint i = 0; i < lines->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (lines, i);
      due += (gint64) (line->quantity - line->tickets_used) * line->unit_price_fen;
    }
  charge = due;

  if (head->payment == SD_PAY_PREPAID && due > 0)
    {
      gint64 held = 0, use;

      if (!_sd_ledger_balance (store, head->customer_id, SD_LEDGER_PREPAID, 0, &held, error))
        return FALSE;
      use = MIN (due, MAX (held, 0));
      if (use < due)
        {
          if (options->shortfall == SD_SHORTFALL_REFUSE)
            {
              g_autofree char *need = sd_money_format (due);
              g_autofree char *have = sd_money_format (held);
              g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_NOT_ENOUGH_PREPAID,
                           _("Not enough prepaid balance: order %s needs %s, the customer has %s"),
                           _sd_id (id, head->id), need, have);
              return FALSE;
            }
          *shortfall_fen += due - use;
        }
      if (use > 0 &&
          !_sd_ledger_post (store, head->customer_id, SD_LEDGER_PREPAID, 0, -use, "prepaid_use",
                            head->id, 0, 0, who, "", error))
        return FALSE;
      charge = due - use;
    }

  if (charge > 0 &&
      !_sd_ledger_post (store, head->customer_id, SD_LEDGER_RECEIVABLE, 0, charge, "charge",
                        head->id, 0, 0, who, "", error))
    return FALSE;
  return TRUE;
}

static gboolean
deliver (SdStore                   *store,
         const OrderHead           *head,
         const SdTransitionOptions *options,
         const char                *who,
         GError                   **error)
{
  g_autoptr(GPtrArray) lines = _sd_order_load_lines (store, head->id, error);
  gint64 shortfall_fen = 0;
  SdPaymentHow how = { .courier_id = head->courier_id, .who = who };

  if (lines == NULL)
    return FALSE;
  if (lines->len == 0)
    {
      char id[SD_ID_LEN];
      g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_INVALID,
                   _("Order %s has no lines and cannot be delivered"), _sd_id (id, head->id));
      return FALSE;
    }
  if (options->empties_back != SD_ORDER_AUTO &&
      !apply_empties (store, lines, options->empties_back, error))
    return FALSE;

  if (!post_tickets (store, head, lines, options, who, &shortfall_fen, error) ||
      !post_buckets (store, head, lines, who, error) ||
      !post_money (store, head, lines, options, who, &shortfall_fen, error))
    return FALSE;

  if (options->shortfall == SD_SHORTFALL_CASH && shortfall_fen > 0)
    {
      how.method = SD_METHOD_CASH;
      how.note = "";
      if (sd_store_record_payment (store, head->customer_id, head->id, shortfall_fen, &how, error) == 0)
        return FALSE;
    }
  if (options->collected_fen > 0)
    {
      how.method = options->collected_method;
      if (sd_store_record_payment (store, head->customer_id, head->id, options->collected_fen,
                                   &how, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_status (SdStore        *store,
            gint64          order_id,
            SdOrderStatus   status,
            const char     *cancel_reason,
            gint64          courier_id,
            GError        **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "UPDATE orders SET status = ?2, cancel_reason = coalesce(?3, cancel_reason),"
    " courier_id = coalesce(?4, courier_id), updated_at = ?5 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, sd_order_status_to_string (status), -1, SQLITE_STATIC);
  if (cancel_reason != NULL)
    sqlite3_bind_text (stmt, 3, cancel_reason, -1, SQLITE_TRANSIENT);
  if (courier_id > 0)
    sqlite3_bind_int64 (stmt, 4, courier_id);
  sqlite3_bind_int64 (stmt, 5, sd_store_now (store));
  return _sd_store_step_done (store, stmt, error);
}

static gboolean
require_courier (SdStore  *store,
                 gint64    courier_id,
                 GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT 1 FROM couriers WHERE id = ?1", error);
  char id[SD_ID_LEN];

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, courier_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_INVALID,
               _("There is no courier number %s"), _sd_id (id, courier_id));
  return FALSE;
}

static gboolean
transition (SdStore                   *store,
            gint64                     order_id,
            SdOrderStatus              to,
            const char                *who,
            const char                *reason,
            const SdTransitionOptions *options,
            GError                   **error)
{
  OrderHead head;
  char id[SD_ID_LEN];
  g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));

  if (!load_head (store, order_id, &head, error))
    return FALSE;
  if (!sd_order_transition_is_legal (head.status, to))
    {
      g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_ILLEGAL_TRANSITION,
                   _("Order %s cannot go from “%s” to “%s”"), _sd_id (id, order_id),
                   sd_order_status_label (head.status), sd_order_status_label (to));
      return FALSE;
    }
  if (to == SD_ORDER_CANCELLED && *trimmed == '\0')
    {
      g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_REASON_REQUIRED,
                   _("Cancelling order %s needs a reason"), _sd_id (id, order_id));
      return FALSE;
    }
  if (options->courier_id > 0)
    {
      if (!require_courier (store, options->courier_id, error))
        return FALSE;
      head.courier_id = options->courier_id;
    }
  if (to == SD_ORDER_DELIVERED && !deliver (store, &head, options, who, error))
    return FALSE;
  return set_status (store, order_id, to, to == SD_ORDER_CANCELLED ? trimmed : NULL,
                     options->courier_id, error) &&
         _sd_order_insert_event (store, order_id, head.status, to, who, trimmed, error);
}

gboolean
sd_store_transition_order (SdStore                   *store,
                           gint64                     order_id,
                           SdOrderStatus              to_status,
                           const char                *who,
                           const char                *reason,
                           const SdTransitionOptions *options,
                           GError                   **error)
{
  SdTransitionOptions defaults;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  if ((guint) to_status >= SD_ORDER_N_STATUSES)
    {
      g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_INVALID,
                   _("Unknown order state %d"), (int) to_status);
      return FALSE;
    }
  if (options == NULL)
    {
      sd_transition_options_init (&defaults);
      options = &defaults;
    }
  if (!sd_store_begin (store, error))
    return FALSE;
  if (!transition (store, order_id, to_status, who, reason, options, error))
    {
      sd_store_rollback (store);
      return FALSE;
    }
  return sd_store_commit (store, error);
}

/* --- reversal ----------------------------------------------------------------------------- */

typedef struct {
  gint64       id;
  gint64       customer_id;
  SdLedgerKind kind;
  gint64       product_id;
  gint64       delta;
} Posted;

static gboolean
reverse (SdStore     *store,
         gint64       order_id,
         const char  *who,
         const char  *reason,
         GError     **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GArray) posted = g_array_new (FALSE, FALSE, sizeof (Posted));
  OrderHead head;
  char id[SD_ID_LEN];

  if (!load_head (store, order_id, &head, error))
    return FALSE;
  if (head.status != SD_ORDER_DELIVERED)
    {
      g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_ILLEGAL_TRANSITION,
                   _("Only a delivered order can be reversed; order %s is “%s”"),
                   _sd_id (id, order_id), sd_order_status_label (head.status));
      return FALSE;
    }

  /* what the delivery posted (payments keep their own rows), not reversed yet */
  stmt = _sd_store_prepare (store,
    "SELECT l.id, l.customer_id, l.kind, coalesce(l.product_id, 0), l.delta FROM ledger l"
    " WHERE l.order_id = ?1 AND l.payment_id IS NULL AND l.reverses_id IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses_id = l.id) ORDER BY l.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Posted p = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), 0,
                   sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4) };
      sd_ledger_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &p.kind);
      g_array_append_val (posted, p);
    }
  sqlite3_reset (stmt);

  /* credits first, so an intermediate balance never dips below zero */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < posted->len; i++)
      {
        Posted *p = &g_array_index (posted, Posted, i);

        if ((pass == 0) != (p->delta < 0))
          continue;
        if (!_sd_ledger_post (store, p->customer_id, p->kind, p->product_id, -p->delta,
                              "reversal", order_id, 0, p->id, who, reason, error))
          return FALSE;
      }

  return set_status (store, order_id, SD_ORDER_CANCELLED, reason, 0, error) &&
         _sd_order_insert_event (store, order_id, SD_ORDER_DELIVERED, SD_ORDER_CANCELLED, who,
                                 reason, error);
}

gboolean
sd_store_reverse_order (SdStore     *store,
                        gint64       order_id,
                        const char  *who,
                        const char  *reason,
                        GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));
  char id[SD_ID_LEN];

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  if (*trimmed == '\0')
    {
      g_set_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_REASON_REQUIRED,
                   _("Reversing order %s needs a reason"), _sd_id (id, order_id));
      return FALSE;
    }
  if (!sd_store_begin (store, error))
    return FALSE;
  if (!reverse (store, order_id, who, trimmed, error))
    {
      sd_store_rollback (store);
      return FALSE;
    }
  return sd_store_commit (store, error);
}
