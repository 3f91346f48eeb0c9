/* lcp on extensive games: Lemke's algorithm on the sequence form (Koller, Megiddo and von
 * Stengel 1996, "Efficient computation of equilibria for extensive two-person games", GEB 14;
 * Lemke 1965, "Bimatrix equilibrium points and mathematical programming", Management Science
 * 11), in exact rational arithmetic, as Gambit's lcp does for .efg files. The result is checked
 * by an exact best-response computation on the tree before it is returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "game/game_internal.h"

/* The sequence form of a two-player game with perfect recall. Sequence 0 of each player is the
 * empty sequence; the actions of the player's k-th information set (in the game's order, which
 * is Gambit's print order) are sequences base[k] .. base[k] + n_actions - 1. */
typedef struct seqform {
    size_t ns[2], ni[2];
    int *local;          /* per game infoset: index within its player, -1 for chance */
    size_t *parent[2];   /* per player infoset: the player's sequence leading to it */
    size_t *base[2];
    int *game_iset[2];   /* per player infoset: the game's infoset index */
    mpq_t *cost[2];      /* ns[0] * ns[1]: (M - payoff) weighted by chance, >= 0 */
} seqform;

static void seqform_free(seqform *sf)
{
    free(sf->local);
    for (int p = 0; p < 2; p++) {
        free(sf->parent[p]);
        free(sf->base[p]);
        free(sf->game_iset[p]);
        if (sf->cost[p])
            fc_mpq_array_free(sf->cost[p], sf->ns[0] * sf->ns[1]);
    }
}

/* The sequence of player p (0/1) that leads to node v: the last action p took above it. */
static size_t seq_to(const fc_game *g, const seqform *sf, int p, int v)
{
    int child = v;
    for (int u = g->nodes[v].parent; u >= 0; child = u, u = g->nodes[u].parent) {
        const fc_game_node *nd = &g->nodes[u];
        if (nd->kind != FC_NODE_PERSONAL || g->infosets[nd->infoset].player != p + 1)
            continue;
        size_t a = 0;
        while ((int)a < (int)nd->n_children && nd->children[a] != child)
            a++;
        return sf->base[p][sf->local[nd->infoset]] + a;
    }
    return 0;
}

typedef struct walk {
    const fc_game *g;
    seqform *sf;
    mpq_t *acc;   /* payoffs along the path, per player */
    mpq_t big;    /* M: above every leaf's total payoff */
    bool find_max;
    bool have_max;
    mpq_t t;
} walk;

static void walk_node(walk *w, int v, const mpq_t prob, size_t s0, size_t s1)
{
    const fc_game *g = w->g;
    const fc_game_node *nd = &g->nodes[v];
    if (nd->outcome)
        for (int p = 0; p < 2; p++)
            mpq_add(w->acc[p], w->acc[p], g->outcomes[nd->outcome - 1].payoff[p]);
    if (nd->kind == FC_NODE_TERMINAL) {
        for (int p = 0; p < 2; p++) {
            if (w->find_max) {
                if (!w->have_max || mpq_cmp(w->acc[p], w->big) > 0)
                    mpq_set(w->big, w->acc[p]);
                w->have_max = true;
            } else {
                mpq_sub(w->t, w->big, w->acc[p]);
                mpq_mul(w->t, w->t, prob);
                mpq_t *c = &w->sf->cost[p][s0 * w->sf->ns[1] + s1];
                mpq_add(*c, *c, w->t);
            }
        }
    } else {
        const fc_game_infoset *is = &g->infosets[nd->infoset];
        mpq_t q;
        mpq_init(q);
        for (size_t a = 0; a < nd->n_children; a++) {
            size_t n0 = s0, n1 = s1;
            if (nd->kind == FC_NODE_CHANCE) {
                if (mpq_sgn(is->probs[a]) == 0)
                    continue;
                mpq_mul(q, prob, is->probs[a]);
            } else {
                mpq_set(q, prob);
                size_t s = w->sf->base[is->player - 1][w->sf->local[nd->infoset]] + a;
                if (is->player == 1)
                    n0 = s;
                else
                    n1 = s;
            }
            walk_node(w, nd->children[a], q, n0, n1);
        }
        mpq_clear(q);
    }
    if (nd->outcome)
        for (int p = 0; p < 2; p++)
            mpq_sub(w->acc[p], w->acc[p], g->outcomes[nd->outcome - 1].payoff[p]);
}

static fc_status seqform_build(const fc_game *g, seqform *sf, fc_error *err)
{
    memset(sf, 0, sizeof *sf);
    sf->local = malloc((g->n_infosets + 1) * sizeof *sf->local);
    if (!sf->local)
        return fc_error_nomem(err);
    for (int p = 0; p < 2; p++) {
        sf->parent[p] = calloc(g->n_infosets + 1, sizeof *sf->parent[p]);
        sf->base[p] = calloc(g->n_infosets + 1, sizeof *sf->base[p]);
        sf->game_iset[p] = calloc(g->n_infosets + 1, sizeof *sf->game_iset[p]);
        if (!sf->parent[p] || !sf->base[p] || !sf->game_iset[p])
            return fc_error_nomem(err);
        sf->ns[p] = 1;
    }
    for (size_t i = 0; i < g->n_infosets; i++) {
        int pl = g->infosets[i].player;
        if (pl == 0) {
            sf->local[i] = -1;
            continue;
        }
        int p = pl - 1;
        size_t k = sf->ni[p]++;
        sf->local[i] = (int)k;
        sf->game_iset[p][k] = (int)i;
        sf->base[p][k] = sf->ns[p];
        sf->ns[p] += g->infosets[i].n_actions;
    }
    /* Parents need every base, hence a second pass. Perfect recall makes the sequence the
     * same at every node of the set, so the first node tells it. */
    for (int p = 0; p < 2; p++)
        for (size_t k = 0; k < sf->ni[p]; k++)
            sf->parent[p][k] = seq_to(g, sf, p, (int)g->infosets[sf->game_iset[p][k]].first_node);
    size_t cells = sf->ns[0] * sf->ns[1];
    for (int p = 0; p < 2; p++)
        if (!(sf->cost[p] = fc_mpq_array_new(cells)))
            return fc_error_nomem(err);
    walk w;
    w.g = g;
    w.sf = sf;
    w.acc = fc_mpq_array_new(2);
    if (!w.acc)
        return fc_error_nomem(err);
    mpq_init(w.big);
    mpq_init(w.t);
    mpq_t one;
    mpq_init(one);
    mpq_set_ui(one, 1, 1);
    w.find_max = true;
    w.have_max = false;
    walk_node(&w, 0, one, 0, 0);
    /* Costs M - payoff with M one above the largest total payoff: every leaf costs at least 1,
     * so Lemke's algorithm cannot end on a ray (Koller, Megiddo and von Stengel 1996, sec. 4);
     * the shift is the same for every leaf and changes no best response. */
    mpq_add(w.big, w.big, one);
    w.find_max = false;
    walk_node(&w, 0, one, 0, 0);
    mpq_clear(one);
    mpq_clear(w.big);
    mpq_clear(w.t);
    fc_mpq_array_free(w.acc, 2);
    return FC_OK;
}

/* Dense exact tableau for w - M z - d z0 = q, columns: w (n), z (n), z0, right-hand side. */
typedef struct tableau {
    size_t n, cols;
    mpq_t *a;
    int *basis;   /* per row: column of its basic variable */
} tableau;

#define T(tb, r, c) ((tb)->a[(r) * (tb)->cols + (c)])

static void tab_pivot(tableau *tb, size_t r, size_t c, mpq_t f)
{
    mpq_t piv;
    mpq_init(piv);
    mpq_set(piv, T(tb, r, c));
    for (size_t k = 0; k < tb->cols; k++)
        if (mpq_sgn(T(tb, r, k)))
            mpq_div(T(tb, r, k), T(tb, r, k), piv);
    for (size_t i = 0; i < tb->n; i++) {
        if (i == r || mpq_sgn(T(tb, i, c)) == 0)
            continue;
        mpq_set(piv, T(tb, i, c));
        for (size_t k = 0; k < tb->cols; k++) {
            if (mpq_sgn(T(tb, r, k)) == 0)
                continue;
            mpq_mul(f, piv, T(tb, r, k));
            mpq_sub(T(tb, i, k), T(tb, i, k), f);
        }
    }
    tb->basis[r] = (int)c;
    mpq_clear(piv);
}

/* Lexicographic comparison of rows i and b for entering column c: (rhs, B^-1 row) / a_ic,
 * the columns of B^-1 in variable order (x, y, u, v). Negative when row i is smaller. This
 * order follows the same paths as Gambit's lcp on 107 of the 117 shared games it solves
 * (docs/games.md); the reverse order only on 50. */
static int lex_cmp(const tableau *tb, size_t i, size_t b, size_t c, mpq_t t1, mpq_t t2)
{
    size_t n = tb->n, rhs = tb->cols - 1;
    mpq_mul(t1, T(tb, i, rhs), T(tb, b, c));
    mpq_mul(t2, T(tb, b, rhs), T(tb, i, c));
    int cmp = mpq_cmp(t1, t2);
    for (size_t k = 0; cmp == 0 && k < n; k++) {
        mpq_mul(t1, T(tb, i, k), T(tb, b, c));
        mpq_mul(t2, T(tb, b, k), T(tb, i, c));
        cmp = mpq_cmp(t1, t2);
    }
    /* a_ic and a_bc have the same sign in every use; when both are negative the order of the
     * quotients is reversed */
    if (mpq_sgn(T(tb, i, c)) < 0)
        cmp = -cmp;
    return cmp;
}

/* Exact best-response regret of a behaviour profile: for each player, the best pure reply
 * computed backwards over its information sets (deepest first; perfect recall makes the
 * choices independent) minus its payoff. */
typedef struct brctx {
    const fc_game *g;
    const long *off;
    const mpq_t *b;
    int player;
    const int *choice;   /* per game infoset: the replying player's action, -1 = follow b */
} brctx;

static void br_value(const brctx *c, int v, mpq_t out)
{
    const fc_game *g = c->g;
    const fc_game_node *nd = &g->nodes[v];
    if (nd->outcome)
        mpq_set(out, g->outcomes[nd->outcome - 1].payoff[c->player - 1]);
    else
        mpq_set_ui(out, 0, 1);
    if (nd->kind == FC_NODE_TERMINAL)
        return;
    const fc_game_infoset *is = &g->infosets[nd->infoset];
    mpq_t sub;
    mpq_init(sub);
    if (is->player == c->player && c->choice[nd->infoset] >= 0) {
        br_value(c, nd->children[c->choice[nd->infoset]], sub);
        mpq_add(out, out, sub);
    } else {
        for (size_t a = 0; a < nd->n_children; a++) {
            const mpq_t *pa =
                is->player == 0 ? &is->probs[a] : &c->b[c->off[nd->infoset] + (long)a];
            if (mpq_sgn(*pa) == 0)
                continue;
            br_value(c, nd->children[a], sub);
            mpq_mul(sub, sub, *pa);
            mpq_add(out, out, sub);
        }
    }
    mpq_clear(sub);
}

static fc_status behaviour_br_regret(const fc_game *g, const mpq_t *behav, mpq_t regret,
                                     fc_error *err)
{
    long *off = fc_game_behaviour_offsets(g);
    size_t dim = game_behaviour_dim(g), nn = g->n_nodes;
    mpq_t *b = fc_mpq_array_new(dim), *reach = fc_mpq_array_new(nn);
    int *choice = malloc((g->n_infosets + 1) * sizeof *choice);
    if (!off || !b || !reach || !choice) {
        free(off);
        free(choice);
        if (b)
            fc_mpq_array_free(b, dim);
        if (reach)
            fc_mpq_array_free(reach, nn);
        return fc_error_nomem(err);
    }
    /* sets left all zero (never reached by the player's own play) follow their first action */
    for (size_t i = 0; i < dim; i++)
        mpq_set(b[i], behav[i]);
    for (size_t i = 0; i < g->n_infosets; i++) {
        if (g->infosets[i].player == 0)
            continue;
        bool zero = true;
        for (size_t a = 0; a < g->infosets[i].n_actions; a++)
            zero = zero && mpq_sgn(b[off[i] + (long)a]) == 0;
        if (zero)
            mpq_set_ui(b[off[i]], 1, 1);
    }
    mpq_t cur, best, w, t;
    mpq_inits(cur, best, w, t, NULL);
    mpq_set_ui(regret, 0, 1);
    for (int p = 1; p <= (int)g->n_players; p++) {
        /* reach of every node by chance and the other players only */
        mpq_set_ui(reach[0], 1, 1);
        for (size_t v = 0; v < nn; v++) {
            const fc_game_node *nd = &g->nodes[v];
            if (nd->kind == FC_NODE_TERMINAL)
                continue;
            const fc_game_infoset *is = &g->infosets[nd->infoset];
            for (size_t a = 0; a < nd->n_children; a++) {
                if (is->player == p)
                    mpq_set(reach[nd->children[a]], reach[v]);
                else
                    mpq_mul(reach[nd->children[a]], reach[v],
                            is->player == 0 ? is->probs[a] : b[off[nd->infoset] + (long)a]);
            }
        }
        for (size_t i = 0; i < g->n_infosets; i++)
            choice[i] = -1;
        brctx c = {g, off, (const mpq_t *)b, p, choice};
        br_value(&c, 0, cur);
        for (size_t i = g->n_infosets; i-- > 0;) {
            const fc_game_infoset *is = &g->infosets[i];
            if (is->player != p)
                continue;
            int arg = 0;
            for (size_t a = 0; a < is->n_actions; a++) {
                mpq_set_ui(w, 0, 1);
                for (size_t v = is->first_node; v < nn; v++) {
                    if (g->nodes[v].infoset != (int)i || mpq_sgn(reach[v]) == 0)
                        continue;
                    br_value(&c, g->nodes[v].children[a], t);
                    mpq_mul(t, t, reach[v]);
                    mpq_add(w, w, t);
                }
                if (a == 0 || mpq_cmp(w, best) > 0) {
                    mpq_set(best, w);
                    arg = (int)a;
                }
            }
            choice[i] = arg;
        }
        br_value(&c, 0, best);
        mpq_sub(w, best, cur);
        if (mpq_cmp(w, regret) > 0)
            mpq_set(regret, w);
    }
    mpq_clears(cur, best, w, t, NULL);
    free(off);
    free(choice);
    fc_mpq_array_free(b, dim);
    fc_mpq_array_free(reach, nn);
    return FC_OK;
}

fc_status game_behaviour_regret(const fc_game *g, const mpq_t *behav, mpq_t regret, fc_error *err)
{
    return behaviour_br_regret(g, behav, regret, err);
}

fc_status lcp_sequence(const fc_game *g, game_work *w, fc_equilibria *out, fc_error *err)
{
    game_eq_init(out, FC_PROFILE_BEHAVIOUR, true);
    if (g->n_players != 2)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "lcp needs a two-player game (this one has %zu players)",
                            g->n_players);
    if (!fc_game_perfect_recall(g))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "lcp on the sequence form needs perfect recall (this game has "
                            "imperfect recall)");
    /* The size first, from the tree alone: the sequence form's cost matrices (sequences of one
     * player by the other's) and the tableau are dense, and a 10,000-node chain made GMP abort
     * for want of memory before any bound was checked. */
    size_t rows = 4;
    for (size_t i = 0; i < g->n_infosets; i++)
        if (g->infosets[i].player > 0)
            rows += 1 + g->infosets[i].n_actions;
    if (rows > GAME_LCP_SEQUENCE_MAX_ROWS)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "the game is too large for lcp on the sequence form (%zu sequences "
                            "and information sets; at most %zu)",
                            rows, (size_t)GAME_LCP_SEQUENCE_MAX_ROWS);
    seqform sf;
    fc_status st = seqform_build(g, &sf, err);
    if (st != FC_OK) {
        seqform_free(&sf);
        return st;
    }
    /* z = (x: player 1's sequences, y: player 2's, u: player 1's constraint duals (empty
     * sequence, then each information set), v: player 2's). The LCP (costs C >= 0):
     *   w_x = C1 y - E'u,  w_y = C2'x - F'v,  w_u = Ex - e,  w_v = Fy - f,  w, z >= 0, w'z = 0,
     * where Ex = e says x is a realisation plan (x_empty = 1; at each information set the
     * children's sequences add up to the parent's). */
    size_t n0 = sf.ns[0], n1 = sf.ns[1];
    size_t U0 = n0 + n1, V0 = U0 + sf.ni[0] + 1, n = V0 + sf.ni[1] + 1;
    /* The tableau is dense: n x (2n + 2) rationals, 256 MB at the bound, and each pivot
     * visits all of them. */
    if (n > GAME_LCP_SEQUENCE_MAX_ROWS) {
        seqform_free(&sf);
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "the game is too large for lcp on the sequence form (%zu sequences "
                            "and information sets; at most %zu)",
                            n, (size_t)GAME_LCP_SEQUENCE_MAX_ROWS);
    }
    if (!game_work_add(w, (unsigned long long)n * (2 * n + 2))) {
        seqform_free(&sf);
        return game_work_error(w, err);
    }
    tableau tb;
    tb.n = n;
    tb.cols = 2 * n + 2;
    tb.a = fc_mpq_array_new(n * tb.cols);
    tb.basis = malloc(n * sizeof *tb.basis);
    mpq_t *z = fc_mpq_array_new(n);
    size_t bdim = game_behaviour_dim(g);
    mpq_t *behav = fc_mpq_array_new(bdim);
    long *off = fc_game_behaviour_offsets(g);
    if (!tb.a || !tb.basis || !z || !behav || !off) {
        st = fc_error_nomem(err);
        goto done;
    }
    /* T holds -M in the z columns. */
#define NEGM(r, c) T(&tb, (r), n + (c))
    for (size_t i = 0; i < n; i++) {
        mpq_set_ui(T(&tb, i, i), 1, 1);
        mpq_set_si(T(&tb, i, 2 * n), -1, 1);
        tb.basis[i] = (int)i;
    }
    for (size_t s = 0; s < n0; s++)
        for (size_t t = 0; t < n1; t++) {
            mpq_neg(NEGM(s, n0 + t), sf.cost[0][s * n1 + t]);
            mpq_neg(NEGM(n0 + t, s), sf.cost[1][s * n1 + t]);
        }
    for (int p = 0; p < 2; p++) {
        size_t so = p == 0 ? 0 : n0, co = p == 0 ? U0 : V0;
        /* empty sequence: E[0][0] = 1; M[x0][u0] = -1, M[u0][x0] = 1 */
        mpq_set_si(NEGM(so, co), 1, 1);
        mpq_set_si(NEGM(co, so), -1, 1);
        mpq_set_si(T(&tb, co, 2 * n + 1), -1, 1);
        for (size_t k = 0; k < sf.ni[p]; k++) {
            size_t row = co + 1 + k, par = so + sf.parent[p][k];
            size_t na = g->infosets[sf.game_iset[p][k]].n_actions;
            /* E[h][parent] = -1, E[h][child] = 1 */
            mpq_set_si(NEGM(par, row), -1, 1);
            mpq_set_si(NEGM(row, par), 1, 1);
            for (size_t a = 0; a < na; a++) {
                size_t ch = so + sf.base[p][k] + a;
                mpq_set_si(NEGM(ch, row), 1, 1);
                mpq_set_si(NEGM(row, ch), -1, 1);
            }
        }
    }
#undef NEGM
    mpq_t t1, t2;
    mpq_inits(t1, t2, NULL);
    /* First pivot: z0 enters at the row of the lexicographically most negative q (of the two
     * empty-sequence rows that tie at -1, player 2's: the only choice that keeps every row
     * lexicographically positive with this column order). */
    size_t r0 = 0;
    bool have = false;
    for (size_t i = 0; i < n; i++) {
        if (mpq_sgn(T(&tb, i, 2 * n + 1)) >= 0)
            continue;
        if (!have || lex_cmp(&tb, i, r0, 2 * n, t1, t2) < 0)
            r0 = i;
        have = true;
    }
    int leaving = tb.basis[r0];
    tab_pivot(&tb, r0, 2 * n, t1);
    size_t steps = 0;
    while (st == FC_OK) {
        size_t enter = (size_t)leaving < n ? n + (size_t)leaving : (size_t)leaving - n;
        long r = -1;
        for (size_t i = 0; i < n; i++) {
            if (mpq_sgn(T(&tb, i, enter)) <= 0)
                continue;
            if (r < 0) {
                r = (long)i;
                continue;
            }
            if (lex_cmp(&tb, i, (size_t)r, enter, t1, t2) < 0)
                r = (long)i;
        }
        if (r < 0 || ++steps > 1000000) {
            st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                              "lcp: Lemke's path ended on a ray (a bug)");
            break;
        }
        /* When z0 can leave at the minimum ratio, let it: the path has reached a solution. */
        for (size_t i = 0; i < n; i++) {
            if (tb.basis[i] != (int)(2 * n) || mpq_sgn(T(&tb, i, enter)) <= 0)
                continue;
            mpq_mul(t1, T(&tb, i, 2 * n + 1), T(&tb, r, enter));
            mpq_mul(t2, T(&tb, r, 2 * n + 1), T(&tb, i, enter));
            if (mpq_cmp(t1, t2) == 0) {
                r = (long)i;
            }
        }
        leaving = tb.basis[r];
        if (!game_work_add(w, (unsigned long long)tb.n * tb.cols)) {
            st = game_work_error(w, err);
            break;
        }
        tab_pivot(&tb, (size_t)r, enter, t1);
        if (leaving == (int)(2 * n))
            break;
    }
    if (st == FC_OK) {
        for (size_t i = 0; i < n; i++)
            if (tb.basis[i] >= (int)n && tb.basis[i] < (int)(2 * n))
                mpq_set(z[tb.basis[i] - (int)n], T(&tb, i, 2 * n + 1));
        /* Behaviour: each information set's sequences divided by their sum; at the sets that
         * the player's own plan never reaches (parent sequence 0) the plan says nothing, and
         * Gambit's lcp prints the uniform distribution there: so do we. */
        for (int p = 0; p < 2; p++) {
            size_t so = p == 0 ? 0 : n0;
            for (size_t k = 0; k < sf.ni[p]; k++) {
                int gi = sf.game_iset[p][k];
                size_t na = g->infosets[gi].n_actions;
                mpq_set_ui(t1, 0, 1);
                for (size_t a = 0; a < na; a++)
                    mpq_add(t1, t1, z[so + sf.base[p][k] + a]);
                bool reached = mpq_sgn(z[so + sf.parent[p][k]]) > 0 && mpq_sgn(t1) > 0;
                for (size_t a = 0; a < na; a++) {
                    mpq_t *e = &behav[off[gi] + (long)a];
                    if (reached)
                        mpq_div(*e, z[so + sf.base[p][k] + a], t1);
                    else
                        mpq_set_ui(*e, 1, (unsigned long)na);
                }
            }
        }
        st = behaviour_br_regret(g, behav, t2, err);
        if (st == FC_OK && mpq_sgn(t2) != 0)
            st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                              "lcp: the sequence-form solution fails the regret check (regret "
                              "%g; a bug)",
                              mpq_get_d(t2));
        if (st == FC_OK)
            st = game_eq_push(out, bdim, behav, err);
        if (st == FC_OK)
            snprintf(out->note, sizeof out->note,
                     "the equilibrium at the end of Lemke's path on the sequence form (Koller, "
                     "Megiddo and von Stengel 1996), covering vector of ones, lexicographic "
                     "tie-breaking; %zu pivots",
                     steps + 1);
    }
    mpq_clears(t1, t2, NULL);
done:
    if (tb.a)
        fc_mpq_array_free(tb.a, n * tb.cols);
    free(tb.basis);
    if (z)
        fc_mpq_array_free(z, n);
    if (behav)
        fc_mpq_array_free(behav, bdim);
    free(off);
    seqform_free(&sf);
    if (st != FC_OK)
        fc_equilibria_free(out);
    return st;
}
