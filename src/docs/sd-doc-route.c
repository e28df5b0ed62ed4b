/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The courier's route sheet: the stops in order with what to hand over and collect, the
 * totals, and a sketch of the route (a local equirectangular projection, no map tiles). */
#define G_LOG_DOMAIN "songda-docs"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sd-docs-private.h"
#include "sd-money.h"

typedef struct {
  const SdRouteSheet *sheet;
  SdShopHeader        shop;
} RouteDoc;

static void
parse_color (const char *text,
             double      rgb[3])
{
  guint value = 0x3584e4;

  if (text != NULL && text[0] == '#' && strlen (text) == 7)
    value = (guint) g_ascii_strtoull (text + 1, NULL, 16);
  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
}

/* A stop without coordinates (0, 0) stays in the table but out of the sketch. */
static gboolean
has_location (const SdRouteSheetStop *s)
{
  return s->lat != 0 || s->lon != 0;
}

/* The route drawn into a box at the cursor: depot square, stops numbered in order. */
static void
draw_sketch (SdDocWriter        *w,
             const SdRouteSheet *sheet,
             double              height)
{
  double width = sd_doc_content_width (w);
  double min_x = 0, max_x = 0, min_y = 0, max_y = 0, scale, cx, cy, rgb[3];
  double coslat = cos (sheet->depot_lat * G_PI / 180.0);
  double x0 = w->margin_x, y0 = w->y;
  guint n = sheet->stops ? sheet->stops->len : 0;
  SdDocStyle label = { 7, TRUE, SD_DOC_ALIGN_CENTER, 1 };

  sd_doc_space (w, height + 4);
  if (w->cr == NULL)
    return;

  /* project: x east, y north, in km-ish units around the depot */
  for (guint i = 0; i < n; i++)
    {
      const SdRouteSheetStop *s = g_ptr_array_index (sheet->stops, i);
      double x = (s->lon - sheet->depot_lon) * coslat, y = s->lat - sheet->depot_lat;

      if (!has_location (s))
        continue;
      min_x = MIN (min_x, x), max_x = MAX (max_x, x);
      min_y = MIN (min_y, y), max_y = MAX (max_y, y);
    }
  scale = MIN ((width - 30) / MAX (max_x - min_x, 1e-6), (height - 30) / MAX (max_y - min_y, 1e-6));
  cx = x0 + width / 2 - (min_x + max_x) / 2 * scale;
  cy = y0 + height / 2 + (min_y + max_y) / 2 * scale;
#define PX(lon) (cx + ((lon) - sheet->depot_lon) * coslat * scale)
#define PY(lat) (cy - ((lat) - sheet->depot_lat) * scale)

  cairo_save (w->cr);
  cairo_set_source_rgb (w->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (w->cr, 0.5);
  cairo_rectangle (w->cr, x0, y0, width, height);
  cairo_stroke (w->cr);

  parse_color (sheet->color, rgb);
  cairo_set_source_rgb (w->cr, rgb[0], rgb[1], rgb[2]);
  cairo_set_line_width (w->cr, 1.6);
  cairo_move_to (w->cr, PX (sheet->depot_lon), PY (sheet->depot_lat));
  for (guint i = 0; i < n; i++)
    {
      const SdRouteSheetStop *s = g_ptr_array_index (sheet->stops, i);
      if (has_location (s))
        cairo_line_to (w->cr, PX (s->lon), PY (s->lat));
    }
  cairo_line_to (w->cr, PX (sheet->depot_lon), PY (sheet->depot_lat));
  cairo_stroke (w->cr);

  cairo_set_source_rgb (w->cr, 0, 0, 0);
  cairo_rectangle (w->cr, PX (sheet->depot_lon) - 5, PY (sheet->depot_lat) - 5, 10, 10);
  cairo_fill (w->cr);
  for (guint i = 0; i < n; i++)
    {
      const SdRouteSheetStop *s = g_ptr_array_index (sheet->stops, i);
      g_autofree char *seq = g_strdup_printf ("%d", s->seq);
      double x = PX (s->lon), y = PY (s->lat);

      if (!has_location (s))
        continue;
      cairo_set_source_rgb (w->cr, rgb[0], rgb[1], rgb[2]);
      cairo_arc (w->cr, x, y, 7, 0, 2 * G_PI);
      cairo_fill (w->cr);
      cairo_restore (w->cr);
      sd_doc_text_at (w, &label, x - w->margin_x - 7, y - 5, 14, seq);
      cairo_save (w->cr);
    }
  cairo_restore (w->cr);
#undef PX
#undef PY
}

static void
layout_route (SdDocWriter *w,
              gpointer     user_data)
{
  const RouteDoc *doc = user_data;
  const SdRouteSheet *sheet = doc->sheet;
  SdDocStyle text = { 9.5, FALSE, SD_DOC_ALIGN_LEFT, 0 };
  SdDocColumn columns[] = {
    { "#", 0.04, SD_DOC_ALIGN_RIGHT },
    { _("Customer"), 0.15, SD_DOC_ALIGN_LEFT },
    { _("Address"), 0.25, SD_DOC_ALIGN_LEFT },
    { _("Items"), 0.16, SD_DOC_ALIGN_LEFT },
    { _("Collect ¥"), 0.10, SD_DOC_ALIGN_RIGHT },
    { _("Tickets"), 0.07, SD_DOC_ALIGN_CENTER },
    { _("Empties"), 0.09, SD_DOC_ALIGN_CENTER },
    { _("Window"), 0.14, SD_DOC_ALIGN_LEFT },
  };
  guint n = sheet->stops ? sheet->stops->len : 0;
  gint64 collect = 0;
  int tickets = 0, empties = 0;
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", sheet->date ? sheet->date : "",
                                               sheet->courier ? sheet->courier : "");
  g_autofree char *summary = NULL;
  g_autofree char *distance = g_strdup_printf ("%.1f", sheet->distance_km);

  _sd_doc_page_header (w, &doc->shop, _("Route sheet"), subtitle, NULL);
  summary = g_strdup_printf (_("%u stops · %s km · %s–%s"), n, distance,
                             sheet->start_time ? sheet->start_time : "",
                             sheet->finish_time ? sheet->finish_time : "");
  sd_doc_text (w, &text, 0, 0, summary);
  sd_doc_space (w, 4);
  draw_sketch (w, sheet, 190);

  sd_doc_table_begin (w, columns, G_N_ELEMENTS (columns), 8.5);
  for (guint i = 0; i < n; i++)
    {
      const SdRouteSheetStop *s = g_ptr_array_index (sheet->stops, i);
      g_autofree char *seq = g_strdup_printf ("%d", s->seq);
      g_autofree char *who = g_strdup_printf ("%s\n%s", s->customer ? s->customer : "",
                                              s->phone ? s->phone : "");
      g_autofree char *where = s->instructions && *s->instructions
        ? g_strdup_printf ("%s\n%s", s->address ? s->address : "", s->instructions)
        : g_strdup (s->address ? s->address : "");
      g_autofree char *money = s->collect_fen ? sd_money_format_plain (s->collect_fen) : g_strdup ("");
      g_autofree char *t = s->tickets ? g_strdup_printf ("%d", s->tickets) : g_strdup ("");
      g_autofree char *e = s->empties ? g_strdup_printf ("%d", s->empties) : g_strdup ("");
      const char *cells[] = { seq, who, where, s->items ? s->items : "", money, t, e,
                              s->window ? s->window : "" };

      sd_doc_table_row (w, cells, FALSE);
      collect += s->collect_fen;
      tickets += s->tickets;
      empties += s->empties;
    }
  {
    g_autofree char *money = sd_money_format_plain (collect);
    g_autofree char *t = g_strdup_printf ("%d", tickets);
    g_autofree char *e = g_strdup_printf ("%d", empties);
    const char *cells[] = { "", _("Total"), "", "", money, t, e, "" };
    sd_doc_table_row (w, cells, TRUE);
  }
  sd_doc_table_end (w);
  _sd_doc_footer (w, &text, &doc->shop);
}

GBytes *
sd_doc_render_route_sheet (const SdRouteSheet *sheet,
                           SdStore            *store,
                           GError            **error)
{
  RouteDoc doc = { sheet };
  SdDocGeometry geometry;
  GByteArray *out;
  cairo_surface_t *pdf;
  gboolean ok;

  g_return_val_if_fail (sheet != NULL, NULL);
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  if (!sd_doc_check_fonts (error))
    return NULL;
  sd_store_load_shop_header (store, &doc.shop);
  _sd_doc_geometry (SD_DOC_ROUTE_SHEET, &geometry);
  out = g_byte_array_new ();
  pdf = _sd_doc_pdf_new (out);
  ok = _sd_doc_render (pdf, &geometry, layout_route, &doc, error);
  sd_shop_header_clear (&doc.shop);
  if (!ok)
    {
      cairo_surface_destroy (pdf);
      g_byte_array_unref (out);
      return NULL;
    }
  return _sd_doc_pdf_finish (pdf, out, error);
}
