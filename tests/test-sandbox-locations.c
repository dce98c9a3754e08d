/* test-sandbox-locations.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What --sandbox adds for the pages beyond the proxy users: the Locations
 * API, read by the real locations client, and the create rate limit that
 * answers 10011. */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "td-api-client.h"
#include "td-error.h"
#include "td-locations.h"
#include "td-sandbox.h"

#define WAIT_SECONDS 20

typedef struct
{
  TdSandbox   *sandbox;
  TdApiClient *client;
  TdLocations *locations;
  char        *cache_dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = td_sandbox_new ();
  g_assert_true (td_sandbox_start (fixture->sandbox, &error));
  g_assert_no_error (error);

  fixture->client = td_api_client_new (td_sandbox_get_base_url (fixture->sandbox));
  td_api_client_set_credentials (fixture->client, TD_SANDBOX_DEFAULT_TOKEN, NULL);

  fixture->cache_dir = g_dir_make_tmp ("td-sandbox-locations-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->locations = td_locations_new (fixture->client, fixture->cache_dir);
  /* Always from the server: the test is about its answers. */
  td_locations_set_max_age (fixture->locations, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->locations);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
  remove_tree (fixture->cache_dir);
  g_free (fixture->cache_dir);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
wait_for_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);
}

/* The places, or NULL with @error. */
static GPtrArray *
list_places (Fixture         *fixture,
             TdLocationKind   kind,
             TdProxyType      proxy_type,
             const char      *country,
             const char      *state,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gboolean from_cache = TRUE;
  GPtrArray *places;

  td_locations_list_async (fixture->locations, kind, proxy_type, country, state, NULL,
                           store_result_cb, &result);
  wait_for_result (&result);
  places = td_locations_list_finish (fixture->locations, result, &from_cache, error);
  if (places != NULL)
    g_assert_false (from_cache);

  return places;
}

/* "code=name,code=name" of @places, for short assertions. */
static char *
join_places (GPtrArray *places)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < places->len; i++)
    {
      TdLocation *place = g_ptr_array_index (places, i);

      g_string_append_printf (text, "%s%s", i > 0 ? "," : "", place->code);
    }

  return g_strdup (text->str);
}

static gboolean
has_code (GPtrArray  *places,
          const char *code)
{
  for (guint i = 0; i < places->len; i++)
    if (g_str_equal (((TdLocation *) g_ptr_array_index (places, i))->code, code))
      return TRUE;

  return FALSE;
}

static void
test_locations (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) countries = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GPtrArray) all_cities = NULL;
  g_autoptr(GPtrArray) asns = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  countries = list_places (fixture, TD_LOCATION_KIND_COUNTRY, TD_PROXY_TYPE_RESIDENTIAL,
                           NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (countries->len, ==, 5);
  g_assert_true (has_code (countries, "us"));
  g_assert_true (has_code (countries, "de"));
  g_assert_true (has_code (countries, "br"));

  /* The client sends the country upper case, as the SDKs do. */
  states = list_places (fixture, TD_LOCATION_KIND_STATE, TD_PROXY_TYPE_MOBILE, "US", NULL, &error);
  g_assert_no_error (error);
  text = join_places (states);
  g_assert_cmpstr (text, ==, "california,new_york,texas");
  g_clear_pointer (&text, g_free);

  /* Cities have a name only: the login writes it lower case with '_'. */
  cities = list_places (fixture, TD_LOCATION_KIND_CITY, TD_PROXY_TYPE_RESIDENTIAL,
                        "us", "california", &error);
  g_assert_no_error (error);
  text = join_places (cities);
  g_assert_cmpstr (text, ==, "los_angeles,san_francisco");
  g_clear_pointer (&text, g_free);

  all_cities = list_places (fixture, TD_LOCATION_KIND_CITY, TD_PROXY_TYPE_RESIDENTIAL,
                            "us", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all_cities->len, ==, 5);
  g_assert_true (has_code (all_cities, "houston"));

  asns = list_places (fixture, TD_LOCATION_KIND_ASN, TD_PROXY_TYPE_UNLIMITED, "gb", NULL, &error);
  g_assert_no_error (error);
  text = join_places (asns);
  g_assert_cmpstr (text, ==, "AS2856");

  /* A country the sandbox does not know: an empty list, not an error. */
  none = list_places (fixture, TD_LOCATION_KIND_STATE, TD_PROXY_TYPE_RESIDENTIAL, "fr", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static JsonNode *
call (Fixture    *fixture,
      const char *path,
      JsonObject *fields,
      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_api_client_call_async (fixture->client, "GET", path, fields, NULL, store_result_cb, &result);
  wait_for_result (&result);
  return td_api_client_call_finish (fixture->client, result, error);
}

/* What the client does not check, the sandbox does, like the server. */
static void
test_locations_errors (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(JsonObject) no_type = json_object_new ();
  g_autoptr(JsonObject) no_country = json_object_new ();
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GError) error = NULL;

  data = call (fixture, "/locations/countries", no_type, &error);
  g_assert_error (error, TD_SERVER_ERROR, 10000);
  g_assert_null (data);
  g_clear_error (&error);

  json_object_set_int_member (no_country, "proxy_type", 1);
  data = call (fixture, "/locations/cities", no_country, &error);
  g_assert_error (error, TD_SERVER_ERROR, 10000);
  g_clear_error (&error);

  data = call (fixture, "/locations/countries", no_country, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (data));
  g_clear_pointer (&data, json_node_unref);

  /* A wrong token: 10013. */
  td_api_client_set_credentials (fixture->client, "wrong-token", NULL);
  data = call (fixture, "/locations/countries", no_country, &error);
  g_assert_error (error, TD_SERVER_ERROR, 10013);
}

static gint64
create (Fixture    *fixture,
        const char *username)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new_full (TD_PROXY_TYPE_RESIDENTIAL, username,
                                                        "Secret123", 0, TRUE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  td_api_client_create_user_async (fixture->client, user, NULL, store_result_cb, &result);
  wait_for_result (&result);
  if (td_api_client_create_user_finish (fixture->client, result, &error))
    return 200;

  g_assert_true (error->domain == TD_SERVER_ERROR);
  return error->code;
}

/* Past the limit within the window: 10011 and nothing created; after the
 * window, creates go through again.  Off by default. */
static void
test_create_rate_limit (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GAsyncResult *results[8] = { NULL };
  guint n_ok = 0, n_throttled = 0;

  /* No limit: a burst goes through. */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("free%04u", i);

      g_assert_cmpint (create (fixture, name), ==, 200);
    }

  td_sandbox_set_create_rate_limit (fixture->sandbox, 3, 1500);
  g_assert_cmpint (create (fixture, "fast0001"), ==, 200);
  g_assert_cmpint (create (fixture, "fast0002"), ==, 200);
  g_assert_cmpint (create (fixture, "fast0003"), ==, 200);
  g_assert_cmpint (create (fixture, "fast0004"), ==, 10011);
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "fast0004"));
  /* One refused does not count: it is still refused, not longer. */
  g_assert_cmpint (create (fixture, "fast0004"), ==, 10011);

  g_usleep (1600 * 1000);
  g_assert_cmpint (create (fixture, "fast0004"), ==, 200);
  g_assert_nonnull (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "fast0004"));

  /* Eight at once: three pass, five are told to slow down. */
  g_usleep (1600 * 1000);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *name = g_strdup_printf ("burst%03u", i);
      g_autoptr(TdProxyUser) user = td_proxy_user_new_full (TD_PROXY_TYPE_RESIDENTIAL, name,
                                                            "Secret123", 0, TRUE);

      td_api_client_create_user_async (fixture->client, user, NULL, store_result_cb, &results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;

      wait_for_result (&results[i]);
      if (td_api_client_create_user_finish (fixture->client, results[i], &error))
        n_ok++;
      else if (g_error_matches (error, TD_SERVER_ERROR, 10011))
        n_throttled++;
      g_clear_object (&results[i]);
    }
  g_assert_cmpuint (n_ok, ==, 3);
  g_assert_cmpuint (n_throttled, ==, 5);

  /* Off again. */
  td_sandbox_set_create_rate_limit (fixture->sandbox, 0, 0);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("again%03u", i);

      g_assert_cmpint (create (fixture, name), ==, 200);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD_TEST ("/sandbox/locations/lists", test_locations);
  ADD_TEST ("/sandbox/locations/errors", test_locations_errors);
  ADD_TEST ("/sandbox/create/rate-limit", test_create_rate_limit);

#undef ADD_TEST

  return g_test_run ();
}
