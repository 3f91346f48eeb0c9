/* One turn of the spatial model of politics (specs/smp.md S6): every actor proposes a
 * bargain to the actor it gains most from challenging, each actor's list of bargains
 * goes to an election among all actors, and the winner becomes its new position. The
 * initiators are processed in index order (the spec's canonical order), which fixes the
 * order of every list; KTAB's threads make its order depend on timing. Also the win
 * probabilities of S8.2. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "fulcrum/util.h"
#include "models/smp_internal.h"

fc_status smp_turn_ws_init(smp_turn_ws *w, size_t n, size_t d, fc_error *err)
{
    memset(w, 0, sizeof *w);
    w->n = n;
    w->d = d;
    size_t maxb = 3 * n, maxlist = 2 * n + 1;
    w->b = calloc(maxb, sizeof *w->b);
    w->bpos = calloc(maxb * 2 * d, sizeof *w->bpos);
    w->ub = calloc(maxb * n + n, sizeof *w->ub);
    w->lists = calloc(n * maxlist, sizeof *w->lists);
    w->list_len = calloc(n, sizeof *w->list_len);
    w->cols = calloc(maxlist > n ? maxlist : n, sizeof *w->cols);
    w->p = calloc(maxlist > n ? maxlist : n, sizeof *w->p);
    w->tmp = calloc(4 * d, sizeof *w->tmp);
#ifdef _OPENMP
    w->threads = n >= SMP_PARALLEL_MIN_ACTORS ? omp_get_max_threads() : 1;
#else
    w->threads = 1;
#endif
    if (w->threads < 1)
        w->threads = 1;
    w->chlg = calloc(8 * n * (size_t)w->threads, sizeof *w->chlg);
    w->ut = calloc(n * n, sizeof *w->ut);
    w->best = calloc(n, sizeof *w->best);
    w->best_eu = calloc(n, sizeof *w->best_eu);
    w->best_p = calloc(n, sizeof *w->best_p);
    if (!w->chlg || !w->ut || !w->best || !w->best_eu || !w->best_p || !w->b || !w->bpos || !w->ub ||
        !w->lists || !w->list_len || !w->cols || !w->p || !w->tmp) {
        smp_turn_ws_free(w);
        return fc_error_nomem(err);
    }
    for (size_t b = 0; b < maxb; b++) {
        w->b[b].pos_init = w->bpos + b * 2 * d;
        w->b[b].pos_rcvr = w->bpos + b * 2 * d + d;
    }
    return smp_pce_ws_init(&w->pce, maxlist > n ? maxlist : n, err);
}

void smp_turn_ws_free(smp_turn_ws *w)
{
    free(w->b);
    free(w->bpos);
    free(w->ub);
    free(w->lists);
    free(w->list_len);
    free(w->cols);
    free(w->p);
    free(w->tmp);
    free(w->chlg);
    free(w->ut);
    free(w->best);
    free(w->best_eu);
    free(w->best_p);
    smp_pce_ws_free(&w->pce);
    memset(w, 0, sizeof *w);
}

static smp_bargain *new_bargain(smp_turn_ws *w, size_t init, size_t rcvr)
{
    smp_bargain *b = &w->b[w->nb++];
    b->init = init;
    b->rcvr = rcvr;
    b->gain = 0.0;
    b->gain_rcvr_view = 0.0;
    b->ub = NULL;
    b->adopted_by_init = b->adopted_by_rcvr = 0;
    return b;
}

static void append(smp_turn_ws *w, size_t k, size_t bargain)
{
    w->lists[k * (2 * w->n + 1) + w->list_len[k]++] = bargain;
}

/* S6.2: the column Ub(., m) of a proposed bargain. Each actor's sum runs in the spec's order
 * (the two changed terms, then the others by index); the actors are summed side by side over
 * the transposed Uown (ut), which the compiler vectorises without reordering any sum. */
static void bargain_column(const smp_model *m, const smp_state *s, const smp_bargain *b,
                           const double *ut, double *ub)
{
    size_t n = m->n;
    double dn = (double)n;
    for (size_t a = 0; a < n; a++) {
        const double *Ia = s->I + a * m->d;
        double sum = 0.0;
        sum += smp_util(smp_dist(m, a, Ia, b->pos_init), s->r[a]);
        sum += smp_util(smp_dist(m, a, Ia, b->pos_rcvr), s->r[a]);
        ub[a] = sum;
    }
    for (size_t x = 0; x < n; x++) {
        if (x == b->init || x == b->rcvr)
            continue;
        const double *col = ut + x * n;
        for (size_t a = 0; a < n; a++)
            ub[a] += col[a];
    }
    for (size_t a = 0; a < n; a++)
        ub[a] /= dn;
}

/* This thread's number in the innermost team (its scratch slot). */
static int thread_number(void)
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

/* Bargain bi's column: the status quo's shared one, or its own. */
static void proposal_column(const smp_model *m, const smp_state *cur, smp_turn_ws *w, size_t bi,
                            const double *ut, double *sqcol)
{
    smp_bargain *b = &w->b[bi];
    if (b->init == b->rcvr) {
        b->ub = sqcol;
    } else {
        b->ub = w->ub + bi * m->n;
        bargain_column(m, cur, b, ut, b->ub);
    }
}

/* Initiator i's best target j (S6.1 step 2: the largest expected gain above the minimum,
 * the first in index order on ties), or -1 when it challenges nobody; a fixed actor has
 * committed to its position and offers no compromise. */
static void best_target(const smp_model *m, const smp_state *cur, size_t i,
                        const unsigned char *fixed, smp_turn_ws *w, int thread)
{
    size_t n = m->n;
    w->best[i] = -1;
    if (fixed && fixed[i])
        return;
    double *scratch = w->chlg + 8 * n * (size_t)thread;
    double *pj = scratch + 6 * n, *ej = scratch + 7 * n;
    smp_challenges(m, cur, i, scratch, pj, ej);
    long best = -1;
    double best_eu = -1.0, best_p = 0.0;
    for (size_t j = 0; j < n; j++) {
        if (j == i)
            continue;
        if (ej[j] > m->o->challenge_min && ej[j] > best_eu) {
            best = (long)j;
            best_eu = ej[j];
            best_p = pj[j];
        }
    }
    w->best[i] = best;
    w->best_eu[i] = best_eu;
    w->best_p[i] = best_p;
}

fc_status smp_turn(const smp_model *m, const smp_state *cur, smp_state *next,
                   const unsigned char *fixed, smp_rng *rng, smp_turn_ws *w, fc_error *err)
{
    size_t n = m->n, D = m->d;
    const fc_smp_options *o = m->o;
    w->nb = 0;
    memset(w->list_len, 0, n * sizeof *w->list_len);

    /* S6.1 step 2: every initiator's best target. Each initiator reads only the turn's
     * state, so they are independent and run on several threads when the case is large;
     * each number is the same whatever the thread count. */
    int threads = w->threads;
    /* (an OpenMP region is entered only with a team: even with if(0) libgomp's entry cost a
     * futex call each, millions of them in a dilemma's small cases) */
    if (threads > 1) {
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
        for (size_t i = 0; i < n; i++)
            best_target(m, cur, i, fixed, w, thread_number());
    } else {
        /* not omp_get_thread_num(): inside another team (a backtest's) it is that team's */
        for (size_t i = 0; i < n; i++)
            best_target(m, cur, i, fixed, w, 0);
    }

    /* S6.1 proposals, initiators in index order. */
    for (size_t i = 0; i < n; i++) {
        size_t sq = w->nb;
        smp_bargain *b = new_bargain(w, i, i);
        memcpy(b->pos_init, cur->X + i * D, D * sizeof(double));
        memcpy(b->pos_rcvr, cur->X + i * D, D * sizeof(double));
        append(w, i, sq);
        long best = w->best[i];
        if (best < 0)
            continue;
        double best_eu = w->best_eu[i], best_p = w->best_p[i];
        size_t j = (size_t)best;
        double phi_unused, q;
        smp_prob_edu_chlg(m, cur, j, i, i, j, &phi_unused, &q);
        double *b1i = w->tmp, *b1j = w->tmp + D, *b2i = w->tmp + 2 * D, *b2j = w->tmp + 3 * D;
        smp_interp(m, i, j, cur->X + i * D, cur->X + j * D, best_p, 1.0 - best_p, b1i, b1j);
        size_t first = w->nb, count = 1;
        if (o->bm == FC_SMP_BM_INIT_ONLY) {
            b = new_bargain(w, i, j);
            memcpy(b->pos_init, b1i, D * sizeof(double));
            memcpy(b->pos_rcvr, b1j, D * sizeof(double));
        } else {
            smp_interp(m, i, j, cur->X + i * D, cur->X + j * D, q, 1.0 - q, b2i, b2j);
            if (o->bm == FC_SMP_BM_INIT_RCVR) {
                b = new_bargain(w, i, j);
                memcpy(b->pos_init, b1i, D * sizeof(double));
                memcpy(b->pos_rcvr, b1j, D * sizeof(double));
                b->gain = best_eu;
                b->gain_rcvr_view = q;
                b = new_bargain(w, i, j);
                memcpy(b->pos_init, b2i, D * sizeof(double));
                memcpy(b->pos_rcvr, b2j, D * sizeof(double));
                count = 2;
            } else {
                /* PWCompInterp weighs both with the initiator's capability, as KTAB does. */
                double wi = m->cap[i] * m->S[i], wj = m->cap[i] * m->S[j];
                b = new_bargain(w, i, j);
                for (size_t d = 0; d < D; d++) {
                    b->pos_init[d] = (wi * b1i[d] + wj * b2i[d]) / (wi + wj);
                    b->pos_rcvr[d] = (wi * b1j[d] + wj * b2j[d]) / (wi + wj);
                }
            }
        }
        b->gain = best_eu;
        b->gain_rcvr_view = q;
        for (size_t c = 0; c < count; c++)
            append(w, i, first + c);
        for (size_t c = 0; c < count; c++)
            append(w, j, first + c);
    }

    /* S6.2 columns: the status quo's is shared, each proposal's is computed once. */
    double *ut = w->ut;
    for (size_t a = 0; a < n; a++)
        for (size_t x = 0; x < n; x++)
            ut[x * n + a] = cur->Uown[a * n + x];
    double *sqcol = w->ub + 3 * n * n;
    for (size_t a = 0; a < n; a++)
        sqcol[a] = 0.0;
    for (size_t x = 0; x < n; x++)
        for (size_t a = 0; a < n; a++)
            sqcol[a] += ut[x * n + a];
    for (size_t a = 0; a < n; a++)
        sqcol[a] /= (double)n;
    /* Each column is summed in the spec's order by one thread: the same bits on any count. */
    if (threads > 1) {
#pragma omp parallel for schedule(dynamic, 4) num_threads(threads)
        for (size_t bi = 0; bi < w->nb; bi++)
            proposal_column(m, cur, w, bi, ut, sqcol);
    } else {
        for (size_t bi = 0; bi < w->nb; bi++)
            proposal_column(m, cur, w, bi, ut, sqcol);
    }
    /* Elections, one per actor, in index order (the stochastic draws follow it). */
    for (size_t k = 0; k < n; k++) {
        size_t M = w->list_len[k];
        const size_t *L = w->lists + k * (2 * n + 1);
        for (size_t c = 0; c < M; c++)
            w->cols[c] = w->b[L[c]].ub;
        fc_status st = smp_scalar_pce(o, m->cap, n, w->cols, M, &w->pce, w->p, err);
        if (st != FC_OK)
            return st;
        size_t pick = 0;
        if (o->stm == FC_SMP_STM_STOCHASTIC) {
            double u = smp_rng_uniform(rng), s = 0.0;
            pick = M - 1;
            for (size_t c = 0; c < M; c++) {
                s += w->p[c];
                if (u <= s) {
                    pick = c;
                    break;
                }
            }
        } else {
            double best = -1.0;
            for (size_t c = 0; c < M; c++)
                if (fabs(w->p[c]) > best) {
                    best = fabs(w->p[c]);
                    pick = c;
                }
        }
        smp_bargain *b = &w->b[L[pick]];
        const double *src = cur->X + k * D;
        if (fixed && fixed[k]) {
            /* A fixed actor holds its position whatever its election says. */
        } else if (b->init == b->rcvr) {
            /* the status quo */
        } else if (b->init == k) {
            src = b->pos_init;
            b->adopted_by_init = 1;
        } else {
            src = b->pos_rcvr;
            b->adopted_by_rcvr = 1;
        }
        memcpy(next->X + k * D, src, D * sizeof(double));
    }

    /* S6.3 ideals. */
    if (!m->acc) {
        memcpy(next->I, next->X, n * D * sizeof(double));
        return FC_OK;
    }
    for (size_t i = 0; i < n; i++) {
        double *v = next->I + i * D;
        for (size_t d = 0; d < D; d++)
            v[d] = 0.0;
        double si = 0.0;
        for (size_t j = 0; j < n; j++) {
            double a = m->acc[i * n + j];
            si += a;
            for (size_t d = 0; d < D; d++)
                v[d] = v[d] + a * next->X[j * D + d];
        }
        if (si > 1.0)
            si = 1.0;
        double lag = 1.0 - si;
        for (size_t d = 0; d < D; d++)
            v[d] = v[d] + lag * cur->I[i * D + d];
    }
    return FC_OK;
}

static double gap(const double *a, const double *b, size_t D)
{
    double s = 0.0;
    for (size_t d = 0; d < D; d++) {
        double e = a[d] - b[d];
        s += e * e;
    }
    return sqrt(s);
}

fc_status smp_win_prob(const smp_model *m, const smp_state *s, smp_turn_ws *w, double *out,
                       fc_error *err)
{
    size_t n = m->n, D = m->d, nu = 0;
    size_t *uniq = w->lists; /* free between turns */
    for (size_t i = 0; i < n; i++) {
        int is_new = 1;
        for (size_t u = 0; u < nu && is_new; u++)
            if (gap(s->X + i * D, s->X + uniq[u] * D, D) < m->o->pos_tol)
                is_new = 0;
        if (is_new)
            uniq[nu++] = i;
    }
    for (size_t c = 0; c < nu; c++) {
        double *col = w->ub + c * n;
        for (size_t i = 0; i < n; i++)
            col[i] = s->Uown[i * n + uniq[c]];
        w->cols[c] = col;
    }
    fc_status st = smp_scalar_pce(m->o, m->cap, n, w->cols, nu, &w->pce, w->p, err);
    if (st != FC_OK)
        return st;
    for (size_t i = 0; i < n; i++) {
        size_t last = 0;
        for (size_t c = 0; c < nu; c++)
            if (gap(s->X + i * D, s->X + uniq[c] * D, D) < m->o->pos_tol)
                last = c;
        out[i] = w->p[last];
    }
    return FC_OK;
}
