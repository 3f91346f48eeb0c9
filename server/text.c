/* The server's text: a growable buffer that remembers a failed allocation (so a handler can
 * build a whole answer and check once), JSON strings, error objects and SHA-256 hashes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "serve_internal.h"

static int grow(serve_buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void serve_buf_add(serve_buf *b, const char *s, size_t n)
{
    if (!grow(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void serve_buf_puts(serve_buf *b, const char *s)
{
    serve_buf_add(b, s, strlen(s));
}

void serve_buf_printf(serve_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        serve_buf_add(b, small, (size_t)n);
        return;
    }
    if (!grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* The length of the valid UTF-8 sequence at s (at most n bytes), 0 when it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k;
    unsigned min;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        k = 2, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        k = 3, min = 0x800;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
        k = 4, min = 0x10000;
    else
        return 0;
    if (k > n)
        return 0;
    unsigned cp = c & (0x7Fu >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k;
}

void serve_buf_json_string(serve_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    serve_buf_add(b, "\"", 1);
    size_t run = 0; /* bytes copied as they are, flushed in one go */
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        const char *esc = NULL;
        char tmp[8];
        size_t k = 1;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c < 0x20 || c == 0x7F) {
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
            esc = tmp;
        } else if (c >= 0x80) {
            k = utf8_len(u + i, n - i);
            if (!k) {
                esc = "\\ufffd";
                k = 1;
            } else {
                /* U+2028 and U+2029 end a line in older JavaScript: escaped. */
                if (k == 3 && c == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
                    esc = u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            }
        }
        if (esc) {
            serve_buf_add(b, s + i - run, run);
            run = 0;
            serve_buf_puts(b, esc);
        } else {
            run += k;
        }
        i += k;
    }
    serve_buf_add(b, s + n - run, run);
    serve_buf_add(b, "\"", 1);
}

void serve_buf_json_cstr(serve_buf *b, const char *s)
{
    if (!s)
        serve_buf_puts(b, "null");
    else
        serve_buf_json_string(b, s, strlen(s));
}

char *serve_buf_take(serve_buf *b)
{
    char *p = b->failed ? NULL : b->data;
    if (b->failed)
        free(b->data);
    else if (!p)
        p = calloc(1, 1);
    memset(b, 0, sizeof *b);
    return p;
}

void serve_buf_free(serve_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void serve_buf_error(serve_buf *b, const fc_error *err)
{
    serve_buf_puts(b, "{\"status\":");
    serve_buf_json_cstr(b, fc_status_name(err->status));
    serve_buf_puts(b, ",\"file\":");
    serve_buf_json_cstr(b, err->file);
    serve_buf_printf(b, ",\"line\":%d,\"column\":%d,\"field\":", err->line, err->column);
    serve_buf_json_cstr(b, err->field);
    serve_buf_puts(b, ",\"message\":");
    serve_buf_json_cstr(b, err->message);
    char text[1200];
    fc_error_format(err, text, sizeof text);
    serve_buf_puts(b, ",\"text\":");
    serve_buf_json_cstr(b, text);
    serve_buf_puts(b, "}");
}
