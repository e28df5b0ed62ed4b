/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdOrderList: a GListModel of SdOrderSummary over the orders a filter selects, newest
 * requested day first, loading rows a page at a time as the view asks for them. It never
 * holds the whole result: the count is cached and pages are fetched by key (or offset). */
#pragma once

#include "sd-order.h"

G_BEGIN_DECLS

#define SD_ORDER_STATUS_BIT(status) (1u << (status))
/* pending, to dispatch and out for delivery */
#define SD_ORDER_OPEN_STATUSES \
  (SD_ORDER_STATUS_BIT (SD_ORDER_PENDING) | SD_ORDER_STATUS_BIT (SD_ORDER_TO_DISPATCH) | \
   SD_ORDER_STATUS_BIT (SD_ORDER_OUT_FOR_DELIVERY))

/* Which orders a list shows. Strings are copied by the list. */
typedef struct {
  const char *date_from;    /* "YYYY-MM-DD", requested date from (inclusive); NULL = open */
  const char *date_to;      /* … to (inclusive); NULL = open */
  guint       status_mask;  /* SD_ORDER_STATUS_BIT of each status shown; 0 = any */
  gint64      courier_id;   /* -1 = any, 0 = unassigned only */
  int         channel;      /* SdOrderChannel, -1 = any */
  gint64      customer_id;  /* 0 = any */
} SdOrderFilter;

void      sd_order_filter_init (SdOrderFilter *filter);   /* everything */

/* One row of the list, read-only. */
#define SD_TYPE_ORDER_SUMMARY (sd_order_summary_get_type ())
G_DECLARE_FINAL_TYPE (SdOrderSummary, sd_order_summary, SD, ORDER_SUMMARY, GObject)

struct _SdOrderSummary
{
  GObject         parent_instance;
  gint64          id;               /* 0 for an order deleted since the list was filled */
  char           *number;           /* the order number as shown: "No. 1234" */
  gint64          customer_id;
  char           *customer_name;
  char           *address;
  char           *requested_date;   /* "YYYY-MM-DD" */
  SdOrderSlot     slot;
  char           *slot_text;        /* translated: "Morning", "09:00–11:30", "" for any */
  SdOrderStatus   status;
  SdOrderChannel  channel;
  gint64          courier_id;       /* 0 = unassigned */
  char           *courier_name;     /* "" when unassigned */
  SdOrderPayment  payment;
  gint64          total_fen;
  guint           n_items;          /* units over all lines */
  char           *items_text;       /* "18.9L 桶装水 ×2, 鲜牛奶 ×4" */
};

/* A single order's summary (NULL and SD_STORE_ERROR_NOT_FOUND when there is none). */
SdOrderSummary *sd_store_load_order_summary (SdStore             *store,
                                             gint64               order_id,
                                             GError             **error);
/* How many orders the filter selects. */
gint64          sd_store_count_orders       (SdStore             *store,
                                             const SdOrderFilter *filter,
                                             GError             **error);

/* Bulk actions on a selection, each in one transaction: all the orders change or none
 * does, and an error names the order that refused. */
gboolean        sd_store_assign_orders      (SdStore             *store,
                                             const gint64        *order_ids,
                                             guint                n,
                                             gint64               courier_id,
                                             GError             **error);
/* Walks each order through the states it has not been in yet up to delivered (every step
 * is recorded); the delivery posts the ledgers as sd_store_transition_order does, with
 * `shortfall` deciding what happens when tickets or prepaid cash do not cover an order. */
gboolean        sd_store_deliver_orders     (SdStore             *store,
                                             const gint64        *order_ids,
                                             guint                n,
                                             const char          *who,
                                             SdShortfall          shortfall,
                                             GError             **error);
gboolean        sd_store_cancel_orders      (SdStore             *store,
                                             const gint64        *order_ids,
                                             guint                n,
                                             const char          *who,
                                             const char          *reason,
                                             GError             **error);

#define SD_TYPE_ORDER_LIST (sd_order_list_get_type ())
G_DECLARE_FINAL_TYPE (SdOrderList, sd_order_list, SD, ORDER_LIST, GObject)

/* A list of every order. */
SdOrderList         *sd_order_list_new        (SdStore             *store);
SdStore             *sd_order_list_get_store  (SdOrderList         *self);
const SdOrderFilter *sd_order_list_get_filter (SdOrderList         *self);
/* Replaces the filter and reloads; FALSE with error (and the list emptied) on failure. */
gboolean             sd_order_list_set_filter (SdOrderList         *self,
                                               const SdOrderFilter *filter,
                                               GError             **error);
/* Re-counts and drops every cached row (after orders changed). */
gboolean             sd_order_list_reload     (SdOrderList         *self,
                                               GError             **error);
/* The id of the order at a position (loading its page), 0 past the end. */
gint64               sd_order_list_get_id     (SdOrderList         *self,
                                               guint                position);
guint                sd_order_list_get_n_cached_pages (SdOrderList *self);

G_END_DECLS
