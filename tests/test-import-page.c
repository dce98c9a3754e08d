/* test-import-page.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Import page in a plain window under Xvfb, against the in-process
 * sandbox: a CSV file opened, its counts, cells fixed in place, the
 * creates, the results file (mode 0600 with passwords) and the export
 * of every user, which imported again shows every row as existing. */

#include "config.h"

#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "td-account.h"
#include "td-api-client.h"
#include "td-credentials.h"
#include "td-csv.h"
#include "td-import-page.h"
#include "td-sandbox.h"
#include "td-test-ui.h"
#include "td-user-store.h"

typedef struct
{
  TdSandbox    *sandbox;
  TdApiClient  *client;
  TdAccount    *account;
  GtkWindow    *window;
  TdImportPage *page;
  GSettings    *settings;
  char         *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(TdProxyUser) bob = td_proxy_user_new ();

  fixture->sandbox = td_sandbox_new ();
  td_sandbox_start (fixture->sandbox, &error);
  g_assert_no_error (error);
  td_proxy_user_set_username (bob, "bob0002");
  td_proxy_user_set_password (bob, "Other123");
  td_sandbox_add_user (fixture->sandbox, bob);

  fixture->client = td_api_client_new (td_sandbox_get_base_url (fixture->sandbox));
  td_api_client_set_credentials (fixture->client, TD_SANDBOX_DEFAULT_TOKEN, NULL);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "import-concurrency");
  fixture->account = td_account_new (fixture->client, credentials, fixture->settings, TRUE);

  fixture->page = td_import_page_new (fixture->account);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);

  fixture->dir = g_dir_make_tmp ("test-import-page-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gboolean done = FALSE;

  /* Whatever the window still has to do (a focus change) runs first. */
  g_timeout_add (100, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  td_test_ui_flush ();
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return td_test_ui_child (fixture->page, TD_TYPE_IMPORT_PAGE, name);
}

/* The first mapped widget under @widget that @match accepts with @text. */
static GtkWidget *
find_mapped (GtkWidget  *widget,
             gboolean  (*match) (GtkWidget *, const char *),
             const char *text)
{
  if (gtk_widget_get_mapped (widget) && match (widget, text))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mapped (c, match, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_cell_with (GtkWidget  *widget,
              const char *text)
{
  return GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0;
}

static gboolean
is_label_with (GtkWidget  *widget,
               const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The editable cell of the table showing @text. */
static GtkEntry *
find_cell (GtkWidget  *widget,
           const char *text)
{
  return (GtkEntry *) find_mapped (widget, is_cell_with, text);
}

static void
edit_cell (Fixture    *fixture,
           const char *old_text,
           const char *new_text)
{
  GtkEntry *cell = NULL;

  WAIT_UNTIL ((cell = find_cell (GTK_WIDGET (fixture->page), old_text)) != NULL);
  gtk_widget_grab_focus (GTK_WIDGET (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), new_text);
  /* Enter, as typed. */
  g_signal_emit_by_name (cell, "activate");
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

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (fixture, name)));
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* Until @widget's window has drawn a frame: what is measured or pictured
 * after it is what is on screen. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
  gtk_widget_queue_draw (widget);
  WAIT_UNTIL (painted);
  g_signal_handler_disconnect (clock, id);
}

/* With THORDESK_TEST_SHOT=FILE.png, a picture of the window, to look at. */
static void
maybe_take_shot (Fixture *fixture)
{
  const char *path = g_getenv ("THORDESK_TEST_SHOT");
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (path == NULL)
    return;

  wait_for_frame (GTK_WIDGET (fixture->page));
  /* The page as its window last drew it (a window's paintable draws
   * nothing once the window is on screen). */
  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (GTK_WIDGET (fixture->window), GTK_WIDGET (fixture->page), snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)), node, NULL);
  gdk_texture_save_to_png (texture, path);
}

static gboolean
saved (Fixture *fixture)
{
  return g_object_get_data (G_OBJECT (fixture->page), "saved") != NULL;
}

static GPtrArray *
read_csv (GFile *file)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  g_file_load_contents (file, NULL, &contents, &length, NULL, &error);
  g_assert_no_error (error);
  records = td_csv_parse (contents, length, 0, NULL, &error);
  g_assert_no_error (error);

  return records;
}

static void
test_import_flow (Fixture       *fixture,
                  gconstpointer  data)
{
  TdImport *import = td_import_page_get_import (fixture->page);
  TdUserStore *store = td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) results = NULL;
  g_autoptr(GFile) plain = NULL;
  g_autoptr(GFile) all = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;
  char **cells;
  TdProxyUser *stored;
  gboolean found_carol = FALSE;

  /* The page reads the account's users itself. */
  WAIT_UNTIL (td_user_store_get_loaded (store));

  file = write_file (fixture, "team.csv",
                     "\xEF\xBB\xBFusername;password;traffic_limit_gb\r\n"
                     "alice01;Secret12;2\r\n"
                     "bob0002;;\r\n"
                     "carol03;;\r\n"
                     "bad;x;\r\n");
  td_import_page_open_file (fixture->page, file);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (import)) == 4 && !td_page_get_busy (TD_PAGE (fixture->page)));

  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, "2 will be created, 1 skipped, 1 invalid");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (fixture, "create_button"))), ==, "Create 2 Users");
  g_assert_cmpint (td_import_row_get_state (row_named (import, "bob0002")), ==, TD_IMPORT_ROW_EXISTS);
  g_assert_nonnull (strstr (td_import_row_get_message (row_named (import, "bad")), "Use at least 6 characters."));

  /* Fixed in place, in the table. */
  edit_cell (fixture, "bad", "dave004");
  WAIT_UNTIL (row_named (import, "dave004") != NULL);
  edit_cell (fixture, "x", "Secret34");
  WAIT_UNTIL (g_strcmp0 (label_text (fixture, "summary_label"), "3 will be created, 1 skipped, 0 invalid") == 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "import.create", NULL);
  g_assert_true (td_page_get_busy (TD_PAGE (fixture->page)));
  g_assert_true (gtk_widget_get_child_visible (child (fixture, "progress_bar")));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->page)));

  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, "Done: 3 created, 0 failed.");
  maybe_take_shot (fixture);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (child (fixture, "progress_bar"))), ==, 1.0);
  g_assert_cmpint (td_import_row_get_state (row_named (import, "alice01")), ==, TD_IMPORT_ROW_CREATED);
  g_assert_cmpint (td_import_row_get_state (row_named (import, "dave004")), ==, TD_IMPORT_ROW_CREATED);
  stored = td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice01");
  g_assert_nonnull (stored);
  g_assert_cmpint (td_proxy_user_get_traffic_limit (stored), ==, 2048);
  g_assert_nonnull (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "dave004"));
  /* The store the other pages read knows them at once. */
  g_assert_nonnull (td_user_store_lookup (store, "carol03"));

  /* Results with passwords: 0600, and the generated password is there. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (fixture, "passwords_check")), TRUE);
  results = g_file_get_child (g_file_new_for_path (fixture->dir), "results.csv");
  td_import_page_save_results (fixture->page, results);
  WAIT_UNTIL (saved (fixture));
  path = g_file_get_path (results);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  records = read_csv (results);
  cells = g_ptr_array_index (records, 0);
  g_assert_cmpstr (cells[0], ==, "username");
  g_assert_cmpstr (cells[6], ==, "password");
  for (guint i = 1; i < records->len; i++)
    {
      cells = g_ptr_array_index (records, i);
      if (g_strcmp0 (cells[0], "carol03") == 0)
        {
          stored = td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "carol03");
          g_assert_cmpstr (cells[1], ==, "Created");
          g_assert_cmpstr (cells[3], ==, "td-customer-carol03");
          g_assert_cmpstr (cells[6], ==, td_proxy_user_get_password (stored));
          found_carol = TRUE;
        }
    }
  g_assert_true (found_carol);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Without passwords: no password anywhere in the file. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (fixture, "passwords_check")), FALSE);
  plain = g_file_get_child (g_file_new_for_path (fixture->dir), "plain.csv");
  td_import_page_save_results (fixture->page, plain);
  WAIT_UNTIL (saved (fixture));
  g_file_load_contents (plain, NULL, &contents, NULL, NULL, NULL);
  g_assert_nonnull (contents);
  g_assert_null (strstr (contents, "Secret12"));
  g_assert_null (strstr (contents, td_proxy_user_get_password (stored)));
  g_assert_null (strstr (contents, "password"));

  /* Every user of the account, exported, imported again: all exist. */
  all = g_file_get_child (g_file_new_for_path (fixture->dir), "all.csv");
  td_import_page_export_all (fixture->page, all);
  WAIT_UNTIL (saved (fixture));
  td_import_page_open_file (fixture->page, all);
  WAIT_UNTIL (row_named (import, "alice01") != NULL &&
              td_import_row_get_state (row_named (import, "alice01")) == TD_IMPORT_ROW_EXISTS &&
              !td_page_get_busy (TD_PAGE (fixture->page)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (import)), ==, td_sandbox_get_n_users (fixture->sandbox));
  g_assert_cmpuint (td_import_get_n_skipped (import), ==, td_sandbox_get_n_users (fixture->sandbox));
  g_assert_cmpuint (td_import_get_n_ready (import), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "create_button")));
}

static void
test_bad_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "photo.csv", "\x89PNG\r\n\x1a\n");
  g_autoptr(GFile) big = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "big.csv", NULL);
  g_autofree char *cap = g_format_size_full (TD_CSV_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);
  int fd;

  td_import_page_open_file (fixture->page, file);
  WAIT_UNTIL (gtk_widget_get_visible (child (fixture, "error_revealer")) &&
              !td_page_get_busy (TD_PAGE (fixture->page)));
  g_assert_cmpstr (label_text (fixture, "error_label"), ==, "This is not a text file. Choose a file saved as CSV.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (td_import_page_get_import (fixture->page))), ==, 0);

  /* 50 MB (sparse): refused, naming the cap, without reading it all. */
  fd = g_open (path, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 50 * 1024 * 1024), ==, 0);
  close (fd);
  big = g_file_new_for_path (path);
  td_import_page_open_file (fixture->page, big);
  WAIT_UNTIL (strstr (label_text (fixture, "error_label"), "too large") != NULL &&
              !td_page_get_busy (TD_PAGE (fixture->page)));
  g_assert_nonnull (strstr (label_text (fixture, "error_label"), cap));
}

/* Cells copied from a spreadsheet: tab-separated, with Ctrl+V's action. */
static void
test_paste (Fixture       *fixture,
            gconstpointer  data)
{
  TdImport *import = td_import_page_get_import (fixture->page);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->page));

  gdk_clipboard_set_text (clipboard, "Username\tTraffic limit GB\r\nerin0005\t3\r\nfrank06\t\r\n");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "import.paste", NULL);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (import)) == 2 && !td_page_get_busy (TD_PAGE (fixture->page)));
  g_assert_cmpstr (label_text (fixture, "source_label"), ==, "Pasted cells");
  g_assert_cmpint (td_proxy_user_get_traffic_limit (td_import_row_get_user (row_named (import, "erin0005"))), ==, 3072);

  /* Nothing to paste: said next to the buttons, the rows stay. */
  gdk_clipboard_set_text (clipboard, "");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "import.paste", NULL);
  WAIT_UNTIL (gtk_widget_get_visible (child (fixture, "error_revealer")) && !td_page_get_busy (TD_PAGE (fixture->page)));
  g_assert_cmpstr (label_text (fixture, "error_label"), ==, "The clipboard holds no text. Copy cells in the spreadsheet first.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (import)), ==, 2);
}

/* Closing the window while creating: what is in flight finishes, the
 * page touches none of its disposed widgets (a critical would fail the
 * test), and nothing new is sent. */
static void
test_close_while_creating (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("username\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(TdImport) import = g_object_ref (td_import_page_get_import (fixture->page));
  GPtrArray *requests;
  guint n_before;
  gboolean done = FALSE;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (text, "member%03u\n", i);
  file = write_file (fixture, "team.csv", text->str);
  WAIT_UNTIL (td_user_store_get_loaded (td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL)));
  td_import_page_open_file (fixture->page, file);
  WAIT_UNTIL (td_import_get_n_ready (import) == 40 && !td_page_get_busy (TD_PAGE (fixture->page)));

  g_settings_set_uint (fixture->settings, "import-concurrency", 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "import.create", NULL);
  requests = td_sandbox_get_requests (fixture->sandbox);
  n_before = requests->len;
  WAIT_UNTIL (requests->len > n_before);

  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  fixture->page = NULL;

  /* At most what was in flight is answered after that. */
  g_timeout_add (1000, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), <, 1 + 40);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (import)); i++)
    {
      g_autoptr(TdImportRow) row = g_list_model_get_item (G_LIST_MODEL (import), i);
      TdImportRowState state = td_import_row_get_state (row);

      g_assert_true (state == TD_IMPORT_ROW_CREATED || state == TD_IMPORT_ROW_READY);
    }
}

static void
open_members (Fixture  *fixture,
              TdImport *import,
              guint     n)
{
  g_autoptr(GString) text = g_string_new ("username\n");
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "member%03u\n", i);
  file = write_file (fixture, "team.csv", text->str);
  WAIT_UNTIL (td_user_store_get_loaded (td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL)));
  td_import_page_open_file (fixture->page, file);
  WAIT_UNTIL (td_import_get_n_ready (import) == n && !td_page_get_busy (TD_PAGE (fixture->page)));
}

/* Starting a run moves nothing on the page: the table keeps its height
 * (the progress bar had its room already) and the State column is as
 * wide as the widest name a state can have from the start, so that the
 * frames of a run redraw what changed, not the whole window. */
static void
test_steady_layout (Fixture       *fixture,
                    gconstpointer  data)
{
  TdImport *import = td_import_page_get_import (fixture->page);
  GtkWidget *table = gtk_widget_get_parent (child (fixture, "column_view"));
  GtkWidget *state = NULL;
  int table_height, window_height, widest = 0;

  open_members (fixture, import, 12);
  WAIT_UNTIL ((state = find_mapped (GTK_WIDGET (fixture->page), is_label_with, "New")) != NULL);
  wait_for_frame (state);
  table_height = gtk_widget_get_height (table);
  window_height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  for (TdImportRowState s = TD_IMPORT_ROW_READY; s <= TD_IMPORT_ROW_UNKNOWN; s++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (state, td_import_row_state_to_string (s));
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  g_assert_cmpint (gtk_widget_get_width (state), >=, widest);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "import.create", NULL);
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->page)));
  WAIT_UNTIL ((state = find_mapped (GTK_WIDGET (fixture->page), is_label_with, "Created")) != NULL);
  wait_for_frame (state);

  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->window)), ==, window_height);
  g_assert_cmpint (gtk_widget_get_height (table), ==, table_height);
  g_assert_cmpint (gtk_widget_get_width (state), >=, widest);
  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, "Done: 12 created, 0 failed.");
}

/* Stop pressed in the very frame of Create, before the first create has
 * gone out: nothing is sent, every row is as it was, and the page says
 * it was stopped. */
static void
test_stop_before_sending (Fixture       *fixture,
                          gconstpointer  data)
{
  TdImport *import = td_import_page_get_import (fixture->page);
  guint n_users = td_sandbox_get_n_users (fixture->sandbox);

  open_members (fixture, import, 8);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "import.create", NULL);
  g_assert_true (td_page_get_busy (TD_PAGE (fixture->page)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "import.stop", NULL);
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (fixture->page)));

  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, n_users);
  g_assert_cmpuint (td_import_get_n_ready (import), ==, 8);
  g_assert_true (g_str_has_prefix (label_text (fixture, "summary_label"), "Stopped: 0 created, 0 failed."));
  g_assert_true (gtk_widget_is_sensitive (child (fixture, "type_dropdown")));
  g_assert_true (gtk_widget_is_sensitive (child (fixture, "create_button")));
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

  g_test_add ("/import-page/flow", Fixture, NULL, fixture_set_up, test_import_flow, fixture_tear_down);
  g_test_add ("/import-page/bad-file", Fixture, NULL, fixture_set_up, test_bad_file, fixture_tear_down);
  g_test_add ("/import-page/paste", Fixture, NULL, fixture_set_up, test_paste, fixture_tear_down);
  g_test_add ("/import-page/close-while-creating", Fixture, NULL, fixture_set_up, test_close_while_creating,
              fixture_tear_down);
  g_test_add ("/import-page/steady-layout", Fixture, NULL, fixture_set_up, test_steady_layout, fixture_tear_down);
  g_test_add ("/import-page/stop-before-sending", Fixture, NULL, fixture_set_up, test_stop_before_sending,
              fixture_tear_down);

  return g_test_run ();
}
