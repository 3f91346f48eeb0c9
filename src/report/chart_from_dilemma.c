/* The bridge from a computed dilemma (src/analysis/dilemma.c) to the plain figures the
 * dilemma chart draws: one allocation holds the struct and its arrays. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/charts.h"
#include "fulcrum/dilemma.h"
#include "fulcrum/util.h"

/* Whether scenario actor k has reason to challenge the decider under some choice. */
static int crisis_challenger(const fc_dilemma *d, size_t k)
{
    for (size_t c = 0; c < d->n_choices; c++) {
        const fc_crisis_backlash *b = d->crisis[c];
        for (size_t i = 0; i < b->n_pairs; i++)
            if (b->pairs[i].challenger == k && b->pairs[i].challenges)
                return 1;
    }
    return 0;
}

/* Actor k's expected utility of challenging under choice c (NaN when it is no pair). */
static double crisis_eu(const fc_dilemma *d, size_t c, size_t k)
{
    const fc_crisis_backlash *b = d->crisis[c];
    for (size_t i = 0; i < b->n_pairs; i++)
        if (b->pairs[i].challenger == k)
            return b->pairs[i].eu_challenge;
    return NAN;
}

fc_status fc_chart_dilemma_from(const struct fc_dilemma *d, const fc_scenario *sc, size_t model,
                                fc_chart_dilemma **out, fc_error *err)
{
    *out = NULL;
    if (!d || model >= d->n_models || d->n_choices == 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "no such model in the dilemma");
    size_t nc = d->n_choices, na = d->problem.n_actors;
    /* Challengers: every actor but the decider that presses it under some choice. */
    size_t nch = 0;
    for (size_t i = 0; i < na; i++) {
        if (i == d->decider)
            continue;
        for (size_t c = 0; c < nc; c++)
            if (fc_dilemma_cell_at(d, model, c)->pressure_events[i] > 0) {
                nch++;
                break;
            }
    }
    /* Crisis challengers: every scenario actor with reason to challenge under some choice. */
    size_t ncr = 0, nsa = sc && d->crisis ? sc->n_actors : 0;
    for (size_t k = 0; k < nsa; k++)
        ncr += crisis_challenger(d, k);
    size_t with_crisis = nsa ? 1 : 0;
    size_t bytes = sizeof(fc_chart_dilemma) + (nc + nch + ncr) * sizeof(const char *) +
                   (4 * nc + nc * nch + with_crisis * (2 * nc + nc * ncr)) * sizeof(double) + 256 + 128;
    unsigned char *mem = calloc(1, bytes);
    if (!mem)
        return fc_error_nomem(err);
    fc_chart_dilemma *cd = (fc_chart_dilemma *)mem;
    const char **choices = (const char **)(mem + sizeof *cd);
    const char **actors = choices + nc;
    const char **crisis_actors = actors + nch;
    double *nums = (double *)(crisis_actors + ncr);
    double *pos = nums, *outcome = nums + nc, *instab = nums + 2 * nc, *util = nums + 3 * nc,
           *pressure = nums + 4 * nc;
    size_t k = 0;
    for (size_t i = 0; i < na; i++) {
        if (i == d->decider)
            continue;
        int presses = 0;
        for (size_t c = 0; c < nc; c++)
            presses |= fc_dilemma_cell_at(d, model, c)->pressure_events[i] > 0;
        if (!presses)
            continue;
        actors[k] = d->problem.actor_names[i];
        for (size_t c = 0; c < nc; c++)
            pressure[c * nch + k] = fc_dilemma_cell_at(d, model, c)->pressure[i];
        k++;
    }
    for (size_t c = 0; c < nc; c++) {
        const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, model, c);
        choices[c] = d->choices[c].label[0] ? d->choices[c].label : d->choices[c].id;
        pos[c] = d->choices[c].position;
        outcome[c] = cell->outcome;
        instab[c] = cell->instability;
        util[c] = cell->utility[d->decider];
    }
    double *value = pressure + nc * nch, *cost = value + with_crisis * nc, *eu = cost + with_crisis * nc;
    if (with_crisis) {
        for (size_t c = 0; c < nc; c++) {
            const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, model, c);
            value[c] = cell->value;
            cost[c] = cell->backlash_cost;
        }
        size_t j = 0;
        for (size_t k = 0; k < nsa; k++) {
            if (!crisis_challenger(d, k))
                continue;
            crisis_actors[j] = sc->actors[k].name ? sc->actors[k].name : sc->actors[k].id;
            for (size_t c = 0; c < nc; c++)
                eu[c * ncr + j] = crisis_eu(d, c, k);
            j++;
        }
        cd->value = value;
        cd->backlash_cost = cost;
        cd->n_crisis_actors = ncr;
        cd->crisis_actors = ncr ? crisis_actors : NULL;
        cd->crisis_eu = ncr ? eu : NULL;
    }
    char *title = (char *)(eu + with_crisis * nc * ncr);
    const fc_dilemma_model *dm = &d->models[model];
    char *decider = title + 256, name[128];
    fc_chart_actor_label(d->problem.actor_names[d->decider], name, sizeof name, 40);
    memcpy(decider, name, sizeof name);
    snprintf(title, 256, "%s's choices, as %s%s%s%s forecasts them (%s mode)", name,
             dm->name, dm->preset[0] ? " (" : "", dm->preset, dm->preset[0] ? ")" : "", fc_dilemma_mode_name(d->mode));
    cd->title = title;
    cd->decider = decider;
    cd->n_choices = nc;
    cd->choices = choices;
    cd->choice_position = pos;
    cd->outcome = outcome;
    cd->instability = instab;
    cd->utility = util;
    cd->n_actors = nch;
    cd->actors = nch ? actors : NULL;
    cd->pressure = nch ? pressure : NULL;
    *out = cd;
    return FC_OK;
}
