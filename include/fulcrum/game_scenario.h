/* The deciding actor's dilemma as an extensive game (docs/games.md): built from a scenario,
 * solved for its subgame-perfect and Nash equilibria, and its equilibrium path told in
 * words (src/analysis/dilemma_game.c, game_scenario.c). No GMP needed. */
#ifndef FULCRUM_GAME_SCENARIO_H
#define FULCRUM_GAME_SCENARIO_H

#include "fulcrum/export.h"

#include <stdbool.h>

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

#ifdef __cplusplus
}
#endif
#endif
