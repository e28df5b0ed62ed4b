/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-route-solve.c: the metaheuristic. Slack-induced string removals
 * (adjacent strings and split strings around a random seed stop, after
 * Christiaens & Vanden Berghe's SISR) ruin the current solution, greedy
 * insertion with blinks recreates it, simulated annealing accepts or rejects;
 * every new best is polished by the local search. */
#include "sd-route-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Tuning knobs (see sd_route_tune() in the private header). */
static double tune_cbar = 10.0;     /* mean number of stops removed */
static double tune_lmax = 0.0;      /* max string length; 0: 20 with time windows, else 10 */
static double tune_t0 = 0.8;        /* start temperature, × mean edge length */
static double tune_tf = 0.01;       /* final temperature, × mean edge length */
static double tune_blink = 0.01;
static double tune_split = 0.5;     /* probability of a split-string removal */
static double tune_keep = 0.5;      /* split strings: chance to keep one more */

void
sd_route_tune (const char *name, double value)
{
  if (!strcmp (name, "cbar")) tune_cbar = value;
  else if (!strcmp (name, "lmax")) tune_lmax = value;
  else if (!strcmp (name, "t0")) tune_t0 = value;
  else if (!strcmp (name, "tf")) tune_tf = value;
  else if (!strcmp (name, "blink")) tune_blink = value;
  else if (!strcmp (name, "split")) tune_split = value;
  else if (!strcmp (name, "keep")) tune_keep = value;
  else if (!strcmp (name, "cpu")) sd_route_cpu_clock = (int) value;
  else if (!strcmp (name, "kins")) sd_recreate_neighbours = (int) value;
}

/* Remove positions [from, to] of route r except [keep_from, keep_to]. */
static int
remove_string (const SdCtx *c, SdSol *s, int r, int from, int to, int keep_from, int keep_to, int *out, int n_out)
{
  SdRt *rt = &s->r[r];
  int w = from;

  for (int i = from; i <= rt->len; i++)
    {
      int st = rt->s[i];
      if (i <= to && (i < keep_from || i > keep_to))
        {
          out[n_out++] = st;
          s->route_of[st] = -1;
          s->pos_of[st] = 0;
        }
      else
        rt->s[w++] = st;
    }
  rt->len = w - 1;
  sd_rt_update (c, s, r);
  return n_out;
}

static int
ruin (SdCtx *c, SdSol *s, int *removed)
{
  int n_removed = 0, routes = 0, assigned = 0, seed = -1, ks, n_touched = 0;
  int *touched = c->tmp_b;
  double avg, lsmax, ksmax, lmax_all;

  for (int r = 0; r < s->nr; r++)
    if (s->r[r].len > s->r[r].fixed)
      {
        routes++;
        assigned += s->r[r].len - s->r[r].fixed;
      }
  if (assigned == 0)
    return 0;
  avg = (double) assigned / routes;
  lmax_all = tune_lmax > 0.0 ? tune_lmax : (c->has_tw ? 20.0 : 10.0);
  lsmax = avg < lmax_all ? avg : lmax_all;
  ksmax = 4.0 * tune_cbar / (1.0 + lsmax) - 1.0;
  ks = (int) (sd_rng_double (&c->rng) * ksmax) + 1;
  while (seed < 0)
    {
      int x = c->free_stops[sd_rng_int (&c->rng, c->n_free)];
      if (s->route_of[x] >= 0)
        seed = x;
    }
  for (int k = -1; k < c->n_nb && ks > 0; k++)
    {
      int st = k < 0 ? seed : c->nb[(size_t) seed * (size_t) c->n_nb + (size_t) k];
      int r = s->route_of[st];
      SdRt *rt;
      int free_len, l, pos;
      double lmax;

      if (r < 0 || c->route_mark[r])
        continue;
      rt = &s->r[r];
      free_len = rt->len - rt->fixed;
      lmax = free_len < lsmax ? free_len : lsmax;
      l = (int) (sd_rng_double (&c->rng) * lmax) + 1;
      if (l > free_len)
        l = free_len;
      pos = s->pos_of[st];
      if (l < free_len && sd_rng_double (&c->rng) < tune_split)
        {
          int m = 1, L, lo, hi, w, off;
          while (l + m < free_len && sd_rng_double (&c->rng) < tune_keep)
            m++;
          L = l + m;
          lo = pos - L + 1 > rt->fixed + 1 ? pos - L + 1 : rt->fixed + 1;
          hi = pos < rt->len - L + 1 ? pos : rt->len - L + 1;
          w = lo + sd_rng_int (&c->rng, hi - lo + 1);
          off = sd_rng_int (&c->rng, l + 1);
          n_removed = remove_string (c, s, r, w, w + L - 1, w + off, w + off + m - 1, removed, n_removed);
        }
      else
        {
          int lo = pos - l + 1 > rt->fixed + 1 ? pos - l + 1 : rt->fixed + 1;
          int hi = pos < rt->len - l + 1 ? pos : rt->len - l + 1;
          int w = lo + sd_rng_int (&c->rng, hi - lo + 1);
          n_removed = remove_string (c, s, r, w, w + l - 1, 1, 0, removed, n_removed);
        }
      c->route_mark[r] = true;
      touched[n_touched++] = r;
      ks--;
    }
  for (int i = 0; i < n_touched; i++)
    c->route_mark[touched[i]] = false;
  return n_removed;
}

/* --- export / import --------------------------------------------------- */

SdRouteSolution *
sd_sol_export (const SdCtx *c, const SdSol *s)
{
  const SdRouteProblem *p = c->p;
  SdRouteSolution *out = calloc (1, sizeof *out);
  int nu = 0;

  if (!out)
    return NULL;
  out->n_routes = s->nr;
  out->routes = calloc ((size_t) s->nr + 1, sizeof (SdRouteRoute));
  out->unassigned = calloc ((size_t) c->n + 1, sizeof (int));
  out->reasons = calloc ((size_t) c->n + 1, sizeof (SdRouteReason));
  if (!out->routes || !out->unassigned || !out->reasons)
    {
      sd_route_solution_free (out);
      return NULL;
    }
  for (int r = 0; r < s->nr; r++)
    {
      const SdRt *rt = &s->r[r];
      SdRouteRoute *o = &out->routes[r];
      double t;

      o->vehicle = r;
      o->n_stops = rt->len;
      o->departure = p->v_shift_start[r];
      o->end_time = o->departure;
      if (rt->len == 0)
        continue;
      o->stops = malloc (sizeof (int) * (size_t) rt->len);
      o->arrival = malloc (sizeof (double) * (size_t) rt->len);
      o->service_start = malloc (sizeof (double) * (size_t) rt->len);
      if (!o->stops || !o->arrival || !o->service_start)
        {
          sd_route_solution_free (out);
          return NULL;
        }
      t = o->departure;
      for (int i = 1; i <= rt->len; i++)
        {
          int st = rt->s[i];
          double arr = t + sd_t (c, rt->lc[i - 1], rt->lc[i]);
          double start = arr > p->tw_early[st] ? arr : p->tw_early[st];
          o->stops[i - 1] = st;
          o->arrival[i - 1] = arr;
          o->service_start[i - 1] = start;
          t = start + p->service[st];
        }
      o->end_time = t + sd_t (c, rt->lc[rt->len], rt->lc[rt->len + 1]);
      o->distance = rt->dist;
      memcpy (o->load, rt->load, sizeof o->load);
      out->distance += rt->dist;
      out->n_vehicles_used++;
    }
  for (int st = 0; st < c->n; st++)
    if (s->route_of[st] < 0)
      {
        out->unassigned[nu] = st;
        out->reasons[nu] = c->reason[st] != SD_ROUTE_REASON_NONE ? c->reason[st] : SD_ROUTE_REASON_NO_VEHICLE;
        nu++;
      }
  out->n_unassigned = nu;
  return out;
}

/* Load routes of @in into a fresh @s (already sd_sol_init'ed). */
int
sd_sol_import (const SdCtx *c, SdSol *s, const SdRouteSolution *in)
{
  const SdRouteProblem *p = c->p;

  if (in->n_routes != c->V)
    return -1;
  for (int r = 0; r < c->V; r++)
    {
      const SdRouteRoute *o = &in->routes[r];
      SdRt *rt = &s->r[r];
      int k = p->v_prefix_len[r];

      if (o->n_stops < k)
        return -1;
      for (int i = 0; i < o->n_stops; i++)
        {
          int st = o->stops[i];
          if (st < 0 || st >= c->n)
            return -1;
          if (i < k ? st != p->v_prefix[r][i] : (c->is_fixed[st] || s->route_of[st] >= 0))
            return -1;
          if (i >= k)
            s->route_of[st] = r;
        }
      if (!sd_rt_ensure (rt, o->n_stops))
        return -1;
      if (o->n_stops > 0)
        memcpy (rt->s + 1, o->stops, sizeof (int) * (size_t) o->n_stops);
      rt->len = o->n_stops;
      sd_rt_update (c, s, r);
    }
  s->nu = 0;
  for (int i = 0; i < c->n_free; i++)
    if (s->route_of[c->free_stops[i]] < 0)
      s->unassigned[s->nu++] = c->free_stops[i];
  return 0;
}

/* --- solve ------------------------------------------------------------- */

static void
polish (SdCtx *c, SdSol *s)
{
  int *todo = c->tmp_c;
  int n;

  sd_local_search (c, s);
  /* the local search may have freed room: retry the unserved */
  if (s->nu > 0)
    {
      n = s->nu;
      memcpy (todo, s->unassigned, sizeof (int) * (size_t) n);
      s->nu = 0;
      sd_recreate (c, s, todo, n, 0.0, 0);
    }
}

SdRouteSolution *
sd_route_solve (const SdRouteProblem *p, const SdRouteOptions *opt)
{
  SdRouteOptions defaults;
  SdCtx c;
  SdSol cur, work, best;
  SdRouteSolution *out = NULL;
  int *todo = NULL;
  long *absences = NULL;
  double t_start = sd_route_now (), cur_cost, best_cost, scale, t0, tf;
  long it = 0;
  bool absence_mode = true;

  if (!p)
    return NULL;
  if (!opt)
    {
      sd_route_options_init (&defaults);
      opt = &defaults;
    }
  memset (&cur, 0, sizeof cur);
  memset (&work, 0, sizeof work);
  memset (&best, 0, sizeof best);
  if (sd_ctx_init (&c, p, opt) < 0 || sd_sol_init (&c, &cur) < 0 || sd_sol_init (&c, &work) < 0
      || sd_sol_init (&c, &best) < 0)
    goto out;
  todo = malloc (sizeof (int) * ((size_t) c.n + 1));
  absences = calloc ((size_t) c.n + 1, sizeof (long));
  if (!todo || !absences)
    goto out;

  /* construction: greedy insertion by decreasing demand, then local search */
  {
    int n = cur.nu;
    memcpy (todo, cur.unassigned, sizeof (int) * (size_t) n);
    cur.nu = 0;
    sd_recreate (&c, &cur, todo, n, 0.0, 1);
    polish (&c, &cur);
  }
  sd_sol_copy (&c, &best, &cur);
  sd_sol_copy (&c, &work, &cur);
  sd_sol_clean (&work);
  cur_cost = best_cost = sd_sol_cost (&c, &cur);
  {
    int used = sd_sol_used (&cur), routed = c.n_free - cur.nu;
    scale = routed > 0 ? sd_sol_distance (&cur) / (routed + used) : 1.0;
    if (!(scale > 0.0))
      scale = 1.0;
  }
  t0 = tune_t0 * scale;
  tf = tune_tf * scale;

  if (c.n_free > 0 && (opt->max_iterations > 0 || opt->time_limit > 0.0))
    for (;;)
      {
        double progress = 0.0, temp, new_cost;
        bool accept;
        int n;

        if (opt->max_iterations > 0)
          {
            if (it >= opt->max_iterations)
              break;
            progress = (double) it / (double) opt->max_iterations;
          }
        if (opt->time_limit > 0.0)
          {
            double el = (sd_route_now () - t_start) / opt->time_limit;
            if (el >= 1.0)
              break;
            if (el > progress)
              progress = el;
          }
        it++;
        temp = t0 * pow (tf / t0, progress);

        n = ruin (&c, &work, todo);
        if (work.nu > 0)
          {
            /* the ones left out last time go first (hardest to place) */
            int nu = work.nu;
            memcpy (todo + n, work.unassigned, sizeof (int) * (size_t) nu);
            work.nu = 0;
            sd_recreate (&c, &work, todo + n, nu, tune_blink, 1);
          }
        sd_recreate (&c, &work, todo, n, tune_blink, sd_pick_order (&c));
        new_cost = sd_sol_cost (&c, &work);

        if (absence_mode && progress >= 0.5)
          {
            /* not everything fits: from here on, plain annealing from the
             * best, so that the distance gets optimised too */
            absence_mode = false;
            if (best.nu > 0)
              {
                sd_sol_copy (&c, &cur, &best);
                cur_cost = best_cost;
                sd_sol_copy (&c, &work, &best);
                sd_sol_clean (&work);
                continue;
              }
          }
        if (absence_mode && (cur.nu > 0 || work.nu > 0))
          {
            /* some stops left out: as in SISR's fleet minimisation, prefer
             * leaving out the stops that were absent less often */
            long abs_new = 0, abs_cur = 0;
            for (int i = 0; i < work.nu; i++)
              abs_new += absences[work.unassigned[i]];
            for (int i = 0; i < cur.nu; i++)
              abs_cur += absences[cur.unassigned[i]];
            for (int i = 0; i < cur.nu; i++)
              absences[cur.unassigned[i]]++;
            if (work.nu < cur.nu || (work.nu == cur.nu && abs_new < abs_cur))
              accept = true;
            else if (work.nu == cur.nu && abs_new == abs_cur)
              accept = new_cost < cur_cost - temp * log (sd_rng_double (&c.rng) + 1e-300);
            else
              accept = false;
          }
        else
          accept = new_cost < cur_cost - temp * log (sd_rng_double (&c.rng) + 1e-300);

        if (accept)
          {
            if (new_cost < best_cost - 1e-9)
              {
                polish (&c, &work);
                new_cost = sd_sol_cost (&c, &work);
                sd_sol_copy (&c, &best, &work);
                best_cost = new_cost;
                sd_sol_copy (&c, &cur, &work);
              }
            else
              {
                for (int i = 0; i < work.n_dirty; i++)
                  sd_sol_copy_route (&c, &cur, &work, work.dirty_list[i]);
                cur.nu = work.nu;
                memcpy (cur.unassigned, work.unassigned, sizeof (int) * (size_t) work.nu);
              }
            cur_cost = new_cost;
          }
        else
          {
            for (int i = 0; i < work.n_dirty; i++)
              sd_sol_copy_route (&c, &work, &cur, work.dirty_list[i]);
            work.nu = cur.nu;
            memcpy (work.unassigned, cur.unassigned, sizeof (int) * (size_t) cur.nu);
          }
        sd_sol_clean (&work);
      }

  out = sd_sol_export (&c, &best);
  if (out)
    out->iterations = it;
out:
  free (todo);
  free (absences);
  sd_sol_clear (&cur);
  sd_sol_clear (&work);
  sd_sol_clear (&best);
  sd_ctx_clear (&c);
  return out;
}

/* --- late insertion ---------------------------------------------------- */

static void
solution_swap_in (SdRouteSolution *dst, SdRouteSolution *src)
{
  long it = dst->iterations;
  SdRouteSolution tmp = *dst;
  *dst = *src;
  *src = tmp;
  dst->iterations = it;
  sd_route_solution_free (src);
}

int
sd_route_insert_stop (const SdRouteProblem *p, SdRouteSolution *sol, int stop, SdRouteReason *reason)
{
  SdRouteOptions o;
  SdCtx c;
  SdSol s;
  SdRouteSolution *out;
  SdRouteReason why = SD_ROUTE_REASON_INVALID;
  int ret = -1, best_r = -1, best_i = -1, used;
  double best = INFINITY;

  memset (&s, 0, sizeof s);
  sd_route_options_init (&o);
  if (!p || !sol || stop < 0 || stop >= p->ns)
    {
      if (reason)
        *reason = why;
      return -1;
    }
  if (sd_ctx_init (&c, p, &o) < 0 || sd_sol_init (&c, &s) < 0 || sd_sol_import (&c, &s, sol) < 0
      || s.route_of[stop] >= 0 || c.is_fixed[stop])
    goto out;
  if (c.reason[stop] != SD_ROUTE_REASON_NONE)
    why = c.reason[stop];
  else
    {
      used = sd_sol_used (&s);
      c.stamp++;
      for (int r = 0; r < s.nr; r++)
        {
          const SdRt *rt = &s.r[r];
          if (!rt->feasible || !sd_rt_fits (&c, rt, r, stop))
            continue;
          if (rt->len == 0)
            {
              if (used >= c.fleet_cap || c.class_seen[c.vclass[r]] == c.stamp)
                continue;
              c.class_seen[c.vclass[r]] = c.stamp;
            }
          for (int i = rt->fixed; i <= rt->len; i++)
            {
              double delta;
              if (sd_rt_can_insert (&c, rt, r, stop, i, &delta) && delta < best)
                {
                  best = delta;
                  best_r = r;
                  best_i = i;
                }
            }
        }
      if (best_r >= 0)
        {
          sd_unassigned_remove (&s, stop);
          sd_sol_insert_at (&c, &s, best_r, best_i + 1, stop);
          why = SD_ROUTE_REASON_NONE;
          ret = 0;
        }
      else
        why = SD_ROUTE_REASON_NO_VEHICLE;
    }
  out = sd_sol_export (&c, &s);
  if (out)
    solution_swap_in (sol, out);
  else
    ret = -1;
out:
  sd_sol_clear (&s);
  sd_ctx_clear (&c);
  if (reason)
    *reason = why;
  return ret;
}
