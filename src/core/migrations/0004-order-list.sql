-- SPDX-License-Identifier: GPL-3.0-or-later
-- Songda schema 4: the order list. It shows orders newest requested day first, then by id,
-- and pages by that key; orders_by_day (requested_date, status) cannot give that order
-- without sorting every day's orders, so the list gets its own index (the id rides along
-- in every SQLite index). Unassigned orders (courier_id IS NULL) are few — the ones not yet
-- dispatched — and orders_by_courier leaves them out, hence a small partial index.
CREATE INDEX orders_by_date ON orders (requested_date);
CREATE INDEX orders_unassigned ON orders (requested_date) WHERE courier_id IS NULL;
