/* Game results as text (src/report/game_text.c): equilibria as Gambit prints them, each
 * checked by its exact regret first, with optional details; and the report of the dilemma
 * built as a game. No GMP needed. */
#ifndef FULCRUM_GAME_TEXT_H
#define FULCRUM_GAME_TEXT_H

#include "fulcrum/export.h"

#include <stdbool.h>

#include "fulcrum/error.h"
#include "fulcrum/game.h"
#include "fulcrum/game_scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fc_game_text_options {
    bool details; /* after each equilibrium: expected payoffs, regrets, beliefs (default off) */
    int digits;   /* > 0: decimals with this many places instead of exact rationals (default 0) */
} fc_game_text_options;

FC_API void fc_game_text_options_init(fc_game_text_options *o);

/* One "NE,..." line per equilibrium of eq, each printed only after its exact regret is found
 * to be 0; with details, the expected payoffs and the regret of every strategy (strategic
 * forms) or of every action with the beliefs at multi-node information sets (behaviour
 * profiles). On failure (an equilibrium that fails its check: FC_EINTERNAL) *text still holds
 * the lines of the equilibria before it, so a caller can show what was checked. The caller
 * frees *text. Fails with field "digits" when digits is above 40. */
FC_API fc_status fc_game_text(const fc_game *g, const fc_equilibria *eq,
                              const fc_game_text_options *o, char **text, fc_error *err);

/* The logit branch as CSV: one line per point, lambda then the profile's probabilities,
 * each with 10 significant digits, no header (the layout of Gambit's gambit-logit). The caller
 * frees *text. */
FC_API fc_status fc_logit_branch_csv(const fc_logit_branch *b, char **text, fc_error *err);

/* The dilemma game's first lines: its title, who decides and who answers, the costs. */
FC_API fc_status fc_dilemma_game_header_text(const fc_game *g, const fc_dilemma_game_options *opt,
                                             char **text, fc_error *err);
/* The solved dilemma game: the subgame-perfect equilibria (checked, with details when asked),
 * their paths in words, the solver's note, then the Nash equilibria and how many there are.
 * On failure *text holds what was written before it (see fc_game_text). */
FC_API fc_status fc_dilemma_game_text(const fc_game *g, const fc_dilemma_game_result *r,
                                      bool details, char **text, fc_error *err);

/* The dilemma as a crisis game (fc_dilemma_crisis_game_build) in words: the decider's
 * equilibrium choice first, then per choice its value, the probability of war, capitulation,
 * negotiation and acquiescence in any crisis, each challenger's equilibrium path by type with
 * its probability, and the realised position on every issue. The caller frees *text. */
FC_API fc_status fc_dilemma_crisis_game_text(const fc_dilemma_crisis_game *g, char **text, fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
