/* lcp on extensive games (Lemke on the sequence form) against Gambit's recorded answers
 * (reference.tsv, read at test time): every profile Fulcrum prints must have regret exactly 0;
 * Gambit's own answer must be an equilibrium too (so the check can tell); the two must be the
 * same line on at least the measured number of games (both follow Lemke's path with a covering
 * vector of ones; they part only where ties are broken differently). Where Gambit refused
 * (imperfect recall, more than two players), Fulcrum refuses too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/game_exact.h"
#include "tsv_field.h"

#define GAMES_DIR FULCRUM_SHARED_DIR "/data/games"

/* Measured: 107 of the 117 games Gambit solves give the identical line (docs/games.md). */
#define MIN_SAME 107

/* Gambit's printed profile as exact numbers; false if it does not fit. */
static bool parse_profile(const char *ne, size_t dim, mpq_t *out)
{
    if (strncmp(ne, "NE,", 3) != 0)
        return false;
    const char *p = ne + 3;
    for (size_t i = 0; i < dim; i++) {
        size_t l = strcspn(p, ",");
        if (l == 0 || !fc_game_parse_number(p, l, out[i]))
            return false;
        p += l;
        if (i + 1 < dim) {
            if (*p != ',')
                return false;
            p++;
        }
    }
    return *p == '\0';
}

static void lcp_sequence_reference(void **state)
{
    (void)state;
    FILE *f = fopen(GAMES_DIR "/reference.tsv", "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0;
    int compared = 0, same = 0, refused = 0;
    bool header = true;
    while (getline(&line, &cap, f) > 0) {
        if (header) {
            header = false;
            continue;
        }
        char *p = line;
        char *file = tsv_field(&p), *solver = tsv_field(&p);
        tsv_field(&p);
        char *status = tsv_field(&p);
        tsv_field(&p);
        tsv_field(&p);
        tsv_field(&p);
        char *eq_text = tsv_field(&p), *err_text = tsv_field(&p);
        size_t fl = strlen(file);
        if (strcmp(solver, "lcp") != 0 || fl < 4 || strcmp(file + fl - 4, ".efg") != 0)
            continue;
        /* refusals for duplicate labels concern the file (relabelled copies are compared) */
        if (strcmp(status, "ok") != 0 && strstr(err_text, "unique"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", GAMES_DIR, file);
        fc_game *g = NULL;
        fc_error err;
        memset(&err, 0, sizeof err);
        assert_int_equal(fc_game_load(path, &g, &err), FC_OK);
        fc_game_options opt;
        fc_game_options_init(&opt);
        fc_equilibria eq;
        memset(&eq, 0, sizeof eq);
        fc_status st = fc_game_lcp(g, &opt, &eq, &err);
        if (strcmp(status, "ok") != 0) {
            if (st != FC_OK) {
                refused++;
            } else {
                /* an answer where Gambit refused must pass the check */
                for (size_t i = 0; i < eq.n; i++) {
                    mpq_t r;
                    mpq_init(r);
                    assert_int_equal(fc_game_profile_regret(g, eq.kind, &eq.items[i], r, &err),
                                     FC_OK);
                    assert_int_equal(mpq_sgn(r), 0);
                    mpq_clear(r);
                }
                fc_equilibria_free(&eq);
            }
            fc_game_free(g);
            continue;
        }
        if (st != FC_OK)
            fail_msg("%s: %s", file, err.message);
        assert_int_equal(eq.kind, FC_PROFILE_BEHAVIOUR);
        assert_int_equal(eq.n, 1);
        compared++;
        mpq_t r;
        mpq_init(r);
        assert_int_equal(fc_game_profile_regret(g, eq.kind, &eq.items[0], r, &err), FC_OK);
        if (mpq_sgn(r) != 0)
            fail_msg("%s: regret %g", file, mpq_get_d(r));
        /* Gambit's answer, checked the same way */
        size_t dim = eq.items[0].dim;
        mpq_t *gp = malloc(dim * sizeof *gp);
        for (size_t i = 0; i < dim; i++)
            mpq_init(gp[i]);
        assert_true(parse_profile(eq_text, dim, gp));
        fc_profile gpr = {dim, gp, NULL};
        assert_int_equal(fc_game_profile_regret(g, FC_PROFILE_BEHAVIOUR, &gpr, r, &err), FC_OK);
        if (mpq_sgn(r) != 0)
            fail_msg("%s: Gambit's answer has regret %g", file, mpq_get_d(r));
        char *ours = fc_profile_format(&eq.items[0], 0);
        if (strcmp(ours, eq_text) == 0)
            same++;
        free(ours);
        for (size_t i = 0; i < dim; i++)
            mpq_clear(gp[i]);
        free(gp);
        mpq_clear(r);
        fc_equilibria_free(&eq);
        fc_game_free(g);
    }
    free(line);
    fclose(f);
    printf("lcp on the sequence form: %d games compared, %d identical to Gambit's line; %d "
           "refused where Gambit refused\n",
           compared, same, refused);
    assert_true(compared >= 100);
    assert_true(same >= MIN_SAME);
    assert_true(refused > 0);
}

/* The spec's example (gambit-formats.md): Gambit's lcp gives NE,1,0,1,0,1,0. */
static void lcp_sequence_spec_example(void **state)
{
    (void)state;
    static const char text[] =
        "EFG 2 R \"Alignment with uncertain Western support\" { \"Small state\" \"Neighbour\" }\n"
        "\"\"\n"
        "c \"\" 1 \"West\" { \"firm\" 3/5 \"weak\" 2/5 } 0\n"
        "p \"\" 1 1 \"S firm\" { \"West\" \"Neighbours\" } 0\n"
        "p \"\" 2 1 \"N after West\" { \"Accommodate\" \"Pressure\" } 0\n"
        "t \"\" 1 \"West holds\" { 3, 1 }\n"
        "t \"\" 2 \"Crisis, backed\" { 1, -1 }\n"
        "t \"\" 3 \"Neighbours\" { 2, 2 }\n"
        "p \"\" 1 2 \"S weak\" { \"West\" \"Neighbours\" } 0\n"
        "p \"\" 2 1 0\n"
        "t \"\" 1\n"
        "t \"\" 4 \"Crisis, abandoned\" { -2, 3 }\n"
        "t \"\" 3\n";
    fc_game *g = NULL;
    fc_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(fc_game_parse(text, sizeof text - 1, "spec.efg", &g, &err), FC_OK);
    fc_equilibria eq;
    memset(&eq, 0, sizeof eq);
    assert_int_equal(fc_game_lcp(g, NULL, &eq, &err), FC_OK);
    assert_int_equal(eq.n, 1);
    char *s = fc_profile_format(&eq.items[0], 0);
    assert_string_equal(s, "NE,1,0,1,0,1,0");
    free(s);
    fc_equilibria_free(&eq);
    fc_game_free(g);
}

/* Three players: refused with a message, as Gambit does. */
static void lcp_sequence_refuses_three_players(void **state)
{
    (void)state;
    fc_game *g = NULL;
    fc_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(fc_game_load(GAMES_DIR "/contrib_games/2x2x2.efg", &g, &err), FC_OK);
    fc_equilibria eq;
    memset(&eq, 0, sizeof eq);
    assert_int_not_equal(fc_game_lcp(g, NULL, &eq, &err), FC_OK);
    assert_non_null(strstr(err.message, "two-player"));
    fc_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lcp_sequence_reference),
        cmocka_unit_test(lcp_sequence_spec_example),
        cmocka_unit_test(lcp_sequence_refuses_three_players),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
