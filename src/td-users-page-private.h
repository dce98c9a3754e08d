/* td-users-page-private.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-busy-indicator.h"
#include "td-row-model.h"
#include "td-user-store.h"
#include "td-users-page.h"

G_BEGIN_DECLS

/* Shared by the four parts of the Users page:
 *
 *   td-users-page.c          the page: the account's user store of the
 *                            type shown, loading, state, quota, search
 *   td-users-page-cells.c    the columns: factories, the row switch,
 *                            the comparators
 *   td-users-page-actions.c  what is done to one user (copy, password,
 *                            edit, usage, delete), the row menu and the
 *                            selection kept across changes
 *   td-users-page-export.c   the list saved as a CSV file (users.export)
 *
 * The model chain is
 *
 *   TdUserStore (TdProxyUser) → GtkSortListModel (the column headers)
 *     → GtkFilterListModel (the search) → TdRowModel → GtkSingleSelection
 *
 * so that typing only filters and clicking a header only sorts.  The
 * store is the account's (td_account_get_user_store()): switching the
 * proxy type puts another store at the head of the chain. */
struct _TdUsersPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkWidget           *box;
  GtkDropDown         *type_dropdown;
  GtkSearchEntry      *search_entry;
  GtkLabel            *quota_label;
  GtkLabel            *updated_label;
  TdBusyIndicator     *refresh_spinner;
  GtkRevealer         *action_error_revealer;
  GtkLabel            *action_error_label;
  GtkStack            *state_stack;
  TdBusyIndicator     *loading_spinner;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *no_results_page;
  AdwStatusPage       *error_page;
  GtkButton           *error_button;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *username_column;
  GtkColumnViewColumn *limit_column;
  GtkColumnViewColumn *usage_column;
  GtkColumnViewColumn *created_column;

  TdAccount           *account;
  /* The account's store of proxy_type (a reference of our own). */
  TdUserStore         *store;

  /* Models */
  GtkSortListModel    *sort_model;
  GtkCustomFilter     *filter;
  /* td_search_key() of the search applied, or NULL for every user. */
  char                *search_key;
  GtkFilterListModel  *filter_model;
  TdRowModel          *row_model;
  GtkSingleSelection  *selection;
  /* The username of the selected row, to select it again where it is
   * after a change; see td_users_page_keep_selection_*(). */
  char                *selected_username;

  /* Cancelled when the page goes away. */
  GCancellable        *cancellable;
  /* The page's read in flight, if any. */
  GCancellable        *load_cancellable;
  GError              *load_error;
  /* Username → GINT_TO_POINTER (1 + requested status) of the switches
   * whose change is in flight, for users of proxy_type. */
  GHashTable          *pending_toggles;
  /* Applies a cleared search field, see on_search_changed(). */
  guint                clear_search_id;

  TdProxyType          proxy_type;

  /* A read has been started at least once. */
  guint                started : 1;
  guint                compact : 1;
  /* Between keep_selection_before() and keep_selection_after(). */
  guint                changing_rows : 1;
};

/* td-users-page.c */
void         td_users_page_show_toast              (TdUsersPage  *self,
                                                    const char   *text);
void         td_users_page_show_action_error       (TdUsersPage  *self,
                                                    const char   *message);
void         td_users_page_update_state            (TdUsersPage  *self);
/* The store of @proxy_type: where the answer to a request made for a user
 * of that type goes, whichever type is shown by then. */
TdUserStore *td_users_page_get_store_for           (TdUsersPage  *self,
                                                    TdProxyType   proxy_type);

/* td-users-page-cells.c */
void         td_users_page_cells_class_init        (GtkWidgetClass *widget_class);
void         td_users_page_cells_init              (TdUsersPage  *self);
/* The user a row of the column view holds, or NULL (a spare row). */
TdProxyUser *td_users_page_list_item_get_user      (GtkListItem  *list_item);
/* The row of the column view that holds @cell_child. */
GtkWidget   *td_users_page_get_row_widget          (GtkWidget    *cell_child);

/* td-users-page-actions.c */
void         td_users_page_actions_class_init      (GtkWidgetClass *widget_class);
void         td_users_page_actions_init            (TdUsersPage  *self);
void         td_users_page_create_row_menu         (GtkMenuButton *button,
                                                    gpointer       list_item);
void         td_users_page_keep_selection_before   (TdUsersPage  *self);
void         td_users_page_keep_selection_after    (TdUsersPage  *self);

/* td-users-page-export.c */
void         td_users_page_export_class_init       (GtkWidgetClass *widget_class);
/* Enables users.export when there is a list to export. */
void         td_users_page_update_export           (TdUsersPage  *self);

G_END_DECLS
