/* td-api-client.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-payload.h"
#include "td-proxy-user.h"
#include "td-types.h"
#include "td-usage.h"
#include "td-user-list.h"

G_BEGIN_DECLS

#define TD_DEFAULT_API_URL         "https://openapi.thordata.com/api"
#define TD_DEFAULT_TIMEOUT_SECONDS 30
/* Responses larger than this are refused (TD_API_ERROR_TOO_LARGE). */
#define TD_MAX_RESPONSE_BYTES      (8 * 1024 * 1024)

#define TD_TYPE_API_CLIENT (td_api_client_get_type ())

G_DECLARE_FINAL_TYPE (TdApiClient, td_api_client, TD, API_CLIENT, GObject)

/* Properties: "base-url" (string), "encoding" (TdRequestEncoding),
 * "timeout" (uint, seconds).  The client uses no proxy resolver from the
 * environment when "base-url" is a loopback address. */
TdApiClient       *td_api_client_new                (const char         *base_url);
const char        *td_api_client_get_base_url       (TdApiClient        *self);
void               td_api_client_set_base_url       (TdApiClient        *self,
                                                     const char         *base_url);
TdRequestEncoding  td_api_client_get_encoding       (TdApiClient        *self);
void               td_api_client_set_encoding       (TdApiClient        *self,
                                                     TdRequestEncoding   encoding);
guint              td_api_client_get_timeout        (TdApiClient        *self);
void               td_api_client_set_timeout        (TdApiClient        *self,
                                                     guint               seconds);
/* The client's copies are wiped when replaced or finalized; the copies
 * libsoup makes for each request (headers, URL, body) are freed without
 * being cleared, which the client cannot change.  @key may be NULL. */
void               td_api_client_set_credentials    (TdApiClient        *self,
                                                     const char         *token,
                                                     const char         *key);
gboolean           td_api_client_has_token          (TdApiClient        *self);

/* TRUE when td_api_address_check() accepts @url.  Before every request
 * the client checks its base URL the same way and sends nothing (the
 * token least of all) to an address it refuses: the call fails with the
 * check's TD_API_ERROR_INVALID_URL. */
gboolean           td_api_client_is_valid_base_url  (const char         *url);

/* Joins the base URL and @path ("/proxy-users/create-user") with exactly
 * one slash.  NULL when td_api_address_check() refuses the base URL. */
char              *td_api_client_build_url          (TdApiClient        *self,
                                                     const char         *path);

/* Generic calls.  POST sends @fields in the body (encoding per the
 * "encoding" property) with `token`/`key` headers; GET sends @fields and
 * the credentials in the query string.  The result is the envelope's
 * `data` member (a JSON null node when absent) on `code` 200; otherwise a
 * TD_SERVER_ERROR or TD_API_ERROR.  Never retried. */
void               td_api_client_call_async         (TdApiClient        *self,
                                                     const char         *method,
                                                     const char         *path,
                                                     JsonObject         *fields,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
JsonNode          *td_api_client_call_finish        (TdApiClient        *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

/* POST /proxy-users/create-user with td_payload_new_create(). */
void               td_api_client_create_user_async  (TdApiClient        *self,
                                                     TdProxyUser        *user,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean           td_api_client_create_user_finish (TdApiClient        *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

/* GET /proxy-users/user-list for @proxy_type. */
void               td_api_client_list_users_async   (TdApiClient        *self,
                                                     TdProxyType         proxy_type,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
TdUserList        *td_api_client_list_users_finish  (TdApiClient        *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

/* Looks @username up in the list of @proxy_type: the user, or NULL with no
 * error when it does not exist.  Used after a create whose outcome is
 * unknown (timeout, 5xx). */
void               td_api_client_find_user_async    (TdApiClient        *self,
                                                     TdProxyType         proxy_type,
                                                     const char         *username,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
TdProxyUser       *td_api_client_find_user_finish   (TdApiClient        *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

/* POST /proxy-users/update-user for the user now called
 * td_proxy_user_get_username (@current), sending EVERY new_* field from
 * @changed (new_username, new_password, new_traffic_limit, new_status):
 * the server turns an omitted limit into "unlimited".  @changed starts as
 * a copy of @current (td_proxy_user_copy) with the admin's edits applied;
 * a NULL password in @changed sends the current one. */
void               td_api_client_update_user_async  (TdApiClient        *self,
                                                     TdProxyUser        *current,
                                                     TdProxyUser        *changed,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean           td_api_client_update_user_finish (TdApiClient        *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

/* POST /proxy-users/delete-user. */
void               td_api_client_delete_user_async  (TdApiClient        *self,
                                                     TdProxyType         proxy_type,
                                                     const char         *username,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean           td_api_client_delete_user_finish (TdApiClient        *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

/* GET /proxy-users/usage-statistics for one user, @from..@to inclusive
 * (at most 180 days; dates sent as yyyy-mm-dd). */
void               td_api_client_get_usage_async    (TdApiClient        *self,
                                                     TdProxyType         proxy_type,
                                                     const char         *username,
                                                     const GDate        *from,
                                                     const GDate        *to,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
TdUsage           *td_api_client_get_usage_finish   (TdApiClient        *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

G_END_DECLS
