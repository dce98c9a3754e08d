/* td-usage-dialog.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-busy-indicator.h"
#include "td-usage.h"
#include "td-usage-chart.h"
#include "td-usage-dialog.h"

/* One user's daily traffic over the last 7, 30 or 90 days (today
 * included), read from usage-statistics: a chart, a sentence that says
 * what was used and what remains, and the amounts one by one. */

struct _TdUsageDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkToggleButton *days_7_button;
  GtkToggleButton *days_30_button;
  GtkToggleButton *days_90_button;
  GtkStack        *content_stack;
  TdBusyIndicator *spinner;
  AdwStatusPage   *error_page;
  GtkLabel        *summary_label;
  TdUsageChart    *chart;
  GtkLabel        *range_value;
  GtkLabel        *total_value;
  GtkLabel        *limit_value;
  GtkLabel        *balance_value;

  TdApiClient     *client;
  TdProxyUser     *user;
  GCancellable    *cancellable;
  GCancellable    *load_cancellable;
  guint            days;
};

G_DEFINE_FINAL_TYPE (TdUsageDialog, td_usage_dialog, ADW_TYPE_WINDOW)

static void
show_usage (TdUsageDialog *self,
            const TdUsage *usage)
{
  g_autofree char *range = NULL;
  g_autofree char *total = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *balance = NULL;
  g_autofree char *used_sentence = NULL;
  g_autofree char *remaining_sentence = NULL;
  g_autofree char *summary = NULL;
  double range_kb, limit_kb, balance_kb;

  g_assert (TD_IS_USAGE_DIALOG (self));
  g_assert (usage != NULL);

  /* The period's total: the answer's, or the sum of its days. */
  range_kb = usage->range_usage_kb;
  if (range_kb < 0 && usage->days != NULL)
    {
      range_kb = 0;
      for (guint i = 0; i < usage->days->len; i++)
        range_kb += MAX (0, g_array_index (usage->days, TdUsageDay, i).usage_kb);
    }

  /* The limit: the answer's, or the one in the list (MB). */
  limit_kb = usage->traffic_limit_kb;
  if (limit_kb < 0)
    limit_kb = td_proxy_user_get_traffic_limit (self->user) * 1024.0;

  balance_kb = usage->traffic_balance_kb;
  if (balance_kb < 0 && limit_kb > 0 && usage->total_usage_kb >= 0)
    balance_kb = MAX (0, limit_kb - usage->total_usage_kb);

  range = td_format_kb (range_kb);
  total = td_format_kb (usage->total_usage_kb);
  /* Translators: a traffic limit of 0, which the API treats as no limit */
  limit = limit_kb == 0 ? g_strdup (C_("traffic limit", "Unlimited")) : td_format_kb (limit_kb);
  balance = limit_kb == 0 ? g_strdup (C_("traffic limit", "Unlimited")) : td_format_kb (balance_kb);

  gtk_label_set_label (self->range_value, range);
  gtk_label_set_label (self->total_value, total);
  gtk_label_set_label (self->limit_value, limit);
  gtk_label_set_label (self->balance_value, balance);

  /* Translators: the first %s is an amount ("1.2 GB"), %u a number of days */
  used_sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s used in the last %u day.",
                                                "%s used in the last %u days.",
                                                self->days),
                                   range, self->days);
  if (limit_kb == 0)
    remaining_sentence = g_strdup (_("The traffic is not limited."));
  else if (balance_kb >= 0)
    /* Translators: the first %s is an amount left, the second the limit ("3 GB of 5 GB remain.") */
    remaining_sentence = g_strdup_printf (_("%s of %s remain."), balance, limit);

  if (remaining_sentence != NULL)
    summary = g_strconcat (used_sentence, " ", remaining_sentence, NULL);
  else
    summary = g_steal_pointer (&used_sentence);

  gtk_label_set_label (self->summary_label, summary);
  td_usage_chart_set_usage (self->chart, usage);
  gtk_stack_set_visible_child_name (self->content_stack, "data");
}

static void
get_usage_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdUsageDialog) self = TD_USAGE_DIALOG (user_data);
  g_autoptr(TdUsage) usage = NULL;
  g_autoptr(GError) error = NULL;

  usage = td_api_client_get_usage_finish (TD_API_CLIENT (object), result, &error);

  /* A newer read replaced this one, or the dialog closed. */
  if (usage == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  td_busy_indicator_set_spinning (self->spinner, FALSE);

  if (usage == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }

  show_usage (self, usage);
}

static void
load_usage (TdUsageDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate from, to;

  g_assert (TD_IS_USAGE_DIALOG (self));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  /* The last @days days, today included. */
  g_date_clear (&to, 1);
  g_date_set_dmy (&to,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
  from = to;
  g_date_subtract_days (&from, self->days - 1);

  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  td_busy_indicator_set_spinning (self->spinner, TRUE);

  td_api_client_get_usage_async (self->client,
                                 td_proxy_user_get_proxy_type (self->user),
                                 td_proxy_user_get_username (self->user),
                                 &from,
                                 &to,
                                 self->load_cancellable,
                                 get_usage_cb,
                                 g_object_ref (self));
}

static void
on_period_toggled (TdUsageDialog   *self,
                   GtkToggleButton *button)
{
  g_assert (TD_IS_USAGE_DIALOG (self));

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->days_7_button)
    td_usage_dialog_set_days (self, 7);
  else if (button == self->days_90_button)
    td_usage_dialog_set_days (self, 90);
  else
    td_usage_dialog_set_days (self, 30);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  load_usage (TD_USAGE_DIALOG (widget));
}

guint
td_usage_dialog_get_days (TdUsageDialog *self)
{
  g_return_val_if_fail (TD_IS_USAGE_DIALOG (self), 0);

  return self->days;
}

void
td_usage_dialog_set_days (TdUsageDialog *self,
                          guint          days)
{
  GtkToggleButton *button;

  g_return_if_fail (TD_IS_USAGE_DIALOG (self));
  g_return_if_fail (days == 7 || days == 30 || days == 90);

  button = days == 7 ? self->days_7_button : days == 90 ? self->days_90_button : self->days_30_button;
  if (!gtk_toggle_button_get_active (button))
    gtk_toggle_button_set_active (button, TRUE);

  if (self->days == days)
    return;

  self->days = days;
  if (self->client != NULL && self->user != NULL)
    load_usage (self);
}

gboolean
td_usage_dialog_get_busy (TdUsageDialog *self)
{
  g_return_val_if_fail (TD_IS_USAGE_DIALOG (self), FALSE);

  return self->load_cancellable != NULL;
}

static void
td_usage_dialog_dispose (GObject *object)
{
  TdUsageDialog *self = TD_USAGE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_USAGE_DIALOG);

  G_OBJECT_CLASS (td_usage_dialog_parent_class)->dispose (object);
}

static void
td_usage_dialog_finalize (GObject *object)
{
  TdUsageDialog *self = TD_USAGE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (td_usage_dialog_parent_class)->finalize (object);
}

static void
td_usage_dialog_class_init (TdUsageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_usage_dialog_dispose;
  object_class->finalize = td_usage_dialog_finalize;

  g_type_ensure (TD_TYPE_USAGE_CHART);
  g_type_ensure (TD_TYPE_BUSY_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-usage-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, days_7_button);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, days_30_button);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, days_90_button);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, chart);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, range_value);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, total_value);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, limit_value);
  gtk_widget_class_bind_template_child (widget_class, TdUsageDialog, balance_value);
  gtk_widget_class_bind_template_callback (widget_class, on_period_toggled);

  gtk_widget_class_install_action (widget_class, "usage.refresh", NULL, refresh_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "usage.refresh", NULL);
}

static void
td_usage_dialog_init (TdUsageDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->days = 30;

  gtk_widget_init_template (GTK_WIDGET (self));
}

TdUsageDialog *
td_usage_dialog_new (GtkWindow   *parent,
                     TdApiClient *client,
                     TdProxyUser *user)
{
  TdUsageDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TD_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (TD_IS_PROXY_USER (user), NULL);

  self = g_object_new (TD_TYPE_USAGE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->client = g_object_ref (client);
  self->user = td_proxy_user_copy (user);
  adw_window_title_set_subtitle (self->window_title, td_proxy_user_get_display_name (user));
  load_usage (self);

  return self;
}
