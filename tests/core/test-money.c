/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sd-money.h"

static void
test_parse_ok (void)
{
  static const struct { const char *text; gint64 fen; } cases[] = {
    { "0", 0 }, { "12", 1200 }, { "12.5", 1250 }, { "12.50", 1250 }, { "12.05", 1205 },
    { ".5", 50 }, { "0.01", 1 }, { "-3.2", -320 }, { "¥1,234.50", 123450 },
    { "￥1,234.5", 123450 }, { " ¥ 8 ", 800 }, { "1234元", 123400 }, { "1,000,000", 100000000 },
    { "-¥3.20", -320 }, { "¥-3.20", -320 }, { "１２．３", 1230 }, { "+7", 700 },
    { "92233720368547758.07", G_MAXINT64 }, { "RMB 5", 500 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = -1;

      g_test_message ("parsing %s", cases[i].text);
      g_assert_true (sd_money_parse (cases[i].text, &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, cases[i].fen);
    }
}

static void
test_parse_bad (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "", SD_MONEY_ERROR_EMPTY }, { "   ", SD_MONEY_ERROR_EMPTY },
    { "abc", SD_MONEY_ERROR_INVALID }, { "1.234", SD_MONEY_ERROR_TOO_PRECISE },
    { "1,23", SD_MONEY_ERROR_INVALID }, { "1234,567", SD_MONEY_ERROR_INVALID },
    { ",123", SD_MONEY_ERROR_INVALID }, { "12.3.4", SD_MONEY_ERROR_INVALID },
    { "1e5", SD_MONEY_ERROR_INVALID }, { "--5", SD_MONEY_ERROR_INVALID },
    { ".", SD_MONEY_ERROR_INVALID }, { "¥", SD_MONEY_ERROR_INVALID },
    { "5 6", SD_MONEY_ERROR_INVALID }, { "0x10", SD_MONEY_ERROR_INVALID },
    { "92233720368547758.08", SD_MONEY_ERROR_OVERFLOW },
    { "99999999999999999999", SD_MONEY_ERROR_OVERFLOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = 4242;

      g_test_message ("parsing %s", cases[i].text);
      g_assert_false (sd_money_parse (cases[i].text, &fen, &error));
      g_assert_error (error, SD_MONEY_ERROR, cases[i].code);
      g_assert_cmpint (fen, ==, 4242);   /* untouched on failure */
      g_assert_nonnull (error->message);
    }

  {
    g_autoptr(GError) error = NULL;
    gint64 fen = 0;
    g_assert_false (sd_money_parse ("\xff\xfe", &fen, &error));
    g_assert_error (error, SD_MONEY_ERROR, SD_MONEY_ERROR_INVALID);
  }
}

static void
test_format (void)
{
  static const struct { gint64 fen; const char *text; const char *plain; } cases[] = {
    { 0, "¥0.00", "0.00" }, { 1, "¥0.01", "0.01" }, { 1250, "¥12.50", "12.50" },
    { 123450, "¥1,234.50", "1,234.50" }, { 100000000, "¥1,000,000.00", "1,000,000.00" },
    { -320, "-¥3.20", "-3.20" }, { -5, "-¥0.05", "-0.05" },
    { G_MAXINT64, "¥92,233,720,368,547,758.07", "92,233,720,368,547,758.07" },
    { G_MININT64, "-¥92,233,720,368,547,758.08", "-92,233,720,368,547,758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sd_money_format (cases[i].fen);
      g_autofree char *plain = sd_money_format_plain (cases[i].fen);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (plain, ==, cases[i].plain);
    }
}

static void
test_round_trip (void)
{
  /* every formatted amount parses back to itself */
  static const gint64 amounts[] = { 0, 7, 99, 100, 101, 99999, 123456789, -1, -100000,
                                    G_MAXINT64 };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *text = sd_money_format (amounts[i]);
      gint64 back = 0;

      g_assert_true (sd_money_parse (text, &back, NULL));
      g_assert_cmpint (back, ==, amounts[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/money/parse-ok", test_parse_ok);
  g_test_add_func ("/money/parse-bad", test_parse_bad);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/round-trip", test_round_trip);
  return g_test_run ();
}
