/* The crisis backlash of a sweep's choices: in every run, each other actor as the decider's
 * potential challenger under each choice (War Trap E(U), the international interaction game),
 * on the run's sampled estimates, so that the sweep's decision value counts what the dilemma
 * counts (docs/dilemma.md). The crisis models need no model run: this pass reads the samples
 * back from their streams once the runs are done, whatever the threads or ranks were. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "analysis/sweep_internal.h"
#include "fulcrum/util.h"

static char *dup_or_empty(const char *s)
{
    s = s ? s : "";
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

fc_status sweep_backlash_prepare(sweep_ctx *c, fc_error *err)
{
    fc_sweep_result *r = c->r;
    const fc_scenario *sc = c->sc;
    r->has_backlash = c->o.backlash != 0;
    r->backlash_weight = 0;
    snprintf(r->backlash_weight_source, sizeof r->backlash_weight_source, "none declared");
    if (!r->has_backlash)
        return FC_OK;
    /* The weight as the dilemma picks it: the option's, else the scenario's, else 0. */
    if (!isnan(c->o.backlash_weight)) {
        if (!isfinite(c->o.backlash_weight) || c->o.backlash_weight < 0)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "backlash_weight", "must be a finite number >= 0, not %g",
                                c->o.backlash_weight);
        r->backlash_weight = c->o.backlash_weight;
        snprintf(r->backlash_weight_source, sizeof r->backlash_weight_source, "set by option");
    } else if (sc->backlash_costs.present) {
        const fc_value *w = &sc->backlash_costs.weight;
        r->backlash_weight = w->value;
        snprintf(r->backlash_weight_source, sizeof r->backlash_weight_source, "%s",
                 w->source ? w->source : "the scenario's backlash.weight (no source given)");
    }
    size_t n = sc->n_actors;
    r->crisis_actor_ids = calloc(n ? n : 1, sizeof *r->crisis_actor_ids);
    r->crisis_actor_names = calloc(n ? n : 1, sizeof *r->crisis_actor_names);
    if (!r->crisis_actor_ids || !r->crisis_actor_names)
        return fc_error_nomem(err);
    r->n_crisis_actors = n;
    for (size_t k = 0; k < n; k++) {
        r->crisis_actor_ids[k] = dup_or_empty(sc->actors[k].id);
        r->crisis_actor_names[k] = dup_or_empty(sc->actors[k].name ? sc->actors[k].name : sc->actors[k].id);
        if (!r->crisis_actor_ids[k] || !r->crisis_actor_names[k])
            return fc_error_nomem(err);
    }
    size_t runs = r->runs, nc = r->n_choices;
    r->run_choice_cost = malloc(runs * nc * sizeof *r->run_choice_cost);
    r->run_choice_crisis = calloc(runs * nc * (n ? n : 1), 1);
    if (!r->run_choice_cost || !r->run_choice_crisis)
        return fc_error_nomem(err);
    for (size_t k = 0; k < runs * nc; k++)
        r->run_choice_cost[k] = NAN;
    return FC_OK;
}

/* Where a sweep input lands in a crisis problem (every issue, every actor of the scenario):
 * the value's index in its array, or SIZE_MAX when it does not (the decider's position on an
 * issue the choice sets: the choice overrides the sample, as in the model runs). */
typedef struct input_slot {
    fc_input_kind kind;
    size_t index;
} input_slot;

static size_t find_id(char *const *ids, size_t n, const char *id)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(ids[k], id) == 0)
            return k;
    return SIZE_MAX;
}

static void map_inputs(const fc_sweep_result *r, const fc_problem *cp, size_t cdec, const unsigned char *set_by_choice,
                       input_slot *slots)
{
    for (size_t k = 0; k < r->n_inputs; k++) {
        const fc_sweep_input *in = &r->inputs[k];
        size_t a = find_id(cp->actor_ids, cp->n_actors, r->actor_ids[in->actor]);
        size_t d = in->kind == FC_INPUT_CAPABILITY ? 0 : find_id(cp->dim_ids, cp->n_dims, r->dim_ids[in->dim]);
        slots[k] = (input_slot){in->kind, SIZE_MAX};
        if (a == SIZE_MAX || d == SIZE_MAX)
            continue;
        if (in->kind == FC_INPUT_CAPABILITY)
            slots[k].index = a;
        else if (!(in->kind == FC_INPUT_POSITION && a == cdec && set_by_choice[d]))
            slots[k].index = a * cp->n_dims + d;
    }
}

static void apply_run(const fc_sweep_result *r, const input_slot *slots, fc_problem *p, uint64_t run)
{
    for (size_t k = 0; k < r->n_inputs; k++) {
        if (slots[k].index == SIZE_MAX)
            continue;
        double x = fc_sweep_input_sample(r, run, k);
        switch (slots[k].kind) {
        case FC_INPUT_CAPABILITY: p->capability[slots[k].index] = x; break;
        case FC_INPUT_POSITION: p->position[slots[k].index] = x; break;
        case FC_INPUT_SALIENCE: p->salience[slots[k].index] = x; break;
        }
    }
}

/* One choice over every run: its crisis problem, the inputs mapped onto it, then per run the
 * pairs (k, decider). */
static fc_status one_choice(sweep_ctx *c, size_t ch, const double *ties_in, fc_error *err)
{
    fc_sweep_result *r = c->r;
    const fc_scenario *sc = c->sc;
    const char *choice_id = ch == 0 ? NULL : sc->choices[ch - 1].id;
    fc_problem base;
    size_t cdec = 0;
    fc_status st = fc_crisis_problem_for_choice(sc, choice_id, &base, &cdec, err);
    if (st)
        return st;
    size_t na = base.n_actors, nd = base.n_dims, nc = r->n_choices;
    r->crisis_decider = cdec;
    unsigned char *set_by_choice = calloc(nd ? nd : 1, 1);
    input_slot *slots = malloc((r->n_inputs ? r->n_inputs : 1) * sizeof *slots);
    double *ties = malloc(na * na * sizeof *ties);
    if (!set_by_choice || !slots || !ties) {
        st = fc_error_nomem(err);
        goto done;
    }
    if (ties_in)
        memcpy(ties, ties_in, na * na * sizeof *ties);
    else if ((st = fc_crisis_ties_from_scenario(sc, &base, &c->o.crisis, ties, err)))
        goto done;
    if (choice_id) {
        const fc_choice *ci = &sc->choices[ch - 1];
        for (size_t k = 0; k < ci->n_positions; k++) {
            size_t d = find_id(base.dim_ids, nd, ci->positions[k].issue);
            if (d != SIZE_MAX)
                set_by_choice[d] = 1;
        }
    }
    map_inputs(r, &base, cdec, set_by_choice, slots);
    /* The crisis problem lists the scenario's actors in its order (n_crisis_actors). */
    if (na != r->n_crisis_actors) {
        st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "the crisis problem lost actors");
        goto done;
    }
    int failed = 0;
    fc_error first_err;
    fc_error_clear(&first_err);
    fc_status first_st = FC_OK;
    int threads = sweep_threads(c);
#pragma omp parallel num_threads(threads)
    {
        fc_problem p;
        fc_error e;
        fc_error_clear(&e);
        int ok = fc_problem_copy(&p, &base, &e) == FC_OK;
#pragma omp for schedule(static)
        for (size_t run = 0; run < r->runs; run++) {
            int stop;
#pragma omp atomic read
            stop = failed;
            if (!ok || stop || c->run_failed[run])
                continue;
            apply_run(r, slots, &p, run);
            fc_crisis_input in = {.problem = &p, .ties = ties, .risk = NULL};
            fc_crisis_backlash *b = NULL;
            fc_status s = fc_crisis_backlash_run(&in, cdec, &c->o.crisis, &b, &e);
            if (s) {
                /* An estimate the crisis models refuse (a sampled capability below 0 cannot
                 * occur: the inputs are truncated) is a fault of the whole sweep. */
#pragma omp critical(fc_sweep_backlash)
                if (!first_st) {
                    first_st = s;
                    first_err = e;
                }
#pragma omp atomic write
                failed = 1;
                continue;
            }
            r->run_choice_cost[run * nc + ch] = r->backlash_weight * b->cost;
            unsigned char *flags = &r->run_choice_crisis[(run * nc + ch) * na];
            for (size_t k = 0; k < b->n_pairs; k++) {
                const fc_crisis_pair *pr = &b->pairs[k];
                unsigned char f = 0;
                if (pr->challenges)
                    f |= FC_SWEEP_CRISIS_CHALLENGES;
                if (pr->target_cost > 0)
                    f |= FC_SWEEP_CRISIS_COSTLY;
                if (pr->outcome == FC_IIG_WAR_A || pr->outcome == FC_IIG_WAR_B)
                    f |= FC_SWEEP_CRISIS_WAR;
                flags[pr->challenger] = f;
            }
            fc_crisis_backlash_free(b);
        }
        if (ok)
            fc_problem_free(&p);
        else {
#pragma omp critical(fc_sweep_backlash)
            if (!first_st) {
                first_st = FC_ENOMEM;
                first_err = e;
            }
        }
    }
    if (first_st) {
        st = first_st;
        if (err)
            *err = first_err;
    }
done:
    free(set_by_choice);
    free(slots);
    free(ties);
    fc_problem_free(&base);
    return st;
}

fc_status sweep_backlash(sweep_ctx *c, fc_error *err)
{
    fc_sweep_result *r = c->r;
    if (!r->n_choices || !r->has_backlash)
        return FC_OK;
    fc_status st = FC_OK;
    for (size_t ch = 0; ch < r->n_choices && !st; ch++)
        st = one_choice(c, ch, NULL, err);
    return st;
}
