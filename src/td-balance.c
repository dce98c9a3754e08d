/* td-balance.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "td-api-client.h"
#include "td-balance.h"
#include "td-payload.h"
#include "td-error.h"
#include "td-json.h"

#define TRAFFIC_BALANCE_PATH "/account/traffic-balance"
#define WALLET_BALANCE_PATH  "/account/wallet-balance"
#define USAGE_STATISTICS_PATH "/account/usage-statistics"

/* The longest range usage-statistics answers, in days (10021 past it). */
#define MAX_USAGE_RANGE_DAYS 180

/* Longest date text read, in bytes. */
#define MAX_DATE_BYTES 40

TdTrafficBalance *
td_traffic_balance_new (void)
{
  TdTrafficBalance *balance = g_new0 (TdTrafficBalance, 1);

  balance->traffic_mb = -1;
  g_date_clear (&balance->expiration, 1);

  return balance;
}

void
td_traffic_balance_free (TdTrafficBalance *balance)
{
  g_free (balance);
}

static GError *
new_balance_error (const char *member)
{
  return g_error_new (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                      /* Translators: %s is the name of a field of the API, such as
                       * traffic_balance, which is not translated */
                      _("The balance Thordata sent has an unreadable “%s” value."),
                      member);
}

static GError *
new_balance_shape_error (void)
{
  return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                              _("The balance Thordata sent is not in the expected form."));
}

static int
read_digits (const char *text,
             guint       length)
{
  int value = 0;

  for (guint i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + (text[i] - '0');
    }

  return value;
}

/* "yyyy-mm-dd", alone or followed by a time part after a space or 'T'. */
static gboolean
parse_day (const char *text,
           GDate      *out_date)
{
  gsize length;
  int year, month, day;

  if (text == NULL)
    return FALSE;

  length = strlen (text);
  if (length < 10 || length > MAX_DATE_BYTES)
    return FALSE;
  if (text[4] != '-' || text[7] != '-')
    return FALSE;
  if (length > 10 && text[10] != ' ' && text[10] != 'T')
    return FALSE;

  year = read_digits (text, 4);
  month = read_digits (text + 5, 2);
  day = read_digits (text + 8, 2);

  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, day, month, year);

  return TRUE;
}

TdTrafficBalance *
td_traffic_balance_parse (JsonNode  *data,
                          GError   **error)
{
  g_autoptr(TdTrafficBalance) balance = NULL;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_propagate_error (error, new_balance_shape_error ());
      return NULL;
    }

  object = json_node_get_object (data);
  balance = td_traffic_balance_new ();

  node = json_object_get_member (object, "traffic_balance");
  if (!td_json_node_is_missing (node))
    {
      double value;

      if (!td_json_node_get_number (node, &value))
        {
          g_propagate_error (error, new_balance_error ("traffic_balance"));
          return NULL;
        }
      /* More used than bought reads as nothing left. */
      balance->traffic_mb = MAX (value, 0);
    }

  node = json_object_get_member (object, "expiration_time");
  if (!td_json_node_is_missing (node))
    {
      const char *text;

      if (!td_json_node_holds (node, G_TYPE_STRING))
        {
          g_propagate_error (error, new_balance_error ("expiration_time"));
          return NULL;
        }

      text = json_node_get_string (node);
      if (text != NULL && text[0] != '\0')
        {
          if (!parse_day (text, &balance->expiration))
            {
              g_propagate_error (error, new_balance_error ("expiration_time"));
              return NULL;
            }
          balance->has_expiration = TRUE;
        }
    }

  return g_steal_pointer (&balance);
}

int
td_traffic_balance_days_left (const TdTrafficBalance *balance,
                              const GDate            *today)
{
  g_return_val_if_fail (balance != NULL, G_MININT);
  g_return_val_if_fail (today != NULL && g_date_valid (today), G_MININT);

  if (!balance->has_expiration || !g_date_valid (&balance->expiration))
    return G_MININT;

  return g_date_days_between (today, &balance->expiration);
}

gboolean
td_traffic_balance_is_expiring (const TdTrafficBalance *balance,
                                const GDate            *today)
{
  int days = td_traffic_balance_days_left (balance, today);

  return days != G_MININT && days <= TD_BALANCE_WARNING_DAYS;
}

gboolean
td_wallet_balance_parse (JsonNode  *data,
                         double    *out_balance,
                         GError   **error)
{
  static const char * const members[] = { "wallet_balance", "balance" };
  JsonObject *object;

  g_return_val_if_fail (out_balance != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_propagate_error (error, new_balance_shape_error ());
      return FALSE;
    }

  object = json_node_get_object (data);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *node = json_object_get_member (object, members[i]);
      double value;

      if (td_json_node_is_missing (node))
        continue;

      if (!td_json_node_get_number (node, &value) || fabs (value) > 1e15)
        {
          g_propagate_error (error, new_balance_error (members[i]));
          return FALSE;
        }

      *out_balance = value;
      return TRUE;
    }

  g_propagate_error (error, new_balance_shape_error ());
  return FALSE;
}

char *
td_format_wallet (double amount)
{
  if (!isfinite (amount))
    return g_strdup (C_("amount of money", "Unknown"));

  /* Translators: a wallet balance; %.2f is a number such as 12.50 in the
   * locale's format.  The currency is US dollars */
  return g_strdup_printf (_("%.2f USD"), amount);
}

/* Requests */

static void
get_traffic_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  TdTrafficBalance *balance = NULL;
  GError *error = NULL;

  node = td_api_client_call_finish (TD_API_CLIENT (object), result, &error);
  if (node != NULL)
    balance = td_traffic_balance_parse (node, &error);

  if (balance == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, balance, (GDestroyNotify) td_traffic_balance_free);
}

void
td_balance_get_traffic_async (TdApiClient         *client,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TD_IS_API_CLIENT (client));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_balance_get_traffic_async);

  td_api_client_call_async (client, SOUP_METHOD_GET, TRAFFIC_BALANCE_PATH, NULL,
                            cancellable, get_traffic_cb, task);
}

TdTrafficBalance *
td_balance_get_traffic_finish (TdApiClient   *client,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_balance_get_traffic_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_wallet_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  double balance = 0;

  node = td_api_client_call_finish (TD_API_CLIENT (object), result, &error);
  if (node == NULL || !td_wallet_balance_parse (node, &balance, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_memdup2 (&balance, sizeof balance), g_free);
}

void
td_balance_get_wallet_async (TdApiClient         *client,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TD_IS_API_CLIENT (client));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_balance_get_wallet_async);

  td_api_client_call_async (client, SOUP_METHOD_GET, WALLET_BALANCE_PATH, NULL,
                            cancellable, get_wallet_cb, task);
}

gboolean
td_balance_get_wallet_finish (TdApiClient   *client,
                              GAsyncResult  *result,
                              double        *out_balance,
                              GError       **error)
{
  g_autofree double *balance = NULL;

  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_balance_get_wallet_async,
                        FALSE);

  balance = g_task_propagate_pointer (G_TASK (result), error);
  if (balance == NULL)
    return FALSE;

  if (out_balance != NULL)
    *out_balance = *balance;

  return TRUE;
}

typedef struct
{
  GDate from;
  GDate to;
} UsageRange;

static void
get_usage_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  UsageRange *range = g_task_get_task_data (task);
  TdUsage *usage = NULL;
  GError *error = NULL;

  node = td_api_client_call_finish (TD_API_CLIENT (object), result, &error);
  if (node != NULL)
    usage = td_usage_parse (node, &range->from, &range->to, &error);

  if (usage == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, usage, (GDestroyNotify) td_usage_free);
}

void
td_balance_get_usage_async (TdApiClient         *client,
                            const GDate         *from,
                            const GDate         *to,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) fields = NULL;
  UsageRange *range;

  g_return_if_fail (TD_IS_API_CLIENT (client));
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (to != NULL && g_date_valid (to));
  g_return_if_fail (g_date_compare (from, to) <= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_balance_get_usage_async);

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

  fields = td_payload_new_account_usage (from, to);

  td_api_client_call_async (client, SOUP_METHOD_GET, USAGE_STATISTICS_PATH, fields,
                            cancellable, get_usage_cb, g_steal_pointer (&task));
}

TdUsage *
td_balance_get_usage_finish (TdApiClient   *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_balance_get_usage_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
