/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ESC/POS byte builder and sender. The commands are the common subset that Epson, Xprinter,
 * Gprinter and most Chinese 58/80 mm printers understand:
 *   ESC @ reset · FS & Chinese mode · ESC a align · ESC E bold · GS ! size · ESC d feed
 *   GS ( k QR (model 2) · GS v 0 raster · GS V 66 partial cut after feeding to the cutter */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-escpos.h"

#define ESC 0x1b
#define FS  0x1c
#define GS  0x1d

/* A printer that accepts the connection but never reads must not hang the counter. */
#define SEND_TIMEOUT_S 8

struct _SdEscpos {
  GByteArray *bytes;
};

G_DEFINE_QUARK (sd-escpos-error-quark, sd_escpos_error)

static void
put (SdEscpos *self, const guint8 *data, gsize len)
{
  g_byte_array_append (self->bytes, data, len);
}

static void
put3 (SdEscpos *self, guint8 a, guint8 b, guint8 c)
{
  const guint8 cmd[] = { a, b, c };

  put (self, cmd, sizeof cmd);
}

/* GS ( k pL pH cn fn [params]: one function of the 2D symbol command. */
static void
qr_function (SdEscpos *self, guint8 fn, const guint8 *params, gsize n_params)
{
  gsize len = n_params + 2;
  const guint8 head[] = { GS, '(', 'k', len & 0xff, (len >> 8) & 0xff, 49, fn };

  put (self, head, sizeof head);
  if (n_params > 0)
    put (self, params, n_params);
}

SdEscpos *
sd_escpos_new (void)
{
  SdEscpos *self = g_new0 (SdEscpos, 1);
  const guint8 init[] = { ESC, '@', FS, '&' };

  self->bytes = g_byte_array_new ();
  put (self, init, sizeof init);
  return self;
}

void
sd_escpos_free (SdEscpos *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->bytes);
  g_free (self);
}

GBytes *
sd_escpos_get_bytes (SdEscpos *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_bytes_new (self->bytes->data, self->bytes->len);
}

void
sd_escpos_align (SdEscpos *self, SdEscposAlign align)
{
  g_return_if_fail (self != NULL);
  put3 (self, ESC, 'a', (guint8) CLAMP (align, SD_ESCPOS_LEFT, SD_ESCPOS_RIGHT));
}

void
sd_escpos_bold (SdEscpos *self, gboolean bold)
{
  g_return_if_fail (self != NULL);
  put3 (self, ESC, 'E', bold ? 1 : 0);
}

void
sd_escpos_size (SdEscpos *self, guint width, guint height)
{
  g_return_if_fail (self != NULL);
  width = CLAMP (width, 1, 8);
  height = CLAMP (height, 1, 8);
  put3 (self, GS, '!', (guint8) (((width - 1) << 4) | (height - 1)));
}

/* The text as the printer can draw it: its Chinese fonts hold the one- and two-byte part of
 * GB18030. A character GB18030 writes in four bytes (CJK Extension B such as 𠮷, emoji)
 * would come out as two wrong glyphs four columns wide; it is printed as "?". */
char *
sd_escpos_printable (const char *utf8)
{
  GString *out;
  GIConv cd;

  if (utf8 == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (utf8, -1, NULL))
    return g_utf8_make_valid (utf8, -1);
  cd = g_iconv_open ("GB18030", "UTF-8");
  out = g_string_sized_new (strlen (utf8));
  for (const char *p = utf8; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean printable = c < 0x80;

      if (!printable && c <= 0xFFFF && cd != (GIConv) -1)
        {
          char in[8], encoded[8];
          char *inp = in, *outp = encoded;
          gsize in_left = (gsize) g_unichar_to_utf8 (c, in), out_left = sizeof encoded;

          printable = g_iconv (cd, &inp, &in_left, &outp, &out_left) != (gsize) -1 &&
                      sizeof encoded - out_left <= 2;
          g_iconv (cd, NULL, NULL, NULL, NULL);
        }
      if (printable)
        g_string_append_unichar (out, c);
      else
        g_string_append_c (out, '?');
    }
  if (cd != (GIConv) -1)
    g_iconv_close (cd);
  return g_string_free (out, FALSE);
}

void
sd_escpos_text (SdEscpos *self, const char *utf8)
{
  g_autofree char *encoded = NULL;
  g_autofree char *printable = NULL;
  gsize len = 0;

  g_return_if_fail (self != NULL);
  if (utf8 == NULL || *utf8 == '\0')
    return;
  printable = sd_escpos_printable (utf8);
  encoded = g_convert_with_fallback (printable, -1, "GB18030", "UTF-8", "?", NULL, &len, NULL);
  if (encoded == NULL)
    {
      /* not UTF-8 at all: print it as far as it is ASCII */
      for (const char *p = utf8; *p; p++)
        {
          guint8 c = (guint8) *p < 0x80 ? (guint8) *p : '?';
          put (self, &c, 1);
        }
      return;
    }
  put (self, (const guint8 *) encoded, len);
}

void
sd_escpos_line (SdEscpos *self, const char *utf8)
{
  const guint8 lf = '\n';

  sd_escpos_text (self, utf8);
  put (self, &lf, 1);
}

void
sd_escpos_feed (SdEscpos *self, guint lines)
{
  g_return_if_fail (self != NULL);
  put3 (self, ESC, 'd', (guint8) MIN (lines, 255));
}

void
sd_escpos_qr (SdEscpos *self, const char *payload, guint module_size, char level)
{
  const guint8 model[] = { 50, 0 };          /* model 2 */
  guint8 size = (guint8) CLAMP (module_size, 1, 16);
  guint8 ec;
  const guint8 print[] = { 48 };
  gsize len;
  g_autofree guint8 *store = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (payload != NULL);

  switch (g_ascii_toupper (level))
    {
    case 'L': ec = 48; break;
    case 'Q': ec = 50; break;
    case 'H': ec = 51; break;
    default:  ec = 49; break;   /* M */
    }
  len = MIN (strlen (payload), 7000);
  store = g_malloc (len + 1);
  store[0] = 48;
  memcpy (store + 1, payload, len);

  qr_function (self, 65, model, sizeof model);
  qr_function (self, 67, &size, 1);
  qr_function (self, 69, &ec, 1);
  qr_function (self, 80, store, len + 1);
  qr_function (self, 81, print, sizeof print);
}

void
sd_escpos_raster (SdEscpos *self, const guint8 *bits, guint width_bytes, guint height)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (bits != NULL || width_bytes * height == 0);
  g_return_if_fail (width_bytes < 65536 && height < 65536);

  {
    const guint8 head[] = { GS, 'v', '0', 0,
                            width_bytes & 0xff, (width_bytes >> 8) & 0xff,
                            height & 0xff, (height >> 8) & 0xff };
    put (self, head, sizeof head);
    put (self, bits, (gsize) width_bytes * height);
  }
}

void
sd_escpos_cut (SdEscpos *self)
{
  const guint8 cut[] = { GS, 'V', 66, 0 };

  g_return_if_fail (self != NULL);
  put (self, cut, sizeof cut);
}

/* Text helpers */

static guint
char_width (gunichar c)
{
  if (c < 0x80)
    return c >= 0x20 ? 1 : 0;
  if (g_unichar_iszerowidth (c))
    return 0;
  if (g_unichar_iswide (c))
    return 2;
  /* In Chinese mode the printer draws every double-byte character from its 24×24 font,
   * also those Unicode calls narrow or ambiguous (·, —, ①, é). */
  return 2;
}

guint
sd_escpos_text_width (const char *utf8)
{
  g_autofree char *printable = NULL;
  guint width = 0;

  if (utf8 == NULL)
    return 0;
  printable = sd_escpos_printable (utf8);
  for (const char *p = printable; *p; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
  return width;
}

GStrv
sd_escpos_wrap (const char *utf8, guint columns)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  const char *start, *p, *space = NULL;
  guint width = 0, n_lines = 0;

  g_autofree char *printable = NULL;

  g_return_val_if_fail (columns > 0, NULL);
  printable = sd_escpos_printable (utf8);

  start = p = printable;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      guint w = char_width (c);

      if (c == '\n')
        {
          g_autofree char *line = g_strndup (start, p - start);
          g_strv_builder_add (lines, line);
          n_lines++;
          start = p + 1;
          p = start;
          space = NULL;
          width = 0;
          continue;
        }
      if (width + w > columns && p > start)
        {
          const char *end = p, *next = p;

          if (c != ' ' && space != NULL && space > start)
            {
              end = space;
              next = space + 1;
            }
          else if (c == ' ')
            next = p + 1;
          {
            g_autofree char *line = g_strndup (start, end - start);
            g_strchomp (line);
            g_strv_builder_add (lines, line);
            n_lines++;
          }
          start = p = next;
          space = NULL;
          width = 0;
          continue;
        }
      if (c == ' ')
        space = p;
      width += w;
      p = g_utf8_next_char (p);
    }
  /* the rest, and one empty line for empty input */
  if (*start || n_lines == 0)
    g_strv_builder_add (lines, start);
  return g_strv_builder_end (lines);
}

char *
sd_escpos_spread (const char *left, const char *right, guint columns)
{
  guint lw = sd_escpos_text_width (left), rw = sd_escpos_text_width (right);
  GString *line;

  if (lw + rw > columns)
    return NULL;
  line = g_string_new (left ? left : "");
  for (guint i = lw + rw; i < columns; i++)
    g_string_append_c (line, ' ');
  g_string_append (line, right ? right : "");
  return g_string_free (line, FALSE);
}

/* Sending */

gboolean
sd_escpos_address_is_path (const char *address)
{
  if (address == NULL)
    return FALSE;
  return address[0] == '/' || address[0] == '\\' || g_str_has_prefix (address, "./")
         || (g_ascii_isalpha (address[0]) && address[1] == ':'
             && (address[2] == '\\' || address[2] == '/'));
}

static gboolean
send_to_path (const char *address, GBytes *bytes, GCancellable *cancellable, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (address);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local = NULL;
  gsize written = 0;

  /* append: a device node cannot be replaced, and a spool file keeps earlier jobs */
  out = g_file_append_to (file, G_FILE_CREATE_NONE, cancellable, &local);
  if (out == NULL)
    {
      g_set_error (error, SD_ESCPOS_ERROR, SD_ESCPOS_ERROR_CONNECT,
                   _("Cannot open the printer “%s”: %s"), address, local->message);
      return FALSE;
    }
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), &written, cancellable, &local)
      || !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local))
    {
      g_set_error (error, SD_ESCPOS_ERROR, SD_ESCPOS_ERROR_WRITE,
                   _("Sending to the printer “%s” failed: %s"), address, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
send_to_host (const char *address, GBytes *bytes, GCancellable *cancellable, GError **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) local = NULL;
  GOutputStream *out;
  gsize written = 0;

  g_socket_client_set_timeout (client, SEND_TIMEOUT_S);
  connection = g_socket_client_connect_to_host (client, address, SD_ESCPOS_DEFAULT_PORT,
                                                cancellable, &local);
  if (connection == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        g_set_error (error, SD_ESCPOS_ERROR, SD_ESCPOS_ERROR_ADDRESS,
                     _("“%s” is not a printer address (host:port or a device path)"), address);
      else
        g_set_error (error, SD_ESCPOS_ERROR, SD_ESCPOS_ERROR_CONNECT,
                     _("Cannot reach the printer at %s: %s"), address, local->message);
      return FALSE;
    }
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  &written, cancellable, &local)
      || !g_io_stream_close (G_IO_STREAM (connection), cancellable, &local))
    {
      g_set_error (error, SD_ESCPOS_ERROR, SD_ESCPOS_ERROR_WRITE,
                   _("Sending to the printer at %s failed: %s"), address, local->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  char   *address;
  GBytes *bytes;
} SendJob;

static void
send_job_free (gpointer data)
{
  SendJob *job = data;

  g_free (job->address);
  g_bytes_unref (job->bytes);
  g_free (job);
}

static void
send_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SendJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (sd_escpos_address_is_path (job->address))
    ok = send_to_path (job->address, job->bytes, cancellable, &error);
  else
    ok = send_to_host (job->address, job->bytes, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sd_escpos_send_async (const char          *address,
                      GBytes              *bytes,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (address ? address : ""));
  SendJob *job;

  g_return_if_fail (bytes != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_escpos_send_async);
  if (*trimmed == '\0')
    {
      g_task_return_new_error (task, SD_ESCPOS_ERROR, SD_ESCPOS_ERROR_ADDRESS,
                               "%s", _("No ESC/POS printer address is set (Preferences → Documents)"));
      return;
    }
  job = g_new0 (SendJob, 1);
  job->address = g_steal_pointer (&trimmed);
  job->bytes = g_bytes_ref (bytes);
  g_task_set_task_data (task, job, send_job_free);
  g_task_run_in_thread (task, send_thread);
}

gboolean
sd_escpos_send_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
