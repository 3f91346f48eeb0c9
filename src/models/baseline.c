/* The baseline forecasters: the weighted median (the median voter under capability x
 * salience weights, Black 1948), the compromise model (the capability x salience weighted
 * mean; Achen 2006, van den Bos 1991), and the status quo (nothing changes). Each is one
 * round: round 0 holds the actors' positions, round 1 the same positions with the forecast. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/model.h"
#include "fulcrum/util.h"

typedef enum { BASE_MEDIAN, BASE_MEAN, BASE_STATUS_QUO } baseline_kind;

static fc_status run_baseline(const fc_problem *p, baseline_kind kind, const char *name,
                              fc_forecast **out, fc_error *err)
{
    *out = NULL;
    size_t nd = p->n_dims;
    if (kind == BASE_STATUS_QUO)
        for (size_t d = 0; d < nd; d++)
            if (isnan(p->status_quo[d]))
                return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "status_quo",
                                    "issue '%s' declares no status quo", p->dim_ids[d]);
    fc_forecast *f = fc_forecast_new_one_round(name, p);
    if (!f)
        return fc_error_nomem(err);
    for (size_t t = 0; t <= 1; t++)
        for (size_t d = 0; d < nd; d++) {
            double v = kind == BASE_MEDIAN ? f->median[t * nd + d]
                       : kind == BASE_MEAN ? f->mean[t * nd + d]
                                           : p->status_quo[d];
            if (isnan(v)) {
                fc_forecast_free(f);
                return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors",
                                    "the total weight (capability x salience) on issue '%s' is 0",
                                    p->dim_ids[d]);
            }
            f->point[t * nd + d] = v;
        }
    memcpy(f->outcome, f->point + nd, nd * sizeof *f->outcome);
    *out = f;
    return FC_OK;
}

static fc_status run_median(const fc_problem *p, const void *opts, fc_forecast **out, fc_error *err)
{
    (void)opts;
    return run_baseline(p, BASE_MEDIAN, "median", out, err);
}

static fc_status run_compromise(const fc_problem *p, const void *opts, fc_forecast **out, fc_error *err)
{
    (void)opts;
    return run_baseline(p, BASE_MEAN, "compromise", out, err);
}

static fc_status run_status_quo(const fc_problem *p, const void *opts, fc_forecast **out, fc_error *err)
{
    (void)opts;
    return run_baseline(p, BASE_STATUS_QUO, "status-quo", out, err);
}

/* ---- the fast path for sweeps: the same statistics without a forecast ---------------- */

typedef struct baseline_ws {
    size_t cap;
    double *x, *w;   /* one issue's positions and weights */
} baseline_ws;

static void *workspace_new(size_t n_actors, size_t n_dims)
{
    (void)n_dims;
    baseline_ws *ws = calloc(1, sizeof *ws);
    size_t n = n_actors ? n_actors : 1;
    if (!ws || !(ws->x = calloc(n, sizeof *ws->x)) || !(ws->w = calloc(n, sizeof *ws->w))) {
        if (ws)
            free(ws->x);
        free(ws);
        return NULL;
    }
    ws->cap = n_actors;
    return ws;
}

static void workspace_free(void *p)
{
    baseline_ws *ws = p;
    if (!ws)
        return;
    free(ws->x);
    free(ws->w);
    free(ws);
}

/* What run_baseline's forecast holds as its outcome: the statistics of the positions as
 * fc_forecast_fill_statistics computes them (the weighted median sorts in a buffer of its
 * own beyond 64 actors). */
static fc_status solve_baseline(baseline_ws *ws, const fc_problem *p, baseline_kind kind, double *outcome,
                                fc_error *err)
{
    size_t n = p->n_actors, nd = p->n_dims;
    if (n > ws->cap)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "the workspace holds %zu actors, the problem has %zu", ws->cap, n);
    for (size_t d = 0; d < nd; d++) {
        double v;
        if (kind == BASE_STATUS_QUO) {
            v = p->status_quo[d];
            if (isnan(v))
                return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "status_quo",
                                    "issue '%s' declares no status quo", p->dim_ids[d]);
        } else {
            for (size_t i = 0; i < n; i++) {
                ws->x[i] = p->position[i * nd + d];
                ws->w[i] = p->capability[i] * p->salience[i * nd + d];
            }
            v = kind == BASE_MEDIAN ? fc_weighted_median(ws->x, ws->w, n) : fc_weighted_mean(ws->x, ws->w, n);
            if (isnan(v))
                return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors",
                                    "the total weight (capability x salience) on issue '%s' is 0",
                                    p->dim_ids[d]);
        }
        outcome[d] = v;
    }
    return FC_OK;
}

static fc_status solve_median(void *ws, const fc_problem *p, const void *opts, const fc_model_watch *watch,
                              double *outcome, fc_error *err)
{
    (void)opts, (void)watch;
    return solve_baseline(ws, p, BASE_MEDIAN, outcome, err);
}

static fc_status solve_compromise(void *ws, const fc_problem *p, const void *opts, const fc_model_watch *watch,
                                  double *outcome, fc_error *err)
{
    (void)opts, (void)watch;
    return solve_baseline(ws, p, BASE_MEAN, outcome, err);
}

static fc_status solve_status_quo(void *ws, const fc_problem *p, const void *opts, const fc_model_watch *watch,
                                  double *outcome, fc_error *err)
{
    (void)opts, (void)watch;
    return solve_baseline(ws, p, BASE_STATUS_QUO, outcome, err);
}

const fc_model fc_model_median = {
    .name = "median",
    .summary = "weighted median: the position that half the capability x salience weight reaches",
    .max_dims = 0,
    .run = run_median,
    .workspace_new = workspace_new,
    .workspace_free = workspace_free,
    .solve = solve_median,
};

const fc_model fc_model_compromise = {
    .name = "compromise",
    .summary = "compromise model: the capability x salience weighted mean of positions",
    .max_dims = 0,
    .run = run_compromise,
    .workspace_new = workspace_new,
    .workspace_free = workspace_free,
    .solve = solve_compromise,
};

const fc_model fc_model_status_quo = {
    .name = "status-quo",
    .summary = "status quo: nothing changes (the issue's declared status quo)",
    .max_dims = 0,
    .run = run_status_quo,
    .workspace_new = workspace_new,
    .workspace_free = workspace_free,
    .solve = solve_status_quo,
};
