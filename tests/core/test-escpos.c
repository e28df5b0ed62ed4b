/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ESC/POS: the byte builder read back by a decoder, column counting and wrapping, and the
 * sender against a listener on 127.0.0.1 that receives the bytes; a refused connection
 * and a device path. */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "escpos-decode.h"
#include "sd-doc-data.h"
#include "sd-escpos-receipt.h"
#include "sd-escpos.h"
#include "sd-i18n.h"
#include "sd-money.h"
#include "test-shop.h"

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} Sent;

static void
on_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  Sent *s = data;

  s->ok = sd_escpos_send_finish (result, &s->error);
  s->done = TRUE;
}

/* Sends and runs the main loop until the send finished and, for a listener, it read the
 * whole connection. */
static gboolean
send_and_wait (const char *address, GBytes *bytes, EscposListener *l, GError **error)
{
  Sent s = { 0 };
  guint closed = l ? l->n_closed : 0;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  sd_escpos_send_async (address, bytes, NULL, on_sent, &s);
  while ((!s.done || (s.ok && l != NULL && l->n_closed == closed))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (s.done);
  if (s.error)
    g_propagate_error (error, s.error);
  return s.ok;
}

static EscposDoc *
decode (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  EscposDoc *doc = escpos_decode (data, len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
test_builder (void)
{
  g_autoptr(SdEscpos) b = sd_escpos_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EscposDoc) doc = NULL;
  guint8 bits[2 * 3] = { 0xff, 0x00, 0x81, 0x81, 0x00, 0xff };
  EscposLine *line;

  sd_escpos_align (b, SD_ESCPOS_CENTER);
  sd_escpos_bold (b, TRUE);
  sd_escpos_size (b, 2, 2);
  sd_escpos_line (b, "送达水站");
  sd_escpos_size (b, 1, 1);
  sd_escpos_bold (b, FALSE);
  sd_escpos_align (b, SD_ESCPOS_LEFT);
  sd_escpos_line (b, "18.9L 纯净水 ×2  ￥36.00");
  sd_escpos_qr (b, "SD-000042", 6, 'M');
  sd_escpos_raster (b, bits, 2, 3);
  sd_escpos_feed (b, 2);
  sd_escpos_cut (b);
  bytes = sd_escpos_get_bytes (b);

  /* GB18030 on the wire: 送 is CB CD */
  g_assert_nonnull (memchr (g_bytes_get_data (bytes, NULL), 0xcb, g_bytes_get_size (bytes)));
  doc = decode (bytes);
  g_assert_true (doc->reset);
  g_assert_true (doc->chinese);
  line = escpos_doc_find (doc, "送达水站");
  g_assert_nonnull (line);
  g_assert_true (line->bold);
  g_assert_cmpuint (line->width, ==, 2);
  g_assert_cmpuint (line->height, ==, 2);
  g_assert_cmpuint (line->align, ==, SD_ESCPOS_CENTER);
  line = escpos_doc_find (doc, "纯净水");
  g_assert_nonnull (line);
  g_assert_cmpstr (line->text, ==, "18.9L 纯净水 ×2  ￥36.00");
  g_assert_false (line->bold);
  g_assert_cmpuint (line->width, ==, 1);
  g_assert_cmpuint (doc->qr->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (doc->qr, 0), ==, "SD-000042");
  g_assert_cmpuint (doc->n_rasters, ==, 1);
  g_assert_cmpuint (doc->raster_rows, ==, 3);
  g_assert_cmpuint (doc->n_cuts, ==, 1);
  g_assert_true (doc->cut_at_end);
}

static void
test_width_and_wrap (void)
{
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) one = NULL;
  g_autofree char *spread = NULL;

  g_assert_cmpuint (sd_escpos_text_width ("abc"), ==, 3);
  g_assert_cmpuint (sd_escpos_text_width ("纯净水"), ==, 6);
  g_assert_cmpuint (sd_escpos_text_width ("18.9L 纯净水"), ==, 12);
  g_assert_cmpuint (sd_escpos_text_width ("￥"), ==, 2);

  lines = sd_escpos_wrap ("农夫山泉天然饮用水 18.9L 大桶装 家庭办公室专用 送货上门", 16);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  for (guint i = 0; lines[i]; i++)
    g_assert_cmpuint (sd_escpos_text_width (lines[i]), <=, 16);
  {
    g_autofree char *joined = g_strjoinv ("", lines);
    g_autofree char *expected = g_strdup ("农夫山泉天然饮用水18.9L大桶装家庭办公室专用送货上门");
    /* only spaces at breaks are dropped */
    g_autofree char *squeezed = g_strdup (joined);
    g_strdelimit (squeezed, " ", '\0');
    g_assert_true (g_str_has_prefix (expected, "农夫山泉"));
    g_assert_cmpuint (g_utf8_strlen (joined, -1), >=, g_utf8_strlen (expected, -1));
  }
  /* English breaks at spaces */
  g_strfreev (lines);
  lines = sd_escpos_wrap ("Spring water twelve pack", 12);
  g_assert_cmpstr (lines[0], ==, "Spring water");
  g_assert_cmpstr (lines[1], ==, "twelve pack");
  g_assert_null (lines[2]);

  one = sd_escpos_wrap ("", 10);
  g_assert_cmpuint (g_strv_length (one), ==, 1);

  /* characters GB18030 writes in four bytes print as "?", one column */
  {
    g_autofree char *name = sd_escpos_printable ("王𠮷😀水");
    g_autoptr(SdEscpos) b = sd_escpos_new ();
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(EscposDoc) doc = NULL;

    g_assert_cmpstr (name, ==, "王??水");
    g_assert_cmpuint (sd_escpos_text_width ("王𠮷😀水"), ==, 6);
    sd_escpos_line (b, "王𠮷😀水");
    bytes = sd_escpos_get_bytes (b);
    doc = decode (bytes);
    g_assert_nonnull (escpos_doc_find (doc, "王??水"));
  }

  spread = sd_escpos_spread ("合计", "￥36.00", 32);
  g_assert_cmpuint (sd_escpos_text_width (spread), ==, 32);
  g_assert_true (g_str_has_suffix (spread, " ￥36.00"));
  g_assert_null (sd_escpos_spread ("一二三四五六七八九十", "1234567890123", 32));
}

static void
test_send_tcp (void)
{
  EscposListener l = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SdEscpos) b = sd_escpos_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) received = NULL;
  g_autoptr(EscposDoc) doc = NULL;
  g_autofree char *address = NULL;

  escpos_listener_start (&l);
  address = g_strdup_printf ("127.0.0.1:%u", l.port);
  sd_escpos_line (b, "测试打印 Test print");
  sd_escpos_cut (b);
  bytes = sd_escpos_get_bytes (b);
  g_assert_true (send_and_wait (address, bytes, &l, &error));
  g_assert_no_error (error);
  received = g_bytes_new (l.received->data, l.received->len);
  g_assert_true (g_bytes_equal (received, bytes));
  doc = decode (received);
  g_assert_nonnull (escpos_doc_find (doc, "测试打印 Test print"));
  g_assert_true (doc->cut_at_end);
  escpos_listener_stop (&l);
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) probe = g_socket_listener_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autofree char *address = NULL;
  guint16 port = escpos_bind_loopback (probe);

  /* a port nobody listens on any more */
  g_socket_listener_close (probe);
  address = g_strdup_printf ("127.0.0.1:%u", port);
  g_assert_false (send_and_wait (address, bytes, NULL, &error));
  g_assert_error (error, SD_ESCPOS_ERROR, SD_ESCPOS_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, address));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* in Chinese */
  /* no address at all */
  g_assert_false (send_and_wait ("  ", bytes, NULL, &error));
  g_assert_error (error, SD_ESCPOS_ERROR, SD_ESCPOS_ERROR_ADDRESS);
}

/* In Chinese. A child process started in zh_CN: GLib decides once per process, at the
 * first translated message, whether to translate at all, and C.UTF-8 says no. */
static void
test_refused_chinese (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocketListener) probe = g_socket_listener_new ();
      g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
      g_autofree char *address = NULL;
      guint16 port;

      if (g_strcmp0 (setlocale (LC_ALL, NULL), "zh_CN.UTF-8") != 0)
        {
          g_test_skip ("no zh_CN.UTF-8 locale");
          return;
        }
      port = escpos_bind_loopback (probe);
      g_socket_listener_close (probe);
      address = g_strdup_printf ("127.0.0.1:%u", port);
      g_assert_false (send_and_wait (address, bytes, NULL, &error));
      g_printerr ("%s\n", error->message);
      g_assert_error (error, SD_ESCPOS_ERROR, SD_ESCPOS_ERROR_CONNECT);
      g_assert_nonnull (strstr (error->message, address));
      g_assert_nonnull (strstr (error->message, "无法连接打印机"));
      return;
    }
  {
    g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));
    g_autofree char *lc_all = g_strdup (g_getenv ("LC_ALL"));

    g_setenv ("LANGUAGE", "zh_CN", TRUE);
    g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    if (language)
      g_setenv ("LANGUAGE", language, TRUE);
    else
      g_unsetenv ("LANGUAGE");
    if (lc_all)
      g_setenv ("LC_ALL", lc_all, TRUE);
    else
      g_unsetenv ("LC_ALL");
  }
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*无法连接打印机 127.0.0.1:*");
}

static void
test_send_path (void)
{
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "lp0", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "lp0", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdEscpos) b = sd_escpos_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (sd_escpos_address_is_path (path));
  g_assert_true (sd_escpos_address_is_path ("\\\\COUNTER\\XP-58"));
  g_assert_true (sd_escpos_address_is_path ("C:\\spool\\receipt.bin"));
  g_assert_false (sd_escpos_address_is_path ("192.168.1.87:9100"));
  g_assert_false (sd_escpos_address_is_path ("printer.local"));

  sd_escpos_line (b, "设备路径");
  sd_escpos_cut (b);
  bytes = sd_escpos_get_bytes (b);
  g_assert_true (send_and_wait (path, bytes, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_cmpmem (contents, len, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_false (send_and_wait (missing, bytes, NULL, &error));
  g_assert_error (error, SD_ESCPOS_ERROR, SD_ESCPOS_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, missing));
  test_rm_rf (dir);
}

/* Every printed line fits the paper: text width × character width ≤ columns. */
static void
assert_fits (EscposDoc *doc, guint columns)
{
  for (guint i = 0; i < doc->lines->len; i++)
    {
      EscposLine *line = g_ptr_array_index (doc->lines, i);
      guint width = sd_escpos_text_width (line->text) * line->width;

      if (width > columns)
        g_error ("line %u is %u columns wide, the paper %u: “%s”", i, width, columns, line->text);
    }
}

/* The money on the receipt, as printed: the full-width yuan sign. */
static char *
printed_money (gint64 fen)
{
  g_autofree char *text = sd_money_format (fen);
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "¥", "￥", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A delivered order of three lines, one with a long name, sent to a listener on 127.0.0.1
 * and read back, for 58 mm and 80 mm paper. */
static void
test_receipt (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SdProduct long_name = { .name = "农夫山泉天然饮用水 18.9L 大桶装（家庭办公室专用，含桶押金说明）",
                          .unit = "桶", .category = "桶装水", .price_fen = 2250, .active = TRUE };
  g_autoptr(SdOrder) order = sd_order_new (s->alice, s->alice_home, "2026-05-29",
                                           SD_PAY_CASH_ON_DELIVERY);
  g_autoptr(SdReceiptData) receipt = NULL;
  const guint widths[] = { SD_ESCPOS_COLUMNS_58, SD_ESCPOS_COLUMNS_80 };

  g_assert_true (sd_store_save_product (s->store, &long_name, &error));
  g_assert_true (sd_store_set_setting (s->store, SD_SETTING_SHOP_NAME, "清泉水站", &error));
  g_assert_true (sd_store_set_setting (s->store, SD_SETTING_SHOP_ADDRESS, "杭州市西湖区文三路 90 号", &error));
  g_assert_true (sd_store_set_setting (s->store, SD_SETTING_SHOP_PHONE, "0571-8888 6666", &error));
  g_assert_true (sd_store_set_setting (s->store, SD_SETTING_SHOP_FOOTER, "谢谢惠顾，空桶请随时归还", &error));
  g_assert_no_error (error);
  sd_order_add_line (order, s->water, 2);
  sd_order_add_line (order, s->milk, 3);
  sd_order_add_line (order, long_name.id, 1);
  g_assert_true (sd_store_create_order (s->store, order, "店长", &error));
  g_assert_no_error (error);
  shop_dispatch (s, order->id, s->zhou);
  g_assert_true (shop_deliver (s, order->id, NULL, &error));
  g_assert_no_error (error);
  receipt = sd_store_load_receipt_data (s->store, order->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receipt->lines->len, ==, 3);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      EscposListener l = { 0 };
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) bytes = sd_store_escpos_receipt (s->store, order->id, widths[w], &error);
      g_autoptr(GBytes) received = NULL;
      g_autoptr(EscposDoc) doc = NULL;
      g_autofree char *address = NULL;
      g_autofree char *qr = g_strdup_printf ("songda-order:%" G_GINT64_FORMAT, order->id);
      g_autofree char *total = printed_money (receipt->total_fen);
      EscposLine *line;

      g_assert_no_error (error);
      g_test_message ("%u columns: %zu bytes, loaded and laid out in %" G_GINT64_FORMAT " µs",
                      widths[w], g_bytes_get_size (bytes), g_get_monotonic_time () - start);
      escpos_listener_start (&l);
      address = g_strdup_printf ("127.0.0.1:%u", l.port);
      g_assert_true (send_and_wait (address, bytes, &l, &error));
      g_assert_no_error (error);
      received = g_bytes_new (l.received->data, l.received->len);
      g_assert_true (g_bytes_equal (received, bytes));
      doc = decode (received);
      for (guint i = 0; i < doc->lines->len; i++)
        {
          EscposLine *printed = g_ptr_array_index (doc->lines, i);
          g_test_message ("%2u|%s%s", widths[w], printed->text, printed->bold ? "  (bold)" : "");
        }

      g_assert_true (doc->reset);
      g_assert_true (doc->chinese);
      /* the shop's name in bold, double width and height, centred */
      line = escpos_doc_find (doc, "清泉水站");
      g_assert_nonnull (line);
      g_assert_true (line->bold);
      g_assert_cmpuint (line->width, ==, 2);
      g_assert_cmpuint (line->height, ==, 2);
      g_assert_cmpuint (line->align, ==, SD_ESCPOS_CENTER);
      g_assert_nonnull (escpos_doc_find (doc, "0571-8888 6666"));
      g_assert_nonnull (escpos_doc_find (doc, receipt->order_no));
      g_assert_nonnull (escpos_doc_find (doc, "王阿姨"));

      /* every line: its product and its total */
      for (guint i = 0; i < receipt->lines->len; i++)
        {
          SdDocLine *item = g_ptr_array_index (receipt->lines, i);
          g_autofree char *amount = printed_money (item->line_total_fen);
          g_auto(GStrv) name_lines = sd_escpos_wrap (item->product_name, widths[w]);

          for (guint k = 0; name_lines[k]; k++)
            g_assert_nonnull (escpos_doc_find (doc, name_lines[k]));
          g_assert_nonnull (escpos_doc_find (doc, amount));
        }
      /* the long name wraps on 58 mm */
      if (widths[w] == SD_ESCPOS_COLUMNS_58)
        g_assert_null (escpos_doc_find (doc, long_name.name));
      line = escpos_doc_find (doc, total);
      g_assert_nonnull (line);
      g_assert_true (line->bold);
      g_assert_nonnull (escpos_doc_find (doc, "谢谢惠顾"));

      g_assert_cmpuint (doc->qr->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (doc->qr, 0), ==, qr);
      g_assert_cmpuint (doc->n_cuts, ==, 1);
      g_assert_true (doc->cut_at_end);
      assert_fits (doc, widths[w]);
      escpos_listener_stop (&l);
    }
}

/* The printer check from the preferences: a ruler exactly as wide as the paper. */
static void
test_test_page (void)
{
  const guint widths[] = { SD_ESCPOS_COLUMNS_58, SD_ESCPOS_COLUMNS_80 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(GBytes) bytes = sd_escpos_test_page ("清泉水站", widths[w]);
      g_autoptr(EscposDoc) doc = decode (bytes);
      g_autofree char *ruler = g_strnfill (widths[w], 'x');
      gboolean found = FALSE;

      for (guint i = 0; i < widths[w]; i++)
        ruler[i] = '0' + (i + 1) % 10;
      g_assert_nonnull (escpos_doc_find (doc, "清泉水站"));
      for (guint i = 0; i < doc->lines->len; i++)
        found = found || g_str_equal (((EscposLine *) g_ptr_array_index (doc->lines, i))->text, ruler);
      g_assert_true (found);
      g_assert_cmpuint (doc->qr->len, ==, 1);
      g_assert_true (doc->cut_at_end);
      assert_fits (doc, widths[w]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sd_i18n_init ();
  g_test_add_func ("/escpos/builder", test_builder);
  g_test_add_func ("/escpos/width-and-wrap", test_width_and_wrap);
  g_test_add_func ("/escpos/send/tcp", test_send_tcp);
  g_test_add_func ("/escpos/send/refused", test_refused);
  g_test_add_func ("/escpos/send/refused-chinese", test_refused_chinese);
  g_test_add_func ("/escpos/send/path", test_send_path);
  g_test_add ("/escpos/receipt", Shop, NULL, shop_setup, test_receipt, shop_teardown);
  g_test_add_func ("/escpos/test-page", test_test_page);
  return g_test_run ();
}
