/* Declarations shared inside the game module: the strategic view of a game (a strategic
 * game itself, or the reduced strategic form of an extensive one) that the strategic solvers
 * work on, the behaviour-profile helpers and the equilibrium list. Nothing outside
 * src/game/ includes it: readers, writers and constructions use fulcrum/game_exact.h. */
#ifndef FULCRUM_GAME_INTERNAL_H
#define FULCRUM_GAME_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <gmp.h>

#include "fulcrum/game_exact.h"

/* The work bound of one solve (work.c): every solver counts its elementary steps here and
 * stops when the bound is passed; progress goes to the options' callback. Atomic because
 * enummixed walks its two polytopes on two threads. */
typedef struct game_work {
    const char *solver;
    unsigned long long limit;
    atomic_ullong used;
    atomic_ullong next_report;
    atomic_flag reporting;
    fc_game_progress_fn progress;
    void *progress_ctx;
} game_work;

/* A bound from the options (NULL: defaults) for the solver named. */
void game_work_init(game_work *w, const char *solver, const fc_game_options *opt);
/* Counts `units` steps; false once the bound is passed (the caller then returns
 * game_work_error). */
bool game_work_add(game_work *w, unsigned long long units);
/* The error of a solve stopped at its bound, naming solver, bound and option. */
fc_status game_work_error(const game_work *w, fc_error *err);

/* The strategic view. For extensive games each strategy is a reduced pure strategy: one
 * action per information set of its player, -1 where the strategy never reaches it. */
typedef struct sform {
    size_t n_players;
    size_t *n_strat;
    size_t n_profiles;
    mpq_t *payoff;       /* n_profiles * n_players, profile index with player 1 fastest */
    int **choice;        /* extensive only: per player, n_strat[p] * n_infosets actions */
    size_t n_infosets;
} sform;

/* Builds the strategic view. For extensive games requires perfect recall; limit bounds the
 * number of profiles (0 = no limit). */
fc_status sform_build(const fc_game *g, size_t limit, sform **out, fc_error *err);
/* The same without the payoff table (strategies only; payoff stays NULL), and with a work
 * bound (w may be NULL: unbounded) charged one step per node walked or payoff copied. */
fc_status sform_build_ex(const fc_game *g, size_t limit, bool with_payoffs, game_work *w,
                         sform **out, fc_error *err);
void sform_free(sform *s);
/* Index of the first strategy of player p in a profile vector (sum of earlier counts). */
size_t sform_offset(const sform *s, size_t p);
size_t sform_dim(const sform *s);

/* Converts a mixed profile of the reduced strategic form into Gambit's behaviour profile
 * (information sets the player's own strategy never reaches get all zeros). */
void sform_to_behaviour(const fc_game *g, const sform *s, const mpq_t *mixed, mpq_t *behav);
size_t game_behaviour_dim(const fc_game *g);

fc_status game_eq_push(fc_equilibria *eq, size_t dim, const mpq_t *p, fc_error *err);
void game_eq_init(fc_equilibria *eq, fc_profile_kind kind, bool exact);

/* Expected payoffs of every player under a mixed strategic profile (exact). */
void sform_payoffs(const sform *s, const mpq_t *mixed, mpq_t *out);
/* Regret of every strategy (in profile order) and the maximum. */
void sform_regrets(const sform *s, const mpq_t *mixed, mpq_t *regret, mpq_t max);

/* The size bounds of the solvers (profiles of the strategic view; docs/limits.md). */
#define GAME_ENUMPURE_MAX_PROFILES ((size_t)2 * 1000 * 1000)
#define GAME_ENUMMIXED_MAX_PROFILES ((size_t)4 * 1000 * 1000)
#define GAME_LCP_MAX_PROFILES ((size_t)4 * 1000 * 1000)
#define GAME_LOGIT_MAX_PROFILES ((size_t)200 * 1000)
/* Entries of one player's table of reduced strategies (strategies x information sets). */
#define GAME_SFORM_MAX_CHOICES ((size_t)16 * 1000 * 1000)
/* Rows of lcp's sequence-form tableau (sequences and information sets of both players, + 2). */
#define GAME_LCP_SEQUENCE_MAX_ROWS 2000
/* Coordinates of logit's homotopy (strategies, or actions of the agent form). */
#define GAME_LOGIT_MAX_DIM 2000

/* The solvers behind fc_game_solve, each with its work bound. */
fc_status game_enumpure(const fc_game *g, game_work *w, fc_equilibria *out, fc_error *err);
fc_status game_enummixed(const fc_game *g, game_work *w, fc_equilibria *out, fc_error *err);
fc_status game_lcp(const fc_game *g, const fc_game_options *opt, game_work *w, fc_equilibria *out,
                   fc_error *err);
fc_status game_spe(const fc_game *g, game_work *w, fc_equilibria *out, fc_error *err);
fc_status game_logit(const fc_game *g, const fc_game_options *opt, game_work *w,
                     fc_equilibria *out, fc_logit_branch *branch, fc_error *err);

/* Two-player solvers on a bimatrix given as the strategic view. */
fc_status enummixed_bimatrix(const sform *s, game_work *w, fc_equilibria *out, fc_error *err);
fc_status lcp_bimatrix(const sform *s, bool all, game_work *w, fc_equilibria *out, fc_error *err);
/* Lemke's algorithm on the sequence form of a two-player extensive game with perfect recall
 * (lcp_sequence.c): one equilibrium as a behaviour profile, checked. */
fc_status lcp_sequence(const fc_game *g, game_work *w, fc_equilibria *out, fc_error *err);
/* Exact regret of a behaviour profile (the best pure reply of each player, computed backwards
 * on the tree, minus its payoff): 0 for an equilibrium. Perfect recall assumed. */
fc_status game_behaviour_regret(const fc_game *g, const mpq_t *behav, mpq_t regret,
                                fc_error *err);

/* The agent form for logit tracing (logit_agent.c): action values given the set is reached,
 * payoffs divided by scale, and their derivatives (N x N, row-major) with respect to the
 * logarithm of every action probability (D may be NULL); lsig = log(sig). Perfect recall
 * assumed. */
typedef struct agent_eval agent_eval;
agent_eval *logit_agent_eval_new(const fc_game *g, double scale);
void logit_agent_eval_values(agent_eval *a, const double *sig, const double *lsig, double *v,
                       double *D);
void logit_agent_eval_free(agent_eval *a);

#endif
