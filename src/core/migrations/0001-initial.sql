-- SPDX-License-Identifier: GPL-3.0-or-later
-- Songda schema 1: the shop, its customers, addresses, products and couriers.
-- Times are UTC Unix seconds; money is integer fen; coordinates are WGS-84 degrees.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE customers (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  kind        TEXT    NOT NULL DEFAULT 'household'
                      CHECK (kind IN ('household', 'company', 'store', 'distributor')),
  note        TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  -- collation key computed by the core (pinyin for Han names), so lists sort as people expect
  sort_key    TEXT    NOT NULL
);
CREATE INDEX customers_by_sort ON customers (archived, sort_key, id);

CREATE TABLE customer_phones (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  number      TEXT    NOT NULL CHECK (length(number) BETWEEN 5 AND 20),
  label       TEXT    NOT NULL DEFAULT '',
  position    INTEGER NOT NULL CHECK (position >= 0),   -- 0 is the primary phone
  UNIQUE (customer_id, position)
);
CREATE INDEX customer_phones_by_number ON customer_phones (number);

CREATE TABLE addresses (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  label        TEXT    NOT NULL DEFAULT '',
  text         TEXT    NOT NULL CHECK (length(trim(text)) > 0),
  district     TEXT    NOT NULL DEFAULT '',
  latitude     REAL    CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude    REAL    CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  instructions TEXT    NOT NULL DEFAULT '',
  is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  position     INTEGER NOT NULL,
  -- removed addresses are archived, never deleted: orders will point at them
  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX addresses_by_customer ON addresses (customer_id, archived, position);
CREATE UNIQUE INDEX addresses_one_default ON addresses (customer_id)
  WHERE is_default = 1 AND archived = 0;

-- Denormalised text the search scans: one narrow row per customer, rewritten by the core
-- in the same transaction as every customer change.
CREATE TABLE customer_search (
  customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  archived    INTEGER NOT NULL DEFAULT 0,   -- copies of customers.archived and sort_key,
  sort_key    TEXT NOT NULL,                -- so a search reads this one narrow table
  name        TEXT NOT NULL,   -- case-folded name
  digits      TEXT NOT NULL,   -- every phone's digits, space separated
  haystack    TEXT NOT NULL,   -- case-folded name, addresses and note
  pinyin      TEXT NOT NULL    -- pinyin syllables of the name, for the pinyin matcher
);

CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  unit        TEXT    NOT NULL DEFAULT '',
  category    TEXT    NOT NULL DEFAULT '',
  price_fen   INTEGER NOT NULL CHECK (price_fen >= 0),
  deposit_fen INTEGER NOT NULL DEFAULT 0 CHECK (deposit_fen >= 0),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE couriers (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  phone       TEXT    NOT NULL DEFAULT '',
  color       TEXT    NOT NULL DEFAULT '#3584e4' CHECK (color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
  vehicle     TEXT    NOT NULL DEFAULT '',
  capacity    INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
