/* fulcrum backtest --cases DIR: the track record of the dilemma on comparable decisions whose
 * outcome is known (fulcrum/cases.h does the work). */
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum backtest --cases DIR|FILE [--cases DIR|FILE ...] [options]\n"
            "\n"
            "Runs the dilemma (every issue, backlash as crisis bargaining) on every case: each\n"
            "FILE, and every case file of each DIR (*.yaml, *.yml, *.json, in name order); each\n"
            "case has a decider, its choices and an `outcome` block:\n"
            "the choice made and who pushed back) and scores it: per model, how often the choice\n"
            "it ranks first is the choice made, beside chance; per case, who the crisis models\n"
            "expected to challenge the decider and who did (docs/cases.md).\n"
            "\n"
            "options:\n"
            "  --model NAME|all       one model (its default preset unless --preset), or all\n"
            "  --preset NAME          this preset, in every model that has it\n"
            "  --either-runs N        jittered runs per model run for the either/or (default 0)\n"
            "  --seed N               their seed (default 1)\n"
            "  --format text|json     output format (default: text)\n"
            "  -o FILE                write to FILE (whole, or not at all) instead of stdout\n"
            "  --help                 this text\n");
}

static int count_arg(const char *flag, const char *v, unsigned long long max, unsigned long long *out)
{
    if (!tool_parse_count(v, max, out))
        return tool_usage_error("backtest", "%s needs a whole number up to %llu", flag, max);
    return 0;
}

int cmd_backtest_cases(int argc, char **argv)
{
    const char *paths[64];
    size_t n_paths = 0;
    const char *format = "text", *output = NULL, *v;
    fc_cases_options o;
    fc_cases_options_init(&o);
    unsigned long long n = 0; /* set by count_arg before use; gcc -O2 cannot see it */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
        if (tool_option_value(argc, argv, &i, "--cases", &v)) {
            if (!v)
                return tool_usage_error("backtest", "--cases needs a folder or a case file");
            if (n_paths == sizeof paths / sizeof paths[0])
                return tool_usage_error("backtest", "at most 64 --cases");
            paths[n_paths++] = v;
        } else if (tool_option_value(argc, argv, &i, "--model", &v) && v) {
            o.model = v;
        } else if (tool_option_value(argc, argv, &i, "--preset", &v) && v) {
            o.preset = v;
        } else if (tool_option_value(argc, argv, &i, "--format", &v) && v) {
            format = v;
        } else if (tool_option_value(argc, argv, &i, "-o", &v) && v) {
            output = v;
        } else if (tool_option_value(argc, argv, &i, "--either-runs", &v)) {
            if (count_arg("--either-runs", v, 1000000, &n))
                return EXIT_USAGE;
            o.either_or_runs = (size_t)n;
        } else if (tool_option_value(argc, argv, &i, "--seed", &v)) {
            if (count_arg("--seed", v, UINT64_MAX, &n))
                return EXIT_USAGE;
            o.seed = n;
        } else {
            return tool_usage_error("backtest", "unknown option or argument '%s' with --cases", arg);
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return tool_usage_error("backtest", "--format with --cases is text or json, not '%s'", format);
    fc_error err;
    fc_error_clear(&err);
    fc_case_set *s = NULL;
    char *text = NULL;
    fc_status st = fc_cases_run(paths, n_paths, &o, &s, &err);
    if (!st)
        st = strcmp(format, "json") == 0 ? fc_cases_report_json(s, &text, &err) : fc_cases_report_text(s, &text, &err);
    int rc = st ? tool_fail(&err) : tool_emit(output, text);
    free(text);
    fc_case_set_free(s);
    return rc;
}
