/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-customer-store.h"

G_BEGIN_DECLS

#define SD_TYPE_CUSTOMER_DIALOG (sd_customer_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdCustomerDialog, sd_customer_dialog, SD, CUSTOMER_DIALOG, AdwWindow)

/* Edits a copy of `customer`, or a new one when NULL. Emits ::saved (gint64 id). */
GtkWidget *sd_customer_dialog_new            (SdStore          *store,
                                              SdCustomer       *customer);
/* Reads the form, validates and saves; on failure shows the error and returns FALSE. */
gboolean   sd_customer_dialog_save           (SdCustomerDialog *self);

/* For tests: fill the form like a user would. */
void       sd_customer_dialog_set_name       (SdCustomerDialog *self,
                                              const char       *name);
void       sd_customer_dialog_set_phone      (SdCustomerDialog *self,
                                              guint             index,
                                              const char       *number);
void       sd_customer_dialog_set_address    (SdCustomerDialog *self,
                                              guint             index,
                                              const char       *text,
                                              const char       *instructions);
/* Sets an owner-defined field by its label: text as typed, or a choice's shown text. */
gboolean   sd_customer_dialog_set_field      (SdCustomerDialog *self,
                                              const char       *label,
                                              const char       *value);
void       sd_customer_dialog_set_profile    (SdCustomerDialog *self,
                                              const char       *wechat,
                                              const char       *birthday,
                                              const char       *source,
                                              gint64            parent_id);
/* The agreed price (协议价) typed for a product, e.g. "16.5"; "" for the list price. */
gboolean   sd_customer_dialog_set_agreed_price (SdCustomerDialog *self,
                                              gint64            product_id,
                                              const char       *price);
/* Opens an address's "Location on the Map" row and returns its map (an SdMap in pick
 * mode; the pin it reports is what Save stores, in WGS-84). */
GtkWidget *sd_customer_dialog_show_location  (SdCustomerDialog *self,
                                              guint             index);
const char *sd_customer_dialog_get_error     (SdCustomerDialog *self);

G_END_DECLS
