/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parts of the main window kept in their own files. */
#pragma once

#include "sd-window.h"

G_BEGIN_DECLS

/* win.backup and win.restore (sd-window-backup.c). */
void sd_window_class_add_backup_actions (GtkWidgetClass *widget_class);

G_END_DECLS
