# Command-line cases of `fulcrum game`: Gambit-compatible NE lines on the spec's examples
# (answers from docs/../shared/specs/gambit-formats.md), details, bad input with line:column.
set(GAMES ${CMAKE_CURRENT_SOURCE_DIR}/data/games)

fulcrum_cli_test(NAME game_help ARGS game --help STDOUT "usage: fulcrum game FILE")
fulcrum_cli_test(NAME game_enumpure_efg ARGS game ${GAMES}/alignment.efg --solver enumpure
  STDOUT "^NE,1,0,1,0,1,0\nNE,0,1,0,1,0,1\n$")
fulcrum_cli_test(NAME game_enummixed_efg ARGS game ${GAMES}/alignment.efg --solver enummixed
  STDOUT "^NE,1,0,0,0,1,0\nNE,0,0,0,1,1/2,1/2\nNE,0,0,0,1,0,1\n$")
fulcrum_cli_test(NAME game_lcp_efg ARGS game ${GAMES}/alignment.efg --solver lcp
  STDOUT "^NE,1,0,1,0,1,0\n$")
fulcrum_cli_test(NAME game_nfg_details ARGS game ${GAMES}/alignment.nfg --solver enummixed --details
  STDOUT "^NE,1/2,1/2,1/2,1/2\n  payoff Small state: 3/2\n  payoff Neighbour: 3/2\n  regret Small state: West=0 Neighbours=0\n")
fulcrum_cli_test(NAME game_digits ARGS game ${GAMES}/alignment.nfg --solver lcp -d 3
  STDOUT "^NE,0\\.500,0\\.500,0\\.500,0\\.500\n$")
fulcrum_cli_test(NAME game_spe ARGS game ${GAMES}/entry_battle.efg --solver spe
  STDOUT "^NE,1,0,1,0,1,0\nNE,0,1,3/4,1/4,1/4,3/4\nNE,0,1,0,1,0,1\n$" STDERR "2 subgames")
fulcrum_cli_test(NAME game_bad_probabilities ARGS game ${GAMES}/bad_prob.efg EXIT 3
  STDERR "bad_prob\\.efg:3:11: chance probabilities add up to 5/6, not 1")
fulcrum_cli_test(NAME game_unknown_solver ARGS game ${GAMES}/alignment.nfg --solver nope EXIT 2
  STDERR "unknown solver")
fulcrum_cli_test(NAME game_enummixed_three_players
  ARGS game ${FULCRUM_SHARED_DIR}/data/games/contrib_games/2x2x2.nfg --solver enummixed EXIT 2
  STDERR "needs a two-player game")
# The built-in dilemma as a game (defaults of docs/games.md, the scenario's declared costs):
# keeping its position is Azerbaijan's subgame-perfect move and nobody presses it.
fulcrum_cli_test(NAME game_from_scenario ARGS game --from-scenario ${AZ1} --write dilemma-test.efg
  STDOUT "game written to dilemma-test\\.efg.*subgame-perfect equilibria:\nNE,1,0,0,1,0,1,0,0,1,1,0,1,0,1,0,1,0,1,0,1,0\nequilibrium path:\n  Azerbaijan \\(Aliyev government\\) chooses \"Current policy\"; then Russia accommodates, Iran accommodates, United States accommodates\\.")
# Cheap pressure: all three responders press even when Azerbaijan keeps its position.
fulcrum_cli_test(NAME game_from_scenario_cheap ARGS game --from-scenario ${AZ1} --no-write --pressure-cost 1
  STDOUT "subgame-perfect equilibria:\nNE,1,0,0,0,1,0,1,0,1,0,1,0,1,0,1,0,1,0,1,1,0\nequilibrium path:\n  Azerbaijan \\(Aliyev government\\) chooses \"Current policy\"; then Russia pressures, Iran pressures, United States pressures\\.")
fulcrum_cli_test(NAME game_from_scenario_bad_option ARGS game --from-scenario --effect x EXIT 2
  STDERR "--effect needs a non-negative number")
fulcrum_cli_test(NAME game_logit ARGS game ${GAMES}/alignment.nfg --solver logit
  STDOUT "^NE,0\\.500000,0\\.500000,0\\.500000,0\\.500000\n$" STDERR "terminal regret")
fulcrum_cli_test(NAME game_logit_branch ARGS game ${GAMES}/alignment.nfg --solver logit --branch logit-branch.csv
  STDOUT "^NE,")
fulcrum_cli_test(NAME game_logit_efg ARGS game ${GAMES}/alignment.efg --solver logit
  STDOUT "^NE,1\\.000000,0\\.000000,1\\.000000,0\\.000000,1\\.000000,0\\.000000\n$"
  STDERR "terminal regret")
fulcrum_cli_test(NAME game_lcp_efg_sequence_note ARGS game ${GAMES}/alignment.efg --solver lcp
  STDOUT "^NE,1,0,1,0,1,0\n$" STDERR "sequence form")
# The dilemma as a crisis game (docs/dilemma-game.md) on the two-actor case that
# tests/unit/test_crisis_game.c works by hand: with a hawk at 3/4 the decider keeps its
# position, a hawk's challenge ends in war.
fulcrum_cli_test(NAME game_crisis_two_actors
  ARGS game --from-scenario --crisis ${CMAKE_CURRENT_SOURCE_DIR}/data/crisis_game/two_actors.yaml --hawk-prior 0.75
    --write crisis-test.efg
  STDOUT "equilibrium: D chooses \"Current policy\" \\(value -0\\.7800\\).*if a hawk: C demands, D resists, C uses force, D fights \\(war\\).*outcomes: status quo 0\\.250, war started by C 0\\.750\n  realised position: x 40\\.0 -> 67\\.0.*game written to crisis-test\\.efg")
fulcrum_cli_test(NAME game_crisis_bad_prior ARGS game --from-scenario --crisis --hawk-prior 2 EXIT 2
  STDERR "--hawk-prior.*must be in \\[0, 1\\]")
# Payoffs near 1e31 overflowed the logit branch's exp: it printed NE,-nan,... with exit 0 (found by
# fuzz_game this session). A branch whose probabilities are not numbers is no equilibrium.
fulcrum_cli_test(NAME game_logit_numeric_breakdown
  ARGS game ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regressions/game/nfg_logit_payoffs_1e31_nan --solver logit
  EXIT 1 STDOUT "^$" STDERR "logit branch broke down numerically at lambda .*NOT an equilibrium")
