/* test-address.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one check of the API address (td_api_address_check), with the
 * message the admin sees for each refusal; then the same addresses aimed
 * at a live loopback server, through the client and through the real
 * binary's --api-url: a refused address gets no request at all. */

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "td-api-address.h"
#include "td-api-client.h"
#include "td-error.h"

#define TOKEN "addrTokenH4k2Pq77"
#define OK_ENVELOPE "{\"code\":200,\"data\":{},\"msg\":\"ok\"}"

typedef struct
{
  const char *url;
  /* The host reported on success, or NULL for a refusal. */
  const char *host;
  /* A part of the refusal's message. */
  const char *message;
} Row;

static const Row rows[] = {
  /* Accepted. */
  { "https://openapi.thordata.com/api", "openapi.thordata.com", NULL },
  { "https://OpenAPI.Thordata.COM/api/", "openapi.thordata.com", NULL },
  { "https://api.thordata.com/api", "api.thordata.com", NULL },
  { "https://openapi.thordata.com:8443/api", "openapi.thordata.com", NULL },
  { "https://203.0.113.7/api", "203.0.113.7", NULL },
  { "http://127.0.0.1:8080/api", "127.0.0.1", NULL },
  { "http://127.1.2.3/api", "127.1.2.3", NULL },
  { "http://localhost:8080/api", "localhost", NULL },
  { "http://LOCALHOST/api", "localhost", NULL },
  { "http://[::1]:8080/api", "::1", NULL },
  { "https://[2001:db8::1]/api", "2001:db8::1", NULL },

  /* Plain HTTP to anything but this computer. */
  { "http://openapi.thordata.com/api", NULL, "which would send the token unencrypted" },
  { "http://203.0.113.7/api", NULL, "which would send the token unencrypted" },
  { "http://[2001:db8::1]/api", NULL, "which would send the token unencrypted" },
  { "http://localhost.example/api", NULL, "which would send the token unencrypted" },
  { "http://127.0.0.1.nip.io/api", NULL, "which would send the token unencrypted" },

  /* User information: the shown host is not the contacted one. */
  { "https://openapi.thordata.com@evil.example/api", NULL, "contains “@”" },
  { "https://user:pass@openapi.thordata.com/api", NULL, "contains “@”" },
  { "https://openapi.thordata.com%40evil.example/api", NULL, "percent sign" },
  { "https://openapi.thordata.com\\@evil.example/api", NULL, "contains “@”" },
  { "https://openapi.thordata.com\\evil.example/api", NULL, "backslash" },

  /* Look-alikes: a Greek omicron, Cyrillic letters, and the punycode
   * GUri would turn them into. */
  { "https://th\xce\xbfrdata.com/api", NULL, "not a plain ASCII letter" },
  { "https://openapi.th\xd0\xbe" "rdata.com/api", NULL, "not a plain ASCII letter" },
  { "https://xn--thrdata-9of.com/api", NULL, "punycode" },
  { "https://openapi.XN--thrdata-9of.com/api", NULL, "punycode" },
  { "https://openapi.thordata.com/\xe2\x80\xae" "ipa", NULL, "not a plain ASCII letter" },

  /* Trailing dot, odd characters in the host. */
  { "https://openapi.thordata.com./api", NULL, "ends with a dot" },
  { "http://localhost./api", NULL, "ends with a dot" },
  { "https://openapi_thordata.com/api", NULL, "only letters, digits, dots and hyphens" },
  { "https://openapi..thordata.com/api", NULL, "only letters, digits, dots and hyphens" },

  /* Whitespace and control characters. */
  { " https://openapi.thordata.com/api", NULL, "a space, a line break" },
  { "https://openapi.thordata.com/api ", NULL, "a space, a line break" },
  { "https://openapi.thordata.com\n.evil.example/api", NULL, "a space, a line break" },
  { "https://openapi.thordata.com/a\tpi", NULL, "a space, a line break" },
  { "https://openapi.thordata.com\x7f/api", NULL, "a space, a line break" },
  { "https://openapi.thordata.com\r/api", NULL, "a space, a line break" },

  /* Query and fragment. */
  { "https://openapi.thordata.com/api?x=1", NULL, "without a query or a fragment" },
  { "https://openapi.thordata.com/api?", NULL, "without a query or a fragment" },
  { "https://openapi.thordata.com/api#top", NULL, "without a query or a fragment" },

  /* Not a web address at all. */
  { "", NULL, "Enter an API address" },
  { "openapi.thordata.com/api", NULL, "not a web address starting with https://" },
  { "ftp://openapi.thordata.com/api", NULL, "not a web address starting with https://" },
  { "https:///api", NULL, "not a web address starting with https://" },
  { "javascript:alert(1)", NULL, "not a web address starting with https://" },
  { "https://<a href='x'>openapi.thordata.com</a>/api", NULL, "a space, a line break" },
  { "https://<b>openapi.thordata.com</b>/api", NULL, "web addresses do not allow" },
  { "https://openapi.thordata.com/api/<b>x</b>", NULL, "web addresses do not allow" },
  { "https://openapi.thordata.com/a\"pi", NULL, "web addresses do not allow" },
  { "https://openapi.thordata.com/{api}", NULL, "web addresses do not allow" },
  { "https://openapi.thordata.com/a|pi", NULL, "web addresses do not allow" },
};

static void
test_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *row = &rows[i];
      g_autofree char *host = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ok = td_api_address_check (row->url, &host, &error);
      g_test_message ("%s → %s", row->url, ok ? host : error->message);

      if (row->host != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (host, ==, row->host);
          g_assert_true (td_api_client_is_valid_base_url (row->url));
        }
      else
        {
          g_assert_false (ok);
          g_assert_null (host);
          g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_URL);
          if (row->message != NULL)
            g_assert_nonnull (strstr (error->message, row->message));
          /* The message never repeats the address, which may hold
           * markup or invisible characters. */
          g_assert_null (strchr (error->message, '<'));
          g_assert_null (strstr (error->message, "evil"));
          g_assert_false (td_api_client_is_valid_base_url (row->url));
        }
    }

  g_assert_true (td_api_address_is_official ("openapi.thordata.com"));
  g_assert_true (td_api_address_is_official ("OPENAPI.thordata.com"));
  g_assert_false (td_api_address_is_official ("openapi.thordata.com.evil.example"));
  g_assert_false (td_api_address_is_official ("api.thordata.com"));
  g_assert_false (td_api_address_is_official (NULL));
}

/* A loopback server that counts whatever reaches it. */
typedef struct
{
  SoupServer *server;
  guint       port;
  guint       n_requests;
} Server;

static void
count_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Server *counter = user_data;

  counter->n_requests++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    OK_ENVELOPE, strlen (OK_ENVELOPE));
}

static void
server_start (Server *counter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  counter->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (counter->server, NULL, count_cb, counter, NULL);
  soup_server_listen_local (counter->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (counter->server);
  counter->port = g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
}

/* Refused addresses that would reach the server if they were not. */
static char **
refused_live_urls (guint port)
{
  GPtrArray *urls = g_ptr_array_new ();

  g_ptr_array_add (urls, g_strdup_printf ("http://x@127.0.0.1:%u/api", port));
  g_ptr_array_add (urls, g_strdup_printf ("http://127.0.0.1:%u@127.0.0.1:%u/api", port, port));
  g_ptr_array_add (urls, g_strdup_printf ("http://localhost.:%u/api", port));
  g_ptr_array_add (urls, g_strdup_printf ("http://127.0.0.1:%u/api?x=1", port));
  g_ptr_array_add (urls, g_strdup_printf ("http://127.0.0.1:%u/api#f", port));
  g_ptr_array_add (urls, g_strdup_printf ("http://127.0.0.1:%u/api\n", port));
  g_ptr_array_add (urls, g_strdup_printf (" http://127.0.0.1:%u/api", port));
  g_ptr_array_add (urls, g_strdup_printf ("http://%%31%%32%%37.0.0.1:%u/api", port));
  g_ptr_array_add (urls, NULL);

  return (char **) g_ptr_array_free (urls, FALSE);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;
  JsonNode *node;

  node = td_api_client_call_finish (TD_API_CLIENT (object), result, error);
  if (node != NULL)
    json_node_unref (node);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "succeeded");
}

static void
test_client_sends_nothing (void)
{
  Server counter = { 0 };
  g_auto(GStrv) urls = NULL;
  g_autofree char *good = NULL;

  server_start (&counter);
  urls = refused_live_urls (counter.port);

  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(TdApiClient) client = td_api_client_new (urls[i]);
      GError *error = NULL;

      td_api_client_set_credentials (client, TOKEN, NULL);
      g_assert_null (td_api_client_build_url (client, "/proxy-users/user-list"));

      td_api_client_call_async (client, "GET", "/proxy-users/user-list", NULL, NULL,
                                call_cb, &error);
      while (error == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_URL);
      g_clear_error (&error);

      td_api_client_call_async (client, "POST", "/proxy-users/delete-user", NULL, NULL,
                                call_cb, &error);
      while (error == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_URL);
      g_clear_error (&error);
    }

  /* Let anything that slipped through arrive. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (counter.n_requests, ==, 0);

  /* The same server is reached by an accepted address: the count above
   * could have moved. */
  {
    g_autoptr(TdApiClient) client = NULL;
    GError *error = NULL;

    good = g_strdup_printf ("http://127.0.0.1:%u/api", counter.port);
    client = td_api_client_new (good);
    td_api_client_set_credentials (client, TOKEN, NULL);
    td_api_client_call_async (client, "GET", "/proxy-users/user-list", NULL, NULL,
                              call_cb, &error);
    while (error == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_clear_error (&error);
    g_assert_cmpuint (counter.n_requests, ==, 1);
  }

  g_object_unref (counter.server);
}

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;

  g_object_set_data_full (object, "result", g_object_ref (result), g_object_unref);
  *done = TRUE;
}

static void
test_app_contacts_nothing (void)
{
  Server counter = { 0 };
  g_auto(GStrv) urls = NULL;
  g_autofree char *binary = NULL;

  binary = g_build_filename (g_getenv ("THORDESK_BUILD_ROOT"), "src", "thordesk", NULL);
  server_start (&counter);
  urls = refused_live_urls (counter.port);

  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(GSubprocess) app = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      gboolean done = FALSE;

      app = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, binary, "--api-url", urls[i], NULL);
      g_assert_no_error (error);

      /* The server keeps answering while the app runs. */
      g_subprocess_communicate_utf8_async (app, NULL, NULL, communicate_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);

      g_subprocess_communicate_utf8_finish (app, g_object_get_data (G_OBJECT (app), "result"),
                                            &out, &err, &error);
      g_assert_no_error (error);
      g_test_message ("%s", err);
      g_assert_true (g_str_has_prefix (err, "--api-url: "));
      g_subprocess_wait (app, NULL, &error);
      g_assert_no_error (error);

      g_assert_true (g_subprocess_get_if_exited (app));
      g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 2);
    }

  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (counter.n_requests, ==, 0);

  g_object_unref (counter.server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/address/table", test_table);
  g_test_add_func ("/address/client-sends-nothing", test_client_sends_nothing);
  g_test_add_func ("/address/app-contacts-nothing", test_app_contacts_nothing);

  return g_test_run ();
}
