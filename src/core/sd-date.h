/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Calendar days (birthdays, follow-up dates, date fields): stored 'YYYY-MM-DD', no time
 * zone; typed in any of the ways people in China write them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SD_DATE_ERROR (sd_date_error_quark ())

typedef enum {
  SD_DATE_ERROR_INVALID,
} SdDateError;

GQuark  sd_date_error_quark (void);

/* "2024-03-08", "2024/3/8", "2024.3.8", "2024年3月8日", "20240308" → "2024-03-08".
 * Empty input gives "" (no date). */
char   *sd_date_normalize   (const char *text,
                             GError    **error);
/* Today in the local time zone, "YYYY-MM-DD". */
char   *sd_date_today       (void);
/* "2024-03-08" + days → "YYYY-MM-DD". */
char   *sd_date_add_days    (const char *date,
                             int         days);

G_END_DECLS
