/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Route sheets from the dispatch board: the demo's tomorrow planned with its couriers, one
 * PDF per courier with stops; the text read back with Poppler holds the courier, every
 * customer of the route in the planned order and the phones masked when the shop says so. */
#include <string.h>
#include <glib/gstdio.h>
#include <poppler.h>

/* poppler-glib 22.12 declares no autoptr cleanups */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#include "sd-catalog.h"
#include "sd-demo.h"
#include "sd-dispatch.h"
#include "sd-doc-dispatch.h"
#include "sd-docs.h"

#define DEMO_NOW 1780000000
#define TOMORROW "2026-05-30"

static char *
pdf_text (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  GString *all = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_string_append (all, text);
    }
  /* Poppler breaks lines and inserts spaces where fonts change: compare without them */
  for (gsize i = 0; i < all->len;)
    if (g_ascii_isspace (all->str[i]))
      g_string_erase (all, (gssize) i, 1);
    else
      i++;
  return g_string_free (all, FALSE);
}

static void
test_route_sheets (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("songda-sheets-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *out = g_build_filename (dir, "sheets", NULL);
  g_autoptr(SdStore) store = sd_store_open (path, &error);
  g_autoptr(GPtrArray) couriers = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(SdDispatchDay) day = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  SdDispatchRoute *route = NULL;
  gint64 ids[4];
  SdDemoOptions options;
  const char *last = NULL;
  guint with_stops = 0;

  g_assert_no_error (error);
  if (!sd_doc_check_fonts (NULL))
    {
      g_test_skip ("no CJK font");
      return;
    }
  sd_demo_options_init (&options);
  options.reference_time = DEMO_NOW;
  g_assert_true (sd_demo_generate (store, &options, &error));
  couriers = sd_store_list_couriers (store, FALSE, &error);
  for (guint i = 0; i < 4; i++)
    ids[i] = ((SdCourier *) g_ptr_array_index (couriers, i))->id;
  g_assert_true (sd_store_plan_dispatch_day (store, TOMORROW, ids, 4, 0.3, 1, "店长", &error));
  g_assert_no_error (error);
  day = sd_store_load_dispatch_day (store, TOMORROW, &error);
  for (guint i = 0; i < day->routes->len; i++)
    {
      SdDispatchRoute *r = g_ptr_array_index (day->routes, i);
      if (r->stops->len > 0)
        with_stops++;
      if (route == NULL || r->stops->len > route->stops->len)
        route = r;
    }

  g_assert_true (sd_store_set_setting (store, "print.mask_phones", "1", &error));
  pdf = sd_doc_render_dispatch_route (store, TOMORROW, route->courier_id, &error);
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, route->name));
  /* every customer, in the planned order */
  for (guint j = 0; j < route->stops->len; j++)
    {
      SdDispatchStop *stop = g_ptr_array_index (route->stops, j);
      g_autofree char *masked = g_strdup_printf ("%.3s****%s", stop->phone, stop->phone + strlen (stop->phone) - 4);
      const char *at = strstr (last ? last : text, stop->customer);

      g_assert_nonnull (at);
      last = at;
      if (strlen (stop->phone) == 11)
        {
          g_assert_nonnull (strstr (text, masked));
          g_assert_null (strstr (text, stop->phone));
        }
    }

  written = sd_doc_write_route_sheets (store, TOMORROW, out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, with_stops);
  for (guint i = 0; i < written->len; i++)
    {
      const char *file = g_ptr_array_index (written, i);
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_assert_true (g_str_has_prefix (file, out));
      g_assert_true (g_str_has_suffix (file, ".pdf"));
      g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
      g_assert_true (len > 1000 && memcmp (contents, "%PDF", 4) == 0);
      if (g_getenv ("SONGDA_KEEP_PDF") != NULL && i == 0)
        g_assert_true (g_file_set_contents (g_getenv ("SONGDA_KEEP_PDF"), contents, (gssize) len, NULL));
      g_unlink (file);
    }
  g_rmdir (out);
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *f = g_build_filename (dir, name, NULL);
        g_unlink (f);
      }
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/docs/dispatch-route-sheets", test_route_sheets);
  return g_test_run ();
}
