/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-payment.h"

G_BEGIN_DECLS

typedef enum {
  SD_PAYMENT_DIALOG_RECEIVE,          /* money on account */
  SD_PAYMENT_DIALOG_SELL_TICKETS,     /* a ticket plan */
  SD_PAYMENT_DIALOG_TAKE_DEPOSIT,     /* bucket deposit */
  SD_PAYMENT_DIALOG_REFUND_DEPOSIT,   /* 退桶退押 */
  SD_PAYMENT_DIALOG_TOP_UP,           /* prepaid balance */
} SdPaymentDialogMode;
#define SD_PAYMENT_DIALOG_N_MODES 5

#define SD_TYPE_PAYMENT_DIALOG (sd_payment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdPaymentDialog, sd_payment_dialog, SD, PAYMENT_DIALOG, AdwWindow)

/* Money at the counter for one customer, one kind per mode. Saving calls the core once
 * (one transaction); emits ::saved (gint64 payment_id), then closes. */
GtkWidget          *sd_payment_dialog_new          (SdStore             *store,
                                                    gint64               customer_id,
                                                    SdPaymentDialogMode  mode);
/* Reads the form and saves through the core; on failure shows the core's message and
 * returns FALSE (nothing written). */
gboolean            sd_payment_dialog_save         (SdPaymentDialog     *self);
SdPaymentDialogMode sd_payment_dialog_get_mode     (SdPaymentDialog     *self);
gint64              sd_payment_dialog_get_customer_id (SdPaymentDialog  *self);

/* For tests: fill the form like a user would. Setting a plan, product or method the
 * dialog does not offer returns FALSE. */
void                sd_payment_dialog_set_amount   (SdPaymentDialog     *self,
                                                    const char          *text);
gboolean            sd_payment_dialog_set_method   (SdPaymentDialog     *self,
                                                    SdPaymentMethod      method);
SdPaymentMethod     sd_payment_dialog_get_method   (SdPaymentDialog     *self);
gboolean            sd_payment_dialog_set_plan     (SdPaymentDialog     *self,
                                                    gint64               plan_id);
gint64              sd_payment_dialog_get_plan     (SdPaymentDialog     *self);   /* 0 = none */
guint               sd_payment_dialog_get_n_plans  (SdPaymentDialog     *self);
gboolean            sd_payment_dialog_set_product  (SdPaymentDialog     *self,
                                                    gint64               product_id);
gint64              sd_payment_dialog_get_product  (SdPaymentDialog     *self);   /* 0 = none */
void                sd_payment_dialog_set_buckets  (SdPaymentDialog     *self,
                                                    int                  n_buckets);
void                sd_payment_dialog_set_note     (SdPaymentDialog     *self,
                                                    const char          *note);
/* The plan's price or the deposit of the buckets (fen) and how it is shown; 0 / "" in
 * the modes where the amount is typed. */
gint64              sd_payment_dialog_get_total_fen  (SdPaymentDialog   *self);
const char         *sd_payment_dialog_get_total_text (SdPaymentDialog   *self);
/* The last error shown, or "". */
const char         *sd_payment_dialog_get_error    (SdPaymentDialog     *self);

G_END_DECLS
