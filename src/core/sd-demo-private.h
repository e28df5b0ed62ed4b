/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Steps of the demo generator that live in their own files. */
#pragma once

#include "sd-demo.h"
#include "sd-random.h"

G_BEGIN_DECLS

/* Six months of orders, ticket sales, deposits, payments and bucket movements for the
 * customers already in the store, all through the order and payment API. Runs inside
 * sd_demo_generate()'s transaction; `now` is the demo's reference time. */
gboolean sd_demo_generate_orders (SdStore              *store,
                                  SdRandom             *rng,
                                  const SdDemoOptions  *options,
                                  gint64                now,
                                  GError              **error);

G_END_DECLS
