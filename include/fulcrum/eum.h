/* The expected-utility model (Bueno de Mesquita 1994, 2002; Scholz, Calbert & Smith 2011):
 * actors challenge one another round after round and the offers they accept move positions.
 * One engine, with every detail the published descriptions leave open as a named switch
 * (specification: docs/models/eum.md); a preset is a filled fc_eum_options struct. */
#ifndef FULCRUM_EUM_H
#define FULCRUM_EUM_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/error.h"
#include "fulcrum/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most actors the model takes. A round compares every pair (n^2 offers and votes): 10,000
 * actors take about 12 s for 10 rounds on one core of 2026 (4,000 take 1.9 s), 100,000 would take
 * about 20 minutes, and the published cases have tens of actors (docs/limits.md). */
#define FC_EUM_MAX_ACTORS 10000

/* Denominator of the probability of success P(a, b). */
typedef enum fc_eum_denominator {
    FC_EUM_DEN_ALL_PAIRS = 0, /* all_pairs: sum of |votes| over every voter and every ordered
                                 pair of actors' positions (Scholz's code) */
    FC_EUM_DEN_PAIRWISE       /* pairwise: sum of |votes| on this pair, so P_ab + P_ba = 1 */
} fc_eum_denominator;

/* Exponent of the distances in a vote. */
typedef enum fc_eum_vote_exponent {
    FC_EUM_VOTE_VOTER_R = 0, /* voter_r: the voter's current risk exponent */
    FC_EUM_VOTE_ONE          /* one: linear votes */
} fc_eum_vote_exponent;

/* When the risk exponents of a round are assigned. */
typedef enum fc_eum_risk_update {
    FC_EUM_RISK_SIMULTANEOUS = 0, /* simultaneous: all from the r = 1 state, assigned together */
    FC_EUM_RISK_SEQUENTIAL        /* sequential: actor by actor, later ones seeing earlier ones */
} fc_eum_risk_update;

/* Whose risk exponent evaluates the sender's gain E_ji in the offer stage. */
typedef enum fc_eum_perspective {
    FC_EUM_PERSPECTIVE_RECEIVER = 0, /* receiver: the receiver's r_i (Scholz's code) */
    FC_EUM_PERSPECTIVE_OWN           /* own: the sender's r_j (eq. 25b as printed) */
} fc_eum_perspective;

/* Resistance salience of E_ji (and of the risk step's security sum). */
typedef enum fc_eum_ji_salience {
    FC_EUM_SALIENCE_TARGET = 0, /* target: s_i, the challenged actor's salience */
    FC_EUM_SALIENCE_ALTER       /* alter: s_j (eq. 25b as printed) */
} fc_eum_ji_salience;

typedef enum fc_eum_q_term {
    FC_EUM_Q_SQ_ONLY = 0, /* sq_only: subtract Q * Usq */
    FC_EUM_Q_FULL         /* full: also (1 - Q) * (T * Ub + (1 - T) * Uw) */
} fc_eum_q_term;

typedef enum fc_eum_t_rule {
    FC_EUM_T_ONE = 0, /* one: T = 1 */
    FC_EUM_T_ZERO,    /* zero: T = 0 */
    FC_EUM_T_PREANA   /* preana: T = 1 if |x_a - mu| < |x_a - x_b| else 0 */
} fc_eum_t_rule;

typedef enum fc_eum_mu {
    FC_EUM_MU_MEDIAN = 0, /* median: the vote-tournament median of the round's start */
    FC_EUM_MU_MEAN        /* mean: the weighted mean of the round's start */
} fc_eum_mu;

typedef enum fc_eum_offer_choice {
    FC_EUM_CHOICE_CONFLICT_FIRST_CLOSEST = 0, /* conflict_first_closest (Scholz's code) */
    FC_EUM_CHOICE_LEAST_MOVE,                 /* least_move (the paper) */
    FC_EUM_CHOICE_MAX_SENDER_EU               /* max_sender_eu (no preset) */
} fc_eum_offer_choice;

typedef enum fc_eum_compromise_key {
    FC_EUM_KEY_ABS_WEIGHTED = 0, /* abs_weighted (A) */
    FC_EUM_KEY_SIGNED_WEIGHTED   /* signed_weighted (B') */
} fc_eum_compromise_key;

typedef enum fc_eum_compromise_point {
    FC_EUM_POINT_CONCESSION = 0,  /* concession: x_i + (x_j - x_i) |E_ij / E_ji| */
    FC_EUM_POINT_WEIGHTED_AVERAGE /* weighted_average: EU-weighted mean of x_i and x_j */
} fc_eum_compromise_point;

typedef enum fc_eum_range_d {
    FC_EUM_RANGE_INITIAL = 0, /* initial: D = range of the input positions, fixed */
    FC_EUM_RANGE_CURRENT      /* current: D recomputed at the start of every round */
} fc_eum_range_d;

typedef enum fc_eum_median_candidates {
    FC_EUM_MEDIAN_DISTINCT_ASCENDING = 0, /* distinct_ascending */
    FC_EUM_MEDIAN_ACTOR_ORDER             /* actor_order: all positions in input order */
} fc_eum_median_candidates;

typedef enum fc_eum_moves {
    FC_EUM_MOVES_SIMULTANEOUS = 0 /* simultaneous: the only value the spec defines */
} fc_eum_moves;

/* Every switch of the specification. Text names (options_set, --set NAME=VALUE) are the
 * field names; enum values are spelled as in the comments above (e.g. "all_pairs"). */
typedef struct fc_eum_options {
    fc_eum_denominator probability_denominator;
    fc_eum_vote_exponent vote_exponent;
    fc_eum_risk_update risk_update;
    fc_eum_perspective eu_perspective;
    fc_eum_ji_salience eu_ji_salience;
    double Q;                          /* in [0, 1] */
    fc_eum_q_term q_term;
    fc_eum_t_rule T;
    fc_eum_mu mu;
    int capitulation;                  /* 1 on, 0 off ("on"/"off") */
    fc_eum_offer_choice offer_choice;
    fc_eum_compromise_key compromise_key;
    fc_eum_compromise_point compromise_point;
    fc_eum_range_d range_D;
    fc_eum_median_candidates median_candidates;
    fc_eum_moves moves;
    size_t rounds;                     /* rounds to play at most; default 10 */
    double tol;                        /* stop after a round in which no actor moved by more than
                                          tol; negative = disabled (the default; "off") */
} fc_eum_options;

/* The presets: "scholz" (the default: Scholz's code as replicated by jmckib), "scholz-fixed"
 * (Scholz's code as replicated by Masad, improved_version) and "bdm-paper" (the printed
 * equations). */
FC_API extern const fc_eum_options fc_eum_preset_scholz;
FC_API extern const fc_eum_options fc_eum_preset_scholz_fixed;
FC_API extern const fc_eum_options fc_eum_preset_bdm_paper;

/* Fills *o with the defaults: the preset "scholz". */
FC_API void fc_eum_options_init(fc_eum_options *o);
/* Fills *o with a named preset (NULL = "scholz"). FC_EUSAGE for an unknown name. */
FC_API fc_status fc_eum_options_preset(fc_eum_options *o, const char *preset, fc_error *err);
/* Sets one switch by its name (a field name above) from text. FC_EUSAGE when unknown. */
FC_API fc_status fc_eum_options_set(fc_eum_options *o, const char *key, const char *value, fc_error *err);

/* The model behind the forecaster interface (name "eum"). Its forecast holds positions,
 * median and mean by round, the point forecast (= the vote-tournament median of each state),
 * a series "risk" (each actor's risk exponent per round; 1 in round 0), every chosen offer as
 * an event (challenger = sender j, target = receiver i, eu_challenger = E_ji,
 * eu_target = E_ij) and an explanation in plain language. */
FC_API extern const fc_model fc_model_eum;

/* Low-level entry point for sweeps: a workspace sized for up to n actors holds every buffer
 * a run needs (O(n^2) doubles: the probability table of the distinct positions), so that
 * fc_eum_solve never allocates. One workspace per thread. */
typedef struct fc_eum_workspace fc_eum_workspace;

FC_API fc_eum_workspace *fc_eum_workspace_new(size_t n);
FC_API void fc_eum_workspace_free(fc_eum_workspace *ws);

/* Runs the model on n actors (n <= the workspace's size): capability cap[k] >= 0, position
 * pos[k], salience sal[k] in [0, 1], fixed[k] != 0 for an actor that never moves (fixed may
 * be NULL). opts NULL = the "scholz" preset. Writes the positions after the last round to
 * final_positions (n values; may be NULL) and the point forecast of the last state (the
 * vote-tournament median) to *forecast_out (may be NULL). Returns FC_EINPUT for invalid
 * numbers (negative capability, salience outside [0, 1], non-finite values, zero total
 * weight) and FC_EUSAGE when n exceeds the workspace. Never allocates; thread-safe with one
 * workspace per thread. */
FC_API fc_status fc_eum_solve(fc_eum_workspace *ws, const fc_eum_options *opts, size_t n,
                              const double *cap, const double *pos, const double *sal,
                              const unsigned char *fixed, double *final_positions, double *forecast_out,
                              fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
