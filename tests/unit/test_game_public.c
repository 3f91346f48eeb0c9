/* The game API as a client of fulcrum.h alone sees it: no GMP reaches it (checked by the
 * preprocessor), results read as "p/q" text and doubles, the checked game report, behaviour
 * offsets, and the dilemma built as a game, solved and told in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

/* The umbrella header must not pull in <gmp.h> (game_exact.h is the only public header that
 * does, and fulcrum.h leaves it out). */
#ifdef __GNU_MP__
#error "fulcrum/fulcrum.h includes <gmp.h>"
#endif

#define GAMES FULCRUM_TEST_DATA "/games/"

static fc_game *load(const char *name)
{
    fc_game *g = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_game_load(name, &g, &err) != FC_OK)
        fail_msg("%s: %s", name, err.message);
    return g;
}

/* Alignment game: the mixed equilibrium is (1/2, 1/2) for both, worked by hand from the
 * indifference conditions 2 - x = 3x and 3y = 1 + y; both players get 3/2. */
static void values_without_gmp(void **state)
{
    (void)state;
    fc_game *g = load(GAMES "alignment.nfg");
    assert_int_equal(fc_game_get_form(g), FC_GAME_STRATEGIC);
    assert_string_equal(fc_game_title(g), "Alignment game");
    assert_int_equal(fc_game_n_players(g), 2);
    assert_string_equal(fc_game_player(g, 1), "Neighbour");
    assert_string_equal(fc_game_warnings(g), "");
    fc_equilibria eq;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_game_enummixed(g, &eq, &err), FC_OK);
    assert_int_equal(eq.n, 1);
    const fc_profile *pr = fc_equilibria_item(&eq, 0);
    assert_non_null(pr);
    assert_null(fc_equilibria_item(&eq, 1));
    assert_true(fc_profile_is_exact(pr));
    assert_int_equal(fc_profile_dim(pr), 4);
    for (size_t k = 0; k < 4; k++) {
        char *t = fc_profile_value_text(pr, k);
        assert_string_equal(t, "1/2");
        free(t);
        assert_true(fc_profile_value(pr, k) == 0.5);
    }
    assert_null(fc_profile_value_text(pr, 4));

    fc_game_text_options o;
    fc_game_text_options_init(&o);
    assert_false(o.details);
    assert_int_equal(o.digits, 0);
    o.details = true;
    char *text = NULL;
    assert_int_equal(fc_game_text(g, &eq, &o, &text, &err), FC_OK);
    assert_string_equal(text, "NE,1/2,1/2,1/2,1/2\n"
                              "  payoff Small state: 3/2\n"
                              "  payoff Neighbour: 3/2\n"
                              "  regret Small state: West=0 Neighbours=0\n"
                              "  regret Neighbour: Accommodate=0 Pressure=0\n");
    free(text);
    o.details = false;
    o.digits = 2;
    assert_int_equal(fc_game_text(g, &eq, &o, &text, &err), FC_OK);
    assert_string_equal(text, "NE,0.50,0.50,0.50,0.50\n");
    free(text);
    o.digits = 41;
    text = NULL;
    assert_int_equal(fc_game_text(g, &eq, &o, &text, &err), FC_EUSAGE);
    assert_string_equal(err.field, "digits");
    assert_string_equal(text, "");
    free(text);
    fc_equilibria_free(&eq);

    /* A floating solver's entries read as the shortest decimal. */
    fc_game_options gopt;
    fc_game_options_init(&gopt);
    assert_int_equal(fc_game_logit(g, &gopt, &eq, NULL, &err), FC_OK);
    assert_int_equal(eq.n, 1);
    pr = fc_equilibria_item(&eq, 0);
    assert_false(fc_profile_is_exact(pr));
    char *t = fc_profile_value_text(pr, 0);
    char expect[64];
    fc_format_double(expect, sizeof expect, fc_profile_value(pr, 0));
    assert_string_equal(t, expect);
    assert_true(fc_profile_value(pr, 0) > 0.4999 && fc_profile_value(pr, 0) < 0.5001);
    free(t);
    fc_equilibria_free(&eq);
    fc_game_free(g);
}

/* alignment.efg's sets in order of first appearance: chance, "S firm" (player 1), "N after
 * West" (player 2), "S weak" (player 1). Player 1's two sets come first (2 actions each). */
static void behaviour_offsets(void **state)
{
    (void)state;
    fc_game *g = load(GAMES "alignment.efg");
    assert_int_equal(fc_game_n_infosets(g), 4);
    long *off = fc_game_behaviour_offsets(g);
    assert_non_null(off);
    assert_int_equal(off[0], -1);
    assert_int_equal(off[1], 0);
    assert_int_equal(off[2], 4);
    assert_int_equal(off[3], 2);
    free(off);
    fc_game_free(g);
}

/* The built-in case with the documented defaults (docs/games.md): keeping its position is
 * Azerbaijan's subgame-perfect move and nobody presses it; with pressure costing 1 all three
 * responders press. */
static void dilemma_game_path(void **state)
{
    (void)state;
    fc_scenario *sc = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml", NULL, &sc, &err), FC_OK);
    fc_dilemma_game_options opt;
    fc_dilemma_game_options_from_scenario(&opt, sc);
    fc_game *g = NULL;
    assert_int_equal(fc_game_from_scenario(sc, &opt, &g, &err), FC_OK);
    assert_int_equal(fc_game_n_players(g), 4);
    fc_dilemma_game_result res;
    assert_int_equal(fc_dilemma_game_solve(g, &res, &err), FC_OK);
    assert_false(res.nash_mixed);
    assert_int_equal(res.spe.n, 1);
    assert_int_equal(res.nash.n, 64);
    char *path = NULL;
    assert_int_equal(fc_dilemma_game_path_text(g, fc_equilibria_item(&res.spe, 0), &path, &err),
                     FC_OK);
    assert_non_null(strstr(path, "  Azerbaijan (Aliyev government) chooses \"Current policy\"; then "
                                 "Russia accommodates, Iran accommodates, United States "
                                 "accommodates.\n  expected payoffs: Azerbaijan"));
    free(path);
    char *text = NULL;
    assert_int_equal(fc_dilemma_game_text(g, &res, false, &text, &err), FC_OK);
    assert_non_null(strstr(text, "\nsubgame-perfect equilibria:\n"
                                 "NE,1,0,0,1,0,1,0,0,1,1,0,1,0,1,0,1,0,1,0,1,0\n"
                                 "equilibrium path:\n"));
    assert_non_null(strstr(text, "\n64 equilibria; those not above rest on threats"));
    free(text);
    assert_int_equal(fc_dilemma_game_header_text(g, &opt, &text, &err), FC_OK);
    assert_non_null(strstr(text, "costs: pressure 5.00 to the presser, 10.00 x capability/100"));
    free(text);
    fc_dilemma_game_result_free(&res);
    fc_game_free(g);

    opt.pressure_cost = 1;
    assert_int_equal(fc_game_from_scenario(sc, &opt, &g, &err), FC_OK);
    assert_int_equal(fc_dilemma_game_solve(g, &res, &err), FC_OK);
    assert_int_equal(fc_dilemma_game_path_text(g, fc_equilibria_item(&res.spe, 0), &path, &err),
                     FC_OK);
    assert_non_null(strstr(path, "; then Russia pressures, Iran pressures, United States "
                                 "pressures.\n"));
    free(path);
    fc_dilemma_game_result_free(&res);
    fc_game_free(g);

    /* Costs are checked and named by their option. */
    opt.pressured_cost = -1;
    g = NULL;
    assert_int_equal(fc_game_from_scenario(sc, &opt, &g, &err), FC_EUSAGE);
    assert_null(g);
    assert_string_equal(err.field, "pressured_cost");
    assert_null(strstr(err.message, "--"));
    fc_scenario_free(sc);
}

/* The module's boundaries: src/game/ includes only its own headers, the public ones and
 * src/util/; the Gambit readers and writers in src/io/ use the game module's public API, never
 * its internal header. */
static void check_includes(const char *path, const char *const *banned)
{
    char *text = NULL;
    size_t len = 0;
    fc_error err;
    fc_error_clear(&err);
    if (fc_file_read(path, FC_MAX_INPUT_BYTES, &text, &len, &err) != FC_OK)
        fail_msg("%s: %s", path, err.message);
    for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, "#include \"", 10) != 0)
            continue;
        for (size_t b = 0; banned[b]; b++)
            if (strncmp(line + 10, banned[b], strlen(banned[b])) == 0)
                fail_msg("%s includes %s", path, banned[b]);
    }
    free(text);
}

static void module_boundaries(void **state)
{
    (void)state;
    static const char *const game_banned[] = {"io/", "analysis/", "report/", "models/",
                                              "scenario/", "fulcrum/scenario.h",
                                              "fulcrum/io.h", NULL};
    const char *dir = FULCRUM_SOURCE_DIR "/src/game";
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l < 3 || (strcmp(e->d_name + l - 2, ".c") != 0 && strcmp(e->d_name + l - 2, ".h") != 0))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        check_includes(path, game_banned);
        n++;
    }
    closedir(d);
    assert_true(n >= 10);
    static const char *const io_banned[] = {"game/", NULL};
    const char *io[] = {"nfg.c", "efg.c", "gambit.c", "gambit.h", "gambit_lex.c", "gambit_lex.h"};
    for (size_t i = 0; i < sizeof io / sizeof io[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/src/io/%s", FULCRUM_SOURCE_DIR, io[i]);
        check_includes(path, io_banned);
    }
}

/* The logit branch's CSV: lambda then the profile, %.10g, one line per point. */
static void logit_branch_csv(void **state)
{
    (void)state;
    double lambda[] = {0, 1.5}, point[] = {0.5, 0.5, 0.25, 1.0 / 3.0};
    fc_logit_branch b = {.n = 2, .cap = 2, .dim = 2, .lambda = lambda, .point = point};
    char *text = NULL;
    fc_error err;
    assert_int_equal(fc_logit_branch_csv(&b, &text, &err), FC_OK);
    assert_string_equal(text, "0,0.5,0.5\n1.5,0.25,0.3333333333\n");
    free(text);
    b.n = 0;
    assert_int_equal(fc_logit_branch_csv(&b, &text, &err), FC_OK);
    assert_string_equal(text, "");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_without_gmp),
        cmocka_unit_test(behaviour_offsets),
        cmocka_unit_test(dilemma_game_path),
        cmocka_unit_test(module_boundaries),
        cmocka_unit_test(logit_branch_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
