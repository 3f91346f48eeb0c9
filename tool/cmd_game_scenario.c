/* `fulcrum game --from-scenario`: reads the options, then has the library build the deciding
 * actor's dilemma as an extensive game, write it as .efg (so Gambit can open it), solve it for
 * subgame-perfect and Nash equilibria and tell the equilibrium path in words; prints that.
 * With --crisis the game is the crisis game (docs/dilemma-game.md): the interaction game
 * against each challenger, with its resolve unknown to the decider. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_game.h"
#include "tool.h"

static int number_option(const char *name, const char *v, double *out)
{
    double x = 0;
    if (!v || fc_number_parse(v, &x) != FC_NUMBER_OK || x < 0)
        return tool_usage_error("game", "%s needs a non-negative number", name);
    *out = x;
    return EXIT_OK;
}

/* `game --from-scenario --crisis`: the library builds, solves and words the crisis game. */
static int crisis_game(int argc, char **argv)
{
    const char *scen = NULL, *write = NULL;
    fc_dilemma_crisis_game_options opt;
    fc_dilemma_crisis_game_options_init(&opt);
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int rc = EXIT_OK;
        if (strcmp(argv[i], "--from-scenario") == 0 || strcmp(argv[i], "--crisis") == 0) {
            continue;
        } else if (tool_option_value(argc, argv, &i, "--write", &v)) {
            if (!v)
                return tool_usage_error("game", "--write needs a file name");
            write = v;
        } else if (strcmp(argv[i], "--no-write") == 0) {
            write = NULL;
        } else if (tool_option_value(argc, argv, &i, "--hawk-prior", &v)) {
            rc = number_option("--hawk-prior", v, &opt.hawk_prior);
        } else if (tool_option_value(argc, argv, &i, "--resolve-margin", &v)) {
            rc = number_option("--resolve-margin", v, &opt.resolve_margin);
        } else if (tool_option_value(argc, argv, &i, "--backlash-weight", &v)) {
            rc = number_option("--backlash-weight", v, &opt.backlash_weight);
        } else if (tool_option_value(argc, argv, &i, "--solver", &v)) {
            if (v && strcmp(v, "logit") == 0)
                opt.solver = FC_DILEMMA_CRISIS_LOGIT;
            else if (v && strcmp(v, "lcp") == 0)
                opt.solver = FC_DILEMMA_CRISIS_LCP;
            else
                return tool_usage_error("game", "--solver with --crisis is logit or lcp");
        } else if (argv[i][0] == '-') {
            return tool_usage_error("game", "unknown option '%s' with --crisis", argv[i]);
        } else if (!scen) {
            scen = argv[i];
        } else {
            return tool_usage_error("game", "more than one scenario given");
        }
        if (rc != EXIT_OK)
            return rc;
    }
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc = NULL;
    if (tool_load_scenario(scen, 100, &sc, &err) != FC_OK)
        return tool_fail(&err);
    fc_dilemma_crisis_game *cg = NULL;
    fc_status st = fc_dilemma_crisis_game_build(sc, &opt, &cg, &err);
    fc_scenario_free(sc);
    if (st != FC_OK)
        return game_fail(&err);
    char *text = NULL;
    if ((st = fc_dilemma_crisis_game_text(cg, &text, &err)) == FC_OK)
        fputs(text, stdout);
    free(text);
    if (st == FC_OK && write) {
        fc_game *g = NULL;
        if ((st = fc_dilemma_crisis_game_tree(cg, &g, &err)) == FC_OK && (st = fc_game_save(g, write, &err)) == FC_OK)
            printf("\ngame written to %s (Gambit can open it)\n", write);
        fc_game_free(g);
    }
    fc_dilemma_crisis_game_free(cg);
    return st == FC_OK ? EXIT_OK : game_fail(&err);
}

int cmd_game_from_scenario(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--crisis") == 0)
            return crisis_game(argc, argv);
    const char *scen = NULL, *write = NULL; /* a file only when asked: --write */
    bool details = false;
    /* Costs given on the command line override those the scenario declares. */
    fc_dilemma_game_options opt = {NAN, NAN, NAN};
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int rc = EXIT_OK;
        if (strcmp(argv[i], "--from-scenario") == 0) {
            continue;
        } else if (tool_option_value(argc, argv, &i, "--write", &v)) {
            if (!v)
                return tool_usage_error("game", "--write needs a file name");
            write = v;
        } else if (strcmp(argv[i], "--no-write") == 0) {
            write = NULL;
        } else if (strcmp(argv[i], "--details") == 0) {
            details = true;
        } else if (tool_option_value(argc, argv, &i, "--pressure-cost", &v)) {
            rc = number_option("--pressure-cost", v, &opt.pressure_cost);
        } else if (tool_option_value(argc, argv, &i, "--pressured-cost", &v)) {
            rc = number_option("--pressured-cost", v, &opt.pressured_cost);
        } else if (tool_option_value(argc, argv, &i, "--effect", &v)) {
            rc = number_option("--effect", v, &opt.effect);
        } else if (argv[i][0] == '-') {
            return tool_usage_error("game", "unknown option '%s' with --from-scenario", argv[i]);
        } else if (!scen) {
            scen = argv[i];
        } else {
            return tool_usage_error("game", "more than one scenario given");
        }
        if (rc != EXIT_OK)
            return rc;
    }
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc = NULL;
    if (tool_load_scenario(scen, 100, &sc, &err) != FC_OK)
        return tool_fail(&err);
    fc_dilemma_game_options given = opt;
    fc_dilemma_game_options_from_scenario(&opt, sc);
    if (!isnan(given.pressure_cost))
        opt.pressure_cost = given.pressure_cost;
    if (!isnan(given.pressured_cost))
        opt.pressured_cost = given.pressured_cost;
    if (!isnan(given.effect))
        opt.effect = given.effect;
    fc_game *g = NULL;
    fc_status st = fc_game_from_scenario(sc, &opt, &g, &err);
    fc_scenario_free(sc);
    if (st != FC_OK)
        return game_fail(&err);
    char *text = NULL;
    if ((st = fc_dilemma_game_header_text(g, &opt, &text, &err)) != FC_OK) {
        fc_game_free(g);
        return game_fail(&err);
    }
    fputs(text, stdout);
    free(text);
    if (write) {
        if (fc_game_save(g, write, &err) != FC_OK) {
            fc_game_free(g);
            return game_fail(&err);
        }
        printf("game written to %s (Gambit can open it)\n", write);
    }
    fc_dilemma_game_result res;
    if (fc_dilemma_game_solve(g, &res, &err) != FC_OK) {
        fc_game_free(g);
        return game_fail(&err);
    }
    st = fc_dilemma_game_text(g, &res, details, &text, &err);
    if (text)
        fputs(text, stdout);
    free(text);
    fc_dilemma_game_result_free(&res);
    fc_game_free(g);
    return st == FC_OK ? EXIT_OK : game_fail(&err);
}
