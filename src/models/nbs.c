/* The Nash bargaining solution with the reference point as the disagreement point (Nash 1950;
 * asymmetric form, Kalai 1977; its use on EU decisions: Achen 2006 in Thomson et al., The
 * European Union Decides): the point that maximises the capability-weighted product of the
 * actors' gains over disagreement. docs/models/nbs.md works the formulas and examples. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/model.h"
#include "fulcrum/util.h"

typedef struct nbs_options {
    double breakdown;   /* K: the extra loss every actor suffers on disagreement (scale^2 or scale) */
    int linear;         /* losses linear in distance instead of quadratic */
} nbs_options;

static fc_status nbs_init(void *opts, const char *preset, fc_error *err)
{
    if (preset)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset",
                            "model 'nbs' has no presets; set its options instead");
    nbs_options *o = opts;
    o->breakdown = 0;
    o->linear = 0;
    return FC_OK;
}

static fc_status nbs_set(void *opts, const char *key, const char *value, fc_error *err)
{
    nbs_options *o = opts;
    if (strcmp(key, "breakdown") == 0) {
        double v = 0;
        if (fc_number_parse(value, &v) != FC_NUMBER_OK || !(v >= 0) || !isfinite(v))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                                "breakdown must be a number >= 0, not '%s'", value);
        o->breakdown = v;
        return FC_OK;
    }
    if (strcmp(key, "utility") == 0) {
        if (strcmp(value, "quadratic") == 0)
            o->linear = 0;
        else if (strcmp(value, "linear") == 0)
            o->linear = 1;
        else
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                                "utility must be quadratic or linear, not '%s'", value);
        return FC_OK;
    }
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                        "model 'nbs' has no option '%s' (breakdown, utility)", key);
}

/* One actor's gain over disagreement at x (all on 0..1): K + s (loss(d) - loss(x)). */
static double gain(const nbs_options *o, double s, double xi, double d, double x)
{
    if (o->linear)
        return o->breakdown + s * ((isnan(d) ? 0 : fabs(d - xi)) - fabs(x - xi));
    return o->breakdown + s * ((isnan(d) ? 0 : (d - xi) * (d - xi)) - (x - xi) * (x - xi));
}

/* The slope of sum_i c_i log gain_i at x (a one-sided slope at a kink of the linear form,
 * taken from the right, so that bisection finds the kink where the maximum sits). */
static double slope(const nbs_options *o, size_t n, const double *c, const double *s,
                    const double *x, double d, double at)
{
    double g = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(s[i] > 0) || !(c[i] > 0))
            continue;
        double dg = o->linear ? -s[i] * (at >= x[i] ? 1.0 : -1.0) : -2.0 * s[i] * (at - x[i]);
        g += c[i] * dg / gain(o, s[i], x[i], d, at);
    }
    return g;
}

static int gain_all_positive(const nbs_options *o, size_t n, const double *c, const double *s,
                             const double *x, double d, double at)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] > 0 && c[i] > 0 && !(gain(o, s[i], x[i], d, at) > 0))
            return 0;
    return 1;
}

/* The solution on one dimension, on 0..1: the actors' ideals x, capabilities c, saliences s,
 * disagreement point d (NaN: none, then K alone is at stake). */
static double nbs_solve(const nbs_options *o, size_t n, const double *c, const double *s,
                        const double *x, double d)
{
    /* Each actor gains on an open interval around its ideal; the individually rational set is
     * their intersection (within the scale), and it always has d on its closure. */
    double lo = 0, hi = 1;
    for (size_t i = 0; i < n; i++) {
        if (!(s[i] > 0) || !(c[i] > 0))
            continue;   /* no stake: a constant factor of the product */
        double dd = isnan(d) ? 0 : fabs(d - x[i]);
        double r = o->linear ? dd + o->breakdown / s[i] : sqrt(dd * dd + o->breakdown / s[i]);
        if (x[i] - r > lo)
            lo = x[i] - r;
        if (x[i] + r < hi)
            hi = x[i] + r;
    }
    if (!(hi - lo > 1e-12))
        return isnan(d) ? (lo + hi) / 2 : d;   /* only disagreement is individually rational */
    /* The log of the product is concave, so its slope falls: bisect on its sign. Inside the
     * open interval every gain is positive; at a clipped end (0 or 1) the slope decides. */
    double a = lo, b = hi;
    if (lo == 0 && slope(o, n, c, s, x, d, 0) <= 0 && gain_all_positive(o, n, c, s, x, d, 0))
        return 0;
    if (hi == 1 && slope(o, n, c, s, x, d, 1) >= 0 && gain_all_positive(o, n, c, s, x, d, 1))
        return 1;
    for (int it = 0; it < 200 && b - a > 1e-15; it++) {
        double m = (a + b) / 2;
        if (slope(o, n, c, s, x, d, m) > 0)
            a = m;
        else
            b = m;
    }
    return (a + b) / 2;
}

static fc_status nbs_run(const fc_problem *p, const void *opts, fc_forecast **out, fc_error *err)
{
    *out = NULL;
    nbs_options defaults;
    if (!opts) {
        nbs_init(&defaults, NULL, err);
        opts = &defaults;
    }
    const nbs_options *o = opts;
    size_t n = p->n_actors, nd = p->n_dims;
    for (size_t d = 0; d < nd; d++)
        if (isnan(p->status_quo[d]) && o->breakdown == 0)
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "status_quo",
                                "issue '%s' declares no status quo to disagree to (set breakdown > 0 "
                                "to bargain without one)", p->dim_ids[d]);
    double *buf = malloc(3 * (n ? n : 1) * sizeof *buf);
    fc_forecast *f = buf ? fc_forecast_new_one_round("nbs", p) : NULL;
    if (!f) {
        free(buf);
        return fc_error_nomem(err);
    }
    double *c = buf, *s = buf + n, *x = buf + 2 * n;
    for (size_t d = 0; d < nd; d++) {
        double lo = p->scale_min[d], w = p->scale_max[d] - p->scale_min[d];
        size_t stake = 0;
        for (size_t i = 0; i < n; i++) {
            c[i] = p->capability[i];
            s[i] = p->salience[i * nd + d];
            x[i] = (p->position[i * nd + d] - lo) / w;
            stake += s[i] > 0 && c[i] > 0;
        }
        if (stake == 0) {
            free(buf);
            fc_forecast_free(f);
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors",
                                "no actor has a stake (capability x salience > 0) in issue '%s'",
                                p->dim_ids[d]);
        }
        double sq = p->status_quo[d];
        double v = lo + w * nbs_solve(o, n, c, s, x, isnan(sq) ? NAN : (sq - lo) / w);
        f->point[d] = f->point[nd + d] = v;
        f->outcome[d] = v;
    }
    free(buf);
    *out = f;
    return FC_OK;
}

const fc_model fc_model_nbs = {
    .name = "nbs",
    .summary = "Nash bargaining solution: capability-weighted product of gains over the reference point",
    .options_size = sizeof(nbs_options),
    .max_dims = 0,
    .options_init = nbs_init,
    .options_set = nbs_set,
    .run = nbs_run,
    .on_request = 1,
};
