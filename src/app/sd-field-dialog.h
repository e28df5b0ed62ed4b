/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-custom-field.h"

G_BEGIN_DECLS

#define SD_TYPE_FIELD_DIALOG (sd_field_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdFieldDialog, sd_field_dialog, SD, FIELD_DIALOG, AdwWindow)

/* Edits a copy of `field`, or a new one when NULL. Emits ::saved (gint64 id). */
GtkWidget  *sd_field_dialog_new              (SdStore             *store,
                                              const SdCustomField *field);
/* Reads the form and saves; on failure shows the core's message and returns FALSE. */
gboolean    sd_field_dialog_save             (SdFieldDialog       *self);

/* For tests: fill the form like a user would. */
void        sd_field_dialog_set_label        (SdFieldDialog       *self,
                                              const char          *label);
void        sd_field_dialog_set_kind         (SdFieldDialog       *self,
                                              SdFieldKind          kind);
void        sd_field_dialog_set_required     (SdFieldDialog       *self,
                                              gboolean             required);
/* One choice per line, as typed in the choices box. */
void        sd_field_dialog_set_choices      (SdFieldDialog       *self,
                                              const char          *text);
gboolean    sd_field_dialog_get_choices_visible (SdFieldDialog    *self);
const char *sd_field_dialog_get_error        (SdFieldDialog       *self);

G_END_DECLS
