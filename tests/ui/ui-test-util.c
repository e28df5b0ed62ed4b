/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-test-util.h"

#include <glib/gstdio.h>

#include "sd-demo.h"

gboolean
is_chinese (void)
{
  const char *language = g_getenv ("LANGUAGE");
  return language && g_str_has_prefix (language, "zh");
}

void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

gboolean
wait_for (Condition condition, gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

void
save_screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("SONGDA_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s-%s.png", name, is_chinese () ? "zh_CN" : "en");
  path = g_build_filename (dir, file, NULL);

  spin (300);   /* let layout and the frame clock settle */
  /* On a loaded machine a window can still be between frames (not drawable, or drawing
   * nothing yet): give it a few more frames. */
  paintable = gtk_widget_paintable_new (widget);
  for (int attempt = 0;; attempt++)
    {
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL || attempt == 20)
        break;
      if (attempt == 0)
        g_test_message ("screenshot %s: %s is not drawn yet (%dx%d, mapped %d), waiting", name,
                        G_OBJECT_TYPE_NAME (widget), width, height, gtk_widget_get_mapped (widget));
      spin (100);
    }
  if (node == NULL || width <= 0 || height <= 0)
    {
      /* a picture for people, not an assertion: say so and go on */
      g_test_message ("screenshot %s skipped: the widget was never drawn", path);
      g_clear_pointer (&node, gsk_render_node_unref);
      return;
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

SdApplication *
ui_test_demo_app (const char  *name,
                  gint64       reference_time,
                  char       **out_dir,
                  char       **out_db_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("songda-%s-XXXXXX", name);
  SdApplication *app;
  SdDemoOptions options;

  *out_dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  *out_db_path = g_build_filename (*out_dir, "shop.db", NULL);
  {
    g_autoptr(SdStore) demo = sd_store_open (*out_db_path, &error);
    g_assert_no_error (error);
    sd_demo_options_init (&options);
    options.reference_time = reference_time;
    g_assert_true (sd_demo_generate (demo, &options, &error));
    g_assert_no_error (error);
  }

  app = sd_application_new (G_APPLICATION_NON_UNIQUE);
  sd_application_set_database (app, *out_db_path);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

void
ui_test_remove_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        ui_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_dir_close (d);
  g_rmdir (dir);
}
