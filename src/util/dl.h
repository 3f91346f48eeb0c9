/* Libraries opened at first use (src/util/dl.c): cairo for charts and MPI for distributed
 * sweeps are not linked into the program, so a command that draws no chart never loads them. */
#ifndef FULCRUM_UTIL_DL_H
#define FULCRUM_UTIL_DL_H

#include <stddef.h>

#include "fulcrum/error.h"

/* Opens the library soname (its run-time name, "libcairo.so.2") and looks up the n symbols
 * names[] into out[]. global makes its symbols visible to libraries it loads later itself
 * (Open MPI's components need that). what says which feature needs the library, for the
 * message. On failure nothing stays open and err names the file or the missing symbol. Not
 * thread-safe by itself: callers load once under their own lock. */
fc_status util_dl_load(const char *soname, int global, const char *what, const char *const *names, void **out,
                       size_t n, fc_error *err);

#endif
