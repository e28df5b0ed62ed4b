/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdStore: one shop's SQLite database — opening, migrations, settings, transactions. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SD_STORE_ERROR (sd_store_error_quark ())

typedef enum {
  SD_STORE_ERROR_OPEN,         /* the file cannot be opened or created */
  SD_STORE_ERROR_NOT_DATABASE, /* not an SQLite file, or not a Songda one */
  SD_STORE_ERROR_TOO_NEW,      /* written by a newer Songda: refused, left untouched */
  SD_STORE_ERROR_MIGRATION,    /* a migration failed; the file is as it was */
  SD_STORE_ERROR_SQL,          /* an unexpected database failure */
  SD_STORE_ERROR_NOT_FOUND,    /* no row with that id */
  SD_STORE_ERROR_INVALID,      /* input rejected by a rule of the business */
} SdStoreError;

/* The schema version this build writes and understands. */
#define SD_STORE_SCHEMA_VERSION 8

#define SD_TYPE_STORE (sd_store_get_type ())
G_DECLARE_FINAL_TYPE (SdStore, sd_store, SD, STORE, GObject)

GQuark      sd_store_error_quark           (void);

char       *sd_store_default_path          (void);
SdStore    *sd_store_open                  (const char  *path,
                                            GError     **error);
const char *sd_store_get_path              (SdStore     *self);
int         sd_store_get_schema_version    (SdStore     *self);

char       *sd_store_get_setting           (SdStore     *self,
                                            const char  *key,
                                            const char  *fallback);
gboolean    sd_store_set_setting           (SdStore     *self,
                                            const char  *key,
                                            const char  *value,
                                            GError     **error);

gboolean    sd_store_begin                 (SdStore     *self,
                                            GError     **error);
gboolean    sd_store_commit                (SdStore     *self,
                                            GError     **error);
void        sd_store_rollback              (SdStore     *self);

/* Clock used for created/updated stamps; tests and the demo generator pin it. */
void        sd_store_set_clock             (SdStore     *self,
                                            gint64     (*now_utc) (gpointer data),
                                            gpointer     data);
gint64      sd_store_now                   (SdStore     *self);

G_END_DECLS
