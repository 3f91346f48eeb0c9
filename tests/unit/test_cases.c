/* The track record (fulcrum/cases.h) on two made-up cases (tests/data/cases/tiny): the
 * compromise model's call worked by hand, the tally, the backlash lines, and errors naming the
 * file; then properties on the shipped cases (scenarios/cases). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

#define TINY FULCRUM_TEST_DATA "/cases/tiny"

/* Compromise: the forecast is sum(c s x) / sum(c s) with c*s = 800 (S), 2400 (W), 5600 (E) and
 * W at 90, E at 10. S moved to 90 (join) gives 344000/8800, kept at 50 (status quo) 312000/8800,
 * at 15 (east) 284000/8800. S's utility is -0.8 |50 - forecast| / 100, so join is first and its
 * margin over the status quo is 0.008 * 32000/8800; case A decided east (a miss), B join (a hit). */
static void tiny_compromise(void **state)
{
    (void)state;
    fc_cases_options o;
    fc_cases_options_init(&o);
    o.model = "compromise";
    fc_case_set *s = NULL;
    fc_error err;
    assert_int_equal(fc_cases_run((const char *[]){TINY}, 1, &o, &s, &err), FC_OK);
    assert_int_equal(s->n_cases, 2);
    const fc_case *a = &s->cases[0], *b = &s->cases[1];
    assert_non_null(strstr(a->path, "a-2000.yaml"));
    assert_non_null(strstr(b->path, "b-2001.yaml"));
    assert_int_equal(a->n_choices, 3);
    assert_string_equal(a->choices[0], "status-quo");
    assert_string_equal(a->choice_made, "east");
    assert_int_equal(a->made, 2);
    assert_int_equal(b->made, 1);
    for (int k = 0; k < 2; k++) {
        const fc_case *c = &s->cases[k];
        assert_int_equal(c->n_models, 1);
        assert_string_equal(c->choices[c->models[0].first], "join");
        assert_true(fabs(c->models[0].margin - 0.008 * 32000.0 / 8800.0) < 1e-12);
        assert_false(c->models[0].tie);
    }
    assert_false(a->models[0].hit);
    assert_true(b->models[0].hit);
    assert_int_equal(s->n_tally, 1);
    assert_int_equal(s->tally[0].n, 2);
    assert_int_equal(s->tally[0].hits, 1);
    /* Recorded backlash: W pressed after A, E after B; each appears as recorded. */
    int found_w = 0;
    for (size_t k = 0; k < a->n_calls; k++) {
        assert_true(a->calls[k].predicted || a->calls[k].recorded);
        assert_string_not_equal(a->calls[k].actor, "S");
        if (strcmp(a->calls[k].actor, "W") == 0)
            found_w = a->calls[k].recorded;
        else
            assert_false(a->calls[k].recorded);
    }
    assert_true(found_w);
    assert_int_equal(a->n_recorded, 1);
    assert_int_equal(a->n_others, 2);
    char *text = NULL;
    assert_int_equal(fc_cases_report_text(s, &text, &err), FC_OK);
    assert_non_null(strstr(text, "a-2000.yaml: Test case A"));
    assert_non_null(strstr(text, "first: join"));
    free(text);
    assert_int_equal(fc_cases_report_json(s, &text, &err), FC_OK);
    assert_non_null(strstr(text, "\"choice_made\": \"east\""));
    free(text);
    fc_case_set_free(s);
}

/* Every model on the shipped cases: the tally adds up the cases' calls, a tie is never a hit,
 * "both" never exceeds either side, and the choice made is the file's. */
static void shipped_properties(void **state)
{
    (void)state;
    fc_case_set *s = NULL;
    fc_error err;
    assert_int_equal(fc_cases_run((const char *[]){FULCRUM_SOURCE_DIR "/scenarios/cases", FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014.yaml"}, 2, NULL, &s, &err), FC_OK);
    assert_true(s->n_cases >= 5);
    assert_non_null(strstr(s->cases[s->n_cases - 1].path, "azerbaijan-2014.yaml"));
    size_t both = 0, pred = 0, rec = 0;
    for (size_t t = 0; t < s->n_tally; t++) {
        size_t n = 0, hits = 0, ties = 0;
        for (size_t i = 0; i < s->n_cases; i++)
            for (size_t m = 0; m < s->cases[i].n_models; m++) {
                const fc_case_model *cm = &s->cases[i].models[m];
                if (strcmp(cm->name, s->tally[t].name) || strcmp(cm->preset, s->tally[t].preset))
                    continue;
                n++;
                hits += (size_t)cm->hit;
                ties += (size_t)cm->tie;
                assert_false(cm->hit && cm->tie);
                assert_true(cm->first < s->cases[i].n_choices);
            }
        assert_int_equal(n, s->tally[t].n);
        assert_int_equal(hits, s->tally[t].hits);
        assert_int_equal(ties, s->tally[t].ties);
    }
    for (size_t i = 0; i < s->n_cases; i++) {
        const fc_case *c = &s->cases[i];
        assert_string_equal(c->choices[c->made], c->choice_made);
        assert_true(c->n_both <= c->n_predicted && c->n_both <= c->n_recorded);
        assert_true(c->n_predicted <= c->n_others && c->n_calls <= c->n_others);
        /* The War Trap's stricter call: actors with E(U) > 0, the recorded among them counted
         * from the calls (a recorded actor is always a call). */
        size_t both_challenging = 0;
        for (size_t k = 0; k < c->n_calls; k++)
            both_challenging += (size_t)(c->calls[k].challenges && c->calls[k].recorded);
        assert_int_equal(both_challenging, c->n_both_challenging);
        assert_true(c->n_both_challenging <= c->n_challenging && c->n_challenging <= c->n_others);
        both += c->n_both;
        pred += c->n_predicted;
        rec += c->n_recorded;
    }
    assert_int_equal(both, s->n_both);
    assert_int_equal(pred, s->n_predicted);
    assert_int_equal(rec, s->n_recorded);
    fc_case_set_free(s);
}

static void errors_name_the_file(void **state)
{
    (void)state;
    fc_case_set *s = NULL;
    fc_error err;
    assert_int_equal(fc_cases_run((const char *[]){FULCRUM_TEST_DATA "/cases/bad-choice"}, 1, NULL, &s, &err), FC_EINPUT);
    assert_null(s);
    assert_non_null(strstr(err.file, "c-2002.yaml"));
    assert_string_equal(err.field, "outcome.choice");
    assert_int_equal(fc_cases_run((const char *[]){FULCRUM_TEST_DATA "/cases/empty"}, 1, NULL, &s, &err), FC_EINPUT);
    assert_string_equal(err.field, "cases");
    assert_int_equal(fc_cases_run((const char *[]){FULCRUM_TEST_DATA "/cases/no-such-folder"}, 1, NULL, &s, &err), FC_EIO);
    assert_int_equal(fc_cases_run(NULL, 0, NULL, &s, &err), FC_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tiny_compromise),
        cmocka_unit_test(shipped_properties),
        cmocka_unit_test(errors_name_the_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
