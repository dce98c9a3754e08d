/* test-faults.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The real window, under Xvfb, when things go wrong: a server that
 * misbehaves in every way tests/td-test-fault-server.c knows, and a
 * keyring that is missing, locked, or cannot store.  Each case checks the
 * exact sentence the user reads, that the window can be used again at
 * once, and that nothing the user typed was lost.
 *
 * The same binary runs in three worlds (tests/meson.build): the usual
 * one, one without a keyring (THORDESK_TEST_NO_KEYRING=1) and one whose
 * keyring is locked (THORDESK_TEST_LOCKED_KEYRING=1); main() picks the
 * cases that belong to the world it finds. */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "td-accessible.h"
#include "td-api-client.h"
#include "td-busy-indicator.h"
#include "td-credentials.h"
#include "td-credentials-dialog.h"
#include "td-error.h"
#include "td-result-card.h"
#include "td-sandbox.h"
#include "td-test-fault-server.h"
#include "td-test-ui.h"
#include "td-window.h"

#define TOKEN    "FaultTokenR8u2Wq"
#define KEY      "FaultKeyM3n7Ze"
#define USERNAME "faulty2026"
#define PASSWORD "Secret9Pw"
#define LIMIT    "750"

/* What the window says once the list showed that a create whose answer
 * was lost did not happen. */
#define NOT_CREATED "The user “" USERNAME "” was not created. You can try again."

typedef struct
{
  TdTestWindow       w;
  TdTestFaultServer *server;
} Fixture;

/* One way for the server to fail, and what the user must read then. */
typedef struct
{
  TdTestFault  fault;
  gboolean     https;
  const char  *expected;
  /* Requests that reach create-user: 0 when refused before (TLS). */
  guint        n_creates;
  /* Whether the window then looks the user up in the list, because the
   * user may exist (timeout, 5xx). */
  gboolean     looks_up;
} FaultCase;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return td_test_page_child (td_test_window_page (&fixture->w, "create"), name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const FaultCase *fault_case = data;

  fixture->server = td_test_fault_server_new (fault_case != NULL && fault_case->https);

  /* Sandbox mode: the window reads no keyring, which these cases do not
   * test.  The requests still go to the fault server. */
  td_test_window_set_up (&fixture->w, td_test_fault_server_get_base_url (fixture->server),
                         TOKEN, KEY, TRUE);
  td_test_window_open (&fixture->w, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  td_test_window_tear_down (&fixture->w);
  g_clear_object (&fixture->server);
}

static void
set_text (Fixture    *fixture,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, name)), text);
}

static const char *
get_text (Fixture    *fixture,
          const char *name)
{
  /* The password field hides its text from gtk_editable_get_text(). */
  return td_accessible_get_secret (child (fixture, name));
}

/* Fills the form with values that differ from every default. */
static void
fill_form (Fixture *fixture)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "proxy_type_row")), 1);
  set_text (fixture, "username_entry", USERNAME);
  set_text (fixture, "password_entry", PASSWORD);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "unit_dropdown")), 0);
  set_text (fixture, "limit_entry", LIMIT);
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "enabled_switch")), FALSE);
}

static void
assert_form_kept (Fixture *fixture)
{
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (fixture, "proxy_type_row"))),
                    ==, 1);
  g_assert_cmpstr (get_text (fixture, "username_entry"), ==, USERNAME);
  g_assert_cmpstr (get_text (fixture, "password_entry"), ==, PASSWORD);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (fixture, "unit_dropdown"))),
                    ==, 0);
  g_assert_cmpstr (get_text (fixture, "limit_entry"), ==, LIMIT);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (fixture, "enabled_switch"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (fixture, "unlimited_switch"))));
}

/* Nothing in flight, and every control works again. */
static void
assert_usable (Fixture *fixture)
{
  g_assert_false (td_window_get_busy (TD_WINDOW (fixture->w.window)));
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "form_list")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "button_stack"))),
                   ==, "idle");
  g_assert_false (td_busy_indicator_get_spinning (TD_BUSY_INDICATOR (child (fixture, "busy_indicator"))));
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "create_button")));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "cancel_button")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "result_card")));
}

static const char *
shown_error (Fixture *fixture)
{
  g_assert_true (gtk_widget_get_visible (child (fixture, "error_revealer")));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (fixture, "error_revealer"))));

  /* On screen, not only set: this also lets GTK 4.8 realize the label,
   * which the window focuses (and so selects, for the PRIMARY selection)
   * before its first frame.  A label finalized without ever being
   * realized leaves its selection behind, and the next window that sets
   * one crashes. */
  WAIT_UNTIL (gtk_widget_get_mapped (child (fixture, "error_label")));

  return gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
}

/* Creates, and waits until the window is done with it: the user is
 * shown, or Create can be pressed again (after the look-up in the list
 * that follows an answer that was lost, too). */
static void
create_and_wait (Fixture *fixture)
{
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "create_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->w.window), "win.primary", NULL);
  g_assert_true (td_window_get_busy (TD_WINDOW (fixture->w.window)));
  WAIT_UNTIL (!td_window_get_busy (TD_WINDOW (fixture->w.window)) &&
              (gtk_widget_get_visible (child (fixture, "result_card")) ||
               gtk_widget_get_sensitive (child (fixture, "create_button"))));
}

/* After the fault, the same form goes through once the server behaves:
 * the window really is usable again. */
static void
assert_create_works_again (Fixture *fixture)
{
  td_test_fault_server_set_fault (fixture->server, TD_TEST_FAULT_NONE);
  create_and_wait (fixture);

  g_assert_false (gtk_widget_get_visible (child (fixture, "error_revealer")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "result_card")));
  g_assert_cmpstr (td_result_card_get_login (TD_RESULT_CARD (child (fixture, "result_card"))),
                   ==, "td-customer-" USERNAME);
}

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  const FaultCase *fault_case = data;
  guint n_creates;
  guint n_lists;

  td_test_fault_server_set_fault (fixture->server, fault_case->fault);
  td_api_client_set_timeout (fixture->w.client, 1);

  fill_form (fixture);
  n_lists = td_test_fault_server_count_requests (fixture->server, "/api/proxy-users/user-list");
  create_and_wait (fixture);

  g_assert_cmpstr (shown_error (fixture), ==, fault_case->expected);
  if (fault_case->looks_up)
    g_assert_cmpuint (td_test_fault_server_count_requests (fixture->server,
                                                           "/api/proxy-users/user-list"),
                      >, n_lists);
  assert_usable (fixture);
  assert_form_kept (fixture);

  /* Sent once, never retried. */
  n_creates = td_test_fault_server_count_requests (fixture->server, "/api/proxy-users/create-user");
  g_assert_cmpuint (n_creates, ==, fault_case->n_creates);

  if (!fault_case->https)
    {
      assert_create_works_again (fixture);
      g_assert_cmpuint (td_test_fault_server_count_requests (fixture->server,
                                                             "/api/proxy-users/create-user"),
                        ==, n_creates + 1);
    }
}

static void
test_fault_redirect (Fixture       *fixture,
                     gconstpointer  data)
{
  test_fault (fixture, data);

  /* Nothing was sent where the server pointed. */
  g_assert_cmpuint (td_test_fault_server_count_requests (fixture->server,
                                                         "/target/proxy-users/create-user"),
                    ==, 0);
}

static void
test_fault_huge (Fixture       *fixture,
                 gconstpointer  data)
{
  const FaultCase *fault_case = data;
  guint64 written;

  td_test_fault_server_set_fault (fixture->server, fault_case->fault);
  fill_form (fixture);
  create_and_wait (fixture);

  g_assert_cmpstr (shown_error (fixture), ==, fault_case->expected);
  assert_usable (fixture);
  assert_form_kept (fixture);

  /* The client let go of the answer well before its end, and does not
   * read the rest behind the user's back either: the server sees the
   * connection go away. */
  WAIT_UNTIL (td_test_fault_server_get_n_huge_open (fixture->server) == 0);
  written = td_test_fault_server_get_huge_written (fixture->server);
  g_test_message ("%" G_GUINT64_FORMAT " bytes of %d written", written, TD_TEST_FAULT_HUGE_BYTES);
  g_assert_cmpuint (written, <, TD_TEST_FAULT_HUGE_BYTES);
  g_assert_false (td_test_fault_server_get_huge_finished (fixture->server));

  assert_create_works_again (fixture);
}

static const FaultCase fault_html_500 = {
  TD_TEST_FAULT_HTML_500, FALSE,
  NOT_CREATED,
  1, TRUE,
};

static const FaultCase fault_truncated = {
  TD_TEST_FAULT_TRUNCATED, FALSE,
  /* Cut after sending: the window looks the user up. */
  NOT_CREATED,
  1, TRUE,
};

static const FaultCase fault_truncated_chunked = {
  TD_TEST_FAULT_TRUNCATED_CHUNKED, FALSE,
  /* Cut after sending: the window looks the user up. */
  NOT_CREATED,
  1, TRUE,
};

static const FaultCase fault_wrong_types = {
  TD_TEST_FAULT_WRONG_TYPES, FALSE,
  "Thordata sent an answer Thordesk cannot read.",
  1,
};

static const FaultCase fault_huge = {
  TD_TEST_FAULT_HUGE, FALSE,
  "Thordata sent an answer larger than 8 MB, which Thordesk does not read.",
  1,
};

static const FaultCase fault_huge_announced = {
  TD_TEST_FAULT_HUGE_ANNOUNCED, FALSE,
  "Thordata sent an answer larger than 8 MB, which Thordesk does not read.",
  1,
};

static const FaultCase fault_hang = {
  TD_TEST_FAULT_HANG, FALSE,
  NOT_CREATED,
  1, TRUE,
};

static const FaultCase fault_reset = {
  TD_TEST_FAULT_RESET, FALSE,
  /* Cut after sending: the window looks the user up. */
  NOT_CREATED,
  1, TRUE,
};

static const FaultCase fault_throttled = {
  TD_TEST_FAULT_THROTTLED, FALSE,
  "Thordata is receiving too many requests. Wait a moment and try again. (code 10011)",
  1,
};

static const FaultCase fault_http_429 = {
  TD_TEST_FAULT_HTTP_429, FALSE,
  "Thordata is receiving too many requests. Wait a moment and try again.",
  1,
};

static const FaultCase fault_redirect_302 = {
  TD_TEST_FAULT_REDIRECT_302, FALSE,
  "Thordata redirected the request to another address. Thordesk does not follow redirects "
  "for changes, so nothing was sent there. Check the API address in Preferences.",
  1,
};

static const FaultCase fault_redirect_307 = {
  TD_TEST_FAULT_REDIRECT_307, FALSE,
  "Thordata redirected the request to another address. Thordesk does not follow redirects "
  "for changes, so nothing was sent there. Check the API address in Preferences.",
  1,
};

static const FaultCase fault_tls_self_signed = {
  TD_TEST_FAULT_NONE, TRUE,
  "The secure connection to 127.0.0.1 was refused: its certificate is not trusted.",
  0,
};

/* ------------------------------------------------------------------
 * Keyring faults
 *
 * The window as a user starts it, not in sandbox mode: it reads the
 * keyring after its first frame.  Requests go to a sandbox that accepts
 * TOKEN and KEY, so that a create proves which token the window uses.
 */

#define NO_KEYRING_MESSAGE \
  "No keyring is available to keep the account token. Install and start a keyring such as " \
  "GNOME Keyring, then try again, or use the token for this session only."
#define LOCKED_MESSAGE \
  "The keyring is locked. Unlock it in Passwords and Keys, or log out and log in again, then " \
  "try again, or use the token for this session only."
#define NO_DEFAULT_MESSAGE \
  "There is no default keyring to save the account token in. Create one in Passwords and " \
  "Keys, or use the token for this session only."
#define NOTHING_STORED_MESSAGE \
  "No account token is stored yet. Thordesk needs it to create users."
#define SESSION_ONLY_MESSAGE \
  "The account token is used for this session only: it is not stored in a keyring."

typedef TdTestWindow KeyringFixture;

/* One way for the keyring to fail, and what the user must read then. */
typedef struct
{
  /* The banner once the keyring was read at start-up. */
  const char *startup_message;
  /* Whether the start-up found "nothing stored" and asked at once. */
  gboolean    asks_at_startup;
  /* What the dialog says when Save fails. */
  const char *store_message;
} KeyringCase;

static GtkWidget *
window_child (KeyringFixture *fixture,
              const char     *name)
{
  return td_test_ui_child (fixture->window, TD_TYPE_WINDOW, name);
}

static GtkWidget *
dialog_child (GtkWindow  *dialog,
              const char *name)
{
  return td_test_ui_child (dialog, TD_TYPE_CREDENTIALS_DIALOG, name);
}

static GtkWindow *
find_dialog (void)
{
  return td_test_ui_find_toplevel (TD_TYPE_CREDENTIALS_DIALOG);
}

static void
keyring_fixture_set_up (KeyringFixture *fixture,
                        gconstpointer   data)
{
  /* Not in sandbox mode: the window reads the keyring, as for Thordata. */
  td_test_window_set_up (fixture, NULL, NULL, NULL, FALSE);
  td_sandbox_set_credentials (fixture->sandbox, TOKEN, KEY);
  td_test_window_open (fixture, FALSE);
}

static void
keyring_fixture_tear_down (KeyringFixture *fixture,
                           gconstpointer   data)
{
  GtkWindow *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (dialog);

  td_test_window_tear_down (fixture);
}

static gboolean
banner_shown (KeyringFixture *fixture)
{
  GtkWidget *revealer = window_child (fixture, "account_revealer");

  return gtk_widget_get_visible (revealer) &&
         gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static const char *
banner_text (KeyringFixture *fixture)
{
  g_assert_true (banner_shown (fixture));

  return gtk_label_get_label (GTK_LABEL (window_child (fixture, "account_label")));
}

static gboolean
dialog_error_shown (GtkWindow *dialog)
{
  GtkWidget *revealer = dialog_child (dialog, "error_revealer");

  return gtk_widget_get_visible (revealer) &&
         gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

/* Types the token and key in the dialog and saves; returns once the
 * dialog says why it could not. */
static void
save_and_fail (GtkWindow  *dialog,
               const char *expected)
{
  GtkWidget *save_button = dialog_child (dialog, "save_button");

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "token_entry")), TOKEN);
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "key_entry")), KEY);

  /* Saving locks the button until the keyring has answered. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "credentials.save", NULL);
  g_assert_false (gtk_widget_get_sensitive (save_button));
  WAIT_UNTIL (gtk_widget_get_sensitive (save_button));
  g_assert_true (dialog_error_shown (dialog));

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (dialog_child (dialog, "error_label"))),
                   ==, expected);

  /* Still open, still holding what was typed, ready to try again. */
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpstr (td_accessible_get_secret (dialog_child (dialog, "token_entry")),
                   ==, TOKEN);
  g_assert_cmpstr (td_accessible_get_secret (dialog_child (dialog, "key_entry")),
                   ==, KEY);
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "session_button")));
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "session_button")));
}

/* The way out: the typed token for this run only, which the window then
 * says and uses. */
static void
use_for_session (KeyringFixture *fixture,
                 GtkWindow      *dialog)
{
  const TdSandboxRequest *request;

  gtk_widget_activate_action (GTK_WIDGET (dialog), "credentials.use-for-session", NULL);
  /* The token is checked with one list read first; the dialog says what
   * Thordata answered and waits for Done. */
  WAIT_UNTIL (find_dialog () == NULL ||
              gtk_widget_get_visible (dialog_child (dialog, "done_button")));
  if (find_dialog () != NULL)
    {
      g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (dialog_child (dialog, "check_label"))),
                                       "Connected"));
      gtk_widget_activate (dialog_child (dialog, "done_button"));
      WAIT_UNTIL (find_dialog () == NULL);
    }

  g_assert_cmpstr (td_credentials_get_token (fixture->credentials), ==, TOKEN);
  g_assert_cmpstr (td_credentials_get_key (fixture->credentials), ==, KEY);
  g_assert_true (td_credentials_get_session_only (fixture->credentials));
  g_assert_cmpstr (banner_text (fixture), ==, SESSION_ONLY_MESSAGE);

  /* And the window creates with it. */
  gtk_editable_set_text (GTK_EDITABLE (td_test_page_child (td_test_window_page (fixture, "create"), "username_entry")), USERNAME);
  gtk_editable_set_text (GTK_EDITABLE (td_test_page_child (td_test_window_page (fixture, "create"), "password_entry")), PASSWORD);
  gtk_switch_set_active (GTK_SWITCH (td_test_page_child (td_test_window_page (fixture, "create"), "unlimited_switch")), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.primary", NULL);
  WAIT_UNTIL (!td_window_get_busy (TD_WINDOW (fixture->window)));

  g_assert_false (gtk_widget_get_visible (td_test_page_child (td_test_window_page (fixture, "create"), "error_revealer")));
  request = td_sandbox_get_last_request (fixture->sandbox);
  g_assert_nonnull (request);
  g_assert_cmpstr (request->token, ==, TOKEN);
  g_assert_cmpstr (request->key, ==, KEY);
  g_assert_nonnull (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL,
                                            USERNAME));
}

static void
test_keyring_fault (KeyringFixture *fixture,
                    gconstpointer   data)
{
  const KeyringCase *keyring_case = data;
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (fixture->window));

  /* At start-up, the banner names the situation. */
  WAIT_UNTIL (banner_shown (fixture));
  g_assert_cmpstr (banner_text (fixture), ==, keyring_case->startup_message);
  g_assert_null (td_credentials_get_token (fixture->credentials));

  if (keyring_case->asks_at_startup)
    {
      WAIT_UNTIL (find_dialog () != NULL);
    }
  else
    {
      /* A broken keyring is no first run: the user opens the dialog from
       * the banner when ready. */
      td_test_ui_flush ();
      g_assert_null (find_dialog ());
      g_signal_emit_by_name (window_child (fixture, "account_button"), "clicked");
      WAIT_UNTIL (find_dialog () != NULL);
    }

  dialog = find_dialog ();
  g_assert_false (dialog_error_shown (dialog));
  save_and_fail (dialog, keyring_case->store_message);

  /* Nothing half-done: the values in memory are as before. */
  g_assert_null (td_credentials_get_token (fixture->credentials));
  g_assert_false (td_credentials_get_session_only (fixture->credentials));

  /* Saving again fails the same way, and still keeps what was typed. */
  save_and_fail (dialog, keyring_case->store_message);

  use_for_session (fixture, dialog);
}

static const KeyringCase keyring_none = {
  NO_KEYRING_MESSAGE, FALSE, NO_KEYRING_MESSAGE,
};

static const KeyringCase keyring_locked = {
  LOCKED_MESSAGE, FALSE, LOCKED_MESSAGE,
};

static const KeyringCase keyring_no_default = {
  NOTHING_STORED_MESSAGE, TRUE, NO_DEFAULT_MESSAGE,
};

/* Points the keyring's "default" alias at @collection ("/" for none). */
static void
set_default_alias (const char *collection)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "SetAlias",
                                       g_variant_new ("(so)", "default", collection),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* A keyring without a default collection: reading finds nothing, and
 * storing has nowhere to go. */
static void
test_keyring_no_default (KeyringFixture *fixture,
                         gconstpointer   data)
{
  set_default_alias ("/");
  test_keyring_fault (fixture, data);
  set_default_alias ("/org/freedesktop/secrets/collection/login");
}

/* ------------------------------------------------------------------
 * A prompt that is dismissed
 *
 * Thordesk never asks the keyring to unlock, but when the collection is
 * locked between its check and the write, libsecret does, and gnome-keyring
 * shows an unlock prompt.  The test makes that happen on purpose: it holds
 * the CreateItem call on its way out, locks the collection, then lets the
 * call go.  The prompt goes to a prompter of the test's own, which answers
 * as a user pressing Cancel would.
 */

#define LOGIN_COLLECTION "/org/freedesktop/secrets/collection/login"
#define LOGIN_PASSWORD   "thordesk-test"

#define DISMISSED_MESSAGE \
  "The keyring asked for its password and the request was dismissed, so the account token " \
  "was not saved. Try again and unlock the keyring when asked, or use the token for this " \
  "session only."

static const char * const prompter_names[] = {
  "org.gnome.keyring.SystemPrompter",
  "org.gnome.keyring.PrivatePrompter",
};

static const char prompter_xml[] =
  "<node>"
  "  <interface name='org.gnome.keyring.internal.Prompter'>"
  "    <method name='BeginPrompting'><arg name='callback' type='o' direction='in'/></method>"
  "    <method name='PerformPrompt'>"
  "      <arg name='callback' type='o' direction='in'/>"
  "      <arg name='type' type='s' direction='in'/>"
  "      <arg name='properties' type='a{sv}' direction='in'/>"
  "      <arg name='exchange' type='s' direction='in'/>"
  "    </method>"
  "    <method name='StopPrompting'><arg name='callback' type='o' direction='in'/></method>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *bus;
  guint            prompter_id;
  guint            filter_id;
  /* Set from the main thread, read in GDBus's worker thread. */
  gint             hold_create_item;
  GDBusMessage    *held;
  guint            prompts_performed;
  guint            prompts_stopped;
  gboolean         released;
} PromptWorld;

static PromptWorld prompt_world;

/* Answers the method call first, then calls the prompting client back:
 * gcr's client is only ready for the call back once its call returned. */
static void
return_and_call_back (GDBusMethodInvocation *invocation,
                      const char            *method,
                      GVariant              *parameters)
{
  GDBusConnection *connection = g_dbus_method_invocation_get_connection (invocation);
  g_autofree char *sender = g_strdup (g_dbus_method_invocation_get_sender (invocation));
  g_autofree char *callback_path = NULL;

  g_variant_get_child (g_dbus_method_invocation_get_parameters (invocation), 0, "o",
                       &callback_path);
  g_dbus_method_invocation_return_value (invocation, NULL);

  g_dbus_connection_call (connection, sender, callback_path,
                          "org.gnome.keyring.internal.Prompter.Callback",
                          method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL, NULL);
}

/* The prompter: ready at once, and every prompt is cancelled, as a user
 * pressing Cancel would. */
static void
prompter_method_call (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  if (g_str_equal (method_name, "BeginPrompting"))
    {
      return_and_call_back (invocation, "PromptReady",
                            g_variant_new_parsed ("('', @a{sv} {}, '')"));
    }
  else if (g_str_equal (method_name, "PerformPrompt"))
    {
      prompt_world.prompts_performed++;
      return_and_call_back (invocation, "PromptReady",
                            g_variant_new_parsed ("('no', @a{sv} {}, '')"));
    }
  else
    {
      g_assert_cmpstr (method_name, ==, "StopPrompting");
      prompt_world.prompts_stopped++;
      return_and_call_back (invocation, "PromptDone", g_variant_new ("()"));
    }
}

static const GDBusInterfaceVTable prompter_vtable = { prompter_method_call, NULL, NULL, { 0 } };

static gboolean
release_held_call (gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_send_message (prompt_world.bus, prompt_world.held,
                                  G_DBUS_SEND_MESSAGE_FLAGS_PRESERVE_SERIAL, NULL, &error);
  g_assert_no_error (error);
  prompt_world.released = TRUE;

  return G_SOURCE_REMOVE;
}

static void
login_locked_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_assert_no_error (error);

  g_idle_add (release_held_call, NULL);
}

static gboolean
lock_login (gpointer user_data)
{
  g_dbus_connection_call (prompt_world.bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                          "org.freedesktop.Secret.Service", "Lock",
                          g_variant_new_parsed ("([objectpath '" LOGIN_COLLECTION "'],)"),
                          G_VARIANT_TYPE ("(aoo)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          login_locked_cb, NULL);

  return G_SOURCE_REMOVE;
}

/* In GDBus's worker thread: holds back the first CreateItem call.  Its
 * reply is still awaited under its serial, so sending it later with the
 * same serial continues the call as if nothing happened. */
static GDBusMessage *
hold_create_item_filter (GDBusConnection *connection,
                         GDBusMessage    *message,
                         gboolean         incoming,
                         gpointer         user_data)
{
  g_autoptr(GError) error = NULL;

  if (incoming ||
      g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL ||
      g_strcmp0 (g_dbus_message_get_member (message), "CreateItem") != 0 ||
      !g_atomic_int_compare_and_exchange (&prompt_world.hold_create_item, TRUE, FALSE))
    return message;

  prompt_world.held = g_dbus_message_copy (message, &error);
  g_assert_no_error (error);
  g_dbus_message_set_serial (prompt_world.held, g_dbus_message_get_serial (message));
  g_object_unref (message);

  g_idle_add (lock_login, NULL);

  return NULL;
}

static void
prompt_world_set_up (void)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  prompt_world.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  info = g_dbus_node_info_new_for_xml (prompter_xml, &error);
  g_assert_no_error (error);
  prompt_world.prompter_id =
    g_dbus_connection_register_object (prompt_world.bus, "/org/gnome/keyring/Prompter",
                                       info->interfaces[0], &prompter_vtable,
                                       NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (prompter_names); i++)
    {
      g_autoptr(GVariant) reply = NULL;
      guint32 answer;

      reply = g_dbus_connection_call_sync (prompt_world.bus, "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                           "RequestName",
                                           g_variant_new ("(su)", prompter_names[i],
                                                          0x4 /* DO_NOT_QUEUE */),
                                           G_VARIANT_TYPE ("(u)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(u)", &answer);
      g_assert_cmpuint (answer, ==, 1 /* PRIMARY_OWNER */);
    }

  g_atomic_int_set (&prompt_world.hold_create_item, TRUE);
  prompt_world.filter_id = g_dbus_connection_add_filter (prompt_world.bus,
                                                         hold_create_item_filter, NULL, NULL);
}

/* Unlocks the login collection again through gnome-keyring's internal
 * interface, which takes the password itself (no prompt). */
static void
unlock_login (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *session_path;
  GVariant *secret;

  reply = g_dbus_connection_call_sync (prompt_world.bus, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "OpenSession",
                                       g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                                       G_VARIANT_TYPE ("(vo)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v&o)", NULL, &session_path);

  secret = g_variant_new ("(o@ay@ays)", session_path,
                          g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                          g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, LOGIN_PASSWORD,
                                                     strlen (LOGIN_PASSWORD), 1),
                          "text/plain");
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (prompt_world.bus, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
                                       "UnlockWithMasterPassword",
                                       g_variant_new ("(o@(oayays))", LOGIN_COLLECTION, secret),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
prompt_world_tear_down (void)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_remove_filter (prompt_world.bus, prompt_world.filter_id);
  g_dbus_connection_unregister_object (prompt_world.bus, prompt_world.prompter_id);

  for (guint i = 0; i < G_N_ELEMENTS (prompter_names); i++)
    {
      g_autoptr(GVariant) reply = NULL;

      reply = g_dbus_connection_call_sync (prompt_world.bus, "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                           "ReleaseName",
                                           g_variant_new ("(s)", prompter_names[i]),
                                           G_VARIANT_TYPE ("(u)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
    }

  unlock_login ();

  g_clear_object (&prompt_world.held);
  g_clear_object (&prompt_world.bus);
}

static const KeyringCase keyring_dismissed = {
  NOTHING_STORED_MESSAGE, TRUE, DISMISSED_MESSAGE,
};

static void
test_keyring_dismissed (KeyringFixture *fixture,
                        gconstpointer   data)
{
  const KeyringCase *keyring_case = data;
  GtkWindow *dialog;

  prompt_world_set_up ();

  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (banner_shown (fixture));
  g_assert_cmpstr (banner_text (fixture), ==, keyring_case->startup_message);
  WAIT_UNTIL (find_dialog () != NULL);
  dialog = find_dialog ();

  save_and_fail (dialog, keyring_case->store_message);

  /* It really went that way: one prompt, cancelled. */
  g_assert_true (prompt_world.released);
  g_assert_cmpuint (prompt_world.prompts_performed, ==, 1);
  WAIT_UNTIL (prompt_world.prompts_stopped == 1);
  g_assert_null (td_credentials_get_token (fixture->credentials));

  use_for_session (fixture, dialog);

  prompt_world_tear_down ();
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
#define ADD_KEYRING(path, data, func) \
  g_test_add (path, KeyringFixture, data, keyring_fixture_set_up, func, keyring_fixture_tear_down)

  /* The world this run is in (see tests/headless-run.sh). */
  if (g_strcmp0 (g_getenv ("THORDESK_TEST_NO_KEYRING"), "1") == 0)
    {
      ADD_KEYRING ("/faults/keyring/none", &keyring_none, test_keyring_fault);
    }
  else if (g_strcmp0 (g_getenv ("THORDESK_TEST_LOCKED_KEYRING"), "1") == 0)
    {
      ADD_KEYRING ("/faults/keyring/locked", &keyring_locked, test_keyring_fault);
    }
  else
    {
      ADD ("/faults/network/html-500", &fault_html_500, test_fault);
      ADD ("/faults/network/truncated", &fault_truncated, test_fault);
      ADD ("/faults/network/truncated-chunked", &fault_truncated_chunked, test_fault);
      ADD ("/faults/network/wrong-types", &fault_wrong_types, test_fault);
      ADD ("/faults/network/huge", &fault_huge, test_fault_huge);
      ADD ("/faults/network/huge-announced", &fault_huge_announced, test_fault_huge);
      ADD ("/faults/network/no-answer", &fault_hang, test_fault);
      ADD ("/faults/network/reset", &fault_reset, test_fault);
      ADD ("/faults/network/throttled", &fault_throttled, test_fault);
      ADD ("/faults/network/http-429", &fault_http_429, test_fault);
      ADD ("/faults/network/redirect-302", &fault_redirect_302, test_fault_redirect);
      ADD ("/faults/network/redirect-307", &fault_redirect_307, test_fault_redirect);
      ADD ("/faults/network/tls-self-signed", &fault_tls_self_signed, test_fault);

      ADD_KEYRING ("/faults/keyring/no-default-collection", &keyring_no_default,
                   test_keyring_no_default);
      ADD_KEYRING ("/faults/keyring/prompt-dismissed", &keyring_dismissed,
                   test_keyring_dismissed);
    }

#undef ADD_KEYRING
#undef ADD

  return g_test_run ();
}
