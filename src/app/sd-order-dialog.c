/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Taking an order on the phone (电话下单), keyboard first: type the caller's number, Enter,
 * and the last order is back with the default address, prices and the payment the
 * customer usually uses; Ctrl+Enter stores it. The core validates and prices; the dialog
 * only shows its verdict next to the field concerned. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-catalog.h"
#include "sd-customer-dialog.h"
#include "sd-customer-store.h"
#include "sd-date.h"
#include "sd-ledger.h"
#include "sd-money.h"
#include "sd-order-dialog.h"
#include "sd-pricing.h"

#define MAX_RESULTS 6
/* From this many digits on, a number nobody has is offered as a new customer. */
#define MIN_NEW_PHONE_DIGITS 7
#define WHO_SETTING "order.who"
#define FALLBACK_WHO_SETTING "follow_up.who"

typedef struct {
  GtkWidget     *row;        /* AdwActionRow */
  GtkDropDown   *product;
  GtkSpinButton *quantity;
  GtkLabel      *total;
} LineForm;

struct _SdOrderDialog
{
  AdwWindow            parent_instance;

  SdStore             *store;
  char                *who;
  GPtrArray           *products;     /* SdProduct*, the dropdowns' order */
  GHashTable          *prices;       /* product id → price for the customer (gint64*) */
  GPtrArray           *lines;        /* LineForm* */
  GArray              *address_ids;  /* gint64, the address dropdown's order */
  gint64               customer_id;
  SdBalances           balances;
  char                *searched;     /* the query the result list shows */
  GtkWidget           *customer_dialog;   /* weak */
  gint64               total_fen;
  char                *tickets_text;

  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkSearchEntry      *search_entry;
  GtkListBox          *results;
  AdwActionRow        *customer_row;
  AdwComboRow         *address_row;
  AdwPreferencesGroup *lines_group;
  GtkButton           *add_line_button;
  AdwComboRow         *day_row;
  AdwComboRow         *slot_row;
  AdwComboRow         *payment_row;
  AdwEntryRow         *note_row;
  GtkLabel            *total_label;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdOrderDialog, sd_order_dialog, ADW_TYPE_WINDOW)

static void clear_marks (SdOrderDialog *self);
static void pick_customer (SdOrderDialog *self, gint64 customer_id);

/* --- helpers ------------------------------------------------------------------------------ */

static const SdProduct *
product_at (SdOrderDialog *self,
            guint          index)
{
  if (index >= self->products->len)
    return NULL;
  return g_ptr_array_index (self->products, index);
}

static guint
product_index (SdOrderDialog *self,
               gint64         product_id)
{
  for (guint i = 0; i < self->products->len; i++)
    if (((SdProduct *) g_ptr_array_index (self->products, i))->id == product_id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The customer's price of the product (their 协议价 or the list price), asked once. */
static gint64
price_of (SdOrderDialog   *self,
          const SdProduct *product)
{
  gint64 *cached = g_hash_table_lookup (self->prices, &product->id);
  gint64 price;

  if (cached != NULL)
    return *cached;
  price = sd_store_price_for (self->store, self->customer_id, product->id, NULL);
  if (price < 0)
    price = product->price_fen;
  g_hash_table_insert (self->prices, g_memdup2 (&product->id, sizeof (gint64)),
                       g_memdup2 (&price, sizeof (gint64)));
  return price;
}

static guint
count_digits (const char *text)
{
  guint n = 0;

  for (; *text; text++)
    n += g_ascii_isdigit (*text) ? 1 : 0;
  return n;
}

static char *
digits_of (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (; *text; text++)
    if (g_ascii_isdigit (*text))
      g_string_append_c (digits, *text);
  return g_string_free (digits, FALSE);
}

/* --- total and tickets --------------------------------------------------------------------- */

static void
update_tickets (SdOrderDialog *self)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; self->customer_id != 0 && i < self->lines->len; i++)
    {
      LineForm *form = g_ptr_array_index (self->lines, i);
      const SdProduct *product = product_at (self, gtk_drop_down_get_selected (form->product));
      gint64 held;

      if (product == NULL || g_hash_table_contains (seen, &product->id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&product->id, sizeof (gint64)));
      held = sd_balances_get_tickets (&self->balances, product->id);
      if (held == 0 && !sd_store_product_has_tickets (self->store, product->id))
        continue;
      if (text->len > 0)
        g_string_append (text, _(", "));
      /* TRANSLATORS: the customer's water tickets of a product, e.g. “18.9L 桶装水: 12 left” */
      g_string_append_printf (text, _("%s: %lld tickets left"), product->name, (long long) held);
    }
  g_free (self->tickets_text);
  self->tickets_text = g_string_free (text, FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->payment_row), self->tickets_text);
}

/* Paid with tickets: the order pays with tickets and the customer holds tickets of the
 * product or the shop sells them (a shortfall is settled at the door). */
static gboolean
line_by_tickets (SdOrderDialog   *self,
                 const SdProduct *product)
{
  if (product == NULL || self->customer_id == 0 ||
      adw_combo_row_get_selected (self->payment_row) != SD_PAY_TICKETS)
    return FALSE;
  return sd_balances_get_tickets (&self->balances, product->id) > 0 ||
         sd_store_product_has_tickets (self->store, product->id);
}

/* Each line shows what it costs the customer — money, or tickets when tickets pay for it —
 * and the total the two together: "3 tickets + ¥15.00". */
static void
update_total (SdOrderDialog *self)
{
  g_autofree char *money = NULL;
  g_autofree char *shown = NULL;
  int tickets = 0;

  self->total_fen = 0;
  for (guint i = 0; i < self->lines->len; i++)
    {
      LineForm *form = g_ptr_array_index (self->lines, i);
      const SdProduct *product = product_at (self, gtk_drop_down_get_selected (form->product));
      int quantity = gtk_spin_button_get_value_as_int (form->quantity);
      g_autofree char *line_text = NULL;

      if (line_by_tickets (self, product))
        {
          line_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d ticket", "%d tickets",
                                                    quantity), quantity);
          tickets += quantity;
        }
      else
        {
          gint64 line_fen = product ? price_of (self, product) * quantity : 0;

          line_text = sd_money_format (line_fen);
          self->total_fen += line_fen;
        }
      gtk_label_set_label (form->total, line_text);
    }
  money = sd_money_format (self->total_fen);
  if (tickets == 0)
    shown = g_steal_pointer (&money);
  else
    {
      g_autofree char *in_tickets =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d ticket", "%d tickets", tickets), tickets);

      /* TRANSLATORS: an order's total paid partly with water tickets: "3 tickets + ¥15.00" */
      shown = self->total_fen > 0 ? g_strdup_printf (_("%s + %s"), in_tickets, money)
                                  : g_steal_pointer (&in_tickets);
    }
  gtk_label_set_label (self->total_label, shown);
  update_tickets (self);
}

static void
on_line_edited (SdOrderDialog *self)
{
  if (gtk_revealer_get_reveal_child (self->error_revealer))
    clear_marks (self);
  update_total (self);
}

/* --- lines --------------------------------------------------------------------------------- */

static void
remove_line (SdOrderDialog *self,
             LineForm      *form)
{
  adw_preferences_group_remove (self->lines_group, form->row);
  g_ptr_array_remove (self->lines, form);
  on_line_edited (self);
}

static void
on_remove_line (GtkButton     *button,
                SdOrderDialog *self)
{
  remove_line (self, g_object_get_data (G_OBJECT (button), "form"));
  gtk_widget_grab_focus (self->lines->len > 0
                         ? GTK_WIDGET (((LineForm *) g_ptr_array_index (self->lines, 0))->quantity)
                         : GTK_WIDGET (self->add_line_button));
}

/* Enter in a quantity goes on to the note, where Enter saves. (GtkSpinButton has no
 * activate signal before GTK 4.14.) */
static gboolean
on_quantity_key (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 SdOrderDialog         *self)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
  return GDK_EVENT_STOP;
}

static LineForm *
add_line (SdOrderDialog *self,
          gint64         product_id,
          int            quantity)
{
  LineForm *form = g_new0 (LineForm, 1);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  guint index = product_index (self, product_id);
  GtkEventController *keys;

  for (guint i = 0; i < self->products->len; i++)
    gtk_string_list_append (names, ((SdProduct *) g_ptr_array_index (self->products, i))->name);

  form->row = adw_action_row_new ();
  form->product = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (form->product), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (form->product), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (form->product), _("Product"));
  gtk_drop_down_set_selected (form->product, index != GTK_INVALID_LIST_POSITION ? index : 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (form->row), GTK_WIDGET (form->product));

  form->quantity = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 999, 1));
  gtk_spin_button_set_value (form->quantity, quantity);
  gtk_widget_set_valign (GTK_WIDGET (form->quantity), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (form->quantity), _("Quantity"));
  gtk_widget_add_css_class (GTK_WIDGET (form->quantity), "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (form->row), GTK_WIDGET (form->quantity));

  form->total = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_width_chars (form->total, 9);
  gtk_label_set_xalign (form->total, 1);
  gtk_widget_add_css_class (GTK_WIDGET (form->total), "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (form->row), GTK_WIDGET (form->total));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Item"));
  g_object_set_data (G_OBJECT (remove), "form", form);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_line), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (form->row), remove);

  g_signal_connect_object (form->product, "notify::selected", G_CALLBACK (on_line_edited), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (form->quantity, "value-changed", G_CALLBACK (on_line_edited), self,
                           G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_quantity_key), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (form->quantity), keys);

  adw_preferences_group_add (self->lines_group, form->row);
  g_ptr_array_add (self->lines, form);
  return form;
}

static void
on_add_line (SdOrderDialog *self)
{
  const SdProduct *first = product_at (self, 0);
  LineForm *form = add_line (self, first ? first->id : 0, 1);

  on_line_edited (self);
  gtk_widget_grab_focus (GTK_WIDGET (form->product));
}

static void
clear_lines (SdOrderDialog *self)
{
  while (self->lines->len > 0)
    {
      LineForm *form = g_ptr_array_index (self->lines, self->lines->len - 1);
      adw_preferences_group_remove (self->lines_group, form->row);
      g_ptr_array_remove_index (self->lines, self->lines->len - 1);
    }
}

/* --- search -------------------------------------------------------------------------------- */

static void
on_new_customer_saved (SdOrderDialog *self,
                       gint64         customer_id)
{
  pick_customer (self, customer_id);
}

static void
open_new_customer (SdOrderDialog *self,
                   const char    *number)
{
  GtkWidget *dialog = sd_customer_dialog_new (self->store, NULL);

  sd_customer_dialog_set_phone (SD_CUSTOMER_DIALOG (dialog), 0, number);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_new_customer_saved), self,
                           G_CONNECT_SWAPPED);
  g_clear_weak_pointer (&self->customer_dialog);
  g_set_weak_pointer (&self->customer_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
result_row (const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
refresh_results (SdOrderDialog *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (query));
  g_autoptr(GArray) ids = NULL;
  GtkWidget *child;
  guint shown = 0;

  g_free (self->searched);
  self->searched = g_strdup (query);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);

  if (*stripped != '\0')
    ids = sd_store_search_customers (self->store, stripped, FALSE, NULL);
  for (guint i = 0; ids && i < ids->len && shown < MAX_RESULTS; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SdCustomerSummary) summary = sd_store_load_customer_summary (self->store, id, NULL);
      g_autofree char *phone = NULL, *subtitle = NULL;
      GtkWidget *row;

      if (summary == NULL)
        continue;
      phone = sd_phone_format (sd_customer_summary_get_phone (summary));
      subtitle = g_strdup_printf ("%s  %s", phone ? phone : "",
                                  sd_customer_summary_get_address (summary));
      row = result_row (sd_customer_summary_get_name (summary), g_strstrip (subtitle));
      g_object_set_data (G_OBJECT (row), "customer-id", GSIZE_TO_POINTER ((gsize) id));
      gtk_list_box_append (self->results, row);
      shown++;
    }

  if (shown == 0 && count_digits (stripped) >= MIN_NEW_PHONE_DIGITS)
    {
      g_autofree char *digits = digits_of (stripped);
      g_autofree char *formatted = sd_phone_format (digits);
      GtkWidget *row = result_row (_("New customer with this number"),
                                   formatted ? formatted : digits);

      g_object_set_data_full (G_OBJECT (row), "new-phone", g_steal_pointer (&digits), g_free);
      gtk_list_box_append (self->results, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->results), shown > 0);
  if (shown > 0)
    gtk_list_box_select_row (self->results, gtk_list_box_get_row_at_index (self->results, 0));
}

static void
on_search_changed (SdOrderDialog *self)
{
  refresh_results (self);
}

static void
on_result_activated (SdOrderDialog *self,
                     GtkListBoxRow *row)
{
  const char *new_phone = g_object_get_data (G_OBJECT (row), "new-phone");

  if (new_phone != NULL)
    {
      g_autofree char *number = g_strdup (new_phone);
      open_new_customer (self, number);
      return;
    }
  pick_customer (self, (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "customer-id")));
}

/* Enter takes the highlighted result; the search may not have run yet for what was typed
 * (it waits for a pause in typing), so run it now. */
static void
on_search_activate (SdOrderDialog *self)
{
  GtkListBoxRow *row;

  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    refresh_results (self);
  row = gtk_list_box_get_selected_row (self->results);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->results, 0);
  if (row != NULL)
    on_result_activated (self, row);
}

/* Up and Down move in the results while the focus stays in the entry. */
static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               SdOrderDialog         *self)
{
  GtkListBoxRow *selected, *next;
  int index, step;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = -1;
  else
    return GDK_EVENT_PROPAGATE;

  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    refresh_results (self);
  selected = gtk_list_box_get_selected_row (self->results);
  index = selected ? gtk_list_box_row_get_index (selected) + step : 0;
  next = gtk_list_box_get_row_at_index (self->results, MAX (index, 0));
  if (next != NULL)
    gtk_list_box_select_row (self->results, next);
  return GDK_EVENT_STOP;
}

/* --- the customer -------------------------------------------------------------------------- */

static void
pick_customer (SdOrderDialog *self,
               gint64         customer_id)
{
  g_autoptr(SdCustomer) customer = NULL;
  g_autoptr(GPtrArray) last = NULL;
  g_autoptr(GtkStringList) addresses = gtk_string_list_new (NULL);
  g_autofree char *phone = NULL;
  GPtrArray *list;
  guint default_index = 0;
  gboolean has_tickets = FALSE;

  customer = sd_store_load_customer (self->store, customer_id, NULL);
  if (customer == NULL)
    return;

  clear_marks (self);
  self->customer_id = customer_id;
  g_hash_table_remove_all (self->prices);
  sd_balances_clear (&self->balances);
  sd_store_get_balances (self->store, customer_id, &self->balances, NULL);

  phone = sd_phone_format (sd_customer_get_primary_phone (customer));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->customer_row),
                                 sd_customer_get_name (customer));
  adw_action_row_set_subtitle (self->customer_row, phone ? phone : "");

  list = sd_customer_get_addresses (customer);
  g_array_set_size (self->address_ids, 0);
  for (guint i = 0; i < list->len; i++)
    {
      SdAddress *address = g_ptr_array_index (list, i);
      g_autofree char *text = *address->label ? g_strdup_printf ("%s · %s", address->label, address->text)
                                              : g_strdup (address->text);
      gtk_string_list_append (addresses, text);
      g_array_append_val (self->address_ids, address->id);
      if (address->is_default)
        default_index = i;
    }
  adw_combo_row_set_model (self->address_row, G_LIST_MODEL (addresses));
  adw_combo_row_set_selected (self->address_row, default_index);
  gtk_widget_set_sensitive (GTK_WIDGET (self->address_row), list->len > 0);

  clear_lines (self);
  last = sd_store_last_order_lines (self->store, customer_id, NULL);
  for (guint i = 0; last && i < last->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (last, i);
      add_line (self, line->product_id, line->quantity);
      has_tickets |= sd_balances_get_tickets (&self->balances, line->product_id) > 0;
    }
  if (self->lines->len == 0 && self->products->len > 0)
    add_line (self, ((SdProduct *) g_ptr_array_index (self->products, 0))->id, 1);

  adw_combo_row_set_selected (self->payment_row,
                              has_tickets ? SD_PAY_TICKETS : SD_PAY_CASH_ON_DELIVERY);

  gtk_widget_set_visible (GTK_WIDGET (self->results), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_free (self->searched);
  self->searched = g_strdup ("");
  update_total (self);
  if (self->lines->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (((LineForm *) g_ptr_array_index (self->lines, 0))->quantity));
}

/* --- saving -------------------------------------------------------------------------------- */

static void
clear_marks (SdOrderDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->address_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_line_button), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->payment_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->day_row), "error");
  for (guint i = 0; i < self->lines->len; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (((LineForm *) g_ptr_array_index (self->lines, i))->quantity),
                                 "error");
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_label (self->error_label, "");
}

/* Which field the core's refusal is about, from the state of the form. */
static GtkWidget *
field_for_error (SdOrderDialog *self,
                 const GError  *error)
{
  if (error->domain != SD_ORDER_ERROR)
    return NULL;
  if (error->code == SD_ORDER_ERROR_NOT_ENOUGH_TICKETS ||
      error->code == SD_ORDER_ERROR_NOT_ENOUGH_PREPAID)
    return GTK_WIDGET (self->payment_row);
  if (error->code != SD_ORDER_ERROR_INVALID)
    return NULL;
  if (self->customer_id == 0)
    return GTK_WIDGET (self->search_entry);
  if (self->lines->len == 0)
    return GTK_WIDGET (self->add_line_button);
  for (guint i = 0; i < self->lines->len; i++)
    {
      LineForm *form = g_ptr_array_index (self->lines, i);
      if (gtk_spin_button_get_value_as_int (form->quantity) <= 0)
        return GTK_WIDGET (form->quantity);
    }
  if (self->address_ids->len == 0)
    return GTK_WIDGET (self->address_row);
  return NULL;
}

static void
show_error (SdOrderDialog *self,
            const GError  *error)
{
  GtkWidget *field = field_for_error (self, error);

  gtk_label_set_label (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static SdOrder *
read_form (SdOrderDialog *self)
{
  guint address = adw_combo_row_get_selected (self->address_row);
  guint day = adw_combo_row_get_selected (self->day_row);
  guint payment = adw_combo_row_get_selected (self->payment_row);
  guint slot = adw_combo_row_get_selected (self->slot_row);
  g_autofree char *today = sd_date_today ();
  g_autofree char *date = sd_date_add_days (today, day == 1 ? 1 : 0);
  SdOrder *order;

  order = sd_order_new (self->customer_id,
                        address < self->address_ids->len ? g_array_index (self->address_ids, gint64, address) : 0,
                        date,
                        payment < SD_ORDER_N_PAYMENTS ? (SdOrderPayment) payment : SD_PAY_CASH_ON_DELIVERY);
  order->channel = SD_CHANNEL_PHONE;
  order->slot = slot <= SD_SLOT_EVENING ? (SdOrderSlot) slot : SD_SLOT_ANY;
  g_free (order->note);
  order->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  for (guint i = 0; i < self->lines->len; i++)
    {
      LineForm *form = g_ptr_array_index (self->lines, i);
      const SdProduct *product = product_at (self, gtk_drop_down_get_selected (form->product));

      sd_order_add_line (order, product ? product->id : 0,
                         gtk_spin_button_get_value_as_int (form->quantity));
    }
  return order;
}

gboolean
sd_order_dialog_save (SdOrderDialog *self)
{
  g_autoptr(SdOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SD_IS_ORDER_DIALOG (self), FALSE);

  clear_marks (self);
  for (guint i = 0; i < self->lines->len; i++)   /* a quantity typed but not yet committed */
    gtk_spin_button_update (((LineForm *) g_ptr_array_index (self->lines, i))->quantity);
  order = read_form (self);
  if (!sd_store_create_order (self->store, order, self->who, &error))
    {
      show_error (self, error);
      return FALSE;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, order->id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_note_activated (SdOrderDialog *self)
{
  sd_order_dialog_save (self);
}

static void
on_payment_changed (SdOrderDialog *self)
{
  if (gtk_revealer_get_reveal_child (self->error_revealer))
    clear_marks (self);
  update_total (self);
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sd_order_dialog_save (SD_ORDER_DIALOG (widget));
}

static void
action_day (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SdOrderDialog *self = SD_ORDER_DIALOG (widget);

  adw_combo_row_set_selected (self->day_row, g_variant_get_int32 (parameter) == 1 ? 1 : 0);
}

/* --- type ---------------------------------------------------------------------------------- */

static void
sd_order_dialog_dispose (GObject *object)
{
  SdOrderDialog *self = (SdOrderDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_ORDER_DIALOG);
  g_clear_weak_pointer (&self->customer_dialog);
  g_clear_object (&self->store);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_pointer (&self->prices, g_hash_table_unref);
  g_clear_pointer (&self->address_ids, g_array_unref);
  sd_balances_clear (&self->balances);

  G_OBJECT_CLASS (sd_order_dialog_parent_class)->dispose (object);
}

static void
sd_order_dialog_finalize (GObject *object)
{
  SdOrderDialog *self = (SdOrderDialog *) object;

  g_free (self->who);
  g_free (self->searched);
  g_free (self->tickets_text);

  G_OBJECT_CLASS (sd_order_dialog_parent_class)->finalize (object);
}

static void
sd_order_dialog_class_init (SdOrderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const guint enter_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  object_class->dispose = sd_order_dialog_dispose;
  object_class->finalize = sd_order_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-order-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, results);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, customer_row);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, lines_group);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, add_line_button);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, day_row);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, slot_row);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, payment_row);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDialog, total_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_add_line);
  gtk_widget_class_bind_template_callback (widget_class, on_payment_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_note_activated);

  gtk_widget_class_install_action (widget_class, "order.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "order.day", "i", action_day);

  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, enter_keys[i], GDK_CONTROL_MASK,
                                         "order.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "order.day", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "order.day", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sd_order_dialog_init (SdOrderDialog *self)
{
  g_autoptr(GtkStringList) days = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) slots = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) payments = gtk_string_list_new (NULL);
  GtkEventController *keys;

  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->prices = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->address_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (days, _("Today"));
  gtk_string_list_append (days, _("Tomorrow"));
  adw_combo_row_set_model (self->day_row, G_LIST_MODEL (days));
  /* in SdOrderSlot order */
  gtk_string_list_append (slots, _("Any time"));
  gtk_string_list_append (slots, _("Morning"));
  gtk_string_list_append (slots, _("Afternoon"));
  gtk_string_list_append (slots, _("Evening"));
  adw_combo_row_set_model (self->slot_row, G_LIST_MODEL (slots));
  for (guint i = 0; i < SD_ORDER_N_PAYMENTS; i++)
    gtk_string_list_append (payments, sd_order_payment_label ((SdOrderPayment) i));
  adw_combo_row_set_model (self->payment_row, G_LIST_MODEL (payments));
  adw_combo_row_set_selected (self->payment_row, SD_PAY_CASH_ON_DELIVERY);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

GtkWidget *
sd_order_dialog_new (SdStore *store,
                     gint64   customer_id)
{
  SdOrderDialog *self;
  g_autofree char *fallback = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_ORDER_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->products = sd_store_list_products (store, TRUE, NULL);
  if (self->products == NULL)
    self->products = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_product_free);
  fallback = sd_store_get_setting (store, FALLBACK_WHO_SETTING, "");
  self->who = sd_store_get_setting (store, WHO_SETTING, *fallback ? fallback : "店长");
  update_total (self);

  if (customer_id != 0)
    pick_customer (self, customer_id);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return GTK_WIDGET (self);
}

/* --- public API ---------------------------------------------------------------------------- */

void
sd_order_dialog_set_customer (SdOrderDialog *self,
                              gint64         customer_id)
{
  g_return_if_fail (SD_IS_ORDER_DIALOG (self));
  pick_customer (self, customer_id);
}

void
sd_order_dialog_set_who (SdOrderDialog *self,
                         const char    *who)
{
  g_return_if_fail (SD_IS_ORDER_DIALOG (self));
  g_free (self->who);
  self->who = g_strdup (who);
}

GtkEditable *
sd_order_dialog_get_search_entry (SdOrderDialog *self)
{
  return GTK_EDITABLE (self->search_entry);
}

guint
sd_order_dialog_get_n_results (SdOrderDialog *self)
{
  guint n = 0;

  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    refresh_results (self);
  while (gtk_list_box_get_row_at_index (self->results, (int) n) != NULL)
    n++;
  return n;
}

gboolean
sd_order_dialog_offers_new_customer (SdOrderDialog *self)
{
  GtkListBoxRow *row;

  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    refresh_results (self);
  row = gtk_list_box_get_row_at_index (self->results, 0);
  return row != NULL && g_object_get_data (G_OBJECT (row), "new-phone") != NULL;
}

GtkWidget *
sd_order_dialog_get_customer_dialog (SdOrderDialog *self)
{
  return self->customer_dialog;
}

gint64
sd_order_dialog_get_customer_id (SdOrderDialog *self)
{
  return self->customer_id;
}

gint64
sd_order_dialog_get_address_id (SdOrderDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->address_row);

  return selected < self->address_ids->len ? g_array_index (self->address_ids, gint64, selected) : 0;
}

guint
sd_order_dialog_get_n_lines (SdOrderDialog *self)
{
  return self->lines->len;
}

gint64
sd_order_dialog_get_line_product (SdOrderDialog *self,
                                  guint          index)
{
  const SdProduct *product;

  g_return_val_if_fail (index < self->lines->len, 0);
  product = product_at (self, gtk_drop_down_get_selected (((LineForm *) g_ptr_array_index (self->lines, index))->product));
  return product ? product->id : 0;
}

int
sd_order_dialog_get_line_quantity (SdOrderDialog *self,
                                   guint          index)
{
  g_return_val_if_fail (index < self->lines->len, 0);
  return gtk_spin_button_get_value_as_int (((LineForm *) g_ptr_array_index (self->lines, index))->quantity);
}

void
sd_order_dialog_set_line_quantity (SdOrderDialog *self,
                                   guint          index,
                                   int            quantity)
{
  g_return_if_fail (index < self->lines->len);
  gtk_spin_button_set_value (((LineForm *) g_ptr_array_index (self->lines, index))->quantity, quantity);
}

void
sd_order_dialog_remove_line (SdOrderDialog *self,
                             guint          index)
{
  g_return_if_fail (index < self->lines->len);
  remove_line (self, g_ptr_array_index (self->lines, index));
}

SdOrderPayment
sd_order_dialog_get_payment (SdOrderDialog *self)
{
  return (SdOrderPayment) adw_combo_row_get_selected (self->payment_row);
}

void
sd_order_dialog_set_payment (SdOrderDialog  *self,
                             SdOrderPayment  payment)
{
  adw_combo_row_set_selected (self->payment_row, payment);
}

guint
sd_order_dialog_get_day (SdOrderDialog *self)
{
  return adw_combo_row_get_selected (self->day_row);
}

const char *
sd_order_dialog_get_total_text (SdOrderDialog *self)
{
  return gtk_label_get_label (self->total_label);
}

gint64
sd_order_dialog_get_total_fen (SdOrderDialog *self)
{
  return self->total_fen;
}

const char *
sd_order_dialog_get_tickets_text (SdOrderDialog *self)
{
  return self->tickets_text ? self->tickets_text : "";
}

const char *
sd_order_dialog_get_error (SdOrderDialog *self)
{
  return gtk_label_get_label (self->error_label);
}
