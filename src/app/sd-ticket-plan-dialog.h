/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sd-pricing.h"

G_BEGIN_DECLS

#define SD_TYPE_TICKET_PLAN_DIALOG (sd_ticket_plan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SdTicketPlanDialog, sd_ticket_plan_dialog, SD, TICKET_PLAN_DIALOG, AdwWindow)

/* Edits a water ticket plan (水票套餐), or makes a new one when `plan` is NULL. A plan that
 * has been sold keeps its product, tickets and price: the store refuses, and the dialog
 * shows why. Emits ::saved (gint64 id). */
GtkWidget  *sd_ticket_plan_dialog_new            (SdStore            *store,
                                                  const SdTicketPlan *plan);
/* Reads the form and saves; on failure shows the message and returns FALSE. */
gboolean    sd_ticket_plan_dialog_save           (SdTicketPlanDialog *self);

/* For tests: fill the form like a user would. */
void        sd_ticket_plan_dialog_set_name       (SdTicketPlanDialog *self,
                                                  const char         *name);
/* FALSE when the product is not in the list. */
gboolean    sd_ticket_plan_dialog_set_product    (SdTicketPlanDialog *self,
                                                  gint64              product_id);
void        sd_ticket_plan_dialog_set_tickets    (SdTicketPlanDialog *self,
                                                  int                 tickets,
                                                  int                 bonus_tickets);
void        sd_ticket_plan_dialog_set_price      (SdTicketPlanDialog *self,
                                                  const char         *text);
void        sd_ticket_plan_dialog_set_valid_days (SdTicketPlanDialog *self,
                                                  int                 days);
void        sd_ticket_plan_dialog_set_active     (SdTicketPlanDialog *self,
                                                  gboolean            active);
const char *sd_ticket_plan_dialog_get_error      (SdTicketPlanDialog *self);

G_END_DECLS
