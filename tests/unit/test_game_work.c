/* The solvers' work bounds and progress (issue 18): a tiny bound stops every solver with an
 * error naming it, the bound and the option, and no equilibria; the audit's perfect-information
 * chain of 400 nodes is solved by spe within a small bound and stops the others at it; the
 * progress callback sees the work grow towards the bound; size bounds refuse before allocating. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/game.h"

static const char *solvers[] = {"enumpure", "enummixed", "lcp", "spe", "logit"};

static fc_game *parse_ok(const char *text)
{
    fc_game *g = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_game_parse(text, strlen(text), "t.efg", &g, &err) != FC_OK)
        fail_msg("%s", err.message);
    return g;
}

/* A chain (centipede) of n personal nodes, players alternating: "stop" ends the game, "go"
 * moves on. With ties every payoff is 0, so each node has two best actions and spe has 2^n
 * solutions (the audit's 22 s case); without, stopping pays less than going on. */
static char *chain(size_t n, bool ties)
{
    size_t cap = 128 + n * 96, o = 0;
    char *t = malloc(cap);
    assert_non_null(t);
    o += (size_t)snprintf(t + o, cap - o, "EFG 2 R \"chain\" { \"P1\" \"P2\" }\n\"\"\n");
    for (size_t k = 0; k < n; k++) {
        int p = (int)(k % 2) + 1;
        long a = ties ? 0 : (long)k, b = ties ? 0 : (long)k + 2;
        o += (size_t)snprintf(t + o, cap - o, "p \"\" %d %zu \"\" { \"stop\" \"go\" } 0\n", p,
                              k / 2 + 1);
        o += (size_t)snprintf(t + o, cap - o, "t \"\" %zu \"\" { %ld %ld }\n", k + 1,
                              p == 1 ? a : b, p == 1 ? b : a);
    }
    o += (size_t)snprintf(t + o, cap - o, "t \"\" %zu \"\" { %zu %zu }\n", n + 1,
                          ties ? (size_t)0 : n, ties ? (size_t)0 : n);
    return t;
}

static void expect_bound(const fc_game *g, const char *solver, unsigned long long bound)
{
    fc_game_options o;
    fc_game_options_init(&o);
    o.max_work = bound;
    fc_equilibria eq;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_game_solve(g, solver, &o, &eq, NULL, &err);
    if (st != FC_EUSAGE)
        fail_msg("%s: status %d (%s), expected the work bound", solver, (int)st, err.message);
    assert_string_equal(err.field, "max_work");
    assert_non_null(strstr(err.message, solver));
    assert_non_null(strstr(err.message, "max_work"));
    char num[32];
    snprintf(num, sizeof num, "%llu steps", bound);
    assert_non_null(strstr(err.message, num));
    assert_int_equal(eq.n, 0); /* nothing partial */
    fc_equilibria_free(&eq);
}

/* A bound of 1 step stops every solver on a small tree, with the message. */
static void tiny_bound_stops_every_solver(void **state)
{
    (void)state;
    char *t = chain(6, false);
    fc_game *g = parse_ok(t);
    free(t);
    for (size_t k = 0; k < sizeof solvers / sizeof solvers[0]; k++)
        expect_bound(g, solvers[k], 1);
    /* and with the default bound each solves it */
    for (size_t k = 0; k < sizeof solvers / sizeof solvers[0]; k++) {
        fc_equilibria eq;
        fc_error err;
        fc_error_clear(&err);
        if (fc_game_solve(g, solvers[k], NULL, &eq, NULL, &err) != FC_OK)
            fail_msg("%s: %s", solvers[k], err.message);
        assert_true(eq.n >= 1);
        fc_equilibria_free(&eq);
    }
    fc_game_free(g);
}

/* spe on the 400-node chain is linear: its one equilibrium (go everywhere) within 2e6 steps. */
static void spe_on_a_long_chain_is_fast(void **state)
{
    (void)state;
    char *t = chain(400, false);
    fc_game *g = parse_ok(t);
    free(t);
    fc_game_options o;
    fc_game_options_init(&o);
    o.max_work = 2000000;
    fc_equilibria eq;
    fc_error err;
    fc_error_clear(&err);
    if (fc_game_solve(g, "spe", &o, &eq, NULL, &err) != FC_OK)
        fail_msg("%s", err.message);
    assert_int_equal(eq.n, 1);
    const fc_profile *pr = fc_equilibria_item(&eq, 0);
    assert_int_equal(fc_profile_dim(pr), 800);
    for (size_t k = 0; k < 800; k++)
        assert_true(fc_profile_value(pr, k) == (k % 2 ? 1.0 : 0.0));
    fc_equilibria_free(&eq);
    fc_game_free(g);
}

typedef struct seen {
    int calls;
    unsigned long long last, limit;
    bool monotone;
} seen;

static void progress(void *ctx, const char *solver, unsigned long long done,
                     unsigned long long limit)
{
    seen *s = ctx;
    assert_string_equal(solver, "lcp");
    s->monotone = s->monotone && done >= s->last;
    s->last = done;
    s->limit = limit;
    s->calls++;
}

/* The tied chain: spe's 2^400 solutions and lcp's 1200-row tableau stop at the bound (the
 * audit's 22 s and over 60 s), and the progress callback sees the work grow. */
static void tied_chain_stops_at_the_bound_with_progress(void **state)
{
    (void)state;
    char *t = chain(400, true);
    fc_game *g = parse_ok(t);
    free(t);
    expect_bound(g, "spe", 3000000);
    expect_bound(g, "logit", 3000000);
    fc_game_options o;
    fc_game_options_init(&o);
    o.max_work = 3 * FC_GAME_PROGRESS_EVERY;
    seen s = {0, 0, 0, true};
    o.progress = progress;
    o.progress_ctx = &s;
    fc_equilibria eq;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_game_solve(g, "lcp", &o, &eq, NULL, &err), FC_EUSAGE);
    assert_string_equal(err.field, "max_work");
    assert_true(s.calls >= 2);
    assert_true(s.monotone);
    assert_true(s.last >= FC_GAME_PROGRESS_EVERY);
    assert_true(s.limit == 3 * FC_GAME_PROGRESS_EVERY);
    fc_equilibria_free(&eq);
    fc_game_free(g);
}

/* 18 players of two strategies: 262,144 profiles of 18 payoffs each, past enumpure's 4,000,000
 * payoffs: refused by size before the table is made (20 players took 5.3 GB). */
static void many_players_refused_by_size(void **state)
{
    (void)state;
    size_t np = 18, profiles = (size_t)1 << np;
    size_t cap = 256 + np * 16 + profiles * 2;
    char *t = malloc(cap);
    assert_non_null(t);
    size_t o = (size_t)snprintf(t, cap, "NFG 1 R \"many\" {");
    for (size_t p = 0; p < np; p++)
        o += (size_t)snprintf(t + o, cap - o, " \"P%zu\"", p + 1);
    o += (size_t)snprintf(t + o, cap - o, " } {");
    for (size_t p = 0; p < np; p++)
        o += (size_t)snprintf(t + o, cap - o, " 2");
    o += (size_t)snprintf(t + o, cap - o, " }\n{\n{ \"\"");
    for (size_t p = 0; p < np; p++)
        o += (size_t)snprintf(t + o, cap - o, " 1");
    o += (size_t)snprintf(t + o, cap - o, " }\n}\n");
    for (size_t i = 0; i < profiles; i++)
        o += (size_t)snprintf(t + o, cap - o, "1 ");
    fc_game *g = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_game_parse(t, o, "many.nfg", &g, &err) != FC_OK)
        fail_msg("%s", err.message);
    free(t);
    fc_equilibria eq;
    assert_int_equal(fc_game_solve(g, "enumpure", NULL, &eq, NULL, &err), FC_EUSAGE);
    assert_non_null(strstr(err.message, "too large for enumpure"));
    fc_game_free(g);
}

static void unknown_solver_refused(void **state)
{
    (void)state;
    char *t = chain(2, false);
    fc_game *g = parse_ok(t);
    free(t);
    fc_equilibria eq;
    fc_error err;
    assert_int_equal(fc_game_solve(g, "simplex", NULL, &eq, NULL, &err), FC_EUSAGE);
    assert_string_equal(err.field, "solver");
    assert_int_equal(eq.n, 0);
    fc_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tiny_bound_stops_every_solver),
        cmocka_unit_test(spe_on_a_long_chain_is_fast),
        cmocka_unit_test(tied_chain_stops_at_the_bound_with_progress),
        cmocka_unit_test(many_players_refused_by_size),
        cmocka_unit_test(unknown_solver_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
