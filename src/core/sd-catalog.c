/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Products and couriers in the database. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-catalog.h"
#include "sd-store-private.h"

void
sd_product_free (SdProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->name);
  g_free (product->unit);
  g_free (product->category);
  g_free (product);
}

void
sd_courier_free (SdCourier *courier)
{
  if (courier == NULL)
    return;
  g_free (courier->name);
  g_free (courier->phone);
  g_free (courier->color);
  g_free (courier->vehicle);
  g_free (courier);
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

gboolean
sd_store_save_product (SdStore    *store,
                       SdProduct  *product,
                       GError    **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (product != NULL, FALSE);

  if (is_blank (product->name))
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("The product needs a name"));
      return FALSE;
    }
  if (product->price_fen < 0 || product->deposit_fen < 0)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("The price and deposit of “%s” cannot be negative"), product->name);
      return FALSE;
    }

  if (product->id == 0)
    stmt = _sd_store_prepare (store,
      "INSERT INTO products (name, unit, category, price_fen, deposit_fen, active, position,"
      " returnable_bucket)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT coalesce(max(position), 0) + 1 FROM products), ?8)",
      error);
  else
    stmt = _sd_store_prepare (store,
      "UPDATE products SET name = ?1, unit = ?2, category = ?3, price_fen = ?4,"
      " deposit_fen = ?5, active = ?6, returnable_bucket = ?8 WHERE id = ?7", error);
  if (stmt == NULL)
    return FALSE;

  _sd_bind_text (stmt, 1, product->name);
  _sd_bind_text (stmt, 2, product->unit);
  _sd_bind_text (stmt, 3, product->category);
  sqlite3_bind_int64 (stmt, 4, product->price_fen);
  sqlite3_bind_int64 (stmt, 5, product->deposit_fen);
  sqlite3_bind_int (stmt, 6, product->active ? 1 : 0);
  if (product->id != 0)
    sqlite3_bind_int64 (stmt, 7, product->id);
  sqlite3_bind_int (stmt, 8, product->returnable_bucket ? 1 : 0);
  if (!_sd_store_step_done (store, stmt, error))
    return FALSE;
  if (product->id == 0)
    product->id = sqlite3_last_insert_rowid (_sd_store_get_db (store));
  return TRUE;
}

gboolean
sd_store_save_courier (SdStore    *store,
                       SdCourier  *courier,
                       GError    **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (courier != NULL, FALSE);

  if (is_blank (courier->name))
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("The courier needs a name"));
      return FALSE;
    }
  if (courier->capacity < 0)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("The capacity of %s cannot be negative"), courier->name);
      return FALSE;
    }

  if (courier->id == 0)
    stmt = _sd_store_prepare (store,
      "INSERT INTO couriers (name, phone, color, vehicle, capacity, active)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  else
    stmt = _sd_store_prepare (store,
      "UPDATE couriers SET name = ?1, phone = ?2, color = ?3, vehicle = ?4, capacity = ?5,"
      " active = ?6 WHERE id = ?7", error);
  if (stmt == NULL)
    return FALSE;

  _sd_bind_text (stmt, 1, courier->name);
  _sd_bind_text (stmt, 2, courier->phone);
  _sd_bind_text (stmt, 3, courier->color ? courier->color : "#3584e4");
  _sd_bind_text (stmt, 4, courier->vehicle);
  sqlite3_bind_int (stmt, 5, courier->capacity);
  sqlite3_bind_int (stmt, 6, courier->active ? 1 : 0);
  if (courier->id != 0)
    sqlite3_bind_int64 (stmt, 7, courier->id);
  if (!_sd_store_step_done (store, stmt, error))
    return FALSE;
  if (courier->id == 0)
    courier->id = sqlite3_last_insert_rowid (_sd_store_get_db (store));
  return TRUE;
}

GPtrArray *
sd_store_list_products (SdStore   *store,
                        gboolean   include_inactive,
                        GError   **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_product_free);

  stmt = _sd_store_prepare (store,
    "SELECT id, name, unit, category, price_fen, deposit_fen, active, returnable_bucket FROM products"
    " WHERE active = 1 OR ?1 ORDER BY active DESC, position, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SdProduct *product = g_new0 (SdProduct, 1);

      product->id = sqlite3_column_int64 (stmt, 0);
      product->name = _sd_column_dup (stmt, 1);
      product->unit = _sd_column_dup (stmt, 2);
      product->category = _sd_column_dup (stmt, 3);
      product->price_fen = sqlite3_column_int64 (stmt, 4);
      product->deposit_fen = sqlite3_column_int64 (stmt, 5);
      product->active = sqlite3_column_int (stmt, 6) != 0;
      product->returnable_bucket = sqlite3_column_int (stmt, 7) != 0;
      g_ptr_array_add (products, product);
    }
  return g_steal_pointer (&products);
}

GPtrArray *
sd_store_list_couriers (SdStore   *store,
                        gboolean   include_inactive,
                        GError   **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) couriers = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_courier_free);

  stmt = _sd_store_prepare (store,
    "SELECT id, name, phone, color, vehicle, capacity, active FROM couriers"
    " WHERE active = 1 OR ?1 ORDER BY active DESC, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SdCourier *courier = g_new0 (SdCourier, 1);

      courier->id = sqlite3_column_int64 (stmt, 0);
      courier->name = _sd_column_dup (stmt, 1);
      courier->phone = _sd_column_dup (stmt, 2);
      courier->color = _sd_column_dup (stmt, 3);
      courier->vehicle = _sd_column_dup (stmt, 4);
      courier->capacity = sqlite3_column_int (stmt, 5);
      courier->active = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (couriers, courier);
    }
  return g_steal_pointer (&couriers);
}
