/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-backup.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_APPLICATION (sd_application_get_type ())
G_DECLARE_FINAL_TYPE (SdApplication, sd_application, SD, APPLICATION, AdwApplication)

SdApplication *sd_application_new           (GApplicationFlags  flags);
/* The open shop, or NULL when it could not be opened (see get_open_error). */
SdStore       *sd_application_get_store     (SdApplication     *self);
const GError  *sd_application_get_open_error (SdApplication    *self);
void           sd_application_set_database  (SdApplication     *self,
                                             const char        *path);
/* Closes the window and the shop, replaces the shop by the prepared restore, opens it
 * again in a new window, which is returned (it also opens on the old shop when the
 * replacement fails, with `error` set). `out_safety_path`: where the replaced shop was
 * kept. */
GtkWindow     *sd_application_restore       (SdApplication     *self,
                                             SdRestore         *restore,
                                             char             **out_safety_path,
                                             GError           **error);

G_END_DECLS
