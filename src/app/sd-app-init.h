/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Process set-up before GTK starts: locale and translations, the Simplified Chinese
 * preference for Han text, and (when uninstalled) the build's GSettings schemas. */
void sd_app_init (void);

G_END_DECLS
