/* test-validation.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "td-proxy-user.h"

#define MSG_ENTER_USERNAME  "Enter a username."
#define MSG_ENTER_PASSWORD  "Enter a password."
#define MSG_TOO_SHORT       "Use at least 6 characters."
#define MSG_TOO_LONG        "Use at most 15 characters."
#define MSG_CHARACTERS      "Use only the letters A–Z and a–z and the digits 0–9."
#define MSG_SPACES          "Remove the spaces: only letters and digits are allowed."
#define MSG_START_LETTER    "Start the password with a letter."
#define MSG_ENTER_LIMIT     "Enter a traffic limit, or turn on Unlimited."
#define MSG_WHOLE_NUMBER    "Enter a whole number, like 500."
#define MSG_SMALLEST        "The smallest limit is 100 MB (use 0 for unlimited)."
#define MSG_LARGEST_MB      "The largest limit is 2147483647 MB."
#define MSG_LARGEST_GB      "The largest limit is 2097151 GB."

#define UNTOUCHED ((gint64) -424242)

typedef struct
{
  const char *text;
  const char *message; /* NULL: valid */
} TextCase;

static void
check_text_cases (char *          (*validate) (const char *),
                  const TextCase   *cases,
                  gsize             n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *message = validate (cases[i].text);

      g_test_message ("case %" G_GSIZE_FORMAT ": “%s”", i, cases[i].text ? cases[i].text : "(null)");
      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

static void
test_username_rules (void)
{
  static const TextCase cases[] = {
    { NULL, MSG_ENTER_USERNAME },
    { "", MSG_ENTER_USERNAME },
    { "a", MSG_TOO_SHORT },
    { "abcde", MSG_TOO_SHORT },             /* 5 */
    { "abcdef", NULL },                     /* 6 */
    { "123456", NULL },                     /* digits may lead a username */
    { "Alice2026", NULL },
    { "abcdefghij12345", NULL },            /* 15 */
    { "abcdefghij123456", MSG_TOO_LONG },   /* 16 */
    { "abcdefghijklmnopqrstuvwxyz", MSG_TOO_LONG },
    { "alice 123", MSG_SPACES },
    { " alice123", MSG_SPACES },
    { "alice123 ", MSG_SPACES },
    { "alice123\t", MSG_SPACES },
    { "      ", MSG_SPACES },
    { "alice-123", MSG_CHARACTERS },
    { "alice_123", MSG_CHARACTERS },
    { "alice@123", MSG_CHARACTERS },
    { "josé123", MSG_CHARACTERS },
    { "ééééééé", MSG_CHARACTERS },          /* 7 characters, 14 bytes */
    { "éééééééé", MSG_CHARACTERS },         /* 8 characters, 16 bytes */
    { "用户名用户名", MSG_CHARACTERS },
    { "ａｌｉｃｅ１２", MSG_CHARACTERS },     /* full-width letters and digits */
    { "alice\xff" "123", MSG_CHARACTERS },  /* invalid UTF-8 */
    { "alice 12é", MSG_CHARACTERS },        /* another character beats a space */
  };

  check_text_cases (td_validate_username, cases, G_N_ELEMENTS (cases));
}

static void
test_password_rules (void)
{
  static const TextCase cases[] = {
    { NULL, MSG_ENTER_PASSWORD },
    { "", MSG_ENTER_PASSWORD },
    { "Ab1", MSG_TOO_SHORT },
    { "Abcd1", MSG_TOO_SHORT },             /* 5 */
    { "Abcde1", NULL },                     /* 6 */
    { "abcdef", NULL },                     /* the server wants no digit */
    { "Zz0123456789abc", NULL },            /* 15 */
    { "Zz0123456789abcd", MSG_TOO_LONG },   /* 16 */
    { "1abcdef", MSG_START_LETTER },
    { "1", MSG_START_LETTER },              /* the start is told before the length */
    { "0123456789012345", MSG_START_LETTER },
    { "Secret 99", MSG_SPACES },
    { " Secret99", MSG_SPACES },
    { "Secret99!", MSG_CHARACTERS },
    { "Sécret99", MSG_CHARACTERS },
    { "ééééééé", MSG_CHARACTERS },
    { "密码密码密码", MSG_CHARACTERS },
    { "Secret\x80" "99", MSG_CHARACTERS },
  };

  check_text_cases (td_validate_password, cases, G_N_ELEMENTS (cases));
}

typedef struct
{
  const char    *text;
  TdTrafficUnit  unit;
  const char    *message; /* NULL: valid */
  gint64         mb;
} LimitCase;

static void
test_traffic_limit (void)
{
  static const LimitCase cases[] = {
    { NULL, TD_TRAFFIC_UNIT_MB, MSG_ENTER_LIMIT, 0 },
    { "", TD_TRAFFIC_UNIT_MB, MSG_ENTER_LIMIT, 0 },
    { "  \t\n ", TD_TRAFFIC_UNIT_MB, MSG_ENTER_LIMIT, 0 },
    { "", TD_TRAFFIC_UNIT_GB, MSG_ENTER_LIMIT, 0 },

    { "0", TD_TRAFFIC_UNIT_MB, NULL, 0 },
    { "000", TD_TRAFFIC_UNIT_MB, NULL, 0 },
    { "0", TD_TRAFFIC_UNIT_GB, NULL, 0 },
    { "1", TD_TRAFFIC_UNIT_MB, MSG_SMALLEST, 0 },
    { "99", TD_TRAFFIC_UNIT_MB, MSG_SMALLEST, 0 },
    { "0099", TD_TRAFFIC_UNIT_MB, MSG_SMALLEST, 0 },
    { "100", TD_TRAFFIC_UNIT_MB, NULL, 100 },
    { " 500 ", TD_TRAFFIC_UNIT_MB, NULL, 500 },
    { "\t500\n", TD_TRAFFIC_UNIT_MB, NULL, 500 },
    { "2147483647", TD_TRAFFIC_UNIT_MB, NULL, 2147483647 },
    { "2147483648", TD_TRAFFIC_UNIT_MB, MSG_LARGEST_MB, 0 },
    { "99999999999999999999", TD_TRAFFIC_UNIT_MB, MSG_LARGEST_MB, 0 },
    { "99999999999999999999999999999999999999", TD_TRAFFIC_UNIT_MB, MSG_LARGEST_MB, 0 },
    { "18446744073709551617", TD_TRAFFIC_UNIT_MB, MSG_LARGEST_MB, 0 },

    { "1", TD_TRAFFIC_UNIT_GB, NULL, 1024 },
    { "5", TD_TRAFFIC_UNIT_GB, NULL, 5120 },
    { "2097151", TD_TRAFFIC_UNIT_GB, NULL, (gint64) 2097151 * 1024 },
    { "2097152", TD_TRAFFIC_UNIT_GB, MSG_LARGEST_GB, 0 },
    { "9007199254740993", TD_TRAFFIC_UNIT_GB, MSG_LARGEST_GB, 0 },
    { "99999999999999999999", TD_TRAFFIC_UNIT_GB, MSG_LARGEST_GB, 0 },

    { "-5", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
    { "-0", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
    { "+500", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
    { "1.5", TD_TRAFFIC_UNIT_GB, MSG_WHOLE_NUMBER, 0 },
    { "500.0", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
    { "1e3", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
    { "0x100", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
    { "1,000", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
    { "5 00", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
    { "500MB", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
    { "abc", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
    { "５００", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },   /* full-width digits */
    { "\xc2\xa0" "500", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 }, /* no-break space */
    { "99999999999999999999x", TD_TRAFFIC_UNIT_MB, MSG_WHOLE_NUMBER, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const LimitCase *c = &cases[i];
      gint64 mb = UNTOUCHED;
      g_autofree char *message = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": “%s” %s", i, c->text ? c->text : "(null)",
                      c->unit == TD_TRAFFIC_UNIT_GB ? "GB" : "MB");

      message = td_parse_traffic_limit (c->text, c->unit, &mb);
      g_assert_cmpstr (message, ==, c->message);
      if (c->message == NULL)
        g_assert_cmpint (mb, ==, c->mb);
      else
        g_assert_cmpint (mb, ==, UNTOUCHED);
    }
}

static void
test_traffic_limit_max_fits (void)
{
  gint64 mb = UNTOUCHED;
  g_autofree char *message = NULL;

  /* The largest GB value is still at most the largest MB value. */
  message = td_parse_traffic_limit ("2097151", TD_TRAFFIC_UNIT_GB, &mb);
  g_assert_null (message);
  g_assert_cmpint (mb, <=, TD_TRAFFIC_LIMIT_MAX_MB);
  g_assert_cmpint (mb + 1024, >, TD_TRAFFIC_LIMIT_MAX_MB);
}

static gboolean
password_has_classes (const char *password)
{
  gboolean upper = FALSE, lower = FALSE, digit = FALSE;

  for (const char *p = password; *p != '\0'; p++)
    {
      upper |= g_ascii_isupper (*p);
      lower |= g_ascii_islower (*p);
      digit |= g_ascii_isdigit (*p);
    }

  return upper && lower && digit;
}

static void
test_generate_password (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint counts[256] = { 0 };
  guint first_upper = 0, first_lower = 0;

  for (guint i = 0; i < 1000; i++)
    {
      char *password = td_generate_password (12);
      g_autofree char *problem = td_validate_password (password);

      g_assert_nonnull (password);
      g_assert_cmpuint (strlen (password), ==, 12);
      g_assert_null (problem);
      g_assert_true (g_ascii_isalpha (password[0]));
      g_assert_true (password_has_classes (password));

      first_upper += g_ascii_isupper (password[0]);
      first_lower += g_ascii_islower (password[0]);
      for (const char *p = password; *p != '\0'; p++)
        counts[(guchar) *p]++;

      g_assert_true (g_hash_table_add (seen, g_strdup (password)));
      td_secret_free (password);
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 1000);

  /* 12,000 characters over 62 symbols: each is expected about 190 times
   * (the letters a little more, since they alone may start).  A symbol
   * seen fewer than 80 or more than 350 times would be a broken draw. */
  for (const char *p = alphabet; *p != '\0'; p++)
    {
      g_test_message ("“%c” seen %u times", *p, counts[(guchar) *p]);
      g_assert_cmpuint (counts[(guchar) *p], >, 80);
      g_assert_cmpuint (counts[(guchar) *p], <, 350);
    }
  for (guint c = 0; c < 256; c++)
    {
      if (counts[c] > 0)
        g_assert_nonnull (strchr (alphabet, (int) c));
    }

  /* Both cases start passwords, about half each. */
  g_assert_cmpuint (first_upper, >, 350);
  g_assert_cmpuint (first_lower, >, 350);
}

static guint
sum_counts (const guint *counts,
            const char  *symbols)
{
  guint sum = 0;

  for (const char *p = symbols; *p != '\0'; p++)
    sum += counts[(guchar) *p];

  return sum;
}

static void
test_generate_password_no_bias (void)
{
  const guint n_passwords = 40000;
  guint first[256] = { 0 };
  guint rest[256] = { 0 };
  guint biased, fair;

  for (guint i = 0; i < n_passwords; i++)
    {
      char *password = td_generate_password (TD_PASSWORD_MAX_LENGTH);

      first[(guchar) password[0]]++;
      for (const char *p = password + 1; *p != '\0'; p++)
        rest[(guchar) *p]++;
      td_secret_free (password);
    }

  /* A byte taken modulo 62 would pick the first 8 symbols (A–H) a quarter
   * more often than the next 8 (I–P); about 72,000 draws each, so a fair
   * source keeps the two within a few hundred. */
  biased = sum_counts (rest, "ABCDEFGH");
  fair = sum_counts (rest, "IJKLMNOP");
  g_test_message ("A–H: %u, I–P: %u", biased, fair);
  g_assert_cmpuint (ABS ((int) biased - (int) fair), <, fair / 20);

  /* The first letter comes from 52: a modulo would favour all but w–z
   * by a quarter; about 3,000 draws per group of four. */
  biased = sum_counts (first, "stuv");
  fair = sum_counts (first, "wxyz");
  g_test_message ("s–v first: %u, w–z first: %u", biased, fair);
  g_assert_cmpuint (ABS ((int) biased - (int) fair), <, fair / 8);
}

static void
test_generate_password_short (void)
{
  /* At the shortest length the three classes must still all be there. */
  for (guint i = 0; i < 1000; i++)
    {
      char *password = td_generate_password (TD_PASSWORD_MIN_LENGTH);
      g_autofree char *problem = td_validate_password (password);

      g_assert_cmpuint (strlen (password), ==, TD_PASSWORD_MIN_LENGTH);
      g_assert_null (problem);
      g_assert_true (password_has_classes (password));
      td_secret_free (password);
    }
}

static void
test_generate_password_clamp (void)
{
  static const struct {
    guint asked;
    gsize got;
  } cases[] = {
    { 0, TD_PASSWORD_MIN_LENGTH },
    { 1, TD_PASSWORD_MIN_LENGTH },
    { 5, TD_PASSWORD_MIN_LENGTH },
    { 6, 6 },
    { 10, 10 },
    { 15, 15 },
    { 16, TD_PASSWORD_MAX_LENGTH },
    { 1000, TD_PASSWORD_MAX_LENGTH },
    { G_MAXUINT, TD_PASSWORD_MAX_LENGTH },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char *password = td_generate_password (cases[i].asked);
      g_autofree char *problem = td_validate_password (password);

      g_assert_cmpuint (strlen (password), ==, cases[i].got);
      g_assert_null (problem);
      td_secret_free (password);
    }

  td_secret_free (NULL);
}

static TdProxyUser *
make_user (TdProxyType  proxy_type,
           const char  *username,
           const char  *password)
{
  TdProxyUser *user = td_proxy_user_new ();

  td_proxy_user_set_proxy_type (user, proxy_type);
  td_proxy_user_set_username (user, username);
  td_proxy_user_set_password (user, password);

  return user;
}

static void
test_gateway_login (void)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new ();
  g_autofree char *empty = td_proxy_user_dup_gateway_login (user);
  g_autofree char *login = NULL;

  g_assert_cmpstr (empty, ==, "td-customer-");

  td_proxy_user_set_username (user, "Alice2026");
  login = td_proxy_user_dup_gateway_login (user);
  g_assert_cmpstr (login, ==, "td-customer-Alice2026");
}

static void
test_proxy_url (void)
{
  static const struct {
    TdProxyType  type;
    const char  *username;
    const char  *password;
    const char  *host;
    const char  *url;
  } cases[] = {
    { TD_PROXY_TYPE_RESIDENTIAL, "alice123", "Secret99", NULL,
      "http://td-customer-alice123:Secret99@t.pr.thordata.net:9999" },
    { TD_PROXY_TYPE_UNLIMITED, "alice123", "Secret99", NULL,
      "http://td-customer-alice123:Secret99@t.pr.thordata.net:9999" },
    { TD_PROXY_TYPE_MOBILE, "alice123", "Secret99", NULL,
      "http://td-customer-alice123:Secret99@m.pr.thordata.net:5555" },
    { TD_PROXY_TYPE_RESIDENTIAL, "alice123", "Secret99", "",
      "http://td-customer-alice123:Secret99@t.pr.thordata.net:9999" },
    { TD_PROXY_TYPE_RESIDENTIAL, "alice123", "Secret99", "  ",
      "http://td-customer-alice123:Secret99@t.pr.thordata.net:9999" },
    { TD_PROXY_TYPE_RESIDENTIAL, "alice123", "Secret99", "abc123.pr.thordata.net",
      "http://td-customer-alice123:Secret99@abc123.pr.thordata.net:9999" },
    { TD_PROXY_TYPE_MOBILE, "alice123", "Secret99", " gate.example.net\n",
      "http://td-customer-alice123:Secret99@gate.example.net:5555" },
    { TD_PROXY_TYPE_RESIDENTIAL, "alice123", "Secret99", "::1",
      "http://td-customer-alice123:Secret99@[::1]:9999" },
    /* Characters the rules forbid can still reach a URL (a user listed
     * by the server, a rule change): they must not break it. */
    { TD_PROXY_TYPE_RESIDENTIAL, "al ice", "P@ss:w/rd?#%+ &=", NULL,
      "http://td-customer-al%20ice:P%40ss%3Aw%2Frd%3F%23%25%2B%20%26%3D@t.pr.thordata.net:9999" },
    { TD_PROXY_TYPE_RESIDENTIAL, "josé", "pässwörd", NULL,
      "http://td-customer-jos%C3%A9:p%C3%A4ssw%C3%B6rd@t.pr.thordata.net:9999" },
    { TD_PROXY_TYPE_RESIDENTIAL, "a.b_c~d", "x-y", NULL,
      "http://td-customer-a.b_c~d:x-y@t.pr.thordata.net:9999" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TdProxyUser) user = make_user (cases[i].type, cases[i].username,
                                               cases[i].password);
      g_autofree char *url = td_proxy_user_dup_proxy_url (user, cases[i].host);

      g_assert_cmpstr (url, ==, cases[i].url);

      if (cases[i].host == NULL)
        {
          g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
          g_autofree char *password = NULL;

          /* The URL parses back to what went in. */
          g_assert_nonnull (uri);
          g_assert_cmpstr (g_uri_get_host (uri), ==,
                           td_proxy_type_get_default_host (cases[i].type));
          g_assert_cmpint (g_uri_get_port (uri), ==, td_proxy_type_get_port (cases[i].type));
          password = g_uri_unescape_string (g_uri_get_password (uri), NULL);
          g_assert_cmpstr (password, ==, cases[i].password);
        }
    }
}

static void
test_proxy_types (void)
{
  g_assert_false (td_proxy_type_is_valid (-1));
  g_assert_false (td_proxy_type_is_valid (0));
  g_assert_true (td_proxy_type_is_valid (1));
  g_assert_true (td_proxy_type_is_valid (2));
  g_assert_true (td_proxy_type_is_valid (3));
  g_assert_false (td_proxy_type_is_valid (4));
  g_assert_false (td_proxy_type_is_valid (9)); /* Mobile in the IP whitelist API only */

  g_assert_cmpstr (td_proxy_type_get_display_name (TD_PROXY_TYPE_RESIDENTIAL), ==, "Residential");
  g_assert_cmpstr (td_proxy_type_get_display_name (TD_PROXY_TYPE_UNLIMITED), ==, "Unlimited");
  g_assert_cmpstr (td_proxy_type_get_display_name (TD_PROXY_TYPE_MOBILE), ==, "Mobile");

  g_assert_cmpstr (td_proxy_type_get_default_host (TD_PROXY_TYPE_RESIDENTIAL), ==, "t.pr.thordata.net");
  g_assert_cmpstr (td_proxy_type_get_default_host (TD_PROXY_TYPE_UNLIMITED), ==, "t.pr.thordata.net");
  g_assert_cmpstr (td_proxy_type_get_default_host (TD_PROXY_TYPE_MOBILE), ==, "m.pr.thordata.net");
  g_assert_cmpuint (td_proxy_type_get_port (TD_PROXY_TYPE_RESIDENTIAL), ==, 9999);
  g_assert_cmpuint (td_proxy_type_get_port (TD_PROXY_TYPE_UNLIMITED), ==, 9999);
  g_assert_cmpuint (td_proxy_type_get_port (TD_PROXY_TYPE_MOBILE), ==, 5555);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
notify_count (GHashTable *counts,
              const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_model_properties (void)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  int proxy_type = 0;
  gint64 traffic_limit = -1;
  gboolean enabled = FALSE;

  /* Defaults */
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, TD_PROXY_TYPE_RESIDENTIAL);
  g_assert_null (td_proxy_user_get_username (user));
  g_assert_null (td_proxy_user_get_password (user));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 0);
  g_assert_true (td_proxy_user_get_enabled (user));

  g_signal_connect (user, "notify", G_CALLBACK (count_notify), counts);

  g_object_set (user,
                "proxy-type", TD_PROXY_TYPE_MOBILE,
                "username", "alice123",
                "password", "Secret99",
                "traffic-limit", (gint64) 2048,
                "enabled", FALSE,
                NULL);
  g_object_get (user,
                "proxy-type", &proxy_type,
                "username", &username,
                "password", &password,
                "traffic-limit", &traffic_limit,
                "enabled", &enabled,
                NULL);

  g_assert_cmpint (proxy_type, ==, TD_PROXY_TYPE_MOBILE);
  g_assert_cmpstr (username, ==, "alice123");
  g_assert_cmpstr (password, ==, "Secret99");
  g_assert_cmpint (traffic_limit, ==, 2048);
  g_assert_false (enabled);
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, TD_PROXY_TYPE_MOBILE);
  g_assert_cmpstr (td_proxy_user_get_username (user), ==, "alice123");
  g_assert_cmpstr (td_proxy_user_get_password (user), ==, "Secret99");
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 2048);
  g_assert_false (td_proxy_user_get_enabled (user));

  g_assert_cmpuint (notify_count (counts, "proxy-type"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "username"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "password"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "traffic-limit"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "enabled"), ==, 1);

  /* The same values again notify nothing. */
  td_proxy_user_set_proxy_type (user, TD_PROXY_TYPE_MOBILE);
  td_proxy_user_set_username (user, "alice123");
  td_proxy_user_set_password (user, "Secret99");
  td_proxy_user_set_traffic_limit (user, 2048);
  td_proxy_user_set_enabled (user, FALSE);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 5);
  g_assert_cmpuint (notify_count (counts, "proxy-type"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "username"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "password"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "traffic-limit"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "enabled"), ==, 1);

  /* Any non-zero gboolean is TRUE, and TRUE twice is one change. */
  td_proxy_user_set_enabled (user, 2);
  td_proxy_user_set_enabled (user, TRUE);
  g_assert_true (td_proxy_user_get_enabled (user));
  g_assert_cmpuint (notify_count (counts, "enabled"), ==, 2);

  /* A new password replaces the old one. */
  td_proxy_user_set_password (user, "Other123");
  g_assert_cmpstr (td_proxy_user_get_password (user), ==, "Other123");
  g_assert_cmpuint (notify_count (counts, "password"), ==, 2);
  td_proxy_user_set_password (user, NULL);
  g_assert_null (td_proxy_user_get_password (user));
  g_assert_cmpuint (notify_count (counts, "password"), ==, 3);
}

static void
test_model_rejects_bad_values (void)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new ();

  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*td_proxy_type_is_valid*");
  td_proxy_user_set_proxy_type (user, 9);
  g_test_assert_expected_messages ();
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, TD_PROXY_TYPE_RESIDENTIAL);

  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*traffic_limit_mb >= 0*");
  td_proxy_user_set_traffic_limit (user, -1);
  g_test_assert_expected_messages ();
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 0);
}

static void
test_model_is_valid (void)
{
  g_autoptr(TdProxyUser) user = make_user (TD_PROXY_TYPE_RESIDENTIAL, "alice123", "Secret99");

  g_assert_true (td_proxy_user_is_valid (user));

  td_proxy_user_set_traffic_limit (user, 99);
  g_assert_false (td_proxy_user_is_valid (user));
  td_proxy_user_set_traffic_limit (user, 100);
  g_assert_true (td_proxy_user_is_valid (user));
  td_proxy_user_set_traffic_limit (user, TD_TRAFFIC_LIMIT_MAX_MB);
  g_assert_true (td_proxy_user_is_valid (user));
  td_proxy_user_set_traffic_limit (user, TD_TRAFFIC_LIMIT_MAX_MB + 1);
  g_assert_false (td_proxy_user_is_valid (user));
  td_proxy_user_set_traffic_limit (user, 0);
  g_assert_true (td_proxy_user_is_valid (user));

  td_proxy_user_set_username (user, "alice");
  g_assert_false (td_proxy_user_is_valid (user));
  td_proxy_user_set_username (user, NULL);
  g_assert_false (td_proxy_user_is_valid (user));
  td_proxy_user_set_username (user, "alice123");
  g_assert_true (td_proxy_user_is_valid (user));

  td_proxy_user_set_password (user, "9Secret");
  g_assert_false (td_proxy_user_is_valid (user));
  td_proxy_user_set_password (user, NULL);
  g_assert_false (td_proxy_user_is_valid (user));
  td_proxy_user_set_password (user, "Secret99");
  g_assert_true (td_proxy_user_is_valid (user));

  /* Enabled or not and the type do not make a user invalid. */
  td_proxy_user_set_enabled (user, FALSE);
  td_proxy_user_set_proxy_type (user, TD_PROXY_TYPE_MOBILE);
  g_assert_true (td_proxy_user_is_valid (user));
}

/* The search compares normalized, case-folded text, and each user's key
 * follows its username. */
static void
test_search_key (void)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new ();
  g_autofree char *upper = td_search_key ("ALICE");
  g_autofree char *wide = td_search_key ("\xef\xbd\x81\xef\xbd\x8c\xef\xbd\x89\xef\xbd\x83\xef\xbd\x85");
  g_autofree char *invalid = td_search_key ("al\xffice");

  g_assert_cmpstr (upper, ==, "alice");
  /* Fullwidth "ａｌｉｃｅ". */
  g_assert_cmpstr (wide, ==, "alice");
  g_assert_cmpstr (invalid, ==, "");

  g_assert_cmpstr (td_proxy_user_get_search_key (user), ==, "");
  td_proxy_user_set_username (user, "Bob2026");
  g_assert_cmpstr (td_proxy_user_get_search_key (user), ==, "bob2026");
  td_proxy_user_set_username (user, "CAROL");
  g_assert_cmpstr (td_proxy_user_get_search_key (user), ==, "carol");
}

static void
test_new_full (void)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new_full (TD_PROXY_TYPE_MOBILE, "Alice2026",
                                                         "Secret123", 2048, FALSE);
  g_autoptr(TdProxyUser) other = td_proxy_user_new_full (TD_PROXY_TYPE_UNLIMITED, "bob20266",
                                                          NULL, 0, TRUE);

  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, TD_PROXY_TYPE_MOBILE);
  g_assert_cmpstr (td_proxy_user_get_username (user), ==, "Alice2026");
  g_assert_cmpstr (td_proxy_user_get_password (user), ==, "Secret123");
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 2048);
  g_assert_false (td_proxy_user_get_enabled (user));
  /* The search key follows the username, as with the setter. */
  g_assert_cmpstr (td_proxy_user_get_search_key (user), ==, "alice2026");
  g_assert_true (td_proxy_user_is_valid (user));

  g_assert_cmpint (td_proxy_user_get_proxy_type (other), ==, TD_PROXY_TYPE_UNLIMITED);
  g_assert_null (td_proxy_user_get_password (other));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (other), ==, 0);
  g_assert_true (td_proxy_user_get_enabled (other));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validation/username", test_username_rules);
  g_test_add_func ("/validation/password", test_password_rules);
  g_test_add_func ("/validation/traffic-limit", test_traffic_limit);
  g_test_add_func ("/validation/traffic-limit-max-fits", test_traffic_limit_max_fits);
  g_test_add_func ("/generator/valid-and-distinct", test_generate_password);
  g_test_add_func ("/generator/no-bias", test_generate_password_no_bias);
  g_test_add_func ("/generator/shortest", test_generate_password_short);
  g_test_add_func ("/generator/clamp", test_generate_password_clamp);
  g_test_add_func ("/proxy-user/gateway-login", test_gateway_login);
  g_test_add_func ("/proxy-user/proxy-url", test_proxy_url);
  g_test_add_func ("/proxy-user/types", test_proxy_types);
  g_test_add_func ("/proxy-user/properties", test_model_properties);
  g_test_add_func ("/proxy-user/bad-values", test_model_rejects_bad_values);
  g_test_add_func ("/proxy-user/is-valid", test_model_is_valid);
  g_test_add_func ("/proxy-user/search-key", test_search_key);
  g_test_add_func ("/proxy-user/new-full", test_new_full);

  return g_test_run ();
}
