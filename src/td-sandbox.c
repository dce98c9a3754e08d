/* td-sandbox.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "Thordesk"

#include <math.h>
#include <string.h>

#include <libsoup/soup.h>

#include "td-payload.h"
#include "td-proxy-user.h"
#include "td-sandbox.h"
#include "td-sandbox-account-api.h"

/* The sandbox answers like the real server: the envelope's `msg` is the
 * server's fixed English text, never translated (the client maps codes to
 * translated sentences itself).  Nothing here reaches the user directly. */

#define CONTENT_TYPE_JSON "application/json"
#define CONTENT_TYPE_FORM "application/x-www-form-urlencoded"

#define NOT_FOUND_BODY \
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n" \
  "<body>\r\n<center><h1>404 Not Found</h1></center>\r\n" \
  "<hr><center>Thordesk-Sandbox</center>\r\n</body>\r\n</html>\r\n"

enum
{
  CODE_OK                = 200,
  CODE_PARAMETER_ERROR   = 10000,
  CODE_TOKEN_INVALID     = 10013,
  CODE_KEY_INVALID       = 10014,
  CODE_USERNAME_INVALID  = 10015,
  CODE_PASSWORD_INVALID  = 10016,
  CODE_USERNAME_EXISTS   = 10018,
  CODE_QUOTA_REACHED     = 10019,
  CODE_USERNAME_UNKNOWN  = 10020,
  CODE_RANGE_TOO_LONG    = 10021,
};

/* The longest range usage-statistics answers, in days. */
#define MAX_USAGE_RANGE_DAYS 180

#define N_PROXY_TYPES 3

/* A stored user and what the list answers about it besides the model. */
typedef struct
{
  TdProxyUser *user;
  char        *created_time;   /* "YYYY-MM-DD HH:MM:SS", local time */
  /* Julian day number -> double* KB, NULL until the first record. */
  GHashTable  *usage;
  double       usage_total_kb;
} SandboxEntry;

/* The users of one proxy type. */
typedef struct
{
  GHashTable *by_name;  /* username (owned copy) -> SandboxEntry* (borrowed) */
  GPtrArray  *order;    /* SandboxEntry*, owned, in creation order */
} UserTable;

struct _TdSandbox
{
  GObject     parent_instance;

  SoupServer *server;
  char       *base_url;

  char       *token;
  char       *key;        /* NULL when no key is required */
  guint       quota;

  UserTable   tables[N_PROXY_TYPES];
  guint       n_users;
  /* Looked up once: each lookup reads /etc/localtime again. */
  GTimeZone  *local_tz;

  GPtrArray  *requests;   /* TdSandboxRequest*, owned */
};

G_DEFINE_FINAL_TYPE (TdSandbox, td_sandbox, G_TYPE_OBJECT)

enum
{
  REQUEST_RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A string holding a secret, wiped when it goes out of scope. */
typedef char SandboxSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SandboxSecret, td_secret_free)

/* A handler for one endpoint.  It returns the envelope code; on CODE_OK
 * it has added exactly one value (the envelope's `data`) to @builder,
 * otherwise it has added nothing. */
typedef int (*EndpointFunc) (TdSandbox   *self,
                             JsonObject  *fields,
                             JsonBuilder *builder);

static int handle_create_user (TdSandbox   *self,
                               JsonObject  *fields,
                               JsonBuilder *builder);
static int handle_user_list   (TdSandbox   *self,
                               JsonObject  *fields,
                               JsonBuilder *builder);
static int handle_update_user (TdSandbox   *self,
                               JsonObject  *fields,
                               JsonBuilder *builder);
static int handle_delete_user (TdSandbox   *self,
                               JsonObject  *fields,
                               JsonBuilder *builder);
static int handle_usage       (TdSandbox   *self,
                               JsonObject  *fields,
                               JsonBuilder *builder);

static const struct
{
  const char   *path;
  const char   *method;
  EndpointFunc  func;
} endpoints[] = {
  { "/api/proxy-users/create-user", "POST", handle_create_user },
  { "/api/proxy-users/user-list",   "GET",  handle_user_list },
  { "/api/proxy-users/update-user", "POST", handle_update_user },
  { "/api/proxy-users/delete-user", "POST", handle_delete_user },
  { "/api/proxy-users/usage-statistics", "GET", handle_usage },
};

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

/* Overwrites a string member in place before it is dropped; json-glib
 * owns the string, so there is no other way to wipe it. */
static void
wipe_member (JsonObject *fields,
             const char *member)
{
  JsonNode *node;
  char *text;

  g_assert (fields != NULL);
  g_assert (member != NULL);

  node = json_object_get_member (fields, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return;

  text = (char *) json_node_get_string (node);
  if (text != NULL)
    explicit_bzero (text, strlen (text));
}

static void
wipe_secret_members (JsonObject *fields)
{
  static const char * const secret_members[] = { "password", "new_password", "token", "key" };

  g_assert (fields != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (secret_members); i++)
    wipe_member (fields, secret_members[i]);
}

/* Compares a secret without stopping at the first difference. */
static gboolean
secret_equal (const char *given,
              const char *expected)
{
  gsize given_len;
  gsize expected_len;
  guint8 diff;

  g_assert (expected != NULL);

  if (given == NULL)
    return FALSE;

  given_len = strlen (given);
  expected_len = strlen (expected);
  diff = given_len != expected_len;

  for (gsize i = 0; i < expected_len; i++)
    diff |= (guint8) expected[i] ^ (guint8) (i < given_len ? given[i] : 0);

  return diff == 0;
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

/* Decodes @body as @content_type; an empty object when that fails. */
static JsonObject *
decode_fields (GBytes     *body,
               const char *content_type)
{
  JsonObject *fields;

  fields = td_payload_decode (body, content_type, NULL);
  if (fields == NULL)
    fields = json_object_new ();

  return fields;
}

static gboolean
content_type_is_supported (const char *content_type)
{
  return g_strcmp0 (content_type, CONTENT_TYPE_JSON) == 0 ||
         g_strcmp0 (content_type, CONTENT_TYPE_FORM) == 0;
}

/* Records what the client sent.  Sets @decoded to FALSE when a POST body
 * is not in a supported encoding or cannot be decoded. */
static TdSandboxRequest *
request_new (SoupServerMessage *message,
             const char        *path,
             gboolean          *decoded)
{
  TdSandboxRequest *request;
  SoupMessageHeaders *headers;
  const char *method;

  g_assert (SOUP_IS_SERVER_MESSAGE (message));
  g_assert (decoded != NULL);

  headers = soup_server_message_get_request_headers (message);
  method = soup_server_message_get_method (message);

  request = g_new0 (TdSandboxRequest, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  *decoded = TRUE;

  if (g_strcmp0 (method, SOUP_METHOD_GET) == 0)
    {
      const char *query = g_uri_get_query (soup_server_message_get_uri (message));
      g_autoptr (GBytes) query_bytes = NULL;
      JsonNode *node;

      query_bytes = g_bytes_new (query != NULL ? query : "", query != NULL ? strlen (query) : 0);
      request->body = g_bytes_new (NULL, 0);
      request->fields = decode_fields (query_bytes, CONTENT_TYPE_FORM);

      /* The credentials are kept apart, as for a POST. */
      node = json_object_get_member (request->fields, "token");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
        request->token = g_strdup (json_node_get_string (node));
      node = json_object_get_member (request->fields, "key");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
        request->key = g_strdup (json_node_get_string (node));
      wipe_member (request->fields, "token");
      wipe_member (request->fields, "key");
      json_object_remove_member (request->fields, "token");
      json_object_remove_member (request->fields, "key");
    }
  else
    {
      SoupMessageBody *body = soup_server_message_get_request_body (message);
      g_autoptr (GBytes) raw = soup_message_body_flatten (body);

      request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
      request->token = g_strdup (soup_message_headers_get_one (headers, "token"));
      request->key = g_strdup (soup_message_headers_get_one (headers, "key"));
      request->body = bytes_new_wiped (raw);

      if (content_type_is_supported (request->content_type))
        request->fields = td_payload_decode (request->body, request->content_type, NULL);

      if (request->fields == NULL)
        {
          request->fields = json_object_new ();
          *decoded = FALSE;
        }
    }

  return request;
}

/*
 * Users
 */

static void
sandbox_entry_free (SandboxEntry *entry)
{
  if (entry == NULL)
    return;

  g_clear_object (&entry->user);
  g_free (entry->created_time);
  g_clear_pointer (&entry->usage, g_hash_table_unref);
  g_free (entry);
}

static UserTable *
get_table (TdSandbox   *self,
           TdProxyType  proxy_type)
{
  g_assert (TD_IS_SANDBOX (self));

  if (proxy_type < TD_PROXY_TYPE_RESIDENTIAL || proxy_type > TD_PROXY_TYPE_MOBILE)
    return NULL;

  return &self->tables[proxy_type - TD_PROXY_TYPE_RESIDENTIAL];
}

static SandboxEntry *
lookup_entry (TdSandbox   *self,
              TdProxyType  proxy_type,
              const char  *username)
{
  UserTable *table = get_table (self, proxy_type);

  if (table == NULL || username == NULL)
    return NULL;

  return g_hash_table_lookup (table->by_name, username);
}

/* Takes @user, which must have a valid type and a name not yet used. */
static void
store_user (TdSandbox   *self,
            TdProxyUser *user)
{
  g_autoptr (GDateTime) now = g_date_time_new_now (self->local_tz);
  SandboxEntry *entry;
  UserTable *table;

  g_assert (TD_IS_SANDBOX (self));
  g_assert (TD_IS_PROXY_USER (user));

  table = get_table (self, td_proxy_user_get_proxy_type (user));
  g_assert (table != NULL);

  entry = g_new0 (SandboxEntry, 1);
  entry->user = user;
  entry->created_time = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");

  g_hash_table_insert (table->by_name,
                       g_strdup (td_proxy_user_get_username (user)),
                       entry);
  g_ptr_array_add (table->order, entry);
  self->n_users++;
}

static void
remove_entry (TdSandbox    *self,
              SandboxEntry *entry)
{
  UserTable *table;

  g_assert (TD_IS_SANDBOX (self));
  g_assert (entry != NULL);

  table = get_table (self, td_proxy_user_get_proxy_type (entry->user));
  g_assert (table != NULL);

  g_hash_table_remove (table->by_name, td_proxy_user_get_username (entry->user));
  g_ptr_array_remove (table->order, entry);
  self->n_users--;
}

static void
rename_entry (TdSandbox    *self,
              SandboxEntry *entry,
              const char   *new_username)
{
  UserTable *table;

  g_assert (TD_IS_SANDBOX (self));
  g_assert (entry != NULL);
  g_assert (new_username != NULL);

  table = get_table (self, td_proxy_user_get_proxy_type (entry->user));
  g_assert (table != NULL);

  /* Remove first: the key may be freed with the old name. */
  g_hash_table_remove (table->by_name, td_proxy_user_get_username (entry->user));
  td_proxy_user_set_username (entry->user, new_username);
  g_hash_table_insert (table->by_name, g_strdup (new_username), entry);
}

/*
 * Reading fields
 */

/* `proxy_type`, required, 1..3. */
static gboolean
read_proxy_type (JsonObject  *fields,
                 TdProxyType *out_type)
{
  gint64 value;

  g_assert (fields != NULL);
  g_assert (out_type != NULL);

  if (!td_payload_get_int (fields, "proxy_type", &value) ||
      value < TD_PROXY_TYPE_RESIDENTIAL || value > TD_PROXY_TYPE_MOBILE)
    return FALSE;

  *out_type = (TdProxyType) value;

  return TRUE;
}

/* Whether the client gave a value for @member: present, not null and
 * not an empty string (form encoders send empty values for fields left
 * blank). */
static gboolean
member_is_given (JsonObject *fields,
                 const char *member)
{
  JsonNode *node;

  g_assert (fields != NULL);
  g_assert (member != NULL);

  node = json_object_get_member (fields, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (node), "") != 0;

  return TRUE;
}

/* A traffic limit in MB: 0 (unlimited) or TD_TRAFFIC_LIMIT_MIN_MB up to
 * TD_TRAFFIC_LIMIT_MAX_MB.  A missing member reads as 0, as on the real
 * server. */
static gboolean
read_traffic_limit (JsonObject *fields,
                    const char *member,
                    gint64     *out_limit)
{
  gint64 value;

  g_assert (fields != NULL);
  g_assert (out_limit != NULL);

  if (!member_is_given (fields, member))
    {
      *out_limit = 0;
      return TRUE;
    }

  if (!td_payload_get_int (fields, member, &value) ||
      value < 0 ||
      (value > 0 && value < TD_TRAFFIC_LIMIT_MIN_MB) ||
      value > TD_TRAFFIC_LIMIT_MAX_MB)
    return FALSE;

  *out_limit = value;

  return TRUE;
}

/* A status: true/false as JSON booleans or strings; missing reads as
 * true. */
static gboolean
read_status (JsonObject *fields,
             const char *member,
             gboolean   *out_status)
{
  g_assert (fields != NULL);
  g_assert (out_status != NULL);

  if (!member_is_given (fields, member))
    {
      *out_status = TRUE;
      return TRUE;
    }

  return td_payload_get_bool (fields, member, out_status);
}

static gboolean
username_is_valid (const char *username)
{
  g_autofree char *problem = NULL;

  if (username == NULL)
    return FALSE;

  problem = td_validate_username (username);

  return problem == NULL;
}

static gboolean
password_is_valid (const char *password)
{
  g_autofree char *problem = NULL;

  if (password == NULL)
    return FALSE;

  problem = td_validate_password (password);

  return problem == NULL;
}

/* "yyyy-mm-dd", exactly, as the API takes dates. */
static gboolean
read_date (JsonObject *fields,
           const char *member,
           GDate      *out_date)
{
  g_autofree char *text = NULL;
  guint values[3] = { 0, 0, 0 };
  const guint offsets[3] = { 0, 5, 8 };
  const guint lengths[3] = { 4, 2, 2 };

  g_assert (fields != NULL);
  g_assert (out_date != NULL);

  text = td_payload_dup_string (fields, member);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      for (guint j = 0; j < lengths[i]; j++)
        {
          char c = text[offsets[i] + j];

          if (!g_ascii_isdigit (c))
            return FALSE;
          values[i] = values[i] * 10 + (c - '0');
        }
    }

  if (!g_date_valid_dmy (values[2], values[1], values[0]))
    return FALSE;

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, values[2], values[1], values[0]);

  return TRUE;
}

/* An amount as a JSON integer when it is whole, as the server sends most
 * of them, otherwise as a double. */
static void
add_amount (JsonBuilder *builder,
            double       amount)
{
  g_assert (JSON_IS_BUILDER (builder));

  if (amount >= 0 && amount < 9007199254740992.0 && (double) (gint64) amount == amount)
    json_builder_add_int_value (builder, (gint64) amount);
  else
    json_builder_add_double_value (builder, amount);
}

/*
 * Endpoints
 */

static int
handle_create_user (TdSandbox   *self,
                    JsonObject  *fields,
                    JsonBuilder *builder)
{
  g_autoptr (TdProxyUser) user = NULL;
  g_autoptr (SandboxSecret) password = NULL;
  g_autofree char *username = NULL;
  TdProxyType proxy_type;
  gint64 traffic_limit;
  gboolean status;

  g_assert (TD_IS_SANDBOX (self));
  g_assert (fields != NULL);
  g_assert (JSON_IS_BUILDER (builder));

  if (!read_proxy_type (fields, &proxy_type))
    return CODE_PARAMETER_ERROR;

  username = td_payload_dup_string (fields, "username");
  if (!username_is_valid (username))
    return CODE_USERNAME_INVALID;

  password = td_payload_dup_string (fields, "password");
  if (!password_is_valid (password))
    return CODE_PASSWORD_INVALID;

  if (!read_traffic_limit (fields, "traffic_limit", &traffic_limit) ||
      !read_status (fields, "status", &status))
    return CODE_PARAMETER_ERROR;

  if (lookup_entry (self, proxy_type, username) != NULL)
    return CODE_USERNAME_EXISTS;

  if (self->n_users >= self->quota)
    return CODE_QUOTA_REACHED;

  user = td_proxy_user_new_full (proxy_type, username, password, traffic_limit, status);
  store_user (self, g_steal_pointer (&user));

  json_builder_begin_object (builder);
  json_builder_end_object (builder);

  return CODE_OK;
}

static int
handle_user_list (TdSandbox   *self,
                  JsonObject  *fields,
                  JsonBuilder *builder)
{
  TdProxyType proxy_type;
  UserTable *table;

  g_assert (TD_IS_SANDBOX (self));
  g_assert (fields != NULL);
  g_assert (JSON_IS_BUILDER (builder));

  if (!read_proxy_type (fields, &proxy_type))
    return CODE_PARAMETER_ERROR;

  table = get_table (self, proxy_type);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, self->quota);
  json_builder_set_member_name (builder, "remaining_limit");
  json_builder_add_int_value (builder,
                              self->quota > self->n_users ? self->quota - self->n_users : 0);
  json_builder_set_member_name (builder, "user_count");
  json_builder_add_int_value (builder, self->n_users);

  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  for (guint i = 0; i < table->order->len; i++)
    {
      SandboxEntry *entry = g_ptr_array_index (table->order, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "created_time");
      json_builder_add_string_value (builder, entry->created_time);
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, td_proxy_user_get_username (entry->user));
      /* The real API lists passwords in plain text. */
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, td_proxy_user_get_password (entry->user));
      json_builder_set_member_name (builder, "status");
      json_builder_add_boolean_value (builder, td_proxy_user_get_enabled (entry->user));
      json_builder_set_member_name (builder, "traffic_limit");
      json_builder_add_int_value (builder, td_proxy_user_get_traffic_limit (entry->user));
      /* In MB, as the docs say, from the KB recorded. */
      json_builder_set_member_name (builder, "usage_traffic");
      add_amount (builder, entry->usage_total_kb / 1024);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return CODE_OK;
}

/* The update follows the real server, traps included: a missing
 * new_traffic_limit becomes 0 (unlimited) and a missing new_status
 * becomes true, while a missing new_username or new_password keeps the
 * current value.  Nothing changes unless every field is acceptable. */
static int
handle_update_user (TdSandbox   *self,
                    JsonObject  *fields,
                    JsonBuilder *builder)
{
  g_autoptr (SandboxSecret) new_password = NULL;
  g_autofree char *username = NULL;
  g_autofree char *new_username = NULL;
  SandboxEntry *entry;
  TdProxyType proxy_type;
  gint64 new_traffic_limit;
  gboolean new_status;

  g_assert (TD_IS_SANDBOX (self));
  g_assert (fields != NULL);
  g_assert (JSON_IS_BUILDER (builder));

  if (!read_proxy_type (fields, &proxy_type))
    return CODE_PARAMETER_ERROR;

  username = td_payload_dup_string (fields, "username");
  entry = lookup_entry (self, proxy_type, username);
  if (entry == NULL)
    return CODE_USERNAME_UNKNOWN;

  if (member_is_given (fields, "new_username"))
    {
      new_username = td_payload_dup_string (fields, "new_username");
      if (!username_is_valid (new_username))
        return CODE_USERNAME_INVALID;
    }

  if (member_is_given (fields, "new_password"))
    {
      new_password = td_payload_dup_string (fields, "new_password");
      if (!password_is_valid (new_password))
        return CODE_PASSWORD_INVALID;
    }

  if (!read_traffic_limit (fields, "new_traffic_limit", &new_traffic_limit) ||
      !read_status (fields, "new_status", &new_status))
    return CODE_PARAMETER_ERROR;

  if (new_username != NULL &&
      g_strcmp0 (new_username, username) != 0 &&
      lookup_entry (self, proxy_type, new_username) != NULL)
    return CODE_USERNAME_EXISTS;

  if (new_username != NULL && g_strcmp0 (new_username, username) != 0)
    rename_entry (self, entry, new_username);
  if (new_password != NULL)
    td_proxy_user_set_password (entry->user, new_password);
  td_proxy_user_set_traffic_limit (entry->user, new_traffic_limit);
  td_proxy_user_set_enabled (entry->user, new_status);

  json_builder_begin_object (builder);
  json_builder_end_object (builder);

  return CODE_OK;
}

static int
handle_delete_user (TdSandbox   *self,
                    JsonObject  *fields,
                    JsonBuilder *builder)
{
  g_autofree char *username = NULL;
  SandboxEntry *entry;
  TdProxyType proxy_type;

  g_assert (TD_IS_SANDBOX (self));
  g_assert (fields != NULL);
  g_assert (JSON_IS_BUILDER (builder));

  if (!read_proxy_type (fields, &proxy_type))
    return CODE_PARAMETER_ERROR;

  username = td_payload_dup_string (fields, "username");
  entry = lookup_entry (self, proxy_type, username);
  if (entry == NULL)
    return CODE_USERNAME_UNKNOWN;

  remove_entry (self, entry);

  json_builder_begin_object (builder);
  json_builder_end_object (builder);

  return CODE_OK;
}

/* The KB recorded for @entry on the day @julian, or -1 when none was. */
static double
entry_get_day_usage (SandboxEntry *entry,
                     guint32       julian)
{
  double *kb;

  g_assert (entry != NULL);

  if (entry->usage == NULL)
    return -1;

  kb = g_hash_table_lookup (entry->usage, GUINT_TO_POINTER (julian));

  return kb != NULL ? *kb : -1;
}

/* Daily usage of one or more users (comma-separated), every amount in
 * KB.  Like the real server, only the days with traffic are listed. */
static int
handle_usage (TdSandbox   *self,
              JsonObject  *fields,
              JsonBuilder *builder)
{
  g_autofree char *usernames = NULL;
  g_auto (GStrv) names = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  TdProxyType proxy_type;
  GDate from;
  GDate to;
  guint32 from_julian;
  guint n_days;
  double limit_kb = 0;
  double total_kb = 0;
  double range_kb = 0;
  gboolean unlimited = FALSE;

  g_assert (TD_IS_SANDBOX (self));
  g_assert (fields != NULL);
  g_assert (JSON_IS_BUILDER (builder));

  if (!read_proxy_type (fields, &proxy_type))
    return CODE_PARAMETER_ERROR;

  if (!read_date (fields, "from_date", &from) ||
      !read_date (fields, "to_date", &to) ||
      g_date_compare (&from, &to) > 0)
    return CODE_PARAMETER_ERROR;

  usernames = td_payload_dup_string (fields, "username");
  if (usernames == NULL || usernames[0] == '\0')
    return CODE_PARAMETER_ERROR;

  entries = g_ptr_array_new ();
  names = g_strsplit (usernames, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      SandboxEntry *entry;

      if (name[0] == '\0')
        return CODE_PARAMETER_ERROR;

      entry = lookup_entry (self, proxy_type, name);
      if (entry == NULL)
        return CODE_USERNAME_UNKNOWN;

      if (!g_ptr_array_find (entries, entry, NULL))
        g_ptr_array_add (entries, entry);
    }

  n_days = g_date_days_between (&from, &to) + 1;
  if (n_days > MAX_USAGE_RANGE_DAYS)
    return CODE_RANGE_TOO_LONG;

  for (guint i = 0; i < entries->len; i++)
    {
      SandboxEntry *entry = g_ptr_array_index (entries, i);
      gint64 limit_mb = td_proxy_user_get_traffic_limit (entry->user);

      if (limit_mb == 0)
        unlimited = TRUE;
      limit_kb += (double) limit_mb * 1024;
      total_kb += entry->usage_total_kb;
    }
  if (unlimited)
    limit_kb = 0;

  json_builder_begin_object (builder);

  from_julian = g_date_get_julian (&from);

  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint day = 0; day < n_days; day++)
    {
      gboolean recorded = FALSE;
      double day_kb = 0;
      char text[16];
      GDate date;

      for (guint i = 0; i < entries->len; i++)
        {
          double kb = entry_get_day_usage (g_ptr_array_index (entries, i), from_julian + day);

          if (kb >= 0)
            {
              recorded = TRUE;
              day_kb += kb;
            }
        }

      if (!recorded)
        continue;

      range_kb += day_kb;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, from_julian + day);
      g_snprintf (text, sizeof text, "%04u-%02u-%02u",
                  (guint) g_date_get_year (&date),
                  (guint) g_date_get_month (&date),
                  (guint) g_date_get_day (&date));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "usage_traffic");
      add_amount (builder, day_kb);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "traffic_limit");
  add_amount (builder, limit_kb);
  json_builder_set_member_name (builder, "total_usage_traffic");
  add_amount (builder, total_kb);
  json_builder_set_member_name (builder, "traffic_balance");
  add_amount (builder, limit_kb > 0 ? MAX (limit_kb - total_kb, 0) : 0);
  json_builder_set_member_name (builder, "query_days");
  json_builder_add_int_value (builder, n_days);
  json_builder_set_member_name (builder, "range_usage_traffic");
  add_amount (builder, range_kb);

  json_builder_end_object (builder);

  return CODE_OK;
}

/*
 * Answering
 */

static const char *
message_for_code (int code)
{
  switch (code)
    {
    case CODE_OK:
      return "ok";
    case CODE_PARAMETER_ERROR:
      return "parameter error";
    case CODE_TOKEN_INVALID:
      return "token invalid";
    case CODE_KEY_INVALID:
      return "key invalid";
    case CODE_USERNAME_INVALID:
      return "username must be 6-15 letters and digits";
    case CODE_PASSWORD_INVALID:
      return "password must be 6-15 letters and digits, starting with a letter";
    case CODE_USERNAME_EXISTS:
      return "username already exists";
    case CODE_QUOTA_REACHED:
      return "maximum number of users reached";
    case CODE_USERNAME_UNKNOWN:
      return "username does not exist";
    case CODE_RANGE_TOO_LONG:
      return "date range over 180 days";
    default:
      return "unknown error";
    }
}

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
  json_builder_add_string_value (builder, message_for_code (code));
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

  if (!secret_equal (request->token, self->token))
    return CODE_TOKEN_INVALID;

  if (self->key != NULL && !secret_equal (request->key, self->key))
    return CODE_KEY_INVALID;

  return CODE_OK;
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
  const char *endpoint_path = NULL;
  const char *method;
  EndpointFunc func = NULL;
  gboolean decoded;
  int code;

  g_assert (SOUP_IS_SERVER (server));
  g_assert (SOUP_IS_SERVER_MESSAGE (message));
  g_assert (TD_IS_SANDBOX (self));

  request = request_new (message, path, &decoded);
  g_ptr_array_add (self->requests, request);
  method = request->method;

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      if (g_strcmp0 (path, endpoints[i].path) == 0)
        {
          endpoint_path = endpoints[i].path;
          if (g_strcmp0 (method, endpoints[i].method) == 0)
            func = endpoints[i].func;
          else
            soup_message_headers_append (soup_server_message_get_response_headers (message),
                                         "Allow", endpoints[i].method);
          break;
        }
    }

  if (endpoint_path == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/html",
                                        SOUP_MEMORY_STATIC,
                                        NOT_FOUND_BODY, strlen (NOT_FOUND_BODY));
      g_debug ("sandbox: %s (unknown path) -> HTTP 404", method);
    }
  else if (func == NULL)
    {
      send_error_envelope (message, SOUP_STATUS_METHOD_NOT_ALLOWED, CODE_PARAMETER_ERROR);
      g_debug ("sandbox: %s %s -> HTTP 405", method, endpoint_path);
    }
  else
    {
      code = check_credentials (self, request);
      if (code == CODE_OK && !decoded)
        code = CODE_PARAMETER_ERROR;

      if (code == CODE_OK)
        {
          g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

          envelope_begin (builder, CODE_OK);
          code = func (self, request->fields, builder);
          if (code == CODE_OK)
            envelope_end_and_send (builder, code, message, SOUP_STATUS_OK);
        }

      /* Errors in the body come with HTTP 200, as on the real server. */
      if (code != CODE_OK)
        send_error_envelope (message, SOUP_STATUS_OK, code);

      g_debug ("sandbox: %s %s -> %d", method, endpoint_path, code);
    }

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

  G_OBJECT_CLASS (td_sandbox_parent_class)->dispose (object);
}

static void
td_sandbox_finalize (GObject *object)
{
  TdSandbox *self = (TdSandbox *)object;

  for (guint i = 0; i < N_PROXY_TYPES; i++)
    {
      g_clear_pointer (&self->tables[i].by_name, g_hash_table_unref);
      g_clear_pointer (&self->tables[i].order, g_ptr_array_unref);
    }

  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->local_tz, g_time_zone_unref);
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
   * Emitted after a request has been answered.
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
  self->quota = TD_SANDBOX_DEFAULT_QUOTA;
  self->local_tz = g_time_zone_new_local ();
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sandbox_request_free);

  for (guint i = 0; i < N_PROXY_TYPES; i++)
    {
      self->tables[i].by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->tables[i].order = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_entry_free);
    }
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

  /* Everything outside the endpoints is answered 404 by the same code. */
  soup_server_add_handler (server, NULL, server_callback, self, NULL);
  soup_server_add_handler (server, "/api/proxy-users", server_callback, self, NULL);
  td_sandbox_account_api_attach (server, &self->token, &self->key);

  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  g_assert (uris != NULL);

  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d/api",
                                    g_uri_get_port (uris->data));
  self->server = g_steal_pointer (&server);

  return TRUE;
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

  self->quota = MIN (quota, (guint) G_MAXINT);
}

void
td_sandbox_add_user (TdSandbox   *self,
                     TdProxyUser *user)
{
  TdProxyUser *copy;
  TdProxyType proxy_type;
  const char *username;

  g_return_if_fail (TD_IS_SANDBOX (self));
  g_return_if_fail (TD_IS_PROXY_USER (user));

  proxy_type = td_proxy_user_get_proxy_type (user);
  username = td_proxy_user_get_username (user);

  g_return_if_fail (get_table (self, proxy_type) != NULL);
  g_return_if_fail (username != NULL);
  g_return_if_fail (lookup_entry (self, proxy_type, username) == NULL);

  /* A copy, so that the caller's changes cannot desync the index. */
  copy = td_proxy_user_new_full (proxy_type, username,
                                 td_proxy_user_get_password (user),
                                 td_proxy_user_get_traffic_limit (user),
                                 td_proxy_user_get_enabled (user));

  store_user (self, copy);
}

void
td_sandbox_add_example_users (TdSandbox   *self,
                              TdProxyType  proxy_type,
                              const char  *prefix,
                              guint        n_users)
{
  g_return_if_fail (TD_IS_SANDBOX (self));
  g_return_if_fail (get_table (self, proxy_type) != NULL);
  g_return_if_fail (prefix != NULL);

  for (guint i = 0; i < n_users; i++)
    {
      g_autoptr(TdProxyUser) user = NULL;
      g_autofree char *username = g_strdup_printf ("%s%06u", prefix, i);
      g_autofree char *password = g_strdup_printf ("Pw%06ux", i);

      if (lookup_entry (self, proxy_type, username) != NULL)
        continue;

      /* Every fourth unlimited, the others 1 to 50 GB; every seventh off. */
      user = td_proxy_user_new_full (proxy_type, username, password,
                                     (i % 4) == 0 ? 0 : 1024 * (1 + i % 50),
                                     (i % 7) != 0);
      td_sandbox_add_user (self, user);
    }
}

TdProxyUser *
td_sandbox_lookup_user (TdSandbox   *self,
                        TdProxyType  proxy_type,
                        const char  *username)
{
  SandboxEntry *entry;

  g_return_val_if_fail (TD_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  entry = lookup_entry (self, proxy_type, username);

  return entry != NULL ? entry->user : NULL;
}

/* Records add up: two records for one day make that day's total. */
void
td_sandbox_add_usage (TdSandbox   *self,
                      TdProxyType  proxy_type,
                      const char  *username,
                      const GDate *date,
                      double       usage_kb)
{
  SandboxEntry *entry;
  gpointer key;
  double *kb;

  g_return_if_fail (TD_IS_SANDBOX (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (isfinite (usage_kb) && usage_kb >= 0);

  entry = lookup_entry (self, proxy_type, username);
  g_return_if_fail (entry != NULL);

  if (entry->usage == NULL)
    entry->usage = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);

  key = GUINT_TO_POINTER (g_date_get_julian (date));
  kb = g_hash_table_lookup (entry->usage, key);
  if (kb == NULL)
    {
      kb = g_new0 (double, 1);
      g_hash_table_insert (entry->usage, key, kb);
    }

  *kb += usage_kb;
  entry->usage_total_kb += usage_kb;
}

guint
td_sandbox_get_n_users (TdSandbox *self)
{
  g_return_val_if_fail (TD_IS_SANDBOX (self), 0);

  return self->n_users;
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
