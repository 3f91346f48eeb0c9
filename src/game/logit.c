/* logit: the principal branch of the logit quantal-response equilibrium correspondence
 * (McKelvey and Palfrey 1995, "Quantal response equilibria for normal form games", GEB 10),
 * traced from the centroid at lambda = 0 by an arc-length predictor-corrector in
 * log-probabilities (Turocy 2005, "A dynamic homotopy interpretation of the logistic quantal
 * response equilibrium correspondence", GEB 51). The terminal point is checked: only a point
 * whose regret is within the tolerance is returned as an equilibrium; otherwise the result
 * says it did not converge and gives the regret. Strategic games, and extensive games through
 * the agent form (McKelvey and Palfrey 1998, "Quantal response equilibria for extensive form
 * games", Experimental Economics 1): each information set's action probabilities are the logit
 * response to the actions' values given that the set is reached. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "game/game_internal.h"

typedef struct qre qre;
struct qre {
    /* Groups: the blocks of probabilities that add up to 1 (players' strategies in a strategic
     * game; information sets' actions in the agent form), each responding by logit to its
     * values v. D is the derivative of v with respect to the probabilities (zero within a
     * group). */
    size_t ng, *goff, *gsz;
    void (*values)(qre *q);
    void *agent;           /* agent form: the tree evaluation (logit_agent) */
    bool dlog;             /* D is the derivative with respect to log-probabilities */
    const double *x;       /* the current point (log-probabilities) */
    size_t np, N;          /* players, total strategies */
    size_t *ns, *off;
    size_t n_profiles;
    double *u;             /* n_profiles * np */
    double *D;             /* N * N: D[(off_i+s)*N + off_j+t] = u_i(s, t, others mixed), j != i */
    double *v;             /* N: u_i(s, sigma_-i) */
    double *sig;           /* N */
    size_t *idx;
};

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
    size_t N = q->N;
    double lam = x[N];
    for (size_t k = 0; k < N; k++)
        q->sig[k] = exp(x[k]);
    q->x = x;
    q->values(q);
    if (J)
        memset(J, 0, N * (N + 1) * sizeof *J);
    for (size_t i = 0; i < q->ng; i++) {
        size_t r = q->goff[i];
        /* row r: probabilities add to 1 */
        double sum = 0;
        for (size_t s = 0; s < q->gsz[i]; s++) {
            sum += q->sig[r + s];
            if (J)
                J[r * (N + 1) + r + s] = q->sig[r + s];
        }
        H[r] = sum - 1;
        for (size_t s = 1; s < q->gsz[i]; s++) {
            size_t row = r + s;
            H[row] = x[r + s] - x[r] - lam * (q->v[r + s] - q->v[r]);
            if (!J)
                continue;
            double *Jr = J + row * (N + 1);
            Jr[r + s] += 1;
            Jr[r] -= 1;
            const double *D1 = q->D + (r + s) * N, *D0 = q->D + r * N;
            for (size_t c = 0; c < N; c++)
                if (D1[c] != D0[c])
                    Jr[c] -= lam * (D1[c] - D0[c]) * (q->dlog ? 1 : q->sig[c]);
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

static void values_strategic(qre *q)
{
    qre_values(q);
}

static void values_agent(qre *q)
{
    logit_agent_eval_values(q->agent, q->sig, q->x, q->v, q->D);
}

/* The range of the players' total payoffs over the leaves (outcomes along a path add up). */
static void leaf_range(const fc_game *g, double *lo, double *hi)
{
    size_t nn = g->n_nodes, np = g->n_players;
    double *tot = calloc(nn * np + 1, sizeof *tot);
    *lo = INFINITY;
    *hi = -INFINITY;
    if (!tot)
        return;
    for (size_t v = 0; v < nn; v++) {
        const fc_game_node *nd = &g->nodes[v];
        for (size_t p = 0; p < np; p++) {
            double x = nd->parent >= 0 ? tot[(size_t)nd->parent * np + p] : 0;
            if (nd->outcome)
                x += mpq_get_d(g->outcomes[nd->outcome - 1].payoff[p]);
            tot[v * np + p] = x;
            if (nd->kind == FC_NODE_TERMINAL) {
                *lo = fmin(*lo, x);
                *hi = fmax(*hi, x);
            }
        }
    }
    free(tot);
}

/* Counts one evaluation of the homotopy and a solve with its Jacobian: `flops` floating-point
 * multiply-adds, counted as flops / 64 steps of work (about the time of one exact rational
 * operation, the unit the exact solvers count). */
static bool logit_charge(game_work *w, unsigned long long flops)
{
    return game_work_add(w, flops / 64 + 1);
}

fc_status game_logit(const fc_game *g, const fc_game_options *opt, game_work *w,
                     fc_equilibria *out, fc_logit_branch *branch, fc_error *err)
{
    bool agent = g->form == FC_GAME_EXTENSIVE;
    game_eq_init(out, agent ? FC_PROFILE_BEHAVIOUR : FC_PROFILE_MIXED, false);
    if (agent && !fc_game_perfect_recall(g))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "logit on an extensive game needs perfect recall (this game has "
                            "imperfect recall)");
    if (agent && game_behaviour_dim(g) == 0) {
        /* nothing to trace; Gambit prints no line either */
        out->converged = true;
        snprintf(out->note, sizeof out->note, "no player has a move in this game: no profile");
        return FC_OK;
    }
    fc_game_options defaults;
    if (!opt) {
        fc_game_options_init(&defaults);
        opt = &defaults;
    }
    sform *s = NULL;
    fc_status st = FC_OK;
    if (!agent && (st = sform_build_ex(g, GAME_LOGIT_MAX_PROFILES, true, w, &s, err)) != FC_OK)
        return st;
    /* Dense N x N matrices (the Jacobian and its solve): the dimension is bounded so that they
     * stay in tens of megabytes. */
    size_t dim0 = agent ? game_behaviour_dim(g) : sform_dim(s);
    if (dim0 > GAME_LOGIT_MAX_DIM) {
        sform_free(s);
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "the game is too large for logit (%zu %s; at most %zu)", dim0,
                            agent ? "actions" : "strategies", (size_t)GAME_LOGIT_MAX_DIM);
    }
    qre q;
    memset(&q, 0, sizeof q);
    double lo = INFINITY, hi = -INFINITY;
    if (agent) {
        long *boff = fc_game_behaviour_offsets(g);
        q.N = game_behaviour_dim(g);
        q.goff = calloc(g->n_infosets + 1, sizeof *q.goff);
        q.gsz = calloc(g->n_infosets + 1, sizeof *q.gsz);
        if (boff && q.goff && q.gsz)
            for (size_t i = 0; i < g->n_infosets; i++)
                if (g->infosets[i].player > 0) {
                    q.goff[q.ng] = (size_t)boff[i];
                    q.gsz[q.ng++] = g->infosets[i].n_actions;
                }
        free(boff);
        leaf_range(g, &lo, &hi);
        q.agent = logit_agent_eval_new(g, hi > lo ? hi - lo : 1);
        q.values = values_agent;
        q.dlog = true;
    } else {
        q.np = s->n_players;
        q.ns = s->n_strat;
        q.off = calloc(q.np, sizeof *q.off);
        for (size_t p = 1; p < q.np && q.off; p++)
            q.off[p] = q.off[p - 1] + q.ns[p - 1];
        q.N = sform_dim(s);
        q.n_profiles = s->n_profiles;
        q.ng = q.np;
        q.goff = q.off;
        q.gsz = q.ns;
        q.values = values_strategic;
        q.u = malloc(q.n_profiles * q.np * sizeof *q.u);
        q.idx = calloc(q.np, sizeof *q.idx);
    }
    size_t N = q.N, M = N + 1;
    /* One evaluation: the values and their derivatives (each node or profile against every
     * coordinate), then Gaussian elimination on M x M. */
    unsigned long long eval_flops =
        (unsigned long long)M * M * M / 3 + (unsigned long long)M * M +
        (unsigned long long)(agent ? g->n_nodes : q.n_profiles * q.np) * M;
    q.D = malloc(N * N * sizeof *q.D);
    q.v = malloc(N * sizeof *q.v);
    q.sig = malloc(N * sizeof *q.sig);
    double *x = malloc(M * sizeof *x), *xp = malloc(M * sizeof *xp), *t = malloc(M * sizeof *t);
    double *tn = malloc(M * sizeof *tn), *H = malloc(N * sizeof *H), *J = malloc(N * M * sizeof *J);
    double *A = malloc(M * M * sizeof *A), *y = malloc(M * sizeof *y), *zero = calloc(M, sizeof *zero);
    if (!q.goff || !q.gsz || (agent ? !q.agent : (!q.u || !q.idx)) || !q.D || !q.v || !q.sig ||
        !x || !xp || !t || !tn || !H || !J || !A || !y || !zero) {
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t k = 0; !agent && k < q.n_profiles * q.np; k++) {
        q.u[k] = mpq_get_d(s->payoff[k]);
        if (q.u[k] < lo)
            lo = q.u[k];
        if (q.u[k] > hi)
            hi = q.u[k];
    }
    double scale = hi > lo ? hi - lo : 1;
    /* Normalise payoffs to a range of 1 so that lambda means the same in every game; the
     * branch is reported in the game's own lambda. (The agent form divided them already.) */
    for (size_t k = 0; !agent && k < q.n_profiles * q.np; k++)
        q.u[k] = (q.u[k] - lo) / scale;
    for (size_t i = 0; i < q.ng; i++)
        for (size_t k = 0; k < q.gsz[i]; k++)
            x[q.goff[i] + k] = -log((double)q.gsz[i]);
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
            if (!logit_charge(w, eval_flops)) {
                st = game_work_error(w, err);
                goto done;
            }
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
        if (!logit_charge(w, eval_flops)) {
            st = game_work_error(w, err);
            goto done;
        }
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
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t k = 0; k < N; k++)
        sig[k] = exp(x[k]);
    /* renormalise per group */
    for (size_t i = 0; i < q.ng; i++) {
        double sum = 0;
        for (size_t k = 0; k < q.gsz[i]; k++)
            sum += sig[q.goff[i] + k];
        for (size_t k = 0; k < q.gsz[i]; k++)
            sig[q.goff[i] + k] /= sum;
    }
    /* A branch that broke down numerically (payoffs far beyond the doubles' comfortable range
     * overflow exp) leaves probabilities that are not numbers: never an equilibrium, and no
     * regret to compute (GMP refuses a NaN). */
    bool finite = true;
    for (size_t k = 0; k < N; k++)
        finite = finite && isfinite(sig[k]);
    double reg = NAN;
    if (!finite) {
        /* reg stays NaN */
    } else if (agent) {
        /* the regret of the terminal behaviour profile, computed exactly from its doubles:
         * each player's best reply on the tree against it */
        mpq_t *bq = fc_mpq_array_new(N);
        mpq_t r;
        mpq_init(r);
        for (size_t k = 0; bq && k < N; k++)
            mpq_set_d(bq[k], sig[k]);
        st = bq ? game_behaviour_regret(g, bq, r, err)
                : fc_error_nomem(err);
        reg = mpq_get_d(r);
        mpq_clear(r);
        if (bq)
            fc_mpq_array_free(bq, N);
        if (st != FC_OK) {
            free(sig);
            goto done;
        }
    } else {
        reg = max_regret(&q, sig) * scale;
    }
    double tol = opt->logit_tol * scale;
    out->max_regret = reg;
    /* A branch that stopped short of the end is still reported as an equilibrium when its
     * last point passes the regret check (the note says where it stopped). */
    out->converged = finite && reg <= tol;
    if (!finite)
        snprintf(out->note, sizeof out->note,
                 "logit branch broke down numerically at lambda %.4g after %zu steps (a probability "
                 "is not a number; payoff range %.3g): NOT an equilibrium, not printed as NE",
                 x[N] / scale, steps, scale);
    else
        snprintf(out->note, sizeof out->note,
                 "logit branch traced to lambda %.4g in %zu steps; terminal regret %.3g (tolerance "
                 "%.3g)%s%s",
                 x[N] / scale, steps, reg, tol,
                 ok && x[N] >= max_lambda ? "" : " (the branch stopped short of the end)",
                 out->converged ? "" : ": NOT an equilibrium, not printed as NE");
    if (out->converged) {
        if (out->n == out->cap) {
            out->items = calloc(1, sizeof *out->items);
            out->cap = 1;
        }
        if (!out->items) {
            free(sig);
            st = fc_error_nomem(err);
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
    if (agent) {
        free(q.goff);
        free(q.gsz);
        logit_agent_eval_free(q.agent);
    }
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
