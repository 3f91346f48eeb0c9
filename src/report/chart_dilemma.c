/* A dilemma's choices side by side: where each choice puts the deciding actor and where the
 * forecast ends (on the issue scale), the pressure each challenger puts on the deciding actor,
 * the instability, the deciding actor's utility, and the crisis backlash (who would challenge,
 * and the decision value that counts it), one colour per choice throughout. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/chart_internal.h"

static void fmt(char *buf, size_t size, double v)
{
    if (isnan(v))
        snprintf(buf, size, "n/a");
    else
        snprintf(buf, size, fabs(v) >= 1000 ? "%.0f" : "%.3g", fabs(v) < 5e-13 ? 0.0 : v);
}

/* A panel's heading, wrapped to the chart's width (a phone's narrow chart cuts long ones
 * otherwise); returns the y below it. */
static double panel_heading(chart_ctx *c, cairo_t *cr, double y, const char *text)
{
    chart_rgb(cr, CHART_INK, 1);
    chart_font(c, cr, 1.0, 1, 0);
    chart_lines l;
    chart_wrap(cr, text, c->width - 32, 3, &l);
    double lh = chart_line_height(cr);
    chart_draw_lines(cr, &l, 16, y, lh, 0);
    return y + lh * (double)(l.n ? l.n : 1) + 8;
}

/* Horizontal bars: n_rows rows, each with n_series bars (value values[r * n_series + s],
 * coloured by series, or by row when by_row). Returns the y below the panel. */
static double bar_panel(chart_ctx *c, cairo_t *cr, double y, const char *heading, size_t n_rows,
                        const char *const *row_labels, size_t n_series, const char *const *series_names,
                        const double *values, int by_row)
{
    y = panel_heading(c, cr, y, heading);

    char buf[64];
    if (n_series > 1 && series_names) { /* which colour is which */
        chart_font(c, cr, 0.85, 0, 0);
        double lx = 16;
        for (size_t s = 0; s < n_series; s++) {
            fc_chart_actor_label(series_names[s], buf, sizeof buf, 28);
            double tw = chart_text_width(cr, buf);
            if (lx + 16 + tw > c->width - 16 && lx > 16) {
                lx = 16;
                y += chart_line_height(cr) + 4;
            }
            chart_rgb(cr, chart_series_color(s), 0.9);
            cairo_rectangle(cr, lx, y + 2, 12, 9);
            cairo_fill(cr);
            chart_rgb(cr, CHART_INK, 1);
            chart_text(cr, lx + 16, y, buf, 0);
            lx += 16 + tw + 18;
        }
        y += chart_line_height(cr) + 8;
    }
    chart_font(c, cr, 0.9, 0, 0);
    double lh = chart_line_height(cr);
    double lw = 0;
    for (size_t r = 0; r < n_rows; r++) {
        fc_chart_actor_label(row_labels[r], buf, sizeof buf, 28);
        double w = chart_text_width(cr, buf);
        if (w > lw)
            lw = w;
    }
    double vmin = 0, vmax = 0;
    for (size_t k = 0; k < n_rows * n_series; k++)
        if (isfinite(values[k])) {
            if (values[k] < vmin)
                vmin = values[k];
            if (values[k] > vmax)
                vmax = values[k];
        }
    if (vmax == vmin)
        vmax = vmin + 1;
    double x0 = 16 + lw + 12, x1 = c->width - 60;
    /* As many ticks as their labels fit side by side (a phone's narrow chart has room for
     * fewer than six). */
    chart_font(c, cr, 0.8, 0, 0);
    int target = (int)((x1 - x0) / (chart_text_width(cr, "-0.000") + 10));
    double step = chart_nice_step(vmax - vmin, target < 2 ? 2 : target > 6 ? 6 : target);
    vmin = floor(vmin / step + 1e-9) * step;
    vmax = ceil(vmax / step - 1e-9) * step;
    double bh = n_series > 1 ? 9 : 14, gap = 2;
    double rh = (double)n_series * (bh + gap) + 8;
    if (rh < lh + 6)
        rh = lh + 6;
    double top = y;
    double bottom = top + (double)n_rows * rh;
    chart_font(c, cr, 0.8, 0, 0);
    cairo_set_line_width(cr, 0.8);
    for (double v = vmin; v <= vmax + step * 1e-9; v += step) {
        double xx = chart_map(v, vmin, vmax, x0, x1);
        chart_rgb(cr, CHART_GRID, 1);
        cairo_move_to(cr, xx, top);
        cairo_line_to(cr, xx, bottom);
        cairo_stroke(cr);
        fmt(buf, sizeof buf, v);
        chart_rgb(cr, CHART_MUTED, 1);
        chart_text(cr, xx, bottom + 3, buf, 1);
    }
    double zx = chart_map(0, vmin, vmax, x0, x1);
    for (size_t r = 0; r < n_rows; r++) {
        double ry = top + (double)r * rh;
        chart_font(c, cr, 0.9, 0, 0);
        chart_rgb(cr, CHART_INK, 1);
        fc_chart_actor_label(row_labels[r], buf, sizeof buf, 28);
        double tw = chart_text_width(cr, buf);
        chart_text(cr, 16 + lw - tw, ry + rh / 2 - lh / 2, buf, 0);
        chart_box(c, 16 + lw - tw, ry + rh / 2 - lh / 2, tw, lh, buf);
        double by = ry + (rh - (double)n_series * (bh + gap)) / 2;
        for (size_t s = 0; s < n_series; s++) {
            double v = values[r * n_series + s];
            double yy = by + (double)s * (bh + gap);
            if (!isfinite(v))
                continue;
            double xv = chart_map(v, vmin, vmax, x0, x1);
            chart_rgb(cr, chart_series_color(by_row ? r : s), 0.9);
            cairo_rectangle(cr, v >= 0 ? zx : xv, yy, fabs(xv - zx), bh);
            cairo_fill(cr);
            chart_font(c, cr, 0.75, 0, 0);
            chart_rgb(cr, CHART_INK, 1);
            fmt(buf, sizeof buf, v);
            double vh = chart_line_height(cr);
            chart_text(cr, (v >= 0 ? (xv > zx ? xv : zx) : zx) + 3, yy + bh / 2 - vh / 2, buf, 0);
        }
    }
    chart_rgb(cr, CHART_MUTED, 1);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, zx, top);
    cairo_line_to(cr, zx, bottom);
    cairo_stroke(cr);
    chart_font(c, cr, 0.8, 0, 0);
    return bottom + 6 + chart_line_height(cr) + 14;
}

fc_status chart_draw_dilemma(chart_ctx *c, cairo_t *cr)
{
    const fc_chart_dilemma *dm = c->req->dilemma;
    size_t nc = dm->n_choices;
    double lo, hi;
    chart_scale(c, &lo, &hi);
    if (!c->p) { /* no scenario: the scale the figures span */
        lo = INFINITY;
        hi = -INFINITY;
        for (size_t k = 0; k < nc; k++) {
            double v[2] = {dm->outcome[k], dm->choice_position ? dm->choice_position[k] : NAN};
            for (int j = 0; j < 2; j++)
                if (isfinite(v[j])) {
                    lo = v[j] < lo ? v[j] : lo;
                    hi = v[j] > hi ? v[j] : hi;
                }
        }
        if (!(hi > lo)) {
            lo = isfinite(lo) ? lo - 1 : 0;
            hi = isfinite(hi) ? hi + 1 : 1;
        }
    }
    char sub[256];
    snprintf(sub, sizeof sub, "The choices of %s side by side, one colour per choice",
             dm->decider ? dm->decider : "the deciding actor");
    double y = chart_title(c, cr, dm->title ? dm->title : "The dilemma", sub);

    /* Panel 1: from the choice to the forecast outcome, one row per choice. */
    y = panel_heading(c, cr, y, "Where each choice leads: the choice (\xE2\x97\x87) and the forecast outcome (\xE2\x97\x8F)");
    chart_font(c, cr, 0.9, 0, 0);
    double lh = chart_line_height(cr), lw = 0;
    char buf[96];
    for (size_t k = 0; k < nc; k++) {
        fc_chart_actor_label(dm->choices[k], buf, sizeof buf, 28);
        if (chart_text_width(cr, buf) > lw)
            lw = chart_text_width(cr, buf);
    }
    double x0 = 16 + lw + 20, x1 = c->width - 70, rh = lh + 12;
    for (size_t k = 0; k < nc; k++) {
        double ry = y + (double)k * rh + rh / 2;
        if (k % 2 == 0) {
            chart_rgb(cr, 0xF3F3F3, 1);
            cairo_rectangle(cr, x0 - 8, ry - rh / 2, c->width - 16 - (x0 - 8), rh);
            cairo_fill(cr);
        }
        unsigned col = chart_series_color(k);
        chart_font(c, cr, 0.9, 0, 0);
        chart_rgb(cr, CHART_INK, 1);
        fc_chart_actor_label(dm->choices[k], buf, sizeof buf, 28);
        double tw = chart_text_width(cr, buf);
        chart_text(cr, 16 + lw - tw, ry - lh / 2, buf, 0);
        chart_box(c, 16 + lw - tw, ry - lh / 2, tw, lh, buf);
        chart_rgb(cr, col, 1);
        cairo_rectangle(cr, 16 + lw + 6, ry - 4, 8, 8);
        cairo_fill(cr);
        double xo = isfinite(dm->outcome[k]) ? chart_map(dm->outcome[k], lo, hi, x0, x1) : NAN;
        double cp = dm->choice_position ? dm->choice_position[k] : NAN;
        if (isfinite(xo)) {
            cairo_new_sub_path(cr);
            cairo_arc(cr, xo, ry, 6, 0, 2 * M_PI);
            chart_rgb(cr, col, 1);
            cairo_fill(cr);
            chart_font(c, cr, 0.85, 1, 0);
            fmt(buf, sizeof buf, dm->outcome[k]);
            double vw = chart_text_width(cr, buf);
            int left_side = isfinite(cp) && chart_map(cp, lo, hi, x0, x1) > xo;
            double tx = left_side ? xo - 10 - vw : xo + 10;
            if (tx + vw > c->width - 8)
                tx = xo - 10 - vw;
            if (tx < x0 - 8)
                tx = xo + 10;
            chart_rgb(cr, CHART_INK, 1);
            chart_text(cr, tx, ry - chart_line_height(cr) / 2, buf, 0);
        }
        if (isfinite(cp)) {
            double xc = chart_map(cp, lo, hi, x0, x1);
            if (isfinite(xo) && fabs(xo - xc) > 8) {
                chart_rgb(cr, col, 0.8);
                cairo_set_line_width(cr, 1.6);
                double dir = xo > xc ? 1 : -1;
                cairo_move_to(cr, xc + dir * 6, ry);
                cairo_line_to(cr, xo - dir * 8, ry);
                cairo_stroke(cr);
                cairo_move_to(cr, xo - dir * 6, ry);
                cairo_line_to(cr, xo - dir * 12, ry - 3.5);
                cairo_line_to(cr, xo - dir * 12, ry + 3.5);
                cairo_close_path(cr);
                cairo_fill(cr);
            }
            cairo_move_to(cr, xc, ry - 6);
            cairo_line_to(cr, xc + 6, ry);
            cairo_line_to(cr, xc, ry + 6);
            cairo_line_to(cr, xc - 6, ry);
            cairo_close_path(cr);
            cairo_set_source_rgba(cr, 1, 1, 1, 0.6);
            cairo_fill_preserve(cr);
            chart_rgb(cr, col, 1);
            cairo_set_line_width(cr, 1.6);
            cairo_stroke(cr);
        }
    }
    y += (double)nc * rh + 8;
    y += chart_ruler(c, cr, x0, x1, y, lo, hi) + 16;

    /* Panel 2: pressure by challenger, a bar per choice. */
    if (dm->n_actors && dm->pressure) {
        double *vals = malloc(dm->n_actors * nc * sizeof *vals);
        if (!vals)
            return chart_nomem(c);
        for (size_t i = 0; i < dm->n_actors; i++)
            for (size_t k = 0; k < nc; k++)
                vals[i * nc + k] = dm->pressure[k * dm->n_actors + i];
        char heading[200];
        snprintf(heading, sizeof heading, "Pressure on %s by challenger",
                 dm->decider ? dm->decider : "the deciding actor");
        y = bar_panel(c, cr, y, heading, dm->n_actors, dm->actors, nc, dm->choices, vals, 0);
        free(vals);
    }
    if (!dm->n_actors || !dm->pressure) {
        char note[300];
        snprintf(note, sizeof note, "No actor challenges %s under any of these choices in this model's forecast.",
                 dm->decider ? dm->decider : "the deciding actor");
        chart_rgb(cr, CHART_INK, 1);
        chart_font(c, cr, 1.0, 1, 0);
        chart_text(cr, 16, y, "Pressure by challenger", 0);
        y += chart_line_height(cr) + 6;
        chart_rgb(cr, CHART_MUTED, 1);
        chart_font(c, cr, 0.9, 0, 0);
        chart_lines nl;
        chart_wrap(cr, note, c->width - 32, 2, &nl);
        chart_draw_lines(cr, &nl, 16, y, chart_line_height(cr) * 1.1, 0);
        y += (double)nl.n * chart_line_height(cr) * 1.1 + 18;
    }
    if (dm->instability)
        y = bar_panel(c, cr, y, "Instability: conflicts predicted among all pairs", nc, dm->choices, 1, NULL,
                      dm->instability, 1);
    if (dm->utility) {
        char heading[200];
        snprintf(heading, sizeof heading, "Utility of the outcome to %s",
                 dm->decider ? dm->decider : "the deciding actor");
        y = bar_panel(c, cr, y, heading, nc, dm->choices, 1, NULL, dm->utility, 1);
    }
    /* The crisis backlash: who would challenge the decider under each choice (The War Trap's
     * expected utility, > 0: it would), and the decision value that weighs it in. */
    if (dm->n_crisis_actors && dm->crisis_eu) {
        double *vals = malloc(dm->n_crisis_actors * nc * sizeof *vals);
        if (!vals)
            return chart_nomem(c);
        for (size_t i = 0; i < dm->n_crisis_actors; i++)
            for (size_t k = 0; k < nc; k++)
                vals[i * nc + k] = dm->crisis_eu[k * dm->n_crisis_actors + i];
        char heading[240];
        snprintf(heading, sizeof heading, "Backlash: each challenger's expected utility of challenging %s in a crisis "
                 "(above 0: it would)", dm->decider ? dm->decider : "the deciding actor");
        y = bar_panel(c, cr, y, heading, dm->n_crisis_actors, dm->crisis_actors, nc, dm->choices, vals, 0);
        free(vals);
    }
    if (dm->value) {
        char heading[240];
        snprintf(heading, sizeof heading, "Decision value to %s: utility less the backlash's cost",
                 dm->decider ? dm->decider : "the deciding actor");
        y = bar_panel(c, cr, y, heading, nc, dm->choices, 1, NULL, dm->value, 1);
    }
    if (c->height <= 0)
        c->height = ceil(y);
    return FC_OK;
}
