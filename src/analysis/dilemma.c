/* The deciding actor's dilemma: one model run per (model, preset, choice), the status quo
 * always among the choices, and the figures that compare them (docs/dilemma.md). Only the
 * generic fc_model / fc_forecast interface is used, so every model takes part. */
#include "fulcrum/dilemma.h"
#include "fulcrum/run.h"
#include "fulcrum/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/dilemma_internal.h"

/* Two utilities closer than this are a tie: the models' own sums may differ in the last
 * bits when the actors are listed in another order, and that must not change the verdict. */
#define TIE_TOLERANCE 1e-9

/* A forecast that stops at the round limit is reported by its range over this many last rounds
 * (all of them when fewer): enough to hold both ends of an oscillation of any short period. */
#define UNSTABLE_WINDOW 10
/* It counts as still moving when its last round moved the forecast by more than this share of
 * the scale (0.1 on a 0-100 scale: below what any estimate in a scenario can resolve). */
#define UNSTABLE_SPREAD 1e-3

void fc_dilemma_options_init(fc_dilemma_options *o)
{
    *o = (fc_dilemma_options){.issue = NULL, .model = NULL, .preset = NULL, .mode = FC_DILEMMA_START,
                              .models = NULL, .n_models = 0, .backlash = 1, .backlash_weight = NAN,
                              .either_or_runs = 0, .either_or_seed = 1};
    fc_crisis_options_init(&o->crisis);
}

const char *fc_dilemma_mode_name(fc_dilemma_mode mode)
{
    return mode == FC_DILEMMA_COMMIT ? "commit" : "start";
}

const fc_dilemma_cell *fc_dilemma_cell_at(const fc_dilemma *d, size_t m, size_t c)
{
    return &d->cells[m * d->n_choices + c];
}

static void free_cell(fc_dilemma_cell *c)
{
    fc_forecast_free(c->forecast);
    free(c->backlash);
    free(c->pressure);
    free(c->pressure_events);
    free(c->utility);
    free(c->utility_change);
    free(c->bloc_utility);
    free(c->bloc_change);
}

void fc_dilemma_free(fc_dilemma *d)
{
    if (!d)
        return;
    if (d->cells)
        for (size_t i = 0; i < d->n_models * d->n_choices; i++)
            free_cell(&d->cells[i]);
    for (size_t b = 0; b < d->n_blocs; b++)
        free(d->blocs[b].members);
    free(d->blocs);
    if (d->crisis)
        for (size_t c = 0; c < d->n_choices; c++)
            fc_crisis_backlash_free(d->crisis[c]);
    free(d->crisis);
    dilemma_either_free(&d->either);
    free(d->cells);
    free(d->models);
    free(d->choices);
    fc_problem_free(&d->problem);
    free(d);
}

static const char *origin(const fc_scenario *sc)
{
    return sc->origin && sc->origin[0] ? sc->origin : NULL;
}

/* The issue compared: the one asked for, else the first issue a choice sets. */
static fc_status pick_issue(const fc_scenario *sc, const char *asked, long *ix, fc_error *err)
{
    if (asked) {
        *ix = fc_scenario_issue_index(sc, asked);
        if (*ix < 0)
            return fc_error_set(err, FC_EUSAGE, origin(sc), 0, 0, "issue",
                                "the scenario has no issue '%s'", asked);
        return FC_OK;
    }
    for (size_t k = 0; k < sc->n_issues; k++)
        for (size_t c = 0; c < sc->n_choices; c++)
            for (size_t j = 0; j < sc->choices[c].n_positions; j++)
                if (strcmp(sc->choices[c].positions[j].issue, sc->issues[k].id) == 0) {
                    *ix = (long)k;
                    return FC_OK;
                }
    *ix = 0;
    return FC_OK;
}

static fc_status check_scenario(const fc_scenario *sc, fc_error *err)
{
    fc_status st = fc_scenario_validate(sc, err);
    if (st)
        return st;
    if (sc->n_choices == 0 || !sc->decider) {
        /* The example uses the scenario's own first issue and points on its scale. */
        const fc_issue *is = sc->n_issues ? &sc->issues[0] : NULL;
        const char *iid = is ? is->id : "ISSUE_ID";
        double lo = is ? is->scale_min : 0, hi = is ? is->scale_max : 100;
        return fc_error_set(err, FC_EINPUT, origin(sc), 0, 0, "choices",
                            "the scenario lists no choices to compare; add the deciding actor and "
                            "its options to the file, e.g.\n  decider: ACTOR_ID\n  choices:\n"
                            "    - {id: lean-low, label: \"Lean low\", positions: {%s: %g}}\n"
                            "    - {id: lean-high, label: \"Lean high\", positions: {%s: %g}}\n"
                            "(keeping current policy, the decider's own position, is always compared as well)",
                            iid, lo + (hi - lo) / 4, iid, lo + 3 * (hi - lo) / 4);
    }
    return FC_OK;
}

static fc_status add_choices(fc_dilemma *d, const fc_scenario *sc, const char *issue_id, fc_error *err)
{
    d->n_choices = sc->n_choices + 1;
    d->choices = calloc(d->n_choices, sizeof *d->choices);
    if (!d->choices)
        return fc_error_nomem(err);
    fc_dilemma_choice *sq = &d->choices[0];
    snprintf(sq->id, sizeof sq->id, "status-quo");
    /* "Current policy", not "status quo": the issue's status quo (where policy stands now)
     * is another number, often not the decider's own position; the id stays "status-quo". */
    snprintf(sq->label, sizeof sq->label, "Current policy");
    sq->position = d->problem.position[d->decider];
    sq->sets_issue = 1;
    for (size_t c = 0; c < sc->n_choices; c++) {
        const fc_choice *ch = &sc->choices[c];
        fc_dilemma_choice *dc = &d->choices[c + 1];
        snprintf(dc->id, sizeof dc->id, "%s", ch->id);
        snprintf(dc->label, sizeof dc->label, "%s", ch->label ? ch->label : ch->id);
        dc->position = sq->position;
        for (size_t j = 0; j < ch->n_positions; j++)
            if (strcmp(ch->positions[j].issue, issue_id) == 0) {
                dc->position = ch->positions[j].position;
                dc->sets_issue = 1;
            }
        /* Validation checks this for read scenarios; a scenario built in code may skip it. */
        if (!isfinite(dc->position) || dc->position < d->problem.scale_min[0] ||
            dc->position > d->problem.scale_max[0])
            return fc_error_set(err, FC_EINPUT, origin(sc), ch->line, 0, "choices",
                                "choice '%s': position %g is outside the issue's scale [%g, %g]",
                                ch->id, dc->position, d->problem.scale_min[0], d->problem.scale_max[0]);
    }
    return FC_OK;
}

static fc_status add_model(fc_dilemma *d, const fc_model *m, const char *preset, fc_error *err)
{
    fc_dilemma_model *grown = realloc(d->models, (d->n_models + 1) * sizeof *grown);
    if (!grown)
        return fc_error_nomem(err);
    d->models = grown;
    fc_dilemma_model *dm = &d->models[d->n_models++];
    memset(dm, 0, sizeof *dm);
    dm->model = m;
    snprintf(dm->name, sizeof dm->name, "%s", m->name);
    const char *pr = preset ? preset : m->presets ? m->presets[0] : "";
    snprintf(dm->preset, sizeof dm->preset, "%s", m->presets ? pr : "");
    return FC_OK;
}

/* The models compared: the caller's own list (each with the preset, or with every preset), or
 * the selection every analysis shares (fc_run_select). */
static fc_status pick_models(fc_dilemma *d, const fc_dilemma_options *o, fc_error *err)
{
    fc_status st = FC_OK;
    if (o->n_models == 0) {
        fc_run_pick *picks = NULL;
        size_t n = 0;
        st = fc_run_select(o->model, o->preset, &d->problem, &picks, &n, err);
        for (size_t i = 0; i < n && !st; i++)
            st = add_model(d, picks[i].model, picks[i].preset, err);
        free(picks);
        return st;
    }
    for (size_t i = 0; i < o->n_models && !st; i++) {
        const fc_model *m = o->models[i];
        if (strcmp(m->name, "status-quo") == 0 && isnan(d->problem.status_quo[0]))
            continue; /* no declared status quo: that baseline has nothing to say */
        if (o->preset && m->presets) {
            int known = 0;
            for (const char *const *p = m->presets; *p; p++)
                known |= strcmp(*p, o->preset) == 0;
            if (known)
                st = add_model(d, m, o->preset, err);
            continue;
        }
        if (!m->presets)
            st = add_model(d, m, NULL, err);
        else
            for (const char *const *p = m->presets; *p && !st; p++)
                st = add_model(d, m, *p, err);
    }
    if (!st && d->n_models == 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset", "no model has a preset '%s'",
                            o->preset ? o->preset : "");
    return st;
}

/* Alliances: actors joined by "alliance" relations, transitively (union-find). */
static size_t root_of(size_t *parent, size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static long problem_index(const fc_problem *p, const char *id)
{
    for (size_t i = 0; i < p->n_actors; i++)
        if (strcmp(p->actor_ids[i], id) == 0)
            return (long)i;
    return -1;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_bloc_id(const void *a, const void *b)
{
    return strcmp(((const fc_dilemma_bloc *)a)->id, ((const fc_dilemma_bloc *)b)->id);
}

static fc_status push_bloc(fc_dilemma *d, const char *id, const char *label, const size_t *members,
                           size_t n, fc_error *err)
{
    fc_dilemma_bloc *grown = realloc(d->blocs, (d->n_blocs + 1) * sizeof *grown);
    if (!grown)
        return fc_error_nomem(err);
    d->blocs = grown;
    fc_dilemma_bloc *b = &d->blocs[d->n_blocs];
    memset(b, 0, sizeof *b);
    b->members = malloc(n * sizeof *b->members);
    if (!b->members)
        return fc_error_nomem(err);
    memcpy(b->members, members, n * sizeof *members);
    b->n_members = n;
    snprintf(b->id, sizeof b->id, "%s", id);
    snprintf(b->label, sizeof b->label, "%s", label);
    d->n_blocs++;
    return FC_OK;
}

static fc_status build_blocs(fc_dilemma *d, const fc_scenario *sc, fc_error *err)
{
    const fc_problem *p = &d->problem;
    size_t n = p->n_actors;
    fc_status st = FC_OK;
    size_t *parent = malloc(n * sizeof *parent), *members = malloc(n * sizeof *members);
    const char **ids = malloc(n * sizeof *ids);
    if (!parent || !members || !ids) {
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        parent[i] = i;
    for (size_t r = 0; r < sc->n_relations; r++) {
        const fc_relation *rel = &sc->relations[r];
        if (strcmp(rel->kind, "alliance") != 0)
            continue;
        long a = problem_index(p, rel->a), b = problem_index(p, rel->b);
        if (a >= 0 && b >= 0)
            parent[root_of(parent, (size_t)a)] = root_of(parent, (size_t)b);
    }
    size_t first_alliance = d->n_blocs;
    for (size_t r = 0; r < n && !st; r++) {
        if (root_of(parent, r) != r)
            continue;
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (root_of(parent, i) == r) {
                members[k] = i;
                ids[k++] = p->actor_ids[i];
            }
        if (k < 2)
            continue;
        /* Named by the sorted ids, so that the name does not depend on the listing order. */
        qsort(ids, k, sizeof *ids, by_string);
        char id[64] = "alliance:", label[160] = "alliance of ";
        for (size_t j = 0; j < k; j++) {
            size_t il = strlen(id), ll = strlen(label);
            snprintf(id + il, sizeof id - il, "%s%s", j ? "+" : "", ids[j]);
            snprintf(label + ll, sizeof label - ll, "%s%s", j ? (j + 1 == k ? " and " : ", ") : "",
                     p->actor_names[problem_index(p, ids[j])]);
        }
        st = push_bloc(d, id, label, members, k, err);
    }
    /* No alliance at all leaves d->blocs NULL, which qsort must not be given even for 0 items. */
    if (!st && d->n_blocs > first_alliance)
        qsort(d->blocs + first_alliance, d->n_blocs - first_alliance, sizeof *d->blocs, by_bloc_id);
    static const fc_actor_kind kinds[] = {FC_ACTOR_STATE, FC_ACTOR_BLOC, FC_ACTOR_ORGANISATION,
                                          FC_ACTOR_FACTION, FC_ACTOR_FIRM};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && !st; k++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            long s = fc_scenario_actor_index(sc, p->actor_ids[i]);
            if (s >= 0 && sc->actors[s].kind == kinds[k])
                members[m++] = i;
        }
        if (m == 0)
            continue;
        char id[64], label[160];
        snprintf(id, sizeof id, "kind:%s", fc_actor_kind_name(kinds[k]));
        snprintf(label, sizeof label, "every %s", fc_actor_kind_name(kinds[k]));
        st = push_bloc(d, id, label, members, m, err);
    }
done:
    free(parent);
    free(members);
    free(ids);
    return st;
}

/* Runs one model under one choice and fills the cell's own figures (not yet the changes). */
static fc_status run_cell(fc_dilemma *d, const fc_dilemma_model *dm, const fc_dilemma_choice *ch,
                          fc_dilemma_cell *cell, fc_error *err)
{
    const fc_problem *base = &d->problem;
    size_t n = base->n_actors, dec = d->decider;
    fc_problem p;
    fc_status st = fc_problem_copy(&p, base, err);
    if (st)
        return st;
    p.position[dec] = ch->position;
    if (d->mode == FC_DILEMMA_COMMIT) {
        if (!p.fixed && !(p.fixed = calloc(n, 1))) {
            fc_problem_free(&p);
            return fc_error_nomem(err);
        }
        p.fixed[dec] = 1;
    }
    st = fc_model_run(dm->model, &p, dm->preset[0] ? dm->preset : NULL, NULL, 0, &cell->forecast, err);
    fc_problem_free(&p);
    if (st)
        return st;
    const fc_forecast *f = cell->forecast;
    cell->pressure = calloc(n, sizeof *cell->pressure);
    cell->pressure_events = calloc(n, sizeof *cell->pressure_events);
    cell->utility = calloc(n, sizeof *cell->utility);
    cell->utility_change = calloc(n, sizeof *cell->utility_change);
    cell->bloc_utility = calloc(d->n_blocs ? d->n_blocs : 1, sizeof *cell->bloc_utility);
    cell->bloc_change = calloc(d->n_blocs ? d->n_blocs : 1, sizeof *cell->bloc_change);
    cell->backlash = calloc(f->n_events ? f->n_events : 1, sizeof *cell->backlash);
    if (!cell->pressure || !cell->pressure_events || !cell->utility || !cell->utility_change ||
        !cell->bloc_utility || !cell->bloc_change || !cell->backlash)
        return fc_error_nomem(err);
    cell->outcome = f->outcome[0];
    /* A run that stopped at the round limit still moving has no outcome, only a range; one that
     * reached the limit at rest (EUM plays a fixed number of rounds) has its point. */
    cell->stable = 1;
    cell->outcome_low = cell->outcome_high = cell->outcome;
    if (f->converged == 0 && f->n_rounds > 0) {
        double lo = cell->outcome, hi = cell->outcome;
        for (size_t t = f->n_rounds > UNSTABLE_WINDOW ? f->n_rounds - UNSTABLE_WINDOW : 0; t <= f->n_rounds; t++) {
            lo = fmin(lo, f->point[t]);
            hi = fmax(hi, f->point[t]);
        }
        double last_step = fabs(f->point[f->n_rounds] - f->point[f->n_rounds - 1]);
        if (last_step > UNSTABLE_SPREAD * d->range) {
            cell->stable = 0;
            cell->outcome_low = lo;
            cell->outcome_high = hi;
        }
    }
    cell->decider_final = fc_forecast_positions_at(f, f->n_rounds)[dec];

    double total_cap = 0;
    for (size_t i = 0; i < n; i++)
        total_cap += base->capability[i];
    for (size_t e = 0; e < f->n_events; e++) {
        const fc_event *ev = &f->events[e];
        if (ev->challenger < 0 || ev->target < 0 || (size_t)ev->challenger >= n || (size_t)ev->target >= n)
            return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                                "model '%s' recorded an event with an unknown actor", dm->name);
        /* A spatial model's proposed bargain is its initiator's challenge to the receiver. */
        if (ev->kind == FC_EVENT_CONFLICT || ev->kind == FC_EVENT_COMPROMISE ||
            ev->kind == FC_EVENT_CAPITULATION || ev->kind == FC_EVENT_BARGAIN)
            cell->n_challenges++;
        if (ev->kind == FC_EVENT_CONFLICT) {
            /* The size of a conflict: the share of the region's capability drawn into it times
             * how far apart the two stood when the round began. */
            size_t t = ev->round > 0 ? (size_t)ev->round - 1 : 0;
            if (t > f->n_rounds)
                t = f->n_rounds;
            const double *x = fc_forecast_positions_at(f, t);
            double gap = fabs(x[ev->challenger] - x[ev->target]) / d->range;
            double share = total_cap > 0
                               ? (base->capability[ev->challenger] + base->capability[ev->target]) / total_cap
                               : 0;
            cell->n_conflicts++;
            cell->instability += share * gap;
        }
        if ((size_t)ev->target != dec || ev->kind == FC_EVENT_STALEMATE)
            continue;
        fc_backlash_event *b = &cell->backlash[cell->n_backlash++];
        b->round = ev->round;
        b->challenger = ev->challenger;
        b->kind = ev->kind;
        b->eu_challenger = ev->eu_challenger;
        b->eu_target = ev->eu_target;
        const double *from = fc_event_old_position(f, ev), *to = fc_event_new_position(f, ev);
        b->from = from ? from[0] : NAN;
        b->to = to ? to[0] : NAN;
        cell->pressure_events[ev->challenger]++;
        if (isfinite(ev->eu_challenger)) {
            cell->pressure[ev->challenger] += ev->eu_challenger;
            cell->pressure_total += ev->eu_challenger;
        }
    }
    /* Each actor judges the outcome from its own stated position (the scenario's, also for the
     * decider: a choice is a move, not a change of what it wants). */
    for (size_t i = 0; i < n; i++)
        cell->utility[i] = -base->salience[i] * fabs(base->position[i] - cell->outcome) / d->range;
    for (size_t b = 0; b < d->n_blocs; b++)
        for (size_t k = 0; k < d->blocs[b].n_members; k++)
            cell->bloc_utility[b] += cell->utility[d->blocs[b].members[k]];
    return FC_OK;
}

/* Ties (within TIE_TOLERANCE) go to the status quo, then to the smaller choice id, so that
 * the verdict does not depend on the order the choices are listed in. */
static int better(const fc_dilemma *d, size_t m, size_t a, size_t b)
{
    double ua = fc_dilemma_cell_at(d, m, a)->value;
    double ub = fc_dilemma_cell_at(d, m, b)->value;
    if (fabs(ua - ub) > TIE_TOLERANCE)
        return ua > ub;
    if (a == 0 || b == 0)
        return a == 0;
    return strcmp(d->choices[a].id, d->choices[b].id) < 0;
}

static void rank_choices(fc_dilemma *d, size_t m)
{
    fc_dilemma_model *dm = &d->models[m];
    size_t best = 0;
    for (size_t c = 1; c < d->n_choices; c++)
        if (better(d, m, c, best))
            best = c;
    size_t second = best;
    for (size_t c = 0; c < d->n_choices; c++)
        if (c != best && (second == best || better(d, m, c, second)))
            second = c;
    dm->best = best;
    dm->runner_up = second;
    const fc_dilemma_cell *b = fc_dilemma_cell_at(d, m, best), *r = fc_dilemma_cell_at(d, m, second);
    double margin = b->value - r->value;
    dm->margin = margin > TIE_TOLERANCE ? margin : 0.0;
    dm->margin_outcome = dm->margin > 0 ? b->utility[d->decider] - r->utility[d->decider] : 0.0;
    dm->margin_backlash = dm->margin > 0 ? r->backlash_cost - b->backlash_cost : 0.0;
}

/* The weight of backlash costs: the option's, else the scenario's declared one, else 0. */
static fc_status pick_weight(fc_dilemma *d, const fc_scenario *sc, const fc_dilemma_options *o, fc_error *err)
{
    d->backlash_weight = 0;
    snprintf(d->backlash_weight_source, sizeof d->backlash_weight_source, "none declared");
    if (!o->backlash)
        return FC_OK;
    if (!isnan(o->backlash_weight)) {
        if (!isfinite(o->backlash_weight) || o->backlash_weight < 0)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "backlash_weight",
                                "must be a finite number >= 0, not %g", o->backlash_weight);
        d->backlash_weight = o->backlash_weight;
        snprintf(d->backlash_weight_source, sizeof d->backlash_weight_source, "set by option");
    } else if (sc->backlash_costs.present) {
        const fc_value *w = &sc->backlash_costs.weight;
        d->backlash_weight = w->value;
        snprintf(d->backlash_weight_source, sizeof d->backlash_weight_source, "%s",
                 w->source ? w->source : "the scenario's backlash.weight (no source given)");
    }
    return FC_OK;
}

/* The crisis each choice provokes: every other actor as the potential challenger of the
 * decider, on every issue, the decider at the choice's positions, ties from the relations. */
static fc_status run_crises(fc_dilemma *d, const fc_scenario *sc, const fc_dilemma_options *o, fc_error *err)
{
    d->crisis_options = o->crisis;
    if (!o->backlash)
        return FC_OK;
    d->crisis = calloc(d->n_choices, sizeof *d->crisis);
    if (!d->crisis)
        return fc_error_nomem(err);
    fc_status st = FC_OK;
    double *ties = NULL;
    for (size_t c = 0; c < d->n_choices && !st; c++) {
        fc_problem p;
        size_t dec;
        st = fc_crisis_problem_for_choice(sc, c ? d->choices[c].id : NULL, &p, &dec, err);
        if (st)
            break;
        if (!ties && !(ties = malloc(p.n_actors * p.n_actors * sizeof *ties)))
            st = fc_error_nomem(err);
        if (!st)
            st = fc_crisis_ties_from_scenario(sc, &p, &o->crisis, ties, err);
        if (!st) {
            fc_crisis_input in = {.problem = &p, .ties = ties, .risk = NULL};
            st = fc_crisis_backlash_run(&in, dec, &o->crisis, &d->crisis[c], err);
        }
        /* The pairs index the scenario's actors: the problem of every issue lists them all. */
        if (!st && p.n_actors != sc->n_actors)
            st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "the crisis problem lists other actors");
        fc_problem_free(&p);
    }
    free(ties);
    return st;
}

fc_status fc_dilemma_compute(const fc_scenario *sc, const fc_dilemma_options *opts, fc_dilemma **out,
                             fc_error *err)
{
    *out = NULL;
    fc_dilemma_options o;
    if (opts)
        o = *opts;
    else
        fc_dilemma_options_init(&o);
    fc_status st = check_scenario(sc, err);
    if (st)
        return st;
    long ix;
    if ((st = pick_issue(sc, o.issue, &ix, err)))
        return st;
    const char *issue_id = sc->issues[ix].id;
    long dec_sc = fc_scenario_actor_index(sc, sc->decider);
    if (!sc->actors[dec_sc].stances[ix].present)
        return fc_error_set(err, FC_EINPUT, origin(sc), sc->actors[dec_sc].line, 0, "decider",
                            "the deciding actor '%s' takes no stance on issue '%s'; add one, or "
                            "name another issue",
                            sc->decider, issue_id);
    fc_dilemma *d = calloc(1, sizeof *d);
    if (!d)
        return fc_error_nomem(err);
    d->mode = o.mode;
    if ((st = fc_problem_from_scenario(&d->problem, sc, issue_id, 0, err)))
        goto fail;
    d->decider = (size_t)problem_index(&d->problem, sc->decider);
    d->range = d->problem.scale_max[0] - d->problem.scale_min[0];
    if (!(d->range > 0)) {
        st = fc_error_set(err, FC_EINPUT, origin(sc), sc->issues[ix].line, 0, "issues",
                          "issue '%s' has an empty scale: utilities need max > min", issue_id);
        goto fail;
    }
    if ((st = add_choices(d, sc, issue_id, err)) || (st = pick_models(d, &o, err)) ||
        (st = build_blocs(d, sc, err)) || (st = pick_weight(d, sc, &o, err)) || (st = run_crises(d, sc, &o, err)))
        goto fail;
    d->cells = calloc(d->n_models * d->n_choices, sizeof *d->cells);
    if (!d->cells) {
        st = fc_error_nomem(err);
        goto fail;
    }
    for (size_t m = 0; m < d->n_models; m++) {
        for (size_t c = 0; c < d->n_choices; c++)
            if ((st = run_cell(d, &d->models[m], &d->choices[c], &d->cells[m * d->n_choices + c], err)))
                goto fail;
        const fc_dilemma_cell *sq = fc_dilemma_cell_at(d, m, 0);
        for (size_t c = 0; c < d->n_choices; c++) {
            fc_dilemma_cell *cell = &d->cells[m * d->n_choices + c];
            for (size_t i = 0; i < d->problem.n_actors; i++)
                cell->utility_change[i] = cell->utility[i] - sq->utility[i];
            for (size_t b = 0; b < d->n_blocs; b++)
                cell->bloc_change[b] = cell->bloc_utility[b] - sq->bloc_utility[b];
            /* With no weight (or no backlash) the value is the utility itself, bit for bit. */
            cell->backlash_cost = d->crisis ? d->backlash_weight * d->crisis[c]->cost : 0.0;
            cell->value = cell->utility[d->decider] - cell->backlash_cost;
        }
        rank_choices(d, m);
    }
    dilemma_explain(d);
    if ((st = dilemma_either_or(d, sc, &o, err)))
        goto fail;
    *out = d;
    return FC_OK;
fail:
    fc_dilemma_free(d);
    return st;
}
