/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-catalog.h"

G_BEGIN_DECLS

#define SD_TYPE_PRODUCT_DIALOG (sd_product_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdProductDialog, sd_product_dialog, SD, PRODUCT_DIALOG, AdwWindow)

/* Edits a product of the price list, or makes a new one when `product` is NULL.
 * Emits ::saved (gint64 id). */
GtkWidget  *sd_product_dialog_new            (SdStore         *store,
                                              const SdProduct *product);
/* Reads the form and saves; on failure shows the message (of sd_money_parse or the core)
 * and returns FALSE, having written nothing. */
gboolean    sd_product_dialog_save           (SdProductDialog *self);

/* For tests: fill the form like a user would. Money is typed text, e.g. "12.5". */
void        sd_product_dialog_set_name       (SdProductDialog *self,
                                              const char      *name);
void        sd_product_dialog_set_unit       (SdProductDialog *self,
                                              const char      *unit);
void        sd_product_dialog_set_category   (SdProductDialog *self,
                                              const char      *category);
void        sd_product_dialog_set_price      (SdProductDialog *self,
                                              const char      *text);
void        sd_product_dialog_set_deposit    (SdProductDialog *self,
                                              const char      *text);
void        sd_product_dialog_set_returnable (SdProductDialog *self,
                                              gboolean         returnable);
void        sd_product_dialog_set_active     (SdProductDialog *self,
                                              gboolean         active);
const char *sd_product_dialog_get_error      (SdProductDialog *self);

G_END_DECLS
