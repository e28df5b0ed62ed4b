/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening documents from the views: an order's receipt, slip or bill and a customer's
 * monthly statement in a preview window, and the receipt printed when orders are
 * delivered. Errors are toasted in the window of `parent`. */
#pragma once

#include <adwaita.h>

#include "sd-doc-window.h"
#include "sd-docs.h"
#include "sd-store.h"

G_BEGIN_DECLS

typedef enum {
  SD_DELIVERY_PRINT_OFF,      /* the setting is off */
  SD_DELIVERY_PRINT_ESCPOS,   /* receipts sent to the ESC/POS printer */
  SD_DELIVERY_PRINT_PREVIEW,  /* receipt previews opened, ready to print */
} SdDeliveryPrint;

/* The receipt for the shop's paper: SD_DOC_RECEIPT_58 or _80 (print.receipt_width). */
SdDocKind        sd_doc_receipt_kind        (SdStore     *store);
/* ESC/POS columns for the shop's paper. */
guint            sd_doc_receipt_columns     (SdStore     *store);

/* The preview of an order's document, presented; NULL (and a toast) on error. */
SdDocWindow     *sd_doc_open_order          (GtkWidget   *parent,
                                             SdStore     *store,
                                             SdDocKind    kind,
                                             gint64       order_id);
SdDocWindow     *sd_doc_open_statement      (GtkWidget   *parent,
                                             SdStore     *store,
                                             gint64       customer_id,
                                             const char  *month);
/* Asks for the month (last month first) and opens the statement. Returns the dialog. */
GtkWindow       *sd_doc_ask_statement_month (GtkWidget   *parent,
                                             SdStore     *store,
                                             gint64       customer_id);
/* "YYYY-MM" of the month before the one `now_utc` falls in, local time. */
char            *sd_doc_last_month          (gint64       now_utc);

/* After orders were marked delivered: with "print receipt on delivery" on, sends each
 * receipt to the ESC/POS printer when one is set (the outcome toasted), else opens the
 * receipt previews (the first few). */
SdDeliveryPrint  sd_doc_print_on_delivery   (GtkWidget    *parent,
                                             SdStore      *store,
                                             const gint64 *order_ids,
                                             guint         n);

G_END_DECLS
