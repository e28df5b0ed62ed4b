/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import customers from a spreadsheet: preview the first rows with what each column will
 * become (changeable), choose what to do with customers already in the shop, check every
 * row, import in one go, and save the rows left out to fix them. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-check.h"
#include "sd-custom-field.h"
#include "sd-import-dialog.h"

#define PREVIEW_ROWS 30
#define MAX_PROBLEMS_SHOWN 200
#define AUTO_CHECK_ROWS 5000

/* The choices of a column's drop-down: the built-in targets, then owner fields. */
typedef struct {
  SdImportTarget target;
  gint64         field_id;
} Choice;

struct _SdImportDialog
{
  AdwWindow            parent_instance;

  SdStore             *store;
  SdImport            *import;
  SdImportReport      *report;
  GArray              *choices;     /* Choice */
  GPtrArray           *dropdowns;   /* GtkDropDown per column */
  gboolean             done;

  AdwWindowTitle      *title;
  GtkButton           *import_button;
  GtkLabel            *file_label;
  GtkGrid             *preview_grid;
  AdwComboRow         *duplicates_row;
  GtkLabel            *summary_label;
  GtkListBox          *problems_list;
  GtkButton           *check_button;
  GtkButton           *rejects_button;
};

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdImportDialog, sd_import_dialog, ADW_TYPE_WINDOW)

static void
show_report (SdImportDialog *self,
             gboolean        dry_run)
{
  g_autofree char *summary = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  if (self->report == NULL)
    return;

  if (dry_run)
    summary = g_strdup_printf (_("Ready: %u new, %u to update, %u to skip, %u with problems"),
                               self->report->imported, self->report->updated,
                               self->report->skipped, self->report->rejected);
  else
    summary = g_strdup_printf (_("Done: %u imported, %u updated, %u skipped, %u rejected"),
                               self->report->imported, self->report->updated,
                               self->report->skipped, self->report->rejected);
  gtk_label_set_label (self->summary_label, summary);

  for (guint i = 0; i < self->report->rows->len && shown < MAX_PROBLEMS_SHOWN; i++)
    {
      SdImportRowResult *row = g_ptr_array_index (self->report->rows, i);
      g_autofree char *title = NULL;
      GtkWidget *item;

      if (row->status != SD_IMPORT_ROW_REJECTED && row->status != SD_IMPORT_ROW_SKIPPED)
        continue;
      title = g_strdup_printf (row->status == SD_IMPORT_ROW_REJECTED ? _("Line %u: rejected")
                                                                     : _("Line %u: skipped"),
                               row->line);
      item = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (item), row->reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (item), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (item),
        gtk_image_new_from_icon_name (row->status == SD_IMPORT_ROW_REJECTED
                                      ? "dialog-warning-symbolic" : "edit-redo-symbolic"));
      gtk_list_box_append (self->problems_list, item);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_list), shown > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rejects_button),
                            self->report->rejected + self->report->skipped > 0);
}

static void
show_error (SdImportDialog *self,
            const GError   *error)
{
  g_clear_pointer (&self->report, sd_import_report_free);
  show_report (self, TRUE);
  gtk_label_set_label (self->summary_label, error->message);
}

void
sd_import_dialog_check (SdImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SD_IS_IMPORT_DIALOG (self));

  g_clear_pointer (&self->report, sd_import_report_free);
  self->report = sd_import_run (self->import, TRUE, &error);
  if (self->report == NULL)
    show_error (self, error);
  else
    show_report (self, TRUE);
}

gboolean
sd_import_dialog_import (SdImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SD_IS_IMPORT_DIALOG (self), FALSE);

  if (self->done)
    {
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    }

  g_clear_pointer (&self->report, sd_import_report_free);
  self->report = sd_import_run (self->import, FALSE, &error);
  if (self->report == NULL)
    {
      show_error (self, error);
      return FALSE;
    }
  show_report (self, FALSE);
  self->done = TRUE;

  /* an import is a big change: check the shop's books right after it */
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) check_error = NULL;

    if (!sd_store_check (self->store, &problems, &check_error))
      g_debug ("Integrity check after the import failed: %s", check_error->message);
    else if (problems->len > 0)
      {
        g_autofree char *summary =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%s — the check after the import found %u problem: %s",
                                        "%s — the check after the import found %u problems, the first: %s",
                                        problems->len),
                           gtk_label_get_label (self->summary_label), problems->len,
                           ((SdProblem *) g_ptr_array_index (problems, 0))->message);
        gtk_label_set_label (self->summary_label, summary);
      }
  }
  /* what is written is written: the mapping can no longer change */
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_grid), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->duplicates_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), FALSE);
  gtk_button_set_label (self->import_button, _("_Close"));
  if (self->report->imported + self->report->updated > 0)
    g_signal_emit (self, signals[SIGNAL_IMPORTED], 0);
  return TRUE;
}

static void
maybe_check (SdImportDialog *self)
{
  /* big files are checked on request: a full check costs as much as the import */
  if (sd_table_get_n_rows (sd_import_get_table (self->import)) <= AUTO_CHECK_ROWS)
    sd_import_dialog_check (self);
  else
    {
      g_clear_pointer (&self->report, sd_import_report_free);
      show_report (self, TRUE);
      gtk_label_set_label (self->summary_label, _("Press Check to look at every row before importing."));
    }
}

static void
on_column_changed (GtkDropDown    *dropdown,
                   GParamSpec     *pspec,
                   SdImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  guint selected = gtk_drop_down_get_selected (dropdown);
  SdImportColumn mapping = { SD_IMPORT_IGNORE, 0, 0 };
  const SdImportColumn *before = sd_import_get_column (self->import, column);

  if (selected < self->choices->len)
    {
      Choice *choice = &g_array_index (self->choices, Choice, selected);
      mapping.target = choice->target;
      mapping.field_id = choice->field_id;
      mapping.index = before->target == choice->target ? before->index : 0;
    }
  sd_import_set_column (self->import, column, &mapping);
  maybe_check (self);
}

static void
on_duplicates_changed (SdImportDialog *self)
{
  if (self->import == NULL)
    return;   /* the template is still being built */
  sd_import_set_duplicates (self->import, (SdImportDuplicates) adw_combo_row_get_selected (self->duplicates_row));
  maybe_check (self);
}

static guint
choice_for (SdImportDialog       *self,
            const SdImportColumn *column)
{
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = &g_array_index (self->choices, Choice, i);
      if (choice->target == column->target &&
          (column->target != SD_IMPORT_FIELD || choice->field_id == column->field_id))
        return i;
    }
  return 0;
}

static void
build_preview (SdImportDialog *self)
{
  SdTable *table = sd_import_get_table (self->import);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) fields = sd_store_list_custom_fields (self->store, FALSE, NULL);
  guint n_columns = sd_import_get_n_columns (self->import);
  guint n_rows = MIN (sd_table_get_n_rows (table), PREVIEW_ROWS + 1);

  for (int t = 0; t < SD_IMPORT_N_TARGETS; t++)
    {
      Choice choice = { (SdImportTarget) t, 0 };
      if (t == SD_IMPORT_FIELD)
        continue;
      g_array_append_val (self->choices, choice);
      gtk_string_list_append (labels, sd_import_target_label ((SdImportTarget) t));
    }
  for (guint i = 0; fields && i < fields->len; i++)
    {
      SdCustomField *field = g_ptr_array_index (fields, i);
      Choice choice = { SD_IMPORT_FIELD, field->id };
      g_array_append_val (self->choices, choice);
      gtk_string_list_append (labels, field->label);
    }

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
      GtkWidget *header = gtk_label_new (sd_table_get_cell (table, 0, c));

      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  choice_for (self, sd_import_get_column (self->import, c)));
      g_object_set_data (G_OBJECT (dropdown), "column", GUINT_TO_POINTER (c));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_column_changed), self);
      gtk_grid_attach (self->preview_grid, dropdown, (int) c, 0, 1, 1);
      g_ptr_array_add (self->dropdowns, dropdown);

      gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (header), 16);
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_add_css_class (header, "heading");
      gtk_grid_attach (self->preview_grid, header, (int) c, 1, 1, 1);

      for (guint r = 1; r < n_rows; r++)
        {
          GtkWidget *cell = gtk_label_new (sd_table_get_cell (table, r, c));
          gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (cell), 28);
          gtk_label_set_single_line_mode (GTK_LABEL (cell), TRUE);
          gtk_label_set_xalign (GTK_LABEL (cell), 0);
          gtk_widget_set_tooltip_text (cell, sd_table_get_cell (table, r, c));
          gtk_grid_attach (self->preview_grid, cell, (int) c, (int) r + 1, 1, 1);
        }
    }
}

static void
on_import_clicked (SdImportDialog *self)
{
  sd_import_dialog_import (self);
}

static void
on_check_clicked (SdImportDialog *self)
{
  sd_import_dialog_check (self);
}

gboolean
sd_import_dialog_save_rejects (SdImportDialog *self,
                               const char     *path)
{
  g_autoptr(GError) error = NULL;

  if (self->report == NULL)
    return FALSE;
  if (!sd_import_write_rejects (self->import, self->report, path, &error))
    {
      gtk_label_set_label (self->summary_label, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
on_rejects_response (GtkNativeDialog *chooser,
                     int              response,
                     SdImportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        sd_import_dialog_save_rejects (self, path);
    }
  g_object_unref (chooser);
}

static void
on_rejects_clicked (SdImportDialog *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Save Rows to Fix"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));

  /* TRANSLATORS: the file name offered for the rows an import left out */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("customers-to-fix.xlsx"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_rejects_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
sd_import_dialog_dispose (GObject *object)
{
  SdImportDialog *self = (SdImportDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->import, sd_import_free);
  g_clear_pointer (&self->report, sd_import_report_free);
  g_clear_pointer (&self->choices, g_array_unref);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_import_dialog_parent_class)->dispose (object);
}

static void
sd_import_dialog_class_init (SdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdImportDialog, title);
  gtk_widget_class_bind_template_child (widget_class, SdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, SdImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, SdImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, SdImportDialog, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, SdImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SdImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, SdImportDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, SdImportDialog, rejects_button);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_rejects_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_duplicates_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
sd_import_dialog_init (SdImportDialog *self)
{
  self->choices = g_array_new (FALSE, FALSE, sizeof (Choice));
  self->dropdowns = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sd_import_dialog_new (SdStore     *store,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(SdTable) table = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *about = NULL;
  SdImportDialog *self;
  SdImport *import;

  table = sd_table_read_file (path, error);
  if (table == NULL)
    return NULL;
  import = sd_import_new (store, table, error);
  if (import == NULL)
    return NULL;

  self = g_object_new (SD_TYPE_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->import = import;

  basename = g_path_get_basename (path);
  adw_window_title_set_subtitle (self->title, basename);
  about = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u row · %s",
                                        "%s · %u rows · %s", sd_table_get_n_rows (table) - 1),
                           basename, sd_table_get_n_rows (table) - 1,
                           sd_table_get_encoding (table) ? sd_table_get_encoding (table) : "");
  gtk_label_set_label (self->file_label, about);

  build_preview (self);
  maybe_check (self);
  return GTK_WIDGET (self);
}

SdImport *
sd_import_dialog_get_import (SdImportDialog *self)
{
  return self->import;
}

SdImportReport *
sd_import_dialog_get_report (SdImportDialog *self)
{
  return self->report;
}

const char *
sd_import_dialog_get_summary (SdImportDialog *self)
{
  return gtk_label_get_label (self->summary_label);
}

void
sd_import_dialog_set_column (SdImportDialog *self,
                             guint           column,
                             SdImportTarget  target)
{
  g_return_if_fail (column < self->dropdowns->len);
  for (guint i = 0; i < self->choices->len; i++)
    if (g_array_index (self->choices, Choice, i).target == target)
      {
        gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, column), i);
        return;
      }
}

void
sd_import_dialog_set_duplicates (SdImportDialog     *self,
                                 SdImportDuplicates  duplicates)
{
  adw_combo_row_set_selected (self->duplicates_row, duplicates);
}
