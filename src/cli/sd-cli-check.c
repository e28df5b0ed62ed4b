/* SPDX-License-Identifier: GPL-3.0-or-later */
/* songda-cli check: the integrity check of a shop database, one problem a line.
 * Exit status: 0 clean, 1 problems found, 2 the database cannot be opened or read. */
#define G_LOG_DOMAIN "songda-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-check.h"
#include "sd-cli.h"

enum { CHECK_CANNOT_OPEN = 2 };

int
sd_cli_check (int    argc,
              char **argv)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("The shop database"), N_("PATH") },
    { NULL }
  };

  if (!sd_cli_parse_options (NULL,
                              _("Recompute every invariant of orders, payments and "
                                "balances and print each problem. Exit status: 0 "
                                "when clean, 1 when problems were found, 2 when the "
                                "database cannot be opened."),
                              entries, &argc, &argv))
    return SD_CLI_USAGE;
  if (argc > 1)
    {
      g_printerr (_("songda-cli: check takes no arguments besides its options\n"));
      return SD_CLI_USAGE;
    }

  path = sd_cli_database_path (database);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("songda-cli: there is no database at %s\n"), path);
      return CHECK_CANNOT_OPEN;
    }
  store = sd_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return CHECK_CANNOT_OPEN;
    }
  if (!sd_store_check (store, &problems, &error))
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return CHECK_CANNOT_OPEN;
    }

  for (guint i = 0; i < problems->len; i++)
    {
      SdProblem *problem = g_ptr_array_index (problems, i);
      g_print ("%s\t%s\n", problem->code, problem->message);
    }
  if (problems->len == 0)
    {
      g_print ("%s\n", _("no problems found"));
      return SD_CLI_OK;
    }
  g_print (ngettext ("%u problem\n", "%u problems\n", problems->len), problems->len);
  return SD_CLI_FAILED;
}
