/* td-proxy-user.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "td-proxy-user.h"

#define GATEWAY_LOGIN_PREFIX "td-customer-"

struct _TdProxyUser
{
  GObject      parent_instance;

  TdProxyType  proxy_type;
  char        *username;
  /* td_search_key() of username, made when first asked for. */
  char        *search_key;
  /* td_username_dup_display() of username, made when first asked for. */
  char        *display_name;
  char        *password;
  gint64       traffic_limit;
  GDateTime   *created_time;
  double       usage_traffic;
  guint        enabled : 1;
};

G_DEFINE_FINAL_TYPE (TdProxyUser, td_proxy_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROXY_TYPE,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_TRAFFIC_LIMIT,
  PROP_ENABLED,
  PROP_CREATED_TIME,
  PROP_USAGE_TRAFFIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Overwrites @len bytes in a way the compiler may not optimise away. */
static void
wipe_memory (void  *data,
             gsize  len)
{
  g_assert (data != NULL || len == 0);

  if (len > 0)
    explicit_bzero (data, len);
}

void
td_secret_free (char *secret)
{
  if (secret == NULL)
    return;

  wipe_memory (secret, strlen (secret));
  g_free (secret);
}

static void
td_proxy_user_finalize (GObject *object)
{
  TdProxyUser *self = (TdProxyUser *)object;

  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->password, td_secret_free);
  g_clear_pointer (&self->created_time, g_date_time_unref);

  G_OBJECT_CLASS (td_proxy_user_parent_class)->finalize (object);
}

static void
td_proxy_user_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdProxyUser *self = TD_PROXY_USER (object);

  switch (prop_id)
    {
    case PROP_PROXY_TYPE:
      g_value_set_int (value, self->proxy_type);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;

    case PROP_PASSWORD:
      g_value_set_string (value, self->password);
      break;

    case PROP_TRAFFIC_LIMIT:
      g_value_set_int64 (value, self->traffic_limit);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_CREATED_TIME:
      g_value_set_boxed (value, self->created_time);
      break;

    case PROP_USAGE_TRAFFIC:
      g_value_set_double (value, self->usage_traffic);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_proxy_user_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TdProxyUser *self = TD_PROXY_USER (object);

  switch (prop_id)
    {
    case PROP_PROXY_TYPE:
      td_proxy_user_set_proxy_type (self, g_value_get_int (value));
      break;

    case PROP_USERNAME:
      td_proxy_user_set_username (self, g_value_get_string (value));
      break;

    case PROP_PASSWORD:
      td_proxy_user_set_password (self, g_value_get_string (value));
      break;

    case PROP_TRAFFIC_LIMIT:
      td_proxy_user_set_traffic_limit (self, g_value_get_int64 (value));
      break;

    case PROP_ENABLED:
      td_proxy_user_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED_TIME:
      td_proxy_user_set_created_time (self, g_value_get_boxed (value));
      break;

    case PROP_USAGE_TRAFFIC:
      td_proxy_user_set_usage_traffic (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_proxy_user_class_init (TdProxyUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_proxy_user_finalize;
  object_class->get_property = td_proxy_user_get_property;
  object_class->set_property = td_proxy_user_set_property;

  properties[PROP_PROXY_TYPE] =
    g_param_spec_int ("proxy-type", NULL, NULL,
                      TD_PROXY_TYPE_RESIDENTIAL, TD_PROXY_TYPE_MOBILE,
                      TD_PROXY_TYPE_RESIDENTIAL,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_TRAFFIC_LIMIT] =
    g_param_spec_int64 ("traffic-limit", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CREATED_TIME] =
    g_param_spec_boxed ("created-time", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* In MB; -1 when unknown. */
  properties[PROP_USAGE_TRAFFIC] =
    g_param_spec_double ("usage-traffic", NULL, NULL,
                         -1.0, G_MAXDOUBLE, -1.0,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_proxy_user_init (TdProxyUser *self)
{
  self->proxy_type = TD_PROXY_TYPE_RESIDENTIAL;
  self->traffic_limit = 0;
  self->usage_traffic = -1.0;
  self->enabled = TRUE;
}

TdProxyUser *
td_proxy_user_new (void)
{
  return g_object_new (TD_TYPE_PROXY_USER, NULL);
}

TdProxyUser *
td_proxy_user_new_full (TdProxyType  proxy_type,
                        const char  *username,
                        const char  *password,
                        gint64       traffic_limit,
                        gboolean     enabled)
{
  TdProxyUser *user = td_proxy_user_new ();

  /* Nobody listens to a new object yet: the setters notify no one. */
  td_proxy_user_set_proxy_type (user, proxy_type);
  td_proxy_user_set_username (user, username);
  td_proxy_user_set_password (user, password);
  td_proxy_user_set_traffic_limit (user, traffic_limit);
  td_proxy_user_set_enabled (user, enabled);

  return user;
}

TdProxyType
td_proxy_user_get_proxy_type (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), TD_PROXY_TYPE_RESIDENTIAL);

  return self->proxy_type;
}

void
td_proxy_user_set_proxy_type (TdProxyUser *self,
                              TdProxyType  proxy_type)
{
  g_return_if_fail (TD_IS_PROXY_USER (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));

  if (self->proxy_type == proxy_type)
    return;

  self->proxy_type = proxy_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROXY_TYPE]);
}

const char *
td_proxy_user_get_username (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), NULL);

  return self->username;
}

void
td_proxy_user_set_username (TdProxyUser *self,
                            const char  *username)
{
  g_return_if_fail (TD_IS_PROXY_USER (self));

  if (g_strcmp0 (self->username, username) == 0)
    return;

  g_free (self->username);
  self->username = g_strdup (username);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
}

const char *
td_proxy_user_get_search_key (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), NULL);

  if (self->search_key == NULL)
    self->search_key = td_search_key (self->username != NULL ? self->username : "");

  return self->search_key;
}

const char *
td_proxy_user_get_display_name (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), NULL);

  if (self->display_name == NULL)
    self->display_name = td_username_dup_display (self->username);

  return self->display_name;
}

gboolean
td_proxy_user_is_name_flagged (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), TRUE);

  return !td_username_is_conforming (self->username);
}

const char *
td_proxy_user_get_password (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), NULL);

  return self->password;
}

void
td_proxy_user_set_password (TdProxyUser *self,
                            const char  *password)
{
  g_return_if_fail (TD_IS_PROXY_USER (self));

  if (g_strcmp0 (self->password, password) == 0)
    return;

  g_clear_pointer (&self->password, td_secret_free);
  self->password = g_strdup (password);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSWORD]);
}

gint64
td_proxy_user_get_traffic_limit (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), 0);

  return self->traffic_limit;
}

void
td_proxy_user_set_traffic_limit (TdProxyUser *self,
                                 gint64       traffic_limit_mb)
{
  g_return_if_fail (TD_IS_PROXY_USER (self));
  g_return_if_fail (traffic_limit_mb >= 0);

  if (self->traffic_limit == traffic_limit_mb)
    return;

  self->traffic_limit = traffic_limit_mb;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAFFIC_LIMIT]);
}

gboolean
td_proxy_user_get_enabled (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), FALSE);

  return self->enabled;
}

void
td_proxy_user_set_enabled (TdProxyUser *self,
                           gboolean     enabled)
{
  g_return_if_fail (TD_IS_PROXY_USER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

GDateTime *
td_proxy_user_get_created_time (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), NULL);

  return self->created_time;
}

void
td_proxy_user_set_created_time (TdProxyUser *self,
                                GDateTime   *created_time)
{
  g_return_if_fail (TD_IS_PROXY_USER (self));

  if (self->created_time == created_time ||
      (self->created_time != NULL && created_time != NULL &&
       g_date_time_equal (self->created_time, created_time)))
    return;

  g_clear_pointer (&self->created_time, g_date_time_unref);
  if (created_time != NULL)
    self->created_time = g_date_time_ref (created_time);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_TIME]);
}

double
td_proxy_user_get_usage_traffic (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), -1.0);

  return self->usage_traffic;
}

/* Any negative or non-finite amount means "unknown" and is kept as -1. */
void
td_proxy_user_set_usage_traffic (TdProxyUser *self,
                                 double       usage_traffic_mb)
{
  g_return_if_fail (TD_IS_PROXY_USER (self));

  if (!isfinite (usage_traffic_mb) || usage_traffic_mb < 0)
    usage_traffic_mb = -1.0;

  if (self->usage_traffic == usage_traffic_mb)
    return;

  self->usage_traffic = usage_traffic_mb;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USAGE_TRAFFIC]);
}

TdProxyUser *
td_proxy_user_copy (TdProxyUser *self)
{
  TdProxyUser *copy;

  g_return_val_if_fail (TD_IS_PROXY_USER (self), NULL);

  /* Nobody listens to a new object yet, so no notification is lost. */
  copy = td_proxy_user_new ();
  copy->proxy_type = self->proxy_type;
  copy->username = g_strdup (self->username);
  copy->password = g_strdup (self->password);
  copy->traffic_limit = self->traffic_limit;
  copy->enabled = self->enabled;
  copy->usage_traffic = self->usage_traffic;
  if (self->created_time != NULL)
    copy->created_time = g_date_time_ref (self->created_time);

  return copy;
}

static gboolean
traffic_limit_is_valid (gint64 traffic_limit_mb)
{
  return traffic_limit_mb == 0 ||
         (traffic_limit_mb >= TD_TRAFFIC_LIMIT_MIN_MB &&
          traffic_limit_mb <= TD_TRAFFIC_LIMIT_MAX_MB);
}

gboolean
td_proxy_user_is_valid (TdProxyUser *self)
{
  g_autofree char *username_problem = NULL;
  g_autofree char *password_problem = NULL;

  g_return_val_if_fail (TD_IS_PROXY_USER (self), FALSE);

  username_problem = td_validate_username (self->username);
  password_problem = td_validate_password (self->password);

  return td_proxy_type_is_valid (self->proxy_type) &&
         username_problem == NULL &&
         password_problem == NULL &&
         traffic_limit_is_valid (self->traffic_limit);
}

char *
td_proxy_user_dup_gateway_login (TdProxyUser *self)
{
  g_return_val_if_fail (TD_IS_PROXY_USER (self), NULL);

  return g_strconcat (GATEWAY_LOGIN_PREFIX, self->username ? self->username : "", NULL);
}

char *
td_proxy_user_dup_proxy_url (TdProxyUser *self,
                             const char  *host)
{
  g_autofree char *login = NULL;
  g_autofree char *escaped_login = NULL;
  g_autofree char *escaped_password = NULL;
  g_autofree char *clean_host = NULL;
  g_autofree char *url = NULL;
  gboolean bracket;

  g_return_val_if_fail (TD_IS_PROXY_USER (self), NULL);

  if (host != NULL)
    clean_host = g_strstrip (g_strdup (host));
  if (clean_host == NULL || clean_host[0] == '\0')
    {
      g_free (clean_host);
      clean_host = g_strdup (td_proxy_type_get_default_host (self->proxy_type));
    }

  /* An IPv6 literal needs brackets in a URL. */
  bracket = strchr (clean_host, ':') != NULL && clean_host[0] != '[';

  login = td_proxy_user_dup_gateway_login (self);
  escaped_login = g_uri_escape_string (login, NULL, FALSE);
  escaped_password = g_uri_escape_string (self->password ? self->password : "", NULL, FALSE);

  url = g_strdup_printf ("http://%s:%s@%s%s%s:%u",
                         escaped_login, escaped_password,
                         bracket ? "[" : "", clean_host, bracket ? "]" : "",
                         (guint) td_proxy_type_get_port (self->proxy_type));

  g_clear_pointer (&escaped_password, td_secret_free);

  return g_steal_pointer (&url);
}

gboolean
td_proxy_type_is_valid (int proxy_type)
{
  return proxy_type == TD_PROXY_TYPE_RESIDENTIAL ||
         proxy_type == TD_PROXY_TYPE_UNLIMITED ||
         proxy_type == TD_PROXY_TYPE_MOBILE;
}

const char *
td_proxy_type_get_default_host (TdProxyType proxy_type)
{
  switch (proxy_type)
    {
    case TD_PROXY_TYPE_RESIDENTIAL:
    case TD_PROXY_TYPE_UNLIMITED:
      return "t.pr.thordata.net";

    case TD_PROXY_TYPE_MOBILE:
      return "m.pr.thordata.net";

    default:
      g_return_val_if_reached (NULL);
    }
}

guint16
td_proxy_type_get_port (TdProxyType proxy_type)
{
  switch (proxy_type)
    {
    case TD_PROXY_TYPE_RESIDENTIAL:
    case TD_PROXY_TYPE_UNLIMITED:
      return 9999;

    case TD_PROXY_TYPE_MOBILE:
      return 5555;

    default:
      g_return_val_if_reached (0);
    }
}

const char *
td_proxy_type_get_display_name (TdProxyType proxy_type)
{
  switch (proxy_type)
    {
    case TD_PROXY_TYPE_RESIDENTIAL:
      /* Translators: a kind of proxy sold by Thordata */
      return _("Residential");

    case TD_PROXY_TYPE_UNLIMITED:
      /* Translators: a kind of proxy sold by Thordata, with unmetered traffic */
      return _("Unlimited");

    case TD_PROXY_TYPE_MOBILE:
      /* Translators: a kind of proxy sold by Thordata, using mobile networks */
      return _("Mobile");

    default:
      g_return_val_if_reached (NULL);
    }
}

/* Validation */

typedef enum
{
  TEXT_OK,
  TEXT_HAS_SPACE,
  TEXT_HAS_OTHER,
} TextCheck;

/* Checks that @text holds only ASCII letters and digits.  @text may be
 * any bytes, including invalid UTF-8. */
static TextCheck
check_letters_and_digits (const char *text)
{
  gboolean has_space = FALSE;

  g_assert (text != NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return TEXT_HAS_OTHER;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_isalnum (c))
        continue;
      else if (g_unichar_isspace (c))
        has_space = TRUE;
      else
        return TEXT_HAS_OTHER;
    }

  return has_space ? TEXT_HAS_SPACE : TEXT_OK;
}

static char *
check_text_length (const char *text)
{
  glong n_chars;

  g_assert (text != NULL);

  /* Characters, not bytes. */
  n_chars = g_utf8_strlen (text, -1);

  if (n_chars < TD_USERNAME_MIN_LENGTH)
    {
      /* Translators: shown under a user name or password field */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Use at least %d character.",
                                           "Use at least %d characters.",
                                           TD_USERNAME_MIN_LENGTH),
                              TD_USERNAME_MIN_LENGTH);
    }

  if (n_chars > TD_USERNAME_MAX_LENGTH)
    {
      /* Translators: shown under a user name or password field */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Use at most %d character.",
                                           "Use at most %d characters.",
                                           TD_USERNAME_MAX_LENGTH),
                              TD_USERNAME_MAX_LENGTH);
    }

  return NULL;
}

static char *
check_characters (const char *text)
{
  g_assert (text != NULL);

  switch (check_letters_and_digits (text))
    {
    case TEXT_OK:
      return NULL;

    case TEXT_HAS_SPACE:
      return g_strdup (_("Remove the spaces: only letters and digits are allowed."));

    case TEXT_HAS_OTHER:
    default:
      /* Translators: the letters and digits allowed in proxy user names
       * and passwords; “A–Z” means the 26 unaccented Latin letters */
      return g_strdup (_("Use only the letters A–Z and a–z and the digits 0–9."));
    }
}

char *
td_search_key (const char *text)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (normalized == NULL)
    return g_strdup ("");

  return g_utf8_casefold (normalized, -1);
}

char *
td_validate_username (const char *text)
{
  char *problem;

  G_STATIC_ASSERT (TD_USERNAME_MIN_LENGTH == TD_PASSWORD_MIN_LENGTH);
  G_STATIC_ASSERT (TD_USERNAME_MAX_LENGTH == TD_PASSWORD_MAX_LENGTH);

  if (text == NULL || text[0] == '\0')
    return g_strdup (_("Enter a username."));

  if ((problem = check_characters (text)) != NULL)
    return problem;

  return check_text_length (text);
}

gboolean
td_username_is_conforming (const char *username)
{
  gsize length = 0;

  if (username == NULL)
    return FALSE;

  for (const char *p = username; *p != '\0'; p++, length++)
    {
      if (!g_ascii_isalnum (*p) || length >= TD_USERNAME_MAX_LENGTH)
        return FALSE;
    }

  return length >= TD_USERNAME_MIN_LENGTH;
}

char *
td_username_dup_display (const char *username)
{
  GString *out;
  const char *p;

  if (username == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (username));

  for (p = username; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte itself. */
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }

      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c > 0x20 && c < 0x7f)
        g_string_append_c (out, (char) c);
      else if (c <= 0xffff)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_printf (out, "\\U%08X", c);

      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

char *
td_validate_password (const char *text)
{
  char *problem;

  if (text == NULL || text[0] == '\0')
    return g_strdup (_("Enter a password."));

  if ((problem = check_characters (text)) != NULL)
    return problem;

  if (!g_ascii_isalpha (text[0]))
    return g_strdup (_("Start the password with a letter."));

  return check_text_length (text);
}

char *
td_parse_traffic_limit (const char    *text,
                        TdTrafficUnit  unit,
                        gint64        *out_mb)
{
  const gint64 max_in_unit = unit == TD_TRAFFIC_UNIT_GB ? TD_TRAFFIC_LIMIT_MAX_MB / 1024
                                                        : TD_TRAFFIC_LIMIT_MAX_MB;
  const char *start;
  const char *end;
  gint64 value = 0;
  gboolean too_large = FALSE;
  gint64 mb;

  g_return_val_if_fail (unit == TD_TRAFFIC_UNIT_MB || unit == TD_TRAFFIC_UNIT_GB, NULL);
  g_return_val_if_fail (out_mb != NULL, NULL);

  G_STATIC_ASSERT (TD_TRAFFIC_LIMIT_MAX_MB <= G_MAXINT);

  if (text == NULL)
    text = "";

  start = text;
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  if (start == end)
    return g_strdup (_("Enter a traffic limit, or turn on Unlimited."));

  for (const char *p = start; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return g_strdup (_("Enter a whole number, like 500."));
    }

  /* Stop accumulating as soon as the value is over the maximum, so that
   * neither the parsing nor the conversion to MB can overflow. */
  for (const char *p = start; p < end && !too_large; p++)
    {
      value = value * 10 + (*p - '0');
      if (value > max_in_unit)
        too_large = TRUE;
    }

  if (too_large)
    {
      if (unit == TD_TRAFFIC_UNIT_GB)
        /* Translators: %'d is a number written with the digit grouping of
         * the language (2.147.483.647 in German); keep the apostrophe */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The largest limit is %'d GB.",
                                             "The largest limit is %'d GB.",
                                             (gulong) max_in_unit),
                                (int) max_in_unit);
      else
        /* Translators: %'d is a number written with the digit grouping of
         * the language (2.147.483.647 in German); keep the apostrophe */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The largest limit is %'d MB.",
                                             "The largest limit is %'d MB.",
                                             (gulong) max_in_unit),
                                (int) max_in_unit);
    }

  mb = unit == TD_TRAFFIC_UNIT_GB ? value * 1024 : value;

  if (mb > 0 && mb < TD_TRAFFIC_LIMIT_MIN_MB)
    {
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The smallest limit is %d MB (use 0 for unlimited).",
                                           "The smallest limit is %d MB (use 0 for unlimited).",
                                           TD_TRAFFIC_LIMIT_MIN_MB),
                              TD_TRAFFIC_LIMIT_MIN_MB);
    }

  *out_mb = mb;

  return NULL;
}

/* Password generator */

static const char upper_letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
static const char lower_letters[] = "abcdefghijklmnopqrstuvwxyz";
static const char digits[] = "0123456789";

/* Fills @buf with bytes from the kernel's cryptographic source. */
static void
fill_random (guint8 *buf,
             gsize   len)
{
  gsize done = 0;

  g_assert (buf != NULL);

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          /* Never fall back to a weak source for a password. */
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }

      done += n;
    }
}

/* A uniformly chosen index below @n (n <= 256), by rejection sampling:
 * bytes at or above the largest multiple of @n are drawn again. */
static guint
random_index (guint n)
{
  guint limit;
  guint8 byte;
  guint index;

  g_assert (n > 0 && n <= 256);

  limit = 256 - (256 % n);

  do
    fill_random (&byte, 1);
  while (byte >= limit);

  index = byte % n;
  wipe_memory (&byte, sizeof byte);

  return index;
}

char *
td_generate_password (guint length)
{
  g_autofree char *alphabet = g_strconcat (upper_letters, lower_letters, digits, NULL);
  const guint n_letters = strlen (upper_letters) + strlen (lower_letters);
  const guint n_all = strlen (alphabet);
  char *password;
  gboolean has_upper;
  gboolean has_lower;
  gboolean has_digit;

  length = CLAMP (length, TD_PASSWORD_MIN_LENGTH, TD_PASSWORD_MAX_LENGTH);
  password = g_malloc0 (length + 1);

  /* Draw whole passwords until one has every kind of character: every
   * acceptable password stays equally likely. */
  do
    {
      has_upper = has_lower = has_digit = FALSE;

      for (guint i = 0; i < length; i++)
        {
          char c = alphabet[random_index (i == 0 ? n_letters : n_all)];

          has_upper |= g_ascii_isupper (c);
          has_lower |= g_ascii_islower (c);
          has_digit |= g_ascii_isdigit (c);
          password[i] = c;
        }
    }
  while (!has_upper || !has_lower || !has_digit);

  return password;
}
