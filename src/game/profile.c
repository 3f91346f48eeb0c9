/* Profiles: printing them as Gambit does, and checking them. Every equilibrium a solver
 * returns passes through fc_game_profile_regret first; the details (payoffs, regrets,
 * beliefs) that Gambit's users ask for come from the same computations. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "game/game_internal.h"
#include "util/buf_mpq.h"

char *fc_profile_format(const fc_profile *pr, int digits)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "NE");
    for (size_t i = 0; i < pr->dim; i++) {
        fc_buf_puts(&b, ",");
        if (pr->p && digits <= 0) {
            fc_buf_mpq(&b, pr->p[i]);
        } else {
            double v = pr->p ? mpq_get_d(pr->p[i]) : pr->x[i];
            int d = digits > 0 ? digits : 6;
            char buf[64];
            snprintf(buf, sizeof buf, "%.*f", d, v);
            /* "-0.000000" reads badly and is 0. */
            if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
                memmove(buf, buf + 1, strlen(buf));
            fc_buf_puts(&b, buf);
        }
    }
    return fc_buf_take(&b);
}

size_t fc_profile_dim(const fc_profile *pr)
{
    return pr->dim;
}

bool fc_profile_is_exact(const fc_profile *pr)
{
    return pr->p != NULL;
}

double fc_profile_value(const fc_profile *pr, size_t k)
{
    if (k >= pr->dim)
        return 0;
    return pr->p ? mpq_get_d(pr->p[k]) : pr->x[k];
}

char *fc_profile_value_text(const fc_profile *pr, size_t k)
{
    if (k >= pr->dim)
        return NULL;
    if (pr->p)
        return mpq_get_str(NULL, 10, pr->p[k]);
    char buf[64];
    fc_format_double(buf, sizeof buf, pr->x[k]);
    return strdup(buf);
}

/* Behaviour-profile evaluation on the tree. prob[i] for behaviour entries, chance from the
 * game. When br_player > 0 that player follows the pure reduced strategy br_choice. */
typedef struct beval {
    const fc_game *g;
    const long *off;
    const mpq_t *behav;
    int br_player;
    const int *br_choice;
    mpq_t tmp;
} beval;

static void beval_node(beval *e, int v, const mpq_t prob, mpq_t *acc)
{
    const fc_game *g = e->g;
    const fc_game_node *nd = &g->nodes[v];
    if (nd->outcome)
        for (size_t p = 0; p < g->n_players; p++) {
            mpq_mul(e->tmp, prob, g->outcomes[nd->outcome - 1].payoff[p]);
            mpq_add(acc[p], acc[p], e->tmp);
        }
    if (nd->kind == FC_NODE_TERMINAL)
        return;
    const fc_game_infoset *is = &g->infosets[nd->infoset];
    if (nd->kind == FC_NODE_PERSONAL && is->player == e->br_player) {
        int a = e->br_choice[nd->infoset];
        if (a >= 0)
            beval_node(e, nd->children[a], prob, acc);
        return;
    }
    mpq_t q;
    mpq_init(q);
    for (size_t a = 0; a < nd->n_children; a++) {
        const mpq_t *pa = nd->kind == FC_NODE_CHANCE ? &is->probs[a]
                                                     : &e->behav[e->off[nd->infoset] + (long)a];
        if (mpq_sgn(*pa) == 0)
            continue;
        mpq_mul(q, prob, *pa);
        beval_node(e, nd->children[a], q, acc);
    }
    mpq_clear(q);
}

static void behaviour_payoffs(const fc_game *g, const long *off, const mpq_t *behav, int br_player,
                              const int *br_choice, mpq_t *acc)
{
    beval e;
    e.g = g;
    e.off = off;
    e.behav = behav;
    e.br_player = br_player;
    e.br_choice = br_choice;
    mpq_init(e.tmp);
    mpq_t one;
    mpq_init(one);
    mpq_set_ui(one, 1, 1);
    for (size_t p = 0; p < g->n_players; p++)
        mpq_set_ui(acc[p], 0, 1);
    beval_node(&e, 0, one, acc);
    mpq_clear(one);
    mpq_clear(e.tmp);
}

/* Sum of each behaviour block must be 1 (or, for Gambit's unreached sets, may be all 0). */
static bool behaviour_valid(const fc_game *g, const long *off, const mpq_t *behav)
{
    mpq_t s;
    mpq_init(s);
    bool ok = true;
    for (size_t i = 0; i < g->n_infosets && ok; i++) {
        if (g->infosets[i].player == 0)
            continue;
        mpq_set_ui(s, 0, 1);
        for (size_t a = 0; a < g->infosets[i].n_actions; a++) {
            if (mpq_sgn(behav[off[i] + (long)a]) < 0)
                ok = false;
            mpq_add(s, s, behav[off[i] + (long)a]);
        }
        if (mpq_sgn(s) != 0 && mpq_cmp_ui(s, 1, 1) != 0)
            ok = false;
    }
    mpq_clear(s);
    return ok;
}

/* Gambit leaves the sets a player's own strategy never reaches all-zero. Their actions do not
 * matter for anyone's payoff, so for evaluation any choice will do: take the first action. */
static mpq_t *behaviour_completed(const fc_game *g, const long *off, const mpq_t *behav)
{
    size_t dim = game_behaviour_dim(g);
    mpq_t *b = fc_mpq_array_new(dim);
    if (!b)
        return NULL;
    for (size_t i = 0; i < dim; i++)
        mpq_set(b[i], behav[i]);
    for (size_t i = 0; i < g->n_infosets; i++) {
        if (g->infosets[i].player == 0)
            continue;
        bool zero = true;
        for (size_t a = 0; a < g->infosets[i].n_actions; a++)
            if (mpq_sgn(b[off[i] + (long)a]) != 0)
                zero = false;
        if (zero)
            mpq_set_ui(b[off[i]], 1, 1);
    }
    return b;
}

static fc_status behaviour_regret(const fc_game *g, const fc_profile *pr, mpq_t regret,
                                  fc_error *err)
{
    long *off = fc_game_behaviour_offsets(g);
    if (!off)
        return fc_error_nomem(err);
    if (!behaviour_valid(g, off, pr->p)) {
        free(off);
        return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                            "not a behaviour profile (an information set's probabilities do not "
                            "add up to 1)");
    }
    sform *s = NULL;
    fc_status st = sform_build_ex(g, 0, false, NULL, &s, err);
    if (st != FC_OK) {
        free(off);
        return st;
    }
    mpq_t *b = behaviour_completed(g, off, pr->p);
    mpq_t *cur = fc_mpq_array_new(g->n_players), *alt = fc_mpq_array_new(g->n_players);
    mpq_t d;
    mpq_init(d);
    mpq_set_ui(regret, 0, 1);
    if (b && cur && alt) {
        behaviour_payoffs(g, off, b, 0, NULL, cur);
        for (size_t p = 0; p < g->n_players; p++)
            for (size_t k = 0; k < s->n_strat[p]; k++) {
                behaviour_payoffs(g, off, b, (int)p + 1, s->choice[p] + k * g->n_infosets, alt);
                mpq_sub(d, alt[p], cur[p]);
                if (mpq_cmp(d, regret) > 0)
                    mpq_set(regret, d);
            }
    } else {
        st = fc_error_nomem(err);
    }
    mpq_clear(d);
    fc_mpq_array_free(cur, g->n_players);
    fc_mpq_array_free(alt, g->n_players);
    if (b)
        fc_mpq_array_free(b, game_behaviour_dim(g));
    sform_free(s);
    free(off);
    return st;
}

fc_status fc_game_profile_regret(const fc_game *g, fc_profile_kind kind, const fc_profile *pr,
                                 mpq_t regret, fc_error *err)
{
    if (!pr->p)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "the profile is not exact");
    if (kind == FC_PROFILE_BEHAVIOUR) {
        if (g->form != FC_GAME_EXTENSIVE || pr->dim != game_behaviour_dim(g))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "profile does not fit the game");
        /* With perfect recall the best reply is found backwards on the tree, which also
         * works where the reduced strategic form would be far too large. */
        if (fc_game_perfect_recall(g)) {
            long *off = fc_game_behaviour_offsets(g);
            if (!off)
                return fc_error_nomem(err);
            bool valid = behaviour_valid(g, off, pr->p);
            free(off);
            if (!valid)
                return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                                    "not a behaviour profile (an information set's "
                                    "probabilities do not add up to 1)");
            return game_behaviour_regret(g, pr->p, regret, err);
        }
        return behaviour_regret(g, pr, regret, err);
    }
    sform *s = NULL;
    fc_status st = sform_build(g, 0, &s, err);
    if (st != FC_OK)
        return st;
    if (pr->dim != sform_dim(s)) {
        sform_free(s);
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "profile does not fit the game");
    }
    sform_regrets(s, pr->p, NULL, regret);
    sform_free(s);
    return FC_OK;
}

/* Top-down reach probabilities and bottom-up node values under a behaviour profile. */
static void reach_probs(const fc_game *g, const long *off, const mpq_t *b, mpq_t *reach)
{
    mpq_set_ui(reach[0], 1, 1);
    for (size_t v = 0; v < g->n_nodes; v++) { /* preorder: parents come first */
        const fc_game_node *nd = &g->nodes[v];
        if (nd->kind == FC_NODE_TERMINAL)
            continue;
        const fc_game_infoset *is = &g->infosets[nd->infoset];
        for (size_t a = 0; a < nd->n_children; a++)
            mpq_mul(reach[nd->children[a]], reach[v],
                    nd->kind == FC_NODE_CHANCE ? is->probs[a] : b[off[nd->infoset] + (long)a]);
    }
}

static void node_values(const fc_game *g, const long *off, const mpq_t *b, mpq_t *val)
{
    size_t np = g->n_players;
    mpq_t t;
    mpq_init(t);
    for (size_t v = g->n_nodes; v-- > 0;) { /* reverse preorder: children come first */
        const fc_game_node *nd = &g->nodes[v];
        for (size_t p = 0; p < np; p++) {
            if (nd->outcome)
                mpq_set(val[v * np + p], g->outcomes[nd->outcome - 1].payoff[p]);
            else
                mpq_set_ui(val[v * np + p], 0, 1);
        }
        if (nd->kind == FC_NODE_TERMINAL)
            continue;
        const fc_game_infoset *is = &g->infosets[nd->infoset];
        for (size_t a = 0; a < nd->n_children; a++)
            for (size_t p = 0; p < np; p++) {
                mpq_mul(t, val[(size_t)nd->children[a] * np + p],
                        nd->kind == FC_NODE_CHANCE ? is->probs[a] : b[off[nd->infoset] + (long)a]);
                mpq_add(val[v * np + p], val[v * np + p], t);
            }
    }
    mpq_clear(t);
}

fc_status fc_game_profile_details(const fc_game *g, fc_profile_kind kind, const fc_profile *pr,
                                  mpq_t **payoffs, mpq_t **regrets, mpq_t **beliefs,
                                  fc_error *err)
{
    if (!pr->p)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "the profile is not exact");
    *payoffs = fc_mpq_array_new(g->n_players);
    *regrets = fc_mpq_array_new(pr->dim);
    if (beliefs)
        *beliefs = NULL;
    if (!*payoffs || !*regrets)
        return fc_error_nomem(err);
    if (kind == FC_PROFILE_MIXED) {
        sform *s = NULL;
        fc_status st = sform_build(g, 0, &s, err);
        if (st != FC_OK)
            return st;
        mpq_t max;
        mpq_init(max);
        sform_payoffs(s, pr->p, *payoffs);
        sform_regrets(s, pr->p, *regrets, max);
        mpq_clear(max);
        sform_free(s);
        return FC_OK;
    }
    long *off = fc_game_behaviour_offsets(g);
    if (!off)
        return fc_error_nomem(err);
    mpq_t *b = behaviour_completed(g, off, pr->p);
    size_t nn = g->n_nodes, np = g->n_players;
    mpq_t *reach = fc_mpq_array_new(nn), *val = fc_mpq_array_new(nn * np);
    mpq_t *bel = beliefs ? fc_mpq_array_new(nn) : NULL;
    if (!b || !reach || !val || (beliefs && !bel)) {
        free(off);
        return fc_error_nomem(err);
    }
    reach_probs(g, off, b, reach);
    node_values(g, off, b, val);
    for (size_t p = 0; p < np; p++)
        mpq_set((*payoffs)[p], val[p]);
    mpq_t tot, w, t, best;
    mpq_init(tot);
    mpq_init(w);
    mpq_init(t);
    mpq_init(best);
    for (size_t i = 0; i < g->n_infosets; i++) {
        const fc_game_infoset *is = &g->infosets[i];
        mpq_set_ui(tot, 0, 1);
        for (size_t v = is->first_node; v < nn; v++)
            if (g->nodes[v].infoset == (int)i)
                mpq_add(tot, tot, reach[v]);
        if (bel)
            for (size_t v = is->first_node; v < nn; v++)
                if (g->nodes[v].infoset == (int)i && mpq_sgn(tot) != 0)
                    mpq_div(bel[v], reach[v], tot);
        if (is->player == 0 || mpq_sgn(tot) == 0)
            continue;
        size_t p = (size_t)is->player - 1;
        /* W_a: reach-weighted value of action a for the mover. */
        mpq_t *W = fc_mpq_array_new(is->n_actions);
        for (size_t v = is->first_node; v < nn; v++) {
            if (g->nodes[v].infoset != (int)i)
                continue;
            for (size_t a = 0; a < is->n_actions; a++) {
                mpq_mul(t, reach[v], val[(size_t)g->nodes[v].children[a] * np + p]);
                mpq_add(W[a], W[a], t);
            }
        }
        mpq_set(best, W[0]);
        for (size_t a = 1; a < is->n_actions; a++)
            if (mpq_cmp(W[a], best) > 0)
                mpq_set(best, W[a]);
        for (size_t a = 0; a < is->n_actions; a++) {
            mpq_sub(w, best, W[a]);
            mpq_div((*regrets)[off[i] + (long)a], w, tot);
        }
        fc_mpq_array_free(W, is->n_actions);
    }
    mpq_clear(tot);
    mpq_clear(w);
    mpq_clear(t);
    mpq_clear(best);
    fc_mpq_array_free(b, game_behaviour_dim(g));
    fc_mpq_array_free(reach, nn);
    fc_mpq_array_free(val, nn * np);
    if (beliefs)
        *beliefs = bel;
    free(off);
    return FC_OK;
}

fc_status fc_game_reduced_counts(const fc_game *g, size_t *counts, fc_error *err)
{
    sform *s = NULL;
    fc_status st = sform_build_ex(g, 0, false, NULL, &s, err);
    if (st != FC_OK)
        return st;
    for (size_t p = 0; p < g->n_players; p++)
        counts[p] = s->n_strat[p];
    sform_free(s);
    return FC_OK;
}
