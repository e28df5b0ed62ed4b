/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-ledger.h"

G_BEGIN_DECLS

#define SD_TYPE_BALANCES_GROUP (sd_balances_group_get_type ())
G_DECLARE_FINAL_TYPE (SdBalancesGroup, sd_balances_group, SD, BALANCES_GROUP, AdwPreferencesGroup)

/* What a customer holds and owes — water tickets per product, prepaid balance, bucket
 * deposit, buckets held, amount owed — each row expanding to its latest ledger rows. */
GtkWidget  *sd_balances_group_new               (void);
/* Loads (or reloads) the customer's balances; customer 0 empties the group. */
void        sd_balances_group_set_customer      (SdBalancesGroup *self,
                                                 SdStore         *store,
                                                 gint64           customer_id);
/* Shows the customer's balances again, e.g. after an order was delivered. */
void        sd_balances_group_reload            (SdBalancesGroup *self);

/* One ledger row as the history shows it: what happened, when, its order and note, the
 * change; `balance_label` (may be NULL) names the balance it moved. */
GtkWidget  *sd_ledger_row_new                   (const SdLedgerEntry *entry,
                                                 const char          *balance_label);

/* For tests: the value a row shows ("18", "¥120.00"), NULL without such a row; the
 * number of history rows under it. `product_id` for tickets only. */
const char *sd_balances_group_get_value         (SdBalancesGroup *self,
                                                 SdLedgerKind     kind,
                                                 gint64           product_id);
guint       sd_balances_group_get_n_history     (SdBalancesGroup *self,
                                                 SdLedgerKind     kind,
                                                 gint64           product_id);
/* The row, to expand it. */
GtkWidget  *sd_balances_group_get_row           (SdBalancesGroup *self,
                                                 SdLedgerKind     kind,
                                                 gint64           product_id);

G_END_DECLS
