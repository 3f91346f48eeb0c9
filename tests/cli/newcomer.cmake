# Command-line cases of issue 17: what a newcomer tries first (bilateral cases, Excel CSV files,
# --set on any model, Gambit's flags, the template, the tutorial) works or says plainly why not.
set(NEWB_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/newcomer)

# A setting given to a model that has no options is refused, not silently ignored.
fulcrum_cli_test(NAME newb_set_on_baseline ARGS forecast --model median --set tol=0 EXIT 2
  STDERR "--set: model 'median' has no options")
