/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

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

G_END_DECLS
