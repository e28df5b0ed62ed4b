/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The integrity check. Each invariant is recomputed from the rows — never from anything
 * derived — and every row breaking it becomes one problem naming the order, customer or
 * payment, with what was expected and what was found:
 *   orders      total = Σ line totals; line total = quantity × unit price; tickets used
 *               within the quantity; at least one line; the address is the customer's
 *   events      start as pending; each starts where the previous ended; each is a legal
 *               transition (or delivered → cancelled, a reversal); the last one ends in
 *               the order's status; delivered orders have a delivery event; cancelled
 *               orders a reason
 *   ledger      per order, what the delivery posted (net of reversals) equals what its
 *               lines say for delivered orders and nothing for the others — tickets per
 *               product, buckets, money due (prepaid used + charged); rows point at
 *               existing orders and payments of the same customer; a reversal undoes its
 *               row exactly; no balance but the receivable below zero
 *   payments    each has exactly the ledger rows its purpose posts */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-check.h"
#include "sd-money.h"
#include "sd-order-private.h"
#include "sd-order.h"

void
sd_problem_free (SdProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

static void
add (GPtrArray  *problems,
     const char *code,
     gint64      order_id,
     gint64      customer_id,
     gint64      payment_id,
     char       *message)
{
  SdProblem *p = g_new0 (SdProblem, 1);

  p->code = code;
  p->order_id = order_id;
  p->customer_id = customer_id;
  p->payment_id = payment_id;
  p->message = message;
  g_ptr_array_add (problems, p);
}

static char *
money (gint64 fen)
{
  return sd_money_format (fen);
}

static const char *
status_label (const char *text)
{
  SdOrderStatus status;

  if (text == NULL)
    return "";
  if (sd_order_status_from_string (text, &status))
    return sd_order_status_label (status);
  return text;
}

/* --- orders and lines --------------------------------------------------------------------- */

static gboolean
check_totals (SdStore    *store,
              GPtrArray  *problems,
              GError    **error)
{
  g_autoptr(SdCachedStmt) orders = _sd_store_prepare (store,
    "SELECT o.id, o.customer_id, o.total_fen, coalesce(sum(l.line_total_fen), 0), count(l.id)"
    " FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id GROUP BY o.id"
    " HAVING o.total_fen <> coalesce(sum(l.line_total_fen), 0) OR count(l.id) = 0 ORDER BY o.id",
    error);
  g_autoptr(SdCachedStmt) lines = NULL;
  char id[SD_ID_LEN], other[SD_ID_LEN];

  if (orders == NULL)
    return FALSE;
  while (sqlite3_step (orders) == SQLITE_ROW)
    {
      gint64 order_id = sqlite3_column_int64 (orders, 0);
      gint64 customer_id = sqlite3_column_int64 (orders, 1);

      if (sqlite3_column_int (orders, 4) == 0)
        add (problems, "order-no-lines", order_id, customer_id, 0,
             g_strdup_printf (_("Order %s has no lines"), _sd_id (id, order_id)));
      else
        {
          g_autofree char *total = money (sqlite3_column_int64 (orders, 2));
          g_autofree char *sum = money (sqlite3_column_int64 (orders, 3));
          add (problems, "order-total", order_id, customer_id, 0,
               g_strdup_printf (_("Order %s: the total is %s but its lines add up to %s"),
                                _sd_id (id, order_id), total, sum));
        }
    }

  lines = _sd_store_prepare (store,
    "SELECT l.order_id, o.customer_id, l.position, l.quantity, l.unit_price_fen,"
    " l.line_total_fen, l.tickets_used FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " WHERE l.line_total_fen <> l.quantity * l.unit_price_fen OR l.quantity <= 0"
    " OR l.tickets_used < 0 OR l.tickets_used > l.quantity ORDER BY l.order_id, l.position",
    error);
  if (lines == NULL)
    return FALSE;
  while (sqlite3_step (lines) == SQLITE_ROW)
    {
      gint64 order_id = sqlite3_column_int64 (lines, 0);
      gint64 customer_id = sqlite3_column_int64 (lines, 1);
      int position = sqlite3_column_int (lines, 2) + 1;
      int quantity = sqlite3_column_int (lines, 3);
      gint64 unit = sqlite3_column_int64 (lines, 4);
      int tickets = sqlite3_column_int (lines, 6);

      if (quantity <= 0)
        add (problems, "line-quantity", order_id, customer_id, 0,
             g_strdup_printf (_("Order %s, line %d: the quantity is %d"),
                              _sd_id (id, order_id), position, quantity));
      else if (tickets < 0 || tickets > quantity)
        add (problems, "line-tickets", order_id, customer_id, 0,
             g_strdup_printf (_("Order %s, line %d: %d tickets used for a quantity of %d"),
                              _sd_id (id, order_id), position, tickets, quantity));
      if (sqlite3_column_int64 (lines, 5) != quantity * unit)
        {
          g_autofree char *price = money (unit);
          g_autofree char *expected = money (quantity * unit);
          g_autofree char *found = money (sqlite3_column_int64 (lines, 5));
          add (problems, "line-total", order_id, customer_id, 0,
               g_strdup_printf (_("Order %s, line %d: %d × %s is %s, the line says %s"),
                                _sd_id (id, order_id), position, quantity, price, expected, found));
        }
    }
  sqlite3_reset (lines);

  {
    g_autoptr(SdCachedStmt) addresses = _sd_store_prepare (store,
      "SELECT o.id, o.customer_id, o.address_id FROM orders o"
      " LEFT JOIN addresses a ON a.id = o.address_id"
      " WHERE a.id IS NULL OR a.customer_id <> o.customer_id ORDER BY o.id", error);
    if (addresses == NULL)
      return FALSE;
    while (sqlite3_step (addresses) == SQLITE_ROW)
      {
        gint64 order_id = sqlite3_column_int64 (addresses, 0);
        add (problems, "order-address", order_id, sqlite3_column_int64 (addresses, 1), 0,
             g_strdup_printf (_("Order %s goes to address %s, which is not an address of its customer"),
                              _sd_id (id, order_id),
                              _sd_id (other, sqlite3_column_int64 (addresses, 2))));
      }
  }
  return TRUE;
}

/* --- events ------------------------------------------------------------------------------- */

typedef struct {
  gint64   order_id;
  gint64   customer_id;
  char    *status;
  gboolean cancel_reason;
  guint    n_events;
  char    *last_to;
  gboolean delivered_event;
} EventWalk;

static void
finish_order (EventWalk *w,
              GPtrArray *problems)
{
  char id[SD_ID_LEN];

  if (w->order_id == 0)
    return;
  _sd_id (id, w->order_id);
  if (w->n_events == 0)
    add (problems, "events-missing", w->order_id, w->customer_id, 0,
         g_strdup_printf (_("Order %s has no events: how it came to be “%s” is not recorded"),
                          id, status_label (w->status)));
  else if (g_strcmp0 (w->status, "delivered") == 0 && !w->delivered_event)
    add (problems, "delivered-without-event", w->order_id, w->customer_id, 0,
         g_strdup_printf (_("Order %s is delivered, but no delivery was recorded in its events"), id));
  else if (g_strcmp0 (w->last_to, w->status) != 0)
    add (problems, "events-status", w->order_id, w->customer_id, 0,
         g_strdup_printf (_("Order %s is “%s”, but its events leave it “%s”"),
                          id, status_label (w->status), status_label (w->last_to)));
  if (g_strcmp0 (w->status, "cancelled") == 0 && !w->cancel_reason)
    add (problems, "cancel-reason", w->order_id, w->customer_id, 0,
         g_strdup_printf (_("Order %s is cancelled without a reason"), id));
  g_clear_pointer (&w->status, g_free);
  g_clear_pointer (&w->last_to, g_free);
  memset (w, 0, sizeof *w);
}

static gboolean
legal_in_history (const char *from,
                  const char *to)
{
  SdOrderStatus f, t;

  if (!sd_order_status_from_string (from, &f) || !sd_order_status_from_string (to, &t))
    return FALSE;
  return sd_order_transition_is_legal (f, t) ||
         (f == SD_ORDER_DELIVERED && t == SD_ORDER_CANCELLED);   /* a reversal */
}

static gboolean
check_events (SdStore    *store,
              GPtrArray  *problems,
              GError    **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT o.id, o.customer_id, o.status, length(trim(o.cancel_reason)) > 0,"
    " e.id, e.from_status, e.to_status FROM orders o"
    " LEFT JOIN order_events e ON e.order_id = o.id ORDER BY o.id, e.id", error);
  EventWalk w = { 0 };
  char id[SD_ID_LEN];

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 order_id = sqlite3_column_int64 (stmt, 0);
      const char *from = (const char *) sqlite3_column_text (stmt, 5);
      const char *to = (const char *) sqlite3_column_text (stmt, 6);

      if (order_id != w.order_id)
        {
          finish_order (&w, problems);
          w.order_id = order_id;
          w.customer_id = sqlite3_column_int64 (stmt, 1);
          w.status = _sd_column_dup (stmt, 2);
          w.cancel_reason = sqlite3_column_int (stmt, 3) != 0;
        }
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        continue;

      _sd_id (id, order_id);
      if (w.n_events == 0)
        {
          if (from != NULL || g_strcmp0 (to, "pending") != 0)
            add (problems, "events-start", order_id, w.customer_id, 0,
                 g_strdup_printf (_("Order %s: its first event goes from “%s” to “%s” instead of "
                                    "taking the order as “%s”"), id, status_label (from),
                                  status_label (to), sd_order_status_label (SD_ORDER_PENDING)));
        }
      else if (g_strcmp0 (from, w.last_to) != 0)
        add (problems, "events-gap", order_id, w.customer_id, 0,
             g_strdup_printf (_("Order %s: an event starts from “%s” but the one before ended at “%s”"),
                              id, status_label (from), status_label (w.last_to)));
      else if (!legal_in_history (from, to))
        add (problems, "events-illegal", order_id, w.customer_id, 0,
             g_strdup_printf (_("Order %s: an event goes from “%s” to “%s”, which is not allowed"),
                              id, status_label (from), status_label (to)));
      if (g_strcmp0 (to, "delivered") == 0)
        w.delivered_event = TRUE;
      g_free (w.last_to);
      w.last_to = g_strdup (to);
      w.n_events++;
    }
  finish_order (&w, problems);
  return TRUE;
}

/* --- the ledger against orders ------------------------------------------------------------ */

static gboolean
check_order_postings (SdStore    *store,
                      GPtrArray  *problems,
                      GError    **error)
{
  /* expected from the lines of delivered orders, found from the rows the deliveries (and
   * their reversals) posted; payments have their own rows and are checked below */
  g_autoptr(SdCachedStmt) tickets = _sd_store_prepare (store,
    "SELECT t.order_id, o.customer_id, t.product_id, p.name, sum(t.expected), sum(t.found)"
    " FROM (SELECT l.order_id, l.product_id, l.tickets_used AS expected, 0 AS found"
    "       FROM order_lines l JOIN orders o ON o.id = l.order_id"
    "       WHERE o.status = 'delivered' AND l.tickets_used > 0"
    "       UNION ALL"
    "       SELECT order_id, product_id, 0, -delta FROM ledger"
    "       WHERE kind = 'tickets' AND order_id IS NOT NULL AND payment_id IS NULL) t"
    " JOIN orders o ON o.id = t.order_id LEFT JOIN products p ON p.id = t.product_id"
    " GROUP BY t.order_id, o.customer_id, t.product_id, p.name"
    " HAVING sum(t.expected) <> sum(t.found) ORDER BY t.order_id, t.product_id", error);
  g_autoptr(SdCachedStmt) rest = NULL;
  char id[SD_ID_LEN];

  if (tickets == NULL)
    return FALSE;
  while (sqlite3_step (tickets) == SQLITE_ROW)
    {
      gint64 order_id = sqlite3_column_int64 (tickets, 0);
      add (problems, "ledger-tickets", order_id, sqlite3_column_int64 (tickets, 1), 0,
           g_strdup_printf (_("Order %s: %d tickets of “%s” should have been used in the ledger, "
                              "%d were"), _sd_id (id, order_id),
                            sqlite3_column_int (tickets, 4),
                            (const char *) sqlite3_column_text (tickets, 3),
                            sqlite3_column_int (tickets, 5)));
    }

  rest = _sd_store_prepare (store,
    "SELECT t.order_id, o.customer_id, sum(t.buckets), sum(t.found_buckets), sum(t.money),"
    " sum(t.found_money)"
    " FROM (SELECT l.order_id, l.buckets_out - l.empties_back AS buckets, 0 AS found_buckets,"
    "       (l.quantity - l.tickets_used) * l.unit_price_fen AS money, 0 AS found_money"
    "       FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.status = 'delivered'"
    "       UNION ALL"
    "       SELECT order_id, 0, CASE WHEN kind = 'buckets' THEN delta ELSE 0 END, 0,"
    "       CASE kind WHEN 'prepaid_fen' THEN -delta WHEN 'receivable_fen' THEN delta ELSE 0 END"
    "       FROM ledger WHERE order_id IS NOT NULL AND payment_id IS NULL"
    "       AND kind IN ('buckets', 'prepaid_fen', 'receivable_fen')) t"
    " JOIN orders o ON o.id = t.order_id GROUP BY t.order_id, o.customer_id"
    " HAVING sum(t.buckets) <> sum(t.found_buckets) OR sum(t.money) <> sum(t.found_money)"
    " ORDER BY t.order_id", error);
  if (rest == NULL)
    return FALSE;
  while (sqlite3_step (rest) == SQLITE_ROW)
    {
      gint64 order_id = sqlite3_column_int64 (rest, 0);
      gint64 customer_id = sqlite3_column_int64 (rest, 1);

      _sd_id (id, order_id);
      if (sqlite3_column_int64 (rest, 2) != sqlite3_column_int64 (rest, 3))
        add (problems, "ledger-buckets", order_id, customer_id, 0,
             g_strdup_printf (_("Order %s: the ledger should move %d buckets to the customer, "
                                "it moves %d"), id, sqlite3_column_int (rest, 2),
                              sqlite3_column_int (rest, 3)));
      if (sqlite3_column_int64 (rest, 4) != sqlite3_column_int64 (rest, 5))
        {
          g_autofree char *expected = money (sqlite3_column_int64 (rest, 4));
          g_autofree char *found = money (sqlite3_column_int64 (rest, 5));
          add (problems, "ledger-money", order_id, customer_id, 0,
               g_strdup_printf (_("Order %s: %s should have been charged or taken from the "
                                  "prepaid balance, the ledger shows %s"), id, expected, found));
        }
    }
  return TRUE;
}

static gboolean
check_ledger_rows (SdStore    *store,
                   GPtrArray  *problems,
                   GError    **error)
{
  g_autoptr(SdCachedStmt) refs = _sd_store_prepare (store,
    "SELECT l.id, l.customer_id, coalesce(l.order_id, 0), o.id IS NULL AND l.order_id IS NOT NULL,"
    " coalesce(o.customer_id, l.customer_id), coalesce(l.payment_id, 0),"
    " p.id IS NULL AND l.payment_id IS NOT NULL, coalesce(p.customer_id, l.customer_id)"
    " FROM ledger l LEFT JOIN orders o ON o.id = l.order_id"
    " LEFT JOIN payments p ON p.id = l.payment_id"
    " WHERE (l.order_id IS NOT NULL AND (o.id IS NULL OR o.customer_id <> l.customer_id))"
    " OR (l.payment_id IS NOT NULL AND (p.id IS NULL OR p.customer_id IS NOT l.customer_id))"
    " ORDER BY l.id", error);
  g_autoptr(SdCachedStmt) reversals = NULL;
  g_autoptr(SdCachedStmt) negative = NULL;
  char id[SD_ID_LEN], a[SD_ID_LEN], b[SD_ID_LEN];

  if (refs == NULL)
    return FALSE;
  while (sqlite3_step (refs) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (refs, 0);
      gint64 customer_id = sqlite3_column_int64 (refs, 1);
      gint64 order_id = sqlite3_column_int64 (refs, 2);
      gint64 payment_id = sqlite3_column_int64 (refs, 5);

      _sd_id (id, row);
      if (sqlite3_column_int (refs, 3))
        add (problems, "ledger-missing-order", order_id, customer_id, 0,
             g_strdup_printf (_("Ledger row %s refers to order %s, which does not exist"),
                              id, _sd_id (a, order_id)));
      else if (order_id > 0 && sqlite3_column_int64 (refs, 4) != customer_id)
        add (problems, "ledger-customer", order_id, customer_id, 0,
             g_strdup_printf (_("Ledger row %s of customer %s refers to order %s of another customer"),
                              id, _sd_id (a, customer_id), _sd_id (b, order_id)));
      if (sqlite3_column_int (refs, 6))
        add (problems, "ledger-missing-payment", 0, customer_id, payment_id,
             g_strdup_printf (_("Ledger row %s refers to payment %s, which does not exist"),
                              id, _sd_id (a, payment_id)));
      else if (payment_id > 0 && sqlite3_column_int64 (refs, 7) != customer_id)
        add (problems, "ledger-customer", 0, customer_id, payment_id,
             g_strdup_printf (_("Ledger row %s of customer %s refers to payment %s of another customer"),
                              id, _sd_id (a, customer_id), _sd_id (b, payment_id)));
    }

  reversals = _sd_store_prepare (store,
    "SELECT l.id, l.customer_id, coalesce(l.order_id, 0), l.reverses_id FROM ledger l"
    " LEFT JOIN ledger r ON r.id = l.reverses_id WHERE l.reverses_id IS NOT NULL"
    " AND (r.id IS NULL OR r.delta <> -l.delta OR r.kind <> l.kind OR r.customer_id <> l.customer_id"
    " OR coalesce(r.product_id, 0) <> coalesce(l.product_id, 0)) ORDER BY l.id", error);
  if (reversals == NULL)
    return FALSE;
  while (sqlite3_step (reversals) == SQLITE_ROW)
    add (problems, "ledger-reversal", sqlite3_column_int64 (reversals, 2),
         sqlite3_column_int64 (reversals, 1), 0,
         g_strdup_printf (_("Ledger row %s should undo row %s exactly, but does not"),
                          _sd_id (id, sqlite3_column_int64 (reversals, 0)),
                          _sd_id (a, sqlite3_column_int64 (reversals, 3))));
  sqlite3_reset (reversals);

  negative = _sd_store_prepare (store,
    "SELECT l.customer_id, l.kind, coalesce(p.name, ''), sum(l.delta) FROM ledger l"
    " LEFT JOIN products p ON p.id = l.product_id WHERE l.kind <> 'receivable_fen'"
    " GROUP BY l.customer_id, l.kind, l.product_id, p.name HAVING sum(l.delta) < 0"
    " ORDER BY l.customer_id, l.kind, l.product_id", error);
  if (negative == NULL)
    return FALSE;
  while (sqlite3_step (negative) == SQLITE_ROW)
    {
      gint64 customer_id = sqlite3_column_int64 (negative, 0);
      SdLedgerKind kind = SD_LEDGER_TICKETS;
      gint64 sum = sqlite3_column_int64 (negative, 3);
      g_autofree char *amount = NULL;
      g_autofree char *what = NULL;

      sd_ledger_kind_from_string ((const char *) sqlite3_column_text (negative, 1), &kind);
      amount = kind == SD_LEDGER_PREPAID || kind == SD_LEDGER_DEPOSIT
               ? money (sum) : g_strdup_printf ("%" G_GINT64_FORMAT, sum);
      what = kind == SD_LEDGER_TICKETS
             ? g_strdup_printf ("%s (%s)", sd_ledger_kind_label (kind),
                                (const char *) sqlite3_column_text (negative, 2))
             : g_strdup (sd_ledger_kind_label (kind));
      add (problems, "negative-balance", 0, customer_id, 0,
           g_strdup_printf (_("Customer %s: “%s” is %s, below zero"),
                            _sd_id (id, customer_id), what, amount));
    }
  return TRUE;
}

/* --- payments ----------------------------------------------------------------------------- */

static gboolean
check_payments (SdStore    *store,
                GPtrArray  *problems,
                GError    **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT p.id, coalesce(p.customer_id, 0), coalesce(p.order_id, 0), p.purpose, p.method,"
    " p.amount_fen, p.buckets, coalesce(t.tickets + t.bonus_tickets, 0),"
    " coalesce(sum(CASE WHEN l.kind = 'tickets' THEN l.delta END), 0),"
    " coalesce(sum(CASE WHEN l.kind = 'prepaid_fen' THEN l.delta END), 0),"
    " coalesce(sum(CASE WHEN l.kind = 'deposit_fen' THEN l.delta END), 0),"
    " coalesce(sum(CASE WHEN l.kind = 'buckets' THEN l.delta END), 0),"
    " coalesce(sum(CASE WHEN l.kind = 'receivable_fen' THEN l.delta END), 0),"
    " o.customer_id"
    " FROM payments p LEFT JOIN ledger l ON l.payment_id = p.id AND l.reason <> 'ticket_expiry'"
    " LEFT JOIN ticket_plans t ON t.id = p.ticket_plan_id"
    " LEFT JOIN orders o ON o.id = p.order_id"
    " GROUP BY p.id ORDER BY p.id", error);
  char id[SD_ID_LEN], a[SD_ID_LEN], b[SD_ID_LEN];

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 payment_id = sqlite3_column_int64 (stmt, 0);
      gint64 customer_id = sqlite3_column_int64 (stmt, 1);
      gint64 order_id = sqlite3_column_int64 (stmt, 2);
      const char *purpose = (const char *) sqlite3_column_text (stmt, 3);
      gboolean prepaid = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "prepaid") == 0;
      gint64 amount = sqlite3_column_int64 (stmt, 5);
      gint64 expected[SD_LEDGER_N_KINDS] = { 0 };

      _sd_id (id, payment_id);
      if (order_id > 0 && sqlite3_column_type (stmt, 13) == SQLITE_NULL)
        {
          add (problems, "payment-order", order_id, customer_id, payment_id,
               g_strdup_printf (_("Payment %s is for order %s, which does not exist"),
                                id, _sd_id (a, order_id)));
          continue;
        }
      if (order_id > 0 && sqlite3_column_int64 (stmt, 13) != customer_id)
        add (problems, "payment-customer", order_id, customer_id, payment_id,
             g_strdup_printf (_("Payment %s is booked to customer %s but pays order %s of another customer"),
                              id, _sd_id (a, customer_id), _sd_id (b, order_id)));

      if (g_strcmp0 (purpose, "order") == 0 || g_strcmp0 (purpose, "account") == 0)
        {
          expected[SD_LEDGER_RECEIVABLE] = -amount;
          expected[SD_LEDGER_PREPAID] = prepaid ? -amount : 0;
        }
      else if (g_strcmp0 (purpose, "ticket_sale") == 0)
        expected[SD_LEDGER_TICKETS] = sqlite3_column_int64 (stmt, 7);
      else if (g_strcmp0 (purpose, "deposit") == 0)
        expected[SD_LEDGER_DEPOSIT] = amount;
      else if (g_strcmp0 (purpose, "deposit_refund") == 0)
        {
          expected[SD_LEDGER_DEPOSIT] = amount;
          expected[SD_LEDGER_BUCKETS] = -sqlite3_column_int64 (stmt, 6);
        }
      else if (g_strcmp0 (purpose, "prepaid_topup") == 0)
        expected[SD_LEDGER_PREPAID] = amount;
      else if (g_strcmp0 (purpose, "refund") == 0)
        expected[SD_LEDGER_RECEIVABLE] = -amount;

      for (guint k = 0; k < SD_LEDGER_N_KINDS; k++)
        {
          gint64 found = sqlite3_column_int64 (stmt, 8 + (int) k);
          g_autofree char *want = NULL;
          g_autofree char *got = NULL;

          if (found == expected[k])
            continue;
          if (k == SD_LEDGER_TICKETS || k == SD_LEDGER_BUCKETS)
            {
              want = g_strdup_printf ("%+" G_GINT64_FORMAT, expected[k]);
              got = g_strdup_printf ("%+" G_GINT64_FORMAT, found);
            }
          else
            {
              want = money (expected[k]);
              got = money (found);
            }
          add (problems, "payment-ledger", order_id, customer_id, payment_id,
               g_strdup_printf (_("Payment %s: “%s” should change by %s in the ledger, it changes by %s"),
                                id, sd_ledger_kind_label ((SdLedgerKind) k), want, got));
        }
    }
  return TRUE;
}

gboolean
sd_store_check (SdStore     *store,
                GPtrArray  **problems,
                GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_problem_free);

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  /* one read transaction: every query sees the same state */
  if (!sd_store_begin (store, error))
    return FALSE;
  if (!check_totals (store, found, error) ||
      !check_events (store, found, error) ||
      !check_order_postings (store, found, error) ||
      !check_ledger_rows (store, found, error) ||
      !check_payments (store, found, error))
    {
      sd_store_rollback (store);
      return FALSE;
    }
  sd_store_rollback (store);
  *problems = g_steal_pointer (&found);
  return TRUE;
}
