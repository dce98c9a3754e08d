/* td-sandbox.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sandbox's HTTP front: a SoupServer on 127.0.0.1 that checks, as
 * soon as the headers are in and before any body is read, the Host (only
 * 127.0.0.1:<port> and localhost:<port>, so that a web page cannot reach
 * it by DNS rebinding), the endpoint, the size, and the token; then hands
 * the decoded fields to the account (td-sandbox-account.c).  What it
 * records is bounded: the last MAX_RECORDED_REQUESTS requests, bodies cut
 * at MAX_RECORDED_BODY_BYTES, refused requests without their body. */

#include "config.h"

#define G_LOG_DOMAIN "Thordesk"

#include <string.h>

#include <libsoup/soup.h>

#include "td-json.h"
#include "td-payload.h"
#include "td-proxy-user.h"
#include "td-sandbox-account.h"
#include "td-sandbox-fields.h"
#include "td-sandbox-gateway.h"
#include "td-sandbox.h"
#include "td-sandbox-http.h"
#include "td-sandbox-account-api.h"
#include "td-sandbox-locations.h"

/* The sandbox answers like the real server: the envelope's `msg` is the
 * server's fixed English text, never translated (the client maps codes to
 * translated sentences itself).  Nothing here reaches the user directly. */

#define CONTENT_TYPE_JSON "application/json"
#define CONTENT_TYPE_FORM "application/x-www-form-urlencoded"

#define NOT_FOUND_BODY \
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n" \
  "<body>\r\n<center><h1>404 Not Found</h1></center>\r\n" \
  "<hr><center>Thordesk-Sandbox</center>\r\n</body>\r\n</html>\r\n"

#define BODY_COUNT_KEY "td-sandbox-body-count"

struct _TdSandbox
{
  GObject           parent_instance;

  SoupServer       *server;
  char             *base_url;
  guint             port;

  char             *token;
  char             *key;        /* NULL when no key is required */

  TdSandboxAccount *account;
  /* The stand-in gateway for the Endpoints page's test; uses account. */
  TdSandboxGateway *gateway;

  GPtrArray        *requests;   /* the last MAX_RECORDED_REQUESTS, owned */
  guint             n_requests; /* every request whose headers came in */
  /* Endpoint path (static, from the account) -> count. */
  GHashTable       *counts;

  /* The create rate limit (td_sandbox_set_create_rate_limit()), and the
   * monotonic times of the creates let through in the last window. */
  guint             max_creates;
  guint             window_ms;
  GArray           *create_times; /* gint64, oldest first */
};

G_DEFINE_FINAL_TYPE (TdSandbox, td_sandbox, G_TYPE_OBJECT)

enum
{
  REQUEST_RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/*
 * Secrets
 */

typedef struct
{
  gsize  size;
  guint8 data[];
} WipedBuffer;

static void
wiped_buffer_free (gpointer data)
{
  WipedBuffer *buffer = data;

  explicit_bzero (buffer->data, buffer->size);
  g_free (buffer);
}

/* A copy of @bytes whose memory is wiped when the last reference goes. */
static GBytes *
bytes_new_wiped (GBytes *bytes)
{
  WipedBuffer *buffer;
  gconstpointer data;
  gsize size;

  g_assert (bytes != NULL);

  data = g_bytes_get_data (bytes, &size);
  buffer = g_malloc (sizeof *buffer + size);
  buffer->size = size;
  if (size > 0)
    memcpy (buffer->data, data, size);

  return g_bytes_new_with_free_func (buffer->data, size, wiped_buffer_free, buffer);
}

static void
wipe_secret_members (JsonObject *fields)
{
  static const char * const secret_members[] = { "password", "new_password", "token", "key" };

  g_assert (fields != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (secret_members); i++)
    td_json_object_wipe_string (fields, secret_members[i]);
}

/*
 * Requests
 */

static void
td_sandbox_request_free (TdSandboxRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->method);
  g_free (request->path);
  g_free (request->content_type);
  td_secret_free (request->token);
  td_secret_free (request->key);
  g_clear_pointer (&request->body, g_bytes_unref);
  if (request->fields != NULL)
    {
      wipe_secret_members (request->fields);
      json_object_unref (request->fields);
    }
  g_free (request);
}

static gboolean
content_type_is_supported (const char *content_type)
{
  return g_strcmp0 (content_type, CONTENT_TYPE_JSON) == 0 ||
         g_strcmp0 (content_type, CONTENT_TYPE_FORM) == 0;
}

/* The query of a GET as fields, the credentials taken out into
 * @out_token and @out_key. */
static JsonObject *
decode_query (SoupServerMessage  *message,
              char              **out_token,
              char              **out_key)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  g_autoptr (GBytes) query_bytes = NULL;
  JsonObject *fields;
  JsonNode *node;

  query_bytes = g_bytes_new (query != NULL ? query : "", query != NULL ? strlen (query) : 0);
  fields = td_sandbox_fields_decode (query_bytes, CONTENT_TYPE_FORM, NULL);
  if (fields == NULL)
    fields = json_object_new ();

  node = json_object_get_member (fields, "token");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    *out_token = g_strdup (json_node_get_string (node));
  node = json_object_get_member (fields, "key");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    *out_key = g_strdup (json_node_get_string (node));
  td_json_object_wipe_string (fields, "token");
  td_json_object_wipe_string (fields, "key");
  json_object_remove_member (fields, "token");
  json_object_remove_member (fields, "key");

  return fields;
}

/* What every request records, whatever its fate: method, path, content
 * type and credentials; an empty body and no fields. */
static TdSandboxRequest *
request_new (SoupServerMessage *message,
             const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  TdSandboxRequest *request;
  const char *method = soup_server_message_get_method (message);

  request = g_new0 (TdSandboxRequest, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->body = g_bytes_new (NULL, 0);

  if (g_strcmp0 (method, SOUP_METHOD_GET) == 0)
    {
      request->fields = decode_query (message, &request->token, &request->key);
    }
  else
    {
      request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
      request->token = g_strdup (soup_message_headers_get_one (headers, "token"));
      request->key = g_strdup (soup_message_headers_get_one (headers, "key"));
      request->fields = json_object_new ();
    }

  return request;
}

/* Reads the body of an accepted POST into @request.  FALSE when it is not
 * in a supported encoding or cannot be decoded. */
static gboolean
request_read_body (TdSandboxRequest  *request,
                   SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr (GBytes) raw = soup_message_body_flatten (body);
  JsonObject *fields = NULL;

  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = bytes_new_wiped (raw);
  explicit_bzero ((gpointer) g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));

  if (content_type_is_supported (request->content_type))
    fields = td_sandbox_fields_decode (request->body, request->content_type, NULL);

  if (fields == NULL)
    return FALSE;

  wipe_secret_members (request->fields);
  json_object_unref (request->fields);
  request->fields = fields;

  return TRUE;
}

/* Keeps the log bounded: a body over MAX_RECORDED_BODY_BYTES is cut and
 * its fields dropped, and only the last MAX_RECORDED_REQUESTS stay. */
static void
record_request (TdSandbox        *self,
                TdSandboxRequest *request)
{
  g_assert (TD_IS_SANDBOX (self));
  g_assert (request != NULL);

  if (g_bytes_get_size (request->body) > TD_SANDBOX_MAX_RECORDED_BODY_BYTES)
    {
      g_autoptr (GBytes) whole = g_steal_pointer (&request->body);
      g_autoptr (GBytes) part = g_bytes_new_from_bytes (whole, 0,
                                                        TD_SANDBOX_MAX_RECORDED_BODY_BYTES);

      request->body = bytes_new_wiped (part);
      request->truncated = TRUE;
      wipe_secret_members (request->fields);
      json_object_unref (request->fields);
      request->fields = json_object_new ();
    }

  g_ptr_array_add (self->requests, request);
  if (self->requests->len > TD_SANDBOX_MAX_RECORDED_REQUESTS)
    g_ptr_array_remove_index (self->requests, 0);
}

/*
 * Answering
 */

/* Starts the envelope; the caller then adds the `data` value. */
static void
envelope_begin (JsonBuilder *builder,
                int          code)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "data");
}

static void
envelope_end_and_send (JsonBuilder       *builder,
                       int                code,
                       SoupServerMessage *message,
                       guint              http_status)
{
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;
  char *text;
  gsize length;

  json_builder_set_member_name (builder, "msg");
  json_builder_add_string_value (builder, td_sandbox_account_message_for_code (code));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  soup_server_message_set_status (message, http_status, NULL);
  soup_server_message_set_response (message, CONTENT_TYPE_JSON,
                                    SOUP_MEMORY_TAKE, text, length);
}

static void
send_error_envelope (SoupServerMessage *message,
                     guint              http_status,
                     int                code)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  envelope_begin (builder, code);
  json_builder_add_null_value (builder);
  envelope_end_and_send (builder, code, message, http_status);
}

static int
check_credentials (TdSandbox        *self,
                   TdSandboxRequest *request)
{
  g_assert (TD_IS_SANDBOX (self));
  g_assert (request != NULL);

  if (!td_sandbox_http_secret_equal (request->token, self->token))
    return TD_SANDBOX_CODE_TOKEN_INVALID;

  if (self->key != NULL && !td_sandbox_http_secret_equal (request->key, self->key))
    return TD_SANDBOX_CODE_KEY_INVALID;

  return TD_SANDBOX_CODE_OK;
}

/* Past the cap, an accepted body is dropped as it comes and the request
 * answered 413: nothing more is kept. */
typedef struct
{
  gsize    received;
  gboolean too_large;
} BodyCount;

static void
got_chunk_cb (SoupServerMessage *message,
              GBytes            *chunk,
              BodyCount         *count)
{
  count->received += g_bytes_get_size (chunk);

  if (count->received > TD_SANDBOX_MAX_REQUEST_BYTES && !count->too_large)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (message);

      count->too_large = TRUE;
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_truncate (body);
    }
}

/* Answers @request, refused before its body was read (which is then
 * neither read into memory nor kept), and records it. */
static void
refuse (TdSandbox         *self,
        SoupServerMessage *message,
        TdSandboxRequest  *request,
        guint              http_status,
        int                code)
{
  const char *endpoint_path;

  soup_message_body_set_accumulate (soup_server_message_get_request_body (message), FALSE);

  if (code != 0)
    {
      send_error_envelope (message, http_status, code);
    }
  else if (http_status == SOUP_STATUS_NOT_FOUND)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/html",
                                        SOUP_MEMORY_STATIC,
                                        NOT_FOUND_BODY, strlen (NOT_FOUND_BODY));
    }
  else if (soup_server_message_get_status (message) != http_status)
    {
      soup_server_message_set_status (message, http_status, NULL);
    }

  /* The body is not read: the connection is not reused after it. */
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Connection", "close");

  request->status = http_status;
  /* Only a known path is logged: anything else may carry the query. */
  endpoint_path = td_sandbox_account_find_endpoint (request->path, NULL);
  g_debug ("sandbox: %s %s refused -> HTTP %u, %d",
           request->method, endpoint_path != NULL ? endpoint_path : "(other path)",
           http_status, code);

  record_request (self, request);
  g_signal_emit (self, signals[REQUEST_RECEIVED], 0, request);
}

/* Runs as soon as the headers are in, before the body is read. */
static void
early_callback (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  TdSandbox *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  TdSandboxRequest *request;
  const char *endpoint_path;
  const char *endpoint_method = NULL;
  BodyCount *count;
  int code;

  g_assert (TD_IS_SANDBOX (self));

  self->n_requests++;
  request = request_new (message, path);

  if (!td_sandbox_http_host_is_local (message))
    {
      soup_server_message_set_status (message, SOUP_STATUS_MISDIRECTED_REQUEST,
                                      "Misdirected Request");
      refuse (self, message, request, SOUP_STATUS_MISDIRECTED_REQUEST, 0);
      return;
    }

  endpoint_path = td_sandbox_account_find_endpoint (path, &endpoint_method);
  if (endpoint_path == NULL)
    {
      refuse (self, message, request, SOUP_STATUS_NOT_FOUND, 0);
      return;
    }

  g_hash_table_insert (self->counts, (gpointer) endpoint_path,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->counts,
                                                                                endpoint_path)) + 1));

  if (g_strcmp0 (request->method, endpoint_method) != 0)
    {
      soup_message_headers_append (soup_server_message_get_response_headers (message),
                                   "Allow", endpoint_method);
      refuse (self, message, request, SOUP_STATUS_METHOD_NOT_ALLOWED,
              TD_SANDBOX_CODE_PARAMETER_ERROR);
      return;
    }

  /* The token first: a wrong one gets nothing read. */
  code = check_credentials (self, request);
  if (code != TD_SANDBOX_CODE_OK)
    {
      /* Errors in the body come with HTTP 200, as on the real server. */
      refuse (self, message, request, SOUP_STATUS_OK, code);
      return;
    }

  if (soup_message_headers_get_content_length (headers) > TD_SANDBOX_MAX_REQUEST_BYTES)
    {
      refuse (self, message, request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, 0);
      return;
    }

  /* Accepted so far: the main handler answers it.  The body is counted
   * as it comes, for bodies without a Content-Length. */
  td_sandbox_request_free (request);
  count = g_new0 (BodyCount, 1);
  g_object_set_data_full (G_OBJECT (message), BODY_COUNT_KEY, count, g_free);
  g_signal_connect (message, "got-chunk", G_CALLBACK (got_chunk_cb), count);
}

/* TRUE when a create now would be one too many for the rate limit;
 * otherwise counts it. */
static gboolean
create_is_too_frequent (TdSandbox *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 since = now - (gint64) self->window_ms * 1000;
  guint expired = 0;

  if (self->max_creates == 0)
    return FALSE;

  while (expired < self->create_times->len &&
         g_array_index (self->create_times, gint64, expired) <= since)
    expired++;
  g_array_remove_range (self->create_times, 0, expired);

  if (self->create_times->len >= self->max_creates)
    return TRUE;

  g_array_append_val (self->create_times, now);
  return FALSE;
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  g_autoptr (TdSandbox) self = g_object_ref (user_data);
  TdSandboxRequest *request;
  BodyCount *count;
  int code;

  g_assert (SOUP_IS_SERVER (server));
  g_assert (SOUP_IS_SERVER_MESSAGE (message));
  g_assert (TD_IS_SANDBOX (self));

  /* Only what the early handler accepted comes here. */
  request = request_new (message, path);
  count = g_object_get_data (G_OBJECT (message), BODY_COUNT_KEY);
  g_assert (count != NULL);

  if (count->too_large)
    {
      refuse (self, message, request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, 0);
      return;
    }

  if (g_strcmp0 (request->method, SOUP_METHOD_GET) != 0 &&
      !request_read_body (request, message))
    {
      code = TD_SANDBOX_CODE_PARAMETER_ERROR;
    }
  else if (g_str_equal (path, "/api/proxy-users/create-user") &&
           create_is_too_frequent (self))
    {
      /* Nothing done: the client may send it again later. */
      code = TD_SANDBOX_CODE_TOO_FREQUENT;
    }
  else
    {
      g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

      envelope_begin (builder, TD_SANDBOX_CODE_OK);
      code = td_sandbox_account_handle (self->account, path, request->fields, builder);
      if (code == TD_SANDBOX_CODE_OK)
        envelope_end_and_send (builder, code, message, SOUP_STATUS_OK);
    }

  /* Errors in the body come with HTTP 200, as on the real server. */
  if (code != TD_SANDBOX_CODE_OK)
    send_error_envelope (message, SOUP_STATUS_OK, code);

  g_debug ("sandbox: %s %s -> %d", request->method, path, code);

  request->status = SOUP_STATUS_OK;
  record_request (self, request);
  g_signal_emit (self, signals[REQUEST_RECEIVED], 0, request);
}

/*
 * GObject
 */

static void
td_sandbox_dispose (GObject *object)
{
  TdSandbox *self = (TdSandbox *)object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Before the account it reads goes, in finalize. */
  g_clear_object (&self->gateway);

  G_OBJECT_CLASS (td_sandbox_parent_class)->dispose (object);
}

static void
td_sandbox_finalize (GObject *object)
{
  TdSandbox *self = (TdSandbox *)object;

  g_clear_pointer (&self->account, td_sandbox_account_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->create_times, g_array_unref);
  g_clear_pointer (&self->token, td_secret_free);
  g_clear_pointer (&self->key, td_secret_free);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (td_sandbox_parent_class)->finalize (object);
}

static void
td_sandbox_class_init (TdSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_sandbox_dispose;
  object_class->finalize = td_sandbox_finalize;

  /**
   * TdSandbox::request-received:
   * @self: the sandbox
   * @request: (type gpointer): the TdSandboxRequest, owned by the sandbox
   *
   * Emitted after a request has been answered (or refused).
   */
  signals[REQUEST_RECEIVED] =
    g_signal_new ("request-received",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  g_cclosure_marshal_VOID__POINTER,
                  G_TYPE_NONE,
                  1,
                  G_TYPE_POINTER);
  g_signal_set_va_marshaller (signals[REQUEST_RECEIVED],
                              G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__POINTERv);
}

static void
td_sandbox_init (TdSandbox *self)
{
  self->token = g_strdup (TD_SANDBOX_DEFAULT_TOKEN);
  self->account = td_sandbox_account_new ();
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sandbox_request_free);
  self->counts = g_hash_table_new (g_str_hash, g_str_equal);
  self->create_times = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/*
 * Public API
 */

TdSandbox *
td_sandbox_new (void)
{
  return g_object_new (TD_TYPE_SANDBOX, NULL);
}

gboolean
td_sandbox_start (TdSandbox  *self,
                  GError    **error)
{
  g_autoptr (SoupServer) server = NULL;
  g_autoslist (GUri) uris = NULL;

  g_return_val_if_fail (TD_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  server = soup_server_new ("server-header", "Thordesk-Sandbox", NULL);

  /* Everything is checked early, before a body is read; the endpoints
   * are answered by the same code, anything else 404. */
  soup_server_add_early_handler (server, NULL, early_callback, self, NULL);
  soup_server_add_handler (server, NULL, server_callback, self, NULL);
  td_sandbox_account_api_attach (server, &self->token, &self->key);
  td_sandbox_locations_attach (server, &self->token, &self->key);

  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  g_assert (uris != NULL);

  self->port = g_uri_get_port (uris->data);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u/api", self->port);
  self->server = g_steal_pointer (&server);

  self->gateway = td_sandbox_gateway_new (self->account);
  if (!td_sandbox_gateway_start (self->gateway, error))
    {
      g_clear_object (&self->gateway);
      return FALSE;
    }
  td_sandbox_gateway_register (self->gateway, self->base_url);

  return TRUE;
}

TdSandboxGateway *
td_sandbox_get_gateway (TdSandbox *self)
{
  g_return_val_if_fail (TD_IS_SANDBOX (self), NULL);

  return self->gateway;
}

const char *
td_sandbox_get_base_url (TdSandbox *self)
{
  g_return_val_if_fail (TD_IS_SANDBOX (self), NULL);

  return self->base_url;
}

void
td_sandbox_set_credentials (TdSandbox  *self,
                            const char *token,
                            const char *key)
{
  g_return_if_fail (TD_IS_SANDBOX (self));
  g_return_if_fail (token != NULL);

  g_clear_pointer (&self->token, td_secret_free);
  g_clear_pointer (&self->key, td_secret_free);

  self->token = g_strdup (token);
  if (key != NULL && *key != '\0')
    self->key = g_strdup (key);
}

void
td_sandbox_set_quota (TdSandbox *self,
                      guint      quota)
{
  g_return_if_fail (TD_IS_SANDBOX (self));

  td_sandbox_account_set_quota (self->account, quota);
}

void
td_sandbox_set_create_rate_limit (TdSandbox *self,
                                  guint      max_creates,
                                  guint      window_ms)
{
  g_return_if_fail (TD_IS_SANDBOX (self));
  g_return_if_fail (max_creates == 0 || window_ms > 0);

  self->max_creates = max_creates;
  self->window_ms = window_ms;
  g_array_set_size (self->create_times, 0);
}

void
td_sandbox_add_user (TdSandbox   *self,
                     TdProxyUser *user)
{
  g_return_if_fail (TD_IS_SANDBOX (self));

  td_sandbox_account_add_user (self->account, user);
}

void
td_sandbox_add_example_users (TdSandbox   *self,
                              TdProxyType  proxy_type,
                              const char  *prefix,
                              guint        n_users)
{
  g_return_if_fail (TD_IS_SANDBOX (self));

  td_sandbox_account_add_example_users (self->account, proxy_type, prefix, n_users);
}

TdProxyUser *
td_sandbox_lookup_user (TdSandbox   *self,
                        TdProxyType  proxy_type,
                        const char  *username)
{
  g_return_val_if_fail (TD_IS_SANDBOX (self), NULL);

  return td_sandbox_account_lookup_user (self->account, proxy_type, username);
}

void
td_sandbox_add_usage (TdSandbox   *self,
                      TdProxyType  proxy_type,
                      const char  *username,
                      const GDate *date,
                      double       usage_kb)
{
  g_return_if_fail (TD_IS_SANDBOX (self));

  td_sandbox_account_add_usage (self->account, proxy_type, username, date, usage_kb);
}

guint
td_sandbox_get_n_users (TdSandbox *self)
{
  g_return_val_if_fail (TD_IS_SANDBOX (self), 0);

  return td_sandbox_account_get_n_users (self->account);
}

GPtrArray *
td_sandbox_get_requests (TdSandbox *self)
{
  g_return_val_if_fail (TD_IS_SANDBOX (self), NULL);

  return self->requests;
}

const TdSandboxRequest *
td_sandbox_get_last_request (TdSandbox *self)
{
  g_return_val_if_fail (TD_IS_SANDBOX (self), NULL);

  if (self->requests->len == 0)
    return NULL;

  return g_ptr_array_index (self->requests, self->requests->len - 1);
}

guint
td_sandbox_get_n_requests (TdSandbox *self)
{
  g_return_val_if_fail (TD_IS_SANDBOX (self), 0);

  return self->n_requests;
}

guint
td_sandbox_count_requests (TdSandbox  *self,
                           const char *path_suffix)
{
  GHashTableIter iter;
  gpointer path;
  gpointer count;
  guint total = 0;

  g_return_val_if_fail (TD_IS_SANDBOX (self), 0);
  g_return_val_if_fail (path_suffix != NULL, 0);

  g_hash_table_iter_init (&iter, self->counts);
  while (g_hash_table_iter_next (&iter, &path, &count))
    if (g_str_has_suffix (path, path_suffix))
      total += GPOINTER_TO_UINT (count);

  return total;
}
