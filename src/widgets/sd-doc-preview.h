/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdDocPreview: a PDF (receipts, slips, statements) shown one page at a time with Poppler,
 * with paging (PgUp/PgDn), zoom (Ctrl+plus/minus) and fit to width (Ctrl+0). No SQL. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SD_TYPE_DOC_PREVIEW (sd_doc_preview_get_type ())
G_DECLARE_FINAL_TYPE (SdDocPreview, sd_doc_preview, SD, DOC_PREVIEW, GtkWidget)

/* Zoom 1.0 shows a point of the page as 96/72 pixels ("100 %"). */
#define SD_DOC_PREVIEW_ZOOM_MIN 0.25
#define SD_DOC_PREVIEW_ZOOM_MAX 4.0

GtkWidget  *sd_doc_preview_new               (void);

/* Shows the PDF in `bytes` (kept), at its first page; the zoom mode is kept. */
gboolean    sd_doc_preview_load_bytes        (SdDocPreview *self,
                                              GBytes       *bytes,
                                              GError      **error);
GBytes     *sd_doc_preview_get_bytes         (SdDocPreview *self);
void        sd_doc_preview_clear             (SdDocPreview *self);

int         sd_doc_preview_get_n_pages       (SdDocPreview *self);
/* 0-based. */
int         sd_doc_preview_get_page          (SdDocPreview *self);
void        sd_doc_preview_set_page          (SdDocPreview *self,
                                              int           page);
/* "Page 1 of 3" (translated). */
const char *sd_doc_preview_get_page_label    (SdDocPreview *self);
/* Size of a page in points; FALSE when there is no such page. */
gboolean    sd_doc_preview_get_page_size     (SdDocPreview *self,
                                              int           page,
                                              double       *width_pt,
                                              double       *height_pt);

double      sd_doc_preview_get_zoom          (SdDocPreview *self);
/* Leaves fit-to-width. */
void        sd_doc_preview_set_zoom          (SdDocPreview *self,
                                              double        zoom);
void        sd_doc_preview_zoom_in           (SdDocPreview *self);
void        sd_doc_preview_zoom_out          (SdDocPreview *self);
gboolean    sd_doc_preview_get_fit_width     (SdDocPreview *self);
void        sd_doc_preview_set_fit_width     (SdDocPreview *self,
                                              gboolean      fit);
/* Pixel size of the current page as last drawn (0 × 0 before the first draw). */
void        sd_doc_preview_get_rendered_size (SdDocPreview *self,
                                              int          *width,
                                              int          *height);

G_END_DECLS
