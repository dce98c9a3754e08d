/* test-secret-field.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A guarded secret field (td_accessible_guard_secret()), under Xvfb:
 * what GTK 4.8 hands to assistive technology (the buffer's text, read by
 * AT-SPI's GetText and GetCharacterAtOffset; the text of each
 * "insert-text" emission and gtk_editable_get_chars() for "delete-text",
 * sent as "text-changed" events) is the mask, while the app reads the
 * real text; and every secret field of the app is guarded.  The same,
 * seen from a real AT-SPI client: tests/test-atspi-secrets.py. */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "td-accessible.h"
#include "td-credentials.h"
#include "td-credentials-dialog.h"
#include "td-account-page.h"
#include "td-endpoints-page.h"
#include "td-secret-buffer.h"
#include "td-test-ui.h"
#include "td-user-form.h"

#define SECRET "Qz7kLm2Wx9"

typedef struct
{
  GtkWidget *window;
  GtkWidget *entry;
  GtkText   *text;
  GString   *heard;
} Fixture;

/* Runs after GtkText inserted, like GTK's AT-SPI hook (insert_text_cb()
 * in gtk/a11y/gtkatspitext.c). */
static void
on_insert_text_after (GtkEditable *editable,
                      const char  *text,
                      int          length,
                      int         *position,
                      Fixture     *fixture)
{
  g_string_append_len (fixture->heard, text, length < 0 ? (gssize) strlen (text) : length);
}

/* Runs before GtkText deletes, like delete_text_cb(). */
static void
on_delete_text (GtkEditable *editable,
                int          start,
                int          end,
                Fixture     *fixture)
{
  g_autofree char *chars = gtk_editable_get_chars (editable, start, end);

  g_string_append (fixture->heard, chars);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  fixture->entry = gtk_password_entry_new ();
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->entry);
  td_accessible_guard_secret (fixture->entry);
  fixture->text = GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (fixture->entry)));
  fixture->heard = g_string_new (NULL);
  g_signal_connect_after (fixture->text, "insert-text", G_CALLBACK (on_insert_text_after), fixture);
  g_signal_connect (fixture->text, "delete-text", G_CALLBACK (on_delete_text), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  td_test_ui_flush ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_string_free (fixture->heard, TRUE);
  td_test_ui_flush ();
}

/* No character of @secret in @text. */
static void
assert_no_character_of (const char *text,
                        const char *secret)
{
  for (const char *p = secret; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_strchr (text, -1, g_utf8_get_char (p)) != NULL)
      g_error ("“%s” holds a character of the secret", text);
}

static void
assert_masked (Fixture    *fixture,
               const char *secret)
{
  guint n = g_utf8_strlen (secret, -1);
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (fixture->text));
  g_autofree char *chars = gtk_editable_get_chars (GTK_EDITABLE (fixture->text), 0, -1);

  g_assert_cmpstr (td_accessible_get_secret (fixture->entry), ==, secret);
  g_assert_cmpuint (g_utf8_strlen (shown, -1), ==, n);
  g_assert_cmpuint (gtk_entry_buffer_get_length (gtk_text_get_buffer (fixture->text)), ==, n);
  assert_no_character_of (shown, secret);
  assert_no_character_of (chars, secret);
  assert_no_character_of (gtk_editable_get_text (GTK_EDITABLE (fixture->entry)), secret);
  assert_no_character_of (fixture->heard->str, secret);
}

static void
test_typed (Fixture       *fixture,
            gconstpointer  data)
{
  int position = 0;

  /* Key by key, as typing inserts them. */
  for (const char *p = SECRET; *p != '\0'; p++)
    {
      position = gtk_editable_get_position (GTK_EDITABLE (fixture->text));
      gtk_editable_insert_text (GTK_EDITABLE (fixture->text), p, 1, &position);
      gtk_editable_set_position (GTK_EDITABLE (fixture->text), position);
    }
  assert_masked (fixture, SECRET);
  g_assert_cmpuint (g_utf8_strlen (fixture->heard->str, -1), ==, strlen (SECRET));

  /* In the middle, and a paste-like insertion of several at once. */
  position = 2;
  gtk_editable_insert_text (GTK_EDITABLE (fixture->entry), "é€", -1, &position);
  g_assert_cmpint (position, ==, 4);
  assert_masked (fixture, "Qzé€7kLm2Wx9");

  /* Deleting: a range, then a backspace at the end (GTK 4.8 crashed
   * there when GtkEntryBuffer's own handler changed its text). */
  gtk_editable_delete_text (GTK_EDITABLE (fixture->entry), 2, 4);
  assert_masked (fixture, SECRET);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->text));
  gtk_editable_set_position (GTK_EDITABLE (fixture->text), -1);
  g_signal_emit_by_name (fixture->text, "backspace");
  assert_masked (fixture, "Qz7kLm2Wx");
}

static void
test_set_and_shown (Fixture       *fixture,
                    gconstpointer  data)
{
  gtk_editable_set_text (GTK_EDITABLE (fixture->entry), SECRET);
  assert_masked (fixture, SECRET);
  g_assert_false (td_accessible_get_secret_shown (fixture->entry));

  /* Shown, the text is on screen: GTK reads it as it is. */
  td_accessible_set_secret_shown (fixture->entry, TRUE);
  g_assert_true (td_accessible_get_secret_shown (fixture->entry));
  g_assert_true (gtk_text_get_visibility (fixture->text));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->text)), ==, SECRET);
  td_test_ui_flush ();

  td_accessible_set_secret_shown (fixture->entry, FALSE);
  g_assert_false (gtk_text_get_visibility (fixture->text));
  g_string_truncate (fixture->heard, 0);
  assert_masked (fixture, SECRET);

  /* Shown another way (GtkPasswordEntry's peek icon does this). */
  gtk_text_set_visibility (fixture->text, TRUE);
  g_assert_true (td_accessible_get_secret_shown (fixture->entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->text)), ==, SECRET);
  gtk_text_set_visibility (fixture->text, FALSE);
  g_string_truncate (fixture->heard, 0);
  assert_masked (fixture, SECRET);

  gtk_editable_set_text (GTK_EDITABLE (fixture->entry), "");
  g_assert_cmpstr (td_accessible_get_secret (fixture->entry), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->entry)), ==, "");
}

static gboolean
is_guarded (GtkWidget *entry)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  return GTK_IS_TEXT (text) && TD_IS_SECRET_BUFFER (gtk_text_get_buffer (GTK_TEXT (text)));
}

static void
test_every_field (void)
{
  GtkWidget *create_form = g_object_ref_sink (td_user_form_new (FALSE));
  GtkWidget *edit_form = g_object_ref_sink (td_user_form_new (TRUE));
  GtkWidget *endpoints = g_object_ref_sink (td_endpoints_page_new (NULL));
  GtkWidget *account = g_object_ref_sink (td_account_page_new (NULL));
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  TdCredentialsDialog *dialog = td_credentials_dialog_new (NULL, credentials);

  g_assert_true (is_guarded (td_test_ui_child (create_form, TD_TYPE_USER_FORM, "password_entry")));
  g_assert_true (is_guarded (td_test_ui_child (edit_form, TD_TYPE_USER_FORM, "password_entry")));
  g_assert_true (is_guarded (td_test_ui_child (endpoints, TD_TYPE_ENDPOINTS_PAGE, "password_entry")));
  g_assert_true (is_guarded (td_test_ui_child (dialog, TD_TYPE_CREDENTIALS_DIALOG, "token_entry")));
  g_assert_true (is_guarded (td_test_ui_child (dialog, TD_TYPE_CREDENTIALS_DIALOG, "key_entry")));
  g_assert_true (is_guarded (td_test_ui_child (account, TD_TYPE_ACCOUNT_PAGE, "account_token_entry")));
  g_assert_true (is_guarded (td_test_ui_child (account, TD_TYPE_ACCOUNT_PAGE, "account_key_entry")));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (account);
  g_object_unref (endpoints);
  g_object_unref (edit_form);
  g_object_unref (create_form);
  td_test_ui_flush ();
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

  g_test_add ("/secret-field/typed", Fixture, NULL, fixture_set_up, test_typed,
              fixture_tear_down);
  g_test_add ("/secret-field/set-and-shown", Fixture, NULL, fixture_set_up, test_set_and_shown,
              fixture_tear_down);
  g_test_add_func ("/secret-field/every-field", test_every_field);

  return g_test_run ();
}
