/* The agent form of an extensive game for logit tracing: the value of every action given that
 * its information set is reached (beliefs from the behaviour profile), and the derivatives of
 * those values with respect to every action probability, in floating point. With perfect
 * recall the beliefs at a set of player p depend only on the others' and chance's moves, so the
 * tree is weighted by those alone (no 0/0 where p's own moves get improbable). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "game/game_internal.h"

struct agent_eval {
    const fc_game *g;
    size_t N, nn, np;
    long *off;           /* per game infoset: first action in the behaviour profile, -1 chance */
    double *pay;         /* per node and player: the node's outcome payoff / scale */
    double *reach, *val; /* per node: reach by others and chance; the mover's value */
    double *num, *den;   /* per action: reach-weighted value of the action, reach of its set */
    double *num0, *den0;
    double *sig, *lsig;  /* working copy of the profile and its logarithms */
    double *m;           /* per action: its set's largest log-reach (the weights' scale) */
    int *owner;          /* per action: its player (1-based) */
};

void logit_agent_eval_free(agent_eval *a)
{
    if (!a)
        return;
    free(a->off);
    free(a->pay);
    free(a->reach);
    free(a->val);
    free(a->num);
    free(a->den);
    free(a->lsig);
    free(a->m);
    free(a->num0);
    free(a->den0);
    free(a->sig);
    free(a->owner);
    free(a);
}

agent_eval *logit_agent_eval_new(const fc_game *g, double scale)
{
    agent_eval *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->g = g;
    a->N = game_behaviour_dim(g);
    a->nn = g->n_nodes;
    a->np = g->n_players;
    size_t N = a->N ? a->N : 1;
    a->off = fc_game_behaviour_offsets(g);
    a->pay = calloc(a->nn * a->np, sizeof *a->pay);
    a->reach = malloc(a->nn * sizeof *a->reach);
    a->val = malloc(a->nn * sizeof *a->val);
    a->num = malloc(N * sizeof(double));
    a->den = malloc(N * sizeof(double));
    a->lsig = malloc(N * sizeof(double));
    a->m = malloc(N * sizeof(double));
    a->num0 = malloc(N * sizeof(double));
    a->den0 = malloc(N * sizeof(double));
    a->sig = malloc(N * sizeof(double));
    a->owner = malloc(N * sizeof(int));
    if (!a->off || !a->pay || !a->reach || !a->val || !a->num || !a->den || !a->lsig ||
        !a->m || !a->num0 || !a->den0 || !a->sig || !a->owner) {
        logit_agent_eval_free(a);
        return NULL;
    }
    for (size_t v = 0; v < a->nn; v++)
        if (g->nodes[v].outcome)
            for (size_t p = 0; p < a->np; p++)
                a->pay[v * a->np + p] =
                    mpq_get_d(g->outcomes[g->nodes[v].outcome - 1].payoff[p]) / scale;
    for (size_t i = 0; i < g->n_infosets; i++)
        if (g->infosets[i].player > 0)
            for (size_t k = 0; k < g->infosets[i].n_actions; k++)
                a->owner[a->off[i] + (long)k] = g->infosets[i].player;
    return a;
}

static double move_prob(const agent_eval *a, const fc_game_node *nd, size_t k)
{
    const fc_game_infoset *is = &a->g->infosets[nd->infoset];
    if (is->player == 0)
        return mpq_get_d(is->probs[k]);
    return a->sig[a->off[nd->infoset] + (long)k];
}

static double move_logprob(const agent_eval *a, const fc_game_node *nd, size_t k)
{
    const fc_game_infoset *is = &a->g->infosets[nd->infoset];
    if (is->player == 0)
        return mpq_sgn(is->probs[k]) > 0 ? log(mpq_get_d(is->probs[k])) : -INFINITY;
    return a->lsig[a->off[nd->infoset] + (long)k];
}

/* num and den for every action of every player, from a->sig and a->lsig. Reach is kept as a
 * logarithm and every set's weights are divided by exp(m) with m its largest log-reach (found
 * when find_m, reused otherwise so that perturbed passes share the scale): beliefs stay
 * defined where the reach itself would underflow. */
static void agent_pass(agent_eval *a, double *num, double *den, bool find_m)
{
    const fc_game *g = a->g;
    size_t nn = a->nn, np = a->np;
    memset(num, 0, a->N * sizeof *num);
    memset(den, 0, a->N * sizeof *den);
    for (size_t p = 1; p <= np; p++) {
        a->reach[0] = 0;
        for (size_t v = 0; v < nn; v++) {
            const fc_game_node *nd = &g->nodes[v];
            if (nd->kind == FC_NODE_TERMINAL)
                continue;
            bool own = g->infosets[nd->infoset].player == (int)p;
            for (size_t k = 0; k < nd->n_children; k++)
                a->reach[nd->children[k]] =
                    own ? a->reach[v] : a->reach[v] + move_logprob(a, nd, k);
            if (own && find_m) {
                long o = a->off[nd->infoset];
                if (a->reach[v] > a->m[o])
                    for (size_t k = 0; k < nd->n_children; k++)
                        a->m[o + (long)k] = a->reach[v];
            }
        }
        for (size_t v = nn; v-- > 0;) {
            const fc_game_node *nd = &g->nodes[v];
            double x = a->pay[v * np + p - 1];
            if (nd->kind != FC_NODE_TERMINAL) {
                for (size_t k = 0; k < nd->n_children; k++)
                    x += move_prob(a, nd, k) * a->val[nd->children[k]];
                if (g->infosets[nd->infoset].player == (int)p) {
                    long o = a->off[nd->infoset];
                    double w = a->reach[v] == -INFINITY ? 0 : exp(a->reach[v] - a->m[o]);
                    for (size_t k = 0; k < nd->n_children; k++) {
                        num[o + (long)k] += w * a->val[nd->children[k]];
                        den[o + (long)k] += w;
                    }
                }
            }
            a->val[v] = x;
        }
    }
}

void logit_agent_eval_values(agent_eval *a, const double *sig, const double *lsig, double *v,
                       double *D)
{
    size_t N = a->N;
    memcpy(a->sig, sig, N * sizeof *sig);
    memcpy(a->lsig, lsig, N * sizeof *lsig);
    for (size_t k = 0; k < N; k++)
        a->m[k] = -INFINITY;
    agent_pass(a, a->num, a->den, true);
    for (size_t k = 0; k < N; k++)
        v[k] = a->den[k] > 0 ? a->num[k] / a->den[k] : 0;
    if (!D)
        return;
    memset(D, 0, N * N * sizeof *D);
    /* D[k][c] = dv_k / d log(sig_c). num and den are multilinear in each probability (an
     * action occurs at most once on a path), f = f0 + b sig_c, so sig_c df/dsig_c = f - f0,
     * with f0 the value at sig_c = 0: exact, and finite however small sig_c is. */
    for (size_t c = 0; c < N; c++) {
        double keep = a->sig[c], lkeep = a->lsig[c];
        a->sig[c] = 0;
        a->lsig[c] = -INFINITY;
        agent_pass(a, a->num0, a->den0, false);
        a->sig[c] = keep;
        a->lsig[c] = lkeep;
        for (size_t k = 0; k < N; k++) {
            double d = a->den[k];
            if (d <= 0)
                continue;
            double dn = a->num[k] - a->num0[k], dd = a->den[k] - a->den0[k];
            D[k * N + c] = (dn * d - a->num[k] * dd) / (d * d);
        }
    }
}
