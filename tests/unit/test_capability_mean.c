/* The capability-weighted mean: its DEU figure (20.0153 with council votes, from
 * scripts/deu_experiments.py), its limits (salience exponent 1 = the compromise model, pull 1
 * = the status quo) and its option errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

#define DEU_DEV FULCRUM_SHARED_DIR "/data/deu/deu_dev.tsv"

static void test_deu_figure(void **state)
{
    (void)state;
    fc_deu_set *set = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_COUNCIL_VOTES, &set, &err), FC_OK);
    fc_backtest_options o;
    fc_backtest_options_init(&o);
    const char *models[] = {"capability-mean"};
    o.models = models;
    o.n_models = 1;
    o.n_boot = 200;
    fc_backtest_result *r = NULL;
    assert_int_equal(fc_backtest_run(set, &o, &r, &err), FC_OK);
    assert_int_equal(r->n_models, 2);
    assert_string_equal(r->models[1].name, "capability-mean");
    assert_int_equal(r->models[1].all.n, 180);
    assert_true(fabs(r->models[1].all.mae - 20.0153) < 1e-4);
    fc_backtest_result_free(r);
    fc_deu_set_free(set);
}

static void test_limits(void **state)
{
    (void)state;
    fc_deu_set *set = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_COUNCIL_VOTES, &set, &err), FC_OK);
    const fc_model *m = fc_model_find("capability-mean");
    assert_non_null(m);
    size_t with_sq = 0;
    for (size_t i = 0; i < set->n_issues; i++) {
        const fc_problem *p = &set->issues[i].problem;
        fc_forecast *c = NULL, *f = NULL;
        const char *as_compromise[] = {"salience_exponent=1"};
        assert_int_equal(fc_model_run(&fc_model_compromise, p, NULL, NULL, 0, &c, &err), FC_OK);
        assert_int_equal(fc_model_run(m, p, NULL, as_compromise, 1, &f, &err), FC_OK);
        assert_true(fabs(c->outcome[0] - f->outcome[0]) < 1e-9);
        /* Ignoring salience, the forecast stays inside the positions' range. */
        fc_forecast_free(f);
        assert_int_equal(fc_model_run(m, p, NULL, NULL, 0, &f, &err), FC_OK);
        double lo = 100, hi = 0;
        for (size_t a = 0; a < p->n_actors; a++) {
            lo = fmin(lo, p->position[a]);
            hi = fmax(hi, p->position[a]);
        }
        assert_true(f->outcome[0] >= lo - 1e-9 && f->outcome[0] <= hi + 1e-9);
        fc_forecast_free(f);
        const char *full_pull[] = {"reference_pull=1"};
        fc_status st = fc_model_run(m, p, NULL, full_pull, 1, &f, &err);
        if (isnan(p->status_quo[0])) {
            assert_int_equal(st, FC_EINPUT);
        } else {
            assert_int_equal(st, FC_OK);
            assert_true(fabs(f->outcome[0] - p->status_quo[0]) < 1e-9);
            with_sq++;
            fc_forecast_free(f);
        }
        fc_forecast_free(c);
    }
    assert_int_equal(with_sq, 130);
    fc_deu_set_free(set);
}

static void test_bad_options(void **state)
{
    (void)state;
    fc_deu_set *set = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_EQUAL, &set, &err), FC_OK);
    const fc_model *m = fc_model_find("capability-mean");
    fc_forecast *f = NULL;
    const char *unknown[] = {"gamma=1"}, *bad[] = {"salience_exponent=-1"}, *text[] = {"reference_pull=x"};
    assert_int_equal(fc_model_run(m, &set->issues[0].problem, NULL, unknown, 1, &f, &err), FC_EUSAGE);
    assert_non_null(strstr(err.message, "no option 'gamma'"));
    assert_int_equal(fc_model_run(m, &set->issues[0].problem, NULL, bad, 1, &f, &err), FC_EUSAGE);
    assert_int_equal(fc_model_run(m, &set->issues[0].problem, NULL, text, 1, &f, &err), FC_EUSAGE);
    assert_int_equal(fc_model_run(m, &set->issues[0].problem, "deu", NULL, 0, &f, &err), FC_EUSAGE);
    assert_null(f);
    fc_deu_set_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deu_figure),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
