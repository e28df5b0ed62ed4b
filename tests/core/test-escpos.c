/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ESC/POS: the byte builder read back by a decoder, column counting and wrapping, and the
 * sender against a listener on 127.0.0.1 that receives the bytes; a refused connection
 * and a device path. */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "escpos-decode.h"
#include "sd-escpos.h"
#include "sd-i18n.h"
#include "test-util.h"

/* A printer on the loopback: accepts one connection at a time, keeps what it read. */
typedef struct {
  GSocketService *service;
  guint16         port;
  GByteArray     *received;
  guint           n_closed;    /* connections read to the end */
} Listener;

typedef struct {
  Listener     *listener;
  GInputStream *in;
  GIOStream    *connection;
  guint8        buffer[4096];
} Reading;

static void
read_more (Reading *r);

static void
read_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Reading *r = data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  g_assert_no_error (error);
  if (n > 0)
    {
      g_byte_array_append (r->listener->received, r->buffer, n);
      read_more (r);
      return;
    }
  r->listener->n_closed++;
  g_io_stream_close (r->connection, NULL, NULL);
  g_object_unref (r->connection);
  g_free (r);
}

static void
read_more (Reading *r)
{
  g_input_stream_read_async (r->in, r->buffer, sizeof r->buffer, G_PRIORITY_DEFAULT, NULL,
                             read_done, r);
}

static gboolean
on_incoming (GSocketService *service, GSocketConnection *connection, GObject *source,
             gpointer data)
{
  Reading *r = g_new0 (Reading, 1);

  r->listener = data;
  r->connection = g_object_ref (G_IO_STREAM (connection));
  r->in = g_io_stream_get_input_stream (r->connection);
  read_more (r);
  return TRUE;
}

static guint16
bind_loopback (GSocketListener *listener)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  g_assert_true (g_socket_listener_add_address (listener, any, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error));
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
}

static void
listener_start (Listener *l)
{
  l->service = g_socket_service_new ();
  l->port = bind_loopback (G_SOCKET_LISTENER (l->service));
  l->received = g_byte_array_new ();
  g_signal_connect (l->service, "incoming", G_CALLBACK (on_incoming), l);
  g_socket_service_start (l->service);
}

static void
listener_stop (Listener *l)
{
  g_socket_service_stop (l->service);
  g_socket_listener_close (G_SOCKET_LISTENER (l->service));
  g_clear_object (&l->service);
  g_byte_array_unref (l->received);
}

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
send_and_wait (const char *address, GBytes *bytes, Listener *l, GError **error)
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

  spread = sd_escpos_spread ("合计", "￥36.00", 32);
  g_assert_cmpuint (sd_escpos_text_width (spread), ==, 32);
  g_assert_true (g_str_has_suffix (spread, " ￥36.00"));
  g_assert_null (sd_escpos_spread ("一二三四五六七八九十", "1234567890123", 32));
}

static void
test_send_tcp (void)
{
  Listener l = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SdEscpos) b = sd_escpos_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) received = NULL;
  g_autoptr(EscposDoc) doc = NULL;
  g_autofree char *address = NULL;

  listener_start (&l);
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
  listener_stop (&l);
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) probe = g_socket_listener_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autofree char *address = NULL;
  guint16 port = bind_loopback (probe);

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
      port = bind_loopback (probe);
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
  return g_test_run ();
}
