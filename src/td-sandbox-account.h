/* td-sandbox-account.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "td-proxy-user.h"
#include "td-types.h"

G_BEGIN_DECLS

#define TD_SANDBOX_DEFAULT_QUOTA 100

/* The envelope codes the sandbox answers with. */
typedef enum
{
  TD_SANDBOX_CODE_OK                = 200,
  TD_SANDBOX_CODE_PARAMETER_ERROR   = 10000,
  TD_SANDBOX_CODE_TOO_FREQUENT      = 10011,
  TD_SANDBOX_CODE_TOKEN_INVALID     = 10013,
  TD_SANDBOX_CODE_KEY_INVALID       = 10014,
  TD_SANDBOX_CODE_USERNAME_INVALID  = 10015,
  TD_SANDBOX_CODE_PASSWORD_INVALID  = 10016,
  TD_SANDBOX_CODE_USERNAME_EXISTS   = 10018,
  TD_SANDBOX_CODE_QUOTA_REACHED     = 10019,
  TD_SANDBOX_CODE_USERNAME_UNKNOWN  = 10020,
  TD_SANDBOX_CODE_RANGE_TOO_LONG    = 10021,
} TdSandboxCode;

/* The account behind the sandbox's HTTP front (td-sandbox.c): users per
 * proxy type, their usage, the quota, and each endpoint's rules.  Not a
 * GObject: the front owns exactly one. */
typedef struct _TdSandboxAccount TdSandboxAccount;

TdSandboxAccount *td_sandbox_account_new               (void);
void              td_sandbox_account_free              (TdSandboxAccount *self);

/* The endpoint's own path (static) when @path is one, with the method it
 * takes in @out_method; NULL otherwise. */
const char       *td_sandbox_account_find_endpoint     (const char       *path,
                                                        const char      **out_method);
/* Runs the endpoint at @path on @fields.  Returns the envelope code; on
 * TD_SANDBOX_CODE_OK exactly one value (the envelope's `data`) was added
 * to @builder, otherwise nothing. */
int               td_sandbox_account_handle            (TdSandboxAccount *self,
                                                        const char       *path,
                                                        JsonObject       *fields,
                                                        JsonBuilder      *builder);
/* The server's fixed English `msg` for @code. */
const char       *td_sandbox_account_message_for_code  (int               code);

void              td_sandbox_account_set_quota         (TdSandboxAccount *self,
                                                        guint             quota);
void              td_sandbox_account_add_user          (TdSandboxAccount *self,
                                                        TdProxyUser      *user);
void              td_sandbox_account_add_example_users (TdSandboxAccount *self,
                                                        TdProxyType       proxy_type,
                                                        const char       *prefix,
                                                        guint             n_users);
TdProxyUser      *td_sandbox_account_lookup_user       (TdSandboxAccount *self,
                                                        TdProxyType       proxy_type,
                                                        const char       *username);
void              td_sandbox_account_add_usage         (TdSandboxAccount *self,
                                                        TdProxyType       proxy_type,
                                                        const char       *username,
                                                        const GDate      *date,
                                                        double            usage_kb);
guint             td_sandbox_account_get_n_users       (TdSandboxAccount *self);
/* The traffic recorded for the user so far, in KB; 0 for an unknown user. */
double            td_sandbox_account_get_usage_kb      (TdSandboxAccount *self,
                                                        TdProxyType       proxy_type,
                                                        const char       *username);

G_END_DECLS
