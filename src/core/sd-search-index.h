/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to the core: the customer search index kept in memory beside the store.
 *
 * Search-as-you-type must answer in a few milliseconds at 50,000 customers. A scan of the
 * customer_search table in SQLite costs 15–25 ms a keystroke; the same rows held in memory
 * (a few megabytes) scan in 2–4 ms. The table stays the truth: the index is loaded from it
 * on the first search, updated in place by this connection's own writes, and reloaded
 * whenever another connection has committed (PRAGMA data_version). */
#pragma once

#include "sd-search.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* Loads the index if it is not loaded or stale. */
gboolean _sd_search_index_warm      (SdStore             *store,
                                     GError             **error);
/* Ranked ids, best first; see sd_store_search_customers(). */
GArray *_sd_search_index_search     (SdStore             *store,
                                     const SdSearchQuery *query,
                                     gboolean             include_archived,
                                     GError             **error);
/* After this connection committed a customer's search row. No-op while not loaded. */
void    _sd_search_index_update     (SdStore             *store,
                                     gint64               id,
                                     gboolean             archived,
                                     const char          *sort_key,
                                     const char          *name,
                                     const char          *digits,
                                     const char          *haystack,
                                     const char          *pinyin);
void    _sd_search_index_set_archived (SdStore           *store,
                                     gint64               id,
                                     gboolean             archived);
/* Drop what is loaded; the next search reloads (bulk writes, rollbacks). */
void    _sd_search_index_invalidate (SdStore             *store);

G_END_DECLS
