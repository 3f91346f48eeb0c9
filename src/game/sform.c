/* The strategic view the solvers share: a strategic game's payoff table, or the reduced
 * strategic form of an extensive game (pure strategies that fix an action only where the
 * player's own earlier actions let play reach; Gambit's order: depth-first through the tree,
 * the first-reached information set varying slowest). Also the conversion back to
 * behaviour profiles. */
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "game/game_internal.h"

void sform_free(sform *s)
{
    if (!s)
        return;
    if (s->payoff)
        fc_mpq_array_free(s->payoff, s->n_profiles * s->n_players);
    if (s->choice)
        for (size_t p = 0; p < s->n_players; p++)
            free(s->choice[p]);
    free(s->choice);
    free(s->n_strat);
    free(s);
}

size_t sform_offset(const sform *s, size_t p)
{
    size_t o = 0;
    for (size_t q = 0; q < p; q++)
        o += s->n_strat[q];
    return o;
}

size_t sform_dim(const sform *s)
{
    return sform_offset(s, s->n_players);
}

/* Reduced strategy generation for one player. */
typedef struct rgen {
    const fc_game *g;
    int player;
    int *act;          /* per infoset */
    int *pending;
    size_t n_pending;
    int *out;          /* growing: n_out * n_infosets */
    size_t n_out, cap;
    size_t limit;
    game_work *w;
    bool failed, too_many, over;
} rgen;

static void rgen_emit(rgen *r)
{
    /* Each strategy stores an action per information set: the table is bounded too, so that a
     * deep tree (a 10,000-node chain: 5,001 strategies of 10,000 entries) is refused before it
     * takes hundreds of megabytes. */
    if (r->n_out >= r->limit || (r->n_out + 1) * r->g->n_infosets > GAME_SFORM_MAX_CHOICES) {
        r->too_many = true;
        return;
    }
    size_t ni = r->g->n_infosets;
    if (!game_work_add(r->w, ni + 1)) {
        r->over = true;
        return;
    }
    if (r->n_out == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        int *o = realloc(r->out, cap * ni * sizeof *o);
        if (!o) {
            r->failed = true;
            return;
        }
        r->out = o;
        r->cap = cap;
    }
    for (size_t i = 0; i < ni; i++)
        r->out[r->n_out * ni + i] = r->g->infosets[i].player == r->player ? r->act[i] : -1;
    r->n_out++;
}

static void rgen_run(rgen *r)
{
    if (r->failed || r->too_many || r->over)
        return;
    if (r->n_pending == 0) {
        rgen_emit(r);
        return;
    }
    int v = r->pending[--r->n_pending];
    const fc_game_node *nd = &r->g->nodes[v];
    if (nd->kind == FC_NODE_TERMINAL) {
        rgen_run(r);
    } else if (nd->kind == FC_NODE_PERSONAL && r->g->infosets[nd->infoset].player == r->player) {
        int I = nd->infoset;
        if (r->act[I] >= 0) {
            r->pending[r->n_pending++] = nd->children[r->act[I]];
            rgen_run(r);
            r->n_pending--;
        } else {
            for (size_t a = 0; a < nd->n_children; a++) {
                r->act[I] = (int)a;
                r->pending[r->n_pending++] = nd->children[a];
                rgen_run(r);
                r->n_pending--;
            }
            r->act[I] = -1;
        }
    } else {
        for (size_t k = nd->n_children; k-- > 0;)
            r->pending[r->n_pending++] = nd->children[k];
        rgen_run(r);
        r->n_pending -= nd->n_children;
    }
    r->pending[r->n_pending++] = v;
}

/* Expected payoffs when every player p follows its reduced strategy choice[p]; returns the
 * number of nodes walked (the work bound's count). */
static size_t tree_payoff(const fc_game *g, int **choice, int v, mpq_t prob, mpq_t *acc, mpq_t tmp)
{
    const fc_game_node *nd = &g->nodes[v];
    size_t walked = 1;
    if (nd->outcome)
        for (size_t p = 0; p < g->n_players; p++) {
            mpq_mul(tmp, prob, g->outcomes[nd->outcome - 1].payoff[p]);
            mpq_add(acc[p], acc[p], tmp);
        }
    if (nd->kind == FC_NODE_TERMINAL)
        return walked;
    const fc_game_infoset *is = &g->infosets[nd->infoset];
    if (nd->kind == FC_NODE_CHANCE) {
        mpq_t q;
        mpq_init(q);
        for (size_t a = 0; a < nd->n_children; a++) {
            if (mpq_sgn(is->probs[a]) == 0)
                continue;
            mpq_mul(q, prob, is->probs[a]);
            walked += tree_payoff(g, choice, nd->children[a], q, acc, tmp);
        }
        mpq_clear(q);
    } else {
        int a = choice[is->player - 1][nd->infoset];
        if (a >= 0)
            walked += tree_payoff(g, choice, nd->children[a], prob, acc, tmp);
    }
    return walked;
}

fc_status sform_build_ex(const fc_game *g, size_t limit, bool with_payoffs, game_work *w,
                         sform **out, fc_error *err)
{
    sform *s = calloc(1, sizeof *s);
    if (!s)
        return fc_error_nomem(err);
    s->n_players = g->n_players;
    s->n_strat = calloc(g->n_players, sizeof *s->n_strat);
    if (!s->n_strat) {
        sform_free(s);
        return fc_error_nomem(err);
    }
    if (limit == 0)
        limit = (size_t)1 << 40;
    if (g->form == FC_GAME_STRATEGIC) {
        s->n_profiles = g->n_profiles;
        for (size_t p = 0; p < g->n_players; p++)
            s->n_strat[p] = g->n_strategies[p];
        /* The copy of the payoffs holds profiles x players rationals: bounded too, so that
         * many players with few strategies (20 x 2: a 2 MB file) cannot take gigabytes. */
        size_t profiles = s->n_profiles, players = s->n_players;
        if (profiles > limit || profiles * players > 2 * limit) {
            sform_free(s);
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                                "the game is too large for %s (%zu profiles of %zu players; at "
                                "most %zu profiles and %zu payoffs)",
                                w ? w->solver : "the solver", profiles, players, limit,
                                2 * limit);
        }
        if (!game_work_add(w, (unsigned long long)s->n_profiles * s->n_players)) {
            sform_free(s);
            return game_work_error(w, err);
        }
        s->payoff = fc_mpq_array_new(s->n_profiles * s->n_players);
        if (!s->payoff) {
            sform_free(s);
            return fc_error_nomem(err);
        }
        for (size_t i = 0; i < s->n_profiles; i++) {
            int o = g->profile_outcome[i];
            if (o)
                for (size_t p = 0; p < g->n_players; p++)
                    mpq_set(s->payoff[i * s->n_players + p], g->outcomes[o - 1].payoff[p]);
        }
        *out = s;
        return FC_OK;
    }
    if (!fc_game_perfect_recall(g)) {
        sform_free(s);
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "the game has imperfect recall: its reduced strategic form does not "
                            "represent behaviour strategies, and the strategic solvers refuse it");
    }
    s->n_infosets = g->n_infosets;
    s->choice = calloc(g->n_players, sizeof *s->choice);
    if (!s->choice) {
        sform_free(s);
        return fc_error_nomem(err);
    }
    rgen r;
    memset(&r, 0, sizeof r);
    r.g = g;
    r.w = w;
    /* Per player: more strategies than this is beyond every solver here anyway. */
    r.limit = limit < 20000 ? limit : 20000;
    r.act = malloc((g->n_infosets + 1) * sizeof *r.act);
    r.pending = malloc((g->n_nodes + 1) * sizeof *r.pending);
    if (!r.act || !r.pending) {
        free(r.act);
        free(r.pending);
        sform_free(s);
        return fc_error_nomem(err);
    }
    s->n_profiles = 1;
    fc_status st = FC_OK;
    for (size_t p = 0; p < g->n_players && st == FC_OK; p++) {
        r.player = (int)p + 1;
        for (size_t i = 0; i < g->n_infosets; i++)
            r.act[i] = -1;
        r.n_pending = 0;
        r.pending[r.n_pending++] = 0;
        r.out = NULL;
        r.n_out = r.cap = 0;
        rgen_run(&r);
        if (r.failed)
            st = fc_error_nomem(err);
        else if (r.over)
            st = game_work_error(w, err);
        else if (r.too_many || s->n_profiles > limit / (r.n_out ? r.n_out : 1))
            st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                              "the reduced strategic form is too large for %s (more than %zu "
                              "profiles, or a player's strategies times information sets past "
                              "%zu)",
                              w ? w->solver : "the solver", limit, GAME_SFORM_MAX_CHOICES);
        s->choice[p] = r.out;
        s->n_strat[p] = r.n_out;
        s->n_profiles *= r.n_out ? r.n_out : 1;
    }
    free(r.act);
    free(r.pending);
    if (st != FC_OK) {
        sform_free(s);
        return st;
    }
    if (!with_payoffs) {
        *out = s;
        return FC_OK;
    }
    s->payoff = fc_mpq_array_new(s->n_profiles * s->n_players);
    int **choice = malloc(g->n_players * sizeof *choice);
    size_t *idx = calloc(g->n_players, sizeof *idx);
    if (!s->payoff || !choice || !idx) {
        free(choice);
        free(idx);
        sform_free(s);
        return fc_error_nomem(err);
    }
    mpq_t one, tmp;
    mpq_init(one);
    mpq_init(tmp);
    mpq_set_ui(one, 1, 1);
    for (size_t i = 0; i < s->n_profiles; i++) {
        for (size_t p = 0; p < g->n_players; p++)
            choice[p] = s->choice[p] + idx[p] * g->n_infosets;
        if (!game_work_add(w, tree_payoff(g, choice, 0, one, s->payoff + i * s->n_players, tmp))) {
            st = game_work_error(w, err);
            break;
        }
        for (size_t p = 0; p < g->n_players; p++) {
            if (++idx[p] < s->n_strat[p])
                break;
            idx[p] = 0;
        }
    }
    mpq_clear(one);
    mpq_clear(tmp);
    free(choice);
    free(idx);
    if (st != FC_OK) {
        sform_free(s);
        return st;
    }
    *out = s;
    return FC_OK;
}

fc_status sform_build(const fc_game *g, size_t limit, sform **out, fc_error *err)
{
    return sform_build_ex(g, limit, true, NULL, out, err);
}

size_t game_behaviour_dim(const fc_game *g)
{
    size_t d = 0;
    for (size_t i = 0; i < g->n_infosets; i++)
        if (g->infosets[i].player > 0)
            d += g->infosets[i].n_actions;
    return d;
}

long *fc_game_behaviour_offsets(const fc_game *g)
{
    long *off = malloc((g->n_infosets + 1) * sizeof *off);
    if (!off)
        return NULL;
    long o = 0;
    for (size_t p = 1; p <= g->n_players; p++)
        for (size_t i = 0; i < g->n_infosets; i++)
            if (g->infosets[i].player == (int)p) {
                off[i] = o;
                o += (long)g->infosets[i].n_actions;
            }
    for (size_t i = 0; i < g->n_infosets; i++)
        if (g->infosets[i].player == 0)
            off[i] = -1;
    return off;
}

void sform_to_behaviour(const fc_game *g, const sform *s, const mpq_t *mixed, mpq_t *behav)
{
    long *off = fc_game_behaviour_offsets(g);
    if (!off)
        return;
    mpq_t den;
    mpq_init(den);
    size_t base = 0;
    for (size_t p = 0; p < s->n_players; p++) {
        for (size_t i = 0; i < g->n_infosets; i++) {
            if (g->infosets[i].player != (int)p + 1)
                continue;
            mpq_set_ui(den, 0, 1);
            for (size_t a = 0; a < g->infosets[i].n_actions; a++)
                mpq_set_ui(behav[off[i] + (long)a], 0, 1);
            for (size_t k = 0; k < s->n_strat[p]; k++) {
                int a = s->choice[p][k * g->n_infosets + i];
                if (a < 0 || mpq_sgn(mixed[base + k]) == 0)
                    continue;
                mpq_add(behav[off[i] + a], behav[off[i] + a], mixed[base + k]);
                mpq_add(den, den, mixed[base + k]);
            }
            if (mpq_sgn(den) != 0)
                for (size_t a = 0; a < g->infosets[i].n_actions; a++)
                    mpq_div(behav[off[i] + (long)a], behav[off[i] + (long)a], den);
        }
        base += s->n_strat[p];
    }
    mpq_clear(den);
    free(off);
}

/* value[p][k]: payoff to p of pure strategy k against the others' mixed strategies. */
static void strategy_values(const sform *s, const mpq_t *mixed, mpq_t *value)
{
    size_t np = s->n_players;
    size_t *idx = calloc(np, sizeof *idx);
    size_t *off = calloc(np, sizeof *off);
    if (!idx || !off) {
        free(idx);
        free(off);
        return;
    }
    for (size_t p = 1; p < np; p++)
        off[p] = off[p - 1] + s->n_strat[p - 1];
    mpq_t w, t;
    mpq_init(w);
    mpq_init(t);
    for (size_t i = 0; i < s->n_profiles; i++) {
        for (size_t p = 0; p < np; p++) {
            mpq_set_ui(w, 1, 1);
            bool zero = false;
            for (size_t q = 0; q < np && !zero; q++) {
                if (q == p)
                    continue;
                if (mpq_sgn(mixed[off[q] + idx[q]]) == 0)
                    zero = true;
                else
                    mpq_mul(w, w, mixed[off[q] + idx[q]]);
            }
            if (zero)
                continue;
            mpq_mul(t, w, s->payoff[i * np + p]);
            mpq_add(value[off[p] + idx[p]], value[off[p] + idx[p]], t);
        }
        for (size_t p = 0; p < np; p++) {
            if (++idx[p] < s->n_strat[p])
                break;
            idx[p] = 0;
        }
    }
    mpq_clear(w);
    mpq_clear(t);
    free(idx);
    free(off);
}

void sform_payoffs(const sform *s, const mpq_t *mixed, mpq_t *out)
{
    size_t dim = sform_dim(s);
    mpq_t *value = fc_mpq_array_new(dim);
    if (!value)
        return;
    strategy_values(s, mixed, value);
    mpq_t t;
    mpq_init(t);
    size_t base = 0;
    for (size_t p = 0; p < s->n_players; p++) {
        mpq_set_ui(out[p], 0, 1);
        for (size_t k = 0; k < s->n_strat[p]; k++) {
            mpq_mul(t, value[base + k], mixed[base + k]);
            mpq_add(out[p], out[p], t);
        }
        base += s->n_strat[p];
    }
    mpq_clear(t);
    fc_mpq_array_free(value, dim);
}

void sform_regrets(const sform *s, const mpq_t *mixed, mpq_t *regret, mpq_t max)
{
    size_t dim = sform_dim(s);
    mpq_t *value = fc_mpq_array_new(dim);
    if (!value)
        return;
    strategy_values(s, mixed, value);
    mpq_t best, cur, t;
    mpq_init(best);
    mpq_init(cur);
    mpq_init(t);
    mpq_set_ui(max, 0, 1);
    size_t base = 0;
    for (size_t p = 0; p < s->n_players; p++) {
        mpq_set(best, value[base]);
        mpq_set_ui(cur, 0, 1);
        for (size_t k = 0; k < s->n_strat[p]; k++) {
            if (mpq_cmp(value[base + k], best) > 0)
                mpq_set(best, value[base + k]);
            mpq_mul(t, value[base + k], mixed[base + k]);
            mpq_add(cur, cur, t);
        }
        for (size_t k = 0; k < s->n_strat[p]; k++)
            if (regret)
                mpq_sub(regret[base + k], best, value[base + k]);
        mpq_sub(t, best, cur);
        if (mpq_cmp(t, max) > 0)
            mpq_set(max, t);
        base += s->n_strat[p];
    }
    mpq_clear(best);
    mpq_clear(cur);
    mpq_clear(t);
    fc_mpq_array_free(value, dim);
}
