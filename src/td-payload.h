/* td-payload.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

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

G_END_DECLS
