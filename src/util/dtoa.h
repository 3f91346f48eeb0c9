/* Shortest round-trip formatting of doubles (src/util/dtoa.c), the body of fc_format_double:
 * private to the library. */
#ifndef FULCRUM_UTIL_DTOA_H
#define FULCRUM_UTIL_DTOA_H

#include <stddef.h>

/* Room for any output with its NUL ("-1.2345678901234567e-308" is 24 characters). */
#define UTIL_DTOA_SIZE 32

/* Writes v as printf's "%.Pg" with the smallest P in 1..17 whose text reads back (strtod) to
 * v, whole numbers below 1e15 as "%.0f", NaN and infinities as printf spells them; the same
 * bytes as that search, without it. out holds UTIL_DTOA_SIZE bytes; returns the length. */
size_t util_dtoa(double v, char *out);

/* The search itself (snprintf and strtod for P = 1, 2, ...): the definition util_dtoa
 * follows, used for the few values whose digits it cannot settle by its own arithmetic. */
size_t util_dtoa_search(double v, char *out);

#endif
