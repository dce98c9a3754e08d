/* test-api-host.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where the token goes, as the admin sees it: Preferences names the host
 * Thordesk really contacts and says plainly when it is not Thordata's
 * own, refuses a bad address next to the field without saving it, and
 * the window shows a banner while the host is not Thordata's. */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "td-account.h"
#include "td-api-client.h"
#include "td-credentials.h"
#include "td-preferences-window.h"
#include "td-test-ui.h"
#include "td-window.h"

static const char *
row_subtitle (GtkWidget *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
assert_saved (GSettings  *settings,
              const char *expected)
{
  g_autofree char *saved = g_settings_get_string (settings, "api-base-url");

  g_assert_cmpstr (saved, ==, expected);
}

static void
test_preferences_host (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  TdPreferencesWindow *window;
  GtkWidget *host_row;
  GtkWidget *url_row;

  g_settings_reset (settings, "api-base-url");
  window = td_preferences_window_new (NULL, settings, credentials, NULL, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  host_row = td_test_ui_child (window, TD_TYPE_PREFERENCES_WINDOW, "api_host_row");
  url_row = td_test_ui_child (window, TD_TYPE_PREFERENCES_WINDOW, "api_url_entry");

  /* The default: Thordata's own server, said as such. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (host_row)), ==,
                   "Server contacted");
  g_assert_cmpstr (row_subtitle (host_row), ==, "openapi.thordata.com, Thordata’s own server");
  g_assert_false (gtk_widget_has_css_class (host_row, "warning"));

  /* Another host, saved elsewhere: said plainly, as the host really
   * contacted (not the text as typed). */
  g_settings_set_string (settings, "api-base-url", "https://API.Example.COM:8443/api");
  g_assert_cmpstr (row_subtitle (host_row), ==,
                   "api.example.com — not Thordata’s own server (openapi.thordata.com). "
                   "The account token is sent there.");
  g_assert_true (gtk_widget_has_css_class (host_row, "warning"));

  /* A refused address typed and applied: not saved, said next to the
   * field, the text kept. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://openapi.thordata.com@evil.example/api");
  g_signal_emit_by_name (url_row, "activate");
  assert_saved (settings, "https://API.Example.COM:8443/api");
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  g_assert_true (gtk_widget_has_css_class (host_row, "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (host_row)), ==,
                   "Address refused");
  g_assert_nonnull (strstr (row_subtitle (host_row), "contains “@”"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==,
                   "https://openapi.thordata.com@evil.example/api");

  /* Plain http to a real host: refused too. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "http://openapi.thordata.com/api");
  g_signal_emit_by_name (url_row, "activate");
  g_assert_nonnull (strstr (row_subtitle (host_row), "unencrypted"));
  assert_saved (settings, "https://API.Example.COM:8443/api");

  /* A good one is saved, and the row follows. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://openapi.thordata.com/api");
  g_signal_emit_by_name (url_row, "activate");
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));
  g_assert_cmpstr (row_subtitle (host_row), ==, "openapi.thordata.com, Thordata’s own server");

  /* A refused value that reached the setting some other way (dconf):
   * nothing is contacted, and the row says so. */
  g_settings_set_string (settings, "api-base-url", "http://evil.example/api");
  g_assert_true (g_str_has_prefix (row_subtitle (host_row), "None: the saved address is refused."));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "api-base-url");
  td_test_ui_flush ();
}

static void
assert_ip_check_saved (GSettings  *settings,
                       const char *expected)
{
  g_autofree char *saved = g_settings_get_string (settings, "ip-check-url");

  g_assert_cmpstr (saved, ==, expected);
}

/* The IP-check address in Preferences: its own rules (no token goes
 * there, so http:// is fine), a refused address said next to the field,
 * kept as typed and not saved; the default back with one button. */
static void
test_preferences_ip_check (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  TdPreferencesWindow *window;
  GtkWidget *url_row;
  GtkWidget *error_row;

  g_settings_reset (settings, "ip-check-url");
  window = td_preferences_window_new (NULL, settings, credentials, NULL, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  url_row = td_test_ui_child (window, TD_TYPE_PREFERENCES_WINDOW, "ip_check_url_entry");
  error_row = td_test_ui_child (window, TD_TYPE_PREFERENCES_WINDOW, "ip_check_error_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, "https://ipinfo.thordata.com");
  g_assert_false (gtk_widget_get_visible (error_row));

  /* A login in the address: refused, said, kept. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://me:secret1@ip.example.com/json");
  g_signal_emit_by_name (url_row, "activate");
  assert_ip_check_saved (settings, "https://ipinfo.thordata.com");
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  g_assert_true (gtk_widget_get_visible (error_row));
  g_assert_nonnull (strstr (row_subtitle (error_row), "“@”"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==,
                   "https://me:secret1@ip.example.com/json");

  /* Not a web address. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "ftp://ip.example.com/");
  g_signal_emit_by_name (url_row, "activate");
  g_assert_nonnull (strstr (row_subtitle (error_row), "https://"));
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://ip example.com/");
  g_signal_emit_by_name (url_row, "activate");
  g_assert_nonnull (strstr (row_subtitle (error_row), "space"));
  assert_ip_check_saved (settings, "https://ipinfo.thordata.com");

  /* Plain http:// to any host, with a query: saved, the message gone. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), " http://ip.example.com/json?fields=ip ");
  g_signal_emit_by_name (url_row, "activate");
  assert_ip_check_saved (settings, "http://ip.example.com/json?fields=ip");
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));
  g_assert_false (gtk_widget_get_visible (error_row));

  /* Back to the default. */
  gtk_widget_activate_action (GTK_WIDGET (window), "prefs.reset-ip-check-url", NULL);
  assert_ip_check_saved (settings, "https://ipinfo.thordata.com");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, "https://ipinfo.thordata.com");

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "ip-check-url");
  td_test_ui_flush ();
}

static void
test_preferences_override (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  TdPreferencesWindow *window;
  GtkWidget *host_row;

  /* --api-url wins over the setting: its host is the one named. */
  g_settings_reset (settings, "api-base-url");
  window = td_preferences_window_new (NULL, settings, credentials,
                                      "http://127.0.0.1:8080/api", FALSE);
  host_row = td_test_ui_child (window, TD_TYPE_PREFERENCES_WINDOW, "api_host_row");
  g_assert_true (g_str_has_prefix (row_subtitle (host_row), "127.0.0.1 — not Thordata’s own"));
  gtk_window_destroy (GTK_WINDOW (window));
  td_test_ui_flush ();
}

static void
test_window_banner (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(TdApiClient) client = td_api_client_new (TD_DEFAULT_API_URL);
  g_autoptr(TdAccount) account = td_account_new (client, credentials, settings, FALSE);
  TdWindow *window;
  GtkWidget *revealer;
  GtkWidget *label;

  window = td_window_new (NULL, account);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  revealer = td_test_ui_child (window, TD_TYPE_WINDOW, "host_revealer");
  label = td_test_ui_child (window, TD_TYPE_WINDOW, "host_label");

  /* Thordata's own: no banner. */
  g_assert_false (gtk_widget_get_visible (revealer));

  td_api_client_set_base_url (client, "https://api.example.com/api");
  g_assert_true (gtk_widget_get_visible (revealer));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "The account token is sent to api.example.com, which is not Thordata’s own "
                   "server (openapi.thordata.com).");
  /* Plain text: nothing of the address is read as markup. */
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));

  td_api_client_set_base_url (client, "https://openapi.thordata.com./api");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)),
                                   "Nothing is sent: the API address is refused."));

  td_api_client_set_base_url (client, TD_DEFAULT_API_URL);
  g_assert_false (gtk_widget_get_visible (revealer));

  gtk_window_destroy (GTK_WINDOW (window));
  td_test_ui_flush ();
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

  g_test_add_func ("/api-host/preferences", test_preferences_host);
  g_test_add_func ("/api-host/preferences-override", test_preferences_override);
  g_test_add_func ("/api-host/preferences-ip-check", test_preferences_ip_check);
  g_test_add_func ("/api-host/window-banner", test_window_banner);

  return g_test_run ();
}
