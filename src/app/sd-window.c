/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: a sidebar of the shop's areas beside the chosen area. Areas appear in
 * the sidebar as they are built; none is shown empty. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-customer-view.h"
#include "sd-dispatch-view.h"
#include "sd-due-view.h"
#include "sd-cashup-view.h"
#include "sd-orders-view.h"
#include "sd-preferences-window.h"
#include "sd-window-private.h"

struct _SdWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwToastOverlay      *toasts;
  GtkStack             *content_stack;   /* "shop", or "error" when the file cannot open */
  GtkStack             *stack;           /* the areas of the shop */
  GtkLabel             *shop_label;
  AdwStatusPage        *error_page;
  SdCustomerView       *customer_view;
  SdDueView            *due_view;
  SdOrdersView         *orders_view;
  SdCashupView         *cashup_view;
  SdDispatchView       *dispatch_view;
  GtkStackPage         *due_page;
};

G_DEFINE_FINAL_TYPE (SdWindow, sd_window, ADW_TYPE_APPLICATION_WINDOW)

static GSettings *
settings_or_null (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_warning ("GSettings schema %s is not installed; the window size will not be kept",
                 APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_geometry (SdWindow *self)
{
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
sd_window_close_request (GtkWindow *window)
{
  SdWindow *self = SD_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (sd_window_parent_class)->close_request (window);
}

static void
on_open_customer (SdWindow *self,
                  gint64    customer_id)
{
  gtk_stack_set_visible_child_name (self->stack, "customers");
  sd_customer_view_select_customer (self->customer_view, customer_id);
}

static void
on_area_changed (SdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* orders taken or delivered elsewhere show when the list is looked at again */
  if (app != NULL && sd_application_get_store (SD_APPLICATION (app)) != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "orders") == 0)
    sd_orders_view_refresh (self->orders_view);
}

static void
on_n_due_changed (SdWindow *self)
{
  guint n = sd_due_view_get_n_due (self->due_view);
  g_autofree char *title = n > 0 ? g_strdup_printf (_("Due Follow-ups (%u)"), n)
                                 : g_strdup (_("Due Follow-ups"));

  gtk_stack_page_set_title (self->due_page, title);
  gtk_stack_page_set_needs_attention (self->due_page, n > 0);
}

static void
on_preferences_changed (SdWindow *self)
{
  /* fields and tags may have changed: show the customer as they are now */
  sd_customer_view_refresh (self->customer_view);
}

static void
action_preferences (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);
  SdStore *store = sd_application_get_store (SD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  GtkWidget *preferences;

  if (store == NULL)
    return;
  preferences = sd_preferences_window_new (store);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  g_signal_connect_object (preferences, "changed", G_CALLBACK (on_preferences_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
sd_window_dispose (GObject *object)
{
  SdWindow *self = (SdWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sd_window_parent_class)->dispose (object);
}

static void
sd_window_class_init (SdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sd_window_dispose;
  window_class->close_request = sd_window_close_request;

  g_type_ensure (SD_TYPE_CUSTOMER_VIEW);
  g_type_ensure (SD_TYPE_DUE_VIEW);
  g_type_ensure (SD_TYPE_ORDERS_VIEW);
  g_type_ensure (SD_TYPE_CASHUP_VIEW);
  g_type_ensure (SD_TYPE_DISPATCH_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SdWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, shop_label);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, customer_view);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, due_view);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, orders_view);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, cashup_view);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, dispatch_view);
  gtk_widget_class_bind_template_callback (widget_class, on_area_changed);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, due_page);
  gtk_widget_class_bind_template_callback (widget_class, on_open_customer);
  gtk_widget_class_bind_template_callback (widget_class, on_n_due_changed);

  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, action_preferences);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  sd_window_class_add_backup_actions (widget_class);
}

static void
sd_window_init (SdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  self->settings = settings_or_null ();
  restore_geometry (self);
}

SdWindow *
sd_window_new (SdApplication *application)
{
  SdWindow *self = g_object_new (SD_TYPE_WINDOW, "application", application, NULL);
  SdStore *store = sd_application_get_store (application);

  if (store == NULL)
    {
      const GError *error = sd_application_get_open_error (application);

      adw_status_page_set_description (self->error_page, error ? error->message : "");
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
  else
    {
      g_autofree char *shop = sd_store_get_setting (store, "shop.name", _("My shop"));

      gtk_label_set_label (self->shop_label, shop);
      sd_customer_view_set_store (self->customer_view, store);
      sd_due_view_set_store (self->due_view, store);
      sd_orders_view_set_store (self->orders_view, store);
      sd_cashup_view_set_store (self->cashup_view, store);
      sd_dispatch_view_set_store (self->dispatch_view, store);
      on_n_due_changed (self);
    }
  return self;
}

void
sd_window_show_toast (SdWindow   *self,
                      const char *message)
{
  g_return_if_fail (SD_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

void
sd_toast (GtkWidget  *inside,
          const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (inside, ADW_TYPE_TOAST_OVERLAY);

  g_debug ("%s", message);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

char *
sd_chooser_take_path (GtkNativeDialog *chooser,
                      int              response)
{
  char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
    }
  g_object_unref (chooser);
  return path;
}

GtkWidget *
sd_window_get_customer_view (SdWindow *self)
{
  g_return_val_if_fail (SD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->customer_view);
}

void
sd_window_show_customer_orders (SdWindow   *self,
                                gint64      customer_id,
                                const char *name)
{
  g_return_if_fail (SD_IS_WINDOW (self));
  sd_orders_view_show_customer (self->orders_view, customer_id, name);
  gtk_stack_set_visible_child_name (self->stack, "orders");
}

GtkWidget *
sd_window_get_orders_view (SdWindow *self)
{
  g_return_val_if_fail (SD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->orders_view);
}

GtkWidget *
sd_window_get_dispatch_view (SdWindow *self)
{
  g_return_val_if_fail (SD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->dispatch_view);
}

GtkWidget *
sd_window_get_due_view (SdWindow *self)
{
  g_return_val_if_fail (SD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->due_view);
}

GtkStack *
sd_window_get_stack (SdWindow *self)
{
  g_return_val_if_fail (SD_IS_WINDOW (self), NULL);
  return self->stack;
}
