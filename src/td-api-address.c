/* td-api-address.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The token goes to whatever host the API address names, in a header of
 * every POST and in the query of every GET.  This file decides which
 * addresses may carry it, once, for the setting, --api-url and the
 * client.  Every refusal says what is wrong in words an admin can act on;
 * none repeats the address, which may hold markup or invisible
 * characters.
 *
 * Punycode: a label starting with "xn--" is refused even though it is
 * plain ASCII.  GUri turns a host typed with letters of another alphabet
 * into that form ("thοrdata.com" with a Greek omicron becomes
 * "xn--thrdata-9of.com"), so accepting it would let the look-alike in by
 * the back door, and showing it would tell the admin nothing.  Thordata's
 * API hosts are plain ASCII; no admin needs an internationalized name
 * here. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "td-api-address.h"
#include "td-error.h"

gboolean
td_api_address_is_official (const char *host)
{
  return host != NULL && g_ascii_strcasecmp (host, TD_API_OFFICIAL_HOST) == 0;
}

gboolean
td_api_address_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_INVALID_URL, message);
  return FALSE;
}

/* Letters, digits, hyphens, dots; no empty label. */
static gboolean
host_name_is_plain (const char *host)
{
  gboolean label_start = TRUE;

  for (const char *p = host; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          if (label_start)
            return FALSE;
          label_start = TRUE;
          continue;
        }

      if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;

      label_start = FALSE;
    }

  return TRUE;
}

static gboolean
host_has_punycode_label (const char *host)
{
  const char *label = host;

  while (label != NULL)
    {
      if (g_ascii_strncasecmp (label, "xn--", 4) == 0)
        return TRUE;

      label = strchr (label, '.');
      if (label != NULL)
        label++;
    }

  return FALSE;
}

/* The authority as typed: after "://", up to the path. */
static gboolean
authority_has_percent (const char *url)
{
  const char *start = strstr (url, "://");
  gsize length;

  if (start == NULL)
    return FALSE;

  start += 3;
  length = strcspn (start, "/");

  return memchr (start, '%', length) != NULL;
}

gboolean
td_api_address_check (const char  *url,
                      char       **out_host,
                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_host != NULL)
    *out_host = NULL;

  if (url == NULL || url[0] == '\0')
    return refuse (error, _("Enter an API address, such as https://openapi.thordata.com/api."));

  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p == 0x7f)
        return refuse (error,
                       _("The API address contains a space, a line break or another invisible "
                         "character. Type it again without them."));
    }

  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    {
      if (*p >= 0x80)
        return refuse (error,
                       _("The API address contains a character that is not a plain ASCII letter, "
                         "digit or sign. A letter from another alphabet can make another server "
                         "look like Thordata’s."));
    }

  if (strchr (url, '@') != NULL)
    return refuse (error,
                   /* Translators: user information is the part of a web address before “@” */
                   _("The API address contains “@”. The part before it would be hidden user "
                     "information, and the server really contacted is the one after it."));

  if (strchr (url, '\\') != NULL)
    return refuse (error, _("The API address contains a backslash (\\). Use only forward slashes."));

  /* Characters no web address may hold (RFC 3986): they would also be
   * read as markup or quoting wherever the address is shown. */
  if (strpbrk (url, "<>\"{}|^`") != NULL)
    return refuse (error,
                   _("The API address contains a character that web addresses do not allow: "
                     "an angle bracket, a double quote, a brace, a vertical bar, a caret or a "
                     "backquote."));

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      host == NULL || host[0] == '\0')
    return refuse (error,
                   _("The API address is not a web address starting with https://, such as "
                     "https://openapi.thordata.com/api."));

  /* A path is joined after the base, so a query or fragment in it would
   * end up in the wrong place. */
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return refuse (error,
                   _("The API address contains “?” or “#”. Give it without a query or a "
                     "fragment."));

  if (authority_has_percent (url))
    return refuse (error,
                   _("The server name in the API address contains a percent sign. Type the "
                     "name itself, without encoding it."));

  if (!g_hostname_is_ip_address (host))
    {
      gsize length = strlen (host);

      if (host[length - 1] == '.')
        return refuse (error,
                       _("The server name in the API address ends with a dot. Remove the dot."));

      if (!host_name_is_plain (host))
        return refuse (error,
                       _("The server name in the API address may contain only letters, digits, "
                         "dots and hyphens."));

      if (host_has_punycode_label (host))
        return refuse (error,
                       /* Translators: punycode is how names in other alphabets are written
                        * with plain letters; keep “xn--” as it is */
                       _("The server name in the API address contains a punycode part "
                         "(“xn--”), which stands for letters of another alphabet and can "
                         "imitate a known name."));
    }

  if (g_ascii_strcasecmp (scheme, "https") != 0 && !td_api_address_is_loopback (host))
    return refuse (error,
                   _("The API address starts with http://, which would send the token "
                     "unencrypted. Use https:// (http:// is accepted only for this computer: "
                     "127.0.0.1 or localhost)."));

  if (out_host != NULL)
    *out_host = g_ascii_strdown (host, -1);

  return TRUE;
}

char *
td_api_address_dup_warning (const char *url)
{
  g_autofree char *host = NULL;
  g_autoptr(GError) error = NULL;

  if (!td_api_address_check (url, &host, &error))
    /* Translators: %s says why the API address is refused */
    return g_strdup_printf (_("Nothing is sent: the API address is refused. %s"), error->message);

  if (!td_api_address_is_official (host))
    /* Translators: %s is a host name; openapi.thordata.com is Thordata's own server */
    return g_strdup_printf (_("The account token is sent to %s, which is not Thordata’s own "
                              "server (openapi.thordata.com)."),
                            host);

  return NULL;
}
