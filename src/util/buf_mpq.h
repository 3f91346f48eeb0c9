/* Exact rationals as text in a growable buffer: the one way the game readers' writer, the
 * profile printer and the game report spell an mpq_t ("p/q", or "p" for an integer). */
#ifndef FULCRUM_UTIL_BUF_MPQ_H
#define FULCRUM_UTIL_BUF_MPQ_H

#include <gmp.h>

#include "util/strutil.h"

/* Appends q in base 10; marks the buffer failed when GMP's string cannot be had. */
void fc_buf_mpq(fc_buf *b, const mpq_t q);

#endif
