/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A customer of the shop with phones and delivery addresses, and the rules that make a
 * customer record valid. Pure data and validation: storage is in sd-customer-store. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SD_CUSTOMER_KIND_HOUSEHOLD,
  SD_CUSTOMER_KIND_COMPANY,
  SD_CUSTOMER_KIND_STORE,
  SD_CUSTOMER_KIND_DISTRIBUTOR,
} SdCustomerKind;

#define SD_CUSTOMER_N_KINDS 4

#define SD_TYPE_CUSTOMER_KIND (sd_customer_kind_get_type ())
GType           sd_customer_kind_get_type     (void);
const char     *sd_customer_kind_to_string    (SdCustomerKind kind);   /* "household" … */
gboolean        sd_customer_kind_from_string  (const char     *text,
                                               SdCustomerKind *out_kind);
const char     *sd_customer_kind_label        (SdCustomerKind kind);   /* translated */

/* A phone number: `number` holds the normalised digits (a leading + kept). */
typedef struct {
  char *number;
  char *label;
} SdPhone;

#define SD_TYPE_PHONE (sd_phone_get_type ())
GType     sd_phone_get_type (void);
SdPhone  *sd_phone_new      (const char *number,
                             const char *label);
SdPhone  *sd_phone_copy     (const SdPhone *phone);
void      sd_phone_free     (SdPhone       *phone);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdPhone, sd_phone_free)

typedef struct {
  gint64    id;             /* 0 until stored */
  char     *label;          /* 家 / 公司 … */
  char     *text;           /* the full address as people write it */
  char     *district;
  char     *instructions;   /* "放门口保温箱", "3楼无电梯" */
  gboolean  has_location;
  double    latitude;       /* WGS-84 */
  double    longitude;
  gboolean  is_default;
} SdAddress;

#define SD_TYPE_ADDRESS (sd_address_get_type ())
GType       sd_address_get_type (void);
SdAddress  *sd_address_new      (const char      *text);
SdAddress  *sd_address_copy     (const SdAddress *address);
void        sd_address_free     (SdAddress       *address);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAddress, sd_address_free)

#define SD_CUSTOMER_ERROR (sd_customer_error_quark ())

typedef enum {
  SD_CUSTOMER_ERROR_NAME,
  SD_CUSTOMER_ERROR_PHONE,
  SD_CUSTOMER_ERROR_ADDRESS,
  SD_CUSTOMER_ERROR_LOCATION,
  SD_CUSTOMER_ERROR_BIRTHDAY,
  SD_CUSTOMER_ERROR_PARENT,
  SD_CUSTOMER_ERROR_FIELD,
} SdCustomerError;

GQuark sd_customer_error_quark (void);

#define SD_TYPE_CUSTOMER (sd_customer_get_type ())
G_DECLARE_FINAL_TYPE (SdCustomer, sd_customer, SD, CUSTOMER, GObject)

SdCustomer      *sd_customer_new              (void);
SdCustomer      *sd_customer_copy             (SdCustomer     *self);

gint64           sd_customer_get_id           (SdCustomer     *self);
void             _sd_customer_set_id          (SdCustomer     *self,
                                               gint64          id);
const char      *sd_customer_get_name         (SdCustomer     *self);
void             sd_customer_set_name         (SdCustomer     *self,
                                               const char     *name);
SdCustomerKind   sd_customer_get_kind         (SdCustomer     *self);
void             sd_customer_set_kind         (SdCustomer     *self,
                                               SdCustomerKind  kind);
const char      *sd_customer_get_note         (SdCustomer     *self);
void             sd_customer_set_note         (SdCustomer     *self,
                                               const char     *note);
gboolean         sd_customer_get_archived     (SdCustomer     *self);
void             sd_customer_set_archived     (SdCustomer     *self,
                                               gboolean        archived);
gint64           sd_customer_get_created      (SdCustomer     *self);   /* UTC seconds */
void             _sd_customer_set_created     (SdCustomer     *self,
                                               gint64          created);

/* The rest of the profile. Birthday is a calendar day "YYYY-MM-DD" or "". */
const char      *sd_customer_get_wechat       (SdCustomer     *self);
void             sd_customer_set_wechat       (SdCustomer     *self,
                                               const char     *wechat);
const char      *sd_customer_get_birthday     (SdCustomer     *self);
void             sd_customer_set_birthday     (SdCustomer     *self,
                                               const char     *birthday);
/* 来源: where the customer came from — referral, flyer, walk-in, online … */
const char      *sd_customer_get_source       (SdCustomer     *self);
void             sd_customer_set_source       (SdCustomer     *self,
                                               const char     *source);
/* The account this one belongs to (a store under a distributor), 0 for none. */
gint64           sd_customer_get_parent_id    (SdCustomer     *self);
void             sd_customer_set_parent_id    (SdCustomer     *self,
                                               gint64          parent_id);
/* Owner-defined fields: field id → value as typed or stored; "" or absent is no value. */
const char      *sd_customer_get_field        (SdCustomer     *self,
                                               gint64          field_id);
void             sd_customer_set_field        (SdCustomer     *self,
                                               gint64          field_id,
                                               const char     *value);
GHashTable      *sd_customer_get_fields       (SdCustomer     *self);

/* Phones in order; the first is the primary. The arrays are owned by the customer. */
GPtrArray       *sd_customer_get_phones       (SdCustomer     *self);
void             sd_customer_add_phone        (SdCustomer     *self,
                                               const char     *number,
                                               const char     *label);
const char      *sd_customer_get_primary_phone (SdCustomer    *self);
GPtrArray       *sd_customer_get_addresses    (SdCustomer     *self);
void             sd_customer_add_address      (SdCustomer     *self,
                                               SdAddress      *address);   /* takes ownership */
SdAddress       *sd_customer_get_default_address (SdCustomer  *self);

/* Rules: a name; one or more phones that normalise to a valid number; one or more
 * addresses, exactly one of them the default (the first when none is marked).
 * Normalises phones in place. */
gboolean         sd_customer_validate         (SdCustomer     *self,
                                               GError        **error);

/* "138 0013-8000", "+86 13800138000", "(0571) 8888 1234" → digits; NULL if not a phone. */
char            *sd_phone_normalize           (const char     *text,
                                               GError        **error);
/* "138****8000", for printouts and exports where phones are masked. */
char            *sd_phone_mask                (const char     *number);
/* "138 0013 8000" / "0571-8888 1234", for display */
char            *sd_phone_format              (const char     *number);

G_END_DECLS
