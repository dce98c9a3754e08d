/* test-busy-indicator.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "td-busy-indicator.h"
#include "td-test-fault-server.h"
#include "td-test-ui.h"
#include "td-window.h"

/* What waiting costs is the number of frames the window draws while it
 * waits: a GtkSpinner asks for one at every refresh of the display, and
 * on software GL each of them redraws the window.  These tests count the
 * frames a real window paints (its frame clock's "after-paint") over a
 * few seconds of waiting. */

typedef struct
{
  GtkWindow       *window;
  GtkWidget       *busy;
  GtkWidget       *spinner;
  guint            paints;
} Fixture;

static void
on_after_paint (GdkFrameClock *clock,
                Fixture       *fixture)
{
  fixture->paints++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->busy = td_busy_indicator_new ();
  fixture->spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Creating…"));
  gtk_box_append (GTK_BOX (box), fixture->busy);
  gtk_box_append (GTK_BOX (box), fixture->spinner);
  gtk_window_set_child (fixture->window, box);
  gtk_window_set_default_size (fixture->window, 400, 300);
  gtk_window_present (fixture->window);

  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window)),
                    "after-paint", G_CALLBACK (on_after_paint), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  gtk_window_destroy (fixture->window);
  td_test_ui_flush ();
}

/* Counts the frames painted over @seconds of a running main loop. */
static guint
paints_over (Fixture *fixture,
             double   seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint tick = td_test_ui_add_tick ();

  td_test_ui_flush ();
  fixture->paints = 0;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  return fixture->paints;
}

static void
test_spinner_reference (Fixture       *fixture,
                        gconstpointer  data)
{
  guint paints;

  /* The control: the same window with a GtkSpinner paints many frames a
   * second, so the counts below are not low by accident. */
  gtk_spinner_start (GTK_SPINNER (fixture->spinner));
  paints = paints_over (fixture, 2.0);
  g_test_message ("GtkSpinner: %u frames in 2 s", paints);
  g_assert_cmpuint (paints, >, 20);
}

static void
test_one_frame_a_second (Fixture       *fixture,
                         gconstpointer  data)
{
  TdBusyIndicator *busy = TD_BUSY_INDICATOR (fixture->busy);
  guint paints;

  g_assert_false (gtk_widget_get_visible (fixture->busy));

  td_busy_indicator_set_spinning (busy, TRUE);
  g_assert_true (td_busy_indicator_get_spinning (busy));
  g_assert_true (gtk_widget_get_visible (fixture->busy));

  paints = paints_over (fixture, 3.5);
  g_test_message ("TdBusyIndicator: %u frames in 3.5 s, %u steps", paints,
                  td_busy_indicator_get_step (busy));
  /* Three or four steps, each a frame, plus the frame that shows it. */
  g_assert_cmpuint (td_busy_indicator_get_step (busy), >=, 2);
  g_assert_cmpuint (paints, <=, 6);

  td_busy_indicator_set_spinning (busy, FALSE);
  g_assert_false (gtk_widget_get_visible (fixture->busy));
  paints = paints_over (fixture, 1.5);
  g_assert_cmpuint (paints, <=, 1);
  g_assert_cmpuint (td_busy_indicator_get_step (busy), ==, 0);
}

static void
test_animations_off (Fixture       *fixture,
                     gconstpointer  data)
{
  TdBusyIndicator *busy = TD_BUSY_INDICATOR (fixture->busy);

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  td_busy_indicator_set_spinning (busy, TRUE);
  g_assert_true (gtk_widget_get_visible (fixture->busy));

  paints_over (fixture, 1.5);
  g_assert_cmpuint (td_busy_indicator_get_step (busy), ==, 0);

  /* Turned back on while it waits, it moves again. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  WAIT_UNTIL (td_busy_indicator_get_step (busy) >= 1);
}

static void
test_hidden_costs_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  TdBusyIndicator *busy = TD_BUSY_INDICATOR (fixture->busy);
  GtkWidget *parent = gtk_widget_get_parent (fixture->busy);

  td_busy_indicator_set_spinning (busy, TRUE);
  /* Spinning in a part of the window that is not shown: no steps. */
  gtk_widget_set_visible (parent, FALSE);
  td_test_ui_flush ();
  paints_over (fixture, 1.5);
  g_assert_cmpuint (td_busy_indicator_get_step (busy), ==, 0);

  gtk_widget_set_visible (parent, TRUE);
  WAIT_UNTIL (td_busy_indicator_get_step (busy) >= 1);
}

/* The real window, a create in flight against a server that never
 * answers: the waiting is shown (the indicator spins, on screen, and is
 * busy for assistive technologies), and it costs about a frame a second,
 * not one per refresh of the display.  Then Cancel: the busy state goes. */
typedef struct
{
  TdTestWindow       w;
  TdTestFaultServer *server;
  guint              paints;
} WindowFixture;

static void
on_window_after_paint (GdkFrameClock *clock,
                       WindowFixture *fixture)
{
  fixture->paints++;
}

static GtkWidget *
create_child (WindowFixture *fixture,
              const char    *name)
{
  return td_test_page_child (td_test_window_page (&fixture->w, "create"), name);
}

static void
window_fixture_set_up (WindowFixture *fixture,
                       gconstpointer  data)
{
  fixture->server = td_test_fault_server_new (FALSE);
  td_test_fault_server_set_fault (fixture->server, TD_TEST_FAULT_HANG);
  td_test_window_set_up (&fixture->w, td_test_fault_server_get_base_url (fixture->server),
                         "BusyTokenQ4w8Zr", "BusyKeyT6p2Lm", TRUE);
  td_test_window_open (&fixture->w, TRUE);
}

static void
window_fixture_tear_down (WindowFixture *fixture,
                          gconstpointer  data)
{
  td_test_window_tear_down (&fixture->w);
  g_clear_object (&fixture->server);
}

static guint
window_paints_over (WindowFixture *fixture,
                    double         seconds)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->w.window));
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint tick = td_test_ui_add_tick ();
  gulong handler;

  td_test_ui_flush ();
  fixture->paints = 0;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_window_after_paint), fixture);
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  g_source_remove (tick);

  return fixture->paints;
}

static void
test_create_in_flight (WindowFixture *fixture,
                       gconstpointer  data)
{
  GtkWidget *indicator = create_child (fixture, "busy_indicator");
  TdBusyIndicator *busy = TD_BUSY_INDICATOR (indicator);
  guint step;
  guint paints;

  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (indicator), GTK_ACCESSIBLE_STATE_BUSY, FALSE);

  gtk_editable_set_text (GTK_EDITABLE (create_child (fixture, "username_entry")), "busyuser1");
  gtk_editable_set_text (GTK_EDITABLE (create_child (fixture, "password_entry")), "BusyUser7Pass");
  gtk_editable_set_text (GTK_EDITABLE (create_child (fixture, "limit_entry")), "1");
  g_assert_true (gtk_widget_get_sensitive (create_child (fixture, "create_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->w.window), "win.primary", NULL);
  g_assert_true (td_window_get_busy (TD_WINDOW (fixture->w.window)));
  WAIT_UNTIL (td_test_fault_server_count_requests (fixture->server, "") >= 1);

  /* Seen and heard: spinning, on screen, busy. */
  g_assert_true (td_busy_indicator_get_spinning (busy));
  WAIT_UNTIL (gtk_widget_get_mapped (indicator));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (indicator), GTK_ACCESSIBLE_STATE_BUSY, TRUE);

  /* Let the page settle (the stack's transition, the focus moving to
   * Cancel), then count. */
  window_paints_over (fixture, 2.0);
  step = td_busy_indicator_get_step (busy);
  paints = window_paints_over (fixture, 4.0);
  g_test_message ("create in flight: %u frames in 4 s, %u steps",
                  paints, td_busy_indicator_get_step (busy) - step);
  /* It moves (three or four steps), and each step is one frame (on a
   * loaded machine a late frame of the settling may fall in the count:
   * a few more are let through): a GtkSpinner would have asked for some
   * 240. */
  g_assert_cmpuint (td_busy_indicator_get_step (busy) - step, >=, 3);
  g_assert_cmpuint (paints, <=, td_busy_indicator_get_step (busy) - step + 4);
  g_assert_true (td_window_get_busy (TD_WINDOW (fixture->w.window)));

  gtk_widget_activate_action (create_child (fixture, "cancel_button"), "create.cancel", NULL);
  WAIT_UNTIL (!td_window_get_busy (TD_WINDOW (fixture->w.window)));
  g_assert_false (td_busy_indicator_get_spinning (busy));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (indicator), GTK_ACCESSIBLE_STATE_BUSY, FALSE);
  /* Nothing moves any more. */
  step = td_busy_indicator_get_step (busy);
  window_paints_over (fixture, 1.5);
  g_assert_cmpuint (td_busy_indicator_get_step (busy), ==, step);
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

  g_test_add ("/busy-indicator/spinner-reference", Fixture, NULL,
              fixture_set_up, test_spinner_reference, fixture_tear_down);
  g_test_add ("/busy-indicator/one-frame-a-second", Fixture, NULL,
              fixture_set_up, test_one_frame_a_second, fixture_tear_down);
  g_test_add ("/busy-indicator/animations-off", Fixture, NULL,
              fixture_set_up, test_animations_off, fixture_tear_down);
  g_test_add ("/busy-indicator/hidden-costs-nothing", Fixture, NULL,
              fixture_set_up, test_hidden_costs_nothing, fixture_tear_down);

  g_test_add ("/busy-indicator/create-in-flight", WindowFixture, NULL,
              window_fixture_set_up, test_create_in_flight, window_fixture_tear_down);

  return g_test_run ();
}
