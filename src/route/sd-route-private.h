/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-route-private.h: internal types of the solver (problem storage, the
 * working solution representation, search context and shared helpers). */
#pragma once

#include "sd-route.h"

#include <stdbool.h>
#include <stdint.h>

/* Tolerance on time comparisons inside the search (the checker allows 1e-6). */
#define SD_TEPS 1e-9

struct SdRouteProblem {
  int nl, nd;
  double *dist, *time;          /* nl × nl */
  int depot;
  /* stops */
  int ns, ns_alloc;
  int *stop_loc;
  int *demand;                  /* ns × SD_ROUTE_MAX_DIMS */
  double *service, *tw_early, *tw_late;
  /* vehicles */
  int nv, nv_alloc;
  int *v_start, *v_end;
  int *v_cap;                   /* nv × SD_ROUTE_MAX_DIMS */
  double *v_shift_start, *v_shift_end;
  int **v_prefix;
  int *v_prefix_len;
  int fleet_cap;
};

/* --- random numbers (xoshiro256**, seeded by splitmix64) --------------- */

typedef struct {
  uint64_t s[4];
} SdRng;

void sd_rng_seed (SdRng *r, uint64_t seed);
uint64_t sd_rng_next (SdRng *r);
double sd_rng_double (SdRng *r);     /* [0, 1) */
int sd_rng_int (SdRng *r, int n);    /* [0, n) */

extern int sd_route_cpu_clock;     /* experiments: measure CPU time */
double sd_route_now (void);          /* seconds, for the time limit */

/* --- working routes ---------------------------------------------------- */

/* Positions: 0 = start location, 1..len = stops, len+1 = end location. */
typedef struct {
  int len;
  int fixed;                    /* length of the fixed prefix */
  int *s;                       /* stops at 1..len */
  int *lc;                      /* locations at 0..len+1 */
  double *dep;                  /* departure time at 0..len */
  double *lst;                  /* latest feasible service start at 0..len+1 */
  int load[SD_ROUTE_MAX_DIMS];
  double dist;
  bool feasible;
} SdRt;

typedef struct {
  int nr;
  SdRt *r;
  int *route_of;                /* per stop, -1 when not routed */
  int *pos_of;                  /* per stop, 1-based */
  int nu;
  int *unassigned;              /* free stops not routed */
  bool *dirty;                  /* per route: changed since sd_sol_clean() */
  int *dirty_list;
  int n_dirty;
} SdSol;

typedef struct {
  const SdRouteProblem *p;
  int n, V, D, nl;
  int cap_len;                  /* room for stops per route */
  const double *dist, *time;
  int *vclass;                  /* identical vehicles share a class */
  SdRouteReason *reason;        /* per stop: NONE, or why it is never routable */
  bool *is_fixed;               /* stop in some fixed prefix */
  int *free_stops;              /* stops the search places */
  int n_free;
  int *nb;                      /* per stop: n_nb nearest stops (ruin adjacency, LS) */
  int n_nb;
  double pen_unassigned;        /* objective penalty per unrouted free stop */
  double veh_cost;              /* per used vehicle (minimise vehicles) */
  int fleet_cap;
  bool has_tw;
  bool symmetric;
  double demand_key_scale[SD_ROUTE_MAX_DIMS];
  SdRng rng;
  /* scratch */
  int *tmp_a, *tmp_b, *tmp_c;
  double *tmp_d;
  bool *route_mark;
  int *class_seen;
  int *route_seen;
  int stamp;
} SdCtx;

static inline double
sd_d (const SdCtx *c, int a, int b)
{
  return c->dist[(size_t) a * (size_t) c->nl + (size_t) b];
}

static inline double
sd_t (const SdCtx *c, int a, int b)
{
  return c->time[(size_t) a * (size_t) c->nl + (size_t) b];
}

/* sd-route-sol.c */
int sd_ctx_init (SdCtx *c, const SdRouteProblem *p, const SdRouteOptions *o);
void sd_ctx_clear (SdCtx *c);
int sd_sol_init (const SdCtx *c, SdSol *s);
void sd_sol_clear (SdSol *s);
void sd_sol_copy (const SdCtx *c, SdSol *dst, const SdSol *src);
void sd_sol_copy_route (const SdCtx *c, SdSol *dst, const SdSol *src, int r);
bool sd_rt_ensure (SdRt *rt, int len);
void sd_rt_update (const SdCtx *c, SdSol *s, int r);
double sd_sol_cost (const SdCtx *c, const SdSol *s);
double sd_sol_distance (const SdSol *s);
int sd_sol_used (const SdSol *s);
void sd_sol_remove_at (const SdCtx *c, SdSol *s, int r, int pos);
void sd_sol_insert_at (const SdCtx *c, SdSol *s, int r, int pos, int stop);
bool sd_rt_can_insert (const SdCtx *c, const SdRt *rt, int v, int stop, int i, double *delta);
bool sd_rt_fits (const SdCtx *c, const SdRt *rt, int v, int stop);
bool sd_seq_feasible (const SdCtx *c, int v, const int *stops, int n, double *dist_out);
SdRouteSolution *sd_sol_export (const SdCtx *c, const SdSol *s);
int sd_sol_import (const SdCtx *c, SdSol *s, const SdRouteSolution *in);
void sd_sol_clean (SdSol *s);
void sd_unassigned_add (SdSol *s, int stop);
void sd_unassigned_remove (SdSol *s, int stop);

/* sd-route-construct.c */
extern int sd_recreate_neighbours;
void sd_recreate (SdCtx *c, SdSol *s, int *todo, int n_todo, double blink, int order);
int sd_pick_order (SdCtx *c);

/* sd-route-solve.c: set a tuning knob by name (for experiments only: the
 * knobs are process-wide, not thread-safe to change while solving) */
void sd_route_tune (const char *name, double value);

/* sd-route-ls.c */
bool sd_local_search (SdCtx *c, SdSol *s);
