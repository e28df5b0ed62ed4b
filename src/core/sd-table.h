/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdTable: the rows of a spreadsheet file as UTF-8 text cells.
 *
 * The readers turn CSV (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK) and the
 * first visible worksheet of an .xlsx workbook into the same shape; the writers produce CSV
 * (UTF-8 with BOM, CRLF) and .xlsx (every cell text, first row bold). Column meaning,
 * duplicates and validation belong to the importer, not here.
 *
 * Rows whose cells are all empty are not kept by the readers; every kept row remembers
 * where it started in the file (sd_table_get_source_line()) so errors can name it. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SD_TABLE_ERROR (sd_table_error_quark ())

typedef enum {
  SD_TABLE_ERROR_READ,       /* the file could not be read */
  SD_TABLE_ERROR_FORMAT,     /* not a CSV/xlsx we understand, damaged, or unsupported */
  SD_TABLE_ERROR_ENCODING,   /* text that is neither UTF-8, UTF-16 nor GB18030 */
  SD_TABLE_ERROR_WRITE,      /* the file could not be written */
} SdTableError;

GQuark      sd_table_error_quark      (void);

typedef struct _SdTable SdTable;

#define SD_TYPE_TABLE (sd_table_get_type ())
GType       sd_table_get_type         (void);

SdTable    *sd_table_new              (void);
SdTable    *sd_table_ref              (SdTable            *table);
void        sd_table_unref            (SdTable            *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdTable, sd_table_unref)

/* Cells are copied; NULL cells are stored as "". The row's source line is the one
 * given, or for sd_table_append_row() its 1-based position in the table. */
void        sd_table_append_row       (SdTable            *table,
                                       const char * const *cells,
                                       guint               n_cells);
void        sd_table_append_row_at    (SdTable            *table,
                                       guint               source_line,
                                       const char * const *cells,
                                       guint               n_cells);

guint       sd_table_get_n_rows       (SdTable            *table);
guint       sd_table_get_n_columns    (SdTable            *table);   /* widest row */
guint       sd_table_get_n_cells      (SdTable            *table,
                                       guint               row);
const char *sd_table_get_cell         (SdTable            *table,
                                       guint               row,
                                       guint               col);    /* "" past the row's end */
/* 1-based line (CSV, where the record starts) or row number (xlsx) in the file. */
guint       sd_table_get_source_line  (SdTable            *table,
                                       guint               row);
/* What the reader found, for the import preview: "UTF-8", "UTF-8 (BOM)",
 * "UTF-16LE", "UTF-16BE", "GB18030", "XLSX"; NULL for a table built in code. */
const char *sd_table_get_encoding     (SdTable            *table);
void        sd_table_set_encoding     (SdTable            *table,
                                       const char         *encoding);
/* The CSV delimiter found (',', ';', '\t'), 0 for xlsx or a table built in code. */
char        sd_table_get_delimiter    (SdTable            *table);
void        sd_table_set_delimiter    (SdTable            *table,
                                       char                delimiter);

/* By content, not by name: a zip is read as .xlsx, an old .xls is refused with a
 * message saying to save it again, anything else is read as CSV. */
SdTable    *sd_table_read_file        (const char         *path,
                                       GError            **error);
SdTable    *sd_table_parse_csv        (const char         *data,
                                       gsize               len,
                                       GError            **error);
SdTable    *sd_table_parse_xlsx       (const guint8       *data,
                                       gsize               len,
                                       GError            **error);

/* Both writers replace the file at `path` whole or leave it untouched. */
gboolean    sd_table_write_csv        (SdTable            *table,
                                       const char         *path,
                                       GError            **error);
gboolean    sd_table_write_xlsx       (SdTable            *table,
                                       const char         *path,
                                       GError            **error);

G_END_DECLS
