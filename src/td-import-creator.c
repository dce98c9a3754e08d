/* td-import-creator.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-error.h"
#include "td-import-creator.h"

/* Successes in a row after which a throttled run sends one more at a time. */
#define RAMP_UP_AFTER 8

#define CODE_TOO_FREQUENT 10011
#define CODE_EXISTS       10018

struct _TdImportCreator
{
  GObject       parent_instance;

  TdApiClient  *client;
  GPtrArray    *rows;          /* TdImportRow, owned */
  guint         concurrency;
  guint         limit;         /* the concurrency now, lowered by 10011 */
  guint         successes;     /* since the last 10011 */
  guint         pause_ms;
  guint         pause_id;

  GQueue        queue;         /* TdImportRow, borrowed from rows */
  GPtrArray    *unknown;       /* TdImportRow, borrowed */
  guint         n_in_flight;
  guint         max_in_flight;
  guint         n_listing;
  guint         n_done;
  guint         n_created;
  guint         n_failed;
  gboolean      stopped;
  gboolean      settling;

  GTask        *task;
  GCancellable *stop;
  gulong        stop_id;
  guint         stop_idle_id;
};

G_DEFINE_FINAL_TYPE (TdImportCreator, td_import_creator, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_TOTAL,
  PROP_N_DONE,
  PROP_N_CREATED,
  PROP_N_FAILED,
  PROP_N_IN_FLIGHT,
  PROP_STOPPED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pump (TdImportCreator *self);

static void
bump (TdImportCreator *self,
      guint           *counter,
      guint            prop)
{
  (*counter)++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_in_flight (TdImportCreator *self,
               guint            n)
{
  self->n_in_flight = n;
  self->max_in_flight = MAX (self->max_in_flight, n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_IN_FLIGHT]);
}

static void
row_done (TdImportCreator  *self,
          TdImportRow      *row,
          TdImportRowState  state,
          const char       *message)
{
  td_import_row_set_state (row, state, message);
  if (state == TD_IMPORT_ROW_CREATED)
    bump (self, &self->n_created, PROP_N_CREATED);
  else if (state == TD_IMPORT_ROW_FAILED)
    bump (self, &self->n_failed, PROP_N_FAILED);
  bump (self, &self->n_done, PROP_N_DONE);
}

static void
finish (TdImportCreator *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  TdImportRow *row;

  /* Never sent: as they were before, to be sent by the next run. */
  while ((row = g_queue_pop_head (&self->queue)) != NULL)
    td_import_row_set_state (row, TD_IMPORT_ROW_READY, _("Not sent: creating was stopped."));

  g_clear_handle_id (&self->pause_id, g_source_remove);
  g_clear_handle_id (&self->stop_idle_id, g_source_remove);
  if (self->stop != NULL)
    g_cancellable_disconnect (self->stop, self->stop_id);
  self->stop_id = 0;
  g_clear_object (&self->stop);

  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  TdImportCreator *self;
  TdProxyType      proxy_type;
} ListData;

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ListData *data = user_data;
  TdImportCreator *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  list = td_api_client_list_users_finish (TD_API_CLIENT (source), result, &error);
  if (list != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (list->users));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (list->users), i);

          g_hash_table_add (names, (gpointer) g_intern_string (td_proxy_user_get_username (user)));
        }
    }

  for (guint i = 0; i < self->unknown->len; i++)
    {
      TdImportRow *row = g_ptr_array_index (self->unknown, i);
      TdProxyUser *user = td_import_row_get_user (row);
      g_autofree char *message = NULL;

      if (td_proxy_user_get_proxy_type (user) != data->proxy_type)
        continue;

      if (list == NULL)
        {
          message = g_strdup_printf (_("The outcome is unknown (%s). Look for this user on the Users page before creating it again."),
                                     error->message);
          td_import_row_set_state (row, TD_IMPORT_ROW_UNKNOWN, message);
          bump (self, &self->n_done, PROP_N_DONE);
        }
      else if (g_hash_table_contains (names, g_intern_string (td_proxy_user_get_username (user))))
        {
          row_done (self, row, TD_IMPORT_ROW_CREATED, _("Created: the answer was lost, the user list shows it."));
        }
      else
        {
          message = g_strdup_printf (_("Not created: %s It can be sent again."),
                                     td_import_row_get_message (row));
          row_done (self, row, TD_IMPORT_ROW_FAILED, message);
        }
    }

  if (--self->n_listing == 0)
    finish (self);

  g_object_unref (data->self);
  g_free (data);
}

/* One list read per proxy type settles the rows whose answer was lost. */
static void
settle (TdImportCreator *self)
{
  gboolean listed[4] = { FALSE, };

  self->settling = TRUE;

  for (guint i = 0; i < self->unknown->len; i++)
    {
      TdImportRow *row = g_ptr_array_index (self->unknown, i);
      TdProxyType type = td_proxy_user_get_proxy_type (td_import_row_get_user (row));
      ListData *data;

      if (listed[type])
        continue;
      listed[type] = TRUE;

      data = g_new0 (ListData, 1);
      data->self = g_object_ref (self);
      data->proxy_type = type;
      self->n_listing++;
      td_api_client_list_users_async (self->client, type, NULL, list_cb, data);
    }

  if (self->n_listing == 0)
    finish (self);
}

static gboolean
resume_cb (gpointer user_data)
{
  TdImportCreator *self = user_data;

  self->pause_id = 0;
  pump (self);

  return G_SOURCE_REMOVE;
}

typedef struct
{
  TdImportCreator *self;
  TdImportRow     *row;
} CreateData;

static void
create_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CreateData *data = user_data;
  TdImportCreator *self = data->self;
  TdImportRow *row = data->row;
  g_autoptr(GError) error = NULL;

  set_in_flight (self, self->n_in_flight - 1);

  if (td_api_client_create_user_finish (TD_API_CLIENT (source), result, &error))
    {
      row_done (self, row, TD_IMPORT_ROW_CREATED, NULL);
      self->pause_ms = 0;
      if (++self->successes >= RAMP_UP_AFTER && self->limit < self->concurrency)
        {
          self->limit++;
          self->successes = 0;
        }
    }
  else if (g_error_matches (error, TD_SERVER_ERROR, CODE_TOO_FREQUENT))
    {
      /* Slow down and send it again: not a failure of the row. */
      td_import_row_set_state (row, TD_IMPORT_ROW_WAITING, error->message);
      g_queue_push_head (&self->queue, row);
      self->limit = MAX (1, self->limit / 2);
      self->successes = 0;
      if (self->pause_id == 0)
        {
          self->pause_ms = self->pause_ms == 0 ? TD_IMPORT_THROTTLE_PAUSE_MS
                                               : MIN (self->pause_ms * 2, TD_IMPORT_THROTTLE_PAUSE_MAX_MS);
          self->pause_id = g_timeout_add (self->pause_ms, resume_cb, self);
        }
    }
  else if (g_error_matches (error, TD_SERVER_ERROR, CODE_EXISTS))
    {
      row_done (self, row, TD_IMPORT_ROW_EXISTS, error->message);
    }
  else if (td_error_is_ambiguous (error))
    {
      td_import_row_set_state (row, TD_IMPORT_ROW_UNKNOWN, error->message);
      g_ptr_array_add (self->unknown, row);
    }
  else
    {
      row_done (self, row, TD_IMPORT_ROW_FAILED, error->message);
    }

  pump (self);

  g_object_unref (data->row);
  g_object_unref (data->self);
  g_free (data);
}

static void
pump (TdImportCreator *self)
{
  if (self->task == NULL || self->settling)
    return;

  /* Checked here too: a stop from a handler of this run's own
   * notifications must hold before its idle runs. */
  if (!self->stopped && self->stop != NULL && g_cancellable_is_cancelled (self->stop))
    {
      self->stopped = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOPPED]);
      g_clear_handle_id (&self->pause_id, g_source_remove);
    }

  while (!self->stopped && self->pause_id == 0 &&
         self->n_in_flight < self->limit && !g_queue_is_empty (&self->queue))
    {
      TdImportRow *row = g_queue_pop_head (&self->queue);
      CreateData *data = g_new0 (CreateData, 1);

      data->self = g_object_ref (self);
      data->row = g_object_ref (row);
      td_import_row_set_state (row, TD_IMPORT_ROW_SENDING, NULL);
      set_in_flight (self, self->n_in_flight + 1);
      td_api_client_create_user_async (self->client, td_import_row_get_user (row),
                                       NULL, create_cb, data);
    }

  if (self->n_in_flight == 0 && (self->stopped || (g_queue_is_empty (&self->queue) && self->pause_id == 0)))
    settle (self);
}

static gboolean
stop_idle_cb (gpointer user_data)
{
  TdImportCreator *self = user_data;

  self->stop_idle_id = 0;
  pump (self);

  return G_SOURCE_REMOVE;
}

/* May run in any thread: the work is done in the main context. */
static void
stop_cb (GCancellable *cancellable,
         gpointer      user_data)
{
  TdImportCreator *self = user_data;

  if (self->stop_idle_id == 0)
    self->stop_idle_id = g_idle_add (stop_idle_cb, self);
}

void
td_import_creator_run_async (TdImportCreator     *self,
                             GCancellable        *stop,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_IMPORT_CREATOR (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, td_import_creator_run_async);

  if (stop != NULL && g_cancellable_is_cancelled (stop))
    {
      /* Stopped before anything was sent: every row stays as it was. */
      self->stopped = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOPPED]);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Creating was stopped."));
      return;
    }

  self->task = g_steal_pointer (&task);
  if (stop != NULL)
    {
      self->stop = g_object_ref (stop);
      self->stop_id = g_cancellable_connect (stop, G_CALLBACK (stop_cb), self, NULL);
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      TdImportRow *row = g_ptr_array_index (self->rows, i);

      td_import_row_set_state (row, TD_IMPORT_ROW_WAITING, NULL);
      g_queue_push_tail (&self->queue, row);
    }

  pump (self);
}

gboolean
td_import_creator_run_finish (TdImportCreator  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (TD_IS_IMPORT_CREATOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_import_creator_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
td_import_creator_get_n_total (TdImportCreator *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_CREATOR (self), 0);
  return self->rows->len;
}

guint
td_import_creator_get_n_done (TdImportCreator *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_CREATOR (self), 0);
  return self->n_done;
}

guint
td_import_creator_get_n_created (TdImportCreator *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_CREATOR (self), 0);
  return self->n_created;
}

guint
td_import_creator_get_n_failed (TdImportCreator *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_CREATOR (self), 0);
  return self->n_failed;
}

guint
td_import_creator_get_max_in_flight (TdImportCreator *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_CREATOR (self), 0);
  return self->max_in_flight;
}

gboolean
td_import_creator_get_stopped (TdImportCreator *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_CREATOR (self), FALSE);
  return self->stopped;
}

static void
td_import_creator_dispose (GObject *object)
{
  TdImportCreator *self = (TdImportCreator *) object;

  /* A run holds a reference: nothing is pending here. */
  g_clear_handle_id (&self->pause_id, g_source_remove);
  g_clear_handle_id (&self->stop_idle_id, g_source_remove);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (td_import_creator_parent_class)->dispose (object);
}

static void
td_import_creator_finalize (GObject *object)
{
  TdImportCreator *self = (TdImportCreator *) object;

  g_queue_clear (&self->queue);
  g_ptr_array_unref (self->unknown);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (td_import_creator_parent_class)->finalize (object);
}

static void
td_import_creator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdImportCreator *self = TD_IMPORT_CREATOR (object);

  switch (prop_id)
    {
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->rows->len);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    case PROP_N_CREATED:
      g_value_set_uint (value, self->n_created);
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;
    case PROP_N_IN_FLIGHT:
      g_value_set_uint (value, self->n_in_flight);
      break;
    case PROP_STOPPED:
      g_value_set_boolean (value, self->stopped);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_import_creator_class_init (TdImportCreatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = td_import_creator_dispose;
  object_class->finalize = td_import_creator_finalize;
  object_class->get_property = td_import_creator_get_property;

  properties[PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_DONE] = g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_CREATED] = g_param_spec_uint ("n-created", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_IN_FLIGHT] = g_param_spec_uint ("n-in-flight", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_STOPPED] = g_param_spec_boolean ("stopped", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_import_creator_init (TdImportCreator *self)
{
  g_queue_init (&self->queue);
  self->unknown = g_ptr_array_new ();
}

TdImportCreator *
td_import_creator_new (TdApiClient *client,
                       GPtrArray   *rows,
                       guint        concurrency)
{
  TdImportCreator *self;

  g_return_val_if_fail (TD_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  self = g_object_new (TD_TYPE_IMPORT_CREATOR, NULL);
  self->client = g_object_ref (client);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      TdImportRow *row = g_ptr_array_index (rows, i);

      g_return_val_if_fail (td_import_row_get_user (row) != NULL, self);
      g_ptr_array_add (self->rows, g_object_ref (row));
    }
  self->concurrency = MAX (concurrency, 1);
  self->limit = self->concurrency;

  return self;
}
