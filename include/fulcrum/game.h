/* Games in strategic (.nfg) and extensive (.efg) form, read and written in Gambit's formats,
 * with exact rational payoffs (GMP mpq), and the equilibrium solvers: enumpure, enummixed,
 * lcp (Lemke-Howson), spe (subgame perfection) and logit (quantal-response tracing). */
#ifndef FULCRUM_GAME_H
#define FULCRUM_GAME_H

#include "fulcrum/export.h"

#include <stdbool.h>
#include <stddef.h>

#include <gmp.h>

#include "fulcrum/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fc_game_form { FC_GAME_STRATEGIC = 0, FC_GAME_EXTENSIVE } fc_game_form;

typedef enum fc_node_kind { FC_NODE_TERMINAL = 0, FC_NODE_PERSONAL, FC_NODE_CHANCE } fc_node_kind;

/* An outcome: a label and one payoff per player. Outcomes are numbered 1.. in files. */
typedef struct fc_game_outcome {
    char *label;
    mpq_t *payoff; /* n_players */
} fc_game_outcome;

/* An information set of a player (player 1..n) or of chance (player 0). */
typedef struct fc_game_infoset {
    int player;
    int number;        /* the number in the file, counted per player */
    char *label;
    size_t n_actions;
    char **actions;
    mpq_t *probs;      /* chance only: one probability per action; NULL otherwise */
    size_t first_node; /* the first node (in preorder) that belongs to it */
} fc_game_infoset;

typedef struct fc_game_node {
    fc_node_kind kind;
    char *label;
    int infoset;       /* index into fc_game.infosets; -1 for terminal nodes */
    int outcome;       /* 1-based index into fc_game.outcomes; 0 = none */
    int parent;        /* -1 for the root */
    int *children;     /* node indices, one per action */
    size_t n_children;
} fc_game_node;

typedef struct fc_game {
    fc_game_form form;
    char *title;
    char *comment;
    size_t n_players;
    char **players;
    size_t n_outcomes;
    fc_game_outcome *outcomes;
    /* Strategic form. */
    size_t *n_strategies;  /* per player */
    char ***strategies;    /* labels, per player */
    size_t n_profiles;     /* product of the strategy counts */
    int *profile_outcome;  /* per profile (player 1 fastest), 1-based outcome or 0 */
    /* Extensive form: nodes in preorder (root = 0); information sets in order of first
     * appearance in that preorder (which is the order Gambit prints behaviour profiles in,
     * once grouped by player). */
    size_t n_nodes;
    fc_game_node *nodes;
    size_t n_infosets;
    fc_game_infoset *infosets;
    /* Problems Gambit 16.7+ refuses but Fulcrum accepts (duplicate labels), one per line. */
    char *warnings;
} fc_game;

/* Reading and writing. Errors carry the line and column of the offending token. */
FC_API fc_status fc_game_parse(const char *text, size_t len, const char *origin, fc_game **out,
                               fc_error *err);
FC_API fc_status fc_game_load(const char *path, fc_game **out, fc_error *err);
/* Writes the game in Gambit's conventions (strategic games in outcome form); the caller
 * frees *text. */
FC_API fc_status fc_game_write(const fc_game *g, char **text, fc_error *err);
FC_API fc_status fc_game_save(const fc_game *g, const char *path, fc_error *err);
FC_API void fc_game_free(fc_game *g);
/* True when both describe the same game (labels, structure, exact payoffs). */
FC_API bool fc_game_equal(const fc_game *a, const fc_game *b);

/* True when every player remembers its own earlier information sets and actions. */
FC_API bool fc_game_perfect_recall(const fc_game *g);

/* A profile in Gambit's print order: for strategic (and reduced strategic) forms player 1's
 * strategies first; for behaviour profiles the players in order, each player's information
 * sets in order of first appearance, actions in listed order. */
typedef enum fc_profile_kind { FC_PROFILE_MIXED = 0, FC_PROFILE_BEHAVIOUR } fc_profile_kind;

typedef struct fc_profile {
    size_t dim;
    mpq_t *p;          /* exact solvers */
    double *x;         /* floating solvers (logit); NULL for exact ones */
} fc_profile;

typedef struct fc_equilibria {
    fc_profile_kind kind;
    bool exact;
    size_t n, cap;
    fc_profile *items;
    /* What the solver wants the reader to know (selection rule, tolerance, non-convergence). */
    char note[512];
    /* For logit: the terminal point when it failed the regret check (not an equilibrium). */
    bool converged;
    double max_regret;
} fc_equilibria;

FC_API void fc_equilibria_free(fc_equilibria *eq);

/* Solver options. */
typedef struct fc_game_options {
    bool lcp_all;          /* lcp: every equilibrium its paths reach (default: first only) */
    bool logit_branch;     /* logit: record the branch (lambda, profile) */
    double logit_tol;      /* logit: regret accepted at the terminal point (default 1e-6) */
    double logit_max_lambda; /* default 1e6, as Gambit */
} fc_game_options;

FC_API void fc_game_options_init(fc_game_options *opt);

typedef struct fc_logit_branch {
    size_t n, cap, dim;
    double *lambda;   /* n */
    double *point;    /* n * dim */
} fc_logit_branch;

FC_API fc_status fc_game_enumpure(const fc_game *g, fc_equilibria *out, fc_error *err);
FC_API fc_status fc_game_enummixed(const fc_game *g, fc_equilibria *out, fc_error *err);
/* Two players. Strategic games: Lemke-Howson on the bimatrix. Extensive games (perfect
 * recall): Lemke's algorithm on the sequence form, one equilibrium as a behaviour profile, as
 * Gambit's lcp; with opt->lcp_all the Lemke-Howson paths on the reduced strategic form. */
FC_API fc_status fc_game_lcp(const fc_game *g, const fc_game_options *opt, fc_equilibria *out,
                             fc_error *err);
FC_API fc_status fc_game_spe(const fc_game *g, fc_equilibria *out, fc_error *err);
/* Strategic games, and extensive games with perfect recall through the agent form (behaviour
 * profiles). */
FC_API fc_status fc_game_logit(const fc_game *g, const fc_game_options *opt, fc_equilibria *out,
                               fc_logit_branch *branch, fc_error *err);
FC_API void fc_logit_branch_free(fc_logit_branch *b);

/* The profile as Gambit prints it: "NE,p1,p2,..." (rationals, or decimals with `digits`
 * significant digits when digits > 0). The caller frees the string. */
FC_API char *fc_profile_format(const fc_profile *pr, int digits);

/* Expected payoff of each player and the regret of every strategy (strategic) or action
 * (behaviour profile: the gain from deviating at that information set alone, given the
 * beliefs there) under profile pr, in print order. Exact. For behaviour profiles `beliefs`
 * (one per node, NULL = skip) receives the conditional probability of each node given its
 * information set is reached (0/0 gives 0). Arrays are allocated and mpq_init-ed here; free
 * them with fc_mpq_array_free. */
FC_API fc_status fc_game_profile_details(const fc_game *g, fc_profile_kind kind, const fc_profile *pr,
                                         mpq_t **payoffs, mpq_t **regrets, mpq_t **beliefs,
                                         fc_error *err);
FC_API void fc_mpq_array_free(mpq_t *a, size_t n);

/* The largest regret of any player (exact): 0 for an equilibrium. */
FC_API fc_status fc_game_profile_regret(const fc_game *g, fc_profile_kind kind, const fc_profile *pr,
                                        mpq_t regret, fc_error *err);

/* Number of reduced pure strategies of each player of an extensive game (enummixed's order). */
FC_API fc_status fc_game_reduced_counts(const fc_game *g, size_t *counts, fc_error *err);

/* The deciding actor's dilemma as an extensive game (docs/games.md): the decider picks one of
 * the scenario's choices, then every responder (scenario field `responders`) answers
 * Accommodate or Pressure without seeing the other responders' answers. Pressure pulls the
 * realised position toward the presser's own by `effect` times its share of capability with
 * the decider; it costs the presser `pressure_cost` and the decider `pressured_cost` times the
 * presser's capability / 100. Payoffs are the actors' spatial utilities (0-100, weighted by
 * salience) of the realised position minus those costs, rounded to 0.01 and then exact. */
struct fc_scenario;
typedef struct fc_dilemma_game_options {
    double pressure_cost;   /* default 5 */
    double pressured_cost;  /* default 10 */
    double effect;          /* default 0.25 */
} fc_dilemma_game_options;

FC_API void fc_dilemma_game_options_init(fc_dilemma_game_options *opt);
/* The defaults, replaced by the costs the scenario declares in its `game:` block. */
FC_API void fc_dilemma_game_options_from_scenario(fc_dilemma_game_options *opt, const struct fc_scenario *sc);
FC_API fc_status fc_game_from_scenario(const struct fc_scenario *sc, const fc_dilemma_game_options *opt,
                                       fc_game **out, fc_error *err);

/* Parses one Gambit number (integer, decimal, exponent, fraction) exactly. */
FC_API bool fc_game_parse_number(const char *s, size_t len, mpq_t out);

#ifdef __cplusplus
}
#endif
#endif
