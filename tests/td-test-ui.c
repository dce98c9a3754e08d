/* td-test-ui.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the in-process UI tests share: start-up, finding the widgets of a
 * template, and waiting for a state without a fixed sleep. */

#include "config.h"

#include <adwaita.h>

#include "td-test-ui.h"

void
td_test_ui_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

guint
td_test_ui_add_tick (void)
{
  return g_timeout_add (50, tick_cb, NULL);
}

GtkWidget *
td_test_ui_child (gpointer    widget,
                  GType       template_type,
                  const char *name)
{
  GObject *object;

  g_assert_true (GTK_IS_WIDGET (widget));
  g_assert_nonnull (name);

  object = gtk_widget_get_template_child (GTK_WIDGET (widget), template_type, name);
  if (object == NULL)
    g_error ("no template child named %s in %s", name, g_type_name (template_type));

  return GTK_WIDGET (object);
}

GtkWindow *
td_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

void
td_test_ui_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
