/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Documents under Xvfb on a demo shop: the preview widget on a PDF of three pages (paging,
 * zoom, fit to width), an order's receipt opened from the Orders area (one page of the
 * receipt's width; zoom changes the drawn size; Save as PDF and printing through GTK write
 * PDFs whose text holds the total; Print as ESC/POS to a printer on 127.0.0.1), the receipt
 * printed on delivery, a monthly statement, and the documents page of the preferences
 * saving to the store with a test print. Screenshots of the previews. */
#include "config.h"

#include "ui-test-util.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "escpos-decode.h"
#include "sd-app-init.h"
#include "sd-application.h"
#include "sd-catalog.h"
#include "sd-date.h"
#include "sd-doc-actions.h"
#include "sd-doc-data.h"
#include "sd-doc-dispatch.h"
#include "sd-doc-window.h"
#include "sd-money.h"
#include "sd-customer-view.h"
#include "sd-order-dialog.h"
#include "sd-orders-view.h"
#include "sd-preferences-window.h"
#include "sd-print-settings.h"

#define MM_PT (72.0 / 25.4)

static char *tmp_dir;
static char *db_path;
static SdApplication *app;
static SdStore *store;
static GtkWindow *window;
static SdOrdersView *orders_view;
static char *today;
static EscposListener printer;

static const char *
T (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

static gboolean
widget_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static gboolean
preview_drawn (gpointer data)
{
  int w = 0, h = 0;

  sd_doc_preview_get_rendered_size (SD_DOC_PREVIEW (data), &w, &h);
  return w > 0 && h > 0;
}

static void
set (const char *key, const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sd_store_set_setting (store, key, value, &error));
  g_assert_no_error (error);
}

/* The text of every page of a PDF, read back with Poppler. */
static char *
pdf_text (GBytes *bytes, int *n_pages, double *width, double *height)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes (bytes, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  *n_pages = poppler_document_get_n_pages (doc);
  for (int i = 0; i < *n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      if (i == 0)
        poppler_page_get_size (page, width, height);
      g_string_append (text, t);
      g_object_unref (page);
    }
  g_object_unref (doc);
  return g_string_free (text, FALSE);
}

static char *
pdf_file_text (const char *path, int *n_pages, double *width, double *height)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  bytes = g_bytes_new (contents, len);
  return pdf_text (bytes, n_pages, width, height);
}

/* The newest preview window open. */
static SdDocWindow *
find_doc_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  SdDocWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (SD_IS_DOC_WINDOW (w))
        found = SD_DOC_WINDOW (w);
    }
  return found;
}

static void
close_doc_windows (void)
{
  SdDocWindow *w;

  while ((w = find_doc_window ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (w));
  spin (50);
}

/* --- the preview widget ------------------------------------------------------------------- */

static cairo_status_t
write_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
make_pdf (int n_pages, double width, double height)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream (write_to_array, out, width, height);
  cairo_t *cr = cairo_create (pdf);

  for (int i = 0; i < n_pages; i++)
    {
      /* a bar per page number: no text, so no font caches in cairo */
      cairo_set_source_rgb (cr, 0.1, 0.3, 0.6);
      cairo_rectangle (cr, 20, 20, width - 40, 30);
      cairo_fill (cr);
      for (int k = 0; k <= i; k++)
        cairo_rectangle (cr, 20 + k * 40, 80, 30, 30);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  cairo_surface_destroy (pdf);
  return g_byte_array_free_to_bytes (out);
}

static void
test_preview_widget (void)
{
  g_autoptr(GBytes) pdf = make_pdf (3, 420, 595);
  g_autoptr(GError) error = NULL;
  GtkWidget *win = gtk_window_new ();
  SdDocPreview *preview = SD_DOC_PREVIEW (sd_doc_preview_new ());
  g_autofree char *expected = g_strdup_printf (T ("Page %d of %d"), 2, 3);
  int w1, h1, w2, h2;
  double pw, ph;

  gtk_window_set_default_size (GTK_WINDOW (win), 700, 800);
  gtk_window_set_child (GTK_WINDOW (win), GTK_WIDGET (preview));
  g_assert_true (sd_doc_preview_load_bytes (preview, pdf, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (wait_for (preview_drawn, preview, 5000));

  g_assert_cmpint (sd_doc_preview_get_n_pages (preview), ==, 3);
  g_assert_cmpint (sd_doc_preview_get_page (preview), ==, 0);
  g_assert_true (sd_doc_preview_get_page_size (preview, 0, &pw, &ph));
  g_assert_cmpfloat_with_epsilon (pw, 420, 0.5);
  g_assert_cmpfloat_with_epsilon (ph, 595, 0.5);

  /* fit to width: the page fills the width less its margins */
  g_assert_true (sd_doc_preview_get_fit_width (preview));
  spin (100);
  sd_doc_preview_get_rendered_size (preview, &w1, &h1);
  g_assert_cmpint (w1, >, 500);
  g_assert_cmpint (w1, <=, 700);
  g_assert_cmpint (abs (h1 - (int) (w1 * 595.0 / 420.0)), <=, 2);

  /* paging by the actions the buttons and PgUp/PgDn use */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next-page", NULL));
  g_assert_cmpint (sd_doc_preview_get_page (preview), ==, 1);
  g_assert_cmpstr (sd_doc_preview_get_page_label (preview), ==, expected);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next-page", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next-page", NULL));
  g_assert_cmpint (sd_doc_preview_get_page (preview), ==, 2);   /* stays on the last */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.previous-page", NULL));
  g_assert_cmpint (sd_doc_preview_get_page (preview), ==, 1);

  /* zoom: 100 %, then in by a step */
  sd_doc_preview_set_zoom (preview, 1.0);
  g_assert_false (sd_doc_preview_get_fit_width (preview));
  spin (100);
  sd_doc_preview_get_rendered_size (preview, &w1, &h1);
  g_assert_cmpint (w1, ==, (int) ceil (420 * 96.0 / 72.0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-in", NULL));
  spin (100);
  sd_doc_preview_get_rendered_size (preview, &w2, &h2);
  g_assert_cmpint (w2, >, w1);
  g_assert_cmpint (h2, >, h1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-out", NULL));
  spin (100);
  sd_doc_preview_get_rendered_size (preview, &w2, &h2);
  g_assert_cmpint (w2, <, w1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-fit", NULL));
  g_assert_true (sd_doc_preview_get_fit_width (preview));
  save_screenshot (win, "preview-widget");

  /* not a PDF */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("hello", 5);
    g_assert_false (sd_doc_preview_load_bytes (preview, junk, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpint (sd_doc_preview_get_n_pages (preview), ==, 3);   /* unchanged */
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* --- from the Orders area ----------------------------------------------------------------- */

static gint64
new_order (SdOrderStatus status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = sd_store_list_products (store, FALSE, &error);
  g_autoptr(SdOrderList) list = sd_order_list_new (store);
  g_autoptr(SdOrderSummary) row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(SdOrder) template = sd_store_load_order (store, row->id, &error);
  g_autoptr(SdOrder) order = sd_order_new (template->customer_id, template->address_id, today,
                                           SD_PAY_CASH_ON_DELIVERY);

  g_assert_no_error (error);
  sd_order_add_line (order, ((SdProduct *) g_ptr_array_index (products, 0))->id, 3);
  sd_order_add_line (order, ((SdProduct *) g_ptr_array_index (products, 1))->id, 1);
  g_assert_true (sd_store_create_order (store, order, "店长", &error));
  g_assert_no_error (error);
  if (status != SD_ORDER_PENDING)
    g_assert_true (sd_store_transition_order (store, order->id, status, "店长", NULL, NULL, &error));
  g_assert_no_error (error);
  return order->id;
}

static void
select_order (gint64 id)
{
  SdOrderList *list = sd_orders_view_get_list (orders_view);
  guint position = G_MAXUINT;

  sd_orders_view_refresh (orders_view);
  spin (100);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)) && position == G_MAXUINT; i++)
    if (sd_order_list_get_id (list, i) == id)
      position = i;
  g_assert_cmpuint (position, !=, G_MAXUINT);
  sd_orders_view_select_positions (orders_view, &position, 1);
}

static gint64
order_total (gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_store_load_order (store, id, &error);

  g_assert_no_error (error);
  return order->total_fen;
}

static void
test_receipt_from_orders (void)
{
  gint64 id = new_order (SD_ORDER_TO_DISPATCH);
  g_autofree char *total = sd_money_format_plain (order_total (id));
  g_autofree char *saved = g_build_filename (tmp_dir, "receipt.pdf", NULL);
  g_autofree char *printed = g_build_filename (tmp_dir, "printed.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (saved);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autofree char *text = NULL;
  SdDocWindow *doc;
  SdDocPreview *preview;
  double pw, ph, fw = 0, fh = 0;
  int n = 0, w1, h1, w2, h2;

  set (SD_SETTING_RECEIPT_WIDTH, "58");
  g_assert_true (wait_for (widget_drawn, sd_orders_view_get_list_view (orders_view), 5000));
  select_order (id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders_view), "orders.print-receipt", NULL));
  doc = find_doc_window ();
  g_assert_nonnull (doc);
  g_assert_cmpstr (sd_doc_window_get_kind_key (doc), ==, "receipt58");
  preview = sd_doc_window_get_preview (doc);
  g_assert_true (wait_for (preview_drawn, preview, 5000));

  /* one continuous page, 58 mm wide */
  g_assert_cmpint (sd_doc_preview_get_n_pages (preview), ==, 1);
  g_assert_true (sd_doc_preview_get_page_size (preview, 0, &pw, &ph));
  g_assert_cmpfloat_with_epsilon (pw, 58 * MM_PT, 1.0);
  g_assert_cmpfloat (ph, >, 100 * MM_PT);
  {
    g_autofree char *title = g_strdup (gtk_window_get_title (GTK_WINDOW (doc)));
    g_autoptr(SdReceiptData) data = sd_store_load_receipt_data (store, id, &error);
    g_assert_nonnull (strstr (title, data->order_no));
  }

  /* fit to width keeps a narrow receipt readable, not poster-sized */
  spin (200);
  sd_doc_preview_get_rendered_size (preview, &w1, &h1);
  g_assert_cmpint (w1, >=, (int) (58 * MM_PT * 96 / 72));
  g_assert_cmpint (w1, <=, (int) (58 * MM_PT * 96 / 72 * 2.0) + 1);
  save_screenshot (GTK_WIDGET (doc), "receipt-preview");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-in", NULL));
  spin (100);
  sd_doc_preview_get_rendered_size (preview, &w2, &h2);
  g_assert_cmpint (w2, >, w1);
  g_assert_cmpint (h2, >, h1);

  /* Save as PDF writes the receipt; its text holds the total */
  g_assert_true (sd_doc_window_save_to_file (doc, file, &error));
  g_assert_no_error (error);
  text = pdf_file_text (saved, &n, &fw, &fh);
  g_assert_cmpint (n, ==, 1);
  g_assert_nonnull (strstr (text, total));

  /* printing uses the receipt's own paper: custom, 58 mm × its length */
  setup = sd_doc_window_page_setup (doc);
  g_assert_true (gtk_paper_size_is_custom (gtk_page_setup_get_paper_size (setup)));
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_width (setup, GTK_UNIT_MM), 58, 0.5);
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS), ph, 1);
  g_assert_true (sd_doc_window_print_to_file (doc, printed, &error));
  g_assert_no_error (error);
  g_free (text);
  text = pdf_file_text (printed, &n, &fw, &fh);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpfloat_with_epsilon (fw, pw, 1.5);
  g_assert_cmpfloat_with_epsilon (fh, ph, 1.5);
  g_assert_nonnull (strstr (text, total));

  /* Print opens GTK's print dialog on the receipt's paper; cancelled, nothing is kept */
  {
    GtkWindow *dialog = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();
    g_autofree char *printer_setting = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (doc), "doc.print", NULL));
    for (int tries = 0; tries < 50 && dialog == NULL; tries++)
      {
        spin (100);
        for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
          {
            g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
            if (g_str_equal (G_OBJECT_TYPE_NAME (w), "GtkPrintUnixDialog"))
              dialog = GTK_WINDOW (w);
          }
      }
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (doc));
    spin (300);
    save_screenshot (GTK_WIDGET (dialog), "receipt-print-dialog");
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
    G_GNUC_END_IGNORE_DEPRECATIONS
    spin (200);
    printer_setting = sd_store_get_setting (store, "print.receipt58.printer", "");
    g_assert_cmpstr (printer_setting, ==, "");
  }

  /* Print as ESC/POS to the printer in the settings */
  {
    g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", printer.port);
    g_autoptr(EscposDoc) sent = NULL;
    g_autofree char *qr = g_strdup_printf ("songda-order:%" G_GINT64_FORMAT, id);
    guint before = printer.n_closed;

    set (SD_SETTING_ESCPOS_ADDRESS, address);
    g_byte_array_set_size (printer.received, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (doc), "doc.escpos", NULL));
    g_assert_true (escpos_listener_wait (&printer, before + 1, 20000));
    sent = escpos_decode (printer.received->data, printer.received->len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sent->qr->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (sent->qr, 0), ==, qr);
    g_assert_true (sent->cut_at_end);
    spin (100);
    g_assert_nonnull (sd_doc_window_get_status (doc));
    g_assert_nonnull (strstr (sd_doc_window_get_status (doc), address));
  }
  close_doc_windows ();

  /* the delivery slip and the bill from the same menu */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders_view), "orders.print-slip", NULL));
  doc = find_doc_window ();
  g_assert_nonnull (doc);
  g_assert_true (sd_doc_preview_get_page_size (sd_doc_window_get_preview (doc), 0, &pw, &ph));
  g_assert_cmpfloat_with_epsilon (pw, 148 * MM_PT, 1.5);   /* A5 */
  {
    /* its own paper, A5; then the A4 the user chose in the print dialog last time */
    g_autoptr(GtkPageSetup) a5 = sd_doc_window_page_setup (doc);
    g_autoptr(GtkPageSetup) a4 = NULL;
    g_autofree char *key = g_strdup_printf ("print.%s.paper", sd_doc_window_get_kind_key (doc));

    g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (a5)), ==, GTK_PAPER_NAME_A5);
    set (key, GTK_PAPER_NAME_A4);
    a4 = sd_doc_window_page_setup (doc);
    g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (a4)), ==, GTK_PAPER_NAME_A4);
    set (key, "");
  }
  close_doc_windows ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders_view), "orders.print-bill", NULL));
  g_assert_nonnull (find_doc_window ());
  close_doc_windows ();
}

/* 80 mm paper: the receipt kind follows the setting. */
static void
test_receipt_80 (void)
{
  gint64 id = new_order (SD_ORDER_PENDING);
  SdDocWindow *doc;
  double pw, ph;

  set (SD_SETTING_RECEIPT_WIDTH, "80");
  select_order (id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders_view), "orders.print-receipt", NULL));
  doc = find_doc_window ();
  g_assert_nonnull (doc);
  g_assert_cmpstr (sd_doc_window_get_kind_key (doc), ==, "receipt80");
  g_assert_true (sd_doc_preview_get_page_size (sd_doc_window_get_preview (doc), 0, &pw, &ph));
  g_assert_cmpfloat_with_epsilon (pw, 80 * MM_PT, 1.0);
  close_doc_windows ();
  set (SD_SETTING_RECEIPT_WIDTH, "58");
}

static void
test_print_on_delivery (void)
{
  gint64 id = new_order (SD_ORDER_TO_DISPATCH);
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", printer.port);
  g_autofree char *qr = g_strdup_printf ("songda-order:%" G_GINT64_FORMAT, id);
  g_autoptr(GError) error = NULL;
  g_autoptr(EscposDoc) sent = NULL;
  g_autoptr(SdReceiptData) data = sd_store_load_receipt_data (store, id, &error);
  guint before = printer.n_closed;

  /* off: nothing printed */
  set (SD_SETTING_PRINT_ON_DELIVERY, "0");
  g_assert_cmpint (sd_doc_print_on_delivery (GTK_WIDGET (orders_view), store, &id, 1), ==,
                   SD_DELIVERY_PRINT_OFF);

  /* on, with a printer: marking the order delivered in the Orders area prints it */
  set (SD_SETTING_PRINT_ON_DELIVERY, "1");
  set (SD_SETTING_ESCPOS_ADDRESS, address);
  g_byte_array_set_size (printer.received, 0);
  select_order (id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders_view), "orders.deliver", NULL));
  {
    g_autoptr(SdOrder) order = sd_store_load_order (store, id, &error);
    g_assert_cmpint (order->status, ==, SD_ORDER_DELIVERED);
  }
  g_assert_true (escpos_listener_wait (&printer, before + 1, 20000));
  sent = escpos_decode (printer.received->data, printer.received->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sent->qr->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (sent->qr, 0), ==, qr);
  g_assert_nonnull (escpos_doc_find (sent, data->customer_name));

  /* on, without a printer: the receipt opens ready to print */
  set (SD_SETTING_ESCPOS_ADDRESS, "");
  g_assert_cmpint (sd_doc_print_on_delivery (GTK_WIDGET (orders_view), store, &id, 1), ==,
                   SD_DELIVERY_PRINT_PREVIEW);
  g_assert_nonnull (find_doc_window ());
  close_doc_windows ();
  set (SD_SETTING_PRINT_ON_DELIVERY, "0");
}

static void
on_order_saved (GtkWidget *dialog, gint64 id, gint64 *out)
{
  *out = id;
}

/* A phone order taken from the customers area: its receipt is Ctrl+P (or the toast's
 * button) away. */
static void
test_receipt_after_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrderList) list = sd_order_list_new (store);
  g_autoptr(SdOrderSummary) row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(SdOrder) template = sd_store_load_order (store, row->id, &error);
  GtkWidget *win = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  SdCustomerView *customers = g_object_new (SD_TYPE_CUSTOMER_VIEW, NULL);
  SdOrderDialog *dialog;
  SdDocWindow *doc;
  gint64 newest;

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (customers));
  adw_window_set_content (ADW_WINDOW (win), overlay);
  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 700);
  sd_customer_view_set_store (customers, store);
  gtk_window_present (GTK_WINDOW (win));
  spin (200);

  dialog = SD_ORDER_DIALOG (sd_customer_view_new_order (customers));
  newest = 0;
  g_signal_connect (dialog, "saved", G_CALLBACK (on_order_saved), &newest);
  sd_order_dialog_set_customer (dialog, template->customer_id);
  g_assert_cmpuint (sd_order_dialog_get_n_lines (dialog), >, 0);
  g_assert_true (sd_order_dialog_save (dialog));
  spin (100);
  g_assert_cmpint (newest, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (customers), "customers.print-receipt",
                                             "x", (gint64) 0));
  doc = find_doc_window ();
  g_assert_nonnull (doc);
  {
    g_autoptr(SdReceiptData) data = sd_store_load_receipt_data (store, newest, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (doc)), data->order_no));
  }
  close_doc_windows ();
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_statement (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrderList) list = sd_order_list_new (store);
  g_autoptr(SdOrderSummary) row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(SdOrder) order = sd_store_load_order (store, row->id, &error);
  g_autofree char *month = sd_doc_last_month (sd_store_now (store));
  SdDocWindow *doc;
  SdDocPreview *preview;
  GtkWindow *dialog;

  g_assert_cmpuint (strlen (month), ==, 7);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *this_month = g_date_time_format (now, "%Y-%m");
    g_assert_cmpstr (month, <, this_month);
  }
  /* the month dialog opens on last month */
  dialog = sd_doc_ask_statement_month (GTK_WIDGET (orders_view), store, order->customer_id);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  spin (200);
  save_screenshot (GTK_WIDGET (dialog), "statement-month");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "open");
  gtk_window_destroy (dialog);
  doc = find_doc_window ();
  g_assert_nonnull (doc);
  g_assert_cmpstr (sd_doc_window_get_kind_key (doc), ==, "statement");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (doc)), month));
  preview = sd_doc_window_get_preview (doc);
  g_assert_true (wait_for (preview_drawn, preview, 5000));
  g_assert_cmpint (sd_doc_preview_get_n_pages (preview), >=, 1);
  spin (200);
  save_screenshot (GTK_WIDGET (doc), "statement-preview");
  close_doc_windows ();
}

/* A courier's route sheet in the preview, its phones masked as the setting says. */
static void
test_route_sheet (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) couriers = sd_store_list_couriers (store, FALSE, &error);
  gint64 courier = ((SdCourier *) g_ptr_array_index (couriers, 0))->id;
  gint64 id = new_order (SD_ORDER_TO_DISPATCH);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  SdDocWindow *doc;
  double w = 0, h = 0;
  int n = 0;

  g_assert_true (sd_store_assign_courier (store, id, courier, &error));
  g_assert_no_error (error);
  set (SD_SETTING_MASK_PHONES, "1");
  pdf = sd_doc_render_dispatch_route (store, today, courier, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  text = pdf_text (pdf, &n, &w, &h);
  g_assert_nonnull (strstr (text, "****"));
  doc = sd_doc_window_new (window, store, "route-sheet", "Route sheet", "route.pdf", pdf, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (doc));
  g_assert_true (wait_for (preview_drawn, sd_doc_window_get_preview (doc), 5000));
  g_assert_cmpint (sd_doc_preview_get_n_pages (sd_doc_window_get_preview (doc)), ==, n);
  spin (200);
  save_screenshot (GTK_WIDGET (doc), "route-sheet-preview");
  close_doc_windows ();
  set (SD_SETTING_MASK_PHONES, "0");
}

/* --- preferences --------------------------------------------------------------------------- */

static char *
setting (const char *key)
{
  return sd_store_get_setting (store, key, "");
}

static gboolean
switch_on (gpointer data)
{
  return gtk_switch_get_active (GTK_SWITCH (data));
}

/* As a click on the row's switch does. */
static void
toggle_row (GtkWidget *row)
{
  GtkWidget *toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_true (gtk_widget_activate (toggle));
  /* the switch animates before it changes */
  g_assert_true (wait_for (switch_on, toggle, 3000));
}

static void
test_preferences_documents (void)
{
  SdPreferencesWindow *prefs = SD_PREFERENCES_WINDOW (sd_preferences_window_new (store));
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", printer.port);
  g_autofree char *logo = g_build_filename (tmp_dir, "logo.png", NULL);
  g_autoptr(GFile) logo_file = g_file_new_for_path (logo);
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  guint before;

  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                           sd_preferences_window_get_documents_page (prefs));
  g_assert_true (wait_for (widget_drawn, sd_preferences_window_get_documents_page (prefs), 5000));

  row = sd_preferences_window_get_documents_row (prefs, SD_SETTING_SHOP_NAME);
  gtk_editable_set_text (GTK_EDITABLE (row), "清泉水站");
  gtk_editable_set_text (GTK_EDITABLE (sd_preferences_window_get_documents_row (prefs, SD_SETTING_SHOP_ADDRESS)),
                         "杭州市西湖区文三路 90 号");
  gtk_editable_set_text (GTK_EDITABLE (sd_preferences_window_get_documents_row (prefs, SD_SETTING_SHOP_PHONE)),
                         "0571-8888 6666");
  gtk_editable_set_text (GTK_EDITABLE (sd_preferences_window_get_documents_row (prefs, SD_SETTING_SHOP_FOOTER)),
                         "谢谢惠顾，空桶请随时归还");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sd_preferences_window_get_documents_row (prefs, SD_SETTING_RECEIPT_WIDTH)), 1);
  toggle_row (sd_preferences_window_get_documents_row (prefs, SD_SETTING_PRINT_ON_DELIVERY));
  toggle_row (sd_preferences_window_get_documents_row (prefs, SD_SETTING_MASK_PHONES));
  gtk_editable_set_text (GTK_EDITABLE (sd_preferences_window_get_documents_row (prefs, SD_SETTING_ESCPOS_ADDRESS)),
                         address);
  g_assert_true (g_file_set_contents (logo, "not really a png", -1, &error));
  sd_preferences_window_set_logo_file (prefs, logo_file);

  {
    g_autofree char *name = setting (SD_SETTING_SHOP_NAME);
    g_autofree char *addr = setting (SD_SETTING_SHOP_ADDRESS);
    g_autofree char *phone = setting (SD_SETTING_SHOP_PHONE);
    g_autofree char *footer = setting (SD_SETTING_SHOP_FOOTER);
    g_autofree char *width = setting (SD_SETTING_RECEIPT_WIDTH);
    g_autofree char *on = setting (SD_SETTING_PRINT_ON_DELIVERY);
    g_autofree char *mask = setting (SD_SETTING_MASK_PHONES);
    g_autofree char *escpos = setting (SD_SETTING_ESCPOS_ADDRESS);
    g_autofree char *logo_path = setting (SD_SETTING_SHOP_LOGO_PATH);

    g_assert_cmpstr (name, ==, "清泉水站");
    g_assert_cmpstr (addr, ==, "杭州市西湖区文三路 90 号");
    g_assert_cmpstr (phone, ==, "0571-8888 6666");
    g_assert_cmpstr (footer, ==, "谢谢惠顾，空桶请随时归还");
    g_assert_cmpstr (width, ==, "80");
    g_assert_cmpstr (on, ==, "1");
    g_assert_cmpstr (mask, ==, "1");
    g_assert_cmpstr (escpos, ==, address);
    g_assert_cmpstr (logo_path, ==, logo);
  }
  spin (200);
  save_screenshot (GTK_WIDGET (prefs), "preferences-documents");

  /* Test Print: a page with the shop's name reaches the printer, 48 columns wide */
  before = printer.n_closed;
  g_byte_array_set_size (printer.received, 0);
  sd_preferences_window_test_print (prefs);
  g_assert_true (escpos_listener_wait (&printer, before + 1, 20000));
  {
    g_autoptr(EscposDoc) sent = escpos_decode (printer.received->data, printer.received->len, &error);
    EscposLine *line;

    g_assert_no_error (error);
    line = escpos_doc_find (sent, "清泉水站");
    g_assert_nonnull (line);
    g_assert_true (line->bold);
    g_assert_nonnull (escpos_doc_find (sent, "123456789012345678901234567890123456789012345678"));
    g_assert_true (sent->cut_at_end);
  }
  spin (100);
  g_assert_cmpstr (sd_preferences_window_get_documents_status (prefs), ==,
                   T ("Test page sent to the receipt printer"));

  /* the window opened again shows what was saved */
  gtk_window_destroy (GTK_WINDOW (prefs));
  prefs = SD_PREFERENCES_WINDOW (sd_preferences_window_new (store));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sd_preferences_window_get_documents_row (prefs, SD_SETTING_SHOP_NAME))),
                   ==, "清泉水站");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sd_preferences_window_get_documents_row (prefs, SD_SETTING_RECEIPT_WIDTH))),
                    ==, 1);
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* back to what the other tests expect */
  set (SD_SETTING_RECEIPT_WIDTH, "58");
  set (SD_SETTING_PRINT_ON_DELIVERY, "0");
  set (SD_SETTING_SHOP_LOGO_PATH, "");
}

int
main (int argc, char **argv)
{
  GtkWidget *overlay;
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = ui_test_demo_app ("documents", g_get_real_time () / G_USEC_PER_SEC, &tmp_dir, &db_path);
  store = sd_application_get_store (app);
  g_assert_nonnull (store);
  today = sd_date_today ();
  escpos_listener_start (&printer);

  window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (window, 1100, 720);
  overlay = adw_toast_overlay_new ();
  orders_view = SD_ORDERS_VIEW (sd_orders_view_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (orders_view));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), overlay);
  sd_orders_view_set_store (orders_view, store);
  gtk_window_present (window);

  g_test_add_func ("/documents/preview-widget", test_preview_widget);
  g_test_add_func ("/documents/receipt-from-orders", test_receipt_from_orders);
  g_test_add_func ("/documents/receipt-80", test_receipt_80);
  g_test_add_func ("/documents/print-on-delivery", test_print_on_delivery);
  g_test_add_func ("/documents/receipt-after-order", test_receipt_after_order);
  g_test_add_func ("/documents/statement", test_statement);
  g_test_add_func ("/documents/route-sheet", test_route_sheet);
  g_test_add_func ("/documents/preferences", test_preferences_documents);
  status = g_test_run ();

  close_doc_windows ();
  gtk_window_destroy (window);
  spin (100);
  escpos_listener_stop (&printer);
  g_clear_object (&app);
  ui_test_remove_dir (tmp_dir);
  g_free (today);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
