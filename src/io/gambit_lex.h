/* The tokenizer shared by the .nfg and .efg readers: Gambit's tokens (braces, commas,
 * quoted strings, numbers, bare words), each with the line and column it starts at. */
#ifndef FULCRUM_IO_GAMBIT_LEX_H
#define FULCRUM_IO_GAMBIT_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include <gmp.h>

#include "fulcrum/error.h"

typedef enum gl_kind { GL_EOF = 0, GL_LBRACE, GL_RBRACE, GL_COMMA, GL_STRING, GL_WORD } gl_kind;

typedef struct gl_token {
    gl_kind kind;
    const char *start; /* for words: the raw text; for strings: after the opening quote */
    size_t len;
    int line, column;
} gl_token;

typedef struct gl_lexer {
    const char *text, *end, *pos;
    int line, column;
    const char *origin;
    gl_token tok;       /* the current (peeked) token */
    fc_error *err;
} gl_lexer;

/* Prepares the lexer and reads the first token. Fails on an unterminated string. */
fc_status gl_init(gl_lexer *lx, const char *text, size_t len, const char *origin, fc_error *err);
/* Moves to the next token. */
fc_status gl_next(gl_lexer *lx);
/* Reports an error at the current token. */
fc_status gl_error(gl_lexer *lx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Expects the given kind and moves on. */
fc_status gl_expect(gl_lexer *lx, gl_kind kind, const char *what);
/* The current string token unescaped (\" becomes "), malloc-ed; moves on. */
fc_status gl_take_string(gl_lexer *lx, const char *what, char **out);
/* The current token as an exact number; moves on. */
fc_status gl_take_number(gl_lexer *lx, const char *what, mpq_t out);
/* The current token as a non-negative integer that fits an int; moves on. */
fc_status gl_take_int(gl_lexer *lx, const char *what, int *out);
bool gl_is_word(const gl_lexer *lx, const char *w);



struct fc_game;
/* Reads "MAGIC version R|D "title" { players }" into g (shared by both formats). */
fc_status gambit_header(gl_lexer *lx, struct fc_game *g, const char *magic, int version);
#endif
