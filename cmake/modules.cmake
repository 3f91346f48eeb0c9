# The library's modules, the arrows between them, and which public header belongs to which
# module. The build turns this table into include "views" so that a module can only #include
# the headers of the modules it may use: a forbidden arrow fails to compile (docs/architecture.md).

# Allowed arrows: FC_USES_<module> lists every module <module> may include and call.
# A module never sees a module it does not list, even through another one (no transitive use).
set(FC_MODULES util scenario game models io analysis report)
set(FC_USES_util)
set(FC_USES_scenario util)
set(FC_USES_game util)
set(FC_USES_models util scenario)
set(FC_USES_io util scenario game)
set(FC_USES_analysis util scenario io models game)
set(FC_USES_report util scenario models game analysis)

# Every header of include/fulcrum/ and its module. fulcrum.h is the umbrella of the whole API:
# only clients of the library (the tool, tests, benches) see it.
set(FC_HEADERS_util error.h export.h rng.h util.h)
set(FC_HEADERS_scenario scenario.h problem.h)
set(FC_HEADERS_game game.h game_exact.h)
set(FC_HEADERS_models forecast.h model.h eum.h smp.h crisis.h)
set(FC_HEADERS_io io.h deu.h ktab.h)
set(FC_HEADERS_analysis backtest.h cases.h dilemma.h game_scenario.h run.h sweep.h)
set(FC_HEADERS_report report.h charts.h game_text.h html.h)
set(FC_HEADERS_api fulcrum.h)

# Internal headers (src/<module>/*.h) are private to their module, with one deliberate
# exception: util's (util/strutil.h, the growable buffer every module writes text with,
# util/strmap.h, the string-to-index map of the readers and the validator, and
# util/json_text.h, the exact JSON/YAML printers) are visible to every module that uses util,
# which is all of them. They are never installed.

# Temporary exceptions, one per source file that crosses a boundary today. Each entry:
#   <file under src/> <what it may see>...   where <what> is <module> (its public headers),
#   <module>/internal (its src/<module>/ headers) or <module>/link (no header: calls only).
#   Each lets the file call that module too (tests/buildsys/link_check.cmake). Remove an
#   entry when its file is fixed.
set(FC_EXCEPTIONS
  # none: every module includes only what the arrows allow. An entry "src/file.c module"
  # would give one file an extra view; keep it empty.
)

set(FC_VIEWS ${CMAKE_BINARY_DIR}/views)

# Builds the views: views/<module>/public/fulcrum/<header> links to the module's public headers
# only, views/<module>/internal/<module> links to src/<module>/. Links, not copies, so editing
# a header needs no reconfigure; the views are rebuilt from scratch at each configure so a header
# moved to another module disappears from its old view.
function(fc_make_views)
  file(REMOVE_RECURSE ${FC_VIEWS})
  set(mapped)
  foreach(m ${FC_MODULES} api)
    file(MAKE_DIRECTORY ${FC_VIEWS}/${m}/public/fulcrum)
    foreach(h ${FC_HEADERS_${m}})
      if(NOT EXISTS ${CMAKE_SOURCE_DIR}/include/fulcrum/${h})
        message(FATAL_ERROR "cmake/modules.cmake: include/fulcrum/${h} (module ${m}) does not exist")
      endif()
      file(CREATE_LINK ${CMAKE_SOURCE_DIR}/include/fulcrum/${h} ${FC_VIEWS}/${m}/public/fulcrum/${h} SYMBOLIC)
      list(APPEND mapped ${h})
    endforeach()
    if(NOT m STREQUAL "api")
      file(MAKE_DIRECTORY ${FC_VIEWS}/${m}/internal)
      file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/${m} ${FC_VIEWS}/${m}/internal/${m} SYMBOLIC)
    endif()
  endforeach()
  # A new public header must be given a module before anything can include it.
  file(GLOB present CONFIGURE_DEPENDS RELATIVE ${CMAKE_SOURCE_DIR}/include/fulcrum
       ${CMAKE_SOURCE_DIR}/include/fulcrum/*.h)
  foreach(h ${present})
    if(NOT h IN_LIST mapped)
      message(FATAL_ERROR "include/fulcrum/${h} has no module: add it to a FC_HEADERS_ list in cmake/modules.cmake")
    endif()
  endforeach()
endfunction()

# One object library fc_<module> per folder, compiled once and shared by the static and the
# shared library. It sees its own public and internal view; the modules it may use come as
# link dependencies whose interface is their public view (and util's internal one).
function(fc_add_module m)
  set_property(GLOBAL APPEND PROPERTY FC_LISTED_SOURCES ${ARGN})
  add_library(fc_${m} OBJECT ${ARGN})
  target_include_directories(fc_${m}
    PRIVATE ${FC_VIEWS}/${m}/public ${FC_VIEWS}/${m}/internal
    INTERFACE ${FC_VIEWS}/${m}/public)
  if(m STREQUAL "util")
    target_include_directories(fc_${m} INTERFACE ${FC_VIEWS}/util/internal)
  endif()
  foreach(dep ${FC_USES_${m}})
    target_link_libraries(fc_${m} PRIVATE fc_${dep})
  endforeach()
  target_link_libraries(fc_${m} PRIVATE fulcrum_deps)
  set_target_properties(fc_${m} PROPERTIES C_VISIBILITY_PRESET hidden POSITION_INDEPENDENT_CODE ON)
endfunction()

# Gives the files of FC_EXCEPTIONS the extra views they need.
function(fc_apply_exceptions)
  foreach(entry ${FC_EXCEPTIONS})
    string(REPLACE " " ";" words "${entry}")
    list(POP_FRONT words file)
    set(dirs)
    foreach(w ${words})
      if(w MATCHES "/link$")
        continue()
      elseif(w MATCHES "^([a-z]+)/internal$")
        list(APPEND dirs ${FC_VIEWS}/${CMAKE_MATCH_1}/internal)
      else()
        list(APPEND dirs ${FC_VIEWS}/${w}/public)
      endif()
    endforeach()
    string(REGEX MATCH "^[a-z]+" m "${file}")
    if(NOT EXISTS ${CMAKE_SOURCE_DIR}/src/${file})
      message(WARNING "cmake/modules.cmake: the exception for src/${file} names no file any more; remove it")
      continue()
    endif()
    set_property(SOURCE ${CMAKE_SOURCE_DIR}/src/${file} TARGET_DIRECTORY fc_${m}
                 APPEND PROPERTY INCLUDE_DIRECTORIES ${dirs})
  endforeach()
endfunction()

# A source file in src/ that no module lists would be silently left out of the library (and
# show up as an undefined reference far from its cause): name it at configure time instead.
function(fc_check_sources_listed)
  get_property(listed GLOBAL PROPERTY FC_LISTED_SOURCES)
  file(GLOB_RECURSE present CONFIGURE_DEPENDS RELATIVE ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/src/*.c)
  foreach(f ${present})
    if(NOT f IN_LIST listed)
      message(FATAL_ERROR "${f} is in no module's source list: add it to its fc_add_module() in CMakeLists.txt")
    endif()
  endforeach()
endfunction()
