/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdTable: rows of UTF-8 text cells, and reading a spreadsheet file by its content.
 * The CSV reader and writer are in sd-csv.c, the .xlsx reader in sd-xlsx-read.c and
 * the .xlsx writer in sd-xlsx-write.c. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-table.h"

typedef struct {
  guint first;   /* index of the row's first cell in `cells` */
  guint n;
  guint line;
} SdTableRow;

struct _SdTable
{
  gatomicrefcount  ref_count;
  GStringChunk    *strings;    /* every non-empty cell text */
  GPtrArray       *cells;      /* const char *, all rows one after another */
  GArray          *rows;       /* SdTableRow */
  guint            n_columns;
  char            *encoding;
  char             delimiter;
};

G_DEFINE_QUARK (sd-table-error-quark, sd_table_error)
G_DEFINE_BOXED_TYPE (SdTable, sd_table, sd_table_ref, sd_table_unref)

SdTable *
sd_table_new (void)
{
  SdTable *table = g_new0 (SdTable, 1);

  g_atomic_ref_count_init (&table->ref_count);
  table->strings = g_string_chunk_new (64 * 1024);
  table->cells = g_ptr_array_new ();
  table->rows = g_array_new (FALSE, FALSE, sizeof (SdTableRow));
  return table;
}

SdTable *
sd_table_ref (SdTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  g_atomic_ref_count_inc (&table->ref_count);
  return table;
}

void
sd_table_unref (SdTable *table)
{
  g_return_if_fail (table != NULL);

  if (!g_atomic_ref_count_dec (&table->ref_count))
    return;
  g_string_chunk_free (table->strings);
  g_ptr_array_unref (table->cells);
  g_array_unref (table->rows);
  g_free (table->encoding);
  g_free (table);
}

void
sd_table_append_row_at (SdTable            *table,
                        guint               source_line,
                        const char * const *cells,
                        guint               n_cells)
{
  SdTableRow row;

  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  row.first = table->cells->len;
  row.n = n_cells;
  row.line = source_line;
  for (guint i = 0; i < n_cells; i++)
    {
      const char *text = cells[i];

      /* empty cells share one static "" rather than a byte of the chunk each */
      if (text == NULL || *text == '\0')
        g_ptr_array_add (table->cells, (gpointer) "");
      else
        g_ptr_array_add (table->cells, g_string_chunk_insert (table->strings, text));
    }
  g_array_append_val (table->rows, row);
  table->n_columns = MAX (table->n_columns, n_cells);
}

void
sd_table_append_row (SdTable            *table,
                     const char * const *cells,
                     guint               n_cells)
{
  g_return_if_fail (table != NULL);

  sd_table_append_row_at (table, table->rows->len + 1, cells, n_cells);
}

guint
sd_table_get_n_rows (SdTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->rows->len;
}

guint
sd_table_get_n_columns (SdTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->n_columns;
}

guint
sd_table_get_n_cells (SdTable *table,
                      guint    row)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (row < table->rows->len, 0);

  return g_array_index (table->rows, SdTableRow, row).n;
}

const char *
sd_table_get_cell (SdTable *table,
                   guint    row,
                   guint    col)
{
  const SdTableRow *r;

  g_return_val_if_fail (table != NULL, "");
  g_return_val_if_fail (row < table->rows->len, "");

  r = &g_array_index (table->rows, SdTableRow, row);
  if (col >= r->n)
    return "";
  return g_ptr_array_index (table->cells, r->first + col);
}

guint
sd_table_get_source_line (SdTable *table,
                          guint    row)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (row < table->rows->len, 0);

  return g_array_index (table->rows, SdTableRow, row).line;
}

const char *
sd_table_get_encoding (SdTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return table->encoding;
}

void
sd_table_set_encoding (SdTable    *table,
                       const char *encoding)
{
  g_return_if_fail (table != NULL);

  g_free (table->encoding);
  table->encoding = g_strdup (encoding);
}

char
sd_table_get_delimiter (SdTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->delimiter;
}

void
sd_table_set_delimiter (SdTable *table,
                        char     delimiter)
{
  g_return_if_fail (table != NULL);

  table->delimiter = delimiter;
}

/* --- reading a file by its content ------------------------------------------------------ */

static gboolean
has_magic (const char *data,
           gsize       len,
           const char *magic,
           gsize       magic_len)
{
  return len >= magic_len && memcmp (data, magic, magic_len) == 0;
}

/* Text that starts with '<' (after a BOM and blanks) is HTML or XML: many Chinese
 * systems export web pages or "XML Spreadsheet 2003" files under an .xls name. */
static gboolean
looks_like_markup (const char *data,
                   gsize       len)
{
  const char *p = data;
  const char *end = data + len;

  if (has_magic (data, len, "\xEF\xBB\xBF", 3))
    p += 3;
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p < end && *p == '<';
}

SdTable *
sd_table_read_file (const char  *path,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  g_autofree char *lower = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error_literal (error, SD_TABLE_ERROR, SD_TABLE_ERROR_READ, local_error->message);
      return NULL;
    }

  display = g_filename_display_basename (path);

  /* local file header or the end record of an empty zip */
  if (has_magic (data, len, "PK\x03\x04", 4) || has_magic (data, len, "PK\x05\x06", 4))
    return sd_table_parse_xlsx ((const guint8 *) data, len, error);

  /* OLE2 compound file: Excel 97-2003 .xls, WPS .et, or an encrypted .xlsx */
  if (has_magic (data, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    {
      g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                   _("“%s” is an old Excel 97–2003 workbook (.xls) or a password-protected "
                     "workbook. Open it in Excel or WPS and save it as .xlsx or CSV "
                     "without a password."),
                   display);
      return NULL;
    }

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm"))
    {
      g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                   _("“%s” is named like an Excel workbook (.xlsx) but is not one; "
                     "it may be damaged or saved in another format."),
                   display);
      return NULL;
    }

  if (looks_like_markup (data, len))
    {
      g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                   _("“%s” is a web page or XML document, not a spreadsheet. Open it in "
                     "Excel or WPS and save it as .xlsx or CSV."),
                   display);
      return NULL;
    }

  return sd_table_parse_csv (data, len, error);
}
