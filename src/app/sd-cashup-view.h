/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_CASHUP_VIEW (sd_cashup_view_get_type ())
G_DECLARE_FINAL_TYPE (SdCashupView, sd_cashup_view, SD, CASHUP_VIEW, AdwBin)

/* The "Cash-up" area (日结): for one day, a card per courier and one for the counter with
 * deliveries, buckets, tickets, money by method and the cash to hand in; and a second page,
 * "Owed", with what customers owe aged 0–30, 31–60, 61–90 and over 90 days.
 * Actions: cashup.previous-day (Alt+Left), cashup.next-day (Alt+Right), cashup.today,
 * cashup.reload (F5). */
GtkWidget  *sd_cashup_view_new                 (void);
void        sd_cashup_view_set_store           (SdCashupView *self,
                                                SdStore      *store);
/* Shows the local day `date` ("YYYY-MM-DD"); FALSE and nothing changes when it is not a
 * date. */
gboolean    sd_cashup_view_set_day             (SdCashupView *self,
                                                const char   *date);
/* "YYYY-MM-DD" */
const char *sd_cashup_view_get_day             (SdCashupView *self);
/* Loads the figures again (also done each time the view is shown). */
void        sd_cashup_view_reload              (SdCashupView *self);

/* For tests. */
/* "cashup" or "aging". */
const char *sd_cashup_view_get_page_name       (SdCashupView *self);
void        sd_cashup_view_set_page_name       (SdCashupView *self,
                                                const char   *name);
/* The day as shown above the cards (2026年11月23日 星期一). */
const char *sd_cashup_view_get_day_label       (SdCashupView *self);
/* Cards in the order shown: couriers, then the counter (courier id 0). */
guint       sd_cashup_view_get_n_cards         (SdCashupView *self);
gint64      sd_cashup_view_get_card_courier    (SdCashupView *self,
                                                guint         index);
/* What the card of `courier_id` (0 = the counter) shows, or NULL when there is no such card:
 * which is "title", "deliveries", "buckets-out", "empties-back", "tickets", "cash", "wechat",
 * "alipay", "bank-transfer", "prepaid" or "hand-in". */
const char *sd_cashup_view_get_card_label      (SdCashupView *self,
                                                gint64        courier_id,
                                                const char   *which);
/* Aging rows in the order shown; "list" or "empty" for the page under "Owed". */
guint       sd_cashup_view_get_n_aging_rows    (SdCashupView *self);
gint64      sd_cashup_view_get_aging_customer  (SdCashupView *self,
                                                guint         index);
/* which is "name", "0-30", "31-60", "61-90", "90+" or "total"; index
 * sd_cashup_view_get_n_aging_rows() is the total line. */
const char *sd_cashup_view_get_aging_label     (SdCashupView *self,
                                                guint         index,
                                                const char   *which);
const char *sd_cashup_view_get_aging_page_name (SdCashupView *self);

G_END_DECLS
