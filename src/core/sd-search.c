/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How customer search reads text: folding, digit queries, pinyin. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include "sd-pinyin.h"
#include "sd-search.h"

#define SD_PHONE_QUERY_MIN_DIGITS 4

char *
sd_text_nfkc (const char *text)
{
  const char *p;

  if (text == NULL)
    return g_strdup ("");
  for (p = text; *p && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_strdup (text);
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  return g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
}

char *
sd_search_fold (const char *text)
{
  g_autofree char *normal = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  normal = sd_text_nfkc (text);
  return g_utf8_casefold (normal, -1);
}

SdSearchQuery *
sd_search_query_parse (const char *query)
{
  SdSearchQuery *q = g_new0 (SdSearchQuery, 1);
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(GString) letters = g_string_new (NULL);
  gboolean only_digits = TRUE;
  gboolean only_letters = TRUE;

  q->text = g_strstrip (sd_search_fold (query));

  for (const char *p = q->text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          only_letters = FALSE;
        }
      else if (g_ascii_isalpha (*p))
        {
          g_string_append_c (letters, g_ascii_tolower (*p));
          only_digits = FALSE;
        }
      else if (*p == ' ' || *p == '-')
        continue;
      else
        only_digits = only_letters = FALSE;
    }

  if (only_digits && digits->len >= SD_PHONE_QUERY_MIN_DIGITS)
    q->digits = g_strdup (digits->str);
  if (only_letters && letters->len > 0)
    q->pinyin = g_strdup (letters->str);
  return q;
}

void
sd_search_query_free (SdSearchQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->text);
  g_free (query->digits);
  g_free (query->pinyin);
  g_free (query);
}

char *
sd_search_sort_key (const char *name)
{
  g_autofree char *folded = sd_search_fold (name);
  g_autofree char *full = sd_pinyin_full (folded, TRUE);

  /* pinyin first, then the name itself to keep different characters apart */
  return g_strconcat (full, "\x01", folded, NULL);
}

char *
sd_search_pinyin_index (const char *name)
{
  return sd_pinyin_index (name, TRUE);
}
