/* Error reports: filling and formatting fc_error. */
#include "fulcrum/error.h"
#include "fulcrum/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fc_error_clear(fc_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

fc_status fc_error_set(fc_error *err, fc_status status, const char *file, int line, int column,
                       const char *field, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = column;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

/* The one out-of-memory report: every module's allocation failure reads the same. */
fc_status fc_error_nomem(fc_error *err)
{
    return fc_error_set(err, FC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
}

size_t fc_error_format(const fc_error *err, char *buf, size_t size)
{
    if (size == 0)
        return 0;
    size_t used = 0;
    buf[0] = '\0';
#define APPEND(...)                                                                        \
    do {                                                                                   \
        int n_ = snprintf(buf + used, size > used ? size - used : 0, __VA_ARGS__);        \
        if (n_ > 0)                                                                        \
            used += (size_t)n_;                                                            \
        if (used >= size)                                                                  \
            used = size - 1;                                                               \
    } while (0)
    if (err->file[0]) {
        APPEND("%s:", err->file);
        if (err->line > 0) {
            APPEND("%d:", err->line);
            if (err->column > 0)
                APPEND("%d:", err->column);
        }
        APPEND(" ");
    }
    if (err->field[0])
        APPEND("%s: ", err->field);
    APPEND("%s", err->message[0] ? err->message : fc_status_name(err->status));
#undef APPEND
    return used;
}

const char *fc_status_name(fc_status status)
{
    switch (status) {
    case FC_OK: return "ok";
    case FC_EINPUT: return "bad input";
    case FC_EUSAGE: return "bad usage";
    case FC_ENOMEM: return "out of memory";
    case FC_EIO: return "input/output error";
    case FC_EINTERNAL: return "internal error";
    }
    return "unknown error";
}

void fc_error_list_init(fc_error_list *l)
{
    l->items = NULL;
    l->n = l->cap = 0;
}

fc_status fc_error_list_push(fc_error_list *l, const fc_error *e)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        fc_error *t = realloc(l->items, cap * sizeof *t);
        if (!t)
            return FC_ENOMEM;
        l->items = t;
        l->cap = cap;
    }
    l->items[l->n++] = *e;
    return FC_OK;
}

void fc_error_list_free(fc_error_list *l)
{
    free(l->items);
    fc_error_list_init(l);
}
