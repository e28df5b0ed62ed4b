/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing an SdTable as an .xlsx workbook with libxlsxwriter.
 *
 * Every cell is a string in a text-formatted ("@") column, so phone numbers and codes
 * like "0571" stay as typed, also when the owner edits or adds cells in Excel. The first
 * row is bold and frozen as the header; columns are as wide as their text (CJK
 * characters count double) within limits; cells with line breaks wrap.
 *
 * libxlsxwriter writes to a temporary file that is then copied over the destination
 * in one step, so a failed export never leaves half a workbook behind. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "sd-table.h"

#define MIN_WIDTH  8.0
#define MAX_WIDTH 60.0

/* Display width of the first line of `text` in character cells. */
static guint
text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0' && *p != '\n'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      width += g_unichar_iswide (ch) ? 2 : 1;
    }
  return width;
}

static gboolean
write_workbook (SdTable     *table,
                const char  *path,
                const char  *display,
                GError     **error)
{
  /* libxlsxwriter's default tmpfile() wants to write to C:\ on Windows */
  lxw_workbook_options options = { .constant_memory = LXW_FALSE,
                                   .tmpdir = (char *) g_get_tmp_dir (),
                                   .use_zip64 = LXW_FALSE };
  g_autofree guint *widths = NULL;
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *header, *text, *wrap;
  guint n_rows = sd_table_get_n_rows (table);
  guint n_columns = sd_table_get_n_columns (table);
  lxw_error status = LXW_NO_ERROR;
  guint bad_row = 0, bad_col = 0;

  if (n_rows > LXW_ROW_MAX || n_columns > LXW_COL_MAX)
    {
      g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE,
                   _("The table is too large for an Excel worksheet (at most %u rows and "
                     "%u columns)."),
                   (guint) LXW_ROW_MAX, (guint) LXW_COL_MAX);
      return FALSE;
    }

  workbook = workbook_new_opt (path, &options);
  if (workbook == NULL)
    {
      g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE,
                   _("Could not write “%s”."), display);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, NULL);

  text = workbook_add_format (workbook);
  format_set_num_format_index (text, 49);   /* built-in "@", Text */
  wrap = workbook_add_format (workbook);
  format_set_num_format_index (wrap, 49);
  format_set_text_wrap (wrap);
  header = workbook_add_format (workbook);
  format_set_num_format_index (header, 49);
  format_set_bold (header);

  widths = g_new0 (guint, MAX (n_columns, 1));
  for (guint row = 0; row < n_rows && status == LXW_NO_ERROR; row++)
    {
      guint n_cells = sd_table_get_n_cells (table, row);

      for (guint col = 0; col < n_cells; col++)
        {
          const char *cell = sd_table_get_cell (table, row, col);
          lxw_format *format;

          if (*cell == '\0')
            continue;
          format = row == 0 ? header : strchr (cell, '\n') != NULL ? wrap : text;
          status = worksheet_write_string (sheet, row, (lxw_col_t) col, cell, format);
          if (status != LXW_NO_ERROR)
            {
              bad_row = row;
              bad_col = col;
              break;
            }
          widths[col] = MAX (widths[col], text_width (cell));
        }
    }

  for (guint col = 0; col < n_columns && status == LXW_NO_ERROR; col++)
    {
      double width = CLAMP (widths[col] + 2.0, MIN_WIDTH, MAX_WIDTH);

      worksheet_set_column (sheet, (lxw_col_t) col, (lxw_col_t) col, width, text);
    }
  if (n_rows > 1 && status == LXW_NO_ERROR)
    worksheet_freeze_panes (sheet, 1, 0);

  if (status != LXW_NO_ERROR)
    {
      workbook_close (workbook);   /* frees it; the temporary file is removed by the caller */
      if (status == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE,
                     _("Row %u, column %u: the text is longer than an Excel cell can hold "
                       "(32,767 characters)."),
                     bad_row + 1, bad_col + 1);
      else
        g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE,
                     _("Row %u, column %u could not be written: %s"),
                     bad_row + 1, bad_col + 1, lxw_strerror (status));
      return FALSE;
    }

  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE,
                   _("Could not write “%s”: %s"), display, lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
sd_table_write_xlsx (SdTable     *table,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  gboolean ok;
  int fd;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_basename (path);
  fd = g_file_open_tmp ("songda-XXXXXX.xlsx", &tmp_path, &local_error);
  if (fd < 0)
    {
      g_set_error_literal (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE, local_error->message);
      return FALSE;
    }
  g_close (fd, NULL);

  ok = write_workbook (table, tmp_path, display, error)
       && g_file_get_contents (tmp_path, &contents, &len, &local_error)
       && g_file_set_contents (path, contents, len, &local_error);
  g_unlink (tmp_path);

  if (!ok && local_error != NULL)
    g_set_error_literal (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE, local_error->message);
  return ok;
}
