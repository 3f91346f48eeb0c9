# Run by cli_newb_game_from_scenario_writes_nothing (not a case file of its own): `fulcrum game
# --from-scenario` in an empty folder must leave it empty.
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
execute_process(COMMAND ${TOOL} game --from-scenario WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(GLOB left ${WORKDIR}/*)
if(NOT rc EQUAL 0 OR left)
  message(FATAL_ERROR "exit ${rc}; files left: ${left}\n${out}${err}")
endif()
