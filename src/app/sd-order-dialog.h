/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-order.h"

G_BEGIN_DECLS

#define SD_TYPE_ORDER_DIALOG (sd_order_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdOrderDialog, sd_order_dialog, SD, ORDER_DIALOG, AdwWindow)

/* A phone order. With a customer id the customer is picked already (their default address,
 * the lines of their last order); with 0 the search entry has the focus. Emits ::saved
 * (gint64 order id) and closes. Keys: Up/Down and Enter in the search, Alt+1 today,
 * Alt+2 tomorrow, Ctrl+Enter (or Enter in the note) saves, Escape closes. */
GtkWidget  *sd_order_dialog_new              (SdStore       *store,
                                              gint64         customer_id);
/* Reads the form and stores the order; on failure shows the core's error next to the
 * field and returns FALSE. */
gboolean    sd_order_dialog_save             (SdOrderDialog *self);
/* Picks a customer as choosing them in the search would. */
void        sd_order_dialog_set_customer     (SdOrderDialog *self,
                                              gint64         customer_id);
/* Who is recorded as having taken the order; by default the shop's "order.who" setting,
 * else 店长. */
void        sd_order_dialog_set_who          (SdOrderDialog *self,
                                              const char    *who);

/* For tests: the form as a user sees and fills it. */
GtkEditable *sd_order_dialog_get_search_entry (SdOrderDialog *self);
guint       sd_order_dialog_get_n_results     (SdOrderDialog *self);
/* The "New customer with this number" row is showing. */
gboolean    sd_order_dialog_offers_new_customer (SdOrderDialog *self);
/* The customer dialog it opened for an unknown number, or NULL. */
GtkWidget  *sd_order_dialog_get_customer_dialog (SdOrderDialog *self);
gint64      sd_order_dialog_get_customer_id   (SdOrderDialog *self);
gint64      sd_order_dialog_get_address_id    (SdOrderDialog *self);
guint       sd_order_dialog_get_n_lines       (SdOrderDialog *self);
gint64      sd_order_dialog_get_line_product  (SdOrderDialog *self,
                                               guint          index);
int         sd_order_dialog_get_line_quantity (SdOrderDialog *self,
                                               guint          index);
void        sd_order_dialog_set_line_quantity (SdOrderDialog *self,
                                               guint          index,
                                               int            quantity);
void        sd_order_dialog_remove_line       (SdOrderDialog *self,
                                               guint          index);
SdOrderPayment sd_order_dialog_get_payment    (SdOrderDialog *self);
void        sd_order_dialog_set_payment       (SdOrderDialog *self,
                                               SdOrderPayment payment);
/* 0 = today, 1 = tomorrow. */
guint       sd_order_dialog_get_day           (SdOrderDialog *self);
/* The live total as shown ("3 tickets + ¥15.00"), its money part (lines paid with
 * tickets left out), and the ticket count beside the payment. */
const char *sd_order_dialog_get_total_text    (SdOrderDialog *self);
gint64      sd_order_dialog_get_total_fen     (SdOrderDialog *self);
const char *sd_order_dialog_get_tickets_text  (SdOrderDialog *self);
const char *sd_order_dialog_get_error         (SdOrderDialog *self);

G_END_DECLS
