/* One call from a scenario to an analysis's report or a chart: the dilemma, the sweep and the
 * backtest as the text the command line prints, and any chart as SVG, PNG or PDF bytes, with
 * their options as "key=value" strings. The Python and R bindings call these so that they
 * mirror none of the analyses' option structs and every number they show is the library's. */
#include "fulcrum/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/charts.h"
#include "fulcrum/dilemma.h"
#include "fulcrum/run.h"
#include "fulcrum/sweep.h"
#include "fulcrum/util.h"
#include "report/chart_internal.h"

/* Where an analysis puts the notes of its run for fc_report_analysis_noted; items NULL: nowhere. */
typedef struct note_sink {
    fc_run_note **items;
    size_t *n;
} note_sink;

static fc_status sink_add(note_sink *s, const fc_run_note *add, size_t n_add, fc_error *err)
{
    if (!s->items || !n_add)
        return FC_OK;
    fc_run_note *grown = realloc(*s->items, (*s->n + n_add) * sizeof *grown);
    if (!grown)
        return fc_error_nomem(err);
    memcpy(grown + *s->n, add, n_add * sizeof *grown);
    *s->items = grown;
    *s->n += n_add;
    return FC_OK;
}

static fc_status bad_format(const char *analysis, const char *fmt, const char *allowed, fc_error *err)
{
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "format", "the %s's format must be %s, not '%s'", analysis,
                        allowed, fmt);
}

/* Appends the advice on option `choice` for every model run of every issue's dilemma to *text. */
static fc_status advise(const fc_scenario *sc, const fc_dilemma_options *o, fc_dilemma *const *ds, size_t n,
                        const char *choice, char **text, fc_error *err)
{
    for (size_t k = 0; k < n; k++) {
        const fc_dilemma *d = ds[k];
        size_t c = 0;
        while (c < d->n_choices && strcmp(d->choices[c].id, choice) != 0)
            c++;
        if (c == d->n_choices) {
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "advise", "the scenario has no choice '%s'", choice);
        }
        for (size_t m = 0; m < d->n_models; m++) {
            fc_dilemma_advice *a = NULL;
            char *more = NULL;
            fc_status st = fc_dilemma_advise(sc, o, d, m, c, &a, err);
            if (!st)
                st = fc_dilemma_advice_report_text(a, d, sc, &more, err);
            fc_dilemma_advice_free(a);
            if (st)
                return st;
            size_t l1 = strlen(*text), l2 = strlen(more);
            char *joined = realloc(*text, l1 + l2 + 1);
            if (!joined) {
                free(more);
                return fc_error_nomem(err);
            }
            memcpy(joined + l1, more, l2 + 1);
            *text = joined;
            free(more);
        }
    }
    return FC_OK;
}

/* The dilemma as `fulcrum dilemma` runs it: every issue (and the totals) unless one is named,
 * except in CSV, which stays one issue at a time; backlash on with the scenario's weight; 100
 * jittered runs per model run for the either/or. Arguments: mode=start|commit, backlash=on|off,
 * backlash_weight=W (>= 0), either_runs=N, crisis_risk=neutral|security, advise=CHOICE (text only:
 * the advice on CHOICE for every model run of every issue after the report). */
static fc_status dilemma_report(const fc_run_options *o, const char *fmt, const char *const *args, size_t n,
                                char **out, note_sink *notes, fc_error *err)
{
    static const char *const known[] = {"mode", "backlash", "backlash_weight", "either_runs", "crisis_risk",
                                        "advise", NULL};
    fc_status st = fc_run_args_check("dilemma", args, n, known, err);
    int commit = 0, backlash = 1;
    unsigned long long either = FC_DILEMMA_EITHER_RUNS;
    if (st || (st = fc_run_arg_mode(args, n, &commit, err)) || (st = fc_run_arg_flag(args, n, "backlash", &backlash, err)) ||
        (st = fc_run_arg_count(args, n, "either_runs", 0, 1e6, &either, err)))
        return st;
    double weight = NAN;
    const char *wv = fc_run_arg_value(args, n, "backlash_weight");
    if (wv && (fc_number_parse(wv, &weight) != FC_NUMBER_OK || !(weight >= 0)))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "backlash_weight", "needs a number >= 0, not '%s'", wv);
    if (strcmp(fmt, "text") && strcmp(fmt, "json") && strcmp(fmt, "csv"))
        return bad_format("dilemma", fmt, "text, json or csv", err);
    const char *risk = fc_run_arg_value(args, n, "crisis_risk"), *advice = fc_run_arg_value(args, n, "advise");
    if (risk && strcmp(risk, "neutral") && strcmp(risk, "security"))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "crisis_risk", "must be neutral or security, not '%s'", risk);
    if (advice && strcmp(fmt, "text"))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "advise", "writes text only (not format %s)", fmt);
    if (o && o->n_settings)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "settings", "the dilemma takes no model settings");
    fc_run_options defaults;
    if (!o) {
        fc_run_options_init(&defaults);
        o = &defaults;
    }
    fc_run_result *run = NULL;
    if ((st = fc_run_load(o, &run, err)))
        return st;
    if ((st = sink_add(notes, run->notes, run->n_notes, err))) {
        fc_run_result_free(run);
        return st;
    }
    fc_dilemma_options d;
    fc_dilemma_options_init(&d);
    d.issue = o->issue;
    d.model = o->model;
    d.preset = o->preset;
    d.mode = commit ? FC_DILEMMA_COMMIT : FC_DILEMMA_START;
    d.backlash = backlash;
    d.backlash_weight = weight;
    d.either_or_runs = (size_t)either;
    if (risk && !strcmp(risk, "security"))
        d.crisis.risk = FC_CRISIS_RISK_SECURITY;
    const fc_scenario *sc = run->scenario;
    if (!o->issue) {
        fc_dilemma_issues *all = NULL;
        if (!(st = fc_dilemma_compute_issues(sc, &d, &all, err)))
            st = !strcmp(fmt, "json")  ? fc_dilemma_issues_report_json(all, sc, out, err)
                 : !strcmp(fmt, "csv") ? fc_dilemma_issues_report_csv(all, sc, out, err)
                                       : fc_dilemma_issues_report_text(all, sc, out, err);
        if (!st && advice)
            st = advise(sc, &d, all->issues, all->n_issues, advice, out, err);
        fc_dilemma_issues_free(all);
    } else {
        fc_dilemma *dl = NULL;
        if (!(st = fc_dilemma_compute(sc, &d, &dl, err))) {
            if (!strcmp(fmt, "json"))
                st = fc_dilemma_report_json(dl, sc, out, err);
            else if (!strcmp(fmt, "csv"))
                st = fc_dilemma_report_csv(dl, sc, out, err);
            else
                st = fc_dilemma_report_text(dl, sc, out, err);
            if (!st && advice)
                st = advise(sc, &d, &dl, 1, advice, out, err);
        }
        fc_dilemma_free(dl);
    }
    fc_run_result_free(run);
    return st;
}

static fc_status sweep_report(const fc_run_options *o, const char *fmt, const char *const *args, size_t n,
                              char **out, note_sink *notes, fc_error *err)
{
    static const char *const known[] = {"runs", "seed", "threads", "jitter", "choices", "mode",
                                        "sensitivity", "events", "timing", NULL};
    fc_status st = fc_run_args_check("sweep", args, n, known, err);
    if (st)
        return st;
    if (strcmp(fmt, "text") && strcmp(fmt, "json") && strcmp(fmt, "runs-csv"))
        return bad_format("sweep", fmt, "text, json or runs-csv", err);
    fc_sweep_options so;
    fc_sweep_options_init(&so);
    unsigned long long runs = so.runs, seed = so.seed, threads = 0, events = 0;
    int choices = 0, commit = 0, sensitivity = 1, timing = 0;
    /* The seed's range is a double's run of exact whole numbers: beyond 2^53 a decimal seed
     * would silently become another one. */
    if ((st = fc_run_arg_count(args, n, "runs", 1, 1e9, &runs, err)) || (st = fc_run_arg_count(args, n, "seed", 0, 9007199254740992.0, &seed, err)) ||
        (st = fc_run_arg_count(args, n, "threads", 0, 4096, &threads, err)) ||
        (st = fc_run_arg_count(args, n, "events", 1, 1e6, &events, err)) || (st = fc_run_arg_flag(args, n, "choices", &choices, err)) ||
        (st = fc_run_arg_flag(args, n, "sensitivity", &sensitivity, err)) || (st = fc_run_arg_flag(args, n, "timing", &timing, err)) ||
        (st = fc_run_arg_mode(args, n, &commit, err)))
        return st;
    if (commit && !choices)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "mode", "mode goes with choices");
    fc_run_options defaults;
    if (!o) {
        fc_run_options_init(&defaults);
        o = &defaults;
    }
    const fc_model *m;
    if ((st = fc_run_one_model(o->model, o->preset, &m, err)))
        return st;
    fc_run_result *run = NULL;
    if ((st = fc_run_load(o, &run, err)))
        return st;
    fc_default_uncertainty jitter;
    fc_run_note fallback;
    int noted = 0;
    if ((st = sink_add(notes, run->notes, run->n_notes, err)) ||
        (st = fc_run_sweep_jitter(run->scenario, fc_run_arg_value(args, n, "jitter"), &jitter, &fallback, &noted,
                                  err)) ||
        (st = sink_add(notes, &fallback, (size_t)noted, err))) {
        fc_run_result_free(run);
        return st;
    }
    so.model = m;
    so.preset = o->preset;
    so.settings = o->settings;
    so.n_settings = o->n_settings;
    so.issue = o->issue;
    so.runs = (size_t)runs;
    so.seed = seed;
    so.threads = (int)threads;
    so.jitter = &jitter;
    so.choices = choices;
    so.commit = commit;
    so.sensitivity = sensitivity;
    if (events)
        so.max_events = (size_t)events;
    fc_sweep_result *r = NULL;
    st = fc_sweep_run(run->scenario, &so, &r, err);
    fc_run_result_free(run);
    if (st)
        return st;
    if (!strcmp(fmt, "json"))
        st = fc_sweep_report_json(r, timing, out, err);
    else if (!strcmp(fmt, "runs-csv"))
        st = fc_sweep_report_runs_csv(r, out, err);
    else
        st = fc_sweep_report_text(r, timing, out, err);
    fc_sweep_result_free(r);
    return st;
}

fc_status fc_report_analysis(const fc_run_options *o, const char *analysis, const char *format,
                             const char *const *args, size_t n_args, char **out, fc_error *err)
{
    return fc_report_analysis_noted(o, analysis, format, args, n_args, out, NULL, NULL, err);
}

static fc_status analysis_report(const fc_run_options *o, const char *analysis, const char *format,
                                 const char *const *args, size_t n_args, char **out, note_sink *notes,
                                 fc_error *err)
{
    if (!out)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "out", "no place for the report");
    *out = NULL;
    if (n_args && !args)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "args", "no arguments given");
    const char *fmt = format ? format : "json";
    const char *what = analysis ? analysis : "";
    if (!strcmp(what, "dilemma"))
        return dilemma_report(o, fmt, args, n_args, out, notes, err);
    if (!strcmp(what, "sweep"))
        return sweep_report(o, fmt, args, n_args, out, notes, err);
    if (!strcmp(what, "backtest"))
        return fc_run_backtest(o, fmt, args, n_args, out, err);
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "analysis",
                        "analysis must be dilemma, sweep or backtest, not '%s'", what);
}

fc_status fc_report_analysis_noted(const fc_run_options *o, const char *analysis, const char *format,
                                   const char *const *args, size_t n_args, char **out, fc_run_note **notes,
                                   size_t *n_notes, fc_error *err)
{
    size_t n_dummy = 0;
    if (notes)
        *notes = NULL;
    if (n_notes)
        *n_notes = 0;
    if (notes && !n_notes)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "notes", "no place for the number of notes");
    note_sink sink = {.items = notes, .n = n_notes ? n_notes : &n_dummy};
    fc_status st = analysis_report(o, analysis, format, args, n_args, out, &sink, err);
    if (st && notes) {
        free(*notes);
        *notes = NULL;
        *n_notes = 0;
    }
    return st;
}

/* A number from lo to hi given as key (any number, not only whole ones). */
static fc_status arg_number(const char *const *args, size_t n, const char *key, double lo, double hi, double *out,
                            fc_error *err)
{
    const char *v = fc_run_arg_value(args, n, key);
    if (!v)
        return FC_OK;
    double x;
    if (fc_number_parse(v, &x) != FC_NUMBER_OK || !(x >= lo && x <= hi))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key, "%s needs a number from %g to %g, not '%s'", key, lo,
                            hi, v);
    *out = x;
    return FC_OK;
}

/* The dilemma and sweep charts of the scenario o names, as the chart command draws them. */
static fc_status chart_analysis(const fc_run_options *o, int kind, int commit, size_t runs, fc_chart_request *r,
                                fc_chart_format f, fc_chart_image *img, fc_error *err)
{
    fc_run_result *run = NULL;
    fc_status st = fc_run_load(o, &run, err);
    if (st)
        return st;
    if (kind == FC_CHART_DILEMMA)
        st = chart_render_dilemma(run->scenario, o->issue, o->model, o->preset,
                                  commit ? FC_DILEMMA_COMMIT : FC_DILEMMA_START, r, f, img, err);
    else
        st = chart_render_sweep(run->scenario, o->issue, o->model, o->preset, runs, r, f, img, err);
    fc_run_result_free(run);
    return st;
}

static fc_status chart_forecast(const fc_run_options *o, fc_chart_kind kind, fc_chart_request *r,
                                fc_chart_format f, fc_chart_image *img, fc_error *err)
{
    fc_run_result *run = NULL;
    fc_status st = fc_run_forecast(o, &run, err);
    if (!st && run->n_forecasts == 0)
        st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "model", "no model could forecast this scenario");
    if (!st) {
        fc_forecast_set set = {.scenario = run->scenario, .problem = &run->problem,
                               .forecasts = (const fc_forecast *const *)run->forecasts,
                               .n_forecasts = run->n_forecasts};
        r->kind = kind;
        r->set = &set;
        r->forecast = fc_run_richest(run);
        st = fc_chart_render(r, f, img, err);
    }
    fc_run_result_free(run);
    return st;
}

fc_status fc_report_chart(const fc_run_options *o, const char *kind, const char *format, const char *const *args,
                          size_t n_args, unsigned char **out, size_t *len, fc_error *err)
{
    if (!out || !len)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "out", "no place for the chart");
    *out = NULL;
    *len = 0;
    if (n_args && !args)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "args", "no arguments given");
    int k = kind ? fc_chart_kind_parse(kind) : -1;
    if (k < 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "kind",
                            "chart must be issue, trajectory, bargains, dilemma or sweep, not '%s'",
                            kind ? kind : "");
    const char *fmt = format ? format : "svg";
    fc_chart_format f;
    if (!strcmp(fmt, "svg"))
        f = FC_CHART_SVG;
    else if (!strcmp(fmt, "png"))
        f = FC_CHART_PNG;
    else if (!strcmp(fmt, "pdf"))
        f = FC_CHART_PDF;
    else
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "format", "format must be svg, png or pdf, not '%s'", fmt);
    static const char *const known[] = {"runs", "mode", "round", "width", "height", "png_scale", NULL};
    fc_chart_request r = {0};
    unsigned long long runs = 1000, round = 0;
    int commit = 0;
    fc_status st = fc_run_args_check("chart", args, n_args, known, err);
    if (st || (st = fc_run_arg_count(args, n_args, "runs", 1, 1e8, &runs, err)) ||
        (st = fc_run_arg_count(args, n_args, "round", 1, 1e6, &round, err)) ||
        (st = fc_run_arg_mode(args, n_args, &commit, err)) ||
        (st = arg_number(args, n_args, "width", 200, 20000, &r.options.width, err)) ||
        (st = arg_number(args, n_args, "height", 100, 50000, &r.options.height, err)) ||
        (st = arg_number(args, n_args, "png_scale", 0.25, 8, &r.options.png_scale, err)))
        return st;
    r.round = (size_t)round;
    fc_run_options defaults;
    if (!o) {
        fc_run_options_init(&defaults);
        o = &defaults;
    }
    fc_chart_image img = {0};
    if (k == FC_CHART_DILEMMA || k == FC_CHART_SWEEP)
        st = chart_analysis(o, k, commit, (size_t)runs, &r, f, &img, err);
    else
        st = chart_forecast(o, (fc_chart_kind)k, &r, f, &img, err);
    if (st) {
        fc_chart_image_free(&img);
        return st;
    }
    *out = img.data; /* malloc'ed by the renderer: the caller's now */
    *len = img.len;
    return FC_OK;
}
