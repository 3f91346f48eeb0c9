# Command-line cases of `fulcrum backtest`: the reference figures on the shared DEU half, the
# output formats, golden per-issue and summary tables, and bad input (file:line:column: field).
set(DEU_DEV ${FULCRUM_SHARED_DIR}/data/deu/deu_dev.tsv)
set(DEU ${CMAKE_CURRENT_SOURCE_DIR}/data/deu)
set(GOLD ${CMAKE_CURRENT_SOURCE_DIR}/golden)

fulcrum_cli_test(NAME backtest_help ARGS backtest --help STDOUT "usage: fulcrum backtest FILE")
fulcrum_cli_test(NAME backtest_reference ARGS backtest ${DEU_DEV}
  STDOUT "180 issues scored.*Commission and the Parliament.*\ncompromise +180 +20\\.74 .*\nmedian +180 +25\\.13 ")
fulcrum_cli_test(NAME backtest_equal ARGS backtest ${DEU_DEV} --capabilities equal --models median
  STDOUT "capabilities: equal.*\nmedian +180 +26\\.51 ")
fulcrum_cli_test(NAME backtest_json ARGS backtest ${DEU_DEV} --format json --models median
  STDOUT "\"models\": \\[\n    {\n      \"name\": \"compromise\",\n      \"preset\": null,\n      \"n\": 180,\n      \"mae\": 20\\.74[0-9]*,\n      \"rmse\".*\"eras\": \\[\n        {\n          \"era\": \"<=2000\",\n          \"n\": 97,")
fulcrum_cli_test(NAME backtest_csv ARGS backtest ${DEU}/small.tsv --format csv --bootstrap 200 --models median,compromise
  GOLDEN ${GOLD}/deu-small.csv)
fulcrum_cli_test(NAME backtest_per_issue ARGS backtest ${DEU}/small.tsv --models compromise,median,status-quo
  --bootstrap 200 --per-issue - -o backtest-small.txt GOLDEN ${GOLD}/deu-small-per-issue.csv)
fulcrum_cli_test(NAME backtest_threads ARGS backtest ${DEU_DEV} --threads 1 --models median --bootstrap 300 --seed 5
  STDOUT "\nmedian +180 +25\\.13 +37\\.00 +20\\.00 +44% +4\\.39 +\\[")

fulcrum_cli_test(NAME backtest_no_file ARGS backtest EXIT 2 STDERR "which DEU table")
fulcrum_cli_test(NAME backtest_missing ARGS backtest /nonexistent/deu.tsv EXIT 1 STDERR "/nonexistent/deu.tsv")
fulcrum_cli_test(NAME backtest_bad_scheme ARGS backtest ${DEU_DEV} --capabilities gdp EXIT 2
  STDERR "unknown capability scheme 'gdp'")
fulcrum_cli_test(NAME backtest_bad_model ARGS backtest ${DEU_DEV} --models oracle EXIT 2 STDERR "unknown model 'oracle'")
fulcrum_cli_test(NAME backtest_bad_preset ARGS backtest ${DEU_DEV} --models median:fast EXIT 2
  STDERR "model 'median' has no preset 'fast'")
fulcrum_cli_test(NAME backtest_bad_format ARGS backtest ${DEU_DEV} --format xml EXIT 2 STDERR "--format must be")
fulcrum_cli_test(NAME backtest_bad_bootstrap ARGS backtest ${DEU_DEV} --bootstrap -3 EXIT 2 STDERR "--bootstrap needs")
fulcrum_cli_test(NAME backtest_bad_number ARGS backtest ${DEU}/bad_number.tsv EXIT 3
  STDERR "bad_number\\.tsv:3:36: pde: 'x' is not a number")
fulcrum_cli_test(NAME backtest_bad_range ARGS backtest ${DEU}/bad_range.tsv EXIT 3
  STDERR "bad_range\\.tsv:2:58: out: 150 is outside the scale 0-100")
fulcrum_cli_test(NAME backtest_bad_width ARGS backtest ${DEU}/bad_width.tsv EXIT 3
  STDERR "bad_width\\.tsv:2: the row has 12 fields, the header 13")
fulcrum_cli_test(NAME backtest_bad_header ARGS backtest ${DEU}/bad_header.tsv EXIT 3
  STDERR "bad_header\\.tsv:1: rp: the header has no column 'rp'")
fulcrum_cli_test(NAME backtest_bad_quote ARGS backtest ${DEU}/bad_quote.tsv EXIT 3
  STDERR "bad_quote\\.tsv:2:10: text after a closing quote")
fulcrum_cli_test(NAME backtest_set ARGS backtest ${DEU_DEV} --models capability-mean --bootstrap 0
  --set capability-mean.salience_exponent=1
  STDOUT "model settings: capability-mean.salience_exponent=1\n.*\ncapability-mean +180 +20\\.74 .* 0\\.00\n")
fulcrum_cli_test(NAME backtest_bad_set ARGS backtest ${DEU_DEV} --set eum.nosuch=1 EXIT 2 STDERR "no switch 'nosuch'")
fulcrum_cli_test(NAME backtest_set_no_options ARGS backtest ${DEU_DEV} --set median.x=1 EXIT 2
  STDERR "model 'median' has no options")
