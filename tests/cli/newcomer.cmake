# Command-line cases of issue 17: what a newcomer tries first (bilateral cases, Excel CSV files,
# --set on any model, Gambit's flags, the template, the tutorial) works or says plainly why not.
set(NEWB_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/newcomer)

# A setting given to a model that has no options is refused, not silently ignored.
fulcrum_cli_test(NAME newb_set_on_baseline ARGS forecast --model median --set tol=0 EXIT 2
  STDERR "--set: model 'median' has no options")

# Item 4: "EU" is the European Union in these cases; the trace spells out the expected utility.
fulcrum_cli_test(NAME newb_trace_expected_utility ARGS forecast ${AZ1} --model eum --trace
  STDOUT "USA loses a conflict to EU: 90 -> 80 \\(expected utility 0\\.00474674 vs 0\\.0230541\\)")

# Item 6: Gambit's habits. -q and -D are accepted (-D is --details); the game may come on
# standard input; gambit-lcp prints all 75 equilibria of von Stengel's 6x6 game, so lcp does too
# (the second line below is one gambit-lcp prints that the first path alone does not reach);
# the enummixed note is the same whichever thread finished first; progress goes to stderr.
set(NEWB_GAMES ${CMAKE_CURRENT_SOURCE_DIR}/data/games)
set(NEWB_75 ${FULCRUM_SHARED_DIR}/data/games/catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg)
fulcrum_cli_test(NAME newb_game_quiet ARGS game ${NEWB_GAMES}/alignment.efg --solver enummixed -q
  STDOUT "^NE,1,0,0,0,1,0\nNE,0,0,0,1,1/2,1/2\nNE,0,0,0,1,0,1\n$")
fulcrum_cli_test(NAME newb_game_D ARGS game ${NEWB_GAMES}/alignment.nfg --solver enummixed -D
  STDOUT "^NE,1/2,1/2,1/2,1/2\n  payoff Small state: 3/2\n")
fulcrum_cli_test(NAME newb_game_stdin ARGS game - --solver enumpure STDIN ${NEWB_GAMES}/alignment.efg
  STDOUT "^NE,1,0,1,0,1,0\nNE,0,1,0,1,0,1\n$")
fulcrum_cli_test(NAME newb_game_stdin_no_file ARGS game --solver enumpure STDIN ${NEWB_GAMES}/alignment.efg
  STDOUT "^NE,1,0,1,0,1,0\nNE,0,1,0,1,0,1\n$")
fulcrum_cli_test(NAME newb_game_lcp_all_by_default ARGS game ${NEWB_75} --solver lcp -q
  STDOUT "^NE,0,0,0,0,1,0,1,0,0,0,0,0\n.*\nNE,385/463,220/1389,0,0,14/1389,0,14/1389,0,0,0,385/463,220/1389\n")
fulcrum_cli_test(NAME newb_game_enummixed_note ARGS game ${NEWB_GAMES}/alignment.nfg --solver enummixed
  STDERR "^fulcrum game: all extreme equilibria \\(from the vertices of one player's best-response polytope\\)\n$")
# Item 11: --from-scenario leaves no dilemma.efg behind unless --write names one.
add_test(NAME cli_newb_game_from_scenario_writes_nothing
  COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:fulcrum_tool> -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/newb-no-write
    -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/helpers/no_write.cmake)

# `fulcrum new`: the template validates, every model forecasts it and the dilemma compares its
# choices; an existing file is left alone.
function(newb_new_then name args expect)
  add_test(NAME cli_newb_new_${name}
    COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:fulcrum_tool>
      -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/newb-new-${name} "-DARGS=${args}" "-DEXPECT=${expect}"
      -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/helpers/new_then.cmake)
endfunction()
newb_new_then(validates "validate,@FILE@" "valid: 1 issue\\(s\\), 4 actor\\(s\\), 1 relation\\(s\\), 2 choice\\(s\\)")
newb_new_then(forecasts "forecast,@FILE@" "forecast: median +40 .*forecast: smp \\(ktab\\) +38\\.86 ")
newb_new_then(dilemma "dilemma,@FILE@,--model,median" "Towards NBR +25\n  Towards ALLY +65\n")
fulcrum_cli_test(NAME newb_new_stdout ARGS new - STDOUT "^# A Fulcrum scenario.*\ndecider: GOV\n")
fulcrum_cli_test(NAME newb_new_exists ARGS new ${CMAKE_SOURCE_DIR}/README.md EXIT 1
  STDERR "README.md exists; choose another name")
fulcrum_cli_test(NAME newb_new_no_file ARGS new EXIT 2 STDERR "which file\\? \\(fulcrum new my-case.yaml\\)")

# Item 5: validate names every problem of a file in one run, in the file's order (each line a
# broken rule: a status quo off the scale, an unknown field, a missing capability, a negative
# capability, a position off the scale, a duplicate id, a relation to an unknown actor).
fulcrum_cli_test(NAME newb_validate_all_errors ARGS validate ${NEWB_DATA}/seven_mistakes.yaml EXIT 3
  STDERR "^fulcrum: [^\n]*seven_mistakes.yaml:5: issues.x.status_quo: 150 is outside the issue's scale \\[0, 100\\]
fulcrum: [^\n]*:7:29: actors\\[0\\]\\.colour: unknown field 'colour'[^\n]*
fulcrum: [^\n]*:8:5: actors\\.B\\.capability: missing required field 'capability'
fulcrum: [^\n]*:9: actors\\.C\\.capability: negative capability -5: capability must be >= 0
fulcrum: [^\n]*:9: actors\\.C\\.stances\\.x\\.position: 120 is outside the issue's scale \\[0, 100\\]
fulcrum: [^\n]*:10: actors\\[3\\]\\.id: duplicate actor id 'A'
fulcrum: [^\n]*:12: relations\\[0\\]: unknown actor 'Z'
fulcrum validate: 7 problems in [^\n]*seven_mistakes.yaml\n$")
# forecast still stops at the first problem (the same message as before).
fulcrum_cli_test(NAME newb_forecast_first_error ARGS forecast ${NEWB_DATA}/seven_mistakes.yaml EXIT 3
  STDERR "^fulcrum: [^\n]*seven_mistakes.yaml:7:29: actors\\[0\\]\\.colour: unknown field 'colour'[^\n]*\n$")

# Man pages after install (help2man from --help) and bash completion against the built program.
if(HELP2MAN)
  add_test(NAME cli_newb_man_after_install
    COMMAND ${CMAKE_COMMAND} -DBUILD=${CMAKE_BINARY_DIR} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/newb-man-prefix
      -DMANDIR=${CMAKE_INSTALL_MANDIR} -DDATADIR=${CMAKE_INSTALL_DATADIR}
      -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/helpers/man_check.cmake)
endif()
add_test(NAME cli_newb_bash_completion
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/buildsys/completion_check.sh $<TARGET_FILE:fulcrum_tool>
    ${CMAKE_SOURCE_DIR}/tool/completion/fulcrum.bash)

# docs/tutorial.md: every command runs as written, in order, in an empty folder.
add_test(NAME tutorial_commands
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/buildsys/tutorial_check.sh $<TARGET_FILE:fulcrum_tool>
    ${CMAKE_SOURCE_DIR}/docs/tutorial.md)

# Item 7: on a 390 px phone no table of the report is wider than the screen (headless Chromium;
# skipped without it).
add_test(NAME report_phone_width COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/buildsys/phone_check.sh
  $<TARGET_FILE:fulcrum_tool>)
set_tests_properties(report_phone_width PROPERTIES SKIP_RETURN_CODE 77)

# Item 1: the report of a scenario of two issues shows every model's forecast of both.
fulcrum_cli_test(NAME newb_report_every_issue ARGS report ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014-two-issues.yaml -o -
  STDOUT "the charts show alignment, the first\\..*<h3 id=\"every-issue\">Every issue</h3>.*<tr><td>median</td><td class=\"n\" data-label=\"alignment\">65</td><td class=\"n\" data-label=\"energy\">85</td></tr>.*<tr><td>smp \\(ktab\\), joint</td><td class=\"n\" data-label=\"alignment\">51\\.61</td><td class=\"n\" data-label=\"energy\">88\\.85</td></tr>")

# Item 11: a KTAB file's actors are shown by their names, as KTAB shows them, not by their
# descriptions (every actor of this file is "Random Spatial Actor"); the description is kept as
# the actor's note.
fulcrum_cli_test(NAME newb_ktab_actor_names ARGS forecast ${FULCRUM_SHARED_DIR}/data/smp/inputs/dummyData_3Dim.csv
  --model median --issue Pstn1 STDOUT "\n  SActor-06 +70\\.96  [.o]+  #+ +17\\.2\n  SActor-00 +75\\.79  " )
fulcrum_cli_test(NAME newb_ktab_description_note ARGS convert ${FULCRUM_SHARED_DIR}/data/smp/inputs/dummyData_3Dim.csv -
  STDOUT "- id: \"SActor-00\"\n    name: \"SActor-00\"\n.*    note: \"Random Spatial Actor\"")

# Item 7: the report opens with every model run's dilemma, as `fulcrum dilemma` ranks them
# (the one-issue case: the median, capability-mean, eum x 3 and smp runs find the status quo best,
# compromise "Embrace the West" by 0.0077, the status-quo baseline a tie), before any chart.
fulcrum_cli_test(NAME newb_report_every_dilemma ARGS report ${AZ1} --dilemma -o -
  STDOUT "<section id=\"dilemma\">\n<h2>The dilemma</h2>\n<p class=\"bottom\"><strong>Bottom line:</strong> Current policy serves Azerbaijan \\(Aliyev government\\) best under 6 of 8 model runs; Embrace the West under 1; 1 tied\\..*<tr><td>compromise</td><td class=\"n\" data-label=\"Current policy\">-0\\.101</td><td class=\"n\" data-label=\"Scale back\">-0\\.186</td><td class=\"n\" data-label=\"Embrace the West\"><strong>-0\\.093</strong> &#9733;</td><td data-label=\"Best\">Embrace the West</td></tr>.*<h3>One model run in detail</h3>.*<section id=\"trajectories\">")

# Item 11: a salience of 0.9 among saliences on 0-100 is valid but said.
fulcrum_cli_test(NAME newb_salience_typo ARGS validate ${NEWB_DATA}/salience_typo.yaml
  STDOUT "valid: 1 issue" STDERR "note: [^\n]*salience_typo.yaml: line 7: actors\\.B\\.stances\\.x\\.salience is 0\\.9 on the 0-100 scale the others use \\(did you mean 90\\?\\)")
fulcrum_cli_test(NAME newb_yaml_tab ARGS validate ${NEWB_DATA}/tab.yaml EXIT 3
  STDERR "tab.yaml:5:1: a tab character: YAML indents with spaces, never tabs \\(")

# Item 11: a CSV actor table declares its issue's scale and status quo (columns min, max,
# status_quo; one value per issue), instead of the scale being the positions' range (20 to 80).
fulcrum_cli_test(NAME newb_csv_declared_scale ARGS forecast ${NEWB_DATA}/declared_scale.csv --model status-quo
  STDOUT "scale 0 to 100, status quo 50\n.*forecast: status-quo +50 ")
fulcrum_cli_test(NAME newb_csv_declared_scale_conflict ARGS validate ${NEWB_DATA}/declared_scale_conflict.csv EXIT 3
  STDERR "declared_scale_conflict.csv:3: min: 5 here but 0 on line 2: an issue has one min")

# Item 1: every issue is forecast and shown; smp bargains over both at once and says so; a
# named issue restricts every model to it (a KTAB file's smp too).
fulcrum_cli_test(NAME newb_second_issue_named ARGS forecast ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014-two-issues.yaml
  --model eum
  STDOUT "alignment +energy\n  eum \\(scholz\\) +65 +90\n.*Issue: Routing of Azerbaijan's oil and gas exports \\[energy\\].*forecast: eum \\(scholz\\) +90 "
  STDERR "^$")
fulcrum_cli_test(NAME newb_every_issue_all_models ARGS forecast ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014-two-issues.yaml
  STDOUT "smp \\(joint\\)\nbargains over all 2 issues at once.*  median +65 +85\n.*  smp \\(ktab\\), joint +51\\.61 +88\\.85\n.*forecast: smp \\(ktab\\), joint +51\\.61 .*forecast: smp \\(ktab\\), joint +88\\.85 "
  STDERR "^$")
fulcrum_cli_test(NAME newb_smp_alone_says_joint ARGS forecast ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014-two-issues.yaml
  --model smp STDOUT "These forecasts bargain over all 2 issues at once \\(joint\\)")
fulcrum_cli_test(NAME newb_one_issue_no_note ARGS forecast ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014-two-issues.yaml
  --model eum --issue energy STDOUT "forecast: eum" STDERR "^$")
fulcrum_cli_test(NAME newb_ktab_one_dimension ARGS forecast ${FULCRUM_SHARED_DIR}/data/smp/inputs/dummyData_3Dim.csv
  --model smp --issue Pstn1 --format csv STDOUT "\nsmp,[^,]*,0,[^,]*,Pstn1,[^\n]*\nsmp,[^\n]*,Pstn1,")

# Item 3: Excel's semicolon-separated tables write a decimal comma (20,5 is 20.5 there only).
fulcrum_cli_test(NAME newb_csv_decimal_comma ARGS forecast ${NEWB_DATA}/excel_decimal_comma.csv --model median
  --format csv STDOUT "\nmedian,default,0,A,issue,FALSE,20\\.5,50,")

# Item 10: the forecast's JSON starts with its format version; one shape for one and many
# issues (a list of issues; each forecast entry names its issue and holds numbers); the
# baselines' preset is "default"; the CSV carries the version as a column.
fulcrum_cli_test(NAME newb_json_format_version ARGS forecast ${CMAKE_SOURCE_DIR}/scenarios/eu-emissions-1994.yaml
  --model median --format json STDOUT "^{\n  \"format_version\": 2,\n  \"scenario\": .*\"issues\": \\[\n.*\"model\": \"median\",\n *\"preset\": \"default\",\n *\"issue\": \"emissions\",\n *\"joint\": false,\n *\"forecast\": 7,")
fulcrum_cli_test(NAME newb_json_every_issue_numbers ARGS forecast ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014-two-issues.yaml
  --format json STDOUT "\"model\": \"median\",\n *\"preset\": \"default\",\n *\"issue\": \"energy\",\n *\"joint\": false,\n *\"forecast\": 85,.*\"model\": \"smp\",\n *\"preset\": \"ktab\",\n *\"issue\": \"energy\",\n *\"joint\": true,\n *\"forecast\": 88\\.85,")
