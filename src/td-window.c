/* td-window.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-account-list.h"
#include "td-account-page.h"
#include "td-api-address.h"
#include "td-create-page.h"
#include "td-credentials-dialog.h"
#include "td-endpoints-page.h"
#include "td-import-page.h"
#include "td-page.h"
#include "td-toast.h"
#include "td-users-page.h"
#include "td-window-private.h"

/* The main window is a shell: the header bar and its view switcher, the
 * banners that say where the token stands (and that the sandbox is in
 * use), the toasts, and the view stack that holds the pages of the page
 * table below.  Its actions are in td-window-actions.c. */

/* The page table.  A page is a GtkWidget implementing TdPage (with its
 * "account" property); adding one is one line here: its Alt+N shortcut
 * and the shortcuts window's entry for it come from this line too
 * (td-window-actions.c; tests/test-shortcuts.py checks them). */
const TdWindowPageInfo _td_window_pages[] = {
  { "create", N_("Create"), "list-add-symbolic", td_create_page_get_type, "<Alt>1",
    NC_("shortcut window", "Show the Create page") },
  { "users", N_("Users"), "system-users-symbolic", td_users_page_get_type, "<Alt>2",
    NC_("shortcut window", "Show the Users page") },
  { "import", N_("Import"), "document-open-symbolic", td_import_page_get_type, "<Alt>3",
    NC_("shortcut window", "Show the Import page") },
  { "endpoints", N_("Endpoints"), "network-server-symbolic", td_endpoints_page_get_type, "<Alt>4",
    NC_("shortcut window", "Show the Endpoints page") },
  { "account", N_("Account"), "avatar-default-symbolic", td_account_page_get_type, "<Alt>5",
    NC_("shortcut window", "Show the Account page") },
};
const guint _td_window_n_pages = G_N_ELEMENTS (_td_window_pages);

const char *
_td_window_page_get_shortcut_title (const TdWindowPageInfo *info)
{
  return g_dpgettext2 (NULL, "shortcut window", info->shortcut_title);
}

G_DEFINE_FINAL_TYPE (TdWindow, td_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *bench_mode              (void);
static void        bench_watch_first_frame (GtkWidget *widget);

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

void
_td_window_show_toast (TdWindow   *self,
                       const char *title)
{
  AdwToast *toast;

  g_assert (TD_IS_WINDOW (self));

  /* Plain text: toast titles are markup, and usernames come from outside. */
  toast = td_toast_new_text (title);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  td_accessible_name_toast_buttons (self->toast_overlay, toast, _("Dismiss the notification"));
}

static int
find_page (const char *name)
{
  for (guint i = 0; i < _td_window_n_pages; i++)
    if (g_strcmp0 (_td_window_pages[i].name, name) == 0)
      return i;

  return -1;
}

static GtkWidget *
peek_page (TdWindow   *self,
           const char *name)
{
  int index = find_page (name);

  g_assert (TD_IS_WINDOW (self));

  if (index < 0 || self->bins == NULL)
    return NULL;

  return adw_bin_get_child (g_ptr_array_index (self->bins, index));
}

static GtkWidget *
build_page (TdWindow               *self,
            const TdWindowPageInfo *info)
{
  GType type = info->get_type ();
  GtkWidget *page;

  g_assert (TD_IS_WINDOW (self));
  g_assert (g_type_is_a (type, TD_TYPE_PAGE));

  page = g_object_new (type, "account", self->account, NULL);

  if (TD_IS_USERS_PAGE (page))
    {
      GtkWidget *create = peek_page (self, "create");
      GSettings *settings = td_account_get_settings (self->account);

      /* The users page starts with the form's proxy type, then keeps its own. */
      if (TD_IS_CREATE_PAGE (create))
        td_users_page_set_proxy_type (TD_USERS_PAGE (page),
                                      td_create_page_get_proxy_type (TD_CREATE_PAGE (create)));
      else if (settings != NULL)
        td_users_page_set_proxy_type (TD_USERS_PAGE (page),
                                      CLAMP (g_settings_get_int (settings, "proxy-type"), 1, 3));
      /* Narrow enough for the switcher to move to the bottom: fewer columns. */
      g_object_bind_property (self->window_title, "title-visible",
                              page, "compact",
                              G_BINDING_SYNC_CREATE);
    }

  return page;
}

GtkWidget *
td_window_get_page (TdWindow   *self,
                    const char *name)
{
  GtkWidget *page;
  int index;

  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = find_page (name);
  if (index < 0)
    return NULL;

  if ((page = peek_page (self, name)) != NULL)
    return page;

  page = build_page (self, &_td_window_pages[index]);
  adw_bin_set_child (g_ptr_array_index (self->bins, index), page);

  return page;
}

TdUsersPage *
td_window_get_users_view (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);

  return TD_USERS_PAGE (td_window_get_page (self, "users"));
}

GtkWidget *
_td_window_get_visible_page (TdWindow *self)
{
  const char *name;

  g_assert (TD_IS_WINDOW (self));

  name = adw_view_stack_get_visible_child_name (self->view_stack);

  return name != NULL ? td_window_get_page (self, name) : NULL;
}

/* Pages are built the first time they are shown: the users page alone
 * was about a quarter of the window's cost before the first frame
 * (bench/README.md). */
static void
on_visible_page_changed (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  _td_window_get_visible_page (self);
}

gboolean
td_window_get_busy (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);

  for (guint i = 0; i < self->bins->len; i++)
    {
      GtkWidget *page = adw_bin_get_child (g_ptr_array_index (self->bins, i));

      if (page != NULL && td_page_get_busy (TD_PAGE (page)))
        return TRUE;
    }

  return FALSE;
}

/* Where the token stands, said in the banner under the header bar. */
static void
show_account_state (TdWindow     *self,
                    const GError *error)
{
  const char *message = NULL;
  const char *button = NULL;

  g_assert (TD_IS_WINDOW (self));

  if (td_account_get_sandbox (self->account))
    {
      gtk_revealer_set_reveal_child (self->account_revealer, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->account_revealer), FALSE);
      return;
    }

  if (error != NULL)
    {
      message = error->message;
      button = _("Enter Token…");
    }
  else if (td_credentials_get_token (self->credentials) == NULL)
    {
      message = _("No account token is stored yet. Thordesk needs it to create users.");
      button = _("Add Token…");
    }
  else if (td_credentials_get_session_only (self->credentials))
    {
      message = _("The account token is used for this session only: it is not stored in a keyring.");
      button = _("Replace Token…");
    }

  if (message != NULL)
    {
      gtk_label_set_label (self->account_label, message);
      gtk_button_set_label (self->account_button, button);
      td_accessible_name_button_by_label (self->account_button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->account_revealer), message != NULL);
  gtk_revealer_set_reveal_child (self->account_revealer, message != NULL);
}

static void
sync_client_credentials (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  td_api_client_set_credentials (td_account_get_client (self->account),
                                 td_credentials_get_token (self->credentials),
                                 td_credentials_get_key (self->credentials));

  if (self->credentials_loaded)
    show_account_state (self, NULL);
}

static void
load_credentials_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TdCredentials *credentials = TD_CREDENTIALS (object);
  g_autoptr(TdWindow) self = TD_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!td_credentials_load_finish (credentials, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The account changed meanwhile. */
  if (credentials != self->credentials)
    return;

  self->credentials_loaded = TRUE;
  show_account_state (self, error);

  /* First run: ask for the token straight away. */
  if (error == NULL && td_credentials_get_token (credentials) == NULL)
    td_window_ask_for_credentials (self);
}

static gboolean
load_credentials_idle (gpointer user_data)
{
  TdWindow *self = TD_WINDOW (user_data);

  self->load_source = 0;
  td_credentials_load_async (self->credentials,
                             self->cancellable,
                             load_credentials_cb,
                             g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* The keyring is read after the first frame, never before it. */
static void
maybe_load_credentials (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      !td_account_get_sandbox (self->account) && !self->credentials_loaded &&
      self->load_source == 0 && td_credentials_get_token (self->credentials) == NULL)
    self->load_source = g_idle_add_full (G_PRIORITY_LOW, load_credentials_idle, self, NULL);
}

static void
credentials_saved_cb (TdWindow *self,
                      gboolean  session_only)
{
  g_assert (TD_IS_WINDOW (self));

  self->credentials_loaded = TRUE;
  show_account_state (self, NULL);
  _td_window_show_toast (self, session_only ? _("The token will be used until Thordesk quits")
                                            : _("The token is stored in the keyring"));
}

void
td_window_ask_for_credentials (TdWindow *self)
{
  TdCredentialsDialog *dialog;

  g_return_if_fail (TD_IS_WINDOW (self));

  dialog = td_credentials_dialog_new (GTK_WINDOW (self), self->credentials);
  /* A token is checked with one list read when it is saved. */
  td_credentials_dialog_set_client (dialog, td_account_get_client (self->account));
  g_signal_connect_object (dialog, "saved",
                           G_CALLBACK (credentials_saved_cb), self,
                           G_CONNECT_SWAPPED);
  if (g_strcmp0 (bench_mode (), "dialog") == 0)
    g_signal_connect (dialog, "map", G_CALLBACK (bench_watch_first_frame), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Says plainly when the token goes to a host that is not Thordata's own
 * (or to none, the address being refused).  The label is plain text. */
static void
update_host_banner (TdWindow *self)
{
  g_autofree char *message = NULL;

  g_assert (TD_IS_WINDOW (self));

  if (self->client != NULL && !td_account_get_sandbox (self->account))
    message = td_api_address_dup_warning (td_api_client_get_base_url (self->client));

  if (message != NULL)
    gtk_label_set_text (self->host_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->host_revealer), message != NULL);
  gtk_revealer_set_reveal_child (self->host_revealer, message != NULL);
}

/* A menu button's GtkPopoverMenu is built when its menu is first opened,
 * rather than when the model is given (before the first frame). */
static void
set_menu_on_first_open (GtkMenuButton *button,
                        gpointer       user_data)
{
  GMenuModel *model = G_MENU_MODEL (user_data);

  if (gtk_menu_button_get_menu_model (button) != model)
    gtk_menu_button_set_menu_model (button, model);
}

static void
give_menu_on_first_open (GtkMenuButton *button,
                         GMenuModel    *model)
{
  gtk_menu_button_set_create_popup_func (button, set_menu_on_first_open,
                                         g_object_ref (model), g_object_unref);
}

/* The bar at the bottom (for a narrow window) has its buttons made only
 * once it is revealed: until then it is hidden. */
static void
on_switcher_bar_reveal (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  if (adw_view_switcher_bar_get_reveal (self->switcher_bar) &&
      adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
}

/* The switcher is offered once there is another account to switch to. */
static void
update_accounts_button (TdWindow *self)
{
  gboolean several = self->accounts_menu != NULL &&
                     g_menu_model_get_n_items (self->accounts_menu) > 1;

  g_assert (TD_IS_WINDOW (self));

  /* The menu (and the popover GtkMenuButton builds for it) only once it
   * is opened: nothing of it before the first frame. */
  if (several && !self->accounts_menu_given)
    {
      give_menu_on_first_open (self->accounts_button, self->accounts_menu);
      self->accounts_menu_given = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->accounts_button), several);
}

/* The banners and the credentials follow @self->account. */
static void
apply_account (TdWindow *self)
{
  TdCredentials *credentials = td_account_get_credentials (self->account);
  gboolean sandbox = td_account_get_sandbox (self->account);

  g_assert (TD_IS_WINDOW (self));

  if (self->credentials != credentials)
    {
      if (self->credentials != NULL)
        g_signal_handlers_disconnect_by_func (self->credentials, sync_client_credentials, self);
      g_set_object (&self->credentials, credentials);
      g_clear_handle_id (&self->load_source, g_source_remove);
      self->credentials_loaded = FALSE;

      g_signal_connect_object (credentials, "notify::token",
                               G_CALLBACK (sync_client_credentials), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (credentials, "notify::key",
                               G_CALLBACK (sync_client_credentials), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (credentials, "notify::session-only",
                               G_CALLBACK (sync_client_credentials), self,
                               G_CONNECT_SWAPPED);
    }

  if (td_credentials_get_token (credentials) != NULL)
    {
      self->credentials_loaded = TRUE;
      sync_client_credentials (self);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->account_revealer), FALSE);
    }

  if (self->client != td_account_get_client (self->account))
    {
      if (self->client != NULL)
        g_signal_handlers_disconnect_by_func (self->client, update_host_banner, self);
      g_set_object (&self->client, td_account_get_client (self->account));
      g_signal_connect_object (self->client, "notify::base-url",
                               G_CALLBACK (update_host_banner), self,
                               G_CONNECT_SWAPPED);
    }
  update_host_banner (self);

  if (self->accounts_menu == NULL && !sandbox && td_account_get_settings (self->account) != NULL)
    {
      self->accounts_menu = td_account_list_menu_new (td_account_get_settings (self->account));
      g_signal_connect_object (self->accounts_menu, "items-changed",
                               G_CALLBACK (update_accounts_button), self,
                               G_CONNECT_SWAPPED);
    }
  update_accounts_button (self);

  gtk_widget_set_visible (GTK_WIDGET (self->sandbox_revealer), sandbox);
  gtk_revealer_set_reveal_child (self->sandbox_revealer, sandbox);
  /* Translators: the window subtitle when --sandbox is used */
  adw_view_switcher_title_set_subtitle (self->window_title, sandbox ? _("Sandbox") : NULL);
  if (sandbox)
    gtk_widget_add_css_class (GTK_WIDGET (self), "sandbox");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "sandbox");

  maybe_load_credentials (self);
}

TdAccount *
td_window_get_account (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);

  return self->account;
}

void
td_window_set_account (TdWindow  *self,
                       TdAccount *account)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  g_return_if_fail (TD_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  /* Before construction, constructed() applies it. */
  if (self->bins != NULL)
    {
      apply_account (self);

      /* Every page built so far works on the new account. */
      for (guint i = 0; i < self->bins->len; i++)
        {
          GtkWidget *page = adw_bin_get_child (g_ptr_array_index (self->bins, i));

          if (page != NULL)
            g_object_set (page, "account", account, NULL);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT]);
}

/* For bench/ only: with THORDESK_BENCH_QUIT_AFTER_FIRST_FRAME=1 in the
 * environment, the monotonic time of the first frame is printed on
 * stderr ("thordesk-first-frame <microseconds>") and the application
 * quits.  With THORDESK_BENCH_QUIT_AFTER_FIRST_FRAME=dialog, it goes on
 * until the first frame of the token dialog of a first start
 * ("thordesk-dialog-frame <microseconds>"), then quits.  Unset, this
 * costs one getenv() per map. */
static const char *
bench_mode (void)
{
  return g_getenv ("THORDESK_BENCH_QUIT_AFTER_FIRST_FRAME");
}

static void
bench_after_paint_cb (GdkFrameClock *frame_clock,
                      GtkWidget     *widget)
{
  gboolean dialog = !TD_IS_WINDOW (widget);

  g_signal_handlers_disconnect_by_func (frame_clock, bench_after_paint_cb, widget);
  g_printerr ("%s %" G_GINT64_FORMAT "\n",
              dialog ? "thordesk-dialog-frame" : "thordesk-first-frame",
              g_get_monotonic_time ());
  if (dialog || g_strcmp0 (bench_mode (), "1") == 0)
    g_application_quit (g_application_get_default ());
}

static void
bench_watch_first_frame (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (bench_after_paint_cb), widget, 0);
}

static void
td_window_map (GtkWidget *widget)
{
  TdWindow *self = TD_WINDOW (widget);

  GTK_WIDGET_CLASS (td_window_parent_class)->map (widget);

  if (bench_mode () != NULL)
    bench_watch_first_frame (widget);

  maybe_load_credentials (self);
}

static gboolean
td_window_close_request (GtkWindow *window)
{
  TdWindow *self = TD_WINDOW (window);
  GSettings *settings = td_account_get_settings (self->account);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (td_window_parent_class)->close_request (window);
}

static void
td_window_constructed (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);
  GSettings *settings;

  G_OBJECT_CLASS (td_window_parent_class)->constructed (object);

  g_assert (TD_IS_ACCOUNT (self->account));

  settings = td_account_get_settings (self->account);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* An empty place for each page; the page comes when first shown. */
  self->bins = g_ptr_array_new ();
  for (guint i = 0; i < _td_window_n_pages; i++)
    {
      const TdWindowPageInfo *info = &_td_window_pages[i];
      GtkWidget *bin = adw_bin_new ();
      AdwViewStackPage *page;

      page = adw_view_stack_add_titled (self->view_stack, bin, info->name, _(info->title));
      adw_view_stack_page_set_icon_name (page, info->icon_name);
      g_ptr_array_add (self->bins, bin);
    }

  apply_account (self);

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_changed), self,
                           G_CONNECT_SWAPPED);
  on_visible_page_changed (self);
}

static void
td_window_dispose (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->load_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WINDOW);
  /* They went with the view stack. */
  g_clear_pointer (&self->bins, g_ptr_array_unref);

  G_OBJECT_CLASS (td_window_parent_class)->dispose (object);
}

static void
td_window_finalize (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->credentials);
  g_clear_object (&self->client);
  g_clear_object (&self->accounts_menu);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (td_window_parent_class)->finalize (object);
}

static void
td_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TdWindow *self = TD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TdWindow *self = TD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      /* NULL only at construction, when td_window_new() was not used. */
      if (g_value_get_object (value) != NULL)
        td_window_set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_window_class_init (TdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = td_window_constructed;
  object_class->dispose = td_window_dispose;
  object_class->finalize = td_window_finalize;
  object_class->get_property = td_window_get_property;
  object_class->set_property = td_window_set_property;

  widget_class->map = td_window_map;
  window_class->close_request = td_window_close_request;

  properties [PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         TD_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thordesk/Thordesk/td-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, sandbox_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, account_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, host_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, host_label);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, accounts_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, account_button);

  _td_window_class_actions_init (klass);
}

static void
td_window_init (TdWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  give_menu_on_first_open (self->primary_menu_button, self->primary_menu);
  g_signal_connect_object (self->switcher_bar, "notify::reveal",
                           G_CALLBACK (on_switcher_bar_reveal), self,
                           G_CONNECT_SWAPPED);
  on_switcher_bar_reveal (self);

  _td_window_actions_init (self);

  td_accessible_name_button_by_label (self->account_button);
}

TdWindow *
td_window_new (AdwApplication *application,
               TdAccount      *account)
{
  g_return_val_if_fail (!application || ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TD_IS_ACCOUNT (account), NULL);

  return g_object_new (TD_TYPE_WINDOW,
                       "application", application,
                       "account", account,
                       NULL);
}
