/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order list pages by key: each loaded page remembers the key (requested date, id) of
 * its last row, and the next page is "the PAGE_SIZE orders after that key" — an index
 * range, however deep the page. A page far from any known key (a scrollbar dragged to the
 * middle) starts from the nearest known key before it and skips the pages between with
 * OFFSET. The count is one COUNT(*) per filter change. Indexes: see 0004-order-list.sql. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-order-list.h"
#include "sd-order-private.h"

#define PAGE_SIZE 64
#define MAX_PAGES 32

/* --- SdOrderSummary ---------------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (SdOrderSummary, sd_order_summary, G_TYPE_OBJECT)

static void
sd_order_summary_finalize (GObject *object)
{
  SdOrderSummary *self = (SdOrderSummary *) object;

  g_free (self->number);
  g_free (self->customer_name);
  g_free (self->address);
  g_free (self->requested_date);
  g_free (self->slot_text);
  g_free (self->courier_name);
  g_free (self->items_text);
  G_OBJECT_CLASS (sd_order_summary_parent_class)->finalize (object);
}

static void
sd_order_summary_class_init (SdOrderSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_order_summary_finalize;
}

static void
sd_order_summary_init (SdOrderSummary *self)
{
  self->number = g_strdup ("");
  self->customer_name = g_strdup ("");
  self->address = g_strdup ("");
  self->requested_date = g_strdup ("");
  self->slot_text = g_strdup ("");
  self->courier_name = g_strdup ("");
  self->items_text = g_strdup ("");
}

void
sd_order_filter_init (SdOrderFilter *filter)
{
  g_return_if_fail (filter != NULL);

  filter->date_from = NULL;
  filter->date_to = NULL;
  filter->status_mask = 0;
  filter->courier_id = -1;
  filter->channel = -1;
  filter->customer_id = 0;
}

static int
enum_from_string (const char *text,
                  const char *(*to_string) (int),
                  int         n)
{
  for (int i = 0; i < n; i++)
    if (g_strcmp0 (to_string (i), text) == 0)
      return i;
  return 0;
}

static const char *
channel_string (int value)
{
  return sd_order_channel_to_string ((SdOrderChannel) value);
}

static const char *
slot_string (int value)
{
  return sd_order_slot_to_string ((SdOrderSlot) value);
}

static const char *
payment_string (int value)
{
  return sd_order_payment_to_string ((SdOrderPayment) value);
}

static char *
slot_text (SdOrderSlot  slot,
           const char  *from,
           const char  *to)
{
  switch (slot)
    {
    case SD_SLOT_MORNING:
      return g_strdup (C_("delivery slot", "Morning"));
    case SD_SLOT_AFTERNOON:
      return g_strdup (C_("delivery slot", "Afternoon"));
    case SD_SLOT_EVENING:
      return g_strdup (C_("delivery slot", "Evening"));
    case SD_SLOT_WINDOW:
      return g_strdup_printf ("%s–%s", from ? from : "", to ? to : "");
    case SD_SLOT_ANY:
    default:
      return g_strdup ("");
    }
}

SdOrderSummary *
sd_store_load_order_summary (SdStore  *store,
                             gint64    order_id,
                             GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(SdCachedStmt) lines = NULL;
  g_autoptr(SdOrderSummary) row = NULL;
  g_autoptr(GString) items = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  SdOrderStatus status = SD_ORDER_PENDING;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT o.customer_id, c.name, a.text, o.requested_date, o.slot, o.window_from, o.window_to,"
    "       o.status, o.channel, o.courier_id, coalesce(co.name, ''), o.payment, o.total_fen"
    "  FROM orders o JOIN customers c ON c.id = o.customer_id"
    "  JOIN addresses a ON a.id = o.address_id"
    "  LEFT JOIN couriers co ON co.id = o.courier_id"
    " WHERE o.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      char id[SD_ID_LEN];

      if (rc == SQLITE_DONE)
        g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                     _("There is no order number %s"), _sd_id (id, order_id));
      else
        _sd_store_set_sql_error (store, error);
      return NULL;
    }

  row = g_object_new (SD_TYPE_ORDER_SUMMARY, NULL);
  row->id = order_id;
  g_free (row->number);
  {
    char id[SD_ID_LEN];
    /* TRANSLATORS: an order's number in the list */
    row->number = g_strdup_printf (_("No. %s"), _sd_id (id, order_id));
  }
  row->customer_id = sqlite3_column_int64 (stmt, 0);
  g_free (row->customer_name);
  row->customer_name = _sd_column_dup (stmt, 1);
  g_free (row->address);
  row->address = _sd_column_dup (stmt, 2);
  g_free (row->requested_date);
  row->requested_date = _sd_column_dup (stmt, 3);
  row->slot = enum_from_string ((const char *) sqlite3_column_text (stmt, 4), slot_string,
                                SD_ORDER_N_SLOTS);
  from = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? NULL : _sd_column_dup (stmt, 5);
  to = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? NULL : _sd_column_dup (stmt, 6);
  g_free (row->slot_text);
  row->slot_text = slot_text (row->slot, from, to);
  sd_order_status_from_string ((const char *) sqlite3_column_text (stmt, 7), &status);
  row->status = status;
  row->channel = enum_from_string ((const char *) sqlite3_column_text (stmt, 8), channel_string,
                                   SD_ORDER_N_CHANNELS);
  row->courier_id = sqlite3_column_int64 (stmt, 9);
  g_free (row->courier_name);
  row->courier_name = _sd_column_dup (stmt, 10);
  row->payment = enum_from_string ((const char *) sqlite3_column_text (stmt, 11), payment_string,
                                   SD_ORDER_N_PAYMENTS);
  row->total_fen = sqlite3_column_int64 (stmt, 12);

  lines = _sd_store_prepare (store,
    "SELECT p.name, l.quantity FROM order_lines l JOIN products p ON p.id = l.product_id"
    " WHERE l.order_id = ? ORDER BY l.position", error);
  if (lines == NULL)
    return NULL;
  sqlite3_bind_int64 (lines, 1, order_id);
  items = g_string_new (NULL);
  while ((rc = sqlite3_step (lines)) == SQLITE_ROW)
    {
      int quantity = sqlite3_column_int (lines, 1);

      if (items->len > 0)
        g_string_append (items, ", ");
      g_string_append_printf (items, "%s ×%d", (const char *) sqlite3_column_text (lines, 0),
                              quantity);
      row->n_items += quantity;
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }
  g_free (row->items_text);
  row->items_text = g_strdup (items->str);
  return g_steal_pointer (&row);
}

/* --- the filter as SQL ---------------------------------------------------------------------- */

/* " WHERE …" with named parameters :from :to :courier :channel :customer; status names are
 * constants of the program, so they are written into the SQL (orders_by_status serves
 * them). */
static void
append_where (GString             *sql,
              const SdOrderFilter *filter)
{
  const char *sep = " WHERE ";
  guint all = (1u << SD_ORDER_N_STATUSES) - 1;
  guint mask = filter->status_mask & all;

#define TERM(...) G_STMT_START { g_string_append (sql, sep); \
                                 g_string_append_printf (sql, __VA_ARGS__); sep = " AND "; } G_STMT_END
  if (filter->date_from && *filter->date_from)
    TERM ("o.requested_date >= :from");
  if (filter->date_to && *filter->date_to)
    TERM ("o.requested_date <= :to");
  if (mask != 0 && mask != all)
    {
      const char *inner = "";

      g_string_append (sql, sep);
      g_string_append (sql, "o.status IN (");
      for (guint s = 0; s < SD_ORDER_N_STATUSES; s++)
        if (mask & SD_ORDER_STATUS_BIT (s))
          {
            g_string_append_printf (sql, "%s'%s'", inner, sd_order_status_to_string (s));
            inner = ", ";
          }
      g_string_append (sql, ")");
      sep = " AND ";
    }
  if (filter->courier_id == 0)
    TERM ("o.courier_id IS NULL");
  else if (filter->courier_id > 0)
    TERM ("o.courier_id = :courier");
  if (filter->channel >= 0 && filter->channel < SD_ORDER_N_CHANNELS)
    TERM ("o.channel = :channel");
  if (filter->customer_id > 0)
    TERM ("o.customer_id = :customer");
#undef TERM
}

static void
bind_filter (sqlite3_stmt        *stmt,
             const SdOrderFilter *filter)
{
  int i;

  if ((i = sqlite3_bind_parameter_index (stmt, ":from")) > 0)
    sqlite3_bind_text (stmt, i, filter->date_from, -1, SQLITE_TRANSIENT);
  if ((i = sqlite3_bind_parameter_index (stmt, ":to")) > 0)
    sqlite3_bind_text (stmt, i, filter->date_to, -1, SQLITE_TRANSIENT);
  if ((i = sqlite3_bind_parameter_index (stmt, ":courier")) > 0)
    sqlite3_bind_int64 (stmt, i, filter->courier_id);
  if ((i = sqlite3_bind_parameter_index (stmt, ":channel")) > 0)
    sqlite3_bind_text (stmt, i, sd_order_channel_to_string (filter->channel), -1, SQLITE_STATIC);
  if ((i = sqlite3_bind_parameter_index (stmt, ":customer")) > 0)
    sqlite3_bind_int64 (stmt, i, filter->customer_id);
}

static sqlite3_stmt *
prepare_dynamic (SdStore     *store,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (_sd_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _sd_store_set_sql_error (store, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gint64
count_with (SdStore             *store,
            const SdOrderFilter *filter,
            GError             **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM orders o");
  sqlite3_stmt *stmt;
  gint64 n = -1;

  append_where (sql, filter);
  stmt = prepare_dynamic (store, sql->str, error);
  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _sd_store_set_sql_error (store, error);
  sqlite3_finalize (stmt);
  return n;
}

gint64
sd_store_count_orders (SdStore             *store,
                       const SdOrderFilter *filter,
                       GError             **error)
{
  SdOrderFilter all;

  g_return_val_if_fail (SD_IS_STORE (store), -1);

  if (filter == NULL)
    {
      sd_order_filter_init (&all);
      filter = &all;
    }
  return count_with (store, filter, error);
}

/* --- bulk actions ----------------------------------------------------------------------------- */

/* "Order No. 12: <message>", keeping the domain and code. */
static void
prefix_order (GError **error,
              gint64   order_id)
{
  char id[SD_ID_LEN];

  if (error != NULL && *error != NULL)
    g_prefix_error (error, _("Order %s: "), _sd_id (id, order_id));
}

typedef gboolean (*OrderStep) (SdStore  *store,
                               gint64    order_id,
                               gpointer  data,
                               GError  **error);

static gboolean
for_each_order (SdStore       *store,
                const gint64  *order_ids,
                guint          n,
                OrderStep      step,
                gpointer       data,
                GError       **error)
{
  if (!sd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!step (store, order_ids[i], data, error))
      {
        prefix_order (error, order_ids[i]);
        sd_store_rollback (store);
        return FALSE;
      }
  return sd_store_commit (store, error);
}

static gboolean
assign_step (SdStore  *store,
             gint64    order_id,
             gpointer  data,
             GError  **error)
{
  return sd_store_assign_courier (store, order_id, *(gint64 *) data, error);
}

gboolean
sd_store_assign_orders (SdStore       *store,
                        const gint64  *order_ids,
                        guint          n,
                        gint64         courier_id,
                        GError       **error)
{
  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (n == 0 || order_ids != NULL, FALSE);

  return for_each_order (store, order_ids, n, assign_step, &courier_id, error);
}

typedef struct {
  const char  *who;
  SdShortfall  shortfall;
} DeliverData;

static gboolean
deliver_step (SdStore  *store,
              gint64    order_id,
              gpointer  data,
              GError  **error)
{
  const DeliverData *deliver = data;
  g_autoptr(SdOrder) order = sd_store_load_order (store, order_id, error);
  SdTransitionOptions options;
  SdOrderStatus status;

  if (order == NULL)
    return FALSE;
  sd_transition_options_init (&options);
  options.shortfall = deliver->shortfall;
  /* pending → to dispatch → out for delivery → delivered; a final state is refused by
   * the state machine with its own message */
  for (status = order->status; status < SD_ORDER_DELIVERED; status++)
    if (!sd_store_transition_order (store, order_id, status + 1, deliver->who, NULL,
                                    status + 1 == SD_ORDER_DELIVERED ? &options : NULL, error))
      return FALSE;
  if (order->status >= SD_ORDER_DELIVERED)
    return sd_store_transition_order (store, order_id, SD_ORDER_DELIVERED, deliver->who, NULL,
                                      &options, error);
  return TRUE;
}

gboolean
sd_store_deliver_orders (SdStore       *store,
                         const gint64  *order_ids,
                         guint          n,
                         const char    *who,
                         SdShortfall    shortfall,
                         GError       **error)
{
  DeliverData deliver = { who ? who : "", shortfall };

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (n == 0 || order_ids != NULL, FALSE);

  return for_each_order (store, order_ids, n, deliver_step, &deliver, error);
}

typedef struct {
  const char *who;
  const char *reason;
} CancelData;

static gboolean
cancel_step (SdStore  *store,
             gint64    order_id,
             gpointer  data,
             GError  **error)
{
  CancelData *cancel = data;

  return sd_store_transition_order (store, order_id, SD_ORDER_CANCELLED, cancel->who,
                                    cancel->reason, NULL, error);
}

gboolean
sd_store_cancel_orders (SdStore       *store,
                        const gint64  *order_ids,
                        guint          n,
                        const char    *who,
                        const char    *reason,
                        GError       **error)
{
  CancelData cancel = { who ? who : "", reason };

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (n == 0 || order_ids != NULL, FALSE);

  return for_each_order (store, order_ids, n, cancel_step, &cancel, error);
}

/* --- SdOrderList ------------------------------------------------------------------------------ */

typedef struct {
  char   *date;
  gint64  id;
} PageKey;

struct _SdOrderList
{
  GObject        parent_instance;

  SdStore       *store;
  SdOrderFilter  filter;       /* strings owned */
  guint          n_items;      /* cached count */
  sqlite3_stmt  *first_stmt;   /* a page by OFFSET alone */
  sqlite3_stmt  *after_stmt;   /* a page after a key, then OFFSET */
  GHashTable    *pages;        /* page → GPtrArray of SdOrderSummary */
  GHashTable    *keys;         /* page → PageKey of its last row */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdOrderList, sd_order_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
page_key_free (gpointer data)
{
  PageKey *key = data;

  g_free (key->date);
  g_free (key);
}

static void
clear_statements (SdOrderList *self)
{
  g_clear_pointer (&self->first_stmt, sqlite3_finalize);
  g_clear_pointer (&self->after_stmt, sqlite3_finalize);
}

static gboolean
prepare_statements (SdOrderList  *self,
                    GError      **error)
{
  g_autoptr(GString) first = g_string_new ("SELECT o.id, o.requested_date FROM orders o");
  g_autoptr(GString) after = NULL;

  clear_statements (self);
  append_where (first, &self->filter);
  after = g_string_new (first->str);
  g_string_append (after, strstr (first->str, " WHERE ") ? " AND " : " WHERE ");
  g_string_append (after, "(o.requested_date, o.id) < (:key_date, :key_id)");
  g_string_append (first, " ORDER BY o.requested_date DESC, o.id DESC LIMIT :limit OFFSET :offset");
  g_string_append (after, " ORDER BY o.requested_date DESC, o.id DESC LIMIT :limit OFFSET :offset");

  self->first_stmt = prepare_dynamic (self->store, first->str, error);
  if (self->first_stmt == NULL)
    return FALSE;
  self->after_stmt = prepare_dynamic (self->store, after->str, error);
  if (self->after_stmt == NULL)
    {
      clear_statements (self);
      return FALSE;
    }
  return TRUE;
}

/* The ids of a page, from the nearest known key before it. */
static GArray *
page_ids (SdOrderList  *self,
          guint         page,
          GError      **error)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PageKey *key = NULL;
  guint from = 0;
  sqlite3_stmt *stmt;
  int rc;

  for (guint p = page; p > 0 && key == NULL; p--)
    if ((key = g_hash_table_lookup (self->keys, GUINT_TO_POINTER (p - 1))) != NULL)
      from = p;

  stmt = key ? self->after_stmt : self->first_stmt;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  bind_filter (stmt, &self->filter);
  if (key != NULL)
    {
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":key_date"), key->date, -1,
                         SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":key_id"), key->id);
    }
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), PAGE_SIZE);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"),
                      (gint64) (page - from) * PAGE_SIZE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      if (ids->len == PAGE_SIZE)
        {
          PageKey *last = g_new0 (PageKey, 1);

          last->date = _sd_column_dup (stmt, 1);
          last->id = id;
          g_hash_table_replace (self->keys, GUINT_TO_POINTER (page), last);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (self->store, error);
      g_clear_pointer (&ids, g_array_unref);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ids;
}

static GPtrArray *
load_page (SdOrderList *self,
           guint        page)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = page_ids (self, page, &error);
  guint wanted = MIN (PAGE_SIZE, self->n_items - page * PAGE_SIZE);

  if (ids == NULL)
    g_warning ("Could not load orders: %s", error->message);
  for (guint i = 0; ids && i < ids->len; i++)
    {
      g_autoptr(GError) row_error = NULL;
      SdOrderSummary *row = sd_store_load_order_summary (self->store,
                                                         g_array_index (ids, gint64, i),
                                                         &row_error);
      if (row == NULL)
        {
          g_debug ("Order vanished: %s", row_error->message);
          row = g_object_new (SD_TYPE_ORDER_SUMMARY, NULL);
        }
      g_ptr_array_add (rows, row);
    }
  /* orders deleted since the count still need an item at their place */
  while (rows->len < wanted)
    g_ptr_array_add (rows, g_object_new (SD_TYPE_ORDER_SUMMARY, NULL));
  return rows;
}

static GPtrArray *
get_page (SdOrderList *self,
          guint        page)
{
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (rows == NULL)
    {
      /* views scroll locally: dropping every page when full is cheap; keys stay */
      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        g_hash_table_remove_all (self->pages);
      rows = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }
  return rows;
}

static GType
get_item_type (GListModel *model)
{
  return SD_TYPE_ORDER_SUMMARY;
}

static guint
get_n_items (GListModel *model)
{
  return SD_ORDER_LIST (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SdOrderList *self = SD_ORDER_LIST (model);
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;
  rows = get_page (self, position / PAGE_SIZE);
  if (position % PAGE_SIZE >= rows->len)
    return NULL;
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
clear_filter_strings (SdOrderList *self)
{
  g_clear_pointer ((char **) &self->filter.date_from, g_free);
  g_clear_pointer ((char **) &self->filter.date_to, g_free);
}

static void
sd_order_list_finalize (GObject *object)
{
  SdOrderList *self = (SdOrderList *) object;

  clear_statements (self);
  clear_filter_strings (self);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->keys);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_order_list_parent_class)->finalize (object);
}

static void
sd_order_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SdOrderList *self = SD_ORDER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_order_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SdOrderList *self = SD_ORDER_LIST (object);

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
sd_order_list_class_init (SdOrderListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_order_list_finalize;
  object_class->get_property = sd_order_list_get_property;
  object_class->set_property = sd_order_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_order_list_init (SdOrderList *self)
{
  sd_order_filter_init (&self->filter);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->keys = g_hash_table_new_full (NULL, NULL, NULL, page_key_free);
}

SdOrderList *
sd_order_list_new (SdStore *store)
{
  SdOrderList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_ORDER_LIST, "store", store, NULL);
  if (!sd_order_list_set_filter (self, NULL, &error))
    g_warning ("Could not list orders: %s", error->message);
  return self;
}

SdStore *
sd_order_list_get_store (SdOrderList *self)
{
  g_return_val_if_fail (SD_IS_ORDER_LIST (self), NULL);
  return self->store;
}

const SdOrderFilter *
sd_order_list_get_filter (SdOrderList *self)
{
  g_return_val_if_fail (SD_IS_ORDER_LIST (self), NULL);
  return &self->filter;
}

static void
set_count (SdOrderList *self,
           guint        n)
{
  guint old = self->n_items;

  self->n_items = n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, n);
  if (old != n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gboolean
sd_order_list_reload (SdOrderList  *self,
                      GError      **error)
{
  gint64 n;

  g_return_val_if_fail (SD_IS_ORDER_LIST (self), FALSE);

  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->keys);
  n = self->first_stmt ? count_with (self->store, &self->filter, error) : -1;
  set_count (self, n < 0 ? 0 : (guint) MIN (n, G_MAXUINT));
  return n >= 0;
}

gboolean
sd_order_list_set_filter (SdOrderList          *self,
                          const SdOrderFilter  *filter,
                          GError              **error)
{
  SdOrderFilter copy;

  g_return_val_if_fail (SD_IS_ORDER_LIST (self), FALSE);

  if (filter == NULL)
    sd_order_filter_init (&copy);
  else
    copy = *filter;
  copy.date_from = copy.date_from && *copy.date_from ? g_strdup (copy.date_from) : NULL;
  copy.date_to = copy.date_to && *copy.date_to ? g_strdup (copy.date_to) : NULL;
  if (copy.channel >= SD_ORDER_N_CHANNELS)
    copy.channel = -1;
  clear_filter_strings (self);
  self->filter = copy;

  if (!prepare_statements (self, error))
    {
      g_hash_table_remove_all (self->pages);
      g_hash_table_remove_all (self->keys);
      set_count (self, 0);
      return FALSE;
    }
  return sd_order_list_reload (self, error);
}

gint64
sd_order_list_get_id (SdOrderList *self,
                      guint        position)
{
  GPtrArray *rows;

  g_return_val_if_fail (SD_IS_ORDER_LIST (self), 0);

  if (position >= self->n_items)
    return 0;
  rows = get_page (self, position / PAGE_SIZE);
  if (position % PAGE_SIZE >= rows->len)
    return 0;
  return ((SdOrderSummary *) g_ptr_array_index (rows, position % PAGE_SIZE))->id;
}

guint
sd_order_list_get_n_cached_pages (SdOrderList *self)
{
  g_return_val_if_fail (SD_IS_ORDER_LIST (self), 0);
  return g_hash_table_size (self->pages);
}
