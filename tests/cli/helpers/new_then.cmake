# Run by the cli_newb_new_* tests: `fulcrum new` writes a template into an empty folder, then
# ARGS (a command with @FILE@ standing for the template) runs on it and must exit 0 and print
# what EXPECT matches.
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
execute_process(COMMAND ${TOOL} new case.yaml WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fulcrum new case.yaml: exit ${rc}\n${out}${err}")
endif()
string(REPLACE "@FILE@" "case.yaml" cmd "${ARGS}")
string(REPLACE "," ";" cmd "${cmd}")
execute_process(COMMAND ${TOOL} ${cmd} WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "fulcrum ${cmd}: exit ${rc}, stdout should match /${EXPECT}/\n${out}${err}")
endif()
