/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include "sd-app-init.h"
#include "sd-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SdApplication) app = NULL;

  sd_app_init ();
  app = sd_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
