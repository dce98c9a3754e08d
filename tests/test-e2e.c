/* test-e2e.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The real binary, as a user runs it: the token stored in the keyring
 * beforehand, the app started with --api-url pointing at a sandbox that
 * this test serves, and the form filled with the keyboard alone (xdotool
 * types into the window under Xvfb).  Then every output and every file
 * the run could have written is searched for the secrets. */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "td-credentials.h"
#include "td-payload.h"
#include "td-sandbox.h"

#define TOKEN    "e2eTokenQ7v3Zr81Kx"
#define KEY      "e2eKeyW4m9Tp22Ld"
#define USERNAME "kbduser2026"
#define PASSWORD "Kb7SecretXy"

static TdSandbox *sandbox;
static GSubprocess *app;
static char *stdout_path;
static char *stderr_path;
static gint64 started_at;

/* What the app printed, for the log of a failed run.  Read only after
 * the secrets were checked in a passing run: the token is never in it. */
static void
dump_app_output (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (stdout_path != NULL && g_file_get_contents (stdout_path, &out, NULL, NULL))
    g_printerr ("--- app stdout ---\n%s\n", out);
  if (stderr_path != NULL && g_file_get_contents (stderr_path, &err, NULL, NULL))
    g_printerr ("--- app stderr ---\n%s\n", err);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until @condition holds, waking up every
 * 50 ms so that conditions outside this process are seen too. */
#define WAIT_UNTIL(condition, seconds)                                       \
  G_STMT_START {                                                             \
    gint64 deadline_ = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC; \
    guint tick_ = g_timeout_add (50, tick, NULL);                            \
    while (!(condition) && g_get_monotonic_time () < deadline_)              \
      g_main_context_iteration (NULL, TRUE);                                 \
    g_source_remove (tick_);                                                 \
    if (!(condition))                                                        \
      dump_app_output ();                                                    \
    g_assert_true (condition);                                               \
  } G_STMT_END

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!td_credentials_store_finish (TD_CREDENTIALS (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  *error = *error ? *error : (GError *) 1;
}

static void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  /* Bounded: a window that never comes fails the test, not the suite. */
  g_ptr_array_add (argv, (char *) "timeout");
  g_ptr_array_add (argv, (char *) "30");
  g_ptr_array_add (argv, (char *) "xdotool");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      dump_app_output ();
      g_error ("xdotool %s failed", first);
    }
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, needle) != NULL;
}

static void
test_keyboard_create (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GError *store_error = NULL;
  const char *tmpdir = g_getenv ("THORDESK_TEST_TMPDIR");
  g_autofree char *binary = NULL;
  const TdSandboxRequest *request = NULL;
  GPtrArray *requests;
  TdProxyUser *stored;
  JsonNode *node;

  if (g_find_program_in_path ("xdotool") == NULL)
    {
      g_test_skip ("xdotool is not installed (tests/dev.sh installs it)");
      return;
    }
  g_assert_nonnull (tmpdir);

  started_at = g_get_real_time ();

  sandbox = td_sandbox_new ();
  td_sandbox_set_credentials (sandbox, TOKEN, KEY);
  td_sandbox_start (sandbox, &error);
  g_assert_no_error (error);

  /* As an admin would with secret-tool: token and key in the keyring. */
  td_credentials_store_async (credentials, TOKEN, KEY, NULL, store_cb, &store_error);
  WAIT_UNTIL (store_error != NULL, 20);
  g_assert_true (store_error == (GError *) 1);

  binary = g_build_filename (g_getenv ("THORDESK_BUILD_ROOT"), "src", "thordesk", NULL);
  stdout_path = g_build_filename (tmpdir, "app-stdout.log", NULL);
  stderr_path = g_build_filename (tmpdir, "app-stderr.log", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "LIBSOUP_DEBUG", "all", TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, stdout_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, stderr_path);
  app = g_subprocess_launcher_spawn (launcher, &error,
                                     binary, "--api-url", td_sandbox_get_base_url (sandbox),
                                     NULL);
  g_assert_no_error (error);

  /* Waits until the app has drawn its window and read the keyring (which
   * it does after the first frame; its debug output says so), then types
   * as a user would: mnemonics to reach each field, Ctrl+Enter to create. */
  WAIT_UNTIL (file_contains (stdout_path, "Keyring: token found"), 30);
  xdotool ("search", "--sync", "--onlyvisible", "--name", "^Thordesk$", "windowfocus", "--sync", NULL);
  xdotool ("key", "alt+u", NULL);
  xdotool ("type", "--delay", "20", USERNAME, NULL);
  xdotool ("key", "alt+w", NULL);
  xdotool ("type", "--delay", "20", PASSWORD, NULL);
  xdotool ("key", "alt+t", NULL);
  /* In the default unit, GB.  (Popovers, like the unit's, lose the X
   * input focus for good under Xvfb without a window manager.) */
  xdotool ("type", "--delay", "20", "2", NULL);
  xdotool ("key", "ctrl+Return", NULL);

  requests = td_sandbox_get_requests (sandbox);
  WAIT_UNTIL (requests->len > 0, 20);

  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/api/proxy-users/create-user");
  g_assert_cmpstr (request->token, ==, TOKEN);
  g_assert_cmpstr (request->key, ==, KEY);
  g_assert_true (g_str_has_prefix (request->content_type, "application/json"));

  node = json_object_get_member (request->fields, "proxy_type");
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (request->fields, "username"), ==, USERNAME);
  g_assert_cmpstr (json_object_get_string_member (request->fields, "password"), ==, PASSWORD);
  node = json_object_get_member (request->fields, "traffic_limit");
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, 2 * 1024);
  g_assert_cmpstr (json_object_get_string_member (request->fields, "status"), ==, "true");

  stored = td_sandbox_lookup_user (sandbox, TD_PROXY_TYPE_RESIDENTIAL, USERNAME);
  g_assert_nonnull (stored);
  g_assert_cmpint (td_proxy_user_get_traffic_limit (stored), ==, 2 * 1024);

  /* The app has read the answer (its debug output says so), then quits. */
  WAIT_UNTIL (file_contains (stdout_path, "/proxy-users/create-user: HTTP 200"), 20);

  xdotool ("key", "ctrl+q", NULL);
  g_subprocess_wait (app, NULL, &error);
  g_assert_no_error (error);
}

static gsize
count_in_file (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize hits = 0;
  gsize needle_length = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return 0;

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (contents + i, needle, needle_length) == 0)
      hits++;

  return hits;
}

/* Every regular file under @dir, written since the test started when
 * @recent_only. */
static void
collect_files (const char *dir,
               gboolean    recent_only,
               GPtrArray  *files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        collect_files (path, recent_only, files);
      else if (S_ISREG (st.st_mode) && st.st_size < 64 * 1024 * 1024 &&
               (!recent_only || (gint64) st.st_mtime * G_USEC_PER_SEC >= started_at - G_USEC_PER_SEC))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static void
test_no_secrets_left (void)
{
  static const char *secrets[] = { TOKEN, KEY, PASSWORD };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *log = NULL;
  guint scanned = 0;

  if (app == NULL)
    {
      g_test_skip ("the keyboard test did not run");
      return;
    }

  /* The run printed debug output: the check below means something. */
  g_assert_true (g_file_get_contents (stdout_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "DEBUG"));

  collect_files (g_getenv ("THORDESK_TEST_TMPDIR"), FALSE, files);
  collect_files (g_get_tmp_dir (), TRUE, files);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);

      for (guint j = 0; j < G_N_ELEMENTS (secrets); j++)
        {
          gsize hits = count_in_file (path, secrets[j]);

          if (hits > 0)
            g_error ("%s holds a secret (%u of %u)", path, j + 1, (guint) G_N_ELEMENTS (secrets));
        }
      scanned++;
    }

  /* stdout, stderr, the keyring's own file, and the XDG folders at least. */
  g_assert_cmpuint (scanned, >=, 3);
  g_test_message ("scanned %u files", scanned);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/e2e/keyboard-create", test_keyboard_create);
  g_test_add_func ("/e2e/no-secrets-left", test_no_secrets_left);

  status = g_test_run ();

  if (app != NULL)
    g_subprocess_force_exit (app);
  g_clear_object (&app);
  g_clear_object (&sandbox);

  return status;
}
