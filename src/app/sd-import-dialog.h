/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-import.h"

G_BEGIN_DECLS

#define SD_TYPE_IMPORT_DIALOG (sd_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdImportDialog, sd_import_dialog, SD, IMPORT_DIALOG, AdwWindow)

/* Reads the file and shows the preview; NULL with error when the file cannot be read.
 * Emits ::imported when customers were written. */
GtkWidget      *sd_import_dialog_new          (SdStore        *store,
                                               const char     *path,
                                               GError        **error);
/* Checks every row without writing (what the preview shows), or imports. */
void            sd_import_dialog_check        (SdImportDialog *self);
gboolean        sd_import_dialog_import       (SdImportDialog *self);
/* For tests */
SdImport       *sd_import_dialog_get_import   (SdImportDialog *self);
SdImportReport *sd_import_dialog_get_report   (SdImportDialog *self);
const char     *sd_import_dialog_get_summary  (SdImportDialog *self);
void            sd_import_dialog_set_column   (SdImportDialog *self,
                                               guint           column,
                                               SdImportTarget  target);
void            sd_import_dialog_set_duplicates (SdImportDialog *self,
                                               SdImportDuplicates duplicates);
gboolean        sd_import_dialog_save_rejects (SdImportDialog *self,
                                               const char     *path);

G_END_DECLS
