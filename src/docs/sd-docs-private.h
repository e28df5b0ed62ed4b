/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the document files: the blocks several documents print, and each document's
 * layout function. */
#pragma once

#include "sd-doc-data.h"
#include "sd-doc-layout.h"
#include "sd-docs.h"

G_BEGIN_DECLS

/* "2026-05-28 20:26" in local time. */
char   *_sd_doc_local_time        (gint64                utc);
/* Signed count for statement columns: "+2", "−1", "" for 0. */
char   *_sd_doc_signed            (gint64                value);
char   *_sd_doc_signed_money      (gint64                fen);
/* The header of an A4/A5 document: logo and shop at the left, the title, its number and
 * date at the right, a QR code of `qr_text` (NULL = none) in the corner. */
void    _sd_doc_page_header       (SdDocWriter          *w,
                                   const SdShopHeader   *shop,
                                   const char           *title,
                                   const char           *subtitle,
                                   const char           *qr_text);
/* Label/value pairs of every balance (tickets per product, prepaid, deposit, buckets,
 * owed or credit). */
void    _sd_doc_balance_pairs     (SdDocWriter          *w,
                                   const SdDocStyle     *style,
                                   const SdDocBalances  *balances);
/* The shop's footer text and the time printed. */
void    _sd_doc_footer            (SdDocWriter          *w,
                                   const SdDocStyle     *style,
                                   const SdShopHeader   *shop);
/* "songda-order:<id>": what the QR code of an order's document carries. */
char   *_sd_doc_order_qr_text     (gint64                order_id);
/* ¥123.40 in Chinese capital numerals: "壹佰贰拾叁元肆角整". */
char   *_sd_doc_money_capital     (gint64                fen);

typedef struct {
  SdDocKind             kind;
  const SdReceiptData  *data;
} SdOrderDoc;

void    _sd_doc_layout_receipt    (SdDocWriter *w,
                                   gpointer     data);   /* SdOrderDoc* */
void    _sd_doc_layout_slip       (SdDocWriter *w,
                                   gpointer     data);   /* SdOrderDoc* */
void    _sd_doc_layout_bill       (SdDocWriter *w,
                                   gpointer     data);   /* SdOrderDoc* */
void    _sd_doc_layout_statement  (SdDocWriter *w,
                                   gpointer     data);   /* SdStatementData* */
void    _sd_doc_geometry          (SdDocKind      kind,
                                   SdDocGeometry *geometry);

G_END_DECLS
