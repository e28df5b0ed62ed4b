/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printed documents as PDF (Cairo + Pango, no GTK): receipts for 58/80 mm thermal paper,
 * delivery slips (A5/A4), the bill for companies (A4), monthly statements and route sheets.
 * Chinese text is set in a CJK font found through fontconfig and embedded in the PDF. */
#pragma once

#include <gio/gio.h>

#include "sd-store.h"

G_BEGIN_DECLS

typedef enum {
  SD_DOC_RECEIPT_58,
  SD_DOC_RECEIPT_80,
  SD_DOC_SLIP_A5,
  SD_DOC_SLIP_A4,
  SD_DOC_BILL,
  SD_DOC_STATEMENT,
  SD_DOC_ROUTE_SHEET,
} SdDocKind;
#define SD_DOC_N_KINDS 7

#define SD_DOC_ERROR (sd_doc_error_quark ())

typedef enum {
  SD_DOC_ERROR_NO_FONT,     /* no Chinese font is installed */
  SD_DOC_ERROR_INVALID,     /* a kind that does not fit the call, a bad month */
  SD_DOC_ERROR_FAILED,      /* cairo could not write the PDF, a file could not be written */
} SdDocError;

GQuark      sd_doc_error_quark      (void);

const char *sd_doc_kind_to_string   (SdDocKind   kind);  /* "receipt58", "receipt80", "slip", "slip-a4", "bill", "statement", "route-sheet" */
gboolean    sd_doc_kind_from_string (const char *text,
                                     SdDocKind  *out_kind);
const char *sd_doc_kind_label       (SdDocKind   kind);  /* translated */
/* Points (1/72 in); receipts: height 0 = continuous. */
void        sd_doc_kind_page_size   (SdDocKind   kind,
                                     double     *width_pt,
                                     double     *height_pt);

/* The PDF of an order's document (receipt58/80, slip, slip-a4, bill). */
GBytes     *sd_doc_render_order     (SdStore    *store,
                                     SdDocKind   kind,
                                     gint64      order_id,
                                     GError    **error);
/* Statements for `month` ("YYYY-MM"): one customer, or customer_id 0 = every customer with
 * activity, one after the other in one PDF. */
GBytes     *sd_doc_render_statements (SdStore   *store,
                                     const char *month,
                                     gint64      customer_id,
                                     GError    **error);
/* One PDF per customer into `directory` (file names: <customer id>-<name>-<month>.pdf,
 * sanitized); returns the number written, -1 on error. */
int         sd_doc_write_statements (SdStore    *store,
                                     const char *month,
                                     GFile      *directory,
                                     GError    **error);
/* Checks a CJK font is available through fontconfig; SD_DOC_ERROR_NO_FONT, with a
 * translated message naming fonts-noto-cjk, when none is. */
gboolean    sd_doc_check_fonts      (GError    **error);

/* A route sheet: the dispatch module fills it from its routes; this module only draws it. */
typedef struct {
  int     seq;
  char   *customer;
  char   *phone;          /* as it should be printed (masked or not) */
  char   *address;
  char   *instructions;
  char   *items;
  gint64  collect_fen;
  int     tickets;
  int     empties;
  char   *window;
  double  lat, lon;
} SdRouteSheetStop;

typedef struct {
  char      *date;
  char      *courier;
  char      *color;        /* "#rrggbb" */
  double     depot_lat, depot_lon;
  GPtrArray *stops;        /* SdRouteSheetStop* */
  double     distance_km;
  char      *start_time, *finish_time;
} SdRouteSheet;

GBytes     *sd_doc_render_route_sheet (const SdRouteSheet *sheet,
                                       SdStore            *store,   /* for the shop header */
                                       GError            **error);

G_END_DECLS
