/* SPDX-License-Identifier: GPL-3.0-or-later */
/* songda-cli import / export: customers from and to CSV or .xlsx. */
#define G_LOG_DOMAIN "songda-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-cli.h"
#include "sd-customer-store.h"
#include "sd-import.h"

/* Exit statuses of import, as documented in --help. */
enum {
  IMPORT_ALL_IN = 0,
  IMPORT_NOTHING = 2,
  IMPORT_SOME_REJECTED = 3,
};

static SdStore *
open_store (const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sd_cli_database_path (database);
  SdStore *store = sd_store_open (path, &error);

  if (store == NULL)
    g_printerr ("songda-cli: %s\n", error->message);
  return store;
}

int
sd_cli_import (int    argc,
               char **argv)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdTable) table = NULL;
  g_autoptr(SdImport) import = NULL;
  g_autoptr(SdImportReport) report = NULL;
  g_autofree char *database = NULL;
  g_autofree char *duplicates = NULL;
  g_autofree char *rejects = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The shop database"), N_("PATH") },
    { "duplicates", 0, 0, G_OPTION_ARG_STRING, &duplicates,
      N_("What to do with a customer already in the shop (same phone): skip (default), update or create"),
      "skip|update|create" },
    { "rejects", 0, 0, G_OPTION_ARG_FILENAME, &rejects,
      N_("Write the skipped and rejected rows, with the reason, to this CSV or .xlsx file"), N_("FILE") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check every row and report, but write nothing"), NULL },
    { NULL }
  };

  if (!sd_cli_parse_options (_("FILE"),
                              _("Import customers from a CSV file (UTF-8, UTF-8 with BOM, GB18030) or an Excel .xlsx file. "
                                "Columns are recognised by their headers (姓名, 电话, 地址 …). The import is one "
                                "transaction.\n\nPrints “imported N, updated N, skipped N, rejected N”. Exit status: 0 when "
                                "no row was rejected, 3 when some were (the good rows are in), 2 when nothing could be "
                                "imported."),
                              entries, &argc, &argv))
    return SD_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr (_("songda-cli: import needs one FILE\n"));
      return SD_CLI_USAGE;
    }

  store = open_store (database);
  if (store == NULL)
    return IMPORT_NOTHING;

  table = sd_table_read_file (argv[1], &error);
  if (table == NULL || (import = sd_import_new (store, table, &error)) == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return IMPORT_NOTHING;
    }
  if (duplicates == NULL || g_str_equal (duplicates, "skip"))
    sd_import_set_duplicates (import, SD_IMPORT_DUPLICATES_SKIP);
  else if (g_str_equal (duplicates, "update"))
    sd_import_set_duplicates (import, SD_IMPORT_DUPLICATES_UPDATE);
  else if (g_str_equal (duplicates, "create"))
    sd_import_set_duplicates (import, SD_IMPORT_DUPLICATES_CREATE);
  else
    {
      g_printerr (_("songda-cli: --duplicates must be skip, update or create, not “%s”\n"), duplicates);
      return SD_CLI_USAGE;
    }

  report = sd_import_run (import, dry_run, &error);
  if (report == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return IMPORT_NOTHING;
    }

  for (guint i = 0; i < report->rows->len; i++)
    {
      SdImportRowResult *row = g_ptr_array_index (report->rows, i);
      if (row->status == SD_IMPORT_ROW_REJECTED)
        g_printerr (_("line %u: rejected: %s\n"), row->line, row->reason);
      else if (row->status == SD_IMPORT_ROW_SKIPPED)
        g_printerr (_("line %u: skipped: %s\n"), row->line, row->reason);
    }
  if (rejects != NULL && !sd_import_write_rejects (import, report, rejects, &error))
    g_printerr ("songda-cli: %s\n", error->message);

  /* the summary line is for scripts: keep it untranslated */
  g_print ("imported %u, updated %u, skipped %u, rejected %u\n",
           report->imported, report->updated, report->skipped, report->rejected);

  if (report->rejected == 0)
    return IMPORT_ALL_IN;
  if (report->imported + report->updated == 0)
    return IMPORT_NOTHING;
  return IMPORT_SOME_REJECTED;
}

int
sd_cli_export (int    argc,
               char **argv)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *database = NULL;
  g_autofree char *query = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The shop database"), N_("PATH") },
    { "search", 's', 0, G_OPTION_ARG_STRING, &query, N_("Only the customers this search finds"),
      N_("QUERY") },
    { NULL }
  };

  if (!sd_cli_parse_options (_("OUT.xlsx|OUT.csv"),
                              _("Export the customers with every field, owner-defined ones included, to .xlsx or to CSV "
                                "(UTF-8 with BOM, which Excel opens correctly). The file imports back unchanged."),
                              entries, &argc, &argv))
    return SD_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr (_("songda-cli: export needs one output file\n"));
      return SD_CLI_USAGE;
    }

  store = open_store (database);
  if (store == NULL)
    return SD_CLI_FAILED;
  ids = sd_store_search_customers (store, query ? query : "", FALSE, &error);
  if (ids == NULL ||
      !sd_store_export_customers (store, (const gint64 *) (gpointer) ids->data, ids->len, argv[1], &error))
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return SD_CLI_FAILED;
    }
  g_print (_("Exported %u customers to %s\n"), ids->len, argv[1]);
  return SD_CLI_OK;
}
