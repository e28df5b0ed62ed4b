/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "sd-search.h"

#include "sd-date.h"

G_DEFINE_QUARK (sd-date-error-quark, sd_date_error)

static char *
format_dmy (GDateYear year, GDateMonth month, GDateDay day)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) year, (guint) month, (guint) day);
}

char *
sd_date_normalize (const char  *text,
                   GError     **error)
{
  g_autofree char *folded = NULL;
  guint parts[3] = { 0 };
  guint n_parts = 0;
  guint digits_in_part = 0;
  guint total_digits = 0;
  const char *p;

  if (text == NULL)
    return g_strdup ("");
  folded = g_strstrip (sd_text_nfkc (text));
  if (*folded == '\0')
    return g_strdup ("");

  for (p = folded; *p; )
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          if ((digits_in_part == 0 && n_parts == 3) || digits_in_part >= 8)
            goto invalid;
          if (digits_in_part == 0)
            n_parts++;
          parts[n_parts - 1] = parts[n_parts - 1] * 10 + (guint) (c - '0');
          digits_in_part++;
          total_digits++;
        }
      else if (c == '-' || c == '/' || c == '.' || c == 0x5E74 /* 年 */ ||
               c == 0x6708 /* 月 */ || c == ' ')
        {
          if (digits_in_part == 0)
            goto invalid;
          digits_in_part = 0;
        }
      else if (c == 0x65E5 /* 日 */ || c == 0x53F7 /* 号 */)
        {
          if (n_parts != 3 || *g_utf8_next_char (p) != '\0')
            goto invalid;
        }
      else
        goto invalid;
      p = g_utf8_next_char (p);
    }

  /* 20240308 */
  if (n_parts == 1 && total_digits == 8)
    {
      guint v = parts[0];
      parts[0] = v / 10000;
      parts[1] = (v / 100) % 100;
      parts[2] = v % 100;
      n_parts = 3;
    }
  if (n_parts != 3 || parts[0] < 1900 || parts[0] > 2999 ||
      !g_date_valid_dmy ((GDateDay) parts[2], (GDateMonth) parts[1], (GDateYear) parts[0]))
    goto invalid;

  return format_dmy ((GDateYear) parts[0], (GDateMonth) parts[1], (GDateDay) parts[2]);

invalid:
  g_set_error (error, SD_DATE_ERROR, SD_DATE_ERROR_INVALID,
               _("“%s” is not a date: write it as 2024-03-08"), text);
  return NULL;
}

char *
sd_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
sd_date_add_days (const char *date,
                  int         days)
{
  GDate d;
  guint y, m, dd;

  if (date == NULL || sscanf (date, "%u-%u-%u", &y, &m, &dd) != 3 ||
      !g_date_valid_dmy ((GDateDay) dd, (GDateMonth) m, (GDateYear) y))
    return NULL;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, (GDateDay) dd, (GDateMonth) m, (GDateYear) y);
  if (days >= 0)
    g_date_add_days (&d, (guint) days);
  else
    g_date_subtract_days (&d, (guint) -days);
  return format_dmy (g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}
