/* Writing a scenario: one jansson tree in the layout of the YAML format (docs/formats.md),
 * printed as JSON or as YAML. Both read back into the identical scenario. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/io.h"
#include "fulcrum/util.h"
#include "util/json_text.h"

static json_t *str(const char *s)
{
    return json_string(s ? s : "");
}

/* A plain number, or {value, source, sd | range | triangular} when there is more to say. */
static json_t *value_json(const fc_value *v)
{
    if (!v->source && v->uncertainty.kind == FC_UNCERTAIN_NONE)
        return fc_json_number(v->value);
    json_t *o = json_object();
    json_object_set_new(o, "value", fc_json_number(v->value));
    if (v->source)
        json_object_set_new(o, "source", str(v->source));
    switch (v->uncertainty.kind) {
    case FC_UNCERTAIN_NORMAL: json_object_set_new(o, "sd", fc_json_number(v->uncertainty.sd)); break;
    case FC_UNCERTAIN_RANGE:
    case FC_UNCERTAIN_TRIANGULAR:
        json_object_set_new(o, v->uncertainty.kind == FC_UNCERTAIN_RANGE ? "range" : "triangular",
                            json_pack("[oo]", fc_json_number(v->uncertainty.low),
                                      fc_json_number(v->uncertainty.high)));
        break;
    case FC_UNCERTAIN_NONE: break;
    }
    return o;
}

static json_t *spread_json(double v, bool relative)
{
    if (!relative)
        return fc_json_number(v);
    char buf[48];
    char num[40];
    fc_format_double(num, sizeof num, v * 100.0);
    snprintf(buf, sizeof buf, "%s%%", num);
    return json_string(buf);
}

/* The outcome block of a case whose result is known, in the order the format documents. */
static json_t *outcome_json(const fc_outcome *o)
{
    json_t *obj = json_object();
    json_object_set_new(obj, "date", str(o->date));
    json_object_set_new(obj, "choice", str(o->choice));
    json_object_set_new(obj, "decision", str(o->decision));
    json_object_set_new(obj, "source", str(o->source));
    if (o->n_positions) {
        json_t *pos = json_object();
        for (size_t i = 0; i < o->n_positions; i++)
            json_object_set_new(pos, o->positions[i].issue, value_json(&o->positions[i].position));
        json_object_set_new(obj, "positions", pos);
    }
    if (o->n_backlash) {
        json_t *a = json_array();
        for (size_t i = 0; i < o->n_backlash; i++) {
            const fc_backlash *b = &o->backlash[i];
            json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o}", "by", str(b->by), "how", str(b->how),
                                               "when", str(b->when), "source", str(b->source)));
        }
        json_object_set_new(obj, "backlash", a);
    }
    return obj;
}

static json_t *scenario_tree(const fc_scenario *sc)
{
    json_t *root = json_object();
    if (sc->title)
        json_object_set_new(root, "title", str(sc->title));
    if (sc->date)
        json_object_set_new(root, "date", str(sc->date));
    if (sc->description)
        json_object_set_new(root, "description", str(sc->description));
    json_object_set_new(root, "salience_scale", fc_json_number(sc->salience_max));
    if (sc->n_sources) {
        json_t *a = json_array();
        for (size_t i = 0; i < sc->n_sources; i++) {
            json_t *o = json_object();
            if (sc->sources[i].id)
                json_object_set_new(o, "id", str(sc->sources[i].id));
            json_object_set_new(o, "citation", str(sc->sources[i].citation));
            if (sc->sources[i].url)
                json_object_set_new(o, "url", str(sc->sources[i].url));
            json_array_append_new(a, o);
        }
        json_object_set_new(root, "sources", a);
    }
    json_t *issues = json_array();
    for (size_t i = 0; i < sc->n_issues; i++) {
        const fc_issue *is = &sc->issues[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", str(is->id));
        if (is->label)
            json_object_set_new(o, "label", str(is->label));
        json_object_set_new(o, "min", fc_json_number(is->scale_min));
        json_object_set_new(o, "max", fc_json_number(is->scale_max));
        if (is->has_status_quo)
            json_object_set_new(o, "status_quo", fc_json_number(is->status_quo));
        if (is->status_quo_source)
            json_object_set_new(o, "status_quo_source", str(is->status_quo_source));
        if (is->n_anchors) {
            json_t *an = json_array();
            for (size_t k = 0; k < is->n_anchors; k++)
                json_array_append_new(an, json_pack("{s:o,s:o}", "at", fc_json_number(is->anchors[k].point),
                                                    "text", str(is->anchors[k].text)));
            json_object_set_new(o, "anchors", an);
        }
        json_array_append_new(issues, o);
    }
    json_object_set_new(root, "issues", issues);
    json_t *actors = json_array();
    for (size_t i = 0; i < sc->n_actors; i++) {
        const fc_actor *a = &sc->actors[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", str(a->id));
        if (a->name)
            json_object_set_new(o, "name", str(a->name));
        json_object_set_new(o, "kind", str(fc_actor_kind_name(a->kind)));
        json_object_set_new(o, "capability", value_json(&a->capability));
        if (a->note)
            json_object_set_new(o, "note", str(a->note));
        json_t *st = json_object();
        for (size_t k = 0; k < sc->n_issues; k++)
            if (a->stances[k].present)
                json_object_set_new(st, sc->issues[k].id,
                                    json_pack("{s:o,s:o}", "position", value_json(&a->stances[k].position),
                                              "salience", value_json(&a->stances[k].salience)));
        json_object_set_new(o, "stances", st);
        json_array_append_new(actors, o);
    }
    json_object_set_new(root, "actors", actors);
    if (sc->n_relations) {
        json_t *rel = json_array();
        for (size_t i = 0; i < sc->n_relations; i++) {
            const fc_relation *r = &sc->relations[i];
            json_t *o = json_pack("{s:[ss],s:s}", "between", r->a, r->b, "kind", r->kind);
            if (r->source)
                json_object_set_new(o, "source", str(r->source));
            json_array_append_new(rel, o);
        }
        json_object_set_new(root, "relations", rel);
    }
    if (sc->decider)
        json_object_set_new(root, "decider", str(sc->decider));
    if (sc->n_choices) {
        json_t *ch = json_array();
        for (size_t i = 0; i < sc->n_choices; i++) {
            const fc_choice *c = &sc->choices[i];
            json_t *o = json_object();
            json_object_set_new(o, "id", str(c->id));
            if (c->label)
                json_object_set_new(o, "label", str(c->label));
            if (c->description)
                json_object_set_new(o, "description", str(c->description));
            json_t *pos = json_object();
            for (size_t k = 0; k < c->n_positions; k++)
                json_object_set_new(pos, c->positions[k].issue, fc_json_number(c->positions[k].position));
            json_object_set_new(o, "positions", pos);
            json_array_append_new(ch, o);
        }
        json_object_set_new(root, "choices", ch);
    }
    if (sc->n_responders) {
        json_t *r = json_array();
        for (size_t i = 0; i < sc->n_responders; i++)
            json_array_append_new(r, str(sc->responders[i]));
        json_object_set_new(root, "responders", r);
    }
    const fc_default_uncertainty *u = &sc->default_uncertainty;
    if (u->position_sd > 0 || u->salience_sd > 0 || u->capability_sd > 0) {
        json_t *o = json_object();
        json_object_set_new(o, "position", spread_json(u->position_sd, u->position_relative));
        json_object_set_new(o, "salience", spread_json(u->salience_sd, u->salience_relative));
        json_object_set_new(o, "capability", spread_json(u->capability_sd, u->capability_relative));
        json_object_set_new(root, "uncertainty", o);
    }
    if (sc->game_costs.present) {
        json_t *game = json_pack("{s:o,s:o,s:o}", "pressure_cost", value_json(&sc->game_costs.pressure_cost),
                                 "pressured_cost", value_json(&sc->game_costs.pressured_cost), "effect",
                                 value_json(&sc->game_costs.effect));
        if (game && sc->game_costs.has_hawk_prior)
            json_object_set_new(game, "hawk_prior", value_json(&sc->game_costs.hawk_prior));
        json_object_set_new(root, "game", game);
    }
    if (sc->backlash_costs.present)
        json_object_set_new(root, "backlash", json_pack("{s:o}", "weight", value_json(&sc->backlash_costs.weight)));
    if (sc->outcome.present)
        json_object_set_new(root, "outcome", outcome_json(&sc->outcome));
    return root;
}

static fc_status finish(fc_buf *b, json_t *tree, char **text, fc_error *err)
{
    json_decref(tree);
    *text = fc_buf_take(b);
    if (!*text)
        return fc_error_nomem(err);
    return FC_OK;
}

fc_status fc_scenario_to_json(const fc_scenario *sc, char **text, fc_error *err)
{
    json_t *tree = scenario_tree(sc);
    if (!tree)
        return fc_error_nomem(err);
    fc_buf b;
    fc_buf_init(&b);
    fc_json_print(&b, tree, 0);
    fc_buf_puts(&b, "\n");
    return finish(&b, tree, text, err);
}

fc_status fc_scenario_to_yaml(const fc_scenario *sc, char **text, fc_error *err)
{
    json_t *tree = scenario_tree(sc);
    if (!tree)
        return fc_error_nomem(err);
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "# Written by fulcrum. The format is described in docs/formats.md.\n");
    fc_yaml_print(&b, tree, 0);
    return finish(&b, tree, text, err);
}
