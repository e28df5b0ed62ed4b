/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A customer's balances (余额): water tickets per product, prepaid cash, bucket deposit,
 * buckets at the customer's and what they owe, each expanding to the ledger rows behind
 * it. The numbers are the core's sums of the ledger; this group only shows them. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-balances-group.h"
#include "sd-catalog.h"
#include "sd-doc-actions.h"
#include "sd-money.h"
#include "sd-payment-dialog.h"

/* History rows shown under each balance, newest first. */
#define HISTORY_ROWS 10

typedef struct {
  SdLedgerKind  kind;
  gint64        product_id;
  GtkWidget    *row;        /* AdwExpanderRow */
  char         *value;
  guint         n_history;
} BalanceRow;

struct _SdBalancesGroup
{
  AdwPreferencesGroup  parent_instance;

  SdStore             *store;
  gint64               customer_id;
  GPtrArray           *rows;   /* BalanceRow* */
  GtkWidget           *money_button;   /* GtkMenuButton: the counter's money actions */
};

/* The "Money" menu: action name and the dialog it opens. */
static const struct {
  const char          *action;
  SdPaymentDialogMode  mode;
} money_actions[] = {
  { "balances.receive-payment", SD_PAYMENT_DIALOG_RECEIVE },
  { "balances.sell-tickets", SD_PAYMENT_DIALOG_SELL_TICKETS },
  { "balances.take-deposit", SD_PAYMENT_DIALOG_TAKE_DEPOSIT },
  { "balances.refund-deposit", SD_PAYMENT_DIALOG_REFUND_DEPOSIT },
  { "balances.top-up", SD_PAYMENT_DIALOG_TOP_UP },
};

G_DEFINE_FINAL_TYPE (SdBalancesGroup, sd_balances_group, ADW_TYPE_PREFERENCES_GROUP)

static void
balance_row_free (BalanceRow *row)
{
  g_free (row->value);
  g_free (row);
}

static gboolean
kind_is_money (SdLedgerKind kind)
{
  return kind == SD_LEDGER_PREPAID || kind == SD_LEDGER_DEPOSIT || kind == SD_LEDGER_RECEIVABLE;
}

static char *
format_value (SdLedgerKind kind,
              gint64       value)
{
  if (kind_is_money (kind))
    return sd_money_format (value);
  return g_strdup_printf ("%lld", (long long) value);
}

static char *
format_delta (SdLedgerKind kind,
              gint64       delta)
{
  g_autofree char *plain = NULL;

  if (!kind_is_money (kind))
    return g_strdup_printf ("%+lld", (long long) delta);
  plain = sd_money_format (delta);
  return delta > 0 ? g_strconcat ("+", plain, NULL) : g_steal_pointer (&plain);
}

/* What a ledger row's reason means to the shop. */
static const char *
reason_label (const char *reason)
{
  static const struct {
    const char *id;
    const char *label;
  } reasons[] = {
    { "ticket_use", N_("Tickets used for a delivery") },
    { "ticket_purchase", N_("Tickets bought") },
    { "ticket_expiry", N_("Tickets expired") },
    { "ticket_refund", N_("Tickets refunded") },
    { "bucket_out", N_("Full buckets delivered") },
    { "bucket_back", N_("Empty buckets taken back") },
    { "charge", N_("Charged for a delivery") },
    { "payment", N_("Payment received") },
    { "prepaid_topup", N_("Prepaid top-up") },
    { "prepaid_use", N_("Paid from the prepaid balance") },
    { "deposit_paid", N_("Deposit paid") },
    { "deposit_refund", N_("Deposit refunded") },
    { "refund", N_("Refund") },
    { "reversal", N_("Delivery reversed") },
    { "opening_balance", N_("Carried over from paper records") },
    { "adjustment", N_("Correction") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reason, reasons[i].id) == 0)
      return _(reasons[i].label);
  return reason;
}

GtkWidget *
sd_ledger_row_new (const SdLedgerEntry *entry,
                   const char          *balance_label)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (entry->at);
  g_autofree char *when = at ? g_date_time_format (at, "%Y-%m-%d %H:%M") : g_strdup ("");
  g_autofree char *delta = format_delta (entry->kind, entry->delta);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (delta);

  if (entry->order_id != 0)
    {
      g_autofree char *id = g_strdup_printf ("%lld", (long long) entry->order_id);
      /* TRANSLATORS: an order's number, e.g. “No. 1024” */
      g_autofree char *number = g_strdup_printf (_("No. %s"), id);
      subtitle = g_strdup_printf ("%s · %s", when, number);
    }
  else
    subtitle = g_strdup (when);
  if (balance_label != NULL)
    {
      char *with_balance = g_strdup_printf ("%s · %s", balance_label, subtitle);
      g_free (subtitle);
      subtitle = with_balance;
    }
  if (entry->note && *entry->note)
    {
      char *with_note = g_strdup_printf ("%s · %s", subtitle, entry->note);
      g_free (subtitle);
      subtitle = with_note;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason_label (entry->reason));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  if (entry->delta < 0)
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
add_balance_row (SdBalancesGroup *self,
                 SdLedgerKind     kind,
                 gint64           product_id,
                 const char      *title,
                 gint64           value,
                 GPtrArray       *ledger)
{
  BalanceRow *balance = g_new0 (BalanceRow, 1);
  GtkWidget *label;

  balance->kind = kind;
  balance->product_id = product_id;
  balance->value = format_value (kind, value);
  balance->row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (balance->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (balance->row), title);

  label = gtk_label_new (balance->value);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  if (kind == SD_LEDGER_RECEIVABLE && value > 0)
    gtk_widget_add_css_class (label, "error");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (balance->row), label);

  for (guint i = 0; ledger && i < ledger->len && balance->n_history < HISTORY_ROWS; i++)
    {
      SdLedgerEntry *entry = g_ptr_array_index (ledger, i);

      if (entry->kind != kind || (kind == SD_LEDGER_TICKETS && entry->product_id != product_id))
        continue;
      adw_expander_row_add_row (ADW_EXPANDER_ROW (balance->row), sd_ledger_row_new (entry, NULL));
      balance->n_history++;
    }
  if (balance->n_history == 0)
    {
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (balance->row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (balance->row), _("No history yet"));
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), balance->row);
  g_ptr_array_add (self->rows, balance);
}

static void
clear_rows (SdBalancesGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  ((BalanceRow *) g_ptr_array_index (self->rows, i))->row);
  g_ptr_array_set_size (self->rows, 0);
}

void
sd_balances_group_reload (SdBalancesGroup *self)
{
  SdBalances balances = { 0 };
  g_autoptr(GPtrArray) ledger = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SD_IS_BALANCES_GROUP (self));

  clear_rows (self);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), NULL);
  gtk_widget_set_visible (self->money_button, self->store != NULL && self->customer_id != 0);
  for (guint i = 0; i < G_N_ELEMENTS (money_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), money_actions[i].action,
                                   self->store != NULL && self->customer_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "balances.statement",
                                 self->store != NULL && self->customer_id != 0);
  if (self->store == NULL || self->customer_id == 0)
    return;

  if (!sd_store_get_balances (self->store, self->customer_id, &balances, &error))
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
      sd_balances_clear (&balances);
      return;
    }
  ledger = sd_store_list_ledger (self->store, self->customer_id, SD_LEDGER_ALL_KINDS, NULL);
  products = sd_store_list_products (self->store, TRUE, NULL);

  for (guint i = 0; balances.tickets && i < balances.tickets->len; i++)
    {
      const SdTicketBalance *t = &g_array_index (balances.tickets, SdTicketBalance, i);
      const char *name = NULL;
      g_autofree char *title = NULL;

      for (guint j = 0; products && j < products->len && !name; j++)
        if (((SdProduct *) g_ptr_array_index (products, j))->id == t->product_id)
          name = ((SdProduct *) g_ptr_array_index (products, j))->name;
      /* TRANSLATORS: water tickets of one product, e.g. “Water tickets: 18.9L 桶装水” */
      title = g_strdup_printf (_("%s: %s"), sd_ledger_kind_label (SD_LEDGER_TICKETS),
                               name ? name : "?");
      add_balance_row (self, SD_LEDGER_TICKETS, t->product_id, title, t->tickets, ledger);
    }
  if (balances.tickets == NULL || balances.tickets->len == 0)
    add_balance_row (self, SD_LEDGER_TICKETS, 0, sd_ledger_kind_label (SD_LEDGER_TICKETS), 0, NULL);
  add_balance_row (self, SD_LEDGER_PREPAID, 0, sd_ledger_kind_label (SD_LEDGER_PREPAID),
                   balances.prepaid_fen, ledger);
  add_balance_row (self, SD_LEDGER_DEPOSIT, 0, sd_ledger_kind_label (SD_LEDGER_DEPOSIT),
                   balances.deposit_fen, ledger);
  add_balance_row (self, SD_LEDGER_BUCKETS, 0, sd_ledger_kind_label (SD_LEDGER_BUCKETS),
                   balances.buckets, ledger);
  add_balance_row (self, SD_LEDGER_RECEIVABLE, 0, sd_ledger_kind_label (SD_LEDGER_RECEIVABLE),
                   balances.receivable_fen, ledger);
  sd_balances_clear (&balances);
}

void
sd_balances_group_set_customer (SdBalancesGroup *self,
                                SdStore         *store,
                                gint64           customer_id)
{
  g_return_if_fail (SD_IS_BALANCES_GROUP (self));
  g_return_if_fail (store == NULL || SD_IS_STORE (store));

  g_set_object (&self->store, store);
  self->customer_id = customer_id;
  sd_balances_group_reload (self);
}

static BalanceRow *
find_row (SdBalancesGroup *self,
          SdLedgerKind     kind,
          gint64           product_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      BalanceRow *row = g_ptr_array_index (self->rows, i);
      if (row->kind == kind && row->product_id == product_id)
        return row;
    }
  return NULL;
}

const char *
sd_balances_group_get_value (SdBalancesGroup *self,
                             SdLedgerKind     kind,
                             gint64           product_id)
{
  BalanceRow *row = find_row (self, kind, product_id);

  return row ? row->value : NULL;
}

guint
sd_balances_group_get_n_history (SdBalancesGroup *self,
                                 SdLedgerKind     kind,
                                 gint64           product_id)
{
  BalanceRow *row = find_row (self, kind, product_id);

  return row ? row->n_history : 0;
}

GtkWidget *
sd_balances_group_get_row (SdBalancesGroup *self,
                           SdLedgerKind     kind,
                           gint64           product_id)
{
  BalanceRow *row = find_row (self, kind, product_id);

  return row ? row->row : NULL;
}

static void
on_payment_saved (SdBalancesGroup *self)
{
  sd_balances_group_reload (self);
}

static void
action_money (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SdBalancesGroup *self = SD_BALANCES_GROUP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->store == NULL || self->customer_id == 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (money_actions); i++)
    {
      if (g_strcmp0 (action_name, money_actions[i].action) != 0)
        continue;
      dialog = sd_payment_dialog_new (self->store, self->customer_id, money_actions[i].mode);
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
      g_signal_connect_object (dialog, "saved", G_CALLBACK (on_payment_saved), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
}

static void
action_statement (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SdBalancesGroup *self = SD_BALANCES_GROUP (widget);

  if (self->store == NULL || self->customer_id == 0)
    return;
  sd_doc_ask_statement_month (widget, self->store, self->customer_id);
}

static void
sd_balances_group_dispose (GObject *object)
{
  SdBalancesGroup *self = (SdBalancesGroup *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_balances_group_parent_class)->dispose (object);
}

static void
sd_balances_group_class_init (SdBalancesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_balances_group_dispose;

  for (guint i = 0; i < G_N_ELEMENTS (money_actions); i++)
    gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), money_actions[i].action, NULL,
                                     action_money);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "balances.statement", NULL,
                                   action_statement);
}

static void
sd_balances_group_init (SdBalancesGroup *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) balance_row_free);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Balances"));

  g_menu_append (menu, _("Receive Payment…"), "balances.receive-payment");
  g_menu_append (menu, _("Sell Water Tickets…"), "balances.sell-tickets");
  g_menu_append (menu, _("Take Deposit…"), "balances.take-deposit");
  g_menu_append (menu, _("Refund Deposit…"), "balances.refund-deposit");
  g_menu_append (menu, _("Top Up Prepaid…"), "balances.top-up");
  {
    g_autoptr(GMenu) documents = g_menu_new ();
    g_menu_append (documents, _("Monthly Statement…"), "balances.statement");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (documents));
  }
  self->money_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->money_button), _("Money"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->money_button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (self->money_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->money_button,
                               _("Payments, water tickets, bucket deposits and prepaid top-ups"));
  gtk_widget_set_visible (self->money_button, FALSE);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->money_button);
  for (guint i = 0; i < G_N_ELEMENTS (money_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), money_actions[i].action, FALSE);
}

GtkWidget *
sd_balances_group_new (void)
{
  return g_object_new (SD_TYPE_BALANCES_GROUP, NULL);
}
