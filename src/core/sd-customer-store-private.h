/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For core modules that save many customers in a row (import, demo): the field lists
 * fetched once instead of per customer. */
#pragma once

#include "sd-customer-store.h"

G_BEGIN_DECLS

/* sd_store_save_customer() with the visible and all owner-defined fields given. Without
 * own_savepoint the caller has opened one and rolls it back when this fails: a savepoint
 * costs a bitmap of the whole database, which adds up over 100,000 rows. */
gboolean _sd_store_save_customer_with_fields (SdStore     *store,
                                              SdCustomer  *customer,
                                              GPtrArray   *fields,
                                              GPtrArray   *all_fields,
                                              gboolean     own_savepoint,
                                              GError     **error);

G_END_DECLS
