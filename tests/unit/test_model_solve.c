/* The forecasters' fast path (fc_model's workspace_new / solve / workspace_free) against
 * their run: the same outcome to the bit, and for EUM the same offers in the same order as
 * the forecast's events (with fixed actors' refusals when asked for), on the built-in case
 * and on random problems, with one workspace reused across problems of different sizes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/eum.h"
#include "fulcrum/fulcrum.h"

typedef struct offers {
    fc_model_offer o[4096];
    size_t n;
} offers;

static void keep_offer(void *ctx, const fc_model_offer *o)
{
    offers *l = ctx;
    assert_true(l->n < sizeof l->o / sizeof l->o[0]);
    l->o[l->n++] = *o;
}

static uint64_t seed = 0x243F6A8885A308D3ull;

static double uniform(void)
{
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(seed >> 11) * 0x1p-53;
}

/* A random one-issue problem: positions on a coarse grid (so that actors share positions),
 * some fixed actors, one with zero salience. */
static void random_problem(fc_problem *p, size_t n)
{
    fc_error err;
    assert_int_equal(fc_problem_init(p, n, 1, &err), FC_OK);
    p->fixed = calloc(n, 1);
    assert_non_null(p->fixed);
    p->scale_min[0] = 0;
    p->scale_max[0] = 100;
    for (size_t i = 0; i < n; i++) {
        p->capability[i] = 1 + floor(uniform() * 100);
        p->position[i] = floor(uniform() * 11) * 10;
        p->salience[i] = i == 1 ? 0 : 0.1 + 0.9 * uniform();
        p->fixed[i] = uniform() < 0.15;
    }
}

/* solve against run for one model, problem and options. */
static void compare(const fc_model *m, void *ws, const fc_problem *p, const void *opts)
{
    fc_error err;
    fc_forecast *f = NULL;
    fc_status st = m->run(p, opts, &f, &err);
    double out[8] = {0};
    offers *seen = calloc(1, sizeof *seen);
    assert_non_null(seen);
    fc_model_watch watch = {.ctx = seen, .offer = keep_offer, .refused = 1};
    fc_status st2 = m->solve(ws, p, opts, &watch, out, &err);
    assert_int_equal(st, st2);
    if (st == FC_OK) {
        for (size_t d = 0; d < p->n_dims; d++)
            assert_memory_equal(&out[d], &f->outcome[d], sizeof out[d]);
        /* Every event of the forecast, in order. */
        assert_int_equal(seen->n, f->n_events);
        for (size_t k = 0; k < f->n_events; k++) {
            const fc_event *ev = &f->events[k];
            const fc_model_offer *o = &seen->o[k];
            assert_int_equal(o->round, (size_t)ev->round);
            assert_int_equal(o->challenger, (size_t)ev->challenger);
            assert_int_equal(o->target, (size_t)ev->target);
            assert_int_equal(o->kind, ev->kind);
            assert_int_equal(o->refused, ev->accepted == 0);
            assert_memory_equal(&o->eu_challenger, &ev->eu_challenger, sizeof(double));
            assert_memory_equal(&o->eu_target, &ev->eu_target, sizeof(double));
            assert_memory_equal(&o->old_x, &f->event_points[ev->point_offset], sizeof(double));
            assert_memory_equal(&o->new_x, &f->event_points[ev->point_offset + p->n_dims], sizeof(double));
        }
        /* Unwatched, and watched without refusals: the same outcome. */
        double plain[8] = {0};
        assert_int_equal(m->solve(ws, p, opts, NULL, plain, &err), FC_OK);
        assert_memory_equal(plain, out, p->n_dims * sizeof *out);
        seen->n = 0;
        watch.refused = 0;
        assert_int_equal(m->solve(ws, p, opts, &watch, plain, &err), FC_OK);
        assert_memory_equal(plain, out, p->n_dims * sizeof *out);
        size_t taken = 0;
        for (size_t k = 0; k < f->n_events; k++)
            taken += f->events[k].accepted != 0;
        assert_int_equal(seen->n, taken);
    }
    free(seen);
    fc_forecast_free(f);
}

static void test_eum_solve_is_run(void **state)
{
    (void)state;
    const fc_model *m = &fc_model_eum;
    assert_non_null(m->solve);
    void *ws = m->workspace_new(40, 1);
    assert_non_null(ws);
    const char *presets[] = {"scholz", "scholz-fixed", "bdm-paper"};
    for (size_t k = 0; k < 3; k++) {
        fc_eum_options o;
        fc_error err;
        assert_int_equal(fc_eum_options_preset(&o, presets[k], &err), FC_OK);
        for (int trial = 0; trial < 12; trial++) {
            fc_problem p;
            random_problem(&p, 3 + (size_t)trial * 3);
            o.rounds = 4 + (size_t)trial % 5;
            compare(m, ws, &p, &o);
            compare(m, ws, &p, NULL);
            fc_problem_free(&p);
        }
    }
    /* The built-in case. */
    fc_scenario *sc = NULL;
    fc_error err;
    assert_int_equal(fc_scenario_load_builtin(&sc, &err), FC_OK);
    fc_problem p;
    assert_int_equal(fc_problem_from_scenario(&p, sc, NULL, 0, &err), FC_OK);
    compare(m, ws, &p, NULL);
    fc_problem_free(&p);
    fc_scenario_free(sc);
    m->workspace_free(ws);
}

static void test_baselines_solve_is_run(void **state)
{
    (void)state;
    const fc_model *models[] = {&fc_model_median, &fc_model_compromise, &fc_model_status_quo};
    for (size_t k = 0; k < 3; k++) {
        const fc_model *m = models[k];
        assert_non_null(m->solve);
        void *ws = m->workspace_new(100, 3);
        assert_non_null(ws);
        for (int trial = 0; trial < 20; trial++) {
            fc_problem p;
            fc_error err;
            size_t n = 2 + (size_t)trial * 5, nd = 1 + (size_t)trial % 3;
            assert_int_equal(fc_problem_init(&p, n, nd, &err), FC_OK);
            for (size_t d = 0; d < nd; d++)
                p.status_quo[d] = trial % 4 == 3 ? NAN : 10.0 * (double)d + 0.1 * trial;
            for (size_t i = 0; i < n; i++) {
                p.capability[i] = trial == 5 ? 0 : uniform() * 10;
                for (size_t d = 0; d < nd; d++) {
                    p.position[i * nd + d] = uniform() * 100;
                    p.salience[i * nd + d] = uniform();
                }
            }
            /* trial 5 (no weight) and the missing status quos: the same refusal */
            compare(m, ws, &p, NULL);
            fc_problem_free(&p);
        }
        m->workspace_free(ws);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eum_solve_is_run),
        cmocka_unit_test(test_baselines_solve_is_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
