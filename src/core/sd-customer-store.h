/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Storing, loading and finding customers. */
#pragma once

#include "sd-customer.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* What a list row shows: loaded a page at a time by SdCustomerList. */
#define SD_TYPE_CUSTOMER_SUMMARY (sd_customer_summary_get_type ())
G_DECLARE_FINAL_TYPE (SdCustomerSummary, sd_customer_summary, SD, CUSTOMER_SUMMARY, GObject)

gint64          sd_customer_summary_get_id            (SdCustomerSummary *self);
const char     *sd_customer_summary_get_name          (SdCustomerSummary *self);
SdCustomerKind  sd_customer_summary_get_kind          (SdCustomerSummary *self);
const char     *sd_customer_summary_get_phone         (SdCustomerSummary *self);
const char     *sd_customer_summary_get_address       (SdCustomerSummary *self);
gboolean        sd_customer_summary_get_archived      (SdCustomerSummary *self);

SdCustomer        *sd_store_load_customer       (SdStore     *store,
                                                 gint64       id,
                                                 GError     **error);
SdCustomerSummary *sd_store_load_customer_summary (SdStore   *store,
                                                 gint64       id,
                                                 GError     **error);
/* Validates, then inserts (id 0) or updates, in one transaction; sets the id. */
gboolean           sd_store_save_customer       (SdStore     *store,
                                                 SdCustomer  *customer,
                                                 GError     **error);
gboolean           sd_store_set_customer_archived (SdStore   *store,
                                                 gint64       id,
                                                 gboolean     archived,
                                                 GError     **error);
guint              sd_store_count_customers     (SdStore     *store,
                                                 gboolean     include_archived);

/* Ids of matching customers, best first: exact phone, exact name, phone starting with the
 * digits, name prefix, digits or text inside a phone or name, pinyin, then address; ties
 * by name (pinyin order). An empty query lists everyone in name
 * order. Digits match phones from 4 consecutive digits on. */
GArray            *sd_store_search_customers    (SdStore     *store,
                                                 const char  *query,
                                                 gboolean     include_archived,
                                                 GError     **error);

/* Loads the search index now (≈0.1 s at 50,000 customers) rather than on the first
 * keystroke; the app calls it once the window is up. */
void               sd_store_warm_customer_search (SdStore   *store);

/* What the customer list shows: a search, narrowed to customers carrying any (or all)
 * of some tags. */
typedef struct {
  const char   *query;
  const gint64 *tag_ids;
  guint         n_tags;
  gboolean      all_tags;
  gboolean      include_archived;
} SdCustomerFilter;

GArray            *sd_store_filter_customers    (SdStore                *store,
                                                 const SdCustomerFilter *filter,
                                                 GError                **error);
/* The customer with this (normalised) phone number, or 0. */
gint64             sd_store_find_customer_by_phone (SdStore *store,
                                                 const char  *number);
/* Customers whose parent account is `id` (a distributor's stores), by name. */
GArray            *sd_store_list_child_customers (SdStore   *store,
                                                 gint64       id,
                                                 GError     **error);

G_END_DECLS
