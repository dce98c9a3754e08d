/* td-row-model.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-row-model.h"

/* TdRow */

struct _TdRow
{
  GObject   parent_instance;

  GObject  *item;
  gulong    item_notify_id;
};

G_DEFINE_FINAL_TYPE (TdRow, td_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_ITEM,
  ROW_N_PROPS
};

static GParamSpec *row_properties [ROW_N_PROPS];

static void
on_item_notify (GObject    *item,
                GParamSpec *pspec,
                TdRow      *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), row_properties [ROW_PROP_ITEM]);
}

/* Returns whether the item changed; the notification is the caller's. */
static gboolean
row_set_item (TdRow    *self,
              gpointer  item)
{
  g_assert (TD_IS_ROW (self));
  g_assert (item == NULL || G_IS_OBJECT (item));

  if (self->item == item)
    return FALSE;

  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->item_notify_id, self->item);
      g_clear_object (&self->item);
    }

  if (item != NULL)
    {
      self->item = g_object_ref (item);
      self->item_notify_id = g_signal_connect (item, "notify", G_CALLBACK (on_item_notify), self);
    }

  return TRUE;
}

gpointer
td_row_get_item (TdRow *self)
{
  g_return_val_if_fail (TD_IS_ROW (self), NULL);

  return self->item;
}

static void
td_row_dispose (GObject *object)
{
  row_set_item (TD_ROW (object), NULL);

  G_OBJECT_CLASS (td_row_parent_class)->dispose (object);
}

static void
td_row_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  TdRow *self = TD_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_row_class_init (TdRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_row_dispose;
  object_class->get_property = td_row_get_property;

  /* Also notified when a property of the item changes. */
  row_properties [ROW_PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
td_row_init (TdRow *self)
{
}

/* TdRowModel */

struct _TdRowModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      items_changed_id;
  /* The number of items of model. */
  guint       n_model_items;
  /* One entry per position: its TdRow, or NULL until the row is asked
   * for.  The first n_model_items rows show the items of model; the
   * others are spare rows, without an item, on their way out.  A row
   * nobody else holds is dropped when the model changes rather than kept
   * up to date.  While rows are being added or removed (see settle()),
   * rows->len differs from n_model_items. */
  GPtrArray  *rows;
  guint       settle_id;
};

static void td_row_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdRowModel, td_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      td_row_model_list_model_init))

static GType
td_row_model_get_item_type (GListModel *list)
{
  return TD_TYPE_ROW;
}

static guint
td_row_model_get_n_items (GListModel *list)
{
  return TD_ROW_MODEL (list)->rows->len;
}

static gpointer
td_row_model_list_get_item (GListModel *list,
                            guint       position)
{
  TdRowModel *self = TD_ROW_MODEL (list);
  TdRow *row;

  if (position >= self->rows->len)
    return NULL;

  row = g_ptr_array_index (self->rows, position);
  if (row == NULL)
    {
      g_autoptr(GObject) item = NULL;

      if (position < self->n_model_items)
        item = g_list_model_get_item (self->model, position);

      row = g_object_new (TD_TYPE_ROW, NULL);
      row_set_item (row, item);
      g_ptr_array_index (self->rows, position) = row;
    }

  return g_object_ref (row);
}

static void
td_row_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = td_row_model_get_item_type;
  iface->get_n_items = td_row_model_get_n_items;
  iface->get_item = td_row_model_list_get_item;
}

static gboolean settle_cb (gpointer user_data);

/* Whether someone else than the model holds the row at @position: for a
 * list widget, whether it has a widget. */
static gboolean
is_held (TdRowModel *self,
         guint       position)
{
  TdRow *row = g_ptr_array_index (self->rows, position);

  return row != NULL && G_OBJECT (row)->ref_count > 1;
}

/* Removes the spare rows at the end that nobody holds: no widget goes with
 * them.  Returns whether any went. */
static gboolean
remove_unheld_spares (TdRowModel *self)
{
  guint n_rows = self->rows->len;
  guint first_removed = n_rows;

  while (first_removed > self->n_model_items && !is_held (self, first_removed - 1))
    first_removed--;

  if (first_removed == n_rows)
    return FALSE;

  g_ptr_array_remove_range (self->rows, first_removed, n_rows - first_removed);
  g_list_model_items_changed (G_LIST_MODEL (self), first_removed, n_rows - first_removed, 0);
  return TRUE;
}

/* Adds the rows the model has and the view does not show yet, or removes
 * the spare ones, a few at a time for at most TD_ROW_MODEL_STEP_USEC, and
 * comes back for the others after the next frame.  A list widget builds
 * or destroys the widgets of the rows it is told of at once, for the part
 * of the list it keeps (GTK 4.8: about 200 rows): in steps, the longest
 * wait is one step's.  Rows without a widget cost nothing: spare rows
 * nobody holds go at once, and rows are added in larger steps as long as
 * they come cheap. */
static void
settle (TdRowModel *self,
        gint64      budget_usec)
{
  gint64 start = g_get_monotonic_time ();
  guint chunk = TD_ROW_MODEL_CHUNK;

  g_assert (TD_IS_ROW_MODEL (self));

  while (self->rows->len != self->n_model_items &&
         g_get_monotonic_time () - start < budget_usec)
    {
      guint n_rows = self->rows->len;

      if (n_rows < self->n_model_items)
        {
          guint n_added = MIN (self->n_model_items - n_rows, chunk);
          gint64 chunk_start = g_get_monotonic_time ();

          g_ptr_array_set_size (self->rows, n_rows + n_added);
          g_list_model_items_changed (G_LIST_MODEL (self), n_rows, 0, n_added);

          if (g_get_monotonic_time () - chunk_start < TD_ROW_MODEL_STEP_USEC / 16)
            chunk = MIN (chunk, G_MAXUINT / 4) * 4;
        }
      else if (!remove_unheld_spares (self))
        {
          guint n_removed = MIN (n_rows - self->n_model_items, TD_ROW_MODEL_CHUNK);

          g_ptr_array_remove_range (self->rows, n_rows - n_removed, n_removed);
          g_list_model_items_changed (G_LIST_MODEL (self), n_rows - n_removed, n_removed, 0);
        }
    }

  if (self->rows->len != self->n_model_items)
    {
      if (self->settle_id == 0)
        self->settle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, settle_cb, self, NULL);
    }
  else
    g_clear_handle_id (&self->settle_id, g_source_remove);
}

static gboolean
settle_cb (gpointer user_data)
{
  TdRowModel *self = TD_ROW_MODEL (user_data);

  self->settle_id = 0;
  settle (self, TD_ROW_MODEL_STEP_USEC);

  return G_SOURCE_REMOVE;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  TdRowModel *self)
{
  g_autoptr(GPtrArray) changed = NULL;

  g_assert (TD_IS_ROW_MODEL (self));
  g_return_if_fail (position + removed <= self->n_model_items);

  self->n_model_items = self->n_model_items - removed + added;

  /* Every row from @position on may show another item now, or none (a
   * spare row).  Their notifications wait until the first rows are added
   * or removed, so that whoever follows them sees the model's new
   * length as far as it goes. */
  changed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = position; i < self->rows->len; i++)
    {
      TdRow *row = g_ptr_array_index (self->rows, i);
      g_autoptr(GObject) item = NULL;

      if (row == NULL)
        continue;

      if (G_OBJECT (row)->ref_count == 1)
        {
          g_ptr_array_index (self->rows, i) = NULL;
          g_object_unref (row);
          continue;
        }

      if (i < self->n_model_items)
        item = g_list_model_get_item (self->model, i);
      if (row_set_item (row, item))
        g_ptr_array_add (changed, g_object_ref (row));
    }

  /* Rows to add are shown at once, as far as a step goes.  Spare rows are
   * hidden: those with a widget can wait for the next step. */
  remove_unheld_spares (self);
  settle (self, self->rows->len < self->n_model_items ? TD_ROW_MODEL_STEP_USEC : 0);

  for (guint i = 0; i < changed->len; i++)
    g_object_notify_by_pspec (g_ptr_array_index (changed, i), row_properties [ROW_PROP_ITEM]);
}

TdRowModel *
td_row_model_new (GListModel *model)
{
  TdRowModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (TD_TYPE_ROW_MODEL, NULL);
  self->model = g_object_ref (model);
  self->n_model_items = g_list_model_get_n_items (model);
  self->items_changed_id = g_signal_connect (model, "items-changed",
                                             G_CALLBACK (on_items_changed), self);
  settle (self, TD_ROW_MODEL_STEP_USEC);

  return self;
}

gboolean
td_row_model_is_complete (TdRowModel *self)
{
  g_return_val_if_fail (TD_IS_ROW_MODEL (self), FALSE);

  return self->rows->len == self->n_model_items;
}

void
td_row_model_complete (TdRowModel *self)
{
  g_return_if_fail (TD_IS_ROW_MODEL (self));

  settle (self, G_MAXINT64);
}

GListModel *
td_row_model_get_model (TdRowModel *self)
{
  g_return_val_if_fail (TD_IS_ROW_MODEL (self), NULL);

  return self->model;
}

gpointer
td_row_model_get_item (TdRowModel *self,
                       guint       position)
{
  g_return_val_if_fail (TD_IS_ROW_MODEL (self), NULL);

  return g_list_model_get_item (self->model, position);
}

static void
td_row_model_dispose (GObject *object)
{
  TdRowModel *self = TD_ROW_MODEL (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (td_row_model_parent_class)->dispose (object);
}

static void
td_row_model_finalize (GObject *object)
{
  TdRowModel *self = TD_ROW_MODEL (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (td_row_model_parent_class)->finalize (object);
}

static void
td_row_model_class_init (TdRowModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_row_model_dispose;
  object_class->finalize = td_row_model_finalize;
}

/* g_object_unref() does not take the NULL of a row not made yet. */
static void
unref_row (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

static void
td_row_model_init (TdRowModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (unref_row);
}
