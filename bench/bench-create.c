/* bench-create.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One create against a loopback server: TdApiClient against curl, both
 * posting the same JSON bodies with the same headers to the same
 * TdSandbox, which runs in a process of its own (sandbox-server).
 *
 *   bench-create [--requests N] [--rounds R]
 *
 * Per-request latency is compared, one request at a time, on a kept-alive
 * connection: for curl, its own %{time_total} for each transfer of ONE
 * curl process that chains the requests with --next (so neither process
 * start-up nor connection set-up is counted); for the client, the wall
 * time from td_api_client_create_user_async() to its callback.  The
 * rounds alternate curl and client batches so that drift hits both; the
 * first requests of every batch (connection set-up) are not counted.
 * Every answer is checked to be a success. */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "td-api-client.h"
#include "td-bench-server.h"
#include "td-bench-stats.h"
#include "td-payload.h"
#include "td-proxy-user.h"
#include "td-sandbox.h"

#define WARM_UP            5
#define REQUEST_TIMEOUT_S 30
/* Issue 5: the client's overhead within 2 ms of curl's. */
#define TARGET_OVERHEAD_MS 2.0

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Pending;

static TdProxyUser *
make_user (const char *prefix,
           guint       round,
           guint       index)
{
  TdProxyUser *user = td_proxy_user_new ();
  g_autofree char *username = g_strdup_printf ("%s%u%05u", prefix, round, index);
  g_autofree char *password = g_strdup_printf ("Bench%05ux", index);

  td_proxy_user_set_proxy_type (user, TD_PROXY_TYPE_RESIDENTIAL);
  td_proxy_user_set_username (user, username);
  td_proxy_user_set_password (user, password);
  td_proxy_user_set_traffic_limit (user, 1024);
  td_proxy_user_set_enabled (user, TRUE);

  return user;
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pending *pending = user_data;

  pending->ok = td_api_client_create_user_finish (TD_API_CLIENT (object), result, &pending->error);
  pending->done = TRUE;
}

/* @n creates, one at a time; the wall time of each in ms goes to @times
 * (from index WARM_UP on). */
static gboolean
run_client (TdApiClient *client,
            guint        round,
            guint        n,
            GArray      *times)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdProxyUser) user = make_user ("cli", round, i);
      Pending pending = { 0 };
      gint64 start, end, deadline;

      start = g_get_monotonic_time ();
      deadline = start + REQUEST_TIMEOUT_S * G_USEC_PER_SEC;
      td_api_client_create_user_async (client, user, NULL, create_cb, &pending);
      while (!pending.done && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      end = g_get_monotonic_time ();

      if (!pending.done)
        {
          /* The client's own timeout (30 s) ends it; nothing else can. */
          g_printerr ("bench-create: a client create did not finish in %d s\n", REQUEST_TIMEOUT_S);
          return FALSE;
        }
      if (!pending.ok)
        {
          g_printerr ("bench-create: a client create failed: %s\n", pending.error->message);
          g_clear_error (&pending.error);
          return FALSE;
        }

      if (i >= WARM_UP)
        {
          double ms = (end - start) / 1000.0;

          g_array_append_val (times, ms);
        }
    }

  return TRUE;
}

/* Escapes @text for a double-quoted curl config value. */
static char *
config_quote (const char *text)
{
  return g_strescape (text, NULL);
}

/* One curl process, @n requests chained with --next, each with the body
 * the client would send for the same user. */
static gboolean
run_curl (const char *base_url,
          const char *tmpdir,
          guint       round,
          guint       n,
          GArray     *times)
{
  g_autoptr(GString) config = g_string_new (NULL);
  g_autofree char *config_path = g_build_filename (tmpdir, "curl.conf", NULL);
  g_autofree char *url = g_strconcat (base_url, "/proxy-users/create-user", NULL);
  g_autofree char *quoted_url = config_quote (url);
  g_autofree char *standard_output = NULL;
  g_autofree char *standard_error = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { "curl", "--config", config_path, NULL };
  const char *content_type = NULL;
  int status = 0;
  guint n_lines = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdProxyUser) user = make_user ("crl", round, i);
      g_autoptr(JsonObject) payload = td_payload_new_create (user);
      g_autoptr(GBytes) body = td_payload_encode (payload, TD_REQUEST_ENCODING_JSON, &content_type);
      g_autofree char *body_path = g_strdup_printf ("%s/body-%u.json", tmpdir, i);
      g_autofree char *answer_path = g_strdup_printf ("%s/answer-%u.json", tmpdir, i);
      gsize size;
      const char *data = g_bytes_get_data (body, &size);

      if (!g_file_set_contents (body_path, data, size, &error))
        {
          g_printerr ("bench-create: %s\n", error->message);
          return FALSE;
        }

      if (i > 0)
        g_string_append (config, "next\n");
      /* The headers TdApiClient sends. */
      g_string_append_printf (config,
                              "url = \"%s\"\n"
                              "noproxy = \"*\"\n"
                              "silent\n"
                              "show-error\n"
                              "user-agent = \"Thordesk/" PACKAGE_VERSION "\"\n"
                              "header = \"Accept: application/json\"\n"
                              "header = \"Content-Type: %s\"\n"
                              "header = \"token: " TD_SANDBOX_DEFAULT_TOKEN "\"\n"
                              "data-binary = \"@%s\"\n"
                              "output = \"%s\"\n"
                              "write-out = \"%%{time_total} %%{http_code}\\n\"\n",
                              quoted_url, content_type, body_path, answer_path);
    }

  if (!g_file_set_contents (config_path, config->str, config->len, &error))
    {
      g_printerr ("bench-create: %s\n", error->message);
      return FALSE;
    }

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &standard_output, &standard_error, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-create: curl failed: %s\n%s\n", error->message,
                  standard_error != NULL ? standard_error : "");
      return FALSE;
    }

  lines = g_strsplit (standard_output, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++, n_lines++)
    {
      g_autofree char *answer_path = g_strdup_printf ("%s/answer-%u.json", tmpdir, i);
      g_autofree char *body_path = g_strdup_printf ("%s/body-%u.json", tmpdir, i);
      g_autofree char *answer = NULL;
      char *end = NULL;
      double seconds = g_ascii_strtod (lines[i], &end);

      if (end == lines[i] || strcmp (end, " 200") != 0 ||
          !g_file_get_contents (answer_path, &answer, NULL, NULL) ||
          strstr (answer, "\"code\":200") == NULL)
        {
          g_printerr ("bench-create: curl request %u failed: “%s” %s\n",
                      i, lines[i], answer != NULL ? answer : "");
          return FALSE;
        }

      if (i >= WARM_UP)
        {
          double ms = seconds * 1000.0;

          g_array_append_val (times, ms);
        }

      g_unlink (answer_path);
      g_unlink (body_path);
    }
  g_unlink (config_path);

  if (n_lines != n)
    {
      g_printerr ("bench-create: curl reported %u transfers instead of %u\n", n_lines, n);
      return FALSE;
    }

  return TRUE;
}

static void
print_row (const char *name,
           GArray     *times)
{
  g_print ("  %-28s %9.3f %9.3f %9.3f %9.3f\n", name,
           td_bench_median (times), td_bench_quantile (times, 0.9),
           td_bench_quantile (times, 0), td_bench_max (times));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdBenchServer) server = NULL;
  g_autoptr(TdApiClient) client = NULL;
  g_autoptr(GArray) client_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) curl_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *tmpdir = NULL;
  int n_requests = 200;
  int n_rounds = 4;
  guint per_round;
  double overhead;
  const GOptionEntry entries[] = {
    { "requests", 0, 0, G_OPTION_ARG_INT, &n_requests, "Measured requests of each kind (200)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &n_rounds, "Alternating batches (4)", "R" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- TdApiClient against curl, one create at a time");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-create: %s\n", error->message);
      return 2;
    }
  if (n_rounds < 1 || n_rounds > 9 || n_requests < n_rounds || n_requests > 100000)
    {
      g_printerr ("bench-create: --rounds must be within 1..9 and --requests within "
                  "--rounds..100000\n");
      return 2;
    }
  per_round = (guint) (n_requests / n_rounds);

  tmpdir = g_dir_make_tmp ("thordesk-bench-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("bench-create: %s\n", error->message);
      return 1;
    }

  server = td_bench_server_start (0, 0, &error);
  if (server == NULL)
    {
      g_printerr ("bench-create: %s\n", error->message);
      return 1;
    }

  client = td_api_client_new (td_bench_server_get_base_url (server));
  td_api_client_set_encoding (client, TD_REQUEST_ENCODING_JSON);
  td_api_client_set_credentials (client, TD_SANDBOX_DEFAULT_TOKEN, NULL);

  for (guint round = 0; round < (guint) n_rounds; round++)
    {
      /* Alternate who goes first. */
      for (guint k = 0; k < 2; k++)
        {
          gboolean ok = ((round + k) % 2 == 0)
                          ? run_curl (td_bench_server_get_base_url (server), tmpdir,
                                      round, per_round + WARM_UP, curl_times)
                          : run_client (client, round, per_round + WARM_UP, client_times);

          if (!ok)
            {
              g_rmdir (tmpdir);
              return 1;
            }
        }
    }
  g_rmdir (tmpdir);

  overhead = td_bench_median (client_times) - td_bench_median (curl_times);

  g_print ("One create-user POST against the sandbox in its own process, sequential, "
           "kept-alive connection\n(%u requests of each kind in %d alternating batches, "
           "%d warm-up requests per batch not counted)\n\n",
           curl_times->len, n_rounds, WARM_UP);
  g_print ("  %-28s %9s %9s %9s %9s\n", "ms per request", "median", "p90", "min", "max");
  print_row ("curl (its time_total)", curl_times);
  print_row ("TdApiClient (wall time)", client_times);
  g_print ("\n  client / curl (medians):     %.2fx\n", td_bench_median (client_times) /
                                                       td_bench_median (curl_times));
  g_print ("  client overhead (medians):   %+.3f ms   target <= %.1f ms: %s\n\n",
           overhead, TARGET_OVERHEAD_MS, overhead <= TARGET_OVERHEAD_MS ? "met" : "MISSED");

  return 0;
}
