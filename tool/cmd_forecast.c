/* fulcrum forecast: run one or all forecasters on a scenario and report. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"


static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum forecast [FILE] [options]\n"
            "\n"
            "Forecasts the scenario in FILE (.yaml, .json or .csv; the built-in Azerbaijan\n"
            "2014 case when no FILE is given) with one or all bargaining models, every\n"
            "issue of it unless --issue names one.\n"
            "\n"
            "options:\n"
            "  --issue ID            forecast this issue only (default: every issue; smp\n"
            "                        bargains over all of them at once)\n"
            "  --model NAME|all      a model from `fulcrum models`, or all (default: all)\n"
            "  --preset NAME         the model's preset (default: its first)\n"
            "  --set NAME=VALUE      set one model option (repeatable)\n"
            "  --rounds N            rounds for round-based models\n"
            "  --trace               text: print every round and every event\n"
            "  --format text|json|csv  output format (default: text)\n"
            "  --salience-scale 100|1  CSV input: saliences on 0-100 (default) or 0-1\n"
            "  -o FILE               write to FILE (whole, or not at all) instead of stdout\n"
            "  --store PATH          keep the run in this run store (default: $FULCRUM_STORE;\n"
            "                        `fulcrum runs`, docs/serve.md)\n"
            "  --help                this text\n");
}

typedef struct forecast_args {
    const char *file, *issue, *model, *preset, *format, *output, *store;
    tool_model_settings settings;
    int trace;
    double salience_scale;
} forecast_args;

static int parse_args(int argc, char **argv, forecast_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return -1;
        }
        const tool_text_option text_options[] = {
            {"--issue", &a->issue},
            {"--model", &a->model},
            {"--preset", &a->preset},
            {"--format", &a->format},
            {"-o", &a->output},
            {"--output", &a->output},
            {"--store", &a->store},
        };
        int took = tool_take_text_option(argc, argv, &i, "forecast", text_options,
                                         sizeof text_options / sizeof text_options[0]);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        took = tool_take_model_setting(argc, argv, &i, "forecast", &a->settings);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        int took_scale = tool_take_salience_scale(argc, argv, &i, "forecast", &a->salience_scale);
        if (took_scale < 0)
            return EXIT_USAGE;
        if (took_scale)
            continue;
        if (strcmp(arg, "--trace") == 0) {
            a->trace = 1;
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0')
            return tool_usage_error("forecast", "unknown option '%s'", arg);
        if (a->file)
            return tool_usage_error("forecast", "one scenario file at a time ('%s' and '%s')", a->file, arg);
        a->file = arg;
    }
    if (strcmp(a->format, "text") != 0 && strcmp(a->format, "json") != 0 && strcmp(a->format, "csv") != 0)
        return tool_usage_error("forecast", "--format must be text, json or csv, not '%s'", a->format);
    return 0;
}

int cmd_forecast(int argc, char **argv)
{
    forecast_args a = {.model = "all", .format = "text", .salience_scale = 100};
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    size_t ns;
    const char *const *settings = tool_model_settings_list(&a.settings, &ns);
    fc_run_options ro;
    tool_run_options(&ro, a.file, a.salience_scale, a.issue, a.model, a.preset, settings, ns);
    fc_error err;
    fc_error_clear(&err);
    fc_run_result *run = NULL;
    char *text = NULL;
    fc_status st = fc_run_forecast(&ro, &run, &err);
    if (st == FC_OK) {
        tool_print_notes(run);
        fc_forecast_set set = {.scenario = run->scenario, .problem = &run->problem,
                               .forecasts = (const fc_forecast *const *)run->forecasts,
                               .n_forecasts = run->n_forecasts, .trace = a.trace,
                               .parts = run->parts, .n_parts = run->n_parts};
        if (strcmp(a.format, "json") == 0)
            st = fc_report_json(&set, &text, &err);
        else if (strcmp(a.format, "csv") == 0)
            st = fc_report_csv(&set, &text, &err);
        else
            st = fc_report_text(&set, &text, &err);
    }
    rc = st ? tool_fail(&err) : tool_emit_from(a.output, text, a.file);
    const char *store = tool_store_path(a.store);
    if (!rc && store) {
        /* Kept as the API would keep it: its JSON, its parameters by their API names. */
        char *json = NULL;
        fc_forecast_set set = {.scenario = run->scenario, .problem = &run->problem,
                               .forecasts = (const fc_forecast *const *)run->forecasts,
                               .n_forecasts = run->n_forecasts,
                               .parts = run->parts, .n_parts = run->n_parts};
        const char *pairs[2 * (TOOL_MAX_SETTINGS + 4)];
        size_t n = 0;
        pairs[n++] = "model", pairs[n++] = a.model;
        if (a.preset)
            pairs[n++] = "preset", pairs[n++] = a.preset;
        if (a.issue)
            pairs[n++] = "issue", pairs[n++] = a.issue;
        for (size_t i = 0; i < ns; i++)
            pairs[n++] = "set", pairs[n++] = settings[i];
        if ((st = fc_report_json(&set, &json, &err)))
            rc = tool_fail(&err);
        else
            rc = tool_keep_run(store, "forecast", a.file, a.salience_scale, pairs, n / 2, json);
        free(json);
    }
    free(text);
    fc_run_result_free(run);
    return rc;
}
