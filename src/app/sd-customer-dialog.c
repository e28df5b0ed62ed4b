/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Add or edit a customer. The form is read into an SdCustomer and the core decides what
 * is valid; the dialog only shows the verdict next to the field it concerns. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sd-catalog.h"
#include "sd-custom-field.h"
#include "sd-map-settings.h"
#include "sd-map-setup.h"
#include "sd-money.h"
#include "sd-pricing.h"
#include "sd-customer-dialog.h"

typedef struct {
  AdwEntryRow *number;
  GtkEntry    *label;
} PhoneForm;

typedef struct {
  SdCustomField *field;
  GtkWidget     *row;   /* AdwEntryRow, or AdwComboRow for choices and yes/no */
} FieldForm;

typedef struct {
  gint64               id;
  gboolean             has_location;
  double               latitude, longitude;
  char                *district;
  AdwPreferencesGroup *group;
  AdwEntryRow         *text;
  AdwEntryRow         *instructions;
  AdwEntryRow         *label;
  GtkCheckButton      *is_default;
  AdwExpanderRow      *location_row;
  GtkWidget           *clear_location;
  SdMap               *map;   /* made when the location row is first opened */
} AddressForm;

struct _SdCustomerDialog
{
  AdwWindow            parent_instance;

  SdStore             *store;
  SdCustomer          *customer;   /* the copy being edited */
  GPtrArray           *phones;     /* PhoneForm */
  GPtrArray           *addresses;  /* AddressForm */
  GPtrArray           *fields;     /* FieldForm */
  gint64               parent_id;

  AdwWindowTitle      *title;
  GtkButton           *save_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwEntryRow         *name_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *note_row;
  AdwPreferencesGroup *phones_group;
  GtkBox              *addresses_box;
  AdwEntryRow         *wechat_row;
  AdwEntryRow         *birthday_row;
  AdwEntryRow         *source_row;
  GtkLabel            *parent_label;
  GtkPopover          *parent_popover;
  GtkSearchEntry      *parent_search;
  GtkListBox          *parent_results;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *prices_group;
  GPtrArray           *prices;     /* AdwEntryRow per product, "product-id" data */
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdCustomerDialog, sd_customer_dialog, ADW_TYPE_WINDOW)

static void clear_marks (SdCustomerDialog *self);

/* An error shown for the last Save goes away as soon as the user edits something. */
static void
on_edited (SdCustomerDialog *self)
{
  if (gtk_revealer_get_reveal_child (self->error_revealer))
    clear_marks (self);
}

static void
watch (SdCustomerDialog *self,
       GtkWidget        *widget)
{
  if (GTK_IS_EDITABLE (widget))
    g_signal_connect_object (widget, "changed", G_CALLBACK (on_edited), self, G_CONNECT_SWAPPED);
  else
    g_signal_connect_object (widget, "notify::selected", G_CALLBACK (on_edited), self,
                             G_CONNECT_SWAPPED);
}

static void
address_form_free (AddressForm *form)
{
  g_free (form->district);
  g_free (form);
}

static void
field_form_free (FieldForm *form)
{
  sd_custom_field_free (form->field);
  g_free (form);
}

/* --- owner-defined fields ------------------------------------------------------------------ */

static void
add_field_form (SdCustomerDialog *self,
                SdCustomField    *field,
                const char       *value)
{
  FieldForm *form = g_new0 (FieldForm, 1);
  g_autofree char *title = field->required ? g_strdup_printf ("%s *", field->label)
                                           : g_strdup (field->label);

  form->field = sd_custom_field_copy (field);
  if (field->kind == SD_FIELD_CHOICE || field->kind == SD_FIELD_BOOLEAN)
    {
      g_autoptr(GtkStringList) options = gtk_string_list_new (NULL);
      guint selected = 0;

      /* TRANSLATORS: the empty choice of a field that is not filled in */
      gtk_string_list_append (options, _("Not filled in"));
      if (field->kind == SD_FIELD_BOOLEAN)
        {
          gtk_string_list_append (options, _("Yes"));
          gtk_string_list_append (options, _("No"));
          selected = g_strcmp0 (value, "1") == 0 ? 1 : g_strcmp0 (value, "0") == 0 ? 2 : 0;
        }
      else
        for (guint i = 0; field->choices[i]; i++)
          {
            gtk_string_list_append (options, field->choices[i]);
            if (g_strcmp0 (value, field->choices[i]) == 0)
              selected = i + 1;
          }
      form->row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (form->row), G_LIST_MODEL (options));
      adw_combo_row_set_selected (ADW_COMBO_ROW (form->row), selected);
    }
  else
    {
      form->row = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (form->row), value ? value : "");
      if (field->kind == SD_FIELD_NUMBER)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (form->row), GTK_INPUT_PURPOSE_NUMBER);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->row), title);
  watch (self, form->row);
  adw_preferences_group_add (self->fields_group, form->row);
  g_ptr_array_add (self->fields, form);
}

static char *
field_form_value (FieldForm *form)
{
  if (ADW_IS_COMBO_ROW (form->row))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (form->row));

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        return g_strdup ("");
      if (form->field->kind == SD_FIELD_BOOLEAN)
        return g_strdup (selected == 1 ? "1" : "0");
      return g_strdup (form->field->choices[selected - 1]);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->row)));
}

/* --- parent account ------------------------------------------------------------------------ */

static void
show_parent (SdCustomerDialog *self)
{
  g_autoptr(SdCustomerSummary) parent = NULL;

  if (self->parent_id != 0)
    parent = sd_store_load_customer_summary (self->store, self->parent_id, NULL);
  gtk_label_set_label (self->parent_label, parent ? sd_customer_summary_get_name (parent) : _("None"));
}

static void
on_parent_search_changed (SdCustomerDialog *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->parent_search));
  g_autoptr(GArray) ids = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->parent_results))) != NULL)
    gtk_list_box_remove (self->parent_results, child);
  if (*query == '\0')
    return;

  ids = sd_store_search_customers (self->store, query, FALSE, NULL);
  for (guint i = 0; ids && i < ids->len && shown < 8; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SdCustomerSummary) summary = NULL;
      GtkWidget *row;

      if (id == sd_customer_get_id (self->customer))
        continue;
      summary = sd_store_load_customer_summary (self->store, id, NULL);
      if (summary == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sd_customer_summary_get_name (summary));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   sd_customer_kind_label (sd_customer_summary_get_kind (summary)));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "customer-id", GSIZE_TO_POINTER ((gsize) id));
      gtk_list_box_append (self->parent_results, row);
      shown++;
    }
}

static void
on_parent_chosen (SdCustomerDialog *self,
                  GtkListBoxRow    *row)
{
  self->parent_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "customer-id"));
  show_parent (self);
  gtk_popover_popdown (self->parent_popover);
}

static void
on_parent_cleared (SdCustomerDialog *self)
{
  self->parent_id = 0;
  show_parent (self);
  gtk_popover_popdown (self->parent_popover);
}

static void
action_source (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdCustomerDialog *self = SD_CUSTOMER_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->source_row), g_variant_get_string (parameter, NULL));
}

/* --- building the form ------------------------------------------------------------------- */

static void renumber (SdCustomerDialog *self);

static void
on_remove_phone (GtkButton        *button,
                 SdCustomerDialog *self)
{
  PhoneForm *form = g_object_get_data (G_OBJECT (button), "form");

  adw_preferences_group_remove (self->phones_group, GTK_WIDGET (form->number));
  g_ptr_array_remove (self->phones, form);
  renumber (self);
}

static void
add_phone_form (SdCustomerDialog *self,
                SdPhone          *phone)
{
  PhoneForm *form = g_new0 (PhoneForm, 1);
  GtkWidget *label = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  form->number = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_editable_set_text (GTK_EDITABLE (form->number), phone ? phone->number : "");
  gtk_widget_add_css_class (GTK_WIDGET (form->number), "numeric");
  adw_entry_row_set_input_purpose (form->number, GTK_INPUT_PURPOSE_PHONE);

  /* a short note beside the number: 手机, 前台, 王经理 … */
  gtk_editable_set_text (GTK_EDITABLE (label), phone ? phone->label : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (label), _("Whose?"));
  gtk_editable_set_width_chars (GTK_EDITABLE (label), 8);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (label, _("Whose number this is, e.g. mobile, front desk"));
  adw_entry_row_add_suffix (form->number, label);
  form->label = GTK_ENTRY (label);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Phone"));
  g_object_set_data (G_OBJECT (remove), "form", form);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_phone), self);
  adw_entry_row_add_suffix (form->number, remove);

  watch (self, GTK_WIDGET (form->number));
  adw_preferences_group_add (self->phones_group, GTK_WIDGET (form->number));
  g_ptr_array_add (self->phones, form);
}

static void
on_remove_address (GtkButton        *button,
                   SdCustomerDialog *self)
{
  AddressForm *form = g_object_get_data (G_OBJECT (button), "form");

  gtk_box_remove (self->addresses_box, GTK_WIDGET (form->group));
  g_ptr_array_remove (self->addresses, form);
  renumber (self);
}

static AdwEntryRow *
entry_row (const char *title,
           const char *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  return row;
}

/* --- an address's place on the map ----------------------------------------------------- */

static void
show_location (AddressForm *form)
{
  g_autofree char *text = NULL;

  if (form->has_location)
    text = g_strdup_printf ("%.6f, %.6f", form->latitude, form->longitude);
  adw_expander_row_set_subtitle (form->location_row,
                                 text ? text : _("Not set: open to place it on the map"));
  gtk_widget_set_sensitive (form->clear_location, form->has_location);
}

static void
on_pin_moved (SdMap            *map,
              double            lat,
              double            lon,
              SdCustomerDialog *self)
{
  AddressForm *form = g_object_get_data (G_OBJECT (map), "form");

  form->has_location = TRUE;
  form->latitude = round (lat * 1e6) / 1e6;   /* ~0.1 m, as addresses are stored */
  form->longitude = round (lon * 1e6) / 1e6;
  show_location (form);
  on_edited (self);
}

static void
on_clear_location (GtkButton        *button,
                   SdCustomerDialog *self)
{
  AddressForm *form = g_object_get_data (G_OBJECT (button), "form");

  form->has_location = FALSE;
  if (form->map != NULL)
    sd_map_clear_pin (form->map);
  show_location (form);
  on_edited (self);
}

static void
make_location_map (SdCustomerDialog *self,
                   AddressForm      *form)
{
  GtkWidget *row;
  double lat, lon;
  gboolean has_shop;

  form->map = SD_MAP (sd_map_new ());
  gtk_widget_set_size_request (GTK_WIDGET (form->map), -1, 280);
  gtk_widget_set_tooltip_text (GTK_WIDGET (form->map),
                               _("Click the map or drag the pin to where the delivery goes"));
  has_shop = sd_map_setup_from_store (form->map, self->store) &&
             sd_map_settings_get_shop_location (self->store, &lat, &lon);
  sd_map_set_pick_mode (form->map, TRUE);
  /* The stored place, else the shop's as a start for the owner to move from. */
  if (form->has_location)
    sd_map_go_to (form->map, form->latitude, form->longitude, 16);
  else if (has_shop)
    sd_map_go_to (form->map, lat, lon, 15);
  if (form->has_location)
    sd_map_set_pin (form->map, form->latitude, form->longitude);
  else if (has_shop)
    sd_map_set_pin (form->map, lat, lon);
  g_object_set_data (G_OBJECT (form->map), "form", form);
  g_signal_connect (form->map, "pin-moved", G_CALLBACK (on_pin_moved), self);

  adw_expander_row_add_row (form->location_row, GTK_WIDGET (form->map));
  row = gtk_widget_get_parent (GTK_WIDGET (form->map));
  if (GTK_IS_LIST_BOX_ROW (row))
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
    }
}

static void
on_location_expanded (AdwExpanderRow   *row,
                      GParamSpec       *pspec,
                      SdCustomerDialog *self)
{
  AddressForm *form = g_object_get_data (G_OBJECT (row), "form");

  if (adw_expander_row_get_expanded (row) && form->map == NULL)
    make_location_map (self, form);
}

static void
add_location_row (SdCustomerDialog *self,
                  AddressForm      *form)
{
  form->location_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->location_row),
                                 _("Location on the Map"));
  form->clear_location = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (form->clear_location, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (form->clear_location, "flat");
  gtk_widget_set_tooltip_text (form->clear_location, _("Forget This Location"));
  g_object_set_data (G_OBJECT (form->clear_location), "form", form);
  g_signal_connect (form->clear_location, "clicked", G_CALLBACK (on_clear_location), self);
  adw_expander_row_add_action (form->location_row, form->clear_location);
  g_object_set_data (G_OBJECT (form->location_row), "form", form);
  g_signal_connect (form->location_row, "notify::expanded", G_CALLBACK (on_location_expanded),
                    self);
  show_location (form);
  adw_preferences_group_add (form->group, GTK_WIDGET (form->location_row));
}

static void
add_address_form (SdCustomerDialog *self,
                  SdAddress        *address)
{
  AddressForm *form = g_new0 (AddressForm, 1);
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  form->id = address ? address->id : 0;
  form->has_location = address ? address->has_location : FALSE;
  form->latitude = address ? address->latitude : 0;
  form->longitude = address ? address->longitude : 0;
  form->district = g_strdup (address ? address->district : "");

  form->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  form->text = entry_row (_("Address"), address ? address->text : "");
  form->instructions = entry_row (_("Delivery instructions"),
                                  address ? address->instructions : "");
  form->label = entry_row (_("Label (home, office …)"), address ? address->label : "");
  watch (self, GTK_WIDGET (form->text));
  adw_preferences_group_add (form->group, GTK_WIDGET (form->text));
  adw_preferences_group_add (form->group, GTK_WIDGET (form->instructions));
  adw_preferences_group_add (form->group, GTK_WIDGET (form->label));
  add_location_row (self, form);

  form->is_default = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Default")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (form->is_default),
                               _("Orders go to the default address unless told otherwise"));
  if (self->addresses->len > 0)
    gtk_check_button_set_group (form->is_default,
                                ((AddressForm *) g_ptr_array_index (self->addresses, 0))->is_default);
  gtk_check_button_set_active (form->is_default,
                               address ? address->is_default : self->addresses->len == 0);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Address"));
  g_object_set_data (G_OBJECT (remove), "form", form);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_address), self);
  gtk_box_append (GTK_BOX (suffix), GTK_WIDGET (form->is_default));
  gtk_box_append (GTK_BOX (suffix), remove);
  adw_preferences_group_set_header_suffix (form->group, suffix);

  gtk_box_append (self->addresses_box, GTK_WIDGET (form->group));
  g_ptr_array_add (self->addresses, form);
}

static void
renumber (SdCustomerDialog *self)
{
  for (guint i = 0; i < self->phones->len; i++)
    {
      PhoneForm *form = g_ptr_array_index (self->phones, i);
      g_autofree char *title = i == 0 ? g_strdup (_("Phone (primary)"))
                                      : g_strdup_printf (_("Phone %u"), i + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->number), title);
    }
  for (guint i = 0; i < self->addresses->len; i++)
    {
      AddressForm *form = g_ptr_array_index (self->addresses, i);
      g_autofree char *title = g_strdup_printf (_("Delivery Address %u"), i + 1);
      adw_preferences_group_set_title (form->group, title);
    }
}

static void
on_add_phone (SdCustomerDialog *self)
{
  add_phone_form (self, NULL);
  renumber (self);
  gtk_widget_grab_focus (GTK_WIDGET (((PhoneForm *) g_ptr_array_index (self->phones,
                                                                      self->phones->len - 1))->number));
}

static void
on_add_address (SdCustomerDialog *self)
{
  add_address_form (self, NULL);
  renumber (self);
  gtk_widget_grab_focus (GTK_WIDGET (((AddressForm *) g_ptr_array_index (self->addresses,
                                                                        self->addresses->len - 1))->text));
}

/* --- reading and saving ------------------------------------------------------------------- */

static void
clear_marks (SdCustomerDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  for (guint i = 0; i < self->phones->len; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (((PhoneForm *) g_ptr_array_index (self->phones, i))->number), "error");
  for (guint i = 0; i < self->addresses->len; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (((AddressForm *) g_ptr_array_index (self->addresses, i))->text), "error");
  for (guint i = 0; i < self->fields->len; i++)
    gtk_widget_remove_css_class (((FieldForm *) g_ptr_array_index (self->fields, i))->row, "error");
  for (guint i = 0; self->prices && i < self->prices->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->prices, i), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->birthday_row), "error");
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_label (self->error_label, "");
}

static void
show_error (SdCustomerDialog *self,
            const GError     *error)
{
  GtkWidget *field = NULL;

  gtk_label_set_label (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);

  if (error->domain == SD_CUSTOMER_ERROR)
    {
      switch (error->code)
        {
        case SD_CUSTOMER_ERROR_NAME:
          field = GTK_WIDGET (self->name_row);
          break;
        case SD_CUSTOMER_ERROR_PHONE:
          /* mark the first phone the core cannot read */
          for (guint i = 0; i < self->phones->len && !field; i++)
            {
              PhoneForm *form = g_ptr_array_index (self->phones, i);
              const char *text = gtk_editable_get_text (GTK_EDITABLE (form->number));
              g_autofree char *normal = sd_phone_normalize (text, NULL);
              g_autofree char *stripped = g_strstrip (g_strdup (text));
              if (normal == NULL && *stripped != '\0')
                field = GTK_WIDGET (form->number);
            }
          if (field == NULL && self->phones->len > 0)
            field = GTK_WIDGET (((PhoneForm *) g_ptr_array_index (self->phones, 0))->number);
          break;
        case SD_CUSTOMER_ERROR_ADDRESS:
        case SD_CUSTOMER_ERROR_LOCATION:
          if (self->addresses->len > 0)
            field = GTK_WIDGET (((AddressForm *) g_ptr_array_index (self->addresses, 0))->text);
          break;
        case SD_CUSTOMER_ERROR_BIRTHDAY:
          field = GTK_WIDGET (self->birthday_row);
          break;
        case SD_CUSTOMER_ERROR_FIELD:
          /* the core names the field first in its message */
          for (guint i = 0; i < self->fields->len && !field; i++)
            {
              FieldForm *form = g_ptr_array_index (self->fields, i);
              if (strstr (error->message, form->field->label) != NULL)
                field = form->row;
            }
          break;
        default:
          break;
        }
    }
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static SdCustomer *
read_form (SdCustomerDialog *self)
{
  SdCustomer *customer = sd_customer_copy (self->customer);

  sd_customer_set_name (customer, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  sd_customer_set_kind (customer, (SdCustomerKind) adw_combo_row_get_selected (self->kind_row));
  sd_customer_set_note (customer, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  sd_customer_set_wechat (customer, gtk_editable_get_text (GTK_EDITABLE (self->wechat_row)));
  sd_customer_set_birthday (customer, gtk_editable_get_text (GTK_EDITABLE (self->birthday_row)));
  sd_customer_set_source (customer, gtk_editable_get_text (GTK_EDITABLE (self->source_row)));
  sd_customer_set_parent_id (customer, self->parent_id);
  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldForm *form = g_ptr_array_index (self->fields, i);
      g_autofree char *value = field_form_value (form);
      sd_customer_set_field (customer, form->field->id, value);
    }

  g_ptr_array_set_size (sd_customer_get_phones (customer), 0);
  for (guint i = 0; i < self->phones->len; i++)
    {
      PhoneForm *form = g_ptr_array_index (self->phones, i);
      sd_customer_add_phone (customer, gtk_editable_get_text (GTK_EDITABLE (form->number)),
                             gtk_editable_get_text (GTK_EDITABLE (form->label)));
    }

  g_ptr_array_set_size (sd_customer_get_addresses (customer), 0);
  for (guint i = 0; i < self->addresses->len; i++)
    {
      AddressForm *form = g_ptr_array_index (self->addresses, i);
      SdAddress *address = sd_address_new (gtk_editable_get_text (GTK_EDITABLE (form->text)));

      address->id = form->id;
      address->has_location = form->has_location;
      address->latitude = form->latitude;
      address->longitude = form->longitude;
      g_free (address->district);
      address->district = g_strdup (form->district);
      g_free (address->instructions);
      address->instructions = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->instructions)));
      g_free (address->label);
      address->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->label)));
      address->is_default = gtk_check_button_get_active (form->is_default);
      sd_customer_add_address (customer, address);
    }
  return customer;
}

/* --- agreed prices (协议价) ---------------------------------------------------------------- */

static void
add_price_rows (SdCustomerDialog *self)
{
  g_autoptr(GPtrArray) products = sd_store_list_products (self->store, FALSE, NULL);
  gint64 customer_id = sd_customer_get_id (self->customer);

  for (guint i = 0; products && i < products->len; i++)
    {
      SdProduct *product = g_ptr_array_index (products, i);
      g_autofree char *list_price = sd_money_format (product->price_fen);
      g_autofree char *title = g_strdup_printf (_("%s (list price %s)"), product->name, list_price);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (customer_id != 0)
        {
          gint64 price = sd_store_price_for (self->store, customer_id, product->id, NULL);
          if (price >= 0 && price != product->price_fen)
            {
              g_autofree char *agreed = sd_money_format_plain (price);
              gtk_editable_set_text (GTK_EDITABLE (row), agreed);
            }
        }
      g_object_set_data (G_OBJECT (row), "product-id", GSIZE_TO_POINTER ((gsize) product->id));
      g_object_set_data (G_OBJECT (row), "list-price", GSIZE_TO_POINTER ((gsize) product->price_fen));
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (product->name), g_free);
      watch (self, row);
      adw_preferences_group_add (self->prices_group, row);
      g_ptr_array_add (self->prices, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->prices_group), self->prices->len > 0);
}

/* Writes the agreed prices typed; an empty row is the list price. Inside the save's
 * transaction, so a bad price leaves the customer unsaved too. */
static gboolean
write_prices (SdCustomerDialog  *self,
              gint64             customer_id,
              GtkWidget        **bad_row,
              GError           **error)
{
  for (guint i = 0; i < self->prices->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->prices, i);
      gint64 product_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "product-id"));
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      g_autoptr(GError) local = NULL;
      gint64 price = 0;

      *bad_row = row;
      if (*text == '\0')
        {
          if (!sd_store_remove_customer_price (self->store, customer_id, product_id, error))
            return FALSE;
          continue;
        }
      if (!sd_money_parse (text, &price, &local))
        {
          g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_FIELD, "%s: %s",
                       (const char *) g_object_get_data (G_OBJECT (row), "name"), local->message);
          return FALSE;
        }
      if (!sd_store_set_customer_price (self->store, customer_id, product_id, price, error))
        return FALSE;
    }
  *bad_row = NULL;
  return TRUE;
}

gboolean
sd_customer_dialog_save (SdCustomerDialog *self)
{
  g_autoptr(SdCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *bad_row = NULL;

  g_return_val_if_fail (SD_IS_CUSTOMER_DIALOG (self), FALSE);

  clear_marks (self);
  customer = read_form (self);
  /* the customer and their prices are one action: one transaction */
  if (!sd_store_begin (self->store, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  if (!sd_store_save_customer (self->store, customer, &error) ||
      !write_prices (self, sd_customer_get_id (customer), &bad_row, &error))
    sd_store_rollback (self->store);
  else if (!sd_store_commit (self->store, &error))
    bad_row = NULL;   /* a failed commit has already rolled back */
  if (error != NULL)
    {
      show_error (self, error);
      if (bad_row != NULL)
        {
          gtk_widget_add_css_class (bad_row, "error");
          gtk_widget_grab_focus (bad_row);
        }
      return FALSE;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, sd_customer_get_id (customer));
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_save_clicked (SdCustomerDialog *self)
{
  sd_customer_dialog_save (self);
}

static void
on_cancel_clicked (SdCustomerDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* --- type ---------------------------------------------------------------------------------- */

static void
sd_customer_dialog_dispose (GObject *object)
{
  SdCustomerDialog *self = (SdCustomerDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_CUSTOMER_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->customer);
  g_clear_pointer (&self->phones, g_ptr_array_unref);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->prices, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_customer_dialog_parent_class)->dispose (object);
}

static void
sd_customer_dialog_class_init (SdCustomerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_customer_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-customer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, title);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, phones_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, addresses_box);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, wechat_row);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, parent_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, parent_popover);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, parent_search);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, parent_results);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerDialog, prices_group);
  gtk_widget_class_bind_template_callback (widget_class, on_parent_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_parent_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_parent_cleared);
  gtk_widget_class_install_action (widget_class, "dialog.source", "s", action_source);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_phone);
  gtk_widget_class_bind_template_callback (widget_class, on_add_address);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                (GtkShortcutFunc) sd_customer_dialog_save, NULL);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sd_customer_dialog_init (SdCustomerDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->phones = g_ptr_array_new_with_free_func (g_free);
  self->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) address_form_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_form_free);
  self->prices = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < SD_CUSTOMER_N_KINDS; i++)
    gtk_string_list_append (kinds, sd_customer_kind_label ((SdCustomerKind) i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  watch (self, GTK_WIDGET (self->name_row));
  watch (self, GTK_WIDGET (self->birthday_row));
}

GtkWidget *
sd_customer_dialog_new (SdStore    *store,
                        SdCustomer *customer)
{
  SdCustomerDialog *self = g_object_new (SD_TYPE_CUSTOMER_DIALOG, NULL);
  GPtrArray *phones, *addresses;

  self->store = g_object_ref (store);
  self->customer = customer ? sd_customer_copy (customer) : sd_customer_new ();

  adw_window_title_set_title (self->title, customer ? _("Edit Customer") : _("New Customer"));
  gtk_window_set_title (GTK_WINDOW (self), customer ? _("Edit Customer") : _("New Customer"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), sd_customer_get_name (self->customer));
  adw_combo_row_set_selected (self->kind_row, sd_customer_get_kind (self->customer));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), sd_customer_get_note (self->customer));
  gtk_editable_set_text (GTK_EDITABLE (self->wechat_row), sd_customer_get_wechat (self->customer));
  gtk_editable_set_text (GTK_EDITABLE (self->birthday_row), sd_customer_get_birthday (self->customer));
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), sd_customer_get_source (self->customer));
  self->parent_id = sd_customer_get_parent_id (self->customer);
  show_parent (self);

  {
    g_autoptr(GPtrArray) fields = sd_store_list_custom_fields (store, FALSE, NULL);
    for (guint i = 0; fields && i < fields->len; i++)
      {
        SdCustomField *field = g_ptr_array_index (fields, i);
        add_field_form (self, field, sd_customer_get_field (self->customer, field->id));
      }
    gtk_widget_set_visible (GTK_WIDGET (self->fields_group), fields && fields->len > 0);
  }
  add_price_rows (self);

  phones = sd_customer_get_phones (self->customer);
  for (guint i = 0; i < phones->len; i++)
    add_phone_form (self, g_ptr_array_index (phones, i));
  if (phones->len == 0)
    add_phone_form (self, NULL);

  addresses = sd_customer_get_addresses (self->customer);
  for (guint i = 0; i < addresses->len; i++)
    add_address_form (self, g_ptr_array_index (addresses, i));
  if (addresses->len == 0)
    add_address_form (self, NULL);

  renumber (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return GTK_WIDGET (self);
}

void
sd_customer_dialog_set_name (SdCustomerDialog *self,
                             const char       *name)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

void
sd_customer_dialog_set_phone (SdCustomerDialog *self,
                              guint             index,
                              const char       *number)
{
  while (self->phones->len <= index)
    add_phone_form (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (((PhoneForm *) g_ptr_array_index (self->phones, index))->number),
                         number);
}

void
sd_customer_dialog_set_address (SdCustomerDialog *self,
                                guint             index,
                                const char       *text,
                                const char       *instructions)
{
  AddressForm *form;

  while (self->addresses->len <= index)
    add_address_form (self, NULL);
  form = g_ptr_array_index (self->addresses, index);
  gtk_editable_set_text (GTK_EDITABLE (form->text), text);
  gtk_editable_set_text (GTK_EDITABLE (form->instructions), instructions ? instructions : "");
}

gboolean
sd_customer_dialog_set_field (SdCustomerDialog *self,
                              const char       *label,
                              const char       *value)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldForm *form = g_ptr_array_index (self->fields, i);

      if (!g_str_equal (form->field->label, label))
        continue;
      if (ADW_IS_COMBO_ROW (form->row))
        {
          GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (form->row));
          for (guint j = 0; j < g_list_model_get_n_items (model); j++)
            if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), j), value))
              {
                adw_combo_row_set_selected (ADW_COMBO_ROW (form->row), j);
                return TRUE;
              }
          return FALSE;
        }
      gtk_editable_set_text (GTK_EDITABLE (form->row), value);
      return TRUE;
    }
  return FALSE;
}

void
sd_customer_dialog_set_profile (SdCustomerDialog *self,
                                const char       *wechat,
                                const char       *birthday,
                                const char       *source,
                                gint64            parent_id)
{
  gtk_editable_set_text (GTK_EDITABLE (self->wechat_row), wechat);
  gtk_editable_set_text (GTK_EDITABLE (self->birthday_row), birthday);
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), source);
  self->parent_id = parent_id;
  show_parent (self);
}

gboolean
sd_customer_dialog_set_agreed_price (SdCustomerDialog *self,
                                     gint64            product_id,
                                     const char       *price)
{
  for (guint i = 0; i < self->prices->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->prices, i);
      if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "product-id")) == product_id)
        {
          gtk_editable_set_text (GTK_EDITABLE (row), price);
          return TRUE;
        }
    }
  return FALSE;
}

GtkWidget *
sd_customer_dialog_show_location (SdCustomerDialog *self,
                                  guint             index)
{
  AddressForm *form;

  g_return_val_if_fail (SD_IS_CUSTOMER_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->addresses->len, NULL);

  form = g_ptr_array_index (self->addresses, index);
  adw_expander_row_set_expanded (form->location_row, TRUE);
  return GTK_WIDGET (form->map);
}

const char *
sd_customer_dialog_get_error (SdCustomerDialog *self)
{
  return gtk_label_get_label (self->error_label);
}
