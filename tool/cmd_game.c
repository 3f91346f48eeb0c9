/* `fulcrum game`: reads a Gambit .nfg/.efg file, solves it and prints the equilibria as
 * Gambit's command-line tools do (`NE,...` lines on stdout), each checked before printing;
 * or builds the deciding actor's dilemma as a game from a scenario (--from-scenario). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_game.h"
#include "tool.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum game FILE [--solver NAME] [--details] [-d DIGITS] [--write OUT]\n"
            "       fulcrum game --from-scenario [SCENARIO] [--write OUT.efg] [--details]\n"
            "                    [--pressure-cost C] [--pressured-cost K]\n"
            "\n"
            "Solves a game in Gambit's .nfg or .efg format and prints one `NE,...` line per\n"
            "equilibrium, in Gambit's order conventions. Every equilibrium is checked before it\n"
            "is printed (regret exactly 0 for the exact solvers).\n"
            "\n"
            "solvers:\n"
            "  enumpure   all pure equilibria, any number of players (default)\n"
            "  enummixed  all extreme mixed equilibria of a two-player game, exact\n"
            "  lcp        Lemke-Howson (two players); --all: every equilibrium its paths reach;\n"
            "             extensive games: Lemke on the sequence form (one equilibrium)\n"
            "  spe        subgame-perfect equilibria of an extensive game\n"
            "  logit      the logit quantal-response branch traced to its end (extensive games:\n"
            "             the agent form); --branch FILE writes the branch as CSV\n"
            "\n"
            "options:\n"
            "  --details       after each equilibrium: expected payoffs, regrets, beliefs\n"
            "  -d DIGITS       print decimals with DIGITS places instead of exact rationals\n"
            "  --write OUT     also write the game (Gambit's conventions) to OUT\n"
            "  --from-scenario build the dilemma game from a scenario (default: built-in case);\n"
            "                  docs/games.md explains the construction\n"
            "\n"
            "exit codes: 0 ok, 1 other failure, 2 usage error, 3 bad input.\n");
}

/* Prints a library error with its field and the options in its message as flags. */
int game_fail(const fc_error *err)
{
    fc_error e = *err;
    char *msg = tool_flag_words(err->message);
    if (msg)
        snprintf(e.message, sizeof e.message, "%s", msg);
    free(msg);
    return tool_fail(&e);
}

/* Prints the checked equilibria (what was checked, also when one fails); an exit code. */
static int game_print_equilibria(const fc_game *g, const fc_equilibria *eq, bool details, int digits)
{
    fc_game_text_options o;
    fc_game_text_options_init(&o);
    o.details = details;
    o.digits = digits;
    fc_error err;
    fc_error_clear(&err);
    char *text = NULL;
    fc_status st = fc_game_text(g, eq, &o, &text, &err);
    if (text)
        fputs(text, stdout);
    free(text);
    return st == FC_OK ? EXIT_OK : game_fail(&err);
}

/* The solver's note on stderr, with options named as flags. */
static void print_note(const char *note)
{
    char *text = tool_flag_words(note);
    fprintf(stderr, "fulcrum game: %s\n", text ? text : note);
    free(text);
}

int cmd_game(int argc, char **argv)
{
    const char *file = NULL, *solver = "enumpure", *write = NULL, *branch_file = NULL;
    bool details = false, all = false;
    int digits = 0;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--from-scenario") == 0) {
            return cmd_game_from_scenario(argc, argv);
        } else if (tool_option_value(argc, argv, &i, "--solver", &v)) {
            if (!v)
                return tool_usage_error("game", "--solver needs a name");
            solver = v;
        } else if (strcmp(argv[i], "--details") == 0) {
            details = true;
        } else if (strcmp(argv[i], "--all") == 0) {
            all = true;
        } else if (tool_option_value(argc, argv, &i, "-d", &v)) {
            char *end = NULL;
            long d = v ? strtol(v, &end, 10) : -1;
            if (!v || *end || d < 1 || d > 40)
                return tool_usage_error("game", "-d needs a number of digits from 1 to 40");
            digits = (int)d;
        } else if (tool_option_value(argc, argv, &i, "--write", &v)) {
            if (!v)
                return tool_usage_error("game", "--write needs a file name");
            write = v;
        } else if (tool_option_value(argc, argv, &i, "--branch", &v)) {
            if (!v)
                return tool_usage_error("game", "--branch needs a file name");
            branch_file = v;
        } else if (argv[i][0] == '-') {
            return tool_usage_error("game", "unknown option '%s'", argv[i]);
        } else if (!file) {
            file = argv[i];
        } else {
            return tool_usage_error("game", "more than one game file given");
        }
    }
    if (!file)
        return tool_usage_error("game", "no game file given");
    fc_error err;
    fc_error_clear(&err);
    fc_game *g = NULL;
    if (fc_game_load(file, &g, &err) != FC_OK)
        return game_fail(&err);
    fputs(fc_game_warnings(g), stderr);
    int rc = EXIT_OK;
    if (write && fc_game_save(g, write, &err) != FC_OK) {
        fc_game_free(g);
        return game_fail(&err);
    }
    fc_game_options opt;
    fc_game_options_init(&opt);
    opt.lcp_all = all;
    fc_equilibria eq;
    memset(&eq, 0, sizeof eq);
    fc_logit_branch br;
    memset(&br, 0, sizeof br);
    fc_status st;
    if (strcmp(solver, "enumpure") == 0)
        st = fc_game_enumpure(g, &eq, &err);
    else if (strcmp(solver, "enummixed") == 0)
        st = fc_game_enummixed(g, &eq, &err);
    else if (strcmp(solver, "lcp") == 0)
        st = fc_game_lcp(g, &opt, &eq, &err);
    else if (strcmp(solver, "spe") == 0)
        st = fc_game_spe(g, &eq, &err);
    else if (strcmp(solver, "logit") == 0)
        st = fc_game_logit(g, &opt, &eq, branch_file ? &br : NULL, &err);
    else {
        fc_game_free(g);
        return tool_usage_error("game", "unknown solver '%s' (enumpure, enummixed, lcp, spe, logit)",
                                solver);
    }
    if (st != FC_OK) {
        fc_game_free(g);
        return game_fail(&err);
    }
    rc = game_print_equilibria(g, &eq, details, digits);
    if (eq.note[0])
        print_note(eq.note);
    if (!eq.converged) {
        fprintf(stderr, "fulcrum game: the logit branch did not converge to an equilibrium "
                        "(largest regret %.3g); no NE printed\n",
                eq.max_regret);
        if (rc == EXIT_OK)
            rc = EXIT_FAILURE_OTHER;
    }
    if (branch_file && rc == EXIT_OK && br.n) {
        char *text = NULL;
        fc_error berr;
        if (fc_logit_branch_csv(&br, &text, &berr) != FC_OK)
            rc = game_fail(&berr);
        else
            rc = tool_emit(branch_file, text);
        free(text);
    }
    fc_logit_branch_free(&br);
    fc_equilibria_free(&eq);
    fc_game_free(g);
    return rc;
}
