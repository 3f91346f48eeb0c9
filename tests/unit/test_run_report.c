/* fc_report_run, the one-call report the Python and R bindings use: its JSON is the one the
 * two-step path (fc_run_forecast, fc_report_json) writes, and its errors name the field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

static void test_json_equals_two_steps(void **state)
{
    (void)state;
    fc_run_options o;
    fc_run_options_init(&o);
    o.model = "eum";
    fc_error err;
    fc_error_clear(&err);
    char *one = NULL;
    assert_int_equal(fc_report_run(&o, "json", 0, &one, &err), FC_OK);

    fc_run_result *run = NULL;
    assert_int_equal(fc_run_forecast(&o, &run, &err), FC_OK);
    fc_forecast_set set = {.scenario = run->scenario, .problem = &run->problem,
                           .forecasts = (const fc_forecast *const *)run->forecasts,
                           .n_forecasts = run->n_forecasts};
    char *two = NULL;
    assert_int_equal(fc_report_json(&set, &two, &err), FC_OK);
    assert_string_equal(one, two);
    assert_non_null(strstr(one, "\"eum\""));
    fc_free(one);
    free(two);
    fc_run_result_free(run);
}

static void test_defaults_and_csv(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    char *csv = NULL;
    assert_int_equal(fc_report_run(NULL, "csv", 0, &csv, &err), FC_OK);
    assert_true(strncmp(csv, "model,", 6) == 0);
    assert_non_null(strstr(csv, "\nmedian,"));
    fc_free(csv);
}

static void test_errors_name_the_field(void **state)
{
    (void)state;
    fc_run_options o;
    fc_run_options_init(&o);
    fc_error err;
    fc_error_clear(&err);
    char *out = (char *)"untouched";
    assert_int_equal(fc_report_run(&o, "xml", 0, &out, &err), FC_EUSAGE);
    assert_string_equal(err.field, "format");
    assert_null(out);

    o.model = "no-such-model";
    assert_int_equal(fc_report_run(&o, NULL, 0, &out, &err), FC_EUSAGE);
    assert_string_equal(err.field, "model");
    assert_null(out);

    fc_run_options_init(&o);
    const char *text = "title: broken\nissues:\n  - id: x\n    scale: [0, 100\n";
    o.text = text;
    o.text_len = strlen(text);
    o.text_name = "broken.yaml";
    assert_int_equal(fc_report_run(&o, "json", 0, &out, &err), FC_EINPUT);
    assert_string_equal(err.file, "broken.yaml");
    assert_true(err.line >= 4);
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_equals_two_steps),
        cmocka_unit_test(test_defaults_and_csv),
        cmocka_unit_test(test_errors_name_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
