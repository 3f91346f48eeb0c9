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

/* The entry of forecast f for dimension d of problem p. */
static json_t *forecast_json(const fc_problem *p, const fc_forecast *f, size_t d)
{
    size_t nd = p->n_dims;
    json_t *o = json_object();
    json_object_set_new(o, "model", json_string(f->model));
    json_object_set_new(o, "preset", json_string(preset_label(f)));
    json_object_set_new(o, "issue", json_string(p->dim_ids[d]));
    json_object_set_new(o, "joint", json_boolean(nd > 1));
    json_object_set_new(o, "forecast", fc_json_number(f->outcome[d]));
    json_object_set_new(o, "n_rounds", json_integer((json_int_t)f->n_rounds));
    json_object_set_new(o, "converged", f->converged < 0 ? json_null() : json_boolean(f->converged));
    json_t *rounds = json_array();
    for (size_t t = 0; t <= f->n_rounds; t++) {
        json_t *r = json_object();
        json_object_set_new(r, "round", json_integer((json_int_t)t));
        json_t *pos = json_object();
        const double *x = fc_forecast_positions_at(f, t);
        for (size_t i = 0; i < p->n_actors; i++)
            json_object_set_new(pos, p->actor_ids[i], fc_json_number(x[i * nd + d]));
        json_object_set_new(r, "positions", pos);
        json_object_set_new(r, "median", fc_json_number(f->median[t * nd + d]));
        json_object_set_new(r, "mean", fc_json_number(f->mean[t * nd + d]));
        json_object_set_new(r, "forecast", fc_json_number(f->point[t * nd + d]));
        for (size_t s = 0; s < f->n_series; s++) {
            const fc_series *se = &f->series[s];
            json_t *vals = json_object();
            if (se->width == p->n_actors) {
                for (size_t i = 0; i < p->n_actors; i++)
                    json_object_set_new(vals, p->actor_ids[i], fc_json_number(se->values[t * se->width + i]));
            } else {
                json_decref(vals);
                vals = json_array();
                for (size_t i = 0; i < se->width; i++)
                    json_array_append_new(vals, fc_json_number(se->values[t * se->width + i]));
            }
            json_object_set_new(r, se->name, vals);
        }
        json_array_append_new(rounds, r);
    }
    json_object_set_new(o, "rounds", rounds);
    json_t *events = json_array();
    for (size_t e = 0; e < f->n_events; e++) {
        const fc_event *ev = &f->events[e];
        json_t *j = json_object();
        json_object_set_new(j, "round", json_integer(ev->round));
        json_object_set_new(j, "challenger", json_string(p->actor_ids[ev->challenger]));
        json_object_set_new(j, "target", json_string(p->actor_ids[ev->target]));
        json_object_set_new(j, "kind", json_string(fc_event_kind_name(ev->kind)));
        json_object_set_new(j, "eu_challenger", fc_json_number(ev->eu_challenger));
        json_object_set_new(j, "eu_target", fc_json_number(ev->eu_target));
        json_object_set_new(j, "from", fc_json_number(fc_event_old_position(f, ev)[d]));
        json_object_set_new(j, "to", fc_json_number(fc_event_new_position(f, ev)[d]));
        if (ev->accepted >= 0)
            json_object_set_new(j, "accepted", json_boolean(ev->accepted));
        json_array_append_new(events, j);
    }
    json_object_set_new(o, "events", events);
    json_object_set_new(o, "explanation", f->explanation ? json_string(f->explanation) : json_null());
    return o;
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
    json_t *fs = json_array();
    for (size_t k = 0; k < n_problems; k++) {
        const fc_problem *p = set_problem(set, k);
        for (size_t m = 0; m < set_n_forecasts(set, k); m++)
            for (size_t d = 0; d < p->n_dims; d++)
                json_array_append_new(fs, forecast_json(p, set_forecast(set, k, m), d));
    }
    json_object_set_new(root, "forecasts", fs);
    return fc_json_to_text(root, out, err);
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
