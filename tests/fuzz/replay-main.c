/* replay-main.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a libFuzzer target without libFuzzer: every argument is a file or a
 * folder of files (a corpus), and each file is passed once to
 * LLVMFuzzerTestOneInput().  Built with any compiler, so that the seed
 * corpus and every reproducer of a fixed crash are replayed by the normal
 * test suite.  A crash, a failed assertion or a GLib critical aborts the
 * program and fails the test.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree uint8_t *copy = NULL;
  gsize length = 0;

  g_assert (path != NULL);

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s: %s\n", path, error->message);
      return FALSE;
    }

  /* An exact-size copy, without the NUL that g_file_get_contents() adds,
   * so that a read past the input is caught as it would be by libFuzzer. */
  copy = g_memdup2 (contents, length);
  LLVMFuzzerTestOneInput (copy, length);

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The regular files of @folder, sorted by name, or NULL on error. */
static GPtrArray *
list_folder (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  const char *name;

  g_assert (folder != NULL);

  dir = g_dir_open (folder, 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s: %s\n", folder, error->message);
      return NULL;
    }

  paths = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (name[0] != '.' && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }

  g_ptr_array_sort (paths, compare_strings);

  return g_steal_pointer (&paths);
}

int
main (int   argc,
      char *argv[])
{
  guint n_inputs = 0;
  gboolean ok = TRUE;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-FOLDER-OR-FILE...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GPtrArray) paths = list_folder (argv[i]);

          if (paths == NULL || paths->len == 0)
            {
              fprintf (stderr, "%s: no input to replay\n", argv[i]);
              ok = FALSE;
              continue;
            }

          for (guint j = 0; j < paths->len; j++)
            {
              const char *path = g_ptr_array_index (paths, j);

              printf ("replaying %s\n", path);
              fflush (stdout);
              ok = replay_file (path) && ok;
              n_inputs++;
            }
        }
      else
        {
          printf ("replaying %s\n", argv[i]);
          fflush (stdout);
          ok = replay_file (argv[i]) && ok;
          n_inputs++;
        }
    }

  printf ("%u inputs replayed\n", n_inputs);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
