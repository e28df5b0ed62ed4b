/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every window test needs: the language it runs in, spinning the main loop, waiting
 * for a condition, and saving what is on screen as a PNG for a person to look at. */
#pragma once

#include <gtk/gtk.h>

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

G_END_DECLS
