/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sd-customer-store.h"
#include "test-util.h"

typedef struct {
  char    *dir;
  SdStore *store;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_tmp_dir ();
  path = g_build_filename (f->dir, "shop.db", NULL);
  f->store = sd_store_open (path, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  test_rm_rf (f->dir);
  g_free (f->dir);
}

static SdCustomer *
make (const char *name, const char *phone, const char *address)
{
  SdCustomer *c = sd_customer_new ();

  sd_customer_set_name (c, name);
  if (phone)
    sd_customer_add_phone (c, phone, "");
  if (address)
    sd_customer_add_address (c, sd_address_new (address));
  return c;
}

static gint64
save (Fixture *f, const char *name, const char *phone, const char *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCustomer) c = make (name, phone, address);

  g_assert_true (sd_store_save_customer (f->store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sd_customer_get_id (c), >, 0);
  return sd_customer_get_id (c);
}

static void
test_phone_normalize (void)
{
  static const struct { const char *in; const char *out; } ok[] = {
    { "13800138000", "13800138000" }, { "138 0013 8000", "13800138000" },
    { "138-0013-8000", "13800138000" }, { "+86 138 0013 8000", "13800138000" },
    { "0086 13800138000", "13800138000" }, { "(0571) 8888-1234", "057188881234" },
    { "010-12345678", "01012345678" }, { "88881234", "88881234" }, { "400-800-1234", "4008001234" },
    { "１３８００１３８０００", "13800138000" }, { "+1 415 555 0100", "+14155550100" },
  };
  static const char *bad[] = { "", "abc", "1380013800", "138001380001", "12800138000", "123",
                               "0571-888", "138 0013 800x", "++8613800138000" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *n = sd_phone_normalize (ok[i].in, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (n, ==, ok[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *n = sd_phone_normalize (bad[i], &error);
      g_test_message ("bad phone %s", bad[i]);
      g_assert_null (n);
      g_assert_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PHONE);
    }
}

static void
test_phone_display (void)
{
  g_autofree char *mask = sd_phone_mask ("13800138000");
  g_autofree char *mobile = sd_phone_format ("13800138000");
  g_autofree char *hz = sd_phone_format ("057188881234");
  g_autofree char *bj = sd_phone_format ("01012345678");

  g_assert_cmpstr (mask, ==, "138****8000");
  g_assert_cmpstr (mobile, ==, "138 0013 8000");
  g_assert_cmpstr (hz, ==, "0571-88881234");
  g_assert_cmpstr (bj, ==, "010-12345678");
}

static void
test_validate (void)
{
  struct { const char *name, *phone, *address; int code; } cases[] = {
    { "", "13800138000", "教工路1号", SD_CUSTOMER_ERROR_NAME },
    { "   ", "13800138000", "教工路1号", SD_CUSTOMER_ERROR_NAME },
    { "张三", NULL, "教工路1号", SD_CUSTOMER_ERROR_PHONE },
    { "张三", "1380013800", "教工路1号", SD_CUSTOMER_ERROR_PHONE },
    { "张三", "13800138000", NULL, SD_CUSTOMER_ERROR_ADDRESS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SdCustomer) c = make (cases[i].name, cases[i].phone, cases[i].address);

      g_assert_false (sd_customer_validate (c, &error));
      g_assert_error (error, SD_CUSTOMER_ERROR, cases[i].code);
    }

  {
    /* duplicates, two defaults, a bad location */
    g_autoptr(GError) error = NULL;
    g_autoptr(SdCustomer) c = make ("张三", "13800138000", "教工路1号");
    SdAddress *second = sd_address_new ("文三路2号");
    SdAddress *first = g_ptr_array_index (sd_customer_get_addresses (c), 0);

    sd_customer_add_phone (c, "138 0013 8000", "");
    g_assert_false (sd_customer_validate (c, &error));
    g_assert_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_PHONE);
    g_clear_error (&error);
    g_ptr_array_remove_index (sd_customer_get_phones (c), 1);

    sd_customer_add_address (c, second);
    first->is_default = second->is_default = TRUE;
    g_assert_false (sd_customer_validate (c, &error));
    g_assert_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_ADDRESS);
    g_clear_error (&error);
    first->is_default = FALSE;

    second->has_location = TRUE;
    second->latitude = 95;
    second->longitude = 120;
    g_assert_false (sd_customer_validate (c, &error));
    g_assert_error (error, SD_CUSTOMER_ERROR, SD_CUSTOMER_ERROR_LOCATION);
    g_clear_error (&error);
    second->latitude = 30.27;

    g_assert_true (sd_customer_validate (c, &error));
    g_assert_no_error (error);
    g_assert_true (sd_customer_get_default_address (c) == second);
  }

  {
    /* the first address becomes the default when none is marked; blanks are dropped */
    g_autoptr(SdCustomer) c = make ("  李四 ", " 139-0000-1111 ", "  文一路5号 ");
    sd_customer_add_phone (c, "  ", "");
    sd_customer_add_address (c, sd_address_new (""));
    g_assert_true (sd_customer_validate (c, NULL));
    g_assert_cmpstr (sd_customer_get_name (c), ==, "李四");
    g_assert_cmpuint (sd_customer_get_phones (c)->len, ==, 1);
    g_assert_cmpstr (sd_customer_get_primary_phone (c), ==, "13900001111");
    g_assert_cmpuint (sd_customer_get_addresses (c)->len, ==, 1);
    g_assert_true (sd_customer_get_default_address (c)->is_default);
    g_assert_cmpstr (sd_customer_get_default_address (c)->text, ==, "文一路5号");
  }
}

static void
test_save_load (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCustomer) c = make ("杭州恒信科技有限公司", "0571-8888 1234", "西湖区文三路90号");
  g_autoptr(SdCustomer) back = NULL;
  SdAddress *office = sd_address_new ("滨江区江南大道100号 仓库");
  SdAddress *a;

  sd_customer_set_kind (c, SD_CUSTOMER_KIND_COMPANY);
  sd_customer_set_note (c, "月结客户");
  sd_customer_add_phone (c, "13900001111", "王经理");
  office->has_location = TRUE;
  office->latitude = 30.208;
  office->longitude = 120.211;
  office->is_default = TRUE;
  g_free (office->instructions);
  office->instructions = g_strdup ("送到后门仓库");
  sd_customer_add_address (c, office);

  g_assert_true (sd_store_save_customer (f->store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sd_customer_get_primary_phone (c), ==, "057188881234");

  back = sd_store_load_customer (f->store, sd_customer_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_customer_get_name (back), ==, "杭州恒信科技有限公司");
  g_assert_cmpint (sd_customer_get_kind (back), ==, SD_CUSTOMER_KIND_COMPANY);
  g_assert_cmpstr (sd_customer_get_note (back), ==, "月结客户");
  g_assert_cmpuint (sd_customer_get_phones (back)->len, ==, 2);
  g_assert_cmpstr (((SdPhone *) g_ptr_array_index (sd_customer_get_phones (back), 1))->label, ==, "王经理");
  g_assert_cmpuint (sd_customer_get_addresses (back)->len, ==, 2);
  a = sd_customer_get_default_address (back);
  g_assert_cmpstr (a->text, ==, "滨江区江南大道100号 仓库");
  g_assert_cmpstr (a->instructions, ==, "送到后门仓库");
  g_assert_true (a->has_location);
  g_assert_cmpfloat_with_epsilon (a->latitude, 30.208, 1e-9);
  g_assert_false (((SdAddress *) g_ptr_array_index (sd_customer_get_addresses (back), 0))->has_location);
  g_assert_cmpint (sd_customer_get_created (back), >, 0);

  {
    g_autoptr(SdCustomer) missing = sd_store_load_customer (f->store, 9999, &error);
    g_assert_null (missing);
    g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_edit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = save (f, "王小明", "13800138000", "教工路1号");
  g_autoptr(SdCustomer) c = sd_store_load_customer (f->store, id, &error);
  g_autoptr(SdCustomer) back = NULL;
  gint64 kept_address_id;

  g_assert_no_error (error);
  kept_address_id = ((SdAddress *) g_ptr_array_index (sd_customer_get_addresses (c), 0))->id;

  /* rename, second address as default, remove nothing */
  sd_customer_set_name (c, "王晓明");
  {
    SdAddress *b = sd_address_new ("文三路200号");
    b->is_default = TRUE;
    ((SdAddress *) g_ptr_array_index (sd_customer_get_addresses (c), 0))->is_default = FALSE;
    sd_customer_add_address (c, b);
  }
  g_assert_true (sd_store_save_customer (f->store, c, &error));
  g_assert_no_error (error);

  back = sd_store_load_customer (f->store, id, &error);
  g_assert_cmpstr (sd_customer_get_name (back), ==, "王晓明");
  g_assert_cmpuint (sd_customer_get_addresses (back)->len, ==, 2);
  g_assert_cmpstr (sd_customer_get_default_address (back)->text, ==, "文三路200号");
  /* the first address kept its id: orders pointing at it stay valid */
  g_assert_cmpint (((SdAddress *) g_ptr_array_index (sd_customer_get_addresses (back), 0))->id, ==,
                   kept_address_id);

  /* removing the first address archives it: it no longer loads */
  g_ptr_array_remove_index (sd_customer_get_addresses (back), 0);
  g_assert_true (sd_store_save_customer (f->store, back, &error));
  g_clear_object (&c);
  c = sd_store_load_customer (f->store, id, &error);
  g_assert_cmpuint (sd_customer_get_addresses (c)->len, ==, 1);
  g_assert_cmpstr (sd_customer_get_default_address (c)->text, ==, "文三路200号");
}

static void
test_failed_save_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = save (f, "张三", "13800138000", "教工路1号");
  gint64 b = save (f, "李四", "13900139000", "文三路2号");
  g_autoptr(SdCustomer) ca = sd_store_load_customer (f->store, a, &error);
  g_autoptr(SdCustomer) cb = sd_store_load_customer (f->store, b, &error);
  g_autoptr(SdCustomer) again = NULL;
  SdAddress *stolen;

  /* Try to attach B's address to A: refused after the name and phones were written. */
  sd_customer_set_name (ca, "张三丰");
  sd_customer_add_phone (ca, "13700137000", "");
  stolen = sd_address_copy (g_ptr_array_index (sd_customer_get_addresses (cb), 0));
  stolen->is_default = FALSE;
  sd_customer_add_address (ca, stolen);

  g_assert_false (sd_store_save_customer (f->store, ca, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);

  again = sd_store_load_customer (f->store, a, NULL);
  g_assert_cmpstr (sd_customer_get_name (again), ==, "张三");
  g_assert_cmpuint (sd_customer_get_phones (again)->len, ==, 1);
  g_assert_cmpuint (sd_customer_get_addresses (again)->len, ==, 1);
  /* the search index was not touched either */
  {
    g_autoptr(GArray) ids = sd_store_search_customers (f->store, "张三丰", FALSE, NULL);
    g_assert_cmpuint (ids->len, ==, 0);
  }
}

static gint64
first (GArray *ids)
{
  g_assert_cmpuint (ids->len, >, 0);
  return g_array_index (ids, gint64, 0);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  gint64 zhang = save (f, "张三", "13800138000", "杭州市西湖区教工路88号 阳光花园3幢");
  gint64 zhangfeng = save (f, "张三丰", "13912345678", "杭州市拱墅区莫干山路1号");
  gint64 li = save (f, "李四", "15888886666", "杭州市滨江区江南大道5号 138号仓库");
  gint64 wang = save (f, "王五", "057188881380", "杭州市上城区庆春路20号");
  GArray *ids;

#define SEARCH(q) (ids = sd_store_search_customers (f->store, (q), FALSE, NULL))

  /* empty lists everyone */
  SEARCH ("");
  g_assert_cmpuint (ids->len, ==, 4);
  g_array_unref (ids);

  /* name substring, exact name first */
  SEARCH ("张三");
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (first (ids), ==, zhang);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, zhangfeng);
  g_array_unref (ids);

  SEARCH ("三丰");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (first (ids), ==, zhangfeng);
  g_array_unref (ids);

  /* phone digits from 4 on, spaces and dashes ignored */
  SEARCH ("8888");
  g_assert_cmpuint (ids->len, ==, 2);
  g_array_unref (ids);
  SEARCH ("1591 2345");   /* not a phone: no match */
  g_assert_cmpuint (ids->len, ==, 0);
  g_array_unref (ids);
  SEARCH ("139-1234");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (first (ids), ==, zhangfeng);
  g_array_unref (ids);

  /* exact phone ranks first, before a phone or address that merely contains the digits */
  SEARCH ("13800138000");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (first (ids), ==, zhang);
  g_array_unref (ids);
  SEARCH ("1380");
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (first (ids), ==, zhang);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, wang);
  g_array_unref (ids);

  /* address parts */
  SEARCH ("莫干山");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (first (ids), ==, zhangfeng);
  g_array_unref (ids);
  SEARCH ("阳光花园");
  g_assert_cmpint (first (ids), ==, zhang);
  g_array_unref (ids);
  SEARCH ("138号");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (first (ids), ==, li);
  g_array_unref (ids);

  /* pinyin: full, initials, mixed */
  SEARCH ("zhangsan");
  g_assert_cmpuint (ids->len, ==, 2);
  g_array_unref (ids);
  SEARCH ("zsf");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (first (ids), ==, zhangfeng);
  g_array_unref (ids);
  SEARCH ("ls");
  g_assert_cmpint (first (ids), ==, li);
  g_array_unref (ids);
  SEARCH ("wangwu");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (first (ids), ==, wang);
  g_array_unref (ids);

  /* nothing */
  SEARCH ("赵六");
  g_assert_cmpuint (ids->len, ==, 0);
  g_array_unref (ids);

  /* archived customers drop out of the default search */
  g_assert_true (sd_store_set_customer_archived (f->store, zhang, TRUE, NULL));
  SEARCH ("张三");
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);
  ids = sd_store_search_customers (f->store, "张三", TRUE, NULL);
  g_assert_cmpuint (ids->len, ==, 2);
  g_array_unref (ids);
  g_assert_cmpuint (sd_store_count_customers (f->store, FALSE), ==, 3);
  g_assert_cmpuint (sd_store_count_customers (f->store, TRUE), ==, 4);
#undef SEARCH
}

static void
test_sorted_by_pinyin (Fixture *f, gconstpointer data)
{
  gint64 zhao = save (f, "赵六", "13800000001", "a路1号");
  gint64 an = save (f, "安七", "13800000002", "b路1号");
  gint64 li = save (f, "李四", "13800000003", "c路1号");
  g_autoptr(GArray) ids = sd_store_search_customers (f->store, "", FALSE, NULL);

  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, an);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, li);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, zhao);
}

static void
test_search_sees_other_writers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) other = sd_store_open (sd_store_get_path (f->store), &error);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) renamed = NULL;
  g_autoptr(SdCustomer) c = make ("周八", "13612345678", "上塘路8号");
  gint64 mine;

  g_assert_no_error (error);
  mine = save (f, "周七", "13512345678", "上塘路7号");
  before = sd_store_search_customers (f->store, "周", FALSE, NULL);   /* loads the index */
  g_assert_cmpuint (before->len, ==, 1);

  /* another connection (songda-cli, a second program) adds a customer */
  g_assert_true (sd_store_save_customer (other, c, &error));
  after = sd_store_search_customers (f->store, "周", FALSE, NULL);
  g_assert_cmpuint (after->len, ==, 2);

  /* our own edit is seen at once, with the new name ranked by it */
  {
    g_autoptr(SdCustomer) edit = sd_store_load_customer (f->store, mine, NULL);
    sd_customer_set_name (edit, "周八");
    g_assert_true (sd_store_save_customer (f->store, edit, &error));
  }
  renamed = sd_store_search_customers (f->store, "周八", FALSE, NULL);
  g_assert_cmpuint (renamed->len, ==, 2);
  g_assert_true (g_array_index (renamed, gint64, 0) == mine ||
                 g_array_index (renamed, gint64, 1) == mine);
  {
    g_autoptr(GArray) old = sd_store_search_customers (f->store, "周七", FALSE, NULL);
    g_assert_cmpuint (old->len, ==, 0);
  }
}

static void
test_search_after_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCustomer) c = make ("吴九", "13712345678", "学院路9号");
  g_autoptr(GArray) loaded = NULL;
  g_autoptr(GArray) ids = NULL;

  save (f, "吴十", "13812345670", "学院路10号");
  loaded = sd_store_search_customers (f->store, "吴", FALSE, NULL);
  g_assert_cmpuint (loaded->len, ==, 1);

  /* a save inside a transaction that is then rolled back must not show up */
  g_assert_true (sd_store_begin (f->store, &error));
  g_assert_true (sd_store_save_customer (f->store, c, &error));
  sd_store_rollback (f->store);

  ids = sd_store_search_customers (f->store, "吴", FALSE, NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpuint (sd_store_count_customers (f->store, TRUE), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/customer/phone-normalize", test_phone_normalize);
  g_test_add_func ("/customer/phone-display", test_phone_display);
  g_test_add_func ("/customer/validate", test_validate);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/customer/save-load", test_save_load);
  ADD ("/customer/edit", test_edit);
  ADD ("/customer/failed-save-changes-nothing", test_failed_save_changes_nothing);
  ADD ("/customer/search", test_search);
  ADD ("/customer/sorted-by-pinyin", test_sorted_by_pinyin);
  ADD ("/customer/search-sees-other-writers", test_search_sees_other_writers);
  ADD ("/customer/search-after-rollback", test_search_after_rollback);
  return g_test_run ();
}
