/* td-api-client.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "td-api-address.h"
#include "td-api-client.h"
#include "td-core-enums.h"
#include "td-envelope.h"
#include "td-error.h"
#include "td-payload.h"
#include "td-proxy-user.h"

/* The response body is read in pieces of this size. */
#define READ_CHUNK_SIZE (64 * 1024)

#define CREATE_USER_PATH "/proxy-users/create-user"
#define USER_LIST_PATH   "/proxy-users/user-list"
#define UPDATE_USER_PATH "/proxy-users/update-user"
#define DELETE_USER_PATH "/proxy-users/delete-user"
#define USAGE_PATH       "/proxy-users/usage-statistics"

/* The longest range usage-statistics answers, in days (10021 past it). */
#define MAX_USAGE_RANGE_DAYS 180

struct _TdApiClient
{
  GObject            parent_instance;

  SoupSession       *session;
  char              *base_url;
  char              *token;
  char              *key;
  TdRequestEncoding  encoding;
  guint              timeout;
  gboolean           direct;
};

G_DEFINE_FINAL_TYPE (TdApiClient, td_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_ENCODING,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One request in flight, owned by its GTask. */
typedef struct
{
  SoupMessage  *message;
  /* Cancelled by the caller's cancellable, or to stop a restart. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_cancelled_id;
  GInputStream *stream;
  GByteArray   *buffer;
  guint8       *chunk;
  GBytes       *body;
  const char   *content_type;
  char         *path;
  char         *method;
  char         *scheme;
  char         *host;
  int           port;
  /* Where a refused redirect pointed, when it can be shown. */
  char         *redirect_target;
  guint         timeout;
  gboolean      restart_refused;
} CallData;

static void
wipe_bytes (GBytes *bytes)
{
  gsize size = 0;
  gpointer data;

  g_assert (bytes != NULL);

  /* The data is stolen when this was the last reference; otherwise a copy
   * is wiped, which is the best that can be done. */
  data = g_bytes_unref_to_data (bytes, &size);
  if (data != NULL)
    explicit_bzero (data, size);
  g_free (data);
}

static void
wipe_byte_array (GByteArray *array)
{
  g_assert (array != NULL);

  if (array->len > 0)
    explicit_bzero (array->data, array->len);
  g_byte_array_unref (array);
}

static void
call_data_free (CallData *data)
{
  if (data->caller_cancelled_id != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_cancelled_id);
  g_clear_object (&data->caller_cancellable);

  if (data->message != NULL)
    g_signal_handlers_disconnect_by_data (data->message, data);
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_object (&data->cancellable);

  g_clear_pointer (&data->body, wipe_bytes);
  g_clear_pointer (&data->buffer, wipe_byte_array);
  if (data->chunk != NULL)
    explicit_bzero (data->chunk, READ_CHUNK_SIZE);
  g_free (data->chunk);

  g_free (data->path);
  g_free (data->method);
  g_free (data->scheme);
  g_free (data->host);
  g_free (data->redirect_target);
  g_free (data);
}

/* The parsed base URL when td_api_address_check() accepts it. */
static GUri *
parse_base_url (const char  *base_url,
                GError     **error)
{
  if (!td_api_address_check (base_url, NULL, error))
    return NULL;

  return g_uri_parse (base_url, G_URI_FLAGS_ENCODED, error);
}

gboolean
td_api_client_is_valid_base_url (const char *url)
{
  return td_api_address_check (url, NULL, NULL);
}

/* Loopback servers (the sandbox, tests) are reached directly, whatever
 * proxy the environment names; everything else goes through the system's
 * proxy settings. */
static void
td_api_client_update_proxy_resolver (TdApiClient *self)
{
  g_autoptr(GUri) uri = NULL;
  gboolean direct;

  g_assert (TD_IS_API_CLIENT (self));

  uri = parse_base_url (self->base_url, NULL);
  direct = uri != NULL && td_api_address_is_loopback (g_uri_get_host (uri));

  if (direct == self->direct)
    return;

  self->direct = direct;
  soup_session_set_proxy_resolver (self->session,
                                   direct ? NULL : g_proxy_resolver_get_default ());
}

static GError *
new_invalid_url_error (void)
{
  return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_INVALID_URL,
                              _("The API address is not a web address starting with http:// "
                                "or https://. Check it in Preferences."));
}

static GError *
new_invalid_response_error (void)
{
  return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                              _("Thordata sent an answer Thordesk cannot read."));
}

static GError *
new_too_large_error (void)
{
  return g_error_new (TD_API_ERROR, TD_API_ERROR_TOO_LARGE,
                      /* Translators: %u is a size in megabytes */
                      _("Thordata sent an answer larger than %u MB, which Thordesk does not "
                        "read."),
                      (guint) (TD_MAX_RESPONSE_BYTES / (1024 * 1024)));
}

static GError *
new_tls_error (SoupMessage  *message,
               const GError *error,
               const char   *host)
{
  GTlsCertificateFlags flags;

  g_assert (SOUP_IS_MESSAGE (message));
  g_assert (error != NULL);
  g_assert (host != NULL);

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    {
      return g_error_new (TD_API_ERROR, TD_API_ERROR_TLS,
                          /* Translators: %s is a host name such as openapi.thordata.com */
                          _("%s did not answer over a secure connection. Check the API address "
                            "in Preferences."),
                          host);
    }

  if (!g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      return g_error_new (TD_API_ERROR, TD_API_ERROR_TLS,
                          /* Translators: %s is a host name.  The TLS handshake is the start of
                           * a secure (https) connection */
                          _("The secure connection to %s could not be set up (the TLS handshake "
                            "failed)."),
                          host);
    }

  flags = soup_message_get_tls_peer_certificate_errors (message);

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_error_new (TD_API_ERROR, TD_API_ERROR_TLS,
                        /* Translators: %s is a host name such as openapi.thordata.com; the
                         * certificate proves that a secure (https) server is who it claims to be */
                        _("The secure connection to %s was refused: its certificate is not "
                          "trusted."),
                        host);
  else if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_error_new (TD_API_ERROR, TD_API_ERROR_TLS,
                        /* Translators: %s is a host name such as openapi.thordata.com */
                        _("The secure connection to %s was refused: its certificate belongs to "
                          "another host."),
                        host);
  else if (flags & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    return g_error_new (TD_API_ERROR, TD_API_ERROR_TLS,
                        /* Translators: %s is a host name such as openapi.thordata.com */
                        _("The secure connection to %s was refused: its certificate has expired "
                          "or is not valid yet. Check your computer’s date and time."),
                        host);
  else if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_error_new (TD_API_ERROR, TD_API_ERROR_TLS,
                        /* Translators: %s is a host name such as openapi.thordata.com */
                        _("The secure connection to %s was refused: its certificate has been "
                          "revoked."),
                        host);
  else if (flags & G_TLS_CERTIFICATE_INSECURE)
    return g_error_new (TD_API_ERROR, TD_API_ERROR_TLS,
                        /* Translators: %s is a host name such as openapi.thordata.com */
                        _("The secure connection to %s was refused: its certificate uses an "
                          "insecure algorithm."),
                        host);
  else
    return g_error_new (TD_API_ERROR, TD_API_ERROR_TLS,
                        /* Translators: %s is a host name such as openapi.thordata.com */
                        _("The secure connection to %s was refused: its certificate is not "
                          "valid."),
                        host);
}

/* Turns an error of libsoup or GIO into a TD_API_ERROR whose message names
 * the host and nothing else of the request.  A cancellation is returned as
 * it is, so that callers can ignore it. */
static GError *
map_transport_error (CallData     *data,
                     const GError *error)
{
  GUri *uri;
  const char *host;

  g_assert (data != NULL);
  g_assert (error != NULL);

  if (data->restart_refused)
    return td_api_error_new_redirect (data->redirect_target, TRUE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  /* After a redirect, the host that failed is the one now in the message. */
  uri = soup_message_get_uri (data->message);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL)
    host = data->host;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      return g_error_new (TD_API_ERROR, TD_API_ERROR_TIMEOUT,
                          /* Translators: %u is a number of seconds.  "May have reached" because
                           * a request that got no answer may still have been carried out */
                          ngettext ("Thordata did not answer within %u second. The request "
                                    "may have reached Thordata.",
                                    "Thordata did not answer within %u seconds. The request "
                                    "may have reached Thordata.",
                                    data->timeout),
                          data->timeout);
    }

  if (error->domain == G_TLS_ERROR)
    return new_tls_error (data->message, error, host);

  if (error->domain == G_RESOLVER_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    {
      return g_error_new (TD_API_ERROR, TD_API_ERROR_HOST_NOT_FOUND,
                          /* Translators: %s is a host name such as openapi.thordata.com */
                          _("The server %s could not be found. Check the API address in "
                            "Preferences and your network connection."),
                          host);
    }

  if (error->domain == SOUP_SESSION_ERROR)
    {
      switch (error->code)
        {
        case SOUP_SESSION_ERROR_PARSING:
        case SOUP_SESSION_ERROR_ENCODING:
          return new_invalid_response_error ();

        case SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS:
        case SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION:
        case SOUP_SESSION_ERROR_REDIRECT_BAD_URI:
          return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_HTTP,
                                      _("Thordata redirected the request to an address that "
                                        "does not work. Check the API address in Preferences."));

        default:
          break;
        }
    }

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CONNECTION_REFUSED:
          return g_error_new (TD_API_ERROR, TD_API_ERROR_CONNECTION,
                              /* Translators: %s is a host name such as openapi.thordata.com */
                              _("The server %s refused the connection. Check the API address "
                                "in Preferences."),
                              host);

        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
          return g_error_new (TD_API_ERROR, TD_API_ERROR_CONNECTION,
                              /* Translators: %s is a host name such as openapi.thordata.com */
                              _("The server %s cannot be reached. Check your network "
                                "connection."),
                              host);

        case G_IO_ERROR_CONNECTION_CLOSED:
        case G_IO_ERROR_NOT_CONNECTED:
        case G_IO_ERROR_PARTIAL_INPUT:
          return g_error_new (TD_API_ERROR, TD_API_ERROR_CONNECTION_LOST,
                              /* Translators: %s is a host name such as openapi.thordata.com */
                              _("The connection to %s was cut before Thordata answered. The "
                                "request may have reached Thordata."),
                              host);

        case G_IO_ERROR_PROXY_FAILED:
        case G_IO_ERROR_PROXY_AUTH_FAILED:
        case G_IO_ERROR_PROXY_NEED_AUTH:
        case G_IO_ERROR_PROXY_NOT_ALLOWED:
          return g_error_new (TD_API_ERROR, TD_API_ERROR_CONNECTION,
                              /* Translators: %s is a host name such as openapi.thordata.com */
                              _("The network proxy did not let Thordesk connect to %s. Check "
                                "the system’s proxy settings."),
                              host);

        default:
          break;
        }
    }

  return g_error_new (TD_API_ERROR, TD_API_ERROR_CONNECTION,
                      /* Translators: %s is a host name such as openapi.thordata.com */
                      _("Thordesk could not talk to %s. Check your network connection."),
                      host);
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == type;
}

/* Reading an answer (a list of 10,000 users is 1.4 MB) takes long
 * enough to stall the main loop, so it is done in a worker thread.  The
 * worker only sees the body, never the message or the call's GTask: those
 * stay on the caller's thread, where the call completes. */
typedef struct
{
  GByteArray *buffer;
  guint       status;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_clear_pointer (&data->buffer, wipe_byte_array);
  g_free (data);
}

static void
parse_envelope_thread (GTask        *parse_task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ParseData *data = task_data;
  GError *error = NULL;
  JsonNode *node;

  node = td_envelope_parse ((const char *) data->buffer->data, data->buffer->len,
                            data->status, &error);

  /* The body may hold passwords: wiped here rather than when the last
   * reference to the task goes. */
  g_clear_pointer (&data->buffer, wipe_byte_array);

  if (node != NULL)
    g_task_return_pointer (parse_task, node, (GDestroyNotify) json_node_unref);
  else
    g_task_return_error (parse_task, error);
}

/* The envelope's checks are td_envelope_parse(); only the message knows
 * whether a redirect was refused rather than followed. */
static void
parse_envelope_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  guint status;

  g_assert (G_IS_TASK (task));

  node = g_task_propagate_pointer (G_TASK (result), &error);
  status = soup_message_get_status (data->message);

  if (node != NULL)
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
  else if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_HTTP) &&
           SOUP_STATUS_IS_REDIRECTION (status) &&
           soup_message_query_flags (data->message, SOUP_MESSAGE_NO_REDIRECT))
    g_task_return_error (task, td_api_error_new_redirect (NULL, FALSE));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
finish_response (GTask *task)
{
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GTask) parse_task = NULL;
  ParseData *parse_data;

  g_assert (G_IS_TASK (task));

  parse_data = g_new0 (ParseData, 1);
  parse_data->status = soup_message_get_status (data->message);
  parse_data->buffer = g_steal_pointer (&data->buffer);
  g_debug ("%s %s: HTTP %u, %u bytes",
           soup_message_get_method (data->message), data->path,
           parse_data->status, parse_data->buffer->len);

  /* Not cancellable: the call's own task reports a cancellation. */
  parse_task = g_task_new (NULL, NULL, parse_envelope_cb, g_object_ref (task));
  g_task_set_source_tag (parse_task, finish_response);
  g_task_set_task_data (parse_task, parse_data, (GDestroyNotify) parse_data_free);
  g_task_run_in_thread (parse_task, parse_envelope_thread);
}

static void
td_api_client_read_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GInputStream *stream = G_INPUT_STREAM (object);
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize size;

  g_assert (G_IS_INPUT_STREAM (stream));
  g_assert (G_IS_TASK (task));

  size = g_input_stream_read_finish (stream, result, &error);
  if (size < 0)
    {
      g_debug ("%s: reading the answer failed (%s %d)",
               data->path, g_quark_to_string (error->domain), error->code);
      g_task_return_error (task, map_transport_error (data, error));
      return;
    }

  if (size == 0)
    {
      finish_response (task);
      return;
    }

  if ((gsize) size > TD_MAX_RESPONSE_BYTES - data->buffer->len)
    {
      g_task_return_error (task, new_too_large_error ());
      return;
    }

  g_byte_array_append (data->buffer, data->chunk, size);

  g_input_stream_read_async (stream,
                             data->chunk,
                             READ_CHUNK_SIZE,
                             G_PRIORITY_DEFAULT,
                             data->cancellable,
                             td_api_client_read_cb,
                             g_steal_pointer (&task));
}

static void
td_api_client_send_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset content_length;

  g_assert (SOUP_IS_SESSION (session));
  g_assert (G_IS_TASK (task));

  data->stream = soup_session_send_finish (session, result, &error);
  if (data->stream == NULL)
    {
      g_debug ("%s: sending failed (%s %d)",
               data->path, g_quark_to_string (error->domain), error->code);
      g_task_return_error (task, map_transport_error (data, error));
      return;
    }

  content_length = soup_message_headers_get_content_length (
      soup_message_get_response_headers (data->message));
  if (content_length > TD_MAX_RESPONSE_BYTES)
    {
      g_task_return_error (task, new_too_large_error ());
      return;
    }

  /* Sized from the announced length, so that the buffer is rarely moved
   * (which would leave copies of the answer behind). */
  data->buffer = g_byte_array_sized_new (MAX (content_length, READ_CHUNK_SIZE));
  data->chunk = g_malloc (READ_CHUNK_SIZE);

  g_input_stream_read_async (data->stream,
                             data->chunk,
                             READ_CHUNK_SIZE,
                             G_PRIORITY_DEFAULT,
                             data->cancellable,
                             td_api_client_read_cb,
                             g_steal_pointer (&task));
}

static int
uri_get_effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/* "scheme://host:port" of @uri when every character of its host is
 * plain (it is shown to the admin), otherwise NULL. */
static char *
dup_shown_origin (GUri *uri)
{
  const char *host = g_uri_get_host (uri);

  if (host == NULL || host[0] == '\0')
    return NULL;

  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (".-:", *p) == NULL)
      return NULL;

  return g_strdup_printf (strchr (host, ':') != NULL ? "%s://[%s]:%d" : "%s://%s:%d",
                          g_uri_get_scheme (uri), host, uri_get_effective_port (uri));
}

/* A POST follows no redirect (SOUP_MESSAGE_NO_REDIRECT) but is sent again
 * after an authentication challenge: its body is set again then.  A GET
 * follows redirects within the same server.  Any restart that changes the
 * method, the scheme, the host or the port is stopped before anything is
 * sent: the credentials are in a POST's headers and in a GET's query, and
 * an answer from elsewhere must not be taken for Thordata's. */
static void
td_api_client_message_restarted_cb (SoupMessage *message,
                                    CallData    *data)
{
  GUri *uri;

  g_assert (SOUP_IS_MESSAGE (message));
  g_assert (data != NULL);

  uri = soup_message_get_uri (message);

  if (g_strcmp0 (soup_message_get_method (message), data->method) != 0 ||
      uri == NULL ||
      g_uri_get_host (uri) == NULL ||
      g_ascii_strcasecmp (g_uri_get_host (uri), data->host) != 0 ||
      g_ascii_strcasecmp (g_uri_get_scheme (uri), data->scheme) != 0 ||
      uri_get_effective_port (uri) != data->port)
    {
      g_debug ("%s: stopping a restart that changes the request", data->path);
      if (uri != NULL)
        data->redirect_target = dup_shown_origin (uri);
      data->restart_refused = TRUE;
      g_cancellable_cancel (data->cancellable);
      return;
    }

  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (message, data->content_type, data->body);
}

static void
cancel_call (GCancellable *caller_cancellable,
             GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* The query string of a GET: the fields, then the credentials. */
static char *
td_api_client_dup_query (TdApiClient *self,
                         JsonObject  *fields)
{
  /* Sized up front so that it rarely moves, leaving a copy of the token behind. */
  GString *query = g_string_sized_new (1024);
  g_autofree char *escaped_token = NULL;

  g_assert (TD_IS_API_CLIENT (self));
  g_assert (self->token != NULL);

  if (fields != NULL && json_object_get_size (fields) > 0)
    {
      g_autoptr(GBytes) encoded = td_payload_encode (fields, TD_REQUEST_ENCODING_FORM, NULL);

      g_string_append_len (query,
                           g_bytes_get_data (encoded, NULL),
                           g_bytes_get_size (encoded));
      g_string_append_c (query, '&');
    }

  escaped_token = g_uri_escape_string (self->token, NULL, FALSE);
  g_string_append (query, "token=");
  g_string_append (query, escaped_token);
  explicit_bzero (escaped_token, strlen (escaped_token));

  if (self->key != NULL && self->key[0] != '\0')
    {
      g_autofree char *escaped_key = g_uri_escape_string (self->key, NULL, FALSE);

      g_string_append (query, "&key=");
      g_string_append (query, escaped_key);
      explicit_bzero (escaped_key, strlen (escaped_key));
    }

  return g_string_free (query, FALSE);
}

void
td_api_client_call_async (TdApiClient         *self,
                          const char          *method,
                          const char          *path,
                          JsonObject          *fields,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  CallData *data;
  gboolean is_post;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (g_strcmp0 (method, SOUP_METHOD_POST) == 0 ||
                    g_strcmp0 (method, SOUP_METHOD_GET) == 0);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_call_async);

  /* A refused address gets nothing, the token least of all. */
  if (!td_api_address_check (self->base_url, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  url = td_api_client_build_url (self, path);
  if (url == NULL)
    {
      g_task_return_error (task, new_invalid_url_error ());
      return;
    }

  if (!td_api_client_has_token (self))
    {
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_NO_TOKEN,
                               _("No account token is stored. Add it in Preferences."));
      return;
    }

  is_post = g_strcmp0 (method, SOUP_METHOD_POST) == 0;

  data = g_new0 (CallData, 1);
  data->path = g_strdup (path);
  data->timeout = self->timeout;
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if (is_post)
    {
      SoupMessageHeaders *headers;
      g_autoptr(JsonObject) empty = NULL;

      if (fields == NULL)
        fields = empty = json_object_new ();

      data->message = soup_message_new (method, url);
      data->body = td_payload_encode (fields, self->encoding, &data->content_type);

      if (data->message != NULL)
        {
          soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
          soup_message_set_request_body_from_bytes (data->message, data->content_type, data->body);

          headers = soup_message_get_request_headers (data->message);
          soup_message_headers_replace (headers, "token", self->token);
          if (self->key != NULL && self->key[0] != '\0')
            soup_message_headers_replace (headers, "key", self->key);

        }
    }
  else
    {
      char *query = td_api_client_dup_query (self, fields);
      char *full_url = g_strconcat (url, strchr (url, '?') != NULL ? "&" : "?", query, NULL);

      data->message = soup_message_new (method, full_url);

      td_secret_free (full_url);
      td_secret_free (query);
    }

  if (data->message == NULL)
    {
      g_task_return_error (task, new_invalid_url_error ());
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (data->message),
                                "Accept", "application/json");

  data->method = g_strdup (method);
  data->scheme = g_strdup (g_uri_get_scheme (soup_message_get_uri (data->message)));
  data->host = g_strdup (g_uri_get_host (soup_message_get_uri (data->message)));
  data->port = uri_get_effective_port (soup_message_get_uri (data->message));
  g_signal_connect (data->message, "restarted",
                    G_CALLBACK (td_api_client_message_restarted_cb), data);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (cancel_call),
                                                         g_object_ref (data->cancellable),
                                                         g_object_unref);
    }

  g_debug ("%s %s", method, path);

  soup_session_send_async (self->session,
                           data->message,
                           G_PRIORITY_DEFAULT,
                           data->cancellable,
                           td_api_client_send_cb,
                           g_steal_pointer (&task));
}

JsonNode *
td_api_client_call_finish (TdApiClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Completes a task whose call has no answer to read beyond success. */
static void
td_api_client_boolean_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  TdApiClient *self = TD_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  g_assert (TD_IS_API_CLIENT (self));
  g_assert (G_IS_TASK (task));

  node = td_api_client_call_finish (self, result, &error);
  if (node == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Overwrites the text of a string member in place before the object is
 * dropped. */
static void
wipe_string_member (JsonObject *object,
                    const char *member)
{
  JsonNode *node;
  char *text;

  g_assert (object != NULL);
  g_assert (member != NULL);

  node = json_object_get_member (object, member);
  if (!node_holds (node, G_TYPE_STRING))
    return;

  text = (char *) json_node_get_string (node);
  if (text != NULL)
    explicit_bzero (text, strlen (text));
}

void
td_api_client_create_user_async (TdApiClient         *self,
                                 TdProxyUser         *user,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) payload = NULL;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (TD_IS_PROXY_USER (user));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_create_user_async);

  payload = td_proxy_user_to_payload (user);

  /* The body is encoded before this returns, so the password can be
   * wiped right after. */
  td_api_client_call_async (self,
                            SOUP_METHOD_POST,
                            CREATE_USER_PATH,
                            payload,
                            cancellable,
                            td_api_client_boolean_cb,
                            g_steal_pointer (&task));

  wipe_string_member (payload, "password");
}

gboolean
td_api_client_create_user_finish (TdApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_create_user_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The list answer carries every password in plain text: they are wiped
 * from the JSON tree once read. */
static void
wipe_listed_passwords (JsonNode *data)
{
  JsonNode *list;
  JsonArray *array;

  g_assert (data != NULL);

  if (!JSON_NODE_HOLDS_OBJECT (data))
    return;

  list = json_object_get_member (json_node_get_object (data), "list");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return;

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (item != NULL && JSON_NODE_HOLDS_OBJECT (item))
        wipe_string_member (json_node_get_object (item), "password");
    }
}

typedef struct
{
  JsonNode    *node;
  TdProxyType  proxy_type;
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_pointer (&data->node, json_node_unref);
  g_free (data);
}

/* In a worker thread: the users are built, and the tree freed, off the
 * main loop.  The store is handed over whole when complete. */
static void
parse_user_list_thread (GTask        *parse_task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;
  TdUserList *list;

  list = td_user_list_parse (data->node, data->proxy_type, &error);
  wipe_listed_passwords (data->node);
  g_clear_pointer (&data->node, json_node_unref);

  if (list == NULL)
    g_task_return_error (parse_task, error);
  else
    g_task_return_pointer (parse_task, list, (GDestroyNotify) td_user_list_free);
}

static void
parse_user_list_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdUserList *list;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  list = g_task_propagate_pointer (G_TASK (result), &error);
  if (list == NULL)
    {
      g_task_return_error (task, error);
    }
  else
    {
      g_debug ("%s: %u users", USER_LIST_PATH,
               g_list_model_get_n_items (G_LIST_MODEL (list->users)));
      g_task_return_pointer (task, list, (GDestroyNotify) td_user_list_free);
    }
}

static void
td_api_client_list_users_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  TdApiClient *self = TD_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) parse_task = NULL;
  JsonNode *node;
  ListData *data;
  GError *error = NULL;

  g_assert (TD_IS_API_CLIENT (self));
  g_assert (G_IS_TASK (task));

  node = td_api_client_call_finish (self, result, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (ListData, 1);
  data->node = node;
  data->proxy_type = GPOINTER_TO_INT (g_task_get_task_data (task));

  /* Not cancellable: the list's own task reports a cancellation. */
  parse_task = g_task_new (NULL, NULL, parse_user_list_cb, g_object_ref (task));
  g_task_set_source_tag (parse_task, td_api_client_list_users_cb);
  g_task_set_task_data (parse_task, data, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (parse_task, parse_user_list_thread);
}

void
td_api_client_list_users_async (TdApiClient         *self,
                                TdProxyType          proxy_type,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) fields = NULL;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_list_users_async);
  g_task_set_task_data (task, GINT_TO_POINTER (proxy_type), NULL);

  fields = json_object_new ();
  json_object_set_int_member (fields, "proxy_type", proxy_type);

  td_api_client_call_async (self,
                            SOUP_METHOD_GET,
                            USER_LIST_PATH,
                            fields,
                            cancellable,
                            td_api_client_list_users_cb,
                            g_steal_pointer (&task));
}

TdUserList *
td_api_client_list_users_finish (TdApiClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_list_users_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
td_api_client_find_user_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  TdApiClient *self = TD_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(TdUserList) list = NULL;
  const char *username;
  TdProxyUser *found = NULL;
  GError *error = NULL;
  guint n_items;

  g_assert (TD_IS_API_CLIENT (self));
  g_assert (G_IS_TASK (task));

  list = td_api_client_list_users_finish (self, result, &error);
  if (list == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  username = g_task_get_task_data (task);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list->users));

  for (guint i = 0; i < n_items && found == NULL; i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (list->users), i);

      if (g_strcmp0 (td_proxy_user_get_username (user), username) == 0)
        found = g_steal_pointer (&user);
    }

  /* NULL without an error: the user does not exist. */
  g_task_return_pointer (task, found, g_object_unref);
}

void
td_api_client_find_user_async (TdApiClient         *self,
                               TdProxyType          proxy_type,
                               const char          *username,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));
  g_return_if_fail (username != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_find_user_async);
  g_task_set_task_data (task, g_strdup (username), g_free);

  td_api_client_list_users_async (self,
                                  proxy_type,
                                  cancellable,
                                  td_api_client_find_user_cb,
                                  g_steal_pointer (&task));
}

TdProxyUser *
td_api_client_find_user_finish (TdApiClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_find_user_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
td_api_client_update_user_async (TdApiClient         *self,
                                 TdProxyUser         *current,
                                 TdProxyUser         *changed,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) fields = NULL;
  const char *new_username;
  const char *new_password;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (TD_IS_PROXY_USER (current));
  g_return_if_fail (TD_IS_PROXY_USER (changed));
  g_return_if_fail (td_proxy_user_get_username (current) != NULL);
  g_return_if_fail (td_proxy_user_get_proxy_type (changed) ==
                    td_proxy_user_get_proxy_type (current));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_update_user_async);

  new_username = td_proxy_user_get_username (changed);
  if (new_username == NULL)
    new_username = td_proxy_user_get_username (current);

  new_password = td_proxy_user_get_password (changed);
  if (new_password == NULL)
    new_password = td_proxy_user_get_password (current);

  /* Every new_* member, always: the server turns an omitted limit into
   * "unlimited" and an omitted status into "enabled". */
  fields = json_object_new ();
  json_object_set_int_member (fields, "proxy_type", td_proxy_user_get_proxy_type (current));
  json_object_set_string_member (fields, "username", td_proxy_user_get_username (current));
  json_object_set_string_member (fields, "new_username", new_username);
  json_object_set_string_member (fields, "new_password", new_password != NULL ? new_password : "");
  json_object_set_int_member (fields, "new_traffic_limit",
                              td_proxy_user_get_traffic_limit (changed));
  json_object_set_string_member (fields, "new_status",
                                 td_proxy_user_get_enabled (changed) ? "true" : "false");

  /* The body is encoded before this returns, so the password can be
   * wiped right after. */
  td_api_client_call_async (self,
                            SOUP_METHOD_POST,
                            UPDATE_USER_PATH,
                            fields,
                            cancellable,
                            td_api_client_boolean_cb,
                            g_steal_pointer (&task));

  wipe_string_member (fields, "new_password");
}

gboolean
td_api_client_update_user_finish (TdApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_update_user_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
td_api_client_delete_user_async (TdApiClient         *self,
                                 TdProxyType          proxy_type,
                                 const char          *username,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) fields = NULL;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));
  g_return_if_fail (username != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_delete_user_async);

  fields = json_object_new ();
  json_object_set_int_member (fields, "proxy_type", proxy_type);
  json_object_set_string_member (fields, "username", username);

  td_api_client_call_async (self,
                            SOUP_METHOD_POST,
                            DELETE_USER_PATH,
                            fields,
                            cancellable,
                            td_api_client_boolean_cb,
                            g_steal_pointer (&task));
}

gboolean
td_api_client_delete_user_finish (TdApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_delete_user_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GDate from;
  GDate to;
} UsageRange;

static char *
format_api_date (const GDate *date)
{
  g_assert (date != NULL && g_date_valid (date));

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

static void
td_api_client_get_usage_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  TdApiClient *self = TD_API_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  UsageRange *range = g_task_get_task_data (task);
  TdUsage *usage = NULL;
  GError *error = NULL;

  g_assert (TD_IS_API_CLIENT (self));
  g_assert (G_IS_TASK (task));

  node = td_api_client_call_finish (self, result, &error);
  if (node != NULL)
    usage = td_usage_parse (node, &range->from, &range->to, &error);

  if (usage == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, usage, (GDestroyNotify) td_usage_free);
}

void
td_api_client_get_usage_async (TdApiClient         *self,
                               TdProxyType          proxy_type,
                               const char          *username,
                               const GDate         *from,
                               const GDate         *to,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *from_date = NULL;
  g_autofree char *to_date = NULL;
  UsageRange *range;

  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));
  g_return_if_fail (username != NULL);
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (to != NULL && g_date_valid (to));
  g_return_if_fail (g_date_compare (from, to) <= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_api_client_get_usage_async);

  /* The server would refuse it (10021): nothing is sent. */
  if (g_date_days_between (from, to) + 1 > MAX_USAGE_RANGE_DAYS)
    {
      g_task_return_error (task, td_server_error_new (10021, NULL));
      return;
    }

  range = g_new0 (UsageRange, 1);
  range->from = *from;
  range->to = *to;
  g_task_set_task_data (task, range, g_free);

  from_date = format_api_date (from);
  to_date = format_api_date (to);

  fields = json_object_new ();
  json_object_set_int_member (fields, "proxy_type", proxy_type);
  json_object_set_string_member (fields, "username", username);
  json_object_set_string_member (fields, "from_date", from_date);
  json_object_set_string_member (fields, "to_date", to_date);

  td_api_client_call_async (self,
                            SOUP_METHOD_GET,
                            USAGE_PATH,
                            fields,
                            cancellable,
                            td_api_client_get_usage_cb,
                            g_steal_pointer (&task));
}

TdUsage *
td_api_client_get_usage_finish (TdApiClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_api_client_get_usage_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

TdApiClient *
td_api_client_new (const char *base_url)
{
  return g_object_new (TD_TYPE_API_CLIENT,
                       "base-url", base_url,
                       NULL);
}

const char *
td_api_client_get_base_url (TdApiClient *self)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

void
td_api_client_set_base_url (TdApiClient *self,
                            const char  *base_url)
{
  g_return_if_fail (TD_IS_API_CLIENT (self));

  if (base_url == NULL)
    base_url = TD_DEFAULT_API_URL;

  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  td_api_client_update_proxy_resolver (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

TdRequestEncoding
td_api_client_get_encoding (TdApiClient *self)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), TD_REQUEST_ENCODING_JSON);

  return self->encoding;
}

void
td_api_client_set_encoding (TdApiClient       *self,
                            TdRequestEncoding  encoding)
{
  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (encoding == TD_REQUEST_ENCODING_JSON ||
                    encoding == TD_REQUEST_ENCODING_FORM);

  if (self->encoding == encoding)
    return;

  self->encoding = encoding;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
}

guint
td_api_client_get_timeout (TdApiClient *self)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), 0);

  return self->timeout;
}

void
td_api_client_set_timeout (TdApiClient *self,
                           guint        seconds)
{
  g_return_if_fail (TD_IS_API_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  soup_session_set_idle_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
td_api_client_set_credentials (TdApiClient *self,
                               const char  *token,
                               const char  *key)
{
  g_return_if_fail (TD_IS_API_CLIENT (self));

  g_clear_pointer (&self->token, td_secret_free);
  g_clear_pointer (&self->key, td_secret_free);

  self->token = g_strdup (token);
  self->key = g_strdup (key);
}

gboolean
td_api_client_has_token (TdApiClient *self)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (self), FALSE);

  return self->token != NULL && self->token[0] != '\0';
}

char *
td_api_client_build_url (TdApiClient *self,
                         const char  *path)
{
  g_autoptr(GUri) uri = NULL;
  gsize base_length;

  g_return_val_if_fail (TD_IS_API_CLIENT (self), NULL);

  uri = parse_base_url (self->base_url, NULL);
  if (uri == NULL)
    return NULL;

  base_length = strlen (self->base_url);
  while (base_length > 0 && self->base_url[base_length - 1] == '/')
    base_length--;

  if (path == NULL)
    path = "";
  while (*path == '/')
    path++;

  return g_strdup_printf ("%.*s/%s", (int) base_length, self->base_url, path);
}

static void
td_api_client_dispose (GObject *object)
{
  TdApiClient *self = (TdApiClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (td_api_client_parent_class)->dispose (object);
}

static void
td_api_client_finalize (GObject *object)
{
  TdApiClient *self = (TdApiClient *)object;

  g_clear_pointer (&self->token, td_secret_free);
  g_clear_pointer (&self->key, td_secret_free);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (td_api_client_parent_class)->finalize (object);
}

static void
td_api_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdApiClient *self = TD_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, td_api_client_get_base_url (self));
      break;

    case PROP_ENCODING:
      g_value_set_enum (value, td_api_client_get_encoding (self));
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, td_api_client_get_timeout (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_api_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TdApiClient *self = TD_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      td_api_client_set_base_url (self, g_value_get_string (value));
      break;

    case PROP_ENCODING:
      td_api_client_set_encoding (self, g_value_get_enum (value));
      break;

    case PROP_TIMEOUT:
      td_api_client_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_api_client_class_init (TdApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_api_client_dispose;
  object_class->finalize = td_api_client_finalize;
  object_class->get_property = td_api_client_get_property;
  object_class->set_property = td_api_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         TD_DEFAULT_API_URL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ENCODING] =
    g_param_spec_enum ("encoding", NULL, NULL,
                       TD_TYPE_REQUEST_ENCODING,
                       TD_REQUEST_ENCODING_JSON,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT,
                       TD_DEFAULT_TIMEOUT_SECONDS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_api_client_init (TdApiClient *self)
{
  self->encoding = TD_REQUEST_ENCODING_JSON;
  self->timeout = TD_DEFAULT_TIMEOUT_SECONDS;
  self->session = soup_session_new_with_options ("user-agent", "Thordesk/" PACKAGE_VERSION,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", self->timeout,
                                                 NULL);
}
