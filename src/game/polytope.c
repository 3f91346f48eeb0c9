/* Best-response polytopes in fraction-free integer arithmetic (Bareiss-style pivots: every
 * entry stays an integer, the common denominator is the basis determinant), so that vertex
 * enumeration and complementary pivoting are exact without rational normalisation costs. */
#include <stdlib.h>

#include "fulcrum/util.h"
#include "game/bitset.h"

#include "game/polytope.h"

static mpz_t *mpz_array(size_t n)
{
    mpz_t *a = malloc((n ? n : 1) * sizeof *a);
    if (a)
        for (size_t i = 0; i < n; i++)
            mpz_init(a[i]);
    return a;
}

static void mpz_array_free(mpz_t *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        mpz_clear(a[i]);
    free(a);
}

/* Scales one player's payoffs to integers (times the common denominator) and shifts them so
 * the smallest is 1: positive affine changes keep the equilibria. */
static void make_positive(const sform *s, size_t player, mpz_t *out)
{
    size_t m = s->n_strat[0], n = s->n_strat[1];
    mpz_t l, t;
    mpz_init_set_ui(l, 1);
    mpz_init(t);
    for (size_t i = 0; i < m * n; i++)
        mpz_lcm(l, l, mpq_denref(s->payoff[i * 2 + player]));
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            const mpq_t *q = &s->payoff[(i + j * m) * 2 + player]; /* player 1 fastest */
            mpz_divexact(t, l, mpq_denref(*q));
            mpz_mul(out[i * n + j], t, mpq_numref(*q));
        }
    mpz_set(t, out[0]);
    for (size_t k = 1; k < m * n; k++)
        if (mpz_cmp(out[k], t) < 0)
            mpz_set(t, out[k]);
    mpz_sub_ui(t, t, 1);
    for (size_t k = 0; k < m * n; k++)
        mpz_sub(out[k], out[k], t);
    mpz_clear(l);
    mpz_clear(t);
}

fc_status polytope_bimatrix_from_sform(const sform *s, bimatrix *bm, fc_error *err)
{
    bm->m = s->n_strat[0];
    bm->n = s->n_strat[1];
    bm->A = mpz_array(bm->m * bm->n);
    bm->B = mpz_array(bm->m * bm->n);
    if (!bm->A || !bm->B)
        return fc_error_nomem(err);
    make_positive(s, 0, bm->A);
    make_positive(s, 1, bm->B);
    return FC_OK;
}

void polytope_bimatrix_free(bimatrix *bm)
{
    mpz_array_free(bm->A, bm->m * bm->n);
    mpz_array_free(bm->B, bm->m * bm->n);
    bm->A = bm->B = NULL;
}

fc_status polytope_dict_init(dict *d, const bimatrix *bm, int which, fc_error *err)
{
    size_t m = bm->m, n = bm->n;
    d->rows = which == 0 ? n : m;
    d->cols = which == 0 ? m : n;
    d->a = mpz_array(d->rows * d->cols);
    d->c = mpz_array(d->rows);
    d->basic = malloc(d->rows * sizeof *d->basic);
    d->nonbasic = malloc(d->cols * sizeof *d->nonbasic);
    mpz_init_set_ui(d->D, 1);
    mpz_init(d->t1);
    mpz_init(d->t2);
    if (!d->a || !d->c || !d->basic || !d->nonbasic)
        return fc_error_nomem(err);
    for (size_t r = 0; r < d->rows; r++) {
        mpz_set_ui(d->c[r], 1);
        d->basic[r] = which == 0 ? (int)(m + r) : (int)r;
        for (size_t k = 0; k < d->cols; k++) {
            /* P: row j (slack of player 2's strategy j), column i: B[i][j].
             * Q: row i (slack of player 1's strategy i), column j: A[i][j]. */
            if (which == 0)
                mpz_set(d->a[r * d->cols + k], bm->B[k * n + r]);
            else
                mpz_set(d->a[r * d->cols + k], bm->A[r * n + k]);
        }
    }
    for (size_t k = 0; k < d->cols; k++)
        d->nonbasic[k] = which == 0 ? (int)k : (int)(m + k);
    return FC_OK;
}

void polytope_dict_free(dict *d)
{
    mpz_array_free(d->a, d->rows * d->cols);
    mpz_array_free(d->c, d->rows);
    free(d->basic);
    free(d->nonbasic);
    mpz_clear(d->D);
    mpz_clear(d->t1);
    mpz_clear(d->t2);
}

/* Exchanges basic row r with nonbasic column s. Pivoting again on (r, s) undoes it exactly. */
void polytope_dict_pivot(dict *d, size_t r, size_t s)
{
    size_t C = d->cols;
    mpz_t *ar = d->a + r * C;
    mpz_t piv, ais;
    mpz_init_set(piv, ar[s]);
    mpz_init(ais);
    for (size_t i = 0; i < d->rows; i++) {
        if (i == r)
            continue;
        mpz_t *ai = d->a + i * C;
        mpz_set(ais, ai[s]);
        if (mpz_sgn(ais) == 0) {
            /* Only the rescaling by piv / D remains. */
            for (size_t k = 0; k < C; k++) {
                if (k == s || mpz_sgn(ai[k]) == 0)
                    continue;
                mpz_mul(ai[k], ai[k], piv);
                mpz_divexact(ai[k], ai[k], d->D);
            }
            mpz_mul(d->c[i], d->c[i], piv);
            mpz_divexact(d->c[i], d->c[i], d->D);
            continue;
        }
        for (size_t k = 0; k < C; k++) {
            if (k == s)
                continue;
            mpz_mul(d->t1, piv, ai[k]);
            mpz_submul(d->t1, ais, ar[k]);
            mpz_divexact(ai[k], d->t1, d->D);
        }
        mpz_mul(d->t1, piv, d->c[i]);
        mpz_submul(d->t1, ais, d->c[r]);
        mpz_divexact(d->c[i], d->t1, d->D);
        mpz_neg(ai[s], ais);
    }
    mpz_set(ar[s], d->D);
    mpz_set(d->D, piv);
    if (mpz_sgn(d->D) < 0) {
        /* Keep the determinant positive so that feasibility reads as c >= 0. */
        mpz_neg(d->D, d->D);
        for (size_t k = 0; k < d->rows * C; k++)
            mpz_neg(d->a[k], d->a[k]);
        for (size_t i = 0; i < d->rows; i++)
            mpz_neg(d->c[i], d->c[i]);
    }
    int t = d->basic[r];
    d->basic[r] = d->nonbasic[s];
    d->nonbasic[s] = t;
    mpz_clear(piv);
    mpz_clear(ais);
}

/* -1: the labels do not pin down one point; 0: the point is not in the polytope (or is the
 * origin); 1: out holds it, normalised. */
static int solve_point(const bimatrix *bm, int which, const uint64_t *labels, mpq_t *out,
                       bool check)
{
    size_t m = bm->m, n = bm->n;
    size_t dim = which == 0 ? m : n, other = which == 0 ? n : m;
    size_t own0 = which == 0 ? 0 : m;   /* label of this player's first strategy */
    size_t oth0 = which == 0 ? m : 0;
    /* unknowns: coordinates k not labelled (x_k may be nonzero); equations: other player's
     * labels l (constraint tight: sum_k M[k][l] z_k = 1). */
    size_t *unk = malloc(dim * sizeof *unk), nu = 0;
    size_t *eqs = malloc(other * sizeof *eqs), ne = 0;
    if (!unk || !eqs) {
        free(unk);
        free(eqs);
        return false;
    }
    for (size_t k = 0; k < dim; k++)
        if (!bs_get(labels, own0 + k))
            unk[nu++] = k;
    for (size_t l = 0; l < other; l++)
        if (bs_get(labels, oth0 + l))
            eqs[ne++] = l;
    int result = 1;
    if (nu == 0) {
        free(unk);
        free(eqs);
        return 0;
    }
    bool ok = ne >= nu;
    if (!ok)
        result = -1;
    mpq_t *M = ok ? malloc(ne * (nu + 1) * sizeof *M) : NULL;
    if (ok && !M) {
        ok = false;
        result = -1;
    }
    if (ok) {
        for (size_t e = 0; e < ne; e++) {
            for (size_t u = 0; u < nu; u++) {
                mpq_init(M[e * (nu + 1) + u]);
                const mpz_t *v = which == 0 ? &bm->B[unk[u] * n + eqs[e]]
                                            : &bm->A[eqs[e] * n + unk[u]];
                mpq_set_z(M[e * (nu + 1) + u], *v);
            }
            mpq_init(M[e * (nu + 1) + nu]);
            mpq_set_ui(M[e * (nu + 1) + nu], 1, 1);
        }
        /* Gaussian elimination with row exchanges. */
        size_t W = nu + 1, row = 0;
        mpq_t f, t;
        mpq_init(f);
        mpq_init(t);
        size_t *pivcol = malloc(nu * sizeof *pivcol);
        bool free_var = false;
        for (size_t col = 0; col < nu && ok; col++) {
            size_t p = row;
            while (p < ne && mpq_sgn(M[p * W + col]) == 0)
                p++;
            if (p == ne) {
                free_var = true; /* the solution, if any, is not unique */
                continue;
            }
            if (p != row)
                for (size_t k = 0; k < W; k++)
                    mpq_swap(M[p * W + k], M[row * W + k]);
            for (size_t i = 0; i < ne; i++) {
                if (i == row || mpq_sgn(M[i * W + col]) == 0)
                    continue;
                mpq_div(f, M[i * W + col], M[row * W + col]);
                for (size_t k = col; k < W; k++) {
                    mpq_mul(t, f, M[row * W + k]);
                    mpq_sub(M[i * W + k], M[i * W + k], t);
                }
            }
            pivcol[row] = col;
            row++;
        }
        /* Extra equations must be consistent (0 = 0). */
        for (size_t i = row; ok && i < ne; i++)
            if (mpq_sgn(M[i * W + nu]) != 0) {
                ok = false;
                result = 0; /* no solution: the face is empty */
            }
        if (ok && free_var) {
            ok = false;
            result = -1;
        }
        if (ok) {
            mpq_t sum;
            mpq_init(sum);
            for (size_t k = 0; k < dim; k++)
                mpq_set_ui(out[k], 0, 1);
            for (size_t i = 0; i < row; i++) {
                mpq_div(t, M[i * W + nu], M[i * W + pivcol[i]]);
                mpq_set(out[unk[pivcol[i]]], t);
                if (mpq_sgn(t) < 0)
                    result = 0;
                mpq_add(sum, sum, t);
            }
            if (result == 1 && check) {
                /* every constraint of the polytope: sum_k M[k][l] z_k <= 1 */
                mpq_t acc, e;
                mpq_init(acc);
                mpq_init(e);
                for (size_t l = 0; l < other && result == 1; l++) {
                    mpq_set_ui(acc, 0, 1);
                    for (size_t k = 0; k < dim; k++) {
                        if (mpq_sgn(out[k]) == 0)
                            continue;
                        mpq_set_z(e, which == 0 ? bm->B[k * n + l] : bm->A[l * n + k]);
                        mpq_mul(e, e, out[k]);
                        mpq_add(acc, acc, e);
                    }
                    if (mpq_cmp_ui(acc, 1, 1) > 0)
                        result = 0;
                }
                mpq_clear(acc);
                mpq_clear(e);
            }
            if (result == 1 && mpq_sgn(sum) > 0)
                for (size_t k = 0; k < dim; k++)
                    mpq_div(out[k], out[k], sum);
            else if (result == 1)
                result = 0;
            mpq_clear(sum);
        }
        free(pivcol);
        mpq_clear(f);
        mpq_clear(t);
        for (size_t e = 0; e < ne * W; e++)
            mpq_clear(M[e]);
        free(M);
    }
    free(unk);
    free(eqs);
    return result;
}

bool polytope_bimatrix_point(const bimatrix *bm, int which, const uint64_t *labels, mpq_t *out)
{
    return solve_point(bm, which, labels, out, false) == 1;
}

int polytope_bimatrix_point_checked(const bimatrix *bm, int which, const uint64_t *labels, mpq_t *out)
{
    return solve_point(bm, which, labels, out, true);
}
