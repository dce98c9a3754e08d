/* td-ip-check.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "td-ip-check.h"

/* An IP check answers a few hundred bytes; anything much larger is not one. */
#define MAX_BODY_BYTES (64 * 1024)

struct _TdIpCheck
{
  GObject       parent_instance;

  char         *url;
  guint         timeout;
  GTlsDatabase *tls_database;
};

G_DEFINE_FINAL_TYPE (TdIpCheck, td_ip_check, G_TYPE_OBJECT)

G_DEFINE_QUARK (td-ip-check-error-quark, td_ip_check_error)

G_DEFINE_BOXED_TYPE (TdIpCheckResult, td_ip_check_result,
                     td_ip_check_result_copy, td_ip_check_result_free)

enum {
  PROP_0,
  PROP_URL,
  PROP_TIMEOUT,
  PROP_TLS_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- results -------------------------------------------------------- */

TdIpCheckResult *
td_ip_check_result_copy (const TdIpCheckResult *self)
{
  TdIpCheckResult *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TdIpCheckResult, 1);
  copy->ip = g_strdup (self->ip);
  copy->country = g_strdup (self->country);
  copy->region = g_strdup (self->region);
  copy->city = g_strdup (self->city);
  copy->organization = g_strdup (self->organization);
  copy->seconds = self->seconds;

  return copy;
}

void
td_ip_check_result_free (TdIpCheckResult *self)
{
  if (self == NULL)
    return;

  g_free (self->ip);
  g_free (self->country);
  g_free (self->region);
  g_free (self->city);
  g_free (self->organization);
  g_free (self);
}

/* The first of @names that is a non-empty string (or a number). */
static char *
dup_first (JsonObject         *object,
           const char * const *names)
{
  for (; *names != NULL; names++)
    {
      JsonNode *node = json_object_get_member (object, *names);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        continue;
      if (json_node_get_value_type (node) == G_TYPE_STRING &&
          json_node_get_string (node)[0] != '\0')
        return g_strdup (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }

  return NULL;
}

TdIpCheckResult *
td_ip_check_parse (const char *body,
                   gsize       length)
{
  static const char * const ip_names[] = { "ip", "origin", "query", "ip_addr", NULL };
  static const char * const country_names[] = { "country", "country_code", "countryCode", NULL };
  static const char * const region_names[] = { "region", "regionName", "state", NULL };
  static const char * const city_names[] = { "city", NULL };
  static const char * const org_names[] = { "org", "asn", "isp", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  TdIpCheckResult *result;
  JsonObject *object;

  if (body == NULL || length == 0 || length > MAX_BODY_BYTES)
    return NULL;

  /* Some checks answer the bare address as text. */
  text = g_strstrip (g_strndup (body, length));
  if (g_hostname_is_ip_address (text))
    {
      result = g_new0 (TdIpCheckResult, 1);
      result->ip = g_steal_pointer (&text);
      return result;
    }

  if (!json_parser_load_from_data (parser, body, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  result = g_new0 (TdIpCheckResult, 1);
  result->ip = dup_first (object, ip_names);
  if (result->ip == NULL)
    {
      td_ip_check_result_free (result);
      return NULL;
    }
  result->country = dup_first (object, country_names);
  result->region = dup_first (object, region_names);
  result->city = dup_first (object, city_names);
  result->organization = dup_first (object, org_names);

  return result;
}

/* ---- gateway errors ------------------------------------------------- */

const char *
td_ip_check_lookup_gateway_error (const char *code)
{
  /* DOCS "Proxy Troubleshooting"; the rest of that table was not
   * retrieved, so other codes are shown with the gateway's own message. */
  static const struct { const char *code; const char *meaning; } table[] = {
    { "client_101", N_("The region is not valid: check the continent, country, state and city.") },
    { "client_102", N_("The gateway does not accept this protocol here.") },
    { "client_103", N_("The port is not valid for this product.") },
    { "client_104", N_("The host is not valid for this product.") },
    { "Resource_201", N_("No IP could be allocated: choose a wider region, or try again later.") },
    { "Resource_202", N_("The region does not match what this product offers.") },
    { "Resource_203", N_("Thordata has a resource problem: try again later.") },
  };

  if (code == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_ascii_strcasecmp (code, table[i].code) == 0)
      return _(table[i].meaning);

  return NULL;
}

/* ---- the request ---------------------------------------------------- */

typedef struct
{
  SoupSession  *session;
  SoupMessage  *message;
  GCancellable *cancellable;      /* ours: cancelled on timeout too */
  GCancellable *caller;
  gulong        caller_handler;
  guint         timeout_id;
  guint         timeout;
  gboolean      timed_out;
  gint64        started;
  char         *gateway;          /* host:port, for messages */
  /* What the gateway said on any message of the session (the CONNECT of
   * a tunnel is a message of its own). */
  guint         proxy_status;
  char         *thor_code;
  char         *thor_message;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->caller_handler != 0)
    g_cancellable_disconnect (data->caller, data->caller_handler);
  g_clear_object (&data->caller);
  g_clear_object (&data->message);
  if (data->session != NULL)
    soup_session_abort (data->session);
  g_clear_object (&data->session);
  g_clear_object (&data->cancellable);
  g_free (data->gateway);
  g_free (data->thor_code);
  g_free (data->thor_message);
  g_free (data);
}

static void
on_got_headers (SoupMessage *message,
                RunData     *data)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *code = soup_message_headers_get_one (headers, "X-thor-error-code");
  const char *text = soup_message_headers_get_one (headers, "X-thor-error-msg");

  if (text == NULL)
    text = soup_message_headers_get_one (headers, "x-thor-error");

  if (code != NULL || text != NULL)
    {
      g_free (data->thor_code);
      g_free (data->thor_message);
      data->thor_code = g_strdup (code);
      data->thor_message = g_strdup (text);
    }

  /* The CONNECT of a tunnel, seen through "request-queued".  A refused
   * login is 407 at Thordata; tinyproxy answers 401 to wrong credentials
   * (and libsoup then copies that status onto the GET). */
  if (soup_message_get_method (message) == SOUP_METHOD_CONNECT)
    {
      data->proxy_status = soup_message_get_status (message);
      if (data->proxy_status == SOUP_STATUS_UNAUTHORIZED)
        data->proxy_status = SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED;
    }
  else if (soup_message_get_status (message) == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED)
    data->proxy_status = SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED;
}

static void
on_request_queued (SoupSession *session,
                   SoupMessage *message,
                   RunData     *data)
{
  g_signal_connect (message, "got-headers", G_CALLBACK (on_got_headers), data);
}

static gboolean
on_timeout (gpointer user_data)
{
  RunData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static GError *
gateway_error (RunData *data)
{
  const char *meaning = td_ip_check_lookup_gateway_error (data->thor_code);
  const char *code = data->thor_code ? data->thor_code : "?";

  if (meaning != NULL)
    /* Translators: %s is a sentence, then the gateway's code (client_101) */
    return g_error_new (TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_GATEWAY,
                        _("%s (gateway error %s)"), meaning, code);

  return g_error_new (TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_GATEWAY,
                      _("The gateway reported “%s” (gateway error %s)."),
                      data->thor_message ? data->thor_message : "", code);
}

static GError *
login_error (void)
{
  return g_error_new (TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_LOGIN,
                      _("The gateway refused the login (HTTP 407). The username or password "
                        "is wrong, or the user is disabled or out of traffic."));
}

/* Turns a failure of the request into a TD_IP_CHECK_ERROR. */
static GError *
explain (RunData *data,
         GError  *error)
{
  if (data->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_TIMEOUT,
                        _("No answer within %u seconds."), data->timeout);

  if (data->thor_code != NULL || data->thor_message != NULL)
    return gateway_error (data);

  if (data->proxy_status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_AUTH_FAILED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NEED_AUTH))
    return login_error ();

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_HOST_NOT_FOUND,
                        _("The host %s was not found. Check the gateway host."), data->gateway);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_REFUSED,
                        _("Nothing answers at %s. Check the gateway host and port."), data->gateway);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_TLS,
                        _("The secure connection failed: %s"), error->message);

  if ((data->proxy_status != 0 && !SOUP_STATUS_IS_SUCCESSFUL (data->proxy_status)) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED))
    return g_error_new (TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_PROXY_FAILED,
                        _("The gateway could not reach the IP check (HTTP %u)."),
                        data->proxy_status);

  return g_error_new (TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_NETWORK,
                      _("The test failed: %s"), error->message);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TdIpCheckResult *answer;
  SoupMessageHeaders *headers;
  guint status;
  gsize length;
  const char *body;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (bytes == NULL)
    {
      if (!data->timed_out && g_cancellable_is_cancelled (data->caller))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
      else if (data->caller == NULL && !data->timed_out &&
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, explain (data, error));
      return;
    }

  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);
  on_got_headers (data->message, data);

  if (data->thor_code != NULL || data->thor_message != NULL)
    {
      g_task_return_error (task, gateway_error (data));
      return;
    }

  if (data->proxy_status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED)
    {
      g_task_return_error (task, login_error ());
      return;
    }

  if (data->proxy_status != 0 && !SOUP_STATUS_IS_SUCCESSFUL (data->proxy_status))
    {
      g_task_return_new_error (task, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_PROXY_FAILED,
                               _("The gateway could not reach the IP check (HTTP %u)."),
                               data->proxy_status);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_HTTP,
                               _("The IP check answered HTTP %u (%s)."), status,
                               soup_message_get_reason_phrase (data->message));
      return;
    }

  body = g_bytes_get_data (bytes, &length);
  answer = td_ip_check_parse (body, length);
  if (answer == NULL)
    {
      const char *type = soup_message_headers_get_content_type (headers, NULL);

      g_task_return_new_error (task, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_NOT_JSON,
                               _("The IP check answered, but not with an address it could read (%s)."),
                               type ? type : _("no content type"));
      return;
    }

  answer->seconds = (g_get_monotonic_time () - data->started) / (double) G_USEC_PER_SEC;
  g_task_return_pointer (task, answer, (GDestroyNotify) td_ip_check_result_free);
}

void
td_ip_check_run_async (TdIpCheck            *self,
                       const TdGatewayLogin *login,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GProxyResolver) resolver = NULL;
  g_autofree char *proxy_uri = NULL;
  g_autofree char *gateway = NULL;
  g_autofree char *user_agent = NULL;
  RunData *data;

  g_return_if_fail (TD_IS_IP_CHECK (self));
  g_return_if_fail (login != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_ip_check_run_async);

  proxy_uri = td_gateway_login_format (login, TD_GATEWAY_FORMAT_URL, NULL, &error);
  if (proxy_uri == NULL)
    {
      g_task_return_new_error (task, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_INVALID,
                               "%s", error->message);
      return;
    }

  /* GIO knows SOCKS5 as "socks5"; it always sends the host name to the
   * proxy, which is what socks5h means. */
  if (g_str_has_prefix (proxy_uri, "socks5h://"))
    memmove (proxy_uri + strlen ("socks5"), proxy_uri + strlen ("socks5h"),
             strlen (proxy_uri + strlen ("socks5h")) + 1);

  gateway = td_gateway_login_dup_proxy_uri (login);

  /* For this one request only: the gateway and nothing else. */
  resolver = g_simple_proxy_resolver_new (proxy_uri, NULL);
  td_secret_free (g_steal_pointer (&proxy_uri));

  user_agent = g_strdup_printf ("Thordesk/%s", PACKAGE_VERSION);

  data = g_new0 (RunData, 1);
  data->timeout = self->timeout;
  data->gateway = g_strdup (strstr (gateway, "://") + 3);
  data->cancellable = g_cancellable_new ();
  data->session = soup_session_new_with_options ("proxy-resolver", resolver,
                                                 "timeout", self->timeout,
                                                 "user-agent", user_agent,
                                                 NULL);
  if (self->tls_database != NULL)
    soup_session_set_tls_database (data->session, self->tls_database);
  data->message = soup_message_new (SOUP_METHOD_GET, self->url);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  if (data->message == NULL)
    {
      g_task_return_new_error (task, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_INVALID,
                               _("The IP check address is not a valid URL."));
      return;
    }

  g_signal_connect (data->session, "request-queued", G_CALLBACK (on_request_queued), data);

  /* A plain http:// check is sent to the gateway itself, and libsoup 3.2
   * does not answer the gateway's 407 with the proxy URI's login there
   * (it does on the CONNECT of an https:// check): send the login up
   * front, as the GO SDK does.  Never for https://, where this header
   * would travel inside the tunnel to the IP check. */
  if (g_ascii_strncasecmp (self->url, "http://", 7) == 0 &&
      login->protocol != TD_GATEWAY_PROTOCOL_SOCKS5H)
    {
      g_autofree char *username = td_gateway_login_dup_username (login, NULL);
      char *pair = g_strdup_printf ("%s:%s", username, login->password);
      char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      char *header = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (data->message),
                                    "Proxy-Authorization", header);
      td_secret_free (header);
      td_secret_free (encoded);
      td_secret_free (pair);
    }

  if (cancellable != NULL)
    {
      data->caller = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                    g_object_ref (data->cancellable),
                                                    g_object_unref);
    }
  data->timeout_id = g_timeout_add_seconds (MAX (self->timeout, 1), on_timeout, data);
  data->started = g_get_monotonic_time ();

  soup_session_send_and_read_async (data->session, data->message, G_PRIORITY_DEFAULT,
                                    data->cancellable, on_read, g_steal_pointer (&task));
}

TdIpCheckResult *
td_ip_check_run_finish (TdIpCheck     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (TD_IS_IP_CHECK (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_ip_check_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the object ----------------------------------------------------- */

static void
td_ip_check_finalize (GObject *object)
{
  TdIpCheck *self = TD_IP_CHECK (object);

  g_free (self->url);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (td_ip_check_parent_class)->finalize (object);
}

static void
td_ip_check_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TdIpCheck *self = TD_IP_CHECK (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_TLS_DATABASE:
      g_value_set_object (value, self->tls_database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_ip_check_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TdIpCheck *self = TD_IP_CHECK (object);

  switch (prop_id)
    {
    case PROP_URL:
      td_ip_check_set_url (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      td_ip_check_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_TLS_DATABASE:
      if (g_set_object (&self->tls_database, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_ip_check_class_init (TdIpCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_ip_check_finalize;
  object_class->get_property = td_ip_check_get_property;
  object_class->set_property = td_ip_check_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         TD_IP_CHECK_DEFAULT_URL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, 600, TD_IP_CHECK_TIMEOUT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL,
                         G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_ip_check_init (TdIpCheck *self)
{
  self->url = g_strdup (TD_IP_CHECK_DEFAULT_URL);
  self->timeout = TD_IP_CHECK_TIMEOUT_SECONDS;
}

TdIpCheck *
td_ip_check_new (void)
{
  return g_object_new (TD_TYPE_IP_CHECK, NULL);
}

const char *
td_ip_check_get_url (TdIpCheck *self)
{
  g_return_val_if_fail (TD_IS_IP_CHECK (self), NULL);

  return self->url;
}

void
td_ip_check_set_url (TdIpCheck  *self,
                     const char *url)
{
  g_return_if_fail (TD_IS_IP_CHECK (self));

  if (url == NULL || url[0] == '\0')
    url = TD_IP_CHECK_DEFAULT_URL;

  if (g_strcmp0 (self->url, url) == 0)
    return;

  g_free (self->url);
  self->url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

void
td_ip_check_set_timeout (TdIpCheck *self,
                         guint      seconds)
{
  g_return_if_fail (TD_IS_IP_CHECK (self));

  seconds = CLAMP (seconds, 1, 600);
  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

gboolean
td_ip_check_address_check (const char  *url,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_INVALID,
                           _("Enter an IP check address, such as https://ipinfo.thordata.com."));
      return FALSE;
    }

  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || (guchar) *p >= 0x7f)
      {
        g_set_error_literal (error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_INVALID,
                             _("The IP check address contains a space, an invisible character "
                               "or a character that is not plain ASCII."));
        return FALSE;
      }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_INVALID,
                           _("The IP check address is not a web address starting with https:// "
                             "or http://, such as https://ipinfo.thordata.com."));
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_INVALID,
                           _("The IP check address contains “@”. The part before it would be "
                             "a login kept in the settings: leave it out."));
      return FALSE;
    }

  return TRUE;
}
