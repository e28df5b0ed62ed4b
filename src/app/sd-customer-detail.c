/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer's page beside the list: who they are, how to call them, where to deliver. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-customer-detail.h"

struct _SdCustomerDetail
{
  AdwBin                parent_instance;

  SdCustomer           *customer;
  GPtrArray            *phone_rows;
  GPtrArray            *address_rows;

  GtkStack             *stack;
  AdwAvatar            *avatar;
  GtkLabel             *name_label;
  GtkLabel             *kind_label;
  GtkLabel             *since_label;
  AdwPreferencesGroup  *phones_group;
  AdwPreferencesGroup  *addresses_group;
  AdwPreferencesGroup  *note_group;
  GtkLabel             *note_label;
};

G_DEFINE_FINAL_TYPE (SdCustomerDetail, sd_customer_detail, ADW_TYPE_BIN)

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
on_copy_clicked (GtkButton *button,
                 gpointer   user_data)
{
  const char *number = g_object_get_data (G_OBJECT (button), "number");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), number);
}

static GtkWidget *
phone_row (SdPhone *phone)
{
  g_autofree char *formatted = sd_phone_format (phone->number);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), formatted);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), phone->label);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("call-start-symbolic"));
  gtk_widget_add_css_class (row, "numeric");

  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy, _("Copy Number"));
  gtk_widget_add_css_class (copy, "flat");
  g_object_set_data_full (G_OBJECT (copy), "number", g_strdup (phone->number), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
  return row;
}

static GtkWidget *
address_row (SdAddress *address)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), address->text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

  if (*address->label)
    g_string_append (subtitle, address->label);
  if (*address->instructions)
    {
      if (subtitle->len)
        g_string_append (subtitle, " · ");
      /* TRANSLATORS: delivery instructions of an address, e.g. “3楼无电梯” */
      g_string_append_printf (subtitle, _("Note for the courier: %s"), address->instructions);
    }
  if (subtitle->len)
    g_string_append_c (subtitle, '\n');
  if (address->has_location)
    g_string_append_printf (subtitle, _("Located at %.5f, %.5f"),
                            address->latitude, address->longitude);
  else
    g_string_append (subtitle, _("Not yet located on the map"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (address->has_location
                                                           ? "mark-location-symbolic"
                                                           : "find-location-symbolic"));
  if (address->is_default)
    {
      GtkWidget *badge = gtk_label_new (_("Default"));
      gtk_widget_add_css_class (badge, "kind-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  return row;
}

static void
update (SdCustomerDetail *self)
{
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *since = NULL;
  GPtrArray *phones, *addresses;
  SdCustomerKind kind;

  clear_rows (self->phones_group, self->phone_rows);
  clear_rows (self->addresses_group, self->address_rows);

  if (self->customer == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  kind = sd_customer_get_kind (self->customer);
  adw_avatar_set_text (self->avatar, sd_customer_get_name (self->customer));
  gtk_label_set_label (self->name_label, sd_customer_get_name (self->customer));
  gtk_label_set_label (self->kind_label, sd_customer_kind_label (kind));

  /* stored UTC, shown in local time */
  created = g_date_time_new_from_unix_utc (sd_customer_get_created (self->customer));
  local = created ? g_date_time_to_local (created) : NULL;
  /* TRANSLATORS: a date format, see g_date_time_format(); 2025年3月8日 in Chinese */
  date = local ? g_date_time_format (local, _("%Y-%m-%d")) : g_strdup ("");
  since = g_strdup_printf (_("Customer since %s"), date);
  gtk_label_set_label (self->since_label, since);

  phones = sd_customer_get_phones (self->customer);
  for (guint i = 0; i < phones->len; i++)
    {
      GtkWidget *row = phone_row (g_ptr_array_index (phones, i));
      adw_preferences_group_add (self->phones_group, row);
      g_ptr_array_add (self->phone_rows, row);
    }

  addresses = sd_customer_get_addresses (self->customer);
  for (guint i = 0; i < addresses->len; i++)
    {
      GtkWidget *row = address_row (g_ptr_array_index (addresses, i));
      adw_preferences_group_add (self->addresses_group, row);
      g_ptr_array_add (self->address_rows, row);
    }

  gtk_label_set_label (self->note_label, sd_customer_get_note (self->customer));
  gtk_widget_set_visible (GTK_WIDGET (self->note_group),
                          *sd_customer_get_note (self->customer) != '\0');

  gtk_stack_set_visible_child_name (self->stack, "customer");
}

static void
sd_customer_detail_dispose (GObject *object)
{
  SdCustomerDetail *self = (SdCustomerDetail *) object;

  /* The bin's child is a bound template child: detach it through the bin first, or both
   * the template and AdwBin would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_CUSTOMER_DETAIL);
  g_clear_object (&self->customer);
  g_clear_pointer (&self->phone_rows, g_ptr_array_unref);
  g_clear_pointer (&self->address_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_customer_detail_parent_class)->dispose (object);
}

static void
sd_customer_detail_class_init (SdCustomerDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_customer_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-customer-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, avatar);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, kind_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, since_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, phones_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, addresses_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, note_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, note_label);
}

static void
sd_customer_detail_init (SdCustomerDetail *self)
{
  self->phone_rows = g_ptr_array_new ();
  self->address_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
sd_customer_detail_set_customer (SdCustomerDetail *self,
                                 SdCustomer       *customer)
{
  g_return_if_fail (SD_IS_CUSTOMER_DETAIL (self));

  g_set_object (&self->customer, customer);
  update (self);
}

SdCustomer *
sd_customer_detail_get_customer (SdCustomerDetail *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_DETAIL (self), NULL);
  return self->customer;
}

guint
sd_customer_detail_get_n_phone_rows (SdCustomerDetail *self)
{
  return self->phone_rows->len;
}

guint
sd_customer_detail_get_n_address_rows (SdCustomerDetail *self)
{
  return self->address_rows->len;
}
