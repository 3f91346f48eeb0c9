/* The counter-based generator and the samplers: Philox4x32-10 against the known-answer
 * vectors of its authors (Random123's kat_vectors), the normal quantile against the normal
 * distribution function, and each truncated distribution's bounds and moments. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fulcrum/rng.h"

static void test_philox_known_answers(void **state)
{
    (void)state;
    static const struct {
        uint32_t ctr[4], key[2], out[4];
    } kat[] = {
        {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
        {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff},
         {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
        {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0},
         {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
    };
    for (size_t k = 0; k < sizeof kat / sizeof kat[0]; k++) {
        uint32_t out[4];
        fc_philox4x32(kat[k].ctr, kat[k].key, out);
        for (int i = 0; i < 4; i++)
            assert_int_equal(out[i], kat[k].out[i]);
    }
}

static void test_uniform_is_a_pure_function(void **state)
{
    (void)state;
    /* Same (seed, stream, index), same number; neighbours differ; always inside (0, 1). */
    double sum = 0;
    size_t n = 200000;
    for (size_t i = 0; i < n; i++) {
        double u = fc_rng_uniform(42, i / 8, i % 8);
        assert_true(u > 0 && u < 1);
        assert_true(u == fc_rng_uniform(42, i / 8, i % 8));
        sum += u;
    }
    assert_true(fc_rng_uniform(42, 7, 3) != fc_rng_uniform(43, 7, 3));
    assert_true(fc_rng_uniform(42, 7, 3) != fc_rng_uniform(42, 8, 3));
    assert_true(fc_rng_uniform(42, 7, 3) != fc_rng_uniform(42, 7, 2));
    /* Mean 1/2, standard error sqrt(1/12/n) = 6.5e-4: 5 standard errors. */
    assert_true(fabs(sum / (double)n - 0.5) < 5 * sqrt(1.0 / 12 / (double)n));
}

static void test_normal_quantile_inverts_cdf(void **state)
{
    (void)state;
    for (double p = 1e-12; p < 1; p = p < 0.01 ? p * 3 : p + 0.0137) {
        double x = fc_normal_quantile(p);
        double back = fc_normal_cdf(x);
        double tail = p < 0.5 ? p : 1 - p;
        assert_true(fabs(back - p) <= 1e-13 * tail + 1e-16);
    }
    assert_true(fabs(fc_normal_quantile(0.975) - 1.959963984540054) < 1e-14);
    assert_true(fc_normal_quantile(0.5) == 0.0);
    assert_true(isinf(fc_normal_quantile(0)) && fc_normal_quantile(0) < 0);
}

static void test_distributions(void **state)
{
    (void)state;
    size_t n = 100000;
    fc_dist tn = {.kind = FC_DIST_NORMAL, .mode = 95, .sd = 10, .low = 0, .high = 100};
    fc_dist un = {.kind = FC_DIST_UNIFORM, .mode = 50, .low = 40, .high = 70};
    fc_dist tr = {.kind = FC_DIST_TRIANGULAR, .mode = 20, .a = 10, .b = 60, .low = 0, .high = 100};
    fc_dist fx = {.kind = FC_DIST_FIXED, .mode = 3};
    fc_dist tn_p = tn, tr_p = tr;
    fc_dist_prepare(&tn_p);
    fc_dist_prepare(&tr_p);
    double s_tn = 0, s_un = 0, s_tr = 0;
    for (size_t i = 0; i < n; i++) {
        double u = fc_rng_uniform(7, i, 0);
        double a = fc_dist_quantile(&tn, u), b = fc_dist_quantile(&un, u), c = fc_dist_quantile(&tr, u);
        assert_true(a >= 0 && a <= 100);
        assert_true(b >= 40 && b <= 70);
        assert_true(c >= 10 && c <= 60);
        assert_true(fc_dist_quantile(&fx, u) == 3);
        /* Caching the bounds' probabilities changes no draw. */
        assert_true(fc_dist_quantile(&tn_p, u) == a && fc_dist_quantile(&tr_p, u) == c);
        s_tn += a, s_un += b, s_tr += c;
    }
    /* Truncated normal on [0,100] with mu 95, sd 10: mean = mu + sd (phi(a)-phi(b))/(Phi(b)-Phi(a)). */
    double za = -9.5, zb = 0.5;
    double phi_a = exp(-za * za / 2) / sqrt(2 * M_PI), phi_b = exp(-zb * zb / 2) / sqrt(2 * M_PI);
    double mean_tn = 95 + 10 * (phi_a - phi_b) / (fc_normal_cdf(zb) - fc_normal_cdf(za));
    assert_true(fabs(s_tn / (double)n - mean_tn) < 0.05);
    assert_true(fabs(s_un / (double)n - 55) < 0.05);
    assert_true(fabs(s_tr / (double)n - 30) < 0.1); /* (10 + 20 + 60) / 3 */
    /* Quantiles of the triangular: F(20) = 10/50 = 0.2. */
    assert_true(fabs(fc_dist_quantile(&tr, 0.2) - 20) < 1e-12);
    /* A truncated triangular keeps to its bounds: the quantile 0 is the lower bound. */
    fc_dist tt = tr;
    tt.low = 15;
    tt.high = 40;
    assert_true(fabs(fc_dist_quantile(&tt, 1e-300) - 15) < 1e-9);
    assert_true(fabs(fc_dist_quantile(&tt, 1 - 1e-16) - 40) < 1e-6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_philox_known_answers),
        cmocka_unit_test(test_uniform_is_a_pure_function),
        cmocka_unit_test(test_normal_quantile_inverts_cdf),
        cmocka_unit_test(test_distributions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
