/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-order-list.h"

G_BEGIN_DECLS

#define SD_TYPE_ORDERS_VIEW (sd_orders_view_get_type ())
G_DECLARE_FINAL_TYPE (SdOrdersView, sd_orders_view, SD, ORDERS_VIEW, AdwBin)

GtkWidget   *sd_orders_view_new                (void);
void         sd_orders_view_set_store          (SdOrdersView *self,
                                                SdStore      *store);
/* Re-reads the list (after orders changed elsewhere). */
void         sd_orders_view_refresh            (SdOrdersView *self);
/* Narrows the list to one customer's orders (all days); 0 shows everyone's again. */
void         sd_orders_view_show_customer      (SdOrdersView *self,
                                                gint64        customer_id,
                                                const char   *name);
/* Shows the orders requested from `from` to `to` ("YYYY-MM-DD", inclusive), as choosing
 * the days in the calendars does. */
void         sd_orders_view_choose_days        (SdOrdersView *self,
                                                const char   *from,
                                                const char   *to);
/* Opens an order's page (what Enter or a double click on a row does); returns the window. */
GtkWidget   *sd_orders_view_open_order         (SdOrdersView *self,
                                                gint64        order_id);

/* For tests */
SdOrderList *sd_orders_view_get_list           (SdOrdersView *self);
GtkListView *sd_orders_view_get_list_view      (SdOrdersView *self);
/* "date", "status", "courier" or "channel" */
GtkDropDown *sd_orders_view_get_dropdown       (SdOrdersView *self,
                                                const char   *name);
/* Selects exactly these rows, as Ctrl+click would. */
void         sd_orders_view_select_positions   (SdOrdersView *self,
                                                const guint  *positions,
                                                guint         n);
/* The reason dialog of the cancel action while it is open, and its entry. */
AdwMessageDialog *sd_orders_view_get_cancel_dialog (SdOrdersView *self);
GtkEditable *sd_orders_view_get_cancel_entry   (SdOrdersView *self);
/* The question asked when tickets or prepaid cash do not cover a delivery, while open. */
AdwMessageDialog *sd_orders_view_get_shortfall_dialog (SdOrdersView *self);
/* "list" or "empty" */
const char  *sd_orders_view_get_page_name      (SdOrdersView *self);
const char  *sd_orders_view_get_subtitle       (SdOrdersView *self);

G_END_DECLS
