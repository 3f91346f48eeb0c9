/* Exact rationals as text in a growable buffer (util/buf_mpq.h). Kept apart from strutil.c so
 * that only the modules that print rationals include GMP's header. */
#include <stdlib.h>

#include "util/buf_mpq.h"

void fc_buf_mpq(fc_buf *b, const mpq_t q)
{
    char *s = mpq_get_str(NULL, 10, q);
    if (!s) {
        b->failed = 1;
        return;
    }
    fc_buf_puts(b, s);
    free(s);
}
