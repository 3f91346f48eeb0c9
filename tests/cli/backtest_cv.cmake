# Command-line cases of `fulcrum backtest --cv` and of the DEU models that run only when named:
# the cross-validated table and its JSON on the shared DEU half, and the usage errors.
set(DEU_DEV ${FULCRUM_SHARED_DIR}/data/deu/deu_dev.tsv)

fulcrum_cli_test(NAME backtest_cv ARGS backtest ${DEU_DEV} --cv --family compromise
  --family capability-mean,salience_exponent=0/1 --bootstrap 200
  STDOUT "leave-one-proposal-out over 180 issues from 68 proposals.*\ncompromise +1 +20\\.74 +\\+0\\.00 .*\ncapability-mean,salience_exponent=0/1 +2 +20\\.02 +-0\\.73 .*salience_exponent=0 \\(68 of the folds\\)\nnested selection among the 2 families +3 ")
fulcrum_cli_test(NAME backtest_cv_json ARGS backtest ${DEU_DEV} --cv --family exchange,max_exchanges=0/1 --format json --bootstrap 0
  STDOUT "\"folds\": 68,.*\"family\": \"exchange,max_exchanges=0/1\",\n      \"candidates\": 2,.*\"nested\": null")
fulcrum_cli_test(NAME backtest_cv_family_without_cv ARGS backtest ${DEU_DEV} --family nbs EXIT 2
  STDERR "--family goes with --cv")
fulcrum_cli_test(NAME backtest_cv_with_models ARGS backtest ${DEU_DEV} --cv --models nbs EXIT 2
  STDERR "with --cv, name the candidates with --family")
fulcrum_cli_test(NAME backtest_cv_bad_family ARGS backtest ${DEU_DEV} --cv --family nbs,breakdown EXIT 2
  STDERR "'breakdown' in family 'nbs,breakdown' is not KEY=V1/V2")
fulcrum_cli_test(NAME backtest_cv_bad_value ARGS backtest ${DEU_DEV} --cv --family nbs,breakdown=-1 EXIT 2
  STDERR "breakdown must be a number >= 0")
fulcrum_cli_test(NAME backtest_named_models ARGS backtest ${DEU_DEV} --models nbs,procedural,exchange --bootstrap 0
  STDOUT "\nnbs +130 +45\\.86 .*\nprocedural +126 +37\\.64 .*\nexchange +180 +22\\.46 ")
fulcrum_cli_test(NAME models_on_request ARGS models
  STDOUT "nbs +Nash bargaining solution.*\\(runs only when named\\)\nprocedural .*\nexchange ")
