/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "sd-i18n.h"

static char *localedir;

const char *
sd_i18n_localedir (void)
{
  return localedir;
}

void
sd_i18n_init (void)
{
  const char *override = g_getenv ("SONGDA_LOCALEDIR");

  setlocale (LC_ALL, "");

  g_free (localedir);
  if (override != NULL && *override != '\0')
    localedir = g_strdup (override);
  else
    {
#ifdef G_OS_WIN32
      /* Relocatable: <prefix>\bin\songda.exe finds <prefix>\share\locale. */
      g_autofree char *prefix = g_win32_get_package_installation_directory_of_module (NULL);
      localedir = g_build_filename (prefix, "share", "locale", NULL);
#else
      localedir = g_strdup (LOCALEDIR);
#endif
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
