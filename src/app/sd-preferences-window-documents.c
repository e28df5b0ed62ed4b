/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The documents page of the preferences window: what every printout says about the shop
 * (name, address, phone, logo, footer), the receipt's width, printing the receipt when an
 * order is delivered, the ESC/POS printer with a test print, and masked phone numbers on
 * route sheets. Each change is one setting written to the store at once. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-doc-data.h"
#include "sd-escpos-receipt.h"
#include "sd-preferences-window-private.h"
#include "sd-print-settings.h"

struct _SdPrefsDocuments
{
  AdwPreferencesPage *page;
  GHashTable         *rows;        /* setting key → row (not owned) */
  AdwActionRow       *logo_row;
  AdwComboRow        *width_row;
  GtkSwitch          *on_delivery_switch;
  GtkSwitch          *mask_switch;
  GtkButton          *test_button;
  GCancellable       *cancellable;
  gboolean            loading;
  char               *status;      /* the last toast (tests) */
};

static const struct {
  const char *key;
  const char *title;
} entry_rows[] = {
  { SD_SETTING_SHOP_NAME, N_("Shop name") },
  { SD_SETTING_SHOP_ADDRESS, N_("Address") },
  { SD_SETTING_SHOP_PHONE, N_("Phone") },
  { SD_SETTING_SHOP_FOOTER, N_("Footer text") },
};

static void
toast (SdPreferencesWindow *self, const char *message)
{
  g_free (self->documents->status);
  self->documents->status = g_strdup (message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
save (SdPreferencesWindow *self, const char *key, const char *value)
{
  g_autoptr(GError) error = NULL;

  if (self->documents->loading)
    return;
  if (!sd_store_set_setting (self->store, key, value, &error))
    _sd_preferences_show_error (self, error);
}

static void
on_entry_changed (GtkEditable *entry, SdPreferencesWindow *self)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  save (self, g_object_get_data (G_OBJECT (entry), "setting"), value);
}

static void
on_width_changed (AdwComboRow *row, GParamSpec *pspec, SdPreferencesWindow *self)
{
  save (self, SD_SETTING_RECEIPT_WIDTH, adw_combo_row_get_selected (row) == 1 ? "80" : "58");
}

static void
on_switch_changed (GtkSwitch *toggle, GParamSpec *pspec, SdPreferencesWindow *self)
{
  save (self, g_object_get_data (G_OBJECT (toggle), "setting"),
        gtk_switch_get_active (toggle) ? "1" : "0");
}

static void
show_logo (SdPreferencesWindow *self, const char *path)
{
  g_autofree char *name = (path && *path) ? g_path_get_basename (path) : NULL;

  adw_action_row_set_subtitle (self->documents->logo_row,
                               name ? name : _("None: the shop's name alone heads documents"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->documents->logo_row), path);
}

static void
on_logo_response (GtkNativeDialog *chooser, int response, SdPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      sd_preferences_window_set_logo_file (self, file);
    }
  g_object_unref (chooser);
}

static void
on_choose_logo (SdPreferencesWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Choose the Shop's Logo"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  GtkFileFilter *images = gtk_file_filter_new ();

  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_pixbuf_formats (images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  g_object_unref (images);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_logo_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_clear_logo (SdPreferencesWindow *self)
{
  sd_preferences_window_set_logo_file (self, NULL);
}

static void
on_test_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(SdPreferencesWindow) self = data;
  g_autoptr(GError) error = NULL;

  if (self->documents == NULL)
    return;   /* closed meanwhile */
  gtk_widget_set_sensitive (GTK_WIDGET (self->documents->test_button), TRUE);
  if (!sd_escpos_send_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("Test page sent to the receipt printer"));
}

static void
on_test_clicked (SdPreferencesWindow *self)
{
  sd_preferences_window_test_print (self);
}

static GtkWidget *
switch_row (SdPreferencesWindow *self, AdwPreferencesGroup *group, const char *key,
            const char *title, const char *subtitle, GtkSwitch **out)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, toggle);
  adw_action_row_set_activatable_widget (row, toggle);
  g_object_set_data_full (G_OBJECT (toggle), "setting", g_strdup (key), g_free);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_switch_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_hash_table_insert (self->documents->rows, (gpointer) key, row);
  *out = GTK_SWITCH (toggle);
  return GTK_WIDGET (row);
}

static AdwEntryRow *
entry_row (SdPreferencesWindow *self, AdwPreferencesGroup *group, const char *key,
           const char *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data_full (G_OBJECT (row), "setting", g_strdup (key), g_free);
  g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_hash_table_insert (self->documents->rows, (gpointer) key, row);
  return row;
}

void
_sd_preferences_setup_documents (SdPreferencesWindow *self)
{
  struct _SdPrefsDocuments *d = g_new0 (struct _SdPrefsDocuments, 1);
  AdwPreferencesGroup *shop, *receipts, *route;
  GtkWidget *button, *box;
  AdwEntryRow *printer;
  GtkStringList *widths;

  self->documents = d;
  d->rows = g_hash_table_new (g_str_hash, g_str_equal);
  d->cancellable = g_cancellable_new ();
  d->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_name (d->page, "documents");
  adw_preferences_page_set_title (d->page, _("Documents"));
  adw_preferences_page_set_icon_name (d->page, "document-print-symbolic");

  shop = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (shop, _("The Shop on Documents"));
  adw_preferences_group_set_description (shop, _("Heads every receipt, slip, bill and statement"));
  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    {
      entry_row (self, shop, entry_rows[i].key, _(entry_rows[i].title));
      if (i == 2)
        {
          /* the logo between the phone and the footer, as documents print them */
          d->logo_row = ADW_ACTION_ROW (adw_action_row_new ());
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->logo_row), _("Logo"));
          box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
          button = gtk_button_new_with_mnemonic (_("C_hoose…"));
          g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_choose_logo), self);
          gtk_box_append (GTK_BOX (box), button);
          button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
          gtk_widget_set_tooltip_text (button, _("No logo"));
          gtk_widget_add_css_class (button, "flat");
          g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_clear_logo), self);
          gtk_box_append (GTK_BOX (box), button);
          adw_action_row_add_suffix (d->logo_row, box);
          adw_preferences_group_add (shop, GTK_WIDGET (d->logo_row));
          g_hash_table_insert (d->rows, (gpointer) SD_SETTING_SHOP_LOGO_PATH, d->logo_row);
        }
    }
  adw_preferences_page_add (d->page, shop);

  receipts = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (receipts, _("Receipts"));
  widths = gtk_string_list_new (NULL);
  gtk_string_list_append (widths, _("58 mm (32 columns)"));
  gtk_string_list_append (widths, _("80 mm (48 columns)"));
  d->width_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->width_row), _("Receipt paper width"));
  adw_combo_row_set_model (d->width_row, G_LIST_MODEL (widths));
  g_object_unref (widths);
  g_signal_connect (d->width_row, "notify::selected", G_CALLBACK (on_width_changed), self);
  adw_preferences_group_add (receipts, GTK_WIDGET (d->width_row));
  g_hash_table_insert (d->rows, (gpointer) SD_SETTING_RECEIPT_WIDTH, d->width_row);

  switch_row (self, receipts, SD_SETTING_PRINT_ON_DELIVERY, _("Print receipt on delivery"),
              _("When an order is marked delivered: to the ESC/POS printer if one is set, "
                "else the receipt opens ready to print"),
              &d->on_delivery_switch);

  printer = entry_row (self, receipts, SD_SETTING_ESCPOS_ADDRESS, _("ESC/POS printer"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (printer),
                               _("A network printer as host:port (port 9100 when left out), "
                                 "or a device such as /dev/usb/lp0 or \\\\PC\\Printer"));
  button = gtk_button_new_with_mnemonic (_("_Test Print"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_test_clicked), self);
  adw_entry_row_add_suffix (printer, button);
  d->test_button = GTK_BUTTON (button);
  adw_preferences_page_add (d->page, receipts);

  route = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (route, _("Route Sheets"));
  switch_row (self, route, SD_SETTING_MASK_PHONES, _("Mask phone numbers"),
              _("Couriers see 138****8000 instead of the whole number"), &d->mask_switch);
  adw_preferences_page_add (d->page, route);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), d->page);
}

void
_sd_preferences_dispose_documents (SdPreferencesWindow *self)
{
  struct _SdPrefsDocuments *d = self->documents;

  if (d == NULL)
    return;
  g_cancellable_cancel (d->cancellable);
  g_clear_object (&d->cancellable);
  g_clear_pointer (&d->rows, g_hash_table_unref);
  g_free (d->status);
  g_free (d);
  self->documents = NULL;
}

void
_sd_preferences_reload_documents (SdPreferencesWindow *self)
{
  struct _SdPrefsDocuments *d = self->documents;
  g_autofree char *logo = sd_store_get_setting (self->store, SD_SETTING_SHOP_LOGO_PATH, "");
  g_autofree char *width = sd_store_get_setting (self->store, SD_SETTING_RECEIPT_WIDTH, "58");
  g_autofree char *on_delivery = sd_store_get_setting (self->store, SD_SETTING_PRINT_ON_DELIVERY, "0");
  g_autofree char *mask = sd_store_get_setting (self->store, SD_SETTING_MASK_PHONES, "0");
  const char *entries[] = { SD_SETTING_SHOP_NAME, SD_SETTING_SHOP_ADDRESS, SD_SETTING_SHOP_PHONE,
                            SD_SETTING_SHOP_FOOTER, SD_SETTING_ESCPOS_ADDRESS };

  d->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *value = sd_store_get_setting (self->store, entries[i], "");
      gtk_editable_set_text (GTK_EDITABLE (g_hash_table_lookup (d->rows, entries[i])), value);
    }
  show_logo (self, logo);
  adw_combo_row_set_selected (d->width_row, g_str_equal (width, "80") ? 1 : 0);
  gtk_switch_set_active (d->on_delivery_switch, g_str_equal (on_delivery, "1"));
  gtk_switch_set_active (d->mask_switch, g_str_equal (mask, "1"));
  d->loading = FALSE;
}

/* --- public API ---------------------------------------------------------------------------- */

AdwPreferencesPage *
sd_preferences_window_get_documents_page (SdPreferencesWindow *self)
{
  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);
  return self->documents->page;
}

GtkWidget *
sd_preferences_window_get_documents_row (SdPreferencesWindow *self,
                                         const char          *setting)
{
  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);
  return g_hash_table_lookup (self->documents->rows, setting);
}

void
sd_preferences_window_set_logo_file (SdPreferencesWindow *self,
                                     GFile               *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SD_IS_PREFERENCES_WINDOW (self));
  path = file ? g_file_get_path (file) : NULL;
  save (self, SD_SETTING_SHOP_LOGO_PATH, path ? path : "");
  show_logo (self, path);
}

void
sd_preferences_window_test_print (SdPreferencesWindow *self)
{
  struct _SdPrefsDocuments *d;
  g_autofree char *address = NULL;
  g_autofree char *name = NULL;
  g_autofree char *width = NULL;
  g_autoptr(GBytes) page = NULL;

  g_return_if_fail (SD_IS_PREFERENCES_WINDOW (self));
  d = self->documents;
  address = sd_store_get_setting (self->store, SD_SETTING_ESCPOS_ADDRESS, "");
  name = sd_store_get_setting (self->store, SD_SETTING_SHOP_NAME, "");
  width = sd_store_get_setting (self->store, SD_SETTING_RECEIPT_WIDTH, "58");
  page = sd_escpos_test_page (name, g_str_equal (width, "80") ? SD_ESCPOS_COLUMNS_80
                                                              : SD_ESCPOS_COLUMNS_58);
  gtk_widget_set_sensitive (GTK_WIDGET (d->test_button), FALSE);
  sd_escpos_send_async (address, page, d->cancellable, on_test_sent, g_object_ref (self));
}

const char *
sd_preferences_window_get_documents_status (SdPreferencesWindow *self)
{
  g_return_val_if_fail (SD_IS_PREFERENCES_WINDOW (self), NULL);
  return self->documents->status;
}
