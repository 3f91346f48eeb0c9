# `fulcrum backtest --cases DIR` (the track record): the track record of the dilemma on the shipped comparable cases,
# its JSON, and errors that name the file.
fulcrum_cli_test(NAME track_shipped ARGS backtest --cases ${CMAKE_SOURCE_DIR}/scenarios/cases
  --cases ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014.yaml --model compromise
  STDOUT "Track record: 5 case\\(s\\).*compromise +5 +0 +[0-5] .*armenia-2013\\.yaml: Armenia, 2013.*azerbaijan-2014\\.yaml: ")
fulcrum_cli_test(NAME track_json ARGS backtest --cases ${FULCRUM_TEST_DATA}/cases/tiny --model compromise --format json
  STDOUT "\"model\": \"compromise\",.*\"cases\": 2,.*\"right\": 1,.*\"choice_made\": \"east\"")
fulcrum_cli_test(NAME track_bad_choice ARGS backtest --cases ${FULCRUM_TEST_DATA}/cases/bad-choice EXIT 3
  STDERR "c-2002\\.yaml:16:11: outcome\\.choice: unknown choice 'nowhere'")
fulcrum_cli_test(NAME track_empty ARGS backtest --cases ${FULCRUM_TEST_DATA}/cases/empty EXIT 3
  STDERR "cases: no case files")
fulcrum_cli_test(NAME track_bad_format ARGS backtest --cases ${FULCRUM_TEST_DATA}/cases/tiny --format csv EXIT 2
  STDERR "--format with --cases is text or json")
