/* td-window-private.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-window.h"

G_BEGIN_DECLS

/* One entry of the window's page table (td-window.c): a page of the view
 * stack, built the first time it is shown. */
typedef struct
{
  /* The view stack's name of the page, and "win.show-page"'s parameter. */
  const char  *name;
  /* Marked with N_(): translated when shown. */
  const char  *title;
  const char  *icon_name;
  /* The page's class: a GtkWidget implementing TdPage, with an
   * "account" property. */
  GType      (*get_type) (void);
  /* The shortcut that shows the page, as gtk_accelerator_parse() reads
   * it, and its entry in the shortcuts window (marked with
   * NC_("shortcut window", …): translated when shown), which
   * win.show-help-overlay adds to src/gtk/help-overlay.ui's "General"
   * group (tests/test-shortcuts.py). */
  const char  *accel;
  const char  *shortcut_title;
} TdWindowPageInfo;

extern const TdWindowPageInfo _td_window_pages[];
extern const guint            _td_window_n_pages;

/* The page's entry in the shortcuts window, translated. */
const char *_td_window_page_get_shortcut_title (const TdWindowPageInfo *info);

struct _TdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack         *view_stack;
  GtkRevealer          *sandbox_revealer;
  GtkRevealer          *account_revealer;
  GtkRevealer          *host_revealer;
  GtkLabel             *host_label;
  GtkMenuButton        *accounts_button;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  AdwViewSwitcherBar   *switcher_bar;
  GtkLabel             *account_label;
  GtkButton            *account_button;

  TdAccount            *account;
  /* The credentials whose changes the banner follows (the account's). */
  TdCredentials        *credentials;
  /* The client whose address the host banner follows (the account's). */
  TdApiClient          *client;

  /* One AdwBin per entry of the page table, in its order, held by the
   * view stack; a bin's child is the page once it was built. */
  GPtrArray            *bins;

  /* The accounts, for the header's switcher (shown with two or more). */
  GMenuModel           *accounts_menu;

  /* Cancelled when the window goes away. */
  GCancellable         *cancellable;
  guint                 load_source;
  guint                 credentials_loaded : 1;
  guint                 accounts_menu_given : 1;
};

void       _td_window_class_actions_init (TdWindowClass *klass);
void       _td_window_actions_init       (TdWindow      *self);

void       _td_window_show_toast         (TdWindow      *self,
                                          const char    *title);
/* The page shown, built if needed; NULL before the stack shows one. */
GtkWidget *_td_window_get_visible_page   (TdWindow      *self);

G_END_DECLS
