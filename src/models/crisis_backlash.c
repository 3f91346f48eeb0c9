/* The crisis pairs aimed at a deciding actor, summed into what its choice provokes, and the
 * problem a choice of the scenario creates (every issue, the decider moved): the two calls an
 * analysis of the dilemma needs (docs/models/war-trap.md, "What the dilemma calls"). */
#include "fulcrum/crisis.h"
#include "fulcrum/util.h"

#include <stdlib.h>
#include <string.h>

fc_status fc_crisis_backlash_run(const fc_crisis_input *in, size_t decider, const fc_crisis_options *o,
                                 fc_crisis_backlash **out, fc_error *err)
{
    if (!in || !in->problem || !o || !out)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "missing argument");
    *out = NULL;
    size_t n = in->problem->n_actors;
    if (decider >= n)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "decider", "no actor %zu among %zu", decider, n);
    fc_crisis_result *res = NULL;
    fc_status st = fc_crisis_run(in, o, &res, err);
    if (st != FC_OK)
        return st;
    fc_crisis_backlash *b = calloc(1, sizeof *b);
    if (b) {
        b->pairs = calloc(n - 1, sizeof *b->pairs);
        b->risk = calloc(n, sizeof *b->risk);
    }
    if (!b || !b->pairs || !b->risk) {
        fc_crisis_backlash_free(b);
        fc_crisis_result_free(res);
        return fc_error_nomem(err);
    }
    b->decider = decider;
    memcpy(b->risk, res->risk, n * sizeof *b->risk);
    for (size_t k = 0; k < n; k++) {
        if (k == decider)
            continue;
        const fc_crisis_pair *q = fc_crisis_result_pair(res, k, decider);
        b->pairs[b->n_pairs++] = *q;
        b->n_challengers += q->challenges != 0;
        b->n_crises += q->outcome != FC_IIG_SQ;
        b->n_wars += q->outcome == FC_IIG_WAR_A || q->outcome == FC_IIG_WAR_B;
        if (q->target_cost > 0.0)
            b->cost += q->target_cost;
        b->net_cost += q->target_cost;
    }
    fc_crisis_result_free(res);
    *out = b;
    return FC_OK;
}

void fc_crisis_backlash_free(fc_crisis_backlash *b)
{
    if (!b)
        return;
    free(b->pairs);
    free(b->risk);
    free(b);
}

fc_status fc_crisis_problem_for_choice(const fc_scenario *sc, const char *choice_id, fc_problem *p,
                                       size_t *decider, fc_error *err)
{
    if (!sc || !p || !decider)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "missing argument");
    memset(p, 0, sizeof *p);
    if (!sc->decider)
        return fc_error_set(err, FC_EINPUT, sc->origin, 0, 0, "decider", "the scenario names no deciding actor");
    const fc_choice *choice = NULL;
    if (choice_id) {
        long c = fc_scenario_choice_index(sc, choice_id);
        if (c < 0)
            return fc_error_set(err, FC_EUSAGE, sc->origin, 0, 0, "choices", "the scenario has no choice '%s'",
                                choice_id);
        choice = &sc->choices[c];
    }
    fc_status st = fc_problem_from_scenario(p, sc, NULL, 1, err);
    if (st != FC_OK)
        return st;
    long dec = -1;
    for (size_t i = 0; i < p->n_actors; i++)
        if (strcmp(p->actor_ids[i], sc->decider) == 0)
            dec = (long)i;
    if (dec < 0) {
        fc_problem_free(p);
        return fc_error_set(err, FC_EINPUT, sc->origin, 0, 0, "decider", "no actor '%s'", sc->decider);
    }
    for (size_t k = 0; choice && k < choice->n_positions; k++) {
        long d = fc_scenario_issue_index(sc, choice->positions[k].issue);
        if (d < 0) {
            fc_problem_free(p);
            return fc_error_set(err, FC_EINPUT, sc->origin, choice->line, 0, "choices",
                                "choice '%s' names no issue '%s'", choice->id, choice->positions[k].issue);
        }
        p->position[(size_t)dec * p->n_dims + (size_t)d] = choice->positions[k].position;
    }
    *decider = (size_t)dec;
    return FC_OK;
}
