/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Due follow-ups" area (今日待跟进): every open follow-up whose next date has come, oldest
 * first, with what was said last time. Each can be closed or followed up from here; activating
 * a row asks the window to open the customer. The list is small, so it is loaded whole. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "sd-window.h"

#include "sd-customer.h"
#include "sd-date.h"
#include "sd-due-view.h"
#include "sd-follow-up-dialog.h"
#include "sd-follow-up-list.h"

struct _SdDueView
{
  AdwBin          parent_instance;

  SdStore        *store;
  GPtrArray      *items;    /* SdFollowUp*, in the order shown */
  GPtrArray      *rows;     /* GtkListBoxRow*, one per item */
  GtkWindow      *dialog;   /* weak: the open "Log Follow-up" dialog */
  AdwToast       *toast;    /* the "… is done" toast while it shows */

  AdwWindowTitle *title;
  GtkStack       *stack;
  GtkLabel       *date_label;
  GtkListBox     *list_box;
};

enum {
  PROP_0,
  PROP_N_DUE,
  N_PROPS
};

enum {
  SIGNAL_OPEN_CUSTOMER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdDueView, sd_due_view, ADW_TYPE_BIN)

/* --- helpers -------------------------------------------------------------------------------- */

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%u-%u-%u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* Days from `due` to `today`: 0 when due today, > 0 when overdue. */
static int
days_overdue (const char *due,
              const char *today)
{
  GDate a, b;

  if (!parse_date (due, &a) || !parse_date (today, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

static void
show_error (SdDueView *self,
            const GError *error)
{
  sd_toast (GTK_WIDGET (self), error->message);
}

static void
on_toast_dismissed (SdDueView *self)
{
  g_clear_object (&self->toast);
}

static void on_undo_done (SdDueView *self,
                          AdwToast  *toast);

/* One "… is done" toast at a time, with Undo for the follow-up closed last: closing several
 * in a row changes the toast on screen rather than queueing more. (Dismissing a toast and
 * adding another in the same moment raced libadwaita 1.2's hide animation.) */
static void
show_done_toast (SdDueView  *self,
                 const char *message,
                 gint64      id)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    return;
  if (self->toast == NULL)
    {
      self->toast = adw_toast_new (message);
      /* one click closes it, so one click brings it back */
      adw_toast_set_button_label (self->toast, _("_Undo"));
      g_signal_connect_object (self->toast, "dismissed", G_CALLBACK (on_toast_dismissed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->toast, "button-clicked", G_CALLBACK (on_undo_done), self,
                               G_CONNECT_SWAPPED);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (self->toast));
    }
  else
    adw_toast_set_title (self->toast, message);
  g_object_set_data (G_OBJECT (self->toast), "follow-up-id", GSIZE_TO_POINTER ((gsize) id));
}

static const SdFollowUp *
find_item (SdDueView *self,
           gint64     id)
{
  for (guint i = 0; self->items && i < self->items->len; i++)
    {
      const SdFollowUp *f = g_ptr_array_index (self->items, i);
      if (f->id == id)
        return f;
    }
  return NULL;
}

static GtkWidget *
row_button (const char *icon_name,
            const char *label,
            const char *tooltip,
            const char *action,
            gint64      id)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  return button;
}

static GtkWidget *
label_new (const char *text,
           const char *style,
           ...)
{
  GtkWidget *label = gtk_label_new (text);
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  va_start (args, style);
  for (const char *s = style; s != NULL; s = va_arg (args, const char *))
    gtk_widget_add_css_class (label, s);
  va_end (args);
  return label;
}

static GtkWidget *
due_row (SdFollowUp *f,
         const char *today)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *avatar = adw_avatar_new (40, f->customer_name, TRUE);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *line, *name, *phone, *icon, *text, *due, *buttons;
  g_autofree char *formatted = *f->customer_phone ? sd_phone_format (f->customer_phone)
                                                   : g_strdup ("");
  g_autofree char *due_text = NULL;
  g_autofree char *day = sd_follow_up_format_day (f->next_date);
  int overdue = days_overdue (f->next_date, today);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_valign (avatar, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), avatar);

  /* 王建国   138 0571 2345 */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  name = label_new (f->customer_name, "heading", NULL);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  phone = label_new (formatted, "numeric", "dim-label", NULL);
  gtk_box_append (GTK_BOX (line), name);
  gtk_box_append (GTK_BOX (line), phone);
  gtk_box_append (GTK_BOX (column), line);

  /* what was said last time */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  icon = gtk_image_new_from_icon_name (sd_follow_up_kind_icon_name (f->kind));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, sd_follow_up_kind_label (f->kind));
  gtk_widget_add_css_class (icon, "dim-label");
  text = label_new (f->text, NULL);
  /* one line, the whole text in the tooltip: a wrapped, ellipsized label measures a
   * different height with and without a width in GTK 4.8 (Chinese and Latin fonts) */
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (text, f->text);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (line), icon);
  gtk_box_append (GTK_BOX (line), text);
  gtk_box_append (GTK_BOX (column), line);

  /* due today / 3 days overdue · the planned day */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (overdue > 0)
    {
      due_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue",
                                               "%d days overdue", (gulong) overdue), overdue);
      due = label_new (due_text, "caption-heading", "error", NULL);
    }
  else
    due = label_new (_("Due today"), "caption-heading", "accent", NULL);
  gtk_box_append (GTK_BOX (line), due);
  if (overdue > 0)
    gtk_box_append (GTK_BOX (line), label_new (day, "caption", "dim-label", NULL));
  if (*f->who)
    {
      /* TRANSLATORS: who logged the follow-up, e.g. “by 店长” */
      g_autofree char *by = g_strdup_printf (_("by %s"), f->who);
      gtk_box_append (GTK_BOX (line), label_new (by, "caption", "dim-label", NULL));
    }
  gtk_box_append (GTK_BOX (column), line);

  gtk_widget_set_hexpand (column, TRUE);
  gtk_widget_set_valign (column, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), column);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons),
                  row_button ("document-edit-symbolic", _("Log"),
                              _("Log a follow-up for this customer"), "due.log", f->id));
  gtk_box_append (GTK_BOX (buttons),
                  row_button ("object-select-symbolic", _("Done"),
                              _("Mark as done: nothing more to follow up"), "due.done", f->id));
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Open the customer"));
  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "phone", phone);
  g_object_set_data (G_OBJECT (row), "text", text);
  g_object_set_data (G_OBJECT (row), "due", due);
  return row;
}

static void
clear_rows (SdDueView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list_box, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
update_header (SdDueView  *self,
               const char *today)
{
  guint n = self->items ? self->items->len : 0;
  g_autofree char *subtitle = NULL;
  g_autofree char *day = sd_follow_up_format_day (today);
  g_autofree char *heading = NULL;

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up due",
                                           "%u follow-ups due", n), n);
  adw_window_title_set_subtitle (self->title, n > 0 ? subtitle : "");

  heading = g_strdup_printf ("%s  %s", day, sd_follow_up_weekday (today));
  gtk_label_set_label (self->date_label, heading);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

/* --- callbacks ------------------------------------------------------------------------------ */

static void
on_row_activated (SdDueView     *self,
                  GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);
  const SdFollowUp *f;

  if (self->items == NULL || index < 0 || (guint) index >= self->items->len)
    return;
  f = g_ptr_array_index (self->items, index);
  g_signal_emit (self, signals[SIGNAL_OPEN_CUSTOMER], 0, f->customer_id);
}

static void
on_dialog_saved (SdDueView *self,
                 gint64     customer_id)
{
  sd_due_view_reload (self);
}

static void
on_map (GtkWidget *widget,
        gpointer   user_data)
{
  sd_due_view_reload (SD_DUE_VIEW (widget));
}

static void
action_reload (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sd_due_view_reload (SD_DUE_VIEW (widget));
}

static void
on_undo_done (SdDueView *self,
              AdwToast  *toast)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "follow-up-id"));
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || id == 0)
    return;
  if (!sd_store_set_follow_up_done (self->store, id, FALSE, &error))
    show_error (self, error);
  sd_due_view_reload (self);
}

static void
action_done (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SdDueView *self = SD_DUE_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const SdFollowUp *f = find_item (self, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->store == NULL || f == NULL)
    return;
  if (!sd_store_set_follow_up_done (self->store, id, TRUE, &error))
    {
      show_error (self, error);
      return;
    }
  message = g_strdup_printf (_("Follow-up with %s is done"), f->customer_name);
  show_done_toast (self, message, id);   /* before the reload frees the item */
  sd_due_view_reload (self);
}

static void
action_log (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SdDueView *self = SD_DUE_VIEW (widget);
  const SdFollowUp *f = find_item (self, g_variant_get_int64 (parameter));
  GtkWidget *dialog;
  GtkRoot *root;

  if (self->store == NULL || f == NULL)
    return;
  if (self->dialog != NULL)
    {
      gtk_window_present (self->dialog);
      return;
    }

  dialog = sd_follow_up_dialog_new (self->store, f->customer_id, f->customer_name);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- type ----------------------------------------------------------------------------------- */

static void
sd_due_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SdDueView *self = SD_DUE_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_DUE:
      g_value_set_uint (value, sd_due_view_get_n_due (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_due_view_dispose (GObject *object)
{
  SdDueView *self = (SdDueView *) object;

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  if (self->toast != NULL)
    g_signal_handlers_disconnect_by_data (self->toast, self);
  g_clear_object (&self->toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_DUE_VIEW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_due_view_parent_class)->dispose (object);
}

static void
sd_due_view_class_init (SdDueViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sd_due_view_get_property;
  object_class->dispose = sd_due_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-due-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SdDueView, title);
  gtk_widget_class_bind_template_child (widget_class, SdDueView, stack);
  gtk_widget_class_bind_template_child (widget_class, SdDueView, date_label);
  gtk_widget_class_bind_template_child (widget_class, SdDueView, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  properties[PROP_N_DUE] =
    g_param_spec_uint ("n-due", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OPEN_CUSTOMER] =
    g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "due.reload", NULL, action_reload);
  gtk_widget_class_install_action (widget_class, "due.done", "x", action_done);
  gtk_widget_class_install_action (widget_class, "due.log", "x", action_log);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "due.reload", NULL);
}

static void
sd_due_view_init (SdDueView *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  update_header (self, NULL);

  /* the day may have turned, or follow-ups been logged elsewhere, since it was last shown */
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

/* --- public API ----------------------------------------------------------------------------- */

GtkWidget *
sd_due_view_new (void)
{
  return g_object_new (SD_TYPE_DUE_VIEW, NULL);
}

void
sd_due_view_set_store (SdDueView *self,
                       SdStore   *store)
{
  g_return_if_fail (SD_IS_DUE_VIEW (self));
  g_return_if_fail (store == NULL || SD_IS_STORE (store));

  g_set_object (&self->store, store);
  sd_due_view_reload (self);
}

void
sd_due_view_reload (SdDueView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  guint before;

  g_return_if_fail (SD_IS_DUE_VIEW (self));

  before = sd_due_view_get_n_due (self);
  clear_rows (self);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  today = sd_date_today ();
  if (self->store != NULL)
    {
      self->items = sd_store_list_due_follow_ups (self->store, today, &error);
      if (self->items == NULL)
        show_error (self, error);
    }
  for (guint i = 0; self->items && i < self->items->len; i++)
    {
      GtkWidget *row = due_row (g_ptr_array_index (self->items, i), today);
      gtk_list_box_append (self->list_box, row);
      g_ptr_array_add (self->rows, row);
    }
  update_header (self, today);

  if (sd_due_view_get_n_due (self) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
}

guint
sd_due_view_get_n_due (SdDueView *self)
{
  g_return_val_if_fail (SD_IS_DUE_VIEW (self), 0);
  return self->items ? self->items->len : 0;
}

const SdFollowUp *
sd_due_view_get_follow_up (SdDueView *self,
                           guint      index)
{
  g_return_val_if_fail (SD_IS_DUE_VIEW (self), NULL);
  if (self->items == NULL || index >= self->items->len)
    return NULL;
  return g_ptr_array_index (self->items, index);
}

GtkWidget *
sd_due_view_get_row (SdDueView *self,
                     guint      index)
{
  g_return_val_if_fail (SD_IS_DUE_VIEW (self), NULL);
  return index < self->rows->len ? g_ptr_array_index (self->rows, index) : NULL;
}

const char *
sd_due_view_get_row_label (SdDueView  *self,
                           guint       index,
                           const char *which)
{
  GtkWidget *row = sd_due_view_get_row (self, index);
  GtkLabel *label = row ? g_object_get_data (G_OBJECT (row), which) : NULL;

  return label ? gtk_label_get_label (label) : NULL;
}

const char *
sd_due_view_get_page_name (SdDueView *self)
{
  g_return_val_if_fail (SD_IS_DUE_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWindow *
sd_due_view_get_dialog (SdDueView *self)
{
  g_return_val_if_fail (SD_IS_DUE_VIEW (self), NULL);
  return self->dialog;
}

AdwToast *
sd_due_view_get_toast (SdDueView *self)
{
  g_return_val_if_fail (SD_IS_DUE_VIEW (self), NULL);
  return self->toast;
}
