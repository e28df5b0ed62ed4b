/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Ticket expiry as the app runs it each time the shop opens. Not run by `meson test`:
 *
 *   ninja -C build tests/bench/bench-expiry
 *   build/tests/bench/bench-expiry --database PATH [--runs 5]
 *
 * On a copy of PATH (the shop itself is not changed): the first pass writes whatever has
 * run out by now; every later pass finds nothing more — the cost paid at each start-up.
 * Prints the tickets expired and the time of each pass. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "sd-backup.h"
#include "sd-pricing.h"

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *database = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(SdStore) store = NULL;
  int runs = 5;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "A shop database (copied first)", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Passes after the first", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || database == NULL)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--database is required");
      return 2;
    }
  dir = g_dir_make_tmp ("songda-bench-expiry-XXXXXX", &error);
  copy = g_build_filename (dir, "shop.db", NULL);
  {
    g_autoptr(SdStore) source = sd_store_open (database, &error);
    if (source == NULL || !sd_store_backup (source, copy, &error))
      {
        fprintf (stderr, "%s\n", error->message);
        return 1;
      }
  }
  store = sd_store_open (copy, &error);
  g_assert_no_error (error);

  for (int i = 0; i <= runs; i++)
    {
      gint64 expired = 0;
      gint64 start = g_get_monotonic_time ();

      if (!sd_store_expire_tickets (store, "", &expired, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("pass %d: %" G_GINT64_FORMAT " tickets expired in %.1f ms\n", i, expired,
              (g_get_monotonic_time () - start) / 1000.0);
    }

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
    g_autofree char *shm = g_strconcat (copy, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (copy);
    g_rmdir (dir);
  }
  return 0;
}
