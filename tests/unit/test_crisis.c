/* Tests of the crisis-bargaining module: two-actor crises worked out on paper from the
 * published definitions (one ending in negotiation, one in war), a third party with a tie,
 * the game's backward induction on hand-made tables, properties (capability, allies, symmetry,
 * P_ij + P_ji = 1), risk from security, ties from the built-in scenario's relations, the
 * backlash aimed at a decider, and the errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

#define TOL 1e-12

/* A one-issue problem on 0..100 with the given capabilities, positions and saliences. */
static void make_problem(fc_problem *p, size_t n, const double *c, const double *x, const double *s)
{
    fc_error err;
    assert_int_equal(fc_problem_init(p, n, 1, &err), FC_OK);
    for (size_t i = 0; i < n; i++) {
        p->capability[i] = c[i];
        p->position[i] = x[i];
        p->salience[i] = s[i];
    }
    p->scale_min[0] = 0.0;
    p->scale_max[0] = 100.0;
}

static fc_crisis_result *run(const fc_problem *p, const double *ties, const double *risk, const fc_crisis_options *o)
{
    fc_crisis_input in = {p, ties, risk};
    fc_crisis_result *r = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_crisis_run(&in, o, &r, &err), FC_OK);
    assert_non_null(r);
    return r;
}

static void assert_near(double got, double want)
{
    if (!(fabs(got - want) <= TOL * (1.0 + fabs(want))))
        fail_msg("got %.17g, want %.17g", got, want);
}

/* A strong challenger (capability 3) at 0 against a target (capability 1) at 100, both with
 * salience 1, default options (risk neutral: r = 1; phi = (U(SQ) + 1)/2 = 1/2, alpha 0.5,
 * tau 1, gamma 1).
 *   delta_AB = delta_BA = 1, so U_AB = U_BA = 1 - 2 = -1.
 *   War Trap 1981: P_A = 3/4; EU = (2 * 3/4 - 1)(1 - (-1)) = 1; for B: (2/4 - 1) * 2 = -1.
 *   Utilities (War and Reason): U(D_own) = 2 - 4 (1 + (-1))/4 = 2, U(D_other) = 2 - 4 (4/4) = -2,
 *   U(SQ) = 2 - 4/2 = 0.
 *   P_AB: A supports itself with 3 * (1 - (-1))/2 = 3, B opposes with 1 * 1 -> 3 / 4. P_BA = 1/4.
 *   Revised EU (s_B = 1): 3/4 * 2 + 1/4 * (-2) - 0 = 1; for B: 1/4 * 2 + 3/4 * (-2) = -1.
 *   Force costs phi P: A 1/2 * 3/4 = 3/8, B 1/2 * 1/4 = 1/8.
 *   A: SQ 0, AcqA -2, AcqB 2, Nego 3/4*2 - 1/4*2 = 1, CapA -2 - 1/4 = -2.25, CapB 2 - 3/8 = 1.625,
 *      WarA 1 - 3/8 - 0.5/4 = 0.5, WarB 1 - 3/8 - 1/4 = 0.375.
 *   B: SQ 0, AcqA 2, AcqB -2, Nego -1, CapA 2 - 1/8 = 1.875, CapB -2 - 3/4 = -2.75,
 *      WarA -1 - 1/8 - 3/4 = -1.875, WarB -1 - 1/8 - 0.5 * 3/4 = -1.5.
 *   Induction: after A's force B fights (-1.875 > -2.75): WarA; after B's force A fights
 *   (0.375 > -2.25): WarB. In A's crisis B negotiates (-1 > -1.5), A negotiates (1 > 0.5);
 *   B resists A's demand (-1 > -2). In B's crisis both negotiate; A resists B's demand
 *   (1 > -2); B would rather keep the status quo than reach that (0 > -1). A: demanding
 *   (negotiation, 1) beats the status quo (0). Outcome: negotiation, costing B 0 - (-1) = 1. */
static void test_two_actors_negotiate(void **state)
{
    (void)state;
    const double c[] = {3, 1}, x[] = {0, 100}, s[] = {1, 1};
    fc_problem p;
    make_problem(&p, 2, c, x, s);
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    fc_crisis_result *r = run(&p, NULL, NULL, &o);
    const fc_crisis_pair *q = fc_crisis_result_pair(r, 0, 1);
    assert_non_null(q);
    assert_near(q->affinity, -1.0);
    assert_near(q->p_bilateral, 0.75);
    assert_near(q->eu_bilateral, 1.0);
    assert_near(q->eu_multilateral, 0.0);
    assert_near(q->eu_1981, 1.0);
    assert_near(q->p_win, 0.75);
    assert_near(q->eu_1985, 1.0);
    assert_near(q->eu_challenge, 1.0);
    assert_near(q->eu_target, -1.0);
    assert_true(q->challenges);
    const double ua[] = {0, -2, 2, 1, -2.25, 1.625, 0.5, 0.375};
    const double ub[] = {0, 2, -2, -1, 1.875, -2.75, -1.875, -1.5};
    for (int k = 0; k < FC_IIG_N_OUTCOMES; k++) {
        assert_near(q->u_a[k], ua[k]);
        assert_near(q->u_b[k], ub[k]);
    }
    assert_int_equal(q->outcome, FC_IIG_NEGO);
    assert_string_equal(fc_iig_outcome_id(q->outcome), "nego");
    assert_near(q->target_cost, 1.0);
    assert_near(q->challenger_gain, 1.0);
    /* War and Reason's printed phi = U(SQ) = 0 at r = 1: force costs nothing at home. A: CapB 2,
     * WarA 1 - 0.5/4 = 0.875; B: WarB -1 - 0.5 * 3/4 = -1.375. A constant phi = 1: CapB 2 - 3/4. */
    fc_crisis_options o2 = o;
    o2.phi_rule = FC_CRISIS_PHI_SQ;
    fc_crisis_result *r2 = run(&p, NULL, NULL, &o2);
    assert_near(fc_crisis_result_pair(r2, 0, 1)->u_a[FC_IIG_CAP_B], 2.0);
    assert_near(fc_crisis_result_pair(r2, 0, 1)->u_a[FC_IIG_WAR_A], 0.875);
    assert_near(fc_crisis_result_pair(r2, 0, 1)->u_b[FC_IIG_WAR_B], -1.375);
    assert_int_equal(fc_crisis_result_pair(r2, 0, 1)->outcome, FC_IIG_NEGO);
    fc_crisis_result_free(r2);
    o2.phi_rule = FC_CRISIS_PHI_CONSTANT;
    o2.phi = 1.0;
    r2 = run(&p, NULL, NULL, &o2);
    assert_near(fc_crisis_result_pair(r2, 0, 1)->u_a[FC_IIG_CAP_B], 1.25);
    fc_crisis_result_free(r2);
    const fc_crisis_pair *back = fc_crisis_result_pair(r, 1, 0);
    assert_near(back->eu_1985, -1.0);
    assert_false(back->challenges);
    assert_near(back->p_win, 0.25);
    assert_null(fc_crisis_result_pair(r, 0, 0));
    assert_null(fc_crisis_result_pair(r, 0, 2));
    fc_crisis_result_free(r);
    fc_problem_free(&p);
}

/* War from the fear of being exploited. A: capability 5 at 20 with salience 0.6; B:
 * capability 3 at 70 with salience 1; capitulating is cheap (gamma = 0.25, declared), the
 * other costs are the defaults (alpha 0.5, tau 1, phi = (U(SQ) + 1)/2 = 1/2 at r = 1).
 *   delta_AB = 0.6 * 50/100 = 0.3, U_AB = 0.4; delta_BA = 0.5, U_BA = 0.
 *   U_A(D_A) = 2 - 1.4 = 0.6, U_A(D_B) = 2 - 2.6 = -0.6; U_B(D_B) = 2 - 1 = 1, U_B(D_A) = -1.
 *   P_AB: A lends 5 * (1 - 0.4)/2 = 1.5 to A, B 3 * (0 - 1)/2 = -1.5 -> 1/2; P_BA = 1/2.
 *   Force costs phi P = 1/4 to each.
 *   A: SQ 0, AcqA -0.6, AcqB 0.6, Nego 0, CapA -0.6 - 0.25/2 = -0.725, CapB 0.6 - 1/4 = 0.35,
 *      WarA 0 - 1/4 - 0.5/2 = -0.5, WarB 0 - 1/4 - 1/2 = -0.75.
 *   B: SQ 0, AcqA 1, AcqB -1, Nego 0, CapA 1 - 1/4 = 0.75, CapB -1 - 0.25/2 = -1.125,
 *      WarA 0 - 1/4 - 1/2 = -0.75, WarB 0 - 1/4 - 0.5/2 = -0.5.
 *   Induction: after B's force A capitulates (-0.725 > -0.75); after A's force B fights
 *   (-0.75 > -1.125). So whoever waits in a crisis is pushed: in A's crisis B would use force
 *   (CapA 0.75 > Nego 0), so A strikes first (WarA -0.5 > CapA -0.725); B resists A's demand
 *   (WarA -0.75 > AcqB -1). In B's crisis B uses force (CapA 0.75 > Nego 0), so A acquiesces
 *   to a demand of B's (-0.6 > -0.725), and B, left alone, demands (AcqA 1 > SQ 0). A compares
 *   acquiescing (-0.6) with demanding and striking first (-0.5): war started by A, costing B
 *   0 - (-0.75) = 0.75.
 *   War Trap 1981: P_A = 5/8, EU = (10/8 - 1)(1 - 0.4) = 0.15. Revised: 1/2 * 0.6 +
 *   1/2 * (-0.6) - 0 = 0 (the challenge is worth nothing in expectation; the game's war comes
 *   from the threat B poses, not from A's gain). With gamma > tau - alpha = 1/2 the window
 *   closes (docs/models/interaction-game.md). */
static void test_two_actors_war(void **state)
{
    (void)state;
    const double c[] = {5, 3}, x[] = {20, 70}, s[] = {0.6, 1};
    fc_problem p;
    make_problem(&p, 2, c, x, s);
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    o.gamma = 0.25;
    fc_crisis_result *r = run(&p, NULL, NULL, &o);
    const fc_crisis_pair *q = fc_crisis_result_pair(r, 0, 1);
    assert_near(q->affinity, 0.4);
    assert_near(q->affinity_target, 0.0);
    assert_near(q->p_win, 0.5);
    assert_near(q->eu_1981, 0.15);
    assert_true(fabs(q->eu_1985) < 1e-12);
    const double ua[] = {0, -0.6, 0.6, 0, -0.725, 0.35, -0.5, -0.75};
    const double ub[] = {0, 1, -1, 0, 0.75, -1.125, -0.75, -0.5};
    for (int k = 0; k < FC_IIG_N_OUTCOMES; k++) {
        assert_true(fabs(q->u_a[k] - ua[k]) < 1e-12);
        assert_true(fabs(q->u_b[k] - ub[k]) < 1e-12);
    }
    assert_int_equal(q->outcome, FC_IIG_WAR_A);
    assert_string_equal(fc_iig_outcome_name(q->outcome), "war started by A");
    assert_true(fabs(q->target_cost - 0.75) < 1e-12);
    /* With EUGene's gamma = 1 capitulating costs A as much as being struck, so A fights back
     * in B's crisis and the pair settles without war. */
    o.gamma = 1.0;
    fc_crisis_result *r2 = run(&p, NULL, NULL, &o);
    assert_int_not_equal(fc_crisis_result_pair(r2, 0, 1)->outcome, FC_IIG_WAR_A);
    assert_int_not_equal(fc_crisis_result_pair(r2, 0, 1)->outcome, FC_IIG_WAR_B);
    fc_crisis_result_free(r2);
    fc_crisis_result_free(r);
    fc_problem_free(&p);
}

/* A third party K (capability 1, at 50) between A (2, at 0) and B (2, at 100), saliences 1,
 * allied with B (tie +1, tie_weight 0.5).
 *   U_AB = U_BA = -1; U_KA = 1 - 2 * 0.5 = 0; U_KB = 0 + 0.5 = 0.5.
 *   War Trap 1981: bilateral (2 * 1/2 - 1) * 2 = 0; K: P_AK = 3/5, P_BK = 3/5, so
 *   (3/5 + 3/5 - 1)(0 - 0.5) = -0.1. Without the tie K is indifferent: 0.
 *   P_AB: A 2 * 1 for A, B 2 * 1 against, K 1 * |0 - 0.5|/2 = 0.25 against: 2/4.25 = 8/17;
 *   P_BA = 9/17. Revised EU of A: 8/17 * 2 + 9/17 * (-2) = -2/17.
 *   Game (phi = 1/2): A's Nego = -2/17, B's 2/17; war costs both more than negotiating
 *   (A: WarA -2/17 - 4/17 - 4.5/17 = -10.5/17; B: WarA 2/17 - 4.5/17 - 8/17 = -10.5/17,
 *   WarB 2/17 - 4.5/17 - 4/17 = -6.5/17), force is answered with force, so every crisis
 *   ends in negotiation, which A (-2/17 > -2) and B (2/17 > -2) prefer to acquiescing and B
 *   prefers to the status quo (2/17 > 0): negotiation. */
static void test_third_party_tie(void **state)
{
    (void)state;
    const double c[] = {2, 2, 1}, x[] = {0, 100, 50}, s[] = {1, 1, 1};
    fc_problem p;
    make_problem(&p, 3, c, x, s);
    double ties[9] = {0};
    ties[1 * 3 + 2] = ties[2 * 3 + 1] = 1.0;
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    fc_crisis_result *r = run(&p, ties, NULL, &o);
    assert_near(r->affinity[2 * 3 + 0], 0.0);
    assert_near(r->affinity[2 * 3 + 1], 0.5);
    const fc_crisis_pair *q = fc_crisis_result_pair(r, 0, 1);
    assert_near(q->eu_bilateral, 0.0);
    assert_near(q->eu_multilateral, -0.1);
    assert_near(q->p_win, 8.0 / 17.0);
    assert_near(fc_crisis_result_pair(r, 1, 0)->p_win, 9.0 / 17.0);
    assert_near(q->eu_1985, -2.0 / 17.0);
    assert_false(q->challenges);
    assert_near(q->u_a[FC_IIG_WAR_A], -10.5 / 17.0);
    assert_near(q->u_b[FC_IIG_WAR_A], -10.5 / 17.0);
    assert_near(q->u_b[FC_IIG_WAR_B], -6.5 / 17.0);
    assert_int_equal(q->outcome, FC_IIG_NEGO);
    fc_crisis_result_free(r);
    /* Without the tie, K is indifferent and the contest is even. */
    r = run(&p, NULL, NULL, &o);
    q = fc_crisis_result_pair(r, 0, 1);
    assert_near(q->eu_multilateral, 0.0);
    assert_near(q->p_win, 0.5);
    assert_near(q->eu_1985, 0.0);
    fc_crisis_result_free(r);
    fc_problem_free(&p);
}

/* Same position, or an ally close enough that the tie lifts the affinity to 1: nothing to
 * demand, so nothing happens. A (2 at 40) and B (1 at 40): U_AB = 1, U(D_A) = U(D_B) = 0,
 * the revised expected utility is 0 and the game stays at the status quo at no cost. The
 * War Trap's third-party term still counts C, who prefers A (U_CA = 1 below, U_CB =
 * 1 - 2 * 0.5 * 0.2 = 0.8): (P_AC + P_BC - 1) = 1/4, times 0.2 = 0.05. A tie does the same for C (1 at 60,
 * salience 0.5): U_CA = 1 - 2 * 0.5 * 0.2 + 0.5 * 1 = 1.3, clipped to 1. */
static void test_no_stakes(void **state)
{
    (void)state;
    const double c[] = {2, 1, 1}, x[] = {40, 40, 60}, s[] = {1, 1, 0.5};
    fc_problem p;
    make_problem(&p, 3, c, x, s);
    double ties[9] = {0};
    ties[0 * 3 + 2] = ties[2 * 3 + 0] = 1.0;
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    fc_crisis_result *r = run(&p, ties, NULL, &o);
    const fc_crisis_pair *q = fc_crisis_result_pair(r, 0, 1);
    assert_near(q->affinity, 1.0);
    assert_near(q->eu_1985, 0.0);
    assert_near(q->eu_bilateral, 0.0);
    assert_near(q->eu_multilateral, 0.05);
    assert_false(q->challenges);
    assert_int_equal(q->outcome, FC_IIG_SQ);
    assert_near(q->target_cost, 0.0);
    q = fc_crisis_result_pair(r, 2, 0);
    assert_near(q->affinity, 1.0);
    assert_int_equal(q->outcome, FC_IIG_SQ);
    fc_crisis_result_free(r);
    fc_problem_free(&p);
}

/* Risk attitudes from security (The War Trap Revisited on an issue scale). A (1 at 0), B (1 at
 * 100) and K (1 at 50), saliences 1. With A at x, B's and K's War Trap utilities of
 * challenging A have no bilateral part (P = 1/2) and third-party parts
 *   B: (1/3)(U_KB - U_KA) = (1/3)(0 - (1 - |50 - x|/50)),
 *   K: (1/3)(U_BK - U_BA) = (1/3)(0 - (1 - (100 - x)/50)),
 * so the threat S(x) = -(x - |50 - x|)/150: 1/3 at x = 0 (the maximum), -1/3 from 50 on (the
 * minimum). A stands where it is most exposed: R_A = (2/3 - 1/3 + 1/3)/(2/3) = 1, r_A = 1/2;
 * B likewise. K's threat is -2/3 wherever it stands: R_K = 0.
 * Then P_AB, as A perceives it with R_A = 1: A lends (2/2) e^(1*2), B (-2/2) e^(-2), K nothing:
 * e^2 / (e^2 + e^-2) = 1 / (1 + e^-4); U_A(SQ) = 2 - 4 (1/2)^(1/2) = 2 - 2 sqrt 2. */
static void test_security_risk(void **state)
{
    (void)state;
    const double c[] = {1, 1, 1}, x[] = {0, 100, 50}, s[] = {1, 1, 1};
    fc_problem p;
    make_problem(&p, 3, c, x, s);
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    o.risk = FC_CRISIS_RISK_SECURITY;
    fc_crisis_result *r = run(&p, NULL, NULL, &o);
    assert_near(r->risk[0], 1.0);
    assert_near(r->risk[1], 1.0);
    assert_near(r->risk[2], 0.0);
    assert_near(r->r[0], 0.5);
    assert_near(r->r[2], 1.0);
    const fc_crisis_pair *q = fc_crisis_result_pair(r, 0, 1);
    assert_near(q->p_win, 1.0 / (1.0 + exp(-4.0)));
    assert_near(q->u_a[FC_IIG_SQ], 2.0 - 2.0 * sqrt(2.0));
    assert_near(q->u_a[FC_IIG_ACQ_B], 2.0);
    assert_near(q->u_a[FC_IIG_ACQ_A], -2.0);
    fc_crisis_result_free(r);
    /* Given risk attitudes take precedence over the option. */
    const double given[] = {0, 0, 0};
    r = run(&p, NULL, given, &o);
    assert_near(r->risk[0], 0.0);
    assert_near(r->r[0], 1.0);
    fc_crisis_result_free(r);
    fc_problem_free(&p);
}

/* Backward induction on hand-made tables (indexed sq, acq_a, acq_b, nego, cap_a, cap_b,
 * war_a, war_b). */
static void test_iig_solve_tables(void **state)
{
    (void)state;
    /* Both value the status quo above everything: nobody demands. */
    const double sq_a[] = {1, -1, 0.5, 0, -2, 0.5, -1, -1}, sq_b[] = {1, 0.5, -1, 0, 0.5, -2, -1, -1};
    assert_int_equal(fc_iig_solve(sq_a, sq_b), FC_IIG_SQ);
    /* B would rather give in than face any crisis, and A gains by demanding. */
    const double acq_a[] = {0, -1, 1, 0.5, -2, 0.8, 0.2, 0.1}, acq_b[] = {0, 1, -0.5, -0.8, 0.5, -2, -1.5, -1.2};
    assert_int_equal(fc_iig_solve(acq_a, acq_b), FC_IIG_ACQ_B);
    /* Exact ties at A's first move go to demanding (EUGene's rule): the status quo and the
     * outcome of demanding are worth the same to A. */
    const double tie_a[] = {0, -1, 0, -0.1, -2, 0, -0.5, -0.6}, tie_b[] = {1, 0.5, -0.5, -0.8, 0.5, -2, -1.5, -1.2};
    assert_int_equal(fc_iig_solve(tie_a, tie_b), FC_IIG_ACQ_B);
    for (int k = 0; k < FC_IIG_N_OUTCOMES; k++) {
        assert_true(strlen(fc_iig_outcome_id((fc_iig_outcome)k)) > 0);
        assert_string_not_equal(fc_iig_outcome_name((fc_iig_outcome)k), "?");
    }
    assert_string_equal(fc_iig_outcome_id(FC_IIG_N_OUTCOMES), "?");
}

/* A small deterministic generator for the property tests. */
static double unit_random(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static void random_problem(fc_problem *p, size_t n, unsigned long long *seed)
{
    double c[8], x[8], s[8];
    for (size_t i = 0; i < n; i++) {
        c[i] = 0.1 + 10.0 * unit_random(seed);
        x[i] = 100.0 * unit_random(seed);
        s[i] = unit_random(seed);
    }
    make_problem(p, n, c, x, s);
}

/* Raising a challenger's capability never lowers its probability of prevailing, its revised
 * expected utility of challenging or the War Trap's bilateral term, whatever the risk attitudes
 * (the vote-sum P rises in C_i because i always supports itself). */
static void test_property_capability(void **state)
{
    (void)state;
    unsigned long long seed = 12345;
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 2 + (size_t)(unit_random(&seed) * 5.0);
        fc_problem p;
        random_problem(&p, n, &seed);
        double risk[8];
        for (size_t i = 0; i < n; i++)
            risk[i] = 2.0 * unit_random(&seed) - 1.0;
        const double *rk = trial % 2 ? risk : NULL;
        fc_crisis_result *before = run(&p, NULL, rk, &o);
        size_t i = (size_t)(unit_random(&seed) * (double)n);
        p.capability[i] *= 1.0 + 3.0 * unit_random(&seed);
        fc_crisis_result *after = run(&p, NULL, rk, &o);
        for (size_t j = 0; j < n; j++) {
            if (j == i)
                continue;
            const fc_crisis_pair *a = fc_crisis_result_pair(before, i, j), *b = fc_crisis_result_pair(after, i, j);
            assert_true(b->p_win >= a->p_win - 1e-12);
            assert_true(b->eu_1985 >= a->eu_1985 - 1e-12);
            assert_true(b->eu_bilateral >= a->eu_bilateral - 1e-12);
        }
        fc_crisis_result_free(before);
        fc_crisis_result_free(after);
        fc_problem_free(&p);
    }
}

/* The War Trap's (1981) third-party term is not monotone in the challenger's capability: a
 * third party's help swings less for a stronger challenger. A (1 at 0) against B (0 at 100)
 * with K (1 at 0): P_A = 1, bilateral (2 - 1) * 2 = 2; K adds, with P_AK = 2/2 = 1 and
 * P_BK = 1/2, (1 + 1/2 - 1)(1 - (-1)) = 1: total 3. With A at 2: P_BK = 1/3,
 * (1 + 1/3 - 1) * 2 = 2/3, total 8/3: lower (docs/models/war-trap.md). */
static void test_1981_third_party_falls(void **state)
{
    (void)state;
    const double c[] = {1, 0, 1}, x[] = {0, 100, 0}, s[] = {1, 1, 1};
    fc_problem p;
    make_problem(&p, 3, c, x, s);
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    o.eu = FC_CRISIS_EU_1981;
    fc_crisis_result *r = run(&p, NULL, NULL, &o);
    assert_near(fc_crisis_result_pair(r, 0, 1)->eu_challenge, 3.0);
    fc_crisis_result_free(r);
    p.capability[0] = 2.0;
    r = run(&p, NULL, NULL, &o);
    assert_near(fc_crisis_result_pair(r, 0, 1)->eu_challenge, 8.0 / 3.0);
    fc_crisis_result_free(r);
    fc_problem_free(&p);
}

/* Giving the target an ally (a positive tie between a third party k and the target j) never
 * raises P_ij or either expected utility of i challenging j, for risk attitudes |R| <= 1/2
 * (beyond that War and Reason's transform (d/2) e^(R d) is not monotone in d). */
static void test_property_ally(void **state)
{
    (void)state;
    unsigned long long seed = 777;
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    for (int trial = 0; trial < 300; trial++) {
        size_t n = 3 + (size_t)(unit_random(&seed) * 4.0);
        fc_problem p;
        random_problem(&p, n, &seed);
        double ties[64] = {0}, risk[8];
        for (size_t a = 0; a < n; a++) {
            risk[a] = unit_random(&seed) - 0.5;
            for (size_t b = 0; b < a; b++)
                ties[a * n + b] = ties[b * n + a] = unit_random(&seed) < 0.3 ? 2.0 * unit_random(&seed) - 1.0 : 0.0;
        }
        size_t j = (size_t)(unit_random(&seed) * (double)n), k = (j + 1 + (size_t)(unit_random(&seed) * (double)(n - 1))) % n;
        const double *rk = trial % 2 ? risk : NULL;
        fc_crisis_result *before = run(&p, ties, rk, &o);
        double t = ties[k * n + j] + unit_random(&seed);
        ties[k * n + j] = ties[j * n + k] = t > 1.0 ? 1.0 : t;
        fc_crisis_result *after = run(&p, ties, rk, &o);
        for (size_t i = 0; i < n; i++) {
            if (i == j || i == k)
                continue;
            const fc_crisis_pair *a = fc_crisis_result_pair(before, i, j), *b = fc_crisis_result_pair(after, i, j);
            assert_true(b->p_win <= a->p_win + 1e-12);
            assert_true(b->eu_1985 <= a->eu_1985 + 1e-12);
            assert_true(b->eu_1981 <= a->eu_1981 + 1e-12);
        }
        fc_crisis_result_free(before);
        fc_crisis_result_free(after);
        fc_problem_free(&p);
    }
}

/* Mirror-image actors get mirror-image results: A (4 at 20, salience 0.8) and B (4 at 80,
 * salience 0.8) with a neutral K (1 at 50): pair (A, B) equals pair (B, A) in every figure,
 * and P = 1/2. And without risk, P_ij + P_ji = 1 on random cases. */
static void test_property_symmetry(void **state)
{
    (void)state;
    const double c[] = {4, 4, 1}, x[] = {20, 80, 50}, s[] = {0.8, 0.8, 0.5};
    fc_problem p;
    make_problem(&p, 3, c, x, s);
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    fc_crisis_result *r = run(&p, NULL, NULL, &o);
    const fc_crisis_pair *ab = fc_crisis_result_pair(r, 0, 1), *ba = fc_crisis_result_pair(r, 1, 0);
    assert_near(ab->p_win, 0.5);
    assert_near(ba->p_win, 0.5);
    assert_near(ab->eu_1981, ba->eu_1981);
    assert_near(ab->eu_1985, ba->eu_1985);
    for (int k = 0; k < FC_IIG_N_OUTCOMES; k++) {
        assert_near(ab->u_a[k], ba->u_a[k]);
        assert_near(ab->u_b[k], ba->u_b[k]);
    }
    assert_int_equal(ab->outcome, ba->outcome);
    assert_near(fc_crisis_result_pair(r, 2, 0)->eu_1985, fc_crisis_result_pair(r, 2, 1)->eu_1985);
    fc_crisis_result_free(r);
    fc_problem_free(&p);

    unsigned long long seed = 99;
    for (int trial = 0; trial < 100; trial++) {
        size_t n = 2 + (size_t)(unit_random(&seed) * 6.0);
        random_problem(&p, n, &seed);
        r = run(&p, NULL, NULL, &o);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                if (i != j) {
                    double sum = fc_crisis_result_pair(r, i, j)->p_win + fc_crisis_result_pair(r, j, i)->p_win;
                    assert_true(fabs(sum - 1.0) < 1e-12);
                }
        fc_crisis_result_free(r);
        fc_problem_free(&p);
    }
}

/* Ties from the built-in Azerbaijan scenario's relations, and a full run on it: Turkey is
 * Azerbaijan's ally (+1), Armenia its rival (-1), and Turkey's alliance moves its affinity to
 * Azerbaijan up by tie_weight. */
static void test_builtin_relations(void **state)
{
    (void)state;
    fc_scenario *sc = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml", NULL, &sc, &err), FC_OK);
    fc_problem p;
    assert_int_equal(fc_problem_from_scenario(&p, sc, "alignment", 0, &err), FC_OK);
    size_t n = p.n_actors;
    long aze = -1, tur = -1, arm = -1, rus = -1;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(p.actor_ids[i], "AZE"))
            aze = (long)i;
        if (!strcmp(p.actor_ids[i], "TUR"))
            tur = (long)i;
        if (!strcmp(p.actor_ids[i], "ARM"))
            arm = (long)i;
        if (!strcmp(p.actor_ids[i], "RUS"))
            rus = (long)i;
    }
    assert_true(aze >= 0 && tur >= 0 && arm >= 0 && rus >= 0);
    double *ties = calloc(n * n, sizeof *ties);
    assert_non_null(ties);
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    assert_int_equal(fc_crisis_ties_from_scenario(sc, &p, &o, ties, &err), FC_OK);
    assert_near(ties[(size_t)aze * n + (size_t)tur], 1.0);
    assert_near(ties[(size_t)tur * n + (size_t)aze], 1.0);
    assert_near(ties[(size_t)arm * n + (size_t)aze], -1.0);
    assert_near(ties[(size_t)rus * n + (size_t)aze], 0.0);
    fc_crisis_result *with = run(&p, ties, NULL, &o);
    fc_crisis_result *without = run(&p, NULL, NULL, &o);
    size_t tz = (size_t)tur * n + (size_t)aze;
    double expect = without->affinity[tz] + 0.5;
    assert_near(with->affinity[tz], expect > 1.0 ? 1.0 : expect);
    /* Russia challenging Azerbaijan: Turkey's alliance can only lower its chances. */
    const fc_crisis_pair *rw = fc_crisis_result_pair(with, (size_t)rus, (size_t)aze);
    const fc_crisis_pair *ro = fc_crisis_result_pair(without, (size_t)rus, (size_t)aze);
    assert_true(rw->p_win <= ro->p_win + 1e-12);
    for (size_t i = 0; i < n * n; i++) {
        if (i / n == i % n)
            continue;
        assert_true(with->pairs[i].p_win >= 0.0 && with->pairs[i].p_win <= 1.0);
        assert_true((unsigned)with->pairs[i].outcome < FC_IIG_N_OUTCOMES);
    }
    fc_crisis_result_free(with);
    fc_crisis_result_free(without);
    free(ties);
    fc_problem_free(&p);
    fc_scenario_free(sc);
}

/* The backlash aimed at a decider: the negotiation and war cases above seen from the target
 * (costs 1 and 0.75), and the problem a choice creates on the built-in scenario. */
static void test_backlash(void **state)
{
    (void)state;
    const double c[] = {3, 1}, x[] = {0, 100}, s[] = {1, 1};
    fc_problem p;
    make_problem(&p, 2, c, x, s);
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    fc_crisis_input in = {&p, NULL, NULL};
    fc_crisis_backlash *b = NULL;
    fc_error err;
    assert_int_equal(fc_crisis_backlash_run(&in, 1, &o, &b, &err), FC_OK);
    assert_int_equal(b->decider, 1);
    assert_int_equal(b->n_pairs, 1);
    assert_int_equal(b->pairs[0].challenger, 0);
    assert_int_equal(b->pairs[0].target, 1);
    assert_int_equal(b->n_challengers, 1);
    assert_int_equal(b->n_crises, 1);
    assert_int_equal(b->n_wars, 0);
    assert_near(b->cost, 1.0);
    assert_near(b->net_cost, 1.0);
    fc_crisis_backlash_free(b);
    /* The strong side as decider: the weak one (P = 1/4) has no reason to challenge
     * (E = -1), and their game (the weak side first) also ends in negotiation, worth
     * 3/4 * 2 - 1/4 * 2 = 1 to the strong side: a gain, so no cost and a net cost of -1. */
    assert_int_equal(fc_crisis_backlash_run(&in, 0, &o, &b, &err), FC_OK);
    assert_int_equal(b->n_pairs, 1);
    assert_int_equal(b->n_challengers, 0);
    assert_int_equal(b->pairs[0].outcome, FC_IIG_NEGO);
    assert_int_equal(b->n_crises, 1);
    assert_near(b->cost, 0.0);
    assert_near(b->net_cost, -1.0);
    fc_crisis_backlash_free(b);
    assert_int_equal(fc_crisis_backlash_run(&in, 2, &o, &b, &err), FC_EUSAGE);
    assert_string_equal(err.field, "decider");
    fc_problem_free(&p);

    const double c2[] = {5, 3}, x2[] = {20, 70}, s2[] = {0.6, 1};
    make_problem(&p, 2, c2, x2, s2);
    o.gamma = 0.25;
    assert_int_equal(fc_crisis_backlash_run(&in, 1, &o, &b, &err), FC_OK);
    assert_int_equal(b->n_wars, 1);
    assert_true(fabs(b->cost - 0.75) < 1e-12);
    fc_crisis_backlash_free(b);
    fc_problem_free(&p);

    fc_scenario *sc = NULL;
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml", NULL, &sc, &err), FC_OK);
    size_t dec = 0;
    assert_int_equal(fc_crisis_problem_for_choice(sc, "embrace", &p, &dec, &err), FC_OK);
    assert_string_equal(p.actor_ids[dec], "AZE");
    assert_int_equal(p.n_dims, sc->n_issues);
    long d = fc_scenario_issue_index(sc, "alignment");
    assert_true(d >= 0);
    assert_near(p.position[dec * p.n_dims + (size_t)d], 95.0);
    fc_problem_free(&p);
    assert_int_equal(fc_crisis_problem_for_choice(sc, NULL, &p, &dec, &err), FC_OK);
    long aze = fc_scenario_actor_index(sc, "AZE");
    assert_near(p.position[dec * p.n_dims + (size_t)d], sc->actors[aze].stances[d].position.value);
    fc_problem_free(&p);
    assert_int_equal(fc_crisis_problem_for_choice(sc, "no-such-choice", &p, &dec, &err), FC_EUSAGE);
    assert_string_equal(err.field, "choices");
    fc_scenario_free(sc);
}

/* The multi-issue Azerbaijan case (scenarios/azerbaijan-2014.yaml, the built-in case): a choice moves the
 * decider on every issue it names and on no other; named relation kinds take the ties the
 * options give them (Georgia's non-aggression pact with Azerbaijan, Armenia's rivalry plus a
 * coded defence clause: -1 + 0.5 = -0.5); the backlash covers every other actor. */
static void test_multi_issue_choice(void **state)
{
    (void)state;
    fc_scenario *sc = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014.yaml", NULL, &sc, &err),
                     FC_OK);
    fc_problem base, p;
    size_t dec = 0, dec2 = 0;
    assert_int_equal(fc_crisis_problem_for_choice(sc, NULL, &base, &dec, &err), FC_OK);
    assert_int_equal(fc_crisis_problem_for_choice(sc, "scale-back", &p, &dec2, &err), FC_OK);
    assert_int_equal(dec, dec2);
    assert_string_equal(p.actor_ids[dec], "AZE");
    long choice = fc_scenario_choice_index(sc, "scale-back");
    assert_true(choice >= 0);
    const fc_choice *ch = &sc->choices[choice];
    size_t nd = p.n_dims;
    for (size_t d = 0; d < nd; d++) {
        double want = base.position[dec * nd + d];
        for (size_t k = 0; k < ch->n_positions; k++)
            if (fc_scenario_issue_index(sc, ch->positions[k].issue) == (long)d)
                want = ch->positions[k].position;
        assert_near(p.position[dec * nd + d], want);
    }
    for (size_t i = 0; i < p.n_actors * nd; i++)
        if (i / nd != dec)
            assert_near(p.position[i], base.position[i]);

    const fc_crisis_kind_tie kinds[] = {{"non-aggression", 0.4}, {"atop-defence-coded", 0.5}};
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    o.kind_ties = kinds;
    o.n_kind_ties = 2;
    size_t n = p.n_actors;
    double *ties = calloc(n * n, sizeof *ties);
    assert_non_null(ties);
    assert_int_equal(fc_crisis_ties_from_scenario(sc, &p, &o, ties, &err), FC_OK);
    long geo = -1, arm = -1;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(p.actor_ids[i], "GEO"))
            geo = (long)i;
        if (!strcmp(p.actor_ids[i], "ARM"))
            arm = (long)i;
    }
    assert_true(geo >= 0 && arm >= 0);
    assert_near(ties[(size_t)geo * n + dec], 0.4);
    assert_near(ties[dec * n + (size_t)arm], -0.5);
    fc_crisis_input in = {&p, ties, NULL};
    fc_crisis_backlash *b = NULL;
    assert_int_equal(fc_crisis_backlash_run(&in, dec, &o, &b, &err), FC_OK);
    assert_int_equal(b->n_pairs, n - 1);
    for (size_t k = 0; k < b->n_pairs; k++)
        assert_int_equal(b->pairs[k].target, dec);
    fc_crisis_backlash_free(b);
    fc_crisis_kind_tie bad = {"alliance", 3.0};
    o.kind_ties = &bad;
    o.n_kind_ties = 1;
    assert_int_equal(fc_crisis_ties_from_scenario(sc, &p, &o, ties, &err), FC_EUSAGE);
    assert_string_equal(err.field, "kind_ties");
    free(ties);
    fc_problem_free(&p);
    fc_problem_free(&base);
    fc_scenario_free(sc);
}

static void test_errors(void **state)
{
    (void)state;
    const double c[] = {1, 1}, x[] = {0, 100}, s[] = {1, 1};
    fc_problem p;
    make_problem(&p, 2, c, x, s);
    free(p.actor_ids[0]);
    p.actor_ids[0] = strdup("RUS");
    fc_crisis_options o;
    fc_crisis_options_init(&o);
    fc_crisis_result *r = NULL;
    fc_error err;
    fc_crisis_input in = {&p, NULL, NULL};

    p.capability[0] = -1.0;
    assert_int_equal(fc_crisis_run(&in, &o, &r, &err), FC_EINPUT);
    assert_string_equal(err.field, "actors[RUS].capability");
    assert_null(r);
    p.capability[0] = 1.0;

    p.salience[1] = 1.5;
    assert_int_equal(fc_crisis_run(&in, &o, &r, &err), FC_EINPUT);
    assert_string_equal(err.field, "actors[?].salience");
    p.salience[1] = 1.0;

    double risk[] = {0.0, 2.0};
    in.risk = risk;
    assert_int_equal(fc_crisis_run(&in, &o, &r, &err), FC_EINPUT);
    in.risk = NULL;

    double ties[] = {0, -3, -3, 0};
    in.ties = ties;
    assert_int_equal(fc_crisis_run(&in, &o, &r, &err), FC_EINPUT);
    in.ties = NULL;

    o.tie_weight = 2.0;
    assert_int_equal(fc_crisis_run(&in, &o, &r, &err), FC_EUSAGE);
    assert_string_equal(err.field, "tie_weight");
    fc_crisis_options_init(&o);
    o.gamma = NAN;
    assert_int_equal(fc_crisis_run(&in, &o, &r, &err), FC_EUSAGE);
    assert_string_equal(err.field, "gamma");
    fc_crisis_options_init(&o);

    p.n_actors = 1;
    assert_int_equal(fc_crisis_run(&in, &o, &r, &err), FC_EINPUT);
    p.n_actors = 2;
    p.scale_max[0] = 0.0;
    assert_int_equal(fc_crisis_run(&in, &o, &r, &err), FC_EINPUT);
    p.scale_max[0] = 100.0;
    assert_int_equal(fc_crisis_run(&in, &o, &r, &err), FC_OK);
    fc_crisis_result_free(r);
    fc_problem_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_actors_negotiate),
        cmocka_unit_test(test_two_actors_war),
        cmocka_unit_test(test_third_party_tie),
        cmocka_unit_test(test_no_stakes),
        cmocka_unit_test(test_security_risk),
        cmocka_unit_test(test_iig_solve_tables),
        cmocka_unit_test(test_property_capability),
        cmocka_unit_test(test_1981_third_party_falls),
        cmocka_unit_test(test_property_ally),
        cmocka_unit_test(test_property_symmetry),
        cmocka_unit_test(test_builtin_relations),
        cmocka_unit_test(test_backlash),
        cmocka_unit_test(test_multi_issue_choice),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
