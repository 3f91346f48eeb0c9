/* libFuzzer target: any bytes given to the Gambit reader (.nfg and .efg, by content) must give a
 * game or a clean error; a game that loads must write, read back and equal the first; and every
 * solver, run on it within a small work bound, either refuses cleanly or gives only profiles that
 * are equilibria: exact regret 0 for the exact solvers, regret within logit's tolerance for
 * logit's (strategic games, computed exactly from the printed doubles). A solver's FC_EINTERNAL
 * is a finding. Build and run: see tests/fuzz/README.md. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/fulcrum.h"
#include "fulcrum/game.h"
#include "fulcrum/game_exact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Each entry a probability, and each player's part (strategic) summing to 1. */
static bool is_mixed_profile(const fc_game *g, const fc_profile *pr)
{
    size_t o = 0;
    for (size_t p = 0; p < g->n_players; p++) {
        mpq_t sum;
        mpq_init(sum);
        for (size_t k = 0; k < g->n_strategies[p]; k++, o++) {
            if (mpq_sgn(pr->p[o]) < 0) {
                mpq_clear(sum);
                return false;
            }
            mpq_add(sum, sum, pr->p[o]);
        }
        bool one = mpq_cmp_ui(sum, 1, 1) == 0;
        mpq_clear(sum);
        if (!one)
            return false;
    }
    return o == pr->dim;
}

/* The payoff range of a strategic game (logit's tolerance is relative to it). */
static double payoff_range(const fc_game *g)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < g->n_profiles; i++) {
        int oc = g->profile_outcome[i];
        for (size_t p = 0; p < g->n_players; p++) {
            double u = oc ? mpq_get_d(g->outcomes[oc - 1].payoff[p]) : 0.0;
            lo = fmin(lo, u);
            hi = fmax(hi, u);
        }
    }
    return hi > lo ? hi - lo : 1.0;
}

static void check_solver(const fc_game *g, const char *solver)
{
    fc_game_options o;
    fc_game_options_init(&o);
    o.max_work = 2000000; /* a fuzz input is small; this keeps each run short */
    o.lcp_all = fc_game_get_form(g) == FC_GAME_STRATEGIC; /* every path, as fulcrum game */
    fc_equilibria eq;
    fc_error err;
    fc_status st = fc_game_solve(g, solver, &o, &eq, NULL, &err);
    if (st == FC_EINTERNAL)
        __builtin_trap(); /* a solver's own check failed */
    if (st != FC_OK)
        return;
    mpq_t reg, tol;
    mpq_inits(reg, tol, NULL);
    for (size_t i = 0; i < eq.n; i++) {
        const fc_profile *pr = fc_equilibria_item(&eq, i);
        if (pr->p) {
            if (fc_game_profile_regret(g, eq.kind, pr, reg, &err) != FC_OK)
                __builtin_trap();
            if (mpq_sgn(reg) != 0)
                __builtin_trap(); /* an exact solver's equilibrium must have regret 0 */
            if (g->form == FC_GAME_STRATEGIC && !is_mixed_profile(g, pr))
                __builtin_trap();
        } else if (g->form == FC_GAME_STRATEGIC && eq.kind == FC_PROFILE_MIXED) {
            /* logit: the printed doubles, read exactly, within the tolerance (and a hair for
             * the rounding of the renormalised probabilities) */
            fc_profile ex = {pr->dim, fc_mpq_array_new(pr->dim), NULL};
            if (!ex.p)
                break;
            for (size_t k = 0; k < pr->dim; k++)
                mpq_set_d(ex.p[k], pr->x[k]);
            if (fc_game_profile_regret(g, eq.kind, &ex, reg, &err) == FC_OK) {
                double range = payoff_range(g);
                mpq_set_d(tol, o.logit_tol * range * (1 + 1e-6) + 1e-12 * range);
                if (mpq_cmp(reg, tol) > 0)
                    __builtin_trap();
            }
            fc_mpq_array_free(ex.p, ex.dim);
        }
    }
    mpq_clears(reg, tol, NULL);
    fc_equilibria_free(&eq);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fc_game *g = NULL;
    fc_error err;
    if (fc_game_parse((const char *)data, size, "fuzz.game", &g, &err) != FC_OK)
        return 0;
    char *text = NULL;
    if (fc_game_write(g, &text, &err) == FC_OK) {
        fc_game *again = NULL;
        if (fc_game_parse(text, strlen(text), "again.game", &again, &err) != FC_OK)
            __builtin_trap(); /* what we write we must read */
        if (!fc_game_equal(g, again))
            __builtin_trap(); /* the round trip must keep the game */
        fc_game_free(again);
        free(text);
    }
    static const char *const solvers[] = {"enumpure", "enummixed", "lcp", "spe", "logit"};
    for (size_t k = 0; k < sizeof solvers / sizeof solvers[0]; k++)
        check_solver(g, solvers[k]);
    fc_game_free(g);
    return 0;
}
