/* The game object: allocation, comparison, perfect recall, and the dispatch from a file to
 * the .nfg or .efg reader and writer. Also the small text buffer the writers share. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "game/game_internal.h"

void game_sb_init(sbuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

static bool sb_reserve(sbuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = true;
        return false;
    }
    b->data = d;
    b->cap = cap;
    return true;
}

void game_sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !sb_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void game_sb_puts(sbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (!sb_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n + 1);
    b->len += n;
}

void game_sb_quoted(sbuf *b, const char *s)
{
    game_sb_puts(b, "\"");
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '"')
            game_sb_puts(b, "\\\"");
        else if (sb_reserve(b, 1)) {
            b->data[b->len++] = *p;
            b->data[b->len] = '\0';
        }
    }
    game_sb_puts(b, "\"");
}

void game_sb_mpq(sbuf *b, const mpq_t q)
{
    char *s = mpq_get_str(NULL, 10, q);
    if (!s) {
        b->failed = true;
        return;
    }
    game_sb_puts(b, s);
    free(s);
}

char *game_sb_take(sbuf *b)
{
    if (b->failed || !sb_reserve(b, 0)) {
        free(b->data);
        return NULL;
    }
    char *d = b->data;
    d[b->len] = '\0';
    game_sb_init(b);
    return d;
}

mpq_t *game_mpq_array_new(size_t n)
{
    mpq_t *a = malloc((n ? n : 1) * sizeof *a);
    if (a)
        for (size_t i = 0; i < n; i++)
            mpq_init(a[i]);
    return a;
}

void fc_mpq_array_free(mpq_t *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        mpq_clear(a[i]);
    free(a);
}

fc_game *fc_game_alloc(void)
{
    return calloc(1, sizeof(fc_game));
}

void fc_game_free(fc_game *g)
{
    if (!g)
        return;
    free(g->title);
    free(g->comment);
    for (size_t p = 0; p < g->n_players; p++) {
        free(g->players[p]);
        if (g->strategies && g->strategies[p]) {
            for (size_t s = 0; s < g->n_strategies[p]; s++)
                free(g->strategies[p][s]);
            free(g->strategies[p]);
        }
    }
    free(g->players);
    free(g->strategies);
    free(g->n_strategies);
    free(g->profile_outcome);
    for (size_t o = 0; o < g->n_outcomes; o++) {
        free(g->outcomes[o].label);
        fc_mpq_array_free(g->outcomes[o].payoff, g->n_players);
    }
    free(g->outcomes);
    for (size_t n = 0; n < g->n_nodes; n++) {
        free(g->nodes[n].label);
        free(g->nodes[n].children);
    }
    free(g->nodes);
    for (size_t i = 0; i < g->n_infosets; i++) {
        fc_game_infoset *is = &g->infosets[i];
        free(is->label);
        for (size_t a = 0; a < is->n_actions; a++)
            free(is->actions[a]);
        free(is->actions);
        if (is->probs)
            fc_mpq_array_free(is->probs, is->n_actions);
    }
    free(g->infosets);
    free(g->warnings);
    free(g);
}

static bool str_eq(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool outcome_eq(const fc_game *a, int oa, const fc_game *b, int ob)
{
    if ((oa == 0) != (ob == 0))
        return false;
    if (oa == 0)
        return true;
    const fc_game_outcome *x = &a->outcomes[oa - 1], *y = &b->outcomes[ob - 1];
    if (!str_eq(x->label, y->label))
        return false;
    for (size_t p = 0; p < a->n_players; p++)
        if (!mpq_equal(x->payoff[p], y->payoff[p]))
            return false;
    return true;
}

bool fc_game_equal(const fc_game *a, const fc_game *b)
{
    if (a->form != b->form || a->n_players != b->n_players || !str_eq(a->title, b->title) ||
        !str_eq(a->comment, b->comment))
        return false;
    for (size_t p = 0; p < a->n_players; p++)
        if (!str_eq(a->players[p], b->players[p]))
            return false;
    if (a->form == FC_GAME_STRATEGIC) {
        for (size_t p = 0; p < a->n_players; p++) {
            if (a->n_strategies[p] != b->n_strategies[p])
                return false;
            for (size_t s = 0; s < a->n_strategies[p]; s++)
                if (!str_eq(a->strategies[p][s], b->strategies[p][s]))
                    return false;
        }
        /* Outcome numbering may differ; what each profile yields may not. */
        for (size_t i = 0; i < a->n_profiles; i++)
            if (!outcome_eq(a, a->profile_outcome[i], b, b->profile_outcome[i]))
                return false;
        return true;
    }
    if (a->n_nodes != b->n_nodes || a->n_infosets != b->n_infosets)
        return false;
    for (size_t i = 0; i < a->n_infosets; i++) {
        const fc_game_infoset *x = &a->infosets[i], *y = &b->infosets[i];
        if (x->player != y->player || !str_eq(x->label, y->label) ||
            x->n_actions != y->n_actions || x->first_node != y->first_node)
            return false;
        for (size_t k = 0; k < x->n_actions; k++) {
            if (!str_eq(x->actions[k], y->actions[k]))
                return false;
            if (x->probs && !mpq_equal(x->probs[k], y->probs[k]))
                return false;
        }
    }
    for (size_t n = 0; n < a->n_nodes; n++) {
        const fc_game_node *x = &a->nodes[n], *y = &b->nodes[n];
        if (x->kind != y->kind || x->infoset != y->infoset || x->parent != y->parent ||
            x->n_children != y->n_children || !str_eq(x->label, y->label) ||
            !outcome_eq(a, x->outcome, b, y->outcome))
            return false;
        for (size_t k = 0; k < x->n_children; k++)
            if (x->children[k] != y->children[k])
                return false;
    }
    return true;
}

/* Perfect recall: every node of an information set has the same sequence of the player's own
 * (information set, action) pairs on its path from the root. */
bool fc_game_perfect_recall(const fc_game *g)
{
    if (g->form != FC_GAME_EXTENSIVE)
        return true;
    size_t n = g->n_nodes;
    /* For each node, the last own move of each player on the path: (node's ancestor infoset,
     * action) as a linked list; compare by walking. */
    long *seq_first = malloc(g->n_infosets * sizeof *seq_first);
    if (!seq_first)
        return false;
    for (size_t i = 0; i < g->n_infosets; i++)
        seq_first[i] = -1;
    bool ok = true;
    for (size_t v = 0; v < n && ok; v++) {
        const fc_game_node *nd = &g->nodes[v];
        if (nd->kind != FC_NODE_PERSONAL)
            continue;
        int pl = g->infosets[nd->infoset].player;
        if (seq_first[nd->infoset] < 0) {
            seq_first[nd->infoset] = (long)v;
            continue;
        }
        /* Compare own move sequences of v and the first node of the set. */
        long u = seq_first[nd->infoset];
        long x = (long)v, y = u;
        for (;;) {
            /* climb to the next own-move ancestor (the child below it gives the action) */
            long cx = x, cy = y;
            x = g->nodes[x].parent;
            while (x >= 0 && !(g->nodes[x].kind == FC_NODE_PERSONAL &&
                               g->infosets[g->nodes[x].infoset].player == pl)) {
                cx = x;
                x = g->nodes[x].parent;
            }
            y = g->nodes[y].parent;
            while (y >= 0 && !(g->nodes[y].kind == FC_NODE_PERSONAL &&
                               g->infosets[g->nodes[y].infoset].player == pl)) {
                cy = y;
                y = g->nodes[y].parent;
            }
            if (x < 0 || y < 0) {
                if (x >= 0 || y >= 0)
                    ok = false;
                break;
            }
            if (g->nodes[x].infoset != g->nodes[y].infoset) {
                ok = false;
                break;
            }
            size_t ax = 0, ay = 0;
            for (size_t k = 0; k < g->nodes[x].n_children; k++) {
                if (g->nodes[x].children[k] == cx)
                    ax = k;
                if (g->nodes[y].children[k] == cy)
                    ay = k;
            }
            if (ax != ay) {
                ok = false;
                break;
            }
            if (x == y)
                break; /* common ancestor reached: the rest of the paths coincide */
        }
    }
    free(seq_first);
    return ok;
}

fc_status fc_game_parse(const char *text, size_t len, const char *origin, fc_game **out,
                        fc_error *err)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        i++;
    if (len - i >= 3 && memcmp(text + i, "NFG", 3) == 0)
        return fc_nfg_parse(text, len, origin, out, err);
    if (len - i >= 3 && memcmp(text + i, "EFG", 3) == 0)
        return fc_efg_parse(text, len, origin, out, err);
    return fc_error_set(err, FC_EINPUT, origin, 1, 1, NULL,
                        "not a Gambit game file: expected NFG or EFG");
}

fc_status fc_game_load(const char *path, fc_game **out, fc_error *err)
{
    char *data = NULL;
    size_t len = 0;
    fc_status st = fc_file_read(path, FC_MAX_INPUT_BYTES, &data, &len, err);
    if (st != FC_OK)
        return st;
    st = fc_game_parse(data, len, path, out, err);
    free(data);
    return st;
}

fc_status fc_game_write(const fc_game *g, char **text, fc_error *err)
{
    return g->form == FC_GAME_STRATEGIC ? fc_nfg_write(g, text, err) : fc_efg_write(g, text, err);
}

fc_status fc_game_save(const fc_game *g, const char *path, fc_error *err)
{
    char *text = NULL;
    fc_status st = fc_game_write(g, &text, err);
    if (st != FC_OK)
        return st;
    st = fc_file_write_atomic(path, text, strlen(text), err);
    free(text);
    return st;
}

void fc_game_options_init(fc_game_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->lcp_all = false;
    opt->logit_tol = 1e-6;
    opt->logit_max_lambda = 1e6; /* Gambit's default end of the branch */
}

void game_eq_init(fc_equilibria *eq, fc_profile_kind kind, bool exact)
{
    memset(eq, 0, sizeof *eq);
    eq->kind = kind;
    eq->exact = exact;
    eq->converged = true;
}

fc_status game_eq_push(fc_equilibria *eq, size_t dim, const mpq_t *p, fc_error *err)
{
    if (eq->n == eq->cap) {
        size_t cap = eq->cap ? eq->cap * 2 : 8;
        fc_profile *it = realloc(eq->items, cap * sizeof *it);
        if (!it)
            return fc_error_nomem(err);
        eq->items = it;
        eq->cap = cap;
    }
    fc_profile *pr = &eq->items[eq->n];
    pr->dim = dim;
    pr->x = NULL;
    pr->p = game_mpq_array_new(dim);
    if (!pr->p)
        return fc_error_nomem(err);
    for (size_t i = 0; i < dim; i++)
        mpq_set(pr->p[i], p[i]);
    eq->n++;
    return FC_OK;
}

void fc_equilibria_free(fc_equilibria *eq)
{
    if (!eq)
        return;
    for (size_t i = 0; i < eq->n; i++) {
        if (eq->items[i].p)
            fc_mpq_array_free(eq->items[i].p, eq->items[i].dim);
        free(eq->items[i].x);
    }
    free(eq->items);
    eq->items = NULL;
    eq->n = eq->cap = 0;
}

void fc_logit_branch_free(fc_logit_branch *b)
{
    if (!b)
        return;
    free(b->lambda);
    free(b->point);
    memset(b, 0, sizeof *b);
}
