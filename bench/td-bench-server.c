/* td-bench-server.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-bench-server.h"

struct _TdBenchServer
{
  GSubprocess *process;
  char        *base_url;
};

typedef struct
{
  gboolean  done;
  char     *line;
  GError   *error;
} LineRead;

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object),
                                                          result, NULL, &read->error);
  read->done = TRUE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

/* Iterates the thread-default main context until *@done or @seconds. */
static gboolean
iterate_until (gboolean *done,
               guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!*done && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return *done;
}

TdBenchServer *
td_bench_server_start (guint    n_residential,
                       guint    n_mobile,
                       GError **error)
{
  g_autoptr(TdBenchServer) self = g_new0 (TdBenchServer, 1);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *residential = g_strdup_printf ("%u", n_residential);
  g_autofree char *mobile = g_strdup_printf ("%u", n_mobile);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LineRead read = { 0 };
  const char *server = g_getenv ("THORDESK_BENCH_SANDBOX_SERVER");

  if (server == NULL)
    server = BENCH_SANDBOX_SERVER;

  self->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    error,
                                    server, "--users", residential,
                                    "--mobile-users", mobile, NULL);
  if (self->process == NULL)
    return NULL;

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, cancellable,
                                       read_line_cb, &read);

  if (!iterate_until (&read.done, 60))
    {
      /* A cancelled read always calls back. */
      g_cancellable_cancel (cancellable);
      while (!read.done)
        g_main_context_iteration (NULL, TRUE);
      g_clear_error (&read.error);
      g_free (read.line);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           "sandbox-server printed no address within 60 s");
      return NULL;
    }

  if (read.error != NULL)
    {
      g_propagate_error (error, read.error);
      return NULL;
    }

  if (read.line == NULL || !g_str_has_prefix (read.line, "http://127.0.0.1:"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "sandbox-server printed “%s” instead of its address",
                   read.line != NULL ? read.line : "(nothing)");
      g_free (read.line);
      return NULL;
    }

  self->base_url = read.line;

  return g_steal_pointer (&self);
}

const char *
td_bench_server_get_base_url (TdBenchServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->base_url;
}

void
td_bench_server_stop (TdBenchServer *self)
{
  if (self == NULL)
    return;

  if (self->process != NULL)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      gboolean done = FALSE;

      g_output_stream_close (g_subprocess_get_stdin_pipe (self->process), NULL, NULL);
      g_subprocess_wait_async (self->process, cancellable, wait_cb, &done);
      if (!iterate_until (&done, 10))
        {
          g_subprocess_force_exit (self->process);
          if (!iterate_until (&done, 10))
            {
              /* A cancelled wait always calls back. */
              g_cancellable_cancel (cancellable);
              while (!done)
                g_main_context_iteration (NULL, TRUE);
            }
        }
      g_clear_object (&self->process);
    }

  g_free (self->base_url);
  g_free (self);
}
