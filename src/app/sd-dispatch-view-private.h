/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the files of SdDispatchView: sd-dispatch-view.c (columns, the day, the type),
 * sd-dispatch-view-map.c (the map beside them), sd-dispatch-view-actions.c (optimising,
 * moving, sending out, route sheets). Not part of the app's API. */
#pragma once

#include "sd-dispatch-view.h"
#include "sd-dispatch.h"
#include "sd-map.h"

G_BEGIN_DECLS

struct _SdDispatchView
{
  AdwBin          parent_instance;

  SdStore        *store;
  char           *day;            /* "YYYY-MM-DD" */
  SdDispatchDay  *data;
  GArray         *chosen;         /* gint64: couriers who deliver */
  gboolean        chosen_set;     /* chosen by hand (else: every active courier) */
  GHashTable     *reasons;        /* stop key → SdDispatchUnplanned, from the last plan */
  GHashTable     *rows;           /* stop key → GtkListBoxRow* */
  GPtrArray      *lists;          /* GtkListBox*, one per column */
  GHashTable     *figures;        /* courier id → GtkLabel* */
  GCancellable   *cancellable;
  char           *output_dir;     /* route sheets go here; NULL = Documents/Songda */
  gboolean        open_sheets;    /* open what was written */
  gboolean        busy;
  gboolean        rebuilding;

  GtkLabel       *day_label;
  GtkLabel       *summary_label;
  GtkSpinner     *spinner;
  GtkBox         *columns_box;
  GtkBox         *couriers_box;
  GtkMenuButton  *assign_button;
  GtkBox         *map_box;
  SdMap          *map;            /* made when first shown */
  char           *fitted_day;     /* the day the map was last zoomed to */
  AdwViewStack   *view_stack;
  GtkLabel       *perf_heading;
  GtkGrid        *perf_grid;
  guint           n_perf_rows;
};

/* sd-dispatch-view.c */
void     _sd_dispatch_view_reload             (SdDispatchView *self);
void     _sd_dispatch_view_update_actions     (SdDispatchView *self);
GArray  *_sd_dispatch_view_selected_keys      (SdDispatchView *self);
void     _sd_dispatch_view_show_error         (SdDispatchView *self,
                                               const GError   *error);

/* sd-dispatch-view-map.c */
void     _sd_dispatch_view_ensure_map         (SdDispatchView *self);
void     _sd_dispatch_view_fill_map           (SdDispatchView *self,
                                               gboolean        fit);
void     _sd_dispatch_view_sync_map_selection (SdDispatchView *self);

/* sd-dispatch-view-actions.c */
void     _sd_dispatch_view_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
