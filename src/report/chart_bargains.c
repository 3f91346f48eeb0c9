/* The bargains of one round as a network: each actor on its own row at its position at the
 * start of the round (where it ends the round shown hollow), and an arrow from challenger to
 * target for every challenge, styled by its kind: conflict, compromise, capitulation,
 * stalemate or a proposed bargain. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/chart_internal.h"

typedef struct kind_style {
    unsigned color;
    double width;
    double dash[2];   /* {0,0}: solid */
    const char *name;
} kind_style;

static const kind_style styles[] = {
    [FC_EVENT_CONFLICT] = {0xD55E00, 2.2, {0, 0}, "conflict"},
    [FC_EVENT_COMPROMISE] = {0x0072B2, 1.6, {6, 3}, "compromise"},
    [FC_EVENT_CAPITULATION] = {0x009E73, 1.6, {1.5, 3}, "capitulation"},
    [FC_EVENT_STALEMATE] = {0x999999, 1.0, {8, 3}, "stalemate"},
    [FC_EVENT_BARGAIN] = {0xCC79A7, 1.6, {10, 4}, "bargain"},
};

static void set_style(cairo_t *cr, fc_event_kind k)
{
    const kind_style *s = &styles[k];
    chart_rgb(cr, s->color, 0.85);
    cairo_set_line_width(cr, s->width);
    if (s->dash[0] > 0)
        cairo_set_dash(cr, s->dash, 2, 0);
    else
        cairo_set_dash(cr, NULL, 0, 0);
}

typedef struct row_item {
    double x;
    size_t i;
} row_item;

static int by_x(const void *a, const void *b)
{
    const row_item *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

/* The round drawn: the one asked for, or the first round that has events. */
static size_t chosen_round(const fc_forecast *f, size_t asked)
{
    if (asked > 0)
        return asked;
    size_t best = 0;
    for (size_t e = 0; e < f->n_events; e++)
        if (f->events[e].round > 0 && (best == 0 || (size_t)f->events[e].round < best))
            best = (size_t)f->events[e].round;
    return best ? best : 1;
}

fc_status chart_draw_bargains(chart_ctx *c, cairo_t *cr)
{
    const fc_problem *p = c->p;
    const fc_forecast *f = c->req->set->forecasts[c->req->forecast];
    size_t d = c->req->dim, n = p->n_actors, nd = p->n_dims;
    size_t R = chosen_round(f, c->req->round);
    if (R > f->n_rounds && f->n_rounds > 0)
        R = f->n_rounds;
    double lo, hi;
    chart_scale(c, &lo, &hi);
    const double *before = fc_forecast_positions_at(f, R > 0 ? R - 1 : 0);
    const double *after = fc_forecast_positions_at(f, R <= f->n_rounds ? R : f->n_rounds);

    size_t counts[5] = {0}, total = 0;
    for (size_t e = 0; e < f->n_events; e++)
        if ((size_t)f->events[e].round == R && (unsigned)f->events[e].kind < 5) {
            counts[f->events[e].kind]++;
            total++;
        }

    char title[256], name[80], sub[300];
    chart_forecast_name(f, name, sizeof name);
    snprintf(title, sizeof title, "%s: the bargains of round %zu",
             c->issue && c->issue->label ? c->issue->label : p->dim_ids[d], R);
    snprintf(sub, sizeof sub,
             "%s: %zu challenge%s; each arrow runs from the challenger to the actor it presses", name, total,
             total == 1 ? "" : "s");
    double top = chart_title(c, cr, title, sub) + 4;

    row_item *rows = calloc(n ? n : 1, sizeof *rows);
    double *row_y = calloc(n ? n : 1, sizeof *row_y);
    char (*labels)[64] = calloc(n ? n : 1, sizeof *labels);
    if (!rows || !row_y || !labels) {
        free(rows), free(row_y), free(labels);
        return chart_nomem(c);
    }
    chart_font(c, cr, 0.9, 0, 0);
    double lh = chart_line_height(cr);
    double lw = 0;
    size_t max_chars = 24;
    for (;;) { /* shorter labels on a narrow canvas: the rows need the width */
        lw = 0;
        for (size_t i = 0; i < n; i++) {
            rows[i].x = before[i * nd + d];
            rows[i].i = i;
            fc_chart_actor_label(p->actor_names[i], labels[i], sizeof labels[i], max_chars);
            double w = chart_text_width(cr, labels[i]);
            if (w > lw)
                lw = w;
        }
        if (lw <= 0.25 * c->width || max_chars <= 8)
            break;
        max_chars -= 2;
    }
    qsort(rows, n, sizeof *rows, by_x);
    double rh = lh * 1.6 < 20 ? 20 : lh * 1.6;
    double x0 = 16 + lw + 22, x1 = c->width - 30;
    for (size_t k = 0; k < n; k++)
        row_y[rows[k].i] = top + rh / 2 + (double)k * rh;
    double bottom = top + (double)n * rh;
#define XS(v) chart_map((v), lo, hi, x0, x1)

    /* Row bands and labels. */
    for (size_t k = 0; k < n; k++) {
        size_t i = rows[k].i;
        double yy = row_y[i];
        if (k % 2 == 0) {
            chart_rgb(cr, 0xF3F3F3, 1);
            cairo_rectangle(cr, x0 - 8, yy - rh / 2, x1 - x0 + 16, rh);
            cairo_fill(cr);
        }
        chart_rgb(cr, CHART_INK, 1);
        chart_font(c, cr, 0.9, 0, 0);
        double tw = chart_text_width(cr, labels[i]);
        chart_text(cr, 16 + lw - tw, yy - lh / 2, labels[i], 0);
        chart_box(c, 16 + lw - tw, yy - lh / 2, tw, lh, labels[i]);
        chart_marker(cr, i, 16 + lw + 10, yy, 4);
        chart_rgb(cr, fc_chart_actor_color(i), 1);
        cairo_fill(cr);
    }

    /* Arrows: a curve from challenger to target, bowed to the side of travel so that the two
     * directions between a pair do not lie on one another. */
    for (size_t e = 0; e < f->n_events; e++) {
        const fc_event *ev = &f->events[e];
        if ((size_t)ev->round != R || (unsigned)ev->kind >= 5 || ev->challenger < 0 || ev->target < 0 ||
            (size_t)ev->challenger >= n || (size_t)ev->target >= n)
            continue;
        size_t a = (size_t)ev->challenger, b = (size_t)ev->target;
        double ax = XS(before[a * nd + d]), ay = row_y[a];
        double bx = XS(before[b * nd + d]), by = row_y[b];
        double dx = bx - ax, dy = by - ay, len = sqrt(dx * dx + dy * dy);
        if (len < 1e-6)
            continue;
        double ux = dx / len, uy = dy / len;
        double bow = len * 0.18 + 6;
        double cx = (ax + bx) / 2 - uy * bow, cy = (ay + by) / 2 + ux * bow;
        double sx = ax + ux * 6, sy = ay + uy * 6;
        /* end a little short of the target's node, along the curve's last tangent */
        double tx = bx - cx, ty = by - cy, tl = sqrt(tx * tx + ty * ty);
        tx /= tl;
        ty /= tl;
        double ex = bx - tx * 7, ey = by - ty * 7;
        set_style(cr, ev->kind);
        if (ev->accepted == 0)
            cairo_set_line_width(cr, 0.8);
        cairo_move_to(cr, sx, sy);
        cairo_curve_to(cr, sx + (cx - sx) * 2 / 3, sy + (cy - sy) * 2 / 3, ex + (cx - ex) * 2 / 3,
                       ey + (cy - ey) * 2 / 3, ex, ey);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        double hx = -ty, hy = tx, hl = 7, hw = 3.5;
        cairo_move_to(cr, ex + tx * 1, ey + ty * 1);
        cairo_line_to(cr, ex - tx * hl + hx * hw, ey - ty * hl + hy * hw);
        cairo_line_to(cr, ex - tx * hl - hx * hw, ey - ty * hl - hy * hw);
        cairo_close_path(cr);
        cairo_fill(cr);
    }

    /* Nodes: where each actor starts the round, and (hollow) where it ends it. */
    for (size_t i = 0; i < n; i++) {
        double xb = XS(before[i * nd + d]), xa = XS(after[i * nd + d]), yy = row_y[i];
        if (fabs(xa - xb) > 0.5) {
            chart_rgb(cr, fc_chart_actor_color(i), 0.7);
            cairo_set_line_width(cr, 1);
            cairo_set_dash(cr, NULL, 0, 0);
            cairo_move_to(cr, xb, yy);
            cairo_line_to(cr, xa, yy);
            cairo_stroke(cr);
            chart_marker(cr, i, xa, yy, 4.5);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_fill_preserve(cr);
            chart_rgb(cr, fc_chart_actor_color(i), 1);
            cairo_set_line_width(cr, 1.5);
            cairo_stroke(cr);
        }
        chart_marker(cr, i, xb, yy, 5.5);
        chart_rgb(cr, fc_chart_actor_color(i), 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
    }

    double used = chart_ruler(c, cr, x0, x1, bottom + 8, lo, hi);
    double y = bottom + 8 + used + 8;

    /* Legend: one sample line per kind (with its count this round). */
    chart_font(c, cr, 0.85, 0, 0);
    double llh = chart_line_height(cr);
    double x = 16;
    for (int k = 0; k < 5; k++) {
        if (k == FC_EVENT_BARGAIN && counts[k] == 0)
            continue;
        char text[64];
        snprintf(text, sizeof text, "%s (%zu)", styles[k].name, counts[k]);
        double tw = chart_text_width(cr, text);
        if (x + 34 + tw > c->width - 16) {
            x = 16;
            y += llh + 6;
        }
        set_style(cr, (fc_event_kind)k);
        cairo_move_to(cr, x, y + llh / 2);
        cairo_line_to(cr, x + 26, y + llh / 2);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        chart_rgb(cr, CHART_INK, 1);
        chart_text(cr, x + 30, y, text, 0);
        x += 30 + tw + 18;
    }
    y += llh + 6;
    chart_rgb(cr, CHART_MUTED, 1);
    chart_lines note;
    chart_wrap(cr,
               total ? "Filled: position at the start of the round; hollow: at its end. Thin arrows: offers refused."
                     : "This model records no challenges in this round; filled: positions at the start of the round, "
                       "hollow: at its end.",
               c->width - 32, 2, &note);
    chart_draw_lines(cr, &note, 16, y, llh * 1.1, 0);
    y += (double)note.n * llh * 1.1 + 10;
#undef XS
    if (c->height <= 0)
        c->height = ceil(y);
    free(rows), free(row_y), free(labels);
    return FC_OK;
}
