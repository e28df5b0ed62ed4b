/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The in-memory customer search index; see sd-search-index.h for why it exists. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <stdlib.h>

#include "sd-pinyin.h"
#include "sd-search-index.h"
#include "sd-store-private.h"

typedef struct {
  gint64      id;
  guint       sort_rank;   /* position in (sort_key, id) order */
  gboolean    archived;
  const char *sort_key;    /* strings live in the index's string chunk */
  const char *name;
  const char *digits;
  const char *haystack;
  const char *pinyin;
} Entry;

typedef struct {
  GArray       *entries;        /* Entry */
  GHashTable   *by_id;          /* id → position + 1 */
  GStringChunk *strings;
  gint64        data_version;
  gboolean      ranks_dirty;
} SdSearchIndex;

typedef struct {
  guint64 key;   /* rank << 32 | sort_rank */
  gint64  id;
} Hit;

#define INDEX_KEY "sd-search-index"

static void
index_free (SdSearchIndex *index)
{
  g_array_unref (index->entries);
  g_hash_table_unref (index->by_id);
  g_string_chunk_free (index->strings);
  g_free (index);
}

static gint64
data_version (SdStore *store)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store, "PRAGMA data_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static const char *
keep (SdSearchIndex *index,
      const char    *text)
{
  return g_string_chunk_insert (index->strings, text ? text : "");
}

static SdSearchIndex *
load (SdStore  *store,
      GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  SdSearchIndex *index;
  int rc;

  stmt = _sd_store_prepare (store,
    "SELECT customer_id, archived, sort_key, name, digits, haystack, pinyin"
    " FROM customer_search ORDER BY sort_key, customer_id", error);
  if (stmt == NULL)
    return NULL;

  index = g_new0 (SdSearchIndex, 1);
  index->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  index->by_id = g_hash_table_new (NULL, NULL);
  index->strings = g_string_chunk_new (1 << 20);
  index->data_version = data_version (store);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entry e = {
        .id = sqlite3_column_int64 (stmt, 0),
        .sort_rank = index->entries->len,
        .archived = sqlite3_column_int (stmt, 1) != 0,
        .sort_key = keep (index, (const char *) sqlite3_column_text (stmt, 2)),
        .name = keep (index, (const char *) sqlite3_column_text (stmt, 3)),
        .digits = keep (index, (const char *) sqlite3_column_text (stmt, 4)),
        .haystack = keep (index, (const char *) sqlite3_column_text (stmt, 5)),
        .pinyin = keep (index, (const char *) sqlite3_column_text (stmt, 6)),
      };
      g_array_append_val (index->entries, e);
      g_hash_table_insert (index->by_id, GSIZE_TO_POINTER ((gsize) e.id),
                           GUINT_TO_POINTER (index->entries->len));
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      index_free (index);
      return NULL;
    }
  return index;
}

static SdSearchIndex *
get_index (SdStore  *store,
           GError  **error)
{
  SdSearchIndex *index = g_object_get_data (G_OBJECT (store), INDEX_KEY);

  /* Another connection (songda-cli, a second window) may have written since. */
  if (index != NULL && index->data_version != data_version (store))
    {
      g_object_set_data (G_OBJECT (store), INDEX_KEY, NULL);
      index = NULL;
    }
  if (index == NULL)
    {
      index = load (store, error);
      if (index == NULL)
        return NULL;
      g_object_set_data_full (G_OBJECT (store), INDEX_KEY, index, (GDestroyNotify) index_free);
    }
  return index;
}

gboolean
_sd_search_index_warm (SdStore  *store,
                       GError  **error)
{
  return get_index (store, error) != NULL;
}

static int
compare_sort (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Entry *entries = user_data;
  const Entry *x = &entries[*(const guint *) a];
  const Entry *y = &entries[*(const guint *) b];
  int c = strcmp (x->sort_key, y->sort_key);

  if (c != 0)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
update_ranks (SdSearchIndex *index)
{
  guint n = index->entries->len;
  g_autofree guint *order = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (int) n, sizeof (guint), compare_sort, index->entries->data);
  for (guint i = 0; i < n; i++)
    g_array_index (index->entries, Entry, order[i]).sort_rank = i;
  index->ranks_dirty = FALSE;
}

/* Does one of the space-separated phones equal / start with `digits`? */
static gboolean
phone_matches (const char *phones,
               const char *digits,
               gboolean    whole)
{
  gsize len = strlen (digits);

  for (const char *p = phones; *p; )
    {
      const char *end = strchr (p, ' ');
      gsize n = end ? (gsize) (end - p) : strlen (p);

      if (n >= len && memcmp (p, digits, len) == 0 && (!whole || n == len))
        return TRUE;
      if (end == NULL)
        break;
      p = end + 1;
    }
  return FALSE;
}

/* Ranks as documented on sd_store_search_customers(); -1 when the entry does not match. */
static int
rank_entry (const Entry         *e,
            const SdSearchQuery *q)
{
  if (q->digits && phone_matches (e->digits, q->digits, TRUE))
    return 0;
  if (strcmp (e->name, q->text) == 0)
    return 1;
  if (q->digits && phone_matches (e->digits, q->digits, FALSE))
    return 2;
  if (g_str_has_prefix (e->name, q->text))
    return 3;
  if ((q->digits && strstr (e->digits, q->digits)) || strstr (e->name, q->text))
    return 4;
  if (q->pinyin && sd_pinyin_match (e->pinyin, q->pinyin))
    return 5;
  if (strstr (e->haystack, q->text))
    return 6;
  return -1;
}

static int
compare_hits (const void *a,
              const void *b)
{
  const Hit *x = a, *y = b;

  return x->key < y->key ? -1 : x->key > y->key;
}

GArray *
_sd_search_index_search (SdStore             *store,
                         const SdSearchQuery *query,
                         gboolean             include_archived,
                         GError             **error)
{
  SdSearchIndex *index = get_index (store, error);
  g_autoptr(GArray) hits = NULL;
  GArray *ids;

  if (index == NULL)
    return NULL;
  if (index->ranks_dirty)
    update_ranks (index);

  hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  for (guint i = 0; i < index->entries->len; i++)
    {
      const Entry *e = &g_array_index (index->entries, Entry, i);
      int rank;

      if (e->archived && !include_archived)
        continue;
      rank = rank_entry (e, query);
      if (rank >= 0)
        {
          Hit hit = { ((guint64) rank << 32) | e->sort_rank, e->id };
          g_array_append_val (hits, hit);
        }
    }
  if (hits->len > 1)
    qsort (hits->data, hits->len, sizeof (Hit), compare_hits);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), hits->len);
  for (guint i = 0; i < hits->len; i++)
    g_array_append_val (ids, g_array_index (hits, Hit, i).id);
  return ids;
}

void
_sd_search_index_update (SdStore    *store,
                         gint64      id,
                         gboolean    archived,
                         const char *sort_key,
                         const char *name,
                         const char *digits,
                         const char *haystack,
                         const char *pinyin)
{
  SdSearchIndex *index = g_object_get_data (G_OBJECT (store), INDEX_KEY);
  guint position;
  Entry *e;

  if (index == NULL)
    return;

  /* Replaced strings stay in the chunk until the next reload: an edit costs ~200 bytes. */
  position = GPOINTER_TO_UINT (g_hash_table_lookup (index->by_id, GSIZE_TO_POINTER ((gsize) id)));
  if (position == 0)
    {
      Entry fresh = { .id = id };
      g_array_append_val (index->entries, fresh);
      position = index->entries->len;
      g_hash_table_insert (index->by_id, GSIZE_TO_POINTER ((gsize) id), GUINT_TO_POINTER (position));
    }
  e = &g_array_index (index->entries, Entry, position - 1);
  e->archived = archived;
  e->sort_key = keep (index, sort_key);
  e->name = keep (index, name);
  e->digits = keep (index, digits);
  e->haystack = keep (index, haystack);
  e->pinyin = keep (index, pinyin);
  index->ranks_dirty = TRUE;
}

void
_sd_search_index_set_archived (SdStore  *store,
                               gint64    id,
                               gboolean  archived)
{
  SdSearchIndex *index = g_object_get_data (G_OBJECT (store), INDEX_KEY);
  guint position;

  if (index == NULL)
    return;
  position = GPOINTER_TO_UINT (g_hash_table_lookup (index->by_id, GSIZE_TO_POINTER ((gsize) id)));
  if (position > 0)
    g_array_index (index->entries, Entry, position - 1).archived = archived;
}

void
_sd_search_index_invalidate (SdStore *store)
{
  g_object_set_data (G_OBJECT (store), INDEX_KEY, NULL);
}
