/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo shop's last six months at the counter: water every week or two for households,
 * more often and more of it for offices, shops and distributors, milk for some homes;
 * water-ticket plans sold and used, prepaid cards, bucket deposits, monthly accounts paid
 * on account (the last ones not yet), couriers collecting cash and WeChat at the door, a
 * few cancellations and a reversed delivery — all through the order and payment API, so
 * the ledgers are what the program itself would have written and sd_store_check() holds.
 *
 * Each customer's timeline is played in time order, one customer after another: balances
 * are per customer, so every check the API makes sees the same history as in real life.
 * The shop is in Hangzhou, so days are China days (UTC+8) whatever the machine's zone. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-catalog.h"
#include "sd-demo-private.h"
#include "sd-ledger.h"
#include "sd-order.h"
#include "sd-payment.h"
#include "sd-pricing.h"
#include "sd-store-private.h"

#define N_DAYS   183              /* six months back, today included */
#define TZ_OFFSET (8 * 3600)

typedef struct {
  SdStore  *store;
  SdRandom *rng;
  gint64    clock;                /* the store's clock while generating */
  gint64    now;
  gint64    day0;                 /* UTC seconds of local midnight, N_DAYS - 1 days ago */
  char     *dates[N_DAYS + 1];    /* "YYYY-MM-DD" of each day, and tomorrow */

  gint64    water, mineral, small, boxes, milk, pump;
  gint64    deposit_water, deposit_small;
  gint64    couriers[8];
  guint     n_couriers;
  gint64    van;                  /* the courier with the van, for big orders */
  gint64    plan_water, plan_water_big, plan_mineral, plan_small, plan_milk;
} Gen;

typedef enum { PAY_COD, PAY_TICKETS, PAY_PREPAID, PAY_MONTHLY } Habit;

typedef struct {
  gint64  id;
  int     kind;            /* SdCustomerKind */
  gint64  address;
  gint64  created;
  Habit   habit;
  gint64  product;         /* their water */
  int     every;           /* days between water orders */
  int     quantity;
  gboolean milk;
  /* what this customer holds, tracked here so no balance needs a query */
  gint64  tickets;
  gint64  milk_tickets;
  gint64  prepaid;
  gint64  buckets;
  gint64  owed;            /* receivable */
  int     month;           /* month index of the last monthly settlement */
  gboolean slow;           /* pays the monthly account only every few months */
} Customer;

/* The demo runs on one thread, one shop at a time. */
static gint64 demo_now;

static gint64
demo_clock (gpointer data)
{
  return demo_now;
}

static gint64
gen_clock (gpointer data)
{
  return ((Gen *) data)->clock;
}

static gint64
at (Gen *g, int day, int minutes)
{
  return g->day0 + (gint64) day * 86400 + (gint64) minutes * 60;
}

static gboolean
find_products (Gen      *g,
               GError  **error)
{
  g_autoptr(GPtrArray) products = sd_store_list_products (g->store, TRUE, error);

  if (products == NULL)
    return FALSE;
  for (guint i = 0; i < products->len; i++)
    {
      SdProduct *p = g_ptr_array_index (products, i);

      if (p->deposit_fen > 0 && !p->returnable_bucket)
        {
          /* the shop's big buckets come back empty */
          p->returnable_bucket = TRUE;
          if (!sd_store_save_product (g->store, p, error))
            return FALSE;
        }
      if (g->water == 0 && strstr (p->name, "纯净水"))
        g->water = p->id, g->deposit_water = p->deposit_fen;
      else if (g->mineral == 0 && strstr (p->name, "矿泉水"))
        g->mineral = p->id;
      else if (g->small == 0 && strstr (p->name, "山泉水"))
        g->small = p->id, g->deposit_small = p->deposit_fen;
      else if (g->boxes == 0 && strstr (p->name, "550ml"))
        g->boxes = p->id;
      else if (g->milk == 0 && strstr (p->name, "鲜牛奶 250ml"))
        g->milk = p->id;
      else if (g->pump == 0 && strstr (p->name, "压水器"))
        g->pump = p->id;
    }
  if (g->water == 0 || g->mineral == 0 || g->small == 0 || g->milk == 0)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("The demo orders need the demo shop’s products"));
      return FALSE;
    }
  return TRUE;
}

static gint64
make_plan (Gen        *g,
           const char *name,
           gint64      product,
           int         tickets,
           int         bonus,
           gint64      price,
           int         valid_days,
           GError    **error)
{
  g_autoptr(SdTicketPlan) plan = sd_ticket_plan_new (name, product, tickets, bonus, price);

  plan->valid_days = valid_days;
  if (!sd_store_save_ticket_plan (g->store, plan, error))
    return 0;
  return plan->id;
}

static gboolean
setup (Gen      *g,
       GError  **error)
{
  g_autoptr(GPtrArray) couriers = NULL;

  if (!find_products (g, error))
    return FALSE;
  couriers = sd_store_list_couriers (g->store, FALSE, error);
  if (couriers == NULL)
    return FALSE;
  for (guint i = 0; i < couriers->len && g->n_couriers < G_N_ELEMENTS (g->couriers); i++)
    {
      SdCourier *c = g_ptr_array_index (couriers, i);
      g->couriers[g->n_couriers++] = c->id;
      if (c->capacity >= 100)
        g->van = c->id;
    }
  if (g->n_couriers == 0)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                           _("The demo orders need the demo shop’s couriers"));
      return FALSE;
    }

  g->clock = g->day0 - 30 * 86400;
  return (g->plan_water = make_plan (g, "纯净水 20 张送 2 张", g->water, 20, 2, 34000, 0, error)) &&
         (g->plan_water_big = make_plan (g, "纯净水 50 张送 8 张", g->water, 50, 8, 85000, 0, error)) &&
         (g->plan_mineral = make_plan (g, "矿泉水 20 张送 2 张", g->mineral, 20, 2, 54000, 0, error)) &&
         (g->plan_small = make_plan (g, "山泉水 10 张送 1 张", g->small, 10, 1, 14000, 365, error)) &&
         (g->plan_milk = make_plan (g, "鲜奶月卡 30 瓶", g->milk, 30, 0, 12000, 45, error));
}

typedef struct {
  gint64 id, address, created;
  int    kind;
} Row;

static GArray *
list_customers (Gen      *g,
                GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (g->store,
    "SELECT c.id, c.kind, c.created_at, (SELECT a.id FROM addresses a"
    " WHERE a.customer_id = c.id AND a.archived = 0 ORDER BY a.is_default DESC, a.position"
    " LIMIT 1) FROM customers c ORDER BY c.id", error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      Row row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 3),
                  sqlite3_column_int64 (stmt, 2), 0 };

      row.kind = g_str_equal (kind, "company") ? 1 : g_str_equal (kind, "store") ? 2
                 : g_str_equal (kind, "distributor") ? 3 : 0;
      if (row.address > 0)
        g_array_append_val (rows, row);
    }
  return g_steal_pointer (&rows);
}

static SdPaymentHow
how (Gen             *g,
     SdPaymentMethod  method,
     gint64           courier)
{
  SdPaymentHow h = { .method = method, .courier_id = courier,
                     .who = courier ? "" : (sd_random_chance (g->rng, 70) ? "店长" : "小陈"),
                     .note = "" };
  return h;
}

static SdPaymentMethod
door_method (Gen *g)
{
  guint roll = sd_random_below (g->rng, 100);
  return roll < 50 ? SD_METHOD_CASH : roll < 88 ? SD_METHOD_WECHAT : SD_METHOD_ALIPAY;
}

static gint64
pick_courier (Gen      *g,
              Customer *c,
              int       quantity)
{
  if (g->van != 0 && (c->kind != 0 || quantity >= 8) && sd_random_chance (g->rng, 70))
    return g->van;
  return g->couriers[sd_random_below (g->rng, g->n_couriers)];
}

/* What the customer does before an order: buy tickets, top up, pay a deposit. */
static gboolean
prepare (Gen       *g,
         Customer  *c,
         gint64     product,
         int        quantity,
         gint64     money,
         gint64     when,
         GError   **error)
{
  SdPaymentHow h = how (g, sd_random_chance (g->rng, 60) ? SD_METHOD_WECHAT : SD_METHOD_CASH, 0);

  g->clock = when;
  if (c->habit == PAY_TICKETS && product == c->product && c->tickets < quantity)
    {
      gint64 plan = product == g->mineral ? g->plan_mineral : product == g->small ? g->plan_small
                    : c->kind != 0 && sd_random_chance (g->rng, 50) ? g->plan_water_big : g->plan_water;
      if (sd_store_sell_ticket_plan (g->store, c->id, plan, &h, error) == 0)
        return FALSE;
      c->tickets += plan == g->plan_water_big ? 58 : plan == g->plan_small ? 11 : 22;
    }
  if (product == g->milk && c->milk_tickets < quantity)
    {
      if (sd_store_sell_ticket_plan (g->store, c->id, g->plan_milk, &h, error) == 0)
        return FALSE;
      c->milk_tickets += 30;
    }
  if (c->habit == PAY_PREPAID && product == c->product && c->prepaid < money)
    {
      gint64 amount = sd_random_chance (g->rng, 60) ? 30000 : 50000;
      if (sd_store_top_up_prepaid (g->store, c->id, amount, &h, error) == 0)
        return FALSE;
      c->prepaid += amount;
    }
  return TRUE;
}

static const char *cancel_reasons[] = {
  "客户临时不要了", "家里没人，改天再送", "重复下单", "地址写错了，重新下单", "客户说水还没喝完",
};

/* One order, from the phone call to the door, as far as `now` allows. */
static gboolean
play_order (Gen       *g,
            Customer  *c,
            int        day,
            gint64     product,
            int        quantity,
            GError   **error)
{
  g_autoptr(SdOrder) order = NULL;
  SdTransitionOptions options;
  SdOrderPayment payment;
  gboolean milk = product == g->milk;
  gint64 courier = pick_courier (g, c, quantity);
  gint64 taken, price, pump_price, delivered;
  gboolean with_pump;
  gboolean first_buckets = FALSE;
  gint64 collected = 0;

  /* phoned the evening before, or in the morning */
  taken = sd_random_chance (g->rng, 40) ? at (g, day - 1, sd_random_range (g->rng, 18 * 60, 21 * 60))
                                        : at (g, day, sd_random_range (g->rng, 7 * 60, 10 * 60));
  if (taken > g->now)
    return TRUE;
  delivered = MAX (at (g, day, sd_random_range (g->rng, 9 * 60, 18 * 60)), taken + 45 * 60);

  with_pump = !milk && c->kind == 0 && g->pump != 0 && sd_random_chance (g->rng, 1);
  price = sd_store_price_for (g->store, c->id, product, error);
  pump_price = with_pump ? sd_store_price_for (g->store, c->id, g->pump, error) : 0;
  if (price < 0 || pump_price < 0 ||
      !prepare (g, c, product, quantity, price * quantity + pump_price, taken - 600, error))
    return FALSE;

  payment = milk ? SD_PAY_TICKETS
          : product != c->product ? (c->habit == PAY_MONTHLY ? SD_PAY_MONTHLY_ACCOUNT : SD_PAY_CASH_ON_DELIVERY)
          : c->habit == PAY_TICKETS ? SD_PAY_TICKETS
          : c->habit == PAY_PREPAID ? SD_PAY_PREPAID
          : c->habit == PAY_MONTHLY ? SD_PAY_MONTHLY_ACCOUNT
          : sd_random_chance (g->rng, 15) ? SD_PAY_WECHAT : SD_PAY_CASH_ON_DELIVERY;

  order = sd_order_new (c->id, c->address, g->dates[day], payment);
  order->channel = milk ? SD_CHANNEL_SUBSCRIPTION
                 : sd_random_chance (g->rng, 55) ? SD_CHANNEL_PHONE
                 : sd_random_chance (g->rng, 80) ? SD_CHANNEL_WECHAT : SD_CHANNEL_WALK_IN;
  if (sd_random_chance (g->rng, 30))
    order->slot = milk ? SD_SLOT_MORNING : (SdOrderSlot) sd_random_range (g->rng, SD_SLOT_MORNING, SD_SLOT_EVENING);
  /* couriers mostly keep to the part of the day asked for: about one delivery in seven
   * outside it stays where it was (decided without a draw, so the rest of the demo stays
   * as it was), and an order taken late in its slot is still late */
  if (order->slot != SD_SLOT_ANY)
    {
      int from = order->slot == SD_SLOT_MORNING ? 8 * 60 : order->slot == SD_SLOT_AFTERNOON ? 13 * 60 : 18 * 60;
      int to = order->slot == SD_SLOT_MORNING ? 12 * 60 : order->slot == SD_SLOT_AFTERNOON ? 18 * 60 : 21 * 60;
      int minute = (int) (((delivered + TZ_OFFSET) % 86400) / 60);

      if ((minute < from || minute >= to) && minute % 7 != 0)
        delivered = MAX (at (g, day, from + minute % (to - from)), taken + 45 * 60);
    }
  sd_order_add_line (order, product, quantity);
  if (with_pump)
    sd_order_add_line (order, g->pump, 1);

  g->clock = taken;
  if (!sd_store_create_order (g->store, order, sd_random_chance (g->rng, 70) ? "店长" : "小陈", error))
    return FALSE;

  if (sd_random_chance (g->rng, 3))
    {
      g->clock = taken + sd_random_range (g->rng, 5, 120) * 60;
      if (g->clock > g->now)
        return TRUE;
      return sd_store_transition_order (g->store, order->id, SD_ORDER_CANCELLED, "店长",
                                        cancel_reasons[sd_random_below (g->rng, G_N_ELEMENTS (cancel_reasons))],
                                        NULL, error);
    }

  /* dispatched in the morning run (or right away for a late order), then on the road */
  g->clock = MAX (taken + 300, MIN (delivered - 3600, at (g, day, 8 * 60)));
  if (g->clock > g->now)
    return TRUE;
  sd_transition_options_init (&options);
  options.courier_id = courier;
  if (!sd_store_transition_order (g->store, order->id, SD_ORDER_TO_DISPATCH, "店长", NULL, &options, error))
    return FALSE;
  g->clock = MAX (g->clock + 300, delivered - sd_random_range (g->rng, 20, 90) * 60);
  if (g->clock > g->now)
    return TRUE;
  if (!sd_store_transition_order (g->store, order->id, SD_ORDER_OUT_FOR_DELIVERY, "", NULL, NULL, error))
    return FALSE;

  g->clock = delivered;
  if (g->clock > g->now)
    return TRUE;

  sd_transition_options_init (&options);
  if (!milk && product != g->boxes && c->buckets == 0)
    {
      /* a new customer: the deposit for the buckets, no empties to give back */
      gint64 deposit = product == g->small ? g->deposit_small : g->deposit_water;
      SdPaymentHow h = how (g, door_method (g), courier);

      first_buckets = TRUE;
      options.empties_back = 0;
      if (deposit > 0 && sd_random_chance (g->rng, 85) &&
          sd_store_take_deposit (g->store, c->id, product == g->small ? g->small : g->water,
                                 quantity, &h, error) == 0)
        return FALSE;
    }
  else if (!milk && product != g->boxes && sd_random_chance (g->rng, 8))
    options.empties_back = MAX (quantity - 1, 0);   /* kept one more bucket */

  if (payment == SD_PAY_CASH_ON_DELIVERY || payment == SD_PAY_WECHAT)
    {
      if (sd_random_chance (g->rng, 94))
        {
          collected = order->total_fen;
          options.collected_fen = collected;
          options.collected_method = payment == SD_PAY_WECHAT ? SD_METHOD_WECHAT : door_method (g);
        }
    }
  else if (payment == SD_PAY_TICKETS)
    {
      /* a pump or such on a ticket order is paid at the door */
      gint64 money = order->total_fen - (gint64) quantity * price;
      if (money > 0)
        {
          options.collected_fen = money;
          options.collected_method = SD_METHOD_CASH;
        }
    }
  if (!sd_store_transition_order (g->store, order->id, SD_ORDER_DELIVERED,
                                  "", NULL, &options, error))
    return FALSE;

  /* what the customer now holds */
  if (milk)
    c->milk_tickets -= quantity;
  else if (payment == SD_PAY_TICKETS)
    c->tickets -= quantity;
  else if (payment == SD_PAY_PREPAID)
    c->prepaid -= order->total_fen;
  else
    c->owed += order->total_fen - collected;
  if (!milk && product != g->boxes)
    c->buckets += quantity - (options.empties_back == SD_ORDER_AUTO ? quantity : options.empties_back);

  /* now and then a delivery went to the wrong door and is taken back; money collected
   * for it is handed back at once */
  if (!first_buckets && (payment == SD_PAY_CASH_ON_DELIVERY || payment == SD_PAY_WECHAT) &&
      sd_random_below (g->rng, 150) == 0 && delivered + 5400 <= g->now)
    {
      g->clock = delivered + 5400;
      if (!sd_store_reverse_order (g->store, order->id, "店长", "送错了门牌，已取回", error))
        return FALSE;
      if (collected > 0)
        {
          SdPaymentHow h = how (g, options.collected_method, courier);
          if (sd_store_refund_credit (g->store, c->id, collected, &h, error) == 0)
            return FALSE;
        }
      c->owed -= order->total_fen - collected;
      c->buckets -= quantity - (options.empties_back == SD_ORDER_AUTO ? quantity : options.empties_back);
    }
  return TRUE;
}

/* Monthly accounts settle what they owe early in the month (most of them); cash customers
 * who did not pay at the door pay with their next order. */
static gboolean
settle (Gen       *g,
        Customer  *c,
        int        day,
        GError   **error)
{
  gint64 when = at (g, day, sd_random_range (g->rng, 9 * 60, 17 * 60));
  int month = (day + 15) / 30;

  if (c->owed <= 0 || when > g->now)
    return TRUE;
  if (c->habit == PAY_MONTHLY)
    {
      SdPaymentHow h;

      if (month == c->month || (c->slow && month - c->month < 3) || sd_random_chance (g->rng, 12))
        return TRUE;
      c->month = month;
      h = how (g, sd_random_chance (g->rng, 70) ? SD_METHOD_BANK_TRANSFER : SD_METHOD_WECHAT, 0);
      g->clock = when;
      if (sd_store_record_payment (g->store, c->id, 0, c->owed, &h, error) == 0)
        return FALSE;
      c->owed = 0;
      return TRUE;
    }
  if (sd_random_chance (g->rng, 70))
    {
      SdPaymentHow h = how (g, door_method (g), g->couriers[sd_random_below (g->rng, g->n_couriers)]);

      g->clock = when;
      if (sd_store_record_payment (g->store, c->id, 0, c->owed, &h, error) == 0)
        return FALSE;
      c->owed = 0;
    }
  return TRUE;
}

static void
profile (Gen       *g,
         Customer  *c)
{
  guint roll = sd_random_below (g->rng, 100);

  c->product = roll < 70 ? g->water : roll < 88 ? g->mineral : g->small;
  c->slow = sd_random_chance (g->rng, 20);
  switch (c->kind)
    {
    case 1:   /* company */
      c->every = sd_random_range (g->rng, 5, 9);
      c->quantity = sd_random_range (g->rng, 3, 10);
      c->habit = sd_random_chance (g->rng, 60) ? PAY_MONTHLY : sd_random_chance (g->rng, 30) ? PAY_TICKETS : PAY_COD;
      break;
    case 2:   /* store */
      c->every = sd_random_range (g->rng, 5, 9);
      c->quantity = sd_random_range (g->rng, 2, 6);
      c->habit = sd_random_chance (g->rng, 50) ? PAY_MONTHLY : PAY_COD;
      break;
    case 3:   /* distributor */
      c->every = sd_random_range (g->rng, 6, 8);
      c->quantity = sd_random_range (g->rng, 20, 40);
      c->habit = PAY_MONTHLY;
      break;
    default:  /* household: 2–3 times a month */
      c->every = sd_random_range (g->rng, 9, 15);
      c->quantity = sd_random_chance (g->rng, 75) ? 1 : 2;
      c->habit = roll % 3 == 0 || sd_random_chance (g->rng, 20) ? PAY_TICKETS
               : sd_random_chance (g->rng, 15) ? PAY_PREPAID : PAY_COD;
      c->milk = sd_random_chance (g->rng, 15);
      break;
    }
}

static gboolean
play_customer (Gen       *g,
               Customer  *c,
               GError   **error)
{
  int first = (int) ((c->created - g->day0) / 86400);
  int next_water, next_milk;

  /* a fifth of the homes did not order in these months: sleeping customers */
  if (c->kind == 0 && sd_random_chance (g->rng, 20))
    return TRUE;
  profile (g, c);
  if (c->habit == PAY_MONTHLY && c->kind == 1 && sd_random_chance (g->rng, 60))
    {
      gint64 agreed = sd_store_price_for (g->store, c->id, c->product, error) - 200;
      if (agreed < 0 || !sd_store_set_customer_price (g->store, c->id, c->product, agreed, error))
        return FALSE;
    }

  first = CLAMP (first, 0, N_DAYS - 1);
  next_water = first + (int) sd_random_below (g->rng, (guint) c->every);
  next_milk = c->milk ? first + (int) sd_random_below (g->rng, 7) : N_DAYS + 1;

  /* an older customer already holds buckets from before these six months */
  if (c->created < g->day0 && sd_random_chance (g->rng, 80))
    {
      g->clock = g->day0 - 86400;
      c->buckets = c->quantity + (sd_random_chance (g->rng, 30) ? 1 : 0);
      if (sd_store_adjust_balance (g->store, c->id, SD_LEDGER_BUCKETS, 0, c->buckets, TRUE, "店长",
                                   "开始用系统前的在外桶数", error) == 0)
        return FALSE;
      if (sd_random_chance (g->rng, 70) &&
          sd_store_adjust_balance (g->store, c->id, SD_LEDGER_DEPOSIT, 0,
                                   c->buckets * (c->product == g->small ? g->deposit_small : g->deposit_water),
                                   TRUE, "店长", "开始用系统前收的押金", error) == 0)
        return FALSE;
    }

  for (int day = first; day <= N_DAYS; day++)
    {
      if (!settle (g, c, day, error))
        return FALSE;
      if (day == next_water)
        {
          int quantity = MAX (1, c->quantity + sd_random_range (g->rng, -1, 1) * (c->quantity > 2));
          gint64 product = c->kind != 0 && g->boxes != 0 && sd_random_chance (g->rng, 10) ? g->boxes : c->product;

          if (!play_order (g, c, day, product, quantity, error))
            return FALSE;
          next_water = day + MAX (1, c->every + sd_random_range (g->rng, -2, 2));
        }
      if (day == next_milk)
        {
          /* a week of milk at a time */
          if (!play_order (g, c, day, g->milk, sd_random_range (g->rng, 5, 7), error))
            return FALSE;
          next_milk = day + sd_random_range (g->rng, 6, 8);
        }
    }

  /* a few homes give up the water: buckets back, deposit refunded (退桶退押) */
  if (c->kind == 0 && c->buckets > 0 && sd_random_chance (g->rng, 4))
    {
      g_autoptr(GError) local = NULL;
      SdPaymentHow h = how (g, SD_METHOD_CASH, 0);
      gint64 deposit_product = c->product == g->small ? g->small : g->water;

      g->clock = g->now - 3600;
      if (sd_store_refund_deposit (g->store, c->id, deposit_product, (int) c->buckets, &h, &local) == 0 &&
          !g_error_matches (local, SD_STORE_ERROR, SD_STORE_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

/* Tomorrow's orders already phoned in (今晚接的明天的单): enough for the dispatch board to
 * plan a real day with every courier. They use their own generator, so the six months
 * before are the same whatever is added here. */
static gboolean
tomorrow_orders (Gen          *g,
                 GArray       *rows,
                 guint64       seed,
                 GError      **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (g->store,
    "SELECT DISTINCT customer_id FROM orders WHERE requested_date = ?1", error);
  SdRandom rng;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, g->dates[N_DAYS], -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (taken, g_memdup2 (&id, sizeof id));
    }

  sd_random_init (&rng, seed ^ G_GUINT64_CONSTANT (0x7d15a7c4b0a1));
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      g_autoptr(SdOrder) order = NULL;
      guint roll = sd_random_below (&rng, 100);
      gint64 product = roll < 70 ? g->water : roll < 88 ? g->mineral : g->small;
      int quantity;

      if (g_hash_table_contains (taken, &row->id) || row->created > g->now - 3600 ||
          !sd_random_chance (&rng, row->kind == 0 ? 14 : row->kind == 3 ? 10 : 30))
        continue;
      quantity = row->kind == 1 ? sd_random_range (&rng, 3, 8)
               : row->kind == 2 ? sd_random_range (&rng, 2, 5)
               : row->kind == 3 ? sd_random_range (&rng, 15, 25)
               : sd_random_chance (&rng, 75) ? 1 : 2;
      order = sd_order_new (row->id, row->address, g->dates[N_DAYS],
                            sd_random_chance (&rng, 20) ? SD_PAY_WECHAT : SD_PAY_CASH_ON_DELIVERY);
      order->channel = sd_random_chance (&rng, 60) ? SD_CHANNEL_PHONE : SD_CHANNEL_WECHAT;
      if (sd_random_chance (&rng, 6))
        {
          order->slot = SD_SLOT_WINDOW;
          order->window_from = g_strdup ("10:00");
          order->window_to = g_strdup ("11:30");
        }
      else if (sd_random_chance (&rng, 35))
        order->slot = (SdOrderSlot) sd_random_range (&rng, SD_SLOT_MORNING, SD_SLOT_EVENING);
      sd_order_add_line (order, product, quantity);
      g->clock = g->now - sd_random_range (&rng, 5, 600) * 60;
      if (!sd_store_create_order (g->store, order, sd_random_chance (&rng, 70) ? "店长" : "小陈", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sd_demo_generate_orders (SdStore              *store,
                         SdRandom             *rng,
                         const SdDemoOptions  *options,
                         gint64                now,
                         GError              **error)
{
  Gen g = { .store = store, .rng = rng, .now = now };
  g_autoptr(GArray) rows = NULL;
  GDate today;
  gboolean ok = TRUE;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  /* local (UTC+8) midnight of the first day */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JANUARY, 1970);
  g_date_add_days (&today, (guint) ((now + TZ_OFFSET) / 86400));
  g.day0 = ((now + TZ_OFFSET) / 86400 - (N_DAYS - 1)) * 86400 - TZ_OFFSET;
  for (int i = 0; i <= N_DAYS; i++)
    {
      GDate d = today;
      char buf[16];

      if (i < N_DAYS - 1)
        g_date_subtract_days (&d, (guint) (N_DAYS - 1 - i));
      else
        g_date_add_days (&d, (guint) (i - (N_DAYS - 1)));
      g_snprintf (buf, sizeof buf, "%04u-%02u-%02u", (guint) g_date_get_year (&d),
                  (guint) g_date_get_month (&d), (guint) g_date_get_day (&d));
      g.dates[i] = g_strdup (buf);
    }

  sd_store_set_clock (store, gen_clock, &g);
  if (!setup (&g, error) || (rows = list_customers (&g, error)) == NULL)
    ok = FALSE;
  for (guint i = 0; ok && i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      Customer c = { .id = row->id, .kind = row->kind, .address = row->address,
                     .created = row->created, .month = -1 };

      ok = play_customer (&g, &c, error);
    }
  if (ok)
    ok = tomorrow_orders (&g, rows, options->seed, error);

  for (int i = 0; i <= N_DAYS; i++)
    g_free (g.dates[i]);
  /* whatever the demo writes next is stamped "now" again */
  demo_now = now;
  sd_store_set_clock (store, demo_clock, NULL);
  /* month cards sold long ago have run out by now */
  ok = ok && sd_store_expire_tickets (store, "", NULL, error);
  return ok;
}
