/* One call from a scenario to its report: runs fc_run_forecast and formats the result as
 * text, JSON or CSV. Bindings (Python's ctypes, R's .Call) use it so that they hold no C
 * structure of their own and every number they show is the library's own text. */
#include "fulcrum/report.h"

#include <string.h>

#include "fulcrum/util.h"

fc_status fc_report_run(const fc_run_options *o, const char *format, int trace, char **out, fc_error *err)
{
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
    if (fmt[0] == 'j')
        st = fc_report_json(&set, out, err);
    else if (fmt[0] == 'c')
        st = fc_report_csv(&set, out, err);
    else
        st = fc_report_text(&set, out, err);
    fc_run_result_free(run);
    return st;
}
