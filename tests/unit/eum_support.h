/* Helpers shared by the EUM tests: reading the reference cases of /work/shared/data/eum,
 * running the fast engine into the same record the direct reading produces, and comparing
 * two records to 1e-9 relative. */
#ifndef FULCRUM_TESTS_EUM_SUPPORT_H
#define FULCRUM_TESTS_EUM_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "eum_direct.h"
#include "models/eum_internal.h"

#define EUM_DATA FULCRUM_SHARED_DIR "/data/eum"
#define REL_TOL 1e-9

typedef struct eum_case {
    size_t n;
    char names[64][64];
    double cap[64], pos[64], sal[64];
} eum_case;

/* Reads inputs/<name>.csv: Actor,Capability,Position,Salience (salience on 0..1). */
static inline void load_case(const char *name, eum_case *c)
{
    char path[512];
    snprintf(path, sizeof path, "%s/inputs/%s.csv", EUM_DATA, name);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    char line[512];
    memset(c, 0, sizeof *c);
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '\n' || line[0] == '\r' || line[0] == 0)
            continue;
        char *p = strchr(line, ',');
        assert_non_null(p);
        *p = 0;
        assert_true(c->n < 64);
        size_t len = strlen(line);
        if (len >= sizeof c->names[0])
            len = sizeof c->names[0] - 1;
        memcpy(c->names[c->n], line, len);
        c->names[c->n][len] = 0;
        assert_int_equal(sscanf(p + 1, "%lf,%lf,%lf", &c->cap[c->n], &c->pos[c->n], &c->sal[c->n]), 3);
        c->n++;
    }
    fclose(f);
}

static inline int rel_close(double a, double b)
{
    if (a == b)
        return 1;
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= REL_TOL * scale || fabs(a - b) < 1e-15;
}

#define assert_rel(a, b, what, ...)                                                        \
    do {                                                                                   \
        double a_ = (a), b_ = (b);                                                         \
        if (!rel_close(a_, b_))                                                            \
            fail_msg("%s: %.17g != %.17g (" what ")", __func__, a_, b_, __VA_ARGS__);     \
    } while (0)

/* ---- the fast engine into a direct_result --------------------------------------------- */

typedef struct fast_rec {
    direct_result *res;
    size_t cap_moves;
} fast_rec;

static inline void fr_state(void *ctx, size_t round, const double *x, const double *r, double mean,
                     double median)
{
    fast_rec *fr = ctx;
    direct_result *res = fr->res;
    memcpy(res->x + round * res->n, x, res->n * sizeof *x);
    memcpy(res->r + round * res->n, r, res->n * sizeof *r);
    res->mean[round] = mean;
    res->median[round] = median;
    res->rounds = round;
}

static inline void fr_move(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double eij,
                    double eji, double old_x, double new_x)
{
    (void)old_x;
    fast_rec *fr = ctx;
    direct_result *res = fr->res;
    if (res->n_moves == fr->cap_moves) {
        fr->cap_moves = fr->cap_moves ? 2 * fr->cap_moves : 16;
        res->moves = realloc(res->moves, fr->cap_moves * sizeof *res->moves);
    }
    res->moves[res->n_moves++] = (direct_move){round, i, j, kind, eij, eji, new_x};
}

static inline void fast_run(const fc_eum_options *o, size_t n, const double *cap, const double *pos,
                     const double *sal, const unsigned char *fixed, direct_result *res)
{
    memset(res, 0, sizeof *res);
    res->n = n;
    res->x = calloc((o->rounds + 1) * n, sizeof(double));
    res->r = calloc((o->rounds + 1) * n, sizeof(double));
    res->mean = calloc(o->rounds + 1, sizeof(double));
    res->median = calloc(o->rounds + 1, sizeof(double));
    fast_rec fr = {res, 0};
    eum_observer obs = {.ctx = &fr, .state = fr_state, .move = fr_move};
    fc_eum_workspace *ws = fc_eum_workspace_new(n);
    assert_non_null(ws);
    fc_error err;
    fc_error_clear(&err);
    size_t played;
    assert_int_equal(eum_run(ws, o, n, cap, pos, sal, fixed, &obs, &played, NULL, &err), FC_OK);
    assert_int_equal(played, res->rounds);
    fc_eum_workspace_free(ws);
}

/* Two records agree: same rounds, same moves (receiver, sender, kind), and every number to
 * 1e-9 relative. */
static inline void compare_results(const direct_result *a, const direct_result *b, const char *label)
{
    if (a->rounds != b->rounds)
        fail_msg("%s: %zu rounds vs %zu", label, a->rounds, b->rounds);
    if (a->n_moves != b->n_moves)
        fail_msg("%s: %zu moves vs %zu", label, a->n_moves, b->n_moves);
    size_t n = a->n;
    for (size_t t = 0; t <= a->rounds; t++) {
        for (size_t k = 0; k < n; k++) {
            assert_rel(a->x[t * n + k], b->x[t * n + k], "%s x round %zu actor %zu", label, t, k);
            assert_rel(a->r[t * n + k], b->r[t * n + k], "%s r round %zu actor %zu", label, t, k);
        }
        assert_rel(a->mean[t], b->mean[t], "%s mean round %zu", label, t);
        assert_rel(a->median[t], b->median[t], "%s median round %zu", label, t);
    }
    for (size_t m = 0; m < a->n_moves; m++) {
        const direct_move *p = &a->moves[m], *q = &b->moves[m];
        if (p->round != q->round || p->i != q->i || p->j != q->j || p->kind != q->kind)
            fail_msg("%s: move %zu differs: round %zu %zu<-%zu kind %d vs round %zu %zu<-%zu kind %d",
                     label, m, p->round, p->i, p->j, (int)p->kind, q->round, q->i, q->j, (int)q->kind);
        assert_rel(p->eij, q->eij, "%s E_ij of move %zu", label, m);
        assert_rel(p->eji, q->eji, "%s E_ji of move %zu", label, m);
        assert_rel(p->y, q->y, "%s new position of move %zu", label, m);
    }
}

static inline const fc_eum_options *preset_by_name(const char *name)
{
    if (!strcmp(name, "scholz"))
        return &fc_eum_preset_scholz;
    if (!strcmp(name, "scholz-fixed"))
        return &fc_eum_preset_scholz_fixed;
    if (!strcmp(name, "bdm-paper"))
        return &fc_eum_preset_bdm_paper;
    fail_msg("unknown preset %s", name);
    return NULL;
}

#endif
