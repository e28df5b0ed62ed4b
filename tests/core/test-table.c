/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdTable: CSV in every encoding Chinese Excel writes, .xlsx read and written, errors. */
#include <string.h>
#include <zlib.h>
#include <xlsxwriter.h>

#include "sd-table.h"
#include "test-util.h"

/* --- helpers ---------------------------------------------------------------------------- */

static char *
write_tmp (const char *dir,
           const char *name,
           const char *data,
           gsize       len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
  return path;
}

/* Asserts the table's rows are exactly `expected`: NULL-terminated rows, a row ends at
 * its first NULL cell; `lines` are the source lines (0 = don't care). */
static void
assert_rows (SdTable            *table,
             const char * const  expected[][12],
             guint               n_rows,
             const guint        *lines)
{
  g_assert_cmpuint (sd_table_get_n_rows (table), ==, n_rows);
  for (guint r = 0; r < n_rows; r++)
    {
      guint n = 0;

      while (n < 12 && expected[r][n] != NULL)
        n++;
      g_test_message ("row %u", r);
      g_assert_cmpuint (sd_table_get_n_cells (table, r), ==, n);
      for (guint c = 0; c < n; c++)
        g_assert_cmpstr (sd_table_get_cell (table, r, c), ==, expected[r][c]);
      g_assert_cmpstr (sd_table_get_cell (table, r, n), ==, "");
      if (lines != NULL && lines[r] != 0)
        g_assert_cmpuint (sd_table_get_source_line (table, r), ==, lines[r]);
    }
}

static void
assert_same_cells (SdTable *a,
                   SdTable *b)
{
  g_assert_cmpuint (sd_table_get_n_rows (a), ==, sd_table_get_n_rows (b));
  for (guint r = 0; r < sd_table_get_n_rows (a); r++)
    {
      g_assert_cmpuint (sd_table_get_n_cells (a, r), ==, sd_table_get_n_cells (b, r));
      for (guint c = 0; c < sd_table_get_n_cells (a, r); c++)
        g_assert_cmpstr (sd_table_get_cell (a, r, c), ==, sd_table_get_cell (b, r, c));
    }
}

static SdTable *
parse_csv_ok (const char *data,
              gssize      len)
{
  g_autoptr(GError) error = NULL;
  SdTable *table = sd_table_parse_csv (data, len < 0 ? strlen (data) : (gsize) len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

#define CUSTOMERS_UTF8 \
  "姓名,电话,地址\r\n张三,13800138000,\"杭州市西湖区文三路1号, 3楼\"\r\n"

static const char * const customers[][12] = {
  { "姓名", "电话", "地址", NULL },
  { "张三", "13800138000", "杭州市西湖区文三路1号, 3楼", NULL },
};

/* --- the table itself ------------------------------------------------------------------- */

static void
test_table_basic (void)
{
  g_autoptr(SdTable) table = sd_table_new ();
  const char *row1[] = { "a", NULL, "" , "d" };
  const char *row2[] = { "x" };

  g_assert_cmpuint (sd_table_get_n_rows (table), ==, 0);
  g_assert_null (sd_table_get_encoding (table));
  sd_table_append_row (table, row1, G_N_ELEMENTS (row1));
  sd_table_append_row_at (table, 7, row2, 1);
  sd_table_append_row (table, NULL, 0);

  g_assert_cmpuint (sd_table_get_n_rows (table), ==, 3);
  g_assert_cmpuint (sd_table_get_n_columns (table), ==, 4);
  g_assert_cmpuint (sd_table_get_n_cells (table, 0), ==, 4);
  g_assert_cmpstr (sd_table_get_cell (table, 0, 0), ==, "a");
  g_assert_cmpstr (sd_table_get_cell (table, 0, 1), ==, "");
  g_assert_cmpstr (sd_table_get_cell (table, 0, 3), ==, "d");
  g_assert_cmpstr (sd_table_get_cell (table, 0, 99), ==, "");
  g_assert_cmpstr (sd_table_get_cell (table, 1, 0), ==, "x");
  g_assert_cmpuint (sd_table_get_n_cells (table, 2), ==, 0);
  g_assert_cmpuint (sd_table_get_source_line (table, 0), ==, 1);
  g_assert_cmpuint (sd_table_get_source_line (table, 1), ==, 7);
  g_assert_cmpuint (sd_table_get_source_line (table, 2), ==, 3);

  /* cells are copies */
  {
    char buf[] = "mutable";
    const char *row[] = { buf };

    sd_table_append_row (table, row, 1);
    buf[0] = 'X';
    g_assert_cmpstr (sd_table_get_cell (table, 3, 0), ==, "mutable");
  }

  /* refcounting and the boxed type */
  {
    SdTable *ref = sd_table_ref (table);
    SdTable *copy = g_boxed_copy (SD_TYPE_TABLE, table);

    g_assert_true (ref == table && copy == table);
    sd_table_unref (ref);
    g_boxed_free (SD_TYPE_TABLE, copy);
  }
}

/* --- CSV encodings ---------------------------------------------------------------------- */

static void
test_csv_utf8 (void)
{
  static const guint lines[] = { 1, 2 };
  g_autoptr(SdTable) table = parse_csv_ok (CUSTOMERS_UTF8, -1);

  assert_rows (table, customers, 2, lines);
  g_assert_cmpstr (sd_table_get_encoding (table), ==, "UTF-8");
  g_assert_cmpint (sd_table_get_delimiter (table), ==, ',');
}

static void
test_csv_utf8_bom (void)
{
  g_autofree char *data = g_strconcat ("\xEF\xBB\xBF", CUSTOMERS_UTF8, NULL);
  g_autoptr(SdTable) table = parse_csv_ok (data, -1);

  assert_rows (table, customers, 2, NULL);
  /* the BOM is not part of the first header cell */
  g_assert_cmpstr (sd_table_get_cell (table, 0, 0), ==, "姓名");
  g_assert_cmpstr (sd_table_get_encoding (table), ==, "UTF-8 (BOM)");
}

static void
test_csv_gb18030 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = NULL;
  g_autofree char *gb = NULL;
  g_autoptr(SdTable) table = NULL;
  gsize len = 0;

  gb = g_convert (CUSTOMERS_UTF8, -1, "GB18030", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate_len (gb, len, NULL));   /* really not UTF-8 */

  path = write_tmp (dir, "客户.csv", gb, len);
  table = sd_table_read_file (path, &error);
  g_assert_no_error (error);
  assert_rows (table, customers, 2, NULL);
  g_assert_cmpstr (sd_table_get_encoding (table), ==, "GB18030");

  /* a character outside GBK that only GB18030's four-byte form holds */
  {
    g_autofree char *gb4 = g_convert ("名,😀\n", -1, "GB18030", "UTF-8", NULL, &len, &error);
    g_autoptr(SdTable) t = NULL;

    g_assert_no_error (error);
    t = parse_csv_ok (gb4, len);
    g_assert_cmpstr (sd_table_get_cell (t, 0, 1), ==, "😀");
  }
  test_rm_rf (dir);
}

static char *
to_utf16 (const char *utf8,
          gboolean    little_endian,
          gsize      *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_convert (utf8, -1, little_endian ? "UTF-16LE" : "UTF-16BE",
                                     "UTF-8", NULL, len, &error);
  char *out;

  g_assert_no_error (error);
  out = g_malloc (*len + 2);
  memcpy (out, little_endian ? "\xFF\xFE" : "\xFE\xFF", 2);
  memcpy (out + 2, body, *len);
  *len += 2;
  return out;
}

static void
test_csv_utf16 (void)
{
  /* Excel's "Unicode text": UTF-16LE with BOM, tab-separated, CRLF */
  static const char text[] =
    "姓名\t电话\t地址\r\n李四\t0571-88886666\t\"上海市, 浦东新区\"\r\n王五\t\t北京\r\n";
  static const char * const expected[][12] = {
    { "姓名", "电话", "地址", NULL },
    { "李四", "0571-88886666", "上海市, 浦东新区", NULL },
    { "王五", "", "北京", NULL },
  };
  static const guint lines[] = { 1, 2, 3 };

  for (guint le = 0; le < 2; le++)
    {
      gsize len = 0;
      g_autofree char *data = to_utf16 (text, le, &len);
      g_autoptr(SdTable) table = parse_csv_ok (data, len);

      assert_rows (table, expected, 3, lines);
      g_assert_cmpstr (sd_table_get_encoding (table), ==, le ? "UTF-16LE" : "UTF-16BE");
      g_assert_cmpint (sd_table_get_delimiter (table), ==, '\t');
    }

  /* an odd byte at the end is damaged UTF-16 */
  {
    g_autoptr(GError) error = NULL;
    gsize len = 0;
    g_autofree char *data = to_utf16 ("ab", TRUE, &len);
    g_autofree char *odd = g_malloc (len + 1);

    memcpy (odd, data, len);
    odd[len] = 'x';
    g_assert_null (sd_table_parse_csv (odd, len + 1, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_ENCODING);
    g_assert_nonnull (strstr (error->message, "UTF-16"));
  }
}

static void
test_csv_bad_encoding (void)
{
  /* valid as neither: 0xFF is no byte of UTF-8 or of GB18030 */
  {
    static const char data[] = "name,phone\nzhang,138\nli,\xFF\xFF\n";
    g_autoptr(GError) error = NULL;

    g_assert_null (sd_table_parse_csv (data, sizeof data - 1, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_ENCODING);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "GB18030"));
    g_assert_nonnull (strstr (error->message, "line 3"));
    g_assert_nonnull (strstr (error->message, "0xFF"));
  }

  /* a GB18030 lead byte cut off at the end of the file */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *gb = g_convert ("姓名\n张三\n", -1, "GB18030", "UTF-8", NULL, NULL, NULL);
    g_autofree char *cut = g_strconcat (gb, "\xD5", NULL);

    g_assert_null (sd_table_parse_csv (cut, strlen (cut), &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_ENCODING);
    g_assert_nonnull (strstr (error->message, "line 3"));
  }

  /* UTF-8 full of Chinese with one broken byte: an error, not GB18030 mojibake */
  {
    static const char data[] = "姓名,电话,地址\n张三,138,杭州市西湖区\n李四,139,上海\x80市\n";
    g_autoptr(GError) error = NULL;

    g_assert_null (sd_table_parse_csv (data, sizeof data - 1, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_ENCODING);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "UTF-8"));
    g_assert_nonnull (strstr (error->message, "line 3"));
  }

  /* the same broken byte after a BOM */
  {
    static const char data[] = "\xEF\xBB\xBFname\nzhang\xC3\n";
    g_autoptr(GError) error = NULL;

    g_assert_null (sd_table_parse_csv (data, sizeof data - 1, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_ENCODING);
    g_assert_nonnull (strstr (error->message, "line 2"));
  }

  /* zero bytes: binary, or UTF-16 without its BOM */
  {
    static const char data[] = "a,b\nc,d\n\0\0e";
    g_autoptr(GError) error = NULL;

    g_assert_null (sd_table_parse_csv (data, sizeof data - 1, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, "line 3"));
  }
}

/* --- CSV records ------------------------------------------------------------------------ */

static void
test_csv_quoting (void)
{
  static const char data[] =
    "name,address,note\r\n"
    "\"Zhang, San\",\"Room 3\r\nBuilding 5\",\"say \"\"hi\"\"\"\r\n"
    "\r\n"
    "Li,\"multi\nline\nvalue\",\r\n"
    ",,\r\n"
    "\"\",plain \"quoted\" inside,\"closed\"tail\r\n"
    "Wang,杭州，西湖区,\"\"";
  static const char * const expected[][12] = {
    { "name", "address", "note", NULL },
    { "Zhang, San", "Room 3\nBuilding 5", "say \"hi\"", NULL },
    { "Li", "multi\nline\nvalue", "", NULL },
    { "", "plain \"quoted\" inside", "closedtail", NULL },
    { "Wang", "杭州，西湖区", "", NULL },
  };
  /* records spanning lines start where they start; the blank line and the ",," line
   * are skipped but still counted */
  static const guint lines[] = { 1, 2, 5, 9, 10 };
  g_autoptr(SdTable) table = parse_csv_ok (data, sizeof data - 1);

  assert_rows (table, expected, G_N_ELEMENTS (expected), lines);
}

static void
test_csv_line_ends (void)
{
  static const char * const expected[][12] = {
    { "a", "b", NULL },
    { "1", "2", NULL },
    { "3", "4", NULL },
  };
  static const guint lines[] = { 1, 2, 3 };
  static const char *inputs[] = {
    "a,b\n1,2\n3,4\n",
    "a,b\r\n1,2\r\n3,4\r\n",
    "a,b\r1,2\r3,4\r",
    "a,b\n1,2\n3,4",            /* no newline at the end */
    "a,b\r\n1,2\n3,4\r",        /* mixed */
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(SdTable) table = NULL;

      g_test_message ("input %u", i);
      table = parse_csv_ok (inputs[i], -1);
      assert_rows (table, expected, 3, lines);
    }

  /* leading blank lines are skipped and counted */
  {
    static const guint lines2[] = { 3, 4, 6 };
    g_autoptr(SdTable) table = parse_csv_ok ("\n\r\na,b\n1,2\n\n3,4\n", -1);

    assert_rows (table, expected, 3, lines2);
  }

  /* an empty file, and one that is only blank lines */
  {
    g_autoptr(SdTable) empty = parse_csv_ok ("", 0);
    g_autoptr(SdTable) blank = parse_csv_ok ("\r\n\r\n", -1);

    g_assert_cmpuint (sd_table_get_n_rows (empty), ==, 0);
    g_assert_cmpuint (sd_table_get_n_rows (blank), ==, 0);
  }
}

static void
test_csv_delimiters (void)
{
  static const struct {
    const char *data;
    char delimiter;
    const char *cell_1_1;
  } cases[] = {
    { "a;b;c\n1;2,5;3\n", ';', "2,5" },                 /* European Excel */
    { "a\tb\tc\n1\t2, 5\t3\n", '\t', "2, 5" },
    { "a,b,c\n1,2;5,3\n", ',', "2;5" },
    { "\"x;y\",b,c\n1,2,3\n", ',', "2" },               /* quoted ; does not count */
    { "sep=;\na;b;c\n1;2,5;3\n", ';', "2,5" },         /* Excel's hint line */
    { "姓名，电话，地址\n张三，138，杭州\n", ',', NULL },   /* full-width: one column */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SdTable) table = NULL;

      g_test_message ("case %u", i);
      table = parse_csv_ok (cases[i].data, -1);
      g_assert_cmpint (sd_table_get_delimiter (table), ==, cases[i].delimiter);
      g_assert_cmpuint (sd_table_get_n_rows (table), ==, 2);
      if (cases[i].cell_1_1 != NULL)
        {
          g_assert_cmpuint (sd_table_get_n_cells (table, 1), ==, 3);
          g_assert_cmpstr (sd_table_get_cell (table, 1, 1), ==, cases[i].cell_1_1);
        }
      else
        {
          g_assert_cmpuint (sd_table_get_n_cells (table, 1), ==, 1);
          g_assert_cmpstr (sd_table_get_cell (table, 1, 0), ==, "张三，138，杭州");
        }
    }

  /* the sep= line is not data but is a line */
  {
    g_autoptr(SdTable) table = parse_csv_ok ("sep=;\na;b\n", -1);

    g_assert_cmpuint (sd_table_get_n_rows (table), ==, 1);
    g_assert_cmpuint (sd_table_get_source_line (table, 0), ==, 2);
  }
}

static void
test_csv_formula_text (void)
{
  /* ="0571" unquoted keeps leading zeros in Excel; a quoted field is taken literally */
  g_autoptr(SdTable) table = parse_csv_ok ("code,phone\n=\"0571\",=\"13800138000\"\n"
                                           "\"=\"\"x\"\"\",=\"a\"b\"\n", -1);

  g_assert_cmpstr (sd_table_get_cell (table, 1, 0), ==, "0571");
  g_assert_cmpstr (sd_table_get_cell (table, 1, 1), ==, "13800138000");
  g_assert_cmpstr (sd_table_get_cell (table, 2, 0), ==, "=\"x\"");
  g_assert_cmpstr (sd_table_get_cell (table, 2, 1), ==, "=\"a\"b\"");
}

static void
test_csv_unterminated (void)
{
  static const struct { const char *data; const char *where; } cases[] = {
    { "name,address\nzhang,\"Room 3\nBuilding 5\nli,x\n", "line 2" },
    { "a,b\r\n1,2\r\n3,\"open", "line 3" },
    { "\"", "line 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (sd_table_parse_csv (cases[i].data, strlen (cases[i].data), &error));
      g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].where));
    }
}

static void
test_csv_write (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *data = NULL;
  g_autoptr(SdTable) table = sd_table_new ();
  const char *r1[] = { "a", "b,c", "d;e" };
  const char *r2[] = { "x\"y", "1\n2", "", "0571" };
  const char *r3[] = { "tab\there", " space " };
  gsize len = 0;

  sd_table_append_row (table, r1, 3);
  sd_table_append_row (table, r2, 4);
  sd_table_append_row (table, r3, 2);
  g_assert_true (sd_table_write_csv (table, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpstr (data, ==,
                   "\xEF\xBB\xBF" "a,\"b,c\",\"d;e\"\r\n"
                   "\"x\"\"y\",\"1\n2\",,0571\r\n"
                   "\"tab\there\", space \r\n");

  /* into a folder that does not exist */
  {
    g_autofree char *bad = g_build_filename (dir, "missing", "out.csv", NULL);

    g_assert_false (sd_table_write_csv (table, bad, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE);
    g_clear_error (&error);
    g_assert_false (sd_table_write_xlsx (table, bad, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE);
  }
  test_rm_rf (dir);
}

/* --- XLSX written by libxlsxwriter ------------------------------------------------------ */

static void
test_xlsx_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "客户.xlsx", NULL);
  g_autoptr(SdTable) table = NULL;
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "客户");
  lxw_worksheet *other = workbook_add_worksheet (wb, "Other");
  lxw_format *date = workbook_add_format (wb);
  lxw_format *builtin_date = workbook_add_format (wb);
  lxw_format *datetime = workbook_add_format (wb);
  lxw_format *cn_date = workbook_add_format (wb);
  lxw_format *bold = workbook_add_format (wb);
  lxw_format *money = workbook_add_format (wb);
  lxw_datetime birthday = { 2024, 3, 5, 0, 0, 0 };
  lxw_datetime old = { 1990, 7, 1, 0, 0, 0 };
  lxw_datetime moment = { 2024, 3, 5, 14, 30, 0 };
  lxw_rich_string_tuple part1 = { NULL, "很" };
  lxw_rich_string_tuple part2 = { bold, "好" };
  lxw_rich_string_tuple *rich[] = { &part1, &part2, NULL };
  static const char * const expected[][12] = {
    { "姓名", "电话", "单价", "生日", "备注", NULL },
    { "张三", "13800138000", "12.5", "2024-03-05", "很好", NULL },
    { "李四", "", "0.1", "1990-07-01", "TRUE", NULL },
    { "张三", "-42", "1234.5", "2024-03-05 14:30:00", "2024-03-05", NULL },
    { "1900-02-28", "1900-02-29", "1900-03-01", "2024-03-05", NULL },
  };

  format_set_num_format (date, "yyyy-mm-dd");
  format_set_num_format_index (builtin_date, 14);
  format_set_num_format (datetime, "yyyy-mm-dd hh:mm");
  format_set_num_format (cn_date, "yyyy\"年\"m\"月\"d\"日\"");
  format_set_bold (bold);
  format_set_num_format (money, "#,##0.00");

  worksheet_write_string (ws, 0, 0, "姓名", bold);
  worksheet_write_string (ws, 0, 1, "电话", bold);
  worksheet_write_string (ws, 0, 2, "单价", bold);
  worksheet_write_string (ws, 0, 3, "生日", bold);
  worksheet_write_string (ws, 0, 4, "备注", bold);

  worksheet_write_string (ws, 1, 0, "张三", NULL);
  worksheet_write_number (ws, 1, 1, 13800138000.0, NULL);
  worksheet_write_number (ws, 1, 2, 12.5, NULL);
  worksheet_write_datetime (ws, 1, 3, &birthday, date);
  worksheet_write_rich_string (ws, 1, 4, rich, NULL);

  /* B3 left empty, a cell far to the right */
  worksheet_write_string (ws, 2, 0, "李四", NULL);
  worksheet_write_number (ws, 2, 2, 0.1, NULL);
  worksheet_write_datetime (ws, 2, 3, &old, builtin_date);
  worksheet_write_boolean (ws, 2, 4, 1, NULL);
  worksheet_write_string (ws, 2, 26, "远", NULL);          /* AA3 */

  /* row 4 empty; row 5: a formula's cached text, negative, money, date and time */
  worksheet_write_formula_str (ws, 4, 0, "=A2", NULL, "张三");
  worksheet_write_number (ws, 4, 1, -42, NULL);
  worksheet_write_number (ws, 4, 2, 1234.5, money);
  worksheet_write_datetime (ws, 4, 3, &moment, datetime);
  worksheet_write_number (ws, 4, 4, 45356, cn_date);

  /* row 6: around the day Lotus invented */
  worksheet_write_number (ws, 5, 0, 59, date);
  worksheet_write_number (ws, 5, 1, 60, date);
  worksheet_write_number (ws, 5, 2, 61, date);
  worksheet_write_number (ws, 5, 3, 45356, date);

  worksheet_write_string (other, 0, 0, "not this sheet", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  table = sd_table_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_table_get_encoding (table), ==, "XLSX");
  g_assert_cmpuint (sd_table_get_n_rows (table), ==, 5);

  for (guint r = 0; r < 2; r++)
    {
      g_assert_cmpuint (sd_table_get_n_cells (table, r), ==, 5);
      for (guint c = 0; c < 5; c++)
        g_assert_cmpstr (sd_table_get_cell (table, r, c), ==, expected[r][c]);
    }
  /* the sparse row: 27 cells, AA3 the last */
  g_assert_cmpuint (sd_table_get_n_cells (table, 2), ==, 27);
  for (guint c = 0; c < 5; c++)
    g_assert_cmpstr (sd_table_get_cell (table, 2, c), ==, expected[2][c]);
  for (guint c = 5; c < 26; c++)
    g_assert_cmpstr (sd_table_get_cell (table, 2, c), ==, "");
  g_assert_cmpstr (sd_table_get_cell (table, 2, 26), ==, "远");
  g_assert_cmpuint (sd_table_get_n_columns (table), ==, 27);

  for (guint r = 3; r < 5; r++)
    {
      g_assert_cmpuint (sd_table_get_n_cells (table, r), ==, r == 3 ? 5 : 4);
      for (guint c = 0; c < sd_table_get_n_cells (table, r); c++)
        g_assert_cmpstr (sd_table_get_cell (table, r, c), ==, expected[r][c]);
    }

  /* row numbers as Excel shows them; row 4 was empty */
  g_assert_cmpuint (sd_table_get_source_line (table, 0), ==, 1);
  g_assert_cmpuint (sd_table_get_source_line (table, 2), ==, 3);
  g_assert_cmpuint (sd_table_get_source_line (table, 3), ==, 5);
  g_assert_cmpuint (sd_table_get_source_line (table, 4), ==, 6);
  test_rm_rf (dir);
}

/* --- XLSX made by hand: what other writers do ------------------------------------------- */

typedef struct {
  const char *name;
  const char *data;
} Part;

typedef struct {
  guint16 flags;
  guint16 method;         /* 0 stored, 8 deflated, other: just the number */
  guint32 claimed_size;   /* 0: the real one */
  gboolean zip64_eocd;
} ZipOptions;

static void
put16 (GByteArray *out,
       guint       v)
{
  guint8 b[2] = { v & 0xFF, (v >> 8) & 0xFF };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     v)
{
  guint8 b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, (v >> 24) & 0xFF };

  g_byte_array_append (out, b, 4);
}

static GByteArray *
deflate_raw (const char *data)
{
  GByteArray *out = g_byte_array_sized_new (compressBound (strlen (data)) + 64);
  z_stream z;

  memset (&z, 0, sizeof z);
  g_assert_cmpint (deflateInit2 (&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  g_byte_array_set_size (out, compressBound (strlen (data)) + 64);
  z.next_in = (Bytef *) data;
  z.avail_in = strlen (data);
  z.next_out = out->data;
  z.avail_out = out->len;
  g_assert_cmpint (deflate (&z, Z_FINISH), ==, Z_STREAM_END);
  g_byte_array_set_size (out, z.total_out);
  deflateEnd (&z);
  return out;
}

static GByteArray *
make_zip (const Part       *parts,
          guint             n_parts,
          const ZipOptions *opt)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) cd = g_byte_array_new ();
  guint32 cd_offset;

  for (guint i = 0; i < n_parts; i++)
    {
      gsize size = strlen (parts[i].data);
      guint32 crc = crc32 (0, (const Bytef *) parts[i].data, size);
      g_autoptr(GByteArray) body = NULL;
      guint32 offset = out->len;
      guint16 method = opt->method;

      if (method == 8)
        body = deflate_raw (parts[i].data);
      else
        {
          body = g_byte_array_new ();
          g_byte_array_append (body, (const guint8 *) parts[i].data, size);
        }

      for (guint pass = 0; pass < 2; pass++)
        {
          GByteArray *h = pass == 0 ? out : cd;

          put32 (h, pass == 0 ? 0x04034b50 : 0x02014b50);
          if (pass == 1)
            put16 (h, 20);
          put16 (h, 20);
          put16 (h, opt->flags);
          put16 (h, method);
          put16 (h, 0);
          put16 (h, 0x21);
          put32 (h, crc);
          put32 (h, body->len);
          put32 (h, opt->claimed_size ? opt->claimed_size : size);
          put16 (h, strlen (parts[i].name));
          put16 (h, 0);
          if (pass == 1)
            {
              put16 (h, 0);
              put16 (h, 0);
              put16 (h, 0);
              put32 (h, 0);
              put32 (h, offset);
            }
          g_byte_array_append (h, (const guint8 *) parts[i].name, strlen (parts[i].name));
          if (pass == 0)
            g_byte_array_append (h, body->data, body->len);
        }
    }
  cd_offset = out->len;
  g_byte_array_append (out, cd->data, cd->len);
  put32 (out, 0x06054b50);
  put16 (out, 0);
  put16 (out, 0);
  put16 (out, opt->zip64_eocd ? 0xFFFF : n_parts);
  put16 (out, opt->zip64_eocd ? 0xFFFF : n_parts);
  put32 (out, cd->len);
  put32 (out, opt->zip64_eocd ? 0xFFFFFFFF : cd_offset);
  put16 (out, 0);
  return out;
}

static const Part handmade[] = {
  { "_rels/.rels",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"/xl/wb.xml\"/></Relationships>" },
  { "xl/wb.xml",
    "\xEF\xBB\xBF<?xml version=\"1.0\"?>"
    "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<x:workbookPr date1904=\"true\"/><x:sheets>"
    "<x:sheet name=\"Old\" sheetId=\"1\" state=\"hidden\" r:id=\"rId9\"/>"
    "<x:sheet name=\"Chart\" sheetId=\"3\" r:id=\"rId4\"/>"
    "<x:sheet name=\"Data\" sheetId=\"2\" r:id=\"rId1\"/></x:sheets></x:workbook>" },
  { "xl/_rels/wb.xml.rels",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId9\" Type=\"http://x/worksheet\" Target=\"sheets/old.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://x/chartsheet\" Target=\"chartsheets/c.xml\"/>"
    "<Relationship Id=\"rId1\" Type=\"http://x/worksheet\" Target=\"sheets/../Sheets/Data.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://x/sharedStrings\" Target=\"/xl/strings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://x/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"http://x/hyperlink\" Target=\"http://example.com\" "
    "TargetMode=\"External\"/></Relationships>" },
  { "xl/sheets/old.xml",
    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>hidden</t></is>"
    "</c></row></sheetData></worksheet>" },
  { "xl/sheets/data.xml",
    "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<x:dimension ref=\"A1:G6\"/><x:cols><x:col min=\"1\" max=\"1\" width=\"9\"/></x:cols>"
    "<x:sheetData>"
    "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"s\"><x:v>1</x:v>"
    "</x:c><x:c t=\"inlineStr\"><x:is><x:t>备注 &amp; &lt;说明&gt;</x:t></x:is></x:c></x:row>"
    "<x:row r=\"2\" spans=\"1:7\">"
    "<x:c r=\"A2\" t=\"inlineStr\"><x:is><x:r><x:t>王</x:t></x:r><x:r><x:rPr><x:b/></x:rPr>"
    "<x:t xml:space=\"preserve\">五 </x:t></x:r><x:rPh sb=\"0\" eb=\"1\"><x:t>ワン</x:t></x:rPh>"
    "</x:is></x:c>"
    "<x:c r=\"B2\" s=\"1\"><x:v>0</x:v></x:c>"
    "<x:c r=\"C2\" t=\"e\"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>"
    "<x:c r=\"D2\" t=\"b\"><x:v>0</x:v></x:c>"
    "<x:c r=\"E2\" t=\"str\"><x:f>A1</x:f><x:v>line1_x000D_&#10;line2_x005F_x</x:v></x:c>"
    "<x:c r=\"F2\" s=\"2\"><x:v>1.5</x:v></x:c>"
    "<x:c r=\"G2\" s=\"3\"><x:v>0.75</x:v></x:c></x:row>"
    "<x:row r=\"4\"><x:c r=\"A4\"><x:v>-0</x:v></x:c><x:c r=\"B4\"><x:v>1E3</x:v></x:c>"
    "<x:c r=\"C4\"><x:v>0.30000000000000004</x:v></x:c><x:c r=\"D4\"><x:v>1.5E-7</x:v></x:c>"
    "<x:c r=\"E4\" s=\"4\"><x:v>13800138000</x:v></x:c><x:c r=\"F4\" t=\"s\"><x:v>2</x:v></x:c>"
    "</x:row>"
    "<x:row><x:c><x:v>7</x:v></x:c><x:c t=\"s\"/></x:row>"
    "<x:row r=\"6\"><x:c r=\"A6\" s=\"1\"/><x:c r=\"B6\" t=\"inlineStr\"><x:is><x:t></x:t>"
    "</x:is></x:c></x:row>"
    "</x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"A1:B1\"/></x:mergeCells>"
    "</x:worksheet>" },
  { "xl/strings.xml",
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\">"
    "<si><t>姓名</t></si>"
    "<si><r><t>电</t></r><r><rPr><b/></rPr><t>话</t></r><rPh sb=\"0\" eb=\"1\"><t>でんわ</t>"
    "</rPh></si>"
    "<si><t>a_x000D_\r\nb</t></si></sst>" },
  { "xl/styles.xml",
    "<styleSheet><numFmts count=\"3\">"
    "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"[$-F400]h:mm:ss\\ AM/PM\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[Red]0.00;[Blue]\\-0.00\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"164\"/></cellStyleXfs>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"22\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs>"
    "<dxfs><dxf><numFmt numFmtId=\"167\" formatCode=\"yyyy\"/></dxf></dxfs></styleSheet>" },
};

static void
test_xlsx_handmade (void)
{
  static const char * const expected[][12] = {
    { "姓名", "电话", "备注 & <说明>", NULL },
    { "王五 ", "1904-01-01", "#DIV/0!", "FALSE", "line1\nline2_x", "1904-01-02 12:00:00",
      "18:00:00", NULL },
    { "0", "1000", "0.3", "1.5e-07", "13800138000", "a\nb", NULL },
    { "7", NULL },
  };
  static const guint lines[] = { 1, 2, 4, 5 };

  for (guint method = 0; method <= 8; method += 8)
    {
      g_autoptr(GError) error = NULL;
      ZipOptions opt = { 0, method, 0, FALSE };
      g_autoptr(GByteArray) zip = make_zip (handmade, G_N_ELEMENTS (handmade), &opt);
      g_autoptr(SdTable) table = sd_table_parse_xlsx (zip->data, zip->len, &error);

      g_test_message ("method %u", method);
      g_assert_no_error (error);
      assert_rows (table, expected, G_N_ELEMENTS (expected), lines);
    }
}

static void
test_xlsx_bad_zip (void)
{
  static const struct {
    ZipOptions opt;
    const char *words;
  } cases[] = {
    { { 0x0001, 8, 0, FALSE }, "encrypted" },
    { { 0, 12, 0, FALSE }, "compression method (12)" },
    { { 0, 8, 300u * 1024 * 1024, FALSE }, "too large" },
    { { 0, 8, 0, TRUE }, "ZIP64" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GByteArray) zip = make_zip (handmade, G_N_ELEMENTS (handmade), &cases[i].opt);

      g_assert_null (sd_table_parse_xlsx (zip->data, zip->len, &error));
      g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }

  /* one flipped bit in a stored part: the CRC catches it */
  {
    g_autoptr(GError) error = NULL;
    ZipOptions opt = { 0, 0, 0, FALSE };
    g_autoptr(GByteArray) zip = make_zip (handmade, G_N_ELEMENTS (handmade), &opt);
    guint8 *hit = NULL;

    for (guint i = 0; hit == NULL && i + 3 <= zip->len; i++)
      if (memcmp (zip->data + i, "王", 3) == 0)
        hit = zip->data + i;
    g_assert_nonnull (hit);
    hit[2] ^= 0x01;
    g_assert_null (sd_table_parse_xlsx (zip->data, zip->len, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, "damaged"));
  }

  /* a zip without a workbook; an empty zip */
  {
    static const Part not_excel[] = { { "word/document.txt", "hello" } };
    ZipOptions opt = { 0, 8, 0, FALSE };
    g_autoptr(GError) error = NULL;
    g_autoptr(GByteArray) zip = make_zip (not_excel, 1, &opt);
    g_autoptr(GByteArray) empty = make_zip (NULL, 0, &opt);

    g_assert_null (sd_table_parse_xlsx (zip->data, zip->len, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, "xl/workbook.xml"));
    g_clear_error (&error);
    g_assert_null (sd_table_parse_xlsx (empty->data, empty->len, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
  }

  /* broken XML, an unknown shared string, a bad cell reference */
  {
    static const struct { const char *sheet; const char *words; } bad[] = {
      { "<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>", "damaged" },
      { "<worksheet><sheetData><row><c t=\"s\"><v>99</v></c></row></sheetData></worksheet>",
        "shared string" },
      { "<worksheet><sheetData><row><c r=\"1A\"><v>1</v></c></row></sheetData></worksheet>",
        "1A" },
      { "<worksheet><sheetData><row><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>",
        "XFE1" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        Part parts[G_N_ELEMENTS (handmade)];
        ZipOptions opt = { 0, 8, 0, FALSE };
        g_autoptr(GByteArray) zip = NULL;

        memcpy (parts, handmade, sizeof parts);
        parts[4].data = bad[i].sheet;
        zip = make_zip (parts, G_N_ELEMENTS (parts), &opt);
        g_assert_null (sd_table_parse_xlsx (zip->data, zip->len, &error));
        g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, bad[i].words));
      }
  }
}

static void
test_xlsx_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *good = g_build_filename (dir, "good.xlsx", NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  lxw_workbook *wb = workbook_new (good);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);

  for (guint r = 0; r < 200; r++)
    worksheet_write_string (ws, r, 0, "客户资料", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  g_assert_true (g_file_get_contents (good, &data, &len, NULL));

  /* cut off while copying: at several lengths, each a clear error and no crash */
  for (guint i = 1; i < 8; i++)
    {
      g_autofree char *path = write_tmp (dir, "cut.xlsx", data, len * i / 8);

      g_assert_null (sd_table_read_file (path, &error));
      g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "damaged"));
      g_clear_error (&error);
    }
  /* all but the last byte: the end record's comment length no longer fits */
  {
    g_autofree char *path = write_tmp (dir, "cut.xlsx", data, len - 1);

    g_assert_null (sd_table_read_file (path, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
    g_clear_error (&error);
  }

  /* text named .xlsx */
  {
    g_autofree char *path = write_tmp (dir, "客户.xlsx", "姓名,电话\n张三,138\n", -1);

    g_assert_null (sd_table_read_file (path, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "客户.xlsx"));
    g_clear_error (&error);
  }

  /* an old .xls (OLE2 compound file) */
  {
    g_autofree char *path = write_tmp (dir, "old.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
                                       "\0\0\0\0\0\0\0\0", 16);

    g_assert_null (sd_table_read_file (path, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, ".xls"));
    g_clear_error (&error);
  }

  /* a web page saved as .xls, as many Chinese systems export */
  {
    g_autofree char *path = write_tmp (dir, "export.xls",
                                       "\r\n<html><table><tr><td>1</td></tr></table></html>", -1);

    g_assert_null (sd_table_read_file (path, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT);
    g_clear_error (&error);
  }

  /* no such file */
  {
    g_autofree char *path = g_build_filename (dir, "missing.csv", NULL);

    g_assert_null (sd_table_read_file (path, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_READ);
    g_clear_error (&error);
  }
  test_rm_rf (dir);
}

/* --- round trips ------------------------------------------------------------------------ */

static SdTable *
tricky_table (void)
{
  SdTable *table = sd_table_new ();
  const char *header[] = { "姓名", "电话", "区号", "地址", "备注" };
  const char *r1[] = { "张三", "13800138000", "0571", "杭州市西湖区文三路1号, 3楼",
                       "他说\"你好\"" };
  const char *r2[] = { "李四", "", "00852", "第一行\n第二行\n第三行", "a;b\tc" };
  const char *r3[] = { " 王五 ", "+86 138-0013-8000", "1.50", "😀 emoji", "=1+1" };
  const char *r4[] = { "TRUE", "2024-03-05", "-0", "1e5", "\"" };
  const char *r5[] = { "只有一格" };
  const char *r6[] = { "", "", "", "", "最后一列" };
  g_autoptr(GString) long_text = g_string_new (NULL);
  const char *r7[] = { NULL, "x" };

  for (guint i = 0; i < 2000; i++)
    g_string_append (long_text, "长");
  r7[0] = long_text->str;

  sd_table_append_row (table, header, G_N_ELEMENTS (header));
  sd_table_append_row (table, r1, G_N_ELEMENTS (r1));
  sd_table_append_row (table, r2, G_N_ELEMENTS (r2));
  sd_table_append_row (table, r3, G_N_ELEMENTS (r3));
  sd_table_append_row (table, r4, G_N_ELEMENTS (r4));
  sd_table_append_row (table, r5, G_N_ELEMENTS (r5));
  sd_table_append_row (table, r6, G_N_ELEMENTS (r6));
  sd_table_append_row (table, r7, G_N_ELEMENTS (r7));
  return table;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = test_tmp_dir ();
  g_autoptr(SdTable) table = tricky_table ();
  const char *names[] = { "导出.csv", "导出.xlsx" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(SdTable) back = NULL;
      gboolean ok;

      g_test_message ("%s", names[i]);
      ok = i == 0 ? sd_table_write_csv (table, path, &error)
                  : sd_table_write_xlsx (table, path, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      back = sd_table_read_file (path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sd_table_get_encoding (back), ==, i == 0 ? "UTF-8 (BOM)" : "XLSX");
      assert_same_cells (table, back);

      /* writing over an existing file replaces it */
      ok = i == 0 ? sd_table_write_csv (back, path, &error)
                  : sd_table_write_xlsx (back, path, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
    }

  /* the record with line breaks moves the CSV lines of the rows after it */
  {
    g_autofree char *path = g_build_filename (dir, "导出.csv", NULL);
    g_autoptr(SdTable) back = sd_table_read_file (path, NULL);

    g_assert_cmpuint (sd_table_get_source_line (back, 2), ==, 3);
    g_assert_cmpuint (sd_table_get_source_line (back, 3), ==, 6);
  }

  /* an empty table */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdTable) empty = sd_table_new ();
    g_autofree char *path = g_build_filename (dir, "empty.xlsx", NULL);
    g_autoptr(SdTable) back = NULL;

    g_assert_true (sd_table_write_xlsx (empty, path, &error));
    back = sd_table_read_file (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sd_table_get_n_rows (back), ==, 0);
  }

  /* a cell longer than Excel allows */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdTable) big = sd_table_new ();
    g_autofree char *path = g_build_filename (dir, "big.xlsx", NULL);
    g_autofree char *text = g_strnfill (40000, 'x');
    const char *row[] = { "a", text };

    sd_table_append_row (big, row, 2);
    sd_table_append_row (big, row, 2);
    g_assert_false (sd_table_write_xlsx (big, path, &error));
    g_assert_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "Row 1, column 2"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  test_rm_rf (dir);
}

/* --- timing (reported, not asserted) ---------------------------------------------------- */

static void
test_timing (void)
{
  g_autofree char *dir = test_tmp_dir ();
  g_autoptr(SdTable) table = sd_table_new ();
  /* 100,000 rows (the import budget) with -m perf or -m thorough; fewer in CI */
  const guint n_rows = g_test_perf () || g_test_thorough () ? 100000 : 20000;
  const char *names[] = { "big.csv", "big.xlsx" };

  {
    const char *header[] = { "姓名", "电话", "地址", "区号", "水票", "备注" };
    sd_table_append_row (table, header, G_N_ELEMENTS (header));
  }
  for (guint i = 1; i < n_rows; i++)
    {
      g_autofree char *name = g_strdup_printf ("客户%u", i);
      g_autofree char *phone = g_strdup_printf ("138%08u", i);
      g_autofree char *address = g_strdup_printf ("杭州市西湖区文三路%u号, %u楼", i, i % 30);
      g_autofree char *tickets = g_strdup_printf ("%u", i % 50);
      const char *row[] = { name, phone, address, "0571", tickets,
                            i % 10 == 0 ? "放门口\"保温箱\"" : "" };

      sd_table_append_row (table, row, G_N_ELEMENTS (row));
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(SdTable) back = NULL;
      gint64 t0, t1, t2;

      t0 = g_get_monotonic_time ();
      if (i == 0)
        sd_table_write_csv (table, path, &error);
      else
        sd_table_write_xlsx (table, path, &error);
      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      back = sd_table_read_file (path, &error);
      t2 = g_get_monotonic_time ();
      g_assert_no_error (error);
      g_assert_cmpuint (sd_table_get_n_rows (back), ==, n_rows);
      g_assert_cmpstr (sd_table_get_cell (back, n_rows - 1, 1), ==,
                       n_rows == 100000 ? "13800099999" : "13800019999");
      g_assert_cmpstr (sd_table_get_cell (back, n_rows - 1, 3), ==, "0571");
      g_test_message ("%u rows %s: write %.0f ms, read %.0f ms", n_rows, names[i],
                      (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);
    }

  /* the same customers as GB18030 CSV, the way Chinese Excel saves them */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (dir, "big.csv", NULL);
    g_autofree char *utf8 = NULL;
    g_autofree char *gb = NULL;
    g_autoptr(SdTable) back = NULL;
    gsize len = 0;
    gint64 t0;

    g_assert_true (g_file_get_contents (path, &utf8, &len, NULL));
    gb = g_convert (utf8 + 3, len - 3, "GB18030", "UTF-8", NULL, &len, &error);
    g_assert_no_error (error);
    t0 = g_get_monotonic_time ();
    back = sd_table_parse_csv (gb, len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sd_table_get_n_rows (back), ==, n_rows);
    g_test_message ("%u rows GB18030 CSV: read %.0f ms", n_rows,
                    (g_get_monotonic_time () - t0) / 1000.0);
  }
  test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/table/basic", test_table_basic);
  g_test_add_func ("/table/csv/utf8", test_csv_utf8);
  g_test_add_func ("/table/csv/utf8-bom", test_csv_utf8_bom);
  g_test_add_func ("/table/csv/gb18030", test_csv_gb18030);
  g_test_add_func ("/table/csv/utf16", test_csv_utf16);
  g_test_add_func ("/table/csv/bad-encoding", test_csv_bad_encoding);
  g_test_add_func ("/table/csv/quoting", test_csv_quoting);
  g_test_add_func ("/table/csv/line-ends", test_csv_line_ends);
  g_test_add_func ("/table/csv/delimiters", test_csv_delimiters);
  g_test_add_func ("/table/csv/formula-text", test_csv_formula_text);
  g_test_add_func ("/table/csv/unterminated", test_csv_unterminated);
  g_test_add_func ("/table/csv/write", test_csv_write);
  g_test_add_func ("/table/xlsx/read", test_xlsx_read);
  g_test_add_func ("/table/xlsx/handmade", test_xlsx_handmade);
  g_test_add_func ("/table/xlsx/bad-zip", test_xlsx_bad_zip);
  g_test_add_func ("/table/xlsx/bad-files", test_xlsx_bad_files);
  g_test_add_func ("/table/round-trip", test_round_trip);
  g_test_add_func ("/table/timing", test_timing);
  return g_test_run ();
}
