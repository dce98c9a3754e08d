/* test-token-check.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A token is checked when it is saved: the real token dialog under Xvfb,
 * the real keyring, and real servers on 127.0.0.1.
 *
 * - the sandbox (TdSandbox): the right token is stored and the dialog
 *   says how many users the account has; a wrong one is refused with
 *   code 10013, nothing is stored and what was typed stays;
 * - the fault server: one list read, its count shown;
 * - a closed port (offline): stored anyway, "not checked" and why;
 * - a server that never answers: busy (TdBusyIndicator) while the main
 *   loop runs on, and Cancel stores nothing;
 * - in a world without a keyring (tests/meson.build), the session only. */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "td-accessible.h"
#include "td-api-client.h"
#include "td-busy-indicator.h"
#include "td-credentials.h"
#include "td-credentials-dialog.h"
#include "td-sandbox.h"
#include "td-test-fault-server.h"
#include "td-test-ui.h"

#define TOKEN       "CheckTok3nW7q"
#define WRONG_TOKEN "WrongTok3nZ5x"

typedef struct
{
  TdApiClient         *client;
  TdCredentials       *credentials;
  TdCredentialsDialog *dialog;
  guint                n_saved;
  gboolean             destroyed;
} Fixture;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return td_test_ui_child (fixture->dialog, TD_TYPE_CREDENTIALS_DIALOG, name);
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (fixture, name)));
}

static void
saved_cb (TdCredentialsDialog *dialog,
          gboolean             session_only,
          Fixture             *fixture)
{
  fixture->n_saved++;
}

static void
destroyed_cb (GtkWidget *widget,
              Fixture   *fixture)
{
  fixture->destroyed = TRUE;
}

/* The dialog, checking against @base_url. */
static void
open_dialog (Fixture    *fixture,
             const char *base_url)
{
  fixture->client = td_api_client_new (base_url);
  td_api_client_set_timeout (fixture->client, 5);
  fixture->credentials = td_credentials_new ();

  fixture->dialog = td_credentials_dialog_new (NULL, fixture->credentials);
  td_credentials_dialog_set_client (fixture->dialog, fixture->client);
  g_signal_connect (fixture->dialog, "saved", G_CALLBACK (saved_cb), fixture);
  g_signal_connect (fixture->dialog, "destroy", G_CALLBACK (destroyed_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->dialog)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!fixture->destroyed)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_clear_object (&fixture->credentials);
  g_clear_object (&fixture->client);
  td_test_ui_flush ();
}

static void
save (Fixture    *fixture,
      const char *token)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "token_entry")), token);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "credentials.save", NULL);
}

static gboolean
is_done (Fixture *fixture)
{
  return gtk_widget_get_visible (child (fixture, "done_button"));
}

static gboolean
is_spinning (Fixture *fixture)
{
  return td_busy_indicator_get_spinning (TD_BUSY_INDICATOR (child (fixture, "check_indicator")));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  td_credentials_load_finish (TD_CREDENTIALS (object), result, NULL);
  *done = TRUE;
}

/* What the keyring holds now, read by another TdCredentials. */
static char *
keyring_token (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  gboolean done = FALSE;

  td_credentials_load_async (credentials, NULL, load_cb, &done);
  WAIT_UNTIL (done);

  return g_strdup (td_credentials_get_token (credentials));
}

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  td_credentials_forget_finish (TD_CREDENTIALS (object), result, NULL);
  *done = TRUE;
}

static void
empty_keyring (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  gboolean done = FALSE;

  td_credentials_forget_async (credentials, NULL, forget_cb, &done);
  WAIT_UNTIL (done);
}

static TdSandbox *
sandbox_new (void)
{
  g_autoptr(GError) error = NULL;
  TdSandbox *sandbox = td_sandbox_new ();

  td_sandbox_set_credentials (sandbox, TOKEN, NULL);
  td_sandbox_add_example_users (sandbox, TD_PROXY_TYPE_RESIDENTIAL, "example", 3);
  td_sandbox_start (sandbox, &error);
  g_assert_no_error (error);

  return sandbox;
}

static void
test_sandbox_accepted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TdSandbox) sandbox = sandbox_new ();
  g_autofree char *stored = NULL;

  empty_keyring ();
  open_dialog (fixture, td_sandbox_get_base_url (sandbox));

  save (fixture, TOKEN);
  WAIT_UNTIL (is_done (fixture));

  g_assert_cmpstr (label_text (fixture, "check_label"), ==,
                   "Connected: 3 proxy users on this account");
  g_assert_false (is_spinning (fixture));
  g_assert_false (gtk_widget_get_visible (child (fixture, "save_button")));
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  g_assert_cmpuint (td_sandbox_get_requests (sandbox)->len, ==, 1);

  g_assert_cmpstr (td_credentials_get_token (fixture->credentials), ==, TOKEN);
  g_assert_false (td_credentials_get_session_only (fixture->credentials));
  stored = keyring_token ();
  g_assert_cmpstr (stored, ==, TOKEN);

  /* Done closes. */
  gtk_widget_activate_action (child (fixture, "done_button"), "window.close", NULL);
  WAIT_UNTIL (fixture->destroyed);
}

static void
test_sandbox_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TdSandbox) sandbox = sandbox_new ();
  g_autofree char *stored = NULL;
  GtkWidget *token_entry;

  empty_keyring ();
  open_dialog (fixture, td_sandbox_get_base_url (sandbox));
  token_entry = child (fixture, "token_entry");

  save (fixture, WRONG_TOKEN);
  WAIT_UNTIL (gtk_widget_get_visible (child (fixture, "error_revealer")));

  g_assert_cmpstr (label_text (fixture, "error_label"), ==,
                   "Thordata refused this token (code 10013). Nothing was saved.");
  g_assert_false (is_done (fixture));
  g_assert_false (is_spinning (fixture));
  g_assert_false (gtk_widget_get_visible (child (fixture, "session_button")));
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  g_assert_cmpuint (td_sandbox_get_requests (sandbox)->len, ==, 1);

  /* Nothing kept; what was typed stays, to be corrected. */
  g_assert_null (td_credentials_get_token (fixture->credentials));
  stored = keyring_token ();
  g_assert_null (stored);
  g_assert_cmpstr (td_accessible_get_secret (token_entry), ==, WRONG_TOKEN);
  g_assert_true (gtk_widget_is_sensitive (token_entry));
  g_assert_true (gtk_widget_has_css_class (token_entry, "error"));
  g_assert_true (gtk_widget_is_focus (token_entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->dialog)),
                                         token_entry));

  /* Corrected, it goes through. */
  save (fixture, TOKEN);
  WAIT_UNTIL (is_done (fixture));
  g_assert_cmpstr (label_text (fixture, "check_label"), ==,
                   "Connected: 3 proxy users on this account");
  g_assert_false (gtk_widget_has_css_class (token_entry, "error"));
}

static void
test_fault_server_accepted (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TdTestFaultServer) server = td_test_fault_server_new (FALSE);

  empty_keyring ();
  td_test_fault_server_set_list_data (server,
                                      "{\"limit\":20,\"remaining_limit\":13,\"user_count\":7,"
                                      "\"list\":[]}");
  open_dialog (fixture, td_test_fault_server_get_base_url (server));

  save (fixture, TOKEN);
  WAIT_UNTIL (is_done (fixture));

  g_assert_cmpstr (label_text (fixture, "check_label"), ==,
                   "Connected: 7 proxy users on this account");
  /* One list read, nothing else. */
  g_assert_cmpuint (td_test_fault_server_count_requests (server, "/proxy-users/user-list"), ==, 1);
  g_assert_cmpuint (td_test_fault_server_count_requests (server, ""), ==, 1);
}

/* A port nothing listens on: bound, then closed. */
static char *
closed_port_url (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/api", port);
}

static void
test_offline_saved_unchecked (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *url = closed_port_url ();
  g_autofree char *stored = NULL;
  const char *text;

  empty_keyring ();
  open_dialog (fixture, url);

  save (fixture, TOKEN);
  WAIT_UNTIL (is_done (fixture));

  text = label_text (fixture, "check_label");
  g_test_message ("offline: %s", text);
  g_assert_true (g_str_has_prefix (text, "Saved, but not checked: "));
  g_assert_cmpuint (strlen (text), >, strlen ("Saved, but not checked: "));
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  g_assert_cmpstr (td_credentials_get_token (fixture->credentials), ==, TOKEN);
  stored = keyring_token ();
  g_assert_cmpstr (stored, ==, TOKEN);
}

/* Holds every request without answering. */
static void
hang_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  guint *n_requests = user_data;

  (*n_requests)++;
  soup_server_message_pause (message);
}

static void
test_cancel_while_checking (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  guint n_requests = 0;

  empty_keyring ();
  soup_server_add_handler (server, NULL, hang_handler, &n_requests, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%u/api", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  open_dialog (fixture, url);
  save (fixture, TOKEN);

  /* Busy while the server holds the request, and the loop runs on. */
  WAIT_UNTIL (n_requests == 1);
  g_assert_true (is_spinning (fixture));
  g_assert_cmpstr (label_text (fixture, "check_label"), ==, "Checking the token with Thordata…");
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "token_entry")));
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "save_button")));

  gtk_widget_activate_action (child (fixture, "cancel_button"), "window.close", NULL);
  WAIT_UNTIL (fixture->destroyed);
  td_test_ui_flush ();

  g_assert_cmpuint (fixture->n_saved, ==, 0);
  g_assert_null (td_credentials_get_token (fixture->credentials));
  stored = keyring_token ();
  g_assert_null (stored);
}

/* No keyring (THORDESK_TEST_NO_KEYRING): the checked token cannot be
 * stored; the dialog says why and offers the session, which checks the
 * token again and uses it until Thordesk quits. */
static void
test_no_keyring_session_only (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TdSandbox) sandbox = sandbox_new ();

  open_dialog (fixture, td_sandbox_get_base_url (sandbox));

  save (fixture, TOKEN);
  WAIT_UNTIL (gtk_widget_get_visible (child (fixture, "session_button")) &&
              gtk_widget_get_visible (child (fixture, "error_revealer")));
  g_test_message ("keyring: %s", label_text (fixture, "error_label"));
  g_assert_false (is_done (fixture));
  g_assert_false (is_spinning (fixture));
  /* The check's outcome is not left saying "Connected" over a failure. */
  g_assert_false (gtk_widget_get_visible (child (fixture, "check_box")));
  g_assert_true (gtk_widget_is_sensitive (child (fixture, "token_entry")));
  g_assert_cmpuint (fixture->n_saved, ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "credentials.use-for-session", NULL);
  WAIT_UNTIL (is_done (fixture));

  g_assert_cmpstr (label_text (fixture, "check_label"), ==,
                   "Connected: 3 proxy users on this account");
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  g_assert_cmpuint (td_sandbox_get_requests (sandbox)->len, ==, 2);
  g_assert_cmpstr (td_credentials_get_token (fixture->credentials), ==, TOKEN);
  g_assert_true (td_credentials_get_session_only (fixture->credentials));
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, NULL, func, fixture_tear_down)

  if (g_strcmp0 (g_getenv ("THORDESK_TEST_NO_KEYRING"), "1") == 0)
    {
      ADD ("/token-check/no-keyring-session-only", test_no_keyring_session_only);
      return g_test_run ();
    }

  ADD ("/token-check/sandbox-accepted", test_sandbox_accepted);
  ADD ("/token-check/sandbox-refused", test_sandbox_refused);
  ADD ("/token-check/fault-server-accepted", test_fault_server_accepted);
  ADD ("/token-check/offline", test_offline_saved_unchecked);
  ADD ("/token-check/cancel", test_cancel_while_checking);

#undef ADD

  return g_test_run ();
}
