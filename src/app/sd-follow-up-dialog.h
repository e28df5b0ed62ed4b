/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-follow-up.h"

G_BEGIN_DECLS

#define SD_TYPE_FOLLOW_UP_DIALOG (sd_follow_up_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdFollowUpDialog, sd_follow_up_dialog, SD, FOLLOW_UP_DIALOG, AdwWindow)

/* Logs a follow-up for one customer. Emits ::saved (gint64 customer_id), then closes. */
GtkWidget  *sd_follow_up_dialog_new           (SdStore          *store,
                                               gint64            customer_id,
                                               const char       *customer_name);
/* Reads the form and saves through the core; on failure shows the error next to the field
 * it concerns and returns FALSE. */
gboolean    sd_follow_up_dialog_save          (SdFollowUpDialog *self);
gint64      sd_follow_up_dialog_get_customer_id (SdFollowUpDialog *self);

/* For tests: fill the form like a user would. */
void        sd_follow_up_dialog_set_kind      (SdFollowUpDialog *self,
                                               SdFollowUpKind    kind);
void        sd_follow_up_dialog_set_text      (SdFollowUpDialog *self,
                                               const char       *text);
void        sd_follow_up_dialog_set_who       (SdFollowUpDialog *self,
                                               const char       *who);
void        sd_follow_up_dialog_set_next_date (SdFollowUpDialog *self,
                                               const char       *text);
const char *sd_follow_up_dialog_get_next_date (SdFollowUpDialog *self);   /* as typed */
/* The last error shown, or "". */
const char *sd_follow_up_dialog_get_error     (SdFollowUpDialog *self);

G_END_DECLS
