/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Customers in the database: load, save (one transaction), archive, count, search. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-custom-field.h"
#include "sd-customer-store-private.h"
#include "sd-search-index.h"
#include "sd-search.h"
#include "sd-store-private.h"

/* --- SdCustomerSummary ------------------------------------------------------------------- */

struct _SdCustomerSummary
{
  GObject         parent_instance;
  gint64          id;
  char           *name;
  SdCustomerKind  kind;
  char           *phone;
  char           *address;
  gboolean        archived;
};

G_DEFINE_FINAL_TYPE (SdCustomerSummary, sd_customer_summary, G_TYPE_OBJECT)

static void
sd_customer_summary_finalize (GObject *object)
{
  SdCustomerSummary *self = (SdCustomerSummary *) object;

  g_free (self->name);
  g_free (self->phone);
  g_free (self->address);
  G_OBJECT_CLASS (sd_customer_summary_parent_class)->finalize (object);
}

static void
sd_customer_summary_class_init (SdCustomerSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_customer_summary_finalize;
}

static void
sd_customer_summary_init (SdCustomerSummary *self)
{
}

gint64
sd_customer_summary_get_id (SdCustomerSummary *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_SUMMARY (self), 0);
  return self->id;
}

const char *
sd_customer_summary_get_name (SdCustomerSummary *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_SUMMARY (self), NULL);
  return self->name;
}

SdCustomerKind
sd_customer_summary_get_kind (SdCustomerSummary *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_SUMMARY (self), SD_CUSTOMER_KIND_HOUSEHOLD);
  return self->kind;
}

const char *
sd_customer_summary_get_phone (SdCustomerSummary *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_SUMMARY (self), NULL);
  return self->phone;
}

const char *
sd_customer_summary_get_address (SdCustomerSummary *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_SUMMARY (self), NULL);
  return self->address;
}

gboolean
sd_customer_summary_get_archived (SdCustomerSummary *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_SUMMARY (self), FALSE);
  return self->archived;
}

/* --- loading ----------------------------------------------------------------------------- */

static void
set_not_found (GError **error,
               gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
               _("There is no customer number %s"), number);
}

static SdCustomerKind
kind_from_column (sqlite3_stmt *stmt,
                  int           column)
{
  SdCustomerKind kind = SD_CUSTOMER_KIND_HOUSEHOLD;

  sd_customer_kind_from_string ((const char *) sqlite3_column_text (stmt, column), &kind);
  return kind;
}

SdCustomerSummary *
sd_store_load_customer_summary (SdStore  *store,
                                gint64    id,
                                GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  SdCustomerSummary *summary;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT c.name, c.kind, c.archived,"
    " (SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1),"
    " (SELECT text FROM addresses WHERE customer_id = c.id AND archived = 0"
    "  ORDER BY is_default DESC, position LIMIT 1)"
    " FROM customers c WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_not_found (error, id);
      return NULL;
    }

  summary = g_object_new (SD_TYPE_CUSTOMER_SUMMARY, NULL);
  summary->id = id;
  summary->name = _sd_column_dup (stmt, 0);
  summary->kind = kind_from_column (stmt, 1);
  summary->archived = sqlite3_column_int (stmt, 2) != 0;
  summary->phone = _sd_column_dup (stmt, 3);
  summary->address = _sd_column_dup (stmt, 4);
  return summary;
}

SdCustomer *
sd_store_load_customer (SdStore  *store,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(SdCustomer) customer = NULL;
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(SdCachedStmt) phones = NULL;
  g_autoptr(SdCachedStmt) addresses = NULL;
  g_autofree char *name = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT name, kind, note, created_at, archived, wechat, coalesce(birthday, ''), source,"
    " coalesce(parent_id, 0) FROM customers WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_not_found (error, id);
      return NULL;
    }

  customer = sd_customer_new ();
  _sd_customer_set_id (customer, id);
  name = _sd_column_dup (stmt, 0);
  sd_customer_set_name (customer, name);
  sd_customer_set_kind (customer, kind_from_column (stmt, 1));
  note = _sd_column_dup (stmt, 2);
  sd_customer_set_note (customer, note);
  _sd_customer_set_created (customer, sqlite3_column_int64 (stmt, 3));
  sd_customer_set_archived (customer, sqlite3_column_int (stmt, 4) != 0);
  sd_customer_set_wechat (customer, (const char *) sqlite3_column_text (stmt, 5));
  sd_customer_set_birthday (customer, (const char *) sqlite3_column_text (stmt, 6));
  sd_customer_set_source (customer, (const char *) sqlite3_column_text (stmt, 7));
  sd_customer_set_parent_id (customer, sqlite3_column_int64 (stmt, 8));

  {
    g_autoptr(SdCachedStmt) values = _sd_store_prepare (store,
      "SELECT field_id, value FROM customer_field_values WHERE customer_id = ?1", error);
    if (values == NULL)
      return NULL;
    sqlite3_bind_int64 (values, 1, id);
    while (sqlite3_step (values) == SQLITE_ROW)
      sd_customer_set_field (customer, sqlite3_column_int64 (values, 0),
                             (const char *) sqlite3_column_text (values, 1));
  }

  phones = _sd_store_prepare (store,
    "SELECT number, label FROM customer_phones WHERE customer_id = ?1 ORDER BY position", error);
  if (phones == NULL)
    return NULL;
  sqlite3_bind_int64 (phones, 1, id);
  while (sqlite3_step (phones) == SQLITE_ROW)
    sd_customer_add_phone (customer,
                           (const char *) sqlite3_column_text (phones, 0),
                           (const char *) sqlite3_column_text (phones, 1));

  addresses = _sd_store_prepare (store,
    "SELECT id, label, text, district, latitude, longitude, instructions, is_default"
    " FROM addresses WHERE customer_id = ?1 AND archived = 0 ORDER BY position", error);
  if (addresses == NULL)
    return NULL;
  sqlite3_bind_int64 (addresses, 1, id);
  while (sqlite3_step (addresses) == SQLITE_ROW)
    {
      SdAddress *address = sd_address_new (NULL);

      address->id = sqlite3_column_int64 (addresses, 0);
      g_free (address->label);
      address->label = _sd_column_dup (addresses, 1);
      g_free (address->text);
      address->text = _sd_column_dup (addresses, 2);
      g_free (address->district);
      address->district = _sd_column_dup (addresses, 3);
      address->has_location = sqlite3_column_type (addresses, 4) != SQLITE_NULL;
      address->latitude = sqlite3_column_double (addresses, 4);
      address->longitude = sqlite3_column_double (addresses, 5);
      g_free (address->instructions);
      address->instructions = _sd_column_dup (addresses, 6);
      address->is_default = sqlite3_column_int (addresses, 7) != 0;
      sd_customer_add_address (customer, address);
    }

  return g_steal_pointer (&customer);
}

/* --- saving ------------------------------------------------------------------------------ */

typedef struct {
  char *name;
  char *digits;
  char *haystack;
  char *pinyin;
} SearchRow;

static void
search_row_clear (SearchRow *row)
{
  g_free (row->name);
  g_free (row->digits);
  g_free (row->haystack);
  g_free (row->pinyin);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SearchRow, search_row_clear)

/* What search reads of a customer: folded name, phone digits, addresses, pinyin. */
static void
build_search_row (SdCustomer *customer,
                  GPtrArray  *fields,
                  SearchRow  *row)
{
  GString *digits = g_string_new (NULL);
  GString *haystack = g_string_new (NULL);
  GPtrArray *phones = sd_customer_get_phones (customer);
  GPtrArray *addresses = sd_customer_get_addresses (customer);

  row->name = sd_search_fold (sd_customer_get_name (customer));
  row->pinyin = sd_search_pinyin_index (sd_customer_get_name (customer));

  for (guint i = 0; i < phones->len; i++)
    {
      const char *number = ((SdPhone *) g_ptr_array_index (phones, i))->number;
      if (digits->len > 0)
        g_string_append_c (digits, ' ');
      g_string_append (digits, number[0] == '+' ? number + 1 : number);
    }

  g_string_append (haystack, row->name);
  for (guint i = 0; i < addresses->len; i++)
    {
      SdAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *text = sd_search_fold (address->text);
      g_autofree char *district = sd_search_fold (address->district);

      g_string_append_printf (haystack, "\n%s", text);
      if (*district && strstr (text, district) == NULL)
        g_string_append_printf (haystack, " %s", district);
    }
  if (*sd_customer_get_wechat (customer))
    {
      g_autofree char *wechat = sd_search_fold (sd_customer_get_wechat (customer));
      g_string_append_printf (haystack, "\n%s", wechat);
    }
  /* owner-defined text fields are searchable too */
  for (guint i = 0; fields && i < fields->len; i++)
    {
      SdCustomField *field = g_ptr_array_index (fields, i);
      const char *value = sd_customer_get_field (customer, field->id);

      if (field->kind == SD_FIELD_TEXT && *value)
        {
          g_autofree char *folded = sd_search_fold (value);
          g_string_append_printf (haystack, "\n%s", folded);
        }
    }

  row->digits = g_string_free (digits, FALSE);
  row->haystack = g_string_free (haystack, FALSE);
}

static gboolean
write_search_row (SdStore         *store,
                  SdCustomer      *customer,
                  const char      *sort_key,
                  const SearchRow *row,
                  GError         **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  stmt = _sd_store_prepare (store,
    "INSERT OR REPLACE INTO customer_search"
    " (customer_id, archived, sort_key, name, digits, haystack, pinyin)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sd_customer_get_id (customer));
  sqlite3_bind_int (stmt, 2, sd_customer_get_archived (customer) ? 1 : 0);
  _sd_bind_text (stmt, 3, sort_key);
  _sd_bind_text (stmt, 4, row->name);
  _sd_bind_text (stmt, 5, row->digits);
  _sd_bind_text (stmt, 6, row->haystack);
  _sd_bind_text (stmt, 7, row->pinyin);
  return _sd_store_step_done (store, stmt, error);
}

static gboolean
write_phones (SdStore     *store,
              SdCustomer  *customer,
              gboolean     is_new,
              GError     **error)
{
  g_autoptr(SdCachedStmt) del = NULL;
  GPtrArray *phones = sd_customer_get_phones (customer);
  gint64 id = sd_customer_get_id (customer);

  if (!is_new)
    {
      del = _sd_store_prepare (store, "DELETE FROM customer_phones WHERE customer_id = ?1", error);
      if (del == NULL)
        return FALSE;
      sqlite3_bind_int64 (del, 1, id);
      if (!_sd_store_step_done (store, del, error))
        return FALSE;
    }

  for (guint i = 0; i < phones->len; i++)
    {
      SdPhone *phone = g_ptr_array_index (phones, i);
      g_autoptr(SdCachedStmt) ins = NULL;

      ins = _sd_store_prepare (store,
        "INSERT INTO customer_phones (customer_id, number, label, position)"
        " VALUES (?1, ?2, ?3, ?4)", error);
      if (ins == NULL)
        return FALSE;
      sqlite3_bind_int64 (ins, 1, id);
      _sd_bind_text (ins, 2, phone->number);
      _sd_bind_text (ins, 3, phone->label);
      sqlite3_bind_int (ins, 4, (int) i);
      if (!_sd_store_step_done (store, ins, error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_address (sqlite3_stmt *stmt,
              SdAddress    *address,
              int           position)
{
  _sd_bind_text (stmt, 2, address->label);
  _sd_bind_text (stmt, 3, address->text);
  _sd_bind_text (stmt, 4, address->district);
  if (address->has_location)
    {
      sqlite3_bind_double (stmt, 5, address->latitude);
      sqlite3_bind_double (stmt, 6, address->longitude);
    }
  else
    {
      sqlite3_bind_null (stmt, 5);
      sqlite3_bind_null (stmt, 6);
    }
  _sd_bind_text (stmt, 7, address->instructions);
  sqlite3_bind_int (stmt, 8, address->is_default ? 1 : 0);
  sqlite3_bind_int (stmt, 9, position);
}

static gboolean
write_addresses (SdStore     *store,
                 SdCustomer  *customer,
                 gboolean     is_new,
                 GError     **error)
{
  g_autoptr(SdCachedStmt) reset = NULL;
  GPtrArray *addresses = sd_customer_get_addresses (customer);
  gint64 id = sd_customer_get_id (customer);
  g_autoptr(GString) kept = g_string_new ("");

  /* Archive everything first; the addresses still in the list are revived below. This
   * also clears the default flag so the one-default index holds at every step. */
  if (!is_new)
    {
      reset = _sd_store_prepare (store,
        "UPDATE addresses SET archived = 1, is_default = 0 WHERE customer_id = ?1", error);
      if (reset == NULL)
        return FALSE;
      sqlite3_bind_int64 (reset, 1, id);
      if (!_sd_store_step_done (store, reset, error))
        return FALSE;
    }

  for (guint i = 0; i < addresses->len; i++)
    {
      SdAddress *address = g_ptr_array_index (addresses, i);
      g_autoptr(SdCachedStmt) stmt = NULL;

      if (address->id != 0)
        {
          stmt = _sd_store_prepare (store,
            "UPDATE addresses SET label = ?2, text = ?3, district = ?4, latitude = ?5,"
            " longitude = ?6, instructions = ?7, is_default = ?8, position = ?9, archived = 0"
            " WHERE id = ?1 AND customer_id = ?10", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, address->id);
          sqlite3_bind_int64 (stmt, 10, id);
          bind_address (stmt, address, (int) i);
          if (!_sd_store_step_done (store, stmt, error))
            return FALSE;
          if (sqlite3_changes (_sd_store_get_db (store)) != 1)
            {
              g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("Address %u does not belong to this customer"), i + 1);
              return FALSE;
            }
        }
      else
        {
          stmt = _sd_store_prepare (store,
            "INSERT INTO addresses (customer_id, label, text, district, latitude, longitude,"
            " instructions, is_default, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          bind_address (stmt, address, (int) i);
          if (!_sd_store_step_done (store, stmt, error))
            return FALSE;
          address->id = sqlite3_last_insert_rowid (_sd_store_get_db (store));
        }
    }
  return TRUE;
}

/* Normalises the visible fields' values in place; values of hidden fields are left as
 * stored, and a value for a field that does not exist is refused. */
static gboolean
check_fields (SdCustomer  *customer,
              GPtrArray   *fields,
              GPtrArray   *all_fields,
              GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, sd_customer_get_fields (customer));
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = (gint64) GPOINTER_TO_SIZE (key);
      gboolean known = FALSE;

      for (guint i = 0; i < all_fields->len && !known; i++)
        known = ((SdCustomField *) g_ptr_array_index (all_fields, i))->id == id;
      if (!known)
        {
          g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_FIELD,
                       _("The form has a field that no longer exists (number %d)"), (int) id);
          return FALSE;
        }
    }

  for (guint i = 0; i < fields->len; i++)
    {
      SdCustomField *field = g_ptr_array_index (fields, i);
      g_autoptr(GError) local = NULL;
      char *normal = sd_custom_field_normalize (field, sd_customer_get_field (customer, field->id),
                                                &local);
      if (normal == NULL)
        {
          g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_FIELD, local->message);
          return FALSE;
        }
      sd_customer_set_field (customer, field->id, normal);
      g_free (normal);
    }
  return TRUE;
}

static gboolean
write_fields (SdStore     *store,
              SdCustomer  *customer,
              GPtrArray   *fields,
              gboolean     is_new,
              GError     **error)
{
  for (guint i = 0; i < fields->len; i++)
    {
      SdCustomField *field = g_ptr_array_index (fields, i);
      const char *value = sd_customer_get_field (customer, field->id);
      g_autoptr(SdCachedStmt) stmt = NULL;

      if (*value == '\0' && is_new)
        continue;   /* nothing stored to clear */
      if (*value)
        stmt = _sd_store_prepare (store,
          "INSERT OR REPLACE INTO customer_field_values (customer_id, field_id, value)"
          " VALUES (?1, ?2, ?3)", error);
      else
        stmt = _sd_store_prepare (store,
          "DELETE FROM customer_field_values WHERE customer_id = ?1 AND field_id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, sd_customer_get_id (customer));
      sqlite3_bind_int64 (stmt, 2, field->id);
      if (*value)
        _sd_bind_text (stmt, 3, value);
      if (!_sd_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The parent must exist and must not be the customer or one of its own branches. */
static gboolean
check_parent (SdStore     *store,
              SdCustomer  *customer,
              GError     **error)
{
  gint64 parent = sd_customer_get_parent_id (customer);
  guint depth = 0;

  while (parent != 0)
    {
      g_autoptr(SdCachedStmt) stmt = NULL;

      if (parent == sd_customer_get_id (customer) || ++depth > 64)
        {
          g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PARENT,
                               _("A customer cannot belong to one of its own branches"));
          return FALSE;
        }
      stmt = _sd_store_prepare (store,
        "SELECT coalesce(parent_id, 0) FROM customers WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, parent);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PARENT,
                               _("The parent account no longer exists"));
          return FALSE;
        }
      parent = sqlite3_column_int64 (stmt, 0);
    }
  return TRUE;
}

static gboolean
save_customer_row (SdStore     *store,
                   SdCustomer  *customer,
                   const char  *sort_key,
                   GError     **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  gint64 now = sd_store_now (store);

  if (sd_customer_get_id (customer) == 0)
    {
      gint64 created = sd_customer_get_created (customer) > 0 ?
                       sd_customer_get_created (customer) : now;

      stmt = _sd_store_prepare (store,
        "INSERT INTO customers (name, kind, note, created_at, updated_at, archived, sort_key,"
        " wechat, birthday, source, parent_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, nullif(?10, ''), ?11, nullif(?12, 0))", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 4, created);
      sqlite3_bind_int64 (stmt, 5, now);
      _sd_customer_set_created (customer, created);
    }
  else
    {
      stmt = _sd_store_prepare (store,
        "UPDATE customers SET name = ?1, kind = ?2, note = ?3, updated_at = ?5,"
        " archived = ?6, sort_key = ?7, wechat = ?9, birthday = nullif(?10, ''), source = ?11,"
        " parent_id = nullif(?12, 0) WHERE id = ?8", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 5, now);
      sqlite3_bind_int64 (stmt, 8, sd_customer_get_id (customer));
    }

  _sd_bind_text (stmt, 1, sd_customer_get_name (customer));
  _sd_bind_text (stmt, 2, sd_customer_kind_to_string (sd_customer_get_kind (customer)));
  _sd_bind_text (stmt, 3, sd_customer_get_note (customer));
  sqlite3_bind_int (stmt, 6, sd_customer_get_archived (customer) ? 1 : 0);
  _sd_bind_text (stmt, 7, sort_key);
  _sd_bind_text (stmt, 9, sd_customer_get_wechat (customer));
  _sd_bind_text (stmt, 10, sd_customer_get_birthday (customer));
  _sd_bind_text (stmt, 11, sd_customer_get_source (customer));
  sqlite3_bind_int64 (stmt, 12, sd_customer_get_parent_id (customer));
  if (!_sd_store_step_done (store, stmt, error))
    return FALSE;

  if (sd_customer_get_id (customer) == 0)
    _sd_customer_set_id (customer, sqlite3_last_insert_rowid (_sd_store_get_db (store)));
  else if (sqlite3_changes (_sd_store_get_db (store)) != 1)
    {
      set_not_found (error, sd_customer_get_id (customer));
      return FALSE;
    }
  return TRUE;
}

gboolean
sd_store_save_customer (SdStore     *store,
                        SdCustomer  *customer,
                        GError     **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) all_fields = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (SD_IS_CUSTOMER (customer), FALSE);

  fields = sd_store_list_custom_fields (store, FALSE, error);
  all_fields = sd_store_list_custom_fields (store, TRUE, error);
  if (fields == NULL || all_fields == NULL)
    return FALSE;
  return _sd_store_save_customer_with_fields (store, customer, fields, all_fields, TRUE, error);
}

gboolean
_sd_store_save_customer_with_fields (SdStore     *store,
                                     SdCustomer  *customer,
                                     GPtrArray   *fields,
                                     GPtrArray   *all_fields,
                                     gboolean     own_savepoint,
                                     GError     **error)
{
  g_autoptr(SdCustomer) work = NULL;
  g_autofree char *sort_key = NULL;
  g_auto(SearchRow) search = { NULL };
  gboolean is_new;

  /* Validate and write a copy, so a failure leaves the caller's object as it was. */
  work = sd_customer_copy (customer);
  if (!sd_customer_validate (work, error) || !check_fields (work, fields, all_fields, error))
    return FALSE;
  is_new = sd_customer_get_id (work) == 0;
  sort_key = sd_search_sort_key (sd_customer_get_name (work));
  build_search_row (work, fields, &search);

  if (own_savepoint && !sd_store_begin (store, error))
    return FALSE;

  if (!check_parent (store, work, error) ||
      !save_customer_row (store, work, sort_key, error) ||
      !write_fields (store, work, fields, is_new, error) ||
      !write_phones (store, work, is_new, error) ||
      !write_addresses (store, work, is_new, error) ||
      !write_search_row (store, work, sort_key, &search, error))
    {
      if (own_savepoint)
        sd_store_rollback (store);
      return FALSE;
    }

  if (own_savepoint && !sd_store_commit (store, error))
    return FALSE;

  /* Inside a caller's transaction the write may still be rolled back: let the search
   * index reload from the table instead of trusting it now. */
  if (_sd_store_in_transaction (store))
    _sd_search_index_invalidate (store);
  else
    _sd_search_index_update (store, sd_customer_get_id (work), sd_customer_get_archived (work),
                             sort_key, search.name, search.digits, search.haystack,
                             search.pinyin);

  /* Hand the normalised, stored state back to the caller. */
  _sd_customer_set_id (customer, sd_customer_get_id (work));
  _sd_customer_set_created (customer, sd_customer_get_created (work));
  sd_customer_set_name (customer, sd_customer_get_name (work));
  sd_customer_set_birthday (customer, sd_customer_get_birthday (work));
  for (guint i = 0; i < fields->len; i++)
    {
      gint64 field_id = ((SdCustomField *) g_ptr_array_index (fields, i))->id;
      sd_customer_set_field (customer, field_id, sd_customer_get_field (work, field_id));
    }
  g_ptr_array_set_size (sd_customer_get_phones (customer), 0);
  for (guint i = 0; i < sd_customer_get_phones (work)->len; i++)
    g_ptr_array_add (sd_customer_get_phones (customer),
                     sd_phone_copy (g_ptr_array_index (sd_customer_get_phones (work), i)));
  g_ptr_array_set_size (sd_customer_get_addresses (customer), 0);
  for (guint i = 0; i < sd_customer_get_addresses (work)->len; i++)
    g_ptr_array_add (sd_customer_get_addresses (customer),
                     sd_address_copy (g_ptr_array_index (sd_customer_get_addresses (work), i)));
  return TRUE;
}

gboolean
sd_store_set_customer_archived (SdStore   *store,
                                gint64     id,
                                gboolean   archived,
                                GError   **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  g_autoptr(SdCachedStmt) search = NULL;

  stmt = _sd_store_prepare (store,
    "UPDATE customers SET archived = ?2, updated_at = ?3 WHERE id = ?1", error);
  search = _sd_store_prepare (store,
    "UPDATE customer_search SET archived = ?2 WHERE customer_id = ?1", error);
  if (stmt == NULL || search == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, sd_store_now (store));
  sqlite3_bind_int64 (search, 1, id);
  sqlite3_bind_int (search, 2, archived ? 1 : 0);

  if (!sd_store_begin (store, error))
    return FALSE;
  if (!_sd_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (_sd_store_get_db (store)) != 1)
    {
      set_not_found (error, id);
      goto fail;
    }
  if (!_sd_store_step_done (store, search, error))
    goto fail;
  if (!sd_store_commit (store, error))
    return FALSE;
  if (_sd_store_in_transaction (store))
    _sd_search_index_invalidate (store);
  else
    _sd_search_index_set_archived (store, id, archived);
  return TRUE;

fail:
  sd_store_rollback (store);
  return FALSE;
}

guint
sd_store_count_customers (SdStore  *store,
                          gboolean  include_archived)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), 0);

  stmt = _sd_store_prepare (store,
    "SELECT count(*) FROM customers WHERE archived = 0 OR ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* --- search ------------------------------------------------------------------------------ */

/* Keeps the ids (in their order) of customers carrying any / all of the tags. */
static GArray *
filter_by_tags (SdStore                *store,
                GArray                 *ids,
                const SdCustomerFilter *filter,
                GError                **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GHashTable) keep = g_hash_table_new (NULL, NULL);
  GArray *out;
  int rc;

  for (guint i = 0; i < filter->n_tags; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", filter->tag_ids[i]);
  g_string_append_c (json, ']');

  stmt = _sd_store_prepare (store,
    "SELECT customer_id FROM customer_tags WHERE tag_id IN (SELECT value FROM json_each(?1))"
    " GROUP BY customer_id HAVING ?2 = 0 OR count(DISTINCT tag_id) = ?3", error);
  if (stmt == NULL)
    return NULL;
  _sd_bind_text (stmt, 1, json->str);
  sqlite3_bind_int (stmt, 2, filter->all_tags ? 1 : 0);
  sqlite3_bind_int (stmt, 3, (int) filter->n_tags);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (keep, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }

  out = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (keep));
  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (keep, GSIZE_TO_POINTER ((gsize) g_array_index (ids, gint64, i))))
      g_array_append_val (out, g_array_index (ids, gint64, i));
  return out;
}

GArray *
sd_store_filter_customers (SdStore                 *store,
                           const SdCustomerFilter  *filter,
                           GError                 **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  ids = sd_store_search_customers (store, filter->query, filter->include_archived, error);
  if (ids == NULL || filter->n_tags == 0)
    return g_steal_pointer (&ids);
  return filter_by_tags (store, ids, filter, error);
}

GArray *
sd_store_search_customers (SdStore     *store,
                           const char  *query,
                           gboolean     include_archived,
                           GError     **error)
{
  g_autoptr(SdSearchQuery) q = NULL;
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  q = sd_search_query_parse (query);

  if (*q->text == '\0')
    {
      stmt = _sd_store_prepare (store,
        "SELECT id FROM customers WHERE archived = 0 OR ?1 ORDER BY sort_key, id", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
    }
  else
    return _sd_search_index_search (store, q, include_archived, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

void
sd_store_warm_customer_search (SdStore *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SD_IS_STORE (store));
  if (!_sd_search_index_warm (store, &error))
    g_warning ("Cannot load the customer search index: %s", error->message);
}

GArray *
sd_store_list_child_customers (SdStore  *store,
                               gint64    id,
                               GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT id FROM customers WHERE parent_id = ?1 AND archived = 0 ORDER BY sort_key", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 child = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, child);
    }
  return g_steal_pointer (&ids);
}

gint64
sd_store_find_customer_by_phone (SdStore    *store,
                                 const char *number)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), 0);

  stmt = _sd_store_prepare (store,
    "SELECT min(customer_id) FROM customer_phones WHERE number = ?1", NULL);
  if (stmt == NULL)
    return 0;
  _sd_bind_text (stmt, 1, number);
  /* min() over the index: no sort, no temporary b-tree (this runs for every imported row) */
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}
