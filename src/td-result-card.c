/* td-result-card.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "td-clipboard.h"
#include "td-result-card.h"

/* What a created user needs to be used right away: the gateway login,
 * its password and a proxy URL, each with a copy button.  Passwords are
 * shown as dots until revealed, and copied with a hint that asks
 * clipboard managers not to keep them. */

struct _TdResultCard
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *title_label;
  AdwActionRow   *login_row;
  AdwActionRow   *password_row;
  AdwActionRow   *url_row;
  GtkToggleButton *reveal_button;
  GtkWidget      *copy_login_button;
  GtkWidget      *endpoints_button;

  char           *login;
  char           *password;
  char           *url;
  char           *masked_url;
  /* The user shown, for its endpoints. */
  char           *username;
  TdProxyType     proxy_type;
};

G_DEFINE_FINAL_TYPE (TdResultCard, td_result_card, GTK_TYPE_WIDGET)

static void
wipe_string (char **str)
{
  g_assert (str != NULL);

  if (*str != NULL)
    {
      explicit_bzero (*str, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

/* "scheme://login:password@host:port" with the password as dots.  User and
 * password are percent-encoded in the URL, so neither holds ':' or '@'. */
static char *
mask_url_password (const char *url)
{
  const char *authority;
  const char *colon;
  const char *at;

  if (url == NULL)
    return NULL;

  authority = strstr (url, "://");
  at = strrchr (url, '@');
  if (authority == NULL || at == NULL)
    return g_strdup (url);

  colon = memchr (authority + 3, ':', at - (authority + 3));
  if (colon == NULL)
    return g_strdup (url);

  return g_strdup_printf ("%.*s••••••••%s", (int)(colon + 1 - url), url, at);
}

static void
copy_text (TdResultCard *self,
           const char   *text,
           gboolean      secret,
           const char   *toast)
{
  g_assert (TD_IS_RESULT_CARD (self));

  if (text == NULL)
    return;

  if (secret)
    td_clipboard_copy_secret (GTK_WIDGET (self), text);
  else
    td_clipboard_copy_text (GTK_WIDGET (self), text);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", toast);
}

static void
copy_login_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TdResultCard *self = TD_RESULT_CARD (widget);

  copy_text (self, self->login, FALSE, _("Gateway login copied"));
}

static void
copy_password_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TdResultCard *self = TD_RESULT_CARD (widget);

  copy_text (self, self->password, TRUE, _("Password copied"));
}

static void
copy_url_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TdResultCard *self = TD_RESULT_CARD (widget);

  copy_text (self, self->url, TRUE, _("Proxy URL copied"));
}

/* The Endpoints page, with the user just created chosen. */
static void
endpoints_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  TdResultCard *self = TD_RESULT_CARD (widget);

  if (self->username == NULL)
    return;

  gtk_widget_activate_action (widget, "win.show-endpoints", "(is)",
                              (int) self->proxy_type, self->username);
}

static void
dismiss_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  TdResultCard *self = TD_RESULT_CARD (widget);

  td_result_card_clear (self);
}

static void
update_secrets_shown (TdResultCard *self)
{
  gboolean revealed;

  g_assert (TD_IS_RESULT_CARD (self));

  revealed = gtk_toggle_button_get_active (self->reveal_button);

  if (revealed && self->password != NULL)
    {
      adw_action_row_set_subtitle (self->password_row, self->password);
      adw_action_row_set_subtitle (self->url_row, self->url);
    }
  else
    {
      /* Translators: shown instead of a hidden password */
      adw_action_row_set_subtitle (self->password_row, self->password ? _("••••••••") : "");
      adw_action_row_set_subtitle (self->url_row, self->masked_url ? self->masked_url : "");
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reveal_button),
                               revealed ? _("Hide the Password") : _("Show the Password"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reveal_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  revealed ? _("Hide the password") : _("Show the password"),
                                  -1);
  gtk_button_set_icon_name (GTK_BUTTON (self->reveal_button),
                            revealed ? "view-conceal-symbolic" : "view-reveal-symbolic");
}

static void
on_reveal_toggled (TdResultCard *self)
{
  update_secrets_shown (self);
}

void
td_result_card_show_user (TdResultCard *self,
                          TdProxyUser  *user,
                          const char   *host)
{
  g_autofree char *title = NULL;

  g_return_if_fail (TD_IS_RESULT_CARD (self));
  g_return_if_fail (TD_IS_PROXY_USER (user));

  td_result_card_clear (self);

  self->login = td_proxy_user_dup_gateway_login (user);
  self->password = g_strdup (td_proxy_user_get_password (user));
  self->url = td_proxy_user_dup_proxy_url (user, host);

  self->masked_url = mask_url_password (self->url);
  self->username = g_strdup (td_proxy_user_get_username (user));
  self->proxy_type = td_proxy_user_get_proxy_type (user);

  /* Translators: %s is the username of the proxy user just created */
  title = g_strdup_printf (_("Proxy user “%s” created"), td_proxy_user_get_username (user));
  gtk_label_set_label (self->title_label, title);
  adw_action_row_set_subtitle (self->login_row, self->login);

  gtk_toggle_button_set_active (self->reveal_button, FALSE);
  update_secrets_shown (self);

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
td_result_card_clear (TdResultCard *self)
{
  g_return_if_fail (TD_IS_RESULT_CARD (self));

  g_clear_pointer (&self->login, g_free);
  wipe_string (&self->password);
  wipe_string (&self->url);
  g_clear_pointer (&self->masked_url, g_free);
  g_clear_pointer (&self->username, g_free);

  gtk_toggle_button_set_active (self->reveal_button, FALSE);
  adw_action_row_set_subtitle (self->login_row, "");
  adw_action_row_set_subtitle (self->password_row, "");
  adw_action_row_set_subtitle (self->url_row, "");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

const char *
td_result_card_get_login (TdResultCard *self)
{
  g_return_val_if_fail (TD_IS_RESULT_CARD (self), NULL);

  return self->login;
}

void
td_result_card_focus (TdResultCard *self)
{
  g_return_if_fail (TD_IS_RESULT_CARD (self));

  gtk_widget_grab_focus (self->copy_login_button);
}

static void
td_result_card_dispose (GObject *object)
{
  TdResultCard *self = (TdResultCard *)object;

  g_clear_pointer (&self->login, g_free);
  wipe_string (&self->password);
  wipe_string (&self->url);
  g_clear_pointer (&self->masked_url, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (td_result_card_parent_class)->dispose (object);
}

static void
td_result_card_class_init (TdResultCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_result_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-result-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TdResultCard, box);
  gtk_widget_class_bind_template_child (widget_class, TdResultCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, TdResultCard, login_row);
  gtk_widget_class_bind_template_child (widget_class, TdResultCard, password_row);
  gtk_widget_class_bind_template_child (widget_class, TdResultCard, url_row);
  gtk_widget_class_bind_template_child (widget_class, TdResultCard, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, TdResultCard, copy_login_button);
  gtk_widget_class_bind_template_child (widget_class, TdResultCard, endpoints_button);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_toggled);

  gtk_widget_class_install_action (widget_class, "card.copy-login", NULL, copy_login_cb);
  gtk_widget_class_install_action (widget_class, "card.copy-password", NULL, copy_password_cb);
  gtk_widget_class_install_action (widget_class, "card.copy-url", NULL, copy_url_cb);
  gtk_widget_class_install_action (widget_class, "card.dismiss", NULL, dismiss_cb);
  gtk_widget_class_install_action (widget_class, "card.endpoints", NULL, endpoints_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tdresultcard");
}

static void
td_result_card_init (TdResultCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TdResultCard *
td_result_card_new (void)
{
  return g_object_new (TD_TYPE_RESULT_CARD, NULL);
}
