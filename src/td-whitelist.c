/* td-whitelist.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "td-api-client.h"
#include "td-error.h"
#include "td-json.h"
#include "td-whitelist.h"

#define LIST_PATH   "/whitelisted-ips/ip-list"
#define ADD_PATH    "/whitelisted-ips/add-ip"
#define DELETE_PATH "/whitelisted-ips/delete-ip"

/* More addresses than any quota (the documented one is 100). */
#define MAX_ENTRIES 100000
/* Longest address and date read from the list, in bytes. */
#define MAX_ADDRESS_BYTES 64
#define MAX_DATE_BYTES    64
/* Largest quota believed. */
#define MAX_QUOTA ((gint64) G_MAXINT32)
/* An IP-check answer is a few hundred bytes; anything past this is not one. */
#define MAX_IP_CHECK_BYTES (64 * 1024)
#define IP_CHECK_TIMEOUT_SECONDS 15

/* The one table of proxy types: the proxy users' value (TdProxyType, as
 * the proxy-users docs number them) and the whitelist's value (the
 * whitelist docs: "1 is Residential Proxies, 2 is Unlimited Proxy
 * servers, 9 is Mobile Proxies"). */
static const struct
{
  TdProxyType proxy_type;
  int         whitelist_type;
} proxy_types[] = {
  { TD_PROXY_TYPE_RESIDENTIAL, 1 },
  { TD_PROXY_TYPE_UNLIMITED,   2 },
  { TD_PROXY_TYPE_MOBILE,      9 },
};

int
td_whitelist_type_from_proxy_type (TdProxyType proxy_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (proxy_types); i++)
    if (proxy_types[i].proxy_type == proxy_type)
      return proxy_types[i].whitelist_type;

  return 0;
}

gboolean
td_whitelist_type_to_proxy_type (int          whitelist_type,
                                 TdProxyType *out_proxy_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (proxy_types); i++)
    {
      if (proxy_types[i].whitelist_type == whitelist_type)
        {
          if (out_proxy_type != NULL)
            *out_proxy_type = proxy_types[i].proxy_type;
          return TRUE;
        }
    }

  return FALSE;
}

/* Address check */

static TdAddressCheck
invalid (char       **out_message,
         const char  *message)
{
  if (out_message != NULL)
    *out_message = g_strdup (message);

  return TD_ADDRESS_CHECK_INVALID;
}

/* TRUE for addresses no computer connects to Thordata from. */
static gboolean
is_not_public (const guint8 b[4])
{
  return b[0] == 0 ||                                   /* "this network" */
         b[0] == 10 ||                                  /* private */
         (b[0] == 100 && (b[1] & 0xc0) == 64) ||        /* shared (CGNAT) */
         b[0] == 127 ||                                 /* loopback */
         (b[0] == 169 && b[1] == 254) ||                /* link-local */
         (b[0] == 172 && (b[1] & 0xf0) == 16) ||        /* private */
         (b[0] == 192 && b[1] == 168) ||                /* private */
         (b[0] == 192 && b[1] == 0 && b[2] == 2) ||     /* documentation */
         (b[0] == 198 && (b[1] & 0xfe) == 18) ||        /* benchmarking */
         (b[0] == 198 && b[1] == 51 && b[2] == 100) ||  /* documentation */
         (b[0] == 203 && b[1] == 0 && b[2] == 113) ||   /* documentation */
         b[0] >= 224;                                   /* multicast, reserved */
}

TdAddressCheck
td_whitelist_check_address (const char  *text,
                            char       **out_address,
                            char       **out_message)
{
  g_autofree char *copy = NULL;
  guint8 bytes[4] = { 0, };
  guint n_parts = 0;
  guint part_length = 0;
  guint value = 0;
  const char *p;

  if (out_address != NULL)
    *out_address = NULL;
  if (out_message != NULL)
    *out_message = NULL;

  if (text == NULL)
    return TD_ADDRESS_CHECK_EMPTY;

  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    return TD_ADDRESS_CHECK_EMPTY;

  if (!g_utf8_validate (copy, -1, NULL))
    return invalid (out_message, _("This is not an IPv4 address such as 203.0.114.7."));

  if (strchr (copy, ':') != NULL)
    return invalid (out_message,
                    _("Thordata supports IPv4 addresses only: IPv6 addresses cannot be "
                      "whitelisted."));

  if (strpbrk (copy, "/-*, \t") != NULL)
    return invalid (out_message,
                    _("Enter one address: the whitelist takes single IPv4 addresses, not "
                      "ranges or lists. Add each address on its own."));

  for (p = copy; ; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          if (part_length == 0)
            {
              /* "1..2" or ".1" never become an address; "1.2." may. */
              if (*p == '\0' && n_parts > 0 && n_parts < 4)
                return TD_ADDRESS_CHECK_INCOMPLETE;
              return invalid (out_message,
                              _("This is not an IPv4 address such as 203.0.114.7."));
            }

          if (n_parts == 4)
            return invalid (out_message,
                            _("An IPv4 address has four numbers separated by dots."));

          bytes[n_parts++] = (guint8) value;
          part_length = 0;
          value = 0;

          if (*p == '\0')
            break;
          continue;
        }

      if (!g_ascii_isdigit (*p))
        return invalid (out_message, _("This is not an IPv4 address such as 203.0.114.7."));

      if (part_length == 1 && value == 0)
        return invalid (out_message,
                        _("Write the numbers of the address without leading zeros."));

      value = value * 10 + (guint) (*p - '0');
      part_length++;

      if (value > 255)
        return invalid (out_message,
                        _("Each number of an IPv4 address is between 0 and 255."));
    }

  if (n_parts < 4)
    return TD_ADDRESS_CHECK_INCOMPLETE;

  if (is_not_public (bytes))
    return invalid (out_message,
                    _("This is a private or reserved address. The whitelist needs the public "
                      "address Thordata sees; “Add This Computer” finds it."));

  if (out_address != NULL)
    *out_address = g_strdup_printf ("%u.%u.%u.%u", bytes[0], bytes[1], bytes[2], bytes[3]);

  return TD_ADDRESS_CHECK_VALID;
}

/* Entries */

struct _TdWhitelistEntry
{
  GObject   parent_instance;

  char     *address;
  char     *created_time;
  gboolean  enabled;
};

G_DEFINE_FINAL_TYPE (TdWhitelistEntry, td_whitelist_entry, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ADDRESS,
  PROP_CREATED_TIME,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
td_whitelist_entry_finalize (GObject *object)
{
  TdWhitelistEntry *self = TD_WHITELIST_ENTRY (object);

  g_free (self->address);
  g_free (self->created_time);

  G_OBJECT_CLASS (td_whitelist_entry_parent_class)->finalize (object);
}

static void
td_whitelist_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TdWhitelistEntry *self = TD_WHITELIST_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_CREATED_TIME:
      g_value_set_string (value, self->created_time);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_whitelist_entry_class_init (TdWhitelistEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_whitelist_entry_finalize;
  object_class->get_property = td_whitelist_entry_get_property;

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_TIME] =
    g_param_spec_string ("created-time", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_whitelist_entry_init (TdWhitelistEntry *self)
{
  self->enabled = TRUE;
}

TdWhitelistEntry *
td_whitelist_entry_new (const char *address,
                        const char *created_time,
                        gboolean    enabled)
{
  TdWhitelistEntry *self;

  g_return_val_if_fail (address != NULL, NULL);

  self = g_object_new (TD_TYPE_WHITELIST_ENTRY, NULL);
  self->address = g_strdup (address);
  self->created_time = g_strdup (created_time);
  self->enabled = !!enabled;

  return self;
}

const char *
td_whitelist_entry_get_address (TdWhitelistEntry *self)
{
  g_return_val_if_fail (TD_IS_WHITELIST_ENTRY (self), NULL);
  return self->address;
}

const char *
td_whitelist_entry_get_created_time (TdWhitelistEntry *self)
{
  g_return_val_if_fail (TD_IS_WHITELIST_ENTRY (self), NULL);
  return self->created_time;
}

gboolean
td_whitelist_entry_get_enabled (TdWhitelistEntry *self)
{
  g_return_val_if_fail (TD_IS_WHITELIST_ENTRY (self), FALSE);
  return self->enabled;
}

/* The list */

TdWhitelist *
td_whitelist_new (void)
{
  TdWhitelist *whitelist = g_new0 (TdWhitelist, 1);

  whitelist->ip_count = -1;
  whitelist->limit = -1;
  whitelist->remaining_limit = -1;
  whitelist->entries = g_list_store_new (TD_TYPE_WHITELIST_ENTRY);

  return whitelist;
}

void
td_whitelist_free (TdWhitelist *whitelist)
{
  if (whitelist == NULL)
    return;

  g_clear_object (&whitelist->entries);
  g_free (whitelist);
}

guint
td_whitelist_get_count (const TdWhitelist *whitelist)
{
  g_return_val_if_fail (whitelist != NULL, 0);

  if (whitelist->ip_count >= 0)
    return (guint) MIN (whitelist->ip_count, G_MAXUINT);

  return g_list_model_get_n_items (G_LIST_MODEL (whitelist->entries));
}

static GError *
new_shape_error (void)
{
  return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                              _("The whitelist Thordata sent is not in the expected form."));
}

static GError *
new_bad_member_error (const char *member)
{
  return g_error_new (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                      /* Translators: %s is the name of a field of the API, such as
                       * remaining_limit, which is not translated */
                      _("The whitelist Thordata sent has an unreadable “%s” value."),
                      member);
}

static GError *
new_bad_entry_error (guint       position,
                     const char *member)
{
  return g_error_new (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                      /* Translators: %u is the position of an address in the list (1, 2,
                       * ...), %s the name of a field of the API, such as ip, which is not
                       * translated */
                      _("Address %u of the whitelist Thordata sent has no readable “%s” "
                        "value."),
                      position, member);
}

/* A whole number 0..MAX_QUOTA from a JSON integer, an integral double or
 * a string of digits; absent or null is -1. */
static gboolean
read_quota (JsonObject *object,
            const char *member,
            gint64     *out_value)
{
  JsonNode *node = json_object_get_member (object, member);
  double value;

  if (td_json_node_is_missing (node))
    {
      *out_value = -1;
      return TRUE;
    }

  if (!td_json_node_get_number (node, &value) ||
      !(value >= 0 && value <= (double) MAX_QUOTA) ||
      (double) (gint64) value != value)
    return FALSE;

  *out_value = (gint64) value;

  return TRUE;
}

static gboolean
read_status (JsonNode *node,
             gboolean *out_value)
{
  if (td_json_node_is_missing (node))
    {
      *out_value = TRUE;
      return TRUE;
    }

  if (td_json_node_holds (node, G_TYPE_BOOLEAN))
    {
      *out_value = json_node_get_boolean (node);
      return TRUE;
    }

  if (td_json_node_holds (node, G_TYPE_INT64))
    {
      gint64 value = json_node_get_int (node);

      if (value != 0 && value != 1)
        return FALSE;
      *out_value = value == 1;
      return TRUE;
    }

  if (td_json_node_holds (node, G_TYPE_STRING) && json_node_get_string (node) != NULL)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));

      /* "ture" is the zh-hk page's spelling. */
      if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "ture") == 0 ||
          g_str_equal (text, "1"))
        *out_value = TRUE;
      else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
        *out_value = FALSE;
      else
        return FALSE;
      return TRUE;
    }

  return FALSE;
}

/* An IPv4 or IPv6 address as text, at most MAX_ADDRESS_BYTES. */
static gboolean
read_address (JsonNode  *node,
              char     **out_address)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *text = NULL;

  if (!td_json_node_holds (node, G_TYPE_STRING) || json_node_get_string (node) == NULL)
    return FALSE;

  if (strlen (json_node_get_string (node)) > MAX_ADDRESS_BYTES)
    return FALSE;

  text = g_strstrip (g_strdup (json_node_get_string (node)));
  address = g_inet_address_new_from_string (text);
  if (address == NULL)
    return FALSE;

  *out_address = g_inet_address_to_string (address);

  return TRUE;
}

static gboolean
read_entry (JsonNode     *item,
            guint         position,
            TdWhitelist  *whitelist,
            GError      **error)
{
  g_autoptr(TdWhitelistEntry) entry = NULL;
  g_autofree char *address = NULL;
  g_autofree char *created = NULL;
  gboolean enabled = TRUE;

  if (item != NULL && JSON_NODE_HOLDS_OBJECT (item))
    {
      JsonObject *object = json_node_get_object (item);
      JsonNode *node;

      if (!read_address (json_object_get_member (object, "ip"), &address))
        {
          g_propagate_error (error, new_bad_entry_error (position, "ip"));
          return FALSE;
        }

      node = json_object_get_member (object, "created_time");
      if (!td_json_node_is_missing (node))
        {
          const char *text;

          if (!td_json_node_holds (node, G_TYPE_STRING) ||
              (text = json_node_get_string (node)) == NULL ||
              strlen (text) > MAX_DATE_BYTES)
            {
              g_propagate_error (error, new_bad_entry_error (position, "created_time"));
              return FALSE;
            }
          if (text[0] != '\0')
            created = g_strdup (text);
        }

      if (!read_status (json_object_get_member (object, "status"), &enabled))
        {
          g_propagate_error (error, new_bad_entry_error (position, "status"));
          return FALSE;
        }
    }
  else if (!read_address (item, &address))
    {
      g_propagate_error (error, new_bad_entry_error (position, "ip"));
      return FALSE;
    }

  entry = td_whitelist_entry_new (address, created, enabled);
  g_list_store_append (whitelist->entries, entry);

  return TRUE;
}

TdWhitelist *
td_whitelist_parse (JsonNode  *data,
                    GError   **error)
{
  static const char * const list_members[] = { "lists", "list", "data" };
  g_autoptr(TdWhitelist) whitelist = NULL;
  JsonArray *items = NULL;
  guint length;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  whitelist = td_whitelist_new ();

  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonObject *object = json_node_get_object (data);
      static const char * const quota_members[] = { "ip_count", "limit", "remaining_limit" };
      gint64 *quota_values[] = {
        &whitelist->ip_count, &whitelist->limit, &whitelist->remaining_limit,
      };
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (quota_members); i++)
        {
          if (!read_quota (object, quota_members[i], quota_values[i]))
            {
              g_propagate_error (error, new_bad_member_error (quota_members[i]));
              return NULL;
            }
        }

      for (guint i = 0; i < G_N_ELEMENTS (list_members) && !found; i++)
        {
          JsonNode *node = json_object_get_member (object, list_members[i]);

          if (td_json_node_is_missing (node))
            continue;
          if (!JSON_NODE_HOLDS_ARRAY (node))
            {
              g_propagate_error (error, new_bad_member_error (list_members[i]));
              return NULL;
            }
          items = json_node_get_array (node);
          found = TRUE;
        }

      /* An object with neither a list nor a count is not a whitelist;
       * one with a count of 0 and no list is an empty one. */
      if (!found && whitelist->ip_count < 0 && whitelist->limit < 0)
        {
          g_propagate_error (error, new_shape_error ());
          return NULL;
        }
    }
  else if (data != NULL && JSON_NODE_HOLDS_ARRAY (data))
    {
      items = json_node_get_array (data);
    }
  else if (!td_json_node_is_missing (data))
    {
      g_propagate_error (error, new_shape_error ());
      return NULL;
    }

  length = items != NULL ? json_array_get_length (items) : 0;
  if (length > MAX_ENTRIES)
    {
      g_propagate_error (error, new_shape_error ());
      return NULL;
    }

  for (guint i = 0; i < length; i++)
    if (!read_entry (json_array_get_element (items, i), i + 1, whitelist, error))
      return NULL;

  return g_steal_pointer (&whitelist);
}

/* Requests */

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  TdWhitelist *whitelist = NULL;
  GError *error = NULL;

  node = td_api_client_call_finish (TD_API_CLIENT (object), result, &error);
  if (node != NULL)
    whitelist = td_whitelist_parse (node, &error);

  if (whitelist == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, whitelist, (GDestroyNotify) td_whitelist_free);
}

void
td_whitelist_list_async (TdApiClient         *client,
                         TdProxyType          proxy_type,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(JsonObject) fields = NULL;
  GTask *task;

  g_return_if_fail (TD_IS_API_CLIENT (client));
  g_return_if_fail (td_whitelist_type_from_proxy_type (proxy_type) != 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_whitelist_list_async);

  fields = json_object_new ();
  json_object_set_int_member (fields, "proxy_type", td_whitelist_type_from_proxy_type (proxy_type));

  td_api_client_call_async (client, SOUP_METHOD_GET, LIST_PATH, fields, cancellable,
                            list_cb, task);
}

TdWhitelist *
td_whitelist_list_finish (TdApiClient   *client,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_whitelist_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = td_api_client_call_finish (TD_API_CLIENT (object), result, &error);
  if (node == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
td_whitelist_add_async (TdApiClient         *client,
                        TdProxyType          proxy_type,
                        const char          *address,
                        gboolean             enabled,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(JsonObject) fields = NULL;
  GTask *task;

  g_return_if_fail (TD_IS_API_CLIENT (client));
  g_return_if_fail (td_whitelist_type_from_proxy_type (proxy_type) != 0);
  g_return_if_fail (td_whitelist_check_address (address, NULL, NULL) == TD_ADDRESS_CHECK_VALID);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_whitelist_add_async);

  fields = json_object_new ();
  json_object_set_int_member (fields, "proxy_type", td_whitelist_type_from_proxy_type (proxy_type));
  json_object_set_string_member (fields, "ip", address);
  json_object_set_string_member (fields, "status", enabled ? "true" : "false");

  td_api_client_call_async (client, SOUP_METHOD_POST, ADD_PATH, fields, cancellable,
                            change_cb, task);
}

gboolean
td_whitelist_add_finish (TdApiClient   *client,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_whitelist_add_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
td_whitelist_delete_async (TdApiClient         *client,
                           TdProxyType          proxy_type,
                           const char          *address,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(JsonObject) fields = NULL;
  GTask *task;

  g_return_if_fail (TD_IS_API_CLIENT (client));
  g_return_if_fail (td_whitelist_type_from_proxy_type (proxy_type) != 0);
  g_return_if_fail (address != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_whitelist_delete_async);

  fields = json_object_new ();
  json_object_set_int_member (fields, "proxy_type", td_whitelist_type_from_proxy_type (proxy_type));
  json_object_set_string_member (fields, "ip", address);

  td_api_client_call_async (client, SOUP_METHOD_POST, DELETE_PATH, fields, cancellable,
                            change_cb, task);
}

gboolean
td_whitelist_delete_finish (TdApiClient   *client,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_whitelist_delete_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* This computer's public address */

static char *
public_ipv4 (const char *text)
{
  g_autofree char *address = NULL;
  g_autofree char *first = NULL;
  const char *comma;

  if (text == NULL)
    return NULL;

  /* httpbin's `origin` may list the proxies too: the first is the client. */
  comma = strchr (text, ',');
  first = comma != NULL ? g_strndup (text, comma - text) : g_strdup (text);

  if (td_whitelist_check_address (first, &address, NULL) != TD_ADDRESS_CHECK_VALID)
    return NULL;

  return g_steal_pointer (&address);
}

char *
td_whitelist_parse_ip_check (const char *body,
                             gsize       length)
{
  static const char * const members[] = { "ip", "origin", "query", "ip_addr", "address" };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (body == NULL || length == 0 || length > MAX_IP_CHECK_BYTES)
    return NULL;

  root = td_json_load (body, length, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        {
          JsonNode *node = json_object_get_member (object, members[i]);

          if (td_json_node_holds (node, G_TYPE_STRING))
            {
              char *address = public_ipv4 (json_node_get_string (node));

              if (address != NULL)
                return address;
            }
        }
      return NULL;
    }

  if (memchr (body, '\0', length) != NULL || !g_utf8_validate (body, length, NULL))
    return NULL;

  text = g_strndup (body, length);

  return public_ipv4 (g_strstrip (text));
}

static void
find_public_address_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupSession *session = SOUP_SESSION (object);
  SoupMessage *message = soup_session_get_async_result_message (session, result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  char *address;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_CONNECTION,
                                 _("This computer’s public address could not be found: the "
                                   "address check did not answer (%s)."),
                                 error->message);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_HTTP,
                               /* Translators: %u is an HTTP status code such as 503 */
                               _("This computer’s public address could not be found: the "
                                 "address check answered with HTTP status %u."),
                               soup_message_get_status (message));
      return;
    }

  address = td_whitelist_parse_ip_check (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (address == NULL)
    {
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                               _("This computer’s public address could not be found: the "
                                 "address check sent no public IPv4 address."));
      return;
    }

  g_task_return_pointer (task, address, g_free);
}

void
td_whitelist_find_public_address_async (const char          *url,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  GTask *task;

  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_whitelist_find_public_address_async);

  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_INVALID_URL,
                               _("The address check’s URL is not valid."));
      g_object_unref (task);
      return;
    }

  /* Directly: no proxy resolver at all. */
  session = soup_session_new_with_options ("proxy-resolver", NULL,
                                           "timeout", IP_CHECK_TIMEOUT_SECONDS,
                                           "max-conns-per-host", 1,
                                           NULL);
  soup_session_set_proxy_resolver (session, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json, text/plain");

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, cancellable,
                                    find_public_address_cb, task);
}

char *
td_whitelist_find_public_address_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        td_whitelist_find_public_address_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
