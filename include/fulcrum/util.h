/* Small services the library's modules and the tool share: whole-file reads, whole-or-nothing
 * file writes (one-shot or streamed), the one parser of finite numbers, the out-of-memory report. */
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

/* How an output is written (the rules are in docs/cli.md, "Outputs"):
 *  - a new or existing regular file is written whole or not at all: a temporary file beside it,
 *    created with mode 0666 less the umask (an existing file's mode is kept), fsync, rename;
 *  - a symbolic link is written through: its final target is replaced, the link stays;
 *  - an existing file that is not a regular file (a character device such as /dev/null, a FIFO)
 *    is opened and written directly, never replaced;
 *  - an existing read-only file, a directory, or the same file (device and inode) as one of
 *    `protect` is refused with an error, and left as it is. */
typedef struct fc_file_write_options {
    const char *const *protect; /* paths of the run's inputs; NULL when none */
    size_t n_protect;
} fc_file_write_options;

FC_API void fc_file_write_options_init(fc_file_write_options *o);

/* A streamed output: begin, write chunks, then commit (the output appears whole) or abort (the
 * target stays as it was). Commit and abort free the writer, also on failure. */
typedef struct fc_file_writer fc_file_writer;

FC_API fc_status fc_file_write_begin(const char *path, const fc_file_write_options *o, fc_file_writer **out,
                                     fc_error *err);
FC_API fc_status fc_file_write_chunk(fc_file_writer *w, const void *data, size_t len, fc_error *err);
FC_API fc_status fc_file_write_commit(fc_file_writer *w, fc_error *err);
FC_API void fc_file_write_abort(fc_file_writer *w);

/* One-shot writes on top of the streamed writer; the first with the default options. */
FC_API fc_status fc_file_write_atomic(const char *path, const void *data, size_t len, fc_error *err);
FC_API fc_status fc_file_write_atomic_with(const char *path, const void *data, size_t len,
                                           const fc_file_write_options *o, fc_error *err);

/* Removes the temporary files that writers of path left behind when their process was killed
 * (their process no longer runs); returns how many it removed. */
FC_API size_t fc_file_clean_stale(const char *path);

/* The one syntax of a number in every input of the library (scenario files, CSV, DEU and KTAB
 * tables, model options): optional spaces, tabs, CR or LF around it; an optional sign; decimal
 * digits with an optional point (".5" and "5." are numbers); an optional exponent (e or E, an
 * optional sign, digits). Nothing else: no hexadecimal, no trailing text, no "inf" or "nan".
 * A value too large for a double is refused; one too small keeps the nearest double (a
 * subnormal or zero), as a decimal number of that size means "as close to zero as it gets". */
typedef enum fc_number_status {
    FC_NUMBER_OK = 0,
    FC_NUMBER_EMPTY,      /* nothing but whitespace */
    FC_NUMBER_SYNTAX,     /* not a decimal number, or text after it */
    FC_NUMBER_NOT_FINITE, /* inf, infinity, nan (any case, any sign, YAML's .inf/.nan) */
    FC_NUMBER_RANGE       /* overflows a double */
} fc_number_status;

/* Parses s whole; *out is set only on FC_NUMBER_OK. */
FC_API fc_number_status fc_number_parse(const char *s, double *out);

/* What a status means, for messages: "not a number", "too large for a double", ... */
FC_API const char *fc_number_status_text(fc_number_status st);

/* Fills err with FC_ENOMEM and the one out-of-memory message; returns FC_ENOMEM. */
FC_API fc_status fc_error_nomem(fc_error *err);

/* True when the bytes are valid UTF-8; on failure *bad_offset is the first bad byte. */
FC_API int fc_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Formats a double in the shortest form that reads back to the same value. */
FC_API void fc_format_double(char *buf, size_t size, double v);

/* The library's version string. */
FC_API const char *fc_version(void);

/* Frees memory the library allocated and handed over (strings, arrays): free() in the
 * library's own C runtime, for callers in other languages (Python, R) that have no free(). */
FC_API void fc_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
