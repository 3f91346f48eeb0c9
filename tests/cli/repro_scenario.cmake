# Issue 18's reproducers for scenario files, tables and charts (tests/data/repro/README.md names
# each file's source). Each case failed before its fix.
set(REPRO ${FULCRUM_TEST_DATA}/repro)
# Excel's byte order mark is not part of the first column's name.
fulcrum_cli_test(NAME repro_csv_utf8_bom ARGS forecast ${REPRO}/csv_with_utf8_bom.csv --model median
  --salience-scale 1 STDOUT "forecast: median +7 ")
# Blank lines count: the bad row is on line 6 of the file.
fulcrum_cli_test(NAME repro_csv_line_after_blank_lines
  ARGS validate ${REPRO}/csv_wrong_line_number_after_blank_lines.csv EXIT 3
  STDERR "blank_lines.csv:6: capability: expected a number, found \"x\"")
# Semicolons, a byte order mark and CRLF: the weighted median of 10, 20, 30 weighted 0.5, 1, 0.8.
fulcrum_cli_test(NAME repro_csv_semicolon_excel ARGS forecast ${REPRO}/csv_semicolon_excel.csv
  --model median STDOUT "forecast: median +20 ")
# A scale far from 0 and narrow made the ruler and the trajectory's grid loop (t += step stood
# still near 1e15); such a scale is now refused at validation (docs/limits.md), and the charts'
# own fix is tested on a problem built in code (tests/unit/test_charts.c). Bounds of +-1e308
# gave inf and NaN forecasts with exit 0.
fulcrum_cli_test(NAME repro_chart_narrow_scale_large_offset_issue
  ARGS chart issue ${REPRO}/chart_hang_narrow_scale_large_offset.yaml --model median
  -o cli-repro-narrow-issue.svg EXIT 3 STDERR "issues\\.a\\.min: scale bounds beyond \\+-1e\\+12")
fulcrum_cli_test(NAME repro_scale_overflow_inf_nan ARGS forecast ${REPRO}/scale_overflow_inf_nan_forecast.yaml
  EXIT 3 STDERR "scale_overflow_inf_nan_forecast\\.yaml:2: issues\\.a\\.min: scale bounds beyond")
# 500 actors: the spatial model refuses past KTAB's 250 with one line; the others print.
fulcrum_cli_test(NAME repro_yaml_500_actors_smp ARGS forecast ${REPRO}/yaml_500_actors_smp_slow.yaml
  STDOUT "forecast: median" STDERR "model smp skipped: actors: the spatial model takes at most 250 actors")
# A KTAB XML whose <Scenario> comes after a 6 KB comment runs with the file's own parameters
# (VotingRule Cubic, VictoryProbModel Binary, its seed): 71.84 after 22 rounds, as the same file
# without the comment (the defaults would run another course).
fulcrum_cli_test(NAME repro_ktab_xml_long_prolog ARGS forecast ${REPRO}/ktab_xml_4k_prolog_params_ignored.xml --model smp
  STDOUT "forecast: smp +71\\.84 .*after 22 rounds, converged")
# YAML: a depth limit and a bound on what aliases expand to, both at the offending line.
fulcrum_cli_test(NAME repro_yaml_deep_nesting ARGS validate ${REPRO}/yaml_deep_nesting_200.yaml EXIT 3
  STDERR "yaml_deep_nesting_200.yaml:2:72: nested more than 64 levels deep")
fulcrum_cli_test(NAME repro_yaml_alias_amplification ARGS validate ${REPRO}/yaml_alias_amplification.yaml
  EXIT 3 STDERR "yaml_alias_amplification.yaml:7:45: aliases expand the document by more than 1000000 nodes")
# One model's refusal is a note when all models run; named alone, the model still fails.
fulcrum_cli_test(NAME repro_capability_zero_all_models
  ARGS forecast ${REPRO}/capability_zero_default_forecast_fails.yaml
  STDOUT "forecast: median +90 " STDERR "note: model smp skipped: capability: actor 'A': non-positive voting weight")
fulcrum_cli_test(NAME repro_two_actors_all_models ARGS forecast ${REPRO}/two_actors_default_forecast_fails.yaml
  STDOUT "forecast: eum \\(bdm-paper\\)" STDERR "note: model smp skipped: actors: the spatial model needs at least 3 actors \\(has 2\\)")
fulcrum_cli_test(NAME repro_two_actors_smp_alone ARGS forecast ${REPRO}/two_actors_default_forecast_fails.yaml
  --model smp EXIT 3 STDERR "actors: the spatial model needs at least 3 actors \\(has 2\\)")
# validate says the same before any forecast: the scenario is valid, and the spatial model
# (3 to 250 actors) will be skipped.
fulcrum_cli_test(NAME repro_two_actors_validate ARGS validate ${REPRO}/two_actors_default_forecast_fails.yaml
  STDOUT "valid: 1 issue\\(s\\), 2 actor\\(s\\)" STDERR "note: model smp will be skipped: it takes at least 3 actors \\(has 2\\)")
# --rounds with every model: the models without rounds say so and the others run it.
fulcrum_cli_test(NAME repro_rounds_all_models ARGS forecast --rounds 3
  STDOUT "after 3 rounds" STDERR "model capability-mean skipped on 'alignment': rounds: model 'capability-mean' has no option 'rounds'")
# One detector: a YAML whose first comment has commas is no KTAB CSV (smp read it as one and
# refused it: "2014 actors: KTAB needs 3 to 250").
fulcrum_cli_test(NAME repro_yaml_comment_not_ktab ARGS forecast ${REPRO}/yaml_comment_sniffed_as_ktab.yaml
  --model smp STDOUT "forecast: smp \\(ktab\\) +56.99 ")
# KTAB CSV rows past the declared count: an error at the first of them.
fulcrum_cli_test(NAME repro_ktab_csv_extra_rows ARGS validate ${REPRO}/ktab_csv_extra_rows_ignored.csv EXIT 3
  STDERR "ktab_csv_extra_rows_ignored.csv:6: actors: the first line announces 3 actors but more rows follow")
# DEU proposal ids longer than the record holds: refused, not cut (cut, 68 proposals merged into 1).
fulcrum_cli_test(NAME repro_deu_long_proposal_ids ARGS backtest ${REPRO}/deu_long_proposal_ids.tsv EXIT 3
  STDERR "deu_long_proposal_ids.tsv:2:[0-9]+: prnr: the proposal id has 37 characters; at most 31 are read")

# The expected-utility model's actor bound (docs/limits.md): 10,001 actors are refused when eum is
# named (exit 3, one line) and skipped with a note under every model, the others printing.
add_test(NAME cli_eum_actor_bound
  COMMAND bash -c "set -e; f=\"$2/eum10001.csv\"; awk 'BEGIN { print \"Actor,Capability,Position,Salience\"; for (i = 0; i < 10001; i++) printf \"A%05d,%d,%d,50\\n\", i, 1 + i % 100, i % 101 }' > \"$f\"; set +e; err=$(\"$1\" forecast \"$f\" --model eum 2>&1 >/dev/null); rc=$?; set -e; test $rc -eq 3; grep -q 'at most 10000 actors (has 10001)' <<< \"$err\"; out=$(\"$1\" forecast \"$f\" --model all 2>&1); grep -q 'note: model eum skipped' <<< \"$out\"; grep -q 'median' <<< \"$out\"; v=$(\"$1\" validate \"$f\" 2>&1); grep -q 'note: model eum will be skipped: it takes at most 10000 actors (has 10001)' <<< \"$v\""
  _ $<TARGET_FILE:fulcrum_tool> ${CMAKE_CURRENT_BINARY_DIR})

# Ids are YAML keys when written: an issue id of control characters from a CSV header, over 1024
# characters once escaped (libyaml's bound on an implicit key), loaded and wrote a YAML that did
# not read back (fuzz_scenario, regressions/scenario/csv_issue_id_control_chars_long). An id has
# at most 128 bytes, 768 characters escaped at worst (docs/limits.md).
add_test(NAME cli_id_too_long
  COMMAND bash -c "set -e; f=\"$2/long_id.csv\"; id=$(printf 'x%.0s' $(seq 129)); printf 'actor,capability,position,salience,issue\\nA,1,50,50,%s\\nB,2,60,50,%s\\nC,3,70,50,%s\\n' $id $id $id > \"$f\"; set +e; err=$(\"$1\" validate \"$f\" 2>&1); rc=$?; set -e; test $rc -eq 3; grep -q 'issues\\[0\\]\\.id: an id has at most 128 bytes' <<< \"$err\""
  _ $<TARGET_FILE:fulcrum_tool> ${CMAKE_CURRENT_BINARY_DIR})
fulcrum_cli_test(NAME id_control_characters
  ARGS validate ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regressions/scenario/csv_issue_id_control_chars_long
  EXIT 3 STDERR "issues\\[0\\]\\.id: an id has at most 128 bytes")
