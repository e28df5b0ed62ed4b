/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-follow-up.h"

G_BEGIN_DECLS

#define SD_TYPE_FOLLOW_UP_LIST (sd_follow_up_list_get_type ())
G_DECLARE_FINAL_TYPE (SdFollowUpList, sd_follow_up_list, SD, FOLLOW_UP_LIST, AdwPreferencesGroup)

/* A group titled "Follow-ups" listing one customer's follow-ups, newest first. Set another
 * title, or a header suffix (e.g. a "Log Follow-up" button), with the AdwPreferencesGroup API. */
GtkWidget  *sd_follow_up_list_new            (void);
/* Loads the customer's history; store NULL or customer_id 0 empties the list. */
void        sd_follow_up_list_set_customer   (SdFollowUpList *self,
                                              SdStore        *store,
                                              gint64          customer_id);
/* Loads the same customer's history again, e.g. after a follow-up was logged. */
void        sd_follow_up_list_reload         (SdFollowUpList *self);
guint       sd_follow_up_list_get_n_entries  (SdFollowUpList *self);
/* For tests: the text of the entry at `index` (newest first), or NULL. */
const char *sd_follow_up_list_get_entry_text (SdFollowUpList *self,
                                              guint           index);

/* Shared with the due list. */
const char *sd_follow_up_kind_icon_name      (SdFollowUpKind  kind);
/* "2025-03-08" → the day as the interface writes dates (2025年3月8日 in Chinese). */
char       *sd_follow_up_format_day          (const char     *date);
/* "2025-03-08" → its weekday in the interface language (星期六), or "" for no date. */
const char *sd_follow_up_weekday             (const char     *date);

G_END_DECLS
