/* td-test-clipboard-app.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The real TdApplication (with --sandbox: no keyring, no network) that
 * copies one text as soon as its window is up, as the result card's
 * buttons do, then quits the way Ctrl+Q does when a line arrives on its
 * standard input.  For test-clipboard-quit, which reads the clipboard
 * from other X clients before and after.
 *
 *   td-test-clipboard-app secret|text TEXT
 *
 * Prints "copied" once the text is on the clipboard. */

#include "config.h"

#include <stdio.h>
#include <locale.h>
#include <gio/gunixinputstream.h>

#include "td-application.h"
#include "td-clipboard.h"

static gboolean as_secret;
static const char *text;

static void
line_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GApplication *app = user_data;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (object), result, NULL, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_application_release (app);
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (in);

  g_assert (window != NULL);

  if (as_secret)
    td_clipboard_copy_secret (GTK_WIDGET (window), text);
  else
    td_clipboard_copy_text (GTK_WIDGET (window), text);
  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));

  g_print ("copied\n");
  fflush (stdout);

  g_application_hold (app);
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, line_read_cb, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TdApplication) app = NULL;
  char *args[] = { argv[0], (char *) "--sandbox", NULL };

  if (argc != 3)
    {
      g_printerr ("usage: %s secret|text TEXT\n", argv[0]);
      return 2;
    }
  as_secret = g_str_equal (argv[1], "secret");
  text = argv[2];

  setlocale (LC_ALL, "");
  app = td_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), 2, args);
}
