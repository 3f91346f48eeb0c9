/* The elections of the spatial model of politics (specs/smp.md S4): votes, coalitions,
 * victory probabilities of pairs, and the probability that each option is the Condorcet
 * winner. Every loop runs in the spec's order so that the sums equal KTAB's. */
#include <math.h>
#include <stdlib.h>

#include "fulcrum/util.h"
#include "models/smp_internal.h"

fc_status smp_pce_ws_init(smp_pce_ws *ws, size_t max_options, fc_error *err)
{
    size_t c = max_options ? max_options : 1;
    ws->cap = c;
    ws->C = malloc(c * c * sizeof *ws->C);
    ws->Pv = malloc(c * c * sizeof *ws->Pv);
    ws->H = malloc(c * c * sizeof *ws->H);
    ws->q = malloc(c * sizeof *ws->q);
    ws->T = NULL;
    ws->tcap = 0;
    if (!ws->C || !ws->Pv || !ws->H || !ws->q) {
        smp_pce_ws_free(ws);
        return fc_error_nomem(err);
    }
    return FC_OK;
}

void smp_pce_ws_free(smp_pce_ws *ws)
{
    free(ws->C);
    free(ws->Pv);
    free(ws->H);
    free(ws->q);
    free(ws->T);
    ws->C = ws->Pv = ws->H = ws->q = ws->T = NULL;
    ws->cap = ws->tcap = 0;
}

/* S4.3: the pair (p1, p2) from the coalition strengths (s1, s2). */
static void victory_pair(fc_smp_vpm vpm, double s1, double s2, double *p1, double *p2)
{
    double x1, x2;
    switch (vpm) {
    case FC_SMP_VPM_SQUARE:
        x1 = s1 * s1;
        x2 = s2 * s2;
        break;
    case FC_SMP_VPM_QUARTIC:
        x1 = s1 * s1 * s1 * s1;
        x2 = s2 * s2 * s2 * s2;
        break;
    case FC_SMP_VPM_OCTIC: {
        double q1 = s1 * s1 * s1 * s1, q2 = s2 * s2 * s2 * s2;
        x1 = q1 * q1;
        x2 = q2 * q2;
        break;
    }
    case FC_SMP_VPM_BINARY:
        if (s1 >= 1.10 * s2) {
            x1 = 1.0;
            x2 = 1e-6;
        } else if (s2 >= 1.10 * s1) {
            x1 = 1e-6;
            x2 = 1.0;
        } else {
            double r = s1 / (s1 + s2);
            x1 = (r * 2.10 - 1.0) / 0.10;
            x2 = 1.0 - x1;
        }
        break;
    case FC_SMP_VPM_LINEAR:
    default:
        x1 = s1;
        x2 = s2;
        break;
    }
    *p1 = x1 / (x1 + x2);
    *p2 = x2 / (x1 + x2);
}

/* S4.2 under the proportional rule for the pairs (i, j) with j < i, the pairs side by side:
 * T holds the options voter by voter (T[k*m + j] = utility of option j to voter k). Each
 * pair's sums still add the voters in order; adding +0 where the scalar loop skips a vote
 * leaves a sum that starts at 1e-8 unchanged, so the bits are the scalar loop's. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void coalitions_prop_row(const double *w, size_t nv, const double *ci, const double *T,
                                size_t m, size_t i, double *cij, double *cji)
{
    for (size_t j = 0; j < i; j++) {
        cij[j] = 1e-8;
        cji[j] = 1e-8;
    }
    for (size_t k = 0; k < nv; k++) {
        double wk = w[k], ck = ci[k];
        const double *row = T + k * m;
        for (size_t j = 0; j < i; j++) {
            double v = wk * (ck - row[j]);
            cij[j] += v > 0.0 ? v : 0.0;
            cji[j] -= v < 0.0 ? v : 0.0;
        }
    }
}

/* Row i of S4.2 side by side: C's row i gathers c_ij (j < i), H's row i c_ji, which is then
 * copied into C's column i. */
static void coalitions_wide(const double *w, size_t nv, const double *const *cols, const double *T, size_t m,
                            size_t i, double *C, double *H)
{
    coalitions_prop_row(w, nv, cols[i], T, m, i, C + i * m, H + i * m);
    for (size_t j = 0; j < i; j++)
        C[j * m + i] = H[i * m + j];
    C[i * m + i] = 1e-8;
}

/* Row i of S4.2, pair by pair. */
static void coalitions_row(fc_smp_vr vr, const double *w, size_t nv, const double *const *cols, size_t m,
                           size_t i, double *C)
{
    const double *ci = cols[i];
    for (size_t j = 0; j < i; j++) {
        const double *cj = cols[j];
        double cij = 1e-8, cji = 1e-8;
        if (vr == FC_SMP_VR_PROP) {
            /* The default rule, written out so the hot loop has no switch. */
            for (size_t k = 0; k < nv; k++) {
                double v = w[k] * (ci[k] - cj[k]);
                if (v > 0.0)
                    cij += v;
                if (v < 0.0)
                    cji -= v;
            }
        } else {
            for (size_t k = 0; k < nv; k++) {
                double v = smp_vote(vr, w[k], ci[k], cj[k]);
                if (v > 0.0)
                    cij += v;
                if (v < 0.0)
                    cji -= v;
            }
        }
        C[i * m + j] = cij;
        C[j * m + i] = cji;
    }
    C[i * m + i] = 1e-8;
}

fc_status smp_scalar_pce(const fc_smp_options *o, const double *w, size_t nv,
                         const double *const *cols, size_t m, smp_pce_ws *ws, double *p,
                         fc_error *err)
{
    if (m > ws->cap)
        return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                            "smp: %zu options exceed the election's workspace", m);
    for (size_t k = 0; k < nv; k++)
        if (!(w[k] > 0.0))
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, NULL,
                                "smp: non-positive voting weight %g of actor %zu", w[k], k);
    double *C = ws->C, *Pv = ws->Pv, *H = ws->H, *q = ws->q;
    fc_smp_vr vr = o->vr;
    /* S4.2 coalitions. Each pair's sums run over the voters in order, whatever thread
     * computes it, so a large election (a popular receiver's list in a large case) may
     * spread its pairs over OpenMP's threads without changing a bit. */
    int spread = m * m * nv >= SMP_PCE_PARALLEL_MIN_WORK;
    if (vr == FC_SMP_VR_PROP && m >= SMP_PCE_WIDE_MIN_OPTIONS) {
        if (m * nv > ws->tcap) {
            double *t = realloc(ws->T, m * nv * sizeof *t);
            if (!t)
                return fc_error_nomem(err);
            ws->T = t;
            ws->tcap = m * nv;
        }
        double *T = ws->T;
        for (size_t j = 0; j < m; j++)
            for (size_t k = 0; k < nv; k++)
                T[k * m + j] = cols[j][k];
        /* (a region is entered only with a team: libgomp's entry costs even with if(0)) */
        if (spread) {
#pragma omp parallel for schedule(dynamic, 1)
            for (size_t i = 0; i < m; i++)
                coalitions_wide(w, nv, cols, T, m, i, C, H);
        } else {
            for (size_t i = 0; i < m; i++)
                coalitions_wide(w, nv, cols, T, m, i, C, H);
        }
    } else if (spread) {
#pragma omp parallel for schedule(dynamic, 1)
        for (size_t i = 0; i < m; i++)
            coalitions_row(vr, w, nv, cols, m, i, C);
    } else {
        for (size_t i = 0; i < m; i++)
            coalitions_row(vr, w, nv, cols, m, i, C);
    }
    /* S4.3 pairwise victory probabilities. */
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < i; j++)
            victory_pair(o->vpm, C[i * m + j], C[j * m + i], &Pv[i * m + j], &Pv[j * m + i]);
        Pv[i * m + i] = 0.5;
    }
    /* S4.4 */
    switch (o->pcem) {
    case FC_SMP_PCEM_CONDITIONAL:
    default: {
        double total = 0.0;
        for (size_t i = 0; i < m; i++) {
            double prod = 1.0;
            for (size_t j = 0; j < m; j++)
                prod *= Pv[i * m + j];
            q[i] = prod;
        }
        for (size_t i = 0; i < m; i++)
            total += q[i];
        for (size_t i = 0; i < m; i++)
            p[i] = q[i] / total;
        return FC_OK;
    }
    case FC_SMP_PCEM_MARKOV_UNIFORM: {
        double dm = (double)m;
        for (size_t i = 0; i < m; i++)
            p[i] = 1.0 / dm;
        int iter = 0;
        double change;
        do {
            change = 0.0;
            for (size_t i = 0; i < m; i++) {
                double s = 0.0;
                for (size_t j = 0; j < m; j++)
                    s += Pv[i * m + j] * (p[i] + p[j]);
                q[i] = s / dm;
                double c = fabs(q[i] - p[i]);
                if (c > change)
                    change = c;
            }
            for (size_t i = 0; i < m; i++)
                p[i] = (p[i] + q[i]) / 2.0;
            iter++;
        } while (change > 1e-6 && iter < 1000);
        if (iter >= 1000)
            return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                                "smp: the MarkovUniform election did not converge in 1000 "
                                "iterations");
        return FC_OK;
    }
    case FC_SMP_PCEM_MARKOV_INCENTIVE: {
        double dm = (double)m;
        /* G (kept in H) then each column divided by its sum. */
        for (size_t i = 0; i < m; i++)
            for (size_t j = 0; j < m; j++)
                H[i * m + j] = C[i * m + j] * Pv[i * m + j] + (i == j ? 1e-10 : 0.0);
        for (size_t j = 0; j < m; j++) {
            double s = 0.0;
            for (size_t k = 0; k < m; k++)
                s += H[k * m + j];
            for (size_t k = 0; k < m; k++)
                H[k * m + j] = H[k * m + j] / s;
        }
        for (size_t i = 0; i < m; i++)
            p[i] = 1.0 / dm;
        int iter = 0;
        double change;
        do {
            change = 0.0;
            for (size_t i = 0; i < m; i++) {
                double s = 0.0;
                for (size_t j = 0; j < m; j++) {
                    double tij = p[i] * H[j * m + i];
                    double tji = p[j] * H[i * m + j];
                    s += Pv[i * m + j] * (tij + tji);
                }
                q[i] = s;
                double c = fabs(q[i] - p[i]);
                if (c > change)
                    change = c;
            }
            for (size_t i = 0; i < m; i++)
                p[i] = (p[i] + q[i]) / 2.0;
            iter++;
        } while (change > 1e-8 && iter < 1000);
        if (iter >= 1000)
            return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                                "smp: the MarkovIncentive election did not converge in 1000 "
                                "iterations");
        return FC_OK;
    }
    }
}
