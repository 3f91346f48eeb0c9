/* The international interaction game of War and Reason (Bueno de Mesquita & Lalman 1992):
 * the utilities of its eight outcomes, as EUGene builds them (Bennett & Stam 2000), and its
 * subgame-perfect outcome under complete information (docs/models/interaction-game.md). */
#include "fulcrum/crisis.h"

static const char *const outcome_ids[FC_IIG_N_OUTCOMES] = {
    "sq", "acq_a", "acq_b", "nego", "cap_a", "cap_b", "war_a", "war_b",
};

static const char *const outcome_names[FC_IIG_N_OUTCOMES] = {
    "status quo",
    "acquiescence by A",
    "acquiescence by B",
    "negotiation",
    "capitulation by A",
    "capitulation by B",
    "war started by A",
    "war started by B",
};

const char *fc_iig_outcome_id(fc_iig_outcome o)
{
    return (unsigned)o < FC_IIG_N_OUTCOMES ? outcome_ids[o] : "?";
}

const char *fc_iig_outcome_name(fc_iig_outcome o)
{
    return (unsigned)o < FC_IIG_N_OUTCOMES ? outcome_names[o] : "?";
}

/* The domestic cost of using force. War and Reason ties it to the status quo's value; EUGene
 * offers the printed form and a version moved onto 0..1, because with risk exponents
 * U(SQ) = 2 - 4 (1/2)^r can be negative, which turns the cost into a reward for force. */
static double side_phi(const fc_iig_side *s, const fc_crisis_options *o)
{
    switch (o->phi_rule) {
    case FC_CRISIS_PHI_ADJUSTED:
        return (s->u_sq + 1.0) / 2.0;
    case FC_CRISIS_PHI_CONSTANT:
        return o->phi;
    case FC_CRISIS_PHI_SQ:
    default:
        return s->u_sq;
    }
}

/* One side's utilities. `first` says whether this side is A (its own acquiescence, capitulation
 * and first strike are the _A outcomes). The war lotteries are the negotiation lottery minus
 * the domestic cost phi P and the cost of fighting times (1 - P): alpha for the side that
 * strikes first, tau for the side struck (alpha < tau is the first-strike advantage). */
static void side_payoffs(const fc_iig_side *s, const fc_crisis_options *o, int first, double u[FC_IIG_N_OUTCOMES])
{
    double p = s->p_win, phi = side_phi(s, o);
    double nego = p * s->u_own + (1.0 - p) * s->u_other;
    double force = phi * p;
    double acq_self = s->u_other, acq_other = s->u_own;
    double cap_self = s->u_other - o->gamma * (1.0 - p);
    double cap_other = s->u_own - force;
    double war_self = nego - force - o->alpha * (1.0 - p);
    double war_other = nego - force - o->tau * (1.0 - p);
    u[FC_IIG_SQ] = s->u_sq;
    u[FC_IIG_NEGO] = nego;
    u[first ? FC_IIG_ACQ_A : FC_IIG_ACQ_B] = acq_self;
    u[first ? FC_IIG_ACQ_B : FC_IIG_ACQ_A] = acq_other;
    u[first ? FC_IIG_CAP_A : FC_IIG_CAP_B] = cap_self;
    u[first ? FC_IIG_CAP_B : FC_IIG_CAP_A] = cap_other;
    u[first ? FC_IIG_WAR_A : FC_IIG_WAR_B] = war_self;
    u[first ? FC_IIG_WAR_B : FC_IIG_WAR_A] = war_other;
}

void fc_iig_payoffs(const fc_iig_side *a, const fc_iig_side *b, const fc_crisis_options *o,
                    double ua[FC_IIG_N_OUTCOMES], double ub[FC_IIG_N_OUTCOMES])
{
    side_payoffs(a, o, 1, ua);
    side_payoffs(b, o, 0, ub);
}

/* The mover at a node takes the first branch only when it is strictly better for it. The node
 * order and this tie rule are EUGene's (solveOriginal), so exact ties resolve as there: toward
 * demanding at both first moves, toward acquiescing when answering a demand, toward force in
 * both crises, and toward fighting back after the other side's force. */
static fc_iig_outcome pick(const double *u, fc_iig_outcome first, fc_iig_outcome second)
{
    return u[first] > u[second] ? first : second;
}

fc_iig_outcome fc_iig_solve(const double ua[FC_IIG_N_OUTCOMES], const double ub[FC_IIG_N_OUTCOMES])
{
    /* The crisis after A demanded and B resisted: A moves first (force or not). */
    fc_iig_outcome a_struck_back = pick(ua, FC_IIG_CAP_A, FC_IIG_WAR_B);  /* A after B's force */
    fc_iig_outcome b_struck = pick(ub, FC_IIG_CAP_B, FC_IIG_WAR_A);       /* B after A's force */
    fc_iig_outcome b_waits = ub[FC_IIG_NEGO] > ub[a_struck_back] ? FC_IIG_NEGO : a_struck_back;
    fc_iig_outcome a_crisis = ua[b_waits] > ua[b_struck] ? b_waits : b_struck;
    /* The crisis after B demanded and A resisted: B moves first. */
    fc_iig_outcome a_waits = ua[FC_IIG_NEGO] > ua[b_struck] ? FC_IIG_NEGO : b_struck;
    fc_iig_outcome b_crisis = ub[a_waits] > ub[a_struck_back] ? a_waits : a_struck_back;
    /* A demanded: B acquiesces or resists (ties: acquiesce). */
    fc_iig_outcome after_a_demand = ub[a_crisis] > ub[FC_IIG_ACQ_B] ? a_crisis : FC_IIG_ACQ_B;
    /* B demanded: A acquiesces or resists (ties: acquiesce). */
    fc_iig_outcome after_b_demand = ua[b_crisis] > ua[FC_IIG_ACQ_A] ? b_crisis : FC_IIG_ACQ_A;
    /* A did not demand: B keeps the status quo only when that is strictly better. */
    fc_iig_outcome a_quiet = ub[FC_IIG_SQ] > ub[after_b_demand] ? FC_IIG_SQ : after_b_demand;
    /* A's first move: stay quiet only when strictly better than demanding. */
    return ua[a_quiet] > ua[after_a_demand] ? a_quiet : after_a_demand;
}
