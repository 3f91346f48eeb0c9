/* A sweep's results: the histogram of the forecast over every run with its interval shaded
 * and its centre marked, on the issue scale; below it the tornado: how far the forecast
 * moves when one estimate at a time goes to its low or its high value. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/chart_internal.h"

#define TORNADO_ROWS 20

static void fmt(char *buf, size_t size, double v)
{
    snprintf(buf, size, fabs(v) >= 10000 ? "%.0f" : "%.4g", fabs(v) < 5e-13 ? 0.0 : v);
}

typedef struct swing {
    double size;
    size_t j;
} swing;

static int by_size_desc(const void *a, const void *b)
{
    const swing *p = a, *q = b;
    if (p->size != q->size)
        return p->size > q->size ? -1 : 1;
    return p->j < q->j ? -1 : p->j > q->j;
}

static double histogram(chart_ctx *c, cairo_t *cr, double y, const fc_chart_sweep *sw)
{
    double lo, hi;
    chart_scale(c, &lo, &hi);
    if (!c->p) {
        lo = INFINITY;
        hi = -INFINITY;
        for (size_t k = 0; k < sw->n_samples; k++)
            if (isfinite(sw->samples[k])) {
                lo = sw->samples[k] < lo ? sw->samples[k] : lo;
                hi = sw->samples[k] > hi ? sw->samples[k] : hi;
            }
        if (!(hi > lo)) {
            lo = isfinite(lo) ? lo - 1 : 0;
            hi = isfinite(hi) ? hi + 1 : 1;
        }
    }
    size_t nb = sw->n_bins;
    if (nb == 0) {
        nb = (size_t)ceil(sqrt((double)sw->n_samples));
        nb = nb < 10 ? 10 : nb > 50 ? 50 : nb;
    }
    if (nb > 1000)
        nb = 1000;
    /* Bins span the runs' range (so that a narrow spread still shows its shape), drawn on
     * the scale (so that its place on the issue shows too). */
    double blo = INFINITY, bhi = -INFINITY;
    for (size_t k = 0; k < sw->n_samples; k++)
        if (isfinite(sw->samples[k]) && sw->samples[k] >= lo && sw->samples[k] <= hi) {
            blo = sw->samples[k] < blo ? sw->samples[k] : blo;
            bhi = sw->samples[k] > bhi ? sw->samples[k] : bhi;
        }
    if (!(bhi > blo)) {
        double half = (hi - lo) / 200;
        blo = isfinite(blo) ? blo - half : lo;
        bhi = isfinite(bhi) ? bhi + half : hi;
    }
    size_t *count = calloc(nb, sizeof *count);
    if (!count) {
        c->nomem = 1;
        return y;
    }
    size_t cmax = 0, used = 0;
    for (size_t k = 0; k < sw->n_samples; k++) {
        double v = sw->samples[k];
        if (!isfinite(v) || v < blo || v > bhi)
            continue;
        size_t b = (size_t)((v - blo) / (bhi - blo) * (double)nb);
        if (b >= nb)
            b = nb - 1;
        if (++count[b] > cmax)
            cmax = count[b];
        used++;
    }
    chart_rgb(cr, CHART_INK, 1);
    chart_font(c, cr, 1.0, 1, 0);
    char head[160];
    snprintf(head, sizeof head, "The forecast over %zu run%s", used, used == 1 ? "" : "s");
    chart_text(cr, 16, y, head, 0);
    y += chart_line_height(cr) + 6;

    /* The legend line: interval and centre. */
    chart_font(c, cr, 0.85, 0, 0);
    char legend[200] = "", a[32], b[32];
    if (isfinite(sw->interval_low) && isfinite(sw->interval_high)) {
        fmt(a, sizeof a, sw->interval_low);
        fmt(b, sizeof b, sw->interval_high);
        snprintf(legend, sizeof legend, "shaded: the %.0f%% interval, %s to %s", sw->interval_level * 100, a, b);
    }
    if (isfinite(sw->center)) {
        fmt(a, sizeof a, sw->center);
        size_t len = strlen(legend);
        snprintf(legend + len, sizeof legend - len, "%sblack line: the median, %s", len ? "; " : "", a);
    }
    if (legend[0]) {
        chart_rgb(cr, CHART_MUTED, 1);
        chart_text(cr, 16, y, legend, 0);
        y += chart_line_height(cr) + 8;
    }

    double x0 = 56, x1 = c->width - 30, top = y, ph = 170, bottom = top + ph;
    if (isfinite(sw->interval_low) && isfinite(sw->interval_high)) {
        double ia = chart_map(sw->interval_low, lo, hi, x0, x1), ib = chart_map(sw->interval_high, lo, hi, x0, x1);
        chart_rgb(cr, 0x56B4E9, 0.25);
        cairo_rectangle(cr, ia, top, ib - ia, ph);
        cairo_fill(cr);
    }
    double cstep = chart_nice_step(cmax ? (double)cmax : 1, 4);
    double cm = ceil((cmax ? (double)cmax : 1) / cstep) * cstep;
    chart_font(c, cr, 0.8, 0, 0);
    for (double v = 0; v <= cm + 1e-9; v += cstep) {
        double yy = chart_map(v, 0, cm, bottom, top);
        chart_rgb(cr, CHART_GRID, 1);
        cairo_set_line_width(cr, 0.8);
        cairo_move_to(cr, x0, yy);
        cairo_line_to(cr, x1, yy);
        cairo_stroke(cr);
        char num[32];
        snprintf(num, sizeof num, "%.0f", v);
        chart_rgb(cr, CHART_MUTED, 1);
        chart_text(cr, x0 - 5, yy - chart_line_height(cr) / 2, num, 2);
    }
    for (size_t k = 0; k < nb; k++) {
        if (!count[k])
            continue;
        double xa = chart_map(blo + (bhi - blo) * (double)k / (double)nb, lo, hi, x0, x1);
        double xb = chart_map(blo + (bhi - blo) * (double)(k + 1) / (double)nb, lo, hi, x0, x1);
        if (xb - xa < 1.5) { /* a bin thinner than a line: still visible */
            double m = (xa + xb) / 2;
            xa = m - 0.75;
            xb = m + 0.75;
        }
        double yy = chart_map((double)count[k], 0, cm, bottom, top);
        chart_rgb(cr, 0x0072B2, 0.85);
        cairo_rectangle(cr, xa + 0.25, yy, xb - xa - 0.5, bottom - yy);
        cairo_fill(cr);
    }
    if (isfinite(sw->center)) {
        double xc = chart_map(sw->center, lo, hi, x0, x1);
        chart_rgb(cr, 0x000000, 1);
        cairo_set_line_width(cr, 2.2);
        cairo_move_to(cr, xc, top);
        cairo_line_to(cr, xc, bottom);
        cairo_stroke(cr);
    }
    free(count);
    return bottom + chart_ruler(c, cr, x0, x1, bottom, lo, hi) + 16;
}

static double tornado(chart_ctx *c, cairo_t *cr, double y, const fc_chart_sweep *sw)
{
    size_t np = sw->n_params;
    swing *order = calloc(np, sizeof *order);
    if (!order) {
        c->nomem = 1;
        return y;
    }
    /* Without a base forecast, the bars grow from the middle of the swings. */
    double base = sw->base;
    if (!isfinite(base)) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t j = 0; j < np; j++)
            for (int s = 0; s < 2; s++) {
                double v = s ? sw->high[j] : sw->low[j];
                if (isfinite(v)) {
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
            }
        base = isfinite(lo) ? (lo + hi) / 2 : 0;
    }
    double vmin = base, vmax = base;
    for (size_t j = 0; j < np; j++) {
        double l = sw->low[j], h = sw->high[j];
        order[j].j = j;
        order[j].size = isfinite(l) && isfinite(h) ? fabs(h - l) : 0;
        if (isfinite(l)) {
            vmin = l < vmin ? l : vmin;
            vmax = l > vmax ? l : vmax;
        }
        if (isfinite(h)) {
            vmin = h < vmin ? h : vmin;
            vmax = h > vmax ? h : vmax;
        }
    }
    qsort(order, np, sizeof *order, by_size_desc);
    /* Estimates that do not move the forecast at all are counted, not drawn. */
    size_t moving = 0;
    double tol = 1e-9 * (fabs(base) > 1 ? fabs(base) : 1);
    for (size_t j = 0; j < np; j++) {
        double l = sw->low[j], h = sw->high[j];
        if ((isfinite(l) && fabs(l - base) > tol) || (isfinite(h) && fabs(h - base) > tol))
            moving++;
    }
    /* sorted by swing first; rows that move only one way have swing > 0 too, so those that
     * do not move at all come last: keep the first `moving`, re-sorted by their largest move */
    for (size_t j = 0; j < np; j++) {
        double l = sw->low[order[j].j], h = sw->high[order[j].j];
        double a = isfinite(l) ? fabs(l - base) : 0, b = isfinite(h) ? fabs(h - base) : 0;
        order[j].size = a > b ? a : b;
        if (a <= tol && b <= tol)
            order[j].size = -1;
    }
    qsort(order, np, sizeof *order, by_size_desc);
    size_t rows = moving < TORNADO_ROWS ? moving : TORNADO_ROWS;
    size_t still = np - moving;

    chart_rgb(cr, CHART_INK, 1);
    chart_font(c, cr, 1.0, 1, 0);
    char head[160];
    snprintf(head, sizeof head, "Sensitivity: the forecast with one estimate at a time at its low or high value%s",
             moving > rows ? " (largest swings)" : "");
    chart_lines hl;
    chart_wrap(cr, head, c->width - 32, 2, &hl);
    double hlh = chart_line_height(cr) * 1.1;
    chart_draw_lines(cr, &hl, 16, y, hlh, 0);
    y += (double)hl.n * hlh + 6;
    chart_font(c, cr, 0.85, 0, 0);
    double lx = 16;
    for (int s = 0; s < 2; s++) {
        const char *t = s == 0 ? "at its low value" : "at its high value";
        chart_rgb(cr, chart_series_color(s), 0.9);
        cairo_rectangle(cr, lx, y + 2, 12, 9);
        cairo_fill(cr);
        chart_rgb(cr, CHART_INK, 1);
        chart_text(cr, lx + 16, y, t, 0);
        lx += 16 + chart_text_width(cr, t) + 20;
    }
    char basetxt[32];
    fmt(basetxt, sizeof basetxt, base);
    char bl[64];
    snprintf(bl, sizeof bl, "| the base forecast, %s", basetxt);
    chart_rgb(cr, CHART_MUTED, 1);
    chart_text(cr, lx, y, bl, 0);
    y += chart_line_height(cr) + 10;

    chart_font(c, cr, 0.9, 0, 0);
    double lh = chart_line_height(cr), lw = 0;
    char buf[96];
    for (size_t r = 0; r < rows; r++) {
        fc_chart_actor_label(sw->params[order[r].j], buf, sizeof buf, 34);
        if (chart_text_width(cr, buf) > lw)
            lw = chart_text_width(cr, buf);
    }
    if (vmax == vmin) {
        vmin -= 1;
        vmax += 1;
    }
    double step = chart_nice_step(vmax - vmin, 6);
    vmin = floor(vmin / step + 1e-9) * step;
    vmax = ceil(vmax / step - 1e-9) * step;
    double x0 = 16 + lw + 12, x1 = c->width - 50, rh = lh + 10;
    double top = y, bottom = top + (double)rows * rh;
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
    double xb = chart_map(base, vmin, vmax, x0, x1);
    for (size_t r = 0; r < rows; r++) {
        size_t j = order[r].j;
        double ry = top + (double)r * rh;
        chart_font(c, cr, 0.9, 0, 0);
        chart_rgb(cr, CHART_INK, 1);
        fc_chart_actor_label(sw->params[j], buf, sizeof buf, 34);
        double tw = chart_text_width(cr, buf);
        chart_text(cr, 16 + lw - tw, ry + rh / 2 - lh / 2, buf, 0);
        chart_box(c, 16 + lw - tw, ry + rh / 2 - lh / 2, tw, lh, buf);
        double v[2] = {sw->low[j], sw->high[j]};
        for (int s = 0; s < 2; s++) {
            if (!isfinite(v[s]))
                continue;
            double xv = chart_map(v[s], vmin, vmax, x0, x1);
            chart_rgb(cr, chart_series_color((size_t)s), 0.85);
            cairo_rectangle(cr, xv < xb ? xv : xb, ry + 4 + (s ? (rh - 8) / 2 : 0), fabs(xv - xb), (rh - 8) / 2);
            cairo_fill(cr);
        }
    }
    chart_rgb(cr, CHART_INK, 1);
    cairo_set_line_width(cr, 1.5);
    cairo_move_to(cr, xb, top - 2);
    cairo_line_to(cr, xb, bottom + 2);
    cairo_stroke(cr);
    free(order);
    chart_font(c, cr, 0.8, 0, 0);
    y = bottom + 3 + chart_line_height(cr) + 10;
    if (still) {
        char note[160];
        snprintf(note, sizeof note, "%zu of the %zu estimates do not move the forecast at their low or high value: "
                                    "not shown.", still, np);
        chart_font(c, cr, 0.85, 0, 0);
        chart_rgb(cr, CHART_MUTED, 1);
        chart_lines nl;
        chart_wrap(cr, note, c->width - 32, 2, &nl);
        chart_draw_lines(cr, &nl, 16, y, chart_line_height(cr) * 1.1, 0);
        y += (double)nl.n * chart_line_height(cr) * 1.1;
    }
    return y + 10;
}

fc_status chart_draw_sweep(chart_ctx *c, cairo_t *cr)
{
    const fc_chart_sweep *sw = c->req->sweep;
    double y = chart_title(c, cr, sw->title ? sw->title : "How sure is the forecast?",
                           "The spread of the forecast when the estimates vary, and which estimates matter most");
    if (sw->n_samples)
        y = histogram(c, cr, y, sw);
    if (sw->n_params)
        y = tornado(c, cr, y, sw);
    if (c->height <= 0)
        c->height = ceil(y);
    return c->nomem ? chart_nomem(c) : FC_OK;
}
