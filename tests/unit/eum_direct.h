/* A direct reading of the EUM specification (docs/models/eum.md, spec §4-§8): every sum in
 * the stated order, the all-pairs denominator as the literal triple loop, P recomputed per
 * pair. O(n^3) per round (O(n^4) sequential). It is the yardstick the fast engine in
 * src/models/eum.c is checked against (tests and bench/bench_eum.c); never used by the
 * library. Header-only so both can include it. */
#ifndef FULCRUM_TESTS_EUM_DIRECT_H
#define FULCRUM_TESTS_EUM_DIRECT_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/eum.h"
#include "fulcrum/forecast.h"

typedef struct direct_move {
    size_t round, i, j;
    fc_event_kind kind;
    double eij, eji, y;
} direct_move;

typedef struct direct_result {
    size_t n, rounds;
    double *x;      /* (rounds + 1) * n */
    double *r;      /* (rounds + 1) * n; row 0 all 1 */
    double *mean;   /* rounds + 1 */
    double *median; /* rounds + 1 */
    direct_move *moves;
    size_t n_moves;
} direct_result;

typedef struct direct_ctx {
    size_t n;
    const fc_eum_options *o;
    const double *w, *s, *x, *r;
    double D, mu, den;
} direct_ctx;

static inline double dr_d(const direct_ctx *c, size_t k, double y, double rho)
{
    return pow(fabs(c->x[k] - y) / c->D, rho);
}

static inline double dr_rho(const direct_ctx *c, size_t k)
{
    return c->o->vote_exponent == FC_EUM_VOTE_ONE ? 1.0 : c->r[k];
}

static inline double dr_v(const direct_ctx *c, size_t k, double a, double b, double rho)
{
    double da = dr_d(c, k, a, rho), db = dr_d(c, k, b, rho);
    return c->w[k] * (db - da);
}

static inline double dr_all_pairs_den(const direct_ctx *c)
{
    double den = 0.0;
    for (size_t k = 0; k < c->n; k++)
        for (size_t p = 0; p < c->n; p++)
            for (size_t q = 0; q < c->n; q++)
                den += fabs(dr_v(c, k, c->x[p], c->x[q], dr_rho(c, k)));
    return den;
}

static double dr_P(const direct_ctx *c, double a, double b)
{
    if (a == b)
        return 0.0;
    double num = 0.0, den = 0.0;
    for (size_t k = 0; k < c->n; k++) {
        double v = dr_v(c, k, a, b, dr_rho(c, k));
        num += v > 0 ? v : 0.0;
        den += fabs(v);
    }
    if (c->o->probability_denominator == FC_EUM_DEN_PAIRWISE)
        return den == 0.0 ? 0.5 : num / den;
    return c->den == 0.0 ? 0.0 : num / c->den;
}

static double dr_U(double base, double rho) { return 2.0 - 4.0 * pow(base, rho); }

static double dr_EU(const direct_ctx *c, double xa, double xb, double rho_e, double sigma, double P)
{
    double delta = fabs(xa - xb) / c->D;
    double us = dr_U(0.5 - 0.5 * delta, rho_e), uf = dr_U(0.5 + 0.5 * delta, rho_e);
    double usq = dr_U(0.5, rho_e);
    double a1 = sigma * (P * us + (1.0 - P) * uf);
    double a2 = (1.0 - sigma) * us;
    double e = (a1 + a2) - c->o->Q * usq;
    if (c->o->q_term == FC_EUM_Q_FULL && c->o->Q < 1.0) {
        double spread = (fabs(xa - c->mu) + fabs(xa - xb)) / c->D;
        double ub = dr_U(0.5 - 0.25 * spread, rho_e), uw = dr_U(0.5 + 0.25 * spread, rho_e);
        double T = c->o->T == FC_EUM_T_ONE    ? 1.0
                   : c->o->T == FC_EUM_T_ZERO ? 0.0
                   : (fabs(xa - c->mu) < fabs(xa - xb) ? 1.0 : 0.0);
        e = e - (1.0 - c->o->Q) * (T * ub + (1.0 - T) * uw);
    }
    return e;
}

static inline double dr_mean(size_t n, const double *w, const double *x)
{
    double a = 0.0, b = 0.0;
    for (size_t k = 0; k < n; k++) {
        a += w[k] * x[k];
        b += w[k];
    }
    return a / b;
}

static inline int dr_cmp(const void *a, const void *b)
{
    double p = *(const double *)a, q = *(const double *)b;
    return p < q ? -1 : p > q;
}

static inline double dr_median(size_t n, const double *w, const double *x, double D,
                        fc_eum_median_candidates mode)
{
    double *cand = malloc(n * sizeof *cand);
    size_t m = 0;
    if (mode == FC_EUM_MEDIAN_ACTOR_ORDER) {
        memcpy(cand, x, n * sizeof *x);
        m = n;
    } else {
        memcpy(cand, x, n * sizeof *x);
        qsort(cand, n, sizeof *cand, dr_cmp);
        for (size_t k = 0; k < n; k++)
            if (m == 0 || cand[k] != cand[m - 1])
                cand[m++] = cand[k];
    }
    double best = cand[0];
    if (D != 0.0)
        for (size_t c = 1; c < m; c++) {
            double V = 0.0;
            for (size_t k = 0; k < n; k++)
                V += w[k] * (fabs(x[k] - best) / D - fabs(x[k] - cand[c]) / D);
            if (V > 0)
                best = cand[c];
        }
    free(cand);
    return best;
}

/* S vector with the current r vector, every utility with exponent 1. */
static inline void dr_security(direct_ctx *c, double *S)
{
    int alter = c->o->eu_ji_salience == FC_EUM_SALIENCE_ALTER;
    for (size_t i = 0; i < c->n; i++) {
        double sum = 0.0;
        for (size_t j = 0; j < c->n; j++) {
            if (j == i)
                continue;
            double P = dr_P(c, c->x[j], c->x[i]);
            sum += dr_EU(c, c->x[j], c->x[i], 1.0, alter ? c->s[j] : c->s[i], P);
        }
        S[i] = sum;
    }
}

static inline double dr_r_of(const double *S, size_t n, size_t i)
{
    double hi = S[0], lo = S[0];
    for (size_t k = 1; k < n; k++) {
        hi = S[k] > hi ? S[k] : hi;
        lo = S[k] < lo ? S[k] : lo;
    }
    if (hi == lo)
        return 1.0;
    double R = ((2.0 * S[i] - hi) - lo) / (hi - lo);
    return (1.0 - R / 3.0) / (1.0 + R / 3.0);
}

/* Runs the direct engine; result arrays are malloc'ed (free with direct_free). */
static inline void direct_run(const fc_eum_options *o, size_t n, const double *cap, const double *pos,
                       const double *sal, const unsigned char *fixed, direct_result *res)
{
    size_t R = o->rounds;
    memset(res, 0, sizeof *res);
    res->n = n;
    res->x = malloc((R + 1) * n * sizeof(double));
    res->r = malloc((R + 1) * n * sizeof(double));
    res->mean = malloc((R + 1) * sizeof(double));
    res->median = malloc((R + 1) * sizeof(double));
    size_t cap_moves = 16;
    res->moves = malloc(cap_moves * sizeof *res->moves);
    double *w = calloc(n, sizeof *w), *x = calloc(n, sizeof *x), *xn = calloc(n, sizeof *x);
    double *r = malloc(n * sizeof *r), *S = malloc(n * sizeof *S), *S1 = malloc(n * sizeof *S);
    for (size_t k = 0; k < n; k++) {
        w[k] = cap[k] * sal[k];
        x[k] = pos[k];
        r[k] = 1.0;
    }
    double lo = x[0], hi = x[0];
    for (size_t k = 1; k < n; k++) {
        lo = x[k] < lo ? x[k] : lo;
        hi = x[k] > hi ? x[k] : hi;
    }
    double D0 = hi - lo;
    memcpy(res->x, x, n * sizeof *x);
    memcpy(res->r, r, n * sizeof *r);
    res->mean[0] = dr_mean(n, w, x);
    res->median[0] = D0 == 0.0 ? x[0] : dr_median(n, w, x, D0, o->median_candidates);
    direct_ctx c = {.n = n, .o = o, .w = w, .s = sal, .x = x, .r = r};
    size_t t = 0;
    while (t < R) {
        t++;
        double D = D0;
        if (o->range_D == FC_EUM_RANGE_CURRENT) {
            lo = hi = x[0];
            for (size_t k = 1; k < n; k++) {
                lo = x[k] < lo ? x[k] : lo;
                hi = x[k] > hi ? x[k] : hi;
            }
            D = hi - lo;
        }
        c.D = D;
        for (size_t k = 0; k < n; k++)
            r[k] = 1.0;
        memcpy(xn, x, n * sizeof *x);
        double max_move = 0.0;
        if (D > 0.0) {
            if (o->q_term == FC_EUM_Q_FULL && o->Q < 1.0)
                c.mu = o->mu == FC_EUM_MU_MEAN ? dr_mean(n, w, x)
                                               : dr_median(n, w, x, D, o->median_candidates);
            c.den = dr_all_pairs_den(&c);
            if (o->risk_update == FC_EUM_RISK_SIMULTANEOUS) {
                dr_security(&c, S);
                for (size_t i = 0; i < n; i++)
                    S1[i] = dr_r_of(S, n, i);
                memcpy(r, S1, n * sizeof *r);
            } else {
                for (size_t i = 0; i < n; i++) {
                    dr_security(&c, S);
                    r[i] = dr_r_of(S, n, i);
                    c.den = dr_all_pairs_den(&c);
                }
            }
            c.den = dr_all_pairs_den(&c);
            for (size_t i = 0; i < n; i++) {
                if (fixed && fixed[i])
                    continue;
                int have[4] = {0};
                size_t bj[4] = {0};
                double bkey[4] = {0}, bd[4] = {0}, by[4] = {0}, bij[4] = {0}, bji[4] = {0};
                fc_event_kind bk[4] = {0};
                for (size_t j = 0; j < n; j++) {
                    if (x[j] == x[i])
                        continue;
                    double pij = dr_P(&c, x[i], x[j]), pji = dr_P(&c, x[j], x[i]);
                    double eij = dr_EU(&c, x[i], x[j], r[i], sal[j], pij);
                    double rho = o->eu_perspective == FC_EUM_PERSPECTIVE_OWN ? r[j] : r[i];
                    double sig = o->eu_ji_salience == FC_EUM_SALIENCE_ALTER ? sal[j] : sal[i];
                    double eji = dr_EU(&c, x[j], x[i], rho, sig, pji);
                    int slot;
                    fc_event_kind kind;
                    double y;
                    if (eji > eij && eij > 0) {
                        slot = 0, kind = FC_EVENT_CONFLICT, y = x[j];
                    } else if (eji > 0 && eij < 0 && eji > fabs(eij)) {
                        slot = 1, kind = FC_EVENT_COMPROMISE;
                        y = o->compromise_point == FC_EUM_POINT_CONCESSION
                                ? x[i] + ((x[j] - x[i]) * fabs(eij / eji))
                                : (fabs(eij) * x[i] + fabs(eji) * x[j]) / (fabs(eij) + fabs(eji));
                    } else if (o->capitulation && eji > 0 && eij < 0 && eji < fabs(eij)) {
                        slot = 2, kind = FC_EVENT_CAPITULATION, y = x[j];
                    } else {
                        continue;
                    }
                    double dist = fabs(y - x[i]), key;
                    if (o->offer_choice == FC_EUM_CHOICE_CONFLICT_FIRST_CLOSEST) {
                        if (slot != 1)
                            key = fabs(x[j] - x[i]);
                        else if (o->compromise_key == FC_EUM_KEY_ABS_WEIGHTED)
                            key = (fabs(eij) * x[i] + fabs(eji) * x[j]) / (fabs(eij) + fabs(eji));
                        else
                            key = (eij * x[i] + eji * x[j]) / (fabs(eij) + fabs(eji));
                        if (have[slot] && !(key < bkey[slot]))
                            continue;
                    } else {
                        slot = 3;
                        key = dist;
                        if (have[3]) {
                            if (o->offer_choice == FC_EUM_CHOICE_LEAST_MOVE ? !(dist < bd[3])
                                : !(eji > bji[3] || (eji == bji[3] && dist < bd[3])))
                                continue;
                        }
                    }
                    have[slot] = 1, bj[slot] = j, bkey[slot] = key, bd[slot] = dist;
                    by[slot] = y, bij[slot] = eij, bji[slot] = eji, bk[slot] = kind;
                }
                int pick = -1;
                for (int s = 0; s < 4 && pick < 0; s++)
                    if (have[s])
                        pick = s;
                if (pick < 0)
                    continue;
                if (res->n_moves == cap_moves) {
                    cap_moves *= 2;
                    res->moves = realloc(res->moves, cap_moves * sizeof *res->moves);
                }
                res->moves[res->n_moves++] = (direct_move){t, i, bj[pick], bk[pick], bij[pick],
                                                           bji[pick], by[pick]};
                xn[i] = by[pick];
                if (fabs(xn[i] - x[i]) > max_move)
                    max_move = fabs(xn[i] - x[i]);
            }
        }
        memcpy(x, xn, n * sizeof *x);
        memcpy(res->x + t * n, x, n * sizeof *x);
        memcpy(res->r + t * n, r, n * sizeof *r);
        res->mean[t] = dr_mean(n, w, x);
        res->median[t] = D == 0.0 ? x[0] : dr_median(n, w, x, D, o->median_candidates);
        if (o->tol >= 0 && max_move <= o->tol)
            break;
    }
    res->rounds = t;
    free(w), free(x), free(xn), free(r), free(S), free(S1);
}

static inline void direct_free(direct_result *res)
{
    free(res->x), free(res->r), free(res->mean), free(res->median), free(res->moves);
    memset(res, 0, sizeof *res);
}

#endif
