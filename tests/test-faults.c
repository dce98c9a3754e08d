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

#include "td-api-client.h"
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

/* What the window adds under an error after which the user may exist. */
#define MAY_EXIST \
  "\nThe user may have been created anyway. Check the list of users in the Thordata " \
  "dashboard before trying again."

typedef struct
{
  TdTestFaultServer *server;
  TdApiClient       *client;
  TdCredentials     *credentials;
  GSettings         *settings;
  TdWindow          *window;
} Fixture;

/* One way for the server to fail, and what the user must read then. */
typedef struct
{
  TdTestFault  fault;
  gboolean     https;
  const char  *expected;
  /* Requests that reach create-user: 0 when refused before (TLS). */
  guint        n_creates;
} FaultCase;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return td_test_ui_child (fixture->window, TD_TYPE_WINDOW, name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const FaultCase *fault_case = data;

  fixture->server = td_test_fault_server_new (fault_case != NULL && fault_case->https);

  fixture->client = td_api_client_new (td_test_fault_server_get_base_url (fixture->server));
  fixture->credentials = td_credentials_new ();
  td_credentials_use_for_session (fixture->credentials, TOKEN, KEY);

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "proxy-type");
  g_settings_reset (fixture->settings, "traffic-unit");

  /* Sandbox mode: the window reads no keyring, which these cases do not
   * test.  The requests still go to the fault server. */
  fixture->window = td_window_new (NULL, fixture->client, fixture->credentials,
                                   fixture->settings, TRUE);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->credentials);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->server);

  td_test_ui_flush ();
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
  return gtk_editable_get_text (GTK_EDITABLE (child (fixture, name)));
}

/* Fills the form with values that differ from every default. */
static void
fill_form (Fixture *fixture)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "proxy_type_row")), 1);
  set_text (fixture, "username_row", USERNAME);
  set_text (fixture, "password_row", PASSWORD);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "unit_dropdown")), 0);
  set_text (fixture, "limit_row", LIMIT);
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "enabled_switch")), FALSE);
}

static void
assert_form_kept (Fixture *fixture)
{
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (fixture, "proxy_type_row"))),
                    ==, 1);
  g_assert_cmpstr (get_text (fixture, "username_row"), ==, USERNAME);
  g_assert_cmpstr (get_text (fixture, "password_row"), ==, PASSWORD);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (fixture, "unit_dropdown"))),
                    ==, 0);
  g_assert_cmpstr (get_text (fixture, "limit_row"), ==, LIMIT);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (fixture, "enabled_switch"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (fixture, "unlimited_switch"))));
}

/* Nothing in flight, and every control works again. */
static void
assert_usable (Fixture *fixture)
{
  g_assert_false (td_window_get_busy (fixture->window));
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "form_list")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "button_stack"))),
                   ==, "idle");
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (child (fixture, "spinner"))));
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "create_button")));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "cancel_button")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "result_card")));
}

static const char *
shown_error (Fixture *fixture)
{
  g_assert_true (gtk_widget_get_visible (child (fixture, "error_revealer")));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (fixture, "error_revealer"))));

  return gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
}

static void
create_and_wait (Fixture *fixture)
{
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "create_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.create", NULL);
  g_assert_true (td_window_get_busy (fixture->window));
  WAIT_UNTIL (!td_window_get_busy (fixture->window));
}

/* After the fault, the same form goes through once the server behaves:
 * the window really is usable again. */
static void
assert_create_works_again (Fixture *fixture)
{
  g_autofree char *toast = NULL;

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

  td_test_fault_server_set_fault (fixture->server, fault_case->fault);
  td_api_client_set_timeout (fixture->client, 1);

  fill_form (fixture);
  create_and_wait (fixture);

  g_assert_cmpstr (shown_error (fixture), ==, fault_case->expected);
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
  "Thordata’s server had a problem (HTTP 500). The request may have reached Thordata."
  MAY_EXIST,
  1,
};

static const FaultCase fault_truncated = {
  TD_TEST_FAULT_TRUNCATED, FALSE,
  "The connection to 127.0.0.1 was cut before Thordata answered. The request may have "
  "reached Thordata.",
  1,
};

static const FaultCase fault_truncated_chunked = {
  TD_TEST_FAULT_TRUNCATED_CHUNKED, FALSE,
  "The connection to 127.0.0.1 was cut before Thordata answered. The request may have "
  "reached Thordata.",
  1,
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
  "Thordata did not answer within 1 second. The request may have reached Thordata."
  MAY_EXIST,
  1,
};

static const FaultCase fault_reset = {
  TD_TEST_FAULT_RESET, FALSE,
  "The connection to 127.0.0.1 was cut before Thordata answered. The request may have "
  "reached Thordata.",
  1,
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

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

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

#undef ADD

  return g_test_run ();
}
