/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV files as Excel and WPS write them in China.
 *
 * Encoding, by content: a UTF-8 BOM is stripped; UTF-16LE/BE with a BOM (Excel's
 * "Unicode text", tab-separated) is converted; valid UTF-8 is taken as it is; anything
 * else is GB18030 (a superset of GBK and GB2312, what Chinese Excel saves as "CSV").
 * Text that fails all of them is refused, naming the line and byte.
 *
 * Records follow RFC 4180: quoted fields with doubled quotes and embedded delimiters and
 * line breaks; CRLF, LF or CR line ends; the delimiter (comma, semicolon or tab; never
 * the full-width "，") is the one the header line uses most, or the one named by Excel's
 * "sep=;" first line. Line breaks inside a field become "\n". Like Excel we are lenient
 * with stray quotes inside an unquoted field or after a closing quote, and we read an
 * unquoted ="0571" (how some systems keep leading zeros) as 0571. Records whose fields
 * are all empty are skipped.
 *
 * Writing: UTF-8 with BOM (so Excel detects UTF-8), CRLF; a field is quoted when it
 * holds a quote, a line break or any delimiter we might detect (, ; tab). */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-table.h"

/* Line of the byte at `offset`, 1-based; CRLF, LF and a lone CR each end a line. */
static guint
line_at (const char *data,
         gsize       len,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset && i < len; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n'))
        line++;
    }
  return line;
}

static gboolean
check_no_nul (const char  *text,
              gsize        len,
              GError     **error)
{
  const char *nul = memchr (text, '\0', len);

  if (nul == NULL)
    return TRUE;
  g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
               _("The file contains binary data (a zero byte on line %u); it is not CSV text."),
               line_at (text, len, nul - text));
  return FALSE;
}

/* Number of non-ASCII characters in valid UTF-8 text. */
static gsize
count_multibyte (const char *text,
                 gsize       len)
{
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    if (((guchar) text[i]) >= 0xC0)
      n++;
  return n;
}

/* A file that has this many valid multi-byte UTF-8 characters before its first invalid
 * byte is damaged UTF-8, not GB18030: by chance GB18030 text forms one valid UTF-8
 * character in about seven, so eight in a row does not happen. Decoding it as GB18030
 * would turn every Chinese character into the wrong one without a word. */
#define UTF8_EVIDENCE 8

/* Turns `data` into UTF-8 text: either points into `data` or returns a new buffer in
 * `owned`. */
static gboolean
decode (const char  *data,
        gsize        len,
        char       **owned,
        const char **text,
        gsize       *text_len,
        const char **encoding,
        GError     **error)
{
  const char *valid_end = NULL;

  *owned = NULL;

  if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      g_autoptr(GError) local_error = NULL;
      gboolean le = (guchar) data[0] == 0xFF;
      gsize bytes_read = 0;
      gsize written = 0;

      *encoding = le ? "UTF-16LE" : "UTF-16BE";
      *owned = g_convert (data + 2, len - 2, "UTF-8", *encoding, &bytes_read, &written,
                          &local_error);
      /* with bytes_read given, a partial character at the end is no error to g_convert */
      if (*owned == NULL || bytes_read != len - 2)
        {
          g_clear_pointer (owned, g_free);
          g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_ENCODING,
                       _("The file is marked as UTF-16 text but is damaged near byte %u."),
                       (guint) MIN (bytes_read + 2, G_MAXUINT));
          return FALSE;
        }
      *text = *owned;
      *text_len = written;
      return check_no_nul (*text, *text_len, error);
    }

  if (!check_no_nul (data, len, error))
    return FALSE;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      *encoding = "UTF-8 (BOM)";
      if (!g_utf8_validate_len (data + 3, len - 3, &valid_end))
        {
          gsize offset = valid_end - data;

          g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_ENCODING,
                       _("The file is UTF-8 text but has an invalid byte 0x%02X on line %u "
                         "(byte %u)."),
                       (guchar) data[offset], line_at (data, len, offset),
                       (guint) MIN (offset, G_MAXUINT));
          return FALSE;
        }
      *text = data + 3;
      *text_len = len - 3;
      return TRUE;
    }

  if (g_utf8_validate_len (data, len, &valid_end))
    {
      *encoding = "UTF-8";
      *text = data;
      *text_len = len;
      return TRUE;
    }

  if (count_multibyte (data, valid_end - data) >= UTF8_EVIDENCE)
    {
      gsize offset = valid_end - data;

      g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_ENCODING,
                   _("The file is UTF-8 text but has an invalid byte 0x%02X on line %u "
                     "(byte %u)."),
                   (guchar) data[offset], line_at (data, len, offset),
                   (guint) MIN (offset, G_MAXUINT));
      return FALSE;
    }

  {
    g_autoptr(GError) local_error = NULL;
    gsize bytes_read = 0;
    gsize written = 0;

    *encoding = "GB18030";
    *owned = g_convert (data, len, "UTF-8", "GB18030", &bytes_read, &written, &local_error);
    if (*owned == NULL || bytes_read != len)
      {
        g_clear_pointer (owned, g_free);
        if (local_error == NULL   /* a partial character at the end */
            || g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE)
            || g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT))
          {
            gsize offset = MIN (bytes_read, len - 1);

            g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_ENCODING,
                         _("The file is neither UTF-8 nor GB18030 (GBK) text: byte 0x%02X "
                           "on line %u (byte %u) cannot be read."),
                         (guchar) data[offset], line_at (data, len, offset),
                         (guint) MIN (offset, G_MAXUINT));
          }
        else
          g_set_error_literal (error, SD_TABLE_ERROR, SD_TABLE_ERROR_ENCODING,
                               local_error->message);
        return FALSE;
      }
    *text = *owned;
    *text_len = written;
    return TRUE;
  }
}

typedef struct {
  const char *p;
  const char *end;
  guint       line;
} Cursor;

static gboolean
eat_line_end (Cursor *c)
{
  if (c->p >= c->end)
    return FALSE;
  if (*c->p == '\r')
    {
      c->p++;
      if (c->p < c->end && *c->p == '\n')
        c->p++;
    }
  else if (*c->p == '\n')
    c->p++;
  else
    return FALSE;
  c->line++;
  return TRUE;
}

/* Excel's "sep=;" first line names the delimiter and is not data. */
static gboolean
eat_sep_line (Cursor *c,
              char   *delimiter)
{
  if (c->end - c->p < 5 || memcmp (c->p, "sep=", 4) != 0)
    return FALSE;
  if (c->end - c->p > 5 && c->p[5] != '\r' && c->p[5] != '\n')
    return FALSE;
  *delimiter = c->p[4];
  c->p += 5;
  eat_line_end (c);
  return TRUE;
}

/* The candidate the first non-blank line uses most outside quotes; comma on a tie. */
static char
detect_delimiter (const char *p,
                  const char *end)
{
  static const char candidates[] = { ',', '\t', ';' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0, };
  gboolean quoted = FALSE;
  char best = ',';
  guint best_count = 0;

  while (p < end && (*p == '\r' || *p == '\n'))
    p++;
  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\r' || *p == '\n'))
        break;
      else if (!quoted)
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          if (*p == candidates[i])
            counts[i]++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (counts[i] > best_count)
      {
        best = candidates[i];
        best_count = counts[i];
      }
  return best;
}

/* ="0571" written unquoted: the text between the quotes. */
static void
unwrap_formula_text (GString *buf,
                     gsize    start)
{
  gsize len = buf->len - start;
  char *s = buf->str + start;

  if (len < 3 || s[0] != '=' || s[1] != '"' || s[len - 1] != '"')
    return;
  if (memchr (s + 2, '"', len - 3) != NULL)
    return;
  memmove (s, s + 2, len - 3);
  g_string_truncate (buf, start + len - 3);
}

/* One record into `buf` (fields separated by NUL bytes) and `starts` (their offsets). */
static gboolean
parse_record (Cursor   *c,
              char      delimiter,
              GString  *buf,
              GArray   *starts,
              GError  **error)
{
  g_string_truncate (buf, 0);
  g_array_set_size (starts, 0);

  for (;;)
    {
      gsize start = buf->len;
      gboolean quoted = FALSE;
      const char *q;

      g_array_append_val (starts, start);

      if (c->p < c->end && *c->p == '"')
        {
          guint quote_line = c->line;

          quoted = TRUE;
          c->p++;
          for (;;)
            {
              if (c->p >= c->end)
                {
                  g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                               _("The quoted field that starts on line %u is never closed "
                                 "(a \" is missing)."),
                               quote_line);
                  return FALSE;
                }
              for (q = c->p; q < c->end && *q != '"' && *q != '\r' && *q != '\n'; q++)
                ;
              g_string_append_len (buf, c->p, q - c->p);
              c->p = q;
              if (q >= c->end)
                continue;
              if (*q == '"')
                {
                  if (q + 1 < c->end && q[1] == '"')
                    {
                      g_string_append_c (buf, '"');
                      c->p = q + 2;
                      continue;
                    }
                  c->p = q + 1;
                  break;
                }
              eat_line_end (c);
              g_string_append_c (buf, '\n');
            }
        }

      /* an unquoted field, or what follows a closing quote up to the delimiter */
      for (q = c->p; q < c->end && *q != delimiter && *q != '\r' && *q != '\n'; q++)
        ;
      g_string_append_len (buf, c->p, q - c->p);
      c->p = q;
      if (!quoted)
        unwrap_formula_text (buf, start);
      g_string_append_c (buf, '\0');

      if (c->p < c->end && *c->p == delimiter)
        {
          c->p++;
          continue;
        }
      eat_line_end (c);
      return TRUE;
    }
}

static SdTable *
parse_records (const char  *text,
               gsize        len,
               GError     **error)
{
  g_autoptr(SdTable) table = sd_table_new ();
  g_autoptr(GString) buf = g_string_sized_new (256);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  Cursor c = { text, text + len, 1 };
  char delimiter;

  if (!eat_sep_line (&c, &delimiter))
    delimiter = detect_delimiter (c.p, c.end);
  sd_table_set_delimiter (table, delimiter);

  while (c.p < c.end)
    {
      guint line = c.line;
      gboolean empty = TRUE;

      if (!parse_record (&c, delimiter, buf, starts, error))
        return NULL;

      g_ptr_array_set_size (fields, starts->len);
      for (guint i = 0; i < starts->len; i++)
        {
          const char *field = buf->str + g_array_index (starts, gsize, i);

          g_ptr_array_index (fields, i) = (gpointer) field;
          if (*field != '\0')
            empty = FALSE;
        }
      if (!empty)
        sd_table_append_row_at (table, line, (const char * const *) fields->pdata, fields->len);
    }

  return g_steal_pointer (&table);
}

SdTable *
sd_table_parse_csv (const char  *data,
                    gsize        len,
                    GError     **error)
{
  g_autofree char *owned = NULL;
  const char *text = NULL;
  const char *encoding = NULL;
  gsize text_len = 0;
  SdTable *table;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0)
    {
      table = sd_table_new ();
      sd_table_set_encoding (table, "UTF-8");
      sd_table_set_delimiter (table, ',');
      return table;
    }

  if (!decode (data, len, &owned, &text, &text_len, &encoding, error))
    return NULL;

  table = parse_records (text, text_len, error);
  if (table != NULL)
    sd_table_set_encoding (table, encoding);
  return table;
}

/* --- writing ---------------------------------------------------------------------------- */

static void
append_field (GString    *out,
              const char *cell,
              gboolean    first_of_file)
{
  gboolean quote = strpbrk (cell, ",;\t\"\r\n") != NULL
                   || (first_of_file && g_str_has_prefix (cell, "sep="));

  if (!quote)
    {
      g_string_append (out, cell);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
sd_table_write_csv (SdTable     *table,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) out = NULL;
  guint n_rows;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_rows = sd_table_get_n_rows (table);
  out = g_string_sized_new (4096);
  g_string_append (out, "\xEF\xBB\xBF");
  for (guint row = 0; row < n_rows; row++)
    {
      guint n_cells = sd_table_get_n_cells (table, row);

      for (guint col = 0; col < n_cells; col++)
        {
          if (col > 0)
            g_string_append_c (out, ',');
          append_field (out, sd_table_get_cell (table, row, col), row == 0 && col == 0);
        }
      g_string_append (out, "\r\n");
    }

  if (!g_file_set_contents (path, out->str, out->len, &local_error))
    {
      g_set_error_literal (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE, local_error->message);
      return FALSE;
    }
  return TRUE;
}
