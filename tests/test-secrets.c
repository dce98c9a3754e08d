/* test-secrets.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The secrets audit, in process: with every debug message on, the real
 * window reads the token and key from the keyring, creates a user, lists
 * the users (whose passwords the server sends in plain text), shows a
 * password, copies a proxy URL, edits a password and deletes a user, all
 * against the sandbox.  Then every log line, everything written on
 * standard error, the settings and every file in the test's folders are
 * searched for the token, the key and the passwords. */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "td-api-client.h"
#include "td-clipboard.h"
#include "td-credentials.h"
#include "td-sandbox.h"
#include "td-test-ui.h"
#include "td-user-edit-dialog.h"
#include "td-users-page.h"
#include "td-window.h"

#define TOKEN      "AuditTokZ7q4Lm2"
#define KEY        "AuditKeyR5t8Wn"
#define CREATE_PW  "CrPwAudit7x"
#define LIST_PW    "LsPwAudit3k"
#define EDIT_PW    "EdPwAudit9m"
#define CREATED    "audit2026"
#define LISTED     "listed2026"

static const char * const secrets[] = { TOKEN, KEY, CREATE_PW, LIST_PW, EDIT_PW };

/* Every message logged by the process, debug included. */
static GString *log_text;
/* Standard error, sent to a file for the run. */
static char *stderr_path;
static int saved_stderr = -1;
static gint64 started_at;

static GLogWriterOutput
capture_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      /* Every field, not only MESSAGE: a domain or a code location could
       * carry text too. */
      if (fields[i].length < 0)
        g_string_append (log_text, fields[i].value);
      else
        g_string_append_len (log_text, fields[i].value, fields[i].length);
      g_string_append_c (log_text, '\n');
    }

  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
capture_stderr (void)
{
  const char *tmpdir = g_getenv ("THORDESK_TEST_TMPDIR");
  int fd;

  g_assert_nonnull (tmpdir);
  stderr_path = g_build_filename (tmpdir, "test-secrets.stderr", NULL);
  fd = g_open (stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);

  saved_stderr = dup (STDERR_FILENO);
  g_assert_cmpint (dup2 (fd, STDERR_FILENO), ==, STDERR_FILENO);
  close (fd);
}

static void
restore_stderr (void)
{
  fsync (STDERR_FILENO);
  dup2 (saved_stderr, STDERR_FILENO);
  close (saved_stderr);
  saved_stderr = -1;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *stored = user_data;
  g_autoptr(GError) error = NULL;

  td_credentials_store_finish (TD_CREDENTIALS (object), result, &error);
  g_assert_no_error (error);
  *stored = TRUE;
}

typedef struct
{
  TdTestWindow   w;
  TdUsersPage   *view;
} World;

static GtkWidget *
create_child (World      *world,
              const char *name)
{
  return td_test_page_child (td_test_window_page (&world->w, "create"), name);
}

static guint
count_requests_to (World      *world,
                   const char *path)
{
  GPtrArray *requests = td_sandbox_get_requests (world->w.sandbox);
  guint count = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      const TdSandboxRequest *request = g_ptr_array_index (requests, i);

      if (g_str_has_suffix (request->path, path))
        count++;
    }

  return count;
}

static void
world_set_up (World *world)
{
  g_autoptr(TdCredentials) admin = td_credentials_new ();
  g_autoptr(TdProxyUser) listed = td_proxy_user_new ();
  g_autoptr(GError) error = NULL;
  gboolean stored = FALSE;

  /* Not in sandbox mode: the window reads the keyring, as it does for
   * Thordata. */
  td_test_window_set_up (&world->w, NULL, NULL, NULL, FALSE);
  td_sandbox_set_credentials (world->w.sandbox, TOKEN, KEY);

  td_proxy_user_set_username (listed, LISTED);
  td_proxy_user_set_password (listed, LIST_PW);
  td_sandbox_add_user (world->w.sandbox, listed);

  /* As an admin would have: the token and key in the keyring. */
  td_credentials_store_async (admin, TOKEN, KEY, NULL, stored_cb, &stored);
  WAIT_UNTIL (stored);

  td_test_window_open (&world->w, FALSE);
  world->view = td_window_get_users_view (TD_WINDOW (world->w.window));
  gtk_window_present (world->w.window);
  WAIT_UNTIL (g_strcmp0 (td_credentials_get_token (world->w.credentials), TOKEN) == 0);
  g_assert_cmpstr (td_credentials_get_key (world->w.credentials), ==, KEY);
}

static void
world_tear_down (World *world)
{
  GtkWindow *window;

  while ((window = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (window);

  td_test_window_tear_down (&world->w);
}

static void
create_user (World *world)
{
  gtk_editable_set_text (GTK_EDITABLE (create_child (world, "username_entry")), CREATED);
  gtk_editable_set_text (GTK_EDITABLE (create_child (world, "password_entry")), CREATE_PW);
  gtk_switch_set_active (GTK_SWITCH (create_child (world, "unlimited_switch")), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (world->w.window), "win.primary", NULL);
  WAIT_UNTIL (gtk_widget_get_visible (create_child (world, "result_card")));
  g_assert_nonnull (td_sandbox_lookup_user (world->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, CREATED));

  /* The password and the proxy URL, as a user copies them. */
  gtk_widget_activate_action (create_child (world, "result_card"), "card.copy-password", NULL);
  gtk_widget_activate_action (create_child (world, "result_card"), "card.copy-url", NULL);
}

static void
list_users (World *world)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (td_test_ui_child (world->w.window, TD_TYPE_WINDOW, "view_stack")),
                                         "users");
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (world->view)));
  WAIT_UNTIL (count_requests_to (world, "/proxy-users/user-list") >= 1 &&
              !td_page_get_busy (TD_PAGE (world->view)));
  g_assert_cmpint (td_users_page_get_user_count (world->view), ==, 2);
}

static void
show_and_copy (World *world)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (world->view), "users.show-password", "s", LISTED);
  dialog = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, LIST_PW);
  gtk_window_destroy (dialog);

  gtk_widget_activate_action (GTK_WIDGET (world->view), "users.copy-url", "s", LISTED);
  gtk_widget_activate_action (GTK_WIDGET (world->view), "users.copy-login", "s", LISTED);
}

static void
edit_password (World *world)
{
  GtkWindow *dialog;
  TdProxyUser *stored;
  guint n_lists = count_requests_to (world, "/proxy-users/user-list");

  gtk_widget_activate_action (GTK_WIDGET (world->view), "users.edit", "s", LISTED);
  dialog = td_test_ui_find_toplevel (TD_TYPE_USER_EDIT_DIALOG);
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (td_test_page_child (dialog, "password_entry")), EDIT_PW);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "edit.save", NULL);

  stored = td_sandbox_lookup_user (world->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, LISTED);
  WAIT_UNTIL (g_strcmp0 (td_proxy_user_get_password (stored), EDIT_PW) == 0);
  WAIT_UNTIL (td_test_ui_find_toplevel (TD_TYPE_USER_EDIT_DIALOG) == NULL);

  /* Read again: the list now carries the new password. */
  WAIT_UNTIL (count_requests_to (world, "/proxy-users/user-list") > n_lists &&
              !td_page_get_busy (TD_PAGE (world->view)));
}

static void
delete_user (World *world)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (world->view), "users.delete", "s", CREATED);
  dialog = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  gtk_window_destroy (dialog);

  WAIT_UNTIL (td_sandbox_lookup_user (world->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, CREATED) == NULL);
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (world->view)));
}

/* Fails when @haystack holds a secret, or one of its encodings. */
static void
assert_free_of_secrets (const char *what,
                        const char *haystack,
                        gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (secrets[i], NULL, FALSE);
      g_autofree char *base64 = g_base64_encode ((const guchar *) secrets[i], strlen (secrets[i]));
      const char *forms[] = { secrets[i], escaped, base64 };

      for (guint j = 0; j < G_N_ELEMENTS (forms); j++)
        {
          gsize form_length = strlen (forms[j]);

          for (gsize k = 0; k + form_length <= length; k++)
            if (memcmp (haystack + k, forms[j], form_length) == 0)
              g_error ("%s holds secret %u (form %u)", what, i + 1, j + 1);
        }
    }
}

static void
scan_files (const char *dir,
            gboolean    recent_only,
            guint      *n_scanned)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        scan_files (path, recent_only, n_scanned);
      else if (S_ISREG (st.st_mode) && st.st_size < 64 * 1024 * 1024 &&
               (!recent_only ||
                (gint64) st.st_mtime * G_USEC_PER_SEC >= started_at - G_USEC_PER_SEC) &&
               g_file_get_contents (path, &contents, &length, NULL))
        {
          assert_free_of_secrets (path, contents, length);
          (*n_scanned)++;
        }
    }
}

static void
scan_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      assert_free_of_secrets (keys[i], text, strlen (text));
    }
}

static void
test_secrets_audit (void)
{
  World world = { 0, };
  g_autofree char *errors = NULL;
  gsize errors_length = 0;
  guint n_scanned = 0;

  started_at = g_get_real_time ();
  capture_stderr ();

  world_set_up (&world);
  create_user (&world);
  list_users (&world);
  show_and_copy (&world);
  edit_password (&world);
  delete_user (&world);

  g_assert_cmpuint (count_requests_to (&world, "/proxy-users/create-user"), ==, 1);
  g_assert_cmpuint (count_requests_to (&world, "/proxy-users/update-user"), ==, 1);
  g_assert_cmpuint (count_requests_to (&world, "/proxy-users/delete-user"), ==, 1);
  world_tear_down (&world);

  restore_stderr ();

  /* Every step went to the server, and said so in debug messages: the
   * search below means something. */
  g_assert_nonnull (strstr (log_text->str, "/proxy-users/create-user"));
  g_assert_nonnull (strstr (log_text->str, "/proxy-users/user-list"));
  g_assert_nonnull (strstr (log_text->str, "/proxy-users/update-user"));
  g_assert_nonnull (strstr (log_text->str, "/proxy-users/delete-user"));
  g_test_message ("%" G_GSIZE_FORMAT " bytes of log", log_text->len);

  assert_free_of_secrets ("the log", log_text->str, log_text->len);

  g_assert_true (g_file_get_contents (stderr_path, &errors, &errors_length, NULL));
  assert_free_of_secrets ("standard error", errors, errors_length);

  world.w.settings = g_settings_new (APP_ID);
  scan_settings (world.w.settings);
  g_clear_object (&world.w.settings);

  /* The XDG folders (the keyring's file among them), and what this run
   * left in /tmp. */
  scan_files (g_getenv ("THORDESK_TEST_TMPDIR"), FALSE, &n_scanned);
  scan_files (g_get_tmp_dir (), TRUE, &n_scanned);
  g_assert_cmpuint (n_scanned, >=, 2);
  g_test_message ("scanned %u files", n_scanned);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything logs. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_log_writer, NULL, NULL);

  td_test_ui_init (&argc, &argv);
  td_clipboard_set_clear_delay (100);

  g_test_add_func ("/secrets/audit", test_secrets_audit);

  return g_test_run ();
}
