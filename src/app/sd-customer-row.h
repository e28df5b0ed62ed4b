/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-customer-store.h"

G_BEGIN_DECLS

#define SD_TYPE_CUSTOMER_ROW (sd_customer_row_get_type ())
G_DECLARE_FINAL_TYPE (SdCustomerRow, sd_customer_row, SD, CUSTOMER_ROW, AdwBin)

GtkWidget *sd_customer_row_new         (void);
void       sd_customer_row_set_summary (SdCustomerRow     *self,
                                        SdCustomerSummary *summary);
const char *sd_customer_row_get_name_text (SdCustomerRow  *self);

G_END_DECLS
