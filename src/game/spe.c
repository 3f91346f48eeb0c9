#include "game/game_internal.h"
fc_status fc_game_spe(const fc_game *g, fc_equilibria *out, fc_error *err)
{
    (void)g;
    eq_init(out, FC_PROFILE_BEHAVIOUR, true);
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "spe: not yet");
}
