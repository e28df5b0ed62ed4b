/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Orders area: every order, newest requested day first, paged from the database;
 * filters by day, status, courier and channel; bulk actions on the selection (assign a
 * courier, mark delivered, cancel with a reason), each one call of the core. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-window.h"

#include "sd-catalog.h"
#include "sd-date.h"
#include "sd-doc-actions.h"
#include "sd-money.h"
#include "sd-order-detail.h"
#include "sd-orders-view.h"

/* The date dropdown's items, in its order. */
enum { DAYS_ALL, DAYS_TODAY, DAYS_TOMORROW, DAYS_THIS_WEEK, DAYS_THIS_MONTH, DAYS_LAST_30, DAYS_CHOSEN };
/* The status dropdown: all, open, then each status. */
#define STATUS_ALL  0
#define STATUS_OPEN 1

struct _SdOrdersView
{
  AdwBin              parent_instance;

  SdStore            *store;
  SdOrderList        *list;
  GtkMultiSelection  *selection;
  GArray             *courier_ids;    /* gint64 per courier dropdown item after the first two */
  AdwMessageDialog   *cancel_dialog;  /* weak */
  AdwMessageDialog   *shortfall_dialog;  /* weak */
  GtkEditable        *cancel_entry;   /* owned by the dialog */
  gboolean            building;       /* filling the dropdowns: no filtering yet */
  gint64              customer_id;    /* one customer's orders, from their page; 0 = all */
  GtkButton          *customer_chip;

  AdwWindowTitle     *title;
  GtkMenuButton      *assign_button;
  GtkDropDown        *date_dropdown;
  GtkMenuButton      *range_button;     /* the chosen days, shown with DAYS_CHOSEN */
  GtkCalendar        *from_calendar;
  GtkCalendar        *to_calendar;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *courier_dropdown;
  GtkDropDown        *channel_dropdown;
  GtkLabel           *selection_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (SdOrdersView, sd_orders_view, ADW_TYPE_BIN)

static const char *
channel_label (SdOrderChannel channel)
{
  switch (channel)
    {
    case SD_CHANNEL_PHONE:
      return C_("order channel", "Phone");
    case SD_CHANNEL_WALK_IN:
      return C_("order channel", "Walk-in");
    case SD_CHANNEL_WECHAT:
      return C_("order channel", "WeChat");
    case SD_CHANNEL_SUBSCRIPTION:
    default:
      return C_("order channel", "Subscription");
    }
}

static const char *
status_css_class (SdOrderStatus status)
{
  switch (status)
    {
    case SD_ORDER_PENDING:
      return "warning";
    case SD_ORDER_TO_DISPATCH:
    case SD_ORDER_OUT_FOR_DELIVERY:
      return "accent";
    case SD_ORDER_DELIVERED:
      return "success";
    case SD_ORDER_CANCELLED:
    default:
      return "error";
    }
}

static void
show_error (SdOrdersView *self,
            const GError *error)
{
  sd_toast (GTK_WIDGET (self), error->message);
}

/* --- rows ------------------------------------------------------------------------------------ */

static GtkWidget *
row_label (GtkWidget  *row,
           GtkBox     *box,
           const char *name,
           const char *css_class,
           gboolean    ellipsize)
{
  GtkWidget *label = gtk_label_new ("");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  g_object_set_data (G_OBJECT (row), name, label);
  return label;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *who = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *when = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *money = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *status;

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_hexpand (who, TRUE);
  gtk_widget_set_size_request (when, 150, -1);
  gtk_widget_set_size_request (money, 110, -1);

  row_label (row, GTK_BOX (who), "customer", "heading", TRUE);
  row_label (row, GTK_BOX (who), "address", "dim-label", TRUE);
  row_label (row, GTK_BOX (who), "items", NULL, TRUE);
  row_label (row, GTK_BOX (when), "day", NULL, FALSE);
  row_label (row, GTK_BOX (when), "courier", "dim-label", TRUE);
  row_label (row, GTK_BOX (when), "number", "dim-label", FALSE);
  gtk_label_set_xalign (GTK_LABEL (row_label (row, GTK_BOX (money), "total", "numeric", FALSE)), 1);
  status = row_label (row, GTK_BOX (money), "status", "caption-heading", FALSE);
  gtk_label_set_xalign (GTK_LABEL (status), 1);
  gtk_label_set_xalign (GTK_LABEL (row_label (row, GTK_BOX (money), "payment", "dim-label", FALSE)), 1);

  gtk_box_append (GTK_BOX (row), who);
  gtk_box_append (GTK_BOX (row), when);
  gtk_box_append (GTK_BOX (row), money);
  gtk_list_item_set_child (item, row);
}

static void
set_row_text (GtkWidget  *row,
              const char *name,
              const char *text)
{
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), name), text);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  SdOrderSummary *order = gtk_list_item_get_item (item);
  GtkWidget *status = g_object_get_data (G_OBJECT (row), "status");
  g_autofree char *today = sd_date_today ();
  g_autofree char *tomorrow = sd_date_add_days (today, 1);
  g_autofree char *total = sd_money_format (order->total_fen);
  g_autofree char *day = NULL;
  const char *date = order->requested_date;

  if (g_strcmp0 (date, today) == 0)
    date = _("Today");
  else if (g_strcmp0 (date, tomorrow) == 0)
    date = _("Tomorrow");
  day = *order->slot_text ? g_strdup_printf ("%s · %s", date, order->slot_text) : g_strdup (date);

  set_row_text (row, "customer", order->customer_name);
  set_row_text (row, "address", order->address);
  set_row_text (row, "items", order->items_text);
  set_row_text (row, "day", day);
  set_row_text (row, "courier", order->courier_id ? order->courier_name : _("Unassigned"));
  set_row_text (row, "number", order->number);
  set_row_text (row, "total", total);
  set_row_text (row, "payment", order->id ? sd_order_payment_label (order->payment) : "");
  set_row_text (row, "status", order->id ? sd_order_status_label (order->status) : "");
  for (guint s = 0; s < SD_ORDER_N_STATUSES; s++)
    gtk_widget_remove_css_class (status, status_css_class (s));
  gtk_widget_add_css_class (status, status_css_class (order->status));
}

/* --- state ----------------------------------------------------------------------------------- */

static GArray *
selected_ids (SdOrdersView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->selection == NULL)
    return ids;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      {
        gint64 id = sd_order_list_get_id (self->list, position);
        if (id != 0)
          g_array_append_val (ids, id);
      }
    while (gtk_bitset_iter_next (&iter, &position));
  return ids;
}

static void
update_actions (SdOrdersView *self)
{
  guint n = 0;
  g_autofree char *text = NULL;

  if (self->selection != NULL)
    {
      g_autoptr(GtkBitset) selected =
        gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      n = (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.assign", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.deliver", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.cancel", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.print-receipt", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.print-slip", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.print-bill", n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->assign_button), n > 0);
  if (n > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n), n);
  gtk_label_set_text (self->selection_label, text ? text : "");
}

static void
update_count (SdOrdersView *self)
{
  guint n = self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  g_autofree char *subtitle =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order", "%u orders", n), n);

  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  update_actions (self);
}

static char *
calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  return g_date_time_format (date, "%Y-%m-%d");
}

/* The filter the dropdowns describe. Date strings are owned by the caller. */
static void
read_filter (SdOrdersView  *self,
             SdOrderFilter *filter,
             char         **from,
             char         **to)
{
  guint date = gtk_drop_down_get_selected (self->date_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint courier = gtk_drop_down_get_selected (self->courier_dropdown);
  guint channel = gtk_drop_down_get_selected (self->channel_dropdown);
  g_autofree char *today = sd_date_today ();

  sd_order_filter_init (filter);
  *from = *to = NULL;
  switch (date)
    {
    case DAYS_TODAY:
      *from = g_strdup (today);
      *to = g_strdup (today);
      break;
    case DAYS_TOMORROW:
      *from = sd_date_add_days (today, 1);
      *to = g_strdup (*from);
      break;
    case DAYS_THIS_WEEK:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        int weekday = g_date_time_get_day_of_week (now);   /* 1 = Monday */

        *from = sd_date_add_days (today, 1 - weekday);
        *to = sd_date_add_days (today, 7 - weekday);
      }
      break;
    case DAYS_THIS_MONTH:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        int day = g_date_time_get_day_of_month (now);
        g_autofree char *first = sd_date_add_days (today, 1 - day);
        g_autofree char *next_month = sd_date_add_days (first, 40);

        next_month[8] = '0';
        next_month[9] = '1';
        *from = g_steal_pointer (&first);
        *to = sd_date_add_days (next_month, -1);
      }
      break;
    case DAYS_LAST_30:
      *from = sd_date_add_days (today, -29);
      *to = g_strdup (today);
      break;
    case DAYS_CHOSEN:
      *from = calendar_day (self->from_calendar);
      *to = calendar_day (self->to_calendar);
      break;
    default:
      break;
    }
  filter->date_from = *from;
  filter->date_to = *to;

  if (status == STATUS_OPEN)
    filter->status_mask = SD_ORDER_OPEN_STATUSES;
  else if (status != GTK_INVALID_LIST_POSITION && status >= 2 && status < 2 + SD_ORDER_N_STATUSES)
    filter->status_mask = SD_ORDER_STATUS_BIT (status - 2);

  if (courier == 1)
    filter->courier_id = 0;
  else if (courier != GTK_INVALID_LIST_POSITION && courier >= 2 && courier - 2 < self->courier_ids->len)
    filter->courier_id = g_array_index (self->courier_ids, gint64, courier - 2);

  if (channel != GTK_INVALID_LIST_POSITION && channel >= 1 && channel <= SD_ORDER_N_CHANNELS)
    filter->channel = (int) channel - 1;
  filter->customer_id = self->customer_id;
}

static void
apply_filter (SdOrdersView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  SdOrderFilter filter;

  if (self->list == NULL || self->building)
    return;
  read_filter (self, &filter, &from, &to);
  if (!sd_order_list_set_filter (self->list, &filter, &error))
    show_error (self, error);
  update_count (self);
}

/* The button of chosen days says which: "2026-11-01 – 2026-11-15". */
static void
update_range_button (SdOrdersView *self)
{
  gboolean chosen = gtk_drop_down_get_selected (self->date_dropdown) == DAYS_CHOSEN;
  g_autofree char *from = calendar_day (self->from_calendar);
  g_autofree char *to = calendar_day (self->to_calendar);
  g_autofree char *label = g_strdup_printf ("%s – %s", from, to);

  gtk_widget_set_visible (GTK_WIDGET (self->range_button), chosen);
  gtk_menu_button_set_label (self->range_button, label);
}

static void
on_filter_changed (SdOrdersView *self)
{
  gboolean chosen = gtk_drop_down_get_selected (self->date_dropdown) == DAYS_CHOSEN;

  update_range_button (self);
  apply_filter (self);
  /* choosing "Choose Days…" opens the calendars */
  if (chosen && !self->building && gtk_widget_get_mapped (GTK_WIDGET (self->range_button)))
    gtk_menu_button_popup (self->range_button);
}

static void
on_range_changed (SdOrdersView *self)
{
  update_range_button (self);
  if (gtk_drop_down_get_selected (self->date_dropdown) == DAYS_CHOSEN)
    apply_filter (self);
}

void
sd_orders_view_choose_days (SdOrdersView *self,
                            const char   *from,
                            const char   *to)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int y, m, d;

  g_return_if_fail (SD_IS_ORDERS_VIEW (self));
  if (sscanf (from, "%d-%d-%d", &y, &m, &d) == 3)
    first = g_date_time_new (local, y, m, d, 12, 0, 0);
  if (sscanf (to, "%d-%d-%d", &y, &m, &d) == 3)
    last = g_date_time_new (local, y, m, d, 12, 0, 0);
  g_return_if_fail (first != NULL && last != NULL);
  self->building = TRUE;
  gtk_calendar_select_day (self->from_calendar, first);
  gtk_calendar_select_day (self->to_calendar, last);
  gtk_drop_down_set_selected (self->date_dropdown, DAYS_CHOSEN);
  self->building = FALSE;
  update_range_button (self);
  apply_filter (self);
}

static void
on_customer_chip_clicked (SdOrdersView *self)
{
  sd_orders_view_show_customer (self, 0, NULL);
}

void
sd_orders_view_show_customer (SdOrdersView *self,
                              gint64        customer_id,
                              const char   *name)
{
  g_return_if_fail (SD_IS_ORDERS_VIEW (self));

  self->customer_id = customer_id;
  if (self->customer_chip == NULL)
    {
      GtkWidget *bar = gtk_widget_get_parent (GTK_WIDGET (self->date_dropdown));

      self->customer_chip = GTK_BUTTON (gtk_button_new ());
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->customer_chip), _("Show every customer’s orders"));
      gtk_widget_add_css_class (GTK_WIDGET (self->customer_chip), "pill");
      g_signal_connect_swapped (self->customer_chip, "clicked", G_CALLBACK (on_customer_chip_clicked), self);
      gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->customer_chip));
    }
  if (customer_id != 0)
    {
      g_autofree char *label = g_strdup_printf (_("Orders of %s  ✕"), name ? name : "");
      gtk_button_set_label (self->customer_chip, label);
      /* a customer's history is every day's */
      gtk_drop_down_set_selected (self->date_dropdown, DAYS_ALL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->customer_chip), customer_id != 0);
  apply_filter (self);
}

static void
on_selection_changed (SdOrdersView *self)
{
  update_actions (self);
}

static void
fill_dropdowns (SdOrdersView *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) couriers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) none = g_menu_new ();

  self->building = TRUE;
  gtk_string_list_append (statuses, _("All Statuses"));
  gtk_string_list_append (statuses, _("Open"));
  for (guint s = 0; s < SD_ORDER_N_STATUSES; s++)
    gtk_string_list_append (statuses, sd_order_status_label (s));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));

  g_array_set_size (self->courier_ids, 0);
  gtk_string_list_append (couriers, _("All Couriers"));
  gtk_string_list_append (couriers, _("Unassigned"));
  list = sd_store_list_couriers (self->store, FALSE, &error);
  if (list == NULL)
    show_error (self, error);
  for (guint i = 0; list && i < list->len; i++)
    {
      SdCourier *courier = g_ptr_array_index (list, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (courier->name, NULL);

      gtk_string_list_append (couriers, courier->name);
      g_array_append_val (self->courier_ids, courier->id);
      g_menu_item_set_action_and_target_value (item, "orders.assign",
                                               g_variant_new_int64 (courier->id));
      g_menu_append_item (menu, item);
    }
  gtk_drop_down_set_model (self->courier_dropdown, G_LIST_MODEL (couriers));
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("No Courier Yet"), NULL);

    g_menu_item_set_action_and_target_value (item, "orders.assign", g_variant_new_int64 (0));
    g_menu_append_item (none, item);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (none));
  }
  gtk_menu_button_set_menu_model (self->assign_button, G_MENU_MODEL (menu));

  gtk_string_list_append (channels, _("All Channels"));
  for (guint c = 0; c < SD_ORDER_N_CHANNELS; c++)
    gtk_string_list_append (channels, channel_label (c));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channels));
  self->building = FALSE;
}

/* After a bulk action: the orders may have left the filter. */
static void
after_change (SdOrdersView *self,
              const char   *message)
{
  g_autoptr(GError) error = NULL;

  if (!sd_order_list_reload (self->list, &error))
    show_error (self, error);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  update_count (self);
  sd_toast (GTK_WIDGET (self), message);
}

/* --- actions ----------------------------------------------------------------------------------- */

static void
action_assign (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdOrdersView *self = SD_ORDERS_VIEW (widget);
  g_autoptr(GArray) ids = selected_ids (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (ids->len == 0)
    return;
  if (!sd_store_assign_orders (self->store, (const gint64 *) (gpointer) ids->data, ids->len,
                               g_variant_get_int64 (parameter), &error))
    {
      show_error (self, error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assigned %u order",
                                          "Assigned %u orders", ids->len), ids->len);
  after_change (self, message);
}

/* Delivers the selection; a refusal other than a shortfall is shown. */
static gboolean
deliver (SdOrdersView *self,
         GArray       *ids,
         SdShortfall   shortfall,
         GError      **error)
{
  g_autofree char *message = NULL;

  if (!sd_store_deliver_orders (self->store, (const gint64 *) (gpointer) ids->data, ids->len,
                                "", shortfall, error))
    return FALSE;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order delivered",
                                          "%u orders delivered", ids->len), ids->len);
  after_change (self, message);
  sd_doc_print_on_delivery (GTK_WIDGET (self), self->store, (const gint64 *) (gpointer) ids->data,
                            ids->len);
  return TRUE;
}

static void
on_shortfall_response (AdwMessageDialog *dialog,
                       const char       *response,
                       SdOrdersView     *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  g_autoptr(GError) error = NULL;
  SdShortfall shortfall;

  if (g_strcmp0 (response, "receivable") == 0)
    shortfall = SD_SHORTFALL_RECEIVABLE;
  else if (g_strcmp0 (response, "cash") == 0)
    shortfall = SD_SHORTFALL_CASH;
  else
    return;
  if (!deliver (self, ids, shortfall, &error))
    show_error (self, error);
}

/* Tickets or prepaid cash do not cover an order: the store's numbers, and how to pay the
 * rest — owed on the customer's account, or collected in cash at the door. */
static void
ask_shortfall (SdOrdersView *self,
               GArray       *ids,
               const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   error->code == SD_ORDER_ERROR_NOT_ENOUGH_TICKETS
                                   ? _("Not Enough Water Tickets") : _("Not Enough Prepaid Balance"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", error->message,
                                  _("Deliver anyway, with the rest paid another way?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Don’t Deliver"),
                                    "receivable", _("_Owe the Rest"),
                                    "cash", _("Collect _Cash"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cash",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_array_ref (ids),
                          (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_shortfall_response), self, 0);
  g_set_weak_pointer (&self->shortfall_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_deliver (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SdOrdersView *self = SD_ORDERS_VIEW (widget);
  g_autoptr(GArray) ids = selected_ids (self);
  g_autoptr(GError) error = NULL;

  if (ids->len == 0)
    return;
  if (deliver (self, ids, SD_SHORTFALL_REFUSE, &error))
    return;
  if (g_error_matches (error, SD_ORDER_ERROR, SD_ORDER_ERROR_NOT_ENOUGH_TICKETS) ||
      g_error_matches (error, SD_ORDER_ERROR, SD_ORDER_ERROR_NOT_ENOUGH_PREPAID))
    ask_shortfall (self, ids, error);
  else
    show_error (self, error);
}

/* The first selected order's document, in a preview window. */
static void
action_print (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SdOrdersView *self = SD_ORDERS_VIEW (widget);
  g_autoptr(GArray) ids = selected_ids (self);
  SdDocKind kind;

  if (ids->len == 0)
    return;
  if (g_str_equal (action_name, "orders.print-slip"))
    kind = SD_DOC_SLIP_A5;
  else if (g_str_equal (action_name, "orders.print-bill"))
    kind = SD_DOC_BILL;
  else
    kind = sd_doc_receipt_kind (self->store);
  sd_doc_open_order (widget, self->store, kind, g_array_index (ids, gint64, 0));
}

static void
on_cancel_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SdOrdersView     *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "cancel-orders") != 0)
    return;
  ids = g_array_ref (g_object_get_data (G_OBJECT (dialog), "ids"));
  reason = g_strstrip (g_strdup (gtk_editable_get_text (self->cancel_entry)));
  if (!sd_store_cancel_orders (self->store, (const gint64 *) (gpointer) ids->data, ids->len, "",
                               reason, &error))
    {
      show_error (self, error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order cancelled",
                                          "%u orders cancelled", ids->len), ids->len);
  after_change (self, message);
}

static void
on_reason_changed (SdOrdersView *self)
{
  const char *text = gtk_editable_get_text (self->cancel_entry);
  g_autofree char *reason = g_strstrip (g_strdup (text));

  if (self->cancel_dialog != NULL)
    adw_message_dialog_set_response_enabled (self->cancel_dialog, "cancel-orders", *reason != '\0');
}

static void
action_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdOrdersView *self = SD_ORDERS_VIEW (widget);
  g_autoptr(GArray) ids = selected_ids (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *entry;

  if (ids->len == 0 || self->cancel_dialog != NULL)
    return;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Cancel %u Order?",
                                          "Cancel %u Orders?", ids->len), ids->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("The reason is kept with each order."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Orders"),
                                    "cancel-orders", _("C_ancel Orders"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-orders",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-orders", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, e.g. customer away"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for cancelling"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  self->cancel_entry = GTK_EDITABLE (entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed), self, G_CONNECT_SWAPPED);

  g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids),
                          (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response), self, 0);
  g_set_weak_pointer (&self->cancel_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- an order's page ---------------------------------------------------------------------------- */

static void
on_detail_changed (SdOrdersView *self)
{
  sd_orders_view_refresh (self);
}

/* Opens the order's page over the window; Enter or a double click on a row. */
GtkWidget *
sd_orders_view_open_order (SdOrdersView *self,
                           gint64        order_id)
{
  GtkWidget *detail;

  g_return_val_if_fail (SD_IS_ORDERS_VIEW (self), NULL);
  if (self->store == NULL || order_id <= 0)
    return NULL;
  detail = sd_order_detail_new (self->store, order_id);
  gtk_window_set_transient_for (GTK_WINDOW (detail), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (detail, "changed", G_CALLBACK (on_detail_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (detail));
  return detail;
}

static void
on_row_activated (SdOrdersView *self,
                  guint         position)
{
  sd_orders_view_open_order (self, sd_order_list_get_id (self->list, position));
}

/* --- the widget --------------------------------------------------------------------------------- */

static void
sd_orders_view_dispose (GObject *object)
{
  SdOrdersView *self = (SdOrdersView *) object;

  if (self->cancel_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->cancel_dialog));
  g_clear_weak_pointer (&self->cancel_dialog);
  if (self->shortfall_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->shortfall_dialog));
  g_clear_weak_pointer (&self->shortfall_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_ORDERS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_pointer (&self->courier_ids, g_array_unref);

  G_OBJECT_CLASS (sd_orders_view_parent_class)->dispose (object);
}

static void
sd_orders_view_class_init (SdOrdersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_orders_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-orders-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, title);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, assign_button);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, date_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, courier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, stack);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, list_view);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_range_changed);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, range_button);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, SdOrdersView, to_calendar);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "orders.assign", "x", action_assign);
  gtk_widget_class_install_action (widget_class, "orders.deliver", NULL, action_deliver);
  gtk_widget_class_install_action (widget_class, "orders.cancel", NULL, action_cancel);
  gtk_widget_class_install_action (widget_class, "orders.print-receipt", NULL, action_print);
  gtk_widget_class_install_action (widget_class, "orders.print-slip", NULL, action_print);
  gtk_widget_class_install_action (widget_class, "orders.print-bill", NULL, action_print);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "orders.print-receipt", NULL);
}

static void
sd_orders_view_init (SdOrdersView *self)
{
  GtkListItemFactory *factory;

  self->courier_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->building = TRUE;   /* until there is a store */
  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  /* chosen days start as the last 30 */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) before = g_date_time_add_days (now, -29);

    gtk_calendar_select_day (self->from_calendar, before);
    update_range_button (self);
  }
  update_count (self);
}

GtkWidget *
sd_orders_view_new (void)
{
  return g_object_new (SD_TYPE_ORDERS_VIEW, NULL);
}

void
sd_orders_view_set_store (SdOrdersView *self,
                          SdStore      *store)
{
  g_return_if_fail (SD_IS_ORDERS_VIEW (self));
  g_return_if_fail (SD_IS_STORE (store));

  g_set_object (&self->store, store);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);

  fill_dropdowns (self);
  self->list = sd_order_list_new (store);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  apply_filter (self);
}

void
sd_orders_view_refresh (SdOrdersView *self)
{
  g_return_if_fail (SD_IS_ORDERS_VIEW (self));
  apply_filter (self);
}

SdOrderList *
sd_orders_view_get_list (SdOrdersView *self)
{
  g_return_val_if_fail (SD_IS_ORDERS_VIEW (self), NULL);
  return self->list;
}

GtkListView *
sd_orders_view_get_list_view (SdOrdersView *self)
{
  g_return_val_if_fail (SD_IS_ORDERS_VIEW (self), NULL);
  return self->list_view;
}

GtkDropDown *
sd_orders_view_get_dropdown (SdOrdersView *self,
                             const char   *name)
{
  g_return_val_if_fail (SD_IS_ORDERS_VIEW (self), NULL);

  if (g_strcmp0 (name, "date") == 0)
    return self->date_dropdown;
  if (g_strcmp0 (name, "status") == 0)
    return self->status_dropdown;
  if (g_strcmp0 (name, "courier") == 0)
    return self->courier_dropdown;
  if (g_strcmp0 (name, "channel") == 0)
    return self->channel_dropdown;
  return NULL;
}

void
sd_orders_view_select_positions (SdOrdersView *self,
                                 const guint  *positions,
                                 guint         n)
{
  g_return_if_fail (SD_IS_ORDERS_VIEW (self));

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), positions[i], FALSE);
}

AdwMessageDialog *
sd_orders_view_get_cancel_dialog (SdOrdersView *self)
{
  g_return_val_if_fail (SD_IS_ORDERS_VIEW (self), NULL);
  return self->cancel_dialog;
}

AdwMessageDialog *
sd_orders_view_get_shortfall_dialog (SdOrdersView *self)
{
  g_return_val_if_fail (SD_IS_ORDERS_VIEW (self), NULL);
  return self->shortfall_dialog;
}

GtkEditable *
sd_orders_view_get_cancel_entry (SdOrdersView *self)
{
  g_return_val_if_fail (SD_IS_ORDERS_VIEW (self), NULL);
  return self->cancel_dialog ? self->cancel_entry : NULL;
}

const char *
sd_orders_view_get_page_name (SdOrdersView *self)
{
  g_return_val_if_fail (SD_IS_ORDERS_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
sd_orders_view_get_subtitle (SdOrdersView *self)
{
  g_return_val_if_fail (SD_IS_ORDERS_VIEW (self), NULL);
  return adw_window_title_get_subtitle (self->title);
}
