/* Interval dictionary for enummixed's fast walk. Each tableau entry is kept as a midpoint m
 * and a radius r with the true (rational) value in [m - r, m + r]. The radii are bounds on
 * everything: the propagated input radii plus every rounding error (at most 2u relative per
 * operation in round-to-nearest, u = 2^-53), the radius sums themselves inflated by 1 + 2^-48
 * (far above their own at most ~12u rounding error) and by 1e-290 (underflow). When a decision
 * cannot be proven from the intervals, the exact GMP shadow is brought to the current basis
 * (at most `cols` exact pivots) and decides, and the intervals restart from its values. */
#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/ivdict.h"

#define TWO_U 2.220446049250313e-16 /* 2u = 2^-52 */
#define INFL (1.0 + 3.552713678800501e-15) /* 1 + 2^-48 */
#define ETA 1e-290
#define CONV_REL 1.7763568394002505e-15 /* 2^-49: a GMP quotient rounded to double */

static void conv(double *m, double *r, const mpz_t a, const mpz_t D)
{
    if (mpz_sgn(a) == 0) {
        *m = 0;
        *r = ETA;
        return;
    }
    long ea, ed;
    double fa = mpz_get_d_2exp(&ea, a), fd = mpz_get_d_2exp(&ed, D);
    double v = ldexp(fa / fd, (int)(ea - ed));
    *m = v;
    *r = fabs(v) * CONV_REL + ETA;
}

/* Brings the exact shadow to this dictionary's basis and reloads the intervals from it.
 * False only when the basis change fails (cannot happen for a nonsingular basis). */
static bool sync_exact(ivdict *d)
{
    dict *e = &d->ex;
    size_t R = d->rows, C = d->cols;
    if (d->synced)
        return true;
    d->syncs++;
    memset(d->isnb, 0, d->L);
    for (size_t k = 0; k < C; k++)
        d->isnb[d->nonbasic[k]] = 1;
    for (size_t r = 0; r < R; r++) {
        if (!d->isnb[e->basic[r]])
            continue;
        /* Row r's variable must leave: swap it with a column whose variable must enter and
         * whose entry is nonzero (one exists because the target basis is nonsingular). */
        size_t s = C;
        for (size_t k = 0; k < C && s == C; k++)
            if (!d->isnb[e->nonbasic[k]] && mpz_sgn(e->a[r * C + k]) != 0)
                s = k;
        if (s == C)
            return false;
        polytope_dict_pivot(e, r, s);
    }
    for (size_t r = 0; r < R; r++)
        d->rowpos[e->basic[r]] = (int)r;
    for (size_t k = 0; k < C; k++)
        d->colpos[e->nonbasic[k]] = (int)k;
    for (size_t i = 0; i < R; i++) {
        size_t er = (size_t)d->rowpos[d->basic[i]];
        if (d->isnb[d->basic[i]])
            return false;
        for (size_t k = 0; k < C; k++) {
            size_t ec = (size_t)d->colpos[d->nonbasic[k]];
            conv(&d->tm[i * C + k], &d->tr[i * C + k], e->a[er * C + ec], e->D);
        }
        conv(&d->cm[i], &d->cr[i], e->c[er], e->D);
    }
    d->synced = true;
    d->fresh = true;
    return true;
}

/* z - a * b for intervals (radius rigorous, see the top of the file). */
static inline void iv_submul(double zm, double zr, double am, double ar, double bm, double br,
                             double *om, double *orr)
{
    double P = am * bm;
    double z = zm - P;
    *om = z;
    *orr = (zr + fabs(am) * br + fabs(bm) * ar + ar * br + TWO_U * (fabs(P) + fabs(z))) * INFL +
           ETA;
}

static inline void iv_mul(double am, double ar, double bm, double br, double *om, double *orr)
{
    double P = am * bm;
    *om = P;
    *orr = (fabs(am) * br + fabs(bm) * ar + ar * br + TWO_U * fabs(P)) * INFL + ETA;
}

/* Recomputes the intervals of the current basis from the game's data by an interval
 * Gauss-Jordan elimination of the k x k system of the tight constraints in the basic
 * variables of this player (k = how many of them are basic). Much tighter than the
 * intervals carried along a long run of pivots, and no GMP. False when already fresh or
 * the elimination cannot prove its pivots nonzero (the exact shadow then decides). */
static bool refresh(ivdict *d)
{
    if (d->fresh || !d->can_refresh)
        return false;
    size_t R = d->rows, C = d->cols, k = 0, nsn = 0;
    for (size_t i = 0; i < R; i++)
        if (d->init_col[d->basic[i]] >= 0)
            d->xb[k++] = (size_t)d->basic[i];
    for (size_t q = 0; q < C; q++)
        if (d->init_row[d->nonbasic[q]] >= 0)
            d->sn[nsn++] = (size_t)d->nonbasic[q];
    if (nsn != k)
        return false;
    size_t W = k + C + 1;
    double *wm = d->wm, *wr = d->wr;
    const double *a0 = d->a0;
    /* equation of each tight constraint rho in sn: sum_{xb} a0 x = 1 - x_rho - sum_{xn} a0 x */
    for (size_t e = 0; e < k; e++) {
        size_t ro = (size_t)d->init_row[d->sn[e]];
        for (size_t j = 0; j < k; j++) {
            wm[e * W + j] = a0[ro * C + (size_t)d->init_col[d->xb[j]]];
            wr[e * W + j] = 0;
        }
        for (size_t q = 0; q < C; q++) {
            int lab = d->nonbasic[q];
            double v = d->init_row[lab] >= 0 ? (lab == (int)d->sn[e] ? 1.0 : 0.0)
                                             : a0[ro * C + (size_t)d->init_col[lab]];
            wm[e * W + k + q] = v;
            wr[e * W + k + q] = 0;
        }
        wm[e * W + k + C] = 1.0;
        wr[e * W + k + C] = 0;
    }
    /* Gauss-Jordan with the largest midpoint as pivot */
    for (size_t j = 0; j < k; j++) {
        size_t p = j;
        for (size_t i = j + 1; i < k; i++)
            if (fabs(wm[i * W + j]) > fabs(wm[p * W + j]))
                p = i;
        if (p != j)
            for (size_t c = 0; c < W; c++) {
                double t = wm[p * W + c];
                wm[p * W + c] = wm[j * W + c];
                wm[j * W + c] = t;
                t = wr[p * W + c];
                wr[p * W + c] = wr[j * W + c];
                wr[j * W + c] = t;
            }
        double pm = wm[j * W + j], pr = wr[j * W + j];
        if (!(fabs(pm) > 2 * pr))
            return false;
        double ap = fabs(pm), qm = 1.0 / pm;
        double qr = (pr / (ap * (ap - pr)) + TWO_U * fabs(qm)) * INFL + ETA;
        for (size_t c = j + 1; c < W; c++)
            iv_mul(wm[j * W + c], wr[j * W + c], qm, qr, &wm[j * W + c], &wr[j * W + c]);
        wm[j * W + j] = 1;
        wr[j * W + j] = 0;
        for (size_t i = 0; i < k; i++) {
            if (i == j)
                continue;
            double am = wm[i * W + j], ar = wr[i * W + j];
            if (am == 0 && ar == 0)
                continue;
            for (size_t c = j + 1; c < W; c++)
                iv_submul(wm[i * W + c], wr[i * W + c], am, ar, wm[j * W + c], wr[j * W + c],
                          &wm[i * W + c], &wr[i * W + c]);
            wm[i * W + j] = 0;
            wr[i * W + j] = 0;
        }
    }
    /* row j of w now reads x_{xb[j]} = w[j][end] - sum_q w[j][k+q] x_{nonbasic[q]} */
    for (size_t j = 0; j < k; j++)
        d->gjrow[d->xb[j]] = j;
    for (size_t i = 0; i < R; i++) {
        int lab = d->basic[i];
        double *tm = d->tm + i * C, *tr = d->tr + i * C;
        if (d->init_col[lab] >= 0) {
            size_t j = d->gjrow[lab];
            memcpy(tm, wm + j * W + k, C * sizeof *tm);
            memcpy(tr, wr + j * W + k, C * sizeof *tr);
            d->cm[i] = wm[j * W + k + C];
            d->cr[i] = wr[j * W + k + C];
            continue;
        }
        /* a slack row: x_rho = 1 - sum_{xb} a0 x - sum_{xn} a0 x, x_xb substituted */
        size_t ro = (size_t)d->init_row[lab];
        for (size_t q = 0; q < C; q++) {
            int nl = d->nonbasic[q];
            tm[q] = d->init_row[nl] >= 0 ? 0.0 : a0[ro * C + (size_t)d->init_col[nl]];
            tr[q] = 0;
        }
        double cm = 1, cr = 0;
        for (size_t j = 0; j < k; j++) {
            double a = a0[ro * C + (size_t)d->init_col[d->xb[j]]];
            /* x_rho gains -a * x_xb = -a * c_xb + a * sum_q w x_q: c -= a c_xb, T -= a w */
            for (size_t q = 0; q < C; q++)
                iv_submul(tm[q], tr[q], a, 0, wm[j * W + k + q], wr[j * W + k + q], &tm[q], &tr[q]);
            iv_submul(cm, cr, a, 0, wm[j * W + k + C], wr[j * W + k + C], &cm, &cr);
        }
        d->cm[i] = cm;
        d->cr[i] = cr;
    }
    d->fresh = true;
    d->refreshes++;
    return true;
}

int ivd_init(ivdict *d, const bimatrix *bm, int which)
{
    memset(d, 0, sizeof *d);
    fc_error err;
    if (polytope_dict_init(&d->ex, bm, which, &err) != FC_OK) {
        if (d->ex.a)
            polytope_dict_free(&d->ex);
        return IV_NOMEM;
    }
    d->ex_init = true;
    size_t R = d->ex.rows, C = d->ex.cols;
    d->rows = R;
    d->cols = C;
    d->L = bm->m + bm->n;
    d->tm = malloc(R * C * sizeof *d->tm);
    d->tr = malloc(R * C * sizeof *d->tr);
    d->cm = malloc(R * sizeof *d->cm);
    d->cr = malloc(R * sizeof *d->cr);
    d->qm = malloc(C * sizeof *d->qm);
    d->qr = malloc(C * sizeof *d->qr);
    d->basic = malloc(R * sizeof *d->basic);
    d->nonbasic = malloc(C * sizeof *d->nonbasic);
    d->rowpos = malloc(d->L * sizeof *d->rowpos);
    d->bn = malloc(C * sizeof *d->bn);
    d->bd = malloc(C * sizeof *d->bd);
    d->bu = malloc(C * sizeof *d->bu);
    d->brow = malloc(C * sizeof *d->brow);
    d->any = malloc(C * sizeof *d->any);
    d->ok = malloc(C * sizeof *d->ok);
    if (!d->bn || !d->bd || !d->bu || !d->brow || !d->any || !d->ok)
        return IV_NOMEM;
    if (R > IV_MAXROWS)
        return IV_DEGENERATE;
    d->colpos = malloc(d->L * sizeof *d->colpos);
    d->isnb = malloc(d->L);
    if (!d->tm || !d->tr || !d->cm || !d->cr || !d->qm || !d->qr || !d->basic || !d->nonbasic ||
        !d->rowpos || !d->colpos || !d->isnb)
        return IV_NOMEM;
    size_t K = R < C ? R : C;
    d->a0 = malloc(R * C * sizeof *d->a0);
    d->init_row = malloc(d->L * sizeof *d->init_row);
    d->init_col = malloc(d->L * sizeof *d->init_col);
    d->wm = malloc(K * (K + C + 1) * sizeof *d->wm);
    d->wr = malloc(K * (K + C + 1) * sizeof *d->wr);
    d->xb = malloc((K + 1) * sizeof *d->xb);
    d->sn = malloc((C + 1) * sizeof *d->sn);
    d->gjrow = malloc(d->L * sizeof *d->gjrow);
    if (!d->a0 || !d->init_row || !d->init_col || !d->wm || !d->wr || !d->xb || !d->sn ||
        !d->gjrow)
        return IV_NOMEM;
    /* the initial data must be exact in doubles for the refresh to be rigorous */
    d->can_refresh = true;
    for (size_t i = 0; i < R * C; i++) {
        if (mpz_sizeinbase(d->ex.a[i], 2) > 52)
            d->can_refresh = false;
        d->a0[i] = mpz_get_d(d->ex.a[i]);
    }
    for (size_t l = 0; l < d->L; l++)
        d->init_row[l] = d->init_col[l] = -1;
    for (size_t r = 0; r < R; r++)
        d->init_row[d->ex.basic[r]] = (int)r;
    for (size_t k = 0; k < C; k++)
        d->init_col[d->ex.nonbasic[k]] = (int)k;
    memcpy(d->basic, d->ex.basic, R * sizeof *d->basic);
    memcpy(d->nonbasic, d->ex.nonbasic, C * sizeof *d->nonbasic);
    if (!sync_exact(d))
        return IV_DEGENERATE;
    d->syncs = 0;
    return IV_OK;
}

void ivd_free(ivdict *d)
{
    if (d->ex_init)
        polytope_dict_free(&d->ex);
    free(d->tm);
    free(d->tr);
    free(d->cm);
    free(d->cr);
    free(d->qm);
    free(d->qr);
    free(d->basic);
    free(d->nonbasic);
    free(d->rowpos);
    free(d->colpos);
    free(d->isnb);
    free(d->a0);
    free(d->init_row);
    free(d->init_col);
    free(d->wm);
    free(d->wr);
    free(d->xb);
    free(d->sn);
    free(d->gjrow);
    free(d->bn);
    free(d->bd);
    free(d->bu);
    free(d->brow);
    free(d->any);
    free(d->ok);
    memset(d, 0, sizeof *d);
}

/* The exact minimum-ratio rows of column s of the shadow (synchronised), as rows of this
 * dictionary in increasing order; their number is returned. */
static size_t exact_ratio(ivdict *d, size_t s, size_t *ties, int *rc)
{
    dict *e = &d->ex;
    size_t C = d->cols;
    size_t es = (size_t)d->colpos[d->nonbasic[s]];
    long best = -1;
    size_t nt = 0;
    *rc = IV_OK;
    /* walk this dictionary's rows in order so the ties come out sorted */
    for (size_t i = 0; i < d->rows; i++) {
        size_t ei = (size_t)d->rowpos[d->basic[i]];
        const mpz_t *ai = &e->a[ei * C + es];
        if (mpz_sgn(*ai) <= 0)
            continue;
        if (best < 0) {
            best = (long)ei;
            ties[nt++] = i;
            continue;
        }
        mpz_mul(e->t1, e->c[ei], e->a[(size_t)best * C + es]);
        mpz_mul(e->t2, e->c[best], *ai);
        int cmp = mpz_cmp(e->t1, e->t2);
        if (cmp < 0) {
            best = (long)ei;
            nt = 0;
            ties[nt++] = i;
        } else if (cmp == 0) {
            ties[nt++] = i;
        }
    }
    return nt;
}

/* The minimum-ratio test from the intervals: 1 proven winner (*win), 0 proven no row
 * limits the column, -1 not proven. */
static int float_ratio(ivdict *d, size_t s, size_t *win)
{
    size_t C = d->cols, R = d->rows;
    long best = -1;
    double bestU = INFINITY;
    bool any = false;
    /* pass 1: the row with the smallest proven upper bound on its ratio */
    for (size_t i = 0; i < R; i++) {
        double tm = d->tm[i * C + s], tr = d->tr[i * C + s];
        if (tm + tr <= 0)
            continue; /* proven nonpositive: does not limit the column */
        any = true;
        if (tm - tr > 0) {
            double U = (d->cm[i] + d->cr[i]) / (tm - tr) * (1 + 1e-14);
            if (U < bestU) {
                bestU = U;
                best = (long)i;
            }
        }
    }
    if (!any)
        return 0;
    bool proven = best >= 0 && bestU < INFINITY;
    /* pass 2: every other row that may limit the column has a proven larger ratio:
     * c_i / t_i >= (cm - cr) / (tm + tr) > bestU, tested as (cm - cr) > bestU (tm + tr) with a
     * margin far above the few roundings involved */
    for (size_t i = 0; i < R && proven; i++) {
        if ((long)i == best)
            continue;
        double tm = d->tm[i * C + s], tr = d->tr[i * C + s];
        double hi = tm + tr;
        if (hi <= 0)
            continue;
        /* the basic values are nonnegative (a feasible basis), so c_i >= max(0, cm - cr) */
        if (!(d->cm[i] - d->cr[i] > bestU * hi * (1 + 1e-13)))
            proven = false;
    }
    if (!proven)
        return -1;
    *win = (size_t)best;
    return 1;
}

/* pass 1 of ivd_ratio_all on row i, columns [s0, C): scalar, without branches */
static inline void pass1_scalar(ivdict *d, size_t i, size_t s0)
{
    size_t C = d->cols;
    const double *tm = d->tm + i * C, *tr = d->tr + i * C;
    double cm = d->cm[i], di = (double)i;
    for (size_t s = s0; s < C; s++) {
        double t = tm[s], r = tr[s];
        d->any[s] |= (int64_t)!(t + r <= 0);
        bool c = (t - r > 0) & (cm * d->bd[s] < d->bn[s] * t);
        d->bn[s] = c ? cm : d->bn[s];
        d->bd[s] = c ? t : d->bd[s];
        d->brow[s] = c ? di : d->brow[s];
    }
}

static inline void pass2_scalar(ivdict *d, size_t i, size_t s0)
{
    size_t C = d->cols;
    const double *tm = d->tm + i * C, *tr = d->tr + i * C;
    double clo = d->cm[i] - d->cr[i], di = (double)i;
    for (size_t s = s0; s < C; s++) {
        double hi = tm[s] + tr[s];
        d->ok[s] &= (int64_t)((hi <= 0) | (d->brow[s] == di) |
                              (clo > d->bu[s] * hi * (1 + 1e-13)));
    }
}

/* The sign tests here are unpredictable, so the inner loops have no branches: SSE2 selects
 * two columns at a time (any and ok hold all-ones masks there), scalar selects otherwise. */
void ivd_ratio_all(ivdict *d, uint8_t *win)
{
    size_t C = d->cols, R = d->rows;
    double *bn = d->bn, *bd = d->bd, *bu = d->bu, *brow = d->brow;
    int64_t *any = d->any, *ok = d->ok;
    for (size_t s = 0; s < C; s++) {
        bn[s] = 1;
        bd[s] = 0;
        brow[s] = -1;
        any[s] = 0;
        ok[s] = -1;
    }
    size_t C2 = 0;
#ifdef __SSE2__
    C2 = C & ~(size_t)1;
    const __m128d zero = _mm_setzero_pd();
#endif
    /* pass 1: a candidate per column, by midpoints (not yet a proof) */
    for (size_t i = 0; i < R; i++) {
#ifdef __SSE2__
        const double *tm = d->tm + i * C, *tr = d->tr + i * C;
        __m128d cm = _mm_set1_pd(d->cm[i]), di = _mm_set1_pd((double)i);
        for (size_t s = 0; s < C2; s += 2) {
            __m128d t = _mm_loadu_pd(tm + s), r = _mm_loadu_pd(tr + s);
            __m128d a = _mm_cmpnle_pd(_mm_add_pd(t, r), zero); /* true for NaN too */
            _mm_storeu_pd((double *)(any + s), _mm_or_pd(_mm_loadu_pd((double *)(any + s)), a));
            __m128d vbn = _mm_loadu_pd(bn + s), vbd = _mm_loadu_pd(bd + s);
            __m128d c = _mm_and_pd(_mm_cmpgt_pd(_mm_sub_pd(t, r), zero),
                                   _mm_cmplt_pd(_mm_mul_pd(cm, vbd), _mm_mul_pd(vbn, t)));
            _mm_storeu_pd(bn + s, _mm_or_pd(_mm_and_pd(c, cm), _mm_andnot_pd(c, vbn)));
            _mm_storeu_pd(bd + s, _mm_or_pd(_mm_and_pd(c, t), _mm_andnot_pd(c, vbd)));
            __m128d vbr = _mm_loadu_pd(brow + s);
            _mm_storeu_pd(brow + s, _mm_or_pd(_mm_and_pd(c, di), _mm_andnot_pd(c, vbr)));
        }
#endif
        pass1_scalar(d, i, C2);
    }
    /* its proven upper bound on the ratio, as in float_ratio */
    for (size_t s = 0; s < C; s++) {
        if (brow[s] < 0) {
            bu[s] = NAN;
            continue;
        }
        size_t b = (size_t)brow[s];
        bu[s] = (d->cm[b] + d->cr[b]) / (d->tm[b * C + s] - d->tr[b * C + s]) * (1 + 1e-14);
    }
    /* pass 2: every other row has a proven larger ratio (see float_ratio) */
    for (size_t i = 0; i < R; i++) {
#ifdef __SSE2__
        const double *tm = d->tm + i * C, *tr = d->tr + i * C;
        __m128d clo = _mm_set1_pd(d->cm[i] - d->cr[i]), di = _mm_set1_pd((double)i);
        const __m128d K = _mm_set1_pd(1 + 1e-13);
        for (size_t s = 0; s < C2; s += 2) {
            __m128d hi = _mm_add_pd(_mm_loadu_pd(tm + s), _mm_loadu_pd(tr + s));
            __m128d skip = _mm_or_pd(_mm_cmple_pd(hi, zero), /* false for NaN */
                                     _mm_cmpeq_pd(_mm_loadu_pd(brow + s), di));
            __m128d prove =
                _mm_cmpgt_pd(clo, _mm_mul_pd(_mm_mul_pd(_mm_loadu_pd(bu + s), hi), K));
            __m128d o = _mm_and_pd(_mm_loadu_pd((double *)(ok + s)), _mm_or_pd(skip, prove));
            _mm_storeu_pd((double *)(ok + s), o);
        }
#endif
        pass2_scalar(d, i, C2);
    }
    for (size_t s = 0; s < C; s++) {
        if (!any[s])
            win[s] = IV_NONE;
        else if (brow[s] >= 0 && ok[s] && bu[s] < INFINITY)
            win[s] = (uint8_t)brow[s];
        else
            win[s] = IV_UNKNOWN;
    }
}

size_t ivd_ratio(ivdict *d, size_t s, size_t *ties, int *rc)
{
    *rc = IV_OK;
    int fr = float_ratio(d, s, ties);
    if (fr < 0 && refresh(d))
        fr = float_ratio(d, s, ties);
    if (fr >= 0)
        return (size_t)fr;
    if (!sync_exact(d)) {
        *rc = IV_DEGENERATE;
        return 0;
    }
    return exact_ratio(d, s, ties, rc);
}

int ivd_pivot(ivdict *d, size_t r, size_t s, uint64_t *zero_labels)
{
    size_t C = d->cols, R = d->rows;
    double pm = d->tm[r * C + s], pr = d->tr[r * C + s];
    if (!(fabs(pm) > 2 * pr) && refresh(d)) {
        pm = d->tm[r * C + s];
        pr = d->tr[r * C + s];
    }
    if (!(fabs(pm) > 2 * pr)) {
        if (!sync_exact(d))
            return IV_DEGENERATE;
        pm = d->tm[r * C + s];
        pr = d->tr[r * C + s];
        if (!(fabs(pm) > 2 * pr))
            return IV_DEGENERATE; /* out of double range: let the exact walk do it */
    }
    double ap = fabs(pm);
    double qm = 1.0 / pm;
    double qr = (pr / (ap * (ap - pr)) + TWO_U * fabs(qm)) * INFL + ETA;
    /* the new pivot row: t_rk / p, and 1 / p in column s */
    double *rm = d->qm, *rr = d->qr;
    for (size_t k = 0; k < C; k++) {
        double xm = d->tm[r * C + k], xr = d->tr[r * C + k];
        double P = xm * qm;
        rm[k] = P;
        rr[k] = (fabs(xm) * qr + fabs(qm) * xr + xr * qr + TWO_U * fabs(P)) * INFL + ETA;
    }
    rm[s] = qm;
    rr[s] = qr;
    double crm, crr;
    {
        double xm = d->cm[r], xr = d->cr[r];
        crm = xm * qm;
        crr = (fabs(xm) * qr + fabs(qm) * xr + xr * qr + TWO_U * fabs(crm)) * INFL + ETA;
    }
    for (size_t i = 0; i < R; i++) {
        if (i == r)
            continue;
        double *im = d->tm + i * C, *ir = d->tr + i * C;
        double a = im[s], ar = ir[s], aa = fabs(a);
        size_t k0 = 0;
#ifdef __SSE2__
        {
            /* the same operations, two columns at a time (fabs by clearing the sign bit) */
            const __m128d sgn = _mm_set1_pd(-0.0), va = _mm_set1_pd(a), var = _mm_set1_pd(ar),
                          vaa = _mm_set1_pd(aa), v2u = _mm_set1_pd(TWO_U),
                          vinf = _mm_set1_pd(INFL), veta = _mm_set1_pd(ETA);
            for (; k0 + 2 <= C; k0 += 2) {
                __m128d xm = _mm_loadu_pd(rm + k0), xr = _mm_loadu_pd(rr + k0);
                __m128d P = _mm_mul_pd(va, xm);
                __m128d z = _mm_sub_pd(_mm_loadu_pd(im + k0), P);
                __m128d rad = _mm_add_pd(_mm_loadu_pd(ir + k0), _mm_mul_pd(vaa, xr));
                rad = _mm_add_pd(rad, _mm_mul_pd(_mm_andnot_pd(sgn, xm), var));
                rad = _mm_add_pd(rad, _mm_mul_pd(var, xr));
                rad = _mm_add_pd(rad, _mm_mul_pd(v2u, _mm_add_pd(_mm_andnot_pd(sgn, P),
                                                                  _mm_andnot_pd(sgn, z))));
                _mm_storeu_pd(im + k0, z);
                _mm_storeu_pd(ir + k0, _mm_add_pd(_mm_mul_pd(rad, vinf), veta));
            }
        }
#endif
        for (size_t k = k0; k < C; k++) {
            double xm = rm[k], xr = rr[k];
            double P = a * xm;
            double z = im[k] - P;
            double rad = ir[k] + aa * xr + fabs(xm) * ar + ar * xr + TWO_U * (fabs(P) + fabs(z));
            im[k] = z;
            ir[k] = rad * INFL + ETA;
        }
        /* column s: -t_is / p */
        {
            double P = a * qm;
            im[s] = -P;
            ir[s] = (aa * qr + fabs(qm) * ar + ar * qr + TWO_U * fabs(P)) * INFL + ETA;
        }
        {
            double P = a * crm;
            double z = d->cm[i] - P;
            double rad = d->cr[i] + aa * crr + fabs(crm) * ar + ar * crr +
                         TWO_U * (fabs(P) + fabs(z));
            d->cm[i] = z;
            d->cr[i] = rad * INFL + ETA;
        }
    }
    memcpy(d->tm + r * C, rm, C * sizeof *rm);
    memcpy(d->tr + r * C, rr, C * sizeof *rr);
    d->cm[r] = crm;
    d->cr[r] = crr;
    int t = d->basic[r];
    d->basic[r] = d->nonbasic[s];
    d->nonbasic[s] = t;
    d->synced = false;
    d->fresh = false;
    if (!zero_labels)
        return IV_OK;
    bool pos = true;
    for (size_t i = 0; i < R && pos; i++)
        pos = d->cm[i] - d->cr[i] > 0;
    if (!pos && refresh(d)) {
        pos = true;
        for (size_t i = 0; i < R && pos; i++)
            pos = d->cm[i] - d->cr[i] > 0;
    }
    if (pos)
        return IV_OK;
    if (!sync_exact(d))
        return IV_DEGENERATE;
    for (size_t i = 0; i < R; i++) {
        int sg = mpz_sgn(d->ex.c[i]);
        if (sg < 0)
            return IV_DEGENERATE; /* cannot happen after a proven ratio test */
        if (sg == 0)
            zero_labels[(size_t)d->ex.basic[i] >> 6] |= (uint64_t)1 << (d->ex.basic[i] & 63);
    }
    return IV_OK;
}
