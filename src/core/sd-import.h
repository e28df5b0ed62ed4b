/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Customers in from a spreadsheet (CSV or .xlsx) and out to one. The importer maps columns
 * from the headers people use (姓名/客户名称, 电话/手机/联系电话, 地址/送货地址 …), lets the
 * mapping be corrected, checks every row with the same rules as the customer form, and
 * writes in one transaction; every row it leaves out is reported with its reason. */
#pragma once

#include "sd-store.h"
#include "sd-table.h"

G_BEGIN_DECLS

typedef enum {
  SD_IMPORT_IGNORE,
  SD_IMPORT_ID,             /* 编号: the customer number of an earlier export */
  SD_IMPORT_NAME,
  SD_IMPORT_KIND,
  SD_IMPORT_PHONE,          /* several numbers may share a cell, split by / , ; 、 */
  SD_IMPORT_ADDRESS,
  SD_IMPORT_DISTRICT,
  SD_IMPORT_INSTRUCTIONS,
  SD_IMPORT_LATITUDE,
  SD_IMPORT_LONGITUDE,
  SD_IMPORT_NOTE,
  SD_IMPORT_WECHAT,
  SD_IMPORT_BIRTHDAY,
  SD_IMPORT_SOURCE,
  SD_IMPORT_TAGS,
  SD_IMPORT_FIELD,          /* an owner-defined field, by id */
  /* balances carried over from paper or another program: opening ledger rows */
  SD_IMPORT_OPENING_TICKETS,   /* 水票余额: tickets of the shop's main water product */
  SD_IMPORT_OPENING_DEPOSIT,   /* 押金, money */
  SD_IMPORT_OPENING_BUCKETS,   /* 押桶数 */
  SD_IMPORT_OPENING_PREPAID,   /* 预存款, money */
  SD_IMPORT_N_TARGETS
} SdImportTarget;

typedef struct {
  SdImportTarget target;
  guint          index;      /* which address a column belongs to: 地址2 → 1 */
  gint64         field_id;   /* for SD_IMPORT_FIELD */
} SdImportColumn;

typedef enum {
  SD_IMPORT_DUPLICATES_SKIP,    /* keep the existing customer as is */
  SD_IMPORT_DUPLICATES_UPDATE,  /* fill in and add to the existing customer */
  SD_IMPORT_DUPLICATES_CREATE,  /* create another customer anyway */
} SdImportDuplicates;

typedef enum {
  SD_IMPORT_ROW_IMPORTED,
  SD_IMPORT_ROW_UPDATED,
  SD_IMPORT_ROW_SKIPPED,
  SD_IMPORT_ROW_REJECTED,
} SdImportRowStatus;

typedef struct {
  guint             row;       /* index in the table (0 is the header) */
  guint             line;      /* where it is in the file, for people */
  SdImportRowStatus status;
  char             *reason;    /* why it was skipped or rejected; NULL otherwise */
  gint64            customer_id;
} SdImportRowResult;

typedef struct {
  guint      imported, updated, skipped, rejected;
  GPtrArray *rows;   /* SdImportRowResult, one per data row */
} SdImportReport;

void        sd_import_report_free   (SdImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdImportReport, sd_import_report_free)

#define SD_IMPORT_ERROR (sd_import_error_quark ())

typedef enum {
  SD_IMPORT_ERROR_EMPTY,       /* no rows under the header */
  SD_IMPORT_ERROR_NO_NAME,     /* no column is mapped to the name */
  SD_IMPORT_ERROR_FAILED,      /* the database failed: nothing was written */
} SdImportError;

GQuark      sd_import_error_quark   (void);

const char *sd_import_target_label  (SdImportTarget target);   /* translated */

typedef struct _SdImport SdImport;

/* The first row of `table` is the header. Columns are mapped from it at once. */
SdImport   *sd_import_new           (SdStore            *store,
                                     SdTable            *table,
                                     GError            **error);
void        sd_import_free          (SdImport           *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdImport, sd_import_free)

SdTable    *sd_import_get_table     (SdImport           *import);
guint       sd_import_get_n_columns (SdImport           *import);
const SdImportColumn *sd_import_get_column (SdImport    *import,
                                     guint               column);
void        sd_import_set_column    (SdImport           *import,
                                     guint               column,
                                     const SdImportColumn *mapping);
/* "Phone", "Address 2", a field's label … for the preview's column headers. */
char       *sd_import_describe_column (SdImport         *import,
                                     guint               column);
void        sd_import_set_duplicates (SdImport          *import,
                                     SdImportDuplicates  duplicates);

/* Runs the import. With dry_run the same checks run and the database is left as it was:
 * that is the preview. Returns NULL only when nothing could be done (see SdImportError);
 * rejected rows are in the report, the good rows are in. */
SdImportReport *sd_import_run       (SdImport           *import,
                                     gboolean            dry_run,
                                     GError            **error);

/* The skipped and rejected rows as they were in the file, with a column saying why,
 * ready to fix and import again. By extension: .xlsx, else CSV. */
gboolean    sd_import_write_rejects (SdImport           *import,
                                     SdImportReport     *report,
                                     const char         *path,
                                     GError            **error);

/* The customers (in that order) to a spreadsheet that sd_import reads back: all fields,
 * owner-defined ones included. By extension: .xlsx, else CSV (UTF-8 with BOM). */
gboolean    sd_store_export_customers (SdStore          *store,
                                     const gint64       *ids,
                                     guint               n_ids,
                                     const char         *path,
                                     GError            **error);

G_END_DECLS
