/* td-account.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-account.h"
#include "td-account-list.h"

struct _TdAccount
{
  GObject        parent_instance;

  TdApiClient   *client;
  TdCredentials *credentials;
  GSettings     *settings;
  GSettings     *account_settings;
  gboolean       sandbox;
  char          *id;

  /* Indexed by TdProxyType; made on demand. */
  TdUserStore   *user_stores[TD_PROXY_TYPE_MOBILE + 1];
};

G_DEFINE_FINAL_TYPE (TdAccount, td_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CREDENTIALS,
  PROP_SETTINGS,
  PROP_SANDBOX,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
td_account_dispose (GObject *object)
{
  TdAccount *self = TD_ACCOUNT (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->user_stores); i++)
    g_clear_object (&self->user_stores[i]);
  g_clear_object (&self->client);
  g_clear_object (&self->credentials);
  g_clear_object (&self->settings);
  g_clear_object (&self->account_settings);

  G_OBJECT_CLASS (td_account_parent_class)->dispose (object);
}

static void
td_account_finalize (GObject *object)
{
  TdAccount *self = TD_ACCOUNT (object);

  g_free (self->id);

  G_OBJECT_CLASS (td_account_parent_class)->finalize (object);
}

static void
td_account_constructed (GObject *object)
{
  TdAccount *self = TD_ACCOUNT (object);

  G_OBJECT_CLASS (td_account_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = g_strdup ("");
  if (self->settings != NULL)
    self->account_settings = td_account_list_dup_settings (self->settings, self->id);
}

static void
td_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TdAccount *self = TD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SANDBOX:
      g_value_set_boolean (value, self->sandbox);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TdAccount *self = TD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CREDENTIALS:
      self->credentials = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_SANDBOX:
      self->sandbox = g_value_get_boolean (value);
      break;
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_account_class_init (TdAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_account_dispose;
  object_class->finalize = td_account_finalize;
  object_class->constructed = td_account_constructed;
  object_class->get_property = td_account_get_property;
  object_class->set_property = td_account_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         TD_TYPE_API_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL,
                         TD_TYPE_CREDENTIALS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SANDBOX] =
    g_param_spec_boolean ("sandbox", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_account_init (TdAccount *self)
{
}

TdAccount *
td_account_new (TdApiClient   *client,
                TdCredentials *credentials,
                GSettings     *settings,
                gboolean       sandbox)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (TD_IS_CREDENTIALS (credentials), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (TD_TYPE_ACCOUNT,
                       "client", client,
                       "credentials", credentials,
                       "settings", settings,
                       "sandbox", sandbox,
                       NULL);
}

TdAccount *
td_account_new_for_id (const char    *id,
                       TdApiClient   *client,
                       TdCredentials *credentials,
                       GSettings     *settings,
                       gboolean       sandbox)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (TD_IS_CREDENTIALS (credentials), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (TD_TYPE_ACCOUNT,
                       "id", id != NULL ? id : "",
                       "client", client,
                       "credentials", credentials,
                       "settings", settings,
                       "sandbox", sandbox,
                       NULL);
}

TdApiClient *
td_account_get_client (TdAccount *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT (self), NULL);

  return self->client;
}

TdCredentials *
td_account_get_credentials (TdAccount *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT (self), NULL);

  return self->credentials;
}

GSettings *
td_account_get_settings (TdAccount *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT (self), NULL);

  return self->settings;
}

gboolean
td_account_get_sandbox (TdAccount *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT (self), FALSE);

  return self->sandbox;
}

const char *
td_account_get_id (TdAccount *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT (self), NULL);

  return self->id;
}

GSettings *
td_account_get_account_settings (TdAccount *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT (self), NULL);

  return self->account_settings;
}

char *
td_account_dup_proxy_host (TdAccount   *self,
                           TdProxyType  proxy_type)
{
  g_autofree char *host = NULL;
  const char *key;

  g_return_val_if_fail (TD_IS_ACCOUNT (self), NULL);

  if (self->account_settings == NULL)
    return NULL;

  switch (proxy_type)
    {
    case TD_PROXY_TYPE_UNLIMITED:
      key = "unlimited-host";
      break;
    case TD_PROXY_TYPE_MOBILE:
      key = "mobile-host";
      break;
    case TD_PROXY_TYPE_RESIDENTIAL:
    default:
      key = "residential-host";
      break;
    }

  host = g_strstrip (g_settings_get_string (self->account_settings, key));

  return host[0] != '\0' ? g_steal_pointer (&host) : NULL;
}

void
td_account_use_form_fields (TdAccount *self)
{
  g_return_if_fail (TD_IS_ACCOUNT (self));

  /* This account's only: the others keep theirs. */
  if (self->account_settings != NULL)
    g_settings_set_string (self->account_settings, "request-encoding", "form");
  td_api_client_set_encoding (self->client, TD_REQUEST_ENCODING_FORM);
}

TdUserStore *
td_account_get_user_store (TdAccount   *self,
                           TdProxyType  proxy_type)
{
  g_return_val_if_fail (TD_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (td_proxy_type_is_valid (proxy_type), NULL);

  if (self->user_stores[proxy_type] == NULL)
    self->user_stores[proxy_type] = td_user_store_new (self->client, proxy_type);

  return self->user_stores[proxy_type];
}
