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
                           .n_forecasts = run->n_forecasts,
                           .parts = run->parts, .n_parts = run->n_parts};
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

/* The notes handed over are the run's own, in order: a salience typed on 0-1 among 0-100 ones
 * is pointed out with its line, and fc_run_result_note reads the same from a handle. */
static void test_notes_are_the_runs(void **state)
{
    (void)state;
    fc_run_options o;
    fc_run_options_init(&o);
    o.path = FULCRUM_SOURCE_DIR "/tests/data/newcomer/salience_typo.yaml";
    fc_error err;
    fc_error_clear(&err);
    char *json = NULL;
    fc_run_note *notes = NULL;
    size_t n = 99;
    assert_int_equal(fc_report_run_noted(&o, "json", 0, &json, &notes, &n, &err), FC_OK);
    fc_run_result *run = NULL;
    assert_int_equal(fc_run_forecast(&o, &run, &err), FC_OK);
    assert_true(run->n_notes >= 1);
    assert_int_equal(n, run->n_notes);
    for (size_t i = 0; i < n; i++) {
        const fc_run_note *want = fc_run_result_note(run, i);
        assert_non_null(want);
        assert_int_equal(notes[i].kind, want->kind);
        assert_string_equal(notes[i].message, want->message);
        assert_string_equal(notes[i].field, want->field);
        assert_string_equal(notes[i].value, want->value);
    }
    assert_null(fc_run_result_note(run, n));
    assert_non_null(strstr(notes[0].message, "line 7: actors.B.stances.x.salience is 0.9"));
    assert_int_equal(notes[0].kind, FC_NOTE_ADVICE);
    fc_free(notes);
    fc_free(json);
    fc_run_result_free(run);

    /* A run with nothing to say hands over nothing; a failed one leaves nothing to free. */
    fc_run_options_init(&o);
    o.model = "median";
    o.issue = "alignment";
    assert_int_equal(fc_report_run_noted(&o, "csv", 0, &json, &notes, &n, &err), FC_OK);
    assert_int_equal(n, 0);
    assert_null(notes);
    fc_free(json);
    o.model = "nonesuch";
    assert_int_equal(fc_report_run_noted(&o, "csv", 0, &json, &notes, &n, &err), FC_EUSAGE);
    assert_null(notes);
    assert_int_equal(n, 0);
}

/* A sweep of a scenario that declares no uncertainty notes the fallback spreads it used. */
static void test_sweep_notes_its_fallback_spreads(void **state)
{
    (void)state;
    fc_run_options o;
    fc_run_options_init(&o);
    o.path = FULCRUM_SOURCE_DIR "/scenarios/eu-emissions-1994.yaml";
    o.model = "median";
    fc_error err;
    fc_error_clear(&err);
    const char *args[] = {"runs=5", "seed=3", "sensitivity=false"};
    char *out = NULL;
    fc_run_note *notes = NULL;
    size_t n = 0;
    assert_int_equal(fc_report_analysis_noted(&o, "sweep", "json", args, 3, &out, &notes, &n, &err), FC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(notes[0].kind, FC_NOTE_APPLIED);
    assert_string_equal(notes[0].field, "jitter");
    assert_string_equal(notes[0].value, FC_RUN_FALLBACK_JITTER);
    /* The report is the one fc_report_analysis writes. */
    char *plain = NULL;
    assert_int_equal(fc_report_analysis(&o, "sweep", "json", args, 3, &plain, &err), FC_OK);
    assert_string_equal(out, plain);
    fc_free(plain);
    fc_free(out);
    fc_free(notes);
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
        cmocka_unit_test(test_notes_are_the_runs),
        cmocka_unit_test(test_sweep_notes_its_fallback_spreads),
        cmocka_unit_test(test_errors_name_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
