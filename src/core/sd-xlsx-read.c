/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the first visible worksheet of an .xlsx workbook into an SdTable. The zip
 * container is read by sd-zip.c.
 *
 * The workbook (ECMA-376 SpreadsheetML): _rels/.rels → the workbook part → its rels →
 * the first worksheet, shared strings and styles. Cells become text the way Excel
 * shows them where it matters for an import: integral numbers without ".0" or exponent
 * (a phone number stored as a number), other numbers with 15 significant digits, date
 * formatted serials as YYYY-MM-DD (HH:MM:SS when there is a time), booleans TRUE/FALSE,
 * errors as their code. Missing cells are "" and empty rows are skipped; each row
 * remembers its row number in the sheet. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-table.h"
#include "sd-zip.h"

#define MAX_CELLS       (32u * 1024 * 1024)    /* cells kept, counting the gaps */
#define MAX_COLUMNS     16384                  /* XFD */


/* --- XML helpers ------------------------------------------------------------------------ */

/* "x:c" → "c": some writers prefix every SpreadsheetML element. */
static inline const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static const char *
get_attr (const char **names,
          const char **values,
          const char  *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (local_name (names[i]), wanted) == 0)
      return values[i];
  return NULL;
}

static gboolean
parse_part (SdZip                 *zip,
            const char          *name,
            gboolean             optional,
            const GMarkupParser *parser,
            gpointer             user_data,
            GError             **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *xml = NULL;
  const char *text;
  gsize len = 0;

  xml = _sd_zip_extract (zip, name, optional, &len, &local_error);
  if (xml == NULL)
    {
      if (local_error == NULL)
        return TRUE;   /* an optional part that is not there */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  text = xml;
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  context = g_markup_parse_context_new (parser, 0, user_data, NULL);
  if (!g_markup_parse_context_parse (context, text, len, &local_error)
      || !g_markup_parse_context_end_parse (context, &local_error))
    {
      if (local_error->domain == SD_TABLE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                     _("The part “%s” of the .xlsx file is damaged: %s"),
                     name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Shared and inline strings escape characters XML cannot hold as _xHHHH_ (ST_Xstring);
 * line breaks of any kind (raw CRLF or CR, which an XML parser would have normalised,
 * or an escaped CR before a line feed) become "\n" as in the CSV reader. */
static char *
finish_string (GString *s)
{
  GString *out;
  const char *p;

  if (memchr (s->str, '_', s->len) == NULL && memchr (s->str, '\r', s->len) == NULL)
    return g_strndup (s->str, s->len);

  out = g_string_sized_new (s->len);
  for (p = s->str; *p != '\0'; p++)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar ch = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8)
                        | (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          if (ch == '\r')
            {
              /* an escaped CR before a line feed, plain or escaped, is dropped */
              if (p[7] != '\n' && p[7] != '\r' && strncmp (p + 7, "_x000A_", 7) != 0
                  && strncmp (p + 7, "_x000a_", 7) != 0)
                g_string_append_c (out, '\n');
            }
          else if (ch != 0 && g_unichar_validate (ch))
            g_string_append_unichar (out, ch);
          p += 6;
        }
      else if (p[0] == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* --- relationships ---------------------------------------------------------------------- */

typedef struct {
  char *id;
  char *type;     /* the last segment of the type URI: "worksheet", "styles" … */
  char *target;
} Rel;

static void
rel_free (gpointer data)
{
  Rel *rel = data;

  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

static void
rels_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  GPtrArray *rels = user_data;
  const char *id, *type, *target, *mode, *slash;
  Rel *rel;

  if (strcmp (local_name (element), "Relationship") != 0)
    return;
  id = get_attr (names, values, "Id");
  type = get_attr (names, values, "Type");
  target = get_attr (names, values, "Target");
  mode = get_attr (names, values, "TargetMode");
  if (id == NULL || type == NULL || target == NULL
      || (mode != NULL && strcmp (mode, "External") == 0))
    return;
  slash = strrchr (type, '/');
  rel = g_new0 (Rel, 1);
  rel->id = g_strdup (id);
  rel->type = g_strdup (slash != NULL ? slash + 1 : type);
  rel->target = g_strdup (target);
  g_ptr_array_add (rels, rel);
}

static const GMarkupParser rels_parser = { rels_start, NULL, NULL, NULL, NULL };

static GPtrArray *
read_rels (SdZip         *zip,
           const char  *name,
           GError     **error)
{
  g_autoptr(GPtrArray) rels = g_ptr_array_new_with_free_func (rel_free);

  if (!parse_part (zip, name, TRUE, &rels_parser, rels, error))
    return NULL;
  return g_steal_pointer (&rels);
}

static const Rel *
find_rel (GPtrArray  *rels,
          const char *type,
          const char *id)
{
  for (guint i = 0; i < rels->len; i++)
    {
      const Rel *rel = g_ptr_array_index (rels, i);

      if ((type == NULL || strcmp (rel->type, type) == 0)
          && (id == NULL || strcmp (rel->id, id) == 0))
        return rel;
    }
  return NULL;
}

/* A relationship target resolved against the folder of the part that holds it. */
static char *
resolve_target (const char *base_dir,
                const char *target)
{
  g_autofree char *joined = NULL;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  if (target[0] == '/')
    joined = g_strdup (target + 1);
  else if (base_dir[0] != '\0')
    joined = g_strconcat (base_dir, "/", target, NULL);
  else
    joined = g_strdup (target);

  segments = g_strsplit (joined, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || strcmp (segments[i], ".") == 0)
        continue;
      if (strcmp (segments[i], "..") == 0)
        {
          if (kept->len > 0)
            g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, segments[i]);
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static char *
dir_of (const char *part)
{
  const char *slash = strrchr (part, '/');

  return slash != NULL ? g_strndup (part, slash - part) : g_strdup ("");
}

/* --- workbook --------------------------------------------------------------------------- */

typedef struct {
  gboolean   date1904;
  GPtrArray *sheet_ids;   /* r:id of each sheet in tab order, visible ones */
  GPtrArray *hidden_ids;  /* and the hidden ones */
} Workbook;

static void
workbook_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  Workbook *wb = user_data;
  const char *name = local_name (element);

  if (strcmp (name, "workbookPr") == 0)
    {
      const char *v = get_attr (names, values, "date1904");

      wb->date1904 = v != NULL && (strcmp (v, "1") == 0 || strcmp (v, "true") == 0);
    }
  else if (strcmp (name, "sheet") == 0)
    {
      const char *id = get_attr (names, values, "id");
      const char *state = get_attr (names, values, "state");

      if (id == NULL)
        return;
      if (state != NULL && strcmp (state, "visible") != 0)
        g_ptr_array_add (wb->hidden_ids, g_strdup (id));
      else
        g_ptr_array_add (wb->sheet_ids, g_strdup (id));
    }
}

static const GMarkupParser workbook_parser = { workbook_start, NULL, NULL, NULL, NULL };

/* --- shared strings --------------------------------------------------------------------- */

typedef struct {
  GPtrArray *strings;
  GString   *text;
  gboolean   in_si;
  gboolean   in_t;
  guint      phonetic_depth;   /* <rPh> holds furigana, not the cell's text */
} SharedStrings;

static void
sst_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SharedStrings *sst = user_data;
  const char *name = local_name (element);

  if (strcmp (name, "si") == 0)
    {
      sst->in_si = TRUE;
      g_string_truncate (sst->text, 0);
    }
  else if (strcmp (name, "rPh") == 0)
    sst->phonetic_depth++;
  else if (strcmp (name, "t") == 0 && sst->in_si && sst->phonetic_depth == 0)
    sst->in_t = TRUE;
}

static void
sst_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  SharedStrings *sst = user_data;
  const char *name = local_name (element);

  if (strcmp (name, "si") == 0)
    {
      g_ptr_array_add (sst->strings, finish_string (sst->text));
      sst->in_si = FALSE;
    }
  else if (strcmp (name, "rPh") == 0 && sst->phonetic_depth > 0)
    sst->phonetic_depth--;
  else if (strcmp (name, "t") == 0)
    sst->in_t = FALSE;
}

static void
sst_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 len,
          gpointer              user_data,
          GError              **error)
{
  SharedStrings *sst = user_data;

  if (sst->in_t)
    g_string_append_len (sst->text, text, len);
}

static const GMarkupParser sst_parser = { sst_start, sst_end, sst_text, NULL, NULL };

/* --- styles: which cells show dates ----------------------------------------------------- */

typedef enum {
  KIND_NUMBER,
  KIND_DATE,
  KIND_DATETIME,
  KIND_TIME,
} NumKind;

/* Built-in formats (ECMA-376 18.8.30, with the zh-CN ones Chinese Excel leaves implicit). */
static NumKind
builtin_kind (guint id)
{
  switch (id)
    {
    case 14: case 15: case 16: case 17:
    case 27: case 28: case 29: case 30: case 31: case 36:
    case 50: case 51: case 52: case 53: case 54: case 57: case 58:
      return KIND_DATE;
    case 22:
      return KIND_DATETIME;
    case 18: case 19: case 20: case 21: case 32: case 33: case 34: case 35:
    case 45: case 46: case 47: case 55: case 56:
      return KIND_TIME;
    default:
      return KIND_NUMBER;
    }
}

/* A custom format code shows a date when, outside quoted literals, escapes and
 * [brackets], it has y or d (or m with no time part: "mmm"), a time when h or s. */
static NumKind
format_code_kind (const char *code)
{
  gboolean date = FALSE, time = FALSE, month = FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == '"')
        {
          p = strchr (p + 1, '"');
          if (p == NULL)
            break;
        }
      else if (c == '\\' || c == '_' || c == '*')
        {
          if (p[1] == '\0')
            break;
          p++;
        }
      else if (c == '[')
        {
          /* [h] [mm] [ss] are elapsed time; [Red], [$-804], [DBNum1] are not */
          const char *close = strchr (p, ']');

          if (close == NULL)
            break;
          if (p[1] == 'h' || p[1] == 'H' || p[1] == 's' || p[1] == 'S')
            time = TRUE;
          p = close;
        }
      else if (g_ascii_strncasecmp (p, "am/pm", 5) == 0)
        p += 4;
      else if (g_ascii_strncasecmp (p, "a/p", 3) == 0)
        p += 2;
      else if (c == 'y' || c == 'd' || c == 'e')
        date = TRUE;
      else if (c == 'h' || c == 's')
        time = TRUE;
      else if (c == 'm')
        month = TRUE;
      else if (c == ';')
        break;   /* the first section decides */
    }
  if (!date && month && !time)
    date = TRUE;
  if (date && time)
    return KIND_DATETIME;
  if (date)
    return KIND_DATE;
  if (time)
    return KIND_TIME;
  return KIND_NUMBER;
}

typedef struct {
  GHashTable *custom;      /* numFmtId → NumKind + 1 */
  GArray     *xf_kinds;    /* guint8 NumKind for each cellXfs entry */
  gboolean    in_num_fmts;
  gboolean    in_cell_xfs;
} Styles;

static void
styles_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  Styles *st = user_data;
  const char *name = local_name (element);
  const char *id_text = get_attr (names, values, "numFmtId");
  guint id = id_text != NULL ? (guint) g_ascii_strtoull (id_text, NULL, 10) : 0;

  if (strcmp (name, "numFmts") == 0)
    st->in_num_fmts = TRUE;
  else if (strcmp (name, "cellXfs") == 0)
    st->in_cell_xfs = TRUE;
  else if (strcmp (name, "numFmt") == 0 && st->in_num_fmts && id_text != NULL)
    {
      const char *code = get_attr (names, values, "formatCode");
      NumKind kind = code != NULL ? format_code_kind (code) : KIND_NUMBER;

      g_hash_table_insert (st->custom, GUINT_TO_POINTER (id), GUINT_TO_POINTER (kind + 1));
    }
  else if (strcmp (name, "xf") == 0 && st->in_cell_xfs)
    {
      gpointer custom = g_hash_table_lookup (st->custom, GUINT_TO_POINTER (id));
      guint8 kind = custom != NULL ? GPOINTER_TO_UINT (custom) - 1 : builtin_kind (id);

      g_array_append_val (st->xf_kinds, kind);
    }
}

static void
styles_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  Styles *st = user_data;
  const char *name = local_name (element);

  if (strcmp (name, "numFmts") == 0)
    st->in_num_fmts = FALSE;
  else if (strcmp (name, "cellXfs") == 0)
    st->in_cell_xfs = FALSE;
}

static const GMarkupParser styles_parser = { styles_start, styles_end, NULL, NULL, NULL };

/* --- cell values ------------------------------------------------------------------------ */

#define VALUE_BUF 64

/* A serial day number as text, or FALSE when it is no date Excel can show. */
static gboolean
format_serial (double   value,
               NumKind  kind,
               gboolean date1904,
               char    *buf)
{
  GDate date;
  gint64 days;
  gint64 seconds;
  guint h, m, s;

  if (!(value >= 0 && value < 2958466))   /* up to 9999-12-31; also rejects NaN */
    return FALSE;
  days = (gint64) floor (value);
  seconds = (gint64) llround ((value - (double) days) * 86400.0);
  if (seconds >= 86400)
    {
      days++;
      seconds -= 86400;
    }
  h = (guint) (seconds / 3600);
  m = (guint) (seconds / 60 % 60);
  s = (guint) (seconds % 60);

  if (kind == KIND_TIME || (!date1904 && days == 0))
    {
      if (kind == KIND_DATE)
        return FALSE;   /* day 0 of 1900 is "1900-01-00": no date */
      g_snprintf (buf, VALUE_BUF, "%02u:%02u:%02u", h, m, s);
      return TRUE;
    }

  if (date1904)
    {
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1904);
      g_date_add_days (&date, (guint) days);
    }
  else if (days == 60)
    {
      /* Lotus 1-2-3 took 1900 for a leap year and Excel keeps the day that never was */
      g_strlcpy (buf, "1900-02-29", VALUE_BUF);
      goto time;
    }
  else
    {
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
      g_date_add_days (&date, (guint) (days < 60 ? days : days - 1));
    }
  g_snprintf (buf, VALUE_BUF, "%04u-%02u-%02u", g_date_get_year (&date),
              (guint) g_date_get_month (&date), g_date_get_day (&date));

time:
  if (kind == KIND_DATETIME && seconds != 0)
    {
      gsize len = strlen (buf);

      g_snprintf (buf + len, VALUE_BUF - len, " %02u:%02u:%02u", h, m, s);
    }
  return TRUE;
}

/* A number as Excel's General format shows it, without losing digits of an integer:
 * 13800138000 not 1.38E+10, 12.5, 0.1 for 0.10000000000000001. */
static const char *
format_number (const char *text,
               NumKind     kind,
               gboolean    date1904,
               char       *buf)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || end == NULL || *end != '\0' || !isfinite (value))
    return text;   /* not a number after all: keep what the file says */

  if (kind != KIND_NUMBER && format_serial (value, kind, date1904, buf))
    return buf;
  if (value == floor (value) && fabs (value) < 1e15)
    g_snprintf (buf, VALUE_BUF, "%" G_GINT64_FORMAT, (gint64) value);
  else
    g_ascii_formatd (buf, VALUE_BUF, "%.15g", value);
  return buf;
}

/* --- the worksheet ---------------------------------------------------------------------- */

typedef struct {
  SdTable      *table;
  GPtrArray    *shared;        /* char * */
  GArray       *xf_kinds;      /* guint8 NumKind */
  gboolean      date1904;

  gboolean      in_sheet_data;
  guint         row;           /* 1-based */
  gboolean      row_numbered;  /* the row's number is known, not guessed */
  guint         next_col;      /* 0-based */
  GString      *row_text;      /* the row's cell texts, NUL after each */
  GArray       *row_cells;     /* CellSlot */
  GPtrArray    *row_ptrs;
  guint64       n_cells;

  gboolean      in_cell;
  guint         col;
  char          type[12];
  guint         style;
  gboolean      in_value;      /* <v> */
  gboolean      in_inline;     /* <is> */
  gboolean      in_inline_t;   /* <is> … <t> */
  guint         phonetic_depth;
  GString      *text;
} Sheet;

typedef struct {
  guint col;
  gsize offset;
} CellSlot;

static gboolean
parse_uint (const char *text,
            guint      *out)
{
  guint64 v;
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  v = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || v > G_MAXUINT)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

/* "AA3" → column 26, row 3. */
static gboolean
parse_cell_ref (const char *ref,
                guint      *col,
                guint      *row)
{
  guint c = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p); p++)
    {
      c = c * 26 + (guint) (g_ascii_toupper (*p) - 'A' + 1);
      if (c > MAX_COLUMNS)
        return FALSE;
    }
  if (p == ref || !parse_uint (p, row) || *row == 0)
    return FALSE;
  *col = c - 1;
  return TRUE;
}

static void
sheet_flush_row (Sheet   *sh,
                 GError **error)
{
  guint n = 0;

  if (sh->row_cells->len == 0)
    return;
  for (guint i = 0; i < sh->row_cells->len; i++)
    n = MAX (n, g_array_index (sh->row_cells, CellSlot, i).col + 1);

  sh->n_cells += n;
  if (sh->n_cells > MAX_CELLS)
    {
      g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                   _("The worksheet is too large to import (more than %u cells)."),
                   MAX_CELLS);
      return;
    }

  g_ptr_array_set_size (sh->row_ptrs, n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_index (sh->row_ptrs, i) = (gpointer) "";
  for (guint i = 0; i < sh->row_cells->len; i++)
    {
      const CellSlot *slot = &g_array_index (sh->row_cells, CellSlot, i);

      g_ptr_array_index (sh->row_ptrs, slot->col) = sh->row_text->str + slot->offset;
    }
  sd_table_append_row_at (sh->table, sh->row, (const char * const *) sh->row_ptrs->pdata, n);
  g_string_truncate (sh->row_text, 0);
  g_array_set_size (sh->row_cells, 0);
}

static void
sheet_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  Sheet *sh = user_data;
  const char *name = local_name (element);

  if (!sh->in_sheet_data)
    {
      if (strcmp (name, "sheetData") == 0)
        sh->in_sheet_data = TRUE;
      return;
    }

  if (strcmp (name, "row") == 0)
    {
      guint r;

      sh->row_numbered = parse_uint (get_attr (names, values, "r"), &r) && r > 0;
      if (sh->row_numbered)
        sh->row = r;
      else
        sh->row++;
      sh->next_col = 0;
    }
  else if (strcmp (name, "c") == 0)
    {
      const char *ref = get_attr (names, values, "r");
      const char *type = get_attr (names, values, "t");
      guint row;

      if (ref == NULL)
        sh->col = sh->next_col;
      else if (!parse_cell_ref (ref, &sh->col, &row))
        {
          g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                       _("The worksheet has an invalid cell reference “%s”."), ref);
          return;
        }
      if (sh->col >= MAX_COLUMNS)
        {
          g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                       _("The worksheet has an invalid cell reference “%s”."), ref ? ref : "");
          return;
        }
      /* a <row> without its number takes it from its first cell's reference */
      if (ref != NULL && !sh->row_numbered)
        {
          sh->row = row;
          sh->row_numbered = TRUE;
        }
      g_strlcpy (sh->type, type != NULL ? type : "n", sizeof sh->type);
      if (!parse_uint (get_attr (names, values, "s"), &sh->style))
        sh->style = 0;
      sh->in_cell = TRUE;
      g_string_truncate (sh->text, 0);
    }
  else if (!sh->in_cell)
    return;
  else if (strcmp (name, "v") == 0)
    sh->in_value = TRUE;
  else if (strcmp (name, "is") == 0)
    sh->in_inline = TRUE;
  else if (strcmp (name, "rPh") == 0)
    sh->phonetic_depth++;
  else if (strcmp (name, "t") == 0 && sh->in_inline && sh->phonetic_depth == 0)
    sh->in_inline_t = TRUE;
}

static void
sheet_end_cell (Sheet   *sh,
                GError **error)
{
  char buf[VALUE_BUF];
  g_autofree char *owned = NULL;
  const char *value = "";
  const char *type = sh->type;
  CellSlot slot;

  if (strcmp (type, "s") == 0)
    {
      guint index;

      if (sh->text->len == 0)
        value = "";
      else if (parse_uint (sh->text->str, &index) && index < sh->shared->len)
        value = g_ptr_array_index (sh->shared, index);
      else
        {
          g_set_error (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                       _("The worksheet refers to a shared string that does not exist (%s)."),
                       sh->text->str);
          return;
        }
    }
  else if (strcmp (type, "inlineStr") == 0 || strcmp (type, "str") == 0
           || strcmp (type, "e") == 0 || strcmp (type, "d") == 0)
    value = owned = finish_string (sh->text);
  else if (strcmp (type, "b") == 0)
    value = sh->text->len == 0 ? "" : strcmp (sh->text->str, "0") == 0 ? "FALSE" : "TRUE";
  else if (sh->text->len > 0)
    {
      NumKind kind = sh->style < sh->xf_kinds->len
                     ? g_array_index (sh->xf_kinds, guint8, sh->style) : KIND_NUMBER;

      value = format_number (sh->text->str, kind, sh->date1904, buf);
    }

  sh->next_col = sh->col + 1;
  if (*value == '\0')
    return;
  slot.col = sh->col;
  slot.offset = sh->row_text->len;
  g_string_append_len (sh->row_text, value, strlen (value) + 1);
  g_array_append_val (sh->row_cells, slot);
}

static void
sheet_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  Sheet *sh = user_data;
  const char *name = local_name (element);

  if (!sh->in_sheet_data)
    return;
  if (strcmp (name, "sheetData") == 0)
    {
      sheet_flush_row (sh, error);
      sh->in_sheet_data = FALSE;
    }
  else if (strcmp (name, "row") == 0)
    sheet_flush_row (sh, error);
  else if (strcmp (name, "c") == 0)
    {
      sheet_end_cell (sh, error);
      sh->in_cell = sh->in_value = sh->in_inline = sh->in_inline_t = FALSE;
      sh->phonetic_depth = 0;
    }
  else if (strcmp (name, "v") == 0)
    sh->in_value = FALSE;
  else if (strcmp (name, "is") == 0)
    sh->in_inline = FALSE;
  else if (strcmp (name, "rPh") == 0 && sh->phonetic_depth > 0)
    sh->phonetic_depth--;
  else if (strcmp (name, "t") == 0)
    sh->in_inline_t = FALSE;
}

static void
sheet_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 len,
            gpointer              user_data,
            GError              **error)
{
  Sheet *sh = user_data;

  if (sh->in_value || sh->in_inline_t)
    g_string_append_len (sh->text, text, len);
}

static const GMarkupParser sheet_parser = { sheet_start, sheet_end, sheet_text, NULL, NULL };

/* --- putting it together ---------------------------------------------------------------- */

static char *
find_workbook_part (SdZip     *zip,
                    GError **error)
{
  g_autoptr(GPtrArray) rels = read_rels (zip, "_rels/.rels", error);
  const Rel *rel;

  if (rels == NULL)
    return NULL;
  rel = find_rel (rels, "officeDocument", NULL);
  return resolve_target ("", rel != NULL ? rel->target : "xl/workbook.xml");
}

SdTable *
sd_table_parse_xlsx (const guint8  *data,
                     gsize          len,
                     GError       **error)
{
  g_auto(SdZip) zip = { NULL, 0, NULL };
  g_autofree char *workbook_part = NULL;
  g_autofree char *workbook_dir = NULL;
  g_autofree char *workbook_rels_part = NULL;
  g_autofree char *sheet_part = NULL;
  g_autoptr(GPtrArray) rels = NULL;
  g_autoptr(GPtrArray) sheet_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) hidden_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) shared = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) xf_kinds = g_array_new (FALSE, FALSE, sizeof (guint8));
  g_autoptr(GHashTable) custom = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) sst_text = g_string_new (NULL);
  g_autoptr(SdTable) table = NULL;
  g_autoptr(GString) row_text = g_string_new (NULL);
  g_autoptr(GArray) row_cells = g_array_new (FALSE, FALSE, sizeof (CellSlot));
  g_autoptr(GPtrArray) row_ptrs = g_ptr_array_new ();
  g_autoptr(GString) cell_text = g_string_new (NULL);
  Workbook wb = { FALSE, sheet_ids, hidden_ids };
  SharedStrings sst = { shared, sst_text, FALSE, FALSE, 0 };
  Styles styles = { custom, xf_kinds, FALSE, FALSE };
  const Rel *rel = NULL;
  const Rel *part_rel;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sd_zip_open (&zip, data, len, error))
    return NULL;

  workbook_part = find_workbook_part (&zip, error);
  if (workbook_part == NULL)
    return NULL;
  if (!parse_part (&zip, workbook_part, FALSE, &workbook_parser, &wb, error))
    return NULL;

  workbook_dir = dir_of (workbook_part);
  {
    g_autofree char *base = g_path_get_basename (workbook_part);
    workbook_rels_part = workbook_dir[0] != '\0'
                         ? g_strconcat (workbook_dir, "/_rels/", base, ".rels", NULL)
                         : g_strconcat ("_rels/", base, ".rels", NULL);
  }
  rels = read_rels (&zip, workbook_rels_part, error);
  if (rels == NULL)
    return NULL;

  /* the first visible worksheet in tab order; chart sheets are no table */
  for (guint i = 0; rel == NULL && i < sheet_ids->len; i++)
    rel = find_rel (rels, "worksheet", g_ptr_array_index (sheet_ids, i));
  for (guint i = 0; rel == NULL && i < hidden_ids->len; i++)
    rel = find_rel (rels, "worksheet", g_ptr_array_index (hidden_ids, i));
  if (rel == NULL)
    {
      g_set_error_literal (error, SD_TABLE_ERROR, SD_TABLE_ERROR_FORMAT,
                           _("The workbook has no worksheet."));
      return NULL;
    }
  sheet_part = resolve_target (workbook_dir, rel->target);

  part_rel = find_rel (rels, "sharedStrings", NULL);
  if (part_rel != NULL)
    {
      g_autofree char *part = resolve_target (workbook_dir, part_rel->target);

      if (!parse_part (&zip, part, TRUE, &sst_parser, &sst, error))
        return NULL;
    }
  part_rel = find_rel (rels, "styles", NULL);
  if (part_rel != NULL)
    {
      g_autofree char *part = resolve_target (workbook_dir, part_rel->target);

      if (!parse_part (&zip, part, TRUE, &styles_parser, &styles, error))
        return NULL;
    }

  table = sd_table_new ();
  sd_table_set_encoding (table, "XLSX");
  {
    Sheet sh = { 0, };

    sh.table = table;
    sh.shared = shared;
    sh.xf_kinds = xf_kinds;
    sh.date1904 = wb.date1904;
    sh.row_text = row_text;
    sh.row_cells = row_cells;
    sh.row_ptrs = row_ptrs;
    sh.text = cell_text;
    if (!parse_part (&zip, sheet_part, FALSE, &sheet_parser, &sh, error))
      return NULL;
  }
  return g_steal_pointer (&table);
}
