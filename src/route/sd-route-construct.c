/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-route-construct.c: greedy insertion with "blinks" (the recreate step of
 * ruin-and-recreate, also used to build the first solution): stops are
 * sorted by one of several orders and each goes where it adds the least cost. */
#include "sd-route-private.h"

#include <math.h>
#include <string.h>

enum {
  ORDER_RANDOM,
  ORDER_DEMAND,
  ORDER_FAR,
  ORDER_CLOSE,
  ORDER_DEADLINE,
};

int
sd_pick_order (SdCtx *c)
{
  /* weights 4 random, 4 demand, 2 far, 1 close (+2 deadline with windows) */
  int total = c->has_tw ? 13 : 11;
  int x = sd_rng_int (&c->rng, total);
  if (x < 4)
    return ORDER_RANDOM;
  if (x < 8)
    return ORDER_DEMAND;
  if (x < 10)
    return ORDER_FAR;
  if (x < 11)
    return ORDER_CLOSE;
  return ORDER_DEADLINE;
}

static double
order_key (const SdCtx *c, int stop, int order)
{
  const SdRouteProblem *p = c->p;
  switch (order)
    {
    case ORDER_DEMAND:
      {
        double k = 0.0;
        for (int d = 0; d < c->D; d++)
          k += p->demand[stop * SD_ROUTE_MAX_DIMS + d] * c->demand_key_scale[d];
        return -k;
      }
    case ORDER_FAR:
      return -sd_d (c, p->depot, p->stop_loc[stop]);
    case ORDER_CLOSE:
      return sd_d (c, p->depot, p->stop_loc[stop]);
    case ORDER_DEADLINE:
      return p->tw_late[stop];
    default:
      return 0.0;
    }
}

static void
sort_todo (SdCtx *c, int *todo, int n, int order)
{
  double *key = c->tmp_d;

  for (int i = n - 1; i > 0; i--)
    {
      int j = sd_rng_int (&c->rng, i + 1);
      int t = todo[i];
      todo[i] = todo[j];
      todo[j] = t;
    }
  if (order == ORDER_RANDOM)
    return;
  for (int i = 0; i < n; i++)
    key[i] = order_key (c, todo[i], order);
  for (int i = 1; i < n; i++)
    {
      double k = key[i];
      int t = todo[i], j = i - 1;
      while (j >= 0 && key[j] > k)
        {
          key[j + 1] = key[j];
          todo[j + 1] = todo[j];
          j--;
        }
      key[j + 1] = k;
      todo[j + 1] = t;
    }
}

/* Best insertion of @st into route r (if better than *best). */
static inline void
eval_route (SdCtx *c, const SdSol *s, int r, int st, double extra, double blink,
            double *best, int *best_r, int *best_i)
{
  const SdRouteProblem *p = c->p;
  const SdRt *rt = &s->r[r];
  const int x = p->stop_loc[st];
  const double early = p->tw_early[st], late = p->tw_late[st] + SD_TEPS, svc = p->service[st];
  const double *drow = c->dist + (size_t) x * (size_t) c->nl;

  if (!sd_rt_fits (c, rt, r, st))
    return;
  for (int i = rt->fixed; i <= rt->len; i++)
    {
      int a = rt->lc[i], b = rt->lc[i + 1];
      double delta = sd_d (c, a, x) + drow[b] - (rt->len > 0 ? sd_d (c, a, b) : 0.0) + extra;
      double arr, start, arr2;

      if (delta >= *best)
        continue;
      if (blink > 0.0 && sd_rng_double (&c->rng) < blink)
        continue;
      arr = rt->dep[i] + sd_t (c, a, x);
      start = arr > early ? arr : early;
      if (start > late)
        continue;
      arr2 = start + svc + sd_t (c, x, b);
      if (arr2 > rt->lst[i + 1] + SD_TEPS)
        continue;
      *best = delta;
      *best_r = r;
      *best_i = i;
    }
}

int sd_recreate_neighbours = 20;

void
sd_recreate (SdCtx *c, SdSol *s, int *todo, int n_todo, double blink, int order)
{
  int used = sd_sol_used (s);
  int kn = sd_recreate_neighbours < c->n_nb ? sd_recreate_neighbours : c->n_nb;

  sort_todo (c, todo, n_todo, order);
  for (int k = 0; k < n_todo; k++)
    {
      int st = todo[k];
      int best_r = -1, best_i = -1;
      double best = INFINITY;
      int stamp = ++c->stamp;

      if (kn > 0)
        {
          /* granular: routes holding one of the nearest stops, then empty ones */
          const int *nb = &c->nb[(size_t) st * (size_t) c->n_nb];
          for (int j = 0, seen = 0; j < c->n_nb && seen < kn; j++)
            {
              int r = s->route_of[nb[j]];
              if (r < 0)
                continue;
              seen++;
              if (c->route_seen[r] == stamp)
                continue;
              c->route_seen[r] = stamp;
              eval_route (c, s, r, st, 0.0, blink, &best, &best_r, &best_i);
            }
        }
      for (int r = 0; r < s->nr; r++)
        {
          const SdRt *rt = &s->r[r];
          double extra = 0.0;

          if (c->route_seen[r] == stamp)
            continue;
          if (rt->len == 0)
            {
              int cls = c->vclass[r];
              if (used >= c->fleet_cap || c->class_seen[cls] == stamp)
                continue;
              c->class_seen[cls] = stamp;
              extra = c->veh_cost;
            }
          else if (kn > 0)
            continue;
          eval_route (c, s, r, st, extra, blink, &best, &best_r, &best_i);
        }
      if (best_r < 0 && kn > 0)
        for (int r = 0; r < s->nr; r++)
          if (s->r[r].len > 0 && c->route_seen[r] != stamp)
            eval_route (c, s, r, st, 0.0, blink, &best, &best_r, &best_i);
      if (best_r < 0)
        sd_unassigned_add (s, st);
      else
        {
          if (s->r[best_r].len == 0)
            used++;
          sd_sol_insert_at (c, s, best_r, best_i + 1, st);
        }
    }
}
