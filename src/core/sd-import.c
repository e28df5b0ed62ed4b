/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing customers from a spreadsheet and exporting them to one. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "sd-search.h"

#include "sd-catalog.h"
#include "sd-custom-field.h"
#include "sd-ledger.h"
#include "sd-money.h"
#include "sd-pricing.h"
#include "sd-customer-store-private.h"
#include "sd-date.h"
#include "sd-import.h"
#include "sd-tag.h"

G_DEFINE_QUARK (sd-import-error-quark, sd_import_error)

#define MAX_ADDRESSES 9

struct _SdImport
{
  gint64              ticket_product;   /* opening tickets go to it; 0 = none found */
  SdStore            *store;
  SdTable            *table;
  GArray             *columns;    /* SdImportColumn per table column */
  GPtrArray          *fields;     /* SdCustomField, visible ones */
  GPtrArray          *all_fields; /* hidden ones too */
  SdImportDuplicates  duplicates;
};

/* --- header names ------------------------------------------------------------------------- */

static const struct {
  SdImportTarget  target;
  const char     *names;   /* '|'-separated, folded: no spaces, lower case */
} aliases[] = {
  { SD_IMPORT_ID, "编号|客户编号|id|customerid|customerno|customernumber" },
  { SD_IMPORT_NAME, "姓名|客户名称|客户名|客户姓名|名称|客户|联系人|name|customer|customername|fullname" },
  { SD_IMPORT_KIND, "类型|客户类型|客户类别|类别|kind|type|customertype" },
  { SD_IMPORT_PHONE, "电话|手机|联系电话|手机号|手机号码|电话号码|号码|固话|座机|联系方式|phone|phones|mobile|tel|telephone|phonenumber" },
  { SD_IMPORT_ADDRESS, "地址|送货地址|收货地址|详细地址|住址|配送地址|address|deliveryaddress" },
  { SD_IMPORT_DISTRICT, "区|区域|所在区|区县|行政区|district|area" },
  { SD_IMPORT_INSTRUCTIONS, "送货备注|配送备注|送货说明|送货要求|deliveryinstructions|instructions|deliverynote" },
  { SD_IMPORT_LATITUDE, "纬度|lat|latitude" },
  { SD_IMPORT_LONGITUDE, "经度|lng|lon|longitude" },
  { SD_IMPORT_NOTE, "备注|说明|note|notes|remark|remarks|comment" },
  { SD_IMPORT_WECHAT, "微信|微信号|wechat|wechatid|weixin" },
  { SD_IMPORT_BIRTHDAY, "生日|出生日期|birthday|birthdate|dateofbirth" },
  { SD_IMPORT_SOURCE, "来源|客户来源|渠道|source|camefrom" },
  { SD_IMPORT_TAGS, "标签|tags|tag" },
  { SD_IMPORT_OPENING_TICKETS, "水票余额|剩余水票|水票|水票数|tickets|ticketbalance" },
  { SD_IMPORT_OPENING_DEPOSIT, "押金|桶押金|押金余额|deposit" },
  { SD_IMPORT_OPENING_BUCKETS, "押桶数|在外桶数|桶数|欠桶|buckets|bucketsheld" },
  { SD_IMPORT_OPENING_PREPAID, "预存款|预存|预存余额|余额|prepaid|prepaidbalance" },
};

/* Columns our own rejects file adds, and informational ones of our export. */
static const char *ignored_names = "导入问题|错误原因|原因|行号|reason|problem|row|line|所属账户|belongsto";

static const char *target_labels[SD_IMPORT_N_TARGETS] = {
  N_("Not imported"), N_("Customer number"), N_("Name"), N_("Kind"), N_("Phone"), N_("Address"),
  N_("District"), N_("Delivery instructions"), N_("Latitude"), N_("Longitude"), N_("Note"),
  N_("WeChat"), N_("Birthday"), N_("Came from"), N_("Tags"), N_("Field"),
  N_("Water tickets left"), N_("Deposit paid"), N_("Buckets held"), N_("Prepaid balance"),
};

const char *
sd_import_target_label (SdImportTarget target)
{
  g_return_val_if_fail ((guint) target < SD_IMPORT_N_TARGETS, "");
  return _(target_labels[target]);
}

/* "联系电话 2：" → "联系电话" with index 1 (second); spaces, * and colons dropped. */
static char *
fold_header (const char *header,
             guint      *out_index)
{
  g_autofree char *normal = g_utf8_normalize (header ? header : "", -1, G_NORMALIZE_NFKC);
  g_autofree char *lower = g_utf8_casefold (normal, -1);
  GString *out = g_string_new (NULL);
  gsize end;

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == '*' || c == ':' || c == '_' || c == '-' || c == '(' || c == ')')
        continue;
      g_string_append_unichar (out, c);
    }

  /* a trailing number says which one: 地址2, phone3 */
  *out_index = 0;
  end = out->len;
  while (end > 0 && g_ascii_isdigit (out->str[end - 1]))
    end--;
  if (end > 0 && end < out->len)
    {
      guint n = (guint) atoi (out->str + end);
      *out_index = n > 0 ? n - 1 : 0;
      g_string_truncate (out, end);
    }
  return g_string_free (out, FALSE);
}

static gboolean
name_in (const char *folded,
         const char *names)
{
  g_auto(GStrv) list = g_strsplit (names, "|", -1);

  return g_strv_contains ((const char * const *) list, folded);
}

static SdImportColumn
guess_column (SdImport   *import,
              const char *header)
{
  SdImportColumn column = { SD_IMPORT_IGNORE, 0, 0 };
  guint index = 0;
  g_autofree char *folded = fold_header (header, &index);
  g_autofree char *exact = NULL;

  if (*folded == '\0')
    return column;

  /* an owner-defined field wins when its label is the header as written */
  exact = g_strstrip (g_utf8_normalize (header, -1, G_NORMALIZE_NFKC));
  for (guint i = 0; i < import->fields->len; i++)
    {
      SdCustomField *field = g_ptr_array_index (import->fields, i);
      if (g_str_equal (field->label, exact))
        {
          column.target = SD_IMPORT_FIELD;
          column.field_id = field->id;
          return column;
        }
    }

  if (name_in (folded, ignored_names))
    return column;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (name_in (folded, aliases[i].names))
      {
        column.target = aliases[i].target;
        column.index = MIN (index, MAX_ADDRESSES - 1);
        return column;
      }
  return column;
}

/* --- the import object -------------------------------------------------------------------- */

SdImport *
sd_import_new (SdStore  *store,
               SdTable  *table,
               GError  **error)
{
  SdImport *import;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (sd_table_get_n_rows (table) < 2)
    {
      g_set_error_literal (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_EMPTY,
                           _("The file has no customers under its header row"));
      return NULL;
    }

  import = g_new0 (SdImport, 1);
  import->store = g_object_ref (store);
  import->table = sd_table_ref (table);
  import->columns = g_array_new (FALSE, TRUE, sizeof (SdImportColumn));
  import->fields = sd_store_list_custom_fields (store, FALSE, error);
  import->all_fields = import->fields ? sd_store_list_custom_fields (store, TRUE, error) : NULL;
  if (import->fields == NULL || import->all_fields == NULL)
    {
      sd_import_free (import);
      return NULL;
    }

  {
    g_autoptr(GPtrArray) plans = sd_store_list_ticket_plans (store, FALSE, NULL);
    g_autoptr(GPtrArray) products = sd_store_list_products (store, FALSE, NULL);

    if (plans != NULL && plans->len > 0)
      import->ticket_product = ((SdTicketPlan *) g_ptr_array_index (plans, 0))->product_id;
    for (guint i = 0; products && import->ticket_product == 0 && i < products->len; i++)
      if (((SdProduct *) g_ptr_array_index (products, i))->returnable_bucket)
        import->ticket_product = ((SdProduct *) g_ptr_array_index (products, i))->id;
  }

  for (guint c = 0; c < sd_table_get_n_columns (table); c++)
    {
      SdImportColumn column = guess_column (import, sd_table_get_cell (table, 0, c));
      g_array_append_val (import->columns, column);
    }
  return import;
}

void
sd_import_free (SdImport *import)
{
  if (import == NULL)
    return;
  g_clear_object (&import->store);
  g_clear_pointer (&import->table, sd_table_unref);
  g_clear_pointer (&import->columns, g_array_unref);
  g_clear_pointer (&import->fields, g_ptr_array_unref);
  g_clear_pointer (&import->all_fields, g_ptr_array_unref);
  g_free (import);
}

SdTable *
sd_import_get_table (SdImport *import)
{
  return import->table;
}

guint
sd_import_get_n_columns (SdImport *import)
{
  return import->columns->len;
}

const SdImportColumn *
sd_import_get_column (SdImport *import,
                      guint     column)
{
  g_return_val_if_fail (column < import->columns->len, NULL);
  return &g_array_index (import->columns, SdImportColumn, column);
}

void
sd_import_set_column (SdImport             *import,
                      guint                 column,
                      const SdImportColumn *mapping)
{
  g_return_if_fail (column < import->columns->len);
  g_return_if_fail ((guint) mapping->target < SD_IMPORT_N_TARGETS);
  g_array_index (import->columns, SdImportColumn, column) = *mapping;
  g_array_index (import->columns, SdImportColumn, column).index = MIN (mapping->index, MAX_ADDRESSES - 1);
}

char *
sd_import_describe_column (SdImport *import,
                           guint     column)
{
  const SdImportColumn *c = sd_import_get_column (import, column);

  if (c->target == SD_IMPORT_FIELD)
    for (guint i = 0; i < import->fields->len; i++)
      if (((SdCustomField *) g_ptr_array_index (import->fields, i))->id == c->field_id)
        return g_strdup (((SdCustomField *) g_ptr_array_index (import->fields, i))->label);
  if (c->index > 0 && (c->target == SD_IMPORT_ADDRESS || c->target == SD_IMPORT_DISTRICT ||
                       c->target == SD_IMPORT_INSTRUCTIONS || c->target == SD_IMPORT_LATITUDE ||
                       c->target == SD_IMPORT_LONGITUDE))
    return g_strdup_printf ("%s %u", sd_import_target_label (c->target), c->index + 1);
  return g_strdup (sd_import_target_label (c->target));
}

void
sd_import_set_duplicates (SdImport           *import,
                          SdImportDuplicates  duplicates)
{
  import->duplicates = duplicates;
}

void
sd_import_report_free (SdImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->rows);
  g_free (report);
}

static void
row_result_free (SdImportRowResult *result)
{
  g_free (result->reason);
  g_free (result);
}

/* --- reading one row ---------------------------------------------------------------------- */

typedef struct {
  char       *name;
  char       *kind;
  gint64      id;
  GPtrArray  *phones;        /* char*, as written */
  SdAddress  *addresses[MAX_ADDRESSES];
  char       *lat[MAX_ADDRESSES];
  char       *lon[MAX_ADDRESSES];
  char       *note, *wechat, *birthday, *source;
  GPtrArray  *tags;          /* char* */
  GHashTable *fields;        /* field id → value */
  char       *opening[4];    /* tickets, deposit, buckets, prepaid as written */
} Row;

static void
row_clear (Row *row)
{
  if (row->phones == NULL)
    return;
  g_free (row->name);
  g_free (row->kind);
  g_ptr_array_unref (row->phones);
  for (guint i = 0; i < MAX_ADDRESSES; i++)
    {
      sd_address_free (row->addresses[i]);
      g_free (row->lat[i]);
      g_free (row->lon[i]);
    }
  g_free (row->note);
  g_free (row->wechat);
  g_free (row->birthday);
  g_free (row->source);
  g_ptr_array_unref (row->tags);
  g_hash_table_unref (row->fields);
  for (guint i = 0; i < G_N_ELEMENTS (row->opening); i++)
    g_free (row->opening[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static SdAddress *
address_at (Row   *row,
            guint  index)
{
  if (row->addresses[index] == NULL)
    row->addresses[index] = sd_address_new ("");
  return row->addresses[index];
}

static void
split_into (GPtrArray  *out,
            const char *text,
            const char *separators)
{
  g_autofree char *normal = sd_text_nfkc (text);
  GString *part = g_string_new (NULL);

  for (const char *p = normal; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;
      gboolean sep = c == 0;

      for (const char *s = separators; !sep && *s; s = g_utf8_next_char (s))
        sep = g_utf8_get_char (s) == c;
      if (sep)
        {
          g_strstrip (part->str);
          part->len = strlen (part->str);
          if (part->len > 0)
            g_ptr_array_add (out, g_strdup (part->str));
          g_string_truncate (part, 0);
          if (c == 0)
            break;
        }
      else
        g_string_append_unichar (part, c);
    }
  g_string_free (part, TRUE);
}

static void
set_text (char       **field,
          const char  *text)
{
  g_free (*field);
  *field = g_strstrip (g_strdup (text));
}

static void
read_row (SdImport *import,
          guint     r,
          Row      *row)
{
  memset (row, 0, sizeof *row);
  row->phones = g_ptr_array_new_with_free_func (g_free);
  row->tags = g_ptr_array_new_with_free_func (g_free);
  row->fields = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint c = 0; c < import->columns->len; c++)
    {
      const SdImportColumn *col = &g_array_index (import->columns, SdImportColumn, c);
      const char *cell = sd_table_get_cell (import->table, r, c);
      g_autofree char *text = g_strstrip (g_strdup (cell));

      if (*text == '\0')
        continue;
      switch (col->target)
        {
        case SD_IMPORT_IGNORE:
          break;
        case SD_IMPORT_ID:
          row->id = g_ascii_strtoll (text, NULL, 10);
          break;
        case SD_IMPORT_NAME:
          set_text (&row->name, text);
          break;
        case SD_IMPORT_KIND:
          set_text (&row->kind, text);
          break;
        case SD_IMPORT_PHONE:
          split_into (row->phones, text, "/,;、，；|\n");
          break;
        case SD_IMPORT_ADDRESS:
          set_text (&address_at (row, col->index)->text, text);
          break;
        case SD_IMPORT_DISTRICT:
          set_text (&address_at (row, col->index)->district, text);
          break;
        case SD_IMPORT_INSTRUCTIONS:
          set_text (&address_at (row, col->index)->instructions, text);
          break;
        case SD_IMPORT_LATITUDE:
          set_text (&row->lat[col->index], text);
          break;
        case SD_IMPORT_LONGITUDE:
          set_text (&row->lon[col->index], text);
          break;
        case SD_IMPORT_NOTE:
          set_text (&row->note, text);
          break;
        case SD_IMPORT_WECHAT:
          set_text (&row->wechat, text);
          break;
        case SD_IMPORT_BIRTHDAY:
          set_text (&row->birthday, text);
          break;
        case SD_IMPORT_SOURCE:
          set_text (&row->source, text);
          break;
        case SD_IMPORT_TAGS:
          split_into (row->tags, text, ",;、，；|");
          break;
        case SD_IMPORT_FIELD:
          g_hash_table_insert (row->fields, GSIZE_TO_POINTER ((gsize) col->field_id), g_strdup (text));
          break;
        case SD_IMPORT_OPENING_TICKETS:
        case SD_IMPORT_OPENING_DEPOSIT:
        case SD_IMPORT_OPENING_BUCKETS:
        case SD_IMPORT_OPENING_PREPAID:
          set_text (&row->opening[col->target - SD_IMPORT_OPENING_TICKETS], text);
          break;
        case SD_IMPORT_N_TARGETS:
        default:
          g_assert_not_reached ();
        }
    }
}

static gboolean
kind_from_text (const char     *text,
                SdCustomerKind *kind)
{
  static const struct { SdCustomerKind kind; const char *names; } kinds[] = {
    { SD_CUSTOMER_KIND_HOUSEHOLD, "家庭|住户|个人|居民|household|home|personal|individual" },
    { SD_CUSTOMER_KIND_COMPANY, "单位|公司|企业|机关|学校|company|business|office" },
    { SD_CUSTOMER_KIND_STORE, "门店|商店|店铺|店|超市|store|shop" },
    { SD_CUSTOMER_KIND_DISTRIBUTOR, "经销商|代理|代理商|批发|distributor|dealer|wholesaler" },
  };
  g_autofree char *folded = NULL;
  guint unused;

  folded = fold_header (text, &unused);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (name_in (folded, kinds[i].names) ||
        g_str_equal (folded, sd_customer_kind_to_string (kinds[i].kind)))
      {
        *kind = kinds[i].kind;
        return TRUE;
      }
  for (guint i = 0; i < SD_CUSTOMER_N_KINDS; i++)
    if (g_str_equal (text, sd_customer_kind_label ((SdCustomerKind) i)))
      {
        *kind = (SdCustomerKind) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_coordinate (const char *text,
                  double     *out)
{
  char *end = NULL;

  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

/* The row's addresses, in column order; a location needs both coordinates. */
static gboolean
row_addresses (Row        *row,
               GPtrArray  *out,
               GError    **error)
{
  for (guint i = 0; i < MAX_ADDRESSES; i++)
    {
      SdAddress *address = row->addresses[i];

      if (address == NULL && row->lat[i] == NULL && row->lon[i] == NULL)
        continue;
      if (address == NULL || *address->text == '\0')
        {
          g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_ADDRESS,
                       _("Address %u has details but no address"), i + 1);
          return FALSE;
        }
      if ((row->lat[i] == NULL) != (row->lon[i] == NULL))
        {
          g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_LOCATION,
                       _("Address %u has only one of latitude and longitude"), i + 1);
          return FALSE;
        }
      if (row->lat[i] != NULL)
        {
          if (!parse_coordinate (row->lat[i], &address->latitude) ||
              !parse_coordinate (row->lon[i], &address->longitude))
            {
              g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_LOCATION,
                           _("“%s, %s” is not a location in degrees"), row->lat[i], row->lon[i]);
              return FALSE;
            }
          address->has_location = TRUE;
        }
      g_ptr_array_add (out, sd_address_copy (address));
    }
  return TRUE;
}

/* Fills `customer` from the row: a new customer takes everything; an existing one keeps
 * what the row leaves empty and gains the phones and addresses it does not have yet. */
static gboolean
apply_row (Row         *row,
           SdCustomer  *customer,
           GError     **error)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_address_free);
  GHashTableIter iter;
  gpointer key, value;

  if (row->name)
    sd_customer_set_name (customer, row->name);
  if (row->kind)
    {
      SdCustomerKind kind;
      if (!kind_from_text (row->kind, &kind))
        {
          g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_NAME,
                       _("“%s” is not a kind of customer (household, company, store, distributor)"),
                       row->kind);
          return FALSE;
        }
      sd_customer_set_kind (customer, kind);
    }

  for (guint i = 0; i < row->phones->len; i++)
    {
      const char *typed = g_ptr_array_index (row->phones, i);
      g_autofree char *number = sd_phone_normalize (typed, error);
      GPtrArray *phones = sd_customer_get_phones (customer);
      gboolean known = FALSE;

      if (number == NULL)
        return FALSE;
      for (guint j = 0; j < phones->len && !known; j++)
        known = g_str_equal (((SdPhone *) g_ptr_array_index (phones, j))->number, number);
      if (!known)
        sd_customer_add_phone (customer, number, "");
    }

  if (!row_addresses (row, addresses, error))
    return FALSE;
  for (guint i = 0; i < addresses->len; i++)
    {
      SdAddress *address = g_ptr_array_index (addresses, i);
      GPtrArray *existing = sd_customer_get_addresses (customer);
      SdAddress *same = NULL;

      for (guint j = 0; j < existing->len && !same; j++)
        if (g_str_equal (((SdAddress *) g_ptr_array_index (existing, j))->text, address->text))
          same = g_ptr_array_index (existing, j);
      if (same != NULL)
        {
          /* fill in what the stored address lacks */
          if (*address->instructions)
            set_text (&same->instructions, address->instructions);
          if (*address->district)
            set_text (&same->district, address->district);
          if (address->has_location)
            {
              same->has_location = TRUE;
              same->latitude = address->latitude;
              same->longitude = address->longitude;
            }
        }
      else
        {
          SdAddress *copy = sd_address_copy (address);
          copy->is_default = existing->len == 0;
          sd_customer_add_address (customer, copy);
        }
    }

  if (row->note)
    sd_customer_set_note (customer, row->note);
  if (row->wechat)
    sd_customer_set_wechat (customer, row->wechat);
  if (row->birthday)
    sd_customer_set_birthday (customer, row->birthday);
  if (row->source)
    sd_customer_set_source (customer, row->source);
  g_hash_table_iter_init (&iter, row->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    sd_customer_set_field (customer, (gint64) GPOINTER_TO_SIZE (key), value);
  return TRUE;
}

/* Which customer a row duplicates: the one of its number column, else of its phones. */
static gint64
find_duplicate (SdImport *import,
                Row      *row,
                char    **reason)
{
  /* A number from an export of this shop counts when the name or a phone agrees too:
   * the same number in another shop's file is somebody else. */
  if (row->id > 0)
    {
      g_autoptr(SdCustomer) same = sd_store_load_customer (import->store, row->id, NULL);
      gboolean agrees = same != NULL && g_strcmp0 (sd_customer_get_name (same), row->name) == 0;

      for (guint i = 0; same != NULL && !agrees && i < row->phones->len; i++)
        {
          g_autofree char *number = sd_phone_normalize (g_ptr_array_index (row->phones, i), NULL);
          GPtrArray *phones = sd_customer_get_phones (same);
          for (guint j = 0; number && j < phones->len && !agrees; j++)
            agrees = g_str_equal (((SdPhone *) g_ptr_array_index (phones, j))->number, number);
        }
      if (agrees)
        {
          *reason = g_strdup_printf (_("customer number %d is already in the shop"), (int) row->id);
          return row->id;
        }
    }
  for (guint i = 0; i < row->phones->len; i++)
    {
      g_autofree char *number = sd_phone_normalize (g_ptr_array_index (row->phones, i), NULL);
      gint64 id = number ? sd_store_find_customer_by_phone (import->store, number) : 0;

      if (id != 0)
        {
          *reason = g_strdup_printf (_("the phone %s is already in the shop"), number);
          return id;
        }
    }
  return 0;
}

static gboolean
is_fatal (const GError *error)
{
  return error->domain == SD_STORE_ERROR && error->code == SD_STORE_ERROR_SQL;
}

static gboolean
parse_count (const char  *text,
             const char  *what,
             gint64      *out,
             GError     **error)
{
  g_autofree char *normal = sd_text_nfkc (text);
  char *end = NULL;
  gint64 value = g_ascii_strtoll (g_strstrip (normal), &end, 10);

  if (end == normal || *end != '\0' || value < 0 || value > 100000)
    {
      g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_FIELD,
                   _("%s: “%s” is not a count from 0 to 100000"), what, text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* Balances carried over from paper become opening rows of the ledger — for a customer
 * the import creates; an existing customer's balances come from their own history. */
static gboolean
add_opening_balances (SdImport   *import,
                      Row        *row,
                      gint64      customer_id,
                      GError    **error)
{
  static const SdLedgerKind kinds[] = { SD_LEDGER_TICKETS, SD_LEDGER_DEPOSIT,
                                        SD_LEDGER_BUCKETS, SD_LEDGER_PREPAID };
  static const SdImportTarget targets[] = { SD_IMPORT_OPENING_TICKETS, SD_IMPORT_OPENING_DEPOSIT,
                                            SD_IMPORT_OPENING_BUCKETS, SD_IMPORT_OPENING_PREPAID };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *what = sd_import_target_label (targets[i]);
      gint64 amount = 0;

      if (row->opening[i] == NULL)
        continue;
      if (kinds[i] == SD_LEDGER_DEPOSIT || kinds[i] == SD_LEDGER_PREPAID)
        {
          g_autoptr(GError) local = NULL;
          if (!sd_money_parse (row->opening[i], &amount, &local) || amount < 0)
            {
              g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_FIELD, "%s: %s", what,
                           local ? local->message : row->opening[i]);
              return FALSE;
            }
        }
      else if (!parse_count (row->opening[i], what, &amount, error))
        return FALSE;
      if (amount == 0)
        continue;
      if (kinds[i] == SD_LEDGER_TICKETS && import->ticket_product == 0)
        {
          g_set_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_FIELD,
                       _("%s: the shop has no water product to keep tickets for"), what);
          return FALSE;
        }
      if (sd_store_adjust_balance (import->store, customer_id, kinds[i],
                                   kinds[i] == SD_LEDGER_TICKETS ? import->ticket_product : 0,
                                   amount, TRUE, "", _("Imported opening balance"), error) == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_tags (SdImport   *import,
          Row        *row,
          gint64      customer_id,
          GError    **error)
{
  for (guint i = 0; i < row->tags->len; i++)
    {
      gint64 tag = sd_store_ensure_tag (import->store, g_ptr_array_index (row->tags, i), error);
      if (tag == 0 || !sd_store_tag_customers (import->store, tag, &customer_id, 1, TRUE, error))
        return FALSE;
    }
  return TRUE;
}

/* One row in its own savepoint: a rejected row leaves no trace. */
static gboolean
import_row (SdImport          *import,
            guint              r,
            GHashTable        *file_phones,
            SdImportRowResult *result,
            GError           **fatal)
{
  g_auto(Row) row = { 0 };
  g_autoptr(SdCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *duplicate_reason = NULL;
  gint64 duplicate;

  read_row (import, r, &row);

  if (row.name == NULL)
    {
      result->status = SD_IMPORT_ROW_REJECTED;
      result->reason = g_strdup (_("The name is empty"));
      return TRUE;
    }

  duplicate = find_duplicate (import, &row, &duplicate_reason);
  if (duplicate != 0)
    {
      /* say so when the earlier copy came from this very file */
      gpointer from_row = g_hash_table_lookup (file_phones, GSIZE_TO_POINTER ((gsize) duplicate));
      if (from_row != NULL)
        {
          g_free (duplicate_reason);
          duplicate_reason = g_strdup_printf (_("same customer as line %u of the file"),
                                              GPOINTER_TO_UINT (from_row));
        }
    }

  if (duplicate != 0 && import->duplicates == SD_IMPORT_DUPLICATES_SKIP)
    {
      result->status = SD_IMPORT_ROW_SKIPPED;
      result->reason = g_steal_pointer (&duplicate_reason);
      result->customer_id = duplicate;
      return TRUE;
    }

  if (duplicate != 0 && import->duplicates == SD_IMPORT_DUPLICATES_UPDATE)
    {
      customer = sd_store_load_customer (import->store, duplicate, &error);
      if (customer == NULL)
        goto reject;
      result->status = SD_IMPORT_ROW_UPDATED;
    }
  else
    {
      customer = sd_customer_new ();
      result->status = SD_IMPORT_ROW_IMPORTED;
    }

  if (!sd_store_begin (import->store, &error))
    goto reject;
  if (!apply_row (&row, customer, &error) ||
      !_sd_store_save_customer_with_fields (import->store, customer, import->fields,
                                            import->all_fields, FALSE, &error) ||
      !add_tags (import, &row, sd_customer_get_id (customer), &error) ||
      (result->status == SD_IMPORT_ROW_IMPORTED &&
       !add_opening_balances (import, &row, sd_customer_get_id (customer), &error)))
    {
      sd_store_rollback (import->store);
      goto reject;
    }
  if (!sd_store_commit (import->store, &error))
    goto reject;

  result->customer_id = sd_customer_get_id (customer);
  if (!g_hash_table_contains (file_phones, GSIZE_TO_POINTER ((gsize) result->customer_id)))
    g_hash_table_insert (file_phones, GSIZE_TO_POINTER ((gsize) result->customer_id),
                         GUINT_TO_POINTER (result->line));
  return TRUE;

reject:
  if (error != NULL && is_fatal (error))
    {
      g_propagate_error (fatal, g_steal_pointer (&error));
      return FALSE;
    }
  result->status = SD_IMPORT_ROW_REJECTED;
  result->reason = g_strdup (error ? error->message : _("Unknown problem"));
  return TRUE;
}

SdImportReport *
sd_import_run (SdImport  *import,
               gboolean   dry_run,
               GError   **error)
{
  g_autoptr(SdImportReport) report = NULL;
  g_autoptr(GHashTable) file_rows = g_hash_table_new (NULL, NULL);   /* customer id → line */
  gboolean has_name = FALSE;

  g_return_val_if_fail (import != NULL, NULL);

  for (guint c = 0; c < import->columns->len; c++)
    has_name = has_name || g_array_index (import->columns, SdImportColumn, c).target == SD_IMPORT_NAME;
  if (!has_name)
    {
      g_set_error_literal (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_NO_NAME,
                           _("No column holds the customers’ names: choose which one in the preview"));
      return NULL;
    }

  report = g_new0 (SdImportReport, 1);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_result_free);

  if (!sd_store_begin (import->store, error))
    return NULL;

  for (guint r = 1; r < sd_table_get_n_rows (import->table); r++)
    {
      SdImportRowResult *result = g_new0 (SdImportRowResult, 1);
      g_autoptr(GError) fatal = NULL;

      result->row = r;
      result->line = sd_table_get_source_line (import->table, r);
      g_ptr_array_add (report->rows, result);
      if (!import_row (import, r, file_rows, result, &fatal))
        {
          sd_store_rollback (import->store);
          g_set_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_FAILED,
                       _("Nothing was imported: the database failed at line %u: %s"),
                       result->line, fatal->message);
          return NULL;
        }
      switch (result->status)
        {
        case SD_IMPORT_ROW_IMPORTED: report->imported++; break;
        case SD_IMPORT_ROW_UPDATED: report->updated++; break;
        case SD_IMPORT_ROW_SKIPPED: report->skipped++; break;
        case SD_IMPORT_ROW_REJECTED: report->rejected++; break;
        default: g_assert_not_reached ();
        }
    }

  if (dry_run)
    {
      sd_store_rollback (import->store);
      return g_steal_pointer (&report);
    }
  if (!sd_store_commit (import->store, error))
    return NULL;
  return g_steal_pointer (&report);
}

static gboolean
write_table (SdTable     *table,
             const char  *path,
             GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".xlsx"))
    return sd_table_write_xlsx (table, path, error);
  return sd_table_write_csv (table, path, error);
}

gboolean
sd_import_write_rejects (SdImport        *import,
                         SdImportReport  *report,
                         const char      *path,
                         GError         **error)
{
  g_autoptr(SdTable) out = sd_table_new ();
  guint n = sd_table_get_n_columns (import->table);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (cells, (gpointer) sd_table_get_cell (import->table, 0, c));
  /* TRANSLATORS: the column a rejects file adds; the importer ignores it on the way back */
  g_ptr_array_add (cells, (gpointer) _("Reason"));
  g_ptr_array_add (cells, (gpointer) _("Line"));
  sd_table_append_row (out, (const char * const *) cells->pdata, cells->len);

  for (guint i = 0; i < report->rows->len; i++)
    {
      SdImportRowResult *result = g_ptr_array_index (report->rows, i);
      g_autofree char *line = NULL;

      if (result->status != SD_IMPORT_ROW_REJECTED && result->status != SD_IMPORT_ROW_SKIPPED)
        continue;
      g_ptr_array_set_size (cells, 0);
      for (guint c = 0; c < n; c++)
        g_ptr_array_add (cells, (gpointer) sd_table_get_cell (import->table, result->row, c));
      line = g_strdup_printf ("%u", result->line);
      g_ptr_array_add (cells, result->reason);
      g_ptr_array_add (cells, line);
      sd_table_append_row (out, (const char * const *) cells->pdata, cells->len);
    }
  return write_table (out, path, error);
}

/* --- export ------------------------------------------------------------------------------- */

gboolean
sd_store_export_customers (SdStore       *store,
                           const gint64  *ids,
                           guint          n_ids,
                           const char    *path,
                           GError       **error)
{
  g_autoptr(SdTable) out = sd_table_new ();
  g_autoptr(GPtrArray) fields = sd_store_list_custom_fields (store, FALSE, error);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  guint n_addresses = 1;

  if (fields == NULL)
    return FALSE;

  /* as many address columns as the customer with the most addresses needs */
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(SdCustomer) c = sd_store_load_customer (store, ids[i], error);
      if (c == NULL)
        return FALSE;
      n_addresses = MAX (n_addresses, MIN (sd_customer_get_addresses (c)->len, MAX_ADDRESSES));
    }

  /* The headers are names the importer reads back, in the interface language. */
  g_ptr_array_add (header, g_strdup (_("Customer number")));
  g_ptr_array_add (header, g_strdup (_("Name")));
  g_ptr_array_add (header, g_strdup (_("Kind")));
  g_ptr_array_add (header, g_strdup (_("Phone")));
  for (guint a = 0; a < n_addresses; a++)
    {
      g_autofree char *suffix = a == 0 ? g_strdup ("") : g_strdup_printf ("%u", a + 1);
      g_ptr_array_add (header, g_strconcat (_("Address"), suffix, NULL));
      g_ptr_array_add (header, g_strconcat (_("District"), suffix, NULL));
      g_ptr_array_add (header, g_strconcat (_("Delivery instructions"), suffix, NULL));
      g_ptr_array_add (header, g_strconcat (_("Latitude"), suffix, NULL));
      g_ptr_array_add (header, g_strconcat (_("Longitude"), suffix, NULL));
    }
  g_ptr_array_add (header, g_strdup (_("WeChat")));
  g_ptr_array_add (header, g_strdup (_("Birthday")));
  g_ptr_array_add (header, g_strdup (_("Came from")));
  g_ptr_array_add (header, g_strdup (_("Tags")));
  g_ptr_array_add (header, g_strdup (_("Note")));
  for (guint f = 0; f < fields->len; f++)
    g_ptr_array_add (header, g_strdup (((SdCustomField *) g_ptr_array_index (fields, f))->label));
  sd_table_append_row (out, (const char * const *) header->pdata, header->len);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(SdCustomer) c = sd_store_load_customer (store, ids[i], error);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) tags = NULL;
      g_autoptr(GString) phones = g_string_new (NULL);
      g_autoptr(GString) tag_names = g_string_new (NULL);
      GPtrArray *addresses;

      if (c == NULL)
        return FALSE;
      addresses = sd_customer_get_addresses (c);
      for (guint p = 0; p < sd_customer_get_phones (c)->len; p++)
        g_string_append_printf (phones, "%s%s", p ? " / " : "",
                                ((SdPhone *) g_ptr_array_index (sd_customer_get_phones (c), p))->number);
      tags = sd_store_list_customer_tags (store, ids[i], error);
      for (guint t = 0; tags && t < tags->len; t++)
        {
          SdTag *tag = g_ptr_array_index (tags, t);
          if (!tag->automatic)
            g_string_append_printf (tag_names, "%s%s", tag_names->len ? "，" : "", tag->name);
        }

      g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, ids[i]));
      g_ptr_array_add (cells, g_strdup (sd_customer_get_name (c)));
      g_ptr_array_add (cells, g_strdup (sd_customer_kind_label (sd_customer_get_kind (c))));
      g_ptr_array_add (cells, g_strdup (phones->str));
      /* the default address first, so it stays the default when read back */
      for (guint a = 0, written = 0; written < n_addresses; a++, written++)
        {
          SdAddress *address = NULL;
          if (a == 0)
            address = sd_customer_get_default_address (c);
          else
            {
              guint seen = 0;
              for (guint k = 0; k < addresses->len && address == NULL; k++)
                {
                  SdAddress *candidate = g_ptr_array_index (addresses, k);
                  if (candidate->is_default)
                    continue;
                  if (++seen == a)
                    address = candidate;
                }
            }
          g_ptr_array_add (cells, g_strdup (address ? address->text : ""));
          g_ptr_array_add (cells, g_strdup (address ? address->district : ""));
          g_ptr_array_add (cells, g_strdup (address ? address->instructions : ""));
          if (address && address->has_location)
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];
              g_ptr_array_add (cells, g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6f", address->latitude)));
              g_ptr_array_add (cells, g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6f", address->longitude)));
            }
          else
            {
              g_ptr_array_add (cells, g_strdup (""));
              g_ptr_array_add (cells, g_strdup (""));
            }
        }
      g_ptr_array_add (cells, g_strdup (sd_customer_get_wechat (c)));
      g_ptr_array_add (cells, g_strdup (sd_customer_get_birthday (c)));
      g_ptr_array_add (cells, g_strdup (sd_customer_get_source (c)));
      g_ptr_array_add (cells, g_strdup (tag_names->str));
      g_ptr_array_add (cells, g_strdup (sd_customer_get_note (c)));
      for (guint f = 0; f < fields->len; f++)
        {
          SdCustomField *field = g_ptr_array_index (fields, f);
          g_ptr_array_add (cells, sd_custom_field_display (field, sd_customer_get_field (c, field->id)));
        }
      sd_table_append_row (out, (const char * const *) cells->pdata, cells->len);
    }
  return write_table (out, path, error);
}
