/* td-api-transport.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How a request travels: the message built (credentials in the headers
 * of a POST, in the query of a GET), sent, its restarts watched, the
 * answer read under a size cap and parsed off the main loop, and every
 * failure of libsoup, GIO or TLS turned into a sentence that names the
 * host and nothing else of the request.  The endpoint calls are in
 * td-api-client.c.
 *
 * Buffers this file owns (the body sent, the answer read) are wiped when
 * dropped.  That is all it can wipe: libsoup copies the request headers,
 * URL and body into buffers of its own, which are freed without being
 * cleared, so a secret may outlive a request in freed memory. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "td-api-client.h"
#include "td-api-transport.h"
#include "td-envelope.h"
#include "td-error.h"
#include "td-payload.h"
#include "td-proxy-user.h"

/* The response body is read in pieces of this size. */
#define READ_CHUNK_SIZE (64 * 1024)

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
  /* A POST whose body was JSON: its 10000 says the format was refused. */
  gboolean      sent_json;
} CallData;

static void
wipe_bytes (GBytes *bytes)
{
  gsize size = 0;
  gpointer data;

  g_assert (bytes != NULL);

  /* The data is stolen and wiped when this was the last reference.
   * Otherwise (libsoup still holds the body) g_bytes_unref_to_data()
   * returns a copy, and wiping it leaves the original as it is: that one
   * cannot be wiped from here. */
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

  /* The body may hold passwords: our buffer is wiped here rather than
   * when the last reference to the task goes. */
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
  else if (data->sent_json && g_error_matches (error, TD_SERVER_ERROR,
                                               TD_SERVER_CODE_PARAMETER_ERROR))
    /* Nothing was done; the caller may offer to send it as form fields. */
    g_task_return_error (task, td_api_error_new_format_refused ());
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
read_cb (GObject      *object,
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
                             read_cb,
                             g_steal_pointer (&task));
}

static void
send_cb (GObject      *object,
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
                             read_cb,
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
message_restarted_cb (SoupMessage *message,
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
dup_query (const TdApiRequest *request)
{
  /* Sized up front so that it rarely moves, leaving a copy of the token behind. */
  GString *query = g_string_sized_new (1024);
  g_autofree char *escaped_token = NULL;

  g_assert (request->token != NULL);

  if (request->fields != NULL && json_object_get_size (request->fields) > 0)
    {
      g_autoptr(GBytes) encoded = td_payload_encode (request->fields, TD_REQUEST_ENCODING_FORM,
                                                     NULL);

      g_string_append_len (query,
                           g_bytes_get_data (encoded, NULL),
                           g_bytes_get_size (encoded));
      g_string_append_c (query, '&');
    }

  escaped_token = g_uri_escape_string (request->token, NULL, FALSE);
  g_string_append (query, "token=");
  g_string_append (query, escaped_token);
  explicit_bzero (escaped_token, strlen (escaped_token));

  if (request->key != NULL && request->key[0] != '\0')
    {
      g_autofree char *escaped_key = g_uri_escape_string (request->key, NULL, FALSE);

      g_string_append (query, "&key=");
      g_string_append (query, escaped_key);
      explicit_bzero (escaped_key, strlen (escaped_key));
    }

  return g_string_free (query, FALSE);
}

void
td_api_transport_send (SoupSession        *session,
                       const TdApiRequest *request,
                       GTask              *task)
{
  g_autofree char *url = NULL;
  GCancellable *cancellable;
  JsonObject *fields;
  const char *method;
  const char *path;
  CallData *data;
  gboolean is_post;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (request != NULL);
  g_return_if_fail (request->token != NULL);
  g_return_if_fail (G_IS_TASK (task));

  /* The task is the caller's: it is completed here, and its reference
   * travels with the request. */
  g_object_ref (task);
  cancellable = g_task_get_cancellable (task);
  method = request->method;
  path = request->path;
  fields = request->fields;
  url = g_strdup (request->url);

  is_post = g_strcmp0 (method, SOUP_METHOD_POST) == 0;

  data = g_new0 (CallData, 1);
  data->path = g_strdup (path);
  data->timeout = request->timeout;
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if (is_post)
    {
      SoupMessageHeaders *headers;
      g_autoptr(JsonObject) empty = NULL;

      if (fields == NULL)
        fields = empty = json_object_new ();

      data->message = soup_message_new (method, url);
      data->body = td_payload_encode (fields, request->encoding, &data->content_type);
      data->sent_json = request->encoding == TD_REQUEST_ENCODING_JSON;

      if (data->message != NULL)
        {
          soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
          soup_message_set_request_body_from_bytes (data->message, data->content_type, data->body);

          headers = soup_message_get_request_headers (data->message);
          soup_message_headers_replace (headers, "token", request->token);
          if (request->key != NULL && request->key[0] != '\0')
            soup_message_headers_replace (headers, "key", request->key);
        }
    }
  else
    {
      char *query = dup_query (request);
      char *full_url = g_strconcat (url, strchr (url, '?') != NULL ? "&" : "?", query, NULL);

      data->message = soup_message_new (method, full_url);

      td_secret_free (full_url);
      td_secret_free (query);
    }

  if (data->message == NULL)
    {
      g_task_return_error (task, g_error_new_literal (TD_API_ERROR, TD_API_ERROR_INVALID_URL,
                                                      _("The API address is not a web address "
                                                        "starting with https://, such as "
                                                        "https://openapi.thordata.com/api.")));
      g_object_unref (task);
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (data->message),
                                "Accept", "application/json");

  data->method = g_strdup (method);
  data->scheme = g_strdup (g_uri_get_scheme (soup_message_get_uri (data->message)));
  data->host = g_strdup (g_uri_get_host (soup_message_get_uri (data->message)));
  data->port = uri_get_effective_port (soup_message_get_uri (data->message));
  g_signal_connect (data->message, "restarted",
                    G_CALLBACK (message_restarted_cb), data);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (cancel_call),
                                                         g_object_ref (data->cancellable),
                                                         g_object_unref);
    }

  g_debug ("%s %s", method, path);

  soup_session_send_async (session,
                           data->message,
                           G_PRIORITY_DEFAULT,
                           data->cancellable,
                           send_cb,
                           task);
}

