/* One way to run a scenario: "forecast this scenario with these models". The command line,
 * the web page and the Python binding all call this, so that the choice of models and presets,
 * the multi-issue decision and KTAB's own model parameters are decided in one place. */
#ifndef FULCRUM_RUN_H
#define FULCRUM_RUN_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/dilemma.h"
#include "fulcrum/error.h"
#include "fulcrum/forecast.h"
#include "fulcrum/model.h"
#include "fulcrum/problem.h"
#include "fulcrum/scenario.h"
#include "fulcrum/smp.h"
#include "fulcrum/sweep.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Options ---- */

typedef struct fc_run_options {
    /* The scenario, from the first of these that is set: an already loaded scenario (borrowed:
     * it must outlive the result), text (text_len bytes; text_name gives its name in messages
     * and, by its extension, its format), or a file path. All unset: the built-in case. */
    const fc_scenario *scenario;
    const char *text;
    size_t text_len;
    const char *text_name;
    const char *path;
    double csv_salience_scale;    /* CSV tables: saliences on 0-100 (100, default) or 0-1 (1) */
    const char *issue;            /* NULL: the first issue (or every issue, see below) */
    const char *model;            /* a name from fc_models(), or NULL / "all": every model */
    const char *preset;           /* NULL: every preset (all models) or the default (one model) */
    const char *const *settings;  /* "key=value" model options; rounds is one ("rounds=N") */
    size_t n_settings;
} fc_run_options;

/* Defaults: the built-in case, CSV saliences on 0-100, every model with every preset. */
FC_API void fc_run_options_init(fc_run_options *o);

/* ---- Notes ---- */

/* Something the caller should tell the user without it being an error: a guess the library
 * made about the input, or a default it applied. `field` names the option concerned and
 * `value` the value suggested (advice) or used (applied); either may be "". */
typedef enum fc_run_note_kind {
    FC_NOTE_ADVICE = 0,   /* "consider setting field to value" */
    FC_NOTE_APPLIED,      /* "field was set to value" */
    FC_NOTE_SKIPPED       /* a model of "all" refused the case: message says which and why */
} fc_run_note_kind;

typedef struct fc_run_note {
    fc_run_note_kind kind;
    char file[512];       /* the input concerned, or "" */
    char message[256];    /* what was found, without advice */
    char field[32];       /* the option, e.g. "csv_salience_scale", "jitter" */
    char value[96];
    char when[96];        /* the condition of the advice, e.g. "if the table is on 0-1" */
} fc_run_note;

/* ---- Model selection: one rule for every analysis ---- */

/* One (model, preset) pair to run. preset is NULL for a model without presets, and for one
 * model named without a preset (then the model runs with its default, its first preset);
 * else one of the model's own preset names. */
typedef struct fc_run_pick {
    const fc_model *model;
    const char *preset;
} fc_run_pick;

/* Selects the models to run.
 *   model NULL or "all": every model of fc_models(), in that order. Without a preset, each
 *     model with every one of its presets; with a preset, the models that have that preset
 *     run with it, models without presets still run, models whose presets lack it are left
 *     out; FC_EUSAGE (field "preset") when no model has it.
 *     When p is given, models that cannot say anything about it are left out as well: the
 *     status-quo baseline when p declares no status quo, and models of fewer dimensions
 *     than p has.
 *   a model name: that model alone; with a preset, the model must have it (FC_EUSAGE, field
 *     "preset"); an unknown name is FC_EUSAGE with field "model".
 * *out is allocated (free it with free()); the presets point into the models' tables or
 * into `preset`. */
FC_API fc_status fc_run_select(const char *model, const char *preset, const fc_problem *p,
                               fc_run_pick **out, size_t *n, fc_error *err);

/* The model an analysis of one model uses when none is named (NULL or "all"): eum, or the
 * weighted median in a library built without it. A named model is looked up and its preset
 * checked as fc_run_select checks it. */
FC_API fc_status fc_run_one_model(const char *model, const char *preset, const fc_model **out,
                                  fc_error *err);

/* The multi-issue decision: 1 when a model of any number of dimensions, named alone, with no
 * issue given, takes every issue of the scenario as one dimension. */
FC_API int fc_run_takes_every_issue(const fc_model *m, int named_alone, const char *issue,
                                    const fc_scenario *sc);

/* 1 when m bargains over several issues at once, so that its run on every issue is not the
 * runs on each (smp, and the vote-trading models of joint_issues). */
FC_API int fc_run_joint(const fc_model *m);

/* What a forecast with every model will skip for the scenario's number of actors (each model's
 * min_actors and max_actors): one FC_NOTE_SKIPPED note per model and issue (per model once for
 * a joint model on several issues), in fc_models() order, for `validate` to say before a
 * forecast does. *notes (NULL when none) is freed with fc_free. */
FC_API fc_status fc_run_check_models(const fc_scenario *sc, fc_run_note **notes, size_t *n, fc_error *err);

/* ---- The entry point ---- */

/* One problem and the forecasts made of it: one issue, or every issue as the dimensions of
 * one space (a model that bargains over all of them at once, such as smp). */
typedef struct fc_run_part {
    fc_problem problem;
    fc_forecast **forecasts;      /* one per (model, preset), in fc_run_select's order */
    size_t n_forecasts;
} fc_run_part;

typedef struct fc_run_result {
    fc_scenario *scenario;        /* the scenario forecast (owned unless it was passed in) */
    fc_problem problem;           /* the issue(s) as the models saw them */
    fc_forecast **forecasts;      /* one per (model, preset), in fc_run_select's order */
    size_t n_forecasts;
    fc_run_note *notes;           /* in the order they arose */
    size_t n_notes;
    int owns_scenario, has_problem;
    /* A scenario of several issues with no issue named: problem and forecasts above are the
     * first issue's; parts holds each further issue's, in the scenario's order, then (when
     * models of one issue ran too) the run of the joint models on every issue at once. */
    fc_run_part *parts;
    size_t n_parts;
} fc_run_result;

/* Loads the scenario only (no problem, no forecasts): the result carries the scenario and
 * the notes about reading it (e.g. a CSV table whose saliences all look like 0-1). */
FC_API fc_status fc_run_load(const fc_run_options *o, fc_run_result **out, fc_error *err);

/* Loads the scenario, selects the models (fc_run_select, with the problem) and runs each.
 * With several issues and none named, every issue is forecast: each model of one issue
 * (median, compromise, eum, ...) on each issue alone, and each joint model (fc_run_joint:
 * smp) on every issue at once; a model named alone runs the same way (a joint one on every
 * issue, as problem). A named issue restricts every model to it, KTAB files included.
 * A KTAB file carries the spatial model's parameters, seed and ideal adjustments: smp then
 * runs with those (and the settings on top) on KTAB's own reading of the file. Errors name
 * the option or scenario field concerned ("model", "preset", "settings", "issue", ...). */
FC_API fc_status fc_run_forecast(const fc_run_options *o, fc_run_result **out, fc_error *err);

/* Hands the scenario over to the caller (who frees it); the result keeps a borrowed pointer. */
FC_API fc_scenario *fc_run_result_take_scenario(fc_run_result *r);

/* The forecast whose rounds say most: most challenges, then most rounds, then the first. */
FC_API size_t fc_run_richest(const fc_run_result *r);

FC_API void fc_run_result_free(fc_run_result *r);

/* The i-th note of r, or NULL past the last (for bindings, which hold the result as a handle). */
FC_API const fc_run_note *fc_run_result_note(const fc_run_result *r, size_t i);

/* ---- Options as "key=value" strings, for bindings ---- */

/* The value of `key` among args ("key=value"; the last one wins), or NULL. */
FC_API const char *fc_run_arg_value(const char *const *args, size_t n, const char *key);
/* FC_EUSAGE (field "args") unless every arg is "key=value" with a key of `known` (NULL-ended);
 * `what` names the analysis in the message. */
FC_API fc_status fc_run_args_check(const char *what, const char *const *args, size_t n,
                                   const char *const *known, fc_error *err);
/* A whole number from lo to hi (field: the key); *out is left alone when key is absent. */
FC_API fc_status fc_run_arg_count(const char *const *args, size_t n, const char *key, double lo, double hi,
                                  unsigned long long *out, fc_error *err);
/* true/false, yes/no, on/off or 1/0 (field: the key); *out is left alone when absent. */
FC_API fc_status fc_run_arg_flag(const char *const *args, size_t n, const char *key, int *out, fc_error *err);
/* "mode": start (0, also when absent) or commit (1). */
FC_API fc_status fc_run_arg_mode(const char *const *args, size_t n, int *commit, fc_error *err);

/* The backtest of the DEU table o names by path or text (text_name names it), with o's model,
 * preset and "MODEL.NAME=VALUE" settings; args: capabilities, models=NAME[:PRESET],...,
 * bootstrap, seed, threads. format: "text", "json" (NULL), "csv" or "issues-csv", the reports
 * of `fulcrum backtest`. *out is the caller's (fc_free). */
FC_API fc_status fc_run_backtest(const fc_run_options *o, const char *format, const char *const *args,
                                 size_t n, char **out, fc_error *err);

/* ---- The sweep's uncertainty ---- */

/* The fallback spreads of a sweep of a scenario that declares no uncertainty anywhere. */
#define FC_RUN_FALLBACK_JITTER "position=10,salience=10,capability=20%"

/* The spreads a sweep of sc uses: `jitter` parsed over the scenario's default when given;
 * else the scenario's own uncertainty; else, when it declares none at all, the fallback, and
 * *note (when not NULL) says so (*noted = 1). */
FC_API fc_status fc_run_sweep_jitter(const fc_scenario *sc, const char *jitter, fc_default_uncertainty *out,
                                     fc_run_note *note, int *noted, fc_error *err);

/* ---- KTAB's files ---- */

/* The spatial model's options a KTAB file asks for: KTAB's defaults, then the file's seed,
 * parameters (KTAB's names or codes; an unknown name is an error naming the file, line and
 * parameter, where KTAB would silently take code 0) and ideal adjustments. */
struct fc_ktab_settings; /* fulcrum/ktab.h */
FC_API fc_status fc_run_ktab_options(const struct fc_ktab_settings *s, fc_smp_options *o,
                                     fc_error *err);

/* fc_ktab_load (or fc_ktab_parse) and fc_run_ktab_options in one step: the problem and the
 * options KTAB would run it with (p may be NULL). Free with fc_problem_free and
 * fc_smp_options_clear. */
FC_API fc_status fc_run_load_ktab(const char *path, fc_problem *p, fc_smp_options *o, fc_error *err);
FC_API fc_status fc_run_parse_ktab(const char *text, size_t len, const char *name, fc_problem *p,
                                   fc_smp_options *o, fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
