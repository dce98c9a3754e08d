/* td-json.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Arrays and objects nested deeper than this are refused before json-glib
 * sees them: it parses recursively and overflows the stack on deeply
 * nested input (about 100,000 levels, a 200 KB body).  No answer of the
 * API and no request comes anywhere near this depth. */
#define TD_JSON_MAX_DEPTH 64

/* Parses JSON text from outside (a response body, a request body) into a
 * tree whose every string can be trusted to be what it says.  Refused,
 * with a G_IO_ERROR_INVALID_DATA whose message quotes nothing of the text
 * (it may hold passwords):
 *
 *  - anything but @length bytes of UTF-8 without NUL;
 *  - what json-glib reads beyond standard JSON (comments, 'single-quoted
 *    strings', other identifiers than true, false and null, hex, octal
 *    and binary numbers, leading zeros: "010" would be 8, ".5", "1.");
 *  - arrays or objects nested deeper than TD_JSON_MAX_DEPTH;
 *  - integers outside the range of gint64, which json-glib 1.6 wraps
 *    silently (2^63 becomes G_MININT64, 2^64 and beyond -1), and other
 *    numbers beyond the range of double (read as infinities);
 *  - escapes JSON does not have, lone surrogate escapes ("\ud800",
 *    which json-glib 1.6 turns into bytes that are not UTF-8) and
 *    "\u0000" (json-glib cuts the string there);
 *  - strings and member names that are not UTF-8 once unescaped (a last
 *    check of json-glib's output);
 *  - text that is not JSON, or is empty.
 *
 * Returns the root node (free with json_node_unref()), or NULL. */
JsonNode *td_json_load (const char  *data,
                        gsize        length,
                        GError     **error);

/* Reading untrusted JSON values. */

/* TRUE when @node is a value node of @type (G_TYPE_INT64, G_TYPE_DOUBLE,
 * G_TYPE_STRING, G_TYPE_BOOLEAN). */
gboolean  td_json_node_holds      (JsonNode    *node,
                                   GType        type);
/* Overwrites the text of @object's string member @member in place (json-glib
 * owns the string: there is no other way to clear it before the object is
 * dropped).  Nothing happens when the member is missing or not a string. */
void      td_json_object_wipe_string (JsonObject *object,
                                      const char *member);
/* TRUE when @node is absent (NULL) or JSON null. */
gboolean  td_json_node_is_missing (JsonNode    *node);
/* Reads a finite number from a JSON number or a decimal string ("12",
 * "-3", "12.5", "1e3", surrounding white space allowed).  Refuses "nan",
 * "inf", hexadecimal and anything with other characters.  "-0" reads
 * as 0. */
gboolean  td_json_node_get_number (JsonNode    *node,
                                   double      *out_value);
/* Reads @length (at most 9) ASCII digits at @text, as in a date
 * ("2026-11-27"); -1 when one of them is not a digit. */
int       td_json_read_digits     (const char  *text,
                                   guint        length);

G_END_DECLS
