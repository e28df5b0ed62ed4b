/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdCustomer, SdPhone, SdAddress and the rules of a valid customer record. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-search.h"

#include "sd-customer.h"
#include "sd-date.h"

struct _SdCustomer
{
  GObject         parent_instance;

  gint64          id;
  char           *name;
  SdCustomerKind  kind;
  char           *note;
  gint64          created;
  gboolean        archived;
  char           *wechat;
  char           *birthday;
  char           *source;
  gint64          parent_id;
  GHashTable     *fields;      /* field id (as pointer) → char* value */
  GPtrArray      *phones;      /* SdPhone */
  GPtrArray      *addresses;   /* SdAddress */
};

G_DEFINE_FINAL_TYPE (SdCustomer, sd_customer, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (SdPhone, sd_phone, sd_phone_copy, sd_phone_free)
G_DEFINE_BOXED_TYPE (SdAddress, sd_address, sd_address_copy, sd_address_free)
G_DEFINE_QUARK (sd-customer-error-quark, sd_customer_error)

/* --- kinds ------------------------------------------------------------------------------ */

static const struct {
  const char *id;
  const char *label;
} kinds[SD_CUSTOMER_N_KINDS] = {
  { "household",   N_("Household") },
  { "company",     N_("Company") },
  { "store",       N_("Store") },
  { "distributor", N_("Distributor") },
};

GType
sd_customer_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { SD_CUSTOMER_KIND_HOUSEHOLD, "SD_CUSTOMER_KIND_HOUSEHOLD", "household" },
        { SD_CUSTOMER_KIND_COMPANY, "SD_CUSTOMER_KIND_COMPANY", "company" },
        { SD_CUSTOMER_KIND_STORE, "SD_CUSTOMER_KIND_STORE", "store" },
        { SD_CUSTOMER_KIND_DISTRIBUTOR, "SD_CUSTOMER_KIND_DISTRIBUTOR", "distributor" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static ("SdCustomerKind", values);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

const char *
sd_customer_kind_to_string (SdCustomerKind kind)
{
  g_return_val_if_fail ((guint) kind < SD_CUSTOMER_N_KINDS, "household");
  return kinds[kind].id;
}

gboolean
sd_customer_kind_from_string (const char     *text,
                              SdCustomerKind *out_kind)
{
  for (guint i = 0; i < SD_CUSTOMER_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i].id) == 0)
      {
        *out_kind = (SdCustomerKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sd_customer_kind_label (SdCustomerKind kind)
{
  g_return_val_if_fail ((guint) kind < SD_CUSTOMER_N_KINDS, "");
  return _(kinds[kind].label);
}

/* --- phones ------------------------------------------------------------------------------ */

SdPhone *
sd_phone_new (const char *number,
              const char *label)
{
  SdPhone *phone = g_new0 (SdPhone, 1);

  phone->number = g_strdup (number ? number : "");
  phone->label = g_strdup (label ? label : "");
  return phone;
}

SdPhone *
sd_phone_copy (const SdPhone *phone)
{
  return sd_phone_new (phone->number, phone->label);
}

void
sd_phone_free (SdPhone *phone)
{
  if (phone == NULL)
    return;
  g_free (phone->number);
  g_free (phone->label);
  g_free (phone);
}

char *
sd_phone_normalize (const char  *text,
                    GError     **error)
{
  g_autofree char *folded = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean international = FALSE;
  const char *d;
  gsize n;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PHONE,
                           _("The phone number is not valid text"));
      return NULL;
    }

  folded = sd_text_nfkc (text);
  for (const char *p = folded; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && digits->len == 0 && !international)
        international = TRUE;
      else if (*p == ' ' || *p == '-' || *p == '(' || *p == ')' || *p == '.' || *p == '\t')
        continue;
      else
        {
          g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PHONE,
                       _("“%s” is not a phone number: only digits, spaces, dashes and a "
                         "leading + are allowed"), text);
          return NULL;
        }
    }

  d = digits->str;
  if (international && g_str_has_prefix (d, "86"))
    {
      d += 2;
      international = FALSE;
    }
  else if (!international && g_str_has_prefix (d, "0086"))
    d += 4;

  n = strlen (d);
  if (n == 0)
    {
      g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PHONE,
                           _("No phone number was entered"));
      return NULL;
    }

  if (international)
    {
      if (n < 6 || n > 15)
        goto bad;
      return g_strconcat ("+", d, NULL);
    }

  if (d[0] == '1')
    {
      /* Mainland mobile numbers: 11 digits, 13x–19x. */
      if (n != 11 || d[1] < '3')
        {
          g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PHONE,
                       _("“%s” is not a mobile number: it must have 11 digits starting "
                         "with 13–19"), text);
          return NULL;
        }
      return g_strdup (d);
    }
  if (d[0] == '0')
    {
      /* Landline with area code: 010 1234 5678 … 0571 8888 1234. */
      if (n < 10 || n > 12)
        goto bad;
      return g_strdup (d);
    }
  if ((g_str_has_prefix (d, "400") || g_str_has_prefix (d, "800")) && n == 10)
    return g_strdup (d);
  if (n == 7 || n == 8)
    return g_strdup (d);   /* local landline without area code */

bad:
  g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PHONE,
               _("“%s” is not a phone number: expected an 11-digit mobile, a landline "
                 "with area code, or a 7–8 digit local number"), text);
  return NULL;
}

char *
sd_phone_mask (const char *number)
{
  gsize n = number ? strlen (number) : 0;
  g_autofree char *copy = NULL;

  if (n < 7)
    return g_strdup (number ? number : "");

  copy = g_strdup (number);
  /* keep the first 3 and the last 4 */
  for (gsize i = 3; i < n - 4; i++)
    copy[i] = '*';
  return g_steal_pointer (&copy);
}

char *
sd_phone_format (const char *number)
{
  gsize n = number ? strlen (number) : 0;

  if (n == 11 && number[0] == '1')
    return g_strdup_printf ("%.3s %.4s %.4s", number, number + 3, number + 7);
  if (n >= 10 && number[0] == '0')
    {
      /* Beijing, Shanghai, Tianjin, Chongqing and 02x cities have 3-digit area codes. */
      gsize area = (number[1] == '1' || number[1] == '2') ? 3 : 4;
      return g_strdup_printf ("%.*s-%s", (int) area, number, number + area);
    }
  return g_strdup (number ? number : "");
}

/* --- addresses --------------------------------------------------------------------------- */

SdAddress *
sd_address_new (const char *text)
{
  SdAddress *address = g_new0 (SdAddress, 1);

  address->label = g_strdup ("");
  address->text = g_strdup (text ? text : "");
  address->district = g_strdup ("");
  address->instructions = g_strdup ("");
  return address;
}

SdAddress *
sd_address_copy (const SdAddress *address)
{
  SdAddress *copy = g_new0 (SdAddress, 1);

  *copy = *address;
  copy->label = g_strdup (address->label);
  copy->text = g_strdup (address->text);
  copy->district = g_strdup (address->district);
  copy->instructions = g_strdup (address->instructions);
  return copy;
}

void
sd_address_free (SdAddress *address)
{
  if (address == NULL)
    return;
  g_free (address->label);
  g_free (address->text);
  g_free (address->district);
  g_free (address->instructions);
  g_free (address);
}

/* --- the customer ------------------------------------------------------------------------ */

static void
sd_customer_finalize (GObject *object)
{
  SdCustomer *self = (SdCustomer *) object;

  g_free (self->name);
  g_free (self->note);
  g_free (self->wechat);
  g_free (self->birthday);
  g_free (self->source);
  g_hash_table_unref (self->fields);
  g_ptr_array_unref (self->phones);
  g_ptr_array_unref (self->addresses);

  G_OBJECT_CLASS (sd_customer_parent_class)->finalize (object);
}

static void
sd_customer_class_init (SdCustomerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_customer_finalize;
}

static void
sd_customer_init (SdCustomer *self)
{
  self->name = g_strdup ("");
  self->note = g_strdup ("");
  self->wechat = g_strdup ("");
  self->birthday = g_strdup ("");
  self->source = g_strdup ("");
  self->fields = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_phone_free);
  self->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_address_free);
}

SdCustomer *
sd_customer_new (void)
{
  return g_object_new (SD_TYPE_CUSTOMER, NULL);
}

SdCustomer *
sd_customer_copy (SdCustomer *self)
{
  SdCustomer *copy;

  g_return_val_if_fail (SD_IS_CUSTOMER (self), NULL);

  copy = sd_customer_new ();
  copy->id = self->id;
  g_free (copy->name);
  copy->name = g_strdup (self->name);
  copy->kind = self->kind;
  g_free (copy->note);
  copy->note = g_strdup (self->note);
  copy->created = self->created;
  copy->archived = self->archived;
  sd_customer_set_wechat (copy, self->wechat);
  sd_customer_set_birthday (copy, self->birthday);
  sd_customer_set_source (copy, self->source);
  copy->parent_id = self->parent_id;
  {
    GHashTableIter iter;
    gpointer key, value;
    g_hash_table_iter_init (&iter, self->fields);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (copy->fields, key, g_strdup (value));
  }
  for (guint i = 0; i < self->phones->len; i++)
    g_ptr_array_add (copy->phones, sd_phone_copy (g_ptr_array_index (self->phones, i)));
  for (guint i = 0; i < self->addresses->len; i++)
    g_ptr_array_add (copy->addresses, sd_address_copy (g_ptr_array_index (self->addresses, i)));
  return copy;
}

gint64
sd_customer_get_id (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), 0);
  return self->id;
}

void
_sd_customer_set_id (SdCustomer *self,
                     gint64      id)
{
  self->id = id;
}

const char *
sd_customer_get_name (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), NULL);
  return self->name;
}

void
sd_customer_set_name (SdCustomer *self,
                      const char *name)
{
  g_return_if_fail (SD_IS_CUSTOMER (self));
  g_free (self->name);
  self->name = g_strdup (name ? name : "");
}

SdCustomerKind
sd_customer_get_kind (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), SD_CUSTOMER_KIND_HOUSEHOLD);
  return self->kind;
}

void
sd_customer_set_kind (SdCustomer     *self,
                      SdCustomerKind  kind)
{
  g_return_if_fail (SD_IS_CUSTOMER (self));
  g_return_if_fail ((guint) kind < SD_CUSTOMER_N_KINDS);
  self->kind = kind;
}

const char *
sd_customer_get_note (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), NULL);
  return self->note;
}

void
sd_customer_set_note (SdCustomer *self,
                      const char *note)
{
  g_return_if_fail (SD_IS_CUSTOMER (self));
  g_free (self->note);
  self->note = g_strdup (note ? note : "");
}

gboolean
sd_customer_get_archived (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), FALSE);
  return self->archived;
}

void
sd_customer_set_archived (SdCustomer *self,
                          gboolean    archived)
{
  g_return_if_fail (SD_IS_CUSTOMER (self));
  self->archived = !!archived;
}

gint64
sd_customer_get_created (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), 0);
  return self->created;
}

void
_sd_customer_set_created (SdCustomer *self,
                          gint64      created)
{
  self->created = created;
}

#define STRING_ACCESSORS(field)                                             \
const char *                                                                \
sd_customer_get_##field (SdCustomer *self)                                  \
{                                                                           \
  g_return_val_if_fail (SD_IS_CUSTOMER (self), NULL);                       \
  return self->field;                                                       \
}                                                                           \
                                                                            \
void                                                                        \
sd_customer_set_##field (SdCustomer *self,                                  \
                         const char *value)                                 \
{                                                                           \
  g_return_if_fail (SD_IS_CUSTOMER (self));                                 \
  g_free (self->field);                                                     \
  self->field = g_strdup (value ? value : "");                              \
}

STRING_ACCESSORS (wechat)
STRING_ACCESSORS (birthday)
STRING_ACCESSORS (source)

gint64
sd_customer_get_parent_id (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), 0);
  return self->parent_id;
}

void
sd_customer_set_parent_id (SdCustomer *self,
                           gint64      parent_id)
{
  g_return_if_fail (SD_IS_CUSTOMER (self));
  self->parent_id = parent_id;
}

const char *
sd_customer_get_field (SdCustomer *self,
                       gint64      field_id)
{
  const char *value;

  g_return_val_if_fail (SD_IS_CUSTOMER (self), NULL);
  value = g_hash_table_lookup (self->fields, GSIZE_TO_POINTER ((gsize) field_id));
  return value ? value : "";
}

void
sd_customer_set_field (SdCustomer *self,
                       gint64      field_id,
                       const char *value)
{
  g_return_if_fail (SD_IS_CUSTOMER (self));
  g_hash_table_insert (self->fields, GSIZE_TO_POINTER ((gsize) field_id),
                       g_strdup (value ? value : ""));
}

GHashTable *
sd_customer_get_fields (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), NULL);
  return self->fields;
}

GPtrArray *
sd_customer_get_phones (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), NULL);
  return self->phones;
}

void
sd_customer_add_phone (SdCustomer *self,
                       const char *number,
                       const char *label)
{
  g_return_if_fail (SD_IS_CUSTOMER (self));
  g_ptr_array_add (self->phones, sd_phone_new (number, label));
}

const char *
sd_customer_get_primary_phone (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), NULL);
  if (self->phones->len == 0)
    return NULL;
  return ((SdPhone *) g_ptr_array_index (self->phones, 0))->number;
}

GPtrArray *
sd_customer_get_addresses (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), NULL);
  return self->addresses;
}

void
sd_customer_add_address (SdCustomer *self,
                         SdAddress  *address)
{
  g_return_if_fail (SD_IS_CUSTOMER (self));
  g_return_if_fail (address != NULL);
  g_ptr_array_add (self->addresses, address);
}

SdAddress *
sd_customer_get_default_address (SdCustomer *self)
{
  g_return_val_if_fail (SD_IS_CUSTOMER (self), NULL);

  for (guint i = 0; i < self->addresses->len; i++)
    {
      SdAddress *address = g_ptr_array_index (self->addresses, i);
      if (address->is_default)
        return address;
    }
  return self->addresses->len > 0 ? g_ptr_array_index (self->addresses, 0) : NULL;
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static char *
strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

gboolean
sd_customer_validate (SdCustomer  *self,
                      GError     **error)
{
  guint n_defaults = 0;

  g_return_val_if_fail (SD_IS_CUSTOMER (self), FALSE);

  if (is_blank (self->name))
    {
      g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_NAME,
                           _("The customer needs a name"));
      return FALSE;
    }
  if (g_utf8_strlen (self->name, -1) > 100)
    {
      g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_NAME,
                           _("The name is longer than 100 characters"));
      return FALSE;
    }

  /* Blank phone rows in a form are not an error; they are dropped. */
  for (guint i = self->phones->len; i > 0; i--)
    {
      SdPhone *phone = g_ptr_array_index (self->phones, i - 1);
      if (is_blank (phone->number))
        g_ptr_array_remove_index (self->phones, i - 1);
    }
  if (self->phones->len == 0)
    {
      g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PHONE,
                           _("The customer needs at least one phone number"));
      return FALSE;
    }
  for (guint i = 0; i < self->phones->len; i++)
    {
      SdPhone *phone = g_ptr_array_index (self->phones, i);
      char *normal = sd_phone_normalize (phone->number, error);

      if (normal == NULL)
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (((SdPhone *) g_ptr_array_index (self->phones, j))->number, normal))
          {
            g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PHONE,
                         _("The phone number %s is entered twice"), normal);
            g_free (normal);
            return FALSE;
          }
      g_free (phone->number);
      phone->number = normal;
    }

  for (guint i = self->addresses->len; i > 0; i--)
    {
      SdAddress *address = g_ptr_array_index (self->addresses, i - 1);
      /* a new, empty address row is dropped; a stored one emptied is a mistake */
      if (address->id == 0 && is_blank (address->text) && is_blank (address->instructions))
        g_ptr_array_remove_index (self->addresses, i - 1);
    }
  if (self->addresses->len == 0)
    {
      g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_ADDRESS,
                           _("The customer needs a delivery address"));
      return FALSE;
    }
  for (guint i = 0; i < self->addresses->len; i++)
    {
      SdAddress *address = g_ptr_array_index (self->addresses, i);
      char *text;

      if (is_blank (address->text))
        {
          g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_ADDRESS,
                       _("Address %u is empty"), i + 1);
          return FALSE;
        }
      if (address->has_location &&
          (address->latitude < -90 || address->latitude > 90 ||
           address->longitude < -180 || address->longitude > 180 ||
           (address->latitude == 0 && address->longitude == 0)))
        {
          g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_LOCATION,
                       _("The location of address %u (%.6f, %.6f) is not a place on Earth"),
                       i + 1, address->latitude, address->longitude);
          return FALSE;
        }
      text = strip_dup (address->text);
      g_free (address->text);
      address->text = text;
      if (address->is_default)
        n_defaults++;
    }
  if (n_defaults > 1)
    {
      g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_ADDRESS,
                           _("Only one address can be the default"));
      return FALSE;
    }
  if (n_defaults == 0)
    ((SdAddress *) g_ptr_array_index (self->addresses, 0))->is_default = TRUE;

  {
    g_autoptr(GError) local = NULL;
    char *birthday = sd_date_normalize (self->birthday, &local);

    if (birthday == NULL)
      {
        g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_BIRTHDAY,
                     _("Birthday: %s"), local->message);
        return FALSE;
      }
    g_free (self->birthday);
    self->birthday = birthday;
  }
  if (self->parent_id != 0 && self->parent_id == self->id)
    {
      g_set_error_literal (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PARENT,
                           _("A customer cannot belong to itself"));
      return FALSE;
    }

  {
    char *name = strip_dup (self->name);
    g_free (self->name);
    self->name = name;
    name = strip_dup (self->wechat);
    g_free (self->wechat);
    self->wechat = name;
    name = strip_dup (self->source);
    g_free (self->source);
    self->source = name;
  }
  return TRUE;
}
