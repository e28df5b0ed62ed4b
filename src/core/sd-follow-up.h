/* SPDX-License-Identifier: GPL-3.0-or-later */
/* 跟进记录: what was said to or done for a customer, and when to follow up next. */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

typedef enum {
  SD_FOLLOW_UP_CALL,
  SD_FOLLOW_UP_VISIT,
  SD_FOLLOW_UP_COMPLAINT,
  SD_FOLLOW_UP_NOTE,
} SdFollowUpKind;

#define SD_FOLLOW_UP_N_KINDS 4

typedef struct {
  gint64          id;
  gint64          customer_id;
  gint64          at;              /* UTC seconds; 0 = now when saved */
  SdFollowUpKind  kind;
  char           *who;
  char           *text;
  char           *next_date;       /* "YYYY-MM-DD" or "" */
  gboolean        done;
  char           *customer_name;   /* filled by the due list */
  char           *customer_phone;
} SdFollowUp;

const char *sd_follow_up_kind_label     (SdFollowUpKind kind);   /* translated */
const char *sd_follow_up_kind_to_string (SdFollowUpKind kind);

SdFollowUp *sd_follow_up_new            (gint64          customer_id,
                                         SdFollowUpKind  kind,
                                         const char     *text);
void        sd_follow_up_free           (SdFollowUp     *follow_up);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdFollowUp, sd_follow_up_free)

/* Records it (text required; next date checked) and closes the customer's earlier open
 * follow-ups, in one transaction. */
gboolean    sd_store_add_follow_up      (SdStore        *store,
                                         SdFollowUp     *follow_up,
                                         GError        **error);
/* Newest first. Array of SdFollowUp*. */
GPtrArray  *sd_store_list_follow_ups    (SdStore        *store,
                                         gint64          customer_id,
                                         GError        **error);
/* Open follow-ups whose next date is `today` or earlier, oldest first, with the customer's
 * name and phone. Array of SdFollowUp*. */
GPtrArray  *sd_store_list_due_follow_ups (SdStore       *store,
                                         const char     *today,
                                         GError        **error);
gboolean    sd_store_set_follow_up_done (SdStore        *store,
                                         gint64          id,
                                         gboolean        done,
                                         GError        **error);

G_END_DECLS
