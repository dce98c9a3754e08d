/* test-credentials.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* TdCredentials against the real gnome-keyring-daemon that
 * tests/headless-run.sh starts in the private session bus, with its
 * "login" collection unlocked with the password "thordesk-test".
 *
 * The worlds without a keyring run in subprocesses: one with no session
 * bus at all, one with a bus address that leads nowhere, and one with a
 * private bus (GTestDBus) on which no Secret Service exists or can be
 * activated. */

#include "config.h"

#include <string.h>

#include <libsecret/secret.h>

#include "td-credentials.h"

#define LOGIN_COLLECTION  "/org/freedesktop/secrets/collection/login"
#define LOGIN_PASSWORD    "thordesk-test"
#define TOKEN_LABEL       "Thordata account token (Thordesk)"
#define KEY_LABEL         "Thordata account key (Thordesk)"
#define WAIT_LIMIT_SECONDS 30

/* Distinctive values, so that a scan of the files can find them. */
#define TOKEN_1 "td-test-token-7f3a9c1e5b"
#define KEY_1   "td-test-key-2d8e4f6a0c"
#define TOKEN_2 "td-test-token-91b0c2d3e4"
#define KEY_2   "td-test-key-5a6b7c8d9e"

/* Every token a test ever stored. */
static const char * const all_secrets[] = {
  TOKEN_1, KEY_1, TOKEN_2, KEY_2, NULL,
};

/* ------------------------------------------------------------------
 * Helpers
 */

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *@result is set, failing the test
 * after a generous bound. */
static void
wait_for_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_timeout, &timed_out);
  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);

  g_assert_false (timed_out);
  g_assert_nonnull (*result);
}

static void
on_async_ready (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static gboolean
load (TdCredentials  *credentials,
      GCancellable   *cancellable,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_credentials_load_async (credentials, cancellable, on_async_ready, &result);
  wait_for_result (&result);
  return td_credentials_load_finish (credentials, result, error);
}

static gboolean
store (TdCredentials  *credentials,
       const char     *token,
       const char     *key,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_credentials_store_async (credentials, token, key, NULL, on_async_ready, &result);
  wait_for_result (&result);
  return td_credentials_store_finish (credentials, result, error);
}

static gboolean
forget (TdCredentials  *credentials,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_credentials_forget_async (credentials, NULL, on_async_ready, &result);
  wait_for_result (&result);
  return td_credentials_forget_finish (credentials, result, error);
}

static SecretService *
get_service (void)
{
  g_autoptr(GError) error = NULL;
  SecretService *service;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (service);

  return service;
}

/* Every item of our schema, as the keyring has them, secrets loaded. */
static GList *
search_items (void)
{
  g_autoptr(SecretService) service = get_service ();
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  attributes = secret_attributes_build (td_credentials_get_schema (), NULL);
  items = secret_service_search_sync (service, td_credentials_get_schema (), attributes,
                                      SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                                      NULL, &error);
  g_assert_no_error (error);

  return items;
}

static SecretItem *
find_item (GList      *items,
           const char *kind)
{
  SecretItem *found = NULL;

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_item_get_attributes (l->data);

      if (g_strcmp0 (g_hash_table_lookup (attributes, "kind"), kind) == 0)
        {
          /* Never two items of one kind. */
          g_assert_null (found);
          found = l->data;
        }
    }

  return found;
}

static char *
item_text (SecretItem *item)
{
  g_autoptr(SecretValue) value = secret_item_get_secret (item);

  g_assert_nonnull (value);
  return g_strdup (secret_value_get_text (value));
}

/* A clean keyring for the test: no item of our schema. */
static void
clear_keyring (void)
{
  g_autoptr(GError) error = NULL;
  GList *items;

  secret_password_clear_sync (td_credentials_get_schema (), NULL, &error, NULL);
  g_assert_no_error (error);

  items = search_items ();
  g_assert_null (items);
}

static void
set_login_locked (gboolean locked)
{
  g_autoptr(SecretService) service = get_service ();
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  g_assert_cmpstr (g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)), ==,
                   LOGIN_COLLECTION);

  if (locked)
    {
      GList objects = { collection, NULL, NULL };
      int n_locked;

      n_locked = secret_service_lock_sync (service, &objects, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n_locked, ==, 1);
    }
  else
    {
      g_autoptr(GDBusConnection) bus = NULL;
      g_autoptr(GVariant) reply = NULL;
      const char *session_path;
      GVariant *secret;

      /* Unlocking through the Secret Service needs a prompt, which this
       * world cannot show.  gnome-keyring's internal interface takes the
       * password itself, over a plain session of our own. */
      bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
      g_assert_no_error (error);

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets",
                                           "/org/freedesktop/secrets",
                                           "org.freedesktop.Secret.Service",
                                           "OpenSession",
                                           g_variant_new ("(sv)", "plain",
                                                          g_variant_new_string ("")),
                                           G_VARIANT_TYPE ("(vo)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(v&o)", NULL, &session_path);

      secret = g_variant_new ("(o@ay@ays)", session_path,
                              g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                              g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                         LOGIN_PASSWORD,
                                                         strlen (LOGIN_PASSWORD), 1),
                              "text/plain");
      g_clear_pointer (&reply, g_variant_unref);
      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets",
                                           "/org/freedesktop/secrets",
                                           "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
                                           "UnlockWithMasterPassword",
                                           g_variant_new ("(o@(oayays))", LOGIN_COLLECTION,
                                                          secret),
                                           NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
    }

  /* The proxy's cached property may lag: ask again. */
  g_clear_object (&collection);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  g_assert_cmpint (secret_collection_get_locked (collection), ==, locked);
}

/* A spy in place of the keyring's prompter: while it holds the
 * prompter's names on the bus, gnome-keyring sends its prompts to this
 * process instead of starting gcr-prompter.  No object answers them, so
 * a prompt fails at once, but it is counted. */
static const char * const prompter_names[] = {
  "org.gnome.keyring.SystemPrompter",
  "org.gnome.keyring.PrivatePrompter",
};

static int prompts_seen;

static GDBusMessage *
on_prompt_filter (GDBusConnection *connection,
                  GDBusMessage    *message,
                  gboolean         incoming,
                  gpointer         user_data)
{
  if (incoming &&
      g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL &&
      g_str_has_prefix (g_dbus_message_get_interface (message) ?: "", "org.gnome.keyring"))
    g_atomic_int_inc (&prompts_seen);

  return message;
}

static guint
prompt_spy_start (GDBusConnection *bus)
{
  g_autoptr(GError) error = NULL;

  g_atomic_int_set (&prompts_seen, 0);

  for (guint i = 0; i < G_N_ELEMENTS (prompter_names); i++)
    {
      g_autoptr(GVariant) reply = NULL;
      guint32 answer;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "RequestName",
                                           g_variant_new ("(su)", prompter_names[i],
                                                          0x4 /* DO_NOT_QUEUE */),
                                           G_VARIANT_TYPE ("(u)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(u)", &answer);
      g_assert_cmpuint (answer, ==, 1 /* PRIMARY_OWNER */);
    }

  return g_dbus_connection_add_filter (bus, on_prompt_filter, NULL, NULL);
}

static void
prompt_spy_stop (GDBusConnection *bus,
                 guint            filter_id)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_remove_filter (bus, filter_id);

  for (guint i = 0; i < G_N_ELEMENTS (prompter_names); i++)
    {
      g_autoptr(GVariant) reply = NULL;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "ReleaseName",
                                           g_variant_new ("(s)", prompter_names[i]),
                                           G_VARIANT_TYPE ("(u)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
    }
}

typedef struct
{
  guint token;
  guint key;
  guint session_only;
} NotifyCounts;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  NotifyCounts *counts = user_data;

  if (g_str_equal (pspec->name, "token"))
    counts->token++;
  else if (g_str_equal (pspec->name, "key"))
    counts->key++;
  else if (g_str_equal (pspec->name, "session-only"))
    counts->session_only++;
}

static void
watch_notify (TdCredentials *credentials,
              NotifyCounts  *counts)
{
  memset (counts, 0, sizeof *counts);
  g_signal_connect (credentials, "notify", G_CALLBACK (on_notify), counts);
}

#define assert_counts(c, t, k, s) \
  G_STMT_START { \
    g_assert_cmpuint ((c)->token, ==, (t)); \
    g_assert_cmpuint ((c)->key, ==, (k)); \
    g_assert_cmpuint ((c)->session_only, ==, (s)); \
    memset ((c), 0, sizeof *(c)); \
  } G_STMT_END

/* ------------------------------------------------------------------
 * Tests
 */

static void
test_schema (void)
{
  const SecretSchema *schema = td_credentials_get_schema ();
  guint n_attributes = 0;

  g_assert_nonnull (schema);
  g_assert_true (schema == td_credentials_get_schema ());
  g_assert_cmpstr (schema->name, ==, "io.github.thordesk.Thordesk");
  g_assert_cmpint (schema->flags, ==, SECRET_SCHEMA_NONE);

  g_assert_cmpstr (schema->attributes[0].name, ==, "kind");
  g_assert_cmpint (schema->attributes[0].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);

  g_assert_cmpstr (schema->attributes[1].name, ==, "account");
  g_assert_cmpint (schema->attributes[1].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);

  /* Terminated by a real NULL name, not the string "NULL". */
  g_assert_null (schema->attributes[2].name);
  g_assert_cmpint (schema->attributes[2].type, ==, 0);

  while (n_attributes < G_N_ELEMENTS (schema->attributes) &&
         schema->attributes[n_attributes].name != NULL)
    n_attributes++;
  g_assert_cmpuint (n_attributes, ==, 2);
}

static void
test_new (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autofree char *token = NULL;
  g_autofree char *key = NULL;
  gboolean session_only = TRUE;

  g_assert_null (td_credentials_get_token (credentials));
  g_assert_null (td_credentials_get_key (credentials));
  g_assert_false (td_credentials_get_session_only (credentials));

  g_object_get (credentials,
                "token", &token,
                "key", &key,
                "session-only", &session_only,
                NULL);
  g_assert_null (token);
  g_assert_null (key);
  g_assert_false (session_only);
}

static void
test_load_nothing_stored (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(GError) error = NULL;

  clear_keyring ();

  g_assert_true (load (credentials, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (td_credentials_get_token (credentials));
  g_assert_null (td_credentials_get_key (credentials));
  g_assert_false (td_credentials_get_session_only (credentials));
}

static void
test_store_then_load (void)
{
  g_autoptr(TdCredentials) writer = td_credentials_new ();
  g_autoptr(TdCredentials) reader = td_credentials_new ();
  g_autoptr(GError) error = NULL;

  clear_keyring ();

  g_assert_true (store (writer, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (td_credentials_get_token (writer), ==, TOKEN_1);
  g_assert_cmpstr (td_credentials_get_key (writer), ==, KEY_1);
  g_assert_false (td_credentials_get_session_only (writer));

  g_assert_null (td_credentials_get_token (reader));
  g_assert_true (load (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (td_credentials_get_token (reader), ==, TOKEN_1);
  g_assert_cmpstr (td_credentials_get_key (reader), ==, KEY_1);
  g_assert_false (td_credentials_get_session_only (reader));
}

static void
test_items_as_documented (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autofree char *token_label = NULL;
  g_autofree char *key_label = NULL;
  g_autofree char *token_text = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *looked_up = NULL;
  g_autoptr(GHashTable) token_attributes = NULL;
  g_autoptr(GHashTable) key_attributes = NULL;
  SecretItem *token_item;
  SecretItem *key_item;

  clear_keyring ();
  g_assert_true (store (credentials, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);

  items = search_items ();
  g_assert_cmpuint (g_list_length (items), ==, 2);
  token_item = find_item (items, "token");
  key_item = find_item (items, "key");
  g_assert_nonnull (token_item);
  g_assert_nonnull (key_item);

  /* Labels. */
  token_label = secret_item_get_label (token_item);
  key_label = secret_item_get_label (key_item);
  g_assert_cmpstr (token_label, ==, TOKEN_LABEL);
  g_assert_cmpstr (key_label, ==, KEY_LABEL);

  /* Attributes: the schema's name and the kind, and no secret. */
  token_attributes = secret_item_get_attributes (token_item);
  key_attributes = secret_item_get_attributes (key_item);
  g_assert_cmpstr (g_hash_table_lookup (token_attributes, "xdg:schema"), ==,
                   "io.github.thordesk.Thordesk");
  g_assert_cmpstr (g_hash_table_lookup (key_attributes, "xdg:schema"), ==,
                   "io.github.thordesk.Thordesk");
  g_assert_cmpuint (g_hash_table_size (token_attributes), ==, 2);
  g_assert_cmpuint (g_hash_table_size (key_attributes), ==, 2);

  /* The secrets, as text. */
  token_text = item_text (token_item);
  key_text = item_text (key_item);
  g_assert_cmpstr (token_text, ==, TOKEN_1);
  g_assert_cmpstr (key_text, ==, KEY_1);

  /* In the default collection, which here is "login". */
  g_assert_true (g_str_has_prefix (g_dbus_proxy_get_object_path (G_DBUS_PROXY (token_item)),
                                   LOGIN_COLLECTION "/"));
  g_assert_true (g_str_has_prefix (g_dbus_proxy_get_object_path (G_DBUS_PROXY (key_item)),
                                   LOGIN_COLLECTION "/"));

  /* What secret-tool would find with `lookup xdg:schema ... kind token`. */
  looked_up = secret_password_lookup_sync (td_credentials_get_schema (), NULL, &error,
                                           "kind", "token",
                                           NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (looked_up, ==, TOKEN_1);
  g_clear_pointer (&looked_up, secret_password_free);
}

static void
test_replace (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(TdCredentials) reader = td_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autofree char *token_text = NULL;
  g_autofree char *key_text = NULL;

  clear_keyring ();
  g_assert_true (store (credentials, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);
  g_assert_true (store (credentials, TOKEN_2, KEY_2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (td_credentials_get_token (credentials), ==, TOKEN_2);
  g_assert_cmpstr (td_credentials_get_key (credentials), ==, KEY_2);

  /* One item of each kind, with the new values: the old ones are gone. */
  items = search_items ();
  g_assert_cmpuint (g_list_length (items), ==, 2);
  token_text = item_text (find_item (items, "token"));
  key_text = item_text (find_item (items, "key"));
  g_assert_cmpstr (token_text, ==, TOKEN_2);
  g_assert_cmpstr (key_text, ==, KEY_2);

  g_assert_true (load (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (td_credentials_get_token (reader), ==, TOKEN_2);
  g_assert_cmpstr (td_credentials_get_key (reader), ==, KEY_2);
}

static void
test_store_without_key (void)
{
  const char *no_keys[] = { NULL, "" };

  for (guint i = 0; i < G_N_ELEMENTS (no_keys); i++)
    {
      g_autoptr(TdCredentials) credentials = td_credentials_new ();
      g_autoptr(TdCredentials) reader = td_credentials_new ();
      g_autoptr(GError) error = NULL;
      g_autolist(SecretItem) items = NULL;
      NotifyCounts counts;

      clear_keyring ();
      g_assert_true (store (credentials, TOKEN_1, KEY_1, &error));
      g_assert_no_error (error);

      watch_notify (credentials, &counts);
      g_assert_true (store (credentials, TOKEN_1, no_keys[i], &error));
      g_assert_no_error (error);
      g_assert_cmpstr (td_credentials_get_token (credentials), ==, TOKEN_1);
      g_assert_null (td_credentials_get_key (credentials));
      assert_counts (&counts, 0, 1, 0);

      items = search_items ();
      g_assert_cmpuint (g_list_length (items), ==, 1);
      g_assert_nonnull (find_item (items, "token"));
      g_assert_null (find_item (items, "key"));

      g_assert_true (load (reader, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (td_credentials_get_token (reader), ==, TOKEN_1);
      g_assert_null (td_credentials_get_key (reader));

      /* Storing without a key when none is stored is fine too. */
      g_assert_true (store (credentials, TOKEN_2, no_keys[i], &error));
      g_assert_no_error (error);
      assert_counts (&counts, 1, 0, 0);
    }
}

static void
test_forget (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(TdCredentials) reader = td_credentials_new ();
  g_autoptr(GError) error = NULL;
  GList *items;
  NotifyCounts counts;

  clear_keyring ();
  g_assert_true (store (credentials, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);

  watch_notify (credentials, &counts);
  g_assert_true (forget (credentials, &error));
  g_assert_no_error (error);
  g_assert_null (td_credentials_get_token (credentials));
  g_assert_null (td_credentials_get_key (credentials));
  g_assert_false (td_credentials_get_session_only (credentials));
  assert_counts (&counts, 1, 1, 0);

  items = search_items ();
  g_assert_null (items);

  g_assert_true (load (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (td_credentials_get_token (reader));
  g_assert_null (td_credentials_get_key (reader));

  /* Forgetting when nothing is stored succeeds, and changes nothing. */
  g_assert_true (forget (credentials, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 0, 0);
}

static void
test_forget_session_values (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(GError) error = NULL;
  NotifyCounts counts;

  clear_keyring ();
  td_credentials_use_for_session (credentials, TOKEN_2, KEY_2);
  watch_notify (credentials, &counts);

  g_assert_true (forget (credentials, &error));
  g_assert_no_error (error);
  g_assert_null (td_credentials_get_token (credentials));
  g_assert_null (td_credentials_get_key (credentials));
  g_assert_false (td_credentials_get_session_only (credentials));
  assert_counts (&counts, 1, 1, 1);
}

static void
test_use_for_session (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(TdCredentials) reader = td_credentials_new ();
  g_autoptr(GError) error = NULL;
  GList *items;
  NotifyCounts counts;

  clear_keyring ();
  watch_notify (credentials, &counts);

  td_credentials_use_for_session (credentials, TOKEN_1, KEY_1);
  g_assert_cmpstr (td_credentials_get_token (credentials), ==, TOKEN_1);
  g_assert_cmpstr (td_credentials_get_key (credentials), ==, KEY_1);
  g_assert_true (td_credentials_get_session_only (credentials));
  assert_counts (&counts, 1, 1, 1);

  /* Nothing went to the keyring. */
  items = search_items ();
  g_assert_null (items);
  g_assert_true (load (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (td_credentials_get_token (reader));

  /* The same values again: no notification.  An empty key is no key. */
  td_credentials_use_for_session (credentials, TOKEN_1, KEY_1);
  assert_counts (&counts, 0, 0, 0);
  td_credentials_use_for_session (credentials, TOKEN_1, "");
  g_assert_null (td_credentials_get_key (credentials));
  assert_counts (&counts, 0, 1, 0);

  /* A successful store ends the session-only state. */
  g_assert_true (store (credentials, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);
  g_assert_false (td_credentials_get_session_only (credentials));
  g_assert_cmpstr (td_credentials_get_key (credentials), ==, KEY_1);
  assert_counts (&counts, 0, 1, 1);

  /* Back to session only, with another token. */
  td_credentials_use_for_session (credentials, TOKEN_2, NULL);
  g_assert_true (td_credentials_get_session_only (credentials));
  g_assert_cmpstr (td_credentials_get_token (credentials), ==, TOKEN_2);
  g_assert_null (td_credentials_get_key (credentials));
  assert_counts (&counts, 1, 1, 1);
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(TdCredentials) reader = td_credentials_new ();
  g_autoptr(GError) error = NULL;
  NotifyCounts counts;
  NotifyCounts reader_counts;

  clear_keyring ();
  watch_notify (credentials, &counts);
  watch_notify (reader, &reader_counts);

  g_assert_true (store (credentials, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 1, 1, 0);

  g_assert_true (store (credentials, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 0, 0);

  g_assert_true (store (credentials, TOKEN_2, KEY_1, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 1, 0, 0);

  g_assert_true (load (reader, NULL, &error));
  g_assert_no_error (error);
  assert_counts (&reader_counts, 1, 1, 0);

  g_assert_true (load (reader, NULL, &error));
  g_assert_no_error (error);
  assert_counts (&reader_counts, 0, 0, 0);
}

static void
test_cancel_load (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(TdCredentials) writer = td_credentials_new ();
  g_autoptr(GError) error = NULL;
  NotifyCounts counts;

  clear_keyring ();
  g_assert_true (store (writer, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);

  watch_notify (credentials, &counts);

  /* Cancelled before it starts. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_false (load (credentials, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* Cancelled while it runs. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;

    td_credentials_load_async (credentials, cancellable, on_async_ready, &result);
    g_cancellable_cancel (cancellable);
    wait_for_result (&result);
    g_assert_false (td_credentials_load_finish (credentials, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* Cancelling changed nothing in memory. */
  g_assert_null (td_credentials_get_token (credentials));
  g_assert_null (td_credentials_get_key (credentials));
  assert_counts (&counts, 0, 0, 0);

  /* And the object still works. */
  g_assert_true (load (credentials, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (td_credentials_get_token (credentials), ==, TOKEN_1);
}

static void
test_cancel_store (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  NotifyCounts counts;

  clear_keyring ();
  g_assert_true (store (credentials, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);
  watch_notify (credentials, &counts);

  g_cancellable_cancel (cancellable);
  td_credentials_store_async (credentials, TOKEN_2, KEY_2, cancellable, on_async_ready, &result);
  wait_for_result (&result);
  g_assert_false (td_credentials_store_finish (credentials, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Memory as it was. */
  g_assert_cmpstr (td_credentials_get_token (credentials), ==, TOKEN_1);
  g_assert_cmpstr (td_credentials_get_key (credentials), ==, KEY_1);
  assert_counts (&counts, 0, 0, 0);
}

static void
assert_locked_error (const GError *error)
{
  g_assert_error (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_LOCKED);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");

  for (guint i = 0; all_secrets[i] != NULL; i++)
    g_assert_null (strstr (error->message, all_secrets[i]));
}

static void
test_locked (void)
{
  g_autoptr(TdCredentials) writer = td_credentials_new ();
  g_autoptr(TdCredentials) reader = td_credentials_new ();
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autolist(SecretItem) items = NULL;
  NotifyCounts counts;
  guint spy;
  gint64 start;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  /* Something stored, then locked: the item is found but locked. */
  clear_keyring ();
  g_assert_true (store (writer, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);
  set_login_locked (TRUE);

  /* From here on, no operation may ask for a prompt. */
  spy = prompt_spy_start (bus);

  watch_notify (reader, &counts);
  g_assert_false (load (reader, NULL, &error));
  assert_locked_error (error);
  g_clear_error (&error);
  g_assert_null (td_credentials_get_token (reader));
  assert_counts (&counts, 0, 0, 0);

  /* A store fails at once (the bound of wait_for_result, and far less)
   * instead of waiting on a prompt, and leaves memory as it was. */
  watch_notify (writer, &counts);
  start = g_get_monotonic_time ();
  g_assert_false (store (writer, TOKEN_2, KEY_2, &error));
  assert_locked_error (error);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpstr (td_credentials_get_token (writer), ==, TOKEN_1);
  g_assert_cmpstr (td_credentials_get_key (writer), ==, KEY_1);
  assert_counts (&counts, 0, 0, 0);

  /* Forgetting drops the values in memory, but cannot reach the
   * keyring. */
  g_assert_false (forget (writer, &error));
  assert_locked_error (error);
  g_clear_error (&error);
  g_assert_null (td_credentials_get_token (writer));

  g_assert_cmpint (g_atomic_int_get (&prompts_seen), ==, 0);

  /* Nothing stored, and locked: still LOCKED, not "nothing stored". */
  set_login_locked (FALSE);
  items = search_items ();
  g_assert_cmpuint (g_list_length (items), ==, 2);
  clear_keyring ();
  set_login_locked (TRUE);

  g_assert_false (load (reader, NULL, &error));
  assert_locked_error (error);
  g_clear_error (&error);

  g_assert_cmpint (g_atomic_int_get (&prompts_seen), ==, 0);
  prompt_spy_stop (bus, spy);

  set_login_locked (FALSE);

  /* Unlocked again: everything works. */
  g_assert_true (store (writer, TOKEN_2, KEY_2, &error));
  g_assert_no_error (error);
  g_assert_true (load (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (td_credentials_get_token (reader), ==, TOKEN_2);
}

/* Run in a subprocess whose environment leads to no Secret Service. */
static void
assert_no_keyring (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (load (credentials, NULL, &error));
  g_assert_error (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_NO_KEYRING);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (strstr (error->message, "GDBus"));
  g_clear_error (&error);

  g_assert_false (store (credentials, TOKEN_1, KEY_1, &error));
  g_assert_error (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_NO_KEYRING);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_null (td_credentials_get_token (credentials));

  g_assert_false (forget (credentials, &error));
  g_assert_error (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_NO_KEYRING);
  g_clear_error (&error);

  /* The fallback still works. */
  td_credentials_use_for_session (credentials, TOKEN_1, KEY_1);
  g_assert_true (td_credentials_get_session_only (credentials));
  g_assert_cmpstr (td_credentials_get_token (credentials), ==, TOKEN_1);

  g_print ("no keyring: ok\n");
}

static void
test_no_session_bus (void)
{
  if (g_test_subprocess ())
    {
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_unsetenv ("DISPLAY");
      assert_no_keyring ();
      return;
    }

  g_test_trap_subprocess (NULL, WAIT_LIMIT_SECONDS * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*no keyring: ok*");
}

static void
test_dead_bus_address (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *address = NULL;

      address = g_strdup_printf ("unix:path=%s/no-such-bus", g_get_tmp_dir ());
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      assert_no_keyring ();
      return;
    }

  g_test_trap_subprocess (NULL, WAIT_LIMIT_SECONDS * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*no keyring: ok*");
}

static void
test_bus_without_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = NULL;

      /* A private dbus-daemon with no service directory: nothing can be
       * activated on it. */
      bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (bus);
      assert_no_keyring ();
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, WAIT_LIMIT_SECONDS * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*no keyring: ok*");
}

/* Fails if @secret is in the file at @path. */
static void
assert_file_free_of (const char *path,
                     const char *secret)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      /* Sockets, and files that went away meanwhile. */
      g_test_message ("not scanned: %s: %s", path, error->message);
      return;
    }

  if (memmem (contents, length, secret, strlen (secret)) != NULL)
    g_error ("a secret is in plain text in %s", path);
}

static guint
scan_folder (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_files = 0;

  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += scan_folder (path);
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          for (guint i = 0; all_secrets[i] != NULL; i++)
            assert_file_free_of (path, all_secrets[i]);
          n_files++;
        }
    }

  return n_files;
}

static void
test_no_plain_text_on_disk (void)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring_file = NULL;
  g_autofree char *keyring = NULL;
  const char *tmpdir = g_getenv ("THORDESK_TEST_TMPDIR");
  gsize keyring_length;
  guint n_files;

  if (tmpdir == NULL)
    {
      g_test_skip ("THORDESK_TEST_TMPDIR is not set (not run by headless-run.sh)");
      return;
    }

  /* Leave a token and a key stored, on disk in the login keyring. */
  clear_keyring ();
  g_assert_true (store (credentials, TOKEN_2, KEY_2, &error));
  g_assert_no_error (error);

  keyring_file = g_build_filename (tmpdir, "data", "keyrings", "login.keyring", NULL);
  g_assert_true (g_file_get_contents (keyring_file, &keyring, &keyring_length, &error));
  g_assert_no_error (error);
  /* gnome-keyring's encrypted format, not a plain text one. */
  g_assert_cmpuint (keyring_length, >, 16);
  g_assert_cmpmem (keyring, 16, "GnomeKeyring\n\r\0\n", 16);

  n_files = scan_folder (tmpdir);
  g_test_message ("%u files scanned under %s", n_files, tmpdir);
  g_assert_cmpuint (n_files, >=, 1);
}

/* ------------------------------------------------------------------
 * Several accounts
 */

/* How many items of our schema belong to @account (NULL: no attribute). */
static guint
count_account_items (const char *account)
{
  g_autolist(SecretItem) items = search_items ();
  guint n = 0;

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_item_get_attributes (l->data);

      if (g_strcmp0 (g_hash_table_lookup (attributes, "account"), account) == 0)
        n++;
    }

  return n;
}

static void
test_accounts_not_crossed (void)
{
  g_autoptr(TdCredentials) main_writer = td_credentials_new ();
  g_autoptr(TdCredentials) agency_writer = td_credentials_new_for_account ("agency");
  g_autoptr(TdCredentials) main_reader = td_credentials_new_for_account ("");
  g_autoptr(TdCredentials) agency_reader = td_credentials_new_for_account ("agency");
  g_autoptr(TdCredentials) other_reader = td_credentials_new_for_account ("client-b");
  g_autoptr(GError) error = NULL;

  clear_keyring ();

  g_assert_null (td_credentials_get_account (main_reader));
  g_assert_cmpstr (td_credentials_get_account (agency_reader), ==, "agency");

  g_assert_true (store (agency_writer, TOKEN_1, KEY_1, &error));
  g_assert_no_error (error);
  /* The default account stored after: its {kind} would match the
   * agency's items as a subset; they must survive. */
  g_assert_true (store (main_writer, TOKEN_2, KEY_2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_account_items ("agency"), ==, 2);
  g_assert_cmpuint (count_account_items (NULL), ==, 2);

  g_assert_true (load (main_reader, NULL, &error));
  g_assert_cmpstr (td_credentials_get_token (main_reader), ==, TOKEN_2);
  g_assert_cmpstr (td_credentials_get_key (main_reader), ==, KEY_2);

  g_assert_true (load (agency_reader, NULL, &error));
  g_assert_cmpstr (td_credentials_get_token (agency_reader), ==, TOKEN_1);
  g_assert_cmpstr (td_credentials_get_key (agency_reader), ==, KEY_1);

  g_assert_true (load (other_reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (td_credentials_get_token (other_reader));

  /* Replacing the default account's token, without a key: the agency's
   * items stay as they were. */
  g_assert_true (store (main_writer, TOKEN_1, NULL, &error));
  g_assert_cmpuint (count_account_items (NULL), ==, 1);
  g_assert_cmpuint (count_account_items ("agency"), ==, 2);
  g_assert_true (load (agency_reader, NULL, &error));
  g_assert_cmpstr (td_credentials_get_key (agency_reader), ==, KEY_1);

  /* And the other way round. */
  g_assert_true (store (agency_writer, TOKEN_2, KEY_2, &error));
  g_assert_cmpuint (count_account_items ("agency"), ==, 2);
  g_assert_true (load (main_reader, NULL, &error));
  g_assert_cmpstr (td_credentials_get_token (main_reader), ==, TOKEN_1);
  g_assert_null (td_credentials_get_key (main_reader));
}

static void
test_accounts_forget_own_only (void)
{
  g_autoptr(TdCredentials) main_account = td_credentials_new ();
  g_autoptr(TdCredentials) agency = td_credentials_new_for_account ("agency");
  g_autoptr(TdCredentials) client_b = td_credentials_new_for_account ("client-b");
  g_autoptr(GError) error = NULL;

  clear_keyring ();

  g_assert_true (store (main_account, TOKEN_1, KEY_1, &error));
  g_assert_true (store (agency, TOKEN_2, KEY_2, &error));
  g_assert_true (store (client_b, TOKEN_2, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (forget (agency, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_account_items ("agency"), ==, 0);
  g_assert_cmpuint (count_account_items ("client-b"), ==, 1);
  g_assert_cmpuint (count_account_items (NULL), ==, 2);

  g_assert_true (forget (main_account, &error));
  g_assert_cmpuint (count_account_items (NULL), ==, 0);
  g_assert_cmpuint (count_account_items ("client-b"), ==, 1);

  g_assert_true (load (client_b, NULL, &error));
  g_assert_cmpstr (td_credentials_get_token (client_b), ==, TOKEN_2);
}

/* An item stored as the README shows (secret-tool store ... xdg:schema
 * io.github.thordesk.Thordesk kind token) is the default account's. */
static void
test_accounts_secret_tool_item (void)
{
  g_autoptr(TdCredentials) main_account = td_credentials_new ();
  g_autoptr(TdCredentials) agency = td_credentials_new_for_account ("agency");
  g_autoptr(GError) error = NULL;
  static const SecretSchema secret_tool_schema = {
    "io.github.thordesk.Thordesk", SECRET_SCHEMA_NONE,
    { { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };

  clear_keyring ();

  g_assert_true (secret_password_store_sync (&secret_tool_schema, SECRET_COLLECTION_DEFAULT,
                                             TOKEN_LABEL, TOKEN_1, NULL, &error,
                                             "kind", "token", NULL));
  g_assert_no_error (error);

  g_assert_true (load (main_account, NULL, &error));
  g_assert_cmpstr (td_credentials_get_token (main_account), ==, TOKEN_1);

  g_assert_true (load (agency, NULL, &error));
  g_assert_null (td_credentials_get_token (agency));

  /* Another account's store leaves it alone. */
  g_assert_true (store (agency, TOKEN_2, NULL, &error));
  g_assert_true (load (main_account, NULL, &error));
  g_assert_cmpstr (td_credentials_get_token (main_account), ==, TOKEN_1);
  g_assert_cmpuint (count_account_items (NULL), ==, 1);

  /* Replacing the default token replaces that item, no migration asked. */
  g_assert_true (store (main_account, TOKEN_2, NULL, &error));
  g_assert_cmpuint (count_account_items (NULL), ==, 1);
  g_assert_true (load (main_account, NULL, &error));
  g_assert_cmpstr (td_credentials_get_token (main_account), ==, TOKEN_2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Run in this order; the last one scans what all others left on disk. */
  g_test_add_func ("/credentials/basics/schema", test_schema);
  g_test_add_func ("/credentials/basics/new", test_new);
  g_test_add_func ("/credentials/load/nothing-stored", test_load_nothing_stored);
  g_test_add_func ("/credentials/load/cancel", test_cancel_load);
  g_test_add_func ("/credentials/store/then-load", test_store_then_load);
  g_test_add_func ("/credentials/store/items-as-documented", test_items_as_documented);
  g_test_add_func ("/credentials/store/replace", test_replace);
  g_test_add_func ("/credentials/store/without-key", test_store_without_key);
  g_test_add_func ("/credentials/store/cancel", test_cancel_store);
  g_test_add_func ("/credentials/forget/stored", test_forget);
  g_test_add_func ("/credentials/forget/session-values", test_forget_session_values);
  g_test_add_func ("/credentials/memory/use-for-session", test_use_for_session);
  g_test_add_func ("/credentials/memory/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/credentials/locked/no-prompt", test_locked);
  g_test_add_func ("/credentials/no-keyring/no-session-bus", test_no_session_bus);
  g_test_add_func ("/credentials/no-keyring/dead-bus-address", test_dead_bus_address);
  g_test_add_func ("/credentials/no-keyring/bus-without-service", test_bus_without_service);
  g_test_add_func ("/credentials/files/no-plain-text", test_no_plain_text_on_disk);
  g_test_add_func ("/credentials/accounts/not-crossed", test_accounts_not_crossed);
  g_test_add_func ("/credentials/accounts/forget-own-only", test_accounts_forget_own_only);
  g_test_add_func ("/credentials/accounts/secret-tool-item", test_accounts_secret_tool_item);

  return g_test_run ();
}
