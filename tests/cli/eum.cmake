# Command-line cases of the expected-utility model: the three presets on the EU emission case
# (round-10 mean of spec §12.3 to 12 digits), switches by name, the trace.
set(EU ${CMAKE_SOURCE_DIR}/scenarios/eu-emissions-1994.yaml)
fulcrum_cli_test(NAME eum_scholz_csv ARGS forecast ${EU} --model eum --format csv
  STDOUT "\neum,scholz,10,Greece,emissions,FALSE,7,7,7\\.24213095847[0-9]*,7,2\n$")
fulcrum_cli_test(NAME eum_scholz_fixed_csv ARGS forecast ${EU} --model eum --preset scholz-fixed --format csv
  STDOUT "\neum,scholz-fixed,10,Greece,emissions,FALSE,7,7,7\\.24231601136[0-9]*,7,2\n$")
fulcrum_cli_test(NAME eum_bdm_paper_csv ARGS forecast ${EU} --model eum --preset bdm-paper --format csv
  STDOUT "\neum,bdm-paper,10,Greece,emissions,FALSE,7,7,6\\.99489138313[0-9]*,7,2\n$")
fulcrum_cli_test(NAME eum_trace ARGS forecast ${EU} --model eum --rounds 2 --trace
  STDOUT "round 1:.*Belgium compromises with France: 7 -> 8\\.41593.*Luxembourg loses a conflict to Belgium: 4 -> 7.*round 2:")
fulcrum_cli_test(NAME eum_set_switch ARGS forecast ${EU} --model eum --set capitulation=on --set compromise_key=signed_weighted --set risk_update=sequential --set median_candidates=actor_order --format csv
  STDOUT "\neum,scholz-fixed,10,Greece,emissions,FALSE,7,7,7\\.24231601136[0-9]*,7,2\n$")
fulcrum_cli_test(NAME eum_tol ARGS forecast ${EU} --model eum --set tol=0 --rounds 50 --format json
  STDOUT "\"n_rounds\": 50")
fulcrum_cli_test(NAME eum_bad_switch_value ARGS forecast ${EU} --model eum --set offer_choice=nearest
  EXIT 2 STDERR "'nearest' is not a value of eum switch offer_choice")
fulcrum_cli_test(NAME eum_unknown_switch ARGS forecast ${EU} --model eum --set speed=11
  EXIT 2 STDERR "no switch 'speed'")
fulcrum_cli_test(NAME eum_unknown_preset ARGS forecast ${EU} --model eum --preset scholz2
  EXIT 2 STDERR "unknown preset 'scholz2'")
