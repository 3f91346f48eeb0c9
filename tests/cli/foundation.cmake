# Command-line cases of the foundation: exit codes, messages naming file, line and field,
# golden outputs of the default run.
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/data/bad)
set(GOOD ${CMAKE_CURRENT_SOURCE_DIR}/data/good)
set(GOLD ${CMAKE_CURRENT_SOURCE_DIR}/golden)

fulcrum_cli_test(NAME version ARGS --version STDOUT "^fulcrum [0-9]+\\.[0-9]+")
fulcrum_cli_test(NAME help ARGS --help STDOUT "forecast.*validate.*convert.*models")
fulcrum_cli_test(NAME unknown_command ARGS frobnicate EXIT 2 STDERR "unknown command 'frobnicate'")
fulcrum_cli_test(NAME forecast_help ARGS forecast --help STDOUT "usage: fulcrum forecast")
fulcrum_cli_test(NAME validate_help ARGS validate --help STDOUT "usage: fulcrum validate")
fulcrum_cli_test(NAME convert_help ARGS convert --help STDOUT "usage: fulcrum convert")
fulcrum_cli_test(NAME models_help ARGS models --help STDOUT "usage: fulcrum models")
fulcrum_cli_test(NAME models_list ARGS models STDOUT "median.*compromise")
fulcrum_cli_test(NAME unknown_option ARGS forecast --frob EXIT 2 STDERR "unknown option '--frob'")
fulcrum_cli_test(NAME unknown_model ARGS forecast --model oracle EXIT 2 STDERR "unknown model 'oracle'")
fulcrum_cli_test(NAME bad_format ARGS forecast --format xml EXIT 2 STDERR "--format must be text, json or csv")
fulcrum_cli_test(NAME missing_file ARGS forecast /nonexistent/x.yaml EXIT 1 STDERR "/nonexistent/x.yaml: cannot open")
fulcrum_cli_test(NAME unknown_issue ARGS forecast --issue nope EXIT 2 STDERR "no issue 'nope'")

# The default run: text and JSON compared byte for byte with golden files.
fulcrum_cli_test(NAME default_text ARGS ${AZ1} GOLDEN ${GOLD}/azerbaijan-forecast.txt)
fulcrum_cli_test(NAME default_json ARGS forecast scenarios/azerbaijan-2014-alignment.yaml --format json
  GOLDEN ${GOLD}/azerbaijan-forecast.json WORKDIR ${CMAKE_SOURCE_DIR})
fulcrum_cli_test(NAME eu_json ARGS forecast ${CMAKE_SOURCE_DIR}/scenarios/eu-emissions-1994.yaml --model all --format json
  STDOUT "\"model\": \"compromise\",[^}]*\"forecast\": 7\\.389955686853767,")
fulcrum_cli_test(NAME eu_csv_long ARGS forecast ${CMAKE_SOURCE_DIR}/scenarios/eu-emissions-1994.yaml --model median --format csv
  STDOUT "^model,preset,round,actor,issue,joint,position,median,mean,forecast,format_version\nmedian,default,0,Netherlands,emissions,FALSE,4,7,")
fulcrum_cli_test(NAME validate_alignment ARGS validate ${AZ1}
  STDOUT "valid: 1 issue\\(s\\), 12 actor\\(s\\), 5 relation\\(s\\), 2 choice\\(s\\)")
fulcrum_cli_test(NAME validate_uncertain ARGS validate ${GOOD}/uncertain.yaml STDOUT "valid: 2 issue")
fulcrum_cli_test(NAME csv_salience_scale ARGS forecast ${FULCRUM_SHARED_DIR}/data/eum/inputs/emission.csv
  --salience-scale 1 --model compromise --format csv STDOUT "7\\.389955686853767")

# Every validation rule: exit code 3, and the message names file:line and the field.
function(bad_input name file line field message)
  fulcrum_cli_test(NAME bad_${name} ARGS validate ${BAD}/${file} EXIT 3
    STDERR "${BAD}/${file}:${line}:[0-9:]* ?${field}: ${message}")
endfunction()
bad_input(unknown_field unknown_field.yaml 6 "actors\\[1\\]\\.colour" "unknown field 'colour'")
bad_input(missing_field missing_capability.yaml 5 "actors\\.A\\.capability" "missing required field 'capability'")
bad_input(wrong_type wrong_type.yaml 5 "actors\\.A\\.capability" "expected a number, found the text \"strong\"")
bad_input(nan nan.yaml 5 "actors\\.A\\.capability" "must be a finite number, not \\.nan")
bad_input(infinite infinite.yaml 5 "actors\\.A\\.stances\\.x\\.position" "must be a finite number, not \\.inf")
bad_input(negative_capability negative_capability.yaml 5 "actors\\.A\\.capability" "negative capability -2")
bad_input(salience_100 salience_100.yaml 5 "actors\\.A\\.stances\\.x\\.salience" "150 is outside the declared salience scale \\[0, 100\\]")
bad_input(salience_1 salience_1.yaml 6 "actors\\.A\\.stances\\.x\\.salience" "50 is outside the declared salience scale \\[0, 1\\]")
bad_input(position_outside position_outside.yaml 5 "actors\\.A\\.stances\\.x\\.position" "12 is outside the issue's scale \\[0, 10\\]")
bad_input(duplicate_actor duplicate_actor.yaml 6 "actors\\[1\\]\\.id" "duplicate actor id 'A'")
bad_input(unknown_actor unknown_actor.yaml 7 "relations\\[0\\]" "unknown actor 'Z'")
bad_input(unknown_issue unknown_issue.yaml 5 "actors\\.A\\.stances\\.y" "unknown issue 'y'")
bad_input(empty_actors empty_actors.yaml 4 "actors" "the actor list is empty")
bad_input(not_utf8 not_utf8.yaml 1 "" "not UTF-8 text")
bad_input(syntax syntax.yaml 4 "" "not valid YAML")
bad_input(choice_outside choice_outside.yaml 8 "choices\\.c1\\.positions\\.x" "11 is outside the issue's scale")
bad_input(csv_negative_capability negative_capability.csv 3 "actors\\.B\\.capability" "negative capability -1")
bad_input(csv_duplicate_actor duplicate_actor.csv 3 "actor" "duplicate actor 'A'")
bad_input(csv_missing_column missing_column.csv 1 "salience" "missing column 'salience'")
bad_input(csv_wrong_type wrong_type.csv 2 "position" "expected a number, found \"five\"")
bad_input(csv_nan nan.csv 2 "position" "must be a finite number")
bad_input(csv_empty_actors empty_actors.csv 2 "actors" "the actor list is empty")

# Nothing is half-written: a failed conversion leaves no output file behind.
fulcrum_cli_test(NAME convert_bad_leaves_nothing ARGS convert ${BAD}/nan.yaml ${CMAKE_CURRENT_BINARY_DIR}/never-written.yaml EXIT 3)
bad_input(game_effect game_effect.yaml 6 "game\\.effect" "must be at most 1")
