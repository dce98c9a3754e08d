/* floor.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The start-up floor: the least an AdwApplication can do to show a
 * window of Thordesk's default size with a header bar.  Like thordesk
 * with THORDESK_BENCH_QUIT_AFTER_FIRST_FRAME=1, it prints the monotonic
 * time of its first frame on stderr and quits.  bench-startup compares
 * the two. */

#include "config.h"

#include <adwaita.h>

static void
after_paint_cb (GdkFrameClock *frame_clock,
                GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, window);
  g_printerr ("thordesk-first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (g_application_get_default ());
}

static void
map_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_paint_cb), window, 0);
}

static void
activate_cb (GApplication *application)
{
  GtkWidget *window;
  GtkWidget *box;

  window = adw_application_window_new (GTK_APPLICATION (application));
  gtk_window_set_title (GTK_WINDOW (window), "Floor");
  /* Thordesk's default window size (window-width and window-height). */
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 760);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  /* Non-unique like thordesk --sandbox and --api-url: no name to own. */
  application = adw_application_new (APP_ID ".BenchFloor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
