/* fulcrum dilemma: compare the deciding actor's choices (and the status quo) under one or
 * every model: outcome, backlash, regional conflicts, winners and losers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum dilemma [FILE] [options]\n"
            "\n"
            "Compares the choices the scenario lists for its deciding actor, and the status\n"
            "quo, under one or every bargaining model: the outcome, the challenges aimed at\n"
            "the decider (backlash), the conflicts in the region, and every actor's utility.\n"
            "With no FILE, the built-in Azerbaijan 2014 case. Figures: docs/dilemma.md.\n"
            "\n"
            "options:\n"
            "  --issue ID            this issue only (default: every issue the decider takes\n"
            "                        a stance on, and the totals; CSV: the first a choice sets)\n"
            "  --model NAME|all      a model from `fulcrum models`, or all (default: all,\n"
            "                        every model with each of its presets)\n"
            "  --preset NAME         only this preset\n"
            "  --mode start|commit   start: the choice is the decider's starting position;\n"
            "                        commit: the decider holds it throughout (default: start)\n"
            "  --format text|json|csv  output format (default: text)\n"
            "  --backlash-weight W   what a unit of crisis-game utility lost costs the decider\n"
            "                        (default: the scenario's backlash.weight, else 0)\n"
            "  --either-runs N       jittered runs per model for the either/or of the first\n"
            "                        two choices (default 100; 0 = none)\n"
            "  --advise CHOICE       for each model run: the estimates that move the margin or\n"
            "                        flip the choice, and what to offer whom to make CHOICE the\n"
            "                        best or stop a challenger (text only; slow: many runs)\n"
            "  --crisis-risk neutral|security  the crisis models' risk attitudes (default\n"
            "                        neutral; security: The War Trap Revisited's measure)\n"
            "  --no-backlash         leave the crisis backlash out (no War Trap, no cost)\n"
            "  --salience-scale 100|1  CSV input: saliences on 0-100 (default) or 0-1\n"
            "  -o FILE               write to FILE (whole, or not at all) instead of stdout\n"
            "  --help                this text\n");
}

typedef struct dilemma_args {
    const char *file, *issue, *model, *preset, *mode, *format, *output, *weight, *either, *advise, *risk;
    double salience_scale;
    int no_backlash;
} dilemma_args;

static int parse_args(int argc, char **argv, dilemma_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return -1;
        }
        if (strcmp(arg, "--no-backlash") == 0) {
            a->no_backlash = 1;
            continue;
        }
        const tool_text_option text_options[] = {
            {"--issue", &a->issue},
            {"--model", &a->model},
            {"--preset", &a->preset},
            {"--mode", &a->mode},
            {"--format", &a->format},
            {"-o", &a->output},
            {"--output", &a->output},
            {"--backlash-weight", &a->weight},
            {"--either-runs", &a->either},
            {"--advise", &a->advise},
            {"--crisis-risk", &a->risk},
        };
        int took = tool_take_text_option(argc, argv, &i, "dilemma", text_options,
                                         sizeof text_options / sizeof text_options[0]);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        int took_scale = tool_take_salience_scale(argc, argv, &i, "dilemma", &a->salience_scale);
        if (took_scale < 0)
            return EXIT_USAGE;
        if (took_scale)
            continue;
        if (arg[0] == '-' && arg[1] != '\0')
            return tool_usage_error("dilemma", "unknown option '%s'", arg);
        if (a->file)
            return tool_usage_error("dilemma", "one scenario file at a time ('%s' and '%s')", a->file, arg);
        a->file = arg;
    }
    if (strcmp(a->format, "text") != 0 && strcmp(a->format, "json") != 0 && strcmp(a->format, "csv") != 0)
        return tool_usage_error("dilemma", "--format must be text, json or csv, not '%s'", a->format);
    double w;
    if (a->weight && (fc_number_parse(a->weight, &w) != FC_NUMBER_OK || w < 0))
        return tool_usage_error("dilemma", "--backlash-weight needs a number >= 0, not '%s'", a->weight);
    if (a->advise && strcmp(a->format, "text") != 0)
        return tool_usage_error("dilemma", "--advise writes text only (not --format %s)", a->format);
    if (a->risk && strcmp(a->risk, "neutral") != 0 && strcmp(a->risk, "security") != 0)
        return tool_usage_error("dilemma", "--crisis-risk must be neutral or security, not '%s'", a->risk);
    double er;
    if (a->either && (fc_number_parse(a->either, &er) != FC_NUMBER_OK || er < 0 || er > 1e6 || er != floor(er)))
        return tool_usage_error("dilemma", "--either-runs needs a whole number from 0 to 1000000, not '%s'", a->either);
    fc_dilemma_mode dm;
    if (tool_dilemma_mode(a->mode, &dm))
        return tool_usage_error("dilemma", "--mode must be start or commit, not '%s'", a->mode);
    return 0;
}

int cmd_dilemma(int argc, char **argv)
{
    dilemma_args a = {.model = "all", .mode = "start", .format = "text", .salience_scale = 100};
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc = NULL;
    char *text = NULL;
    if (tool_load_scenario(a.file, a.salience_scale, &sc, &err))
        return tool_fail(&err);
    /* The library runs the dilemma as every front end does (fc_report_analysis): every issue
     * unless one is named, CSV one issue at a time, the either/or's runs, the backlash. */
    char mode[32], weight[96], either[64], advice[160];
    const char *args[6];
    size_t n_args = 0;
    snprintf(mode, sizeof mode, "mode=%s", a.mode);
    args[n_args++] = mode;
    if (a.no_backlash)
        args[n_args++] = "backlash=off";
    if (a.weight) {
        snprintf(weight, sizeof weight, "backlash_weight=%s", a.weight);
        args[n_args++] = weight;
    }
    if (a.either) {
        snprintf(either, sizeof either, "either_runs=%s", a.either);
        args[n_args++] = either;
    }
    if (a.risk) /* validated by parse_args */
        args[n_args++] = strcmp(a.risk, "security") == 0 ? "crisis_risk=security" : "crisis_risk=neutral";
    if (a.advise) {
        snprintf(advice, sizeof advice, "advise=%s", a.advise);
        args[n_args++] = advice;
    }
    fc_run_options ro;
    fc_run_options_init(&ro);
    ro.scenario = sc;
    ro.issue = a.issue;
    ro.model = a.model;
    ro.preset = a.preset;
    fc_status st = fc_report_analysis(&ro, "dilemma", a.format, args, n_args, &text, &err);
    rc = st ? tool_fail(&err) : tool_emit_from(a.output, text, a.file);
    /* The advice is slow, so not in the default run; say where it is to someone reading along
     * at a terminal (scripts and pipes get the output alone). */
    if (!st && rc == EXIT_OK && !a.advise && strcmp(a.format, "text") == 0 && isatty(STDERR_FILENO))
        fprintf(stderr, "fulcrum dilemma: which estimates flip the choice, and what to offer whom to make "
                        "a choice safe: fulcrum dilemma --advise CHOICE (slow: the models re-run per estimate)\n");
    free(text);
    fc_scenario_free(sc);
    return rc;
}
