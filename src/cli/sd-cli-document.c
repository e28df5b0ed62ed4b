/* SPDX-License-Identifier: GPL-3.0-or-later */
/* songda-cli document: the PDF of an order's receipt, slip or bill, or the monthly
 * statements. Exit status: 0 written, 1 the document could not be made, 2 the database
 * cannot be opened, 64 bad usage. */
#define G_LOG_DOMAIN "songda-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-cli.h"
#include "sd-docs.h"

enum { DOCUMENT_CANNOT_OPEN = 2 };

static gboolean
write_bytes (const char  *path,
             GBytes      *bytes,
             GError     **error)
{
  return g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                              (gssize) g_bytes_get_size (bytes), error);
}

int
sd_cli_document (int    argc,
                 char **argv)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *month = NULL;
  g_autofree char *output = NULL;
  g_autofree char *per_customer = NULL;
  gint64 order_id = 0, customer_id = 0;
  gboolean all = FALSE;
  SdDocKind kind;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The shop database"), N_("PATH") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text,
      N_("receipt58, receipt80, slip, slip-a4, bill or statement"), N_("KIND") },
    { "order", 0, 0, G_OPTION_ARG_INT64, &order_id, N_("The order (receipts, slips, bills)"), N_("ID") },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("The month of the statements"), N_("YYYY-MM") },
    { "customer", 0, 0, G_OPTION_ARG_INT64, &customer_id, N_("The statement of one customer"), N_("ID") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Statements of every customer with activity"), NULL },
    { "per-customer", 0, 0, G_OPTION_ARG_FILENAME, &per_customer,
      N_("Also write one PDF per customer into this folder"), N_("DIR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), N_("FILE") },
    { NULL }
  };

  if (!sd_cli_parse_options (NULL,
                              _("Write the PDF of an order's receipt, delivery slip or "
                                "payment receipt, or the monthly statements. Exit "
                                "status: 0 written, 1 failed, 2 the database cannot "
                                "be opened."),
                              entries, &argc, &argv))
    return SD_CLI_USAGE;
  if (argc > 1 || kind_text == NULL || !sd_doc_kind_from_string (kind_text, &kind) ||
      kind == SD_DOC_ROUTE_SHEET)
    {
      g_printerr (_("songda-cli: document needs --kind receipt58, receipt80, slip, slip-a4, bill or "
                    "statement\n"));
      return SD_CLI_USAGE;
    }
  if (output == NULL && per_customer == NULL)
    {
      g_printerr (_("songda-cli: document needs --output FILE.pdf\n"));
      return SD_CLI_USAGE;
    }
  if (kind == SD_DOC_STATEMENT)
    {
      if (month == NULL || (customer_id > 0) == all || (per_customer != NULL && !all))
        {
          g_printerr (_("songda-cli: a statement needs --month YYYY-MM and either --customer ID "
                        "or --all (--per-customer goes with --all)\n"));
          return SD_CLI_USAGE;
        }
    }
  else if (order_id <= 0)
    {
      g_printerr (_("songda-cli: this document needs --order ID\n"));
      return SD_CLI_USAGE;
    }

  path = sd_cli_database_path (database);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("songda-cli: there is no database at %s\n"), path);
      return DOCUMENT_CANNOT_OPEN;
    }
  store = sd_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return DOCUMENT_CANNOT_OPEN;
    }

  if (kind == SD_DOC_STATEMENT && per_customer != NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (per_customer);
      int n = sd_doc_write_statements (store, month, dir, &error);

      if (n < 0)
        {
          g_printerr ("songda-cli: %s\n", error->message);
          return SD_CLI_FAILED;
        }
      /* TRANSLATORS: statements written into a folder */
      g_print (g_dngettext (GETTEXT_PACKAGE, "%d statement written to %s\n",
                            "%d statements written to %s\n", n), n, per_customer);
      if (output == NULL)
        return SD_CLI_OK;
    }

  if (kind == SD_DOC_STATEMENT)
    bytes = sd_doc_render_statements (store, month, all ? 0 : customer_id, &error);
  else
    bytes = sd_doc_render_order (store, kind, order_id, &error);
  if (bytes == NULL || !write_bytes (output, bytes, &error))
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return SD_CLI_FAILED;
    }
  return SD_CLI_OK;
}
