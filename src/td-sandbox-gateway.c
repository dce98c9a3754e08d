/* td-sandbox-gateway.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sandbox's stand-in gateway (see the header).  Every answer is the
 * server's own fixed English text, as the real gateway's would be. */

#include "config.h"

#define G_LOG_DOMAIN "Thordesk"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "td-gateway-login.h"
#include "td-sandbox-gateway.h"
#include "td-sandbox-http.h"
#include "td-sandbox-locations.h"

#define N_PRODUCTS 3
#define LOGIN_PREFIX "td-customer-"
#define REALM "Basic realm=\"Thordesk sandbox gateway\""

struct _TdSandboxGateway
{
  GObject           parent_instance;

  TdSandboxAccount *account;               /* borrowed */
  SoupServer       *servers[N_PRODUCTS];   /* residential, unlimited, mobile */
  guint             ports[N_PRODUCTS];
  guint             n_requests;
};

G_DEFINE_FINAL_TYPE (TdSandboxGateway, td_sandbox_gateway, G_TYPE_OBJECT)

/* API base URL -> TdSandboxGateway (not referenced). */
static GHashTable *registry;

/* A string holding a secret, wiped when it goes out of scope. */
typedef char GatewaySecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GatewaySecret, td_secret_free)

/* ---- answers -------------------------------------------------------- */

static void
send_login_refused (SoupServerMessage *message)
{
  static const char body[] = "Proxy Authentication Required\r\n";

  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Proxy-Authenticate", REALM);
  soup_server_message_set_status (message, SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC,
                                    body, strlen (body));
}

static void
send_gateway_error (SoupServerMessage *message,
                    guint              status,
                    const char        *code,
                    const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  soup_message_headers_replace (headers, "X-thor-error-code", code);
  soup_message_headers_replace (headers, "X-thor-error-msg", text);
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

/* ---- the login ------------------------------------------------------ */

typedef enum
{
  LOGIN_OK,
  LOGIN_REFUSED,     /* 407 */
  LOGIN_BAD_REGION,  /* client_101: a segment the builder would not write */
} LoginVerdict;

/* Splits "td-customer-<user>-<key>-<value>…" into @login's fields.
 * Returns LOGIN_REFUSED when not even the user can be read. */
static LoginVerdict
parse_login (const char     *text,
             TdGatewayLogin *login)
{
  static const char * const keys[] = {
    "continent", "country", "state", "city", "asn", "sessid", "sesstime", NULL
  };
  char **members[] = {
    &login->continent, &login->country, &login->state, &login->city, &login->asn,
    &login->session_id, NULL
  };
  g_auto(GStrv) parts = NULL;
  gboolean seen[G_N_ELEMENTS (keys)] = { FALSE, };
  gboolean has_minutes = FALSE;
  g_autofree char *problem = NULL;

  if (!g_str_has_prefix (text, LOGIN_PREFIX))
    return LOGIN_REFUSED;

  parts = g_strsplit (text + strlen (LOGIN_PREFIX), "-", -1);
  problem = td_validate_username (parts[0]);
  if (problem != NULL)
    return LOGIN_REFUSED;
  td_gateway_login_set (&login->username, parts[0]);

  for (guint i = 1; parts[i] != NULL; i += 2)
    {
      guint k;

      for (k = 0; keys[k] != NULL && !g_str_equal (keys[k], parts[i]); k++)
        ;
      if (keys[k] == NULL || seen[k] || parts[i + 1] == NULL || parts[i + 1][0] == '\0')
        return LOGIN_BAD_REGION;
      seen[k] = TRUE;

      if (members[k] != NULL)
        {
          td_gateway_login_set (members[k], parts[i + 1]);
        }
      else
        {
          guint64 minutes;

          if (!g_ascii_string_to_unsigned (parts[i + 1], 10, 0, G_MAXUINT, &minutes, NULL))
            return LOGIN_BAD_REGION;
          login->session_minutes = (guint) minutes;
          has_minutes = TRUE;
        }
    }

  login->sticky = login->session_id != NULL;
  /* The builder writes both or neither. */
  if (login->sticky != has_minutes)
    return LOGIN_BAD_REGION;

  return LOGIN_OK;
}

/* Whether the parsed @login is exactly what the builder makes of its
 * parts (the gateway's case rules aside: it is case-insensitive). */
static gboolean
login_is_canonical (const TdGatewayLogin *login,
                    const char           *text)
{
  g_autofree char *built = NULL;

  if (!td_gateway_login_check (login, NULL))
    return FALSE;

  built = td_gateway_login_dup_username (login, NULL);

  return built != NULL && g_ascii_strcasecmp (built, text) == 0;
}

/* Whether @user may use the gateway with @password. */
static gboolean
user_may_connect (TdSandboxGateway *self,
                  TdProxyType       proxy_type,
                  const char       *username,
                  const char       *password)
{
  TdProxyUser *user = td_sandbox_account_lookup_user (self->account, proxy_type, username);
  gint64 limit_mb;

  if (user == NULL ||
      !td_sandbox_http_secret_equal (password, td_proxy_user_get_password (user)) ||
      !td_proxy_user_get_enabled (user))
    return FALSE;

  limit_mb = td_proxy_user_get_traffic_limit (user);
  if (limit_mb > 0 &&
      td_sandbox_account_get_usage_kb (self->account, proxy_type, username) >= limit_mb * 1024.0)
    return FALSE;

  return TRUE;
}

/* Reads "Basic base64(user:password)"; FALSE when it is not that. */
static gboolean
read_basic (const char  *header,
            char       **out_user,
            char       **out_password)
{
  g_autoptr(GatewaySecret) decoded = NULL;
  guchar *raw;
  gsize length = 0;
  char *colon;

  if (header == NULL || g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    return FALSE;

  /* g_base64_decode() does not terminate: a copy that is. */
  raw = g_base64_decode (header + 6, &length);
  decoded = g_strndup ((const char *) raw, length);
  explicit_bzero (raw, length);
  g_free (raw);

  if (length == 0 || strlen (decoded) != length || (colon = strchr (decoded, ':')) == NULL)
    return FALSE;

  *out_user = g_strndup (decoded, colon - decoded);
  *out_password = g_strdup (colon + 1);

  return TRUE;
}

/* The last octet of the exit IP: the same for a user's sticky session. */
static guint
exit_octet (const TdGatewayLogin *login)
{
  if (login->sticky)
    {
      g_autofree char *key = g_strconcat (login->username, "/", login->session_id, NULL);

      return 1 + g_str_hash (key) % 254;
    }

  return g_random_int_range (1, 255);
}

static void
send_ip_check (SoupServerMessage    *message,
               const TdGatewayLogin *login,
               const TdSandboxPlace *place,
               guint                 octet)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *ip = g_strdup_printf ("203.0.113.%u", octet);
  g_autofree char *body = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ip");
  json_builder_add_string_value (builder, ip);
  json_builder_set_member_name (builder, "country");
  json_builder_add_string_value (builder, place->country_code);
  if (place->state_name != NULL)
    {
      json_builder_set_member_name (builder, "region");
      json_builder_add_string_value (builder, place->state_name);
    }
  if (place->city_name != NULL)
    {
      json_builder_set_member_name (builder, "city");
      json_builder_add_string_value (builder, place->city_name);
    }
  if (place->asn != NULL)
    {
      g_autofree char *org = g_strdup_printf ("%s %s", place->asn, place->asn_name);

      json_builder_set_member_name (builder, "org");
      json_builder_add_string_value (builder, org);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  length = strlen (body);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&body), length);
}

static void
answer (TdSandboxGateway  *self,
        TdProxyType        proxy_type,
        SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *method = soup_server_message_get_method (message);
  g_autoptr(TdGatewayLogin) login = td_gateway_login_new ();
  g_autoptr(GatewaySecret) password = NULL;
  g_autofree char *username = NULL;
  TdSandboxPlace place;
  TdSandboxPlaceMatch match;
  LoginVerdict verdict;
  guint octet;

  if (g_str_equal (method, SOUP_METHOD_CONNECT) ||
      (!g_str_equal (method, SOUP_METHOD_GET) && !g_str_equal (method, SOUP_METHOD_HEAD)))
    {
      send_gateway_error (message, SOUP_STATUS_BAD_REQUEST, "client_102",
                          "Protocol Parameter Error: the sandbox gateway takes plain HTTP "
                          "proxy requests only");
      return;
    }

  if (!read_basic (soup_message_headers_get_one (headers, "Proxy-Authorization"),
                   &username, &password))
    {
      send_login_refused (message);
      return;
    }

  /* The login first, as a gateway must: nothing about the targeting is
   * told to someone who cannot log in. */
  login->proxy_type = proxy_type;
  td_gateway_login_set (&login->password, password);
  verdict = parse_login (username, login);
  if (verdict == LOGIN_REFUSED ||
      !user_may_connect (self, proxy_type, login->username, password))
    {
      send_login_refused (message);
      return;
    }

  if (verdict == LOGIN_BAD_REGION || !login_is_canonical (login, username))
    {
      send_gateway_error (message, SOUP_STATUS_BAD_REQUEST, "client_101",
                          "Region Parameter Error");
      return;
    }

  octet = exit_octet (login);
  match = td_sandbox_locations_match (login->country, login->state, login->city, login->asn,
                                      octet, &place);
  if (match == TD_SANDBOX_PLACE_UNKNOWN_COUNTRY)
    {
      send_gateway_error (message, SOUP_STATUS_BAD_REQUEST, "client_101",
                          "Region Parameter Error");
      return;
    }
  if (match == TD_SANDBOX_PLACE_MISMATCH)
    {
      send_gateway_error (message, SOUP_STATUS_BAD_REQUEST, "Resource_202",
                          "Region Mismatch Failed");
      return;
    }

  send_ip_check (message, login, &place, octet);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  TdSandboxGateway *self = user_data;
  TdProxyType proxy_type = TD_PROXY_TYPE_RESIDENTIAL;

  for (guint i = 0; i < N_PRODUCTS; i++)
    if (self->servers[i] == server)
      proxy_type = TD_PROXY_TYPE_RESIDENTIAL + i;

  self->n_requests++;
  answer (self, proxy_type, message);
  g_debug ("sandbox gateway: %s -> %u", soup_server_message_get_method (message),
           soup_server_message_get_status (message));
}

/* ---- the object ----------------------------------------------------- */

static gboolean
is_self (gpointer key,
         gpointer value,
         gpointer user_data)
{
  return value == user_data;
}

static void
td_sandbox_gateway_dispose (GObject *object)
{
  td_sandbox_gateway_stop (TD_SANDBOX_GATEWAY (object));

  G_OBJECT_CLASS (td_sandbox_gateway_parent_class)->dispose (object);
}

static void
td_sandbox_gateway_finalize (GObject *object)
{
  if (registry != NULL)
    g_hash_table_foreach_remove (registry, is_self, object);

  G_OBJECT_CLASS (td_sandbox_gateway_parent_class)->finalize (object);
}

static void
td_sandbox_gateway_class_init (TdSandboxGatewayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_sandbox_gateway_dispose;
  object_class->finalize = td_sandbox_gateway_finalize;
}

static void
td_sandbox_gateway_init (TdSandboxGateway *self)
{
}

TdSandboxGateway *
td_sandbox_gateway_new (TdSandboxAccount *account)
{
  TdSandboxGateway *self;

  g_return_val_if_fail (account != NULL, NULL);

  self = g_object_new (TD_TYPE_SANDBOX_GATEWAY, NULL);
  self->account = account;

  return self;
}

gboolean
td_sandbox_gateway_start (TdSandboxGateway  *self,
                          GError           **error)
{
  g_return_val_if_fail (TD_IS_SANDBOX_GATEWAY (self), FALSE);
  g_return_val_if_fail (self->servers[0] == NULL, FALSE);

  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      g_autoptr(SoupServer) server = soup_server_new ("server-header", "Thordesk-Sandbox-Gateway",
                                                      NULL);
      g_autoslist(GUri) uris = NULL;

      soup_server_add_handler (server, NULL, server_callback, self, NULL);
      if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
        {
          td_sandbox_gateway_stop (self);
          return FALSE;
        }

      uris = soup_server_get_uris (server);
      self->ports[i] = g_uri_get_port (uris->data);
      self->servers[i] = g_steal_pointer (&server);
    }

  return TRUE;
}

void
td_sandbox_gateway_stop (TdSandboxGateway *self)
{
  g_return_if_fail (TD_IS_SANDBOX_GATEWAY (self));

  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      if (self->servers[i] != NULL)
        soup_server_disconnect (self->servers[i]);
      g_clear_object (&self->servers[i]);
      self->ports[i] = 0;
    }
}

guint
td_sandbox_gateway_get_port (TdSandboxGateway *self,
                             TdProxyType       proxy_type)
{
  g_return_val_if_fail (TD_IS_SANDBOX_GATEWAY (self), 0);

  if (proxy_type < TD_PROXY_TYPE_RESIDENTIAL || proxy_type > TD_PROXY_TYPE_MOBILE)
    return 0;

  return self->ports[proxy_type - TD_PROXY_TYPE_RESIDENTIAL];
}

void
td_sandbox_gateway_point_login (TdSandboxGateway *self,
                                TdGatewayLogin   *login)
{
  g_return_if_fail (TD_IS_SANDBOX_GATEWAY (self));
  g_return_if_fail (login != NULL);

  td_gateway_login_set (&login->host, TD_SANDBOX_GATEWAY_HOST);
  login->port = td_sandbox_gateway_get_port (self, login->proxy_type);
  login->protocol = TD_GATEWAY_PROTOCOL_HTTP;
}

guint
td_sandbox_gateway_get_n_requests (TdSandboxGateway *self)
{
  g_return_val_if_fail (TD_IS_SANDBOX_GATEWAY (self), 0);

  return self->n_requests;
}

void
td_sandbox_gateway_register (TdSandboxGateway *self,
                             const char       *api_base_url)
{
  g_return_if_fail (TD_IS_SANDBOX_GATEWAY (self));
  g_return_if_fail (api_base_url != NULL);

  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_replace (registry, g_strdup (api_base_url), self);
}

TdSandboxGateway *
td_sandbox_gateway_lookup (const char *api_base_url)
{
  if (registry == NULL || api_base_url == NULL)
    return NULL;

  return g_hash_table_lookup (registry, api_base_url);
}
