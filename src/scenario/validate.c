/* The rules a scenario must satisfy before any model sees it. Each failure names the file
 * the scenario came from, the line the value was read from, and the field at fault. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/scenario.h"
#include "fulcrum/util.h"
#include "scenario/scenario_internal.h"
#include "util/strmap.h"

static const char *origin(const fc_scenario *sc)
{
    return sc->origin ? sc->origin : "";
}

static fc_status bad(const fc_scenario *sc, int line, const char *field, const char *msg,
                     fc_error *err)
{
    return fc_error_set(err, FC_EINPUT, origin(sc), line, 0, field, "%s", msg);
}

fc_status scenario_check_uncertainty(const fc_scenario *sc, const fc_value *v, const char *field,
                                     fc_error *err)
{
    const fc_uncertainty *u = &v->uncertainty;
    switch (u->kind) {
    case FC_UNCERTAIN_NONE:
        return FC_OK;
    case FC_UNCERTAIN_NORMAL:
        if (!isfinite(u->sd) || u->sd < 0)
            return bad(sc, v->line, field, "standard deviation must be a finite number >= 0", err);
        return FC_OK;
    case FC_UNCERTAIN_RANGE:
    case FC_UNCERTAIN_TRIANGULAR:
        if (!isfinite(u->low) || !isfinite(u->high))
            return bad(sc, v->line, field, "range bounds must be finite numbers", err);
        if (u->low > v->value || u->high < v->value)
            return bad(sc, v->line, field, "the range must contain the value", err);
        return FC_OK;
    }
    return FC_OK;
}

static int id_ok(const char *id)
{
    return id && id[0];
}

#define FC_ID_MAX_TEXT "128" /* FC_ID_MAX_BYTES as text, for the message */
_Static_assert(FC_ID_MAX_BYTES == 128, "FC_ID_MAX_TEXT must say FC_ID_MAX_BYTES");

/* What is wrong with a present id's text, or NULL. */
static const char *id_text_problem(const char *id)
{
    return strlen(id) > FC_ID_MAX_BYTES ? "an id has at most " FC_ID_MAX_TEXT " bytes" : NULL;
}

/* Collecting: each broken rule is appended to the list and the checks go on; the first error
 * stays in err. Without a list the first broken rule ends the check, as it always did. */
typedef struct vctx {
    fc_error *err;
    fc_error_list *list;
    fc_error first;
    fc_status st;
} vctx;

/* After a check filled v->err: true when the caller must stop (no list, or out of memory). */
static bool vrep(vctx *v)
{
    if (!v->st) {
        v->first = *v->err;
        v->st = v->err->status;
    }
    if (!v->list)
        return true;
    if (fc_error_list_push(v->list, v->err) != FC_OK) {
        v->st = fc_error_nomem(&v->first);
        return true;
    }
    return false;
}

static fc_status vdone(vctx *v)
{
    if (v->st)
        *v->err = v->first;
    return v->st;
}

/* A broken rule: report it, and leave the function when the check stops there. */
#define VFAIL(call)                                                                              \
    do {                                                                                         \
        (void)(call);                                                                            \
        if (vrep(&v))                                                                            \
            return vdone(&v);                                                                    \
    } while (0)

/* dup_actor[i]: actor i's id was used by an actor before it (found with a map: comparing
 * every pair made a 100,000-actor scenario take a minute). */
static fc_status validate(const fc_scenario *sc, const unsigned char *dup_actor, fc_error_list *errors,
                          fc_error *err)
{
    fc_error scratch;
    vctx v = {err ? err : &scratch, errors, {0}, FC_OK};
    err = v.err;
    char field[128];
    if (!(sc->salience_max == 100.0 || sc->salience_max == 1.0))
        VFAIL(bad(sc, 0, "salience_scale", "must be 100 (saliences 0-100) or 1 (saliences 0-1)", err));
    if (sc->n_issues == 0)
        VFAIL(bad(sc, 0, "issues", "a scenario needs at least one issue", err));
    if (sc->n_actors == 0)
        VFAIL(bad(sc, 0, "actors", "the actor list is empty: a scenario needs at least one actor", err));

    /* After a broken rule the rest of an item is checked only where it cannot trip over the
     * broken part (an item without an id is skipped; ids compare only when both exist). */
    for (size_t i = 0; i < sc->n_issues; i++) {
        const fc_issue *is = &sc->issues[i];
        snprintf(field, sizeof field, "issues[%zu].id", i);
        if (!id_ok(is->id)) {
            VFAIL(bad(sc, is->line, field, "missing issue id", err));
            continue;
        }
        if (id_text_problem(is->id))
            VFAIL(bad(sc, is->line, field, id_text_problem(is->id), err));
        for (size_t k = 0; k < i; k++)
            if (id_ok(sc->issues[k].id) && strcmp(sc->issues[k].id, is->id) == 0)
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), is->line, 0, field,
                                   "duplicate issue id '%s'", is->id));
        snprintf(field, sizeof field, "issues.%s.min", is->id);
        if (!isfinite(is->scale_min) || !isfinite(is->scale_max))
            VFAIL(bad(sc, is->line, field, "scale bounds must be finite numbers", err));
        else if (!(is->scale_min < is->scale_max))
            VFAIL(bad(sc, is->line, field, "the scale's min must be less than its max", err));
        else {
            /* Past these the models' sums and squares overflow (a scale of +-1e308 gave inf and
             * NaN forecasts) or the scale has fewer distinct doubles than a forecast needs
             * ([1e15, 1e15 + 0.25] has four): docs/limits.md. */
            double mag = fmax(fabs(is->scale_min), fabs(is->scale_max));
            if (mag > FC_SCALE_MAX_MAGNITUDE)
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), is->line, 0, field,
                                   "scale bounds beyond +-%g are not supported (rescale the issue, "
                                   "e.g. to millions)", FC_SCALE_MAX_MAGNITUDE));
            else if (is->scale_max - is->scale_min < FC_SCALE_MIN_RELATIVE_WIDTH * mag)
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), is->line, 0, field,
                                   "the scale [%.17g, %.17g] is too narrow for its distance from 0 "
                                   "(its width must be at least %g of its largest bound; shift it "
                                   "toward 0)", is->scale_min, is->scale_max,
                                   FC_SCALE_MIN_RELATIVE_WIDTH));
        }
        if (is->has_status_quo) {
            snprintf(field, sizeof field, "issues.%s.status_quo", is->id);
            if (!isfinite(is->status_quo))
                VFAIL(bad(sc, is->line, field, "must be a finite number", err));
            else if (is->status_quo < is->scale_min || is->status_quo > is->scale_max)
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), is->line, 0, field,
                                   "%g is outside the issue's scale [%g, %g]", is->status_quo,
                                   is->scale_min, is->scale_max));
        }
    }

    for (size_t i = 0; i < sc->n_actors; i++) {
        const fc_actor *a = &sc->actors[i];
        snprintf(field, sizeof field, "actors[%zu].id", i);
        if (!id_ok(a->id)) {
            VFAIL(bad(sc, a->line, field, "missing actor id", err));
            continue;
        }
        if (id_text_problem(a->id))
            VFAIL(bad(sc, a->line, field, id_text_problem(a->id), err));
        if (dup_actor[i])
            VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), a->line, 0, field,
                               "duplicate actor id '%s'", a->id));
        snprintf(field, sizeof field, "actors.%s.capability", a->id);
        if (!isfinite(a->capability.value))
            VFAIL(bad(sc, a->capability.line ? a->capability.line : a->line, field,
                      "must be a finite number (not NaN or infinite)", err));
        else if (a->capability.value < 0)
            VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), a->capability.line, 0, field,
                               "negative capability %g: capability must be >= 0",
                               a->capability.value));
        else if (scenario_check_uncertainty(sc, &a->capability, field, err))
            VFAIL(0);
        int any = 0;
        for (size_t k = 0; a->stances && k < sc->n_issues; k++) {
            const fc_stance *s = &a->stances[k];
            const fc_issue *is = &sc->issues[k];
            if (!s->present || !id_ok(is->id))
                continue;
            any = 1;
            snprintf(field, sizeof field, "actors.%s.stances.%s.position", a->id, is->id);
            if (!isfinite(s->position.value))
                VFAIL(bad(sc, s->position.line, field, "must be a finite number (not NaN or infinite)", err));
            else if (s->position.value < is->scale_min || s->position.value > is->scale_max)
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), s->position.line, 0, field,
                                   "%g is outside the issue's scale [%g, %g]", s->position.value,
                                   is->scale_min, is->scale_max));
            else if (scenario_check_uncertainty(sc, &s->position, field, err))
                VFAIL(0);
            snprintf(field, sizeof field, "actors.%s.stances.%s.salience", a->id, is->id);
            if (!isfinite(s->salience.value))
                VFAIL(bad(sc, s->salience.line, field, "must be a finite number (not NaN or infinite)", err));
            else if (s->salience.value < 0 || s->salience.value > sc->salience_max)
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), s->salience.line, 0, field,
                                   "%g is outside the declared salience scale [0, %g]%s",
                                   s->salience.value, sc->salience_max,
                                   sc->salience_max == 1.0 && s->salience.value <= 100
                                       ? " (set salience_scale: 100 for saliences on 0-100)"
                                       : ""));
            else if (scenario_check_uncertainty(sc, &s->salience, field, err))
                VFAIL(0);
        }
        if (!any) {
            snprintf(field, sizeof field, "actors.%s.stances", a->id);
            VFAIL(bad(sc, a->line, field, "the actor takes no stance on any issue", err));
        }
    }

    for (size_t i = 0; i < sc->n_relations; i++) {
        const fc_relation *r = &sc->relations[i];
        snprintf(field, sizeof field, "relations[%zu]", i);
        if (!id_ok(r->a) || !id_ok(r->b) || !id_ok(r->kind)) {
            VFAIL(bad(sc, r->line, field, "a relation needs two actors and a kind", err));
            continue;
        }
        const char *ends[2] = {r->a, r->b};
        for (int k = 0; k < 2; k++)
            if (fc_scenario_actor_index(sc, ends[k]) < 0)
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), r->line, 0, field,
                                   "unknown actor '%s'", ends[k]));
    }

    if (sc->n_choices > 0 && !id_ok(sc->decider))
        VFAIL(bad(sc, sc->choices[0].line, "decider",
                  "choices are given but no deciding actor: add `decider: ACTOR_ID`", err));
    if (id_ok(sc->decider) && fc_scenario_actor_index(sc, sc->decider) < 0)
        VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), 0, 0, "decider", "unknown actor '%s'",
                           sc->decider));
    for (size_t i = 0; i < sc->n_choices; i++) {
        const fc_choice *c = &sc->choices[i];
        snprintf(field, sizeof field, "choices[%zu].id", i);
        if (!id_ok(c->id)) {
            VFAIL(bad(sc, c->line, field, "missing choice id", err));
            continue;
        }
        if (id_text_problem(c->id))
            VFAIL(bad(sc, c->line, field, id_text_problem(c->id), err));
        for (size_t k = 0; k < i; k++)
            if (id_ok(sc->choices[k].id) && strcmp(sc->choices[k].id, c->id) == 0)
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), c->line, 0, field,
                                   "duplicate choice id '%s'", c->id));
        if (strcmp(c->id, "status-quo") == 0)
            VFAIL(bad(sc, c->line, field,
                      "'status-quo' is reserved: the status quo is always compared", err));
        if (c->n_positions == 0) {
            snprintf(field, sizeof field, "choices.%s.positions", c->id);
            VFAIL(bad(sc, c->line, field, "a choice must set a position on at least one issue", err));
        }
        for (size_t k = 0; k < c->n_positions; k++) {
            const char *iid = c->positions[k].issue ? c->positions[k].issue : "";
            snprintf(field, sizeof field, "choices.%s.positions.%s", c->id, iid);
            long ix = fc_scenario_issue_index(sc, iid);
            if (ix < 0) {
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), c->line, 0, field,
                                   "unknown issue '%s'", iid));
                continue;
            }
            const fc_issue *is = &sc->issues[ix];
            double x = c->positions[k].position;
            if (!isfinite(x))
                VFAIL(bad(sc, c->line, field, "must be a finite number", err));
            else if (x < is->scale_min || x > is->scale_max)
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), c->line, 0, field,
                                   "%g is outside the issue's scale [%g, %g]", x, is->scale_min,
                                   is->scale_max));
        }
    }
    if (sc->game_costs.present) {
        const fc_value *g[3] = {&sc->game_costs.pressure_cost, &sc->game_costs.pressured_cost,
                                &sc->game_costs.effect};
        const char *names[3] = {"game.pressure_cost", "game.pressured_cost", "game.effect"};
        for (int k = 0; k < 3; k++)
            if (!isfinite(g[k]->value) || g[k]->value < 0)
                VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), g[k]->line, 0, names[k],
                                   "must be a finite number >= 0, found %g", g[k]->value));
        const fc_value *hp = &sc->game_costs.hawk_prior;
        if (sc->game_costs.has_hawk_prior && !(hp->value >= 0 && hp->value <= 1))
            VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), hp->line, 0, "game.hawk_prior",
                               "must be a probability in [0, 1], found %g", hp->value));
        if (sc->game_costs.effect.value > 1)
            VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), sc->game_costs.effect.line, 0, "game.effect",
                               "must be at most 1 (the share of the way pressure pulls), found %g",
                               sc->game_costs.effect.value));
    }
    if (sc->backlash_costs.present) {
        const fc_value *w = &sc->backlash_costs.weight;
        if (!isfinite(w->value) || w->value < 0)
            return fc_error_set(err, FC_EINPUT, origin(sc), w->line, 0, "backlash.weight",
                                "must be a finite number >= 0, found %g", w->value);
    }
    for (size_t i = 0; i < sc->n_responders; i++)
        if (fc_scenario_actor_index(sc, sc->responders[i]) < 0)
            VFAIL(fc_error_set(err, FC_EINPUT, origin(sc), 0, 0, "responders",
                               "unknown actor '%s'", sc->responders[i]));
    if (scenario_outcome_validate(sc, err))
        VFAIL(0);
    return vdone(&v);
}

fc_status fc_scenario_validate(const fc_scenario *sc, fc_error *err)
{
    return fc_scenario_validate_all(sc, NULL, err);
}

fc_status fc_scenario_validate_all(const fc_scenario *sc, fc_error_list *errors, fc_error *err)
{
    unsigned char *dup = calloc(sc->n_actors ? sc->n_actors : 1, 1);
    fc_strmap ids;
    if (!dup || fc_strmap_init(&ids, sc->n_actors)) {
        free(dup);
        return fc_error_nomem(err);
    }
    fc_status st = FC_OK;
    for (size_t i = 0; i < sc->n_actors && !st; i++) {
        if (!id_ok(sc->actors[i].id))
            continue;
        int added = fc_strmap_put(&ids, sc->actors[i].id, i, NULL);
        if (added < 0)
            st = fc_error_nomem(err);
        dup[i] = added == 0;
    }
    fc_strmap_free(&ids);
    if (!st)
        st = validate(sc, dup, errors, err);
    free(dup);
    return st;
}
