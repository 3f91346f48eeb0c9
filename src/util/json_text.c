/* Printing jansson trees as JSON and as YAML with exact, short numbers. */
#include "util/json_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fulcrum/util.h"
#include "util/dtoa.h"

/* A finite whole number below 1e15 is written as an integer ("3", not "3.0"). */
static int number_is_integer(double v)
{
    return v == floor(v) && fabs(v) < 1e15;
}

json_t *fc_json_number(double v)
{
    if (!isfinite(v))
        return json_null();
    if (number_is_integer(v))
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* Characters that go out as they are are copied a run at a time: reports hold thousands of
 * strings (names, labels, keys), and a call per byte was a tenth of printing them. */
static void print_string(fc_buf *b, const char *s)
{
    fc_buf_append(b, "\"", 1);
    const unsigned char *run = (const unsigned char *)s;
    for (const unsigned char *p = run; *p; p++) {
        const char *esc = NULL;
        char u[8];
        size_t skip = 0; /* bytes after *p the escape consumes */
        switch (*p) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                snprintf(u, sizeof u, "\\u%04x", *p);
                esc = u;
            } else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f && p[1] != 0x85) {
                /* C1 control characters (U+0080-U+009F but NEL): YAML allows them only
                 * escaped, and JSON readers take the escape as well. */
                snprintf(u, sizeof u, "\\u%04x", p[1]);
                esc = u;
                skip = 1;
            } else if (*p == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
                snprintf(u, sizeof u, "\\u%04x", 0xff00 | (p[2] == 0xbe ? 0xfe : 0xff));
                esc = u;
                skip = 2;
            }
        }
        if (!esc)
            continue;
        fc_buf_append(b, (const char *)run, (size_t)(p - run));
        fc_buf_puts(b, esc);
        p += skip;
        run = p + 1;
    }
    fc_buf_puts(b, (const char *)run); /* the last run */
    fc_buf_append(b, "\"", 1);
}

/* What printf's "%lld" writes, without printf: reports hold thousands of numbers. */
static void print_integer(fc_buf *b, json_int_t v)
{
    char tmp[24];
    size_t n = sizeof tmp;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[--n] = '-';
    fc_buf_append(b, tmp + n, sizeof tmp - n);
}

static void print_scalar(fc_buf *b, const json_t *v)
{
    char num[40];
    switch (json_typeof(v)) {
    case JSON_STRING: print_string(b, json_string_value(v)); break;
    case JSON_INTEGER: print_integer(b, json_integer_value(v)); break;
    case JSON_REAL:
        /* fc_format_double's digits, with their length ("1e+20" is a number in JSON and YAML). */
        fc_buf_append(b, num, util_dtoa(json_real_value(v), num));
        break;
    case JSON_TRUE: fc_buf_puts(b, "true"); break;
    case JSON_FALSE: fc_buf_puts(b, "false"); break;
    default: fc_buf_puts(b, "null"); break;
    }
}

static int is_container(const json_t *v)
{
    return json_is_object(v) || json_is_array(v);
}

/* Short arrays of scalars print on one line: [1, 2, 3]. */
static int is_flat(const json_t *v)
{
    size_t i;
    json_t *x;
    const char *k;
    if (json_is_array(v)) {
        json_array_foreach(v, i, x) if (is_container(x)) return 0;
        return json_array_size(v) <= FC_JSON_FLAT_ARRAY_MAX;
    }
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, k, x) if (is_container(x)) return 0;
        return json_object_size(v) <= FC_JSON_FLAT_OBJECT_MAX;
    }
    return 1;
}

static void pad(fc_buf *b, int n)
{
    static const char spaces[] = "                                ";
    for (; n > 0; n -= 32)
        fc_buf_append(b, spaces, n < 32 ? (size_t)n : 32);
}

void fc_json_put_string(fc_buf *b, const char *s)
{
    print_string(b, s);
}

void fc_json_put_number(fc_buf *b, double v)
{
    char num[40];
    if (!isfinite(v))
        fc_buf_puts(b, "null");
    else if (number_is_integer(v))
        print_integer(b, (json_int_t)v);
    else
        fc_buf_append(b, num, util_dtoa(v, num));
}

void fc_json_put_integer(fc_buf *b, long long v)
{
    print_integer(b, (json_int_t)v);
}

void fc_json_pad(fc_buf *b, int n)
{
    pad(b, n);
}

static void print_flat_json(fc_buf *b, const json_t *v)
{
    size_t i;
    json_t *x;
    const char *k;
    int first = 1;
    if (json_is_array(v)) {
        fc_buf_puts(b, "[");
        json_array_foreach(v, i, x)
        {
            fc_buf_puts(b, first ? "" : ", ");
            print_scalar(b, x);
            first = 0;
        }
        fc_buf_puts(b, "]");
    } else {
        fc_buf_puts(b, "{");
        json_object_foreach((json_t *)v, k, x)
        {
            fc_buf_puts(b, first ? "" : ", ");
            print_string(b, k);
            fc_buf_puts(b, ": ");
            print_scalar(b, x);
            first = 0;
        }
        fc_buf_puts(b, "}");
    }
}

void fc_json_print(fc_buf *b, const json_t *v, int indent)
{
    size_t i, n;
    json_t *x;
    const char *k;
    if (!is_container(v)) {
        print_scalar(b, v);
        return;
    }
    if (is_flat(v)) {
        print_flat_json(b, v);
        return;
    }
    if (json_is_array(v)) {
        fc_buf_puts(b, "[\n");
        n = json_array_size(v);
        json_array_foreach(v, i, x)
        {
            pad(b, indent + 2);
            fc_json_print(b, x, indent + 2);
            fc_buf_puts(b, i + 1 < n ? ",\n" : "\n");
        }
        pad(b, indent);
        fc_buf_puts(b, "]");
        return;
    }
    fc_buf_puts(b, "{\n");
    n = json_object_size(v);
    i = 0;
    json_object_foreach((json_t *)v, k, x)
    {
        pad(b, indent + 2);
        print_string(b, k);
        fc_buf_puts(b, ": ");
        fc_json_print(b, x, indent + 2);
        fc_buf_puts(b, ++i < n ? ",\n" : "\n");
    }
    pad(b, indent);
    fc_buf_puts(b, "}");
}

/* YAML keys that are plain identifiers print bare; others are quoted. */
static void print_key(fc_buf *b, const char *k)
{
    int plain = k[0] != '\0';
    for (const char *p = k; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            plain = 0;
    if (plain && (strcmp(k, "true") == 0 || strcmp(k, "false") == 0 || strcmp(k, "null") == 0 ||
                  strcmp(k, "yes") == 0 || strcmp(k, "no") == 0))
        plain = 0;
    if (plain)
        fc_buf_puts(b, k);
    else
        print_string(b, k);
}

static void yaml_value(fc_buf *b, const json_t *v, int indent);

static void yaml_object_body(fc_buf *b, const json_t *v, int indent, int first_inline)
{
    const char *k;
    json_t *x;
    int first = 1;
    json_object_foreach((json_t *)v, k, x)
    {
        if (!(first && first_inline))
            pad(b, indent);
        first = 0;
        print_key(b, k);
        fc_buf_puts(b, ":");
        yaml_value(b, x, indent);
    }
}

/* Prints a value after "key:" or "-" (the caller printed those and no space). */
static void yaml_value(fc_buf *b, const json_t *v, int indent)
{
    size_t i;
    json_t *x;
    if (!is_container(v) || is_flat(v) || (json_is_array(v) && json_array_size(v) == 0) ||
        (json_is_object(v) && json_object_size(v) == 0)) {
        fc_buf_puts(b, " ");
        if (is_container(v))
            print_flat_json(b, v);
        else
            print_scalar(b, v);
        fc_buf_puts(b, "\n");
        return;
    }
    fc_buf_puts(b, "\n");
    if (json_is_object(v)) {
        yaml_object_body(b, v, indent + 2, 0);
        return;
    }
    json_array_foreach(v, i, x)
    {
        pad(b, indent + 2);
        fc_buf_puts(b, "-");
        if (json_is_object(x) && !is_flat(x) && json_object_size(x) > 0) {
            fc_buf_puts(b, " ");
            yaml_object_body(b, x, indent + 4, 1);
        } else {
            yaml_value(b, x, indent + 2);
        }
    }
}

void fc_yaml_print(fc_buf *b, const json_t *v, int indent)
{
    if (json_is_object(v))
        yaml_object_body(b, v, indent, 0);
    else
        yaml_value(b, v, indent);
}

fc_status fc_json_to_text(json_t *root, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    if (root)
        fc_json_print(&b, root, 0);
    fc_buf_puts(&b, "\n");
    json_decref(root);
    *out = root ? fc_buf_take(&b) : NULL;
    if (!*out) {
        fc_buf_free(&b);
        return fc_error_nomem(err);
    }
    return FC_OK;
}
