/* logit on extensive games (agent form) against Gambit's recorded terminal points
 * (reference.tsv, read at test time): where Gambit's point is an equilibrium (its regret,
 * computed exactly from the printed digits renormalised per information set, at most 1e-4 of
 * the payoff range), ours must be within 1e-4 of it, except on at most the measured number of
 * games where the two tracers follow different branches; every point we return as NE must
 * pass the regret check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/game_exact.h"
#include "tsv_field.h"

#define GAMES_DIR FULCRUM_SHARED_DIR "/data/games"

/* Measured (docs/games.md): 14 of 139 games, where the two tracers end on different branches
 * or Gambit stops its branch early (at lambda 18-40000 instead of 10^6). */
#define MAX_DIFFER 14

/* Gambit's behaviour profile, exact from its digits, each information set renormalised. */
static bool gambit_profile(const fc_game *g, const char *ne, size_t dim, mpq_t *out)
{
    if (strncmp(ne, "NE,", 3) != 0)
        return false;
    const char *c = ne + 3;
    for (size_t k = 0; k < dim; k++) {
        size_t l = strcspn(c, ",");
        if (!fc_game_parse_number(c, l, out[k]))
            return false;
        c += l + (c[l] == ',');
    }
    mpq_t s;
    mpq_init(s);
    size_t o = 0;
    for (size_t p = 1; p <= g->n_players; p++)
        for (size_t i = 0; i < g->n_infosets; i++) {
            if (g->infosets[i].player != (int)p)
                continue;
            size_t na = g->infosets[i].n_actions;
            mpq_set_ui(s, 0, 1);
            for (size_t a = 0; a < na; a++)
                mpq_add(s, s, out[o + a]);
            for (size_t a = 0; a < na && mpq_sgn(s) > 0; a++)
                mpq_div(out[o + a], out[o + a], s);
            o += na;
        }
    mpq_clear(s);
    return o == dim;
}

static void logit_agent_reference(void **state)
{
    (void)state;
    FILE *f = fopen(GAMES_DIR "/reference.tsv", "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0;
    int compared = 0, differ = 0, not_eq = 0;
    bool header = true;
    mpq_t reg;
    mpq_init(reg);
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
        char *eq_text = tsv_field(&p);
        size_t fl = strlen(file);
        if (strcmp(solver, "logit-e") != 0 || strcmp(status, "ok") != 0 || fl < 4 ||
            strcmp(file + fl - 4, ".efg") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", GAMES_DIR, file);
        fc_game *g = NULL;
        fc_error err;
        memset(&err, 0, sizeof err);
        assert_int_equal(fc_game_load(path, &g, &err), FC_OK);
        size_t dim = 0;
        for (size_t i = 0; i < g->n_infosets; i++)
            if (g->infosets[i].player > 0)
                dim += g->infosets[i].n_actions;
        if (dim == 0) { /* no player moves: nothing to trace, no line, as Gambit */
            fc_equilibria none;
            memset(&none, 0, sizeof none);
            assert_int_equal(fc_game_logit(g, NULL, &none, NULL, &err), FC_OK);
            assert_int_equal(none.n, 0);
            fc_equilibria_free(&none);
            fc_game_free(g);
            continue;
        }
        double lo = 0, hi = 0;
        for (size_t o = 0; o < g->n_outcomes; o++)
            for (size_t q = 0; q < g->n_players; q++) {
                double v = mpq_get_d(g->outcomes[o].payoff[q]);
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
        double rng = hi > lo ? hi - lo : 1;
        fc_profile gp = {dim, malloc(dim * sizeof(mpq_t)), NULL};
        for (size_t k = 0; k < dim; k++)
            mpq_init(gp.p[k]);
        assert_true(gambit_profile(g, eq_text, dim, gp.p));
        assert_int_equal(fc_game_profile_regret(g, FC_PROFILE_BEHAVIOUR, &gp, reg, &err), FC_OK);
        bool gambit_eq = mpq_get_d(reg) <= 1e-4 * rng;
        fc_equilibria eq;
        memset(&eq, 0, sizeof eq);
        assert_int_equal(fc_game_logit(g, NULL, &eq, NULL, &err), FC_OK);
        assert_int_equal(eq.kind, FC_PROFILE_BEHAVIOUR);
        if (eq.converged) {
            /* our point passes the regret check (exactly, from its doubles) */
            assert_int_equal(eq.n, 1);
            assert_true(eq.max_regret <= 1e-6 * rng + 1e-12);
        }
        if (!gambit_eq) {
            not_eq++;
            print_message("NOTE logit %s: Gambit's terminal point has regret %g (not an "
                          "equilibrium); ours %s (regret %g)\n",
                          file, mpq_get_d(reg), eq.converged ? "converged" : "not converged",
                          eq.max_regret);
        } else {
            compared++;
            double worst = eq.converged ? 0 : 1;
            for (size_t k = 0; k < dim && eq.converged; k++)
                worst = fmax(worst, fabs(eq.items[0].x[k] - mpq_get_d(gp.p[k])));
            if (worst > 1e-4) {
                differ++;
                print_message("MISMATCH logit %s: largest difference %g%s\n", file, worst,
                              eq.converged ? "" : " (ours did not converge)");
            }
        }
        for (size_t k = 0; k < dim; k++)
            mpq_clear(gp.p[k]);
        free(gp.p);
        fc_equilibria_free(&eq);
        fc_game_free(g);
    }
    mpq_clear(reg);
    free(line);
    fclose(f);
    print_message("logit (agent form): %d extensive games where Gambit's point is an "
                  "equilibrium, %d differ by more than 1e-4; %d where it is not\n",
                  compared, differ, not_eq);
    assert_true(compared >= 100);
    assert_true(differ <= MAX_DIFFER);
}

/* An imperfect-recall game is refused with a message. */
static void logit_agent_refuses_imperfect_recall(void **state)
{
    (void)state;
    fc_game *g = NULL;
    fc_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(fc_game_load(GAMES_DIR "/test_games/not_perfect_recall.efg", &g, &err),
                     FC_OK);
    fc_equilibria eq;
    memset(&eq, 0, sizeof eq);
    assert_int_not_equal(fc_game_logit(g, NULL, &eq, NULL, &err), FC_OK);
    assert_non_null(strstr(err.message, "perfect recall"));
    fc_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(logit_agent_reference),
        cmocka_unit_test(logit_agent_refuses_imperfect_recall),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
