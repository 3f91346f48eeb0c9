/* enumpure: every pure-strategy Nash equilibrium, for any number of players. Extensive games
 * are solved on their reduced strategic form and printed as behaviour profiles, as Gambit does
 * (information sets a player's own strategy never reaches are printed as all zeros). */
#include <stdio.h>
#include <stdlib.h>

#include "fulcrum/util.h"
#include "game/game_internal.h"

/* Work: a step per payoff compared and per rational set or added in making a behaviour
 * profile, besides the strategic view's own (sform.c). */
fc_status game_enumpure(const fc_game *g, game_work *w, fc_equilibria *out, fc_error *err)
{
    game_eq_init(out, g->form == FC_GAME_EXTENSIVE ? FC_PROFILE_BEHAVIOUR : FC_PROFILE_MIXED, true);
    sform *s = NULL;
    fc_status st = sform_build_ex(g, GAME_ENUMPURE_MAX_PROFILES, true, w, &s, err);
    if (st != FC_OK)
        return st;
    size_t np = s->n_players, dim = sform_dim(s);
    size_t *idx = calloc(np, sizeof *idx), *stride = calloc(np, sizeof *stride);
    mpq_t *mixed = fc_mpq_array_new(dim);
    size_t bdim = g->form == FC_GAME_EXTENSIVE ? game_behaviour_dim(g) : 0;
    mpq_t *behav = bdim ? fc_mpq_array_new(bdim) : NULL;
    if (!idx || !stride || !mixed || (bdim && !behav)) {
        st = fc_error_nomem(err);
        goto done;
    }
    if (g->form == FC_GAME_EXTENSIVE && bdim == 0) {
        /* Nobody moves: the empty profile is trivially an equilibrium, but there is nothing to
         * print, and Gambit prints nothing. */
        snprintf(out->note, sizeof out->note, "no player has a move in this game");
        goto done;
    }
    stride[0] = 1;
    for (size_t p = 1; p < np; p++)
        stride[p] = stride[p - 1] * s->n_strat[p - 1];
    /* Gambit walks profiles with player 1's strategy changing fastest. */
    size_t *order = idx;
    for (;;) {
        size_t prof = 0;
        for (size_t p = 0; p < np; p++)
            prof += order[p] * stride[p];
        if (!game_work_add(w, dim)) {
            st = game_work_error(w, err);
            goto done;
        }
        bool eq = true;
        for (size_t p = 0; p < np && eq; p++) {
            const mpq_t *u = &s->payoff[prof * np + p];
            size_t base = prof - order[p] * stride[p];
            for (size_t k = 0; k < s->n_strat[p]; k++)
                if (mpq_cmp(s->payoff[(base + k * stride[p]) * np + p], *u) > 0) {
                    eq = false;
                    break;
                }
        }
        if (eq) {
            size_t off = 0;
            for (size_t p = 0; p < np; p++) {
                for (size_t k = 0; k < s->n_strat[p]; k++)
                    mpq_set_ui(mixed[off + k], k == order[p] ? 1 : 0, 1);
                off += s->n_strat[p];
            }
            if (!game_work_add(w, dim * (g->n_infosets + 1) + bdim)) {
                st = game_work_error(w, err);
                goto done;
            }
            if (bdim) {
                sform_to_behaviour(g, s, mixed, behav);
                st = game_eq_push(out, bdim, behav, err);
            } else {
                st = game_eq_push(out, dim, mixed, err);
            }
            if (st != FC_OK)
                goto done;
        }
        size_t p = 0;
        for (; p < np; p++) {
            if (++order[p] < s->n_strat[p])
                break;
            order[p] = 0;
        }
        if (p == np)
            break;
    }
    snprintf(out->note, sizeof out->note, "pure-strategy equilibria%s",
             g->form == FC_GAME_EXTENSIVE ? " of the reduced strategic form, as behaviour profiles"
                                          : "");
done:
    free(idx);
    free(stride);
    fc_mpq_array_free(mixed, dim);
    if (behav)
        fc_mpq_array_free(behav, bdim);
    sform_free(s);
    if (st != FC_OK)
        fc_equilibria_free(out);
    return st;
}
