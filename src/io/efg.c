/* Gambit's .efg (extensive form) reader and writer: personal, chance and terminal nodes in
 * preorder, information sets and outcomes defined at first use and optionally repeated,
 * outcomes on any node, exact probabilities that must sum to 1. */
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "io/gambit.h"
#include "io/gambit_lex.h"

/* (player, number) -> infoset index, and outcome number -> outcome index. */
typedef struct imap {
    long long *keys;
    int *vals;
    size_t cap, n;
} imap;

static size_t ihash(long long k, size_t cap)
{
    unsigned long long x = (unsigned long long)k * 0x9E3779B97F4A7C15ULL;
    return (size_t)(x >> 17) & (cap - 1);
}

static int imap_get(const imap *m, long long k)
{
    if (!m->cap)
        return -1;
    for (size_t i = ihash(k, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->vals[i] < 0)
            return -1;
        if (m->keys[i] == k)
            return m->vals[i];
    }
}

static bool imap_put(imap *m, long long k, int v)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        long long *keys = malloc(cap * sizeof *keys);
        int *vals = malloc(cap * sizeof *vals);
        if (!keys || !vals) {
            free(keys);
            free(vals);
            return false;
        }
        for (size_t i = 0; i < cap; i++)
            vals[i] = -1;
        for (size_t i = 0; i < m->cap; i++)
            if (m->vals[i] >= 0) {
                size_t j = ihash(m->keys[i], cap);
                while (vals[j] >= 0)
                    j = (j + 1) & (cap - 1);
                keys[j] = m->keys[i];
                vals[j] = m->vals[i];
            }
        free(m->keys);
        free(m->vals);
        m->keys = keys;
        m->vals = vals;
        m->cap = cap;
    }
    size_t j = ihash(k, m->cap);
    while (m->vals[j] >= 0)
        j = (j + 1) & (m->cap - 1);
    m->keys[j] = k;
    m->vals[j] = v;
    m->n++;
    return true;
}

static void imap_free(imap *m)
{
    free(m->keys);
    free(m->vals);
}

/* Set of (tag, label) pairs for the duplicate-label warnings: node labels (tag 0) and each
 * player's information set labels (tag = player). Hashed so 200k labels read in linear time;
 * the strings belong to the game being read and outlive the set. */
typedef struct sset {
    const char **keys;
    int *tags;
    size_t cap, n;
} sset;

static size_t shash(const char *s, int tag, size_t cap)
{
    unsigned long long h = 1469598103934665603ULL ^ (unsigned)tag;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

/* Adds (tag, s); *seen tells whether it was there already. False when out of memory. */
static bool sset_add(sset *m, int tag, const char *s, bool *seen)
{
    *seen = false;
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        const char **keys = calloc(cap, sizeof *keys);
        int *tags = calloc(cap, sizeof *tags);
        if (!keys || !tags) {
            free(keys);
            free(tags);
            return false;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = shash(m->keys[i], m->tags[i], cap);
                while (keys[j])
                    j = (j + 1) & (cap - 1);
                keys[j] = m->keys[i];
                tags[j] = m->tags[i];
            }
        free(m->keys);
        free(m->tags);
        m->keys = keys;
        m->tags = tags;
        m->cap = cap;
    }
    size_t j = shash(s, tag, m->cap);
    for (; m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (m->tags[j] == tag && strcmp(m->keys[j], s) == 0) {
            *seen = true;
            return true;
        }
    m->keys[j] = s;
    m->tags[j] = tag;
    m->n++;
    return true;
}

static void sset_free(sset *m)
{
    free(m->keys);
    free(m->tags);
}

typedef struct efg_reader {
    gl_lexer lx;
    fc_game *g;
    size_t node_cap, infoset_cap, outcome_cap;
    imap infosets, outcomes;
    sset labels;
    fc_buf warn;
} efg_reader;

static void warn(efg_reader *r, int line, int col, const char *fmt, const char *label)
{
    fc_buf_printf(&r->warn, "%s:%d:%d: warning: ", r->lx.origin, line, col);
    fc_buf_printf(&r->warn, fmt, label);
    fc_buf_puts(&r->warn, "\n");
}

static fc_status new_node(efg_reader *r, size_t *idx)
{
    fc_game *g = r->g;
    if (g->n_nodes == r->node_cap) {
        size_t cap = r->node_cap ? r->node_cap * 2 : 64;
        fc_game_node *n = realloc(g->nodes, cap * sizeof *n);
        if (!n)
            return fc_error_nomem(r->lx.err);
        g->nodes = n;
        r->node_cap = cap;
    }
    memset(&g->nodes[g->n_nodes], 0, sizeof(fc_game_node));
    g->nodes[g->n_nodes].infoset = -1;
    g->nodes[g->n_nodes].parent = -1;
    *idx = g->n_nodes++;
    return FC_OK;
}

/* Parses "{ u1, u2, ... }" into payoff. */
static fc_status parse_payoffs(efg_reader *r, mpq_t *payoff)
{
    gl_lexer *lx = &r->lx;
    fc_status st = gl_expect(lx, GL_LBRACE, "payoffs");
    for (size_t p = 0; st == FC_OK && p < r->g->n_players; p++) {
        if (lx->tok.kind == GL_RBRACE)
            return gl_error(lx, "outcome has %zu payoffs, expected %zu", p, r->g->n_players);
        st = gl_take_number(lx, "payoff", payoff[p]);
        if (st == FC_OK && lx->tok.kind == GL_COMMA)
            st = gl_next(lx);
    }
    if (st == FC_OK && lx->tok.kind != GL_RBRACE)
        return gl_error(lx, "outcome has more than %zu payoffs", r->g->n_players);
    if (st == FC_OK)
        st = gl_next(lx);
    return st;
}

static fc_status parse_outcome(efg_reader *r, fc_game_node *node)
{
    gl_lexer *lx = &r->lx;
    fc_game *g = r->g;
    int l = lx->tok.line, c = lx->tok.column, num = 0;
    fc_status st = gl_take_int(lx, "outcome number", &num);
    if (st != FC_OK || num == 0) {
        if (st == FC_OK && lx->tok.kind == GL_STRING)
            return gl_error(lx, "outcome 0 (none) cannot have a label or payoffs");
        return st;
    }
    int idx = imap_get(&r->outcomes, num);
    if (idx < 0) {
        if (lx->tok.kind != GL_STRING)
            return fc_error_set(lx->err, FC_EINPUT, lx->origin, l, c, NULL,
                                "outcome %d is used before it is defined (label and payoffs "
                                "must follow its first use)",
                                num);
        if (g->n_outcomes == r->outcome_cap) {
            size_t cap = r->outcome_cap ? r->outcome_cap * 2 : 32;
            fc_game_outcome *o = realloc(g->outcomes, cap * sizeof *o);
            if (!o)
                return fc_error_nomem(lx->err);
            g->outcomes = o;
            r->outcome_cap = cap;
        }
        fc_game_outcome *o = &g->outcomes[g->n_outcomes];
        o->label = NULL;
        o->payoff = fc_mpq_array_new(g->n_players);
        if (!o->payoff)
            return fc_error_nomem(lx->err);
        g->n_outcomes++;
        if (!imap_put(&r->outcomes, num, (int)g->n_outcomes - 1))
            return fc_error_nomem(lx->err);
        st = gl_take_string(lx, "outcome label", &o->label);
        if (st == FC_OK)
            st = parse_payoffs(r, o->payoff);
        idx = (int)g->n_outcomes - 1;
    } else if (lx->tok.kind == GL_STRING) {
        /* A repeated description must match the first one exactly. */
        char *label = NULL;
        mpq_t *pay = fc_mpq_array_new(g->n_players);
        if (!pay)
            return fc_error_nomem(lx->err);
        int dl = lx->tok.line, dc = lx->tok.column;
        st = gl_take_string(lx, "outcome label", &label);
        if (st == FC_OK)
            st = parse_payoffs(r, pay);
        if (st == FC_OK) {
            bool same = strcmp(label, g->outcomes[idx].label) == 0;
            for (size_t p = 0; same && p < g->n_players; p++)
                same = mpq_equal(pay[p], g->outcomes[idx].payoff[p]);
            if (!same)
                st = fc_error_set(lx->err, FC_EINPUT, lx->origin, dl, dc, NULL,
                                  "outcome %d is described differently than at its first use",
                                  num);
        }
        free(label);
        fc_mpq_array_free(pay, g->n_players);
    }
    node->outcome = idx + 1;
    return st;
}

static void free_infoset_fields(fc_game_infoset *is)
{
    free(is->label);
    for (size_t a = 0; a < is->n_actions; a++)
        free(is->actions[a]);
    free(is->actions);
    if (is->probs)
        fc_mpq_array_free(is->probs, is->n_actions);
    memset(is, 0, sizeof *is);
}

/* Parses "label" { actions [probs] } into is (player already set). */
static fc_status parse_infoset_desc(efg_reader *r, fc_game_infoset *is, bool chance)
{
    gl_lexer *lx = &r->lx;
    fc_status st = gl_take_string(lx, "information set label", &is->label);
    int sl = lx->tok.line, sc = lx->tok.column;
    if (st == FC_OK)
        st = gl_expect(lx, GL_LBRACE, "list of actions");
    size_t cap = 0;
    mpq_t sum;
    mpq_init(sum);
    while (st == FC_OK && lx->tok.kind == GL_STRING) {
        if (is->n_actions == cap) {
            cap = cap ? cap * 2 : 4;
            char **a = realloc(is->actions, cap * sizeof *a);
            if (!a) {
                st = fc_error_nomem(lx->err);
                break;
            }
            is->actions = a;
            if (chance) {
                mpq_t *p = realloc(is->probs, cap * sizeof *p);
                if (!p) {
                    st = fc_error_nomem(lx->err);
                    break;
                }
                is->probs = p;
            }
        }
        st = gl_take_string(lx, "action label", &is->actions[is->n_actions]);
        if (st != FC_OK)
            break;
        if (chance) {
            mpq_init(is->probs[is->n_actions]);
            is->n_actions++;
            if (lx->tok.kind == GL_EOF || lx->tok.kind != GL_WORD) {
                st = gl_error(lx, "expected a probability after chance action '%s'",
                              is->actions[is->n_actions - 1]);
                break;
            }
            st = gl_take_number(lx, "probability", is->probs[is->n_actions - 1]);
            if (st == FC_OK && mpq_sgn(is->probs[is->n_actions - 1]) < 0)
                st = fc_error_set(lx->err, FC_EINPUT, lx->origin, lx->tok.line, lx->tok.column,
                                  NULL, "negative probability for chance action '%s'",
                                  is->actions[is->n_actions - 1]);
            if (st == FC_OK)
                mpq_add(sum, sum, is->probs[is->n_actions - 1]);
        } else {
            is->n_actions++;
        }
    }
    if (st == FC_OK && is->n_actions == 0)
        st = gl_error(lx, "an information set needs at least one action");
    if (st == FC_OK && chance && mpq_cmp_ui(sum, 1, 1) != 0) {
        char *s = mpq_get_str(NULL, 10, sum);
        st = fc_error_set(lx->err, FC_EINPUT, lx->origin, sl, sc, NULL,
                          "chance probabilities add up to %s, not 1", s ? s : "?");
        free(s);
    }
    mpq_clear(sum);
    if (st == FC_OK)
        st = gl_expect(lx, GL_RBRACE, "end of the list of actions");
    return st;
}

static bool infoset_same(const fc_game_infoset *a, const fc_game_infoset *b)
{
    if (strcmp(a->label, b->label) != 0 || a->n_actions != b->n_actions)
        return false;
    for (size_t k = 0; k < a->n_actions; k++) {
        if (strcmp(a->actions[k], b->actions[k]) != 0)
            return false;
        if (a->probs && !mpq_equal(a->probs[k], b->probs[k]))
            return false;
    }
    return true;
}

static fc_status parse_infoset(efg_reader *r, fc_game_node *node, size_t node_idx, int player)
{
    gl_lexer *lx = &r->lx;
    fc_game *g = r->g;
    int l = lx->tok.line, c = lx->tok.column, num = 0;
    fc_status st = gl_take_int(lx, "information set number", &num);
    if (st != FC_OK)
        return st;
    if (num < 1)
        return fc_error_set(lx->err, FC_EINPUT, lx->origin, l, c, NULL,
                            "information set numbers start at 1");
    /* The key is exactly the pair (player, number): both are non-negative ints, so the player
     * in the high 32 bits and the number in the low 32 bits never collide (an arithmetic key
     * like player*10^8+number let player 1's set 100000001 alias player 2's set 1). */
    long long key = (long long)(((unsigned long long)(unsigned)player << 32) | (unsigned)num);
    int idx = imap_get(&r->infosets, key);
    if (idx < 0) {
        if (lx->tok.kind != GL_STRING)
            return fc_error_set(lx->err, FC_EINPUT, lx->origin, l, c, NULL,
                                "information set %d of %s is used before it is defined", num,
                                player ? "a player" : "chance");
        if (g->n_infosets == r->infoset_cap) {
            size_t cap = r->infoset_cap ? r->infoset_cap * 2 : 32;
            fc_game_infoset *is = realloc(g->infosets, cap * sizeof *is);
            if (!is)
                return fc_error_nomem(lx->err);
            g->infosets = is;
            r->infoset_cap = cap;
        }
        fc_game_infoset *is = &g->infosets[g->n_infosets];
        memset(is, 0, sizeof *is);
        is->player = player;
        is->number = num;
        is->first_node = node_idx;
        g->n_infosets++;
        if (!imap_put(&r->infosets, key, (int)g->n_infosets - 1))
            return fc_error_nomem(lx->err);
        st = parse_infoset_desc(r, is, player == 0);
        idx = (int)g->n_infosets - 1;
        if (st == FC_OK && is->label[0]) {
            bool seen = false;
            if (!sset_add(&r->labels, player + 1, is->label, &seen))
                return fc_error_nomem(lx->err);
            if (seen)
                warn(r, l, c, "information set label '%s' is not unique for its player "
                              "(Gambit 16.7+ refuses this file)", is->label);
        }
    } else if (lx->tok.kind == GL_STRING) {
        fc_game_infoset tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.player = player;
        int dl = lx->tok.line, dc = lx->tok.column;
        st = parse_infoset_desc(r, &tmp, player == 0);
        if (st == FC_OK && !infoset_same(&tmp, &g->infosets[idx]))
            st = fc_error_set(lx->err, FC_EINPUT, lx->origin, dl, dc, NULL,
                              "information set %d is described differently than at its first use",
                              num);
        free_infoset_fields(&tmp);
    }
    node->infoset = idx;
    return st;
}

typedef struct frame {
    size_t node;
    size_t next;
} frame;

fc_status gambit_efg_parse(const char *text, size_t len, const char *origin, fc_game **out,
                       fc_error *err)
{
    efg_reader r;
    memset(&r, 0, sizeof r);
    fc_buf_init(&r.warn);
    r.g = fc_game_new();
    if (!r.g)
        return fc_error_nomem(err);
    fc_game *g = r.g;
    g->form = FC_GAME_EXTENSIVE;
    gl_lexer *lx = &r.lx;
    frame *stack = NULL;
    size_t depth = 0, stack_cap = 0;
    fc_status st = gl_init(lx, text, len, origin, err);
    if (st == FC_OK)
        st = gambit_header(lx, g, "EFG", 2);
    if (st == FC_OK && lx->tok.kind == GL_STRING)
        st = gl_take_string(lx, "comment", &g->comment);
    for (bool first = true; st == FC_OK && (first || depth > 0); first = false) {
        size_t idx = 0;
        if ((st = new_node(&r, &idx)) != FC_OK)
            break;
        fc_game_node *node = &g->nodes[idx];
        if (depth > 0) {
            frame *f = &stack[depth - 1];
            node->parent = (int)f->node;
            g->nodes[f->node].children[f->next++] = (int)idx;
            if (f->next == g->nodes[f->node].n_children)
                depth--;
        }
        int nl = lx->tok.line, nc = lx->tok.column;
        if (lx->tok.kind == GL_EOF) {
            st = gl_error(lx, "the file ends inside the tree (a node is missing)");
            break;
        }
        if (gl_is_word(lx, "t"))
            node->kind = FC_NODE_TERMINAL;
        else if (gl_is_word(lx, "p"))
            node->kind = FC_NODE_PERSONAL;
        else if (gl_is_word(lx, "c"))
            node->kind = FC_NODE_CHANCE;
        else {
            st = gl_error(lx, "expected a node ('p', 'c' or 't'), found '%.*s'",
                          (int)(lx->tok.len > 30 ? 30 : lx->tok.len), lx->tok.start);
            break;
        }
        if ((st = gl_next(lx)) != FC_OK)
            break;
        if ((st = gl_take_string(lx, "node label", &node->label)) != FC_OK)
            break;
        if (node->label[0]) {
            bool seen = false;
            if (!sset_add(&r.labels, 0, node->label, &seen)) {
                st = fc_error_nomem(err);
                break;
            }
            if (seen)
                warn(&r, nl, nc, "node label '%s' is not unique (Gambit 16.7+ refuses this file)",
                     node->label);
        }
        if (node->kind == FC_NODE_PERSONAL) {
            int pl = 0, l = lx->tok.line, c = lx->tok.column;
            st = gl_take_int(lx, "player number", &pl);
            if (st == FC_OK && (pl < 1 || (size_t)pl > g->n_players))
                st = fc_error_set(err, FC_EINPUT, origin, l, c, NULL,
                                  "player %d does not exist (the game has %zu)", pl, g->n_players);
            if (st == FC_OK)
                st = parse_infoset(&r, node, idx, pl);
        } else if (node->kind == FC_NODE_CHANCE) {
            st = parse_infoset(&r, node, idx, 0);
        }
        if (st == FC_OK)
            st = parse_outcome(&r, node);
        if (st != FC_OK)
            break;
        node = &g->nodes[idx];
        if (node->kind != FC_NODE_TERMINAL) {
            size_t k = g->infosets[node->infoset].n_actions;
            node->children = malloc(k * sizeof(int));
            if (!node->children) {
                st = fc_error_nomem(err);
                break;
            }
            node->n_children = k;
            if (depth == stack_cap) {
                stack_cap = stack_cap ? stack_cap * 2 : 64;
                frame *s = realloc(stack, stack_cap * sizeof *s);
                if (!s) {
                    st = fc_error_nomem(err);
                    break;
                }
                stack = s;
            }
            stack[depth].node = idx;
            stack[depth].next = 0;
            depth++;
        }
    }
    free(stack);
    imap_free(&r.infosets);
    imap_free(&r.outcomes);
    sset_free(&r.labels);
    if (st == FC_OK) {
        /* Gambit ignores what follows the root's subtree; so do we. */
        g->warnings = fc_buf_take(&r.warn);
        *out = g;
        return FC_OK;
    }
    free(fc_buf_take(&r.warn));
    /* Children arrays of unfinished nodes hold garbage indices but are only freed. */
    fc_game_free(g);
    return st;
}

static void write_outcome(fc_buf *b, const fc_game *g, int o)
{
    if (o == 0) {
        fc_buf_puts(b, "0");
        return;
    }
    fc_buf_printf(b, "%d ", o);
    gambit_buf_quoted(b, g->outcomes[o - 1].label);
    fc_buf_puts(b, " {");
    for (size_t p = 0; p < g->n_players; p++) {
        fc_buf_puts(b, p ? ", " : " ");
        fc_buf_mpq(b, g->outcomes[o - 1].payoff[p]);
    }
    fc_buf_puts(b, " }");
}

fc_status gambit_efg_write(const fc_game *g, char **text, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "EFG 2 R ");
    gambit_buf_quoted(&b, g->title);
    fc_buf_puts(&b, " {");
    for (size_t p = 0; p < g->n_players; p++) {
        fc_buf_puts(&b, " ");
        gambit_buf_quoted(&b, g->players[p]);
    }
    fc_buf_puts(&b, " }\n");
    gambit_buf_quoted(&b, g->comment);
    fc_buf_puts(&b, "\n\n");
    for (size_t n = 0; n < g->n_nodes; n++) {
        const fc_game_node *nd = &g->nodes[n];
        if (nd->kind == FC_NODE_TERMINAL) {
            fc_buf_puts(&b, "t ");
            gambit_buf_quoted(&b, nd->label);
            fc_buf_puts(&b, " ");
        } else {
            const fc_game_infoset *is = &g->infosets[nd->infoset];
            fc_buf_puts(&b, nd->kind == FC_NODE_CHANCE ? "c " : "p ");
            gambit_buf_quoted(&b, nd->label);
            if (nd->kind == FC_NODE_PERSONAL)
                fc_buf_printf(&b, " %d", is->player);
            fc_buf_printf(&b, " %d ", is->number);
            gambit_buf_quoted(&b, is->label);
            fc_buf_puts(&b, " {");
            for (size_t a = 0; a < is->n_actions; a++) {
                fc_buf_puts(&b, " ");
                gambit_buf_quoted(&b, is->actions[a]);
                if (is->probs) {
                    fc_buf_puts(&b, " ");
                    fc_buf_mpq(&b, is->probs[a]);
                }
            }
            fc_buf_puts(&b, " } ");
        }
        write_outcome(&b, g, nd->outcome);
        fc_buf_puts(&b, "\n");
    }
    *text = fc_buf_take(&b);
    if (!*text)
        return fc_error_nomem(err);
    return FC_OK;
}
