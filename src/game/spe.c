/* spe: subgame-perfect equilibria of an extensive game. Subgames are found from the tree
 * (a node whose subtree no information set straddles); each is solved bottom-up with the
 * values of the subgames below it substituted (Selten 1965, 1975). A node whose children are
 * all subgames is solved by backward induction (every maximising action, so all pure SPE of a
 * perfect-information game come out); a subgame with imperfect information is solved as a
 * game of its own, with enummixed (two players: every extreme equilibrium) or enumpure (more
 * players: pure ones only), and every combination is backed up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "game/game_internal.h"

#define SPE_MAX_SOLUTIONS 512

typedef struct sol {
    mpq_t *behav;  /* full behaviour vector; entries outside the subgame are left 0 */
    mpq_t *value;  /* n_players, including outcomes at and below the subgame's root */
} sol;

typedef struct sol_list {
    sol *items;
    size_t n, cap;
} sol_list;

typedef struct spe_ctx {
    const fc_game *g;
    size_t bdim;
    long *off;
    size_t *end;       /* end of each node's subtree in preorder (exclusive) */
    bool *root;        /* node starts a subgame */
    bool truncated;    /* some list was capped */
    bool mixed_subgame, pure_only;
    game_work *w;      /* a step per rational copied or added, per node scanned */
    fc_error *err;
} spe_ctx;

static void sol_free(spe_ctx *c, sol *s)
{
    fc_mpq_array_free(s->behav, c->bdim);
    fc_mpq_array_free(s->value, c->g->n_players);
}

static void list_free(spe_ctx *c, sol_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        sol_free(c, &l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static sol *list_add(spe_ctx *c, sol_list *l)
{
    if (l->n >= SPE_MAX_SOLUTIONS) {
        c->truncated = true;
        return NULL;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        sol *it = realloc(l->items, cap * sizeof *it);
        if (!it)
            return NULL;
        l->items = it;
        l->cap = cap;
    }
    sol *s = &l->items[l->n];
    s->behav = fc_mpq_array_new(c->bdim);
    s->value = fc_mpq_array_new(c->g->n_players);
    if (!s->behav || !s->value)
        return NULL;
    l->n++;
    return s;
}

/* The first subgame roots strictly below v (on every path, the topmost one). */
static size_t child_roots(spe_ctx *c, size_t v, size_t *out, size_t *scanned)
{
    size_t n = 0;
    *scanned = 0;
    for (size_t u = v + 1; u < c->end[v]; (*scanned)++) {
        if (c->root[u] || c->g->nodes[u].kind == FC_NODE_TERMINAL) {
            out[n++] = u;
            u = c->end[u];
        } else {
            u++;
        }
    }
    return n;
}

static fc_status solve(spe_ctx *c, size_t v, sol_list *out);

/* Builds the game between v and the subgame roots below it, those replaced by terminal nodes
 * paying `vals`. Maps new infosets to old ones in *imap. */
static fc_status truncated_game(spe_ctx *c, size_t v, const size_t *roots, size_t nr,
                                mpq_t *const *vals, fc_game **out, int **imap)
{
    const fc_game *g = c->g;
    fc_game *t = fc_game_new();
    if (!t)
        return fc_error_nomem(c->err);
    t->form = FC_GAME_EXTENSIVE;
    t->title = strdup("subgame");
    t->comment = strdup("");
    t->n_players = g->n_players;
    t->players = calloc(g->n_players, sizeof *t->players);
    size_t maxn = c->end[v] - v;
    t->nodes = calloc(maxn, sizeof *t->nodes);
    t->infosets = calloc(g->n_infosets, sizeof *t->infosets);
    t->outcomes = calloc(maxn + 1, sizeof *t->outcomes);
    int *newidx = malloc(g->n_nodes * sizeof *newidx);
    int *imp = malloc((g->n_infosets + 1) * sizeof *imp);
    int *inew = malloc(g->n_infosets * sizeof *inew);
    if (!t->players || !t->nodes || !t->infosets || !t->outcomes || !newidx || !imp || !inew ||
        !t->title || !t->comment) {
        free(newidx);
        free(imp);
        free(inew);
        fc_game_free(t);
        return fc_error_nomem(c->err);
    }
    for (size_t p = 0; p < g->n_players; p++)
        t->players[p] = strdup(g->players[p] ? g->players[p] : "");
    for (size_t i = 0; i < g->n_infosets; i++)
        inew[i] = -1;
    size_t ri = 0;
    fc_status st = FC_OK;
    for (size_t u = v; u < c->end[v] && st == FC_OK;) {
        bool leaf = ri < nr && roots[ri] == u;
        size_t k = t->n_nodes++;
        newidx[u] = (int)k;
        fc_game_node *nd = &t->nodes[k];
        const fc_game_node *od = &g->nodes[u];
        nd->label = strdup("");
        nd->parent = u == v ? -1 : newidx[od->parent];
        nd->infoset = -1;
        if (nd->parent >= 0) {
            fc_game_node *pn = &t->nodes[nd->parent];
            pn->children[pn->n_children++] = (int)k;
        }
        const mpq_t *pay = NULL;
        if (leaf) {
            nd->kind = FC_NODE_TERMINAL;
            pay = vals[ri];
        } else {
            nd->kind = od->kind;
            if (od->outcome)
                pay = g->outcomes[od->outcome - 1].payoff;
        }
        if (pay) {
            fc_game_outcome *o = &t->outcomes[t->n_outcomes++];
            o->label = strdup("");
            o->payoff = fc_mpq_array_new(g->n_players);
            if (!o->payoff) {
                st = fc_error_nomem(c->err);
                break;
            }
            for (size_t p = 0; p < g->n_players; p++)
                mpq_set(o->payoff[p], pay[p]);
            nd->outcome = (int)t->n_outcomes;
        }
        if (leaf) {
            ri++;
            u = c->end[u];
            continue;
        }
        if (od->kind != FC_NODE_TERMINAL) {
            int oi = od->infoset;
            if (inew[oi] < 0) {
                const fc_game_infoset *os = &g->infosets[oi];
                fc_game_infoset *ns = &t->infosets[t->n_infosets];
                ns->player = os->player;
                ns->number = os->number;
                ns->label = strdup("");
                ns->n_actions = os->n_actions;
                ns->actions = calloc(os->n_actions, sizeof(char *));
                if (os->probs) {
                    ns->probs = fc_mpq_array_new(os->n_actions);
                    for (size_t a = 0; a < os->n_actions; a++)
                        mpq_set(ns->probs[a], os->probs[a]);
                }
                for (size_t a = 0; a < os->n_actions && ns->actions; a++)
                    ns->actions[a] = strdup("");
                ns->first_node = k;
                imp[t->n_infosets] = oi;
                inew[oi] = (int)t->n_infosets++;
            }
            nd->infoset = inew[oi];
            nd->children = malloc(od->n_children * sizeof(int));
            if (!nd->children) {
                st = fc_error_nomem(c->err);
                break;
            }
        }
        u++;
    }
    free(newidx);
    free(inew);
    if (st != FC_OK) {
        free(imp);
        fc_game_free(t);
        return st;
    }
    *out = t;
    *imap = imp;
    return FC_OK;
}

/* Solves the game at v given one solution of each subgame below (combo). */
static fc_status solve_local(spe_ctx *c, size_t v, const size_t *roots, size_t nr,
                             sol *const *combo, sol_list *out)
{
    const fc_game *g = c->g;
    size_t np = g->n_players;
    const fc_game_node *nd = &g->nodes[v];
    bool simple = nr == nd->n_children;
    for (size_t k = 0; simple && k < nr; k++)
        simple = roots[k] == (size_t)nd->children[k];
    /* Each solution made here copies the subgames' behaviour entries and values. */
    if (!game_work_add(c->w, (unsigned long long)(nr + 1) * (c->bdim + np)))
        return game_work_error(c->w, c->err);
    mpq_t **vals = malloc((nr + 1) * sizeof *vals);
    if (!vals)
        return fc_error_nomem(c->err);
    for (size_t k = 0; k < nr; k++)
        vals[k] = combo[k]->value;
    fc_status st = FC_OK;
    if (simple) {
        /* Every child is a subgame (or terminal): backward induction at v. */
        mpq_t t;
        mpq_init(t);
        if (nd->kind == FC_NODE_CHANCE) {
            sol *s = list_add(c, out);
            if (!s) {
                st = c->truncated ? FC_OK : fc_error_nomem(c->err);
            } else {
                for (size_t k = 0; k < nr; k++)
                    for (size_t i = 0; i < c->bdim; i++)
                        mpq_add(s->behav[i], s->behav[i], combo[k]->behav[i]);
                const fc_game_infoset *is = &g->infosets[nd->infoset];
                for (size_t p = 0; p < np; p++) {
                    if (nd->outcome)
                        mpq_set(s->value[p], g->outcomes[nd->outcome - 1].payoff[p]);
                    for (size_t k = 0; k < nr; k++) {
                        mpq_mul(t, is->probs[k], vals[k][p]);
                        mpq_add(s->value[p], s->value[p], t);
                    }
                }
            }
        } else {
            int p = g->infosets[nd->infoset].player - 1;
            size_t best = 0;
            for (size_t k = 1; k < nr; k++)
                if (mpq_cmp(vals[k][p], vals[best][p]) > 0)
                    best = k;
            for (size_t a = 0; a < nr && st == FC_OK; a++) {
                if (mpq_cmp(vals[a][p], vals[best][p]) != 0)
                    continue;
                sol *s = list_add(c, out);
                if (!s) {
                    st = c->truncated ? FC_OK : fc_error_nomem(c->err);
                    break;
                }
                if (out->n > 1 &&
                    !game_work_add(c->w, (unsigned long long)(nr + 1) * (c->bdim + np))) {
                    st = game_work_error(c->w, c->err);
                    break;
                }
                for (size_t k = 0; k < nr; k++)
                    for (size_t i = 0; i < c->bdim; i++)
                        mpq_add(s->behav[i], s->behav[i], combo[k]->behav[i]);
                mpq_set_ui(s->behav[c->off[nd->infoset] + (long)a], 1, 1);
                for (size_t q = 0; q < np; q++) {
                    mpq_set(s->value[q], vals[a][q]);
                    if (nd->outcome)
                        mpq_add(s->value[q], s->value[q], g->outcomes[nd->outcome - 1].payoff[q]);
                }
            }
        }
        mpq_clear(t);
        free(vals);
        return st;
    }
    /* An imperfect-information subgame: solve the truncated game as a game of its own. */
    fc_game *t = NULL;
    int *imap = NULL;
    st = truncated_game(c, v, roots, nr, vals, &t, &imap);
    free(vals);
    if (st != FC_OK)
        return st;
    sform *s = NULL;
    fc_equilibria eq;
    game_eq_init(&eq, FC_PROFILE_MIXED, true);
    st = sform_build_ex(t, GAME_ENUMMIXED_MAX_PROFILES, true, c->w, &s, c->err);
    if (st == FC_OK) {
        if (np == 2) {
            st = enummixed_bimatrix(s, c->w, &eq, c->err);
            c->mixed_subgame = true;
        } else {
            fc_equilibria pe;
            /* enumpure on the truncated game gives behaviour profiles; we need mixed ones, so
             * redo its loop on the strategic view. */
            st = game_enumpure(t, c->w, &pe, c->err);
            fc_equilibria_free(&pe);
            c->pure_only = true;
            if (st == FC_OK) {
                /* pure profiles of the reduced form */
                size_t dim = sform_dim(s);
                mpq_t *mixed = fc_mpq_array_new(dim);
                size_t *idx = calloc(np, sizeof *idx);
                mpq_t reg;
                mpq_init(reg);
                for (size_t i = 0; i < s->n_profiles && st == FC_OK && mixed && idx; i++) {
                    size_t o = 0;
                    for (size_t p = 0; p < np; p++) {
                        for (size_t k = 0; k < s->n_strat[p]; k++)
                            mpq_set_ui(mixed[o + k], k == idx[p] ? 1 : 0, 1);
                        o += s->n_strat[p];
                    }
                    sform_regrets(s, mixed, NULL, reg);
                    if (mpq_sgn(reg) == 0)
                        st = game_eq_push(&eq, dim, mixed, c->err);
                    for (size_t p = 0; p < np; p++) {
                        if (++idx[p] < s->n_strat[p])
                            break;
                        idx[p] = 0;
                    }
                }
                mpq_clear(reg);
                free(idx);
                if (mixed)
                    fc_mpq_array_free(mixed, dim);
            }
        }
    }
    size_t tb = st == FC_OK ? game_behaviour_dim(t) : 0;
    long *toff = st == FC_OK ? fc_game_behaviour_offsets(t) : NULL;
    mpq_t *tbehav = tb ? fc_mpq_array_new(tb) : NULL;
    for (size_t e = 0; e < eq.n && st == FC_OK; e++) {
        sol *so = list_add(c, out);
        if (!so) {
            st = c->truncated ? FC_OK : fc_error_nomem(c->err);
            break;
        }
        for (size_t k = 0; k < nr; k++)
            for (size_t i = 0; i < c->bdim; i++)
                mpq_add(so->behav[i], so->behav[i], combo[k]->behav[i]);
        if (tbehav) {
            sform_to_behaviour(t, s, eq.items[e].p, tbehav);
            for (size_t i = 0; i < t->n_infosets; i++) {
                if (t->infosets[i].player == 0)
                    continue;
                for (size_t a = 0; a < t->infosets[i].n_actions; a++)
                    mpq_set(so->behav[c->off[imap[i]] + (long)a], tbehav[toff[i] + (long)a]);
            }
        }
        sform_payoffs(s, eq.items[e].p, so->value);
    }
    if (tbehav)
        fc_mpq_array_free(tbehav, tb);
    free(toff);
    fc_equilibria_free(&eq);
    sform_free(s);
    free(imap);
    fc_game_free(t);
    return st;
}

static fc_status solve(spe_ctx *c, size_t v, sol_list *out)
{
    const fc_game *g = c->g;
    memset(out, 0, sizeof *out);
    if (g->nodes[v].kind == FC_NODE_TERMINAL) {
        sol *s = list_add(c, out);
        if (!s)
            return fc_error_nomem(c->err);
        if (g->nodes[v].outcome)
            for (size_t p = 0; p < g->n_players; p++)
                mpq_set(s->value[p], g->outcomes[g->nodes[v].outcome - 1].payoff[p]);
        return FC_OK;
    }
    size_t *roots = malloc((c->end[v] - v + 1) * sizeof *roots);
    if (!roots)
        return fc_error_nomem(c->err);
    size_t scanned = 0;
    size_t nr = child_roots(c, v, roots, &scanned);
    if (!game_work_add(c->w, scanned)) {
        free(roots);
        return game_work_error(c->w, c->err);
    }
    sol_list *sub = calloc(nr + 1, sizeof *sub);
    size_t *pick = calloc(nr + 1, sizeof *pick);
    sol **combo = calloc(nr + 1, sizeof *combo);
    fc_status st = (sub && pick && combo) ? FC_OK : fc_error_nomem(c->err);
    for (size_t k = 0; k < nr && st == FC_OK; k++)
        st = solve(c, roots[k], &sub[k]);
    for (size_t k = 0; k < nr && st == FC_OK; k++)
        if (sub[k].n == 0)
            st = fc_error_set(c->err, FC_EINTERNAL, NULL, 0, 0, NULL,
                              "spe: a subgame has no equilibrium (a bug)");
    /* every combination of the subgames' solutions */
    while (st == FC_OK && out->n < SPE_MAX_SOLUTIONS) {
        for (size_t k = 0; k < nr; k++)
            combo[k] = &sub[k].items[pick[k]];
        st = solve_local(c, v, roots, nr, combo, out);
        size_t k = 0;
        for (; k < nr; k++) {
            if (++pick[k] < sub[k].n)
                break;
            pick[k] = 0;
        }
        if (k == nr)
            break;
    }
    if (st == FC_OK && out->n >= SPE_MAX_SOLUTIONS)
        c->truncated = true;
    for (size_t k = 0; sub && k < nr; k++)
        list_free(c, &sub[k]);
    free(sub);
    free(pick);
    free(combo);
    free(roots);
    return st;
}

fc_status game_spe(const fc_game *g, game_work *w, fc_equilibria *out, fc_error *err)
{
    game_eq_init(out, FC_PROFILE_BEHAVIOUR, true);
    if (g->form != FC_GAME_EXTENSIVE)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "spe needs an extensive game (.efg); in a strategic game every Nash "
                            "equilibrium is subgame perfect: use enumpure or enummixed");
    if (!fc_game_perfect_recall(g))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "spe: the game has imperfect recall, which the subgame solvers refuse");
    spe_ctx c;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.w = w;
    c.err = err;
    c.bdim = game_behaviour_dim(g);
    c.off = fc_game_behaviour_offsets(g);
    size_t n = g->n_nodes;
    c.end = malloc(n * sizeof *c.end);
    c.root = calloc(n, sizeof *c.root);
    size_t *imin = malloc(g->n_infosets * sizeof *imin), *imax = malloc(g->n_infosets * sizeof *imax);
    if (!c.off || !c.end || !c.root || !imin || !imax) {
        free(c.off);
        free(c.end);
        free(c.root);
        free(imin);
        free(imax);
        return fc_error_nomem(err);
    }
    for (size_t v = n; v-- > 0;) {
        c.end[v] = v + 1;
        for (size_t k = 0; k < g->nodes[v].n_children; k++)
            if (c.end[g->nodes[v].children[k]] > c.end[v])
                c.end[v] = c.end[g->nodes[v].children[k]];
    }
    for (size_t i = 0; i < g->n_infosets; i++) {
        imin[i] = n;
        imax[i] = 0;
    }
    for (size_t v = 0; v < n; v++) {
        int I = g->nodes[v].infoset;
        if (I < 0)
            continue;
        if (v < imin[I])
            imin[I] = v;
        if (v > imax[I])
            imax[I] = v;
    }
    /* v starts a subgame when every personal information set met in its subtree lies wholly
     * inside it: the smallest first node and the largest last node of those sets, gathered
     * bottom-up (children follow their parent in preorder), so the test is linear in the tree
     * (comparing every subtree node took a 10,000-node chain quadratic time). */
    size_t *lo = imin, *hi = imax; /* reused below as per-node bounds */
    size_t *slo = malloc(n * sizeof *slo), *shi = malloc(n * sizeof *shi);
    if (!slo || !shi) {
        free(slo);
        free(shi);
        free(c.off);
        free(c.end);
        free(c.root);
        free(imin);
        free(imax);
        return fc_error_nomem(err);
    }
    for (size_t v = n; v-- > 0;) {
        int I = g->nodes[v].infoset;
        slo[v] = n;
        shi[v] = 0;
        if (I >= 0 && g->infosets[I].player != 0) {
            slo[v] = lo[I];
            shi[v] = hi[I];
        }
        for (size_t k = 0; k < g->nodes[v].n_children; k++) {
            size_t ch = (size_t)g->nodes[v].children[k];
            if (slo[ch] < slo[v])
                slo[v] = slo[ch];
            if (shi[ch] > shi[v])
                shi[v] = shi[ch];
        }
    }
    for (size_t v = 0; v < n; v++)
        c.root[v] = g->nodes[v].kind != FC_NODE_TERMINAL && slo[v] >= v &&
                    (shi[v] < c.end[v] || slo[v] == n);
    free(slo);
    free(shi);
    free(imin);
    free(imax);
    sol_list all;
    fc_status st = solve(&c, 0, &all);
    for (size_t i = 0; i < all.n && st == FC_OK; i++)
        st = game_eq_push(out, c.bdim, all.items[i].behav, err);
    list_free(&c, &all);
    size_t nsub = 0;
    for (size_t v = 0; v < n; v++)
        nsub += c.root[v];
    if (st == FC_OK)
        snprintf(out->note, sizeof out->note,
                 "%zu subgame%s; %s%s%s", nsub, nsub == 1 ? "" : "s",
                 c.mixed_subgame ? "imperfect-information subgames solved with enummixed (extreme "
                                   "equilibria, every combination backed up); "
                                 : "",
                 c.pure_only ? "subgames of more than two players solved in pure strategies only; "
                             : "",
                 c.truncated ? "more solutions than the cap of 512: only the first are shown"
                             : "every pure choice among tied best actions is listed (mixtures of "
                               "tied actions are subgame perfect too)");
    free(c.off);
    free(c.end);
    free(c.root);
    if (st != FC_OK)
        fc_equilibria_free(out);
    return st;
}
