/* test-gateway-login.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "td-gateway-login.h"

static TdGatewayLogin *
make_login (const char *username,
            const char *password)
{
  TdGatewayLogin *login = td_gateway_login_new ();

  td_gateway_login_set (&login->username, username);
  td_gateway_login_set (&login->password, password);

  return login;
}

static char *
username_of (TdGatewayLogin *login)
{
  g_autoptr(GError) error = NULL;
  char *name = td_gateway_login_dup_username (login, &error);

  g_assert_no_error (error);
  g_assert_nonnull (name);
  return name;
}

/* Every example of the API notes (§4, §5) gives exactly its string. */
static void
test_documented_examples (void)
{
  g_autoptr(TdGatewayLogin) login = make_login ("USERNAME", "PASSWORD");
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *session = NULL;
  g_autofree char *curl = NULL;
  g_autofree char *state = NULL;
  g_autofree char *city = NULL;
  g_autofree char *asn = NULL;

  plain = username_of (login);
  g_assert_cmpstr (plain, ==, "td-customer-USERNAME");

  /* DOCS session control */
  td_gateway_login_set (&login->country, "us");
  login->sticky = TRUE;
  td_gateway_login_set (&login->session_id, "a123123");
  login->session_minutes = 10;
  session = username_of (login);
  g_assert_cmpstr (session, ==, "td-customer-USERNAME-country-us-sessid-a123123-sesstime-10");

  /* DOCS location pages: curl -x "https://td-customer-USERNAME-country-us:
   * PASSWORD@t.na.thordata.net:9999" "https://ipinfo.thordata.com" */
  login->sticky = FALSE;
  login->protocol = TD_GATEWAY_PROTOCOL_HTTPS;
  td_gateway_login_set (&login->host, "t.na.thordata.net");
  curl = td_gateway_login_format (login, TD_GATEWAY_FORMAT_CURL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (curl, ==,
                   "curl -x 'https://td-customer-USERNAME-country-us:PASSWORD@t.na.thordata.net:9999' "
                   "'https://ipinfo.thordata.com'");

  /* state-california, city-los_angeles, asn-AS12322 (DOCS, JS, GO) */
  td_gateway_login_set (&login->state, "California");
  state = username_of (login);
  g_assert_cmpstr (state, ==, "td-customer-USERNAME-country-us-state-california");

  td_gateway_login_set (&login->state, NULL);
  td_gateway_login_set (&login->city, "Los Angeles");
  city = username_of (login);
  g_assert_cmpstr (city, ==, "td-customer-USERNAME-country-us-city-los_angeles");

  td_gateway_login_set (&login->city, NULL);
  td_gateway_login_set (&login->asn, "AS12322");
  asn = username_of (login);
  g_assert_cmpstr (asn, ==, "td-customer-USERNAME-country-us-asn-AS12322");
}

/* Segment order of SPEC-new: continent, country, state, city, asn, sessid,
 * sesstime; values normalized. */
static void
test_full_order_and_normalizing (void)
{
  g_autoptr(TdGatewayLogin) login = make_login (" td-customer-alice2026 ", "Secret99");
  g_autofree char *name = NULL;

  td_gateway_login_set (&login->continent, "NA");
  td_gateway_login_set (&login->country, " US ");
  td_gateway_login_set (&login->state, "New  York");
  td_gateway_login_set (&login->city, "  New York ");
  td_gateway_login_set (&login->asn, "as7922");
  login->sticky = TRUE;
  td_gateway_login_set (&login->session_id, "Ab12");
  login->session_minutes = 90;

  name = username_of (login);
  g_assert_cmpstr (name, ==,
                   "td-customer-alice2026-continent-na-country-us-state-new_york"
                   "-city-new_york-asn-AS7922-sessid-Ab12-sesstime-90");

  /* A bare number becomes an ASN; accents are dropped. */
  td_gateway_login_set (&login->asn, "12322");
  td_gateway_login_set (&login->city, "São Paulo");
  td_gateway_login_set (&login->state, NULL);
  td_gateway_login_set (&login->continent, NULL);
  login->sticky = FALSE;
  g_clear_pointer (&name, g_free);
  name = username_of (login);
  g_assert_cmpstr (name, ==, "td-customer-alice2026-country-us-city-sao_paulo-asn-AS12322");
}

typedef struct
{
  const char     *field_name;
  const char     *value;
  TdGatewayField  field;
  const char     *message;
} BadCase;

static void
set_member (TdGatewayLogin *login,
            const char     *field_name,
            const char     *value)
{
  if (g_str_equal (field_name, "continent"))
    td_gateway_login_set (&login->continent, value);
  else if (g_str_equal (field_name, "country"))
    td_gateway_login_set (&login->country, value);
  else if (g_str_equal (field_name, "state"))
    td_gateway_login_set (&login->state, value);
  else if (g_str_equal (field_name, "city"))
    td_gateway_login_set (&login->city, value);
  else if (g_str_equal (field_name, "asn"))
    td_gateway_login_set (&login->asn, value);
  else if (g_str_equal (field_name, "host"))
    td_gateway_login_set (&login->host, value);
  else if (g_str_equal (field_name, "username"))
    td_gateway_login_set (&login->username, value);
  else if (g_str_equal (field_name, "password"))
    td_gateway_login_set (&login->password, value);
  else if (g_str_equal (field_name, "session_id"))
    {
      login->sticky = TRUE;
      td_gateway_login_set (&login->session_id, value);
    }
  else
    g_assert_not_reached ();
}

/* Invalid values and combinations are refused, with the field and a
 * message; nothing is built. */
static void
test_refused (void)
{
  static const BadCase cases[] = {
    { "username", "", TD_GATEWAY_FIELD_USERNAME, "Enter a username." },
    { "username", "bob", TD_GATEWAY_FIELD_USERNAME, "Use at least 6 characters." },
    { "password", "", TD_GATEWAY_FIELD_PASSWORD, "Enter the user’s password." },
    { "host", "http://x.example", TD_GATEWAY_FIELD_HOST, "Enter a host name only, like t.pr.thordata.net" },
    { "continent", "europe", TD_GATEWAY_FIELD_CONTINENT, "Choose a continent: af, an, as, eu, na, oc or sa." },
    { "country", "usa", TD_GATEWAY_FIELD_COUNTRY, "Enter a two-letter country code, like us." },
    { "country", "u1", TD_GATEWAY_FIELD_COUNTRY, "Enter a two-letter country code, like us." },
    { "state", "ca", TD_GATEWAY_FIELD_STATE, "A state needs a country: choose the country too." },
    { "city", "paris", TD_GATEWAY_FIELD_CITY, "A city needs a country: choose the country too." },
    { "asn", "AS1", TD_GATEWAY_FIELD_ASN, "An ASN needs a country: choose the country too." },
    { "session_id", "", TD_GATEWAY_FIELD_SESSION_ID, "Enter a session ID, or make a new one." },
    { "session_id", "ab-12", TD_GATEWAY_FIELD_SESSION_ID, "Use only letters and digits, at most 32." },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TdGatewayLogin) login = make_login ("alice2026", "Secret99");
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *url = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s = “%s”", i, cases[i].field_name, cases[i].value);
      set_member (login, cases[i].field_name, cases[i].value);

      name = td_gateway_login_dup_username (login, &error);
      g_assert_null (name);
      g_assert_error (error, TD_GATEWAY_LOGIN_ERROR, (int) cases[i].field);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);

      url = td_gateway_login_format (login, TD_GATEWAY_FORMAT_URL, NULL, &error);
      g_assert_null (url);
      g_assert_error (error, TD_GATEWAY_LOGIN_ERROR, (int) cases[i].field);
    }
}

static void
test_bad_characters_in_places (void)
{
  g_autoptr(TdGatewayLogin) login = make_login ("alice2026", "Secret99");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  td_gateway_login_set (&login->country, "us");
  td_gateway_login_set (&login->city, "winston-salem");
  name = td_gateway_login_dup_username (login, &error);
  g_assert_null (name);
  g_assert_error (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_CITY);
  g_assert_cmpstr (error->message, ==, "Use only letters, digits and spaces.");
  g_clear_error (&error);

  td_gateway_login_set (&login->city, "   ");  /* blank = not set */
  td_gateway_login_set (&login->asn, "AS0");
  name = td_gateway_login_dup_username (login, &error);
  g_assert_null (name);
  g_assert_error (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_ASN);
  g_clear_error (&error);

  td_gateway_login_set (&login->asn, "AS4294967296");
  g_assert_null (td_gateway_login_dup_username (login, &error));
  g_assert_error (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_ASN);
  g_clear_error (&error);

  td_gateway_login_set (&login->asn, "AS4294967295");
  name = td_gateway_login_dup_username (login, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "td-customer-alice2026-country-us-asn-AS4294967295");
}

static void
test_session_minutes_range (void)
{
  static const struct { guint minutes; gboolean ok; } cases[] = {
    { 0, FALSE }, { 1, TRUE }, { 10, TRUE }, { 90, TRUE }, { 91, FALSE }, { 120, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TdGatewayLogin) login = make_login ("alice2026", "Secret99");
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;

      login->sticky = TRUE;
      td_gateway_login_set (&login->session_id, "abc123");
      login->session_minutes = cases[i].minutes;
      name = td_gateway_login_dup_username (login, &error);

      if (cases[i].ok)
        {
          g_autofree char *expected = g_strdup_printf ("td-customer-alice2026-sessid-abc123-sesstime-%u",
                                                       cases[i].minutes);
          g_assert_no_error (error);
          g_assert_cmpstr (name, ==, expected);
        }
      else
        {
          g_assert_null (name);
          g_assert_error (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_SESSION_MINUTES);
          g_assert_cmpstr (error->message, ==, "A session lasts from 1 to 90 minutes.");
        }
    }

  /* Rotating: whatever the session fields hold, no session segment. */
  {
    g_autoptr(TdGatewayLogin) login = make_login ("alice2026", "Secret99");
    g_autofree char *name = NULL;

    td_gateway_login_set (&login->session_id, "not valid!");
    login->session_minutes = 500;
    name = username_of (login);
    g_assert_cmpstr (name, ==, "td-customer-alice2026");
  }
}

/* The four outputs; user and password percent-encoded in the URL only. */
static void
test_formats (void)
{
  g_autoptr(TdGatewayLogin) login = make_login ("alice2026", "p@ss:w/rd %");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *colons = NULL;
  g_autofree char *at = NULL;
  g_autofree char *curl = NULL;
  g_autofree char *socks = NULL;
  g_autofree char *mobile = NULL;
  g_autofree char *v6 = NULL;
  g_autofree char *bare = NULL;

  td_gateway_login_set (&login->country, "de");

  url = td_gateway_login_format (login, TD_GATEWAY_FORMAT_URL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==,
                   "http://td-customer-alice2026-country-de:p%40ss%3Aw%2Frd%20%25@t.pr.thordata.net:9999");

  colons = td_gateway_login_format (login, TD_GATEWAY_FORMAT_HOST_PORT_USER_PASS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (colons, ==, "t.pr.thordata.net:9999:td-customer-alice2026-country-de:p@ss:w/rd %");

  at = td_gateway_login_format (login, TD_GATEWAY_FORMAT_USER_PASS_HOST_PORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (at, ==, "td-customer-alice2026-country-de:p@ss:w/rd %@t.pr.thordata.net:9999");

  /* A quote in the password stays inside the shell word. */
  td_gateway_login_set (&login->password, "it's");
  curl = td_gateway_login_format (login, TD_GATEWAY_FORMAT_CURL, "http://127.0.0.1:8080/json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (curl, ==,
                   "curl -x 'http://td-customer-alice2026-country-de:it%27s@t.pr.thordata.net:9999' "
                   "'http://127.0.0.1:8080/json'");
  {
    g_auto(GStrv) argv = NULL;

    g_assert_true (g_shell_parse_argv (curl, NULL, &argv, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (argv), ==, 4);
    g_assert_cmpstr (argv[2], ==, "http://td-customer-alice2026-country-de:it%27s@t.pr.thordata.net:9999");
  }

  /* SOCKS5 is written socks5h; the product gives host and port. */
  login->protocol = TD_GATEWAY_PROTOCOL_SOCKS5H;
  login->proxy_type = TD_PROXY_TYPE_MOBILE;
  td_gateway_login_set (&login->password, "Secret99");
  socks = td_gateway_login_format (login, TD_GATEWAY_FORMAT_URL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (socks, ==, "socks5h://td-customer-alice2026-country-de:Secret99@m.pr.thordata.net:5555");

  /* A shard host and a port of the admin's. */
  login->protocol = TD_GATEWAY_PROTOCOL_HTTP;
  td_gateway_login_set (&login->host, "VPN9wq0d.pr.thordata.net");
  login->port = 9999;
  mobile = td_gateway_login_format (login, TD_GATEWAY_FORMAT_HOST_PORT_USER_PASS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mobile, ==, "vpn9wq0d.pr.thordata.net:9999:td-customer-alice2026-country-de:Secret99");

  td_gateway_login_set (&login->host, "::1");
  v6 = td_gateway_login_format (login, TD_GATEWAY_FORMAT_URL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v6, ==, "http://td-customer-alice2026-country-de:Secret99@[::1]:9999");

  bare = td_gateway_login_dup_proxy_uri (login);
  g_assert_cmpstr (bare, ==, "http://[::1]:9999");
  g_assert_null (strstr (bare, "Secret99"));
}

static void
test_many_distinct (void)
{
  g_autoptr(TdGatewayLogin) login = make_login ("alice2026", "Secret99");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *many = NULL;
  g_autofree char *one = NULL;
  g_autofree char *none = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("^t\\.pr\\.thordata\\.net:9999:td-customer-alice2026-country-fr"
                                         "-sessid-([a-z0-9]{12})-sesstime-30:Secret99$", 0, 0, NULL);

  td_gateway_login_set (&login->country, "fr");
  login->session_minutes = 30;

  many = td_gateway_login_format_many (login, TD_GATEWAY_FORMAT_HOST_PORT_USER_PASS,
                                       TD_GATEWAY_MAX_ENDPOINTS, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (many, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, TD_GATEWAY_MAX_ENDPOINTS + 1);
  g_assert_cmpstr (lines[TD_GATEWAY_MAX_ENDPOINTS], ==, "");

  for (guint i = 0; i < TD_GATEWAY_MAX_ENDPOINTS; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      g_assert_true (g_regex_match (regex, lines[i], 0, &match));
      g_assert_true (g_hash_table_add (ids, g_match_info_fetch (match, 1)));
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, TD_GATEWAY_MAX_ENDPOINTS);

  /* One rotating endpoint stays rotating. */
  one = td_gateway_login_format_many (login, TD_GATEWAY_FORMAT_USER_PASS_HOST_PORT, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one, ==, "td-customer-alice2026-country-fr:Secret99@t.pr.thordata.net:9999");

  none = td_gateway_login_format_many (login, TD_GATEWAY_FORMAT_URL, 0, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_ENDPOINTS);
  g_assert_cmpstr (error->message, ==, "Choose from 1 to 1000 endpoints.");
  g_clear_error (&error);

  g_assert_null (td_gateway_login_format_many (login, TD_GATEWAY_FORMAT_URL,
                                               TD_GATEWAY_MAX_ENDPOINTS + 1, NULL, &error));
  g_assert_error (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_ENDPOINTS);
}

static void
test_session_ids (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint counts[36] = { 0 };

  for (guint i = 0; i < 2000; i++)
    {
      char *id = td_gateway_generate_session_id ();
      g_autofree char *message = td_gateway_validate_field (TD_GATEWAY_FIELD_SESSION_ID, id);

      g_assert_cmpuint (strlen (id), ==, TD_SESSION_ID_LENGTH);
      g_assert_null (message);
      for (const char *p = id; *p != '\0'; p++)
        {
          g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p));
          counts[g_ascii_isdigit (*p) ? 26 + (*p - '0') : *p - 'a']++;
        }
      g_assert_true (g_hash_table_add (seen, id));
    }

  /* 24,000 characters over 36 values: about 667 each. */
  for (guint i = 0; i < 36; i++)
    g_assert_cmpuint (counts[i], >, 450);
}

static void
test_validate_while_typing (void)
{
  static const struct { TdGatewayField field; const char *text; gboolean ok; } cases[] = {
    { TD_GATEWAY_FIELD_COUNTRY, "", TRUE },
    { TD_GATEWAY_FIELD_COUNTRY, "GB", TRUE },
    { TD_GATEWAY_FIELD_COUNTRY, "g", FALSE },
    { TD_GATEWAY_FIELD_CONTINENT, "oc", TRUE },
    { TD_GATEWAY_FIELD_CONTINENT, "xx", FALSE },
    { TD_GATEWAY_FIELD_CITY, "hayward", TRUE },
    { TD_GATEWAY_FIELD_CITY, "a:b", FALSE },
    { TD_GATEWAY_FIELD_STATE, "kowloonc", TRUE },
    { TD_GATEWAY_FIELD_ASN, "AS10796", TRUE },
    { TD_GATEWAY_FIELD_ASN, "ASX", FALSE },
    { TD_GATEWAY_FIELD_PORT, "9999", TRUE },
    { TD_GATEWAY_FIELD_PORT, "65536", FALSE },
    { TD_GATEWAY_FIELD_PORT, "0", FALSE },
    { TD_GATEWAY_FIELD_SESSION_MINUTES, "90", TRUE },
    { TD_GATEWAY_FIELD_SESSION_MINUTES, "91", FALSE },
    { TD_GATEWAY_FIELD_ENDPOINTS, "1000", TRUE },
    { TD_GATEWAY_FIELD_ENDPOINTS, "1001", FALSE },
    { TD_GATEWAY_FIELD_HOST, "isp.pr.thordata.net", TRUE },
    { TD_GATEWAY_FIELD_HOST, "a host", FALSE },
    { TD_GATEWAY_FIELD_SESSION_ID, "abcdefghijklmnopqrstuvwxyz0123456", FALSE }, /* 33 */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = td_gateway_validate_field (cases[i].field, cases[i].text);

      g_test_message ("case %" G_GSIZE_FORMAT ": “%s”", i, cases[i].text);
      if (cases[i].ok)
        g_assert_null (message);
      else
        g_assert_nonnull (message);
    }
}

static void
test_protocols (void)
{
  g_assert_cmpstr (td_gateway_protocol_get_scheme (TD_GATEWAY_PROTOCOL_SOCKS5H), ==, "socks5h");
  g_assert_nonnull (td_gateway_protocol_get_caveat (TD_GATEWAY_PROTOCOL_SOCKS5H, TD_PROXY_TYPE_RESIDENTIAL));
  g_assert_nonnull (td_gateway_protocol_get_caveat (TD_GATEWAY_PROTOCOL_SOCKS5H, TD_PROXY_TYPE_MOBILE));
  g_assert_null (td_gateway_protocol_get_caveat (TD_GATEWAY_PROTOCOL_SOCKS5H, TD_PROXY_TYPE_UNLIMITED));
  g_assert_null (td_gateway_protocol_get_caveat (TD_GATEWAY_PROTOCOL_HTTP, TD_PROXY_TYPE_RESIDENTIAL));
  g_assert_nonnull (td_gateway_protocol_get_caveat (TD_GATEWAY_PROTOCOL_HTTPS, TD_PROXY_TYPE_RESIDENTIAL));

  g_assert_cmpuint (g_strv_length ((GStrv) td_gateway_get_continents ()), ==, 7);
  g_assert_cmpstr (td_gateway_continent_get_display_name ("sa"), ==, "South America");
  g_assert_null (td_gateway_continent_get_display_name ("zz"));
}

static void
test_copy_free (void)
{
  g_autoptr(TdGatewayLogin) login = make_login ("alice2026", "Secret99");
  g_autoptr(TdGatewayLogin) copy = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  td_gateway_login_set (&login->country, "jp");
  td_gateway_login_set (&login->city, "tokyo");
  copy = td_gateway_login_copy (login);
  td_gateway_login_set (&login->city, NULL);

  a = username_of (login);
  b = username_of (copy);
  g_assert_cmpstr (a, ==, "td-customer-alice2026-country-jp");
  g_assert_cmpstr (b, ==, "td-customer-alice2026-country-jp-city-tokyo");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gateway-login/documented-examples", test_documented_examples);
  g_test_add_func ("/gateway-login/order-and-normalizing", test_full_order_and_normalizing);
  g_test_add_func ("/gateway-login/refused", test_refused);
  g_test_add_func ("/gateway-login/bad-characters", test_bad_characters_in_places);
  g_test_add_func ("/gateway-login/session-minutes", test_session_minutes_range);
  g_test_add_func ("/gateway-login/formats", test_formats);
  g_test_add_func ("/gateway-login/many-distinct", test_many_distinct);
  g_test_add_func ("/gateway-login/session-ids", test_session_ids);
  g_test_add_func ("/gateway-login/validate-while-typing", test_validate_while_typing);
  g_test_add_func ("/gateway-login/protocols", test_protocols);
  g_test_add_func ("/gateway-login/copy-free", test_copy_free);

  return g_test_run ();
}
