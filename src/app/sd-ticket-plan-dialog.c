/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A water ticket plan (水票套餐): pay for so many tickets of a product, get some free. The
 * store refuses to change what a sold plan sells or costs; the dialog says so. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-catalog.h"
#include "sd-money.h"
#include "sd-ticket-plan-dialog.h"

struct _SdTicketPlanDialog
{
  AdwWindow       parent_instance;

  SdStore        *store;
  gint64          id;           /* 0 for a new plan */
  GArray         *product_ids;  /* gint64, one per entry of product_row */

  AdwWindowTitle *title;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  AdwComboRow    *product_row;
  GtkSpinButton  *tickets_spin;
  GtkSpinButton  *bonus_spin;
  AdwEntryRow    *price_row;
  GtkSpinButton  *valid_days_spin;
  GtkSwitch      *active_switch;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdTicketPlanDialog, sd_ticket_plan_dialog, ADW_TYPE_WINDOW)

/* --- callbacks ----------------------------------------------------------------------------- */

static void
clear_error (SdTicketPlanDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->price_row), "error");
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_label (self->error_label, "");
}

static void
show_error (SdTicketPlanDialog *self,
            AdwEntryRow        *row,
            const GError       *error)
{
  gtk_label_set_label (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
on_save_clicked (SdTicketPlanDialog *self)
{
  sd_ticket_plan_dialog_save (self);
}

static void
on_cancel_clicked (SdTicketPlanDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* --- type ---------------------------------------------------------------------------------- */

static void
sd_ticket_plan_dialog_dispose (GObject *object)
{
  SdTicketPlanDialog *self = (SdTicketPlanDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_TICKET_PLAN_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->product_ids, g_array_unref);

  G_OBJECT_CLASS (sd_ticket_plan_dialog_parent_class)->dispose (object);
}

static void
sd_ticket_plan_dialog_class_init (SdTicketPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_ticket_plan_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-ticket-plan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdTicketPlanDialog, title);
  gtk_widget_class_bind_template_child (widget_class, SdTicketPlanDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdTicketPlanDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SdTicketPlanDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SdTicketPlanDialog, product_row);
  gtk_widget_class_bind_template_child (widget_class, SdTicketPlanDialog, tickets_spin);
  gtk_widget_class_bind_template_child (widget_class, SdTicketPlanDialog, bonus_spin);
  gtk_widget_class_bind_template_child (widget_class, SdTicketPlanDialog, price_row);
  gtk_widget_class_bind_template_child (widget_class, SdTicketPlanDialog, valid_days_spin);
  gtk_widget_class_bind_template_child (widget_class, SdTicketPlanDialog, active_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, clear_error);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                (GtkShortcutFunc) sd_ticket_plan_dialog_save, NULL);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sd_ticket_plan_dialog_init (SdTicketPlanDialog *self)
{
  self->product_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* --- public API ---------------------------------------------------------------------------- */

/* The products on sale, and the plan's own product even when it is not on sale any more. */
static void
fill_products (SdTicketPlanDialog *self,
               gint64              current)
{
  g_autoptr(GPtrArray) products = sd_store_list_products (self->store, TRUE, NULL);
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; products && i < products->len; i++)
    {
      SdProduct *product = g_ptr_array_index (products, i);

      if (!product->active && product->id != current)
        continue;
      gtk_string_list_append (names, product->name);
      g_array_append_val (self->product_ids, product->id);
    }
  adw_combo_row_set_model (self->product_row, G_LIST_MODEL (names));
  g_object_unref (names);
}

GtkWidget *
sd_ticket_plan_dialog_new (SdStore            *store,
                           const SdTicketPlan *plan)
{
  SdTicketPlanDialog *self;
  const char *title;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_TICKET_PLAN_DIALOG, NULL);
  self->store = g_object_ref (store);
  title = plan ? _("Edit Ticket Plan") : _("New Ticket Plan");
  adw_window_title_set_title (self->title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  fill_products (self, plan ? plan->product_id : 0);

  if (plan != NULL)
    {
      g_autofree char *price = sd_money_format_plain (plan->price_fen);

      self->id = plan->id;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), plan->name ? plan->name : "");
      sd_ticket_plan_dialog_set_product (self, plan->product_id);
      gtk_spin_button_set_value (self->tickets_spin, plan->tickets);
      gtk_spin_button_set_value (self->bonus_spin, plan->bonus_tickets);
      gtk_editable_set_text (GTK_EDITABLE (self->price_row), price);
      gtk_spin_button_set_value (self->valid_days_spin, plan->valid_days);
      gtk_switch_set_active (self->active_switch, plan->active);
    }
  clear_error (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return GTK_WIDGET (self);
}

gboolean
sd_ticket_plan_dialog_save (SdTicketPlanDialog *self)
{
  g_autoptr(SdTicketPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  guint selected;
  gint64 price = 0;
  gint64 product_id = 0;

  g_return_val_if_fail (SD_IS_TICKET_PLAN_DIALOG (self), FALSE);

  clear_error (self);
  if (!sd_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->price_row)), &price, &error))
    {
      show_error (self, self->price_row, error);
      return FALSE;
    }
  selected = adw_combo_row_get_selected (self->product_row);
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->product_ids->len)
    product_id = g_array_index (self->product_ids, gint64, selected);

  gtk_spin_button_update (self->tickets_spin);
  gtk_spin_button_update (self->bonus_spin);
  gtk_spin_button_update (self->valid_days_spin);
  plan = sd_ticket_plan_new (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), product_id,
                             gtk_spin_button_get_value_as_int (self->tickets_spin),
                             gtk_spin_button_get_value_as_int (self->bonus_spin), price);
  plan->id = self->id;
  plan->valid_days = gtk_spin_button_get_value_as_int (self->valid_days_spin);
  plan->active = gtk_switch_get_active (self->active_switch);
  if (!sd_store_save_ticket_plan (self->store, plan, &error))
    {
      show_error (self, NULL, error);
      return FALSE;
    }

  self->id = plan->id;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, plan->id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

void
sd_ticket_plan_dialog_set_name (SdTicketPlanDialog *self,
                                const char         *name)
{
  g_return_if_fail (SD_IS_TICKET_PLAN_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
}

gboolean
sd_ticket_plan_dialog_set_product (SdTicketPlanDialog *self,
                                   gint64              product_id)
{
  g_return_val_if_fail (SD_IS_TICKET_PLAN_DIALOG (self), FALSE);

  for (guint i = 0; i < self->product_ids->len; i++)
    if (g_array_index (self->product_ids, gint64, i) == product_id)
      {
        adw_combo_row_set_selected (self->product_row, i);
        return TRUE;
      }
  return FALSE;
}

void
sd_ticket_plan_dialog_set_tickets (SdTicketPlanDialog *self,
                                   int                 tickets,
                                   int                 bonus_tickets)
{
  g_return_if_fail (SD_IS_TICKET_PLAN_DIALOG (self));
  gtk_spin_button_set_value (self->tickets_spin, tickets);
  gtk_spin_button_set_value (self->bonus_spin, bonus_tickets);
}

void
sd_ticket_plan_dialog_set_price (SdTicketPlanDialog *self,
                                 const char         *text)
{
  g_return_if_fail (SD_IS_TICKET_PLAN_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->price_row), text ? text : "");
}

void
sd_ticket_plan_dialog_set_valid_days (SdTicketPlanDialog *self,
                                      int                 days)
{
  g_return_if_fail (SD_IS_TICKET_PLAN_DIALOG (self));
  gtk_spin_button_set_value (self->valid_days_spin, days);
}

void
sd_ticket_plan_dialog_set_active (SdTicketPlanDialog *self,
                                  gboolean            active)
{
  g_return_if_fail (SD_IS_TICKET_PLAN_DIALOG (self));
  gtk_switch_set_active (self->active_switch, active);
}

const char *
sd_ticket_plan_dialog_get_error (SdTicketPlanDialog *self)
{
  g_return_val_if_fail (SD_IS_TICKET_PLAN_DIALOG (self), NULL);
  return gtk_label_get_label (self->error_label);
}
