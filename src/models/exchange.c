/* Stokman's position exchange model (Stokman & Van Oosten 1994; Stokman & Van den Bos 1992;
 * on EU decisions Arregui, Stokman & Thomson 2006 in The European Union Decides): actors trade
 * positions across the issues of one decision, each giving ground where it cares less for
 * ground where it cares more, and the outcome is the compromise model on the positions after
 * trading. docs/models/exchange.md gives Fulcrum's reading and a worked example. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/model.h"
#include "fulcrum/util.h"

typedef struct exchange_options {
    int max_exchanges;   /* the most exchanges carried out */
    double min_gain;     /* an exchange must gain each side more than this (salience x scale) */
} exchange_options;

static fc_status exchange_init(void *opts, const char *preset, fc_error *err)
{
    if (preset)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset",
                            "model 'exchange' has no presets; set its options instead");
    exchange_options *o = opts;
    o->max_exchanges = 1000;
    o->min_gain = 1e-9;
    return FC_OK;
}

static fc_status exchange_set(void *opts, const char *key, const char *value, fc_error *err)
{
    exchange_options *o = opts;
    double v = 0;
    int ok = fc_number_parse(value, &v) == FC_NUMBER_OK;
    if (strcmp(key, "max_exchanges") == 0) {
        if (!ok || v < 0 || v > 1e6 || v != floor(v))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                                "max_exchanges must be an integer in 0..1000000, not '%s'", value);
        o->max_exchanges = (int)v;
        return FC_OK;
    }
    if (strcmp(key, "min_gain") == 0) {
        if (!ok || !(v >= 0) || !isfinite(v))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key, "min_gain must be a number >= 0, not '%s'",
                                value);
        o->min_gain = v;
        return FC_OK;
    }
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                        "model 'exchange' has no option '%s' (max_exchanges, min_gain)", key);
}

/* The compromise model on every dimension: O[d] and its weight W[d] = sum c_i s_id. */
static void outcomes(size_t n, size_t nd, const double *c, const double *s, const double *x, double *O,
                     double *W)
{
    for (size_t d = 0; d < nd; d++) {
        double sw = 0, swx = 0;
        for (size_t i = 0; i < n; i++) {
            double w = c[i] * s[i * nd + d];
            sw += w;
            swx += w * x[i * nd + d];
        }
        O[d] = sw > 0 ? swx / sw : NAN;
        W[d] = sw;
    }
}

/* The best exchange in the current state: i gives ground on b, j on a (i cares relatively
 * more for a, j for b, and they sit on opposite sides of the expected outcome on both). The
 * outcome moves dOa toward i on a and dOb toward j on b, with dOb set so that both gain
 * equally; the moves stop where the first of them would carry a mover past the outcome or the
 * outcome past the actor it favours. Returns the gain (0: none). */
typedef struct trade {
    size_t i, j, a, b;
    double dOa, dOb, gain;
} trade;

static trade best_trade(size_t n, size_t nd, const double *c, const double *s, const double *x,
                        const double *O, const double *W, const unsigned char *fixed)
{
    trade best = {0};
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (i == j || (fixed && (fixed[i] || fixed[j])))
                continue;   /* a fixed actor holds its positions: it trades none */
            for (size_t a = 0; a < nd; a++)
                for (size_t b = 0; b < nd; b++) {
                    if (a == b || !(W[a] > 0) || !(W[b] > 0))
                        continue;
                    double sia = s[i * nd + a], sib = s[i * nd + b];
                    double sja = s[j * nd + a], sjb = s[j * nd + b];
                    if (!(sia > 0 && sib > 0 && sja > 0 && sjb > 0) || !(sia * sjb > sib * sja))
                        continue;
                    double xia = x[i * nd + a], xja = x[j * nd + a];
                    double xib = x[i * nd + b], xjb = x[j * nd + b];
                    if (!((xia - O[a]) * (xja - O[a]) < 0 && (xib - O[b]) * (xjb - O[b]) < 0))
                        continue;
                    double ratio = (sia + sja) / (sib + sjb);   /* dOb = ratio * dOa */
                    double lim = c[j] * sja * fabs(xja - O[a]) / W[a];
                    lim = fmin(lim, fabs(xia - O[a]));
                    lim = fmin(lim, c[i] * sib * fabs(xib - O[b]) / W[b] / ratio);
                    lim = fmin(lim, fabs(xjb - O[b]) / ratio);
                    double g = lim * (sia * sjb - sib * sja) / (sib + sjb);
                    if (g > best.gain)
                        best = (trade){i, j, a, b, lim, lim * ratio, g};
                }
        }
    return best;
}

static fc_status exchange_run(const fc_problem *p, const void *opts, fc_forecast **out, fc_error *err)
{
    *out = NULL;
    exchange_options defaults;
    if (!opts) {
        exchange_init(&defaults, NULL, err);
        opts = &defaults;
    }
    const exchange_options *o = opts;
    size_t n = p->n_actors, nd = p->n_dims;
    double *x = malloc((n * nd + 2 * nd + 1) * sizeof *x);
    fc_forecast *f = x ? fc_forecast_new_one_round("exchange", p) : NULL;
    if (!f) {
        free(x);
        return fc_error_nomem(err);
    }
    double *O = x + n * nd, *W = O + nd;
    /* Positions on 0..1 of each scale, so that a gain means the same on every issue. */
    for (size_t i = 0; i < n; i++)
        for (size_t d = 0; d < nd; d++)
            x[i * nd + d] = (p->position[i * nd + d] - p->scale_min[d]) / (p->scale_max[d] - p->scale_min[d]);
    const double *c = p->capability, *s = p->salience;
    outcomes(n, nd, c, s, x, O, W);
    for (size_t d = 0; d < nd; d++)
        if (isnan(O[d])) {
            free(x);
            fc_forecast_free(f);
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors",
                                "the total weight (capability x salience) on issue '%s' is 0", p->dim_ids[d]);
        }
    int done = 0;
    for (int k = 0; k < o->max_exchanges && !done; k++) {
        trade t = best_trade(n, nd, c, s, x, O, W, p->fixed);
        if (!(t.gain > o->min_gain)) {
            done = 1;
            break;
        }
        /* j moves on a toward the outcome, i on b: each by what moves the outcome as agreed. */
        double dxa = t.dOa * W[t.a] / (c[t.j] * s[t.j * nd + t.a]);
        double dxb = t.dOb * W[t.b] / (c[t.i] * s[t.i * nd + t.b]);
        x[t.j * nd + t.a] += O[t.a] > x[t.j * nd + t.a] ? dxa : -dxa;
        x[t.i * nd + t.b] += O[t.b] > x[t.i * nd + t.b] ? dxb : -dxb;
        outcomes(n, nd, c, s, x, O, W);
    }
    for (size_t d = 0; d < nd; d++) {
        double v = p->scale_min[d] + O[d] * (p->scale_max[d] - p->scale_min[d]);
        f->point[d] = f->point[nd + d] = v;
        f->outcome[d] = v;
    }
    f->converged = done;
    free(x);
    *out = f;
    return FC_OK;
}

const fc_model fc_model_exchange = {
    .name = "exchange",
    .summary = "Stokman's position exchange: vote trading across the issues of one decision, then the "
               "compromise model",
    .options_size = sizeof(exchange_options),
    .max_dims = 0,
    .options_init = exchange_init,
    .options_set = exchange_set,
    .run = exchange_run,
    .on_request = 1,
    .joint_issues = 1,
};
