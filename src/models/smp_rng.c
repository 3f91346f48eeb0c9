/* The generator of the spatial model's stochastic mode (specs/smp.md S9): the standard
 * 64-bit Mersenne Twister (MT19937-64, as C++'s std::mt19937_64) and KTAB's transform of
 * each raw draw into a real number on [0,1]. */
#include "models/smp_internal.h"

#define MT_N 312
#define MT_M 156
#define MT_UPPER 0xFFFFFFFF80000000ULL
#define MT_LOWER 0x000000007FFFFFFFULL

void smp_rng_seed(smp_rng *g, uint64_t seed)
{
    g->mt[0] = seed;
    for (size_t i = 1; i < MT_N; i++)
        g->mt[i] = 6364136223846793005ULL * (g->mt[i - 1] ^ (g->mt[i - 1] >> 62)) + i;
    g->index = MT_N;
}

static void twist(smp_rng *g)
{
    for (size_t i = 0; i < MT_N; i++) {
        uint64_t x = (g->mt[i] & MT_UPPER) | (g->mt[(i + 1) % MT_N] & MT_LOWER);
        uint64_t xa = x >> 1;
        if (x & 1)
            xa ^= 0xB5026F5AA96619E9ULL;
        g->mt[i] = g->mt[(i + MT_M) % MT_N] ^ xa;
    }
    g->index = 0;
}

uint64_t smp_rng_next(smp_rng *g)
{
    if (g->index >= MT_N)
        twist(g);
    uint64_t x = g->mt[g->index++];
    x ^= (x >> 29) & 0x5555555555555555ULL;
    x ^= (x << 17) & 0x71D67FFFEDA60000ULL;
    x ^= (x << 37) & 0xFFF7EEE000000000ULL;
    x ^= x >> 43;
    return x;
}

double smp_rng_uniform(smp_rng *g)
{
    uint64_t n = smp_rng_next(g);
    /* Unsigned arithmetic wraps modulo 2^64, which is what KTAB's transform needs. */
    uint64_t q = (n + 0xE08C1D668B756F83ULL) * (2 * n + 3);
    return (double)q / (double)UINT64_MAX;
}
