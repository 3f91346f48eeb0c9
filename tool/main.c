/* fulcrum: the command-line program. It parses the subcommand and hands over to one
 * cmd_*.c file; everything it computes comes from the library. */
#include <stdio.h>
#include <string.h>

#include "tool.h"

static const tool_command commands[] = {
    {"forecast", cmd_forecast, "forecast a scenario with one or all bargaining models"},
    {"validate", cmd_validate, "check a scenario file and report every problem"},
    {"convert", cmd_convert, "convert a scenario between YAML, JSON and CSV"},
    {"models", cmd_models, "list the forecasters and their presets"},
    {"sweep", cmd_sweep, "Monte Carlo over the estimates' uncertainty: intervals, sensitivity"},
    {"backtest", cmd_backtest, "score every forecaster against real outcomes (DEU data)"},
    {"dilemma", cmd_dilemma, "compare the deciding actor's choices: backlash, winners, losers"},
    {"chart", cmd_chart, "draw a chart of a forecast as SVG, PNG or PDF"},
    {"game", cmd_game, "solve a Gambit .nfg/.efg game, or the dilemma as a game"},
    {"report", cmd_report, "write a self-contained HTML report with every chart"},
    {"serve", cmd_serve, "the workbench: a local web page and JSON API, runs kept in SQLite"},
    {"runs", cmd_runs, "list, show, compare and rerun the runs the workbench kept"},
    {"new", cmd_new, "write a commented template scenario to start a case from"},
};

static void print_help(FILE *out)
{
    fprintf(out,
            "usage: fulcrum [COMMAND] [ARGS]\n"
            "\n"
            "Forecasts how a contest over a state's foreign policy plays out, with the\n"
            "published bargaining models. With no command: `fulcrum forecast` on the\n"
            "built-in case (Azerbaijan, 2014).\n\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n`fulcrum COMMAND --help` explains each command.\n"
                 "exit codes: 0 ok, 1 other failure, 2 usage error, 3 bad input.\n");
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        char *default_argv[] = {"forecast", NULL};
        return cmd_forecast(1, default_argv);
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("fulcrum %s\n", fc_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    /* A file as the first argument means `forecast FILE`. */
    if (name[0] != '-' && strchr(name, '.'))
        return cmd_forecast(argc, argv);
    fprintf(stderr, "fulcrum: unknown command '%s'\n\n", name);
    print_help(stderr);
    return EXIT_USAGE;
}

/* Every command's output ends here: a write error on stdout is a failure (exit 1). */
int main(int argc, char **argv)
{
    /* Exact game solvers that run out of memory end with a message and exit 1, not GMP's
     * abort and core file. */
    fc_game_exit_on_oom("fulcrum: out of memory in the exact game solver (try a smaller game)",
                        EXIT_FAILURE_OTHER);
    return tool_finish(run(argc, argv));
}
