/* Fixed-width label sets (bit masks over the m + n labels of a bimatrix game) and an open-
 * addressing hash table of them, used by the vertex enumeration and Lemke-Howson. */
#ifndef FULCRUM_GAME_BITSET_H
#define FULCRUM_GAME_BITSET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct mask_table {
    size_t words;      /* uint64 words per mask */
    size_t cap, n;     /* slots, entries */
    uint64_t *keys;    /* cap * words */
    long *vals;        /* -1 = empty slot */
} mask_table;

static inline void bs_set(uint64_t *m, size_t i) { m[i >> 6] |= (uint64_t)1 << (i & 63); }
static inline void bs_clear(uint64_t *m, size_t i) { m[i >> 6] &= ~((uint64_t)1 << (i & 63)); }
static inline bool bs_get(const uint64_t *m, size_t i) { return (m[i >> 6] >> (i & 63)) & 1; }

static inline size_t bs_count(const uint64_t *m, size_t words)
{
    size_t c = 0;
    for (size_t w = 0; w < words; w++)
        c += (size_t)__builtin_popcountll(m[w]);
    return c;
}

/* a is a superset of b */
static inline bool bs_superset(const uint64_t *a, const uint64_t *b, size_t words)
{
    for (size_t w = 0; w < words; w++)
        if ((a[w] & b[w]) != b[w])
            return false;
    return true;
}

static inline uint64_t bs_hash(const uint64_t *m, size_t words)
{
    uint64_t h = 0x243F6A8885A308D3ULL;
    for (size_t w = 0; w < words; w++) {
        h ^= m[w];
        h *= 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
    }
    return h;
}

static inline bool mt_init(mask_table *t, size_t words)
{
    t->words = words;
    t->cap = 1024;
    t->n = 0;
    t->keys = calloc(t->cap * words, sizeof *t->keys);
    t->vals = malloc(t->cap * sizeof *t->vals);
    if (!t->keys || !t->vals)
        return false;
    for (size_t i = 0; i < t->cap; i++)
        t->vals[i] = -1;
    return true;
}

static inline void mt_free(mask_table *t)
{
    free(t->keys);
    free(t->vals);
    t->keys = NULL;
    t->vals = NULL;
}

/* Value stored for the mask, or -1. */
static inline long mt_find(const mask_table *t, const uint64_t *m)
{
    size_t w = t->words;
    for (size_t i = (size_t)bs_hash(m, w) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        if (t->vals[i] < 0)
            return -1;
        if (memcmp(t->keys + i * w, m, w * sizeof *m) == 0)
            return t->vals[i];
    }
}

static inline bool mt_grow(mask_table *t)
{
    size_t w = t->words, cap = t->cap * 2;
    uint64_t *keys = calloc(cap * w, sizeof *keys);
    long *vals = malloc(cap * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return false;
    }
    for (size_t i = 0; i < cap; i++)
        vals[i] = -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->vals[i] < 0)
            continue;
        size_t j = (size_t)bs_hash(t->keys + i * w, w) & (cap - 1);
        while (vals[j] >= 0)
            j = (j + 1) & (cap - 1);
        memcpy(keys + j * w, t->keys + i * w, w * sizeof *keys);
        vals[j] = t->vals[i];
    }
    free(t->keys);
    free(t->vals);
    t->keys = keys;
    t->vals = vals;
    t->cap = cap;
    return true;
}

/* Inserts mask -> val unless present. Returns 1 inserted, 0 present, -1 out of memory. */
static inline int mt_insert(mask_table *t, const uint64_t *m, long val)
{
    if ((t->n + 1) * 2 > t->cap && !mt_grow(t))
        return -1;
    size_t w = t->words;
    size_t i = (size_t)bs_hash(m, w) & (t->cap - 1);
    for (;; i = (i + 1) & (t->cap - 1)) {
        if (t->vals[i] < 0)
            break;
        if (memcmp(t->keys + i * w, m, w * sizeof *m) == 0)
            return 0;
    }
    memcpy(t->keys + i * w, m, w * sizeof *m);
    t->vals[i] = val;
    t->n++;
    return 1;
}

#endif
