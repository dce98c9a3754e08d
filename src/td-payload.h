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

/* Parses a request body in either encoding back into a flat object
 * whose values are all strings for FORM, as they came for JSON.  Used by
 * the sandbox.  Returns NULL and sets @error on bad input. */
JsonObject *td_payload_decode         (GBytes            *body,
                                       const char        *content_type,
                                       GError           **error);

/* Reads a member as an integer whether it came as a JSON number or as a
 * decimal string; FALSE when missing or not an integer. */
gboolean    td_payload_get_int        (JsonObject        *payload,
                                       const char        *member,
                                       gint64            *out_value);
/* Reads a member as a string (a string member, or a number/boolean turned
 * into text); NULL when missing.  Free with g_free(). */
char       *td_payload_dup_string     (JsonObject        *payload,
                                       const char        *member);
/* Reads `status`-style booleans: JSON true/false or the strings
 * "true"/"false" (also "1"/"0"); FALSE when missing or unreadable. */
gboolean    td_payload_get_bool       (JsonObject        *payload,
                                       const char        *member,
                                       gboolean          *out_value);

G_END_DECLS
