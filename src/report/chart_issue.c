/* The issue line: every actor at its position as a disc whose area is proportional to its
 * weight (capability x salience), labelled above the line (actors at the same position share
 * one label); the status quo and each model's forecast marked below it; the scale with the
 * issue's anchor texts at the bottom. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/chart_internal.h"

#define R_MIN 2.5
#define MAX_LABELS 40

typedef struct group {
    double x;           /* position on the scale */
    double r;           /* the largest marker of the group */
    size_t first;       /* the heaviest actor, for the leader's colour */
    chart_lines lines;
    char text[200];
} group;

typedef struct by_pos_item {
    double x, w;
    size_t i;
} by_pos_item;

static int by_pos_weight(const void *a, const void *b)
{
    const by_pos_item *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    if (p->w != q->w)
        return p->w > q->w ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

typedef struct mark {
    double x;
    int status_quo;     /* the status quo is among the figures marked here */
    char num[32];
    char names[160];
    char text[200];
    chart_lines lines;
} mark;

/* Orders groups (or marks) for the skyline: heavier first, so they sit nearest the line. */
typedef struct prio {
    double key;
    size_t k;
} prio;

static int by_key_desc(const void *a, const void *b)
{
    const prio *p = a, *q = b;
    if (p->key != q->key)
        return p->key > q->key ? -1 : 1;
    return p->k < q->k ? -1 : p->k > q->k;
}

static void number(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.4g", v);
}

fc_status chart_draw_issue(chart_ctx *c, cairo_t *cr)
{
    const fc_problem *p = c->p;
    const fc_forecast_set *set = c->req->set;
    size_t d = c->req->dim, n = p->n_actors, nd = p->n_dims;
    double lo, hi;
    chart_scale(c, &lo, &hi);
    double x0 = 40, x1 = c->width - 40;
    /* the largest disc: 20 pt, less on a narrow canvas */
    const double R_MAX = c->width / 36 < 20 ? c->width / 36 : 20;

    char title[256];
    snprintf(title, sizeof title, "%s", c->issue && c->issue->label ? c->issue->label : p->dim_ids[d]);
    double y = chart_title(c, cr, title,
                           "Actors on the issue line, the status quo and every model's forecast");

    by_pos_item *items = calloc(n ? n : 1, sizeof *items);
    group *groups = calloc(n ? n : 1, sizeof *groups);
    size_t nm_cap = set->n_forecasts + 1;
    mark *marks = calloc(nm_cap, sizeof *marks);
    size_t cap = (n > nm_cap ? n : nm_cap) + 1;
    double *gx = calloc(cap, sizeof *gx), *gw = calloc(cap, sizeof *gw), *gh = calloc(cap, sizeof *gh);
    double *gl = calloc(cap, sizeof *gl), *go = calloc(cap, sizeof *go);
    size_t *order = calloc(cap, sizeof *order);
    prio *pr = calloc(cap, sizeof *pr);
    if (!items || !groups || !marks || !gx || !gw || !gh || !gl || !go || !order || !pr) {
        free(items), free(groups), free(marks), free(gx), free(gw), free(gh), free(gl), free(go), free(order), free(pr);
        return chart_nomem(c);
    }

    double wmax = 0;
    for (size_t i = 0; i < n; i++) {
        items[i].x = p->position[i * nd + d];
        items[i].w = p->capability[i] * p->salience[i * nd + d];
        items[i].i = i;
        if (items[i].w > wmax)
            wmax = items[i].w;
    }
    qsort(items, n, sizeof *items, by_pos_weight);

    /* Actors at one position share a label: names joined, heaviest first. */
    chart_font(c, cr, 0.95, 0, 0);
    double lh = chart_line_height(cr) * 1.08;
    double eps = (hi - lo) * 1e-9;
    size_t ng = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        group *g = &groups[ng];
        g->x = items[a].x;
        g->first = items[a].i;
        g->text[0] = '\0';
        double gwt = 0;
        while (b < n && fabs(items[b].x - g->x) <= eps) {
            char name[64];
            fc_chart_actor_label(p->actor_names[items[b].i], name, sizeof name, 44);
            size_t len = strlen(g->text);
            snprintf(g->text + len, sizeof g->text - len, "%s%s", len ? ", " : "", name);
            double r = wmax > 0 ? R_MAX * sqrt(items[b].w / wmax) : R_MIN;
            if (r < R_MIN)
                r = R_MIN;
            if (r > g->r)
                g->r = r;
            gwt += items[b].w;
            b++;
        }
        chart_wrap(cr, g->text, 150, CHART_MAX_LINES, &g->lines);
        gx[ng] = chart_map(g->x, lo, hi, x0, x1);
        gw[ng] = g->lines.w;
        gh[ng] = (double)g->lines.n * lh;
        pr[ng].key = gwt;
        pr[ng].k = ng;
        ng++;
        a = b;
    }
    qsort(pr, ng, sizeof *pr, by_key_desc);
    /* Heaviest first; past MAX_LABELS groups only the heaviest are labelled (a wall of labels
     * helps no one; the scenario table names everyone). */
    group *sorted = calloc(ng ? ng : 1, sizeof *sorted);
    double *tmp = calloc(3 * (ng ? ng : 1), sizeof *tmp);
    if (!sorted || !tmp) {
        free(sorted), free(tmp);
        free(items), free(groups), free(marks), free(gx), free(gw), free(gh), free(gl), free(go), free(order), free(pr);
        return chart_nomem(c);
    }
    for (size_t k = 0; k < ng; k++) {
        size_t g = pr[k].k;
        sorted[k] = groups[g];
        tmp[3 * k] = gx[g];
        tmp[3 * k + 1] = gw[g];
        tmp[3 * k + 2] = gh[g];
    }
    for (size_t k = 0; k < ng; k++) {
        groups[k] = sorted[k];
        gx[k] = tmp[3 * k];
        gw[k] = tmp[3 * k + 1];
        gh[k] = tmp[3 * k + 2];
        order[k] = k;
    }
    free(tmp);
    free(sorted);
    size_t n_unlabelled = ng > MAX_LABELS ? ng - MAX_LABELS : 0;
    ng -= n_unlabelled;
    double depth = chart_place_skyline(ng, gx, gw, gh, order, 6, c->width - 6, 5, gl, go, &c->crossings);

    double label_base = y + depth; /* the bottom of the nearest labels */
    double axis_y = label_base + 8 + R_MAX;

    /* Leaders, then labels (boxes measured from the line upwards). */
    for (size_t k = 0; k < ng; k++) {
        double bottom = label_base - go[k];
        double top = bottom - gh[k];
        double lx = chart_leader_end(gx[k], gl[k], gw[k]);
        chart_rgb(cr, fc_chart_actor_color(groups[k].first), 0.8);
        cairo_set_line_width(cr, 0.9);
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_move_to(cr, gx[k], axis_y - groups[k].r - 1);
        cairo_line_to(cr, lx, bottom + 1);
        cairo_stroke(cr);
        chart_rgb(cr, CHART_INK, 1);
        chart_font(c, cr, 0.95, 0, 0);
        int align = gx[k] <= gl[k] + 5 ? 0 : gx[k] >= gl[k] + gw[k] - 5 ? 2 : 1;
        chart_draw_lines(cr, &groups[k].lines, gl[k], top, lh, align);
        chart_box(c, gl[k], top, gw[k], gh[k], groups[k].text);
    }

    /* The line and the markers, heaviest first so that small ones stay visible on top. */
    chart_rgb(cr, CHART_GRID, 1);
    cairo_set_line_width(cr, 1.5);
    cairo_move_to(cr, x0, axis_y);
    cairo_line_to(cr, x1, axis_y);
    cairo_stroke(cr);
    for (size_t q = 0; q < n; q++)
        pr[q] = (prio){items[q].w, items[q].i};
    qsort(pr, n, sizeof *pr, by_key_desc);
    for (size_t q = 0; q < n; q++) {
        size_t i = pr[q].k;
        double w = p->capability[i] * p->salience[i * nd + d];
        double r = wmax > 0 ? R_MAX * sqrt(w / wmax) : R_MIN;
        if (r < R_MIN)
            r = R_MIN;
        double x = chart_map(p->position[i * nd + d], lo, hi, x0, x1);
        chart_marker(cr, i, x, axis_y, r);
        chart_rgb(cr, fc_chart_actor_color(i), 0.35);
        cairo_fill_preserve(cr);
        chart_rgb(cr, fc_chart_actor_color(i), 1);
        cairo_set_line_width(cr, 1.4);
        cairo_stroke(cr);
    }

    /* The status quo and the forecasts: models with the same figure share a label. */
    size_t nm = 0;
    chart_font(c, cr, 0.9, 0, 0);
    double mlh = chart_line_height(cr) * 1.08;
    /* Marks with the same printed figure share one label: "median, nbs 65". */
    for (size_t m = 0; m <= set->n_forecasts; m++) {
        double v;
        char name[80], num[32];
        int sq = m == 0;
        if (sq) {
            v = p->status_quo[d];
            snprintf(name, sizeof name, "status quo");
        } else {
            v = set->forecasts[m - 1]->outcome[d];
            chart_forecast_name(set->forecasts[m - 1], name, sizeof name);
        }
        if (isnan(v))
            continue;
        number(num, sizeof num, v);
        size_t k = 0;
        for (; k < nm; k++)
            if (strcmp(marks[k].num, num) == 0)
                break;
        if (k == nm) {
            marks[nm].x = v;
            marks[nm].status_quo = sq;
            snprintf(marks[nm].num, sizeof marks[nm].num, "%s", num);
            snprintf(marks[nm].names, sizeof marks[nm].names, "%s", name);
            nm++;
        } else {
            size_t len = strlen(marks[k].names);
            snprintf(marks[k].names + len, sizeof marks[k].names - len, ", %s", name);
        }
    }
    for (size_t k = 0; k < nm; k++)
        snprintf(marks[k].text, sizeof marks[k].text, "%s %s", marks[k].names, marks[k].num);
    double strip_y = axis_y + R_MAX + 12;
    for (size_t k = 0; k < nm; k++) {
        chart_font(c, cr, 0.9, !marks[k].status_quo, 0);
        chart_wrap(cr, marks[k].text, 170, 3, &marks[k].lines);
        gx[k] = chart_map(marks[k].x, lo, hi, x0, x1);
        gw[k] = marks[k].lines.w;
        gh[k] = (double)marks[k].lines.n * mlh;
        order[k] = k;
    }
    double mdepth = chart_place_skyline(nm, gx, gw, gh, order, 6, c->width - 6, 5, gl, go, &c->crossings);
    for (size_t k = 0; k < nm; k++) {
        double mx = gx[k];
        unsigned col = marks[k].status_quo ? CHART_MUTED : CHART_INK;
        chart_rgb(cr, col, 0.9);
        cairo_set_line_width(cr, 1.1);
        double dash[] = {3, 2};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, mx, axis_y - R_MAX - 2);
        cairo_line_to(cr, mx, strip_y - 9);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        if (marks[k].status_quo) {
            cairo_move_to(cr, mx, strip_y - 10);
            cairo_line_to(cr, mx + 5, strip_y - 5);
            cairo_line_to(cr, mx, strip_y);
            cairo_line_to(cr, mx - 5, strip_y - 5);
        } else {
            cairo_move_to(cr, mx, strip_y - 10);
            cairo_line_to(cr, mx + 5.5, strip_y);
            cairo_line_to(cr, mx - 5.5, strip_y);
        }
        cairo_close_path(cr);
        cairo_fill(cr);
        double top = strip_y + 4 + go[k];
        double lx = chart_leader_end(mx, gl[k], gw[k]);
        if (go[k] > 0) {
            chart_rgb(cr, CHART_GRID, 1);
            cairo_set_line_width(cr, 0.8);
            cairo_move_to(cr, mx, strip_y + 1);
            cairo_line_to(cr, lx, top - 1);
            cairo_stroke(cr);
        }
        chart_rgb(cr, col, 1);
        chart_font(c, cr, 0.9, !marks[k].status_quo, 0);
        int align = mx <= gl[k] + 5 ? 0 : mx >= gl[k] + gw[k] - 5 ? 2 : 1;
        chart_draw_lines(cr, &marks[k].lines, gl[k], top, mlh, align);
        chart_box(c, gl[k], top, gw[k], gh[k], marks[k].text);
    }

    double ruler_y = strip_y + 4 + mdepth + 14;
    double used = chart_ruler(c, cr, x0, x1, ruler_y, lo, hi);
    double ly = ruler_y + used + 6;

    chart_rgb(cr, CHART_MUTED, 1);
    chart_font(c, cr, 0.85, 0, 0);
    chart_lines legend;
    char legend_text[300];
    int lt = snprintf(legend_text, sizeof legend_text,
                      "Marker area is proportional to capability \xC3\x97 salience. \xE2\x96\xB2 a model's "
                      "forecast; \xE2\x97\x86 the status quo.");
    if (n_unlabelled && lt > 0 && (size_t)lt < sizeof legend_text)
        snprintf(legend_text + lt, sizeof legend_text - (size_t)lt,
                 " Labels for the %d heaviest positions; %zu more are not labelled.", MAX_LABELS, n_unlabelled);
    chart_wrap(cr, legend_text, c->width - 32, 3, &legend);
    double llh = chart_line_height(cr) * 1.1;
    chart_draw_lines(cr, &legend, 16, ly, llh, 0);
    ly += (double)legend.n * llh + 10;
    if (c->height <= 0)
        c->height = ceil(ly);

    free(items), free(groups), free(marks), free(gx), free(gw), free(gh), free(gl), free(go), free(order), free(pr);
    return FC_OK;
}
