/* logit: not built yet (see docs/games.md). */
#include "game/game_internal.h"

fc_status fc_game_logit(const fc_game *g, const fc_game_options *opt, fc_equilibria *out,
                        fc_logit_branch *branch, fc_error *err)
{
    (void)g;
    (void)opt;
    (void)branch;
    eq_init(out, FC_PROFILE_MIXED, false);
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                        "the logit solver is not built yet; use enummixed or lcp");
}
