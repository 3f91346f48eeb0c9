# The shared library exports the public API and nothing else: every defined dynamic symbol is an
# fc_ name, except GCC's OpenMP named critical sections (.gomp_critical_user_<name>, which the
# compiler makes global so that every object using the name shares one lock) and, in the
# sanitizer build, AddressSanitizer's __odr_asan.<name> marker beside each exported fc_ global
# (it checks that one global is defined once). Internal fc_ helpers
# must stay hidden, and names the API declares must be there.
# -D: LIB (libfulcrum.so), NM.
cmake_minimum_required(VERSION 3.20)
execute_process(COMMAND ${NM} -D --defined-only ${LIB} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm failed: ${err}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(names "")
foreach(l ${lines})
  if(l MATCHES "^[0-9a-f]* *[A-Za-z] (.+)$")
    list(APPEND names ${CMAKE_MATCH_1})
  endif()
endforeach()
set(bad "")
foreach(s ${names})
  if(NOT s MATCHES "^fc_" AND NOT s MATCHES "^\\.gomp_critical_user_" AND NOT s MATCHES "^__odr_asan\\.fc_")
    string(APPEND bad " ${s}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "exported but not fc_:${bad}")
endif()
foreach(s fc_scenario_load_builtin fc_model_run fc_error_clear fc_models fc_model_median)
  if(NOT s IN_LIST names)
    message(FATAL_ERROR "${s} is not exported")
  endif()
endforeach()
# Internal helpers carry fc_ names too (util/strutil.h, io/json_text.h, the embedded scenario).
foreach(s fc_buf_init fc_json_print fc_builtin_text_)
  if(s IN_LIST names)
    message(FATAL_ERROR "internal ${s} is exported")
  endif()
endforeach()
list(LENGTH names n)
message(STATUS "${n} exported symbols, all fc_")
