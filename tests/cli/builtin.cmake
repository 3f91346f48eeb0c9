# The built-in case (scenarios/azerbaijan-2014.yaml, four issues, compiled in): every command that
# takes it by default runs on it without a file. The one-issue case it replaced keeps its own
# golden files (azerbaijan-forecast.*, azerbaijan-dilemma*.*), run on azerbaijan-2014-alignment.yaml.
set(GOLD ${CMAKE_CURRENT_SOURCE_DIR}/golden)

# Golden files of the default run, regenerated when the built-in case changed to four issues.
fulcrum_cli_test(NAME builtin_forecast_text ARGS GOLDEN ${GOLD}/azerbaijan-2014-forecast.txt)
fulcrum_cli_test(NAME builtin_forecast_json ARGS forecast --format json GOLDEN ${GOLD}/azerbaijan-2014-forecast.json)
fulcrum_cli_test(NAME builtin_dilemma_text ARGS dilemma GOLDEN ${GOLD}/azerbaijan-2014-dilemma.txt)
fulcrum_cli_test(NAME builtin_dilemma_json ARGS dilemma --format json GOLDEN ${GOLD}/azerbaijan-2014-dilemma.json)

# The compiled-in text is the shipped file: both validate to the same counts.
fulcrum_cli_test(NAME validate_builtin ARGS validate ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014.yaml
  STDOUT "valid: 4 issue\\(s\\), 18 actor\\(s\\), 10 relation\\(s\\), 3 choice\\(s\\)")

# sweep --choices: the decider's four options (the status quo added) under the file's own
# uncertainty; every judgement declares an sd, so no generic spread is used.
fulcrum_cli_test(NAME builtin_sweep_choices ARGS sweep --runs 40 --model median --choices --no-sensitivity
  STDOUT "uncertain inputs: 102;.*Choices of Azerbaijan \\(Aliyev government\\) under uncertainty.*Status quo \\(no change of policy\\).*Scale back.*Embrace what the West offered.*Hedge")

# The dilemma as a game: four responders (Russia, Iran, the United States, the EU) keep the
# strategic form inside the solver's bound; five did not.
fulcrum_cli_test(NAME builtin_game ARGS game --from-scenario --no-write
  STDOUT "equilibrium path:\n  Azerbaijan \\(Aliyev government\\) chooses \"[A-Za-z ]+\"; then Russia [a-z]+, Iran [a-z]+, United States [a-z]+, European Union [a-z]+\\.")

# The report: one HTML file of the built-in case, exit 0.
fulcrum_cli_test(NAME builtin_report ARGS report -o builtin-report.html)
