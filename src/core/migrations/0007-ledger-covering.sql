-- SPDX-License-Identifier: GPL-3.0-or-later
-- Songda schema 7: a customer's balances straight from the index. Balances are sums of
-- ledger rows — per customer for the profile, as of a day for statements (opening and
-- closing), over every customer for the statement run — and with (customer, kind,
-- product) alone each row's `at` and `delta` were read from the table, a random read per
-- row (millions for a month's statements at 50,000 customers). The same index with `at`
-- and `delta` answers all of them by itself.
DROP INDEX ledger_by_customer;
CREATE INDEX ledger_by_customer ON ledger (customer_id, kind, product_id, at, delta);
