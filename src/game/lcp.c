#include "game/game_internal.h"
fc_status fc_game_lcp(const fc_game *g, const fc_game_options *opt, fc_equilibria *out, fc_error *err)
{
    (void)g; (void)out; (void)opt;
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "not yet");
}
