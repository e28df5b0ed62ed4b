/* SPDX-License-Identifier: GPL-3.0-or-later */
/* List prices, customers' agreed prices (协议价) and water ticket plans. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-order-private.h"
#include "sd-pricing.h"

/* Upper bound of a price or plan, far above anything a shop sells: keeps every product
 * of a price and a quantity inside gint64. */
#define MAX_PRICE_FEN G_GINT64_CONSTANT (100000000000)

static gboolean
require_product (SdStore  *store,
                 gint64    product_id,
                 gint64   *list_price,
                 GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT price_fen FROM products WHERE id = ?1", error);
  char id[SD_ID_LEN];

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                   _("There is no product number %s"), _sd_id (id, product_id));
      return FALSE;
    }
  if (list_price != NULL)
    *list_price = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gint64
sd_store_price_for (SdStore  *store,
                    gint64    customer_id,
                    gint64    product_id,
                    GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  gint64 list_price;

  g_return_val_if_fail (SD_IS_STORE (store), -1);

  if (!require_product (store, product_id, &list_price, error))
    return -1;
  stmt = _sd_store_prepare (store,
    "SELECT price_fen FROM customer_prices WHERE customer_id = ?1 AND product_id = ?2", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, product_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return list_price;
}

gboolean
sd_store_set_customer_price (SdStore  *store,
                             gint64    customer_id,
                             gint64    product_id,
                             gint64    price_fen,
                             GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  if (price_fen < 0 || price_fen > MAX_PRICE_FEN)
    {
      g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, price_fen);
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("An agreed price cannot be %s fen"), amount);
      return FALSE;
    }
  if (!_sd_require_customer (store, customer_id, error) ||
      !require_product (store, product_id, NULL, error))
    return FALSE;

  stmt = _sd_store_prepare (store,
    "INSERT INTO customer_prices (customer_id, product_id, price_fen) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (customer_id, product_id) DO UPDATE SET price_fen = excluded.price_fen", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, product_id);
  sqlite3_bind_int64 (stmt, 3, price_fen);
  return _sd_store_step_done (store, stmt, error);
}

gboolean
sd_store_remove_customer_price (SdStore  *store,
                                gint64    customer_id,
                                gint64    product_id,
                                GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  stmt = _sd_store_prepare (store,
    "DELETE FROM customer_prices WHERE customer_id = ?1 AND product_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, product_id);
  return _sd_store_step_done (store, stmt, error);
}

/* --- ticket plans ------------------------------------------------------------------------ */

SdTicketPlan *
sd_ticket_plan_new (const char *name,
                    gint64      product_id,
                    int         tickets,
                    int         bonus_tickets,
                    gint64      price_fen)
{
  SdTicketPlan *plan = g_new0 (SdTicketPlan, 1);

  plan->name = g_strdup (name ? name : "");
  plan->product_id = product_id;
  plan->tickets = tickets;
  plan->bonus_tickets = bonus_tickets;
  plan->price_fen = price_fen;
  plan->active = TRUE;
  return plan;
}

void
sd_ticket_plan_free (SdTicketPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->name);
  g_free (plan);
}

static gboolean
plan_sold (SdStore  *store,
           gint64    id,
           gboolean *sold,
           GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT EXISTS (SELECT 1 FROM payments WHERE ticket_plan_id = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  *sold = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

static SdTicketPlan *
plan_from_row (sqlite3_stmt *stmt)
{
  SdTicketPlan *plan = g_new0 (SdTicketPlan, 1);

  plan->id = sqlite3_column_int64 (stmt, 0);
  plan->name = _sd_column_dup (stmt, 1);
  plan->product_id = sqlite3_column_int64 (stmt, 2);
  plan->tickets = sqlite3_column_int (stmt, 3);
  plan->bonus_tickets = sqlite3_column_int (stmt, 4);
  plan->price_fen = sqlite3_column_int64 (stmt, 5);
  plan->valid_days = sqlite3_column_int (stmt, 6);
  plan->active = sqlite3_column_int (stmt, 7) != 0;
  return plan;
}

SdTicketPlan *
sd_store_load_ticket_plan (SdStore  *store,
                           gint64    id,
                           GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  char buf[SD_ID_LEN];

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT id, name, product_id, tickets, bonus_tickets, price_fen, valid_days, active"
    " FROM ticket_plans WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                   _("There is no ticket plan number %s"), _sd_id (buf, id));
      return NULL;
    }
  return plan_from_row (stmt);
}

GPtrArray *
sd_store_list_ticket_plans (SdStore   *store,
                            gboolean   include_inactive,
                            GError   **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_ticket_plan_free);

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT id, name, product_id, tickets, bonus_tickets, price_fen, valid_days, active"
    " FROM ticket_plans WHERE active = 1 OR ?1 ORDER BY active DESC, product_id, price_fen, id",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (plans, plan_from_row (stmt));
  return g_steal_pointer (&plans);
}

gboolean
sd_store_save_ticket_plan (SdStore       *store,
                           SdTicketPlan  *plan,
                           GError       **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  name = g_strstrip (g_strdup (plan->name ? plan->name : ""));
  if (*name == '\0')
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("The ticket plan needs a name"));
      return FALSE;
    }
  if (plan->tickets <= 0 || plan->tickets > 100000)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Ticket plan “%s”: the number of tickets must be between 1 and 100000, not %d"),
                   name, plan->tickets);
      return FALSE;
    }
  if (plan->bonus_tickets < 0 || plan->bonus_tickets > 100000)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Ticket plan “%s”: the bonus tickets cannot be %d"), name, plan->bonus_tickets);
      return FALSE;
    }
  if (plan->price_fen < 0 || plan->price_fen > MAX_PRICE_FEN)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Ticket plan “%s”: the price cannot be negative"), name);
      return FALSE;
    }
  if (plan->valid_days < 0)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Ticket plan “%s”: the validity cannot be %d days"), name, plan->valid_days);
      return FALSE;
    }
  if (!require_product (store, plan->product_id, NULL, error))
    return FALSE;

  if (plan->id != 0)
    {
      g_autoptr(SdTicketPlan) old = sd_store_load_ticket_plan (store, plan->id, error);
      gboolean sold = FALSE;

      if (old == NULL || !plan_sold (store, plan->id, &sold, error))
        return FALSE;
      if (sold && (old->product_id != plan->product_id || old->tickets != plan->tickets ||
                   old->bonus_tickets != plan->bonus_tickets || old->price_fen != plan->price_fen))
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                       _("Ticket plan “%s” has been sold: its product, tickets and price cannot "
                         "change. Deactivate it and make a new plan."), old->name);
          return FALSE;
        }
      stmt = _sd_store_prepare (store,
        "UPDATE ticket_plans SET name = ?1, product_id = ?2, tickets = ?3, bonus_tickets = ?4,"
        " price_fen = ?5, valid_days = ?6, active = ?7 WHERE id = ?8", error);
    }
  else
    stmt = _sd_store_prepare (store,
      "INSERT INTO ticket_plans (name, product_id, tickets, bonus_tickets, price_fen, valid_days,"
      " active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;

  _sd_bind_text (stmt, 1, name);
  sqlite3_bind_int64 (stmt, 2, plan->product_id);
  sqlite3_bind_int (stmt, 3, plan->tickets);
  sqlite3_bind_int (stmt, 4, plan->bonus_tickets);
  sqlite3_bind_int64 (stmt, 5, plan->price_fen);
  sqlite3_bind_int (stmt, 6, plan->valid_days);
  sqlite3_bind_int (stmt, 7, plan->active ? 1 : 0);
  sqlite3_bind_int64 (stmt, 8, plan->id != 0 ? plan->id : sd_store_now (store));
  if (!_sd_store_step_done (store, stmt, error))
    return FALSE;
  if (plan->id == 0)
    plan->id = sqlite3_last_insert_rowid (_sd_store_get_db (store));
  return TRUE;
}

gboolean
sd_store_delete_ticket_plan (SdStore  *store,
                             gint64    id,
                             GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(SdTicketPlan) plan = NULL;
  gboolean sold = FALSE;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  plan = sd_store_load_ticket_plan (store, id, error);
  if (plan == NULL || !plan_sold (store, id, &sold, error))
    return FALSE;
  if (sold)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("Ticket plan “%s” has been sold and cannot be deleted; deactivate it instead"),
                   plan->name);
      return FALSE;
    }
  stmt = _sd_store_prepare (store, "DELETE FROM ticket_plans WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sd_store_step_done (store, stmt, error);
}

gboolean
sd_store_product_has_tickets (SdStore *store,
                              gint64   product_id)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  stmt = _sd_store_prepare (store,
    "SELECT EXISTS (SELECT 1 FROM ticket_plans WHERE product_id = ?1)", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}
