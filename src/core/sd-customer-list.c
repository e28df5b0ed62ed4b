/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The search gives the ordered ids (8 bytes a customer); rows are loaded in pages of
 * PAGE_SIZE when the view asks for an item, and at most MAX_PAGES pages are kept. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include "sd-customer-list.h"

#define PAGE_SIZE 64
#define MAX_PAGES 32

struct _SdCustomerList
{
  GObject     parent_instance;

  SdStore    *store;
  char       *query;
  GArray     *ids;     /* gint64, in display order */
  GArray     *tags;    /* gint64 tag ids the list is narrowed to */
  gboolean    all_tags;
  GHashTable *pages;   /* page number → GPtrArray of SdCustomerSummary */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdCustomerList, sd_customer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SD_TYPE_CUSTOMER_SUMMARY;
}

static guint
get_n_items (GListModel *model)
{
  SdCustomerList *self = SD_CUSTOMER_LIST (model);

  return self->ids->len;
}

static GPtrArray *
load_page (SdCustomerList *self,
           guint           page)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint start = page * PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->ids->len);

  for (guint i = start; i < end; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = g_array_index (self->ids, gint64, i);
      SdCustomerSummary *row = sd_store_load_customer_summary (self->store, id, &error);

      /* A row deleted since the search still needs an item at its place. */
      if (row == NULL)
        {
          g_debug ("Customer %" G_GINT64_FORMAT " vanished: %s", id, error->message);
          row = g_object_new (SD_TYPE_CUSTOMER_SUMMARY, NULL);
        }
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SdCustomerList *self = SD_CUSTOMER_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->ids->len)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      /* Simple bound: views scroll locally, so dropping everything when full is cheap. */
      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        g_hash_table_remove_all (self->pages);
      rows = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }
  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
sd_customer_list_finalize (GObject *object)
{
  SdCustomerList *self = (SdCustomerList *) object;

  g_clear_object (&self->store);
  g_free (self->query);
  g_array_unref (self->ids);
  g_array_unref (self->tags);
  g_hash_table_unref (self->pages);

  G_OBJECT_CLASS (sd_customer_list_parent_class)->finalize (object);
}

static void
sd_customer_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdCustomerList *self = SD_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_customer_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SdCustomerList *self = SD_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_customer_list_class_init (SdCustomerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_customer_list_finalize;
  object_class->get_property = sd_customer_list_get_property;
  object_class->set_property = sd_customer_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_customer_list_init (SdCustomerList *self)
{
  self->query = g_strdup ("");
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

SdCustomerList *
sd_customer_list_new (SdStore *store)
{
  SdCustomerList *self;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_CUSTOMER_LIST, "store", store, NULL);
  sd_customer_list_reload (self, NULL);
  return self;
}

SdStore *
sd_customer_list_get_store (SdCustomerList *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_LIST (self), NULL);
  return self->store;
}

const char *
sd_customer_list_get_query (SdCustomerList *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_LIST (self), NULL);
  return self->query;
}

gboolean
sd_customer_list_reload (SdCustomerList  *self,
                         GError         **error)
{
  GArray *ids;
  guint old_len;

  g_return_val_if_fail (SD_IS_CUSTOMER_LIST (self), FALSE);

  {
    SdCustomerFilter filter = {
      .query = self->query,
      .tag_ids = (const gint64 *) (gpointer) self->tags->data,
      .n_tags = self->tags->len,
      .all_tags = self->all_tags,
    };
    ids = sd_store_filter_customers (self->store, &filter, error);
  }
  if (ids == NULL)
    return FALSE;

  old_len = self->ids->len;
  g_array_unref (self->ids);
  self->ids = ids;
  g_hash_table_remove_all (self->pages);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, ids->len);
  if (old_len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

gboolean
sd_customer_list_set_query (SdCustomerList  *self,
                            const char      *query,
                            GError         **error)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_LIST (self), FALSE);

  if (query == NULL)
    query = "";
  if (g_strcmp0 (query, self->query) == 0)
    return TRUE;

  g_free (self->query);
  self->query = g_strdup (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  return sd_customer_list_reload (self, error);
}

gboolean
sd_customer_list_set_tags (SdCustomerList  *self,
                           const gint64    *tag_ids,
                           guint            n_tags,
                           gboolean         match_all,
                           GError         **error)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_LIST (self), FALSE);

  g_array_set_size (self->tags, 0);
  if (n_tags > 0)
    g_array_append_vals (self->tags, tag_ids, n_tags);
  self->all_tags = match_all;
  return sd_customer_list_reload (self, error);
}

GArray *
sd_customer_list_get_tags (SdCustomerList *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_LIST (self), NULL);
  return self->tags;
}

GArray *
sd_customer_list_get_ids (SdCustomerList *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_LIST (self), NULL);
  return self->ids;
}

int
sd_customer_list_find (SdCustomerList *self,
                       gint64          customer_id)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_LIST (self), -1);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == customer_id)
      return (int) i;
  return -1;
}

guint
sd_customer_list_get_n_cached_pages (SdCustomerList *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_LIST (self), 0);
  return g_hash_table_size (self->pages);
}
