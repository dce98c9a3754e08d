/* td-sandbox-account.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sandbox's account: its users per proxy type, their usage, the
 * quota, and the rules of each endpoint as the API notes give them.  It
 * sees decoded fields only; td-sandbox.c is the HTTP front that checks
 * the host, the token and the size before anything reaches here. */

#include "config.h"

#define G_LOG_DOMAIN "Thordesk"

#include <math.h>
#include <string.h>

#include "td-proxy-user.h"
#include "td-sandbox-account.h"
#include "td-sandbox-fields.h"

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

struct _TdSandboxAccount
{
  UserTable   tables[N_PROXY_TYPES];
  guint       n_users;
  guint       quota;
  /* Looked up once: each lookup reads /etc/localtime again. */
  GTimeZone  *local_tz;
};

/* A string holding a secret, wiped when it goes out of scope. */
typedef char SandboxSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SandboxSecret, td_secret_free)

/* A handler for one endpoint.  It returns the envelope code; on
 * TD_SANDBOX_CODE_OK it has added exactly one value (the envelope's
 * `data`) to @builder, otherwise it has added nothing. */
typedef int (*EndpointFunc) (TdSandboxAccount *self,
                             JsonObject       *fields,
                             JsonBuilder      *builder);

static int handle_create_user (TdSandboxAccount *self,
                               JsonObject       *fields,
                               JsonBuilder      *builder);
static int handle_user_list   (TdSandboxAccount *self,
                               JsonObject       *fields,
                               JsonBuilder      *builder);
static int handle_update_user (TdSandboxAccount *self,
                               JsonObject       *fields,
                               JsonBuilder      *builder);
static int handle_delete_user (TdSandboxAccount *self,
                               JsonObject       *fields,
                               JsonBuilder      *builder);
static int handle_usage       (TdSandboxAccount *self,
                               JsonObject       *fields,
                               JsonBuilder      *builder);

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
get_table (TdSandboxAccount *self,
           TdProxyType  proxy_type)
{
  g_assert (self != NULL);

  if (proxy_type < TD_PROXY_TYPE_RESIDENTIAL || proxy_type > TD_PROXY_TYPE_MOBILE)
    return NULL;

  return &self->tables[proxy_type - TD_PROXY_TYPE_RESIDENTIAL];
}

static SandboxEntry *
lookup_entry (TdSandboxAccount *self,
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
store_user (TdSandboxAccount *self,
            TdProxyUser *user)
{
  g_autoptr (GDateTime) now = g_date_time_new_now (self->local_tz);
  SandboxEntry *entry;
  UserTable *table;

  g_assert (self != NULL);
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
remove_entry (TdSandboxAccount *self,
              SandboxEntry *entry)
{
  UserTable *table;

  g_assert (self != NULL);
  g_assert (entry != NULL);

  table = get_table (self, td_proxy_user_get_proxy_type (entry->user));
  g_assert (table != NULL);

  g_hash_table_remove (table->by_name, td_proxy_user_get_username (entry->user));
  g_ptr_array_remove (table->order, entry);
  self->n_users--;
}

static void
rename_entry (TdSandboxAccount *self,
              SandboxEntry *entry,
              const char   *new_username)
{
  UserTable *table;

  g_assert (self != NULL);
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

  if (!td_sandbox_fields_get_int (fields, "proxy_type", &value) ||
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

  if (!td_sandbox_fields_get_int (fields, member, &value) ||
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

  return td_sandbox_fields_get_bool (fields, member, out_status);
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

  text = td_sandbox_fields_dup_string (fields, member);
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
handle_create_user (TdSandboxAccount *self,
                    JsonObject  *fields,
                    JsonBuilder *builder)
{
  g_autoptr (TdProxyUser) user = NULL;
  g_autoptr (SandboxSecret) password = NULL;
  g_autofree char *username = NULL;
  TdProxyType proxy_type;
  gint64 traffic_limit;
  gboolean status;

  g_assert (self != NULL);
  g_assert (fields != NULL);
  g_assert (JSON_IS_BUILDER (builder));

  if (!read_proxy_type (fields, &proxy_type))
    return TD_SANDBOX_CODE_PARAMETER_ERROR;

  username = td_sandbox_fields_dup_string (fields, "username");
  if (!username_is_valid (username))
    return TD_SANDBOX_CODE_USERNAME_INVALID;

  password = td_sandbox_fields_dup_string (fields, "password");
  if (!password_is_valid (password))
    return TD_SANDBOX_CODE_PASSWORD_INVALID;

  if (!read_traffic_limit (fields, "traffic_limit", &traffic_limit) ||
      !read_status (fields, "status", &status))
    return TD_SANDBOX_CODE_PARAMETER_ERROR;

  if (lookup_entry (self, proxy_type, username) != NULL)
    return TD_SANDBOX_CODE_USERNAME_EXISTS;

  if (self->n_users >= self->quota)
    return TD_SANDBOX_CODE_QUOTA_REACHED;

  user = td_proxy_user_new_full (proxy_type, username, password, traffic_limit, status);
  store_user (self, g_steal_pointer (&user));

  json_builder_begin_object (builder);
  json_builder_end_object (builder);

  return TD_SANDBOX_CODE_OK;
}

static int
handle_user_list (TdSandboxAccount *self,
                  JsonObject  *fields,
                  JsonBuilder *builder)
{
  TdProxyType proxy_type;
  UserTable *table;

  g_assert (self != NULL);
  g_assert (fields != NULL);
  g_assert (JSON_IS_BUILDER (builder));

  if (!read_proxy_type (fields, &proxy_type))
    return TD_SANDBOX_CODE_PARAMETER_ERROR;

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

  return TD_SANDBOX_CODE_OK;
}

/* The update follows the real server, traps included: a missing
 * new_traffic_limit becomes 0 (unlimited) and a missing new_status
 * becomes true, while a missing new_username or new_password keeps the
 * current value.  Nothing changes unless every field is acceptable. */
static int
handle_update_user (TdSandboxAccount *self,
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

  g_assert (self != NULL);
  g_assert (fields != NULL);
  g_assert (JSON_IS_BUILDER (builder));

  if (!read_proxy_type (fields, &proxy_type))
    return TD_SANDBOX_CODE_PARAMETER_ERROR;

  username = td_sandbox_fields_dup_string (fields, "username");
  entry = lookup_entry (self, proxy_type, username);
  if (entry == NULL)
    return TD_SANDBOX_CODE_USERNAME_UNKNOWN;

  if (member_is_given (fields, "new_username"))
    {
      new_username = td_sandbox_fields_dup_string (fields, "new_username");
      if (!username_is_valid (new_username))
        return TD_SANDBOX_CODE_USERNAME_INVALID;
    }

  if (member_is_given (fields, "new_password"))
    {
      new_password = td_sandbox_fields_dup_string (fields, "new_password");
      if (!password_is_valid (new_password))
        return TD_SANDBOX_CODE_PASSWORD_INVALID;
    }

  if (!read_traffic_limit (fields, "new_traffic_limit", &new_traffic_limit) ||
      !read_status (fields, "new_status", &new_status))
    return TD_SANDBOX_CODE_PARAMETER_ERROR;

  if (new_username != NULL &&
      g_strcmp0 (new_username, username) != 0 &&
      lookup_entry (self, proxy_type, new_username) != NULL)
    return TD_SANDBOX_CODE_USERNAME_EXISTS;

  if (new_username != NULL && g_strcmp0 (new_username, username) != 0)
    rename_entry (self, entry, new_username);
  if (new_password != NULL)
    td_proxy_user_set_password (entry->user, new_password);
  td_proxy_user_set_traffic_limit (entry->user, new_traffic_limit);
  td_proxy_user_set_enabled (entry->user, new_status);

  json_builder_begin_object (builder);
  json_builder_end_object (builder);

  return TD_SANDBOX_CODE_OK;
}

static int
handle_delete_user (TdSandboxAccount *self,
                    JsonObject  *fields,
                    JsonBuilder *builder)
{
  g_autofree char *username = NULL;
  SandboxEntry *entry;
  TdProxyType proxy_type;

  g_assert (self != NULL);
  g_assert (fields != NULL);
  g_assert (JSON_IS_BUILDER (builder));

  if (!read_proxy_type (fields, &proxy_type))
    return TD_SANDBOX_CODE_PARAMETER_ERROR;

  username = td_sandbox_fields_dup_string (fields, "username");
  entry = lookup_entry (self, proxy_type, username);
  if (entry == NULL)
    return TD_SANDBOX_CODE_USERNAME_UNKNOWN;

  remove_entry (self, entry);

  json_builder_begin_object (builder);
  json_builder_end_object (builder);

  return TD_SANDBOX_CODE_OK;
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
handle_usage (TdSandboxAccount *self,
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

  g_assert (self != NULL);
  g_assert (fields != NULL);
  g_assert (JSON_IS_BUILDER (builder));

  if (!read_proxy_type (fields, &proxy_type))
    return TD_SANDBOX_CODE_PARAMETER_ERROR;

  if (!read_date (fields, "from_date", &from) ||
      !read_date (fields, "to_date", &to) ||
      g_date_compare (&from, &to) > 0)
    return TD_SANDBOX_CODE_PARAMETER_ERROR;

  usernames = td_sandbox_fields_dup_string (fields, "username");
  if (usernames == NULL || usernames[0] == '\0')
    return TD_SANDBOX_CODE_PARAMETER_ERROR;

  entries = g_ptr_array_new ();
  names = g_strsplit (usernames, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      SandboxEntry *entry;

      if (name[0] == '\0')
        return TD_SANDBOX_CODE_PARAMETER_ERROR;

      entry = lookup_entry (self, proxy_type, name);
      if (entry == NULL)
        return TD_SANDBOX_CODE_USERNAME_UNKNOWN;

      if (!g_ptr_array_find (entries, entry, NULL))
        g_ptr_array_add (entries, entry);
    }

  n_days = g_date_days_between (&from, &to) + 1;
  if (n_days > MAX_USAGE_RANGE_DAYS)
    return TD_SANDBOX_CODE_RANGE_TOO_LONG;

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

  return TD_SANDBOX_CODE_OK;
}


const char *
td_sandbox_account_message_for_code (int code)
{
  switch (code)
    {
    case TD_SANDBOX_CODE_OK:
      return "ok";
    case TD_SANDBOX_CODE_PARAMETER_ERROR:
      return "parameter error";
    case TD_SANDBOX_CODE_TOO_FREQUENT:
      return "Frequent operations, please try again later";
    case TD_SANDBOX_CODE_TOKEN_INVALID:
      return "token invalid";
    case TD_SANDBOX_CODE_KEY_INVALID:
      return "key invalid";
    case TD_SANDBOX_CODE_USERNAME_INVALID:
      return "username must be 6-15 letters and digits";
    case TD_SANDBOX_CODE_PASSWORD_INVALID:
      return "password must be 6-15 letters and digits, starting with a letter";
    case TD_SANDBOX_CODE_USERNAME_EXISTS:
      return "username already exists";
    case TD_SANDBOX_CODE_QUOTA_REACHED:
      return "maximum number of users reached";
    case TD_SANDBOX_CODE_USERNAME_UNKNOWN:
      return "username does not exist";
    case TD_SANDBOX_CODE_RANGE_TOO_LONG:
      return "date range over 180 days";
    default:
      return "unknown error";
    }
}

/*
 * Public API
 */

TdSandboxAccount *
td_sandbox_account_new (void)
{
  TdSandboxAccount *self = g_new0 (TdSandboxAccount, 1);

  self->quota = TD_SANDBOX_DEFAULT_QUOTA;
  self->local_tz = g_time_zone_new_local ();

  for (guint i = 0; i < N_PROXY_TYPES; i++)
    {
      self->tables[i].by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->tables[i].order = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_entry_free);
    }

  return self;
}

void
td_sandbox_account_free (TdSandboxAccount *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < N_PROXY_TYPES; i++)
    {
      g_clear_pointer (&self->tables[i].by_name, g_hash_table_unref);
      g_clear_pointer (&self->tables[i].order, g_ptr_array_unref);
    }

  g_clear_pointer (&self->local_tz, g_time_zone_unref);
  g_free (self);
}

const char *
td_sandbox_account_find_endpoint (const char  *path,
                                  const char **out_method)
{
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      if (g_strcmp0 (path, endpoints[i].path) == 0)
        {
          if (out_method != NULL)
            *out_method = endpoints[i].method;
          return endpoints[i].path;
        }
    }

  return NULL;
}

int
td_sandbox_account_handle (TdSandboxAccount *self,
                           const char       *path,
                           JsonObject       *fields,
                           JsonBuilder      *builder)
{
  g_return_val_if_fail (self != NULL, TD_SANDBOX_CODE_PARAMETER_ERROR);
  g_return_val_if_fail (fields != NULL, TD_SANDBOX_CODE_PARAMETER_ERROR);
  g_return_val_if_fail (JSON_IS_BUILDER (builder), TD_SANDBOX_CODE_PARAMETER_ERROR);

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (g_strcmp0 (path, endpoints[i].path) == 0)
      return endpoints[i].func (self, fields, builder);

  g_return_val_if_reached (TD_SANDBOX_CODE_PARAMETER_ERROR);
}

void
td_sandbox_account_set_quota (TdSandboxAccount *self,
                              guint             quota)
{
  g_return_if_fail (self != NULL);

  self->quota = MIN (quota, (guint) G_MAXINT);
}

void
td_sandbox_account_add_user (TdSandboxAccount *self,
                     TdProxyUser *user)
{
  TdProxyUser *copy;
  TdProxyType proxy_type;
  const char *username;

  g_return_if_fail (self != NULL);
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
td_sandbox_account_add_example_users (TdSandboxAccount *self,
                              TdProxyType  proxy_type,
                              const char  *prefix,
                              guint        n_users)
{
  g_return_if_fail (self != NULL);
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
      td_sandbox_account_add_user (self, user);
    }
}

TdProxyUser *
td_sandbox_account_lookup_user (TdSandboxAccount *self,
                        TdProxyType  proxy_type,
                        const char  *username)
{
  SandboxEntry *entry;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);

  entry = lookup_entry (self, proxy_type, username);

  return entry != NULL ? entry->user : NULL;
}

/* Records add up: two records for one day make that day's total. */
void
td_sandbox_account_add_usage (TdSandboxAccount *self,
                      TdProxyType  proxy_type,
                      const char  *username,
                      const GDate *date,
                      double       usage_kb)
{
  SandboxEntry *entry;
  gpointer key;
  double *kb;

  g_return_if_fail (self != NULL);
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
td_sandbox_account_get_n_users (TdSandboxAccount *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_users;
}

double
td_sandbox_account_get_usage_kb (TdSandboxAccount *self,
                                 TdProxyType       proxy_type,
                                 const char       *username)
{
  SandboxEntry *entry;

  g_return_val_if_fail (self != NULL, 0);

  entry = lookup_entry (self, proxy_type, username);

  return entry != NULL ? entry->usage_total_kb : 0;
}
