/* td-page.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-page.h"

G_DEFINE_INTERFACE (TdPage, td_page, GTK_TYPE_WIDGET)

static void
td_page_default_init (TdPageInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_object ("account", NULL, NULL,
                         TD_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS)));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)));
}

TdAccount *
td_page_get_account (TdPage *self)
{
  g_autoptr(TdAccount) account = NULL;

  g_return_val_if_fail (TD_IS_PAGE (self), NULL);

  /* The page holds its own reference for as long as it lives. */
  g_object_get (self, "account", &account, NULL);
  /* transfer none: the page keeps its own reference */
  return account;
}

gboolean
td_page_get_busy (TdPage *self)
{
  gboolean busy = FALSE;

  g_return_val_if_fail (TD_IS_PAGE (self), FALSE);

  g_object_get (self, "busy", &busy, NULL);
  return busy;
}

void
td_page_refresh (TdPage *self)
{
  g_return_if_fail (TD_IS_PAGE (self));

  if (TD_PAGE_GET_IFACE (self)->refresh != NULL)
    TD_PAGE_GET_IFACE (self)->refresh (self);
}

void
td_page_find (TdPage *self)
{
  g_return_if_fail (TD_IS_PAGE (self));

  if (TD_PAGE_GET_IFACE (self)->find != NULL)
    TD_PAGE_GET_IFACE (self)->find (self);
}

gboolean
td_page_cancel (TdPage *self)
{
  g_return_val_if_fail (TD_IS_PAGE (self), FALSE);

  if (TD_PAGE_GET_IFACE (self)->cancel != NULL)
    return TD_PAGE_GET_IFACE (self)->cancel (self);
  return FALSE;
}

void
td_page_activate_primary (TdPage *self)
{
  g_return_if_fail (TD_IS_PAGE (self));

  if (TD_PAGE_GET_IFACE (self)->activate_primary != NULL)
    TD_PAGE_GET_IFACE (self)->activate_primary (self);
}

void
td_page_focus_first (TdPage *self)
{
  g_return_if_fail (TD_IS_PAGE (self));

  if (TD_PAGE_GET_IFACE (self)->focus_first != NULL)
    TD_PAGE_GET_IFACE (self)->focus_first (self);
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}
