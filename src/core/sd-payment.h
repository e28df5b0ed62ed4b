/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Money received and paid out at the counter or by a courier: for an order, on account,
 * for a ticket plan, a bucket deposit and its refund (退桶退押), a prepaid top-up. Each
 * payment posts its ledger rows in the same transaction. */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

typedef enum {
  SD_METHOD_CASH,
  SD_METHOD_WECHAT,
  SD_METHOD_ALIPAY,
  SD_METHOD_BANK_TRANSFER,
  SD_METHOD_PREPAID,        /* from the prepaid balance: settles what is owed, moves no money */
} SdPaymentMethod;
#define SD_PAYMENT_N_METHODS 5

typedef enum {
  SD_PURPOSE_ORDER,
  SD_PURPOSE_ACCOUNT,        /* on account: pays what the customer owes in general */
  SD_PURPOSE_TICKET_SALE,
  SD_PURPOSE_DEPOSIT,
  SD_PURPOSE_DEPOSIT_REFUND,
  SD_PURPOSE_PREPAID_TOPUP,
  SD_PURPOSE_REFUND,         /* a credit paid back */
} SdPaymentPurpose;
#define SD_PAYMENT_N_PURPOSES 7

const char *sd_payment_method_to_string   (SdPaymentMethod  method);   /* "cash" … */
gboolean    sd_payment_method_from_string (const char      *text,
                                           SdPaymentMethod *out_method);
const char *sd_payment_method_label       (SdPaymentMethod  method);   /* translated */
const char *sd_payment_purpose_to_string  (SdPaymentPurpose purpose);

/* Who takes the money and how: common to every payment call. */
typedef struct {
  SdPaymentMethod  method;
  gint64           courier_id;   /* who collected it; 0 = the counter */
  const char      *who;          /* the user at the counter */
  const char      *note;
} SdPaymentHow;

typedef struct {
  gint64            id;
  gint64            customer_id;
  gint64            order_id;
  SdPaymentPurpose  purpose;
  SdPaymentMethod   method;
  gint64            amount_fen;   /* > 0 received, < 0 paid out */
  gint64            ticket_plan_id;
  gint64            courier_id;
  gint64            at;
  char             *who;
  char             *note;
} SdPayment;

void        sd_payment_free               (SdPayment *payment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdPayment, sd_payment_free)

/* Each returns the new payment's id, or 0 with `error` set (nothing written). */

/* Money for an order (order_id > 0; the customer is the order's) or on account
 * (order_id 0). Lowers what the customer owes; SD_METHOD_PREPAID takes it from the
 * prepaid balance (refused when that is short). */
gint64      sd_store_record_payment       (SdStore             *store,
                                           gint64               customer_id,
                                           gint64               order_id,
                                           gint64               amount_fen,
                                           const SdPaymentHow  *how,
                                           GError             **error);
/* Sells a ticket plan: the plan's price is received, tickets + bonus tickets of its
 * product are added. */
gint64      sd_store_sell_ticket_plan     (SdStore             *store,
                                           gint64               customer_id,
                                           gint64               plan_id,
                                           const SdPaymentHow  *how,
                                           GError             **error);
/* Takes the deposit for `n_buckets` buckets of a product (its deposit_fen each). */
gint64      sd_store_take_deposit         (SdStore             *store,
                                           gint64               customer_id,
                                           gint64               product_id,
                                           int                  n_buckets,
                                           const SdPaymentHow  *how,
                                           GError             **error);
/* 退桶退押: the customer brings back `n_buckets` buckets for good and gets their deposit
 * back — buckets held −N, deposit −N × deposit, the money paid out. Refused when the
 * customer holds fewer buckets or less deposit. */
gint64      sd_store_refund_deposit       (SdStore             *store,
                                           gint64               customer_id,
                                           gint64               product_id,
                                           int                  n_buckets,
                                           const SdPaymentHow  *how,
                                           GError             **error);
gint64      sd_store_top_up_prepaid       (SdStore             *store,
                                           gint64               customer_id,
                                           gint64               amount_fen,
                                           const SdPaymentHow  *how,
                                           GError             **error);
/* Pays back a credit (the customer paid more than was owed, e.g. for an order that was
 * later reversed). `amount_fen` > 0 is the money paid out; refused beyond the credit. */
gint64      sd_store_refund_credit        (SdStore             *store,
                                           gint64               customer_id,
                                           gint64               amount_fen,
                                           const SdPaymentHow  *how,
                                           GError             **error);

/* Newest first. Array of SdPayment*. */
GPtrArray  *sd_store_list_payments        (SdStore             *store,
                                           gint64               customer_id,
                                           GError             **error);

G_END_DECLS
