/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Payments and what they post to the ledger, each in one transaction:
 *   order / account   receivable −amount (and prepaid −amount when paid from prepaid)
 *   ticket sale       tickets +(tickets + bonus) of the plan's product
 *   deposit           deposit +amount
 *   deposit refund    deposit −amount, buckets −N (the payment is −amount: money out)
 *   prepaid top-up    prepaid +amount
 *   refund            receivable +amount (a credit paid back; the payment is −amount) */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-money.h"
#include "sd-order-private.h"
#include "sd-pricing.h"

#define MAX_AMOUNT_FEN G_GINT64_CONSTANT (100000000000)

static const struct {
  const char *id;
  const char *label;
} methods[SD_PAYMENT_N_METHODS] = {
  { "cash", N_("Cash") },
  { "wechat", N_("WeChat Pay") },
  { "alipay", N_("Alipay") },
  { "bank_transfer", N_("Bank transfer") },
  { "prepaid", N_("Prepaid balance") },
};

static const char *purposes[SD_PAYMENT_N_PURPOSES] = {
  "order", "account", "ticket_sale", "deposit", "deposit_refund", "prepaid_topup", "refund",
};

const char *
sd_payment_method_to_string (SdPaymentMethod method)
{
  g_return_val_if_fail ((guint) method < SD_PAYMENT_N_METHODS, "cash");
  return methods[method].id;
}

gboolean
sd_payment_method_from_string (const char      *text,
                               SdPaymentMethod *out_method)
{
  for (guint i = 0; i < SD_PAYMENT_N_METHODS; i++)
    if (g_strcmp0 (text, methods[i].id) == 0)
      {
        *out_method = (SdPaymentMethod) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sd_payment_method_label (SdPaymentMethod method)
{
  g_return_val_if_fail ((guint) method < SD_PAYMENT_N_METHODS, "");
  return _(methods[method].label);
}

const char *
sd_payment_purpose_to_string (SdPaymentPurpose purpose)
{
  g_return_val_if_fail ((guint) purpose < SD_PAYMENT_N_PURPOSES, "order");
  return purposes[purpose];
}

void
sd_payment_free (SdPayment *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->who);
  g_free (payment->note);
  g_free (payment);
}

gint64
_sd_payment_insert (SdStore             *store,
                    gint64               customer_id,
                    gint64               order_id,
                    SdPaymentPurpose     purpose,
                    gint64               amount_fen,
                    gint64               ticket_plan_id,
                    int                  buckets,
                    const SdPaymentHow  *how,
                    GError             **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  char id[SD_ID_LEN];

  if ((guint) how->method >= SD_PAYMENT_N_METHODS)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Unknown payment method %d"), (int) how->method);
      return 0;
    }
  if (how->courier_id > 0)
    {
      g_autoptr(SdCachedStmt) courier = _sd_store_prepare (store,
        "SELECT 1 FROM couriers WHERE id = ?1", error);
      if (courier == NULL)
        return 0;
      sqlite3_bind_int64 (courier, 1, how->courier_id);
      if (sqlite3_step (courier) != SQLITE_ROW)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                       _("There is no courier number %s"), _sd_id (id, how->courier_id));
          return 0;
        }
    }

  stmt = _sd_store_prepare (store,
    "INSERT INTO payments (customer_id, order_id, purpose, method, amount_fen, ticket_plan_id,"
    " courier_id, at, who, note, buckets) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    error);
  if (stmt == NULL)
    return 0;
  if (customer_id > 0)
    sqlite3_bind_int64 (stmt, 1, customer_id);
  if (order_id > 0)
    sqlite3_bind_int64 (stmt, 2, order_id);
  sqlite3_bind_text (stmt, 3, purposes[purpose], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, methods[how->method].id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, amount_fen);
  if (ticket_plan_id > 0)
    sqlite3_bind_int64 (stmt, 6, ticket_plan_id);
  if (how->courier_id > 0)
    sqlite3_bind_int64 (stmt, 7, how->courier_id);
  sqlite3_bind_int64 (stmt, 8, sd_store_now (store));
  _sd_bind_text (stmt, 9, how->who);
  _sd_bind_text (stmt, 10, how->note);
  sqlite3_bind_int (stmt, 11, buckets);
  if (!_sd_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_sd_store_get_db (store));
}

static gboolean
check_amount (gint64    amount_fen,
              GError  **error)
{
  if (amount_fen <= 0 || amount_fen > MAX_AMOUNT_FEN)
    {
      g_autofree char *text = sd_money_format (amount_fen);
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("The amount must be more than ¥0.00, not %s"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_prepaid (SdStore  *store,
               gint64    customer_id,
               gint64    amount_fen,
               GError  **error)
{
  gint64 balance;

  if (!_sd_ledger_balance (store, customer_id, SD_LEDGER_PREPAID, 0, &balance, error))
    return FALSE;
  if (balance < amount_fen)
    {
      g_autofree char *need = sd_money_format (amount_fen);
      g_autofree char *have = sd_money_format (balance);
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Paying %s from the prepaid balance needs that much; the customer has %s"),
                   need, have);
      return FALSE;
    }
  return TRUE;
}

/* Ends the payment's transaction: commit when everything went in, else roll back. */
static gint64
finish (SdStore  *store,
        gboolean  ok,
        gint64    payment_id,
        GError  **error)
{
  if (!ok)
    {
      sd_store_rollback (store);
      return 0;
    }
  if (!sd_store_commit (store, error))
    return 0;
  return payment_id;
}

gint64
sd_store_record_payment (SdStore             *store,
                         gint64               customer_id,
                         gint64               order_id,
                         gint64               amount_fen,
                         const SdPaymentHow  *how,
                         GError             **error)
{
  gint64 payment_id = 0;
  gboolean ok;
  char id[SD_ID_LEN];

  g_return_val_if_fail (SD_IS_STORE (store), 0);
  g_return_val_if_fail (how != NULL, 0);

  if (!check_amount (amount_fen, error))
    return 0;
  if (!sd_store_begin (store, error))
    return 0;

  if (order_id > 0)
    {
      g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
        "SELECT customer_id FROM orders WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, order_id);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            {
              g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                           _("There is no order number %s"), _sd_id (id, order_id));
              ok = FALSE;
            }
          else if (customer_id > 0 && customer_id != sqlite3_column_int64 (stmt, 0))
            {
              char cid[SD_ID_LEN];
              g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("Order %s is not an order of customer %s"), _sd_id (id, order_id),
                           _sd_id (cid, customer_id));
              ok = FALSE;
            }
          else
            customer_id = sqlite3_column_int64 (stmt, 0);
        }
    }
  else
    ok = _sd_require_customer (store, customer_id, error);

  ok = ok && (how->method != SD_METHOD_PREPAID || check_prepaid (store, customer_id, amount_fen, error));
  ok = ok && (payment_id = _sd_payment_insert (store, customer_id, order_id,
                                               order_id > 0 ? SD_PURPOSE_ORDER : SD_PURPOSE_ACCOUNT,
                                               amount_fen, 0, 0, how, error)) > 0;
  ok = ok && _sd_ledger_post (store, customer_id, SD_LEDGER_RECEIVABLE, 0, -amount_fen, "payment",
                              order_id, payment_id, 0, how->who, how->note, error);
  ok = ok && (how->method != SD_METHOD_PREPAID ||
              _sd_ledger_post (store, customer_id, SD_LEDGER_PREPAID, 0, -amount_fen, "payment",
                               order_id, payment_id, 0, how->who, how->note, error));
  return finish (store, ok, payment_id, error);
}

static gboolean
money_method (const SdPaymentHow  *how,
              GError             **error)
{
  if (how->method == SD_METHOD_PREPAID)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("The prepaid balance can only pay for orders and what is owed"));
      return FALSE;
    }
  return TRUE;
}

gint64
sd_store_sell_ticket_plan (SdStore             *store,
                           gint64               customer_id,
                           gint64               plan_id,
                           const SdPaymentHow  *how,
                           GError             **error)
{
  g_autoptr(SdTicketPlan) plan = NULL;
  g_autofree char *note = NULL;
  gint64 payment_id = 0;
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (store), 0);
  g_return_val_if_fail (how != NULL, 0);

  if (!money_method (how, error) || !_sd_require_customer (store, customer_id, error))
    return 0;
  plan = sd_store_load_ticket_plan (store, plan_id, error);
  if (plan == NULL)
    return 0;
  if (!plan->active)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Ticket plan “%s” is no longer sold"), plan->name);
      return 0;
    }
  if (plan->price_fen == 0)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Ticket plan “%s” has no price; give the tickets as an adjustment"),
                   plan->name);
      return 0;
    }

  note = how->note && *how->note ? g_strdup (how->note) : g_strdup (plan->name);
  if (!sd_store_begin (store, error))
    return 0;
  ok = (payment_id = _sd_payment_insert (store, customer_id, 0, SD_PURPOSE_TICKET_SALE,
                                         plan->price_fen, plan->id, 0, how, error)) > 0;
  ok = ok && _sd_ledger_post (store, customer_id, SD_LEDGER_TICKETS, plan->product_id,
                              plan->tickets + plan->bonus_tickets, "ticket_purchase", 0,
                              payment_id, 0, how->who, note, error);
  return finish (store, ok, payment_id, error);
}

static gboolean
deposit_of (SdStore  *store,
            gint64    product_id,
            int       n_buckets,
            gint64   *amount,
            GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT name, deposit_fen, returnable_bucket FROM products WHERE id = ?1", error);
  char id[SD_ID_LEN];

  if (stmt == NULL)
    return FALSE;
  if (n_buckets <= 0 || n_buckets > 10000)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("The number of buckets must be at least 1, not %d"), n_buckets);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, product_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                   _("There is no product number %s"), _sd_id (id, product_id));
      return FALSE;
    }
  if (sqlite3_column_int64 (stmt, 1) <= 0)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("“%s” has no bucket deposit"), (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  *amount = sqlite3_column_int64 (stmt, 1) * n_buckets;
  return TRUE;
}

gint64
sd_store_take_deposit (SdStore             *store,
                       gint64               customer_id,
                       gint64               product_id,
                       int                  n_buckets,
                       const SdPaymentHow  *how,
                       GError             **error)
{
  gint64 amount = 0, payment_id = 0;
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (store), 0);
  g_return_val_if_fail (how != NULL, 0);

  if (!money_method (how, error) || !_sd_require_customer (store, customer_id, error) ||
      !deposit_of (store, product_id, n_buckets, &amount, error))
    return 0;
  if (!sd_store_begin (store, error))
    return 0;
  ok = (payment_id = _sd_payment_insert (store, customer_id, 0, SD_PURPOSE_DEPOSIT, amount, 0,
                                         n_buckets, how, error)) > 0;
  ok = ok && _sd_ledger_post (store, customer_id, SD_LEDGER_DEPOSIT, 0, amount, "deposit_paid",
                              0, payment_id, 0, how->who, how->note, error);
  return finish (store, ok, payment_id, error);
}

gint64
sd_store_refund_deposit (SdStore             *store,
                         gint64               customer_id,
                         gint64               product_id,
                         int                  n_buckets,
                         const SdPaymentHow  *how,
                         GError             **error)
{
  gint64 amount = 0, payment_id = 0, buckets = 0, deposit = 0;
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (store), 0);
  g_return_val_if_fail (how != NULL, 0);

  if (!money_method (how, error) || !_sd_require_customer (store, customer_id, error) ||
      !deposit_of (store, product_id, n_buckets, &amount, error))
    return 0;
  if (!_sd_ledger_balance (store, customer_id, SD_LEDGER_BUCKETS, 0, &buckets, error) ||
      !_sd_ledger_balance (store, customer_id, SD_LEDGER_DEPOSIT, 0, &deposit, error))
    return 0;
  if (buckets < n_buckets)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Refunding the deposit of %d buckets: the customer holds only %d"),
                   n_buckets, (int) buckets);
      return 0;
    }
  if (deposit < amount)
    {
      g_autofree char *need = sd_money_format (amount);
      g_autofree char *have = sd_money_format (deposit);
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Refunding the deposit of %d buckets needs %s; the customer paid only %s"),
                   n_buckets, need, have);
      return 0;
    }
  if (!sd_store_begin (store, error))
    return 0;
  ok = (payment_id = _sd_payment_insert (store, customer_id, 0, SD_PURPOSE_DEPOSIT_REFUND,
                                         -amount, 0, n_buckets, how, error)) > 0;
  ok = ok && _sd_ledger_post (store, customer_id, SD_LEDGER_DEPOSIT, 0, -amount,
                              "deposit_refund", 0, payment_id, 0, how->who, how->note, error);
  ok = ok && _sd_ledger_post (store, customer_id, SD_LEDGER_BUCKETS, 0, -(gint64) n_buckets,
                              "bucket_back", 0, payment_id, 0, how->who, how->note, error);
  return finish (store, ok, payment_id, error);
}

gint64
sd_store_top_up_prepaid (SdStore             *store,
                         gint64               customer_id,
                         gint64               amount_fen,
                         const SdPaymentHow  *how,
                         GError             **error)
{
  gint64 payment_id = 0;
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (store), 0);
  g_return_val_if_fail (how != NULL, 0);

  if (!check_amount (amount_fen, error) || !money_method (how, error) ||
      !_sd_require_customer (store, customer_id, error))
    return 0;
  if (!sd_store_begin (store, error))
    return 0;
  ok = (payment_id = _sd_payment_insert (store, customer_id, 0, SD_PURPOSE_PREPAID_TOPUP,
                                         amount_fen, 0, 0, how, error)) > 0;
  ok = ok && _sd_ledger_post (store, customer_id, SD_LEDGER_PREPAID, 0, amount_fen,
                              "prepaid_topup", 0, payment_id, 0, how->who, how->note, error);
  return finish (store, ok, payment_id, error);
}

gint64
sd_store_refund_credit (SdStore             *store,
                        gint64               customer_id,
                        gint64               amount_fen,
                        const SdPaymentHow  *how,
                        GError             **error)
{
  gint64 payment_id = 0, owed = 0;
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (store), 0);
  g_return_val_if_fail (how != NULL, 0);

  if (!check_amount (amount_fen, error) || !money_method (how, error) ||
      !_sd_require_customer (store, customer_id, error) ||
      !_sd_ledger_balance (store, customer_id, SD_LEDGER_RECEIVABLE, 0, &owed, error))
    return 0;
  if (-owed < amount_fen)
    {
      g_autofree char *want = sd_money_format (amount_fen);
      g_autofree char *credit = sd_money_format (owed < 0 ? -owed : 0);
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Cannot pay back %s: the customer’s credit is %s"), want, credit);
      return 0;
    }
  if (!sd_store_begin (store, error))
    return 0;
  ok = (payment_id = _sd_payment_insert (store, customer_id, 0, SD_PURPOSE_REFUND, -amount_fen,
                                         0, 0, how, error)) > 0;
  ok = ok && _sd_ledger_post (store, customer_id, SD_LEDGER_RECEIVABLE, 0, amount_fen, "refund",
                              0, payment_id, 0, how->who, how->note, error);
  return finish (store, ok, payment_id, error);
}

GPtrArray *
sd_store_list_payments (SdStore   *store,
                        gint64     customer_id,
                        GError   **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) payments = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_payment_free);

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT id, coalesce(order_id, 0), purpose, method, amount_fen, coalesce(ticket_plan_id, 0),"
    " coalesce(courier_id, 0), at, who, note FROM payments WHERE customer_id = ?1"
    " ORDER BY at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SdPayment *p = g_new0 (SdPayment, 1);
      const char *purpose = (const char *) sqlite3_column_text (stmt, 2);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->customer_id = customer_id;
      p->order_id = sqlite3_column_int64 (stmt, 1);
      for (guint i = 0; i < SD_PAYMENT_N_PURPOSES; i++)
        if (g_strcmp0 (purpose, purposes[i]) == 0)
          p->purpose = (SdPaymentPurpose) i;
      sd_payment_method_from_string ((const char *) sqlite3_column_text (stmt, 3), &p->method);
      p->amount_fen = sqlite3_column_int64 (stmt, 4);
      p->ticket_plan_id = sqlite3_column_int64 (stmt, 5);
      p->courier_id = sqlite3_column_int64 (stmt, 6);
      p->at = sqlite3_column_int64 (stmt, 7);
      p->who = _sd_column_dup (stmt, 8);
      p->note = _sd_column_dup (stmt, 9);
      g_ptr_array_add (payments, p);
    }
  return g_steal_pointer (&payments);
}
