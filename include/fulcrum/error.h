/* Status codes and error reports shared by every fallible function of the library.
 * A failing call returns its status and fills an fc_error that says where (file, line,
 * column, field) and what went wrong, so a tool can print it verbatim. */
#ifndef FULCRUM_ERROR_H
#define FULCRUM_ERROR_H

#include "fulcrum/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fc_status {
    FC_OK = 0,
    FC_EINPUT,    /* the input (file, string, table) is malformed or fails validation */
    FC_EUSAGE,    /* the caller asked for something that does not exist (unknown model, option) */
    FC_ENOMEM,    /* an allocation failed */
    FC_EIO,       /* reading or writing a file failed */
    FC_EINTERNAL  /* a numerical or logic failure inside the library */
} fc_status;

typedef struct fc_error {
    fc_status status;
    char file[256];    /* "" when the error is not tied to a file */
    int line;          /* 1-based; 0 when unknown */
    int column;        /* 1-based; 0 when unknown */
    char field[128];   /* the field at fault, e.g. "actors[3].capability"; "" when none */
    char message[512];
} fc_error;

/* Resets an error report to "no error". */
FC_API void fc_error_clear(fc_error *err);

/* Fills err (if not NULL) and returns status. file/field may be NULL. */
FC_API fc_status fc_error_set(fc_error *err, fc_status status, const char *file, int line, int column,
                              const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* Formats "file:line:column: field: message" (parts that are unknown are left out). */
FC_API size_t fc_error_format(const fc_error *err, char *buf, size_t size);

/* A short English name for a status ("bad input", "out of memory", ...). */
FC_API const char *fc_status_name(fc_status status);

/* Every problem of an input at once: readers and validation that are given a list append each
 * error they find and go on where they can, so one run names them all. */
typedef struct fc_error_list {
    fc_error *items;
    size_t n, cap;
} fc_error_list;

/* An empty list. */
FC_API void fc_error_list_init(fc_error_list *l);
/* Appends a copy of e; FC_ENOMEM (the list unchanged) when it cannot grow. */
FC_API fc_status fc_error_list_push(fc_error_list *l, const fc_error *e);
/* Frees the items; the list is empty again. */
FC_API void fc_error_list_free(fc_error_list *l);

#ifdef __cplusplus
}
#endif
#endif
