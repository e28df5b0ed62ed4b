/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small deterministic generator (splitmix64) for demo data and tests: the same seed
 * gives the same sequence on every platform and GLib version. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 state;
} SdRandom;

static inline void
sd_random_init (SdRandom *rng,
                guint64   seed)
{
  rng->state = seed;
}

static inline guint64
sd_random_next (SdRandom *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static inline guint
sd_random_below (SdRandom *rng,
                 guint     n)
{
  return n == 0 ? 0 : (guint) (sd_random_next (rng) % n);
}

/* Uniform in [lo, hi]. */
static inline int
sd_random_range (SdRandom *rng,
                 int       lo,
                 int       hi)
{
  return lo + (int) sd_random_below (rng, (guint) (hi - lo + 1));
}

/* Uniform double in [0, 1). */
static inline double
sd_random_unit (SdRandom *rng)
{
  return (double) (sd_random_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
sd_random_chance (SdRandom *rng,
                  guint     percent)
{
  return sd_random_below (rng, 100) < percent;
}

G_END_DECLS
