/* td-page.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "td-account.h"

G_BEGIN_DECLS

/* The contract between the window and each of its pages.  The window
 * builds a page the first time it is shown (from its page table), hands
 * it the account, and forwards the window-wide actions (refresh, find,
 * cancel, the primary action) to the page that is visible, and only to
 * it.
 *
 * Properties every page has: "account" (TdAccount, given at construction
 * and set again when the window's account changes: the page then works
 * on the new one, and notifies "account" on a real change) and
 * "busy" (boolean, read-only: TRUE while a request of the page is in
 * flight; notified on change). */

#define TD_TYPE_PAGE (td_page_get_type ())

G_DECLARE_INTERFACE (TdPage, td_page, TD, PAGE, GtkWidget)

struct _TdPageInterface
{
  GTypeInterface parent_iface;

  /* All optional: a page that has nothing to do leaves them NULL. */

  /* F5: read the page's data again. */
  void     (*refresh)         (TdPage *self);
  /* Ctrl+F: move the focus to the page's search. */
  void     (*find)            (TdPage *self);
  /* Escape: stop what is in flight.  TRUE when something was stopped, so
   * that Escape does nothing else. */
  gboolean (*cancel)          (TdPage *self);
  /* Ctrl+Enter: the page's main action (Create on the Create page). */
  void     (*activate_primary) (TdPage *self);
  /* The keyboard focus goes to the page's first control (Alt+N). */
  void     (*focus_first)     (TdPage *self);
};

TdAccount *td_page_get_account      (TdPage *self);
gboolean   td_page_get_busy         (TdPage *self);

void       td_page_refresh          (TdPage *self);
void       td_page_find             (TdPage *self);
gboolean   td_page_cancel           (TdPage *self);
void       td_page_activate_primary (TdPage *self);
void       td_page_focus_first      (TdPage *self);

G_END_DECLS
