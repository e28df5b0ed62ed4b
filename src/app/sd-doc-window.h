/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A document in a preview window: Print (GtkPrintOperation on the document's own page
 * size, the printer and paper remembered per kind in the store), Save as PDF, and for
 * receipts Print as ESC/POS to the shop's thermal printer. */
#pragma once

#include <adwaita.h>

#include "sd-doc-preview.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_DOC_WINDOW (sd_doc_window_get_type ())
G_DECLARE_FINAL_TYPE (SdDocWindow, sd_doc_window, SD, DOC_WINDOW, AdwWindow)

/* `kind_key` names the settings ("receipt_58" → print.receipt_58.printer); `title` is
 * the window's title ("Receipt No. 1024"); `file_name` the suggested name to save as. */
SdDocWindow  *sd_doc_window_new            (GtkWindow    *parent,
                                            SdStore      *store,
                                            const char   *kind_key,
                                            const char   *title,
                                            const char   *file_name,
                                            GBytes       *pdf,
                                            GError      **error);
/* Offers Print as ESC/POS with these bytes (NULL hides it). */
void          sd_doc_window_set_escpos     (SdDocWindow  *self,
                                            GBytes       *escpos);

SdDocPreview *sd_doc_window_get_preview    (SdDocWindow  *self);
const char   *sd_doc_window_get_kind_key   (SdDocWindow  *self);
/* What Save as PDF writes, without the file chooser. */
gboolean      sd_doc_window_save_to_file   (SdDocWindow  *self,
                                            GFile        *file,
                                            GError      **error);
/* The page setup Print uses: the document's page size (a custom paper for 58/80 mm
 * receipts, as long as the receipt), no margins. */
GtkPageSetup *sd_doc_window_page_setup     (SdDocWindow  *self);
/* Prints without a dialog into a PDF file through GTK's print backend (tests). */
gboolean      sd_doc_window_print_to_file  (SdDocWindow  *self,
                                            const char   *path,
                                            GError      **error);
/* The last toast shown ("Sent to the receipt printer at …" or an error). */
const char   *sd_doc_window_get_status     (SdDocWindow  *self);

G_END_DECLS
