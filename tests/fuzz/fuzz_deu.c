/* libFuzzer target: any bytes given to the DEU table reader, under both capability schemes,
 * must give a set of issues or a clean error (file, line, column, field). */
#include <stddef.h>
#include <stdint.h>

#include "fulcrum/backtest.h"
#include "fulcrum/fulcrum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const fc_deu_capabilities caps[] = {FC_DEU_COUNCIL_VOTES, FC_DEU_EQUAL};
    for (int k = 0; k < 2; k++) {
        fc_deu_set *set = NULL;
        fc_error err;
        if (fc_deu_parse((const char *)data, size, "fuzz.tsv", caps[k], &set, &err) == FC_OK)
            fc_deu_set_free(set);
    }
    return 0;
}
