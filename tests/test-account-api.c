/* test-account-api.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "td-account.h"
#include "td-account-list.h"
#include "td-api-client.h"
#include "td-balance.h"
#include "td-error.h"
#include "td-json.h"
#include "td-sandbox.h"
#include "td-sandbox-account-api.h"
#include "td-test-account-server.h"
#include "td-whitelist.h"

#define TEST_TOKEN "TokAccount8Hq"
#define TEST_KEY   "KeyAccount3Lm"

static JsonNode *
load (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = td_json_load (text, strlen (text), &error);

  g_assert_no_error (error);
  return node;
}

/* The type table */

static void
test_whitelist_types (void)
{
  static const struct { TdProxyType user; int whitelist; } expected[] = {
    { TD_PROXY_TYPE_RESIDENTIAL, 1 },
    { TD_PROXY_TYPE_UNLIMITED, 2 },
    { TD_PROXY_TYPE_MOBILE, 9 },
  };
  TdProxyType type;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpint (td_whitelist_type_from_proxy_type (expected[i].user), ==,
                       expected[i].whitelist);
      g_assert_true (td_whitelist_type_to_proxy_type (expected[i].whitelist, &type));
      g_assert_cmpint (type, ==, expected[i].user);
    }

  /* Mobile is 3 for users, never for the whitelist; 5 is the SDK enum's
   * Mobile, which no doc supports. */
  g_assert_false (td_whitelist_type_to_proxy_type (3, &type));
  g_assert_false (td_whitelist_type_to_proxy_type (5, &type));
  g_assert_false (td_whitelist_type_to_proxy_type (0, &type));
  g_assert_cmpint (td_whitelist_type_from_proxy_type (5), ==, 0);
}

/* The address check */

static void
test_address_check (void)
{
  static const struct { const char *text; TdAddressCheck check; const char *canonical; } cases[] = {
    { "", TD_ADDRESS_CHECK_EMPTY, NULL },
    { "   ", TD_ADDRESS_CHECK_EMPTY, NULL },
    { "8", TD_ADDRESS_CHECK_INCOMPLETE, NULL },
    { "8.8.", TD_ADDRESS_CHECK_INCOMPLETE, NULL },
    { "8.8.8", TD_ADDRESS_CHECK_INCOMPLETE, NULL },
    { "8.8.8.8", TD_ADDRESS_CHECK_VALID, "8.8.8.8" },
    { " 93.184.216.34\n", TD_ADDRESS_CHECK_VALID, "93.184.216.34" },
    { "255.255.255.255", TD_ADDRESS_CHECK_INVALID, NULL },
    { "8.8.8.256", TD_ADDRESS_CHECK_INVALID, NULL },
    { "8.8.8.8.8", TD_ADDRESS_CHECK_INVALID, NULL },
    { "08.8.8.8", TD_ADDRESS_CHECK_INVALID, NULL },
    { "8..8.8", TD_ADDRESS_CHECK_INVALID, NULL },
    { ".8.8.8", TD_ADDRESS_CHECK_INVALID, NULL },
    { "8.8.8.8.", TD_ADDRESS_CHECK_INVALID, NULL },
    { "a.b.c.d", TD_ADDRESS_CHECK_INVALID, NULL },
    { "8.8.8.8x", TD_ADDRESS_CHECK_INVALID, NULL },
    { "10.1.2.3", TD_ADDRESS_CHECK_INVALID, NULL },
    { "192.168.1.1", TD_ADDRESS_CHECK_INVALID, NULL },
    { "172.20.0.1", TD_ADDRESS_CHECK_INVALID, NULL },
    { "172.32.0.1", TD_ADDRESS_CHECK_VALID, "172.32.0.1" },
    { "127.0.0.1", TD_ADDRESS_CHECK_INVALID, NULL },
    { "0.0.0.0", TD_ADDRESS_CHECK_INVALID, NULL },
    { "224.0.0.1", TD_ADDRESS_CHECK_INVALID, NULL },
    { "100.64.0.1", TD_ADDRESS_CHECK_INVALID, NULL },
    { "100.128.0.1", TD_ADDRESS_CHECK_VALID, "100.128.0.1" },
    { "4294967295", TD_ADDRESS_CHECK_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *address = NULL;
      g_autofree char *message = NULL;
      TdAddressCheck check;

      check = td_whitelist_check_address (cases[i].text, &address, &message);
      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (check, ==, cases[i].check);
      g_assert_cmpstr (address, ==, cases[i].canonical);
      g_assert_true ((message != NULL) == (check == TD_ADDRESS_CHECK_INVALID));
    }
}

static void
test_address_check_reasons (void)
{
  static const char * const ipv6[] = { "2001:db8::1", "::1", "::ffff:8.8.8.8", "fe80::1%eth0" };
  static const char * const ranges[] = {
    "8.8.8.0/24", "8.8.8.1-8.8.8.9", "8.8.8.*", "8.8.8.8, 1.1.1.1", "8.8.8.8 1.1.1.1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ipv6); i++)
    {
      g_autofree char *message = NULL;

      g_assert_cmpint (td_whitelist_check_address (ipv6[i], NULL, &message), ==,
                       TD_ADDRESS_CHECK_INVALID);
      g_assert_nonnull (strstr (message, "IPv6"));
      g_assert_nonnull (strstr (message, "IPv4 addresses only"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autofree char *message = NULL;

      g_assert_cmpint (td_whitelist_check_address (ranges[i], NULL, &message), ==,
                       TD_ADDRESS_CHECK_INVALID);
      g_assert_nonnull (strstr (message, "not ranges"));
    }
}

/* Random text never crashes the check; what it accepts is an address
 * GIO reads the same way, and every public dotted quad is accepted. */
static void
test_address_check_fuzz (void)
{
  static const char alphabet[] = "0123456789....:/-x ";
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint round = 0; round < 20000; round++)
    {
      char text[24];
      guint length = g_rand_int_range (rand, 0, sizeof text);
      g_autofree char *address = NULL;
      g_autofree char *message = NULL;
      TdAddressCheck check;

      for (guint i = 0; i < length; i++)
        text[i] = g_rand_boolean (rand) ? alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
                                        : (char) g_rand_int_range (rand, 1, 256);
      text[length] = '\0';

      check = td_whitelist_check_address (text, &address, &message);
      if (check == TD_ADDRESS_CHECK_VALID)
        {
          g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

          g_assert_nonnull (inet);
          g_assert_cmpint (g_inet_address_get_family (inet), ==, G_SOCKET_FAMILY_IPV4);
          g_assert_false (g_inet_address_get_is_loopback (inet));
          g_assert_false (g_inet_address_get_is_site_local (inet));
          g_assert_null (message);
        }
    }

  for (guint round = 0; round < 20000; round++)
    {
      guint8 b[4];
      g_autofree char *text = NULL;
      g_autofree char *address = NULL;
      g_autoptr(GInetAddress) inet = NULL;
      TdAddressCheck check;

      for (guint i = 0; i < 4; i++)
        b[i] = g_rand_int_range (rand, 0, 256);
      text = g_strdup_printf ("%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
      inet = g_inet_address_new_from_string (text);

      check = td_whitelist_check_address (text, &address, NULL);
      if (g_inet_address_get_is_site_local (inet) || g_inet_address_get_is_loopback (inet) ||
          g_inet_address_get_is_link_local (inet) || g_inet_address_get_is_multicast (inet) ||
          g_inet_address_get_is_any (inet))
        g_assert_cmpint (check, ==, TD_ADDRESS_CHECK_INVALID);
      if (check == TD_ADDRESS_CHECK_VALID)
        g_assert_cmpstr (address, ==, text);
      else
        g_assert_cmpint (check, ==, TD_ADDRESS_CHECK_INVALID);

      /* Every prefix ending in a dot may still become it. */
      for (char *dot = strchr (text, '.'); dot != NULL; dot = strchr (dot + 1, '.'))
        {
          g_autofree char *prefix = g_strndup (text, dot - text + 1);

          g_assert_cmpint (td_whitelist_check_address (prefix, NULL, NULL), ==,
                           TD_ADDRESS_CHECK_INCOMPLETE);
        }
    }

  g_rand_free (rand);
}

/* The list parser */

static TdWhitelist *
parse_whitelist (const char  *text,
                 GError     **error)
{
  g_autoptr(JsonNode) node = load (text);

  return td_whitelist_parse (node, error);
}

static void
test_whitelist_parse_documented (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWhitelist) list = NULL;
  g_autoptr(TdWhitelistEntry) first = NULL;
  g_autoptr(TdWhitelistEntry) second = NULL;

  list = parse_whitelist ("{\"ip_count\":2,\"limit\":100,\"remaining_limit\":98,"
                          "\"lists\":[{\"created_time\":\"2025-01-01\",\"ip\":\"1.1.1.1\",\"status\":true},"
                          "{\"created_time\":\"2025-01-02\",\"ip\":\"2.2.2.2\",\"status\":\"false\"}]}",
                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (list->ip_count, ==, 2);
  g_assert_cmpint (list->limit, ==, 100);
  g_assert_cmpint (list->remaining_limit, ==, 98);
  g_assert_cmpuint (td_whitelist_get_count (list), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list->entries)), ==, 2);

  first = g_list_model_get_item (G_LIST_MODEL (list->entries), 0);
  second = g_list_model_get_item (G_LIST_MODEL (list->entries), 1);
  g_assert_cmpstr (td_whitelist_entry_get_address (first), ==, "1.1.1.1");
  g_assert_cmpstr (td_whitelist_entry_get_created_time (first), ==, "2025-01-01");
  g_assert_true (td_whitelist_entry_get_enabled (first));
  g_assert_cmpstr (td_whitelist_entry_get_address (second), ==, "2.2.2.2");
  g_assert_false (td_whitelist_entry_get_enabled (second));
}

static void
test_whitelist_parse_sdk_shapes (void)
{
  static const char * const shapes[] = {
    "[\"1.2.3.4\",\"5.6.7.8\"]",
    "[{\"ip\":\"1.2.3.4\"},{\"ip\":\"5.6.7.8\"}]",
    "{\"list\":[\"1.2.3.4\",\"5.6.7.8\"]}",
    "{\"data\":[{\"ip\":\"1.2.3.4\"},\"5.6.7.8\"]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdWhitelist) list = parse_whitelist (shapes[i], &error);
      g_autoptr(TdWhitelistEntry) second = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (list->limit, ==, -1);
      g_assert_cmpuint (td_whitelist_get_count (list), ==, 2);
      second = g_list_model_get_item (G_LIST_MODEL (list->entries), 1);
      g_assert_cmpstr (td_whitelist_entry_get_address (second), ==, "5.6.7.8");
      g_assert_null (td_whitelist_entry_get_created_time (second));
      g_assert_true (td_whitelist_entry_get_enabled (second));
    }

  /* An empty whitelist may come as null, [] or counts alone. */
  {
    g_autoptr(JsonNode) null_node = json_node_new (JSON_NODE_NULL);
    g_autoptr(TdWhitelist) a = td_whitelist_parse (null_node, NULL);
    g_autoptr(TdWhitelist) b = parse_whitelist ("[]", NULL);
    g_autoptr(TdWhitelist) c = parse_whitelist ("{\"ip_count\":0,\"limit\":100,\"remaining_limit\":100}", NULL);

    g_assert_nonnull (a);
    g_assert_nonnull (b);
    g_assert_nonnull (c);
    g_assert_cmpuint (td_whitelist_get_count (c), ==, 0);
    g_assert_cmpint (c->remaining_limit, ==, 100);
  }
}

static void
test_whitelist_parse_wrong (void)
{
  static const char * const wrong[] = {
    "\"1.2.3.4\"",
    "42",
    "{}",
    "{\"lists\":{}}",
    "{\"lists\":\"1.2.3.4\"}",
    "{\"limit\":-1,\"lists\":[]}",
    "{\"limit\":1.5,\"lists\":[]}",
    "{\"limit\":\"many\",\"lists\":[]}",
    "{\"lists\":[{\"ip\":1234}]}",
    "{\"lists\":[{\"address\":\"1.2.3.4\"}]}",
    "{\"lists\":[{\"ip\":\"1.2.3.4\",\"status\":\"maybe\"}]}",
    "{\"lists\":[{\"ip\":\"1.2.3.4\",\"status\":7}]}",
    "{\"lists\":[{\"ip\":\"1.2.3.4\",\"created_time\":5}]}",
    "{\"lists\":[{\"ip\":\"not an address\"}]}",
    "[\"1.2.3.4\",null]",
    "[[\"1.2.3.4\"]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdWhitelist) list = parse_whitelist (wrong[i], &error);

      g_test_message ("%s", wrong[i]);
      g_assert_null (list);
      g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
    }
}

/* Balance parsers */

static void
test_traffic_balance_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTrafficBalance) balance = NULL;
  g_autoptr(JsonNode) node = NULL;
  GDate today;

  node = load ("{\"expiration_time\":\"2025-03-26\",\"traffic_balance\":10000}");
  balance = td_traffic_balance_parse (node, &error);
  g_assert_no_error (error);
  /* MB, as the docs say: not divided or multiplied. */
  g_assert_cmpfloat (balance->traffic_mb, ==, 10000);
  g_assert_true (balance->has_expiration);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 26, 3, 2025);
  g_assert_cmpint (td_traffic_balance_days_left (balance, &today), ==, 0);
  g_assert_true (td_traffic_balance_is_expiring (balance, &today));

  g_date_set_dmy (&today, 19, 3, 2025);
  g_assert_cmpint (td_traffic_balance_days_left (balance, &today), ==, 7);
  g_assert_true (td_traffic_balance_is_expiring (balance, &today));

  g_date_set_dmy (&today, 18, 3, 2025);
  g_assert_cmpint (td_traffic_balance_days_left (balance, &today), ==, 8);
  g_assert_false (td_traffic_balance_is_expiring (balance, &today));

  g_date_set_dmy (&today, 1, 4, 2025);
  g_assert_cmpint (td_traffic_balance_days_left (balance, &today), ==, -6);
  g_assert_true (td_traffic_balance_is_expiring (balance, &today));
}

static void
test_traffic_balance_shapes (void)
{
  static const struct { const char *json; double mb; gboolean expiration; } good[] = {
    { "{\"traffic_balance\":\"512.5\",\"expiration_time\":\"2026-12-31 23:59:59\"}", 512.5, TRUE },
    { "{\"traffic_balance\":0,\"expiration_time\":\"\"}", 0, FALSE },
    { "{\"traffic_balance\":-20,\"expiration_time\":null}", 0, FALSE },
    { "{\"expiration_time\":\"2026-12-31T00:00:00Z\"}", -1, TRUE },
  };
  static const char * const wrong[] = {
    "[]", "10000", "\"ok\"",
    "{\"traffic_balance\":\"lots\"}",
    "{\"traffic_balance\":true}",
    "{\"traffic_balance\":1,\"expiration_time\":20250326}",
    "{\"traffic_balance\":1,\"expiration_time\":\"2025-02-30\"}",
    "{\"traffic_balance\":1,\"expiration_time\":\"26/03/2025\"}",
    "{\"traffic_balance\":1,\"expiration_time\":\"2025-03-26x\"}",
  };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 12, 2026);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = load (good[i].json);
      g_autoptr(TdTrafficBalance) balance = td_traffic_balance_parse (node, &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (balance->traffic_mb, ==, good[i].mb);
      g_assert_cmpint (balance->has_expiration, ==, good[i].expiration);
      if (good[i].expiration)
        g_assert_cmpint (td_traffic_balance_days_left (balance, &today), ==, 30);
      else
        {
          g_assert_cmpint (td_traffic_balance_days_left (balance, &today), ==, G_MININT);
          g_assert_false (td_traffic_balance_is_expiring (balance, &today));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = load (wrong[i]);
      g_autoptr(TdTrafficBalance) balance = td_traffic_balance_parse (node, &error);

      g_test_message ("%s", wrong[i]);
      g_assert_null (balance);
      g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
    }
}

static void
test_wallet_parse (void)
{
  static const struct { const char *json; double value; } good[] = {
    { "{\"wallet_balance\":800}", 800 },
    { "{\"balance\":99.99}", 99.99 },
    { "{\"balance\":\"12.5\"}", 12.5 },
    { "{\"wallet_balance\":1,\"balance\":2}", 1 },
    { "{\"wallet_balance\":null,\"balance\":2}", 2 },
    { "{\"wallet_balance\":-3}", -3 },
  };
  static const char * const wrong[] = {
    "{}", "[]", "800", "{\"wallet\":800}", "{\"wallet_balance\":\"a lot\"}",
    "{\"balance\":[1]}", "{\"wallet_balance\":1e300}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = load (good[i].json);
      double value = -1000;

      g_assert_true (td_wallet_balance_parse (node, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (value, good[i].value, 1e-9);
    }

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = load (wrong[i]);
      double value = 0;

      g_assert_false (td_wallet_balance_parse (node, &value, &error));
      g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
    }
}

/* Against the loopback server */

typedef struct
{
  TdTestAccountServer *server;
  TdApiClient         *client;
  GAsyncResult        *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = td_test_account_server_new ();
  td_test_account_server_set_token (fixture->server, TEST_TOKEN);
  fixture->client = td_api_client_new (td_test_account_server_get_base_url (fixture->server));
  td_api_client_set_credentials (fixture->client, TEST_TOKEN, TEST_KEY);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->result);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->server, td_test_account_server_free);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *fixture)
{
  while (fixture->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return fixture->result;
}

static void
reset (Fixture *fixture)
{
  g_clear_object (&fixture->result);
}

/* "Send as form fields": a server that reads form fields only answers a
 * JSON body with 10000 and does nothing.  The error offers to send the
 * same request as form fields; nothing is sent again until the admin
 * chooses it; then exactly one form-encoded request with the same
 * fields goes out, and the account keeps the choice. */
static void
test_form_fields (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thordesk.Thordesk");
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(TdAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding = NULL;
  guint n_requests;

  g_settings_reset (settings, "request-encoding");
  account = td_account_new (fixture->client, credentials, settings, FALSE);
  td_test_account_server_set_form_only (fixture->server, TRUE);
  g_assert_cmpint (td_api_client_get_encoding (fixture->client), ==, TD_REQUEST_ENCODING_JSON);

  td_whitelist_add_async (fixture->client, TD_PROXY_TYPE_MOBILE, "93.184.216.34", TRUE, NULL,
                          store_result, fixture);
  g_assert_false (td_whitelist_add_finish (fixture->client, wait_result (fixture), &error));
  reset (fixture);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_FORMAT_REFUSED);
  g_assert_true (td_error_offers_form_fields (error));
  g_assert_false (td_error_is_ambiguous (error));
  g_assert_nonnull (strstr (error->message, "(code 10000)"));
  g_assert_nonnull (strstr (error->message, "Nothing was done"));
  g_clear_error (&error);
  g_assert_cmpuint (td_test_account_server_count_addresses (fixture->server, 9), ==, 0);
  g_assert_cmpstr (td_test_account_server_get_content_type (fixture->server, "/add-ip"),
                   ==, "application/json");

  /* Nothing is sent again on its own, and nothing switched. */
  n_requests = td_test_account_server_count_requests (fixture->server, "");
  g_assert_cmpuint (n_requests, ==, 1);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, ""), ==, n_requests);
  g_assert_cmpint (td_api_client_get_encoding (fixture->client), ==, TD_REQUEST_ENCODING_JSON);
  encoding = g_settings_get_string (settings, "request-encoding");
  g_assert_cmpstr (encoding, ==, "json");
  g_clear_pointer (&encoding, g_free);

  /* The admin's click: one request, form-encoded, the same fields. */
  td_account_use_form_fields (account);
  td_whitelist_add_async (fixture->client, TD_PROXY_TYPE_MOBILE, "93.184.216.34", TRUE, NULL,
                          store_result, fixture);
  g_assert_true (td_whitelist_add_finish (fixture->client, wait_result (fixture), &error));
  g_assert_no_error (error);
  reset (fixture);
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, ""), ==,
                    n_requests + 1);
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, "/add-ip"), ==, 2);
  g_assert_cmpstr (td_test_account_server_get_content_type (fixture->server, "/add-ip"),
                   ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "proxy_type"),
                   ==, "9");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "ip"),
                   ==, "93.184.216.34");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "status"),
                   ==, "true");
  g_assert_cmpuint (td_test_account_server_count_addresses (fixture->server, 9), ==, 1);

  /* Remembered for the account. */
  encoding = g_settings_get_string (settings, "request-encoding");
  g_assert_cmpstr (encoding, ==, "form");
  g_assert_cmpint (td_api_client_get_encoding (fixture->client), ==, TD_REQUEST_ENCODING_FORM);

  /* A 10000 to form fields is a real parameter error: nothing to offer. */
  td_whitelist_add_async (fixture->client, TD_PROXY_TYPE_MOBILE, "93.184.216.35", TRUE, NULL,
                          store_result, fixture);
  td_test_account_server_set_body (fixture->server, "/add-ip",
                                   "{\"code\":10000,\"data\":null,\"msg\":\"Parameter error\"}");
  g_assert_false (td_whitelist_add_finish (fixture->client, wait_result (fixture), &error));
  reset (fixture);
  g_assert_error (error, TD_SERVER_ERROR, 10000);
  g_assert_false (td_error_offers_form_fields (error));
  g_clear_error (&error);
  td_test_account_server_set_body (fixture->server, "/add-ip", NULL);

  g_settings_reset (settings, "request-encoding");
}

/* A request whose outcome is unknown (a 5xx, a timeout) is never offered
 * to be sent again, in either encoding. */
static void
test_form_fields_unknown (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  td_test_account_server_set_form_only (fixture->server, TRUE);
  td_test_account_server_fail_next (fixture->server, SOUP_STATUS_BAD_GATEWAY);
  td_whitelist_add_async (fixture->client, TD_PROXY_TYPE_MOBILE, "93.184.216.34", TRUE, NULL,
                          store_result, fixture);
  g_assert_false (td_whitelist_add_finish (fixture->client, wait_result (fixture), &error));
  reset (fixture);
  g_assert_true (td_error_is_ambiguous (error));
  g_assert_false (td_error_offers_form_fields (error));
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, ""), ==, 1);
  g_clear_error (&error);

  /* A GET's fields are in the query either way: a 10000 offers nothing. */
  td_test_account_server_set_body (fixture->server, "/ip-list",
                                   "{\"code\":10000,\"data\":null,\"msg\":\"Parameter error\"}");
  td_whitelist_list_async (fixture->client, TD_PROXY_TYPE_MOBILE, NULL, store_result, fixture);
  g_assert_null (td_whitelist_list_finish (fixture->client, wait_result (fixture), &error));
  reset (fixture);
  g_assert_error (error, TD_SERVER_ERROR, 10000);
  g_assert_false (td_error_offers_form_fields (error));
}

static void
test_balance_requests (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTrafficBalance) balance = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  double wallet = 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  td_test_account_server_set_days_left (fixture->server, 5);
  td_balance_get_traffic_async (fixture->client, NULL, store_result, fixture);
  balance = td_balance_get_traffic_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (balance->traffic_mb, ==, 10000);
  g_assert_cmpint (td_traffic_balance_days_left (balance, &today), ==, 5);
  g_assert_true (td_traffic_balance_is_expiring (balance, &today));
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/traffic-balance", "token"),
                   ==, TEST_TOKEN);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/traffic-balance", "key"),
                   ==, TEST_KEY);
  reset (fixture);

  td_balance_get_wallet_async (fixture->client, NULL, store_result, fixture);
  g_assert_true (td_balance_get_wallet_finish (fixture->client, wait_result (fixture), &wallet,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (wallet, ==, 800);
  reset (fixture);

  /* The SDKs' shape. */
  td_test_account_server_set_body (fixture->server, "/wallet-balance",
                                   "{\"code\":200,\"data\":{\"balance\":99.99},\"msg\":\"ok\"}");
  td_balance_get_wallet_async (fixture->client, NULL, store_result, fixture);
  g_assert_true (td_balance_get_wallet_finish (fixture->client, wait_result (fixture), &wallet,
                                               &error));
  g_assert_cmpfloat_with_epsilon (wallet, 99.99, 1e-9);
  reset (fixture);

  /* A wrong token is the server's 10013, in words with its code. */
  td_api_client_set_credentials (fixture->client, "WrongToken", NULL);
  td_balance_get_traffic_async (fixture->client, NULL, store_result, fixture);
  g_assert_null (td_balance_get_traffic_finish (fixture->client, wait_result (fixture), &error));
  g_assert_error (error, TD_SERVER_ERROR, 10013);
  g_assert_nonnull (strstr (error->message, "10013"));
}

static void
test_usage_request (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = NULL;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 25, 11, 2026);
  g_date_set_dmy (&to, 1, 12, 2026);

  td_balance_get_usage_async (fixture->client, &from, &to, NULL, store_result, fixture);
  usage = td_balance_get_usage_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (usage->days->len, ==, 7);
  for (guint i = 0; i < usage->days->len; i++)
    g_assert_cmpfloat (g_array_index (usage->days, TdUsageDay, i).usage_kb, ==, 2048);
  g_assert_cmpfloat (usage->range_usage_kb, ==, 7 * 2048);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/usage-statistics",
                                                     "from_date"), ==, "2026-11-25");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/usage-statistics",
                                                     "to_date"), ==, "2026-12-01");
  reset (fixture);

  /* More than 180 days is refused without asking the server. */
  g_date_set_dmy (&from, 1, 1, 2026);
  td_balance_get_usage_async (fixture->client, &from, &to, NULL, store_result, fixture);
  g_assert_null (td_balance_get_usage_finish (fixture->client, wait_result (fixture), &error));
  g_assert_error (error, TD_SERVER_ERROR, 10021);
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, "/usage-statistics"),
                    ==, 1);
}

static TdWhitelist *
list_whitelist (Fixture     *fixture,
                TdProxyType  type,
                GError     **error)
{
  TdWhitelist *list;

  td_whitelist_list_async (fixture->client, type, NULL, store_result, fixture);
  list = td_whitelist_list_finish (fixture->client, wait_result (fixture), error);
  reset (fixture);

  return list;
}

static void
test_whitelist_requests (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWhitelist) list = NULL;
  g_autoptr(TdWhitelistEntry) entry = NULL;

  td_test_account_server_add_address (fixture->server, 1, "1.1.1.1");

  /* Mobile asks for type 9. */
  list = list_whitelist (fixture, TD_PROXY_TYPE_MOBILE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_whitelist_get_count (list), ==, 0);
  g_assert_cmpint (list->limit, ==, 5);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/ip-list", "proxy_type"),
                   ==, "9");
  g_clear_pointer (&list, td_whitelist_free);

  td_whitelist_add_async (fixture->client, TD_PROXY_TYPE_MOBILE, "93.184.216.34", TRUE, NULL,
                          store_result, fixture);
  g_assert_true (td_whitelist_add_finish (fixture->client, wait_result (fixture), &error));
  g_assert_no_error (error);
  reset (fixture);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "proxy_type"),
                   ==, "9");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "ip"),
                   ==, "93.184.216.34");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "status"),
                   ==, "true");
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/add-ip", "token"),
                   ==, TEST_TOKEN);
  g_assert_cmpuint (td_test_account_server_count_addresses (fixture->server, 9), ==, 1);
  g_assert_cmpuint (td_test_account_server_count_addresses (fixture->server, 3), ==, 0);

  list = list_whitelist (fixture, TD_PROXY_TYPE_MOBILE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_whitelist_get_count (list), ==, 1);
  g_assert_cmpint (list->remaining_limit, ==, 4);
  entry = g_list_model_get_item (G_LIST_MODEL (list->entries), 0);
  g_assert_cmpstr (td_whitelist_entry_get_address (entry), ==, "93.184.216.34");
  g_clear_pointer (&list, td_whitelist_free);

  /* Residential kept its own list. */
  list = list_whitelist (fixture, TD_PROXY_TYPE_RESIDENTIAL, &error);
  g_assert_cmpuint (td_whitelist_get_count (list), ==, 1);
  g_assert_cmpstr (td_test_account_server_get_param (fixture->server, "/ip-list", "proxy_type"),
                   ==, "1");
  g_clear_pointer (&list, td_whitelist_free);

  td_whitelist_delete_async (fixture->client, TD_PROXY_TYPE_MOBILE, "93.184.216.34", NULL,
                             store_result, fixture);
  g_assert_true (td_whitelist_delete_finish (fixture->client, wait_result (fixture), &error));
  reset (fixture);
  g_assert_cmpuint (td_test_account_server_count_addresses (fixture->server, 9), ==, 0);

  /* Deleting it again: the server's 10010 in words. */
  td_whitelist_delete_async (fixture->client, TD_PROXY_TYPE_MOBILE, "93.184.216.34", NULL,
                             store_result, fixture);
  g_assert_false (td_whitelist_delete_finish (fixture->client, wait_result (fixture), &error));
  reset (fixture);
  g_assert_error (error, TD_SERVER_ERROR, 10010);
  g_clear_error (&error);

  /* 10011, frequent operations: an error, nothing retried. */
  td_test_account_server_set_body (fixture->server, "/add-ip",
                                   "{\"code\":10011,\"data\":null,\"msg\":\"Frequent operations\"}");
  td_whitelist_add_async (fixture->client, TD_PROXY_TYPE_RESIDENTIAL, "8.8.4.4", FALSE, NULL,
                          store_result, fixture);
  g_assert_false (td_whitelist_add_finish (fixture->client, wait_result (fixture), &error));
  reset (fixture);
  g_assert_error (error, TD_SERVER_ERROR, 10011);
  g_assert_cmpuint (td_test_account_server_count_requests (fixture->server, "/add-ip"), ==, 2);
  g_clear_error (&error);

  /* The SDKs' list shape from the server. */
  td_test_account_server_set_body (fixture->server, "/ip-list",
                                   "{\"code\":200,\"data\":[\"1.2.3.4\",\"5.6.7.8\"],\"msg\":\"ok\"}");
  list = list_whitelist (fixture, TD_PROXY_TYPE_RESIDENTIAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_whitelist_get_count (list), ==, 2);
  g_assert_cmpint (list->limit, ==, -1);
}

static void
test_whitelist_quota (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWhitelist) list = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *address = g_strdup_printf ("8.8.8.%u", i + 1);

      td_test_account_server_add_address (fixture->server, 2, address);
    }

  list = list_whitelist (fixture, TD_PROXY_TYPE_UNLIMITED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_whitelist_get_count (list), ==, 5);
  g_assert_cmpint (list->remaining_limit, ==, 0);

  td_whitelist_add_async (fixture->client, TD_PROXY_TYPE_UNLIMITED, "8.8.8.9", TRUE, NULL,
                          store_result, fixture);
  g_assert_false (td_whitelist_add_finish (fixture->client, wait_result (fixture), &error));
  g_assert_error (error, TD_SERVER_ERROR, 10019);
}

static void
test_public_address (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  td_whitelist_find_public_address_async (td_test_account_server_get_ip_check_url (fixture->server),
                                          NULL, store_result, fixture);
  address = td_whitelist_find_public_address_finish (wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (address, ==, TD_TEST_PUBLIC_ADDRESS);
  /* No credentials go to the address check. */
  g_assert_null (td_test_account_server_get_param (fixture->server, "/ip", "token"));
  reset (fixture);

  /* A server that answers something else than an address. */
  td_whitelist_find_public_address_async (td_test_account_server_get_base_url (fixture->server),
                                          NULL, store_result, fixture);
  g_assert_null (td_whitelist_find_public_address_finish (wait_result (fixture), &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
}

static void
test_parse_ip_check (void)
{
  static const struct { const char *body; const char *address; } cases[] = {
    { "{\"ip\":\"93.184.216.34\"}", "93.184.216.34" },
    { "{\"origin\":\"93.184.216.34, 10.0.0.1\"}", "93.184.216.34" },
    { "{\"query\":\"8.8.8.8\",\"status\":\"success\"}", "8.8.8.8" },
    { "93.184.216.34\n", "93.184.216.34" },
    { "{\"ip\":\"192.168.1.2\"}", NULL },
    { "{\"ip\":\"2001:db8::1\"}", NULL },
    { "{\"ip\":42}", NULL },
    { "<html>93.184.216.34</html>", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *address = td_whitelist_parse_ip_check (cases[i].body,
                                                              strlen (cases[i].body));

      g_assert_cmpstr (address, ==, cases[i].address);
    }
}

static void
test_account_list (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thordesk.Thordesk");
  g_auto(GStrv) ids = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *client = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  g_autofree char *current = NULL;

  g_settings_reset (settings, "accounts");
  g_settings_reset (settings, "current-account");

  ids = td_account_list_dup_ids (settings);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, "");
  g_clear_pointer (&ids, g_strfreev);

  client = td_account_list_add (settings, "  Client B ");
  agency = td_account_list_add (settings, "Agency");
  g_assert_cmpstr (client, !=, agency);
  g_assert_cmpstr (client, !=, "");

  ids = td_account_list_dup_ids (settings);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, "");
  g_assert_cmpstr (ids[1], ==, agency);
  g_assert_cmpstr (ids[2], ==, client);

  name = td_account_list_dup_name (settings, client);
  g_assert_cmpstr (name, ==, "Client B");

  message = td_account_list_check_name (settings, "Agency");
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  message = td_account_list_check_name (settings, "   ");
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  message = td_account_list_check_name (settings, "Client C");
  g_assert_null (message);

  g_assert_true (td_account_list_set_current (settings, agency));
  current = td_account_list_dup_current (settings);
  g_assert_cmpstr (current, ==, agency);
  g_clear_pointer (&current, g_free);
  g_assert_false (td_account_list_set_current (settings, "account-unknown"));

  /* Removing the current account falls back to the default one. */
  g_assert_false (td_account_list_remove (settings, ""));
  g_assert_true (td_account_list_remove (settings, agency));
  g_assert_false (td_account_list_remove (settings, agency));
  current = td_account_list_dup_current (settings);
  g_assert_cmpstr (current, ==, "");
  g_assert_null (td_account_list_dup_name (settings, agency));
}

static void
test_account_menu (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thordesk.Thordesk");
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *label = NULL;
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;

  g_settings_reset (settings, "accounts");
  g_settings_reset (settings, "default-account-name");

  menu = td_account_list_menu_new (settings);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);

  agency = td_account_list_add (settings, "Agency");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);

  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "Agency");
  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "app.switch-account");
  target = g_menu_model_get_item_attribute_value (menu, 1, G_MENU_ATTRIBUTE_TARGET,
                                                  G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, agency);
  g_clear_pointer (&label, g_free);

  /* The default account, renamed, keeps the empty id. */
  g_settings_set_string (settings, "default-account-name", "Own");
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "Own");

  g_assert_true (td_account_list_remove (settings, agency));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  g_settings_reset (settings, "default-account-name");
}

/* The same endpoints in --sandbox. */
static void
test_sandbox (void)
{
  g_autoptr(TdSandbox) sandbox = td_sandbox_new ();
  g_autoptr(TdApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTrafficBalance) balance = NULL;
  g_autoptr(TdWhitelist) list = NULL;
  g_autoptr(TdUsage) usage = NULL;
  Fixture fixture = { 0, };
  GDate today, from;
  double wallet = 0;

  g_assert_true (td_sandbox_start (sandbox, &error));
  client = td_api_client_new (td_sandbox_get_base_url (sandbox));
  td_api_client_set_credentials (client, TD_SANDBOX_DEFAULT_TOKEN, NULL);
  fixture.client = client;

  g_date_clear (&today, 1);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
  }

  td_balance_get_traffic_async (client, NULL, store_result, &fixture);
  balance = td_balance_get_traffic_finish (client, wait_result (&fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (balance->traffic_mb, ==, 51200);
  g_assert_cmpint (td_traffic_balance_days_left (balance, &today), ==, 45);
  reset (&fixture);

  td_balance_get_wallet_async (client, NULL, store_result, &fixture);
  g_assert_true (td_balance_get_wallet_finish (client, wait_result (&fixture), &wallet, &error));
  g_assert_cmpfloat (wallet, ==, 125.5);
  reset (&fixture);

  from = today;
  g_date_subtract_days (&from, 29);
  td_balance_get_usage_async (client, &from, &today, NULL, store_result, &fixture);
  usage = td_balance_get_usage_finish (client, wait_result (&fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (usage->days->len, ==, 30);
  g_assert_cmpfloat (g_array_index (usage->days, TdUsageDay, 0).usage_kb, >, 0);
  reset (&fixture);

  for (guint i = 0; i < TD_SANDBOX_WHITELIST_QUOTA + 1; i++)
    {
      g_autofree char *address = g_strdup_printf ("93.184.216.%u", i + 1);
      gboolean added;

      td_whitelist_add_async (client, TD_PROXY_TYPE_MOBILE, address, TRUE, NULL, store_result,
                              &fixture);
      added = td_whitelist_add_finish (client, wait_result (&fixture), &error);
      reset (&fixture);
      if (i < TD_SANDBOX_WHITELIST_QUOTA)
        g_assert_no_error (error);
      else
        {
          g_assert_false (added);
          g_assert_error (error, TD_SERVER_ERROR, 10019);
          g_clear_error (&error);
        }
    }

  td_whitelist_delete_async (client, TD_PROXY_TYPE_MOBILE, "93.184.216.1", NULL, store_result,
                             &fixture);
  g_assert_true (td_whitelist_delete_finish (client, wait_result (&fixture), &error));
  reset (&fixture);
  td_whitelist_delete_async (client, TD_PROXY_TYPE_MOBILE, "93.184.216.1", NULL, store_result,
                             &fixture);
  g_assert_false (td_whitelist_delete_finish (client, wait_result (&fixture), &error));
  g_assert_error (error, TD_SERVER_ERROR, 10010);
  g_clear_error (&error);
  reset (&fixture);

  td_whitelist_list_async (client, TD_PROXY_TYPE_MOBILE, NULL, store_result, &fixture);
  list = td_whitelist_list_finish (client, wait_result (&fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_whitelist_get_count (list), ==, TD_SANDBOX_WHITELIST_QUOTA - 1);
  g_assert_cmpint (list->remaining_limit, ==, 1);
  g_clear_pointer (&list, td_whitelist_free);
  reset (&fixture);

  /* Residential has its own list. */
  td_whitelist_list_async (client, TD_PROXY_TYPE_RESIDENTIAL, NULL, store_result, &fixture);
  list = td_whitelist_list_finish (client, wait_result (&fixture), &error);
  g_assert_cmpuint (td_whitelist_get_count (list), ==, 0);
  reset (&fixture);

  /* A page of another site rebinding its name to 127.0.0.1 is refused,
   * as on the sandbox's other endpoints. */
  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autofree char *url = g_strconcat (td_sandbox_get_base_url (sandbox),
                                        "/account/wallet-balance?token=" TD_SANDBOX_DEFAULT_TOKEN,
                                        NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
    g_autoptr(GBytes) body = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (message), "Host",
                                  "rebound.example");
    soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, store_result,
                                      &fixture);
    body = soup_session_send_and_read_finish (session, wait_result (&fixture), &error);
    reset (&fixture);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_MISDIRECTED_REQUEST);
  }

  /* The sandbox's own credentials apply. */
  td_sandbox_set_credentials (sandbox, "another-token", NULL);
  td_balance_get_wallet_async (client, NULL, store_result, &fixture);
  g_assert_false (td_balance_get_wallet_finish (client, wait_result (&fixture), &wallet, &error));
  g_assert_error (error, TD_SERVER_ERROR, 10013);
  reset (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/whitelist/types", test_whitelist_types);
  g_test_add_func ("/whitelist/address-check", test_address_check);
  g_test_add_func ("/whitelist/address-check-reasons", test_address_check_reasons);
  g_test_add_func ("/whitelist/address-check-fuzz", test_address_check_fuzz);
  g_test_add_func ("/whitelist/parse-documented", test_whitelist_parse_documented);
  g_test_add_func ("/whitelist/parse-sdk-shapes", test_whitelist_parse_sdk_shapes);
  g_test_add_func ("/whitelist/parse-wrong", test_whitelist_parse_wrong);
  g_test_add_func ("/whitelist/parse-ip-check", test_parse_ip_check);
  g_test_add_func ("/accounts/list", test_account_list);
  g_test_add_func ("/accounts/menu", test_account_menu);
  g_test_add_func ("/sandbox/account-api", test_sandbox);
  g_test_add_func ("/balance/traffic-parse", test_traffic_balance_parse);
  g_test_add_func ("/balance/traffic-shapes", test_traffic_balance_shapes);
  g_test_add_func ("/balance/wallet-parse", test_wallet_parse);
  g_test_add ("/balance/requests", Fixture, NULL, fixture_set_up, test_balance_requests,
              fixture_tear_down);
  g_test_add ("/balance/usage", Fixture, NULL, fixture_set_up, test_usage_request,
              fixture_tear_down);
  g_test_add ("/whitelist/requests", Fixture, NULL, fixture_set_up, test_whitelist_requests,
              fixture_tear_down);
  g_test_add ("/whitelist/form-fields", Fixture, NULL, fixture_set_up, test_form_fields,
              fixture_tear_down);
  g_test_add ("/whitelist/form-fields-unknown", Fixture, NULL, fixture_set_up,
              test_form_fields_unknown, fixture_tear_down);
  g_test_add ("/whitelist/quota", Fixture, NULL, fixture_set_up, test_whitelist_quota,
              fixture_tear_down);
  g_test_add ("/whitelist/public-address", Fixture, NULL, fixture_set_up, test_public_address,
              fixture_tear_down);

  return g_test_run ();
}
