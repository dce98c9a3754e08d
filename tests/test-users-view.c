/* test-users-view.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Users page (TdUsersPage), under Xvfb, against the in-process
 * sandbox: the list and its quota, search, the row switch, the edit,
 * delete and usage dialogs, usernames that lie, 10,000 users.
 *
 * Each page test puts the page alone in the fixture's plain window
 * (TdTestWindow, td-test-ui.h) with the "win.*" actions a page uses, as
 * the shell offers them: toasts and page switches are recorded, refresh
 * and find are forwarded to the page's TdPage vfuncs.  Two tests of the real TdWindow stay here until the
 * window's own tests take them: the Create form turned off by the quota,
 * and the window's check after a create whose answer was lost. */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "td-account.h"
#include "td-api-client.h"
#include "td-busy-indicator.h"
#include "td-credentials.h"
#include "td-result-card.h"
#include "td-row-model.h"
#include "td-sandbox.h"
#include "td-test-ui.h"
#include "td-usage.h"
#include "td-usage-chart.h"
#include "td-usage-dialog.h"
#include "td-user-edit-dialog.h"
#include "td-users-page.h"
#include "td-window.h"

typedef struct
{
  /* The account, and the window: a plain one holding the page, or the
   * TdWindow (td_window). */
  TdTestWindow   w;
  TdWindow      *td_window;
  TdUsersPage   *view;
  /* What the page asked of the window: "toast <title>", "show-page
   * <name>", "enter-token". */
  GPtrArray     *window_log;
} Fixture;

/* In a TdWindow rather than a plain window (fixture data). */
#define IN_TD_WINDOW GINT_TO_POINTER (1)

static void
log_action (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  Fixture *fixture = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  if (param != NULL && g_variant_is_of_type (param, G_VARIANT_TYPE_STRING))
    g_ptr_array_add (fixture->window_log,
                     g_strdup_printf ("%s %s", name, g_variant_get_string (param, NULL)));
  else
    g_ptr_array_add (fixture->window_log, g_strdup (name));
}

static void
refresh_page (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  Fixture *fixture = user_data;

  td_page_refresh (TD_PAGE (fixture->view));
}

static void
find_in_page (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  Fixture *fixture = user_data;

  td_page_find (TD_PAGE (fixture->view));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const GActionEntry entries[] = {
    { "toast", log_action, "s" },
    { "show-page", log_action, "s" },
    { "enter-token", log_action },
    { "refresh", refresh_page },
    { "find", find_in_page },
  };

  fixture->window_log = g_ptr_array_new_with_free_func (g_free);
  td_test_window_set_up (&fixture->w, NULL, TD_SANDBOX_DEFAULT_TOKEN, NULL, TRUE);

  if (data == IN_TD_WINDOW)
    {
      td_test_window_open (&fixture->w, TRUE);
      fixture->td_window = TD_WINDOW (fixture->w.window);
      fixture->view = td_window_get_users_view (fixture->td_window);
      return;
    }

  /* The page alone, with the "win.*" actions the shell offers it (toasts
   * and page switches recorded); shown by show_users().  The window hands
   * the client the token it loaded; here, at once. */
  td_api_client_set_credentials (fixture->w.client, TD_SANDBOX_DEFAULT_TOKEN, NULL);
  td_test_window_new_page (&fixture->w, TD_TYPE_USERS_PAGE);
  fixture->view = TD_USERS_PAGE (fixture->w.page);
  gtk_window_set_default_size (fixture->w.window, 900, 600);
  g_action_map_add_action_entries (G_ACTION_MAP (fixture->w.window), entries, G_N_ELEMENTS (entries),
                                   fixture);
}

static void
destroy_toplevels (GType type)
{
  GtkWindow *window;

  while ((window = td_test_ui_find_toplevel (type)) != NULL)
    gtk_window_destroy (window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  destroy_toplevels (TD_TYPE_USER_EDIT_DIALOG);
  destroy_toplevels (TD_TYPE_USAGE_DIALOG);
  destroy_toplevels (ADW_TYPE_MESSAGE_DIALOG);

  td_test_window_tear_down (&fixture->w);
  g_clear_pointer (&fixture->window_log, g_ptr_array_unref);
}

static GtkWidget *
view_child (Fixture    *fixture,
            const char *name)
{
  return td_test_ui_child (fixture->view, TD_TYPE_USERS_PAGE, name);
}

static TdUserStore *
store_of (Fixture     *fixture,
          TdProxyType  proxy_type)
{
  return td_account_get_user_store (td_page_get_account (TD_PAGE (fixture->view)), proxy_type);
}

static GtkWidget *
window_child (Fixture    *fixture,
              const char *name)
{
  g_assert_nonnull (fixture->td_window);
  /* The Create page's controls are the page's own. */
  if (g_strcmp0 (name, "view_stack") != 0)
    return td_test_page_child (td_window_get_page (fixture->td_window, "create"), name);
  return td_test_ui_child (fixture->td_window, TD_TYPE_WINDOW, name);
}

static const char *
view_state (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (view_child (fixture, "state_stack")));
}

static GtkSingleSelection *
view_selection (Fixture *fixture)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (view_child (fixture, "column_view"));

  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view));
}

/* The users the column view shows, after the search, in its order: below
 * the rows (td-row-model.h) that the view keeps. */
static GListModel *
shown_users (Fixture *fixture)
{
  TdRowModel *rows = TD_ROW_MODEL (gtk_single_selection_get_model (view_selection (fixture)));

  return td_row_model_get_model (rows);
}

static gboolean
filter_done (Fixture *fixture)
{
  return gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (shown_users (fixture))) == 0;
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (shown_users (fixture));
}

static const char *
shown_username (Fixture *fixture,
                guint    position)
{
  g_autoptr(TdProxyUser) user = g_list_model_get_item (shown_users (fixture), position);

  g_assert_nonnull (user);
  /* The store keeps the object alive. */
  return td_proxy_user_get_username (user);
}

static gboolean
model_has (Fixture    *fixture,
           const char *username)
{
  guint n = n_shown (fixture);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (shown_username (fixture, i), username) == 0)
      return TRUE;

  return FALSE;
}

static void
seed_user (Fixture     *fixture,
           TdProxyType  proxy_type,
           const char  *username,
           gint64       limit_mb,
           gboolean     enabled)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new_full (proxy_type, username,
                                                        "Secret123", limit_mb, enabled);
  td_sandbox_add_user (fixture->w.sandbox, user);
}

/* Shows the Users page, which reads the list, and waits for the answer. */
static void
show_users (Fixture *fixture)
{
  if (fixture->td_window != NULL)
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window_child (fixture, "view_stack")),
                                           "users");
  else
    gtk_window_present (fixture->w.window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->view)));
  WAIT_UNTIL (filter_done (fixture));
}

static void
refresh_and_wait (Fixture *fixture)
{
  td_users_page_refresh (fixture->view);
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->view)));
  WAIT_UNTIL (filter_done (fixture));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

/* The widget of @type in the row that shows @username, as a user would
 * find it on screen; NULL when that row is not shown. */
static GtkWidget *
find_in_row (Fixture    *fixture,
             const char *username,
             GType       type)
{
  GtkWidget *column_view = view_child (fixture, "column_view");
  GtkWidget *label = find_label (column_view, username);

  /* Up from the label's cell to its row, which holds the other cells. */
  for (GtkWidget *ancestor = label != NULL ? gtk_widget_get_parent (label) : NULL;
       ancestor != NULL && ancestor != column_view;
       ancestor = gtk_widget_get_parent (ancestor))
    {
      GtkWidget *found = find_descendant (ancestor, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const char *
label_text (GtkWidget *widget)
{
  return gtk_label_get_label (GTK_LABEL (widget));
}

static const TdSandboxRequest *
last_request_to (Fixture    *fixture,
                 const char *path)
{
  GPtrArray *requests = td_sandbox_get_requests (fixture->w.sandbox);

  for (guint i = requests->len; i > 0; i--)
    {
      const TdSandboxRequest *request = g_ptr_array_index (requests, i - 1);

      if (g_str_has_suffix (request->path, path))
        return request;
    }

  return NULL;
}

static guint
count_requests_to (Fixture    *fixture,
                   const char *path)
{
  GPtrArray *requests = td_sandbox_get_requests (fixture->w.sandbox);
  guint count = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      const TdSandboxRequest *request = g_ptr_array_index (requests, i);

      if (g_str_has_suffix (request->path, path))
        count++;
    }

  return count;
}

static void
test_users_not_read_before_shown (Fixture       *fixture,
                                  gconstpointer  data)
{
  TdBusyIndicator *loading = TD_BUSY_INDICATOR (view_child (fixture, "loading_spinner"));

  /* A page made but not shown asks nothing of the server. */
  td_test_ui_flush ();
  g_assert_cmpuint (td_sandbox_get_requests (fixture->w.sandbox)->len, ==, 0);
  g_assert_cmpint (td_users_page_get_remaining (fixture->view), ==, -1);

  /* Shown: read, with the busy indicator (not a GtkSpinner) while it
   * waits. */
  gtk_window_present (fixture->w.window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
  g_assert_true (td_page_get_busy (TD_PAGE (fixture->view)));
  g_assert_cmpstr (view_state (fixture), ==, "loading");
  g_assert_true (td_busy_indicator_get_spinning (loading));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->view)));
  g_assert_false (td_busy_indicator_get_spinning (loading));
  WAIT_UNTIL (td_sandbox_get_requests (fixture->w.sandbox)->len == 1);
}

/* What the shell asks of the page (TdPage): cancel, refresh, first
 * control, find. */
static void
test_users_page_contract (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *dropdown = view_child (fixture, "type_dropdown");
  GtkWidget *search = view_child (fixture, "search_entry");
  GtkWidget *focus;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  g_assert_true (TD_IS_PAGE (fixture->view));
  g_assert_false (td_page_cancel (TD_PAGE (fixture->view)));

  /* Escape while the list is read stops the read. */
  gtk_window_present (fixture->w.window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
  g_assert_true (td_page_get_busy (TD_PAGE (fixture->view)));
  g_assert_true (td_page_cancel (TD_PAGE (fixture->view)));
  g_assert_false (td_page_get_busy (TD_PAGE (fixture->view)));
  g_assert_false (td_page_cancel (TD_PAGE (fixture->view)));
  g_assert_cmpstr (view_state (fixture), ==, "error");
  g_assert_false (td_busy_indicator_get_spinning (TD_BUSY_INDICATOR (view_child (fixture, "loading_spinner"))));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (view_child (fixture, "error_button"))),
                   ==, "users.refresh");
  td_test_ui_flush ();
  g_assert_false (td_page_get_busy (TD_PAGE (fixture->view)));
  g_assert_false (td_user_store_get_loading (store_of (fixture, TD_PROXY_TYPE_RESIDENTIAL)));

  /* F5 reads it. */
  td_page_refresh (TD_PAGE (fixture->view));
  g_assert_true (td_page_get_busy (TD_PAGE (fixture->view)));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->view)));
  WAIT_UNTIL (filter_done (fixture));
  g_assert_true (model_has (fixture, "alice2026"));
  g_assert_cmpstr (view_state (fixture), ==, "list");

  /* Alt+N puts the focus on the first control, Ctrl+F on the search. */
  td_page_focus_first (TD_PAGE (fixture->view));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->w.window));
  g_assert_true (focus == dropdown || gtk_widget_is_ancestor (focus, dropdown));
  td_page_find (TD_PAGE (fixture->view));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->w.window));
  g_assert_true (focus == search || gtk_widget_is_ancestor (focus, search));
}

static void
test_users_list (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *quota;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "carol2026", 2048, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "bob20266", 500, FALSE);
  seed_user (fixture, TD_PROXY_TYPE_MOBILE, "mobile001", 100, TRUE);

  show_users (fixture);

  g_assert_cmpstr (view_state (fixture), ==, "list");
  g_assert_cmpuint (n_shown (fixture), ==, 3);
  /* Sorted by username. */
  g_assert_cmpstr (shown_username (fixture, 0), ==, "alice2026");
  g_assert_cmpstr (shown_username (fixture, 2), ==, "carol2026");

  /* The quota counts every user of the account. */
  quota = view_child (fixture, "quota_label");
  g_assert_cmpstr (label_text (quota), ==, "4 of 100 users in the account");
  g_assert_cmpint (td_users_page_get_remaining (fixture->view), ==, 96);
  g_assert_cmpint (td_users_page_get_limit (fixture->view), ==, 100);
  g_assert_true (g_str_has_prefix (label_text (view_child (fixture, "updated_label")), "Updated "));

  /* The rows, as they are drawn. */
  WAIT_UNTIL (find_in_row (fixture, "bob20266", GTK_TYPE_SWITCH) != NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (find_in_row (fixture, "bob20266", GTK_TYPE_SWITCH))));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH))));
  g_assert_nonnull (find_label (view_child (fixture, "column_view"), "Unlimited"));
  {
    g_autofree char *two_gb = td_format_mb (2048);

    g_assert_nonnull (find_label (view_child (fixture, "column_view"), two_gb));
  }

  /* The other type, then back. */
  td_users_page_set_proxy_type (fixture->view, TD_PROXY_TYPE_MOBILE);
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->view)));
  WAIT_UNTIL (filter_done (fixture));
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_cmpstr (shown_username (fixture, 0), ==, "mobile001");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (view_child (fixture, "type_dropdown"))), ==, 2);

  /* F5 reads the list again. */
  seed_user (fixture, TD_PROXY_TYPE_MOBILE, "mobile002", 100, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->w.window), "win.refresh", NULL);
  g_assert_true (td_page_get_busy (TD_PAGE (fixture->view)));
  /* Over a list already shown: the small indicator, the list stays. */
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "refresh_spinner")));
  g_assert_true (td_busy_indicator_get_spinning (TD_BUSY_INDICATOR (view_child (fixture, "refresh_spinner"))));
  g_assert_cmpstr (view_state (fixture), ==, "list");
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->view)));
  g_assert_false (td_busy_indicator_get_spinning (TD_BUSY_INDICATOR (view_child (fixture, "refresh_spinner"))));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "refresh_spinner")));
  WAIT_UNTIL (filter_done (fixture));
  g_assert_cmpuint (n_shown (fixture), ==, 2);
  g_assert_cmpstr (label_text (quota), ==, "5 of 100 users in the account");
}

static void
test_users_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkEditable *search;
  const char *description;
  GtkWidget *column_view;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "malice99", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "bob20266", 2048, FALSE);
  show_users (fixture);
  g_assert_cmpuint (n_shown (fixture), ==, 3);
  column_view = view_child (fixture, "column_view");
  WAIT_UNTIL (find_in_row (fixture, "malice99", GTK_TYPE_SWITCH) != NULL);

  /* Ctrl+F on the Users page goes to the search field. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->w.window), "win.find", NULL);
  g_assert_true (gtk_widget_is_focus (view_child (fixture, "search_entry")) ||
                 gtk_widget_has_focus (view_child (fixture, "search_entry")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->w.window)),
                                         view_child (fixture, "search_entry")));

  /* Case does not matter; a part of the name is enough. */
  search = GTK_EDITABLE (view_child (fixture, "search_entry"));
  gtk_editable_set_text (search, "ALIC");
  WAIT_UNTIL (n_shown (fixture) == 2 && filter_done (fixture));
  g_assert_cmpstr (shown_username (fixture, 0), ==, "alice2026");
  g_assert_cmpstr (shown_username (fixture, 1), ==, "malice99");
  g_assert_cmpstr (view_state (fixture), ==, "list");

  /* The rows on screen say it too: the second row, which showed bob,
   * shows malice99 and malice99's switch; no row shows bob any more. */
  WAIT_UNTIL (find_label (column_view, "bob20266") == NULL);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (find_in_row (fixture, "malice99", GTK_TYPE_SWITCH))));
  g_assert_nonnull (find_label (column_view, "alice2026"));

  /* The first row, which showed alice2026 (enabled, unlimited), shows bob
   * (disabled, 2 GB). */
  gtk_editable_set_text (search, "bob");
  WAIT_UNTIL (n_shown (fixture) == 1 && filter_done (fixture));
  WAIT_UNTIL (find_label (column_view, "alice2026") == NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (find_in_row (fixture, "bob20266", GTK_TYPE_SWITCH))));
  g_assert_null (find_label (column_view, "malice99"));
  g_assert_null (find_label (column_view, "Unlimited"));

  gtk_editable_set_text (search, "alice2");
  WAIT_UNTIL (n_shown (fixture) == 1 && filter_done (fixture));
  WAIT_UNTIL (find_label (column_view, "alice2026") != NULL);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH))));
  g_assert_null (find_label (column_view, "bob20266"));

  /* Nothing matches: said so, with what was typed. */
  gtk_editable_set_text (search, "zz<b>");
  WAIT_UNTIL (n_shown (fixture) == 0 && filter_done (fixture));
  WAIT_UNTIL (g_strcmp0 (view_state (fixture), "no-results") == 0);
  description = adw_status_page_get_description (ADW_STATUS_PAGE (view_child (fixture, "no_results_page")));
  g_assert_nonnull (strstr (description, "zz&lt;b&gt;"));

  /* Escape clears the search. */
  g_signal_emit_by_name (search, "stop-search");
  WAIT_UNTIL (n_shown (fixture) == 3 && filter_done (fixture));
  g_assert_cmpstr (view_state (fixture), ==, "list");
}

/* The rows stay while the filter changes; the selection stays with its
 * user, not with its row. */
static void
test_users_selection_follows_user (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkEditable *search;
  GtkSingleSelection *selection;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "bob20266", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "carol2026", 0, TRUE);
  show_users (fixture);
  selection = view_selection (fixture);
  search = GTK_EDITABLE (view_child (fixture, "search_entry"));

  gtk_single_selection_set_selected (selection, 1);
  g_assert_cmpstr (shown_username (fixture, 1), ==, "bob20266");

  /* bob moves to the first position: so does the selection. */
  gtk_editable_set_text (search, "bob");
  WAIT_UNTIL (n_shown (fixture) == 1 && filter_done (fixture));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);

  /* Back to all: bob is second again, and still selected. */
  gtk_editable_set_text (search, "20");
  WAIT_UNTIL (n_shown (fixture) == 3 && filter_done (fixture));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);

  /* Sorted the other way, bob stays in the middle and selected; carol's
   * row is first. */
  {
    GtkColumnView *column_view = GTK_COLUMN_VIEW (view_child (fixture, "column_view"));
    g_autoptr(GtkColumnViewColumn) username_column =
      g_list_model_get_item (gtk_column_view_get_columns (column_view), 0);

    gtk_column_view_sort_by_column (column_view, username_column, GTK_SORT_DESCENDING);
  }
  WAIT_UNTIL (filter_done (fixture) && g_strcmp0 (shown_username (fixture, 0), "carol2026") == 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);

  /* Selected carol, then filtered away: nothing is selected, rather than
   * whoever takes carol's row. */
  gtk_single_selection_set_selected (selection, 0);
  gtk_editable_set_text (search, "alice");
  WAIT_UNTIL (n_shown (fixture) == 1 && filter_done (fixture));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
}

/* The target of the first item of @button's menu, once opened. */
static char *
menu_target (GtkMenuButton *button)
{
  g_autoptr(GMenuModel) items = NULL;
  g_autoptr(GVariant) target = NULL;
  GMenuModel *menu;

  gtk_menu_button_popup (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  gtk_menu_button_popdown (button);

  items = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  target = g_menu_model_get_item_attribute_value (items, 0, G_MENU_ATTRIBUTE_TARGET,
                                                  G_VARIANT_TYPE_STRING);
  return g_variant_dup_string (target, NULL);
}

/* A row that showed one user and shows another after a search acts on
 * the one it shows: its switch and its menu. */
static void
test_users_act_on_kept_row (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *alice_target = NULL;
  g_autofree char *bob_target = NULL;
  const TdSandboxRequest *request;
  GtkWidget *alice_switch, *bob_switch;
  GtkEditable *search;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "bob20266", 2048, FALSE);
  show_users (fixture);
  WAIT_UNTIL (find_in_row (fixture, "alice2026", GTK_TYPE_MENU_BUTTON) != NULL);
  alice_switch = find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH);
  alice_target = menu_target (GTK_MENU_BUTTON (find_in_row (fixture, "alice2026", GTK_TYPE_MENU_BUTTON)));
  g_assert_cmpstr (alice_target, ==, "alice2026");

  /* bob takes the first row: the same switch, the same menu button. */
  search = GTK_EDITABLE (view_child (fixture, "search_entry"));
  gtk_editable_set_text (search, "bob");
  WAIT_UNTIL (n_shown (fixture) == 1 && filter_done (fixture));
  WAIT_UNTIL (find_label (view_child (fixture, "column_view"), "alice2026") == NULL);
  bob_switch = find_in_row (fixture, "bob20266", GTK_TYPE_SWITCH);
  g_assert_true (bob_switch == alice_switch);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (bob_switch)));
  bob_target = menu_target (GTK_MENU_BUTTON (find_in_row (fixture, "bob20266", GTK_TYPE_MENU_BUTTON)));
  g_assert_cmpstr (bob_target, ==, "bob20266");

  /* Switched on: bob is enabled, alice untouched. */
  gtk_switch_set_active (GTK_SWITCH (bob_switch), TRUE);
  WAIT_UNTIL (td_proxy_user_get_enabled (td_sandbox_lookup_user (fixture->w.sandbox,
                                                                 TD_PROXY_TYPE_RESIDENTIAL,
                                                                 "bob20266")));
  request = last_request_to (fixture, "/proxy-users/update-user");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "username"), ==, "bob20266");
  g_assert_cmpint (json_node_get_int (json_object_get_member (request->fields, "new_traffic_limit")),
                   ==, 2048);
  g_assert_true (td_proxy_user_get_enabled (td_sandbox_lookup_user (fixture->w.sandbox,
                                                                    TD_PROXY_TYPE_RESIDENTIAL,
                                                                    "alice2026")));
  g_assert_cmpuint (count_requests_to (fixture, "/proxy-users/update-user"), ==, 1);
}

/* Shift+F10 (or the Menu key) on a row opens that row's menu. */
static void
test_users_row_menu_keyboard (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GMenuModel) items = NULL;
  g_autoptr(GVariant) target = NULL;
  GtkMenuButton *alice_button, *bob_button;
  GtkPopover *popover;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "bob20266", 0, TRUE);
  show_users (fixture);
  WAIT_UNTIL (find_in_row (fixture, "bob20266", GTK_TYPE_MENU_BUTTON) != NULL);
  alice_button = GTK_MENU_BUTTON (find_in_row (fixture, "alice2026", GTK_TYPE_MENU_BUTTON));
  bob_button = GTK_MENU_BUTTON (find_in_row (fixture, "bob20266", GTK_TYPE_MENU_BUTTON));

  /* Outside the list: nothing opens. */
  gtk_widget_grab_focus (view_child (fixture, "search_entry"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.row-menu", NULL);
  g_assert_null (gtk_menu_button_get_menu_model (bob_button));

  g_assert_true (gtk_widget_grab_focus (find_in_row (fixture, "bob20266", GTK_TYPE_SWITCH)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.row-menu", NULL);

  popover = gtk_menu_button_get_popover (bob_button);
  g_assert_nonnull (popover);
  WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (popover)));
  /* Named for the user, not heard as "GtkPopoverMenu menu". */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Actions for bob20266");
  g_assert_null (gtk_menu_button_get_menu_model (alice_button));
  items = g_menu_model_get_item_link (gtk_menu_button_get_menu_model (bob_button), 0,
                                      G_MENU_LINK_SECTION);
  target = g_menu_model_get_item_attribute_value (items, 0, G_MENU_ATTRIBUTE_TARGET,
                                                  G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "bob20266");
  gtk_menu_button_popdown (bob_button);
}

static void
test_users_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  show_users (fixture);

  g_assert_cmpstr (view_state (fixture), ==, "empty");
  g_assert_cmpstr (label_text (view_child (fixture, "quota_label")), ==, "0 of 100 users in the account");
  g_assert_cmpint (td_users_page_get_remaining (fixture->view), ==, 100);

  /* The empty page leads to the form: its button asks the window. */
  g_assert_cmpuint (fixture->window_log->len, ==, 0);
  gtk_widget_activate (find_descendant (view_child (fixture, "empty_page"), GTK_TYPE_BUTTON));
  WAIT_UNTIL (fixture->window_log->len == 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->window_log, 0), ==, "show-page create");
}

/* An address where nothing listens. */
static char *
dup_closed_url (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);

  return g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
}

static void
test_users_error (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *closed = dup_closed_url ();
  const char *description;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  td_api_client_set_base_url (fixture->w.client, closed);

  show_users (fixture);

  /* Never a blank list: the reason, and a way to try again. */
  g_assert_cmpstr (view_state (fixture), ==, "error");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (view_child (fixture, "error_page")));
  g_assert_nonnull (description);
  g_assert_cmpstr (description, !=, "");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (view_child (fixture, "error_button"))),
                   ==, "users.refresh");
  g_assert_cmpint (td_users_page_get_remaining (fixture->view), ==, -1);

  td_api_client_set_base_url (fixture->w.client, td_sandbox_get_base_url (fixture->w.sandbox));
  gtk_widget_activate (view_child (fixture, "error_button"));
  WAIT_UNTIL (g_strcmp0 (view_state (fixture), "list") == 0);
  g_assert_cmpuint (n_shown (fixture), ==, 1);

  /* A refresh that fails keeps the list shown and says why. */
  td_api_client_set_base_url (fixture->w.client, closed);
  refresh_and_wait (fixture);
  g_assert_cmpstr (view_state (fixture), ==, "list");
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "action_error_revealer")));
}

static void
test_users_no_token (Fixture       *fixture,
                     gconstpointer  data)
{
  td_api_client_set_credentials (fixture->w.client, NULL, NULL);
  show_users (fixture);

  g_assert_cmpstr (view_state (fixture), ==, "error");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (view_child (fixture, "error_button"))),
                   ==, "win.enter-token");
}

static void
test_users_toggle (Fixture       *fixture,
                   gconstpointer  data)
{
  const TdSandboxRequest *request;
  TdProxyUser *stored;
  GtkSwitch *row_switch;
  JsonNode *node;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 2048, TRUE);
  show_users (fixture);

  WAIT_UNTIL (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH) != NULL);
  row_switch = GTK_SWITCH (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (row_switch));

  /* As a click does. */
  gtk_switch_set_active (row_switch, FALSE);

  /* In flight: the switch cannot be used twice. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row_switch)));

  stored = td_sandbox_lookup_user (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice2026");
  WAIT_UNTIL (!td_proxy_user_get_enabled (stored));

  /* Every field was sent, only the status changed. */
  request = last_request_to (fixture, "/proxy-users/update-user");
  g_assert_nonnull (request);
  g_assert_cmpstr (json_object_get_string_member (request->fields, "username"), ==, "alice2026");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "new_username"), ==, "alice2026");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "new_password"), ==, "Secret123");
  g_assert_true (json_object_has_member (request->fields, "new_status"));
  node = json_object_get_member (request->fields, "new_traffic_limit");
  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_int (node), ==, 2048);
  g_assert_cmpint (td_proxy_user_get_traffic_limit (stored), ==, 2048);

  /* The list is read again after the change. */
  WAIT_UNTIL (count_requests_to (fixture, "/proxy-users/user-list") == 2 &&
              !td_page_get_busy (TD_PAGE (fixture->view)));
  WAIT_UNTIL (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH) != NULL);
  row_switch = GTK_SWITCH (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH));
  g_assert_false (gtk_switch_get_active (row_switch));
  g_assert_false (gtk_switch_get_state (row_switch));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row_switch)));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "action_error_revealer")));
}

static void
test_users_toggle_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  TdProxyUser *stored;
  GtkSwitch *row_switch;
  const char *message;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 2048, TRUE);
  show_users (fixture);
  WAIT_UNTIL (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH) != NULL);
  row_switch = GTK_SWITCH (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH));

  /* The server refuses the token. */
  td_api_client_set_credentials (fixture->w.client, "not-the-token", NULL);
  gtk_switch_set_active (row_switch, FALSE);
  WAIT_UNTIL (gtk_widget_get_visible (view_child (fixture, "action_error_revealer")));

  /* The switch is back where the server has it, and says why. */
  WAIT_UNTIL (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH) != NULL);
  row_switch = GTK_SWITCH (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (row_switch));
  g_assert_true (gtk_switch_get_state (row_switch));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row_switch)));
  message = label_text (view_child (fixture, "action_error_label"));
  g_assert_nonnull (strstr (message, "alice2026"));
  g_assert_nonnull (strstr (message, "10013"));
  g_assert_null (strstr (message, "not-the-token"));

  stored = td_sandbox_lookup_user (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice2026");
  g_assert_true (td_proxy_user_get_enabled (stored));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (stored), ==, 2048);
}


/* Reads the lists of both types, so that both stores hold a user named
 * "alice2026", and comes back to Residential. */
static void
show_both_types (Fixture *fixture)
{
  show_users (fixture);
  td_users_page_set_proxy_type (fixture->view, TD_PROXY_TYPE_MOBILE);
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->view)));
  td_users_page_set_proxy_type (fixture->view, TD_PROXY_TYPE_RESIDENTIAL);
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->view)));
  WAIT_UNTIL (filter_done (fixture));
  g_assert_nonnull (td_user_store_lookup (store_of (fixture, TD_PROXY_TYPE_RESIDENTIAL), "alice2026"));
  g_assert_nonnull (td_user_store_lookup (store_of (fixture, TD_PROXY_TYPE_MOBILE), "alice2026"));
}

/* Issue 9, defect 3: the answer to a switch goes to the user of the type
 * it was sent for, also when another type is shown by then. */
static void
test_users_toggle_other_type (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TdProxyUser) residential = NULL;
  g_autoptr(TdProxyUser) mobile = NULL;
  GtkSwitch *row_switch;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, FALSE);
  seed_user (fixture, TD_PROXY_TYPE_MOBILE, "alice2026", 0, FALSE);
  show_both_types (fixture);

  residential = g_object_ref (td_user_store_lookup (store_of (fixture, TD_PROXY_TYPE_RESIDENTIAL), "alice2026"));
  mobile = g_object_ref (td_user_store_lookup (store_of (fixture, TD_PROXY_TYPE_MOBILE), "alice2026"));

  WAIT_UNTIL (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH) != NULL);
  row_switch = GTK_SWITCH (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH));
  gtk_switch_set_active (row_switch, TRUE);

  /* Mobile is shown before the server answers. */
  td_users_page_set_proxy_type (fixture->view, TD_PROXY_TYPE_MOBILE);
  WAIT_UNTIL (td_proxy_user_get_enabled (residential));

  g_assert_true (td_proxy_user_get_enabled (td_sandbox_lookup_user (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice2026")));
  g_assert_false (td_proxy_user_get_enabled (td_sandbox_lookup_user (fixture->w.sandbox, TD_PROXY_TYPE_MOBILE, "alice2026")));
  /* The Mobile user of the same name was not touched. */
  g_assert_false (td_proxy_user_get_enabled (mobile));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->view)));
  WAIT_UNTIL (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH) != NULL);
  row_switch = GTK_SWITCH (find_in_row (fixture, "alice2026", GTK_TYPE_SWITCH));
  g_assert_false (gtk_switch_get_active (row_switch));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row_switch)));
}

static TdUserEditDialog *
open_edit_dialog (Fixture    *fixture,
                  const char *username)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.edit", "s", username);
  dialog = td_test_ui_find_toplevel (TD_TYPE_USER_EDIT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->w.window));

  return TD_USER_EDIT_DIALOG (dialog);
}

static GtkWidget *
dialog_child (gpointer    dialog,
              const char *name)
{
  return td_test_page_child (dialog, name);
}

static void
test_users_edit_password_only (Fixture       *fixture,
                               gconstpointer  data)
{
  const TdSandboxRequest *request;
  TdUserEditDialog *dialog;
  TdProxyUser *stored;
  JsonNode *node;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 5 * 1024, FALSE);
  show_users (fixture);

  dialog = open_edit_dialog (fixture, "alice2026");

  /* The form starts from the user as listed, and nothing to save yet. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "username_entry"))), ==, "alice2026");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "limit_entry"))), ==, "5");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dialog_child (dialog, "unit_dropdown"))), ==, 1);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (dialog_child (dialog, "enabled_switch"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (dialog_child (dialog, "unlimited_switch"))));
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));

  /* A password that breaks the rules is said under the field. */
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "password_entry")), "1abc");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "password_error_row")));
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "password_entry")), "NewPass123");
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "password_error_row")));
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "edit.save", NULL);

  stored = td_sandbox_lookup_user (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice2026");
  WAIT_UNTIL (g_strcmp0 (td_proxy_user_get_password (stored), "NewPass123") == 0);

  /* The trap: the limit and the status are as they were. */
  g_assert_cmpint (td_proxy_user_get_traffic_limit (stored), ==, 5 * 1024);
  g_assert_false (td_proxy_user_get_enabled (stored));

  request = last_request_to (fixture, "/proxy-users/update-user");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "new_username"), ==, "alice2026");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "new_password"), ==, "NewPass123");
  node = json_object_get_member (request->fields, "new_traffic_limit");
  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_int (node), ==, 5 * 1024);
  g_assert_true (json_object_has_member (request->fields, "new_status"));

  /* Saved: the dialog closes and the list is read again. */
  WAIT_UNTIL (dialog == NULL);
  WAIT_UNTIL (count_requests_to (fixture, "/proxy-users/user-list") == 2 &&
              !td_page_get_busy (TD_PAGE (fixture->view)));
}

static void
test_users_edit_rename_refused (Fixture       *fixture,
                                gconstpointer  data)
{
  TdUserEditDialog *dialog;
  GtkWidget *error_label;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 1024, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "bob20266", 1024, TRUE);
  show_users (fixture);

  dialog = open_edit_dialog (fixture, "alice2026");

  /* The username rules, live. */
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "username_entry")), "al");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "username_error_row")));
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));

  /* A name that exists already: the server says no, the dialog keeps it. */
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "username_entry")), "bob20266");
  gtk_switch_set_active (GTK_SWITCH (dialog_child (dialog, "unlimited_switch")), TRUE);
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "edit.save", NULL);

  error_label = dialog_child (dialog, "error_label");
  WAIT_UNTIL (gtk_widget_get_visible (dialog_child (dialog, "error_revealer")));
  g_assert_nonnull (strstr (label_text (error_label), "10018"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "username_entry"))), ==, "bob20266");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (dialog_child (dialog, "unlimited_switch"))));
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));
  g_assert_true (td_test_ui_find_toplevel (TD_TYPE_USER_EDIT_DIALOG) == GTK_WINDOW (dialog));

  /* Nothing changed on the server. */
  g_assert_cmpint (td_proxy_user_get_traffic_limit (td_sandbox_lookup_user (fixture->w.sandbox,
                                                                            TD_PROXY_TYPE_RESIDENTIAL,
                                                                            "alice2026")),
                   ==, 1024);
}

static AdwMessageDialog *
open_delete_dialog (Fixture    *fixture,
                    const char *username)
{
  g_autofree char *heading = g_strdup_printf ("Delete “%s”?", username);
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.delete", "s", username);
  dialog = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");

  return ADW_MESSAGE_DIALOG (dialog);
}

static void
test_users_delete (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "bob20266", 0, TRUE);
  show_users (fixture);

  /* Cancel: nothing is sent. */
  dialog = open_delete_dialog (fixture, "alice2026");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  td_test_ui_flush ();
  g_assert_cmpuint (count_requests_to (fixture, "/proxy-users/delete-user"), ==, 0);

  dialog = open_delete_dialog (fixture, "alice2026");
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The row stays until the server has answered. */
  g_assert_true (model_has (fixture, "alice2026"));
  WAIT_UNTIL (count_requests_to (fixture, "/proxy-users/delete-user") == 1);
  WAIT_UNTIL (!model_has (fixture, "alice2026"));
  g_assert_null (td_sandbox_lookup_user (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice2026"));
  g_assert_cmpuint (n_shown (fixture), ==, 1);

  /* And the list is read again. */
  WAIT_UNTIL (count_requests_to (fixture, "/proxy-users/user-list") == 2 &&
              !td_page_get_busy (TD_PAGE (fixture->view)));
  g_assert_cmpstr (label_text (view_child (fixture, "quota_label")), ==, "1 of 100 users in the account");
}

static void
test_users_delete_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  AdwMessageDialog *dialog;
  const char *message;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  show_users (fixture);

  td_api_client_set_credentials (fixture->w.client, "not-the-token", NULL);
  dialog = open_delete_dialog (fixture, "alice2026");
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));

  WAIT_UNTIL (gtk_widget_get_visible (view_child (fixture, "action_error_revealer")));
  message = label_text (view_child (fixture, "action_error_label"));
  g_assert_nonnull (strstr (message, "alice2026"));
  g_assert_nonnull (strstr (message, "10013"));
  g_assert_true (model_has (fixture, "alice2026"));
  g_assert_nonnull (td_sandbox_lookup_user (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice2026"));
}

/* Issue 9, defect 3: the answer to a delete removes the user of the type
 * it was sent for, not a user of the same name of the type shown by then. */
static void
test_users_delete_other_type (Fixture       *fixture,
                              gconstpointer  data)
{
  TdUserStore *residential, *mobile;
  AdwMessageDialog *dialog;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_MOBILE, "alice2026", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_MOBILE, "bob20266", 0, TRUE);
  show_both_types (fixture);
  residential = store_of (fixture, TD_PROXY_TYPE_RESIDENTIAL);
  mobile = store_of (fixture, TD_PROXY_TYPE_MOBILE);

  dialog = open_delete_dialog (fixture, "alice2026");
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Mobile is shown before the server answers. */
  td_users_page_set_proxy_type (fixture->view, TD_PROXY_TYPE_MOBILE);
  WAIT_UNTIL (td_user_store_lookup (residential, "alice2026") == NULL ||
              td_user_store_lookup (mobile, "alice2026") == NULL);

  g_assert_null (td_sandbox_lookup_user (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice2026"));
  g_assert_null (td_user_store_lookup (residential, "alice2026"));
  g_assert_nonnull (td_user_store_lookup (mobile, "alice2026"));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->view)));
  g_assert_true (model_has (fixture, "alice2026"));
  g_assert_cmpuint (n_shown (fixture), ==, 2);
}

#define BIDI_NAME "bob\xe2\x80\xaegnp.exe"
#define BIDI_SHOWN "bob\\u202Egnp.exe"
#define ZERO_WIDTH_NAME "ali\xe2\x80\x8b" "ce2026"
#define ZERO_WIDTH_SHOWN "ali\\u200Bce2026"

static const char *
message_dialog_heading (void)
{
  GtkWindow *dialog = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  return adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog));
}

static void
respond_and_close (const char *response)
{
  GtkWindow *dialog = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  td_test_ui_flush ();
}

/* Issue 15, item 5: a username with a bidi override or a zero-width
 * character is shown written out everywhere, flagged, and deleting it
 * asks twice. */
static void
test_users_lying_names (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *label;
  GtkWidget *row_switch;
  GtkWindow *dialog;
  const char *heading;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, BIDI_NAME, 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, ZERO_WIDTH_NAME, 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  show_users (fixture);

  /* The list: written out, flagged; the raw names nowhere. */
  WAIT_UNTIL (find_label (view_child (fixture, "column_view"), BIDI_SHOWN) != NULL);
  label = find_label (view_child (fixture, "column_view"), BIDI_SHOWN);
  g_assert_true (gtk_widget_has_css_class (label, "warning"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (label));
  label = find_label (view_child (fixture, "column_view"), ZERO_WIDTH_SHOWN);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (label, "warning"));
  g_assert_null (find_label (view_child (fixture, "column_view"), BIDI_NAME));
  g_assert_null (find_label (view_child (fixture, "column_view"), ZERO_WIDTH_NAME));
  label = find_label (view_child (fixture, "column_view"), "alice2026");
  g_assert_false (gtk_widget_has_css_class (label, "warning"));
  g_assert_null (gtk_widget_get_tooltip_text (label));
  row_switch = find_in_row (fixture, BIDI_SHOWN, GTK_TYPE_SWITCH);
  g_assert_nonnull (row_switch);

  /* The password dialog. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.show-password", "s", ZERO_WIDTH_NAME);
  g_assert_cmpstr (message_dialog_heading (), ==, "Password of “" ZERO_WIDTH_SHOWN "”");
  respond_and_close ("close");

  /* The edit and usage dialogs' titles. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.edit", "s", BIDI_NAME);
  dialog = td_test_ui_find_toplevel (TD_TYPE_USER_EDIT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (td_test_ui_child (dialog, TD_TYPE_USER_EDIT_DIALOG, "window_title"))),
                   ==, BIDI_SHOWN);
  gtk_window_destroy (dialog);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.usage", "s", BIDI_NAME);
  dialog = td_test_ui_find_toplevel (TD_TYPE_USAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (td_test_ui_child (dialog, TD_TYPE_USAGE_DIALOG, "window_title"))),
                   ==, BIDI_SHOWN);
  gtk_window_destroy (dialog);
  td_test_ui_flush ();

  /* Delete asks twice; cancelling the second time sends nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.delete", "s", BIDI_NAME);
  g_assert_cmpstr (message_dialog_heading (), ==, "Delete “" BIDI_SHOWN "”?");
  respond_and_close ("delete");
  heading = message_dialog_heading ();
  g_assert_cmpstr (heading, ==, "Really Delete “" BIDI_SHOWN "”?");
  respond_and_close ("cancel");
  g_assert_null (td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (count_requests_to (fixture, "/proxy-users/delete-user"), ==, 0);

  /* Confirmed twice: the server's name is deleted. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.delete", "s", BIDI_NAME);
  respond_and_close ("delete");
  g_assert_cmpuint (count_requests_to (fixture, "/proxy-users/delete-user"), ==, 0);
  g_assert_cmpstr (message_dialog_heading (), ==, "Really Delete “" BIDI_SHOWN "”?");
  respond_and_close ("delete");
  WAIT_UNTIL (count_requests_to (fixture, "/proxy-users/delete-user") == 1);
  g_assert_cmpstr (json_object_get_string_member (last_request_to (fixture, "/proxy-users/delete-user")->fields,
                                                  "username"), ==, BIDI_NAME);
  WAIT_UNTIL (!model_has (fixture, BIDI_NAME));
  g_assert_null (td_sandbox_lookup_user (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, BIDI_NAME));
  /* The toast names it written out too. */
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->window_log,
                                                   "toast “" BIDI_SHOWN "” deleted",
                                                   g_str_equal, NULL));
  for (guint i = 0; i < fixture->window_log->len; i++)
    g_assert_null (strstr (g_ptr_array_index (fixture->window_log, i), BIDI_NAME));

  /* A name within the rule is asked once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.delete", "s", "alice2026");
  respond_and_close ("delete");
  g_assert_null (td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  WAIT_UNTIL (count_requests_to (fixture, "/proxy-users/delete-user") == 2);
}

static void
test_users_usage (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *range = td_format_kb (1.5 * 1024 * 1024);
  g_autofree char *highest = td_format_kb (1024 * 1024);
  g_autofree char *balance = td_format_kb (8.5 * 1024 * 1024);
  g_autofree char *limit = td_format_kb (10.0 * 1024 * 1024);
  GtkWindow *dialog;
  const char *summary;
  GDate today, yesterday, long_ago;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  yesterday = today;
  g_date_subtract_days (&yesterday, 1);
  long_ago = today;
  g_date_subtract_days (&long_ago, 60);

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 10 * 1024, TRUE);
  td_sandbox_add_usage (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", &today, 1024 * 1024);
  td_sandbox_add_usage (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", &yesterday, 512 * 1024);
  show_users (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.usage", "s", "alice2026");
  dialog = td_test_ui_find_toplevel (TD_TYPE_USAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (td_usage_dialog_get_days (TD_USAGE_DIALOG (dialog)), ==, 30);
  WAIT_UNTIL (!td_usage_dialog_get_busy (TD_USAGE_DIALOG (dialog)));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (dialog_child (dialog, "content_stack"))),
                   ==, "data");
  g_assert_cmpstr (label_text (dialog_child (dialog, "range_value")), ==, range);
  g_assert_cmpstr (label_text (dialog_child (dialog, "limit_value")), ==, limit);
  g_assert_cmpstr (label_text (dialog_child (dialog, "balance_value")), ==, balance);

  /* In words. */
  summary = label_text (dialog_child (dialog, "summary_label"));
  g_assert_nonnull (strstr (summary, range));
  g_assert_nonnull (strstr (summary, "30 days"));
  g_assert_nonnull (strstr (summary, balance));

  /* The chart says what it shows. */
  summary = td_usage_chart_get_summary (TD_USAGE_CHART (dialog_child (dialog, "chart")));
  g_assert_nonnull (strstr (summary, "30 days"));
  g_assert_nonnull (strstr (summary, highest));

  /* 90 days include the older traffic; the request says which range. */
  td_sandbox_add_usage (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", &long_ago, 512 * 1024);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (dialog_child (dialog, "days_90_button")), TRUE);
  g_assert_cmpuint (td_usage_dialog_get_days (TD_USAGE_DIALOG (dialog)), ==, 90);
  g_assert_true (td_usage_dialog_get_busy (TD_USAGE_DIALOG (dialog)));
  WAIT_UNTIL (!td_usage_dialog_get_busy (TD_USAGE_DIALOG (dialog)));
  g_clear_pointer (&range, g_free);
  range = td_format_kb (2.0 * 1024 * 1024);
  g_assert_cmpstr (label_text (dialog_child (dialog, "range_value")), ==, range);
  g_assert_nonnull (strstr (td_usage_chart_get_summary (TD_USAGE_CHART (dialog_child (dialog, "chart"))),
                            "90 days"));
}

static void
test_users_unlimited_usage (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWindow *dialog;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  show_users (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.usage", "s", "alice2026");
  dialog = td_test_ui_find_toplevel (TD_TYPE_USAGE_DIALOG);
  g_assert_nonnull (dialog);
  WAIT_UNTIL (!td_usage_dialog_get_busy (TD_USAGE_DIALOG (dialog)));

  g_assert_cmpstr (label_text (dialog_child (dialog, "balance_value")), ==, "Unlimited");
  g_assert_cmpstr (label_text (dialog_child (dialog, "limit_value")), ==, "Unlimited");
  g_assert_nonnull (strstr (td_usage_chart_get_summary (TD_USAGE_CHART (dialog_child (dialog, "chart"))),
                            "none"));
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
test_users_row_menu (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *actions[] = {
    "users.copy-login", "users.copy-url", "users.show-password",
    "users.edit", "users.usage", "users.endpoints", "users.delete",
  };
  g_autofree char *copied = NULL;
  GtkMenuButton *button;
  GMenuModel *menu;
  GtkWindow *dialog;
  guint n_found = 0;

  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  show_users (fixture);
  WAIT_UNTIL (find_in_row (fixture, "alice2026", GTK_TYPE_MENU_BUTTON) != NULL);
  button = GTK_MENU_BUTTON (find_in_row (fixture, "alice2026", GTK_TYPE_MENU_BUTTON));

  /* The menu is made when opened, for the user of its row. */
  g_assert_null (gtk_menu_button_get_menu_model (button));
  gtk_menu_button_popup (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  gtk_menu_button_popdown (button);

  for (int section = 0; section < g_menu_model_get_n_items (menu); section++)
    {
      GMenuModel *items = g_menu_model_get_item_link (menu, section, G_MENU_LINK_SECTION);

      for (int i = 0; i < g_menu_model_get_n_items (items); i++)
        {
          g_autofree char *action = NULL;
          g_autoptr(GVariant) target = NULL;

          g_menu_model_get_item_attribute (items, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          target = g_menu_model_get_item_attribute_value (items, i, G_MENU_ATTRIBUTE_TARGET,
                                                          G_VARIANT_TYPE_STRING);
          g_assert_cmpstr (action, ==, actions[n_found]);
          g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "alice2026");
          n_found++;
        }
      g_object_unref (items);
    }
  g_assert_cmpuint (n_found, ==, G_N_ELEMENTS (actions));

  /* Copy Gateway Login. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.copy-login", "s", "alice2026");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->view)), NULL,
                                 read_text_cb, &copied);
  WAIT_UNTIL (copied != NULL);
  g_assert_cmpstr (copied, ==, "td-customer-alice2026");

  /* The password only on request. */
  g_assert_null (td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "users.show-password", "s", "alice2026");
  dialog = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, "Secret123");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "copy"));
}

static void
test_users_many (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkEditable *search;
  gint64 started;

  td_sandbox_set_quota (fixture->w.sandbox, 20000);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%05u", i);

      seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, name, (i % 7) * 1024, i % 3 != 0);
    }

  started = g_get_monotonic_time ();
  show_users (fixture);
  g_test_message ("10,000 users listed in %.0f ms",
                  (g_get_monotonic_time () - started) / 1000.0);

  g_assert_cmpstr (view_state (fixture), ==, "list");
  g_assert_cmpuint (n_shown (fixture), ==, 10000);
  g_assert_cmpstr (label_text (view_child (fixture, "quota_label")), ==, "10000 of 20000 users in the account");
  g_assert_cmpint (td_users_page_get_remaining (fixture->view), ==, 10000);

  /* Only the rows on screen have widgets. */
  WAIT_UNTIL (find_in_row (fixture, "user00000", GTK_TYPE_SWITCH) != NULL);
  g_assert_null (find_label (view_child (fixture, "column_view"), "user09999"));

  search = GTK_EDITABLE (view_child (fixture, "search_entry"));
  started = g_get_monotonic_time ();
  gtk_editable_set_text (search, "user0099");
  WAIT_UNTIL (n_shown (fixture) == 10 && filter_done (fixture));
  g_test_message ("filtered in %.0f ms", (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpstr (shown_username (fixture, 0), ==, "user00990");

  gtk_editable_set_text (search, "user09999");
  WAIT_UNTIL (n_shown (fixture) == 1 && filter_done (fixture));
  WAIT_UNTIL (find_in_row (fixture, "user09999", GTK_TYPE_SWITCH) != NULL);

  gtk_editable_set_text (search, "");
  WAIT_UNTIL (n_shown (fixture) == 10000 && filter_done (fixture));

  /* Sorting by a header: the largest limit (unlimited) first. */
  {
    GtkColumnView *column_view = GTK_COLUMN_VIEW (view_child (fixture, "column_view"));
    GListModel *columns = gtk_column_view_get_columns (column_view);
    g_autoptr(GtkColumnViewColumn) limit_column = g_list_model_get_item (columns, 2);
    g_autoptr(TdProxyUser) first = NULL;

    gtk_column_view_sort_by_column (column_view, limit_column, GTK_SORT_DESCENDING);
    WAIT_UNTIL (filter_done (fixture));
    first = g_list_model_get_item (shown_users (fixture), 0);
    g_assert_cmpint (td_proxy_user_get_traffic_limit (first), ==, 0);
  }
}

static void
test_users_quota_disables_create (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *quota;

  td_sandbox_set_quota (fixture->w.sandbox, 2);
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  seed_user (fixture, TD_PROXY_TYPE_MOBILE, "bob20266", 0, TRUE);

  gtk_editable_set_text (GTK_EDITABLE (window_child (fixture, "username_entry")), "carol2026");
  gtk_editable_set_text (GTK_EDITABLE (window_child (fixture, "password_entry")), "Secret123");
  gtk_switch_set_active (GTK_SWITCH (window_child (fixture, "unlimited_switch")), TRUE);
  g_assert_true (gtk_widget_get_sensitive (window_child (fixture, "create_button")));

  show_users (fixture);
  g_assert_cmpint (td_users_page_get_remaining (fixture->view), ==, 0);

  /* Create is off, and the form says why. */
  quota = window_child (fixture, "quota_label");
  g_assert_true (gtk_widget_get_visible (quota));
  g_assert_cmpstr (label_text (quota), ==, "The account has no proxy users left (2 of 2 used).");
  g_assert_false (gtk_widget_get_sensitive (window_child (fixture, "create_button")));

  /* A user deleted elsewhere frees a place. */
  td_sandbox_set_quota (fixture->w.sandbox, 3);
  refresh_and_wait (fixture);
  g_assert_cmpint (td_users_page_get_remaining (fixture->view), ==, 1);
  g_assert_false (gtk_widget_get_visible (quota));
  g_assert_true (gtk_widget_get_sensitive (window_child (fixture, "create_button")));
}

/* A server in front of the sandbox that answers 500 to create-user (and,
 * when asked, to user-list) and passes everything else on. */
typedef struct
{
  Fixture     *fixture;
  SoupServer  *server;
  SoupSession *session;
  char        *base_url;
  gboolean     list_fails;
  guint        n_creates;
} Flaky;

static void
forward_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SoupServerMessage *message = user_data;
  SoupMessage *forwarded = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);

  soup_server_message_set_status (message, soup_message_get_status (forwarded), NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  soup_server_message_unpause (message);
  g_object_unref (message);
}

static void
flaky_handler (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Flaky *flaky = user_data;
  g_autoptr(SoupMessage) forwarded = NULL;
  g_autofree char *url = NULL;
  const char *sandbox_url;
  const char *raw_query;

  if (g_str_has_suffix (path, "/proxy-users/create-user") ||
      (flaky->list_fails && g_str_has_suffix (path, "/proxy-users/user-list")))
    {
      if (g_str_has_suffix (path, "/create-user"))
        flaky->n_creates++;
      soup_server_message_set_status (message, 500, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<h1>Internal Server Error</h1>", 30);
      return;
    }

  /* The sandbox's base URL ends with /api, as the path starts with it. */
  sandbox_url = td_sandbox_get_base_url (flaky->fixture->w.sandbox);
  raw_query = g_uri_get_query (soup_server_message_get_uri (message));
  url = g_strdup_printf ("%.*s%s%s%s", (int) (strlen (sandbox_url) - strlen ("/api")), sandbox_url,
                         path, raw_query != NULL ? "?" : "", raw_query != NULL ? raw_query : "");
  forwarded = soup_message_new (soup_server_message_get_method (message), url);
  g_assert_nonnull (forwarded);

  soup_server_message_pause (message);
  soup_session_send_and_read_async (flaky->session, forwarded, G_PRIORITY_DEFAULT, NULL,
                                    forward_cb, g_object_ref (message));
}

static void
flaky_start (Flaky   *flaky,
             Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  flaky->fixture = fixture;
  flaky->server = soup_server_new (NULL, NULL);
  flaky->session = soup_session_new ();
  soup_session_set_proxy_resolver (flaky->session, NULL);
  soup_server_add_handler (flaky->server, NULL, flaky_handler, flaky, NULL);
  soup_server_listen_local (flaky->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (flaky->server);
  flaky->base_url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  td_api_client_set_base_url (fixture->w.client, flaky->base_url);
}

static void
flaky_stop (Flaky *flaky)
{
  soup_server_disconnect (flaky->server);
  g_clear_object (&flaky->server);
  g_clear_object (&flaky->session);
  g_clear_pointer (&flaky->base_url, g_free);
}

static void
fill_form (Fixture    *fixture,
           const char *username)
{
  gtk_editable_set_text (GTK_EDITABLE (window_child (fixture, "username_entry")), username);
  gtk_editable_set_text (GTK_EDITABLE (window_child (fixture, "password_entry")), "Secret123");
  gtk_switch_set_active (GTK_SWITCH (window_child (fixture, "unlimited_switch")), TRUE);
}

static void
test_window_reconcile (Fixture       *fixture,
                       gconstpointer  data)
{
  Flaky flaky = { 0, };
  GtkWidget *error_label = window_child (fixture, "error_label");
  GtkWidget *card = window_child (fixture, "result_card");

  flaky_start (&flaky, fixture);

  /* 1. The answer was lost, but the user exists: said, and shown. */
  seed_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  fill_form (fixture, "alice2026");
  gtk_widget_activate_action (GTK_WIDGET (fixture->w.window), "win.primary", NULL);
  WAIT_UNTIL (!td_window_get_busy (fixture->td_window));
  g_assert_cmpuint (flaky.n_creates, ==, 1);
  WAIT_UNTIL (gtk_widget_get_visible (card));
  g_assert_cmpstr (td_result_card_get_login (TD_RESULT_CARD (card)), ==, "td-customer-alice2026");
  g_assert_false (gtk_widget_get_visible (window_child (fixture, "error_revealer")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window_child (fixture, "username_entry"))), ==, "");

  /* 2. The user does not exist: said, the form kept, Create again. */
  fill_form (fixture, "bob20266");
  gtk_widget_activate_action (GTK_WIDGET (fixture->w.window), "win.primary", NULL);
  WAIT_UNTIL (!td_window_get_busy (fixture->td_window));
  WAIT_UNTIL (strstr (label_text (error_label), "was not created") != NULL);
  g_assert_nonnull (strstr (label_text (error_label), "“bob20266”"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window_child (fixture, "username_entry"))), ==, "bob20266");
  g_assert_true (gtk_widget_get_sensitive (window_child (fixture, "create_button")));
  g_assert_cmpuint (flaky.n_creates, ==, 2);

  /* 3. The list cannot be read either: the cautious message stays. */
  flaky.list_fails = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (fixture->w.window), "win.primary", NULL);
  WAIT_UNTIL (!td_window_get_busy (fixture->td_window));
  WAIT_UNTIL (gtk_widget_get_sensitive (window_child (fixture, "create_button")));
  g_assert_nonnull (strstr (label_text (error_label), "may have been created"));
  g_assert_null (strstr (label_text (error_label), "checking"));
  g_assert_cmpuint (flaky.n_creates, ==, 3);

  flaky_stop (&flaky);
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_IN_TD_WINDOW(path, func) \
  g_test_add (path, Fixture, IN_TD_WINDOW, fixture_set_up, func, fixture_tear_down)

  ADD ("/users-view/not-read-before-shown", test_users_not_read_before_shown);
  ADD ("/users-view/page-contract", test_users_page_contract);
  ADD ("/users-view/list", test_users_list);
  ADD ("/users-view/filter", test_users_filter);
  ADD ("/users-view/selection-follows-user", test_users_selection_follows_user);
  ADD ("/users-view/act-on-kept-row", test_users_act_on_kept_row);
  ADD ("/users-view/row-menu-keyboard", test_users_row_menu_keyboard);
  ADD ("/users-view/empty", test_users_empty);
  ADD ("/users-view/error", test_users_error);
  ADD ("/users-view/no-token", test_users_no_token);
  ADD ("/users-view/toggle", test_users_toggle);
  ADD ("/users-view/toggle-refused", test_users_toggle_refused);
  ADD ("/users-view/toggle-other-type", test_users_toggle_other_type);
  ADD ("/users-view/edit-password-only", test_users_edit_password_only);
  ADD ("/users-view/edit-rename-refused", test_users_edit_rename_refused);
  ADD ("/users-view/delete", test_users_delete);
  ADD ("/users-view/delete-refused", test_users_delete_refused);
  ADD ("/users-view/delete-other-type", test_users_delete_other_type);
  ADD ("/users-view/lying-names", test_users_lying_names);
  ADD ("/users-view/usage", test_users_usage);
  ADD ("/users-view/unlimited-usage", test_users_unlimited_usage);
  ADD ("/users-view/row-menu", test_users_row_menu);
  ADD ("/users-view/many", test_users_many);
  ADD_IN_TD_WINDOW ("/users-view/quota-disables-create", test_users_quota_disables_create);
  ADD_IN_TD_WINDOW ("/window/reconcile", test_window_reconcile);

#undef ADD
#undef ADD_IN_TD_WINDOW

  return g_test_run ();
}
