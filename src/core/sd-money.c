/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parsing and formatting of amounts of money without floating point.
 *
 * Accepted input (after NFKC folding, so full-width digits and ￥ work):
 *   "12", "12.5", "12.50", "-3.2", "¥1,234.50", "1234元", " ¥ 8 "
 * Commas must group thousands; more than two decimals is refused rather than rounded,
 * because a silently rounded price is a wrong price.
 */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-search.h"

#include "sd-money.h"

G_DEFINE_QUARK (sd-money-error-quark, sd_money_error)

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

static gboolean
has_prefix_skip (const char **p, const char *prefix)
{
  gsize len = strlen (prefix);

  if (strncmp (*p, prefix, len) != 0)
    return FALSE;
  *p += len;
  return TRUE;
}

gboolean
sd_money_parse (const char *text,
                gint64     *out_fen,
                GError    **error)
{
  g_autofree char *folded = NULL;
  const char *p;
  gboolean negative = FALSE;
  guint64 yuan = 0;
  guint64 fen = 0;
  guint n_int_digits = 0;
  guint group_len = 0;
  gboolean seen_comma = FALSE;
  guint n_dec = 0;
  guint64 total;

  g_return_val_if_fail (out_fen != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, SD_MONEY_ERROR, SD_MONEY_ERROR_INVALID,
                           _("The amount is not valid text"));
      return FALSE;
    }

  folded = sd_text_nfkc (text);
  p = skip_spaces (folded);

  if (*p == '\0')
    {
      g_set_error_literal (error, SD_MONEY_ERROR, SD_MONEY_ERROR_EMPTY,
                           _("No amount was entered"));
      return FALSE;
    }

  if (*p == '-' || *p == '+')
    {
      negative = (*p == '-');
      p = skip_spaces (p + 1);
    }
  if (has_prefix_skip (&p, "¥") || has_prefix_skip (&p, "RMB") || has_prefix_skip (&p, "CNY"))
    p = skip_spaces (p);
  if (!negative && *p == '-')
    {
      negative = TRUE;
      p = skip_spaces (p + 1);
    }

  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          guint64 digit = (guint64) (*p - '0');

          if (yuan > ((guint64) G_MAXINT64 / 100 - digit) / 10)
            goto overflow;
          yuan = yuan * 10 + digit;
          n_int_digits++;
          group_len++;
        }
      else if (*p == ',')
        {
          /* The first group has 1–3 digits, every later group exactly 3. */
          if (n_int_digits == 0 || (seen_comma ? group_len != 3 : group_len > 3))
            goto invalid;
          seen_comma = TRUE;
          group_len = 0;
        }
      else
        break;
    }

  if (seen_comma && group_len != 3)
    goto invalid;

  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        {
          n_dec++;
          if (n_dec > 2)
            {
              g_set_error (error, SD_MONEY_ERROR, SD_MONEY_ERROR_TOO_PRECISE,
                           _("“%s” has more than two decimals; amounts are in fen (0.01)"),
                           text);
              return FALSE;
            }
          fen = fen * 10 + (guint64) (*p - '0');
        }
      if (n_dec == 0 && n_int_digits == 0)
        goto invalid;
      if (n_dec == 1)
        fen *= 10;
    }
  else if (n_int_digits == 0)
    goto invalid;

  p = skip_spaces (p);
  if (has_prefix_skip (&p, "元"))
    p = skip_spaces (p);
  if (*p != '\0')
    goto invalid;

  total = yuan * 100 + fen;
  if (total > (guint64) G_MAXINT64)
    goto overflow;

  *out_fen = negative ? -(gint64) total : (gint64) total;
  return TRUE;

invalid:
  g_set_error (error, SD_MONEY_ERROR, SD_MONEY_ERROR_INVALID,
               _("“%s” is not an amount of money"), text);
  return FALSE;

overflow:
  g_set_error (error, SD_MONEY_ERROR, SD_MONEY_ERROR_OVERFLOW,
               _("“%s” is too large an amount"), text);
  return FALSE;
}

static char *
format_internal (gint64 fen, gboolean symbol)
{
  GString *out = g_string_new (NULL);
  guint64 magnitude;
  char digits[32];
  gsize n;

  /* Negate in unsigned arithmetic so G_MININT64 does not overflow. */
  magnitude = fen < 0 ? (guint64) 0 - (guint64) fen : (guint64) fen;

  if (fen < 0)
    g_string_append_c (out, '-');
  if (symbol)
    g_string_append (out, "¥");

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude / 100);
  n = strlen (digits);
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, ".%02u", (guint) (magnitude % 100));

  return g_string_free (out, FALSE);
}

/* "¥1,234.50", "-¥3.20" */
char *
sd_money_format (gint64 fen)
{
  return format_internal (fen, TRUE);
}

/* "1,234.50" for table cells whose column header already says ¥. */
char *
sd_money_format_plain (gint64 fen)
{
  return format_internal (fen, FALSE);
}
