/* EUM edge cases of the specification (§8.3): each gives its defined result, never NaN or a
 * crash, in the fast engine and in the direct reading alike. */
#include "eum_support.h"

static const fc_eum_options *const all_presets[] = {&fc_eum_preset_scholz,
                                                     &fc_eum_preset_scholz_fixed,
                                                     &fc_eum_preset_bdm_paper};

static void assert_all_finite(const direct_result *r)
{
    for (size_t t = 0; t <= r->rounds; t++) {
        for (size_t k = 0; k < r->n; k++) {
            assert_true(isfinite(r->x[t * r->n + k]));
            assert_true(isfinite(r->r[t * r->n + k]));
        }
        assert_true(isfinite(r->mean[t]));
        assert_true(isfinite(r->median[t]));
    }
    for (size_t m = 0; m < r->n_moves; m++)
        assert_true(isfinite(r->moves[m].eij) && isfinite(r->moves[m].eji) && isfinite(r->moves[m].y));
}

/* Runs both engines on every preset, checks they agree and are finite, returns nothing. */
static void both_agree(size_t n, const double *c, const double *x, const double *s)
{
    for (size_t p = 0; p < 3; p++) {
        direct_result a, b;
        fast_run(all_presets[p], n, c, x, s, NULL, &a);
        direct_run(all_presets[p], n, c, x, s, NULL, &b);
        assert_all_finite(&a);
        compare_results(&a, &b, "fast vs direct");
        direct_free(&a);
        direct_free(&b);
    }
}

/* No movement ever, r = 1, mean = median = the common position. */
static void assert_frozen(size_t n, const double *c, const double *x, const double *s, double at)
{
    for (size_t p = 0; p < 3; p++) {
        direct_result a;
        fast_run(all_presets[p], n, c, x, s, NULL, &a);
        assert_int_equal(a.rounds, 10);
        assert_int_equal(a.n_moves, 0);
        for (size_t t = 0; t <= a.rounds; t++) {
            for (size_t k = 0; k < n; k++) {
                assert_true(a.x[t * n + k] == x[k]);
                assert_true(a.r[t * n + k] == 1.0);
            }
            assert_true(a.median[t] == at);
            assert_rel(a.mean[t], at, "mean round %zu", t);
        }
        direct_free(&a);
    }
}

static void test_all_positions_equal(void **state)
{
    (void)state;
    double c[] = {1, 2, 3, 0.5}, x[] = {4.5, 4.5, 4.5, 4.5}, s[] = {0.5, 1, 0.2, 0.9};
    assert_frozen(4, c, x, s, 4.5);
    both_agree(4, c, x, s);
}

static void test_one_actor(void **state)
{
    (void)state;
    double c[] = {3}, x[] = {-2.25}, s[] = {0.7};
    assert_frozen(1, c, x, s, -2.25);
    fc_eum_workspace *ws = fc_eum_workspace_new(1);
    double fin, fc;
    fc_error err;
    assert_int_equal(fc_eum_solve(ws, NULL, 1, c, x, s, NULL, &fin, &fc, &err), FC_OK);
    assert_true(fin == -2.25 && fc == -2.25);
    fc_eum_workspace_free(ws);
}

/* Positions that collapse to one point during the run: under range_D = current D becomes 0
 * and the round is skipped (A and B' divide by zero there); under `initial` equal positions
 * exchange no offers and every S is equal, so r = 1. Either way a fixed point. */
static void test_positions_collapse(void **state)
{
    (void)state;
    double c[] = {0.1, 0.1, 0.1}, x[] = {0, 1, 3}, s[] = {0.1, 0.5, 0.1};
    for (int mode = 0; mode < 2; mode++) {
        fc_eum_options o = fc_eum_preset_scholz;
        o.range_D = mode ? FC_EUM_RANGE_CURRENT : FC_EUM_RANGE_INITIAL;
        direct_result a, b;
        fast_run(&o, 3, c, x, s, NULL, &a);
        direct_run(&o, 3, c, x, s, NULL, &b);
        assert_all_finite(&a);
        compare_results(&a, &b, "collapse");
        assert_true(a.n_moves >= 1);
        size_t last = a.moves[a.n_moves - 1].round;
        assert_true(last < a.rounds);
        for (size_t t = last; t <= a.rounds; t++) {
            assert_true(a.x[t * 3 + 0] == a.x[t * 3 + 1] && a.x[t * 3 + 1] == a.x[t * 3 + 2]);
            assert_true(a.median[t] == a.x[t * 3]);
        }
        for (size_t t = last + 1; t <= a.rounds; t++)
            for (size_t k = 0; k < 3; k++)
                assert_true(a.r[t * 3 + k] == 1.0);
        direct_free(&a);
        direct_free(&b);
    }
}

/* A perfectly symmetric pair: S_max == S_min, so R = 0 and r = 1 (no division by zero), and
 * E_ij == E_ji exactly, an exact tie that gives no offer. */
static void test_equal_security_sums_and_exact_ties(void **state)
{
    (void)state;
    double c[] = {1, 1}, x[] = {0, 1}, s[] = {0.6, 0.6};
    for (size_t p = 0; p < 3; p++) {
        direct_result a;
        fast_run(all_presets[p], 2, c, x, s, NULL, &a);
        assert_int_equal(a.n_moves, 0);
        for (size_t t = 0; t <= a.rounds; t++)
            assert_true(a.r[t * 2] == 1.0 && a.r[t * 2 + 1] == 1.0);
        direct_free(&a);
    }
    both_agree(2, c, x, s);
}

typedef struct pair_log {
    double eij[8][8], eji[8][8], r[8];
    double p[64][3];
    size_t np;
} pair_log;

static void pl_pair(void *ctx, size_t round, size_t i, size_t j, double eij, double eji, double pij,
                    double pji)
{
    (void)pij, (void)pji;
    pair_log *l = ctx;
    if (round == 1)
        l->eij[i][j] = eij, l->eji[i][j] = eji;
}

static void pl_risk(void *ctx, size_t round, size_t n, const double *S, const double *R, const double *r)
{
    (void)S, (void)R;
    pair_log *l = ctx;
    if (round == 1)
        memcpy(l->r, r, n * sizeof *r);
}

static void pl_prob(void *ctx, size_t round, int stage, double a, double b, double p)
{
    pair_log *l = ctx;
    if (round == 1 && stage == 1 && l->np < 64) {
        l->p[l->np][0] = a, l->p[l->np][1] = b, l->p[l->np][2] = p;
        l->np++;
    }
}

static void run_logged(const fc_eum_options *o, size_t n, const double *c, const double *x,
                       const double *s, pair_log *l)
{
    memset(l, 0, sizeof *l);
    eum_observer obs = {.ctx = l, .pair = pl_pair, .risk = pl_risk, .prob = pl_prob};
    fc_eum_workspace *ws = fc_eum_workspace_new(n);
    fc_error err;
    fc_eum_options one = *o;
    one.rounds = 1;
    assert_int_equal(eum_run(ws, &one, n, c, x, s, NULL, &obs, NULL, NULL, &err), FC_OK);
    fc_eum_workspace_free(ws);
}

/* s_k = 0: k's votes are 0, and every EU whose resistance salience is s_k reduces to
 * Us - Q*Usq (>= 0 when Q = 1). */
static void test_zero_salience(void **state)
{
    (void)state;
    double c[] = {1, 0.5, 0.8, 0.3}, x[] = {0, 3, 7, 10}, s[] = {0.8, 0.0, 0.5, 0.9};
    pair_log l;
    run_logged(&fc_eum_preset_scholz, 4, c, x, s, &l);
    for (size_t i = 0; i < 4; i++) {
        if (i == 1)
            continue;
        /* E_i1: receiver i challenging actor 1 (sigma = s_1 = 0), evaluated with r_i */
        double delta = fabs(x[i] - x[1]) / 10.0;
        double us = 2 - 4 * pow(0.5 - 0.5 * delta, l.r[i]), usq = 2 - 4 * pow(0.5, l.r[i]);
        assert_rel(l.eij[i][1], us - usq, "E_%zu1", i);
        assert_true(l.eij[i][1] >= 0);
    }
    /* receiver 1 (s = 0): under `target` its E_j1 has sigma = s_1 = 0 */
    for (size_t j = 0; j < 4; j++) {
        if (j == 1)
            continue;
        double delta = fabs(x[j] - x[1]) / 10.0;
        double us = 2 - 4 * pow(0.5 - 0.5 * delta, l.r[1]), usq = 2 - 4 * pow(0.5, l.r[1]);
        assert_rel(l.eji[1][j], us - usq, "E_%zu1 (receiver 1)", j);
    }
    both_agree(4, c, x, s);
}

/* c_k = 0: k never votes (pairwise P between the others is unchanged by adding it) but still
 * challenges and is challenged. */
static void test_zero_capability(void **state)
{
    (void)state;
    double c3[] = {1, 0.5, 0.8}, x3[] = {0, 3, 10}, s3[] = {0.8, 0.6, 0.5};
    double c4[] = {1, 0.5, 0.8, 0.0}, x4[] = {0, 3, 10, 6}, s4[] = {0.8, 0.6, 0.5, 0.9};
    pair_log a, b;
    fc_eum_options o = fc_eum_preset_bdm_paper; /* pairwise, linear votes: P depends on voters only */
    run_logged(&o, 3, c3, x3, s3, &a);
    run_logged(&o, 4, c4, x4, s4, &b);
    size_t matched = 0;
    for (size_t p = 0; p < a.np; p++)
        for (size_t q = 0; q < b.np; q++)
            if (a.p[p][0] == b.p[q][0] && a.p[p][1] == b.p[q][1]) {
                assert_rel(a.p[p][2], b.p[q][2], "P(%g,%g)", a.p[p][0], a.p[p][1]);
                matched++;
            }
    assert_int_equal(matched, 6);
    /* the powerless actor is in every pair as sender and receiver */
    for (size_t i = 0; i < 3; i++)
        assert_true(b.eij[i][3] != 0.0 && b.eji[3][i] != 0.0);
    both_agree(4, c4, x4, s4);
}

/* Pairwise denominator 0 with a != b: every voter is indifferent -> P = 0.5. */
static void test_pairwise_zero_denominator(void **state)
{
    (void)state;
    double c[] = {0, 2, 0}, x[] = {0, 1, 2}, s[] = {0.5, 0.5, 0.5};
    pair_log l;
    run_logged(&fc_eum_preset_bdm_paper, 3, c, x, s, &l);
    int seen = 0;
    for (size_t p = 0; p < l.np; p++)
        if ((l.p[p][0] == 0 && l.p[p][1] == 2) || (l.p[p][0] == 2 && l.p[p][1] == 0)) {
            assert_true(l.p[p][2] == 0.5);
            seen++;
        }
    assert_int_equal(seen, 2);
    both_agree(3, c, x, s);
}

static void test_invalid_input_is_rejected(void **state)
{
    (void)state;
    fc_eum_workspace *ws = fc_eum_workspace_new(3);
    fc_error err;
    double x[] = {0, 1, 2}, s[] = {0.5, 0.5, 0.5}, c[] = {1, 1, 1};
    double zero[] = {0, 0, 0}, neg[] = {1, -1, 1}, big[] = {0.5, 1.5, 0.5}, bad[] = {0, NAN, 1};
    assert_int_equal(fc_eum_solve(ws, NULL, 3, zero, x, s, NULL, NULL, NULL, &err), FC_EINPUT);
    assert_non_null(strstr(err.message, "total weight"));
    assert_int_equal(fc_eum_solve(ws, NULL, 3, c, x, zero, NULL, NULL, NULL, &err), FC_EINPUT);
    assert_int_equal(fc_eum_solve(ws, NULL, 3, neg, x, s, NULL, NULL, NULL, &err), FC_EINPUT);
    assert_string_equal(err.field, "capability");
    assert_int_equal(fc_eum_solve(ws, NULL, 3, c, x, big, NULL, NULL, NULL, &err), FC_EINPUT);
    assert_string_equal(err.field, "salience");
    assert_int_equal(fc_eum_solve(ws, NULL, 3, c, bad, s, NULL, NULL, NULL, &err), FC_EINPUT);
    assert_string_equal(err.field, "position");
    double c4[] = {1, 1, 1, 1}, x4[] = {0, 1, 2, 3}, s4[] = {1, 1, 1, 1};
    assert_int_equal(fc_eum_solve(ws, NULL, 4, c4, x4, s4, NULL, NULL, NULL, &err), FC_EUSAGE);
    fc_eum_workspace_free(ws);
}

/* tol = 0 stops at the first round in which nobody moved (a fixed point): Sultan under
 * `scholz` never moves, so the run stops after round 1. */
static void test_convergence_stop(void **state)
{
    (void)state;
    eum_case ec;
    load_case("sultan", &ec);
    fc_eum_options o = fc_eum_preset_scholz;
    o.tol = 0;
    fc_eum_workspace *ws = fc_eum_workspace_new(ec.n);
    fc_error err;
    size_t played;
    int conv;
    assert_int_equal(eum_run(ws, &o, ec.n, ec.cap, ec.pos, ec.sal, NULL, NULL, &played, &conv, &err), FC_OK);
    assert_int_equal(played, 1);
    assert_int_equal(conv, 1);
    /* the emission case never converges under scholz: all 10 rounds are played */
    load_case("emission", &ec);
    assert_int_equal(eum_run(ws, &o, ec.n, ec.cap, ec.pos, ec.sal, NULL, NULL, &played, &conv, &err), FC_OK);
    assert_int_equal(played, 10);
    assert_int_equal(conv, 0);
    fc_eum_workspace_free(ws);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_positions_equal),
        cmocka_unit_test(test_one_actor),
        cmocka_unit_test(test_positions_collapse),
        cmocka_unit_test(test_equal_security_sums_and_exact_ties),
        cmocka_unit_test(test_zero_salience),
        cmocka_unit_test(test_zero_capability),
        cmocka_unit_test(test_pairwise_zero_denominator),
        cmocka_unit_test(test_invalid_input_is_rejected),
        cmocka_unit_test(test_convergence_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
