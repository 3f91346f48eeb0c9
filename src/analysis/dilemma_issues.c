/* The dilemma on every issue the decider takes a stance on, and the totals over the issues:
 * the decider's salience-weighted utilities added up, the backlash cost counted once
 * (docs/dilemma.md, "Every issue"). */
#include "fulcrum/dilemma.h"
#include "fulcrum/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/dilemma_internal.h"

/* As the one-issue dilemma: closer than this is a tie, broken for the status quo, then by id. */
#define TOTAL_TIE 1e-9

static void free_total(fc_dilemma_total *t)
{
    free(t->model_index);
    free(t->utility);
    free(t->backlash_cost);
    free(t->value);
    free(t->stable);
}

void fc_dilemma_issues_free(fc_dilemma_issues *d)
{
    if (!d)
        return;
    for (size_t k = 0; k < d->n_issues; k++)
        fc_dilemma_free(d->issues[k]);
    free(d->issues);
    for (size_t t = 0; t < d->n_totals; t++)
        free_total(&d->totals[t]);
    free(d->totals);
    dilemma_either_free(&d->either);
    free(d);
}

static int better(const fc_dilemma_issues *d, const fc_dilemma_total *t, size_t a, size_t b)
{
    if (fabs(t->value[a] - t->value[b]) > TOTAL_TIE)
        return t->value[a] > t->value[b];
    if (a == 0 || b == 0)
        return a == 0;
    return strcmp(d->issues[0]->choices[a].id, d->issues[0]->choices[b].id) < 0;
}

static void rank_total(const fc_dilemma_issues *d, fc_dilemma_total *t)
{
    size_t best = 0, n = d->n_choices;
    for (size_t c = 1; c < n; c++)
        if (better(d, t, c, best))
            best = c;
    size_t second = best;
    for (size_t c = 0; c < n; c++)
        if (c != best && (second == best || better(d, t, c, second)))
            second = c;
    t->best = best;
    t->runner_up = second;
    double margin = t->value[best] - t->value[second];
    t->margin = margin > TOTAL_TIE ? margin : 0.0;
    t->margin_outcome = t->margin > 0 ? t->utility[best] - t->utility[second] : 0.0;
    t->margin_backlash = t->margin > 0 ? t->backlash_cost[second] - t->backlash_cost[best] : 0.0;
}

/* The model run of dilemma e named like m, or -1. */
static long find_model(const fc_dilemma *e, const fc_dilemma_model *m)
{
    for (size_t k = 0; k < e->n_models; k++)
        if (strcmp(e->models[k].name, m->name) == 0 && strcmp(e->models[k].preset, m->preset) == 0)
            return (long)k;
    return -1;
}

static fc_status add_totals(fc_dilemma_issues *d, fc_error *err)
{
    const fc_dilemma *first = d->issues[0];
    size_t n = d->n_choices;
    d->totals = calloc(first->n_models, sizeof *d->totals);
    if (!d->totals)
        return fc_error_nomem(err);
    for (size_t m = 0; m < first->n_models; m++) {
        int everywhere = 1;
        for (size_t k = 1; k < d->n_issues; k++)
            everywhere &= find_model(d->issues[k], &first->models[m]) >= 0;
        if (!everywhere)
            continue;
        fc_dilemma_total *t = &d->totals[d->n_totals++];
        snprintf(t->name, sizeof t->name, "%s", first->models[m].name);
        snprintf(t->preset, sizeof t->preset, "%s", first->models[m].preset);
        t->model_index = calloc(d->n_issues, sizeof *t->model_index);
        t->utility = calloc(n, sizeof *t->utility);
        t->backlash_cost = calloc(n, sizeof *t->backlash_cost);
        t->value = calloc(n, sizeof *t->value);
        t->stable = calloc(n, sizeof *t->stable);
        if (!t->model_index || !t->utility || !t->backlash_cost || !t->value || !t->stable)
            return fc_error_nomem(err);
        for (size_t c = 0; c < n; c++)
            t->stable[c] = 1;
        for (size_t k = 0; k < d->n_issues; k++) {
            const fc_dilemma *e = d->issues[k];
            size_t mi = (size_t)find_model(e, &first->models[m]);
            t->model_index[k] = mi;
            for (size_t c = 0; c < n; c++) {
                const fc_dilemma_cell *cell = fc_dilemma_cell_at(e, mi, c);
                /* The first issue's utility as it is (a sum from 0 would turn -0 into +0). */
                t->utility[c] = k == 0 ? cell->utility[e->decider] : t->utility[c] + cell->utility[e->decider];
                t->stable[c] &= cell->stable;
            }
        }
        /* The crises see every issue at once: their cost is the same in every issue's dilemma
         * and is counted once. */
        for (size_t c = 0; c < n; c++) {
            t->backlash_cost[c] = fc_dilemma_cell_at(first, m, c)->backlash_cost;
            t->value[c] = t->utility[c] - t->backlash_cost[c];
        }
        rank_total(d, t);
    }
    return FC_OK;
}

fc_status fc_dilemma_compute_issues(const fc_scenario *sc, const fc_dilemma_options *opts, fc_dilemma_issues **out,
                                    fc_error *err)
{
    *out = NULL;
    fc_dilemma_options o;
    if (opts)
        o = *opts;
    else
        fc_dilemma_options_init(&o);
    fc_status st = fc_scenario_validate(sc, err);
    if (st)
        return st;
    long dec = sc->decider ? fc_scenario_actor_index(sc, sc->decider) : -1;
    fc_dilemma_issues *d = calloc(1, sizeof *d);
    if (!d)
        return fc_error_nomem(err);
    d->issues = calloc(sc->n_issues ? sc->n_issues : 1, sizeof *d->issues);
    if (!d->issues) {
        free(d);
        return fc_error_nomem(err);
    }
    for (size_t k = 0; k < sc->n_issues; k++) {
        /* An issue the decider takes no stance on has no choice to compare (with no decider,
         * the one-issue dilemma says what is missing). */
        if (dec >= 0 && !sc->actors[dec].stances[k].present)
            continue;
        o.issue = sc->issues[k].id;
        if ((st = fc_dilemma_compute(sc, &o, &d->issues[d->n_issues], err)))
            goto fail;
        d->n_issues++;
        if (dec < 0)
            break;
    }
    if (d->n_issues == 0) {
        st = fc_error_set(err, FC_EINPUT, sc->origin && sc->origin[0] ? sc->origin : NULL, 0, 0, "decider",
                          "the deciding actor '%s' takes no stance on any issue", sc->decider);
        goto fail;
    }
    d->n_choices = d->issues[0]->n_choices;
    if ((st = add_totals(d, err)))
        goto fail;
    if ((st = dilemma_either_totals(d, sc, &o, err)))
        goto fail;
    *out = d;
    return FC_OK;
fail:
    fc_dilemma_issues_free(d);
    return st;
}
