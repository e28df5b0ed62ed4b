/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Taking orders, prices, and the order state machine. */
#include "test-shop.h"

static gint64
count (Shop *s, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  return shop_raw_int (s, sql);
}

static void
test_create (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_order_new (s->alice, s->alice_home, "2026/5/29", SD_PAY_CASH_ON_DELIVERY);
  g_autoptr(SdOrder) loaded = NULL;
  g_autoptr(GPtrArray) events = NULL;
  SdOrderLine *line;

  order->slot = SD_SLOT_WINDOW;
  order->window_from = g_strdup ("09:00");
  order->window_to = g_strdup ("11:30");
  order->note = (g_free (order->note), g_strdup ("放门口"));
  sd_order_add_line (order, s->water, 2);
  line = sd_order_add_line (order, s->milk, 3);
  line->unit_price_fen = 400;   /* overridden by hand */
  g_assert_true (sd_store_create_order (s->store, order, "店长", &error));
  g_assert_no_error (error);
  g_assert_cmpint (order->id, >, 0);
  g_assert_cmpint (order->total_fen, ==, 2 * 1800 + 3 * 400);

  loaded = sd_store_load_order (s->store, order->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->status, ==, SD_ORDER_PENDING);
  g_assert_cmpstr (loaded->requested_date, ==, "2026-05-29");
  g_assert_cmpint (loaded->slot, ==, SD_SLOT_WINDOW);
  g_assert_cmpstr (loaded->window_from, ==, "09:00");
  g_assert_cmpstr (loaded->window_to, ==, "11:30");
  g_assert_cmpstr (loaded->note, ==, "放门口");
  g_assert_cmpstr (loaded->created_by, ==, "店长");
  g_assert_cmpint (loaded->created_at, ==, s->now);
  g_assert_cmpint (loaded->total_fen, ==, 4800);
  g_assert_cmpuint (loaded->lines->len, ==, 2);
  line = g_ptr_array_index (loaded->lines, 0);
  g_assert_cmpstr (line->product_name, ==, "18.9L 纯净水");
  g_assert_cmpint (line->unit_price_fen, ==, 1800);
  g_assert_cmpint (line->line_total_fen, ==, 3600);
  g_assert_cmpint (line->buckets_out, ==, 2);      /* returnable: buckets go out … */
  g_assert_cmpint (line->empties_back, ==, 2);     /* … and as many come back by default */
  g_assert_cmpint (line->tickets_used, ==, 0);
  line = g_ptr_array_index (loaded->lines, 1);
  g_assert_cmpint (line->unit_price_fen, ==, 400);
  g_assert_cmpint (line->buckets_out, ==, 0);

  events = sd_store_list_order_events (s->store, order->id, &error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_false (((SdOrderEvent *) g_ptr_array_index (events, 0))->has_from);
  g_assert_cmpint (((SdOrderEvent *) g_ptr_array_index (events, 0))->to_status, ==, SD_ORDER_PENDING);

  /* nothing is posted before delivery */
  g_assert_cmpint (count (s, "ledger"), ==, 0);
  shop_assert_clean (s);
}

static void
test_customer_price (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 first, second;
  g_autoptr(SdOrder) a = NULL;
  g_autoptr(SdOrder) b = NULL;

  g_assert_cmpint (sd_store_price_for (s->store, s->acme, s->water, &error), ==, 1800);
  g_assert_true (sd_store_set_customer_price (s->store, s->acme, s->water, 1500, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sd_store_price_for (s->store, s->acme, s->water, &error), ==, 1500);
  g_assert_cmpint (sd_store_price_for (s->store, s->alice, s->water, &error), ==, 1800);
  /* setting again replaces */
  g_assert_true (sd_store_set_customer_price (s->store, s->acme, s->water, 1600, &error));
  g_assert_cmpint (sd_store_price_for (s->store, s->acme, s->water, &error), ==, 1600);

  first = shop_order (s, s->acme, s->acme_office, SD_PAY_MONTHLY_ACCOUNT, s->water, 10);
  a = sd_store_load_order (s->store, first, &error);
  g_assert_cmpint (a->total_fen, ==, 16000);

  g_assert_true (sd_store_remove_customer_price (s->store, s->acme, s->water, &error));
  g_assert_cmpint (sd_store_price_for (s->store, s->acme, s->water, &error), ==, 1800);
  second = shop_order (s, s->acme, s->acme_office, SD_PAY_MONTHLY_ACCOUNT, s->water, 10);
  b = sd_store_load_order (s->store, second, &error);
  g_assert_cmpint (b->total_fen, ==, 18000);
  /* the first order kept the price it was taken at */
  g_clear_pointer (&a, sd_order_free);
  a = sd_store_load_order (s->store, first, &error);
  g_assert_cmpint (a->total_fen, ==, 16000);

  g_assert_false (sd_store_set_customer_price (s->store, s->acme, s->water, -1, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sd_store_price_for (s->store, s->acme, 999, &error), ==, -1);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND);
}

typedef void (*Spoil) (Shop *s, SdOrder *order);

static void spoil_negative (Shop *s, SdOrder *o) { ((SdOrderLine *) g_ptr_array_index (o->lines, 0))->quantity = -2; }
static void spoil_zero (Shop *s, SdOrder *o) { ((SdOrderLine *) g_ptr_array_index (o->lines, 1))->quantity = 0; }
static void spoil_price (Shop *s, SdOrder *o) { ((SdOrderLine *) g_ptr_array_index (o->lines, 0))->unit_price_fen = -100; }
static void spoil_no_lines (Shop *s, SdOrder *o) { g_ptr_array_set_size (o->lines, 0); }
static void spoil_address (Shop *s, SdOrder *o) { o->address_id = s->acme_office; }
static void spoil_customer (Shop *s, SdOrder *o) { o->customer_id = 4242; }
static void spoil_product (Shop *s, SdOrder *o) { ((SdOrderLine *) g_ptr_array_index (o->lines, 1))->product_id = 777; }
static void spoil_date (Shop *s, SdOrder *o) { g_free (o->requested_date); o->requested_date = g_strdup ("明天"); }
static void spoil_window (Shop *s, SdOrder *o) { o->slot = SD_SLOT_WINDOW; o->window_from = g_strdup ("14:00"); o->window_to = g_strdup ("09:00"); }
static void spoil_tickets (Shop *s, SdOrder *o) { ((SdOrderLine *) g_ptr_array_index (o->lines, 0))->tickets_used = 1; }
static void spoil_empties (Shop *s, SdOrder *o) { ((SdOrderLine *) g_ptr_array_index (o->lines, 0))->empties_back = -2; }

static void
test_invalid (Shop *s, gconstpointer data)
{
  static const struct { Spoil spoil; GQuark (*domain) (void); int code; const char *needle; } cases[] = {
    { spoil_negative, sd_order_error_quark, SD_ORDER_ERROR_INVALID, "-2" },
    { spoil_zero, sd_order_error_quark, SD_ORDER_ERROR_INVALID, "Line 2" },
    { spoil_price, sd_order_error_quark, SD_ORDER_ERROR_INVALID, "1.00" },
    { spoil_no_lines, sd_order_error_quark, SD_ORDER_ERROR_INVALID, "no lines" },
    { spoil_address, sd_order_error_quark, SD_ORDER_ERROR_INVALID, "address" },
    { spoil_customer, sd_store_error_quark, SD_STORE_ERROR_NOT_FOUND, "4242" },
    { spoil_product, sd_order_error_quark, SD_ORDER_ERROR_INVALID, "777" },
    { spoil_date, sd_order_error_quark, SD_ORDER_ERROR_INVALID, "明天" },
    { spoil_window, sd_order_error_quark, SD_ORDER_ERROR_INVALID, "14:00" },
    { spoil_tickets, sd_order_error_quark, SD_ORDER_ERROR_INVALID, "tickets" },
    { spoil_empties, sd_order_error_quark, SD_ORDER_ERROR_INVALID, "-2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SdOrder) order = sd_order_new (s->alice, s->alice_home, "2026-05-29", SD_PAY_CASH_ON_DELIVERY);

      sd_order_add_line (order, s->water, 2);
      sd_order_add_line (order, s->milk, 1);
      cases[i].spoil (s, order);
      g_assert_false (sd_store_create_order (s->store, order, "店长", &error));
      g_test_message ("case %u: %s", i, error ? error->message : "(none)");
      g_assert_error (error, cases[i].domain (), cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
      g_assert_cmpint (order->id, ==, 0);
    }

  /* the message names the field and the value */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdOrder) order = sd_order_new (s->alice, s->alice_home, "2026-05-29", SD_PAY_CASH_ON_DELIVERY);
    sd_order_add_line (order, s->water, -3);
    g_assert_false (sd_store_create_order (s->store, order, "店长", &error));
    g_assert_cmpstr (error->message, ==, "Line 1: the quantity must be between 1 and 100000, not -3");
  }

  /* nothing was written by any of them */
  g_assert_cmpint (count (s, "orders"), ==, 0);
  g_assert_cmpint (count (s, "order_lines"), ==, 0);
  g_assert_cmpint (count (s, "order_events"), ==, 0);
  g_assert_cmpint (count (s, "ledger"), ==, 0);
}

/* Brings a new order to `status` by legal steps. */
static gint64
order_in (Shop *s, SdOrderStatus status)
{
  gint64 id = shop_order (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, s->milk, 1);
  static const SdOrderStatus path[] = { SD_ORDER_TO_DISPATCH, SD_ORDER_OUT_FOR_DELIVERY, SD_ORDER_DELIVERED };

  if (status == SD_ORDER_CANCELLED)
    shop_move (s, id, SD_ORDER_CANCELLED);
  else
    for (guint i = 0; i < G_N_ELEMENTS (path) && path[i] <= status; i++)
      shop_move (s, id, path[i]);
  return id;
}

static void
test_all_transitions (Shop *s, gconstpointer data)
{
  guint legal = 0, illegal = 0;

  for (int from = 0; from < SD_ORDER_N_STATUSES; from++)
    for (int to = 0; to < SD_ORDER_N_STATUSES; to++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(SdOrder) after = NULL;
        gint64 id = order_in (s, (SdOrderStatus) from);
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM order_events WHERE order_id = %" G_GINT64_FORMAT, id);
        gint64 n_events = shop_raw_int (s, sql);
        gboolean expect = (from == SD_ORDER_PENDING && (to == SD_ORDER_TO_DISPATCH || to == SD_ORDER_CANCELLED)) ||
                          (from == SD_ORDER_TO_DISPATCH && (to == SD_ORDER_OUT_FOR_DELIVERY || to == SD_ORDER_CANCELLED)) ||
                          (from == SD_ORDER_OUT_FOR_DELIVERY && (to == SD_ORDER_DELIVERED || to == SD_ORDER_CANCELLED));
        gboolean ok;

        g_assert_cmpint (sd_order_transition_is_legal ((SdOrderStatus) from, (SdOrderStatus) to), ==, expect);
        ok = sd_store_transition_order (s->store, id, (SdOrderStatus) to, "店长", "测试", NULL, &error);
        after = sd_store_load_order (s->store, id, NULL);
        if (expect)
          {
            g_assert_no_error (error);
            g_assert_true (ok);
            g_assert_cmpint (after->status, ==, to);
            g_assert_cmpint (shop_raw_int (s, sql), ==, n_events + 1);
            legal++;
          }
        else
          {
            g_autofree char *from_label = g_strdup_printf ("“%s”", sd_order_status_label ((SdOrderStatus) from));
            g_autofree char *to_label = g_strdup_printf ("“%s”", sd_order_status_label ((SdOrderStatus) to));

            g_assert_false (ok);
            g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_ILLEGAL_TRANSITION);
            g_assert_nonnull (strstr (error->message, from_label));
            g_assert_nonnull (strstr (error->message, to_label));
            g_assert_cmpint (after->status, ==, from);
            g_assert_cmpint (shop_raw_int (s, sql), ==, n_events);
            illegal++;
          }
      }
  g_assert_cmpuint (legal, ==, 6);
  g_assert_cmpuint (illegal, ==, 19);
  shop_assert_clean (s);

  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sd_store_transition_order (s->store, 9999, SD_ORDER_TO_DISPATCH, "", NULL, NULL, &error));
    g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_cancel_reason (Shop *s, gconstpointer data)
{
  static const char *blank[] = { NULL, "", "   " };
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id = shop_order (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  SdOrderEvent *last;

  shop_move (s, id, SD_ORDER_TO_DISPATCH);
  for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
    {
      g_assert_false (sd_store_transition_order (s->store, id, SD_ORDER_CANCELLED, "店长", blank[i], NULL, &error));
      g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_REASON_REQUIRED);
      g_clear_error (&error);
    }
  order = sd_store_load_order (s->store, id, &error);
  g_assert_cmpint (order->status, ==, SD_ORDER_TO_DISPATCH);

  g_assert_true (sd_store_transition_order (s->store, id, SD_ORDER_CANCELLED, "小陈", " 家里没人 ", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&order, sd_order_free);
  order = sd_store_load_order (s->store, id, &error);
  g_assert_cmpint (order->status, ==, SD_ORDER_CANCELLED);
  g_assert_cmpstr (order->cancel_reason, ==, "家里没人");
  events = sd_store_list_order_events (s->store, id, &error);
  g_assert_cmpuint (events->len, ==, 3);
  last = g_ptr_array_index (events, 2);
  g_assert_true (last->has_from);
  g_assert_cmpint (last->from_status, ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (last->to_status, ==, SD_ORDER_CANCELLED);
  g_assert_cmpstr (last->who, ==, "小陈");
  g_assert_cmpstr (last->reason, ==, "家里没人");
  /* a cancelled order posts nothing */
  g_assert_cmpint (count (s, "ledger"), ==, 0);
  shop_assert_clean (s);
}

static void
test_events (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(SdOrder) order = NULL;
  gint64 id = shop_order (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  static const SdOrderStatus path[] = { SD_ORDER_PENDING, SD_ORDER_TO_DISPATCH, SD_ORDER_OUT_FOR_DELIVERY, SD_ORDER_DELIVERED };

  s->now += 60;
  shop_dispatch (s, id, s->li);
  s->now += 3600;
  shop_move (s, id, SD_ORDER_DELIVERED);

  events = sd_store_list_order_events (s->store, id, &error);
  g_assert_cmpuint (events->len, ==, 4);
  for (guint i = 0; i < events->len; i++)
    {
      SdOrderEvent *e = g_ptr_array_index (events, i);
      g_assert_cmpint (e->to_status, ==, path[i]);
      g_assert_cmpint (e->has_from, ==, i > 0);
      if (i > 0)
        g_assert_cmpint (e->from_status, ==, path[i - 1]);
    }
  g_assert_cmpint (((SdOrderEvent *) g_ptr_array_index (events, 0))->at, ==, 1780000000);
  g_assert_cmpint (((SdOrderEvent *) g_ptr_array_index (events, 3))->at, ==, 1780000000 + 3660);
  order = sd_store_load_order (s->store, id, &error);
  g_assert_cmpint (order->courier_id, ==, s->li);
  g_assert_cmpint (order->updated_at, ==, 1780000000 + 3660);
}

static void
test_assign_courier (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = NULL;
  gint64 id = shop_order (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, s->water, 1);

  g_assert_true (sd_store_assign_courier (s->store, id, s->zhou, &error));
  order = sd_store_load_order (s->store, id, &error);
  g_assert_cmpint (order->courier_id, ==, s->zhou);
  g_assert_false (sd_store_assign_courier (s->store, id, 555, &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_INVALID);
  g_clear_error (&error);
  shop_move (s, id, SD_ORDER_CANCELLED);
  g_assert_false (sd_store_assign_courier (s->store, id, s->li, &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_ILLEGAL_TRANSITION);
}

static void
test_last_order (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = sd_store_last_order_lines (s->store, s->acme, &error);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(SdOrder) order = sd_order_new (s->acme, s->acme_office, "2026-05-29", SD_PAY_MONTHLY_ACCOUNT);
  g_autoptr(SdOrder) again = sd_order_new (s->acme, s->acme_office, "2026-06-05", SD_PAY_MONTHLY_ACCOUNT);
  gint64 cancelled;
  SdOrderLine *line;

  g_assert_cmpuint (none->len, ==, 0);
  sd_order_add_line (order, s->water, 6);
  sd_order_add_line (order, s->pump, 1);
  g_assert_true (sd_store_create_order (s->store, order, "店长", &error));
  /* a later cancelled order does not count */
  cancelled = shop_order (s, s->acme, s->acme_office, SD_PAY_MONTHLY_ACCOUNT, s->milk, 30);
  shop_move (s, cancelled, SD_ORDER_CANCELLED);

  g_assert_true (sd_store_set_customer_price (s->store, s->acme, s->water, 1500, &error));
  lines = sd_store_last_order_lines (s->store, s->acme, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  line = g_ptr_array_index (lines, 0);
  g_assert_cmpint (line->product_id, ==, s->water);
  g_assert_cmpint (line->quantity, ==, 6);
  g_assert_cmpint (line->unit_price_fen, ==, 1500);   /* today's agreed price */
  g_assert_cmpint (((SdOrderLine *) g_ptr_array_index (lines, 1))->product_id, ==, s->pump);

  /* the lines make a new order as they are */
  for (guint i = 0; i < lines->len; i++)
    {
      SdOrderLine *l = g_ptr_array_index (lines, i);
      SdOrderLine *copy = sd_order_add_line (again, l->product_id, l->quantity);
      copy->unit_price_fen = l->unit_price_fen;
    }
  g_assert_true (sd_store_create_order (s->store, again, "店长", &error));
  g_assert_no_error (error);
  g_assert_cmpint (again->total_fen, ==, 6 * 1500 + 1500);
}

static void
test_ticket_plans (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdTicketPlan) plan = sd_store_load_ticket_plan (s->store, s->plan, &error);
  g_autoptr(SdTicketPlan) other = sd_ticket_plan_new ("50 张送 8 张", s->water, 50, 8, 75000);
  g_autoptr(SdTicketPlan) bad = sd_ticket_plan_new ("", s->water, 10, 0, 100);
  g_autoptr(GPtrArray) plans = NULL;
  SdPaymentHow how = shop_cash (0);

  g_assert_no_error (error);
  g_assert_cmpstr (plan->name, ==, "20 张送 2 张");
  g_assert_cmpint (plan->tickets, ==, 20);
  g_assert_cmpint (plan->bonus_tickets, ==, 2);
  other->valid_days = 365;
  g_assert_true (sd_store_save_ticket_plan (s->store, other, &error));
  g_assert_false (sd_store_save_ticket_plan (s->store, bad, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  bad->name = (g_free (bad->name), g_strdup ("坏的"));
  bad->tickets = 0;
  g_assert_false (sd_store_save_ticket_plan (s->store, bad, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* unsold: can change and be deleted */
  other->price_fen = 72000;
  g_assert_true (sd_store_save_ticket_plan (s->store, other, &error));
  plans = sd_store_list_ticket_plans (s->store, FALSE, &error);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_true (sd_store_delete_ticket_plan (s->store, other->id, &error));
  g_assert_no_error (error);

  /* sold: its terms are fixed, it cannot be deleted, it can be retired */
  g_assert_cmpint (sd_store_sell_ticket_plan (s->store, s->alice, s->plan, &how, &error), >, 0);
  plan->price_fen = 28000;
  g_assert_false (sd_store_save_ticket_plan (s->store, plan, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sd_store_delete_ticket_plan (s->store, s->plan, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  plan->price_fen = 30000;
  plan->active = FALSE;
  g_assert_true (sd_store_save_ticket_plan (s->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sd_store_sell_ticket_plan (s->store, s->alice, s->plan, &how, &error), ==, 0);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
}

static void
test_many (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SdPaymentHow how = shop_cash (0);
  gint64 start = g_get_monotonic_time ();
  SdBalances b;

  for (int i = 0; i < 400; i++)
    {
      gint64 id = shop_order (s, i % 2 ? s->alice : s->acme, i % 2 ? s->alice_home : s->acme_office,
                              SD_PAY_CASH_ON_DELIVERY, s->milk, 1 + i % 5);
      shop_dispatch (s, id, i % 3 ? s->zhou : s->li);
      g_assert_true (shop_deliver (s, id, NULL, &error));
      g_assert_no_error (error);
    }
  g_test_message ("400 orders taken and delivered in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  b = shop_balances (s, s->alice);
  /* alice: i odd, 1 + i % 5 bottles at ¥4.50 */
  g_assert_cmpint (b.receivable_fen, ==, 450 * 200 * 3);
  sd_balances_clear (&b);
  g_assert_cmpint (sd_store_record_payment (s->store, s->alice, 0, 450 * 600, &how, &error), >, 0);
  b = shop_balances (s, s->alice);
  g_assert_cmpint (b.receivable_fen, ==, 0);
  sd_balances_clear (&b);
  shop_assert_clean (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
#define ADD(path, fn) g_test_add (path, Shop, NULL, shop_setup, fn, shop_teardown)
  ADD ("/orders/create", test_create);
  ADD ("/orders/customer-price", test_customer_price);
  ADD ("/orders/invalid", test_invalid);
  ADD ("/orders/transitions/all-pairs", test_all_transitions);
  ADD ("/orders/transitions/cancel-needs-reason", test_cancel_reason);
  ADD ("/orders/transitions/events", test_events);
  ADD ("/orders/assign-courier", test_assign_courier);
  ADD ("/orders/last-order", test_last_order);
  ADD ("/orders/ticket-plans", test_ticket_plans);
  ADD ("/orders/many", test_many);
  return g_test_run ();
}
