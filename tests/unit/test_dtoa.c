/* fc_format_double's fast digits (src/util/dtoa.c) against the search it replaced, kept here
 * as the reference: the smallest "%.Pg" that strtod reads back, whole numbers below 1e15 as
 * "%.0f". Same bytes for edge doubles (subnormals, powers of two and ten and their
 * neighbours, halfway cases, whole numbers around 1e15, extremes, -0, NaN, infinities) and
 * for a million random bit patterns and as many short decimals (FULCRUM_DTOA_RANDOM=N raises
 * both; docs/performance.md says how many a longer run compared). */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/util.h"
#include "util/dtoa.h"

/* The algorithm as fc_format_double had it before src/util/dtoa.c. */
static void reference(char *buf, size_t size, double v)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, size, "%.0f", v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
    snprintf(buf, size, "%.17g", v);
}

static size_t n_checked;

static void check(double v)
{
    char want[64], got[UTIL_DTOA_SIZE], api[64];
    reference(want, sizeof want, v);
    size_t n = util_dtoa(v, got);
    fc_format_double(api, sizeof api, v);
    if (strcmp(want, got) != 0 || n != strlen(want) || strcmp(want, api) != 0) {
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        fail_msg("bits 0x%016llx: reference \"%s\", util_dtoa \"%s\" (length %zu), fc_format_double \"%s\"",
                 (unsigned long long)bits, want, got, n, api);
    }
    n_checked++;
}

static double from_bits(uint64_t b)
{
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
}

/* A value and its neighbours on both sides, both signs. */
static void check_around(double v)
{
    double d[5] = {v, nextafter(v, INFINITY), nextafter(v, -INFINITY),
                   nextafter(nextafter(v, INFINITY), INFINITY), nextafter(nextafter(v, -INFINITY), -INFINITY)};
    for (int i = 0; i < 5; i++) {
        check(d[i]);
        check(-d[i]);
    }
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void)
{
    /* splitmix64: every bit pattern equally likely. */
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static size_t random_count(size_t fallback)
{
    const char *s = getenv("FULCRUM_DTOA_RANDOM");
    return s && *s ? (size_t)strtoull(s, NULL, 10) : fallback;
}

static void test_special_values(void **state)
{
    (void)state;
    char buf[UTIL_DTOA_SIZE];
    /* The spellings themselves, not only agreement: what reports and golden files hold. */
    util_dtoa(0.0, buf);
    assert_string_equal(buf, "0");
    util_dtoa(-0.0, buf);
    assert_string_equal(buf, "-0");
    util_dtoa(50.0, buf);
    assert_string_equal(buf, "50");
    util_dtoa(0.1, buf);
    assert_string_equal(buf, "0.1");
    util_dtoa(1.0 / 3.0, buf);
    assert_string_equal(buf, "0.3333333333333333");
    util_dtoa(1e15, buf);
    assert_string_equal(buf, "1e+15");
    util_dtoa(1e-5, buf);
    assert_string_equal(buf, "1e-05");
    util_dtoa(0.0001, buf);
    assert_string_equal(buf, "0.0001");
    util_dtoa(5e-324, buf);
    assert_string_equal(buf, "5e-324");
    util_dtoa(DBL_MAX, buf);
    assert_string_equal(buf, "1.7976931348623157e+308");
    util_dtoa(INFINITY, buf);
    assert_string_equal(buf, "inf");
    util_dtoa(-INFINITY, buf);
    assert_string_equal(buf, "-inf");
    util_dtoa(NAN, buf);
    check(NAN);
    check(-NAN);
    check(from_bits(0x7ff0000000000001ull));
    check(from_bits(0xfff8000000000001ull));
    check(INFINITY);
    check(-INFINITY);
    check(0.0);
    check(-0.0);
}

static void test_edge_doubles(void **state)
{
    (void)state;
    size_t before = n_checked;
    /* Every power of two (the asymmetric intervals), and its neighbours. */
    for (int e = -1074; e <= 1023; e++)
        check_around(ldexp(1.0, e));
    /* Powers of ten, and ten to a power as the nearest double. */
    for (int e = -323; e <= 308; e++) {
        char s[32];
        snprintf(s, sizeof s, "1e%d", e);
        check_around(strtod(s, NULL));
        snprintf(s, sizeof s, "5e%d", e);
        check_around(strtod(s, NULL));
        snprintf(s, sizeof s, "9.5e%d", e);
        check_around(strtod(s, NULL));
    }
    /* Subnormals: the smallest, the largest, and patterns between. */
    for (uint64_t m = 1; m < 4096; m++) {
        check(from_bits(m));
        check(from_bits(0x000fffffffffffffull - m));
        check(from_bits(m << 40));
    }
    check_around(DBL_MIN);
    check_around(DBL_MAX);
    check_around(DBL_EPSILON);
    /* Whole numbers where "%.0f" gives way to "%g", and the largest exact integers. */
    for (double x = 1e15 - 2000; x <= 1e15 + 2000; x += 0.125)
        check(x);
    for (int e = 49; e <= 70; e++)
        check_around(ldexp(1.0, e) - 1.0);
    /* Halfway cases: k + 1/2, 1/4, ... where printf breaks ties to even, and round numbers
     * of a few decimal digits (exact ties at some precision). */
    for (int k = 0; k < 20000; k++) {
        check(k + 0.5);
        check(k / 4.0 + 0.125);
        check(k * 0.001);
        check(k * 1e-7);
        check((double)k * 1e17 + 5e16);
        check(ldexp((double)(2 * k + 1), -30));
    }
    /* Numbers with a ...5 at the 16th or 17th digit. */
    for (int k = 0; k < 20000; k++) {
        double x = 1.0 + k * 0x1p-52;
        check(x);
        check(x * 1e10);
        check(x * 1e-10);
    }
    print_message("edge doubles: %zu compared\n", n_checked - before);
}

static void test_random_bit_patterns(void **state)
{
    (void)state;
    size_t n = random_count(1000000);
    for (size_t i = 0; i < n; i++)
        check(from_bits(next_random()));
    print_message("random bit patterns: %zu compared\n", n);
}

static void test_random_short_decimals(void **state)
{
    (void)state;
    /* What forecasts print: positions and probabilities with a few digits, their sums and
     * ratios, and doubles of moderate size with random low bits. */
    size_t n = random_count(1000000) / 3;
    for (size_t i = 0; i < n; i++) {
        uint64_t r = next_random();
        int digits = 1 + (int)(r % 9);
        double mant = (double)((r >> 8) % 1000000000ull);
        double v = mant / pow(10.0, digits);
        check(v);
        check(v / 3.0);
        double w = from_bits((0x3c0ull + (r >> 54) % 0x80ull) << 52 | (next_random() >> 12));
        check(w);
    }
    print_message("short decimals and moderate doubles: %zu compared\n", 3 * n);
}

static void test_truncation_like_snprintf(void **state)
{
    (void)state;
    /* A short buffer keeps what fits, as snprintf did. */
    char buf[8];
    memset(buf, 'x', sizeof buf);
    fc_format_double(buf, 5, 0.123456);
    assert_string_equal(buf, "0.12");
    fc_format_double(buf, 1, 3.5);
    assert_string_equal(buf, "");
    buf[0] = 'x';
    fc_format_double(buf, 0, 3.5);
    assert_int_equal(buf[0], 'x');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_special_values),
        cmocka_unit_test(test_edge_doubles),
        cmocka_unit_test(test_random_bit_patterns),
        cmocka_unit_test(test_random_short_decimals),
        cmocka_unit_test(test_truncation_like_snprintf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
