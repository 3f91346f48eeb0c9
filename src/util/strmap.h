/* A map from borrowed strings to indexes, for the readers and the validator: finding an id
 * among n was a scan, which made a 100,000-actor table take over a minute (n^2 compares). */
#ifndef FULCRUM_UTIL_STRMAP_H
#define FULCRUM_UTIL_STRMAP_H

#include <stddef.h>

/* Open addressing with linear probing; the table stays at most half full. Keys are borrowed:
 * they must outlive the map and not change while in it. */
typedef struct fc_strmap {
    const char **keys;
    size_t *values;
    size_t cap, n;
} fc_strmap;

/* An empty map sized for `expected` keys; 0, or -1 when out of memory. */
int fc_strmap_init(fc_strmap *m, size_t expected);
void fc_strmap_free(fc_strmap *m);

/* Adds key -> value unless the key is there: 1 when added, 0 when present (*existing, when
 * not NULL, gets its value), -1 when out of memory. */
int fc_strmap_put(fc_strmap *m, const char *key, size_t value, size_t *existing);

/* The key's value, or -1 when absent. */
long fc_strmap_get(const fc_strmap *m, const char *key);

#endif
