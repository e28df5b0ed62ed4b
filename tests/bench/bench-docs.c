/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Documents at benchmark size. Not run by `meson test`:
 *
 *   ninja -C build tests/bench/bench-docs
 *   build/tests/bench/bench-docs [--customers 1200] [--runs 50] [--month 2026-04]
 *
 * Makes a demo shop with --customers customers (six months of orders up to 2026-05-28),
 * then prints: the time of one 58 mm receipt PDF (the first, which loads the fonts, and the
 * median and worst of --runs more), of the month's statements of every active customer
 * into one PDF, and of one PDF per customer into a directory — with the number of
 * statements, pages and bytes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "sd-demo.h"
#include "sd-doc-data.h"
#include "sd-docs.h"
#include "sd-order-list.h"
#include "../core/test-util.h"

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
count_pages (GBytes *pdf)
{
  /* "/Type /Page" objects, "/Type /Pages" excluded */
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  int n = 0;

  for (gsize i = 0; i + 11 < size; i++)
    if (memcmp (data + i, "/Type /Page", 11) == 0 && data[i + 11] != 's')
      n++;
  return n;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *per = g_build_filename (dir, "statements", NULL);
  g_autofree char *month = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GArray) customers = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GFile) per_dir = NULL;
  g_autofree double *times = NULL;
  int n_customers = 1200, runs = 50, written;
  gint64 order_id;
  SdDemoOptions options;
  double t0, first;
  GOptionEntry entries[] = {
    { "customers", 0, 0, G_OPTION_ARG_INT, &n_customers, "Customers in the demo shop", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Receipts to time", "N" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, "Month of the statements", "YYYY-MM" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (month == NULL)
    month = g_strdup ("2026-04");
  runs = MAX (runs, 1);

  store = sd_store_open (path, &error);
  g_assert_no_error (error);
  sd_demo_options_init (&options);
  options.seed = 42;
  options.n_customers = (guint) n_customers;
  options.reference_time = 1780000000;   /* 2026-05-28 */
  t0 = now_ms ();
  g_assert_true (sd_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  printf ("demo shop: %d customers in %.0f ms\n", n_customers, now_ms () - t0);

  /* the newest delivered order */
  {
    g_autoptr(GArray) ids = NULL;
    customers = sd_store_list_statement_customers (store, month, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (customers->len, >, 0);
    ids = sd_store_list_customer_orders (store, g_array_index (customers, gint64, 0), 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    order_id = g_array_index (ids, gint64, 0);
  }

  t0 = now_ms ();
  pdf = sd_doc_render_order (store, SD_DOC_RECEIPT_58, order_id, &error);
  g_assert_no_error (error);
  first = now_ms () - t0;
  g_clear_pointer (&pdf, g_bytes_unref);
  times = g_new (double, runs);
  for (int i = 0; i < runs; i++)
    {
      t0 = now_ms ();
      pdf = sd_doc_render_order (store, SD_DOC_RECEIPT_58, order_id, &error);
      times[i] = now_ms () - t0;
      g_assert_no_error (error);
      if (i < runs - 1)
        g_clear_pointer (&pdf, g_bytes_unref);
    }
  qsort (times, runs, sizeof (double), compare_double);
  printf ("receipt 58 mm (order %" G_GINT64_FORMAT ", %zu bytes): first %.1f ms, median %.1f ms, "
          "worst %.1f ms over %d\n", order_id, g_bytes_get_size (pdf), first, times[runs / 2],
          times[runs - 1], runs);
  g_clear_pointer (&pdf, g_bytes_unref);

  t0 = now_ms ();
  pdf = sd_doc_render_statements (store, month, 0, &error);
  g_assert_no_error (error);
  {
    double ms = now_ms () - t0;
    printf ("statements %s, one PDF: %u statements, %d pages, %.1f MB in %.2f s "
            "(%.2f s per 1,000)\n", month, customers->len, count_pages (pdf),
            g_bytes_get_size (pdf) / 1e6, ms / 1000, ms / customers->len);
  }

  per_dir = g_file_new_for_path (per);
  t0 = now_ms ();
  written = sd_doc_write_statements (store, month, per_dir, &error);
  g_assert_no_error (error);
  {
    double ms = now_ms () - t0;
    printf ("statements %s, one PDF per customer: %d files in %.2f s (%.2f s per 1,000)\n",
            month, written, ms / 1000, ms / MAX (written, 1));
  }

  g_clear_object (&store);
  test_rm_rf (dir);
  return 0;
}
