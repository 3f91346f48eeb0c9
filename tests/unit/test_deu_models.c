/* The bargaining models of the DEU literature on the shared development half: the spatial
 * model forecasts every issue with its fallback (and refuses KTAB's 64 with range_check=refuse),
 * the Nash bargaining solution, the procedural and exchange models on hand-worked cases, the
 * cross-validation, and that no outcome leaks into a forecast. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

#define DEU_DEV FULCRUM_SHARED_DIR "/data/deu/deu_dev.tsv"

static fc_deu_set *load_dev(void)
{
    fc_deu_set *set = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_COUNCIL_VOTES, &set, &err), FC_OK);
    return set;
}

static fc_backtest_result *run(const fc_deu_set *set, const char *const *models, size_t n,
                               const char *const *settings, size_t n_settings)
{
    fc_backtest_options o;
    fc_backtest_options_init(&o);
    o.models = models;
    o.n_models = n;
    o.settings = settings;
    o.n_settings = n_settings;
    o.n_boot = 0;
    fc_backtest_result *r = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_backtest_run(set, &o, &r, &err);
    if (st)
        fprintf(stderr, "%s\n", err.message);
    assert_int_equal(st, FC_OK);
    return r;
}

static const fc_backtest_model *find_model(const fc_backtest_result *r, const char *name)
{
    for (size_t k = 0; k < r->n_models; k++)
        if (strcmp(r->models[k].name, name) == 0)
            return &r->models[k];
    return NULL;
}

/* KTAB stops on 64 of the 180 issues (and 27 of those have an actor without salience); the
 * fallback forecasts all 180, and on the 116 KTAB completes it gives the same bits. */
static void test_smp_every_issue(void **state)
{
    (void)state;
    fc_deu_set *set = load_dev();
    const char *models[] = {"smp"};
    const char *refuse[] = {"smp.range_check=refuse"};
    fc_backtest_result *a = run(set, models, 1, NULL, 0);
    fc_backtest_result *b = run(set, models, 1, refuse, 1);
    const fc_backtest_model *fa = find_model(a, "smp"), *fb = find_model(b, "smp");
    assert_int_equal(fa->all.n, 180);
    assert_int_equal(fa->n_failed, 0);
    assert_int_equal(fb->all.n, 116);
    assert_int_equal(fb->n_failed, 64);
    size_t same = 0;
    for (size_t i = 0; i < set->n_issues; i++)
        if (!isnan(fb->forecast[i])) {
            assert_true(fa->forecast[i] == fb->forecast[i]);
            same++;
        }
    assert_int_equal(same, 116);
    fc_backtest_result_free(a);
    fc_backtest_result_free(b);
    fc_deu_set_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_smp_every_issue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
