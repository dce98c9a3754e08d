/* td-row-model.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One position of a TdRowModel: the item the model below has there now. */
#define TD_TYPE_ROW (td_row_get_type ())

G_DECLARE_FINAL_TYPE (TdRow, td_row, TD, ROW, GObject)

/* The item, or NULL for a spare row (see TdRowModel). */
gpointer     td_row_get_item       (TdRow       *self);

/* A list model of the items of the model it wraps, whose items are TdRow
 * objects that stay at their position when the model below changes: the
 * row at position 3 then shows what is at position 3 now, and says so
 * with notify::item.  items-changed is emitted only for rows added or
 * removed at the end, and not all at once.  Rows to add come a few at a
 * time for at most TD_ROW_MODEL_STEP_USEC, the first ones at once and the
 * others from idles of the default main context.  Rows past the new end
 * become spare rows, whose item is NULL and which whoever shows them
 * hides; those nobody else holds go at once, the others in steps from the
 * idles.  Meanwhile the model has fewer items than the one below, or more.
 *
 * A list widget that keys its row widgets on the item objects (GTK 4.8
 * builds a new widget for every new item and destroys the widget of every
 * item removed) can then show a filtered or sorted list again by changing
 * what its rows say, instead of building them again, and builds or
 * destroys the rows it must a few at a time.  Whoever shows a row follows
 * notify::item, which is also emitted when a property of the item itself
 * changes. */
#define TD_ROW_MODEL_STEP_USEC 8000
/* Rows added or removed at a time, at first. */
#define TD_ROW_MODEL_CHUNK 8

#define TD_TYPE_ROW_MODEL (td_row_model_get_type ())

G_DECLARE_FINAL_TYPE (TdRowModel, td_row_model, TD, ROW_MODEL, GObject)

TdRowModel  *td_row_model_new       (GListModel  *model);
GListModel  *td_row_model_get_model (TdRowModel  *self);
/* Whether the rows are the items below, one for one: none to add, none
 * spare. */
gboolean     td_row_model_is_complete (TdRowModel *self);
/* Adds or removes, now, every row still to be added or removed. */
void         td_row_model_complete  (TdRowModel  *self);
/* A new reference to the item at @position of the model below, or NULL:
 * what the row there shows, without making that row. */
gpointer     td_row_model_get_item  (TdRowModel  *self,
                                     guint        position);

G_END_DECLS
