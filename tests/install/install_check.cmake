# Installs the build tree into a temporary prefix and builds tests/install/client.c against it
# three ways: with `pkg-config --cflags --libs fulcrum` (shared library), with pkg-config --static
# (libfulcrum.a and its Libs.private/Requires.private), and with find_package(fulcrum). Each
# client is run and must print the built-in case's forecasts.
# -D: BUILD_DIR, WORK, SRC, CC, FLAGS (extra compile and link flags, "|"-separated), LIBDIR.
cmake_minimum_required(VERSION 3.20)
string(REPLACE "|" ";" FLAGS "${FLAGS}")
set(PREFIX ${WORK}/prefix)

function(check_run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(OUT "${out}" PARENT_SCOPE)
endfunction()

# NEEDED entries of an ELF file tell whether it uses libfulcrum.so.
function(check_needed exe expect)
  check_run("readelf ${exe}" readelf -d ${exe})
  string(FIND "${OUT}" "[libfulcrum.so.0]" at)
  if(expect AND at EQUAL -1)
    message(FATAL_ERROR "${exe} does not use libfulcrum.so.0:\n${OUT}")
  elseif(NOT expect AND NOT at EQUAL -1)
    message(FATAL_ERROR "${exe} uses libfulcrum.so.0 though linked statically")
  endif()
endfunction()

function(check_client exe)
  check_run("${exe}" ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${PREFIX}/${LIBDIR} ${exe})
  if(NOT OUT MATCHES "median 70\\.00\ncompromise 55\\.26")
    message(FATAL_ERROR "${exe} printed:\n${OUT}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
check_run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})
foreach(f include/fulcrum/fulcrum.h ${LIBDIR}/libfulcrum.a ${LIBDIR}/libfulcrum.so.0
          ${LIBDIR}/pkgconfig/fulcrum.pc ${LIBDIR}/cmake/fulcrum/fulcrumConfig.cmake
          ${LIBDIR}/cmake/fulcrum/fulcrumConfigVersion.cmake)
  if(NOT EXISTS ${PREFIX}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
set(ENV{PKG_CONFIG_PATH} ${PREFIX}/${LIBDIR}/pkgconfig)
set(CFLAGS -std=c17 -Wall -Wextra -Werror ${FLAGS})

# Shared, through pkg-config.
check_run("pkg-config" pkg-config --cflags --libs fulcrum)
string(STRIP "${OUT}" pc)
separate_arguments(pc UNIX_COMMAND "${pc}")
check_run("cc (pkg-config)" ${CC} ${CFLAGS} ${SRC}/client.c -o ${WORK}/client_pc ${pc} -lm)
check_needed(${WORK}/client_pc TRUE)
check_client(${WORK}/client_pc)

# Static, through pkg-config --static: libfulcrum.a named by path (-lfulcrum would take the .so).
check_run("pkg-config --static" pkg-config --static --libs fulcrum)
string(STRIP "${OUT}" pc)
separate_arguments(pc UNIX_COMMAND "${pc}")
list(TRANSFORM pc REPLACE "^-lfulcrum$" "${PREFIX}/${LIBDIR}/libfulcrum.a")
check_run("pkg-config --cflags" pkg-config --cflags fulcrum)
string(STRIP "${OUT}" pccflags)
separate_arguments(pccflags UNIX_COMMAND "${pccflags}")
check_run("cc (pkg-config --static)" ${CC} ${CFLAGS} ${pccflags} ${SRC}/client.c -o ${WORK}/client_static ${pc} -lm)
check_needed(${WORK}/client_static FALSE)
check_client(${WORK}/client_static)

# Shared, through find_package(fulcrum).
string(JOIN " " flags ${FLAGS})
check_run("configure the find_package client" ${CMAKE_COMMAND} -S ${SRC} -B ${WORK}/cmake-client
          -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_C_COMPILER=${CC} "-DCMAKE_C_FLAGS=${flags}"
          "-DCMAKE_EXE_LINKER_FLAGS=${flags}")
check_run("build the find_package client" ${CMAKE_COMMAND} --build ${WORK}/cmake-client)
check_needed(${WORK}/cmake-client/client TRUE)
check_client(${WORK}/cmake-client/client)
file(REMOVE_RECURSE ${WORK})
