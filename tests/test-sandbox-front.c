/* test-sandbox-front.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sandbox's HTTP front, spoken to in raw HTTP from a thread (so that
 * the Host header and the body are exactly what the test writes, and a
 * 60 MB body is written without being held): the Host check, the token
 * checked before a body is read, the size cap, and a bounded log. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "td-sandbox.h"

#define TOKEN       TD_SANDBOX_DEFAULT_TOKEN
#define LARGE_BYTES (60 * 1024 * 1024)

typedef struct
{
  guint    port;
  char    *head;       /* request line and headers, without the blank line */
  gsize    body_bytes; /* that many 'x' follow the head */
  gboolean chunked;    /* ... in chunks of 1 MB */
  char    *body_text;  /* or this, when not NULL */
  char    *status;     /* the answer's status line, or NULL */
  char    *answer;     /* what was read of the answer */
  gboolean done;
} Exchange;

static gpointer
exchange_thread (gpointer user_data)
{
  Exchange *exchange = user_data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autofree char *head = NULL;
  g_autofree char *chunk = NULL;
  GOutputStream *output;
  GInputStream *input;
  gsize written = 0;
  char buffer[4096];
  gssize n;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", exchange->port, NULL, NULL);
  g_assert_nonnull (connection);
  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  head = g_strdup_printf ("%s\r\n\r\n", exchange->head);
  g_output_stream_write_all (output, head, strlen (head), NULL, NULL, NULL);

  /* The server may answer and close before the body is all written:
   * write errors end the body. */
  if (exchange->body_text != NULL)
    g_output_stream_write_all (output, exchange->body_text, strlen (exchange->body_text),
                               NULL, NULL, NULL);

  chunk = g_malloc (1024 * 1024);
  memset (chunk, 'x', 1024 * 1024);
  while (written < exchange->body_bytes)
    {
      gsize size = MIN (1024 * 1024, exchange->body_bytes - written);

      if (exchange->chunked &&
          !g_output_stream_printf (output, NULL, NULL, NULL, "%zx\r\n", size))
        break;
      if (!g_output_stream_write_all (output, chunk, size, NULL, NULL, NULL))
        break;
      if (exchange->chunked &&
          !g_output_stream_write_all (output, "\r\n", 2, NULL, NULL, NULL))
        break;
      written += size;
    }
  if (exchange->chunked && written == exchange->body_bytes)
    g_output_stream_write_all (output, "0\r\n\r\n", 5, NULL, NULL, NULL);

  while ((n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      g_string_append_len (answer, buffer, n);
      if (answer->len > 64 * 1024)
        break;
    }

  if (answer->len > 0)
    {
      const char *eol = strstr (answer->str, "\r\n");

      exchange->status = eol != NULL ? g_strndup (answer->str, eol - answer->str)
                                     : g_strdup (answer->str);
    }
  exchange->answer = g_string_free (g_steal_pointer (&answer), FALSE);

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_atomic_int_set (&exchange->done, TRUE);

  return NULL;
}

/* Sends @head (and @body_bytes of body) while the sandbox answers on this
 * thread's main context; returns the status line. */
static char *
exchange_full (TdSandbox  *sandbox,
               const char *head,
               gsize       body_bytes,
               gboolean    chunked,
               const char *body_text)
{
  g_autoptr(GUri) uri = g_uri_parse (td_sandbox_get_base_url (sandbox), G_URI_FLAGS_NONE, NULL);
  Exchange data = { 0 };
  GThread *thread;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  data.port = g_uri_get_port (uri);
  data.head = g_strdup (head);
  data.body_bytes = body_bytes;
  data.chunked = chunked;
  data.body_text = g_strdup (body_text);

  thread = g_thread_new ("exchange", exchange_thread, &data);
  while (!g_atomic_int_get (&data.done))
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (100);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_thread_join (thread);

  g_free (data.head);
  g_free (data.body_text);
  g_free (data.answer);

  return data.status != NULL ? data.status : g_strdup ("");
}

static char *
exchange (TdSandbox  *sandbox,
          const char *head,
          gsize       body_bytes)
{
  return exchange_full (sandbox, head, body_bytes, FALSE, NULL);
}

static guint
sandbox_port (TdSandbox *sandbox)
{
  g_autoptr(GUri) uri = g_uri_parse (td_sandbox_get_base_url (sandbox), G_URI_FLAGS_NONE, NULL);

  return g_uri_get_port (uri);
}

static TdSandbox *
start_sandbox (void)
{
  g_autoptr(GError) error = NULL;
  TdSandbox *sandbox = td_sandbox_new ();

  td_sandbox_start (sandbox, &error);
  g_assert_no_error (error);

  return sandbox;
}

static void
test_host (void)
{
  g_autoptr(TdSandbox) sandbox = start_sandbox ();
  guint port = sandbox_port (sandbox);
  const struct {
    const char *host;
    gboolean    accepted;
  } cases[] = {
    { "127.0.0.1:%u", TRUE },
    { "localhost:%u", TRUE },
    { "LOCALHOST:%u", TRUE },
    { "evil.example:%u", FALSE },
    { "127.0.0.1.evil.example:%u", FALSE },
    { "127.0.0.1", FALSE },
    { "localhost", FALSE },
    { "127.0.0.2:%u", FALSE },
    { "[::1]:%u", FALSE },
    { NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *host = NULL;
      g_autofree char *head = NULL;
      g_autofree char *status = NULL;
      const TdSandboxRequest *request;
      guint before = td_sandbox_get_n_requests (sandbox);

      if (cases[i].host != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (cases[i].host, "%u", 2);
          g_autofree char *port_text = g_strdup_printf ("%u", port);

          host = g_strjoinv (port_text, parts);
          head = g_strdup_printf ("GET /api/proxy-users/user-list?proxy_type=1&token=%s HTTP/1.1\r\n"
                                  "Host: %s\r\nConnection: close", TOKEN, host);
        }
      else
        {
          head = g_strdup_printf ("GET /api/proxy-users/user-list?proxy_type=1&token=%s HTTP/1.0",
                                  TOKEN);
        }

      status = exchange (sandbox, head, 0);
      g_test_message ("Host %s: %s", host != NULL ? host : "(none)", status);

      g_assert_cmpuint (td_sandbox_get_n_requests (sandbox), ==, before + 1);
      request = td_sandbox_get_last_request (sandbox);
      if (cases[i].accepted)
        {
          g_assert_cmpstr (status, ==, "HTTP/1.1 200 OK");
          g_assert_cmpuint (request->status, ==, 200);
        }
      else
        {
          /* Refused before the endpoint ran: nothing of the account is
           * in the answer. */
          g_assert_true (g_str_has_prefix (status, "HTTP/1.1 421") ||
                         g_str_has_prefix (status, "HTTP/1.0 421"));
          g_assert_cmpuint (request->status, ==, 421);
        }
    }

  g_assert_cmpuint (td_sandbox_count_requests (sandbox, "/user-list"), ==, 3);
}

/* AddressSanitizer's quarantine keeps freed buffers (the test's own large
 * bodies among them), so RSS says nothing there: only the checks of what
 * the sandbox kept run in that build. */
#if defined(__SANITIZE_ADDRESS__)
#define ASSERT_RSS_GREW_LESS_THAN(before, after, kb) \
  G_STMT_START { (void) (before); (void) (after); } G_STMT_END
#else
#define ASSERT_RSS_GREW_LESS_THAN(before, after, kb) \
  g_assert_cmpuint ((after), <, (before) + (kb))
#endif

static gsize
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;
  gsize kb = 0;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "VmRSS: %zu kB", &kb), ==, 1);

  return kb;
}

static void
test_large_wrong_token (void)
{
  g_autoptr(TdSandbox) sandbox = start_sandbox ();
  g_autofree char *head = NULL;
  gsize before;
  gsize after;

  head = g_strdup_printf ("POST /api/proxy-users/create-user HTTP/1.1\r\n"
                          "Host: 127.0.0.1:%u\r\n"
                          "Content-Type: application/json\r\n"
                          "token: not-the-token\r\n"
                          "Content-Length: %u",
                          sandbox_port (sandbox), 1024);

  /* Warm up the code paths, then measure. */
  g_free (exchange (sandbox, head, 1024));
  before = read_rss_kb ();

  g_free (head);
  head = g_strdup_printf ("POST /api/proxy-users/create-user HTTP/1.1\r\n"
                          "Host: 127.0.0.1:%u\r\n"
                          "Content-Type: application/json\r\n"
                          "token: not-the-token\r\n"
                          "Content-Length: %u",
                          sandbox_port (sandbox), (guint) LARGE_BYTES);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *status = exchange (sandbox, head, LARGE_BYTES);
      const TdSandboxRequest *request = td_sandbox_get_last_request (sandbox);

      /* The token was checked first: 10013, nothing of the body kept. */
      g_assert_cmpstr (status, ==, "HTTP/1.1 200 OK");
      g_assert_cmpstr (request->token, ==, "not-the-token");
      g_assert_cmpuint (g_bytes_get_size (request->body), ==, 0);
      g_assert_cmpuint (json_object_get_size (request->fields), ==, 0);
    }

  after = read_rss_kb ();
  g_test_message ("RSS %zu kB -> %zu kB after 3 × %u MB", before, after,
                  (guint) (LARGE_BYTES / (1024 * 1024)));
  ASSERT_RSS_GREW_LESS_THAN (before, after, 20 * 1024);
  g_assert_cmpuint (td_sandbox_count_requests (sandbox, "/create-user"), ==, 4);
  g_assert_cmpuint (td_sandbox_get_n_users (sandbox), ==, 0);
}

static void
test_too_large (void)
{
  g_autoptr(TdSandbox) sandbox = start_sandbox ();
  g_autofree char *announced = NULL;
  g_autofree char *chunked = NULL;
  g_autofree char *status = NULL;
  gsize before;

  /* The right token, a body over the cap: refused without being read. */
  announced = g_strdup_printf ("POST /api/proxy-users/create-user HTTP/1.1\r\n"
                               "Host: 127.0.0.1:%u\r\n"
                               "Content-Type: application/json\r\n"
                               "token: %s\r\n"
                               "Content-Length: %u",
                               sandbox_port (sandbox), TOKEN, (guint) LARGE_BYTES);
  before = read_rss_kb ();
  status = exchange (sandbox, announced, LARGE_BYTES);
  g_assert_true (g_str_has_prefix (status, "HTTP/1.1 413"));
  g_assert_cmpuint (td_sandbox_get_last_request (sandbox)->status, ==, 413);
  ASSERT_RSS_GREW_LESS_THAN (before, read_rss_kb (), 20 * 1024);
  g_clear_pointer (&status, g_free);

  /* Without a Content-Length, the body is dropped once past the cap. */
  chunked = g_strdup_printf ("POST /api/proxy-users/create-user HTTP/1.1\r\n"
                             "Host: 127.0.0.1:%u\r\n"
                             "Content-Type: application/json\r\n"
                             "Transfer-Encoding: chunked\r\n"
                             "Connection: close\r\n"
                             "token: %s",
                             sandbox_port (sandbox), TOKEN);
  before = read_rss_kb ();
  for (guint i = 0; i < 3; i++)
    {
      status = exchange_full (sandbox, chunked, LARGE_BYTES, TRUE, NULL);
      g_assert_true (g_str_has_prefix (status, "HTTP/1.1 413"));
      g_clear_pointer (&status, g_free);
    }
  g_test_message ("chunked: RSS %zu kB -> %zu kB", before, read_rss_kb ());
  ASSERT_RSS_GREW_LESS_THAN (before, read_rss_kb (), 20 * 1024);
  g_assert_cmpuint (td_sandbox_get_n_users (sandbox), ==, 0);
}

static void
test_log_bounded (void)
{
  g_autoptr(TdSandbox) sandbox = start_sandbox ();
  guint n = TD_SANDBOX_MAX_RECORDED_REQUESTS + 20;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *head = NULL;
      g_autofree char *status = NULL;

      head = g_strdup_printf ("GET /api/proxy-users/user-list?proxy_type=1&token=wrong%u HTTP/1.1\r\n"
                              "Host: 127.0.0.1:%u\r\nConnection: close",
                              i, sandbox_port (sandbox));
      status = exchange (sandbox, head, 0);
      g_assert_cmpstr (status, ==, "HTTP/1.1 200 OK");
    }

  g_assert_cmpuint (td_sandbox_get_n_requests (sandbox), ==, n);
  g_assert_cmpuint (td_sandbox_count_requests (sandbox, "/user-list"), ==, n);
  g_assert_cmpuint (td_sandbox_count_requests (sandbox, "/create-user"), ==, 0);
  g_assert_cmpuint (td_sandbox_get_requests (sandbox)->len, ==, TD_SANDBOX_MAX_RECORDED_REQUESTS);

  /* The newest are kept. */
  {
    g_autofree char *last = g_strdup_printf ("wrong%u", n - 1);
    g_autofree char *first = g_strdup_printf ("wrong%u", n - TD_SANDBOX_MAX_RECORDED_REQUESTS);
    GPtrArray *requests = td_sandbox_get_requests (sandbox);

    g_assert_cmpstr (td_sandbox_get_last_request (sandbox)->token, ==, last);
    g_assert_cmpstr (((TdSandboxRequest *) g_ptr_array_index (requests, 0))->token, ==, first);
  }
}

static void
test_body_cut (void)
{
  g_autoptr(TdSandbox) sandbox = start_sandbox ();
  g_autoptr(GString) body = g_string_new ("{\"proxy_type\":1,\"username\":\"cutuser01\",\"password\":\"Cut12345\",\"pad\":\"");
  g_autofree char *head = NULL;
  g_autofree char *status = NULL;
  const TdSandboxRequest *request;

  while (body->len < TD_SANDBOX_MAX_RECORDED_BODY_BYTES * 2)
    g_string_append_c (body, 'y');
  g_string_append (body, "\"}");

  head = g_strdup_printf ("POST /api/proxy-users/create-user HTTP/1.1\r\n"
                          "Host: 127.0.0.1:%u\r\n"
                          "Content-Type: application/json\r\n"
                          "token: %s\r\n"
                          "Connection: close\r\n"
                          "Content-Length: %zu",
                          sandbox_port (sandbox), TOKEN, body->len);
  status = exchange_full (sandbox, head, 0, FALSE, body->str);
  g_assert_cmpstr (status, ==, "HTTP/1.1 200 OK");

  /* Created (the whole body was read), but the log keeps a part. */
  g_assert_cmpuint (td_sandbox_get_n_users (sandbox), ==, 1);
  request = td_sandbox_get_last_request (sandbox);
  g_assert_true (request->truncated);
  g_assert_cmpuint (g_bytes_get_size (request->body), ==, TD_SANDBOX_MAX_RECORDED_BODY_BYTES);
  g_assert_cmpuint (json_object_get_size (request->fields), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox-front/host", test_host);
  g_test_add_func ("/sandbox-front/large-wrong-token", test_large_wrong_token);
  g_test_add_func ("/sandbox-front/too-large", test_too_large);
  g_test_add_func ("/sandbox-front/log-bounded", test_log_bounded);
  g_test_add_func ("/sandbox-front/body-cut", test_body_cut);

  return g_test_run ();
}
