/* libFuzzer target: any bytes given to the scenario parser, as YAML/JSON and as a CSV table,
 * must give a scenario or a clean error, never a crash, a leak or undefined behaviour.
 * Build: see tests/fuzz/README.md. */
#include <stddef.h>
#include <stdint.h>

#include "fulcrum/fulcrum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"fuzz.yaml", "fuzz.csv"};
    for (int k = 0; k < 2; k++) {
        fc_scenario *sc = NULL;
        fc_error err;
        if (fc_scenario_parse((const char *)data, size, names[k], NULL, &sc, &err) == FC_OK) {
            /* A scenario that loads must also write and read back. */
            char *text = NULL;
            if (fc_scenario_to_yaml(sc, &text, &err) == FC_OK) {
                fc_scenario *again = NULL;
                fc_load_options o;
                fc_load_options_init(&o);
                o.format = FC_FORMAT_YAML;
                if (fc_scenario_parse(text, __builtin_strlen(text), "again.yaml", &o, &again, &err) != FC_OK)
                    __builtin_trap();
                fc_scenario_free(again);
            }
            fc_problem p;
            if (fc_problem_from_scenario(&p, sc, NULL, 0, &err) == FC_OK)
                fc_problem_free(&p);
            __builtin_free(text);
            fc_scenario_free(sc);
        }
    }
    return 0;
}
