# One way to run a scenario: the same preset behaves the same in forecast, dilemma, sweep and
# backtest (every model that has it runs with it, models without presets run as well), and a
# model's own preset label is what is printed.
set(RUN_DEU_DEV ${FULCRUM_SHARED_DIR}/data/deu/deu_dev.tsv)

fulcrum_cli_test(NAME run_forecast_scholz_fixed ARGS forecast --preset scholz-fixed --format csv
  STDOUT "\nmedian,default,.*\neum,scholz-fixed,0,")
fulcrum_cli_test(NAME run_dilemma_scholz_fixed ARGS dilemma --preset scholz-fixed --format csv
  STDOUT "eum,scholz-fixed,")
fulcrum_cli_test(NAME run_sweep_scholz_fixed ARGS sweep --preset scholz-fixed --runs 20 --no-sensitivity
  STDOUT "model eum \\(preset scholz-fixed\\), 20 runs")
fulcrum_cli_test(NAME run_backtest_scholz_fixed ARGS backtest ${RUN_DEU_DEV} --preset scholz-fixed --bootstrap 20
  STDOUT "\neum:scholz-fixed +180 ")
fulcrum_cli_test(NAME run_preset_missing_everywhere ARGS forecast --preset nope EXIT 2
  STDERR "--preset: no model has a preset 'nope'")
fulcrum_cli_test(NAME run_one_model_needs_preset ARGS forecast --model median --preset scholz-fixed EXIT 2
  STDERR "--preset: model 'median' has no presets")
fulcrum_cli_test(NAME run_set_custom_label ARGS forecast --model eum --set q_term=full --format csv
  STDOUT "\neum,custom,0,")
fulcrum_cli_test(NAME run_set_named_label ARGS forecast --model eum --preset bdm-paper --format csv
  STDOUT "\neum,bdm-paper,0,")
fulcrum_cli_test(NAME run_runs_csv_stdout ARGS sweep --model median --runs 3 --runs-csv - -o sweep-run.txt
  STDOUT "^run,quantity,actor,issue,choice,value\n0,")
