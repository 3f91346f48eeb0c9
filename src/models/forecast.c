/* The forecast object every model fills, and the weighted statistics every model reports. */
#include "fulcrum/forecast.h"
#include "fulcrum/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"

static size_t state_size(const fc_forecast *f)
{
    return f->n_actors * f->n_dims;
}

static int reserve_states(fc_forecast *f, size_t states);

fc_forecast *fc_forecast_new(const char *model, size_t n_actors, size_t n_dims, size_t max_rounds)
{
    fc_forecast *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    snprintf(f->model, sizeof f->model, "%s", model ? model : "");
    f->n_actors = n_actors;
    f->n_dims = n_dims ? n_dims : 1;
    f->converged = -1;
    f->outcome = calloc(f->n_dims, sizeof *f->outcome);
    if (!f->outcome || !reserve_states(f, max_rounds + 1)) {
        fc_forecast_free(f);
        return NULL;
    }
    return f;
}

fc_forecast *fc_forecast_new_one_round(const char *model, const fc_problem *p)
{
    fc_forecast *f = fc_forecast_new(model, p->n_actors, p->n_dims, 1);
    if (!f || fc_forecast_set_rounds(f, 1, NULL) != FC_OK) {
        fc_forecast_free(f);
        return NULL;
    }
    size_t cells = p->n_actors * p->n_dims;
    for (size_t t = 0; t <= 1; t++) {
        memcpy(fc_forecast_positions_at(f, t), p->position, cells * sizeof *p->position);
        fc_forecast_fill_statistics(f, p, t);
    }
    return f;
}

void fc_forecast_free(fc_forecast *f)
{
    if (!f)
        return;
    free(f->positions);
    free(f->median);
    free(f->mean);
    free(f->point);
    free(f->outcome);
    free(f->events);
    free(f->event_points);
    for (size_t i = 0; i < f->n_series; i++)
        free(f->series[i].values);
    free(f->series);
    free(f->explanation);
    free(f);
}

/* Resizes an array of per-state rows from `have` to `states` rows of `width` doubles; the
 * new rows are zero. */
static int resize_rows(double **arr, size_t have, size_t states, size_t width)
{
    double *d = realloc(*arr, (states ? states : 1) * (width ? width : 1) * sizeof *d);
    if (!d)
        return 0;
    if (states > have)
        memset(d + have * width, 0, (states - have) * width * sizeof *d);
    *arr = d;
    return 1;
}

/* Makes every per-state array hold at least `states` rows, growing geometrically so that a
 * model adding one round at a time reallocates O(log rounds) times. */
static int reserve_states(fc_forecast *f, size_t states)
{
    if (states <= f->cap_states)
        return 1;
    size_t cap = f->cap_states * 2 > states ? f->cap_states * 2 : states;
    size_t have = f->cap_states;
    if (!resize_rows(&f->positions, have, cap, state_size(f)) ||
        !resize_rows(&f->median, have, cap, f->n_dims) || !resize_rows(&f->mean, have, cap, f->n_dims) ||
        !resize_rows(&f->point, have, cap, f->n_dims))
        return 0;
    for (size_t i = 0; i < f->n_series; i++)
        if (!resize_rows(&f->series[i].values, have, cap, f->series[i].width))
            return 0;
    f->cap_states = cap;
    return 1;
}

/* Zeroes rows [from, to) of an array of `width` doubles per state. */
static void zero_rows(double *arr, size_t from, size_t to, size_t width)
{
    if (to > from)
        memset(arr + from * width, 0, (to - from) * width * sizeof *arr);
}

fc_status fc_forecast_set_rounds(fc_forecast *f, size_t n_rounds, fc_error *err)
{
    size_t need = n_rounds + 1, used = f->n_rounds + 1;
    if (!reserve_states(f, need))
        return fc_error_nomem(err);
    zero_rows(f->positions, used, need, state_size(f));
    zero_rows(f->median, used, need, f->n_dims);
    zero_rows(f->mean, used, need, f->n_dims);
    zero_rows(f->point, used, need, f->n_dims);
    for (size_t i = 0; i < f->n_series; i++)
        zero_rows(f->series[i].values, used, need, f->series[i].width);
    f->n_rounds = n_rounds;
    return FC_OK;
}

double *fc_forecast_positions_at(const fc_forecast *f, size_t t)
{
    return f->positions + t * state_size(f);
}

fc_status fc_forecast_add_event(fc_forecast *f, const fc_event *ev, const double *old_pos,
                                const double *new_pos, fc_error *err)
{
    if (f->n_events == f->cap_events) {
        size_t cap = f->cap_events ? 2 * f->cap_events : 64;
        fc_event *e = realloc(f->events, cap * sizeof *e);
        if (!e)
            return fc_error_nomem(err);
        f->events = e;
        f->cap_events = cap;
        double *pts = realloc(f->event_points, cap * 2 * f->n_dims * sizeof *pts);
        if (!pts)
            return fc_error_nomem(err);
        f->event_points = pts;
    }
    fc_event *e = &f->events[f->n_events];
    *e = *ev;
    e->point_offset = f->n_events * 2 * f->n_dims;
    for (size_t d = 0; d < f->n_dims; d++) {
        f->event_points[e->point_offset + d] = old_pos ? old_pos[d] : NAN;
        f->event_points[e->point_offset + f->n_dims + d] = new_pos ? new_pos[d] : NAN;
    }
    f->n_events++;
    return FC_OK;
}

const double *fc_event_old_position(const fc_forecast *f, const fc_event *ev)
{
    return f->event_points + ev->point_offset;
}

const double *fc_event_new_position(const fc_forecast *f, const fc_event *ev)
{
    return f->event_points + ev->point_offset + f->n_dims;
}

double *fc_forecast_add_series(fc_forecast *f, const char *name, size_t width, fc_error *err)
{
    fc_series *s = realloc(f->series, (f->n_series + 1) * sizeof *s);
    if (!s) {
        fc_error_nomem(err);
        return NULL;
    }
    f->series = s;
    fc_series *n = &s[f->n_series];
    memset(n, 0, sizeof *n);
    snprintf(n->name, sizeof n->name, "%s", name);
    n->width = width;
    n->values = calloc(f->cap_states * (width ? width : 1), sizeof *n->values);
    if (!n->values) {
        fc_error_nomem(err);
        return NULL;
    }
    f->n_series++;
    return n->values;
}

const fc_series *fc_forecast_find_series(const fc_forecast *f, const char *name)
{
    for (size_t i = 0; i < f->n_series; i++)
        if (strcmp(f->series[i].name, name) == 0)
            return &f->series[i];
    return NULL;
}

fc_status fc_forecast_set_explanation(fc_forecast *f, const char *text, fc_error *err)
{
    char *copy = fc_strdup_or_null(text);
    if (text && !copy)
        return fc_error_nomem(err);
    free(f->explanation);
    f->explanation = copy;
    return FC_OK;
}

const char *fc_event_kind_name(fc_event_kind kind)
{
    switch (kind) {
    case FC_EVENT_CONFLICT: return "conflict";
    case FC_EVENT_COMPROMISE: return "compromise";
    case FC_EVENT_CAPITULATION: return "capitulation";
    case FC_EVENT_STALEMATE: return "stalemate";
    case FC_EVENT_BARGAIN: return "bargain";
    }
    return "unknown";
}

typedef struct {
    double x, w;
} weighted_point;

static int by_position(const void *a, const void *b)
{
    const weighted_point *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    if (p->w != q->w)
        return p->w < q->w ? -1 : 1;
    return 0;
}

double fc_weighted_median(const double *x, const double *w, size_t n)
{
    weighted_point stack[64];
    weighted_point *pts = n <= 64 ? stack : malloc(n * sizeof *pts);
    if (!pts)
        return NAN;
    /* Zero-weight actors do not count, not even as "the next position". */
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] > 0)
            pts[m].x = x[i], pts[m].w = w[i], m++;
    double result = NAN;
    if (m > 0) {
        /* Sorting by (position, weight) makes every sum independent of the input order. */
        qsort(pts, m, sizeof *pts, by_position);
        double total = 0;
        for (size_t i = 0; i < m; i++)
            total += pts[i].w;
        /* Weights are products of decimal fractions (salience 0.3 x capability 7), so an
         * exact half (0.5 + 0.3 against 0.8) may miss by an ulp; a relative tolerance keeps
         * the midpoint rule independent of the scale the saliences were given on. */
        double tol = 1e-9 * total;
        double cum = 0;
        for (size_t i = 0; i < m; i++) {
            cum += pts[i].w;
            if (i + 1 < m && pts[i + 1].x == pts[i].x)
                continue; /* take all weight at one position together */
            if (2 * cum - total > tol) {
                result = pts[i].x;
                break;
            }
            if (fabs(2 * cum - total) <= tol) {
                /* Exactly half the weight on each side: every point between this position
                 * and the next one is a median; report their midpoint. */
                result = i + 1 < m ? (pts[i].x + pts[i + 1].x) / 2 : pts[i].x;
                break;
            }
        }
    }
    if (pts != stack)
        free(pts);
    return result;
}

double fc_weighted_mean(const double *x, const double *w, size_t n)
{
    double num = 0, den = 0;
    for (size_t i = 0; i < n; i++) {
        num += w[i] * x[i];
        den += w[i];
    }
    return den > 0 ? num / den : NAN;
}

void fc_forecast_fill_statistics(fc_forecast *f, const fc_problem *p, size_t t)
{
    size_t n = p->n_actors, nd = p->n_dims;
    double xs[64], ws[64];
    double *x = n <= 64 ? xs : malloc(n * sizeof *x);
    double *w = n <= 64 ? ws : malloc(n * sizeof *w);
    const double *pos = fc_forecast_positions_at(f, t);
    for (size_t d = 0; d < nd; d++) {
        if (!x || !w) {
            f->median[t * nd + d] = f->mean[t * nd + d] = NAN;
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            x[i] = pos[i * nd + d];
            w[i] = p->capability[i] * p->salience[i * nd + d];
        }
        f->median[t * nd + d] = fc_weighted_median(x, w, n);
        f->mean[t * nd + d] = fc_weighted_mean(x, w, n);
    }
    if (x != xs)
        free(x);
    if (w != ws)
        free(w);
}
