/* td-test-ui.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-account.h"
#include "td-sandbox.h"

G_BEGIN_DECLS

/* Upper bound for anything a UI test waits for, in seconds. */
#define TD_TEST_UI_WAIT_SECONDS 20

/* Iterates the default main context until @condition holds, for
 * TD_TEST_UI_WAIT_SECONDS at most, then asserts it.  A tick wakes the
 * loop every 50 ms, so that conditions no event announces are seen too. */
#define WAIT_UNTIL(condition)                                                   \
  G_STMT_START {                                                                \
    gint64 deadline_ = g_get_monotonic_time () +                                \
                       TD_TEST_UI_WAIT_SECONDS * G_USEC_PER_SEC;                \
    guint tick_ = td_test_ui_add_tick ();                                       \
    while (!(condition) && g_get_monotonic_time () < deadline_)                 \
      g_main_context_iteration (NULL, TRUE);                                    \
    g_source_remove (tick_);                                                    \
    g_assert_true (condition);                                                  \
  } G_STMT_END

/* gtk_test_init() and adw_init(). */
void       td_test_ui_init           (int         *argc,
                                      char      ***argv);

/* A timeout source that wakes the main loop every 50 ms; remove it with
 * g_source_remove(). */
guint      td_test_ui_add_tick       (void);

/* The template child @name of @widget, whose template is @template_type's;
 * aborts the test when there is none. */
GtkWidget *td_test_ui_child          (gpointer     widget,
                                      GType        template_type,
                                      const char  *name);

/* The first toplevel window of @type, or NULL. */
GtkWindow *td_test_ui_find_toplevel  (GType        type);

/* Runs every pending event and idle callback. */
void       td_test_ui_flush          (void);

/* The one fixture of the UI tests: an account (its API client, session
 * credentials and the app's settings, reset) and either the real main
 * window or one page alone in a plain window. */
typedef struct
{
  /* The in-process sandbox the client talks to, or NULL when the test
   * gave a server of its own. */
  TdSandbox     *sandbox;
  TdApiClient   *client;
  TdCredentials *credentials;
  GSettings     *settings;
  TdAccount     *account;
  /* A TdWindow (td_test_window_open()), or a plain AdwApplicationWindow
   * holding @page (td_test_window_open_page()). */
  GtkWindow     *window;
  GtkWidget     *page;
} TdTestWindow;

/* Makes the account of @fixture: a client for @base_url, or for a new
 * sandbox when @base_url is NULL; credentials used for the session with
 * @token and @key, or empty when @token is NULL; the settings with the
 * form's choices reset; @sandbox_mode as the account's "sandbox" (the
 * window then reads no keyring). */
void       td_test_window_set_up     (TdTestWindow  *fixture,
                                      const char    *base_url,
                                      const char    *token,
                                      const char    *key,
                                      gboolean       sandbox_mode);
/* Opens the real main window on the account; with @present, waits until
 * it is on screen. */
void       td_test_window_open       (TdTestWindow  *fixture,
                                      gboolean       present);
/* Puts a new page of @page_type (a TdPage) alone in a plain window, on
 * screen. */
void       td_test_window_open_page  (TdTestWindow  *fixture,
                                      GType          page_type);
/* The same, without presenting the window: the test presents it once it
 * set up what the page is to find.  The window is a GActionMap: a test
 * adds the "win.*" actions the page uses to it. */
void       td_test_window_new_page   (TdTestWindow  *fixture,
                                      GType          page_type);
/* Destroys the windows and drops everything. */
void       td_test_window_tear_down  (TdTestWindow  *fixture);

/* The main window's page @name (built if needed). */
GtkWidget *td_test_window_page       (TdTestWindow  *fixture,
                                      const char    *name);

/* The child @name of @page's template (the template of @page's own
 * class), or else of its user form's (the template child "form", a
 * TdUserForm), or one of the Create page's cards built when first needed
 * ("result_card", "error_revealer", "error_label": built by this call if
 * they were not yet); aborts the test when there is none. */
GtkWidget *td_test_page_child        (gpointer       page,
                                      const char    *name);

/* Activates the shortcut @accelerator ("<Control>Return") that @widget's
 * class installed, as the key would; FALSE when it has none. */
gboolean   td_test_ui_press_shortcut (GtkWidget     *widget,
                                      const char    *accelerator);

G_END_DECLS
