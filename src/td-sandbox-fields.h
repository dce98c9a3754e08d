/* td-sandbox-fields.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The sandbox's request readers (td-payload.c builds requests; only the
 * sandbox and the tests read them back). */

/* Parses a request body in either encoding back into a flat object
 * whose values are all strings for FORM, as they came for JSON.  Returns
 * NULL and sets @error on bad input. */
JsonObject *td_sandbox_fields_decode     (GBytes      *body,
                                          const char  *content_type,
                                          GError     **error);

/* Reads a member as an integer whether it came as a JSON number or as a
 * decimal string; FALSE when missing or not an integer. */
gboolean    td_sandbox_fields_get_int    (JsonObject  *payload,
                                          const char  *member,
                                          gint64      *out_value);
/* Reads a member as a string (a string member, or a number/boolean turned
 * into text); NULL when missing.  Free with g_free(). */
char       *td_sandbox_fields_dup_string (JsonObject  *payload,
                                          const char  *member);
/* Reads `status`-style booleans: JSON true/false or the strings
 * "true"/"false" (also "1"/"0"); FALSE when missing or unreadable. */
gboolean    td_sandbox_fields_get_bool   (JsonObject  *payload,
                                          const char  *member,
                                          gboolean    *out_value);

G_END_DECLS
