/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One product of the shop's price list: name, unit, category, price, the deposit of its
 * bucket and whether the bucket comes back. Money is typed as text and parsed by
 * sd_money_parse; the store has the last word on everything else. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-money.h"
#include "sd-product-dialog.h"

struct _SdProductDialog
{
  AdwWindow       parent_instance;

  SdStore        *store;
  gint64          id;           /* 0 for a new product */

  AdwWindowTitle *title;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  AdwEntryRow    *unit_row;
  AdwEntryRow    *category_row;
  AdwEntryRow    *price_row;
  AdwEntryRow    *deposit_row;
  GtkSwitch      *returnable_switch;
  GtkSwitch      *active_switch;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SdProductDialog, sd_product_dialog, ADW_TYPE_WINDOW)

/* --- callbacks ----------------------------------------------------------------------------- */

/* a message goes once the owner changes the form */
static void
clear_error (SdProductDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->price_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->deposit_row), "error");
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_label (self->error_label, "");
}

static void
show_error (SdProductDialog *self,
            AdwEntryRow     *row,
            const GError    *error)
{
  gtk_label_set_label (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
on_save_clicked (SdProductDialog *self)
{
  sd_product_dialog_save (self);
}

static void
on_cancel_clicked (SdProductDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* --- type ---------------------------------------------------------------------------------- */

static void
sd_product_dialog_dispose (GObject *object)
{
  SdProductDialog *self = (SdProductDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_PRODUCT_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_product_dialog_parent_class)->dispose (object);
}

static void
sd_product_dialog_class_init (SdProductDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_product_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/songda/Songda/ui/sd-product-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdProductDialog, title);
  gtk_widget_class_bind_template_child (widget_class, SdProductDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdProductDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SdProductDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SdProductDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, SdProductDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, SdProductDialog, price_row);
  gtk_widget_class_bind_template_child (widget_class, SdProductDialog, deposit_row);
  gtk_widget_class_bind_template_child (widget_class, SdProductDialog, returnable_switch);
  gtk_widget_class_bind_template_child (widget_class, SdProductDialog, active_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, clear_error);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                (GtkShortcutFunc) sd_product_dialog_save, NULL);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sd_product_dialog_init (SdProductDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* --- public API ---------------------------------------------------------------------------- */

static void
set_money (AdwEntryRow *row,
           gint64       fen)
{
  g_autofree char *text = sd_money_format_plain (fen);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

GtkWidget *
sd_product_dialog_new (SdStore         *store,
                       const SdProduct *product)
{
  SdProductDialog *self;
  const char *title;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_PRODUCT_DIALOG, NULL);
  self->store = g_object_ref (store);
  title = product ? _("Edit Product") : _("New Product");
  adw_window_title_set_title (self->title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (product != NULL)
    {
      self->id = product->id;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), product->name ? product->name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->unit_row), product->unit ? product->unit : "");
      gtk_editable_set_text (GTK_EDITABLE (self->category_row),
                             product->category ? product->category : "");
      set_money (self->price_row, product->price_fen);
      set_money (self->deposit_row, product->deposit_fen);
      gtk_switch_set_active (self->returnable_switch, product->returnable_bucket);
      gtk_switch_set_active (self->active_switch, product->active);
    }
  else
    set_money (self->deposit_row, 0);
  clear_error (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return GTK_WIDGET (self);
}

gboolean
sd_product_dialog_save (SdProductDialog *self)
{
  g_autoptr(GError) error = NULL;
  SdProduct product = { 0 };
  g_autofree char *deposit = NULL;

  g_return_val_if_fail (SD_IS_PRODUCT_DIALOG (self), FALSE);

  clear_error (self);
  if (!sd_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->price_row)),
                       &product.price_fen, &error))
    {
      show_error (self, self->price_row, error);
      return FALSE;
    }
  /* no bucket, no deposit: an empty deposit is none */
  deposit = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->deposit_row))));
  if (*deposit != '\0' &&
      !sd_money_parse (deposit, &product.deposit_fen, &error))
    {
      show_error (self, self->deposit_row, error);
      return FALSE;
    }

  product.id = self->id;
  product.name = (char *) gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  product.unit = (char *) gtk_editable_get_text (GTK_EDITABLE (self->unit_row));
  product.category = (char *) gtk_editable_get_text (GTK_EDITABLE (self->category_row));
  product.returnable_bucket = gtk_switch_get_active (self->returnable_switch);
  product.active = gtk_switch_get_active (self->active_switch);
  if (!sd_store_save_product (self->store, &product, &error))
    {
      show_error (self, self->name_row, error);
      return FALSE;
    }

  self->id = product.id;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, product.id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

#define SETTER(field, row)                                                      \
void                                                                            \
sd_product_dialog_set_##field (SdProductDialog *self,                           \
                               const char      *text)                           \
{                                                                               \
  g_return_if_fail (SD_IS_PRODUCT_DIALOG (self));                               \
  gtk_editable_set_text (GTK_EDITABLE (self->row), text ? text : "");           \
}

SETTER (name, name_row)
SETTER (unit, unit_row)
SETTER (category, category_row)
SETTER (price, price_row)
SETTER (deposit, deposit_row)

#undef SETTER

void
sd_product_dialog_set_returnable (SdProductDialog *self,
                                  gboolean         returnable)
{
  g_return_if_fail (SD_IS_PRODUCT_DIALOG (self));
  gtk_switch_set_active (self->returnable_switch, returnable);
}

void
sd_product_dialog_set_active (SdProductDialog *self,
                              gboolean         active)
{
  g_return_if_fail (SD_IS_PRODUCT_DIALOG (self));
  gtk_switch_set_active (self->active_switch, active);
}

const char *
sd_product_dialog_get_error (SdProductDialog *self)
{
  g_return_val_if_fail (SD_IS_PRODUCT_DIALOG (self), NULL);
  return gtk_label_get_label (self->error_label);
}
