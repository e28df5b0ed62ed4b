-- SPDX-License-Identifier: GPL-3.0-or-later
-- Songda schema 6: the dispatch board.
-- A route is one courier's run on one day: how long it was planned to be and when it
-- should end. Which orders a courier takes stays on the order (orders.courier_id); the
-- order of the stops is route_stops. Times of the day are seconds after local midnight.
CREATE TABLE routes (
  id            INTEGER PRIMARY KEY,
  day           TEXT    NOT NULL
                CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  courier_id    INTEGER NOT NULL REFERENCES couriers (id),
  distance_m    INTEGER NOT NULL DEFAULT 0 CHECK (distance_m >= 0),
  start_s       INTEGER NOT NULL DEFAULT 0 CHECK (start_s >= 0),
  finish_s      INTEGER NOT NULL DEFAULT 0 CHECK (finish_s >= 0),
  planned_at    INTEGER NOT NULL,
  planned_by    TEXT    NOT NULL DEFAULT '',
  -- 'planned' until the courier leaves with it, then 'out'
  status        TEXT    NOT NULL DEFAULT 'planned' CHECK (status = 'planned' OR status = 'out'),
  UNIQUE (day, courier_id)
);
CREATE INDEX routes_by_courier ON routes (courier_id, day);

-- The place of an order on its courier's route (orders at one address share a place).
CREATE TABLE route_stops (
  order_id        INTEGER PRIMARY KEY REFERENCES orders (id),
  route_id        INTEGER NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL CHECK (seq >= 0),
  planned_arrival INTEGER NOT NULL DEFAULT 0 CHECK (planned_arrival >= 0)
);
CREATE INDEX route_stops_by_route ON route_stops (route_id, seq);
