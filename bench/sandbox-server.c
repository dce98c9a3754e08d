/* sandbox-server.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* TdSandbox in a process of its own, for the benchmarks: it listens on
 * 127.0.0.1 (a free port), prints its base URL on a line of stdout and
 * serves until its stdin is closed, SIGTERM or SIGINT arrives, or
 * --lifetime seconds have passed.
 *
 *   sandbox-server [--users N] [--mobile-users N] [--quota N]
 *                  [--lifetime SECONDS]
 *
 * --users stores N residential users before listening ("load000000",
 * ...), as an account that already has them; --mobile-users N mobile
 * users ("mobi000000", ...). */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include <glib-unix.h>

#include "td-proxy-user.h"
#include "td-sandbox.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_REMOVE;
}

static gboolean
stdin_cb (GIOChannel   *channel,
          GIOCondition  condition,
          gpointer      user_data)
{
  char buffer[256];
  gsize read = 0;
  GIOStatus status;

  status = g_io_channel_read_chars (channel, buffer, sizeof buffer, &read, NULL);
  if (status == G_IO_STATUS_EOF || status == G_IO_STATUS_ERROR || (condition & G_IO_HUP) != 0)
    {
      g_main_loop_quit (user_data);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(TdSandbox) sandbox = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  int n_users = 0;
  int n_mobile_users = 0;
  int quota = 1000000;
  int lifetime = 3600;
  const GOptionEntry entries[] = {
    { "users", 0, 0, G_OPTION_ARG_INT, &n_users, "Residential users stored", "N" },
    { "mobile-users", 0, 0, G_OPTION_ARG_INT, &n_mobile_users, "Mobile users stored", "N" },
    { "quota", 0, 0, G_OPTION_ARG_INT, &quota, "Users allowed in the account", "N" },
    { "lifetime", 0, 0, G_OPTION_ARG_INT, &lifetime, "Quit after this many seconds", "S" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- the Thordesk sandbox in a process");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sandbox-server: %s\n", error->message);
      return 2;
    }

  if (n_users < 0 || n_users > 1000000 || n_mobile_users < 0 || n_mobile_users > 1000000 ||
      quota < 0 || lifetime <= 0)
    {
      g_printerr ("sandbox-server: an option is out of range\n");
      return 2;
    }

  loop = g_main_loop_new (NULL, FALSE);
  sandbox = td_sandbox_new ();
  td_sandbox_set_quota (sandbox, MAX ((guint) quota, (guint) (n_users + n_mobile_users)));

  td_sandbox_add_example_users (sandbox, TD_PROXY_TYPE_RESIDENTIAL, "load", n_users);
  td_sandbox_add_example_users (sandbox, TD_PROXY_TYPE_MOBILE, "mobi", n_mobile_users);

  if (!td_sandbox_start (sandbox, &error))
    {
      g_printerr ("sandbox-server: %s\n", error->message);
      return 1;
    }

  g_print ("%s\n", td_sandbox_get_base_url (sandbox));
  fflush (stdout);

  channel = g_io_channel_unix_new (STDIN_FILENO);
  g_io_channel_set_encoding (channel, NULL, NULL);
  g_io_add_watch (channel, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_timeout_add_seconds (lifetime, quit_cb, loop);

  g_main_loop_run (loop);

  return 0;
}
