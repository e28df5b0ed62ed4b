/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-route-ls.c: granular local search on neighbour lists: relocate of
 * segments of 1–3 stops (or-opt, within and between routes), swap, 2-opt
 * within a route and 2-opt* between routes. Moves are filtered by their
 * distance delta and applied, first improvement, after an exact check of
 * capacity, time windows and shift end of the new routes. */
#include "sd-route-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LS_NB 15
#define IMPROVE_EPS 1e-7

static bool
load_ok (const SdCtx *c, int v, const int *seq, int n)
{
  const SdRouteProblem *p = c->p;
  for (int d = 0; d < c->D; d++)
    {
      long load = 0;
      for (int i = 0; i < n; i++)
        load += p->demand[seq[i] * SD_ROUTE_MAX_DIMS + d];
      if (load > p->v_cap[v * SD_ROUTE_MAX_DIMS + d])
        return false;
    }
  return true;
}

static void
write_route (const SdCtx *c, SdSol *s, int r, const int *seq, int n)
{
  SdRt *rt = &s->r[r];

  if (!sd_rt_ensure (rt, n))
    abort ();  /* out of memory */
  memcpy (rt->s + 1, seq, sizeof (int) * (size_t) n);
  rt->len = n;
  sd_rt_update (c, s, r);
}

/* Replace routes ra (and rb, if different) by the sequences when that lowers
 * the objective and the new routes are feasible. */
static bool
commit (SdCtx *c, SdSol *s, int ra, const int *sa, int na, int rb, const int *sb, int nb)
{
  double old_cost, new_cost, da = 0.0, db = 0.0;

  if (!load_ok (c, ra, sa, na) || !sd_seq_feasible (c, ra, sa, na, &da))
    return false;
  old_cost = s->r[ra].dist + (s->r[ra].len > 0 ? c->veh_cost : 0.0);
  new_cost = (na > 0 ? da + c->veh_cost : 0.0);
  if (rb != ra)
    {
      if (!load_ok (c, rb, sb, nb) || !sd_seq_feasible (c, rb, sb, nb, &db))
        return false;
      old_cost += s->r[rb].dist + (s->r[rb].len > 0 ? c->veh_cost : 0.0);
      new_cost += (nb > 0 ? db + c->veh_cost : 0.0);
    }
  if (!(new_cost < old_cost - IMPROVE_EPS))
    return false;
  write_route (c, s, ra, sa, na);
  if (rb != ra)
    write_route (c, s, rb, sb, nb);
  return true;
}

static int
cat (int *dst, int n, const int *src, int from, int to)
{
  for (int i = from; i <= to; i++)
    dst[n++] = src[i];
  return n;
}

static int
cat_rev (int *dst, int n, const int *src, int from, int to)
{
  for (int i = to; i >= from; i--)
    dst[n++] = src[i];
  return n;
}

/* Move segment [pu, pu+L-1] of route ru to after position q of route rv. */
static bool
try_relocate (SdCtx *c, SdSol *s, int ru, int pu, int L, int rv, int q)
{
  const SdRt *A = &s->r[ru], *B = &s->r[rv];
  int *sa = c->tmp_a, *sb = c->tmp_b;
  int na = 0, nb = 0;
  int u1 = A->lc[pu], uL = A->lc[pu + L - 1];
  double delta;

  if (pu + L - 1 > A->len)
    return false;
  if (ru == rv && q >= pu - 1 && q <= pu + L - 1)
    return false;
  delta = sd_d (c, A->lc[pu - 1], A->lc[pu + L]) - sd_d (c, A->lc[pu - 1], u1) - sd_d (c, uL, A->lc[pu + L])
          + sd_d (c, B->lc[q], u1) + sd_d (c, uL, B->lc[q + 1]) - sd_d (c, B->lc[q], B->lc[q + 1]);
  if (ru != rv && A->len == L)
    delta -= c->veh_cost + 1.0;  /* emptying a route: let commit decide */
  if (delta >= -IMPROVE_EPS)
    return false;
  if (ru != rv)
    {
      for (int d = 0; d < c->D; d++)
        {
          long add = 0;
          for (int i = pu; i < pu + L; i++)
            add += c->p->demand[A->s[i] * SD_ROUTE_MAX_DIMS + d];
          if (B->load[d] + add > c->p->v_cap[rv * SD_ROUTE_MAX_DIMS + d])
            return false;
        }
      na = cat (sa, 0, A->s, 1, pu - 1);
      na = cat (sa, na, A->s, pu + L, A->len);
      nb = cat (sb, 0, B->s, 1, q);
      nb = cat (sb, nb, A->s, pu, pu + L - 1);
      nb = cat (sb, nb, B->s, q + 1, B->len);
      return commit (c, s, ru, sa, na, rv, sb, nb);
    }
  for (int i = 1; i <= A->len; i++)
    {
      if (i >= pu && i < pu + L)
        continue;
      sa[na++] = A->s[i];
      if (i == q)
        na = cat (sa, na, A->s, pu, pu + L - 1);
    }
  if (q == 0)
    {
      memmove (sa + L, sa, sizeof (int) * (size_t) na);
      memcpy (sa, A->s + pu, sizeof (int) * (size_t) L);
      na += L;
    }
  return commit (c, s, ru, sa, na, ru, NULL, 0);
}

static bool
try_swap (SdCtx *c, SdSol *s, int ru, int pu, int rv, int pv)
{
  const SdRt *A = &s->r[ru], *B = &s->r[rv];
  int *sa = c->tmp_a, *sb = c->tmp_b;
  int u = A->lc[pu], v = B->lc[pv];
  double delta;

  if (ru == rv && (pu - pv == 1 || pv - pu == 1 || pu == pv))
    return false;
  delta = sd_d (c, A->lc[pu - 1], v) + sd_d (c, v, A->lc[pu + 1]) - sd_d (c, A->lc[pu - 1], u) - sd_d (c, u, A->lc[pu + 1])
          + sd_d (c, B->lc[pv - 1], u) + sd_d (c, u, B->lc[pv + 1]) - sd_d (c, B->lc[pv - 1], v) - sd_d (c, v, B->lc[pv + 1]);
  if (delta >= -IMPROVE_EPS)
    return false;
  if (ru != rv)
    {
      memcpy (sa, A->s + 1, sizeof (int) * (size_t) A->len);
      memcpy (sb, B->s + 1, sizeof (int) * (size_t) B->len);
      sa[pu - 1] = B->s[pv];
      sb[pv - 1] = A->s[pu];
      return commit (c, s, ru, sa, A->len, rv, sb, B->len);
    }
  memcpy (sa, A->s + 1, sizeof (int) * (size_t) A->len);
  sa[pu - 1] = A->s[pv];
  sa[pv - 1] = A->s[pu];
  return commit (c, s, ru, sa, A->len, ru, NULL, 0);
}

/* Route ru keeps its head up to pu then takes rv's tail from pv; rv keeps its
 * head up to pv-1 then takes ru's tail after pu. Creates the edge u -> v. */
static bool
try_2opt_star (SdCtx *c, SdSol *s, int ru, int pu, int rv, int pv)
{
  const SdRt *A = &s->r[ru], *B = &s->r[rv];
  int *sa = c->tmp_a, *sb = c->tmp_b;
  int na, nb;
  double delta;

  delta = sd_d (c, A->lc[pu], B->lc[pv]) + sd_d (c, B->lc[pv - 1], A->lc[pu + 1])
          - sd_d (c, A->lc[pu], A->lc[pu + 1]) - sd_d (c, B->lc[pv - 1], B->lc[pv]);
  if (pv - 1 == 0 && pu == A->len)
    return false;   /* would just hand the whole route over */
  if (delta >= -IMPROVE_EPS)
    return false;
  na = cat (sa, 0, A->s, 1, pu);
  na = cat (sa, na, B->s, pv, B->len);
  nb = cat (sb, 0, B->s, 1, pv - 1);
  nb = cat (sb, nb, A->s, pu + 1, A->len);
  return commit (c, s, ru, sa, na, rv, sb, nb);
}

/* Reverse positions a+1..b of one route (creates the edge s[a] - s[b]). */
static bool
try_2opt (SdCtx *c, SdSol *s, int r, int a, int b)
{
  const SdRt *A = &s->r[r];
  int *sa = c->tmp_a;
  int na;
  double delta;

  if (b - a < 2 || a < A->fixed)
    return false;
  delta = sd_d (c, A->lc[a], A->lc[b]) + sd_d (c, A->lc[a + 1], A->lc[b + 1])
          - sd_d (c, A->lc[a], A->lc[a + 1]) - sd_d (c, A->lc[b], A->lc[b + 1]);
  if (c->symmetric && delta >= -IMPROVE_EPS)
    return false;
  na = cat (sa, 0, A->s, 1, a);
  na = cat_rev (sa, na, A->s, a + 1, b);
  na = cat (sa, na, A->s, b + 1, A->len);
  return commit (c, s, r, sa, na, r, NULL, 0);
}

static bool
improve_stop (SdCtx *c, SdSol *s, int u)
{
  int K = c->n_nb < LS_NB ? c->n_nb : LS_NB;
  const int *nb = &c->nb[(size_t) u * (size_t) c->n_nb];

  for (int k = 0; k < K; k++)
    {
      int v = nb[k];
      int ru = s->route_of[u], pu = s->pos_of[u];
      int rv = s->route_of[v], pv = s->pos_of[v];

      if (ru < 0 || rv < 0)
        continue;
      for (int L = 1; L <= 3; L++)
        {
          if (pu + L - 1 > s->r[ru].len)
            break;
          if (try_relocate (c, s, ru, pu, L, rv, pv))
            return true;
          if (try_relocate (c, s, ru, pu, L, rv, pv - 1))
            return true;
        }
      if (try_swap (c, s, ru, pu, rv, pv))
        return true;
      if (ru != rv)
        {
          if (try_2opt_star (c, s, ru, pu, rv, pv))
            return true;
          if (try_2opt_star (c, s, rv, pv, ru, pu))
            return true;
        }
      else
        {
          int a = pu < pv ? pu : pv, b = pu < pv ? pv : pu;
          if (try_2opt (c, s, ru, a, b))
            return true;
          if (a - 1 >= s->r[ru].fixed && try_2opt (c, s, ru, a - 1, b - 1))
            return true;
        }
    }
  return false;
}

/* Run to a local optimum; true when something improved. */
bool
sd_local_search (SdCtx *c, SdSol *s)
{
  int *order = c->tmp_c;
  int n = c->n_free;
  bool any = false, improved = true;
  int passes = 0;

  for (int i = 0; i < n; i++)
    order[i] = c->free_stops[i];
  while (improved && passes < 50)
    {
      improved = false;
      passes++;
      for (int i = n - 1; i > 0; i--)
        {
          int j = sd_rng_int (&c->rng, i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
      for (int i = 0; i < n; i++)
        {
          int u = order[i];
          if (s->route_of[u] < 0)
            continue;
          while (improve_stop (c, s, u))
            improved = any = true;
        }
    }
  return any;
}
