/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Money at the counter for one customer: a payment on account, a water ticket plan, a
 * bucket deposit, its refund (退桶退押) and a prepaid top-up. Each save is one call into
 * the core, which decides what is valid; the dialog shows its verdict. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-catalog.h"
#include "sd-customer-store.h"
#include "sd-ledger.h"
#include "sd-money.h"
#include "sd-payment-dialog.h"
#include "sd-pricing.h"

/* Who is at the counter: the same settings the order dialog reads. */
#define WHO_SETTING "order.who"
#define FALLBACK_WHO_SETTING "follow_up.who"

struct _SdPaymentDialog
{
  AdwWindow            parent_instance;

  SdStore             *store;
  gint64               customer_id;
  SdPaymentDialogMode  mode;
  char                *who;
  char                *error;        /* the message shown, or NULL */
  char                *total_text;
  gint64               total_fen;
  GPtrArray           *plans;        /* SdTicketPlan*, as in plan_row */
  GPtrArray           *products;     /* SdProduct* with a deposit, as in product_row */
  GArray              *methods;      /* SdPaymentMethod, as in method_row */

  AdwWindowTitle      *title;
  GtkButton           *save_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwComboRow         *plan_row;
  AdwComboRow         *product_row;
  AdwActionRow        *buckets_row;
  GtkSpinButton       *buckets_spin;
  AdwEntryRow         *amount_row;
  AdwActionRow        *total_row;
  GtkLabel            *total_label;
  AdwComboRow         *method_row;
  AdwEntryRow         *note_row;
  GtkLabel            *hint_label;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdPaymentDialog, sd_payment_dialog, ADW_TYPE_WINDOW)

/* --- helpers -------------------------------------------------------------------------------- */

static gboolean
mode_uses_buckets (SdPaymentDialogMode mode)
{
  return mode == SD_PAYMENT_DIALOG_TAKE_DEPOSIT || mode == SD_PAYMENT_DIALOG_REFUND_DEPOSIT;
}

static gboolean
mode_types_amount (SdPaymentDialogMode mode)
{
  return mode == SD_PAYMENT_DIALOG_RECEIVE || mode == SD_PAYMENT_DIALOG_TOP_UP;
}

static const SdTicketPlan *
selected_plan (SdPaymentDialog *self)
{
  guint i = adw_combo_row_get_selected (self->plan_row);

  return self->plans && i < self->plans->len ? g_ptr_array_index (self->plans, i) : NULL;
}

static const SdProduct *
selected_product (SdPaymentDialog *self)
{
  guint i = adw_combo_row_get_selected (self->product_row);

  return self->products && i < self->products->len ? g_ptr_array_index (self->products, i) : NULL;
}

static char *
plan_label (const SdTicketPlan *plan)
{
  g_autofree char *price = sd_money_format (plan->price_fen);

  if (plan->bonus_tickets > 0)
    /* TRANSLATORS: a ticket plan: its name, tickets bought, bonus tickets, its price,
     * e.g. “100 送 20 · 100 + 20 free tickets · ¥1,500.00” */
    return g_strdup_printf (_("%s · %d + %d free tickets · %s"), plan->name, plan->tickets,
                            plan->bonus_tickets, price);
  /* TRANSLATORS: a ticket plan: its name, tickets, its price, e.g. “50 张 · 50 tickets · ¥800.00” */
  return g_strdup_printf (_("%s · %d tickets · %s"), plan->name, plan->tickets, price);
}

static char *
product_label (const SdProduct *product)
{
  g_autofree char *deposit = sd_money_format (product->deposit_fen);

  /* TRANSLATORS: a product and its bucket deposit, e.g. “18.9L 桶装水 · deposit ¥30.00” */
  return g_strdup_printf (_("%s · deposit %s"), product->name, deposit);
}

/* The price of the plan or the deposit of the buckets, shown as the form changes. */
static void
update_total (SdPaymentDialog *self)
{
  g_clear_pointer (&self->total_text, g_free);
  self->total_fen = 0;

  if (self->mode == SD_PAYMENT_DIALOG_SELL_TICKETS)
    {
      const SdTicketPlan *plan = selected_plan (self);

      if (plan != NULL)
        {
          g_autofree char *price = sd_money_format (plan->price_fen);

          self->total_fen = plan->price_fen;
          /* TRANSLATORS: what selling a plan does, e.g. “¥1,500.00 for 120 tickets” */
          self->total_text = g_strdup_printf (_("%s for %d tickets"), price,
                                              plan->tickets + plan->bonus_tickets);
        }
    }
  else if (mode_uses_buckets (self->mode))
    {
      const SdProduct *product = selected_product (self);
      int n = gtk_spin_button_get_value_as_int (self->buckets_spin);

      if (product != NULL)
        {
          g_autofree char *each = sd_money_format (product->deposit_fen);
          g_autofree char *total = NULL;

          self->total_fen = product->deposit_fen * n;
          total = sd_money_format (self->total_fen);
          /* TRANSLATORS: buckets × deposit each = total, e.g. “2 × ¥30.00 = ¥60.00” */
          self->total_text = g_strdup_printf (_("%d × %s = %s"), n, each, total);
        }
    }
  gtk_label_set_label (self->total_label, self->total_text ? self->total_text : "");
}

static void
clear_error (SdPaymentDialog *self)
{
  g_clear_pointer (&self->error, g_free);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->buckets_row), "error");
}

static void
show_error (SdPaymentDialog *self,
            const GError    *error,
            GtkWidget       *field)
{
  g_free (self->error);
  self->error = g_strdup (error->message);
  gtk_label_set_label (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
fill_methods (SdPaymentDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < SD_PAYMENT_N_METHODS; i++)
    {
      SdPaymentMethod method = (SdPaymentMethod) i;

      /* the prepaid balance settles only what is owed; the core refuses it elsewhere */
      if (method == SD_METHOD_PREPAID && self->mode != SD_PAYMENT_DIALOG_RECEIVE)
        continue;
      g_array_append_val (self->methods, method);
      gtk_string_list_append (labels, sd_payment_method_label (method));
    }
  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (labels));
}

static void
fill_plans (SdPaymentDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  self->plans = sd_store_list_ticket_plans (self->store, FALSE, &error);
  if (self->plans == NULL)
    {
      show_error (self, error, NULL);
      self->plans = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_ticket_plan_free);
    }
  for (guint i = 0; i < self->plans->len; i++)
    {
      g_autofree char *label = plan_label (g_ptr_array_index (self->plans, i));
      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->plan_row, G_LIST_MODEL (labels));
}

static void
fill_products (SdPaymentDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  self->products = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_product_free);
  all = sd_store_list_products (self->store, FALSE, &error);
  if (all == NULL)
    {
      show_error (self, error, NULL);
      return;
    }
  for (guint i = 0; i < all->len; i++)
    {
      SdProduct *product = g_ptr_array_index (all, i);
      g_autofree char *label = NULL;

      if (product->deposit_fen <= 0)
        continue;
      label = product_label (product);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->products, g_ptr_array_steal_index (all, i));
      i--;
    }
  adw_combo_row_set_model (self->product_row, G_LIST_MODEL (labels));
}

/* What the customer holds, so the counter sees how many buckets can come back. */
static void
show_holdings (SdPaymentDialog *self)
{
  SdBalances balances = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *deposit = NULL;
  g_autofree char *text = NULL;

  if (!sd_store_get_balances (self->store, self->customer_id, &balances, &error))
    {
      show_error (self, error, NULL);
      sd_balances_clear (&balances);
      return;
    }
  deposit = sd_money_format (balances.deposit_fen);
  /* TRANSLATORS: e.g. “The customer holds 3 buckets and paid ¥90.00 deposit.” */
  text = g_strdup_printf (_("The customer holds %lld buckets and paid %s deposit."),
                          (long long) balances.buckets, deposit);
  adw_action_row_set_subtitle (self->buckets_row, text);
  sd_balances_clear (&balances);
}

static void
setup_mode (SdPaymentDialog *self)
{
  const char *title = NULL;
  const char *hint = NULL;
  const char *total_title = NULL;
  const char *method_title = _("Payment method");

  switch (self->mode)
    {
    case SD_PAYMENT_DIALOG_RECEIVE:
      title = _("Receive Payment");
      hint = _("The payment lowers what the customer owes. Paying from the prepaid balance moves no money.");
      break;
    case SD_PAYMENT_DIALOG_SELL_TICKETS:
      title = _("Sell Water Tickets");
      total_title = _("Price");
      hint = _("The plan’s price is received and its tickets, bonus included, are added.");
      fill_plans (self);
      break;
    case SD_PAYMENT_DIALOG_TAKE_DEPOSIT:
      title = _("Take Bucket Deposit");
      total_title = _("Deposit received");
      hint = _("The deposit for buckets the customer keeps; it is paid back when they return for good.");
      fill_products (self);
      break;
    case SD_PAYMENT_DIALOG_REFUND_DEPOSIT:
      title = _("Refund Deposit");
      total_title = _("Deposit refunded");
      method_title = _("Paid back by");
      hint = _("The customer returns buckets for good and gets their deposit back.");
      fill_products (self);
      show_holdings (self);
      break;
    case SD_PAYMENT_DIALOG_TOP_UP:
    default:
      title = _("Top Up Prepaid");
      hint = _("The money is kept as the customer’s prepaid balance and pays for later orders.");
      break;
    }

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->title, title);
  gtk_label_set_label (self->hint_label, hint);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->method_row), method_title);
  if (total_title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->total_row), total_title);

  gtk_widget_set_visible (GTK_WIDGET (self->plan_row), self->mode == SD_PAYMENT_DIALOG_SELL_TICKETS);
  gtk_widget_set_visible (GTK_WIDGET (self->product_row), mode_uses_buckets (self->mode));
  gtk_widget_set_visible (GTK_WIDGET (self->buckets_row), mode_uses_buckets (self->mode));
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), mode_types_amount (self->mode));
  gtk_widget_set_visible (GTK_WIDGET (self->total_row), !mode_types_amount (self->mode));
  fill_methods (self);
  update_total (self);

  if (mode_types_amount (self->mode))
    gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
  else if (mode_uses_buckets (self->mode))
    gtk_widget_grab_focus (GTK_WIDGET (self->buckets_spin));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->plan_row));
}

/* --- callbacks ------------------------------------------------------------------------------ */

static void
on_save_clicked (SdPaymentDialog *self)
{
  sd_payment_dialog_save (self);
}

static void
on_form_changed (SdPaymentDialog *self)
{
  if (self->store == NULL)   /* still being built */
    return;
  /* editing takes an old refusal away; the plan or buckets change the total */
  clear_error (self);
  update_total (self);
}

static gboolean
save_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  sd_payment_dialog_save (SD_PAYMENT_DIALOG (widget));
  return TRUE;
}

/* --- type ----------------------------------------------------------------------------------- */

static void
sd_payment_dialog_dispose (GObject *object)
{
  SdPaymentDialog *self = (SdPaymentDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_PAYMENT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->who, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->total_text, g_free);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_pointer (&self->methods, g_array_unref);

  G_OBJECT_CLASS (sd_payment_dialog_parent_class)->dispose (object);
}

static void
sd_payment_dialog_class_init (SdPaymentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_payment_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-payment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, title);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, plan_row);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, product_row);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, buckets_row);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, buckets_spin);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, total_row);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, total_label);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, SdPaymentDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, save_shortcut, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, save_shortcut, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sd_payment_dialog_init (SdPaymentDialog *self)
{
  self->methods = g_array_new (FALSE, FALSE, sizeof (SdPaymentMethod));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* --- public API ----------------------------------------------------------------------------- */

GtkWidget *
sd_payment_dialog_new (SdStore             *store,
                       gint64               customer_id,
                       SdPaymentDialogMode  mode)
{
  SdPaymentDialog *self;
  g_autofree char *fallback = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail ((guint) mode < SD_PAYMENT_DIALOG_N_MODES, NULL);

  self = g_object_new (SD_TYPE_PAYMENT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->customer_id = customer_id;
  self->mode = mode;
  fallback = sd_store_get_setting (store, FALLBACK_WHO_SETTING, "");
  self->who = sd_store_get_setting (store, WHO_SETTING, *fallback ? fallback : "店长");

  {
    g_autoptr(SdCustomer) customer = sd_store_load_customer (store, customer_id, NULL);
    if (customer != NULL)
      adw_window_title_set_subtitle (self->title, sd_customer_get_name (customer));
  }
  setup_mode (self);
  return GTK_WIDGET (self);
}

gboolean
sd_payment_dialog_save (SdPaymentDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  SdPaymentHow how = { 0 };
  GtkWidget *field = NULL;
  gint64 amount = 0, payment_id = 0;
  int n_buckets;

  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), FALSE);

  clear_error (self);
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  how.method = sd_payment_dialog_get_method (self);
  how.who = self->who;
  how.note = *note ? note : NULL;
  n_buckets = gtk_spin_button_get_value_as_int (self->buckets_spin);

  if (mode_types_amount (self->mode) &&
      !sd_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &amount, &error))
    {
      show_error (self, error, GTK_WIDGET (self->amount_row));
      return FALSE;
    }

  switch (self->mode)
    {
    case SD_PAYMENT_DIALOG_RECEIVE:
      payment_id = sd_store_record_payment (self->store, self->customer_id, 0, amount, &how, &error);
      field = GTK_WIDGET (self->amount_row);
      break;
    case SD_PAYMENT_DIALOG_SELL_TICKETS:
      {
        const SdTicketPlan *plan = selected_plan (self);
        payment_id = sd_store_sell_ticket_plan (self->store, self->customer_id,
                                                plan ? plan->id : 0, &how, &error);
      }
      break;
    case SD_PAYMENT_DIALOG_TAKE_DEPOSIT:
      {
        const SdProduct *product = selected_product (self);
        payment_id = sd_store_take_deposit (self->store, self->customer_id,
                                            product ? product->id : 0, n_buckets, &how, &error);
        field = GTK_WIDGET (self->buckets_row);
      }
      break;
    case SD_PAYMENT_DIALOG_REFUND_DEPOSIT:
      {
        const SdProduct *product = selected_product (self);
        payment_id = sd_store_refund_deposit (self->store, self->customer_id,
                                              product ? product->id : 0, n_buckets, &how, &error);
        field = GTK_WIDGET (self->buckets_row);
      }
      break;
    case SD_PAYMENT_DIALOG_TOP_UP:
    default:
      payment_id = sd_store_top_up_prepaid (self->store, self->customer_id, amount, &how, &error);
      field = GTK_WIDGET (self->amount_row);
      break;
    }

  if (payment_id <= 0)
    {
      if (error == NULL)
        g_set_error_literal (&error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                             _("The payment could not be saved"));
      show_error (self, error, field);
      return FALSE;
    }

  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, payment_id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  return TRUE;
}

SdPaymentDialogMode
sd_payment_dialog_get_mode (SdPaymentDialog *self)
{
  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), SD_PAYMENT_DIALOG_RECEIVE);
  return self->mode;
}

gint64
sd_payment_dialog_get_customer_id (SdPaymentDialog *self)
{
  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), 0);
  return self->customer_id;
}

void
sd_payment_dialog_set_amount (SdPaymentDialog *self,
                              const char      *text)
{
  g_return_if_fail (SD_IS_PAYMENT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), text ? text : "");
}

gboolean
sd_payment_dialog_set_method (SdPaymentDialog *self,
                              SdPaymentMethod  method)
{
  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->methods->len; i++)
    if (g_array_index (self->methods, SdPaymentMethod, i) == method)
      {
        adw_combo_row_set_selected (self->method_row, i);
        return TRUE;
      }
  return FALSE;
}

SdPaymentMethod
sd_payment_dialog_get_method (SdPaymentDialog *self)
{
  guint i;

  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), SD_METHOD_CASH);
  i = adw_combo_row_get_selected (self->method_row);
  return i < self->methods->len ? g_array_index (self->methods, SdPaymentMethod, i) : SD_METHOD_CASH;
}

gboolean
sd_payment_dialog_set_plan (SdPaymentDialog *self,
                            gint64           plan_id)
{
  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), FALSE);

  for (guint i = 0; self->plans && i < self->plans->len; i++)
    if (((SdTicketPlan *) g_ptr_array_index (self->plans, i))->id == plan_id)
      {
        adw_combo_row_set_selected (self->plan_row, i);
        return TRUE;
      }
  return FALSE;
}

gint64
sd_payment_dialog_get_plan (SdPaymentDialog *self)
{
  const SdTicketPlan *plan;

  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), 0);
  plan = selected_plan (self);
  return plan ? plan->id : 0;
}

guint
sd_payment_dialog_get_n_plans (SdPaymentDialog *self)
{
  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), 0);
  return self->plans ? self->plans->len : 0;
}

gboolean
sd_payment_dialog_set_product (SdPaymentDialog *self,
                               gint64           product_id)
{
  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), FALSE);

  for (guint i = 0; self->products && i < self->products->len; i++)
    if (((SdProduct *) g_ptr_array_index (self->products, i))->id == product_id)
      {
        adw_combo_row_set_selected (self->product_row, i);
        return TRUE;
      }
  return FALSE;
}

gint64
sd_payment_dialog_get_product (SdPaymentDialog *self)
{
  const SdProduct *product;

  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), 0);
  product = selected_product (self);
  return product ? product->id : 0;
}

void
sd_payment_dialog_set_buckets (SdPaymentDialog *self,
                               int              n_buckets)
{
  g_return_if_fail (SD_IS_PAYMENT_DIALOG (self));
  gtk_spin_button_set_value (self->buckets_spin, n_buckets);
}

void
sd_payment_dialog_set_note (SdPaymentDialog *self,
                            const char      *note)
{
  g_return_if_fail (SD_IS_PAYMENT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note ? note : "");
}

gint64
sd_payment_dialog_get_total_fen (SdPaymentDialog *self)
{
  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), 0);
  return self->total_fen;
}

const char *
sd_payment_dialog_get_total_text (SdPaymentDialog *self)
{
  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), NULL);
  return self->total_text ? self->total_text : "";
}

const char *
sd_payment_dialog_get_error (SdPaymentDialog *self)
{
  g_return_val_if_fail (SD_IS_PAYMENT_DIALOG (self), NULL);
  return self->error ? self->error : "";
}
