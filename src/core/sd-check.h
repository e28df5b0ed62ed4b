/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The integrity check: recomputes every invariant of orders, payments and the ledger from
 * the rows themselves and names each row that breaks one. */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *code;          /* stable identifier: "order-total", "ledger-missing" … */
  gint64      order_id;      /* 0 when not about one order */
  gint64      customer_id;   /* 0 when not about one customer */
  gint64      payment_id;
  char       *message;       /* translated, precise: which row, expected vs found */
} SdProblem;

void        sd_problem_free  (SdProblem  *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdProblem, sd_problem_free)

/* Fills `problems` with an array of SdProblem* (empty when everything holds). Returns
 * FALSE only when the database cannot be read. */
gboolean    sd_store_check   (SdStore    *store,
                              GPtrArray **problems,
                              GError    **error);

G_END_DECLS
