/* One state of the spatial model of politics (specs/smp.md S3, S5): the distances from
 * ideals to positions, the inferred risk attitudes and each actor's perspective, an
 * actor's estimate of a challenge, and the interpolation that makes a bargain. The
 * perspective matrices U_h are never stored (n^3 numbers for 250 actors would be 125 MB):
 * U_h(i,j) = u(V(i,j), rho(r_h, r_i)) is recomputed where it is needed, which gives the
 * same bits. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "models/smp_internal.h"

fc_status smp_state_alloc(smp_state *s, size_t n, size_t d, fc_error *err)
{
    memset(s, 0, sizeof *s);
    s->X = calloc(n * d, sizeof *s->X);
    s->I = calloc(n * d, sizeof *s->I);
    s->V = calloc(n * n, sizeof *s->V);
    s->VT = calloc(n * n, sizeof *s->VT);
    s->r = calloc(n, sizeof *s->r);
    s->p0 = calloc(n, sizeof *s->p0);
    s->rho = calloc(n * n, sizeof *s->rho);
    s->Uown = calloc(n * n, sizeof *s->Uown);
    if (!s->X || !s->I || !s->V || !s->VT || !s->r || !s->p0 || !s->rho || !s->Uown) {
        smp_state_free(s);
        return fc_error_nomem(err);
    }
    return FC_OK;
}

void smp_state_free(smp_state *s)
{
    free(s->X);
    free(s->I);
    free(s->V);
    free(s->VT);
    free(s->r);
    free(s->p0);
    free(s->rho);
    free(s->Uown);
    memset(s, 0, sizeof *s);
}

double smp_dist(const smp_model *m, size_t i, const double *I, const double *y)
{
    const double *s = m->sal + i * m->d;
    double num = 0.0;
    for (size_t d = 0; d < m->d; d++) {
        double e = (I[d] - y[d]) * s[d];
        num += e * e;
    }
    return sqrt(num / m->ssq[i]);
}

/* S3.4 */
static double rho_of(fc_smp_ra ra, double rh, double ri)
{
    switch (ra) {
    case FC_SMP_RA_NONE: return rh;
    case FC_SMP_RA_ONE_THIRD: return (2.0 * rh + ri) / 3.0;
    case FC_SMP_RA_HALF: return (rh + ri) / 2.0;
    case FC_SMP_RA_TWO_THIRDS: return (rh + 2.0 * ri) / 3.0;
    case FC_SMP_RA_FULL: return ri;
    }
    return rh;
}

fc_status smp_state_setup(const smp_model *m, smp_state *s, smp_pce_ws *ws, double *tmp,
                          fc_error *err)
{
    size_t n = m->n, d = m->d;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double v = smp_dist(m, i, s->I + i * d, s->X + j * d);
            s->V[i * n + j] = v;
            s->VT[j * n + i] = v;
        }
    /* Risk-neutral utilities, one column per option j: U0(i, j) = tmp[j*n + i]. */
    const double **cols = calloc(n, sizeof *cols);
    double *p = s->p0;
    if (!cols) {
        return fc_error_nomem(err);
    }
    for (size_t j = 0; j < n; j++) {
        for (size_t i = 0; i < n; i++)
            tmp[j * n + i] = smp_util(s->VT[j * n + i], 0.0);
        cols[j] = tmp + j * n;
    }
    fc_status st = smp_scalar_pce(m->o, m->cap, n, cols, n, ws, p, err);
    free(cols);
    if (st != FC_OK)
        return st;
    double pmin = 1.0, pmax = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < pmin)
            pmin = p[i];
        if (p[i] > pmax)
            pmax = p[i];
    }
    for (size_t i = 0; i < n; i++) {
        switch (m->o->rr) {
        case FC_SMP_RR_MIN: s->r[i] = (p[i] - pmin) / (pmax - pmin); break;
        case FC_SMP_RR_MID:
        default: s->r[i] = (3.0 * p[i] - (pmax + 2.0 * pmin)) / (2.0 * (pmax - pmin)); break;
        case FC_SMP_RR_MAX: s->r[i] = (2.0 * p[i] - (pmax + pmin)) / (pmax - pmin); break;
        }
    }
    /* When every position is equally likely to win (all actors at one point), KTAB's
     * formulas divide 0 by 0. Fulcrum takes every actor as risk-neutral instead, skips
     * the checks below (which would then fail) and nobody has a reason to move. */
    int degenerate = !(pmax > pmin);
    if (degenerate)
        for (size_t i = 0; i < n; i++)
            s->r[i] = 0.0;
    /* S3.3 step 4: the objective utilities must differ from the risk-neutral ones. */
    double f = degenerate ? 1.0 : 0.0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n && !degenerate; j++) {
            double v = s->V[i * n + j];
            double diff = smp_util(v, 0.0) - smp_util(v, s->r[i]);
            f += diff * diff;
        }
    if (sqrt(f) <= 1e-6) {
        if (m->o->range_refuse)
            return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                                "smp: estimated change in utility out of valid range (risk "
                                "attitudes make no difference)");
        /* Fulcrum's fallback (docs/models/smp.md): the inferred attitudes change no utility
         * of this state, so every actor is taken as risk-neutral, as in the degenerate case
         * above; KTAB stops here instead. Runs that pass the check never reach this line,
         * so every run KTAB completes keeps its bits. */
        for (size_t i = 0; i < n; i++)
            s->r[i] = 0.0;
        degenerate = 1;
    }
    for (size_t h = 0; h < n; h++)
        for (size_t i = 0; i < n; i++)
            s->rho[h * n + i] = rho_of(m->o->ra, s->r[h], s->r[i]);
    /* S3.3 step 5, stopped early once the norm is clearly above the threshold. */
    for (size_t h = 0; h < n && !degenerate; h++) {
        double fh = 0.0;
        for (size_t i = 0; i < n && fh <= 1e-11; i++) {
            double rh = s->rho[h * n + i], ri = s->r[i];
            if (rh == ri)
                continue;
            for (size_t j = 0; j < n; j++) {
                double v = s->V[i * n + j];
                double diff = smp_util(v, rh) - smp_util(v, ri);
                fh += diff * diff;
            }
        }
        if (sqrt(fh) <= 1e-6)
            return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                                "smp: estimate of change in utility by actor %zu out of valid "
                                "range (BigRAdjust=Full always fails, as in KTAB)",
                                h);
    }
    for (size_t a = 0; a < n; a++) {
        double R = s->rho[a * n + a];
        for (size_t x = 0; x < n; x++)
            s->Uown[a * n + x] = smp_util(s->V[a * n + x], R);
    }
    return FC_OK;
}

void smp_prob_edu_chlg(const smp_model *m, const smp_state *s, size_t h, size_t k, size_t i,
                       size_t j, double *phi, double *gain)
{
    size_t n = m->n;
    fc_smp_vr vr = m->o->vr;
    const double *rh = s->rho + h * n;
    const double *V = s->V;
#define UH(a, b) smp_util(V[(a) * n + (b)], rh[a])
    double uki = UH(k, i), ukj = UH(k, j);
    double eu_sq = uki + ukj, u_vict = uki + uki, u_lose = ukj + ukj;
    double a = smp_vote(vr, m->wS[i], UH(i, i), UH(i, j));
    double b = smp_vote(vr, m->wS[j], UH(j, i), UH(j, j));
    double chij = 1e-10, chji = 1e-10;
    if (a > 0.0)
        chij += a;
    if (a < 0.0)
        chji -= a;
    if (b > 0.0)
        chij += b;
    if (b < 0.0)
        chji -= b;
    double Bi = chij, Bj = chji;
    const double *Vi = s->VT + i * n, *Vj = s->VT + j * n;
    fc_smp_tpc tpc = m->o->tpc;
    for (size_t nn = 0; nn < n; nn++) {
        if (nn == i || nn == j)
            continue;
        double wn = m->wS[nn], R = rh[nn];
        double ui = smp_util(Vi[nn], R), uj = smp_util(Vj[nn], R);
        double un = smp_util(V[nn * n + nn], R);
        double v0 = smp_vote(vr, wn, ui, uj);
        double cni = v0 > 0.0 ? Bi + v0 : Bi;
        double cnj = v0 < 0.0 ? Bj - v0 : Bj;
        double pi = cni / (cni + cnj), pi2 = 1.0 - pi;
        double A, B, C, E;
        switch (tpc) {
        case FC_SMP_TPC_FULL_COMMIT:
            A = ui + ui + ui; B = uj + uj + uj; C = ui + ui + ui; E = uj + uj + uj;
            break;
        case FC_SMP_TPC_NO_COMMIT:
            A = ui + ui + un; B = uj + uj + un; C = ui + ui + un; E = uj + uj + un;
            break;
        case FC_SMP_TPC_SEMI_COMMIT:
        default:
            A = ui + ui + un; B = uj + uj + uj; C = ui + ui + ui; E = uj + uj + un;
            break;
        }
        double v = smp_vote(vr, wn, pi * A + pi2 * B, pi * C + pi2 * E);
        if (v > 0.0)
            chij += v;
        if (v < 0.0)
            chji -= v;
    }
#undef UH
    double ph = chij / (chij + chji), ph2 = chji / (chij + chji);
    double Sj = m->S[j];
    double eu_chlg = (1.0 - Sj) * u_vict + Sj * (ph * u_vict + ph2 * u_lose);
    *phi = ph;
    *gain = eu_chlg - eu_sq;
}

static double round4(double x)
{
    return (double)(int32_t)(0.5 + x * 10000.0) / 10000.0;
}

void smp_interp(const smp_model *m, size_t i, size_t j, const double *xi, const double *xj,
                double pI, double pJ, double *bi, double *bj)
{
    size_t D = m->d;
    const double *Si = m->sal + i * D, *Sj = m->sal + j * D;
    fc_smp_ivb ivb = m->o->ivb;
    for (size_t d = 0; d < D; d++) {
        double ti = xi[d], si = Si[d], tj = xj[d], sj = Sj[d];
        if (ivb == FC_SMP_IVB_S2PMAX) {
            double di = pJ - pI > 0.0 ? pJ - pI : 0.0;
            double dj = pI - pJ > 0.0 ? pI - pJ : 0.0;
            double si2 = si * si, sj2 = sj * sj;
            double ei = di * sj2 / (di * sj2 + 1e-6 + (1.0 - di) * si2);
            double ej = dj * si2 / (dj * si2 + 1e-6 + (1.0 - dj) * sj2);
            bi[d] = ti + ei * (tj - ti);
            bj[d] = tj + ej * (ti - tj);
        } else {
            double e = ivb == FC_SMP_IVB_S1P1 ? 1.0 : 2.0;
            double wi = pow(si, e) * pow(pI, e);
            double wj = pow(sj, e) * pow(pJ, e);
            double den = (wi + 1e-6) + wj;
            bi[d] = round4(((wi + 1e-6) * ti + wj * tj) / den);
            bj[d] = round4((wi * ti + (1e-6 + wj) * tj) / den);
        }
    }
}

/* The loop of S6.1 step 2, probEduChlg(i, i, i, j) for every j, arranged for speed: what
 * does not depend on j (U_i(n,i), U_i(n,n)) is computed once, and the targets j run side by
 * side in the inner loop (which the compiler vectorises) while each target's sums still add
 * the third parties x in index order, skipping i and j, as KTAB does. Skipping j in its own
 * lane adds +0 to a sum that starts at 1e-10, which leaves it unchanged, so the bits are
 * those of smp_prob_edu_chlg. vr and tpc are compile-time constants in each instance.
 * scratch holds 6n doubles. */
static inline __attribute__((always_inline)) void
chlg_all(const smp_model *m, const smp_state *s, size_t i, double *scratch, double *pj,
         double *ej, const fc_smp_vr vr, const fc_smp_tpc tpc)
{
    size_t n = m->n;
    const double *R = s->rho + i * n, *V = s->V, *wS = m->wS;
    double *ui = scratch, *un = scratch + n, *Bi = scratch + 2 * n, *Bj = scratch + 3 * n;
    double *chij = scratch + 4 * n, *chji = scratch + 5 * n;
    for (size_t x = 0; x < n; x++) {
        ui[x] = smp_util(V[x * n + i], R[x]);
        un[x] = smp_util(V[x * n + x], R[x]);
    }
    const double *Vi = V + i * n;
    for (size_t j = 0; j < n; j++) {
        double ukj = smp_util(Vi[j], R[i]);
        double a = smp_vote(vr, wS[i], ui[i], ukj);
        double b = smp_vote(vr, wS[j], ui[j], un[j]);
        double cij = 1e-10, cji = 1e-10;
        if (a > 0.0)
            cij += a;
        if (a < 0.0)
            cji -= a;
        if (b > 0.0)
            cij += b;
        if (b < 0.0)
            cji -= b;
        Bi[j] = chij[j] = cij;
        Bj[j] = chji[j] = cji;
    }
    for (size_t x = 0; x < n; x++) {
        if (x == i)
            continue;
        const double *Vx = V + x * n; /* Vx[j] = dist_x(I_x, X_j) */
        const double u_i = ui[x], u_n = un[x], Rx = R[x], wx = wS[x];
        for (size_t j = 0; j < n; j++) {
            double u_j = smp_util(Vx[j], Rx);
            double v0 = smp_vote(vr, wx, u_i, u_j);
            double cni = v0 > 0.0 ? Bi[j] + v0 : Bi[j];
            double cnj = v0 < 0.0 ? Bj[j] - v0 : Bj[j];
            double pi = cni / (cni + cnj), pi2 = 1.0 - pi;
            double A, B, C, E;
            if (tpc == FC_SMP_TPC_FULL_COMMIT) {
                A = u_i + u_i + u_i; B = u_j + u_j + u_j; C = A; E = B;
            } else if (tpc == FC_SMP_TPC_NO_COMMIT) {
                A = u_i + u_i + u_n; B = u_j + u_j + u_n; C = A; E = B;
            } else {
                A = u_i + u_i + u_n; B = u_j + u_j + u_j; C = u_i + u_i + u_i; E = u_j + u_j + u_n;
            }
            double v = smp_vote(vr, wx, pi * A + pi2 * B, pi * C + pi2 * E);
            int count = x != j;
            chij[j] += count && v > 0.0 ? v : 0.0;
            chji[j] -= count && v < 0.0 ? v : 0.0;
        }
    }
    double uki = ui[i], u_vict = uki + uki;
    for (size_t j = 0; j < n; j++) {
        if (j == i)
            continue;
        double ukj = smp_util(Vi[j], R[i]);
        double eu_sq = uki + ukj, u_lose = ukj + ukj;
        double ph = chij[j] / (chij[j] + chji[j]), ph2 = chji[j] / (chij[j] + chji[j]);
        double Sj = m->S[j];
        double eu_chlg = (1.0 - Sj) * u_vict + Sj * (ph * u_vict + ph2 * u_lose);
        pj[j] = ph;
        ej[j] = eu_chlg - eu_sq;
    }
}

#define CHLG_TPC(VR)                                                                      \
    switch (m->o->tpc) {                                                                  \
    case FC_SMP_TPC_NO_COMMIT: chlg_all(m, s, i, scratch, pj, ej, VR, FC_SMP_TPC_NO_COMMIT); break; \
    case FC_SMP_TPC_FULL_COMMIT: chlg_all(m, s, i, scratch, pj, ej, VR, FC_SMP_TPC_FULL_COMMIT); break; \
    default: chlg_all(m, s, i, scratch, pj, ej, VR, FC_SMP_TPC_SEMI_COMMIT); break;      \
    }

/* One copy per vector width, chosen when the program loads (the wider ones carry no fused
 * multiply-add: -ffp-contract=off holds in every copy, so the bits are the same). Static, so
 * that callers in other files need no clone attribute (clang requires it on every
 * declaration). */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void challenges_kernel(const smp_model *m, const smp_state *s, size_t i, double *scratch,
                              double *pj, double *ej)
{
    switch (m->o->vr) {
    case FC_SMP_VR_BINARY: CHLG_TPC(FC_SMP_VR_BINARY); break;
    case FC_SMP_VR_PROP_BIN: CHLG_TPC(FC_SMP_VR_PROP_BIN); break;
    case FC_SMP_VR_PROP: CHLG_TPC(FC_SMP_VR_PROP); break;
    case FC_SMP_VR_PROP_CBC: CHLG_TPC(FC_SMP_VR_PROP_CBC); break;
    case FC_SMP_VR_CUBIC: CHLG_TPC(FC_SMP_VR_CUBIC); break;
    case FC_SMP_VR_ASYM_PROSP: CHLG_TPC(FC_SMP_VR_ASYM_PROSP); break;
    }
}

void smp_challenges(const smp_model *m, const smp_state *s, size_t i, double *scratch,
                    double *pj, double *ej)
{
    challenges_kernel(m, s, i, scratch, pj, ej);
}
