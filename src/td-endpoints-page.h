/* td-endpoints-page.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-account.h"
#include "td-gateway-login.h"

G_BEGIN_DECLS

#define TD_TYPE_ENDPOINTS_PAGE (td_endpoints_page_get_type ())

G_DECLARE_FINAL_TYPE (TdEndpointsPage, td_endpoints_page, TD, ENDPOINTS_PAGE, AdwBin)

/* The Endpoints page (a TdPage): a proxy user's gateway login with its
 * targeting and session, the endpoint strings updated as they are typed,
 * many at once, and a live test through the gateway.
 *
 * Properties: "account" (TdAccount, construct-only, from TdPage), "busy"
 * (from TdPage: a test is running), "ip-check-url" (string, the address
 * the test asks; default TD_IP_CHECK_DEFAULT_URL). */
GtkWidget      *td_endpoints_page_new            (TdAccount       *account);

/* Chooses the product and the user, whose password is filled in from
 * the user list as soon as it is known. */
void            td_endpoints_page_select_user    (TdEndpointsPage *self,
                                                  TdProxyType      proxy_type,
                                                  const char      *username);

/* The login as the form holds it now (for tests); free it. */
TdGatewayLogin *td_endpoints_page_dup_login      (TdEndpointsPage *self);

void            td_endpoints_page_set_ip_check_url (TdEndpointsPage *self,
                                                    const char      *url);

G_END_DECLS
