/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-tag.h"

G_BEGIN_DECLS

#define SD_TYPE_TAG_DIALOG (sd_tag_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdTagDialog, sd_tag_dialog, SD, TAG_DIALOG, AdwWindow)

/* Renames and recolours a copy of a manual `tag`, or makes a new one when NULL.
 * Automatic tags belong to their rule and are refused. Emits ::saved (gint64 id). */
GtkWidget  *sd_tag_dialog_new          (SdStore     *store,
                                        const SdTag *tag);
/* Reads the form and saves; on failure shows the core's message and returns FALSE. */
gboolean    sd_tag_dialog_save         (SdTagDialog *self);

/* For tests: fill the form like a user would. */
void        sd_tag_dialog_set_name     (SdTagDialog *self,
                                        const char  *name);
/* Picks the colour button for "#rrggbb" (one is added when it is not a preset). */
void        sd_tag_dialog_set_color    (SdTagDialog *self,
                                        const char  *color);
const char *sd_tag_dialog_get_color    (SdTagDialog *self);
guint       sd_tag_dialog_get_n_colors (SdTagDialog *self);
const char *sd_tag_dialog_get_error    (SdTagDialog *self);

/* A small round swatch of a "#rrggbb" colour, as tags show it. */
GtkWidget  *sd_color_dot_new           (const char  *color,
                                        int          size);

G_END_DECLS
