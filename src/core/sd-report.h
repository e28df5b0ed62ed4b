/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Figures from orders, payments and the ledger: the daily cash-up (日结) per courier or for
 * the counter, and the aging of what customers owe. */
#pragma once

#include "sd-payment.h"
#include "sd-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64  collected_fen[SD_PAYMENT_N_METHODS];   /* net: refunds paid out count negative */
  guint   n_payments;
  gint64  cash_fen;          /* money in hand to hand over: collected_fen[SD_METHOD_CASH] */
  gint64  tickets_taken;     /* water tickets used by the deliveries, all products */
  gint64  buckets_out;       /* full returnable buckets handed over */
  gint64  empties_back;
  guint   deliveries;        /* orders delivered that day */
} SdCashup;

/* The local day `date` ("YYYY-MM-DD") in `tz` (NULL = local time) for one courier, or
 * the counter with courier_id 0. Deliveries and goods count for the courier of the order;
 * money for whoever collected it. */
gboolean    sd_store_cashup              (SdStore      *store,
                                          const char   *date,
                                          GTimeZone    *tz,
                                          gint64        courier_id,
                                          SdCashup     *cashup,
                                          GError      **error);

#define SD_AGING_N_BUCKETS 4   /* 0–30, 31–60, 61–90, over 90 days */

typedef struct {
  gint64  customer_id;
  char   *customer_name;
  gint64  total_fen;
  gint64  bucket_fen[SD_AGING_N_BUCKETS];
} SdAgingRow;

void        sd_aging_row_free            (SdAgingRow   *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAgingRow, sd_aging_row_free)

/* Every customer who owes money on `date` (local day in `tz`, NULL = local), oldest
 * debts first: payments clear the oldest charges, so what is still owed is the newest
 * charges adding up to the balance, aged by the day they were charged. Largest total
 * first. Array of SdAgingRow*. */
GPtrArray  *sd_store_receivables_aging   (SdStore      *store,
                                          const char   *date,
                                          GTimeZone    *tz,
                                          GError      **error);

/* [start, end) in UTC seconds of the local day `date` in `tz`. */
gboolean    sd_local_day_range           (const char   *date,
                                          GTimeZone    *tz,
                                          gint64       *start,
                                          gint64       *end);

G_END_DECLS
