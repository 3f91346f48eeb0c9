# Start-up loads only what every command needs: the tool and libfulcrum.so must not name cairo,
# fontconfig, libxml2 (with ICU), libmicrohttpd (with GnuTLS), SQLite, Nettle or MPI among the libraries the
# loader opens at start (NEEDED). The library opens them itself at the first chart, KTAB XML file or
# distributed sweep (src/util/dl.c), the server when it starts or opens a run store (server/*_lib.c;
# docs/performance.md).
# -D: FILES (a ;-list of the programs and libraries to check), OBJDUMP.
cmake_minimum_required(VERSION 3.20)
foreach(f ${FILES})
  execute_process(COMMAND ${OBJDUMP} -p ${f} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "objdump -p ${f} failed: ${err}")
  endif()
  string(REGEX MATCHALL "NEEDED +[^\n]+" needed "${out}")
  if(NOT needed)
    message(FATAL_ERROR "${f}: no NEEDED entries read (objdump output changed?)")
  endif()
  foreach(n ${needed})
    if(n MATCHES "libcairo|libfontconfig|libmpi|libopen-rte|libopen-pal|libpixman|libX11|libxml2|libicu|libmicrohttpd|libgnutls|libsqlite3|libnettle")
      message(FATAL_ERROR "${f} loads at start-up what only some commands need: ${n}")
    endif()
  endforeach()
endforeach()
