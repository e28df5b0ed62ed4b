/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers area: a searchable list that pages from the database, and the selected
 * customer's page beside it. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-window.h"

#include "sd-customer-detail.h"
#include "sd-customer-dialog.h"
#include "sd-customer-row.h"
#include "sd-customer-view.h"
#include "sd-doc-actions.h"
#include "sd-import-dialog.h"
#include "sd-order-dialog.h"
#include "sd-tag.h"

struct _SdCustomerView
{
  AdwBin              parent_instance;

  gint64              last_order_id;   /* taken in this session, for Ctrl+P */

  SdStore            *store;
  SdCustomerList     *list;
  GtkMultiSelection  *selection;
  GtkWindow          *dialog;   /* weak: the open add/edit dialog */
  gboolean            match_all_tags;

  AdwWindowTitle     *list_title;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *no_match_page;
  AdwWindowTitle     *detail_title;
  GtkButton          *edit_button;
  GtkStack           *detail_stack;
  SdCustomerDetail   *detail;
  AdwStatusPage      *bulk_page;
  GtkMenuButton      *add_tag_button;
  GtkMenuButton      *remove_tag_button;
  GtkMenuButton      *tag_filter_button;
  GtkMenuButton      *customer_tag_button;
  GtkBox             *tag_filter_box;
  GtkSwitch          *match_all_switch;
};

G_DEFINE_FINAL_TYPE (SdCustomerView, sd_customer_view, ADW_TYPE_BIN)

static void
show_error (SdCustomerView *self,
            const GError *error)
{
  sd_toast (GTK_WIDGET (self), error->message);
}

static void
update_counts (SdCustomerView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *subtitle = NULL;
  const char *query = sd_customer_list_get_query (self->list);

  if (*query)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n), n);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", n), n);
  adw_window_title_set_subtitle (self->list_title, subtitle);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (*query)
    {
      g_autofree char *description =
        g_strdup_printf (_("No customer’s name, phone or address matches “%s”."), query);
      adw_status_page_set_description (self->no_match_page, description);
      gtk_stack_set_visible_child_name (self->list_stack, "no-match");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

/* The selected customers' ids, in list order. */
static GArray *
selected_ids (SdCustomerView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *all = sd_customer_list_get_ids (self->list);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      {
        if (position < all->len)
          g_array_append_val (ids, g_array_index (all, gint64, position));
      }
    while (gtk_bitset_iter_next (&iter, &position));
  return ids;
}

static GMenuModel *
tag_menu (SdCustomerView *self,
          const char     *action)
{
  g_autoptr(GPtrArray) tags = sd_store_list_tags (self->store, NULL);
  GMenu *menu = g_menu_new ();

  for (guint i = 0; tags && i < tags->len; i++)
    {
      SdTag *tag = g_ptr_array_index (tags, i);
      g_autoptr(GMenuItem) item = NULL;

      if (tag->automatic)
        continue;
      item = g_menu_item_new (tag->name, NULL);
      g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (tag->id));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* The one selected customer's tag menu: the tags to add, then those to take off. */
static void
update_customer_tag_menu (SdCustomerView *self,
                          gint64          customer_id)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();

  gtk_widget_set_visible (GTK_WIDGET (self->customer_tag_button), customer_id != 0);
  if (customer_id == 0)
    return;

  all = sd_store_list_tags (self->store, NULL);
  mine = sd_store_list_customer_tags (self->store, customer_id, NULL);
  for (guint i = 0; all && i < all->len; i++)
    {
      SdTag *tag = g_ptr_array_index (all, i);
      gboolean has = FALSE;
      g_autoptr(GMenuItem) item = NULL;

      if (tag->automatic)
        continue;
      for (guint j = 0; mine && j < mine->len; j++)
        has = has || ((SdTag *) g_ptr_array_index (mine, j))->id == tag->id;
      item = g_menu_item_new (tag->name, NULL);
      g_menu_item_set_action_and_target_value (item, has ? "customers.untag-selected"
                                                         : "customers.tag-selected",
                                               g_variant_new_int64 (tag->id));
      g_menu_append_item (has ? remove : add, item);
    }
  g_menu_append_section (menu, _("Add Tag"), G_MENU_MODEL (add));
  g_menu_append_section (menu, _("Remove Tag"), G_MENU_MODEL (remove));
  gtk_menu_button_set_menu_model (self->customer_tag_button, G_MENU_MODEL (menu));
}

static void
show_bulk (SdCustomerView *self,
           guint           n)
{
  g_autofree char *title =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer selected",
                                  "%u customers selected", n), n);
  g_autoptr(GMenuModel) add = tag_menu (self, "customers.tag-selected");
  g_autoptr(GMenuModel) remove = tag_menu (self, "customers.untag-selected");

  adw_status_page_set_title (self->bulk_page, title);
  gtk_menu_button_set_menu_model (self->add_tag_button, add);
  gtk_menu_button_set_menu_model (self->remove_tag_button, remove);
  gtk_stack_set_visible_child_name (self->detail_stack, "bulk");
  adw_window_title_set_title (self->detail_title, "");
}

static void
on_selection_changed (SdCustomerView *self)
{
  g_autoptr(SdCustomer) customer = NULL;
  g_autoptr(GArray) ids = selected_ids (self);

  update_customer_tag_menu (self, ids->len == 1 ? g_array_index (ids, gint64, 0) : 0);
  if (ids->len > 1)
    {
      sd_customer_detail_set_customer (self->detail, NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.edit", FALSE);
      show_bulk (self, ids->len);
      return;
    }

  if (ids->len == 1)
    {
      g_autoptr(GError) error = NULL;

      customer = sd_store_load_customer (self->store, g_array_index (ids, gint64, 0), &error);
      if (customer == NULL)
        show_error (self, error);
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  sd_customer_detail_set_customer (self->detail, customer);
  adw_window_title_set_title (self->detail_title, customer ? sd_customer_get_name (customer) : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.edit", customer != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.show-orders", customer != NULL);
}

static void
select_first (SdCustomerView *self)
{
  /* After a search the best match is shown at once: a phone order starts here. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  else
    on_selection_changed (self);
}

static void
on_search_changed (SdCustomerView *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (!sd_customer_list_set_query (self->list, text, &error))
    show_error (self, error);
  update_counts (self);
  select_first (self);
}

static void
on_search_activate (SdCustomerView *self)
{
  /* Enter in the search moves to the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}

static void
on_stop_search (SdCustomerView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, sd_customer_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  sd_customer_row_set_summary (SD_CUSTOMER_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

static void
on_dialog_saved (SdCustomerView *self,
                 gint64          customer_id)
{
  g_autoptr(GError) error = NULL;

  if (!sd_customer_list_reload (self->list, &error))
    show_error (self, error);
  update_counts (self);
  sd_customer_view_select_customer (self, customer_id);
}

static void
open_dialog (SdCustomerView *self,
             SdCustomer     *customer)
{
  GtkWidget *dialog;

  if (self->store == NULL)
    return;
  if (self->dialog != NULL)
    {
      gtk_window_present (self->dialog);
      return;
    }

  dialog = sd_customer_dialog_new (self->store, customer);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_list_activate (SdCustomerView *self,
                  guint           position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "customers.edit", NULL);
}

static void
action_new (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (SD_CUSTOMER_VIEW (widget), NULL);
}

static void
action_edit (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SdCustomerView *self = SD_CUSTOMER_VIEW (widget);
  SdCustomer *customer = sd_customer_detail_get_customer (self->detail);

  if (customer != NULL)
    open_dialog (self, customer);
}

static void
action_search (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdCustomerView *self = SD_CUSTOMER_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
tag_selected (SdCustomerView *self,
              gint64          tag_id,
              gboolean        add)
{
  g_autoptr(GArray) ids = selected_ids (self);
  g_autoptr(GError) error = NULL;

  if (!sd_store_tag_customers (self->store, tag_id, (const gint64 *) (gpointer) ids->data,
                               ids->len, add, &error))
    {
      show_error (self, error);
      return;
    }
  /* a tag filter may now include or exclude them */
  if (sd_customer_list_get_tags (self->list)->len > 0)
    {
      if (!sd_customer_list_reload (self->list, &error))
        show_error (self, error);
      update_counts (self);
    }
  on_selection_changed (self);
}

static void
action_tag_selected (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tag_selected (SD_CUSTOMER_VIEW (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
action_untag_selected (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  tag_selected (SD_CUSTOMER_VIEW (widget), g_variant_get_int64 (parameter), FALSE);
}

static void
apply_tag_filter (SdCustomerView *self)
{
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_filter_box)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child) && gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      {
        gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "tag-id"));
        g_array_append_val (tags, id);
      }

  if (!sd_customer_list_set_tags (self->list, (const gint64 *) (gpointer) tags->data, tags->len,
                                  self->match_all_tags, &error))
    show_error (self, error);

  label = tags->len ? g_strdup_printf (_("Filter (%u)"), tags->len) : g_strdup (_("Filter"));
  gtk_menu_button_set_label (self->tag_filter_button, label);
  if (tags->len)
    gtk_widget_add_css_class (GTK_WIDGET (self->tag_filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->tag_filter_button), "accent");
  update_counts (self);
  select_first (self);
}

static void
on_match_all_changed (SdCustomerView *self)
{
  self->match_all_tags = gtk_switch_get_active (self->match_all_switch);
  apply_tag_filter (self);
}

/* The filter popover lists the tags as they are now, keeping what was checked. */
static void
rebuild_tag_filter (SdCustomerView *self)
{
  g_autoptr(GPtrArray) tags = NULL;
  GArray *active = sd_customer_list_get_tags (self->list);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_filter_box))) != NULL)
    gtk_box_remove (self->tag_filter_box, child);

  tags = sd_store_list_tags (self->store, NULL);
  for (guint i = 0; tags && i < tags->len; i++)
    {
      SdTag *tag = g_ptr_array_index (tags, i);
      g_autofree char *label = g_strdup_printf ("%s (%u)", tag->name, tag->n_customers);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      gboolean on = FALSE;

      for (guint j = 0; j < active->len; j++)
        on = on || g_array_index (active, gint64, j) == tag->id;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
      g_object_set_data (G_OBJECT (check), "tag-id", GSIZE_TO_POINTER ((gsize) tag->id));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (apply_tag_filter), self);
      gtk_box_append (self->tag_filter_box, check);
    }
  if (tags == NULL || tags->len == 0)
    gtk_box_append (self->tag_filter_box, gtk_label_new (_("No tags yet")));
}

static void
on_tag_filter_shown (SdCustomerView *self)
{
  rebuild_tag_filter (self);
}

static void
on_imported (SdCustomerView *self)
{
  g_autoptr(GError) error = NULL;

  if (!sd_customer_list_reload (self->list, &error))
    show_error (self, error);
  update_counts (self);
  select_first (self);
}

/* Opens the import preview for a file; the window is returned for tests. */
GtkWindow *
sd_customer_view_import_file (SdCustomerView *self,
                              const char     *path)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = sd_import_dialog_new (self->store, path, &error);

  if (dialog == NULL)
    {
      show_error (self, error);
      return NULL;
    }
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    SdCustomerView  *self)
{
  g_autofree char *path = sd_chooser_take_path (chooser, response);

  if (path != NULL)
    sd_customer_view_import_file (self, path);
}

static void
action_import (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdCustomerView *self = SD_CUSTOMER_VIEW (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import Customers"),
                                 GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) sheets = gtk_file_filter_new ();

  gtk_file_filter_set_name (sheets, _("Spreadsheets (Excel, CSV)"));
  gtk_file_filter_add_suffix (sheets, "xlsx");
  gtk_file_filter_add_suffix (sheets, "csv");
  gtk_file_filter_add_suffix (sheets, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), sheets);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Writes the customers the list shows now (search and tag filter applied). */
gboolean
sd_customer_view_export_file (SdCustomerView *self,
                              const char     *path)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = sd_customer_list_get_ids (self->list);
  g_autofree char *message = NULL;

  if (!sd_store_export_customers (self->store, (const gint64 *) (gpointer) ids->data, ids->len,
                                  path, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u customer",
                                          "Exported %u customers", ids->len), ids->len);
  sd_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    SdCustomerView  *self)
{
  g_autofree char *path = sd_chooser_take_path (chooser, response);

  if (path != NULL)
    sd_customer_view_export_file (self, path);
}

static void
action_export (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdCustomerView *self = SD_CUSTOMER_VIEW (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export Customers"),
                                 GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  /* TRANSLATORS: the file name offered for an export; .csv works too */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("customers.xlsx"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_order_saved (SdCustomerView *self,
                gint64          order_id)
{
  g_autofree char *message = g_strdup_printf (_("Order No. %d saved"), (int) order_id);
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast = adw_toast_new (message);

  /* the receipt one click (or Ctrl+P) away */
  self->last_order_id = order_id;
  adw_toast_set_button_label (toast, _("Print _Receipt"));
  adw_toast_set_action_name (toast, "customers.print-receipt");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (order_id));
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
  /* balances and the last order shown on the profile */
  on_selection_changed (self);
}

/* The new-order dialog, for the shown customer when there is one. */
GtkWindow *
sd_customer_view_new_order (SdCustomerView *self)
{
  SdCustomer *customer = sd_customer_detail_get_customer (self->detail);
  GtkWidget *dialog;

  if (self->store == NULL)
    return NULL;
  dialog = sd_order_dialog_new (self->store, customer ? sd_customer_get_id (customer) : 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_order_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* The receipt of an order (the one just taken, for Ctrl+P) in a preview window. */
static void
action_print_receipt (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SdCustomerView *self = SD_CUSTOMER_VIEW (widget);
  gint64 order_id = parameter ? g_variant_get_int64 (parameter) : 0;

  if (order_id <= 0)
    order_id = self->last_order_id;
  if (self->store == NULL || order_id <= 0)
    return;
  sd_doc_open_order (widget, self->store, sd_doc_receipt_kind (self->store), order_id);
}

static void
action_show_orders (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SdCustomerView *self = SD_CUSTOMER_VIEW (widget);
  SdCustomer *customer = sd_customer_detail_get_customer (self->detail);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (customer != NULL && SD_IS_WINDOW (root))
    sd_window_show_customer_orders (SD_WINDOW (root), sd_customer_get_id (customer),
                                    sd_customer_get_name (customer));
}

static void
action_new_order (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  sd_customer_view_new_order (SD_CUSTOMER_VIEW (widget));
}

static void
on_open_customer (SdCustomerView *self,
                  gint64          customer_id)
{
  sd_customer_view_select_customer (self, customer_id);
}

static void
sd_customer_view_dispose (GObject *object)
{
  SdCustomerView *self = (SdCustomerView *) object;

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_CUSTOMER_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_customer_view_parent_class)->dispose (object);
}

static void
sd_customer_view_class_init (SdCustomerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_customer_view_dispose;

  g_type_ensure (SD_TYPE_CUSTOMER_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-customer-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, list_title);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, list_view);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, detail);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, bulk_page);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, add_tag_button);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, remove_tag_button);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, tag_filter_button);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, customer_tag_button);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, tag_filter_box);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerView, match_all_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_match_all_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_filter_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_open_customer);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_install_action (widget_class, "customers.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "customers.edit", NULL, action_edit);
  gtk_widget_class_install_action (widget_class, "customers.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "customers.tag-selected", "x", action_tag_selected);
  gtk_widget_class_install_action (widget_class, "customers.import", NULL, action_import);
  gtk_widget_class_install_action (widget_class, "customers.new-order", NULL, action_new_order);
  gtk_widget_class_install_action (widget_class, "customers.print-receipt", "x", action_print_receipt);
  gtk_widget_class_install_action (widget_class, "customers.show-orders", NULL, action_show_orders);
  gtk_widget_class_install_action (widget_class, "customers.export", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "customers.untag-selected", "x", action_untag_selected);
}

static void
sd_customer_view_init (SdCustomerView *self)
{
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  /* Ctrl+F and Ctrl+N work wherever the focus is in the window. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>f"),
                      gtk_named_action_new ("customers.search")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>n"),
                      gtk_named_action_new ("customers.new")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>e"),
                      gtk_named_action_new ("customers.edit")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>o"),
                      gtk_named_action_new ("customers.new-order")));
  {
    /* the receipt of the order just taken */
    GtkShortcut *print = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>p"),
                                           gtk_named_action_new ("customers.print-receipt"));
    gtk_shortcut_set_arguments (print, g_variant_new_int64 (0));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), print);
  }
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.edit", FALSE);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

static gboolean
warm_search (gpointer data)
{
  SdCustomerView *self = data;

  if (self->store != NULL)
    sd_store_warm_customer_search (self->store);
  return G_SOURCE_REMOVE;
}

void
sd_customer_view_set_store (SdCustomerView *self,
                            SdStore        *store)
{
  g_return_if_fail (SD_IS_CUSTOMER_VIEW (self));
  g_return_if_fail (SD_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_object (&self->list);
  g_clear_object (&self->selection);

  self->list = sd_customer_list_new (store);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  sd_customer_detail_set_store (self->detail, store);
  update_counts (self);
  select_first (self);

  /* after the first frames, so the window appears first */
  g_timeout_add_full (G_PRIORITY_LOW, 300, warm_search, g_object_ref (self), g_object_unref);
}

void
sd_customer_view_select_customer (SdCustomerView *self,
                                  gint64          customer_id)
{
  int position;

  g_return_if_fail (SD_IS_CUSTOMER_VIEW (self));

  position = sd_customer_list_find (self->list, customer_id);
  if (position < 0 && *sd_customer_list_get_query (self->list))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      on_search_changed (self);
      position = sd_customer_list_find (self->list, customer_id);
    }
  if (position >= 0)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) position, TRUE);
      /* the selection may not have changed position, but the customer's data has */
      on_selection_changed (self);
    }
}

void
sd_customer_view_select_positions (SdCustomerView *self,
                                   const guint    *positions,
                                   guint           n)
{
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, g_list_model_get_n_items (G_LIST_MODEL (self->list)));

  for (guint i = 0; i < n; i++)
    gtk_bitset_add (selected, positions[i]);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
}

void
sd_customer_view_set_tag_filter (SdCustomerView *self,
                                 const gint64   *tag_ids,
                                 guint           n,
                                 gboolean        match_all)
{
  rebuild_tag_filter (self);
  self->match_all_tags = match_all;
  g_signal_handlers_block_by_func (self->match_all_switch, on_match_all_changed, self);
  gtk_switch_set_active (self->match_all_switch, match_all);
  g_signal_handlers_unblock_by_func (self->match_all_switch, on_match_all_changed, self);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_filter_box)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child))
      {
        gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "tag-id"));
        gboolean on = FALSE;
        for (guint i = 0; i < n; i++)
          on = on || tag_ids[i] == id;
        g_signal_handlers_block_by_func (child, apply_tag_filter, self);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child), on);
        g_signal_handlers_unblock_by_func (child, apply_tag_filter, self);
      }
  apply_tag_filter (self);
}

void
sd_customer_view_refresh (SdCustomerView *self)
{
  on_selection_changed (self);
}

SdCustomerList *
sd_customer_view_get_list (SdCustomerView *self)
{
  return self->list;
}

GtkEditable *
sd_customer_view_get_search_entry (SdCustomerView *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GtkListView *
sd_customer_view_get_list_view (SdCustomerView *self)
{
  return self->list_view;
}

GtkWidget *
sd_customer_view_get_detail (SdCustomerView *self)
{
  return GTK_WIDGET (self->detail);
}

GtkWindow *
sd_customer_view_get_dialog (SdCustomerView *self)
{
  return self->dialog;
}
