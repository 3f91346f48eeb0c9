/* enummixed: every extreme Nash equilibrium of a two-player game, exactly. The vertices of
 * both best-response polytopes are enumerated by a depth-first walk over feasible bases
 * (exact integer pivots; each basis is visited once, degenerate vertices through all their
 * bases), and an equilibrium is a pair of vertices whose labels together cover every strategy
 * (Avis, Rosenberg, Savani and von Stengel 2010, "Enumeration of Nash equilibria for
 * two-player games", Economic Theory 42). Extensive games go through their reduced strategic
 * form, as in Gambit. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fulcrum/util.h"
#include "game/bitset.h"
#include "game/ivdict.h"
#include "game/polytope.h"

/* Beyond this many bases per polytope (about 1 GB of tables) the enumeration is refused. */
#define ENUM_MAX_BASES 8000000

typedef struct vlist {
    size_t words, n, cap;
    uint64_t *masks;    /* label set of each vertex */
} vlist;

static bool vl_push(vlist *v, const uint64_t *m)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 1024;
        uint64_t *x = realloc(v->masks, cap * v->words * sizeof *x);
        if (!x)
            return false;
        v->masks = x;
        v->cap = cap;
    }
    memcpy(v->masks + v->n * v->words, m, v->words * sizeof *m);
    v->n++;
    return true;
}

/* A set of one-word label sets (0 is never a key: a basis has nonbasic labels), one array
 * so that a probe touches one cache line: the fast walk's visited bases when L <= 64. */
typedef struct kset {
    size_t cap, n;
    uint64_t *keys;
} kset;

/* A zeroed array of cap keys; large ones on transparent huge pages where the system allows
 * it: the probes are random, and with 4 KiB pages nearly each one also misses the TLB. */
static uint64_t *ks_alloc(size_t cap)
{
    size_t bytes = cap * sizeof(uint64_t);
    const size_t huge = (size_t)2 << 20;
    if (bytes < huge)
        return calloc(cap, sizeof(uint64_t));
    uint64_t *p = aligned_alloc(huge, bytes);
    if (!p)
        return NULL;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
    memset(p, 0, bytes);
    return p;
}

static bool ks_init(kset *k)
{
    k->cap = 1 << 16;
    k->n = 0;
    k->keys = ks_alloc(k->cap);
    return k->keys != NULL;
}

static inline size_t ks_slot(const kset *k, uint64_t key)
{
    return (size_t)bs_hash(&key, 1) & (k->cap - 1);
}

/* 1 inserted, 0 present, -1 out of memory */
static int ks_insert(kset *k, uint64_t key)
{
    if ((k->n + 1) * 2 > k->cap) {
        size_t cap = k->cap * 2;
        uint64_t *nk = ks_alloc(cap);
        if (!nk)
            return -1;
        for (size_t i = 0; i < k->cap; i++) {
            if (!k->keys[i])
                continue;
            size_t j = (size_t)bs_hash(&k->keys[i], 1) & (cap - 1);
            while (nk[j])
                j = (j + 1) & (cap - 1);
            nk[j] = k->keys[i];
        }
        free(k->keys);
        k->keys = nk;
        k->cap = cap;
    }
    for (size_t i = ks_slot(k, key);; i = (i + 1) & (k->cap - 1)) {
        if (k->keys[i] == key)
            return 0;
        if (!k->keys[i]) {
            k->keys[i] = key;
            k->n++;
            return 1;
        }
    }
}

typedef struct frame {
    size_t col, tie, nt; /* nt: ties of column col when last computed (fast walk) */
    long r, s;        /* the pivot that led here (-1 at the start) */
} frame;

/* Rows that win the minimum-ratio test for entering column s (ties all kept). The ratios are
 * first compared in floating point; only rows within a relative 1e-9 of the smallest (far
 * beyond the rounding error) are compared exactly, so the result is exact. */
static size_t ratio_ties(dict *d, size_t s, size_t *ties, mpz_t t1, mpz_t t2)
{
    size_t nt = 0, nc = 0;
    double rmin = INFINITY;
    double r[256];
    bool small = d->rows <= 256;
    if (small) {
        for (size_t i = 0; small && i < d->rows; i++) {
            const mpz_t *ai = &d->a[i * d->cols + s];
            if (mpz_sgn(*ai) <= 0) {
                r[i] = INFINITY;
                continue;
            }
            /* Past 2^1000 mpz_get_d overflows to inf and inf/inf is NaN, which fails every
             * comparison and dropped rows (and equilibria): such dictionaries are compared
             * exactly only. Below it both are finite and so is their ratio. */
            if (mpz_sizeinbase(d->c[i], 2) > 1000 || mpz_sizeinbase(*ai, 2) > 1000) {
                small = false;
                break;
            }
            r[i] = mpz_sgn(d->c[i]) == 0 ? 0.0 : mpz_get_d(d->c[i]) / mpz_get_d(*ai);
            if (r[i] < rmin)
                rmin = r[i];
        }
        if (small && rmin == INFINITY)
            return 0;
    }
    double cut = rmin * (1 + 1e-9);
    long best = -1;
    for (size_t i = 0; i < d->rows; i++) {
        const mpz_t *ai = &d->a[i * d->cols + s];
        if (small ? !(r[i] <= cut) : mpz_sgn(*ai) <= 0)
            continue;
        nc++;
        if (best < 0) {
            best = (long)i;
            ties[nt++] = i;
            continue;
        }
        /* c_i / a_is  vs  c_best / a_best,s */
        mpz_mul(t1, d->c[i], d->a[(size_t)best * d->cols + s]);
        mpz_mul(t2, d->c[best], *ai);
        int cmp = mpz_cmp(t1, t2);
        if (cmp < 0) {
            best = (long)i;
            nt = 0;
            ties[nt++] = i;
        } else if (cmp == 0) {
            ties[nt++] = i;
        }
    }
    (void)nc;
    return nt;
}

static void vertex_labels(const dict *d, uint64_t *lab, size_t words)
{
    memset(lab, 0, words * sizeof *lab);
    for (size_t k = 0; k < d->cols; k++)
        bs_set(lab, (size_t)d->nonbasic[k]);
    for (size_t r = 0; r < d->rows; r++)
        if (mpz_sgn(d->c[r]) == 0)
            bs_set(lab, (size_t)d->basic[r]);
}

/* A resumable depth-first walk over the feasible bases of one polytope, collecting its
 * vertices (including the origin) as label sets. Resumable so that the walks over P and Q can
 * take turns and the one that finishes first can be used alone. */
typedef struct venum {
    dict *d;
    size_t words;
    mask_table bases, verts;
    uint64_t *key, *lab;
    size_t *ties;
    frame *stack;
    size_t depth, cap;
    mpz_t t1, t2;
    vlist out;
    bool degenerate;   /* some vertex has more labels than the dimension */
    size_t n_degenerate;
    bool done;
    /* Fast mode: the walk runs on the interval dictionary (every decision proven, see
     * ivdict.c); it switches to the exact walk from the start when the polytope turns out
     * degenerate. The exact dictionary d stays untouched meanwhile. */
    bool fast;
    ivdict iv;
    uint8_t *wins; /* fast walk: each frame's ratio-test winners (ivd_ratio_all), cap * cols */
    bool small;    /* fast walk with one-word label sets: visited bases in fb, not bases */
    kset fb;
    game_work *w;  /* the solve's work bound (venum_charge) */
} venum;

static void venum_free(venum *v)
{
    mpz_clear(v->t1);
    mpz_clear(v->t2);
    free(v->stack);
    free(v->key);
    free(v->lab);
    free(v->ties);
    mt_free(&v->bases);
    mt_free(&v->verts);
    free(v->out.masks);
    if (v->fast)
        ivd_free(&v->iv);
    free(v->wins);
    free(v->fb.keys);
}

static fc_status venum_record(venum *v)
{
    vertex_labels(v->d, v->lab, v->words);
    int ins = mt_insert(&v->verts, v->lab, (long)v->out.n);
    if (ins < 0 || (ins == 1 && !vl_push(&v->out, v->lab)))
        return FC_ENOMEM;
    if (ins == 1 && bs_count(v->lab, v->words) > v->d->cols) {
        v->degenerate = true;
        v->n_degenerate++;
    }
    return FC_OK;
}

static fc_status venum_init(venum *v, dict *d, size_t words, fc_error *err)
{
    memset(v, 0, sizeof *v);
    mpz_init(v->t1);
    mpz_init(v->t2);
    v->d = d;
    v->words = words;
    v->out.words = words;
    v->key = calloc(words, sizeof *v->key);
    v->lab = calloc(words, sizeof *v->lab);
    v->ties = malloc((d->rows + 1) * sizeof *v->ties);
    v->cap = 64;
    v->stack = malloc(v->cap * sizeof *v->stack);
    if (!v->key || !v->lab || !v->ties || !v->stack || !mt_init(&v->bases, words) ||
        !mt_init(&v->verts, words))
        return fc_error_nomem(err);
    for (size_t k = 0; k < d->cols; k++)
        bs_set(v->key, (size_t)d->nonbasic[k]);
    if (mt_insert(&v->bases, v->key, 0) < 0 || venum_record(v) != FC_OK)
        return fc_error_nomem(err);
    v->stack[v->depth++] = (frame){0, 0, 0, -1, -1};
    return FC_OK;
}

/* Prefetches the hash slots of the neighbouring bases of the top frame from column col on:
 * most are already visited, and the probes of a large table are cache misses. */
static void prefetch_from(venum *v, size_t col)
{
    if (v->words != 1)
        return;
    ivdict *d = &v->iv;
    const uint8_t *w = v->wins + (v->depth - 1) * d->cols;
    uint64_t base = 0;
    for (size_t k = 0; k < d->cols; k++)
        base |= (uint64_t)1 << d->nonbasic[k];
    if (!v->small)
        return;
    size_t mask = v->fb.cap - 1;
    for (size_t s = col; s < d->cols; s++) {
        if (w[s] >= IV_UNKNOWN)
            continue;
        uint64_t key = (base & ~((uint64_t)1 << d->nonbasic[s])) | (uint64_t)1 << d->basic[w[s]];
        size_t i = (size_t)bs_hash(&key, 1) & mask;
        __builtin_prefetch(&v->fb.keys[i]);
    }
}

/* The top frame is a newly reached basis: all its ratio tests at once, then prefetch. */
static void fast_enter(venum *v)
{
    ivdict *d = &v->iv;
    uint8_t *w = v->wins + (v->depth - 1) * d->cols;
    ivd_ratio_all(d, w);
    if (!v->small)
        return;
    /* Neighbours already visited at their home slot are dropped now, with independent loads
     * that overlap; the others are probed in full when their turn comes. */
    uint64_t base = 0, key[IV_MAXCOLS];
    size_t slot[IV_MAXCOLS], mask = v->fb.cap - 1;
    for (size_t k = 0; k < d->cols; k++)
        base |= (uint64_t)1 << d->nonbasic[k];
    for (size_t s = 0; s < d->cols; s++) {
        key[s] = w[s] >= IV_UNKNOWN ? 0
                                     : (base & ~((uint64_t)1 << d->nonbasic[s])) |
                                           (uint64_t)1 << d->basic[w[s]];
        slot[s] = (size_t)bs_hash(&key[s], 1) & mask;
        __builtin_prefetch(&v->fb.keys[slot[s]]);
    }
    for (size_t s = 0; s < d->cols; s++)
        if (key[s] && v->fb.keys[slot[s]] == key[s])
            w[s] = IV_NONE;
}

/* Starts the walk in fast mode (the root's labels are the same in both modes). */
static fc_status venum_fast(venum *v, const bimatrix *bm, int which, fc_error *err)
{
    int rc = ivd_init(&v->iv, bm, which);
    if (rc == IV_NOMEM) {
        ivd_free(&v->iv);
        return fc_error_nomem(err);
    }
    if (rc != IV_OK) {
        ivd_free(&v->iv);
        return FC_OK;
    }
    v->wins = malloc(v->cap * v->iv.cols);
    if (!v->wins) {
        ivd_free(&v->iv);
        return fc_error_nomem(err);
    }
    v->fast = true;
    if (v->words == 1) {
        if (!ks_init(&v->fb) || ks_insert(&v->fb, v->key[0]) < 0) {
            ivd_free(&v->iv);
            v->fast = false;
            return fc_error_nomem(err);
        }
        v->small = true;
    }
    fast_enter(v);
    return FC_OK;
}

/* The polytope is degenerate: forget the fast walk and restart exactly from the origin. */
static fc_status venum_restart_exact(venum *v, fc_error *err)
{
    ivd_free(&v->iv);
    v->fast = false;
    v->small = false;
    free(v->fb.keys);
    v->fb.keys = NULL;
    mt_free(&v->bases);
    mt_free(&v->verts);
    v->out.n = 0;
    v->degenerate = false;
    v->n_degenerate = 0;
    v->depth = 0;
    if (!mt_init(&v->bases, v->words) || !mt_init(&v->verts, v->words))
        return fc_error_nomem(err);
    memset(v->key, 0, v->words * sizeof *v->key);
    for (size_t k = 0; k < v->d->cols; k++)
        bs_set(v->key, (size_t)v->d->nonbasic[k]);
    if (mt_insert(&v->bases, v->key, 0) < 0 || venum_record(v) != FC_OK)
        return fc_error_nomem(err);
    v->stack[v->depth++] = (frame){0, 0, 0, -1, -1};
    return FC_OK;
}

static fc_status venum_push(venum *v, long r, long s, fc_error *err)
{
    if (v->depth == v->cap) {
        frame *ns = realloc(v->stack, 2 * v->cap * sizeof *ns);
        if (!ns)
            return fc_error_nomem(err);
        v->stack = ns;
        if (v->fast) {
            uint8_t *nw = realloc(v->wins, 2 * v->cap * v->iv.cols);
            if (!nw)
                return fc_error_nomem(err);
            v->wins = nw;
        }
        v->cap *= 2;
    }
    v->stack[v->depth++] = (frame){0, 0, 0, r, s};
    return FC_OK;
}

/* Counts walk work against the bound: a ratio test reads a column (rows), a pivot updates the
 * whole dictionary. Both walks of a solve share the bound. */
static bool venum_charge(venum *v, size_t units)
{
    return game_work_add(v->w, units);
}

/* The fast walk: the same depth-first walk over feasible bases as venum_step, on the
 * interval dictionary, whose every decision is proven (exactly where the intervals do not
 * settle it, e.g. at degenerate vertices). */
static fc_status venum_step_fast(venum *v, size_t budget, fc_error *err)
{
    ivdict *d = &v->iv;
    size_t words = v->words;
    while (v->depth > 0 && budget > 0) {
        frame *f = &v->stack[v->depth - 1];
        const uint8_t *w = v->wins + (v->depth - 1) * d->cols;
        bool moved = false;
        while (f->col < d->cols) {
            size_t s = f->col;
            size_t r;
            if (w[s] == IV_NONE || (w[s] < IV_UNKNOWN && f->tie > 0) ||
                (w[s] == IV_UNKNOWN && f->tie > 0 && f->tie >= f->nt)) {
                f->col++;
                f->tie = 0;
                continue;
            }
            if (w[s] < IV_UNKNOWN) {
                r = w[s];
                f->tie = 1;
            } else {
                int rc = IV_OK;
                if (!venum_charge(v, v->d->rows + 1))
                    return game_work_error(v->w, err);
                size_t nt = ivd_ratio(d, s, v->ties, &rc);
                if (rc != IV_OK)
                    return venum_restart_exact(v, err);
                f->nt = nt;
                if (f->tie >= nt) {
                    f->col++;
                    f->tie = 0;
                    continue;
                }
                r = v->ties[f->tie++];
            }
            if (v->small) {
                uint64_t key = (uint64_t)1 << d->basic[r];
                for (size_t k = 0; k < d->cols; k++)
                    key |= k == s ? 0 : (uint64_t)1 << d->nonbasic[k];
                v->key[0] = key;
            } else {
                memset(v->key, 0, words * sizeof *v->key);
                for (size_t k = 0; k < d->cols; k++)
                    bs_set(v->key, (size_t)(k == s ? d->basic[r] : d->nonbasic[k]));
            }
            if (!venum_charge(v, d->cols + 1))
                return game_work_error(v->w, err);
            int ins = v->small ? ks_insert(&v->fb, v->key[0]) : mt_insert(&v->bases, v->key, 0);
            if (ins < 0)
                return fc_error_nomem(err);
            if ((v->small ? v->fb.n : v->bases.n) > ENUM_MAX_BASES)
                return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "solver",
                                    "enummixed: more than %d bases of a best-response polytope; "
                                    "the game is too large for vertex enumeration (try lcp with "
                                    "lcp_all)",
                                    ENUM_MAX_BASES);
            if (ins == 0)
                continue;
            memcpy(v->lab, v->key, words * sizeof *v->lab);
            int rc = ivd_pivot(d, r, s, v->lab);
            if (rc == IV_NOMEM)
                return fc_error_nomem(err);
            if (rc != IV_OK)
                return venum_restart_exact(v, err);
            budget--;
            if (!venum_charge(v, (v->d->rows + 1) * (v->d->cols + 1)))
                return game_work_error(v->w, err);
            /* A vertex with exactly `cols` labels has one basis, this new one: no need to
             * look it up (a large table's probe is a cache miss). */
            if (bs_count(v->lab, words) == d->cols) {
                if (!vl_push(&v->out, v->lab))
                    return fc_error_nomem(err);
            } else {
                int vins = mt_insert(&v->verts, v->lab, (long)v->out.n);
                if (vins < 0 || (vins == 1 && !vl_push(&v->out, v->lab)))
                    return fc_error_nomem(err);
                if (vins == 1) {
                    v->degenerate = true;
                    v->n_degenerate++;
                }
            }
            if (venum_push(v, (long)r, (long)s, err) != FC_OK)
                return FC_ENOMEM;
            fast_enter(v);
            moved = true;
            break;
        }
        if (moved)
            continue;
        frame back = v->stack[--v->depth];
        if (back.r >= 0) {
            int rc = ivd_pivot(d, (size_t)back.r, (size_t)back.s, NULL);
            if (rc == IV_NOMEM)
                return fc_error_nomem(err);
            if (rc != IV_OK)
                return venum_restart_exact(v, err);
            budget--;
            if (!venum_charge(v, (v->d->rows + 1) * (v->d->cols + 1)))
                return game_work_error(v->w, err);
            prefetch_from(v, v->stack[v->depth - 1].col);
        }
    }
    if (v->depth == 0)
        v->done = true;
    return FC_OK;
}

/* Advances the walk by about `budget` pivots. */
static fc_status venum_step(venum *v, size_t budget, fc_error *err)
{
    if (v->fast)
        return venum_step_fast(v, budget, err);
    dict *d = v->d;
    size_t words = v->words;
    while (v->depth > 0 && budget > 0) {
        frame *f = &v->stack[v->depth - 1];
        bool moved = false;
        while (f->col < d->cols) {
            size_t s = f->col;
            if (!venum_charge(v, v->d->rows + 1))
                return game_work_error(v->w, err);
            size_t nt = ratio_ties(d, s, v->ties, v->t1, v->t2);
            if (f->tie >= nt) {
                f->col++;
                f->tie = 0;
                continue;
            }
            size_t r = v->ties[f->tie++];
            /* the neighbouring basis: nonbasic set with column s's label swapped for row r's */
            memset(v->key, 0, words * sizeof *v->key);
            for (size_t k = 0; k < d->cols; k++)
                bs_set(v->key, (size_t)(k == s ? d->basic[r] : d->nonbasic[k]));
            if (!venum_charge(v, d->cols + 1))
                return game_work_error(v->w, err);
            int ins = mt_insert(&v->bases, v->key, 0);
            if (ins < 0)
                return fc_error_nomem(err);
            if (v->bases.n > ENUM_MAX_BASES)
                return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "solver",
                                    "enummixed: more than %d bases of a best-response polytope; "
                                    "the game is too large for vertex enumeration (try lcp with "
                                    "lcp_all)",
                                    ENUM_MAX_BASES);
            if (ins == 0)
                continue;
            polytope_dict_pivot(d, r, s);
            budget--;
            if (!venum_charge(v, (v->d->rows + 1) * (v->d->cols + 1)))
                return game_work_error(v->w, err);
            if (venum_record(v) != FC_OK)
                return fc_error_nomem(err);
            if (v->depth == v->cap) {
                frame *ns = realloc(v->stack, 2 * v->cap * sizeof *ns);
                if (!ns)
                    return fc_error_nomem(err);
                v->stack = ns;
                v->cap *= 2;
                f = &v->stack[v->depth - 1];
            }
            v->stack[v->depth++] = (frame){0, 0, 0, (long)r, (long)s};
            moved = true;
            break;
        }
        if (moved)
            continue;
        frame back = v->stack[--v->depth];
        if (back.r >= 0) {
            polytope_dict_pivot(d, (size_t)back.r, (size_t)back.s);
            budget--;
            if (!venum_charge(v, (v->d->rows + 1) * (v->d->cols + 1)))
                return game_work_error(v->w, err);
        }
    }
    if (v->depth == 0)
        v->done = true;
    return FC_OK;
}

/* One walk on its own thread; whichever walk finishes first stops the other. */
typedef struct walker {
    venum *v;
    atomic_int *stop;
    fc_status st;
    fc_error err;
} walker;

static void *walk_thread(void *arg)
{
    walker *w = arg;
    while (!w->v->done && !atomic_load(w->stop)) {
        w->st = venum_step(w->v, 4096, &w->err);
        if (w->st != FC_OK)
            break;
    }
    if (w->v->done || w->st != FC_OK)
        atomic_store(w->stop, 1);
    return NULL;
}

static fc_status push_checked(const sform *s, const mpq_t *prof, fc_equilibria *out,
                              fc_error *err)
{
    mpq_t reg;
    mpq_init(reg);
    sform_regrets(s, prof, NULL, reg);
    bool ok = mpq_sgn(reg) == 0;
    mpq_clear(reg);
    if (!ok)
        return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                            "enummixed: a computed profile failed the regret check (a bug)");
    return game_eq_push(out, sform_dim(s), prof, err);
}

/* The game in doubles, for the floating-point filter of the one-polytope path. */
typedef struct float_game {
    size_t m, n;
    double *A, *B;    /* m*n */
    double *M, *sol;  /* work space */
    size_t *unk, *eqs;
} float_game;

static bool float_init(float_game *f, const bimatrix *bm)
{
    size_t m = bm->m, n = bm->n, k = m > n ? m : n;
    f->m = m;
    f->n = n;
    f->A = malloc(m * n * sizeof *f->A);
    f->B = malloc(m * n * sizeof *f->B);
    f->M = malloc(k * (k + 1) * sizeof *f->M);
    f->sol = malloc(k * sizeof *f->sol);
    f->unk = malloc(k * sizeof *f->unk);
    f->eqs = malloc(k * sizeof *f->eqs);
    if (!f->A || !f->B || !f->M || !f->sol || !f->unk || !f->eqs)
        return false;
    /* Each matrix is scaled by a power of two so its largest entry is below 2^900: payoffs
     * past the double range (1e400) became inf and the screen ruled out real equilibria.
     * A polytope's binding constraints do not change when its matrix is scaled by a positive
     * number, and a power of two keeps every representable digit. */
    size_t bits_a = 0, bits_b = 0;
    for (size_t i = 0; i < m * n; i++) {
        size_t ba = mpz_sizeinbase(bm->A[i], 2), bb = mpz_sizeinbase(bm->B[i], 2);
        bits_a = ba > bits_a ? ba : bits_a;
        bits_b = bb > bits_b ? bb : bits_b;
    }
    long shift_a = bits_a > 900 ? (long)(bits_a - 900) : 0;
    long shift_b = bits_b > 900 ? (long)(bits_b - 900) : 0;
    for (size_t i = 0; i < m * n; i++) {
        long ea = 0, eb = 0;
        double da = mpz_get_d_2exp(&ea, bm->A[i]), db = mpz_get_d_2exp(&eb, bm->B[i]);
        f->A[i] = ldexp(da, (int)(ea - shift_a));
        f->B[i] = ldexp(db, (int)(eb - shift_b));
    }
    return true;
}

static void float_free(float_game *f)
{
    free(f->A);
    free(f->B);
    free(f->M);
    free(f->sol);
    free(f->unk);
    free(f->eqs);
}

/* True only when the point of polytope `which` fixed by `labels` is clearly infeasible
 * (a coordinate below -1e-7 or a constraint above 1 + 1e-7, relative to the scale) in a
 * well-conditioned solve; any doubt returns false and the exact solve decides. */
static bool float_rules_out(float_game *f, int which, const uint64_t *labels)
{
    size_t m = f->m, n = f->n;
    size_t dim = which == 0 ? m : n, other = which == 0 ? n : m;
    size_t own0 = which == 0 ? 0 : m, oth0 = which == 0 ? m : 0;
    size_t nu = 0, ne = 0;
    for (size_t k = 0; k < dim; k++)
        if (!bs_get(labels, own0 + k))
            f->unk[nu++] = k;
    for (size_t l = 0; l < other; l++)
        if (bs_get(labels, oth0 + l))
            f->eqs[ne++] = l;
    if (nu == 0 || ne != nu)
        return false;
    size_t W = nu + 1;
    double scale = 0;
    for (size_t e = 0; e < ne; e++) {
        for (size_t u = 0; u < nu; u++) {
            double v = which == 0 ? f->B[f->unk[u] * n + f->eqs[e]] : f->A[f->eqs[e] * n + f->unk[u]];
            f->M[e * W + u] = v;
            if (v > scale)
                scale = v;
        }
        f->M[e * W + nu] = 1.0;
    }
    for (size_t col = 0; col < nu; col++) {
        size_t p = col;
        for (size_t i = col + 1; i < ne; i++)
            if (fabs(f->M[i * W + col]) > fabs(f->M[p * W + col]))
                p = i;
        if (fabs(f->M[p * W + col]) < 1e-6 * scale)
            return false; /* nearly singular: let the exact solve decide */
        if (p != col)
            for (size_t k = 0; k < W; k++) {
                double t = f->M[p * W + k];
                f->M[p * W + k] = f->M[col * W + k];
                f->M[col * W + k] = t;
            }
        for (size_t i = col + 1; i < ne; i++) {
            double fct = f->M[i * W + col] / f->M[col * W + col];
            for (size_t k = col; k < W; k++)
                f->M[i * W + k] -= fct * f->M[col * W + k];
        }
    }
    for (size_t u = nu; u-- > 0;) {
        double v = f->M[u * W + nu];
        for (size_t k = u + 1; k < nu; k++)
            v -= f->M[u * W + k] * f->sol[k];
        f->sol[u] = v / f->M[u * W + u];
    }
    /* coordinates are about 1/scale in size */
    double tol = 1e-7 / (scale > 1 ? scale : 1);
    for (size_t u = 0; u < nu; u++)
        if (f->sol[u] < -tol)
            return true;
    for (size_t l = 0; l < other; l++) {
        double acc = 0;
        for (size_t u = 0; u < nu; u++)
            acc += (which == 0 ? f->B[f->unk[u] * n + l] : f->A[l * n + f->unk[u]]) * f->sol[u];
        if (acc > 1 + 1e-7)
            return true;
    }
    return false;
}

/* Vertices of the face of polytope `which` on which every label in comp is tight, found by
 * adding e0, e0+1, ... labels until no choice leaves the point undetermined; each one is
 * paired with the vertex already in prof (the other player's part) and pushed. Returns -1
 * when the search would be too large (the caller falls back to enumerating both polytopes). */
static int face_vertices(const bimatrix *bm, int which, const uint64_t *comp, size_t words,
                         size_t e0, const sform *s, mpq_t *prof, int xwhich, game_work *w,
                         fc_equilibria *out, fc_error *err, fc_status *st)
{
    size_t m = bm->m, n = bm->n, L = m + n;
    size_t *free_l = malloc(L * sizeof *free_l), nf = 0;
    uint64_t *lab = calloc(words, sizeof *lab);
    size_t *pick = malloc((L + 1) * sizeof *pick);
    mpq_t *pt = fc_mpq_array_new(which == 0 ? m : n);
    mpq_t **found = NULL;
    size_t n_found = 0;
    size_t dim = which == 0 ? m : n;
    int result = 0;
    if (!free_l || !lab || !pick || !pt) {
        *st = fc_error_nomem(err);
        result = 0;
        goto out;
    }
    for (size_t l = 0; l < L; l++)
        if (!bs_get(comp, l))
            free_l[nf++] = l;
    for (size_t e = e0;; e++) {
        if (e > e0 + 2 || e > nf) {
            result = -1;
            break;
        }
        bool loose = false;
        size_t tried = 0;
        for (size_t k = 0; k < e; k++)
            pick[k] = k;
        for (;;) {
            if (++tried > 200000) {
                result = -1;
                goto out;
            }
            /* each try solves for a point: about dim^2 exact operations */
            if (!game_work_add(w, (unsigned long long)(dim + 1) * (dim + 1))) {
                *st = game_work_error(w, err);
                goto out;
            }
            memcpy(lab, comp, words * sizeof *lab);
            for (size_t k = 0; k < e; k++)
                bs_set(lab, free_l[pick[k]]);
            int r = polytope_bimatrix_point_checked(bm, which, lab, pt);
            if (r < 0)
                loose = true;
            if (r == 1) {
                bool dup = false;
                for (size_t f = 0; f < n_found && !dup; f++) {
                    dup = true;
                    for (size_t i = 0; i < dim && dup; i++)
                        dup = mpq_equal(found[f][i], pt[i]);
                }
                if (!dup) {
                    mpq_t **nfp = realloc(found, (n_found + 1) * sizeof *nfp);
                    if (!nfp) {
                        *st = fc_error_nomem(err);
                        goto out;
                    }
                    found = nfp;
                    found[n_found] = fc_mpq_array_new(dim);
                    for (size_t i = 0; i < dim; i++)
                        mpq_set(found[n_found][i], pt[i]);
                    n_found++;
                    mpq_t *theirs = xwhich == 0 ? prof + m : prof;
                    for (size_t i = 0; i < dim; i++)
                        mpq_set(theirs[i], pt[i]);
                    if ((*st = push_checked(s, prof, out, err)) != FC_OK)
                        goto out;
                }
            }
            /* next combination */
            size_t k = e;
            while (k > 0 && pick[k - 1] == nf - e + k - 1)
                k--;
            if (k == 0)
                break;
            pick[k - 1]++;
            for (size_t j = k; j < e; j++)
                pick[j] = pick[j - 1] + 1;
        }
        if (!loose)
            break;
    }
out:
    for (size_t f = 0; f < n_found; f++)
        fc_mpq_array_free(found[f], dim);
    free(found);
    free(free_l);
    free(lab);
    free(pick);
    if (pt)
        fc_mpq_array_free(pt, dim);
    return result;
}

fc_status enummixed_bimatrix(const sform *s, game_work *w, fc_equilibria *out, fc_error *err)
{
    bimatrix bm;
    memset(&bm, 0, sizeof bm);
    dict dp, dq;
    memset(&dp, 0, sizeof dp);
    memset(&dq, 0, sizeof dq);
    venum ep, eq_;
    bool ep_init = false, eq_init_ = false;
    float_game flt;
    memset(&flt, 0, sizeof flt);
    mask_table qexact;
    memset(&qexact, 0, sizeof qexact);
    mpq_t *prof = NULL;
    uint64_t *comp = NULL, *full = NULL;
    size_t *qdegen = NULL, n_qdegen = 0;
    fc_status st = polytope_bimatrix_from_sform(s, &bm, err);
    if (st == FC_OK)
        st = polytope_dict_init(&dp, &bm, 0, err);
    if (st == FC_OK)
        st = polytope_dict_init(&dq, &bm, 1, err);
    size_t m = bm.m, n = bm.n, L = m + n, words = (L + 63) / 64;
    if (st != FC_OK)
        goto done;
    if ((st = venum_init(&ep, &dp, words, err)) == FC_OK)
        ep_init = true;
    if (st == FC_OK && (st = venum_init(&eq_, &dq, words, err)) == FC_OK)
        eq_init_ = true;
    if (ep_init)
        ep.w = w;
    if (eq_init_)
        eq_.w = w;
    if (st == FC_OK)
        st = venum_fast(&ep, &bm, 0, err);
    if (st == FC_OK)
        st = venum_fast(&eq_, &bm, 1, err);
    prof = fc_mpq_array_new(m + n);
    comp = calloc(words, sizeof *comp);
    full = calloc(words, sizeof *full);
    if (st == FC_OK && (!prof || !comp || !full))
        st = fc_error_nomem(err);
    if (st == FC_OK && !float_init(&flt, &bm))
        st = fc_error_nomem(err);
    if (st != FC_OK)
        goto done;
    for (size_t l = 0; l < L; l++)
        bs_set(full, l);
    /* The two walks run at once (P on a second thread) until one is complete; without a
     * thread they take turns. */
    {
        atomic_int stop;
        atomic_init(&stop, 0);
        walker wp = {&ep, &stop, FC_OK, {0}}, wq = {&eq_, &stop, FC_OK, {0}};
        pthread_t th;
        if (pthread_create(&th, NULL, walk_thread, &wp) == 0) {
            walk_thread(&wq);
            pthread_join(th, NULL);
            if (wp.st != FC_OK && !eq_.done) {
                *err = wp.err;
                st = wp.st;
            } else if (wq.st != FC_OK && !ep.done) {
                *err = wq.err;
                st = wq.st;
            }
        } else {
            while (!ep.done && !eq_.done && st == FC_OK) {
                st = venum_step(&ep, 2048, err);
                if (st == FC_OK && !ep.done)
                    st = venum_step(&eq_, 2048, err);
            }
        }
    }
    if (st != FC_OK)
        goto done;
    venum *one = ep.done ? &ep : &eq_;
    int which = ep.done ? 0 : 1;
    size_t own = which == 0 ? m : n; /* dimension of the finished polytope */
    size_t own0 = which == 0 ? 0 : m;
    {
        /* Fast path: at a vertex with exactly `own` labels the other player's strategy is
         * pinned by the complementary labels; solve for it and check it is feasible. Degenerate
         * vertices go through face_vertices. */
        bool fallback = false;
        for (size_t k = 0; k < one->out.n && !fallback; k++) {
            const uint64_t *lx = one->out.masks + k * words;
            bool origin = true;
            for (size_t i = 0; i < own && origin; i++)
                origin = bs_get(lx, own0 + i);
            if (origin)
                continue;
            for (size_t w = 0; w < words; w++)
                comp[w] = full[w] & ~lx[w];
            mpq_t *mine = which == 0 ? prof : prof + m, *theirs = which == 0 ? prof + m : prof;
            size_t other = which == 0 ? n : m;
            size_t ncomp = bs_count(comp, words);
            /* A floating-point solve only rules candidates out, and only by a wide margin;
             * every equilibrium is then computed and checked exactly. */
            /* the checks below solve for a point of each player: cubic in their sizes */
            if (!game_work_add(w, ((unsigned long long)own * own * own +
                                   (unsigned long long)other * other * other) / 3 + 1)) {
                st = game_work_error(w, err);
                goto done;
            }
            if (ncomp == other && float_rules_out(&flt, 1 - which, comp))
                continue;
            if (!polytope_bimatrix_point(&bm, which, lx, mine)) {
                st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                                  "enummixed: a vertex could not be recovered (a bug)");
                goto done;
            }
            int r = ncomp == other ? polytope_bimatrix_point_checked(&bm, 1 - which, comp, theirs) : -1;
            if (r == 1) {
                if ((st = push_checked(s, prof, out, err)) != FC_OK)
                    goto done;
                continue;
            }
            if (r == 0)
                continue;
            /* The complementary face is not a single point (a degenerate vertex, or dependent
             * constraints): its vertices are the unique feasible points fixed by the labels
             * plus e more, for the smallest e at which no choice leaves the point loose. */
            int fr = face_vertices(&bm, 1 - which, comp, words, other - (ncomp < other ? ncomp : other),
                                   s, prof, which, w, out, err, &st);
            if (st != FC_OK)
                goto done;
            if (fr < 0)
                fallback = true;
        }
        if (!fallback) {
            /* The walk that finished first differs from run to run (two threads); the note
             * names neither it nor its count, so the same game gives the same message. */
            snprintf(out->note, sizeof out->note,
                     "all extreme equilibria (from the vertices of one player's best-response "
                     "polytope)");
            goto done;
        }
        fc_equilibria_free(out);
        game_eq_init(out, FC_PROFILE_MIXED, true);
    }
    /* General case (degenerate games): both vertex sets, matched by their labels. */
    while (!ep.done && st == FC_OK)
        st = venum_step(&ep, (size_t)1 << 30, err);
    while (!eq_.done && st == FC_OK)
        st = venum_step(&eq_, (size_t)1 << 30, err);
    if (st != FC_OK)
        goto done;
    vlist vp = ep.out, vq = eq_.out;
    qdegen = malloc((vq.n + 1) * sizeof *qdegen);
    if (!qdegen || !mt_init(&qexact, words)) {
        st = fc_error_nomem(err);
        goto done;
    }
    /* Index Q's vertices: nondegenerate ones (exactly n labels) by their label set. */
    for (size_t k = 0; k < vq.n; k++) {
        const uint64_t *lab = vq.masks + k * words;
        if (bs_count(lab, words) == n) {
            if (mt_insert(&qexact, lab, (long)k) < 0) {
                st = fc_error_nomem(err);
                goto done;
            }
        } else {
            qdegen[n_qdegen++] = k;
        }
    }
    for (size_t k = 0; k < vp.n; k++) {
        const uint64_t *lx = vp.masks + k * words;
        bool origin = true;
        for (size_t i = 0; i < m && origin; i++)
            origin = bs_get(lx, i);
        if (origin)
            continue;
        for (size_t w = 0; w < words; w++)
            comp[w] = full[w] & ~lx[w];
        size_t cnt = bs_count(lx, words);
        /* candidates: exact match among nondegenerate vertices of Q when x has m labels,
         * then the degenerate ones; a degenerate x is checked against all of Q. */
        size_t cand_n = 0;
        long exact = -1;
        if (cnt == m)
            exact = mt_find(&qexact, comp);
        size_t total = cnt == m ? n_qdegen + 1 : vq.n;
        for (size_t c = 0; c < total; c++) {
            size_t q;
            if (cnt == m) {
                if (c == 0) {
                    if (exact < 0)
                        continue;
                    q = (size_t)exact;
                } else {
                    q = qdegen[c - 1];
                }
            } else {
                q = c;
            }
            const uint64_t *ly = vq.masks + q * words;
            if (!game_work_add(w, words)) {
                st = game_work_error(w, err);
                goto done;
            }
            if (!bs_superset(ly, comp, words))
                continue;
            bool yorigin = true;
            for (size_t j = 0; j < n && yorigin; j++)
                yorigin = bs_get(ly, m + j);
            if (yorigin)
                continue;
            if (!game_work_add(w, ((unsigned long long)m * m * m + (unsigned long long)n * n * n) / 3 + 1)) {
                st = game_work_error(w, err);
                goto done;
            }
            if (!polytope_bimatrix_point(&bm, 0, lx, prof) || !polytope_bimatrix_point(&bm, 1, ly, prof + m)) {
                st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                                  "enummixed: a vertex could not be recovered (a bug)");
                goto done;
            }
            if ((st = push_checked(s, prof, out, err)) != FC_OK)
                goto done;
            cand_n++;
        }
        (void)cand_n;
    }
    snprintf(out->note, sizeof out->note,
             "all extreme equilibria: %zu + %zu vertices of the best-response polytopes, "
             "matched by their labels (a degenerate game)",
             vp.n, vq.n);
done:
    float_free(&flt);
    free(comp);
    free(full);
    free(qdegen);
    if (prof)
        fc_mpq_array_free(prof, m + n);
    mt_free(&qexact);
    if (ep_init)
        venum_free(&ep);
    if (eq_init_)
        venum_free(&eq_);
    if (dp.a)
        polytope_dict_free(&dp);
    if (dq.a)
        polytope_dict_free(&dq);
    polytope_bimatrix_free(&bm);
    return st;
}

fc_status game_enummixed(const fc_game *g, game_work *w, fc_equilibria *out, fc_error *err)
{
    game_eq_init(out, FC_PROFILE_MIXED, true);
    if (g->n_players != 2)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "enummixed needs a two-player game (this one has %zu players); "
                            "enumpure works for any number",
                            g->n_players);
    sform *s = NULL;
    fc_status st = sform_build_ex(g, GAME_ENUMMIXED_MAX_PROFILES, true, w, &s, err);
    if (st != FC_OK)
        return st;
    st = enummixed_bimatrix(s, w, out, err);
    sform_free(s);
    if (st != FC_OK)
        fc_equilibria_free(out);
    return st;
}
