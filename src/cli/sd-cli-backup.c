/* SPDX-License-Identifier: GPL-3.0-or-later */
/* songda-cli backup / restore: a consistent copy of a shop, and putting one back after the
 * integrity check. Exit status: 0 done, 1 restore refused because the check found problems
 * (give --force to restore anyway), 2 the database or backup cannot be used. */
#define G_LOG_DOMAIN "songda-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-backup.h"
#include "sd-check.h"
#include "sd-cli.h"

enum { CANNOT = 2 };

int
sd_cli_backup (int    argc,
               char **argv)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *output = NULL;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The shop database"), N_("PATH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The backup file to write (must not exist)"), N_("FILE") },
    { NULL }
  };

  if (!sd_cli_parse_options (NULL,
                              _("Write a consistent copy of the shop database, even "
                                "while the shop is open in Songda."),
                              entries, &argc, &argv))
    return SD_CLI_USAGE;
  if (output == NULL || argc > 1)
    {
      g_printerr (_("songda-cli: backup needs --output FILE and no other arguments\n"));
      return SD_CLI_USAGE;
    }
  path = sd_cli_database_path (database);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("songda-cli: there is no database at %s\n"), path);
      return CANNOT;
    }
  store = sd_store_open (path, &error);
  if (store == NULL || !sd_store_backup (store, output, &error))
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return CANNOT;
    }
  g_print (_("backed up %s to %s\n"), path, output);
  return SD_CLI_OK;
}

int
sd_cli_restore (int    argc,
                char **argv)
{
  g_autoptr(SdRestore) restore = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *from = NULL;
  g_autofree char *path = NULL;
  g_autofree char *safety = NULL;
  gboolean force = FALSE;
  GPtrArray *problems;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The shop database to replace"), N_("PATH") },
    { "from", 'f', 0, G_OPTION_ARG_FILENAME, &from, N_("The backup to restore"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Restore even when the check finds problems"), NULL },
    { NULL }
  };

  if (!sd_cli_parse_options (NULL,
                              _("Replace the shop database by a backup after checking "
                                "it; the replaced database is kept beside it as "
                                "<database>.before-restore.bak. Close Songda first."),
                              entries, &argc, &argv))
    return SD_CLI_USAGE;
  if (from == NULL || argc > 1)
    {
      g_printerr (_("songda-cli: restore needs --from FILE and no other arguments\n"));
      return SD_CLI_USAGE;
    }
  path = sd_cli_database_path (database);
  restore = sd_restore_prepare (path, from, &error);
  if (restore == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return CANNOT;
    }

  problems = sd_restore_get_problems (restore);
  g_print (_("the backup holds %d customers and %d orders\n"),
           (int) sd_restore_get_n_customers (restore), (int) sd_restore_get_n_orders (restore));
  for (guint i = 0; i < problems->len; i++)
    {
      SdProblem *problem = g_ptr_array_index (problems, i);
      g_print ("%s\t%s\n", problem->code, problem->message);
    }
  if (problems->len > 0 && !force)
    {
      g_printerr (ngettext ("songda-cli: the check found %u problem in the backup; nothing was "
                            "restored (use --force to restore it anyway)\n",
                            "songda-cli: the check found %u problems in the backup; nothing was "
                            "restored (use --force to restore it anyway)\n", problems->len),
                  problems->len);
      return SD_CLI_FAILED;
    }
  if (!sd_restore_commit (restore, &safety, &error))
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return CANNOT;
    }
  if (safety != NULL)
    g_print (_("restored %s from %s; the replaced database was kept as %s\n"), path, from, safety);
  else
    g_print (_("restored %s from %s\n"), path, from);
  return SD_CLI_OK;
}
