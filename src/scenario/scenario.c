/* The scenario object: creation, deep copy, release and look-ups. Validation is in
 * validate.c. */
#include "fulcrum/scenario.h"

#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_internal.h"
#include "util/strutil.h"

fc_scenario *fc_scenario_new(void)
{
    fc_scenario *sc = calloc(1, sizeof *sc);
    if (sc)
        sc->salience_max = 100.0;
    return sc;
}

static void value_free(fc_value *v)
{
    free(v->source);
    v->source = NULL;
}

void fc_scenario_free(fc_scenario *sc)
{
    if (!sc)
        return;
    free(sc->title);
    free(sc->date);
    free(sc->description);
    free(sc->origin);
    for (size_t i = 0; i < sc->n_sources; i++) {
        free(sc->sources[i].id);
        free(sc->sources[i].citation);
        free(sc->sources[i].url);
    }
    free(sc->sources);
    for (size_t i = 0; i < sc->n_issues; i++) {
        fc_issue *is = &sc->issues[i];
        free(is->id);
        free(is->label);
        free(is->status_quo_source);
        for (size_t k = 0; k < is->n_anchors; k++)
            free(is->anchors[k].text);
        free(is->anchors);
    }
    for (size_t i = 0; i < sc->n_actors; i++) {
        fc_actor *a = &sc->actors[i];
        free(a->id);
        free(a->name);
        free(a->note);
        value_free(&a->capability);
        if (a->stances) {
            for (size_t k = 0; k < sc->n_issues; k++) {
                value_free(&a->stances[k].position);
                value_free(&a->stances[k].salience);
            }
        }
        free(a->stances);
    }
    free(sc->issues);
    free(sc->actors);
    for (size_t i = 0; i < sc->n_relations; i++) {
        free(sc->relations[i].a);
        free(sc->relations[i].b);
        free(sc->relations[i].kind);
        free(sc->relations[i].source);
    }
    free(sc->relations);
    free(sc->decider);
    for (size_t i = 0; i < sc->n_choices; i++) {
        fc_choice *c = &sc->choices[i];
        free(c->id);
        free(c->label);
        free(c->description);
        for (size_t k = 0; k < c->n_positions; k++)
            free(c->positions[k].issue);
        free(c->positions);
    }
    free(sc->choices);
    for (size_t i = 0; i < sc->n_responders; i++)
        free(sc->responders[i]);
    free(sc->responders);
    value_free(&sc->game_costs.pressure_cost);
    value_free(&sc->game_costs.pressured_cost);
    value_free(&sc->game_costs.effect);
    value_free(&sc->game_costs.hawk_prior);
    value_free(&sc->backlash_costs.weight);
    scenario_outcome_free(&sc->outcome);
    free(sc);
}

/* Deep-copy helpers: each returns 0 on allocation failure. A NULL source copies as NULL. */
static int dup_str(char **dst, const char *src)
{
    *dst = fc_strdup_or_null(src);
    return !src || *dst;
}

static int dup_value(fc_value *dst, const fc_value *src)
{
    *dst = *src;
    return dup_str(&dst->source, src->source);
}

static void *dup_array(const void *src, size_t n, size_t size)
{
    if (n == 0)
        return NULL;
    void *d = calloc(n, size);
    if (d)
        memcpy(d, src, n * size);
    return d;
}

fc_scenario *fc_scenario_copy(const fc_scenario *src)
{
    fc_scenario *sc = fc_scenario_new();
    if (!sc)
        return NULL;
    int ok = 1;
    sc->salience_max = src->salience_max;
    sc->default_uncertainty = src->default_uncertainty;
    sc->game_costs.present = src->game_costs.present;
    sc->game_costs.has_hawk_prior = src->game_costs.has_hawk_prior;
    sc->backlash_costs.present = src->backlash_costs.present;
    ok &= dup_str(&sc->title, src->title) && dup_str(&sc->date, src->date) &&
          dup_str(&sc->description, src->description) && dup_str(&sc->origin, src->origin) &&
          dup_str(&sc->decider, src->decider) &&
          dup_value(&sc->game_costs.pressure_cost, &src->game_costs.pressure_cost) &&
          dup_value(&sc->game_costs.pressured_cost, &src->game_costs.pressured_cost) &&
          dup_value(&sc->game_costs.effect, &src->game_costs.effect) &&
          dup_value(&sc->game_costs.hawk_prior, &src->game_costs.hawk_prior) &&
          dup_value(&sc->backlash_costs.weight, &src->backlash_costs.weight);
    if (!ok)
        goto fail;

    /* Arrays are first copied shallowly, then every owned pointer is replaced by a copy.
     * Pointers not yet replaced are NULLed first so that a failure frees nothing twice. */
    if (src->n_sources) {
        sc->sources = calloc(src->n_sources, sizeof *sc->sources);
        if (!sc->sources)
            goto fail;
        sc->n_sources = src->n_sources;
        for (size_t i = 0; i < src->n_sources; i++)
            if (!dup_str(&sc->sources[i].id, src->sources[i].id) ||
                !dup_str(&sc->sources[i].citation, src->sources[i].citation) ||
                !dup_str(&sc->sources[i].url, src->sources[i].url))
                goto fail;
    }
    if (src->n_issues) {
        sc->issues = calloc(src->n_issues, sizeof *sc->issues);
        if (!sc->issues)
            goto fail;
        sc->n_issues = src->n_issues;
        for (size_t i = 0; i < src->n_issues; i++) {
            const fc_issue *s = &src->issues[i];
            fc_issue *d = &sc->issues[i];
            *d = *s;
            d->id = d->label = d->status_quo_source = NULL;
            d->anchors = NULL;
            d->n_anchors = 0;
            if (!dup_str(&d->id, s->id) || !dup_str(&d->label, s->label) ||
                !dup_str(&d->status_quo_source, s->status_quo_source))
                goto fail;
            if (s->n_anchors) {
                d->anchors = calloc(s->n_anchors, sizeof *d->anchors);
                if (!d->anchors)
                    goto fail;
                d->n_anchors = s->n_anchors;
                for (size_t k = 0; k < s->n_anchors; k++) {
                    d->anchors[k].point = s->anchors[k].point;
                    if (!dup_str(&d->anchors[k].text, s->anchors[k].text))
                        goto fail;
                }
            }
        }
    }
    if (src->n_actors) {
        sc->actors = calloc(src->n_actors, sizeof *sc->actors);
        if (!sc->actors)
            goto fail;
        sc->n_actors = src->n_actors;
        for (size_t i = 0; i < src->n_actors; i++) {
            const fc_actor *s = &src->actors[i];
            fc_actor *d = &sc->actors[i];
            d->kind = s->kind;
            d->line = s->line;
            if (!dup_str(&d->id, s->id) || !dup_str(&d->name, s->name) ||
                !dup_str(&d->note, s->note) || !dup_value(&d->capability, &s->capability))
                goto fail;
            if (src->n_issues) {
                d->stances = calloc(src->n_issues, sizeof *d->stances);
                if (!d->stances)
                    goto fail;
                for (size_t k = 0; k < src->n_issues; k++) {
                    d->stances[k].present = s->stances[k].present;
                    if (!dup_value(&d->stances[k].position, &s->stances[k].position) ||
                        !dup_value(&d->stances[k].salience, &s->stances[k].salience))
                        goto fail;
                }
            }
        }
    }
    if (src->n_relations) {
        sc->relations = calloc(src->n_relations, sizeof *sc->relations);
        if (!sc->relations)
            goto fail;
        sc->n_relations = src->n_relations;
        for (size_t i = 0; i < src->n_relations; i++) {
            const fc_relation *s = &src->relations[i];
            fc_relation *d = &sc->relations[i];
            d->line = s->line;
            if (!dup_str(&d->a, s->a) || !dup_str(&d->b, s->b) || !dup_str(&d->kind, s->kind) ||
                !dup_str(&d->source, s->source))
                goto fail;
        }
    }
    if (src->n_choices) {
        sc->choices = calloc(src->n_choices, sizeof *sc->choices);
        if (!sc->choices)
            goto fail;
        sc->n_choices = src->n_choices;
        for (size_t i = 0; i < src->n_choices; i++) {
            const fc_choice *s = &src->choices[i];
            fc_choice *d = &sc->choices[i];
            d->line = s->line;
            if (!dup_str(&d->id, s->id) || !dup_str(&d->label, s->label) ||
                !dup_str(&d->description, s->description))
                goto fail;
            if (s->n_positions) {
                d->positions = dup_array(s->positions, s->n_positions, sizeof *s->positions);
                if (!d->positions)
                    goto fail;
                for (size_t k = 0; k < s->n_positions; k++)
                    d->positions[k].issue = NULL;
                d->n_positions = s->n_positions;
                for (size_t k = 0; k < s->n_positions; k++)
                    if (!dup_str(&d->positions[k].issue, s->positions[k].issue))
                        goto fail;
            }
        }
    }
    if (src->n_responders) {
        sc->responders = calloc(src->n_responders, sizeof *sc->responders);
        if (!sc->responders)
            goto fail;
        sc->n_responders = src->n_responders;
        for (size_t i = 0; i < src->n_responders; i++)
            if (!dup_str(&sc->responders[i], src->responders[i]))
                goto fail;
    }
    if (!scenario_outcome_copy(&sc->outcome, &src->outcome))
        goto fail;
    return sc;
fail:
    fc_scenario_free(sc);
    return NULL;
}

long fc_scenario_issue_index(const fc_scenario *sc, const char *issue_id)
{
    for (size_t i = 0; i < sc->n_issues; i++)
        if (sc->issues[i].id && strcmp(sc->issues[i].id, issue_id) == 0)
            return (long)i;
    return -1;
}

long fc_scenario_actor_index(const fc_scenario *sc, const char *actor_id)
{
    for (size_t i = 0; i < sc->n_actors; i++)
        if (sc->actors[i].id && strcmp(sc->actors[i].id, actor_id) == 0)
            return (long)i;
    return -1;
}

long fc_scenario_choice_index(const fc_scenario *sc, const char *choice_id)
{
    for (size_t i = 0; i < sc->n_choices; i++)
        if (sc->choices[i].id && strcmp(sc->choices[i].id, choice_id) == 0)
            return (long)i;
    return -1;
}

static const char *const kind_names[] = {"state", "bloc", "organisation", "faction", "firm"};

const char *fc_actor_kind_name(fc_actor_kind kind)
{
    if ((size_t)kind < sizeof kind_names / sizeof kind_names[0])
        return kind_names[kind];
    return "unknown";
}

bool fc_actor_kind_parse(const char *name, fc_actor_kind *kind)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (strcmp(name, kind_names[i]) == 0) {
            *kind = (fc_actor_kind)i;
            return true;
        }
    if (strcmp(name, "organization") == 0) {
        *kind = FC_ACTOR_ORGANISATION;
        return true;
    }
    return false;
}
