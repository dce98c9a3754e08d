/* test-error-help.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An error the guide explains offers to open that part of the guide: in
 * the Users page's real error card, an error of the table (and a
 * connection error given as a GError) gets a "What Can I Do?"
 * button (its tooltip; an icon button, named for assistive technology), which launches the help viewer with
 * help:thordesk/errors#<section>; an error the guide does not explain
 * gets none, and the button goes with the card.  The help viewer is a
 * stand-in script made the default handler of help: URIs through the
 * test's own XDG folders, the way a desktop registers Yelp. */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "td-accessible.h"
#include "td-error.h"
#include "td-error-help.h"
#include "td-test-ui.h"
#include "td-users-page.h"
#include "td-users-page-private.h"

#define VIEWER_ID "td-test-help-viewer.desktop"

static char *folder;
static char *seen;

/* Before GTK and GIO start: a viewer script that writes the URI it was
 * given to @seen, made the default for help: URIs. */
static void
install_viewer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *applications = NULL;
  g_autofree char *script = NULL;
  g_autofree char *script_text = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *desktop_text = NULL;
  g_autofree char *mimeapps = NULL;

  folder = g_dir_make_tmp ("td-error-help-XXXXXX", &error);
  g_assert_no_error (error);

  data = g_build_filename (folder, "data", NULL);
  config = g_build_filename (folder, "config", NULL);
  applications = g_build_filename (data, "applications", NULL);
  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);

  seen = g_build_filename (folder, "viewer-saw", NULL);
  script = g_build_filename (folder, "viewer.sh", NULL);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part' && mv '%s.part' '%s'\n",
                                 seen, seen, seen);
  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);

  desktop = g_build_filename (applications, VIEWER_ID, NULL);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Help Viewer\n"
                                  "Exec=%s %%u\nMimeType=x-scheme-handler/help;\nNoDisplay=true\n",
                                  script);
  g_file_set_contents (desktop, desktop_text, -1, &error);
  g_assert_no_error (error);

  mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_file_set_contents (mimeapps, "[Default Applications]\nx-scheme-handler/help=" VIEWER_ID "\n",
                       -1, &error);
  g_assert_no_error (error);

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
}

static char *
viewer_saw (void)
{
  char *text = NULL;

  if (!g_file_get_contents (seen, &text, NULL, NULL))
    return NULL;

  return text;
}

static gboolean
viewer_launched (void)
{
  return g_file_test (seen, G_FILE_TEST_EXISTS);
}

static void
test_card_links_to_section (void)
{
  TdTestWindow fixture = { 0 };
  g_autoptr(GError) full = td_server_error_new (10019, NULL);
  g_autoptr(GError) range = td_server_error_new (10021, NULL);
  g_autoptr(GError) timeout = g_error_new_literal (TD_API_ERROR, TD_API_ERROR_TIMEOUT,
                                                   "Thordata did not answer within 30 seconds.");
  g_autofree char *message = NULL;
  g_autofree char *uri = NULL;
  GtkWidget *revealer;
  GtkLabel *label;
  GtkWidget *button;
  const char *name;

  td_test_window_set_up (&fixture, NULL, "token", NULL, TRUE);
  td_test_window_open_page (&fixture, TD_TYPE_USERS_PAGE);

  revealer = td_test_page_child (fixture.page, "action_error_revealer");
  label = GTK_LABEL (td_test_page_child (fixture.page, "action_error_label"));

  /* An error of the table the guide explains, shown with words around it
   * as the page does: the card has the button, named. */
  message = g_strdup_printf ("The user could not be changed: %s", full->message);
  td_users_page_show_action_error (TD_USERS_PAGE (fixture.page), message);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (label)));

  button = td_error_help_get_button (label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_ancestor (button, revealer));
  g_assert_true (gtk_widget_get_focusable (button));
  name = gtk_widget_get_tooltip_text (button);
  g_assert_cmpstr (name, ==, "What Can I Do?");

  /* Pressing it opens that section of the guide. */
  g_assert_false (viewer_launched ());
  gtk_widget_activate (button);
  WAIT_UNTIL (viewer_launched ());
  uri = viewer_saw ();
  g_assert_cmpstr (uri, ==, "help:thordesk/errors#account-limits");
  g_assert_cmpint (g_unlink (seen), ==, 0);

  /* An error the guide does not explain: no button, no wrong link. */
  td_users_page_show_action_error (TD_USERS_PAGE (fixture.page), range->message);
  td_test_ui_flush ();
  g_assert_false (gtk_widget_get_visible (button));

  /* A connection error given as a GError: its section is found from the
   * error, not from words. */
  td_accessible_set_error_card_for_error (GTK_REVEALER (revealer), label, NULL, timeout);
  td_test_ui_flush ();
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_label_get_label (label), ==, timeout->message);
  gtk_widget_activate (button);
  WAIT_UNTIL (viewer_launched ());
  g_clear_pointer (&uri, g_free);
  uri = viewer_saw ();
  g_assert_cmpstr (uri, ==, "help:thordesk/errors#network");
  g_assert_cmpint (g_unlink (seen), ==, 0);

  /* The card hidden: the button goes with it. */
  td_users_page_show_action_error (TD_USERS_PAGE (fixture.page), NULL);
  td_test_ui_flush ();
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_get_visible (revealer));

  td_test_window_tear_down (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  install_viewer ();
  td_test_ui_init (&argc, &argv);

  g_test_add_func ("/error-help/card-links-to-section", test_card_links_to_section);

  status = g_test_run ();

  /* What install_viewer() made, deepest first. */
  {
    static const char * const made[] = {
      "viewer-saw", "viewer.sh", "data/applications/" VIEWER_ID, "data/applications",
      "data", "config/mimeapps.list", "config", NULL,
    };

    for (guint i = 0; made[i] != NULL; i++)
      {
        g_autofree char *path = g_build_filename (folder, made[i], NULL);

        g_remove (path);
      }
    g_rmdir (folder);
  }
  g_free (seen);
  g_free (folder);
  return status;
}
