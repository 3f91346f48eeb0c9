/* fulcrum report: one self-contained HTML file with every model's forecast and every chart. */
#include <stdlib.h>
#include <string.h>

#include "tool.h"


static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum report [FILE] [options] -o report.html\n"
            "\n"
            "Writes one HTML file, with nothing loaded from elsewhere: the scenario's table and\n"
            "sources, every model's forecast and explanation, the issue line, the trajectories\n"
            "and the bargains as inline SVG. Reads well on a phone and prints cleanly.\n"
            "FILE defaults to the built-in Azerbaijan 2014 case.\n"
            "\n"
            "options:\n"
            "  -o FILE               the report (required; written whole or not at all)\n"
            "  --model NAME|all      the models (default: all, with every preset)\n"
            "  --preset NAME         the model's preset\n"
            "  --set NAME=VALUE      set one model option (repeatable)\n"
            "  --rounds N            rounds for round-based models\n"
            "  --issue ID            the issue (default: the first)\n"
            "  --round N             the round whose bargains are drawn (default: the first\n"
            "                        with challenges)\n"
            "  --dilemma             add the dilemma, first: the choice that serves the deciding\n"
            "                        actor best under every model run (--model's), then one\n"
            "                        model run in detail (eum by default)\n"
            "  --mode start|commit   the dilemma's mode (default: start)\n"
            "  --sweep N             add a sweep of N runs of one model (eum by default):\n"
            "                        the forecast's spread and the tornado\n"
            "  --salience-scale 100|1  CSV input: saliences on 0-100 (default) or 0-1\n"
            "  --help                this text\n");
}

int cmd_report(int argc, char **argv)
{
    struct {
        const char *file, *issue, *model, *preset;
        double salience_scale;
    } a = {0};
    tool_model_settings settings = {0};
    const char *out = NULL, *mode = NULL, *v;
    fc_html_options o = {0};
    int dilemma = 0;
    long sweep = 0;
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
        int took = tool_take_text_option(argc, argv, &i, "report", text_options,
                                         sizeof text_options / sizeof text_options[0]);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        took = tool_take_model_setting(argc, argv, &i, "report", &settings);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        if (tool_option_value(argc, argv, &i, "--round", &v)) {
            char *end;
            long n = v ? strtol(v, &end, 10) : -1;
            if (!v || *end || n < 1 || n > 1000000)
                return tool_usage_error("report", "--round needs a whole number from 1 to 1000000");
            o.bargain_round = (size_t)n;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--sweep", &v)) {
            char *end;
            sweep = v ? strtol(v, &end, 10) : -1;
            if (!v || *end || sweep < 1 || sweep > 100000000)
                return tool_usage_error("report", "--sweep needs a number of runs from 1 to 100000000");
            continue;
        }
        if (strcmp(arg, "--dilemma") == 0) {
            dilemma = 1;
            continue;
        }
        int took_scale = tool_take_salience_scale(argc, argv, &i, "report", &a.salience_scale);
        if (took_scale < 0)
            return EXIT_USAGE;
        if (took_scale)
            continue;
        if (arg[0] == '-' && arg[1] != '\0')
            return tool_usage_error("report", "unknown option '%s'", arg);
        if (a.file)
            return tool_usage_error("report", "one scenario file at a time ('%s' and '%s')", a.file, arg);
        a.file = arg;
    }
    if (!out)
        return tool_usage_error("report", "-o report.html is required");
    fc_dilemma_mode dm;
    if (tool_dilemma_mode(mode, &dm))
        return tool_usage_error("report", "--mode must be start or commit, not '%s'", mode);
    size_t ns;
    const char *const *list = tool_model_settings_list(&settings, &ns);
    fc_run_options ro;
    tool_run_options(&ro, a.file, a.salience_scale, a.issue, a.model, a.preset, list, ns);

    fc_error err;
    fc_error_clear(&err);
    fc_run_result *run = NULL;
    char *html = NULL;
    fc_dilemma *d = NULL;
    fc_dilemma_issues *di = NULL;
    fc_chart_dilemma *cd = NULL;
    char *brief = NULL;
    fc_sweep_result *sweep_result = NULL;
    fc_chart_sweep *cs = NULL;
    fc_status st = fc_run_forecast(&ro, &run, &err);
    if (!st)
        tool_print_notes(run);
    if (!st && dilemma) {
        st = fc_chart_dilemma_compute(run->scenario, a.issue, a.model, a.preset, dm, &d, &cd, &err);
        o.dilemma = cd;
        /* The section's words come from the library: verdict, margin split, crisis backlash. */
        if (!st && !(st = fc_dilemma_report_brief(d, run->scenario, &brief, &err)))
            o.dilemma_text = brief;
    }
    if (!st && dilemma) {
        /* Every model run, as `fulcrum dilemma` compares them: the report's bottom line. */
        fc_dilemma_options dopt;
        fc_dilemma_options_init(&dopt);
        dopt.model = a.model;
        dopt.preset = a.preset;
        dopt.mode = dm;
        dopt.either_or_runs = FC_DILEMMA_EITHER_RUNS;
        st = fc_dilemma_compute_issues(run->scenario, &dopt, &di, &err);
        o.dilemma_models = di;
    }
    if (!st && sweep) {
        fc_run_note note;
        int noted = 0;
        st = fc_chart_sweep_compute(run->scenario, a.issue, a.model, a.preset, (size_t)sweep, &sweep_result, &cs, &note,
                                &noted, &err);
        if (noted)
            tool_print_note(NULL, &note);
        o.sweep = cs;
    }
    if (!st) {
        fc_forecast_set set = {.scenario = run->scenario, .problem = &run->problem,
                               .forecasts = (const fc_forecast *const *)run->forecasts,
                               .n_forecasts = run->n_forecasts, .parts = run->parts, .n_parts = run->n_parts};
        st = fc_report_html(&set, &o, &html, &err);
    }
    int rc = st ? tool_fail(&err) : tool_emit_from(out, html, a.file);
    free(html);
    free(brief);
    free(cd);
    fc_dilemma_free(d);
    fc_dilemma_issues_free(di);
    free(cs);
    fc_sweep_result_free(sweep_result);
    fc_run_result_free(run);
    fc_charts_release_caches();
    return rc;
}
