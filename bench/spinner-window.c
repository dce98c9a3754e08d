/* spinner-window.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reference of bench-busy.py: a bare AdwApplication window of
 * Thordesk's size with a header bar that waits, as Thordesk does while a
 * request is in flight, in one of three ways:
 *
 *   spinner-window idle        nothing moves
 *   spinner-window spinner     a spinning GtkSpinner (GTK's own cost)
 *   spinner-window indicator   a spinning TdBusyIndicator
 *
 * It runs until it is terminated.  The title says which it is, so that the
 * benchmark can find the window on AT-SPI. */

#include "config.h"

#include <adwaita.h>

#include "td-busy-indicator.h"

static const char *mode = "idle";

static void
activate_cb (GApplication *application)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *content;

  window = adw_application_window_new (GTK_APPLICATION (application));
  gtk_window_set_title (GTK_WINDOW (window), mode);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 760);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (content, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (content, TRUE);
  if (g_str_equal (mode, "spinner"))
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_box_append (GTK_BOX (content), spinner);
    }
  else if (g_str_equal (mode, "indicator"))
    {
      GtkWidget *indicator = td_busy_indicator_new ();

      td_busy_indicator_set_spinning (TD_BUSY_INDICATOR (indicator), TRUE);
      gtk_box_append (GTK_BOX (content), indicator);
    }
  gtk_box_append (GTK_BOX (content), gtk_label_new ("Creating…"));
  gtk_box_append (GTK_BOX (box), content);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  if (argc > 1)
    mode = argv[1];
  if (!g_str_equal (mode, "idle") && !g_str_equal (mode, "spinner") && !g_str_equal (mode, "indicator"))
    {
      g_printerr ("usage: %s [idle|spinner|indicator]\n", argv[0]);
      return 2;
    }

  application = adw_application_new (APP_ID ".BenchSpinner", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (application), 1, argv);
}
