/* logit: the principal branch of the logit quantal-response equilibrium correspondence
 * (McKelvey and Palfrey 1995, "Quantal response equilibria for normal form games", GEB 10),
 * traced from the centroid at lambda = 0 by an arc-length predictor-corrector in
 * log-probabilities (Turocy 2005, "A dynamic homotopy interpretation of the logistic quantal
 * response equilibrium correspondence", GEB 51). The terminal point is checked: only a point
 * whose regret is within the tolerance is returned as an equilibrium; otherwise the result
 * says it did not converge and gives the regret. Strategic games only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/game_internal.h"

typedef struct qre {
    size_t np, N;          /* players, total strategies */
    size_t *ns, *off;
    size_t n_profiles;
    double *u;             /* n_profiles * np */
    double *D;             /* N * N: D[(off_i+s)*N + off_j+t] = u_i(s, t, others mixed), j != i */
    double *v;             /* N: u_i(s, sigma_-i) */
    double *sig;           /* N */
    size_t *idx;
} qre;

static void qre_values(qre *q)
{
    size_t np = q->np, N = q->N;
    memset(q->D, 0, N * N * sizeof *q->D);
    memset(q->v, 0, N * sizeof *q->v);
    memset(q->idx, 0, np * sizeof *q->idx);
    for (size_t pr = 0; pr < q->n_profiles; pr++) {
        for (size_t i = 0; i < np; i++) {
            size_t si = q->off[i] + q->idx[i];
            double ui = q->u[pr * np + i];
            double w = 1;
            for (size_t k = 0; k < np; k++)
                if (k != i)
                    w *= q->sig[q->off[k] + q->idx[k]];
            q->v[si] += w * ui;
            for (size_t j = 0; j < np; j++) {
                if (j == i)
                    continue;
                double w2 = 1;
                for (size_t k = 0; k < np; k++)
                    if (k != i && k != j)
                        w2 *= q->sig[q->off[k] + q->idx[k]];
                q->D[si * N + q->off[j] + q->idx[j]] += w2 * ui;
            }
        }
        for (size_t i = 0; i < np; i++) {
            if (++q->idx[i] < q->ns[i])
                break;
            q->idx[i] = 0;
        }
    }
}

/* H(x) and its Jacobian (N x (N+1)) at x = (z, lambda). */
static void qre_eval(qre *q, const double *x, double *H, double *J)
{
    size_t N = q->N, np = q->np;
    double lam = x[N];
    for (size_t k = 0; k < N; k++)
        q->sig[k] = exp(x[k]);
    qre_values(q);
    if (J)
        memset(J, 0, N * (N + 1) * sizeof *J);
    for (size_t i = 0; i < np; i++) {
        size_t r = q->off[i];
        /* row r: probabilities add to 1 */
        double sum = 0;
        for (size_t s = 0; s < q->ns[i]; s++) {
            sum += q->sig[r + s];
            if (J)
                J[r * (N + 1) + r + s] = q->sig[r + s];
        }
        H[r] = sum - 1;
        for (size_t s = 1; s < q->ns[i]; s++) {
            size_t row = r + s;
            H[row] = x[r + s] - x[r] - lam * (q->v[r + s] - q->v[r]);
            if (!J)
                continue;
            double *Jr = J + row * (N + 1);
            Jr[r + s] += 1;
            Jr[r] -= 1;
            for (size_t j = 0; j < np; j++) {
                if (j == i)
                    continue;
                for (size_t t = 0; t < q->ns[j]; t++) {
                    size_t c = q->off[j] + t;
                    Jr[c] -= lam * (q->D[(r + s) * N + c] - q->D[r * N + c]) * q->sig[c];
                }
            }
            Jr[N] = -(q->v[r + s] - q->v[r]);
        }
    }
}

/* Solves A y = b (n x n, row-major, destroyed) by Gaussian elimination with partial pivoting. */
static bool solve(double *A, double *b, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        size_t p = c;
        for (size_t i = c + 1; i < n; i++)
            if (fabs(A[i * n + c]) > fabs(A[p * n + c]))
                p = i;
        if (fabs(A[p * n + c]) < 1e-300)
            return false;
        if (p != c) {
            for (size_t k = 0; k < n; k++) {
                double t = A[p * n + k];
                A[p * n + k] = A[c * n + k];
                A[c * n + k] = t;
            }
            double t = b[p];
            b[p] = b[c];
            b[c] = t;
        }
        for (size_t i = c + 1; i < n; i++) {
            double f = A[i * n + c] / A[c * n + c];
            if (f == 0)
                continue;
            for (size_t k = c; k < n; k++)
                A[i * n + k] -= f * A[c * n + k];
            b[i] -= f * b[c];
        }
    }
    for (size_t i = n; i-- > 0;) {
        double v = b[i];
        for (size_t k = i + 1; k < n; k++)
            v -= A[i * n + k] * b[k];
        b[i] = v / A[i * n + i];
    }
    return true;
}

/* Augmented system [J; t^T] y = [rhs; last]. */
static bool aug_solve(const double *J, const double *t, const double *rhs, double last, double *y,
                      size_t N, double *A)
{
    size_t M = N + 1;
    memcpy(A, J, N * M * sizeof *A);
    memcpy(A + N * M, t, M * sizeof *A);
    memcpy(y, rhs, N * sizeof *y);
    y[N] = last;
    return solve(A, y, M);
}

static double max_regret(qre *q, const double *sig)
{
    memcpy(q->sig, sig, q->N * sizeof *sig);
    qre_values(q);
    double worst = 0;
    for (size_t i = 0; i < q->np; i++) {
        double best = -INFINITY, cur = 0;
        for (size_t s = 0; s < q->ns[i]; s++) {
            double v = q->v[q->off[i] + s];
            if (v > best)
                best = v;
            cur += v * sig[q->off[i] + s];
        }
        if (best - cur > worst)
            worst = best - cur;
    }
    return worst;
}

static void branch_push(fc_logit_branch *b, double lam, const double *x, size_t N)
{
    if (!b)
        return;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        double *l = realloc(b->lambda, cap * sizeof *l);
        if (!l)
            return;
        b->lambda = l;
        double *p = realloc(b->point, cap * N * sizeof *p);
        if (!p)
            return;
        b->point = p;
        b->cap = cap;
    }
    b->dim = N;
    b->lambda[b->n] = lam;
    for (size_t k = 0; k < N; k++)
        b->point[b->n * N + k] = exp(x[k]);
    b->n++;
}



fc_status fc_game_logit(const fc_game *g, const fc_game_options *opt, fc_equilibria *out,
                        fc_logit_branch *branch, fc_error *err)
{
    eq_init(out, FC_PROFILE_MIXED, false);
    if (g->form != FC_GAME_STRATEGIC)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "logit is built for strategic games only (agent-form tracing on "
                            "extensive games is not)");
    fc_game_options defaults;
    if (!opt) {
        fc_game_options_default(&defaults);
        opt = &defaults;
    }
    sform *s = NULL;
    fc_status st = sform_build(g, 200000, &s, err);
    if (st != FC_OK)
        return st;
    qre q;
    memset(&q, 0, sizeof q);
    q.np = s->n_players;
    q.ns = s->n_strat;
    q.off = calloc(q.np, sizeof *q.off);
    for (size_t p = 1; p < q.np; p++)
        q.off[p] = q.off[p - 1] + q.ns[p - 1];
    q.N = sform_dim(s);
    q.n_profiles = s->n_profiles;
    size_t N = q.N, M = N + 1;
    q.u = malloc(q.n_profiles * q.np * sizeof *q.u);
    q.D = malloc(N * N * sizeof *q.D);
    q.v = malloc(N * sizeof *q.v);
    q.sig = malloc(N * sizeof *q.sig);
    q.idx = calloc(q.np, sizeof *q.idx);
    double *x = malloc(M * sizeof *x), *xp = malloc(M * sizeof *xp), *t = malloc(M * sizeof *t);
    double *tn = malloc(M * sizeof *tn), *H = malloc(N * sizeof *H), *J = malloc(N * M * sizeof *J);
    double *A = malloc(M * M * sizeof *A), *y = malloc(M * sizeof *y), *zero = calloc(M, sizeof *zero);
    if (!q.off || !q.u || !q.D || !q.v || !q.sig || !q.idx || !x || !xp || !t || !tn || !H || !J ||
        !A || !y || !zero) {
        st = fc_error_set(err, FC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        goto done;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < q.n_profiles * q.np; k++) {
        q.u[k] = mpq_get_d(s->payoff[k]);
        if (q.u[k] < lo)
            lo = q.u[k];
        if (q.u[k] > hi)
            hi = q.u[k];
    }
    double scale = hi > lo ? hi - lo : 1;
    /* Normalise payoffs to a range of 1 so that lambda means the same in every game; the
     * branch is reported in the game's own lambda. */
    for (size_t k = 0; k < q.n_profiles * q.np; k++)
        q.u[k] = (q.u[k] - lo) / scale;
    for (size_t i = 0; i < q.np; i++)
        for (size_t k = 0; k < q.ns[i]; k++)
            x[q.off[i] + k] = -log((double)q.ns[i]);
    x[N] = 0;
    double max_lambda = opt->logit_max_lambda * scale;
    /* initial tangent: increasing lambda */
    memset(t, 0, M * sizeof *t);
    t[N] = 1;
    qre_eval(&q, x, H, J);
    if (aug_solve(J, t, zero, 1, y, N, A)) {
        double nrm = 0;
        for (size_t k = 0; k < M; k++)
            nrm += y[k] * y[k];
        nrm = sqrt(nrm);
        for (size_t k = 0; k < M; k++)
            t[k] = y[k] / nrm;
    }
    branch_push(branch, 0, x, N);
    double h = 0.03;
    size_t steps = 0;
    bool ok = true;
    while (x[N] < max_lambda && steps < 200000) {
        steps++;
        for (size_t k = 0; k < M; k++)
            xp[k] = x[k] + h * t[k];
        /* corrector: Newton on H = 0 within the hyperplane orthogonal to t */
        bool conv = false;
        double first = 0;
        for (int it = 0; it < 8; it++) {
            qre_eval(&q, xp, H, J);
            double nh = 0;
            for (size_t k = 0; k < N; k++)
                nh += H[k] * H[k];
            nh = sqrt(nh);
            if (it == 0)
                first = nh;
            for (size_t k = 0; k < N; k++)
                H[k] = -H[k];
            if (!aug_solve(J, t, H, 0, y, N, A))
                break;
            double nd = 0;
            for (size_t k = 0; k < M; k++) {
                xp[k] += y[k];
                nd += y[k] * y[k];
            }
            if (sqrt(nd) < 1e-10 * (1 + fabs(xp[N]))) {
                conv = true;
                break;
            }
            if (it == 1 && sqrt(nd) > 0.5 * first + 1e-12 && first > 1e-8)
                break; /* contracting too slowly: shorten the step */
        }
        if (!conv) {
            h /= 2;
            if (h < 1e-12) {
                ok = false;
                break;
            }
            continue;
        }
        /* new tangent, oriented along the old one */
        qre_eval(&q, xp, H, J);
        if (!aug_solve(J, t, zero, 1, y, N, A)) {
            ok = false;
            break;
        }
        double nrm = 0, dot = 0;
        for (size_t k = 0; k < M; k++)
            nrm += y[k] * y[k];
        nrm = sqrt(nrm);
        for (size_t k = 0; k < M; k++) {
            tn[k] = y[k] / nrm;
            dot += tn[k] * t[k];
        }
        if (dot < 0.995) {
            /* the curve turned sharply within the step: retry shorter */
            h /= 2;
            if (h < 1e-12) {
                ok = false;
                break;
            }
            continue;
        }
        memcpy(x, xp, M * sizeof *x);
        memcpy(t, tn, M * sizeof *t);
        if (branch)
            branch_push(branch, x[N] / scale, x, N);
        h = fmin(h * 1.25, 0.1 * (1 + x[N]));
    }
    double *sig = malloc(N * sizeof *sig);
    if (!sig) {
        st = fc_error_set(err, FC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < N; k++)
        sig[k] = exp(x[k]);
    /* renormalise per player */
    for (size_t i = 0; i < q.np; i++) {
        double sum = 0;
        for (size_t k = 0; k < q.ns[i]; k++)
            sum += sig[q.off[i] + k];
        for (size_t k = 0; k < q.ns[i]; k++)
            sig[q.off[i] + k] /= sum;
    }
    double reg = max_regret(&q, sig) * scale;
    double tol = opt->logit_tol * scale;
    out->max_regret = reg;
    out->converged = ok && reg <= tol;
    snprintf(out->note, sizeof out->note,
             "logit branch traced to lambda %.4g in %zu steps; terminal regret %.3g (tolerance "
             "%.3g)%s",
             x[N] / scale, steps, reg, tol,
             out->converged ? "" : ": NOT an equilibrium, not printed as NE");
    if (out->converged) {
        if (out->n == out->cap) {
            out->items = calloc(1, sizeof *out->items);
            out->cap = 1;
        }
        if (!out->items) {
            free(sig);
            st = fc_error_set(err, FC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
            goto done;
        }
        out->items[0].dim = N;
        out->items[0].p = NULL;
        out->items[0].x = sig;
        out->n = 1;
        sig = NULL;
    }
    free(sig);
done:
    free(q.off);
    free(q.u);
    free(q.D);
    free(q.v);
    free(q.sig);
    free(q.idx);
    free(x);
    free(xp);
    free(t);
    free(tn);
    free(H);
    free(J);
    free(A);
    free(y);
    free(zero);
    sform_free(s);
    return st;
}
