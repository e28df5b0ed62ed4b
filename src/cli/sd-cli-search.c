/* SPDX-License-Identifier: GPL-3.0-or-later */
/* songda-cli search: ranked customer matches, one a line: id TAB name TAB primary phone. */
#define G_LOG_DOMAIN "songda-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-cli.h"
#include "sd-customer-store.h"

int
sd_cli_search (int    argc,
               char **argv)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  int limit = 20;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("The shop database"), N_("PATH") },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit,
      N_("Print at most N matches (20 by default, 0 for all)"), N_("N") },
    { NULL }
  };

  if (!sd_cli_parse_options (_("QUERY"),
                              _("Find customers by any part of the name, 4 or more "
                                "digits of a phone, part of an address, or pinyin."),
                              entries, &argc, &argv))
    return SD_CLI_USAGE;

  if (argc < 2)
    {
      g_printerr (_("songda-cli: search needs a QUERY\n"));
      return SD_CLI_USAGE;
    }
  if (limit < 0)
    {
      g_printerr (_("songda-cli: --limit cannot be negative\n"));
      return SD_CLI_USAGE;
    }
  query = g_strjoinv (" ", argv + 1);

  path = sd_cli_database_path (database);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("songda-cli: there is no database at %s\n"), path);
      return SD_CLI_FAILED;
    }
  store = sd_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return SD_CLI_FAILED;
    }

  ids = sd_store_search_customers (store, query, FALSE, &error);
  if (ids == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return SD_CLI_FAILED;
    }

  for (guint i = 0; i < ids->len && (limit == 0 || i < (guint) limit); i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SdCustomerSummary) row = sd_store_load_customer_summary (store, id, &error);

      if (row == NULL)
        {
          g_printerr ("songda-cli: %s\n", error->message);
          return SD_CLI_FAILED;
        }
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\n", id, sd_customer_summary_get_name (row),
               sd_customer_summary_get_phone (row));
    }
  return SD_CLI_OK;
}
