/* td-sandbox-locations.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Locations API of the sandbox (--sandbox), so that the Endpoints
 * page has countries, states, cities and ASNs to offer without an
 * account.  As in td-sandbox.c, `msg` is the server's fixed English text,
 * and the names are the server's (the page shows the system's localized
 * country names where it has them). */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "td-gateway-login.h"
#include "td-sandbox.h"
#include "td-sandbox-http.h"
#include "td-sandbox-locations.h"

typedef struct
{
  const char *country;  /* lower case, as the login writes it */
  const char *code;     /* state code, as the login writes it */
  const char *name;
} SandboxState;

typedef struct
{
  const char *country;
  const char *state;
  const char *name;     /* the login writes it lower case with '_' */
} SandboxCity;

typedef struct
{
  const char *country;
  const char *code;
  const char *name;
} SandboxAsn;

static const struct { const char *code; const char *name; } countries[] = {
  { "us", "United States" },
  { "gb", "United Kingdom" },
  { "de", "Germany" },
  { "jp", "Japan" },
  { "br", "Brazil" },
};

static const SandboxState states[] = {
  { "us", "california", "California" },
  { "us", "new_york",   "New York" },
  { "us", "texas",      "Texas" },
  { "gb", "england",    "England" },
  { "gb", "scotland",   "Scotland" },
  { "de", "bavaria",    "Bavaria" },
  { "de", "berlin",     "Berlin" },
  { "jp", "tokyo",      "Tokyo" },
  { "jp", "osaka",      "Osaka" },
  { "br", "sao_paulo",  "São Paulo" },
};

static const SandboxCity cities[] = {
  { "us", "california", "Los Angeles" },
  { "us", "california", "San Francisco" },
  { "us", "new_york",   "New York" },
  { "us", "texas",      "Houston" },
  { "us", "texas",      "Austin" },
  { "gb", "england",    "London" },
  { "gb", "england",    "Manchester" },
  { "gb", "scotland",   "Edinburgh" },
  { "de", "bavaria",    "Munich" },
  { "de", "berlin",     "Berlin" },
  { "jp", "tokyo",      "Tokyo" },
  { "jp", "osaka",      "Osaka" },
  { "br", "sao_paulo",  "São Paulo" },
};

static const SandboxAsn asns[] = {
  { "us", "AS7922",  "Comcast Cable Communications, LLC" },
  { "us", "AS7018",  "AT&T Services, Inc." },
  { "us", "AS10796", "Charter Communications Inc" },
  { "gb", "AS2856",  "British Telecommunications PLC" },
  { "de", "AS3320",  "Deutsche Telekom AG" },
  { "jp", "AS4713",  "NTT Communications Corporation" },
  { "br", "AS28573", "Claro NXT Telecomunicacoes Ltda" },
};

typedef struct
{
  char *const *token;
  char *const *key;
} LocationsApi;

static void
send_envelope (SoupServerMessage *message,
               int                code,
               JsonNode          *data)
{
  const char *msg;

  switch (code)
    {
    case 200: msg = "ok"; break;
    case 10013: msg = "token invalid"; break;
    case 10014: msg = "key invalid"; break;
    default: msg = "parameter error"; break;
    }

  td_sandbox_http_send_envelope (message, code, msg, data);
}

static void
add_place (JsonBuilder *builder,
           const char  *code_member,
           const char  *code,
           const char  *name_member,
           const char  *name)
{
  json_builder_begin_object (builder);
  if (code_member != NULL)
    {
      json_builder_set_member_name (builder, code_member);
      json_builder_add_string_value (builder, code);
    }
  json_builder_set_member_name (builder, name_member);
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
}

/* The list for @path, or NULL for a parameter error. */
static JsonNode *
list_places (const char *path,
             GHashTable *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *proxy_type = g_hash_table_lookup (query, "proxy_type");
  const char *country_code = g_hash_table_lookup (query, "country_code");
  const char *state_code = g_hash_table_lookup (query, "state_code");
  g_autofree char *country = NULL;
  g_autofree char *state = NULL;

  if (g_strcmp0 (proxy_type, "1") != 0 && g_strcmp0 (proxy_type, "2") != 0 &&
      g_strcmp0 (proxy_type, "3") != 0)
    return NULL;

  /* The SDKs send the country upper case and the state lower case;
   * either is accepted. */
  if (country_code != NULL && *country_code != '\0')
    country = g_ascii_strdown (country_code, -1);
  if (state_code != NULL && *state_code != '\0')
    state = g_ascii_strdown (state_code, -1);

  if (!g_str_equal (path, "/api/locations/countries") && country == NULL)
    return NULL;

  json_builder_begin_array (builder);

  if (g_str_equal (path, "/api/locations/countries"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
        add_place (builder, "country_code", countries[i].code, "country_name", countries[i].name);
    }
  else if (g_str_equal (path, "/api/locations/states"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (states); i++)
        if (g_str_equal (states[i].country, country))
          add_place (builder, "state_code", states[i].code, "state_name", states[i].name);
    }
  else if (g_str_equal (path, "/api/locations/cities"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
        if (g_str_equal (cities[i].country, country) &&
            (state == NULL || g_str_equal (cities[i].state, state)))
          add_place (builder, NULL, NULL, "city_name", cities[i].name);
    }
  else
    {
      g_autofree char *upper = g_ascii_strup (country, -1);

      for (guint i = 0; i < G_N_ELEMENTS (asns); i++)
        if (g_str_equal (asns[i].country, country))
          {
            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "country_code");
            json_builder_add_string_value (builder, upper);
            json_builder_set_member_name (builder, "asn_code");
            json_builder_add_string_value (builder, asns[i].code);
            json_builder_set_member_name (builder, "asn_name");
            json_builder_add_string_value (builder, asns[i].name);
            json_builder_end_object (builder);
          }
    }

  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static void
locations_callback (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  LocationsApi *api = user_data;
  const char *method = soup_server_message_get_method (message);
  g_autoptr(GHashTable) empty = NULL;
  g_autoptr(JsonNode) data = NULL;
  int code;

  if (!g_str_equal (path, "/api/locations/countries") &&
      !g_str_equal (path, "/api/locations/states") &&
      !g_str_equal (path, "/api/locations/cities") &&
      !g_str_equal (path, "/api/locations/asn"))
    {
      static const char body[] = "<html><head><title>404 Not Found</title></head>"
                                 "<body><h1>404 Not Found</h1></body></html>\r\n";

      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
      return;
    }

  if (!g_str_equal (method, SOUP_METHOD_GET))
    {
      soup_message_headers_append (soup_server_message_get_response_headers (message),
                                   "Allow", "GET");
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (query == NULL)
    query = empty = g_hash_table_new (g_str_hash, g_str_equal);

  if (!td_sandbox_http_secret_equal (g_hash_table_lookup (query, "token"), *api->token))
    code = 10013;
  else if (*api->key != NULL && !td_sandbox_http_secret_equal (g_hash_table_lookup (query, "key"), *api->key))
    code = 10014;
  else if ((data = list_places (path, query)) == NULL)
    code = 10000;
  else
    code = 200;

  send_envelope (message, code, data);
  g_debug ("sandbox: %s %s -> %d", method, path, code);
}

void
td_sandbox_locations_attach (SoupServer  *server,
                             char *const *token,
                             char *const *key)
{
  LocationsApi *api;

  g_return_if_fail (SOUP_IS_SERVER (server));
  g_return_if_fail (token != NULL && key != NULL);

  api = g_new0 (LocationsApi, 1);
  api->token = token;
  api->key = key;

  soup_server_add_early_handler (server, "/api/locations", td_sandbox_http_early_check, NULL, NULL);
  soup_server_add_handler (server, "/api/locations", locations_callback, api, g_free);
}

/* Whether @name, written as a login writes it, is @login_value. */
static gboolean
same_in_login (TdGatewayField  field,
               const char     *name,
               const char     *login_value)
{
  g_autofree char *written = td_gateway_normalize_field (field, name);

  return g_strcmp0 (written, login_value) == 0;
}

TdSandboxPlaceMatch
td_sandbox_locations_match (const char     *country,
                            const char     *state,
                            const char     *city,
                            const char     *asn,
                            guint           any_index,
                            TdSandboxPlace *out_place)
{
  static char upper[G_N_ELEMENTS (countries)][3];
  TdSandboxPlace place = { NULL, NULL, NULL, NULL, NULL };
  guint index = G_N_ELEMENTS (countries);

  g_return_val_if_fail (out_place != NULL, TD_SANDBOX_PLACE_UNKNOWN_COUNTRY);

  if (country == NULL)
    index = any_index % G_N_ELEMENTS (countries);
  else
    for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
      if (g_str_equal (countries[i].code, country))
        index = i;

  if (index == G_N_ELEMENTS (countries))
    return TD_SANDBOX_PLACE_UNKNOWN_COUNTRY;

  country = countries[index].code;
  if (upper[index][0] == '\0')
    for (guint j = 0; j < 2; j++)
      upper[index][j] = g_ascii_toupper (country[j]);
  place.country_code = upper[index];

  if (state != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (states); i++)
        if (g_str_equal (states[i].country, country) && g_str_equal (states[i].code, state))
          place.state_name = states[i].name;
      if (place.state_name == NULL)
        return TD_SANDBOX_PLACE_MISMATCH;
    }

  if (city != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
        if (g_str_equal (cities[i].country, country) &&
            (state == NULL || g_str_equal (cities[i].state, state)) &&
            same_in_login (TD_GATEWAY_FIELD_CITY, cities[i].name, city))
          {
            place.city_name = cities[i].name;
            /* The city's state, when none was asked. */
            for (guint j = 0; place.state_name == NULL && j < G_N_ELEMENTS (states); j++)
              if (g_str_equal (states[j].country, country) &&
                  g_str_equal (states[j].code, cities[i].state))
                place.state_name = states[j].name;
          }
      if (place.city_name == NULL)
        return TD_SANDBOX_PLACE_MISMATCH;
    }

  if (asn != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (asns); i++)
        if (g_str_equal (asns[i].country, country) && g_str_equal (asns[i].code, asn))
          {
            place.asn = asns[i].code;
            place.asn_name = asns[i].name;
          }
      if (place.asn == NULL)
        return TD_SANDBOX_PLACE_MISMATCH;
    }

  *out_place = place;

  return TD_SANDBOX_PLACE_FOUND;
}
