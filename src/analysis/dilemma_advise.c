/* Advice on a dilemma for one model run: which estimates move the decider's margin or flip its
 * choice (a one-at-a-time tornado on the decision value, the backlash re-run with every change),
 * and what to offer whom: the smallest change in one other actor's position or salience that
 * makes a chosen option the best, or that stops a challenger (docs/dilemma.md, "Advice"). */
#include "fulcrum/dilemma.h"
#include "fulcrum/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One-at-a-time steps of the tornado: a tenth of the issue's scale, a tenth of the salience
 * scale, a fifth of the capability (the sweep's default spreads). */
#define SWING_POSITION 0.10
#define SWING_SALIENCE 0.10
#define SWING_CAPABILITY 0.20
/* The search for an offer: steps of 1% of the scale (positions) and 5% of the salience scale. */
#define OFFER_POSITION_STEPS 100
#define OFFER_SALIENCE_STEPS 20

const char *fc_dilemma_estimate_name(fc_dilemma_estimate e)
{
    return e == FC_ESTIMATE_POSITION ? "position" : e == FC_ESTIMATE_SALIENCE ? "salience" : "capability";
}

void fc_dilemma_advice_free(fc_dilemma_advice *a)
{
    if (!a)
        return;
    free(a->swings);
    free(a->offers);
    free(a);
}

/* The value of an estimate in the scenario, and a pointer to change it. */
static double *estimate_of(fc_scenario *sc, size_t actor, long issue, fc_dilemma_estimate e)
{
    fc_actor *a = &sc->actors[actor];
    if (e == FC_ESTIMATE_CAPABILITY)
        return &a->capability.value;
    if (!a->stances[issue].present)
        return NULL;
    return e == FC_ESTIMATE_POSITION ? &a->stances[issue].position.value : &a->stances[issue].salience.value;
}

typedef struct {
    const fc_dilemma *d;
    const fc_dilemma_options *o;
    size_t m;
} base_run;

/* The dilemma of one model run on a changed scenario: the values of every choice, the best, and
 * the crisis pairs of choice `crisis_choice` (challengers counted). */
static fc_status rerun(const base_run *b, const fc_scenario *sc, double *values, size_t *best,
                       size_t crisis_choice, size_t *challengers, fc_error *err)
{
    const fc_dilemma *d = b->d;
    fc_dilemma_options o = *b->o;
    const fc_model *models[1] = {d->models[b->m].model};
    o.models = models;
    o.n_models = 1;
    o.model = NULL;
    o.preset = d->models[b->m].preset[0] ? d->models[b->m].preset : NULL;
    o.issue = d->problem.dim_ids[0];
    o.either_or_runs = 0;
    o.backlash_weight = d->backlash_weight;
    fc_dilemma *r = NULL;
    fc_status st = fc_dilemma_compute(sc, &o, &r, err);
    if (st)
        return st;
    for (size_t c = 0; c < r->n_choices; c++)
        values[c] = fc_dilemma_cell_at(r, 0, c)->value;
    *best = r->models[0].margin > 0 ? r->models[0].best : (size_t)-1;
    if (challengers)
        *challengers = r->crisis ? r->crisis[crisis_choice]->n_challengers : 0;
    fc_dilemma_free(r);
    return FC_OK;
}

static int by_swing(const void *pa, const void *pb)
{
    const fc_dilemma_swing *a = pa, *b = pb;
    int fa = a->flips != 0, fb = b->flips != 0;
    if (fa != fb)
        return fb - fa;
    double sa = fmax(fabs(a->margin_low - a->margin), fabs(a->margin_high - a->margin));
    double sb = fmax(fabs(b->margin_low - b->margin), fabs(b->margin_high - b->margin));
    if (sa != sb)
        return sa > sb ? -1 : 1;
    if (a->actor != b->actor)
        return a->actor < b->actor ? -1 : 1;
    return (int)a->estimate - (int)b->estimate;
}

static int by_offer(const void *pa, const void *pb)
{
    const fc_dilemma_offer *a = pa, *b = pb;
    if (a->goal != b->goal)
        return (int)a->goal - (int)b->goal;
    if (a->found != b->found)
        return b->found - a->found;
    if (a->size != b->size)
        return a->size < b->size ? -1 : 1;
    if (a->actor != b->actor)
        return a->actor < b->actor ? -1 : 1;
    return (int)a->estimate - (int)b->estimate;
}

static fc_status tornado(fc_dilemma_advice *a, const base_run *b, const fc_scenario *sc, long ix, fc_error *err)
{
    const fc_dilemma *d = b->d;
    const fc_issue *is = &sc->issues[ix];
    double range = is->scale_max - is->scale_min;
    size_t n = sc->n_actors, nc = d->n_choices;
    a->swings = calloc(3 * n, sizeof *a->swings);
    double *v = malloc(nc * sizeof *v);
    fc_scenario *work = fc_scenario_copy(sc);
    fc_status st = FC_OK;
    if (!a->swings || !v || !work) {
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t i = 0; i < n && !st; i++)
        for (int e = 0; e < 3 && !st; e++) {
            double *x = estimate_of(work, i, ix, (fc_dilemma_estimate)e);
            if (!x)
                continue;
            double base = *x, lo, hi;
            if (e == FC_ESTIMATE_POSITION) {
                lo = fmax(is->scale_min, base - SWING_POSITION * range);
                hi = fmin(is->scale_max, base + SWING_POSITION * range);
            } else if (e == FC_ESTIMATE_SALIENCE) {
                lo = fmax(0, base - SWING_SALIENCE * sc->salience_max);
                hi = fmin(sc->salience_max, base + SWING_SALIENCE * sc->salience_max);
            } else {
                lo = base * (1 - SWING_CAPABILITY);
                hi = base * (1 + SWING_CAPABILITY);
            }
            fc_dilemma_swing *s = &a->swings[a->n_swings];
            *s = (fc_dilemma_swing){.actor = i, .estimate = (fc_dilemma_estimate)e, .base = base, .low = lo,
                                    .high = hi, .margin = a->margin};
            size_t best;
            *x = lo;
            if (!(st = rerun(b, work, v, &best, a->best, &s->challengers_low, err))) {
                s->margin_low = v[a->best] - v[a->runner_up];
                s->best_low = best;
                *x = hi;
                st = rerun(b, work, v, &best, a->best, &s->challengers_high, err);
            }
            *x = base;
            if (st)
                break;
            s->margin_high = v[a->best] - v[a->runner_up];
            s->best_high = best;
            s->flips = (s->best_low != a->best) + (s->best_high != a->best);
            a->n_swings++;
        }
    if (!st)
        qsort(a->swings, a->n_swings, sizeof *a->swings, by_swing);
done:
    free(v);
    fc_scenario_free(work);
    return st;
}

/* The crisis of choice c with the scenario as it stands: does actor k challenge the decider? */
static fc_status challenges_now(const fc_scenario *sc, const char *choice_id, const fc_crisis_options *co, size_t k,
                                int *out, fc_error *err)
{
    fc_problem p;
    size_t dec;
    fc_status st = fc_crisis_problem_for_choice(sc, choice_id, &p, &dec, err);
    if (st)
        return st;
    double *ties = malloc(p.n_actors * p.n_actors * sizeof *ties);
    fc_crisis_backlash *bl = NULL;
    if (!ties)
        st = fc_error_nomem(err);
    if (!st)
        st = fc_crisis_ties_from_scenario(sc, &p, co, ties, err);
    if (!st) {
        fc_crisis_input in = {.problem = &p, .ties = ties, .risk = NULL};
        st = fc_crisis_backlash_run(&in, dec, co, &bl, err);
    }
    if (!st) {
        *out = 0;
        for (size_t q = 0; q < bl->n_pairs; q++)
            if (bl->pairs[q].challenger == k)
                *out = bl->pairs[q].challenges;
    }
    fc_crisis_backlash_free(bl);
    free(ties);
    fc_problem_free(&p);
    return st;
}

/* The smallest change of one estimate of actor k (position or salience on the compared issue)
 * that reaches the goal, trying both directions step by step, the nearer first. */
static fc_status search(fc_dilemma_advice *a, const base_run *b, fc_scenario *work, long ix, size_t k,
                        fc_dilemma_estimate e, fc_dilemma_goal goal, double *v, fc_error *err)
{
    const fc_dilemma *d = b->d;
    const fc_issue *is = &work->issues[ix];
    double *x = estimate_of(work, k, ix, e);
    if (!x)
        return FC_OK;
    double base = *x, lo, hi, step;
    size_t steps;
    if (e == FC_ESTIMATE_POSITION) {
        lo = is->scale_min;
        hi = is->scale_max;
        step = (hi - lo) / OFFER_POSITION_STEPS;
        steps = OFFER_POSITION_STEPS;
    } else {
        lo = 0;
        hi = work->salience_max;
        step = hi / OFFER_SALIENCE_STEPS;
        steps = OFFER_SALIENCE_STEPS;
    }
    fc_dilemma_offer *of = &a->offers[a->n_offers++];
    *of = (fc_dilemma_offer){.actor = k, .estimate = e, .goal = goal, .from = base, .to = base, .found = 0};
    const char *cid = a->choice ? d->choices[a->choice].id : NULL;
    fc_status st = FC_OK;
    for (size_t s = 1; s <= steps && !of->found && !st; s++)
        for (int dir = -1; dir <= 1 && !of->found && !st; dir += 2) {
            double t = base + dir * (double)s * step;
            if (t < lo - 1e-12 || t > hi + 1e-12)
                continue;
            *x = fmin(hi, fmax(lo, t));
            int reached = 0;
            if (goal == FC_GOAL_MAKE_BEST) {
                size_t best;
                st = rerun(b, work, v, &best, a->choice, NULL, err);
                reached = !st && best == a->choice;
            } else {
                int ch = 1;
                st = challenges_now(work, cid, &d->crisis_options, k, &ch, err);
                reached = !st && !ch;
            }
            if (reached) {
                of->found = 1;
                of->to = *x;
                of->size = fabs(*x - base) / (hi - lo);
            }
        }
    *x = base;
    return st;
}

static fc_status offers(fc_dilemma_advice *a, const base_run *b, const fc_scenario *sc, long ix, fc_error *err)
{
    const fc_dilemma *d = b->d;
    size_t n = sc->n_actors, dec = d->crisis ? d->crisis[0]->decider : (size_t)fc_scenario_actor_index(sc, sc->decider);
    a->offers = calloc(4 * n, sizeof *a->offers);
    double *v = malloc(d->n_choices * sizeof *v);
    fc_scenario *work = fc_scenario_copy(sc);
    fc_status st = FC_OK;
    if (!a->offers || !v || !work) {
        st = fc_error_nomem(err);
        goto done;
    }
    a->already_best = a->best == a->choice && a->margin > 0;
    for (size_t k = 0; k < n && !st; k++) {
        if (k == dec)
            continue;
        if (!a->already_best)
            for (int e = 0; e < 2 && !st; e++)
                st = search(a, b, work, ix, k, (fc_dilemma_estimate)e, FC_GOAL_MAKE_BEST, v, err);
        int ch = 0;
        if (!st && d->crisis)
            for (size_t q = 0; q < d->crisis[a->choice]->n_pairs; q++)
                if (d->crisis[a->choice]->pairs[q].challenger == k)
                    ch = d->crisis[a->choice]->pairs[q].challenges;
        for (int e = 0; e < 2 && ch && !st; e++)
            st = search(a, b, work, ix, k, (fc_dilemma_estimate)e, FC_GOAL_STOP_CHALLENGE, v, err);
    }
    if (!st)
        qsort(a->offers, a->n_offers, sizeof *a->offers, by_offer);
done:
    free(v);
    fc_scenario_free(work);
    return st;
}

fc_status fc_dilemma_advise(const fc_scenario *sc, const fc_dilemma_options *opts, const fc_dilemma *d, size_t m,
                            size_t choice, fc_dilemma_advice **out, fc_error *err)
{
    *out = NULL;
    if (m >= d->n_models || choice >= d->n_choices)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "no model run %zu or choice %zu", m, choice);
    long ix = fc_scenario_issue_index(sc, d->problem.dim_ids[0]);
    if (ix < 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "issue", "the scenario is not the dilemma's");
    fc_dilemma_options o;
    if (opts)
        o = *opts;
    else
        fc_dilemma_options_init(&o);
    o.mode = d->mode;
    o.crisis = d->crisis_options;
    o.backlash = d->crisis != NULL;
    fc_dilemma_advice *a = calloc(1, sizeof *a);
    if (!a)
        return fc_error_nomem(err);
    a->model = m;
    a->choice = choice;
    a->best = d->models[m].best;
    a->runner_up = d->models[m].runner_up;
    a->margin = fc_dilemma_cell_at(d, m, a->best)->value - fc_dilemma_cell_at(d, m, a->runner_up)->value;
    base_run b = {d, &o, m};
    fc_status st = d->n_choices > 1 ? tornado(a, &b, sc, ix, err) : FC_OK;
    if (!st)
        st = offers(a, &b, sc, ix, err);
    if (st) {
        fc_dilemma_advice_free(a);
        return st;
    }
    *out = a;
    return FC_OK;
}
