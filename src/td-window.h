/* td-window.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-account.h"
#include "td-users-page.h"

G_BEGIN_DECLS

#define TD_TYPE_WINDOW (td_window_get_type ())

G_DECLARE_FINAL_TYPE (TdWindow, td_window, TD, WINDOW, AdwApplicationWindow)

/* The main window: a shell (header bar, view stack, banners, toasts) around
 * the pages of its page table, each built the first time it is shown.
 * Window-wide shortcuts act on the visible page only (TdPage).
 *
 * Property "account" (TdAccount): handed to every page, also to pages
 * built before it changed.  In sandbox mode (td_account_get_sandbox())
 * the window says plainly that nothing goes to Thordata, and does not
 * read the keyring. */
TdWindow    *td_window_new                 (AdwApplication *application,
                                            TdAccount      *account);

TdAccount   *td_window_get_account         (TdWindow       *self);
void         td_window_set_account         (TdWindow       *self,
                                            TdAccount      *account);

/* Opens the dialog that asks for the account token and key. */
void         td_window_ask_for_credentials (TdWindow       *self);

/* TRUE while a request of one of the pages is in flight. */
gboolean     td_window_get_busy            (TdWindow       *self);

/* The page @name of the page table, built now if it was not yet (it
 * starts its work once on screen); NULL when there is no such page. */
GtkWidget   *td_window_get_page            (TdWindow       *self,
                                            const char     *name);

/* The users page: td_window_get_page (self, "users"). */
TdUsersPage *td_window_get_users_view      (TdWindow       *self);

G_END_DECLS
