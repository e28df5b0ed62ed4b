/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Log a follow-up (跟进记录) for one customer: what was said or done, by whom, and when to
 * follow up next. The core decides what is valid; the dialog shows its verdict under the
 * field it concerns. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-date.h"
#include "sd-follow-up-dialog.h"
#include "sd-follow-up-list.h"

/* The shop's settings key remembering who logged the last follow-up at this counter. */
#define WHO_SETTING "follow_up.who"

struct _SdFollowUpDialog
{
  AdwWindow       parent_instance;

  SdStore        *store;
  gint64          customer_id;
  char           *error;       /* the message shown, or NULL */

  AdwWindowTitle *title;
  GtkButton      *save_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwComboRow    *kind_row;
  AdwEntryRow    *who_row;
  GtkWidget      *text_card;
  GtkTextView    *text_view;
  GtkRevealer    *text_error_revealer;
  GtkLabel       *text_error_label;
  AdwEntryRow    *next_row;
  GtkLabel       *weekday_label;
  GtkRevealer    *date_error_revealer;
  GtkLabel       *date_error_label;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdFollowUpDialog, sd_follow_up_dialog, ADW_TYPE_WINDOW)

/* --- helpers -------------------------------------------------------------------------------- */

static char *
get_text (SdFollowUpDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_next_days (SdFollowUpDialog *self,
               int               days)
{
  g_autofree char *today = sd_date_today ();
  g_autofree char *date = sd_date_add_days (today, days);

  gtk_editable_set_text (GTK_EDITABLE (self->next_row), date ? date : "");
}

static void
clear_marks (SdFollowUpDialog *self)
{
  g_clear_pointer (&self->error, g_free);
  gtk_widget_remove_css_class (self->text_card, "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->next_row), "error");
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_revealer_set_reveal_child (self->text_error_revealer, FALSE);
  gtk_revealer_set_reveal_child (self->date_error_revealer, FALSE);
}

static void
show_error (SdFollowUpDialog *self,
            const GError     *error)
{
  GtkRevealer *revealer = self->error_revealer;
  GtkLabel *label = self->error_label;
  GtkWidget *field = NULL;
  GtkWidget *focus = NULL;

  if (error->domain == SD_DATE_ERROR)
    {
      revealer = self->date_error_revealer;
      label = self->date_error_label;
      field = focus = GTK_WIDGET (self->next_row);
    }
  else if (g_error_matches (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID))
    {
      /* the only rule the core checks besides the date: the text is required */
      revealer = self->text_error_revealer;
      label = self->text_error_label;
      field = self->text_card;
      focus = GTK_WIDGET (self->text_view);
    }
  else
    g_warning ("Cannot log a follow-up: %s", error->message);

  g_free (self->error);
  self->error = g_strdup (error->message);
  gtk_label_set_label (label, error->message);
  gtk_revealer_set_reveal_child (revealer, TRUE);
  if (field != NULL)
    gtk_widget_add_css_class (field, "error");
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
remember_who (SdFollowUpDialog *self,
              const char       *who)
{
  g_autofree char *before = sd_store_get_setting (self->store, WHO_SETTING, "");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (before, who) != 0 &&
      !sd_store_set_setting (self->store, WHO_SETTING, who, &error))
    g_warning ("Cannot remember who logged the follow-up: %s", error->message);
}

/* --- callbacks ------------------------------------------------------------------------------ */

static void
on_save_clicked (SdFollowUpDialog *self)
{
  sd_follow_up_dialog_save (self);
}

/* Editing a field the error was about takes the error away. */
static void
clear_field_error (SdFollowUpDialog *self,
                   GtkWidget        *field,
                   GtkRevealer      *revealer)
{
  gtk_widget_remove_css_class (field, "error");
  if (gtk_revealer_get_reveal_child (revealer))
    {
      gtk_revealer_set_reveal_child (revealer, FALSE);
      g_clear_pointer (&self->error, g_free);
    }
}

static void
on_next_changed (SdFollowUpDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->next_row));
  g_autofree char *date = sd_date_normalize (text, NULL);

  /* the weekday of a date the core can read, so 周五 can be checked at a glance */
  gtk_label_set_label (self->weekday_label, sd_follow_up_weekday (date));
  clear_field_error (self, GTK_WIDGET (self->next_row), self->date_error_revealer);
}

static void
on_text_changed (SdFollowUpDialog *self)
{
  clear_field_error (self, self->text_card, self->text_error_revealer);
}

static gboolean
save_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  sd_follow_up_dialog_save (SD_FOLLOW_UP_DIALOG (widget));
  return TRUE;
}

static void
action_tomorrow (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  set_next_days (SD_FOLLOW_UP_DIALOG (widget), 1);
}

static void
action_next_week (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  set_next_days (SD_FOLLOW_UP_DIALOG (widget), 7);
}

static void
action_no_next (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SdFollowUpDialog *self = SD_FOLLOW_UP_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->next_row), "");
}

/* --- type ----------------------------------------------------------------------------------- */

static void
sd_follow_up_dialog_dispose (GObject *object)
{
  SdFollowUpDialog *self = (SdFollowUpDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_FOLLOW_UP_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (sd_follow_up_dialog_parent_class)->dispose (object);
}

static void
sd_follow_up_dialog_class_init (SdFollowUpDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_follow_up_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-follow-up-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, title);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, who_row);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, text_card);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, text_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, text_error_label);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, next_row);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, weekday_label);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, date_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdFollowUpDialog, date_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_changed);

  gtk_widget_class_install_action (widget_class, "follow-up.tomorrow", NULL, action_tomorrow);
  gtk_widget_class_install_action (widget_class, "follow-up.next-week", NULL, action_next_week);
  gtk_widget_class_install_action (widget_class, "follow-up.no-next", NULL, action_no_next);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sd_follow_up_dialog_init (SdFollowUpDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkEventController *shortcuts;
  static const char *save_triggers[] = { "<Control>Return", "<Control>KP_Enter", "<Control>s" };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < SD_FOLLOW_UP_N_KINDS; i++)
    gtk_string_list_append (kinds, sd_follow_up_kind_label ((SdFollowUpKind) i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  /* In the capture phase: the text view would otherwise take Ctrl+Enter as a newline. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (save_triggers); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (save_triggers[i]),
                        gtk_callback_action_new (save_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);
}

/* --- public API ----------------------------------------------------------------------------- */

GtkWidget *
sd_follow_up_dialog_new (SdStore    *store,
                         gint64      customer_id,
                         const char *customer_name)
{
  SdFollowUpDialog *self;
  g_autofree char *who = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_FOLLOW_UP_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->customer_id = customer_id;

  adw_window_title_set_subtitle (self->title, customer_name ? customer_name : "");
  who = sd_store_get_setting (store, WHO_SETTING, "");
  gtk_editable_set_text (GTK_EDITABLE (self->who_row), who);

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  return GTK_WIDGET (self);
}

gboolean
sd_follow_up_dialog_save (SdFollowUpDialog *self)
{
  g_autoptr(SdFollowUp) follow_up = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *who;

  g_return_val_if_fail (SD_IS_FOLLOW_UP_DIALOG (self), FALSE);

  clear_marks (self);
  text = get_text (self);
  who = gtk_editable_get_text (GTK_EDITABLE (self->who_row));
  follow_up = sd_follow_up_new (self->customer_id,
                                (SdFollowUpKind) adw_combo_row_get_selected (self->kind_row),
                                text);
  g_free (follow_up->who);
  follow_up->who = g_strstrip (g_strdup (who));
  g_free (follow_up->next_date);
  follow_up->next_date = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->next_row)));

  if (!sd_store_add_follow_up (self->store, follow_up, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  remember_who (self, follow_up->who);

  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->customer_id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  return TRUE;
}

gint64
sd_follow_up_dialog_get_customer_id (SdFollowUpDialog *self)
{
  g_return_val_if_fail (SD_IS_FOLLOW_UP_DIALOG (self), 0);
  return self->customer_id;
}

void
sd_follow_up_dialog_set_kind (SdFollowUpDialog *self,
                              SdFollowUpKind    kind)
{
  g_return_if_fail (SD_IS_FOLLOW_UP_DIALOG (self));
  g_return_if_fail ((guint) kind < SD_FOLLOW_UP_N_KINDS);
  adw_combo_row_set_selected (self->kind_row, kind);
}

void
sd_follow_up_dialog_set_text (SdFollowUpDialog *self,
                              const char       *text)
{
  g_return_if_fail (SD_IS_FOLLOW_UP_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
}

void
sd_follow_up_dialog_set_who (SdFollowUpDialog *self,
                             const char       *who)
{
  g_return_if_fail (SD_IS_FOLLOW_UP_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->who_row), who ? who : "");
}

void
sd_follow_up_dialog_set_next_date (SdFollowUpDialog *self,
                                   const char       *text)
{
  g_return_if_fail (SD_IS_FOLLOW_UP_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->next_row), text ? text : "");
}

const char *
sd_follow_up_dialog_get_next_date (SdFollowUpDialog *self)
{
  g_return_val_if_fail (SD_IS_FOLLOW_UP_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->next_row));
}

const char *
sd_follow_up_dialog_get_error (SdFollowUpDialog *self)
{
  g_return_val_if_fail (SD_IS_FOLLOW_UP_DIALOG (self), NULL);
  return self->error ? self->error : "";
}
