/* td-api-client.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The API client: its settings (base URL, encoding, timeout, the
 * credentials), the generic call that checks the address and the token
 * before anything is sent, and the endpoint calls on top of it.  Bodies
 * and queries are built in td-payload.c; how a request travels (send,
 * caps, TLS, errors, redirects) is td-api-transport.c. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "td-api-address.h"
#include "td-api-client.h"
#include "td-api-transport.h"
#include "td-core-enums.h"
#include "td-error.h"
#include "td-json.h"
#include "td-payload.h"
#include "td-proxy-user.h"

#define CREATE_USER_PATH "/proxy-users/create-user"
#define USER_LIST_PATH   "/proxy-users/user-list"
#define UPDATE_USER_PATH "/proxy-users/update-user"
#define DELETE_USER_PATH "/proxy-users/delete-user"
#define USAGE_PATH       "/proxy-users/usage-statistics"

/* The longest range usage-statistics answers, in days (10021 past it). */
#define MAX_USAGE_RANGE_DAYS 180

struct _TdApiClient
{
  GObject            parent_instance;

  SoupSession       *session;
  char              *base_url;
  char              *token;
  char              *key;
  TdRequestEncoding  encoding;
  guint              timeout;
  gboolean           direct;
};

G_DEFINE_FINAL_TYPE (TdApiClient, td_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_ENCODING,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GUri *
parse_base_url (const char  *base_url,
                GError     **error)
{
  if (!td_api_address_check (base_url, NULL, error))
    return NULL;

  return g_uri_parse (base_url, G_URI_FLAGS_ENCODED, error);
}

gboolean
td_api_client_is_valid_base_url (const char *url)
{
  return td_api_address_check (url, NULL, NULL);
}

/* Loopback servers (the sandbox, tests) are reached directly, whatever
 * proxy the environment names; everything else goes through the system's
 * proxy settings. */
static void
td_api_client_update_proxy_resolver (TdApiClient *self)
{
  g_autoptr(GUri) uri = NULL;
  gboolean direct;

  g_assert (TD_IS_API_CLIENT (self));

  uri = parse_base_url (self->base_url, NULL);
  direct = uri != NULL && td_api_address_is_loopback (g_uri_get_host (uri));

  if (direct == self->direct)
    return;

  self->direct = direct;
  soup_session_set_proxy_resolver (self->session,
                                   direct ? NULL : g_proxy_resolver_get_default ());
}

static GError *
new_invalid_url_error (void)
{
  return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_INVALID_URL,
                              _("The API address is not a web address starting with http:// "
                                "or https://. Check it in Preferences."));
}

void
td_api_client_call_async (TdApiClient         *self,
                          const char          *method,
                          const char          *path,
                          JsonObject          *fields,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  TdApiRequest request = { 0 };

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (g_strcmp0 (method, SOUP_METHOD_POST) == 0 ||
                    g_strcmp0 (method, SOUP_METHOD_GET) == 0);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_call_async);

  /* A refused address gets nothing, the token least of all. */
  if (!td_api_address_check (self->base_url, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  url = td_api_client_build_url (self, path);
  if (url == NULL)
    {
      g_task_return_error (task, new_invalid_url_error ());
      return;
    }

  if (!td_api_client_has_token (self))
    {
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_NO_TOKEN,
                               _("No account token is stored. Add it in Preferences."));
      return;
    }

  request.method = method;
  request.url = url;
  request.path = path;
  request.fields = fields;
  request.encoding = self->encoding;
  request.token = self->token;
  request.key = self->key;
  request.timeout = self->timeout;

  td_api_transport_send (self->session, &request, task);
}

JsonNode *
td_api_client_call_finish (TdApiClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Completes a task whose call has no answer to read beyond success. */
static void
td_api_client_boolean_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  TdApiClient *self = TD_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  g_assert (TD_IS_API_CLIENT (self));
  g_assert (G_IS_TASK (task));

  node = td_api_client_call_finish (self, result, &error);
  if (node == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
td_api_client_create_user_async (TdApiClient         *self,
                                 TdProxyUser         *user,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) payload = NULL;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (TD_IS_PROXY_USER (user));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_create_user_async);

  payload = td_payload_new_create (user);

  /* The body is encoded before this returns, so the payload's copy of
   * the password is wiped right after.  The encoded body is the
   * transport's, and libsoup's copies of it are not ours to wipe. */
  td_api_client_call_async (self,
                            SOUP_METHOD_POST,
                            CREATE_USER_PATH,
                            payload,
                            cancellable,
                            td_api_client_boolean_cb,
                            g_steal_pointer (&task));

  td_json_object_wipe_string (payload, "password");
}

gboolean
td_api_client_create_user_finish (TdApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_create_user_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The list answer carries every password in plain text: the JSON tree's
 * copies are wiped once read (the users keep theirs).  What libsoup read
 * from the socket is not ours to clear. */
static void
wipe_listed_passwords (JsonNode *data)
{
  JsonNode *list;
  JsonArray *array;

  g_assert (data != NULL);

  if (!JSON_NODE_HOLDS_OBJECT (data))
    return;

  list = json_object_get_member (json_node_get_object (data), "list");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return;

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (item != NULL && JSON_NODE_HOLDS_OBJECT (item))
        td_json_object_wipe_string (json_node_get_object (item), "password");
    }
}

typedef struct
{
  JsonNode    *node;
  TdProxyType  proxy_type;
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_pointer (&data->node, json_node_unref);
  g_free (data);
}

/* In a worker thread: the users are built, and the tree freed, off the
 * main loop.  The store is handed over whole when complete. */
static void
parse_user_list_thread (GTask        *parse_task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;
  TdUserList *list;

  list = td_user_list_parse (data->node, data->proxy_type, &error);
  wipe_listed_passwords (data->node);
  g_clear_pointer (&data->node, json_node_unref);

  if (list == NULL)
    g_task_return_error (parse_task, error);
  else
    g_task_return_pointer (parse_task, list, (GDestroyNotify) td_user_list_free);
}

static void
parse_user_list_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdUserList *list;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  list = g_task_propagate_pointer (G_TASK (result), &error);
  if (list == NULL)
    {
      g_task_return_error (task, error);
    }
  else
    {
      g_debug ("%s: %u users", USER_LIST_PATH,
               g_list_model_get_n_items (G_LIST_MODEL (list->users)));
      g_task_return_pointer (task, list, (GDestroyNotify) td_user_list_free);
    }
}

static void
td_api_client_list_users_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  TdApiClient *self = TD_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) parse_task = NULL;
  JsonNode *node;
  ListData *data;
  GError *error = NULL;

  g_assert (TD_IS_API_CLIENT (self));
  g_assert (G_IS_TASK (task));

  node = td_api_client_call_finish (self, result, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (ListData, 1);
  data->node = node;
  data->proxy_type = GPOINTER_TO_INT (g_task_get_task_data (task));

  /* Not cancellable: the list's own task reports a cancellation. */
  parse_task = g_task_new (NULL, NULL, parse_user_list_cb, g_object_ref (task));
  g_task_set_source_tag (parse_task, td_api_client_list_users_cb);
  g_task_set_task_data (parse_task, data, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (parse_task, parse_user_list_thread);
}

void
td_api_client_list_users_async (TdApiClient         *self,
                                TdProxyType          proxy_type,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) fields = NULL;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_list_users_async);
  g_task_set_task_data (task, GINT_TO_POINTER (proxy_type), NULL);

  fields = td_payload_new_list (proxy_type);

  td_api_client_call_async (self,
                            SOUP_METHOD_GET,
                            USER_LIST_PATH,
                            fields,
                            cancellable,
                            td_api_client_list_users_cb,
                            g_steal_pointer (&task));
}

TdUserList *
td_api_client_list_users_finish (TdApiClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_list_users_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
td_api_client_find_user_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  TdApiClient *self = TD_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(TdUserList) list = NULL;
  const char *username;
  TdProxyUser *found = NULL;
  GError *error = NULL;
  guint n_items;

  g_assert (TD_IS_API_CLIENT (self));
  g_assert (G_IS_TASK (task));

  list = td_api_client_list_users_finish (self, result, &error);
  if (list == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  username = g_task_get_task_data (task);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list->users));

  for (guint i = 0; i < n_items && found == NULL; i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (list->users), i);

      if (g_strcmp0 (td_proxy_user_get_username (user), username) == 0)
        found = g_steal_pointer (&user);
    }

  /* NULL without an error: the user does not exist. */
  g_task_return_pointer (task, found, g_object_unref);
}

void
td_api_client_find_user_async (TdApiClient         *self,
                               TdProxyType          proxy_type,
                               const char          *username,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));
  g_return_if_fail (username != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_find_user_async);
  g_task_set_task_data (task, g_strdup (username), g_free);

  td_api_client_list_users_async (self,
                                  proxy_type,
                                  cancellable,
                                  td_api_client_find_user_cb,
                                  g_steal_pointer (&task));
}

TdProxyUser *
td_api_client_find_user_finish (TdApiClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_find_user_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
td_api_client_update_user_async (TdApiClient         *self,
                                 TdProxyUser         *current,
                                 TdProxyUser         *changed,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) fields = NULL;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (TD_IS_PROXY_USER (current));
  g_return_if_fail (TD_IS_PROXY_USER (changed));
  g_return_if_fail (td_proxy_user_get_username (current) != NULL);
  g_return_if_fail (td_proxy_user_get_proxy_type (changed) ==
                    td_proxy_user_get_proxy_type (current));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_update_user_async);

  fields = td_payload_new_update (current, changed);

  /* The body is encoded before this returns, so the payload's copy of
   * the password is wiped right after.  The encoded body is the
   * transport's, and libsoup's copies of it are not ours to wipe. */
  td_api_client_call_async (self,
                            SOUP_METHOD_POST,
                            UPDATE_USER_PATH,
                            fields,
                            cancellable,
                            td_api_client_boolean_cb,
                            g_steal_pointer (&task));

  td_json_object_wipe_string (fields, "new_password");
}

gboolean
td_api_client_update_user_finish (TdApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_update_user_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
td_api_client_delete_user_async (TdApiClient         *self,
                                 TdProxyType          proxy_type,
                                 const char          *username,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) fields = NULL;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));
  g_return_if_fail (username != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_delete_user_async);

  fields = td_payload_new_delete (proxy_type, username);

  td_api_client_call_async (self,
                            SOUP_METHOD_POST,
                            DELETE_USER_PATH,
                            fields,
                            cancellable,
                            td_api_client_boolean_cb,
                            g_steal_pointer (&task));
}

gboolean
td_api_client_delete_user_finish (TdApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_delete_user_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GDate from;
  GDate to;
} UsageRange;

static void
td_api_client_get_usage_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  TdApiClient *self = TD_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  UsageRange *range = g_task_get_task_data (task);
  TdUsage *usage = NULL;
  GError *error = NULL;

  g_assert (TD_IS_API_CLIENT (self));
  g_assert (G_IS_TASK (task));

  node = td_api_client_call_finish (self, result, &error);
  if (node != NULL)
    usage = td_usage_parse (node, &range->from, &range->to, &error);

  if (usage == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, usage, (GDestroyNotify) td_usage_free);
}

void
td_api_client_get_usage_async (TdApiClient         *self,
                               TdProxyType          proxy_type,
                               const char          *username,
                               const GDate         *from,
                               const GDate         *to,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) fields = NULL;
  UsageRange *range;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));
  g_return_if_fail (username != NULL);
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (to != NULL && g_date_valid (to));
  g_return_if_fail (g_date_compare (from, to) <= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_get_usage_async);

  /* The server would refuse it (10021): nothing is sent. */
  if (g_date_days_between (from, to) + 1 > MAX_USAGE_RANGE_DAYS)
    {
      g_task_return_error (task, td_server_error_new (10021, NULL));
      return;
    }

  range = g_new0 (UsageRange, 1);
  range->from = *from;
  range->to = *to;
  g_task_set_task_data (task, range, g_free);

  fields = td_payload_new_usage (proxy_type, username, from, to);

  td_api_client_call_async (self,
                            SOUP_METHOD_GET,
                            USAGE_PATH,
                            fields,
                            cancellable,
                            td_api_client_get_usage_cb,
                            g_steal_pointer (&task));
}

TdUsage *
td_api_client_get_usage_finish (TdApiClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_get_usage_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

TdApiClient *
td_api_client_new (const char *base_url)
{
  return g_object_new (TD_TYPE_API_CLIENT,
                       "base-url", base_url,
                       NULL);
}

const char *
td_api_client_get_base_url (TdApiClient *self)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

void
td_api_client_set_base_url (TdApiClient *self,
                            const char  *base_url)
{
  g_return_if_fail (TD_IS_API_CLIENT (self));

  if (base_url == NULL)
    base_url = TD_DEFAULT_API_URL;

  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  td_api_client_update_proxy_resolver (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

TdRequestEncoding
td_api_client_get_encoding (TdApiClient *self)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), TD_REQUEST_ENCODING_JSON);

  return self->encoding;
}

void
td_api_client_set_encoding (TdApiClient       *self,
                            TdRequestEncoding  encoding)
{
  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (encoding == TD_REQUEST_ENCODING_JSON ||
                    encoding == TD_REQUEST_ENCODING_FORM);

  if (self->encoding == encoding)
    return;

  self->encoding = encoding;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
}

guint
td_api_client_get_timeout (TdApiClient *self)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), 0);

  return self->timeout;
}

void
td_api_client_set_timeout (TdApiClient *self,
                           guint        seconds)
{
  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  soup_session_set_idle_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
td_api_client_set_credentials (TdApiClient *self,
                               const char  *token,
                               const char  *key)
{
  g_return_if_fail (TD_IS_API_CLIENT (self));

  g_clear_pointer (&self->token, td_secret_free);
  g_clear_pointer (&self->key, td_secret_free);

  self->token = g_strdup (token);
  self->key = g_strdup (key);
}

gboolean
td_api_client_has_token (TdApiClient *self)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), FALSE);

  return self->token != NULL && self->token[0] != '\0';
}

char *
td_api_client_build_url (TdApiClient *self,
                         const char  *path)
{
  g_autoptr(GUri) uri = NULL;
  gsize base_length;

  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);

  uri = parse_base_url (self->base_url, NULL);
  if (uri == NULL)
    return NULL;

  base_length = strlen (self->base_url);
  while (base_length > 0 && self->base_url[base_length - 1] == '/')
    base_length--;

  if (path == NULL)
    path = "";
  while (*path == '/')
    path++;

  return g_strdup_printf ("%.*s/%s", (int) base_length, self->base_url, path);
}

static void
td_api_client_dispose (GObject *object)
{
  TdApiClient *self = (TdApiClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (td_api_client_parent_class)->dispose (object);
}

static void
td_api_client_finalize (GObject *object)
{
  TdApiClient *self = (TdApiClient *)object;

  g_clear_pointer (&self->token, td_secret_free);
  g_clear_pointer (&self->key, td_secret_free);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (td_api_client_parent_class)->finalize (object);
}

static void
td_api_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdApiClient *self = TD_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, td_api_client_get_base_url (self));
      break;

    case PROP_ENCODING:
      g_value_set_enum (value, td_api_client_get_encoding (self));
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, td_api_client_get_timeout (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_api_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TdApiClient *self = TD_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      td_api_client_set_base_url (self, g_value_get_string (value));
      break;

    case PROP_ENCODING:
      td_api_client_set_encoding (self, g_value_get_enum (value));
      break;

    case PROP_TIMEOUT:
      td_api_client_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_api_client_class_init (TdApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_api_client_dispose;
  object_class->finalize = td_api_client_finalize;
  object_class->get_property = td_api_client_get_property;
  object_class->set_property = td_api_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         TD_DEFAULT_API_URL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ENCODING] =
    g_param_spec_enum ("encoding", NULL, NULL,
                       TD_TYPE_REQUEST_ENCODING,
                       TD_REQUEST_ENCODING_JSON,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT,
                       TD_DEFAULT_TIMEOUT_SECONDS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_api_client_init (TdApiClient *self)
{
  self->encoding = TD_REQUEST_ENCODING_JSON;
  self->timeout = TD_DEFAULT_TIMEOUT_SECONDS;
  self->session = soup_session_new_with_options ("user-agent", "Thordesk/" PACKAGE_VERSION,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", self->timeout,
                                                 NULL);
}
