/* fc_report_analysis and fc_report_chart, the one-call analyses and charts the Python and R
 * bindings use: each gives the bytes the two-step path (compute, then report or render)
 * gives, and a bad option is an error naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

#define SMALL_DEU FULCRUM_TEST_DATA "/deu/small.tsv"

static void test_dilemma_equals_two_steps(void **state)
{
    (void)state;
    fc_run_options o;
    fc_run_options_init(&o);
    o.model = "eum";
    o.preset = "bdm-paper";
    fc_error err;
    fc_error_clear(&err);
    const char *args[] = {"mode=commit"};
    char *one = NULL;
    assert_int_equal(fc_report_analysis(&o, "dilemma", "csv", args, 1, &one, &err), FC_OK);

    fc_scenario *sc = NULL;
    assert_int_equal(fc_scenario_load_builtin(&sc, &err), FC_OK);
    fc_dilemma_options d;
    fc_dilemma_options_init(&d);
    d.model = "eum";
    d.preset = "bdm-paper";
    d.mode = FC_DILEMMA_COMMIT;
    d.either_or_runs = FC_DILEMMA_EITHER_RUNS;
    fc_dilemma_issues *dl = NULL;
    assert_int_equal(fc_dilemma_compute_issues(sc, &d, &dl, &err), FC_OK);
    char *two = NULL;
    assert_int_equal(fc_dilemma_issues_report_csv(dl, sc, &two, &err), FC_OK);
    assert_string_equal(one, two);
    /* Every issue of the built-in case, then the totals (issue NA). */
    assert_non_null(strstr(one, "\neum,bdm-paper,commit,alignment,"));
    assert_non_null(strstr(one, "\neum,bdm-paper,commit,governance,"));
    assert_non_null(strstr(one, "\neum,bdm-paper,commit,NA,status-quo,total_value,AZE,"));
    fc_free(one);
    free(two);
    fc_dilemma_issues_free(dl);
    fc_scenario_free(sc);
}

static void test_sweep_equals_two_steps(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    const char *args[] = {"runs=40", "seed=7", "threads=1", "jitter=position=5"};
    char *one = NULL;
    assert_int_equal(fc_report_analysis(NULL, "sweep", "json", args, 4, &one, &err), FC_OK);

    fc_scenario *sc = NULL;
    assert_int_equal(fc_scenario_load_builtin(&sc, &err), FC_OK);
    const fc_model *m = NULL;
    assert_int_equal(fc_run_one_model(NULL, NULL, &m, &err), FC_OK);
    fc_default_uncertainty jitter;
    assert_int_equal(fc_run_sweep_jitter(sc, "position=5", &jitter, NULL, NULL, &err), FC_OK);
    fc_sweep_options so;
    fc_sweep_options_init(&so);
    so.model = m;
    so.runs = 40;
    so.seed = 7;
    so.threads = 1;
    so.jitter = &jitter;
    fc_sweep_result *r = NULL;
    assert_int_equal(fc_sweep_run(sc, &so, &r, &err), FC_OK);
    char *two = NULL;
    assert_int_equal(fc_sweep_report_json(r, 0, &two, &err), FC_OK);
    assert_string_equal(one, two);
    assert_non_null(strstr(one, "\"runs\": 40"));
    fc_free(one);
    free(two);
    fc_sweep_result_free(r);
    fc_scenario_free(sc);
}

static void test_backtest_equals_two_steps(void **state)
{
    (void)state;
    fc_run_options o;
    fc_run_options_init(&o);
    o.path = SMALL_DEU;
    o.model = "median";
    fc_error err;
    fc_error_clear(&err);
    const char *args[] = {"bootstrap=10", "capabilities=equal"};
    char *one = NULL;
    assert_int_equal(fc_report_analysis(&o, "backtest", "csv", args, 2, &one, &err), FC_OK);

    fc_deu_set *set = NULL;
    assert_int_equal(fc_deu_load(SMALL_DEU, FC_DEU_EQUAL, &set, &err), FC_OK);
    fc_backtest_options bo;
    fc_backtest_options_init(&bo);
    bo.model = "median";
    bo.n_boot = 10;
    fc_backtest_result *r = NULL;
    assert_int_equal(fc_backtest_run(set, &bo, &r, &err), FC_OK);
    char *two = NULL;
    assert_int_equal(fc_backtest_report_csv(r, &two, &err), FC_OK);
    assert_string_equal(one, two);
    assert_non_null(strstr(one, "\nmedian,"));
    fc_free(one);
    free(two);
    fc_backtest_result_free(r);
    fc_deu_set_free(set);
}

static void test_chart_equals_render(void **state)
{
    (void)state;
    fc_run_options o;
    fc_run_options_init(&o);
    o.model = "median";
    fc_error err;
    fc_error_clear(&err);
    const char *args[] = {"width=500"};
    unsigned char *one = NULL;
    size_t n1 = 0;
    /* PNG: cairo's SVG numbers its surfaces by a process-wide counter, so two SVGs of one
     * chart differ in their ids; the pixels do not. */
    assert_int_equal(fc_report_chart(&o, "issue", "png", args, 1, &one, &n1, &err), FC_OK);

    fc_run_result *run = NULL;
    assert_int_equal(fc_run_forecast(&o, &run, &err), FC_OK);
    fc_forecast_set set = {.scenario = run->scenario, .problem = &run->problem,
                           .forecasts = (const fc_forecast *const *)run->forecasts,
                           .n_forecasts = run->n_forecasts};
    fc_chart_request r = {.kind = FC_CHART_ISSUE, .set = &set, .forecast = fc_run_richest(run)};
    r.options.width = 500;
    fc_chart_image img = {0};
    assert_int_equal(fc_chart_render(&r, FC_CHART_PNG, &img, &err), FC_OK);
    assert_int_equal(n1, img.len);
    assert_memory_equal(one, img.data, n1);
    fc_free(one);
    assert_int_equal(fc_report_chart(&o, "trajectory", NULL, NULL, 0, &one, &n1, &err), FC_OK);
    assert_true(n1 > 100);
    assert_memory_equal(one, "<?xml", 5); /* not NUL-terminated: bytes */
    fc_free(one);
    fc_chart_image_free(&img);
    fc_run_result_free(run);
    fc_charts_release_caches();
}

static void expect_field(const char *analysis, const char *format, const char *arg, fc_status status,
                         const char *field)
{
    fc_error err;
    fc_error_clear(&err);
    char *out = (char *)"untouched";
    const char *args[] = {arg};
    assert_int_equal(fc_report_analysis(NULL, analysis, format, args, arg ? 1 : 0, &out, &err), status);
    assert_string_equal(err.field, field);
    assert_null(out);
}

static void test_errors_name_the_field(void **state)
{
    (void)state;
    expect_field("dilemma", "csv", "runs=3", FC_EUSAGE, "args");
    expect_field("dilemma", "csv", "mode", FC_EUSAGE, "args");
    expect_field("dilemma", "csv", "mode=both", FC_EUSAGE, "mode");
    expect_field("dilemma", "xml", NULL, FC_EUSAGE, "format");
    expect_field("sweep", "json", "runs=0", FC_EUSAGE, "runs");
    expect_field("sweep", "json", "runs=2.5", FC_EUSAGE, "runs");
    expect_field("sweep", "json", "choices=maybe", FC_EUSAGE, "choices");
    expect_field("sweep", "json", "mode=commit", FC_EUSAGE, "mode");
    expect_field("backtest", "json", NULL, FC_EUSAGE, "path");
    expect_field("war", "json", NULL, FC_EUSAGE, "analysis");

    fc_error err;
    fc_error_clear(&err);
    unsigned char *img = (unsigned char *)"untouched";
    size_t len = 9;
    assert_int_equal(fc_report_chart(NULL, "pie", "svg", NULL, 0, &img, &len, &err), FC_EUSAGE);
    assert_string_equal(err.field, "kind");
    assert_null(img);
    assert_int_equal(len, 0);
    const char *wide[] = {"width=5"};
    assert_int_equal(fc_report_chart(NULL, "issue", "svg", wide, 1, &img, &len, &err), FC_EUSAGE);
    assert_string_equal(err.field, "width");
    assert_int_equal(fc_report_chart(NULL, "issue", "gif", NULL, 0, &img, &len, &err), FC_EUSAGE);
    assert_string_equal(err.field, "format");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dilemma_equals_two_steps),
        cmocka_unit_test(test_sweep_equals_two_steps),
        cmocka_unit_test(test_backtest_equals_two_steps),
        cmocka_unit_test(test_chart_equals_render),
        cmocka_unit_test(test_errors_name_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
