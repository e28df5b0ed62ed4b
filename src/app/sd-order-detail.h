/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_ORDER_DETAIL (sd_order_detail_get_type ())
G_DECLARE_FINAL_TYPE (SdOrderDetail, sd_order_detail, SD, ORDER_DETAIL, AdwWindow)

/* One order: who, where, when, how it is paid, its goods, every step of its history with
 * time and user, and the ledger rows its delivery wrote. An open order can be cancelled,
 * a delivered one reversed, both with a reason; "changed" is emitted afterwards. */
GtkWidget        *sd_order_detail_new             (SdStore       *store,
                                                   gint64         order_id);
gint64            sd_order_detail_get_order_id    (SdOrderDetail *self);

/* For tests: rows shown in each group; the subtitle of a summary row ("payment" …); the
 * reason question while it is open, and its entry. */
guint             sd_order_detail_get_n_rows      (SdOrderDetail *self,
                                                   const char    *group);
const char       *sd_order_detail_get_value       (SdOrderDetail *self,
                                                   const char    *row);
AdwMessageDialog *sd_order_detail_get_question    (SdOrderDetail *self);
GtkEditable      *sd_order_detail_get_reason_entry (SdOrderDetail *self);

G_END_DECLS
