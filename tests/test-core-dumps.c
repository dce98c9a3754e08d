/* test-core-dumps.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The real binary turns core dumps off for itself before it reads a
 * token: seen from outside, in /proc, while its window is up.
 *
 * - The core size limit: /proc/<pid>/limits, "Max core file size", soft
 *   and hard 0.  The app is started with the limit raised to unlimited
 *   (where the test may), so a 0 is the app's own doing.
 *
 * - The "dumpable" flag has no field in /proc/<pid>/status, and asking
 *   with ptrace proves nothing as root (CAP_SYS_PTRACE ignores it).  But
 *   the kernel gives the files under /proc/<pid> of a process that is
 *   not dumpable to root (task_dump_owner), instead of to the process's
 *   user.  So the app is run as an unprivileged user (nobody, when the
 *   test runs as root; else the test's own user): /proc/<pid>/status
 *   owned by root while /proc/<pid>/status says Uid <that user> means
 *   PR_SET_DUMPABLE 0.  A control process started the same way (sleep)
 *   shows the other outcome, so the check can tell the two apart.
 *
 * The app runs with --sandbox (nothing from the keyring, no network) and
 * without a session bus of its own when it runs as nobody: a non-unique
 * GApplication goes on without one. */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <grp.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#define NOBODY 65534

static uid_t run_uid;
static gboolean core_limit_raised;

static void
child_setup (gpointer user_data)
{
  struct rlimit limit;

  /* As high as allowed, so that the app's 0 is seen as a change. */
  if (getrlimit (RLIMIT_CORE, &limit) == 0)
    {
      limit.rlim_cur = geteuid () == 0 ? RLIM_INFINITY : limit.rlim_max;
      if (geteuid () == 0)
        limit.rlim_max = RLIM_INFINITY;
      setrlimit (RLIMIT_CORE, &limit);
    }

  if (geteuid () == 0)
    {
      if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
        _exit (127);
    }
}

static GSubprocess *
spawn (const char * const *argv,
       const char         *home,
       const char         *name)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  const char *tmpdir = g_getenv ("THORDESK_TEST_TMPDIR");
  g_autofree char *out = g_strdup_printf ("%s/%s-stdout.log", tmpdir, name);
  g_autofree char *err = g_strdup_printf ("%s/%s-stderr.log", tmpdir, name);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  if (geteuid () == 0)
    {
      /* Neither the bus nor the folders of the test's user are nobody's. */
      g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
      g_subprocess_launcher_unsetenv (launcher, "XDG_RUNTIME_DIR");
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", home, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", home, TRUE);
    }
  g_subprocess_launcher_set_stdout_file_path (launcher, out);
  g_subprocess_launcher_set_stderr_file_path (launcher, err);

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  return process;
}

/* "soft hard" of the "Max core file size" line of /proc/<pid>/limits. */
static char *
core_limit_of (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/limits", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Max core file size"))
      {
        g_auto(GStrv) words = g_strsplit_set (lines[i] + strlen ("Max core file size"), " ", -1);
        GPtrArray *values = g_ptr_array_new ();
        char *result;

        for (guint j = 0; words[j] != NULL; j++)
          if (words[j][0] != '\0')
            g_ptr_array_add (values, words[j]);
        g_assert_cmpuint (values->len, >=, 2);
        result = g_strdup_printf ("%s %s", (char *) values->pdata[0], (char *) values->pdata[1]);
        g_ptr_array_unref (values);
        return result;
      }

  g_assert_not_reached ();
}

/* The real uid the kernel lists for the process. */
static uid_t
uid_of (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *contents = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  line = strstr (contents, "\nUid:");
  g_assert_nonnull (line);

  return (uid_t) g_ascii_strtoull (line + strlen ("\nUid:"), NULL, 10);
}

/* The owner of /proc/<pid>/status: the folder /proc/<pid> itself keeps
 * the owner it had when first looked up, the files in it follow the flag. */
static uid_t
proc_owner_of (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_uid;
}

static char *
make_home (void)
{
  g_autofree char *home = g_build_filename (g_getenv ("THORDESK_TEST_TMPDIR"), "home-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (home));
  if (geteuid () == 0)
    {
      g_assert_cmpint (chown (home, NOBODY, NOBODY), ==, 0);
      /* nobody must reach it through the test's folder. */
      g_assert_cmpint (g_chmod (g_getenv ("THORDESK_TEST_TMPDIR"), 0711), ==, 0);
    }

  return g_steal_pointer (&home);
}

static void
stop (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

/* The check's other outcome: a process started the same way, which
 * does nothing about dumps, is owned by its user in /proc and keeps the
 * raised limit. */
static void
test_control_process (void)
{
  const char * const argv[] = { "sleep", "60", NULL };
  g_autofree char *home = make_home ();
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *limit = NULL;
  const char *pid;

  process = spawn (argv, home, "sleep");
  pid = g_subprocess_get_identifier (process);

  /* Until the child has run child_setup and exec'd. */
  for (int i = 0; i < 200 && uid_of (pid) != run_uid; i++)
    g_usleep (10 * 1000);
  for (int i = 0; i < 200 && proc_owner_of (pid) != run_uid; i++)
    g_usleep (10 * 1000);

  g_assert_cmpuint (uid_of (pid), ==, run_uid);
  g_assert_cmpuint (proc_owner_of (pid), ==, run_uid);
  if (run_uid != 0)
    g_assert_cmpuint (proc_owner_of (pid), !=, 0);

  limit = core_limit_of (pid);
  core_limit_raised = !g_str_equal (limit, "0 0");
  g_test_message ("control process: core limit %s", limit);

  stop (process);
}

static void
test_app_has_no_core_dumps (void)
{
  g_autofree char *binary = g_build_filename (g_getenv ("THORDESK_BUILD_ROOT"),
                                              "src", "thordesk", NULL);
  const char * const argv[] = { binary, "--sandbox", NULL };
  g_autofree char *home = make_home ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *search_out = NULL;
  int status = 0;
  const char *pid;

  if (g_find_program_in_path ("xdotool") == NULL)
    {
      g_test_skip ("xdotool is not installed (tests/dev.sh installs it)");
      return;
    }
  process = spawn (argv, home, "app");
  pid = g_subprocess_get_identifier (process);

  /* Its window is up: main() is long past the start. */
  {
    const char * const search[] = { "timeout", "30", "xdotool", "search", "--sync",
                                    "--pid", pid, NULL };

    g_spawn_sync (NULL, (char **) search, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  &search_out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_cmpuint (uid_of (pid), ==, run_uid);
  /* Not dumpable: the kernel gives its /proc files to root. */
  g_assert_cmpuint (proc_owner_of (pid), ==, 0);

  limit = core_limit_of (pid);
  g_assert_cmpstr (limit, ==, "0 0");
  if (!core_limit_raised)
    g_test_message ("the core limit could not be raised for the control: "
                    "the 0 seen proves less");

  stop (process);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("THORDESK_TEST_TMPDIR"));
  run_uid = geteuid () == 0 ? NOBODY : geteuid ();

  g_test_add_func ("/core-dumps/control-process", test_control_process);
  g_test_add_func ("/core-dumps/app", test_app_has_no_core_dumps);

  return g_test_run ();
}
