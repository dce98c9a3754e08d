/* td-import-page-table.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-import-paced.h"
#include "td-import-page-private.h"

/* The table */

static const char * const field_properties[TD_IMPORT_N_FIELDS] = {
  "username", "password", "traffic-limit", "status", "proxy-type",
};

static TdImportPage *
page_of (GObject *widget)
{
  return g_object_get_data (widget, "page");
}

/* A cell's text is taken when Enter is pressed in it or the focus
 * leaves it.  (Not a GtkEditableLabel: GTK 4.8's stops editing from a
 * timeout that outlives it when the row is rebuilt in the meantime.) */
static void
commit_cell (GtkEntry *entry)
{
  TdImportPage *self = page_of (G_OBJECT (entry));
  GtkListItem *list_item = g_object_get_data (G_OBJECT (entry), "list-item");
  TdImportField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "field"));
  TdImportRow *row = gtk_list_item_get_item (list_item);
  const char *text;

  if (row == NULL || self->creator != NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (entry));
  if (g_strcmp0 (text, td_import_row_get_cell (row, field)) != 0)
    td_import_set_cell (self->import, row, field, text);
}

static void
on_cell_leave (GtkEventControllerFocus *controller,
               GtkEntry                *entry)
{
  commit_cell (entry);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            TdImportPage             *self)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  TdImportField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "field"));

  gtk_entry_set_has_frame (GTK_ENTRY (entry), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), field == TD_IMPORT_FIELD_USERNAME ? 15 : 10);
  g_object_set_data (G_OBJECT (entry), "page", self);
  g_object_set_data (G_OBJECT (entry), "list-item", list_item);
  g_object_set_data (G_OBJECT (entry), "field", GINT_TO_POINTER (field));
  g_signal_connect (entry, "activate", G_CALLBACK (commit_cell), NULL);
  g_signal_connect (focus, "leave", G_CALLBACK (on_cell_leave), entry);
  gtk_widget_add_controller (entry, focus);
  gtk_list_item_set_child (list_item, entry);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           TdImportPage             *self)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  TdImportRow *row = gtk_list_item_get_item (list_item);
  TdImportField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "field"));
  g_autofree char *name = NULL;
  GBinding *binding;

  binding = g_object_bind_property (row, field_properties[field], label, "text", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (label), "binding", binding);

  /* Translators: the accessible name of a cell: "Username, row 3" */
  name = g_strdup_printf (_("%s, row %u"), td_import_page_field_label (field), td_import_row_get_line (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             TdImportPage             *self)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GBinding *binding = g_object_steal_data (G_OBJECT (label), "binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

/* The width of the widest name a row's state can have, in this
 * language and font.  The State cells are that wide from the start, so
 * that when an import changes every row's state no column moves: a
 * column that moved would have the whole table redrawn in that frame. */
static int
widest_state_width (TdImportPage *self,
                    GtkWidget    *label)
{
  if (self->state_width == 0)
    {
      for (TdImportRowState state = TD_IMPORT_ROW_READY; state <= TD_IMPORT_ROW_UNKNOWN; state++)
        {
          g_autoptr(PangoLayout) layout =
            gtk_widget_create_pango_layout (label, td_import_row_state_to_string (state));
          int width;

          pango_layout_get_pixel_size (layout, &width, NULL);
          self->state_width = MAX (self->state_width, width);
        }
    }

  return self->state_width;
}

static void
setup_text (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            TdImportPage             *self)
{
  GtkWidget *label = gtk_label_new (NULL);
  const char *property = g_object_get_data (G_OBJECT (factory), "property");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (g_str_equal (property, "message"))
    {
      /* As wide whatever it says (the column takes the room left and the
       * text wraps in it): a message appearing grows its row, never the
       * column. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 30);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
    }
  else if (g_str_equal (property, "state-label"))
    {
      gtk_widget_set_size_request (label, widest_state_width (self, label), -1);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_text (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           TdImportPage             *self)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  TdImportRow *row = gtk_list_item_get_item (list_item);
  const char *property = g_object_get_data (G_OBJECT (factory), "property");
  GBinding *binding;

  if (g_str_equal (property, "line"))
    {
      g_autofree char *text = g_strdup_printf ("%u", td_import_row_get_line (row));

      gtk_label_set_text (GTK_LABEL (label), text);
      return;
    }

  binding = g_object_bind_property (row, property, label, "label", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (label), "binding", binding);
}

static void
on_remove_clicked (GtkButton   *button,
                   GtkListItem *list_item)
{
  TdImportPage *self = page_of (G_OBJECT (button));
  TdImportRow *row = gtk_list_item_get_item (list_item);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->import));

  if (row == NULL || self->creator != NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdImportRow) item = g_list_model_get_item (G_LIST_MODEL (self->import), i);

      if (item == row)
        {
          td_import_remove (self->import, i);
          break;
        }
    }
}

static void
setup_remove (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              TdImportPage             *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove this row"));
  g_object_set_data (G_OBJECT (button), "page", self);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), list_item);
  gtk_list_item_set_child (list_item, button);
}

static void
bind_remove (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             TdImportPage             *self)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  TdImportRow *row = gtk_list_item_get_item (list_item);
  /* Translators: the accessible name of a button: "Remove row 3" */
  g_autofree char *name = g_strdup_printf (_("Remove row %u"), td_import_row_get_line (row));

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
add_column (TdImportPage        *self,
            const char          *title,
            GtkListItemFactory  *factory,
            gboolean             expand)
{
  GtkColumnViewColumn *column = gtk_column_view_column_new (title, factory);

  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

static GtkListItemFactory *
new_factory (TdImportPage *self,
             GCallback     setup,
             GCallback     bind,
             GCallback     unbind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, self);

  return factory;
}

void
td_import_page_setup_columns (TdImportPage *self)
{
  /* The rows of a large file come a few at a time (td-import-paced.h). */
  g_autoptr(GtkNoSelection) selection =
    gtk_no_selection_new (G_LIST_MODEL (td_import_paced_new (G_LIST_MODEL (self->import))));
  GtkListItemFactory *factory;

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  factory = new_factory (self, G_CALLBACK (setup_text), G_CALLBACK (bind_text), G_CALLBACK (unbind_cell));
  g_object_set_data (G_OBJECT (factory), "property", (gpointer) "line");
  /* Translators: the column of the line numbers of the file */
  add_column (self, _("Row"), factory, FALSE);

  for (int field = 0; field < TD_IMPORT_N_FIELDS; field++)
    {
      factory = new_factory (self, G_CALLBACK (setup_cell), G_CALLBACK (bind_cell), G_CALLBACK (unbind_cell));
      g_object_set_data (G_OBJECT (factory), "field", GINT_TO_POINTER (field));
      add_column (self, td_import_page_field_label (field), factory, FALSE);
    }

  factory = new_factory (self, G_CALLBACK (setup_text), G_CALLBACK (bind_text), G_CALLBACK (unbind_cell));
  g_object_set_data (G_OBJECT (factory), "property", (gpointer) "state-label");
  /* Translators: the column of each row's state: New, Created, Failed... */
  add_column (self, _("State"), factory, FALSE);

  factory = new_factory (self, G_CALLBACK (setup_text), G_CALLBACK (bind_text), G_CALLBACK (unbind_cell));
  g_object_set_data (G_OBJECT (factory), "property", (gpointer) "message");
  add_column (self, _("Message"), factory, TRUE);

  factory = new_factory (self, G_CALLBACK (setup_remove), G_CALLBACK (bind_remove), NULL);
  add_column (self, NULL, factory, FALSE);
}
