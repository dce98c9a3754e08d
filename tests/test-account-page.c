/* test-account-page.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The account page in a plain window, under Xvfb, against a loopback
 * server (td-test-account-server) and the real keyring. */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "td-account-list.h"
#include "td-accessible.h"
#include "td-account-page.h"
#include "td-application.h"
#include "td-credentials.h"
#include "td-error-help.h"
#include "td-test-account-server.h"
#include "td-test-ui.h"
#include "td-usage-chart.h"

#define TEST_TOKEN    "TokPage5Vb2"
#define AGENCY_TOKEN  "TokAgency8Rd"
#define AGENCY_KEY    "KeyAgency3Vw"

typedef struct
{
  TdTestAccountServer *server;
  TdApiClient         *client;
  TdCredentials       *credentials;
  GSettings           *settings;
  TdAccount           *account;
  GtkWindow           *window;
  TdAccountPage       *page;
} Fixture;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return td_test_ui_child (fixture->page, TD_TYPE_ACCOUNT_PAGE, name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  int days_left = GPOINTER_TO_INT (data);

  fixture->server = td_test_account_server_new ();
  td_test_account_server_set_token (fixture->server, TEST_TOKEN);
  td_test_account_server_set_days_left (fixture->server, days_left != 0 ? days_left : 30);

  fixture->client = td_api_client_new (td_test_account_server_get_base_url (fixture->server));
  td_api_client_set_credentials (fixture->client, TEST_TOKEN, NULL);
  fixture->credentials = td_credentials_new ();
  td_credentials_use_for_session (fixture->credentials, TEST_TOKEN, NULL);

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "current-account");

  fixture->account = td_account_new (fixture->client, fixture->credentials, fixture->settings,
                                     FALSE);

  fixture->page = g_object_new (TD_TYPE_ACCOUNT_PAGE,
                                "account", fixture->account,
                                "ip-check-url",
                                td_test_account_server_get_ip_check_url (fixture->server),
                                NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 360, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->credentials);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->server, td_test_account_server_free);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static const char *
subtitle (Fixture    *fixture,
          const char *name)
{
  const char *text = adw_action_row_get_subtitle (ADW_ACTION_ROW (child (fixture, name)));

  return text != NULL ? text : "";
}

static gboolean
page_busy (Fixture *fixture)
{
  return td_page_get_busy (TD_PAGE (fixture->page));
}

static guint
n_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row) &&
        ADW_IS_PREFERENCES_ROW (row))
      n++;

  return n;
}

/* The first button in @row whose accessible label starts with @prefix:
 * rows carry their buttons as suffixes. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwMessageDialog *
wait_dialog (void)
{
  GtkWindow *dialog = NULL;

  WAIT_UNTIL ((dialog = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  return ADW_MESSAGE_DIALOG (dialog);
}

static void
test_balance (Fixture       *fixture,
              gconstpointer  data)
{
  WAIT_UNTIL (!page_busy (fixture) && strlen (subtitle (fixture, "wallet_row")) > 0);

  /* 10000 MB, binary units. */
  g_assert_cmpstr (subtitle (fixture, "traffic_row"), ==, "9.8 GB");
  g_assert_nonnull (strstr (subtitle (fixture, "expiration_row"), "5 days left"));
  g_assert_nonnull (strstr (subtitle (fixture, "expiration_row"), "Renew the package soon"));
  g_assert_true (gtk_widget_get_visible (child (fixture, "expiration_icon")));
  g_assert_cmpstr (subtitle (fixture, "wallet_row"), ==, "800.00 USD");
  g_assert_false (gtk_widget_get_visible (child (fixture, "balance_error")));

  /* 7 days of 2048 KB. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "usage_label"))), ==,
                   "14.0 MB used in the last 7 days.");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/usage-statistics",
                                                     "token"), ==, TEST_TOKEN);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture, "days_30_button")), TRUE);
  WAIT_UNTIL (!page_busy (fixture) &&
              g_str_has_suffix (gtk_label_get_label (GTK_LABEL (child (fixture, "usage_label"))),
                                "30 days."));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "usage_label"))), ==,
                   "60.0 MB used in the last 30 days.");
  g_assert_nonnull (strstr (td_usage_chart_get_summary (TD_USAGE_CHART (child (fixture, "chart"))),
                            "30"));
}

static void
test_balance_far (Fixture       *fixture,
                  gconstpointer  data)
{
  WAIT_UNTIL (!page_busy (fixture) && strlen (subtitle (fixture, "expiration_row")) > 0);

  g_assert_nonnull (strstr (subtitle (fixture, "expiration_row"), "30 days left"));
  g_assert_null (strstr (subtitle (fixture, "expiration_row"), "Renew"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "expiration_icon")));
}

static void
test_balance_error (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *label = child (fixture, "balance_error");

  td_test_account_server_set_body (fixture->server, "/traffic-balance",
                                   "{\"code\":10013,\"data\":null,\"msg\":\"sign error\"}");
  td_page_refresh (TD_PAGE (fixture->page));
  WAIT_UNTIL (!page_busy (fixture) && gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "10013"));
}

/* An address Thordata refused as JSON (code 10000): said next to the
 * field with an offer; nothing sent again until it is pressed; then the
 * same address, once, as form fields, and the account keeps the choice. */
static void
test_whitelist_form_fields (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *list = child (fixture, "whitelist_list");
  GtkWidget *entry = child (fixture, "address_entry");
  GtkLabel *message = GTK_LABEL (child (fixture, "address_message"));
  GtkWidget *offer;
  g_autofree char *encoding = NULL;
  guint n_requests;

  g_settings_reset (fixture->settings, "request-encoding");
  td_test_account_server_set_form_only (fixture->server, TRUE);
  WAIT_UNTIL (!page_busy (fixture));

  gtk_editable_set_text (GTK_EDITABLE (entry), "93.184.216.35");
  gtk_widget_activate (child (fixture, "add_button"));
  WAIT_UNTIL (!page_busy (fixture) && gtk_widget_get_visible (child (fixture, "address_message_row")));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "Nothing was done"));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "(code 10000)"));
  offer = td_error_help_get_form_offer_button (message);
  g_assert_nonnull (offer);
  WAIT_UNTIL (gtk_widget_get_mapped (offer));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "93.184.216.35");
  g_assert_cmpuint (td_test_account_server_count_addresses (fixture->server, 1), ==, 0);

  n_requests = td_test_account_server_count_requests (fixture->server, "/add-ip");
  g_assert_cmpuint (n_requests, ==, 1);
  td_test_ui_flush ();
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, "/add-ip"), ==, 1);
  encoding = g_settings_get_string (fixture->settings, "request-encoding");
  g_assert_cmpstr (encoding, ==, "json");
  g_clear_pointer (&encoding, g_free);

  g_signal_emit_by_name (offer, "clicked");
  WAIT_UNTIL (!page_busy (fixture) && n_rows (list) == 1);
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, "/add-ip"), ==, 2);
  g_assert_cmpstr (td_test_account_server_get_content_type (fixture->server, "/add-ip"),
                   ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "ip"), ==,
                   "93.184.216.35");
  g_assert_cmpuint (td_test_account_server_count_addresses (fixture->server, 1), ==, 1);
  g_assert_false (gtk_widget_get_visible (offer));
  encoding = g_settings_get_string (fixture->settings, "request-encoding");
  g_assert_cmpstr (encoding, ==, "form");
  g_settings_reset (fixture->settings, "request-encoding");
}

static void
test_whitelist (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *list = child (fixture, "whitelist_list");
  GtkWidget *entry = child (fixture, "address_entry");
  GtkWidget *add = child (fixture, "add_button");
  GtkWidget *message_row = child (fixture, "address_message_row");
  GtkLabel *message = GTK_LABEL (child (fixture, "address_message"));
  AdwMessageDialog *dialog;
  GtkWidget *delete_button;

  td_test_account_server_add_address (fixture->server, 9, "1.1.1.1");
  WAIT_UNTIL (!page_busy (fixture));
  g_assert_cmpuint (n_rows (list), ==, 0);

  /* Mobile: the whitelist's type 9. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "type_row")), 2);
  WAIT_UNTIL (!page_busy (fixture) && n_rows (list) == 1);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/ip-list", "proxy_type"),
                   ==, "9");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "quota_label"))), ==,
                   "1 of 5 addresses used");

  /* Checked as it is typed: nothing shouts while it may still become
   * an address; a wrong one says why, next to the field. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "93.184.");
  g_assert_false (gtk_widget_get_visible (message_row));
  g_assert_false (gtk_widget_get_sensitive (add));

  gtk_editable_set_text (GTK_EDITABLE (entry), "2001:db8::1");
  g_assert_true (gtk_widget_get_visible (message_row));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "IPv6"));
  g_assert_false (gtk_widget_get_sensitive (add));

  gtk_editable_set_text (GTK_EDITABLE (entry), "8.8.8.0/24");
  g_assert_nonnull (strstr (gtk_label_get_label (message), "not ranges"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "192.168.1.20");
  g_assert_true (gtk_widget_get_visible (message_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "192.168.1.20");

  gtk_editable_set_text (GTK_EDITABLE (entry), "93.184.216.35");
  g_assert_false (gtk_widget_get_visible (message_row));
  g_assert_true (gtk_widget_get_sensitive (add));

  /* Enter in the field adds it, as the button does. */
  g_signal_emit_by_name (entry, "activate");
  WAIT_UNTIL (!page_busy (fixture) && n_rows (list) == 2);
  g_assert_cmpuint (td_test_account_server_count_addresses (fixture->server, 9), ==, 2);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "ip"), ==,
                   "93.184.216.35");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "quota_label"))), ==,
                   "2 of 5 addresses used");

  /* Delete asks first; Cancel deletes nothing. */
  delete_button = find_button (list, "Delete");
  g_assert_nonnull (delete_button);
  gtk_widget_activate (delete_button);
  dialog = wait_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "1.1.1.1"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  td_test_ui_flush ();
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, "/delete-ip"), ==, 0);

  gtk_widget_activate (delete_button);
  dialog = wait_dialog ();
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_UNTIL (!page_busy (fixture) && n_rows (list) == 1);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/delete-ip", "ip"), ==,
                   "1.1.1.1");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/delete-ip", "proxy_type"),
                   ==, "9");

  /* A server error stays next to the field with what was typed. */
  td_test_account_server_set_body (fixture->server, "/add-ip",
                                   "{\"code\":10011,\"data\":null,\"msg\":\"Frequent\"}");
  gtk_editable_set_text (GTK_EDITABLE (entry), "93.184.216.36");
  gtk_widget_activate (add);
  WAIT_UNTIL (!page_busy (fixture) && gtk_widget_get_visible (message_row));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "10011"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "93.184.216.36");
}

static void
test_add_this_computer (Fixture       *fixture,
                        gconstpointer  data)
{
  AdwMessageDialog *dialog;

  WAIT_UNTIL (!page_busy (fixture));

  gtk_widget_activate (child (fixture, "add_this_button"));
  dialog = wait_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), TD_TEST_PUBLIC_ADDRESS));
  /* Asked directly, without the account's token. */
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, "/ip"), ==, 1);
  g_assert_null (td_test_account_server_get_param (fixture->server, "/ip", "token"));
  /* Nothing added before the admin confirms. */
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, "/add-ip"), ==, 0);

  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_UNTIL (!page_busy (fixture) &&
              td_test_account_server_count_addresses (fixture->server, 1) == 1 &&
              n_rows (child (fixture, "whitelist_list")) == 1);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "ip"), ==,
                   TD_TEST_PUBLIC_ADDRESS);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "proxy_type"),
                   ==, "1");
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *
dup_stored_token (const char  *account,
                  char       **key)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new_for_account (account);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  td_credentials_load_async (credentials, NULL, store_result, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (td_credentials_load_finish (credentials, result, &error));
  g_assert_no_error (error);

  if (key != NULL)
    *key = g_strdup (td_credentials_get_key (credentials));
  return g_strdup (td_credentials_get_token (credentials));
}

static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *list = child (fixture, "accounts_list");
  GtkWidget *add = child (fixture, "add_account_button");
  g_auto(GStrv) ids = NULL;
  g_autofree char *token = NULL;
  g_autofree char *key = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *remove_button;

  WAIT_UNTIL (!page_busy (fixture));
  g_assert_cmpuint (n_rows (list), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (add));

  /* A name already taken is refused next to the field. */
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "account_name_entry")), "Main account");
  g_assert_true (gtk_widget_get_visible (child (fixture, "account_message_row")));
  g_assert_false (gtk_widget_get_sensitive (add));

  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "account_name_entry")), "Agency");
  g_assert_false (gtk_widget_get_visible (child (fixture, "account_message_row")));
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "account_token_entry")), AGENCY_TOKEN);
  g_assert_true (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "account_key_entry")), AGENCY_KEY);

  gtk_widget_activate (add);
  WAIT_UNTIL (!page_busy (fixture) && n_rows (list) == 2);
  ids = td_account_list_dup_ids (fixture->settings);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  token = dup_stored_token (ids[1], &key);
  g_assert_cmpstr (token, ==, AGENCY_TOKEN);
  g_assert_cmpstr (key, ==, AGENCY_KEY);
  g_clear_pointer (&token, g_free);
  g_assert_cmpstr (td_accessible_get_secret (child (fixture, "account_token_entry")),
                   ==, "");
  g_assert_cmpstr (td_accessible_get_secret (child (fixture, "account_key_entry")),
                   ==, "");

  /* Remove asks first, then deletes the keyring items. */
  remove_button = find_button (list, "Remove");
  g_assert_nonnull (remove_button);
  gtk_widget_activate (remove_button);
  dialog = wait_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Agency"));
  adw_message_dialog_response (dialog, "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_UNTIL (!page_busy (fixture) && n_rows (list) == 1);
  token = dup_stored_token (ids[1], NULL);
  g_assert_null (token);
}

/* app.switch-account: a new TdAccount with that account's own token. */
static void
test_switch_account (void)
{
  g_autoptr(TdApplication) app = td_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TdCredentials) agency = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *current = NULL;
  g_autoptr(TdAccount) before = NULL;
  g_autoptr(TdAccount) after = NULL;

  g_settings_reset (settings, "accounts");
  g_settings_reset (settings, "current-account");
  id = td_account_list_add (settings, "Agency");

  agency = td_credentials_new_for_account (id);
  td_credentials_store_async (agency, AGENCY_TOKEN, NULL, NULL, store_result, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (td_credentials_store_finish (agency, result, &error));

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* Held here: the application drops it when it switches. */
  before = g_object_ref (td_application_get_account (app));
  g_assert_nonnull (before);
  g_assert_null (td_credentials_get_account (td_account_get_credentials (before)));

  /* An unknown id changes nothing. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "switch-account",
                                  g_variant_new_string ("account-unknown"));
  td_test_ui_flush ();
  g_assert_true (td_application_get_account (app) == before);

  g_action_group_activate_action (G_ACTION_GROUP (app), "switch-account",
                                  g_variant_new_string (id));
  WAIT_UNTIL (td_application_get_account (app) != before);
  after = g_object_ref (td_application_get_account (app));
  g_assert_cmpstr (td_credentials_get_account (td_account_get_credentials (after)), ==, id);
  g_assert_cmpstr (td_credentials_get_token (td_account_get_credentials (after)), ==,
                   AGENCY_TOKEN);
  g_assert_true (td_account_get_client (after) != td_account_get_client (before));
  g_assert_true (td_api_client_has_token (td_account_get_client (after)));
  current = td_account_list_dup_current (settings);
  g_assert_cmpstr (current, ==, id);
  g_clear_pointer (&current, g_free);

  /* And back to the default account. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "switch-account",
                                  g_variant_new_string (""));
  WAIT_UNTIL (td_application_get_account (app) != after);
  g_assert_null (td_credentials_get_account (td_account_get_credentials (td_application_get_account (app))));
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (app),
                                                                 "switch-account");

    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

#define ADD(path, func, days) \
  g_test_add (path, Fixture, GINT_TO_POINTER (days), fixture_set_up, func, fixture_tear_down)

  ADD ("/account-page/balance", test_balance, 5);
  ADD ("/account-page/balance-far", test_balance_far, 30);
  ADD ("/account-page/balance-error", test_balance_error, 30);
  ADD ("/account-page/whitelist", test_whitelist, 30);
  ADD ("/account-page/whitelist-form-fields", test_whitelist_form_fields, 30);
  ADD ("/account-page/add-this-computer", test_add_this_computer, 30);
  ADD ("/account-page/accounts", test_accounts, 30);

#undef ADD

  g_test_add_func ("/account-page/switch-account", test_switch_account);

  return g_test_run ();
}
