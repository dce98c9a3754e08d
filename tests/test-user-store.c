/* test-user-store.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-account.h"
#include "td-error.h"
#include "td-sandbox.h"
#include "td-user-store.h"

/* The user store against the real sandbox on 127.0.0.1. */

#define WAIT_SECONDS 10

typedef struct
{
  TdSandbox     *sandbox;
  TdApiClient   *client;
  TdCredentials *credentials;
  TdAccount     *account;
} Fixture;

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Refresh;

/* One items-changed signal, as received. */
typedef struct
{
  guint position, removed, added;
} Change;

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("timed out");
  return G_SOURCE_REMOVE;
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Refresh *refresh = user_data;

  refresh->ok = td_user_store_refresh_finish (TD_USER_STORE (object), result, &refresh->error);
  refresh->done = TRUE;
}

static void
wait_for (Refresh *refresh)
{
  guint timeout_id = g_timeout_add_seconds (WAIT_SECONDS, timeout_cb, NULL);

  while (!refresh->done)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

static void
refresh_and_wait (TdUserStore *store)
{
  Refresh refresh = { 0 };

  td_user_store_refresh_async (store, NULL, refresh_cb, &refresh);
  g_assert_true (td_user_store_get_loading (store));
  wait_for (&refresh);
  g_assert_no_error (refresh.error);
  g_assert_true (refresh.ok);
  g_assert_false (td_user_store_get_loading (store));
}

static TdProxyUser *
make_user (TdProxyType  proxy_type,
           const char  *username,
           gint64       traffic_limit)
{
  return td_proxy_user_new_full (proxy_type, username, "Passw0rd", traffic_limit, TRUE);
}

static void
add_to_sandbox (Fixture     *fixture,
                TdProxyType  proxy_type,
                const char  *username,
                gint64       traffic_limit)
{
  g_autoptr(TdProxyUser) user = make_user (proxy_type, username, traffic_limit);

  td_sandbox_add_user (fixture->sandbox, user);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gboolean   *notified)
{
  *notified = TRUE;
}

static void
assert_usernames (GListModel         *model,
                  const char * const *usernames)
{
  guint n = g_strv_length ((char **) usernames);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (model, i);

      g_assert_cmpstr (td_proxy_user_get_username (user), ==, usernames[i]);
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = td_sandbox_new ();
  g_assert_true (td_sandbox_start (fixture->sandbox, &error));
  g_assert_no_error (error);

  fixture->client = td_api_client_new (td_sandbox_get_base_url (fixture->sandbox));
  td_api_client_set_credentials (fixture->client, TD_SANDBOX_DEFAULT_TOKEN, NULL);
  fixture->credentials = td_credentials_new ();
  fixture->account = td_account_new (fixture->client, fixture->credentials, NULL, TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->account);
  g_clear_object (&fixture->credentials);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->sandbox);
}

/* One store per proxy type, kept by the account. */
static void
test_account_owns_stores (Fixture       *fixture,
                          gconstpointer  user_data)
{
  TdUserStore *residential = td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL);
  TdUserStore *mobile = td_account_get_user_store (fixture->account, TD_PROXY_TYPE_MOBILE);

  g_assert_true (TD_IS_USER_STORE (residential));
  g_assert_true (TD_IS_USER_STORE (mobile));
  g_assert_true (residential != mobile);
  g_assert_true (residential == td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL));
  g_assert_true (mobile == td_account_get_user_store (fixture->account, TD_PROXY_TYPE_MOBILE));
  g_assert_cmpint (td_user_store_get_proxy_type (mobile), ==, TD_PROXY_TYPE_MOBILE);
  g_assert_true (td_user_store_get_client (mobile) == fixture->client);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (mobile)) == TD_TYPE_PROXY_USER);

  /* Nothing is read until asked. */
  g_assert_false (td_user_store_get_loaded (residential));
  g_assert_false (td_user_store_get_loading (residential));
  g_assert_cmpint (td_user_store_get_remaining (residential), ==, -1);
  g_assert_cmpint (td_user_store_get_limit (residential), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (residential)), ==, 0);
  g_assert_cmpuint (td_sandbox_get_requests (fixture->sandbox)->len, ==, 0);
}

static void
test_refresh (Fixture       *fixture,
              gconstpointer  user_data)
{
  const char * const residential_names[] = { "alice0001", "bob000002", NULL };
  const char * const mobile_names[] = { "carol0003", NULL };
  TdUserStore *residential = td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL);
  TdUserStore *mobile = td_account_get_user_store (fixture->account, TD_PROXY_TYPE_MOBILE);
  guint quota = 7;
  gboolean notified_loaded = FALSE;
  gint64 n_users;

  td_sandbox_set_quota (fixture->sandbox, quota);
  add_to_sandbox (fixture, TD_PROXY_TYPE_RESIDENTIAL, residential_names[0], 0);
  add_to_sandbox (fixture, TD_PROXY_TYPE_MOBILE, mobile_names[0], 0);
  add_to_sandbox (fixture, TD_PROXY_TYPE_RESIDENTIAL, residential_names[1], 2048);
  n_users = td_sandbox_get_n_users (fixture->sandbox);

  g_signal_connect (residential, "notify::loaded", G_CALLBACK (on_notify), &notified_loaded);
  refresh_and_wait (residential);
  g_assert_true (notified_loaded);
  g_signal_handlers_disconnect_by_data (residential, &notified_loaded);

  g_assert_true (td_user_store_get_loaded (residential));
  assert_usernames (G_LIST_MODEL (residential), residential_names);
  g_assert_cmpint (td_user_store_get_limit (residential), ==, quota);
  g_assert_cmpint (td_user_store_get_user_count (residential), ==, n_users);
  g_assert_cmpint (td_user_store_get_remaining (residential), ==, quota - n_users);
  g_assert_nonnull (td_user_store_lookup (residential, "bob000002"));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (td_user_store_lookup (residential, "bob000002")), ==, 2048);
  g_assert_null (td_user_store_lookup (residential, "carol0003"));

  /* The other type's store was not touched. */
  g_assert_false (td_user_store_get_loaded (mobile));
  refresh_and_wait (mobile);
  assert_usernames (G_LIST_MODEL (mobile), mobile_names);
  g_assert_cmpint (td_proxy_user_get_proxy_type (td_user_store_lookup (mobile, "carol0003")),
                   ==, TD_PROXY_TYPE_MOBILE);
}

/* The same list again changes nothing; one changed user changes one item. */
static void
test_refresh_keeps_items (Fixture       *fixture,
                          gconstpointer  user_data)
{
  TdUserStore *store = td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(TdProxyUser) first = NULL;
  TdProxyUser *stored;
  Change *change;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("keep%05u", i);

      add_to_sandbox (fixture, TD_PROXY_TYPE_RESIDENTIAL, name, 0);
    }

  refresh_and_wait (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 5);
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), changes);
  refresh_and_wait (store);
  g_assert_cmpuint (changes->len, ==, 0);

  stored = td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "keep00003");
  g_assert_nonnull (stored);
  td_proxy_user_set_traffic_limit (stored, 4096);
  refresh_and_wait (store);

  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 3);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpint (td_proxy_user_get_traffic_limit (td_user_store_lookup (store, "keep00003")), ==, 4096);
  /* The unchanged users are the same objects. */
  {
    g_autoptr(TdProxyUser) again = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_assert_true (again == first);
  }
  g_signal_handlers_disconnect_by_data (store, changes);
}

/* add/remove/replace follow the server's confirmed answers and the quota. */
static void
test_changes (Fixture       *fixture,
              gconstpointer  user_data)
{
  TdUserStore *store = td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL);
  g_autoptr(TdProxyUser) added = make_user (TD_PROXY_TYPE_RESIDENTIAL, "dave00004", 0);
  g_autoptr(TdProxyUser) changed = make_user (TD_PROXY_TYPE_RESIDENTIAL, "alice0001", 500);
  g_autoptr(TdProxyUser) unknown = make_user (TD_PROXY_TYPE_RESIDENTIAL, "nobody999", 500);
  gint64 remaining, count;

  /* Before the first read, the read will bring it: nothing is added. */
  td_user_store_add (store, added);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpint (td_user_store_get_remaining (store), ==, -1);

  add_to_sandbox (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice0001", 0);
  refresh_and_wait (store);
  remaining = td_user_store_get_remaining (store);
  count = td_user_store_get_user_count (store);
  g_assert_cmpint (remaining, >, 0);

  td_user_store_add (store, added);
  g_assert_cmpint (td_user_store_get_remaining (store), ==, remaining - 1);
  g_assert_cmpint (td_user_store_get_user_count (store), ==, count + 1);
  g_assert_true (td_user_store_lookup (store, "dave00004") == added);
  {
    const char * const names[] = { "alice0001", "dave00004", NULL };
    assert_usernames (G_LIST_MODEL (store), names);
  }

  g_assert_true (td_user_store_replace (store, changed));
  g_assert_true (td_user_store_lookup (store, "alice0001") == changed);
  g_assert_false (td_user_store_replace (store, unknown));

  /* Added again (a create whose answer was lost, then found): replaced,
   * not listed twice nor counted twice. */
  {
    g_autoptr(TdProxyUser) again = make_user (TD_PROXY_TYPE_RESIDENTIAL, "dave00004", 300);

    td_user_store_add (store, again);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
    g_assert_cmpint (td_user_store_get_remaining (store), ==, remaining - 1);
    g_assert_true (td_user_store_lookup (store, "dave00004") == again);
  }

  g_assert_true (td_user_store_remove (store, "dave00004"));
  g_assert_false (td_user_store_remove (store, "dave00004"));
  g_assert_null (td_user_store_lookup (store, "dave00004"));
  g_assert_cmpint (td_user_store_get_remaining (store), ==, remaining);
  g_assert_cmpint (td_user_store_get_user_count (store), ==, count);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

/* A failed read keeps the list; a newer read cancels the older one. */
static void
test_refresh_errors (Fixture       *fixture,
                     gconstpointer  user_data)
{
  TdUserStore *store = td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Refresh first = { 0 }, second = { 0 }, cancelled = { 0 }, refused = { 0 };

  add_to_sandbox (fixture, TD_PROXY_TYPE_RESIDENTIAL, "alice0001", 0);

  td_user_store_refresh_async (store, NULL, refresh_cb, &first);
  td_user_store_refresh_async (store, NULL, refresh_cb, &second);
  wait_for (&first);
  wait_for (&second);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (first.ok);
  g_assert_no_error (second.error);
  g_assert_true (second.ok);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_clear_error (&first.error);

  /* The caller's cancellable cancels the read. */
  td_user_store_refresh_async (store, cancellable, refresh_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  wait_for (&cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (td_user_store_get_loading (store));
  g_clear_error (&cancelled.error);

  /* A refused token: the error, and the list stays. */
  td_api_client_set_credentials (fixture->client, "not-the-token", NULL);
  add_to_sandbox (fixture, TD_PROXY_TYPE_RESIDENTIAL, "bob000002", 0);
  td_user_store_refresh_async (store, NULL, refresh_cb, &refused);
  wait_for (&refused);
  g_assert_false (refused.ok);
  g_assert_error (refused.error, TD_SERVER_ERROR, 10013);
  g_assert_true (td_user_store_get_loaded (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_false (td_user_store_get_loading (store));
  g_clear_error (&refused.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/user-store/account-owns-stores", Fixture, NULL,
              fixture_setup, test_account_owns_stores, fixture_teardown);
  g_test_add ("/user-store/refresh", Fixture, NULL,
              fixture_setup, test_refresh, fixture_teardown);
  g_test_add ("/user-store/refresh-keeps-items", Fixture, NULL,
              fixture_setup, test_refresh_keeps_items, fixture_teardown);
  g_test_add ("/user-store/changes", Fixture, NULL,
              fixture_setup, test_changes, fixture_teardown);
  g_test_add ("/user-store/refresh-errors", Fixture, NULL,
              fixture_setup, test_refresh_errors, fixture_teardown);

  return g_test_run ();
}
