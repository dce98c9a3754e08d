/* td-credentials.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "td-types.h"

G_BEGIN_DECLS

#define TD_CREDENTIALS_ERROR (td_credentials_error_quark ())

typedef enum
{
  TD_CREDENTIALS_ERROR_NO_KEYRING, /* no session bus or no Secret Service */
  TD_CREDENTIALS_ERROR_LOCKED,     /* the keyring is locked (or unlocking was dismissed) */
  TD_CREDENTIALS_ERROR_FAILED,     /* any other failure of the keyring */
} TdCredentialsError;

typedef enum
{
  TD_SECRET_KIND_TOKEN,
  TD_SECRET_KIND_KEY,
} TdSecretKind;

GQuark              td_credentials_error_quark   (void);

/* Schema "io.github.thordesk.Thordesk", attributes "kind" (string)
 * whose value is "token" or "key", and "account" (string), the id of the
 * account the item belongs to.  Items without "account" (or with an
 * empty one) belong to the default account: those stored before
 * Thordesk had several accounts and those stored with secret-tool as
 * the README shows keep working as they are. */
const SecretSchema *td_credentials_get_schema    (void);

#define TD_TYPE_CREDENTIALS (td_credentials_get_type ())

G_DECLARE_FINAL_TYPE (TdCredentials, td_credentials, TD, CREDENTIALS, GObject)

/* The default account's credentials. */
TdCredentials *td_credentials_new                 (void);
/* The credentials of the account @account ("account" property,
 * construct-only; NULL or "" is the default account).  Loading reads
 * only this account's items; storing writes and replaces only them;
 * forgetting deletes only them. */
TdCredentials *td_credentials_new_for_account     (const char         *account);
/* NULL for the default account. */
const char    *td_credentials_get_account         (TdCredentials      *self);

/* Current values in memory (NULL when none).  "token" and "key" are
 * readable properties notified on change; "session-only" is TRUE when the
 * values live only in memory for this run. */
const char    *td_credentials_get_token           (TdCredentials      *self);
const char    *td_credentials_get_key             (TdCredentials      *self);
gboolean       td_credentials_get_session_only    (TdCredentials      *self);

/* Reads the token and key from the keyring.  Success with no token means
 * none is stored.  Fails with NO_KEYRING, LOCKED or FAILED, each with a
 * translated message. */
void           td_credentials_load_async          (TdCredentials      *self,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean       td_credentials_load_finish         (TdCredentials      *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* Stores the token and the key (NULL or "" removes a stored key) in the
 * default collection with translated labels, then updates the values in
 * memory.  On failure the values in memory are left as they were. */
void           td_credentials_store_async         (TdCredentials      *self,
                                                   const char         *token,
                                                   const char         *key,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean       td_credentials_store_finish        (TdCredentials      *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* Removes the stored token and key and clears them from memory. */
void           td_credentials_forget_async        (TdCredentials      *self,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean       td_credentials_forget_finish       (TdCredentials      *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* Keeps the values in memory only, for this run (no usable keyring). */
void           td_credentials_use_for_session     (TdCredentials      *self,
                                                   const char         *token,
                                                   const char         *key);

G_END_DECLS
