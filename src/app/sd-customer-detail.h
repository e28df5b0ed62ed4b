/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-customer.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_CUSTOMER_DETAIL (sd_customer_detail_get_type ())
G_DECLARE_FINAL_TYPE (SdCustomerDetail, sd_customer_detail, SD, CUSTOMER_DETAIL, AdwBin)

/* The store is read for what belongs with the customer: tags, fields, the accounts
 * above and below it. Emits ::open-customer (gint64 id) when one of those is activated. */
void        sd_customer_detail_set_store    (SdCustomerDetail *self,
                                             SdStore          *store);
void        sd_customer_detail_set_customer (SdCustomerDetail *self,
                                             SdCustomer       *customer);
SdCustomer *sd_customer_detail_get_customer (SdCustomerDetail *self);
/* For tests: how many rows of each kind are shown. */
guint       sd_customer_detail_get_n_phone_rows   (SdCustomerDetail *self);
guint       sd_customer_detail_get_n_address_rows (SdCustomerDetail *self);
guint       sd_customer_detail_get_n_tags         (SdCustomerDetail *self);
guint       sd_customer_detail_get_n_field_rows   (SdCustomerDetail *self);
guint       sd_customer_detail_get_n_account_rows (SdCustomerDetail *self);
guint       sd_customer_detail_get_n_follow_ups   (SdCustomerDetail *self);
/* Opens the "Log Follow-up" dialog for the shown customer. */
void        sd_customer_detail_log_follow_up      (SdCustomerDetail *self);
/* For tests: the text shown for an owner-defined field, or NULL. */
const char *sd_customer_detail_get_field_text     (SdCustomerDetail *self,
                                                   const char       *label);

G_END_DECLS
