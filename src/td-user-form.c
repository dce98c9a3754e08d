/* td-user-form.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-error.h"
#include "td-user-form.h"

/* The fields of a proxy user, with their validation and the touched
 * state that decides when a field's message shows: the Create page and
 * the edit dialog both use it. */

struct _TdUserForm
{
  AdwBin       parent_instance;

  /* Template widgets */
  GtkWidget   *form_list;
  AdwComboRow *proxy_type_row;
  GtkWidget   *username_row;
  GtkWidget   *username_entry;
  GtkWidget   *username_error_row;
  GtkLabel    *username_error;
  GtkWidget   *password_row;
  GtkWidget   *password_entry;
  GtkWidget   *peek_button;
  GtkWidget   *password_error_row;
  GtkLabel    *password_error;
  GtkWidget   *limit_row;
  GtkWidget   *limit_entry;
  GtkDropDown *unit_dropdown;
  GtkWidget   *limit_error_row;
  GtkLabel    *limit_error;
  GtkSwitch   *unlimited_switch;
  GtkSwitch   *enabled_switch;
  GtkWidget   *unlimited_row;
  GtkWidget   *enabled_row;

  guint        editing : 1;
  guint        username_touched : 1;
  guint        password_touched : 1;
  guint        limit_touched : 1;
};

G_DEFINE_FINAL_TYPE (TdUserForm, td_user_form, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  CHANGED,
  ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

TdProxyType
td_user_form_get_proxy_type (TdUserForm *self)
{
  g_return_val_if_fail (TD_IS_USER_FORM (self), TD_PROXY_TYPE_RESIDENTIAL);

  switch (adw_combo_row_get_selected (self->proxy_type_row))
    {
    case 1:
      return TD_PROXY_TYPE_UNLIMITED;
    case 2:
      return TD_PROXY_TYPE_MOBILE;
    case 0:
    default:
      return TD_PROXY_TYPE_RESIDENTIAL;
    }
}

void
td_user_form_set_proxy_type (TdUserForm  *self,
                             TdProxyType  proxy_type)
{
  g_return_if_fail (TD_IS_USER_FORM (self));

  adw_combo_row_set_selected (self->proxy_type_row, CLAMP ((int) proxy_type, 1, 3) - 1);
}

TdTrafficUnit
td_user_form_get_unit (TdUserForm *self)
{
  g_return_val_if_fail (TD_IS_USER_FORM (self), TD_TRAFFIC_UNIT_GB);

  return gtk_drop_down_get_selected (self->unit_dropdown) == 0 ? TD_TRAFFIC_UNIT_MB
                                                                 : TD_TRAFFIC_UNIT_GB;
}

void
td_user_form_set_unit (TdUserForm    *self,
                       TdTrafficUnit  unit)
{
  g_return_if_fail (TD_IS_USER_FORM (self));

  gtk_drop_down_set_selected (self->unit_dropdown, unit == TD_TRAFFIC_UNIT_MB ? 0 : 1);
}

gboolean
td_user_form_get_editing (TdUserForm *self)
{
  g_return_val_if_fail (TD_IS_USER_FORM (self), FALSE);

  return self->editing;
}

static char *
check_limit (TdUserForm *self,
             gint64     *out_mb)
{
  g_assert (TD_IS_USER_FORM (self));

  if (gtk_switch_get_active (self->unlimited_switch))
    {
      *out_mb = 0;
      return NULL;
    }

  return td_parse_traffic_limit (gtk_editable_get_text (GTK_EDITABLE (self->limit_entry)),
                                 td_user_form_get_unit (self),
                                 out_mb);
}

static char *
check_password (TdUserForm *self)
{
  const char *password = td_accessible_get_secret (self->password_entry);

  g_assert (TD_IS_USER_FORM (self));

  /* Editing, empty keeps the current password. */
  if (self->editing && password[0] == '\0')
    return NULL;

  return td_validate_password (password);
}

/* The password field is heard with its length, never its characters,
 * after its message. */
static void
describe_password (TdUserForm *self)
{
  g_assert (TD_IS_USER_FORM (self));

  td_accessible_note_secret_length (self->password_entry);
}

/* The traffic limit is heard with its unit, which is another control:
 * "Traffic limit, 500", its message, "In megabytes." */
static void
describe_limit (TdUserForm *self)
{
  const char *unit;

  g_assert (TD_IS_USER_FORM (self));

  if (td_user_form_get_unit (self) == TD_TRAFFIC_UNIT_MB)
    /* Translators: what a screen reader says with the traffic limit field */
    unit = _("In megabytes.");
  else
    /* Translators: what a screen reader says with the traffic limit field */
    unit = _("In gigabytes.");

  td_accessible_set_field_note (self->limit_entry, unit);
}

gboolean
td_user_form_validate (TdUserForm *self,
                       gboolean    touch_all)
{
  g_autofree char *username_message = NULL;
  g_autofree char *password_message = NULL;
  g_autofree char *limit_message = NULL;
  gint64 limit_mb = 0;

  g_return_val_if_fail (TD_IS_USER_FORM (self), FALSE);

  if (touch_all)
    self->username_touched = self->password_touched = self->limit_touched = TRUE;

  username_message = td_validate_username (gtk_editable_get_text (GTK_EDITABLE (self->username_entry)));
  password_message = check_password (self);
  limit_message = check_limit (self, &limit_mb);

  td_accessible_set_field_message (self->username_entry, self->username_error_row,
                                   self->username_error, self->username_touched ? username_message : NULL);
  td_accessible_set_field_message (self->password_entry, self->password_error_row,
                                   self->password_error, self->password_touched ? password_message : NULL);
  describe_password (self);
  td_accessible_set_field_message (self->limit_entry, self->limit_error_row,
                                   self->limit_error, self->limit_touched ? limit_message : NULL);
  describe_limit (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->limit_row),
                            !gtk_switch_get_active (self->unlimited_switch));

  return username_message == NULL && password_message == NULL && limit_message == NULL;
}

void
td_user_form_focus_invalid (TdUserForm *self)
{
  g_autofree char *username_message = NULL;
  g_autofree char *password_message = NULL;
  g_autofree char *limit_message = NULL;
  gint64 limit_mb;

  g_return_if_fail (TD_IS_USER_FORM (self));

  username_message = td_validate_username (gtk_editable_get_text (GTK_EDITABLE (self->username_entry)));
  password_message = check_password (self);
  limit_message = check_limit (self, &limit_mb);

  if (username_message != NULL)
    gtk_widget_grab_focus (self->username_entry);
  else if (password_message != NULL)
    gtk_widget_grab_focus (self->password_entry);
  else if (limit_message != NULL)
    gtk_widget_grab_focus (self->limit_entry);
}

void
td_user_form_focus_first (TdUserForm *self)
{
  g_return_if_fail (TD_IS_USER_FORM (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->proxy_type_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->proxy_type_row));
  else
    gtk_widget_grab_focus (self->username_entry);
}

static void
emit_changed (TdUserForm *self)
{
  g_assert (TD_IS_USER_FORM (self));

  td_user_form_validate (self, FALSE);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
on_username_changed (TdUserForm *self)
{
  self->username_touched = TRUE;
  emit_changed (self);
}

static void
on_password_changed (TdUserForm *self)
{
  self->password_touched = TRUE;
  emit_changed (self);
}

static void
on_limit_changed (TdUserForm *self)
{
  /* Turning Unlimited on and off, or changing the unit, does not count
   * as editing the limit itself. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->limit_entry))[0] != '\0')
    self->limit_touched = TRUE;

  emit_changed (self);
}

static void
on_enabled_changed (TdUserForm *self)
{
  emit_changed (self);
}

static void
set_password_shown (TdUserForm *self,
                    gboolean    shown)
{
  g_assert (TD_IS_USER_FORM (self));

  td_accessible_set_peek_button (self->password_entry, GTK_BUTTON (self->peek_button), shown,
                                 _("Show the password"), _("Hide the password"));
}

static void
on_peek_clicked (TdUserForm *self)
{
  set_password_shown (self, !td_accessible_get_secret_shown (self->password_entry));
}

static void
on_entry_activated (TdUserForm *self)
{
  g_signal_emit (self, signals [ACTIVATED], 0);
}

void
td_user_form_set_user (TdUserForm  *self,
                       TdProxyUser *user)
{
  gint64 limit_mb;

  g_return_if_fail (TD_IS_USER_FORM (self));
  g_return_if_fail (TD_IS_PROXY_USER (user));

  td_user_form_set_proxy_type (self, td_proxy_user_get_proxy_type (user));
  gtk_editable_set_text (GTK_EDITABLE (self->username_entry), td_proxy_user_get_username (user));
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");

  limit_mb = td_proxy_user_get_traffic_limit (user);
  if (limit_mb == 0)
    {
      gtk_switch_set_active (self->unlimited_switch, TRUE);
      gtk_drop_down_set_selected (self->unit_dropdown, 1);
    }
  else
    {
      g_autofree char *text = NULL;
      gboolean whole_gb = limit_mb % 1024 == 0;

      text = g_strdup_printf ("%" G_GINT64_FORMAT, whole_gb ? limit_mb / 1024 : limit_mb);
      gtk_drop_down_set_selected (self->unit_dropdown, whole_gb ? 1 : 0);
      gtk_editable_set_text (GTK_EDITABLE (self->limit_entry), text);
    }

  gtk_switch_set_active (self->enabled_switch, td_proxy_user_get_enabled (user));

  /* Filling the form is not editing it. */
  self->username_touched = self->password_touched = self->limit_touched = FALSE;
  emit_changed (self);
}

void
td_user_form_apply (TdUserForm  *self,
                    TdProxyUser *user)
{
  g_autofree char *limit_message = NULL;
  const char *password;
  gint64 limit_mb = 0;

  g_return_if_fail (TD_IS_USER_FORM (self));
  g_return_if_fail (TD_IS_PROXY_USER (user));

  limit_message = check_limit (self, &limit_mb);
  g_return_if_fail (limit_message == NULL);

  if (!self->editing)
    td_proxy_user_set_proxy_type (user, td_user_form_get_proxy_type (self));
  td_proxy_user_set_username (user, gtk_editable_get_text (GTK_EDITABLE (self->username_entry)));
  password = td_accessible_get_secret (self->password_entry);
  if (password[0] != '\0')
    td_proxy_user_set_password (user, password);
  td_proxy_user_set_traffic_limit (user, limit_mb);
  td_proxy_user_set_enabled (user, gtk_switch_get_active (self->enabled_switch));
}

gboolean
td_user_form_differs (TdUserForm  *self,
                      TdProxyUser *user)
{
  g_autofree char *limit_message = NULL;
  gint64 limit_mb = -1;

  g_return_val_if_fail (TD_IS_USER_FORM (self), FALSE);
  g_return_val_if_fail (TD_IS_PROXY_USER (user), FALSE);

  limit_message = check_limit (self, &limit_mb);

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->username_entry)),
                    td_proxy_user_get_username (user)) != 0 ||
         td_accessible_get_secret (self->password_entry)[0] != '\0' ||
         limit_message != NULL ||
         limit_mb != td_proxy_user_get_traffic_limit (user) ||
         gtk_switch_get_active (self->enabled_switch) != td_proxy_user_get_enabled (user);
}

void
td_user_form_clear (TdUserForm *self)
{
  g_return_if_fail (TD_IS_USER_FORM (self));

  /* Keeps the proxy type and the unit: the next user is often alike. */
  gtk_editable_set_text (GTK_EDITABLE (self->username_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->limit_entry), "");
  gtk_switch_set_active (self->unlimited_switch, FALSE);
  gtk_switch_set_active (self->enabled_switch, TRUE);
  set_password_shown (self, FALSE);

  self->username_touched = self->password_touched = self->limit_touched = FALSE;
  emit_changed (self);
}

void
td_user_form_set_busy (TdUserForm *self,
                       gboolean    busy)
{
  g_return_if_fail (TD_IS_USER_FORM (self));

  gtk_widget_set_sensitive (self->form_list, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.generate-password", !busy);
}

gboolean
td_user_form_show_server_error (TdUserForm   *self,
                                const GError *error)
{
  GtkWidget *field, *message_row;
  GtkLabel *message_label;

  g_return_val_if_fail (TD_IS_USER_FORM (self), FALSE);
  g_return_val_if_fail (error != NULL, FALSE);

  switch (td_error_get_field (error))
    {
    case TD_ERROR_FIELD_USERNAME:
      field = self->username_entry;
      message_row = self->username_error_row;
      message_label = self->username_error;
      break;
    case TD_ERROR_FIELD_PASSWORD:
      field = self->password_entry;
      message_row = self->password_error_row;
      message_label = self->password_error;
      break;
    case TD_ERROR_FIELD_TRAFFIC_LIMIT:
      field = self->limit_entry;
      message_row = self->limit_error_row;
      message_label = self->limit_error;
      break;
    case TD_ERROR_FIELD_NONE:
    default:
      return FALSE;
    }

  /* Point at the field the server complained about, keeping what was typed. */
  td_accessible_set_field_message (field, message_row, message_label,
                                   td_server_error_lookup (error->code));
  gtk_widget_grab_focus (field);

  return TRUE;
}

static void
generate_password_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TdUserForm *self = TD_USER_FORM (widget);
  char *password = td_generate_password (12);

  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), password);
  td_secret_free (password);

  if (self->editing)
    gtk_widget_grab_focus (self->password_entry);
  else
    gtk_widget_activate_action (widget, "win.toast", "s", _("A new password was generated"));
}

static void
td_user_form_constructed (GObject *object)
{
  TdUserForm *self = TD_USER_FORM (object);

  G_OBJECT_CLASS (td_user_form_parent_class)->constructed (object);

  g_signal_connect_object (self->proxy_type_row, "notify::selected",
                           G_CALLBACK (emit_changed), self,
                           G_CONNECT_SWAPPED);

  if (self->editing)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->proxy_type_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("New _password"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->form_list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit Proxy User"),
                                      -1);
    }

  td_user_form_validate (self, FALSE);
}

static void
td_user_form_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TdUserForm *self = TD_USER_FORM (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_user_form_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TdUserForm *self = TD_USER_FORM (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      self->editing = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_user_form_class_init (TdUserFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_user_form_constructed;
  object_class->get_property = td_user_form_get_property;
  object_class->set_property = td_user_form_set_property;

  properties [PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals [ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thordesk/Thordesk/td-user-form.ui");
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, form_list);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, proxy_type_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, username_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, username_entry);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, username_error_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, username_error);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, password_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, password_entry);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, peek_button);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, password_error_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, password_error);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, limit_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, limit_entry);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, limit_error_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, limit_error);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, unlimited_switch);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, unlimited_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserForm, enabled_row);
  gtk_widget_class_bind_template_callback (widget_class, on_username_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_limit_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_enabled_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_peek_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_entry_mnemonic_activate",
                                                G_CALLBACK (td_accessible_focus_without_selecting));

  gtk_widget_class_install_action (widget_class, "form.generate-password", NULL,
                                   generate_password_action);
}

static void
td_user_form_init (TdUserForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Its characters never reach assistive technology: only its length. */
  td_accessible_guard_secret (self->password_entry);

  /* Each entry is named by its row's title: libadwaita ties the two
   * (labelled-by) when the row activates the entry. */
  td_accessible_name_choice_parts (GTK_WIDGET (self->proxy_type_row), _("Proxy type"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->unit_dropdown), _("Traffic limit unit"));

  /* A new user: Gigabytes, until the owner says otherwise. */
  gtk_drop_down_set_selected (self->unit_dropdown, 1);
}

GtkWidget *
td_user_form_new (gboolean editing)
{
  return g_object_new (TD_TYPE_USER_FORM,
                       "editing", editing,
                       NULL);
}
