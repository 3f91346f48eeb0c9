/* bench_format: nanoseconds per number of fc_format_double (src/util/dtoa.c) against the
 * snprintf/strtod search it replaced (kept here as it was), on random bit patterns, on
 * numbers like a forecast's (a few decimals, their thirds) and on whole numbers.
 * Usage: bench_format [COUNT (default 1000000)]. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fulcrum/util.h"

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void search(char *buf, size_t size, double v)
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

static uint64_t state = 1;

static uint64_t next(void)
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void measure(const char *what, const double *v, size_t n)
{
    char buf[40];
    size_t sink = 0;
    double t0 = cpu_now();
    for (size_t i = 0; i < n; i++) {
        fc_format_double(buf, sizeof buf, v[i]);
        sink += (size_t)buf[0];
    }
    double fast = (cpu_now() - t0) / (double)n * 1e9;
    size_t m = n / 10 ? n / 10 : 1;
    t0 = cpu_now();
    for (size_t i = 0; i < m; i++) {
        search(buf, sizeof buf, v[i]);
        sink += (size_t)buf[0];
    }
    double slow = (cpu_now() - t0) / (double)m * 1e9;
    printf("%-34s %8.1f ns/number   search %8.1f ns/number   %5.1fx   (%zu)\n", what, fast, slow, slow / fast,
           sink % 10);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
    if (n == 0)
        n = 1;
    double *v = calloc(n, sizeof *v);
    if (!v)
        return 1;
    printf("fc_format_double, CPU time; the search timed on a tenth of the numbers\n");
    for (size_t i = 0; i < n; i++) {
        uint64_t b = next();
        memcpy(&v[i], &b, sizeof b);
        if (isnan(v[i]) || isinf(v[i]))
            v[i] = 1.5;
    }
    measure("random bit patterns", v, n);
    for (size_t i = 0; i < n; i++) {
        uint64_t r = next();
        v[i] = (double)(r % 100000) / 1000.0 / (i % 2 ? 3.0 : 1.0);
    }
    measure("forecast-like (x/1000, x/3000)", v, n);
    for (size_t i = 0; i < n; i++)
        v[i] = (double)(next() % 1000000);
    measure("whole numbers", v, n);
    free(v);
    return 0;
}
