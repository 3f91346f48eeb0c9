/* The exact view of games and equilibria: the game's fields with GMP rationals, profile
 * entries as mpq_t, exact regrets and details, and the builder calls that readers (src/io/)
 * and constructions (src/analysis/dilemma_game.c) use to make a game. Not included by
 * fulcrum.h, so that clients of the umbrella header need no <gmp.h>. */
#ifndef FULCRUM_GAME_EXACT_H
#define FULCRUM_GAME_EXACT_H

#include "fulcrum/export.h"

#include <stdbool.h>
#include <stddef.h>

#include <gmp.h>

#include "fulcrum/error.h"
#include "fulcrum/game.h"

#ifdef __cplusplus
extern "C" {
#endif

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

/* Building a game: fc_game_new gives an empty game of no form; the builder sets `form` and
 * fills the fields below with memory from malloc (strings, arrays) and fc_mpq_array_new
 * (payoffs, probabilities). From then on fc_game_free releases whatever is filled in, also
 * a half-built game (counts say how many entries of each array are live). A strategic game
 * needs players, n_strategies, strategies, n_profiles, profile_outcome and outcomes; an
 * extensive game players, nodes in preorder (root 0, children and parents set, first_node
 * of each information set the first node in preorder that belongs to it), infosets and
 * outcomes. The solvers assume a game that a reader would have accepted. */
struct fc_game {
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
};

FC_API fc_game *fc_game_new(void);

/* n rationals, each initialised to 0 (NULL when out of memory); fc_mpq_array_free clears and
 * frees them. */
FC_API mpq_t *fc_mpq_array_new(size_t n);
FC_API void fc_mpq_array_free(mpq_t *a, size_t n);

struct fc_profile {
    size_t dim;
    mpq_t *p;          /* exact solvers */
    double *x;         /* floating solvers (logit); NULL for exact ones */
};

/* Expected payoff of each player and the regret of every strategy (strategic) or action
 * (behaviour profile: the gain from deviating at that information set alone, given the
 * beliefs there) under profile pr, in print order. Exact. For behaviour profiles `beliefs`
 * (one per node, NULL = skip) receives the conditional probability of each node given its
 * information set is reached (0/0 gives 0). Arrays are allocated and mpq_init-ed here; free
 * them with fc_mpq_array_free. */
FC_API fc_status fc_game_profile_details(const fc_game *g, fc_profile_kind kind, const fc_profile *pr,
                                         mpq_t **payoffs, mpq_t **regrets, mpq_t **beliefs,
                                         fc_error *err);

/* The largest regret of any player (exact): 0 for an equilibrium. */
FC_API fc_status fc_game_profile_regret(const fc_game *g, fc_profile_kind kind, const fc_profile *pr,
                                        mpq_t regret, fc_error *err);

/* Parses one Gambit number (integer, decimal, exponent, fraction) exactly. */
FC_API bool fc_game_parse_number(const char *s, size_t len, mpq_t out);

#ifdef __cplusplus
}
#endif
#endif
