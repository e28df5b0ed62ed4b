/* SPDX-License-Identifier: GPL-3.0-or-later */
/* songda-cli: the core from the command line, for scripts, automation and benchmarks. */
#define G_LOG_DOMAIN "songda-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "sd-cli.h"
#include "sd-i18n.h"
#include "sd-store.h"
#include "sd-cli-route.h"

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "demo", sd_cli_demo, N_("Write the demo shop into an empty database") },
  { "search", sd_cli_search, N_("Find customers by name, phone digits, address or pinyin") },
  { "import", sd_cli_import, N_("Import customers from a CSV or Excel file") },
  { "export", sd_cli_export, N_("Export customers to an Excel or CSV file") },
  { "check", sd_cli_check, N_("Check the integrity of orders, payments and balances") },
  { "backup", sd_cli_backup, N_("Write a consistent copy of the shop database") },
  { "restore", sd_cli_restore, N_("Replace the shop database by a checked backup") },
  { "document", sd_cli_document, N_("Write a receipt, delivery slip, payment receipt or statements as PDF") },
  { "escpos", sd_cli_escpos, N_("Print a receipt on an ESC/POS thermal printer") },
  { "plan", sd_cli_plan, N_("Plan a day’s deliveries over the couriers and save the routes") },
  { "route", sd_cli_route, N_("Solve a routing benchmark instance (CVRPLIB or Solomon)") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  songda-cli %s\n\n%s\n", _("Usage:"), _("COMMAND [OPTION…]"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “songda-cli COMMAND --help” for the options of a command."));
}

gboolean
sd_cli_parse_options (const char          *parameter,
                      const char          *summary,
                      const GOptionEntry  *entries,
                      int                 *argc,
                      char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

char *
sd_cli_database_path (const char *option_value)
{
  if (option_value != NULL && *option_value != '\0')
    return g_strdup (option_value);
  return sd_store_default_path ();
}

int
main (int    argc,
      char **argv)
{
  sd_i18n_init ();

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? SD_CLI_USAGE : SD_CLI_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("songda-cli %s\n", PACKAGE_VERSION);
      return SD_CLI_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("songda-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return SD_CLI_USAGE;
}
