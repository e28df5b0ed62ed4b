/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The ledger: every change of what a customer holds or owes — water tickets per product,
 * prepaid cash, bucket deposit, buckets out, the receivable — is an appended row with
 * its reason and the order or payment behind it. Balances are sums of rows, nothing else. */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

typedef enum {
  SD_LEDGER_TICKETS,       /* per product, in tickets */
  SD_LEDGER_PREPAID,       /* fen */
  SD_LEDGER_DEPOSIT,       /* fen */
  SD_LEDGER_BUCKETS,       /* the shop's buckets at the customer's */
  SD_LEDGER_RECEIVABLE,    /* fen the customer owes; negative is credit */
} SdLedgerKind;
#define SD_LEDGER_N_KINDS 5
/* sd_store_list_ledger(): every kind. */
#define SD_LEDGER_ALL_KINDS ((SdLedgerKind) -1)

const char *sd_ledger_kind_to_string   (SdLedgerKind  kind);   /* "tickets", "prepaid_fen" … */
gboolean    sd_ledger_kind_from_string (const char   *text,
                                        SdLedgerKind *out_kind);
const char *sd_ledger_kind_label       (SdLedgerKind  kind);   /* translated */

typedef struct {
  gint64        id;
  gint64        customer_id;
  SdLedgerKind  kind;
  gint64        product_id;    /* tickets only, else 0 */
  gint64        delta;
  char         *reason;        /* "ticket_use", "charge", "reversal" … */
  gint64        order_id;      /* 0 = none */
  gint64        payment_id;
  gint64        reverses_id;   /* the row a reversal undoes */
  gint64        at;            /* UTC seconds */
  char         *who;
  char         *note;
} SdLedgerEntry;

void        sd_ledger_entry_free       (SdLedgerEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdLedgerEntry, sd_ledger_entry_free)

typedef struct {
  gint64 product_id;
  gint64 tickets;
} SdTicketBalance;

typedef struct {
  GArray *tickets;         /* SdTicketBalance, products with a non-zero balance, by id */
  gint64  prepaid_fen;
  gint64  deposit_fen;
  gint64  buckets;
  gint64  receivable_fen;
} SdBalances;

void        sd_balances_clear          (SdBalances       *balances);
gint64      sd_balances_get_tickets    (const SdBalances *balances,
                                        gint64            product_id);

/* Sums of the customer's ledger rows. Fills `balances` (clear it afterwards). */
gboolean    sd_store_get_balances      (SdStore      *store,
                                        gint64        customer_id,
                                        SdBalances   *balances,
                                        GError      **error);
/* The customer's rows of one kind (or SD_LEDGER_ALL_KINDS), newest first.
 * Array of SdLedgerEntry*. */
GPtrArray  *sd_store_list_ledger       (SdStore      *store,
                                        gint64        customer_id,
                                        SdLedgerKind  kind,
                                        GError      **error);
/* The rows an order's delivery posted and their reversals, oldest first. */
GPtrArray  *sd_store_list_order_ledger (SdStore      *store,
                                        gint64        order_id,
                                        GError      **error);
/* A correction or the balance carried over from paper (`opening` TRUE): a new row, never
 * an edit. `product_id` for tickets only. Refused when it would leave a balance other
 * than the receivable below zero. Returns the row id, 0 on error. */
gint64      sd_store_adjust_balance    (SdStore      *store,
                                        gint64        customer_id,
                                        SdLedgerKind  kind,
                                        gint64        product_id,
                                        gint64        delta,
                                        gboolean      opening,
                                        const char   *who,
                                        const char   *note,
                                        GError      **error);

G_END_DECLS
