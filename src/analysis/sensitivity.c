/* Which inputs matter. Two measures (docs/uncertainty.md explains the choice):
 * - one at a time (a tornado): each input set to its 5% and then its 95% quantile with every
 *   other input at its estimate; the swing of the forecast between the two;
 * - global: standardised regression coefficients (SRC) of the forecast on all inputs over the
 *   sweep's runs, with R^2 saying how much of the forecast's variance the linear fit explains.
 * The regression sums are accumulated in fixed blocks of runs, added in block order, from the
 * inputs regenerated from each run's stream: same numbers whatever the threads or ranks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "fulcrum/util.h"
#include "analysis/sweep_internal.h"

#define SRC_BLOCK 4096

static fc_status tornado(sweep_ctx *c, int swings, fc_error *err)
{
    fc_sweep_result *r = c->r;
    size_t nd = r->n_dims;
    sweep_engine *e;
    fc_status st = sweep_engine_new(c, &e, err);
    if (st)
        return st;
    fc_problem *p = sweep_engine_problem(e);
    fc_error ignored;
    fc_error_clear(&c->nominal_err);
    sweep_inputs_apply(c, p, -1, SIZE_MAX, 0);
    st = c->nominal_status = sweep_engine_eval(e, r->nominal, NULL, NULL, NULL, NULL, &c->nominal_err);
    if (st) {
        for (size_t d = 0; d < nd; d++)
            r->nominal[d] = NAN;
    }
    for (size_t k = 0; swings && k < r->n_inputs; k++) {
        fc_sweep_input *in = &r->inputs[k];
        for (int side = 0; side < 2; side++) {
            double *out = side ? in->out_high : in->out_low;
            sweep_inputs_apply(c, p, -1, k, side ? in->high : in->low);
            st = sweep_engine_eval(e, out, NULL, NULL, NULL, NULL, &ignored);
            if (st == FC_ENOMEM || st == FC_EINTERNAL) {
                sweep_engine_free(e);
                if (err)
                    *err = ignored;
                return st;
            }
            if (st)
                for (size_t d = 0; d < nd; d++)
                    out[d] = NAN;
        }
    }
    sweep_engine_free(e);
    return FC_OK;
}

int sweep_cholesky_solve(double *a, double *b, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        double s = a[j * n + j];
        for (size_t k = 0; k < j; k++)
            s -= a[j * n + k] * a[j * n + k];
        if (!(s > 1e-12))
            return 0;
        a[j * n + j] = sqrt(s);
        for (size_t i = j + 1; i < n; i++) {
            double t = a[i * n + j];
            for (size_t k = 0; k < j; k++)
                t -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = t / a[j * n + j];
        }
    }
    for (size_t i = 0; i < n; i++) {
        double t = b[i];
        for (size_t k = 0; k < i; k++)
            t -= a[i * n + k] * b[k];
        b[i] = t / a[i * n + i];
    }
    for (size_t i = n; i-- > 0;) {
        double t = b[i];
        for (size_t k = i + 1; k < n; k++)
            t -= a[k * n + i] * b[k];
        b[i] = t / a[i * n + i];
    }
    return 1;
}

typedef struct acc_layout {
    size_t p, nd, size;
    size_t sx, sy, sxx, sxy, syy; /* offsets; [0] is the count */
} acc_layout;

static acc_layout layout(size_t p, size_t nd)
{
    acc_layout L = {.p = p, .nd = nd};
    L.sx = 1;
    L.sy = L.sx + p;
    L.sxx = L.sy + nd;
    L.sxy = L.sxx + p * p;
    L.syy = L.sxy + p * nd;
    L.size = L.syy + nd;
    return L;
}

static void accumulate_block(const sweep_ctx *c, const acc_layout *L, size_t b, const double *ycentre,
                             double *acc, double *x)
{
    const fc_sweep_result *r = c->r;
    size_t p = L->p, nd = L->nd;
    memset(acc, 0, L->size * sizeof *acc);
    size_t lo = b * SRC_BLOCK, hi = lo + SRC_BLOCK > r->runs ? r->runs : lo + SRC_BLOCK;
    for (size_t run = lo; run < hi; run++) {
        if (c->run_failed[run])
            continue;
        for (size_t k = 0; k < p; k++)
            x[k] = fc_sweep_input_sample(r, run, k) - r->inputs[k].dist.mode;
        const double *y = &r->run_outcome[run * nd];
        acc[0] += 1;
        for (size_t k = 0; k < p; k++) {
            acc[L->sx + k] += x[k];
            double *row = &acc[L->sxx + k * p];
            for (size_t j = k; j < p; j++)
                row[j] += x[k] * x[j];
        }
        for (size_t d = 0; d < nd; d++) {
            double yd = y[d] - ycentre[d];
            acc[L->sy + d] += yd;
            acc[L->syy + d] += yd * yd;
            for (size_t k = 0; k < p; k++)
                acc[L->sxy + k * nd + d] += x[k] * yd;
        }
    }
}

static fc_status regression(sweep_ctx *c, fc_error *err)
{
    fc_sweep_result *r = c->r;
    size_t p = r->n_inputs, nd = r->n_dims;
    if (p == 0)
        return FC_OK;
    acc_layout L = layout(p, nd);
    int threads = sweep_threads(c);
    size_t wave = (size_t)threads * 2;
    size_t n_blocks = (r->runs + SRC_BLOCK - 1) / SRC_BLOCK;
    double *total = calloc(L.size, sizeof *total);
    double *partial = malloc(wave * L.size * sizeof *partial);
    double *xs = malloc(wave * p * sizeof *xs);
    double *ycentre = malloc(nd * sizeof *ycentre);
    double *cov = malloc(p * p * sizeof *cov);
    double *rhs = malloc(p * sizeof *rhs);
    double *sdx = malloc(p * sizeof *sdx);
    if (!total || !partial || !xs || !ycentre || !cov || !rhs || !sdx) {
        free(total), free(partial), free(xs), free(ycentre), free(cov), free(rhs), free(sdx);
        return fc_error_nomem(err);
    }
    for (size_t d = 0; d < nd; d++)
        ycentre[d] = isfinite(r->nominal[d]) ? r->nominal[d] : (r->scale_min[d] + r->scale_max[d]) / 2;
    for (size_t b0 = 0; b0 < n_blocks; b0 += wave) {
        size_t b1 = b0 + wave < n_blocks ? b0 + wave : n_blocks;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
        for (size_t b = b0; b < b1; b++)
            accumulate_block(c, &L, b, ycentre, partial + (b - b0) * L.size, xs + (b - b0) * p);
        /* In block order: the grouping of the sums is fixed by the number of runs alone. */
        for (size_t b = b0; b < b1; b++)
            for (size_t k = 0; k < L.size; k++)
                total[k] += partial[(b - b0) * L.size + k];
    }
    double n = total[0];
    for (size_t d = 0; d < nd; d++) {
        r->r2[d] = NAN;
        for (size_t k = 0; k < p; k++)
            r->inputs[k].src[d] = NAN;
    }
    if (n > (double)p + 1) {
        for (size_t k = 0; k < p; k++) {
            double m = total[L.sx + k] / n;
            double v = (total[L.sxx + k * p + k] - n * m * m) / (n - 1);
            sdx[k] = v > 0 ? sqrt(v) : 0;
        }
        for (size_t d = 0; d < nd; d++) {
            double my = total[L.sy + d] / n;
            double vy = (total[L.syy + d] - n * my * my) / (n - 1);
            if (!(vy > 0))
                continue;
            double sdy = sqrt(vy);
            int ok = 1;
            for (size_t k = 0; k < p && ok; k++) {
                if (!(sdx[k] > 0))
                    ok = 0;
                double mk = total[L.sx + k] / n;
                for (size_t j = 0; j < p && ok; j++) {
                    size_t a = k < j ? k : j, bb = k < j ? j : k;
                    double mj = total[L.sx + j] / n;
                    cov[k * p + j] = (total[L.sxx + a * p + bb] - n * mk * mj) / (n - 1) / (sdx[k] * sdx[j]);
                }
                rhs[k] = (total[L.sxy + k * nd + d] - n * mk * my) / (n - 1) / (sdx[k] * sdy);
            }
            if (!ok)
                continue;
            double *ry = malloc(p * sizeof *ry);
            if (!ry)
                break;
            memcpy(ry, rhs, p * sizeof *ry);
            if (sweep_cholesky_solve(cov, rhs, p)) {
                double r2 = 0;
                for (size_t k = 0; k < p; k++) {
                    r->inputs[k].src[d] = rhs[k];
                    r2 += rhs[k] * ry[k];
                }
                r->r2[d] = r2;
            }
            free(ry);
        }
    }
    free(total), free(partial), free(xs), free(ycentre), free(cov), free(rhs), free(sdx);
    return FC_OK;
}

fc_status sweep_sensitivity(sweep_ctx *c, int full, fc_error *err)
{
    /* The forecast with every input at its estimate is always reported. */
    fc_status st = tornado(c, full, err);
    if (!st && full)
        st = regression(c, err);
    if (!st && full)
        c->r->has_sensitivity = 1;
    return st;
}
