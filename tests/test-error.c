/* test-error.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <gio/gio.h>

#include "td-error.h"

#define FIRST_CODE 10000
#define LAST_CODE  10021

static void
test_table_complete (void)
{
  g_autoptr(GHashTable) sentences = g_hash_table_new (g_str_hash, g_str_equal);

  for (int code = FIRST_CODE; code <= LAST_CODE; code++)
    {
      const char *sentence = td_server_error_lookup (code);
      gsize len;

      g_test_message ("code %d: %s", code, sentence ? sentence : "(none)");
      g_assert_nonnull (sentence);
      g_assert_true (g_utf8_validate (sentence, -1, NULL));

      /* A sentence: a capital first, a full stop last, no code inside. */
      len = strlen (sentence);
      g_assert_cmpuint (len, >, 20);
      g_assert_true (g_ascii_isupper (sentence[0]));
      g_assert_cmpint (sentence[len - 1], ==, '.');
      g_assert_null (strstr (sentence, "100"));

      /* Each code has a sentence of its own. */
      g_assert_true (g_hash_table_add (sentences, (gpointer) sentence));
    }

  g_assert_cmpuint (g_hash_table_size (sentences), ==, LAST_CODE - FIRST_CODE + 1);
}

static void
test_table_known_sentences (void)
{
  g_assert_cmpstr (td_server_error_lookup (10011), ==,
                   "Thordata is receiving too many requests. Wait a moment and try again.");
  g_assert_cmpstr (td_server_error_lookup (10013), ==,
                   "The account token was refused. Check it in Preferences against the one in "
                   "the Thordata dashboard.");
  g_assert_cmpstr (td_server_error_lookup (10017), ==,
                   "The account must be recharged before it can do this.");
  g_assert_cmpstr (td_server_error_lookup (10018), ==,
                   "This username is already taken. Choose another one.");
  g_assert_cmpstr (td_server_error_lookup (10019), ==,
                   "The account has reached its maximum number of proxy users.");
  g_assert_cmpstr (td_server_error_lookup (10020), ==, "This proxy user does not exist.");
  g_assert_cmpstr (td_server_error_lookup (10021), ==, "The date range is longer than 180 days.");

  /* The rule sentences restate the rules. */
  g_assert_nonnull (strstr (td_server_error_lookup (10015), "6 to 15"));
  g_assert_nonnull (strstr (td_server_error_lookup (10016), "6 to 15"));
  g_assert_nonnull (strstr (td_server_error_lookup (10016), "starting with a letter"));
}

static void
test_table_unknown_codes (void)
{
  static const int codes[] = {
    G_MININT, -1, 0, 200, 400, 500, 9999, 10022, 10100, 20000, G_MAXINT,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    g_assert_null (td_server_error_lookup (codes[i]));
}

static void
test_known_code_appended (void)
{
  for (int code = FIRST_CODE; code <= LAST_CODE; code++)
    {
      g_autoptr(GError) error = td_server_error_new (code, "server text that must not show");
      g_autofree char *expected = g_strdup_printf ("%s (code %d)",
                                                   td_server_error_lookup (code), code);

      g_assert_error (error, TD_SERVER_ERROR, code);
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_null (strstr (error->message, "server text"));
    }

  {
    g_autoptr(GError) error = td_server_error_new (10018, NULL);

    g_assert_cmpstr (error->message, ==,
                     "This username is already taken. Choose another one. (code 10018)");
  }
}

static void
test_unknown_code_uses_msg (void)
{
  g_autoptr(GError) error = td_server_error_new (4242, "Internal hiccup");
  g_autoptr(GError) chinese = td_server_error_new (10099, "用户名已存在");
  g_autoptr(GError) negative = td_server_error_new (-3, "odd");

  g_assert_error (error, TD_SERVER_ERROR, 4242);
  g_assert_cmpstr (error->message, ==, "Thordata answered: “Internal hiccup” (code 4242)");
  g_assert_cmpstr (chinese->message, ==, "Thordata answered: “用户名已存在” (code 10099)");
  g_assert_cmpstr (negative->message, ==, "Thordata answered: “odd” (code -3)");
}

static void
test_unknown_code_without_msg (void)
{
  static const char * const empty_msgs[] = {
    NULL, "", " ", "\t\n\r", "\x01\x02\x7f", "\xe2\x80\xae", /* U+202E only */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (empty_msgs); i++)
    {
      g_autoptr(GError) error = td_server_error_new (4242, empty_msgs[i]);

      g_test_message ("message %" G_GSIZE_FORMAT, i);
      g_assert_error (error, TD_SERVER_ERROR, 4242);
      g_assert_cmpstr (error->message, ==, "Thordata reported an unknown error (code 4242)");
    }
}

/* The part of an "answered" message between the quotes. */
static char *
dup_quoted (const char *message)
{
  const char *open = strstr (message, "“");
  const char *close = NULL;

  g_assert_nonnull (open);
  open += strlen ("“");
  for (const char *p = open; (p = strstr (p, "”")) != NULL; p++)
    close = p;
  g_assert_nonnull (close);

  return g_strndup (open, close - open);
}

static void
test_msg_sanitised (void)
{
  static const struct {
    const char *msg;
    const char *shown;
  } cases[] = {
    { "line one\nline two", "line one line two" },
    { "tab\there\r\nend", "tab here  end" },
    { "\x1b[31mred\x1b[0m", "[31mred [0m" },
    { "bell\x07", "bell" },
    { "  padded  ", "padded" },
    { "bad \xff byte", "bad \xef\xbf\xbd byte" },        /* U+FFFD */
    { "cut \xe4\xb8", "cut \xef\xbf\xbd\xef\xbf\xbd" },  /* one U+FFFD a byte */
    { "abc\xe2\x80\xae" "fdp.exe", "abc fdp.exe" },      /* right-to-left override */
    { "zero\xe2\x80\x8bwidth", "zero width" },           /* U+200B */
    { "line\xe2\x80\xa8sep", "line sep" },               /* U+2028 */
    { "naïve 中文 ✓", "naïve 中文 ✓" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = td_server_error_new (5555, cases[i].msg);
      g_autofree char *shown = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      shown = dup_quoted (error->message);
      g_assert_cmpstr (shown, ==, cases[i].shown);

      for (const char *p = error->message; *p != '\0'; p = g_utf8_next_char (p))
        g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
    }
}

static void
test_msg_truncated (void)
{
  g_autoptr(GString) long_msg = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exact = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *shown_exact = NULL;
  g_autofree char *two_hundred = NULL;

  /* Multi-byte characters: the cut counts characters, not bytes, and
   * never splits one. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (long_msg, i % 2 ? "é" : "中");

  error = td_server_error_new (4242, long_msg->str);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  shown = dup_quoted (error->message);
  g_assert_cmpint (g_utf8_strlen (shown, -1), ==, 200);
  g_assert_true (g_str_has_prefix (long_msg->str, shown));
  g_assert_true (g_str_has_suffix (error->message, "” (code 4242)"));

  /* 200 characters are kept whole. */
  two_hundred = g_strnfill (200, 'x');
  exact = td_server_error_new (4242, two_hundred);
  shown_exact = dup_quoted (exact->message);
  g_assert_cmpstr (shown_exact, ==, two_hundred);
}

static void
test_ambiguous (void)
{
  static const struct {
    const char *name;
    int         code;
    gboolean    ambiguous;
  } cases[] = {
    { "timeout", TD_API_ERROR_TIMEOUT, TRUE },
    { "5xx", TD_API_ERROR_SERVER_UNAVAILABLE, TRUE },
    { "http", TD_API_ERROR_HTTP, FALSE },
    { "invalid response", TD_API_ERROR_INVALID_RESPONSE, FALSE },
    { "tls", TD_API_ERROR_TLS, FALSE },
    { "dns", TD_API_ERROR_HOST_NOT_FOUND, FALSE },
    { "connection", TD_API_ERROR_CONNECTION, FALSE },
    { "no token", TD_API_ERROR_NO_TOKEN, FALSE },
    { "invalid url", TD_API_ERROR_INVALID_URL, FALSE },
    { "too large", TD_API_ERROR_TOO_LARGE, FALSE },
    { "connection lost", TD_API_ERROR_CONNECTION_LOST, TRUE },
    { "redirect", TD_API_ERROR_REDIRECT, FALSE },
    { "format refused", TD_API_ERROR_FORMAT_REFUSED, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (TD_API_ERROR, cases[i].code, "x");

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (td_error_is_ambiguous (error), ==, cases[i].ambiguous);
      /* Only a refused format may be sent again, and never a request
       * whose outcome is unknown. */
      g_assert_cmpint (td_error_offers_form_fields (error), ==,
                       cases[i].code == TD_API_ERROR_FORMAT_REFUSED);
      if (cases[i].ambiguous)
        g_assert_false (td_error_offers_form_fields (error));
    }

  {
    g_autoptr(GError) server = td_server_error_new (10018, NULL);
    g_autoptr(GError) throttled = td_server_error_new (10011, NULL);
    g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
    g_autoptr(GError) timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x");
    /* Same numbers, other domain. */
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, TD_API_ERROR_TIMEOUT, "x");

    g_assert_false (td_error_is_ambiguous (server));
    g_assert_false (td_error_is_ambiguous (throttled));
    g_assert_false (td_error_is_ambiguous (cancelled));
    g_assert_true (td_error_is_ambiguous (timed_out));
    g_assert_false (td_error_is_ambiguous (other));
    g_assert_false (td_error_is_ambiguous (NULL));
  }
}

/* The codes about a field of the user form say which. */
/* The words of a refused format say what happened, that nothing was
 * done, and the code; a 10000 of a form-encoded request offers nothing. */
static void
test_format_refused (void)
{
  g_autoptr(GError) refused = td_api_error_new_format_refused ();
  g_autoptr(GError) server = td_server_error_new (TD_SERVER_CODE_PARAMETER_ERROR, "Parameter error");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, TD_API_ERROR_FORMAT_REFUSED, "x");

  g_assert_error (refused, TD_API_ERROR, TD_API_ERROR_FORMAT_REFUSED);
  g_assert_nonnull (strstr (refused->message, "Nothing was done"));
  g_assert_nonnull (strstr (refused->message, "form fields"));
  g_assert_nonnull (strstr (refused->message, "(code 10000)"));
  g_assert_true (td_error_offers_form_fields (refused));
  g_assert_false (td_error_is_ambiguous (refused));
  g_assert_cmpint (td_error_get_field (refused), ==, TD_ERROR_FIELD_NONE);
  g_assert_cmpstr (td_error_get_help_section (refused), ==, "fields");

  g_assert_false (td_error_offers_form_fields (server));
  g_assert_false (td_error_offers_form_fields (other));
  g_assert_false (td_error_offers_form_fields (NULL));
}

static void
test_fields (void)
{
  g_autoptr(GError) taken = td_server_error_new (10018, NULL);
  g_autoptr(GError) other = g_error_new (TD_API_ERROR, 10018, "not a server code");

  g_assert_cmpint (td_error_code_get_field (10015), ==, TD_ERROR_FIELD_USERNAME);
  g_assert_cmpint (td_error_code_get_field (10016), ==, TD_ERROR_FIELD_PASSWORD);
  g_assert_cmpint (td_error_code_get_field (10018), ==, TD_ERROR_FIELD_USERNAME);
  g_assert_cmpint (td_error_code_get_field (10013), ==, TD_ERROR_FIELD_NONE);
  g_assert_cmpint (td_error_code_get_field (99999), ==, TD_ERROR_FIELD_NONE);

  g_assert_cmpint (td_error_get_field (taken), ==, TD_ERROR_FIELD_USERNAME);
  g_assert_cmpint (td_error_get_field (other), ==, TD_ERROR_FIELD_NONE);
  g_assert_cmpint (td_error_get_field (NULL), ==, TD_ERROR_FIELD_NONE);
}

static void
test_quarks (void)
{
  g_assert_cmpuint (TD_SERVER_ERROR, !=, 0);
  g_assert_cmpuint (TD_API_ERROR, !=, 0);
  g_assert_cmpuint (TD_SERVER_ERROR, !=, TD_API_ERROR);
  g_assert_cmpuint (TD_SERVER_ERROR, ==, td_server_error_quark ());
  g_assert_cmpstr (g_quark_to_string (TD_SERVER_ERROR), ==, "td-server-error-quark");
  g_assert_cmpstr (g_quark_to_string (TD_API_ERROR), ==, "td-api-error-quark");
}

/* Each error the guide explains links to a section that the page has. */
static void
test_help_sections (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "help", "C", "errors.page", NULL);
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { int code; const char *section; } expected[] = {
    { 10000, "fields" }, { 10013, "account" }, { 10014, "account" },
    { 10015, "fields" }, { 10016, "fields" }, { 10018, "fields" },
    { 10011, "account-limits" }, { 10017, "account-limits" },
    { 10019, "account-limits" }, { 10020, "account-limits" },
    /* Not in the guide: no link rather than a wrong one. */
    { 10001, NULL }, { 10008, NULL }, { 10021, NULL }, { 99999, NULL },
  };
  static const TdApiError network[] = {
    TD_API_ERROR_TIMEOUT, TD_API_ERROR_SERVER_UNAVAILABLE, TD_API_ERROR_HOST_NOT_FOUND,
    TD_API_ERROR_CONNECTION, TD_API_ERROR_CONNECTION_LOST, TD_API_ERROR_TLS,
    TD_API_ERROR_REDIRECT,
  };

  g_file_get_contents (path, &page, NULL, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) server = td_server_error_new (expected[i].code, "raw server text");
      g_autofree char *wrapped = NULL;
      const char *section = td_error_get_help_section (server);

      g_test_message ("code %d: %s", expected[i].code, section ? section : "(none)");
      g_assert_cmpstr (section, ==, expected[i].section);
      /* Found from the shown text too, with words around it. */
      wrapped = g_strdup_printf ("The user could not be created: %s\nTry again.", server->message);
      g_assert_cmpstr (td_error_message_get_help_section (wrapped), ==, expected[i].section);

      if (section != NULL)
        {
          g_autofree char *anchor = g_strdup_printf ("<section id=\"%s\">", section);

          g_assert_nonnull (strstr (page, anchor));
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (network); i++)
    {
      g_autoptr(GError) api = g_error_new_literal (TD_API_ERROR, network[i], "no answer");

      g_assert_cmpstr (td_error_get_help_section (api), ==, "network");
    }
  g_assert_nonnull (strstr (page, "<section id=\"network\">"));

  {
    g_autoptr(GError) no_token = g_error_new_literal (TD_API_ERROR, TD_API_ERROR_NO_TOKEN, "x");
    g_autoptr(GError) invalid = g_error_new_literal (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE, "x");
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

    g_assert_cmpstr (td_error_get_help_section (no_token), ==, "account");
    g_assert_null (td_error_get_help_section (invalid));
    g_assert_null (td_error_get_help_section (other));
    g_assert_null (td_error_get_help_section (NULL));
    g_assert_null (td_error_message_get_help_section ("Something else went wrong."));
    g_assert_null (td_error_message_get_help_section (NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/error/table-complete", test_table_complete);
  g_test_add_func ("/error/table-known-sentences", test_table_known_sentences);
  g_test_add_func ("/error/table-unknown-codes", test_table_unknown_codes);
  g_test_add_func ("/error/known-code-appended", test_known_code_appended);
  g_test_add_func ("/error/unknown-code-uses-msg", test_unknown_code_uses_msg);
  g_test_add_func ("/error/unknown-code-without-msg", test_unknown_code_without_msg);
  g_test_add_func ("/error/msg-sanitised", test_msg_sanitised);
  g_test_add_func ("/error/msg-truncated", test_msg_truncated);
  g_test_add_func ("/error/ambiguous", test_ambiguous);
  g_test_add_func ("/error/fields", test_fields);
  g_test_add_func ("/error/format-refused", test_format_refused);
  g_test_add_func ("/error/quarks", test_quarks);
  g_test_add_func ("/error/help-sections", test_help_sections);

  return g_test_run ();
}
