/* The text of a dilemma's advice for one model run: the estimates that move the decider's margin
 * or flip its choice, then what to offer whom (docs/dilemma.md, "Advice"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/dilemma.h"
#include "fulcrum/util.h"
#include "util/strutil.h"

#define MAX_SWINGS 12

static void num(char *out, size_t size, const char *format, double v)
{
    snprintf(out, size, format, v);
    if (out[0] == '-' && strspn(out + 1, "0.") == strlen(out + 1))
        memmove(out, out + 1, strlen(out));
}

static const char *best_label(const fc_dilemma *d, size_t c)
{
    return c < d->n_choices ? d->choices[c].label : "a tie";
}

fc_status fc_dilemma_advice_report_text(const fc_dilemma_advice *a, const fc_dilemma *d, const fc_scenario *sc,
                                        char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    const fc_dilemma_model *dm = &d->models[a->model];
    char m0[32], m1[32], m2[32];
    num(m0, sizeof m0, "%+.4f", a->margin);
    fc_buf_printf(&b, "\nAdvice under %s%s%s%s, on %s:\n", dm->name, dm->preset[0] ? " (" : "", dm->preset,
                  dm->preset[0] ? ")" : "", d->problem.dim_ids[0]);
    if (a->n_swings) {
        fc_buf_printf(&b,
                      "Which estimates move the margin of \"%s\" over \"%s\" (%s), one at a time:\n"
                      "position +-10%% of the scale, salience +-10%% of its scale, capability +-20%%; the\n"
                      "models and the crisis backlash re-run each time. Flips first, then by the larger change.\n",
                      best_label(d, a->best), best_label(d, a->runner_up), m0);
        fc_buf_printf(&b, "  %-34s %21s %21s  %s\n", "estimate", "low: margin", "high: margin",
                      "best then (low / high)");
        for (size_t k = 0; k < a->n_swings && k < MAX_SWINGS; k++) {
            const fc_dilemma_swing *s = &a->swings[k];
            const fc_actor *ac = &sc->actors[s->actor];
            char label[96], lo[48], hi[48];
            snprintf(label, sizeof label, "%s %s %g", ac->id, fc_dilemma_estimate_name(s->estimate), s->base);
            num(m1, sizeof m1, "%+.4f", s->margin_low);
            num(m2, sizeof m2, "%+.4f", s->margin_high);
            snprintf(lo, sizeof lo, "%g: %s", s->low, m1);
            snprintf(hi, sizeof hi, "%g: %s", s->high, m2);
            fc_buf_printf(&b, "  %-34.34s %21s %21s  %s / %s%s\n", label, lo, hi, best_label(d, s->best_low),
                          best_label(d, s->best_high), s->flips ? "  FLIPS" : "");
        }
        if (a->n_swings > MAX_SWINGS)
            fc_buf_printf(&b, "  (%zu more estimates move it less)\n", a->n_swings - MAX_SWINGS);
    }
    const char *target = d->choices[a->choice].label;
    for (int goal = 0; goal < 2; goal++) {
        if (goal == FC_GOAL_MAKE_BEST && a->already_best) {
            fc_buf_printf(&b, "\"%s\" is already the best under this model run: nothing to offer for that.\n", target);
            continue;
        }
        size_t shown = 0;
        for (size_t k = 0; k < a->n_offers; k++)
            shown += a->offers[k].goal == (fc_dilemma_goal)goal;
        if (goal == FC_GOAL_STOP_CHALLENGE && shown == 0) {
            fc_buf_printf(&b, "Under \"%s\" no actor has reason to challenge %s: no challenger to stop.\n", target,
                          d->problem.actor_ids[d->decider]);
            continue;
        }
        fc_buf_printf(&b,
                      goal == FC_GOAL_MAKE_BEST
                          ? "What to offer whom to make \"%s\" the best: the smallest change in one actor's\n"
                            "position (steps of 1%% of the scale) or salience (steps of 5%%), most pivotal first:\n"
                          : "What to offer whom to stop a challenger under \"%s\": the smallest change in its own\n"
                            "position or salience after which its E(U) of challenging is no longer > 0:\n",
                      target);
        for (size_t k = 0; k < a->n_offers; k++) {
            const fc_dilemma_offer *of = &a->offers[k];
            if (of->goal != (fc_dilemma_goal)goal)
                continue;
            const fc_actor *ac = &sc->actors[of->actor];
            char who[160];
            snprintf(who, sizeof who, "%s [%s] %s", ac->name ? ac->name : ac->id, ac->id,
                     fc_dilemma_estimate_name(of->estimate));
            if (of->found)
                fc_buf_printf(&b, "  %-52.52s %g -> %g (%.0f%% of its scale)\n", who, of->from, of->to, 100 * of->size);
            else
                fc_buf_printf(&b, "  %-52.52s no change of this estimate alone does it\n", who);
        }
    }
    *out = fc_buf_take(&b);
    return *out ? FC_OK : fc_error_nomem(err);
}
