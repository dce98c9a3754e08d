/* td-users-page-cells.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-error.h"
#include "td-usage.h"
#include "td-users-page-private.h"

/* The columns of the Users page: the factories that make and fill the
 * cells, the switch of each row (which asks the server to enable or
 * disable its user), and the comparators of the columns whose order is
 * not the natural one.
 *
 * Each cell follows its row's notify::item and shows whichever user the
 * row holds (td-row-model.h); spare rows, on their way out, are hidden. */

TdProxyUser *
td_users_page_list_item_get_user (GtkListItem *list_item)
{
  gpointer row = gtk_list_item_get_item (list_item);
  gpointer user = TD_IS_ROW (row) ? td_row_get_item (row) : NULL;

  return TD_IS_PROXY_USER (user) ? user : NULL;
}

typedef void (*CellUpdateFunc) (GtkListItem *list_item);

/* A bound cell shows the user its row holds now, and again each time the
 * row holds another user or the user changes. */
static void
follow_row (GtkListItem    *list_item,
            CellUpdateFunc  update)
{
  gpointer row = gtk_list_item_get_item (list_item);

  if (TD_IS_ROW (row))
    g_signal_connect_swapped (row, "notify::item", G_CALLBACK (update), list_item);
  update (list_item);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gpointer row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_matched (row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, list_item);
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_list_item_set_child (list_item, label);
}

static void
number_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

/* The row of the column view that holds @cell_child: the child of its
 * list view. */
GtkWidget *
td_users_page_get_row_widget (GtkWidget *cell_child)
{
  GtkWidget *widget = cell_child;

  while (widget != NULL && !GTK_IS_LIST_VIEW (gtk_widget_get_parent (widget)))
    widget = gtk_widget_get_parent (widget);

  return widget;
}

/* The first column also hides the spare rows (td-row-model.h), that are
 * about to go, and shows them again when they hold a user. */
static void
username_update (GtkListItem *list_item)
{
  TdProxyUser *user = td_users_page_list_item_get_user (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GtkWidget *row_widget = td_users_page_get_row_widget (label);

  gboolean flagged = user != NULL && td_proxy_user_is_name_flagged (user);

  /* Names come from the server: shown escaped (td_username_dup_display()),
   * and flagged when outside Thordata's rule. */
  gtk_label_set_text (GTK_LABEL (label), user != NULL ? td_proxy_user_get_display_name (user) : "");
  if (flagged)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
  /* Only when it changes: setting a tooltip, even the same or none, asks
   * the X server where the pointer is (a round trip per row, a third of
   * a keystroke's time at 10,000 users: bench/README.md). */
  if (flagged != (gtk_widget_get_tooltip_text (label) != NULL))
    gtk_widget_set_tooltip_text (label, flagged ? _("This name is outside Thordata’s rule for "
                                                    "usernames (6 to 15 letters and digits). Its "
                                                    "hidden and unusual characters are written out.")
                                                : NULL);
  if (row_widget != NULL)
    gtk_widget_set_visible (row_widget, user != NULL);
}

static void
username_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  follow_row (list_item, username_update);
}

static char *
dup_limit_text (TdProxyUser *user)
{
  gint64 limit = td_proxy_user_get_traffic_limit (user);

  /* Translators: a traffic limit of 0, which the API treats as no limit */
  return limit == 0 ? g_strdup (C_("traffic limit", "Unlimited")) : td_format_mb (limit);
}

static void
limit_update (GtkListItem *list_item)
{
  TdProxyUser *user = td_users_page_list_item_get_user (list_item);
  g_autofree char *text = NULL;

  if (user != NULL)
    text = dup_limit_text (user);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text != NULL ? text : "");
}

static void
limit_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  follow_row (list_item, limit_update);
}

static char *
dup_usage_text (TdProxyUser *user)
{
  double usage = td_proxy_user_get_usage_traffic (user);

  /* Translators: shown when the list did not say how much was used */
  return usage < 0 ? g_strdup (C_("usage", "—")) : td_format_mb (usage);
}

static void
usage_update (GtkListItem *list_item)
{
  TdProxyUser *user = td_users_page_list_item_get_user (list_item);
  g_autofree char *text = NULL;

  if (user != NULL)
    text = dup_usage_text (user);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text != NULL ? text : "");
}

static void
usage_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  follow_row (list_item, usage_update);
}

/* The date a user was created, as shown (and heard with the row's
 * switch): formatted once per user and date, kept with the user, rather
 * than twice per row each time a row is given a user (bench/README.md). */
typedef struct
{
  GDateTime *time;
  char      *text;
} CreatedText;

static void
created_text_free (gpointer data)
{
  CreatedText *created = data;

  g_clear_pointer (&created->time, g_date_time_unref);
  g_free (created->text);
  g_free (created);
}

static char *
dup_created_text (TdProxyUser *user)
{
  static GQuark quark;
  GDateTime *time = td_proxy_user_get_created_time (user);
  CreatedText *created;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("td-users-page-created-text");

  created = g_object_get_qdata (G_OBJECT (user), quark);
  if (created == NULL || created->time != time)
    {
      g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

      created = g_new0 (CreatedText, 1);
      created->time = time != NULL ? g_date_time_ref (time) : NULL;
      created->text = local != NULL ? g_date_time_format (local, "%x") : NULL;
      /* Translators: shown when the list did not say when a user was created */
      if (created->text == NULL)
        created->text = g_strdup (C_("created", "—"));
      g_object_set_qdata_full (G_OBJECT (user), quark, created, created_text_free);
    }

  return g_strdup (created->text);
}

static void
created_update (GtkListItem *list_item)
{
  TdProxyUser *user = td_users_page_list_item_get_user (list_item);
  g_autofree char *text = NULL;

  text = user != NULL ? dup_created_text (user) : g_strdup (C_("created", "—"));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
created_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  follow_row (list_item, created_update);
}

/* The switch of each row */

/* Shows the user's status, or the one requested while it is in flight
 * (then the switch cannot be used). */
static void
sync_row_switch (TdUsersPage *self,
                 GtkSwitch   *row_switch,
                 TdProxyUser *user)
{
  gpointer pending;
  gboolean active;

  g_assert (TD_IS_USERS_PAGE (self));
  g_assert (GTK_IS_SWITCH (row_switch));
  g_assert (TD_IS_PROXY_USER (user));

  pending = g_hash_table_lookup (self->pending_toggles, td_proxy_user_get_username (user));
  active = pending != NULL ? GPOINTER_TO_INT (pending) == 2 : td_proxy_user_get_enabled (user);

  g_signal_handlers_block_matched (row_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_switch_set_active (row_switch, active);
  gtk_switch_set_state (row_switch, active);
  g_signal_handlers_unblock_matched (row_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  gtk_widget_set_sensitive (GTK_WIDGET (row_switch), pending == NULL);
}

typedef struct
{
  TdUsersPage *self;
  TdProxyUser *user;
  gboolean     enabled;
} ToggleData;

static void
toggle_data_free (ToggleData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->user);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToggleData, toggle_data_free)

static void
toggle_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ToggleData) data = user_data;
  TdUsersPage *self = data->self;
  const char *username = td_proxy_user_get_username (data->user);
  const char *shown = td_proxy_user_get_display_name (data->user);
  TdProxyType proxy_type = td_proxy_user_get_proxy_type (data->user);
  g_autoptr(GError) error = NULL;
  TdProxyUser *current;

  if (!td_api_client_update_user_finish (TD_API_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The answer concerns the user of the type the request was made for,
   * not a user of the same name of the type shown by now (whose pending
   * switches went when the type changed). */
  if (proxy_type == self->proxy_type)
    g_hash_table_remove (self->pending_toggles, username);
  /* The row may show another object for the same user after a refresh. */
  current = td_user_store_lookup (td_users_page_get_store_for (self, proxy_type), username);

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      if (data->enabled)
        /* Translators: the first %s is a username, the second says why */
        message = g_strdup_printf (_("“%s” was not enabled. %s"), shown, error->message);
      else
        /* Translators: the first %s is a username, the second says why */
        message = g_strdup_printf (_("“%s” was not disabled. %s"), shown, error->message);

      td_users_page_show_action_error (self, message);

      /* The rows go back to what the server has. */
      g_object_notify (G_OBJECT (data->user), "enabled");
      if (current != NULL && current != data->user)
        g_object_notify (G_OBJECT (current), "enabled");

      /* After a timeout or a 5xx the change may have been applied. */
      if (td_error_is_ambiguous (error))
        td_users_page_refresh (self);
      return;
    }

  td_proxy_user_set_enabled (data->user, data->enabled);
  if (current != NULL && current != data->user)
    td_proxy_user_set_enabled (current, data->enabled);

  {
    g_autofree char *toast = NULL;

    if (data->enabled)
      /* Translators: %s is a username */
      toast = g_strdup_printf (_("“%s” enabled"), shown);
    else
      /* Translators: %s is a username */
      toast = g_strdup_printf (_("“%s” disabled"), shown);
    td_users_page_show_toast (self, toast);
  }

  td_users_page_refresh (self);
}

static gboolean
on_row_switch_state_set (GtkSwitch   *row_switch,
                         gboolean     state,
                         TdUsersPage *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (row_switch), "td-list-item");
  g_autoptr(TdProxyUser) changed = NULL;
  ToggleData *data;
  TdProxyUser *user;

  g_assert (TD_IS_USERS_PAGE (self));

  user = list_item != NULL ? td_users_page_list_item_get_user (list_item) : NULL;
  if (user == NULL ||
      g_hash_table_contains (self->pending_toggles, td_proxy_user_get_username (user)))
    return TRUE;

  if (state == td_proxy_user_get_enabled (user))
    {
      gtk_switch_set_state (row_switch, state);
      return TRUE;
    }

  td_users_page_show_action_error (self, NULL);

  /* Every current value goes with it: only the status changes. */
  changed = td_proxy_user_copy (user);
  td_proxy_user_set_enabled (changed, state);

  g_hash_table_insert (self->pending_toggles,
                       g_strdup (td_proxy_user_get_username (user)),
                       GINT_TO_POINTER (state ? 2 : 1));
  sync_row_switch (self, row_switch, user);

  data = g_new0 (ToggleData, 1);
  data->self = g_object_ref (self);
  data->user = g_object_ref (user);
  data->enabled = state;

  td_api_client_update_user_async (td_account_get_client (self->account),
                                   user,
                                   changed,
                                   self->cancellable,
                                   toggle_cb,
                                   data);

  /* The switch shows the new position; its state follows the server. */
  return TRUE;
}

static void
enabled_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  TdUsersPage              *self)
{
  GtkWidget *row_switch = gtk_switch_new ();

  gtk_widget_set_halign (row_switch, GTK_ALIGN_START);
  gtk_widget_set_valign (row_switch, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (row_switch), "td-list-item", list_item);
  /* The page outlives its rows. */
  g_object_set_data (G_OBJECT (row_switch), "td-users-page", self);
  g_signal_connect (row_switch, "state-set", G_CALLBACK (on_row_switch_state_set), self);
  gtk_list_item_set_child (list_item, row_switch);
}

static void
enabled_update (GtkListItem *list_item)
{
  TdProxyUser *user = td_users_page_list_item_get_user (list_item);
  GtkWidget *row_switch = gtk_list_item_get_child (list_item);
  TdUsersPage *self = g_object_get_data (G_OBJECT (row_switch), "td-users-page");
  g_autofree char *label = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *created = NULL;
  g_autofree char *description = NULL;

  if (user == NULL)
    return;

  sync_row_switch (self, GTK_SWITCH (row_switch), user);

  /* Translators: the accessible name of the switch in a row; %s is a username */
  label = g_strdup_printf (_("Enabled, %s"), td_proxy_user_get_display_name (user));
  limit = dup_limit_text (user);
  usage = dup_usage_text (user);
  created = dup_created_text (user);
  /* The rest of the row, heard with the switch, which takes the focus
   * first: the row is heard as one thing.
   * Translators: what a screen reader says of a row of the Users list
   * after "Enabled, <username>": the traffic limit, the traffic used and
   * the date the user was created */
  description = g_strdup_printf (_("Traffic limit %s, used %s, created %s."),
                                 limit, usage, created);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
enabled_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TdUsersPage              *self)
{
  follow_row (list_item, enabled_update);
}

/* The button of each row that opens its menu (td-users-page-actions.c) */

static void
actions_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), td_users_page_create_row_menu,
                                         list_item, NULL);
  gtk_list_item_set_child (list_item, button);
}

/* The menu itself is built each time it is opened, for the user the row
 * holds then. */
static void
actions_update (GtkListItem *list_item)
{
  TdProxyUser *user = td_users_page_list_item_get_user (list_item);
  GtkWidget *button = gtk_list_item_get_child (list_item);
  g_autofree char *label = NULL;

  if (user == NULL)
    return;

  /* Translators: the accessible name of a row's menu button; %s is a username */
  label = g_strdup_printf (_("Actions for %s"), td_proxy_user_get_display_name (user));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
actions_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  follow_row (list_item, actions_update);
}

/* Sorting the columns whose order is not the natural one */

static int
compare_limit (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gint64 limit_a = td_proxy_user_get_traffic_limit ((TdProxyUser *) a);
  gint64 limit_b = td_proxy_user_get_traffic_limit ((TdProxyUser *) b);

  /* 0 is unlimited: more than any limit. */
  if (limit_a == 0)
    limit_a = G_MAXINT64;
  if (limit_b == 0)
    limit_b = G_MAXINT64;

  return limit_a < limit_b ? -1 : limit_a > limit_b ? 1 : 0;
}

static int
compare_created (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GDateTime *time_a = td_proxy_user_get_created_time ((TdProxyUser *) a);
  GDateTime *time_b = td_proxy_user_get_created_time ((TdProxyUser *) b);

  /* Unknown dates last. */
  if (time_a == NULL || time_b == NULL)
    return (time_a == NULL) - (time_b == NULL);

  return g_date_time_compare (time_a, time_b);
}

void
td_users_page_cells_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, text_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, username_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, limit_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, usage_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, created_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, enabled_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, enabled_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, actions_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, actions_bind_cb);
}

void
td_users_page_cells_init (TdUsersPage *self)
{
  g_autoptr(GtkCustomSorter) limit_sorter = NULL;
  g_autoptr(GtkCustomSorter) created_sorter = NULL;

  limit_sorter = gtk_custom_sorter_new (compare_limit, NULL, NULL);
  gtk_column_view_column_set_sorter (self->limit_column, GTK_SORTER (limit_sorter));
  created_sorter = gtk_custom_sorter_new (compare_created, NULL, NULL);
  gtk_column_view_column_set_sorter (self->created_column, GTK_SORTER (created_sorter));
}
