/* td-proxy-user.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "td-types.h"

G_BEGIN_DECLS

/* The numbers are the ones the API uses for `proxy_type`. */
typedef enum
{
  TD_PROXY_TYPE_RESIDENTIAL = 1,
  TD_PROXY_TYPE_UNLIMITED   = 2,
  TD_PROXY_TYPE_MOBILE      = 3,
} TdProxyType;

typedef enum
{
  TD_TRAFFIC_UNIT_MB,
  TD_TRAFFIC_UNIT_GB,
} TdTrafficUnit;

/* Server rules, also enforced by the sandbox. */
#define TD_USERNAME_MIN_LENGTH     6
#define TD_USERNAME_MAX_LENGTH    15
#define TD_PASSWORD_MIN_LENGTH     6
#define TD_PASSWORD_MAX_LENGTH    15
#define TD_TRAFFIC_LIMIT_MIN_MB  100
/* Largest limit accepted, in MB: what a signed 32-bit server field holds. */
#define TD_TRAFFIC_LIMIT_MAX_MB  ((gint64) G_MAXINT32)

#define TD_TYPE_PROXY_USER (td_proxy_user_get_type ())

G_DECLARE_FINAL_TYPE (TdProxyUser, td_proxy_user, TD, PROXY_USER, GObject)

TdProxyUser *td_proxy_user_new                 (void);
/* A user with these values; @password may be NULL. */
TdProxyUser *td_proxy_user_new_full            (TdProxyType    proxy_type,
                                                const char    *username,
                                                const char    *password,
                                                gint64         traffic_limit,
                                                gboolean       enabled);
TdProxyType  td_proxy_user_get_proxy_type      (TdProxyUser   *self);
void         td_proxy_user_set_proxy_type      (TdProxyUser   *self,
                                                TdProxyType    proxy_type);
const char  *td_proxy_user_get_username        (TdProxyUser   *self);
void         td_proxy_user_set_username        (TdProxyUser   *self,
                                                const char    *username);
/* td_search_key() of the username, kept until the username changes. */
const char  *td_proxy_user_get_search_key      (TdProxyUser   *self);
/* td_username_dup_display() of the username, made when first asked for:
 * what every screen shows of a user's name. */
const char  *td_proxy_user_get_display_name    (TdProxyUser   *self);
/* TRUE when the username is outside Thordata's rule
 * (td_username_is_conforming()): it is shown escaped, flagged, and
 * destructive actions on it ask twice. */
gboolean     td_proxy_user_is_name_flagged     (TdProxyUser   *self);
/* The user's copy of the password is wiped when replaced or when the
 * user is finalized (copies elsewhere, in an entry or in libsoup's
 * request buffers, are not). */
const char  *td_proxy_user_get_password        (TdProxyUser   *self);
void         td_proxy_user_set_password        (TdProxyUser   *self,
                                                const char    *password);
/* In MB; 0 means unlimited. */
gint64       td_proxy_user_get_traffic_limit   (TdProxyUser   *self);
void         td_proxy_user_set_traffic_limit   (TdProxyUser   *self,
                                                gint64         traffic_limit_mb);
gboolean     td_proxy_user_get_enabled         (TdProxyUser   *self);
void         td_proxy_user_set_enabled         (TdProxyUser   *self,
                                                gboolean       enabled);

/* From the user list: when the user was created (NULL when unknown) and
 * the traffic used, in MB as the API documents it (-1 when unknown).
 * Properties "created-time" (GDateTime) and "usage-traffic" (double). */
GDateTime   *td_proxy_user_get_created_time    (TdProxyUser   *self);
void         td_proxy_user_set_created_time    (TdProxyUser   *self,
                                                GDateTime     *created_time);
double       td_proxy_user_get_usage_traffic   (TdProxyUser   *self);
void         td_proxy_user_set_usage_traffic   (TdProxyUser   *self,
                                                double         usage_traffic_mb);

/* A new user with the same values (the password copied too). */
TdProxyUser *td_proxy_user_copy                (TdProxyUser   *self);

/* TRUE when every field satisfies the server's rules. */
gboolean     td_proxy_user_is_valid            (TdProxyUser   *self);

/* "td-customer-<username>" */
char        *td_proxy_user_dup_gateway_login   (TdProxyUser   *self);
/* "http://td-customer-<user>:<password>@<host>:<port>", user and
 * password percent-encoded.  @host NULL means the type's default host. */
char        *td_proxy_user_dup_proxy_url       (TdProxyUser   *self,
                                                const char    *host);

const char  *td_proxy_type_get_default_host    (TdProxyType    proxy_type);
guint16      td_proxy_type_get_port            (TdProxyType    proxy_type);
/* Translated display name ("Residential", ...). */
const char  *td_proxy_type_get_display_name    (TdProxyType    proxy_type);
gboolean     td_proxy_type_is_valid            (int            proxy_type);

/* @text as a search compares it: Unicode-normalized (compatibility
 * forms) and case-folded, so that "ALICE", "alice" and "ａｌｉｃｅ" find
 * each other.  Invalid UTF-8 gives "". */
char        *td_search_key                     (const char    *text);

/* Validation while typing.  Each returns NULL when the text is valid,
 * otherwise a newly allocated, translated sentence that says what is
 * wrong and how to fix it, to be shown next to the field. */
char        *td_validate_username              (const char    *text);

/* A username as the server listed it (untrusted), made safe to show: every
 * character but printable ASCII (bidi overrides such as U+202E, zero-width
 * and other format or control characters, spaces, look-alike letters of
 * other scripts) is written as "\u202E" (or "\U0001F600"), a backslash as
 * "\\", and each byte of invalid UTF-8 as "\xFF".  A name within
 * Thordata's rule comes back unchanged.  NULL gives "". */
char        *td_username_dup_display           (const char    *username);
/* TRUE when @username follows Thordata's rule: TD_USERNAME_MIN_LENGTH to
 * TD_USERNAME_MAX_LENGTH ASCII letters and digits. */
gboolean     td_username_is_conforming         (const char    *username);
char        *td_validate_password              (const char    *text);
/* Parses a whole, non-negative number in @unit and converts it to MB.
 * Accepts surrounding white space; rejects signs, fractions, other
 * characters, 1..99 MB, and anything above TD_TRAFFIC_LIMIT_MAX_MB
 * (including values that overflow 64 bits).  On success returns NULL
 * and sets @out_mb; otherwise returns the message and leaves @out_mb
 * untouched. */
char        *td_parse_traffic_limit            (const char    *text,
                                                TdTrafficUnit  unit,
                                                gint64        *out_mb);

/* A random password of @length characters (clamped to the rules) from
 * a cryptographic source (getrandom), starting with a letter and holding
 * at least one upper-case letter, one lower-case letter and one digit.
 * Free with td_secret_free(). */
char        *td_generate_password              (guint          length);

/* Overwrites a string with zeros, then frees it.  NULL is allowed. */
void         td_secret_free                    (char          *secret);

G_END_DECLS
