/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-route-instance.c: parsers for benchmark instances held in memory —
 * CVRPLIB (TSPLIB format, EUC_2D) and Solomon VRPTW text — and conversion of
 * an instance into a routing problem. */
#include "sd-route-private.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_LEN 1024

typedef struct {
  const char *p, *end;
  char line[LINE_MAX_LEN];
} Lines;

/* Next line, trimmed, into l->line; false at the end. */
static bool
next_line (Lines *l)
{
  const char *s, *e;
  size_t n;

  if (l->p >= l->end)
    return false;
  s = l->p;
  e = s;
  while (e < l->end && *e != '\n')
    e++;
  l->p = e < l->end ? e + 1 : e;
  while (s < e && isspace ((unsigned char) *s))
    s++;
  while (e > s && isspace ((unsigned char) e[-1]))
    e--;
  n = (size_t) (e - s);
  if (n >= LINE_MAX_LEN)
    n = LINE_MAX_LEN - 1;
  memcpy (l->line, s, n);
  l->line[n] = '\0';
  return true;
}

static bool
starts_with_ci (const char *s, const char *prefix)
{
  for (; *prefix; s++, prefix++)
    if (toupper ((unsigned char) *s) != toupper ((unsigned char) *prefix))
      return false;
  return true;
}

static bool
contains_ci (const char *text, size_t len, const char *word)
{
  size_t wl = strlen (word);
  for (size_t i = 0; i + wl <= len; i++)
    {
      size_t k = 0;
      while (k < wl && toupper ((unsigned char) text[i + k]) == word[k])
        k++;
      if (k == wl)
        return true;
    }
  return false;
}

static void
set_err (char *err, size_t len, const char *fmt, ...)
{
  va_list ap;
  if (!err || !len)
    return;
  va_start (ap, fmt);
  vsnprintf (err, len, fmt, ap);
  va_end (ap);
}

/* Parse up to @max numbers from @s; returns how many. */
static int
numbers (const char *s, double *out, int max)
{
  int n = 0;
  char *end;
  while (n < max)
    {
      double v = strtod (s, &end);
      if (end == s)
        break;
      out[n++] = v;
      s = end;
    }
  while (isspace ((unsigned char) *s))
    s++;
  return *s ? -1 : n;
}

static SdRouteInstance *
instance_alloc (int n)
{
  SdRouteInstance *in = calloc (1, sizeof *in);
  size_t m = (size_t) n + 1;
  if (!in)
    return NULL;
  in->n_customers = n;
  in->x = calloc (m, sizeof (double));
  in->y = calloc (m, sizeof (double));
  in->demand = calloc (m, sizeof (int));
  in->ready = calloc (m, sizeof (double));
  in->due = calloc (m, sizeof (double));
  in->service = calloc (m, sizeof (double));
  if (!in->x || !in->y || !in->demand || !in->ready || !in->due || !in->service)
    {
      sd_route_instance_free (in);
      return NULL;
    }
  for (size_t i = 0; i < m; i++)
    in->due[i] = SD_ROUTE_TIME_MAX;
  return in;
}

void
sd_route_instance_free (SdRouteInstance *in)
{
  if (!in)
    return;
  free (in->x);
  free (in->y);
  free (in->demand);
  free (in->ready);
  free (in->due);
  free (in->service);
  free (in);
}

typedef struct {
  int id;
  double x, y;
  int demand;
  bool has_xy, has_demand;
} Node;

static int
cmp_node (const void *a, const void *b)
{
  const Node *x = a, *y = b;
  return (x->id > y->id) - (x->id < y->id);
}

static SdRouteInstance *
parse_cvrplib (const char *text, size_t len, char *err, size_t err_len)
{
  Lines l = { text, text + len, { 0 } };
  char name[64] = "", ewt[64] = "";
  int dim = -1, capacity = -1, depot = -1, n_nodes = 0;
  enum { NONE, COORD, DEMAND, DEPOT } section = NONE;
  Node *nodes = NULL;
  SdRouteInstance *in = NULL;

  while (next_line (&l))
    {
      char *line = l.line, *colon;
      double v[4];
      int k;

      if (!*line)
        continue;
      if (starts_with_ci (line, "EOF"))
        break;
      if (starts_with_ci (line, "NODE_COORD_SECTION")) { section = COORD; continue; }
      if (starts_with_ci (line, "DEMAND_SECTION")) { section = DEMAND; continue; }
      if (starts_with_ci (line, "DEPOT_SECTION")) { section = DEPOT; continue; }
      colon = strchr (line, ':');
      if (colon && !(isdigit ((unsigned char) line[0]) || line[0] == '-'))
        {
          char *val = colon + 1;
          section = NONE;
          *colon = '\0';
          while (isspace ((unsigned char) *val) || *val == '"')
            val++;
          for (char *e = val + strlen (val); e > val && (isspace ((unsigned char) e[-1]) || e[-1] == '"'); e--)
            e[-1] = '\0';
          if (starts_with_ci (line, "NAME"))
            snprintf (name, sizeof name, "%s", val);
          else if (starts_with_ci (line, "DIMENSION"))
            dim = atoi (val);
          else if (starts_with_ci (line, "CAPACITY"))
            capacity = atoi (val);
          else if (starts_with_ci (line, "EDGE_WEIGHT_TYPE"))
            snprintf (ewt, sizeof ewt, "%s", val);
          else if (starts_with_ci (line, "DISTANCE") || starts_with_ci (line, "SERVICE_TIME"))
            {
              set_err (err, err_len, "%s (route length limit) is not supported", line);
              goto fail;
            }
          continue;
        }
      if (section == NONE)
        continue;
      if (dim <= 0 || dim > 100000)
        {
          set_err (err, err_len, "DIMENSION missing or invalid");
          goto fail;
        }
      if (!nodes)
        {
          nodes = calloc ((size_t) dim, sizeof (Node));
          if (!nodes)
            goto fail;
        }
      k = numbers (line, v, 4);
      if (section == DEPOT)
        {
          if (k < 1)
            {
              set_err (err, err_len, "bad depot line: %s", line);
              goto fail;
            }
          for (int i = 0; i < k; i++)
            if (v[i] >= 0)
              {
                if (depot >= 0)
                  {
                    set_err (err, err_len, "exactly one depot expected");
                    goto fail;
                  }
                depot = (int) v[i];
              }
          continue;
        }
      if (k != (section == COORD ? 3 : 2))
        {
          set_err (err, err_len, "bad line: %s", line);
          goto fail;
        }
      {
        int id = (int) v[0], i;
        for (i = 0; i < n_nodes; i++)
          if (nodes[i].id == id)
            break;
        if (i == n_nodes)
          {
            if (n_nodes == dim)
              {
                set_err (err, err_len, "more nodes than DIMENSION %d", dim);
                goto fail;
              }
            nodes[n_nodes++].id = id;
          }
        if (section == COORD)
          {
            nodes[i].x = v[1];
            nodes[i].y = v[2];
            nodes[i].has_xy = true;
          }
        else
          {
            if (v[1] < 0)
              {
                set_err (err, err_len, "negative demand: %s", line);
                goto fail;
              }
            nodes[i].demand = (int) v[1];
            nodes[i].has_demand = true;
          }
      }
    }
  if (!starts_with_ci (ewt, "EUC_2D"))
    {
      set_err (err, err_len, "only EDGE_WEIGHT_TYPE EUC_2D is supported (got \"%s\")", ewt);
      goto fail;
    }
  if (capacity <= 0)
    {
      set_err (err, err_len, "no CAPACITY");
      goto fail;
    }
  if (!nodes || n_nodes != dim || dim < 2)
    {
      set_err (err, err_len, "DIMENSION %d but %d nodes", dim, n_nodes);
      goto fail;
    }
  for (int i = 0; i < n_nodes; i++)
    if (!nodes[i].has_xy || !nodes[i].has_demand)
      {
        set_err (err, err_len, "node %d lacks coordinates or demand", nodes[i].id);
        goto fail;
      }
  if (depot < 0)
    depot = nodes[0].id;
  qsort (nodes, (size_t) n_nodes, sizeof (Node), cmp_node);
  in = instance_alloc (dim - 1);
  if (!in)
    goto fail;
  in->kind = SD_ROUTE_INSTANCE_CVRP;
  snprintf (in->name, sizeof in->name, "%s", name);
  in->capacity = capacity;
  {
    int k = 1;
    bool found = false;
    for (int i = 0; i < n_nodes; i++)
      {
        int at;
        if (nodes[i].id == depot && !found)
          {
            at = 0;
            found = true;
          }
        else if (k <= dim - 1)
          at = k++;
        else
          break;
        in->x[at] = nodes[i].x;
        in->y[at] = nodes[i].y;
        in->demand[at] = nodes[i].demand;
      }
    if (!found)
      {
        set_err (err, err_len, "depot %d is not a node", depot);
        goto fail;
      }
    if (in->demand[0] != 0)
      {
        set_err (err, err_len, "depot has non-zero demand");
        goto fail;
      }
  }
  free (nodes);
  return in;
fail:
  free (nodes);
  sd_route_instance_free (in);
  if (err && err_len && !err[0])
    set_err (err, err_len, "out of memory");
  return NULL;
}

static SdRouteInstance *
parse_solomon (const char *text, size_t len, char *err, size_t err_len)
{
  Lines l = { text, text + len, { 0 } };
  char name[64] = "";
  enum { NONE, VEH, CUST } mode = NONE;
  double (*rows)[7] = NULL;
  int n_rows = 0, alloc = 0, fleet = -1, capacity = -1;
  SdRouteInstance *in = NULL;

  while (next_line (&l))
    {
      double v[8];
      int k;

      if (!l.line[0])
        continue;
      if (!name[0])
        {
          size_t i = 0;
          while (l.line[i] && !isspace ((unsigned char) l.line[i]) && i < sizeof name - 1)
            {
              name[i] = l.line[i];
              i++;
            }
          name[i] = '\0';
          continue;
        }
      if (starts_with_ci (l.line, "VEHICLE")) { mode = VEH; continue; }
      if (starts_with_ci (l.line, "CUSTOMER")) { mode = CUST; continue; }
      if (!(isdigit ((unsigned char) l.line[0]) || l.line[0] == '-'))
        continue;
      k = numbers (l.line, v, 8);
      if (mode == VEH)
        {
          if (k != 2)
            {
              set_err (err, err_len, "bad vehicle line: %s", l.line);
              goto fail;
            }
          fleet = (int) v[0];
          capacity = (int) v[1];
        }
      else if (mode == CUST)
        {
          if (k != 7)
            {
              set_err (err, err_len, "bad customer line: %s", l.line);
              goto fail;
            }
          if (n_rows == alloc)
            {
              int na = alloc ? alloc * 2 : 128;
              void *q = realloc (rows, sizeof (double[7]) * (size_t) na);
              if (!q)
                goto fail;
              rows = q;
              alloc = na;
            }
          memcpy (rows[n_rows++], v, sizeof (double[7]));
        }
    }
  if (capacity <= 0 || fleet <= 0 || n_rows < 2)
    {
      set_err (err, err_len, "not a Solomon VRPTW file");
      goto fail;
    }
  in = instance_alloc (n_rows - 1);
  if (!in)
    goto fail;
  in->kind = SD_ROUTE_INSTANCE_VRPTW;
  snprintf (in->name, sizeof in->name, "%s", name);
  in->capacity = capacity;
  in->fleet = fleet;
  {
    bool *have = calloc ((size_t) n_rows, sizeof (bool));
    if (!have)
      goto fail;
    for (int i = 0; i < n_rows; i++)
      {
        int id = (int) rows[i][0];
        if (id < 0 || id >= n_rows || have[id] || rows[i][3] < 0 || rows[i][5] < rows[i][4])
          {
            free (have);
            set_err (err, err_len, "customer numbers must be 0..%d, each once (0 = depot), "
                     "with due >= ready", n_rows - 1);
            goto fail;
          }
        have[id] = true;
        in->x[id] = rows[i][1];
        in->y[id] = rows[i][2];
        in->demand[id] = (int) rows[i][3];
        in->ready[id] = rows[i][4];
        in->due[id] = rows[i][5];
        in->service[id] = rows[i][6];
      }
    free (have);
  }
  free (rows);
  return in;
fail:
  free (rows);
  sd_route_instance_free (in);
  if (err && err_len && !err[0])
    set_err (err, err_len, "out of memory");
  return NULL;
}

SdRouteInstance *
sd_route_instance_parse (const char *text, size_t len, char *err, size_t err_len)
{
  if (err && err_len)
    err[0] = '\0';
  if (!text)
    {
      set_err (err, err_len, "no text");
      return NULL;
    }
  if (contains_ci (text, len, "NODE_COORD_SECTION"))
    return parse_cvrplib (text, len, err, err_len);
  if (contains_ci (text, len, "CUSTOMER") && contains_ci (text, len, "VEHICLE"))
    return parse_solomon (text, len, err, err_len);
  set_err (err, err_len, "unrecognised instance format (neither CVRPLIB nor Solomon)");
  return NULL;
}

SdRouteProblem *
sd_route_instance_to_problem (const SdRouteInstance *in, SdRouteDistanceKind kind, int n_vehicles)
{
  SdRouteProblem *p;
  int n;

  if (!in)
    return NULL;
  n = in->n_customers;
  p = sd_route_problem_new (n + 1, 1);
  if (!p)
    return NULL;
  for (int i = 0; i <= n; i++)
    for (int j = 0; j <= n; j++)
      {
        double dx = in->x[i] - in->x[j], dy = in->y[i] - in->y[j];
        double d = sqrt (dx * dx + dy * dy);
        if (kind == SD_ROUTE_DISTANCE_NINT)
          d = floor (d + 0.5);
        p->dist[(size_t) i * (size_t) (n + 1) + (size_t) j] = d;
        p->time[(size_t) i * (size_t) (n + 1) + (size_t) j] = d;
      }
  for (int i = 1; i <= n; i++)
    {
      int s = sd_route_problem_add_stop (p, i, &in->demand[i]);
      if (s < 0)
        goto fail;
      if (in->kind == SD_ROUTE_INSTANCE_VRPTW)
        {
          sd_route_problem_set_stop_window (p, s, in->ready[i], in->due[i]);
          sd_route_problem_set_stop_service (p, s, in->service[i]);
        }
    }
  if (n_vehicles <= 0)
    n_vehicles = in->kind == SD_ROUTE_INSTANCE_VRPTW && in->fleet > 0 ? in->fleet : (n > 0 ? n : 1);
  for (int v = 0; v < n_vehicles; v++)
    {
      int cap = in->capacity;
      double start = in->kind == SD_ROUTE_INSTANCE_VRPTW ? in->ready[0] : 0.0;
      double end = in->kind == SD_ROUTE_INSTANCE_VRPTW ? in->due[0] : SD_ROUTE_TIME_MAX;
      if (sd_route_problem_add_vehicle (p, &cap, start, end) < 0)
        goto fail;
    }
  return p;
fail:
  sd_route_problem_free (p);
  return NULL;
}
