/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdCustomerList: a GListModel of SdCustomerSummary over the search results, loading
 * rows from the database a page at a time as the view asks for them. */
#pragma once

#include "sd-customer-store.h"

G_BEGIN_DECLS

#define SD_TYPE_CUSTOMER_LIST (sd_customer_list_get_type ())
G_DECLARE_FINAL_TYPE (SdCustomerList, sd_customer_list, SD, CUSTOMER_LIST, GObject)

SdCustomerList *sd_customer_list_new          (SdStore        *store);
SdStore        *sd_customer_list_get_store    (SdCustomerList *self);
const char     *sd_customer_list_get_query    (SdCustomerList *self);
/* Runs the search and replaces the contents; returns FALSE with error on failure. */
gboolean        sd_customer_list_set_query    (SdCustomerList *self,
                                               const char     *query,
                                               GError        **error);
/* Narrows the list to customers with any (match_all FALSE) or all of the tags; n 0 clears. */
gboolean        sd_customer_list_set_tags     (SdCustomerList *self,
                                               const gint64   *tag_ids,
                                               guint           n_tags,
                                               gboolean        match_all,
                                               GError        **error);
GArray         *sd_customer_list_get_tags     (SdCustomerList *self);
/* The ids in display order (for bulk actions and export). */
GArray         *sd_customer_list_get_ids      (SdCustomerList *self);
/* Re-runs the current query (after an edit) and drops cached rows. */
gboolean        sd_customer_list_reload       (SdCustomerList *self,
                                               GError        **error);
/* Position of a customer in the current results, or -1. */
int             sd_customer_list_find         (SdCustomerList *self,
                                               gint64          customer_id);
guint           sd_customer_list_get_n_cached_pages (SdCustomerList *self);

G_END_DECLS
