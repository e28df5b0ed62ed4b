/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form engine of customer records: field definitions and value checking. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-search.h"

#include "sd-custom-field.h"
#include "sd-date.h"
#include "sd-store-private.h"

G_DEFINE_QUARK (sd-custom-field-error-quark, sd_custom_field_error)

static const struct {
  const char *id;
  const char *label;
} kinds[SD_FIELD_N_KINDS] = {
  { "text", N_("Text") },
  { "number", N_("Number") },
  { "date", N_("Date") },
  { "choice", N_("Single choice") },
  { "boolean", N_("Yes / no") },
};

const char *
sd_field_kind_to_string (SdFieldKind kind)
{
  g_return_val_if_fail ((guint) kind < SD_FIELD_N_KINDS, "text");
  return kinds[kind].id;
}

gboolean
sd_field_kind_from_string (const char  *text,
                           SdFieldKind *out_kind)
{
  for (guint i = 0; i < SD_FIELD_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i].id) == 0)
      {
        *out_kind = (SdFieldKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sd_field_kind_label (SdFieldKind kind)
{
  g_return_val_if_fail ((guint) kind < SD_FIELD_N_KINDS, "");
  return _(kinds[kind].label);
}

SdCustomField *
sd_custom_field_new (const char  *label,
                     SdFieldKind  kind)
{
  SdCustomField *field = g_new0 (SdCustomField, 1);

  field->label = g_strdup (label ? label : "");
  field->kind = kind;
  field->choices = g_new0 (char *, 1);
  return field;
}

SdCustomField *
sd_custom_field_copy (const SdCustomField *field)
{
  SdCustomField *copy = g_new0 (SdCustomField, 1);

  *copy = *field;
  copy->label = g_strdup (field->label);
  copy->choices = g_strdupv (field->choices);
  return copy;
}

void
sd_custom_field_free (SdCustomField *field)
{
  if (field == NULL)
    return;
  g_free (field->label);
  g_strfreev (field->choices);
  g_free (field);
}

static char *
normalize_number (const SdCustomField *field,
                  const char          *text,
                  GError             **error)
{
  const char *p = text;
  gboolean seen_digit = FALSE, seen_point = FALSE;
  g_autoptr(GString) out = g_string_new (NULL);

  if (*p == '-' || *p == '+')
    {
      if (*p == '-')
        g_string_append_c (out, '-');
      p++;
    }
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          seen_digit = TRUE;
          g_string_append_c (out, *p);
        }
      else if (*p == '.' && !seen_point)
        {
          seen_point = TRUE;
          g_string_append_c (out, '.');
        }
      else if (*p == ',' && seen_digit && !seen_point)
        continue;   /* 1,000 */
      else
        {
          g_set_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_INVALID,
                       _("%s: “%s” is not a number"), field->label, text);
          return NULL;
        }
    }
  if (!seen_digit || out->len > 30)
    {
      g_set_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_INVALID,
                   _("%s: “%s” is not a number"), field->label, text);
      return NULL;
    }
  /* "12.50" → "12.5", "3." → "3", "007" → "7": one spelling per number */
  if (seen_point)
    {
      while (out->str[out->len - 1] == '0')
        g_string_truncate (out, out->len - 1);
      if (out->str[out->len - 1] == '.')
        g_string_truncate (out, out->len - 1);
    }
  {
    gsize start = out->str[0] == '-' ? 1 : 0;
    while (out->len > start + 1 && out->str[start] == '0' && out->str[start + 1] != '.')
      g_string_erase (out, start, 1);
    if (out->str[start] == '.')
      g_string_insert_c (out, start, '0');
    if (g_str_equal (out->str, "-0"))
      g_string_assign (out, "0");
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
sd_custom_field_normalize (const SdCustomField  *field,
                           const char           *input,
                           GError              **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  text = g_strstrip (sd_text_nfkc (input ? input : ""));
  if (*text == '\0')
    {
      if (field->required)
        {
          g_set_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_REQUIRED,
                       _("“%s” must be filled in"), field->label);
          return NULL;
        }
      return g_strdup ("");
    }

  switch (field->kind)
    {
    case SD_FIELD_TEXT:
      return g_steal_pointer (&text);

    case SD_FIELD_NUMBER:
      return normalize_number (field, text, error);

    case SD_FIELD_DATE:
      {
        g_autoptr(GError) local = NULL;
        char *date = sd_date_normalize (text, &local);
        if (date == NULL)
          g_set_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_INVALID,
                       "%s: %s", field->label, local->message);
        return date;
      }

    case SD_FIELD_CHOICE:
      for (guint i = 0; field->choices && field->choices[i]; i++)
        if (g_str_equal (field->choices[i], text))
          return g_steal_pointer (&text);
      g_set_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_INVALID,
                   _("%s: “%s” is not one of the choices"), field->label, text);
      return NULL;

    case SD_FIELD_BOOLEAN:
      {
        static const char *yes[] = { "1", "是", "有", "y", "yes", "true", "对", "√", NULL };
        static const char *no[] = { "0", "否", "无", "n", "no", "false", "不", "×", NULL };
        g_autofree char *lower = g_utf8_strdown (text, -1);

        if (g_strv_contains (yes, lower))
          return g_strdup ("1");
        if (g_strv_contains (no, lower))
          return g_strdup ("0");
        g_set_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_INVALID,
                     _("%s: “%s” is not yes or no"), field->label, text);
        return NULL;
      }
    }
  g_return_val_if_reached (NULL);
}

char *
sd_custom_field_display (const SdCustomField *field,
                         const char          *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup ("");
  if (field->kind == SD_FIELD_BOOLEAN)
    return g_strdup (g_str_equal (value, "1") ? _("Yes") : _("No"));
  return g_strdup (value);
}

/* --- storage ------------------------------------------------------------------------------ */

static SdCustomField *
field_from_row (sqlite3_stmt *stmt)
{
  SdCustomField *field = sd_custom_field_new ((const char *) sqlite3_column_text (stmt, 1),
                                              SD_FIELD_TEXT);
  const char *choices = (const char *) sqlite3_column_text (stmt, 5);

  field->id = sqlite3_column_int64 (stmt, 0);
  sd_field_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &field->kind);
  field->required = sqlite3_column_int (stmt, 3) != 0;
  field->position = sqlite3_column_int (stmt, 4);
  g_strfreev (field->choices);
  field->choices = (choices && *choices) ? g_strsplit (choices, "\n", -1) : g_new0 (char *, 1);
  field->hidden = sqlite3_column_int (stmt, 6) != 0;
  return field;
}

GPtrArray *
sd_store_list_custom_fields (SdStore   *store,
                             gboolean   include_hidden,
                             GError   **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) fields =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sd_custom_field_free);

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = _sd_store_prepare (store,
    "SELECT id, label, kind, required, position, choices, hidden FROM custom_fields"
    " WHERE hidden = 0 OR ?1 ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_hidden ? 1 : 0);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (fields, field_from_row (stmt));
  return g_steal_pointer (&fields);
}

guint
sd_store_count_custom_field_values (SdStore *store,
                                    gint64   id)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  stmt = _sd_store_prepare (store,
    "SELECT count(*) FROM customer_field_values WHERE field_id = ?1 AND value <> ''", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
validate_definition (SdCustomField  *field,
                     GError        **error)
{
  g_autofree char *label = g_strstrip (g_strdup (field->label ? field->label : ""));

  if (*label == '\0')
    {
      g_set_error_literal (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_DEFINITION,
                           _("The field needs a label"));
      return FALSE;
    }
  g_free (field->label);
  field->label = g_steal_pointer (&label);

  if (field->kind == SD_FIELD_CHOICE)
    {
      g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; field->choices && field->choices[i]; i++)
        {
          char *choice = g_strstrip (g_strdup (field->choices[i]));
          if (*choice == '\0')
            {
              g_free (choice);
              continue;
            }
          for (guint j = 0; j < clean->len; j++)
            if (g_str_equal (g_ptr_array_index (clean, j), choice))
              {
                g_set_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_DEFINITION,
                             _("The choice “%s” is listed twice"), choice);
                g_free (choice);
                return FALSE;
              }
          g_ptr_array_add (clean, choice);
        }
      if (clean->len == 0)
        {
          g_set_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_DEFINITION,
                       _("“%s” is a single-choice field and needs at least one choice"),
                       field->label);
          return FALSE;
        }
      g_ptr_array_add (clean, NULL);
      g_strfreev (field->choices);
      field->choices = (GStrv) g_ptr_array_steal (clean, NULL);
    }
  return TRUE;
}

gboolean
sd_store_save_custom_field (SdStore        *store,
                            SdCustomField  *field,
                            GError        **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autofree char *choices = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!validate_definition (field, error))
    return FALSE;

  if (field->id != 0)
    {
      g_autoptr(SdCachedStmt) kind = _sd_store_prepare (store,
        "SELECT kind FROM custom_fields WHERE id = ?1", error);
      if (kind == NULL)
        return FALSE;
      sqlite3_bind_int64 (kind, 1, field->id);
      if (sqlite3_step (kind) != SQLITE_ROW)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                       _("The field “%s” no longer exists"), field->label);
          return FALSE;
        }
      if (!g_str_equal ((const char *) sqlite3_column_text (kind, 0),
                        sd_field_kind_to_string (field->kind)))
        {
          guint n = sd_store_count_custom_field_values (store, field->id);
          if (n > 0)
            {
              g_set_error (error, SD_CUSTOM_FIELD_ERROR, SD_CUSTOM_FIELD_ERROR_DEFINITION,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "“%s” already has a value for %u customer; its kind cannot change",
                                        "“%s” already has values for %u customers; its kind cannot change",
                                        n),
                           field->label, n);
              return FALSE;
            }
        }
    }

  choices = g_strjoinv ("\n", field->choices);
  if (field->id == 0)
    stmt = _sd_store_prepare (store,
      "INSERT INTO custom_fields (label, kind, required, choices, hidden, created_at, position)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT coalesce(max(position), 0) + 1 FROM custom_fields))",
      error);
  else
    stmt = _sd_store_prepare (store,
      "UPDATE custom_fields SET label = ?1, kind = ?2, required = ?3, choices = ?4, hidden = ?5"
      " WHERE id = ?7", error);
  if (stmt == NULL)
    return FALSE;
  _sd_bind_text (stmt, 1, field->label);
  _sd_bind_text (stmt, 2, sd_field_kind_to_string (field->kind));
  sqlite3_bind_int (stmt, 3, field->required ? 1 : 0);
  _sd_bind_text (stmt, 4, choices);
  sqlite3_bind_int (stmt, 5, field->hidden ? 1 : 0);
  if (field->id == 0)
    sqlite3_bind_int64 (stmt, 6, sd_store_now (store));
  else
    sqlite3_bind_int64 (stmt, 7, field->id);
  if (!_sd_store_step_done (store, stmt, error))
    return FALSE;
  if (field->id == 0)
    field->id = sqlite3_last_insert_rowid (_sd_store_get_db (store));
  return TRUE;
}

gboolean
sd_store_set_custom_field_hidden (SdStore  *store,
                                  gint64    id,
                                  gboolean  hidden,
                                  GError  **error)
{
  g_autoptr(SdCachedStmt) stmt = NULL;

  stmt = _sd_store_prepare (store, "UPDATE custom_fields SET hidden = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, hidden ? 1 : 0);
  return _sd_store_step_done (store, stmt, error);
}

gboolean
sd_store_move_custom_field (SdStore  *store,
                            gint64    id,
                            int       delta,
                            GError  **error)
{
  g_autoptr(GPtrArray) fields = sd_store_list_custom_fields (store, TRUE, error);
  int from = -1, to;

  if (fields == NULL)
    return FALSE;
  for (guint i = 0; i < fields->len; i++)
    if (((SdCustomField *) g_ptr_array_index (fields, i))->id == id)
      from = (int) i;
  if (from < 0)
    return TRUE;
  to = CLAMP (from + delta, 0, (int) fields->len - 1);
  if (to == from)
    return TRUE;

  {
    gpointer moved = g_ptr_array_steal_index (fields, (guint) from);
    g_ptr_array_insert (fields, to, moved);
  }

  if (!sd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < fields->len; i++)
    {
      g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
        "UPDATE custom_fields SET position = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, ((SdCustomField *) g_ptr_array_index (fields, i))->id);
      sqlite3_bind_int (stmt, 2, (int) i + 1);
      if (!_sd_store_step_done (store, stmt, error))
        goto fail;
    }
  return sd_store_commit (store, error);

fail:
  sd_store_rollback (store);
  return FALSE;
}
