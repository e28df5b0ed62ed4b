/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Orders: taking one, its state machine, delivering it (which posts the ledgers) and
 * reversing a delivery. */
#pragma once

#include "sd-payment.h"
#include "sd-store.h"

G_BEGIN_DECLS

typedef enum {
  SD_ORDER_PENDING,
  SD_ORDER_TO_DISPATCH,
  SD_ORDER_OUT_FOR_DELIVERY,
  SD_ORDER_DELIVERED,
  SD_ORDER_CANCELLED,
} SdOrderStatus;
#define SD_ORDER_N_STATUSES 5

typedef enum {
  SD_CHANNEL_PHONE,
  SD_CHANNEL_WALK_IN,
  SD_CHANNEL_WECHAT,
  SD_CHANNEL_SUBSCRIPTION,
} SdOrderChannel;
#define SD_ORDER_N_CHANNELS 4

typedef enum {
  SD_SLOT_ANY,
  SD_SLOT_MORNING,
  SD_SLOT_AFTERNOON,
  SD_SLOT_EVENING,
  SD_SLOT_WINDOW,      /* window_from–window_to, "HH:MM" local time */
} SdOrderSlot;
#define SD_ORDER_N_SLOTS 5

/* How the order is paid. */
typedef enum {
  SD_PAY_TICKETS,           /* water tickets; lines without tickets are charged in money */
  SD_PAY_CASH_ON_DELIVERY,
  SD_PAY_WECHAT,
  SD_PAY_ALIPAY,
  SD_PAY_PREPAID,           /* from the prepaid cash balance */
  SD_PAY_MONTHLY_ACCOUNT,   /* 月结: charged to the account, paid later */
} SdOrderPayment;
#define SD_ORDER_N_PAYMENTS 6

#define SD_ORDER_ERROR (sd_order_error_quark ())

typedef enum {
  SD_ORDER_ERROR_INVALID,             /* a field of the order is wrong; the message names it */
  SD_ORDER_ERROR_ILLEGAL_TRANSITION,  /* the state machine does not allow it */
  SD_ORDER_ERROR_REASON_REQUIRED,     /* cancelling and reversing need a reason */
  SD_ORDER_ERROR_NOT_ENOUGH_TICKETS,
  SD_ORDER_ERROR_NOT_ENOUGH_PREPAID,
  SD_ORDER_ERROR_NOT_ENOUGH_BUCKETS,
} SdOrderError;

GQuark      sd_order_error_quark            (void);

const char *sd_order_status_to_string       (SdOrderStatus  status);    /* "to_dispatch" … */
gboolean    sd_order_status_from_string     (const char    *text,
                                             SdOrderStatus *out_status);
const char *sd_order_status_label           (SdOrderStatus  status);    /* translated */
const char *sd_order_channel_to_string      (SdOrderChannel channel);
const char *sd_order_slot_to_string         (SdOrderSlot    slot);
const char *sd_order_payment_to_string      (SdOrderPayment payment);
const char *sd_order_payment_label          (SdOrderPayment payment);   /* translated */
/* The state machine: pending → to_dispatch → out_for_delivery → delivered, and cancelled
 * from any of the first three. Delivered and cancelled are final. */
gboolean    sd_order_transition_is_legal    (SdOrderStatus  from,
                                             SdOrderStatus  to);

/* Use as unit_price_fen / tickets_used / empties_back of a new line to let the store
 * decide: the customer's price, tickets for every unit the order pays with tickets, one
 * empty back per full bucket out. */
#define SD_ORDER_AUTO (-1)

typedef struct {
  gint64  id;
  gint64  product_id;
  char   *product_name;     /* filled when loaded */
  int     quantity;
  gint64  unit_price_fen;
  gint64  line_total_fen;   /* quantity × unit price, set by the store */
  int     tickets_used;     /* units paid with tickets of the product */
  int     buckets_out;      /* full returnable buckets handed over, set by the store */
  int     empties_back;     /* empty buckets taken back */
} SdOrderLine;

typedef struct {
  gint64          id;
  gint64          customer_id;
  gint64          address_id;
  SdOrderChannel  channel;
  char           *requested_date;   /* "YYYY-MM-DD" */
  SdOrderSlot     slot;
  char           *window_from;      /* "HH:MM" or NULL, for SD_SLOT_WINDOW */
  char           *window_to;
  SdOrderPayment  payment;
  gint64          courier_id;       /* 0 = none yet / the counter */
  SdOrderStatus   status;
  char           *cancel_reason;
  char           *note;
  char           *created_by;
  gint64          total_fen;
  gint64          created_at;
  gint64          updated_at;
  GPtrArray      *lines;            /* SdOrderLine* */
} SdOrder;

typedef struct {
  gint64         id;
  gint64         order_id;
  gboolean       has_from;          /* FALSE for the first event: the order was taken */
  SdOrderStatus  from_status;
  SdOrderStatus  to_status;
  gint64         at;                /* UTC seconds */
  char          *who;
  char          *reason;
} SdOrderEvent;

SdOrder     *sd_order_new                   (gint64          customer_id,
                                             gint64          address_id,
                                             const char     *requested_date,
                                             SdOrderPayment  payment);
void         sd_order_free                  (SdOrder        *order);
/* Adds a line with SD_ORDER_AUTO price, tickets and empties; returns it to adjust. */
SdOrderLine *sd_order_add_line              (SdOrder        *order,
                                             gint64          product_id,
                                             int             quantity);
void         sd_order_line_free             (SdOrderLine    *line);
void         sd_order_event_free            (SdOrderEvent   *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdOrder, sd_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdOrderLine, sd_order_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdOrderEvent, sd_order_event_free)

/* Validates (the customer exists, the address is theirs, at least one line, quantities
 * above 0, no negative price, a real date and window), fills in prices, line totals,
 * tickets, buckets and the total, and stores the order as pending with its first event,
 * in one transaction. Sets order->id and the computed fields. Nothing is written when
 * it fails. */
gboolean     sd_store_create_order          (SdStore        *store,
                                             SdOrder        *order,
                                             const char     *who,
                                             GError        **error);
SdOrder     *sd_store_load_order            (SdStore        *store,
                                             gint64          order_id,
                                             GError        **error);
/* Oldest first. Array of SdOrderEvent*. */
GPtrArray   *sd_store_list_order_events     (SdStore        *store,
                                             gint64          order_id,
                                             GError        **error);
/* The lines of the customer's latest order that was not cancelled, priced as of now and
 * with SD_ORDER_AUTO tickets, for "repeat last order". Empty when there is none. */
GPtrArray   *sd_store_last_order_lines      (SdStore        *store,
                                             gint64          customer_id,
                                             GError        **error);
/* Ids of the customer's orders, newest first; `limit` 0 = all. */
GArray      *sd_store_list_customer_orders  (SdStore        *store,
                                             gint64          customer_id,
                                             guint           limit,
                                             GError        **error);
/* Assign (or with 0 unassign) the courier of an open order. */
gboolean     sd_store_assign_courier        (SdStore        *store,
                                             gint64          order_id,
                                             gint64          courier_id,
                                             GError        **error);

/* When tickets or prepaid cash do not cover a delivery. */
typedef enum {
  SD_SHORTFALL_REFUSE,       /* the delivery is refused, with the numbers */
  SD_SHORTFALL_RECEIVABLE,   /* use what there is; the rest is owed (a receivable) */
  SD_SHORTFALL_CASH,         /* use what there is; the courier collects the rest in cash now */
} SdShortfall;

typedef struct {
  gint64           courier_id;       /* assign with the transition; 0 = keep */
  SdShortfall      shortfall;        /* delivery only */
  int              empties_back;     /* delivery: empties actually taken back, SD_ORDER_AUTO = as ordered */
  gint64           collected_fen;    /* delivery: money the courier collected for the order, 0 = none */
  SdPaymentMethod  collected_method;
} SdTransitionOptions;

void         sd_transition_options_init     (SdTransitionOptions *options);

/* Moves the order along the state machine and records the event, in one transaction.
 * Cancelling needs a reason. Delivering posts tickets used, buckets out and empties back,
 * prepaid cash used and the amount owed to the ledger; see sd-order-state.c. Anything
 * the state machine does not allow is SD_ORDER_ERROR_ILLEGAL_TRANSITION naming both
 * states. `options` may be NULL. */
gboolean     sd_store_transition_order      (SdStore                   *store,
                                             gint64                     order_id,
                                             SdOrderStatus              to_status,
                                             const char                *who,
                                             const char                *reason,
                                             const SdTransitionOptions *options,
                                             GError                   **error);
/* Undoes a delivered order: a reversal row for every ledger row its delivery posted (the
 * old rows stay), then the order is cancelled with an event delivered → cancelled.
 * Payments already received stay received and show as the customer's credit. */
gboolean     sd_store_reverse_order         (SdStore        *store,
                                             gint64          order_id,
                                             const char     *who,
                                             const char     *reason,
                                             GError        **error);

G_END_DECLS
