/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One customer's follow-up history (跟进记录), newest first: what kind, when, by whom, what
 * was said or done, and whether the next follow-up is open, due or done. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "sd-date.h"
#include "sd-follow-up-list.h"

struct _SdFollowUpList
{
  AdwPreferencesGroup  parent_instance;

  SdStore             *store;
  gint64               customer_id;
  GPtrArray           *follow_ups;   /* SdFollowUp*, newest first */
  GPtrArray           *rows;         /* the rows added to the group, entries or placeholder */
};

G_DEFINE_FINAL_TYPE (SdFollowUpList, sd_follow_up_list, ADW_TYPE_PREFERENCES_GROUP)

const char *
sd_follow_up_kind_icon_name (SdFollowUpKind kind)
{
  switch (kind)
    {
    case SD_FOLLOW_UP_CALL:
      return "call-start-symbolic";
    case SD_FOLLOW_UP_VISIT:
      return "user-home-symbolic";
    case SD_FOLLOW_UP_COMPLAINT:
      return "dialog-warning-symbolic";
    case SD_FOLLOW_UP_NOTE:
    default:
      return "document-edit-symbolic";
    }
}

char *
sd_follow_up_format_day (const char *date)
{
  g_autoptr(GDateTime) day = NULL;
  guint y, m, d;

  if (date == NULL || sscanf (date, "%u-%u-%u", &y, &m, &d) != 3)
    return g_strdup (date ? date : "");
  day = g_date_time_new_local ((int) y, (int) m, (int) d, 12, 0, 0);
  if (day == NULL)
    return g_strdup (date);
  /* TRANSLATORS: a date format, see g_date_time_format(); 2025年3月8日 in Chinese */
  return g_date_time_format (day, _("%Y-%m-%d"));
}

const char *
sd_follow_up_weekday (const char *date)
{
  /* from the translations rather than the C library's locale, which may not be the
   * interface language (and is not on Windows) */
  static const char *names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
  };
  GDate day;
  guint y, m, d;

  if (date == NULL || sscanf (date, "%u-%u-%u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return "";
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return _(names[g_date_get_weekday (&day) - G_DATE_MONDAY]);
}

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* TRANSLATORS: date and time of a follow-up, see g_date_time_format();
   * “2025年3月8日 14:30” in Chinese */
  return local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : g_strdup ("");
}

static GtkWidget *
badge (const char *text,
       const char *state)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "follow-up-badge");
  gtk_widget_add_css_class (label, state);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
entry_row (SdFollowUp *f,
           const char *today)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (sd_follow_up_kind_icon_name (f->kind));
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *kind = gtk_label_new (sd_follow_up_kind_label (f->kind));
  GtkWidget *meta, *text;
  g_autofree char *when = format_time (f->at);
  g_autofree char *meta_text = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sd_follow_up_kind_label (f->kind));
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  if (f->kind == SD_FOLLOW_UP_COMPLAINT)
    gtk_widget_add_css_class (icon, "warning");
  else
    gtk_widget_add_css_class (icon, "dim-label");
  gtk_box_append (GTK_BOX (box), icon);

  gtk_widget_add_css_class (kind, "heading");
  gtk_box_append (GTK_BOX (header), kind);

  /* when · who */
  meta_text = *f->who ? g_strdup_printf ("%s · %s", when, f->who) : g_strdup (when);
  meta = gtk_label_new (meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (meta, TRUE);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "numeric");
  gtk_box_append (GTK_BOX (header), meta);

  if (f->done)
    gtk_box_append (GTK_BOX (header), badge (C_("follow-up", "Done"), "done"));
  else if (*f->next_date && g_strcmp0 (f->next_date, today) <= 0)
    gtk_box_append (GTK_BOX (header), badge (C_("follow-up", "Due"), "due"));
  else
    gtk_box_append (GTK_BOX (header), badge (C_("follow-up", "Open"), "open"));
  gtk_box_append (GTK_BOX (column), header);

  text = gtk_label_new (f->text);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_box_append (GTK_BOX (column), text);
  g_object_set_data (G_OBJECT (row), "text-label", text);

  if (*f->next_date)
    {
      g_autofree char *day = sd_follow_up_format_day (f->next_date);
      /* TRANSLATORS: the date to follow up with the customer again */
      g_autofree char *next_text = g_strdup_printf (_("Next: %s"), day);
      GtkWidget *next = gtk_label_new (next_text);

      gtk_label_set_xalign (GTK_LABEL (next), 0);
      gtk_widget_add_css_class (next, "caption");
      gtk_widget_add_css_class (next, "dim-label");
      gtk_box_append (GTK_BOX (column), next);
    }

  gtk_widget_set_hexpand (column, TRUE);
  gtk_box_append (GTK_BOX (box), column);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
placeholder_row (void)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (_("No follow-ups logged yet"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (label, 14);
  gtk_widget_set_margin_bottom (label, 14);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  return row;
}

static void
clear_rows (SdFollowUpList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->follow_ups, g_ptr_array_unref);
}

static void
add_row (SdFollowUpList *self,
         GtkWidget      *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static void
sd_follow_up_list_dispose (GObject *object)
{
  SdFollowUpList *self = (SdFollowUpList *) object;

  g_clear_pointer (&self->follow_ups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_follow_up_list_parent_class)->dispose (object);
}

static void
sd_follow_up_list_class_init (SdFollowUpListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_follow_up_list_dispose;
}

static void
sd_follow_up_list_init (SdFollowUpList *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self), "follow-up-list");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Follow-ups"));
  add_row (self, placeholder_row ());
}

GtkWidget *
sd_follow_up_list_new (void)
{
  return g_object_new (SD_TYPE_FOLLOW_UP_LIST, NULL);
}

void
sd_follow_up_list_reload (SdFollowUpList *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;

  g_return_if_fail (SD_IS_FOLLOW_UP_LIST (self));

  clear_rows (self);
  if (self->store != NULL && self->customer_id > 0)
    {
      self->follow_ups = sd_store_list_follow_ups (self->store, self->customer_id, &error);
      if (self->follow_ups == NULL)
        g_warning ("Cannot load the follow-ups: %s", error->message);
    }
  if (self->follow_ups == NULL || self->follow_ups->len == 0)
    {
      add_row (self, placeholder_row ());
      return;
    }

  today = sd_date_today ();
  for (guint i = 0; i < self->follow_ups->len; i++)
    add_row (self, entry_row (g_ptr_array_index (self->follow_ups, i), today));
}

void
sd_follow_up_list_set_customer (SdFollowUpList *self,
                                SdStore        *store,
                                gint64          customer_id)
{
  g_return_if_fail (SD_IS_FOLLOW_UP_LIST (self));
  g_return_if_fail (store == NULL || SD_IS_STORE (store));

  g_set_object (&self->store, store);
  self->customer_id = customer_id;
  sd_follow_up_list_reload (self);
}

guint
sd_follow_up_list_get_n_entries (SdFollowUpList *self)
{
  g_return_val_if_fail (SD_IS_FOLLOW_UP_LIST (self), 0);
  return self->follow_ups ? self->follow_ups->len : 0;
}

const char *
sd_follow_up_list_get_entry_text (SdFollowUpList *self,
                                  guint           index)
{
  g_return_val_if_fail (SD_IS_FOLLOW_UP_LIST (self), NULL);

  if (self->follow_ups == NULL || index >= self->follow_ups->len || index >= self->rows->len)
    return NULL;
  /* what the row shows, not what was loaded */
  return gtk_label_get_label (g_object_get_data (g_ptr_array_index (self->rows, index), "text-label"));
}
