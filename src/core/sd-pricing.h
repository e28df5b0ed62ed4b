/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prices: the list price, a customer's agreed price (协议价), and water ticket plans. */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

/* The customer's agreed price of the product if there is one, else its list price;
 * -1 with `error` set when the product does not exist. */
gint64       sd_store_price_for             (SdStore     *store,
                                             gint64       customer_id,
                                             gint64       product_id,
                                             GError     **error);
gboolean     sd_store_set_customer_price    (SdStore     *store,
                                             gint64       customer_id,
                                             gint64       product_id,
                                             gint64       price_fen,
                                             GError     **error);
/* Back to the list price. Removing a price that is not there is not an error. */
gboolean     sd_store_remove_customer_price (SdStore     *store,
                                             gint64       customer_id,
                                             gint64       product_id,
                                             GError     **error);

/* 水票套餐: buy `tickets` tickets of the product for price_fen, get bonus_tickets free. */
typedef struct {
  gint64    id;
  char     *name;
  gint64    product_id;
  int       tickets;
  int       bonus_tickets;
  gint64    price_fen;
  int       valid_days;     /* 0 = no expiry */
  gboolean  active;
} SdTicketPlan;

SdTicketPlan *sd_ticket_plan_new            (const char   *name,
                                             gint64        product_id,
                                             int           tickets,
                                             int           bonus_tickets,
                                             gint64        price_fen);
void          sd_ticket_plan_free           (SdTicketPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdTicketPlan, sd_ticket_plan_free)

/* Validates and inserts (id 0) or updates; sets the id. A plan that has been sold keeps
 * its product, tickets and price (sales refer to it): make a new plan instead. */
gboolean      sd_store_save_ticket_plan     (SdStore      *store,
                                             SdTicketPlan *plan,
                                             GError      **error);
SdTicketPlan *sd_store_load_ticket_plan     (SdStore      *store,
                                             gint64        id,
                                             GError      **error);
/* Active first, then by name. Array of SdTicketPlan*. */
GPtrArray    *sd_store_list_ticket_plans    (SdStore      *store,
                                             gboolean      include_inactive,
                                             GError      **error);
/* Only a plan that was never sold can be deleted; deactivate the others. */
gboolean      sd_store_delete_ticket_plan   (SdStore      *store,
                                             gint64        id,
                                             GError      **error);
/* Writes off, as of the store's clock, the water tickets of every sale whose plan's
 * validity ran out (tickets drawn oldest sale first), one `ticket_expiry` row per sale, in
 * one transaction. Running it again adds nothing. `out_tickets`: how many expired now. */
gboolean      sd_store_expire_tickets       (SdStore      *store,
                                             const char   *who,
                                             gint64       *out_tickets,
                                             GError      **error);
/* Is there any ticket plan for this product (can an order pay it with tickets)? */
gboolean      sd_store_product_has_tickets  (SdStore      *store,
                                             gint64        product_id);

G_END_DECLS
