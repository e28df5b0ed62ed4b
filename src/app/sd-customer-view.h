/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-customer-list.h"

G_BEGIN_DECLS

#define SD_TYPE_CUSTOMER_VIEW (sd_customer_view_get_type ())
G_DECLARE_FINAL_TYPE (SdCustomerView, sd_customer_view, SD, CUSTOMER_VIEW, AdwBin)

void            sd_customer_view_set_store        (SdCustomerView *self,
                                                   SdStore        *store);
/* Selects a customer (clearing the search if it hides them). */
void            sd_customer_view_select_customer  (SdCustomerView *self,
                                                   gint64          customer_id);

/* Re-reads the shown customer (after tags or fields changed elsewhere). */
void            sd_customer_view_refresh          (SdCustomerView *self);
/* For tests: select rows, as Ctrl+click would; narrow to tags, as the filter would. */
void            sd_customer_view_select_positions (SdCustomerView *self,
                                                   const guint    *positions,
                                                   guint           n);
void            sd_customer_view_set_tag_filter   (SdCustomerView *self,
                                                   const gint64   *tag_ids,
                                                   guint           n,
                                                   gboolean        match_all);

/* Opens the import preview of a spreadsheet (NULL and a toast when unreadable). */
GtkWindow      *sd_customer_view_import_file      (SdCustomerView *self,
                                                   const char     *path);
/* Opens the new-order dialog (Ctrl+O), for the shown customer when there is one. */
GtkWindow      *sd_customer_view_new_order        (SdCustomerView *self);
/* Exports the customers the list shows now. */
gboolean        sd_customer_view_export_file      (SdCustomerView *self,
                                                   const char     *path);

/* For tests */
SdCustomerList *sd_customer_view_get_list         (SdCustomerView *self);
GtkEditable    *sd_customer_view_get_search_entry (SdCustomerView *self);
GtkListView    *sd_customer_view_get_list_view    (SdCustomerView *self);
GtkWidget      *sd_customer_view_get_detail       (SdCustomerView *self);
GtkWindow      *sd_customer_view_get_dialog       (SdCustomerView *self);

G_END_DECLS
