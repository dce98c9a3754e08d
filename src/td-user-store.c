/* td-user-store.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-user-list.h"
#include "td-user-store.h"

/* Above this many changed users a refresh replaces the whole list rather
 * than each changed item. */
#define MAX_ITEM_UPDATES 32

struct _TdUserStore
{
  GObject       parent_instance;

  TdApiClient  *client;
  TdProxyType   proxy_type;

  /* TdProxyUser; its items-changed are ours. */
  GListStore   *users;

  /* The read in flight: cancelled by a newer refresh, by the caller's
   * cancellable, or when the store goes away. */
  GCancellable *read_cancellable;

  gint64        remaining;
  gint64        limit;
  gint64        user_count;
  guint         loaded : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdUserStore, td_user_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PROXY_TYPE,
  PROP_LOADED,
  PROP_LOADING,
  PROP_REMAINING,
  PROP_LIMIT,
  PROP_USER_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * GListModel
 */

static GType
td_user_store_get_item_type (GListModel *model)
{
  return TD_TYPE_PROXY_USER;
}

static guint
td_user_store_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (TD_USER_STORE (model)->users));
}

static gpointer
td_user_store_get_item (GListModel *model,
                        guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (TD_USER_STORE (model)->users), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = td_user_store_get_item_type;
  iface->get_n_items = td_user_store_get_n_items;
  iface->get_item = td_user_store_get_item;
}

static void
on_users_changed (TdUserStore *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *users)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/*
 * Quota
 */

static void
set_quota (TdUserStore *self,
           gint64       remaining,
           gint64       limit,
           gint64       user_count)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->limit != limit)
    {
      self->limit = limit;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
    }

  if (self->user_count != user_count)
    {
      self->user_count = user_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_COUNT]);
    }

  if (self->remaining != remaining)
    {
      self->remaining = remaining;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/*
 * Items
 */

static gboolean
find_position (TdUserStore *self,
               const char  *username,
               guint       *position)
{
  guint n_items;

  if (username == NULL)
    return FALSE;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->users));
  for (guint i = 0; i < n_items; i++)
    {
      TdProxyUser *user = g_list_model_get_item (G_LIST_MODEL (self->users), i);
      gboolean found = g_strcmp0 (td_proxy_user_get_username (user), username) == 0;

      g_object_unref (user);
      if (found)
        {
          *position = i;
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
 * order, only the items that changed are replaced. */
static void
replace_users (TdUserStore *self,
               GListModel  *users)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) changed = NULL;
  guint n_old, n_new;
  gboolean same_names;

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->users));
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
          g_autoptr(TdProxyUser) old = g_list_model_get_item (G_LIST_MODEL (self->users), i);

          if (g_strcmp0 (td_proxy_user_get_username (old), td_proxy_user_get_username (user)) != 0)
            same_names = FALSE;
          else if (!same_values (old, user))
            g_array_append_val (changed, i);
        }
    }

  if (same_names && changed->len <= MAX_ITEM_UPDATES)
    {
      for (guint i = 0; i < changed->len; i++)
        {
          guint position = g_array_index (changed, guint, i);

          g_list_store_splice (self->users, position, 1, &items->pdata[position], 1);
        }
      return;
    }

  g_list_store_splice (self->users, 0, n_old, items->pdata, items->len);
}

/*
 * Refresh
 */

typedef struct
{
  GCancellable *read_cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_handler;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  if (data->caller_handler != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_handler);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->read_cancellable);
  g_free (data);
}

static void
caller_cancelled_cb (GCancellable *caller_cancellable,
                     GCancellable *read_cancellable)
{
  g_cancellable_cancel (read_cancellable);
}

static void
list_users_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  TdUserStore *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(TdUserList) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current;

  list = td_api_client_list_users_finish (TD_API_CLIENT (object), result, &error);

  /* A newer refresh owns read_cancellable now: this answer is stale. */
  current = self->read_cancellable == data->read_cancellable;
  if (current)
    g_clear_object (&self->read_cancellable);

  if (list == NULL)
    {
      if (current)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!current)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "A newer read replaced this one");
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  replace_users (self, G_LIST_MODEL (list->users));
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  set_quota (self, list->remaining_limit, list->limit, list->user_count);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_object_thaw_notify (G_OBJECT (self));

  g_task_return_boolean (task, TRUE);
}

void
td_user_store_refresh_async (TdUserStore         *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshData *data;
  gboolean was_loading;

  g_return_if_fail (TD_IS_USER_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_user_store_refresh_async);
  /* The answer says whether it was cancelled: a stale list is never
   * applied, and a cancelled read gives no list. */
  g_task_set_check_cancellable (task, FALSE);

  was_loading = self->read_cancellable != NULL;
  if (was_loading)
    g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_cancellable = g_cancellable_new ();

  data = g_new0 (RefreshData, 1);
  data->read_cancellable = g_object_ref (self->read_cancellable);
  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (caller_cancelled_cb),
                                                    data->read_cancellable, NULL);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  td_api_client_list_users_async (self->client,
                                  self->proxy_type,
                                  self->read_cancellable,
                                  list_users_cb,
                                  g_steal_pointer (&task));

  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
td_user_store_refresh_finish (TdUserStore   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (TD_IS_USER_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * Changes confirmed by the server
 */

TdProxyUser *
td_user_store_lookup (TdUserStore *self,
                      const char  *username)
{
  g_autoptr(TdProxyUser) user = NULL;
  guint position;

  g_return_val_if_fail (TD_IS_USER_STORE (self), NULL);

  if (!find_position (self, username, &position))
    return NULL;

  /* The store keeps its own reference. */
  user = g_list_model_get_item (G_LIST_MODEL (self->users), position);

  return user;
}

void
td_user_store_add (TdUserStore *self,
                   TdProxyUser *user)
{
  g_return_if_fail (TD_IS_USER_STORE (self));
  g_return_if_fail (TD_IS_PROXY_USER (user));
  g_return_if_fail (td_proxy_user_get_proxy_type (user) == self->proxy_type);

  if (!self->loaded || td_user_store_replace (self, user))
    return;

  g_list_store_append (self->users, user);
  set_quota (self,
             self->remaining > 0 ? self->remaining - 1 : self->remaining,
             self->limit,
             self->user_count >= 0 ? self->user_count + 1 : self->user_count);
}

gboolean
td_user_store_remove (TdUserStore *self,
                      const char  *username)
{
  guint position;

  g_return_val_if_fail (TD_IS_USER_STORE (self), FALSE);

  if (!find_position (self, username, &position))
    return FALSE;

  g_list_store_remove (self->users, position);
  set_quota (self,
             self->remaining >= 0 ? self->remaining + 1 : self->remaining,
             self->limit,
             self->user_count > 0 ? self->user_count - 1 : self->user_count);

  return TRUE;
}

gboolean
td_user_store_replace (TdUserStore *self,
                       TdProxyUser *user)
{
  guint position;

  g_return_val_if_fail (TD_IS_USER_STORE (self), FALSE);
  g_return_val_if_fail (TD_IS_PROXY_USER (user), FALSE);
  g_return_val_if_fail (td_proxy_user_get_proxy_type (user) == self->proxy_type, FALSE);

  if (!find_position (self, td_proxy_user_get_username (user), &position))
    return FALSE;

  g_list_store_splice (self->users, position, 1, (gpointer *) &user, 1);

  return TRUE;
}

/*
 * Properties
 */

TdApiClient *
td_user_store_get_client (TdUserStore *self)
{
  g_return_val_if_fail (TD_IS_USER_STORE (self), NULL);

  return self->client;
}

TdProxyType
td_user_store_get_proxy_type (TdUserStore *self)
{
  g_return_val_if_fail (TD_IS_USER_STORE (self), TD_PROXY_TYPE_RESIDENTIAL);

  return self->proxy_type;
}

gboolean
td_user_store_get_loaded (TdUserStore *self)
{
  g_return_val_if_fail (TD_IS_USER_STORE (self), FALSE);

  return self->loaded;
}

gboolean
td_user_store_get_loading (TdUserStore *self)
{
  g_return_val_if_fail (TD_IS_USER_STORE (self), FALSE);

  return self->read_cancellable != NULL;
}

gint64
td_user_store_get_remaining (TdUserStore *self)
{
  g_return_val_if_fail (TD_IS_USER_STORE (self), -1);

  return self->remaining;
}

gint64
td_user_store_get_limit (TdUserStore *self)
{
  g_return_val_if_fail (TD_IS_USER_STORE (self), -1);

  return self->limit;
}

gint64
td_user_store_get_user_count (TdUserStore *self)
{
  g_return_val_if_fail (TD_IS_USER_STORE (self), -1);

  return self->user_count;
}

static void
td_user_store_dispose (GObject *object)
{
  TdUserStore *self = TD_USER_STORE (object);

  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);

  G_OBJECT_CLASS (td_user_store_parent_class)->dispose (object);
}

static void
td_user_store_finalize (GObject *object)
{
  TdUserStore *self = TD_USER_STORE (object);

  g_signal_handlers_disconnect_by_data (self->users, self);
  g_clear_object (&self->users);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (td_user_store_parent_class)->finalize (object);
}

static void
td_user_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdUserStore *self = TD_USER_STORE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PROXY_TYPE:
      g_value_set_int (value, self->proxy_type);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, td_user_store_get_loading (self));
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
td_user_store_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TdUserStore *self = TD_USER_STORE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_PROXY_TYPE:
      self->proxy_type = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_user_store_class_init (TdUserStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_user_store_dispose;
  object_class->finalize = td_user_store_finalize;
  object_class->get_property = td_user_store_get_property;
  object_class->set_property = td_user_store_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         TD_TYPE_API_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROXY_TYPE] =
    g_param_spec_int ("proxy-type", NULL, NULL,
                      TD_PROXY_TYPE_RESIDENTIAL, TD_PROXY_TYPE_MOBILE, TD_PROXY_TYPE_RESIDENTIAL,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REMAINING] =
    g_param_spec_int64 ("remaining", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIMIT] =
    g_param_spec_int64 ("limit", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_USER_COUNT] =
    g_param_spec_int64 ("user-count", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_user_store_init (TdUserStore *self)
{
  self->users = g_list_store_new (TD_TYPE_PROXY_USER);
  g_signal_connect_object (self->users, "items-changed",
                           G_CALLBACK (on_users_changed), self, G_CONNECT_SWAPPED);
  self->remaining = self->limit = self->user_count = -1;
}

TdUserStore *
td_user_store_new (TdApiClient *client,
                   TdProxyType  proxy_type)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (td_proxy_type_is_valid (proxy_type), NULL);

  return g_object_new (TD_TYPE_USER_STORE,
                       "client", client,
                       "proxy-type", (int) proxy_type,
                       NULL);
}
