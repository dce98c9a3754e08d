/* bench-users-view.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The users view at scale (issue 4), in process with the real window:
 *
 *   bench-users-view [--users N] [--runs N]
 *
 * The sandbox runs in a process of its own with N residential users
 * (10,000) and 100 mobile users.  Measured, in the real TdWindow under
 * Xvfb:
 *
 *   - the time to show the list: from switching to the users page (or
 *     to another proxy type) until the frame after the view holds every
 *     user and has stopped loading; the 100-user list, shown the same
 *     way in the same run, is the reference;
 *   - the per-keystroke filter time over 20 keystrokes (typing
 *     "load000123", then erasing it): from the keystroke, and from the
 *     search entry's "search-changed" (after its typing delay), to the
 *     frame that shows the filtered list, whose length is checked;
 *   - the longest main-loop stall (1 ms timeout) during each of these. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "td-api-client.h"
#include "td-bench-server.h"
#include "td-bench-stats.h"
#include "td-credentials.h"
#include "td-row-model.h"
#include "td-sandbox.h"
#include "td-users-page.h"
#include "td-window.h"

#define TARGET_STALL_MS 16.0
#define STEP_TIMEOUT_S  120
#define N_SMALL_USERS   100

typedef struct
{
  gint64   last;
  gint64   longest;
} Meter;

typedef struct
{
  GtkWidget         *window;
  TdUsersPage       *view;
  AdwViewStack      *stack;
  GtkWidget         *page;
  GtkSearchEntry    *search_entry;
  GtkColumnView     *column_view;
  GtkFilterListModel *filter_model;

  guint              frames;
  gint64             last_frame;
  gint64             search_changed;
  /* The first frame after search_changed. */
  gint64             first_frame;
  Meter              meter;
} Bench;

static gboolean
tick_cb (gpointer user_data)
{
  Meter *meter = user_data;
  gint64 now = g_get_monotonic_time ();

  if (meter->last != 0 && now - meter->last > meter->longest)
    meter->longest = now - meter->last;
  meter->last = now;

  return G_SOURCE_CONTINUE;
}

static void
meter_reset (Meter *meter)
{
  meter->last = g_get_monotonic_time ();
  meter->longest = 0;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                Bench         *bench)
{
  bench->frames++;
  bench->last_frame = g_get_monotonic_time ();
  if (bench->search_changed != 0 && bench->first_frame == 0)
    bench->first_frame = bench->last_frame;
}

static const char *wanted_search;

/* Only the emission for the text typed counts: gtk_editable_set_text()
 * empties the field first, and the entry reports an empty field at once. */
static void
search_changed_cb (GtkSearchEntry *entry,
                   Bench          *bench)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), wanted_search) == 0)
    bench->search_changed = g_get_monotonic_time ();
}

/* Depth-first search of the widget tree. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean filter_done (Bench *bench);

/* Iterates until @condition holds (or the step's time is up). */
static gboolean
iterate_until (gboolean (*condition) (Bench *bench),
               Bench     *bench)
{
  gint64 deadline = g_get_monotonic_time () + STEP_TIMEOUT_S * G_USEC_PER_SEC;

  /* A keystroke has less time than a load. */
  if (condition == filter_done)
    deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (bench) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return condition (bench);
}

static guint
n_shown (Bench *bench)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (bench->column_view)));
}

static guint wanted_items;
static guint wanted_frames;

static gboolean
list_shown (Bench *bench)
{
  return !td_page_get_busy (TD_PAGE (bench->view)) &&
         n_shown (bench) == wanted_items &&
         gtk_filter_list_model_get_pending (bench->filter_model) == 0;
}

static gboolean
frame_painted (Bench *bench)
{
  return bench->frames >= wanted_frames;
}

/* Whether the user at @position of the filtered list contains the search. */
static gboolean
shown_user_matches (Bench  *bench,
                    guint   position)
{
  g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (bench->filter_model), position);

  return user != NULL && strstr (td_proxy_user_get_username (user), wanted_search) != NULL;
}

/* The search has been applied (the entry said "search-changed", the
 * filtered list has the expected length and its first and last users
 * contain the search), and the view has a row for each user. */
static gboolean
filter_done (Bench *bench)
{
  guint n_filtered = g_list_model_get_n_items (G_LIST_MODEL (bench->filter_model));

  return bench->search_changed != 0 &&
         gtk_filter_list_model_get_pending (bench->filter_model) == 0 &&
         n_filtered == wanted_items &&
         n_shown (bench) == wanted_items &&
         (n_filtered == 0 ||
          (shown_user_matches (bench, 0) && shown_user_matches (bench, n_filtered - 1)));
}

/* The list read and filtered: the users are in the view's model, whether
 * or not it has built a row for each yet. */
static gboolean
list_read (Bench *bench)
{
  return !td_page_get_busy (TD_PAGE (bench->view)) &&
         g_list_model_get_n_items (G_LIST_MODEL (bench->filter_model)) == wanted_items &&
         gtk_filter_list_model_get_pending (bench->filter_model) == 0;
}

/* Waits for the view to show @n_items users, then for the next frame:
 * the time from @start to that frame, in ms, or a negative number.  When
 * @first_ms is given, it gets the time from @start to the first frame
 * after the list was read (some rows may still be coming). */
static double
time_to_show (Bench  *bench,
              gint64  start,
              guint   n_items,
              double *first_ms)
{
  wanted_items = n_items;
  if (first_ms != NULL)
    {
      if (!iterate_until (list_read, bench))
        return -1;
      wanted_frames = bench->frames + 1;
      gtk_widget_queue_draw (bench->window);
      if (!iterate_until (frame_painted, bench))
        return -1;
      *first_ms = (bench->last_frame - start) / 1000.0;
    }

  if (!iterate_until (list_shown, bench))
    {
      g_printerr ("bench-users-view: the view shows %u users (loading: %d) instead of %u\n",
                  n_shown (bench), td_page_get_busy (TD_PAGE (bench->view)), n_items);
      return -1;
    }

  wanted_frames = bench->frames + 1;
  gtk_widget_queue_draw (bench->window);
  if (!iterate_until (frame_painted, bench))
    return -1;

  return (bench->last_frame - start) / 1000.0;
}

static guint
count_matches (guint       n_users,
               const char *search)
{
  guint n = 0;

  for (guint i = 0; i < n_users; i++)
    {
      char username[32];

      g_snprintf (username, sizeof username, "load%06u", i);
      if (strstr (username, search) != NULL)
        n++;
    }

  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdBenchServer) server = NULL;
  g_autoptr(TdApiClient) client = NULL;
  g_autoptr(TdCredentials) credentials = NULL;
  g_autoptr(TdAccount) account = NULL;
  g_autoptr(GArray) show_big = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) show_small = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall_big = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall_small = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) key_total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) key_filter = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) key_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) show_big_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) show_small_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) key_stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle_stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) relayout = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) relayout_stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) keystrokes = g_string_new (NULL);
  static const char typed[] = "load000123";
  Bench bench = { 0 };
  int n_users = 10000;
  int n_runs = 3;
  guint delay = 0;
  guint source;
  gboolean failed = FALSE;
  double worst_stall = 0;
  const GOptionEntry entries[] = {
    { "users", 0, 0, G_OPTION_ARG_INT, &n_users, "Users in the big list (10000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Times each list is shown (3)", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- the users view with many users");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-users-view: %s\n", error->message);
      return 2;
    }
  if (n_users < 1 || n_users > 100000 || n_runs < 1 || n_runs > 20)
    {
      g_printerr ("bench-users-view: --users must be within 1..100000, --runs within 1..20\n");
      return 2;
    }

  gtk_init ();
  adw_init ();

  server = td_bench_server_start (n_users, N_SMALL_USERS, &error);
  if (server == NULL)
    {
      g_printerr ("bench-users-view: %s\n", error->message);
      return 1;
    }

  client = td_api_client_new (td_bench_server_get_base_url (server));
  credentials = td_credentials_new ();
  /* For this run only: no keyring involved. */
  td_credentials_use_for_session (credentials, TD_SANDBOX_DEFAULT_TOKEN, NULL);

  account = td_account_new (client, credentials, NULL, FALSE);
  bench.window = GTK_WIDGET (td_window_new (NULL, account));
  g_object_ref_sink (bench.window);
  gtk_window_present (GTK_WINDOW (bench.window));

  bench.view = td_window_get_users_view (TD_WINDOW (bench.window));
  bench.stack = ADW_VIEW_STACK (find_widget (bench.window, ADW_TYPE_VIEW_STACK));
  if (bench.view == NULL || bench.stack == NULL)
    {
      g_printerr ("bench-users-view: the window has no TdUsersPage in an AdwViewStack\n");
      return 1;
    }
  /* By name: a GtkDropDown holds a search entry of its own. */
  bench.search_entry = (GtkSearchEntry *) gtk_widget_get_template_child (GTK_WIDGET (bench.view),
                                                                         TD_TYPE_USERS_PAGE,
                                                                         "search_entry");
  bench.column_view = (GtkColumnView *) gtk_widget_get_template_child (GTK_WIDGET (bench.view),
                                                                       TD_TYPE_USERS_PAGE,
                                                                       "column_view");
  if (!GTK_IS_SEARCH_ENTRY (bench.search_entry) || !GTK_IS_COLUMN_VIEW (bench.column_view))
    {
      g_printerr ("bench-users-view: the view has no search entry or column view\n");
      return 1;
    }
  /* The page of the stack that holds the view. */
  bench.page = GTK_WIDGET (bench.view);
  while (bench.page != NULL && gtk_widget_get_parent (bench.page) != GTK_WIDGET (bench.stack))
    bench.page = gtk_widget_get_parent (bench.page);
  /* The chain is selection → rows → filter → sort → store (td-users-page-private.h). */
  {
    GtkSelectionModel *selection = gtk_column_view_get_model (bench.column_view);
    GListModel *rows = GTK_IS_SINGLE_SELECTION (selection)
                         ? gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)) : NULL;
    GListModel *model = TD_IS_ROW_MODEL (rows) ? td_row_model_get_model (TD_ROW_MODEL (rows)) : NULL;

    if (bench.page == NULL || !GTK_IS_FILTER_LIST_MODEL (model))
      {
        g_printerr ("bench-users-view: unexpected widget tree or model chain\n");
        return 1;
      }
    bench.filter_model = GTK_FILTER_LIST_MODEL (model);
  }
  g_object_get (bench.search_entry, "search-delay", &delay, NULL);

  g_signal_connect (gtk_widget_get_frame_clock (bench.window), "after-paint",
                    G_CALLBACK (after_paint_cb), &bench);
  g_signal_connect (bench.search_entry, "search-changed", G_CALLBACK (search_changed_cb), &bench);

  wanted_frames = 1;
  if (!iterate_until (frame_painted, &bench))
    {
      g_printerr ("bench-users-view: the window never drew a frame\n");
      return 1;
    }

  source = g_timeout_add (1, tick_cb, &bench.meter);

  /* The reference for the stalls: the window doing nothing for 1 s. */
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;
    double ms;

    meter_reset (&bench.meter);
    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    ms = bench.meter.longest / 1000.0;
    g_array_append_val (idle_stall, ms);
  }

  /* Showing the page starts the first read of the residential list. */
  for (int run = 0; run < n_runs && !failed; run++)
    {
      for (int big = 1; big >= 0 && !failed; big--)
        {
          gint64 start;
          double ms, first = 0, stall;

          meter_reset (&bench.meter);
          start = g_get_monotonic_time ();
          if (run == 0 && big)
            adw_view_stack_set_visible_child (bench.stack, bench.page);
          else
            td_users_page_set_proxy_type (bench.view, big ? TD_PROXY_TYPE_RESIDENTIAL
                                                          : TD_PROXY_TYPE_MOBILE);

          ms = time_to_show (&bench, start, big ? (guint) n_users : N_SMALL_USERS, &first);
          stall = bench.meter.longest / 1000.0;
          if (ms < 0)
            failed = TRUE;
          g_array_append_val (big ? show_big : show_small, ms);
          g_array_append_val (big ? show_big_first : show_small_first, first);
          g_array_append_val (big ? stall_big : stall_small, stall);
        }
    }

  /* Twenty keystrokes on the big list. */
  if (!failed)
    td_users_page_set_proxy_type (bench.view, TD_PROXY_TYPE_RESIDENTIAL);
  if (!failed && time_to_show (&bench, g_get_monotonic_time (), n_users, NULL) < 0)
    failed = TRUE;

  /* The reference for a keystroke: a new layout and frame of the same
   * window, with nothing changed. */
  for (int i = 0; i < 10 && !failed; i++)
    {
      gint64 start;
      double ms, stall;

      meter_reset (&bench.meter);
      start = g_get_monotonic_time ();
      wanted_frames = bench.frames + 1;
      gtk_widget_queue_resize (bench.window);
      if (!iterate_until (frame_painted, &bench))
        failed = TRUE;
      ms = (bench.last_frame - start) / 1000.0;
      stall = bench.meter.longest / 1000.0;
      g_array_append_val (relayout, ms);
      g_array_append_val (relayout_stall, stall);
    }

  gtk_widget_grab_focus (GTK_WIDGET (bench.search_entry));
  for (int key = 0; key < 20 && !failed; key++)
    {
      /* 1..10 characters of "load000123", then 9..0 */
      int length = key < 10 ? key + 1 : 19 - key;
      g_autofree char *text = g_strndup (typed, length);
      gint64 start, typed_at;
      double total, filtering, first, stall;

      bench.search_changed = 0;
      bench.first_frame = 0;
      wanted_search = text;
      wanted_items = length > 0 ? count_matches (n_users, text) : (guint) n_users;

      meter_reset (&bench.meter);
      start = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (bench.search_entry), text);
      typed_at = g_get_monotonic_time ();

      if (!iterate_until (filter_done, &bench))
        {
          g_printerr ("bench-users-view: “%s” shows %u users (%u filtered) instead of %u "
                      "(search-changed %s, %u pending)\n",
                      text, n_shown (&bench),
                      g_list_model_get_n_items (G_LIST_MODEL (bench.filter_model)), wanted_items,
                      bench.search_changed != 0 ? "seen" : "not seen",
                      gtk_filter_list_model_get_pending (bench.filter_model));
          failed = TRUE;
          break;
        }
      wanted_frames = bench.frames + 1;
      gtk_widget_queue_draw (bench.window);
      if (!iterate_until (frame_painted, &bench))
        {
          failed = TRUE;
          break;
        }

      total = (bench.last_frame - start) / 1000.0;
      filtering = (bench.last_frame - bench.search_changed) / 1000.0;
      first = (bench.first_frame - bench.search_changed) / 1000.0;
      stall = bench.meter.longest / 1000.0;
      g_array_append_val (key_total, total);
      g_array_append_val (key_filter, filtering);
      g_array_append_val (key_first, first);
      g_array_append_val (key_stall, stall);
      g_string_append_printf (keystrokes, "    %-12s %6u users %9.1f ms %9.1f ms %9.1f ms %9.2f ms %7.1f ms\n",
                              length > 0 ? text : "(empty)", wanted_items, total, first, filtering,
                              stall, (typed_at - start) / 1000.0);
    }

  g_source_remove (source);

  if (!failed)
    {
      g_print ("The users view in the real window (sandbox in its own process; %d runs;\n"
               "renderer: %s)\n\n", n_runs,
               g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default (GL)");
      g_print ("  %-34s %10s %10s %12s\n", "", "median ms", "max ms", "worst stall");
      g_print ("  %-34s %10.1f %10.1f %9.2f ms\n", "window idle for 1 s (reference)",
               0.0, 0.0, td_bench_max (idle_stall));
      g_print ("  %-34s %10.1f %10.1f %9.2f ms\n", "show 100 users (reference)",
               td_bench_median (show_small), td_bench_max (show_small), td_bench_max (stall_small));
      g_print ("  show %-29d %10.1f %10.1f %9.2f ms   (%.1fx the reference)\n", n_users,
               td_bench_median (show_big), td_bench_max (show_big), td_bench_max (stall_big),
               td_bench_median (show_big) / td_bench_median (show_small));
      g_print ("  %-34s %10.1f %10.1f\n", "  of which to the first frame",
               td_bench_median (show_big_first), td_bench_max (show_big_first));
      g_print ("  %-34s %10.1f %10.1f\n", "  (100 users: to the first frame)",
               td_bench_median (show_small_first), td_bench_max (show_small_first));
      g_print ("  %-34s %10.1f %10.1f %9.2f ms\n", "relayout + frame, 10000 shown (ref.)",
               td_bench_median (relayout), td_bench_max (relayout), td_bench_max (relayout_stall));
      g_print ("  %-34s %10.1f %10.1f %9.2f ms\n", "keystroke to filtered frame",
               td_bench_median (key_total), td_bench_max (key_total), td_bench_max (key_stall));
      g_print ("  %-34s %10.1f %10.1f\n", "  of which after search-changed",
               td_bench_median (key_filter), td_bench_max (key_filter));
      g_print ("  %-34s %10.1f %10.1f\n", "search-changed to first frame",
               td_bench_median (key_first), td_bench_max (key_first));
      g_print ("  (the search entry waits %u ms after a keystroke before it searches)\n\n", delay);
      g_print ("  each keystroke: search text, users shown, keystroke to the frame with every row,\n"
               "  search-changed to the first frame, and to the frame with every row, longest\n"
               "  stall, time spent in gtk_editable_set_text() itself\n%s\n",
               keystrokes->str);

      worst_stall = MAX (td_bench_max (stall_big), td_bench_max (key_stall));
      g_print ("  target: longest stall < %.0f ms while the list loads and filters: %.2f ms, %s\n",
               TARGET_STALL_MS, worst_stall, worst_stall < TARGET_STALL_MS ? "met" : "MISSED");
      if (td_bench_max (idle_stall) >= TARGET_STALL_MS)
        g_print ("  (the idle reference itself reached %.1f ms: the machine is too busy for a\n"
                 "  verdict on stalls near the reference)\n", td_bench_max (idle_stall));
      g_print ("\n");
    }

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_object_unref (bench.window);

  return failed ? 1 : 0;
}
