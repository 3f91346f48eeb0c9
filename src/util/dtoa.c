/* Shortest round-trip formatting of doubles at the cost of a few multiplications: the
 * decimal digits come from one exact 64 x 128-bit product with a power of ten, in the manner
 * of Adams's Ryu (PLDI 2018), instead of up to 17 rounds of snprintf and strtod.
 *
 * What is printed is defined by the search fc_format_double always did: "%.Pg" for the
 * smallest P that reads back. So this is not quite Ryu's output: Ryu picks the shortest digits
 * anywhere in the interval of decimals that read back to v, whereas "%.Pg" is v rounded to P
 * digits (ties to even), which must itself fall in that interval. Both agree where the
 * interval is symmetric about v; at a power of two its lower half is narrower, and the loop
 * below then tries longer P as the search does.
 *
 * The scaling: v = mv * 2^e2 (mv = 4 * significand, so that the interval's ends mv - 2 or
 * mv - 1 and mv + 2 are whole numbers too); with k chosen so that mv * 2^e2 * 10^k has 18 to
 * 20 digits, the floor of that and of both ends gives every digit "%.Pg" needs, plus one to
 * round on and the knowledge whether anything non-zero follows. 10^k is kept as a 128-bit
 * mantissa truncated from the exact value (computed once, exactly, with big integers), so
 * each product undershoots the true one by less than the multiplier; only when that error
 * could carry across a whole number (about 2^-66 of values, and exact whole numbers, which
 * divisibility settles) is the answer in doubt, and then the search decides. */
#include "util/dtoa.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned __int128 u128;

/* The powers of ten the scaling uses: k = 17 - floor(log10(v)) for every finite v. */
#define POW_MIN (-300)
#define POW_MAX 350

typedef struct pow10_entry {
    uint64_t hi, lo;   /* M = floor(10^k / 2^b), 2^127 <= M < 2^128 */
    int32_t b;
    int exact;         /* M * 2^b == 10^k */
} pow10_entry;

static pow10_entry pow_table[POW_MAX - POW_MIN + 1];
static pthread_once_t pow_once = PTHREAD_ONCE_INIT;

/* Big integers for the table: little-endian 32-bit words. */
#define BIG_WORDS 44

static int big_bits(const uint32_t *w)
{
    for (int i = BIG_WORDS - 1; i >= 0; i--)
        if (w[i])
            return i * 32 + 32 - __builtin_clz(w[i]);
    return 0;
}

/* The 32 bits of w from bit pos up (pos may be negative: zeros below bit 0). */
static uint32_t big_window(const uint32_t *w, int pos)
{
    uint64_t lo = 0, hi = 0;
    int q = pos >= 0 ? pos / 32 : -((-pos + 31) / 32), r = pos - q * 32;
    if (q >= 0 && q < BIG_WORDS)
        lo = w[q];
    if (q + 1 >= 0 && q + 1 < BIG_WORDS)
        hi = w[q + 1];
    return (uint32_t)(((hi << 32) | lo) >> r);
}

/* The top 128 bits of w (shifted up when w is shorter), the binary exponent and exactness. */
static void big_top(const uint32_t *w, int extra_exp, pow10_entry *e)
{
    int nb = big_bits(w);
    int shift = nb - 128;        /* w = M * 2^shift + rest */
    e->lo = (uint64_t)big_window(w, shift) | (uint64_t)big_window(w, shift + 32) << 32;
    e->hi = (uint64_t)big_window(w, shift + 64) | (uint64_t)big_window(w, shift + 96) << 32;
    e->exact = 1;
    for (int i = 0; i < shift; i += 32) {
        uint32_t part = big_window(w, i);
        if (shift - i < 32)
            part &= (UINT32_C(1) << (shift - i)) - 1;
        if (part)
            e->exact = 0;
    }
    e->b = shift + extra_exp;
}

static void build_table(void)
{
    uint32_t w[BIG_WORDS];
    /* 10^k for k >= 0: exact integers, multiplied up. */
    memset(w, 0, sizeof w);
    w[0] = 1;
    for (int k = 0; k <= POW_MAX; k++) {
        big_top(w, 0, &pow_table[k - POW_MIN]);
        uint64_t carry = 0;
        for (int i = 0; i < BIG_WORDS; i++) {
            uint64_t x = (uint64_t)w[i] * 10 + carry;
            w[i] = (uint32_t)x;
            carry = x >> 32;
        }
    }
    /* 10^-j as floor(2^N / 10^j), divided down one ten at a time: the floor of a floor
     * divided is the floor of the whole quotient, so every step stays exact. Never exact
     * as a power of two times an integer, whatever the bits say. */
    const int N = 1376;
    memset(w, 0, sizeof w);
    w[N / 32] = 1u << (N % 32);
    for (int j = 1; j <= -POW_MIN; j++) {
        uint64_t rem = 0;
        for (int i = BIG_WORDS - 1; i >= 0; i--) {
            uint64_t x = (rem << 32) | w[i];
            w[i] = (uint32_t)(x / 10);
            rem = x % 10;
        }
        pow10_entry *e = &pow_table[-j - POW_MIN];
        big_top(w, -N, e);
        e->exact = 0;
    }
}

/* A 192-bit product, least significant word first. */
typedef struct u192 {
    uint64_t w[3];
} u192;

static u192 mul_64x128(uint64_t a, const pow10_entry *m)
{
    u128 lo = (u128)a * m->lo;
    u128 hi = (u128)a * m->hi + (uint64_t)(lo >> 64);
    return (u192){{(uint64_t)lo, (uint64_t)hi, (uint64_t)(hi >> 64)}};
}

static u192 add_64(u192 x, uint64_t a)
{
    u128 s = (u128)x.w[0] + a;
    x.w[0] = (uint64_t)s;
    s = (u128)x.w[1] + (uint64_t)(s >> 64);
    x.w[1] = (uint64_t)s;
    x.w[2] += (uint64_t)(s >> 64);
    return x;
}

/* x >> s for 0 < s < 192; *over when the result needs more than 64 bits. */
static uint64_t shr_192(u192 x, int s, int *over)
{
    int q = s / 64, r = s % 64;
    uint64_t words[4] = {x.w[0], x.w[1], x.w[2], 0};
    uint64_t res = r ? (words[q] >> r) | (words[q + 1] << (64 - r)) : words[q];
    uint64_t above = 0;
    if (q + 1 <= 2)
        above |= r ? words[q + 1] >> r : words[q + 1];
    if (q + 2 <= 2)
        above |= words[q + 2];
    *over = above != 0;
    return res;
}

/* Whether the low s bits of x are all zero. */
static int low_zero(u192 x, int s)
{
    for (int i = 0; i < 3 && s > 0; i++, s -= 64) {
        uint64_t mask = s >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << s) - 1);
        if (x.w[i] & mask)
            return 0;
    }
    return 1;
}

/* Whether num * 2^e2 * 10^k is a whole number. */
static int is_whole(uint64_t num, int e2, int k)
{
    int twos = __builtin_ctzll(num) + e2 + k;
    if (k >= 0)
        return twos >= 0;
    if (k < -27)   /* 5^28 > 2^64 > num */
        return 0;
    uint64_t five = 1;
    for (int i = 0; i < -k; i++)
        five *= 5;
    return num % five == 0 && twos >= 0;
}

/* floor(num * 2^e2 * 10^k) into *fl and whether it is exact; -1 when it needs more than 64
 * bits, 1 when the truncation of 10^k leaves the floor in doubt. */
static int scaled(uint64_t num, int e2, int k, const pow10_entry *m, uint64_t *fl, int *exact)
{
    int s = -(m->b + e2), over;
    if (s <= 0 || s >= 192)
        return 1;
    u192 p = mul_64x128(num, m);
    *fl = shr_192(p, s, &over);
    if (over)
        return -1;
    if (m->exact) {
        *exact = low_zero(p, s);
        return 0;
    }
    /* The true product lies in [p, p + num): it can pass the next multiple of 2^s only if
     * p's low bits are that close to it. */
    int over2;
    uint64_t next = shr_192(add_64(p, num), s, &over2);
    if (next == *fl && !over2) {
        *exact = 0;
        return 0;
    }
    if (is_whole(num, e2, k)) {
        *fl += 1;
        *exact = 1;
        return *fl == 0 ? -1 : 0;
    }
    return 1;
}

static const uint64_t pow10_u64[20] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
    1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
    100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
    1000000000000000000ull, 10000000000000000000ull};

static int digit_count(uint64_t x)
{
    int d = 1;
    while (d < 20 && x >= pow10_u64[d])
        d++;
    return d;
}

static int floor_div(int a, int b)
{
    int q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static size_t put_uint(char *out, uint64_t x)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* printf's "%.Pg" of the digits (no trailing zeros), their exponent x and the precision. */
static size_t put_g(char *out, int neg, const char *dig, int nd, int x, int prec)
{
    size_t n = 0;
    if (neg)
        out[n++] = '-';
    if (x < -4 || x >= prec) {
        out[n++] = dig[0];
        if (nd > 1) {
            out[n++] = '.';
            memcpy(out + n, dig + 1, (size_t)nd - 1);
            n += (size_t)nd - 1;
        }
        out[n++] = 'e';
        out[n++] = x < 0 ? '-' : '+';
        unsigned ax = (unsigned)(x < 0 ? -x : x);
        if (ax < 10)
            out[n++] = '0';
        n += put_uint(out + n, ax);
    } else if (x >= 0) {
        int whole = x + 1;
        for (int i = 0; i < whole; i++)
            out[n++] = i < nd ? dig[i] : '0';
        if (nd > whole) {
            out[n++] = '.';
            memcpy(out + n, dig + whole, (size_t)(nd - whole));
            n += (size_t)(nd - whole);
        }
    } else {
        out[n++] = '0';
        out[n++] = '.';
        for (int i = 0; i < -x - 1; i++)
            out[n++] = '0';
        memcpy(out + n, dig, (size_t)nd);
        n += (size_t)nd;
    }
    out[n] = '\0';
    return n;
}

size_t util_dtoa_search(double v, char *out)
{
    if (v == floor(v) && fabs(v) < 1e15)
        return (size_t)snprintf(out, UTIL_DTOA_SIZE, "%.0f", v);
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, UTIL_DTOA_SIZE, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            return strlen(out);
    }
    return (size_t)snprintf(out, UTIL_DTOA_SIZE, "%.17g", v);
}

size_t util_dtoa(double v, char *out)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int neg = (int)(bits >> 63);
    uint64_t frac = bits & ((UINT64_C(1) << 52) - 1);
    int ef = (int)((bits >> 52) & 0x7ff);

    if (ef == 0x7ff) {
        const char *s = frac ? (neg ? "-nan" : "nan") : (neg ? "-inf" : "inf");
        size_t n = strlen(s);
        memcpy(out, s, n + 1);
        return n;
    }
    /* Whole numbers below 1e15, as "%.0f" prints them (-0 keeps its sign). */
    double a = fabs(v);
    if (a < 1e15 && v == floor(v)) {
        size_t n = 0;
        if (neg)
            out[n++] = '-';
        n += put_uint(out + n, (uint64_t)a);
        out[n] = '\0';
        return n;
    }

    pthread_once(&pow_once, build_table);
    uint64_t c = ef ? frac | (UINT64_C(1) << 52) : frac;
    int e2 = (ef ? ef - 1075 : -1074) - 2;
    uint64_t mv = c << 2;
    /* Below a power of two the next double down is half as far: a narrower lower half. */
    uint64_t mp = mv + 2, mm = mv - ((frac == 0 && ef > 1) ? 1 : 2);
    int even = (c & 1) == 0;   /* strtod breaks ties to even: the ends then read back to v */

    int top = e2 + 63 - __builtin_clzll(mv);      /* 2^top <= v < 2^(top + 1) */
    int k = 17 - floor_div(top * 78913, 262144);  /* log10(2) ~ 78913 / 2^18 */
    uint64_t vr = 0, vp = 0, vm = 0;
    int xr = 0, xp = 0, xm = 0;
    for (int tries = 0;; tries++) {
        if (tries > 3 || k < POW_MIN || k > POW_MAX)
            return util_dtoa_search(v, out);
        const pow10_entry *m = &pow_table[k - POW_MIN];
        int rr = scaled(mv, e2, k, m, &vr, &xr);
        int rp = scaled(mp, e2, k, m, &vp, &xp);
        int rm = scaled(mm, e2, k, m, &vm, &xm);
        if (rr < 0 || rp < 0 || rm < 0) {
            k--;
            continue;
        }
        if (vr < pow10_u64[17]) {
            k++;
            continue;
        }
        if (rr > 0 || rp > 0 || rm > 0)
            return util_dtoa_search(v, out);
        break;
    }
    /* The whole numbers (in units of 10^-k) that read back to v: [lo, hi]. */
    uint64_t hi = (even || !xp) ? vp : vp - 1;
    uint64_t lo = (even && xm) ? vm : vm + 1;
    int d = digit_count(vr);

    /* The most trailing digits any decimal in [lo, hi] can drop. */
    int rmax = 0;
    for (uint64_t h = hi, l = lo - 1; h / 10 > l / 10; h /= 10, l /= 10)
        rmax++;
    if (rmax > d - 1)
        rmax = d - 1;

    /* v rounded to P = d - r digits, for the longest r that lands in [lo, hi]. */
    for (int r = rmax; r >= d - 17; r--) {
        uint64_t pw = pow10_u64[r];
        uint64_t q = vr / pw, rem = vr % pw, half = pw / 2;
        if (rem > half || (rem == half && (!xr || (q & 1))))
            q++;
        uint64_t hq = hi / pw, lq = lo / pw + (lo % pw != 0);
        if (q < lq || q > hq)
            continue;
        int prec = d - r;
        int x = d - 1 - k;
        if (q == pow10_u64[prec]) {   /* 9.99.. rounded up to 10.0.. */
            q = 1;
            x++;
        }
        while (q % 10 == 0)
            q /= 10;
        char dig[24];
        int nd = (int)put_uint(dig, q);
        return put_g(out, neg, dig, nd, x, prec);
    }
    return util_dtoa_search(v, out);
}
