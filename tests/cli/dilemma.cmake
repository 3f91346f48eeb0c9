# Command-line cases of `fulcrum dilemma`: the Azerbaijan comparison against golden files
# (text and JSON, start and commit modes), the long CSV, and the errors for bad input.
set(DIL ${CMAKE_CURRENT_SOURCE_DIR}/data/dilemma)
set(GOLD ${CMAKE_CURRENT_SOURCE_DIR}/golden)

fulcrum_cli_test(NAME dilemma_help ARGS dilemma --help STDOUT "usage: fulcrum dilemma")
fulcrum_cli_test(NAME dilemma_listed ARGS --help STDOUT "dilemma")
fulcrum_cli_test(NAME dilemma_text ARGS dilemma ${AZ1} GOLDEN ${GOLD}/azerbaijan-dilemma.txt)
fulcrum_cli_test(NAME dilemma_json ARGS dilemma scenarios/azerbaijan-2014-alignment.yaml --format json
  GOLDEN ${GOLD}/azerbaijan-dilemma.json WORKDIR ${CMAKE_SOURCE_DIR})
fulcrum_cli_test(NAME dilemma_commit_text ARGS dilemma ${AZ1} --mode commit GOLDEN ${GOLD}/azerbaijan-dilemma-commit.txt)
# bdm-paper is the EUM preset under which Azerbaijan is challenged: scaling back draws
# Turkey's pressure (7 challenges, summed EU 1.0701946072562911).
fulcrum_cli_test(NAME dilemma_backlash ARGS dilemma ${AZ1} --model eum --preset bdm-paper --format json
  STDOUT "\"choice\": \"scale-back\".*\"TUR\": {\"eu_sum\": 1\\.0701946072562911, \"challenges\": 7}")
fulcrum_cli_test(NAME dilemma_csv ARGS dilemma ${AZ1} --model median --format csv
  STDOUT "^model,preset,mode,issue,choice,figure,actor,round,event,kind,value\nmedian,NA,start,alignment,status-quo,choice_position,AZE,NA,NA,NA,65\n")
# The CSV of several issues: each issue's rows, then the totals over them (issue NA).
fulcrum_cli_test(NAME dilemma_csv_every_issue ARGS dilemma --model median --either-runs 0 --format csv
  STDOUT "\nmedian,NA,start,karabakh,status-quo,choice_position,AZE,NA,NA,NA,90\n.*\nmedian,NA,start,NA,status-quo,total_value,AZE,NA,NA,NA,-0\\.73125\n")
fulcrum_cli_test(NAME dilemma_hand_commit ARGS dilemma ${DIL}/hand.yaml --model compromise --mode commit
  STDOUT "best for A: Right, by 0\\.0667 over Current policy")
fulcrum_cli_test(NAME dilemma_output_file ARGS dilemma --model median -o dilemma_out.txt STDOUT "^$")

# Bad input and usage errors: exit codes 3 and 2, messages that say what to fix.
fulcrum_cli_test(NAME dilemma_no_choices ARGS dilemma ${CMAKE_CURRENT_SOURCE_DIR}/data/good/three.yaml EXIT 3
  STDERR "three.yaml: choices: the scenario lists no choices.*decider: ACTOR_ID.*positions: {x: 25}")
fulcrum_cli_test(NAME dilemma_choice_unknown_issue ARGS dilemma ${DIL}/choice_unknown_issue.yaml EXIT 3
  STDERR "choice_unknown_issue.yaml:9: choices\\.c1\\.positions\\.y: unknown issue 'y'")
fulcrum_cli_test(NAME dilemma_choice_unknown_actor ARGS dilemma ${DIL}/choice_unknown_decider.yaml EXIT 3
  STDERR "choice_unknown_decider.yaml: decider: unknown actor 'Z'")
fulcrum_cli_test(NAME dilemma_choice_outside ARGS dilemma ${CMAKE_CURRENT_SOURCE_DIR}/data/bad/choice_outside.yaml EXIT 3
  STDERR "choice_outside.yaml:8: choices\\.c1\\.positions\\.x: 11 is outside the issue's scale \\[0, 10\\]")
fulcrum_cli_test(NAME dilemma_bad_mode ARGS dilemma --mode later EXIT 2 STDERR "--mode must be start or commit")
fulcrum_cli_test(NAME dilemma_unknown_issue ARGS dilemma --issue nope EXIT 2 STDERR "no issue 'nope'")
fulcrum_cli_test(NAME dilemma_unknown_model ARGS dilemma --model oracle EXIT 2 STDERR "unknown model 'oracle'")
fulcrum_cli_test(NAME dilemma_unknown_preset ARGS dilemma --model eum --preset nope EXIT 2 STDERR "unknown preset 'nope'")
# Backlash costs: the option overrides the scenario's weight; 0 or --no-backlash leave the
# verdict to the outcome alone (the median model's old margin, 0.1425).
fulcrum_cli_test(NAME dilemma_no_backlash ARGS dilemma ${AZ1} --model median --no-backlash
  STDOUT "best for AZE: Current policy, by 0\\.1425 over Embrace the West\n")
fulcrum_cli_test(NAME dilemma_backlash_weight_zero ARGS dilemma ${AZ1} --model median --backlash-weight 0
  STDOUT "best for AZE: Current policy, by 0\\.1425 over Embrace the West\n")
fulcrum_cli_test(NAME dilemma_backlash_weight ARGS dilemma ${AZ1} --model median
  STDOUT "best for AZE: Current policy, by 0\\.2202 over Embrace the West\n    \\(outcome \\+0\\.1425, backlash \\+0\\.0777\\)")
fulcrum_cli_test(NAME dilemma_backlash_weight_bad ARGS dilemma --backlash-weight -1 EXIT 2
  STDERR "--backlash-weight needs a number >= 0")
# Every issue of a multi-issue scenario, with the totals first.
fulcrum_cli_test(NAME dilemma_every_issue ARGS dilemma ${CMAKE_SOURCE_DIR}/scenarios/azerbaijan-2014.yaml
  --model median --either-runs 0
  STDOUT "The dilemma on each of 4 issues: alignment karabakh energy governance\\.\n\nEvery issue, in total")
# Advice: the estimates that move the decision and what to offer whom (text only).
fulcrum_cli_test(NAME dilemma_advise ARGS dilemma ${AZ1} --model median --either-runs 0 --advise embrace
  STDOUT "Advice under median, on alignment:\nWhich estimates move the margin of \"Current policy\" over \"Embrace the West\".*What to offer whom to make \"Embrace the West\" the best")
fulcrum_cli_test(NAME dilemma_advise_json ARGS dilemma --format json --advise embrace EXIT 2
  STDERR "--advise writes text only")
fulcrum_cli_test(NAME dilemma_advise_unknown ARGS dilemma --model median --either-runs 0 --advise nope EXIT 2
  STDERR "no choice 'nope'")
fulcrum_cli_test(NAME dilemma_crisis_risk_bad ARGS dilemma --crisis-risk bold EXIT 2
  STDERR "--crisis-risk must be neutral or security")
fulcrum_cli_test(NAME dilemma_either_runs_bad ARGS dilemma --either-runs 2.5 EXIT 2
  STDERR "--either-runs needs a whole number")

# The HTML report's dilemma section carries the library's paragraph: the verdict by decision
# value with its margin split, and who would challenge Azerbaijan after each choice (the
# one-issue case, whose figures these are).
add_test(NAME cli_report_dilemma_backlash
  COMMAND bash -c "set -e; \"$1\" report \"$3\" --dilemma -o \"$2/dilemma_brief.html\"; grep -q 'from the backlash' \"$2/dilemma_brief.html\"; grep -q 'Backlash after &quot;Embrace the West&quot;: European Union (E(U) 0.033' \"$2/dilemma_brief.html\"; grep -q 'none ends in war' \"$2/dilemma_brief.html\""
  _ $<TARGET_FILE:fulcrum_tool> ${CMAKE_CURRENT_BINARY_DIR} ${AZ1})

# The HTML report states the article's either/or as `fulcrum dilemma` does: over every issue of
# the built-in case (the same 800 jittered runs, seed 1, so the same 42%).
fulcrum_cli_test(NAME report_either_or_every_issue ARGS report --dilemma -o -
  STDOUT "<p class=\"either\"><strong>The either/or:</strong> Embrace what the West offered beats Scale back in 42% of 800 runs over the estimates' uncertainty \\(90% interval of the margin -0\\.433 to \\+0\\.338\\), summed over the issues\\.</p>")
