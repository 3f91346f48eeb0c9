/* fulcrum forecast: run one or all forecasters on a scenario and report. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

#define MAX_SETTINGS 64

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum forecast [FILE] [options]\n"
            "\n"
            "Forecasts the scenario in FILE (.yaml, .json or .csv; the built-in Azerbaijan\n"
            "2014 case when no FILE is given) with one or all bargaining models.\n"
            "\n"
            "options:\n"
            "  --issue ID            the issue to forecast (default: the first)\n"
            "  --model NAME|all      a model from `fulcrum models`, or all (default: all)\n"
            "  --preset NAME         the model's preset (default: its first)\n"
            "  --set NAME=VALUE      set one model option (repeatable)\n"
            "  --rounds N            rounds for round-based models\n"
            "  --trace               text: print every round and every event\n"
            "  --format text|json|csv  output format (default: text)\n"
            "  --salience-scale 100|1  CSV input: saliences on 0-100 (default) or 0-1\n"
            "  -o FILE               write to FILE (whole, or not at all) instead of stdout\n"
            "  --help                this text\n");
}

typedef struct forecast_args {
    const char *file, *issue, *model, *preset, *format, *output;
    const char *settings[MAX_SETTINGS];
    size_t n_settings;
    char rounds_setting[48];
    int trace;
    double salience_scale;
} forecast_args;

static int parse_args(int argc, char **argv, forecast_args *a)
{
    const char *v;
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
        };
        int took = tool_take_text_option(argc, argv, &i, "forecast", text_options,
                                         sizeof text_options / sizeof text_options[0]);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        if (tool_option_value(argc, argv, &i, "--set", &v)) {
            if (!v || !strchr(v, '='))
                return tool_usage_error("forecast", "--set needs NAME=VALUE");
            if (a->n_settings + 1 >= MAX_SETTINGS)
                return tool_usage_error("forecast", "too many --set options");
            a->settings[a->n_settings++] = v;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--rounds", &v)) {
            char *end;
            long n = v ? strtol(v, &end, 10) : -1;
            if (!v || *end || n < 0 || n > 1000000)
                return tool_usage_error("forecast", "--rounds needs a whole number from 0 to 1000000");
            snprintf(a->rounds_setting, sizeof a->rounds_setting, "rounds=%ld", n);
            continue;
        }
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
    const char *settings[MAX_SETTINGS + 1];
    size_t ns = 0;
    for (size_t i = 0; i < a.n_settings; i++)
        settings[ns++] = a.settings[i];
    if (a.rounds_setting[0])
        settings[ns++] = a.rounds_setting;
    tool_run_args ra = {.file = a.file, .salience_scale = a.salience_scale, .issue = a.issue,
                        .model = a.model, .preset = a.preset, .settings = settings, .n_settings = ns};
    fc_error err;
    fc_error_clear(&err);
    tool_run run;
    char *text = NULL;
    fc_status st = tool_run_models(&ra, &run, &err);
    if (st == FC_OK) {
        fc_forecast_set set = {.scenario = run.scenario, .problem = &run.problem,
                               .forecasts = (const fc_forecast *const *)run.forecasts,
                               .n_forecasts = run.n, .trace = a.trace};
        if (strcmp(a.format, "json") == 0)
            st = fc_report_json(&set, &text, &err);
        else if (strcmp(a.format, "csv") == 0)
            st = fc_report_csv(&set, &text, &err);
        else
            st = fc_report_text(&set, &text, &err);
    }
    rc = st ? tool_fail(&err) : tool_emit(a.output, text);
    free(text);
    tool_run_free(&run);
    return rc;
}
