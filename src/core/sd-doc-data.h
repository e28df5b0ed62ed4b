/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What printed documents show, gathered from the store into plain structs: the receipt,
 * delivery slip and bill of one order, and a customer's monthly statement. No layout here:
 * src/docs draws these to PDF, the ESC/POS printer prints them. */
#pragma once

#include "sd-customer.h"
#include "sd-order.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* The shop's settings documents use (sd_store_get_setting keys). */
#define SD_SETTING_SHOP_NAME      "shop.name"
#define SD_SETTING_SHOP_ADDRESS   "shop.address"
#define SD_SETTING_SHOP_PHONE     "shop.phone"
#define SD_SETTING_SHOP_LOGO_PATH "shop.logo_path"   /* an image file; "" = no logo */
#define SD_SETTING_SHOP_FOOTER    "shop.footer"      /* printed at the bottom; may hold newlines */

typedef struct {
  char *name;
  char *address;
  char *phone;
  char *logo_path;    /* "" when none */
  char *footer;       /* "" when none */
} SdShopHeader;

/* One line of an order as printed. */
typedef struct {
  gint64  product_id;
  char   *product_name;
  char   *unit;              /* 桶, 瓶 … ("" when the product has none) */
  int     quantity;
  gint64  unit_price_fen;
  gint64  line_total_fen;    /* quantity × unit price */
  int     tickets_used;      /* units paid with water tickets */
  gint64  money_fen;         /* (quantity − tickets_used) × unit price: paid in money */
  int     buckets_out;
  int     empties_back;
} SdDocLine;

/* Water tickets of one product a customer holds. */
typedef struct {
  gint64  product_id;
  char   *product_name;
  gint64  tickets;
} SdDocTickets;

/* What a customer holds or owes at one moment. */
typedef struct {
  GPtrArray *tickets;          /* SdDocTickets*, products with a non-zero balance, by id */
  gint64     prepaid_fen;
  gint64     deposit_fen;
  gint64     buckets;
  gint64     receivable_fen;   /* owed; negative is credit */
} SdDocBalances;

void     sd_doc_balances_clear        (SdDocBalances       *balances);
gint64   sd_doc_balances_tickets      (const SdDocBalances *balances,
                                       gint64               product_id);
/* Sum of the ticket balances of every product. */
gint64   sd_doc_balances_tickets_total (const SdDocBalances *balances);

typedef struct {
  SdShopHeader    shop;

  gint64          order_id;
  char           *order_no;          /* the order's number as printed: "No. 1024" (translated) */
  gint64          created_at;        /* UTC seconds */
  gint64          delivered_at;      /* UTC seconds, 0 when not delivered */
  char           *requested_date;    /* "YYYY-MM-DD" */
  char           *window;            /* translated: "Morning", "09:00–11:30", "" = any time */
  SdOrderStatus   status;
  char           *status_label;      /* translated */
  SdOrderPayment  payment;
  char           *payment_label;     /* translated: "Water tickets", "Monthly account" … */
  char           *courier;           /* "" when none */
  char           *note;              /* the order's note */

  gint64          customer_id;
  char           *customer_name;
  SdCustomerKind  customer_kind;
  char           *customer_phone;    /* primary phone, formatted; "" when none */
  char           *address;           /* the order's delivery address */
  char           *instructions;      /* the address's delivery instructions */

  GPtrArray      *lines;             /* SdDocLine* */

  /* totals */
  gint64          total_fen;         /* sum of line totals (goods value) */
  int             tickets_used;      /* all lines */
  gint64          due_fen;           /* to pay in money: total less what tickets pay */
  gint64          prepaid_used_fen;  /* taken from the prepaid balance at delivery */
  gint64          charged_fen;       /* put on the customer's account (owed) at delivery */
  gint64          paid_fen;          /* money received for this order (its payments) */
  char           *paid_method;       /* translated method of the last payment, "" when none */
  int             buckets_out;
  int             empties_back;

  /* Balances after this order: for a delivered order, as of its delivery and its payments;
   * before delivery, the customer's balances now. */
  gboolean        balances_after_delivery;
  SdDocBalances   balances;
} SdReceiptData;

void           sd_receipt_data_free          (SdReceiptData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdReceiptData, sd_receipt_data_free)

SdReceiptData *sd_store_load_receipt_data    (SdStore       *store,
                                              gint64         order_id,
                                              GError       **error);

/* The shop header alone (route sheets and other documents). Clear with
 * sd_shop_header_clear(). */
void           sd_store_load_shop_header     (SdStore       *store,
                                              SdShopHeader  *header);
void           sd_shop_header_clear          (SdShopHeader  *header);

typedef enum {
  SD_STATEMENT_DELIVERY,      /* an order delivered: goods out, tickets used, charged */
  SD_STATEMENT_REVERSAL,      /* a delivery undone */
  SD_STATEMENT_PAYMENT,       /* money for orders or on account */
  SD_STATEMENT_TICKET_SALE,   /* water tickets bought */
  SD_STATEMENT_DEPOSIT,       /* bucket deposit taken */
  SD_STATEMENT_DEPOSIT_REFUND,/* 退桶退押 */
  SD_STATEMENT_TOPUP,         /* prepaid cash added */
  SD_STATEMENT_REFUND,        /* a credit paid back */
  SD_STATEMENT_ADJUSTMENT,    /* a correction or an opening balance carried over */
  SD_STATEMENT_EXPIRY,        /* water tickets of a sale that ran out */
} SdStatementRowKind;

/* One event of the month, from the ledger rows it posted (and its payment). */
typedef struct {
  gint64              at;              /* UTC seconds */
  SdStatementRowKind  kind;
  gint64              order_id;        /* 0 = none */
  gint64              payment_id;      /* 0 = none */
  char               *description;     /* translated, with the goods or the method */
  gint64              goods_fen;       /* delivery: value of the goods paid in money (due) */
  gint64              paid_fen;        /* money received (negative: paid out) */
  gint64              tickets_delta;   /* all products */
  gint64              prepaid_delta;
  gint64              deposit_delta;
  gint64              buckets_delta;
  gint64              buckets_out;     /* full buckets handed over (reversals subtract) */
  gint64              buckets_back;    /* empties taken back, buckets returned for good */
  gint64              receivable_delta;
  gint64              receivable_after; /* owed after this row */
} SdStatementRow;

typedef struct {
  SdShopHeader    shop;
  char           *month;              /* "YYYY-MM" */
  char           *period_first;       /* "YYYY-MM-DD", first day */
  char           *period_last;        /* "YYYY-MM-DD", last day */
  gint64          start;              /* UTC seconds of the first local day 00:00 */
  gint64          end;                /* UTC seconds of the next month's first day 00:00 */

  gint64          customer_id;
  char           *customer_name;
  SdCustomerKind  customer_kind;
  char           *customer_phone;
  char           *address;            /* default address */

  SdDocBalances   opening;            /* ledger sums before `start` */
  GPtrArray      *rows;               /* SdStatementRow*, in time order */
  SdDocBalances   closing;            /* ledger sums before `end` */

  /* the month's figures */
  int             deliveries;
  gint64          goods_fen;          /* sum of the deliveries' goods_fen (reversals subtract) */
  gint64          paid_fen;           /* sum of money received, refunds subtracted */
  gint64          tickets_used;       /* > 0 */
  gint64          tickets_bought;     /* > 0, bonus tickets included */
  gint64          tickets_expired;    /* > 0, of sales whose validity ran out */
  gint64          buckets_out;        /* > 0 */
  gint64          buckets_back;       /* > 0 */
} SdStatementData;

void             sd_statement_data_free          (SdStatementData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdStatementData, sd_statement_data_free)

/* `month` "YYYY-MM" in local time. SD_STORE_ERROR_INVALID for a bad month,
 * SD_STORE_ERROR_NOT_FOUND for an unknown customer. */
SdStatementData *sd_store_load_statement_data    (SdStore         *store,
                                                  gint64           customer_id,
                                                  const char      *month,
                                                  GError         **error);
/* Ids (gint64) of customers with ledger activity in the month or a non-zero balance at
 * its end, by id. */
GArray          *sd_store_list_statement_customers (SdStore       *store,
                                                  const char      *month,
                                                  GError         **error);
/* [start, end) in UTC seconds of the local month "YYYY-MM"; FALSE when it is not one. */
gboolean         sd_month_range                  (const char      *month,
                                                  gint64          *start,
                                                  gint64          *end);

G_END_DECLS
