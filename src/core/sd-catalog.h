/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the shop sells and who delivers it. */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64    id;
  char     *name;
  char     *unit;         /* 桶, 瓶, 箱 … */
  char     *category;
  gint64    price_fen;
  gint64    deposit_fen;  /* bucket deposit per unit, 0 when none */
  gboolean  active;
  gboolean  returnable_bucket;  /* delivering it hands over a bucket that comes back empty */
} SdProduct;

typedef struct {
  gint64    id;
  char     *name;
  char     *phone;
  char     *color;        /* "#rrggbb" */
  char     *vehicle;
  int       capacity;     /* buckets per trip */
  gboolean  active;
} SdCourier;

void       sd_product_free        (SdProduct *product);
void       sd_courier_free        (SdCourier *courier);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdProduct, sd_product_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdCourier, sd_courier_free)

/* Validates (name, non-negative money) and inserts or updates; sets the id. */
gboolean   sd_store_save_product  (SdStore    *store,
                                   SdProduct  *product,
                                   GError    **error);
gboolean   sd_store_save_courier  (SdStore    *store,
                                   SdCourier  *courier,
                                   GError    **error);
/* Arrays of SdProduct* / SdCourier*, in display order, active ones first. */
GPtrArray *sd_store_list_products (SdStore    *store,
                                   gboolean    include_inactive,
                                   GError    **error);
GPtrArray *sd_store_list_couriers (SdStore    *store,
                                   gboolean    include_inactive,
                                   GError    **error);

G_END_DECLS
