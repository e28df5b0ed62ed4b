/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of sd-pinyin: readings, surnames, the search index and the matcher.
 *
 * The pinyin table is read from the GResource SD_PINYIN_RESOURCE_PATH, so
 * this program must be linked with the core library's resources. */
#define G_LOG_DOMAIN "songda-core"

#include "sd-pinyin.h"

#include <string.h>

static void
assert_full (const char *name,
             gboolean    as_name,
             const char *expected)
{
  g_autofree char *full = sd_pinyin_full (name, as_name);

  if (g_strcmp0 (full, expected) != 0)
    g_error ("sd_pinyin_full (\"%s\", %s) = \"%s\", expected \"%s\"", name,
             as_name ? "TRUE" : "FALSE", full, expected);
}

static void
assert_initials (const char *name,
                 gboolean    as_name,
                 const char *expected)
{
  g_autofree char *initials = sd_pinyin_initials (name, as_name);

  if (g_strcmp0 (initials, expected) != 0)
    g_error ("sd_pinyin_initials (\"%s\") = \"%s\", expected \"%s\"", name, initials,
             expected);
}

/* Whether @query finds the person called @name. */
static gboolean
name_matches (const char *name,
              const char *query)
{
  g_autofree char *index = sd_pinyin_index (name, TRUE);

  return sd_pinyin_match (index, query);
}

#define assert_finds(name, query) \
  G_STMT_START { \
    if (!name_matches ((name), (query))) \
      g_error ("\"%s\" should find %s", (query), (name)); \
  } G_STMT_END

#define assert_misses(name, query) \
  G_STMT_START { \
    if (name_matches ((name), (query))) \
      g_error ("\"%s\" should not find %s", (query), (name)); \
  } G_STMT_END

static void
test_common_names (void)
{
  assert_full ("张三", TRUE, "zhang san");
  assert_full ("李四", TRUE, "li si");
  assert_full ("王小明", TRUE, "wang xiao ming");
  assert_full ("刘德华", TRUE, "liu de hua");
  assert_full ("吕布", TRUE, "lv bu");
  assert_full ("女", FALSE, "nv");
  assert_initials ("张三", TRUE, "zs");
  assert_initials ("王小明", TRUE, "wxm");
  assert_initials ("欧阳修", TRUE, "oyx");
}

static void
test_syllables (void)
{
  g_auto(GStrv) syl = sd_pinyin_syllables ("单田芳", TRUE);
  g_auto(GStrv) none = sd_pinyin_syllables ("，。！", TRUE);
  g_auto(GStrv) empty = sd_pinyin_syllables ("", TRUE);
  g_autofree char *full = sd_pinyin_full ("", TRUE);
  g_autofree char *index = sd_pinyin_index ("——", TRUE);
  g_autofree char *invalid = sd_pinyin_full ("\xff单\xfe田芳", TRUE);

  g_assert_cmpuint (g_strv_length (syl), ==, 3);
  g_assert_cmpstr (syl[0], ==, "shan");
  g_assert_cmpstr (syl[1], ==, "tian");
  g_assert_cmpstr (syl[2], ==, "fang");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
  g_assert_cmpstr (full, ==, "");
  g_assert_cmpstr (index, ==, "");
  /* invalid UTF-8 is dropped, the name is still read as a name */
  g_assert_cmpstr (invalid, ==, "shan tian fang");
}

static void
test_polyphonic_surnames (void)
{
  assert_full ("单田芳", TRUE, "shan tian fang");
  assert_full ("曾国藩", TRUE, "zeng guo fan");
  assert_full ("解缙", TRUE, "xie jin");
  assert_full ("仇英", TRUE, "qiu ying");
  assert_full ("区志强", TRUE, "ou zhi qiang");
  assert_full ("朴树", TRUE, "piao shu");
  assert_full ("查良镛", TRUE, "zha liang yong");
  assert_full ("盖聂", TRUE, "ge nie");
  assert_full ("乐嘉", TRUE, "yue jia");
  assert_full ("缪斯", TRUE, "miao si");
  assert_full ("覃明", TRUE, "qin ming");
  assert_full ("召忽", TRUE, "shao hu");
  assert_full ("种师道", TRUE, "chong shi dao");
  assert_full ("长红", TRUE, "chang hong");
  assert_full ("翟志刚", TRUE, "zhai zhi gang");
  assert_initials ("单田芳", TRUE, "stf");
  assert_initials ("曾国藩", TRUE, "zgf");

  /* leading punctuation and spaces do not hide the surname */
  assert_full ("  单田芳", TRUE, "shan tian fang");
}

static void
test_not_surname (void)
{
  /* the same characters, not first in a name, keep the common reading */
  assert_full ("简单", TRUE, "jian dan");
  assert_full ("老单", TRUE, "lao dan");
  assert_full ("小曾", TRUE, "xiao ceng");
  assert_full ("讲解", TRUE, "jiang jie");
  assert_full ("社区", TRUE, "she qu");
  /* nor at the start of a text that is not a name */
  assert_full ("单田芳", FALSE, "dan tian fang");
  assert_full ("曾经", FALSE, "ceng jing");
  assert_full ("解放路水站", FALSE, "jie fang lu shui zhan");
  /* nor after a leading Latin token */
  assert_full ("A单元", TRUE, "a dan yuan");
  /* but the other readings remain searchable */
  assert_finds ("老单", "laoshan");
  assert_finds ("单田芳", "dantianfang");
}

static void
test_compound_surnames (void)
{
  assert_full ("欧阳修", TRUE, "ou yang xiu");
  assert_full ("司马光", TRUE, "si ma guang");
  assert_full ("诸葛亮", TRUE, "zhu ge liang");
  assert_full ("上官婉儿", TRUE, "shang guan wan er");
  assert_full ("司徒雷登", TRUE, "si tu lei deng");
  assert_full ("东方朔", TRUE, "dong fang shuo");
  assert_full ("皇甫嵩", TRUE, "huang fu song");
  assert_full ("令狐冲", TRUE, "ling hu chong");
  assert_full ("慕容复", TRUE, "mu rong fu");
  assert_full ("尉迟恭", TRUE, "yu chi gong");
  assert_full ("长孙无忌", TRUE, "zhang sun wu ji");
  assert_full ("单于", TRUE, "chan yu");
  assert_full ("万俟卨", TRUE, "mo qi xie");
  assert_full ("澹台灭明", TRUE, "tan tai mie ming");
  assert_initials ("尉迟恭", TRUE, "ycg");
  assert_initials ("长孙无忌", TRUE, "zswj");
  /* a single-character surname rule does not apply inside a compound */
  assert_finds ("尉迟恭", "yuchigong");
  assert_finds ("尉迟恭", "weichigong");
}

static void
test_match_mixed (void)
{
  const char *finds[] = {
    "zs", "zsan", "zhangs", "zhangsan", "zhang san", "ZS", "ZhangSan", "zhs",
    "z", "zh", "zha", "s", "san", "sa", " z s ", "zh'san", "zhang\tsan",
  };
  const char *misses[] = {
    "zx", "ang", "an", "hang", "zhangx", "sz", "zhangsanx", "szh", "zsx",
    "张三", "zs!", "", "   ", "zhang-san",
  };
  g_autofree char *index = sd_pinyin_index ("张三", TRUE);
  g_autofree char *full = sd_pinyin_full ("张三", TRUE);
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (finds); i++)
    {
      if (!sd_pinyin_match (index, finds[i]))
        g_error ("\"%s\" should match \"%s\"", finds[i], index);
      /* the plain full string is a valid index too */
      if (!sd_pinyin_match (full, finds[i]))
        g_error ("\"%s\" should match \"%s\"", finds[i], full);
    }
  for (i = 0; i < G_N_ELEMENTS (misses); i++)
    if (sd_pinyin_match (index, misses[i]))
      g_error ("\"%s\" should not match \"%s\"", misses[i], index);

  g_assert_false (sd_pinyin_match (NULL, "zs"));
  g_assert_false (sd_pinyin_match (index, NULL));
  g_assert_false (sd_pinyin_match ("", "zs"));

  assert_finds ("王小明", "wxm");
  assert_finds ("王小明", "xm");
  assert_finds ("王小明", "wangxm");
  assert_finds ("王小明", "wxiaoming");
  assert_finds ("王小明", "xiaom");
  assert_misses ("王小明", "wm");
  assert_misses ("王小明", "mx");
  assert_misses ("王小明", "iao");

  /* polyphonic slots: any reading, but not two readings of one slot */
  assert_finds ("单田芳", "stf");
  assert_finds ("单田芳", "dtf");
  assert_finds ("单田芳", "shantf");
  assert_misses ("单田芳", "shandtf");
  assert_finds ("曾国藩", "zgf");
  assert_finds ("诸葛亮", "zgl");
  assert_finds ("诸葛亮", "zhugeliang");
  assert_finds ("欧阳修", "oyx");
  assert_finds ("欧阳修", "ouyang");
  assert_finds ("长孙无忌", "zhangsun");
  assert_finds ("长孙无忌", "changsun");

  /* ü: "lv" as typed in input methods, and "lu" */
  assert_finds ("吕布", "lvbu");
  assert_finds ("吕布", "lubu");
  assert_finds ("吕布", "lb");
  assert_misses ("路明", "lvming");
  assert_finds ("路明", "luming");
}

static void
test_latin_and_digits (void)
{
  assert_full ("A栋王姐", TRUE, "a dong wang jie");
  assert_initials ("A栋王姐", TRUE, "adwj");
  assert_full ("3号楼502张姐", TRUE, "3 hao lou 502 zhang jie");
  assert_initials ("3号楼502张姐", TRUE, "3hl5zj");
  assert_full ("Lily王", TRUE, "lily wang");
  assert_full ("VIP12号", TRUE, "vip 12 hao");
  /* full-width letters and digits count as ASCII */
  assert_full ("ＡＢ座１２", TRUE, "ab zuo 12");

  assert_finds ("A栋王姐", "adwj");
  assert_finds ("A栋王姐", "adong");
  assert_finds ("A栋王姐", "wj");
  assert_finds ("A栋王姐", "a");
  assert_misses ("A栋王姐", "awj");
  assert_finds ("3号楼502张姐", "3hl");
  assert_finds ("3号楼502张姐", "502zj");
  assert_finds ("3号楼502张姐", "50");
  assert_misses ("3号楼502张姐", "02");
  assert_finds ("Lily王", "lilyw");
  assert_finds ("Lily王", "lw");
  assert_misses ("Lily王", "ilyw");
}

static void
test_coverage (void)
{
  gunichar c;
  guint with = 0;
  char buf[8];

  for (c = 0x4E00; c <= 0x9FFF; c++)
    {
      g_autofree char *full = NULL;

      buf[g_unichar_to_utf8 (c, buf)] = '\0';
      full = sd_pinyin_full (buf, FALSE);
      if (*full != '\0')
        with++;
      g_assert_null (strchr (full, ' '));
    }
  g_test_message ("%u of %u characters in U+4E00..U+9FFF have a reading", with,
                  0x9FFF - 0x4E00 + 1);
  /* Unihan 15 has readings for all but 91 of them */
  g_assert_cmpuint (with, >=, 20900);

  /* extension A and the 通用规范汉字表 characters of extension B+ */
  assert_full ("㐀", FALSE, "qiu");
  assert_full ("\xF0\xAC\x8D\xA4", FALSE, "xun"); /* U+2C364, a 通用规范汉字 */
}

/* A slow, obviously correct reference matcher for the random test. */
static gboolean
reference_match_from (char       **slots,
                      guint        slot,
                      const char  *q)
{
  g_auto(GStrv) alts = NULL;
  guint i;

  if (slots[slot] == NULL)
    return FALSE;
  alts = g_strsplit (slots[slot], "|", -1);
  for (i = 0; alts[i] != NULL; i++)
    {
      gsize k;

      for (k = 1; k <= strlen (alts[i]) && k <= strlen (q); k++)
        {
          if (alts[i][k - 1] != q[k - 1] && !(alts[i][k - 1] == 'v' && q[k - 1] == 'u'))
            break;
          if (q[k] == '\0' || reference_match_from (slots, slot + 1, q + k))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
reference_match (const char *index,
                 const char *q)
{
  g_auto(GStrv) slots = g_strsplit (index, " ", -1);
  guint i;

  for (i = 0; slots[i] != NULL; i++)
    if (reference_match_from (slots, i, q))
      return TRUE;
  return FALSE;
}

static void
test_match_random (void)
{
  static const char *const syllables[] = {
    "a", "an", "ang", "zhang", "zha", "zhan", "san", "sa", "shan", "chang",
    "chan", "lv", "lu", "v", "u", "ua", "uan", "n", "ng", "nv", "hang", "h",
  };
  static const char letters[] = "aghlnsuvz";
  GRand *rand = g_rand_new_with_seed (20240601);
  guint round, matched = 0;

  for (round = 0; round < 20000; round++)
    {
      GString *index = g_string_new (NULL);
      char query[12];
      guint n = (guint) g_rand_int_range (rand, 1, 6), i, len;

      for (i = 0; i < n; i++)
        {
          guint alts = (guint) g_rand_int_range (rand, 1, 4), j;

          if (i > 0)
            g_string_append_c (index, ' ');
          for (j = 0; j < alts; j++)
            {
              if (j > 0)
                g_string_append_c (index, '|');
              g_string_append (index,
                               syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
            }
        }
      len = (guint) g_rand_int_range (rand, 1, 8);
      for (i = 0; i < len; i++)
        query[i] = letters[g_rand_int_range (rand, 0, sizeof letters - 1)];
      query[len] = '\0';

      if (sd_pinyin_match (index->str, query) != reference_match (index->str, query))
        g_error ("sd_pinyin_match (\"%s\", \"%s\") disagrees with the reference",
                 index->str, query);
      matched += reference_match (index->str, query);
      g_string_free (index, TRUE);
    }
  g_test_message ("random: %u of 20000 matched", matched);
  g_assert_cmpuint (matched, >, 1000);
  g_rand_free (rand);
}

static void
test_long_query (void)
{
  GString *name = g_string_new (NULL);
  GString *query = g_string_new (NULL);
  g_autofree char *index = NULL;
  guint i;

  for (i = 0; i < 40; i++)
    g_string_append (name, "张");
  index = sd_pinyin_index (name->str, TRUE);
  for (i = 0; i < 12; i++)
    g_string_append (query, "zhang");
  g_assert_cmpuint (query->len, ==, 60);
  g_assert_true (sd_pinyin_match (index, query->str));
  g_string_append (query, "zhan");
  g_assert_cmpuint (query->len, ==, SD_PINYIN_QUERY_MAX);
  g_assert_true (sd_pinyin_match (index, query->str));
  g_string_append (query, "g");
  g_assert_false (sd_pinyin_match (index, query->str));
  /* 40 slots of "z": the search must stay linear */
  g_string_truncate (query, 0);
  for (i = 0; i < 40; i++)
    g_string_append (query, "z");
  g_assert_true (sd_pinyin_match (index, query->str));
  g_string_append (query, "x");
  g_assert_false (sd_pinyin_match (index, query->str));
  g_string_free (name, TRUE);
  g_string_free (query, TRUE);
}

static void
test_benchmark (void)
{
  static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
    "马", "朱", "胡", "郭", "何", "高", "林", "罗", "单", "曾", "欧阳", "司马",
  };
  static const char *const given[] = {
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
    "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "姐",
  };
  static const char *const queries[] = { "zs", "zhangs", "wxm", "ouyang", "lij", "x" };
  enum { N_NAMES = 1000, ROUNDS = 200 };
  GPtrArray *indexes = g_ptr_array_new_with_free_func (g_free);
  GRand *rand = g_rand_new_with_seed (7);
  gint64 start;
  gsize total = 0;
  guint i, q, r, hits = 0;

  start = g_get_monotonic_time ();
  for (i = 0; i < N_NAMES; i++)
    {
      g_autofree char *name = g_strconcat (
        surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))],
        given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))],
        g_rand_boolean (rand) ? given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))] : "",
        NULL);
      char *index = sd_pinyin_index (name, TRUE);

      total += strlen (index);
      g_ptr_array_add (indexes, index);
    }
  g_test_message ("sd_pinyin_index: %.2f us per name (average index %.1f bytes)",
                  (double) (g_get_monotonic_time () - start) / N_NAMES,
                  (double) total / N_NAMES);

  for (q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      start = g_get_monotonic_time ();
      for (r = 0; r < ROUNDS; r++)
        for (i = 0; i < indexes->len; i++)
          hits += sd_pinyin_match (indexes->pdata[i], queries[q]);
      g_test_message ("sd_pinyin_match \"%s\": %.1f ns per call",
                      queries[q],
                      (double) (g_get_monotonic_time () - start) * 1000.0
                      / ((double) ROUNDS * N_NAMES));
    }
  g_assert_cmpuint (hits, >, 0);

  g_rand_free (rand);
  g_ptr_array_unref (indexes);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pinyin/common-names", test_common_names);
  g_test_add_func ("/pinyin/syllables", test_syllables);
  g_test_add_func ("/pinyin/polyphonic-surnames", test_polyphonic_surnames);
  g_test_add_func ("/pinyin/not-surname", test_not_surname);
  g_test_add_func ("/pinyin/compound-surnames", test_compound_surnames);
  g_test_add_func ("/pinyin/match-mixed", test_match_mixed);
  g_test_add_func ("/pinyin/latin-and-digits", test_latin_and_digits);
  g_test_add_func ("/pinyin/coverage", test_coverage);
  g_test_add_func ("/pinyin/match-random", test_match_random);
  g_test_add_func ("/pinyin/long-query", test_long_query);
  g_test_add_func ("/pinyin/benchmark", test_benchmark);

  return g_test_run ();
}
