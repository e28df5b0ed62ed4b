/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Road distances from an OSRM-compatible `table` service (the shop's own server, or one
 * it trusts): GET {url}/table/v1/driving/lon,lat;lon,lat…?annotations=distance,duration.
 * A plain HTTP/1.0 request over GIO, so the core needs no HTTP library; the answer's two
 * matrices are read with a small reader of JSON number arrays. Any failure is an error the
 * planner reports before it falls back to great-circle distances. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-dispatch-private.h"

#define OSRM_TIMEOUT_S 5
#define OSRM_MAX_ANSWER (64 * 1024 * 1024)

static gboolean
osrm_fail (GError    **error,
           const char *url,
           const char *why)
{
  g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
               _("The road distance server at “%s” could not be used: %s"), url, why);
  return FALSE;
}

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    p++;
  return p;
}

/* Reads `"key": [[n, n, …], …]` (n×n numbers; null = no road: -1) into `out`. */
static gboolean
read_matrix (const char *json,
             const char *key,
             int         n,
             double     *out)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", key);
  const char *p = strstr (json, quoted);

  if (p == NULL)
    return FALSE;
  p = skip_space (p + strlen (quoted));
  if (*p++ != ':')
    return FALSE;
  p = skip_space (p);
  if (*p++ != '[')
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      p = skip_space (p);
      if (i > 0 && *p++ != ',')
        return FALSE;
      p = skip_space (p);
      if (*p++ != '[')
        return FALSE;
      for (int j = 0; j < n; j++)
        {
          p = skip_space (p);
          if (j > 0 && *p++ != ',')
            return FALSE;
          p = skip_space (p);
          if (g_str_has_prefix (p, "null"))
            {
              out[(gsize) i * n + j] = -1;
              p += 4;
            }
          else
            {
              char *end = NULL;
              double v = g_ascii_strtod (p, &end);
              if (end == p || !isfinite (v) || v < 0)
                return FALSE;
              out[(gsize) i * n + j] = v;
              p = end;
            }
        }
      p = skip_space (p);
      if (*p++ != ']')
        return FALSE;
    }
  p = skip_space (p);
  return *p == ']';
}

gboolean
_sd_dispatch_osrm_table (const char   *base_url,
                         const double *lat,
                         const double *lon,
                         int           n,
                         double       *dist,
                         double       *time,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  const char *scheme, *body, *code;
  guint8 buf[16384];
  gssize got;
  int status = 0;

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, &local);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return osrm_fail (error, base_url, _("it is not an http:// address"));

  g_string_append (path, g_uri_get_path (uri));
  while (path->len > 0 && path->str[path->len - 1] == '/')
    g_string_truncate (path, path->len - 1);
  g_string_append (path, "/table/v1/driving/");
  for (int i = 0; i < n; i++)
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (path, "%s%s,%s", i ? ";" : "",
                              g_ascii_formatd (a, sizeof a, "%.6f", lon[i]),
                              g_ascii_formatd (b, sizeof b, "%.6f", lat[i]));
    }
  g_string_append (path, "?annotations=distance,duration");
  g_string_append_printf (request, "GET %s HTTP/1.0\r\nHost: %s\r\nAccept: application/json\r\n"
                          "Connection: close\r\n\r\n", path->str, g_uri_get_host (uri));

  client = g_socket_client_new ();
  g_socket_client_set_timeout (client, OSRM_TIMEOUT_S);
  g_socket_client_set_tls (client, g_ascii_strcasecmp (scheme, "https") == 0);
  connection = g_socket_client_connect_to_uri (client, base_url,
                                               g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : 80,
                                               cancellable, &local);
  if (connection == NULL ||
      !g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  request->str, request->len, NULL, cancellable, &local))
    return osrm_fail (error, base_url, local->message);

  while ((got = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                     buf, sizeof buf, cancellable, &local)) > 0)
    {
      if (answer->len + (gsize) got > OSRM_MAX_ANSWER)
        return osrm_fail (error, base_url, _("its answer is too long"));
      g_byte_array_append (answer, buf, (guint) got);
    }
  if (got < 0)
    return osrm_fail (error, base_url, local->message);
  g_byte_array_append (answer, (const guint8 *) "", 1);

  if (sscanf ((const char *) answer->data, "HTTP/%*u.%*u %d", &status) != 1 || status != 200)
    {
      g_autofree char *why = g_strdup_printf (_("it answered with HTTP status %d"), status);
      return osrm_fail (error, base_url, why);
    }
  body = strstr ((const char *) answer->data, "\r\n\r\n");
  code = body ? strstr (body, "\"code\"") : NULL;
  if (code == NULL || strstr (code, "\"Ok\"") == NULL ||
      !read_matrix (body, "distances", n, dist) || !read_matrix (body, "durations", n, time))
    return osrm_fail (error, base_url, _("its answer is not a distance table"));

  /* a pair with no road between them: the whole table is not trusted */
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      if (dist[(gsize) i * n + j] < 0 || time[(gsize) i * n + j] < 0)
        return osrm_fail (error, base_url, _("some stops cannot be reached by road"));
  return TRUE;
}
