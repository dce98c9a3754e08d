/* td-import-row.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-import-row.h"

struct _TdImportRow
{
  GObject           parent_instance;

  guint             line;
  char             *cells[TD_IMPORT_N_FIELDS];
  gboolean          password_generated;
  TdImportRowState  state;
  char             *message;
  TdProxyUser      *user;
};

G_DEFINE_FINAL_TYPE (TdImportRow, td_import_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LINE,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_TRAFFIC_LIMIT,
  PROP_STATUS,
  PROP_PROXY_TYPE,
  PROP_PASSWORD_GENERATED,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The property of each field's cell. */
static const guint field_props[TD_IMPORT_N_FIELDS] = {
  PROP_USERNAME, PROP_PASSWORD, PROP_TRAFFIC_LIMIT, PROP_STATUS, PROP_PROXY_TYPE,
};

static void
td_import_row_finalize (GObject *object)
{
  TdImportRow *self = (TdImportRow *) object;

  for (guint i = 0; i < TD_IMPORT_N_FIELDS; i++)
    {
      if (i == TD_IMPORT_FIELD_PASSWORD)
        td_secret_free (self->cells[i]);
      else
        g_free (self->cells[i]);
    }
  g_free (self->message);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (td_import_row_parent_class)->finalize (object);
}

static void
td_import_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdImportRow *self = TD_IMPORT_ROW (object);

  switch (prop_id)
    {
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;

    case PROP_USERNAME:
    case PROP_PASSWORD:
    case PROP_TRAFFIC_LIMIT:
    case PROP_STATUS:
    case PROP_PROXY_TYPE:
      g_value_set_string (value, self->cells[prop_id - PROP_USERNAME]);
      break;

    case PROP_PASSWORD_GENERATED:
      g_value_set_boolean (value, self->password_generated);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_STATE_LABEL:
      g_value_set_string (value, td_import_row_state_to_string (self->state));
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_import_row_class_init (TdImportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = td_import_row_finalize;
  object_class->get_property = td_import_row_get_property;

  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_PASSWORD] = g_param_spec_string ("password", NULL, NULL, NULL, flags);
  properties[PROP_TRAFFIC_LIMIT] = g_param_spec_string ("traffic-limit", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_PROXY_TYPE] = g_param_spec_string ("proxy-type", NULL, NULL, NULL, flags);
  properties[PROP_PASSWORD_GENERATED] = g_param_spec_boolean ("password-generated", NULL, NULL, FALSE, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL,
                                             TD_IMPORT_ROW_READY, TD_IMPORT_ROW_UNKNOWN,
                                             TD_IMPORT_ROW_READY, flags);
  properties[PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_import_row_init (TdImportRow *self)
{
  for (guint i = 0; i < TD_IMPORT_N_FIELDS; i++)
    self->cells[i] = g_strdup ("");
}

TdImportRow *
td_import_row_new (guint line)
{
  TdImportRow *self = g_object_new (TD_TYPE_IMPORT_ROW, NULL);

  self->line = line;

  return self;
}

guint
td_import_row_get_line (TdImportRow *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_ROW (self), 0);

  return self->line;
}

const char *
td_import_row_get_cell (TdImportRow   *self,
                        TdImportField  field)
{
  g_return_val_if_fail (TD_IS_IMPORT_ROW (self), NULL);
  g_return_val_if_fail (field >= 0 && field < TD_IMPORT_N_FIELDS, NULL);

  return self->cells[field];
}

static void
replace_cell (TdImportRow   *self,
              TdImportField  field,
              char          *text)
{
  if (field == TD_IMPORT_FIELD_PASSWORD)
    td_secret_free (self->cells[field]);
  else
    g_free (self->cells[field]);
  self->cells[field] = text;
  g_object_notify_by_pspec (G_OBJECT (self), properties[field_props[field]]);
}

void
td_import_row_set_cell (TdImportRow   *self,
                        TdImportField  field,
                        const char    *text)
{
  g_return_if_fail (TD_IS_IMPORT_ROW (self));
  g_return_if_fail (field >= 0 && field < TD_IMPORT_N_FIELDS);

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->cells[field], text) == 0)
    return;

  replace_cell (self, field, g_strdup (text));

  if (field == TD_IMPORT_FIELD_PASSWORD && self->password_generated)
    {
      self->password_generated = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSWORD_GENERATED]);
    }
}

gboolean
td_import_row_get_password_generated (TdImportRow *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_ROW (self), FALSE);

  return self->password_generated;
}

/* Takes @password (freed with td_secret_free). */
void
td_import_row_set_generated_password (TdImportRow *self,
                                      char        *password)
{
  g_return_if_fail (TD_IS_IMPORT_ROW (self));
  g_return_if_fail (password != NULL);

  replace_cell (self, TD_IMPORT_FIELD_PASSWORD, password);
  if (!self->password_generated)
    {
      self->password_generated = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSWORD_GENERATED]);
    }
}

TdImportRowState
td_import_row_get_state (TdImportRow *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_ROW (self), TD_IMPORT_ROW_INVALID);

  return self->state;
}

const char *
td_import_row_get_message (TdImportRow *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_ROW (self), NULL);

  return self->message;
}

void
td_import_row_set_state (TdImportRow      *self,
                         TdImportRowState  state,
                         const char       *message)
{
  g_return_if_fail (TD_IS_IMPORT_ROW (self));

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
    }

  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

TdProxyUser *
td_import_row_get_user (TdImportRow *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_ROW (self), NULL);

  return self->user;
}

void
td_import_row_set_user (TdImportRow *self,
                        TdProxyUser *user)
{
  g_return_if_fail (TD_IS_IMPORT_ROW (self));

  g_set_object (&self->user, user);
}

const char *
td_import_row_state_to_string (TdImportRowState state)
{
  switch (state)
    {
    case TD_IMPORT_ROW_READY:
      /* Translators: the state of a row of an import, before creating */
      return C_("import row state", "New");
    case TD_IMPORT_ROW_INVALID:
      return C_("import row state", "Invalid");
    case TD_IMPORT_ROW_DUPLICATE:
      /* Translators: the username is on another row of the same file */
      return C_("import row state", "Repeated");
    case TD_IMPORT_ROW_EXISTS:
      /* Translators: the account already has this proxy user */
      return C_("import row state", "Exists");
    case TD_IMPORT_ROW_WAITING:
      return C_("import row state", "Waiting");
    case TD_IMPORT_ROW_SENDING:
      return C_("import row state", "Sending");
    case TD_IMPORT_ROW_CREATED:
      return C_("import row state", "Created");
    case TD_IMPORT_ROW_FAILED:
      return C_("import row state", "Failed");
    case TD_IMPORT_ROW_UNKNOWN:
      /* Translators: a create was sent, but no answer came back */
      return C_("import row state", "Unknown");
    default:
      g_return_val_if_reached (NULL);
    }
}
