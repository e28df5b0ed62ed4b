/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-route-sol.c: the search context (derived data: vehicle classes,
 * unroutable stops and their reasons, neighbour lists, penalties) and the
 * working solution (routes with forward departure / backward latest-start
 * times for O(1) insertion checks), plus conversion to the public solution. */
#include "sd-route-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- context ----------------------------------------------------------- */

static bool
same_vehicle (const SdRouteProblem *p, int a, int b)
{
  if (p->v_prefix_len[a] || p->v_prefix_len[b])
    return false;
  if (p->v_start[a] != p->v_start[b] || p->v_end[a] != p->v_end[b]
      || p->v_shift_start[a] != p->v_shift_start[b] || p->v_shift_end[a] != p->v_shift_end[b])
    return false;
  for (int d = 0; d < p->nd; d++)
    if (p->v_cap[a * SD_ROUTE_MAX_DIMS + d] != p->v_cap[b * SD_ROUTE_MAX_DIMS + d])
      return false;
  return true;
}

/* Can @stop be served by @v alone (after v's fixed prefix)? */
static void
stop_alone (const SdCtx *c, int v, int stop, bool *cap_ok, bool *time_ok)
{
  const SdRouteProblem *p = c->p;
  const int *dem = &p->demand[stop * SD_ROUTE_MAX_DIMS];
  int seq[1];
  int *buf;
  int n = p->v_prefix_len[v];

  *cap_ok = true;
  for (int d = 0; d < c->D; d++)
    if (dem[d] > p->v_cap[v * SD_ROUTE_MAX_DIMS + d])
      *cap_ok = false;
  if (n == 0)
    {
      seq[0] = stop;
      *time_ok = sd_seq_feasible (c, v, seq, 1, NULL);
      return;
    }
  buf = c->tmp_a;
  memcpy (buf, p->v_prefix[v], sizeof (int) * (size_t) n);
  buf[n] = stop;
  *time_ok = sd_seq_feasible (c, v, buf, n + 1, NULL);
}

typedef struct {
  double d;
  int s;
} DistIdx;

static int
cmp_dist_idx (const void *a, const void *b)
{
  const DistIdx *x = a, *y = b;
  if (x->d < y->d)
    return -1;
  if (x->d > y->d)
    return 1;
  return x->s - y->s;
}

int
sd_ctx_init (SdCtx *c, const SdRouteProblem *p, const SdRouteOptions *o)
{
  int n = p->ns, V = p->nv;
  double maxe = 0.0;
  DistIdx *tmp;

  memset (c, 0, sizeof *c);
  c->p = p;
  c->n = n;
  c->V = V;
  c->D = p->nd;
  c->nl = p->nl;
  c->dist = p->dist;
  c->time = p->time;
  sd_rng_seed (&c->rng, o->seed);

  c->vclass = calloc ((size_t) V + 1, sizeof (int));
  c->reason = calloc ((size_t) n + 1, sizeof (SdRouteReason));
  c->is_fixed = calloc ((size_t) n + 1, sizeof (bool));
  c->free_stops = calloc ((size_t) n + 1, sizeof (int));
  c->tmp_a = calloc ((size_t) n + 8, sizeof (int));
  c->tmp_b = calloc ((size_t) n + 8, sizeof (int));
  c->tmp_c = calloc ((size_t) n + 8, sizeof (int));
  c->tmp_d = calloc ((size_t) n + 8, sizeof (double));
  c->route_mark = calloc ((size_t) V + 1, sizeof (bool));
  c->class_seen = calloc ((size_t) V + 1, sizeof (int));
  c->route_seen = calloc ((size_t) V + 1, sizeof (int));
  if (!c->vclass || !c->reason || !c->is_fixed || !c->free_stops || !c->tmp_a || !c->tmp_b
      || !c->tmp_c || !c->tmp_d || !c->route_mark || !c->class_seen || !c->route_seen)
    return -1;

  /* fixed prefixes: each stop at most once */
  for (int v = 0; v < V; v++)
    for (int i = 0; i < p->v_prefix_len[v]; i++)
      {
        int s = p->v_prefix[v][i];
        if (s < 0 || s >= n || c->is_fixed[s])
          return -1;
        c->is_fixed[s] = true;
      }

  /* vehicle classes */
  for (int v = 0; v < V; v++)
    {
      c->vclass[v] = v;
      for (int w = 0; w < v; w++)
        if (c->vclass[w] == w && same_vehicle (p, v, w))
          {
            c->vclass[v] = w;
            break;
          }
    }

  c->fleet_cap = (p->fleet_cap > 0 && p->fleet_cap < V) ? p->fleet_cap : V;
  c->has_tw = false;
  for (int s = 0; s < n; s++)
    if (p->tw_early[s] > 0.0 || p->tw_late[s] < SD_ROUTE_TIME_MAX / 2)
      c->has_tw = true;
  for (int v = 0; v < V; v++)
    if (p->v_shift_end[v] < SD_ROUTE_TIME_MAX / 2)
      c->has_tw = true;

  c->symmetric = true;
  for (int i = 0; i < c->nl && c->symmetric; i++)
    for (int j = 0; j < i; j++)
      if (sd_d (c, i, j) != sd_d (c, j, i))
        {
          c->symmetric = false;
          break;
        }

  /* unroutable stops */
  for (int s = 0; s < n; s++)
    {
      bool any_cap = false, any_time = false;
      if (c->is_fixed[s])
        continue;
      for (int v = 0; v < V && !any_time; v++)
        {
          bool cap_ok, time_ok;
          if (v > 0 && c->vclass[v] != v)
            continue;
          stop_alone (c, v, s, &cap_ok, &time_ok);
          if (cap_ok)
            {
              any_cap = true;
              if (time_ok)
                any_time = true;
            }
        }
      if (V == 0)
        c->reason[s] = SD_ROUTE_REASON_NO_VEHICLE;
      else if (!any_cap)
        c->reason[s] = SD_ROUTE_REASON_CAPACITY;
      else if (!any_time)
        c->reason[s] = SD_ROUTE_REASON_TIME_WINDOW;
      else
        c->free_stops[c->n_free++] = s;
    }

  /* penalties: one unserved stop costs more than any detour */
  for (int a = 0; a < n; a++)
    for (int b = 0; b < n; b++)
      {
        double d = sd_d (c, p->stop_loc[a], p->stop_loc[b]);
        if (d > maxe)
          maxe = d;
      }
  for (int v = 0; v < V; v++)
    if (c->vclass[v] == v)
      for (int s = 0; s < n; s++)
        {
          double d1 = sd_d (c, p->v_start[v], p->stop_loc[s]);
          double d2 = sd_d (c, p->stop_loc[s], p->v_end[v]);
          if (d1 > maxe)
            maxe = d1;
          if (d2 > maxe)
            maxe = d2;
        }
  if (maxe <= 0.0)
    maxe = 1.0;
  c->veh_cost = o->minimize_vehicles ? 2.0 * maxe * (double) (n + 2) : 0.0;
  c->pen_unassigned = 2.0 * c->veh_cost + 3.0 * maxe + 1.0;

  for (int d = 0; d < c->D; d++)
    {
      int mc = 1;
      for (int v = 0; v < V; v++)
        if (p->v_cap[v * SD_ROUTE_MAX_DIMS + d] > mc)
          mc = p->v_cap[v * SD_ROUTE_MAX_DIMS + d];
      c->demand_key_scale[d] = 1.0 / mc;
    }

  /* neighbour lists over free stops */
  c->n_nb = c->n_free > 1 ? c->n_free - 1 : 0;
  if (c->n_nb > 60)
    c->n_nb = 60;
  c->nb = calloc ((size_t) n * (size_t) (c->n_nb + 1) + 1, sizeof (int));
  tmp = calloc ((size_t) c->n_free + 1, sizeof (DistIdx));
  if (!c->nb || !tmp)
    {
      free (tmp);
      return -1;
    }
  for (int i = 0; i < c->n_free; i++)
    {
      int s = c->free_stops[i], k = 0;
      for (int j = 0; j < c->n_free; j++)
        {
          int t = c->free_stops[j];
          if (t == s)
            continue;
          tmp[k].d = sd_d (c, p->stop_loc[s], p->stop_loc[t]) + sd_d (c, p->stop_loc[t], p->stop_loc[s]);
          tmp[k].s = t;
          k++;
        }
      qsort (tmp, (size_t) k, sizeof (DistIdx), cmp_dist_idx);
      for (int j = 0; j < c->n_nb; j++)
        c->nb[(size_t) s * (size_t) c->n_nb + (size_t) j] = tmp[j].s;
    }
  free (tmp);
  return 0;
}

void
sd_ctx_clear (SdCtx *c)
{
  free (c->vclass);
  free (c->reason);
  free (c->is_fixed);
  free (c->free_stops);
  free (c->nb);
  free (c->tmp_a);
  free (c->tmp_b);
  free (c->tmp_c);
  free (c->tmp_d);
  free (c->route_mark);
  free (c->class_seen);
  free (c->route_seen);
  memset (c, 0, sizeof *c);
}

/* --- routes ------------------------------------------------------------ */

static bool
rt_reserve (SdRt *rt, int len)
{
  int cap = len + 2;
  int *s, *lc;
  double *dep, *lst;

  s = realloc (rt->s, sizeof (int) * (size_t) cap);
  if (s)
    rt->s = s;
  lc = realloc (rt->lc, sizeof (int) * (size_t) cap);
  if (lc)
    rt->lc = lc;
  dep = realloc (rt->dep, sizeof (double) * (size_t) cap);
  if (dep)
    rt->dep = dep;
  lst = realloc (rt->lst, sizeof (double) * (size_t) cap);
  if (lst)
    rt->lst = lst;
  return s && lc && dep && lst;
}

bool
sd_rt_ensure (SdRt *rt, int len)
{
  /* capacity is tracked implicitly: keep arrays at a power of two >= len + 2 */
  int need = len + 2, have = 16;
  while (have < rt->len + 2)
    have *= 2;
  if (need <= have && rt->s)
    return true;
  while (have < need)
    have *= 2;
  return rt_reserve (rt, have - 2);
}

void
sd_rt_update (const SdCtx *c, SdSol *s, int r)
{
  const SdRouteProblem *p = c->p;
  SdRt *rt = &s->r[r];
  int len = rt->len;
  double t, dist = 0.0;
  bool ok = true;

  if (!s->dirty[r])
    {
      s->dirty[r] = true;
      s->dirty_list[s->n_dirty++] = r;
    }
  rt->lc[0] = p->v_start[r];
  rt->lc[len + 1] = p->v_end[r];
  for (int d = 0; d < SD_ROUTE_MAX_DIMS; d++)
    rt->load[d] = 0;
  for (int i = 1; i <= len; i++)
    {
      int st = rt->s[i];
      rt->lc[i] = p->stop_loc[st];
      for (int d = 0; d < c->D; d++)
        rt->load[d] += p->demand[st * SD_ROUTE_MAX_DIMS + d];
      s->route_of[st] = r;
      s->pos_of[st] = i;
    }
  t = p->v_shift_start[r];
  rt->dep[0] = t;
  for (int i = 1; i <= len; i++)
    {
      int st = rt->s[i];
      double arr = rt->dep[i - 1] + sd_t (c, rt->lc[i - 1], rt->lc[i]);
      double start = arr > p->tw_early[st] ? arr : p->tw_early[st];
      if (start > p->tw_late[st] + SD_TEPS)
        ok = false;
      rt->dep[i] = start + p->service[st];
      dist += sd_d (c, rt->lc[i - 1], rt->lc[i]);
    }
  if (len > 0)
    {
      dist += sd_d (c, rt->lc[len], rt->lc[len + 1]);
      if (rt->dep[len] + sd_t (c, rt->lc[len], rt->lc[len + 1]) > p->v_shift_end[r] + SD_TEPS)
        ok = false;
    }
  rt->lst[len + 1] = p->v_shift_end[r];
  for (int i = len; i >= 1; i--)
    {
      int st = rt->s[i];
      double l = rt->lst[i + 1] - sd_t (c, rt->lc[i], rt->lc[i + 1]) - p->service[st];
      rt->lst[i] = l < p->tw_late[st] ? l : p->tw_late[st];
    }
  rt->lst[0] = rt->lst[1] - sd_t (c, rt->lc[0], rt->lc[1]);
  for (int d = 0; d < c->D; d++)
    if (rt->load[d] > p->v_cap[r * SD_ROUTE_MAX_DIMS + d])
      ok = false;
  rt->dist = len > 0 ? dist : 0.0;
  rt->feasible = ok;
}

bool
sd_rt_fits (const SdCtx *c, const SdRt *rt, int v, int stop)
{
  const int *dem = &c->p->demand[stop * SD_ROUTE_MAX_DIMS];
  const int *cap = &c->p->v_cap[v * SD_ROUTE_MAX_DIMS];
  for (int d = 0; d < c->D; d++)
    if (rt->load[d] + dem[d] > cap[d])
      return false;
  return true;
}

/* Insert @stop between positions i and i+1 (fixed <= i <= len)? Distance
 * delta in *delta (computed even when infeasible). */
bool
sd_rt_can_insert (const SdCtx *c, const SdRt *rt, int v, int stop, int i, double *delta)
{
  const SdRouteProblem *p = c->p;
  int a = rt->lc[i], b = rt->lc[i + 1], x = p->stop_loc[stop];
  double arr, start, arr2;

  *delta = sd_d (c, a, x) + sd_d (c, x, b) - (rt->len > 0 ? sd_d (c, a, b) : 0.0);
  arr = rt->dep[i] + sd_t (c, a, x);
  start = arr > p->tw_early[stop] ? arr : p->tw_early[stop];
  if (start > p->tw_late[stop] + SD_TEPS)
    return false;
  arr2 = start + p->service[stop] + sd_t (c, x, b);
  return arr2 <= rt->lst[i + 1] + SD_TEPS;
}

/* Time-feasibility of serving @stops in order with vehicle @v (no capacity). */
bool
sd_seq_feasible (const SdCtx *c, int v, const int *stops, int n, double *dist_out)
{
  const SdRouteProblem *p = c->p;
  int prev = p->v_start[v];
  double t = p->v_shift_start[v], dist = 0.0;

  for (int i = 0; i < n; i++)
    {
      int st = stops[i], x = p->stop_loc[st];
      double arr = t + sd_t (c, prev, x);
      double start = arr > p->tw_early[st] ? arr : p->tw_early[st];
      if (start > p->tw_late[st] + SD_TEPS)
        return false;
      t = start + p->service[st];
      dist += sd_d (c, prev, x);
      prev = x;
    }
  if (n > 0)
    {
      dist += sd_d (c, prev, p->v_end[v]);
      if (t + sd_t (c, prev, p->v_end[v]) > p->v_shift_end[v] + SD_TEPS)
        return false;
    }
  if (dist_out)
    *dist_out = dist;
  return true;
}

/* --- solutions --------------------------------------------------------- */

int
sd_sol_init (const SdCtx *c, SdSol *s)
{
  const SdRouteProblem *p = c->p;

  memset (s, 0, sizeof *s);
  s->nr = c->V;
  s->r = calloc ((size_t) c->V + 1, sizeof (SdRt));
  s->route_of = malloc (sizeof (int) * ((size_t) c->n + 1));
  s->pos_of = calloc ((size_t) c->n + 1, sizeof (int));
  s->unassigned = malloc (sizeof (int) * ((size_t) c->n + 1));
  s->dirty = calloc ((size_t) c->V + 1, sizeof (bool));
  s->dirty_list = calloc ((size_t) c->V + 1, sizeof (int));
  if (!s->r || !s->route_of || !s->pos_of || !s->unassigned || !s->dirty || !s->dirty_list)
    return -1;
  for (int i = 0; i < c->n; i++)
    s->route_of[i] = -1;
  for (int r = 0; r < c->V; r++)
    {
      SdRt *rt = &s->r[r];
      int k = p->v_prefix_len[r];
      if (!sd_rt_ensure (rt, k))
        return -1;
      rt->len = k;
      rt->fixed = k;
      for (int i = 0; i < k; i++)
        rt->s[i + 1] = p->v_prefix[r][i];
      sd_rt_update (c, s, r);
    }
  for (int i = 0; i < c->n_free; i++)
    s->unassigned[s->nu++] = c->free_stops[i];
  return 0;
}

void
sd_sol_clear (SdSol *s)
{
  if (s->r)
    for (int r = 0; r < s->nr; r++)
      {
        free (s->r[r].s);
        free (s->r[r].lc);
        free (s->r[r].dep);
        free (s->r[r].lst);
      }
  free (s->r);
  free (s->route_of);
  free (s->pos_of);
  free (s->unassigned);
  free (s->dirty);
  free (s->dirty_list);
  memset (s, 0, sizeof *s);
}

void
sd_sol_copy_route (const SdCtx *c, SdSol *dst, const SdSol *src, int r)
{
  SdRt *d = &dst->r[r];
  const SdRt *a = &src->r[r];
  int len = a->len;

  if (!sd_rt_ensure (d, len))
    abort ();  /* out of memory */
  for (int i = 1; i <= d->len; i++)
    if (dst->route_of[d->s[i]] == r)
      dst->route_of[d->s[i]] = -1;
  d->len = len;
  d->fixed = a->fixed;
  memcpy (d->s + 1, a->s + 1, sizeof (int) * (size_t) len);
  memcpy (d->lc, a->lc, sizeof (int) * (size_t) (len + 2));
  memcpy (d->dep, a->dep, sizeof (double) * (size_t) (len + 1));
  memcpy (d->lst, a->lst, sizeof (double) * (size_t) (len + 2));
  memcpy (d->load, a->load, sizeof d->load);
  d->dist = a->dist;
  d->feasible = a->feasible;
  for (int i = 1; i <= len; i++)
    {
      dst->route_of[a->s[i]] = r;
      dst->pos_of[a->s[i]] = i;
    }
}

void
sd_sol_copy (const SdCtx *c, SdSol *dst, const SdSol *src)
{
  for (int r = 0; r < src->nr; r++)
    sd_sol_copy_route (c, dst, src, r);
  memcpy (dst->route_of, src->route_of, sizeof (int) * (size_t) c->n);
  memcpy (dst->pos_of, src->pos_of, sizeof (int) * (size_t) c->n);
  dst->nu = src->nu;
  memcpy (dst->unassigned, src->unassigned, sizeof (int) * (size_t) src->nu);
}

double
sd_sol_distance (const SdSol *s)
{
  double d = 0.0;
  for (int r = 0; r < s->nr; r++)
    d += s->r[r].dist;
  return d;
}

int
sd_sol_used (const SdSol *s)
{
  int u = 0;
  for (int r = 0; r < s->nr; r++)
    if (s->r[r].len > 0)
      u++;
  return u;
}

double
sd_sol_cost (const SdCtx *c, const SdSol *s)
{
  double cost = sd_sol_distance (s) + c->pen_unassigned * s->nu;
  if (c->veh_cost > 0.0)
    cost += c->veh_cost * sd_sol_used (s);
  return cost;
}

void
sd_sol_remove_at (const SdCtx *c, SdSol *s, int r, int pos)
{
  SdRt *rt = &s->r[r];
  int st = rt->s[pos];

  memmove (rt->s + pos, rt->s + pos + 1, sizeof (int) * (size_t) (rt->len - pos));
  rt->len--;
  s->route_of[st] = -1;
  s->pos_of[st] = 0;
  sd_rt_update (c, s, r);
}

void
sd_sol_insert_at (const SdCtx *c, SdSol *s, int r, int pos, int stop)
{
  SdRt *rt = &s->r[r];

  if (!sd_rt_ensure (rt, rt->len + 1))
    abort ();
  memmove (rt->s + pos + 1, rt->s + pos, sizeof (int) * (size_t) (rt->len - pos + 1));
  rt->s[pos] = stop;
  rt->len++;
  sd_rt_update (c, s, r);
}

void
sd_sol_clean (SdSol *s)
{
  for (int i = 0; i < s->n_dirty; i++)
    s->dirty[s->dirty_list[i]] = false;
  s->n_dirty = 0;
}

void
sd_unassigned_add (SdSol *s, int stop)
{
  s->unassigned[s->nu++] = stop;
}

void
sd_unassigned_remove (SdSol *s, int stop)
{
  for (int i = 0; i < s->nu; i++)
    if (s->unassigned[i] == stop)
      {
        s->unassigned[i] = s->unassigned[--s->nu];
        return;
      }
}
