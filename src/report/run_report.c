/* One call from a scenario to its report: runs fc_run_forecast and formats the result as
 * text, JSON or CSV. Bindings (Python's ctypes, R's .Call) use it so that they hold no C
 * structure of their own and every number they show is the library's own text. */
#include "fulcrum/report.h"

#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"

fc_status fc_report_run(const fc_run_options *o, const char *format, int trace, char **out, fc_error *err)
{
    return fc_report_run_noted(o, format, trace, out, NULL, NULL, err);
}

/* A copy of the result's notes for the caller: a binding turns them into its own warnings. */
static fc_status copy_notes(const fc_run_result *run, fc_run_note **notes, size_t *n_notes, fc_error *err)
{
    if (!notes || !run->n_notes)
        return FC_OK;
    if (!(*notes = malloc(run->n_notes * sizeof **notes)))
        return fc_error_nomem(err);
    memcpy(*notes, run->notes, run->n_notes * sizeof **notes);
    *n_notes = run->n_notes;
    return FC_OK;
}

fc_status fc_report_run_noted(const fc_run_options *o, const char *format, int trace, char **out,
                              fc_run_note **notes, size_t *n_notes, fc_error *err)
{
    if (notes)
        *notes = NULL;
    if (n_notes)
        *n_notes = 0;
    if (notes && !n_notes)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "notes", "no place for the number of notes");
    if (!out)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "out", "no place for the report");
    *out = NULL;
    const char *fmt = format ? format : "json";
    if (strcmp(fmt, "json") != 0 && strcmp(fmt, "csv") != 0 && strcmp(fmt, "text") != 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "format", "format must be text, json or csv, not '%s'",
                            fmt);
    fc_run_options defaults;
    if (!o) {
        fc_run_options_init(&defaults);
        o = &defaults;
    }
    fc_run_result *run = NULL;
    fc_status st = fc_run_forecast(o, &run, err);
    if (st != FC_OK)
        return st;
    fc_forecast_set set = {.scenario = run->scenario, .problem = &run->problem,
                           .forecasts = (const fc_forecast *const *)run->forecasts,
                           .n_forecasts = run->n_forecasts, .trace = trace,
                           .parts = run->parts, .n_parts = run->n_parts};
    if ((st = copy_notes(run, notes, n_notes, err))) {
        fc_run_result_free(run);
        return st;
    }
    if (fmt[0] == 'j')
        st = fc_report_json(&set, out, err);
    else if (fmt[0] == 'c')
        st = fc_report_csv(&set, out, err);
    else
        st = fc_report_text(&set, out, err);
    fc_run_result_free(run);
    if (st && notes) {
        free(*notes);
        *notes = NULL;
        *n_notes = 0;
    }
    return st;
}
