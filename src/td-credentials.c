/* td-credentials.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The account token and key, kept in the user's keyring through the
 * Secret Service, with a fallback to memory for this run only.
 *
 * Three situations must never be confused, because the user can do
 * something different about each:
 *
 *   - no keyring at all (no session bus, or no Secret Service on it):
 *     TD_CREDENTIALS_ERROR_NO_KEYRING;
 *   - a keyring that is locked: TD_CREDENTIALS_ERROR_LOCKED.  A locked
 *     collection makes secret_password_lookup() answer "nothing" without
 *     an error, so loading goes through SecretService: it searches without
 *     unlocking and looks at the items' and the default collection's
 *     locked state;
 *   - nothing stored: success, with no token.
 *
 * Nothing here ever asks the Secret Service to unlock: a prompt nobody
 * can see would make the operation wait for ever.  Storing into a locked
 * default collection fails with LOCKED instead.  Only when the collection
 * is locked between that check and the write does libsecret show an
 * unlock prompt; a dismissed prompt is LOCKED too, with its own message.
 *
 * The token and key are copied out of libsecret's memory into our own
 * strings, which are wiped (td_secret_free) whenever they are replaced or
 * dropped.  They never appear in a log message or an error message.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-credentials.h"
#include "td-credentials-private.h"
#include "td-proxy-user.h"

G_DEFINE_FINAL_TYPE (TdCredentials, td_credentials, G_TYPE_OBJECT)

G_DEFINE_QUARK (td-credentials-error-quark, td_credentials_error)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_TOKEN,
  PROP_KEY,
  PROP_SESSION_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static void
operation_data_free (OperationData *data)
{
  g_clear_object (&data->service);
  g_free (data->collection_path);
  g_free (data->new_token_path);
  g_free (data->new_key_path);
  g_list_free_full (data->doomed, g_object_unref);
  g_clear_pointer (&data->token, td_secret_free);
  g_clear_pointer (&data->key, td_secret_free);
  g_free (data);
}

GTask *
td_credentials_operation_new (TdCredentials       *self,
                    Operation            operation,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task;
  OperationData *data;

  g_assert (TD_IS_CREDENTIALS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (OperationData, 1);
  data->operation = operation;
  g_task_set_task_data (task, data, (GDestroyNotify)operation_data_free);

  return task;
}

const SecretSchema *
td_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.thordesk.Thordesk", SECRET_SCHEMA_NONE,
    {
      { ATTRIBUTE_KIND, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTRIBUTE_ACCOUNT, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* --------------------------------------------------------------------
 * Errors
 */

static const char *
no_keyring_message (void)
{
  return _("No keyring is available to keep the account token. Install and "
           "start a keyring such as GNOME Keyring, then try again, or use the "
           "token for this session only.");
}

static const char *
locked_message (void)
{
  return _("The keyring is locked. Unlock it in Passwords and Keys, or log out "
           "and log in again, then try again, or use the token for this "
           "session only.");
}

static const char *
dismissed_message (void)
{
  return _("The keyring asked for its password and the request was dismissed, so the "
           "account token was not saved. Try again and unlock the keyring when asked, or "
           "use the token for this session only.");
}

/* TRUE for the D-Bus errors that mean nobody answers for the Secret
 * Service on the bus and nobody can be started for it. */
static gboolean
is_service_missing (const GError *error)
{
  g_assert (error != NULL);

  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_INVALID) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FORK_FAILED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_SIGNALED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SETUP_FAILED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CONFIG_INVALID) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FILE_INVALID) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_NO_MEMORY) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_BAD_ADDRESS);
}

static GError *
failed_error_new (Operation     operation,
                  const GError *error)
{
  g_autoptr(GError) stripped = NULL;
  const char *detail;

  if (error != NULL)
    {
      stripped = g_error_copy (error);
      g_dbus_error_strip_remote_error (stripped);
      detail = stripped->message;
    }
  else
    detail = _("unknown error");

  switch (operation)
    {
    case OPERATION_LOAD:
      return g_error_new (TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                          /* Translators: %s is the keyring's own
                           * description of the problem. */
                          _("The account token could not be read from the "
                            "keyring (%s). Try again, or enter the token and "
                            "use it for this session only."),
                          detail);

    case OPERATION_STORE:
      return g_error_new (TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                          /* Translators: %s is the keyring's own
                           * description of the problem. */
                          _("The account token could not be saved in the "
                            "keyring (%s). Try again, or use the token for "
                            "this session only."),
                          detail);

    case OPERATION_FORGET:
      return g_error_new (TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                          /* Translators: %s is the keyring's own
                           * description of the problem. */
                          _("The account token could not be removed from the "
                            "keyring (%s). Try again, or remove it in "
                            "Passwords and Keys."),
                          detail);

    default:
      g_assert_not_reached ();
    }
}

/* Turns what libsecret reported into a TD_CREDENTIALS_ERROR (or keeps
 * G_IO_ERROR_CANCELLED when the caller cancelled).  @error may be NULL
 * when libsecret failed without saying why, which is what a dismissed
 * prompt looks like.  @connecting is TRUE for errors from getting the
 * service, where any local failure means there is no usable bus. */
static GError *
map_error (GTask        *task,
           const GError *error,
           gboolean      connecting)
{
  OperationData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_assert (G_IS_TASK (task));

  if (error != NULL)
    g_debug ("Keyring operation %d failed: %s (%s, %d)",
             data->operation, error->message,
             g_quark_to_string (error->domain), error->code);
  else
    g_debug ("Keyring operation %d failed without an error", data->operation);

  if (error == NULL)
    return g_error_new_literal (TD_CREDENTIALS_ERROR,
                                TD_CREDENTIALS_ERROR_LOCKED,
                                data->operation == OPERATION_STORE ? dismissed_message ()
                                                                   : locked_message ());

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (g_cancellable_is_cancelled (cancellable))
        return g_error_copy (error);

      /* Not cancelled by us: an unlock prompt was dismissed. */
      return g_error_new_literal (TD_CREDENTIALS_ERROR,
                                  TD_CREDENTIALS_ERROR_LOCKED,
                                  data->operation == OPERATION_STORE ? dismissed_message ()
                                                                     : locked_message ());
    }

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (TD_CREDENTIALS_ERROR,
                                TD_CREDENTIALS_ERROR_LOCKED,
                                locked_message ());

  if (is_service_missing (error))
    return g_error_new_literal (TD_CREDENTIALS_ERROR,
                                TD_CREDENTIALS_ERROR_NO_KEYRING,
                                no_keyring_message ());

  /* Getting the service fails locally (G_IO_ERROR "Cannot autolaunch
   * D-Bus", a bad or dead bus address, a spawn error for dbus-launch)
   * when there is no session bus to talk to.  Errors that the service
   * itself sent back are real failures. */
  if (connecting &&
      error->domain != SECRET_ERROR &&
      !g_dbus_error_is_remote_error (error))
    return g_error_new_literal (TD_CREDENTIALS_ERROR,
                                TD_CREDENTIALS_ERROR_NO_KEYRING,
                                no_keyring_message ());

  return failed_error_new (data->operation, error);
}

void
td_credentials_return_mapped_error (GTask        *task,
                     const GError *error,
                     gboolean      connecting)
{
  g_task_return_error (task, map_error (task, error, connecting));
}

/* Finishes secret_service_get() into the operation's service.  FALSE when
 * @task has been returned instead: cancelled, or no Secret Service. */
gboolean
td_credentials_finish_get_service (GTask        *task,
                    GAsyncResult *result)
{
  OperationData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->service = secret_service_get_finish (result, &error);

  if (g_task_return_error_if_cancelled (task))
    return FALSE;

  if (data->service == NULL)
    {
      td_credentials_return_mapped_error (task, error, TRUE);
      return FALSE;
    }

  return TRUE;
}

/* Searches every item of ours: no attribute but the schema's name. */
void
td_credentials_search_own_items (GTask               *task,
                  SecretSearchFlags    flags,
                  GAsyncReadyCallback  callback)
{
  OperationData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = secret_attributes_build (td_credentials_get_schema (), NULL);

  secret_service_search (data->service, td_credentials_get_schema (), attributes, flags,
                         g_task_get_cancellable (task), callback, g_object_ref (task));
}

/* TRUE when @item belongs to this account: the default account owns the
 * items without an `account` attribute (those of Thordesk before it had
 * several accounts, and those stored with secret-tool as the README
 * shows) or with an empty one; any other account owns the items whose
 * `account` is its id. */
gboolean
td_credentials_item_is_ours (TdCredentials *self,
              SecretItem    *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *account = g_hash_table_lookup (attributes, ATTRIBUTE_ACCOUNT);

  if (account == NULL || *account == '\0')
    return self->account == NULL;

  return g_strcmp0 (account, self->account) == 0;
}

const char *
td_credentials_item_kind (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *kind = g_hash_table_lookup (attributes, ATTRIBUTE_KIND);

  if (g_strcmp0 (kind, KIND_TOKEN) == 0)
    return KIND_TOKEN;
  if (g_strcmp0 (kind, KIND_KEY) == 0)
    return KIND_KEY;
  return NULL;
}

/* Storing starts only once the default collection was seen unlocked.
 * Should it be locked by the time the item is written, libsecret asks the
 * keyring to unlock it, which shows a prompt: "locked" after that means
 * the prompt was dismissed (or could not be shown). */
void
td_credentials_return_store_error (GTask        *task,
                    const GError *error)
{
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_task_return_new_error (task, TD_CREDENTIALS_ERROR,
                             TD_CREDENTIALS_ERROR_LOCKED,
                             "%s", dismissed_message ());
  else
    td_credentials_return_mapped_error (task, error, FALSE);
}

void
td_credentials_return_locked (GTask *task)
{
  g_task_return_new_error (task, TD_CREDENTIALS_ERROR,
                           TD_CREDENTIALS_ERROR_LOCKED,
                           "%s", locked_message ());
}

/* --------------------------------------------------------------------
 * Values in memory
 */

/* Replaces *@field with a copy of @value ("" counts as none), wiping the
 * old one, and notifies @pspec when the value really changed. */
static void
set_secret (TdCredentials *self,
            char         **field,
            const char    *value,
            GParamSpec    *pspec)
{
  g_assert (TD_IS_CREDENTIALS (self));
  g_assert (field != NULL);

  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_clear_pointer (field, td_secret_free);
  *field = g_strdup (value);

  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_session_only (TdCredentials *self,
                  gboolean       session_only)
{
  g_assert (TD_IS_CREDENTIALS (self));

  session_only = !!session_only;
  if (self->session_only == session_only)
    return;

  self->session_only = session_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ONLY]);
}

void
td_credentials_set_values (TdCredentials *self,
            const char    *token,
            const char    *key,
            gboolean       session_only)
{
  g_assert (TD_IS_CREDENTIALS (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_secret (self, &self->token, token, properties[PROP_TOKEN]);
  set_secret (self, &self->key, key, properties[PROP_KEY]);
  set_session_only (self, session_only);
  g_object_thaw_notify (G_OBJECT (self));
}

/* --------------------------------------------------------------------
 * GObject
 */

static void
td_credentials_finalize (GObject *object)
{
  TdCredentials *self = (TdCredentials *)object;

  g_clear_pointer (&self->token, td_secret_free);
  g_clear_pointer (&self->key, td_secret_free);
  g_free (self->account);

  G_OBJECT_CLASS (td_credentials_parent_class)->finalize (object);
}

static void
td_credentials_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdCredentials *self = TD_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;

    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;

    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_SESSION_ONLY:
      g_value_set_boolean (value, self->session_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_credentials_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TdCredentials *self = TD_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      /* "" is the default account too. */
      g_free (self->account);
      self->account = g_strdup (g_value_get_string (value));
      if (self->account != NULL && *self->account == '\0')
        g_clear_pointer (&self->account, g_free);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_credentials_class_init (TdCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_credentials_finalize;
  object_class->get_property = td_credentials_get_property;
  object_class->set_property = td_credentials_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSION_ONLY] =
    g_param_spec_boolean ("session-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_credentials_init (TdCredentials *self)
{
}

TdCredentials *
td_credentials_new (void)
{
  return g_object_new (TD_TYPE_CREDENTIALS, NULL);
}

TdCredentials *
td_credentials_new_for_account (const char *account)
{
  return g_object_new (TD_TYPE_CREDENTIALS, "account", account, NULL);
}

const char *
td_credentials_get_account (TdCredentials *self)
{
  g_return_val_if_fail (TD_IS_CREDENTIALS (self), NULL);

  return self->account;
}

const char *
td_credentials_get_token (TdCredentials *self)
{
  g_return_val_if_fail (TD_IS_CREDENTIALS (self), NULL);

  return self->token;
}

const char *
td_credentials_get_key (TdCredentials *self)
{
  g_return_val_if_fail (TD_IS_CREDENTIALS (self), NULL);

  return self->key;
}

gboolean
td_credentials_get_session_only (TdCredentials *self)
{
  g_return_val_if_fail (TD_IS_CREDENTIALS (self), FALSE);

  return self->session_only;
}

void
td_credentials_use_for_session (TdCredentials *self,
                                const char    *token,
                                const char    *key)
{
  g_return_if_fail (TD_IS_CREDENTIALS (self));

  td_credentials_set_values (self, token, key, TRUE);
}

gboolean
td_credentials_finish_operation (TdCredentials  *self,
                  GAsyncResult   *result,
                  gpointer        source_tag,
                  GError        **error)
{
  g_return_val_if_fail (TD_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --------------------------------------------------------------------
 * Load
 *
 * secret_service_get → secret_service_search (all items of the schema,
 * locked ones included, secrets of the unlocked ones loaded, no unlock)
 * → if no token was found: secret_collection_for_alias ("default") to
 * tell "locked" from "not stored".
 */

/* Copies the secret of @item into *@field if it is newer than the one
 * already there. */
static void
take_item_secret (SecretItem  *item,
                  char       **field,
                  guint64     *field_modified)
{
  g_autoptr(SecretValue) value = NULL;
  const char *text;
  guint64 modified;

  g_assert (SECRET_IS_ITEM (item));

  value = secret_item_get_secret (item);
  if (value == NULL)
    return;

  text = secret_value_get_text (value);
  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return;

  modified = secret_item_get_modified (item);
  if (*field != NULL && modified < *field_modified)
    return;

  g_clear_pointer (field, td_secret_free);
  *field = g_strdup (text);
  *field_modified = modified;
}

static void
load_complete (GTask *task)
{
  TdCredentials *self = g_task_get_source_object (task);
  OperationData *data = g_task_get_task_data (task);

  g_assert (TD_IS_CREDENTIALS (self));

  if (g_task_return_error_if_cancelled (task))
    return;

  g_debug ("Keyring: token %s, key %s",
           data->token != NULL ? "found" : "not stored",
           data->key != NULL ? "found" : "not stored");

  td_credentials_set_values (self, data->token, data->key, FALSE);
  g_task_return_boolean (task, TRUE);
}

static void
load_default_collection_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  collection = secret_collection_for_alias_finish (result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (error != NULL)
    td_credentials_return_mapped_error (task, error, FALSE);
  else if (collection != NULL && secret_collection_get_locked (collection))
    td_credentials_return_locked (task);
  else
    load_complete (task);
}

static void
load_search_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SecretService *service = SECRET_SERVICE (object);
  g_autoptr(GTask) task = user_data;
  OperationData *data = g_task_get_task_data (task);
  g_autolist(SecretItem) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean locked = FALSE;

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
      SecretItem *item = l->data;
      g_autoptr(GHashTable) attributes = NULL;
      const char *kind;

      if (!td_credentials_item_is_ours (g_task_get_source_object (task), item))
        continue;

      if (secret_item_get_locked (item))
        {
          locked = TRUE;
          continue;
        }

      attributes = secret_item_get_attributes (item);
      kind = g_hash_table_lookup (attributes, ATTRIBUTE_KIND);

      if (g_strcmp0 (kind, KIND_TOKEN) == 0)
        take_item_secret (item, &data->token, &data->token_modified);
      else if (g_strcmp0 (kind, KIND_KEY) == 0)
        take_item_secret (item, &data->key, &data->key_modified);
    }

  if (data->token != NULL)
    load_complete (task);
  else if (locked)
    td_credentials_return_locked (task);
  else
    secret_collection_for_alias (service, SECRET_COLLECTION_DEFAULT,
                                 SECRET_COLLECTION_NONE,
                                 g_task_get_cancellable (task),
                                 load_default_collection_cb,
                                 g_object_ref (task));
}

static void
load_service_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  if (td_credentials_finish_get_service (task, result))
    td_credentials_search_own_items (task, SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS, load_search_cb);
}

void
td_credentials_load_async (TdCredentials       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_CREDENTIALS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = td_credentials_operation_new (self, OPERATION_LOAD, td_credentials_load_async,
                             cancellable, callback, user_data);

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable,
                      load_service_cb, g_steal_pointer (&task));
}

gboolean
td_credentials_load_finish (TdCredentials  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  return td_credentials_finish_operation (self, result, td_credentials_load_async, error);
}
