/* The API's calls: each takes a scenario (YAML, JSON or CSV text; none: the built-in case) and
 * key=value parameters, calls the library's entry point and returns the library's own JSON
 * (or its text, HTML or SVG inside a JSON object). Nothing here re-derives a figure. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

#define MAX_SETTINGS 64

/* cairo and fontconfig keep caches the charts share: one chart (or report) at a time. */
static pthread_mutex_t chart_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct command_def {
    const char *name;
    int kept;                  /* its runs go to the store */
    const char *params;        /* the parameters it takes, space-separated */
} command_def;

static const command_def commands[] = {
    {"validate", 0, "salience_scale"},
    {"forecast", 1, "salience_scale issue model preset set rounds format"},
    {"dilemma", 1, "salience_scale issue model preset mode backlash backlash_weight either_runs"},
    {"game", 1, "salience_scale pressure_cost pressured_cost effect details"},
    {"backtest", 1, "capabilities model preset set baseline boot seed"},
    {"report", 1, "salience_scale issue model preset set rounds round dilemma mode sweep"},
    {"chart", 0, "salience_scale issue model preset set rounds kind forecast dim round mode runs width"},
    {"sweep", 1, "salience_scale issue model preset set rounds runs seed jitter choices mode sensitivity threads"},
};

static const command_def *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int serve_command_known(const char *command, int *kept)
{
    const command_def *d = find_command(command);
    if (d && kept)
        *kept = d->kept;
    return d != NULL;
}

/* Is `key` one of the space-separated words of list? */
static int listed(const char *list, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, key, n) == 0)
            return 1;
        p += len;
        while (*p == ' ')
            p++;
    }
    return 0;
}

static fc_status check_params(const serve_call *c, const command_def *d, fc_error *err)
{
    for (size_t i = 0; i < c->n_params; i++) {
        const char *k = c->params[i].key;
        if (!listed(d->params, k))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, k, "unknown parameter '%s' for /api/%s (it takes: %s)",
                                k, d->name, d->params);
        if (strcmp(k, "set") != 0)
            for (size_t j = i + 1; j < c->n_params; j++)
                if (strcmp(c->params[j].key, k) == 0)
                    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, k, "parameter '%s' given twice", k);
    }
    return FC_OK;
}

static const char *param(const serve_call *c, const char *key)
{
    for (size_t i = 0; i < c->n_params; i++)
        if (strcmp(c->params[i].key, key) == 0)
            return c->params[i].value;
    return NULL;
}

static fc_status number_param(const serve_call *c, const char *key, double lo, double hi, int whole, double *out,
                              fc_error *err)
{
    const char *v = param(c, key);
    if (!v)
        return FC_OK;
    double x;
    fc_number_status ns = fc_number_parse(v, &x);
    if (ns != FC_NUMBER_OK)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key, "'%s' is %s", v, fc_number_status_text(ns));
    if (x < lo || x > hi || (whole && x != floor(x)))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key, "needs %s from %.17g to %.17g, not '%s'",
                            whole ? "a whole number" : "a number", lo, hi, v);
    *out = x;
    return FC_OK;
}

static fc_status flag_param(const serve_call *c, const char *key, int *out, fc_error *err)
{
    const char *v = param(c, key);
    if (!v)
        return FC_OK;
    if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
        *out = 1;
    else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
        *out = 0;
    else
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key, "needs 1 or 0 (true or false), not '%s'", v);
    return FC_OK;
}

static fc_status mode_param(const serve_call *c, fc_dilemma_mode *mode, fc_error *err)
{
    const char *v = param(c, "mode");
    *mode = FC_DILEMMA_START;
    if (!v || strcmp(v, "start") == 0)
        return FC_OK;
    if (strcmp(v, "commit") == 0) {
        *mode = FC_DILEMMA_COMMIT;
        return FC_OK;
    }
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "mode", "needs start or commit, not '%s'", v);
}

/* Model settings: every set=NAME=VALUE, then rounds=N. */
typedef struct settings {
    const char *list[MAX_SETTINGS + 1];
    size_t n;
    char rounds[48];
} settings;

static fc_status collect_settings(const serve_call *c, settings *s, fc_error *err)
{
    s->n = 0;
    for (size_t i = 0; i < c->n_params; i++) {
        if (strcmp(c->params[i].key, "set") != 0)
            continue;
        if (!strchr(c->params[i].value, '='))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "set", "needs NAME=VALUE, not '%s'", c->params[i].value);
        if (s->n >= MAX_SETTINGS)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "set", "more than %d settings", MAX_SETTINGS);
        s->list[s->n++] = c->params[i].value;
    }
    double rounds = -1;
    fc_status st = number_param(c, "rounds", 0, 1000000, 1, &rounds, err);
    if (st)
        return st;
    if (rounds >= 0) {
        snprintf(s->rounds, sizeof s->rounds, "rounds=%.0f", rounds);
        s->list[s->n++] = s->rounds;
    }
    return FC_OK;
}

/* The name the scenario gets in messages and results; "builtin" is the built-in case's text
 * (sent as an empty body), named as the library names it so that results are the same. */
static const char *text_name(const serve_call *c)
{
    if (c->name && *c->name)
        return c->name;
    if (strcmp(c->format, "builtin") == 0)
        return "(built-in) scenarios/azerbaijan-2014.yaml";
    if (strcmp(c->format, "json") == 0)
        return "scenario.json";
    if (strcmp(c->format, "csv") == 0)
        return "scenario.csv";
    if (strcmp(c->format, "tsv") == 0)
        return "table.tsv";
    return "scenario.yaml";
}

static fc_status salience_scale(const serve_call *c, double *scale, fc_error *err)
{
    *scale = 100;
    const char *v = param(c, "salience_scale");
    if (!v)
        return FC_OK;
    if (strcmp(v, "100") == 0)
        return FC_OK;
    if (strcmp(v, "1") == 0) {
        *scale = 1;
        return FC_OK;
    }
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "salience_scale", "needs 100 or 1, not '%s'", v);
}

static fc_status load_scenario(const serve_call *c, fc_scenario **out, fc_error *err)
{
    double scale;
    fc_status st = salience_scale(c, &scale, err);
    if (st)
        return st;
    if (!c->body_len)
        return fc_scenario_load_builtin(out, err);
    fc_load_options lo;
    fc_load_options_init(&lo);
    lo.csv_salience_scale = scale;
    if (strcmp(c->format, "builtin") == 0)
        lo.format = FC_FORMAT_YAML;
    return fc_scenario_parse(c->body, c->body_len, text_name(c), &lo, out, err);
}

/* Options for fc_run_forecast from the call: its scenario text, issue, models, settings. */
static fc_status run_options(const serve_call *c, settings *s, fc_run_options *ro, fc_error *err)
{
    fc_run_options_init(ro);
    fc_status st = salience_scale(c, &ro->csv_salience_scale, err);
    if (!st)
        st = collect_settings(c, s, err);
    if (st)
        return st;
    if (c->body_len) {
        ro->text = c->body;
        ro->text_len = c->body_len;
        ro->text_name = text_name(c);
    }
    ro->issue = param(c, "issue");
    ro->model = param(c, "model");
    ro->preset = param(c, "preset");
    ro->settings = s->list;
    ro->n_settings = s->n;
    return FC_OK;
}

static void notes_json(serve_buf *b, const fc_run_note *notes, size_t n)
{
    static const char *kinds[] = {"advice", "applied", "skipped"};
    serve_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        const fc_run_note *nt = &notes[i];
        serve_buf_puts(b, i ? ",{\"kind\":" : "{\"kind\":");
        serve_buf_json_cstr(b, (unsigned)nt->kind < 3 ? kinds[nt->kind] : "note");
        serve_buf_puts(b, ",\"message\":");
        serve_buf_json_cstr(b, nt->message);
        serve_buf_puts(b, ",\"field\":");
        serve_buf_json_cstr(b, nt->field);
        serve_buf_puts(b, ",\"value\":");
        serve_buf_json_cstr(b, nt->value);
        serve_buf_puts(b, ",\"when\":");
        serve_buf_json_cstr(b, nt->when);
        serve_buf_puts(b, "}");
    }
    serve_buf_puts(b, "]");
}

/* {"<key>": "<text>"} around a text the library wrote. */
static char *wrap_text(const char *key, const char *text, size_t len)
{
    serve_buf b = {0};
    serve_buf_puts(&b, "{");
    serve_buf_json_cstr(&b, key);
    serve_buf_puts(&b, ":");
    serve_buf_json_string(&b, text, len);
    serve_buf_puts(&b, "}");
    return serve_buf_take(&b);
}

static fc_status do_validate(const serve_call *c, char **out, fc_error *err)
{
    fc_scenario *sc = NULL;
    char *json = NULL, *yaml = NULL;
    fc_status st = load_scenario(c, &sc, err);
    if (!st)
        st = fc_scenario_to_json(sc, &json, err);
    if (!st)
        st = fc_scenario_to_yaml(sc, &yaml, err);
    if (!st) {
        serve_buf b = {0};
        serve_buf_printf(&b, "{\"valid\":true,\"issues\":%zu,\"actors\":%zu,\"relations\":%zu,\"choices\":%zu,"
                             "\"scenario\":",
                         sc->n_issues, sc->n_actors, sc->n_relations, sc->n_choices);
        serve_buf_puts(&b, json);
        serve_buf_puts(&b, ",\"yaml\":");
        serve_buf_json_cstr(&b, yaml);
        serve_buf_puts(&b, "}");
        if (!(*out = serve_buf_take(&b)))
            st = fc_error_nomem(err);
    }
    free(json);
    free(yaml);
    fc_scenario_free(sc);
    return st;
}

static fc_status do_forecast(const serve_call *c, serve_buf *notes, char **out, fc_error *err)
{
    settings s;
    fc_run_options ro;
    fc_run_result *run = NULL;
    fc_status st = run_options(c, &s, &ro, err);
    if (!st)
        st = fc_run_forecast(&ro, &run, err);
    if (!st) {
        if (notes)
            notes_json(notes, run->notes, run->n_notes);
        fc_forecast_set set = {.scenario = run->scenario, .problem = &run->problem,
                               .forecasts = (const fc_forecast *const *)run->forecasts,
                               .n_forecasts = run->n_forecasts,
                               .parts = run->parts, .n_parts = run->n_parts};
        const char *format = param(c, "format");
        if (!format || strcmp(format, "json") == 0) {
            st = fc_report_json(&set, out, err);
        } else if (strcmp(format, "csv") == 0) {
            char *csv = NULL;
            st = fc_report_csv(&set, &csv, err);
            if (!st && !(*out = wrap_text("csv", csv, strlen(csv))))
                st = fc_error_nomem(err);
            free(csv);
        } else {
            st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "format", "needs json or csv, not '%s'", format);
        }
    }
    fc_run_result_free(run);
    return st;
}

/* The dilemma as every front end runs it (fc_report_analysis): every issue unless one is
 * named, the backlash, the either/or's runs. */
static fc_status do_dilemma(const serve_call *c, char **out, fc_error *err)
{
    settings s;
    fc_run_options ro;
    fc_dilemma_mode mode;
    fc_status st = run_options(c, &s, &ro, err);
    if (!st)
        st = mode_param(c, &mode, err);
    if (st)
        return st;
    ro.settings = NULL;
    ro.n_settings = 0;
    static const char *const keys[] = {"backlash", "backlash_weight", "either_runs"};
    char buf[4][160];
    const char *args[4];
    size_t n = 0;
    snprintf(buf[n], sizeof buf[n], "mode=%s", mode == FC_DILEMMA_COMMIT ? "commit" : "start");
    args[n] = buf[n];
    n++;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const char *v = param(c, keys[k]);
        if (!v)
            continue;
        snprintf(buf[n], sizeof buf[n], "%s=%.120s", keys[k], v);
        args[n] = buf[n];
        n++;
    }
    return fc_report_analysis(&ro, "dilemma", "json", args, n, out, err);
}

static fc_status do_game(const serve_call *c, char **out, fc_error *err)
{
    fc_scenario *sc = NULL;
    fc_status st = load_scenario(c, &sc, err);
    if (st)
        return st;
    fc_dilemma_game_options opt;
    fc_dilemma_game_options_from_scenario(&opt, sc);
    int details = 0;
    if (!st)
        st = number_param(c, "pressure_cost", 0, 1e9, 0, &opt.pressure_cost, err);
    if (!st)
        st = number_param(c, "pressured_cost", 0, 1e9, 0, &opt.pressured_cost, err);
    if (!st)
        st = number_param(c, "effect", 0, 1e9, 0, &opt.effect, err);
    if (!st)
        st = flag_param(c, "details", &details, err);
    fc_game *g = NULL;
    char *head = NULL, *body = NULL;
    if (!st)
        st = fc_game_from_scenario(sc, &opt, &g, err);
    fc_scenario_free(sc);
    if (!st)
        st = fc_dilemma_game_header_text(g, &opt, &head, err);
    if (!st) {
        fc_dilemma_game_result res;
        st = fc_dilemma_game_solve(g, &res, err);
        if (!st) {
            st = fc_dilemma_game_text(g, &res, details != 0, &body, err);
            fc_dilemma_game_result_free(&res);
        }
    }
    if (!st) {
        serve_buf b = {0};
        serve_buf_puts(&b, head);
        serve_buf_puts(&b, body);
        char *text = serve_buf_take(&b);
        *out = text ? wrap_text("text", text, strlen(text)) : NULL;
        free(text);
        if (!*out)
            st = fc_error_nomem(err);
    }
    free(head);
    free(body);
    fc_game_free(g);
    return st;
}

static fc_status do_backtest(const serve_call *c, char **out, fc_error *err)
{
    if (!c->body_len)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "body",
                            "a backtest needs a DEU table in the body (text/tab-separated-values)");
    fc_deu_capabilities caps = FC_DEU_COUNCIL_VOTES;
    const char *cv = param(c, "capabilities");
    fc_status st = FC_OK;
    if (cv && (st = fc_deu_capabilities_parse(cv, &caps, err)))
        return st;
    fc_backtest_options o;
    fc_backtest_options_init(&o);
    double boot = (double)o.n_boot, seed = (double)o.seed;
    settings s = {.n = 0};
    for (size_t i = 0; i < c->n_params && !st; i++)
        if (strcmp(c->params[i].key, "set") == 0) {
            if (s.n >= MAX_SETTINGS)
                st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "set", "more than %d settings", MAX_SETTINGS);
            else
                s.list[s.n++] = c->params[i].value;
        }
    if (!st)
        st = number_param(c, "boot", 0, 1e6, 1, &boot, err);
    if (!st)
        st = number_param(c, "seed", 0, 9007199254740992.0, 1, &seed, err);
    if (st)
        return st;
    o.model = param(c, "model");
    o.preset = param(c, "preset");
    if (param(c, "baseline"))
        o.baseline = param(c, "baseline");
    o.settings = s.list;
    o.n_settings = s.n;
    o.n_boot = (size_t)boot;
    o.seed = (uint64_t)seed;
    fc_deu_set *set = NULL;
    fc_backtest_result *r = NULL;
    st = fc_deu_parse(c->body, c->body_len, text_name(c), caps, &set, err);
    if (!st)
        st = fc_backtest_run(set, &o, &r, err);
    if (!st)
        st = fc_backtest_report_json(r, out, err);
    fc_backtest_result_free(r);
    fc_deu_set_free(set);
    return st;
}

static fc_status sweep_runs(const serve_call *c, double dflt, double *runs, fc_error *err)
{
    double max = c->max_runs ? (double)c->max_runs : 1e9;
    *runs = dflt;
    return number_param(c, "runs", 1, max, 1, runs, err);
}

static fc_status do_report(const serve_call *c, char **out, fc_error *err)
{
    settings s;
    fc_run_options ro;
    fc_html_options o = {0};
    fc_dilemma_mode mode;
    int dilemma = 0;
    double round = 0, sweep = 0;
    fc_status st = run_options(c, &s, &ro, err);
    if (!st)
        st = mode_param(c, &mode, err);
    if (!st)
        st = flag_param(c, "dilemma", &dilemma, err);
    if (!st)
        st = number_param(c, "round", 1, 1000000, 1, &round, err);
    if (!st && param(c, "sweep")) {
        double max = c->max_runs ? (double)c->max_runs : 1e9;
        st = number_param(c, "sweep", 1, max, 1, &sweep, err);
    }
    if (st)
        return st;
    o.bargain_round = (size_t)round;
    fc_run_result *run = NULL;
    fc_dilemma *d = NULL;
    fc_chart_dilemma *cd = NULL;
    fc_sweep_result *sr = NULL;
    fc_chart_sweep *cs = NULL;
    char *html = NULL;
    st = fc_run_forecast(&ro, &run, err);
    pthread_mutex_lock(&chart_lock);
    if (!st && dilemma) {
        st = fc_chart_dilemma_compute(run->scenario, ro.issue, ro.model, ro.preset, mode, &d, &cd, err);
        o.dilemma = cd;
    }
    if (!st && sweep > 0) {
        st = fc_chart_sweep_compute(run->scenario, ro.issue, ro.model, ro.preset, (size_t)sweep, &sr, &cs, NULL, NULL,
                                    err);
        o.sweep = cs;
    }
    if (!st) {
        fc_forecast_set set = {.scenario = run->scenario, .problem = &run->problem,
                               .forecasts = (const fc_forecast *const *)run->forecasts,
                               .n_forecasts = run->n_forecasts};
        st = fc_report_html(&set, &o, &html, err);
    }
    pthread_mutex_unlock(&chart_lock);
    if (!st && !(*out = wrap_text("html", html, strlen(html))))
        st = fc_error_nomem(err);
    free(html);
    free(cd);
    fc_dilemma_free(d);
    free(cs);
    fc_sweep_result_free(sr);
    fc_run_result_free(run);
    return st;
}

static fc_status do_chart(const serve_call *c, char **out, fc_error *err)
{
    settings s;
    fc_run_options ro;
    fc_dilemma_mode mode;
    double forecast = -1, dim = 0, round = 0, runs = 0, width = 0;
    const char *kind_name = param(c, "kind") ? param(c, "kind") : "issue";
    int kind = fc_chart_kind_parse(kind_name);
    if (kind < 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "kind",
                            "needs issue, trajectory, bargains, dilemma or sweep, not '%s'", kind_name);
    fc_status st = run_options(c, &s, &ro, err);
    if (!st)
        st = mode_param(c, &mode, err);
    if (!st)
        st = number_param(c, "forecast", 0, 1e6, 1, &forecast, err);
    if (!st)
        st = number_param(c, "dim", 0, 1e6, 1, &dim, err);
    if (!st)
        st = number_param(c, "round", 1, 1e6, 1, &round, err);
    if (!st)
        st = number_param(c, "width", 100, 4000, 0, &width, err);
    if (!st)
        st = sweep_runs(c, 500, &runs, err);
    if (st)
        return st;
    fc_run_result *run = NULL;
    fc_dilemma *d = NULL;
    fc_chart_dilemma *cd = NULL;
    fc_sweep_result *sr = NULL;
    fc_chart_sweep *cs = NULL;
    fc_chart_image img = {0};
    st = fc_run_forecast(&ro, &run, err);
    if (!st && forecast >= (double)run->n_forecasts)
        st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "forecast", "there are %zu forecasts (0 to %zu)",
                          run->n_forecasts, run->n_forecasts ? run->n_forecasts - 1 : 0);
    pthread_mutex_lock(&chart_lock);
    fc_forecast_set set = {0};
    fc_chart_request rq = {.kind = (fc_chart_kind)kind, .dim = (size_t)dim, .round = (size_t)round};
    rq.options.width = width;
    if (!st) {
        set = (fc_forecast_set){.scenario = run->scenario, .problem = &run->problem,
                                .forecasts = (const fc_forecast *const *)run->forecasts,
                                .n_forecasts = run->n_forecasts};
        rq.set = &set;
        rq.forecast = forecast >= 0 ? (size_t)forecast : fc_run_richest(run);
    }
    if (!st && kind == FC_CHART_DILEMMA)
        st = fc_chart_dilemma_compute(run->scenario, ro.issue, ro.model, ro.preset, mode, &d, &cd, err);
    if (!st && kind == FC_CHART_SWEEP)
        st = fc_chart_sweep_compute(run->scenario, ro.issue, ro.model, ro.preset, (size_t)runs, &sr, &cs, NULL, NULL,
                                    err);
    rq.dilemma = cd;
    rq.sweep = cs;
    if (!st)
        st = fc_chart_render(&rq, FC_CHART_SVG, &img, err);
    pthread_mutex_unlock(&chart_lock);
    if (!st) {
        serve_buf b = {0};
        serve_buf_puts(&b, "{\"kind\":");
        serve_buf_json_cstr(&b, fc_chart_kind_name((fc_chart_kind)kind));
        serve_buf_puts(&b, ",\"svg\":");
        serve_buf_json_string(&b, (const char *)img.data, img.len);
        serve_buf_puts(&b, "}");
        if (!(*out = serve_buf_take(&b)))
            st = fc_error_nomem(err);
    }
    fc_chart_image_free(&img);
    free(cd);
    fc_dilemma_free(d);
    free(cs);
    fc_sweep_result_free(sr);
    fc_run_result_free(run);
    return st;
}

static fc_status do_sweep(const serve_call *c, serve_buf *notes, char **out, fc_error *err)
{
    settings s;
    double runs, seed = 1, threads = 0;
    int choices = 0, sensitivity = 1;
    fc_dilemma_mode mode;
    const fc_model *m = NULL;
    fc_status st = collect_settings(c, &s, err);
    if (!st)
        st = sweep_runs(c, 1000, &runs, err);
    if (!st)
        st = number_param(c, "seed", 0, 9007199254740992.0, 1, &seed, err);
    if (!st)
        st = number_param(c, "threads", 0, 4096, 1, &threads, err);
    if (!st)
        st = flag_param(c, "choices", &choices, err);
    if (!st)
        st = flag_param(c, "sensitivity", &sensitivity, err);
    if (!st)
        st = mode_param(c, &mode, err);
    if (!st && param(c, "mode") && !choices)
        st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "mode", "mode goes with choices=1");
    if (!st)
        st = fc_run_one_model(param(c, "model"), param(c, "preset"), &m, err);
    if (st)
        return st;
    fc_scenario *sc = NULL;
    if ((st = load_scenario(c, &sc, err)))
        return st;
    fc_default_uncertainty jitter;
    fc_run_note note;
    int noted = 0;
    st = fc_run_sweep_jitter(sc, param(c, "jitter"), &jitter, &note, &noted, err);
    if (!st && notes)
        notes_json(notes, &note, noted ? 1 : 0);
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = m;
    o.preset = param(c, "preset");
    o.settings = s.list;
    o.n_settings = s.n;
    o.issue = param(c, "issue");
    o.runs = (size_t)runs;
    o.seed = (uint64_t)seed;
    o.threads = (int)threads;
    o.jitter = &jitter;
    o.choices = choices;
    o.commit = mode == FC_DILEMMA_COMMIT;
    o.sensitivity = sensitivity;
    o.progress = c->progress;
    o.progress_ctx = c->progress_ctx;
    o.cancel = c->cancel;
    fc_sweep_result *r = NULL;
    if (!st)
        st = fc_sweep_run(sc, &o, &r, err);
    if (!st)
        st = fc_sweep_report_json(r, 0, out, err);
    fc_sweep_result_free(r);
    fc_scenario_free(sc);
    return st;
}

fc_status serve_execute_notes(const serve_call *c, serve_buf *notes, char **result, fc_error *err)
{
    *result = NULL;
    const command_def *d = find_command(c->command);
    if (!d)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "command", "no such command '%s'", c->command);
    fc_status st = check_params(c, d, err);
    if (st)
        return st;
    size_t bad;
    if (c->body_len && !fc_utf8_valid(c->body, c->body_len, &bad))
        return fc_error_set(err, FC_EINPUT, text_name(c), 0, 0, "body", "not UTF-8 text (byte %zu)", bad + 1);
    if (strcmp(d->name, "validate") == 0)
        st = do_validate(c, result, err);
    else if (strcmp(d->name, "forecast") == 0)
        st = do_forecast(c, notes, result, err);
    else if (strcmp(d->name, "dilemma") == 0)
        st = do_dilemma(c, result, err);
    else if (strcmp(d->name, "game") == 0)
        st = do_game(c, result, err);
    else if (strcmp(d->name, "backtest") == 0)
        st = do_backtest(c, result, err);
    else if (strcmp(d->name, "report") == 0)
        st = do_report(c, result, err);
    else if (strcmp(d->name, "chart") == 0)
        st = do_chart(c, result, err);
    else
        st = do_sweep(c, notes, result, err);
    if (st) {
        free(*result);
        *result = NULL;
    } else if (!*result) {
        st = fc_error_nomem(err);
    }
    return st;
}

fc_status serve_check_call(const serve_call *c, fc_error *err)
{
    const command_def *d = find_command(c->command);
    if (!d)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "command", "no such command '%s'", c->command);
    return check_params(c, d, err);
}

fc_status serve_execute(const serve_call *c, char **result, fc_error *err)
{
    return serve_execute_notes(c, NULL, result, err);
}
