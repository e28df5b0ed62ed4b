/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one layout helper every document uses: a cursor running down the page that places
 * wrapped text, label/value pairs, rules, tables with wrapped cells, images and QR codes,
 * and breaks pages (repeating the table header, numbering pages "1/3").
 *
 * A document is a layout function run once, each page into a cairo recording surface; the
 * pages are then replayed onto the PDF, numbered, and a continuous receipt gets a page as
 * long as its content. */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef enum {
  SD_DOC_ALIGN_LEFT,
  SD_DOC_ALIGN_CENTER,
  SD_DOC_ALIGN_RIGHT,
} SdDocAlign;

typedef struct {
  double      size;     /* pt */
  gboolean    bold;
  SdDocAlign  align;
  double      gray;     /* 0 black … 1 white */
} SdDocStyle;

typedef struct {
  const char *title;
  double      width;    /* share of the content width; the shares add up to 1 */
  SdDocAlign  align;
} SdDocColumn;

typedef struct {
  cairo_t              *cr;          /* the current page's recording */
  PangoContext         *pango;
  PangoFontDescription *font;
  double                page_width;
  double                page_height;  /* 0: one continuous page that never breaks */
  double                margin_x;
  double                margin_top;
  double                margin_bottom;
  double                y;            /* the cursor, from the top of the page */
  int                   page;         /* 1-based */
  int                   n_pages;      /* known when the pages are replayed */
  GPtrArray            *pages;        /* cairo_surface_t*, recordings of the pages */
  gboolean              page_numbers;
  const char           *running_head; /* printed at the top of every page after the first */
  /* the open table, to repeat its header after a page break */
  const SdDocColumn    *columns;
  guint                 n_columns;
  double                table_size;
} SdDocWriter;

typedef void (*SdDocLayoutFunc) (SdDocWriter *w,
                                 gpointer     data);

typedef struct {
  double   width;
  double   height;         /* 0: continuous */
  double   margin_x;
  double   margin_top;
  double   margin_bottom;
  gboolean page_numbers;
} SdDocGeometry;

/* The family every document uses ("Noto Sans CJK SC" or the best Chinese font found). */
const char *_sd_doc_font_family   (void);
/* A PDF written to memory. */
cairo_surface_t *_sd_doc_pdf_new  (GByteArray       *out);
/* Lays `layout` out on `pdf`: measures, then draws its pages. */
gboolean    _sd_doc_render        (cairo_surface_t     *pdf,
                                   const SdDocGeometry *geometry,
                                   SdDocLayoutFunc      layout,
                                   gpointer             data,
                                   GError             **error);
/* Finishes the PDF; the bytes or NULL with an error. */
GBytes     *_sd_doc_pdf_finish    (cairo_surface_t     *pdf,
                                   GByteArray          *out,
                                   GError             **error);

double      sd_doc_content_width  (SdDocWriter       *w);
/* Starts a new page when `height` does not fit under the cursor. */
void        sd_doc_ensure         (SdDocWriter       *w,
                                   double             height);
void        sd_doc_space          (SdDocWriter       *w,
                                   double             pt);
/* Wrapped text across [x, x + width) of the content area (width 0 = to the right edge);
 * advances the cursor. */
void        sd_doc_text           (SdDocWriter       *w,
                                   const SdDocStyle  *style,
                                   double             x,
                                   double             width,
                                   const char        *text);
/* Draws without moving the cursor; returns the height. */
double      sd_doc_text_at        (SdDocWriter       *w,
                                   const SdDocStyle  *style,
                                   double             x,
                                   double             y,
                                   double             width,
                                   const char        *text);
double      sd_doc_text_height    (SdDocWriter       *w,
                                   const SdDocStyle  *style,
                                   double             width,
                                   const char        *text);
/* A label at the left and a value at the right of one line (the label wraps). */
void        sd_doc_pair           (SdDocWriter       *w,
                                   const SdDocStyle  *style,
                                   const char        *label,
                                   const char        *value);
void        sd_doc_rule           (SdDocWriter       *w,
                                   double             thickness,
                                   gboolean           dashed);
void        sd_doc_table_begin    (SdDocWriter       *w,
                                   const SdDocColumn *columns,
                                   guint              n_columns,
                                   double             size);
void        sd_doc_table_row      (SdDocWriter       *w,
                                   const char *const *cells,
                                   gboolean           bold);
void        sd_doc_table_end      (SdDocWriter       *w);
/* A QR code `side` pt wide with its top-left corner at (x, y) of the page. */
void        sd_doc_qr_at          (SdDocWriter       *w,
                                   const char        *text,
                                   double             x,
                                   double             y,
                                   double             side);
/* An image file scaled into max_width × max_height at (x, y); returns the height drawn,
 * 0 when the file cannot be read (a logo is optional). */
double      sd_doc_image_at       (SdDocWriter       *w,
                                   const char        *path,
                                   double             x,
                                   double             y,
                                   double             max_width,
                                   double             max_height,
                                   SdDocAlign         align);

/* Signature lines side by side: each label above a line to sign on. */
void        sd_doc_signatures     (SdDocWriter       *w,
                                   const SdDocStyle  *style,
                                   const char *const *labels,
                                   guint              n_labels);

G_END_DECLS
