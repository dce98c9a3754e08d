/* td-busy-indicator.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-busy-indicator.h"

#define N_TICKS       12
#define STEP_MS       1000
#define DEFAULT_SIZE  16

struct _TdBusyIndicator
{
  GtkWidget  parent_instance;

  guint      step;
  guint      timeout;
  gulong     settings_handler;
  GtkSettings *settings;
  gboolean   spinning;
};

G_DEFINE_FINAL_TYPE (TdBusyIndicator, td_busy_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPINNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
animations_enabled (TdBusyIndicator *self)
{
  gboolean enabled = TRUE;

  g_assert (TD_IS_BUSY_INDICATOR (self));

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-enable-animations", &enabled,
                NULL);
  return enabled;
}

static gboolean
step_cb (gpointer user_data)
{
  TdBusyIndicator *self = user_data;

  self->step++;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_CONTINUE;
}

/* The timer runs only while spinning, on screen, and with animations on:
 * nothing is drawn that nobody can see. */
static void
update_timer (TdBusyIndicator *self)
{
  gboolean run;

  g_assert (TD_IS_BUSY_INDICATOR (self));

  run = self->spinning
        && gtk_widget_get_mapped (GTK_WIDGET (self))
        && animations_enabled (self);

  if (run && self->timeout == 0)
    {
      self->timeout = g_timeout_add (STEP_MS, step_cb, self);
      g_source_set_name_by_id (self->timeout, "[thordesk] busy indicator step");
    }
  else if (!run)
    {
      g_clear_handle_id (&self->timeout, g_source_remove);
    }
}

static void
on_animations_changed (TdBusyIndicator *self)
{
  update_timer (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
td_busy_indicator_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = *natural = DEFAULT_SIZE;
}

static void
td_busy_indicator_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TdBusyIndicator *self = TD_BUSY_INDICATOR (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float size = MIN (width, height);
  float radius = size / 2.f;
  float tick_width = MAX (1.5f, size / 10.f);
  float tick_length = size / 4.f;
  guint filled;
  GdkRGBA color;

  if (size <= 0 || !self->spinning)
    return;

  gtk_style_context_get_color (style, &color);

  /* Still (animations off): a full ring, the "busy" state is then only in
   * its presence and its accessible state. */
  filled = animations_enabled (self) ? (self->step % N_TICKS) + 1 : N_TICKS;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width / 2.f, height / 2.f));

  for (guint i = 0; i < N_TICKS; i++)
    {
      GdkRGBA tick = color;

      tick.alpha *= i < filled ? 1.f : 0.25f;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_rotate (snapshot, 360.f * i / N_TICKS);
      gtk_snapshot_append_color (snapshot, &tick,
                                 &GRAPHENE_RECT_INIT (-tick_width / 2.f, -radius,
                                                      tick_width, tick_length));
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_restore (snapshot);
}

static void
td_busy_indicator_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (td_busy_indicator_parent_class)->map (widget);
  update_timer (TD_BUSY_INDICATOR (widget));
}

static void
td_busy_indicator_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (td_busy_indicator_parent_class)->unmap (widget);
  update_timer (TD_BUSY_INDICATOR (widget));
}

static void
td_busy_indicator_root (GtkWidget *widget)
{
  TdBusyIndicator *self = TD_BUSY_INDICATOR (widget);

  GTK_WIDGET_CLASS (td_busy_indicator_parent_class)->root (widget);

  self->settings = g_object_ref (gtk_widget_get_settings (widget));
  self->settings_handler =
    g_signal_connect_swapped (self->settings, "notify::gtk-enable-animations",
                              G_CALLBACK (on_animations_changed), self);
}

static void
td_busy_indicator_unroot (GtkWidget *widget)
{
  TdBusyIndicator *self = TD_BUSY_INDICATOR (widget);

  g_clear_signal_handler (&self->settings_handler, self->settings);
  g_clear_object (&self->settings);

  GTK_WIDGET_CLASS (td_busy_indicator_parent_class)->unroot (widget);
}

static void
td_busy_indicator_dispose (GObject *object)
{
  TdBusyIndicator *self = TD_BUSY_INDICATOR (object);

  g_clear_handle_id (&self->timeout, g_source_remove);

  G_OBJECT_CLASS (td_busy_indicator_parent_class)->dispose (object);
}

static void
td_busy_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdBusyIndicator *self = TD_BUSY_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      g_value_set_boolean (value, self->spinning);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_busy_indicator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TdBusyIndicator *self = TD_BUSY_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      td_busy_indicator_set_spinning (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_busy_indicator_class_init (TdBusyIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_busy_indicator_dispose;
  object_class->get_property = td_busy_indicator_get_property;
  object_class->set_property = td_busy_indicator_set_property;

  widget_class->measure = td_busy_indicator_measure;
  widget_class->snapshot = td_busy_indicator_snapshot;
  widget_class->map = td_busy_indicator_map;
  widget_class->unmap = td_busy_indicator_unmap;
  widget_class->root = td_busy_indicator_root;
  widget_class->unroot = td_busy_indicator_unroot;

  properties[PROP_SPINNING] =
    g_param_spec_boolean ("spinning", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "busy-indicator");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
td_busy_indicator_init (TdBusyIndicator *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
td_busy_indicator_new (void)
{
  return g_object_new (TD_TYPE_BUSY_INDICATOR, NULL);
}

gboolean
td_busy_indicator_get_spinning (TdBusyIndicator *self)
{
  g_return_val_if_fail (TD_IS_BUSY_INDICATOR (self), FALSE);

  return self->spinning;
}

void
td_busy_indicator_set_spinning (TdBusyIndicator *self,
                                gboolean         spinning)
{
  g_return_if_fail (TD_IS_BUSY_INDICATOR (self));

  spinning = !!spinning;
  if (self->spinning == spinning)
    return;

  self->spinning = spinning;
  self->step = 0;
  /* Like GtkSpinner: not spinning, it takes no room and is not heard. */
  gtk_widget_set_visible (GTK_WIDGET (self), spinning);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_BUSY, spinning,
                               -1);
  update_timer (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPINNING]);
}

guint
td_busy_indicator_get_step (TdBusyIndicator *self)
{
  g_return_val_if_fail (TD_IS_BUSY_INDICATOR (self), 0);

  return self->step;
}
