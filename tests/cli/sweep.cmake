# fulcrum sweep: usage, bad input, determinism across threads and MPI ranks, kill and resume.
set(SWEEP_JITTER position=10,salience=10,capability=20%)

fulcrum_cli_test(NAME sweep_help ARGS sweep --help STDOUT "usage: fulcrum sweep")
fulcrum_cli_test(NAME sweep_unknown_option ARGS sweep --bogus EXIT 2 STDERR "unknown option '--bogus'")
fulcrum_cli_test(NAME sweep_bad_runs ARGS sweep --runs 0 EXIT 2 STDERR "--runs needs")
fulcrum_cli_test(NAME sweep_bad_jitter ARGS sweep --jitter height=3 EXIT 2 STDERR "unknown input 'height'")
fulcrum_cli_test(NAME sweep_bad_model ARGS sweep --model nosuch EXIT 2 STDERR "unknown model 'nosuch'")
fulcrum_cli_test(NAME sweep_mode_without_choices ARGS sweep --mode commit EXIT 2 STDERR "--mode goes with --choices")
fulcrum_cli_test(NAME sweep_no_choices
  ARGS sweep ${FULCRUM_SHARED_DIR}/data/eum/eu_emission_standards_bdm1994.csv --choices --runs 10
  EXIT 3 STDERR "no choices to compare: add a 'decider:'")
fulcrum_cli_test(NAME sweep_fallback_jitter ARGS sweep ${AZ1} --runs 20 --model median --no-sensitivity
  STDERR "declares no uncertainty; using --jitter position=10,salience=10,capability=20%"
  STDOUT "uncertain inputs: 36; default spreads: position sd 10, salience sd 10, capability sd 20%")
fulcrum_cli_test(NAME sweep_missing_file ARGS sweep /nonexistent/x.yaml EXIT 1 STDERR "cannot open")

# The one-issue case: the EUM forecast's distribution, events, choices and sensitivity.
fulcrum_cli_test(NAME sweep_builtin_eum
  ARGS sweep ${AZ1} --runs 300 --model eum --preset scholz --rounds 10 --jitter ${SWEEP_JITTER} --choices
  STDOUT "model eum \\(preset scholz\\), 300 runs.*90% interval: \\[[0-9.]+, [0-9.]+\\].*Events: .*Aimed at Azerbaijan.*Choices of Azerbaijan.*Embrace the West.*standardised regression")
fulcrum_cli_test(NAME sweep_emission_csv_eum
  ARGS sweep ${FULCRUM_SHARED_DIR}/data/eum/eu_emission_standards_bdm1994.csv --runs 200 --model eum --jitter ${SWEEP_JITTER} --format json
  STDOUT "\"model\": \"eum\".*\"interval90\": \\[")
fulcrum_cli_test(NAME sweep_json_has_no_timing
  ARGS sweep --runs 50 --model median --jitter ${SWEEP_JITTER} --format json STDOUT "^{.*\"sensitivity\"")
fulcrum_cli_test(NAME sweep_json_timing_on_request
  ARGS sweep --runs 50 --model median --jitter ${SWEEP_JITTER} --format json --timing STDOUT "\"runs_per_second\"")

add_test(NAME cli_sweep_threads_identical
  COMMAND bash -c "set -e; \"$1\" sweep --runs 400 --model eum --jitter ${SWEEP_JITTER} --choices --threads 1 --format json > \"$2/t1.json\"; \"$1\" sweep --runs 400 --model eum --jitter ${SWEEP_JITTER} --choices --threads 2 --format json > \"$2/t2.json\"; cmp \"$2/t1.json\" \"$2/t2.json\"; ! grep -q runs_per_second \"$2/t1.json\""
          _ $<TARGET_FILE:fulcrum_tool> ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME cli_sweep_runs_csv
  COMMAND bash -c "set -e; \"$1\" sweep --runs 20 --model median --jitter ${SWEEP_JITTER} --choices --runs-csv \"$2/runs.csv\" > /dev/null; head -1 \"$2/runs.csv\" | grep -qx 'run,quantity,actor,issue,choice,value'; grep -q '^19,forecast,,alignment,,' \"$2/runs.csv\"; grep -q '^0,choice_utility,AZE,,embrace,' \"$2/runs.csv\""
          _ $<TARGET_FILE:fulcrum_tool> ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME cli_sweep_kill_resume
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/sweep/kill_resume.sh $<TARGET_FILE:fulcrum_tool>
          ${CMAKE_CURRENT_BINARY_DIR}/sweep_kill_resume
          --runs 4000 --model eum --jitter ${SWEEP_JITTER} --choices --threads 2)
if(FULCRUM_MPI)
  add_test(NAME cli_sweep_mpi_two_ranks
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/sweep/mpi_compare.sh $<TARGET_FILE:fulcrum_tool>
            ${CMAKE_CURRENT_BINARY_DIR}/sweep_mpi
            --runs 1500 --model eum --jitter ${SWEEP_JITTER} --choices --threads 1)
  fulcrum_add_test(NAME cli_sweep_mpi_two_ranks_emission
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/sweep/mpi_compare.sh $<TARGET_FILE:fulcrum_tool>
            ${CMAKE_CURRENT_BINARY_DIR}/sweep_mpi_emission
            ${FULCRUM_SHARED_DIR}/data/eum/eu_emission_standards_bdm1994.csv
            --runs 1000 --model eum --preset scholz-fixed --jitter ${SWEEP_JITTER} --threads 2)
endif()

# Golden reports: every printed digit of a small sweep (baselines: their numbers do not move
# when a round-based model is tuned).
fulcrum_cli_test(NAME sweep_golden_text
  ARGS sweep ${AZ1} --runs 500 --model median --choices --jitter position=10,salience=10,capability=20%
  GOLDEN ${CMAKE_CURRENT_SOURCE_DIR}/golden/sweep-median.txt)
fulcrum_cli_test(NAME sweep_golden_json
  ARGS sweep ${AZ1} --runs 500 --model compromise --choices --mode commit --jitter position=8,salience=5,capability=25% --format json
  GOLDEN ${CMAKE_CURRENT_SOURCE_DIR}/golden/sweep-compromise.json)
fulcrum_cli_test(NAME sweep_every_run_fails
  ARGS sweep ${FULCRUM_SHARED_DIR}/data/eum/china_dmasad.csv --model status-quo --runs 10
  EXIT 3 STDERR "declares no status quo")

# The progress bar is drawn only on a terminal: redirected, stderr stays empty.
fulcrum_cli_test(NAME sweep_silent_without_terminal
  ARGS sweep --runs 300 --model median --jitter ${SWEEP_JITTER} STDERR "^$")
find_program(SCRIPT_PROGRAM script)
if(SCRIPT_PROGRAM)
  # Under a pseudo-terminal (script(1)) the bar shows runs, rate and the end at 100%.
  add_test(NAME cli_sweep_progress_on_terminal
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/sweep/progress_tty.sh $<TARGET_FILE:fulcrum_tool>
            ${CMAKE_CURRENT_BINARY_DIR}/sweep_progress)
endif()

# Issue 12: the spatial model runs every issue of a multi-issue scenario at once; the backlash
# figures count on several issues (instability, a distance on one scale, reads n/a), never nan.
add_test(NAME cli_sweep_smp_choices_every_issue_no_nan
  COMMAND bash -c "set -e; out=$(\"$1\" sweep \"$2\" --model smp --choices --runs 20 --jitter position=10,salience=10,capability=20% --threads 1); ! grep -qiw nan <<< \"$out\"; grep -q 'pressure on it' <<< \"$out\"; grep -q 'every issue: forecast' <<< \"$out\"; grep -q 'beats \"Scale back\" in' <<< \"$out\""
  _ $<TARGET_FILE:fulcrum_tool> ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014.yaml)
