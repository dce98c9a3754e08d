/* td-users-view.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "td-accessible.h"
#include "td-clipboard.h"
#include "td-error.h"
#include "td-row-model.h"
#include "td-usage.h"
#include "td-usage-dialog.h"
#include "td-user-edit-dialog.h"
#include "td-users-view.h"

/* The users of one proxy type in a GtkColumnView.  The model chain is
 *
 *   GListStore (TdProxyUser) → GtkSortListModel (the column headers)
 *     → GtkFilterListModel (the search) → TdRowModel → GtkSingleSelection
 *
 * so that typing only filters and clicking a header only sorts.  Rows are
 * made by factories for the part of the list on screen; nothing is kept
 * per user but the model object.  Every change goes to the server first
 * and is shown once it answered 200, after which the list is read again.
 *
 * TdRowModel keeps the rows of the column view when the filter or the
 * order changes, and adds or removes the rows it must a few at a time:
 * GTK 4.8 builds a new row (7 list item widgets and their children) for
 * every new item and keeps about 200 rows, so that a keystroke that
 * changed the rows stalled the window for 90-160 ms (bench/README.md).
 * Each cell follows its row's notify::item and shows whichever user the
 * row holds; spare rows, on their way out, are hidden.
 *
 * The filter is not incremental: matching 10,000 names takes a few
 * milliseconds, while each items-changed of an incremental run makes GTK
 * 4.8 build the visible rows again (up to 200), which made a keystroke
 * several times slower when measured. */

/* Above this many changed users a refresh replaces the whole list rather
 * than each changed row. */
#define MAX_ROW_UPDATES 32

struct _TdUsersView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkWidget           *box;
  GtkDropDown         *type_dropdown;
  GtkSearchEntry      *search_entry;
  GtkLabel            *quota_label;
  GtkLabel            *updated_label;
  GtkSpinner          *refresh_spinner;
  GtkRevealer         *action_error_revealer;
  GtkLabel            *action_error_label;
  GtkStack            *state_stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *no_results_page;
  AdwStatusPage       *error_page;
  GtkButton           *error_button;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *username_column;
  GtkColumnViewColumn *limit_column;
  GtkColumnViewColumn *usage_column;
  GtkColumnViewColumn *created_column;

  /* Models */
  GListStore          *store;
  GtkSortListModel    *sort_model;
  GtkCustomFilter     *filter;
  /* td_search_key() of the search applied, or NULL for every user. */
  char                *search_key;
  GtkFilterListModel  *filter_model;
  TdRowModel          *row_model;
  GtkSingleSelection  *selection;
  /* The username of the selected row, to select it again where it is
   * after a change; see keep_selection_*(). */
  char                *selected_username;

  TdApiClient         *client;
  TdCredentials       *credentials;
  GSettings           *settings;

  /* Cancelled when the view goes away. */
  GCancellable        *cancellable;
  /* The list read in flight, if any. */
  GCancellable        *load_cancellable;
  GError              *load_error;
  /* Username → GINT_TO_POINTER (1 + requested status) of the switches
   * whose change is in flight. */
  GHashTable          *pending_toggles;
  /* Applies a cleared search field, see on_search_changed(). */
  guint                clear_search_id;

  TdProxyType          proxy_type;
  gint64               remaining;
  gint64               limit;
  gint64               user_count;

  /* A list of proxy_type has been read (the store holds it). */
  guint                has_data : 1;
  /* A read has been started at least once. */
  guint                started : 1;
  guint                compact : 1;
  /* Between keep_selection_before() and keep_selection_after(). */
  guint                changing_rows : 1;
};

G_DEFINE_FINAL_TYPE (TdUsersView, td_users_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CREDENTIALS,
  PROP_SETTINGS,
  PROP_PROXY_TYPE,
  PROP_COMPACT,
  PROP_LOADING,
  PROP_REMAINING,
  PROP_LIMIT,
  PROP_USER_COUNT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void sync_row_switch (TdUsersView *self,
                             GtkSwitch   *row_switch,
                             TdProxyUser *user);

static void
show_toast (TdUsersView *self,
            const char  *text)
{
  g_autofree char *escaped = NULL;

  g_assert (TD_IS_USERS_VIEW (self));

  /* Toast titles are markup; usernames come from the server. */
  escaped = g_markup_escape_text (text, -1);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", escaped);
}

static void
show_action_error (TdUsersView *self,
                   const char  *message)
{
  g_assert (TD_IS_USERS_VIEW (self));

  td_accessible_set_error_card (self->action_error_revealer, self->action_error_label, message);
}

static TdProxyUser *
find_user (TdUsersView *self,
           const char  *username)
{
  guint n_items;

  g_assert (TD_IS_USERS_VIEW (self));

  if (username == NULL)
    return NULL;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (td_proxy_user_get_username (user), username) == 0)
        return user;
    }

  return NULL;
}

static gboolean
remove_user (TdUsersView *self,
             const char  *username)
{
  guint n_items;

  g_assert (TD_IS_USERS_VIEW (self));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (td_proxy_user_get_username (user), username) == 0)
        {
          g_list_store_remove (self->store, i);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
same_values (TdProxyUser *a,
             TdProxyUser *b)
{
  GDateTime *time_a = td_proxy_user_get_created_time (a);
  GDateTime *time_b = td_proxy_user_get_created_time (b);

  return g_strcmp0 (td_proxy_user_get_username (a), td_proxy_user_get_username (b)) == 0 &&
         g_strcmp0 (td_proxy_user_get_password (a), td_proxy_user_get_password (b)) == 0 &&
         td_proxy_user_get_enabled (a) == td_proxy_user_get_enabled (b) &&
         td_proxy_user_get_traffic_limit (a) == td_proxy_user_get_traffic_limit (b) &&
         td_proxy_user_get_usage_traffic (a) == td_proxy_user_get_usage_traffic (b) &&
         (time_a == time_b ||
          (time_a != NULL && time_b != NULL && g_date_time_equal (time_a, time_b)));
}

/* Puts @users in the store.  When the same users come back in the same
 * order, only the rows that changed are replaced, so the view keeps its
 * scroll position and focus. */
static void
replace_users (TdUsersView *self,
               GListModel  *users)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) changed = NULL;
  guint n_old, n_new;
  gboolean same_names;

  g_assert (TD_IS_USERS_VIEW (self));
  g_assert (G_IS_LIST_MODEL (users));

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  n_new = g_list_model_get_n_items (users);
  items = g_ptr_array_new_full (n_new, g_object_unref);
  changed = g_array_new (FALSE, FALSE, sizeof (guint));
  same_names = n_old == n_new;

  for (guint i = 0; i < n_new; i++)
    {
      TdProxyUser *user = g_list_model_get_item (users, i);

      g_ptr_array_add (items, user);

      if (same_names)
        {
          g_autoptr(TdProxyUser) old = g_list_model_get_item (G_LIST_MODEL (self->store), i);

          if (g_strcmp0 (td_proxy_user_get_username (old), td_proxy_user_get_username (user)) != 0)
            same_names = FALSE;
          else if (!same_values (old, user))
            g_array_append_val (changed, i);
        }
    }

  if (same_names && changed->len <= MAX_ROW_UPDATES)
    {
      for (guint i = 0; i < changed->len; i++)
        {
          guint position = g_array_index (changed, guint, i);

          g_list_store_splice (self->store, position, 1, &items->pdata[position], 1);
        }
      return;
    }

  g_list_store_splice (self->store, 0, n_old, items->pdata, items->len);
}

static void
set_quota (TdUsersView *self,
           gint64       remaining,
           gint64       limit,
           gint64       user_count)
{
  g_assert (TD_IS_USERS_VIEW (self));

  if (self->limit != limit)
    {
      self->limit = limit;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIMIT]);
    }

  if (self->user_count != user_count)
    {
      self->user_count = user_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USER_COUNT]);
    }

  /* Last, so that whoever listens to "remaining" sees the other two. */
  if (self->remaining != remaining)
    {
      self->remaining = remaining;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REMAINING]);
    }
}

static void
update_quota_label (TdUsersView *self)
{
  g_autofree char *text = NULL;

  g_assert (TD_IS_USERS_VIEW (self));

  if (self->has_data)
    {
      gint64 count = self->user_count >= 0 ? self->user_count
                                           : g_list_model_get_n_items (G_LIST_MODEL (self->store));
      g_autofree char *count_text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

      if (self->limit >= 0)
        {
          g_autofree char *limit_text = g_strdup_printf ("%" G_GINT64_FORMAT, self->limit);

          /* Translators: the account's quota, "12 of 100 users" */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s user", "%s of %s users",
                                               (gulong) MIN (self->limit, G_MAXLONG)),
                                  count_text, limit_text);
        }
      else
        {
          /* Translators: the number of users listed */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s user", "%s users",
                                               (gulong) MIN (count, G_MAXLONG)),
                                  count_text);
        }
    }

  gtk_label_set_label (self->quota_label, text != NULL ? text : "");
}

static void
update_state (TdUsersView *self)
{
  gboolean loading;
  const char *page;
  guint n_all, n_shown;

  g_assert (TD_IS_USERS_VIEW (self));

  loading = self->load_cancellable != NULL;
  n_all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (!self->has_data)
    page = self->load_error != NULL && !loading ? "error" : "loading";
  else if (n_all == 0)
    page = "empty";
  else if (n_shown == 0 && gtk_filter_list_model_get_pending (self->filter_model) == 0)
    page = "no-results";
  else
    page = "list";

  if (g_strcmp0 (page, "no-results") == 0)
    {
      g_autofree char *escaped = g_markup_escape_text (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
      /* Translators: %s is what was typed in the search field */
      g_autofree char *description = g_strdup_printf (_("No username contains “%s”."), escaped);

      adw_status_page_set_description (self->no_results_page, description);
    }

  /* The large icons are set when their page is first shown: set in the
   * template, they were loaded at start-up, when the hidden pages are
   * measured, and loading them costs librsvg (8 MiB, bench/README.md). */
  if (g_strcmp0 (page, "empty") == 0)
    adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
  else if (g_strcmp0 (page, "no-results") == 0)
    adw_status_page_set_icon_name (self->no_results_page, "edit-find-symbolic");
  else if (g_strcmp0 (page, "error") == 0)
    adw_status_page_set_icon_name (self->error_page, "network-error-symbolic");

  gtk_stack_set_visible_child_name (self->state_stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (page, "loading") == 0);

  /* A read over a list already shown keeps the list, with a small spinner. */
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_spinner), loading && self->has_data);
  gtk_spinner_set_spinning (self->refresh_spinner, loading && self->has_data);
  gtk_widget_set_visible (GTK_WIDGET (self->updated_label), !(loading && self->has_data));
}

static void
show_load_error (TdUsersView  *self,
                 const GError *error)
{
  g_autofree char *escaped = NULL;
  gboolean no_token;

  g_assert (TD_IS_USERS_VIEW (self));
  g_assert (error != NULL);

  no_token = g_error_matches (error, TD_API_ERROR, TD_API_ERROR_NO_TOKEN);
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, escaped);

  /* Without a token, trying again cannot help: offer to add one. */
  gtk_button_set_label (self->error_button, no_token ? _("Add T_oken…") : _("_Try Again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button),
                                  no_token ? "win.enter-token" : "users.refresh");
}

static void
list_users_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TdApiClient *client = TD_API_CLIENT (object);
  g_autoptr(TdUsersView) self = TD_USERS_VIEW (user_data);
  g_autoptr(TdUserList) list = NULL;
  g_autoptr(GError) error = NULL;

  list = td_api_client_list_users_finish (client, result, &error);

  /* Cancelled: the view went away, or a newer read replaced this one and
   * owns load_cancellable now. */
  if (list == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  g_clear_error (&self->load_error);

  if (list == NULL)
    {
      self->load_error = g_steal_pointer (&error);
      show_load_error (self, self->load_error);

      /* A list already shown stays, with the reason it could not be
       * refreshed; without one, the error page says it. */
      if (self->has_data)
        {
          /* Translators: %s says why the list could not be read */
          g_autofree char *message = g_strdup_printf (_("The list could not be refreshed. %s"),
                                                      self->load_error->message);
          show_action_error (self, message);
        }
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *time = g_date_time_format (now, "%X");
      /* Translators: %s is the time the list was read, in the locale's format */
      g_autofree char *updated = g_strdup_printf (_("Updated %s"), time);

      replace_users (self, G_LIST_MODEL (list->users));
      self->has_data = TRUE;
      gtk_label_set_label (self->updated_label, updated);
      set_quota (self, list->remaining_limit, list->limit, list->user_count);
    }

  update_quota_label (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

void
td_users_view_refresh (TdUsersView *self)
{
  g_return_if_fail (TD_IS_USERS_VIEW (self));

  if (self->client == NULL)
    return;

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  self->started = TRUE;
  self->load_cancellable = g_cancellable_new ();

  td_api_client_list_users_async (self->client,
                                  self->proxy_type,
                                  self->load_cancellable,
                                  list_users_cb,
                                  g_object_ref (self));

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

void
td_users_view_invalidate (TdUsersView *self)
{
  g_return_if_fail (TD_IS_USERS_VIEW (self));

  if (self->started)
    td_users_view_refresh (self);
}

void
td_users_view_focus_search (TdUsersView *self)
{
  g_return_if_fail (TD_IS_USERS_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Search */

/* The usernames' keys are made once (td_proxy_user_get_search_key()), not
 * at every keystroke for every user as GtkStringFilter does: that was a
 * fifth of the time a keystroke took at 10,000 users. */
static gboolean
match_user (gpointer item,
            gpointer user_data)
{
  TdUsersView *self = TD_USERS_VIEW (user_data);

  return self->search_key == NULL ||
         strstr (td_proxy_user_get_search_key (TD_PROXY_USER (item)), self->search_key) != NULL;
}

static void
set_search (TdUsersView *self,
            const char  *text)
{
  g_autofree char *old_key = NULL;
  GtkFilterChange change;

  g_assert (TD_IS_USERS_VIEW (self));

  old_key = g_steal_pointer (&self->search_key);
  if (text != NULL && text[0] != '\0')
    self->search_key = td_search_key (text);

  if (g_strcmp0 (old_key, self->search_key) == 0)
    return;

  /* Telling the filter model which way it goes lets it look only at the
   * users shown, or only at the others. */
  if (old_key == NULL || (self->search_key != NULL && strstr (self->search_key, old_key) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search_key == NULL || strstr (old_key, self->search_key) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static gboolean
apply_cleared_search (gpointer user_data)
{
  TdUsersView *self = TD_USERS_VIEW (user_data);

  self->clear_search_id = 0;

  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
    set_search (self, NULL);

  return G_SOURCE_REMOVE;
}

/* GtkSearchEntry reports a cleared field at once, without its typing
 * delay, and so also for the instant that gtk_editable_set_text() (or
 * typing over a selection) empties the field before inserting the new
 * text.  Applied then, the empty search showed every user, building the
 * rows of a full screen, only to filter them away again: 140-700 ms per
 * keystroke at 10,000 users (bench/README.md).  A cleared field is
 * applied from an idle, if it is still empty by then. */
static void
on_search_changed (TdUsersView *self)
{
  const char *text;

  g_assert (TD_IS_USERS_VIEW (self));

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (text[0] != '\0')
    set_search (self, text);
  else if (self->clear_search_id == 0)
    self->clear_search_id = g_idle_add_full (G_PRIORITY_DEFAULT, apply_cleared_search, self, NULL);
}

static void
on_stop_search (TdUsersView *self)
{
  g_assert (TD_IS_USERS_VIEW (self));

  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Enter in the search field goes to the first match. */
static void
on_search_activate (TdUsersView *self)
{
  g_assert (TD_IS_USERS_VIEW (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);

      gtk_selection_model_select_item (selection, 0, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
on_type_selected (TdUsersView *self)
{
  TdProxyType proxy_type;

  g_assert (TD_IS_USERS_VIEW (self));

  proxy_type = gtk_drop_down_get_selected (self->type_dropdown) + 1;
  if (td_proxy_type_is_valid (proxy_type))
    td_users_view_set_proxy_type (self, proxy_type);
}

/* Cells */

static TdProxyUser *
list_item_get_user (GtkListItem *list_item)
{
  gpointer row = gtk_list_item_get_item (list_item);
  gpointer user = TD_IS_ROW (row) ? td_row_get_item (row) : NULL;

  return TD_IS_PROXY_USER (user) ? user : NULL;
}

typedef void (*CellUpdateFunc) (GtkListItem *list_item);

/* A bound cell shows the user its row holds now, and again each time the
 * row holds another user or the user changes. */
static void
follow_row (GtkListItem    *list_item,
            CellUpdateFunc  update)
{
  gpointer row = gtk_list_item_get_item (list_item);

  if (TD_IS_ROW (row))
    g_signal_connect_swapped (row, "notify::item", G_CALLBACK (update), list_item);
  update (list_item);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gpointer row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_matched (row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, list_item);
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_list_item_set_child (list_item, label);
}

static void
number_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

/* The row of the column view that holds @cell_child: the child of its
 * list view. */
static GtkWidget *
get_row_widget (GtkWidget *cell_child)
{
  GtkWidget *widget = cell_child;

  while (widget != NULL && !GTK_IS_LIST_VIEW (gtk_widget_get_parent (widget)))
    widget = gtk_widget_get_parent (widget);

  return widget;
}

/* The first column also hides the spare rows (td-row-model.h), that are
 * about to go, and shows them again when they hold a user. */
static void
username_update (GtkListItem *list_item)
{
  TdProxyUser *user = list_item_get_user (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GtkWidget *row_widget = get_row_widget (label);

  gtk_label_set_text (GTK_LABEL (label), user != NULL ? td_proxy_user_get_username (user) : "");
  if (row_widget != NULL)
    gtk_widget_set_visible (row_widget, user != NULL);
}

static void
username_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  follow_row (list_item, username_update);
}

static void
limit_update (GtkListItem *list_item)
{
  TdProxyUser *user = list_item_get_user (list_item);
  g_autofree char *text = NULL;

  if (user != NULL)
    {
      gint64 limit = td_proxy_user_get_traffic_limit (user);

      /* Translators: a traffic limit of 0, which the API treats as no limit */
      text = limit == 0 ? g_strdup (C_("traffic limit", "Unlimited")) : td_format_mb (limit);
    }

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text != NULL ? text : "");
}

static void
limit_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  follow_row (list_item, limit_update);
}

static void
usage_update (GtkListItem *list_item)
{
  TdProxyUser *user = list_item_get_user (list_item);
  g_autofree char *text = NULL;

  if (user != NULL)
    {
      double usage = td_proxy_user_get_usage_traffic (user);

      /* Translators: shown when the list did not say how much was used */
      text = usage < 0 ? g_strdup (C_("usage", "—")) : td_format_mb (usage);
    }

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text != NULL ? text : "");
}

static void
usage_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  follow_row (list_item, usage_update);
}

static void
created_update (GtkListItem *list_item)
{
  TdProxyUser *user = list_item_get_user (list_item);
  g_autofree char *text = NULL;

  if (user != NULL && td_proxy_user_get_created_time (user) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (td_proxy_user_get_created_time (user));

      text = local != NULL ? g_date_time_format (local, "%x") : NULL;
    }

  /* Translators: shown when the list did not say when a user was created */
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      text != NULL ? text : C_("created", "—"));
}

static void
created_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  follow_row (list_item, created_update);
}

/* The switch of each row */

/* Shows the user's status, or the one requested while it is in flight
 * (then the switch cannot be used). */
static void
sync_row_switch (TdUsersView *self,
                 GtkSwitch   *row_switch,
                 TdProxyUser *user)
{
  gpointer pending;
  gboolean active;

  g_assert (TD_IS_USERS_VIEW (self));
  g_assert (GTK_IS_SWITCH (row_switch));
  g_assert (TD_IS_PROXY_USER (user));

  pending = g_hash_table_lookup (self->pending_toggles, td_proxy_user_get_username (user));
  active = pending != NULL ? GPOINTER_TO_INT (pending) == 2 : td_proxy_user_get_enabled (user);

  g_signal_handlers_block_matched (row_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_switch_set_active (row_switch, active);
  gtk_switch_set_state (row_switch, active);
  g_signal_handlers_unblock_matched (row_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  gtk_widget_set_sensitive (GTK_WIDGET (row_switch), pending == NULL);
}

typedef struct
{
  TdUsersView *self;
  TdProxyUser *user;
  gboolean     enabled;
} ToggleData;

static void
toggle_data_free (ToggleData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->user);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToggleData, toggle_data_free)

static void
toggle_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ToggleData) data = user_data;
  TdUsersView *self = data->self;
  const char *username = td_proxy_user_get_username (data->user);
  g_autoptr(GError) error = NULL;
  TdProxyUser *current;

  if (!td_api_client_update_user_finish (TD_API_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_hash_table_remove (self->pending_toggles, username);
  /* The row may show another object for the same user after a refresh. */
  current = find_user (self, username);

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      if (data->enabled)
        /* Translators: the first %s is a username, the second says why */
        message = g_strdup_printf (_("“%s” was not enabled. %s"), username, error->message);
      else
        /* Translators: the first %s is a username, the second says why */
        message = g_strdup_printf (_("“%s” was not disabled. %s"), username, error->message);

      show_action_error (self, message);

      /* The rows go back to what the server has. */
      g_object_notify (G_OBJECT (data->user), "enabled");
      if (current != NULL && current != data->user)
        g_object_notify (G_OBJECT (current), "enabled");

      /* After a timeout or a 5xx the change may have been applied. */
      if (td_error_is_ambiguous (error))
        td_users_view_refresh (self);
      return;
    }

  td_proxy_user_set_enabled (data->user, data->enabled);
  if (current != NULL && current != data->user)
    td_proxy_user_set_enabled (current, data->enabled);

  {
    g_autofree char *toast = NULL;

    if (data->enabled)
      /* Translators: %s is a username */
      toast = g_strdup_printf (_("“%s” enabled"), username);
    else
      /* Translators: %s is a username */
      toast = g_strdup_printf (_("“%s” disabled"), username);
    show_toast (self, toast);
  }

  td_users_view_refresh (self);
}

static gboolean
on_row_switch_state_set (GtkSwitch   *row_switch,
                         gboolean     state,
                         TdUsersView *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (row_switch), "td-list-item");
  g_autoptr(TdProxyUser) changed = NULL;
  ToggleData *data;
  TdProxyUser *user;

  g_assert (TD_IS_USERS_VIEW (self));

  user = list_item != NULL ? list_item_get_user (list_item) : NULL;
  if (user == NULL || self->client == NULL ||
      g_hash_table_contains (self->pending_toggles, td_proxy_user_get_username (user)))
    return TRUE;

  if (state == td_proxy_user_get_enabled (user))
    {
      gtk_switch_set_state (row_switch, state);
      return TRUE;
    }

  show_action_error (self, NULL);

  /* Every current value goes with it: only the status changes. */
  changed = td_proxy_user_copy (user);
  td_proxy_user_set_enabled (changed, state);

  g_hash_table_insert (self->pending_toggles,
                       g_strdup (td_proxy_user_get_username (user)),
                       GINT_TO_POINTER (state ? 2 : 1));
  sync_row_switch (self, row_switch, user);

  data = g_new0 (ToggleData, 1);
  data->self = g_object_ref (self);
  data->user = g_object_ref (user);
  data->enabled = state;

  td_api_client_update_user_async (self->client,
                                   user,
                                   changed,
                                   self->cancellable,
                                   toggle_cb,
                                   data);

  /* The switch shows the new position; its state follows the server. */
  return TRUE;
}

static void
enabled_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  TdUsersView              *self)
{
  GtkWidget *row_switch = gtk_switch_new ();

  gtk_widget_set_halign (row_switch, GTK_ALIGN_START);
  gtk_widget_set_valign (row_switch, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (row_switch), "td-list-item", list_item);
  /* The view outlives its rows. */
  g_object_set_data (G_OBJECT (row_switch), "td-users-view", self);
  g_signal_connect (row_switch, "state-set", G_CALLBACK (on_row_switch_state_set), self);
  gtk_list_item_set_child (list_item, row_switch);
}

static void
enabled_update (GtkListItem *list_item)
{
  TdProxyUser *user = list_item_get_user (list_item);
  GtkWidget *row_switch = gtk_list_item_get_child (list_item);
  TdUsersView *self = g_object_get_data (G_OBJECT (row_switch), "td-users-view");
  g_autofree char *label = NULL;

  if (user == NULL)
    return;

  sync_row_switch (self, GTK_SWITCH (row_switch), user);

  /* Translators: the accessible name of the switch in a row; %s is a username */
  label = g_strdup_printf (_("Enabled, %s"), td_proxy_user_get_username (user));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
enabled_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TdUsersView              *self)
{
  follow_row (list_item, enabled_update);
}

/* The menu of each row, built when it is opened. */

static void
append_user_item (GMenu      *menu,
                  const char *label,
                  const char *action,
                  const char *username)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (username));
  g_menu_append_item (menu, item);
}

static void
create_row_menu (GtkMenuButton *button,
                 gpointer       user_data)
{
  GtkListItem *list_item = GTK_LIST_ITEM (user_data);
  TdProxyUser *user = list_item_get_user (list_item);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) copy = g_menu_new ();
  g_autoptr(GMenu) inspect = g_menu_new ();
  g_autoptr(GMenu) change = g_menu_new ();
  const char *username;

  if (user == NULL)
    return;

  username = td_proxy_user_get_username (user);
  append_user_item (copy, _("Copy Gateway _Login"), "users.copy-login", username);
  append_user_item (copy, _("Copy Proxy _URL"), "users.copy-url", username);
  append_user_item (copy, _("Show _Password"), "users.show-password", username);
  append_user_item (inspect, _("_Edit…"), "users.edit", username);
  append_user_item (inspect, _("U_sage…"), "users.usage", username);
  append_user_item (change, _("_Delete…"), "users.delete", username);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (inspect));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (change));

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
actions_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_row_menu,
                                         list_item, NULL);
  gtk_list_item_set_child (list_item, button);
}

/* The menu itself is built each time it is opened (create_row_menu()), for
 * the user the row holds then. */
static void
actions_update (GtkListItem *list_item)
{
  TdProxyUser *user = list_item_get_user (list_item);
  GtkWidget *button = gtk_list_item_get_child (list_item);
  g_autofree char *label = NULL;

  if (user == NULL)
    return;

  /* Translators: the accessible name of a row's menu button; %s is a username */
  label = g_strdup_printf (_("Actions for %s"), td_proxy_user_get_username (user));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
actions_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  follow_row (list_item, actions_update);
}

/* The rows stay where they are when the filter or the order changes (see
 * the top of this file), and so would the selection: it would go to the
 * user who comes to its position.  It stays with its user instead, as it
 * does over other models, or goes if that user is no longer shown.
 * keep_selection_before() runs before the row model hears of the change,
 * keep_selection_after() after; in between, the selection is not
 * followed. */
static void
on_selected_changed (TdUsersView *self)
{
  guint position;
  g_autoptr(TdProxyUser) user = NULL;

  g_assert (TD_IS_USERS_VIEW (self));

  if (self->changing_rows)
    return;

  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    user = td_row_model_get_item (self->row_model, position);

  g_free (self->selected_username);
  self->selected_username = user != NULL ? g_strdup (td_proxy_user_get_username (user)) : NULL;
}

static void
keep_selection_before (TdUsersView *self)
{
  g_assert (TD_IS_USERS_VIEW (self));

  self->changing_rows = TRUE;
}

static void
keep_selection_after (TdUsersView *self)
{
  guint position = GTK_INVALID_LIST_POSITION;
  guint n_items;

  g_assert (TD_IS_USERS_VIEW (self));

  self->changing_rows = FALSE;

  if (self->selected_username == NULL)
    return;

  /* By name: a refresh brings new objects for the same users. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  for (guint i = 0; i < n_items && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(TdProxyUser) shown = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (g_strcmp0 (td_proxy_user_get_username (shown), self->selected_username) == 0)
        position = i;
    }

  /* The row may not be there yet: rows are added a few at a time. */
  if (position != GTK_INVALID_LIST_POSITION &&
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->row_model)))
    td_row_model_complete (self->row_model);

  gtk_single_selection_set_selected (self->selection, position);
  /* Also when the position did not change, so that no notification came. */
  on_selected_changed (self);
}

/* The menu of a row from the keyboard (Shift+F10, Menu) and with the
 * secondary button, as well as from its button: one controller for the
 * whole view rather than one per row. */

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Opens the menu of the row that holds @widget; FALSE if it is in none. */
static gboolean
popup_row_menu (TdUsersView *self,
                GtkWidget   *widget)
{
  GtkWidget *row_widget;
  GtkWidget *button;

  g_assert (TD_IS_USERS_VIEW (self));

  if (widget == NULL || !gtk_widget_is_ancestor (widget, GTK_WIDGET (self->column_view)))
    return FALSE;

  row_widget = get_row_widget (widget);
  button = row_widget != NULL ? find_menu_button (row_widget) : NULL;
  if (button == NULL || !gtk_widget_get_visible (row_widget))
    return FALSE;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  return TRUE;
}

static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TdUsersView *self = TD_USERS_VIEW (widget);

  popup_row_menu (self, gtk_root_get_focus (gtk_widget_get_root (widget)));
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    TdUsersView     *self)
{
  GtkWidget *picked;

  g_assert (TD_IS_USERS_VIEW (self));

  picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  if (popup_row_menu (self, picked))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_row_activated (TdUsersView *self,
                  guint        position)
{
  g_autoptr(TdProxyUser) user = NULL;

  g_assert (TD_IS_USERS_VIEW (self));

  user = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  if (user != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "users.edit", "s",
                                td_proxy_user_get_username (user));
}

/* Sorting the columns whose order is not the natural one */

static int
compare_limit (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gint64 limit_a = td_proxy_user_get_traffic_limit ((TdProxyUser *) a);
  gint64 limit_b = td_proxy_user_get_traffic_limit ((TdProxyUser *) b);

  /* 0 is unlimited: more than any limit. */
  if (limit_a == 0)
    limit_a = G_MAXINT64;
  if (limit_b == 0)
    limit_b = G_MAXINT64;

  return limit_a < limit_b ? -1 : limit_a > limit_b ? 1 : 0;
}

static int
compare_created (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GDateTime *time_a = td_proxy_user_get_created_time ((TdProxyUser *) a);
  GDateTime *time_b = td_proxy_user_get_created_time ((TdProxyUser *) b);

  /* Unknown dates last. */
  if (time_a == NULL || time_b == NULL)
    return (time_a == NULL) - (time_b == NULL);

  return g_date_time_compare (time_a, time_b);
}

/* Actions on one user, named by the action's target */

static char *
dup_host_for (TdUsersView *self,
              TdProxyType  proxy_type)
{
  g_autofree char *host = NULL;
  const char *key;

  g_assert (TD_IS_USERS_VIEW (self));

  if (self->settings == NULL)
    return NULL;

  switch (proxy_type)
    {
    case TD_PROXY_TYPE_UNLIMITED:
      key = "unlimited-host";
      break;
    case TD_PROXY_TYPE_MOBILE:
      key = "mobile-host";
      break;
    case TD_PROXY_TYPE_RESIDENTIAL:
    default:
      key = "residential-host";
      break;
    }

  host = g_strstrip (g_settings_get_string (self->settings, key));

  return host[0] != '\0' ? g_steal_pointer (&host) : NULL;
}

static TdProxyUser *
lookup_target (TdUsersView *self,
               GVariant    *param)
{
  g_assert (TD_IS_USERS_VIEW (self));

  return find_user (self, g_variant_get_string (param, NULL));
}

static void
copy_login_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TdUsersView *self = TD_USERS_VIEW (widget);
  TdProxyUser *user = lookup_target (self, param);
  g_autofree char *login = NULL;

  if (user == NULL)
    return;

  login = td_proxy_user_dup_gateway_login (user);
  td_clipboard_copy_text (widget, login);
  show_toast (self, _("Gateway login copied"));
}

static void
copy_url_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TdUsersView *self = TD_USERS_VIEW (widget);
  TdProxyUser *user = lookup_target (self, param);
  g_autofree char *host = NULL;
  char *url;

  if (user == NULL)
    return;

  host = dup_host_for (self, td_proxy_user_get_proxy_type (user));
  url = td_proxy_user_dup_proxy_url (user, host);
  if (url != NULL)
    {
      td_clipboard_copy_secret (widget, url);
      show_toast (self, _("Proxy URL copied"));
    }
  td_secret_free (url);
}

static void
password_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TdUsersView      *self)
{
  const char *password = g_object_get_data (G_OBJECT (dialog), "td-password");

  if (g_strcmp0 (response, "copy") == 0 && password != NULL)
    {
      td_clipboard_copy_secret (GTK_WIDGET (self), password);
      show_toast (self, _("Password copied"));
    }
}

static void
show_password_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TdUsersView *self = TD_USERS_VIEW (widget);
  TdProxyUser *user = lookup_target (self, param);
  g_autofree char *heading = NULL;
  const char *password;
  GtkWidget *dialog;

  if (user == NULL)
    return;

  password = td_proxy_user_get_password (user);

  /* Translators: %s is a username */
  heading = g_strdup_printf (_("Password of “%s”"), td_proxy_user_get_username (user));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   password != NULL && password[0] != '\0'
                                     ? password
                                     : _("The list of users did not include this password."));
  gtk_widget_add_css_class (dialog, "td-password-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    NULL);
  if (password != NULL && password[0] != '\0')
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "copy", _("C_opy"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy",
                                                  ADW_RESPONSE_SUGGESTED);
      g_object_set_data_full (G_OBJECT (dialog), "td-password", g_strdup (password),
                              (GDestroyNotify) td_secret_free);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (password_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
user_saved_cb (TdUsersView *self,
               TdProxyUser *changed)
{
  g_autofree char *toast = NULL;

  g_assert (TD_IS_USERS_VIEW (self));

  /* Translators: %s is a username */
  toast = g_strdup_printf (_("Changes to “%s” saved"), td_proxy_user_get_username (changed));
  show_toast (self, toast);
  td_users_view_refresh (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TdUsersView *self = TD_USERS_VIEW (widget);
  TdProxyUser *user = lookup_target (self, param);
  TdUserEditDialog *dialog;

  if (user == NULL || self->client == NULL)
    return;

  dialog = td_user_edit_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->client, user);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (user_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
usage_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  TdUsersView *self = TD_USERS_VIEW (widget);
  TdProxyUser *user = lookup_target (self, param);
  TdUsageDialog *dialog;

  if (user == NULL || self->client == NULL)
    return;

  dialog = td_usage_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->client, user);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  TdUsersView *self;
  char        *username;
  TdProxyType  proxy_type;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->self);
  g_free (data->username);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static void
delete_user_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  TdUsersView *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!td_api_client_delete_user_finish (TD_API_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (td_error_is_ambiguous (error))
        /* Translators: the first %s is a username, the second says why */
        text = g_strdup_printf (_("“%s” may have been deleted. %s The list was read again."),
                                data->username, error->message);
      else
        /* Translators: the first %s is a username, the second says why */
        text = g_strdup_printf (_("“%s” was not deleted. %s"), data->username, error->message);

      show_action_error (self, text);

      if (td_error_is_ambiguous (error))
        td_users_view_refresh (self);
      return;
    }

  /* The server said 200: now the row can go. */
  remove_user (self, data->username);
  update_state (self);

  /* Translators: %s is a username */
  text = g_strdup_printf (_("“%s” deleted"), data->username);
  show_toast (self, text);

  td_users_view_refresh (self);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TdUsersView      *self)
{
  const char *username = g_object_get_data (G_OBJECT (dialog), "td-username");
  TdProxyType proxy_type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "td-proxy-type"));
  DeleteData *data;

  if (g_strcmp0 (response, "delete") != 0 || username == NULL || self->client == NULL)
    return;

  show_action_error (self, NULL);

  data = g_new0 (DeleteData, 1);
  data->self = g_object_ref (self);
  data->username = g_strdup (username);
  data->proxy_type = proxy_type;

  td_api_client_delete_user_async (self->client,
                                   proxy_type,
                                   username,
                                   self->cancellable,
                                   delete_user_cb,
                                   data);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TdUsersView *self = TD_USERS_VIEW (widget);
  TdProxyUser *user = lookup_target (self, param);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (user == NULL)
    return;

  /* Translators: %s is a username */
  heading = g_strdup_printf (_("Delete “%s”?"), td_proxy_user_get_username (user));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("The proxy user is removed from the Thordata account and its "
                                     "login stops working. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "td-username",
                          g_strdup (td_proxy_user_get_username (user)), g_free);
  g_object_set_data (G_OBJECT (dialog), "td-proxy-type",
                     GINT_TO_POINTER (td_proxy_user_get_proxy_type (user)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TdUsersView *self = TD_USERS_VIEW (widget);

  show_action_error (self, NULL);
  td_users_view_refresh (self);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  show_action_error (TD_USERS_VIEW (widget), NULL);
}

/* Properties */

TdApiClient *
td_users_view_get_client (TdUsersView *self)
{
  g_return_val_if_fail (TD_IS_USERS_VIEW (self), NULL);

  return self->client;
}

void
td_users_view_set_client (TdUsersView *self,
                          TdApiClient *client)
{
  g_return_if_fail (TD_IS_USERS_VIEW (self));
  g_return_if_fail (!client || TD_IS_API_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);
}

static void
on_token_changed (TdUsersView *self)
{
  g_assert (TD_IS_USERS_VIEW (self));

  /* A new account, or a token that now works. */
  td_users_view_invalidate (self);
}

void
td_users_view_set_credentials (TdUsersView   *self,
                               TdCredentials *credentials)
{
  g_return_if_fail (TD_IS_USERS_VIEW (self));
  g_return_if_fail (!credentials || TD_IS_CREDENTIALS (credentials));

  if (self->credentials == credentials)
    return;

  if (self->credentials != NULL)
    g_signal_handlers_disconnect_by_func (self->credentials, on_token_changed, self);

  g_set_object (&self->credentials, credentials);

  if (credentials != NULL)
    g_signal_connect_object (credentials, "notify::token",
                             G_CALLBACK (on_token_changed), self,
                             G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREDENTIALS]);
}

void
td_users_view_set_settings (TdUsersView *self,
                            GSettings   *settings)
{
  g_return_if_fail (TD_IS_USERS_VIEW (self));
  g_return_if_fail (!settings || G_IS_SETTINGS (settings));

  if (g_set_object (&self->settings, settings))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SETTINGS]);
}

TdProxyType
td_users_view_get_proxy_type (TdUsersView *self)
{
  g_return_val_if_fail (TD_IS_USERS_VIEW (self), TD_PROXY_TYPE_RESIDENTIAL);

  return self->proxy_type;
}

void
td_users_view_set_proxy_type (TdUsersView *self,
                              TdProxyType  proxy_type)
{
  g_return_if_fail (TD_IS_USERS_VIEW (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));

  if (self->proxy_type == proxy_type)
    return;

  self->proxy_type = proxy_type;
  gtk_drop_down_set_selected (self->type_dropdown, proxy_type - 1);

  /* The users of another type: nothing of the old list stays. */
  self->has_data = FALSE;
  g_hash_table_remove_all (self->pending_toggles);
  g_list_store_remove_all (self->store);
  g_clear_error (&self->load_error);
  show_action_error (self, NULL);
  gtk_label_set_label (self->updated_label, "");
  update_quota_label (self);

  if (self->started)
    td_users_view_refresh (self);
  else
    update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROXY_TYPE]);
}

gboolean
td_users_view_get_compact (TdUsersView *self)
{
  g_return_val_if_fail (TD_IS_USERS_VIEW (self), FALSE);

  return self->compact;
}

void
td_users_view_set_compact (TdUsersView *self,
                           gboolean     compact)
{
  g_return_if_fail (TD_IS_USERS_VIEW (self));

  compact = !!compact;
  if (self->compact == compact)
    return;

  /* What matters least goes first when the window is narrow. */
  self->compact = compact;
  gtk_column_view_column_set_visible (self->usage_column, !compact);
  gtk_column_view_column_set_visible (self->created_column, !compact);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPACT]);
}

gboolean
td_users_view_get_loading (TdUsersView *self)
{
  g_return_val_if_fail (TD_IS_USERS_VIEW (self), FALSE);

  return self->load_cancellable != NULL;
}

gint64
td_users_view_get_remaining (TdUsersView *self)
{
  g_return_val_if_fail (TD_IS_USERS_VIEW (self), -1);

  return self->remaining;
}

gint64
td_users_view_get_limit (TdUsersView *self)
{
  g_return_val_if_fail (TD_IS_USERS_VIEW (self), -1);

  return self->limit;
}

gint64
td_users_view_get_user_count (TdUsersView *self)
{
  g_return_val_if_fail (TD_IS_USERS_VIEW (self), -1);

  return self->user_count;
}

static void
td_users_view_map (GtkWidget *widget)
{
  TdUsersView *self = TD_USERS_VIEW (widget);

  GTK_WIDGET_CLASS (td_users_view_parent_class)->map (widget);

  /* While the view is on screen, typing anywhere in the window searches,
   * also right after the page was switched to, with the focus still on
   * the view switcher. */
  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           GTK_WIDGET (gtk_widget_get_root (widget)));

  /* Read when first shown, not before. */
  if (!self->started)
    td_users_view_refresh (self);
}

static void
td_users_view_unmap (GtkWidget *widget)
{
  TdUsersView *self = TD_USERS_VIEW (widget);

  gtk_search_entry_set_key_capture_widget (self->search_entry, widget);

  GTK_WIDGET_CLASS (td_users_view_parent_class)->unmap (widget);
}

static void
td_users_view_dispose (GObject *object)
{
  TdUsersView *self = TD_USERS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_handle_id (&self->clear_search_id, g_source_remove);

  if (self->credentials != NULL)
    g_signal_handlers_disconnect_by_func (self->credentials, on_token_changed, self);

  /* Removing the columns changes the sorter: nothing must react to it. */
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_USERS_VIEW);

  g_clear_pointer (&self->selected_username, g_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->row_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (td_users_view_parent_class)->dispose (object);
}

static void
td_users_view_finalize (GObject *object)
{
  TdUsersView *self = TD_USERS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->pending_toggles, g_hash_table_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->credentials);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (td_users_view_parent_class)->finalize (object);
}

static void
td_users_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdUsersView *self = TD_USERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_PROXY_TYPE:
      g_value_set_int (value, self->proxy_type);
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, td_users_view_get_loading (self));
      break;
    case PROP_REMAINING:
      g_value_set_int64 (value, self->remaining);
      break;
    case PROP_LIMIT:
      g_value_set_int64 (value, self->limit);
      break;
    case PROP_USER_COUNT:
      g_value_set_int64 (value, self->user_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_users_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TdUsersView *self = TD_USERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      td_users_view_set_client (self, g_value_get_object (value));
      break;
    case PROP_CREDENTIALS:
      td_users_view_set_credentials (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      td_users_view_set_settings (self, g_value_get_object (value));
      break;
    case PROP_PROXY_TYPE:
      td_users_view_set_proxy_type (self, g_value_get_int (value));
      break;
    case PROP_COMPACT:
      td_users_view_set_compact (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_users_view_class_init (TdUsersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_users_view_dispose;
  object_class->finalize = td_users_view_finalize;
  object_class->get_property = td_users_view_get_property;
  object_class->set_property = td_users_view_set_property;

  widget_class->map = td_users_view_map;
  widget_class->unmap = td_users_view_unmap;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         TD_TYPE_API_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL,
                         TD_TYPE_CREDENTIALS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROXY_TYPE] =
    g_param_spec_int ("proxy-type", NULL, NULL,
                      TD_PROXY_TYPE_RESIDENTIAL, TD_PROXY_TYPE_MOBILE, TD_PROXY_TYPE_RESIDENTIAL,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_REMAINING] =
    g_param_spec_int64 ("remaining", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LIMIT] =
    g_param_spec_int64 ("limit", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_USER_COUNT] =
    g_param_spec_int64 ("user-count", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TD_TYPE_PROXY_USER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-users-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, box);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, quota_label);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, updated_label);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, action_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, action_error_label);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, error_button);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, username_column);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, limit_column);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, usage_column);
  gtk_widget_class_bind_template_child (widget_class, TdUsersView, created_column);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, text_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, username_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, limit_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, usage_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, created_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, enabled_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, enabled_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, actions_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, actions_bind_cb);

  gtk_widget_class_install_action (widget_class, "users.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "users.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "users.copy-login", "s", copy_login_action);
  gtk_widget_class_install_action (widget_class, "users.copy-url", "s", copy_url_action);
  gtk_widget_class_install_action (widget_class, "users.show-password", "s", show_password_action);
  gtk_widget_class_install_action (widget_class, "users.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "users.usage", "s", usage_action);
  gtk_widget_class_install_action (widget_class, "users.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "users.row-menu", NULL, row_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "users.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "users.row-menu", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tdusersview");
}

static void
td_users_view_init (TdUsersView *self)
{
  g_autoptr(GtkCustomSorter) limit_sorter = NULL;
  g_autoptr(GtkCustomSorter) created_sorter = NULL;

  self->cancellable = g_cancellable_new ();
  self->pending_toggles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->proxy_type = TD_PROXY_TYPE_RESIDENTIAL;
  self->remaining = self->limit = self->user_count = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  limit_sorter = gtk_custom_sorter_new (compare_limit, NULL, NULL);
  gtk_column_view_column_set_sorter (self->limit_column, GTK_SORTER (limit_sorter));
  created_sorter = gtk_custom_sorter_new (compare_created, NULL, NULL);
  gtk_column_view_column_set_sorter (self->created_column, GTK_SORTER (created_sorter));

  self->store = g_list_store_new (TD_TYPE_PROXY_USER);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = gtk_custom_filter_new (match_user, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));

  /* In this order: see keep_selection_before(). */
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (keep_selection_before), self, G_CONNECT_SWAPPED);
  self->row_model = td_row_model_new (G_LIST_MODEL (self->filter_model));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (keep_selection_after), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->row_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selected_changed), self, G_CONNECT_SWAPPED);

  gtk_column_view_sort_by_column (self->column_view, self->username_column, GTK_SORT_ASCENDING);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->type_dropdown, "notify::selected",
                           G_CALLBACK (on_type_selected), self, G_CONNECT_SWAPPED);

  /* The parts GTK 4.8 leaves unnamed for assistive technology. */
  td_accessible_name_choice_parts (GTK_WIDGET (self->type_dropdown), _("Proxy type"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->column_view), _("Proxy users"));

  {
    GtkGesture *secondary = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
    g_signal_connect_object (secondary, "pressed", G_CALLBACK (on_secondary_click), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (secondary));
  }

  /* Typing anywhere in the view searches; see td_users_view_map(). */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self->action_error_revealer), FALSE);
  update_state (self);
}

TdUsersView *
td_users_view_new (void)
{
  return g_object_new (TD_TYPE_USERS_VIEW, NULL);
}
