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
#define VALUE(name, dst)                                                                    \
    if (tool_option_value(argc, argv, &i, name, &v)) {                                      \
        if (!v)                                                                             \
            return tool_usage_error("forecast", "%s needs a value", name);                  \
        dst = v;                                                                            \
        continue;                                                                           \
    }
        VALUE("--issue", a->issue)
        VALUE("--model", a->model)
        VALUE("--preset", a->preset)
        VALUE("--format", a->format)
        VALUE("-o", a->output)
        VALUE("--output", a->output)
#undef VALUE
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
        if (tool_option_value(argc, argv, &i, "--salience-scale", &v)) {
            if (!v || (strcmp(v, "100") != 0 && strcmp(v, "1") != 0))
                return tool_usage_error("forecast", "--salience-scale must be 100 or 1");
            a->salience_scale = atof(v);
            continue;
        }
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

/* Runs model m with the user's preset and settings, or with every preset when running all. */
static fc_status run_one(const fc_model *m, const fc_problem *p, const forecast_args *a, const char *preset,
                         fc_forecast ***list, size_t *n, fc_error *err)
{
    const char *settings[MAX_SETTINGS + 1];
    size_t ns = 0;
    if (m->options_size) {
        for (size_t i = 0; i < a->n_settings; i++)
            settings[ns++] = a->settings[i];
        if (a->rounds_setting[0])
            settings[ns++] = a->rounds_setting;
    }
    fc_forecast *f;
    /* A KTAB file carries the spatial model's parameters, seed and ideal adjustments,
     * which a scenario cannot hold: run it as KTAB would, with --set on top. */
    int ktab = m == &fc_model_smp && a->file && fc_ktab_sniff_file(a->file) != FC_KTAB_NONE;
    fc_status st = ktab ? fc_ktab_smp_forecast(a->file, settings, ns, &f, err)
                        : fc_model_run(m, p, preset, settings, ns, &f, err);
    if (st)
        return st;
    fc_forecast **grown = realloc(*list, (*n + 1) * sizeof *grown);
    if (!grown) {
        fc_forecast_free(f);
        return fc_error_set(err, FC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    }
    grown[(*n)++] = f;
    *list = grown;
    return FC_OK;
}

int cmd_forecast(int argc, char **argv)
{
    forecast_args a = {.model = "all", .format = "text", .salience_scale = 100};
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;

    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc = NULL;
    fc_problem p = {0};
    fc_forecast **forecasts = NULL;
    size_t n = 0;
    char *text = NULL;
    fc_status st = tool_load_scenario(a.file, a.salience_scale, &sc, &err);
    if (st)
        return tool_fail(&err);

    int all = strcmp(a.model, "all") == 0;
    const fc_model *chosen = all ? NULL : fc_model_find(a.model);
    if (!all && !chosen) {
        fc_scenario_free(sc);
        return tool_usage_error("forecast", "unknown model '%s' (see `fulcrum models`)", a.model);
    }
    int multi = chosen && chosen->max_dims == 0 && !a.issue && sc->n_issues > 1;
    if ((st = fc_problem_from_scenario(&p, sc, a.issue, multi, &err)))
        goto done;
    if (all) {
        size_t count;
        const fc_model *const *models = fc_models(&count);
        for (size_t i = 0; i < count && !st; i++) {
            const fc_model *m = models[i];
            /* Without a declared status quo there is nothing for that baseline to say. */
            if (strcmp(m->name, "status-quo") == 0 && isnan(p.status_quo[0]))
                continue;
            if (m->max_dims != 0 && m->max_dims < p.n_dims)
                continue;
            if (a.preset || !m->presets)
                st = run_one(m, &p, &a, a.preset && m->presets ? a.preset : NULL, &forecasts, &n, &err);
            else
                for (const char *const *pr = m->presets; *pr && !st; pr++)
                    st = run_one(m, &p, &a, *pr, &forecasts, &n, &err);
        }
    } else {
        st = run_one(chosen, &p, &a, a.preset, &forecasts, &n, &err);
    }
    if (st)
        goto done;
    fc_forecast_set set = {.scenario = sc, .problem = &p, .forecasts = (const fc_forecast *const *)forecasts,
                           .n_forecasts = n, .trace = a.trace};
    if (strcmp(a.format, "json") == 0)
        st = fc_report_json(&set, &text, &err);
    else if (strcmp(a.format, "csv") == 0)
        st = fc_report_csv(&set, &text, &err);
    else
        st = fc_report_text(&set, &text, &err);
done:
    rc = st ? tool_fail(&err) : tool_emit(a.output, text);
    free(text);
    for (size_t i = 0; i < n; i++)
        fc_forecast_free(forecasts[i]);
    free(forecasts);
    fc_problem_free(&p);
    fc_scenario_free(sc);
    return rc;
}
