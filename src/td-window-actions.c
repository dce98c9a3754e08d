/* td-window-actions.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-endpoints-page.h"
#include "td-page.h"
#include "td-window-private.h"

/* The window-wide actions and their shortcuts.  Those that belong to a
 * page (refresh, find, cancel, the primary action) go to the page that is
 * visible, and only to it, through TdPage. */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GtkWidget *page = _td_window_get_visible_page (TD_WINDOW (widget));

  if (page != NULL)
    td_page_refresh (TD_PAGE (page));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GtkWidget *page = _td_window_get_visible_page (TD_WINDOW (widget));

  if (page != NULL)
    td_page_find (TD_PAGE (page));
}

/* TRUE when the visible page stopped something. */
static gboolean
cancel_visible_page (TdWindow *self)
{
  GtkWidget *page = _td_window_get_visible_page (self);

  return page != NULL && td_page_cancel (TD_PAGE (page));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  cancel_visible_page (TD_WINDOW (widget));
}

static void
primary_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GtkWidget *page = _td_window_get_visible_page (TD_WINDOW (widget));

  if (page != NULL)
    td_page_activate_primary (TD_PAGE (page));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TdWindow *self = TD_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);
  GtkWidget *page;

  if ((page = td_window_get_page (self, name)) == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, name);
  td_page_focus_first (TD_PAGE (page));
}

/* "(is)": the proxy type and the username of the user whose endpoints
 * are to be made (from a user's row menu, from the result of a create). */
static void
show_endpoints_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  TdWindow *self = TD_WINDOW (widget);
  const char *username = NULL;
  GtkWidget *page;
  int proxy_type;

  g_variant_get (param, "(i&s)", &proxy_type, &username);
  if (!td_proxy_type_is_valid (proxy_type))
    return;

  if ((page = td_window_get_page (self, "endpoints")) == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "endpoints");
  td_endpoints_page_select_user (TD_ENDPOINTS_PAGE (page), proxy_type, username);
  td_page_focus_first (TD_PAGE (page));
}

/* The page table's entries of the shortcuts window: "Show the X page"
 * with its Alt+N, in the table's order, before "Preferences".  They go
 * in as GtkBuilder puts a <child> in, so that the group lines them up
 * with the others (its size groups). */
static void
add_page_shortcuts (GtkBuilder *builder)
{
  GObject *group = gtk_builder_get_object (builder, "general_group");
  GtkWidget *preferences = GTK_WIDGET (gtk_builder_get_object (builder, "preferences_shortcut"));
  GtkBuildableIface *iface = GTK_BUILDABLE_GET_IFACE (group);

  for (guint i = 0; i < _td_window_n_pages; i++)
    {
      const TdWindowPageInfo *info = &_td_window_pages[i];
      GtkWidget *shortcut;

      shortcut = g_object_new (GTK_TYPE_SHORTCUTS_SHORTCUT,
                               "title", _td_window_page_get_shortcut_title (info),
                               "accelerator", info->accel,
                               NULL);
      iface->add_child (GTK_BUILDABLE (group), builder, G_OBJECT (shortcut), NULL);
      gtk_box_reorder_child_after (GTK_BOX (group), shortcut, gtk_widget_get_prev_sibling (preferences));
    }
}

/* The shortcuts window, built the first time it is asked for rather
 * than for every window before its first frame (which GtkApplication
 * does with a resource at gtk/help-overlay.ui: 6-9 ms of start-up,
 * bench/README.md).  The window keeps it, hidden when closed. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/thordesk/Thordesk/td-shortcuts-window.ui");

      add_page_shortcuts (builder);
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  _td_window_show_toast (TD_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
enter_token_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  td_window_ask_for_credentials (TD_WINDOW (widget));
}

void
_td_window_class_actions_init (TdWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.primary", NULL, primary_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-endpoints", "(is)", show_endpoints_action);
  gtk_widget_class_install_action (widget_class, "win.enter-token", NULL, enter_token_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.primary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.primary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find", NULL);

  /* Alt+1…Alt+N, from the page table. */
  for (guint i = 0; i < _td_window_n_pages; i++)
    {
      guint key;
      GdkModifierType mods;

      if (!gtk_accelerator_parse (_td_window_pages[i].accel, &key, &mods))
        g_error ("Page %s: cannot parse %s", _td_window_pages[i].name, _td_window_pages[i].accel);

      gtk_widget_class_add_binding_action (widget_class, key, mods,
                                           "win.show-page", "s", _td_window_pages[i].name);
    }
}

/* Escape stops what the visible page has in flight before anything else
 * can take the key (the toast overlay dismisses its toast on Escape, a
 * search entry stops its search): the user means the long operation.
 * Otherwise it goes on as usual. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  return cancel_visible_page (TD_WINDOW (widget));
}

void
_td_window_actions_init (TdWindow *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_callback_action_new (escape_cb, NULL, NULL));
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
