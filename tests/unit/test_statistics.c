/* The weighted median and mean: hand-worked values, the exact-half rule, the properties
 * every analyst relies on, and the EU emission case's recorded reference values. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

static void median_hand_worked(void **state)
{
    (void)state;
    /* Weights 1, 1, 2 at 0, 40, 100: half the weight (2) is reached at 40 exactly, so the
     * median is the midpoint of 40 and the next position, 100. */
    double x[] = {0, 40, 100}, w[] = {1, 1, 2};
    assert_true(fc_weighted_median(x, w, 3) == 70.0);
    /* Weights 1, 2, 1: cumulative 1, 3 of 4 passes half at 40. */
    double w2[] = {1, 2, 1};
    assert_true(fc_weighted_median(x, w2, 3) == 40.0);
    /* A single actor is its own median. */
    assert_true(fc_weighted_median(x + 1, w + 1, 1) == 40.0);
    /* Two equal weights: exactly half at the lower one, so the midpoint. */
    double x3[] = {10, 20}, w3[] = {5, 5};
    assert_true(fc_weighted_median(x3, w3, 2) == 15.0);
    /* Zero-weight actors take no part, not even as the next position. */
    double x4[] = {10, 15, 20}, w4[] = {5, 0, 5};
    assert_true(fc_weighted_median(x4, w4, 3) == 15.0);
    double x5[] = {10, 12, 20}, w5[] = {5, 0, 5};
    assert_true(fc_weighted_median(x5, w5, 3) == 15.0);
    /* Total weight 0: no median. */
    double w0[] = {0, 0, 0};
    assert_true(isnan(fc_weighted_median(x, w0, 3)));
    /* Equal positions pool their weight. */
    double x6[] = {5, 5, 9}, w6[] = {1, 1, 1.5};
    assert_true(fc_weighted_median(x6, w6, 3) == 5.0);
}

static void mean_hand_worked(void **state)
{
    (void)state;
    double x[] = {0, 40, 100}, w[] = {1, 1, 2};
    assert_true(fc_weighted_mean(x, w, 3) == 60.0);
    double w0[] = {0, 0, 0};
    assert_true(isnan(fc_weighted_mean(x, w0, 3)));
}

/* A small deterministic generator for the property tests. */
static double next_uniform(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static void properties(void **state)
{
    (void)state;
    unsigned long long seed = 12345;
    for (int trial = 0; trial < 500; trial++) {
        size_t n = 1 + (size_t)(next_uniform(&seed) * 40);
        double x[64] = {0}, w[64] = {0}, xs[64] = {0}, ws[64] = {0}, wk[64] = {0};
        for (size_t i = 0; i < n; i++) {
            /* Coarse positions make ties and exact halves common. */
            x[i] = floor(next_uniform(&seed) * 10);
            w[i] = floor(next_uniform(&seed) * 5);
        }
        w[0] += 1; /* total weight > 0 */
        double med = fc_weighted_median(x, w, n), mean = fc_weighted_mean(x, w, n);
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < n; i++)
            lo = fmin(lo, x[i]), hi = fmax(hi, x[i]);
        assert_true(med >= lo && med <= hi);
        assert_true(mean >= lo - 1e-12 && mean <= hi + 1e-12);
        /* Reordering the actors changes nothing. */
        for (size_t i = 0; i < n; i++)
            xs[i] = x[n - 1 - i], ws[i] = w[n - 1 - i];
        assert_true(fc_weighted_median(xs, ws, n) == med);
        assert_true(fabs(fc_weighted_mean(xs, ws, n) - mean) <= 1e-12 * fmax(1, fabs(mean)));
        /* Scaling every weight by a power of two (exact in binary) changes nothing. */
        for (size_t i = 0; i < n; i++)
            wk[i] = w[i] * 8;
        assert_true(fc_weighted_median(x, wk, n) == med);
        assert_true(fabs(fc_weighted_mean(x, wk, n) - mean) <= 1e-12 * fmax(1, fabs(mean)));
        /* The median minimises the weighted distance sum. */
        double f_med = 0;
        for (size_t i = 0; i < n; i++)
            f_med += w[i] * fabs(x[i] - med);
        for (double y = lo; y <= hi; y += 0.5) {
            double f = 0;
            for (size_t i = 0; i < n; i++)
                f += w[i] * fabs(x[i] - y);
            assert_true(f_med <= f + 1e-9);
        }
    }
}

/* Reads "round 0: mean M median D" from the recorded trace of the EU emission case. */
static void recorded_round0(double *mean, double *median)
{
    const char *path = FULCRUM_SHARED_DIR "/data/eum/trace_scholz_emission.txt";
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    int found = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "round 0: mean %lf median %lf", mean, median) == 2) {
            found = 1;
            break;
        }
    fclose(f);
    assert_true(found);
}

static fc_forecast *run(const char *model, const fc_problem *p)
{
    fc_forecast *f = NULL;
    fc_error err;
    assert_int_equal(fc_model_run(fc_model_find(model), p, NULL, NULL, 0, &f, &err), FC_OK);
    return f;
}

static void eu_emission_reference(void **state)
{
    (void)state;
    double mean, median;
    recorded_round0(&mean, &median);
    const char *files[] = {FULCRUM_SOURCE_DIR "/scenarios/eu-emissions-1994.yaml",
                           FULCRUM_SHARED_DIR "/data/eum/eu_emission_standards_bdm1994.csv"};
    for (int k = 0; k < 2; k++) {
        fc_scenario *sc;
        fc_error err;
        assert_int_equal(fc_scenario_load(files[k], NULL, &sc, &err), FC_OK);
        fc_problem p;
        assert_int_equal(fc_problem_from_scenario(&p, sc, NULL, 0, &err), FC_OK);
        fc_forecast *c = run("compromise", &p), *m = run("median", &p);
        /* The recorded value to the last bit: the mean is summed in input order. */
        assert_true(c->outcome[0] == mean);
        assert_true(m->outcome[0] == median);
        assert_int_equal(c->n_rounds, 1);
        fc_forecast_free(c);
        fc_forecast_free(m);
        fc_problem_free(&p);
        fc_scenario_free(sc);
    }
}

static void status_quo_model(void **state)
{
    (void)state;
    fc_scenario *sc;
    fc_error err;
    assert_int_equal(fc_scenario_load_builtin(&sc, &err), FC_OK);
    fc_problem p;
    assert_int_equal(fc_problem_from_scenario(&p, sc, NULL, 0, &err), FC_OK);
    fc_forecast *f = run("status-quo", &p);
    assert_true(f->outcome[0] == 70.0);
    fc_forecast_free(f);
    fc_problem_free(&p);
    fc_scenario_free(sc);
    /* Without a declared status quo the model says so. */
    assert_int_equal(fc_scenario_load(FULCRUM_SHARED_DIR "/data/eum/eu_emission_standards_bdm1994.csv", NULL, &sc,
                                      &err),
                     FC_OK);
    assert_int_equal(fc_problem_from_scenario(&p, sc, NULL, 0, &err), FC_OK);
    fc_forecast *g = NULL;
    assert_int_equal(fc_model_run(&fc_model_status_quo, &p, NULL, NULL, 0, &g, &err), FC_EINPUT);
    assert_null(g);
    assert_non_null(strstr(err.message, "declares no status quo"));
    fc_problem_free(&p);
    fc_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(median_hand_worked), cmocka_unit_test(mean_hand_worked),
        cmocka_unit_test(properties),         cmocka_unit_test(eu_emission_reference),
        cmocka_unit_test(status_quo_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
