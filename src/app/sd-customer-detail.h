/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-customer.h"

G_BEGIN_DECLS

#define SD_TYPE_CUSTOMER_DETAIL (sd_customer_detail_get_type ())
G_DECLARE_FINAL_TYPE (SdCustomerDetail, sd_customer_detail, SD, CUSTOMER_DETAIL, AdwBin)

void        sd_customer_detail_set_customer (SdCustomerDetail *self,
                                             SdCustomer       *customer);
SdCustomer *sd_customer_detail_get_customer (SdCustomerDetail *self);
/* For tests: how many phone and address rows are shown. */
guint       sd_customer_detail_get_n_phone_rows   (SdCustomerDetail *self);
guint       sd_customer_detail_get_n_address_rows (SdCustomerDetail *self);

G_END_DECLS
