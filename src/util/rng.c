/* Philox4x32-10 and the inverse-CDF samplers of the distributions an uncertain input may have.
 * Nothing here keeps state: a draw is a function of (seed, stream, index), which is what makes
 * a sweep's result independent of how its runs are spread over threads and machines. */
#include "fulcrum/rng.h"

#include <math.h>

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

void fc_philox4x32(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4])
{
    uint32_t c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
    uint32_t k0 = key[0], k1 = key[1];
    for (int r = 0; r < 10; r++) {
        if (r > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        uint64_t p0 = (uint64_t)PHILOX_M0 * c0;
        uint64_t p1 = (uint64_t)PHILOX_M1 * c2;
        uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
        uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
}

double fc_rng_uniform(uint64_t seed, uint64_t stream, uint64_t index)
{
    /* Counter = (block of the index, stream): the stream (a run) owns 2^65 uniforms. */
    uint64_t block = index >> 1;
    uint32_t ctr[4] = {(uint32_t)block, (uint32_t)(block >> 32), (uint32_t)stream,
                       (uint32_t)(stream >> 32)};
    uint32_t key[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)};
    uint32_t out[4];
    fc_philox4x32(ctr, key, out);
    int half = (int)(index & 1);
    uint64_t bits = ((uint64_t)out[2 * half] << 32) | out[2 * half + 1];
    /* Midpoints of 2^53 equal cells: never 0 or 1, so every quantile function is finite. */
    return ((double)(bits >> 11) + 0.5) * 0x1.0p-53;
}

double fc_normal_cdf(double x)
{
    return 0.5 * erfc(-x / M_SQRT2);
}

/* Lower-tail quantile for p in (0, 0.5]: Acklam's rational approximation (relative error
 * 1.15e-9) refined by one Halley step, which brings it to full double precision. */
static double lower_quantile(double p)
{
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                               2.445134137142996e+00, 3.754408661907416e+00};
    double x;
    if (p < 0.02425) {
        double q = sqrt(-2 * log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else {
        double q = p - 0.5, r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    double e = fc_normal_cdf(x) - p;
    double u = e * sqrt(2 * M_PI) * exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

double fc_normal_quantile(double p)
{
    if (!(p > 0))
        return p == 0 ? -INFINITY : NAN;
    if (!(p < 1))
        return p == 1 ? INFINITY : NAN;
    /* The upper half by symmetry: 1 - p is exact there (Sterbenz), the tail keeps its digits. */
    return p <= 0.5 ? lower_quantile(p) : -lower_quantile(1 - p);
}

static double tri_cdf(const fc_dist *d, double x)
{
    if (x <= d->a)
        return 0;
    if (x >= d->b)
        return 1;
    if (x <= d->mode)
        return (x - d->a) * (x - d->a) / ((d->b - d->a) * (d->mode - d->a));
    return 1 - (d->b - x) * (d->b - x) / ((d->b - d->a) * (d->b - d->mode));
}

static double tri_quantile(const fc_dist *d, double u)
{
    double w = d->b - d->a;
    if (u * w <= d->mode - d->a)
        return d->a + sqrt(u * w * (d->mode - d->a));
    return d->b - sqrt((1 - u) * w * (d->b - d->mode));
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static void bounds_cdf(const fc_dist *d, double *fa, double *fb)
{
    if (d->prepared) {
        *fa = d->f_low;
        *fb = d->f_high;
    } else if (d->kind == FC_DIST_NORMAL) {
        *fa = isinf(d->low) ? 0 : fc_normal_cdf((d->low - d->mode) / d->sd);
        *fb = isinf(d->high) ? 1 : fc_normal_cdf((d->high - d->mode) / d->sd);
    } else {
        *fa = tri_cdf(d, d->low);
        *fb = tri_cdf(d, d->high);
    }
}

void fc_dist_prepare(fc_dist *d)
{
    d->prepared = 0;
    if ((d->kind == FC_DIST_NORMAL && d->sd > 0) || (d->kind == FC_DIST_TRIANGULAR && d->b > d->a)) {
        bounds_cdf(d, &d->f_low, &d->f_high);
        d->prepared = 1;
    }
}

double fc_dist_quantile(const fc_dist *d, double u)
{
    switch (d->kind) {
    case FC_DIST_FIXED:
        return d->mode;
    case FC_DIST_UNIFORM:
        return clamp(d->low + u * (d->high - d->low), d->low, d->high);
    case FC_DIST_NORMAL: {
        if (!(d->sd > 0))
            return d->mode;
        double fa, fb;
        bounds_cdf(d, &fa, &fb);
        double x = d->mode + d->sd * fc_normal_quantile(fa + u * (fb - fa));
        return clamp(x, d->low, d->high);
    }
    case FC_DIST_TRIANGULAR: {
        if (!(d->b > d->a))
            return d->mode;
        double fa, fb;
        bounds_cdf(d, &fa, &fb);
        return clamp(tri_quantile(d, fa + u * (fb - fa)), d->low, d->high);
    }
    }
    return d->mode;
}
