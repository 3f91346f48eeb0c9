/* The dilemma in a paragraph, for the HTML report's dilemma section (fulcrum report --dilemma)
 * and any front end with room for a few sentences: per model run the verdict with its margin
 * split into outcome and backlash, then per choice who would challenge the decider in a crisis,
 * what the crises cost it and whether any ends in war (docs/dilemma.md defines each figure). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fulcrum/dilemma.h"
#include "fulcrum/util.h"
#include "util/strutil.h"

static const char *actor_name(const fc_scenario *sc, size_t i)
{
    if (i >= sc->n_actors)
        return "?";
    return sc->actors[i].name && sc->actors[i].name[0] ? sc->actors[i].name : sc->actors[i].id;
}

/* The game's outcome in words, A the challenger ("it") and B the decider. */
static void outcome_text(fc_buf *b, fc_iig_outcome o, const char *dec)
{
    switch (o) {
    case FC_IIG_SQ: fc_buf_puts(b, "the status quo"); return;
    case FC_IIG_ACQ_A: fc_buf_puts(b, "its own acquiescence"); return;
    case FC_IIG_ACQ_B: fc_buf_printf(b, "%s acquiescing", dec); return;
    case FC_IIG_NEGO: fc_buf_puts(b, "negotiation"); return;
    case FC_IIG_CAP_A: fc_buf_puts(b, "its own capitulation"); return;
    case FC_IIG_CAP_B: fc_buf_printf(b, "%s capitulating", dec); return;
    case FC_IIG_WAR_A: fc_buf_puts(b, "a war it starts"); return;
    case FC_IIG_WAR_B: fc_buf_printf(b, "a war %s starts", dec); return;
    case FC_IIG_N_OUTCOMES: break;
    }
    fc_buf_puts(b, "?");
}

fc_status fc_dilemma_report_brief(const fc_dilemma *d, const fc_scenario *sc, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    const char *dec = d->problem.actor_names[d->decider];
    for (size_t m = 0; m < d->n_models; m++) {
        const fc_dilemma_model *dm = &d->models[m];
        fc_buf_printf(&b, "%sUnder %s%s%s%s, ", m ? " " : "", dm->name, dm->preset[0] ? " (" : "", dm->preset,
                      dm->preset[0] ? ")" : "");
        if (dm->margin > 0)
            fc_buf_printf(&b, "\"%s\" serves %s best, ahead of \"%s\" by %.4f in decision value (%+.4f from the "
                              "outcome, %+.4f from the backlash).",
                          d->choices[dm->best].label, dec, d->choices[dm->runner_up].label, dm->margin,
                          dm->margin_outcome, dm->margin_backlash);
        else
            fc_buf_printf(&b, "the choices tie for %s.", dec);
        for (size_t c = 0; c < d->n_choices; c++)
            if (!fc_dilemma_cell_at(d, m, c)->stable)
                fc_buf_printf(&b, " Under \"%s\" the forecast has no stable outcome (it ranges from %.1f to %.1f).",
                              d->choices[c].label, fc_dilemma_cell_at(d, m, c)->outcome_low,
                              fc_dilemma_cell_at(d, m, c)->outcome_high);
    }
    if (d->either.runs && d->either.counted)
        fc_buf_printf(&b, " \"%s\" beats \"%s\" in %.0f%% of %zu jittered runs (90%% interval of the margin %+.4f "
                          "to %+.4f).",
                      d->choices[d->either.a].label, d->choices[d->either.b].label, 100 * d->either.p,
                      d->either.counted, d->either.low, d->either.high);
    for (size_t c = 0; d->crisis && c < d->n_choices; c++) {
        const fc_crisis_backlash *bl = d->crisis[c];
        fc_buf_printf(&b, " Backlash after \"%s\": ", d->choices[c].label);
        if (!bl->n_challengers) {
            fc_buf_printf(&b, "no actor has reason to challenge %s", dec);
        } else {
            size_t k = 0;
            for (size_t j = 0; j < bl->n_pairs; j++) {
                const fc_crisis_pair *p = &bl->pairs[j];
                if (!p->challenges)
                    continue;
                fc_buf_printf(&b, "%s%s (E(U) %.3f, the crisis ends in ", k++ ? ", " : "", actor_name(sc, p->challenger),
                              p->eu_challenge);
                outcome_text(&b, p->outcome, dec);
                fc_buf_puts(&b, ")");
            }
            fc_buf_printf(&b, " would challenge %s", dec);
        }
        fc_buf_printf(&b, "; the crises cost it %.4f in the game's utility, %.4f in its own at weight %g", bl->cost,
                      d->backlash_weight * bl->cost, d->backlash_weight);
        fc_buf_puts(&b, bl->n_wars ? "" : ", and none ends in war.");
        if (bl->n_wars)
            fc_buf_printf(&b, ", and %zu end%s in war.", bl->n_wars, bl->n_wars == 1 ? "s" : "");
    }
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}
