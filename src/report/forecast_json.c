/* Forecasts as JSON (for programs) and as a long CSV table (one row per model, round, actor
 * and issue) that R's read.csv and pandas.read_csv take as it is. */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "fulcrum/report.h"
#include "fulcrum/util.h"
#include "util/json_text.h"
#include "util/strutil.h"

/* One value per dimension: a number for one issue, an array for several. */
static json_t *dims_json(const double *v, size_t nd)
{
    if (nd == 1)
        return fc_json_number(v[0]);
    json_t *a = json_array();
    for (size_t d = 0; d < nd; d++)
        json_array_append_new(a, fc_json_number(v[d]));
    return a;
}

static json_t *forecast_json(const fc_problem *p, const fc_forecast *f)
{
    size_t nd = p->n_dims;
    json_t *o = json_object();
    json_object_set_new(o, "model", json_string(f->model));
    json_object_set_new(o, "preset", f->preset[0] ? json_string(f->preset) : json_null());
    json_object_set_new(o, "forecast", dims_json(f->outcome, nd));
    json_object_set_new(o, "n_rounds", json_integer((json_int_t)f->n_rounds));
    json_object_set_new(o, "converged", f->converged < 0 ? json_null() : json_boolean(f->converged));
    json_t *rounds = json_array();
    for (size_t t = 0; t <= f->n_rounds; t++) {
        json_t *r = json_object();
        json_object_set_new(r, "round", json_integer((json_int_t)t));
        json_t *pos = json_object();
        const double *x = fc_forecast_positions_at(f, t);
        for (size_t i = 0; i < p->n_actors; i++)
            json_object_set_new(pos, p->actor_ids[i], dims_json(x + i * nd, nd));
        json_object_set_new(r, "positions", pos);
        json_object_set_new(r, "median", dims_json(f->median + t * nd, nd));
        json_object_set_new(r, "mean", dims_json(f->mean + t * nd, nd));
        json_object_set_new(r, "forecast", dims_json(f->point + t * nd, nd));
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
        json_object_set_new(j, "from", dims_json(fc_event_old_position(f, ev), nd));
        json_object_set_new(j, "to", dims_json(fc_event_new_position(f, ev), nd));
        if (ev->accepted >= 0)
            json_object_set_new(j, "accepted", json_boolean(ev->accepted));
        json_array_append_new(events, j);
    }
    json_object_set_new(o, "events", events);
    json_object_set_new(o, "explanation", f->explanation ? json_string(f->explanation) : json_null());
    return o;
}

fc_status fc_report_json(const fc_forecast_set *set, char **out, fc_error *err)
{
    const fc_scenario *sc = set->scenario;
    const fc_problem *p = set->problem;
    json_t *root = json_object();
    /* First, so a reader can check it before anything else: raised when a key changes meaning
     * or shape (docs/cli.md). */
    json_object_set_new(root, "format_version", json_integer(FC_REPORT_FORMAT_VERSION));
    json_t *s = json_object();
    json_object_set_new(s, "title", sc->title ? json_string(sc->title) : json_null());
    json_object_set_new(s, "date", sc->date ? json_string(sc->date) : json_null());
    json_object_set_new(s, "file", sc->origin ? json_string(sc->origin) : json_null());
    json_object_set_new(root, "scenario", s);
    json_t *issues = json_array();
    for (size_t d = 0; d < p->n_dims; d++) {
        long ix = fc_scenario_issue_index(sc, p->dim_ids[d]);
        json_t *i = json_object();
        json_object_set_new(i, "id", json_string(p->dim_ids[d]));
        json_object_set_new(i, "label", ix >= 0 && sc->issues[ix].label ? json_string(sc->issues[ix].label) : json_null());
        json_object_set_new(i, "min", fc_json_number(p->scale_min[d]));
        json_object_set_new(i, "max", fc_json_number(p->scale_max[d]));
        json_object_set_new(i, "status_quo", fc_json_number(p->status_quo[d]));
        json_array_append_new(issues, i);
    }
    json_object_set_new(root, "issue", json_incref(json_array_get(issues, 0)));
    if (p->n_dims > 1)
        json_object_set_new(root, "issues", issues);
    else
        json_decref(issues);
    json_t *actors = json_array();
    for (size_t i = 0; i < p->n_actors; i++)
        json_array_append_new(actors,
                              json_pack("{s:s,s:s,s:o,s:o,s:o}", "id", p->actor_ids[i], "name", p->actor_names[i],
                                        "capability", fc_json_number(p->capability[i]), "position",
                                        dims_json(p->position + i * p->n_dims, p->n_dims), "salience",
                                        dims_json(p->salience + i * p->n_dims, p->n_dims)));
    json_object_set_new(root, "actors", actors);
    json_t *fs = json_array();
    for (size_t m = 0; m < set->n_forecasts; m++)
        json_array_append_new(fs, forecast_json(p, set->forecasts[m]));
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
                    fc_buf_csv_text(b, f->preset[0] ? f->preset : "NA");
                    fc_buf_printf(b, ",%zu,", t);
                    fc_buf_csv_text(b, p->actor_ids[i]);
                    fc_buf_puts(b, ",");
                    fc_buf_csv_text(b, p->dim_ids[d]);
                    fc_buf_puts(b, ",");
                    fc_buf_csv_number(b, x[i * nd + d]);
                    fc_buf_puts(b, ",");
                    fc_buf_csv_number(b, f->median[t * nd + d]);
                    fc_buf_puts(b, ",");
                    fc_buf_csv_number(b, f->mean[t * nd + d]);
                    fc_buf_puts(b, ",");
                    fc_buf_csv_number(b, f->point[t * nd + d]);
                    fc_buf_puts(b, "\n");
                }
        }
    }
}

fc_status fc_report_csv(const fc_forecast_set *set, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "model,preset,round,actor,issue,position,median,mean,forecast\n");
    csv_rows(&b, set->problem, set->forecasts, set->n_forecasts);
    for (size_t k = 0; k < set->n_parts; k++)
        csv_rows(&b, &set->parts[k].problem, (const fc_forecast *const *)set->parts[k].forecasts,
                 set->parts[k].n_forecasts);
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}
