/* SPDX-License-Identifier: GPL-3.0-or-later */
/* songda-cli demo: write the demo shop. */
#define G_LOG_DOMAIN "songda-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-cli.h"
#include "sd-customer-store.h"
#include "sd-demo.h"

int
sd_cli_demo (int    argc,
             char **argv)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shop = NULL;
  gint64 seed = 1;
  int customers = SD_DEMO_DEFAULT_CUSTOMERS;
  gint64 reference = 0;
  SdDemoOptions options;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("The shop database (created if missing)"), N_("PATH") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the generator: the same seed writes the same shop"), N_("N") },
    { "customers", 'n', 0, G_OPTION_ARG_INT, &customers,
      N_("How many customers (300 by default; 50000 for benchmarks)"), N_("N") },
    { "reference-time", 0, 0, G_OPTION_ARG_INT64, &reference,
      N_("Unix time to use as “now” (default: the current time)"), N_("SECONDS") },
    { NULL }
  };

  if (!sd_cli_parse_options (NULL,
                              _("Write a believable demo shop (a water and milk "
                                "delivery station in Hangzhou) into an empty database."),
                              entries, &argc, &argv))
    return SD_CLI_USAGE;

  if (customers < 0 || customers > 1000000)
    {
      g_printerr (_("songda-cli: --customers must be between 0 and 1000000, not %d\n"), customers);
      return SD_CLI_USAGE;
    }
  if (seed < 0 || reference < 0)
    {
      g_printerr (_("songda-cli: --seed and --reference-time cannot be negative\n"));
      return SD_CLI_USAGE;
    }

  path = sd_cli_database_path (database);
  store = sd_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return SD_CLI_FAILED;
    }

  sd_demo_options_init (&options);
  options.seed = (guint64) seed;
  options.n_customers = (guint) customers;
  options.reference_time = reference;
  if (!sd_demo_generate (store, &options, &error))
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return SD_CLI_FAILED;
    }

  shop = sd_store_get_setting (store, "shop.name", "");
  g_print (_("Wrote the demo shop “%s” with %u customers to %s\n"), shop,
           sd_store_count_customers (store, TRUE), path);
  return SD_CLI_OK;
}
