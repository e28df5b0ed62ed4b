/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-route-check.c: independent feasibility checker of a solution against its
 * problem (simulates every route from scratch), and copying / freeing of
 * public solutions. */
#include "sd-route-private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_TOL 1e-6

static int
fail (char *err, size_t len, const char *fmt, ...)
{
  va_list ap;
  if (err && len > 0)
    {
      va_start (ap, fmt);
      vsnprintf (err, len, fmt, ap);
      va_end (ap);
    }
  return -1;
}

int
sd_route_check_solution (const SdRouteProblem *p, const SdRouteSolution *s,
                         double *distance, char *err, size_t err_len)
{
  unsigned char *seen;
  double total = 0.0;
  int used = 0, ret = 0, cap;

  if (err && err_len)
    err[0] = '\0';
  if (!p || !s)
    return fail (err, err_len, "no problem or no solution");
  if (s->n_routes != p->nv)
    return fail (err, err_len, "%d routes for %d vehicles", s->n_routes, p->nv);
  if (s->n_unassigned < 0 || s->n_unassigned > p->ns)
    return fail (err, err_len, "bad unassigned count %d", s->n_unassigned);
  seen = calloc ((size_t) p->ns + 1, 1);
  if (!seen)
    return fail (err, err_len, "out of memory");

  for (int r = 0; r < s->n_routes && ret == 0; r++)
    {
      const SdRouteRoute *rt = &s->routes[r];
      long load[SD_ROUTE_MAX_DIMS] = { 0 };
      double t, dist = 0.0;
      int prev;

      if (rt->vehicle != r)
        {
          ret = fail (err, err_len, "route %d is labelled vehicle %d", r, rt->vehicle);
          break;
        }
      if (rt->n_stops < 0 || (rt->n_stops > 0 && !rt->stops))
        {
          ret = fail (err, err_len, "route %d: bad stop list", r);
          break;
        }
      if (rt->n_stops < p->v_prefix_len[r])
        {
          ret = fail (err, err_len, "route %d: fixed prefix of %d stops missing", r, p->v_prefix_len[r]);
          break;
        }
      for (int i = 0; i < p->v_prefix_len[r]; i++)
        if (rt->stops[i] != p->v_prefix[r][i])
          {
            ret = fail (err, err_len, "route %d: position %d is stop %d, fixed stop %d expected",
                        r, i, rt->stops[i], p->v_prefix[r][i]);
            break;
          }
      if (ret)
        break;
      if (rt->n_stops == 0)
        continue;
      used++;
      prev = p->v_start[r];
      t = p->v_shift_start[r];
      for (int i = 0; i < rt->n_stops; i++)
        {
          int st = rt->stops[i], x;
          double arr, start;
          if (st < 0 || st >= p->ns)
            {
              ret = fail (err, err_len, "route %d: unknown stop %d", r, st);
              break;
            }
          if (seen[st]++)
            {
              ret = fail (err, err_len, "stop %d served more than once", st);
              break;
            }
          for (int d = 0; d < p->nd; d++)
            load[d] += p->demand[st * SD_ROUTE_MAX_DIMS + d];
          x = p->stop_loc[st];
          arr = t + p->time[(size_t) prev * (size_t) p->nl + (size_t) x];
          dist += p->dist[(size_t) prev * (size_t) p->nl + (size_t) x];
          start = arr > p->tw_early[st] ? arr : p->tw_early[st];
          if (start > p->tw_late[st] + CHECK_TOL)
            {
              ret = fail (err, err_len, "route %d: stop %d served at %.6g after its window ends at %.6g",
                          r, st, start, p->tw_late[st]);
              break;
            }
          t = start + p->service[st];
          prev = x;
        }
      if (ret)
        break;
      t += p->time[(size_t) prev * (size_t) p->nl + (size_t) p->v_end[r]];
      dist += p->dist[(size_t) prev * (size_t) p->nl + (size_t) p->v_end[r]];
      if (t > p->v_shift_end[r] + CHECK_TOL)
        {
          ret = fail (err, err_len, "route %d: back at %.6g after shift end %.6g", r, t, p->v_shift_end[r]);
          break;
        }
      for (int d = 0; d < p->nd; d++)
        if (load[d] > p->v_cap[r * SD_ROUTE_MAX_DIMS + d])
          {
            ret = fail (err, err_len, "route %d: load %ld > capacity %d in dimension %d",
                        r, load[d], p->v_cap[r * SD_ROUTE_MAX_DIMS + d], d);
            break;
          }
      if (ret)
        break;
      total += dist;
    }
  for (int i = 0; i < s->n_unassigned && ret == 0; i++)
    {
      int st = s->unassigned[i];
      if (st < 0 || st >= p->ns)
        ret = fail (err, err_len, "unknown unassigned stop %d", st);
      else if (seen[st]++)
        ret = fail (err, err_len, "stop %d both served and unassigned, or listed twice", st);
      else if (s->reasons && (s->reasons[i] <= SD_ROUTE_REASON_NONE || s->reasons[i] > SD_ROUTE_REASON_INVALID))
        ret = fail (err, err_len, "unassigned stop %d has no reason", st);
    }
  for (int st = 0; st < p->ns && ret == 0; st++)
    if (!seen[st])
      ret = fail (err, err_len, "stop %d neither served nor unassigned", st);
  cap = p->fleet_cap > 0 ? p->fleet_cap : p->nv;
  if (ret == 0 && used > cap)
    ret = fail (err, err_len, "%d vehicles used, fleet cap %d", used, cap);
  if (ret == 0 && used != s->n_vehicles_used)
    ret = fail (err, err_len, "%d vehicles used, solution says %d", used, s->n_vehicles_used);
  if (ret == 0 && fabs (total - s->distance) > CHECK_TOL * (1.0 + fabs (total)))
    ret = fail (err, err_len, "distance %.6f, solution says %.6f", total, s->distance);
  free (seen);
  if (distance)
    *distance = total;
  return ret;
}

SdRouteSolution *
sd_route_solution_copy (const SdRouteSolution *s)
{
  SdRouteSolution *o;

  if (!s)
    return NULL;
  o = calloc (1, sizeof *o);
  if (!o)
    return NULL;
  *o = *s;
  o->routes = calloc ((size_t) s->n_routes + 1, sizeof (SdRouteRoute));
  o->unassigned = calloc ((size_t) s->n_unassigned + 1, sizeof (int));
  o->reasons = calloc ((size_t) s->n_unassigned + 1, sizeof (SdRouteReason));
  if (!o->routes || !o->unassigned || !o->reasons)
    goto oom;
  if (s->n_unassigned > 0 && s->unassigned)
    memcpy (o->unassigned, s->unassigned, sizeof (int) * (size_t) s->n_unassigned);
  if (s->n_unassigned > 0 && s->reasons)
    memcpy (o->reasons, s->reasons, sizeof (SdRouteReason) * (size_t) s->n_unassigned);
  for (int r = 0; r < s->n_routes; r++)
    {
      const SdRouteRoute *a = &s->routes[r];
      SdRouteRoute *b = &o->routes[r];
      size_t n = (size_t) a->n_stops;
      *b = *a;
      b->stops = NULL;
      b->arrival = NULL;
      b->service_start = NULL;
      if (n == 0 || !a->stops)
        continue;
      b->stops = malloc (n * sizeof (int));
      b->arrival = malloc (n * sizeof (double));
      b->service_start = malloc (n * sizeof (double));
      if (!b->stops || !b->arrival || !b->service_start)
        goto oom;
      memcpy (b->stops, a->stops, n * sizeof (int));
      if (a->arrival)
        memcpy (b->arrival, a->arrival, n * sizeof (double));
      if (a->service_start)
        memcpy (b->service_start, a->service_start, n * sizeof (double));
    }
  return o;
oom:
  sd_route_solution_free (o);
  return NULL;
}

void
sd_route_solution_free (SdRouteSolution *s)
{
  if (!s)
    return;
  if (s->routes)
    for (int r = 0; r < s->n_routes; r++)
      {
        free (s->routes[r].stops);
        free (s->routes[r].arrival);
        free (s->routes[r].service_start);
      }
  free (s->routes);
  free (s->unassigned);
  free (s->reasons);
  free (s);
}
