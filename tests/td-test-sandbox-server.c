/* td-test-sandbox-server.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A sandbox in a process of its own, for tests that drive the real
 * binary from outside (the AT-SPI tests, in Python):
 *
 *   td-test-sandbox-server [--token TOKEN] [--key KEY] [--hang [--answer N]] REQUESTS
 *
 * prints its base URL ("http://127.0.0.1:PORT/api") on one line of
 * standard output, then appends every request it receives to the file
 * REQUESTS as one JSON object per line:
 *
 *   {"method": "POST", "path": "/api/proxy-users/create-user",
 *    "content_type": "application/json", "token": "…", "key": null,
 *    "fields": {…the body or query, decoded…}}
 *
 * It serves a TdSandbox that accepts TOKEN (and KEY), or with --hang a
 * server that records each request and never answers it, for tests of
 * what the app does while a request is in flight; with --answer N, the
 * first N create-user requests get a success answer before that.  It stops when its
 * standard input reaches end of file (the test closed the pipe or died)
 * or on SIGTERM/SIGINT. */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <libsoup/soup.h>

#include "td-payload.h"
#include "td-sandbox-fields.h"
#include "td-sandbox.h"

static GMainLoop *loop;
static FILE *requests_file;
static int creates_to_answer;

static void
write_request (const char *method,
               const char *path,
               const char *content_type,
               const char *token,
               const char *key,
               JsonObject *fields)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "content_type");
  json_builder_add_string_value (builder, content_type);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, key);
  json_builder_set_member_name (builder, "fields");
  if (fields != NULL)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, fields);
      json_builder_add_value (builder, node);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);

  /* One line per request, flushed at once: the test reads the file
   * while this process runs. */
  fprintf (requests_file, "%s\n", line);
  fflush (requests_file);
}

static void
request_received_cb (TdSandbox        *sandbox,
                     TdSandboxRequest *request)
{
  g_assert (request != NULL);

  write_request (request->method, request->path, request->content_type,
                 request->token, request->key, request->fields);
}

static void
hang_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonObject) fields = NULL;
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  if (g_bytes_get_size (bytes) > 0)
    fields = td_sandbox_fields_decode (bytes, content_type, NULL);

  write_request (soup_server_message_get_method (message), path, content_type,
                 soup_message_headers_get_one (headers, "token"),
                 soup_message_headers_get_one (headers, "key"),
                 fields);

  if (g_str_has_suffix (path, "/create-user") && creates_to_answer > 0)
    {
      static const char answer[] = "{\"code\":200,\"data\":{},\"msg\":\"ok\"}";

      creates_to_answer--;
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        answer, strlen (answer));
      return;
    }

  /* Never answered: the client waits until it gives up or cancels. */
  soup_server_message_pause (message);
}

static char *
start_hanging_server (SoupServer **out_server,
                      GError     **error)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoslist(GUri) uris = NULL;
  char *base_url;

  soup_server_add_handler (server, NULL, hang_handler, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;

  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  *out_server = g_steal_pointer (&server);

  return base_url;
}

static void
stdin_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GInputStream *stream = G_INPUT_STREAM (object);
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_input_stream_read_bytes_finish (stream, result, NULL);

  /* End of file or an error: the test is gone. */
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      g_main_loop_quit (loop);
      return;
    }

  g_input_stream_read_bytes_async (stream, 256, G_PRIORITY_DEFAULT, NULL,
                                   stdin_read_cb, NULL);
}

static gboolean
quit_on_signal (gpointer user_data)
{
  g_main_loop_quit (loop);

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TdSandbox) sandbox = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *key = NULL;
  g_autofree char *base_url = NULL;
  gboolean hang = FALSE;
  int max_creates = 0;
  const GOptionEntry entries[] = {
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, "Token the sandbox accepts", "TOKEN" },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, "Key the sandbox accepts", "KEY" },
    { "hang", 0, 0, G_OPTION_ARG_NONE, &hang, "Never answer a request", NULL },
    { "answer", 0, 0, G_OPTION_ARG_INT, &creates_to_answer,
      "With --hang, answer the first N create-user requests", "N" },
    { "max-creates", 0, 0, G_OPTION_ARG_INT, &max_creates,
      "Answer 10011 past N create-user requests a second", "N" },
    { NULL }
  };

  context = g_option_context_new ("REQUESTS-FILE");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: %s [--token TOKEN] [--key KEY] [--hang [--answer N]] [--max-creates N] REQUESTS-FILE\n",
                  g_get_prgname ());
      return 2;
    }

  requests_file = fopen (argv[1], "a");
  if (requests_file == NULL)
    {
      g_printerr ("cannot open %s\n", argv[1]);
      return 1;
    }

  if (hang)
    {
      base_url = start_hanging_server (&server, &error);
    }
  else
    {
      sandbox = td_sandbox_new ();
      td_sandbox_set_credentials (sandbox, token ? token : TD_SANDBOX_DEFAULT_TOKEN, key);
      g_signal_connect (sandbox, "request-received", G_CALLBACK (request_received_cb), NULL);
      if (max_creates > 0)
        td_sandbox_set_create_rate_limit (sandbox, max_creates, 1000);
      if (td_sandbox_start (sandbox, &error))
        base_url = g_strdup (td_sandbox_get_base_url (sandbox));
    }

  if (base_url == NULL)
    {
      g_printerr ("the sandbox did not start: %s\n", error->message);
      return 1;
    }

  g_print ("%s\n", base_url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_on_signal, NULL);
  g_unix_signal_add (SIGINT, quit_on_signal, NULL);

  input = g_unix_input_stream_new (0, FALSE);
  g_input_stream_read_bytes_async (input, 256, G_PRIORITY_DEFAULT, NULL,
                                   stdin_read_cb, NULL);

  g_main_loop_run (loop);

  g_clear_pointer (&loop, g_main_loop_unref);
  fclose (requests_file);

  return 0;
}
