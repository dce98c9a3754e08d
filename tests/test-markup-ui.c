/* test-markup-ui.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Text from outside is shown as text, never read as Pango markup, in the
 * real Preferences window under Xvfb:
 *
 * - the keyring's own error text, in the toast that says the token could
 *   not be forgotten.  Whatever answers for org.freedesktop.secrets on
 *   the session bus writes that text: here this test does, on a bus with
 *   no keyring (THORDESK_TEST_NO_KEYRING), opening a session and then
 *   answering every call with an error whose message is a link;
 * - the --api-url value, in the Connection group's description.
 *
 * Each is found as a label whose text (what is drawn, after markup) holds
 * the link's source literally.  Read as markup, the label would show "x". */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "td-credentials.h"
#include "td-preferences-window.h"
#include "td-test-ui.h"

#define FORGED    "<a href=\"https://x\">x</a>"
#define API_URL   "https://example.com/" FORGED
#define TOKEN     "markupTok3nQ9"
#define ERROR_NAME "org.freedesktop.Secret.Error.Forged"
#define SECRETS   "org.freedesktop.secrets"

/* Answers every method call for the Secret Service with an error that
 * carries markup.  Runs in GDBus's worker thread. */
static GDBusMessage *
forge_errors (GDBusConnection *connection,
              GDBusMessage    *message,
              gboolean         incoming,
              gpointer         user_data)
{
  g_autoptr(GDBusMessage) reply = NULL;
  const char *destination = g_dbus_message_get_destination (message);

  /* GDBusProxy (libsecret's) addresses the name's owner by its unique
   * name: this connection's.  Nothing else here is called that way (no
   * GApplication, no accessibility bus in this world). */
  if (!incoming ||
      g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL ||
      (g_strcmp0 (destination, SECRETS) != 0 &&
       g_strcmp0 (destination, g_dbus_connection_get_unique_name (connection)) != 0))
    return message;

  /* A session opens, so that the failure comes from the service's answer
   * to the operation itself rather than from connecting, which Thordesk
   * reports as "no keyring".  libsecret asks for an encrypted session
   * first and falls back to "plain" when that is not supported. */
  if (g_strcmp0 (g_dbus_message_get_member (message), "OpenSession") == 0)
    {
      GVariant *body = g_dbus_message_get_body (message);
      const char *algorithm = NULL;

      if (body != NULL && g_variant_is_of_type (body, G_VARIANT_TYPE ("(sv)")))
        g_variant_get (body, "(&sv)", &algorithm, NULL);

      if (g_strcmp0 (algorithm, "plain") == 0)
        {
          reply = g_dbus_message_new_method_reply (message);
          g_dbus_message_set_body (reply, g_variant_new ("(vo)", g_variant_new_string (""),
                                                         "/org/freedesktop/secrets/session/s1"));
        }
      else
        reply = g_dbus_message_new_method_error_literal (message,
                                                         "org.freedesktop.DBus.Error.NotSupported",
                                                         "Only plain sessions");
    }
  else
    reply = g_dbus_message_new_method_error_literal (message, ERROR_NAME, FORGED);
  g_dbus_connection_send_message (connection, reply, G_DBUS_SEND_MESSAGE_FLAGS_NONE, NULL, NULL);
  g_object_unref (message);

  return NULL;
}

static void
own_secret_service (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GError) error = NULL;
  guint32 answer = 0;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  g_dbus_connection_add_filter (bus, forge_errors, NULL, NULL);

  result = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                        "org.freedesktop.DBus", "RequestName",
                                        g_variant_new ("(su)", SECRETS, 4 /* DO_NOT_QUEUE */),
                                        G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                        NULL, &error);
  g_assert_no_error (error);
  g_variant_get (result, "(u)", &answer);
  /* 1: the primary owner.  Anything else: a real keyring is on this bus. */
  g_assert_cmpuint (answer, ==, 1);
}

/* A label under @widget whose drawn text holds @needle, or NULL. */
static GtkLabel *
find_label_with_text (GtkWidget  *widget,
                      const char *needle)
{
  if (GTK_IS_LABEL (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_text (child, needle);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static TdPreferencesWindow *
preferences_new (TdCredentials *credentials,
                 const char    *api_url_override)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TdPreferencesWindow *window;

  window = td_preferences_window_new (NULL, settings, credentials, api_url_override, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return window;
}

static void
test_keyring_error_toast (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  TdPreferencesWindow *window;
  AdwMessageDialog *dialog = NULL;
  GtkLabel *label = NULL;

  own_secret_service ();

  /* A token in memory, so that it can be forgotten. */
  td_credentials_use_for_session (credentials, TOKEN, NULL);
  window = preferences_new (credentials, NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "prefs.forget-token", NULL);
  WAIT_UNTIL ((dialog = ADW_MESSAGE_DIALOG (td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  adw_message_dialog_response (dialog, "forget");

  /* The keyring's answer, shown in words, the link as its source text. */
  WAIT_UNTIL ((label = find_label_with_text (GTK_WIDGET (window), FORGED)) != NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (label), "could not be removed"));
  g_test_message ("toast: %s", gtk_label_get_text (label));

  gtk_window_destroy (GTK_WINDOW (window));
  td_test_ui_flush ();
}

static void
test_api_url_description (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  TdPreferencesWindow *window;
  GtkLabel *label;

  window = preferences_new (credentials, API_URL);

  label = find_label_with_text (GTK_WIDGET (window), API_URL);
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (label), "--api-url"));

  gtk_window_destroy (GTK_WINDOW (window));
  td_test_ui_flush ();
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

  g_test_add_func ("/markup/api-url-description", test_api_url_description);
  g_test_add_func ("/markup/keyring-error-toast", test_keyring_error_toast);

  return g_test_run ();
}
