/* Trajectories: every actor's position by round as a line in its colour, the model's
 * forecast by round drawn over them in black, actor labels spread beside the last round so
 * that none overlaps, and the issue's anchor texts beside the position axis. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/chart_internal.h"

fc_status chart_draw_trajectory(chart_ctx *c, cairo_t *cr)
{
    const fc_problem *p = c->p;
    const fc_forecast *f = c->req->set->forecasts[c->req->forecast];
    size_t d = c->req->dim, n = p->n_actors, nd = p->n_dims, T = f->n_rounds;
    double lo, hi;
    chart_scale(c, &lo, &hi);

    char title[256], name[80], sub[256];
    chart_forecast_name(f, name, sizeof name);
    snprintf(title, sizeof title, "%s: positions by round",
             c->issue && c->issue->label ? c->issue->label : p->dim_ids[d]);
    snprintf(sub, sizeof sub, "%s, %zu round%s%s; the black line is the model's forecast by round", name, T,
             T == 1 ? "" : "s", f->converged == 1 ? " (converged)" : "");
    double top = chart_title(c, cr, title, sub) + 8;

    size_t nl = n + 1; /* the actors and the forecast */
    char (*labels)[64] = calloc(nl, sizeof *labels);
    double *ly = calloc(nl, sizeof *ly), *lend = calloc(nl, sizeof *lend);
    const fc_issue *is = c->issue;
    size_t na = is ? is->n_anchors : 0;
    chart_lines *al = calloc(na ? na : 1, sizeof *al);
    double *ay = calloc(na ? na : 1, sizeof *ay);
    if (!labels || !ly || !lend || !al || !ay) {
        free(labels), free(ly), free(lend), free(al), free(ay);
        return chart_nomem(c);
    }

    /* Right column: actor labels. */
    chart_font(c, cr, 0.9, 0, 0);
    double lh = chart_line_height(cr) * 1.15;
    /* On a narrow canvas the labels get shorter, so that the plot keeps most of the width. */
    double lw = 0;
    size_t max_chars = 24;
    for (;;) {
        lw = 0;
        for (size_t i = 0; i < n; i++) {
            fc_chart_actor_label(p->actor_names[i], labels[i], sizeof labels[i], max_chars);
            double w = chart_text_width(cr, labels[i]);
            if (w > lw)
                lw = w;
        }
        if (lw <= 0.28 * c->width || max_chars <= 8)
            break;
        max_chars -= 2;
    }
    snprintf(labels[n], sizeof labels[n], "forecast");
    chart_font(c, cr, 0.9, 1, 0);
    if (chart_text_width(cr, labels[n]) > lw)
        lw = chart_text_width(cr, labels[n]);

    /* Left column: anchors. */
    double aw = na ? (0.18 * c->width < 130 ? 0.18 * c->width : 130) : 0;
    if (aw < 60) /* too narrow for the anchor texts: the numbers alone */
        aw = 0, na = 0;
    chart_font(c, cr, 0.8, 0, 1);
    double alh = chart_line_height(cr) * 1.08;
    size_t amax = 1;
    for (size_t k = 0; k < na; k++) {
        char s[128];
        chart_anchor_text(is->anchors[k].text ? is->anchors[k].text : "", s, sizeof s);
        chart_wrap(cr, s, aw, 3, &al[k]);
        if (al[k].n > amax)
            amax = al[k].n;
    }

    double x0 = 16 + aw + (na ? 10 : 0) + 34, x1 = c->width - 16 - lw - 26;
    double ph = (double)nl * lh * 1.05;
    if (ph < 280)
        ph = 280;
    if ((double)na * ((double)amax * alh + 6) > ph)
        ph = (double)na * ((double)amax * alh + 6);
    double natural = top + ph + 60;
    if (c->height > natural) /* a taller canvas asked for: a taller plot */
        ph += c->height - natural;
    double bottom = top + ph;
#define YV(v) chart_map((v), lo, hi, bottom, top)
#define XR(t) (T ? chart_map((double)(t), 0, (double)T, x0, x1) : (x0 + x1) / 2)

    /* Grid and axes. */
    chart_font(c, cr, 0.85, 0, 0);
    double step = chart_nice_step(hi - lo, 8);
    cairo_set_line_width(cr, 0.8);
    /* By index: v += step does not advance far from zero (see chart_ruler). */
    double k0 = ceil(lo / step - 1e-9), k1 = floor(hi / step + 1e-9);
    double n_ticks = isfinite(k0) && isfinite(k1) && k1 >= k0 && k1 - k0 < 64 ? k1 - k0 + 1 : 0;
    for (double i = 0; i < n_ticks; i++) {
        double v = (k0 + i) * step;
        double yy = YV(v);
        chart_rgb(cr, CHART_GRID, 1);
        cairo_move_to(cr, x0, yy);
        cairo_line_to(cr, x1, yy);
        cairo_stroke(cr);
        char num[32];
        snprintf(num, sizeof num, "%g", fabs(v) < 1e-12 ? 0 : v);
        chart_rgb(cr, CHART_MUTED, 1);
        chart_text(cr, x0 - 5, yy - chart_line_height(cr) / 2, num, 2);
    }
    double rstep = T ? chart_nice_step((double)T, (int)((x1 - x0) / 36) > 1 ? (int)((x1 - x0) / 36) : 1) : 1;
    if (rstep < 1)
        rstep = 1;
    rstep = ceil(rstep);
    for (double t = 0; t <= (double)T + 1e-9; t += rstep) {
        double xx = XR(t);
        chart_rgb(cr, CHART_GRID, 1);
        cairo_move_to(cr, xx, top);
        cairo_line_to(cr, xx, bottom);
        cairo_stroke(cr);
        char num[32];
        snprintf(num, sizeof num, "%.0f", t);
        chart_rgb(cr, CHART_MUTED, 1);
        chart_text(cr, xx, bottom + 5, num, 1);
    }
    chart_text(cr, (x0 + x1) / 2, bottom + 7 + chart_line_height(cr), "round", 1);
    chart_rgb(cr, CHART_MUTED, 1);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, x0, top, x1 - x0, bottom - top);
    cairo_stroke(cr);

    /* Anchors beside the position axis, spread so that they do not overlap. */
    if (na) {
        double ah = (double)amax * alh + 4;
        for (size_t k = 0; k < na; k++)
            ay[k] = YV(is->anchors[k].point);
        chart_spread(na, ay, ah, top - ah / 2, bottom + ah / 2);
        chart_font(c, cr, 0.8, 0, 1);
        for (size_t k = 0; k < na; k++) {
            double ty = ay[k] - (double)al[k].n * alh / 2;
            double tx = 16 + aw - al[k].w;
            chart_rgb(cr, CHART_GRID, 1);
            cairo_set_line_width(cr, 0.8);
            cairo_move_to(cr, 16 + aw + 2, ay[k]);
            cairo_line_to(cr, x0 - 30, YV(is->anchors[k].point));
            cairo_stroke(cr);
            chart_rgb(cr, CHART_MUTED, 1);
            chart_draw_lines(cr, &al[k], tx, ty, alh, 2);
            char joined[260];
            snprintf(joined, sizeof joined, "%s%s%s", al[k].line[0], al[k].n > 1 ? " " : "", al[k].n > 1 ? al[k].line[1] : "");
            chart_box(c, tx, ty, al[k].w, (double)al[k].n * alh, joined);
        }
    }

    /* The actors' lines. */
    for (size_t i = 0; i < n; i++) {
        chart_rgb(cr, fc_chart_actor_color(i), 0.9);
        cairo_set_line_width(cr, 1.8);
        chart_actor_dash(cr, i);
        for (size_t t = 0; t <= T; t++) {
            double v = fc_forecast_positions_at(f, t)[i * nd + d];
            if (t == 0)
                cairo_move_to(cr, XR(t), YV(v));
            else
                cairo_line_to(cr, XR(t), YV(v));
        }
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        if (T <= 30)
            for (size_t t = 0; t <= T; t++) {
                chart_marker(cr, i, XR(t), YV(fc_forecast_positions_at(f, t)[i * nd + d]), 2.6);
                cairo_fill(cr);
            }
        lend[i] = YV(fc_forecast_positions_at(f, T)[i * nd + d]);
    }
    /* The forecast by round, over them, on a white casing so that it stays visible. */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0)
            cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
        else
            chart_rgb(cr, 0x000000, 1);
        cairo_set_line_width(cr, pass == 0 ? 6 : 2.8);
        int started = 0;
        for (size_t t = 0; t <= T; t++) {
            double v = f->point[t * nd + d];
            if (isnan(v))
                continue;
            if (!started)
                cairo_move_to(cr, XR(t), YV(v));
            else
                cairo_line_to(cr, XR(t), YV(v));
            started = 1;
        }
        cairo_stroke(cr);
    }
    double fend = f->point[T * nd + d];
    lend[n] = isnan(fend) ? bottom : YV(fend);

    /* Labels at the right, spread apart, each tied to its line's end. */
    for (size_t k = 0; k < nl; k++)
        ly[k] = lend[k];
    chart_spread(nl, ly, lh, top - lh, bottom + lh);
    for (size_t k = 0; k < nl; k++) {
        unsigned col = k < n ? fc_chart_actor_color(k) : 0x000000;
        chart_rgb(cr, col, 0.8);
        cairo_set_line_width(cr, 0.9);
        cairo_move_to(cr, x1 + 2, lend[k]);
        cairo_line_to(cr, x1 + 18, ly[k]);
        cairo_stroke(cr);
        chart_font(c, cr, 0.9, k == n, 0);
        double th = chart_line_height(cr);
        chart_rgb(cr, k < n ? CHART_INK : 0x000000, 1);
        chart_text(cr, x1 + 22, ly[k] - th / 2, labels[k], 0);
        chart_box(c, x1 + 22, ly[k] - th / 2, chart_text_width(cr, labels[k]), th, labels[k]);
    }
#undef YV
#undef XR
    if (c->height <= 0)
        c->height = ceil(natural);
    free(labels), free(ly), free(lend), free(al), free(ay);
    return FC_OK;
}
