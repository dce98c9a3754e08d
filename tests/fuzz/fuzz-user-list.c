/* fuzz-user-list.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An answer of GET /proxy-users/user-list, from the response body on:
 * td_envelope_parse(), then td_user_list_parse() on its data, then what
 * the users view shows of each user.  Checked for every input: exactly
 * one of a list and an error, and every user in a list satisfies what the
 * header promises (quota numbers, text that is UTF-8, amounts that are
 * numbers).
 */

#include "config.h"

#include <math.h>

#include "td-envelope.h"
#include "td-error.h"
#include "td-fuzz.h"
#include "td-proxy-user.h"
#include "td-usage.h"
#include "td-user-list.h"

static void
check_quota (gint64 value)
{
  g_assert_true (value == -1 || (value >= 0 && value <= G_MAXINT32));
}

static void
check_user (TdProxyUser *user,
            TdProxyType  proxy_type)
{
  g_autofree char *url = NULL;
  g_autofree char *login = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *limit = NULL;
  const char *username;
  const char *password;
  GDateTime *created_time;
  double usage_mb;
  gint64 limit_mb;

  g_assert_true (TD_IS_PROXY_USER (user));
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, proxy_type);

  username = td_proxy_user_get_username (user);
  g_assert_nonnull (username);
  g_assert_cmpstr (username, !=, "");
  g_assert_true (g_utf8_validate (username, -1, NULL));

  password = td_proxy_user_get_password (user);
  if (password != NULL)
    g_assert_true (g_utf8_validate (password, -1, NULL));

  limit_mb = td_proxy_user_get_traffic_limit (user);
  g_assert_cmpint (limit_mb, >=, 0);
  g_assert_cmpint (limit_mb, <=, TD_TRAFFIC_LIMIT_MAX_MB);

  usage_mb = td_proxy_user_get_usage_traffic (user);
  g_assert_true (usage_mb == -1 || (isfinite (usage_mb) && usage_mb >= 0));

  /* What the users view and the result card make of it. */
  url = td_proxy_user_dup_proxy_url (user, NULL);
  g_assert_true (g_utf8_validate (url, -1, NULL));
  login = td_proxy_user_dup_gateway_login (user);
  g_assert_true (g_utf8_validate (login, -1, NULL));
  usage = td_format_mb (usage_mb);
  g_assert_true (g_utf8_validate (usage, -1, NULL));
  limit = td_format_mb ((double) limit_mb);
  g_assert_true (g_utf8_validate (limit, -1, NULL));

  created_time = td_proxy_user_get_created_time (user);
  if (created_time != NULL)
    {
      g_autofree char *text = g_date_time_format (created_time, "%x %X");

      g_assert_nonnull (text);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TdUserList) list = NULL;
  TdProxyType proxy_type;

  td_fuzz_init ();

  node = td_envelope_parse ((const char *) data, size, 200, &error);
  if (node == NULL)
    {
      td_fuzz_check_error (error);
      return 0;
    }

  /* The type only tags the users; vary it anyway. */
  proxy_type = TD_PROXY_TYPE_RESIDENTIAL + size % 3;

  list = td_user_list_parse (node, proxy_type, &error);
  g_assert_true ((list == NULL) != (error == NULL));

  if (list == NULL)
    {
      td_fuzz_check_error (error);
      g_assert_true (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE));
      return 0;
    }

  check_quota (list->limit);
  check_quota (list->remaining_limit);
  check_quota (list->user_count);
  g_assert_true (G_IS_LIST_STORE (list->users));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list->users)); i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (list->users), i);

      check_user (user, proxy_type);
    }

  return 0;
}
