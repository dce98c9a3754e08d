/* td-import-paced.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-import-paced.h"

struct _TdImportPaced
{
  GObject     parent_instance;

  GListModel *model;
  /* The items shown: the first n_shown of the model's. */
  guint       n_shown;
  guint       idle_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdImportPaced, td_import_paced, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (TD_IMPORT_PACED (list)->model);
}

static guint
get_n_items (GListModel *list)
{
  return TD_IMPORT_PACED (list)->n_shown;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  TdImportPaced *self = TD_IMPORT_PACED (list);

  if (position >= self->n_shown)
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
grow_cb (gpointer user_data)
{
  TdImportPaced *self = user_data;
  gint64 end = g_get_monotonic_time () + TD_IMPORT_PACED_STEP_USEC;
  guint n = g_list_model_get_n_items (self->model);

  while (self->n_shown < n && g_get_monotonic_time () < end)
    {
      guint position = self->n_shown;
      /* Past the rows GTK builds, only the count changes: bigger steps,
       * so that a large file is not thousands of relayouts. */
      guint chunk = position < TD_IMPORT_PACED_BUILT_ROWS ? TD_IMPORT_PACED_CHUNK : position / 2;
      guint added = MIN (chunk, n - position);

      self->n_shown += added;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
    }

  if (self->n_shown < n)
    return G_SOURCE_CONTINUE;

  self->idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_growth (TdImportPaced *self)
{
  if (self->idle_id == 0 && self->n_shown < g_list_model_get_n_items (self->model))
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
}

static void
on_items_changed (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  TdImportPaced *self)
{
  guint shown_removed;

  /* Past what is shown: nothing shown changes.  (Right after it, what
   * is added can be shown.) */
  if (position > self->n_shown)
    {
      schedule_growth (self);
      return;
    }

  shown_removed = MIN (removed, self->n_shown - position);
  if (added <= TD_IMPORT_PACED_CHUNK)
    {
      /* A few: as they are.  The items shown after them stay shown. */
      self->n_shown = self->n_shown - shown_removed + added;
      g_list_model_items_changed (G_LIST_MODEL (self), position, shown_removed, added);
    }
  else
    {
      /* Many: the first few, and the rest later; what followed them is
       * shown again as the rest comes. */
      guint old_tail = self->n_shown - position;

      self->n_shown = position + TD_IMPORT_PACED_CHUNK;
      g_list_model_items_changed (G_LIST_MODEL (self), position, old_tail, TD_IMPORT_PACED_CHUNK);
    }

  schedule_growth (self);
}

static void
td_import_paced_dispose (GObject *object)
{
  TdImportPaced *self = TD_IMPORT_PACED (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (td_import_paced_parent_class)->dispose (object);
}

static void
td_import_paced_class_init (TdImportPacedClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = td_import_paced_dispose;
}

static void
td_import_paced_init (TdImportPaced *self)
{
}

TdImportPaced *
td_import_paced_new (GListModel *model)
{
  TdImportPaced *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (TD_TYPE_IMPORT_PACED, NULL);
  self->model = g_object_ref (model);
  self->n_shown = MIN (g_list_model_get_n_items (model), TD_IMPORT_PACED_CHUNK);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);
  schedule_growth (self);

  return self;
}

gboolean
td_import_paced_is_complete (TdImportPaced *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_PACED (self), FALSE);

  return self->n_shown == g_list_model_get_n_items (self->model);
}
