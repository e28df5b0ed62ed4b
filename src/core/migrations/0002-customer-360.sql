-- SPDX-License-Identifier: GPL-3.0-or-later
-- Songda schema 2: the customer's whole profile — WeChat, birthday, where they came from,
-- a parent account — plus tags, owner-defined fields and the follow-up history.

ALTER TABLE customers ADD COLUMN wechat TEXT NOT NULL DEFAULT '';
-- a calendar day without time zone, 'YYYY-MM-DD'
ALTER TABLE customers ADD COLUMN birthday TEXT
  CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
-- 来源: referral, flyer, walk-in, online … (free text; the app offers the usual ones)
ALTER TABLE customers ADD COLUMN source TEXT NOT NULL DEFAULT '';
-- a store under a distributor, a branch under a company
ALTER TABLE customers ADD COLUMN parent_id INTEGER REFERENCES customers (id);
CREATE INDEX customers_by_parent ON customers (parent_id) WHERE parent_id IS NOT NULL;

-- Tags: 'manual' ones the owner attaches; 'auto' ones a segmentation rule maintains (the
-- rule text says which), so the two never get confused or overwritten.
CREATE TABLE tags (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  color       TEXT    NOT NULL DEFAULT '#3584e4'
              CHECK (color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
  origin      TEXT    NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'auto')),
  rule        TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX tags_by_name ON tags (name);

CREATE TABLE customer_tags (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  tag_id      INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  added_at    INTEGER NOT NULL,
  PRIMARY KEY (customer_id, tag_id)
);
CREATE INDEX customer_tags_by_tag ON customer_tags (tag_id, customer_id);

-- Fields the owner adds to the customer form. A removed field is hidden, never dropped:
-- its values stay and come back when the field is restored.
CREATE TABLE custom_fields (
  id          INTEGER PRIMARY KEY,
  label       TEXT    NOT NULL CHECK (length(trim(label)) > 0),
  kind        TEXT    NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'boolean')),
  required    INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  position    INTEGER NOT NULL,
  choices     TEXT    NOT NULL DEFAULT '',   -- one option a line, for 'choice'
  hidden      INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  created_at  INTEGER NOT NULL
);

-- Values normalised by the core: numbers as plain decimals, dates 'YYYY-MM-DD',
-- yes/no as '1'/'0', a choice as the option's text.
CREATE TABLE customer_field_values (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  field_id    INTEGER NOT NULL REFERENCES custom_fields (id),
  value       TEXT    NOT NULL,
  PRIMARY KEY (customer_id, field_id)
);

-- 跟进记录: calls, visits, complaints, notes. An open entry with a next date is due that
-- day; logging the next follow-up for the customer closes the earlier open ones.
CREATE TABLE follow_ups (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,   -- UTC seconds
  kind        TEXT    NOT NULL CHECK (kind IN ('call', 'visit', 'complaint', 'note')),
  who         TEXT    NOT NULL DEFAULT '',
  text        TEXT    NOT NULL CHECK (length(trim(text)) > 0),
  next_date   TEXT    CHECK (next_date IS NULL OR
                             next_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
);
CREATE INDEX follow_ups_by_customer ON follow_ups (customer_id, at DESC);
CREATE INDEX follow_ups_due ON follow_ups (next_date) WHERE next_date IS NOT NULL AND done = 0;
