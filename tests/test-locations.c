/* test-locations.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "td-error.h"
#include "td-locations.h"

/* A loopback Locations API: answers every GET with `body` and records
 * what it was asked. */
typedef struct
{
  SoupServer   *server;
  char         *base_url;
  char         *cache_dir;
  TdApiClient  *client;
  TdLocations  *locations;

  guint         status;
  char         *body;
  guint         n_requests;
  char         *last_path;
  GHashTable   *last_query;

  /* the result */
  gboolean      done;
  GPtrArray    *places;
  gboolean      from_cache;
  GError       *error;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;

  f->n_requests++;
  g_free (f->last_path);
  f->last_path = g_strdup (path);
  g_clear_pointer (&f->last_query, g_hash_table_unref);
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      f->last_query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (f->last_query, g_strdup (key), g_strdup (value));
    }

  soup_server_message_set_status (msg, f->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    f->body, strlen (f->body));
}

static void
set_answer (Fixture    *f,
            guint       status,
            const char *data_json)
{
  g_free (f->body);
  f->status = status;
  if (status == 200)
    f->body = g_strdup_printf ("{\"code\":200,\"msg\":\"ok\",\"data\":%s}", data_json);
  else
    f->body = g_strdup (data_json);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/api/locations", server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  {
    g_autofree char *origin = g_uri_to_string (uris->data);

    f->base_url = g_strconcat (origin, origin[strlen (origin) - 1] == '/' ? "" : "/", "api", NULL);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->cache_dir = g_dir_make_tmp ("td-locations-XXXXXX", &error);
  g_assert_no_error (error);

  f->client = td_api_client_new (f->base_url);
  td_api_client_set_credentials (f->client, "test-token", "test-key");
  f->locations = td_locations_new (f->client, f->cache_dir);
  set_answer (f, 200, "[]");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->locations);
  g_clear_object (&f->client);
  g_clear_object (&f->server);
  remove_tree (f->cache_dir);
  g_free (f->cache_dir);
  g_free (f->base_url);
  g_free (f->body);
  g_free (f->last_path);
  g_clear_pointer (&f->last_query, g_hash_table_unref);
  g_clear_pointer (&f->places, g_ptr_array_unref);
  g_clear_error (&f->error);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  f->places = td_locations_list_finish (TD_LOCATIONS (source), result, &f->from_cache, &f->error);
  f->done = TRUE;
}

static void
list (Fixture        *f,
      TdLocationKind  kind,
      const char     *country,
      const char     *state)
{
  g_clear_pointer (&f->places, g_ptr_array_unref);
  g_clear_error (&f->error);
  f->done = FALSE;
  f->from_cache = -1;

  td_locations_list_async (f->locations, kind, TD_PROXY_TYPE_RESIDENTIAL, country, state,
                           NULL, on_listed, f);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
}

static TdLocation *
place (Fixture *f,
       guint    i)
{
  g_assert_nonnull (f->places);
  g_assert_cmpuint (i, <, f->places->len);
  return g_ptr_array_index (f->places, i);
}

static char *
only_cache_file (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->cache_dir, 0, NULL);
  const char *name = g_dir_read_name (dir);

  g_assert_nonnull (name);
  g_assert_null (g_dir_read_name (dir));
  return g_build_filename (f->cache_dir, name, NULL);
}

/* Move the cache file's "fetched" time @seconds into the past. */
static void
age_cache (Fixture *f,
           gint64   seconds)
{
  g_autofree char *path = only_cache_file (f);
  g_autofree char *text = NULL;
  g_autofree char *aged = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("\"fetched\"\\s*:\\s*[0-9]+", 0, 0, NULL);
  g_autofree char *replacement = g_strdup_printf ("\"fetched\":%" G_GINT64_FORMAT,
                                                  g_get_real_time () / G_USEC_PER_SEC - seconds);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  aged = g_regex_replace_literal (regex, text, -1, 0, replacement, 0, NULL);
  g_assert_cmpstr (aged, !=, text);
  g_assert_true (g_file_set_contents (path, aged, -1, NULL));
}

static void
test_countries_cached (Fixture       *f,
                       gconstpointer  data)
{
  set_answer (f, 200,
              "[{\"country_code\":\"US\",\"country_name\":\"United States\"},"
              " {\"country_code\":\"de\",\"country_name\":\"Germany\"},"
              " {\"country_code\":\"XX1\",\"country_name\":\"Broken\"},"
              " {\"country_name\":\"No code\"}, 42, null,"
              " {\"code\":\"fr\",\"name\":\"France\"},"
              " {\"country_code\":\"us\",\"country_name\":\"Twice\"}]");
  list (f, TD_LOCATION_KIND_COUNTRY, NULL, NULL);

  g_assert_no_error (f->error);
  g_assert_false (f->from_cache);
  g_assert_cmpuint (f->n_requests, ==, 1);
  g_assert_cmpstr (f->last_path, ==, "/api/locations/countries");
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "proxy_type"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "token"), ==, "test-token");
  g_assert_false (g_hash_table_contains (f->last_query, "country_code"));

  /* Bad items skipped, a duplicate dropped, codes lower case, by name. */
  g_assert_cmpuint (f->places->len, ==, 3);
  g_assert_cmpstr (place (f, 0)->code, ==, "fr");
  g_assert_cmpstr (place (f, 0)->name, ==, "France");
  g_assert_cmpstr (place (f, 1)->code, ==, "de");
  g_assert_cmpstr (place (f, 2)->code, ==, "us");
  g_assert_cmpstr (place (f, 2)->name, ==, "United States");

  /* The second time from the disk, without a request. */
  set_answer (f, 200, "[{\"country_code\":\"jp\",\"country_name\":\"Japan\"}]");
  list (f, TD_LOCATION_KIND_COUNTRY, NULL, NULL);
  g_assert_no_error (f->error);
  g_assert_true (f->from_cache);
  g_assert_cmpuint (f->n_requests, ==, 1);
  g_assert_cmpuint (f->places->len, ==, 3);

  /* A day later, asked again. */
  age_cache (f, TD_LOCATIONS_MAX_AGE_SECONDS + 1);
  list (f, TD_LOCATION_KIND_COUNTRY, NULL, NULL);
  g_assert_no_error (f->error);
  g_assert_false (f->from_cache);
  g_assert_cmpuint (f->n_requests, ==, 2);
  g_assert_cmpuint (f->places->len, ==, 1);
  g_assert_cmpstr (place (f, 0)->code, ==, "jp");

  /* Still fresh a minute before the day is over. */
  age_cache (f, TD_LOCATIONS_MAX_AGE_SECONDS - 60);
  list (f, TD_LOCATION_KIND_COUNTRY, NULL, NULL);
  g_assert_true (f->from_cache);
  g_assert_cmpuint (f->n_requests, ==, 2);
}

static void
test_offline_uses_expired (Fixture       *f,
                           gconstpointer  data)
{
  set_answer (f, 200, "[{\"state_code\":\"california\",\"state_name\":\"California\"}]");
  list (f, TD_LOCATION_KIND_STATE, "US", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "country_code"), ==, "US");
  g_assert_cmpstr (f->last_path, ==, "/api/locations/states");

  /* Expired, and the server fails: the old answer, marked as cached. */
  age_cache (f, 2 * TD_LOCATIONS_MAX_AGE_SECONDS);
  set_answer (f, 500, "<html>down</html>");
  list (f, TD_LOCATION_KIND_STATE, "us", NULL);
  g_assert_no_error (f->error);
  g_assert_true (f->from_cache);
  g_assert_cmpuint (f->n_requests, ==, 2);
  g_assert_cmpuint (f->places->len, ==, 1);
  g_assert_cmpstr (place (f, 0)->code, ==, "california");

  /* No cache for another country: the error, in words. */
  list (f, TD_LOCATION_KIND_STATE, "gb", NULL);
  g_assert_null (f->places);
  g_assert_nonnull (f->error);
  g_assert_true (f->error->domain == TD_API_ERROR || f->error->domain == TD_SERVER_ERROR);

  /* The server gone entirely. */
  g_clear_object (&f->server);
  list (f, TD_LOCATION_KIND_STATE, "gb", NULL);
  g_assert_error (f->error, TD_API_ERROR, TD_API_ERROR_CONNECTION);
  list (f, TD_LOCATION_KIND_STATE, "us", NULL);
  g_assert_no_error (f->error);
  g_assert_true (f->from_cache);
}

static void
test_shapes (Fixture       *f,
             gconstpointer  data)
{
  /* data is not a list */
  set_answer (f, 200, "{\"unexpected\":1}");
  list (f, TD_LOCATION_KIND_COUNTRY, NULL, NULL);
  g_assert_error (f->error, TD_LOCATIONS_ERROR, TD_LOCATIONS_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (f->error->message, ==, "The server’s list of places could not be read.");

  set_answer (f, 200, "\"text\"");
  list (f, TD_LOCATION_KIND_COUNTRY, NULL, NULL);
  g_assert_error (f->error, TD_LOCATIONS_ERROR, TD_LOCATIONS_ERROR_INVALID_RESPONSE);

  /* An envelope error from the server */
  set_answer (f, 200, "[]");
  g_free (f->body);
  f->body = g_strdup ("{\"code\":10014,\"msg\":\"apiKey error\",\"data\":null}");
  list (f, TD_LOCATION_KIND_COUNTRY, NULL, NULL);
  g_assert_error (f->error, TD_SERVER_ERROR, 10014);

  /* An empty list is an answer, and is cached. */
  set_answer (f, 200, "{\"list\":[]}");
  list (f, TD_LOCATION_KIND_COUNTRY, NULL, NULL);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->places->len, ==, 0);
  list (f, TD_LOCATION_KIND_COUNTRY, NULL, NULL);
  g_assert_true (f->from_cache);
  g_assert_cmpuint (f->places->len, ==, 0);
  g_assert_cmpuint (f->n_requests, ==, 4);
}

static void
test_cities_and_asns (Fixture       *f,
                      gconstpointer  data)
{
  /* JS and GO know only city_name. */
  set_answer (f, 200, "[{\"city_name\":\"Los Angeles\"},{\"city_code\":\"hayward\",\"city_name\":\"Hayward\"},"
                      "{\"city_name\":\"Winston-Salem\"}]");
  list (f, TD_LOCATION_KIND_CITY, "us", "California");
  g_assert_no_error (f->error);
  g_assert_cmpstr (f->last_path, ==, "/api/locations/cities");
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "country_code"), ==, "US");
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "state_code"), ==, "california");
  g_assert_cmpuint (f->places->len, ==, 2);
  g_assert_cmpstr (place (f, 0)->code, ==, "hayward");
  g_assert_cmpstr (place (f, 1)->code, ==, "los_angeles");
  g_assert_cmpstr (place (f, 1)->name, ==, "Los Angeles");

  /* The zh-hk ASN page's example */
  set_answer (f, 200, "[{\"country_code\":\"US\",\"asn_code\":\"AS10796\",\"asn_name\":\"Charter Communications Inc\"},"
                      "{\"asn_code\":7922,\"asn_name\":\"Comcast\"}]");
  list (f, TD_LOCATION_KIND_ASN, "us", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpstr (f->last_path, ==, "/api/locations/asn");
  g_assert_cmpuint (f->places->len, ==, 2);
  g_assert_cmpstr (place (f, 0)->code, ==, "AS10796");
  g_assert_cmpstr (place (f, 1)->code, ==, "AS7922");

  /* Without a country, nothing is asked. */
  list (f, TD_LOCATION_KIND_CITY, NULL, "california");
  g_assert_error (f->error, TD_LOCATIONS_ERROR, TD_LOCATIONS_ERROR_NEEDS_COUNTRY);
  g_assert_cmpuint (f->n_requests, ==, 2);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  f->done = FALSE;
  td_locations_list_async (f->locations, TD_LOCATION_KIND_COUNTRY, TD_PROXY_TYPE_UNLIMITED,
                           NULL, NULL, cancellable, on_listed, f);
  g_cancellable_cancel (cancellable);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/locations/countries-cached", test_countries_cached);
  ADD ("/locations/offline-uses-expired", test_offline_uses_expired);
  ADD ("/locations/shapes", test_shapes);
  ADD ("/locations/cities-and-asns", test_cities_and_asns);
  ADD ("/locations/cancel", test_cancel);

  return g_test_run ();
}
