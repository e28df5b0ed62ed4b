/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An order's receipt as ESC/POS for a 32-column (58 mm) or 48-column (80 mm) printer:
 * the shop in bold double size, the order, its lines, totals, balances after, the order's
 * QR code and the shop's footer, then a cut. */
#pragma once

#include "sd-doc-data.h"
#include "sd-escpos.h"

G_BEGIN_DECLS

/* The QR code of an order, the same on the PDF receipt: "songda-order:<id>". */
char    *sd_escpos_order_qr_text  (gint64               order_id);
/* `columns`: SD_ESCPOS_COLUMNS_58 or SD_ESCPOS_COLUMNS_80 (any value from 24 up). */
GBytes  *sd_escpos_receipt        (const SdReceiptData *data,
                                   guint                columns);
/* Loads the order's receipt data and lays it out. */
GBytes  *sd_store_escpos_receipt  (SdStore             *store,
                                   gint64               order_id,
                                   guint                columns,
                                   GError             **error);
/* A short page to check the printer: the shop's name, a column ruler, Chinese text, a QR
 * code and the cut. */
GBytes  *sd_escpos_test_page      (const char          *shop_name,
                                   guint                columns);

G_END_DECLS
