# Run by cli_newb_man_after_install: installs the build tree into a fresh prefix and reads the
# pages as a user would, `man fulcrum` and `man fulcrum-game` with MANPATH on the prefix; each
# must carry the text of the matching --help (help2man made them from it).
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}
  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${err}")
endif()
set(mandir ${WORK}/${MANDIR})
if(NOT EXISTS ${mandir}/man1/fulcrum.1 OR NOT EXISTS ${mandir}/man1/fulcrum-game.1)
  message(FATAL_ERROR "no man pages under ${mandir}/man1")
endif()
if(NOT EXISTS ${WORK}/${DATADIR}/bash-completion/completions/fulcrum)
  message(FATAL_ERROR "no bash completion under ${WORK}/${DATADIR}")
endif()
find_program(MAN man)
foreach(page_want "fulcrum|fulcrum - forecasts foreign-policy bargaining"
                  "fulcrum|fulcrum-forecast\\(1\\)"
                  "fulcrum-game|-q +quiet: no notes and no progress on standard error"
                  "fulcrum-new|Writes a commented template scenario")
  string(REPLACE "|" ";" pw "${page_want}")
  list(GET pw 0 page)
  list(GET pw 1 want)
  if(MAN)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env MANPATH=${mandir} MANWIDTH=100 ${MAN} -P cat ${page}
      RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE err)
  else()
    file(READ ${mandir}/man1/${page}.1 text)
    set(rc 0)
  endif()
  string(ASCII 8 backspace)
  string(REGEX REPLACE "${backspace}." "" text "${text}")
  string(REGEX REPLACE "[ \n]+" " " text "${text}")
  if(NOT rc EQUAL 0 OR NOT text MATCHES "${want}")
    message(FATAL_ERROR "man ${page}: exit ${rc}, should contain /${want}/:\n${text}\n${err}")
  endif()
endforeach()
