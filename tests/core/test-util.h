/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for core tests: a fresh temporary directory per test. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

static inline char *
test_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("songda-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_rm_rf (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        test_rm_rf (path);
      else
        g_unlink (path);
    }
  g_dir_close (d);
  g_rmdir (dir);
}
