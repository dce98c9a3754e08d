/* td-payload.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "td-proxy-user.h"
#include "td-types.h"

G_BEGIN_DECLS

typedef enum
{
  TD_REQUEST_ENCODING_JSON,
  TD_REQUEST_ENCODING_FORM,
} TdRequestEncoding;

/* Encodes a flat JSON object as a request body.
 *
 * JSON: the object as `application/json`.
 * FORM: `application/x-www-form-urlencoded`, members in their order,
 *       every value as a string (numbers in decimal, booleans as
 *       "true"/"false", strings as they are), percent-encoded.
 *
 * @content_type receives a static string. */
GBytes     *td_payload_encode         (JsonObject        *payload,
                                       TdRequestEncoding  encoding,
                                       const char       **content_type);

/* The text form of a scalar node, as used in a form body: numbers in
 * decimal, booleans as "true"/"false", strings as they are, null as "".
 * Free with g_free(). */
char       *td_payload_node_to_text   (JsonNode          *node);

/* Every request body and GET query, built here and nowhere else.  The
 * objects are flat, members in the order the API notes give them; the
 * caller owns the result and wipes any password member it holds
 * (td_json_object_wipe_string) before dropping it. */

/* create-user: `proxy_type` and `traffic_limit` as JSON numbers,
 * `username` and `password` as strings, `status` as the string "true" or
 * "false". */
JsonObject *td_payload_new_create     (TdProxyUser       *user);
/* user-list: proxy_type. */
JsonObject *td_payload_new_list       (TdProxyType        proxy_type);
/* update-user for the user now called td_proxy_user_get_username
 * (@current), with EVERY new_* member from @changed (the server turns an
 * omitted limit into "unlimited"); a NULL username or password in
 * @changed sends the current one. */
JsonObject *td_payload_new_update     (TdProxyUser       *current,
                                       TdProxyUser       *changed);
/* delete-user: proxy_type, username. */
JsonObject *td_payload_new_delete     (TdProxyType        proxy_type,
                                       const char        *username);
/* usage-statistics: proxy_type, username, from_date, to_date (yyyy-mm-dd). */
JsonObject *td_payload_new_usage      (TdProxyType        proxy_type,
                                       const char        *username,
                                       const GDate       *from,
                                       const GDate       *to);
/* GET /account/usage-statistics: the account's days @from..@to. */
JsonObject *td_payload_new_account_usage (const GDate    *from,
                                          const GDate    *to);

G_END_DECLS
