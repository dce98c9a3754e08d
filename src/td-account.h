/* td-account.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-api-client.h"
#include "td-credentials.h"
#include "td-proxy-user.h"
#include "td-user-store.h"

G_BEGIN_DECLS

#define TD_TYPE_ACCOUNT (td_account_get_type ())

G_DECLARE_FINAL_TYPE (TdAccount, td_account, TD, ACCOUNT, GObject)

/* One Thordata account as the pages see it: the API client that talks to
 * it, its token and key, and its settings.  Every page is handed the
 * account instead of each of these separately.
 *
 * Construct-only properties: "client" (TdApiClient), "credentials"
 * (TdCredentials), "settings" (GSettings of the app's schema, or NULL in
 * tests), "sandbox" (boolean: the client talks to Thordesk's own sandbox,
 * nothing goes to Thordata), "id" (the account's id in td-account-list.h,
 * "" for the default account). */
TdAccount     *td_account_new               (TdApiClient   *client,
                                             TdCredentials *credentials,
                                             GSettings     *settings,
                                             gboolean       sandbox);
TdAccount     *td_account_new_for_id        (const char    *id,
                                             TdApiClient   *client,
                                             TdCredentials *credentials,
                                             GSettings     *settings,
                                             gboolean       sandbox);

TdApiClient   *td_account_get_client        (TdAccount     *self);
TdCredentials *td_account_get_credentials   (TdAccount     *self);
GSettings     *td_account_get_settings      (TdAccount     *self);
gboolean       td_account_get_sandbox       (TdAccount     *self);
/* "" for the default account. */
const char    *td_account_get_id            (TdAccount     *self);
/* The settings that belong to this account (API address, request
 * encoding, proxy hosts: td_account_list_dup_settings()); the default
 * account's are the app's settings themselves.  NULL without settings. */
GSettings     *td_account_get_account_settings (TdAccount  *self);

/* The gateway host set in Preferences for @proxy_type, or NULL when none
 * is set (the type's default host is then used). */
char          *td_account_dup_proxy_host    (TdAccount     *self,
                                             TdProxyType    proxy_type);

/* The admin chose "Send as Form Fields" after Thordata refused a request
 * of this account as JSON (td_error_offers_form_fields()): the account's
 * client sends form fields from now on, and its settings remember it
 * ("request-encoding").  The caller then sends that request once more. */
void           td_account_use_form_fields   (TdAccount     *self);

/* The users of @proxy_type on this account, made the first time it is
 * asked for and kept as long as the account: every page that asks gets
 * the same store.  It is not read until someone refreshes it. */
TdUserStore   *td_account_get_user_store    (TdAccount     *self,
                                             TdProxyType    proxy_type);

G_END_DECLS
