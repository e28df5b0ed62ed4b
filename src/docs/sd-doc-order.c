/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The documents of one order: the receipt (小票) on 58/80 mm thermal paper, the delivery
 * slip (送货单) on A5/A4, and the payment receipt for companies (收款收据) on A4. */
#define G_LOG_DOMAIN "songda-docs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-docs-private.h"
#include "sd-money.h"

/* --- pieces ------------------------------------------------------------------------------- */

/* "¥18.00 × 2 · 2 paid with tickets" under a product's name on a receipt. */
static char *
item_cell (const SdDocLine *line,
           gboolean         with_price)
{
  GString *text = g_string_new (line->product_name);

  if (with_price)
    {
      g_autofree char *price = sd_money_format (line->unit_price_fen);
      g_string_append_printf (text, "\n%s/%s", price, *line->unit ? line->unit : "×1");
    }
  if (line->tickets_used > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d paid with a water ticket",
                                                 "%d paid with water tickets", line->tickets_used),
                              line->tickets_used);
    }
  return g_string_free (text, FALSE);
}

/* The money lines under the table: total, tickets, due, how it was paid. */
static void
totals_block (SdDocWriter         *w,
              const SdDocStyle    *style,
              const SdReceiptData *d)
{
  SdDocStyle strong = *style;
  g_autofree char *total = sd_money_format (d->total_fen);
  g_autofree char *due = sd_money_format (d->due_fen);

  strong.bold = TRUE;
  strong.size = style->size * 1.1;
  sd_doc_pair (w, &strong, _("Total"), total);
  if (d->tickets_used > 0)
    {
      g_autofree char *tickets = g_strdup_printf ("%d", d->tickets_used);
      sd_doc_pair (w, style, _("Water tickets used"), tickets);
      sd_doc_pair (w, &strong, _("To pay in money"), due);
    }
  sd_doc_pair (w, style, _("Payment"), d->payment_label);
  if (d->prepaid_used_fen > 0)
    {
      g_autofree char *used = sd_money_format (d->prepaid_used_fen);
      sd_doc_pair (w, style, _("From the prepaid balance"), used);
    }
  if (d->charged_fen > 0)
    {
      g_autofree char *charged = sd_money_format (d->charged_fen);
      sd_doc_pair (w, style, _("Charged to the account"), charged);
    }
  if (d->paid_fen != 0)
    {
      g_autofree char *paid = sd_money_format (d->paid_fen);
      /* TRANSLATORS: money received for the order, with the method: “Paid (Cash)” */
      g_autofree char *label = g_strdup_printf (_("Paid (%s)"), d->paid_method);
      sd_doc_pair (w, style, label, paid);
    }
  if (d->buckets_out > 0 || d->empties_back > 0)
    {
      /* TRANSLATORS: full buckets delivered and empty ones taken back: “2 out / 1 back” */
      g_autofree char *buckets = g_strdup_printf (_("%d out / %d back"), d->buckets_out,
                                                  d->empties_back);
      sd_doc_pair (w, style, _("Buckets"), buckets);
    }
}

static const char *
balances_title (const SdReceiptData *d)
{
  return d->balances_after_delivery ? _("Balances after this delivery") : _("Balances now");
}

static char *
delivery_text (const SdReceiptData *d)
{
  if (d->window != NULL && *d->window)
    return g_strdup_printf ("%s %s", d->requested_date, d->window);
  return g_strdup (d->requested_date);
}

/* --- receipt ------------------------------------------------------------------------------ */

void
_sd_doc_layout_receipt (SdDocWriter *w,
                        gpointer     user_data)
{
  const SdOrderDoc *doc = user_data;
  const SdReceiptData *d = doc->data;
  gboolean wide = doc->kind == SD_DOC_RECEIPT_80;
  double base = wide ? 9 : 8;
  SdDocStyle text = { base, FALSE, SD_DOC_ALIGN_LEFT, 0 };
  SdDocStyle centered = { base * 0.92, FALSE, SD_DOC_ALIGN_CENTER, 0 };
  SdDocStyle shop = { base * 1.45, TRUE, SD_DOC_ALIGN_CENTER, 0 };
  SdDocStyle title = { base * 1.25, TRUE, SD_DOC_ALIGN_CENTER, 0 };
  SdDocStyle heading = { base, TRUE, SD_DOC_ALIGN_LEFT, 0 };
  /* 数量 must fit its column on 58 mm paper */
  SdDocColumn narrow_columns[] = {
    { _("Item"), 0.52, SD_DOC_ALIGN_LEFT },
    { C_("column", "Qty"), 0.19, SD_DOC_ALIGN_RIGHT },
    { _("Amount"), 0.29, SD_DOC_ALIGN_RIGHT },
  };
  SdDocColumn wide_columns[] = {
    { _("Item"), 0.44, SD_DOC_ALIGN_LEFT },
    { C_("column", "Qty"), 0.12, SD_DOC_ALIGN_RIGHT },
    { _("Price"), 0.21, SD_DOC_ALIGN_RIGHT },
    { _("Amount"), 0.23, SD_DOC_ALIGN_RIGHT },
  };
  double content = sd_doc_content_width (w);
  double logo;
  g_autofree char *created = _sd_doc_local_time (d->created_at);
  g_autofree char *delivery = delivery_text (d);
  g_autofree char *qr = _sd_doc_order_qr_text (d->order_id);
  g_autofree char *tel = NULL;

  logo = sd_doc_image_at (w, d->shop.logo_path, 0, w->y, content, wide ? 48 : 40,
                          SD_DOC_ALIGN_CENTER);
  if (logo > 0)
    sd_doc_space (w, logo + 3);
  sd_doc_text (w, &shop, 0, 0, d->shop.name);
  sd_doc_text (w, &centered, 0, 0, d->shop.address);
  if (*d->shop.phone)
    {
      tel = g_strdup_printf (_("Tel. %s"), d->shop.phone);
      sd_doc_text (w, &centered, 0, 0, tel);
    }
  sd_doc_rule (w, 0.8, FALSE);
  sd_doc_text (w, &title, 0, 0, _("Receipt"));
  sd_doc_space (w, 2);
  sd_doc_pair (w, &text, _("Order"), d->order_no);
  sd_doc_pair (w, &text, _("Taken"), created);
  sd_doc_pair (w, &text, _("Delivery"), delivery);
  if (*d->courier)
    sd_doc_pair (w, &text, _("Courier"), d->courier);
  sd_doc_pair (w, &text, _("Status"), d->status_label);
  sd_doc_rule (w, 0.6, TRUE);

  sd_doc_text (w, &heading, 0, 0, d->customer_name);
  sd_doc_text (w, &text, 0, 0, d->customer_phone);
  sd_doc_text (w, &text, 0, 0, d->address);
  if (*d->instructions)
    {
      g_autofree char *note = g_strdup_printf (_("Note: %s"), d->instructions);
      sd_doc_text (w, &heading, 0, 0, note);
    }
  sd_doc_space (w, 2);

  sd_doc_table_begin (w, wide ? wide_columns : narrow_columns, wide ? 4 : 3, base * 0.95);
  for (guint i = 0; i < d->lines->len; i++)
    {
      const SdDocLine *line = g_ptr_array_index (d->lines, i);
      g_autofree char *item = item_cell (line, !wide);
      g_autofree char *qty = g_strdup_printf ("%d", line->quantity);
      g_autofree char *price = sd_money_format (line->unit_price_fen);
      g_autofree char *amount = sd_money_format (line->line_total_fen);
      const char *narrow_cells[] = { item, qty, amount };
      const char *wide_cells[] = { item, qty, price, amount };

      sd_doc_table_row (w, wide ? wide_cells : narrow_cells, FALSE);
    }
  sd_doc_table_end (w);
  totals_block (w, &text, d);
  if (*d->note)
    {
      g_autofree char *note = g_strdup_printf (_("Note: %s"), d->note);
      sd_doc_text (w, &text, 0, 0, note);
    }
  sd_doc_rule (w, 0.6, TRUE);
  sd_doc_text (w, &heading, 0, 0, balances_title (d));
  _sd_doc_balance_pairs (w, &text, &d->balances);
  sd_doc_rule (w, 0.6, TRUE);

  {
    double side = wide ? 72 : 62;
    sd_doc_qr_at (w, qr, w->margin_x + (content - side) / 2, w->y, side);
    sd_doc_space (w, side);
  }
  sd_doc_text (w, &centered, 0, 0, d->order_no);
  centered.size = base;
  _sd_doc_footer (w, &centered, &d->shop);
}

/* --- delivery slip ------------------------------------------------------------------------ */

static void
customer_block (SdDocWriter         *w,
                const SdDocStyle    *style,
                const SdReceiptData *d,
                const char          *label)
{
  SdDocStyle bold = *style;
  g_autofree char *who = g_strdup_printf ("%s: %s  %s", label, d->customer_name, d->customer_phone);
  g_autofree char *where = g_strdup_printf (_("Address: %s"), d->address);

  bold.bold = TRUE;
  bold.size = style->size * 1.1;
  sd_doc_text (w, &bold, 0, 0, who);
  sd_doc_text (w, style, 0, 0, where);
}

void
_sd_doc_layout_slip (SdDocWriter *w,
                     gpointer     user_data)
{
  const SdOrderDoc *doc = user_data;
  const SdReceiptData *d = doc->data;
  gboolean a4 = doc->kind == SD_DOC_SLIP_A4;
  double base = a4 ? 10 : 9;
  SdDocStyle text = { base, FALSE, SD_DOC_ALIGN_LEFT, 0 };
  SdDocStyle bold = { base, TRUE, SD_DOC_ALIGN_LEFT, 0 };
  SdDocColumn columns[] = {
    { "#", 0.05, SD_DOC_ALIGN_RIGHT },
    { _("Item"), 0.33, SD_DOC_ALIGN_LEFT },
    { C_("column", "Qty"), 0.08, SD_DOC_ALIGN_RIGHT },
    { _("Unit price"), 0.14, SD_DOC_ALIGN_RIGHT },
    { _("Amount"), 0.15, SD_DOC_ALIGN_RIGHT },
    { _("Tickets"), 0.12, SD_DOC_ALIGN_RIGHT },
    { _("Empties back"), 0.13, SD_DOC_ALIGN_RIGHT },
  };
  const char *signatures[] = { _("Delivered by"), _("Received in good order (signature)"),
                               _("Date") };
  g_autofree char *qr = _sd_doc_order_qr_text (d->order_id);
  g_autofree char *created = _sd_doc_local_time (d->created_at);
  g_autofree char *delivery = delivery_text (d);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", d->order_no, created);
  g_autofree char *when = g_strdup_printf (_("Delivery: %s"), delivery);
  g_autofree char *courier = *d->courier ? g_strdup_printf (_("Courier: %s"), d->courier) : NULL;

  g_autofree char *running = g_strdup_printf ("%s · %s · %s", _("Delivery slip"), d->order_no,
                                              d->customer_name);

  _sd_doc_page_header (w, &d->shop, _("Delivery slip"), subtitle, qr);
  w->running_head = running;
  customer_block (w, &text, d, _("Customer"));
  sd_doc_text (w, &text, 0, 0, when);
  if (courier != NULL)
    sd_doc_text (w, &text, 0, 0, courier);
  if (*d->instructions)
    {
      g_autofree char *instructions = g_strdup_printf (_("Delivery instructions: %s"), d->instructions);
      sd_doc_space (w, 2);
      sd_doc_text (w, &bold, 0, 0, instructions);
    }
  sd_doc_space (w, 6);

  sd_doc_table_begin (w, columns, G_N_ELEMENTS (columns), base * 0.92);
  for (guint i = 0; i < d->lines->len; i++)
    {
      const SdDocLine *line = g_ptr_array_index (d->lines, i);
      g_autofree char *seq = g_strdup_printf ("%u", i + 1);
      g_autofree char *qty = *line->unit ? g_strdup_printf ("%d %s", line->quantity, line->unit)
                                         : g_strdup_printf ("%d", line->quantity);
      g_autofree char *price = sd_money_format (line->unit_price_fen);
      g_autofree char *amount = sd_money_format (line->line_total_fen);
      g_autofree char *tickets = line->tickets_used ? g_strdup_printf ("%d", line->tickets_used) : g_strdup ("");
      g_autofree char *empties = line->empties_back ? g_strdup_printf ("%d", line->empties_back) : g_strdup ("");
      const char *cells[] = { seq, line->product_name, qty, price, amount, tickets, empties };

      sd_doc_table_row (w, cells, FALSE);
    }
  sd_doc_table_end (w);
  totals_block (w, &text, d);
  if (*d->note)
    {
      g_autofree char *note = g_strdup_printf (_("Note: %s"), d->note);
      sd_doc_text (w, &text, 0, 0, note);
    }
  sd_doc_space (w, 4);
  sd_doc_text (w, &bold, 0, 0, balances_title (d));
  _sd_doc_balance_pairs (w, &text, &d->balances);
  sd_doc_space (w, 14);
  sd_doc_signatures (w, &text, signatures, G_N_ELEMENTS (signatures));
  _sd_doc_footer (w, &text, &d->shop);
  w->running_head = NULL;
}

/* --- payment receipt for companies -------------------------------------------------------- */

void
_sd_doc_layout_bill (SdDocWriter *w,
                     gpointer     user_data)
{
  const SdOrderDoc *doc = user_data;
  const SdReceiptData *d = doc->data;
  SdDocStyle text = { 10, FALSE, SD_DOC_ALIGN_LEFT, 0 };
  SdDocStyle bold = { 11, TRUE, SD_DOC_ALIGN_LEFT, 0 };
  SdDocStyle warning = { 9.5, TRUE, SD_DOC_ALIGN_CENTER, 0.2 };
  SdDocColumn columns[] = {
    { "#", 0.06, SD_DOC_ALIGN_RIGHT },
    { _("Item"), 0.44, SD_DOC_ALIGN_LEFT },
    { C_("column", "Qty"), 0.12, SD_DOC_ALIGN_RIGHT },
    { _("Unit price"), 0.18, SD_DOC_ALIGN_RIGHT },
    { _("Amount"), 0.20, SD_DOC_ALIGN_RIGHT },
  };
  const char *signatures[] = { _("Payer"), _("Received by"), _("Shop stamp") };
  g_autofree char *qr = _sd_doc_order_qr_text (d->order_id);
  g_autofree char *created = _sd_doc_local_time (d->delivered_at ? d->delivered_at : d->created_at);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", d->order_no, created);
  g_autofree char *payer = g_strdup_printf (_("Received from: %s"), d->customer_name);
  gint64 amount_fen = d->due_fen;
  g_autofree char *amount = sd_money_format (amount_fen);
  g_autofree char *capital = _sd_doc_money_capital (amount_fen);
  g_autofree char *words = g_strdup_printf (_("Amount in words (RMB): %s"), capital);
  g_autofree char *figures = g_strdup_printf (_("Amount: %s"), amount);

  g_autofree char *running = g_strdup_printf ("%s · %s · %s", _("Payment receipt"), d->order_no,
                                              d->customer_name);

  _sd_doc_page_header (w, &d->shop, _("Payment receipt"), subtitle, qr);
  w->running_head = running;
  sd_doc_text (w, &warning, 0, 0,
               _("This receipt is not an official invoice (fapiao); it cannot be used for tax purposes."));
  sd_doc_space (w, 6);
  sd_doc_text (w, &bold, 0, 0, payer);
  sd_doc_text (w, &text, 0, 0, d->address);
  sd_doc_space (w, 6);

  sd_doc_table_begin (w, columns, G_N_ELEMENTS (columns), 9.5);
  for (guint i = 0; i < d->lines->len; i++)
    {
      const SdDocLine *line = g_ptr_array_index (d->lines, i);
      g_autofree char *seq = g_strdup_printf ("%u", i + 1);
      g_autofree char *qty = *line->unit ? g_strdup_printf ("%d %s", line->quantity, line->unit)
                                         : g_strdup_printf ("%d", line->quantity);
      g_autofree char *price = sd_money_format (line->unit_price_fen);
      g_autofree char *total = sd_money_format (line->line_total_fen);
      const char *cells[] = { seq, line->product_name, qty, price, total };

      sd_doc_table_row (w, cells, FALSE);
    }
  sd_doc_table_end (w);
  totals_block (w, &text, d);
  sd_doc_space (w, 8);
  sd_doc_text (w, &bold, 0, 0, figures);
  sd_doc_text (w, &bold, 0, 0, words);
  sd_doc_space (w, 24);
  sd_doc_signatures (w, &text, signatures, G_N_ELEMENTS (signatures));
  _sd_doc_footer (w, &text, &d->shop);
  w->running_head = NULL;
}
