/* The expected-utility engine (spec: docs/models/eum.md, from Scholz, Calbert & Smith 2011 and
 * the two replications of Scholz's code). One round costs O(n^2) pow calls and O(n^2 + n log n)
 * other work: votes are tabulated per distinct position with prefix sums over the sorted voters,
 * so each pair's vote sums are two range sums, and the all-pairs denominator comes out of the
 * same pass. The direct O(n^3) reading is kept in tests/unit/eum_direct.h to check this. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "models/eum_internal.h"

typedef struct sort_item {
    double x;
    size_t k;
} sort_item;

struct fc_eum_workspace {
    size_t cap;
    /* per actor (input order) */
    double *w, *x, *xnew, *r, *S, *S0, *R, *A, *usq;
    size_t *cand;                 /* candidate index of each actor */
    /* per sorted voter */
    sort_item *items;
    double *xs, *wsrt, *rv, *pre; /* pre has cap + 1 entries */
    size_t *idx;
    /* per candidate (distinct position, ascending) */
    double *u, *sg, *cX, *cY, *cZ, *us, *uf, *pie, *pei, *dold, *dnew;
    size_t *g, *start;
    double *N;                    /* cap * cap: N[a*m + b] = sum of positive votes for a over b */
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
    ALLOC(R, n); ALLOC(A, n); ALLOC(usq, n); ALLOC(cand, n); ALLOC(items, n);
    ALLOC(xs, n); ALLOC(wsrt, n); ALLOC(rv, n); ALLOC(pre, n + 1); ALLOC(idx, n);
    ALLOC(u, n); ALLOC(sg, n); ALLOC(cX, n); ALLOC(cY, n); ALLOC(cZ, n); ALLOC(us, n);
    ALLOC(uf, n); ALLOC(pie, n); ALLOC(pei, n); ALLOC(dold, n); ALLOC(dnew, n);
    ALLOC(g, n); ALLOC(start, n); ALLOC(N, n * n); ALLOC(mkind, n); ALLOC(msender, n);
    ALLOC(meij, n); ALLOC(meji, n); ALLOC(moved, n);
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
                      ws->A,   ws->usq,   ws->cand, ws->items, ws->xs,      ws->wsrt,  ws->rv,
                      ws->pre, ws->idx,   ws->u,    ws->sg,    ws->cX,      ws->cY,    ws->cZ,
                      ws->us,  ws->uf,    ws->pie,  ws->pei,   ws->dold,    ws->dnew,  ws->g,
                      ws->start, ws->N,   ws->mkind, ws->msender, ws->meij, ws->meji, ws->moved};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        free(arrays[i]);
    free(ws);
}

/* ---- sorted view of the current positions -------------------------------------------- */

static int cmp_item(const void *a, const void *b)
{
    const sort_item *p = a, *q = b;
    if (p->x < q->x)
        return -1;
    if (p->x > q->x)
        return 1;
    return p->k < q->k ? -1 : p->k > q->k;
}

/* Sorts the actors by position and groups them into the distinct positions ("candidates").
 * Positions change for a few actors per round, so the previous order is nearly sorted; qsort
 * is still O(n log n) and never the bottleneck next to the O(n^2) pow calls. */
static void sort_positions(fc_eum_workspace *ws, size_t n, const double *sal)
{
    for (size_t k = 0; k < n; k++) {
        ws->items[k].x = ws->x[k];
        ws->items[k].k = k;
    }
    qsort(ws->items, n, sizeof *ws->items, cmp_item);
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

/* ---- votes ---------------------------------------------------------------------------- */

static double vote_distance(double xk, double y, double D, double rho)
{
    double d = fabs(xk - y) / D;
    return rho == 1.0 ? d : pow(d, rho);
}

/* Builds N (positive vote sums of every ordered pair of distinct positions) and, for the
 * all-pairs denominator, each voter's sum over ordered actor pairs A[k] = sum |d(x_p) - d(x_q)|,
 * from the voters' exponents ws->rv (sorted order). One pass per candidate c: the prefix sums
 * of w_k d_k(u_c) over the sorted voters give both of c's shares in every pair (voters on c's
 * side pay d(c) in the other's favour count negatively), and a voter's rank of the actors by
 * distance, needed for A, is a count of positions inside the interval [u_c, mirror of u_c]. */
static void build_votes(fc_eum_workspace *ws, size_t n, int want_pair_sums)
{
    size_t m = ws->m;
    double *N = ws->N, *pre = ws->pre;
    memset(N, 0, m * m * sizeof *N);
    if (want_pair_sums)
        memset(ws->A, 0, n * sizeof *ws->A);
    for (size_t c = 0; c < m; c++) {
        double uc = ws->u[c];
        size_t lt_c = ws->start[c], le_c = ws->start[c] + ws->g[c];
        size_t ltp = 0, lep = 0;
        double gc2 = 2.0 * (double)ws->g[c];
        pre[0] = 0.0;
        for (size_t t = 0; t < n; t++) {
            double d = vote_distance(ws->xs[t], uc, ws->D, ws->rv[t]);
            pre[t + 1] = pre[t] + ws->wsrt[t] * d;
            if (want_pair_sums && d != 0.0) {
                double xt = ws->xs[t], mt = 2.0 * xt - uc;
                while (ltp < n && ws->xs[ltp] < mt)
                    ltp++;
                if (lep < ltp)
                    lep = ltp;
                while (lep < n && ws->xs[lep] <= mt)
                    lep++;
                double less, greater;
                if (xt < uc) { /* actors strictly closer lie in (mt, uc) */
                    less = (double)lt_c - (double)lep;
                    greater = (double)n - ((double)le_c - (double)ltp);
                } else {
                    less = (double)ltp - (double)le_c;
                    greater = (double)n - ((double)lep - (double)lt_c);
                }
                if (less < 0)
                    less = 0;
                ws->A[ws->idx[t]] += d * gc2 * (less - greater);
            }
        }
        double total = pre[n];
        /* Split of the voters for each other candidate e: [0, lo) strictly closer to the lower
         * of the two, [lo, hi) exactly as close to both (their votes are 0), [hi, n) closer to
         * the upper. The midpoint rises with e, so both pointers only move forward. */
        size_t lo = 0, hi = 0;
        for (size_t e = 0; e < m; e++) {
            if (e == c)
                continue;
            double l = e < c ? ws->u[e] : uc, h = e < c ? uc : ws->u[e];
            while (lo < n) {
                double xv = ws->xs[lo];
                if (xv <= l || (xv < h && fabs(xv - l) < fabs(xv - h)))
                    lo++;
                else
                    break;
            }
            if (hi < lo)
                hi = lo;
            while (hi < n) {
                double xv = ws->xs[hi];
                if (xv <= l || (xv < h && fabs(xv - l) <= fabs(xv - h)))
                    hi++;
                else
                    break;
            }
            if (e > c) {
                N[c * m + e] -= pre[lo];
                N[e * m + c] += total - pre[hi];
            } else {
                N[e * m + c] += pre[lo];
                N[c * m + e] -= total - pre[hi];
            }
        }
    }
    if (want_pair_sums) {
        double den = 0.0;
        for (size_t k = 0; k < n; k++)
            den += ws->w[k] * ws->A[k];
        ws->den = den;
    }
}

/* A[k] of one voter by walking the positions outward from its own (sequential risk update). */
static double voter_pair_sum(const fc_eum_workspace *ws, size_t n, size_t k, const double *d)
{
    size_t ck = ws->cand[k], m = ws->m;
    double acc = 0.0;
    size_t less = ws->g[ck]; /* the voter's own position is at distance 0 */
    size_t left = ck, right = ck + 1;
    double xk = ws->x[k];
    while (left > 0 || right < m) {
        double dl = left > 0 ? fabs(xk - ws->u[left - 1]) : INFINITY;
        double dr = right < m ? fabs(xk - ws->u[right]) : INFINITY;
        size_t gsz = 0;
        double part = 0.0;
        if (dl <= dr) {
            gsz += ws->g[left - 1];
            part += (double)ws->g[left - 1] * d[left - 1];
        }
        if (dr <= dl) {
            gsz += ws->g[right];
            part += (double)ws->g[right] * d[right];
        }
        double greater = (double)n - (double)less - (double)gsz;
        acc += 2.0 * part * ((double)less - greater);
        if (dl <= dr)
            left--;
        if (dr <= dl)
            right++;
        less += gsz;
    }
    return acc;
}

/* Voter k's exponent changes from old_rho to new_rho: update N and the denominator. */
static void update_voter(fc_eum_workspace *ws, size_t n, size_t k, double old_rho,
                         double new_rho, int all_pairs)
{
    size_t m = ws->m;
    for (size_t c = 0; c < m; c++) {
        ws->dold[c] = vote_distance(ws->x[k], ws->u[c], ws->D, old_rho);
        ws->dnew[c] = vote_distance(ws->x[k], ws->u[c], ws->D, new_rho);
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
    if (all_pairs) {
        ws->A[k] = voter_pair_sum(ws, n, k, ws->dnew);
        double den = 0.0;
        for (size_t q = 0; q < n; q++)
            den += ws->w[q] * ws->A[q];
        ws->den = den;
    }
}

static double prob(const fc_eum_workspace *ws, const fc_eum_options *o, size_t a, size_t b)
{
    if (a == b)
        return 0.0;
    size_t m = ws->m;
    double nab = ws->N[a * m + b];
    if (nab < 0)
        nab = 0.0;
    if (o->probability_denominator == FC_EUM_DEN_PAIRWISE) {
        double nba = ws->N[b * m + a];
        if (nba < 0)
            nba = 0.0;
        double den = nab + nba;
        return den == 0.0 ? 0.5 : nab / den;
    }
    return ws->den == 0.0 ? 0.0 : nab / ws->den;
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
            double delta = fabs(xj - xl) / ws->D;
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

static void risk_step(fc_eum_workspace *ws, const fc_eum_options *o, size_t n, const double *sal,
                      const eum_observer *obs, size_t round)
{
    int all_pairs = o->probability_denominator == FC_EUM_DEN_ALL_PAIRS;
    for (size_t t = 0; t < n; t++)
        ws->rv[t] = 1.0;
    build_votes(ws, n, all_pairs);
    report_votes(ws, o, obs, round, 0);
    security_sums(ws, o, n, sal, ws->S0);
    double smax, smin;
    if (o->risk_update == FC_EUM_RISK_SEQUENTIAL && o->vote_exponent == FC_EUM_VOTE_VOTER_R) {
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

/* ---- offer stage ---------------------------------------------------------------------- */

static void offer_stage(fc_eum_workspace *ws, const fc_eum_options *o, size_t n, const double *sal,
                        const unsigned char *fixed, const eum_observer *obs, size_t round)
{
    size_t m = ws->m;
    const double *x = ws->x;
    int own = o->eu_perspective == FC_EUM_PERSPECTIVE_OWN;
    int alter = o->eu_ji_salience == FC_EUM_SALIENCE_ALTER;
    for (size_t k = 0; k < n; k++)
        ws->usq[k] = util(0.5, ws->r[k]);
    for (size_t i = 0; i < n; i++) {
        ws->moved[i] = 0;
        if (fixed && fixed[i])
            continue;
        size_t ci = ws->cand[i];
        double xi = x[i], ri = ws->r[i], usq_i = ws->usq[i];
        for (size_t e = 0; e < m; e++) {
            if (e == ci)
                continue;
            double delta = fabs(xi - ws->u[e]) / ws->D;
            ws->us[e] = util(0.5 - 0.5 * delta, ri);
            ws->uf[e] = util(0.5 + 0.5 * delta, ri);
            ws->pie[e] = prob(ws, o, ci, e);
            ws->pei[e] = prob(ws, o, e, ci);
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
            double eij = eu(sal[j], ws->pie[cj], us, uf, sq_term(ws, o, usq_i, xi, xj, ri));
            double sig = alter ? sal[j] : sal[i];
            double eji;
            if (own) {
                double rj = ws->r[j];
                double delta = fabs(xj - xi) / ws->D;
                double usj = util(0.5 - 0.5 * delta, rj), ufj = util(0.5 + 0.5 * delta, rj);
                eji = eu(sig, ws->pei[cj], usj, ufj, sq_term(ws, o, ws->usq[j], xj, xi, rj));
            } else {
                eji = eu(sig, ws->pei[cj], us, uf, sq_term(ws, o, usq_i, xj, xi, ri));
            }
            if (obs && obs->pair)
                obs->pair(obs->ctx, round, i, j, eij, eji, ws->pie[cj], ws->pei[cj]);
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
        ws->moved[i] = 1;
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
                if (ws->moved[i]) {
                    if (obs && obs->move)
                        obs->move(obs->ctx, t, i, ws->msender[i], ws->mkind[i], ws->meij[i],
                                  ws->meji[i], ws->x[i], ws->xnew[i]);
                    double mv = fabs(ws->xnew[i] - ws->x[i]);
                    if (mv > max_move)
                        max_move = mv;
                }
            for (size_t i = 0; i < n; i++)
                if (ws->moved[i])
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

fc_status fc_eum_solve(fc_eum_workspace *ws, const fc_eum_options *opts, size_t n,
                       const double *cap, const double *pos, const double *sal,
                       const unsigned char *fixed, double *final_positions, double *forecast_out,
                       fc_error *err)
{
    fc_status st = eum_run(ws, opts, n, cap, pos, sal, fixed, NULL, NULL, NULL, err);
    if (st)
        return st;
    const fc_eum_options *o = opts ? opts : &fc_eum_preset_scholz;
    if (final_positions)
        memcpy(final_positions, ws->x, n * sizeof *final_positions);
    if (forecast_out)
        *forecast_out = tournament_median(ws, o, n, ws->D);
    return FC_OK;
}
