/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search-as-you-type at benchmark size. Not run by `meson test`:
 *
 *   ninja -C build tests/bench/bench-search
 *   build/tests/bench/bench-search [--customers 50000] [--database PATH] [--runs 20]
 *
 * Generates the demo shop at the given size (or reuses PATH if it already has customers),
 * then types queries one keystroke at a time, as the search entry does, and prints per
 * keystroke the time to run the search and load the first screen of rows (what the list
 * shows), as median and worst over the runs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "sd-customer-list.h"
#include "sd-demo.h"

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* One keystroke: the list re-runs its query and the view asks for the first 20 rows. */
static double
keystroke (SdCustomerList *list, const char *text, guint *n_out)
{
  gint64 start = g_get_monotonic_time ();
  guint n;

  sd_customer_list_set_query (list, text, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < MIN (n, 20); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  *n_out = n;
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(SdCustomerList) list = NULL;
  g_autofree char *database = NULL;
  g_autofree char *tmp = NULL;
  int customers = 50000;
  int runs = 15;
  GOptionEntry entries[] = {
    { "customers", 'n', 0, G_OPTION_ARG_INT, &customers, "Customers to generate", "N" },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, "Reuse or create this database", "PATH" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Repetitions per keystroke", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  /* queries as typed: phone digits, a surname, pinyin, initials, an address */
  const char *queries[] = { "1380013", "王小", "wangxiao", "wxm", "文三路", "阳光花园3幢" };
  gint64 t0;
  double open_ms;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (database == NULL)
    {
      tmp = g_dir_make_tmp ("songda-bench-XXXXXX", NULL);
      database = g_build_filename (tmp, "shop.db", NULL);
    }

  store = sd_store_open (database, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (sd_store_count_customers (store, TRUE) == 0)
    {
      SdDemoOptions options;

      sd_demo_options_init (&options);
      options.n_customers = (guint) customers;
      options.reference_time = 1780000000;
      t0 = g_get_monotonic_time ();
      if (!sd_demo_generate (store, &options, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("generated %d customers in %.2f s\n", customers,
              (g_get_monotonic_time () - t0) / 1e6);
    }
  g_clear_object (&store);

  /* What opening the app costs on this database: open, list everyone, show 20 rows. */
  t0 = g_get_monotonic_time ();
  store = sd_store_open (database, &error);
  list = sd_customer_list_new (store);
  for (guint i = 0; i < 20; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  open_ms = (g_get_monotonic_time () - t0) / 1000.0;
  printf ("database: %s (%u customers)\n", database, sd_store_count_customers (store, TRUE));
  printf ("open + full list + first screen: %.1f ms\n", open_ms);
  {
    guint n;
    printf ("first keystroke (loads the search index): %.1f ms\n\n", keystroke (list, "7", &n));
  }

  printf ("%-24s %8s %10s %10s\n", "keystroke", "matches", "median ms", "worst ms");
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      const char *query = queries[q];

      for (const char *end = g_utf8_next_char (query); ; end = g_utf8_next_char (end))
        {
          g_autofree char *prefix = g_strndup (query, end - query);
          g_autofree double *times = g_new (double, runs);
          guint n = 0;

          for (int r = 0; r < runs; r++)
            {
              sd_customer_list_set_query (list, "", NULL);
              times[r] = keystroke (list, prefix, &n);
            }
          qsort (times, runs, sizeof (double), compare_double);
          printf ("%-24s %8u %10.2f %10.2f\n", prefix, n, times[runs / 2], times[runs - 1]);
          if (*end == '\0')
            break;
        }
    }

  g_clear_object (&list);
  g_clear_object (&store);
  if (tmp != NULL)
    {
      g_autofree char *wal = g_strconcat (database, "-wal", NULL);
      g_autofree char *shm = g_strconcat (database, "-shm", NULL);
      remove (database);
      remove (wal);
      remove (shm);
      g_rmdir (tmp);
    }
  return 0;
}
