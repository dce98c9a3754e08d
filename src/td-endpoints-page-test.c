/* td-endpoints-page-test.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Endpoints page's live test: through the gateway, or in the sandbox
 * through its stand-in (td-sandbox-gateway.h). */

#include "config.h"

#include <glib/gi18n.h>

#include "td-endpoints-page-private.h"
#include "td-sandbox-gateway.h"

/* The sandbox's users exist only inside Thordesk: Thordata's gateway does
 * not know them, and nothing may go to it with a made-up login.  So in the
 * sandbox, Test goes through the sandbox's stand-in of the gateway
 * (td-sandbox-gateway.h), on this computer, which checks the login
 * against the sandbox's users and answers like the IP check. */
gboolean
td_endpoints_page_in_sandbox (TdEndpointsPage *self)
{
  return self->account != NULL && td_account_get_sandbox (self->account);
}

/* The stand-in of this page's sandbox, or NULL (none running, or not in
 * the sandbox: then the real gateway is used). */
static TdSandboxGateway *
sandbox_gateway (TdEndpointsPage *self)
{
  TdApiClient *client;

  if (!td_endpoints_page_in_sandbox (self) || (client = td_account_get_client (self->account)) == NULL)
    return NULL;

  return td_sandbox_gateway_lookup (td_api_client_get_base_url (client));
}

gboolean
td_endpoints_page_can_test (TdEndpointsPage *self)
{
  return !td_endpoints_page_in_sandbox (self) || sandbox_gateway (self) != NULL;
}

static void
set_busy (TdEndpointsPage *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  td_busy_indicator_set_spinning (self->busy_indicator, busy);
  gtk_widget_set_visible (self->stop_button, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.stop-test", busy);
  td_endpoints_page_update_outputs (self);
  g_object_notify (G_OBJECT (self), "busy");
}

static void
on_test_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdEndpointsPage) self = user_data;
  g_autoptr(TdIpCheckResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GtkRoot *root;
  GtkWidget *focus;

  answer = td_ip_check_run_finish (TD_IP_CHECK (source), result, &error);
  g_clear_object (&self->test_cancellable);
  set_busy (self, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_string_append (text, _("Test stopped."));
    }
  else if (answer == NULL)
    {
      g_string_append_printf (text, _("The endpoint does not work: %s"), error->message);
    }
  else
    {
      g_string_append_printf (text, _("The endpoint works. Exit IP: %s"), answer->ip);
      if (answer->country != NULL)
        g_string_append_printf (text, "\n%s %s", _("Country:"), answer->country);
      if (answer->region != NULL)
        g_string_append_printf (text, "\n%s %s", _("Region:"), answer->region);
      if (answer->city != NULL)
        g_string_append_printf (text, "\n%s %s", _("City:"), answer->city);
      if (answer->organization != NULL)
        g_string_append_printf (text, "\n%s %s", _("Network:"), answer->organization);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Answered in %.1f seconds."), answer->seconds);
    }

  gtk_label_set_text (self->test_result, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), TRUE);

  /* GTK 4.8 has no announcement: the result is heard by taking the focus
   * there, when the focus is on this page (the admin waited for it) or
   * nowhere (Test, insensitive while busy, lost it). */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (root != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    gtk_widget_grab_focus (GTK_WIDGET (self->test_result));
}

void
td_endpoints_page_test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (widget);
  g_autoptr(TdGatewayLogin) login = NULL;
  g_autoptr(GError) error = NULL;
  TdSandboxGateway *gateway = sandbox_gateway (self);
  TdIpCheck *check = self->ip_check;

  /* One test at a time; in the sandbox, only through its stand-in. */
  if (self->busy || (td_endpoints_page_in_sandbox (self) && gateway == NULL))
    return;

  /* Preferences checks the address; one saved another way is not used. */
  if (gateway == NULL && !td_ip_check_address_check (td_ip_check_get_url (check), &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why the IP check address is refused */
      text = g_strdup_printf (_("Nothing was sent: the IP check address in Preferences is "
                                "refused. %s"), error->message);
      gtk_label_set_text (self->test_result, text);
      gtk_widget_set_visible (GTK_WIDGET (self->test_result), TRUE);
      return;
    }

  login = td_endpoints_page_dup_login (self);
  if (gateway != NULL)
    {
      if (self->sandbox_check == NULL)
        {
          self->sandbox_check = td_ip_check_new ();
          td_ip_check_set_url (self->sandbox_check, TD_SANDBOX_GATEWAY_IP_CHECK_URL);
        }
      td_sandbox_gateway_point_login (gateway, login);
      check = self->sandbox_check;
    }

  self->test_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->test_result, _("Testing…"));
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), TRUE);
  set_busy (self, TRUE);
  td_ip_check_run_async (check, login, self->test_cancellable,
                         on_test_done, g_object_ref (self));
}

void
td_endpoints_page_stop_test_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (widget);

  g_cancellable_cancel (self->test_cancellable);
}
