/* td-test-ui.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the in-process UI tests share: start-up, finding the widgets of a
 * template, and waiting for a state without a fixed sleep. */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "td-create-page.h"
#include "td-page.h"
#include "td-test-ui.h"
#include "td-user-form.h"
#include "td-window.h"

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

void
td_test_window_set_up (TdTestWindow *fixture,
                       const char   *base_url,
                       const char   *token,
                       const char   *key,
                       gboolean      sandbox_mode)
{
  g_assert_nonnull (fixture);

  memset (fixture, 0, sizeof *fixture);

  if (base_url == NULL)
    {
      g_autoptr(GError) error = NULL;

      fixture->sandbox = td_sandbox_new ();
      td_sandbox_start (fixture->sandbox, &error);
      g_assert_no_error (error);
      base_url = td_sandbox_get_base_url (fixture->sandbox);
    }

  fixture->client = td_api_client_new (base_url);
  fixture->credentials = td_credentials_new ();
  if (token != NULL)
    td_credentials_use_for_session (fixture->credentials, token, key);

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "proxy-type");
  g_settings_reset (fixture->settings, "traffic-unit");

  fixture->account = td_account_new (fixture->client, fixture->credentials,
                                     fixture->settings, sandbox_mode);
}

void
td_test_window_open (TdTestWindow *fixture,
                     gboolean      present)
{
  g_assert_nonnull (fixture->account);
  g_assert_null (fixture->window);

  fixture->window = GTK_WINDOW (td_window_new (NULL, fixture->account));
  g_object_ref_sink (fixture->window);

  if (present)
    {
      gtk_window_present (fixture->window);
      WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
    }
}

void
td_test_window_new_page (TdTestWindow *fixture,
                         GType         page_type)
{
  g_assert_nonnull (fixture->account);
  g_assert_null (fixture->window);
  g_assert_true (g_type_is_a (page_type, TD_TYPE_PAGE));

  fixture->page = g_object_new (page_type, "account", fixture->account, NULL);
  fixture->window = GTK_WINDOW (adw_application_window_new (NULL));
  g_object_ref_sink (fixture->window);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (fixture->window), fixture->page);
}

void
td_test_window_open_page (TdTestWindow *fixture,
                          GType         page_type)
{
  td_test_window_new_page (fixture, page_type);

  gtk_window_present (fixture->window);
  WAIT_UNTIL (gtk_widget_get_mapped (fixture->page));
}

void
td_test_window_tear_down (TdTestWindow *fixture)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->window);
  fixture->page = NULL;
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->credentials);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);

  td_test_ui_flush ();
}

GtkWidget *
td_test_window_page (TdTestWindow *fixture,
                     const char   *name)
{
  GtkWidget *page;

  g_assert_true (TD_IS_WINDOW (fixture->window));

  page = td_window_get_page (TD_WINDOW (fixture->window), name);
  if (page == NULL)
    g_error ("the window has no page named %s", name);

  return page;
}

GtkWidget *
td_test_page_child (gpointer    page,
                    const char *name)
{
  GObject *object;
  GObject *form;

  g_assert_true (GTK_IS_WIDGET (page));
  g_assert_nonnull (name);

  object = gtk_widget_get_template_child (page, G_OBJECT_TYPE (page), name);

  /* The fields of a page's or a dialog's user form. */
  form = gtk_widget_get_template_child (page, G_OBJECT_TYPE (page), "form");
  if (object == NULL && TD_IS_USER_FORM (form))
    object = gtk_widget_get_template_child (GTK_WIDGET (form), TD_TYPE_USER_FORM, name);

  /* The Create page's cards, built when first needed (here, if need be:
   * they are hidden until they have something to show). */
  if (object == NULL && TD_IS_CREATE_PAGE (page))
    {
      if (g_str_equal (name, "result_card"))
        object = G_OBJECT (td_create_page_get_result_card (page));
      else if (g_str_equal (name, "error_label"))
        object = G_OBJECT (td_create_page_get_error_label (page));
      else if (g_str_equal (name, "error_revealer"))
        object = G_OBJECT (gtk_widget_get_ancestor (GTK_WIDGET (td_create_page_get_error_label (page)),
                                                    GTK_TYPE_REVEALER));
    }

  if (object == NULL)
    g_error ("no template child named %s in %s", name, G_OBJECT_TYPE_NAME (page));

  return GTK_WIDGET (object);
}

gboolean
td_test_ui_press_shortcut (GtkWidget  *widget,
                           const char *accelerator)
{
  g_autoptr(GListModel) controllers = NULL;
  guint key;
  GdkModifierType mods;

  g_assert_true (GTK_IS_WIDGET (widget));
  g_assert_true (gtk_accelerator_parse (accelerator, &key, &mods));

  /* The class's shortcuts are in a shortcut controller of each instance. */
  controllers = gtk_widget_observe_controllers (widget);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      guint n;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      n = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (key, mods);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            continue;

          /* As GTK does: a shortcut that declines lets the next one try. */
          if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}
