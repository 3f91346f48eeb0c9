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

/* Several models' forecasts of one problem made from one scenario. */
typedef struct fc_forecast_set {
    const fc_scenario *scenario;
    const fc_problem *problem;
    const fc_forecast *const *forecasts;
    size_t n_forecasts;
    int trace;               /* text: print every round and event */
} fc_forecast_set;

/* Each returns a NUL-terminated string the caller frees. */
/* The version of the JSON outputs' layout, their first key "format_version"; raised whenever a
 * key changes meaning or shape, so that scripts can tell which layout they read. */
#define FC_REPORT_FORMAT_VERSION 1

FC_API fc_status fc_report_text(const fc_forecast_set *set, char **out, fc_error *err);
FC_API fc_status fc_report_json(const fc_forecast_set *set, char **out, fc_error *err);
FC_API fc_status fc_report_csv(const fc_forecast_set *set, char **out, fc_error *err);

/* Forecasts the scenario o names (fc_run_forecast; NULL: the defaults, the built-in case)
 * and formats it as `format` says: "json" (NULL), "csv" or "text" (trace: every round).
 * *out is the caller's (free it with fc_free from another language). Errors are those of
 * fc_run_forecast, or FC_EUSAGE with field "format". */
FC_API fc_status fc_report_run(const fc_run_options *o, const char *format, int trace, char **out,
                               fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
