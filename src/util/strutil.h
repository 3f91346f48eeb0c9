/* Private string helpers of the library (not part of the public API). */
#ifndef FULCRUM_UTIL_STRUTIL_H
#define FULCRUM_UTIL_STRUTIL_H

#include <stdarg.h>
#include <stddef.h>

/* strdup that accepts NULL (returns NULL). */
char *fc_strdup_or_null(const char *s);

/* A growable string. All appends keep it NUL-terminated; on allocation failure `failed` is set
 * and later appends do nothing, so callers check once at the end. */
typedef struct fc_buf {
    char *data;
    size_t len, cap;
    int failed;
} fc_buf;

void fc_buf_init(fc_buf *b);
void fc_buf_free(fc_buf *b);
void fc_buf_append(fc_buf *b, const char *s, size_t n);
void fc_buf_puts(fc_buf *b, const char *s);
void fc_buf_printf(fc_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void fc_buf_repeat(fc_buf *b, const char *s, size_t times);
/* CSV cells: text quoted when it holds a comma, a quote or a line break (quotes doubled);
 * numbers in the shortest exact form, NaN as NA (what R and pandas read as missing). */
void fc_buf_csv_text(fc_buf *b, const char *s);
void fc_buf_csv_number(fc_buf *b, double v);
/* Hands the string to the caller (the buffer is reset); NULL if an append failed. */
char *fc_buf_take(fc_buf *b);

#endif
