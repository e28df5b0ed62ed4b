/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the parts of the preferences window share: the customer-fields page lives in
 * sd-preferences-window.c, the tags page in sd-preferences-window-tags.c. */
#pragma once

#include "sd-preferences-window.h"

G_BEGIN_DECLS

struct _SdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  SdStore              *store;
  GtkWindow            *dialog;         /* weak: the dialog open over the window */
  GPtrArray            *field_rows;     /* rows added to fields_group */
  GPtrArray            *removed_rows;   /* rows added to removed_group */
  GPtrArray            *tag_rows;       /* rows added to tags_group */

  AdwPreferencesPage   *fields_page;
  AdwPreferencesGroup  *fields_group;
  AdwPreferencesGroup  *removed_group;
  AdwPreferencesPage   *tags_page;
  AdwPreferencesGroup  *tags_group;
};

/* Rows, dialogs and buttons carry the id of what they show. */
void          _sd_preferences_set_id        (gpointer             object,
                                             gint64               id);
gint64        _sd_preferences_get_id        (gpointer             object);
gint64        _sd_preferences_button_row_id (GtkWidget           *button);

void          _sd_preferences_show_error    (SdPreferencesWindow *self,
                                             const GError        *error);
/* After a write: reload both pages and emit ::changed. */
void          _sd_preferences_changed       (SdPreferencesWindow *self);
GtkWindow    *_sd_preferences_open_dialog   (SdPreferencesWindow *self,
                                             GtkWidget           *dialog);

AdwActionRow *_sd_preferences_new_row       (const char          *title,
                                             const char          *subtitle);
GtkWidget    *_sd_preferences_badge         (const char          *text,
                                             const char          *tooltip);
GtkWidget    *_sd_preferences_icon_button   (const char          *name,
                                             const char          *icon,
                                             const char          *tooltip,
                                             GCallback            callback,
                                             gpointer             self);
void          _sd_preferences_group_clear   (AdwPreferencesGroup *group,
                                             GPtrArray           *rows);
void          _sd_preferences_group_add     (AdwPreferencesGroup *group,
                                             GPtrArray           *rows,
                                             AdwActionRow        *row);
AdwActionRow *_sd_preferences_find_row      (GPtrArray           *rows,
                                             gint64               id);

void          _sd_preferences_reload_tags   (SdPreferencesWindow *self);

G_END_DECLS
