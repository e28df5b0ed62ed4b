/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers area: a searchable list that pages from the database, and the selected
 * customer's page beside it. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-customer-detail.h"
#include "sd-customer-dialog.h"
#include "sd-customer-row.h"
#include "sd-customer-view.h"

struct _SdCustomerView
{
  AdwBin              parent_instance;

  SdStore            *store;
  SdCustomerList     *list;
  GtkSingleSelection *selection;
  GtkWindow          *dialog;   /* weak: the open add/edit dialog */

  AdwWindowTitle     *list_title;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *no_match_page;
  AdwWindowTitle     *detail_title;
  GtkButton          *edit_button;
  SdCustomerDetail   *detail;
};

G_DEFINE_FINAL_TYPE (SdCustomerView, sd_customer_view, ADW_TYPE_BIN)

static void
show_error (SdCustomerView *self,
            const GError   *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_warning ("%s", error->message);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
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

static void
on_selection_changed (SdCustomerView *self)
{
  g_autoptr(SdCustomer) customer = NULL;
  SdCustomerSummary *summary = gtk_single_selection_get_selected_item (self->selection);

  if (summary != NULL)
    {
      g_autoptr(GError) error = NULL;

      customer = sd_store_load_customer (self->store, sd_customer_summary_get_id (summary), &error);
      if (customer == NULL)
        show_error (self, error);
    }

  sd_customer_detail_set_customer (self->detail, customer);
  adw_window_title_set_title (self->detail_title, customer ? sd_customer_get_name (customer) : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.edit", customer != NULL);
}

static void
on_search_changed (SdCustomerView *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (!sd_customer_list_set_query (self->list, text, &error))
    show_error (self, error);
  update_counts (self);
}

static void
on_search_activate (SdCustomerView *self)
{
  /* Enter in the search moves to the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
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
  gtk_single_selection_set_selected (self->selection, position);
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
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_install_action (widget_class, "customers.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "customers.edit", NULL, action_edit);
  gtk_widget_class_install_action (widget_class, "customers.search", NULL, action_search);
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
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_counts (self);
  on_selection_changed (self);

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
      gtk_single_selection_set_selected (self->selection, (guint) position);
      /* the selection may not have changed position, but the customer's data has */
      on_selection_changed (self);
    }
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
