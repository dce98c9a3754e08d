/* td-api-transport.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "td-payload.h"

G_BEGIN_DECLS

/* One request, as td-api-client.c hands it over.  Everything is
 * borrowed for the duration of td_api_transport_send(). */
typedef struct
{
  const char        *method;    /* SOUP_METHOD_POST or SOUP_METHOD_GET */
  const char        *url;       /* base URL and path, already checked */
  const char        *path;      /* the endpoint path, for debug lines */
  JsonObject        *fields;    /* the body (POST) or the query (GET); may be NULL */
  TdRequestEncoding  encoding;  /* of a POST body */
  const char        *token;     /* never NULL */
  const char        *key;       /* may be NULL */
  guint              timeout;   /* seconds, for the message of a timeout */
} TdApiRequest;

/* Sends @request on @session and completes @task (whose cancellable
 * cancels it) with the envelope's `data` node (a JSON null node when
 * absent) or a TD_API_ERROR / TD_SERVER_ERROR.  A POST follows no
 * redirect; no request follows one to another scheme, host or port
 * (TD_API_ERROR_REDIRECT).  Answers over TD_MAX_RESPONSE_BYTES are
 * refused.  The body is encoded before this returns. */
void td_api_transport_send (SoupSession        *session,
                            const TdApiRequest *request,
                            GTask              *task);

G_END_DECLS
