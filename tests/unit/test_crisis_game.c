/* The dilemma as a crisis game (docs/dilemma-game.md): hand-worked crises from War and
 * Reason's payoffs (one ending in negotiation, one in war, one where not knowing the
 * challenger's resolve changes the decider's choice), the tree's size and payoffs on a
 * two-actor scenario, and the written .efg read back. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"
#include "fulcrum/game_exact.h"

#define near(x, y, tol) assert_true(fabs((x) - (y)) < (tol))

/* Two actors on one issue 0..100, saliences 100, no relations, risk-neutral (r = 1), EUGene's
 * costs (phi adjusted = (U(SQ) + 1)/2 = 1/2, alpha 1/2, tau 1, gamma 1). C (capability 3, at
 * 100) may challenge D (capability 2, at 40), which may yield to 70.
 *   Affinity U_CD = U_DC = 1 - 2 delta, delta = |x_C - x_D| / 100; with r = 1 U(D_own) = S,
 *   U(D_other) = -S, U(SQ) = 0 for S = 2 delta. P_CD = 3/5 (each backs itself, 2 actors).
 *   C (A): Acq_B S, Nego 0.2 S, Cap_A -S - 0.4, Cap_B S - 0.3, War_A 0.2 S - 0.5,
 *          War_B 0.2 S - 0.7.
 *   D (B): Acq_B -S, Nego -0.2 S, Cap_A S - 0.2, Cap_B -S - 0.6, War_B -0.2 S - 0.5,
 *          War_A -0.2 S - 0.8.
 *   Types (margin 1/4): a hawk's wars rise by 0.95 (War_B to Nego + 1/4), a dove's fall by
 *   1.2 S + 0.15 (War_A to Cap_A - 1/4). */
static const char *two_actors = "title: two actors\n"
                                "issues:\n"
                                "  - {id: x, min: 0, max: 100}\n"
                                "actors:\n"
                                "  - {id: C, capability: 3, stances: {x: {position: 100, salience: 100}}}\n"
                                "  - {id: D, capability: 2, stances: {x: {position: 40, salience: 100}}}\n"
                                "decider: D\n"
                                "choices:\n"
                                "  - {id: yield, positions: {x: 70}}\n"
                                "responders: [C]\n"
                                "backlash:\n"
                                "  weight: {value: 1, source: test}\n";

static fc_scenario *scenario(const char *text)
{
    fc_scenario *sc = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_scenario_parse(text, strlen(text), "test.yaml", NULL, &sc, &err) != FC_OK)
        fail_msg("%s", err.message);
    return sc;
}

static fc_dilemma_crisis_game *build(const fc_scenario *sc, double prior, fc_dilemma_crisis_solver solver)
{
    fc_dilemma_crisis_game_options o;
    fc_dilemma_crisis_game_options_init(&o);
    o.hawk_prior = prior;
    o.solver = solver;
    fc_dilemma_crisis_game *g = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_dilemma_crisis_game_build(sc, &o, &g, &err) != FC_OK)
        fail_msg("%s", err.message);
    return g;
}

/* The published payoffs with S = 1, P = 0.6 (both sides' U(D_own) = 1, U(D_other) = -1),
 * and the crisis under complete information (both types alike). Backward induction:
 *   D after C's force: fight (War_A -1 > Cap_B -1.6); C after D's force: fight (War_B -0.5 >
 *   Cap_A -1.4); D after C's restraint: no force (Nego -0.2 > War_B -0.7); C after
 *   resistance: no force (Nego 0.2 > War_A -0.3); D after the demand: resist (-0.2 > Acq_B
 *   -1); C: demand (0.2 > SQ 0). Negotiation. */
static void negotiation(void **state)
{
    (void)state;
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    fc_iig_side a = {1, -1, 0, 0.6}, b = {1, -1, 0, 0.4};
    double ua[FC_IIG_N_OUTCOMES], ub[FC_IIG_N_OUTCOMES];
    fc_iig_payoffs(&a, &b, &o, ua, ub);
    const double ha[] = {0, -1, 1, 0.2, -1.4, 0.7, -0.3, -0.5};
    const double hb[] = {0, 1, -1, -0.2, 0.8, -1.6, -1.0, -0.7};
    for (int k = 0; k < FC_IIG_N_OUTCOMES; k++) {
        near(ua[k], ha[k], 1e-12);
        near(ub[k], hb[k], 1e-12);
    }
    fc_game *g = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_dilemma_crisis_game_pair("D", "C", ua, ua, ub, 0.5, &g, &err), FC_OK);
    assert_true(fc_game_perfect_recall(g));
    double ph[FC_IIG_N_OUTCOMES], pd[FC_IIG_N_OUTCOMES];
    assert_int_equal(fc_dilemma_crisis_pair_solve(g, FC_DILEMMA_CRISIS_LOGIT, ph, pd, NULL, &err), FC_OK);
    near(ph[FC_IIG_NEGO], 1.0, 1e-4);
    near(pd[FC_IIG_NEGO], 1.0, 1e-4);
    /* Lemke on the sequence form finds a Nash equilibrium that is not sequential: C stays
     * quiet, deterred by D's threat to use force after C's restraint, which D would not carry
     * out (Nego -0.2 > War_B -0.7). Why the logit agent QRE is the default. */
    assert_int_equal(fc_dilemma_crisis_pair_solve(g, FC_DILEMMA_CRISIS_LCP, ph, pd, NULL, &err), FC_OK);
    near(ph[FC_IIG_SQ], 1.0, 1e-12);
    fc_game_free(g);
}

/* Status quo (D at 40: delta 0.6, S = 1.2), a hawk for sure. Hawk: War_A 0.69, War_B 0.49.
 *   D after force: fight (-1.04 > -1.8); the hawk fights D's force (0.49 > -1.6) and uses
 *   force (0.69 > Nego 0.24 and War_B 0.49); D resists (War_A -1.04 > Acq_B -1.2); the hawk
 *   demands (0.69 > 0): war started by C. D's crisis value -1.04; the realised position
 *   0.6 * 100 + 0.4 * 40 = 76. */
static void war(void **state)
{
    (void)state;
    fc_scenario *sc = scenario(two_actors);
    fc_dilemma_crisis_game *g = build(sc, 1.0, FC_DILEMMA_CRISIS_LOGIT);
    const fc_dilemma_crisis *cr = &g->choices[0].crises[0];
    near(cr->p_win, 0.6, 1e-12);
    const double hawk[] = {0, -1.2, 1.2, 0.24, -1.6, 0.9, 0.69, 0.49};
    const double dec[] = {0, 1.2, -1.2, -0.24, 1.0, -1.8, -1.04, -0.74};
    for (int k = 0; k < FC_IIG_N_OUTCOMES; k++) {
        near(cr->u_hawk[k], hawk[k], 1e-12);
        near(cr->u_decider[k], dec[k], 1e-12);
    }
    near(cr->u_dove[FC_IIG_WAR_A], -1.85, 1e-12);
    near(cr->u_dove[FC_IIG_WAR_B], -2.05, 1e-12);
    near(cr->prob[FC_IIG_WAR_A], 1.0, 1e-4);
    near(g->choices[0].p_war, 1.0, 1e-4);
    near(cr->value, -1.04, 1e-4);
    near(g->choices[0].realised[0], 76.0, 1e-2);
    fc_dilemma_crisis_game_free(g);
    fc_scenario_free(sc);
}

/* Prior 3/4 of a hawk. Status quo (S = 1.2): D resists whatever it believes (resisting gives
 * 1 - 2.04 mu > -1.2 for every mu), so only hawks demand: war with 3/4, D's value -0.78.
 * Yield (S = 0.6, base -0.3): hawks always demand and force; a dove gives in to D's force
 * (Cap_A -1 > War_B -1.45) and never forces. D resists a demand iff mu < 1/1.32 = 0.7576;
 * a dove demands iff D acquiesces with probability > 0.625. At prior 0.75 < 0.7576 the
 * equilibrium is semi-separating: doves demand with sigma = 0.96, D acquiesces with 0.625;
 * D's crisis value is the acquiescence's, -0.6 times P(demand) = 0.75 / 0.7576 = 0.99:
 * -0.594, so yield is worth -0.894 and D keeps the status quo (-0.78). Knowing the type it
 * would yield: a known hawk is met by acquiescing (-0.6) and a known dove never demands,
 * yield 0.75 (-0.9) + 0.25 (-0.3) = -0.75 against the status quo's -0.78. */
static void resolve_changes_choice(void **state)
{
    (void)state;
    fc_scenario *sc = scenario(two_actors);
    {
        fc_dilemma_crisis_solver solver = FC_DILEMMA_CRISIS_LOGIT;
        fc_dilemma_crisis_game *g = build(sc, 0.75, solver);
        assert_int_equal(g->n_choices, 2);
        near(g->choices[0].value, -0.78, 1e-3);
        near(g->choices[0].crises[0].prob[FC_IIG_WAR_A], 0.75, 1e-3);
        near(g->choices[0].crises[0].prob[FC_IIG_SQ], 0.25, 1e-3);
        near(g->choices[1].base, -0.3, 1e-12);
        near(g->choices[1].value, -0.894, 1e-3);
        const fc_dilemma_crisis *y = &g->choices[1].crises[0];
        near(y->prob_hawk[FC_IIG_ACQ_B], 0.625, 1e-3);
        near(y->prob_hawk[FC_IIG_WAR_A], 0.375, 1e-3);
        near(y->prob_dove[FC_IIG_SQ], 0.04, 1e-3);
        near(y->prob_dove[FC_IIG_ACQ_B], 0.6, 1e-3);
        near(y->prob_dove[FC_IIG_CAP_A], 0.36, 1e-3);
        assert_int_equal(g->best, 0);
        fc_dilemma_crisis_game_free(g);
        /* Complete information: the decider's values knowing a hawk, knowing a dove. */
        fc_dilemma_crisis_game *h = build(sc, 1.0, solver), *d = build(sc, 0.0, solver);
        double keep = 0.75 * h->choices[0].value + 0.25 * d->choices[0].value;
        double yield = 0.75 * h->choices[1].value + 0.25 * d->choices[1].value;
        near(keep, -0.78, 1e-3);
        near(yield, -0.75, 1e-3);
        assert_true(yield > keep);
        fc_dilemma_crisis_game_free(h);
        fc_dilemma_crisis_game_free(d);
    }
    fc_scenario_free(sc);
}

/* The whole tree: the decider's choice (status quo, yield), then per choice C's chance move
 * and per type 6 decision nodes and 7 terminals: 1 + 2 (1 + 2 * 13) = 55 nodes, 28
 * outcomes, 1 + 2 (1 + 3 + 6) = 21 information sets. Written and read back, it is the same
 * game. */
static void tree_and_round_trip(void **state)
{
    (void)state;
    fc_scenario *sc = scenario(two_actors);
    fc_dilemma_crisis_game *g = build(sc, 0.75, FC_DILEMMA_CRISIS_LOGIT);
    fc_game *t = NULL, *back = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_dilemma_crisis_game_tree(g, &t, &err), FC_OK);
    assert_int_equal(fc_game_n_players(t), 2);
    assert_int_equal(fc_game_n_infosets(t), 21);
    assert_true(fc_game_perfect_recall(t));
    char *text = NULL;
    assert_int_equal(fc_game_write(t, &text, &err), FC_OK);
    /* 55 node lines: count the "p ", "c " and "t " line starts. */
    size_t nodes = 0, terminals = 0;
    for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        nodes += (l[0] == 'p' || l[0] == 'c' || l[0] == 't') && l[1] == ' ';
        terminals += l[0] == 't' && l[1] == ' ';
    }
    assert_int_equal(nodes, 55);
    assert_int_equal(terminals, 28);
    /* The status quo's war started by a hawk C: D gets 1 * -1.04, C 0.69. */
    assert_non_null(strstr(text, "\"status-quo hawk:war_a\" { -26/25, 69/100 }"));
    /* Yield, a dove acquiesced to: D -0.3 - 0.6 = -0.9, C 0.6. */
    assert_non_null(strstr(text, "\"yield dove:acq_b\" { -9/10, 3/5 }"));
    assert_int_equal(fc_game_parse(text, strlen(text), "round-trip.efg", &back, &err), FC_OK);
    assert_true(fc_game_equal(t, back));
    free(text);
    fc_game_free(back);
    fc_game_free(t);
    fc_dilemma_crisis_game_free(g);
    fc_scenario_free(sc);
}

/* Adds the probability of each terminal below node v (reached with r) whose outcome label
 * ends in `suffix`. */
static double reach_label(const fc_game *g, const fc_profile *pr, const long *off, size_t v, double r,
                          const char *suffix)
{
    const fc_game_node *nd = &g->nodes[v];
    if (nd->kind == FC_NODE_TERMINAL) {
        const char *l = g->outcomes[nd->outcome - 1].label;
        size_t n = strlen(l), m = strlen(suffix);
        return n >= m && strcmp(l + n - m, suffix) == 0 ? r : 0.0;
    }
    const fc_game_infoset *is = &g->infosets[nd->infoset];
    double sum = 0.0;
    for (size_t a = 0; a < nd->n_children; a++) {
        double pa = is->player == 0 ? mpq_get_d(is->probs[a]) : fc_profile_value(pr, (size_t)off[nd->infoset] + a);
        if (pa > 0)
            sum += reach_label(g, pr, off, (size_t)nd->children[a], r * pa, suffix);
    }
    return sum;
}

/* Solving each crisis on its own is solving the whole game: the logit agent QRE of the whole
 * tree (prior 3/4) keeps the status quo and, after each choice, reaches the outcomes with the
 * probabilities the crises solved alone give. */
static void whole_tree_agrees(void **state)
{
    (void)state;
    fc_scenario *sc = scenario(two_actors);
    fc_dilemma_crisis_game *g = build(sc, 0.75, FC_DILEMMA_CRISIS_LOGIT);
    fc_game *t = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_dilemma_crisis_game_tree(g, &t, &err), FC_OK);
    fc_game_options go;
    fc_game_options_init(&go);
    fc_equilibria eq;
    memset(&eq, 0, sizeof eq);
    assert_int_equal(fc_game_logit(t, &go, &eq, NULL, &err), FC_OK);
    assert_true(eq.converged);
    const fc_profile *pr = fc_equilibria_item(&eq, 0);
    long *off = fc_game_behaviour_offsets(t);
    assert_non_null(off);
    near(fc_profile_value(pr, (size_t)off[0]), 1.0, 1e-4); /* the status quo */
    const char *const types[2] = {"hawk:", "dove:"};
    for (size_t c = 0; c < g->n_choices; c++) {
        size_t child = (size_t)t->nodes[0].children[c];
        for (int o = 0; o < FC_IIG_N_OUTCOMES; o++) {
            double p = 0.0;
            for (int k = 0; k < 2; k++) {
                char suffix[64];
                snprintf(suffix, sizeof suffix, "%s%s", types[k], fc_iig_outcome_id((fc_iig_outcome)o));
                p += reach_label(t, pr, off, child, 1.0, suffix);
            }
            near(p, g->choices[c].crises[0].prob[o], 1e-3);
        }
    }
    free(off);
    fc_equilibria_free(&eq);
    fc_game_free(t);
    fc_dilemma_crisis_game_free(g);
    fc_scenario_free(sc);
}

/* Every issue: the decider's position and the realised one per issue; an issue the
 * challenger is silent on stays where the choice put it. */
static void several_issues(void **state)
{
    (void)state;
    const char *text = "title: two issues\n"
                       "issues:\n"
                       "  - {id: x, min: 0, max: 100}\n"
                       "  - {id: y, min: 0, max: 10}\n"
                       "actors:\n"
                       "  - {id: C, capability: 3, stances: {x: {position: 100, salience: 100}}}\n"
                       "  - {id: D, capability: 2, stances: {x: {position: 40, salience: 100}, y: {position: 5, "
                       "salience: 50}}}\n"
                       "decider: D\n"
                       "choices:\n"
                       "  - {id: move, positions: {x: 70, y: 7}}\n"
                       "responders: [C]\n";
    fc_scenario *sc = scenario(text);
    fc_dilemma_crisis_game *g = build(sc, 0.5, FC_DILEMMA_CRISIS_LOGIT);
    assert_int_equal(g->n_issues, 2);
    assert_string_equal(g->issue_ids[1], "y");
    near(g->choices[1].position[0], 70, 1e-12);
    near(g->choices[1].position[1], 7, 1e-12);
    near(g->choices[1].realised[1], 7, 1e-12);
    /* base: -(1 * 30/100 + 0.5 * 2/10) = -0.4 */
    near(g->choices[1].base, -0.4, 1e-12);
    near(g->weight, 0.1, 1e-12);
    char *words = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_dilemma_crisis_game_text(g, &words, &err), FC_OK);
    assert_non_null(strstr(words, "realised position: x 70.0 -> "));
    assert_non_null(strstr(words, ", y 7.0 -> 7.0"));
    free(words);
    fc_dilemma_crisis_game_free(g);
    fc_scenario_free(sc);
}

/* The prior from the scenario's game block, with its source; the option overrides it; it is
 * written back; outside [0, 1] the scenario is refused. */
static void prior_from_scenario(void **state)
{
    (void)state;
    char text[2048];
    snprintf(text, sizeof text, "%sgame: {pressure_cost: 5, pressured_cost: 10, effect: 0.25, hawk_prior: "
                                "{value: 0.75, source: \"test prior\"}}\n",
             two_actors);
    fc_scenario *sc = scenario(text);
    fc_dilemma_crisis_game *g = build(sc, NAN, FC_DILEMMA_CRISIS_LOGIT);
    near(g->hawk_prior, 0.75, 1e-12);
    assert_string_equal(g->prior_source, "test prior");
    near(g->choices[1].value, -0.894, 1e-3);
    fc_dilemma_crisis_game_free(g);
    g = build(sc, 0.25, FC_DILEMMA_CRISIS_LOGIT);
    near(g->hawk_prior, 0.25, 1e-12);
    assert_string_equal(g->prior_source, "option");
    fc_dilemma_crisis_game_free(g);
    char *json = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_scenario_to_json(sc, &json, &err), FC_OK);
    assert_non_null(strstr(json, "\"hawk_prior\""));
    fc_scenario *back = NULL;
    assert_int_equal(fc_scenario_parse(json, strlen(json), "back.json", NULL, &back, &err), FC_OK);
    assert_true(back->game_costs.has_hawk_prior);
    near(back->game_costs.hawk_prior.value, 0.75, 1e-12);
    free(json);
    fc_scenario_free(back);
    fc_scenario_free(sc);
    snprintf(text, sizeof text, "%sgame: {pressure_cost: 5, pressured_cost: 10, effect: 0.25, hawk_prior: 1.5}\n",
             two_actors);
    assert_int_equal(fc_scenario_parse(text, strlen(text), "bad.yaml", NULL, &sc, &err), FC_EINPUT);
    assert_string_equal(err.field, "game.hawk_prior");
}

static void errors(void **state)
{
    (void)state;
    fc_scenario *sc = scenario(two_actors);
    fc_dilemma_crisis_game_options o;
    fc_dilemma_crisis_game_options_init(&o);
    fc_dilemma_crisis_game *g = NULL;
    fc_error err;
    fc_error_clear(&err);
    o.hawk_prior = 1.5;
    assert_int_equal(fc_dilemma_crisis_game_build(sc, &o, &g, &err), FC_EUSAGE);
    assert_string_equal(err.field, "hawk_prior");
    fc_dilemma_crisis_game_options_init(&o);
    o.max_challengers = FC_DILEMMA_CRISIS_MAX_CHALLENGERS + 1;
    assert_int_equal(fc_dilemma_crisis_game_build(sc, &o, &g, &err), FC_EUSAGE);
    assert_string_equal(err.field, "max_challengers");
    assert_null(g);
    fc_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(negotiation),           cmocka_unit_test(war),
        cmocka_unit_test(resolve_changes_choice), cmocka_unit_test(tree_and_round_trip),
        cmocka_unit_test(whole_tree_agrees),     cmocka_unit_test(several_issues),
        cmocka_unit_test(prior_from_scenario),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
