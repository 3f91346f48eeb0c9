/* libFuzzer target: any bytes given to the KTAB reader (CSV or XML, by content) must give a
 * problem, or a scenario, or a clean error; never a crash, a leak or undefined behaviour.
 * A KTAB file that loads as a scenario must write as YAML and read back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/fulcrum.h"
#include "fulcrum/ktab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fc_error err;
    fc_problem p;
    fc_smp_options o;
    fc_smp_options_init(&o);
    if (fc_run_parse_ktab((const char *)data, size, "fuzz.csv", &p, &o, &err) == FC_OK)
        fc_problem_free(&p);
    fc_smp_options_clear(&o);

    fc_scenario *sc = NULL;
    if (fc_ktab_parse_scenario((const char *)data, size, "fuzz.csv", &sc, &err) == FC_OK) {
        char *text = NULL;
        /* The reader does not validate (fc_scenario_parse does, as for every format): only a
         * valid scenario must read back, e.g. not one with two actors of the same id. */
        if (fc_scenario_validate(sc, &err) == FC_OK && fc_scenario_to_yaml(sc, &text, &err) == FC_OK) {
            fc_load_options lo;
            fc_load_options_init(&lo);
            lo.format = FC_FORMAT_YAML;
            fc_scenario *again = NULL;
            if (fc_scenario_parse(text, strlen(text), "again.yaml", &lo, &again, &err) != FC_OK)
                __builtin_trap();
            fc_scenario_free(again);
            free(text);
        }
        fc_scenario_free(sc);
    }
    return 0;
}
