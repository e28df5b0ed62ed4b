/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-follow-up.h"

G_BEGIN_DECLS

#define SD_TYPE_DUE_VIEW (sd_due_view_get_type ())
G_DECLARE_FINAL_TYPE (SdDueView, sd_due_view, SD, DUE_VIEW, AdwBin)

/* The "Due follow-ups" area (今日待跟进): open follow-ups whose next date is today or earlier.
 * Signals: ::open-customer (gint64 customer_id) when a row is activated.
 * Properties: "n-due" (guint, read-only, notified when it changes).
 * Actions: due.reload (F5), due.done (x: follow-up id), due.log (x: follow-up id). */
GtkWidget        *sd_due_view_new              (void);
void              sd_due_view_set_store        (SdDueView  *self,
                                                SdStore    *store);
/* Loads the due list again (also done each time the view is shown). */
void              sd_due_view_reload           (SdDueView  *self);
guint             sd_due_view_get_n_due        (SdDueView  *self);

/* For tests. */
const SdFollowUp *sd_due_view_get_follow_up    (SdDueView  *self,
                                                guint       index);
/* The row at `index` (a GtkListBoxRow), or NULL. */
GtkWidget        *sd_due_view_get_row          (SdDueView  *self,
                                                guint       index);
/* What the row shows: which is "name", "phone", "text" or "due". */
const char       *sd_due_view_get_row_label    (SdDueView  *self,
                                                guint       index,
                                                const char *which);
/* "list" or "empty". */
const char       *sd_due_view_get_page_name    (SdDueView  *self);
/* The open "Log Follow-up" dialog, or NULL. */
GtkWindow        *sd_due_view_get_dialog       (SdDueView  *self);
/* For tests: the "… is done" toast while it shows. */
AdwToast         *sd_due_view_get_toast        (SdDueView  *self);

G_END_DECLS
