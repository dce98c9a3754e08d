/* test-form-fields.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Send as Form Fields" through the Create page, under Xvfb, against a
 * loopback server (td-test-account-server) that reads form fields only:
 * a create sent as JSON is answered with code 10000 and nothing is done. */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "td-create-page.h"
#include "td-error-help.h"
#include "td-result-card.h"
#include "td-test-account-server.h"
#include "td-test-ui.h"
#include "td-user-edit-dialog.h"
#include "td-user-form.h"
#include "td-window.h"

#define TOKEN    "TokForm4Qx9"
#define USERNAME "formuser7"
#define PASSWORD "Secret7pass"
#define CREATE   "/proxy-users/create-user"
#define UPDATE   "/proxy-users/update-user"

typedef struct
{
  TdTestAccountServer *server;
  TdTestWindow         w;
} Fixture;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return td_test_page_child (fixture->w.page, name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = td_test_account_server_new ();
  td_test_account_server_set_token (fixture->server, TOKEN);
  td_test_account_server_set_form_only (fixture->server, TRUE);

  td_test_window_set_up (&fixture->w, td_test_account_server_get_base_url (fixture->server),
                         TOKEN, NULL, FALSE);
  td_api_client_set_credentials (fixture->w.client, TOKEN, NULL);
  g_settings_reset (fixture->w.settings, "request-encoding");
  td_test_window_open_page (&fixture->w, TD_TYPE_CREATE_PAGE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_settings_reset (fixture->w.settings, "request-encoding");
  td_test_window_tear_down (&fixture->w);
  g_clear_pointer (&fixture->server, td_test_account_server_free);
}

static gboolean
page_busy (Fixture *fixture)
{
  return td_page_get_busy (TD_PAGE (fixture->w.page));
}

static void
create_and_wait (Fixture *fixture)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "username_entry")), USERNAME);
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "password_entry")), PASSWORD);
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "limit_entry")), "750");
  g_assert_true (gtk_widget_activate_action (fixture->w.page, "create.create", NULL));
  g_assert_true (page_busy (fixture));
  WAIT_UNTIL (!page_busy (fixture) &&
              (gtk_widget_get_visible (child (fixture, "result_card")) ||
               gtk_widget_get_sensitive (child (fixture, "create_button"))));
}

static GtkWidget *
offer_button (Fixture *fixture)
{
  return td_error_help_get_form_offer_button (GTK_LABEL (child (fixture, "error_label")));
}

static gboolean
offered (Fixture *fixture)
{
  GtkWidget *button = offer_button (fixture);

  return button != NULL && gtk_widget_get_visible (button) && gtk_widget_get_mapped (button);
}

static void
test_offer (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *encoding = NULL;
  const char *message;
  GtkWidget *button;

  create_and_wait (fixture);

  /* Said in words, with the code; nothing was done. */
  g_assert_true (gtk_widget_get_visible (child (fixture, "error_revealer")));
  WAIT_UNTIL (gtk_widget_get_mapped (child (fixture, "error_label")));
  message = gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
  g_assert_nonnull (strstr (message, "refused the request"));
  g_assert_nonnull (strstr (message, "Nothing was done"));
  g_assert_nonnull (strstr (message, "(code 10000)"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "result_card")));
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, CREATE), ==, 1);
  g_assert_cmpstr (td_test_account_server_get_content_type (fixture->server, CREATE),
                   ==, "application/json");

  /* Offered, and nothing sent until it is pressed: no silent switch. */
  WAIT_UNTIL (offered (fixture));
  button = offer_button (fixture);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Send as Form Fields");
  g_assert_true (gtk_widget_get_sensitive (button));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, ""), ==, 1);
  g_assert_cmpint (td_api_client_get_encoding (fixture->w.client), ==, TD_REQUEST_ENCODING_JSON);
  encoding = g_settings_get_string (fixture->w.settings, "request-encoding");
  g_assert_cmpstr (encoding, ==, "json");
  g_clear_pointer (&encoding, g_free);

  /* Even with the form changed since, the same request goes once more. */
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "username_entry")), "otheruser1");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (page_busy (fixture));
  WAIT_UNTIL (!page_busy (fixture));

  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, CREATE), ==, 2);
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, ""), ==, 2);
  g_assert_cmpstr (td_test_account_server_get_content_type (fixture->server, CREATE),
                   ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, CREATE, "username"),
                   ==, USERNAME);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, CREATE, "password"),
                   ==, PASSWORD);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, CREATE, "token"),
                   ==, TOKEN);

  /* Created, the offer gone, and the choice kept for the account. */
  g_assert_false (gtk_widget_get_visible (child (fixture, "error_revealer")));
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_visible (child (fixture, "result_card")));
  g_assert_cmpstr (td_result_card_get_login (TD_RESULT_CARD (child (fixture, "result_card"))),
                   ==, "td-customer-" USERNAME);
  encoding = g_settings_get_string (fixture->w.settings, "request-encoding");
  g_assert_cmpstr (encoding, ==, "form");
  g_assert_cmpint (td_api_client_get_encoding (fixture->w.client), ==, TD_REQUEST_ENCODING_FORM);

  /* The next create goes as form fields at once. */
  create_and_wait (fixture);
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, CREATE), ==, 3);
  g_assert_cmpstr (td_test_account_server_get_content_type (fixture->server, CREATE),
                   ==, "application/x-www-form-urlencoded");
  g_assert_false (gtk_widget_get_visible (child (fixture, "error_revealer")));
}

/* A create whose outcome is unknown (a 5xx) is never offered again. */
static void
test_unknown_not_offered (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *encoding = NULL;

  td_test_account_server_fail_next (fixture->server, 502);
  create_and_wait (fixture);

  g_assert_true (gtk_widget_get_visible (child (fixture, "error_revealer")));
  WAIT_UNTIL (gtk_widget_get_mapped (child (fixture, "error_label")));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (child (fixture, "error_label"))),
                         "(code 10000)"));
  g_assert_false (offered (fixture));
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, CREATE), ==, 1);
  g_assert_false (gtk_widget_activate_action (fixture->w.page, "create.send-as-form-fields", NULL) &&
                  td_test_account_server_count_requests (fixture->server, CREATE) != 1);
  td_test_ui_flush ();
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, CREATE), ==, 1);
  encoding = g_settings_get_string (fixture->w.settings, "request-encoding");
  g_assert_cmpstr (encoding, ==, "json");
}

static GtkWidget *
edit_child (GtkWidget  *dialog,
            const char *name)
{
  GtkWidget *widget = GTK_WIDGET (gtk_widget_get_template_child (dialog, TD_TYPE_USER_EDIT_DIALOG,
                                                                 name));

  if (widget == NULL)
    widget = GTK_WIDGET (gtk_widget_get_template_child (edit_child (dialog, "form"),
                                                        TD_TYPE_USER_FORM, name));
  g_assert_nonnull (widget);
  return widget;
}

/* The edit dialog: a change refused as JSON is said with the offer;
 * nothing goes again until it is pressed; then the same change, once,
 * as form fields, and the account keeps the choice. */
static void
test_edit_offer (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new_full (TD_PROXY_TYPE_RESIDENTIAL, USERNAME,
                                                        PASSWORD, 1024, TRUE);
  g_autofree char *encoding = NULL;
  GtkWidget *dialog;
  GtkWidget *button = NULL;
  GtkWindow *parent;
  GtkLabel *label;

  td_test_account_server_set_body (fixture->server, "/update-user",
                                   "{\"code\":200,\"data\":{},\"msg\":\"ok\"}");
  /* In a window of the app, as from the Users page: its account is the
   * one that keeps the choice. */
  parent = GTK_WINDOW (td_window_new (NULL, fixture->w.account));
  dialog = GTK_WIDGET (td_user_edit_dialog_new (parent, fixture->w.client, user));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  label = GTK_LABEL (edit_child (dialog, "error_label"));

  gtk_editable_set_text (GTK_EDITABLE (edit_child (dialog, "limit_entry")), "2");
  g_assert_true (gtk_widget_activate_action (dialog, "edit.save", NULL));
  WAIT_UNTIL (gtk_widget_get_visible (edit_child (dialog, "error_revealer")) &&
              gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "(code 10000)"));
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, UPDATE), ==, 1);

  WAIT_UNTIL ((button = td_error_help_get_form_offer_button (label)) != NULL &&
              gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Send as Form Fields");
  td_test_ui_flush ();
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, ""), ==, 1);
  encoding = g_settings_get_string (fixture->w.settings, "request-encoding");
  g_assert_cmpstr (encoding, ==, "json");
  g_clear_pointer (&encoding, g_free);

  g_signal_emit_by_name (button, "clicked");
  WAIT_UNTIL (dialog == NULL);
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, UPDATE), ==, 2);
  g_assert_cmpstr (td_test_account_server_get_content_type (fixture->server, UPDATE),
                   ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, UPDATE, "username"),
                   ==, USERNAME);
  encoding = g_settings_get_string (fixture->w.settings, "request-encoding");
  g_assert_cmpstr (encoding, ==, "form");
  gtk_window_destroy (parent);
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

  g_test_add ("/form-fields/create-offer", Fixture, NULL, fixture_set_up, test_offer,
              fixture_tear_down);
  g_test_add ("/form-fields/edit-offer", Fixture, NULL, fixture_set_up, test_edit_offer,
              fixture_tear_down);
  g_test_add ("/form-fields/unknown-not-offered", Fixture, NULL, fixture_set_up,
              test_unknown_not_offered, fixture_tear_down);

  return g_test_run ();
}
