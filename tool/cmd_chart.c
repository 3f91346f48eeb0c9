/* fulcrum chart: draws one chart of a scenario's forecast to SVG, PNG or PDF. */
#include <stdlib.h>
#include <string.h>

#include "tool.h"


static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum chart KIND [FILE] [options] -o OUT.{svg,png,pdf}\n"
            "\n"
            "Draws a chart of the forecast of the scenario in FILE (the built-in Azerbaijan\n"
            "2014 case when no FILE is given). The output's extension picks the format.\n"
            "\n"
            "kinds:\n"
            "  issue        actors on the issue line (area ~ capability x salience), the\n"
            "               status quo and every model's forecast\n"
            "  trajectory   positions by round, one line per actor, the forecast over them\n"
            "  bargains     the challenges of one round as arrows, styled by kind\n"
            "  dilemma      the deciding actor's choices side by side (`fulcrum dilemma`):\n"
            "               outcome, pressure by challenger, instability, its utility\n"
            "  sweep        a sweep's histogram with its 90%% interval, and the tornado\n"
            "               (`fulcrum sweep`; --runs N, default 1000)\n"
            "\n"
            "options:\n"
            "  -o FILE               the chart file: .svg, .png or .pdf (required)\n"
            "  --model NAME|all      the model (default: all; trajectory and bargains then\n"
            "                        draw the forecast with the most challenges and rounds;\n"
            "                        the dilemma chart draws one model, eum by default)\n"
            "  --preset NAME         the model's preset\n"
            "  --set NAME=VALUE      set one model option (repeatable)\n"
            "  --rounds N            rounds for round-based models\n"
            "  --runs N              sweep: Monte Carlo runs (default 1000)\n"
            "  --issue ID            the issue (default: the first)\n"
            "  --mode start|commit   dilemma: the choice starts the bargaining, or is held\n"
            "                        throughout (default: start)\n"
            "  --round N             bargains: the round to draw (default: the first with\n"
            "                        challenges)\n"
            "  --width PT            width in points (default 720)\n"
            "  --height PT           height in points (default: what the content needs)\n"
            "  --png-scale X         PNG pixels per point (default 2)\n"
            "  --salience-scale 100|1  CSV input: saliences on 0-100 (default) or 0-1\n"
            "  --help                this text\n");
}

static int number_arg(const char *name, const char *v, double lo, double hi, double *out)
{
    char *end;
    double x = v ? strtod(v, &end) : 0;
    if (!v || *end || !(x >= lo && x <= hi))
        return tool_usage_error("chart", "%s needs a number from %g to %g", name, lo, hi);
    *out = x;
    return 0;
}

typedef struct chart_args {
    const char *file, *issue, *model, *preset;
    double salience_scale;
} chart_args;

static int chart_dilemma(const chart_args *a, fc_dilemma_mode mode, fc_chart_request *r, const char *out)
{
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc = NULL;
    fc_status st = tool_load_scenario(a->file, a->salience_scale, &sc, &err);
    if (!st)
        st = fc_chart_write_dilemma(sc, a->issue, a->model, a->preset, mode, r, out, &err);
    int rc = st ? tool_fail(&err) : EXIT_OK;
    fc_scenario_free(sc);
    fc_charts_release_caches();
    return rc;
}

static int chart_sweep(const chart_args *a, long runs, fc_chart_request *r, const char *out)
{
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc = NULL;
    fc_run_note note;
    int noted = 0;
    fc_status st = tool_load_scenario(a->file, a->salience_scale, &sc, &err);
    if (!st)
        st = fc_chart_write_sweep(sc, a->issue, a->model, a->preset, (size_t)runs, r, out, &note, &noted, &err);
    if (noted)
        tool_print_note(NULL, &note);
    int rc = st ? tool_fail(&err) : EXIT_OK;
    fc_scenario_free(sc);
    fc_charts_release_caches();
    return rc;
}

int cmd_chart(int argc, char **argv)
{
    chart_args a = {0};
    tool_model_settings settings = {0};
    const char *out = NULL, *kind_name = NULL, *mode = NULL, *v;
    fc_chart_request r = {0};
    double x = 0;
    long runs = 1000;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
        const tool_text_option text_options[] = {
            {"--issue", &a.issue},
            {"--model", &a.model},
            {"--preset", &a.preset},
            {"--mode", &mode},
            {"-o", &out},
            {"--output", &out},
        };
        int took = tool_take_text_option(argc, argv, &i, "chart", text_options,
                                         sizeof text_options / sizeof text_options[0]);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        took = tool_take_model_setting(argc, argv, &i, "chart", &settings);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        if (tool_option_value(argc, argv, &i, "--runs", &v)) {
            if (number_arg("--runs", v, 1, 100000000, &x))
                return EXIT_USAGE;
            runs = (long)x;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--round", &v)) {
            if (number_arg("--round", v, 1, 1000000, &x))
                return EXIT_USAGE;
            r.round = (size_t)x;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--width", &v)) {
            if (number_arg("--width", v, 200, 20000, &r.options.width))
                return EXIT_USAGE;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--height", &v)) {
            if (number_arg("--height", v, 100, 50000, &r.options.height))
                return EXIT_USAGE;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--png-scale", &v)) {
            if (number_arg("--png-scale", v, 0.25, 8, &r.options.png_scale))
                return EXIT_USAGE;
            continue;
        }
        int took_scale = tool_take_salience_scale(argc, argv, &i, "chart", &a.salience_scale);
        if (took_scale < 0)
            return EXIT_USAGE;
        if (took_scale)
            continue;
        if (arg[0] == '-' && arg[1] != '\0')
            return tool_usage_error("chart", "unknown option '%s'", arg);
        if (!kind_name)
            kind_name = arg;
        else if (!a.file)
            a.file = arg;
        else
            return tool_usage_error("chart", "one scenario file at a time ('%s' and '%s')", a.file, arg);
    }
    if (!kind_name)
        return tool_usage_error("chart", "which chart? issue, trajectory, bargains, dilemma or sweep");
    int kind = fc_chart_kind_parse(kind_name);
    if (kind < 0)
        return tool_usage_error("chart", "unknown chart '%s' (issue, trajectory, bargains, dilemma, sweep)", kind_name);
    if (!out)
        return tool_usage_error("chart", "-o OUT.svg, OUT.png or OUT.pdf is required");
    if (fc_chart_format_from_path(out) < 0)
        return tool_usage_error("chart", "the output '%s' must end in .svg, .png or .pdf", out);
    if (kind == FC_CHART_DILEMMA) {
        fc_dilemma_mode dm;
        if (tool_dilemma_mode(mode, &dm))
            return tool_usage_error("chart", "--mode must be start or commit, not '%s'", mode);
        return chart_dilemma(&a, dm, &r, out);
    }
    if (kind == FC_CHART_SWEEP)
        return chart_sweep(&a, runs, &r, out);
    size_t ns;
    const char *const *list = tool_model_settings_list(&settings, &ns);
    fc_run_options ro;
    tool_run_options(&ro, a.file, a.salience_scale, a.issue, a.model, a.preset, list, ns);

    fc_error err;
    fc_error_clear(&err);
    fc_run_result *run = NULL;
    fc_status st = fc_run_forecast(&ro, &run, &err);
    if (!st && run->n_forecasts == 0)
        st = fc_error_set(&err, FC_EUSAGE, NULL, 0, 0, NULL, "no model could forecast this scenario");
    if (!st) {
        tool_print_notes(run);
        fc_forecast_set set = {.scenario = run->scenario, .problem = &run->problem,
                               .forecasts = (const fc_forecast *const *)run->forecasts,
                               .n_forecasts = run->n_forecasts};
        r.kind = (fc_chart_kind)kind;
        r.set = &set;
        r.forecast = fc_run_richest(run);
        st = fc_chart_write(&r, out, &err);
    }
    int rc = st ? tool_fail(&err) : EXIT_OK;
    fc_run_result_free(run);
    fc_charts_release_caches();
    return rc;
}
