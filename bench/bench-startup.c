/* bench-startup.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Start-up benchmark: time to the first frame and peak RSS of the real
 * thordesk against the floor (bench/floor.c, a bare AdwApplication
 * window), both started by this launcher, both quitting on their first
 * frame, with the same renderer: GTK's default (GL) and cairo.
 *
 *   bench-startup [--runs N] [--floor PATH] [--app PATH]
 *
 * Every program is started with posix_spawn() and reaped with wait4(),
 * which gives its peak RSS (ru_maxrss).  The time to the first frame is
 * the monotonic time the program prints from its frame clock's
 * "after-paint" signal ("thordesk-first-frame <usec>" on stderr) minus
 * the monotonic time taken just before posix_spawn().
 *
 * Three programs run, in rotating order within each round:
 *
 *   floor                      bench/floor
 *   thordesk --sandbox         no network, no keyring needed
 *   thordesk --api-url URL     URL is a port on 127.0.0.1 this launcher
 *                              listens on and never answers; a token is
 *                              stored in the keyring beforehand
 *   first start                the same with no token in the keyring:
 *                              the window reads the keyring after its
 *                              first frame and opens the token dialog;
 *                              the run ends on the dialog's first frame
 *                              (THORDESK_BENCH_QUIT_AFTER_FIRST_FRAME=
 *                              dialog), so its peak RSS is the app's
 *                              with the dialog open (issue 13)
 *
 * and, while they run, two witnesses record what would betray a network
 * or keyring call before the first frame: the listener records the time
 * of every connection it receives, and a dbus-monitor on the session bus
 * records every message that names the Secret Service.  Any such event
 * between a program's start and its first frame is a failure (exit
 * status 1).  The launcher's own keyring store, made while the monitor
 * runs, is the control that shows the monitor sees such traffic. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "td-bench-stats.h"
#include "td-credentials.h"

extern char **environ;

/* Upper bound for one program to reach its first frame and exit. */
#define RUN_TIMEOUT_USEC (60 * G_USEC_PER_SEC)
#define FIRST_FRAME_TAG  "thordesk-first-frame "
#define DIALOG_FRAME_TAG "thordesk-dialog-frame "

/* Targets from issue 13 (time and memory), and for the first start. */
#define TARGET_TIME_RATIO               1.15
#define TARGET_MEMORY_RATIO             1.05
#define TARGET_FIRST_START_MEMORY_RATIO 1.10

typedef enum
{
  PROGRAM_FLOOR,
  PROGRAM_SANDBOX,
  PROGRAM_API_URL,
  PROGRAM_FIRST_START,
  N_PROGRAMS
} Program;

static const char *program_names[N_PROGRAMS] = {
  "floor (bare AdwApplication)",
  "thordesk --sandbox",
  "thordesk --api-url + keyring",
  "first start (token dialog)",
};

typedef struct
{
  Program program;
  gint64 spawned;      /* monotonic, µs */
  gint64 first_frame;  /* monotonic, µs */
  gint64 dialog_frame; /* monotonic, µs: the first start's token dialog */
  gint64 exited;       /* monotonic, µs */
  long   max_rss_kib;
  double cpu_ms;       /* user + system, all threads, at exit */
} Run;

/* What the witnesses saw, as monotonic times in µs. */
typedef struct
{
  GMutex  mutex;
  GArray *connections;  /* gint64 */
  int     fd;
  guint16 port;
  gboolean stop;
} Listener;

/* ------------------------------------------------------------------ */

static gpointer
listener_thread (gpointer user_data)
{
  Listener *listener = user_data;

  for (;;)
    {
      struct pollfd pfd = { .fd = listener->fd, .events = POLLIN };
      gboolean stop;

      g_mutex_lock (&listener->mutex);
      stop = listener->stop;
      g_mutex_unlock (&listener->mutex);
      if (stop)
        break;

      if (poll (&pfd, 1, 20) > 0)
        {
          int client = accept (listener->fd, NULL, NULL);
          gint64 now = g_get_monotonic_time ();

          if (client >= 0)
            {
              g_mutex_lock (&listener->mutex);
              g_array_append_val (listener->connections, now);
              g_mutex_unlock (&listener->mutex);
              /* Never answered: the connection is closed at once. */
              close (client);
            }
        }
    }

  return NULL;
}

static gboolean
listener_open (Listener *listener)
{
  struct sockaddr_in address = { 0 };
  socklen_t length = sizeof address;

  g_mutex_init (&listener->mutex);
  listener->connections = g_array_new (FALSE, FALSE, sizeof (gint64));

  listener->fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener->fd < 0)
    return FALSE;

  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  address.sin_port = 0;

  if (bind (listener->fd, (struct sockaddr *) &address, sizeof address) < 0 ||
      listen (listener->fd, 64) < 0 ||
      getsockname (listener->fd, (struct sockaddr *) &address, &length) < 0)
    return FALSE;

  listener->port = ntohs (address.sin_port);

  return TRUE;
}

/* ------------------------------------------------------------------ */

/* Runs @argv (with THORDESK_BENCH_QUIT_AFTER_FIRST_FRAME=1 and, when
 * @renderer is not NULL, GSK_RENDERER=@renderer) until it exits. */
static gboolean
run_once (const char * const *argv,
          const char         *renderer,
          const char         *mode,
          Run                *run)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GString) output = g_string_new (NULL);
  posix_spawn_file_actions_t actions;
  struct rusage usage = { 0 };
  int pipe_fds[2];
  pid_t pid;
  int status = 0;
  int spawn_error;
  gint64 deadline;
  gboolean eof = FALSE;
  const char *tag;

  env = g_environ_setenv (env, "THORDESK_BENCH_QUIT_AFTER_FIRST_FRAME", mode, TRUE);
  if (renderer != NULL)
    env = g_environ_setenv (env, "GSK_RENDERER", renderer, TRUE);
  else
    env = g_environ_unsetenv (env, "GSK_RENDERER");

  if (pipe2 (pipe_fds, O_CLOEXEC) < 0)
    return FALSE;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen (&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

  run->spawned = g_get_monotonic_time ();
  spawn_error = posix_spawn (&pid, argv[0], &actions, NULL, (char * const *) argv, env);
  posix_spawn_file_actions_destroy (&actions);
  close (pipe_fds[1]);

  if (spawn_error != 0)
    {
      g_printerr ("bench-startup: cannot start %s: %s\n", argv[0], g_strerror (spawn_error));
      close (pipe_fds[0]);
      return FALSE;
    }

  deadline = run->spawned + RUN_TIMEOUT_USEC;
  while (!eof && g_get_monotonic_time () < deadline)
    {
      struct pollfd pfd = { .fd = pipe_fds[0], .events = POLLIN };
      char buffer[4096];
      ssize_t size;

      if (poll (&pfd, 1, 100) <= 0)
        continue;

      size = read (pipe_fds[0], buffer, sizeof buffer);
      if (size > 0)
        g_string_append_len (output, buffer, size);
      else if (size == 0 || errno != EINTR)
        eof = TRUE;
    }
  close (pipe_fds[0]);

  if (!eof)
    {
      g_printerr ("bench-startup: %s did not finish within %d s; killed\n",
                  argv[0], (int) (RUN_TIMEOUT_USEC / G_USEC_PER_SEC));
      kill (pid, SIGKILL);
    }

  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;
  run->exited = g_get_monotonic_time ();
  run->max_rss_kib = usage.ru_maxrss;
  run->cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
                (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;

  tag = strstr (output->str, FIRST_FRAME_TAG);
  run->first_frame = tag != NULL ? g_ascii_strtoll (tag + strlen (FIRST_FRAME_TAG), NULL, 10) : 0;
  tag = strstr (output->str, DIALOG_FRAME_TAG);
  run->dialog_frame = tag != NULL ? g_ascii_strtoll (tag + strlen (DIALOG_FRAME_TAG), NULL, 10) : 0;

  if (!eof || !WIFEXITED (status) || WEXITSTATUS (status) != 0 || run->first_frame <= run->spawned ||
      (g_strcmp0 (mode, "dialog") == 0 && run->dialog_frame < run->first_frame))
    {
      g_printerr ("bench-startup: %s failed (status %d); its stderr:\n%s\n",
                  argv[0], status, output->str);
      return FALSE;
    }

  /* Anything else it said (warnings) is worth seeing. */
  if (strlen (output->str) > strlen (FIRST_FRAME_TAG) + 32 +
                             (run->dialog_frame != 0 ? strlen (DIALOG_FRAME_TAG) + 32 : 0))
    g_printerr ("bench-startup: %s said:\n%s", argv[0], output->str);

  return TRUE;
}

/* ------------------------------------------------------------------ */

/* Parses dbus-monitor's output: the monotonic time (converted with
 * @real_minus_monotonic) of every message whose header or arguments
 * name the Secret Service. */
static GArray *
read_secret_messages (const char *path,
                      gint64      real_minus_monotonic)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 message_time = 0;
  gboolean counted = FALSE;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return times;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *time_field;

      /* A message starts at column 0; its arguments are indented. */
      if (line[0] != ' ' && line[0] != '\0' && (time_field = strstr (line, " time=")) != NULL)
        {
          double seconds = g_ascii_strtod (time_field + strlen (" time="), NULL);

          message_time = (gint64) llround (seconds * G_USEC_PER_SEC) - real_minus_monotonic;
          counted = FALSE;
        }

      if (message_time != 0 && !counted &&
          (strstr (line, "org.freedesktop.secrets") != NULL ||
           strstr (line, "org.freedesktop.Secret.") != NULL))
        {
          g_array_append_val (times, message_time);
          counted = TRUE;
        }
    }

  return times;
}

static GPid
start_dbus_monitor (const char *log_path)
{
  const char *argv[] = { "dbus-monitor", "--session", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;
  int log_fd;

  log_fd = open (log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log_fd < 0)
    return 0;

  if (!g_spawn_async_with_fds (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                               NULL, NULL, &pid, -1, log_fd, -1, &error))
    {
      g_printerr ("bench-startup: cannot start dbus-monitor: %s\n", error->message);
      pid = 0;
    }
  close (log_fd);

  if (pid != 0)
    {
      /* It prints its own NameLost signal once it is a monitor. */
      for (int i = 0; i < 200; i++)
        {
          g_autofree char *text = NULL;

          if (g_file_get_contents (log_path, &text, NULL, NULL) && strstr (text, "NameLost") != NULL)
            return pid;
          g_usleep (25000);
        }
      g_printerr ("bench-startup: dbus-monitor never became a monitor\n");
      kill (pid, SIGKILL);
      waitpid (pid, NULL, 0);
      pid = 0;
    }

  return pid;
}

static void
stop_dbus_monitor (GPid pid)
{
  if (pid == 0)
    return;

  kill (pid, SIGTERM);
  for (int i = 0; i < 100; i++)
    {
      if (waitpid (pid, NULL, WNOHANG) == pid)
        return;
      g_usleep (20000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
}

/* The first start finds no token in the keyring; the others find the
 * launcher's.  A pause lets the monitor see these calls well before the
 * next program starts. */
static gboolean
set_keyring_token (gboolean  present,
                   GError  **error)
{
  gboolean ok;

  if (present)
    ok = secret_password_store_sync (td_credentials_get_schema (), SECRET_COLLECTION_DEFAULT,
                                     "Thordesk benchmark token", "bench-token-0000",
                                     NULL, error, "kind", "token", NULL);
  else
    ok = secret_password_clear_sync (td_credentials_get_schema (), NULL, error,
                                     "kind", "token", NULL) || *error == NULL;
  g_usleep (G_USEC_PER_SEC / 10);

  return ok;
}

static guint
count_between (GArray *times,
               gint64  from,
               gint64  to)
{
  guint n = 0;

  for (guint i = 0; i < times->len; i++)
    {
      gint64 t = g_array_index (times, gint64, i);

      if (t >= from && t < to)
        n++;
    }

  return n;
}

/* ------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *floor_path = g_strdup (BENCH_FLOOR);
  g_autofree char *app_path = g_strdup (BENCH_THORDESK);
  g_autofree char *tmpdir = NULL;
  g_autofree char *monitor_log = NULL;
  g_autofree char *api_url = NULL;
  g_autoptr(GArray) secret_times = NULL;
  g_autoptr(GArray) all_runs = NULL;
  g_autoptr(GThread) thread = NULL;
  Listener listener = { 0 };
  int n_runs = 10;
  gint64 real_minus_monotonic;
  gint64 control_from, control_to;
  guint control_messages;
  GPid monitor;
  gboolean failed = FALSE;
  guint violations = 0;
  const char *renderers[] = { NULL, "cairo" };
  const char *renderer_names[] = { "default (GL)", "cairo" };
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Measured runs of each program (10)", "N" },
    { "floor", 0, 0, G_OPTION_ARG_FILENAME, &floor_path, "The floor program", "PATH" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app_path, "The thordesk program", "PATH" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- Thordesk start-up against a bare AdwApplication");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 2;
    }
  if (n_runs < 1 || n_runs > 1000)
    {
      g_printerr ("bench-startup: --runs must be within 1..1000\n");
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_printerr ("bench-startup: run me under tests/headless-run.sh (bench/run.sh does)\n");
      return 2;
    }

  tmpdir = g_dir_make_tmp ("thordesk-bench-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 1;
    }
  monitor_log = g_build_filename (tmpdir, "dbus-monitor.log", NULL);

  if (!listener_open (&listener))
    {
      g_printerr ("bench-startup: cannot listen on 127.0.0.1: %s\n", g_strerror (errno));
      return 1;
    }
  api_url = g_strdup_printf ("http://127.0.0.1:%u/api", listener.port);
  thread = g_thread_new ("listener", listener_thread, &listener);

  real_minus_monotonic = g_get_real_time () - g_get_monotonic_time ();
  monitor = start_dbus_monitor (monitor_log);

  /* The token thordesk --api-url finds in the keyring (and the control
   * traffic for the monitor). */
  control_from = g_get_monotonic_time ();
  if (!secret_password_store_sync (td_credentials_get_schema (), SECRET_COLLECTION_DEFAULT,
                                   "Thordesk benchmark token", "bench-token-0000",
                                   NULL, &error, "kind", "token", NULL))
    {
      g_printerr ("bench-startup: cannot store the token in the keyring: %s\n", error->message);
      return 1;
    }
  control_to = g_get_monotonic_time ();

  all_runs = g_array_new (FALSE, TRUE, sizeof (Run));

  g_print ("Start-up: time to the first frame and peak RSS, median of %d runs\n"
           "(after one warm-up run of each program, not counted)\n\n", n_runs);

  for (guint r = 0; r < G_N_ELEMENTS (renderers); r++)
    {
      GArray *times[N_PROGRAMS];
      GArray *rss[N_PROGRAMS];
      GArray *cpu[N_PROGRAMS];
      GArray *dialog_times = g_array_new (FALSE, FALSE, sizeof (double));
      double floor_time = 0, floor_rss = 0, floor_cpu = 0;

      for (int p = 0; p < N_PROGRAMS; p++)
        {
          times[p] = g_array_new (FALSE, FALSE, sizeof (double));
          rss[p] = g_array_new (FALSE, FALSE, sizeof (double));
          cpu[p] = g_array_new (FALSE, FALSE, sizeof (double));
        }

      for (int round = -1; round < n_runs && !failed; round++)
        {
          for (int k = 0; k < N_PROGRAMS && !failed; k++)
            {
              Program p = (Program) ((k + MAX (round, 0)) % N_PROGRAMS);
              const char *floor_argv[] = { floor_path, NULL };
              const char *sandbox_argv[] = { app_path, "--sandbox", NULL };
              const char *api_argv[] = { app_path, "--api-url", api_url, NULL };
              const char * const *program_argv =
                p == PROGRAM_FLOOR ? floor_argv : p == PROGRAM_SANDBOX ? sandbox_argv : api_argv;
              Run run = { .program = p };
              double ms, mib;
              gboolean ran;

              if (p == PROGRAM_FIRST_START && !set_keyring_token (FALSE, &error))
                {
                  g_printerr ("bench-startup: cannot clear the token: %s\n", error->message);
                  failed = TRUE;
                  break;
                }
              ran = run_once (program_argv, renderers[r],
                              p == PROGRAM_FIRST_START ? "dialog" : "1", &run);
              if (p == PROGRAM_FIRST_START && !set_keyring_token (TRUE, &error))
                {
                  g_printerr ("bench-startup: cannot store the token: %s\n", error->message);
                  failed = TRUE;
                  break;
                }
              if (!ran)
                {
                  failed = TRUE;
                  break;
                }

              if (p != PROGRAM_FLOOR)
                g_array_append_val (all_runs, run);

              if (round < 0)
                continue;

              ms = (run.first_frame - run.spawned) / 1000.0;
              mib = run.max_rss_kib / 1024.0;
              g_array_append_val (times[p], ms);
              g_array_append_val (rss[p], mib);
              g_array_append_val (cpu[p], run.cpu_ms);
              if (p == PROGRAM_FIRST_START)
                {
                  ms = (run.dialog_frame - run.spawned) / 1000.0;
                  g_array_append_val (dialog_times, ms);
                }
            }
        }

      if (failed)
        {
          for (int p = 0; p < N_PROGRAMS; p++)
            {
              g_array_unref (times[p]);
              g_array_unref (rss[p]);
              g_array_unref (cpu[p]);
            }
          g_array_unref (dialog_times);
          break;
        }

      g_print ("Renderer: %s\n", renderer_names[r]);
      g_print ("  %-30s %9s %7s %7s %6s   %8s %6s   %7s %6s\n",
               "program", "frame ms", "min", "max", "ratio", "RSS MiB", "ratio", "CPU ms", "ratio");

      for (int p = 0; p < N_PROGRAMS; p++)
        {
          double time_median = td_bench_median (times[p]);
          double rss_median = td_bench_median (rss[p]);
          double time_min = td_bench_quantile (times[p], 0);
          double time_max = td_bench_max (times[p]);
          double cpu_median = td_bench_median (cpu[p]);

          if (p == PROGRAM_FLOOR)
            {
              floor_time = time_median;
              floor_rss = rss_median;
              floor_cpu = cpu_median;
            }

          g_print ("  %-30s %9.1f %7.1f %7.1f %5.2fx   %8.1f %5.2fx   %7.1f %5.2fx",
                   program_names[p], time_median, time_min, time_max, time_median / floor_time,
                   rss_median, rss_median / floor_rss, cpu_median, cpu_median / floor_cpu);
          if (p != PROGRAM_FLOOR)
            g_print ("   time %s, memory %s",
                     time_median / floor_time <= TARGET_TIME_RATIO ? "met" : "MISSED",
                     rss_median / floor_rss <= (p == PROGRAM_FIRST_START ? TARGET_FIRST_START_MEMORY_RATIO
                                                                         : TARGET_MEMORY_RATIO)
                       ? "met" : "MISSED");
          g_print ("\n");
        }
      g_print ("  first start: the token dialog's first frame at %.1f ms (median); its RSS and\n"
               "  CPU are until then, its frame time the window's\n",
               td_bench_median (dialog_times));
      g_print ("  targets: time <= %.2fx, memory <= %.2fx the floor (first start: %.2fx)\n"
               "  (CPU: user + system time of all threads until exit, for information: it\n"
               "  varies less with the load)\n\n",
               TARGET_TIME_RATIO, TARGET_MEMORY_RATIO, TARGET_FIRST_START_MEMORY_RATIO);
      g_array_unref (dialog_times);

      for (int p = 0; p < N_PROGRAMS; p++)
        {
          g_array_unref (times[p]);
          g_array_unref (rss[p]);
          g_array_unref (cpu[p]);
        }
    }

  g_mutex_lock (&listener.mutex);
  listener.stop = TRUE;
  g_mutex_unlock (&listener.mutex);
  g_thread_join (g_steal_pointer (&thread));
  close (listener.fd);

  stop_dbus_monitor (monitor);
  secret_times = read_secret_messages (monitor_log, real_minus_monotonic);
  control_messages = count_between (secret_times, control_from, control_to + G_USEC_PER_SEC / 10);

  g_print ("No network or keyring call before the first frame (every thordesk run, warm-ups "
           "included):\n");
  g_print ("  witness check: the launcher's own keyring store was seen as %u Secret Service "
           "message(s)%s\n", control_messages,
           control_messages > 0 ? "" : " -- the monitor sees nothing, the check is void");

  for (int p = PROGRAM_SANDBOX; p < N_PROGRAMS; p++)
    {
      guint secrets_before = 0, secrets_after = 0;
      guint connections_before = 0, connections_after = 0;
      guint n = 0;

      for (guint i = 0; i < all_runs->len; i++)
        {
          Run *run = &g_array_index (all_runs, Run, i);

          if (run->program != (Program) p)
            continue;

          n++;
          secrets_before += count_between (secret_times, run->spawned, run->first_frame);
          secrets_after += count_between (secret_times, run->first_frame, run->exited);
          connections_before += count_between (listener.connections,
                                               run->spawned, run->first_frame);
          connections_after += count_between (listener.connections,
                                              run->first_frame, run->exited);
        }

      violations += secrets_before + connections_before;
      g_print ("  %-30s %u runs: before the first frame %u keyring message(s), %u connection(s);"
               " after it, until exit, %u and %u\n",
               program_names[p], n, secrets_before, connections_before,
               secrets_after, connections_after);
    }
  g_print ("  %s\n", violations == 0 ? "none: met" : "MISSED: see the counts above");

  g_array_unref (listener.connections);
  g_mutex_clear (&listener.mutex);
  g_unlink (monitor_log);
  g_rmdir (tmpdir);

  if (failed)
    return 1;

  return violations == 0 && control_messages > 0 ? 0 : 1;
}
