/* td-gateway-login.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "td-gateway-login.h"

#define GATEWAY_LOGIN_PREFIX "td-customer-"

G_DEFINE_QUARK (td-gateway-login-error-quark, td_gateway_login_error)

G_DEFINE_BOXED_TYPE (TdGatewayLogin, td_gateway_login,
                     td_gateway_login_copy, td_gateway_login_free)

/* DOCS "Continent"; PY types/common.py. */
static const char * const continents[] = {
  "af", "an", "as", "eu", "na", "oc", "sa", NULL
};

TdGatewayLogin *
td_gateway_login_new (void)
{
  TdGatewayLogin *self = g_new0 (TdGatewayLogin, 1);

  self->proxy_type = TD_PROXY_TYPE_RESIDENTIAL;
  /* HTTP by default: PY's build_proxy_endpoint forces http:// on the
   * gateway ports (TLS to 9999 fails with WRONG_VERSION_NUMBER) and the
   * official curl/go examples use http://, although SPEC-new says "most
   * accounts require HTTPS".  The admin can choose. */
  self->protocol = TD_GATEWAY_PROTOCOL_HTTP;
  self->session_minutes = TD_SESSION_MINUTES_DEFAULT;

  return self;
}

TdGatewayLogin *
td_gateway_login_copy (const TdGatewayLogin *self)
{
  TdGatewayLogin *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->host = g_strdup (self->host);
  copy->username = g_strdup (self->username);
  copy->password = g_strdup (self->password);
  copy->continent = g_strdup (self->continent);
  copy->country = g_strdup (self->country);
  copy->state = g_strdup (self->state);
  copy->city = g_strdup (self->city);
  copy->asn = g_strdup (self->asn);
  copy->session_id = g_strdup (self->session_id);

  return copy;
}

void
td_gateway_login_free (TdGatewayLogin *self)
{
  if (self == NULL)
    return;

  g_free (self->host);
  g_free (self->username);
  td_secret_free (self->password);
  g_free (self->continent);
  g_free (self->country);
  g_free (self->state);
  g_free (self->city);
  g_free (self->asn);
  g_free (self->session_id);
  g_free (self);
}

void
td_gateway_login_set (char       **member,
                      const char  *value)
{
  g_return_if_fail (member != NULL);

  td_secret_free (*member);
  *member = g_strdup (value);
}

/* ---- one field ------------------------------------------------------ */

static gboolean
is_empty (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* State and city: lower case, spaces (and runs of them) become one `_`
 * (DOCS; JS proxy.ts, JAVA, GO CityName: "los angeles" → "los_angeles").
 * Accented letters are written without their accents ("São Paulo" →
 * "sao_paulo"): an inference, since the username is ASCII in every
 * example.  NULL when a character other than a letter, digit, space or `_`
 * remains; `-` in particular would end the segment. */
static char *
normalize_place (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *ascii = g_str_to_ascii (stripped, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else if (*p == ' ' || *p == '_' || *p == '\t')
        {
          if (out->len > 0 && out->str[out->len - 1] != '_')
            g_string_append_c (out, '_');
        }
      else
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }

  while (out->len > 0 && out->str[out->len - 1] == '_')
    g_string_truncate (out, out->len - 1);

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* "AS12322", "as12322", "12322" → "AS12322" (PY and GO add the prefix and
 * upper-case it).  A 32-bit ASN, not 0. */
static char *
normalize_asn (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const char *digits = stripped;
  guint64 number;

  if (g_ascii_strncasecmp (digits, "AS", 2) == 0)
    digits += 2;

  if (digits[0] == '\0' || strlen (digits) > 10)
    return NULL;
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;

  number = g_ascii_strtoull (digits, NULL, 10);
  if (number == 0 || number > G_MAXUINT32)
    return NULL;

  return g_strdup_printf ("AS%" G_GUINT64_FORMAT, number);
}

static gboolean
is_host_name (const char *host)
{
  if (host[0] == '\0' || strlen (host) > 253)
    return FALSE;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
      return FALSE;

  return host[0] != '.' && host[0] != '-';
}

char *
td_gateway_normalize_field (TdGatewayField  field,
                            const char     *text)
{
  g_autofree char *stripped = NULL;

  if (is_empty (text))
    return NULL;

  stripped = g_strstrip (g_strdup (text));

  switch (field)
    {
    case TD_GATEWAY_FIELD_USERNAME:
      {
        const char *name = stripped;
        g_autofree char *problem = NULL;

        /* PY adds the prefix only when it is missing. */
        if (g_str_has_prefix (name, GATEWAY_LOGIN_PREFIX))
          name += strlen (GATEWAY_LOGIN_PREFIX);
        problem = td_validate_username (name);

        return problem == NULL ? g_strdup (name) : NULL;
      }

    case TD_GATEWAY_FIELD_PASSWORD:
      return g_strdup (text);

    case TD_GATEWAY_FIELD_HOST:
      return is_host_name (stripped) ? g_ascii_strdown (stripped, -1) : NULL;

    case TD_GATEWAY_FIELD_PORT:
      {
        guint64 port;

        if (!g_ascii_string_to_unsigned (stripped, 10, 1, G_MAXUINT16, &port, NULL))
          return NULL;
        return g_strdup_printf ("%u", (guint) port);
      }

    case TD_GATEWAY_FIELD_CONTINENT:
      {
        g_autofree char *lower = g_ascii_strdown (stripped, -1);

        return g_strv_contains (continents, lower) ? g_steal_pointer (&lower) : NULL;
      }

    case TD_GATEWAY_FIELD_COUNTRY:
      /* ISO 3166-1 alpha-2; case-insensitive per DOCS, lower-cased by
       * the SDKs (PY validates ^[a-zA-Z]{2}$). */
      if (strlen (stripped) != 2 ||
          !g_ascii_isalpha (stripped[0]) || !g_ascii_isalpha (stripped[1]))
        return NULL;
      return g_ascii_strdown (stripped, -1);

    case TD_GATEWAY_FIELD_STATE:
    case TD_GATEWAY_FIELD_CITY:
      return normalize_place (stripped);

    case TD_GATEWAY_FIELD_ASN:
      return normalize_asn (stripped);

    case TD_GATEWAY_FIELD_SESSION_ID:
      /* Letters and digits only: `-` is the separator of the segments. */
      if (strlen (stripped) > TD_SESSION_ID_MAX_LENGTH)
        return NULL;
      for (const char *p = stripped; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p))
          return NULL;
      return g_steal_pointer (&stripped);

    case TD_GATEWAY_FIELD_SESSION_MINUTES:
      {
        guint64 minutes;

        if (!g_ascii_string_to_unsigned (stripped, 10,
                                         TD_SESSION_MINUTES_MIN, TD_SESSION_MINUTES_MAX,
                                         &minutes, NULL))
          return NULL;
        return g_strdup_printf ("%u", (guint) minutes);
      }

    case TD_GATEWAY_FIELD_ENDPOINTS:
      {
        guint64 count;

        if (!g_ascii_string_to_unsigned (stripped, 10, 1, TD_GATEWAY_MAX_ENDPOINTS,
                                         &count, NULL))
          return NULL;
        return g_strdup_printf ("%u", (guint) count);
      }

    case TD_GATEWAY_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
field_message (TdGatewayField field)
{
  switch (field)
    {
    case TD_GATEWAY_FIELD_HOST:
      return g_strdup (_("Enter a host name only, like t.pr.thordata.net"));

    case TD_GATEWAY_FIELD_PORT:
      return g_strdup (_("Enter a port from 1 to 65535."));

    case TD_GATEWAY_FIELD_CONTINENT:
      /* Translators: the codes are written as they are, not translated */
      return g_strdup (_("Choose a continent: af, an, as, eu, na, oc or sa."));

    case TD_GATEWAY_FIELD_COUNTRY:
      return g_strdup (_("Enter a two-letter country code, like us."));

    case TD_GATEWAY_FIELD_STATE:
    case TD_GATEWAY_FIELD_CITY:
      return g_strdup (_("Use only letters, digits and spaces."));

    case TD_GATEWAY_FIELD_ASN:
      return g_strdup (_("Enter an ASN like AS12322."));

    case TD_GATEWAY_FIELD_SESSION_ID:
      return g_strdup_printf (_("Use only letters and digits, at most %d."),
                              TD_SESSION_ID_MAX_LENGTH);

    case TD_GATEWAY_FIELD_SESSION_MINUTES:
      return g_strdup_printf (_("A session lasts from %d to %d minutes."),
                              TD_SESSION_MINUTES_MIN, TD_SESSION_MINUTES_MAX);

    case TD_GATEWAY_FIELD_ENDPOINTS:
      return g_strdup_printf (_("Choose from 1 to %d endpoints."), TD_GATEWAY_MAX_ENDPOINTS);

    case TD_GATEWAY_FIELD_USERNAME:
    case TD_GATEWAY_FIELD_PASSWORD:
    case TD_GATEWAY_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
td_gateway_validate_field (TdGatewayField  field,
                           const char     *text)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (field < TD_GATEWAY_N_FIELDS, NULL);

  if (field == TD_GATEWAY_FIELD_USERNAME)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
      const char *name = stripped;

      if (g_str_has_prefix (name, GATEWAY_LOGIN_PREFIX))
        name += strlen (GATEWAY_LOGIN_PREFIX);
      return td_validate_username (name);
    }

  if (field == TD_GATEWAY_FIELD_PASSWORD)
    return text == NULL || text[0] == '\0' ? g_strdup (_("Enter the user’s password.")) : NULL;

  if (is_empty (text))
    return NULL;

  normalized = td_gateway_normalize_field (field, text);

  return normalized == NULL ? field_message (field) : NULL;
}

/* ---- the whole login ------------------------------------------------ */

static gboolean
check_field (TdGatewayField   field,
             const char      *text,
             GError         **error)
{
  g_autofree char *message = td_gateway_validate_field (field, text);

  if (message == NULL)
    return TRUE;

  g_set_error_literal (error, TD_GATEWAY_LOGIN_ERROR, field, message);
  return FALSE;
}

gboolean
td_gateway_login_check (const TdGatewayLogin  *self,
                        GError               **error)
{
  g_autofree char *port = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!td_proxy_type_is_valid (self->proxy_type))
    {
      g_set_error_literal (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_USERNAME,
                           _("Choose a proxy product."));
      return FALSE;
    }

  if (!check_field (TD_GATEWAY_FIELD_USERNAME, self->username, error) ||
      !check_field (TD_GATEWAY_FIELD_PASSWORD, self->password, error) ||
      !check_field (TD_GATEWAY_FIELD_HOST, self->host, error))
    return FALSE;

  if (self->port > G_MAXUINT16)
    {
      port = g_strdup_printf ("%u", self->port);
      if (!check_field (TD_GATEWAY_FIELD_PORT, port, error))
        return FALSE;
    }

  if (!check_field (TD_GATEWAY_FIELD_CONTINENT, self->continent, error) ||
      !check_field (TD_GATEWAY_FIELD_COUNTRY, self->country, error) ||
      !check_field (TD_GATEWAY_FIELD_STATE, self->state, error) ||
      !check_field (TD_GATEWAY_FIELD_CITY, self->city, error) ||
      !check_field (TD_GATEWAY_FIELD_ASN, self->asn, error))
    return FALSE;

  /* DOCS: state, city and ASN "must be used with the country parameter";
   * PY raises "ASN targeting requires country". */
  if (is_empty (self->country))
    {
      if (!is_empty (self->state))
        {
          g_set_error_literal (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_STATE,
                               _("A state needs a country: choose the country too."));
          return FALSE;
        }
      if (!is_empty (self->city))
        {
          g_set_error_literal (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_CITY,
                               _("A city needs a country: choose the country too."));
          return FALSE;
        }
      if (!is_empty (self->asn))
        {
          g_set_error_literal (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_ASN,
                               _("An ASN needs a country: choose the country too."));
          return FALSE;
        }
    }

  if (self->sticky)
    {
      if (is_empty (self->session_id))
        {
          g_set_error_literal (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_SESSION_ID,
                               _("Enter a session ID, or make a new one."));
          return FALSE;
        }
      if (!check_field (TD_GATEWAY_FIELD_SESSION_ID, self->session_id, error))
        return FALSE;
      if (self->session_minutes < TD_SESSION_MINUTES_MIN ||
          self->session_minutes > TD_SESSION_MINUTES_MAX)
        {
          g_autofree char *message = field_message (TD_GATEWAY_FIELD_SESSION_MINUTES);

          g_set_error_literal (error, TD_GATEWAY_LOGIN_ERROR,
                               TD_GATEWAY_FIELD_SESSION_MINUTES, message);
          return FALSE;
        }
    }

  return TRUE;
}

static void
append_segment (GString        *out,
                const char     *name,
                TdGatewayField  field,
                const char     *value)
{
  g_autofree char *normalized = td_gateway_normalize_field (field, value);

  if (normalized != NULL)
    g_string_append_printf (out, "-%s-%s", name, normalized);
}

/* The username with @session_id instead of the login's own. */
static char *
build_username (const TdGatewayLogin *self,
                const char           *session_id)
{
  g_autofree char *name = td_gateway_normalize_field (TD_GATEWAY_FIELD_USERNAME, self->username);
  GString *out = g_string_new (GATEWAY_LOGIN_PREFIX);

  g_string_append (out, name);

  /* SPEC-new segmentOrder, PY, GO: continent, country, state, city, asn,
   * sessid, sesstime. */
  append_segment (out, "continent", TD_GATEWAY_FIELD_CONTINENT, self->continent);
  append_segment (out, "country", TD_GATEWAY_FIELD_COUNTRY, self->country);
  append_segment (out, "state", TD_GATEWAY_FIELD_STATE, self->state);
  append_segment (out, "city", TD_GATEWAY_FIELD_CITY, self->city);
  append_segment (out, "asn", TD_GATEWAY_FIELD_ASN, self->asn);

  if (self->sticky)
    {
      g_autofree char *id = td_gateway_normalize_field (TD_GATEWAY_FIELD_SESSION_ID, session_id);

      g_string_append_printf (out, "-sessid-%s-sesstime-%u", id, self->session_minutes);
    }

  return g_string_free (out, FALSE);
}

char *
td_gateway_login_dup_username (const TdGatewayLogin  *self,
                               GError               **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!td_gateway_login_check (self, error))
    return NULL;

  return build_username (self, self->session_id);
}

static char *
dup_host (const TdGatewayLogin *self)
{
  g_autofree char *host = td_gateway_normalize_field (TD_GATEWAY_FIELD_HOST, self->host);

  if (host == NULL)
    return g_strdup (td_proxy_type_get_default_host (self->proxy_type));

  return g_steal_pointer (&host);
}

static guint
get_port (const TdGatewayLogin *self)
{
  return self->port != 0 ? self->port : td_proxy_type_get_port (self->proxy_type);
}

/* "host:port", an IPv6 literal in brackets. */
static char *
dup_host_port (const TdGatewayLogin *self)
{
  g_autofree char *host = dup_host (self);
  gboolean bracket = strchr (host, ':') != NULL;

  return g_strdup_printf ("%s%s%s:%u", bracket ? "[" : "", host, bracket ? "]" : "",
                          get_port (self));
}

char *
td_gateway_login_dup_proxy_uri (const TdGatewayLogin *self)
{
  g_autofree char *host_port = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  host_port = dup_host_port (self);

  return g_strdup_printf ("%s://%s", td_gateway_protocol_get_scheme (self->protocol), host_port);
}

static char *
format_one (const TdGatewayLogin *self,
            TdGatewayFormat       format,
            const char           *session_id,
            const char           *ip_check_url)
{
  g_autofree char *username = build_username (self, session_id);
  g_autofree char *host_port = dup_host_port (self);
  const char *password = self->password;

  switch (format)
    {
    case TD_GATEWAY_FORMAT_HOST_PORT_USER_PASS:
      return g_strdup_printf ("%s:%s:%s", host_port, username, password);

    case TD_GATEWAY_FORMAT_USER_PASS_HOST_PORT:
      return g_strdup_printf ("%s:%s@%s", username, password, host_port);

    case TD_GATEWAY_FORMAT_URL:
    case TD_GATEWAY_FORMAT_CURL:
      {
        /* PY quote(x, safe=""), JS encodeURIComponent: nothing reserved
         * is left unescaped in either part. */
        g_autofree char *user_escaped = g_uri_escape_string (username, NULL, FALSE);
        char *password_escaped = g_uri_escape_string (password, NULL, FALSE);
        char *url = g_strdup_printf ("%s://%s:%s@%s",
                                     td_gateway_protocol_get_scheme (self->protocol),
                                     user_escaped, password_escaped, host_port);
        char *quoted_url;
        g_autofree char *quoted_target = NULL;
        char *line;

        td_secret_free (password_escaped);
        if (format == TD_GATEWAY_FORMAT_URL)
          return url;

        /* Text for the admin to copy: Thordesk never runs it. */
        quoted_url = g_shell_quote (url);
        quoted_target = g_shell_quote (ip_check_url ? ip_check_url : TD_IP_CHECK_DEFAULT_URL);
        line = g_strdup_printf ("curl -x %s %s", quoted_url, quoted_target);
        td_secret_free (quoted_url);
        td_secret_free (url);
        return line;
      }

    default:
      g_return_val_if_reached (NULL);
    }
}

char *
td_gateway_login_format (const TdGatewayLogin  *self,
                         TdGatewayFormat        format,
                         const char            *ip_check_url,
                         GError               **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (format <= TD_GATEWAY_FORMAT_CURL, NULL);

  if (!td_gateway_login_check (self, error))
    return NULL;

  return format_one (self, format, self->session_id, ip_check_url);
}

char *
td_gateway_login_format_many (const TdGatewayLogin  *self,
                              TdGatewayFormat        format,
                              guint                  count,
                              const char            *ip_check_url,
                              GError               **error)
{
  g_autoptr(TdGatewayLogin) sticky = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (format <= TD_GATEWAY_FORMAT_CURL, NULL);

  if (count < 1 || count > TD_GATEWAY_MAX_ENDPOINTS)
    {
      g_autofree char *message = field_message (TD_GATEWAY_FIELD_ENDPOINTS);

      g_set_error_literal (error, TD_GATEWAY_LOGIN_ERROR, TD_GATEWAY_FIELD_ENDPOINTS, message);
      return NULL;
    }

  if (count == 1 && !self->sticky)
    return td_gateway_login_format (self, format, ip_check_url, error);

  /* Many endpoints only differ by their session: each gets a new ID. */
  sticky = td_gateway_login_copy (self);
  sticky->sticky = TRUE;
  if (is_empty (sticky->session_id))
    {
      g_free (sticky->session_id);
      sticky->session_id = td_gateway_generate_session_id ();
    }
  if (!td_gateway_login_check (sticky, error))
    return NULL;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  out = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    {
      char *id;
      char *line;

      do
        id = td_gateway_generate_session_id ();
      while (!g_hash_table_add (seen, id));

      line = format_one (sticky, format, id, ip_check_url);
      g_string_append (out, line);
      g_string_append_c (out, '\n');
      td_secret_free (line);
    }

  return g_string_free (out, FALSE);
}

/* ---- small tables --------------------------------------------------- */

char *
td_gateway_generate_session_id (void)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  char *id = g_malloc0 (TD_SESSION_ID_LENGTH + 1);
  guint filled = 0;

  while (filled < TD_SESSION_ID_LENGTH)
    {
      guint8 bytes[32];

      if (getrandom (bytes, sizeof bytes, 0) != (gssize) sizeof bytes)
        {
          for (gsize i = 0; i < sizeof bytes; i++)
            bytes[i] = g_random_int_range (0, 256);
        }

      /* 252 = 7 × 36: no value is likelier than another. */
      for (gsize i = 0; i < sizeof bytes && filled < TD_SESSION_ID_LENGTH; i++)
        if (bytes[i] < 252)
          id[filled++] = alphabet[bytes[i] % 36];
    }

  return id;
}

const char *
td_gateway_protocol_get_scheme (TdGatewayProtocol protocol)
{
  switch (protocol)
    {
    case TD_GATEWAY_PROTOCOL_HTTP:
      return "http";
    case TD_GATEWAY_PROTOCOL_HTTPS:
      return "https";
    case TD_GATEWAY_PROTOCOL_SOCKS5H:
      /* The SDKs turn socks5 into socks5h: names resolved by the gateway. */
      return "socks5h";
    default:
      g_return_val_if_reached ("http");
    }
}

const char *
td_gateway_protocol_get_display_name (TdGatewayProtocol protocol)
{
  switch (protocol)
    {
    case TD_GATEWAY_PROTOCOL_HTTP:
      return "HTTP";
    case TD_GATEWAY_PROTOCOL_HTTPS:
      return "HTTPS";
    case TD_GATEWAY_PROTOCOL_SOCKS5H:
      return "SOCKS5";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
td_gateway_protocol_get_caveat (TdGatewayProtocol protocol,
                                TdProxyType       proxy_type)
{
  switch (protocol)
    {
    case TD_GATEWAY_PROTOCOL_HTTPS:
      /* PY types/proxy.py:159-169 */
      return _("Some programs fail to talk TLS to the gateway (“wrong version number”). "
               "If so, use HTTP: https:// sites stay encrypted end to end.");

    case TD_GATEWAY_PROTOCOL_SOCKS5H:
      /* DOCS FAQ: "SOCKS5 is not supported on residential and mobile
       * proxies.  Business customers who have completed Enterprise KYC
       * may request SOCKS5 access."  The high-bandwidth (unlimited) page
       * shows socks5h on 9999, so no caveat there. */
      if (proxy_type == TD_PROXY_TYPE_RESIDENTIAL || proxy_type == TD_PROXY_TYPE_MOBILE)
        return _("SOCKS5 works on residential and mobile proxies only after Thordata "
                 "enables it for the account (Enterprise KYC).");
      return NULL;

    case TD_GATEWAY_PROTOCOL_HTTP:
    default:
      return NULL;
    }
}

const char * const *
td_gateway_get_continents (void)
{
  return continents;
}

const char *
td_gateway_continent_get_display_name (const char *code)
{
  static const struct { const char *code; const char *name; } names[] = {
    { "af", N_("Africa") },
    { "an", N_("Antarctica") },
    { "as", N_("Asia") },
    { "eu", N_("Europe") },
    { "na", N_("North America") },
    { "oc", N_("Oceania") },
    { "sa", N_("South America") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (code, names[i].code) == 0)
      return _(names[i].name);

  return NULL;
}
