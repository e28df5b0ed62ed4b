/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Owner-defined customer fields: what they are, how values are checked and stored. */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

typedef enum {
  SD_FIELD_TEXT,
  SD_FIELD_NUMBER,
  SD_FIELD_DATE,
  SD_FIELD_CHOICE,
  SD_FIELD_BOOLEAN,
} SdFieldKind;

#define SD_FIELD_N_KINDS 5

typedef struct {
  gint64       id;          /* 0 until stored */
  char        *label;
  SdFieldKind  kind;
  gboolean     required;
  int          position;
  GStrv        choices;     /* options of a SD_FIELD_CHOICE field */
  gboolean     hidden;      /* removed from forms; values kept */
} SdCustomField;

#define SD_CUSTOM_FIELD_ERROR (sd_custom_field_error_quark ())

typedef enum {
  SD_CUSTOM_FIELD_ERROR_REQUIRED,
  SD_CUSTOM_FIELD_ERROR_INVALID,
  SD_CUSTOM_FIELD_ERROR_DEFINITION,
} SdCustomFieldError;

GQuark          sd_custom_field_error_quark  (void);

const char     *sd_field_kind_to_string      (SdFieldKind kind);
gboolean        sd_field_kind_from_string    (const char  *text,
                                              SdFieldKind *out_kind);
const char     *sd_field_kind_label          (SdFieldKind kind);   /* translated */

SdCustomField  *sd_custom_field_new          (const char          *label,
                                              SdFieldKind          kind);
SdCustomField  *sd_custom_field_copy         (const SdCustomField *field);
void            sd_custom_field_free         (SdCustomField       *field);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdCustomField, sd_custom_field_free)

/* Checks what was typed and returns the stored form ("" for no value): numbers as plain
 * decimals, dates YYYY-MM-DD, yes/no as "1"/"0" (also 是/否, y/n, true/false), a choice
 * as its option. A required field without a value is an error naming the field. */
char           *sd_custom_field_normalize    (const SdCustomField *field,
                                              const char          *input,
                                              GError             **error);
/* The stored value as people read it (是 / 否 for yes/no). */
char           *sd_custom_field_display      (const SdCustomField *field,
                                              const char          *value);

/* Fields in form order; hidden ones only when asked. Array of SdCustomField*. */
GPtrArray      *sd_store_list_custom_fields  (SdStore       *store,
                                              gboolean       include_hidden,
                                              GError       **error);
/* Inserts (id 0, placed last) or updates. Changing the kind of a field that has values is
 * refused: they would no longer read. */
gboolean        sd_store_save_custom_field   (SdStore       *store,
                                              SdCustomField *field,
                                              GError       **error);
/* Removing a field hides it: forms, the profile and exports stop showing it, its values
 * stay in the database and return if it is shown again. */
gboolean        sd_store_set_custom_field_hidden (SdStore   *store,
                                              gint64         id,
                                              gboolean       hidden,
                                              GError       **error);
/* Moves a field one place up (-1) or down (+1) in the form. */
gboolean        sd_store_move_custom_field   (SdStore       *store,
                                              gint64         id,
                                              int            delta,
                                              GError       **error);
guint           sd_store_count_custom_field_values (SdStore *store,
                                              gint64         id);

G_END_DECLS
