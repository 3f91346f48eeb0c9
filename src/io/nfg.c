/* Gambit's .nfg (strategic form) reader and writer: both strategy forms (counts or labels),
 * both body forms (payoff list or outcome table), exact rational payoffs. The writer follows
 * Gambit's conventions (outcome form). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "io/gambit.h"
#include "io/gambit_lex.h"

static fc_status add_outcome(fc_game *g, size_t *cap, fc_error *err)
{
    if (g->n_outcomes == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        fc_game_outcome *o = realloc(g->outcomes, c * sizeof *o);
        if (!o)
            return fc_error_nomem(err);
        g->outcomes = o;
        *cap = c;
    }
    fc_game_outcome *o = &g->outcomes[g->n_outcomes];
    o->label = NULL;
    o->payoff = fc_mpq_array_new(g->n_players);
    if (!o->payoff)
        return fc_error_nomem(err);
    g->n_outcomes++;
    return FC_OK;
}

static fc_status parse_players(gl_lexer *lx, fc_game *g)
{
    fc_status st = gl_expect(lx, GL_LBRACE, "list of players");
    size_t cap = 0;
    while (st == FC_OK && lx->tok.kind == GL_STRING) {
        if (g->n_players == cap) {
            cap = cap ? cap * 2 : 4;
            char **p = realloc(g->players, cap * sizeof *p);
            if (!p)
                return fc_error_nomem(lx->err);
            g->players = p;
        }
        st = gl_take_string(lx, "player name", &g->players[g->n_players]);
        if (st == FC_OK)
            g->n_players++;
    }
    if (st == FC_OK)
        st = gl_expect(lx, GL_RBRACE, "end of the list of players");
    if (st == FC_OK && g->n_players == 0)
        st = gl_error(lx, "a game needs at least one player");
    return st;
}

/* "EFG 2 R" / "NFG 1 R": the header, title and players. */
fc_status gambit_header(gl_lexer *lx, fc_game *g, const char *magic, int version)
{
    if (!gl_is_word(lx, magic))
        return gl_error(lx, "expected '%s'", magic);
    fc_status st = gl_next(lx);
    int v = 0;
    if (st == FC_OK) {
        int vl = lx->tok.line, vc = lx->tok.column;
        st = gl_take_int(lx, "version", &v);
        if (st == FC_OK && v != version)
            return fc_error_set(lx->err, FC_EINPUT, lx->origin, vl, vc, NULL,
                                "unsupported %s version %d (expected %d)", magic, v, version);
    }
    if (st != FC_OK)
        return st;
    if (!gl_is_word(lx, "R") && !gl_is_word(lx, "D"))
        return gl_error(lx, "expected 'R' or 'D' after the version");
    st = gl_next(lx);
    if (st == FC_OK)
        st = gl_take_string(lx, "title", &g->title);
    if (st == FC_OK)
        st = parse_players(lx, g);
    return st;
}

fc_status gambit_nfg_parse(const char *text, size_t len, const char *origin, fc_game **out,
                       fc_error *err)
{
    gl_lexer lx;
    fc_game *g = fc_game_new();
    if (!g)
        return fc_error_nomem(err);
    g->form = FC_GAME_STRATEGIC;
    fc_status st = gl_init(&lx, text, len, origin, err);
    if (st == FC_OK)
        st = gambit_header(&lx, g, "NFG", 1);
    if (st != FC_OK)
        goto fail;
    g->n_strategies = calloc(g->n_players, sizeof *g->n_strategies);
    g->strategies = calloc(g->n_players, sizeof *g->strategies);
    if (!g->n_strategies || !g->strategies) {
        st = fc_error_nomem(err);
        goto fail;
    }
    if ((st = gl_expect(&lx, GL_LBRACE, "strategies")) != FC_OK)
        goto fail;
    for (size_t p = 0; p < g->n_players; p++) {
        if (lx.tok.kind == GL_RBRACE) {
            st = gl_error(&lx, "strategies are given for %zu players, the game has %zu", p,
                          g->n_players);
            goto fail;
        }
        if (lx.tok.kind == GL_LBRACE) {
            st = gl_next(&lx);
            size_t cap = 0;
            while (st == FC_OK && lx.tok.kind == GL_STRING) {
                if (g->n_strategies[p] == cap) {
                    cap = cap ? cap * 2 : 4;
                    char **s = realloc(g->strategies[p], cap * sizeof *s);
                    if (!s) {
                        st = fc_error_nomem(err);
                        goto fail;
                    }
                    g->strategies[p] = s;
                }
                st = gl_take_string(&lx, "strategy label", &g->strategies[p][g->n_strategies[p]]);
                if (st == FC_OK)
                    g->n_strategies[p]++;
            }
            if (st == FC_OK)
                st = gl_expect(&lx, GL_RBRACE, "end of a player's strategies");
            if (st == FC_OK && g->n_strategies[p] == 0)
                st = gl_error(&lx, "player %zu has no strategies", p + 1);
        } else {
            int n = 0;
            int l = lx.tok.line, c = lx.tok.column;
            st = gl_take_int(&lx, "number of strategies", &n);
            if (st == FC_OK && n < 1)
                st = fc_error_set(err, FC_EINPUT, origin, l, c, NULL,
                                  "player %zu needs at least one strategy", p + 1);
            /* Each strategy is in at least one profile of at least two bytes (see below). */
            if (st == FC_OK && (size_t)n > len / 2)
                st = fc_error_set(err, FC_EINPUT, origin, l, c, NULL,
                                  "player %zu has %d strategies, more than a file of %zu bytes can "
                                  "list payoffs for", p + 1, n, len);
            if (st == FC_OK) {
                g->strategies[p] = calloc((size_t)n, sizeof(char *));
                if (!g->strategies[p]) {
                    st = fc_error_nomem(err);
                    goto fail;
                }
                g->n_strategies[p] = (size_t)n;
                for (int s = 0; s < n; s++) {
                    char buf[16];
                    snprintf(buf, sizeof buf, "%d", s + 1);
                    g->strategies[p][s] = strdup(buf);
                    if (!g->strategies[p][s]) {
                        st = fc_error_nomem(err);
                        goto fail;
                    }
                }
            }
        }
        if (st != FC_OK)
            goto fail;
    }
    if ((st = gl_expect(&lx, GL_RBRACE, "end of the strategies (as many entries as players)")) !=
        FC_OK)
        goto fail;
    g->n_profiles = 1;
    for (size_t p = 0; p < g->n_players; p++) {
        if (g->n_profiles > ((size_t)1 << 40) / g->n_strategies[p]) {
            st = gl_error(&lx, "the game has too many strategy profiles");
            goto fail;
        }
        g->n_profiles *= g->n_strategies[p];
    }
    /* Every profile takes at least two bytes of the file (a payoff or an outcome number and a
     * space): a header declaring more profiles than the file can list is refused before any of
     * them is allocated (44,444,444 strategies in a 60-byte file took the fuzzer's 10 s). */
    if (g->n_profiles > len / 2) {
        st = gl_error(&lx, "the game declares %zu strategy profiles, more than a file of %zu bytes can list",
                      g->n_profiles, len);
        goto fail;
    }
    if (lx.tok.kind == GL_STRING) {
        if ((st = gl_take_string(&lx, "comment", &g->comment)) != FC_OK)
            goto fail;
    }
    g->profile_outcome = calloc(g->n_profiles, sizeof *g->profile_outcome);
    if (!g->profile_outcome) {
        st = fc_error_nomem(err);
        goto fail;
    }
    size_t cap = 0;
    if (lx.tok.kind == GL_LBRACE) {
        /* outcome form */
        st = gl_next(&lx);
        while (st == FC_OK && lx.tok.kind == GL_LBRACE) {
            st = gl_next(&lx);
            if (st == FC_OK)
                st = add_outcome(g, &cap, err);
            if (st != FC_OK)
                goto fail;
            fc_game_outcome *o = &g->outcomes[g->n_outcomes - 1];
            st = gl_take_string(&lx, "outcome label", &o->label);
            for (size_t p = 0; st == FC_OK && p < g->n_players; p++) {
                if (lx.tok.kind == GL_RBRACE) {
                    st = gl_error(&lx, "outcome %zu has %zu payoffs, expected %zu", g->n_outcomes,
                                  p, g->n_players);
                    break;
                }
                st = gl_take_number(&lx, "payoff", o->payoff[p]);
                if (st == FC_OK && lx.tok.kind == GL_COMMA)
                    st = gl_next(&lx);
            }
            if (st == FC_OK && lx.tok.kind != GL_RBRACE)
                st = gl_error(&lx, "outcome %zu has more than %zu payoffs", g->n_outcomes,
                              g->n_players);
            if (st == FC_OK)
                st = gl_next(&lx);
        }
        if (st == FC_OK)
            st = gl_expect(&lx, GL_RBRACE, "end of the outcome list");
        for (size_t i = 0; st == FC_OK && i < g->n_profiles; i++) {
            int l = lx.tok.line, c = lx.tok.column, k = 0;
            if (lx.tok.kind == GL_EOF) {
                st = gl_error(&lx, "the table ends after %zu of %zu profiles", i, g->n_profiles);
                break;
            }
            st = gl_take_int(&lx, "outcome number", &k);
            if (st == FC_OK && (size_t)k > g->n_outcomes)
                st = fc_error_set(err, FC_EINPUT, origin, l, c, NULL,
                                  "outcome %d is not defined (there are %zu)", k, g->n_outcomes);
            if (st == FC_OK)
                g->profile_outcome[i] = k;
        }
    } else {
        /* payoff form: each profile gets its own unnamed outcome */
        for (size_t i = 0; st == FC_OK && i < g->n_profiles; i++) {
            if ((st = add_outcome(g, &cap, err)) != FC_OK)
                goto fail;
            fc_game_outcome *o = &g->outcomes[g->n_outcomes - 1];
            o->label = strdup("");
            if (!o->label) {
                st = fc_error_nomem(err);
                goto fail;
            }
            g->profile_outcome[i] = (int)g->n_outcomes;
            for (size_t p = 0; st == FC_OK && p < g->n_players; p++) {
                if (lx.tok.kind == GL_EOF) {
                    st = gl_error(&lx, "the payoff table ends after %zu of %zu numbers",
                                  i * g->n_players + p, g->n_profiles * g->n_players);
                    break;
                }
                st = gl_take_number(&lx, "payoff", o->payoff[p]);
                if (st == FC_OK && lx.tok.kind == GL_COMMA)
                    st = gl_next(&lx);
            }
        }
    }
    if (st == FC_OK && lx.tok.kind != GL_EOF)
        st = gl_error(&lx, "unexpected text after the table (more entries than the %zu profiles)",
                      g->n_profiles);
    if (st != FC_OK)
        goto fail;
    *out = g;
    return FC_OK;
fail:
    fc_game_free(g);
    return st;
}

fc_status gambit_nfg_write(const fc_game *g, char **text, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "NFG 1 R ");
    gambit_buf_quoted(&b, g->title);
    fc_buf_puts(&b, " {");
    for (size_t p = 0; p < g->n_players; p++) {
        fc_buf_puts(&b, " ");
        gambit_buf_quoted(&b, g->players[p]);
    }
    fc_buf_puts(&b, " }\n\n{ ");
    for (size_t p = 0; p < g->n_players; p++) {
        fc_buf_puts(&b, "{");
        for (size_t s = 0; s < g->n_strategies[p]; s++) {
            fc_buf_puts(&b, " ");
            gambit_buf_quoted(&b, g->strategies[p][s]);
        }
        fc_buf_puts(&b, " }\n");
    }
    fc_buf_puts(&b, "}\n");
    gambit_buf_quoted(&b, g->comment);
    fc_buf_puts(&b, "\n\n{\n");
    for (size_t o = 0; o < g->n_outcomes; o++) {
        fc_buf_puts(&b, "{ ");
        gambit_buf_quoted(&b, g->outcomes[o].label);
        for (size_t p = 0; p < g->n_players; p++) {
            fc_buf_puts(&b, p ? ", " : " ");
            fc_buf_mpq(&b, g->outcomes[o].payoff[p]);
        }
        fc_buf_puts(&b, " }\n");
    }
    fc_buf_puts(&b, "}\n");
    for (size_t i = 0; i < g->n_profiles; i++)
        fc_buf_printf(&b, "%d%s", g->profile_outcome[i], i + 1 < g->n_profiles ? " " : "\n");
    *text = fc_buf_take(&b);
    if (!*text)
        return fc_error_nomem(err);
    return FC_OK;
}
