/* test-clipboard-quit.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A copied secret does not outlive Thordesk: at quit, GtkApplication
 * hands the clipboard to a clipboard manager, which keeps it for ever;
 * Thordesk empties it first when it still holds a secret of ours.
 *
 * Everything here is a process of its own under Xvfb: a clipboard
 * manager (td-test-clipboard-manager, Xlib, the freedesktop protocol), the
 * real TdApplication copying a text (td-test-clipboard-app), and xclip,
 * which reads the clipboard as any other program would, before and after
 * the quit.  A plain text copied the same way is still there after the
 * quit (the manager works, so the secret's absence means something), and
 * a clipboard another program took after our copy is left alone. */

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#define SECRET  "QuitSecret7Zp"
#define PLAIN   "td-customer-quituser26"
#define FOREIGN "someone else's text"

typedef struct
{
  GSubprocess      *manager;
  GDataInputStream *manager_out;
  GSubprocess      *app;
  GDataInputStream *app_out;
  GSubprocess      *foreign;
} Fixture;

static char *
helper_path (const char *name)
{
  return g_build_filename (g_getenv ("THORDESK_BUILD_ROOT"), "tests", name, NULL);
}

static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (stream, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);

  return line;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *manager = helper_path ("td-test-clipboard-manager");
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  fixture->manager = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, manager, NULL);
  g_assert_no_error (error);
  fixture->manager_out =
    g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->manager));
  line = read_line (fixture->manager_out);
  g_assert_cmpstr (line, ==, "ready");
}

static void
stop (GSubprocess **process)
{
  if (*process == NULL)
    return;
  g_subprocess_force_exit (*process);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  stop (&fixture->foreign);
  stop (&fixture->app);
  g_clear_object (&fixture->app_out);
  stop (&fixture->manager);
  g_clear_object (&fixture->manager_out);
}

/* What a paste in another program gets: NULL when nothing is offered. */
static char *
paste (void)
{
  const char *argv[] = { "timeout", "10", "xclip", "-o", "-selection", "clipboard", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;

  return g_steal_pointer (&out);
}

/* Polls the paste until it gives @expected (bounded). */
static void
wait_for_paste (const char *expected)
{
  g_autofree char *text = NULL;

  for (int i = 0; i < 100; i++)
    {
      g_clear_pointer (&text, g_free);
      text = paste ();
      if (g_strcmp0 (text, expected) == 0)
        return;
      g_usleep (100 * 1000);
    }
  g_assert_cmpstr (text, ==, expected);
}

static void
start_app (Fixture    *fixture,
           const char *mode,
           const char *text)
{
  g_autofree char *app = helper_path ("td-test-clipboard-app");
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  fixture->app = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                   &error, app, mode, text, NULL);
  g_assert_no_error (error);
  fixture->app_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->app));
  line = read_line (fixture->app_out);
  g_assert_cmpstr (line, ==, "copied");

  /* Another program sees it. */
  wait_for_paste (text);
}

/* Quits the app (app.quit, as Ctrl+Q) and waits until it has exited. */
static void
quit_app (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *in = g_subprocess_get_stdin_pipe (fixture->app);

  g_output_stream_write_all (in, "quit\n", 5, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, NULL);

  g_subprocess_wait_check (fixture->app, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->app);
}

static void
test_secret_gone_after_quit (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *text = NULL;

  start_app (fixture, "secret", SECRET);
  quit_app (fixture);

  text = paste ();
  g_assert_cmpstr (text, !=, SECRET);
  g_assert_true (text == NULL || text[0] == '\0');
}

/* The control: what is not a secret goes to the manager and outlives the
 * app, as the user expects of a copy. */
static void
test_plain_text_kept_after_quit (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;

  start_app (fixture, "text", PLAIN);
  quit_app (fixture);

  line = read_line (fixture->manager_out);
  g_assert_cmpstr (line, ==, "saved " PLAIN);
  text = paste ();
  g_assert_cmpstr (text, ==, PLAIN);
}

/* Another program copied after us: that is not ours to clear. */
static void
test_foreign_copy_kept_after_quit (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char *argv[] = { "xclip", "-i", "-quiet", "-selection", "clipboard", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GOutputStream *in;

  start_app (fixture, "secret", SECRET);

  /* -quiet: xclip stays in the foreground, serving the text, until it is
   * stopped (tear-down). */
  fixture->foreign = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (fixture->foreign);
  g_output_stream_write_all (in, FOREIGN, strlen (FOREIGN), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, NULL);
  wait_for_paste (FOREIGN);

  quit_app (fixture);

  text = paste ();
  g_assert_cmpstr (text, ==, FOREIGN);
}

static void
no_xclip (void)
{
  g_test_skip ("xclip is not installed (tests/dev.sh installs it)");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xclip = NULL;

  g_test_init (&argc, &argv, NULL);

  xclip = g_find_program_in_path ("xclip");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  if (xclip == NULL)
    {
      g_test_add_func ("/clipboard-quit/skipped", no_xclip);
      return g_test_run ();
    }

  ADD ("/clipboard-quit/secret-gone", test_secret_gone_after_quit);
  ADD ("/clipboard-quit/plain-text-kept", test_plain_text_kept_after_quit);
  ADD ("/clipboard-quit/foreign-copy-kept", test_foreign_copy_kept_after_quit);

#undef ADD

  return g_test_run ();
}
