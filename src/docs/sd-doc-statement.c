/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly statement (对账单): opening balances, every event of the month, the month's
 * figures and the closing balances, which are the ledger's sums at the month's end. */
#define G_LOG_DOMAIN "songda-docs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-docs-private.h"
#include "sd-ledger.h"
#include "sd-money.h"

/* One balance row of the opening/closing table. */
static void
balance_row (SdDocWriter *w,
             const char  *label,
             char        *opening,    /* taken */
             char        *closing)    /* taken */
{
  const char *cells[] = { label, opening, closing };

  sd_doc_table_row (w, cells, FALSE);
  g_free (opening);
  g_free (closing);
}

static void
balances_table (SdDocWriter           *w,
                const SdStatementData *d)
{
  g_autofree char *opening_title = g_strdup_printf (_("Opening %s"), d->period_first);
  g_autofree char *closing_title = g_strdup_printf (_("Closing %s"), d->period_last);
  SdDocColumn columns[] = {
    { _("Balance"), 0.50, SD_DOC_ALIGN_LEFT },
    { opening_title, 0.25, SD_DOC_ALIGN_RIGHT },
    { closing_title, 0.25, SD_DOC_ALIGN_RIGHT },
  };
  g_autoptr(GArray) products = g_array_new (FALSE, FALSE, sizeof (gint64));
  const SdDocBalances *both[] = { &d->opening, &d->closing };

  /* every product with tickets at either end */
  for (guint b = 0; b < 2; b++)
    for (guint i = 0; both[b]->tickets != NULL && i < both[b]->tickets->len; i++)
      {
        const SdDocTickets *t = g_ptr_array_index (both[b]->tickets, i);
        gboolean seen = FALSE;

        for (guint j = 0; j < products->len && !seen; j++)
          seen = g_array_index (products, gint64, j) == t->product_id;
        if (!seen)
          g_array_append_val (products, t->product_id);
      }

  sd_doc_table_begin (w, columns, G_N_ELEMENTS (columns), 9);
  if (products->len == 0)
    balance_row (w, sd_ledger_kind_label (SD_LEDGER_TICKETS), g_strdup ("0"), g_strdup ("0"));
  for (guint i = 0; i < products->len; i++)
    {
      gint64 id = g_array_index (products, gint64, i);
      const char *name = NULL;
      g_autofree char *label = NULL;

      for (guint b = 0; b < 2 && name == NULL; b++)
        for (guint j = 0; both[b]->tickets != NULL && j < both[b]->tickets->len; j++)
          if (((SdDocTickets *) g_ptr_array_index (both[b]->tickets, j))->product_id == id)
            name = ((SdDocTickets *) g_ptr_array_index (both[b]->tickets, j))->product_name;
      label = g_strdup_printf (_("%s · %s"), sd_ledger_kind_label (SD_LEDGER_TICKETS), name);
      balance_row (w, label,
                   g_strdup_printf ("%" G_GINT64_FORMAT, sd_doc_balances_tickets (&d->opening, id)),
                   g_strdup_printf ("%" G_GINT64_FORMAT, sd_doc_balances_tickets (&d->closing, id)));
    }
  balance_row (w, sd_ledger_kind_label (SD_LEDGER_PREPAID),
               sd_money_format (d->opening.prepaid_fen), sd_money_format (d->closing.prepaid_fen));
  balance_row (w, sd_ledger_kind_label (SD_LEDGER_DEPOSIT),
               sd_money_format (d->opening.deposit_fen), sd_money_format (d->closing.deposit_fen));
  balance_row (w, sd_ledger_kind_label (SD_LEDGER_BUCKETS),
               g_strdup_printf ("%" G_GINT64_FORMAT, d->opening.buckets),
               g_strdup_printf ("%" G_GINT64_FORMAT, d->closing.buckets));
  balance_row (w, _("Amount owed (negative: credit)"),
               sd_money_format (d->opening.receivable_fen),
               sd_money_format (d->closing.receivable_fen));
  sd_doc_table_end (w);
}

static void
append_change (GString     *text,
               const char  *label,
               gint64       fen)
{
  g_autofree char *amount = sd_money_format (fen < 0 ? -fen : fen);

  g_string_append_printf (text, "\n%s %s%s", label, fen < 0 ? "−" : "+", amount);
}

/* The row's description, with what it did to the balances that have no column of their
 * own: prepaid cash and the bucket deposit. */
static char *
describe_extras (const SdStatementRow *row)
{
  GString *text = g_string_new (row->description);

  if (row->prepaid_delta != 0)
    append_change (text, sd_ledger_kind_label (SD_LEDGER_PREPAID), row->prepaid_delta);
  if (row->deposit_delta != 0)
    append_change (text, sd_ledger_kind_label (SD_LEDGER_DEPOSIT), row->deposit_delta);
  return g_string_free (text, FALSE);
}

static void
rows_table (SdDocWriter           *w,
            const SdStatementData *d)
{
  SdDocColumn columns[] = {
    { _("Date"), 0.12, SD_DOC_ALIGN_LEFT },
    { _("Description"), 0.36, SD_DOC_ALIGN_LEFT },
    { _("Goods ¥"), 0.11, SD_DOC_ALIGN_RIGHT },
    { _("Paid ¥"), 0.11, SD_DOC_ALIGN_RIGHT },
    { _("Tickets"), 0.08, SD_DOC_ALIGN_RIGHT },
    { _("Buckets"), 0.08, SD_DOC_ALIGN_RIGHT },
    { _("Owed ¥"), 0.14, SD_DOC_ALIGN_RIGHT },
  };
  SdDocStyle text = { 9, FALSE, SD_DOC_ALIGN_LEFT, 0.3 };

  if (d->rows->len == 0)
    {
      sd_doc_text (w, &text, 0, 0, _("Nothing happened on this account this month."));
      return;
    }
  sd_doc_table_begin (w, columns, G_N_ELEMENTS (columns), 8.5);
  for (guint i = 0; i < d->rows->len; i++)
    {
      const SdStatementRow *row = g_ptr_array_index (d->rows, i);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (row->at);
      g_autofree char *date = g_date_time_format (at, "%m-%d %H:%M");
      g_autofree char *goods = _sd_doc_signed_money (row->goods_fen);
      g_autofree char *paid = _sd_doc_signed_money (row->paid_fen);
      g_autofree char *tickets = _sd_doc_signed (row->tickets_delta);
      g_autofree char *out = _sd_doc_signed (row->buckets_out);
      g_autofree char *back = _sd_doc_signed (-row->buckets_back);
      g_autofree char *buckets = g_strjoin (*out && *back ? " " : "", out, back, NULL);
      g_autofree char *owed = sd_money_format_plain (row->receivable_after);
      g_autofree char *description = describe_extras (row);
      const char *cells[] = { date, description, goods, paid, tickets, buckets, owed };

      sd_doc_table_row (w, cells, FALSE);
    }
  sd_doc_table_end (w);
}

static void
figures (SdDocWriter           *w,
         const SdStatementData *d)
{
  SdDocStyle text = { 9.5, FALSE, SD_DOC_ALIGN_LEFT, 0 };
  g_autofree char *deliveries = g_strdup_printf ("%d", d->deliveries);
  g_autofree char *goods = sd_money_format (d->goods_fen);
  g_autofree char *paid = sd_money_format (d->paid_fen);
  g_autofree char *used = g_strdup_printf ("%" G_GINT64_FORMAT, d->tickets_used);
  g_autofree char *bought = g_strdup_printf ("%" G_GINT64_FORMAT, d->tickets_bought);
  g_autofree char *out = g_strdup_printf ("%" G_GINT64_FORMAT, d->buckets_out);
  g_autofree char *back = g_strdup_printf ("%" G_GINT64_FORMAT, d->buckets_back);

  sd_doc_pair (w, &text, _("Deliveries"), deliveries);
  sd_doc_pair (w, &text, _("Goods charged in money"), goods);
  sd_doc_pair (w, &text, _("Money received"), paid);
  sd_doc_pair (w, &text, _("Water tickets used"), used);
  sd_doc_pair (w, &text, _("Water tickets bought"), bought);
  if (d->tickets_expired > 0)
    {
      g_autofree char *expired = g_strdup_printf ("%" G_GINT64_FORMAT, d->tickets_expired);
      sd_doc_pair (w, &text, _("Water tickets expired"), expired);
    }
  sd_doc_pair (w, &text, _("Buckets delivered"), out);
  sd_doc_pair (w, &text, _("Empty buckets back"), back);
}

void
_sd_doc_layout_statement (SdDocWriter *w,
                          gpointer     user_data)
{
  const SdStatementData *d = user_data;
  SdDocStyle text = { 9.5, FALSE, SD_DOC_ALIGN_LEFT, 0 };
  SdDocStyle bold = { 10.5, TRUE, SD_DOC_ALIGN_LEFT, 0 };
  SdDocStyle heading = { 11, TRUE, SD_DOC_ALIGN_LEFT, 0 };
  g_autofree char *period = g_strdup_printf (_("%s to %s"), d->period_first, d->period_last);
  g_autofree char *who = g_strdup_printf (_("Customer: %s  %s"), d->customer_name, d->customer_phone);
  g_autofree char *where = g_strdup_printf (_("Address: %s"), d->address ? d->address : "");
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, d->customer_id);
  g_autofree char *number = g_strdup_printf (_("Customer number: %s"), id);
  g_autofree char *owed = NULL;

  g_autofree char *running = g_strdup_printf ("%s · %s · %s", _("Monthly statement"),
                                              d->customer_name, period);

  _sd_doc_page_header (w, &d->shop, _("Monthly statement"), period, NULL);
  w->running_head = running;
  sd_doc_text (w, &bold, 0, 0, who);
  sd_doc_text (w, &text, 0, 0, where);
  sd_doc_text (w, &text, 0, 0, number);
  sd_doc_space (w, 8);

  sd_doc_text (w, &heading, 0, 0, _("This month"));
  sd_doc_space (w, 2);
  rows_table (w, d);
  sd_doc_space (w, 8);
  sd_doc_ensure (w, 110);
  sd_doc_text (w, &heading, 0, 0, _("Summary"));
  figures (w, d);
  sd_doc_space (w, 8);
  sd_doc_ensure (w, 120);
  sd_doc_text (w, &heading, 0, 0, _("Balances"));
  sd_doc_space (w, 2);
  balances_table (w, d);
  sd_doc_space (w, 4);
  if (d->closing.receivable_fen > 0)
    {
      g_autofree char *amount = sd_money_format (d->closing.receivable_fen);
      owed = g_strdup_printf (_("Amount due at the end of the month: %s"), amount);
    }
  else if (d->closing.receivable_fen < 0)
    {
      g_autofree char *amount = sd_money_format (-d->closing.receivable_fen);
      owed = g_strdup_printf (_("Credit at the end of the month: %s"), amount);
    }
  else
    owed = g_strdup (_("Nothing is owed at the end of the month."));
  sd_doc_text (w, &bold, 0, 0, owed);
  sd_doc_space (w, 4);
  sd_doc_text (w, &text, 0, 0,
               _("Please check this statement and tell us within 7 days if anything is wrong."));
  _sd_doc_footer (w, &text, &d->shop);
  w->running_head = NULL;
}
