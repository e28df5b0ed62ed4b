/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Documents generated from a demo shop, read back with Poppler: the figures, the paper,
 * every text box inside the page (inside the printable width on receipts), the CJK font
 * embedded. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <poppler.h>

#include "sd-catalog.h"
#include "sd-customer-store.h"
#include "sd-demo.h"
#include "sd-doc-data.h"
#include "sd-docs.h"
#include "sd-docs-private.h"
#include "sd-i18n.h"
#include "sd-ledger.h"
#include "sd-money.h"
#include "sd-order.h"
#include "sd-payment.h"
#include "sd-pricing.h"
#include "../core/test-util.h"

/* poppler-glib 22.12 declares no autoptr cleanups */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define MM(x) ((x) * 72.0 / 25.4)
#define LONG_NAME "特级天然山泉水含矿物质家庭装十八点九升大桶配送到家长名称测试商品"
#define MONTH "2026-05"

typedef struct {
  char    *dir;
  SdStore *store;
  gint64   now;
  gint64   water;          /* the demo's returnable 18.9 L water */
  gint64   water_price;
  gint64   longname;       /* ¥23.50, LONG_NAME */
  gint64   customer;       /* 测试客户: deposit, tickets, three orders */
  gint64   address;
  gint64   ticket_order;   /* 2 water with tickets + 3 LONG_NAME charged, paid cash after */
  gint64   cash_order;     /* 1 water, cash on delivery, collected */
  gint64   monthly_order;  /* 4 LONG_NAME on the monthly account */
  gboolean keep_empties;   /* deliver without taking empties back */
  gboolean ticking;        /* the clock moves a second at every reading */
} Fixture;

static gint64
fixture_clock (gpointer data)
{
  Fixture *f = data;

  return f->ticking ? f->now++ : f->now;
}

static gint64
make_order (Fixture *f, SdOrderPayment payment, gint64 product, int n, gint64 product2, int n2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_order_new (f->customer, f->address, "2026-05-28", payment);
  SdTransitionOptions options;

  sd_order_add_line (order, product, n);
  if (product2 > 0)
    sd_order_add_line (order, product2, n2);
  g_assert_true (sd_store_create_order (f->store, order, "店长", &error));
  g_assert_no_error (error);
  sd_transition_options_init (&options);
  g_assert_true (sd_store_transition_order (f->store, order->id, SD_ORDER_TO_DISPATCH, "店长",
                                            NULL, NULL, &error));
  g_assert_true (sd_store_transition_order (f->store, order->id, SD_ORDER_OUT_FOR_DELIVERY, "店长",
                                            NULL, NULL, &error));
  if (f->keep_empties)
    options.empties_back = 0;
  if (payment == SD_PAY_CASH_ON_DELIVERY)
    {
      options.collected_fen = order->total_fen;
      options.collected_method = SD_METHOD_CASH;
    }
  g_assert_true (sd_store_transition_order (f->store, order->id, SD_ORDER_DELIVERED, "小陈",
                                            NULL, &options, &error));
  g_assert_no_error (error);
  f->now += 60;
  return order->id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(SdCustomer) c = sd_customer_new ();
  g_autoptr(SdTicketPlan) plan = NULL;
  SdProduct longname = { .name = (char *) LONG_NAME, .unit = (char *) "桶", .category = (char *) "桶装水",
                         .price_fen = 2350, .active = TRUE };
  SdAddress *address;
  SdDemoOptions options;
  SdPaymentHow cash = { .method = SD_METHOD_CASH, .who = "店长" };

  f->dir = test_tmp_dir ();
  path = g_build_filename (f->dir, "shop.db", NULL);
  f->store = sd_store_open (path, &error);
  g_assert_no_error (error);
  sd_demo_options_init (&options);
  options.seed = 7;
  options.n_customers = 40;
  options.reference_time = 1780000000;   /* 2026-05-28 20:26 UTC */
  g_assert_true (sd_demo_generate (f->store, &options, &error));
  g_assert_no_error (error);
  f->now = 1780000000 + 600;
  sd_store_set_clock (f->store, fixture_clock, f);

  products = sd_store_list_products (f->store, FALSE, &error);
  for (guint i = 0; i < products->len && f->water == 0; i++)
    {
      SdProduct *p = g_ptr_array_index (products, i);
      if (p->returnable_bucket)
        f->water = p->id, f->water_price = p->price_fen;
    }
  g_assert_cmpint (f->water, >, 0);
  g_assert_true (sd_store_save_product (f->store, &longname, &error));
  f->longname = longname.id;

  sd_customer_set_name (c, "测试客户");
  sd_customer_add_phone (c, "13800138000", "");
  address = sd_address_new ("杭州市西湖区文三路478号华星时代广场A座1203室");
  g_free (address->instructions);
  address->instructions = g_strdup ("放门口保温箱，3楼无电梯");
  sd_customer_add_address (c, address);
  g_assert_true (sd_store_save_customer (f->store, c, &error));
  g_assert_no_error (error);
  f->customer = sd_customer_get_id (c);
  f->address = ((SdAddress *) g_ptr_array_index (sd_customer_get_addresses (c), 0))->id;

  g_assert_cmpint (sd_store_take_deposit (f->store, f->customer, f->water, 3, &cash, &error), >, 0);
  plan = sd_ticket_plan_new ("20 张送 2 张", f->water, 20, 2, 30000);
  g_assert_true (sd_store_save_ticket_plan (f->store, plan, &error));
  g_assert_cmpint (sd_store_sell_ticket_plan (f->store, f->customer, plan->id, &cash, &error), >, 0);
  g_assert_no_error (error);
  f->now += 60;

  f->ticket_order = make_order (f, SD_PAY_TICKETS, f->water, 2, f->longname, 3);
  g_assert_cmpint (sd_store_record_payment (f->store, f->customer, f->ticket_order, 7050, &cash,
                                            &error), >, 0);
  g_assert_no_error (error);
  f->cash_order = make_order (f, SD_PAY_CASH_ON_DELIVERY, f->water, 1, 0, 0);
  f->monthly_order = make_order (f, SD_PAY_MONTHLY_ACCOUNT, f->longname, 4, 0, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  test_rm_rf (f->dir);
  g_free (f->dir);
}

/* --- reading a PDF back ------------------------------------------------------------------- */

static PopplerDocument *
open_pdf (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc;

  g_assert_nonnull (bytes);
  doc = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* The page drawn by Poppler at 2 × 72 dpi on white. */
static cairo_surface_t *
render_page (PopplerPage *page, double w, double h)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * 2),
                                                       (int) ceil (h * 2));
  cairo_t *cr = cairo_create (image);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 2, 2);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

/* Whether anything dark was drawn inside the box: a glyph whose outline the PDF lost would
 * still be read back as text, but print blank. */
static gboolean
has_ink (cairo_surface_t *image, const PopplerRectangle *r)
{
  const guchar *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  int width = cairo_image_surface_get_width (image), height = cairo_image_surface_get_height (image);

  for (int y = MAX (0, (int) (r->y1 * 2)); y < MIN (height, (int) ceil (r->y2 * 2)); y++)
    for (int x = MAX (0, (int) (r->x1 * 2)); x < MIN (width, (int) ceil (r->x2 * 2)); x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        if (((px >> 16) & 0xff) + ((px >> 8) & 0xff) + (px & 0xff) < 3 * 160)
          return TRUE;
      }
  return FALSE;
}

/* The text of every page, and checks that run on every page: size, boxes inside
 * [min_x, max_x] × [0, height], ink in every character's box. */
static char *
pdf_text (PopplerDocument *doc,
          double           width,
          double           height,    /* 0: continuous, any height */
          double           min_x,
          double           max_x)
{
  GString *all = g_string_new (NULL);
  int n = poppler_document_get_n_pages (doc);

  g_assert_cmpint (n, >=, 1);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      PopplerRectangle *rects = NULL;
      cairo_surface_t *image;
      guint n_rects = 0;
      double w, h;
      const char *p;
      guint k = 0;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, width, 0.5);
      if (height > 0)
        g_assert_cmpfloat_with_epsilon (h, height, 0.5);
      else
        g_assert_cmpfloat (h, >, 100);

      image = render_page (page, w, h);
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      for (p = text; *p && k < n_rects; p = g_utf8_next_char (p), k++)
        {
          gunichar ch = g_utf8_get_char (p);
          if (g_unichar_isspace (ch))
            continue;
          if (rects[k].x1 < min_x - 0.5 || rects[k].x2 > max_x + 0.5 || rects[k].y1 < 0 ||
              rects[k].y2 > h + 0.01)
            g_error ("page %d: “%s” at %.1f,%.1f–%.1f,%.1f lies outside %.1f–%.1f × %.1f",
                     i + 1, p, rects[k].x1, rects[k].y1, rects[k].x2, rects[k].y2, min_x, max_x, h);
          if (!has_ink (image, &rects[k]))
            g_error ("page %d: “%.6s” at %.1f,%.1f is read back but not drawn", i + 1, p,
                     rects[k].x1, rects[k].y1);
        }
      g_free (rects);
      cairo_surface_destroy (image);
      g_string_append (all, text);
      g_string_append_c (all, '\f');
    }
  return g_string_free (all, FALSE);
}

static void
assert_cjk_font_embedded (PopplerDocument *doc)
{
  PopplerFontInfo *info = poppler_font_info_new (doc);
  PopplerFontsIter *iter = NULL;
  gboolean found = FALSE;

  while (poppler_font_info_scan (info, poppler_document_get_n_pages (doc), &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          const char *name = poppler_fonts_iter_get_name (iter);
          if (name != NULL && poppler_fonts_iter_is_embedded (iter) &&
              (strstr (name, "CJK") || strstr (name, "Noto") || strstr (name, "WenQuanYi") ||
               strstr (name, "Source Han") || strstr (name, "SourceHan")))
            found = TRUE;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  poppler_font_info_free (info);
  g_assert_true (found);
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the document:\n%s", needle, text);
}

static void
assert_money (const char *text,
              gint64      fen)
{
  g_autofree char *money = sd_money_format (fen);
  assert_has (text, money);
}

static void
save_pdf (GBytes *bytes, const char *name)
{
  /* SONGDA_DOCS_OUT=dir keeps the PDFs for a person to look at */
  const char *dir = g_getenv ("SONGDA_DOCS_OUT");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), NULL));
}

/* --- tests -------------------------------------------------------------------------------- */

static void
test_kinds (void)
{
  double w, h;
  SdDocKind kind;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i <= SD_DOC_ROUTE_SHEET; i++)
    {
      g_assert_true (sd_doc_kind_from_string (sd_doc_kind_to_string ((SdDocKind) i), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpstr (sd_doc_kind_label ((SdDocKind) i), !=, "");
    }
  g_assert_false (sd_doc_kind_from_string ("receipt", &kind));
  sd_doc_kind_page_size (SD_DOC_RECEIPT_58, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 164.4, 0.1);
  g_assert_cmpfloat (h, ==, 0);
  sd_doc_kind_page_size (SD_DOC_RECEIPT_80, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 226.8, 0.1);
  sd_doc_kind_page_size (SD_DOC_SLIP_A5, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 419.5, 0.1);
  g_assert_cmpfloat_with_epsilon (h, 595.3, 0.1);
  sd_doc_kind_page_size (SD_DOC_BILL, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 595.3, 0.1);
  g_assert_cmpfloat_with_epsilon (h, 841.9, 0.1);
  g_assert_true (sd_doc_check_fonts (&error));
  g_assert_no_error (error);
}

static void
check_receipt (Fixture *f, SdDocKind kind, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = sd_doc_render_order (f->store, kind, f->ticket_order, &error);
  g_autoptr(SdReceiptData) data = sd_store_load_receipt_data (f->store, f->ticket_order, &error);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  double width, margin = kind == SD_DOC_RECEIPT_58 ? MM (5) : MM (4);

  g_assert_no_error (error);
  save_pdf (pdf, name);
  doc = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  sd_doc_kind_page_size (kind, &width, NULL);
  /* nothing wider than the printable width (48 / 72 mm) */
  text = pdf_text (doc, width, 0, margin, width - margin);
  flat = squeeze (text);
  assert_cjk_font_embedded (doc);

  assert_has (text, "清泉水站");
  assert_has (text, "测试客户");
  assert_has (flat, "放门口保温箱");
  assert_has (flat, LONG_NAME);         /* wrapped, not clipped */
  /* the lines: 2 × water (tickets), 3 × ¥23.50 */
  g_assert_cmpuint (data->lines->len, ==, 2);
  assert_money (text, 2 * f->water_price);
  assert_money (text, 7050);
  assert_money (text, 2 * f->water_price + 7050);   /* total */
  g_assert_cmpint (data->total_fen, ==, 2 * f->water_price + 7050);
  g_assert_cmpint (data->tickets_used, ==, 2);
  g_assert_cmpint (data->due_fen, ==, 7050);
  g_assert_cmpint (data->charged_fen, ==, 7050);
  g_assert_cmpint (data->paid_fen, ==, 7050);
  /* balances after this order: 22 − 2 tickets, deposit 3 × ¥50, 3 + 2 − 2 buckets */
  g_assert_true (data->balances_after_delivery);
  g_assert_cmpint (sd_doc_balances_tickets (&data->balances, f->water), ==, 20);
  assert_has (text, "20");
  assert_money (text, data->balances.deposit_fen);
  g_assert_cmpint (data->balances.receivable_fen, ==, 0);
  assert_has (text, "Receipt");
  assert_has (text, data->order_no);
  assert_has (text, "感谢惠顾");
}

static void
test_receipt58 (Fixture *f, gconstpointer unused)
{
  check_receipt (f, SD_DOC_RECEIPT_58, "receipt58.pdf");
}

static void
test_receipt80 (Fixture *f, gconstpointer unused)
{
  check_receipt (f, SD_DOC_RECEIPT_80, "receipt80.pdf");
}

static void
test_receipt_cash (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = sd_doc_render_order (f->store, SD_DOC_RECEIPT_58, f->cash_order, &error);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  SdBalances now;

  g_assert_no_error (error);
  save_pdf (pdf, "receipt58-cash.pdf");
  doc = open_pdf (pdf);
  text = pdf_text (doc, MM (58), 0, MM (5), MM (53));
  assert_has (text, "Cash on delivery");
  assert_has (text, "Paid (Cash)");
  assert_money (text, f->water_price);
  /* the balances printed are as of this delivery: the monthly order came later and its
   * charge is not on this receipt */
  g_assert_true (sd_store_get_balances (f->store, f->customer, &now, &error));
  g_assert_cmpint (now.receivable_fen, ==, 4 * 2350);
  assert_has (text, "Amount owed");
  g_assert_null (strstr (text, "¥94.00"));
  sd_balances_clear (&now);
}

/* An order not yet delivered: nothing posted, so the receipt shows the balances now. */
static void
test_receipt_pending (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_order_new (f->customer, f->address, "2026-05-29", SD_PAY_TICKETS);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(SdReceiptData) data = NULL;
  g_autofree char *text = NULL;
  SdOrderLine *line;

  line = sd_order_add_line (order, f->water, 3);
  g_assert_true (sd_store_create_order (f->store, order, "店长", &error));
  g_assert_no_error (error);
  g_assert_cmpint (line->tickets_used, ==, 3);
  data = sd_store_load_receipt_data (f->store, order->id, &error);
  g_assert_no_error (error);
  g_assert_false (data->balances_after_delivery);
  g_assert_cmpint (data->charged_fen, ==, 0);
  g_assert_cmpint (data->paid_fen, ==, 0);
  g_assert_cmpint (data->delivered_at, ==, 0);
  /* the tickets are used at delivery, not before */
  g_assert_cmpint (sd_doc_balances_tickets (&data->balances, f->water), ==, 20);

  pdf = sd_doc_render_order (f->store, SD_DOC_RECEIPT_80, order->id, &error);
  g_assert_no_error (error);
  doc = open_pdf (pdf);
  text = pdf_text (doc, MM (80), 0, MM (4), MM (76));
  assert_has (text, "Balances now");
  assert_has (text, "Pending");
  assert_money (text, 3 * f->water_price);
}

static void
check_slip (Fixture *f, SdDocKind kind, double w, double h, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = sd_doc_render_order (f->store, kind, f->monthly_order, &error);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  g_assert_no_error (error);
  save_pdf (pdf, name);
  doc = open_pdf (pdf);
  text = pdf_text (doc, w, h, 0, w);
  flat = squeeze (text);
  assert_cjk_font_embedded (doc);
  assert_has (text, "Delivery slip");
  assert_has (flat, LONG_NAME);
  assert_money (text, 2350);
  assert_money (text, 4 * 2350);
  assert_has (text, "Monthly account");
  assert_has (text, "Charged to the account");
  assert_has (text, "Delivery instructions");
  assert_has (flat, "放门口保温箱，3楼无电梯");
  assert_has (text, "signature");
  assert_has (text, "1/1");
  /* owed after this order: exactly this order */
  assert_has (text, "Amount owed");
}

static void
test_slip_a5 (Fixture *f, gconstpointer unused)
{
  check_slip (f, SD_DOC_SLIP_A5, MM (148), MM (210), "slip-a5.pdf");
}

static void
test_slip_a4 (Fixture *f, gconstpointer unused)
{
  check_slip (f, SD_DOC_SLIP_A4, MM (210), MM (297), "slip-a4.pdf");
}

static void
test_bill (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = sd_doc_render_order (f->store, SD_DOC_BILL, f->monthly_order, &error);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  g_assert_no_error (error);
  save_pdf (pdf, "bill.pdf");
  doc = open_pdf (pdf);
  text = pdf_text (doc, MM (210), MM (297), 0, MM (210));
  flat = squeeze (text);
  assert_cjk_font_embedded (doc);
  assert_has (text, "Payment receipt");
  assert_has (text, "not an official invoice");
  assert_has (text, "Received from: 测试客户");
  assert_money (text, 9400);
  assert_has (flat, "玖拾肆元整");
}

static void
test_money_words (void)
{
  static const struct { gint64 fen; const char *words; } cases[] = {
    { 0, "零元整" },
    { 1, "壹分" },
    { 50, "伍角整" },
    { 100, "壹元整" },
    { 1005, "壹拾元零伍分" },
    { 9400, "玖拾肆元整" },
    { 1000100, "壹万零壹元整" },
    { 123456789, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分" },
    { 10000000000, "壹亿元整" },
    { 10010000000, "壹亿零壹拾万元整" },
    { 10000000100, "壹亿零壹元整" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = _sd_doc_money_capital (cases[i].fen);
      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

/* A logo from Settings, drawn at the top of a receipt and of a slip. */
static void
test_logo (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *logo = g_build_filename (f->dir, "logo.png", NULL);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 80);
  cairo_t *cr = cairo_create (image);
  SdDocKind kinds[] = { SD_DOC_RECEIPT_80, SD_DOC_SLIP_A4 };

  cairo_set_source_rgb (cr, 0.1, 0.4, 0.8);
  cairo_arc (cr, 60, 40, 36, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (image, logo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (image);
  g_assert_true (sd_store_set_setting (f->store, SD_SETTING_SHOP_LOGO_PATH, logo, &error));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GBytes) pdf = sd_doc_render_order (f->store, kinds[i], f->ticket_order, &error);
      g_autoptr(PopplerDocument) doc = NULL;
      g_autoptr(PopplerPage) page = NULL;
      g_autofree char *text = NULL;
      GList *images;
      double w, h;

      g_assert_no_error (error);
      save_pdf (pdf, i == 0 ? "receipt80-logo.pdf" : "slip-a4-logo.pdf");
      doc = open_pdf (pdf);
      sd_doc_kind_page_size (kinds[i], &w, &h);
      text = pdf_text (doc, w, h, 0, w);
      page = poppler_document_get_page (doc, 0);
      images = poppler_page_get_image_mapping (page);
      g_assert_cmpuint (g_list_length (images), ==, 1);
      /* the logo is at the top, above the shop's name */
      g_assert_cmpfloat (((PopplerImageMapping *) images->data)->area.y1, <, 60);
      poppler_page_free_image_mapping (images);
      assert_has (text, "清泉水站");
    }
}

static void
test_unknown_order (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = sd_doc_render_order (f->store, SD_DOC_RECEIPT_58, 999999, &error);

  g_assert_null (pdf);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sd_doc_render_order (f->store, SD_DOC_STATEMENT, f->cash_order, &error));
  g_assert_error (error, SD_DOC_ERROR, SD_DOC_ERROR_INVALID);
}

static void
assert_balances_equal (const SdDocBalances *doc, const SdBalances *ledger)
{
  g_assert_cmpint (doc->prepaid_fen, ==, ledger->prepaid_fen);
  g_assert_cmpint (doc->deposit_fen, ==, ledger->deposit_fen);
  g_assert_cmpint (doc->buckets, ==, ledger->buckets);
  g_assert_cmpint (doc->receivable_fen, ==, ledger->receivable_fen);
  g_assert_cmpuint (doc->tickets->len, ==, ledger->tickets->len);
  for (guint i = 0; i < ledger->tickets->len; i++)
    {
      SdTicketBalance *t = &g_array_index (ledger->tickets, SdTicketBalance, i);
      g_assert_cmpint (sd_doc_balances_tickets (doc, t->product_id), ==, t->tickets);
    }
}

/* Every customer's statement for the month of the demo's "now": the closing balances are
 * the ledger's, and opening + the month's rows = closing. */
static void
test_statement_data (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sd_store_list_statement_customers (f->store, MONTH, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 10);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SdStatementData) d = sd_store_load_statement_data (f->store, id, MONTH, &error);
      SdBalances ledger;
      gint64 tickets = sd_doc_balances_tickets_total (&d->opening), buckets = d->opening.buckets;
      gint64 owed = d->opening.receivable_fen, prepaid = d->opening.prepaid_fen;
      gint64 deposit = d->opening.deposit_fen;

      g_assert_no_error (error);
      g_assert_true (sd_store_get_balances (f->store, id, &ledger, &error));
      assert_balances_equal (&d->closing, &ledger);
      sd_balances_clear (&ledger);
      for (guint r = 0; r < d->rows->len; r++)
        {
          SdStatementRow *row = g_ptr_array_index (d->rows, r);
          g_assert_cmpint (row->at, >=, d->start);
          g_assert_cmpint (row->at, <, d->end);
          g_assert_true (r == 0 || row->at >= ((SdStatementRow *) g_ptr_array_index (d->rows, r - 1))->at);
          tickets += row->tickets_delta;
          buckets += row->buckets_delta;
          g_assert_cmpint (row->buckets_delta, ==, row->buckets_out - row->buckets_back);
          owed += row->receivable_delta;
          prepaid += row->prepaid_delta;
          deposit += row->deposit_delta;
          g_assert_cmpint (row->receivable_after, ==, owed);
        }
      g_assert_cmpint (tickets, ==, sd_doc_balances_tickets_total (&d->closing));
      g_assert_cmpint (buckets, ==, d->closing.buckets);
      g_assert_cmpint (owed, ==, d->closing.receivable_fen);
      g_assert_cmpint (prepaid, ==, d->closing.prepaid_fen);
      g_assert_cmpint (deposit, ==, d->closing.deposit_fen);
    }
  g_assert_null (sd_store_load_statement_data (f->store, f->customer, "2026-13", &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
}

/* What each statement row is: one row for a delivery whose ledger rows got different
 * stamps (the clock ticked during the transaction), an expiry that moves no money, and a
 * reversed order's receipt that charges nothing. */
static void
test_statement_rows (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdTicketPlan) month_card = sd_ticket_plan_new ("月卡 20 张送 2 张", f->water, 20, 2, 30000);
  g_autoptr(SdStatementData) may = NULL;
  g_autoptr(SdStatementData) june = NULL;
  g_autoptr(SdReceiptData) receipt = NULL;
  SdPaymentHow cash = { .method = SD_METHOD_CASH, .who = "店长" };
  gint64 order, monthly, expired = 0;
  guint n_rows = 0, n_expiry = 0;

  f->ticking = TRUE;
  order = make_order (f, SD_PAY_CASH_ON_DELIVERY, f->water, 2, 0, 0);
  f->ticking = FALSE;

  month_card->valid_days = 30;
  g_assert_true (sd_store_save_ticket_plan (f->store, month_card, &error));
  g_assert_cmpint (sd_store_sell_ticket_plan (f->store, f->customer, month_card->id, &cash, &error), >, 0);
  g_assert_no_error (error);

  may = sd_store_load_statement_data (f->store, f->customer, MONTH, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < may->rows->len; r++)
    {
      SdStatementRow *row = g_ptr_array_index (may->rows, r);
      if (row->order_id == order && row->payment_id == 0)
        {
          n_rows++;
          g_assert_cmpint (row->kind, ==, SD_STATEMENT_DELIVERY);
          g_assert_cmpint (row->goods_fen, ==, 2 * f->water_price);
        }
    }
  g_assert_cmpuint (n_rows, ==, 1);

  /* 2026-06-28: the month card ran out, with nothing used */
  f->now += 31 * 86400;
  g_assert_true (sd_store_expire_tickets (f->store, "", &expired, &error));
  g_assert_cmpint (expired, >=, 22);   /* other customers' month cards too */
  june = sd_store_load_statement_data (f->store, f->customer, "2026-06", &error);
  g_assert_no_error (error);
  for (guint r = 0; r < june->rows->len; r++)
    {
      SdStatementRow *row = g_ptr_array_index (june->rows, r);
      if (row->kind == SD_STATEMENT_EXPIRY)
        {
          n_expiry++;
          g_assert_cmpint (row->tickets_delta, ==, -22);
          g_assert_cmpint (row->paid_fen, ==, 0);
        }
      g_assert_cmpint (row->kind, !=, SD_STATEMENT_TICKET_SALE);
    }
  g_assert_cmpuint (n_expiry, ==, 1);
  g_assert_cmpint (june->paid_fen, ==, 0);
  g_assert_cmpint (june->tickets_expired, ==, 22);
  g_assert_cmpint (june->tickets_bought, ==, 0);

  /* a delivery on the monthly account, reversed: its receipt charges nothing */
  monthly = make_order (f, SD_PAY_MONTHLY_ACCOUNT, f->longname, 1, 0, 0);
  receipt = sd_store_load_receipt_data (f->store, monthly, &error);
  g_assert_no_error (error);
  g_assert_cmpint (receipt->charged_fen, ==, 2350);
  g_clear_pointer (&receipt, sd_receipt_data_free);
  g_assert_true (sd_store_reverse_order (f->store, monthly, "店长", "送错了", &error));
  g_assert_no_error (error);
  receipt = sd_store_load_receipt_data (f->store, monthly, &error);
  g_assert_no_error (error);
  g_assert_cmpint (receipt->charged_fen, ==, 0);
}

static void
test_statement (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(SdStatementData) d = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *tickets = NULL;
  g_autofree char *buckets = NULL;
  SdBalances ledger;

  /* prepaid cash in, one order paid from it */
  {
    SdPaymentHow cash = { .method = SD_METHOD_CASH, .who = "店长" };
    g_assert_cmpint (sd_store_top_up_prepaid (f->store, f->customer, 10000, &cash, &error), >, 0);
    g_assert_no_error (error);
    make_order (f, SD_PAY_PREPAID, f->water, 1, 0, 0);
  }
  /* a month with enough deliveries to fill more than one page */
  f->keep_empties = TRUE;
  for (int i = 0; i < 50; i++)
    make_order (f, SD_PAY_MONTHLY_ACCOUNT, f->water, 1, 0, 0);
  pdf = sd_doc_render_statements (f->store, MONTH, f->customer, &error);
  g_assert_no_error (error);
  save_pdf (pdf, "statement.pdf");
  doc = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 2);
  text = pdf_text (doc, MM (210), MM (297), 0, MM (210));
  flat = squeeze (text);
  assert_cjk_font_embedded (doc);
  assert_has (text, "Monthly statement");
  assert_has (text, "2026-05-01");
  assert_has (text, "2026-05-31");
  {
    int n = poppler_document_get_n_pages (doc);
    g_autofree char *first = g_strdup_printf ("1/%d", n);
    g_autofree char *last = g_strdup_printf ("%d/%d", n, n);
    assert_has (text, first);
    assert_has (text, last);
  }
  /* the table header is repeated on the second page */
  assert_has (strchr (text, '\f') + 1, "Description");
  {
    /* and a running head says whose statement the page belongs to */
    g_autofree char *second = squeeze (strchr (text, '\f') + 1);
    assert_has (second, "Monthlystatement·测试客户");
  }

  g_assert_true (sd_store_get_balances (f->store, f->customer, &ledger, &error));
  d = sd_store_load_statement_data (f->store, f->customer, MONTH, &error);
  assert_balances_equal (&d->closing, &ledger);
  tickets = g_strdup_printf ("%" G_GINT64_FORMAT, sd_balances_get_tickets (&ledger, f->water));
  buckets = g_strdup_printf ("%" G_GINT64_FORMAT, ledger.buckets);
  g_assert_cmpint (sd_balances_get_tickets (&ledger, f->water), ==, 20);
  /* the first orders took their empties back, the last 30 did not */
  g_assert_cmpint (ledger.buckets, ==, 50);
  assert_has (text, tickets);
  assert_has (text, buckets);
  assert_money (text, ledger.deposit_fen);
  assert_money (text, ledger.receivable_fen);
  g_assert_cmpint (ledger.receivable_fen, ==, 4 * 2350 + 50 * f->water_price);
  assert_has (text, "Amount due at the end of the month");
  assert_has (text, "Bucket deposit +¥150.00");
  assert_has (text, "Prepaid top-up (Cash)");
  assert_has (text, "Prepaid balance +¥100.00");
  {
    g_autofree char *price = sd_money_format (f->water_price);
    g_autofree char *used = g_strdup_printf ("Prepaid balance −%s", price);
    assert_has (text, used);
    g_assert_cmpint (ledger.prepaid_fen, ==, 10000 - f->water_price);
    assert_money (text, ledger.prepaid_fen);
  }
  g_assert_cmpint (d->deliveries, ==, 54);
  g_assert_cmpint (d->tickets_used, ==, 2);
  g_assert_cmpint (d->tickets_bought, ==, 22);
  assert_has (flat, LONG_NAME);
  sd_balances_clear (&ledger);
}

static void
test_statements_batch (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sd_store_list_statement_customers (f->store, MONTH, &error);
  g_autofree char *out = g_build_filename (f->dir, "statements", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (out);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *mine = NULL;
  const char *name;
  int written, n_files = 0;

  written = sd_doc_write_statements (f->store, MONTH, dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, (int) ids->len);
  listing = g_dir_open (out, 0, &error);
  g_assert_no_error (error);
  mine = g_strdup_printf ("%" G_GINT64_FORMAT "-测试客户-" MONTH ".pdf", f->customer);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_true (g_str_has_suffix (name, "-" MONTH ".pdf"));
      n_files++;
    }
  g_assert_cmpint (n_files, ==, written);
  {
    g_autofree char *path = g_build_filename (out, mine, NULL);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  pdf = sd_doc_render_statements (f->store, MONTH, 0, &error);
  g_assert_no_error (error);
  doc = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, (int) ids->len);
  {
    g_autofree char *text = pdf_text (doc, MM (210), MM (297), 0, MM (210));
    /* every customer's statement is in */
    for (guint i = 0; i < ids->len; i++)
      {
        g_autofree char *number = g_strdup_printf ("Customer number: %" G_GINT64_FORMAT,
                                                   g_array_index (ids, gint64, i));
        assert_has (text, number);
      }
  }
}

static void
stop_free (SdRouteSheetStop *s)
{
  g_free (s->customer);
  g_free (s->phone);
  g_free (s->address);
  g_free (s->instructions);
  g_free (s->items);
  g_free (s->window);
  g_free (s);
}

/* Six stops around the demo shop, one without instructions, every other one collecting. */
static SdRouteSheet *
route_sheet_new (void)
{
  SdRouteSheet *sheet = g_new0 (SdRouteSheet, 1);

  sheet->date = g_strdup ("2026-05-29");
  sheet->courier = g_strdup ("周师傅");
  sheet->color = g_strdup ("#e01b24");
  sheet->depot_lat = 30.2792;
  sheet->depot_lon = 120.1396;
  sheet->distance_km = 12.4;
  sheet->start_time = g_strdup ("08:30");
  sheet->finish_time = g_strdup ("11:05");
  sheet->stops = g_ptr_array_new_with_free_func ((GDestroyNotify) stop_free);
  for (int i = 0; i < 6; i++)
    {
      SdRouteSheetStop *s = g_new0 (SdRouteSheetStop, 1);
      s->seq = i + 1;
      s->customer = g_strdup_printf ("客户%d", i + 1);
      s->phone = g_strdup ("138****8000");
      s->address = g_strdup_printf ("杭州市西湖区文三路%d号", 100 + i * 7);
      s->instructions = g_strdup (i == 2 ? "放门口保温箱" : "");
      s->items = g_strdup ("18.9L 纯净水 ×2");
      s->collect_fen = i % 2 ? 3600 : 0;
      s->tickets = i % 2 ? 0 : 2;
      s->empties = 2;
      s->window = g_strdup (i == 4 ? "09:00–10:00" : "");
      s->lat = 30.2792 + 0.004 * (i + 1) * (i % 3 == 0 ? 1 : -1);
      s->lon = 120.1396 + 0.005 * i;
      g_ptr_array_add (sheet->stops, s);
    }
  return sheet;
}

static void
route_sheet_free (SdRouteSheet *sheet)
{
  g_free (sheet->date);
  g_free (sheet->courier);
  g_free (sheet->color);
  g_free (sheet->start_time);
  g_free (sheet->finish_time);
  g_ptr_array_unref (sheet->stops);
  g_free (sheet);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdRouteSheet, route_sheet_free)

static void
test_route_sheet (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(SdRouteSheet) sheet = route_sheet_new ();
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  pdf = sd_doc_render_route_sheet (sheet, f->store, &error);
  g_assert_no_error (error);
  save_pdf (pdf, "route-sheet.pdf");
  doc = open_pdf (pdf);
  text = pdf_text (doc, MM (210), MM (297), 0, MM (210));
  flat = squeeze (text);
  assert_cjk_font_embedded (doc);
  assert_has (text, "Route sheet");
  assert_has (text, "周师傅");
  assert_has (text, "客户6");
  assert_has (flat, "放门口保温箱");
  assert_has (text, "108.00");    /* 3 × ¥36 to collect */
  assert_has (text, "12.4 km");
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
}

/* A long route runs over pages, the table header repeated, the totals at the end. */
static void
test_route_sheet_long (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(SdRouteSheet) sheet = route_sheet_new ();
  g_autofree char *text = NULL;
  const char *last_page;
  int n;

  for (int i = 6; i < 60; i++)
    {
      SdRouteSheetStop *s = g_new0 (SdRouteSheetStop, 1);
      s->seq = i + 1;
      s->customer = g_strdup_printf ("客户%d", i + 1);
      s->phone = g_strdup ("139****0000");
      s->address = g_strdup_printf ("杭州市拱墅区莫干山路%d号", i);
      s->instructions = g_strdup ("");
      s->items = g_strdup ("鲜牛奶 ×1");
      s->collect_fen = 450;
      s->window = g_strdup ("");
      s->lat = 30.2792 + 0.001 * (i % 9);
      s->lon = 120.1396 + 0.001 * (i % 7);
      g_ptr_array_add (sheet->stops, s);
    }
  pdf = sd_doc_render_route_sheet (sheet, f->store, &error);
  g_assert_no_error (error);
  doc = open_pdf (pdf);
  n = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n, >=, 2);
  text = pdf_text (doc, MM (210), MM (297), 0, MM (210));
  last_page = strrchr (text, '\f');
  while (last_page > text && last_page[-1] != '\f')
    last_page--;
  assert_has (last_page, "Collect ¥");          /* header repeated */
  assert_has (last_page, "客户60");
  assert_has (last_page, "351.00");             /* 108.00 + 54 × 4.50 */
  assert_has (text, "60 stops");
}

/* The documents in Chinese: run by the test-docs-zh_CN test, with LANGUAGE=zh_CN and the
 * zh_CN.UTF-8 locale from the start (GLib decides once per process whether to translate). */
static void
check_chinese (Fixture *f, SdDocKind kind, gint64 order_id, const char *name,
               const char *const *needles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  double w, h;

  if (kind == SD_DOC_STATEMENT)
    pdf = sd_doc_render_statements (f->store, MONTH, f->customer, &error);
  else
    pdf = sd_doc_render_order (f->store, kind, order_id, &error);
  g_assert_no_error (error);
  save_pdf (pdf, name);
  doc = open_pdf (pdf);
  sd_doc_kind_page_size (kind, &w, &h);
  text = pdf_text (doc, w, h, kind == SD_DOC_RECEIPT_58 ? MM (5) : 0,
                   kind == SD_DOC_RECEIPT_58 ? w - MM (5) : w);
  flat = squeeze (text);
  assert_cjk_font_embedded (doc);
  for (guint i = 0; needles[i] != NULL; i++)
    assert_has (flat, needles[i]);
}

static void
test_chinese (Fixture *f, gconstpointer unused)
{
  const char *receipt[] = { "小票", "使用水票", "本次送货后余额", "¥106.50", NULL };
  const char *slip[] = { "送货单", "送货要求：放门口保温箱", "货物已验收（签名）", "月结", NULL };
  const char *bill[] = { "收款收据", "本收据不是发票", "人民币（大写）：玖拾肆元整", NULL };
  const char *statement[] = { "对账单", "本月明细", "期末2026-05-31", "月末应付", NULL };

  if (g_strcmp0 (g_getenv ("LANGUAGE"), "zh_CN") != 0)
    {
      g_test_skip ("run in Chinese by test-docs-zh_CN");
      return;
    }
  check_chinese (f, SD_DOC_RECEIPT_58, f->ticket_order, "receipt58-zh.pdf", receipt);
  check_chinese (f, SD_DOC_RECEIPT_80, f->ticket_order, "receipt80-zh.pdf", receipt);
  check_chinese (f, SD_DOC_SLIP_A5, f->monthly_order, "slip-a5-zh.pdf", slip);
  check_chinese (f, SD_DOC_BILL, f->monthly_order, "bill-zh.pdf", bill);
  check_chinese (f, SD_DOC_STATEMENT, 0, "statement-zh.pdf", statement);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdRouteSheet) sheet = route_sheet_new ();
    g_autoptr(GBytes) pdf = sd_doc_render_route_sheet (sheet, f->store, &error);
    g_autoptr(PopplerDocument) doc = NULL;
    g_autofree char *text = NULL;
    g_autofree char *flat = NULL;

    g_assert_no_error (error);
    save_pdf (pdf, "route-sheet-zh.pdf");
    doc = open_pdf (pdf);
    text = pdf_text (doc, MM (210), MM (297), 0, MM (210));
    flat = squeeze (text);
    assert_has (flat, "送货路线单");
    assert_has (flat, "6个送货点·12.4公里");
  }
}

/* With no font at all, a clear error naming the package to install. */
static void
test_no_font (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = test_tmp_dir ();
      g_autofree char *conf = g_build_filename (dir, "fonts.conf", NULL);

      /* fontconfig starts at the first use: from here on it knows no font */
      g_assert_true (g_file_set_contents (conf, "<fontconfig></fontconfig>", -1, NULL));
      g_setenv ("FONTCONFIG_FILE", conf, TRUE);
      g_assert_false (sd_doc_check_fonts (&error));
      g_assert_error (error, SD_DOC_ERROR, SD_DOC_ERROR_NO_FONT);
      g_assert_nonnull (strstr (error->message, "fonts-noto-cjk"));
      test_rm_rf (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  sd_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/docs/kinds", test_kinds);
  g_test_add_func ("/docs/money-words", test_money_words);
  g_test_add_func ("/docs/no-font", test_no_font);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/docs/receipt58", test_receipt58);
  ADD ("/docs/receipt80", test_receipt80);
  ADD ("/docs/receipt-cash", test_receipt_cash);
  ADD ("/docs/receipt-pending", test_receipt_pending);
  ADD ("/docs/chinese", test_chinese);
  ADD ("/docs/slip-a5", test_slip_a5);
  ADD ("/docs/slip-a4", test_slip_a4);
  ADD ("/docs/bill", test_bill);
  ADD ("/docs/logo", test_logo);
  ADD ("/docs/unknown-order", test_unknown_order);
  ADD ("/docs/statement-data", test_statement_data);
  ADD ("/docs/statement-rows", test_statement_rows);
  ADD ("/docs/statement", test_statement);
  ADD ("/docs/statements-batch", test_statements_batch);
  ADD ("/docs/route-sheet", test_route_sheet);
  ADD ("/docs/route-sheet-long", test_route_sheet_long);
#undef ADD
  return g_test_run ();
}
