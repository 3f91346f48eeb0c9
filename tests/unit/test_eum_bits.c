/* The expected-utility engine gives the same bits as the engine before the speed work of issue
 * 19 (commit 8f793a8): on 240 random cases, under every preset and the other switch values,
 * every number the engine hands out is hashed by its bit pattern (FNV-1a) along three paths: the
 * traced run (every observer hook: denominators, probabilities, risk, every pair, moves,
 * refusals, states), the sweep's path (offers only) and fc_eum_solve (final positions and the
 * forecast). tests/data/eum_bits.tsv holds the hashes that engine printed; a speed-up that
 * changes one bit anywhere fails here, where a 1e-9 comparison would not.
 * FULCRUM_EUM_BITS_PRINT=1 prints the table instead of checking it. Also: the offer stage's
 * approximation of pow stays within the bound its margin assumes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "models/eum_internal.h"

#define CASES 240
#define MAX_N 160
#define BITS_FILE FULCRUM_SOURCE_DIR "/tests/data/eum_bits.tsv"

static uint64_t rng_state;
static double uniform(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

typedef struct hasher {
    uint64_t h;
} hasher;

static void mix(hasher *s, const void *p, size_t len)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < len; i++) {
        s->h ^= b[i];
        s->h *= 0x100000001b3ull;
    }
}

static void mix_d(hasher *s, double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    mix(s, &u, sizeof u);
}

static void mix_z(hasher *s, size_t v)
{
    uint64_t u = v;
    mix(s, &u, sizeof u);
}

static void h_den(void *ctx, size_t round, int stage, double den)
{
    mix_z(ctx, 1), mix_z(ctx, round), mix_z(ctx, (size_t)stage), mix_d(ctx, den);
}

static void h_prob(void *ctx, size_t round, int stage, double a, double b, double p)
{
    mix_z(ctx, 2), mix_z(ctx, round), mix_z(ctx, (size_t)stage), mix_d(ctx, a), mix_d(ctx, b), mix_d(ctx, p);
}

static void h_risk(void *ctx, size_t round, size_t n, const double *S, const double *R, const double *r)
{
    mix_z(ctx, 3), mix_z(ctx, round);
    for (size_t k = 0; k < n; k++)
        mix_d(ctx, S[k]), mix_d(ctx, R[k]), mix_d(ctx, r[k]);
}

static void h_pair(void *ctx, size_t round, size_t i, size_t j, double e_ij, double e_ji, double p_ij,
                   double p_ji)
{
    mix_z(ctx, 4), mix_z(ctx, round), mix_z(ctx, i), mix_z(ctx, j);
    mix_d(ctx, e_ij), mix_d(ctx, e_ji), mix_d(ctx, p_ij), mix_d(ctx, p_ji);
}

static void h_offer(void *ctx, size_t tag, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                    double e_ji, double old_x, double new_x)
{
    mix_z(ctx, tag), mix_z(ctx, round), mix_z(ctx, i), mix_z(ctx, j), mix_z(ctx, (size_t)kind);
    mix_d(ctx, e_ij), mix_d(ctx, e_ji), mix_d(ctx, old_x), mix_d(ctx, new_x);
}

static void h_move(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij, double e_ji,
                   double old_x, double new_x)
{
    h_offer(ctx, 5, round, i, j, kind, e_ij, e_ji, old_x, new_x);
}

static void h_refused(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                      double e_ji, double old_x, double new_x)
{
    h_offer(ctx, 6, round, i, j, kind, e_ij, e_ji, old_x, new_x);
}

/* Only the state hook's numbers, with n taken from the context's case. */
static size_t state_n;
static void h_state(void *ctx, size_t round, const double *x, const double *r, double mean, double median)
{
    mix_z(ctx, 7), mix_z(ctx, round);
    for (size_t k = 0; k < state_n; k++)
        mix_d(ctx, x[k]), mix_d(ctx, r[k]);
    mix_d(ctx, mean), mix_d(ctx, median);
}

/* Case k: its size, inputs, fixed actors and options, all from the generator. */
static void make_case(size_t k, size_t *n_out, double *c, double *x, double *s, unsigned char *fixed,
                      int *has_fixed, fc_eum_options *o)
{
    rng_state = 0x5eed0000ull + k;
    size_t n = 2 + (size_t)(uniform() * 38);
    if (k % 40 == 39)
        n = 60 + (size_t)(uniform() * 100); /* past the vote table's blocks of 32 */
    int layout = (int)(k % 4);              /* continuous, integer grid, clustered, coarse grid */
    for (size_t i = 0; i < n; i++) {
        c[i] = 0.05 + uniform();
        double u = uniform();
        x[i] = layout == 0 ? 100.0 * u : layout == 1 ? floor(u * 11) : layout == 2 ? floor(u * 4) * 25.0 + uniform()
                                                                                 : floor(u * 3) * 50.0;
        s[i] = 0.05 + 0.95 * uniform();
        if (k % 17 == 0 && i % 3 == 0)
            s[i] = 1.0;
    }
    *has_fixed = k % 5 == 2;
    for (size_t i = 0; i < n; i++)
        fixed[i] = (unsigned char)(*has_fixed && uniform() < 0.25);
    const fc_eum_options *presets[] = {&fc_eum_preset_scholz, &fc_eum_preset_scholz_fixed, &fc_eum_preset_bdm_paper};
    *o = *presets[k % 3];
    switch ((k / 3) % 12) {
    case 1: o->Q = 0.5, o->q_term = FC_EUM_Q_FULL, o->T = FC_EUM_T_PREANA; break;
    case 2: o->probability_denominator = FC_EUM_DEN_PAIRWISE; break;
    case 3: o->eu_perspective = FC_EUM_PERSPECTIVE_OWN, o->eu_ji_salience = FC_EUM_SALIENCE_ALTER; break;
    case 4: o->offer_choice = FC_EUM_CHOICE_MAX_SENDER_EU, o->capitulation = 1; break;
    case 5: o->offer_choice = FC_EUM_CHOICE_LEAST_MOVE; break;
    case 6: o->risk_update = FC_EUM_RISK_SEQUENTIAL, o->vote_exponent = FC_EUM_VOTE_VOTER_R; break;
    case 7: o->range_D = FC_EUM_RANGE_CURRENT, o->mu = FC_EUM_MU_MEAN, o->Q = 0.3, o->q_term = FC_EUM_Q_FULL; break;
    case 8: o->vote_exponent = FC_EUM_VOTE_ONE; break;
    case 9: o->compromise_point = FC_EUM_POINT_WEIGHTED_AVERAGE, o->compromise_key = FC_EUM_KEY_SIGNED_WEIGHTED; break;
    case 10: o->tol = 0.01; break;
    case 11: o->median_candidates = FC_EUM_MEDIAN_ACTOR_ORDER, o->rounds = 25; break;
    default: break;
    }
    if (n > 40)
        o->rounds = 6;
    *n_out = n;
}

/* The three hashes of case k: traced run, offers only, solve. */
static void case_hashes(size_t k, fc_eum_workspace *ws, uint64_t out[3])
{
    static double c[MAX_N], x[MAX_N], s[MAX_N], fin[MAX_N];
    static unsigned char fixed[MAX_N];
    size_t n;
    int has_fixed;
    fc_eum_options o;
    make_case(k, &n, c, x, s, fixed, &has_fixed, &o);
    const unsigned char *fx = has_fixed ? fixed : NULL;
    fc_error err;
    double fc;

    hasher all = {0xcbf29ce484222325ull};
    state_n = n;
    eum_observer full = {.ctx = &all, .den = h_den, .prob = h_prob, .risk = h_risk, .pair = h_pair,
                         .move = h_move, .refused = h_refused, .state = h_state};
    size_t played = 0;
    int conv = 0;
    assert_int_equal(eum_run(ws, &o, n, c, x, s, fx, &full, &played, &conv, &err), FC_OK);
    mix_z(&all, played), mix_z(&all, (size_t)conv);

    hasher offers = {0xcbf29ce484222325ull};
    eum_observer watch = {.ctx = &offers, .move = h_move, .refused = h_refused};
    assert_int_equal(eum_solve_observed(ws, &o, n, c, x, s, fx, &watch, fin, &fc, &err), FC_OK);
    for (size_t i = 0; i < n; i++)
        mix_d(&offers, fin[i]);
    mix_d(&offers, fc);

    hasher plain = {0xcbf29ce484222325ull};
    assert_int_equal(fc_eum_solve(ws, &o, n, c, x, s, fx, fin, &fc, &err), FC_OK);
    for (size_t i = 0; i < n; i++)
        mix_d(&plain, fin[i]);
    mix_d(&plain, fc);
    out[0] = all.h, out[1] = offers.h, out[2] = plain.h;
}

static void test_same_bits_as_before(void **state)
{
    (void)state;
    fc_eum_workspace *ws = fc_eum_workspace_new(MAX_N);
    assert_non_null(ws);
    const char *print = getenv("FULCRUM_EUM_BITS_PRINT");
    if (print && *print == '1') {
        for (size_t k = 0; k < CASES; k++) {
            uint64_t h[3];
            case_hashes(k, ws, h);
            printf("%zu\t%016llx\t%016llx\t%016llx\n", k, (unsigned long long)h[0], (unsigned long long)h[1],
                   (unsigned long long)h[2]);
        }
        fc_eum_workspace_free(ws);
        return;
    }
    FILE *f = fopen(BITS_FILE, "r");
    if (!f)
        fail_msg("cannot open %s", BITS_FILE);
    char line[256];
    size_t checked = 0, differ = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        unsigned long long want[3];
        size_t k;
        assert_int_equal(sscanf(line, "%zu %llx %llx %llx", &k, &want[0], &want[1], &want[2]), 4);
        assert_int_equal(k, checked);
        uint64_t h[3];
        case_hashes(k, ws, h);
        for (int p = 0; p < 3; p++)
            if (h[p] != want[p]) {
                static const char *paths[] = {"traced run", "offers only", "solve"};
                print_error("case %zu (%s): %016llx, recorded %016llx\n", k, paths[p], (unsigned long long)h[p],
                            want[p]);
                differ++;
            }
        checked++;
    }
    fclose(f);
    fc_eum_workspace_free(ws);
    assert_int_equal(checked, CASES);
    assert_int_equal(differ, 0);
}

/* The offer stage trusts a classification made with eum_approx_pow only when every comparison
 * clears a margin of 1e-6 on the expected utilities, which assumes pow's approximation errs by
 * less than 1e-8 (4e-8 on a utility): checked on a million bases (uniform, log-uniform down to
 * 2^-60, near the table's cell edges) and exponents in [0.25, 4], the edges included. */
static void test_approx_pow_within_its_bound(void **state)
{
    (void)state;
    rng_state = 42;
    double worst = 0;
    for (long i = 0; i < 1000000; i++) {
        double u = uniform();
        double b = i % 3 == 0 ? u : i % 3 == 1 ? exp2(-60.0 * u) : 1.0 + floor(u * 64) / 64.0 - 0x1p-52;
        if (b > 1.0)
            b *= 0.5;
        double r = i % 5 == 0 ? 0.25 : i % 5 == 1 ? 4.0 : 0.25 * exp2(4.0 * uniform());
        double d = fabs(eum_approx_pow(b, r) - pow(b, r));
        if (d > worst)
            worst = d;
    }
    static const double edges[] = {0.0, 0x1p-60, 0x1p-61, 0.5, 0.75, 1.0 - 0x1p-53, 1.0};
    for (size_t k = 0; k < sizeof edges / sizeof edges[0]; k++)
        for (double r = 0.125; r <= 8.0; r *= 2) {
            double d = fabs(eum_approx_pow(edges[k], r) - pow(edges[k], r));
            if (d > worst)
                worst = d;
        }
    assert_true(worst < 1e-8);
    assert_true(eum_approx_pow(0.0, 0.5) == 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bits_as_before),
        cmocka_unit_test(test_approx_pow_within_its_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
