# Command-line cases of the spatial model of politics and KTAB's files: KTAB's example runs
# with the file's own parameters (14 states = 13 rounds, as KTAB), the shipped scenarios
# with one and two issues, --set, and KTAB files that KTAB rejects.
set(SMP_IN ${FULCRUM_SHARED_DIR}/data/smp/inputs)

fulcrum_cli_test(NAME smp_ktab_xml ARGS forecast ${SMP_IN}/smpExample_det.xml --model smp
  STDOUT "forecast: smp +[0-9.]+ .*after 13 rounds, converged")
fulcrum_cli_test(NAME smp_ktab_csv_json ARGS forecast ${SMP_IN}/dummyData_3Dim.csv --model smp --format json
  STDOUT "\"model\": \"smp\",.*\"n_rounds\": 10,")
fulcrum_cli_test(NAME smp_builtin ARGS forecast --model smp STDOUT "forecast: smp.*converged")
fulcrum_cli_test(NAME smp_two_issues ARGS forecast ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014-two-issues.yaml --model smp
  STDOUT "Issue: .*forecast: smp.*Issue: .*forecast: smp")
fulcrum_cli_test(NAME smp_set_rounds ARGS forecast ${SMP_IN}/smpExample_det.xml --model smp --set max_turns=3
  STDOUT "after 3 rounds")
fulcrum_cli_test(NAME smp_set_bad ARGS forecast --model smp --set VotingRule=Majority EXIT 2
  STDERR "VotingRule: 'Majority' is not one of: Binary, PropBin, Prop")
fulcrum_cli_test(NAME smp_set_unknown ARGS forecast --model smp --set frob=1 EXIT 2 STDERR "frob: unknown option")
fulcrum_cli_test(NAME smp_full_ra_fails ARGS forecast ${SMP_IN}/dummyData_3Dim.csv --model smp --set ra=Full EXIT 1
  STDERR "out of valid range")
fulcrum_cli_test(NAME ktab_empty_coord ARGS forecast ${SMP_IN}/smpExample.xml --model smp EXIT 3
  STDERR "smpExample\\.xml:[0-9]+: dCoord: '' is not a number")
fulcrum_cli_test(NAME ktab_no_ideal_adjustment ARGS validate ${SMP_IN}/dummyData_3Dim.xml EXIT 3
  STDERR "dummyData_3Dim\\.xml:2: IdealAdjustment: Following Element is missing")
fulcrum_cli_test(NAME ktab_validate ARGS validate ${SMP_IN}/dummyData_6Dim.csv STDOUT "valid: 6 issue\\(s\\), 27 actor\\(s\\)")
