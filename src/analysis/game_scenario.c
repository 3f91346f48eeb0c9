/* The dilemma game once built: solved for its subgame-perfect equilibria and its Nash
 * equilibria, and the path a profile takes told in words (docs/games.md). Reads profiles
 * through the game module's public exact view and its behaviour offsets. */
#include <stdlib.h>
#include <string.h>

#include "fulcrum/game_exact.h"
#include "fulcrum/game_scenario.h"
#include "fulcrum/util.h"
#include "util/strutil.h"

fc_status fc_dilemma_game_solve(const fc_game *g, fc_dilemma_game_result *out, fc_error *err)
{
    memset(out, 0, sizeof *out);
    fc_status st = fc_game_spe(g, &out->spe, err);
    if (st != FC_OK)
        return st;
    /* Mixed equilibria are enumerated only where a solver finds them all: two players. */
    out->nash_mixed = g->n_players == 2;
    st = out->nash_mixed ? fc_game_enummixed(g, &out->nash, err)
                         : fc_game_enumpure(g, &out->nash, err);
    if (st != FC_OK)
        fc_dilemma_game_result_free(out);
    return st;
}

void fc_dilemma_game_result_free(fc_dilemma_game_result *r)
{
    if (!r)
        return;
    fc_equilibria_free(&r->spe);
    fc_equilibria_free(&r->nash);
}

fc_status fc_dilemma_game_path_text(const fc_game *g, const fc_profile *pr, char **text,
                                    fc_error *err)
{
    *text = NULL;
    if (g->form != FC_GAME_EXTENSIVE || g->n_nodes == 0 || g->nodes[0].kind != FC_NODE_PERSONAL ||
        !pr->p || pr->dim == 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "the path in words needs an exact behaviour profile of a dilemma game");
    long *off = fc_game_behaviour_offsets(g);
    if (!off)
        return fc_error_nomem(err);
    fc_buf b;
    fc_buf_init(&b);
    const fc_game_node *root = &g->nodes[0];
    const fc_game_infoset *ris = &g->infosets[root->infoset];
    size_t off0 = (size_t)off[root->infoset];
    for (size_t c = 0; c < ris->n_actions; c++) {
        if (mpq_sgn(pr->p[off0 + c]) == 0)
            continue;
        if (mpq_cmp_ui(pr->p[off0 + c], 1, 1) == 0)
            fc_buf_printf(&b, "  %s chooses \"%s\"", g->players[0], ris->actions[c]);
        else
            fc_buf_printf(&b, "  %s chooses \"%s\" with probability %.3f", g->players[0],
                          ris->actions[c], mpq_get_d(pr->p[off0 + c]));
        /* The responders' information sets under this choice, in order; each answers
         * Accommodate (action 0) or Pressure (action 1). */
        size_t v = (size_t)root->children[c];
        const char *sep = "; then ";
        while (g->nodes[v].kind == FC_NODE_PERSONAL) {
            size_t I = (size_t)g->nodes[v].infoset;
            const char *who = g->players[g->infosets[I].player - 1];
            double pp = mpq_get_d(pr->p[(size_t)off[I] + 1]);
            if (pp == 0)
                fc_buf_printf(&b, "%s%s accommodates", sep, who);
            else if (pp == 1)
                fc_buf_printf(&b, "%s%s pressures", sep, who);
            else
                fc_buf_printf(&b, "%s%s pressures with probability %.3f", sep, who, pp);
            sep = ", ";
            v = (size_t)g->nodes[v].children[0];
        }
        fc_buf_puts(&b, ".\n");
    }
    free(off);
    mpq_t *pay = NULL, *reg = NULL, *bel = NULL;
    fc_status st = fc_game_profile_details(g, FC_PROFILE_BEHAVIOUR, pr, &pay, &reg, &bel, err);
    if (st == FC_OK) {
        fc_buf_puts(&b, "  expected payoffs:");
        for (size_t p = 0; p < g->n_players; p++)
            fc_buf_printf(&b, "%s %s %.2f", p ? "," : "", g->players[p], mpq_get_d(pay[p]));
        fc_buf_puts(&b, "\n");
        fc_mpq_array_free(pay, g->n_players);
        fc_mpq_array_free(reg, pr->dim);
        fc_mpq_array_free(bel, g->n_nodes);
    }
    *text = fc_buf_take(&b);
    if (st == FC_OK && !*text)
        st = fc_error_nomem(err);
    return st;
}
