/* td-sandbox-http.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What every handler of the sandbox's server shares: the HTTP side of
 * the sandbox's rules (td-sandbox.c, td-sandbox-account-api.c,
 * td-sandbox-locations.c). */

/* Compares a secret without stopping at the first difference; FALSE when
 * either is NULL. */
gboolean td_sandbox_http_secret_equal      (const char        *given,
                                            const char        *expected);
/* TRUE when the Host header names this server as this computer reaches it
 * (127.0.0.1:<port> or localhost:<port>): a page of another site that
 * rebinds its name to 127.0.0.1 sends its own. */
gboolean td_sandbox_http_host_is_local     (SoupServerMessage *message);
/* An early handler (soup_server_add_early_handler()): refuses a foreign
 * Host (421) and a body over TD_SANDBOX_MAX_REQUEST_BYTES (413) before the
 * body is read. */
void     td_sandbox_http_early_check       (SoupServer        *server,
                                            SoupServerMessage *message,
                                            const char        *path,
                                            GHashTable        *query,
                                            gpointer           user_data);
/* Answers {"code":…,"data":…,"msg":…} with HTTP 200, as the real server
 * does for its errors too; @data may be NULL (a JSON null). */
void     td_sandbox_http_send_envelope     (SoupServerMessage *message,
                                            int                code,
                                            const char        *msg,
                                            JsonNode          *data);

G_END_DECLS
