/* td-test-ui.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

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

G_END_DECLS
