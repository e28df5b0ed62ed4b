/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import of a large customer sheet. Not run by `meson test`:
 *
 *   ninja -C build tests/bench/bench-import
 *   build/tests/bench/bench-import [--rows 100000] [--xlsx]
 *
 * Writes a sheet of N customers as Chinese Excel would (GB18030 CSV, or .xlsx), then
 * times reading it, checking every row (the preview's dry run) and importing it into an
 * empty shop; prints the figures and the per-row status counts. */
#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>

#include "sd-import.h"
#include "sd-random.h"

static const char *surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙" };
static const char *given[] = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰" };
static const char *roads[] = { "文三路", "教工路", "古墩路", "莫干山路", "江南大道", "市心路" };

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SdTable) sheet = sd_table_new ();
  g_autoptr(SdTable) read = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(SdImport) import = NULL;
  g_autoptr(SdImportReport) check = NULL;
  g_autoptr(SdImportReport) report = NULL;
  g_autofree char *dir = g_dir_make_tmp ("songda-bench-XXXXXX", NULL);
  g_autofree char *file = NULL;
  g_autofree char *db = g_build_filename (dir, "shop.db", NULL);
  const char *header[] = { "姓名", "手机", "送货地址", "备注", "标签" };
  int rows = 100000;
  gboolean xlsx = FALSE;
  SdRandom rng;
  gint64 t;
  GOptionEntry entries[] = {
    { "rows", 'n', 0, G_OPTION_ARG_INT, &rows, "Rows in the sheet", "N" },
    { "xlsx", 0, 0, G_OPTION_ARG_NONE, &xlsx, "Use an .xlsx sheet instead of GB18030 CSV", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  sd_random_init (&rng, 42);
  sd_table_append_row (sheet, header, G_N_ELEMENTS (header));
  for (int i = 0; i < rows; i++)
    {
      g_autofree char *name = g_strconcat (surnames[sd_random_below (&rng, G_N_ELEMENTS (surnames))],
                                           given[sd_random_below (&rng, G_N_ELEMENTS (given))],
                                           given[sd_random_below (&rng, G_N_ELEMENTS (given))], NULL);
      g_autofree char *phone = g_strdup_printf ("13%09d", i);
      g_autofree char *address = g_strdup_printf ("杭州市西湖区%s%d号 %d幢%d室",
                                                  roads[sd_random_below (&rng, G_N_ELEMENTS (roads))],
                                                  sd_random_range (&rng, 1, 500), sd_random_range (&rng, 1, 30),
                                                  sd_random_range (&rng, 101, 2404));
      const char *cells[] = { name, phone, address, i % 7 == 0 ? "老客户" : "", i % 11 == 0 ? "VIP" : "" };
      sd_table_append_row (sheet, cells, G_N_ELEMENTS (cells));
    }

  if (xlsx)
    {
      file = g_build_filename (dir, "customers.xlsx", NULL);
      if (!sd_table_write_xlsx (sheet, file, &error))
        goto fail;
    }
  else
    {
      g_autofree char *utf8 = g_build_filename (dir, "utf8.csv", NULL);
      g_autofree char *data = NULL;
      g_autofree char *gb = NULL;
      gsize len = 0, gb_len = 0;

      file = g_build_filename (dir, "customers.csv", NULL);
      if (!sd_table_write_csv (sheet, utf8, &error) ||
          !g_file_get_contents (utf8, &data, &len, &error))
        goto fail;
      /* drop the BOM: Chinese Excel's CSV is plain GB18030 */
      gb = g_convert (data + 3, (gssize) len - 3, "GB18030", "UTF-8", NULL, &gb_len, &error);
      if (gb == NULL || !g_file_set_contents (file, gb, (gssize) gb_len, &error))
        goto fail;
      g_unlink (utf8);
    }

  store = sd_store_open (db, &error);
  if (store == NULL)
    goto fail;

  t = g_get_monotonic_time ();
  read = sd_table_read_file (file, &error);
  if (read == NULL)
    goto fail;
  printf ("read %d rows (%s): %.2f s\n", rows, sd_table_get_encoding (read), seconds_since (t));

  import = sd_import_new (store, read, &error);
  if (import == NULL)
    goto fail;
  t = g_get_monotonic_time ();
  check = sd_import_run (import, TRUE, &error);
  if (check == NULL)
    goto fail;
  printf ("check every row (dry run): %.2f s\n", seconds_since (t));

  t = g_get_monotonic_time ();
  report = sd_import_run (import, FALSE, &error);
  if (report == NULL)
    goto fail;
  printf ("import: %.2f s — imported %u, updated %u, skipped %u, rejected %u\n",
          seconds_since (t), report->imported, report->updated, report->skipped, report->rejected);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (file);
    g_rmdir (dir);
  }
  return 0;

fail:
  g_printerr ("%s\n", error ? error->message : "failed");
  return 1;
}
