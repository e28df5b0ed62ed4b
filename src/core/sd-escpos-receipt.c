/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The receipt in ESC/POS. It says what the PDF receipt says (same msgids), laid out in
 * printer columns: every line is measured with sd_escpos_text_width, so Chinese names count
 * two columns and nothing runs over the paper's edge. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-date.h"
#include "sd-escpos-receipt.h"
#include "sd-ledger.h"
#include "sd-money.h"

#define QR_MODULE_58 5
#define QR_MODULE_80 6

/* "¥" has no double-byte code in GBK, which is what printers' Chinese fonts cover; the
 * full-width "￥" has. */
static char *
money (gint64 fen)
{
  g_autofree char *text = sd_money_format (fen);
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "¥", "￥", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
wrapped (SdEscpos *b, const char *text, guint columns)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL || *text == '\0')
    return;
  lines = sd_escpos_wrap (text, columns);
  for (guint i = 0; lines[i]; i++)
    sd_escpos_line (b, lines[i]);
}

/* A label and a value on one line; when they do not fit, the label wraps above and the
 * value goes right-aligned under it. */
static void
pair (SdEscpos *b, const char *label, const char *value, guint columns)
{
  g_autofree char *line = sd_escpos_spread (label, value, columns);

  if (line != NULL && sd_escpos_text_width (label) + sd_escpos_text_width (value) < columns)
    {
      sd_escpos_line (b, line);
      return;
    }
  wrapped (b, label, columns);
  {
    guint vw = sd_escpos_text_width (value);
    g_autofree char *right = vw <= columns ? sd_escpos_spread ("", value, columns) : NULL;

    if (right)
      sd_escpos_line (b, right);
    else
      wrapped (b, value, columns);
  }
}

static void
rule (SdEscpos *b, guint columns, char c)
{
  g_autofree char *line = g_strnfill (columns, c);

  sd_escpos_line (b, line);
}

static char *
local_time (gint64 utc)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (utc);

  return t ? g_date_time_format (t, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* The shop's name as large as it fits: double width and height, else double height. */
static void
shop_header (SdEscpos *b, const SdShopHeader *shop, guint columns)
{
  guint width = sd_escpos_text_width (shop->name) * 2 <= columns ? 2 : 1;
  g_autofree char *tel = NULL;

  sd_escpos_align (b, SD_ESCPOS_CENTER);
  sd_escpos_bold (b, TRUE);
  sd_escpos_size (b, width, 2);
  wrapped (b, shop->name, columns / width);
  sd_escpos_size (b, 1, 1);
  sd_escpos_bold (b, FALSE);
  wrapped (b, shop->address, columns);
  if (shop->phone && *shop->phone)
    {
      tel = g_strdup_printf (_("Tel. %s"), shop->phone);
      wrapped (b, tel, columns);
    }
  sd_escpos_align (b, SD_ESCPOS_LEFT);
}

static void
balances (SdEscpos *b, const SdDocBalances *bal, guint columns)
{
  g_autofree char *prepaid = money (bal->prepaid_fen);
  g_autofree char *deposit = money (bal->deposit_fen);
  g_autofree char *buckets = g_strdup_printf ("%" G_GINT64_FORMAT, bal->buckets);
  g_autofree char *owed = money (ABS (bal->receivable_fen));

  if (bal->tickets == NULL || bal->tickets->len == 0)
    pair (b, sd_ledger_kind_label (SD_LEDGER_TICKETS), "0", columns);
  for (guint i = 0; bal->tickets != NULL && i < bal->tickets->len; i++)
    {
      const SdDocTickets *t = g_ptr_array_index (bal->tickets, i);
      g_autofree char *label = g_strdup_printf (_("%s · %s"),
                                                sd_ledger_kind_label (SD_LEDGER_TICKETS),
                                                t->product_name);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, t->tickets);

      pair (b, label, count, columns);
    }
  pair (b, sd_ledger_kind_label (SD_LEDGER_PREPAID), prepaid, columns);
  pair (b, sd_ledger_kind_label (SD_LEDGER_DEPOSIT), deposit, columns);
  pair (b, sd_ledger_kind_label (SD_LEDGER_BUCKETS), buckets, columns);
  pair (b, bal->receivable_fen < 0 ? _("Credit") : sd_ledger_kind_label (SD_LEDGER_RECEIVABLE),
        owed, columns);
}

static void
lines_block (SdEscpos *b, const SdReceiptData *d, guint columns)
{
  g_autofree char *head = sd_escpos_spread (_("Item"), _("Amount"), columns);

  sd_escpos_bold (b, TRUE);
  sd_escpos_line (b, head);
  sd_escpos_bold (b, FALSE);
  for (guint i = 0; i < d->lines->len; i++)
    {
      const SdDocLine *line = g_ptr_array_index (d->lines, i);
      g_autofree char *price = money (line->unit_price_fen);
      g_autofree char *amount = money (line->line_total_fen);
      /* TRANSLATORS: quantity, unit and unit price on a receipt: “2 桶 × ¥18.00” */
      g_autofree char *detail = g_strdup_printf (_("  %d %s × %s"), line->quantity,
                                                 line->unit ? line->unit : "", price);

      wrapped (b, line->product_name, columns);
      pair (b, detail, amount, columns);
      if (line->tickets_used > 0)
        {
          g_autofree char *tickets = g_strdup_printf ("%d", line->tickets_used);
          g_autofree char *label = g_strdup_printf ("  %s", _("Water tickets used"));
          pair (b, label, tickets, columns);
        }
    }
}

static void
totals_block (SdEscpos *b, const SdReceiptData *d, guint columns)
{
  g_autofree char *total = money (d->total_fen);
  g_autofree char *due = money (d->due_fen);

  sd_escpos_bold (b, TRUE);
  pair (b, _("Total"), total, columns);
  sd_escpos_bold (b, FALSE);
  if (d->tickets_used > 0)
    {
      g_autofree char *tickets = g_strdup_printf ("%d", d->tickets_used);
      pair (b, _("Water tickets used"), tickets, columns);
      sd_escpos_bold (b, TRUE);
      pair (b, _("To pay in money"), due, columns);
      sd_escpos_bold (b, FALSE);
    }
  pair (b, _("Payment"), d->payment_label, columns);
  if (d->prepaid_used_fen > 0)
    {
      g_autofree char *used = money (d->prepaid_used_fen);
      pair (b, _("From the prepaid balance"), used, columns);
    }
  if (d->charged_fen > 0)
    {
      g_autofree char *charged = money (d->charged_fen);
      pair (b, _("Charged to the account"), charged, columns);
    }
  if (d->paid_fen != 0)
    {
      g_autofree char *paid = money (d->paid_fen);
      g_autofree char *label = g_strdup_printf (_("Paid (%s)"), d->paid_method);
      pair (b, label, paid, columns);
    }
  if (d->buckets_out > 0 || d->empties_back > 0)
    {
      g_autofree char *buckets = g_strdup_printf (_("%d out / %d back"), d->buckets_out,
                                                  d->empties_back);
      pair (b, _("Buckets"), buckets, columns);
    }
}

char *
sd_escpos_order_qr_text (gint64 order_id)
{
  return g_strdup_printf ("songda-order:%" G_GINT64_FORMAT, order_id);
}

GBytes *
sd_escpos_receipt (const SdReceiptData *d, guint columns)
{
  g_autoptr(SdEscpos) b = sd_escpos_new ();
  g_autofree char *created = local_time (d->created_at);
  g_autofree char *delivery = NULL;
  g_autofree char *qr = sd_escpos_order_qr_text (d->order_id);

  g_return_val_if_fail (d != NULL, NULL);
  columns = MAX (columns, 24);

  shop_header (b, &d->shop, columns);
  rule (b, columns, '=');
  sd_escpos_align (b, SD_ESCPOS_CENTER);
  sd_escpos_bold (b, TRUE);
  sd_escpos_size (b, 1, 2);
  sd_escpos_line (b, _("Receipt"));
  sd_escpos_size (b, 1, 1);
  sd_escpos_bold (b, FALSE);
  sd_escpos_align (b, SD_ESCPOS_LEFT);

  pair (b, _("Order"), d->order_no, columns);
  pair (b, _("Taken"), created, columns);
  delivery = (d->window && *d->window) ? g_strdup_printf ("%s %s", d->requested_date, d->window)
                                       : g_strdup (d->requested_date);
  pair (b, _("Delivery"), delivery, columns);
  if (d->courier && *d->courier)
    pair (b, _("Courier"), d->courier, columns);
  pair (b, _("Status"), d->status_label, columns);
  rule (b, columns, '-');

  sd_escpos_bold (b, TRUE);
  wrapped (b, d->customer_name, columns);
  sd_escpos_bold (b, FALSE);
  wrapped (b, d->customer_phone, columns);
  wrapped (b, d->address, columns);
  if (d->instructions && *d->instructions)
    {
      g_autofree char *note = g_strdup_printf (_("Note: %s"), d->instructions);
      wrapped (b, note, columns);
    }
  rule (b, columns, '-');

  lines_block (b, d, columns);
  rule (b, columns, '-');
  totals_block (b, d, columns);
  if (d->note && *d->note)
    {
      g_autofree char *note = g_strdup_printf (_("Note: %s"), d->note);
      wrapped (b, note, columns);
    }
  rule (b, columns, '-');

  sd_escpos_bold (b, TRUE);
  wrapped (b, d->balances_after_delivery ? _("Balances after this delivery") : _("Balances now"),
           columns);
  sd_escpos_bold (b, FALSE);
  balances (b, &d->balances, columns);
  rule (b, columns, '-');

  sd_escpos_align (b, SD_ESCPOS_CENTER);
  sd_escpos_qr (b, qr, columns >= SD_ESCPOS_COLUMNS_80 ? QR_MODULE_80 : QR_MODULE_58, 'M');
  sd_escpos_line (b, d->order_no);
  if (d->shop.footer && *d->shop.footer)
    wrapped (b, d->shop.footer, columns);
  sd_escpos_align (b, SD_ESCPOS_LEFT);
  sd_escpos_feed (b, 4);
  sd_escpos_cut (b);
  return sd_escpos_get_bytes (b);
}

GBytes *
sd_store_escpos_receipt (SdStore *store, gint64 order_id, guint columns, GError **error)
{
  g_autoptr(SdReceiptData) data = sd_store_load_receipt_data (store, order_id, error);

  if (data == NULL)
    return NULL;
  return sd_escpos_receipt (data, columns);
}

GBytes *
sd_escpos_test_page (const char *shop_name, guint columns)
{
  g_autoptr(SdEscpos) b = sd_escpos_new ();
  g_autoptr(GString) ruler = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *cols = NULL;

  columns = MAX (columns, 24);
  for (guint i = 1; i <= columns; i++)
    g_string_append_c (ruler, '0' + i % 10);

  sd_escpos_align (b, SD_ESCPOS_CENTER);
  sd_escpos_bold (b, TRUE);
  sd_escpos_size (b, 2, 2);
  wrapped (b, shop_name && *shop_name ? shop_name : "Songda", columns / 2);
  sd_escpos_size (b, 1, 1);
  sd_escpos_bold (b, FALSE);
  sd_escpos_line (b, _("Test print"));
  sd_escpos_line (b, when);
  sd_escpos_align (b, SD_ESCPOS_LEFT);
  /* TRANSLATORS: on the printer's test page; %u is 32 or 48 */
  cols = g_strdup_printf (_("%u columns:"), columns);
  sd_escpos_line (b, cols);
  sd_escpos_line (b, ruler->str);
  /* a full line of Chinese: each character two columns */
  {
    g_autoptr(GString) chinese = g_string_new (NULL);
    static const char *const sample[] = { "送", "达", "水", "站", "中", "文", "打", "印" };
    for (guint i = 0; i < columns / 2; i++)
      g_string_append (chinese, sample[i % G_N_ELEMENTS (sample)]);
    sd_escpos_line (b, chinese->str);
  }
  sd_escpos_align (b, SD_ESCPOS_CENTER);
  sd_escpos_qr (b, "songda-test", 5, 'M');
  sd_escpos_align (b, SD_ESCPOS_LEFT);
  sd_escpos_feed (b, 4);
  sd_escpos_cut (b);
  return sd_escpos_get_bytes (b);
}
