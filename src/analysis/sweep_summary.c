/* Summaries of a finished sweep, computed from the per-run results in run order (so the
 * floating-point sums, and hence every printed digit, are the same however the runs were
 * spread): distributions of the forecast, event probabilities per ordered pair, and the
 * deciding actor's choices under uncertainty. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "analysis/sweep_internal.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

/* R's type 7: linear interpolation between the order statistics around (n - 1) p. */
static double percentile(const double *s, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return s[n - 1];
    return s[lo] + (h - (double)lo) * (s[lo + 1] - s[lo]);
}

fc_status fc_distribution_compute(fc_distribution *d, const double *x, size_t n, size_t stride,
                                  double lo, double hi, size_t bins, fc_error *err)
{
    memset(d, 0, sizeof *d);
    /* No range given: the histogram spans the values themselves. */
    if (isnan(lo) || isnan(hi)) {
        lo = INFINITY;
        hi = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            double v = x[i * stride];
            if (v < lo)
                lo = v;
            if (v > hi)
                hi = v;
        }
        if (!(lo <= hi))
            lo = hi = 0;
    }
    d->mean = d->sd = d->min = d->max = d->p5 = d->p25 = d->p50 = d->p75 = d->p95 = NAN;
    d->hist_lo = lo;
    d->hist_hi = hi;
    d->n_bins = bins;
    d->hist = calloc(bins ? bins : 1, sizeof *d->hist);
    double *s = malloc((n ? n : 1) * sizeof *s);
    if (!d->hist || !s) {
        free(s);
        return fc_error_nomem(err);
    }
    size_t m = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (isnan(v))
            continue;
        s[m++] = v;
        sum += v;
    }
    d->n = m;
    if (m == 0) {
        free(s);
        return FC_OK;
    }
    d->mean = sum / (double)m;
    double ss = 0;
    for (size_t i = 0; i < m; i++)
        ss += (s[i] - d->mean) * (s[i] - d->mean);
    d->sd = m > 1 ? sqrt(ss / (double)(m - 1)) : 0.0;
    for (size_t i = 0; i < m; i++) {
        size_t b;
        if (!(hi > lo))
            b = 0;
        else if (s[i] >= hi)
            b = bins - 1;
        else if (s[i] <= lo)
            b = 0;
        else {
            b = (size_t)((s[i] - lo) / (hi - lo) * (double)bins);
            if (b >= bins)
                b = bins - 1;
        }
        d->hist[b]++;
    }
    qsort(s, m, sizeof *s, cmp_double);
    d->min = s[0];
    d->max = s[m - 1];
    d->p5 = percentile(s, m, 0.05);
    d->p25 = percentile(s, m, 0.25);
    d->p50 = percentile(s, m, 0.50);
    d->p75 = percentile(s, m, 0.75);
    d->p95 = percentile(s, m, 0.95);
    free(s);
    return FC_OK;
}

static int cmp_event(const void *a, const void *b)
{
    const fc_sweep_event_stat *x = a, *y = b;
    if (x->runs != y->runs)
        return x->runs > y->runs ? -1 : 1;
    if (x->challenger != y->challenger)
        return x->challenger < y->challenger ? -1 : 1;
    if (x->target != y->target)
        return x->target < y->target ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

/* The decision over the runs: which runs decide (the model took the input and every choice's
 * forecast is stable), the decision value and cost of each choice, who best serves the
 * decider, the backlash shares, and the either/or of the second choice against the first. */
static fc_status summarise_decision(sweep_ctx *c, double *best, fc_error *err)
{
    fc_sweep_result *r = c->r;
    size_t n = r->runs, nc = r->n_choices, na = r->n_crisis_actors;
    size_t bins = (size_t)c->o.histogram_bins;
    unsigned char *decides = calloc(n ? n : 1, 1);
    double *value = malloc((n ? n : 1) * nc * sizeof *value), *cost = malloc((n ? n : 1) * nc * sizeof *cost);
    double *margin = malloc((n ? n : 1) * sizeof *margin);
    fc_status st = FC_OK;
    if (!decides || !value || !cost || !margin) {
        st = fc_error_nomem(err);
        goto done;
    }
    r->decided = r->undecided = 0;
    for (size_t i = 0; i < n; i++) {
        if (c->run_failed[i])
            continue;
        int stable = 1;
        for (size_t ch = 0; ch < nc; ch++) {
            double s = r->run_choice_figures[(i * nc + ch) * SWEEP_FIGURES + 3];
            if (s == 0) {
                stable = 0;
                r->choices[ch].unstable++;
            }
        }
        decides[i] = (unsigned char)stable;
        if (stable)
            r->decided++;
        else
            r->undecided++;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t ch = 0; ch < nc; ch++) {
            double u = r->run_choice_utility[i * nc + ch];
            double k = r->has_backlash ? r->run_choice_cost[i * nc + ch] : 0.0;
            /* Without backlash (or at weight 0) the value is the utility, bit for bit. */
            double v = k == 0 ? u : u - k;
            value[i * nc + ch] = decides[i] ? v : NAN;
            cost[i * nc + ch] = decides[i] ? k : NAN;
        }
    for (size_t ch = 0; ch < nc && !st; ch++) {
        fc_sweep_choice *cc = &r->choices[ch];
        if ((st = fc_distribution_compute(&cc->value, value + ch, n, nc, NAN, NAN, bins, err)) ||
            (st = fc_distribution_compute(&cc->cost, cost + ch, n, nc, NAN, NAN, bins, err)))
            break;
        if (!r->has_backlash)
            continue;
        cc->p_challenge = calloc(3 * (na ? na : 1), sizeof *cc->p_challenge);
        if (!cc->p_challenge) {
            st = fc_error_nomem(err);
            break;
        }
        cc->p_crisis_cost = cc->p_challenge + na;
        cc->p_war = cc->p_challenge + 2 * na;
        size_t counted = 0, any = 0, costly = 0;
        for (size_t i = 0; i < n; i++) {
            if (c->run_failed[i])
                continue;
            counted++;
            const unsigned char *f = &r->run_choice_crisis[(i * nc + ch) * na];
            int a = 0, k = 0;
            for (size_t j = 0; j < na; j++) {
                cc->p_challenge[j] += (f[j] & FC_SWEEP_CRISIS_CHALLENGES) != 0;
                cc->p_crisis_cost[j] += (f[j] & FC_SWEEP_CRISIS_COSTLY) != 0;
                cc->p_war[j] += (f[j] & FC_SWEEP_CRISIS_WAR) != 0;
                a |= (f[j] & FC_SWEEP_CRISIS_CHALLENGES) != 0;
                k |= (f[j] & FC_SWEEP_CRISIS_COSTLY) != 0;
            }
            any += (size_t)a;
            costly += (size_t)k;
        }
        double inv = counted ? 1.0 / (double)counted : NAN;
        for (size_t j = 0; j < 3 * na; j++)
            cc->p_challenge[j] *= inv;
        cc->p_backlash = (double)any * inv;
        cc->p_costly = (double)costly * inv;
    }
    if (st)
        goto done;
    /* Values within 1e-9 tie (as in the dilemma module); tied choices share the run equally
     * (e.g. under a model the decider's choice cannot move). */
    for (size_t i = 0; i < n; i++) {
        if (!decides[i])
            continue;
        const double *u = &value[i * nc];
        double top = u[0];
        for (size_t ch = 1; ch < nc; ch++)
            if (u[ch] > top)
                top = u[ch];
        size_t ties = 0;
        for (size_t ch = 0; ch < nc; ch++)
            ties += u[ch] >= top - 1e-9;
        for (size_t ch = 0; ch < nc; ch++)
            if (u[ch] >= top - 1e-9)
                best[ch] += 1.0 / (double)ties;
    }
    for (size_t ch = 0; ch < nc; ch++)
        r->choices[ch].p_best = r->decided ? best[ch] / (double)r->decided : NAN;
    r->either_n = 0;
    r->either_p = r->either_low = r->either_high = NAN;
    if (nc >= 3) {
        r->either_a = 2;
        r->either_b = 1;
        size_t m = 0, wins = 0;
        for (size_t i = 0; i < n; i++) {
            if (!decides[i])
                continue;
            double x = value[i * nc + 2] - value[i * nc + 1];
            if (!isfinite(x))
                continue;
            margin[m++] = x;
            wins += x > 0;
        }
        r->either_n = m;
        if (m) {
            qsort(margin, m, sizeof *margin, cmp_double);
            r->either_p = (double)wins / (double)m;
            r->either_low = percentile(margin, m, 0.05);
            r->either_high = percentile(margin, m, 0.95);
        }
    }
done:
    free(decides);
    free(value);
    free(cost);
    free(margin);
    return st;
}

/* The decider's utility on each issue (several issues): -s_d |x_d - o_d| / range_d with its
 * sampled position and salience of the run, summed as decider_utility sums them. */
static fc_status issue_utilities(sweep_ctx *c, fc_error *err)
{
    fc_sweep_result *r = c->r;
    size_t n = r->runs, nc = r->n_choices, nd = r->n_dims, dk = r->decider;
    if (nd < 2)
        return FC_OK;
    double *u = malloc((n ? n : 1) * nc * nd * sizeof *u), *x = malloc(nd * sizeof *x), *s = malloc(nd * sizeof *s);
    fc_status st = FC_OK;
    if (!u || !x || !s) {
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t d = 0; d < nd; d++) {
            x[d] = c->nominal.position[dk * nd + d];
            s[d] = c->nominal.salience[dk * nd + d];
        }
        for (size_t k = 0; k < r->n_inputs; k++) {
            const fc_sweep_input *in = &r->inputs[k];
            if (in->actor != dk || in->kind == FC_INPUT_CAPABILITY)
                continue;
            double v = fc_sweep_input_sample(r, i, k);
            if (in->kind == FC_INPUT_POSITION)
                x[in->dim] = v;
            else
                s[in->dim] = v;
        }
        for (size_t ch = 0; ch < nc; ch++)
            for (size_t d = 0; d < nd; d++) {
                double range = r->scale_max[d] - r->scale_min[d];
                double o = r->run_choice_outcome[(i * nc + ch) * nd + d];
                u[(i * nc + ch) * nd + d] = c->run_failed[i] ? NAN : -s[d] * fabs(o - x[d]) / (range > 0 ? range : 1.0);
            }
    }
    for (size_t ch = 0; ch < nc && !st; ch++) {
        fc_sweep_choice *cc = &r->choices[ch];
        cc->issue_utility = calloc(nd, sizeof *cc->issue_utility);
        if (!cc->issue_utility) {
            st = fc_error_nomem(err);
            break;
        }
        for (size_t d = 0; d < nd && !st; d++)
            st = fc_distribution_compute(&cc->issue_utility[d], u + ch * nd + d, n, nc * nd, -1.0, 0.0,
                                         (size_t)c->o.histogram_bins, err);
    }
done:
    free(u);
    free(x);
    free(s);
    return st;
}

fc_status sweep_summarise(sweep_ctx *c, fc_error *err)
{
    fc_sweep_result *r = c->r;
    size_t n = r->runs, nd = r->n_dims, nc = r->n_choices;
    size_t bins = (size_t)c->o.histogram_bins;
    r->failed = 0;
    for (size_t i = 0; i < n; i++)
        r->failed += c->run_failed[i];
    size_t counted = n - r->failed;
    r->outcome = calloc(nd, sizeof *r->outcome);
    if (!r->outcome)
        return fc_error_nomem(err);
    fc_status st;
    for (size_t d = 0; d < nd; d++)
        if ((st = fc_distribution_compute(&r->outcome[d], r->run_outcome + d, n, nd, r->scale_min[d],
                                          r->scale_max[d], bins, err)))
            return st;

    size_t ne = 0;
    for (size_t k = 0; k < c->n_event_cells; k++)
        ne += c->event_counts[k] > 0;
    r->events = calloc(ne ? ne : 1, sizeof *r->events);
    if (!r->events)
        return fc_error_nomem(err);
    r->n_events = 0;
    for (size_t k = 0; k < c->n_event_cells; k++) {
        if (!c->event_counts[k])
            continue;
        fc_sweep_event_stat *e = &r->events[r->n_events++];
        size_t pair = k / SWEEP_EVENT_KINDS;
        e->challenger = pair / r->n_actors;
        e->target = pair % r->n_actors;
        e->kind = (fc_event_kind)(k % SWEEP_EVENT_KINDS);
        e->runs = c->event_counts[k];
        e->probability = counted ? (double)e->runs / (double)counted : NAN;
    }
    qsort(r->events, r->n_events, sizeof *r->events, cmp_event);
    r->round_based = r->n_events > 0;

    if (nc) {
        double *best = calloc(nc, sizeof *best);
        if (!best)
            return fc_error_nomem(err);
        for (size_t ch = 0; ch < nc; ch++) {
            fc_sweep_choice *cc = &r->choices[ch];
            cc->outcome = calloc(nd, sizeof *cc->outcome);
            if (!cc->outcome) {
                free(best);
                return fc_error_nomem(err);
            }
            for (size_t d = 0; d < nd; d++)
                if ((st = fc_distribution_compute(&cc->outcome[d], r->run_choice_outcome + ch * nd + d, n,
                                                  nc * nd, r->scale_min[d], r->scale_max[d], bins, err))) {
                    free(best);
                    return st;
                }
            if ((st = fc_distribution_compute(&cc->utility, r->run_choice_utility + ch, n, nc, -1.0, 0.0, bins,
                                              err))) {
                free(best);
                return st;
            }
            const double *figs = r->run_choice_figures + ch * SWEEP_FIGURES;
            fc_distribution *fd[3] = {&cc->pressure, &cc->conflicts, &cc->instability};
            for (size_t k = 0; k < 3; k++)
                if ((st = fc_distribution_compute(fd[k], figs + k, n, nc * SWEEP_FIGURES, NAN, NAN, bins, err))) {
                    free(best);
                    return st;
                }
        }
        if ((st = summarise_decision(c, best, err)) || (st = issue_utilities(c, err))) {
            free(best);
            return st;
        }
        free(best);
    }
    return FC_OK;
}
