/* td-sandbox.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-proxy-user.h"
#include "td-sandbox-account.h"
#include "td-sandbox-gateway.h"
#include "td-types.h"

G_BEGIN_DECLS

/* A request body larger than this is answered 413 and not kept. */
#define TD_SANDBOX_MAX_REQUEST_BYTES       (1024 * 1024)
/* What the sandbox keeps: the last requests, their bodies cut here. */
#define TD_SANDBOX_MAX_RECORDED_REQUESTS   100
#define TD_SANDBOX_MAX_RECORDED_BODY_BYTES (64 * 1024)
#define TD_SANDBOX_DEFAULT_TOKEN "sandbox-token"

/* One request as the sandbox received it. */
typedef struct
{
  char       *method;        /* "POST", "GET" */
  char       *path;          /* "/api/proxy-users/create-user" */
  char       *content_type;  /* NULL for GET */
  char       *token;         /* header (POST) or query (GET); NULL if absent */
  char       *key;
  GBytes     *body;          /* raw body, empty for GET and for refused
                              * requests; at most
                              * TD_SANDBOX_MAX_RECORDED_BODY_BYTES */
  JsonObject *fields;        /* body or query, decoded (td_sandbox_fields_decode);
                              * empty when the body was refused or cut */
  guint       status;        /* the HTTP status answered */
  gboolean    truncated;     /* the body was cut */
} TdSandboxRequest;

#define TD_TYPE_SANDBOX (td_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (TdSandbox, td_sandbox, TD, SANDBOX, GObject)

/* An in-process implementation of the proxy-user endpoints on
 * 127.0.0.1 (Host 127.0.0.1:<port> or localhost:<port> only; the token is
 * checked before a body is read), faithful to the API notes: create-user, user-list,
 * update-user, delete-user and usage-statistics (daily) under
 * <base>/proxy-users/.  It runs in the
 * thread-default main context it was started in and never blocks it. */
TdSandbox              *td_sandbox_new              (void);
/* Listens on 127.0.0.1, port 0 (any free port). */
gboolean                td_sandbox_start            (TdSandbox    *self,
                                                     GError      **error);
/* "http://127.0.0.1:<port>/api", valid after start. */
const char             *td_sandbox_get_base_url     (TdSandbox    *self);
/* The stand-in gateway (td-sandbox-gateway.h) over this sandbox's users,
 * started with it and registered under its base URL; NULL before start. */
TdSandboxGateway       *td_sandbox_get_gateway      (TdSandbox    *self);

/* The credentials the sandbox accepts; a wrong token answers 10013, a
 * wrong key (when one is set) 10014.  Default: TD_SANDBOX_DEFAULT_TOKEN,
 * no key. */
void                    td_sandbox_set_credentials  (TdSandbox    *self,
                                                     const char   *token,
                                                     const char   *key);
/* Number of users allowed per account (10019 past it). */
void                    td_sandbox_set_quota        (TdSandbox    *self,
                                                     guint         quota);

/* A rate limit on create-user: past @max_creates creates let through in
 * the last @window_ms, a create is answered 10011 ("too frequent") and
 * not done; those answered 10011 do not count.  The sandbox answers one
 * request at a time, so creates sent at once (concurrently) arrive within
 * the window and meet the limit too.  @max_creates 0: no limit (the
 * default; --sandbox sets TD_SANDBOX_APP_MAX_CREATES per
 * TD_SANDBOX_APP_WINDOW_MS). */
#define TD_SANDBOX_APP_MAX_CREATES 10
#define TD_SANDBOX_APP_WINDOW_MS   1000
void                    td_sandbox_set_create_rate_limit (TdSandbox *self,
                                                          guint      max_creates,
                                                          guint      window_ms);

/* Adds a user directly, as if created earlier (for tests and benchmarks). */
void                    td_sandbox_add_user         (TdSandbox    *self,
                                                     TdProxyUser  *user);
/* Adds @n_users users of @proxy_type named @prefix and six digits
 * ("example000000", ...), with varied limits and a few disabled, as an
 * account that already has them.  Names already stored are skipped. */
void                    td_sandbox_add_example_users (TdSandbox   *self,
                                                      TdProxyType  proxy_type,
                                                      const char  *prefix,
                                                      guint        n_users);
/* The stored user, or NULL. */
TdProxyUser            *td_sandbox_lookup_user      (TdSandbox    *self,
                                                     TdProxyType   proxy_type,
                                                     const char   *username);
guint                   td_sandbox_get_n_users      (TdSandbox    *self);

/* Records @usage_kb of traffic for @username on @date, served by
 * usage-statistics (the days in a range, their sum, and the totals) and
 * reflected, in MB, in the list's usage_traffic. */
void                    td_sandbox_add_usage        (TdSandbox    *self,
                                                     TdProxyType   proxy_type,
                                                     const char   *username,
                                                     const GDate  *date,
                                                     double        usage_kb);

/* The last TD_SANDBOX_MAX_RECORDED_REQUESTS requests, oldest first
 * (TdSandboxRequest*), refused ones included. */
GPtrArray              *td_sandbox_get_requests     (TdSandbox    *self);
const TdSandboxRequest *td_sandbox_get_last_request (TdSandbox    *self);
/* Every request whose headers arrived, refused ones included (not bounded
 * by the log). */
guint                   td_sandbox_get_n_requests   (TdSandbox    *self);
/* Requests to the endpoints whose path ends in @path_suffix
 * ("/create-user"), whatever their answer. */
guint                   td_sandbox_count_requests   (TdSandbox    *self,
                                                     const char   *path_suffix);

/* The "request-received" signal (TdSandboxRequest* as a pointer) is
 * emitted after each request has been answered. */

G_END_DECLS
