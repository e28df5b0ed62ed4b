/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-map.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_DISPATCH_VIEW (sd_dispatch_view_get_type ())
G_DECLARE_FINAL_TYPE (SdDispatchView, sd_dispatch_view, SD, DISPATCH_VIEW, AdwBin)

/* The "Dispatch" area: one day's deliveries on a map beside one column per courier's route
 * (stops in order, load against capacity, distance, estimated return) and the stops without
 * a courier apart; "Performance" shows each courier's figures for the 30 days up to it.
 * Actions: dispatch.optimise (solves on a worker thread), dispatch.assign (x: courier id,
 * 0 = unassign; the selected stops), dispatch.insert (the selected stops where they add the
 * least distance to the routes as they are), dispatch.move-up / dispatch.move-down (Alt+Up /
 * Alt+Down: the selected stop on its route), dispatch.out (x: courier id), dispatch.reload
 * (F5), dispatch.previous-day (Alt+Left), dispatch.next-day (Alt+Right), dispatch.today,
 * dispatch.tomorrow, dispatch.sheet (x: courier id: that route's sheet as a PDF, opened),
 * dispatch.sheets (every route's sheet into Documents/Songda/Route Sheets). Stops are dragged between columns too; on the map a click
 * selects a stop, Ctrl+click or a Shift-drag several. */
GtkWidget  *sd_dispatch_view_new            (void);
void        sd_dispatch_view_set_store      (SdDispatchView *self,
                                             SdStore        *store);
gboolean    sd_dispatch_view_set_day        (SdDispatchView *self,
                                             const char     *date);
const char *sd_dispatch_view_get_day        (SdDispatchView *self);
/* Who delivers: the couriers ticked under "Couriers" (all active ones at first). */
void        sd_dispatch_view_set_couriers   (SdDispatchView *self,
                                             const gint64   *courier_ids,
                                             guint           n);
void        sd_dispatch_view_reload         (SdDispatchView *self);

/* "board" or "performance". */
const char *sd_dispatch_view_get_page_name  (SdDispatchView *self);
void        sd_dispatch_view_set_page_name  (SdDispatchView *self,
                                             const char     *name);

/* For tests. */
/* The map beside the routes (made when the board is first shown), or NULL. */
SdMap      *sd_dispatch_view_get_map        (SdDispatchView *self);
/* Route sheets are written into `directory` and not opened. */
void        sd_dispatch_view_set_output_dir (SdDispatchView *self,
                                             const char     *directory);
/* TRUE while the solver runs. */
gboolean    sd_dispatch_view_is_busy        (SdDispatchView *self);
/* Selects the stop's row as a click would (others stay selected); FALSE when not shown. */
gboolean    sd_dispatch_view_select_stop    (SdDispatchView *self,
                                             gint64          key);
/* The stop keys shown in the column of `courier_id` (0 = unassigned), top to bottom. */
GArray     *sd_dispatch_view_get_column_keys (SdDispatchView *self,
                                              gint64          courier_id);
/* The figures line of a courier's column ("12/40 · 8.2 km · back 11:05"), or NULL. */
const char *sd_dispatch_view_get_column_figures (SdDispatchView *self,
                                                 gint64          courier_id);
const char *sd_dispatch_view_get_summary    (SdDispatchView *self);
guint       sd_dispatch_view_get_n_performance_rows (SdDispatchView *self);

G_END_DECLS
