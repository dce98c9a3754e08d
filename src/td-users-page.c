/* td-users-page.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-error.h"
#include "td-users-page-private.h"

/* The page: which store it shows, reading it, the state shown (loading,
 * empty, no results, error, list), the quota and the search.  The
 * columns are in td-users-page-cells.c, what is done to a user in
 * td-users-page-actions.c; the chain of models is described in
 * td-users-page-private.h.
 *
 * Rows are made by factories for the part of the list on screen; nothing
 * is kept per user but the model object.  Every change goes to the server
 * first and is shown once it answered 200, after which the list is read
 * again.
 *
 * TdRowModel keeps the rows of the column view when the filter or the
 * order changes, and adds or removes the rows it must a few at a time:
 * GTK 4.8 builds a new row (7 list item widgets and their children) for
 * every new item and keeps about 200 rows, so that a keystroke that
 * changed the rows stalled the window for 90-160 ms (bench/README.md).
 *
 * The filter is not incremental: matching 10,000 names takes a few
 * milliseconds, while each items-changed of an incremental run makes GTK
 * 4.8 build the visible rows again (up to 200), which made a keystroke
 * several times slower when measured. */

static void td_users_page_iface_init (TdPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdUsersPage, td_users_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_PAGE, td_users_page_iface_init))

enum {
  PROP_0,
  PROP_PROXY_TYPE,
  PROP_COMPACT,
  PROP_REMAINING,
  PROP_LIMIT,
  PROP_USER_COUNT,
  /* TdPage */
  PROP_ACCOUNT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [PROP_ACCOUNT];

void
td_users_page_show_toast (TdUsersPage *self,
                          const char  *text)
{
  g_assert (TD_IS_USERS_PAGE (self));

  /* win.toast shows its text as text (td_toast_new_text()). */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

void
td_users_page_show_action_error (TdUsersPage *self,
                                 const char  *message)
{
  g_assert (TD_IS_USERS_PAGE (self));

  td_accessible_set_error_card (self->action_error_revealer, self->action_error_label, message);
}

TdUserStore *
td_users_page_get_store_for (TdUsersPage *self,
                             TdProxyType  proxy_type)
{
  g_assert (TD_IS_USERS_PAGE (self));

  return td_account_get_user_store (self->account, proxy_type);
}

/* Loading and state */

static gboolean
get_busy (TdUsersPage *self)
{
  return self->load_cancellable != NULL;
}

static void
update_quota_label (TdUsersPage *self)
{
  g_autofree char *text = NULL;

  g_assert (TD_IS_USERS_PAGE (self));

  if (td_user_store_get_loaded (self->store))
    {
      gint64 user_count = td_user_store_get_user_count (self->store);
      gint64 limit = td_user_store_get_limit (self->store);
      gint64 count = user_count >= 0 ? user_count
                                     : g_list_model_get_n_items (G_LIST_MODEL (self->store));
      g_autofree char *count_text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

      if (limit >= 0)
        {
          g_autofree char *limit_text = g_strdup_printf ("%" G_GINT64_FORMAT, limit);

          /* Translators: the account's quota, all proxy types together
           * (the list shows one type): "12 of 100 users in the account" */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s user in the account",
                                               "%s of %s users in the account",
                                               (gulong) MIN (limit, G_MAXLONG)),
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

void
td_users_page_update_state (TdUsersPage *self)
{
  gboolean loading, loaded;
  const char *page;
  guint n_all, n_shown;

  g_assert (TD_IS_USERS_PAGE (self));

  loading = get_busy (self);
  loaded = td_user_store_get_loaded (self->store);
  n_all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (!loaded)
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

  /* How many users a search shows is heard with the search field, as
   * its description, and as it changes. */
  if (self->search_key != NULL && loaded &&
      gtk_filter_list_model_get_pending (self->filter_model) == 0)
    {
      /* Translators: heard by screen reader users after a search */
      g_autofree char *shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u user shown.",
                                                             "%u users shown.", n_shown),
                                                n_shown);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shown,
                                      -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->search_entry),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

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
  td_users_page_update_export (self);
  td_busy_indicator_set_spinning (self->loading_spinner, g_strcmp0 (page, "loading") == 0);

  /* A read over a list already shown keeps the list, with a small
   * indicator. */
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_spinner), loading && loaded);
  td_busy_indicator_set_spinning (self->refresh_spinner, loading && loaded);
  gtk_widget_set_visible (GTK_WIDGET (self->updated_label), !(loading && loaded));
}

static void
show_load_error (TdUsersPage  *self,
                 const GError *error)
{
  g_autofree char *escaped = NULL;
  gboolean no_token;

  g_assert (TD_IS_USERS_PAGE (self));
  g_assert (error != NULL);

  no_token = g_error_matches (error, TD_API_ERROR, TD_API_ERROR_NO_TOKEN);
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, escaped);

  /* Without a token, trying again cannot help: offer to add one. */
  /* Translators: no mnemonic for "Add Token…" here: the banner above the
   * page shows the same button ("Add Token…") at the same time. */
  gtk_button_set_label (self->error_button, no_token ? _("Add Token…") : _("_Try Again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button),
                                  no_token ? "win.enter-token" : "users.refresh");
}

typedef struct
{
  TdUsersPage  *self;
  GCancellable *cancellable;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  TdUsersPage *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  /* A newer read of the page replaced this one and owns
   * load_cancellable now, or the page went away. */
  if (data->cancellable != self->load_cancellable)
    return;

  if (!td_user_store_refresh_finish (TD_USER_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (data->cancellable))
    return;

  g_clear_object (&self->load_cancellable);
  g_clear_error (&self->load_error);
  loaded = td_user_store_get_loaded (self->store);

  /* Cancelled without being asked: someone else read the same store, and
   * its answer shows here anyway. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ;
  else if (error != NULL)
    {
      self->load_error = g_steal_pointer (&error);
      show_load_error (self, self->load_error);

      /* A list already shown stays, with the reason it could not be
       * refreshed; without one, the error page says it. */
      if (loaded)
        {
          /* Translators: %s says why the list could not be read */
          g_autofree char *message = g_strdup_printf (_("The list could not be refreshed. %s"),
                                                      self->load_error->message);
          td_users_page_show_action_error (self, message);
        }
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *time = g_date_time_format (now, "%X");
      /* Translators: %s is the time the list was read, in the locale's format */
      g_autofree char *updated = g_strdup_printf (_("Updated %s"), time);

      gtk_label_set_label (self->updated_label, updated);
    }

  update_quota_label (self);
  td_users_page_update_state (self);
  g_object_notify (G_OBJECT (self), "busy");
}

void
td_users_page_refresh (TdUsersPage *self)
{
  LoadData *data;

  g_return_if_fail (TD_IS_USERS_PAGE (self));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  self->started = TRUE;
  self->load_cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->load_cancellable);
  td_user_store_refresh_async (self->store, self->load_cancellable, refresh_cb, data);

  td_users_page_update_state (self);
  g_object_notify (G_OBJECT (self), "busy");
}

void
td_users_page_invalidate (TdUsersPage *self)
{
  g_return_if_fail (TD_IS_USERS_PAGE (self));

  if (self->started)
    td_users_page_refresh (self);
}

/* Search */

/* The usernames' keys are made once (td_proxy_user_get_search_key()), not
 * at every keystroke for every user as GtkStringFilter does: that was a
 * fifth of the time a keystroke took at 10,000 users. */
static gboolean
match_user (gpointer item,
            gpointer user_data)
{
  TdUsersPage *self = TD_USERS_PAGE (user_data);

  return self->search_key == NULL ||
         strstr (td_proxy_user_get_search_key (TD_PROXY_USER (item)), self->search_key) != NULL;
}

static void
set_search (TdUsersPage *self,
            const char  *text)
{
  g_autofree char *old_key = NULL;
  GtkFilterChange change;

  g_assert (TD_IS_USERS_PAGE (self));

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
  TdUsersPage *self = TD_USERS_PAGE (user_data);

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
on_search_changed (TdUsersPage *self)
{
  const char *text;

  g_assert (TD_IS_USERS_PAGE (self));

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (text[0] != '\0')
    set_search (self, text);
  else if (self->clear_search_id == 0)
    self->clear_search_id = g_idle_add_full (G_PRIORITY_DEFAULT, apply_cleared_search, self, NULL);
}

static void
on_stop_search (TdUsersPage *self)
{
  g_assert (TD_IS_USERS_PAGE (self));

  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Enter in the search field goes to the first match. */
static void
on_search_activate (TdUsersPage *self)
{
  g_assert (TD_IS_USERS_PAGE (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);

      gtk_selection_model_select_item (selection, 0, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
on_type_selected (TdUsersPage *self)
{
  TdProxyType proxy_type;

  g_assert (TD_IS_USERS_PAGE (self));

  proxy_type = gtk_drop_down_get_selected (self->type_dropdown) + 1;
  if (td_proxy_type_is_valid (proxy_type))
    td_users_page_set_proxy_type (self, proxy_type);
}

/* TdPage */

static void
td_users_page_page_refresh (TdPage *page)
{
  TdUsersPage *self = TD_USERS_PAGE (page);

  td_users_page_show_action_error (self, NULL);
  td_users_page_refresh (self);
}

static void
td_users_page_find (TdPage *page)
{
  TdUsersPage *self = TD_USERS_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static gboolean
td_users_page_cancel (TdPage *page)
{
  TdUsersPage *self = TD_USERS_PAGE (page);

  if (self->load_cancellable == NULL)
    return FALSE;

  /* refresh_cb() sees its own cancellable cancelled: the page is no
   * longer busy from now. */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  /* Without a list, the page says so rather than go on "loading". */
  g_clear_error (&self->load_error);
  self->load_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                          _("Reading the list was stopped."));
  show_load_error (self, self->load_error);
  td_users_page_update_state (self);
  g_object_notify (G_OBJECT (self), "busy");

  return TRUE;
}

static void
td_users_page_focus_first (TdPage *page)
{
  TdUsersPage *self = TD_USERS_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->type_dropdown));
}

static void
td_users_page_iface_init (TdPageInterface *iface)
{
  iface->refresh = td_users_page_page_refresh;
  iface->find = td_users_page_find;
  iface->cancel = td_users_page_cancel;
  iface->focus_first = td_users_page_focus_first;
}

/* Properties */

static void
on_token_changed (TdUsersPage *self)
{
  g_assert (TD_IS_USERS_PAGE (self));

  /* A new account, or a token that now works. */
  td_users_page_invalidate (self);
}

static void
on_store_quota_changed (TdUsersPage *self,
                        GParamSpec  *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  g_assert (TD_IS_USERS_PAGE (self));

  update_quota_label (self);

  if (g_str_equal (name, "remaining"))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REMAINING]);
  else if (g_str_equal (name, "limit"))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIMIT]);
  else if (g_str_equal (name, "user-count"))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USER_COUNT]);
}

/* Puts the store of @proxy_type at the head of the chain. */
static void
set_store (TdUsersPage *self,
           TdProxyType  proxy_type)
{
  TdUserStore *store = td_users_page_get_store_for (self, proxy_type);

  g_assert (TD_IS_USERS_PAGE (self));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);

  g_signal_connect_object (store, "notify::remaining",
                           G_CALLBACK (on_store_quota_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::limit",
                           G_CALLBACK (on_store_quota_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::user-count",
                           G_CALLBACK (on_store_quota_changed), self, G_CONNECT_SWAPPED);

  if (self->sort_model != NULL)
    gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (store));
}

TdProxyType
td_users_page_get_proxy_type (TdUsersPage *self)
{
  g_return_val_if_fail (TD_IS_USERS_PAGE (self), TD_PROXY_TYPE_RESIDENTIAL);

  return self->proxy_type;
}

void
td_users_page_set_proxy_type (TdUsersPage *self,
                              TdProxyType  proxy_type)
{
  g_return_if_fail (TD_IS_USERS_PAGE (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));

  if (self->proxy_type == proxy_type)
    return;

  /* The read in flight was for the other type. */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  g_object_freeze_notify (G_OBJECT (self));

  self->proxy_type = proxy_type;
  gtk_drop_down_set_selected (self->type_dropdown, proxy_type - 1);

  /* The users of another type: nothing of the old list stays. */
  g_hash_table_remove_all (self->pending_toggles);
  set_store (self, proxy_type);
  g_clear_error (&self->load_error);
  td_users_page_show_action_error (self, NULL);
  gtk_label_set_label (self->updated_label, "");
  update_quota_label (self);

  if (self->started)
    td_users_page_refresh (self);
  else
    td_users_page_update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROXY_TYPE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIMIT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USER_COUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REMAINING]);
  g_object_notify (G_OBJECT (self), "busy");

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
td_users_page_get_compact (TdUsersPage *self)
{
  g_return_val_if_fail (TD_IS_USERS_PAGE (self), FALSE);

  return self->compact;
}

void
td_users_page_set_compact (TdUsersPage *self,
                           gboolean     compact)
{
  g_return_if_fail (TD_IS_USERS_PAGE (self));

  compact = !!compact;
  if (self->compact == compact)
    return;

  /* What matters least goes first when the window is narrow. */
  self->compact = compact;
  gtk_column_view_column_set_visible (self->usage_column, !compact);
  gtk_column_view_column_set_visible (self->created_column, !compact);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPACT]);
}

gint64
td_users_page_get_remaining (TdUsersPage *self)
{
  g_return_val_if_fail (TD_IS_USERS_PAGE (self), -1);

  return td_user_store_get_remaining (self->store);
}

gint64
td_users_page_get_limit (TdUsersPage *self)
{
  g_return_val_if_fail (TD_IS_USERS_PAGE (self), -1);

  return td_user_store_get_limit (self->store);
}

gint64
td_users_page_get_user_count (TdUsersPage *self)
{
  g_return_val_if_fail (TD_IS_USERS_PAGE (self), -1);

  return td_user_store_get_user_count (self->store);
}

static void
td_users_page_map (GtkWidget *widget)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);

  GTK_WIDGET_CLASS (td_users_page_parent_class)->map (widget);

  /* While the page is on screen, typing anywhere in the window searches,
   * also right after the page was switched to, with the focus still on
   * the view switcher. */
  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           GTK_WIDGET (gtk_widget_get_root (widget)));

  /* Read when first shown, not before. */
  if (!self->started)
    td_users_page_refresh (self);
}

static void
td_users_page_unmap (GtkWidget *widget)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);

  gtk_search_entry_set_key_capture_widget (self->search_entry, widget);

  GTK_WIDGET_CLASS (td_users_page_parent_class)->unmap (widget);
}

static void
td_users_page_constructed (GObject *object)
{
  TdUsersPage *self = TD_USERS_PAGE (object);

  G_OBJECT_CLASS (td_users_page_parent_class)->constructed (object);

  g_assert (TD_IS_ACCOUNT (self->account));

  g_signal_connect_object (td_account_get_credentials (self->account), "notify::token",
                           G_CALLBACK (on_token_changed), self, G_CONNECT_SWAPPED);

  set_store (self, self->proxy_type);

  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = gtk_custom_filter_new (match_user, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));

  /* In this order: see td_users_page_keep_selection_before(). */
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (td_users_page_keep_selection_before), self, G_CONNECT_SWAPPED);
  self->row_model = td_row_model_new (G_LIST_MODEL (self->filter_model));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (td_users_page_keep_selection_after), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->row_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  td_users_page_actions_init (self);

  gtk_column_view_sort_by_column (self->column_view, self->username_column, GTK_SORT_ASCENDING);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (td_users_page_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending",
                           G_CALLBACK (td_users_page_update_state), self, G_CONNECT_SWAPPED);

  update_quota_label (self);
  td_users_page_update_state (self);
}

static void
td_users_page_dispose (GObject *object)
{
  TdUsersPage *self = TD_USERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->clear_search_id, g_source_remove);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  /* Removing the columns changes the sorter: nothing must react to it. */
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_USERS_PAGE);

  g_clear_pointer (&self->selected_username, g_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->row_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (td_users_page_parent_class)->dispose (object);
}

static void
td_users_page_finalize (GObject *object)
{
  TdUsersPage *self = TD_USERS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->pending_toggles, g_hash_table_unref);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (td_users_page_parent_class)->finalize (object);
}

static void
td_users_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdUsersPage *self = TD_USERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, get_busy (self));
      break;
    case PROP_PROXY_TYPE:
      g_value_set_int (value, self->proxy_type);
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    case PROP_REMAINING:
      g_value_set_int64 (value, td_users_page_get_remaining (self));
      break;
    case PROP_LIMIT:
      g_value_set_int64 (value, td_users_page_get_limit (self));
      break;
    case PROP_USER_COUNT:
      g_value_set_int64 (value, td_users_page_get_user_count (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_users_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TdUsersPage *self = TD_USERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      /* Set again when the window's account changes: the page then shows
       * the users of the new account. */
      if (g_set_object (&self->account, g_value_get_object (value)) && self->store != NULL)
        {
          set_store (self, self->proxy_type);
          update_quota_label (self);
          if (self->started)
            td_users_page_refresh (self);
          g_object_notify (object, "account");
        }
      break;
    case PROP_PROXY_TYPE:
      td_users_page_set_proxy_type (self, g_value_get_int (value));
      break;
    case PROP_COMPACT:
      td_users_page_set_compact (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_users_page_class_init (TdUsersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_users_page_constructed;
  object_class->dispose = td_users_page_dispose;
  object_class->finalize = td_users_page_finalize;
  object_class->get_property = td_users_page_get_property;
  object_class->set_property = td_users_page_set_property;

  widget_class->map = td_users_page_map;
  widget_class->unmap = td_users_page_unmap;

  properties [PROP_PROXY_TYPE] =
    g_param_spec_int ("proxy-type", NULL, NULL,
                      TD_PROXY_TYPE_RESIDENTIAL, TD_PROXY_TYPE_MOBILE, TD_PROXY_TYPE_RESIDENTIAL,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
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
  g_object_class_install_properties (object_class, PROP_ACCOUNT, properties);
  g_object_class_override_property (object_class, PROP_ACCOUNT, "account");
  g_object_class_override_property (object_class, PROP_BUSY, "busy");

  g_type_ensure (TD_TYPE_PROXY_USER);
  g_type_ensure (TD_TYPE_BUSY_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-users-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, box);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, quota_label);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, updated_label);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, action_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, action_error_label);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, error_button);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, username_column);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, limit_column);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, usage_column);
  gtk_widget_class_bind_template_child (widget_class, TdUsersPage, created_column);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);

  td_users_page_cells_class_init (widget_class);
  td_users_page_actions_class_init (widget_class);
  td_users_page_export_class_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tduserspage");
}

/* GTK 4.8 puts each page of a stack in the accessible tree, named after
 * its class ("GtkStackPage panel"): named after what it shows instead. */
static void
name_state_pages (TdUsersPage *self)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (self->state_stack));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(GObject) page = g_list_model_get_item (pages, i);
      GtkWidget *child = gtk_stack_page_get_child (GTK_STACK_PAGE (page));
      const char *title = ADW_IS_STATUS_PAGE (child) ? adw_status_page_get_title (ADW_STATUS_PAGE (child))
                                                      : NULL;

      if (GTK_IS_ACCESSIBLE (page))
        gtk_accessible_update_property (GTK_ACCESSIBLE (page),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        title != NULL && title[0] != '\0' ? title : _("Proxy users"),
                                        -1);
    }
}

static void
td_users_page_init (TdUsersPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->pending_toggles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->proxy_type = TD_PROXY_TYPE_RESIDENTIAL;

  gtk_widget_init_template (GTK_WIDGET (self));
  name_state_pages (self);

  td_users_page_cells_init (self);

  g_signal_connect_object (self->type_dropdown, "notify::selected",
                           G_CALLBACK (on_type_selected), self, G_CONNECT_SWAPPED);

  /* The parts GTK 4.8 leaves unnamed for assistive technology. */
  td_accessible_name_choice_parts (GTK_WIDGET (self->type_dropdown), _("Proxy type"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->column_view), _("Proxy users"));

  /* Typing anywhere in the page searches; see td_users_page_map(). */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self->action_error_revealer), FALSE);
}

GtkWidget *
td_users_page_new (TdAccount *account)
{
  g_return_val_if_fail (TD_IS_ACCOUNT (account), NULL);

  return g_object_new (TD_TYPE_USERS_PAGE,
                       "account", account,
                       NULL);
}
