/* Decision sensitivity, global: which uncertain estimates move the margin between the two best
 * choices and the backlash, over the sweep's own runs (no extra model runs). Two measures from
 * the same sample (docs/dilemma.md, after Saltelli et al. 2008): the first-order variance-based
 * index from the runs binned by each input, and standardised rank regression coefficients with
 * the regression's R^2; and per input the share of runs in which the best choice wins when the
 * input lies in its lowest or highest fifth, which names the estimates that flip the choice. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep_internal.h"
#include "fulcrum/util.h"

#define MIN_RUNS 20

typedef struct keyed {
    double key;
    size_t run;
} keyed;

static int by_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->run < y->run ? -1 : x->run > y->run;
}

/* Ranks 1..n of v (ties get their average rank), through the scratch array k. */
static void ranks(const double *v, size_t n, keyed *k, double *out)
{
    for (size_t i = 0; i < n; i++)
        k[i] = (keyed){v[i], i};
    qsort(k, n, sizeof *k, by_key);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && k[j + 1].key == k[i].key)
            j++;
        double r = (double)(i + j) / 2.0 + 1.0;
        for (size_t t = i; t <= j; t++)
            out[k[t].run] = r;
        i = j + 1;
    }
}

/* Var E[y | x] / Var y with the runs split into `bins` groups of equal count by x (sorted order
 * in k, from ranks()). Under no effect its expectation is about (bins - 1) / (n - 1). */
static double first_order(const keyed *k, const double *y, size_t n, size_t bins)
{
    double mean = 0;
    for (size_t i = 0; i < n; i++)
        mean += y[i];
    mean /= (double)n;
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += (y[i] - mean) * (y[i] - mean);
    if (!(total > 0))
        return NAN;
    double between = 0;
    for (size_t b = 0; b < bins; b++) {
        size_t lo = b * n / bins, hi = (b + 1) * n / bins;
        if (hi <= lo)
            continue;
        double m = 0;
        for (size_t t = lo; t < hi; t++)
            m += y[k[t].run];
        m /= (double)(hi - lo);
        between += (double)(hi - lo) * (m - mean) * (m - mean);
    }
    return between / total;
}

/* Standardised rank regression of y's ranks on the inputs' ranks (rx: p columns of n ranks):
 * the coefficients into src (stride), R^2 returned; NaN when y does not vary or the inputs'
 * ranks are collinear. Ranks 1..n have mean (n + 1) / 2 whatever the ties' averaging. */
static double rank_regression(const double *rx, const double *ry, size_t n, size_t p, double *src, size_t stride,
                              double *cov, double *rhs, double *sd)
{
    double mean = ((double)n + 1) / 2;
    for (size_t k = 0; k <= p; k++) {
        const double *v = k < p ? rx + k * n : ry;
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += (v[i] - mean) * (v[i] - mean);
        sd[k] = sqrt(s);
    }
    for (size_t k = 0; k < p; k++)
        src[k * stride] = NAN;
    if (!(sd[p] > 0))
        return NAN;
    for (size_t k = 0; k < p; k++) {
        if (!(sd[k] > 0))
            return NAN;
        for (size_t j = k; j < p; j++) {
            double s = 0;
            for (size_t i = 0; i < n; i++)
                s += (rx[k * n + i] - mean) * (rx[j * n + i] - mean);
            cov[k * p + j] = cov[j * p + k] = s / (sd[k] * sd[j]);
        }
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += (rx[k * n + i] - mean) * (ry[i] - mean);
        rhs[k] = s / (sd[k] * sd[p]);
    }
    double *corr = rhs + p;
    memcpy(corr, rhs, p * sizeof *corr);
    if (!sweep_cholesky_solve(cov, rhs, p))
        return NAN;
    double r2 = 0;
    for (size_t k = 0; k < p; k++) {
        src[k * stride] = rhs[k];
        r2 += rhs[k] * corr[k];
    }
    return r2;
}

static int order_inputs(const void *a, const void *b)
{
    const fc_sweep_decision_input *x = a, *y = b;
    if (x->flips != y->flips)
        return x->flips ? -1 : 1;
    double kx = x->flips ? fabs(x->p_high - x->p_low) : x->s_margin;
    double ky = y->flips ? fabs(y->p_high - y->p_low) : y->s_margin;
    if (isnan(kx) != isnan(ky))
        return isnan(kx) ? 1 : -1;
    if (kx != ky)
        return kx > ky ? -1 : 1;
    return x->input < y->input ? -1 : x->input > y->input;
}

fc_status sweep_decision_sensitivity(sweep_ctx *c, fc_error *err)
{
    fc_sweep_result *r = c->r;
    size_t nc = r->n_choices, p = r->n_inputs, N = r->runs;
    r->has_decision_sensitivity = 0;
    r->r2_margin = r->r2_backlash = NAN;
    if (nc < 2 || p == 0 || !c->o.sensitivity || r->decided < MIN_RUNS)
        return FC_OK;
    /* a and b: the two choices most often best (then by mean value, then listed order). */
    size_t a = 0, b = 1;
    for (size_t ch = 0; ch < nc; ch++) {
        const fc_sweep_choice *x = &r->choices[ch];
        if (ch != a && (x->p_best > r->choices[a].p_best ||
                        (x->p_best == r->choices[a].p_best && x->value.mean > r->choices[a].value.mean)))
            a = ch;
    }
    b = a == 0 ? 1 : 0;
    for (size_t ch = 0; ch < nc; ch++) {
        const fc_sweep_choice *x = &r->choices[ch];
        if (ch != a && ch != b &&
            (x->p_best > r->choices[b].p_best ||
             (x->p_best == r->choices[b].p_best && x->value.mean > r->choices[b].value.mean)))
            b = ch;
    }
    size_t n = 0;
    size_t *runs = malloc(N * sizeof *runs);
    double *y = malloc(N * sizeof *y), *z = malloc(N * sizeof *z), *ry = malloc(N * sizeof *ry);
    double *rz = malloc(N * sizeof *rz), *x = malloc(N * sizeof *x), *rx = malloc(p * N * sizeof *rx);
    keyed *k = malloc(N * sizeof *k);
    double *cov = malloc(p * p * sizeof *cov), *rhs = malloc(2 * p * sizeof *rhs), *sd = malloc((p + 1) * sizeof *sd);
    double *s_tmp = malloc(p * sizeof *s_tmp);
    r->decision_inputs = calloc(p, sizeof *r->decision_inputs);
    fc_status st = FC_OK;
    if (!runs || !y || !z || !ry || !rz || !x || !rx || !k || !cov || !rhs || !sd || !s_tmp || !r->decision_inputs) {
        st = fc_error_nomem(err);
        goto done;
    }
    /* The decided runs (as in the summaries), their margin and the backlash under a. */
    size_t na = r->n_crisis_actors, wins = 0;
    for (size_t i = 0; i < N; i++) {
        if (c->run_failed[i])
            continue;
        int stable = 1;
        for (size_t ch = 0; ch < nc; ch++)
            stable &= r->run_choice_figures[(i * nc + ch) * SWEEP_FIGURES + 3] != 0;
        if (!stable)
            continue;
        double va = r->run_choice_utility[i * nc + a], vb = r->run_choice_utility[i * nc + b];
        if (r->has_backlash) {
            double ka = r->run_choice_cost[i * nc + a], kb = r->run_choice_cost[i * nc + b];
            va = ka == 0 ? va : va - ka;
            vb = kb == 0 ? vb : vb - kb;
        }
        if (!isfinite(va - vb))
            continue;
        runs[n] = i;
        y[n] = va - vb;
        z[n] = 0;
        if (r->has_backlash)
            for (size_t j = 0; j < na; j++)
                if (r->run_choice_crisis[(i * nc + a) * na + j] & FC_SWEEP_CRISIS_CHALLENGES)
                    z[n] = 1;
        wins += z[n] != 0;
        n++;
    }
    if (n < MIN_RUNS)
        goto done;
    size_t bins = n / 50;
    bins = bins < 2 ? 2 : bins > 20 ? 20 : bins;
    r->sens_a = a;
    r->sens_b = b;
    r->sens_runs = n;
    r->sens_bins = bins;
    r->p_backlash_a = r->has_backlash ? (double)wins / (double)n : NAN;
    r->n_decision_inputs = p;
    size_t fifth = n / 5 ? n / 5 : 1;
    for (size_t q = 0; q < p; q++) {
        fc_sweep_decision_input *d = &r->decision_inputs[q];
        d->input = q;
        for (size_t t = 0; t < n; t++)
            x[t] = fc_sweep_input_sample(r, runs[t], q);
        ranks(x, n, k, rx + q * n);
        d->s_margin = first_order(k, y, n, bins);
        d->s_backlash = r->has_backlash ? first_order(k, z, n, bins) : NAN;
        size_t lo_w = 0, hi_w = 0;
        for (size_t t = 0; t < fifth; t++) {
            lo_w += y[k[t].run] > 0;
            hi_w += y[k[n - 1 - t].run] > 0;
        }
        d->p_low = (double)lo_w / (double)fifth;
        d->p_high = (double)hi_w / (double)fifth;
        d->flips = (d->p_low - 0.5) * (d->p_high - 0.5) < 0;
    }
    ranks(y, n, k, ry);
    r->r2_margin = rank_regression(rx, ry, n, p, s_tmp, 1, cov, rhs, sd);
    for (size_t q = 0; q < p; q++)
        r->decision_inputs[q].srrc_margin = s_tmp[q];
    if (r->has_backlash) {
        ranks(z, n, k, rz);
        r->r2_backlash = rank_regression(rx, rz, n, p, s_tmp, 1, cov, rhs, sd);
    } else {
        for (size_t q = 0; q < p; q++)
            s_tmp[q] = NAN;
    }
    for (size_t q = 0; q < p; q++)
        r->decision_inputs[q].srrc_backlash = s_tmp[q];
    qsort(r->decision_inputs, p, sizeof *r->decision_inputs, order_inputs);
    r->has_decision_sensitivity = 1;
done:
    if (!r->has_decision_sensitivity) {
        free(r->decision_inputs);
        r->decision_inputs = NULL;
        r->n_decision_inputs = 0;
    }
    free(runs), free(y), free(z), free(ry), free(rz), free(x), free(rx), free(k);
    free(cov), free(rhs), free(sd), free(s_tmp);
    return st;
}
