/* test-row-model.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* TdRowModel over a GListStore: rows stay at their position and follow
 * the items, changes reach the consumer only at the end, and rows come
 * and go in steps when the consumer is slow. */

#include "config.h"

#include "td-proxy-user.h"
#include "td-row-model.h"

typedef struct
{
  GListStore *store;
  TdRowModel *rows;
  /* Every items-changed of rows, as (position, removed, added). */
  GArray     *changes;
  /* Slept in each items-changed, like a list widget building rows. */
  gulong      consumer_usec;
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  Change change = { position, removed, added };

  g_array_append_val (fixture->changes, change);
  if (fixture->consumer_usec > 0)
    g_usleep (fixture->consumer_usec);
}

static TdProxyUser *
new_user (const char *username)
{
  TdProxyUser *user = td_proxy_user_new ();

  td_proxy_user_set_username (user, username);
  return user;
}

static void
append_users (Fixture *fixture,
              guint    n_users)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_users; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%05u", i);

      g_ptr_array_add (users, new_user (name));
    }

  g_list_store_splice (fixture->store, 0, 0, users->pdata, users->len);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = g_list_store_new (TD_TYPE_PROXY_USER);
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (Change));
}

static void
fixture_watch (Fixture *fixture)
{
  fixture->rows = td_row_model_new (G_LIST_MODEL (fixture->store));
  g_signal_connect (fixture->rows, "items-changed", G_CALLBACK (on_items_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->rows);
  g_clear_object (&fixture->store);
  g_array_unref (fixture->changes);
}

static TdRow *
get_row (Fixture *fixture,
         guint    position)
{
  TdRow *row = g_list_model_get_item (G_LIST_MODEL (fixture->rows), position);

  g_assert_nonnull (row);
  g_assert_true (TD_IS_ROW (row));
  return row;
}

static const char *
row_username (TdRow *row)
{
  TdProxyUser *user = td_row_get_item (row);

  return user != NULL ? td_proxy_user_get_username (user) : NULL;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
assert_change (Fixture *fixture,
               guint    index,
               guint    position,
               guint    removed,
               guint    added)
{
  Change *change;

  g_assert_cmpuint (index, <, fixture->changes->len);
  change = &g_array_index (fixture->changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
iterate_until_complete (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!td_row_model_is_complete (fixture->rows) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  g_assert_true (td_row_model_is_complete (fixture->rows));
}

/* The rows stay; what they show moves. */
static void
test_rows_stay (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TdRow) row0 = NULL, row1 = NULL, row2 = NULL, row3 = NULL, row4 = NULL;
  g_autoptr(TdProxyUser) inserted = new_user ("inserted");
  guint notified1 = 0, notified4 = 0;

  append_users (fixture, 5);
  fixture_watch (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 5);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->rows)) == TD_TYPE_ROW);

  /* Held, as a list widget holds the rows it shows. */
  row0 = get_row (fixture, 0);
  row1 = get_row (fixture, 1);
  row2 = get_row (fixture, 2);
  row3 = get_row (fixture, 3);
  row4 = get_row (fixture, 4);
  g_assert_cmpstr (row_username (row1), ==, "user00001");
  g_signal_connect (row1, "notify::item", G_CALLBACK (count_notify), &notified1);
  g_signal_connect (row4, "notify::item", G_CALLBACK (count_notify), &notified4);

  /* The second user goes: the rows from the second on show the next
   * user; the last row, held, becomes spare (no item), then goes in a
   * step of its own; only that is an items-changed. */
  g_list_store_remove (fixture->store, 1);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 5);
  g_assert_false (td_row_model_is_complete (fixture->rows));
  g_assert_cmpstr (row_username (row0), ==, "user00000");
  g_assert_cmpstr (row_username (row1), ==, "user00002");
  g_assert_cmpstr (row_username (row2), ==, "user00003");
  g_assert_cmpstr (row_username (row3), ==, "user00004");
  g_assert_null (td_row_get_item (row4));
  g_assert_cmpuint (notified1, ==, 1);
  g_assert_cmpuint (notified4, ==, 1);
  iterate_until_complete (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  assert_change (fixture, 0, 4, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 4);

  /* The same row objects are still there. */
  {
    g_autoptr(TdRow) again = get_row (fixture, 1);

    g_assert_true (again == row1);
  }

  /* One comes in front: every row moves down one user; one row is added
   * at the end. */
  g_list_store_insert (fixture->store, 0, inserted);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  assert_change (fixture, 1, 4, 0, 1);
  g_assert_cmpstr (row_username (row0), ==, "inserted");
  g_assert_cmpstr (row_username (row1), ==, "user00000");
  {
    g_autoptr(TdRow) last = get_row (fixture, 4);

    g_assert_cmpstr (row_username (last), ==, "user00004");
  }

  /* A change of the user itself is a change of the row. */
  notified1 = 0;
  td_proxy_user_set_traffic_limit (td_row_get_item (row1), 12345);
  g_assert_cmpuint (notified1, ==, 1);

  /* The item below, without the row. */
  {
    g_autoptr(TdProxyUser) user = td_row_model_get_item (fixture->rows, 2);

    g_assert_cmpstr (td_proxy_user_get_username (user), ==, "user00002");
    g_assert_null (td_row_model_get_item (fixture->rows, 5));
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->rows), 5));
  }

  g_assert_true (td_row_model_get_model (fixture->rows) == G_LIST_MODEL (fixture->store));
}

/* A row nobody holds is not kept up to date: asked for again, it shows
 * what is there now. */
static void
test_rows_unheld (Fixture       *fixture,
                  gconstpointer  data)
{
  append_users (fixture, 3);
  fixture_watch (fixture);

  g_object_unref (get_row (fixture, 2));
  g_list_store_remove (fixture->store, 0);

  {
    g_autoptr(TdRow) row = get_row (fixture, 1);

    g_assert_cmpstr (row_username (row), ==, "user00002");
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 2);
}

/* With a slow consumer, rows come in steps, each a change at the end,
 * and the model catches up from idles. */
static void
test_rows_grow_in_steps (Fixture       *fixture,
                         gconstpointer  data)
{
  guint n_rows = 0;

  fixture_watch (fixture);
  fixture->consumer_usec = TD_ROW_MODEL_STEP_USEC / 2;

  append_users (fixture, 500);
  /* Not all at once... */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), <, 500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), >, 0);
  g_assert_false (td_row_model_is_complete (fixture->rows));

  /* ...but soon. */
  iterate_until_complete (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 500);
  g_assert_cmpuint (fixture->changes->len, >, 1);
  for (guint i = 0; i < fixture->changes->len; i++)
    {
      Change *change = &g_array_index (fixture->changes, Change, i);

      g_assert_cmpuint (change->position, ==, n_rows);
      g_assert_cmpuint (change->removed, ==, 0);
      n_rows += change->added;
    }
  g_assert_cmpuint (n_rows, ==, 500);

  {
    g_autoptr(TdRow) row = get_row (fixture, 499);

    g_assert_cmpstr (row_username (row), ==, "user00499");
  }
}

/* Spare rows: held rows past the new end lose their item and go in steps;
 * rows nobody holds go at once; a spare row that is needed again is
 * used again. */
static void
test_rows_shrink_in_steps (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TdProxyUser) extra = new_user ("extra");
  guint n_items;

  append_users (fixture, 1000);
  fixture_watch (fixture);
  g_assert_true (td_row_model_is_complete (fixture->rows));

  /* A list widget holds the first 100 rows. */
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (held, get_row (fixture, i));

  fixture->consumer_usec = TD_ROW_MODEL_STEP_USEC / 2;
  g_list_store_splice (fixture->store, 10, 990, NULL, 0);

  /* The 900 rows nobody holds went at once; the held ones past the end
   * are spare, and hidden by whoever shows them (no item), until a step
   * removes them. */
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  assert_change (fixture, 0, 100, 900, 0);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (fixture->rows));
  g_assert_cmpuint (n_items, ==, 100);
  for (guint i = 10; i < n_items; i++)
    g_assert_null (td_row_get_item (g_ptr_array_index (held, i)));
  g_assert_cmpstr (row_username (g_ptr_array_index (held, 9)), ==, "user00009");

  /* One step: some go, within its time. */
  g_main_context_iteration (NULL, FALSE);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (fixture->rows));
  g_assert_cmpuint (n_items, >, 10);
  g_assert_cmpuint (n_items, <, 100);

  /* One more user: the first spare row shows it, without a change. */
  {
    guint n_changes = fixture->changes->len;

    fixture->consumer_usec = 0;
    g_list_store_append (fixture->store, extra);
    g_assert_cmpstr (row_username (g_ptr_array_index (held, 10)), ==, "extra");
    /* Only removals of spare rows, at the end, may have come. */
    for (guint i = n_changes; i < fixture->changes->len; i++)
      {
        Change *change = &g_array_index (fixture->changes, Change, i);

        g_assert_cmpuint (change->added, ==, 0);
        g_assert_cmpuint (change->position, >=, 11);
      }
  }

  iterate_until_complete (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 11);
}

/* td_row_model_complete() does at once what the idles would. */
static void
test_rows_complete (Fixture       *fixture,
                    gconstpointer  data)
{
  fixture_watch (fixture);
  fixture->consumer_usec = TD_ROW_MODEL_STEP_USEC / 2;

  append_users (fixture, 200);
  g_assert_false (td_row_model_is_complete (fixture->rows));
  fixture->consumer_usec = 0;
  td_row_model_complete (fixture->rows);
  g_assert_true (td_row_model_is_complete (fixture->rows));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 200);

  /* Gone with a step in flight: nothing runs afterwards. */
  fixture->consumer_usec = TD_ROW_MODEL_STEP_USEC / 2;
  g_list_store_remove_all (fixture->store);
  append_users (fixture, 300);
  g_signal_handlers_disconnect_by_data (fixture->rows, fixture);
  g_clear_object (&fixture->rows);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/row-model/rows-stay", test_rows_stay);
  ADD ("/row-model/unheld", test_rows_unheld);
  ADD ("/row-model/grow-in-steps", test_rows_grow_in_steps);
  ADD ("/row-model/shrink-in-steps", test_rows_shrink_in_steps);
  ADD ("/row-model/complete", test_rows_complete);

#undef ADD

  return g_test_run ();
}
