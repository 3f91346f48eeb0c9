/* Reading a scenario from YAML (and JSON, which libyaml parses as YAML flow style). The
 * document is loaded as a node tree so that every value keeps its line and column, then
 * walked field by field; unknown and missing fields are errors, not silently ignored. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "fulcrum/util.h"
#include "io/readers.h"
#include "util/strutil.h"

typedef struct reader {
    yaml_document_t doc;
    const char *file;
    fc_error *err;
    fc_scenario *sc;
    io_collect *collect; /* not NULL: record every error and go on with the next item */
} reader;

static int line_of(const yaml_node_t *n)
{
    return n ? (int)n->start_mark.line + 1 : 0;
}

static int col_of(const yaml_node_t *n)
{
    return n ? (int)n->start_mark.column + 1 : 0;
}

static fc_status fail(reader *r, const yaml_node_t *n, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static fc_status fail(reader *r, const yaml_node_t *n, const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fc_status st = fc_error_set(r->err, FC_EINPUT, r->file, line_of(n), col_of(n), field, "%s", msg);
    if (r->collect && fc_error_list_push(r->collect->errors, r->err) != FC_OK)
        r->collect->nomem = true;
    return st;
}

/* When collecting, an item (an actor, an issue, a stance...) that failed to read is skipped and
 * its lines remembered: validation's complaints about what it left half-filled are not news. */
static bool mark_failed(reader *r, const yaml_node_t *item)
{
    if (r->collect->n_spans == r->collect->cap_spans) {
        size_t cap = r->collect->cap_spans ? 2 * r->collect->cap_spans : 8;
        io_span *t = realloc(r->collect->spans, cap * sizeof *t);
        if (!t)
            return false;
        r->collect->spans = t;
        r->collect->cap_spans = cap;
    }
    r->collect->spans[r->collect->n_spans++] =
        (io_span){line_of(item), item ? (int)item->end_mark.line + 1 : 0};
    return true;
}

/* Inside an item loop, after `st` failed: when collecting a bad input, note the item and go on
 * with the next one; otherwise return the error. */
#define ITEM_FAILED(item)                                                                        \
    {                                                                                            \
        if (st == FC_EINPUT && r->collect) {                                                     \
            if (!mark_failed(r, (item)) || r->collect->nomem)                                    \
                return fc_error_nomem(r->err);                                                   \
            any_failed = true;                                                                   \
            st = FC_OK;                                                                          \
            continue;                                                                            \
        }                                                                                        \
        return st;                                                                               \
    }

static yaml_node_t *node(reader *r, int id)
{
    return yaml_document_get_node(&r->doc, id);
}

static const char *scalar_text(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

static const char *type_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE: return "a scalar";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "nothing";
    }
}

static fc_status expect_type(reader *r, const yaml_node_t *n, yaml_node_type_t type, const char *field)
{
    if (n->type == type)
        return FC_OK;
    const char *want = type == YAML_SCALAR_NODE ? "a single value"
                       : type == YAML_SEQUENCE_NODE ? "a list"
                                                    : "a mapping (key: value pairs)";
    return fail(r, n, field, "expected %s, found %s", want, type_name(n));
}

static fc_status get_string(reader *r, const yaml_node_t *n, const char *field, char **out)
{
    fc_status st = expect_type(r, n, YAML_SCALAR_NODE, field);
    if (st)
        return st;
    char *s = fc_strdup_or_null(scalar_text(n));
    if (!s)
        return fc_error_nomem(r->err);
    free(*out);
    *out = s;
    return FC_OK;
}

/* Numbers must be plain (unquoted) scalars that read completely as a finite double. */
static fc_status get_number(reader *r, const yaml_node_t *n, const char *field, double *out)
{
    fc_status st = expect_type(r, n, YAML_SCALAR_NODE, field);
    if (st)
        return st;
    const char *s = scalar_text(n);
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return fail(r, n, field, "expected a number, found the text \"%s\"", s);
    if (strcmp(s, ".nan") == 0 || strcmp(s, ".NaN") == 0 || strcmp(s, ".inf") == 0 ||
        strcmp(s, "-.inf") == 0 || strcmp(s, ".Inf") == 0 || strcmp(s, "-.Inf") == 0)
        return fail(r, n, field, "must be a finite number, not %s", s);
    double v = 0;
    fc_number_status ns = fc_number_parse(s, &v);
    if (ns == FC_NUMBER_EMPTY || ns == FC_NUMBER_SYNTAX)
        return fail(r, n, field, "expected a number, found \"%s\"", s);
    if (ns != FC_NUMBER_OK)
        return fail(r, n, field, "must be a finite number (not NaN or infinite), found %s", s);
    *out = v;
    return FC_OK;
}

/* A list of exactly two numbers [low, high]. */
static fc_status get_pair(reader *r, const yaml_node_t *n, const char *field, double *a, double *b)
{
    fc_status st = expect_type(r, n, YAML_SEQUENCE_NODE, field);
    if (st)
        return st;
    yaml_node_item_t *it = n->data.sequence.items.start;
    size_t count = (size_t)(n->data.sequence.items.top - it);
    if (count != 2)
        return fail(r, n, field, "expected two numbers [low, high], found %zu values", count);
    if ((st = get_number(r, node(r, it[0]), field, a)) || (st = get_number(r, node(r, it[1]), field, b)))
        return st;
    if (*a > *b)
        return fail(r, n, field, "low %g is greater than high %g", *a, *b);
    return FC_OK;
}

/* Checks each key of a mapping against a list of allowed names, and for repeats. */
static fc_status check_keys(reader *r, const yaml_node_t *map, const char *where,
                            const char *const *allowed)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(r, p->key);
        if (k->type != YAML_SCALAR_NODE)
            return fail(r, k, where, "keys must be plain names");
        const char *key = scalar_text(k);
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, key) == 0)
                ok = 1;
        if (!ok) {
            char list[256] = "";
            for (const char *const *a = allowed; *a; a++) {
                strncat(list, *a, sizeof list - strlen(list) - 1);
                if (a[1])
                    strncat(list, ", ", sizeof list - strlen(list) - 1);
            }
            char field[160];
            snprintf(field, sizeof field, "%s%s%s", where, where[0] ? "." : "", key);
            fc_status st = fail(r, k, field, "unknown field '%s' (known: %s)", key, list);
            /* Collecting: an unknown field spoils nothing else; the item's other fields are
             * still read and checked. */
            if (r->collect && !r->collect->nomem)
                continue;
            return st;
        }
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
            yaml_node_t *kq = node(r, q->key);
            if (kq->type == YAML_SCALAR_NODE && strcmp(scalar_text(kq), key) == 0)
                return fail(r, k, where, "field '%s' is given twice", key);
        }
    }
    return FC_OK;
}

static yaml_node_t *lookup(reader *r, const yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(r, p->key);
        if (k->type == YAML_SCALAR_NODE && strcmp(scalar_text(k), key) == 0)
            return node(r, p->value);
    }
    return NULL;
}

static fc_status require(reader *r, const yaml_node_t *map, const char *key, const char *where,
                         yaml_node_t **out)
{
    *out = lookup(r, map, key);
    if (*out)
        return FC_OK;
    char field[160];
    snprintf(field, sizeof field, "%s%s%s", where, where[0] ? "." : "", key);
    return fail(r, map, field, "missing required field '%s'", key);
}

static size_t seq_len(const yaml_node_t *n)
{
    return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

/* A value is a number, or a mapping {value, source, sd | range | triangular}. */
static fc_status get_value(reader *r, const yaml_node_t *n, const char *field, fc_value *v)
{
    v->line = line_of(n);
    if (n->type == YAML_SCALAR_NODE)
        return get_number(r, n, field, &v->value);
    fc_status st = expect_type(r, n, YAML_MAPPING_NODE, field);
    if (st)
        return st;
    static const char *const keys[] = {"value", "source", "sd", "range", "triangular", NULL};
    if ((st = check_keys(r, n, field, keys)))
        return st;
    yaml_node_t *x;
    if ((st = require(r, n, "value", field, &x)) || (st = get_number(r, x, field, &v->value)))
        return st;
    if ((x = lookup(r, n, "source")) && (st = get_string(r, x, field, &v->source)))
        return st;
    int kinds = 0;
    if ((x = lookup(r, n, "sd"))) {
        kinds++;
        v->uncertainty.kind = FC_UNCERTAIN_NORMAL;
        if ((st = get_number(r, x, field, &v->uncertainty.sd)))
            return st;
    }
    if ((x = lookup(r, n, "range"))) {
        kinds++;
        v->uncertainty.kind = FC_UNCERTAIN_RANGE;
        if ((st = get_pair(r, x, field, &v->uncertainty.low, &v->uncertainty.high)))
            return st;
    }
    if ((x = lookup(r, n, "triangular"))) {
        kinds++;
        v->uncertainty.kind = FC_UNCERTAIN_TRIANGULAR;
        if ((st = get_pair(r, x, field, &v->uncertainty.low, &v->uncertainty.high)))
            return st;
    }
    if (kinds > 1)
        return fail(r, n, field, "give one of sd, range or triangular, not several");
    return FC_OK;
}

static fc_status read_sources(reader *r, const yaml_node_t *n)
{
    bool any_failed = false;
    fc_status st = expect_type(r, n, YAML_SEQUENCE_NODE, "sources");
    if (st)
        return st;
    size_t count = seq_len(n);
    if (count == 0)
        return FC_OK;
    r->sc->sources = calloc(count, sizeof *r->sc->sources);
    if (!r->sc->sources)
        return fc_error_nomem(r->err);
    static const char *const keys[] = {"id", "citation", "url", NULL};
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *s = node(r, n->data.sequence.items.start[i]);
        char field[64];
        snprintf(field, sizeof field, "sources[%zu]", i);
        if ((st = expect_type(r, s, YAML_MAPPING_NODE, field)) || (st = check_keys(r, s, field, keys)))
            ITEM_FAILED(s);
        fc_source *src = &r->sc->sources[r->sc->n_sources++];
        yaml_node_t *x;
        if ((st = require(r, s, "citation", field, &x)) || (st = get_string(r, x, field, &src->citation)))
            ITEM_FAILED(s);
        if ((x = lookup(r, s, "id")) && (st = get_string(r, x, field, &src->id)))
            ITEM_FAILED(s);
        if ((x = lookup(r, s, "url")) && (st = get_string(r, x, field, &src->url)))
            ITEM_FAILED(s);
    }
    return any_failed ? FC_EINPUT : FC_OK;
}

static fc_status read_issues(reader *r, const yaml_node_t *n)
{
    bool any_failed = false;
    fc_status st = expect_type(r, n, YAML_SEQUENCE_NODE, "issues");
    if (st)
        return st;
    size_t count = seq_len(n);
    if (count == 0)
        return fail(r, n, "issues", "a scenario needs at least one issue");
    r->sc->issues = calloc(count, sizeof *r->sc->issues);
    if (!r->sc->issues)
        return fc_error_nomem(r->err);
    static const char *const keys[] = {"id", "label", "min", "max", "status_quo",
                                       "status_quo_source", "anchors", NULL};
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *s = node(r, n->data.sequence.items.start[i]);
        char field[96];
        snprintf(field, sizeof field, "issues[%zu]", i);
        if ((st = expect_type(r, s, YAML_MAPPING_NODE, field)) || (st = check_keys(r, s, field, keys)))
            ITEM_FAILED(s);
        fc_issue *is = &r->sc->issues[r->sc->n_issues++];
        is->line = line_of(s);
        yaml_node_t *x;
        if ((st = require(r, s, "id", field, &x)) || (st = get_string(r, x, field, &is->id)))
            ITEM_FAILED(s);
        snprintf(field, sizeof field, "issues.%s", is->id);
        char sub[128];
        snprintf(sub, sizeof sub, "%s.min", field);
        if ((st = require(r, s, "min", field, &x)) || (st = get_number(r, x, sub, &is->scale_min)))
            ITEM_FAILED(s);
        snprintf(sub, sizeof sub, "%s.max", field);
        if ((st = require(r, s, "max", field, &x)) || (st = get_number(r, x, sub, &is->scale_max)))
            ITEM_FAILED(s);
        if ((x = lookup(r, s, "label")) && (st = get_string(r, x, field, &is->label)))
            ITEM_FAILED(s);
        if ((x = lookup(r, s, "status_quo"))) {
            snprintf(sub, sizeof sub, "%s.status_quo", field);
            if ((st = get_number(r, x, sub, &is->status_quo)))
                ITEM_FAILED(s);
            is->has_status_quo = true;
        }
        if ((x = lookup(r, s, "status_quo_source")) && (st = get_string(r, x, field, &is->status_quo_source)))
            ITEM_FAILED(s);
        if ((x = lookup(r, s, "anchors"))) {
            snprintf(sub, sizeof sub, "%s.anchors", field);
            if ((st = expect_type(r, x, YAML_SEQUENCE_NODE, sub)))
                ITEM_FAILED(s);
            size_t na = seq_len(x);
            is->anchors = na ? calloc(na, sizeof *is->anchors) : NULL;
            if (na && !is->anchors)
                return fc_error_nomem(r->err);
            static const char *const akeys[] = {"at", "text", NULL};
            for (size_t k = 0; k < na; k++) {
                yaml_node_t *a = node(r, x->data.sequence.items.start[k]), *y;
                if ((st = expect_type(r, a, YAML_MAPPING_NODE, sub)) || (st = check_keys(r, a, sub, akeys)))
                    ITEM_FAILED(a);
                fc_anchor *an = &is->anchors[is->n_anchors++];
                if ((st = require(r, a, "at", sub, &y)) || (st = get_number(r, y, sub, &an->point)) ||
                    (st = require(r, a, "text", sub, &y)) || (st = get_string(r, y, sub, &an->text)))
                    ITEM_FAILED(a);
                if (an->point < is->scale_min || an->point > is->scale_max)
                    { st = fail(r, a, sub, "anchor at %g is outside the issue's scale [%g, %g]",
                                an->point, is->scale_min, is->scale_max); ITEM_FAILED(a); }
            }
        }
    }
    return any_failed ? FC_EINPUT : FC_OK;
}

static fc_status read_stances(reader *r, fc_actor *a, const yaml_node_t *n)
{
    bool any_failed = false;
    char field[160];
    snprintf(field, sizeof field, "actors.%s.stances", a->id);
    fc_status st = expect_type(r, n, YAML_MAPPING_NODE, field);
    if (st)
        return st;
    static const char *const keys[] = {"position", "salience", NULL};
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(r, p->key), *v = node(r, p->value), *x;
        if ((st = expect_type(r, k, YAML_SCALAR_NODE, field)))
            ITEM_FAILED(v);
        const char *issue = scalar_text(k);
        long ix = fc_scenario_issue_index(r->sc, issue);
        char sub[200];
        snprintf(sub, sizeof sub, "%s.%s", field, issue);
        if (ix < 0)
            { st = fail(r, k, sub, "unknown issue '%s'", issue); ITEM_FAILED(v); }
        fc_stance *s = &a->stances[ix];
        if (s->present)
            { st = fail(r, k, sub, "stance on '%s' given twice", issue); ITEM_FAILED(v); }
        if ((st = expect_type(r, v, YAML_MAPPING_NODE, sub)) || (st = check_keys(r, v, sub, keys)))
            ITEM_FAILED(v);
        char leaf[220];
        snprintf(leaf, sizeof leaf, "%s.position", sub);
        if ((st = require(r, v, "position", sub, &x)) || (st = get_value(r, x, leaf, &s->position)))
            ITEM_FAILED(v);
        snprintf(leaf, sizeof leaf, "%s.salience", sub);
        if ((st = require(r, v, "salience", sub, &x)) || (st = get_value(r, x, leaf, &s->salience)))
            ITEM_FAILED(v);
        s->present = true;
    }
    return any_failed ? FC_EINPUT : FC_OK;
}

static fc_status read_actors(reader *r, const yaml_node_t *n)
{
    bool any_failed = false;
    fc_status st = expect_type(r, n, YAML_SEQUENCE_NODE, "actors");
    if (st)
        return st;
    size_t count = seq_len(n);
    if (count == 0)
        return fail(r, n, "actors", "the actor list is empty: a scenario needs at least one actor");
    r->sc->actors = calloc(count, sizeof *r->sc->actors);
    if (!r->sc->actors)
        return fc_error_nomem(r->err);
    static const char *const keys[] = {"id", "name", "kind", "capability", "note", "stances", NULL};
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *s = node(r, n->data.sequence.items.start[i]);
        char field[96];
        snprintf(field, sizeof field, "actors[%zu]", i);
        if ((st = expect_type(r, s, YAML_MAPPING_NODE, field)) || (st = check_keys(r, s, field, keys)))
            ITEM_FAILED(s);
        fc_actor *a = &r->sc->actors[r->sc->n_actors++];
        a->line = line_of(s);
        a->stances = calloc(r->sc->n_issues, sizeof *a->stances);
        if (!a->stances)
            return fc_error_nomem(r->err);
        yaml_node_t *x;
        if ((st = require(r, s, "id", field, &x)) || (st = get_string(r, x, field, &a->id)))
            ITEM_FAILED(s);
        snprintf(field, sizeof field, "actors.%s", a->id);
        char sub[160];
        if ((x = lookup(r, s, "name")) && (st = get_string(r, x, field, &a->name)))
            ITEM_FAILED(s);
        if ((x = lookup(r, s, "note")) && (st = get_string(r, x, field, &a->note)))
            ITEM_FAILED(s);
        if ((x = lookup(r, s, "kind"))) {
            snprintf(sub, sizeof sub, "%s.kind", field);
            if ((st = expect_type(r, x, YAML_SCALAR_NODE, sub)))
                ITEM_FAILED(s);
            if (!fc_actor_kind_parse(scalar_text(x), &a->kind))
                { st = fail(r, x, sub, "unknown kind '%s' (known: state, bloc, organisation, faction, firm)",
                            scalar_text(x)); ITEM_FAILED(s); }
        }
        snprintf(sub, sizeof sub, "%s.capability", field);
        if ((st = require(r, s, "capability", field, &x)) || (st = get_value(r, x, sub, &a->capability)))
            ITEM_FAILED(s);
        if ((st = require(r, s, "stances", field, &x)) || (st = read_stances(r, a, x)))
            ITEM_FAILED(s);
    }
    return any_failed ? FC_EINPUT : FC_OK;
}

static fc_status read_relations(reader *r, const yaml_node_t *n)
{
    bool any_failed = false;
    fc_status st = expect_type(r, n, YAML_SEQUENCE_NODE, "relations");
    if (st)
        return st;
    size_t count = seq_len(n);
    if (count == 0)
        return FC_OK;
    r->sc->relations = calloc(count, sizeof *r->sc->relations);
    if (!r->sc->relations)
        return fc_error_nomem(r->err);
    static const char *const keys[] = {"between", "kind", "source", NULL};
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *s = node(r, n->data.sequence.items.start[i]), *x;
        char field[64];
        snprintf(field, sizeof field, "relations[%zu]", i);
        if ((st = expect_type(r, s, YAML_MAPPING_NODE, field)) || (st = check_keys(r, s, field, keys)))
            ITEM_FAILED(s);
        fc_relation *rel = &r->sc->relations[r->sc->n_relations++];
        rel->line = line_of(s);
        if ((st = require(r, s, "between", field, &x)) || (st = expect_type(r, x, YAML_SEQUENCE_NODE, field)))
            ITEM_FAILED(s);
        if (seq_len(x) != 2)
            { st = fail(r, x, field, "'between' must name exactly two actors"); ITEM_FAILED(s); }
        if ((st = get_string(r, node(r, x->data.sequence.items.start[0]), field, &rel->a)) ||
            (st = get_string(r, node(r, x->data.sequence.items.start[1]), field, &rel->b)))
            ITEM_FAILED(s);
        if ((st = require(r, s, "kind", field, &x)) || (st = get_string(r, x, field, &rel->kind)))
            ITEM_FAILED(s);
        if ((x = lookup(r, s, "source")) && (st = get_string(r, x, field, &rel->source)))
            ITEM_FAILED(s);
    }
    return any_failed ? FC_EINPUT : FC_OK;
}

static fc_status read_choices(reader *r, const yaml_node_t *n)
{
    bool any_failed = false;
    fc_status st = expect_type(r, n, YAML_SEQUENCE_NODE, "choices");
    if (st)
        return st;
    size_t count = seq_len(n);
    if (count == 0)
        return FC_OK;
    r->sc->choices = calloc(count, sizeof *r->sc->choices);
    if (!r->sc->choices)
        return fc_error_nomem(r->err);
    static const char *const keys[] = {"id", "label", "description", "positions", NULL};
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *s = node(r, n->data.sequence.items.start[i]), *x;
        char field[96];
        snprintf(field, sizeof field, "choices[%zu]", i);
        if ((st = expect_type(r, s, YAML_MAPPING_NODE, field)) || (st = check_keys(r, s, field, keys)))
            ITEM_FAILED(s);
        fc_choice *c = &r->sc->choices[r->sc->n_choices++];
        c->line = line_of(s);
        if ((st = require(r, s, "id", field, &x)) || (st = get_string(r, x, field, &c->id)))
            ITEM_FAILED(s);
        snprintf(field, sizeof field, "choices.%s", c->id);
        if ((x = lookup(r, s, "label")) && (st = get_string(r, x, field, &c->label)))
            ITEM_FAILED(s);
        if ((x = lookup(r, s, "description")) && (st = get_string(r, x, field, &c->description)))
            ITEM_FAILED(s);
        char sub[160];
        snprintf(sub, sizeof sub, "%s.positions", field);
        if ((st = require(r, s, "positions", field, &x)) || (st = expect_type(r, x, YAML_MAPPING_NODE, sub)))
            ITEM_FAILED(s);
        size_t np = (size_t)(x->data.mapping.pairs.top - x->data.mapping.pairs.start);
        c->positions = np ? calloc(np, sizeof *c->positions) : NULL;
        if (np && !c->positions)
            return fc_error_nomem(r->err);
        for (yaml_node_pair_t *p = x->data.mapping.pairs.start; p < x->data.mapping.pairs.top; p++) {
            fc_choice_position *cp = &c->positions[c->n_positions++];
            if ((st = get_string(r, node(r, p->key), sub, &cp->issue)))
                ITEM_FAILED(node(r, p->value));
            char leaf[220];
            snprintf(leaf, sizeof leaf, "%s.%s", sub, cp->issue);
            if ((st = get_number(r, node(r, p->value), leaf, &cp->position)))
                ITEM_FAILED(node(r, p->value));
        }
    }
    return any_failed ? FC_EINPUT : FC_OK;
}

static fc_status read_responders(reader *r, const yaml_node_t *n)
{
    fc_status st = expect_type(r, n, YAML_SEQUENCE_NODE, "responders");
    if (st)
        return st;
    size_t count = seq_len(n);
    if (count == 0)
        return FC_OK;
    r->sc->responders = calloc(count, sizeof *r->sc->responders);
    if (!r->sc->responders)
        return fc_error_nomem(r->err);
    for (size_t i = 0; i < count; i++)
        if ((st = get_string(r, node(r, n->data.sequence.items.start[i]), "responders",
                             &r->sc->responders[r->sc->n_responders++])))
            return st;
    return FC_OK;
}

/* "10" is absolute, "20%" relative to the value. */
static fc_status get_spread(reader *r, const yaml_node_t *n, const char *field, double *v, bool *relative)
{
    fc_status st = expect_type(r, n, YAML_SCALAR_NODE, field);
    if (st)
        return st;
    const char *s = scalar_text(n);
    size_t len = strlen(s);
    if (len > 1 && s[len - 1] == '%') {
        char tmp[64];
        if (len >= sizeof tmp)
            return fail(r, n, field, "expected a number or a percentage");
        memcpy(tmp, s, len - 1);
        tmp[len - 1] = '\0';
        double pct = 0;
        if (fc_number_parse(tmp, &pct) != FC_NUMBER_OK || pct < 0)
            return fail(r, n, field, "expected a percentage such as 20%%, found \"%s\"", s);
        *v = pct / 100.0;
        *relative = true;
        return FC_OK;
    }
    if ((st = get_number(r, n, field, v)))
        return st;
    if (*v < 0)
        return fail(r, n, field, "a spread must be >= 0");
    *relative = false;
    return FC_OK;
}

static fc_status read_default_uncertainty(reader *r, const yaml_node_t *n)
{
    fc_status st = expect_type(r, n, YAML_MAPPING_NODE, "uncertainty");
    static const char *const keys[] = {"position", "salience", "capability", NULL};
    if (st || (st = check_keys(r, n, "uncertainty", keys)))
        return st;
    fc_default_uncertainty *u = &r->sc->default_uncertainty;
    yaml_node_t *x;
    if ((x = lookup(r, n, "position")) &&
        (st = get_spread(r, x, "uncertainty.position", &u->position_sd, &u->position_relative)))
        return st;
    if ((x = lookup(r, n, "salience")) &&
        (st = get_spread(r, x, "uncertainty.salience", &u->salience_sd, &u->salience_relative)))
        return st;
    if ((x = lookup(r, n, "capability")) &&
        (st = get_spread(r, x, "uncertainty.capability", &u->capability_sd, &u->capability_relative)))
        return st;
    return FC_OK;
}

static fc_status read_game_costs(reader *r, const yaml_node_t *n)
{
    fc_status st = expect_type(r, n, YAML_MAPPING_NODE, "game");
    static const char *const keys[] = {"pressure_cost", "pressured_cost", "effect", "hawk_prior", NULL};
    if (st || (st = check_keys(r, n, "game", keys)))
        return st;
    fc_game_costs *g = &r->sc->game_costs;
    yaml_node_t *x;
    if ((st = require(r, n, "pressure_cost", "game", &x)) ||
        (st = get_value(r, x, "game.pressure_cost", &g->pressure_cost)) ||
        (st = require(r, n, "pressured_cost", "game", &x)) ||
        (st = get_value(r, x, "game.pressured_cost", &g->pressured_cost)) ||
        (st = require(r, n, "effect", "game", &x)) || (st = get_value(r, x, "game.effect", &g->effect)))
        return st;
    if ((x = lookup(r, n, "hawk_prior"))) {
        if ((st = get_value(r, x, "game.hawk_prior", &g->hawk_prior)))
            return st;
        g->has_hawk_prior = true;
    }
    g->present = true;
    return FC_OK;
}

/* The backlash block: what a crisis costs the decider in the dilemma (docs/dilemma.md). */
static fc_status read_backlash_costs(reader *r, const yaml_node_t *n)
{
    fc_status st = expect_type(r, n, YAML_MAPPING_NODE, "backlash");
    static const char *const keys[] = {"weight", NULL};
    if (st || (st = check_keys(r, n, "backlash", keys)))
        return st;
    yaml_node_t *x;
    if ((st = require(r, n, "weight", "backlash", &x)) ||
        (st = get_value(r, x, "backlash.weight", &r->sc->backlash_costs.weight)))
        return st;
    r->sc->backlash_costs.present = true;
    return FC_OK;
}

/* The outcome block (docs/formats.md): what was decided, when, and the backlash that
 * followed. Kept apart from the rest of the reader; its rules are in src/scenario/outcome.c. */
static fc_status read_outcome_positions(reader *r, const yaml_node_t *n)
{
    fc_outcome *o = &r->sc->outcome;
    fc_status st = expect_type(r, n, YAML_MAPPING_NODE, "outcome.positions");
    if (st)
        return st;
    size_t np = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    o->positions = np ? calloc(np, sizeof *o->positions) : NULL;
    if (np && !o->positions)
        return fc_error_nomem(r->err);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        fc_outcome_position *op = &o->positions[o->n_positions++];
        yaml_node_t *k = node(r, p->key);
        if ((st = get_string(r, k, "outcome.positions", &op->issue)))
            return st;
        char leaf[200];
        snprintf(leaf, sizeof leaf, "outcome.positions.%s", op->issue);
        if (fc_scenario_issue_index(r->sc, op->issue) < 0)
            return fail(r, k, leaf, "unknown issue '%s'", op->issue);
        for (size_t i = 0; i + 1 < o->n_positions; i++)
            if (strcmp(o->positions[i].issue, op->issue) == 0)
                return fail(r, k, leaf, "the outcome on '%s' is given twice", op->issue);
        if ((st = get_value(r, node(r, p->value), leaf, &op->position)))
            return st;
    }
    return FC_OK;
}

static fc_status read_backlash(reader *r, const yaml_node_t *n)
{
    fc_outcome *o = &r->sc->outcome;
    fc_status st = expect_type(r, n, YAML_SEQUENCE_NODE, "outcome.backlash");
    if (st)
        return st;
    size_t count = seq_len(n);
    o->backlash = count ? calloc(count, sizeof *o->backlash) : NULL;
    if (count && !o->backlash)
        return fc_error_nomem(r->err);
    static const char *const keys[] = {"by", "how", "when", "source", NULL};
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *s = node(r, n->data.sequence.items.start[i]), *x;
        char field[64];
        snprintf(field, sizeof field, "outcome.backlash[%zu]", i);
        if ((st = expect_type(r, s, YAML_MAPPING_NODE, field)) || (st = check_keys(r, s, field, keys)))
            return st;
        fc_backlash *b = &o->backlash[o->n_backlash++];
        b->line = line_of(s);
        if ((st = require(r, s, "by", field, &x)) || (st = get_string(r, x, field, &b->by)) ||
            (st = require(r, s, "how", field, &x)) || (st = get_string(r, x, field, &b->how)) ||
            (st = require(r, s, "when", field, &x)) || (st = get_string(r, x, field, &b->when)) ||
            (st = require(r, s, "source", field, &x)) || (st = get_string(r, x, field, &b->source)))
            return st;
        if (fc_scenario_actor_index(r->sc, b->by) < 0) {
            snprintf(field, sizeof field, "outcome.backlash[%zu].by", i);
            return fail(r, lookup(r, s, "by"), field, "unknown actor '%s'", b->by);
        }
    }
    return FC_OK;
}

static fc_status read_outcome(reader *r, const yaml_node_t *n)
{
    fc_status st = expect_type(r, n, YAML_MAPPING_NODE, "outcome");
    static const char *const keys[] = {"date", "choice", "decision", "source", "positions", "backlash", NULL};
    if (st || (st = check_keys(r, n, "outcome", keys)))
        return st;
    fc_outcome *o = &r->sc->outcome;
    o->present = true;
    o->line = line_of(n);
    yaml_node_t *x;
    if ((st = require(r, n, "date", "outcome", &x)) || (st = get_string(r, x, "outcome.date", &o->date)) ||
        (st = require(r, n, "choice", "outcome", &x)) || (st = get_string(r, x, "outcome.choice", &o->choice)) ||
        (st = require(r, n, "decision", "outcome", &x)) ||
        (st = get_string(r, x, "outcome.decision", &o->decision)) ||
        (st = require(r, n, "source", "outcome", &x)) || (st = get_string(r, x, "outcome.source", &o->source)))
        return st;
    /* Checked here as well as in validation so that the message points at the line and column. */
    if (strcmp(o->choice, "status-quo") != 0 && fc_scenario_choice_index(r->sc, o->choice) < 0)
        return fail(r, lookup(r, n, "choice"), "outcome.choice",
                    "unknown choice '%s' (give one of the scenario's choices or status-quo)", o->choice);
    if ((x = lookup(r, n, "positions")) && (st = read_outcome_positions(r, x)))
        return st;
    if ((x = lookup(r, n, "backlash")) && (st = read_backlash(r, x)))
        return st;
    return FC_OK;
}

/* In read_root, after a section failed: when collecting a bad input, go on with the next
 * section (the error is recorded); otherwise return it. */
#define SECTION_FAILED                                                                           \
    {                                                                                            \
        if (st != FC_EINPUT || !r->collect)                                                      \
            return st;                                                                           \
        if (r->collect->nomem)                                                                   \
            return fc_error_nomem(r->err);                                                       \
        any_failed = true;                                                                       \
        st = FC_OK;                                                                              \
    }

static fc_status read_root(reader *r, yaml_node_t *root)
{
    if (!root)
        return fc_error_set(r->err, FC_EINPUT, r->file, 1, 0, NULL, "the file is empty");
    fc_status st = expect_type(r, root, YAML_MAPPING_NODE, "");
    static const char *const keys[] = {"title", "date", "description", "salience_scale", "sources",
                                       "issues", "actors", "relations", "decider", "choices",
                                       "responders", "uncertainty", "game", "backlash", "outcome", NULL};
    if (st || (st = check_keys(r, root, "", keys)))
        return st;
    fc_scenario *sc = r->sc;
    yaml_node_t *x;
    bool any_failed = false;
    if ((x = lookup(r, root, "title")) && (st = get_string(r, x, "title", &sc->title)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "date")) && (st = get_string(r, x, "date", &sc->date)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "description")) && (st = get_string(r, x, "description", &sc->description)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "salience_scale"))) {
        if ((st = get_number(r, x, "salience_scale", &sc->salience_max)))
            SECTION_FAILED;
        if (sc->salience_max != 100 && sc->salience_max != 1)
            st = fail(r, x, "salience_scale", "must be 100 (saliences 0-100) or 1 (saliences 0-1), found %g",
                      sc->salience_max);
        if (st)
            SECTION_FAILED;
    }
    if ((x = lookup(r, root, "sources")) && (st = read_sources(r, x)))
        SECTION_FAILED;
    if ((st = require(r, root, "issues", "", &x)) || (st = read_issues(r, x)))
        SECTION_FAILED;
    if ((st = require(r, root, "actors", "", &x)) || (st = read_actors(r, x)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "relations")) && (st = read_relations(r, x)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "decider")) && (st = get_string(r, x, "decider", &sc->decider)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "choices")) && (st = read_choices(r, x)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "responders")) && (st = read_responders(r, x)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "uncertainty")) && (st = read_default_uncertainty(r, x)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "game")) && (st = read_game_costs(r, x)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "backlash")) && (st = read_backlash_costs(r, x)))
        SECTION_FAILED;
    if ((x = lookup(r, root, "outcome")) && (st = read_outcome(r, x)))
        SECTION_FAILED;
    return any_failed ? FC_EINPUT : FC_OK;
}

/* A scenario nests six levels deep; 64 leaves room for any hand-written file while the
 * scanner's cost, which grows with the depth of open flow collections, stays small. */
#define YAML_MAX_DEPTH 64
/* Nodes that aliases add beyond those written: a file of a few KB whose aliases alias lists of
 * aliases expands to billions. A million is far above any scenario's reuse of an anchor. */
#define YAML_MAX_ALIAS_NODES 1000000.0

typedef struct anchor_size {
    char *name;
    double nodes;
} anchor_size;

/* Before the document is loaded: the event stream checked for depth and for what its aliases
 * expand to (each anchor's subtree counted once, in nodes, its own aliases expanded). A syntax
 * error is left to the loader, which reports it. */
static fc_status yaml_read_check_size(const char *text, size_t len, const char *name, fc_error *err)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return fc_error_nomem(err);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    struct { double start; char *anchor; } open[YAML_MAX_DEPTH];
    int depth = 0;
    anchor_size *anchors = NULL;
    size_t n_anchors = 0, cap_anchors = 0;
    double written = 0, expanded = 0;
    fc_status st = FC_OK;
    for (int done = 0; !done && !st;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev))
            break;
        int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
        const char *anchor = NULL;
        double size = -1; /* nodes of a finished anchored node */
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_SCALAR_EVENT:
            written++, expanded++;
            anchor = (const char *)ev.data.scalar.anchor;
            size = 1;
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (depth == YAML_MAX_DEPTH) {
                st = fc_error_set(err, FC_EINPUT, name, line, col, NULL,
                                  "nested more than %d levels deep (a scenario needs six)", YAML_MAX_DEPTH);
                break;
            }
            written++, expanded++;
            anchor = (const char *)(ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor
                                                                         : ev.data.mapping_start.anchor);
            open[depth].start = expanded - 1;
            open[depth].anchor = anchor ? fc_strdup_or_null(anchor) : NULL;
            if (anchor && !open[depth].anchor)
                st = fc_error_nomem(err);
            depth++;
            anchor = NULL;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth > 0) {
                depth--;
                size = expanded - open[depth].start;
                anchor = open[depth].anchor;
            }
            break;
        case YAML_ALIAS_EVENT: {
            double n = 1;
            for (size_t i = n_anchors; i-- > 0;)
                if (strcmp(anchors[i].name, (const char *)ev.data.alias.anchor) == 0) {
                    n = anchors[i].nodes;
                    break;
                }
            expanded += n;
            if (expanded - written > YAML_MAX_ALIAS_NODES)
                st = fc_error_set(err, FC_EINPUT, name, line, col, NULL,
                                  "aliases expand the document by more than %.0f nodes", YAML_MAX_ALIAS_NODES);
            break;
        }
        default:
            break;
        }
        if (anchor && size >= 0 && !st) {
            if (n_anchors == cap_anchors) {
                size_t cap = cap_anchors ? 2 * cap_anchors : 8;
                anchor_size *a = realloc(anchors, cap * sizeof *a);
                if (!a)
                    st = fc_error_nomem(err);
                else
                    anchors = a, cap_anchors = cap;
            }
            char *copy = st ? NULL : fc_strdup_or_null(anchor);
            if (!st && !copy)
                st = fc_error_nomem(err);
            if (!st)
                anchors[n_anchors++] = (anchor_size){copy, size};
        }
        if ((ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) && size >= 0) {
            free(open[depth].anchor);
            open[depth].anchor = NULL;
        }
        yaml_event_delete(&ev);
    }
    for (int d = 0; d < depth; d++)
        free(open[d].anchor);
    for (size_t i = 0; i < n_anchors; i++)
        free(anchors[i].name);
    free(anchors);
    yaml_parser_delete(&parser);
    return st;
}

fc_status fc_read_yaml(const char *text, size_t len, const char *name, fc_scenario *sc, fc_error *err)
{
    return io_read_yaml_all(text, len, name, sc, NULL, err);
}

fc_status io_read_yaml_all(const char *text, size_t len, const char *name, fc_scenario *sc,
                           io_collect *collect, fc_error *err)
{
    fc_status cst = yaml_read_check_size(text, len, name, err);
    if (cst)
        return cst;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return fc_error_nomem(err);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    reader r = {.file = name, .err = err, .sc = sc, .collect = collect};
    if (!yaml_parser_load(&parser, &r.doc)) {
        /* libyaml's words for a tab say nothing of the cure: YAML indents with spaces only. */
        size_t at = parser.problem_mark.index;
        bool tab = (at < len && text[at] == '\t') || (parser.problem && strstr(parser.problem, "tab"));
        fc_status st = fc_error_set(err, FC_EINPUT, name, (int)parser.problem_mark.line + 1,
                                    (int)parser.problem_mark.column + 1, NULL, "%s%s%s%s",
                                    tab ? "a tab character: YAML indents with spaces, never tabs (" : "not valid YAML: ",
                                    parser.problem ? parser.problem : "syntax error",
                                    parser.context ? " " : "", parser.context ? parser.context : "");
        if (tab && err)
            snprintf(err->message + strlen(err->message), sizeof err->message - strlen(err->message), ")");
        yaml_parser_delete(&parser);
        return st;
    }
    yaml_node_t *root = yaml_document_get_root_node(&r.doc);
    if (collect)
        collect->loaded = root != NULL;
    fc_status st = read_root(&r, root);
    yaml_document_delete(&r.doc);
    yaml_parser_delete(&parser);
    return st;
}
