/* The expected-utility engine (spec: docs/models/eum.md, from Scholz, Calbert & Smith 2011 and
 * the two replications of Scholz's code). One round costs O(n^2) pow calls and O(n^2 log n)
 * other work: votes are tabulated per distinct position with prefix sums over the sorted voters,
 * so each pair's vote sums are two range sums; the all-pairs denominator is a weighted sum of
 * that table; the sequential risk update changes the security sums by range sums over
 * positions. The direct O(n^3) reading is kept in tests/unit/eum_direct.h to check this. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "models/eum_internal.h"

/* Rows of candidates that build_votes handles together (see there). */
#define EUM_BLOCK 32
/* Largest workspace that keeps the distance table (32 MB at 2,048 actors); above it every
 * distance is divided where it is used, as the table would hold the same bits. */
#define EUM_TABLE_MAX 2048
/* Doubles in the widest vector the offer stage's approximate utilities run in. */
#define EUM_LANES 8
/* Positions from which the offer stage reads N's columns from a transposed copy. */
#define EUM_TRANSPOSE_MIN 64

typedef struct sort_item {
    double x;
    size_t k;
} sort_item;

struct fc_eum_workspace {
    size_t cap;
    /* per actor (input order) */
    double *w, *x, *xnew, *r, *S, *S0, *R, *usq;
    size_t *cand;                 /* candidate index of each actor */
    /* per sorted voter */
    sort_item *items, *items2;
    double *xs, *wsrt, *rv, *pre; /* pre has cap + 1 entries */
    size_t *idx;
    /* per candidate (distinct position, ascending) */
    double *u, *sg, *cX, *cY, *cZ, *cM, *us, *uf, *pie, *pei, *dold, *dnew, *dist;
    double *oa, *oeji;            /* offer stage: P us + (1 - P) uf and E_ji per sender position */
    unsigned char *exact;         /* offer stage, bounded path: position's utilities are pow's */
    size_t *clist;                /* bounded path: senders offering a compromise */
    double *ckey, *cbound;        /* their approximate keys and the keys' error bounds */
    double *abase, *autil;        /* bounded path: 2 cap + EUM_LANES bases and their utilities */
    double *pf;                   /* 4 * (cap + 1) prefix sums of the sequential risk update */
    size_t *g, *start;
    double *N;                    /* cap * cap: N[a*m + b] = sum of positive votes for a over b */
    /* with dd: N transposed for the offer stage (nt_ok), whose receivers read a column of N
     * each: a cache miss per entry once the table outgrows the cache */
    double *NT;
    int nt_ok;
    double *blk;                  /* EUM_BLOCK * cap: build_votes' contributions to other rows */
    /* cap * cap when cap <= EUM_TABLE_MAX, else NULL: dd[a*m + b] = |u_a - u_b| / D, the
     * round's distances between positions, which the votes, the security sums and the offers
     * all divide by D; one division per pair instead of one per use. */
    double *dd;
    /* with dd: split[2 (c*m + e)] = lo, hi of build_votes for the pair; they depend on the
     * positions only, so the round's later vote tables reuse the first one's (split_ok) */
    uint32_t *split;
    int split_ok;
    /* chosen offer per receiver */
    fc_event_kind *mkind;
    size_t *msender;
    double *meij, *meji;
    unsigned char *moved;
    size_t m;
    double D, den, mu;
};

fc_eum_workspace *fc_eum_workspace_new(size_t n)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / n / sizeof(double))
        return NULL;
    fc_eum_workspace *ws = calloc(1, sizeof *ws);
    if (!ws)
        return NULL;
    ws->cap = n;
    int ok = 1;
#define ALLOC(field, count) ok = ok && (ws->field = calloc((count), sizeof *ws->field)) != NULL
    ALLOC(w, n); ALLOC(x, n); ALLOC(xnew, n); ALLOC(r, n); ALLOC(S, n); ALLOC(S0, n);
    ALLOC(R, n); ALLOC(blk, n * EUM_BLOCK); ALLOC(usq, n); ALLOC(cand, n); ALLOC(items, n); ALLOC(items2, n);
    ALLOC(xs, n); ALLOC(wsrt, n); ALLOC(rv, n); ALLOC(pre, n + 1); ALLOC(idx, n);
    ALLOC(u, n); ALLOC(sg, n); ALLOC(cX, n); ALLOC(cY, n); ALLOC(cZ, n); ALLOC(cM, n); ALLOC(dist, n); ALLOC(pf, 4 * (n + 1)); ALLOC(us, n);
    ALLOC(uf, n); ALLOC(oa, n); ALLOC(oeji, n); ALLOC(exact, n); ALLOC(clist, n); ALLOC(ckey, n);
    ALLOC(cbound, n); ALLOC(pie, n); ALLOC(pei, n); ALLOC(dold, n); ALLOC(dnew, n);
    ALLOC(g, n); ALLOC(start, n); ALLOC(N, n * n); ALLOC(mkind, n); ALLOC(msender, n);
    ALLOC(meij, n); ALLOC(meji, n); ALLOC(moved, n);
    ALLOC(abase, 2 * n + EUM_LANES); ALLOC(autil, 2 * n + EUM_LANES);
    if (n <= EUM_TABLE_MAX) {
        ALLOC(dd, n * n);
        ALLOC(split, 2 * n * n);
        ALLOC(NT, n * n);
    }
#undef ALLOC
    if (!ok) {
        fc_eum_workspace_free(ws);
        return NULL;
    }
    return ws;
}

void fc_eum_workspace_free(fc_eum_workspace *ws)
{
    if (!ws)
        return;
    void *arrays[] = {ws->w,   ws->x,     ws->xnew, ws->r,     ws->S,       ws->S0,    ws->R,
                      ws->blk, ws->usq,   ws->cand, ws->items, ws->items2, ws->xs,      ws->wsrt,  ws->rv,
                      ws->pre, ws->idx,   ws->u,    ws->sg,    ws->cX,      ws->cY,    ws->cZ,
                      ws->cM, ws->dist, ws->pf, ws->us,  ws->uf,    ws->pie,  ws->pei,   ws->dold,    ws->dnew,  ws->g,
                      ws->start, ws->N,   ws->mkind, ws->msender, ws->meij, ws->meji, ws->moved, ws->dd, ws->oa, ws->oeji,
                      ws->exact, ws->clist, ws->ckey, ws->cbound, ws->split, ws->NT, ws->abase, ws->autil};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        free(arrays[i]);
    free(ws);
}

/* ---- sorted view of the current positions -------------------------------------------- */

static int item_before(const sort_item *p, const sort_item *q)
{
    return p->x < q->x || (p->x == q->x && p->k < q->k);
}

/* Bottom-up merge sort of a[0..n) with scratch tmp: O(n log n) and no allocation (the C
 * library's qsort may call malloc, and fc_eum_solve promises not to). (x, k) is a total order,
 * so the result is the same as any other correct sort's. */
static void sort_items(sort_item *a, sort_item *tmp, size_t n)
{
    sort_item *src = a, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            if (mid == hi || !item_before(&src[mid], &src[mid - 1])) {
                memcpy(dst + lo, src + lo, (hi - lo) * sizeof *src); /* already in order */
                continue;
            }
            while (i < mid && j < hi)
                dst[k++] = item_before(&src[j], &src[i]) ? src[j++] : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        sort_item *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}

/* Sorts the actors by position and groups them into the distinct positions ("candidates").
 * O(n log n), never the bottleneck next to the O(n^2) pow calls. */
static void sort_positions(fc_eum_workspace *ws, size_t n, const double *sal)
{
    for (size_t k = 0; k < n; k++) {
        ws->items[k].x = ws->x[k];
        ws->items[k].k = k;
    }
    sort_items(ws->items, ws->items2, n);
    size_t m = 0;
    for (size_t t = 0; t < n; t++) {
        size_t k = ws->items[t].k;
        ws->idx[t] = k;
        ws->xs[t] = ws->items[t].x;
        ws->wsrt[t] = ws->w[k];
        if (t == 0 || ws->xs[t] != ws->xs[t - 1]) {
            ws->u[m] = ws->xs[t];
            ws->g[m] = 0;
            ws->sg[m] = 0.0;
            ws->start[m] = t;
            m++;
        }
        ws->g[m - 1]++;
        ws->sg[m - 1] += sal[k];
        ws->cand[k] = m - 1;
    }
    ws->m = m;
}

/* |u_a - u_b| / D: the same expression, hence the same bits, however it is reached (fabs
 * of a difference does not depend on the order of the difference). */
static inline double cand_dist(const fc_eum_workspace *ws, size_t a, size_t b)
{
    return ws->dd ? ws->dd[a * ws->m + b] : fabs(ws->u[a] - ws->u[b]) / ws->D;
}

/* Fills the distance table for the round's positions and D (D > 0). */
static void fill_distances(fc_eum_workspace *ws)
{
    ws->split_ok = 0;
    if (!ws->dd)
        return;
    size_t m = ws->m;
    double D = ws->D;
    for (size_t a = 0; a < m; a++) {
        ws->dd[a * m + a] = 0.0;
        for (size_t b = a + 1; b < m; b++)
            ws->dd[a * m + b] = ws->dd[b * m + a] = fabs(ws->u[a] - ws->u[b]) / D;
    }
}

/* pow(d, rho) for a distance d >= +0: pow(+0, rho) is +0 for every rho > 0 (C17 F.10.4.4),
 * so a voter's own position costs no call. */
static inline double dist_pow(double d, double rho)
{
    if (rho == 1.0 || (d == 0.0 && rho > 0.0))
        return d;
    return pow(d, rho);
}

/* ---- votes ---------------------------------------------------------------------------- */


/* The all-pairs denominator from N: sum over voters k and actor pairs (p, q) of
 * |v_k(x_p, x_q)| = sum over pairs of N(x_p, x_q) + N(x_q, x_p), since a vote's absolute
 * value is its positive part for one order of the pair plus its positive part for the other. */
static void all_pairs_denominator(fc_eum_workspace *ws)
{
    size_t m = ws->m;
    double den = 0.0;
    for (size_t a = 0; a < m; a++) {
        const double *row = ws->N + a * m;
        double acc = 0.0;
        for (size_t b = 0; b < m; b++)
            acc += (double)ws->g[b] * row[b];
        den += (double)ws->g[a] * acc;
    }
    ws->den = 2.0 * den;
}


/* Builds N (positive vote sums of every ordered pair of distinct positions) from the voters'
 * exponents ws->rv (sorted order). One pass per candidate c: the prefix sums of w_k d_k(u_c)
 * over the sorted voters give c's share of every pair, since the voters who prefer c to e
 * (or e to c) are a prefix or suffix of the sorted voters, cut at the midpoint of u_c, u_e.
 * Rows are handled EUM_BLOCK at a time: their contributions to other rows are gathered in
 * ws->blk and added row by row, so N is written sequentially (writing it column-wise costs a
 * cache miss per entry once m is in the thousands). */
static void build_votes(fc_eum_workspace *ws, size_t n, int all_pairs)
{
    size_t m = ws->m;
    double *N = ws->N, *pre = ws->pre;
    memset(N, 0, m * m * sizeof *N);
    for (size_t c0 = 0; c0 < m; c0 += EUM_BLOCK) {
        size_t c1 = c0 + EUM_BLOCK < m ? c0 + EUM_BLOCK : m;
        for (size_t c = c0; c < c1; c++) {
            double uc = ws->u[c];
            double *own = N + c * m, *other = ws->blk + (c - c0) * m;
            pre[0] = 0.0;
            /* the sorted voters come in groups, one per position a */
            for (size_t a = 0, t = 0; a < m; a++) {
                double dca = cand_dist(ws, c, a);
                for (size_t end = t + ws->g[a]; t < end; t++)
                    pre[t + 1] = pre[t] + ws->wsrt[t] * dist_pow(dca, ws->rv[t]);
            }
            double total = pre[n];
            /* Split of the voters for each other candidate e: [0, lo) strictly closer to the
             * lower of the two, [lo, hi) exactly as close to both (their votes are 0), [hi, n)
             * closer to the upper. The midpoint rises with e, so lo only moves forward. */
            size_t lo = 0, hi;
            uint32_t *sp = ws->split ? ws->split + 2 * c * m : NULL;
            for (size_t e = 0; e < m; e++) {
                if (e == c) {
                    other[e] = 0.0;
                    continue;
                }
                if (sp && ws->split_ok) {
                    lo = sp[2 * e];
                    hi = sp[2 * e + 1];
                } else {
                    double l = e < c ? ws->u[e] : uc, h = e < c ? uc : ws->u[e];
                    while (lo < n) {
                        double xv = ws->xs[lo];
                        if (xv <= l || (xv < h && fabs(xv - l) < fabs(xv - h)))
                            lo++;
                        else
                            break;
                    }
                    /* voters exactly at the midpoint are rare: this loop almost never runs */
                    hi = lo;
                    while (hi < n && ws->xs[hi] < h && fabs(ws->xs[hi] - l) == fabs(ws->xs[hi] - h))
                        hi++;
                    if (sp) {
                        sp[2 * e] = (uint32_t)lo;
                        sp[2 * e + 1] = (uint32_t)hi;
                    }
                }
                /* voters on c's side pay d(c) against c's claim; those on e's side count d(c)
                 * in e's favour */
                if (e > c) {
                    own[e] -= pre[lo];
                    other[e] = total - pre[hi];
                } else {
                    other[e] = pre[lo];
                    own[e] -= total - pre[hi];
                }
            }
        }
        for (size_t e = 0; e < m; e++) {
            double *row = N + e * m;
            for (size_t c = c0; c < c1; c++)
                row[c] += ws->blk[(c - c0) * m + e];
        }
    }
    if (ws->split)
        ws->split_ok = 1;
    if (all_pairs)
        all_pairs_denominator(ws);
}

/* Voter k's exponent changes from old_rho to new_rho (sequential risk update): its votes
 * change in every pair, so N changes by its old and new positive parts; O(m^2). */
static void update_voter(fc_eum_workspace *ws, size_t n, size_t k, double old_rho,
                         double new_rho, int all_pairs)
{
    size_t m = ws->m;
    size_t ck = ws->cand[k];
    for (size_t c = 0; c < m; c++) {
        double d = cand_dist(ws, ck, c);
        ws->dold[c] = dist_pow(d, old_rho);
        ws->dnew[c] = dist_pow(d, new_rho);
    }
    double wk = ws->w[k];
    if (wk != 0.0)
        for (size_t a = 0; a < m; a++) {
            double oa = ws->dold[a], na = ws->dnew[a];
            double *row = ws->N + a * m;
            for (size_t b = 0; b < m; b++) {
                double vo = ws->dold[b] - oa, vn = ws->dnew[b] - na;
                double delta = (vn > 0 ? vn : 0.0) - (vo > 0 ? vo : 0.0);
                row[b] += wk * delta;
            }
        }
    for (size_t t = 0; t < n; t++)
        if (ws->idx[t] == k)
            ws->rv[t] = new_rho;
    if (all_pairs)
        all_pairs_denominator(ws);
}

/* prob() of a pair (a != b) from N[a*m + b] and N[b*m + a]: pairwise, or over the all-pairs
 * denominator den_all. */
static inline double prob_pair(double nab, double nba, int pairwise, double den_all)
{
    nab = nab < 0 ? 0.0 : nab;
    if (pairwise) {
        nba = nba < 0 ? 0.0 : nba;
        double den = nab + nba;
        return den == 0.0 ? 0.5 : nab / den;
    }
    return den_all == 0.0 ? 0.0 : nab / den_all;
}

static inline double prob_of(const fc_eum_workspace *ws, const fc_eum_options *o, double nab, double nba)
{
    return prob_pair(nab, nba, o->probability_denominator == FC_EUM_DEN_PAIRWISE, ws->den);
}

static double prob(const fc_eum_workspace *ws, const fc_eum_options *o, size_t a, size_t b)
{
    if (a == b)
        return 0.0;
    size_t m = ws->m;
    return prob_of(ws, o, ws->N[a * m + b], ws->N[b * m + a]);
}

static void report_votes(const fc_eum_workspace *ws, const fc_eum_options *o,
                         const eum_observer *obs, size_t round, int stage)
{
    if (!obs)
        return;
    if (obs->den && o->probability_denominator == FC_EUM_DEN_ALL_PAIRS)
        obs->den(obs->ctx, round, stage, ws->den);
    if (obs->prob)
        for (size_t a = 0; a < ws->m; a++)
            for (size_t b = 0; b < ws->m; b++)
                if (a != b)
                    obs->prob(obs->ctx, round, stage, ws->u[a], ws->u[b], prob(ws, o, a, b));
}

/* ---- utilities ------------------------------------------------------------------------ */

static double util(double base, double rho)
{
    return 2.0 - 4.0 * (rho == 1.0 ? base : pow(base, rho));
}

/* The status-quo term SQ for challenger at xa, target at xb, evaluator exponent rho. */
static double sq_term(const fc_eum_workspace *ws, const fc_eum_options *o, double usq, double xa,
                      double xb, double rho)
{
    double sq = o->Q * usq;
    if (o->q_term == FC_EUM_Q_FULL && o->Q < 1.0) {
        double spread = (fabs(xa - ws->mu) + fabs(xa - xb)) / ws->D;
        double ub = util(0.5 - 0.25 * spread, rho), uw = util(0.5 + 0.25 * spread, rho);
        double T = o->T == FC_EUM_T_ONE    ? 1.0
                   : o->T == FC_EUM_T_ZERO ? 0.0
                   : (fabs(xa - ws->mu) < fabs(xa - xb) ? 1.0 : 0.0);
        sq = sq + (1.0 - o->Q) * (T * ub + (1.0 - T) * uw);
    }
    return sq;
}

static double eu(double sigma, double P, double us, double uf, double sq)
{
    double a1 = sigma * (P * us + (1.0 - P) * uf);
    double a2 = (1.0 - sigma) * us;
    return (a1 + a2) - sq;
}

/* ---- risk step ------------------------------------------------------------------------ */

/* Security sums S_l = sum over j != l of E(j challenges l), every utility with exponent 1.
 * The terms depend on j only through its position (and, for `alter`, its salience, on which
 * the sum is linear), so they are summed per distinct position: O(m^2). */
static void security_sums(fc_eum_workspace *ws, const fc_eum_options *o, size_t n,
                          const double *sal, double *S)
{
    size_t m = ws->m;
    int alter = o->eu_ji_salience == FC_EUM_SALIENCE_ALTER;
    for (size_t cl = 0; cl < m; cl++) {
        double X = 0.0, Y = 0.0, Z = 0.0;
        double xl = ws->u[cl];
        for (size_t cj = 0; cj < m; cj++) {
            double cnt = (double)ws->g[cj] - (cj == cl ? 1.0 : 0.0);
            if (cnt == 0.0)
                continue;
            double xj = ws->u[cj];
            double delta = cand_dist(ws, cj, cl);
            double us = util(0.5 - 0.5 * delta, 1.0), uf = util(0.5 + 0.5 * delta, 1.0);
            double P = prob(ws, o, cj, cl);
            double sq = sq_term(ws, o, 0.0, xj, xl, 1.0);
            double Aterm = P * us + (1.0 - P) * uf;
            if (alter) {
                /* sum_j s_j*A + (1 - s_j)*us - sq; at cj == cl A = us = 0, so s_l drops out */
                double ss = ws->sg[cj];
                X += ss * Aterm + (cnt - ss) * us;
            } else {
                X += cnt * Aterm;
                Y += cnt * us;
            }
            Z += cnt * sq;
        }
        ws->cX[cl] = X;
        ws->cY[cl] = Y;
        ws->cZ[cl] = Z;
    }
    for (size_t l = 0; l < n; l++) {
        size_t cl = ws->cand[l];
        S[l] = alter ? ws->cX[cl] - ws->cZ[cl]
                     : (sal[l] * ws->cX[cl] + (1.0 - sal[l]) * ws->cY[cl]) - ws->cZ[cl];
    }
}

static double risk_exponent(double Si, double smax, double smin, double *Rout)
{
    if (smax == smin) {
        *Rout = 0.0;
        return 1.0;
    }
    double R = ((2.0 * Si - smax) - smin) / (smax - smin);
    *Rout = R;
    return (1.0 - R / 3.0) / (1.0 + R / 3.0);
}

static void extremes(const double *S, size_t n, double *smax, double *smin)
{
    double hi = S[0], lo = S[0];
    for (size_t k = 1; k < n; k++) {
        if (S[k] > hi)
            hi = S[k];
        if (S[k] < lo)
            lo = S[k];
    }
    *smax = hi;
    *smin = lo;
}

/* Sum over ordered actor pairs of |d_a - d_b| for one voter, d given per candidate: walking
 * outward from the voter's position visits the candidates in order of distance, i.e. of d. */
static double voter_pair_sum(const fc_eum_workspace *ws, size_t n, size_t cv, const double *d)
{
    size_t m = ws->m, left = cv, right = cv + 1;
    double acc = 0.0, less = (double)ws->g[cv]; /* the voter's own position: d = 0 */
    while (left > 0 || right < m) {
        double dl = left > 0 ? ws->dist[left - 1] : INFINITY;
        double dr = right < m ? ws->dist[right] : INFINITY;
        double cnt = 0.0, part = 0.0;
        if (dl <= dr)
            cnt += (double)ws->g[left - 1], part += (double)ws->g[left - 1] * d[left - 1];
        if (dr <= dl)
            cnt += (double)ws->g[right], part += (double)ws->g[right] * d[right];
        double greater = (double)n - less - cnt;
        acc += 2.0 * part * (less - greater);
        if (dl <= dr)
            left--;
        if (dr <= dl)
            right++;
        less += cnt;
    }
    return acc;
}

/* Prefix sums over candidates of gamma, gamma*du, gamma*d, gamma*du*d (du: position relative
 * to the voter) into pf[0..3], each m + 1 long. */
static void voter_prefix(fc_eum_workspace *ws, const double *gamma, const double *d, double *pf)
{
    size_t m = ws->m, L = m + 1;
    double *G = pf, *GU = pf + L, *GD = pf + 2 * L, *GUD = pf + 3 * L;
    G[0] = GU[0] = GD[0] = GUD[0] = 0.0;
    for (size_t c = 0; c < m; c++) {
        double du = ws->dold[c]; /* holds u_c - x_v during the update */
        G[c + 1] = G[c] + gamma[c];
        GU[c + 1] = GU[c] + gamma[c] * du;
        GD[c + 1] = GD[c] + gamma[c] * d[c];
        GUD[c + 1] = GUD[c] + gamma[c] * du * d[c];
    }
}

/* F[cl] = sum over candidates cj closer to the voter than cl of gamma_cj |u_cj - u_cl| (d_cl - d_cj):
 * the voter's share of sum_cj gamma_cj |u_cj - u_cl| N(cj, cl), from the prefix sums. The
 * candidates closer than cl form an interval [lo, hi] around the voter's own, cl outside it. */
static double voter_share(const fc_eum_workspace *ws, const double *pf, size_t cv, size_t cl,
                          double dcl)
{
    size_t m = ws->m, L = m + 1, lo, hi;
    double rad = ws->dist[cl];
    if (cl < cv) { /* largest hi >= cv with dist < rad (dist rises to the right of cv) */
        size_t a = cv, b = m; /* dist[a] < rad; find first index >= a with dist >= rad */
        while (b - a > 1) {
            size_t mid = a + (b - a) / 2;
            if (ws->dist[mid] < rad)
                a = mid;
            else
                b = mid;
        }
        lo = cl + 1, hi = a;
    } else {
        size_t a = 0, b = cv; /* first index <= cv with dist < rad (dist falls toward cv) */
        if (ws->dist[0] < rad) {
            b = 0;
        } else {
            while (b - a > 1) { /* dist[a] >= rad, dist[b] < rad */
                size_t mid = a + (b - a) / 2;
                if (ws->dist[mid] < rad)
                    b = mid;
                else
                    a = mid;
            }
        }
        lo = b, hi = cl - 1;
    }
    const double *G = pf, *GU = pf + L, *GD = pf + 2 * L, *GUD = pf + 3 * L;
    double sg = G[hi + 1] - G[lo], sgu = GU[hi + 1] - GU[lo];
    double sgd = GD[hi + 1] - GD[lo], sgud = GUD[hi + 1] - GUD[lo];
    double ul = ws->dold[cl];
    if (cl < cv) /* every cj lies right of cl */
        return dcl * (sgu - ul * sg) - (sgud - ul * sgd);
    return dcl * (ul * sg - sgu) - (ul * sgd - sgud);
}

/* The sequential risk update for all-pairs probabilities and voter exponents, O(n m log m):
 * S_l is linear in the vote table N through M[cl] = sum_cj gamma_cj (Us - Uf)(cj, cl) N(cj, cl)
 * (gamma = count or salience sum of the position), and one voter's new exponent changes M by
 * that voter's share, a range sum over the positions closer to it (voter_share), and the
 * denominator by its own pair sum. */
static void risk_sequential(fc_eum_workspace *ws, const fc_eum_options *o, size_t n,
                            const double *sal)
{
    size_t m = ws->m;
    int alter = o->eu_ji_salience == FC_EUM_SALIENCE_ALTER;
    const double *gamma = ws->sg; /* weight of a position in M: its salience sum or count */
    if (!alter) {
        for (size_t c = 0; c < m; c++)
            ws->us[c] = (double)ws->g[c];
        gamma = ws->us;
    }
    for (size_t cl = 0; cl < m; cl++) {
        double X = 0.0, Y = 0.0, Z = 0.0, M = 0.0, xl = ws->u[cl];
        for (size_t cj = 0; cj < m; cj++) {
            double cnt = (double)ws->g[cj] - (cj == cl ? 1.0 : 0.0);
            if (cnt == 0.0)
                continue;
            double delta = cand_dist(ws, cj, cl);
            double us = util(0.5 - 0.5 * delta, 1.0), uf = util(0.5 + 0.5 * delta, 1.0);
            double sq = sq_term(ws, o, 0.0, ws->u[cj], xl, 1.0);
            if (alter) {
                double ss = ws->sg[cj];
                X += ss * uf + (cnt - ss) * us;
            } else {
                X += cnt * uf;
                Y += cnt * us;
            }
            Z += cnt * sq;
            M += gamma[cj] * (us - uf) * ws->N[cj * m + cl];
        }
        ws->cX[cl] = X, ws->cY[cl] = Y, ws->cZ[cl] = Z, ws->cM[cl] = M;
    }
    double den = ws->den, smax, smin;
    for (size_t i = 0; i < n; i++) {
        for (size_t l = 0; l < n; l++) {
            size_t cl = ws->cand[l];
            double X = ws->cX[cl] + (den == 0.0 ? 0.0 : ws->cM[cl] / den);
            ws->S[l] = alter ? X - ws->cZ[cl]
                             : (sal[l] * X + (1.0 - sal[l]) * ws->cY[cl]) - ws->cZ[cl];
        }
        extremes(ws->S, n, &smax, &smin);
        double ri = risk_exponent(ws->S[i], smax, smin, &ws->R[i]);
        ws->r[i] = ri;
        if (ri == 1.0 || ws->w[i] == 0.0)
            continue;
        size_t cv = ws->cand[i];
        double xv = ws->x[i];
        for (size_t c = 0; c < m; c++) {
            ws->dist[c] = fabs(xv - ws->u[c]);
            ws->dold[c] = ws->u[c] - xv;
            double d = cand_dist(ws, cv, c); /* ws->dist[c] / D */
            ws->pie[c] = d; /* the old exponent is 1 */
            ws->dnew[c] = pow(d, ri);
        }
        double *d1 = ws->pie, *dn = ws->dnew, *pa = ws->pf;
        voter_prefix(ws, gamma, d1, pa);
        double scale = ws->w[i] * 4.0 / ws->D;
        for (size_t cl = 0; cl < m; cl++)
            if (cl != cv)
                ws->pei[cl] = voter_share(ws, pa, cv, cl, d1[cl]);
        voter_prefix(ws, gamma, dn, pa);
        for (size_t cl = 0; cl < m; cl++)
            if (cl != cv)
                ws->cM[cl] += scale * (voter_share(ws, pa, cv, cl, dn[cl]) - ws->pei[cl]);
        if (o->probability_denominator == FC_EUM_DEN_ALL_PAIRS)
            den += ws->w[i] * (voter_pair_sum(ws, n, cv, dn) - voter_pair_sum(ws, n, cv, d1));
    }
    ws->den = den;
}

static void risk_step(fc_eum_workspace *ws, const fc_eum_options *o, size_t n, const double *sal,
                      const eum_observer *obs, size_t round)
{
    int all_pairs = o->probability_denominator == FC_EUM_DEN_ALL_PAIRS;
    fill_distances(ws);
    for (size_t t = 0; t < n; t++)
        ws->rv[t] = 1.0;
    build_votes(ws, n, all_pairs);
    report_votes(ws, o, obs, round, 0);
    security_sums(ws, o, n, sal, ws->S0);
    double smax, smin;
    if (o->risk_update == FC_EUM_RISK_SEQUENTIAL && o->vote_exponent == FC_EUM_VOTE_VOTER_R &&
        all_pairs) {
        risk_sequential(ws, o, n, sal);
        int any = 0;
        for (size_t t = 0; t < n; t++) {
            ws->rv[t] = ws->r[ws->idx[t]];
            any |= ws->rv[t] != 1.0;
        }
        if (any)
            build_votes(ws, n, all_pairs);
    } else if (o->risk_update == FC_EUM_RISK_SEQUENTIAL &&
               o->vote_exponent == FC_EUM_VOTE_VOTER_R) {
        /* pairwise probabilities are not linear in the votes: update the table, O(m^2) */
        for (size_t i = 0; i < n; i++) {
            if (i > 0)
                security_sums(ws, o, n, sal, ws->S);
            const double *S = i > 0 ? ws->S : ws->S0;
            extremes(S, n, &smax, &smin);
            ws->r[i] = risk_exponent(S[i], smax, smin, &ws->R[i]);
            if (ws->r[i] != 1.0)
                update_voter(ws, n, i, 1.0, ws->r[i], all_pairs);
        }
    } else {
        extremes(ws->S0, n, &smax, &smin);
        for (size_t i = 0; i < n; i++)
            ws->r[i] = risk_exponent(ws->S0[i], smax, smin, &ws->R[i]);
        if (o->vote_exponent == FC_EUM_VOTE_VOTER_R) {
            int any = 0;
            for (size_t t = 0; t < n; t++) {
                ws->rv[t] = ws->r[ws->idx[t]];
                any |= ws->rv[t] != 1.0;
            }
            if (any)
                build_votes(ws, n, all_pairs);
        }
    }
    if (obs && obs->risk)
        obs->risk(obs->ctx, round, n, ws->S0, ws->R, ws->r);
    report_votes(ws, o, obs, round, 1);
}

/* ---- offer stage, bounded path ---------------------------------------------------------
 * Most of a round's pow calls are the receivers' utilities of every other position (two per
 * receiver and position), yet a receiver takes one offer. Under the scholz presets with no
 * pair hook, the offers are first classified with utilities from eum_approx_pow, whose error is
 * far below EUM_APPROX_MARGIN: a pair whose every comparison clears the margin is classified as
 * the exact utilities would classify it; any other pair, the chosen offer and every compromise
 * whose key may tie the best are worked out again with pow itself. So the chosen offers and
 * their numbers are pow's, bit for bit (test_eum_bits). */

/* Bound on |E~ - E| for an expected utility from approximate utilities: utilities lie in
 * [-2, 2] and enter E with weights summing to 1, and eum_approx_pow errs by less than 1e-8
 * (4e-8 on a utility), so 1e-6 leaves a factor of 25. */
#define EUM_APPROX_MARGIN 1e-6

static inline uint64_t as_bits(double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    return u;
}

static inline double as_double(uint64_t u)
{
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

/* b^r for b in [2^-60, 1] and r in [0.25, 4], to about 1e-13 relative, without branches, tables
 * or conversions between integers and doubles, so that a loop over it vectorises.
 * ln b = k ln 2 + ln f with f in [sqrt(1/2), sqrt(2)): ln f = 2 atanh s, s = (f - 1) / (f + 1),
 * |s| < 0.172, series to s^17 (remainder < 1e-14); e^y = 2^q e^g, q = round(y / ln 2),
 * |g| <= ln 2 / 2, Taylor to g^12 (remainder < 2e-16); y in [-167, 0], so 2^q is normal.
 * test_eum_bits measures the error against pow (under 1e-8 is what the margin assumes). */
static inline double approx_pow_in_range(double b, double r)
{
    uint64_t bits = as_bits(b);
    /* k + 1024 and f, shifted so that f lands in [sqrt(1/2), sqrt(2)) */
    uint64_t kb = (bits - 0x3fe6a09e667f3bcdull + (1024ull << 52)) >> 52;
    double f = as_double(bits - (kb << 52) + (1024ull << 52));
    double k = as_double(0x4330000000000000ull | kb) - (0x1p52 + 1024.0);
    double s = (f - 1.0) / (f + 1.0), z = s * s;
    /* the series in Estrin's order: a short chain of operations rather than Horner's long one,
     * as a sweep's rows are a few vectors long and wait on the chain */
    double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
    double a0 = 1.0 + z * (1.0 / 3), a1 = 1.0 / 5 + z * (1.0 / 7);
    double a2 = 1.0 / 9 + z * (1.0 / 11), a3 = 1.0 / 13 + z * (1.0 / 15);
    double series = ((a0 + z2 * a1) + z4 * (a2 + z2 * a3)) + z8 * (1.0 / 17);
    double y = r * (k * 0.6931471805599453 + 2.0 * s * series);
    /* q = round(y / ln 2) by the 1.5 * 2^52 shift; its low bits are q in two's complement */
    double t = y * 1.4426950408889634 + 0x1.8p52;
    double q = t - 0x1.8p52;
    double g = (y - q * 6.93147180369123816490e-01) - q * 1.90821492927058770002e-10;
    double g2 = g * g, g4 = g2 * g2, g8 = g4 * g4;
    double p0 = 1.0 + g, p1 = 0.5 + g * (1.0 / 6), p2 = 1.0 / 24 + g * (1.0 / 120);
    double p3 = 1.0 / 720 + g * (1.0 / 5040), p4 = 1.0 / 40320 + g * (1.0 / 362880);
    double p5 = 1.0 / 3628800 + g * (1.0 / 39916800), p6 = 1.0 / 479001600;
    double e = ((p0 + g2 * p1) + g4 * (p2 + g2 * p3)) + g8 * ((p4 + g2 * p5) + g4 * p6);
    double scale = as_double((as_bits(t) + 1023) << 52);
    return e * scale;
}

static inline int approx_pow_base_ok(double b)
{
    return b >= 0x1p-60 && b <= 1.0;
}

static inline int approx_pow_exponent_ok(double r)
{
    return r >= 0.25 && r <= 4.0;
}

double eum_approx_pow(double b, double r)
{
    if (!(approx_pow_base_ok(b) && approx_pow_exponent_ok(r)))
        return b == 0.0 && r > 0.0 ? 0.0 : pow(b, r);
    return approx_pow_in_range(b, r);
}

static inline double approx_util(double base, double rho)
{
    return 2.0 - 4.0 * (rho == 1.0 ? base : eum_approx_pow(base, rho));
}

/* Approximate utilities 2 - 4 b^rho of k bases (k a multiple of EUM_LANES, so that the loop
 * runs in whole vectors even for a dozen actors): the inner loop of the offer stage, one copy
 * per vector width (no fused multiply-add in any: -ffp-contract=off). rho in range; bases out
 * of range are redone by the caller. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void approx_util_row(const double *base, size_t k, double rho, double *util_out)
{
    for (size_t e = 0; e < k; e++)
        util_out[e] = 2.0 - 4.0 * approx_pow_in_range(base[e], rho);
}

/* The receiver's exact utilities of position e and the terms built on them (as offer_stage). */
static void exact_position(fc_eum_workspace *ws, size_t ci, size_t e, double ri, double sal_i, double sq_i)
{
    if (ws->exact[e])
        return;
    double delta = cand_dist(ws, ci, e);
    ws->us[e] = util(0.5 - 0.5 * delta, ri);
    ws->uf[e] = util(0.5 + 0.5 * delta, ri);
    double P = ws->pie[e];
    ws->oa[e] = P * ws->us[e] + (1.0 - P) * ws->uf[e];
    ws->oeji[e] = eu(sal_i, ws->pei[e], ws->us[e], ws->uf[e], sq_i);
    ws->exact[e] = 1;
}

static double compromise_key(const fc_eum_options *o, double eij, double eji, double xi, double xj)
{
    if (o->compromise_key == FC_EUM_KEY_ABS_WEIGHTED)
        return (fabs(eij) * xi + fabs(eji) * xj) / (fabs(eij) + fabs(eji));
    return (eij * xi + eji * xj) / (fabs(eij) + fabs(eji));
}

/* A receiver's terms against every position from its row and column of N (the column from
 * the transposed copy), in the operations of the scalar loop: one copy per vector width. The
 * receiver's own position gets terms too, which nothing reads. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void offer_terms_row(size_t m, const double *Nrow, const double *Ncol, const double *us, const double *uf,
                            int pairwise, double den_all, double sal_i, double sq_i, double *pie, double *pei,
                            double *oa, double *oeji)
{
    for (size_t e = 0; e < m; e++) {
        double P = prob_pair(Nrow[e], Ncol[e], pairwise, den_all);
        double Q = prob_pair(Ncol[e], Nrow[e], pairwise, den_all);
        pie[e] = P;
        pei[e] = Q;
        oa[e] = P * us[e] + (1.0 - P) * uf[e];
        oeji[e] = eu(sal_i, Q, us[e], uf[e], sq_i);
    }
}

/* Every comparison the classification makes clears the approximation's error. */
static int clear_of_margin(double eij, double eji)
{
    const double E = EUM_APPROX_MARGIN;
    return fabs(eij) > E && fabs(eji) > E && fabs(eji - eij) > 2 * E && fabs(eji - fabs(eij)) > 2 * E;
}

/* Receiver i's chosen offer under conflict_first_closest, as offer_stage chooses it. */
static void offer_bounded(fc_eum_workspace *ws, const fc_eum_options *o, const double *sal,
                          const unsigned char *fixed, size_t i)
{
    size_t m = ws->m, ci = ws->cand[i];
    const double *x = ws->x;
    double xi = x[i], ri = ws->r[i], sal_i = sal[i];
    double sq_i = o->Q * ws->usq[i];
    if (ri != 1.0 && approx_pow_exponent_ok(ri)) {
        const double *delta = ws->dd ? ws->dd + ci * m : ws->dold;
        if (!ws->dd)
            for (size_t e = 0; e < m; e++)
                ws->dold[e] = cand_dist(ws, ci, e);
        /* the bases of success (0.5 - delta / 2) and failure (0.5 + delta / 2), padded */
        double *base = ws->abase, *ut = ws->autil;
        size_t k = (2 * m + EUM_LANES - 1) / EUM_LANES * EUM_LANES;
        for (size_t e = 0; e < m; e++) {
            base[e] = 0.5 - 0.5 * delta[e];
            base[m + e] = 0.5 + 0.5 * delta[e];
        }
        for (size_t e = 2 * m; e < k; e++)
            base[e] = 0.5;
        approx_util_row(base, k, ri, ut);
        for (size_t e = 0; e < m; e++) {
            ws->us[e] = approx_pow_base_ok(base[e]) ? ut[e] : approx_util(base[e], ri);
            ws->uf[e] = approx_pow_base_ok(base[m + e]) ? ut[m + e] : approx_util(base[m + e], ri);
        }
    } else {
        for (size_t e = 0; e < m; e++) {
            double delta = cand_dist(ws, ci, e);
            ws->us[e] = approx_util(0.5 - 0.5 * delta, ri);
            ws->uf[e] = approx_util(0.5 + 0.5 * delta, ri);
        }
    }
    /* N's column ci: from the transposed copy, or gathered here (dnew is the risk step's) */
    const double *Ncol = ws->nt_ok ? ws->NT + ci * m : ws->dnew;
    if (!ws->nt_ok)
        for (size_t e = 0; e < m; e++)
            ws->dnew[e] = ws->N[e * m + ci];
    offer_terms_row(m, ws->N + ci * m, Ncol, ws->us, ws->uf, o->probability_denominator == FC_EUM_DEN_PAIRWISE,
                    ws->den, sal_i, sq_i, ws->pie, ws->pei, ws->oa, ws->oeji);
    memset(ws->exact, ri == 1.0, m); /* util() is exact without pow */
    /* slots 0 conflict and 2 capitulation: exact keys (distances); 1: the compromise list.
     * Every slot needs E_ji > 0, and E_ji depends on the sender's position alone, so the
     * senders are visited position by position, skipping a position whose E_ji is surely not
     * positive (about half of them in large cases). Ties go to the lowest sender index, as
     * a visit in index order would give. */
    size_t best[3] = {0, 0, 0}, nc = 0;
    double bkey[3] = {0, 0, 0};
    int have[3] = {0, 0, 0};
    for (size_t cj = 0; cj < m; cj++) {
        if (cj == ci || (ws->exact[cj] ? ws->oeji[cj] <= 0 : ws->oeji[cj] < -EUM_APPROX_MARGIN))
            continue;
        for (size_t t = ws->start[cj], t_end = t + ws->g[cj]; t < t_end; t++) {
            size_t j = ws->idx[t];
            double xj = x[j], sj = sal[j];
            double eij = (sj * ws->oa[cj] + (1.0 - sj) * ws->us[cj]) - sq_i, eji = ws->oeji[cj];
            if (!ws->exact[cj] && !clear_of_margin(eij, eji)) {
                exact_position(ws, ci, cj, ri, sal_i, sq_i);
                eij = (sj * ws->oa[cj] + (1.0 - sj) * ws->us[cj]) - sq_i;
                eji = ws->oeji[cj];
            }
            int slot;
            if (eji > eij && eij > 0)
                slot = 0;
            else if (eji > 0 && eij < 0 && eji > fabs(eij))
                slot = 1;
            else if (o->capitulation && eji > 0 && eij < 0 && eji < fabs(eij))
                slot = 2;
            else
                continue;
            if (slot == 1) {
                double key = compromise_key(o, eij, eji, xi, xj), bound = 0.0;
                if (!ws->exact[cj]) {
                    /* key = num / den with |d num| <= E (|xi| + |xj|), |d den| <= 2E */
                    const double E = EUM_APPROX_MARGIN;
                    double den = fabs(eij) + fabs(eji) - 2 * E;
                    bound = den > 0 ? (E * (fabs(xi) + fabs(xj)) + fabs(key) * 2 * E) / den : INFINITY;
                    bound = bound * 1.001 + 1e-12 * (fabs(xi) + fabs(xj) + fabs(key));
                }
                ws->clist[nc] = j;
                ws->ckey[nc] = key;
                ws->cbound[nc] = bound;
                nc++;
                continue;
            }
            double key = fabs(xj - xi);
            if (have[slot] && !(key < bkey[slot] || (key == bkey[slot] && j < best[slot])))
                continue;
            have[slot] = 1;
            best[slot] = j;
            bkey[slot] = key;
        }
    }
    int pick = have[0] ? 0 : nc ? 1 : have[2] ? 2 : -1;
    if (pick < 0)
        return;
    size_t j;
    double eij, eji;
    if (pick == 1) {
        /* the keys that may be the least: within their bounds of the least upper bound */
        double top = INFINITY;
        for (size_t k = 0; k < nc; k++)
            if (ws->ckey[k] + ws->cbound[k] < top)
                top = ws->ckey[k] + ws->cbound[k];
        int found = 0;
        double bk = 0;
        j = 0, eij = eji = 0;
        for (size_t k = 0; k < nc; k++) {
            if (!(ws->ckey[k] - ws->cbound[k] <= top))
                continue;
            size_t jj = ws->clist[k], cj = ws->cand[jj];
            exact_position(ws, ci, cj, ri, sal_i, sq_i);
            double sj = sal[jj];
            double a = (sj * ws->oa[cj] + (1.0 - sj) * ws->us[cj]) - sq_i, b = ws->oeji[cj];
            double key = compromise_key(o, a, b, xi, x[jj]);
            if (found && !(key < bk || (key == bk && jj < j)))
                continue;
            found = 1, bk = key, j = jj, eij = a, eji = b;
        }
    } else {
        j = best[pick];
        size_t cj = ws->cand[j];
        exact_position(ws, ci, cj, ri, sal_i, sq_i);
        double sj = sal[j];
        eij = (sj * ws->oa[cj] + (1.0 - sj) * ws->us[cj]) - sq_i;
        eji = ws->oeji[cj];
    }
    double xj = x[j], y;
    if (pick != 1)
        y = xj;
    else if (o->compromise_point == FC_EUM_POINT_CONCESSION)
        y = xi + ((xj - xi) * fabs(eij / eji));
    else
        y = (fabs(eij) * xi + fabs(eji) * xj) / (fabs(eij) + fabs(eji));
    ws->moved[i] = fixed && fixed[i] ? 2 : 1;
    ws->xnew[i] = y;
    ws->msender[i] = j;
    ws->mkind[i] = pick == 0 ? FC_EVENT_CONFLICT : pick == 1 ? FC_EVENT_COMPROMISE : FC_EVENT_CAPITULATION;
    ws->meij[i] = eij;
    ws->meji[i] = eji;
}

/* ---- offer stage ---------------------------------------------------------------------- */

static void offer_stage(fc_eum_workspace *ws, const fc_eum_options *o, size_t n, const double *sal,
                        const unsigned char *fixed, const eum_observer *obs, size_t round)
{
    size_t m = ws->m;
    const double *x = ws->x;
    int own = o->eu_perspective == FC_EUM_PERSPECTIVE_OWN;
    int alter = o->eu_ji_salience == FC_EUM_SALIENCE_ALTER;
    int simple_sq = !(o->q_term == FC_EUM_Q_FULL && o->Q < 1.0);
    /* Receiver's perspective, the target's salience and SQ = Q Usq (the scholz presets): E_ji
     * depends on the sender only through its position, and E_ij through its position and its
     * salience, so the terms are worked out once per position (the same operations in the
     * same order as eu(), hence the same bits). */
    int per_position = !own && !alter && simple_sq;
    void (*pair_hook)(void *, size_t, size_t, size_t, double, double, double, double) =
        obs ? obs->pair : NULL;
    int bounded = per_position && !pair_hook && o->offer_choice == FC_EUM_CHOICE_CONFLICT_FIRST_CLOSEST;
    ws->nt_ok = 0;
    if (bounded && ws->NT && m >= EUM_TRANSPOSE_MIN) {
        for (size_t a0 = 0; a0 < m; a0 += EUM_BLOCK)
            for (size_t b0 = 0; b0 < m; b0 += EUM_BLOCK)
                for (size_t a = a0; a < a0 + EUM_BLOCK && a < m; a++)
                    for (size_t b = b0; b < b0 + EUM_BLOCK && b < m; b++)
                        ws->NT[b * m + a] = ws->N[a * m + b];
        ws->nt_ok = 1;
    }
    for (size_t k = 0; k < n; k++)
        ws->usq[k] = util(0.5, ws->r[k]);
    for (size_t i = 0; i < n; i++) {
        ws->moved[i] = 0;
        /* A fixed receiver (a credible commitment) is still challenged: its offers are
         * worked out as for anyone, and the chosen one is recorded as refused. */
        if (fixed && fixed[i] && !(obs && obs->refused))
            continue;
        if (bounded) {
            offer_bounded(ws, o, sal, fixed, i);
            continue;
        }
        size_t ci = ws->cand[i];
        double xi = x[i], ri = ws->r[i], usq_i = ws->usq[i];
        double sq_i = o->Q * usq_i; /* SQ when the (1 - Q) term is absent */
        for (size_t e = 0; e < m; e++) {
            if (e == ci)
                continue;
            double delta = cand_dist(ws, ci, e);
            ws->us[e] = util(0.5 - 0.5 * delta, ri);
            ws->uf[e] = util(0.5 + 0.5 * delta, ri);
            ws->pie[e] = prob(ws, o, ci, e);
            ws->pei[e] = prob(ws, o, e, ci);
            if (per_position) {
                double P = ws->pie[e];
                ws->oa[e] = P * ws->us[e] + (1.0 - P) * ws->uf[e];
                ws->oeji[e] = eu(sal[i], ws->pei[e], ws->us[e], ws->uf[e], sq_i);
            }
        }
        /* best offers: 0 conflict, 1 compromise, 2 capitulation, 3 any (least_move/max_eu) */
        size_t best[4];
        double bkey[4], bdist[4], by[4], beij[4], beji[4];
        fc_event_kind bkind[4];
        int have[4] = {0, 0, 0, 0};
        for (size_t j = 0; j < n; j++) {
            size_t cj = ws->cand[j];
            if (cj == ci)
                continue;
            double xj = x[j];
            double us = ws->us[cj], uf = ws->uf[cj];
            double eij, eji;
            if (per_position) {
                /* eu(sal[j], pie, us, uf, sq_i) with its P term from the table */
                double sj = sal[j];
                eij = (sj * ws->oa[cj] + (1.0 - sj) * us) - sq_i;
                eji = ws->oeji[cj];
            } else if (own) {
                eij = eu(sal[j], ws->pie[cj], us, uf, simple_sq ? sq_i : sq_term(ws, o, usq_i, xi, xj, ri));
                double sig = alter ? sal[j] : sal[i];
                double rj = ws->r[j];
                double delta = cand_dist(ws, cj, ci);
                double usj = util(0.5 - 0.5 * delta, rj), ufj = util(0.5 + 0.5 * delta, rj);
                eji = eu(sig, ws->pei[cj], usj, ufj,
                         simple_sq ? o->Q * ws->usq[j] : sq_term(ws, o, ws->usq[j], xj, xi, rj));
            } else {
                eij = eu(sal[j], ws->pie[cj], us, uf, simple_sq ? sq_i : sq_term(ws, o, usq_i, xi, xj, ri));
                double sig = alter ? sal[j] : sal[i];
                eji = eu(sig, ws->pei[cj], us, uf, simple_sq ? sq_i : sq_term(ws, o, usq_i, xj, xi, ri));
            }
            if (pair_hook)
                pair_hook(obs->ctx, round, i, j, eij, eji, ws->pie[cj], ws->pei[cj]);
            fc_event_kind kind;
            double y;
            int slot;
            if (eji > eij && eij > 0) {
                kind = FC_EVENT_CONFLICT;
                y = xj;
                slot = 0;
            } else if (eji > 0 && eij < 0 && eji > fabs(eij)) {
                kind = FC_EVENT_COMPROMISE;
                if (o->compromise_point == FC_EUM_POINT_CONCESSION)
                    y = xi + ((xj - xi) * fabs(eij / eji));
                else
                    y = (fabs(eij) * xi + fabs(eji) * xj) / (fabs(eij) + fabs(eji));
                slot = 1;
            } else if (o->capitulation && eji > 0 && eij < 0 && eji < fabs(eij)) {
                kind = FC_EVENT_CAPITULATION;
                y = xj;
                slot = 2;
            } else {
                continue;
            }
            double dist = fabs(y - xi);
            if (o->offer_choice == FC_EUM_CHOICE_CONFLICT_FIRST_CLOSEST) {
                double key = dist;
                if (slot == 0 || slot == 2)
                    key = fabs(xj - xi);
                else if (o->compromise_key == FC_EUM_KEY_ABS_WEIGHTED)
                    key = (fabs(eij) * xi + fabs(eji) * xj) / (fabs(eij) + fabs(eji));
                else
                    key = (eij * xi + eji * xj) / (fabs(eij) + fabs(eji));
                if (have[slot] && !(key < bkey[slot]))
                    continue;
                bkey[slot] = key;
            } else {
                slot = 3;
                if (have[3]) {
                    if (o->offer_choice == FC_EUM_CHOICE_LEAST_MOVE) {
                        if (!(dist < bdist[3]))
                            continue;
                    } else if (!(eji > beji[3] || (eji == beji[3] && dist < bdist[3]))) {
                        continue;
                    }
                }
            }
            have[slot] = 1;
            best[slot] = j;
            bdist[slot] = dist;
            by[slot] = y;
            beij[slot] = eij;
            beji[slot] = eji;
            bkind[slot] = kind;
        }
        int pick = -1;
        if (o->offer_choice == FC_EUM_CHOICE_CONFLICT_FIRST_CLOSEST) {
            for (int s = 0; s < 3 && pick < 0; s++)
                if (have[s])
                    pick = s;
        } else if (have[3]) {
            pick = 3;
        }
        if (pick < 0)
            continue;
        ws->moved[i] = fixed && fixed[i] ? 2 : 1;
        ws->xnew[i] = by[pick];
        ws->msender[i] = best[pick];
        ws->mkind[i] = bkind[pick];
        ws->meij[i] = beij[pick];
        ws->meji[i] = beji[pick];
    }
}

/* ---- statistics ----------------------------------------------------------------------- */

static double weighted_mean(const fc_eum_workspace *ws, size_t n)
{
    double num = 0.0, den = 0.0;
    for (size_t k = 0; k < n; k++) {
        num += ws->w[k] * ws->x[k];
        den += ws->w[k];
    }
    return num / den;
}

/* The vote tournament of §7.2: candidates in the configured order, linear votes, strict V > 0.
 * Needs the sorted view of the current positions. O(n m). */
static double tournament_median(const fc_eum_workspace *ws, const fc_eum_options *o, size_t n,
                                double D)
{
    if (D == 0.0 || ws->m == 1)
        return ws->x[0];
    int actor_order = o->median_candidates == FC_EUM_MEDIAN_ACTOR_ORDER;
    size_t count = actor_order ? n : ws->m;
    const double *cands = actor_order ? ws->x : ws->u;
    double best = cands[0];
    for (size_t c = 1; c < count; c++) {
        double p = cands[c];
        double V = 0.0;
        for (size_t k = 0; k < n; k++)
            V += ws->w[k] * (fabs(ws->x[k] - best) / D - fabs(ws->x[k] - p) / D);
        if (V > 0)
            best = p;
    }
    return best;
}

/* ---- the run -------------------------------------------------------------------------- */

static fc_status validate(size_t n, const double *cap, const double *pos, const double *sal,
                          fc_error *err)
{
    if (n == 0)
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors", "the model needs at least one actor");
    if (n > FC_EUM_MAX_ACTORS)
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors",
                            "the expected-utility model takes at most %d actors (has %zu): its rounds compare "
                            "every pair",
                            FC_EUM_MAX_ACTORS, n);
    double total = 0.0;
    for (size_t k = 0; k < n; k++) {
        if (!isfinite(cap[k]) || cap[k] < 0)
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "capability",
                                "actor %zu: capability must be a finite number >= 0", k + 1);
        if (!isfinite(pos[k]))
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "position",
                                "actor %zu: position must be a finite number", k + 1);
        if (!isfinite(sal[k]) || sal[k] < 0 || sal[k] > 1)
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "salience",
                                "actor %zu: salience must lie in [0, 1]", k + 1);
        total += cap[k] * sal[k];
    }
    if (!(total > 0))
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors",
                            "the total weight (capability x salience) is 0");
    return FC_OK;
}

static double position_range(const double *x, size_t n)
{
    double lo = x[0], hi = x[0];
    for (size_t k = 1; k < n; k++) {
        if (x[k] < lo)
            lo = x[k];
        if (x[k] > hi)
            hi = x[k];
    }
    return hi - lo;
}

fc_status eum_run(fc_eum_workspace *ws, const fc_eum_options *opts, size_t n, const double *cap,
                  const double *pos, const double *sal, const unsigned char *fixed,
                  const eum_observer *obs, size_t *rounds_played, int *converged, fc_error *err)
{
    const fc_eum_options *o = opts ? opts : &fc_eum_preset_scholz;
    if (rounds_played)
        *rounds_played = 0;
    if (converged)
        *converged = 0;
    if (!ws || n > ws->cap)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "the workspace holds %zu actors, the problem has %zu",
                            ws ? ws->cap : 0, n);
    fc_status st = validate(n, cap, pos, sal, err);
    if (st)
        return st;
    if (!(o->Q >= 0 && o->Q <= 1))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "Q", "Q must lie in [0, 1]");
    for (size_t k = 0; k < n; k++) {
        ws->w[k] = cap[k] * sal[k];
        ws->x[k] = pos[k];
        ws->r[k] = 1.0;
    }
    double D0 = position_range(ws->x, n);
    ws->D = D0;
    sort_positions(ws, n, sal);
    if (obs && obs->state)
        obs->state(obs->ctx, 0, ws->x, ws->r, weighted_mean(ws, n), tournament_median(ws, o, n, D0));
    size_t t = 0;
    while (t < o->rounds) {
        t++;
        double D = o->range_D == FC_EUM_RANGE_CURRENT ? position_range(ws->x, n) : D0;
        ws->D = D;
        double max_move = 0.0;
        for (size_t k = 0; k < n; k++)
            ws->r[k] = 1.0;
        if (D > 0.0) {
            if (o->q_term == FC_EUM_Q_FULL && o->Q < 1.0)
                ws->mu = o->mu == FC_EUM_MU_MEAN ? weighted_mean(ws, n) : tournament_median(ws, o, n, D);
            risk_step(ws, o, n, sal, obs, t);
            offer_stage(ws, o, n, sal, fixed, obs, t);
            for (size_t i = 0; i < n; i++)
                if (ws->moved[i] == 2) {
                    obs->refused(obs->ctx, t, i, ws->msender[i], ws->mkind[i], ws->meij[i], ws->meji[i],
                                 ws->x[i], ws->xnew[i]);
                } else if (ws->moved[i]) {
                    if (obs && obs->move)
                        obs->move(obs->ctx, t, i, ws->msender[i], ws->mkind[i], ws->meij[i],
                                  ws->meji[i], ws->x[i], ws->xnew[i]);
                    double mv = fabs(ws->xnew[i] - ws->x[i]);
                    if (mv > max_move)
                        max_move = mv;
                }
            for (size_t i = 0; i < n; i++)
                if (ws->moved[i] == 1)
                    ws->x[i] = ws->xnew[i];
            sort_positions(ws, n, sal);
        }
        if (obs && obs->state)
            obs->state(obs->ctx, t, ws->x, ws->r, weighted_mean(ws, n), tournament_median(ws, o, n, D));
        if (o->tol >= 0 && max_move <= o->tol) {
            if (converged)
                *converged = 1;
            break;
        }
    }
    if (rounds_played)
        *rounds_played = t;
    return FC_OK;
}

fc_status eum_solve_observed(fc_eum_workspace *ws, const fc_eum_options *opts, size_t n, const double *cap,
                             const double *pos, const double *sal, const unsigned char *fixed,
                             const eum_observer *obs, double *final_positions, double *forecast_out,
                             fc_error *err)
{
    fc_status st = eum_run(ws, opts, n, cap, pos, sal, fixed, obs, NULL, NULL, err);
    if (st)
        return st;
    const fc_eum_options *o = opts ? opts : &fc_eum_preset_scholz;
    if (final_positions)
        memcpy(final_positions, ws->x, n * sizeof *final_positions);
    /* The last state's point forecast, as the state hook would have had it: ws->D is the
     * range of the last round played (the input's when none was). */
    if (forecast_out)
        *forecast_out = tournament_median(ws, o, n, ws->D);
    return FC_OK;
}

fc_status fc_eum_solve(fc_eum_workspace *ws, const fc_eum_options *opts, size_t n,
                       const double *cap, const double *pos, const double *sal,
                       const unsigned char *fixed, double *final_positions, double *forecast_out,
                       fc_error *err)
{
    return eum_solve_observed(ws, opts, n, cap, pos, sal, fixed, NULL, final_positions, forecast_out, err);
}
