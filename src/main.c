/* main.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "td-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TdApplication) app = NULL;
  const char *localedir;

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
