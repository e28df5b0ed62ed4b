/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The layout helper: see sd-doc-layout.h. Sizes are PDF points (1/72 in); Pango runs at
 * 72 dpi with unhinted metrics so that measuring and drawing give the same lines. */
#define G_LOG_DOMAIN "songda-docs"

#include "config.h"

#include <math.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <qrencode.h>

#include "sd-docs.h"
#include "sd-doc-layout.h"

#define CELL_PAD_X 2.0
#define CELL_PAD_Y 1.5
#define MAX_CONTINUOUS_HEIGHT 14400.0   /* the largest PDF page, 200 in */

G_DEFINE_QUARK (sd-doc-error-quark, sd_doc_error)

/* --- fonts -------------------------------------------------------------------------------- */

/* The family of a font covering Simplified Chinese; NULL when fontconfig knows none.
 * TrueType outlines first (WenQuanYi Micro Hei, then Droid Sans Fallback …): cairo 1.16
 * subsets the CFF outlines of Noto Sans CJK wrongly — in a small subset some glyphs lose
 * strokes or vanish (“如” alone prints blank) — and slowly, about 40 ms a face and a PDF,
 * where a TrueType face takes a few milliseconds. Then a sans serif SC face, then anything
 * with Chinese. SONGDA_DOC_FONT names another family. */
static char *
find_cjk_family (void)
{
  FcPattern *pattern = FcPatternCreate ();
  FcObjectSet *objects = FcObjectSetBuild (FC_FAMILY, FC_FONTFORMAT, NULL);
  FcFontSet *set;
  char *best = NULL;
  int best_score = -1;

  FcPatternAddString (pattern, FC_LANG, (const FcChar8 *) "zh-cn");
  set = FcFontList (NULL, pattern, objects);
  for (int i = 0; set != NULL && i < set->nfont; i++)
    {
      FcChar8 *family = NULL, *format = NULL;
      int score = 0;

      if (FcPatternGetString (set->fonts[i], FC_FAMILY, 0, &family) != FcResultMatch)
        continue;
      if (FcPatternGetString (set->fonts[i], FC_FONTFORMAT, 0, &format) == FcResultMatch &&
          g_strcmp0 ((const char *) format, "TrueType") == 0)
        score += 20;
      if (g_str_equal ((const char *) family, "WenQuanYi Micro Hei"))
        score += 10;
      if (strstr ((const char *) family, "Sans") != NULL || strstr ((const char *) family, "Hei") != NULL)
        score += 4;
      if (strstr ((const char *) family, "Mono") != NULL)
        score -= 8;
      if (g_str_has_suffix ((const char *) family, " SC"))
        score += 8;
      if (score > best_score)
        {
          g_free (best);
          best = g_strdup ((const char *) family);
          best_score = score;
        }
    }
  if (set != NULL)
    FcFontSetDestroy (set);
  FcObjectSetDestroy (objects);
  FcPatternDestroy (pattern);
  return best;
}

static char *cjk_family;

const char *
_sd_doc_font_family (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      const char *forced = g_getenv ("SONGDA_DOC_FONT");

      cjk_family = forced != NULL && *forced ? g_strdup (forced) : find_cjk_family ();
      g_once_init_leave (&once, 1);
    }
  return cjk_family ? cjk_family : "Sans";
}

gboolean
sd_doc_check_fonts (GError **error)
{
  _sd_doc_font_family ();
  if (cjk_family == NULL)
    {
      g_set_error_literal (error, SD_DOC_ERROR, SD_DOC_ERROR_NO_FONT,
                           _("No Chinese font is installed, so documents cannot be printed; "
                             "install fonts-noto-cjk"));
      return FALSE;
    }
  return TRUE;
}

/* --- the PDF ------------------------------------------------------------------------------ */

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
_sd_doc_pdf_new (GByteArray *out)
{
  cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream (write_to_array, out, 595, 842);

  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Songda");
  return pdf;
}

GBytes *
_sd_doc_pdf_finish (cairo_surface_t *pdf,
                    GByteArray      *out,
                    GError         **error)
{
  cairo_status_t status;

  cairo_surface_finish (pdf);
  status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SD_DOC_ERROR, SD_DOC_ERROR_FAILED, _("Could not write the PDF: %s"),
                   cairo_status_to_string (status));
      g_byte_array_unref (out);
      return NULL;
    }
  return g_byte_array_free_to_bytes (out);
}

static PangoContext *
new_pango_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  /* Simplified Chinese glyph shapes whatever the interface language. */
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  return context;
}

static void
start_page (SdDocWriter *w)
{
  /* A receipt's length is known only at its end: its recording is as long as a PDF page
   * may be (200 in, 5 m of paper). An unbounded recording replays as a blank PDF page. */
  cairo_rectangle_t extents = { 0, 0, w->page_width,
                                w->page_height > 0 ? w->page_height : MAX_CONTINUOUS_HEIGHT };
  cairo_surface_t *page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

  g_ptr_array_add (w->pages, page);
  w->cr = cairo_create (page);
}

static void
writer_init (SdDocWriter          *w,
             const SdDocGeometry  *geometry,
             PangoContext         *pango,
             PangoFontDescription *font)
{
  memset (w, 0, sizeof *w);
  w->pango = pango;
  w->font = font;
  w->page_width = geometry->width;
  w->page_height = geometry->height;
  w->margin_x = geometry->margin_x;
  w->margin_top = geometry->margin_top;
  w->margin_bottom = geometry->margin_bottom;
  w->page_numbers = geometry->page_numbers;
  w->y = geometry->margin_top;
  w->page = 1;
  w->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  start_page (w);
}

static void
draw_page_number (SdDocWriter *w)
{
  SdDocStyle style = { 7.5, FALSE, SD_DOC_ALIGN_CENTER, 0.3 };
  g_autofree char *text = NULL;

  if (!w->page_numbers || w->cr == NULL || w->page_height <= 0)
    return;
  text = g_strdup_printf ("%d/%d", w->page, w->n_pages);
  sd_doc_text_at (w, &style, 0, w->page_height - w->margin_bottom + 8, 0, text);
}

/* The layout runs once, each page into a recording surface; then the pages are replayed
 * onto the PDF — numbered now that their count is known, a continuous receipt on a page
 * as long as it turned out. */
gboolean
_sd_doc_render (cairo_surface_t     *pdf,
                const SdDocGeometry *geometry,
                SdDocLayoutFunc      layout,
                gpointer             data,
                GError             **error)
{
  static PangoContext *pango;
  static PangoFontDescription *font;
  SdDocWriter w;
  double height;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;

  /* One context for every document: creating the font map and context is the costly
   * part of a receipt. Documents are made on one thread at a time. */
  if (pango == NULL)
    {
      pango = new_pango_context ();
      font = pango_font_description_new ();
      pango_font_description_set_family (font, _sd_doc_font_family ());
    }

  writer_init (&w, geometry, pango, font);
  layout (&w, data);
  cairo_destroy (w.cr);
  height = geometry->height > 0 ? geometry->height
                                : MIN (ceil (w.y + geometry->margin_bottom), MAX_CONTINUOUS_HEIGHT);

  w.n_pages = (int) w.pages->len;
  for (guint i = 0; i < w.pages->len && status == CAIRO_STATUS_SUCCESS; i++)
    {
      cairo_pdf_surface_set_size (pdf, geometry->width, height);
      w.cr = cairo_create (pdf);
      cairo_set_source_surface (w.cr, g_ptr_array_index (w.pages, i), 0, 0);
      cairo_paint (w.cr);
      w.page = (int) i + 1;
      draw_page_number (&w);
      cairo_show_page (w.cr);
      status = cairo_status (w.cr);
      cairo_destroy (w.cr);
    }
  w.cr = NULL;
  g_ptr_array_unref (w.pages);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SD_DOC_ERROR, SD_DOC_ERROR_FAILED, _("Could not write the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* --- the cursor --------------------------------------------------------------------------- */

double
sd_doc_content_width (SdDocWriter *w)
{
  return w->page_width - 2 * w->margin_x;
}

static void draw_table_header (SdDocWriter *w);

static void
new_page (SdDocWriter *w)
{
  cairo_destroy (w->cr);
  start_page (w);
  w->page++;
  w->y = w->margin_top;
  if (w->running_head != NULL)
    {
      SdDocStyle style = { 8, FALSE, SD_DOC_ALIGN_LEFT, 0.35 };
      w->y += sd_doc_text_at (w, &style, 0, w->y, 0, w->running_head) + 4;
    }
  if (w->columns != NULL)
    draw_table_header (w);
}

void
sd_doc_ensure (SdDocWriter *w,
               double       height)
{
  if (w->page_height <= 0)
    return;
  if (w->y + height > w->page_height - w->margin_bottom && w->y > w->margin_top + 1)
    new_page (w);
}

void
sd_doc_space (SdDocWriter *w,
              double       pt)
{
  w->y += pt;
}

static PangoLayout *
make_layout (SdDocWriter      *w,
             const SdDocStyle *style,
             double            width,
             const char       *text)
{
  PangoLayout *layout = pango_layout_new (w->pango);
  PangoFontDescription *font = pango_font_description_copy_static (w->font);

  pango_font_description_set_size (font, (int) (style->size * PANGO_SCALE));
  pango_font_description_set_weight (font, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, style->align == SD_DOC_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                      : style->align == SD_DOC_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                      : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
show_layout (SdDocWriter      *w,
             const SdDocStyle *style,
             PangoLayout      *layout,
             double            x,
             double            y)
{
  if (w->cr == NULL)
    return;
  cairo_save (w->cr);
  cairo_set_source_rgb (w->cr, style->gray, style->gray, style->gray);
  cairo_move_to (w->cr, x, y);
  pango_cairo_show_layout (w->cr, layout);
  cairo_restore (w->cr);
}

double
sd_doc_text_height (SdDocWriter      *w,
                    const SdDocStyle *style,
                    double            width,
                    const char       *text)
{
  g_autoptr(PangoLayout) layout = make_layout (w, style, width, text);

  return layout_height (layout);
}

double
sd_doc_text_at (SdDocWriter      *w,
                const SdDocStyle *style,
                double            x,
                double            y,
                double            width,
                const char       *text)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (width <= 0)
    width = sd_doc_content_width (w) - x;
  layout = make_layout (w, style, width, text);
  show_layout (w, style, layout, w->margin_x + x, y);
  return layout_height (layout);
}

void
sd_doc_text (SdDocWriter      *w,
             const SdDocStyle *style,
             double            x,
             double            width,
             const char       *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  double height;

  if (text == NULL || *text == '\0')
    return;
  if (width <= 0)
    width = sd_doc_content_width (w) - x;
  layout = make_layout (w, style, width, text);
  height = layout_height (layout);
  sd_doc_ensure (w, height);
  show_layout (w, style, layout, w->margin_x + x, w->y);
  w->y += height;
}

void
sd_doc_pair (SdDocWriter      *w,
             const SdDocStyle *style,
             const char       *label,
             const char       *value)
{
  SdDocStyle left = *style, right = *style;
  g_autoptr(PangoLayout) value_layout = NULL;
  g_autoptr(PangoLayout) label_layout = NULL;
  PangoRectangle logical;
  double content = sd_doc_content_width (w);
  double value_width, height;

  left.align = SD_DOC_ALIGN_LEFT;
  right.align = SD_DOC_ALIGN_RIGHT;
  value_layout = make_layout (w, &right, 0, value);
  pango_layout_get_extents (value_layout, NULL, &logical);
  value_width = MIN ((double) logical.width / PANGO_SCALE, content * 0.6);
  /* a value wider than 60 % wraps in its own column */
  g_clear_object (&value_layout);
  value_layout = make_layout (w, &right, value_width + 0.5, value);
  label_layout = make_layout (w, &left, MAX (content - value_width - 6, 10), label);
  height = MAX (layout_height (label_layout), layout_height (value_layout));
  sd_doc_ensure (w, height);
  show_layout (w, &left, label_layout, w->margin_x, w->y);
  show_layout (w, &right, value_layout, w->margin_x + content - value_width - 0.5, w->y);
  w->y += height;
}

void
sd_doc_rule (SdDocWriter *w,
             double       thickness,
             gboolean     dashed)
{
  sd_doc_ensure (w, 6 + thickness);
  w->y += 3;
  if (w->cr != NULL)
    {
      double dash[] = { 2.0, 1.5 };

      cairo_save (w->cr);
      cairo_set_line_width (w->cr, thickness);
      if (dashed)
        cairo_set_dash (w->cr, dash, 2, 0);
      cairo_move_to (w->cr, w->margin_x, w->y + thickness / 2);
      cairo_line_to (w->cr, w->page_width - w->margin_x, w->y + thickness / 2);
      cairo_stroke (w->cr);
      cairo_restore (w->cr);
    }
  w->y += thickness + 3;
}

void
sd_doc_signatures (SdDocWriter       *w,
                   const SdDocStyle  *style,
                   const char *const *labels,
                   guint              n_labels)
{
  double slot = sd_doc_content_width (w) / n_labels;
  double height = 0;

  for (guint i = 0; i < n_labels; i++)
    height = MAX (height, sd_doc_text_height (w, style, slot - 12, labels[i]));
  sd_doc_ensure (w, height + 30);
  for (guint i = 0; i < n_labels; i++)
    sd_doc_text_at (w, style, i * slot, w->y, slot - 12, labels[i]);
  w->y += height + 24;
  if (w->cr != NULL)
    {
      cairo_save (w->cr);
      cairo_set_line_width (w->cr, 0.6);
      for (guint i = 0; i < n_labels; i++)
        {
          cairo_move_to (w->cr, w->margin_x + i * slot, w->y);
          cairo_line_to (w->cr, w->margin_x + (i + 1) * slot - 12, w->y);
        }
      cairo_stroke (w->cr);
      cairo_restore (w->cr);
    }
  w->y += 6;
}

/* --- tables ------------------------------------------------------------------------------- */

/* Lays out (and draws when `draw`) one row at the cursor; returns its height. */
static double
table_row (SdDocWriter       *w,
           const char *const *cells,
           gboolean           bold,
           gboolean           draw)
{
  double content = sd_doc_content_width (w);
  PangoLayout *layouts[16];
  double height = 0, x = w->margin_x;
  guint n = MIN (w->n_columns, G_N_ELEMENTS (layouts));

  for (guint i = 0; i < n; i++)
    {
      SdDocStyle style = { w->table_size, bold, w->columns[i].align, 0 };
      double width = w->columns[i].width * content - 2 * CELL_PAD_X;

      layouts[i] = make_layout (w, &style, MAX (width, 4), cells[i]);
      height = MAX (height, layout_height (layouts[i]));
    }
  height += 2 * CELL_PAD_Y;
  if (draw)
    {
      sd_doc_ensure (w, height);
      for (guint i = 0; i < n; i++)
        {
          SdDocStyle style = { w->table_size, bold, w->columns[i].align, 0 };

          show_layout (w, &style, layouts[i], x + CELL_PAD_X, w->y + CELL_PAD_Y);
          x += w->columns[i].width * content;
        }
      w->y += height;
    }
  for (guint i = 0; i < n; i++)
    g_object_unref (layouts[i]);
  return height;
}

static void
table_line (SdDocWriter *w,
            double       thickness,
            double       gray)
{
  if (w->cr == NULL)
    return;
  cairo_save (w->cr);
  cairo_set_source_rgb (w->cr, gray, gray, gray);
  cairo_set_line_width (w->cr, thickness);
  cairo_move_to (w->cr, w->margin_x, w->y);
  cairo_line_to (w->cr, w->page_width - w->margin_x, w->y);
  cairo_stroke (w->cr);
  cairo_restore (w->cr);
}

static void
draw_table_header (SdDocWriter *w)
{
  const char *titles[16];

  for (guint i = 0; i < w->n_columns && i < G_N_ELEMENTS (titles); i++)
    titles[i] = w->columns[i].title;
  table_line (w, 0.8, 0);
  table_row (w, titles, TRUE, TRUE);
  table_line (w, 0.5, 0);
}

void
sd_doc_table_begin (SdDocWriter       *w,
                    const SdDocColumn *columns,
                    guint              n_columns,
                    double             size)
{
  const char *titles[16];
  double header;

  g_return_if_fail (n_columns <= 16);
  w->columns = columns;
  w->n_columns = n_columns;
  w->table_size = size;
  for (guint i = 0; i < n_columns; i++)
    titles[i] = columns[i].title;
  /* keep the header with at least one row */
  header = table_row (w, titles, TRUE, FALSE);
  w->columns = NULL;
  sd_doc_ensure (w, 2.2 * header);
  w->columns = columns;
  draw_table_header (w);
}

void
sd_doc_table_row (SdDocWriter       *w,
                  const char *const *cells,
                  gboolean           bold)
{
  table_row (w, cells, bold, TRUE);
  table_line (w, 0.3, 0.6);
}

void
sd_doc_table_end (SdDocWriter *w)
{
  table_line (w, 0.8, 0);
  w->columns = NULL;
  w->n_columns = 0;
  w->y += 2;
}

/* --- pictures ----------------------------------------------------------------------------- */

void
sd_doc_qr_at (SdDocWriter *w,
              const char  *text,
              double       x,
              double       y,
              double       side)
{
  QRcode *code;
  double module;

  if (w->cr == NULL)
    return;
  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    return;
  /* a quiet zone of two modules on each side */
  module = side / (code->width + 4);
  cairo_save (w->cr);
  cairo_set_source_rgb (w->cr, 0, 0, 0);
  for (int row = 0; row < code->width; row++)
    for (int col = 0; col < code->width; col++)
      if (code->data[row * code->width + col] & 1)
        cairo_rectangle (w->cr, x + (col + 2) * module, y + (row + 2) * module, module, module);
  cairo_fill (w->cr);
  cairo_restore (w->cr);
  QRcode_free (code);
}

/* A pixbuf as a cairo image surface (premultiplied ARGB). */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf), stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guchar *out = cairo_image_surface_get_data (surface);
  int out_stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int yy = 0; yy < height; yy++)
    for (int xx = 0; xx < width; xx++)
      {
        const guchar *p = pixels + yy * stride + xx * channels;
        guint a = channels == 4 ? p[3] : 255;
        guint32 *o = (guint32 *) (out + yy * out_stride) + xx;

        *o = (a << 24) | ((p[0] * a / 255) << 16) | ((p[1] * a / 255) << 8) | (p[2] * a / 255);
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

double
sd_doc_image_at (SdDocWriter *w,
                 const char  *path,
                 double       x,
                 double       y,
                 double       max_width,
                 double       max_height,
                 SdDocAlign   align)
{
  /* the logo of the last document, kept for the next one (a batch of statements) */
  static char *cached_path;
  static GdkPixbuf *cached;
  static gint64 cached_mtime;
  GStatBuf st;
  double scale, width, height;

  if (path == NULL || *path == '\0' || g_stat (path, &st) != 0)
    return 0;
  if (g_strcmp0 (path, cached_path) != 0 || (gint64) st.st_mtime != cached_mtime)
    {
      cached_mtime = (gint64) st.st_mtime;
      g_clear_object (&cached);
      g_free (cached_path);
      cached_path = g_strdup (path);
      cached = gdk_pixbuf_new_from_file (path, NULL);
    }
  if (cached == NULL)
    return 0;
  scale = MIN (max_width / gdk_pixbuf_get_width (cached), max_height / gdk_pixbuf_get_height (cached));
  width = gdk_pixbuf_get_width (cached) * scale;
  height = gdk_pixbuf_get_height (cached) * scale;
  if (align == SD_DOC_ALIGN_CENTER)
    x += (max_width - width) / 2;
  else if (align == SD_DOC_ALIGN_RIGHT)
    x += max_width - width;
  if (w->cr != NULL)
    {
      cairo_surface_t *surface = surface_from_pixbuf (cached);

      cairo_save (w->cr);
      cairo_translate (w->cr, w->margin_x + x, y);
      cairo_scale (w->cr, scale, scale);
      cairo_set_source_surface (w->cr, surface, 0, 0);
      cairo_paint (w->cr);
      cairo_restore (w->cr);
      cairo_surface_destroy (surface);
    }
  return height;
}
