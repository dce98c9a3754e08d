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
#include "td-result-card.h"

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
 * Whether Create can work comes from the account's user store of the
 * chosen proxy type (its "remaining"); a user created goes into it. */
TdCreatePage *td_create_page_new        (TdAccount    *account);

/* The proxy type chosen in the form. */
TdProxyType   td_create_page_get_proxy_type (TdCreatePage *self);

/* The card that shows the user just created, and the label of the error
 * card; each is built the first time it is needed (or asked for here),
 * not with the page, and is hidden until there is something to show. */
TdResultCard *td_create_page_get_result_card (TdCreatePage *self);
GtkLabel     *td_create_page_get_error_label (TdCreatePage *self);

G_END_DECLS
