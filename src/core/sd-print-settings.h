/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shop's printing settings, kept in the store (sd_store_get_setting). Per document
 * kind the printer and paper the user last chose: "print.<kind>.printer",
 * "print.<kind>.paper", with <kind> a short key such as "receipt_58" or "statement". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SD_SETTING_RECEIPT_WIDTH      "print.receipt_width"    /* "58" (default) or "80" */
#define SD_SETTING_PRINT_ON_DELIVERY  "print.on_delivery"      /* "1": print the receipt when delivered */
#define SD_SETTING_ESCPOS_ADDRESS     "print.escpos.address"   /* host[:port] or a device path; "" = none */
#define SD_SETTING_MASK_PHONES        "print.mask_phones"      /* "1": 138****8000 on route sheets */

G_END_DECLS
