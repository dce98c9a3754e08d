/* td-account-page.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-account.h"
#include "td-page.h"

G_BEGIN_DECLS

#define TD_TYPE_ACCOUNT_PAGE (td_account_page_get_type ())

G_DECLARE_FINAL_TYPE (TdAccountPage, td_account_page, TD, ACCOUNT_PAGE, AdwBin)

/* The account at a glance: traffic balance and expiration, wallet,
 * daily usage over 7/30/90 days, the whitelisted IPs, and the accounts
 * Thordesk knows (switching goes through "app.switch-account").
 *
 * Properties: "account" and "busy" (TdPage), "ip-check-url" (string:
 * where "Add This Computer" asks for the public address, directly;
 * TD_DEFAULT_IP_CHECK_URL unless set, for tests). */
GtkWidget *td_account_page_new (TdAccount *account);

G_END_DECLS
