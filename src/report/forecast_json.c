/* Forecasts as JSON (for programs) and as a long CSV table (one row per model, round, actor
 * and issue) that R's read.csv and pandas.read_csv take as it is; both carry their format
 * version (FC_REPORT_FORMAT_VERSION), the JSON as its first key, the CSV as its last column. */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "fulcrum/report.h"
#include "fulcrum/util.h"
#include "util/json_text.h"
#include "util/strutil.h"

/* The shape is the same for one issue and for many (format_version 2, docs/formats.md): a list
 * of issues, actors with a list of stances, and one forecast entry per model, preset and
 * issue whose every value is a number. A joint model's run on several issues at once gives
 * one entry per issue, each marked joint. Baselines without presets carry the preset
 * "default", so that grouping by model and preset keeps them. */

static const char *preset_label(const fc_forecast *f)
{
    return f->preset[0] ? f->preset : "default";
}

/* The forecast entries are most of a large document (every round's position of every actor:
 * 10 MB for 250 actors over 51 turns), so they are written straight into the buffer in
 * fc_json_print's layout rather than built as a tree first, which took more time and
 * memory than the model. A block object or array: its members open with "{\n" or ",\n"
 * and the indentation; end() closes it. */
typedef struct block {
    fc_buf *b;
    int indent;
    size_t n;
} block;

static void member(block *o, const char *key)
{
    fc_buf_puts(o->b, o->n++ ? ",\n" : "{\n");
    fc_json_pad(o->b, o->indent + 2);
    fc_json_put_string(o->b, key);
    fc_buf_puts(o->b, ": ");
}

static void item(block *a)
{
    fc_buf_puts(a->b, a->n++ ? ",\n" : "[\n");
    fc_json_pad(a->b, a->indent + 2);
}

static void end(block *c, const char *close)
{
    fc_buf_puts(c->b, "\n");
    fc_json_pad(c->b, c->indent);
    fc_buf_puts(c->b, close);
}

/* One value per actor, keyed by id: on one line for a few actors, as fc_json_print does. */
static void actor_values(fc_buf *b, int indent, const fc_problem *p, const double *v, size_t stride)
{
    size_t n = p->n_actors;
    if (n <= FC_JSON_FLAT_OBJECT_MAX) {
        fc_buf_puts(b, "{");
        for (size_t i = 0; i < n; i++) {
            if (i)
                fc_buf_puts(b, ", ");
            fc_json_put_string(b, p->actor_ids[i]);
            fc_buf_puts(b, ": ");
            fc_json_put_number(b, v[i * stride]);
        }
        fc_buf_puts(b, "}");
        return;
    }
    block o = {b, indent, 0};
    for (size_t i = 0; i < n; i++) {
        member(&o, p->actor_ids[i]);
        fc_json_put_number(b, v[i * stride]);
    }
    end(&o, "}");
}

/* A list of numbers: on one line when short, as fc_json_print does. */
static void number_list(fc_buf *b, int indent, const double *v, size_t n)
{
    if (n <= FC_JSON_FLAT_ARRAY_MAX) {
        fc_buf_puts(b, "[");
        for (size_t i = 0; i < n; i++) {
            if (i)
                fc_buf_puts(b, ", ");
            fc_json_put_number(b, v[i]);
        }
        fc_buf_puts(b, "]");
        return;
    }
    block a = {b, indent, 0};
    for (size_t i = 0; i < n; i++) {
        item(&a);
        fc_json_put_number(b, v[i]);
    }
    end(&a, "]");
}

static void put_bool(fc_buf *b, int v)
{
    fc_buf_puts(b, v ? "true" : "false");
}

/* The entry of forecast f for dimension d of problem p, at the given indentation. */
static void forecast_entry(fc_buf *b, int indent, const fc_problem *p, const fc_forecast *f, size_t d)
{
    size_t nd = p->n_dims;
    block o = {b, indent, 0};
    member(&o, "model");
    fc_json_put_string(b, f->model);
    member(&o, "preset");
    fc_json_put_string(b, preset_label(f));
    member(&o, "issue");
    fc_json_put_string(b, p->dim_ids[d]);
    member(&o, "joint");
    put_bool(b, nd > 1);
    member(&o, "forecast");
    fc_json_put_number(b, f->outcome[d]);
    member(&o, "n_rounds");
    fc_json_put_integer(b, (long long)f->n_rounds);
    member(&o, "converged");
    if (f->converged < 0)
        fc_buf_puts(b, "null");
    else
        put_bool(b, f->converged);
    member(&o, "rounds");
    block rounds = {b, indent + 2, 0};
    for (size_t t = 0; t <= f->n_rounds; t++) {
        item(&rounds);
        block r = {b, indent + 4, 0};
        member(&r, "round");
        fc_json_put_integer(b, (long long)t);
        member(&r, "positions");
        actor_values(b, indent + 6, p, fc_forecast_positions_at(f, t) + d, nd);
        member(&r, "median");
        fc_json_put_number(b, f->median[t * nd + d]);
        member(&r, "mean");
        fc_json_put_number(b, f->mean[t * nd + d]);
        member(&r, "forecast");
        fc_json_put_number(b, f->point[t * nd + d]);
        for (size_t s = 0; s < f->n_series; s++) {
            const fc_series *se = &f->series[s];
            member(&r, se->name);
            if (se->width == p->n_actors)
                actor_values(b, indent + 6, p, se->values + t * se->width, 1);
            else
                number_list(b, indent + 6, se->values + t * se->width, se->width);
        }
        end(&r, "}");
    }
    end(&rounds, "]");
    member(&o, "events");
    if (f->n_events == 0)
        fc_buf_puts(b, "[]");
    block events = {b, indent + 2, 0};
    for (size_t e = 0; e < f->n_events; e++) {
        const fc_event *ev = &f->events[e];
        item(&events);
        block j = {b, indent + 4, 0};
        member(&j, "round");
        fc_json_put_integer(b, ev->round);
        member(&j, "challenger");
        fc_json_put_string(b, p->actor_ids[ev->challenger]);
        member(&j, "target");
        fc_json_put_string(b, p->actor_ids[ev->target]);
        member(&j, "kind");
        fc_json_put_string(b, fc_event_kind_name(ev->kind));
        member(&j, "eu_challenger");
        fc_json_put_number(b, ev->eu_challenger);
        member(&j, "eu_target");
        fc_json_put_number(b, ev->eu_target);
        member(&j, "from");
        fc_json_put_number(b, fc_event_old_position(f, ev)[d]);
        member(&j, "to");
        fc_json_put_number(b, fc_event_new_position(f, ev)[d]);
        if (ev->accepted >= 0) {
            member(&j, "accepted");
            put_bool(b, ev->accepted);
        }
        end(&j, "}");
    }
    if (f->n_events > 0)
        end(&events, "]");
    member(&o, "explanation");
    if (f->explanation)
        fc_json_put_string(b, f->explanation);
    else
        fc_buf_puts(b, "null");
    end(&o, "}");
}

/* The set's problems in order: the set's own, then its parts. */
static const fc_problem *set_problem(const fc_forecast_set *set, size_t k)
{
    return k == 0 ? set->problem : &set->parts[k - 1].problem;
}

static size_t set_n_forecasts(const fc_forecast_set *set, size_t k)
{
    return k == 0 ? set->n_forecasts : set->parts[k - 1].n_forecasts;
}

static const fc_forecast *set_forecast(const fc_forecast_set *set, size_t k, size_t m)
{
    return k == 0 ? set->forecasts[m] : set->parts[k - 1].forecasts[m];
}

static json_t *find_by_id(json_t *list, const char *key, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v)
    {
        if (strcmp(json_string_value(json_object_get(v, key)), id) == 0)
            return v;
    }
    return NULL;
}

fc_status fc_report_json(const fc_forecast_set *set, char **out, fc_error *err)
{
    const fc_scenario *sc = set->scenario;
    json_t *root = json_object();
    /* First, so a reader can check it before anything else: raised when a key changes meaning
     * or shape (docs/formats.md). */
    json_object_set_new(root, "format_version", json_integer(FC_REPORT_FORMAT_VERSION));
    json_t *s = json_object();
    json_object_set_new(s, "title", sc->title ? json_string(sc->title) : json_null());
    json_object_set_new(s, "date", sc->date ? json_string(sc->date) : json_null());
    json_object_set_new(s, "file", sc->origin ? json_string(sc->origin) : json_null());
    json_object_set_new(root, "scenario", s);
    size_t n_problems = 1 + set->n_parts;
    /* The stances come from the problems of one issue; a joint problem (salience 0 where an
     * actor takes no stance) only when it is the one problem. */
    json_t *issues = json_array(), *actors = json_array();
    for (size_t k = 0; k < n_problems; k++) {
        const fc_problem *p = set_problem(set, k);
        int stances = p->n_dims == 1 || n_problems == 1;
        for (size_t d = 0; d < p->n_dims; d++) {
            if (!find_by_id(issues, "id", p->dim_ids[d])) {
                long ix = fc_scenario_issue_index(sc, p->dim_ids[d]);
                json_t *i = json_object();
                json_object_set_new(i, "id", json_string(p->dim_ids[d]));
                json_object_set_new(i, "label", ix >= 0 && sc->issues[ix].label ? json_string(sc->issues[ix].label)
                                                                                 : json_null());
                json_object_set_new(i, "min", fc_json_number(p->scale_min[d]));
                json_object_set_new(i, "max", fc_json_number(p->scale_max[d]));
                json_object_set_new(i, "status_quo", fc_json_number(p->status_quo[d]));
                json_array_append_new(issues, i);
            }
            for (size_t a = 0; a < p->n_actors && stances; a++) {
                json_t *actor = find_by_id(actors, "id", p->actor_ids[a]);
                if (!actor) {
                    actor = json_pack("{s:s,s:s,s:o,s:[]}", "id", p->actor_ids[a], "name", p->actor_names[a],
                                      "capability", fc_json_number(p->capability[a]), "stances");
                    json_array_append_new(actors, actor);
                }
                json_array_append_new(json_object_get(actor, "stances"),
                                      json_pack("{s:s,s:o,s:o}", "issue", p->dim_ids[d], "position",
                                                fc_json_number(p->position[a * p->n_dims + d]), "salience",
                                                fc_json_number(p->salience[a * p->n_dims + d])));
            }
        }
    }
    json_object_set_new(root, "issues", issues);
    json_object_set_new(root, "actors", actors);
    /* The small head as a tree, printed member by member; the forecasts streamed after it. */
    fc_buf b;
    fc_buf_init(&b);
    block top = {&b, 0, 0};
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value)
    {
        member(&top, key);
        fc_json_print(&b, value, 2);
    }
    json_decref(root);
    member(&top, "forecasts");
    block fs = {&b, 2, 0};
    for (size_t k = 0; k < n_problems; k++) {
        const fc_problem *p = set_problem(set, k);
        for (size_t m = 0; m < set_n_forecasts(set, k); m++)
            for (size_t d = 0; d < p->n_dims; d++) {
                item(&fs);
                forecast_entry(&b, 4, p, set_forecast(set, k, m), d);
            }
    }
    if (fs.n)
        end(&fs, "]");
    else
        fc_buf_puts(&b, "[]");
    end(&top, "}");
    fc_buf_puts(&b, "\n");
    *out = fc_buf_take(&b);
    return *out ? FC_OK : fc_error_nomem(err);
}

/* One problem's rows of the long table. */
static void csv_rows(fc_buf *b, const fc_problem *p, const fc_forecast *const *fs, size_t n)
{
    size_t nd = p->n_dims;
    for (size_t m = 0; m < n; m++) {
        const fc_forecast *f = fs[m];
        for (size_t t = 0; t <= f->n_rounds; t++) {
            const double *x = fc_forecast_positions_at(f, t);
            for (size_t i = 0; i < p->n_actors; i++)
                for (size_t d = 0; d < nd; d++) {
                    fc_buf_csv_text(b, f->model);
                    fc_buf_puts(b, ",");
                    fc_buf_csv_text(b, preset_label(f));
                    fc_buf_printf(b, ",%zu,", t);
                    fc_buf_csv_text(b, p->actor_ids[i]);
                    fc_buf_puts(b, ",");
                    fc_buf_csv_text(b, p->dim_ids[d]);
                    fc_buf_puts(b, nd > 1 ? ",TRUE," : ",FALSE,");
                    fc_buf_csv_number(b, x[i * nd + d]);
                    fc_buf_puts(b, ",");
                    fc_buf_csv_number(b, f->median[t * nd + d]);
                    fc_buf_puts(b, ",");
                    fc_buf_csv_number(b, f->mean[t * nd + d]);
                    fc_buf_puts(b, ",");
                    fc_buf_csv_number(b, f->point[t * nd + d]);
                    fc_buf_printf(b, ",%d\n", FC_REPORT_FORMAT_VERSION);
                }
        }
    }
}

fc_status fc_report_csv(const fc_forecast_set *set, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    /* The format version is a column, not a leading comment line: read.csv and read_csv
     * would take such a line for the header. */
    fc_buf_puts(&b, "model,preset,round,actor,issue,joint,position,median,mean,forecast,format_version\n");
    csv_rows(&b, set->problem, set->forecasts, set->n_forecasts);
    for (size_t k = 0; k < set->n_parts; k++)
        csv_rows(&b, &set->parts[k].problem, (const fc_forecast *const *)set->parts[k].forecasts,
                 set->parts[k].n_forecasts);
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}
