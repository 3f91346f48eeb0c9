/* The article's either/or: how often the scenario's first choice beats its second by the
 * decider's decision value when the estimates are jittered (a small sweep per model run of the
 * dilemma, fc_sweep_run with choices), and the 90% interval of the margin (docs/dilemma.md).
 * On one issue, or on every issue at once with the margin of the totals. */
#include "fulcrum/dilemma.h"
#include "fulcrum/run.h"
#include "fulcrum/sweep.h"
#include "fulcrum/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/dilemma_internal.h"

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* R's type 7 quantile of n sorted values. */
static double quantile(const double *v, size_t n, double q)
{
    if (n == 0)
        return NAN;
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    size_t hi = lo + 1 < n ? lo + 1 : lo;
    return v[lo] + (h - (double)lo) * (v[hi] - v[lo]);
}

/* P(margin > 0) and the 5% and 95% quantiles of the finite margins (sorted in place). */
static void summarise(double *v, size_t n, size_t *counted, double *p, double *lo, double *hi)
{
    size_t k = 0, wins = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i])) {
            wins += v[i] > 0;
            v[k++] = v[i];
        }
    qsort(v, k, sizeof *v, by_value);
    *counted = k;
    *p = k ? (double)wins / (double)k : NAN;
    *lo = quantile(v, k, 0.05);
    *hi = quantile(v, k, 0.95);
}

/* The spreads: the scenario's own uncertainty (its default block and each value's own), else the
 * sweep's documented fallback, chosen as `fulcrum sweep` chooses them. */
static fc_status either_setup(fc_dilemma_either *e, const fc_scenario *sc, const fc_dilemma_options *o,
                              size_t n_models, fc_error *err)
{
    e->a = 2; /* the article's question: does the second listed choice beat the first? */
    e->b = 1;
    e->runs = o->either_or_runs;
    e->seed = o->either_or_seed;
    int noted = 0;
    fc_status st = fc_run_sweep_jitter(sc, NULL, &e->jitter, NULL, &noted, err);
    if (st)
        return st;
    e->default_jitter = noted;
    e->model_p = calloc(n_models, sizeof *e->model_p);
    e->model_low = calloc(n_models, sizeof *e->model_low);
    e->model_high = calloc(n_models, sizeof *e->model_high);
    e->model_counted = calloc(n_models, sizeof *e->model_counted);
    if (!e->model_p || !e->model_low || !e->model_high || !e->model_counted)
        return fc_error_nomem(err);
    return FC_OK;
}

/* One model run's sweep: margin[k] = v(a) - v(b) in jittered run k (NaN when the run failed),
 * with each choice's cost at the estimates; conf (n_choices x runs, or NULL) gains each choice's
 * conflicts. issue NULL: every issue at once, the decider's utility summed over them. */
static fc_status sweep_margins(const fc_dilemma_either *e, const fc_scenario *sc, const fc_model *model,
                               const char *preset, const char *issue, int commit, size_t n_choices,
                               const double *cost, double *margin, double *conf, fc_error *err)
{
    size_t R = e->runs;
    fc_sweep_options so;
    fc_sweep_options_init(&so);
    so.model = model;
    so.preset = preset[0] ? preset : NULL;
    so.issue = issue;
    so.runs = R;
    so.seed = e->seed;
    so.threads = 1;
    so.jitter = &e->jitter;
    so.choices = 1;
    so.commit = commit;
    so.sensitivity = 0;
    so.backlash = 0; /* the either/or takes the crisis cost at the estimates */
    fc_sweep_result *r = NULL;
    fc_status st = fc_sweep_run(sc, &so, &r, err);
    if (st)
        return st;
    /* The sweep lists the status quo and the scenario's choices in the dilemma's order. */
    if (r->n_choices != n_choices) {
        fc_sweep_result_free(r);
        return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "the sweep compared other choices");
    }
    for (size_t k = 0; k < R; k++) {
        double ua = r->run_choice_utility[k * n_choices + e->a];
        double ub = r->run_choice_utility[k * n_choices + e->b];
        margin[k] = (ua - cost[e->a]) - (ub - cost[e->b]);
        /* The sweep's conflicts are the dilemma's (tested bit for bit); a failed run is NaN
         * and leaves that jittered run out of the headline. */
        for (size_t c = 0; conf && c < n_choices; c++)
            conf[c * R + k] += r->run_choice_figures[(k * n_choices + c) * 4 + 1];
    }
    fc_sweep_result_free(r);
    return FC_OK;
}

fc_status dilemma_either_or(fc_dilemma *d, const fc_scenario *sc, const fc_dilemma_options *o, fc_error *err)
{
    fc_dilemma_either *e = &d->either;
    memset(e, 0, sizeof *e);
    if (o->either_or_runs == 0 || d->n_choices < 3)
        return FC_OK;
    size_t nm = d->n_models, nc = d->n_choices, R = o->either_or_runs;
    fc_status st = either_setup(e, sc, o, nm, err);
    if (st)
        return st;
    double *all = malloc(nm * R * sizeof *all), *one = malloc(R * sizeof *one), *cost = calloc(nc, sizeof *cost);
    double *conf = calloc(nc * R, sizeof *conf);
    e->conflicts_low = calloc(3 * nc, sizeof *e->conflicts_low);
    if (!all || !one || !cost || !conf || !e->conflicts_low) {
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t c = 0; d->crisis && c < nc; c++)
        cost[c] = d->backlash_weight * d->crisis[c]->cost;
    for (size_t m = 0; m < nm && !st; m++) {
        st = sweep_margins(e, sc, d->models[m].model, d->models[m].preset, d->problem.dim_ids[0],
                           d->mode == FC_DILEMMA_COMMIT, nc, cost, one, conf, err);
        if (st)
            break;
        memcpy(all + m * R, one, R * sizeof *one);
        summarise(one, R, &e->model_counted[m], &e->model_p[m], &e->model_low[m], &e->model_high[m]);
    }
    if (!st)
        summarise(all, nm * R, &e->counted, &e->p, &e->low, &e->high);
    if (!st) {
        e->conflicts_high = e->conflicts_low + nc;
        e->conflicts_same_sign = e->conflicts_low + 2 * nc;
        /* The sign of each choice's change at the estimates, from the dilemma's own cells. */
        double sq = 0;
        for (size_t m = 0; m < nm; m++)
            sq += (double)fc_dilemma_cell_at(d, m, 0)->n_conflicts;
        size_t counted = 0;
        for (size_t k = 0; k < R; k++) {
            int ok = 1;
            for (size_t c = 0; c < nc; c++)
                ok &= isfinite(conf[c * R + k]);
            if (!ok)
                continue;
            counted++;
            for (size_t c = 1; c < nc; c++) {
                double at = 0;
                for (size_t m = 0; m < nm; m++)
                    at += (double)fc_dilemma_cell_at(d, m, c)->n_conflicts;
                double ch = conf[c * R + k] - conf[k];
                int sign = (at > sq) - (at < sq), got = (ch > 0) - (ch < 0);
                e->conflicts_same_sign[c] += sign == got;
            }
        }
        e->conflict_runs = counted;
        for (size_t c = 0; c < nc; c++) {
            e->conflicts_same_sign[c] = counted ? e->conflicts_same_sign[c] / (double)counted : NAN;
            size_t n_c;
            double p_pos;
            summarise(conf + c * R, R, &n_c, &p_pos, &e->conflicts_low[c], &e->conflicts_high[c]);
        }
        e->conflicts_same_sign[0] = NAN;
    }
done:
    free(all);
    free(one);
    free(cost);
    free(conf);
    return st;
}

fc_status dilemma_either_totals(fc_dilemma_issues *d, const fc_scenario *sc, const fc_dilemma_options *o,
                                fc_error *err)
{
    fc_dilemma_either *e = &d->either;
    memset(e, 0, sizeof *e);
    if (o->either_or_runs == 0 || d->n_choices < 3 || d->n_issues < 2 || d->n_totals == 0)
        return FC_OK;
    size_t nm = d->n_totals, R = o->either_or_runs;
    fc_status st = either_setup(e, sc, o, nm, err);
    if (st)
        return st;
    double *all = malloc(nm * R * sizeof *all), *one = malloc(R * sizeof *one);
    if (!all || !one) {
        free(all);
        free(one);
        return fc_error_nomem(err);
    }
    const fc_dilemma *first = d->issues[0];
    for (size_t m = 0; m < nm && !st; m++) {
        const fc_dilemma_total *t = &d->totals[m];
        const fc_dilemma_model *dm = &first->models[t->model_index[0]];
        st = sweep_margins(e, sc, dm->model, dm->preset, NULL, first->mode == FC_DILEMMA_COMMIT, d->n_choices,
                           t->backlash_cost, one, NULL, err);
        if (st)
            break;
        memcpy(all + m * R, one, R * sizeof *one);
        summarise(one, R, &e->model_counted[m], &e->model_p[m], &e->model_low[m], &e->model_high[m]);
    }
    if (!st)
        summarise(all, nm * R, &e->counted, &e->p, &e->low, &e->high);
    free(all);
    free(one);
    return st;
}

void dilemma_either_free(fc_dilemma_either *e)
{
    free(e->model_p);
    free(e->model_low);
    free(e->model_high);
    free(e->model_counted);
    free(e->conflicts_low);
}
