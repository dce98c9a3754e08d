/* td-usage-chart.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-usage-chart.h"

/* Daily traffic as bars, drawn with GtkSnapshot in the accent colour, with
 * the highest amount on the vertical axis and the first and last dates
 * under it.  Each bar has a tooltip; screen readers get a one-sentence
 * summary. */

#define AXIS_GAP       6.f
#define MIN_HEIGHT   120
#define NATURAL_HEIGHT 180

struct _TdUsageChart
{
  GtkWidget  parent_instance;

  /* TdUsageDay */
  GArray    *days;
  double     max_kb;
  char      *summary;
};

G_DEFINE_FINAL_TYPE (TdUsageChart, td_usage_chart, GTK_TYPE_WIDGET)

static char *
format_day (const GDate *date,
            const char  *format)
{
  char buffer[128];

  g_assert (date != NULL);

  if (!g_date_valid (date) || g_date_strftime (buffer, sizeof buffer, format, date) == 0)
    return g_strdup ("");

  return g_strstrip (g_strdup (buffer));
}

static void
get_colors (TdUsageChart *self,
            GdkRGBA      *bar,
            GdkRGBA      *text)
{
  GtkStyleContext *context;

  g_assert (TD_IS_USAGE_CHART (self));

  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, text);

  if (!gtk_style_context_lookup_color (context, "accent_bg_color", bar) &&
      !gtk_style_context_lookup_color (context, "theme_selected_bg_color", bar))
    gdk_rgba_parse (bar, "#3584e4");
}

/* The layout of the plot area, shared by drawing and tooltips. */
typedef struct
{
  float x;
  float y;
  float width;
  float height;
  float slot;
} PlotArea;

static void
measure_text (TdUsageChart *self,
              const char   *text,
              int          *width,
              int          *height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_get_pixel_size (layout, width, height);
}

static char *
dup_max_label (TdUsageChart *self)
{
  g_assert (TD_IS_USAGE_CHART (self));

  return self->max_kb > 0 ? td_format_kb (self->max_kb) : g_strdup ("0");
}

static void
get_plot_area (TdUsageChart *self,
               PlotArea     *area)
{
  g_autofree char *max_label = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int label_width, label_height;

  g_assert (TD_IS_USAGE_CHART (self));

  max_label = dup_max_label (self);
  measure_text (self, max_label, &label_width, &label_height);

  area->x = label_width + AXIS_GAP;
  area->y = label_height / 2.f;
  area->width = MAX (1.f, width - area->x);
  area->height = MAX (1.f, height - area->y - label_height - AXIS_GAP);
  area->slot = self->days != NULL && self->days->len > 0 ? area->width / self->days->len : area->width;
}

static void
append_text (GtkSnapshot   *snapshot,
             TdUsageChart  *self,
             const char    *text,
             float          x,
             float          y,
             float          xalign,
             const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - xalign * width, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
td_usage_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TdUsageChart *self = TD_USAGE_CHART (widget);
  g_autofree char *max_label = NULL;
  GdkRGBA bar, text, grid, dim;
  PlotArea area;
  int label_width, label_height;
  guint n_days;

  get_colors (self, &bar, &text);
  get_plot_area (self, &area);

  grid = text;
  grid.alpha *= 0.15f;
  dim = text;
  dim.alpha *= 0.7f;

  n_days = self->days != NULL ? self->days->len : 0;

  /* The axes: a faint line at the top (the highest day), a stronger base. */
  gtk_snapshot_append_color (snapshot, &grid,
                             &GRAPHENE_RECT_INIT (area.x, area.y, area.width, 1));
  grid.alpha *= 2.5f;
  gtk_snapshot_append_color (snapshot, &grid,
                             &GRAPHENE_RECT_INIT (area.x, area.y + area.height, area.width, 1));

  max_label = dup_max_label (self);
  measure_text (self, max_label, &label_width, &label_height);
  append_text (snapshot, self, max_label, area.x - AXIS_GAP, area.y - label_height / 2.f, 1.f, &dim);
  append_text (snapshot, self, "0", area.x - AXIS_GAP,
               area.y + area.height - label_height / 2.f, 1.f, &dim);

  if (n_days == 0)
    return;

  for (guint i = 0; i < n_days; i++)
    {
      const TdUsageDay *day = &g_array_index (self->days, TdUsageDay, i);
      float bar_width, bar_height;

      if (day->usage_kb <= 0 || self->max_kb <= 0)
        continue;

      /* Gaps between wide bars; touching bars when 90 days are narrow. */
      bar_width = area.slot >= 4.f ? area.slot * 0.7f : area.slot;
      bar_height = MAX (1.f, (float) (day->usage_kb / self->max_kb) * area.height);

      gtk_snapshot_append_color (snapshot, &bar,
                                 &GRAPHENE_RECT_INIT (area.x + i * area.slot + (area.slot - bar_width) / 2.f,
                                                      area.y + area.height - bar_height,
                                                      bar_width,
                                                      bar_height));
    }

  /* The first and the last day under the base line. */
  {
    const TdUsageDay *first = &g_array_index (self->days, TdUsageDay, 0);
    const TdUsageDay *last = &g_array_index (self->days, TdUsageDay, n_days - 1);
    /* Translators: a short date under the usage chart, see strftime(3) */
    g_autofree char *first_label = format_day (&first->date, _("%e %b"));
    g_autofree char *last_label = format_day (&last->date, _("%e %b"));
    float y = area.y + area.height + AXIS_GAP;

    append_text (snapshot, self, first_label, area.x, y, 0.f, &dim);
    if (n_days > 1)
      append_text (snapshot, self, last_label, area.x + area.width, y, 1.f, &dim);
  }

  if (self->max_kb <= 0)
    append_text (snapshot, self, _("No traffic in this period"),
                 area.x + area.width / 2.f, area.y + area.height / 2.f - label_height / 2.f,
                 0.5f, &dim);
}

static void
td_usage_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = MIN_HEIGHT;
      *natural = NATURAL_HEIGHT;
    }
  else
    {
      *minimum = 160;
      *natural = 400;
    }
}

static gboolean
td_usage_chart_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  TdUsageChart *self = TD_USAGE_CHART (widget);
  g_autofree char *date = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *markup = NULL;
  const TdUsageDay *day;
  PlotArea area;
  int index;

  if (self->days == NULL || self->days->len == 0 || keyboard_mode)
    return FALSE;

  get_plot_area (self, &area);
  if (x < area.x)
    return FALSE;

  index = (int) ((x - area.x) / area.slot);
  if (index < 0 || (guint) index >= self->days->len)
    return FALSE;

  day = &g_array_index (self->days, TdUsageDay, index);
  date = format_day (&day->date, "%x");
  amount = td_format_kb (MAX (day->usage_kb, 0));
  /* Translators: a tooltip on a bar of the usage chart: a date, then an amount */
  markup = g_strdup_printf (_("%s: %s"), date, amount);
  gtk_tooltip_set_text (tooltip, markup);

  return TRUE;
}

static void
update_summary (TdUsageChart *self)
{
  guint n_days;

  g_assert (TD_IS_USAGE_CHART (self));

  g_clear_pointer (&self->summary, g_free);
  n_days = self->days != NULL ? self->days->len : 0;

  if (n_days == 0)
    {
      self->summary = g_strdup (_("No traffic data"));
    }
  else if (self->max_kb <= 0)
    {
      /* Translators: %u is a number of days */
      self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "Daily traffic over %u day: none",
                                                    "Daily traffic over %u days: none",
                                                    n_days),
                                       n_days);
    }
  else
    {
      g_autofree char *amount = td_format_kb (self->max_kb);
      g_autofree char *date = NULL;

      for (guint i = 0; i < n_days; i++)
        {
          const TdUsageDay *day = &g_array_index (self->days, TdUsageDay, i);

          if (day->usage_kb == self->max_kb)
            {
              date = format_day (&day->date, "%x");
              break;
            }
        }

      /* Translators: %u is a number of days, the first %s an amount
       * ("1.2 GB"), the second %s a date */
      self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "Daily traffic over %u day, highest %s on %s",
                                                    "Daily traffic over %u days, highest %s on %s",
                                                    n_days),
                                       n_days, amount, date != NULL ? date : "");
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

void
td_usage_chart_set_usage (TdUsageChart  *self,
                          const TdUsage *usage)
{
  g_return_if_fail (TD_IS_USAGE_CHART (self));

  g_clear_pointer (&self->days, g_array_unref);
  self->max_kb = 0;

  if (usage != NULL && usage->days != NULL)
    {
      self->days = g_array_sized_new (FALSE, FALSE, sizeof (TdUsageDay), usage->days->len);
      g_array_append_vals (self->days, usage->days->data, usage->days->len);

      for (guint i = 0; i < self->days->len; i++)
        {
          const TdUsageDay *day = &g_array_index (self->days, TdUsageDay, i);

          if (day->usage_kb > self->max_kb)
            self->max_kb = day->usage_kb;
        }
    }

  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
td_usage_chart_get_summary (TdUsageChart *self)
{
  g_return_val_if_fail (TD_IS_USAGE_CHART (self), NULL);

  return self->summary;
}

static void
td_usage_chart_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (td_usage_chart_parent_class)->css_changed (widget, change);

  /* The accent colour or the font may have changed. */
  gtk_widget_queue_draw (widget);
}

static void
td_usage_chart_finalize (GObject *object)
{
  TdUsageChart *self = TD_USAGE_CHART (object);

  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (td_usage_chart_parent_class)->finalize (object);
}

static void
td_usage_chart_class_init (TdUsageChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = td_usage_chart_finalize;

  widget_class->snapshot = td_usage_chart_snapshot;
  widget_class->measure = td_usage_chart_measure;
  widget_class->query_tooltip = td_usage_chart_query_tooltip;
  widget_class->css_changed = td_usage_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "tdusagechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
td_usage_chart_init (TdUsageChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Daily traffic"),
                                  -1);
  update_summary (self);
}

TdUsageChart *
td_usage_chart_new (void)
{
  return g_object_new (TD_TYPE_USAGE_CHART, NULL);
}
