/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An order's page: what was ordered and how it is paid, every state it went through with
 * time and user, and what its delivery moved in the customer's balances. From here an
 * open order is cancelled and a delivered one reversed — each one call of the core. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-balances-group.h"
#include "sd-catalog.h"
#include "sd-ledger.h"
#include "sd-money.h"
#include "sd-order-detail.h"
#include "sd-order-list.h"
#include "sd-order.h"

struct _SdOrderDetail
{
  AdwWindow            parent_instance;

  SdStore             *store;
  gint64               order_id;
  SdOrderStatus        status;
  GPtrArray           *rows[4];        /* widgets added to each group, to clear them */
  GHashTable          *values;         /* summary row key → its text */

  AdwToastOverlay     *toasts;
  AdwWindowTitle      *title;
  GtkWidget           *cancel_button;
  GtkWidget           *reverse_button;
  AdwPreferencesGroup *summary_group;
  AdwPreferencesGroup *lines_group;
  AdwPreferencesGroup *history_group;
  AdwPreferencesGroup *ledger_group;
  AdwMessageDialog    *question;       /* weak */
  GtkEditable         *reason_entry;
};

enum { GROUP_SUMMARY, GROUP_LINES, GROUP_HISTORY, GROUP_LEDGER };
static const char *group_names[] = { "summary", "lines", "history", "ledger" };

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdOrderDetail, sd_order_detail, ADW_TYPE_WINDOW)

static AdwPreferencesGroup *
group (SdOrderDetail *self,
       guint          which)
{
  AdwPreferencesGroup *groups[] = { self->summary_group, self->lines_group, self->history_group,
                                    self->ledger_group };
  return groups[which];
}

static void
add_row (SdOrderDetail *self,
         guint          which,
         GtkWidget     *row)
{
  adw_preferences_group_add (group (self, which), row);
  g_ptr_array_add (self->rows[which], row);
}

static void
clear_groups (SdOrderDetail *self)
{
  for (guint g = 0; g < G_N_ELEMENTS (self->rows); g++)
    {
      for (guint i = 0; i < self->rows[g]->len; i++)
        adw_preferences_group_remove (group (self, g), g_ptr_array_index (self->rows[g], i));
      g_ptr_array_set_size (self->rows[g], 0);
    }
  g_hash_table_remove_all (self->values);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* A field of the order: its name on the left, the value on the right (wrapping). */
static void
add_value (SdOrderDetail *self,
           const char    *key,
           const char    *title,
           const char    *value)
{
  GtkWidget *row, *label;

  if (value == NULL || *value == '\0')
    return;
  g_hash_table_insert (self->values, g_strdup (key), g_strdup (value));
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label = gtk_label_new (value);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  add_row (self, GROUP_SUMMARY, row);
}

static char *
local_time (gint64 at)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (at);

  return t ? g_date_time_format (t, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static void
fill_summary (SdOrderDetail        *self,
              const SdOrder        *order,
              const SdOrderSummary *summary)
{
  g_autofree char *when = NULL;
  g_autofree char *total = sd_money_format (order->total_fen);

  when = *summary->slot_text ? g_strdup_printf ("%s · %s", order->requested_date, summary->slot_text)
                             : g_strdup (order->requested_date);
  add_value (self, "status", _("Status"), sd_order_status_label (order->status));
  add_value (self, "cancel-reason", _("Why it was cancelled"), order->cancel_reason);
  add_value (self, "customer", _("Customer"), summary->customer_name);
  add_value (self, "address", _("Address"), summary->address);
  add_value (self, "delivery", _("Delivery"), when);
  add_value (self, "payment", _("Payment"), sd_order_payment_label (order->payment));
  add_value (self, "courier", _("Courier"),
             *summary->courier_name ? summary->courier_name
             : order->status == SD_ORDER_DELIVERED ? _("None (at the counter)")
             : order->status == SD_ORDER_CANCELLED ? "" : _("Not assigned yet"));
  add_value (self, "total", _("Value of the goods"), total);
  add_value (self, "note", _("Note for the courier"), order->note);
}

static void
fill_lines (SdOrderDetail *self,
            const SdOrder *order)
{
  for (guint i = 0; i < order->lines->len; i++)
    {
      const SdOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autofree char *price = sd_money_format (line->unit_price_fen);
      g_autofree char *line_total = sd_money_format (line->line_total_fen);
      g_autofree char *title = g_strdup_printf ("%s × %d", line->product_name, line->quantity);
      GString *detail = g_string_new (NULL);
      GtkWidget *row, *label;

      /* TRANSLATORS: a line's unit price, e.g. “¥18.00 each” */
      g_string_append_printf (detail, _("%s each"), price);
      if (line->tickets_used > 0)
        {
          g_string_append (detail, " · ");
          g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%d ticket", "%d tickets",
                                                       line->tickets_used), line->tickets_used);
        }
      if (line->buckets_out > 0 || line->empties_back > 0)
        {
          g_string_append (detail, " · ");
          /* TRANSLATORS: full buckets out and empty ones back with a delivery */
          g_string_append_printf (detail, _("buckets %d out, %d back"), line->buckets_out,
                                  line->empties_back);
        }
      row = text_row (title, detail->str);
      g_string_free (detail, TRUE);
      label = gtk_label_new (line_total);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      add_row (self, GROUP_LINES, row);
    }
}

static void
fill_history (SdOrderDetail *self,
              GPtrArray     *events)
{
  for (guint i = 0; i < events->len; i++)
    {
      const SdOrderEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = local_time (event->at);
      g_autofree char *title = NULL;
      GString *subtitle = g_string_new (when);

      if (!event->has_from)
        title = g_strdup (_("Order taken"));
      else
        /* TRANSLATORS: a step of an order, e.g. “To dispatch → Out for delivery” */
        title = g_strdup_printf (_("%s → %s"), sd_order_status_label (event->from_status),
                                 sd_order_status_label (event->to_status));
      if (event->who && *event->who)
        g_string_append_printf (subtitle, " · %s", event->who);
      if (event->reason && *event->reason)
        g_string_append_printf (subtitle, " · %s", event->reason);
      add_row (self, GROUP_HISTORY, text_row (title, subtitle->str));
      g_string_free (subtitle, TRUE);
    }
}

static void
fill_ledger (SdOrderDetail *self,
             GPtrArray     *entries)
{
  g_autoptr(GPtrArray) products = sd_store_list_products (self->store, TRUE, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const SdLedgerEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *balance = NULL;

      if (entry->kind == SD_LEDGER_TICKETS)
        {
          const char *name = "";

          for (guint p = 0; products && p < products->len; p++)
            if (((SdProduct *) g_ptr_array_index (products, p))->id == entry->product_id)
              name = ((SdProduct *) g_ptr_array_index (products, p))->name;
          /* TRANSLATORS: the water tickets of a product */
          balance = g_strdup_printf (_("Tickets for %s"), name);
        }
      else
        balance = g_strdup (sd_ledger_kind_label (entry->kind));
      add_row (self, GROUP_LEDGER, sd_ledger_row_new (entry, balance));
    }
  adw_preferences_group_set_description (self->ledger_group,
                                         entries->len == 0
                                         ? _("Nothing yet: the balances move when the order is delivered")
                                         : _("The ledger rows the delivery wrote and their reversals"));
}

static void
reload (SdOrderDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_store_load_order (self->store, self->order_id, &error);
  g_autoptr(SdOrderSummary) summary = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *number = NULL;

  clear_groups (self);
  if (order == NULL ||
      (summary = sd_store_load_order_summary (self->store, self->order_id, &error)) == NULL ||
      (events = sd_store_list_order_events (self->store, self->order_id, &error)) == NULL ||
      (entries = sd_store_list_order_ledger (self->store, self->order_id, &error)) == NULL)
    {
      adw_window_title_set_title (self->title, error->message);
      gtk_widget_set_visible (self->cancel_button, FALSE);
      gtk_widget_set_visible (self->reverse_button, FALSE);
      return;
    }

  self->status = order->status;
  number = g_strdup_printf (_("Order %s"), summary->number);
  adw_window_title_set_title (self->title, number);
  adw_window_title_set_subtitle (self->title, summary->customer_name);
  gtk_window_set_title (GTK_WINDOW (self), number);
  gtk_widget_set_visible (self->cancel_button,
                          sd_order_transition_is_legal (order->status, SD_ORDER_CANCELLED));
  gtk_widget_set_visible (self->reverse_button, order->status == SD_ORDER_DELIVERED);

  fill_summary (self, order, summary);
  fill_lines (self, order);
  fill_history (self, events);
  fill_ledger (self, entries);
}

/* --- cancelling and reversing ------------------------------------------------------------- */

static void
on_reason_changed (SdOrderDetail *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (self->reason_entry)));

  if (self->question != NULL)
    adw_message_dialog_set_response_enabled (self->question, "confirm", *reason != '\0');
}

static void
on_question_response (AdwMessageDialog *dialog,
                      const char       *response,
                      SdOrderDetail    *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gboolean reverse = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "reverse"));
  gboolean done;

  if (g_strcmp0 (response, "confirm") != 0)
    return;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (self->reason_entry)));
  if (reverse)
    done = sd_store_reverse_order (self->store, self->order_id, "", reason, &error);
  else
    done = sd_store_transition_order (self->store, self->order_id, SD_ORDER_CANCELLED, "", reason,
                                      NULL, &error);
  if (!done)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  reload (self);
  adw_toast_overlay_add_toast (self->toasts,
                               adw_toast_new (reverse ? _("Delivery reversed") : _("Order cancelled")));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
ask_reason (SdOrderDetail *self,
            gboolean       reverse)
{
  GtkWidget *dialog, *entry;

  if (self->question != NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   reverse ? _("Reverse This Delivery?") : _("Cancel This Order?"),
                                   reverse ? _("Tickets, buckets and money the delivery moved go "
                                               "back with new ledger rows, and the order is "
                                               "cancelled. Payments already received stay as "
                                               "the customer’s credit.")
                                           : _("The reason is kept with the order."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", reverse ? _("_Keep the Delivery") : _("_Keep the Order"),
                                    "confirm", reverse ? _("_Reverse") : _("C_ancel Order"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "confirm", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), reverse ? _("Reason, e.g. delivered to the wrong address")
                                                             : _("Reason, e.g. customer away"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for cancelling"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  self->reason_entry = GTK_EDITABLE (entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed), self, G_CONNECT_SWAPPED);

  g_object_set_data (G_OBJECT (dialog), "reverse", GINT_TO_POINTER (reverse));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_question_response), self, 0);
  g_set_weak_pointer (&self->question, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask_reason (SD_ORDER_DETAIL (widget), FALSE);
}

static void
action_reverse (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ask_reason (SD_ORDER_DETAIL (widget), TRUE);
}

/* --- the window ----------------------------------------------------------------------------- */

static void
sd_order_detail_dispose (GObject *object)
{
  SdOrderDetail *self = (SdOrderDetail *) object;

  if (self->question != NULL)
    gtk_window_destroy (GTK_WINDOW (self->question));
  g_clear_weak_pointer (&self->question);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_ORDER_DETAIL);
  g_clear_object (&self->store);
  for (guint g = 0; g < G_N_ELEMENTS (self->rows); g++)
    g_clear_pointer (&self->rows[g], g_ptr_array_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);

  G_OBJECT_CLASS (sd_order_detail_parent_class)->dispose (object);
}

static void
sd_order_detail_class_init (SdOrderDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_order_detail_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-order-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, SdOrderDetail, toasts);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDetail, title);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDetail, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDetail, reverse_button);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDetail, summary_group);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDetail, lines_group);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDetail, history_group);
  gtk_widget_class_bind_template_child (widget_class, SdOrderDetail, ledger_group);
  gtk_widget_class_install_action (widget_class, "order.cancel", NULL, action_cancel);
  gtk_widget_class_install_action (widget_class, "order.reverse", NULL, action_reverse);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sd_order_detail_init (SdOrderDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint g = 0; g < G_N_ELEMENTS (self->rows); g++)
    self->rows[g] = g_ptr_array_new ();
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GtkWidget *
sd_order_detail_new (SdStore *store,
                     gint64   order_id)
{
  SdOrderDetail *self = g_object_new (SD_TYPE_ORDER_DETAIL, NULL);

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  self->store = g_object_ref (store);
  self->order_id = order_id;
  reload (self);
  return GTK_WIDGET (self);
}

gint64
sd_order_detail_get_order_id (SdOrderDetail *self)
{
  g_return_val_if_fail (SD_IS_ORDER_DETAIL (self), 0);
  return self->order_id;
}

guint
sd_order_detail_get_n_rows (SdOrderDetail *self,
                            const char    *name)
{
  g_return_val_if_fail (SD_IS_ORDER_DETAIL (self), 0);
  for (guint g = 0; g < G_N_ELEMENTS (group_names); g++)
    if (g_strcmp0 (name, group_names[g]) == 0)
      return self->rows[g]->len;
  return 0;
}

const char *
sd_order_detail_get_value (SdOrderDetail *self,
                           const char    *row)
{
  g_return_val_if_fail (SD_IS_ORDER_DETAIL (self), NULL);
  return g_hash_table_lookup (self->values, row);
}

AdwMessageDialog *
sd_order_detail_get_question (SdOrderDetail *self)
{
  g_return_val_if_fail (SD_IS_ORDER_DETAIL (self), NULL);
  return self->question;
}

GtkEditable *
sd_order_detail_get_reason_entry (SdOrderDetail *self)
{
  g_return_val_if_fail (SD_IS_ORDER_DETAIL (self), NULL);
  return self->reason_entry;
}
