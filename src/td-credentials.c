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

/* For secret_service_create_item_dbus_path(), which creates an item
 * without a SecretItem proxy. */
#define SECRET_API_SUBJECT_TO_CHANGE

#include <string.h>

#include <glib/gi18n.h>

#include "td-credentials.h"
#include "td-proxy-user.h"

#define ATTRIBUTE_KIND    "kind"
#define ATTRIBUTE_ACCOUNT "account"
#define KIND_TOKEN     "token"
#define KIND_KEY       "key"

struct _TdCredentials
{
  GObject   parent_instance;

  char     *account;
  char     *token;
  char     *key;
  guint     session_only : 1;
};

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

typedef enum
{
  OPERATION_LOAD,
  OPERATION_STORE,
  OPERATION_FORGET,
} Operation;

/* The state of one load, store or forget, attached to its GTask. */
typedef struct
{
  Operation      operation;
  SecretService *service;
  char          *token;
  char          *key;
  guint64        token_modified;
  guint64        key_modified;
  /* Store: the collection written to (its path only: a SecretCollection
   * kept alive while items are created makes libsecret 0.20 lose a
   * GVariant per "ItemCreated" signal) and the items just written, which
   * the pruning that follows keeps. */
  char          *collection_path;
  char          *new_token_path;
  char          *new_key_path;
  /* Items still to delete, and what to do once they are gone. */
  GList         *doomed;
  void         (*after_delete) (GTask *task);
} OperationData;

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

static GTask *
operation_task_new (TdCredentials       *self,
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

static void
return_mapped_error (GTask        *task,
                     const GError *error,
                     gboolean      connecting)
{
  g_task_return_error (task, map_error (task, error, connecting));
}

/* Finishes secret_service_get() into the operation's service.  FALSE when
 * @task has been returned instead: cancelled, or no Secret Service. */
static gboolean
finish_get_service (GTask        *task,
                    GAsyncResult *result)
{
  OperationData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->service = secret_service_get_finish (result, &error);

  if (g_task_return_error_if_cancelled (task))
    return FALSE;

  if (data->service == NULL)
    {
      return_mapped_error (task, error, TRUE);
      return FALSE;
    }

  return TRUE;
}

/* Searches every item of ours: no attribute but the schema's name. */
static void
search_own_items (GTask               *task,
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
static gboolean
item_is_ours (TdCredentials *self,
              SecretItem    *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *account = g_hash_table_lookup (attributes, ATTRIBUTE_ACCOUNT);

  if (account == NULL || *account == '\0')
    return self->account == NULL;

  return g_strcmp0 (account, self->account) == 0;
}

static const char *
item_kind (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *kind = g_hash_table_lookup (attributes, ATTRIBUTE_KIND);

  if (g_strcmp0 (kind, KIND_TOKEN) == 0)
    return KIND_TOKEN;
  if (g_strcmp0 (kind, KIND_KEY) == 0)
    return KIND_KEY;
  return NULL;
}

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
        return_mapped_error (task, error, FALSE);
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

/* Storing starts only once the default collection was seen unlocked.
 * Should it be locked by the time the item is written, libsecret asks the
 * keyring to unlock it, which shows a prompt: "locked" after that means
 * the prompt was dismissed (or could not be shown). */
static void
return_store_error (GTask        *task,
                    const GError *error)
{
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_task_return_new_error (task, TD_CREDENTIALS_ERROR,
                             TD_CREDENTIALS_ERROR_LOCKED,
                             "%s", dismissed_message ());
  else
    return_mapped_error (task, error, FALSE);
}

static void
return_locked (GTask *task)
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

static void
set_values (TdCredentials *self,
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

  set_values (self, token, key, TRUE);
}

static gboolean
finish_operation (TdCredentials  *self,
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

  set_values (self, data->token, data->key, FALSE);
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
    return_mapped_error (task, error, FALSE);
  else if (collection != NULL && secret_collection_get_locked (collection))
    return_locked (task);
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
      return_mapped_error (task, error, FALSE);
      return;
    }

  for (const GList *l = items; l != NULL; l = l->next)
    {
      SecretItem *item = l->data;
      g_autoptr(GHashTable) attributes = NULL;
      const char *kind;

      if (!item_is_ours (g_task_get_source_object (task), item))
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
    return_locked (task);
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

  if (finish_get_service (task, result))
    search_own_items (task, SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS, load_search_cb);
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

  task = operation_task_new (self, OPERATION_LOAD, td_credentials_load_async,
                             cancellable, callback, user_data);

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable,
                      load_service_cb, g_steal_pointer (&task));
}

gboolean
td_credentials_load_finish (TdCredentials  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  return finish_operation (self, result, td_credentials_load_async, error);
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

  set_values (self, data->token, data->key, FALSE);
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
      return_mapped_error (task, error, FALSE);
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretItem *item = l->data;
      const char *path = g_dbus_proxy_get_object_path (G_DBUS_PROXY (item));

      if (!item_is_ours (self, item) || item_kind (item) == NULL ||
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
  search_own_items (task, SECRET_SEARCH_ALL, store_prune_search_cb);
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
      return_store_error (task, error);
      return;
    }

  data->new_key_path = g_steal_pointer (&path);
  store_prune (task);
}

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

  if (path == NULL)
    {
      return_store_error (task, error);
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
      return_mapped_error (task, error, FALSE);
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

  if (secret_collection_get_locked (collection))
    {
      return_locked (task);
      return;
    }

  data->collection_path = g_strdup (g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)));

  /* New items, never "replace": the Secret Service replaces an item whose
   * attributes include the new ones, which for the default account's
   * {kind} would be another account's item.  The old ones of this
   * account are deleted once both new ones are written. */
  create_item (task, KIND_TOKEN,
                /* Translators: the name of the keyring item holding
                 * the Thordata account token, as seen in Passwords
                 * and Keys. */
                _("Thordata account token (Thordesk)"),
                data->token, store_token_created_cb);
}

static void
store_service_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OperationData *data = g_task_get_task_data (task);

  if (!finish_get_service (task, result))
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

  task = operation_task_new (self, OPERATION_STORE, td_credentials_store_async,
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
  return finish_operation (self, result, td_credentials_store_async, error);
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
      return_mapped_error (task, error, FALSE);
      return;
    }

  for (const GList *l = items; l != NULL; l = l->next)
    {
      if (!item_is_ours (self, l->data))
        continue;

      if (secret_item_get_locked (l->data))
        {
          return_locked (task);
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
  if (finish_get_service (task, result))
    search_own_items (task, SECRET_SEARCH_ALL, forget_search_cb);
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

  set_values (self, NULL, NULL, FALSE);

  task = operation_task_new (self, OPERATION_FORGET, td_credentials_forget_async,
                             cancellable, callback, user_data);

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable,
                      forget_service_cb, g_steal_pointer (&task));
}

gboolean
td_credentials_forget_finish (TdCredentials  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  return finish_operation (self, result, td_credentials_forget_async, error);
}
