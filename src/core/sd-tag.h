/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Customer tags: the owner's own ('manual') and those a segmentation rule keeps ('auto'). */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64    id;
  char     *name;
  char     *color;       /* "#rrggbb" */
  gboolean  automatic;   /* maintained by a rule; people cannot attach or remove it */
  char     *rule;
  guint     n_customers; /* filled by sd_store_list_tags() */
} SdTag;

SdTag     *sd_tag_new                   (const char *name,
                                         const char *color);
void       sd_tag_free                  (SdTag      *tag);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdTag, sd_tag_free)

/* By name; each with how many customers carry it. Array of SdTag*. */
GPtrArray *sd_store_list_tags           (SdStore    *store,
                                         GError    **error);
gboolean   sd_store_save_tag            (SdStore    *store,
                                         SdTag      *tag,
                                         GError    **error);
gboolean   sd_store_delete_tag          (SdStore    *store,
                                         gint64      id,
                                         GError    **error);
/* The id of the manual tag with that name, created when missing (for imports). */
gint64     sd_store_ensure_tag          (SdStore    *store,
                                         const char *name,
                                         GError    **error);
/* Adds or removes a manual tag on many customers at once, in one transaction. */
gboolean   sd_store_tag_customers       (SdStore      *store,
                                         gint64        tag_id,
                                         const gint64 *customer_ids,
                                         guint         n_customers,
                                         gboolean      add,
                                         GError      **error);
/* Tags of one customer, by name. Array of SdTag*. */
GPtrArray *sd_store_list_customer_tags  (SdStore    *store,
                                         gint64      customer_id,
                                         GError    **error);

G_END_DECLS
