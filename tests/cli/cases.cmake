# The outcome block's rules (exit 3 naming file:line: field: message) and the shipped cases:
# every scenario in scenarios/ validates, forecasts issue by issue, and sources every number.
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/data/bad)
set(GOOD ${CMAKE_CURRENT_SOURCE_DIR}/data/good)

fulcrum_cli_test(NAME outcome_valid ARGS validate ${GOOD}/outcome.yaml STDOUT "valid: 2 issue")
function(bad_outcome name line field message)
  fulcrum_cli_test(NAME bad_outcome_${name} ARGS validate ${BAD}/outcome_${name}.yaml EXIT 3
    STDERR "${BAD}/outcome_${name}.yaml:${line}:[0-9:]* ?${field}: ${message}")
endfunction()
bad_outcome(choice 10 "outcome\\.choice" "unknown choice 'nope'")
bad_outcome(missing 9 "outcome\\.decision" "missing required field 'decision'")
bad_outcome(early 9 "outcome\\.date" "the decision \\(2013-01-05\\) comes before the scenario's date \\(2013-06-01\\)")
bad_outcome(actor 15 "outcome\\.backlash\\[1\\]\\.by" "unknown actor 'Z'")
bad_outcome(outside 14 "outcome\\.positions\\.x" "11 is outside the issue's scale \\[0, 10\\]")
bad_outcome(backlash_when 14 "outcome\\.backlash\\[0\\]\\.when" "missing required field 'when'")
bad_outcome(range 14 "outcome\\.positions\\.x" "the range must contain the value")
bad_outcome(issue 15 "outcome\\.positions\\.y" "unknown issue 'y'")
bad_outcome(unknown_field 13 "outcome\\.winner" "unknown field 'winner'")

# Every shipped scenario: `fulcrum validate`, then `fulcrum forecast FILE --issue ID` for each
# of its issues (the issue ids are read from the file's `issues:` list).
file(GLOB_RECURSE SHIPPED_SCENARIOS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/scenarios/*.yaml)
foreach(f ${SHIPPED_SCENARIOS})
  file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR}/scenarios ${f})
  string(REGEX REPLACE "[/.]" "_" tag "${rel}")
  fulcrum_cli_test(NAME shipped_validate_${tag} ARGS validate ${f} STDOUT "valid: [0-9]+ issue")
  # Issue ids are the list items between `issues:` and `actors:` (the order every shipped
  # file keeps); editing the file re-runs CMake so that the list follows.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${f})
  file(READ ${f} text)
  string(FIND "${text}" "\nissues:" from)
  string(FIND "${text}" "\nactors:" to)
  math(EXPR len "${to} - ${from}")
  string(SUBSTRING "${text}" ${from} ${len} head)
  string(REGEX MATCHALL "\n  - (\\{)?id: [A-Za-z0-9_-]+" ids "${head}")
  foreach(m ${ids})
    string(REGEX REPLACE ".*id: " "" issue "${m}")
    fulcrum_cli_test(NAME shipped_forecast_${tag}_${issue} ARGS forecast ${f} --issue ${issue}
      STDOUT "Issue: [^\n]*\\[${issue}\\].*forecast: median")
  endforeach()
endforeach()
# The checker that every number in a shipped scenario is sourced is tests/unit/test_scenario_sources.c.
