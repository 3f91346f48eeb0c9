/* fulcrum backtest: every forecaster on every issue of a DEU table, scored against the
 * outcomes actually decided. */
#include <stdlib.h>
#include <string.h>

#include "tool.h"

#define MAX_MODELS 128
#define MAX_SETTINGS 64

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum backtest FILE [options]\n"
            "       fulcrum backtest --cases DIR [options]   (the dilemma's track record: --cases --help)\n"
            "\n"
            "Runs every forecaster (each preset of each model) on every issue of a DEU table\n"
            "(Decision-making in the European Union: positions, saliences, reference point and\n"
            "outcome per issue; docs/backtest.md) and reports each one's errors against the\n"
            "outcomes: MAE, RMSE, median absolute error, share within 10 points, by era, and\n"
            "the MAE difference from the compromise model with a bootstrap 95%% interval that\n"
            "resamples proposals.\n"
            "\n"
            "options:\n"
            "  --capabilities SCHEME  council-votes (default): Council vote weights, pre-Nice\n"
            "                         up to 2000, Nice after; Commission and Parliament weighted\n"
            "                         as the largest member state in the issue; or equal\n"
            "  --models LIST          comma-separated NAME or NAME:PRESET (default: all)\n"
            "  --model NAME|all       one model (its default preset unless --preset), or all\n"
            "  --preset NAME          this preset, in every model that has it (models\n"
            "                         without presets run as well)\n"
            "  --format text|json|csv output format (default: text)\n"
            "  --per-issue FILE.csv   also write every issue's forecast and error per model\n"
            "  --set MODEL.NAME=VALUE set one option of a model for every preset (repeatable)\n"
            "  --bootstrap N          bootstrap replicates (default 2000)\n"
            "  --seed N               the bootstrap's seed (default 20140101)\n"
            "  --threads N            threads (default: all cores; never changes a figure)\n"
            "  --cv                   cross-validate instead, leaving one proposal out at a time:\n"
            "                         each family's CV MAE against the compromise model, and with\n"
            "                         two or more families the nested selection among them\n"
            "  --family SPEC          a family for --cv (repeatable): MODEL[:PRESET] with option\n"
            "                         grids, e.g. nbs,breakdown=1/10,utility=quadratic/linear\n"
            "                         (default: the families of docs/accuracy.md)\n"
            "  -o FILE                write to FILE (whole, or not at all) instead of stdout\n"
            "  --help                 this text\n");
}

static int run_cv(const char *file, fc_deu_capabilities caps, const char *const *families, size_t n_families,
                  const fc_backtest_options *bo, const char *format, const char *output)
{
    fc_error err;
    fc_error_clear(&err);
    fc_backtest_cv_options o;
    fc_backtest_cv_options_init(&o);
    o.families = families;
    o.n_families = n_families;
    o.n_boot = bo->n_boot;
    o.seed = bo->seed;
    o.threads = bo->threads;
    fc_deu_set *set = NULL;
    fc_backtest_cv_result *r = NULL;
    char *text = NULL;
    fc_status st = fc_deu_load(file, caps, &set, &err);
    if (!st)
        st = fc_backtest_cv(set, &o, &r, &err);
    if (!st)
        st = strcmp(format, "json") == 0 ? fc_backtest_cv_report_json(r, &text, &err)
                                         : fc_backtest_cv_report_text(r, &text, &err);
    int rc = st ? (err.status == FC_EUSAGE ? tool_usage_error("backtest", "%s", err.message) : tool_fail(&err))
                : tool_emit_from(output, text, file);
    free(text);
    fc_backtest_cv_result_free(r);
    fc_deu_set_free(set);
    return rc;
}

int cmd_backtest(int argc, char **argv)
{
    const char *file = NULL, *caps_name = "council-votes", *models_arg = NULL, *format = "text";
    const char *per_issue = NULL, *output = NULL;
    fc_backtest_options o;
    fc_backtest_options_init(&o);
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--cases") == 0)
            return cmd_backtest_cases(argc, argv);
    const char *settings[MAX_SETTINGS];
    size_t n_settings = 0;
    const char *families[MAX_MODELS];
    size_t n_families = 0;
    int cv = 0;
    const char *v;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
#define VALUE(name, dst)                                                                    \
    if (tool_option_value(argc, argv, &i, name, &v)) {                                      \
        if (!v)                                                                             \
            return tool_usage_error("backtest", "%s needs a value", name);                  \
        dst = v;                                                                            \
        continue;                                                                           \
    }
        VALUE("--capabilities", caps_name)
        VALUE("--models", models_arg)
        VALUE("--model", o.model)
        VALUE("--preset", o.preset)
        VALUE("--format", format)
        VALUE("--per-issue", per_issue)
        VALUE("-o", output)
        VALUE("--output", output)
#undef VALUE
        if (strcmp(arg, "--cv") == 0) {
            cv = 1;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--family", &v)) {
            if (!v)
                return tool_usage_error("backtest", "--family needs MODEL[,KEY=V1/V2...]");
            if (n_families == MAX_MODELS)
                return tool_usage_error("backtest", "too many --family options");
            families[n_families++] = v;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--set", &v)) {
            if (!v)
                return tool_usage_error("backtest", "--set needs MODEL.NAME=VALUE");
            if (n_settings == MAX_SETTINGS)
                return tool_usage_error("backtest", "too many --set options");
            settings[n_settings++] = v;
            continue;
        }
        unsigned long long n;
        if (tool_option_value(argc, argv, &i, "--bootstrap", &v)) {
            if (!tool_parse_count(v, 1000000, &n))
                return tool_usage_error("backtest", "--bootstrap needs a whole number from 0 to 1000000");
            o.n_boot = (size_t)n;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--seed", &v)) {
            if (!tool_parse_count(v, UINT64_MAX, &n))
                return tool_usage_error("backtest", "--seed needs a whole number >= 0");
            o.seed = (uint64_t)n;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--threads", &v)) {
            if (!tool_parse_count(v, 4096, &n))
                return tool_usage_error("backtest", "--threads needs a whole number from 0 to 4096");
            o.threads = (int)n;
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0')
            return tool_usage_error("backtest", "unknown option '%s'", arg);
        if (file)
            return tool_usage_error("backtest", "one DEU table at a time ('%s' and '%s')", file, arg);
        file = arg;
    }
    if (!file)
        return tool_usage_error("backtest", "which DEU table? (e.g. deu_dev.tsv)");
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0)
        return tool_usage_error("backtest", "--format must be text, json or csv, not '%s'", format);

    if (n_families && !cv)
        return tool_usage_error("backtest", "--family goes with --cv");
    if (cv && (models_arg || o.model || o.preset || n_settings || per_issue))
        return tool_usage_error("backtest", "with --cv, name the candidates with --family (fixed "
                                            "options as KEY=VALUE in it), not --models/--model/--preset/--set/--per-issue");
    if (cv && strcmp(format, "csv") == 0)
        return tool_usage_error("backtest", "--cv writes text or json");

    fc_error err;
    fc_error_clear(&err);
    fc_deu_capabilities caps;
    if (fc_deu_capabilities_parse(caps_name, &caps, &err))
        return tool_usage_error("backtest", "%s", err.message);
    if (cv)
        return run_cv(file, caps, families, n_families, &o, format, output);

    /* --models a,b:c -> a list of specs pointing into one copy of the argument. */
    char *models_copy = NULL;
    const char *specs[MAX_MODELS];
    size_t n_specs = 0;
    if (models_arg && strcmp(models_arg, "all") != 0) {
        if (!(models_copy = strdup(models_arg)))
            return EXIT_FAILURE_OTHER;
        for (char *save = NULL, *t = strtok_r(models_copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            if (n_specs == MAX_MODELS) {
                free(models_copy);
                return tool_usage_error("backtest", "too many models in --models");
            }
            specs[n_specs++] = t;
        }
        if (n_specs == 0) {
            free(models_copy);
            return tool_usage_error("backtest", "--models names no model");
        }
    }
    o.models = specs;
    o.n_models = n_specs;
    o.settings = settings;
    o.n_settings = n_settings;

    fc_deu_set *set = NULL;
    fc_backtest_result *r = NULL;
    char *text = NULL, *issues = NULL;
    int rc;
    fc_status st = fc_deu_load(file, caps, &set, &err);
    if (!st)
        st = fc_backtest_run(set, &o, &r, &err);
    if (!st && per_issue)
        st = fc_backtest_issues_csv(r, &issues, &err);
    if (!st) {
        if (strcmp(format, "json") == 0)
            st = fc_backtest_report_json(r, &text, &err);
        else if (strcmp(format, "csv") == 0)
            st = fc_backtest_report_csv(r, &text, &err);
        else
            st = fc_backtest_report_text(r, &text, &err);
    }
    if (st) {
        rc = err.status == FC_EUSAGE ? tool_usage_error("backtest", "%s", err.message) : tool_fail(&err);
    } else {
        rc = per_issue ? tool_emit_from(per_issue, issues, file) : EXIT_OK;
        if (rc == EXIT_OK)
            rc = tool_emit_from(output, text, file);
    }
    free(text);
    free(issues);
    fc_backtest_result_free(r);
    fc_deu_set_free(set);
    free(models_copy);
    return rc;
}
