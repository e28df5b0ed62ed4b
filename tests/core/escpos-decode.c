/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "escpos-decode.h"

#include <string.h>

typedef struct {
  EscposDoc  *doc;
  GByteArray *pending;    /* text bytes of the line being built */
  gboolean    bold, line_bold;
  guint       width, height, line_width, line_height;
  guint       align, line_align;
} Decoder;

static void
line_free (gpointer data)
{
  EscposLine *line = data;

  g_free (line->text);
  g_free (line);
}

void
escpos_doc_free (EscposDoc *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->lines);
  g_ptr_array_unref (doc->qr);
  g_free (doc);
}

EscposLine *
escpos_doc_find (EscposDoc *doc, const char *needle)
{
  for (guint i = 0; i < doc->lines->len; i++)
    {
      EscposLine *line = g_ptr_array_index (doc->lines, i);
      if (strstr (line->text, needle) != NULL)
        return line;
    }
  return NULL;
}

static gboolean
flush (Decoder *d, gboolean force, GError **error)
{
  EscposLine *line;
  gsize len = 0;

  if (d->pending->len == 0 && !force)
    return TRUE;
  line = g_new0 (EscposLine, 1);
  line->text = g_convert ((const char *) d->pending->data, d->pending->len, "UTF-8", "GB18030",
                          NULL, &len, error);
  if (line->text == NULL)
    {
      g_free (line);
      return FALSE;
    }
  line->bold = d->line_bold;
  line->width = MAX (d->line_width, 1);
  line->height = MAX (d->line_height, 1);
  line->align = d->line_align;
  g_ptr_array_add (d->doc->lines, line);
  g_byte_array_set_size (d->pending, 0);
  d->line_bold = FALSE;
  d->line_width = d->line_height = 0;
  return TRUE;
}

static gboolean
need (gsize at, gsize n, gsize len, GError **error)
{
  if (at + n > len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "command cut short at byte %zu", at);
      return FALSE;
    }
  return TRUE;
}

EscposDoc *
escpos_decode (const guint8 *p, gsize len, GError **error)
{
  g_autoptr(EscposDoc) doc = g_new0 (EscposDoc, 1);
  g_autoptr(GByteArray) pending = g_byte_array_new ();
  Decoder d = { .doc = doc, .pending = pending, .width = 1, .height = 1 };
  gsize i = 0;
  gboolean last_was_cut = FALSE;
  g_autofree char *symbol = NULL;

  doc->lines = g_ptr_array_new_with_free_func (line_free);
  doc->qr = g_ptr_array_new_with_free_func (g_free);

  while (i < len)
    {
      guint8 c = p[i];
      last_was_cut = FALSE;

      if (c == '\n')
        {
          if (!flush (&d, TRUE, error))
            return NULL;
          i++;
        }
      else if (c >= 0x20)
        {
          if (d.pending->len == 0)
            d.line_align = d.align;
          g_byte_array_append (d.pending, &c, 1);
          d.line_bold |= d.bold;
          d.line_width = MAX (d.line_width, d.width);
          d.line_height = MAX (d.line_height, d.height);
          i++;
        }
      else if (c == 0x1b)
        {
          if (!need (i, 2, len, error))
            return NULL;
          switch (p[i + 1])
            {
            case '@':
              if (i == 0)
                doc->reset = TRUE;
              d.bold = FALSE;
              d.width = d.height = 1;
              d.align = 0;
              i += 2;
              break;
            case 'a':
            case 'E':
            case 'd':
              if (!need (i, 3, len, error))
                return NULL;
              if (p[i + 1] == 'a')
                d.align = p[i + 2];
              else if (p[i + 1] == 'E')
                d.bold = p[i + 2] & 1;
              else if (!flush (&d, FALSE, error))
                return NULL;
              else
                for (guint n = 0; n < p[i + 2]; n++)
                  if (!flush (&d, TRUE, error))
                    return NULL;
              i += 3;
              break;
            default:
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "unknown command ESC 0x%02x at byte %zu", p[i + 1], i);
              return NULL;
            }
        }
      else if (c == 0x1c)
        {
          if (!need (i, 2, len, error))
            return NULL;
          if (p[i + 1] != '&')
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "unknown command FS 0x%02x at byte %zu", p[i + 1], i);
              return NULL;
            }
          if (doc->lines->len == 0 && d.pending->len == 0)
            doc->chinese = TRUE;
          i += 2;
        }
      else if (c == 0x1d)
        {
          if (!need (i, 2, len, error))
            return NULL;
          switch (p[i + 1])
            {
            case '!':
              if (!need (i, 3, len, error))
                return NULL;
              d.width = (p[i + 2] >> 4) + 1;
              d.height = (p[i + 2] & 0x0f) + 1;
              i += 3;
              break;
            case 'V':
              if (!need (i, 3, len, error) || !flush (&d, FALSE, error))
                return NULL;
              i += (p[i + 2] == 65 || p[i + 2] == 66) ? 4 : 3;
              doc->n_cuts++;
              last_was_cut = TRUE;
              break;
            case 'v':
              {
                guint xb, yb;
                if (!need (i, 8, len, error) || !flush (&d, FALSE, error))
                  return NULL;
                xb = p[i + 4] | (p[i + 5] << 8);
                yb = p[i + 6] | (p[i + 7] << 8);
                if (p[i + 2] != '0' || !need (i, 8 + (gsize) xb * yb, len, error))
                  return NULL;
                doc->n_rasters++;
                doc->raster_rows += yb;
                i += 8 + (gsize) xb * yb;
              }
              break;
            case '(':
              {
                gsize n;
                if (!need (i, 7, len, error))
                  return NULL;
                n = p[i + 3] | (p[i + 4] << 8);
                if (p[i + 2] != 'k' || p[i + 5] != 49 || !need (i, 5 + n, len, error))
                  {
                    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 "bad 2D symbol command at byte %zu", i);
                    return NULL;
                  }
                if (p[i + 6] == 80 && n >= 3)        /* store: pL pH cn fn m data */
                  {
                    g_free (symbol);
                    symbol = g_strndup ((const char *) p + i + 8, n - 3);
                  }
                else if (p[i + 6] == 81)             /* print the stored symbol */
                  {
                    if (symbol == NULL || !flush (&d, FALSE, error))
                      {
                        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                     "QR printed before one was stored, at byte %zu", i);
                        return NULL;
                      }
                    g_ptr_array_add (doc->qr, g_strdup (symbol));
                  }
                i += 5 + n;
              }
              break;
            default:
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "unknown command GS 0x%02x at byte %zu", p[i + 1], i);
              return NULL;
            }
        }
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "unexpected control byte 0x%02x at byte %zu", c, i);
          return NULL;
        }
    }
  if (!flush (&d, FALSE, error))
    return NULL;
  doc->cut_at_end = last_was_cut;
  return g_steal_pointer (&doc);
}

/* The printer on the loopback */


typedef struct {
  EscposListener *listener;
  GInputStream *in;
  GIOStream    *connection;
  guint8        buffer[4096];
} Reading;

static void read_more (Reading *r);

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

guint16
escpos_bind_loopback (GSocketListener *listener)
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

void
escpos_listener_start (EscposListener *l)
{
  l->service = g_socket_service_new ();
  l->port = escpos_bind_loopback (G_SOCKET_LISTENER (l->service));
  l->received = g_byte_array_new ();
  g_signal_connect (l->service, "incoming", G_CALLBACK (on_incoming), l);
  g_socket_service_start (l->service);
}

void
escpos_listener_stop (EscposListener *l)
{
  g_socket_service_stop (l->service);
  g_socket_listener_close (G_SOCKET_LISTENER (l->service));
  g_clear_object (&l->service);
  g_byte_array_unref (l->received);
}


gboolean
escpos_listener_wait (EscposListener *l, guint n_closed, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (l->n_closed < n_closed && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return l->n_closed >= n_closed;
}
