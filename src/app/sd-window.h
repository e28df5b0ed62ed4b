/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-application.h"

G_BEGIN_DECLS

#define SD_TYPE_WINDOW (sd_window_get_type ())
G_DECLARE_FINAL_TYPE (SdWindow, sd_window, SD, WINDOW, AdwApplicationWindow)

SdWindow  *sd_window_new               (SdApplication *application);
void       sd_window_show_toast        (SdWindow      *self,
                                        const char    *message);
/* For tests: the customers area. */
GtkWidget *sd_window_get_customer_view (SdWindow      *self);
/* Shows a message in the toast overlay of the window `inside` is in (errors of an action
 * the user took, "exported 12 customers" …). */
void       sd_toast                    (GtkWidget     *inside,
                                        const char    *message);
/* The local path a file chooser was accepted with, or NULL; drops the chooser (call it
 * from its "response" handler). */
char      *sd_chooser_take_path        (GtkNativeDialog *chooser,
                                        int              response);
/* The Orders area, narrowed to one customer's orders. */
void       sd_window_show_customer_orders (SdWindow   *self,
                                        gint64      customer_id,
                                        const char *name);
GtkWidget *sd_window_get_orders_view   (SdWindow      *self);
GtkWidget *sd_window_get_due_view      (SdWindow      *self);
GtkWidget *sd_window_get_dispatch_view (SdWindow     *self);
/* Writes a backup of the shop to `path`; a toast says where, a dialog why not. */
gboolean   sd_window_backup_to         (SdWindow      *self,
                                        const char    *path);
/* Checks the backup at `path` and asks before restoring it: returns the question (or NULL
 * and shows why the backup cannot be restored). Agreeing replaces this window. */
GtkWindow *sd_window_restore_from      (SdWindow      *self,
                                        const char    *path);
/* For tests: the page stack of the sidebar. */
GtkStack  *sd_window_get_stack         (SdWindow      *self);

G_END_DECLS
