/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A believable demo shop in Hangzhou, generated deterministically from a seed. */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

typedef struct {
  guint64  seed;            /* same seed + same options → same database content */
  guint    n_customers;     /* ~300 for a demo, 50,000 for the benchmark */
  gint64   reference_time;  /* UTC seconds of "now" for the demo; 0 = the real now */
} SdDemoOptions;

#define SD_DEMO_DEFAULT_CUSTOMERS 300

void     sd_demo_options_init (SdDemoOptions        *options);
/* Fills an empty shop database. Refuses one that already has customers. One transaction. */
gboolean sd_demo_generate     (SdStore              *store,
                               const SdDemoOptions  *options,
                               GError              **error);

G_END_DECLS
