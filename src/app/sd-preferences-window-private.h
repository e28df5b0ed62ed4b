/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the parts of the preferences window share: the customer-fields page lives in
 * sd-preferences-window.c, the tags page in sd-preferences-window-tags.c, the products
 * page in sd-preferences-window-products.c, the documents page in
 * sd-preferences-window-documents.c, route planning in sd-preferences-window-dispatch.c. */
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
  GPtrArray            *product_rows;   /* rows added to products_group */
  GPtrArray            *plan_rows;      /* rows added to plans_group */

  AdwPreferencesPage   *fields_page;
  AdwPreferencesGroup  *fields_group;
  AdwPreferencesGroup  *removed_group;
  AdwPreferencesPage   *tags_page;
  AdwPreferencesGroup  *tags_group;
  AdwPreferencesPage   *products_page;
  AdwPreferencesGroup  *products_group;
  AdwPreferencesGroup  *plans_group;
  AdwPreferencesPage   *map_page;
  AdwEntryRow          *tile_url_row;
  GtkSwitch            *gcj02_switch;
  GtkLabel             *tile_url_error;
  AdwExpanderRow       *shop_location_row;
  GtkWidget            *shop_map;       /* SdMap, made when the row is first opened */
  gboolean              loading_map;    /* showing the settings, not the user changing them */
  struct _SdPrefsDocuments *documents;  /* the documents page, built in code */
  struct _SdPrefsDispatch  *dispatch;   /* route planning on the map page, built in code */
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

/* The products page: its header buttons (after the template), the lists, the dialogs. */
void          _sd_preferences_setup_products    (SdPreferencesWindow *self);
void          _sd_preferences_dispose_products  (SdPreferencesWindow *self);
void          _sd_preferences_reload_products   (SdPreferencesWindow *self);
GtkWindow    *_sd_preferences_new_product       (SdPreferencesWindow *self);
GtkWindow    *_sd_preferences_edit_product      (SdPreferencesWindow *self,
                                                 gint64               product_id);
GtkWindow    *_sd_preferences_new_ticket_plan   (SdPreferencesWindow *self);
GtkWindow    *_sd_preferences_edit_ticket_plan  (SdPreferencesWindow *self,
                                                 gint64               plan_id);

/* The map page (sd-preferences-window-map.c): tile provider and GCJ-02. */
void          _sd_preferences_class_init_map    (GtkWidgetClass      *widget_class);
void          _sd_preferences_load_map          (SdPreferencesWindow *self);
/* The documents page (sd-preferences-window-documents.c). */
void          _sd_preferences_setup_documents   (SdPreferencesWindow *self);
void          _sd_preferences_dispose_documents (SdPreferencesWindow *self);
void          _sd_preferences_reload_documents  (SdPreferencesWindow *self);
/* Route planning on the map page (sd-preferences-window-dispatch.c). */
void          _sd_preferences_setup_dispatch    (SdPreferencesWindow *self);
void          _sd_preferences_dispose_dispatch  (SdPreferencesWindow *self);
void          _sd_preferences_reload_dispatch   (SdPreferencesWindow *self);

G_END_DECLS
