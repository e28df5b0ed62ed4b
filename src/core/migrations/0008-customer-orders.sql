-- SPDX-License-Identifier: GPL-3.0-or-later
-- Songda schema 8: one customer's orders in the list's order. The Orders area narrowed to a
-- customer ("Order History" on their page) sorts newest requested day first; with only
-- orders_by_customer (customer_id, id) SQLite read every order of the customer from the
-- table and sorted them — fine for a household, 1.6 s cold for a company or distributor
-- with ten thousand orders. This index hands them over already in that order.
CREATE INDEX orders_by_customer_day ON orders (customer_id, requested_date);
