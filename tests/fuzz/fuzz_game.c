/* libFuzzer target: any bytes given to the Gambit reader (.nfg and .efg, by content) must give a
 * game or a clean error; a game that loads must write, read back and equal the first.
 * Build and run: see tests/fuzz/README.md. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/fulcrum.h"
#include "fulcrum/game.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fc_game *g = NULL;
    fc_error err;
    if (fc_game_parse((const char *)data, size, "fuzz.game", &g, &err) != FC_OK)
        return 0;
    char *text = NULL;
    if (fc_game_write(g, &text, &err) == FC_OK) {
        fc_game *again = NULL;
        if (fc_game_parse(text, strlen(text), "again.game", &again, &err) != FC_OK)
            __builtin_trap(); /* what we write we must read */
        if (!fc_game_equal(g, again))
            __builtin_trap(); /* the round trip must keep the game */
        fc_game_free(again);
        free(text);
    }
    fc_game_free(g);
    return 0;
}
