/* td-credentials-store.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Storing and forgetting the token and key of one account (see
 * td-credentials.c for the rules they follow). */

#include "config.h"

/* For secret_service_create_item_dbus_path(), which creates an item
 * without a SecretItem proxy. */
#define SECRET_API_SUBJECT_TO_CHANGE

#include <glib/gi18n.h>

#include "td-credentials.h"
#include "td-credentials-private.h"

/* The attributes of a new item of @kind for this account: the default
 * account's items have only `kind`, exactly as before. */
static GHashTable *
build_item_attributes (TdCredentials *self,
                       const char    *kind)
{
  if (self->account == NULL)
    return secret_attributes_build (td_credentials_get_schema (),
                                    ATTRIBUTE_KIND, kind,
                                    NULL);

  return secret_attributes_build (td_credentials_get_schema (),
                                  ATTRIBUTE_KIND, kind,
                                  ATTRIBUTE_ACCOUNT, self->account,
                                  NULL);
}

/* Deletes the items in data->doomed one after the other, then calls
 * data->after_delete.  Never through a "clear" by attributes: the
 * Secret Service matches attributes as a subset, so clearing the default
 * account's {kind: token} would delete every account's token. */
static void delete_next (GTask *task);

static void
delete_item_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_item_delete_finish (SECRET_ITEM (object), result, &error))
    {
      if (!g_task_return_error_if_cancelled (task))
        td_credentials_return_mapped_error (task, error, FALSE);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  delete_next (task);
}

static void
delete_next (GTask *task)
{
  OperationData *data = g_task_get_task_data (task);
  SecretItem *item;

  if (data->doomed == NULL)
    {
      data->after_delete (task);
      return;
    }

  item = data->doomed->data;
  data->doomed = g_list_delete_link (data->doomed, data->doomed);

  secret_item_delete (item, g_task_get_cancellable (task), delete_item_cb, g_object_ref (task));
  g_object_unref (item);
}

/* --------------------------------------------------------------------
 * Store
 *
 * secret_service_get → secret_collection_for_alias ("default"): missing
 * → FAILED, locked → LOCKED (never a prompt) → store the token → store
 * the key, or clear it when there is none.
 */

static void
store_complete (GTask *task)
{
  TdCredentials *self = g_task_get_source_object (task);
  OperationData *data = g_task_get_task_data (task);

  g_assert (TD_IS_CREDENTIALS (self));

  if (g_task_return_error_if_cancelled (task))
    return;

  td_credentials_set_values (self, data->token, data->key, FALSE);
  g_task_return_boolean (task, TRUE);
}

/* Creates a new item of @kind in the collection checked unlocked, never
 * replacing one (see store_default_collection_cb). */
static void
create_item (GTask               *task,
             const char          *kind,
             const char          *label,
             const char          *secret,
             GAsyncReadyCallback  callback)
{
  TdCredentials *self = g_task_get_source_object (task);
  OperationData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = build_item_attributes (self, kind);
  g_autoptr(GHashTable) item_properties = NULL;
  g_autoptr(SecretValue) value = secret_value_new (secret, -1, "text/plain");
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer name, text;

  /* What secret_item_create() would add: the schema's name. */
  g_hash_table_replace (attributes, g_strdup ("xdg:schema"),
                        g_strdup (td_credentials_get_schema ()->name));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &name, &text))
    g_variant_builder_add (&builder, "{ss}", name, text);

  item_properties = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) g_variant_unref);
  g_hash_table_insert (item_properties, "org.freedesktop.Secret.Item.Label",
                       g_variant_ref_sink (g_variant_new_string (label)));
  g_hash_table_insert (item_properties, "org.freedesktop.Secret.Item.Attributes",
                       g_variant_ref_sink (g_variant_builder_end (&builder)));

  secret_service_create_item_dbus_path (data->service,
                                        data->collection_path,
                                        item_properties, value, SECRET_ITEM_CREATE_NONE,
                                        g_task_get_cancellable (task),
                                        callback, g_object_ref (task));
}

/* After both items are written: the older items of this account (the
 * ones replaced, and a key when none is wanted any more) are deleted,
 * those of other accounts left alone. */
static void
store_prune_search_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdCredentials *self = g_task_get_source_object (task);
  OperationData *data = g_task_get_task_data (task);
  g_autolist(SecretItem) items = NULL;
  g_autoptr(GError) error = NULL;

  items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (error != NULL)
    {
      td_credentials_return_mapped_error (task, error, FALSE);
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretItem *item = l->data;
      const char *path = g_dbus_proxy_get_object_path (G_DBUS_PROXY (item));

      if (!td_credentials_item_is_ours (self, item) || td_credentials_item_kind (item) == NULL ||
          secret_item_get_locked (item) ||
          g_strcmp0 (path, data->new_token_path) == 0 ||
          g_strcmp0 (path, data->new_key_path) == 0)
        continue;

      data->doomed = g_list_prepend (data->doomed, g_object_ref (item));
    }

  data->after_delete = store_complete;
  delete_next (task);
}

static void
store_prune (GTask *task)
{
  td_credentials_search_own_items (task, SECRET_SEARCH_ALL, store_prune_search_cb);
}

static void
store_key_created_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OperationData *data = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = secret_service_create_item_dbus_path_finish (SECRET_SERVICE (object), result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (path == NULL)
    {
      td_credentials_return_store_error (task, error);
      return;
    }

  data->new_key_path = g_steal_pointer (&path);
  store_prune (task);
}

static void store_unlocked_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data);

static void
store_token_created_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OperationData *data = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = secret_service_create_item_dbus_path_finish (SECRET_SERVICE (object), result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Locked since it was looked at: as secret_service_store() does, the
   * keyring is asked once to unlock it (a prompt), then the item is
   * created again; a dismissed prompt has its own message. */
  if (path == NULL && !data->unlock_tried &&
      g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      const char *paths[] = { data->collection_path, NULL };

      data->unlock_tried = TRUE;
      secret_service_unlock_dbus_paths (data->service, paths,
                                        g_task_get_cancellable (task),
                                        store_unlocked_cb,
                                        g_object_ref (task));
      return;
    }

  if (path == NULL)
    {
      td_credentials_return_store_error (task, error);
      return;
    }

  data->new_token_path = g_steal_pointer (&path);

  if (data->key == NULL)
    {
      store_prune (task);
      return;
    }

  create_item (task, KIND_KEY,
               /* Translators: the name of the keyring item
                * holding the Thordata account's API key, as
                * seen in Passwords and Keys. */
               _("Thordata account key (Thordesk)"),
               data->key, store_key_created_cb);
}

/* New items, never "replace": the Secret Service replaces an item whose
 * attributes include the new ones, which for the default account's {kind}
 * would be another account's item.  The old ones of this account are
 * deleted once both new ones are written. */
static void
store_create_token (GTask *task)
{
  OperationData *data = g_task_get_task_data (task);

  create_item (task, KIND_TOKEN,
                /* Translators: the name of the keyring item holding
                 * the Thordata account token, as seen in Passwords
                 * and Keys. */
                _("Thordata account token (Thordesk)"),
                data->token, store_token_created_cb);
}

static void
store_unlocked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_auto(GStrv) unlocked = NULL;
  g_autoptr(GError) error = NULL;
  int n_unlocked;

  n_unlocked = secret_service_unlock_dbus_paths_finish (SECRET_SERVICE (object), result,
                                                        &unlocked, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Still locked: the prompt was dismissed, or could not be shown. */
  if (n_unlocked <= 0)
    {
      if (error == NULL)
        error = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "");
      td_credentials_return_store_error (task, error);
      return;
    }

  store_create_token (task);
}

static void
store_default_collection_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OperationData *data = g_task_get_task_data (task);
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  collection = secret_collection_for_alias_finish (result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (error != NULL)
    {
      td_credentials_return_mapped_error (task, error, FALSE);
      return;
    }

  if (collection == NULL)
    {
      /* Creating a default collection would ask for a new password in a
       * prompt; leave that to the keyring's own tools. */
      g_task_return_new_error (task, TD_CREDENTIALS_ERROR,
                               TD_CREDENTIALS_ERROR_FAILED,
                               "%s",
                               _("There is no default keyring to save the "
                                 "account token in. Create one in Passwords "
                                 "and Keys, or use the token for this session "
                                 "only."));
      return;
    }

  /* Locked: LOCKED at once, never a prompt (tests/test-credentials.c). */
  if (secret_collection_get_locked (collection))
    {
      td_credentials_return_locked (task);
      return;
    }

  data->collection_path = g_strdup (g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)));
  store_create_token (task);
}

static void
store_service_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OperationData *data = g_task_get_task_data (task);

  if (!td_credentials_finish_get_service (task, result))
    return;

  secret_collection_for_alias (data->service, SECRET_COLLECTION_DEFAULT,
                               SECRET_COLLECTION_NONE,
                               g_task_get_cancellable (task),
                               store_default_collection_cb,
                               g_object_ref (task));
}

void
td_credentials_store_async (TdCredentials       *self,
                            const char          *token,
                            const char          *key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OperationData *data;

  g_return_if_fail (TD_IS_CREDENTIALS (self));
  g_return_if_fail (token != NULL && *token != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = td_credentials_operation_new (self, OPERATION_STORE, td_credentials_store_async,
                             cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->token = g_strdup (token);
  data->key = (key != NULL && *key != '\0') ? g_strdup (key) : NULL;

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable,
                      store_service_cb, g_steal_pointer (&task));
}

gboolean
td_credentials_store_finish (TdCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return td_credentials_finish_operation (self, result, td_credentials_store_async, error);
}

/* --------------------------------------------------------------------
 * Forget
 *
 * The values in memory are dropped at once, whatever the keyring says:
 * the user asked for them to go.  Then secret_service_get →
 * secret_service_search (no unlock): any locked item → LOCKED →
 * secret_service_clear of every item of the schema.
 */

static void
forget_complete (GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

static void
forget_search_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SecretService *service = SECRET_SERVICE (object);
  g_autoptr(GTask) task = user_data;
  TdCredentials *self = g_task_get_source_object (task);
  OperationData *data = g_task_get_task_data (task);
  g_autolist(SecretItem) items = NULL;
  g_autoptr(GError) error = NULL;

  items = secret_service_search_finish (service, result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (error != NULL)
    {
      td_credentials_return_mapped_error (task, error, FALSE);
      return;
    }

  for (const GList *l = items; l != NULL; l = l->next)
    {
      if (!td_credentials_item_is_ours (self, l->data))
        continue;

      if (secret_item_get_locked (l->data))
        {
          td_credentials_return_locked (task);
          return;
        }

      data->doomed = g_list_prepend (data->doomed, g_object_ref (l->data));
    }

  /* Only this account's items: never a clear by attributes. */
  data->after_delete = forget_complete;
  delete_next (task);
}

static void
forget_service_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* Without unlocking: a locked item is reported, not opened. */
  if (td_credentials_finish_get_service (task, result))
    td_credentials_search_own_items (task, SECRET_SEARCH_ALL, forget_search_cb);
}

void
td_credentials_forget_async (TdCredentials       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_CREDENTIALS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  td_credentials_set_values (self, NULL, NULL, FALSE);

  task = td_credentials_operation_new (self, OPERATION_FORGET, td_credentials_forget_async,
                             cancellable, callback, user_data);

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable,
                      forget_service_cb, g_steal_pointer (&task));
}

gboolean
td_credentials_forget_finish (TdCredentials  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  return td_credentials_finish_operation (self, result, td_credentials_forget_async, error);
}
