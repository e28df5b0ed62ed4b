/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The preview window of one document. Printing hands Poppler's pages to GtkPrintOperation
 * on a page setup of the document's own size, so a 58 mm receipt prints on a 58 mm roll
 * as long as the receipt; the printer and a paper the user picks instead are kept per
 * document kind in the store and offered next time. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "sd-doc-window.h"
#include "sd-escpos.h"
#include "sd-print-settings.h"

/* Pages narrower than this are thermal rolls: a custom paper, a narrow window. */
#define ROLL_MAX_WIDTH_PT 240.0   /* 80 mm is 226.8 pt */
#define SAME_SIZE_PT      2.0

struct _SdDocWindow
{
  AdwWindow         parent_instance;

  SdStore          *store;
  char             *kind_key;
  char             *file_name;
  GBytes           *pdf;
  PopplerDocument  *document;     /* for printing; the preview has its own */
  GBytes           *escpos;
  GCancellable     *cancellable;
  char             *status;

  AdwWindowTitle   *title;
  AdwToastOverlay  *toasts;
  SdDocPreview     *preview;
  GtkButton        *escpos_button;
};

G_DEFINE_FINAL_TYPE (SdDocWindow, sd_doc_window, ADW_TYPE_WINDOW)

static void
show_status (SdDocWindow *self, const char *message)
{
  g_free (self->status);
  self->status = g_strdup (message);
  g_debug ("%s", message);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static char *
setting_key (SdDocWindow *self, const char *what)
{
  return g_strdup_printf ("print.%s.%s", self->kind_key, what);
}

static void
first_page_size (SdDocWindow *self, double *w, double *h)
{
  PopplerPage *page = poppler_document_get_page (self->document, 0);

  *w = 595.28;
  *h = 841.89;
  if (page != NULL)
    {
      poppler_page_get_size (page, w, h);
      g_object_unref (page);
    }
}

static gboolean
near (double a, double b)
{
  return fabs (a - b) <= SAME_SIZE_PT;
}

/* The document's own paper: a standard one when the size is one, else custom. */
static GtkPaperSize *
document_paper (SdDocWindow *self)
{
  static const char *const standard[] = { GTK_PAPER_NAME_A4, GTK_PAPER_NAME_A5, "iso_a6",
                                          GTK_PAPER_NAME_B5, GTK_PAPER_NAME_LETTER };
  double w, h;
  g_autofree char *name = NULL;
  g_autofree char *display = NULL;

  first_page_size (self, &w, &h);
  for (guint i = 0; i < G_N_ELEMENTS (standard); i++)
    {
      GtkPaperSize *paper = gtk_paper_size_new (standard[i]);
      double pw = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
      double ph = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);

      if ((near (pw, w) && near (ph, h)) || (near (pw, h) && near (ph, w)))
        return paper;
      gtk_paper_size_free (paper);
    }
  name = g_strdup_printf ("songda_%s_%.0fx%.0fmm", self->kind_key, w / 72 * 25.4, h / 72 * 25.4);
  /* TRANSLATORS: a custom paper size, e.g. "Receipt roll 58 × 210 mm" */
  display = g_strdup_printf (_("Receipt roll %.0f × %.0f mm"), w / 72 * 25.4, h / 72 * 25.4);
  return gtk_paper_size_new_custom (name, display, w, h, GTK_UNIT_POINTS);
}

GtkPageSetup *
sd_doc_window_page_setup (SdDocWindow *self)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  GtkPaperSize *paper = document_paper (self);
  g_autofree char *paper_key = setting_key (self, "paper");
  g_autofree char *remembered = sd_store_get_setting (self->store, paper_key, "");
  double w, h;

  first_page_size (self, &w, &h);
  /* a standard paper the user chose for this kind before; rolls keep their own size */
  if (*remembered != '\0' && w > ROLL_MAX_WIDTH_PT && !g_str_has_prefix (remembered, "songda_"))
    {
      gtk_paper_size_free (paper);
      paper = gtk_paper_size_new (remembered);
    }
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, w > h ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                               : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_paper_size_free (paper);
  return setup;
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              SdDocWindow       *self)
{
  PopplerPage *page = poppler_document_get_page (self->document, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double pw, ph, cw, ch, scale;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &pw, &ph);
  cw = gtk_print_context_get_width (context);
  ch = gtk_print_context_get_height (context);
  /* same size: 1; a smaller paper chosen in the dialog: the page shrinks to fit */
  scale = (cw > 0 && ch > 0) ? MIN (1.0, MIN (cw / pw, ch / ph)) : 1.0;
  if (scale > 0.99)
    scale = 1.0;
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
  g_object_unref (page);
}

static GtkPrintOperation *
new_operation (SdDocWindow *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = sd_doc_window_page_setup (self);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *printer_key = setting_key (self, "printer");
  g_autofree char *printer = sd_store_get_setting (self->store, printer_key, "");

  if (*printer != '\0')
    gtk_print_settings_set_printer (settings, printer);
  gtk_print_settings_set_paper_size (settings, gtk_page_setup_get_paper_size (setup));
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (self->document));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, adw_window_title_get_title (self->title));
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  return operation;
}

/* After a print the user confirmed: the printer and a paper of their choosing. */
static void
remember_choice (SdDocWindow *self, GtkPrintOperation *operation)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  g_autofree char *printer_key = setting_key (self, "printer");
  g_autofree char *paper_key = setting_key (self, "paper");
  g_autoptr(GError) error = NULL;
  GtkPaperSize *paper;
  const char *printer;

  if (settings == NULL)
    return;
  printer = gtk_print_settings_get_printer (settings);
  if (printer != NULL && *printer != '\0'
      && !sd_store_set_setting (self->store, printer_key, printer, &error))
    g_warning ("Cannot remember the printer: %s", error->message);
  paper = gtk_print_settings_get_paper_size (settings);
  if (paper != NULL)
    {
      if (!gtk_paper_size_is_custom (paper)
          && !sd_store_set_setting (self->store, paper_key, gtk_paper_size_get_name (paper), &error))
        g_warning ("Cannot remember the paper: %s", error->message);
      gtk_paper_size_free (paper);
    }
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               SdDocWindow             *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      {
        g_autofree char *message = g_strdup_printf (_("Printing failed: %s"),
                                                    error ? error->message : "");
        show_status (self, message);
      }
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    remember_choice (self, operation);
  g_object_unref (operation);
}

static void
action_print (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SdDocWindow *self = SD_DOC_WINDOW (widget);
  GtkPrintOperation *operation = new_operation (self);
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Printing failed: %s"), error->message);
      show_status (self, message);
    }
}

gboolean
sd_doc_window_print_to_file (SdDocWindow *self, const char *path, GError **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (SD_IS_DOC_WINDOW (self), FALSE);
  operation = new_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (self),
                                    error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

gboolean
sd_doc_window_save_to_file (SdDocWindow *self, GFile *file, GError **error)
{
  g_return_val_if_fail (SD_IS_DOC_WINDOW (self), FALSE);
  return g_file_replace_contents (file, g_bytes_get_data (self->pdf, NULL),
                                  g_bytes_get_size (self->pdf), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
on_save_response (GtkNativeDialog *chooser, int response, SdDocWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = NULL;

      if (sd_doc_window_save_to_file (self, file, &error))
        message = g_strdup_printf (_("Saved “%s”"), name);
      else
        message = g_strdup_printf (_("Cannot save “%s”: %s"), name, error->message);
      show_status (self, message);
    }
  g_object_unref (chooser);
}

static void
action_save (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SdDocWindow *self = SD_DOC_WINDOW (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Save as PDF"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Save"), _("_Cancel"));
  GtkFileFilter *pdfs = gtk_file_filter_new ();

  gtk_file_filter_set_name (pdfs, _("PDF documents"));
  gtk_file_filter_add_mime_type (pdfs, "application/pdf");
  gtk_file_filter_add_suffix (pdfs, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdfs);
  g_object_unref (pdfs);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), self->file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_escpos_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(SdDocWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *message = NULL;

  if (!sd_escpos_send_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self, error->message);
    }
  else
    {
      address = sd_store_get_setting (self->store, SD_SETTING_ESCPOS_ADDRESS, "");
      message = g_strdup_printf (_("Sent to the receipt printer at %s"), address);
      show_status (self, message);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.escpos", self->escpos != NULL);
}

static void
action_escpos (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SdDocWindow *self = SD_DOC_WINDOW (widget);
  g_autofree char *address = sd_store_get_setting (self->store, SD_SETTING_ESCPOS_ADDRESS, "");

  if (self->escpos == NULL)
    return;
  gtk_widget_action_set_enabled (widget, "doc.escpos", FALSE);
  sd_escpos_send_async (address, self->escpos, self->cancellable, on_escpos_sent,
                        g_object_ref (self));
}

static void
sd_doc_window_dispose (GObject *object)
{
  SdDocWindow *self = SD_DOC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_DOC_WINDOW);
  g_clear_object (&self->document);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->escpos, g_bytes_unref);
  G_OBJECT_CLASS (sd_doc_window_parent_class)->dispose (object);
}

static void
sd_doc_window_finalize (GObject *object)
{
  SdDocWindow *self = SD_DOC_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->kind_key);
  g_free (self->file_name);
  g_free (self->status);
  G_OBJECT_CLASS (sd_doc_window_parent_class)->finalize (object);
}

static void
sd_doc_window_class_init (SdDocWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_doc_window_dispose;
  object_class->finalize = sd_doc_window_finalize;

  g_type_ensure (SD_TYPE_DOC_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-doc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SdDocWindow, title);
  gtk_widget_class_bind_template_child (widget_class, SdDocWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SdDocWindow, preview);
  gtk_widget_class_bind_template_child (widget_class, SdDocWindow, escpos_button);

  gtk_widget_class_install_action (widget_class, "doc.print", NULL, action_print);
  gtk_widget_class_install_action (widget_class, "doc.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "doc.escpos", NULL, action_escpos);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "doc.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "doc.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sd_doc_window_init (SdDocWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.escpos", FALSE);
}

SdDocWindow *
sd_doc_window_new (GtkWindow   *parent,
                   SdStore     *store,
                   const char  *kind_key,
                   const char  *title,
                   const char  *file_name,
                   GBytes      *pdf,
                   GError     **error)
{
  SdDocWindow *self;
  PopplerDocument *document;
  double w, h;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (kind_key != NULL && pdf != NULL, NULL);

  document = poppler_document_new_from_bytes (pdf, NULL, error);
  if (document == NULL)
    return NULL;
  self = g_object_new (SD_TYPE_DOC_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->kind_key = g_strdup (kind_key);
  self->file_name = g_strdup (file_name ? file_name : "document.pdf");
  self->pdf = g_bytes_ref (pdf);
  self->document = document;
  adw_window_title_set_title (self->title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (!sd_doc_preview_load_bytes (self->preview, pdf, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  {
    g_autofree char *pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d page", "%d pages",
                                                           sd_doc_preview_get_n_pages (self->preview)),
                                              sd_doc_preview_get_n_pages (self->preview));
    adw_window_title_set_subtitle (self->title, pages);
  }
  first_page_size (self, &w, &h);
  if (w <= ROLL_MAX_WIDTH_PT)
    gtk_window_set_default_size (GTK_WINDOW (self), 580, 780);
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 860, 900);
  return self;
}

void
sd_doc_window_set_escpos (SdDocWindow *self, GBytes *escpos)
{
  g_return_if_fail (SD_IS_DOC_WINDOW (self));

  g_clear_pointer (&self->escpos, g_bytes_unref);
  if (escpos != NULL)
    self->escpos = g_bytes_ref (escpos);
  gtk_widget_set_visible (GTK_WIDGET (self->escpos_button), escpos != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.escpos", escpos != NULL);
}

SdDocPreview *
sd_doc_window_get_preview (SdDocWindow *self)
{
  g_return_val_if_fail (SD_IS_DOC_WINDOW (self), NULL);
  return self->preview;
}

const char *
sd_doc_window_get_kind_key (SdDocWindow *self)
{
  g_return_val_if_fail (SD_IS_DOC_WINDOW (self), NULL);
  return self->kind_key;
}

const char *
sd_doc_window_get_status (SdDocWindow *self)
{
  g_return_val_if_fail (SD_IS_DOC_WINDOW (self), NULL);
  return self->status;
}
