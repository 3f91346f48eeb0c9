/* The string-to-index map of util/strmap.h: FNV-1a hashes, linear probing, doubling. */
#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static int alloc_table(fc_strmap *m, size_t cap)
{
    m->keys = calloc(cap, sizeof *m->keys);
    m->values = malloc(cap * sizeof *m->values);
    if (!m->keys || !m->values) {
        free(m->keys);
        free(m->values);
        m->keys = NULL;
        m->values = NULL;
        return -1;
    }
    m->cap = cap;
    return 0;
}

int fc_strmap_init(fc_strmap *m, size_t expected)
{
    memset(m, 0, sizeof *m);
    size_t cap = 16;
    while (cap < 2 * expected && cap < SIZE_MAX / 4)
        cap *= 2;
    return alloc_table(m, cap);
}

void fc_strmap_free(fc_strmap *m)
{
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}

/* The slot holding key, or the empty slot where it would go. */
static size_t slot_of(const fc_strmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int grow(fc_strmap *m)
{
    fc_strmap bigger;
    if (m->cap > SIZE_MAX / 4 || alloc_table(&bigger, m->cap * 2))
        return -1;
    bigger.n = m->n;
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t j = slot_of(&bigger, m->keys[i]);
            bigger.keys[j] = m->keys[i];
            bigger.values[j] = m->values[i];
        }
    fc_strmap_free(m);
    *m = bigger;
    return 0;
}

int fc_strmap_put(fc_strmap *m, const char *key, size_t value, size_t *existing)
{
    if (!m->keys)
        return -1;
    size_t i = slot_of(m, key);
    if (m->keys[i]) {
        if (existing)
            *existing = m->values[i];
        return 0;
    }
    if (2 * (m->n + 1) > m->cap) {
        if (grow(m))
            return -1;
        i = slot_of(m, key);
    }
    m->keys[i] = key;
    m->values[i] = value;
    m->n++;
    return 1;
}

long fc_strmap_get(const fc_strmap *m, const char *key)
{
    if (!m->keys)
        return -1;
    size_t i = slot_of(m, key);
    return m->keys[i] ? (long)m->values[i] : -1;
}
