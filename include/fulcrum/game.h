/* Games in strategic (.nfg) and extensive (.efg) form, read and written in Gambit's formats,
 * and the equilibrium solvers: enumpure, enummixed, lcp (Lemke-Howson), spe (subgame
 * perfection) and logit (quantal-response tracing). This header needs no GMP: games and
 * profiles are opaque here, and exact results are read as "p/q" text or as doubles. The
 * exact mpq_t view (the game's fields, profile entries, regrets) is fulcrum/game_exact.h. */
#ifndef FULCRUM_GAME_H
#define FULCRUM_GAME_H

#include "fulcrum/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "fulcrum/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fc_game_form { FC_GAME_STRATEGIC = 0, FC_GAME_EXTENSIVE } fc_game_form;

typedef enum fc_node_kind { FC_NODE_TERMINAL = 0, FC_NODE_PERSONAL, FC_NODE_CHANCE } fc_node_kind;

/* A game (its fields are in fulcrum/game_exact.h). One owner; fc_game_free releases it. */
typedef struct fc_game fc_game;

/* Reading and writing Gambit's formats (src/io/). Errors carry the line and column of the
 * offending token. */
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

/* Read access without GMP. Names are never NULL (an absent label reads as ""). */
FC_API fc_game_form fc_game_get_form(const fc_game *g);
FC_API const char *fc_game_title(const fc_game *g);
FC_API size_t fc_game_n_players(const fc_game *g);
FC_API const char *fc_game_player(const fc_game *g, size_t p); /* p = 0 .. n_players-1 */
FC_API size_t fc_game_n_infosets(const fc_game *g);
/* What a reader accepted but Gambit 16.7+ refuses (duplicate labels), one
 * "file:line:col: warning: ..." per line; "" when none. */
FC_API const char *fc_game_warnings(const fc_game *g);
/* Offset of each information set's first action in a behaviour profile (Gambit's print
 * order: players in order, each player's sets in order of first appearance); -1 for chance
 * sets. An array of fc_game_n_infosets(g) entries the caller frees; NULL when out of memory. */
FC_API long *fc_game_behaviour_offsets(const fc_game *g);

/* A profile in Gambit's print order: for strategic (and reduced strategic) forms player 1's
 * strategies first; for behaviour profiles the players in order, each player's information
 * sets in order of first appearance, actions in listed order. */
typedef enum fc_profile_kind { FC_PROFILE_MIXED = 0, FC_PROFILE_BEHAVIOUR } fc_profile_kind;

/* One profile (its fields are in fulcrum/game_exact.h). */
typedef struct fc_profile fc_profile;

typedef struct fc_equilibria {
    fc_profile_kind kind;
    bool exact;
    size_t n, cap;
    fc_profile *items; /* index with fc_equilibria_item (or directly, with game_exact.h) */
    /* What the solver wants the reader to know (selection rule, tolerance, non-convergence). */
    char note[512];
    /* For logit: the terminal point when it failed the regret check (not an equilibrium). */
    bool converged;
    double max_regret;
} fc_equilibria;

/* Frees what the solver put in eq (eq itself belongs to the caller). */
FC_API void fc_equilibria_free(fc_equilibria *eq);
/* The i-th profile (i < eq->n). */
FC_API const fc_profile *fc_equilibria_item(const fc_equilibria *eq, size_t i);

/* Reading a profile without GMP: its length, entry k as a double, and entry k as exact text
 * ("p/q", or "p" for integers; floating solvers give the shortest decimal that reads back to
 * the same double). The caller frees the text; NULL when out of memory. */
FC_API size_t fc_profile_dim(const fc_profile *pr);
FC_API bool fc_profile_is_exact(const fc_profile *pr);
FC_API double fc_profile_value(const fc_profile *pr, size_t k);
FC_API char *fc_profile_value_text(const fc_profile *pr, size_t k);

/* Progress of a long solve: `done` units of work of at most `limit` (see max_work). Called
 * about every FC_GAME_PROGRESS_EVERY units, possibly from a solver's worker thread (enummixed
 * walks both polytopes at once), never from two threads at the same time. */
typedef void (*fc_game_progress_fn)(void *ctx, const char *solver, unsigned long long done,
                                    unsigned long long limit);
#define FC_GAME_PROGRESS_EVERY (1ULL << 22)

/* The default work bound of every solver, in steps of about one exact rational operation (a
 * tableau entry updated by a pivot, a payoff compared, a node walked; logit counts 64
 * floating-point multiply-adds as one); docs/limits.md lists what each solver counts. 5e8
 * steps take from 10 s to a minute; the largest reference game needs 4e7. */
#define FC_GAME_DEFAULT_MAX_WORK 500000000ULL

/* Solver options. */
typedef struct fc_game_options {
    bool lcp_all;          /* lcp: every equilibrium its paths reach (default: first only) */
    bool logit_branch;     /* logit: record the branch (lambda, profile) */
    double logit_tol;      /* logit: regret accepted at the terminal point (default 1e-6) */
    double logit_max_lambda; /* default 1e6, as Gambit */
    /* Work bound of the solve (default FC_GAME_DEFAULT_MAX_WORK; 0 means the default): a solve
     * that needs more stops with an error naming the solver, the bound and this option, and
     * returns no equilibria, never a part of them. */
    unsigned long long max_work;
    fc_game_progress_fn progress; /* NULL: no progress reports */
    void *progress_ctx;
} fc_game_options;

FC_API void fc_game_options_init(fc_game_options *opt);

/* The exact solvers compute with GMP, which aborts the process (exit 134) when an allocation
 * fails. A program, not a library client that may share GMP with other code, can call this
 * once at start-up, before any game is read: GMP then allocates through Fulcrum's functions,
 * which on failure write `message` and a newline on stderr and end the process with `status`. */
FC_API void fc_game_exit_on_oom(const char *message, int status);

typedef struct fc_logit_branch {
    size_t n, cap, dim;
    double *lambda;   /* n */
    double *point;    /* n * dim */
} fc_logit_branch;

/* Any solver by name ("enumpure", "enummixed", "lcp", "spe", "logit") with options (NULL =
 * defaults); branch is logit's (may be NULL). The functions below are this call with default
 * options. */
FC_API fc_status fc_game_solve(const fc_game *g, const char *solver, const fc_game_options *opt,
                               fc_equilibria *out, fc_logit_branch *branch, fc_error *err);
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

/* Number of reduced pure strategies of each player of an extensive game (enummixed's order). */
FC_API fc_status fc_game_reduced_counts(const fc_game *g, size_t *counts, fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
