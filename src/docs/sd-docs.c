/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Document kinds, their paper, the blocks they share, and the public entry points. */
#define G_LOG_DOMAIN "songda-docs"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <cairo-pdf.h>

#include "sd-docs-private.h"
#include "sd-ledger.h"
#include "sd-money.h"

#define MM(x) ((x) * 72.0 / 25.4)

static const struct {
  const char *id;
  const char *label;
} kinds[SD_DOC_N_KINDS] = {
  { "receipt58", N_("Receipt, 58 mm") },
  { "receipt80", N_("Receipt, 80 mm") },
  { "slip", N_("Delivery slip, A5") },
  { "slip-a4", N_("Delivery slip, A4") },
  { "bill", N_("Payment receipt, A4") },
  { "statement", N_("Monthly statement") },
  { "route-sheet", N_("Route sheet") },
};

const char *
sd_doc_kind_to_string (SdDocKind kind)
{
  g_return_val_if_fail ((guint) kind < SD_DOC_N_KINDS, "receipt58");
  return kinds[kind].id;
}

gboolean
sd_doc_kind_from_string (const char *text,
                         SdDocKind  *out_kind)
{
  for (guint i = 0; i < SD_DOC_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i].id) == 0)
      {
        *out_kind = (SdDocKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sd_doc_kind_label (SdDocKind kind)
{
  g_return_val_if_fail ((guint) kind < SD_DOC_N_KINDS, "");
  return _(kinds[kind].label);
}

void
sd_doc_kind_page_size (SdDocKind  kind,
                       double    *width_pt,
                       double    *height_pt)
{
  double w, h;

  switch (kind)
    {
    case SD_DOC_RECEIPT_58:
      w = MM (58), h = 0;
      break;
    case SD_DOC_RECEIPT_80:
      w = MM (80), h = 0;
      break;
    case SD_DOC_SLIP_A5:
      w = MM (148), h = MM (210);
      break;
    case SD_DOC_SLIP_A4:
    case SD_DOC_BILL:
    case SD_DOC_STATEMENT:
    case SD_DOC_ROUTE_SHEET:
    default:
      w = MM (210), h = MM (297);
      break;
    }
  if (width_pt != NULL)
    *width_pt = w;
  if (height_pt != NULL)
    *height_pt = h;
}

void
_sd_doc_geometry (SdDocKind      kind,
                  SdDocGeometry *geometry)
{
  memset (geometry, 0, sizeof *geometry);
  sd_doc_kind_page_size (kind, &geometry->width, &geometry->height);
  switch (kind)
    {
    case SD_DOC_RECEIPT_58:
      /* 58 mm paper, 48 mm printable */
      geometry->margin_x = MM (5);
      geometry->margin_top = MM (3);
      geometry->margin_bottom = MM (6);
      break;
    case SD_DOC_RECEIPT_80:
      /* 80 mm paper, 72 mm printable */
      geometry->margin_x = MM (4);
      geometry->margin_top = MM (3);
      geometry->margin_bottom = MM (6);
      break;
    case SD_DOC_SLIP_A5:
      geometry->margin_x = MM (10);
      geometry->margin_top = MM (10);
      geometry->margin_bottom = MM (12);
      geometry->page_numbers = TRUE;
      break;
    default:
      geometry->margin_x = MM (15);
      geometry->margin_top = MM (14);
      geometry->margin_bottom = MM (16);
      geometry->page_numbers = TRUE;
      break;
    }
}

/* --- shared blocks ------------------------------------------------------------------------ */

char *
_sd_doc_local_time (gint64 utc)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (utc);

  return time ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("");
}

char *
_sd_doc_signed (gint64 value)
{
  if (value == 0)
    return g_strdup ("");
  return g_strdup_printf ("%s%" G_GINT64_FORMAT, value > 0 ? "+" : "−", value > 0 ? value : -value);
}

char *
_sd_doc_signed_money (gint64 fen)
{
  g_autofree char *plain = NULL;

  if (fen == 0)
    return g_strdup ("");
  plain = sd_money_format_plain (fen > 0 ? fen : -fen);
  return g_strdup_printf ("%s%s", fen > 0 ? "" : "−", plain);
}

char *
_sd_doc_order_qr_text (gint64 order_id)
{
  return g_strdup_printf ("songda-order:%" G_GINT64_FORMAT, order_id);
}

char *
_sd_doc_money_capital (gint64 fen)
{
  static const char *digits[] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };
  static const char *units[] = { "", "拾", "佰", "仟" };
  static const char *groups[] = { "", "万", "亿", "万亿" };
  GString *out = g_string_new (fen < 0 ? "负" : "");
  guint64 magnitude = fen < 0 ? (guint64) 0 - (guint64) fen : (guint64) fen;
  guint64 yuan = magnitude / 100;
  guint jiao = (guint) (magnitude / 10 % 10), fen_digit = (guint) (magnitude % 10);

  if (yuan > 0)
    {
      char text[32];
      gsize n;
      gboolean zero = FALSE;

      g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, yuan);
      n = strlen (text);
      for (gsize i = 0; i < n; i++)
        {
          guint d = (guint) (text[i] - '0');
          gsize pos = n - 1 - i;

          if (d == 0)
            zero = TRUE;
          else
            {
              if (zero)
                g_string_append (out, digits[0]);
              zero = FALSE;
              g_string_append (out, digits[d]);
              g_string_append (out, units[pos % 4]);
            }
          if (pos % 4 == 0 && pos > 0 && pos / 4 < G_N_ELEMENTS (groups))
            {
              /* a group of four with any digit gets its name (万, 亿) */
              gboolean any = FALSE;
              for (gsize j = (i >= 3 ? i - 3 : 0); j <= i; j++)
                any = any || text[j] != '0';
              if (any)
                g_string_append (out, groups[pos / 4]);
            }
        }
      g_string_append (out, "元");
    }
  if (jiao == 0 && fen_digit == 0)
    g_string_append (out, yuan > 0 ? "整" : "零元整");
  else
    {
      if (jiao > 0)
        g_string_append_printf (out, "%s角", digits[jiao]);
      else if (yuan > 0)
        g_string_append (out, digits[0]);
      if (fen_digit > 0)
        g_string_append_printf (out, "%s分", digits[fen_digit]);
      else
        g_string_append (out, "整");
    }
  return g_string_free (out, FALSE);
}

void
_sd_doc_page_header (SdDocWriter        *w,
                     const SdShopHeader *shop,
                     const char         *title,
                     const char         *subtitle,
                     const char         *qr_text)
{
  SdDocStyle name = { 14, TRUE, SD_DOC_ALIGN_LEFT, 0 };
  SdDocStyle small = { 8.5, FALSE, SD_DOC_ALIGN_LEFT, 0.25 };
  SdDocStyle title_style = { 16, TRUE, SD_DOC_ALIGN_RIGHT, 0 };
  SdDocStyle sub = { 9, FALSE, SD_DOC_ALIGN_RIGHT, 0 };
  double content = sd_doc_content_width (w);
  double qr = qr_text ? 58 : 0;
  double top = w->y, left_y = w->y, right_y = w->y;
  double left_width = content * 0.52;
  double logo;
  g_autofree char *contact = NULL;

  logo = sd_doc_image_at (w, shop->logo_path, 0, top, 44, 44, SD_DOC_ALIGN_LEFT);
  if (logo > 0)
    {
      left_width -= 50;
      left_y = top;
    }
  left_y += sd_doc_text_at (w, &name, logo > 0 ? 50 : 0, left_y, left_width, shop->name);
  left_y += sd_doc_text_at (w, &small, logo > 0 ? 50 : 0, left_y, left_width, shop->address);
  if (shop->phone != NULL && *shop->phone)
    {
      /* TRANSLATORS: the shop's phone in a document's header */
      contact = g_strdup_printf (_("Tel. %s"), shop->phone);
      left_y += sd_doc_text_at (w, &small, logo > 0 ? 50 : 0, left_y, left_width, contact);
    }
  left_y = MAX (left_y, top + logo);

  right_y += sd_doc_text_at (w, &title_style, content * 0.52, right_y,
                             content * 0.48 - qr - (qr > 0 ? 6 : 0), title);
  if (subtitle != NULL)
    right_y += sd_doc_text_at (w, &sub, content * 0.52, right_y,
                               content * 0.48 - qr - (qr > 0 ? 6 : 0), subtitle);
  if (qr_text != NULL)
    {
      sd_doc_qr_at (w, qr_text, w->margin_x + content - qr, top - 4, qr);
      right_y = MAX (right_y, top + qr - 6);
    }
  w->y = MAX (left_y, right_y) + 2;
  sd_doc_rule (w, 1.0, FALSE);
}

void
_sd_doc_balance_pairs (SdDocWriter         *w,
                       const SdDocStyle    *style,
                       const SdDocBalances *balances)
{
  g_autofree char *prepaid = sd_money_format (balances->prepaid_fen);
  g_autofree char *deposit = sd_money_format (balances->deposit_fen);
  g_autofree char *owed = NULL;
  g_autofree char *buckets = g_strdup_printf ("%" G_GINT64_FORMAT, balances->buckets);

  if (balances->tickets == NULL || balances->tickets->len == 0)
    sd_doc_pair (w, style, sd_ledger_kind_label (SD_LEDGER_TICKETS), "0");
  for (guint i = 0; balances->tickets != NULL && i < balances->tickets->len; i++)
    {
      const SdDocTickets *t = g_ptr_array_index (balances->tickets, i);
      /* TRANSLATORS: water tickets of one product, e.g. “Water tickets · 18.9 L water” */
      g_autofree char *label = g_strdup_printf (_("%s · %s"),
                                                sd_ledger_kind_label (SD_LEDGER_TICKETS),
                                                t->product_name);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, t->tickets);

      sd_doc_pair (w, style, label, count);
    }
  sd_doc_pair (w, style, sd_ledger_kind_label (SD_LEDGER_PREPAID), prepaid);
  sd_doc_pair (w, style, sd_ledger_kind_label (SD_LEDGER_DEPOSIT), deposit);
  sd_doc_pair (w, style, sd_ledger_kind_label (SD_LEDGER_BUCKETS), buckets);
  if (balances->receivable_fen < 0)
    {
      owed = sd_money_format (-balances->receivable_fen);
      sd_doc_pair (w, style, _("Credit"), owed);
    }
  else
    {
      owed = sd_money_format (balances->receivable_fen);
      sd_doc_pair (w, style, sd_ledger_kind_label (SD_LEDGER_RECEIVABLE), owed);
    }
}

void
_sd_doc_footer (SdDocWriter        *w,
                const SdDocStyle   *style,
                const SdShopHeader *shop)
{
  SdDocStyle small = *style;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *printed = g_strdup_printf (_("Printed %s"), stamp);

  if (shop->footer != NULL && *shop->footer)
    {
      sd_doc_space (w, 3);
      sd_doc_text (w, style, 0, 0, shop->footer);
    }
  small.size = style->size * 0.85;
  small.gray = 0.35;
  sd_doc_text (w, &small, 0, 0, printed);
}

/* --- entry points ------------------------------------------------------------------------- */

GBytes *
sd_doc_render_order (SdStore    *store,
                     SdDocKind   kind,
                     gint64      order_id,
                     GError    **error)
{
  g_autoptr(SdReceiptData) data = NULL;
  SdDocGeometry geometry;
  SdOrderDoc doc;
  SdDocLayoutFunc layout;
  GByteArray *out;
  cairo_surface_t *pdf;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  switch (kind)
    {
    case SD_DOC_RECEIPT_58:
    case SD_DOC_RECEIPT_80:
      layout = _sd_doc_layout_receipt;
      break;
    case SD_DOC_SLIP_A5:
    case SD_DOC_SLIP_A4:
      layout = _sd_doc_layout_slip;
      break;
    case SD_DOC_BILL:
      layout = _sd_doc_layout_bill;
      break;
    default:
      g_set_error (error, SD_DOC_ERROR, SD_DOC_ERROR_INVALID,
                   _("A %s is not a document of one order"), sd_doc_kind_label (kind));
      return NULL;
    }
  if (!sd_doc_check_fonts (error))
    return NULL;
  data = sd_store_load_receipt_data (store, order_id, error);
  if (data == NULL)
    return NULL;

  _sd_doc_geometry (kind, &geometry);
  doc.kind = kind;
  doc.data = data;
  out = g_byte_array_new ();
  pdf = _sd_doc_pdf_new (out);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, data->order_no);
  if (!_sd_doc_render (pdf, &geometry, layout, &doc, error))
    {
      cairo_surface_destroy (pdf);
      g_byte_array_unref (out);
      return NULL;
    }
  return _sd_doc_pdf_finish (pdf, out, error);
}

static gboolean
render_statement (cairo_surface_t  *pdf,
                  SdStore          *store,
                  const char       *month,
                  gint64            customer_id,
                  GError          **error)
{
  g_autoptr(SdStatementData) data = sd_store_load_statement_data (store, customer_id, month, error);
  SdDocGeometry geometry;

  if (data == NULL)
    return FALSE;
  _sd_doc_geometry (SD_DOC_STATEMENT, &geometry);
  return _sd_doc_render (pdf, &geometry, _sd_doc_layout_statement, data, error);
}

static GArray *
statement_customers (SdStore     *store,
                     const char  *month,
                     GError     **error)
{
  gint64 start, end;

  if (!sd_month_range (month, &start, &end))
    {
      g_set_error (error, SD_DOC_ERROR, SD_DOC_ERROR_INVALID,
                   _("“%s” is not a month; write it as YYYY-MM, e.g. 2026-05"), month ? month : "");
      return NULL;
    }
  return sd_store_list_statement_customers (store, month, error);
}

GBytes *
sd_doc_render_statements (SdStore     *store,
                          const char  *month,
                          gint64       customer_id,
                          GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  GByteArray *out;
  cairo_surface_t *pdf;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  if (!sd_doc_check_fonts (error))
    return NULL;
  if (customer_id > 0)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (ids, customer_id);
    }
  else if ((ids = statement_customers (store, month, error)) == NULL)
    return NULL;
  if (ids->len == 0)
    {
      g_set_error (error, SD_DOC_ERROR, SD_DOC_ERROR_INVALID,
                   _("No customer had any activity or balance in %s"), month);
      return NULL;
    }

  out = g_byte_array_new ();
  pdf = _sd_doc_pdf_new (out);
  for (guint i = 0; i < ids->len; i++)
    if (!render_statement (pdf, store, month, g_array_index (ids, gint64, i), error))
      {
        cairo_surface_destroy (pdf);
        g_byte_array_unref (out);
        return NULL;
      }
  return _sd_doc_pdf_finish (pdf, out, error);
}

/* "12-王阿姨-2026-05.pdf": characters file systems refuse become “_”. */
static char *
statement_file_name (gint64      customer_id,
                     const char *name,
                     const char *month)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%" G_GINT64_FORMAT "-", customer_id);
  for (const char *p = name; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", (int) c) != NULL || (c == '.' && p == name))
        g_string_append_c (out, '_');
      else if (g_unichar_isspace (c))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
      if (out->len > 120)
        break;
    }
  g_string_append_printf (out, "-%s.pdf", month);
  return g_string_free (out, FALSE);
}

int
sd_doc_write_statements (SdStore     *store,
                         const char  *month,
                         GFile       *directory,
                         GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  int written = 0;

  g_return_val_if_fail (SD_IS_STORE (store), -1);
  g_return_val_if_fail (G_IS_FILE (directory), -1);

  if (!sd_doc_check_fonts (error))
    return -1;
  ids = statement_customers (store, month, error);
  if (ids == NULL)
    return -1;
  if (!g_file_make_directory_with_parents (directory, NULL, error))
    {
      if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return -1;
      g_clear_error (error);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SdStatementData) data = sd_store_load_statement_data (store, id, month, error);
      g_autofree char *name = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GBytes) bytes = NULL;
      SdDocGeometry geometry;
      GByteArray *out;
      cairo_surface_t *pdf;

      if (data == NULL)
        return -1;
      _sd_doc_geometry (SD_DOC_STATEMENT, &geometry);
      out = g_byte_array_new ();
      pdf = _sd_doc_pdf_new (out);
      if (!_sd_doc_render (pdf, &geometry, _sd_doc_layout_statement, data, error))
        {
          cairo_surface_destroy (pdf);
          g_byte_array_unref (out);
          return -1;
        }
      bytes = _sd_doc_pdf_finish (pdf, out, error);
      if (bytes == NULL)
        return -1;
      name = statement_file_name (id, data->customer_name, month);
      file = g_file_get_child (directory, name);
      if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error))
        return -1;
      written++;
    }
  return written;
}
