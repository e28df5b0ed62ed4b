/* SPDX-License-Identifier: GPL-3.0-or-later */
/* songda-cli escpos: an order's receipt (or the printer's test page) as ESC/POS, sent to a
 * thermal printer ("host[:port]" or a device path) or written to a file. Exit status:
 * 0 sent or written, 1 failed, 2 the database cannot be opened, 64 bad usage. */
#define G_LOG_DOMAIN "songda-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-cli.h"
#include "sd-doc-data.h"
#include "sd-escpos-receipt.h"

enum { ESCPOS_CANNOT_OPEN = 2 };

typedef struct {
  GMainLoop *loop;
  GError    *error;
} Sending;

static void
on_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  Sending *sending = data;

  sd_escpos_send_finish (result, &sending->error);
  g_main_loop_quit (sending->loop);
}

int
sd_cli_escpos (int    argc,
               char **argv)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  gint64 order_id = 0;
  int width = 58;
  gboolean test_page = FALSE;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The shop database"), N_("PATH") },
    { "order", 0, 0, G_OPTION_ARG_INT64, &order_id, N_("The order whose receipt to print"), N_("ID") },
    { "test-page", 0, 0, G_OPTION_ARG_NONE, &test_page, N_("Print the printer's test page instead"), NULL },
    { "width", 'w', 0, G_OPTION_ARG_INT, &width, N_("Paper width: 58 (32 columns) or 80 (48 columns)"), N_("MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("The printer: host[:port] (port 9100 by default) or a device such as /dev/usb/lp0"), N_("ADDRESS") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the bytes to this file instead"), N_("FILE") },
    { NULL }
  };

  if (!sd_cli_parse_options (NULL,
                              _("Print an order's receipt on an ESC/POS thermal printer, "
                                "in its Chinese mode, or write the bytes to a file. Exit "
                                "status: 0 done, 1 failed, 2 the database cannot be "
                                "opened."),
                              entries, &argc, &argv))
    return SD_CLI_USAGE;
  if (argc > 1 || (order_id > 0) == test_page || (width != 58 && width != 80)
      || (to == NULL) == (output == NULL))
    {
      g_printerr (_("songda-cli: escpos needs --order ID or --test-page, --width 58 or 80, and "
                    "--to ADDRESS or --output FILE\n"));
      return SD_CLI_USAGE;
    }

  path = sd_cli_database_path (database);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("songda-cli: there is no database at %s\n"), path);
      return ESCPOS_CANNOT_OPEN;
    }
  store = sd_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return ESCPOS_CANNOT_OPEN;
    }

  if (test_page)
    {
      g_autofree char *name = sd_store_get_setting (store, SD_SETTING_SHOP_NAME, "");
      bytes = sd_escpos_test_page (name, width == 80 ? SD_ESCPOS_COLUMNS_80 : SD_ESCPOS_COLUMNS_58);
    }
  else
    bytes = sd_store_escpos_receipt (store, order_id,
                                     width == 80 ? SD_ESCPOS_COLUMNS_80 : SD_ESCPOS_COLUMNS_58, &error);
  if (bytes == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return SD_CLI_FAILED;
    }

  if (output != NULL)
    {
      if (!g_file_set_contents (output, g_bytes_get_data (bytes, NULL),
                                (gssize) g_bytes_get_size (bytes), &error))
        {
          g_printerr ("songda-cli: %s\n", error->message);
          return SD_CLI_FAILED;
        }
      return SD_CLI_OK;
    }

  {
    Sending sending = { g_main_loop_new (NULL, FALSE), NULL };

    sd_escpos_send_async (to, bytes, NULL, on_sent, &sending);
    g_main_loop_run (sending.loop);
    g_main_loop_unref (sending.loop);
    if (sending.error != NULL)
      {
        g_printerr ("songda-cli: %s\n", sending.error->message);
        g_error_free (sending.error);
        return SD_CLI_FAILED;
      }
  }
  /* TRANSLATORS: after printing; %s is the printer's address */
  g_print (_("Sent to %s\n"), to);
  return SD_CLI_OK;
}
