/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include "sd-app-init.h"
#include "sd-i18n.h"

void
sd_app_init (void)
{
  sd_i18n_init ();

  /* Han characters are shared by Chinese and Japanese; without a language Pango's
   * fallback may pick Japanese glyph shapes. Customer names and addresses are Simplified
   * Chinese whatever the interface language, so prefer zh-cn for Han text. */
  if (g_getenv ("PANGO_LANGUAGE") == NULL)
    {
      const char *language = g_getenv ("LANGUAGE");
      g_autofree char *value = g_strconcat ("zh-cn", language && *language ? ":" : "",
                                            language ? language : "", NULL);
      g_setenv ("PANGO_LANGUAGE", value, TRUE);
    }
}
