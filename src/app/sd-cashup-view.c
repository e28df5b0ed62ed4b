/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Cash-up" area (日结): at the end of the day the owner checks each courier's cash
 * against what the books say they collected. One card per courier and one for the counter,
 * with the day's deliveries, buckets, tickets and money by method; and the "Owed" page, what
 * customers owe aged by how long they have owed it. All figures come from sd-report. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-window.h"

#include "sd-cashup-view.h"
#include "sd-catalog.h"
#include "sd-date.h"
#include "sd-follow-up-list.h"
#include "sd-money.h"
#include "sd-payment.h"
#include "sd-report.h"

struct _SdCashupView
{
  AdwBin          parent_instance;

  SdStore        *store;
  char           *day;          /* "YYYY-MM-DD" */
  GPtrArray      *cards;        /* AdwPreferencesGroup*, in the order shown */
  GArray         *card_ids;     /* gint64 courier id per card, 0 = the counter */
  GPtrArray      *aging;        /* SdAgingRow*, in the order shown */
  GPtrArray      *aging_rows;   /* GHashTable* which → GtkLabel*, one per row + the total */

  AdwViewStack   *view_stack;
  GtkLabel       *day_label;
  GtkFlowBox     *cards_box;
  GtkStack       *aging_stack;
  GtkLabel       *aging_heading;
  GtkGrid        *aging_grid;
};

G_DEFINE_FINAL_TYPE (SdCashupView, sd_cashup_view, ADW_TYPE_BIN)

/* Keys of the money rows, by SdPaymentMethod. */
static const char *method_keys[SD_PAYMENT_N_METHODS] = {
  "cash", "wechat", "alipay", "bank-transfer", "prepaid",
};

static const char *aging_keys[SD_AGING_N_BUCKETS] = { "0-30", "31-60", "61-90", "90+" };

/* --- helpers -------------------------------------------------------------------------------- */

static void
show_error (SdCashupView *self,
            const GError *error)
{
  sd_toast (GTK_WIDGET (self), error->message);
}

static GtkWidget *
value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* A row "title … value" in `group`, its value label kept under `which` on the group. */
static GtkWidget *
figure_row (GtkWidget  *group,
            const char *which,
            const char *title,
            char       *value)   /* taken */
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = value_label (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (group), which, label);
  g_free (value);
  return label;
}

static char *
count_text (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static GtkWidget *
cashup_card (const char     *title,
             const SdCashup *c)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *label;
  g_autofree char *description = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u payment", "%u payments",
                                              c->n_payments), c->n_payments);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_widget_set_valign (group, GTK_ALIGN_START);

  figure_row (group, "deliveries", _("Deliveries"), count_text (c->deliveries));
  figure_row (group, "buckets-out", _("Full buckets out"), count_text (c->buckets_out));
  figure_row (group, "empties-back", _("Empties back"), count_text (c->empties_back));
  figure_row (group, "tickets", _("Water tickets taken"), count_text (c->tickets_taken));
  for (guint m = 0; m < SD_PAYMENT_N_METHODS; m++)
    figure_row (group, method_keys[m], sd_payment_method_label ((SdPaymentMethod) m),
                sd_money_format (c->collected_fen[m]));

  label = figure_row (group, "hand-in", _("Cash to hand in"), sd_money_format (c->cash_fen));
  gtk_widget_add_css_class (label, "heading");
  if (c->cash_fen != 0)
    gtk_widget_add_css_class (label, "accent");
  return group;
}

static gboolean
cashup_is_empty (const SdCashup *c)
{
  if (c->n_payments || c->tickets_taken || c->buckets_out || c->empties_back || c->deliveries)
    return FALSE;
  for (guint m = 0; m < SD_PAYMENT_N_METHODS; m++)
    if (c->collected_fen[m] != 0)
      return FALSE;
  return TRUE;
}

static void
clear_cards (SdCashupView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_flow_box_remove (self->cards_box, child);
  g_ptr_array_set_size (self->cards, 0);
  g_array_set_size (self->card_ids, 0);
}

static void
add_card (SdCashupView   *self,
          gint64          courier_id,
          const char     *title,
          const SdCashup *c)
{
  GtkWidget *card = cashup_card (title, c);
  GtkWidget *child = gtk_flow_box_child_new ();

  g_object_set_data_full (G_OBJECT (card), "title", g_strdup (title), g_free);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
  gtk_widget_set_focusable (child, FALSE);
  gtk_flow_box_append (self->cards_box, child);
  g_ptr_array_add (self->cards, card);
  g_array_append_val (self->card_ids, courier_id);
}

static void
load_cashup (SdCashupView *self)
{
  g_autoptr(GPtrArray) couriers = NULL;
  g_autoptr(GError) error = NULL;
  SdCashup c;

  clear_cards (self);
  if (self->store == NULL)
    return;

  couriers = sd_store_list_couriers (self->store, TRUE, &error);
  if (couriers == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < couriers->len; i++)
    {
      const SdCourier *courier = g_ptr_array_index (couriers, i);

      if (!sd_store_cashup (self->store, self->day, NULL, courier->id, &c, &error))
        {
          show_error (self, error);
          return;
        }
      /* a courier who has left only shows on the days they still worked */
      if (!courier->active && cashup_is_empty (&c))
        continue;
      add_card (self, courier->id, courier->name, &c);
    }

  if (!sd_store_cashup (self->store, self->day, NULL, 0, &c, &error))
    {
      show_error (self, error);
      return;
    }
  /* TRANSLATORS: sales and payments at the shop rather than by a courier (门店) */
  add_card (self, 0, _("Counter"), &c);
}

/* Oldest debts first: by what is owed over 90 days, then 61–90, … then the total. */
static int
compare_aging (gconstpointer a,
               gconstpointer b)
{
  const SdAgingRow *x = *(SdAgingRow * const *) a;
  const SdAgingRow *y = *(SdAgingRow * const *) b;

  for (int i = SD_AGING_N_BUCKETS - 1; i >= 0; i--)
    if (x->bucket_fen[i] != y->bucket_fen[i])
      return x->bucket_fen[i] > y->bucket_fen[i] ? -1 : 1;
  if (x->total_fen != y->total_fen)
    return x->total_fen > y->total_fen ? -1 : 1;
  return x->customer_id < y->customer_id ? -1 : x->customer_id > y->customer_id;
}

static void
clear_aging (SdCashupView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->aging_grid))) != NULL)
    gtk_grid_remove (self->aging_grid, child);
  g_ptr_array_set_size (self->aging_rows, 0);
  g_clear_pointer (&self->aging, g_ptr_array_unref);
}

static GtkWidget *
cell (SdCashupView *self,
      int           column,
      int           row,
      GtkWidget    *label)
{
  /* the card's padding: the grid itself has none */
  if (column == 0)
    gtk_widget_set_margin_start (label, 12);
  if (column == SD_AGING_N_BUCKETS + 1)
    gtk_widget_set_margin_end (label, 12);
  gtk_grid_attach (self->aging_grid, label, column, row, 1, 1);
  return label;
}

/* One line of the table: `name`, the buckets, the total; styled with `style`. */
static void
aging_line (SdCashupView *self,
            int           row,
            const char   *name,
            const gint64 *bucket_fen,
            gint64        total_fen,
            const char   *style)
{
  GHashTable *labels = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *label = gtk_label_new (name);
  g_autofree char *total = sd_money_format (total_fen);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  if (style)
    gtk_widget_add_css_class (label, style);
  g_hash_table_insert (labels, (gpointer) "name", cell (self, 0, row, label));

  for (int i = 0; i < SD_AGING_N_BUCKETS; i++)
    {
      g_autofree char *text = sd_money_format (bucket_fen[i]);

      label = value_label (text);
      if (bucket_fen[i] == 0)
        gtk_widget_add_css_class (label, "dim-label");
      else if (i == SD_AGING_N_BUCKETS - 1 && style == NULL)
        gtk_widget_add_css_class (label, "error");
      if (style)
        gtk_widget_add_css_class (label, style);
      g_hash_table_insert (labels, (gpointer) aging_keys[i], cell (self, 1 + i, row, label));
    }

  label = value_label (total);
  gtk_widget_add_css_class (label, style ? style : "heading");
  g_hash_table_insert (labels, (gpointer) "total",
                       cell (self, SD_AGING_N_BUCKETS + 1, row, label));
  g_ptr_array_add (self->aging_rows, labels);
}

static void
aging_header (SdCashupView *self)
{
  const char *titles[] = {
    _("Customer"), _("0–30 days"), _("31–60 days"), _("61–90 days"), _("Over 90 days"),
    _("Total"),
  };

  for (int i = 0; i < (int) G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *label = gtk_label_new (titles[i]);

      gtk_label_set_xalign (GTK_LABEL (label), i == 0 ? 0 : 1);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      cell (self, i, 0, label);
    }
}

static void
load_aging (SdCashupView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *day = sd_follow_up_format_day (self->day);
  g_autofree char *heading = NULL;
  gint64 sum[SD_AGING_N_BUCKETS] = { 0 };
  gint64 total = 0;
  guint n;

  clear_aging (self);
  if (self->store != NULL)
    {
      self->aging = sd_store_receivables_aging (self->store, self->day, NULL, &error);
      if (self->aging == NULL)
        show_error (self, error);
    }
  n = self->aging ? self->aging->len : 0;
  if (self->aging)
    g_ptr_array_sort (self->aging, compare_aging);

  /* TRANSLATORS: %u customers owe money on the day %s (a date) */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer owes money on %s",
                                          "%u customers owe money on %s", n), n, day);
  gtk_label_set_label (self->aging_heading, heading);

  aging_header (self);
  for (guint i = 0; i < n; i++)
    {
      const SdAgingRow *r = g_ptr_array_index (self->aging, i);

      aging_line (self, (int) i + 1, r->customer_name, r->bucket_fen, r->total_fen, NULL);
      for (int b = 0; b < SD_AGING_N_BUCKETS; b++)
        sum[b] += r->bucket_fen[b];
      total += r->total_fen;
    }
  if (n > 0)
    {
      GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

      gtk_grid_attach (self->aging_grid, separator, 0, (int) n + 1, SD_AGING_N_BUCKETS + 2, 1);
      aging_line (self, (int) n + 2, _("Total"), sum, total, "heading");
      gtk_widget_set_margin_bottom (g_hash_table_lookup (g_ptr_array_index (self->aging_rows, n),
                                                         "name"), 12);
    }
  gtk_stack_set_visible_child_name (self->aging_stack, n > 0 ? "list" : "empty");
}

static void
update_day (SdCashupView *self)
{
  g_autofree char *day = sd_follow_up_format_day (self->day);
  g_autofree char *text = g_strdup_printf ("%s %s", day, sd_follow_up_weekday (self->day));
  g_autofree char *today = sd_date_today ();

  gtk_label_set_label (self->day_label, text);
  /* the day is not over before it has come */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cashup.next-day",
                                 g_strcmp0 (self->day, today) < 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cashup.today",
                                 g_strcmp0 (self->day, today) != 0);
}

static void
move_day (SdCashupView *self,
          int           days)
{
  g_autofree char *day = sd_date_add_days (self->day, days);

  if (day != NULL)
    sd_cashup_view_set_day (self, day);
}

/* --- callbacks ------------------------------------------------------------------------------ */

static void
on_map (GtkWidget *widget,
        gpointer   user_data)
{
  sd_cashup_view_reload (SD_CASHUP_VIEW (widget));
}

static void
action_reload (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sd_cashup_view_reload (SD_CASHUP_VIEW (widget));
}

static void
action_previous_day (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_day (SD_CASHUP_VIEW (widget), -1);
}

static void
action_next_day (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_day (SD_CASHUP_VIEW (widget), 1);
}

static void
action_today (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autofree char *today = sd_date_today ();

  sd_cashup_view_set_day (SD_CASHUP_VIEW (widget), today);
}

/* --- type ----------------------------------------------------------------------------------- */

static void
sd_cashup_view_dispose (GObject *object)
{
  SdCashupView *self = (SdCashupView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_CASHUP_VIEW);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->card_ids, g_array_unref);
  g_clear_pointer (&self->aging_rows, g_ptr_array_unref);
  g_clear_pointer (&self->aging, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_cashup_view_parent_class)->dispose (object);
}

static void
sd_cashup_view_finalize (GObject *object)
{
  SdCashupView *self = (SdCashupView *) object;

  g_free (self->day);

  G_OBJECT_CLASS (sd_cashup_view_parent_class)->finalize (object);
}

static void
sd_cashup_view_class_init (SdCashupViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_cashup_view_dispose;
  object_class->finalize = sd_cashup_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-cashup-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCashupView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SdCashupView, day_label);
  gtk_widget_class_bind_template_child (widget_class, SdCashupView, cards_box);
  gtk_widget_class_bind_template_child (widget_class, SdCashupView, aging_stack);
  gtk_widget_class_bind_template_child (widget_class, SdCashupView, aging_heading);
  gtk_widget_class_bind_template_child (widget_class, SdCashupView, aging_grid);

  gtk_widget_class_install_action (widget_class, "cashup.reload", NULL, action_reload);
  gtk_widget_class_install_action (widget_class, "cashup.previous-day", NULL,
                                   action_previous_day);
  gtk_widget_class_install_action (widget_class, "cashup.next-day", NULL, action_next_day);
  gtk_widget_class_install_action (widget_class, "cashup.today", NULL, action_today);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "cashup.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "cashup.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "cashup.next-day", NULL);
}

static void
sd_cashup_view_init (SdCashupView *self)
{
  self->cards = g_ptr_array_new ();
  self->card_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->aging_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  self->day = sd_date_today ();
  gtk_widget_init_template (GTK_WIDGET (self));
  update_day (self);
  load_aging (self);

  /* payments may have been taken elsewhere since it was last shown */
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

/* --- public API ----------------------------------------------------------------------------- */

GtkWidget *
sd_cashup_view_new (void)
{
  return g_object_new (SD_TYPE_CASHUP_VIEW, NULL);
}

void
sd_cashup_view_set_store (SdCashupView *self,
                          SdStore      *store)
{
  g_return_if_fail (SD_IS_CASHUP_VIEW (self));
  g_return_if_fail (store == NULL || SD_IS_STORE (store));

  g_set_object (&self->store, store);
  sd_cashup_view_reload (self);
}

gboolean
sd_cashup_view_set_day (SdCashupView *self,
                        const char   *date)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), FALSE);

  day = date ? sd_date_normalize (date, NULL) : NULL;
  if (day == NULL)
    return FALSE;
  g_free (self->day);
  self->day = g_steal_pointer (&day);
  sd_cashup_view_reload (self);
  return TRUE;
}

const char *
sd_cashup_view_get_day (SdCashupView *self)
{
  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), NULL);
  return self->day;
}

void
sd_cashup_view_reload (SdCashupView *self)
{
  g_return_if_fail (SD_IS_CASHUP_VIEW (self));

  update_day (self);
  load_cashup (self);
  load_aging (self);
}

const char *
sd_cashup_view_get_page_name (SdCashupView *self)
{
  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
sd_cashup_view_set_page_name (SdCashupView *self,
                              const char   *name)
{
  g_return_if_fail (SD_IS_CASHUP_VIEW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
sd_cashup_view_get_day_label (SdCashupView *self)
{
  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), NULL);
  return gtk_label_get_label (self->day_label);
}

guint
sd_cashup_view_get_n_cards (SdCashupView *self)
{
  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), 0);
  return self->cards->len;
}

gint64
sd_cashup_view_get_card_courier (SdCashupView *self,
                                 guint         index)
{
  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), -1);
  return index < self->card_ids->len ? g_array_index (self->card_ids, gint64, index) : -1;
}

const char *
sd_cashup_view_get_card_label (SdCashupView *self,
                               gint64        courier_id,
                               const char   *which)
{
  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), NULL);
  g_return_val_if_fail (which != NULL, NULL);

  for (guint i = 0; i < self->card_ids->len; i++)
    if (g_array_index (self->card_ids, gint64, i) == courier_id)
      {
        GObject *card = g_ptr_array_index (self->cards, i);
        GtkLabel *label;

        if (g_str_equal (which, "title"))
          return g_object_get_data (card, "title");
        label = g_object_get_data (card, which);
        return label ? gtk_label_get_label (label) : NULL;
      }
  return NULL;
}

guint
sd_cashup_view_get_n_aging_rows (SdCashupView *self)
{
  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), 0);
  return self->aging ? self->aging->len : 0;
}

gint64
sd_cashup_view_get_aging_customer (SdCashupView *self,
                                   guint         index)
{
  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), 0);
  if (self->aging == NULL || index >= self->aging->len)
    return 0;
  return ((SdAgingRow *) g_ptr_array_index (self->aging, index))->customer_id;
}

const char *
sd_cashup_view_get_aging_label (SdCashupView *self,
                                guint         index,
                                const char   *which)
{
  GtkLabel *label;

  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), NULL);
  g_return_val_if_fail (which != NULL, NULL);

  if (index >= self->aging_rows->len)
    return NULL;
  label = g_hash_table_lookup (g_ptr_array_index (self->aging_rows, index), which);
  return label ? gtk_label_get_label (label) : NULL;
}

const char *
sd_cashup_view_get_aging_page_name (SdCashupView *self)
{
  g_return_val_if_fail (SD_IS_CASHUP_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->aging_stack);
}
