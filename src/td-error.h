/* td-error.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors reported by the server in the envelope's `code`.  The GError's
 * code is the server's code itself (10013, 10018, ...) and its message
 * the translated sentence from the error table followed by the code, or,
 * for codes not in the table, the server's `msg` with the code. */
#define TD_SERVER_ERROR (td_server_error_quark ())

/* Everything else that can go wrong talking to the API. */
#define TD_API_ERROR (td_api_error_quark ())

typedef enum
{
  TD_API_ERROR_HTTP,              /* HTTP 4xx/5xx without a readable envelope */
  TD_API_ERROR_SERVER_UNAVAILABLE,/* HTTP 5xx: the request may have been applied */
  TD_API_ERROR_INVALID_RESPONSE,  /* not JSON, no `code`, wrong member types */
  TD_API_ERROR_TLS,               /* certificate refused or TLS handshake failed */
  TD_API_ERROR_HOST_NOT_FOUND,    /* DNS */
  TD_API_ERROR_CONNECTION,        /* refused, reset, unreachable */
  TD_API_ERROR_TIMEOUT,           /* no answer in time: the request may have been applied */
  TD_API_ERROR_NO_TOKEN,          /* no account token to send */
  TD_API_ERROR_INVALID_URL,       /* the base URL is not an http(s) URL */
  TD_API_ERROR_TOO_LARGE,         /* the response body is over the size cap */
  TD_API_ERROR_CONNECTION_LOST,   /* cut after sending: the request may have been applied */
  TD_API_ERROR_REDIRECT,          /* a redirect that was not followed */
  TD_API_ERROR_FORMAT_REFUSED,    /* a POST sent as JSON answered with code 10000:
                                   * nothing was done (td_error_offers_form_fields) */
} TdApiError;

/* The server's "parameter error", which a server that does not read JSON
 * bodies answers to any of them. */
#define TD_SERVER_CODE_PARAMETER_ERROR 10000

/* The field of a proxy user's form that a server error is about. */
typedef enum
{
  TD_ERROR_FIELD_NONE,
  TD_ERROR_FIELD_USERNAME,
  TD_ERROR_FIELD_PASSWORD,
  TD_ERROR_FIELD_TRAFFIC_LIMIT,
} TdErrorField;

GQuark      td_server_error_quark          (void);
GQuark      td_api_error_quark             (void);

/* The translated sentence for a server code, without the code, or NULL
 * when the code is not in the error table. */
const char *td_server_error_lookup         (int          code);

/* The form field a server code is about, from the error table (10015 and
 * 10018: the username; 10016: the password), or TD_ERROR_FIELD_NONE. */
TdErrorField td_error_code_get_field       (int          code);
/* The same for @error: TD_ERROR_FIELD_NONE unless a TD_SERVER_ERROR. */
TdErrorField td_error_get_field            (const GError *error);

/* Builds the TD_SERVER_ERROR for @code, using @server_msg for codes the
 * table does not know (or a generic sentence when that is empty too). */
GError     *td_server_error_new            (int          code,
                                            const char  *server_msg);

/* The TD_API_ERROR_REDIRECT for a request that was not sent on where a
 * redirect pointed.  @target is where it pointed ("https://host:port"),
 * or NULL when it is not safe to show; @changes_origin says whether the
 * redirect led to another scheme, host or port (never followed) rather
 * than to another path of the same server (not followed by changes). */
GError     *td_api_error_new_redirect      (const char  *target,
                                            gboolean     changes_origin);

/* The TD_API_ERROR_FORMAT_REFUSED for a POST sent as JSON that the
 * server answered with code 10000 (TD_SERVER_CODE_PARAMETER_ERROR): it
 * says in plain words that Thordata refused the request as sent, that
 * nothing was done, and gives the code. */
GError     *td_api_error_new_format_refused (void);

/* TRUE when the request that failed with @error may be sent once more,
 * the same, encoded as form fields: Thordata refused it as JSON with code
 * 10000 and did nothing.  Never for an error whose outcome is unknown
 * (td_error_is_ambiguous()), nor for a request already sent as form
 * fields, nor for a GET (whose fields are in the query either way). */
gboolean    td_error_offers_form_fields    (const GError *error);

/* The id of the section of the guide's page "errors" (help/C/errors.page)
 * that explains @error, such as "fields" for code 10018, or NULL when the
 * guide has no section for it.  Open it as help:thordesk/errors#<id>. */
const char *td_error_get_help_section      (const GError *error);

/* The same for an error message already turned into text, possibly with
 * more words around it: found by the sentence of the error table it
 * holds (so only server errors of the table are found). */
const char *td_error_message_get_help_section (const char *message);

/* TRUE for errors after which the server may have applied the request
 * (timeout, 5xx, connection cut before the answer): the caller must not
 * retry blindly. */
gboolean    td_error_is_ambiguous          (const GError *error);

G_END_DECLS
