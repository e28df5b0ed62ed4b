/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The glue between the views and the documents: render (src/docs), show (SdDocWindow),
 * or send straight to the thermal printer (sd-escpos). */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-customer-store.h"
#include "sd-doc-actions.h"
#include "sd-escpos-receipt.h"
#include "sd-print-settings.h"
#include "sd-window.h"

/* More receipts than this at once go to the printer only: no wall of windows. */
#define MAX_PREVIEWS 3

SdDocKind
sd_doc_receipt_kind (SdStore *store)
{
  g_autofree char *width = sd_store_get_setting (store, SD_SETTING_RECEIPT_WIDTH, "58");

  return g_str_equal (width, "80") ? SD_DOC_RECEIPT_80 : SD_DOC_RECEIPT_58;
}

guint
sd_doc_receipt_columns (SdStore *store)
{
  return sd_doc_receipt_kind (store) == SD_DOC_RECEIPT_80 ? SD_ESCPOS_COLUMNS_80
                                                         : SD_ESCPOS_COLUMNS_58;
}

static GtkWindow *
parent_window (GtkWidget *parent)
{
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
fail (GtkWidget *parent, const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("Cannot open the document: %s"), error->message);

  if (parent)
    sd_toast (parent, message);
  else
    g_warning ("%s", message);
}

SdDocWindow *
sd_doc_open_order (GtkWidget *parent, SdStore *store, SdDocKind kind, gint64 order_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdReceiptData) data = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *title = NULL;
  g_autofree char *file_name = NULL;
  SdDocWindow *window;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  data = sd_store_load_receipt_data (store, order_id, &error);
  if (data != NULL)
    pdf = sd_doc_render_order (store, kind, order_id, &error);
  if (pdf == NULL)
    {
      fail (parent, error);
      return NULL;
    }
  /* TRANSLATORS: a preview window's title: the document and the order, “Receipt No. 1024” */
  title = g_strdup_printf (_("%s %s"), sd_doc_kind_label (kind), data->order_no);
  file_name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".pdf", sd_doc_kind_to_string (kind), order_id);
  window = sd_doc_window_new (parent_window (parent), store, sd_doc_kind_to_string (kind), title,
                              file_name, pdf, &error);
  if (window == NULL)
    {
      fail (parent, error);
      return NULL;
    }
  if (kind == SD_DOC_RECEIPT_58 || kind == SD_DOC_RECEIPT_80)
    {
      g_autoptr(GBytes) escpos =
        sd_escpos_receipt (data, kind == SD_DOC_RECEIPT_80 ? SD_ESCPOS_COLUMNS_80 : SD_ESCPOS_COLUMNS_58);
      sd_doc_window_set_escpos (window, escpos);
    }
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

SdDocWindow *
sd_doc_open_statement (GtkWidget *parent, SdStore *store, gint64 customer_id, const char *month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(SdCustomer) customer = NULL;
  g_autofree char *title = NULL;
  g_autofree char *file_name = NULL;
  SdDocWindow *window;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  pdf = sd_doc_render_statements (store, month, customer_id, &error);
  if (pdf == NULL)
    {
      fail (parent, error);
      return NULL;
    }
  customer = sd_store_load_customer (store, customer_id, NULL);
  /* TRANSLATORS: a preview window's title: “Statement 2026-05 · 王阿姨” */
  title = g_strdup_printf (_("%s %s · %s"), sd_doc_kind_label (SD_DOC_STATEMENT), month,
                           customer ? sd_customer_get_name (customer) : "");
  file_name = g_strdup_printf ("statement-%s-%" G_GINT64_FORMAT ".pdf", month, customer_id);
  window = sd_doc_window_new (parent_window (parent), store, sd_doc_kind_to_string (SD_DOC_STATEMENT),
                              title, file_name, pdf, &error);
  if (window == NULL)
    {
      fail (parent, error);
      return NULL;
    }
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

char *
sd_doc_last_month (gint64 now_utc)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_utc);
  g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now), 1, 12, 0, 0);
  g_autoptr(GDateTime) before = g_date_time_add_months (first, -1);

  return g_date_time_format (before, "%Y-%m");
}

static void
on_month_response (AdwMessageDialog *dialog, const char *response, GtkWidget *parent)
{
  GtkDropDown *months = g_object_get_data (G_OBJECT (dialog), "months");
  SdStore *store = g_object_get_data (G_OBJECT (dialog), "store");
  GtkStringObject *month;

  if (!g_str_equal (response, "open"))
    return;
  month = gtk_drop_down_get_selected_item (months);
  if (month != NULL)
    sd_doc_open_statement (parent, store, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "customer")),
                           gtk_string_object_get_string (month));
}

GtkWindow *
sd_doc_ask_statement_month (GtkWidget *parent, SdStore *store, gint64 customer_id)
{
  GtkWidget *dialog, *dropdown;
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (sd_store_now (store));
  g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now), 1, 12, 0, 0);

  /* this month, then the twelve before it; last month is chosen */
  for (int i = 0; i <= 12; i++)
    {
      g_autoptr(GDateTime) m = g_date_time_add_months (first, -i);
      g_autofree char *text = g_date_time_format (m, "%Y-%m");
      gtk_string_list_append (months, text);
    }
  dialog = adw_message_dialog_new (parent_window (parent), _("Monthly Statement"),
                                   _("The month the statement covers"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Statement"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (months)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Month"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  g_object_set_data (G_OBJECT (dialog), "months", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "store", g_object_ref (store), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "customer", GSIZE_TO_POINTER ((gsize) customer_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_month_response), parent, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

typedef struct {
  GWeakRef  parent;
  guint     n;
  char     *address;
} DeliveryJob;

static void
on_receipts_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  DeliveryJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) parent = g_weak_ref_get (&job->parent);
  g_autofree char *message = NULL;

  if (!sd_escpos_send_finish (result, &error))
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u receipt sent to the printer at %s",
                                            "%u receipts sent to the printer at %s", job->n),
                               job->n, job->address);
  if (parent != NULL)
    sd_toast (parent, message);
  g_weak_ref_clear (&job->parent);
  g_free (job->address);
  g_free (job);
}

SdDeliveryPrint
sd_doc_print_on_delivery (GtkWidget *parent, SdStore *store, const gint64 *order_ids, guint n)
{
  g_autofree char *on = sd_store_get_setting (store, SD_SETTING_PRINT_ON_DELIVERY, "0");
  g_autofree char *address = sd_store_get_setting (store, SD_SETTING_ESCPOS_ADDRESS, "");
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint columns = sd_doc_receipt_columns (store);
  DeliveryJob *job;

  if (!g_str_equal (on, "1") || n == 0)
    return SD_DELIVERY_PRINT_OFF;
  g_strstrip (address);
  if (*address == '\0')
    {
      for (guint i = 0; i < MIN (n, MAX_PREVIEWS); i++)
        sd_doc_open_order (parent, store, sd_doc_receipt_kind (store), order_ids[i]);
      return SD_DELIVERY_PRINT_PREVIEW;
    }

  /* One job of receipts each ending in its cut: a printer on port 9100 serves one
   * connection at a time. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) receipt = sd_store_escpos_receipt (store, order_ids[i], columns, &error);

      if (receipt == NULL)
        {
          fail (parent, error);
          return SD_DELIVERY_PRINT_ESCPOS;
        }
      g_byte_array_append (stream, g_bytes_get_data (receipt, NULL), g_bytes_get_size (receipt));
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&stream));
  job = g_new0 (DeliveryJob, 1);
  g_weak_ref_init (&job->parent, parent);
  job->n = n;
  job->address = g_strdup (address);
  sd_escpos_send_async (address, bytes, NULL, on_receipts_sent, job);
  return SD_DELIVERY_PRINT_ESCPOS;
}
