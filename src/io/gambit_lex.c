/* Tokenizer for Gambit's game files. Numbers are kept as raw text and converted exactly
 * (0.1 is 1/10) only when the reader asks for one, so errors point at the token. */
#include "io/gambit_lex.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/game_exact.h"
#include "fulcrum/util.h"

static void advance(gl_lexer *lx)
{
    if (*lx->pos == '\n') {
        lx->line++;
        lx->column = 1;
    } else if (((unsigned char)*lx->pos & 0xC0) != 0x80) {
        lx->column++; /* columns count characters, not UTF-8 continuation bytes */
    }
    lx->pos++;
}

fc_status gl_error(gl_lexer *lx, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fc_error_set(lx->err, FC_EINPUT, lx->origin, lx->tok.line, lx->tok.column, NULL, "%s",
                        msg);
}

fc_status gl_next(gl_lexer *lx)
{
    while (lx->pos < lx->end && isspace((unsigned char)*lx->pos))
        advance(lx);
    gl_token *t = &lx->tok;
    t->line = lx->line;
    t->column = lx->column;
    if (lx->pos >= lx->end) {
        t->kind = GL_EOF;
        t->start = lx->pos;
        t->len = 0;
        return FC_OK;
    }
    char c = *lx->pos;
    if (c == '{' || c == '}' || c == ',') {
        t->kind = c == '{' ? GL_LBRACE : c == '}' ? GL_RBRACE : GL_COMMA;
        t->start = lx->pos;
        t->len = 1;
        advance(lx);
        return FC_OK;
    }
    if (c == '"') {
        advance(lx);
        t->kind = GL_STRING;
        t->start = lx->pos;
        while (lx->pos < lx->end && *lx->pos != '"') {
            /* A NUL would silently cut the label short (and could leave it ending in a
             * backslash that no longer reads back): refuse it instead. */
            if (*lx->pos == '\0')
                return fc_error_set(lx->err, FC_EINPUT, lx->origin, lx->line, lx->column, NULL,
                                    "a NUL byte inside a string (labels cannot hold one)");
            if (*lx->pos == '\\' && lx->pos + 1 < lx->end && lx->pos[1] == '"')
                advance(lx);
            advance(lx);
        }
        if (lx->pos >= lx->end)
            return fc_error_set(lx->err, FC_EINPUT, lx->origin, t->line, t->column, NULL,
                                "unterminated string");
        t->len = (size_t)(lx->pos - t->start);
        advance(lx);
        return FC_OK;
    }
    t->kind = GL_WORD;
    t->start = lx->pos;
    while (lx->pos < lx->end && !isspace((unsigned char)*lx->pos) && *lx->pos != '{' &&
           *lx->pos != '}' && *lx->pos != ',' && *lx->pos != '"')
        advance(lx);
    t->len = (size_t)(lx->pos - t->start);
    return FC_OK;
}

fc_status gl_init(gl_lexer *lx, const char *text, size_t len, const char *origin, fc_error *err)
{
    lx->text = text;
    lx->pos = text;
    lx->end = text + len;
    lx->line = 1;
    lx->column = 1;
    lx->origin = origin ? origin : "";
    lx->err = err;
    return gl_next(lx);
}

static const char *kind_name(gl_kind k)
{
    switch (k) {
    case GL_EOF: return "end of file";
    case GL_LBRACE: return "'{'";
    case GL_RBRACE: return "'}'";
    case GL_COMMA: return "','";
    case GL_STRING: return "a string";
    case GL_WORD: return "a word";
    }
    return "?";
}

static void describe(const gl_lexer *lx, char *buf, size_t size)
{
    if (lx->tok.kind == GL_WORD || lx->tok.kind == GL_STRING)
        snprintf(buf, size, "'%.*s'", (int)(lx->tok.len > 40 ? 40 : lx->tok.len), lx->tok.start);
    else
        snprintf(buf, size, "%s", kind_name(lx->tok.kind));
}

fc_status gl_expect(gl_lexer *lx, gl_kind kind, const char *what)
{
    if (lx->tok.kind != kind) {
        char got[64];
        describe(lx, got, sizeof got);
        return gl_error(lx, "expected %s (%s), found %s", kind_name(kind), what, got);
    }
    return gl_next(lx);
}

fc_status gl_take_string(gl_lexer *lx, const char *what, char **out)
{
    if (lx->tok.kind != GL_STRING) {
        char got[64];
        describe(lx, got, sizeof got);
        return gl_error(lx, "expected a quoted string (%s), found %s", what, got);
    }
    char *s = malloc(lx->tok.len + 1);
    if (!s)
        return fc_error_nomem(lx->err);
    size_t n = 0;
    for (size_t i = 0; i < lx->tok.len; i++) {
        if (lx->tok.start[i] == '\\' && i + 1 < lx->tok.len && lx->tok.start[i + 1] == '"')
            i++;
        s[n++] = lx->tok.start[i];
    }
    s[n] = '\0';
    /* On a lexing error right after the string (an unterminated one, say) the caller may not
     * keep *out, so the string is freed here and *out left NULL: nothing leaks either way. */
    fc_status st = gl_next(lx);
    if (st != FC_OK) {
        free(s);
        *out = NULL;
        return st;
    }
    *out = s;
    return FC_OK;
}

bool fc_game_parse_number(const char *s, size_t len, mpq_t out)
{
    /* [sign] digits [/ digits]  |  [sign] (digits [. digits*] | . digits) [e [sign] digits] */
    char buf[512];
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    const char *p = buf;
    int neg = 0;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    const char *slash = strchr(p, '/');
    if (slash) {
        const char *q;
        if (slash == p)
            return false;
        for (q = p; q < slash; q++)
            if (!isdigit((unsigned char)*q))
                return false;
        if (!slash[1])
            return false;
        for (q = slash + 1; *q; q++)
            if (!isdigit((unsigned char)*q))
                return false;
        mpz_t num, den;
        mpz_init(num);
        mpz_init(den);
        char *nb = strndup(p, (size_t)(slash - p));
        if (!nb) {
            mpz_clear(num);
            mpz_clear(den);
            return false;
        }
        mpz_set_str(num, nb, 10);
        mpz_set_str(den, slash + 1, 10);
        free(nb);
        bool ok = mpz_sgn(den) != 0;
        if (ok) {
            mpq_set_num(out, num);
            mpq_set_den(out, den);
            mpq_canonicalize(out);
            if (neg)
                mpq_neg(out, out);
        }
        mpz_clear(num);
        mpz_clear(den);
        return ok;
    }
    char digits[512];
    size_t nd = 0;
    long frac = 0;
    int seen_digit = 0, seen_point = 0;
    while (*p && *p != 'e' && *p != 'E') {
        if (*p == '.') {
            if (seen_point)
                return false;
            seen_point = 1;
        } else if (isdigit((unsigned char)*p)) {
            digits[nd++] = *p;
            seen_digit = 1;
            if (seen_point)
                frac++;
        } else {
            return false;
        }
        p++;
    }
    if (!seen_digit)
        return false;
    digits[nd] = '\0';
    long ex = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        int eneg = 0;
        if (*p == '+' || *p == '-') {
            eneg = *p == '-';
            p++;
        }
        if (!*p)
            return false;
        for (; *p; p++) {
            if (!isdigit((unsigned char)*p))
                return false;
            ex = ex * 10 + (*p - '0');
            if (ex > 10000)
                return false; /* refuse absurd exponents rather than allocate without bound */
        }
        if (eneg)
            ex = -ex;
    }
    ex -= frac;
    mpz_t num, pw;
    mpz_init_set_str(num, digits, 10);
    mpz_init(pw);
    mpz_ui_pow_ui(pw, 10, (unsigned long)(ex < 0 ? -ex : ex));
    if (ex >= 0) {
        mpz_mul(num, num, pw);
        mpq_set_z(out, num);
    } else {
        mpq_set_num(out, num);
        mpq_set_den(out, pw);
        mpq_canonicalize(out);
    }
    if (neg)
        mpq_neg(out, out);
    mpz_clear(num);
    mpz_clear(pw);
    return true;
}

fc_status gl_take_number(gl_lexer *lx, const char *what, mpq_t out)
{
    if (lx->tok.kind != GL_WORD || !fc_game_parse_number(lx->tok.start, lx->tok.len, out)) {
        char got[64];
        describe(lx, got, sizeof got);
        return gl_error(lx, "expected a number (%s), found %s", what, got);
    }
    return gl_next(lx);
}

fc_status gl_take_int(gl_lexer *lx, const char *what, int *out)
{
    long v = 0;
    int ok = lx->tok.kind == GL_WORD && lx->tok.len > 0 && lx->tok.len < 10;
    for (size_t i = 0; ok && i < lx->tok.len; i++) {
        if (!isdigit((unsigned char)lx->tok.start[i]))
            ok = 0;
        else
            v = v * 10 + (lx->tok.start[i] - '0');
    }
    if (!ok) {
        char got[64];
        describe(lx, got, sizeof got);
        return gl_error(lx, "expected a non-negative integer (%s), found %s", what, got);
    }
    *out = (int)v;
    return gl_next(lx);
}

bool gl_is_word(const gl_lexer *lx, const char *w)
{
    size_t n = strlen(w);
    return lx->tok.kind == GL_WORD && lx->tok.len == n && memcmp(lx->tok.start, w, n) == 0;
}
