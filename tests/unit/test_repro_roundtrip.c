/* Issue 18's reproducer scenario_name_trailing_backslash.yaml: an actor named 'Russia\' (a
 * backslash last) must write as YAML and read back with the same name (the audit found the
 * backslash unescaped, so the written file did not read back). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/io.h"
#include "fulcrum/scenario.h"

static void trailing_backslash_name_reads_back(void **state)
{
    (void)state;
    fc_load_options lo;
    fc_load_options_init(&lo);
    fc_scenario *sc = NULL, *again = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_scenario_load(FULCRUM_TEST_DATA "/repro/scenario_name_trailing_backslash.yaml",
                                      &lo, &sc, &err),
                     FC_OK);
    const char *name = NULL;
    for (size_t i = 0; i < sc->n_actors; i++)
        if (strncmp(sc->actors[i].name, "Russia", 6) == 0)
            name = sc->actors[i].name;
    assert_non_null(name);
    assert_string_equal(name, "Russia\\");
    for (int form = 0; form < 2; form++) {
        char *text = NULL;
        assert_int_equal(form ? fc_scenario_to_json(sc, &text, &err) : fc_scenario_to_yaml(sc, &text, &err),
                         FC_OK);
        fc_load_options o2;
        fc_load_options_init(&o2);
        o2.format = form ? FC_FORMAT_JSON : FC_FORMAT_YAML;
        if (fc_scenario_parse(text, strlen(text), form ? "again.json" : "again.yaml", &o2, &again,
                              &err) != FC_OK)
            fail_msg("%s", err.message);
        assert_int_equal(again->n_actors, sc->n_actors);
        for (size_t i = 0; i < sc->n_actors; i++)
            assert_string_equal(again->actors[i].name, sc->actors[i].name);
        fc_scenario_free(again);
        free(text);
    }
    fc_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(trailing_backslash_name_reads_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
