/* The dilemma as a crisis game in words: the decider's equilibrium choice, then per choice each
 * challenger's equilibrium path by type with its probability, the crisis outcomes and the
 * realised position on every issue (docs/dilemma-game.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/game_text.h"
#include "fulcrum/util.h"
#include "util/strutil.h"

/* The path through the challenger's branch that ends in outcome o. */
static void path_words(fc_buf *b, fc_iig_outcome o, const char *a, const char *d)
{
    switch (o) {
    case FC_IIG_SQ:
        fc_buf_printf(b, "%s makes no demand (status quo)", a);
        break;
    case FC_IIG_ACQ_B:
        fc_buf_printf(b, "%s demands, %s acquiesces", a, d);
        break;
    case FC_IIG_NEGO:
        fc_buf_printf(b, "%s demands, %s resists, neither uses force (negotiation)", a, d);
        break;
    case FC_IIG_CAP_A:
        fc_buf_printf(b, "%s demands, %s resists and uses force, %s gives in (capitulation by %s)", a, d, a, a);
        break;
    case FC_IIG_WAR_B:
        fc_buf_printf(b, "%s demands, %s resists and uses force, %s fights (war)", a, d, a);
        break;
    case FC_IIG_CAP_B:
        fc_buf_printf(b, "%s demands, %s resists, %s uses force, %s gives in (capitulation by %s)", a, d, a, d, d);
        break;
    case FC_IIG_WAR_A:
        fc_buf_printf(b, "%s demands, %s resists, %s uses force, %s fights (war)", a, d, a, d);
        break;
    default:
        fc_buf_printf(b, "%s: %s", a, fc_iig_outcome_name(o));
        break;
    }
}

/* The outcome's name with the sides named: "war started by Russia". */
static void outcome_words(fc_buf *b, fc_iig_outcome o, const char *a, const char *d)
{
    static const char *const what[FC_IIG_N_OUTCOMES] = {"status quo", "acquiescence by ", "acquiescence by ",
                                                        "negotiation", "capitulation by ", "capitulation by ",
                                                        "war started by ", "war started by "};
    const char *who[FC_IIG_N_OUTCOMES] = {"", a, d, "", a, d, a, d};
    fc_buf_printf(b, "%s%s", what[o], who[o]);
}

static void type_paths(fc_buf *b, const char *type, const double *prob, const char *a, const char *d)
{
    fc_buf_printf(b, "      if a %s: ", type);
    const char *sep = "";
    for (int o = 0; o < FC_IIG_N_OUTCOMES; o++) {
        if (prob[o] < 0.0005)
            continue;
        fc_buf_puts(b, sep);
        path_words(b, (fc_iig_outcome)o, a, d);
        if (prob[o] < 0.9995)
            fc_buf_printf(b, " with probability %.3f", prob[o]);
        sep = "; or ";
    }
    fc_buf_puts(b, "\n");
}

fc_status fc_dilemma_crisis_game_text(const fc_dilemma_crisis_game *g, char **text, fc_error *err)
{
    *text = NULL;
    fc_buf b;
    fc_buf_init(&b);
    const char *dn = g->decider_name;
    fc_buf_printf(&b, "%s's dilemma as a crisis game (international interaction game, War and Reason)\n", dn);
    fc_buf_puts(&b, "challengers:");
    for (size_t k = 0; k < g->n_challengers; k++)
        fc_buf_printf(&b, "%s %s", k ? "," : "", g->challenger_names[k]);
    fc_buf_printf(&b, "; each a hawk with probability %.2f (%s), else a dove\n", g->hawk_prior, g->prior_source);
    fc_buf_printf(&b, "weight of crisis utility: %g (%s)\n", g->weight, g->weight_source);
    fc_buf_printf(&b, "solver: %s, each crisis on its own\n",
                  g->solver == FC_DILEMMA_CRISIS_LCP ? "Lemke on the sequence form (a Nash equilibrium)"
                                                     : "logit agent QRE to lambda 1e6 (a sequential equilibrium)");
    if (g->note[0])
        fc_buf_printf(&b, "note: %s\n", g->note);
    const fc_dilemma_crisis_choice *best = &g->choices[g->best];
    fc_buf_printf(&b, "\nequilibrium: %s chooses \"%s\" (value %.4f)\n", dn, best->label, best->value);
    for (size_t c = 0; c < g->n_choices; c++) {
        const fc_dilemma_crisis_choice *ch = &g->choices[c];
        fc_buf_printf(&b, "\n%s \"%s\": value %.4f = position %.4f + crises %+.4f%s\n", c == g->best ? "*" : " ",
                      ch->label, ch->value, ch->base, ch->value - ch->base, c == g->best ? " (chosen)" : "");
        fc_buf_printf(&b, "  P(any war) %.3f, P(any capitulation) %.3f, P(any negotiation) %.3f, "
                          "P(any acquiescence) %.3f\n",
                      ch->p_war, ch->p_capitulation, ch->p_negotiation, ch->p_acquiescence);
        for (size_t k = 0; k < g->n_challengers; k++) {
            const fc_dilemma_crisis *cr = &ch->crises[k];
            const char *an = g->challenger_names[k];
            fc_buf_printf(&b, "    %s (P(win) %.3f): crisis value to %s %+.4f\n", an, cr->p_win, dn, cr->value);
            type_paths(&b, "hawk", cr->prob_hawk, an, dn);
            type_paths(&b, "dove", cr->prob_dove, an, dn);
            fc_buf_puts(&b, "      outcomes:");
            const char *sep = " ";
            for (int o = 0; o < FC_IIG_N_OUTCOMES; o++)
                if (cr->prob[o] >= 0.0005) {
                    fc_buf_puts(&b, sep);
                    outcome_words(&b, (fc_iig_outcome)o, an, dn);
                    fc_buf_printf(&b, " %.3f", cr->prob[o]);
                    sep = ", ";
                }
            fc_buf_puts(&b, "\n");
        }
        fc_buf_puts(&b, "  realised position:");
        for (size_t d = 0; d < g->n_issues; d++)
            fc_buf_printf(&b, "%s %s %.1f -> %.1f", d ? "," : "", g->issue_ids[d], ch->position[d], ch->realised[d]);
        fc_buf_puts(&b, "\n");
    }
    *text = fc_buf_take(&b);
    return *text ? FC_OK : fc_error_nomem(err);
}
