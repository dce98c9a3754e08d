/* fuzz-settings.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core's readers of text that a person types or that comes from
 * GSettings (which anyone with dconf can set to any string): the traffic
 * limit, the username and password checks, the API address joined into a
 * request URL, and the gateway host put into a proxy URL.  Checked for
 * every input: what is accepted satisfies the server's rules, and a URL
 * that is built names the host it was given.
 */

#include "config.h"

#include <string.h>

#include "td-api-client.h"
#include "td-fuzz.h"
#include "td-proxy-user.h"

static TdApiClient *client;
static TdProxyUser *user;

static void
setup (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      client = td_api_client_new ("http://127.0.0.1:1/api");
      user = td_proxy_user_new ();
      td_proxy_user_set_username (user, "alice2024");
      td_proxy_user_set_password (user, "Secret123");
      g_once_init_leave (&initialized, 1);
    }
}

static gboolean
is_letters_and_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
    }

  return TRUE;
}

static void
check_traffic_limit (const char    *text,
                     TdTrafficUnit  unit)
{
  g_autofree char *problem = NULL;
  gint64 mb = -12345;

  problem = td_parse_traffic_limit (text, unit, &mb);

  if (problem != NULL)
    {
      g_assert_cmpstr (problem, !=, "");
      g_assert_cmpint (mb, ==, -12345);
      return;
    }

  g_assert_true (mb == 0 || (mb >= TD_TRAFFIC_LIMIT_MIN_MB && mb <= TD_TRAFFIC_LIMIT_MAX_MB));
  if (unit == TD_TRAFFIC_UNIT_GB)
    g_assert_cmpint (mb % 1024, ==, 0);
}

static void
check_names (const char *text)
{
  g_autofree char *username_problem = td_validate_username (text);
  g_autofree char *password_problem = td_validate_password (text);
  gsize length = strlen (text);

  if (username_problem == NULL)
    {
      g_assert_cmpuint (length, >=, TD_USERNAME_MIN_LENGTH);
      g_assert_cmpuint (length, <=, TD_USERNAME_MAX_LENGTH);
      g_assert_true (is_letters_and_digits (text));
    }
  else
    g_assert_true (g_utf8_validate (username_problem, -1, NULL));

  if (password_problem == NULL)
    {
      g_assert_cmpuint (length, >=, TD_PASSWORD_MIN_LENGTH);
      g_assert_cmpuint (length, <=, TD_PASSWORD_MAX_LENGTH);
      g_assert_true (is_letters_and_digits (text));
      g_assert_true (g_ascii_isalpha (text[0]));
    }
  else
    g_assert_true (g_utf8_validate (password_problem, -1, NULL));
}

/* The API address, as read from the "api-base-url" key. */
static void
check_base_url (const char *text)
{
  g_autofree char *url = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) joined = NULL;

  td_api_client_set_base_url (client, text);
  g_assert_cmpstr (td_api_client_get_base_url (client), ==, text);

  url = td_api_client_build_url (client, "/proxy-users/user-list");
  if (url == NULL)
    return;

  /* Accepted: an absolute http(s) URL whose host the request goes to,
   * with the path at the end. */
  g_assert_true (g_str_has_suffix (url, "/proxy-users/user-list"));
  base = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
  joined = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_assert_nonnull (base);
  g_assert_nonnull (joined);
  g_assert_cmpstr (g_uri_get_host (joined), ==, g_uri_get_host (base));
  g_assert_cmpint (g_uri_get_port (joined), ==, g_uri_get_port (base));
  g_assert_null (g_uri_get_query (joined));
  g_assert_null (g_uri_get_fragment (joined));
}

/* A gateway host, as read from the "*-host" keys. */
static void
check_proxy_url (const char *text)
{
  g_autofree char *url = NULL;

  for (TdProxyType type = TD_PROXY_TYPE_RESIDENTIAL; type <= TD_PROXY_TYPE_MOBILE; type++)
    {
      g_autofree char *port = NULL;

      td_proxy_user_set_proxy_type (user, type);
      url = td_proxy_user_dup_proxy_url (user, text);
      g_assert_nonnull (url);
      g_assert_true (g_str_has_prefix (url, "http://td-customer-alice2024:Secret123@"));

      port = g_strdup_printf (":%u", (guint) td_proxy_type_get_port (type));
      g_assert_true (g_str_has_suffix (url, port));
      g_clear_pointer (&url, g_free);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;

  td_fuzz_init ();
  setup ();

  /* Text from an entry or from GSettings is a C string. */
  text = g_strndup ((const char *) data, size);

  check_traffic_limit (text, TD_TRAFFIC_UNIT_MB);
  check_traffic_limit (text, TD_TRAFFIC_UNIT_GB);
  check_names (text);

  /* GTK entries and GSettings strings are always UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  check_base_url (text);
  check_proxy_url (text);

  return 0;
}
