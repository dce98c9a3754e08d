/* main.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <glib/gi18n.h>

#include "td-application.h"

/* The account token, the key and proxy-user passwords live in this
 * process's memory: ours is wiped when dropped, but libsoup, GLib and
 * json-glib keep copies in buffers the app cannot reach (request
 * headers and URIs, the answer's bytes), so a core dump would hold them.
 * No core dumps, then, before anything is read:
 *
 *   - PR_SET_DUMPABLE 0: the kernel writes no dump at all, not even
 *     through a core_pattern pipe (systemd-coredump, apport), and other
 *     processes of the same user can no longer ptrace this one or read
 *     its memory through /proc;
 *   - RLIMIT_CORE 0, soft and hard: no core file either, should
 *     something make the process dumpable again.
 *
 * Failing to do either is not fatal: the app works, with the risk the
 * warning names. */
static void
disable_core_dumps (void)
{
  const struct rlimit no_core = { 0, 0 };

  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_warning ("Could not turn off core dumps (prctl): %s", g_strerror (errno));

  if (setrlimit (RLIMIT_CORE, &no_core) != 0)
    g_warning ("Could not limit core dumps to 0 bytes: %s", g_strerror (errno));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TdApplication) app = NULL;
  const char *localedir;

  disable_core_dumps ();

  /* THORDESK_LOCALEDIR points at the translations compiled in a build
   * tree (meson devenv and the tests set it), so that a build can be
   * tried in every language before it is installed. */
  localedir = g_getenv ("THORDESK_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Thordesk"));

  app = td_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
