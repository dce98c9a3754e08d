/* td-test-account-server.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The public address the server's IP check answers. */
#define TD_TEST_PUBLIC_ADDRESS "93.184.216.34"

/* A SoupServer on 127.0.0.1, port 0, in the thread-default main context,
 * that answers the account and whitelist endpoints like the docs say:
 *
 *  - GET  /api/account/traffic-balance: 10000 MB, expiring in
 *    td_test_account_server_set_days_left() days (default 30);
 *  - GET  /api/account/wallet-balance: {"wallet_balance": 800};
 *  - GET  /api/account/usage-statistics: 2048 KB a day over the range;
 *  - GET  /api/whitelisted-ips/ip-list: the addresses added so far for the
 *    `proxy_type` asked, in the documented shape, limit 5;
 *  - POST /api/whitelisted-ips/add-ip and delete-ip: change that list
 *    (10000 without `ip` or `proxy_type`);
 *  - POST /api/proxy-users/create-user: success (10000 without
 *    `proxy_type` or `username`), nothing kept;
 *  - GET  /ip: {"ip": TD_TEST_PUBLIC_ADDRESS}.
 *
 * Every request must carry the token set with _set_token() (10013
 * otherwise). */
typedef struct _TdTestAccountServer TdTestAccountServer;

TdTestAccountServer *td_test_account_server_new            (void);
void                 td_test_account_server_free           (TdTestAccountServer *self);

/* "http://127.0.0.1:<port>/api" and "http://127.0.0.1:<port>/ip" */
const char          *td_test_account_server_get_base_url   (TdTestAccountServer *self);
const char          *td_test_account_server_get_ip_check_url (TdTestAccountServer *self);

void                 td_test_account_server_set_token      (TdTestAccountServer *self,
                                                            const char          *token);
void                 td_test_account_server_set_days_left  (TdTestAccountServer *self,
                                                            int                  days);
/* Answers the next requests whose path ends with @path_suffix with @body
 * (a whole response body, HTTP 200), or the default again for NULL. */
void                 td_test_account_server_set_body       (TdTestAccountServer *self,
                                                            const char          *path_suffix,
                                                            const char          *body);
/* Adds @address to the whitelist of the whitelist type @whitelist_type. */
void                 td_test_account_server_add_address    (TdTestAccountServer *self,
                                                            int                  whitelist_type,
                                                            const char          *address);
guint                td_test_account_server_count_addresses (TdTestAccountServer *self,
                                                             int                  whitelist_type);

/* Requests received whose path ends with @path_suffix ("" for all). */
guint                td_test_account_server_count_requests (TdTestAccountServer *self,
                                                            const char          *path_suffix);
/* A parameter (query or body) or the token (header or query) of the last
 * request whose path ends with @path_suffix, or NULL. */
const char          *td_test_account_server_get_param      (TdTestAccountServer *self,
                                                            const char          *path_suffix,
                                                            const char          *name);
const char          *td_test_account_server_get_content_type (TdTestAccountServer *self,
                                                              const char          *path_suffix);

/* With @form_only, every POST with a JSON body is answered with code
 * 10000 and does nothing, as a server that reads form fields only. */
void                 td_test_account_server_set_form_only  (TdTestAccountServer *self,
                                                            gboolean             form_only);
/* The next request (after it is counted) is answered with the bare HTTP
 * @status (such as 502), without an envelope. */
void                 td_test_account_server_fail_next      (TdTestAccountServer *self,
                                                            guint                status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTestAccountServer, td_test_account_server_free)

G_END_DECLS
