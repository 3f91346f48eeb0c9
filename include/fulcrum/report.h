/* Reports of forecasts: the text an analyst reads first, JSON for programs, and a long CSV
 * (one row per model, round, actor and dimension) that R and pandas read directly. */
#ifndef FULCRUM_REPORT_H
#define FULCRUM_REPORT_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/error.h"
#include "fulcrum/forecast.h"
#include "fulcrum/problem.h"
#include "fulcrum/run.h"
#include "fulcrum/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Several models' forecasts of one problem (or of each issue) made from one scenario. */
typedef struct fc_forecast_set {
    const fc_scenario *scenario;
    const fc_problem *problem;
    const fc_forecast *const *forecasts;
    size_t n_forecasts;
    int trace;               /* text: print every round and event */
    /* A scenario of several issues (fc_run_result's parts): each further issue's forecasts,
     * then the joint models' run on every issue at once; reported after problem's. */
    const fc_run_part *parts;
    size_t n_parts;
} fc_forecast_set;

/* Each returns a NUL-terminated string the caller frees. */
/* The version of the forecast's JSON and CSV layout: the JSON's first key "format_version",
 * the CSV's last column; raised whenever a key or column changes meaning or shape, so that
 * scripts can tell which layout they read. 2: one shape for one and many issues (a list of
 * issues, stances per actor, one forecast entry per issue with numbers only, "joint"), the
 * baselines' preset "default" (docs/formats.md). */
#define FC_REPORT_FORMAT_VERSION 2

FC_API fc_status fc_report_text(const fc_forecast_set *set, char **out, fc_error *err);
FC_API fc_status fc_report_json(const fc_forecast_set *set, char **out, fc_error *err);
FC_API fc_status fc_report_csv(const fc_forecast_set *set, char **out, fc_error *err);

/* Forecasts the scenario o names (fc_run_forecast; NULL: the defaults, the built-in case)
 * and formats it as `format` says: "json" (NULL), "csv" or "text" (trace: every round).
 * *out is the caller's (free it with fc_free from another language). Errors are those of
 * fc_run_forecast, or FC_EUSAGE with field "format". */
FC_API fc_status fc_report_run(const fc_run_options *o, const char *format, int trace, char **out,
                               fc_error *err);

/* fc_report_run, also handing over the notes the run attached to its result (fc_run_note of
 * fulcrum/run.h: advice about the input, a default applied, a model of "all" skipped with its
 * reason), which the command line prints as "fulcrum: note: ...": *notes (*n_notes of them,
 * in the order they arose; NULL when none) is the caller's (fc_free). notes may be NULL. */
FC_API fc_status fc_report_run_noted(const fc_run_options *o, const char *format, int trace, char **out,
                                     fc_run_note **notes, size_t *n_notes, fc_error *err);

/* One analysis of what o names as its command-line report (for bindings): "dilemma" (format
 * text, json or csv; args: mode=start|commit), "sweep" (text, json or runs-csv; args: runs,
 * seed, threads, jitter, choices, mode, sensitivity, events, timing), each with o's scenario,
 * issue, model, preset (and, for the sweep, settings); "backtest": fc_run_backtest. args are
 * "key=value" strings (fc_run_args_check); format NULL is "json". *out is the caller's. */
FC_API fc_status fc_report_analysis(const fc_run_options *o, const char *analysis, const char *format,
                                    const char *const *args, size_t n_args, char **out, fc_error *err);
/* fc_report_analysis with the notes of the run, as fc_report_run_noted hands them over: those
 * about reading the scenario, and the sweep's fallback spreads when the scenario declares no
 * uncertainty. */
FC_API fc_status fc_report_analysis_noted(const fc_run_options *o, const char *analysis, const char *format,
                                          const char *const *args, size_t n_args, char **out,
                                          fc_run_note **notes, size_t *n_notes, fc_error *err);

/* One chart of what o names, as `fulcrum chart KIND` draws it, in memory: kind "issue",
 * "trajectory", "bargains" (o's forecast: the richest of its models), "dilemma" or "sweep" (one
 * model: o's, or eum); format "svg" (NULL), "png" or "pdf"; args: runs (sweep, default 1000),
 * mode (dilemma), round (bargains), width, height, png_scale. *out (*len bytes) is the
 * caller's (fc_free). */
FC_API fc_status fc_report_chart(const fc_run_options *o, const char *kind, const char *format,
                                 const char *const *args, size_t n_args, unsigned char **out, size_t *len,
                                 fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
