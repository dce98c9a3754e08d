/* td-user-list.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "td-error.h"
#include "td-json.h"
#include "td-user-list.h"

/* More users than any account is sold: past this the answer is refused
 * rather than read into memory. */
#define MAX_USERS 100000

/* Longest username read from the list, in bytes.  The server's own rule
 * is 15 characters; older accounts may have longer names, but not this. */
#define MAX_USERNAME_BYTES 256
#define MAX_PASSWORD_BYTES 256

/* Largest quota believed, in users. */
#define MAX_QUOTA ((gint64) G_MAXINT32)

TdUserList *
td_user_list_new (void)
{
  TdUserList *list = g_new0 (TdUserList, 1);

  list->limit = -1;
  list->remaining_limit = -1;
  list->user_count = -1;
  list->users = g_list_store_new (TD_TYPE_PROXY_USER);

  return list;
}

void
td_user_list_free (TdUserList *list)
{
  if (list == NULL)
    return;

  g_clear_object (&list->users);
  g_free (list);
}


/* Reads a whole, non-negative number no larger than @max from a JSON
 * integer, an integral JSON double or a decimal string (surrounding
 * white space allowed).  FALSE for anything else. */
static gboolean
read_count (JsonNode *node,
            gint64    max,
            gint64   *out_value)
{
  gint64 value = 0;

  g_assert (out_value != NULL);

  if (td_json_node_holds (node, G_TYPE_INT64))
    {
      value = json_node_get_int (node);
    }
  else if (td_json_node_holds (node, G_TYPE_DOUBLE))
    {
      double d = json_node_get_double (node);

      /* Also refuses NaN and the infinities. */
      if (!(d >= 0 && d <= (double) max) || (double) (gint64) d != d)
        return FALSE;
      value = (gint64) d;
    }
  else if (td_json_node_holds (node, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (node);
      const char *start;
      const char *end;

      if (text == NULL)
        return FALSE;

      start = text;
      while (g_ascii_isspace (*start))
        start++;
      end = start + strlen (start);
      while (end > start && g_ascii_isspace (end[-1]))
        end--;

      if (start == end || end - start > 19)
        return FALSE;

      for (const char *p = start; p < end; p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          value = value * 10 + (*p - '0');
          if (value > max)
            return FALSE;
        }
    }
  else
    {
      return FALSE;
    }

  if (value < 0 || value > max)
    return FALSE;

  *out_value = value;

  return TRUE;
}

/* A finite, non-negative amount: a JSON number or a decimal string. */
static gboolean
read_amount (JsonNode *node,
             double   *out_value)
{
  double value;

  if (!td_json_node_get_number (node, &value) || value < 0)
    return FALSE;

  *out_value = value;

  return TRUE;
}

/* `status`: a JSON boolean, the strings "true"/"false" (any case, also
 * "1"/"0") or the numbers 1/0. */
static gboolean
read_status (JsonNode *node,
             gboolean *out_value)
{
  g_assert (out_value != NULL);

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

  if (td_json_node_holds (node, G_TYPE_STRING))
    {
      g_autofree char *text = NULL;

      if (json_node_get_string (node) == NULL)
        return FALSE;

      text = g_strstrip (g_strdup (json_node_get_string (node)));

      if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
        *out_value = TRUE;
      else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
        *out_value = FALSE;
      else
        return FALSE;

      return TRUE;
    }

  return FALSE;
}

/* "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD", in local time, exactly. */
static GDateTime *
parse_local_time (const char *text,
                  GTimeZone  *local)
{
  gsize length;
  int year, month, day;
  int hour = 0, minute = 0, second = 0;

  g_assert (text != NULL);
  g_assert (local != NULL);

  length = strlen (text);
  if (length != 10 && length != 19)
    return NULL;

  if (text[4] != '-' || text[7] != '-')
    return NULL;

  year = td_json_read_digits (text, 4);
  month = td_json_read_digits (text + 5, 2);
  day = td_json_read_digits (text + 8, 2);

  if (length == 19)
    {
      if (text[10] != ' ' || text[13] != ':' || text[16] != ':')
        return NULL;

      hour = td_json_read_digits (text + 11, 2);
      minute = td_json_read_digits (text + 14, 2);
      second = td_json_read_digits (text + 17, 2);
    }

  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return NULL;

  /* A time in a daylight saving gap is moved forward by GLib. */
  return g_date_time_new (local, year, month, day, hour, minute, second);
}

/* Reads `created_time`.  The documented form is "YYYY-MM-DD HH:MM:SS" in
 * the account's local time; also taken: a date alone, ISO 8601 and Unix
 * time in seconds or milliseconds.  Returns FALSE only for a wrong type;
 * text that is not a date gives TRUE and a NULL time (shown as unknown). */
static gboolean
read_created_time (JsonNode   *node,
                   GTimeZone  *local,
                   GDateTime **out_time)
{
  g_assert (local != NULL);
  g_assert (out_time != NULL);

  *out_time = NULL;

  if (td_json_node_is_missing (node))
    return TRUE;

  if (td_json_node_holds (node, G_TYPE_INT64) || td_json_node_holds (node, G_TYPE_DOUBLE))
    {
      double seconds = td_json_node_holds (node, G_TYPE_INT64) ? (double) json_node_get_int (node)
                                                         : json_node_get_double (node);

      if (!isfinite (seconds) || seconds < 0)
        return TRUE;

      /* Past the year 5138 in seconds: it must be milliseconds. */
      if (seconds > 1e11)
        seconds /= 1000;

      /* GDateTime stops at the year 9999. */
      if (seconds < 253402300799.0)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc ((gint64) seconds);

          if (utc != NULL)
            *out_time = g_date_time_to_timezone (utc, local);
        }

      return TRUE;
    }

  if (td_json_node_holds (node, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (node);

      if (text == NULL || strlen (text) > 64)
        return TRUE;

      *out_time = parse_local_time (text, local);
      if (*out_time == NULL)
        *out_time = g_date_time_new_from_iso8601 (text, local);

      return TRUE;
    }

  return FALSE;
}

/* Text the list may carry: valid UTF-8 without control characters, not
 * empty, at most @max bytes. */
static gboolean
text_is_acceptable (const char *text,
                    gsize       max)
{
  gsize length;

  if (text == NULL)
    return FALSE;

  length = strlen (text);
  if (length == 0 || length > max || !g_utf8_validate (text, length, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static GError *
new_shape_error (void)
{
  return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                              _("The user list Thordata sent is not in the expected form."));
}

static GError *
new_missing_member_error (guint       position,
                          const char *member)
{
  return g_error_new (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                      /* Translators: %u is the position of a user in the list (1, 2, ...),
                       * %s the name of a field of the API, such as traffic_limit, which is
                       * not translated */
                      _("User %u in the list Thordata sent has no “%s” value."),
                      position, member);
}

static GError *
new_bad_member_error (guint       position,
                      const char *member)
{
  return g_error_new (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                      /* Translators: %u is the position of a user in the list (1, 2, ...),
                       * %s the name of a field of the API, such as traffic_limit, which is
                       * not translated */
                      _("User %u in the list Thordata sent has an unreadable “%s” value."),
                      position, member);
}

/* Reads one of the account's quota numbers: absent or null is -1. */
static gboolean
read_quota (JsonObject  *object,
            const char  *member,
            gint64      *out_value,
            GError     **error)
{
  JsonNode *node;

  g_assert (object != NULL);
  g_assert (out_value != NULL);

  node = json_object_get_member (object, member);
  if (td_json_node_is_missing (node))
    {
      *out_value = -1;
      return TRUE;
    }

  if (!read_count (node, MAX_QUOTA, out_value))
    {
      g_set_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                   /* Translators: %s is the name of a field of the API, such as
                    * remaining_limit, which is not translated */
                   _("The user quota Thordata sent has an unreadable “%s” value."),
                   member);
      return FALSE;
    }

  return TRUE;
}

/* Reads one entry of `list`; @position counts from 1, for messages. */
static TdProxyUser *
read_user (JsonNode     *item,
           TdProxyType   proxy_type,
           GTimeZone    *local,
           guint         position,
           GError      **error)
{
  g_autoptr(TdProxyUser) user = NULL;
  g_autoptr(GDateTime) created_time = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *username;
  const char *password = NULL;
  gint64 traffic_limit;
  gboolean enabled;
  double usage = -1;

  g_assert (error == NULL || *error == NULL);

  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    {
      g_set_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                   /* Translators: %u is the position of a user in the list (1, 2, ...) */
                   _("User %u in the list Thordata sent is not in the expected form."),
                   position);
      return NULL;
    }

  object = json_node_get_object (item);

  node = json_object_get_member (object, "username");
  if (td_json_node_is_missing (node))
    {
      g_propagate_error (error, new_missing_member_error (position, "username"));
      return NULL;
    }
  username = td_json_node_holds (node, G_TYPE_STRING) ? json_node_get_string (node) : NULL;
  if (!text_is_acceptable (username, MAX_USERNAME_BYTES))
    {
      g_propagate_error (error, new_bad_member_error (position, "username"));
      return NULL;
    }

  /* The password is the one member that may be left out: an account may
   * not be shown it. */
  node = json_object_get_member (object, "password");
  if (!td_json_node_is_missing (node))
    {
      password = td_json_node_holds (node, G_TYPE_STRING) ? json_node_get_string (node) : NULL;
      if (password == NULL ||
          strlen (password) > MAX_PASSWORD_BYTES ||
          !g_utf8_validate (password, -1, NULL))
        {
          g_propagate_error (error, new_bad_member_error (position, "password"));
          return NULL;
        }
    }

  /* The limit and the status are required: an edit sends them back, and a
   * guessed limit of 0 would make the user unlimited. */
  node = json_object_get_member (object, "traffic_limit");
  if (td_json_node_is_missing (node))
    {
      g_propagate_error (error, new_missing_member_error (position, "traffic_limit"));
      return NULL;
    }
  if (!read_count (node, TD_TRAFFIC_LIMIT_MAX_MB, &traffic_limit))
    {
      g_propagate_error (error, new_bad_member_error (position, "traffic_limit"));
      return NULL;
    }

  node = json_object_get_member (object, "status");
  if (td_json_node_is_missing (node))
    {
      g_propagate_error (error, new_missing_member_error (position, "status"));
      return NULL;
    }
  if (!read_status (node, &enabled))
    {
      g_propagate_error (error, new_bad_member_error (position, "status"));
      return NULL;
    }

  /* Informative members: absent means unknown. */
  node = json_object_get_member (object, "usage_traffic");
  if (!td_json_node_is_missing (node) && !read_amount (node, &usage))
    {
      g_propagate_error (error, new_bad_member_error (position, "usage_traffic"));
      return NULL;
    }

  if (!read_created_time (json_object_get_member (object, "created_time"), local, &created_time))
    {
      g_propagate_error (error, new_bad_member_error (position, "created_time"));
      return NULL;
    }

  user = td_proxy_user_new_full (proxy_type, username, password, traffic_limit, enabled);
  td_proxy_user_set_usage_traffic (user, usage);
  td_proxy_user_set_created_time (user, created_time);

  return g_steal_pointer (&user);
}

TdUserList *
td_user_list_parse (JsonNode     *data,
                    TdProxyType   proxy_type,
                    GError      **error)
{
  g_autoptr(TdUserList) list = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GTimeZone) local = NULL;
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;
  guint length;

  g_return_val_if_fail (td_proxy_type_is_valid (proxy_type), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_propagate_error (error, new_shape_error ());
      return NULL;
    }

  object = json_node_get_object (data);
  list = td_user_list_new ();

  if (!read_quota (object, "limit", &list->limit, error) ||
      !read_quota (object, "remaining_limit", &list->remaining_limit, error) ||
      !read_quota (object, "user_count", &list->user_count, error))
    return NULL;

  /* An account without users may get no list at all, or a null. */
  node = json_object_get_member (object, "list");
  if (td_json_node_is_missing (node))
    return g_steal_pointer (&list);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, new_shape_error ());
      return NULL;
    }

  array = json_node_get_array (node);
  length = json_array_get_length (array);

  if (length > MAX_USERS)
    {
      g_set_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                   /* Translators: %u is a number of users, such as 100000 */
                   ngettext ("Thordata sent a list of more than %u user, more than Thordesk "
                             "can show.",
                             "Thordata sent a list of more than %u users, more than Thordesk "
                             "can show.",
                             MAX_USERS),
                   (guint) MAX_USERS);
      return NULL;
    }

  /* Added at once, so that a list model emits one change. */
  users = g_ptr_array_new_full (length, g_object_unref);
  /* Looked up once: every lookup reads /etc/localtime again. */
  local = g_time_zone_new_local ();

  for (guint i = 0; i < length; i++)
    {
      TdProxyUser *user = read_user (json_array_get_element (array, i), proxy_type, local,
                                     i + 1, error);

      if (user == NULL)
        return NULL;

      g_ptr_array_add (users, user);
    }

  g_list_store_splice (list->users, 0, 0, users->pdata, users->len);

  return g_steal_pointer (&list);
}
