-- SPDX-License-Identifier: GPL-3.0-or-later
-- Songda schema 3: the counter of a water station — orders and their state machine, water
-- tickets (水票), prepaid cash, bucket deposits and buckets out, payments, and the one
-- append-only ledger every balance is summed from.
-- Times are UTC Unix seconds; money is integer fen; calendar days are 'YYYY-MM-DD'.
-- Sets of allowed values are spelled `x = 'a' OR x = 'b' OR …` rather than `x IN ('a', 'b',
-- …)`: SQLite checks a constant IN list of more than two values through a temporary b-tree
-- built for every row written, which made taking and delivering orders a third slower.

-- Delivering one of these hands over a bucket that comes back empty (18.9 L, 11.3 L).
ALTER TABLE products ADD COLUMN returnable_bucket INTEGER NOT NULL DEFAULT 0
  CHECK (returnable_bucket IN (0, 1));

-- 协议价: the agreed price of a product for one customer (companies, stores). The order
-- form uses it instead of the list price.
CREATE TABLE customer_prices (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  product_id  INTEGER NOT NULL REFERENCES products (id),
  price_fen   INTEGER NOT NULL CHECK (price_fen >= 0),
  PRIMARY KEY (customer_id, product_id)
);

-- 水票套餐: "20 tickets of 18.9 L water for ¥300, +2 free". A ticket pays for one unit of
-- the plan's product. valid_days 0 = the tickets do not expire.
CREATE TABLE ticket_plans (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  product_id    INTEGER NOT NULL REFERENCES products (id),
  tickets       INTEGER NOT NULL CHECK (tickets > 0),
  bonus_tickets INTEGER NOT NULL DEFAULT 0 CHECK (bonus_tickets >= 0),
  price_fen     INTEGER NOT NULL CHECK (price_fen >= 0),
  valid_days    INTEGER NOT NULL DEFAULT 0 CHECK (valid_days >= 0),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    INTEGER NOT NULL
);
CREATE INDEX ticket_plans_by_product ON ticket_plans (product_id);

-- An order. Its lines say what goes out; its events say how it got where it is. The money
-- and goods it moves are posted to the ledger when it is delivered, never before.
CREATE TABLE orders (
  id             INTEGER PRIMARY KEY,
  customer_id    INTEGER NOT NULL REFERENCES customers (id),
  address_id     INTEGER NOT NULL REFERENCES addresses (id),
  channel        TEXT    NOT NULL
                 CHECK (channel = 'phone' OR channel = 'walk_in' OR channel = 'wechat'
                        OR channel = 'subscription'),
  requested_date TEXT    NOT NULL
                 CHECK (requested_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- 'any' time of the day, a named part of it, or 'window' from–to ('HH:MM', local time)
  slot           TEXT    NOT NULL DEFAULT 'any'
                 CHECK (slot = 'any' OR slot = 'morning' OR slot = 'afternoon' OR slot = 'evening'
                        OR slot = 'window'),
  window_from    TEXT    CHECK (window_from IS NULL OR window_from GLOB '[0-2][0-9]:[0-5][0-9]'),
  window_to      TEXT    CHECK (window_to IS NULL OR window_to GLOB '[0-2][0-9]:[0-5][0-9]'),
  payment        TEXT    NOT NULL
                 CHECK (payment = 'tickets' OR payment = 'cash_on_delivery' OR payment = 'wechat'
                        OR payment = 'alipay' OR payment = 'prepaid' OR payment = 'monthly_account'),
  courier_id     INTEGER REFERENCES couriers (id),
  status         TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status = 'pending' OR status = 'to_dispatch' OR status = 'out_for_delivery'
                        OR status = 'delivered' OR status = 'cancelled'),
  cancel_reason  TEXT    NOT NULL DEFAULT '',
  note           TEXT    NOT NULL DEFAULT '',
  total_fen      INTEGER NOT NULL CHECK (total_fen >= 0),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  created_by     TEXT    NOT NULL DEFAULT '',
  CHECK ((slot = 'window') = (window_from IS NOT NULL AND window_to IS NOT NULL)),
  CHECK (window_from IS NULL OR window_to > window_from),
  CHECK (status <> 'cancelled' OR length(trim(cancel_reason)) > 0)
);
CREATE INDEX orders_by_customer ON orders (customer_id, id);
CREATE INDEX orders_by_day ON orders (requested_date, status);
CREATE INDEX orders_open ON orders (status, requested_date)
  WHERE status NOT IN ('delivered', 'cancelled');
CREATE INDEX orders_by_courier ON orders (courier_id, requested_date) WHERE courier_id IS NOT NULL;

-- tickets_used: units of the line paid with tickets of its product (planned when the order
-- is taken, what was actually taken once delivered). The rest of the line is paid in money.
CREATE TABLE order_lines (
  id             INTEGER PRIMARY KEY,
  order_id       INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL CHECK (position >= 0),
  product_id     INTEGER NOT NULL REFERENCES products (id),
  quantity       INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
  line_total_fen INTEGER NOT NULL CHECK (line_total_fen = quantity * unit_price_fen),
  tickets_used   INTEGER NOT NULL DEFAULT 0 CHECK (tickets_used BETWEEN 0 AND quantity),
  buckets_out    INTEGER NOT NULL DEFAULT 0 CHECK (buckets_out >= 0),
  empties_back   INTEGER NOT NULL DEFAULT 0 CHECK (empties_back >= 0),
  UNIQUE (order_id, position)
);
CREATE INDEX order_lines_by_product ON order_lines (product_id);

-- Every state an order went through: the first row has no from_status (the order was
-- taken), each later one starts where the previous ended. Append-only.
CREATE TABLE order_events (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders (id),
  from_status TEXT,
  to_status   TEXT    NOT NULL,
  at          INTEGER NOT NULL,
  who         TEXT    NOT NULL DEFAULT '',
  reason      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX order_events_by_order ON order_events (order_id);
-- deliveries of a day, for the cash-up
CREATE INDEX order_events_delivered ON order_events (at) WHERE to_status = 'delivered';

-- Money in (amount > 0) or out (amount < 0, refunds) of the till, and what it was for.
-- courier_id: who collected it; NULL = taken at the counter. Append-only: a mistake is
-- corrected by a refund row.
CREATE TABLE payments (
  id             INTEGER PRIMARY KEY,
  customer_id    INTEGER REFERENCES customers (id),   -- NULL only for a walk-in's order
  order_id       INTEGER REFERENCES orders (id),
  purpose        TEXT    NOT NULL
                 CHECK (purpose = 'order' OR purpose = 'account' OR purpose = 'ticket_sale'
                        OR purpose = 'deposit' OR purpose = 'deposit_refund'
                        OR purpose = 'prepaid_topup' OR purpose = 'refund'),
  method         TEXT    NOT NULL
                 CHECK (method = 'cash' OR method = 'wechat' OR method = 'alipay'
                        OR method = 'bank_transfer' OR method = 'prepaid'),
  amount_fen     INTEGER NOT NULL CHECK (amount_fen <> 0),
  ticket_plan_id INTEGER REFERENCES ticket_plans (id),
  buckets        INTEGER NOT NULL DEFAULT 0 CHECK (buckets >= 0),   -- a deposit or its refund: for how many
  courier_id     INTEGER REFERENCES couriers (id),
  at             INTEGER NOT NULL,
  who            TEXT    NOT NULL DEFAULT '',
  note           TEXT    NOT NULL DEFAULT '',
  CHECK ((purpose = 'order') = (order_id IS NOT NULL)),
  CHECK ((purpose = 'ticket_sale') = (ticket_plan_id IS NOT NULL)),
  CHECK (customer_id IS NOT NULL OR purpose = 'order'),
  CHECK ((amount_fen < 0) = (purpose IN ('deposit_refund', 'refund'))),
  -- paying from the prepaid balance moves no money; it can only settle what is owed
  CHECK (method <> 'prepaid' OR purpose IN ('order', 'account'))
);
CREATE INDEX payments_by_customer ON payments (customer_id, at);
CREATE INDEX payments_by_order ON payments (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX payments_by_time ON payments (at);

-- One ledger for every balance a customer holds. One table rather than one per kind:
-- the kinds share every column (who, when, why, which order or payment), a reversal is
-- the same operation whatever the kind, a customer's history is one query, and the
-- integrity check recomputes all balances with one GROUP BY. `kind` with `product_id`
-- (tickets only) names the balance:
--   tickets         water tickets of one product, in tickets
--   prepaid_fen     prepaid cash (预存款), fen
--   deposit_fen     bucket deposit money the shop holds for the customer (押金), fen
--   buckets         the shop's buckets at the customer's place
--   receivable_fen  what the customer owes (negative: credit), fen
-- A balance is the sum of its rows. Rows are never updated or deleted (the triggers below
-- refuse it); a correction is a new row — `reversal` rows point at the row they undo.
CREATE TABLE ledger (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  kind        TEXT    NOT NULL
              CHECK (kind = 'tickets' OR kind = 'prepaid_fen' OR kind = 'deposit_fen'
                     OR kind = 'buckets' OR kind = 'receivable_fen'),
  product_id  INTEGER REFERENCES products (id),
  delta       INTEGER NOT NULL CHECK (delta <> 0),
  reason      TEXT    NOT NULL,
  order_id    INTEGER REFERENCES orders (id),
  payment_id  INTEGER REFERENCES payments (id),
  reverses_id INTEGER REFERENCES ledger (id),
  at          INTEGER NOT NULL,
  who         TEXT    NOT NULL DEFAULT '',
  note        TEXT    NOT NULL DEFAULT '',
  CHECK ((kind = 'tickets') = (product_id IS NOT NULL)),
  CHECK ((reason = 'reversal') = (reverses_id IS NOT NULL)),
  -- which reasons move which balance, and in which direction
  CHECK (reason = 'opening_balance' OR reason = 'adjustment' OR reason = 'reversal'
         OR (kind = 'tickets' AND (
               (reason = 'ticket_purchase' AND delta > 0) OR
               ((reason = 'ticket_use' OR reason = 'ticket_refund' OR reason = 'ticket_expiry')
                AND delta < 0)))
         OR (kind = 'prepaid_fen' AND (
               (reason = 'prepaid_topup' AND delta > 0) OR
               ((reason = 'prepaid_use' OR reason = 'prepaid_refund' OR reason = 'payment')
                AND delta < 0)))
         OR (kind = 'deposit_fen' AND (
               (reason = 'deposit_paid' AND delta > 0) OR
               (reason = 'deposit_refund' AND delta < 0)))
         OR (kind = 'buckets' AND (
               (reason = 'bucket_out' AND delta > 0) OR
               (reason = 'bucket_back' AND delta < 0)))
         OR (kind = 'receivable_fen' AND (
               (reason IN ('charge', 'refund') AND delta > 0) OR
               (reason = 'payment' AND delta < 0))))
);
CREATE INDEX ledger_by_customer ON ledger (customer_id, kind, product_id);
CREATE INDEX ledger_by_order ON ledger (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX ledger_by_payment ON ledger (payment_id) WHERE payment_id IS NOT NULL;
CREATE INDEX ledger_by_time ON ledger (at);
-- what each customer owes, by date: the aging report reads only this
CREATE INDEX ledger_receivable ON ledger (customer_id, at, delta) WHERE kind = 'receivable_fen';
CREATE UNIQUE INDEX ledger_reversed_once ON ledger (reverses_id) WHERE reverses_id IS NOT NULL;

-- Append-only, enforced by the database itself (SQLite trigger syntax; the one place it
-- is needed — a PostgreSQL backend would use a rule or a revoked privilege instead).
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE (ABORT, 'ledger rows are never changed: add a correcting row'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE (ABORT, 'ledger rows are never deleted: add a correcting row'); END;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE (ABORT, 'payments are never changed: record a refund'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE (ABORT, 'payments are never deleted: record a refund'); END;
CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events
BEGIN SELECT RAISE (ABORT, 'order events are never changed'); END;
CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events
BEGIN SELECT RAISE (ABORT, 'order events are never deleted'); END;
