/* The deciding actor's dilemma built as an extensive game from a scenario: the decider's
 * choices, the responders' accommodate-or-pressure answers, payoffs from spatial utilities
 * and the costs of pressure (construction and defaults in docs/games.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/game_exact.h"
#include "fulcrum/game_scenario.h"
#include "fulcrum/scenario.h"
#include "fulcrum/util.h"

void fc_dilemma_game_options_init(fc_dilemma_game_options *opt)
{
    opt->pressure_cost = 5;
    opt->pressured_cost = 10;
    opt->effect = 0.25;
}

void fc_dilemma_game_options_from_scenario(fc_dilemma_game_options *opt, const fc_scenario *sc)
{
    fc_dilemma_game_options_init(opt);
    if (!sc->game_costs.present)
        return;
    opt->pressure_cost = sc->game_costs.pressure_cost.value;
    opt->pressured_cost = sc->game_costs.pressured_cost.value;
    opt->effect = sc->game_costs.effect.value;
}

/* Rounds to 0.01 and stores exactly. */
static void set_cents(mpq_t q, double v)
{
    long c = lround(v * 100.0);
    mpq_set_si(q, c, 100);
    mpq_canonicalize(q);
}

static char *dupf(const char *s)
{
    return strdup(s ? s : "");
}

fc_status fc_game_from_scenario(const fc_scenario *sc, const fc_dilemma_game_options *opt,
                                fc_game **out, fc_error *err)
{
    const char *origin = sc->origin ? sc->origin : "";
    const struct {
        const char *field;
        double v;
    } costs[] = {{"pressure_cost", opt->pressure_cost},
                 {"pressured_cost", opt->pressured_cost},
                 {"effect", opt->effect}};
    for (size_t i = 0; i < sizeof costs / sizeof costs[0]; i++)
        if (!isfinite(costs[i].v) || costs[i].v < 0)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, costs[i].field,
                                "must be a non-negative number (is %g)", costs[i].v);
    if (!sc->decider || sc->n_choices < 1)
        return fc_error_set(err, FC_EINPUT, origin, 0, 0, "choices",
                            "the scenario has no deciding actor with choices");
    if (sc->n_responders < 1)
        return fc_error_set(err, FC_EINPUT, origin, 0, 0, "responders",
                            "the scenario names no responders (actors who answer the choice)");
    if (sc->n_responders > 8)
        return fc_error_set(err, FC_EINPUT, origin, 0, 0, "responders",
                            "at most 8 responders (the game has 2^responders outcomes per choice)");
    long d = fc_scenario_actor_index(sc, sc->decider);
    if (d < 0)
        return fc_error_set(err, FC_EINPUT, origin, 0, 0, "decider", "unknown actor '%s'",
                            sc->decider);
    if (sc->choices[0].n_positions < 1)
        return fc_error_set(err, FC_EINPUT, origin, sc->choices[0].line, 0, "choices",
                            "choice '%s' sets no position", sc->choices[0].id);
    const char *issue_id = sc->choices[0].positions[0].issue;
    long k = fc_scenario_issue_index(sc, issue_id);
    if (k < 0)
        return fc_error_set(err, FC_EINPUT, origin, 0, 0, "choices", "unknown issue '%s'", issue_id);
    const fc_issue *is = &sc->issues[k];
    double range = is->scale_max - is->scale_min;
    size_t nr = sc->n_responders, np = nr + 1;
    long *act = malloc(np * sizeof *act);
    if (!act)
        return fc_error_nomem(err);
    act[0] = d;
    for (size_t r = 0; r < nr; r++) {
        act[r + 1] = fc_scenario_actor_index(sc, sc->responders[r]);
        if (act[r + 1] < 0) {
            free(act);
            return fc_error_set(err, FC_EINPUT, origin, 0, 0, "responders", "unknown actor '%s'",
                                sc->responders[r]);
        }
    }
    double pos[16], sal[16], cap[16];
    for (size_t p = 0; p < np; p++) {
        const fc_actor *a = &sc->actors[act[p]];
        if (!a->stances[k].present) {
            fc_status st = fc_error_set(err, FC_EINPUT, origin, a->line, 0, "stances",
                                        "actor '%s' takes no stand on issue '%s'", a->id, issue_id);
            free(act);
            return st;
        }
        pos[p] = a->stances[k].position.value;
        sal[p] = a->stances[k].salience.value / (sc->salience_max > 0 ? sc->salience_max : 100);
        cap[p] = a->capability.value;
    }
    /* The decider's moves: keeping its own position (the status quo, as the dilemma always
     * compares it), then each of the scenario's choices on this issue. */
    size_t nc = sc->n_choices + 1;
    struct move {
        const char *id, *label;
        double x;
    } *moves = calloc(nc, sizeof *moves);
    if (!moves) {
        free(act);
        return fc_error_nomem(err);
    }
    moves[0] = (struct move){"status-quo", "Current policy", pos[0]};
    for (size_t c = 1; c < nc; c++) {
        const fc_choice *ch = &sc->choices[c - 1];
        moves[c].id = ch->id;
        moves[c].label = ch->label ? ch->label : ch->id;
        moves[c].x = ch->positions[0].position;
        for (size_t q = 0; q < ch->n_positions; q++)
            if (strcmp(ch->positions[q].issue, issue_id) == 0)
                moves[c].x = ch->positions[q].position;
    }
    fc_game *g = fc_game_new();
    if (!g) {
        free(act);
        free(moves);
        return fc_error_nomem(err);
    }
    g->form = FC_GAME_EXTENSIVE;
    char title[512];
    snprintf(title, sizeof title, "%s (dilemma as a game)", sc->title ? sc->title : "scenario");
    g->title = dupf(title);
    g->comment = dupf("Built by Fulcrum from the scenario's dilemma (docs/games.md).");
    g->n_players = np;
    g->players = calloc(np, sizeof *g->players);
    size_t leaves = (size_t)1 << nr;
    /* nodes: root + per choice (responder nodes 2^0 + ... + 2^(nr-1) = 2^nr - 1) + leaves */
    size_t max_nodes = 1 + nc * (2 * leaves - 1);
    g->nodes = calloc(max_nodes, sizeof *g->nodes);
    g->infosets = calloc(1 + nc * nr, sizeof *g->infosets);
    g->outcomes = calloc(nc * leaves, sizeof *g->outcomes);
    if (!g->players || !g->nodes || !g->infosets || !g->outcomes) {
        free(act);
        free(moves);
        fc_game_free(g);
        return fc_error_nomem(err);
    }
    for (size_t p = 0; p < np; p++)
        g->players[p] = dupf(sc->actors[act[p]].name ? sc->actors[act[p]].name : sc->actors[act[p]].id);
    /* the decider's information set */
    fc_game_infoset *root_is = &g->infosets[g->n_infosets++];
    root_is->player = 1;
    root_is->number = 1;
    root_is->label = dupf("choice");
    root_is->n_actions = nc;
    root_is->actions = calloc(nc, sizeof(char *));
    for (size_t c = 0; c < nc && root_is->actions; c++)
        root_is->actions[c] = dupf(moves[c].label);
    fc_game_node *root = &g->nodes[g->n_nodes++];
    root->kind = FC_NODE_PERSONAL;
    root->label = dupf("");
    root->infoset = 0;
    root->parent = -1;
    root->children = malloc(nc * sizeof(int));
    root->n_children = nc;
    if (!root->children || !root_is->actions) {
        free(act);
        free(moves);
        fc_game_free(g);
        return fc_error_nomem(err);
    }
    fc_status st = FC_OK;
    for (size_t c = 0; c < nc && st == FC_OK; c++) {
        double xc = moves[c].x;
        int first_is = (int)g->n_infosets;
        for (size_t r = 0; r < nr; r++) {
            fc_game_infoset *ri = &g->infosets[g->n_infosets++];
            char lab[256];
            snprintf(lab, sizeof lab, "%s after %s", sc->actors[act[r + 1]].id, moves[c].id);
            ri->player = (int)r + 2;
            ri->number = (int)c + 1;
            ri->label = dupf(lab);
            ri->n_actions = 2;
            ri->actions = calloc(2, sizeof(char *));
            if (!ri->actions) {
                st = fc_error_nomem(err);
                break;
            }
            ri->actions[0] = dupf("Accommodate");
            ri->actions[1] = dupf("Pressure");
        }
        if (st != FC_OK)
            break;
        /* the responders' tree in preorder: depth r = responder r, mask of pressures so far */
        struct item {
            int parent;
            int depth;
            unsigned mask;
        } stack[64];
        size_t top = 0;
        stack[top++] = (struct item){0, 0, 0};
        while (top > 0 && st == FC_OK) {
            struct item it = stack[--top];
            int idx = (int)g->n_nodes++;
            fc_game_node *nd = &g->nodes[idx];
            nd->label = dupf("");
            nd->parent = it.parent;
            fc_game_node *pn = &g->nodes[it.parent];
            pn->children[it.parent == 0 ? c : (size_t)(it.mask >> (it.depth - 1) & 1)] = idx;
            if ((size_t)it.depth < nr) {
                nd->kind = FC_NODE_PERSONAL;
                nd->infoset = first_is + it.depth;
                if (g->infosets[nd->infoset].first_node == 0)
                    g->infosets[nd->infoset].first_node = (size_t)idx;
                nd->children = malloc(2 * sizeof(int));
                nd->n_children = 2;
                if (!nd->children) {
                    st = fc_error_nomem(err);
                    break;
                }
                /* push Pressure then Accommodate, so Accommodate's subtree comes first */
                stack[top++] = (struct item){idx, it.depth + 1, it.mask | (1u << it.depth)};
                stack[top++] = (struct item){idx, it.depth + 1, it.mask};
            } else {
                nd->kind = FC_NODE_TERMINAL;
                nd->infoset = -1;
                double x = xc;
                for (size_t r = 0; r < nr; r++)
                    if (it.mask >> r & 1) {
                        double w = cap[r + 1] + cap[0] > 0 ? cap[r + 1] / (cap[r + 1] + cap[0]) : 0;
                        x += opt->effect * w * (pos[r + 1] - xc);
                    }
                if (x < is->scale_min)
                    x = is->scale_min;
                if (x > is->scale_max)
                    x = is->scale_max;
                fc_game_outcome *o = &g->outcomes[g->n_outcomes++];
                o->payoff = fc_mpq_array_new(np);
                char lab[256];
                int len = snprintf(lab, sizeof lab, "%s:", moves[c].id);
                for (size_t r = 0; r < nr && len < (int)sizeof lab - 16; r++)
                    len += snprintf(lab + len, sizeof lab - (size_t)len, " %s %s",
                                    sc->actors[act[r + 1]].id, it.mask >> r & 1 ? "P" : "A");
                o->label = dupf(lab);
                if (!o->payoff || !o->label) {
                    st = fc_error_nomem(err);
                    break;
                }
                for (size_t p = 0; p < np; p++) {
                    double u = 100.0 * sal[p] * (1.0 - fabs(x - pos[p]) / (range > 0 ? range : 1));
                    if (p == 0) {
                        for (size_t r = 0; r < nr; r++)
                            if (it.mask >> r & 1)
                                u -= opt->pressured_cost * cap[r + 1] / 100.0;
                    } else if (it.mask >> (p - 1) & 1) {
                        u -= opt->pressure_cost;
                    }
                    set_cents(o->payoff[p], u);
                }
                nd->outcome = (int)g->n_outcomes;
            }
        }
    }
    free(act);
    free(moves);
    if (st != FC_OK) {
        fc_game_free(g);
        return st;
    }
    *out = g;
    return FC_OK;
}
