/* Private string helpers: a growable buffer for the reporters and writers. */
#include "util/strutil.h"

#include <math.h>
#include "fulcrum/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *fc_strdup_or_null(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void fc_buf_init(fc_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void fc_buf_free(fc_buf *b)
{
    free(b->data);
    fc_buf_init(b);
}

static int reserve(fc_buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = 1;
        return 0;
    }
    b->data = d;
    b->cap = cap;
    return 1;
}

void fc_buf_append(fc_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void fc_buf_puts(fc_buf *b, const char *s)
{
    fc_buf_append(b, s, strlen(s));
}

void fc_buf_printf(fc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void fc_buf_repeat(fc_buf *b, const char *s, size_t times)
{
    for (size_t i = 0; i < times; i++)
        fc_buf_puts(b, s);
}

char *fc_buf_take(fc_buf *b)
{
    if (b->failed) {
        fc_buf_free(b);
        return NULL;
    }
    if (!b->data && reserve(b, 0))
        b->data[0] = '\0';
    char *d = b->data;
    fc_buf_init(b);
    return d;
}

void fc_buf_csv_text(fc_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fc_buf_puts(b, s);
        return;
    }
    fc_buf_puts(b, "\"");
    for (const char *p = s; *p; p++) {
        fc_buf_append(b, p, 1);
        if (*p == '"')
            fc_buf_append(b, p, 1);
    }
    fc_buf_puts(b, "\"");
}

void fc_buf_csv_number(fc_buf *b, double v)
{
    char num[40];
    if (isnan(v)) {
        fc_buf_puts(b, "NA");
        return;
    }
    fc_format_double(num, sizeof num, v);
    fc_buf_puts(b, num);
}
