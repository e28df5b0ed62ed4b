/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the order, payment, ledger and report modules; not part of the core API. */
#pragma once

#include "sd-ledger.h"
#include "sd-order.h"
#include "sd-payment.h"
#include "sd-store-private.h"

G_BEGIN_DECLS

/* Decimal text of an id for messages ("%s"): G_GINT64_FORMAT cannot go in a msgid. */
#define SD_ID_LEN 24
const char *_sd_id               (char           buf[SD_ID_LEN],
                                  gint64         id);

/* Appends one ledger row (inside the caller's transaction). A row lowering tickets,
 * prepaid cash, deposit or buckets below zero is refused with a message naming the
 * customer and the balance. */
gboolean    _sd_ledger_post      (SdStore       *store,
                                  gint64         customer_id,
                                  SdLedgerKind   kind,
                                  gint64         product_id,
                                  gint64         delta,
                                  const char    *reason,
                                  gint64         order_id,
                                  gint64         payment_id,
                                  gint64         reverses_id,
                                  const char    *who,
                                  const char    *note,
                                  GError       **error);
gboolean    _sd_ledger_balance   (SdStore       *store,
                                  gint64         customer_id,
                                  SdLedgerKind   kind,
                                  gint64         product_id,
                                  gint64        *balance,
                                  GError       **error);

/* Inserts the payment row; the caller posts its ledger rows. Returns its id or 0. */
gint64      _sd_payment_insert   (SdStore            *store,
                                  gint64              customer_id,
                                  gint64              order_id,
                                  SdPaymentPurpose    purpose,
                                  gint64              amount_fen,
                                  gint64              ticket_plan_id,
                                  int                 buckets,
                                  const SdPaymentHow *how,
                                  GError            **error);

/* SD_STORE_ERROR_NOT_FOUND "There is no customer number …" when missing. */
gboolean    _sd_require_customer (SdStore       *store,
                                  gint64         customer_id,
                                  GError       **error);

/* Array of SdOrderLine* with product names, in order. */
GPtrArray  *_sd_order_load_lines (SdStore       *store,
                                  gint64         order_id,
                                  GError       **error);
gboolean    _sd_order_insert_event (SdStore     *store,
                                  gint64         order_id,
                                  SdOrderStatus  from,
                                  SdOrderStatus  to,
                                  const char    *who,
                                  const char    *reason,
                                  GError       **error);

G_END_DECLS
