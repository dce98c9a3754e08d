/* test-users-export.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The export of the Users page, in a window under Xvfb, against the
 * in-process sandbox: the whole list, the rows a search shows, the
 * passwords only when asked for (and then mode 0600), and the file
 * imported again on the Import page, where every row "exists".
 *
 * /users-export/odd-cells writes the two files Thordesk makes (an import
 * results file and a Users export) with cells that need quoting or that
 * a spreadsheet would run as formulas; with TD_TEST_CSV_DIR set, into
 * that folder, for test-csv-readback.py to read with readers Thordesk
 * did not write. */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "td-csv.h"
#include "td-import-page.h"
#include "td-page.h"
#include "td-row-model.h"
#include "td-sandbox.h"
#include "td-test-ui.h"
#include "td-users-page.h"

typedef struct
{
  TdTestWindow  w;
  char         *dir;
  gboolean      keep_dir;
} Fixture;

static const char * const residential[] = { "alice001", "bob0002", "carol003", "dave0004", NULL };

static void
add_user (TdSandbox   *sandbox,
          TdProxyType  type,
          const char  *username,
          const char  *password,
          gint64       limit,
          gboolean     enabled)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new_full (type, username, password, limit, enabled);

  td_sandbox_add_user (sandbox, user);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("TD_TEST_CSV_DIR");

  td_test_window_set_up (&fixture->w, NULL, TD_SANDBOX_DEFAULT_TOKEN, NULL, TRUE);
  for (guint i = 0; residential[i] != NULL; i++)
    add_user (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, residential[i], "Secret12", 1024 * (i + 1), i != 2);
  /* Another type: not in the export of the residential list. */
  add_user (fixture->w.sandbox, TD_PROXY_TYPE_MOBILE, "mobile01", "Mobile12", 0, TRUE);

  if (dir != NULL && data != NULL)
    {
      fixture->dir = g_strdup (dir);
      fixture->keep_dir = TRUE;
    }
  else
    {
      fixture->dir = g_dir_make_tmp ("test-users-export-XXXXXX", &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  td_test_window_tear_down (&fixture->w);

  if (!fixture->keep_dir)
    {
      g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

          g_unlink (child);
        }
      g_rmdir (fixture->dir);
    }
  g_free (fixture->dir);
}

static void
open_users_page (Fixture *fixture)
{
  /* The window hands the client the token it loaded; here, at once. */
  td_api_client_set_credentials (fixture->w.client, TD_SANDBOX_DEFAULT_TOKEN, NULL);
  td_test_window_open_page (&fixture->w, TD_TYPE_USERS_PAGE);
  WAIT_UNTIL (gtk_widget_get_mapped (fixture->w.page));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->w.page)) &&
              td_user_store_get_loaded (td_account_get_user_store (fixture->w.account,
                                                                   TD_PROXY_TYPE_RESIDENTIAL)));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  if (!td_users_page_export_finish (TD_USERS_PAGE (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = (GError *) 1;
}

/* Exports the page to @name in the fixture's folder; returns its path. */
static char *
export (Fixture    *fixture,
        const char *name,
        gboolean    only_shown,
        gboolean    passwords)
{
  GFile *file;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  GError *error = NULL;

  file = g_file_new_for_path (path);
  td_users_page_export_async (TD_USERS_PAGE (fixture->w.page), file, only_shown, passwords,
                              NULL, export_done_cb, &error);
  WAIT_UNTIL (error != NULL);
  if (error != (GError *) 1)
    g_error ("The export failed: %s", error->message);
  g_object_unref (file);

  return g_steal_pointer (&path);
}

static GPtrArray *
read_csv (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, TD_CSV_UTF8_BOM));
  records = td_csv_parse (contents, length, 0, NULL, &error);
  g_assert_no_error (error);

  return records;
}

static int
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mode & 0777;
}

/* The users the column view shows, after the search (td-row-model.h). */
static GListModel *
shown_users (Fixture *fixture)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (td_test_page_child (fixture->w.page, "column_view"));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));

  return td_row_model_get_model (TD_ROW_MODEL (gtk_single_selection_get_model (selection)));
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_actionable (c, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static TdImportRow *
row_named (TdImport   *import,
           const char *username)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (import)); i++)
    {
      g_autoptr(TdImportRow) row = g_list_model_get_item (G_LIST_MODEL (import), i);

      if (g_strcmp0 (td_import_row_get_cell (row, TD_IMPORT_FIELD_USERNAME), username) == 0)
        return row;
    }

  return NULL;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *search;
  GtkWidget *button;
  g_autofree char *all = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) records = NULL;
  TdImportPage *import_page;
  GtkWindow *import_window;
  TdImport *import;
  char **cells;

  open_users_page (fixture);

  /* The action is there, enabled with a list, on a named button. */
  button = find_actionable (fixture->w.page, "users.export");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Export Users to a Spreadsheet");
  WAIT_UNTIL (gtk_widget_is_sensitive (button));
  /* One more button in the bar: the page still fits a 360 px window. */
  {
    int minimum = 0;

    gtk_widget_measure (fixture->w.page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }
  g_assert_true (gtk_widget_get_focusable (button) || gtk_widget_get_focus_on_click (button));

  /* The whole list of the type shown, no passwords: 0644. */
  all = export (fixture, "all.csv", FALSE, FALSE);
  g_assert_cmpint (file_mode (all), ==, 0644);
  g_file_get_contents (all, &contents, NULL, NULL);
  g_assert_null (strstr (contents, "Secret12"));
  g_assert_null (strstr (contents, "password"));
  g_assert_null (strstr (contents, "mobile01"));
  records = read_csv (all);
  g_assert_cmpuint (records->len, ==, 1 + g_strv_length ((char **) residential));
  cells = g_ptr_array_index (records, 0);
  g_assert_cmpstr (cells[0], ==, "username");
  g_assert_cmpstr (cells[1], ==, "proxy_type");
  g_assert_cmpstr (cells[2], ==, "traffic_limit_mb");
  g_assert_cmpstr (cells[3], ==, "status");
  g_assert_cmpstr (cells[4], ==, "gateway_login");
  for (guint i = 1; i < records->len; i++)
    {
      cells = g_ptr_array_index (records, i);
      if (g_strcmp0 (cells[0], "carol003") == 0)
        {
          g_assert_cmpstr (cells[1], ==, "residential");
          g_assert_cmpstr (cells[2], ==, "3072");
          g_assert_cmpstr (cells[3], ==, "disabled");
          g_assert_cmpstr (cells[4], ==, "td-customer-carol003");
        }
    }
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Only what a search shows. */
  search = td_test_page_child (fixture->w.page, "search_entry");
  gtk_editable_set_text (GTK_EDITABLE (search), "car");
  WAIT_UNTIL (g_list_model_get_n_items (shown_users (fixture)) == 1 &&
              gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (shown_users (fixture))) == 0);
  shown = export (fixture, "shown.csv", TRUE, FALSE);
  records = read_csv (shown);
  g_assert_cmpuint (records->len, ==, 2);
  cells = g_ptr_array_index (records, 1);
  g_assert_cmpstr (cells[0], ==, "carol003");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* With passwords: 0600, and the password and its URL are there. */
  secret = export (fixture, "secret.csv", FALSE, TRUE);
  g_assert_cmpint (file_mode (secret), ==, 0600);
  records = read_csv (secret);
  cells = g_ptr_array_index (records, 0);
  g_assert_cmpstr (cells[7], ==, "password");
  g_assert_cmpstr (cells[8], ==, "proxy_url");
  cells = g_ptr_array_index (records, 1);
  g_assert_cmpstr (cells[7], ==, "Secret12");
  g_assert_nonnull (strstr (cells[8], ":Secret12@"));
  g_clear_pointer (&records, g_ptr_array_unref);
  /* Nothing else next to the files: written in place, renamed. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 3);
  }

  /* Imported again: every row exists, nothing to create. */
  import_page = td_import_page_new (fixture->w.account);
  import_window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (import_window, 1000, 700);
  gtk_window_set_child (import_window, GTK_WIDGET (import_page));
  gtk_window_present (import_window);
  import = td_import_page_get_import (import_page);
  {
    g_autoptr(GFile) file = g_file_new_for_path (secret);

    td_import_page_open_file (import_page, file);
  }
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (import)) == g_strv_length ((char **) residential) &&
              !td_page_get_busy (TD_PAGE (import_page)) &&
              td_import_row_get_state (row_named (import, "alice001")) == TD_IMPORT_ROW_EXISTS);
  for (guint i = 0; residential[i] != NULL; i++)
    g_assert_cmpint (td_import_row_get_state (row_named (import, residential[i])), ==, TD_IMPORT_ROW_EXISTS);
  g_assert_cmpuint (td_import_get_n_skipped (import), ==, g_strv_length ((char **) residential));
  g_assert_cmpuint (td_import_get_n_ready (import), ==, 0);
  g_assert_cmpuint (td_import_get_n_invalid (import), ==, 0);

  /* And the file without passwords too. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (all);

    td_import_page_open_file (import_page, file);
  }
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (import_page)) &&
              g_list_model_get_n_items (G_LIST_MODEL (import)) == g_strv_length ((char **) residential) &&
              td_import_get_n_skipped (import) == g_strv_length ((char **) residential));
  g_assert_cmpuint (td_import_get_n_ready (import), ==, 0);

  gtk_window_destroy (import_window);
  td_test_ui_flush ();
}

/* Cells that need quoting, and cells a spreadsheet would run. */
static const char * const odd[] = {
  "=HYPERLINK(\"http://example.com\",\"x\")", "+15551234", "-2+3", "@SUM(A1)",
  "comma,name", "quote\"name", "élan ünïcödé", NULL
};

/* What a spreadsheet must show for @cell: the cells it would run as
 * formulas are shown as text, after an apostrophe (td_csv_append_row()). */
static char *
shown_as (const char *cell)
{
  if (strchr ("=+-@", cell[0]) != NULL)
    return g_strconcat ("'", cell, NULL);

  return g_strdup (cell);
}

static gboolean
records_have (GPtrArray  *records,
              const char *cell)
{
  for (guint i = 1; i < records->len; i++)
    if (g_strcmp0 (((char **) g_ptr_array_index (records, i))[0], cell) == 0)
      return TRUE;

  return FALSE;
}

static void
test_odd_cells (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *users = NULL;
  g_autofree char *results = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GFile) users_file = NULL;
  g_autoptr(GFile) results_file = NULL;
  TdImportPage *import_page;
  GtkWindow *import_window;
  TdImport *import;

  /* Whatever the server lists is written as it is. */
  for (guint i = 0; odd[i] != NULL; i++)
    add_user (fixture->w.sandbox, TD_PROXY_TYPE_RESIDENTIAL, odd[i], "Secret12", 0, TRUE);

  open_users_page (fixture);
  users = export (fixture, "users.csv", FALSE, TRUE);
  records = read_csv (users);
  g_assert_cmpuint (records->len, ==, 1 + g_strv_length ((char **) residential) + g_strv_length ((char **) odd));
  for (guint i = 0; odd[i] != NULL; i++)
    {
      g_autofree char *expected = shown_as (odd[i]);

      g_assert_true (records_have (records, expected));
    }
  g_clear_pointer (&records, g_ptr_array_unref);

  /* The export imported: the odd names are refused, and the results
   * file says so, with the same cells. */
  import_page = td_import_page_new (fixture->w.account);
  import_window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (import_window, GTK_WIDGET (import_page));
  gtk_window_present (import_window);
  import = td_import_page_get_import (import_page);
  /* And a line break inside a cell, which no list carries. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *path = g_build_filename (fixture->dir, "import.csv", NULL);
    g_autofree char *more = NULL;

    g_file_get_contents (users, &contents, NULL, NULL);
    more = g_strconcat (contents, "\"line\r\nbreak\",residential,0,enabled\r\n", NULL);
    g_file_set_contents (path, more, -1, NULL);
    users_file = g_file_new_for_path (path);
  }
  td_import_page_open_file (import_page, users_file);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (import)) == 1 + g_strv_length ((char **) residential) + g_strv_length ((char **) odd) &&
              !td_page_get_busy (TD_PAGE (import_page)));
  results = g_build_filename (fixture->dir, "results.csv", NULL);
  results_file = g_file_new_for_path (results);
  g_object_set_data (G_OBJECT (import_page), "saved", NULL);
  td_import_page_save_results (import_page, results_file);
  WAIT_UNTIL (g_object_get_data (G_OBJECT (import_page), "saved") != NULL);
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (import_page), "saved")), ==, 1);
  g_assert_cmpint (file_mode (results), ==, 0644);
  records = read_csv (results);
  g_assert_true (records_have (records, "line\r\nbreak") || records_have (records, "line\nbreak"));
  for (guint i = 0; odd[i] != NULL; i++)
    {
      g_autofree char *expected = shown_as (odd[i]);

      g_assert_true (records_have (records, expected));
    }

  gtk_window_destroy (import_window);
  td_test_ui_flush ();
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

  g_test_add ("/users-export/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);

  g_test_add ("/users-export/odd-cells", Fixture, GINT_TO_POINTER (1), fixture_set_up, test_odd_cells,
              fixture_tear_down);

  return g_test_run ();
}
