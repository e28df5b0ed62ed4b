/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backing up a shop and restoring it from a backup. A backup is a consistent copy of the
 * database file. Restoring is two steps so that the owner sees what they get before their
 * current data is replaced: prepare (copy the backup beside the shop, open it — upgrading
 * an older one —, run the integrity check, count what it holds), then commit (keep the
 * current file as a safety copy and put the restored one in its place). */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

/* Writes a consistent copy of the open shop to `dest_path` (which must not exist yet),
 * even while the shop is in use. */
gboolean    sd_store_backup              (SdStore     *store,
                                          const char  *dest_path,
                                          GError     **error);
/* "songda-backup-2026-11-23-1705.db": a file name for a backup made now (local time). */
char       *sd_backup_suggest_name       (void);

typedef struct _SdRestore SdRestore;

/* Checks `backup_path` is a Songda shop this program can open and copies it to
 * "<db_path>.restoring": a newer, foreign, empty or unreadable file is refused with an
 * error naming it and nothing changes. Runs sd_store_check() on the copy. The shop at
 * `db_path` is not touched. */
SdRestore  *sd_restore_prepare           (const char  *db_path,
                                          const char  *backup_path,
                                          GError     **error);
/* What the integrity check found in the backup: SdProblem*, empty when clean. */
GPtrArray  *sd_restore_get_problems      (SdRestore   *self);
gint64      sd_restore_get_n_customers   (SdRestore   *self);
gint64      sd_restore_get_n_orders      (SdRestore   *self);
/* The latest requested day of an order in the backup ("YYYY-MM-DD"), NULL without orders. */
const char *sd_restore_get_last_order_day (SdRestore  *self);
/* Replaces the shop at db_path by the checked copy. No SdStore may be open on db_path
 * (close it first). The current file is kept as "<db_path>.before-restore.bak" (an older
 * one of that name is replaced); its path is returned in `out_safety_path`. */
gboolean    sd_restore_commit            (SdRestore   *self,
                                          char       **out_safety_path,
                                          GError     **error);
/* Removes the prepared copy when it was not committed. */
void        sd_restore_free              (SdRestore   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdRestore, sd_restore_free)

G_END_DECLS
