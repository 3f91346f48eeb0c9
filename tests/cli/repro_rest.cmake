# Issue 18's remaining reproducers (tests/data/repro/, tests/data/games/repro/; the audit's
# ../shared/data/repro/README.md): what held up stays a test, and the solves that ran for
# minutes without a word now stop at their work bound with the option to raise it.
set(REPRO ${FULCRUM_TEST_DATA}/repro)
set(GREPRO ${FULCRUM_TEST_DATA}/games/repro)
# Held up: an entity expansion loop in KTAB XML is refused at its line by libxml2.
fulcrum_cli_test(NAME repro_ktab_xml_billion_laughs ARGS forecast ${REPRO}/ktab_xml_billion_laughs.xml
  --model smp EXIT 3 STDERR "ktab_xml_billion_laughs\\.xml:4:13: Detected an entity reference loop")
# 39-56 s and 48 s of enummixed without a word: past the bound, an error naming solver, bound
# and flag, and no equilibria.
fulcrum_cli_test(NAME repro_game_degenerate_30x30_bound
  ARGS game ${GREPRO}/nfg_degenerate_30x30.nfg --solver enummixed --max-work 3000000 EXIT 2
  STDERR "enummixed stopped at its work bound of 3000000 steps .*raise --max-work")
fulcrum_cli_test(NAME repro_game_efg_enummixed_48s_bound
  ARGS game ${GREPRO}/efg_enummixed_48s_mutated_bcp4.efg --solver enummixed --max-work 3000000 EXIT 2
  STDERR "enummixed stopped at its work bound of 3000000 steps .*raise --max-work")
fulcrum_cli_test(NAME repro_game_max_work_refused ARGS game ${GREPRO}/nfg_degenerate_30x30.nfg
  --max-work 0 EXIT 2 STDERR "--max-work needs a whole number of steps from 1")
