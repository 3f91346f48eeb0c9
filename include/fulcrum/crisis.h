/* Crisis bargaining between pairs of actors: Bueno de Mesquita's expected utility of
 * challenging (The War Trap, 1981; "The War Trap Revisited", 1985) and the international
 * interaction game of War and Reason (Bueno de Mesquita & Lalman, 1992), computed the way
 * EUGene computes them (Bennett & Stam 2000) from positions on issue scales instead of
 * alliance portfolios. Formulas: docs/models/war-trap.md and docs/models/interaction-game.md. */
#ifndef FULCRUM_CRISIS_H
#define FULCRUM_CRISIS_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/error.h"
#include "fulcrum/problem.h"
#include "fulcrum/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which published expected utility of challenging decides whether i challenges j. */
typedef enum fc_crisis_eu_variant {
    FC_CRISIS_EU_1985 = 0, /* "revised": s_j [P U(Di) + (1-P) U(Dj)] + (1-s_j) U(Di) - U(SQ),
                              with the vote-sum probability P (Bueno de Mesquita 1985) */
    FC_CRISIS_EU_1981      /* "war_trap": bilateral (2 P_i - 1)(1 - U_ij) plus the third
                              parties' sum (P_ik + P_jk - 1)(U_ki - U_kj) (1981, as EUGene) */
} fc_crisis_eu_variant;

/* The domestic cost of using force, phi, of the interaction game. */
typedef enum fc_crisis_phi {
    FC_CRISIS_PHI_SQ = 0,   /* "sq": phi_i = U_i(SQ), War and Reason as EUGene's "unadjusted" */
    FC_CRISIS_PHI_ADJUSTED, /* "adjusted": phi_i = (U_i(SQ) + 1) / 2, EUGene's "adjusted phi" */
    FC_CRISIS_PHI_CONSTANT  /* "constant": phi_i = options.phi for every actor */
} fc_crisis_phi;

/* Where the risk attitudes R_i come from when the input gives none. */
typedef enum fc_crisis_risk {
    FC_CRISIS_RISK_NEUTRAL = 0, /* "neutral": R_i = 0, r_i = 1 for every actor */
    FC_CRISIS_RISK_SECURITY     /* "security": The War Trap Revisited's measure, i's actual
                                   security against the most and least secure positions it
                                   could hold (docs/models/war-trap.md) */
} fc_crisis_risk;

/* The tie a relation of a named kind stands for (e.g. "non-aggression" 0.3). */
typedef struct fc_crisis_kind_tie {
    const char *kind;
    double tie;               /* in [-1, 1] */
} fc_crisis_kind_tie;

typedef struct fc_crisis_options {
    fc_crisis_eu_variant eu;  /* default FC_CRISIS_EU_1985 */
    fc_crisis_risk risk;      /* default FC_CRISIS_RISK_NEUTRAL; ignored when the input has risk */
    int salience_weighted;    /* 1 (default): distances count by the judging actor's saliences */
    double tie_weight;        /* in [0, 1], default 0.5: how far a tie of +1/-1 moves an affinity */
    double alliance_tie;      /* tie of a relation of kind "alliance"; default +1 */
    double rivalry_tie;       /* tie of a relation of kind "rivalry"; default -1 */
    double other_tie;         /* tie of any other named kind; default 0 */
    const fc_crisis_kind_tie *kind_ties; /* NULL or n_kind_ties named kinds, looked up first */
    size_t n_kind_ties;
    fc_crisis_phi phi_rule;   /* default FC_CRISIS_PHI_ADJUSTED */
    double phi;               /* the constant phi (phi_rule = constant); default 0.5 */
    double alpha;             /* cost of war to the side that strikes first, times (1 - P); 0.5 */
    double tau;               /* cost of war to the side struck first, times (1 - P); 1 */
    double gamma;             /* cost of capitulating, times (1 - P); 1 */
} fc_crisis_options;

/* Fills the defaults above (EUGene's constants alpha 0.5, tau 1, gamma 1, and its adjusted
 * phi = (U(SQ) + 1) / 2, which keeps the cost of force >= 0 whatever the risk attitude). */
FC_API void fc_crisis_options_init(fc_crisis_options *o);

/* The outcomes of the international interaction game. A is the first mover (the potential
 * challenger), B the other side (the target). */
typedef enum fc_iig_outcome {
    FC_IIG_SQ = 0, /* status quo: neither demands */
    FC_IIG_ACQ_A,  /* A acquiesces to B's demand */
    FC_IIG_ACQ_B,  /* B acquiesces to A's demand */
    FC_IIG_NEGO,   /* negotiation */
    FC_IIG_CAP_A,  /* A capitulates to B's use of force */
    FC_IIG_CAP_B,  /* B capitulates to A's use of force */
    FC_IIG_WAR_A,  /* war started by A */
    FC_IIG_WAR_B,  /* war started by B */
    FC_IIG_N_OUTCOMES
} fc_iig_outcome;

/* "sq", "acq_a", "acq_b", "nego", "cap_a", "cap_b", "war_a", "war_b". */
FC_API const char *fc_iig_outcome_id(fc_iig_outcome o);
/* "status quo", "acquiescence by A", ..., "war started by B". */
FC_API const char *fc_iig_outcome_name(fc_iig_outcome o);

/* What one side brings to the game: its utility for its own demand, for the other side's
 * demand and for the status quo, and its probability of prevailing. */
typedef struct fc_iig_side {
    double u_own;   /* U(D_self) */
    double u_other; /* U(D_other) */
    double u_sq;    /* U(SQ) */
    double p_win;   /* in [0, 1] */
} fc_iig_side;

/* The utilities of the eight outcomes for A and B (indexed by fc_iig_outcome), built as
 * EUGene builds them from War and Reason (docs/models/interaction-game.md). */
FC_API void fc_iig_payoffs(const fc_iig_side *a, const fc_iig_side *b, const fc_crisis_options *o,
                           double ua[FC_IIG_N_OUTCOMES], double ub[FC_IIG_N_OUTCOMES]);

/* The subgame-perfect outcome of the game under complete information (backward induction,
 * ties broken as EUGene breaks them). */
FC_API fc_iig_outcome fc_iig_solve(const double ua[FC_IIG_N_OUTCOMES], const double ub[FC_IIG_N_OUTCOMES]);

/* One ordered pair: i (challenger, A) and j (target, B). */
typedef struct fc_crisis_pair {
    size_t challenger, target;
    double affinity;        /* U_ij in [-1, 1]: i's utility for j's position, ties included */
    double affinity_target; /* U_ji */
    double p_bilateral;     /* C_i / (C_i + C_j) (The War Trap) */
    double eu_bilateral;    /* (2 p_bilateral - 1)(1 - U_ij) */
    double eu_multilateral; /* sum over third parties k of (P_ik + P_jk - 1)(U_ki - U_kj) */
    double eu_1981;         /* eu_bilateral + eu_multilateral */
    double p_win;           /* P_ij: capability-weighted support of every actor, incl. i and j */
    double eu_1985;         /* the revised expected utility of i challenging j */
    double eu_challenge;    /* the variant the options chose */
    double eu_target;       /* the same variant for j challenging i */
    int challenges;         /* eu_challenge > 0: i has reason to challenge j */
    double u_a[FC_IIG_N_OUTCOMES]; /* the game's utilities for i (A) */
    double u_b[FC_IIG_N_OUTCOMES]; /* and for j (B) */
    fc_iig_outcome outcome;        /* the game's subgame-perfect outcome */
    double target_cost;     /* U_j(SQ) - U_j(outcome): what the crisis costs the target */
    double challenger_gain; /* U_i(outcome) - U_i(SQ) */
} fc_crisis_pair;

/* Optional inputs beside the problem. */
typedef struct fc_crisis_input {
    const fc_problem *problem; /* capabilities, positions, saliences (0..1), scales */
    const double *ties;        /* NULL or n x n row-major ties in [-1, 1] (diagonal ignored) */
    const double *risk;        /* NULL or n risk attitudes R_i in [-1, 1]; NULL = options.risk */
} fc_crisis_input;

typedef struct fc_crisis_result {
    size_t n_actors;
    fc_crisis_pair *pairs; /* n x n, pairs[i * n + j]; the diagonal is zero and unused */
    double *affinity;      /* n x n: U_ij; 1 on the diagonal */
    double *risk;          /* n: the risk attitudes R_i in [-1, 1] used (given or computed) */
    double *r;             /* n: risk exponents r_i = (1 - R_i/3) / (1 + R_i/3) */
} fc_crisis_result;

/* Every ordered pair of the problem's actors (at least two). Fails with FC_EINPUT on a
 * negative or non-finite capability, a salience outside 0..1, an empty scale, a tie or risk
 * outside [-1, 1]; with FC_EUSAGE on an option out of range. */
FC_API fc_status fc_crisis_run(const fc_crisis_input *in, const fc_crisis_options *o, fc_crisis_result **out,
                               fc_error *err);

/* The pair (i, j) of a result, or NULL when i == j or an index is out of range. */
FC_API const fc_crisis_pair *fc_crisis_result_pair(const fc_crisis_result *r, size_t i, size_t j);

FC_API void fc_crisis_result_free(fc_crisis_result *r);

/* Fills ties (n x n for the problem's actors) from the scenario's relations: each relation
 * adds its kind's tie (options.kind_ties, else alliance_tie, rivalry_tie or other_tie) to
 * both directions; sums are clipped to [-1, 1]. Relations naming actors absent from the
 * problem are skipped. */
FC_API fc_status fc_crisis_ties_from_scenario(const fc_scenario *sc, const fc_problem *p, const fc_crisis_options *o,
                                              double *ties, fc_error *err);

/* ---- The backlash a decider faces: every other actor as the potential challenger ---------- */

/* The pairs (k, decider) of one run, and what they add up to for the decider. */
typedef struct fc_crisis_backlash {
    size_t decider;
    fc_crisis_pair *pairs;  /* n_pairs = n_actors - 1: each k challenging the decider, actor order */
    size_t n_pairs;
    size_t n_challengers;   /* pairs with challenges (eu_challenge > 0) */
    size_t n_crises;        /* pairs whose game leaves the status quo */
    size_t n_wars;          /* pairs whose game ends in war (started by either side) */
    double cost;            /* sum of the positive target_cost: what the crises cost the decider */
    double net_cost;        /* sum of every target_cost (crises the decider gains from net out) */
    double *risk;           /* n_actors: the risk attitudes used */
} fc_crisis_backlash;

/* Runs the pairs of in->problem and keeps those aimed at actor `decider`. */
FC_API fc_status fc_crisis_backlash_run(const fc_crisis_input *in, size_t decider, const fc_crisis_options *o,
                                        fc_crisis_backlash **out, fc_error *err);

FC_API void fc_crisis_backlash_free(fc_crisis_backlash *b);

/* The problem a choice creates: every issue of the scenario as a dimension (actors silent on an
 * issue sit at its middle with salience 0), the decider moved to the choice's positions
 * (choice_id NULL = the status quo: positions as the scenario gives them). *decider receives
 * the decider's index. Fails when the scenario names no decider or no such choice. */
FC_API fc_status fc_crisis_problem_for_choice(const fc_scenario *sc, const char *choice_id, fc_problem *p,
                                              size_t *decider, fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
