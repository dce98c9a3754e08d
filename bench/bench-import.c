/* bench-import.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Import page (issue 10) against the sandbox in its own process
 * (bench/sandbox-server.c, no rate limit):
 *
 *  1. 1,000 creates: the real TdImportPage in a window, a 1,000-row CSV
 *     file opened, its table complete (the rows come a few at a time,
 *     td-import-paced.h, while the admin reads them) and "Create 1000
 *     Users" activated (concurrency 4, the
 *     default), timed from the action to the last row settled; against
 *     `xargs -P4 curl` posting the same 1,000 bodies (td_payload, as the
 *     page sends them) with the same headers, 4 at a time, to the same
 *     kind of server.  Each round alternates which goes first.
 *  2. The main loop's longest stall during the import: the longest gap
 *     between two dispatches of a 1 ms timeout (target: under 16 ms).
 *  3. A 10,000-row file opened on the page: the time until its first
 *     rows are on screen (target: under 1 s), and until every row is
 *     checked.
 *
 * Usage: bench-import [--rounds N] [--creates N] */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "td-account.h"
#include "td-api-client.h"
#include "td-bench-server.h"
#include "td-bench-stats.h"
#include "td-credentials.h"
#include "td-import-page.h"
#include "td-import-paced.h"
#include "td-import-row.h"
#include "td-page.h"
#include "td-payload.h"
#include "td-sandbox.h"

#define TARGET_RATIO      1.10
#define TARGET_STALL_MS   16.0
#define TARGET_FIRST_MS   1000.0
#define WAIT_S            600

typedef struct
{
  gint64 start;
  gint64 last;
  gint64 longest;
  guint  ticks;
} Meter;

static gboolean
tick_cb (gpointer user_data)
{
  Meter *meter = user_data;
  gint64 now = g_get_monotonic_time ();

  if (meter->last != 0 && now - meter->last > meter->longest)
    meter->longest = now - meter->last;
  /* THORDESK_BENCH_TRACE=1: every stall over 16 ms, when it ended. */
  if (meter->last != 0 && now - meter->last > 16000 && g_getenv ("THORDESK_BENCH_TRACE") != NULL)
    g_printerr ("stall %.1f ms, ended at %.1f ms (monotonic clock %" G_GINT64_FORMAT " us, for perf --clockid=monotonic)\n",
                (now - meter->last) / 1000.0, (now - meter->start) / 1000.0, now);
  meter->last = now;
  meter->ticks++;

  return G_SOURCE_CONTINUE;
}

/* THORDESK_BENCH_TRACE=1 also times the phases of every frame over
 * 16 ms: when each frame-clock signal ended, relative to the frame's
 * start (the handlers run after GTK's own). */
typedef struct
{
  gint64 begin;
  gint64 marks[4];
} FrameTrace;

static const char * const frame_phases[] = { "update", "layout", "paint", "after-paint" };

static void
frame_begin_cb (GdkFrameClock *clock,
                FrameTrace    *trace)
{
  trace->begin = g_get_monotonic_time ();
  memset (trace->marks, 0, sizeof trace->marks);
}

static void
frame_mark (FrameTrace *trace,
            guint       phase)
{
  trace->marks[phase] = g_get_monotonic_time ();
  if (phase == 3 && trace->begin != 0 && trace->marks[3] - trace->begin > 16000)
    {
      gint64 prev = trace->begin;

      g_printerr ("frame %.1f ms:", (trace->marks[3] - trace->begin) / 1000.0);
      for (guint i = 0; i < 4; i++)
        if (trace->marks[i] != 0)
          {
            g_printerr (" %s %.1f", frame_phases[i], (trace->marks[i] - prev) / 1000.0);
            prev = trace->marks[i];
          }
      g_printerr (" (ended at monotonic %" G_GINT64_FORMAT " us)\n", trace->marks[3]);
    }
}

static void
frame_update_cb (GdkFrameClock *clock,
                FrameTrace    *trace)
{
  frame_mark (trace, 0);
}

static void
frame_layout_cb (GdkFrameClock *clock,
                FrameTrace    *trace)
{
  frame_mark (trace, 1);
}

static void
frame_paint_cb (GdkFrameClock *clock,
               FrameTrace    *trace)
{
  frame_mark (trace, 2);
}

static void
frame_after_paint_cb (GdkFrameClock *clock,
                     FrameTrace    *trace)
{
  frame_mark (trace, 3);
}

static void
trace_frames (GtkWidget  *widget,
              FrameTrace *trace)
{
  GdkFrameClock *clock;

  if (g_getenv ("THORDESK_BENCH_TRACE") == NULL)
    return;

  clock = gtk_widget_get_frame_clock (widget);
  g_signal_connect (clock, "before-paint", G_CALLBACK (frame_begin_cb), trace);
  g_signal_connect (clock, "update", G_CALLBACK (frame_update_cb), trace);
  g_signal_connect (clock, "layout", G_CALLBACK (frame_layout_cb), trace);
  g_signal_connect (clock, "paint", G_CALLBACK (frame_paint_cb), trace);
  g_signal_connect (clock, "after-paint", G_CALLBACK (frame_after_paint_cb), trace);
}

static gboolean
wait_until_cb (gboolean (*done) (gpointer),
               gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }

  return TRUE;
}

static char *
username_for (const char *prefix,
              guint       round,
              guint       i)
{
  return g_strdup_printf ("%s%u%05u", prefix, round, i);
}

static TdProxyUser *
make_user (const char *prefix,
           guint       round,
           guint       i)
{
  g_autofree char *username = username_for (prefix, round, i);
  g_autofree char *password = g_strdup_printf ("Bench%05ux", i);

  return td_proxy_user_new_full (TD_PROXY_TYPE_RESIDENTIAL, username, password, 1024, TRUE);
}

/* The file the admin would open: the same users as curl's bodies. */
static char *
write_csv (const char *tmpdir,
           const char *prefix,
           guint       round,
           guint       n)
{
  g_autoptr(GString) csv = g_string_new ("username,password,traffic_limit_mb,status\r\n");
  g_autofree char *path = g_strdup_printf ("%s/%s-%u.csv", tmpdir, prefix, round);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *username = username_for (prefix, round, i);

      g_string_append_printf (csv, "%s,Bench%05ux,1024,enabled\r\n", username, i);
    }
  g_file_set_contents (path, csv->str, csv->len, NULL);

  return g_steal_pointer (&path);
}

/* xargs -P4 curl: one curl process per request, as a script would. */
static double
run_curl (const char *base_url,
          const char *tmpdir,
          guint       round,
          guint       n,
          guint       concurrency)
{
  g_autofree char *url = g_strconcat (base_url, "/proxy-users/create-user", NULL);
  g_autofree char *list_path = g_strdup_printf ("%s/curl-%u.list", tmpdir, round);
  g_autofree char *script = NULL;
  g_autofree char *standard_output = NULL;
  g_autofree char *standard_error = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *content_type = NULL;
  gint64 start, end;
  int status = 0;
  guint n_ok = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdProxyUser) user = make_user ("crl", round, i);
      g_autoptr(JsonObject) payload = td_payload_new_create (user);
      g_autoptr(GBytes) body = td_payload_encode (payload, TD_REQUEST_ENCODING_JSON, &content_type);
      g_autofree char *body_path = g_strdup_printf ("%s/body-%u-%u.json", tmpdir, round, i);
      g_autofree char *config_path = g_strdup_printf ("%s/curl-%u-%u.conf", tmpdir, round, i);
      g_autofree char *config = NULL;
      g_autofree char *quoted = g_strescape (url, NULL);
      gsize size;
      const char *data = g_bytes_get_data (body, &size);

      g_file_set_contents (body_path, data, size, NULL);
      /* The headers TdApiClient sends. */
      config = g_strdup_printf ("url = \"%s\"\n"
                                "noproxy = \"*\"\n"
                                "silent\n"
                                "show-error\n"
                                "user-agent = \"Thordesk/" PACKAGE_VERSION "\"\n"
                                "header = \"Accept: application/json\"\n"
                                "header = \"Content-Type: %s\"\n"
                                "header = \"token: " TD_SANDBOX_DEFAULT_TOKEN "\"\n"
                                "data-binary = \"@%s\"\n"
                                "write-out = \"\\n%%{http_code}\\n\"\n",
                                quoted, content_type, body_path);
      g_file_set_contents (config_path, config, -1, NULL);
      g_string_append_printf (list, "%s\n", config_path);
    }
  g_file_set_contents (list_path, list->str, list->len, NULL);

  script = g_strdup_printf ("xargs -P%u -n1 curl --config < '%s'", concurrency, list_path);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char *[]) { "sh", "-c", script, NULL }, NULL, G_SPAWN_SEARCH_PATH,
                     NULL, NULL, &standard_output, &standard_error, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-import: xargs curl failed: %s\n%s\n", error->message,
                  standard_error != NULL ? standard_error : "");
      return -1;
    }
  end = g_get_monotonic_time ();

  for (const char *p = standard_output; (p = strstr (p, "\"code\":200")) != NULL; p++)
    n_ok++;
  if (n_ok != n)
    {
      g_printerr ("bench-import: curl created %u users of %u\n", n_ok, n);
      return -1;
    }

  return (end - start) / 1000.0;
}

typedef struct
{
  TdImportPage *page;
  guint         n;
  gboolean      started;
} Run;

static gboolean
loaded (gpointer data)
{
  Run *run = data;
  TdImport *import = td_import_page_get_import (run->page);

  return g_list_model_get_n_items (G_LIST_MODEL (import)) == run->n &&
         !td_page_get_busy (TD_PAGE (run->page)) &&
         td_import_get_n_ready (import) == run->n;
}

/* The table shows every row (td-import-paced.h): what the admin sees
 * before choosing Create. */
static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_column_view (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The table shows every row (td-import-paced.h): what the admin sees
 * before choosing Create. */
static gboolean
table_complete (gpointer data)
{
  Run *run = data;
  GtkWidget *view = find_column_view (GTK_WIDGET (run->page));
  GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));

  return td_import_paced_is_complete (TD_IMPORT_PACED (gtk_no_selection_get_model (GTK_NO_SELECTION (selection))));
}

static gboolean
settled (gpointer data)
{
  Run *run = data;

  return !td_page_get_busy (TD_PAGE (run->page));
}

static guint
count_created (TdImport *import)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (import)); i++)
    {
      g_autoptr(TdImportRow) row = g_list_model_get_item (G_LIST_MODEL (import), i);

      n += td_import_row_get_state (row) == TD_IMPORT_ROW_CREATED;
    }

  return n;
}

typedef struct
{
  GtkWindow    *window;
  TdImportPage *page;
  TdAccount    *account;
  TdApiClient  *client;
} Window;

static void
window_open (Window     *w,
             const char *base_url,
             GSettings  *settings)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();

  w->client = td_api_client_new (base_url);
  td_api_client_set_credentials (w->client, TD_SANDBOX_DEFAULT_TOKEN, NULL);
  w->account = td_account_new (w->client, credentials, settings, TRUE);
  w->page = td_import_page_new (w->account);
  w->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (w->window, 1000, 700);
  gtk_window_set_child (w->window, GTK_WIDGET (w->page));
  gtk_window_present (w->window);
}

static void
window_close (Window *w)
{
  gtk_window_destroy (w->window);
  g_clear_object (&w->account);
  g_clear_object (&w->client);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
idle_for (gint64 usec)
{
  for (gint64 until = g_get_monotonic_time () + usec; g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_check_button (GtkWidget  *widget,
                   const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_check_button (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The floor, in the same window: the longest stall of the smallest change
 * an admin can make on the page, ticking "Include passwords" (and then
 * unticking it), each after as long an idle as before Create.  It is what
 * the renderer needs to draw any change at all after an idle; the import
 * is compared with it. */
static double
measure_floor (Window *w)
{
  GtkWidget *check = find_check_button (GTK_WIDGET (w->page), "Include pass_words");
  gint64 longest = 0;

  if (check == NULL)
    return -1;

  for (int i = 0; i < 2; i++)
    {
      Meter meter = { 0 };
      guint tick;

      idle_for (G_USEC_PER_SEC);
      tick = g_timeout_add (1, tick_cb, &meter);
      meter.start = meter.last = g_get_monotonic_time ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), i == 0);
      while (g_get_monotonic_time () - meter.start < G_USEC_PER_SEC / 4)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (tick);
      longest = MAX (longest, meter.longest);
    }

  return longest / 1000.0;
}

/* The import of @n rows on the page; the wall time in ms, the longest
 * stall in @stall_ms, and the floor (measure_floor()) in @floor_ms. */
static double
run_page (const char *base_url,
          GSettings  *settings,
          const char *tmpdir,
          guint       round,
          guint       n,
          double     *stall_ms,
          double     *floor_ms)
{
  g_autofree char *path = write_csv (tmpdir, "imp", round, n);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Window w = { 0 };
  Run run = { 0 };
  Meter meter = { 0 };
  FrameTrace frames = { 0 };
  guint tick;
  gint64 start, end;
  guint created;

  window_open (&w, base_url, settings);
  run.page = w.page;
  run.n = n;
  td_import_page_open_file (w.page, file);
  if (!wait_until_cb (loaded, &run))
    {
      g_printerr ("bench-import: the file was not read\n");
      return -1;
    }
  if (!wait_until_cb (table_complete, &run))
    {
      g_printerr ("bench-import: the table did not show every row\n");
      return -1;
    }

  trace_frames (GTK_WIDGET (w.window), &frames);
  *floor_ms = measure_floor (&w);
  if (g_getenv ("THORDESK_BENCH_TRACE") != NULL)
    g_printerr ("floor (a check box ticked, then unticked): %.1f ms\n", *floor_ms);
  /* The admin reads the preview a moment, then chooses Create. */
  idle_for (G_USEC_PER_SEC);
  tick = g_timeout_add (1, tick_cb, &meter);
  /* A stall before the first tick counts too. */
  start = meter.start = meter.last = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (w.page), "import.create", NULL);
  if (!wait_until_cb (settled, &run))
    {
      g_printerr ("bench-import: the import did not end\n");
      return -1;
    }
  end = g_get_monotonic_time ();
  g_source_remove (tick);
  if (g_getenv ("THORDESK_BENCH_TRACE") != NULL)
    g_printerr ("import ended at %.1f ms\n", (end - start) / 1000.0);

  created = count_created (td_import_page_get_import (w.page));
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (w.window)), &frames);
  window_close (&w);
  if (created != n)
    {
      g_printerr ("bench-import: the page created %u users of %u\n", created, n);
      return -1;
    }

  *stall_ms = meter.longest / 1000.0;
  return (end - start) / 1000.0;
}

/* The first rows of the table on screen: an entry of the table mapped. */
static gboolean
has_mapped_entry (GtkWidget *widget)
{
  if (GTK_IS_EDITABLE (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (widget)), "big"))
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_mapped_entry (c))
      return TRUE;

  return FALSE;
}

typedef struct
{
  TdImportPage *page;
  gint64        painted;
  gboolean      shown;
} Preview;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  Preview *preview = user_data;

  if (preview->painted == 0 && preview->shown)
    preview->painted = g_get_monotonic_time ();
}

static gboolean
first_rows_painted (gpointer data)
{
  Preview *preview = data;

  if (!preview->shown)
    preview->shown = has_mapped_entry (GTK_WIDGET (preview->page));

  return preview->painted != 0;
}

static double
run_preview (const char *base_url,
             GSettings  *settings,
             const char *tmpdir,
             guint       n,
             double     *all_ms,
             double     *stall_ms)
{
  g_autofree char *path = write_csv (tmpdir, "big", 0, n);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Window w = { 0 };
  Run run = { 0 };
  Preview preview = { 0 };
  Meter meter = { 0 };
  GdkFrameClock *clock;
  gulong handler;
  guint tick;
  gint64 start;

  window_open (&w, base_url, settings);
  /* The stores read first, as when the page has been open a while. */
  for (gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (w.window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &preview);
  preview.page = w.page;
  run.page = w.page;
  run.n = n;

  tick = g_timeout_add (1, tick_cb, &meter);
  /* A stall before the first tick counts too. */
  start = meter.start = meter.last = g_get_monotonic_time ();
  td_import_page_open_file (w.page, file);
  if (!wait_until_cb (first_rows_painted, &preview))
    return -1;
  if (g_getenv ("THORDESK_BENCH_TRACE") != NULL)
    g_printerr ("first rows painted at %.1f ms\n", (preview.painted - start) / 1000.0);
  if (!wait_until_cb (loaded, &run))
    return -1;
  *all_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_source_remove (tick);
  *stall_ms = meter.longest / 1000.0;
  g_signal_handler_disconnect (clock, handler);
  window_close (&w);

  return (preview.painted - start) / 1000.0;
}

static void
print_row (const char *what,
           GArray     *values,
           const char *unit)
{
  g_print ("  %-34s median %9.1f %s   min %9.1f   max %9.1f   (n=%u)\n", what, td_bench_median (values),
           unit, td_bench_quantile (values, 0), td_bench_max (values), values->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GArray) page_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) curl_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *tmpdir = NULL;
  int rounds = 1;
  int n = 1000;
  int n_big = 10000;
  guint concurrency;
  double first_ms = -1, all_ms = -1, preview_stall = -1;
  const GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds of page and curl runs (1)", "N" },
    { "creates", 0, 0, G_OPTION_ARG_INT, &n, "Creates in each run (1000)", "N" },
    { "rows", 0, 0, G_OPTION_ARG_INT, &n_big, "Rows of the file previewed (10000)", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- the Import page against xargs -P4 curl");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1 || n < 1 || n_big < 1)
    {
      g_printerr ("bench-import: %s\n", error != NULL ? error->message : "bad option");
      return 2;
    }

  adw_init ();
  settings = g_settings_new (APP_ID);
  g_settings_reset (settings, "import-concurrency");
  concurrency = g_settings_get_uint (settings, "import-concurrency");
  tmpdir = g_dir_make_tmp ("bench-import-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 1;
    }

  g_print ("bench-import: %d creates per run, %u at a time, %d round(s); sandbox in its own process\n",
           n, concurrency, rounds);

  for (int round = 0; round < rounds; round++)
    {
      /* A fresh server for each run: the same store size for both. */
      for (int k = 0; k < 2; k++)
        {
          gboolean page_turn = (k == 0) == (round % 2 == 0);
          g_autoptr(TdBenchServer) server = td_bench_server_start (0, 0, &error);
          double ms, stall = 0, floor_ms = 0;

          if (server == NULL)
            {
              g_printerr ("bench-import: %s\n", error->message);
              return 1;
            }

          if (page_turn)
            {
              ms = run_page (td_bench_server_get_base_url (server), settings, tmpdir, round, n, &stall, &floor_ms);
              if (ms < 0)
                return 1;
              g_array_append_val (page_ms, ms);
              g_array_append_val (stalls, stall);
              g_array_append_val (floors, floor_ms);
            }
          else
            {
              ms = run_curl (td_bench_server_get_base_url (server), tmpdir, round, n, concurrency);
              if (ms < 0)
                return 1;
              g_array_append_val (curl_ms, ms);
            }
        }
    }

  {
    g_autoptr(TdBenchServer) server = td_bench_server_start (0, 0, &error);

    if (server == NULL)
      {
        g_printerr ("bench-import: %s\n", error->message);
        return 1;
      }
    first_ms = run_preview (td_bench_server_get_base_url (server), settings, tmpdir, n_big, &all_ms,
                            &preview_stall);
    if (first_ms < 0)
      {
        g_printerr ("bench-import: the %d-row file was not shown\n", n_big);
        return 1;
      }
  }

  g_print ("\n");
  print_row ("Import page, wall time", page_ms, "ms");
  print_row ("xargs -P4 curl, wall time", curl_ms, "ms");
  g_print ("  page / curl (medians):             %.2fx   (target ≤ %.2fx)\n",
           td_bench_median (page_ms) / td_bench_median (curl_ms), TARGET_RATIO);
  print_row ("longest main-loop stall, import", stalls, "ms");
  g_print ("  (target < %.0f ms)\n", TARGET_STALL_MS);
  print_row ("floor: one check box, same window", floors, "ms");
  g_print ("  import stall / floor (medians):    %.2fx\n", td_bench_median (stalls) / td_bench_median (floors));
  g_print ("  %d-row file: first rows painted  %9.1f ms   (target < %.0f ms)\n", n_big, first_ms, TARGET_FIRST_MS);
  g_print ("  %d-row file: every row checked   %9.1f ms\n", n_big, all_ms);
  g_print ("  %d-row file: longest stall        %9.1f ms\n", n_big, preview_stall);

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (tmpdir, name, NULL);

        g_unlink (child);
      }
    g_rmdir (tmpdir);
  }

  return 0;
}
