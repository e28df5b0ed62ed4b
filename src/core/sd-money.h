/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Money is integer fen (分) in a gint64; these are the only parse and format routines. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SD_MONEY_ERROR (sd_money_error_quark ())

typedef enum {
  SD_MONEY_ERROR_EMPTY,
  SD_MONEY_ERROR_INVALID,
  SD_MONEY_ERROR_TOO_PRECISE,
  SD_MONEY_ERROR_OVERFLOW,
} SdMoneyError;

GQuark    sd_money_error_quark (void);

gboolean  sd_money_parse       (const char *text,
                                gint64     *out_fen,
                                GError    **error);
char     *sd_money_format      (gint64      fen);
char     *sd_money_format_plain (gint64     fen);

G_END_DECLS
