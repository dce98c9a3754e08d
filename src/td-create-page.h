/* td-create-page.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-account.h"
#include "td-page.h"
#include "td-proxy-user.h"

G_BEGIN_DECLS

#define TD_TYPE_CREATE_PAGE (td_create_page_get_type ())

G_DECLARE_FINAL_TYPE (TdCreatePage, td_create_page, TD, CREATE_PAGE, AdwBin)

/* The Create page: the form that creates a proxy user, and the card that
 * shows the user just created.  A TdPage: Ctrl+Enter creates, Escape stops
 * waiting for Thordata.
 *
 * Actions (prefix "create."): "create", "cancel", "generate-password".
 * It uses the window's "win.toast" (s) and "win.enter-token" actions.
 *
 * Signal "user-created" (TdProxyUser): a user was created (or found to
 * exist after an unknown outcome); the list of users changed. */
TdCreatePage *td_create_page_new        (TdAccount    *account);

/* What is left of the account's proxy users: @remaining -1 when unknown,
 * 0 when Create cannot work; @limit the account's maximum (0 unknown). */
void          td_create_page_set_quota  (TdCreatePage *self,
                                         gint64        remaining,
                                         gint64        limit);

/* The proxy type chosen in the form. */
TdProxyType   td_create_page_get_proxy_type (TdCreatePage *self);

G_END_DECLS
