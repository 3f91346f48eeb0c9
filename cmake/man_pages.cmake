# Writes the man pages from the program's own --help text (help2man), so `man fulcrum` and
# `fulcrum --help` never disagree: fulcrum.1 from `fulcrum --help`, and fulcrum-CMD.1 from
# `fulcrum CMD --help` through a two-line wrapper that help2man can call as a program.
# The commands and their one-line summaries are read from `fulcrum --help`, so a new command
# gets its page without an edit here. Run with -DTOOL=<fulcrum> -DHELP2MAN=<help2man> -DOUT=<dir>.
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${TOOL} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TOOL} --help failed")
endif()
string(REGEX REPLACE ".*\ncommands:\n" "" listing "${help}")
string(REGEX REPLACE "\n\n.*" "" listing "${listing}")
string(REPLACE "\n" ";" lines "${listing}")
set(commands "")
foreach(line ${lines})
  if(line MATCHES "^  ([a-z]+) +(.+)$")
    list(APPEND commands "${CMAKE_MATCH_1}:${CMAKE_MATCH_2}")
  endif()
endforeach()
list(LENGTH commands n)
if(n LESS 5)
  message(FATAL_ERROR "found ${n} commands in `fulcrum --help`:\n${help}")
endif()
set(see_also "")
foreach(entry ${commands})
  string(REGEX REPLACE ":.*" "" cmd "${entry}")
  string(APPEND see_also ".BR fulcrum-${cmd} (1),\n")
endforeach()
string(APPEND see_also "and docs/tutorial.md, docs/cli.md and docs/formats.md in the source tree.\n")
file(WRITE ${OUT}/see_also.h2m "[SEE ALSO]\n${see_also}")
execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr
    --name "forecasts foreign-policy bargaining with the published models"
    --include ${OUT}/see_also.h2m --output ${OUT}/fulcrum.1 ${TOOL}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed on ${TOOL}")
endif()
foreach(entry ${commands})
  string(REGEX REPLACE ":.*" "" cmd "${entry}")
  string(REGEX REPLACE "^[^:]*:" "" summary "${entry}")
  set(wrapper ${OUT}/fulcrum-${cmd})
  file(WRITE ${wrapper} "#!/bin/sh\n# help2man's view of `fulcrum ${cmd}`.\n"
    "if [ \"$1\" = --version ]; then '${TOOL}' --version | sed 's/^fulcrum/fulcrum-${cmd}/'; exit; fi\n"
    "exec '${TOOL}' ${cmd} \"$@\"\n")
  file(CHMOD ${wrapper} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
       WORLD_READ WORLD_EXECUTE)
  file(WRITE ${OUT}/see_also_${cmd}.h2m "[SEE ALSO]\n.BR fulcrum (1)\n")
  execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr --name "${summary}"
      --include ${OUT}/see_also_${cmd}.h2m --output ${OUT}/fulcrum-${cmd}.1 ${wrapper}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man failed on fulcrum ${cmd}")
  endif()
  file(REMOVE ${wrapper} ${OUT}/see_also_${cmd}.h2m)
endforeach()
file(REMOVE ${OUT}/see_also.h2m)
