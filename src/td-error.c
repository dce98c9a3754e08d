/* td-error.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "td-error.h"

/* Longest part of a server message that is shown, in characters. */
#define SERVER_MSG_MAX_CHARS 200

G_DEFINE_QUARK (td-server-error-quark, td_server_error)
G_DEFINE_QUARK (td-api-error-quark, td_api_error)

typedef struct
{
  int          code;
  const char  *sentence;
  /* The form field the code is about, if any. */
  TdErrorField field;
  /* The section of help/C/errors.page that explains it, if any. */
  const char  *help_section;
} ServerErrorEntry;

/* Every code of the public API, in order.  The sentences are for the
 * person using the app, not for a programmer.
 *
 * Translators: the sentences below explain errors reported by the
 * Thordata server; “Preferences” is the window of that name in this app. */
static const ServerErrorEntry server_errors[] = {
  { 10000, N_("Thordata did not accept one of the values sent. Check the fields and try again."),
    TD_ERROR_FIELD_NONE, "fields" },
  { 10001, N_("Thordata could not handle the requested duration. Try again later.") },
  { 10002, N_("The region is not written in a form Thordata accepts.") },
  { 10003, N_("The requested quantity is not allowed.") },
  { 10004, N_("The chosen region is missing or currently offline.") },
  { 10005, N_("There is not enough stock left in the chosen region.") },
  { 10006, N_("Thordata did not accept the price. Reload and try again.") },
  { 10007, N_("This IP address is offline and cannot be renewed.") },
  { 10008, N_("The wallet balance is too low. Top it up in the Thordata dashboard.") },
  { 10009, N_("The purchase did not go through. Try again.") },
  { 10010, N_("This IP address does not exist.") },
  { 10011, N_("Thordata is receiving too many requests. Wait a moment and try again."),
    TD_ERROR_FIELD_NONE, "account-limits" },
  { 10012, N_("This is more than can be bought at once. Choose a smaller quantity.") },
  { 10013, N_("The account token was refused. Check it in Preferences against the one in the Thordata dashboard."),
    TD_ERROR_FIELD_NONE, "account" },
  { 10014, N_("The account key was refused. Check it in Preferences against the one in the Thordata dashboard."),
    TD_ERROR_FIELD_NONE, "account" },
  { 10015, N_("The username must be 6 to 15 letters (A–Z, a–z) and digits."),
    TD_ERROR_FIELD_USERNAME, "fields" },
  { 10016, N_("The password must be 6 to 15 letters (A–Z, a–z) and digits, starting with a letter."),
    TD_ERROR_FIELD_PASSWORD, "fields" },
  { 10017, N_("The account must be recharged before it can do this."),
    TD_ERROR_FIELD_NONE, "account-limits" },
  { 10018, N_("This username is already taken. Choose another one."),
    TD_ERROR_FIELD_USERNAME, "fields" },
  { 10019, N_("The account has reached its maximum number of proxy users."),
    TD_ERROR_FIELD_NONE, "account-limits" },
  { 10020, N_("This proxy user does not exist."),
    TD_ERROR_FIELD_NONE, "account-limits" },
  { 10021, N_("The date range is longer than 180 days.") },
};

const char *
td_server_error_lookup (int code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (server_errors); i++)
    {
      if (server_errors[i].code == code)
        return _(server_errors[i].sentence);
    }

  return NULL;
}

TdErrorField
td_error_code_get_field (int code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (server_errors); i++)
    {
      if (server_errors[i].code == code)
        return server_errors[i].field;
    }

  return TD_ERROR_FIELD_NONE;
}

TdErrorField
td_error_get_field (const GError *error)
{
  if (error == NULL || error->domain != TD_SERVER_ERROR)
    return TD_ERROR_FIELD_NONE;

  return td_error_code_get_field (error->code);
}

static gboolean
is_unsafe_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;

    default:
      return FALSE;
    }
}

/* Turns an untrusted server message into text that is safe to show: valid
 * UTF-8, no control or formatting characters (a space instead), no
 * surrounding white space, at most SERVER_MSG_MAX_CHARS characters.
 * Returns NULL when nothing is left. */
static char *
sanitize_server_msg (const char *msg)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  guint n_chars = 0;

  if (msg == NULL)
    return NULL;

  valid = g_utf8_make_valid (msg, -1);
  out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0' && n_chars < SERVER_MSG_MAX_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_unsafe_char (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);

      n_chars++;
    }

  g_strstrip (out->str);
  if (out->str[0] == '\0')
    return NULL;

  return g_strdup (out->str);
}

GError *
td_server_error_new (int         code,
                     const char *server_msg)
{
  const char *sentence = td_server_error_lookup (code);
  g_autofree char *clean_msg = NULL;

  if (sentence != NULL)
    {
      /* Translators: the %s is a sentence explaining an error, %d the
       * error code the server sent, e.g. "This username is already taken.
       * Choose another one. (code 10018)" */
      return g_error_new (TD_SERVER_ERROR, code, _("%s (code %d)"), sentence, code);
    }

  clean_msg = sanitize_server_msg (server_msg);
  if (clean_msg != NULL)
    {
      /* Translators: the %s is the message the Thordata server sent (often
       * in English or Chinese), %d its error code */
      return g_error_new (TD_SERVER_ERROR, code, _("Thordata answered: “%s” (code %d)"),
                          clean_msg, code);
    }

  /* Translators: %d is the error code the Thordata server sent */
  return g_error_new (TD_SERVER_ERROR, code, _("Thordata reported an unknown error (code %d)"),
                      code);
}

GError *
td_api_error_new_redirect (const char *target,
                           gboolean    changes_origin)
{
  if (!changes_origin)
    return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_REDIRECT,
                                /* Translators: a redirect is when a web server answers "ask at
                                 * this other address instead" */
                                _("Thordata redirected the request to another address. Thordesk "
                                  "does not follow redirects for changes, so nothing was sent "
                                  "there. Check the API address in Preferences."));

  if (target == NULL)
    return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_REDIRECT,
                                _("The server redirected the request to another server, port or "
                                  "scheme. Thordesk does not follow such redirects, so nothing "
                                  "was sent there, the account token least of all. Check the API "
                                  "address in Preferences."));

  return g_error_new (TD_API_ERROR, TD_API_ERROR_REDIRECT,
                      /* Translators: %s is an address such as http://example.com:8080 */
                      _("The server redirected the request to %s, another server, port or "
                        "scheme. Thordesk does not follow such redirects, so nothing was sent "
                        "there, the account token least of all. Check the API address in "
                        "Preferences."),
                      target);
}

GError *
td_api_error_new_format_refused (void)
{
  return g_error_new (TD_API_ERROR, TD_API_ERROR_FORMAT_REFUSED,
                      /* Translators: “form fields” is how Thordata's own tools encode a
                       * request; %d is the error code the server sent (10000) */
                      _("Thordata refused the request in the format Thordesk sent it (JSON). "
                        "Nothing was done. Thordata’s own tools send form fields: the same "
                        "request can be sent that way. (code %d)"),
                      TD_SERVER_CODE_PARAMETER_ERROR);
}

gboolean
td_error_offers_form_fields (const GError *error)
{
  return g_error_matches (error, TD_API_ERROR, TD_API_ERROR_FORMAT_REFUSED);
}

const char *
td_error_get_help_section (const GError *error)
{
  if (error == NULL)
    return NULL;

  if (error->domain == TD_SERVER_ERROR)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (server_errors); i++)
        {
          if (server_errors[i].code == error->code)
            return server_errors[i].help_section;
        }
      return NULL;
    }

  if (error->domain == TD_API_ERROR)
    {
      switch ((TdApiError) error->code)
        {
        case TD_API_ERROR_NO_TOKEN:
          return "account";

        case TD_API_ERROR_FORMAT_REFUSED:
          return "fields";

        case TD_API_ERROR_HTTP:
        case TD_API_ERROR_SERVER_UNAVAILABLE:
        case TD_API_ERROR_TLS:
        case TD_API_ERROR_HOST_NOT_FOUND:
        case TD_API_ERROR_CONNECTION:
        case TD_API_ERROR_TIMEOUT:
        case TD_API_ERROR_INVALID_URL:
        case TD_API_ERROR_CONNECTION_LOST:
        case TD_API_ERROR_REDIRECT:
          return "network";

        case TD_API_ERROR_INVALID_RESPONSE:
        case TD_API_ERROR_TOO_LARGE:
        default:
          return NULL;
        }
    }

  /* The keyring's errors (td-credentials.h), by their domain's name so
   * that the error table depends on nothing else. */
  if (error->domain == g_quark_try_string ("td-credentials-error-quark"))
    return "account";

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return "network";

  return NULL;
}

const char *
td_error_message_get_help_section (const char *message)
{
  if (message == NULL)
    return NULL;

  /* A message that holds a sentence of the table holds its error: the
   * sentences are long and distinct enough not to be met by chance. */
  for (gsize i = 0; i < G_N_ELEMENTS (server_errors); i++)
    {
      if (server_errors[i].help_section != NULL &&
          strstr (message, _(server_errors[i].sentence)) != NULL)
        return server_errors[i].help_section;
    }

  return NULL;
}

gboolean
td_error_is_ambiguous (const GError *error)
{
  if (error == NULL)
    return FALSE;

  return g_error_matches (error, TD_API_ERROR, TD_API_ERROR_TIMEOUT) ||
         g_error_matches (error, TD_API_ERROR, TD_API_ERROR_SERVER_UNAVAILABLE) ||
         g_error_matches (error, TD_API_ERROR, TD_API_ERROR_CONNECTION_LOST) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}
