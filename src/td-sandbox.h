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
#include "td-types.h"

G_BEGIN_DECLS

#define TD_SANDBOX_DEFAULT_QUOTA 100
#define TD_SANDBOX_DEFAULT_TOKEN "sandbox-token"

/* One request as the sandbox received it. */
typedef struct
{
  char       *method;        /* "POST", "GET" */
  char       *path;          /* "/api/proxy-users/create-user" */
  char       *content_type;  /* NULL for GET */
  char       *token;         /* header (POST) or query (GET); NULL if absent */
  char       *key;
  GBytes     *body;          /* raw body, empty for GET */
  JsonObject *fields;        /* body or query, decoded (td_payload_decode) */
} TdSandboxRequest;

#define TD_TYPE_SANDBOX (td_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (TdSandbox, td_sandbox, TD, SANDBOX, GObject)

/* An in-process implementation of the proxy-user endpoints on
 * 127.0.0.1, faithful to the API notes: create-user, user-list,
 * update-user, delete-user and usage-statistics (daily) under
 * <base>/proxy-users/.  It runs in the
 * thread-default main context it was started in and never blocks it. */
TdSandbox              *td_sandbox_new              (void);
/* Listens on 127.0.0.1, port 0 (any free port). */
gboolean                td_sandbox_start            (TdSandbox    *self,
                                                     GError      **error);
/* "http://127.0.0.1:<port>/api", valid after start. */
const char             *td_sandbox_get_base_url     (TdSandbox    *self);

/* The credentials the sandbox accepts; a wrong token answers 10013, a
 * wrong key (when one is set) 10014.  Default: TD_SANDBOX_DEFAULT_TOKEN,
 * no key. */
void                    td_sandbox_set_credentials  (TdSandbox    *self,
                                                     const char   *token,
                                                     const char   *key);
/* Number of users allowed per account (10019 past it). */
void                    td_sandbox_set_quota        (TdSandbox    *self,
                                                     guint         quota);

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

/* Every request received so far, oldest first (TdSandboxRequest*). */
GPtrArray              *td_sandbox_get_requests     (TdSandbox    *self);
const TdSandboxRequest *td_sandbox_get_last_request (TdSandbox    *self);

/* The "request-received" signal (TdSandboxRequest* as a pointer) is
 * emitted after each request has been answered. */

G_END_DECLS
