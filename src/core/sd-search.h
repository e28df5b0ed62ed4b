/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text folding for search and sorting: what the customer search index stores and how a
 * typed query is read. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *text;     /* NFKC + case-folded query, trimmed */
  char *digits;   /* the query as phone digits (spaces, dashes dropped) when it is only
                     digits and at least 4 long; otherwise NULL */
  char *pinyin;   /* lowercase letters when the query is Latin letters and spaces; else NULL */
} SdSearchQuery;

SdSearchQuery *sd_search_query_parse  (const char    *query);
void           sd_search_query_free   (SdSearchQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdSearchQuery, sd_search_query_free)

char          *sd_search_fold         (const char    *text);
/* NFKC (full-width digits and letters become ASCII) with a fast path for ASCII text,
 * which NFKC leaves as it is: hot in imports, where most cells are digits. */
char          *sd_text_nfkc           (const char    *text);
/* The key customers sort by: pinyin of a Han name, so 安 comes before 张. */
char          *sd_search_sort_key     (const char    *name);
/* The index of pinyin syllables the matcher reads; "" when the name has none. */
char          *sd_search_pinyin_index (const char    *name);

G_END_DECLS
