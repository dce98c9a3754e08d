/* td-sandbox-gateway.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-gateway-login.h"
#include "td-proxy-user.h"
#include "td-sandbox-account.h"

G_BEGIN_DECLS

/* The sandbox's stand-in of Thordata's gateway, so that the Endpoints
 * page can test an endpoint in --sandbox without sending a made-up login
 * anywhere.  It is a tiny HTTP proxy on 127.0.0.1, one port per product
 * (residential, unlimited, mobile, as the real gateways have a host and
 * port each).  It takes plain-HTTP proxy requests only (an absolute URI
 * with `Proxy-Authorization: Basic`; no CONNECT, no SOCKS), and answers
 * them itself, like the IP check, without connecting anywhere:
 *
 * - no login, a login not in the gateway's format, an unknown user, a
 *   wrong password, a disabled user or one whose traffic limit is used
 *   up: 407 with `Proxy-Authenticate`;
 * - targeting the sandbox does not know (a country not among its
 *   locations, a state, city or ASN not in that country, a malformed
 *   segment): 400 or 502 with the gateway's `X-thor-error-code` and
 *   `X-thor-error-msg` headers (client_101 region parameter error,
 *   Resource_202 region mismatch);
 * - otherwise 200 with an IP-check answer, JSON
 *   `{"ip","country","region","city","org"}`, the exit IP a made-up
 *   documentation address (203.0.113.1–254, RFC 5737); a sticky session
 *   (the same user and `sessid`) always gets the same IP.
 *
 * The login is parsed with the builder's rules (td-gateway-login.h): it
 * must be exactly the string the builder makes for its parts. */

/* What the page sends its test to in the sandbox: answered by the
 * stand-in itself (".invalid" never resolves, RFC 2606). */
#define TD_SANDBOX_GATEWAY_IP_CHECK_URL "http://ip-check.sandbox.invalid/"
#define TD_SANDBOX_GATEWAY_HOST         "127.0.0.1"

#define TD_TYPE_SANDBOX_GATEWAY (td_sandbox_gateway_get_type ())

G_DECLARE_FINAL_TYPE (TdSandboxGateway, td_sandbox_gateway, TD, SANDBOX_GATEWAY, GObject)

/* @account is borrowed: it must outlive the gateway (the sandbox owns
 * both and stops the gateway first). */
TdSandboxGateway *td_sandbox_gateway_new      (TdSandboxAccount *account);
/* Listens on 127.0.0.1, one free port per product. */
gboolean          td_sandbox_gateway_start    (TdSandboxGateway *self,
                                               GError          **error);
void              td_sandbox_gateway_stop     (TdSandboxGateway *self);
/* The port of @proxy_type's stand-in, 0 before start. */
guint             td_sandbox_gateway_get_port (TdSandboxGateway *self,
                                               TdProxyType       proxy_type);
/* Points @login at this stand-in: host 127.0.0.1, the port of its
 * product, and HTTP (the stand-in takes no tunnel and no SOCKS). */
void              td_sandbox_gateway_point_login (TdSandboxGateway *self,
                                                  TdGatewayLogin   *login);
/* Requests answered so far (any answer). */
guint             td_sandbox_gateway_get_n_requests (TdSandboxGateway *self);

/* The page knows the sandbox only through its API address: a sandbox
 * registers its gateway under its base URL, and the page looks it up
 * there (main thread only).  The registration ends when the gateway is
 * finalized. */
void              td_sandbox_gateway_register (TdSandboxGateway *self,
                                               const char       *api_base_url);
TdSandboxGateway *td_sandbox_gateway_lookup   (const char       *api_base_url);

G_END_DECLS
