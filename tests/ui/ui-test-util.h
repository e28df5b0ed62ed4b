/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every window test needs: the language it runs in, spinning the main loop, waiting
 * for a condition, and saving what is on screen as a PNG for a person to look at. */
#pragma once

#include <gtk/gtk.h>

#include "sd-application.h"

G_BEGIN_DECLS

typedef gboolean (*Condition) (gpointer data);

/* The run under LANGUAGE=zh_CN checks Chinese labels and names its screenshots so. */
gboolean is_chinese      (void);
/* Runs the main loop for `ms` milliseconds. */
void     spin            (guint      ms);
/* Runs the main loop until `condition` holds; FALSE when `timeout_ms` passed first. */
gboolean wait_for        (Condition  condition,
                          gpointer   data,
                          guint      timeout_ms);
/* Writes $SONGDA_SCREENSHOT_DIR/NAME-en.png (or -zh_CN.png); nothing when it is unset. */
void     save_screenshot (GtkWidget *widget,
                          const char *name);

/* A temporary folder with the demo shop written as of `reference_time` (UTC seconds), and
 * the application registered on it, as every window test starts. */
SdApplication *ui_test_demo_app (const char  *name,
                                 gint64       reference_time,
                                 char       **out_dir,
                                 char       **out_db_path);
/* Removes the folder and what the test left in it (the database, WAL, exports …). */
void     ui_test_remove_dir     (const char  *dir);

G_END_DECLS
