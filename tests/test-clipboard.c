/* test-clipboard.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Copied secrets, under Xvfb: marked for clipboard managers, and gone
 * from the clipboard after the delay, but only while they are still what
 * the clipboard holds.  The delay is shortened for the test. */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "td-clipboard.h"
#include "td-proxy-user.h"
#include "td-result-card.h"
#include "td-test-ui.h"

#define SECRET     "ClipSecret4Kq"
#define USERNAME   "clipuser2026"
#define DELAY_MS   200
#define HINT_MIME  "x-kde-passwordManagerHint"

typedef struct
{
  GtkWindow    *window;
  TdResultCard *card;
  GdkClipboard *clipboard;
} Fixture;

/* Waits until the X server has told this process everything about the
 * clipboard so far: a selection change it reports late would otherwise
 * look like another program taking the clipboard. */
static void
settle (void)
{
  gdk_display_sync (gdk_display_get_default ());
  td_test_ui_flush ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  td_clipboard_set_clear_delay (DELAY_MS);

  fixture->card = td_result_card_new ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->card));
  gtk_window_present (fixture->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));

  /* Not emptied here: claiming the X selection for nothing and at once
   * for a text can leave the text unclaimed.  Every test waits for the
   * clearings it starts, so none is pending when the next one begins. */
  fixture->clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->card));
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->window);

  td_clipboard_set_clear_delay (TD_CLIPBOARD_SECRET_SECONDS * 1000);
  td_test_ui_flush ();
}

typedef struct
{
  gboolean  done;
  char     *text;
} ReadResult;

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadResult *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

/* The clipboard's text, as a paste would read it; NULL when empty. */
static char *
read_text (Fixture *fixture)
{
  ReadResult read = { FALSE, NULL };

  gdk_clipboard_read_text_async (fixture->clipboard, NULL, read_text_cb, &read);
  WAIT_UNTIL (read.done);

  return read.text;
}

static void
hint_spliced_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadResult *read = user_data;
  GMemoryOutputStream *output = G_MEMORY_OUTPUT_STREAM (object);

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (output), result, NULL) >= 0)
    read->text = g_strndup (g_memory_output_stream_get_data (output),
                            g_memory_output_stream_get_data_size (output));
  read->done = TRUE;
}

/* Reads the whole stream without blocking: the clipboard's own content
 * is written into it by this main loop. */
static void
read_hint_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadResult *read = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) output = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, NULL, NULL);
  if (stream == NULL)
    {
      read->done = TRUE;
      return;
    }

  output = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (output, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, hint_spliced_cb, read);
}

/* The value of the password manager hint, or NULL. */
static char *
read_hint (Fixture *fixture)
{
  static const char *mime_types[] = { HINT_MIME, NULL };
  ReadResult read = { FALSE, NULL };

  gdk_clipboard_read_async (fixture->clipboard, mime_types, G_PRIORITY_DEFAULT, NULL,
                            read_hint_cb, &read);
  WAIT_UNTIL (read.done);

  return read.text;
}

static gboolean
clipboard_is_empty (Fixture *fixture)
{
  return gdk_clipboard_get_content (fixture->clipboard) == NULL &&
         !gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (fixture->clipboard),
                                                 "text/plain;charset=utf-8");
}

static gboolean
set_flag (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;

  return G_SOURCE_REMOVE;
}

/* Waits until Thordesk cleared the clipboard, and until the X server's
 * word about it has come back (settle()). */
static void
wait_cleared (Fixture *fixture)
{
  WAIT_UNTIL (clipboard_is_empty (fixture));
  settle ();
}

/* Lets well more than the clearing delay pass, running the main loop. */
static void
wait_past_delay (void)
{
  gboolean passed = FALSE;

  g_timeout_add (DELAY_MS * 3, set_flag, &passed);
  WAIT_UNTIL (passed);
}

static void
test_clipboard_secret_cleared (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *hint = NULL;
  gint64 copied_at;

  td_clipboard_copy_secret (GTK_WIDGET (fixture->card), SECRET);
  copied_at = g_get_monotonic_time ();

  text = read_text (fixture);
  g_assert_cmpstr (text, ==, SECRET);
  hint = read_hint (fixture);
  g_assert_cmpstr (hint, ==, "secret");

  /* Gone after the delay, not before. */
  wait_cleared (fixture);
  g_assert_cmpint (g_get_monotonic_time () - copied_at, >=, DELAY_MS * 1000);
  g_clear_pointer (&text, g_free);
  text = read_text (fixture);
  g_assert_null (text);
}

static void
test_clipboard_replaced_is_kept (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *text = NULL;

  td_clipboard_copy_secret (GTK_WIDGET (fixture->card), SECRET);

  /* The user copies something else before the delay is over: that is
   * not Thordesk's to clear. */
  gdk_clipboard_set_text (fixture->clipboard, "something else");
  wait_past_delay ();

  text = read_text (fixture);
  g_assert_cmpstr (text, ==, "something else");
}

static void
test_clipboard_plain_text_is_kept (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *hint = NULL;

  td_clipboard_copy_text (GTK_WIDGET (fixture->card), "td-customer-" USERNAME);
  wait_past_delay ();

  text = read_text (fixture);
  g_assert_cmpstr (text, ==, "td-customer-" USERNAME);
  hint = read_hint (fixture);
  g_assert_null (hint);
}

/* The result card's buttons: the password and the proxy URL (which holds
 * the password) are secrets, the login is not. */
static void
test_clipboard_result_card (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new ();
  g_autofree char *text = NULL;

  td_proxy_user_set_username (user, USERNAME);
  td_proxy_user_set_password (user, SECRET);
  td_result_card_show_user (fixture->card, user, NULL);

  gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.copy-password", NULL);
  text = read_text (fixture);
  g_assert_cmpstr (text, ==, SECRET);
  wait_cleared (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.copy-url", NULL);
  g_clear_pointer (&text, g_free);
  text = read_text (fixture);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, SECRET));
  wait_cleared (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.copy-login", NULL);
  wait_past_delay ();
  g_clear_pointer (&text, g_free);
  text = read_text (fixture);
  g_assert_cmpstr (text, ==, "td-customer-" USERNAME);
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/clipboard/secret-cleared", test_clipboard_secret_cleared);
  ADD ("/clipboard/replaced-is-kept", test_clipboard_replaced_is_kept);
  ADD ("/clipboard/plain-text-is-kept", test_clipboard_plain_text_is_kept);
  ADD ("/clipboard/result-card", test_clipboard_result_card);

#undef ADD

  return g_test_run ();
}
