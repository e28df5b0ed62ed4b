/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One line of the customer list: avatar, name, kind, primary phone, default address. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include "sd-customer-row.h"

struct _SdCustomerRow
{
  AdwBin     parent_instance;

  AdwAvatar *avatar;
  GtkLabel  *name_label;
  GtkLabel  *kind_label;
  GtkLabel  *phone_label;
  GtkLabel  *address_label;
};

G_DEFINE_FINAL_TYPE (SdCustomerRow, sd_customer_row, ADW_TYPE_BIN)

static void
sd_customer_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SD_TYPE_CUSTOMER_ROW);
  G_OBJECT_CLASS (sd_customer_row_parent_class)->dispose (object);
}

static void
sd_customer_row_class_init (SdCustomerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_customer_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-customer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SdCustomerRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerRow, phone_label);
  gtk_widget_class_bind_template_child (widget_class, SdCustomerRow, address_label);
  gtk_widget_class_set_css_name (widget_class, "customerrow");
}

static void
sd_customer_row_init (SdCustomerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sd_customer_row_new (void)
{
  return g_object_new (SD_TYPE_CUSTOMER_ROW, NULL);
}

void
sd_customer_row_set_summary (SdCustomerRow     *self,
                             SdCustomerSummary *summary)
{
  g_autofree char *phone = NULL;
  SdCustomerKind kind;

  g_return_if_fail (SD_IS_CUSTOMER_ROW (self));

  if (summary == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->phone_label, "");
      gtk_label_set_label (self->address_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->kind_label), FALSE);
      return;
    }

  kind = sd_customer_summary_get_kind (summary);
  phone = sd_phone_format (sd_customer_summary_get_phone (summary));
  adw_avatar_set_text (self->avatar, sd_customer_summary_get_name (summary));
  gtk_label_set_label (self->name_label, sd_customer_summary_get_name (summary));
  gtk_label_set_label (self->phone_label, phone);
  gtk_label_set_label (self->address_label, sd_customer_summary_get_address (summary));
  gtk_label_set_label (self->kind_label, sd_customer_kind_label (kind));
  /* Households are the usual case; only other kinds carry a badge. */
  gtk_widget_set_visible (GTK_WIDGET (self->kind_label), kind != SD_CUSTOMER_KIND_HOUSEHOLD);
}

const char *
sd_customer_row_get_name_text (SdCustomerRow *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER_ROW (self), NULL);
  return gtk_label_get_label (self->name_label);
}
