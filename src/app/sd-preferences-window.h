/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_PREFERENCES_WINDOW (sd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SdPreferencesWindow, sd_preferences_window, SD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The shop's settings: the customer form's own fields, and tags. Emits ::changed after
 * each change it writes, so windows showing customers can reload. */
GtkWidget  *sd_preferences_window_new             (SdStore             *store);

/* What the buttons do; tests call them too. Each opens a dialog over the window (see
 * get_dialog) or, for restore and moves, writes at once. Reloads the lists on success. */
GtkWindow  *sd_preferences_window_add_field       (SdPreferencesWindow *self);
GtkWindow  *sd_preferences_window_edit_field      (SdPreferencesWindow *self,
                                                   gint64               field_id);
/* Asks first: an AdwMessageDialog whose "remove" response hides the field. */
GtkWindow  *sd_preferences_window_remove_field    (SdPreferencesWindow *self,
                                                   gint64               field_id);
gboolean    sd_preferences_window_restore_field   (SdPreferencesWindow *self,
                                                   gint64               field_id);
gboolean    sd_preferences_window_move_field      (SdPreferencesWindow *self,
                                                   gint64               field_id,
                                                   int                  delta);
GtkWindow  *sd_preferences_window_new_tag         (SdPreferencesWindow *self);
GtkWindow  *sd_preferences_window_edit_tag        (SdPreferencesWindow *self,
                                                   gint64               tag_id);
/* Asks first: an AdwMessageDialog whose "delete" response deletes the tag. */
GtkWindow  *sd_preferences_window_delete_tag      (SdPreferencesWindow *self,
                                                   gint64               tag_id);

/* For tests: the dialog open over the window, the row showing a field or tag (NULL when
 * none), and the pages and groups. */
GtkWindow           *sd_preferences_window_get_dialog        (SdPreferencesWindow *self);
AdwActionRow        *sd_preferences_window_get_field_row     (SdPreferencesWindow *self,
                                                              gint64               field_id);
AdwActionRow        *sd_preferences_window_get_tag_row       (SdPreferencesWindow *self,
                                                              gint64               tag_id);
AdwPreferencesGroup *sd_preferences_window_get_fields_group  (SdPreferencesWindow *self);
AdwPreferencesGroup *sd_preferences_window_get_removed_group (SdPreferencesWindow *self);
AdwPreferencesPage  *sd_preferences_window_get_fields_page   (SdPreferencesWindow *self);
AdwPreferencesPage  *sd_preferences_window_get_tags_page     (SdPreferencesWindow *self);

/* The documents page: its rows by the setting they edit (SD_SETTING_SHOP_NAME …), the
 * logo as the chooser sets it (NULL: none), the ESC/POS test print (async; the outcome is
 * toasted and kept as the status). */
AdwPreferencesPage  *sd_preferences_window_get_documents_page (SdPreferencesWindow *self);
GtkWidget           *sd_preferences_window_get_documents_row  (SdPreferencesWindow *self,
                                                               const char          *setting);
void                 sd_preferences_window_set_logo_file      (SdPreferencesWindow *self,
                                                               GFile               *file);
void                 sd_preferences_window_test_print         (SdPreferencesWindow *self);
const char          *sd_preferences_window_get_documents_status (SdPreferencesWindow *self);

G_END_DECLS
