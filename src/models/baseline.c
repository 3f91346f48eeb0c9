/* The baseline forecasters: the weighted median (the median voter under capability x
 * salience weights, Black 1948), the compromise model (the capability x salience weighted
 * mean; Achen 2006, van den Bos 1991), and the status quo (nothing changes). Each is one
 * round: round 0 holds the actors' positions, round 1 the same positions with the forecast. */
#include <math.h>
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

const fc_model fc_model_median = {
    .name = "median",
    .summary = "weighted median: the position that half the capability x salience weight reaches",
    .max_dims = 0,
    .run = run_median,
};

const fc_model fc_model_compromise = {
    .name = "compromise",
    .summary = "compromise model: the capability x salience weighted mean of positions",
    .max_dims = 0,
    .run = run_compromise,
};

const fc_model fc_model_status_quo = {
    .name = "status-quo",
    .summary = "status quo: nothing changes (the issue's declared status quo)",
    .max_dims = 0,
    .run = run_status_quo,
};
