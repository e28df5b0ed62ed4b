/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The products page of the preferences window: the shop's price list, and its water ticket
 * plans (水票套餐). A sold plan keeps what it sells and costs; its dialog says so when
 * the owner tries. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-catalog.h"
#include "sd-money.h"
#include "sd-preferences-window-private.h"
#include "sd-pricing.h"
#include "sd-product-dialog.h"
#include "sd-ticket-plan-dialog.h"

/* --- the lists ----------------------------------------------------------------------------- */

static void
on_edit_product_clicked (SdPreferencesWindow *self,
                         GtkWidget           *button)
{
  _sd_preferences_edit_product (self, _sd_preferences_button_row_id (button));
}

static void
on_edit_plan_clicked (SdPreferencesWindow *self,
                      GtkWidget           *button)
{
  _sd_preferences_edit_ticket_plan (self, _sd_preferences_button_row_id (button));
}

static void
name_row (AdwActionRow *row,
          const char   *prefix,
          gint64        id)
{
  g_autofree char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT, prefix, id);

  gtk_widget_set_name (GTK_WIDGET (row), name);
  _sd_preferences_set_id (row, id);
}

static void
add_product_row (SdPreferencesWindow *self,
                 const SdProduct     *product)
{
  g_autofree char *price = sd_money_format (product->price_fen);
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;

  /* "¥18.00 / 桶 · Deposit ¥30.00" */
  if (product->unit != NULL && *product->unit != '\0')
    {
      /* TRANSLATORS: a price per unit, e.g. "¥18.00 / 桶" */
      subtitle = g_strdup_printf (_("%s / %s"), price, product->unit);
    }
  else
    subtitle = g_strdup (price);
  if (product->deposit_fen > 0)
    {
      g_autofree char *deposit = sd_money_format (product->deposit_fen);
      g_autofree char *text = g_strdup_printf (_("Deposit %s"), deposit);
      g_autofree char *both = g_strdup_printf ("%s · %s", subtitle, text);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }
  if (product->category != NULL && *product->category != '\0')
    {
      g_autofree char *both = g_strdup_printf ("%s · %s", subtitle, product->category);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }

  row = _sd_preferences_new_row (product->name, subtitle);
  name_row (row, "product", product->id);
  if (product->returnable_bucket)
    adw_action_row_add_suffix (row, _sd_preferences_badge (_("Returnable Bucket"),
                                                           _("Delivering it hands over a bucket "
                                                             "that comes back empty")));
  if (!product->active)
    {
      adw_action_row_add_suffix (row, _sd_preferences_badge (_("Not on Sale"),
                                                             _("Kept for old orders; it cannot "
                                                               "be chosen for new ones")));
      gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
    }
  adw_action_row_add_suffix (row, _sd_preferences_icon_button ("edit", "document-edit-symbolic",
                                                               _("Edit Product"),
                                                               G_CALLBACK (on_edit_product_clicked),
                                                               self));
  _sd_preferences_group_add (self->products_group, self->product_rows, row);
}

static const char *
product_name (GPtrArray *products,
              gint64     id)
{
  for (guint i = 0; products && i < products->len; i++)
    if (((SdProduct *) g_ptr_array_index (products, i))->id == id)
      return ((SdProduct *) g_ptr_array_index (products, i))->name;
  return "?";
}

static void
add_plan_row (SdPreferencesWindow *self,
              const SdTicketPlan  *plan,
              GPtrArray           *products)
{
  g_autofree char *price = sd_money_format (plan->price_fen);
  g_autofree char *tickets = NULL;
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;

  if (plan->bonus_tickets > 0)
    /* TRANSLATORS: tickets paid for and tickets free, e.g. "20 + 2 free tickets" */
    tickets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d + %d free ticket",
                                            "%d + %d free tickets", plan->bonus_tickets),
                               plan->tickets, plan->bonus_tickets);
  else
    tickets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d ticket", "%d tickets",
                                            plan->tickets),
                               plan->tickets);
  subtitle = g_strdup_printf ("%s · %s · %s", product_name (products, plan->product_id),
                              tickets, price);
  if (plan->valid_days > 0)
    {
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "valid %d day", "valid %d days",
                                                            plan->valid_days),
                                               plan->valid_days);
      g_autofree char *both = g_strdup_printf ("%s · %s", subtitle, days);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }

  row = _sd_preferences_new_row (plan->name, subtitle);
  name_row (row, "ticket-plan", plan->id);
  if (!plan->active)
    {
      adw_action_row_add_suffix (row, _sd_preferences_badge (_("Not on Sale"),
                                                             _("Tickets already bought stay "
                                                               "valid")));
      gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
    }
  adw_action_row_add_suffix (row, _sd_preferences_icon_button ("edit", "document-edit-symbolic",
                                                               _("Edit Ticket Plan"),
                                                               G_CALLBACK (on_edit_plan_clicked),
                                                               self));
  _sd_preferences_group_add (self->plans_group, self->plan_rows, row);
}

void
_sd_preferences_reload_products (SdPreferencesWindow *self)
{
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;

  _sd_preferences_group_clear (self->products_group, self->product_rows);
  _sd_preferences_group_clear (self->plans_group, self->plan_rows);

  products = sd_store_list_products (self->store, TRUE, &error);
  if (products == NULL)
    {
      _sd_preferences_show_error (self, error);
      return;
    }
  for (guint i = 0; i < products->len; i++)
    add_product_row (self, g_ptr_array_index (products, i));
  if (products->len == 0)
    _sd_preferences_group_add (self->products_group, self->product_rows,
                               _sd_preferences_new_row (_("No products yet"),
                                                        _("Add what the shop sells, with its "
                                                          "price.")));

  plans = sd_store_list_ticket_plans (self->store, TRUE, &error);
  if (plans == NULL)
    {
      _sd_preferences_show_error (self, error);
      return;
    }
  for (guint i = 0; i < plans->len; i++)
    add_plan_row (self, g_ptr_array_index (plans, i), products);
  if (plans->len == 0)
    _sd_preferences_group_add (self->plans_group, self->plan_rows,
                               _sd_preferences_new_row (_("No ticket plans yet"),
                                                        _("Customers pay ahead for a number of "
                                                          "tickets, often with some free.")));
}

/* --- the header buttons -------------------------------------------------------------------- */

static GtkWidget *
header_button (const char *name,
               const char *label,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
on_new_product_clicked (SdPreferencesWindow *self)
{
  _sd_preferences_new_product (self);
}

static void
on_new_plan_clicked (SdPreferencesWindow *self)
{
  _sd_preferences_new_ticket_plan (self);
}

void
_sd_preferences_setup_products (SdPreferencesWindow *self)
{
  GtkWidget *button;

  self->product_rows = g_ptr_array_new ();
  self->plan_rows = g_ptr_array_new ();

  button = header_button ("new-product", _("_New Product"), _("Add a product to the price list"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_new_product_clicked), self);
  adw_preferences_group_set_header_suffix (self->products_group, button);

  button = header_button ("new-ticket-plan", _("New _Ticket Plan"), _("Make a new water ticket plan"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_new_plan_clicked), self);
  adw_preferences_group_set_header_suffix (self->plans_group, button);
}

void
_sd_preferences_dispose_products (SdPreferencesWindow *self)
{
  g_clear_pointer (&self->product_rows, g_ptr_array_unref);
  g_clear_pointer (&self->plan_rows, g_ptr_array_unref);
}

/* --- opening the dialogs ------------------------------------------------------------------- */

GtkWindow *
_sd_preferences_new_product (SdPreferencesWindow *self)
{
  return _sd_preferences_open_dialog (self, sd_product_dialog_new (self->store, NULL));
}

GtkWindow *
_sd_preferences_edit_product (SdPreferencesWindow *self,
                              gint64               product_id)
{
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GError) error = NULL;

  products = sd_store_list_products (self->store, TRUE, &error);
  for (guint i = 0; products && i < products->len; i++)
    {
      SdProduct *product = g_ptr_array_index (products, i);

      if (product->id == product_id)
        return _sd_preferences_open_dialog (self, sd_product_dialog_new (self->store, product));
    }
  if (error != NULL)
    _sd_preferences_show_error (self, error);
  _sd_preferences_reload_products (self);   /* someone else changed it */
  return NULL;
}

GtkWindow *
_sd_preferences_new_ticket_plan (SdPreferencesWindow *self)
{
  return _sd_preferences_open_dialog (self, sd_ticket_plan_dialog_new (self->store, NULL));
}

GtkWindow *
_sd_preferences_edit_ticket_plan (SdPreferencesWindow *self,
                                  gint64               plan_id)
{
  g_autoptr(SdTicketPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = sd_store_load_ticket_plan (self->store, plan_id, &error);
  if (plan == NULL)
    {
      _sd_preferences_show_error (self, error);
      _sd_preferences_reload_products (self);
      return NULL;
    }
  return _sd_preferences_open_dialog (self, sd_ticket_plan_dialog_new (self->store, plan));
}
