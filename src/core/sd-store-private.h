/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internals shared by the core modules that talk SQL. Nothing outside src/core includes
 * this: every SQL statement of the program lives behind the store API. */
#pragma once

#include <sqlite3.h>

#include "sd-store.h"

G_BEGIN_DECLS

/* A statement borrowed from the store's cache: g_autoptr(SdCachedStmt) resets it and
 * clears its bindings when it goes out of scope. */
typedef sqlite3_stmt SdCachedStmt;
void _sd_cached_stmt_release (SdCachedStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdCachedStmt, _sd_cached_stmt_release)

sqlite3      *_sd_store_get_db   (SdStore     *self);
/* A statement cached on the store for its lifetime, reset and unbound on return.
 * `sql` must be a string literal: its address is the cache key. */
SdCachedStmt *_sd_store_prepare  (SdStore     *self,
                                  const char  *sql,
                                  GError     **error);
gboolean      _sd_store_exec     (SdStore     *self,
                                  const char  *sql,
                                  GError     **error);
gboolean      _sd_store_step_done (SdStore     *self,
                                  sqlite3_stmt *stmt,
                                  GError     **error);
void          _sd_store_set_sql_error (SdStore *self,
                                  GError     **error);

/* Inside sd_store_begin()/commit()? Caches of committed state update only outside. */
gboolean      _sd_store_in_transaction (SdStore *self);

/* Binds text, treating NULL as the empty string. */
void          _sd_bind_text      (sqlite3_stmt *stmt,
                                  int           index,
                                  const char   *text);
char         *_sd_column_dup     (sqlite3_stmt *stmt,
                                  int           column);

G_END_DECLS
