/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by sd-doc-data.c (receipts) and sd-doc-statement-data.c; not part of the API. */
#pragma once

#include "sd-doc-data.h"
#include "sd-order-private.h"

G_BEGIN_DECLS

/* “No. 1024”, translated. */
char       *_sd_doc_order_no        (gint64          order_id);
/* A phone number formatted for print, "" for none. */
char       *_sd_doc_phone_text      (const char     *number);
/* Fills `out` from a statement whose rows are (kind, product id, sum, product name). */
gboolean    _sd_doc_read_balances   (SdStore        *store,
                                     sqlite3_stmt   *stmt,
                                     SdDocBalances  *out,
                                     GError        **error);
/* The order's lines with product names and units. Array of SdDocLine*. */
GPtrArray  *_sd_doc_load_lines      (SdStore        *store,
                                     gint64          order_id,
                                     GError        **error);
void        _sd_statement_row_free  (SdStatementRow *row);

G_END_DECLS
