/* td-gateway-login.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "td-proxy-user.h"

G_BEGIN_DECLS

/* The gateway login of a proxy user with its targeting, and the endpoint
 * strings built from it (see ../shared/api/thordata-more-endpoints.md §4):
 *
 *   td-customer-<user>[-continent-xx][-country-xx][-state-name][-city-name]
 *                     [-asn-ASnnn][-sessid-<id>-sesstime-<minutes>]
 *
 * Everything here is plain data: no network, no GTK. */

#define TD_IP_CHECK_DEFAULT_URL        "https://ipinfo.thordata.com"

/* Sticky sessions, in minutes.  Sources disagree on the maximum: the
 * English docs (residential, mobile, unlimited) and every SDK (PY, JS, GO
 * validate 1–90) say 90; only the Chinese "unlimited" page says 120.  We
 * take 90, which every source accepts. */
#define TD_SESSION_MINUTES_MIN          1
#define TD_SESSION_MINUTES_MAX         90
/* The docs' "standard session" length. */
#define TD_SESSION_MINUTES_DEFAULT     10

/* Session IDs we generate: random, lower-case letters and digits (the
 * docs: "randomly created alphanumeric string"; lower case because the
 * gateway's case handling of IDs is not documented).  IDs typed by the
 * admin may use A–Z, a–z, 0–9, up to TD_SESSION_ID_MAX_LENGTH. */
#define TD_SESSION_ID_LENGTH           12
#define TD_SESSION_ID_MAX_LENGTH       32

#define TD_GATEWAY_MAX_ENDPOINTS     1000

typedef enum
{
  TD_GATEWAY_PROTOCOL_HTTP,
  TD_GATEWAY_PROTOCOL_HTTPS,
  TD_GATEWAY_PROTOCOL_SOCKS5H,
} TdGatewayProtocol;

typedef enum
{
  TD_GATEWAY_FORMAT_URL,             /* scheme://user:pass@host:port, encoded */
  TD_GATEWAY_FORMAT_HOST_PORT_USER_PASS, /* host:port:user:pass */
  TD_GATEWAY_FORMAT_USER_PASS_HOST_PORT, /* user:pass@host:port */
  TD_GATEWAY_FORMAT_CURL,            /* curl -x 'URL' 'https://ipinfo…' */
} TdGatewayFormat;

/* Error codes of TD_GATEWAY_LOGIN_ERROR: the field that is wrong. */
typedef enum
{
  TD_GATEWAY_FIELD_USERNAME,
  TD_GATEWAY_FIELD_PASSWORD,
  TD_GATEWAY_FIELD_HOST,
  TD_GATEWAY_FIELD_PORT,
  TD_GATEWAY_FIELD_CONTINENT,
  TD_GATEWAY_FIELD_COUNTRY,
  TD_GATEWAY_FIELD_STATE,
  TD_GATEWAY_FIELD_CITY,
  TD_GATEWAY_FIELD_ASN,
  TD_GATEWAY_FIELD_SESSION_ID,
  TD_GATEWAY_FIELD_SESSION_MINUTES,
  TD_GATEWAY_FIELD_ENDPOINTS,   /* how many endpoints */
  TD_GATEWAY_N_FIELDS,
} TdGatewayField;

#define TD_GATEWAY_LOGIN_ERROR (td_gateway_login_error_quark ())
GQuark td_gateway_login_error_quark (void);

/* Every string member is optional (NULL or "" = not set), owned by the
 * struct and freed by td_gateway_login_free(); the password is wiped.
 * Values are as typed: the builder trims and normalizes them (country
 * lower case, city lower case with `_` for spaces, ASN "AS" + digits). */
typedef struct
{
  TdProxyType        proxy_type;
  TdGatewayProtocol  protocol;
  char              *host;     /* NULL: td_proxy_type_get_default_host() */
  guint              port;     /* 0: td_proxy_type_get_port() */
  char              *username; /* the proxy user, without td-customer- */
  char              *password;
  char              *continent;
  char              *country;
  char              *state;
  char              *city;
  char              *asn;
  gboolean           sticky;
  char              *session_id;
  guint              session_minutes;
} TdGatewayLogin;

#define TD_TYPE_GATEWAY_LOGIN (td_gateway_login_get_type ())
GType           td_gateway_login_get_type     (void) G_GNUC_CONST;

/* Residential, HTTP, rotating, session minutes at the default. */
TdGatewayLogin *td_gateway_login_new          (void);
TdGatewayLogin *td_gateway_login_copy         (const TdGatewayLogin *self);
void            td_gateway_login_free         (TdGatewayLogin       *self);
/* Replaces a string member, wiping the old value. */
void            td_gateway_login_set          (char                **member,
                                               const char           *value);

/* Checks every field and the dependencies between them (state, city and
 * ASN need a country; a session ID needs sticky).  FALSE with a
 * translated message in TD_GATEWAY_LOGIN_ERROR, code the first bad field. */
gboolean        td_gateway_login_check        (const TdGatewayLogin *self,
                                               GError              **error);

/* The gateway username, "td-customer-…" with the targeting, or NULL with
 * the error of td_gateway_login_check(). */
char           *td_gateway_login_dup_username (const TdGatewayLogin *self,
                                               GError              **error);

/* One endpoint in @format.  @ip_check_url is used by the curl format only
 * (NULL: TD_IP_CHECK_DEFAULT_URL).  The result holds the password: free it
 * with td_secret_free(). */
char           *td_gateway_login_format       (const TdGatewayLogin *self,
                                               TdGatewayFormat       format,
                                               const char           *ip_check_url,
                                               GError              **error);

/* @count endpoints (1–TD_GATEWAY_MAX_ENDPOINTS) in @format, one a line,
 * each with its own new random session ID (sticky); when @count is 1 and
 * the login is rotating, the one rotating endpoint.  Free with
 * td_secret_free(). */
char           *td_gateway_login_format_many  (const TdGatewayLogin *self,
                                               TdGatewayFormat       format,
                                               guint                 count,
                                               const char           *ip_check_url,
                                               GError              **error);

/* The proxy URL without user and password ("http://host:port"). */
char           *td_gateway_login_dup_proxy_uri (const TdGatewayLogin *self);

/* Validation of one field while typing: NULL when valid (empty is valid:
 * every targeting field is optional), else a translated message. */
char           *td_gateway_validate_field     (TdGatewayField        field,
                                               const char           *text);

/* The value as it goes into the username: trimmed, normalized, or NULL
 * when empty or invalid. */
char           *td_gateway_normalize_field    (TdGatewayField        field,
                                               const char           *text);

/* A new random session ID of TD_SESSION_ID_LENGTH characters. */
char           *td_gateway_generate_session_id (void);

/* "http", "https", "socks5h" */
const char     *td_gateway_protocol_get_scheme (TdGatewayProtocol    protocol);
/* Translated: "HTTP", "HTTPS", "SOCKS5" */
const char     *td_gateway_protocol_get_display_name (TdGatewayProtocol protocol);
/* A translated caveat that applies to @protocol with @proxy_type, or NULL. */
const char     *td_gateway_protocol_get_caveat (TdGatewayProtocol    protocol,
                                                TdProxyType          proxy_type);

/* The seven continent codes, NULL-terminated, and their translated names. */
const char * const *td_gateway_get_continents  (void);
const char     *td_gateway_continent_get_display_name (const char *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdGatewayLogin, td_gateway_login_free)

G_END_DECLS
