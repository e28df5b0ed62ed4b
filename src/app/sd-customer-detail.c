/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customer's page beside the list — the 360° view: who they are, their tags, how to
 * call them, where to deliver, the accounts above and below them, the owner's own fields,
 * and notes. Each section shows only what is known. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-catalog.h"
#include "sd-custom-field.h"
#include "sd-money.h"
#include "sd-pricing.h"
#include "sd-balances-group.h"
#include "sd-customer-detail.h"
#include "sd-customer-store.h"
#include "sd-follow-up-dialog.h"
#include "sd-follow-up-list.h"
#include "sd-tag.h"

typedef struct {
  AdwPreferencesGroup *group;
  GPtrArray           *rows;
} Section;

struct _SdCustomerDetail
{
  AdwBin                parent_instance;

  SdStore              *store;
  SdCustomer           *customer;
  Section               phones;
  Section               addresses;
  Section               accounts;
  Section               profile;
  Section               fields;
  guint                 n_tags;

  GtkStack             *stack;
  AdwAvatar            *avatar;
  GtkLabel             *name_label;
  GtkLabel             *kind_label;
  GtkLabel             *since_label;
  GtkFlowBox           *tags_box;
  AdwPreferencesGroup  *phones_group;
  AdwPreferencesGroup  *addresses_group;
  AdwPreferencesGroup  *accounts_group;
  AdwPreferencesGroup  *profile_group;
  AdwPreferencesGroup  *fields_group;
  AdwPreferencesGroup  *note_group;
  GtkLabel             *note_label;
  SdFollowUpList       *follow_ups;
  SdBalancesGroup      *balances;
};

enum {
  SIGNAL_OPEN_CUSTOMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdCustomerDetail, sd_customer_detail, ADW_TYPE_BIN)

static void
section_clear (Section *section)
{
  for (guint i = 0; i < section->rows->len; i++)
    adw_preferences_group_remove (section->group, g_ptr_array_index (section->rows, i));
  g_ptr_array_set_size (section->rows, 0);
}

static void
section_add (Section   *section,
             GtkWidget *row)
{
  adw_preferences_group_add (section->group, row);
  g_ptr_array_add (section->rows, row);
}

static void
section_finish (Section *section)
{
  gtk_widget_set_visible (GTK_WIDGET (section->group), section->rows->len > 0);
}

static GtkWidget *
info_row (const char *title,
          const char *value,
          const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
  gtk_widget_add_css_class (row, "property");
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  return row;
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
  /* coordinates mean nothing to people: say whether the map knows the place */
  g_string_append (subtitle, address->has_location ? _("Located on the map")
                                                   : _("Not yet located on the map"));
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
on_account_activated (AdwActionRow     *row,
                      SdCustomerDetail *self)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "customer-id"));

  g_signal_emit (self, signals[SIGNAL_OPEN_CUSTOMER], 0, id);
}

static GtkWidget *
account_row (SdCustomerDetail *self,
             gint64            id,
             const char       *relation)
{
  g_autoptr(SdCustomerSummary) summary = sd_store_load_customer_summary (self->store, id, NULL);
  GtkWidget *row;

  if (summary == NULL)
    return NULL;
  row = info_row (relation, sd_customer_summary_get_name (summary), NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data (G_OBJECT (row), "customer-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (row, "activated", G_CALLBACK (on_account_activated), self);
  return row;
}

static void
update_accounts (SdCustomerDetail *self)
{
  gint64 parent = sd_customer_get_parent_id (self->customer);
  g_autoptr(GArray) children = NULL;

  if (parent != 0)
    {
      GtkWidget *row = account_row (self, parent, _("Belongs to"));
      if (row)
        section_add (&self->accounts, row);
    }
  children = sd_store_list_child_customers (self->store, sd_customer_get_id (self->customer), NULL);
  for (guint i = 0; children && i < children->len; i++)
    {
      GtkWidget *row = account_row (self, g_array_index (children, gint64, i),
                                    _("Store or branch of this account"));
      if (row)
        section_add (&self->accounts, row);
    }
}

static void
update_profile (SdCustomerDetail *self)
{
  const char *wechat = sd_customer_get_wechat (self->customer);
  const char *birthday = sd_customer_get_birthday (self->customer);
  const char *source = sd_customer_get_source (self->customer);

  if (*wechat)
    section_add (&self->profile, info_row (_("WeChat"), wechat, "chat-message-new-symbolic"));
  if (*birthday)
    {
      g_autofree char *day = sd_follow_up_format_day (birthday);
      section_add (&self->profile, info_row (_("Birthday"), day, "x-office-calendar-symbolic"));
    }
  if (*source)
    section_add (&self->profile, info_row (_("Came from"), source, "network-workgroup-symbolic"));

  /* 协议价: the prices this customer pays instead of the list price */
  {
    g_autoptr(GPtrArray) products = sd_store_list_products (self->store, FALSE, NULL);
    gint64 id = sd_customer_get_id (self->customer);

    for (guint i = 0; products && i < products->len; i++)
      {
        SdProduct *product = g_ptr_array_index (products, i);
        gint64 price = sd_store_price_for (self->store, id, product->id, NULL);
        g_autofree char *money = NULL;
        g_autofree char *text = NULL;

        if (price < 0 || price == product->price_fen)
          continue;
        money = sd_money_format (price);
        text = g_strdup_printf ("%s %s", product->name, money);
        section_add (&self->profile, info_row (_("Agreed price"), text, "emblem-documents-symbolic"));
      }
  }
}

static void
update_fields (SdCustomerDetail *self)
{
  g_autoptr(GPtrArray) fields = sd_store_list_custom_fields (self->store, FALSE, NULL);

  for (guint i = 0; fields && i < fields->len; i++)
    {
      SdCustomField *field = g_ptr_array_index (fields, i);
      const char *value = sd_customer_get_field (self->customer, field->id);
      g_autofree char *shown = sd_custom_field_display (field, value);
      GtkWidget *row;

      /* the profile shows what is known; the edit form lists every field */
      if (*shown == '\0')
        continue;
      row = info_row (field->label, shown, NULL);
      g_object_set_data_full (G_OBJECT (row), "label", g_strdup (field->label), g_free);
      section_add (&self->fields, row);
    }
}

static void
update_tags (SdCustomerDetail *self)
{
  g_autoptr(GPtrArray) tags = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  self->n_tags = 0;

  tags = sd_store_list_customer_tags (self->store, sd_customer_get_id (self->customer), NULL);
  for (guint i = 0; tags && i < tags->len; i++)
    {
      SdTag *tag = g_ptr_array_index (tags, i);
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *dot = gtk_label_new ("●");
      GtkWidget *name = gtk_label_new (tag->name);
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>", tag->color);

      gtk_label_set_markup (GTK_LABEL (dot), markup);
      gtk_box_append (GTK_BOX (chip), dot);
      gtk_box_append (GTK_BOX (chip), name);
      gtk_widget_add_css_class (chip, "tag-chip");
      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      if (tag->automatic)
        {
          gtk_widget_add_css_class (chip, "automatic");
          gtk_widget_set_tooltip_text (chip, tag->rule);
        }
      gtk_flow_box_append (self->tags_box, chip);
      self->n_tags++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), self->n_tags > 0);
}

static void
on_follow_up_saved (SdCustomerDetail *self,
                    gint64            customer_id)
{
  sd_follow_up_list_reload (self->follow_ups);
}

static void
on_log_follow_up (SdCustomerDetail *self)
{
  GtkWidget *dialog;

  if (self->customer == NULL || self->store == NULL)
    return;
  dialog = sd_follow_up_dialog_new (self->store, sd_customer_get_id (self->customer),
                                    sd_customer_get_name (self->customer));
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_follow_up_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update (SdCustomerDetail *self)
{
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *since = NULL;
  GPtrArray *phones, *addresses;
  Section *sections[] = { &self->phones, &self->addresses, &self->accounts, &self->profile,
                          &self->fields };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    section_clear (sections[i]);

  if (self->customer == NULL || self->store == NULL)
    {
      sd_follow_up_list_set_customer (self->follow_ups, NULL, 0);
      sd_balances_group_set_customer (self->balances, NULL, 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  sd_follow_up_list_set_customer (self->follow_ups, self->store, sd_customer_get_id (self->customer));
  sd_balances_group_set_customer (self->balances, self->store, sd_customer_get_id (self->customer));

  adw_avatar_set_text (self->avatar, sd_customer_get_name (self->customer));
  gtk_label_set_label (self->name_label, sd_customer_get_name (self->customer));
  gtk_label_set_label (self->kind_label, sd_customer_kind_label (sd_customer_get_kind (self->customer)));

  /* stored UTC, shown in local time */
  created = g_date_time_new_from_unix_utc (sd_customer_get_created (self->customer));
  local = created ? g_date_time_to_local (created) : NULL;
  /* TRANSLATORS: a date format, see g_date_time_format(); 2025年3月8日 in Chinese */
  date = local ? g_date_time_format (local, _("%Y-%m-%d")) : g_strdup ("");
  since = g_strdup_printf (_("Customer since %s"), date);
  gtk_label_set_label (self->since_label, since);

  update_tags (self);

  phones = sd_customer_get_phones (self->customer);
  for (guint i = 0; i < phones->len; i++)
    section_add (&self->phones, phone_row (g_ptr_array_index (phones, i)));

  addresses = sd_customer_get_addresses (self->customer);
  for (guint i = 0; i < addresses->len; i++)
    section_add (&self->addresses, address_row (g_ptr_array_index (addresses, i)));

  update_accounts (self);
  update_profile (self);
  update_fields (self);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    section_finish (sections[i]);

  gtk_label_set_label (self->note_label, sd_customer_get_note (self->customer));
  gtk_widget_set_visible (GTK_WIDGET (self->note_group),
                          *sd_customer_get_note (self->customer) != '\0');

  gtk_stack_set_visible_child_name (self->stack, "customer");
}

static void
sd_customer_detail_dispose (GObject *object)
{
  SdCustomerDetail *self = (SdCustomerDetail *) object;
  Section *sections[] = { &self->phones, &self->addresses, &self->accounts, &self->profile,
                          &self->fields };

  /* The bin's child is a bound template child: detach it through the bin first, or both
   * the template and AdwBin would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_CUSTOMER_DETAIL);
  g_clear_object (&self->customer);
  g_clear_object (&self->store);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_clear_pointer (&sections[i]->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_customer_detail_parent_class)->dispose (object);
}

static void
sd_customer_detail_class_init (SdCustomerDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_customer_detail_dispose;

  g_type_ensure (SD_TYPE_FOLLOW_UP_LIST);
  g_type_ensure (SD_TYPE_BALANCES_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-customer-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, avatar);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, kind_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, since_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, tags_box);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, phones_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, addresses_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, profile_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, fields_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, note_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, note_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, follow_ups);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDetail, balances);

  signals[SIGNAL_OPEN_CUSTOMER] =
    g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sd_customer_detail_init (SdCustomerDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->phones = (Section) { self->phones_group, g_ptr_array_new () };
  self->addresses = (Section) { self->addresses_group, g_ptr_array_new () };
  self->accounts = (Section) { self->accounts_group, g_ptr_array_new () };
  self->profile = (Section) { self->profile_group, g_ptr_array_new () };
  self->fields = (Section) { self->fields_group, g_ptr_array_new () };

  {
    GtkWidget *log = gtk_button_new ();
    GtkWidget *content = adw_button_content_new ();

    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Log Follow-up"));
    gtk_button_set_child (GTK_BUTTON (log), content);
    gtk_widget_add_css_class (log, "flat");
    gtk_widget_set_valign (log, GTK_ALIGN_CENTER);
    g_signal_connect_swapped (log, "clicked", G_CALLBACK (on_log_follow_up), self);
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->follow_ups), log);
  }
}

guint
sd_customer_detail_get_n_follow_ups (SdCustomerDetail *self)
{
  return sd_follow_up_list_get_n_entries (self->follow_ups);
}

void
sd_customer_detail_log_follow_up (SdCustomerDetail *self)
{
  on_log_follow_up (self);
}

void
sd_customer_detail_set_store (SdCustomerDetail *self,
                              SdStore          *store)
{
  g_return_if_fail (SD_IS_CUSTOMER_DETAIL (self));
  g_set_object (&self->store, store);
  update (self);
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
  return self->phones.rows->len;
}

guint
sd_customer_detail_get_n_address_rows (SdCustomerDetail *self)
{
  return self->addresses.rows->len;
}

guint
sd_customer_detail_get_n_tags (SdCustomerDetail *self)
{
  return self->n_tags;
}

guint
sd_customer_detail_get_n_field_rows (SdCustomerDetail *self)
{
  return self->fields.rows->len;
}

guint
sd_customer_detail_get_n_account_rows (SdCustomerDetail *self)
{
  return self->accounts.rows->len;
}

const char *
sd_customer_detail_get_field_text (SdCustomerDetail *self,
                                   const char       *label)
{
  for (guint i = 0; i < self->fields.rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->fields.rows, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "label"), label) == 0)
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
    }
  return NULL;
}
