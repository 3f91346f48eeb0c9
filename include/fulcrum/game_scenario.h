/* The deciding actor's dilemma as an extensive game (docs/games.md): built from a scenario,
 * solved for its subgame-perfect and Nash equilibria, and its equilibrium path told in
 * words (src/analysis/dilemma_game.c, game_scenario.c). No GMP needed. */
#ifndef FULCRUM_GAME_SCENARIO_H
#define FULCRUM_GAME_SCENARIO_H

#include "fulcrum/export.h"

#include <stdbool.h>

#include "fulcrum/crisis.h"
#include "fulcrum/error.h"
#include "fulcrum/game.h"
#include "fulcrum/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The decider keeps its position (the status quo) or picks one of the scenario's choices,
 * then every responder (scenario field `responders`) answers Accommodate or Pressure without
 * seeing the other responders' answers. Pressure pulls the realised position toward the
 * presser's own by `effect` times its share of capability with the decider; it costs the
 * presser `pressure_cost` and the decider `pressured_cost` times the presser's capability /
 * 100. Payoffs are the actors' spatial utilities (0-100, weighted by salience) of the realised
 * position minus those costs, rounded to 0.01 and then exact. */
typedef struct fc_dilemma_game_options {
    double pressure_cost;   /* default 5 */
    double pressured_cost;  /* default 10 */
    double effect;          /* default 0.25 */
} fc_dilemma_game_options;

FC_API void fc_dilemma_game_options_init(fc_dilemma_game_options *opt);
/* The defaults, replaced by the costs the scenario declares in its `game:` block. */
FC_API void fc_dilemma_game_options_from_scenario(fc_dilemma_game_options *opt, const fc_scenario *sc);
/* Fails (field "pressure_cost", "pressured_cost" or "effect") on a negative or non-finite
 * cost, and on a scenario without a decider, choices or responders. */
FC_API fc_status fc_game_from_scenario(const fc_scenario *sc, const fc_dilemma_game_options *opt,
                                       fc_game **out, fc_error *err);

/* The dilemma game solved: its subgame-perfect equilibria (spe) and its Nash equilibria,
 * every extreme one (enummixed) for two players, the pure ones (enumpure) for more. */
typedef struct fc_dilemma_game_result {
    fc_equilibria spe;
    fc_equilibria nash;
    bool nash_mixed;        /* nash comes from enummixed */
} fc_dilemma_game_result;

FC_API fc_status fc_dilemma_game_solve(const fc_game *g, fc_dilemma_game_result *out,
                                       fc_error *err);
FC_API void fc_dilemma_game_result_free(fc_dilemma_game_result *r);

/* The path a behaviour profile of a game built by fc_game_from_scenario takes, in words:
 * one line per choice the decider makes with positive probability, "  <decider> chooses
 * "<choice>"; then <responder> accommodates, ...", and a line of expected payoffs (2
 * decimals). The caller frees *text. */
FC_API fc_status fc_dilemma_game_path_text(const fc_game *g, const fc_profile *pr, char **text,
                                           fc_error *err);

/* ---- The dilemma as a crisis game (docs/dilemma-game.md, src/analysis/dilemma_crisis_game.c) -
 * The decider picks the status quo or one of its choices; then each potential challenger
 * plays the challenger's branch of Bueno de Mesquita & Lalman's international interaction
 * game against it (demand or not; acquiesce or resist; force or not; give in or fight), with
 * the utilities fc_crisis_run computes for the problem the choice creates. Nature first draws
 * each challenger's resolve (hawk with probability hawk_prior, else dove); the challenger
 * knows its type, the decider does not. */

/* At most this many challengers, so the whole tree ((choices + 1) * 14^challengers leaves)
 * stays writable and each crisis solves in milliseconds. */
#define FC_DILEMMA_CRISIS_MAX_CHALLENGERS 4

typedef enum fc_dilemma_crisis_solver {
    FC_DILEMMA_CRISIS_LOGIT = 0, /* logit agent QRE traced to lambda = 1e6 (default): its limit
                                    is a sequential equilibrium, one selected by the tracing */
    FC_DILEMMA_CRISIS_LCP        /* Lemke on the sequence form: an exact Nash equilibrium */
} fc_dilemma_crisis_solver;

typedef struct fc_dilemma_crisis_game_options {
    fc_crisis_options crisis;   /* the interaction game's costs, ties and risk (defaults) */
    double hawk_prior;          /* P(a challenger is a hawk) in [0, 1]; NaN (default) = the
                                   scenario's game.hawk_prior, else 0.5 */
    double resolve_margin;      /* > 0, default 0.25: how far (War and Reason's utility units)
                                   a hawk ranks war above, a dove below, capitulating and
                                   negotiating */
    double backlash_weight;     /* >= 0: the decider's utility per unit of crisis utility;
                                   NaN (default) = the scenario's backlash.weight, else 0.1 */
    size_t max_challengers;     /* default 3, at most FC_DILEMMA_CRISIS_MAX_CHALLENGERS */
    fc_dilemma_crisis_solver solver;
} fc_dilemma_crisis_game_options;

FC_API void fc_dilemma_crisis_game_options_init(fc_dilemma_crisis_game_options *o);

/* One challenger's crisis under one choice. Utilities indexed by fc_iig_outcome (A = the
 * challenger, B = the decider); prob[] is the equilibrium's probability of each outcome, the
 * types weighted by the prior; prob_hawk[] and prob_dove[] given the type. */
typedef struct fc_dilemma_crisis {
    size_t challenger;          /* scenario actor index */
    double p_win;               /* the challenger's probability of prevailing (crisis model) */
    double u_hawk[FC_IIG_N_OUTCOMES], u_dove[FC_IIG_N_OUTCOMES], u_decider[FC_IIG_N_OUTCOMES];
    double prob[FC_IIG_N_OUTCOMES], prob_hawk[FC_IIG_N_OUTCOMES], prob_dove[FC_IIG_N_OUTCOMES];
    double value;               /* the decider's expected utility of the crisis, minus U_B(SQ) */
    double *realised;           /* n_issues: the decider's expected position after it */
} fc_dilemma_crisis;

typedef struct fc_dilemma_crisis_choice {
    char *id, *label;           /* "status-quo" / "Status quo" first, then the scenario's */
    double *position;           /* n_issues: the decider's position under the choice */
    double *realised;           /* n_issues: after every crisis (their shifts add; clipped) */
    double base;                /* -sum_d s_d |position_d - stance_d| / range_d */
    double value;               /* base + weight * sum of the crises' value */
    double p_war, p_capitulation, p_negotiation, p_acquiescence; /* any crisis, by kind: 1 -
                                   prod over challengers of (1 - P(kind in that crisis)) */
    fc_dilemma_crisis *crises;  /* n_challengers */
} fc_dilemma_crisis_choice;

typedef struct fc_dilemma_crisis_game {
    char *decider_name;
    size_t decider;                 /* scenario actor index */
    size_t n_choices, n_challengers, n_issues;
    char **challenger_names;        /* n_challengers */
    char **issue_ids;               /* n_issues */
    fc_dilemma_crisis_choice *choices; /* n_choices (status quo first) */
    size_t best;                    /* the decider's equilibrium choice (first of equal values) */
    double hawk_prior, weight;
    char prior_source[256];         /* "option", the scenario's source, or the default's note */
    char weight_source[256];
    fc_dilemma_crisis_solver solver;
    char note[512];                 /* the solver's note (logit failing its check, etc.) */
    fc_dilemma_crisis_game_options options;
} fc_dilemma_crisis_game;

/* Builds and solves every crisis of every choice. Fails on a scenario without a decider or
 * choices, with more challengers than the bound (field "responders"), on options out of
 * range (fields "hawk_prior", "resolve_margin", "backlash_weight", "max_challengers", "solver"). */
FC_API fc_status fc_dilemma_crisis_game_build(const fc_scenario *sc, const fc_dilemma_crisis_game_options *o,
                                              fc_dilemma_crisis_game **out, fc_error *err);
FC_API void fc_dilemma_crisis_game_free(fc_dilemma_crisis_game *g);

/* The whole game as one extensive form (decider, then the challengers in order, each with
 * its chance move), for writing as .efg. Payoffs rounded to 1e-6 and then exact. */
FC_API fc_status fc_dilemma_crisis_game_tree(const fc_dilemma_crisis_game *g, fc_game **out, fc_error *err);

/* One challenger's crisis alone as a two-player game (the decider, then the challenger),
 * from given utilities: the game each crisis is solved on. */
FC_API fc_status fc_dilemma_crisis_game_pair(const char *decider, const char *challenger,
                                             const double u_hawk[FC_IIG_N_OUTCOMES],
                                             const double u_dove[FC_IIG_N_OUTCOMES],
                                             const double u_decider[FC_IIG_N_OUTCOMES], double hawk_prior,
                                             fc_game **out, fc_error *err);

/* Solves a game made by fc_dilemma_crisis_game_pair: the probability of each outcome given
 * each type (prob_hawk, prob_dove). note (NULL or 512 bytes) receives a warning when the logit
 * end point fails its regret check, else "". */
FC_API fc_status fc_dilemma_crisis_pair_solve(const fc_game *pair, fc_dilemma_crisis_solver solver,
                                              double prob_hawk[FC_IIG_N_OUTCOMES],
                                              double prob_dove[FC_IIG_N_OUTCOMES], char *note, fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
