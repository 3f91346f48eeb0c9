/* The interval dictionary behind enummixed's fast walk: along random walks over feasible bases
 * of random games (small payoffs, so degenerate ones too), every interval must contain the
 * exact value of an exactly pivoted dictionary, every ratio test must give exactly the exact
 * winners, and the zero labels must be exactly the zero basic values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "game/ivdict.h"

static uint64_t rng_state;

static uint64_t rng(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return rng_state >> 33;
}

/* the exact value a / D lies within [m - r, m + r] */
static bool contains(const mpz_t a, const mpz_t D, double m, double r)
{
    mpq_t x, t;
    mpq_init(x);
    mpq_init(t);
    mpq_set_num(x, a);
    mpq_set_den(x, D);
    mpq_canonicalize(x);
    mpq_set_d(t, m);
    mpq_sub(x, x, t);
    mpq_abs(x, x);
    mpq_set_d(t, r);
    bool ok = mpq_cmp(x, t) <= 0;
    mpq_clear(x);
    mpq_clear(t);
    return ok;
}

/* exact minimum-ratio rows of column s, increasing */
static size_t exact_ties(dict *d, size_t s, size_t *ties)
{
    size_t nt = 0;
    long best = -1;
    mpz_t t1, t2;
    mpz_init(t1);
    mpz_init(t2);
    for (size_t i = 0; i < d->rows; i++) {
        if (mpz_sgn(d->a[i * d->cols + s]) <= 0)
            continue;
        int cmp = -1;
        if (best >= 0) {
            mpz_mul(t1, d->c[i], d->a[(size_t)best * d->cols + s]);
            mpz_mul(t2, d->c[best], d->a[i * d->cols + s]);
            cmp = mpz_cmp(t1, t2);
        }
        if (cmp < 0) {
            best = (long)i;
            nt = 0;
        }
        if (cmp <= 0)
            ties[nt++] = i;
    }
    mpz_clear(t1);
    mpz_clear(t2);
    return nt;
}

static void walk(size_t m, size_t n, unsigned maxpay, int which, size_t steps, size_t *n_ties)
{
    bimatrix bm = {m, n, malloc(m * n * sizeof(mpz_t)), malloc(m * n * sizeof(mpz_t))};
    for (size_t k = 0; k < m * n; k++) {
        mpz_init_set_ui(bm.A[k], 1 + rng() % maxpay);
        mpz_init_set_ui(bm.B[k], 1 + rng() % maxpay);
    }
    ivdict iv;
    dict ex;
    fc_error err;
    assert_int_equal(ivd_init(&iv, &bm, which), IV_OK);
    assert_int_equal(polytope_dict_init(&ex, &bm, which, &err), FC_OK);
    size_t R = ex.rows, C = ex.cols, ties[64], eties[64];
    uint8_t win[64];
    for (size_t step = 0; step < steps; step++) {
        size_t s = rng() % C;
        /* all columns at once: a proven answer must be the exact unique winner */
        ivd_ratio_all(&iv, win);
        int rc = IV_OK;
        size_t nt = ivd_ratio(&iv, s, ties, &rc);
        assert_int_equal(rc, IV_OK);
        size_t ent = exact_ties(&ex, s, eties);
        assert_int_equal(nt, ent);
        for (size_t k = 0; k < nt; k++)
            assert_int_equal(ties[k], eties[k]);
        for (size_t c = 0; c < C; c++) {
            size_t ct = exact_ties(&ex, c, eties);
            if (win[c] == IV_NONE)
                assert_int_equal(ct, 0);
            else if (win[c] != IV_UNKNOWN)
                assert_true(ct == 1 && eties[0] == win[c]);
        }
        if (nt == 0)
            continue;
        *n_ties += nt > 1;
        size_t r = ties[rng() % nt];
        uint64_t lab[2] = {0, 0};
        assert_int_equal(ivd_pivot(&iv, r, s, lab), IV_OK);
        polytope_dict_pivot(&ex, r, s);
        for (size_t i = 0; i < R; i++) {
            assert_int_equal(iv.basic[i], ex.basic[i]);
            bool zero = mpz_sgn(ex.c[i]) == 0;
            assert_true(mpz_sgn(ex.c[i]) >= 0);
            assert_int_equal(zero, (lab[ex.basic[i] >> 6] >> (ex.basic[i] & 63)) & 1);
            assert_true(contains(ex.c[i], ex.D, iv.cm[i], iv.cr[i]));
            for (size_t k = 0; k < C; k++)
                assert_true(contains(ex.a[i * C + k], ex.D, iv.tm[i * C + k], iv.tr[i * C + k]));
        }
        /* now and then go back, as the walk does when it backtracks (no positivity check) */
        if (rng() % 3 == 0) {
            assert_int_equal(ivd_pivot(&iv, r, s, NULL), IV_OK);
            polytope_dict_pivot(&ex, r, s);
            for (size_t i = 0; i < R; i++)
                for (size_t k = 0; k < C; k++)
                    assert_true(
                        contains(ex.a[i * C + k], ex.D, iv.tm[i * C + k], iv.tr[i * C + k]));
        }
    }
    ivd_free(&iv);
    polytope_dict_free(&ex);
    polytope_bimatrix_free(&bm);
}

static void intervals_hold_generic(void **state)
{
    (void)state;
    rng_state = 12345;
    size_t n_ties = 0;
    for (int g = 0; g < 6; g++)
        walk(8 + (size_t)g, 9, 100, g & 1, 400, &n_ties);
}

static void intervals_hold_degenerate(void **state)
{
    (void)state;
    rng_state = 777;
    size_t n_ties = 0;
    for (int g = 0; g < 20; g++)
        walk(3 + (size_t)g % 5, 4 + (size_t)g % 3, 3, g & 1, 150, &n_ties);
    /* payoffs in 1..3 make ties common: the exact path was exercised */
    assert_true(n_ties > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(intervals_hold_generic),
        cmocka_unit_test(intervals_hold_degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
