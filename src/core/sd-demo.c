/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo shop: 清泉水站, a water-and-milk delivery shop in Hangzhou's Xihu district.
 * Districts, roads and their rough centres are real; people, compounds and numbers are
 * invented. Everything comes from one seeded generator, so a seed is a reproducible shop.
 * Later areas (orders, subscriptions, tickets) add their own generate_*() steps here. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sd-catalog.h"
#include "sd-custom-field.h"
#include "sd-customer-store-private.h"
#include "sd-date.h"
#include "sd-demo.h"
#include "sd-demo-private.h"
#include "sd-follow-up.h"
#include "sd-tag.h"
#include "sd-random.h"
#include "sd-store-private.h"

typedef struct {
  const char *name;
  double      lat;
  double      lon;
  double      radius_km;
  const char *roads[7];
} District;

static const District districts[] = {
  { "西湖区", 30.2800, 120.1250, 3.0, { "文三路", "教工路", "古墩路", "天目山路", "文一路", "学院路", "丰潭路" } },
  { "拱墅区", 30.3190, 120.1430, 2.8, { "莫干山路", "湖墅南路", "上塘路", "沈半路", "大关路", "德胜路", "登云路" } },
  { "上城区", 30.2500, 120.1800, 2.8, { "庆春路", "解放路", "秋涛路", "江锦路", "富春路", "凯旋路", "望江路" } },
  { "滨江区", 30.2080, 120.2100, 2.5, { "江南大道", "滨盛路", "长河路", "江陵路", "时代大道", "网商路", "西兴路" } },
  { "萧山区", 30.1800, 120.2650, 3.0, { "市心路", "金城路", "人民路", "育才路", "通惠路", "建设一路", "博学路" } },
  { "余杭区", 30.2880, 120.0150, 3.0, { "文一西路", "五常大道", "良睦路", "闲林东路", "高教路", "海曙路", "荆长路" } },
  { "临平区", 30.4200, 120.3000, 2.5, { "星光街", "人民大道", "迎宾路", "南苑街", "藕花洲大街", "世纪大道", "新洲路" } },
  { "钱塘区", 30.3080, 120.3550, 2.8, { "学源街", "文泽路", "学林街", "文渊路", "银海街", "福城路", "海达南路" } },
};
/* Near the shop most customers live: weights per district, in the order above. */
static const guint district_weights[] = { 34, 18, 14, 10, 6, 8, 5, 5 };

static const char *compounds[] = {
  "阳光花园", "金色家园", "和睦新村", "桂花苑", "星洲花园", "锦绣江南", "东方名苑", "怡景苑",
  "紫荆花园", "春江花月", "湖畔居", "映月公寓", "青枫墅园", "翠苑一区", "嘉绿苑", "文鼎苑",
  "益乐新村", "古荡新村", "蓝庭公寓", "望江家园", "运河人家", "丽水苑", "香樟园", "绿洲花园",
  "景和苑", "钱江湾", "云栖里", "梧桐苑", "新城公寓", "枫华府",
};

static const char *buildings[] = {
  "创业大厦", "数娱大厦", "星光国际", "科创园A座", "华元大厦", "金融中心", "智慧谷", "东方大厦",
  "世纪大厦", "银泰中心", "西溪科技园", "钱江国际",
};

static const char *surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
  "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
  "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
  "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
  "方", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "单", "解", "仇", "欧阳", "诸葛", "司马",
};

static const char *given_chars[] = {
  "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
  "涛", "明", "超", "霞", "平", "刚", "桂", "华", "建", "国", "文", "辉", "玲", "婷", "晨", "宇",
  "浩", "欣", "怡", "佳", "子", "梓", "涵", "雨", "思", "晓", "俊", "志", "红", "海", "燕", "慧",
  "琳", "倩", "鹏", "帆", "博", "嘉", "悦", "瑶", "凯", "航", "昊", "然", "一", "可", "心", "诗",
};

static const char *company_words[] = {
  "恒信", "华创", "聚源", "云帆", "智联", "博远", "启明", "锐思", "中天", "新程", "思拓", "汇通",
  "德康", "卓越", "金桥", "远航", "优品", "和泰", "数策", "青禾",
};

static const char *company_kinds[] = {
  "科技有限公司", "网络科技有限公司", "贸易有限公司", "设计工作室", "律师事务所", "口腔诊所",
  "培训学校", "物业管理有限公司", "广告有限公司", "会计师事务所",
};

static const char *store_kinds[] = {
  "便利店", "超市", "水果店", "烟酒店", "生鲜店", "母婴店", "早餐店", "茶叶店",
};

static const char *distributor_kinds[] = { "商贸有限公司", "食品经营部", "饮品配送中心" };

static const char *sources[] = {
  "老客户介绍", "小区传单", "门店自提", "业主群", "美团", "抖音", "路过看到", "老客户介绍",
};

static const char *follow_up_notes[][2] = {
  { "call", "打电话问下周要不要加一桶" },
  { "call", "推荐鲜奶月卡，说考虑一下" },
  { "visit", "上门回收空桶 3 个" },
  { "complaint", "反映上次送水晚了一个小时，已道歉" },
  { "complaint", "水桶有异味，已换新桶" },
  { "note", "过年期间回老家，2 月 15 日后再送" },
  { "call", "确认月结对账单金额无误" },
  { "visit", "给饮水机做了清洗消毒" },
};

static const char *instructions[] = {
  "放门口保温箱", "3楼无电梯", "送到前台", "下午两点后送", "敲门，别按门铃（宝宝睡觉）",
  "电梯到18楼", "放快递柜旁边", "到了打电话", "送到后门仓库", "门卫处登记后上楼", "家里有狗，先打电话",
  "工作日白天家里没人，放邻居家", "空桶在门口，顺便带走",
};

/* Prefixes of mainland mobile numbers in use. */
static const char *mobile_prefixes[] = {
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
  "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "180", "181", "182",
  "183", "186", "187", "188", "189", "191", "198", "199",
};

#define PICK(rng, array) (array[sd_random_below ((rng), G_N_ELEMENTS (array))])

static const District *
pick_district (SdRandom *rng)
{
  guint total = 0, roll;

  for (guint i = 0; i < G_N_ELEMENTS (district_weights); i++)
    total += district_weights[i];
  roll = sd_random_below (rng, total);
  for (guint i = 0; i < G_N_ELEMENTS (district_weights); i++)
    {
      if (roll < district_weights[i])
        return &districts[i];
      roll -= district_weights[i];
    }
  return &districts[0];
}

static char *
person_name (SdRandom *rng)
{
  const char *surname = PICK (rng, surnames);

  /* Shops often record a caller as 王先生 / 李女士. */
  if (sd_random_chance (rng, 22))
    return g_strconcat (surname, sd_random_chance (rng, 50) ? "先生" : "女士", NULL);
  if (sd_random_chance (rng, 35))
    return g_strconcat (surname, PICK (rng, given_chars), NULL);
  return g_strconcat (surname, PICK (rng, given_chars), PICK (rng, given_chars), NULL);
}

static char *
unique_mobile (SdRandom   *rng,
               GHashTable *used)
{
  for (;;)
    {
      char *number = g_strdup_printf ("%s%08u", PICK (rng, mobile_prefixes),
                                      (guint) sd_random_below (rng, 100000000));
      if (!g_hash_table_contains (used, number))
        {
          g_hash_table_add (used, number);
          return g_strdup (number);
        }
      g_free (number);
    }
}

static char *
unique_landline (SdRandom   *rng,
                 GHashTable *used)
{
  for (;;)
    {
      /* Hangzhou: area code 0571, eight-digit numbers starting 8 or 5-6 */
      static const char first[] = { '8', '8', '8', '5', '6' };
      char *number = g_strdup_printf ("0571%c%07u", first[sd_random_below (rng, 5)],
                                      (guint) sd_random_below (rng, 10000000));
      if (!g_hash_table_contains (used, number))
        {
          g_hash_table_add (used, number);
          return g_strdup (number);
        }
      g_free (number);
    }
}

static void
place (SdRandom       *rng,
       const District *district,
       SdAddress      *address)
{
  /* Uniform over a disc around the district centre. */
  double r = district->radius_km * sqrt (sd_random_unit (rng));
  double angle = 2 * G_PI * sd_random_unit (rng);
  double dlat = r * sin (angle) / 111.0;
  double dlon = r * cos (angle) / (111.0 * cos (district->lat * G_PI / 180.0));

  /* six decimals (~0.1 m) is what a map pick stores */
  address->latitude = round ((district->lat + dlat) * 1e6) / 1e6;
  address->longitude = round ((district->lon + dlon) * 1e6) / 1e6;
  address->has_location = TRUE;
}

static SdAddress *
home_address (SdRandom *rng)
{
  const District *district = pick_district (rng);
  SdAddress *address = sd_address_new (NULL);

  g_free (address->text);
  address->text = g_strdup_printf ("杭州市%s%s%u号 %s%u幢%u单元%u%02u室", district->name,
                                   PICK (rng, district->roads), sd_random_range (rng, 1, 399),
                                   PICK (rng, compounds), sd_random_range (rng, 1, 28),
                                   sd_random_range (rng, 1, 4), sd_random_range (rng, 1, 26),
                                   sd_random_range (rng, 1, 4));
  g_free (address->district);
  address->district = g_strdup (district->name);
  place (rng, district, address);
  return address;
}

static SdAddress *
office_address (SdRandom *rng)
{
  const District *district = pick_district (rng);
  SdAddress *address = sd_address_new (NULL);

  g_free (address->text);
  address->text = g_strdup_printf ("杭州市%s%s%u号 %s%u楼%u%02u室", district->name,
                                   PICK (rng, district->roads), sd_random_range (rng, 1, 599),
                                   PICK (rng, buildings), sd_random_range (rng, 2, 30),
                                   sd_random_range (rng, 2, 30), sd_random_range (rng, 1, 20));
  g_free (address->district);
  address->district = g_strdup (district->name);
  place (rng, district, address);
  return address;
}

static SdAddress *
shop_front_address (SdRandom *rng)
{
  const District *district = pick_district (rng);
  SdAddress *address = sd_address_new (NULL);

  g_free (address->text);
  address->text = g_strdup_printf ("杭州市%s%s%u号 沿街商铺", district->name,
                                   PICK (rng, district->roads), sd_random_range (rng, 1, 599));
  g_free (address->district);
  address->district = g_strdup (district->name);
  place (rng, district, address);
  return address;
}

static void
set_text (char       **field,
          const char  *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

static SdCustomer *
make_customer (SdRandom   *rng,
               GHashTable *used_phones,
               gint64      now)
{
  SdCustomer *customer = sd_customer_new ();
  guint roll = sd_random_below (rng, 100);
  g_autofree char *name = NULL;
  guint n_addresses;

  if (roll < 80)
    {
      sd_customer_set_kind (customer, SD_CUSTOMER_KIND_HOUSEHOLD);
      name = person_name (rng);
      n_addresses = sd_random_chance (rng, 70) ? 1 : sd_random_chance (rng, 75) ? 2 : 3;
      for (guint i = 0; i < n_addresses; i++)
        {
          SdAddress *address = i == 1 && sd_random_chance (rng, 60) ? office_address (rng)
                                                                    : home_address (rng);
          set_text (&address->label, i == 0 ? "家" : i == 1 ? "公司" : "父母家");
          if (sd_random_chance (rng, 30))
            set_text (&address->instructions, PICK (rng, instructions));
          sd_customer_add_address (customer, address);
        }
      {
        g_autofree char *mobile = unique_mobile (rng, used_phones);
        sd_customer_add_phone (customer, mobile, "手机");
      }
      if (sd_random_chance (rng, 15))
        {
          g_autofree char *mobile = unique_mobile (rng, used_phones);
          sd_customer_add_phone (customer, mobile, sd_random_chance (rng, 50) ? "家人" : "备用");
        }
    }
  else if (roll < 92)
    {
      SdAddress *address = office_address (rng);
      g_autofree char *landline = unique_landline (rng, used_phones);
      g_autofree char *mobile = unique_mobile (rng, used_phones);
      g_autofree char *contact = person_name (rng);

      sd_customer_set_kind (customer, SD_CUSTOMER_KIND_COMPANY);
      name = g_strconcat ("杭州", PICK (rng, company_words), PICK (rng, company_kinds), NULL);
      set_text (&address->label, "公司");
      set_text (&address->instructions, sd_random_chance (rng, 60) ? "送到前台" : "");
      sd_customer_add_address (customer, address);
      sd_customer_add_phone (customer, landline, "前台");
      sd_customer_add_phone (customer, mobile, contact);
    }
  else if (roll < 98)
    {
      SdAddress *address = shop_front_address (rng);
      g_autofree char *mobile = unique_mobile (rng, used_phones);
      g_autofree char *owner = person_name (rng);

      sd_customer_set_kind (customer, SD_CUSTOMER_KIND_STORE);
      name = g_strconcat (owner, PICK (rng, store_kinds), NULL);
      set_text (&address->label, "门店");
      sd_customer_add_address (customer, address);
      sd_customer_add_phone (customer, mobile, "老板");
    }
  else
    {
      SdAddress *address = office_address (rng);
      g_autofree char *mobile = unique_mobile (rng, used_phones);

      sd_customer_set_kind (customer, SD_CUSTOMER_KIND_DISTRIBUTOR);
      name = g_strconcat ("杭州", PICK (rng, company_words), PICK (rng, distributor_kinds), NULL);
      set_text (&address->label, "仓库");
      set_text (&address->instructions, "送到后门仓库");
      sd_customer_add_address (customer, address);
      sd_customer_add_phone (customer, mobile, "采购");
    }

  sd_customer_set_name (customer, name);
  sd_customer_set_source (customer, PICK (rng, sources));
  if (sd_customer_get_kind (customer) == SD_CUSTOMER_KIND_HOUSEHOLD)
    {
      if (sd_random_chance (rng, 40))
        {
          static const char letters[] = "abcdefghijkmnpqrstuvwxyz";
          char wechat[16];
          guint n = (guint) sd_random_range (rng, 6, 10);
          for (guint i = 0; i < n; i++)
            wechat[i] = i > 3 && sd_random_chance (rng, 40) ? (char) ('0' + sd_random_below (rng, 10))
                                                            : letters[sd_random_below (rng, sizeof letters - 1)];
          wechat[n] = '\0';
          sd_customer_set_wechat (customer, wechat);
        }
      if (sd_random_chance (rng, 30))
        {
          g_autofree char *birthday = g_strdup_printf ("%d-%02d-%02d", sd_random_range (rng, 1950, 2003),
                                                       sd_random_range (rng, 1, 12),
                                                       sd_random_range (rng, 1, 28));
          sd_customer_set_birthday (customer, birthday);
        }
    }
  if (sd_random_chance (rng, 12))
    sd_customer_set_note (customer, sd_random_chance (rng, 50) ? "老客户，逢年过节送小礼品"
                                                               : "只要矿泉水，不要纯净水");
  /* Joined some time in the last three years. */
  _sd_customer_set_created (customer, now - (gint64) sd_random_below (rng, 3 * 365 * 86400));
  return customer;
}

typedef struct {
  const char *name, *unit, *category;
  gint64      price_fen, deposit_fen;
} DemoProduct;

static const DemoProduct products[] = {
  { "18.9L 桶装饮用纯净水", "桶", "桶装水", 1800, 5000 },
  { "18.9L 天然矿泉水", "桶", "桶装水", 2800, 5000 },
  { "11.3L 桶装山泉水", "桶", "桶装水", 1500, 3000 },
  { "550ml×24 瓶装饮用水", "箱", "瓶装水", 3600, 0 },
  { "4.5L 家庭装饮用水", "瓶", "瓶装水", 800, 0 },
  { "鲜牛奶 250ml", "瓶", "鲜奶", 450, 0 },
  { "鲜牛奶 950ml", "盒", "鲜奶", 1580, 0 },
  { "原味酸奶 200g", "杯", "酸奶", 500, 0 },
  { "低糖酸奶 1kg", "桶", "酸奶", 2200, 0 },
  { "压水器", "个", "配件", 1500, 0 },
  { "温热型立式饮水机", "台", "设备", 39900, 0 },
};

typedef struct {
  const char *name, *phone, *color, *vehicle;
  int         capacity;
} DemoCourier;

static const DemoCourier couriers[] = {
  { "周师傅", "13958012201", "#e01b24", "电动三轮车", 40 },
  { "老李", "13616893302", "#2ec27e", "电动三轮车", 40 },
  { "小陈", "18857104403", "#3584e4", "电动自行车", 12 },
  { "王师傅", "15088702204", "#e66100", "厢式货车", 120 },
};

static gboolean
generate_shop (SdStore  *store,
               GError  **error)
{
  static const char *settings[][2] = {
    { "shop.name", "清泉水站·鲜奶配送" },
    { "shop.address", "杭州市西湖区教工路88号" },
    { "shop.phone", "0571-88812345" },
    { "shop.footer", "感谢惠顾！空桶请放门口，送水热线 0571-88812345" },
    { "shop.city", "杭州" },
    { "shop.latitude", "30.279200" },
    { "shop.longitude", "120.139600" },
    /* the couriers' day: out at half past seven, the evening round until nine */
    { "dispatch.shift_start", "07:30" },
    { "dispatch.shift_end", "21:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (!sd_store_set_setting (store, settings[i][0], settings[i][1], error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    {
      SdProduct product = {
        .name = (char *) products[i].name, .unit = (char *) products[i].unit,
        .category = (char *) products[i].category, .price_fen = products[i].price_fen,
        .deposit_fen = products[i].deposit_fen, .active = TRUE,
      };
      if (!sd_store_save_product (store, &product, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (couriers); i++)
    {
      SdCourier courier = {
        .name = (char *) couriers[i].name, .phone = (char *) couriers[i].phone,
        .color = (char *) couriers[i].color, .vehicle = (char *) couriers[i].vehicle,
        .capacity = couriers[i].capacity, .active = TRUE,
      };
      if (!sd_store_save_courier (store, &courier, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 floor_field, lift_field, bucket_field;
  gint64 tag_vip, tag_monthly, tag_office, tag_elderly;
  GArray *distributors;   /* ids, for stores' parent accounts */
} DemoProfile;

static gboolean
generate_profile_setup (SdStore      *store,
                        DemoProfile  *profile,
                        GError      **error)
{
  g_autoptr(SdCustomField) floor = sd_custom_field_new ("楼层", SD_FIELD_NUMBER);
  g_autoptr(SdCustomField) lift = sd_custom_field_new ("有电梯", SD_FIELD_BOOLEAN);
  g_autoptr(SdCustomField) bucket = sd_custom_field_new ("常用桶型", SD_FIELD_CHOICE);
  char *bucket_choices[] = { "18.9L 大桶", "11.3L 小桶", "瓶装水", NULL };
  static const struct { const char *name, *color; gboolean automatic; const char *rule; } tags[] = {
    { "VIP", "#e01b24", FALSE, "" },
    { "月结", "#2ec27e", FALSE, "" },
    { "写字楼", "#3584e4", FALSE, "" },
    { "独居老人", "#c061cb", FALSE, "" },
    { "沉睡客户", "#9a9996", TRUE, "60 天没有下单" },
  };
  gint64 *ids[] = { &profile->tag_vip, &profile->tag_monthly, &profile->tag_office,
                    &profile->tag_elderly, NULL };

  g_strfreev (bucket->choices);
  bucket->choices = g_strdupv (bucket_choices);
  if (!sd_store_save_custom_field (store, floor, error) ||
      !sd_store_save_custom_field (store, lift, error) ||
      !sd_store_save_custom_field (store, bucket, error))
    return FALSE;
  profile->floor_field = floor->id;
  profile->lift_field = lift->id;
  profile->bucket_field = bucket->id;

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autoptr(SdTag) tag = sd_tag_new (tags[i].name, tags[i].color);
      tag->automatic = tags[i].automatic;
      g_free (tag->rule);
      tag->rule = g_strdup (tags[i].rule);
      if (!sd_store_save_tag (store, tag, error))
        return FALSE;
      if (ids[i] != NULL)
        *ids[i] = tag->id;
    }
  return TRUE;
}

static void
fill_profile (SdRandom    *rng,
              SdCustomer  *customer,
              DemoProfile *profile)
{
  if (sd_customer_get_kind (customer) == SD_CUSTOMER_KIND_HOUSEHOLD && sd_random_chance (rng, 45))
    {
      int floor = sd_random_range (rng, 1, 26);
      g_autofree char *text = g_strdup_printf ("%d", floor);

      sd_customer_set_field (customer, profile->floor_field, text);
      sd_customer_set_field (customer, profile->lift_field, floor > 6 || sd_random_chance (rng, 50) ? "1" : "0");
      sd_customer_set_field (customer, profile->bucket_field,
                             sd_random_chance (rng, 80) ? "18.9L 大桶" : "11.3L 小桶");
    }
  if (sd_customer_get_kind (customer) == SD_CUSTOMER_KIND_STORE &&
      profile->distributors->len > 0 && sd_random_chance (rng, 50))
    sd_customer_set_parent_id (customer,
                               g_array_index (profile->distributors, gint64,
                                              sd_random_below (rng, profile->distributors->len)));
}

static gboolean
tag_and_follow_up (SdStore      *store,
                   SdRandom     *rng,
                   SdCustomer   *customer,
                   DemoProfile  *profile,
                   gint64        now,
                   GError      **error)
{
  gint64 id = sd_customer_get_id (customer);
  SdCustomerKind kind = sd_customer_get_kind (customer);

  if (sd_random_chance (rng, 6) &&
      !sd_store_tag_customers (store, profile->tag_vip, &id, 1, TRUE, error))
    return FALSE;
  if ((kind == SD_CUSTOMER_KIND_COMPANY || kind == SD_CUSTOMER_KIND_STORE) && sd_random_chance (rng, 60) &&
      !sd_store_tag_customers (store, profile->tag_monthly, &id, 1, TRUE, error))
    return FALSE;
  if (kind == SD_CUSTOMER_KIND_COMPANY &&
      !sd_store_tag_customers (store, profile->tag_office, &id, 1, TRUE, error))
    return FALSE;
  if (kind == SD_CUSTOMER_KIND_HOUSEHOLD && sd_random_chance (rng, 3) &&
      !sd_store_tag_customers (store, profile->tag_elderly, &id, 1, TRUE, error))
    return FALSE;

  if (sd_random_chance (rng, 10))
    {
      guint n = (guint) sd_random_range (rng, 1, 3);
      for (guint i = 0; i < n; i++)
        {
          const char **note = (const char **) follow_up_notes[sd_random_below (rng, G_N_ELEMENTS (follow_up_notes))];
          SdFollowUpKind k = SD_FOLLOW_UP_NOTE;
          g_autoptr(SdFollowUp) f = NULL;

          for (guint j = 0; j < SD_FOLLOW_UP_N_KINDS; j++)
            if (g_str_equal (sd_follow_up_kind_to_string ((SdFollowUpKind) j), note[0]))
              k = (SdFollowUpKind) j;
          f = sd_follow_up_new (id, k, note[1]);
          /* the last one of a customer asks to follow up again around today */
          f->at = now - (gint64) (n - i) * 86400 * sd_random_range (rng, 3, 20);
          g_free (f->who);
          f->who = g_strdup (sd_random_chance (rng, 70) ? "店长" : "小陈");
          if (i == n - 1 && sd_random_chance (rng, 60))
            {
              g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (now);
              g_autofree char *today = g_date_time_format (then, "%Y-%m-%d");
              g_free (f->next_date);
              f->next_date = sd_date_add_days (today, sd_random_range (rng, -3, 5));
            }
          if (!sd_store_add_follow_up (store, f, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
generate_customers (SdStore              *store,
                    SdRandom             *rng,
                    const SdDemoOptions  *options,
                    gint64                now,
                    GError              **error)
{
  g_autoptr(GHashTable) used_phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) distributors = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) all_fields = NULL;
  DemoProfile profile = { .distributors = distributors };

  if (!generate_profile_setup (store, &profile, error))
    return FALSE;
  fields = sd_store_list_custom_fields (store, FALSE, error);
  all_fields = sd_store_list_custom_fields (store, TRUE, error);
  if (fields == NULL || all_fields == NULL)
    return FALSE;

  for (guint i = 0; i < options->n_customers; i++)
    {
      g_autoptr(SdCustomer) customer = make_customer (rng, used_phones, now);

      fill_profile (rng, customer, &profile);
      /* inside the demo's one transaction: a failure undoes the whole demo anyway, so no
       * savepoint per customer (each costs a bitmap of the whole database) */
      if (!_sd_store_save_customer_with_fields (store, customer, fields, all_fields, FALSE, error) ||
          !tag_and_follow_up (store, rng, customer, &profile, now, error))
        return FALSE;
      if (sd_customer_get_kind (customer) == SD_CUSTOMER_KIND_DISTRIBUTOR)
        {
          gint64 id = sd_customer_get_id (customer);
          g_array_append_val (distributors, id);
        }
    }
  return TRUE;
}

static gint64
fixed_clock (gpointer data)
{
  return *(const gint64 *) data;
}

void
sd_demo_options_init (SdDemoOptions *options)
{
  options->seed = 1;
  options->n_customers = SD_DEMO_DEFAULT_CUSTOMERS;
  options->reference_time = 0;
}

gboolean
sd_demo_generate (SdStore              *store,
                  const SdDemoOptions  *options,
                  GError              **error)
{
  SdRandom rng;
  gint64 now;
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (sd_store_count_customers (store, TRUE) > 0)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID,
                   _("“%s” already has customers; the demo shop is only written into an "
                     "empty database"), sd_store_get_path (store));
      return FALSE;
    }

  now = options->reference_time > 0 ? options->reference_time
                                     : g_get_real_time () / G_USEC_PER_SEC;
  sd_random_init (&rng, options->seed);

  /* Stamps written during generation are the demo's "now", not the wall clock. */
  sd_store_set_clock (store, fixed_clock, &now);

  if (!sd_store_begin (store, error))
    ok = FALSE;
  else if (!generate_shop (store, error) ||
           !generate_customers (store, &rng, options, now, error) ||
           !sd_demo_generate_orders (store, &rng, options, now, error))
    {
      sd_store_rollback (store);
      ok = FALSE;
    }
  else
    ok = sd_store_commit (store, error);

  sd_store_set_clock (store, NULL, NULL);
  return ok;
}
