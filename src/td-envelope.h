/* td-envelope.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reads a response body of the API, `{"code": 200, "msg": "...", "data":
 * ...}`, that came with @http_status.  Untrusted input: any bytes.
 *
 * The envelope wins over the HTTP status: when td_json_load() reads
 * @body (UTF-8, no deeper than TD_JSON_MAX_DEPTH, integers that fit,
 * strings that are UTF-8) and its root is an object with an integer
 * `code` (in the range of int) and a `msg` that is a string, null or
 * absent, the result is its `data` member (a JSON null node when
 * absent) for `code` 200, otherwise the TD_SERVER_ERROR for that code.
 *
 * Without a readable envelope: TD_API_ERROR_SERVER_UNAVAILABLE for a 5xx
 * status, TD_API_ERROR_HTTP for any other status that is not 2xx, and
 * TD_API_ERROR_INVALID_RESPONSE for a 2xx one.  Every message is
 * translated and holds nothing of the body but the server's `msg` (as
 * td_server_error_new() cleans it). */
JsonNode *td_envelope_parse (const char  *body,
                             gsize        length,
                             guint        http_status,
                             GError     **error);

G_END_DECLS
