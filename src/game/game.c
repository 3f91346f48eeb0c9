/* The game object: allocation, read access, comparison, perfect recall, and the list of
 * equilibria the solvers fill. Reading and writing files is src/io/'s (nfg.c, efg.c). */
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "game/game_internal.h"

mpq_t *fc_mpq_array_new(size_t n)
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

fc_game *fc_game_new(void)
{
    return calloc(1, sizeof(fc_game));
}

fc_game_form fc_game_get_form(const fc_game *g)
{
    return g->form;
}

const char *fc_game_title(const fc_game *g)
{
    return g->title ? g->title : "";
}

size_t fc_game_n_players(const fc_game *g)
{
    return g->n_players;
}

const char *fc_game_player(const fc_game *g, size_t p)
{
    return p < g->n_players && g->players[p] ? g->players[p] : "";
}

size_t fc_game_n_infosets(const fc_game *g)
{
    return g->n_infosets;
}

const char *fc_game_warnings(const fc_game *g)
{
    return g->warnings ? g->warnings : "";
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

void fc_game_options_init(fc_game_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->lcp_all = false;
    opt->logit_tol = 1e-6;
    opt->logit_max_lambda = 1e6; /* Gambit's default end of the branch */
    opt->max_work = FC_GAME_DEFAULT_MAX_WORK;
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
    pr->p = fc_mpq_array_new(dim);
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

const fc_profile *fc_equilibria_item(const fc_equilibria *eq, size_t i)
{
    return i < eq->n ? &eq->items[i] : NULL;
}

void fc_logit_branch_free(fc_logit_branch *b)
{
    if (!b)
        return;
    free(b->lambda);
    free(b->point);
    memset(b, 0, sizeof *b);
}
