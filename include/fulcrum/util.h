/* Small services the library's modules and the tool share: whole-file reads and atomic
 * whole-file writes (temporary file in the same folder, then rename). */
#ifndef FULCRUM_UTIL_H
#define FULCRUM_UTIL_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest scenario or game file Fulcrum reads: 64 MiB. */
#define FC_MAX_INPUT_BYTES ((size_t)64 * 1024 * 1024)

/* Reads a whole file (at most max_bytes) into a NUL-terminated buffer the caller frees. */
FC_API fc_status fc_file_read(const char *path, size_t max_bytes, char **data, size_t *len, fc_error *err);

/* Writes data to path whole or not at all: a temporary file beside it, fsync, rename. */
FC_API fc_status fc_file_write_atomic(const char *path, const void *data, size_t len, fc_error *err);

/* True when the bytes are valid UTF-8; on failure *bad_offset is the first bad byte. */
FC_API int fc_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Formats a double in the shortest form that reads back to the same value. */
FC_API void fc_format_double(char *buf, size_t size, double v);

/* The library's version string. */
FC_API const char *fc_version(void);

#ifdef __cplusplus
}
#endif
#endif
