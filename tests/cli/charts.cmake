# fulcrum chart and fulcrum report from the command line (the charts' content is checked by
# tests/unit/test_charts.c and test_html.c; here: arguments, exit codes, messages).
foreach(kind issue trajectory bargains)
  foreach(fmt svg png pdf)
    fulcrum_cli_test(NAME chart_${kind}_${fmt} ARGS chart ${kind} -o cli-chart-${kind}.${fmt})
  endforeach()
  fulcrum_cli_test(NAME chart_${kind}_emission
    ARGS chart ${kind} ${FULCRUM_SHARED_DIR}/data/eum/inputs/emission.csv --salience-scale 1
         -o cli-chart-emission-${kind}.svg)
endforeach()
foreach(fmt svg png pdf)
  fulcrum_cli_test(NAME chart_dilemma_${fmt} ARGS chart dilemma -o cli-chart-dilemma.${fmt})
endforeach()
fulcrum_cli_test(NAME chart_dilemma_commit ARGS chart dilemma --mode commit --model eum --preset bdm-paper
  -o cli-chart-dilemma-commit.svg)
fulcrum_cli_test(NAME chart_dilemma_bad_mode ARGS chart dilemma --mode sometimes -o x.svg EXIT 2
  STDERR "--mode must be start or commit")
fulcrum_cli_test(NAME chart_dilemma_no_choices ARGS chart dilemma ${FULCRUM_SHARED_DIR}/data/eum/inputs/emission.csv
  --salience-scale 1 -o x.svg EXIT 3 STDERR "choice")
fulcrum_cli_test(NAME report_dilemma ARGS report --dilemma -o cli-report-dilemma.html)
fulcrum_cli_test(NAME chart_one_model ARGS chart trajectory --model compromise --width 400 --png-scale 1
  -o cli-chart-compromise.png)
fulcrum_cli_test(NAME chart_help ARGS chart --help STDOUT "usage: fulcrum chart KIND")
fulcrum_cli_test(NAME chart_no_kind ARGS chart EXIT 2 STDERR "which chart")
fulcrum_cli_test(NAME chart_unknown_kind ARGS chart pie -o x.svg EXIT 2 STDERR "unknown chart 'pie'")
fulcrum_cli_test(NAME chart_no_output ARGS chart issue EXIT 2 STDERR "-o OUT.svg")
fulcrum_cli_test(NAME chart_bad_extension ARGS chart issue -o x.gif EXIT 2 STDERR "must end in .svg, .png or .pdf")
fulcrum_cli_test(NAME chart_bad_width ARGS chart issue --width 10 -o x.svg EXIT 2 STDERR "--width needs a number")
fulcrum_cli_test(NAME chart_unknown_model ARGS chart issue --model nope -o x.svg EXIT 2 STDERR "unknown model 'nope'")
fulcrum_cli_test(NAME chart_missing_file ARGS chart issue no-such-file.yaml -o x.svg EXIT 1 STDERR "no-such-file.yaml")
fulcrum_cli_test(NAME chart_unwritable ARGS chart issue -o /nonexistent-dir/x.svg EXIT 1 STDERR "nonexistent-dir")
fulcrum_cli_test(NAME report_builtin ARGS report -o cli-report.html)
fulcrum_cli_test(NAME report_emission ARGS report ${FULCRUM_SHARED_DIR}/data/eum/inputs/emission.csv
  --salience-scale 1 -o cli-report-emission.html)
fulcrum_cli_test(NAME report_help ARGS report --help STDOUT "usage: fulcrum report")
fulcrum_cli_test(NAME report_no_output ARGS report EXIT 2 STDERR "-o report.html is required")
fulcrum_cli_test(NAME report_bad_sweep ARGS report --sweep zero -o r.html EXIT 2 STDERR "--sweep needs")
# The sweep chart draws `fulcrum sweep`'s results; the sweep module lands from its own branch.
if(EXISTS ${CMAKE_SOURCE_DIR}/include/fulcrum/sweep.h)
  foreach(fmt svg png pdf)
    fulcrum_cli_test(NAME chart_sweep_${fmt} ARGS chart sweep --runs 200 -o cli-chart-sweep.${fmt})
  endforeach()
  fulcrum_cli_test(NAME chart_sweep_emission ARGS chart sweep ${FULCRUM_SHARED_DIR}/data/eum/inputs/emission.csv
    --salience-scale 1 --runs 100 --model compromise -o cli-chart-sweep-emission.svg
    STDERR "declares no uncertainty")
  fulcrum_cli_test(NAME report_sweep ARGS report --dilemma --sweep 200 -o cli-report-sweep.html)
  fulcrum_cli_test(NAME chart_sweep_bad_runs ARGS chart sweep --runs 0 -o x.svg EXIT 2 STDERR "--runs needs")
else()
  fulcrum_cli_test(NAME chart_sweep_not_built ARGS chart sweep -o x.svg EXIT 2 STDERR "does not have yet")
endif()

# The dilemma chart carries the crisis backlash: who would challenge under each choice and the
# decision value that counts it (the built-in case, eum's default preset), as SVG text.
add_test(NAME cli_chart_dilemma_backlash
  COMMAND bash -c "set -e; \"$1\" chart dilemma -o \"$2/chart_backlash.svg\"; grep -q 'Backlash: each challenger.s expected utility of challenging Azerbaijan' \"$2/chart_backlash.svg\"; grep -q 'Decision value to Azerbaijan: utility less the backlash' \"$2/chart_backlash.svg\""
  _ $<TARGET_FILE:fulcrum_tool> ${CMAKE_CURRENT_BINARY_DIR})
