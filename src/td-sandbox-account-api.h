/* td-sandbox-account-api.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Adds the sandbox's account endpoints to @server, answered like the
 * docs show: GET /api/account/traffic-balance (50 GB in MB, expiring in
 * 45 days), /api/account/wallet-balance (`wallet_balance` 125.5),
 * /api/account/usage-statistics (a made-up daily usage in KB, 10021 past
 * 180 days), and /api/whitelisted-ips/ip-list, add-ip and delete-ip (one
 * list per whitelist type 1, 2 and 9, quota TD_SANDBOX_WHITELIST_QUOTA:
 * 10019 past it, 10010 for an address not in the list, 10000 for a
 * missing or unreadable parameter).
 *
 * @token and @key point at the sandbox's own expected credentials, read
 * at each request (*@key NULL: no key required): a wrong token is 10013,
 * a wrong key 10014.  They must outlive @server. */
#define TD_SANDBOX_WHITELIST_QUOTA 10

void td_sandbox_account_api_attach (SoupServer  *server,
                                    char *const *token,
                                    char *const *key);

G_END_DECLS
