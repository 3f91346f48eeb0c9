/* The spatial model of politics piece by piece: the worked first turn of specs/smp.md S11
 * (smpExample_det) value by value, the fast challenge loop against the spec's formula for
 * every voting rule and commitment, a large election against the spec's loops, properties (reordering actors permutes the result,
 * actors at one point never move, fixed actors never move, a seed gives one run), the
 * generator, the options, the errors of BigRAdjust=Full and the fallback where KTAB's range
 * check stops. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"
#include "models/smp_internal.h"

#define SMP_INPUTS FULCRUM_SHARED_DIR "/data/smp/inputs/"

static void load(const char *file, fc_problem *p, fc_smp_options *o)
{
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_run_load_ktab(file, p, o, &err);
    if (st) {
        char msg[1024];
        fc_error_format(&err, msg, sizeof msg);
        print_error("%s\n", msg);
    }
    assert_int_equal(st, FC_OK);
}

/* |got - want| within half a unit of the last printed decimal. */
static void near(double got, double want, double half_ulp)
{
    if (!(fabs(got - want) <= half_ulp + 1e-12)) {
        print_error("got %.9f, want %.9f (+-%g)\n", got, want, half_ulp);
        fail();
    }
}

/* ---- S11: turn 1 of smpExample_det ---------------------------------------------------- */

static void test_worked_example(void **state)
{
    (void)state;
    fc_problem p;
    fc_smp_options o;
    load(SMP_INPUTS "smpExample_det.xml", &p, &o);
    assert_int_equal(o.pcem, FC_SMP_PCEM_MARKOV_INCENTIVE);
    assert_int_equal(o.vr, FC_SMP_VR_PROP_CBC);
    const double w[5] = {117.7, 93.2, 61.4, 135.4, 63.8}, S[5] = {0.681, 0.862, 0.756, 0.719, 0.754};
    smp_model m;
    smp_state s0, s1;
    smp_turn_ws ws;
    assert_int_equal(smp_model_init(&m, &p, &o, NULL), FC_OK);
    assert_int_equal(smp_state_alloc(&s0, 5, 3, NULL), FC_OK);
    assert_int_equal(smp_state_alloc(&s1, 5, 3, NULL), FC_OK);
    assert_int_equal(smp_turn_ws_init(&ws, 5, 3, NULL), FC_OK);
    double tmp[25];
    smp_state_from_problem(&s0, &p);
    assert_int_equal(smp_state_setup(&m, &s0, &ws.pce, tmp, NULL), FC_OK);
    for (int i = 0; i < 5; i++) {
        assert_true(m.cap[i] == w[i]);
        near(m.S[i], S[i], 1e-12);
    }
    const double V[5][5] = {{0.000000, 0.326915, 0.260516, 0.253229, 0.201157},
                            {0.292143, 0.000000, 0.319391, 0.430228, 0.375248},
                            {0.305691, 0.352630, 0.000000, 0.516743, 0.196100},
                            {0.237100, 0.437113, 0.641617, 0.000000, 0.428888},
                            {0.199716, 0.507146, 0.160562, 0.439745, 0.000000}};
    const double U0[5][5] = {{1.000000, 0.893127, 0.932132, 0.935875, 0.959536},
                             {0.819023, 1.000000, 0.797465, 0.701546, 0.750777},
                             {0.800431, 0.761511, 1.000000, 0.608117, 0.882723},
                             {0.883455, 0.726870, 0.511635, 1.000000, 0.734361},
                             {0.890941, 0.634628, 0.915888, 0.699998, 1.000000}};
    const double pce[5] = {0.525417, 0.090176, 0.054821, 0.211506, 0.118079};
    const double r[5] = {1.000000, -0.387307, -0.500000, -0.000574, -0.298368};
    for (int i = 0; i < 5; i++) {
        near(s0.p0[i], pce[i], 5e-7);
        near(s0.r[i], r[i], 5e-7);
        for (int j = 0; j < 5; j++) {
            near(s0.V[i * 5 + j], V[i][j], 5e-7);
            /* U_0(i, j) = u(V(i,j), rho(r_0, r_i)) */
            near(smp_util(s0.V[i * 5 + j], s0.rho[0 * 5 + i]), U0[i][j], 5e-7);
        }
    }
    /* Actor 0's view of challenging each other actor. */
    const double p0[5] = {0, 0.2575, 0.3302, 0.2036, 0.5257};
    const double g0[5] = {0, -0.0299, -0.0009, -0.0093, 0.011522};
    const double g0_half[5] = {0, 5e-5, 5e-5, 5e-5, 5e-7};
    for (int j = 1; j < 5; j++) {
        double ph, g;
        smp_prob_edu_chlg(&m, &s0, 0, 0, 0, (size_t)j, &ph, &g);
        near(ph, p0[j], 5e-5);
        near(g, g0[j], g0_half[j]);
    }
    /* Every actor's best target with its probability and gain. */
    const size_t best[5] = {4, 2, 0, 2, 2};
    const double bp[5] = {0.5257, 0.7180, 0.4396, 0.7837, 0.5467};
    const double bg[5] = {0.011522, 0.231483, 0.097506, 0.431829, 0.063161};
    for (size_t i = 0; i < 5; i++) {
        double pj[5], ej[5], sc[30];
        smp_challenges(&m, &s0, i, sc, pj, ej);
        size_t arg = 99;
        double top = -1.0;
        for (size_t j = 0; j < 5; j++)
            if (j != i && ej[j] > 1e-5 && ej[j] > top) {
                top = ej[j];
                arg = j;
            }
        assert_int_equal(arg, best[i]);
        near(pj[arg], bp[i], 5e-5);
        near(ej[arg], bg[i], 5e-7);
    }
    /* The turn: bargains, lists, and the new positions. */
    assert_int_equal(smp_turn(&m, &s0, &s1, NULL, NULL, &ws, NULL), FC_OK);
    const struct {
        size_t init, rcvr;
        double bi[3], bj[3];
    } bargains[] = {
        {0, 4, {64.11, 48.13, 32.54}, {64.11, 48.13, 32.54}},
        {1, 2, {23.48, 63.81, 70.13}, {23.48, 63.81, 70.13}},
        {2, 0, {55.53, 63.19, 42.21}, {55.53, 63.19, 42.21}},
        {3, 2, {33.48, 18.89, 19.04}, {33.48, 18.89, 19.04}},
        {4, 2, {70.06, 76.00, 34.98}, {70.06, 76.01, 34.98}},
    };
    size_t found = 0;
    for (size_t b = 0; b < ws.nb; b++) {
        const smp_bargain *bg_ = &ws.b[b];
        if (bg_->init == bg_->rcvr)
            continue;
        assert_true(found < 5);
        assert_int_equal(bg_->init, bargains[found].init);
        assert_int_equal(bg_->rcvr, bargains[found].rcvr);
        for (int d = 0; d < 3; d++) {
            near(100.0 * bg_->pos_init[d], bargains[found].bi[d], 1e-9);
            near(100.0 * bg_->pos_rcvr[d], bargains[found].bj[d], 1e-9);
        }
        found++;
    }
    assert_int_equal(found, 5);
    /* L_0=[SQ0, 0->4, 2->0], L_1=[SQ1, 1->2], L_2=[1->2, SQ2, 2->0, 3->2, 4->2],
     * L_3=[SQ3, 3->2], L_4=[0->4, SQ4, 4->2], written as (init, rcvr) pairs. */
    const int lists[5][5][2] = {
        {{0, 0}, {0, 4}, {2, 0}, {-1, -1}, {-1, -1}},
        {{1, 1}, {1, 2}, {-1, -1}, {-1, -1}, {-1, -1}},
        {{1, 2}, {2, 2}, {2, 0}, {3, 2}, {4, 2}},
        {{3, 3}, {3, 2}, {-1, -1}, {-1, -1}, {-1, -1}},
        {{0, 4}, {4, 4}, {4, 2}, {-1, -1}, {-1, -1}},
    };
    for (size_t k = 0; k < 5; k++) {
        size_t len = 0;
        while (len < 5 && lists[k][len][0] >= 0)
            len++;
        assert_int_equal(ws.list_len[k], len);
        for (size_t c = 0; c < len; c++) {
            const smp_bargain *bg_ = &ws.b[ws.lists[k * (2 * 5 + 1) + c]];
            assert_int_equal(bg_->init, (size_t)lists[k][c][0]);
            assert_int_equal(bg_->rcvr, (size_t)lists[k][c][1]);
        }
    }
    const double x1[5][3] = {{55.53, 63.19, 42.21}, {23.48, 63.81, 70.13}, {33.48, 18.89, 19.04},
                             {33.48, 18.89, 19.04}, {64.11, 48.13, 32.54}};
    for (int i = 0; i < 5; i++)
        for (int d = 0; d < 3; d++)
            near(100.0 * s1.X[i * 3 + d], x1[i][d], 1e-9);
    /* Alice (0) accepted 2->0 as its receiver. */
    for (size_t b = 0; b < ws.nb; b++)
        if (ws.b[b].init == 2 && ws.b[b].rcvr == 0)
            assert_int_equal(ws.b[b].adopted_by_rcvr, 1);
    /* The whole run takes 14 states. */
    fc_forecast *f = NULL;
    assert_int_equal(fc_smp_run(&p, &o, &f, NULL), FC_OK);
    assert_int_equal(f->n_rounds + 1, 14);
    assert_int_equal(f->converged, 1);
    /* Turn 1's events: five bargains, Alice's receipt of 2->0 adopted. */
    size_t turn1 = 0;
    for (size_t e = 0; e < f->n_events; e++) {
        const fc_event *ev = &f->events[e];
        assert_int_equal(ev->kind, FC_EVENT_BARGAIN);
        if (ev->round != 1)
            continue;
        turn1++;
        if (ev->challenger == 2 && ev->target == 0) {
            assert_int_equal(ev->accepted, 1);
            near(fc_event_new_position(f, ev)[0], 55.53, 1e-9);
            near(fc_event_old_position(f, ev)[0], 52.8, 1e-9);
        }
    }
    assert_int_equal(turn1, 5);
    fc_forecast_free(f);
    smp_turn_ws_free(&ws);
    smp_state_free(&s0);
    smp_state_free(&s1);
    smp_model_free(&m);
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
}

/* ---- the fast challenge loop equals the spec's formula -------------------------------- */

static void test_fast_challenges_equal_formula(void **state)
{
    (void)state;
    fc_problem p;
    fc_smp_options o;
    load(SMP_INPUTS "dummyData_6Dim.csv", &p, &o);
    size_t n = p.n_actors;
    for (int vr = 0; vr <= FC_SMP_VR_ASYM_PROSP; vr++)
        for (int tpc = 0; tpc <= FC_SMP_TPC_FULL_COMMIT; tpc++) {
            o.vr = (fc_smp_vr)vr;
            o.tpc = (fc_smp_tpc)tpc;
            smp_model m;
            smp_state s;
            smp_turn_ws ws;
            assert_int_equal(smp_model_init(&m, &p, &o, NULL), FC_OK);
            assert_int_equal(smp_state_alloc(&s, n, p.n_dims, NULL), FC_OK);
            assert_int_equal(smp_turn_ws_init(&ws, n, p.n_dims, NULL), FC_OK);
            double *tmp = malloc(n * n * sizeof *tmp), *sc = malloc(8 * n * sizeof *sc);
            smp_state_from_problem(&s, &p);
            assert_int_equal(smp_state_setup(&m, &s, &ws.pce, tmp, NULL), FC_OK);
            size_t checked = 0;
            for (size_t i = 0; i < n; i++) {
                smp_challenges(&m, &s, i, sc, sc + 6 * n, sc + 7 * n);
                for (size_t j = 0; j < n; j++) {
                    if (j == i)
                        continue;
                    double ph, g;
                    smp_prob_edu_chlg(&m, &s, i, i, i, j, &ph, &g);
                    /* Bit for bit. */
                    assert_true(ph == sc[6 * n + j]);
                    assert_true(g == sc[7 * n + j]);
                    checked++;
                }
            }
            assert_int_equal(checked, n * (n - 1));
            free(tmp);
            free(sc);
            smp_turn_ws_free(&ws);
            smp_state_free(&s);
            smp_model_free(&m);
        }
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
}

/* ---- properties --------------------------------------------------------------------- */

/* A copy of p with actor k of the copy = actor perm[k] of p. */
static void permuted(const fc_problem *p, const size_t *perm, fc_problem *q)
{
    assert_int_equal(fc_problem_copy(q, p, NULL), FC_OK);
    size_t D = p->n_dims;
    for (size_t k = 0; k < p->n_actors; k++) {
        q->capability[k] = p->capability[perm[k]];
        for (size_t d = 0; d < D; d++) {
            q->position[k * D + d] = p->position[perm[k] * D + d];
            q->salience[k * D + d] = p->salience[perm[k] * D + d];
        }
    }
}

static void check_permutation(const char *file, unsigned seed)
{
    fc_problem p, q;
    fc_smp_options o;
    load(file, &p, &o);
    fc_smp_options_clear(&o); /* identity accommodation: the matrix is not permuted here */
    size_t n = p.n_actors, D = p.n_dims;
    size_t *perm = malloc(n * sizeof *perm);
    for (size_t k = 0; k < n; k++)
        perm[k] = k;
    uint64_t st = seed;
    for (size_t k = n - 1; k > 0; k--) {
        st = st * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t r = (size_t)((st >> 33) % (k + 1));
        size_t t = perm[k];
        perm[k] = perm[r];
        perm[r] = t;
    }
    permuted(&p, perm, &q);
    fc_forecast *a = NULL, *b = NULL;
    assert_int_equal(fc_smp_run(&p, &o, &a, NULL), FC_OK);
    assert_int_equal(fc_smp_run(&q, &o, &b, NULL), FC_OK);
    assert_int_equal(a->n_rounds, b->n_rounds);
    double worst = 0.0;
    for (size_t t = 0; t <= a->n_rounds; t++) {
        const double *xa = fc_forecast_positions_at(a, t), *xb = fc_forecast_positions_at(b, t);
        for (size_t k = 0; k < n; k++)
            for (size_t d = 0; d < D; d++) {
                double diff = fabs(xb[k * D + d] - xa[perm[k] * D + d]);
                if (diff > worst)
                    worst = diff;
            }
    }
    /* Sums over actors run in another order, so the last bits may differ; positions are
     * rounded to 1e-4 of the scale (0.01 on 0..100) and must agree to well below that. */
    if (worst > 1e-9)
        print_error("%s: permuted run differs by %g\n", file, worst);
    assert_true(worst <= 1e-9);
    fc_forecast_free(a);
    fc_forecast_free(b);
    free(perm);
    fc_problem_free(&p);
    fc_problem_free(&q);
}

/* ---- a large election (the options side by side) equals the spec's loops ---------- */

/* S4.2 (proportional votes), S4.3 (linear), S4.4 (conditional) written out as in the spec,
 * pair by pair, to compare with the election's vectorised and threaded path bit for bit. */
static void election_by_the_spec(const double *w, size_t nv, const double *const *cols, size_t m,
                                 double *p)
{
    double *C = malloc(m * m * sizeof *C), *q = malloc(m * sizeof *q);
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < m; j++) {
            double c = 1e-8;
            if (i != j)
                for (size_t k = 0; k < nv; k++) {
                    double v = w[k] * (cols[i][k] - cols[j][k]);
                    if (v > 0.0)
                        c += v;
                }
            C[i * m + j] = c;
        }
    double total = 0.0;
    for (size_t i = 0; i < m; i++) {
        double prod = 1.0;
        for (size_t j = 0; j < m; j++)
            prod *= i == j ? 0.5 : C[i * m + j] / (C[i * m + j] + C[j * m + i]);
        q[i] = prod;
    }
    for (size_t i = 0; i < m; i++)
        total += q[i];
    for (size_t i = 0; i < m; i++)
        p[i] = q[i] / total;
    free(C);
    free(q);
}

static void test_large_election_equals_spec(void **state)
{
    (void)state;
    fc_smp_options o;
    fc_smp_options_init(&o);
    o.vr = FC_SMP_VR_PROP;
    o.vpm = FC_SMP_VPM_LINEAR;
    o.pcem = FC_SMP_PCEM_CONDITIONAL;
    /* 300 options of 1,500 voters: wide (>= 16 options) and spread over threads */
    const size_t nv = 1500, sizes[] = {3, 16, 17, 40, 300};
    uint64_t x = 88172645463325252ull;
    double *w = malloc(nv * sizeof *w), *u = malloc(300 * nv * sizeof *u);
    for (size_t k = 0; k < nv; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        w[k] = 0.5 + (double)(x >> 11) * 0x1p-53;
    }
    for (size_t k = 0; k < 300 * nv; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        u[k] = (double)(x >> 11) * 0x1p-53;
    }
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        size_t m = sizes[s];
        const double **cols = malloc(m * sizeof *cols);
        double *got = malloc(m * sizeof *got), *want = malloc(m * sizeof *want);
        for (size_t i = 0; i < m; i++)
            cols[i] = u + i * nv;
        smp_pce_ws ws;
        assert_int_equal(smp_pce_ws_init(&ws, m, NULL), FC_OK);
        assert_int_equal(smp_scalar_pce(&o, w, nv, cols, m, &ws, got, NULL), FC_OK);
        election_by_the_spec(w, nv, cols, m, want);
        for (size_t i = 0; i < m; i++)
            assert_true(memcmp(&got[i], &want[i], sizeof got[i]) == 0);
        smp_pce_ws_free(&ws);
        free(cols);
        free(got);
        free(want);
    }
    free(w);
    free(u);
    fc_smp_options_clear(&o);
}

static void test_reordering_permutes(void **state)
{
    (void)state;
    check_permutation(SMP_INPUTS "dummyData_3Dim.csv", 1);
    check_permutation(SMP_INPUTS "SOE-Pol-Comp.csv", 2);
    check_permutation(SMP_INPUTS "dummyData_6Dim.csv", 3);
    check_permutation(SMP_INPUTS "smpExample_det.xml", 4);
}

static void one_point(size_t D)
{
    fc_problem p;
    assert_int_equal(fc_problem_init(&p, 6, D, NULL), FC_OK);
    for (size_t d = 0; d < D; d++) {
        p.scale_min[d] = 0.0;
        p.scale_max[d] = 100.0;
    }
    for (size_t i = 0; i < 6; i++) {
        p.capability[i] = 10.0 + 7.0 * (double)i;
        for (size_t d = 0; d < D; d++) {
            p.position[i * D + d] = 37.5;
            p.salience[i * D + d] = (0.2 + 0.1 * (double)i) / (double)D;
        }
    }
    fc_forecast *f = NULL;
    fc_error err;
    assert_int_equal(fc_smp_run(&p, NULL, &f, &err), FC_OK);
    for (size_t t = 0; t <= f->n_rounds; t++)
        for (size_t c = 0; c < 6 * D; c++)
            assert_true(fc_forecast_positions_at(f, t)[c] == 37.5);
    assert_int_equal(f->n_events, 0);
    assert_int_equal(f->converged, 1);
    fc_forecast_free(f);
    fc_problem_free(&p);
}

static void test_one_point_never_moves(void **state)
{
    (void)state;
    one_point(1);
    one_point(3);
}

static void test_fixed_actor_never_moves(void **state)
{
    (void)state;
    fc_problem p;
    fc_smp_options o;
    load(SMP_INPUTS "SOE-Pol-Comp.csv", &p, &o);
    fc_forecast *free_run = NULL, *f = NULL;
    assert_int_equal(fc_smp_run(&p, &o, &free_run, NULL), FC_OK);
    /* Pick an actor that moves when free. */
    size_t D = p.n_dims, mover = p.n_actors;
    const double *last = fc_forecast_positions_at(free_run, free_run->n_rounds);
    for (size_t i = 0; i < p.n_actors && mover == p.n_actors; i++)
        for (size_t d = 0; d < D; d++)
            if (last[i * D + d] != p.position[i * D + d])
                mover = i;
    assert_true(mover < p.n_actors);
    p.fixed = calloc(p.n_actors, 1);
    p.fixed[mover] = 1;
    assert_int_equal(fc_smp_run(&p, &o, &f, NULL), FC_OK);
    for (size_t t = 0; t <= f->n_rounds; t++)
        for (size_t d = 0; d < D; d++)
            assert_true(fc_forecast_positions_at(f, t)[mover * D + d] == p.position[mover * D + d]);
    for (size_t e = 0; e < f->n_events; e++)
        assert_true((size_t)f->events[e].challenger != mover);
    fc_forecast_free(free_run);
    fc_forecast_free(f);
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
}

static void test_stochastic_seed_gives_one_run(void **state)
{
    (void)state;
    fc_problem p;
    fc_smp_options o;
    load(SMP_INPUTS "smpExample_fixed.xml", &p, &o);
    assert_int_equal(o.stm, FC_SMP_STM_STOCHASTIC);
    fc_forecast *a = NULL, *b = NULL, *c = NULL;
    assert_int_equal(fc_smp_run(&p, &o, &a, NULL), FC_OK);
    assert_int_equal(fc_smp_run(&p, &o, &b, NULL), FC_OK);
    assert_int_equal(a->n_rounds, b->n_rounds);
    size_t cells = (a->n_rounds + 1) * p.n_actors * p.n_dims;
    assert_memory_equal(a->positions, b->positions, cells * sizeof(double));
    /* Another seed draws other bargains somewhere in the run. */
    o.seed = 12345;
    assert_int_equal(fc_smp_run(&p, &o, &c, NULL), FC_OK);
    int differs = c->n_rounds != a->n_rounds ||
                  memcmp(a->positions, c->positions, cells * sizeof(double)) != 0;
    assert_true(differs);
    fc_forecast_free(a);
    fc_forecast_free(b);
    fc_forecast_free(c);
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
}

/* ---- pieces ------------------------------------------------------------------------- */

static void test_mt19937_64(void **state)
{
    (void)state;
    /* The C++ standard's check: the 10000th draw of a default-seeded std::mt19937_64. */
    smp_rng g;
    smp_rng_seed(&g, 5489);
    uint64_t x = 0;
    for (int k = 0; k < 10000; k++)
        x = smp_rng_next(&g);
    assert_true(x == 9981545732273789042ULL);
    /* KTAB's transform stays within [0, 1]. */
    smp_rng_seed(&g, 15455440707583219804ULL);
    for (int k = 0; k < 1000; k++) {
        double u = smp_rng_uniform(&g);
        assert_true(u >= 0.0 && u <= 1.0);
    }
}

static void test_options(void **state)
{
    (void)state;
    fc_smp_options o;
    fc_smp_options_init(&o);
    assert_int_equal(o.vr, FC_SMP_VR_PROP);
    assert_int_equal(o.ra, FC_SMP_RA_ONE_THIRD);
    assert_true(o.seed == 15455440707583219804ULL);
    fc_error err;
    assert_int_equal(fc_smp_options_set(&o, "VotingRule", "propcbc", &err), FC_OK);
    assert_int_equal(o.vr, FC_SMP_VR_PROP_CBC);
    assert_int_equal(fc_smp_options_set(&o, "vpm", "4", &err), FC_OK);
    assert_int_equal(o.vpm, FC_SMP_VPM_BINARY);
    assert_int_equal(fc_smp_options_set(&o, "bm", "PWCompInterp", &err), FC_OK);
    assert_int_equal(o.bm, FC_SMP_BM_PW_COMP);
    assert_int_equal(fc_smp_options_set(&o, "seed", "3507583219545544127", &err), FC_OK);
    assert_true(o.seed == 3507583219545544127ULL);
    assert_int_equal(fc_smp_options_set(&o, "max_turns", "7", &err), FC_OK);
    assert_int_equal(o.max_turns, 7);
    assert_int_equal(fc_smp_options_set(&o, "vr", "Proportional", &err), FC_EUSAGE);
    assert_non_null(strstr(err.message, "PropCbc"));
    assert_int_equal(fc_smp_options_set(&o, "vr", "6", &err), FC_EUSAGE);
    assert_int_equal(fc_smp_options_set(&o, "nonsense", "1", &err), FC_EUSAGE);
    assert_int_equal(fc_smp_options_set(&o, "seed", "-1", &err), FC_EUSAGE);
    assert_string_equal(fc_smp_enum_name("BigRAdjust", 3), "TwoThirds");
    /* Through the model table, as `--set` does. */
    const fc_model *m = fc_model_find("smp");
    assert_non_null(m);
    assert_int_equal(m->max_dims, 0);
    fc_problem p;
    fc_smp_options ko;
    load(SMP_INPUTS "SOE-Pol-Comp.csv", &p, &ko);
    const char *settings[] = {"max_turns=3"};
    fc_forecast *f = NULL;
    assert_int_equal(fc_model_run(m, &p, NULL, settings, 1, &f, &err), FC_OK);
    assert_int_equal(f->n_rounds, 3);
    assert_int_equal(f->converged, 0);
    assert_non_null(fc_forecast_find_series(f, "win_prob"));
    fc_forecast_free(f);
    fc_problem_free(&p);
    fc_smp_options_clear(&ko);
}

static void test_full_risk_adjustment_fails(void **state)
{
    (void)state;
    fc_problem p;
    fc_smp_options o;
    load(SMP_INPUTS "dummyData_3Dim.csv", &p, &o);
    o.ra = FC_SMP_RA_FULL;
    fc_forecast *f = NULL;
    fc_error err;
    assert_int_equal(fc_smp_run(&p, &o, &f, &err), FC_EINTERNAL);
    assert_null(f);
    assert_non_null(strstr(err.message, "out of valid range"));
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
}

/* Two camps at the ends of the scale: every distance is 0 or 1, so the inferred risk
 * attitudes change no utility and KTAB's check stops the run (as on 64 DEU issues). The
 * fallback takes everyone as risk-neutral there and goes on; range_check=refuse restores
 * KTAB's refusal. */
static void poles(fc_problem *p, const double *x, const double *c, size_t n)
{
    assert_int_equal(fc_problem_init(p, n, 1, NULL), FC_OK);
    p->scale_min[0] = 0;
    p->scale_max[0] = 100;
    p->status_quo[0] = NAN;
    for (size_t i = 0; i < n; i++) {
        p->capability[i] = c[i];
        p->position[i] = x[i];
        p->salience[i] = 0.5;
    }
}

static void test_range_check_fallback(void **state)
{
    (void)state;
    fc_problem p;
    const double x[4] = {0, 0, 100, 100}, c[4] = {1, 3, 2, 1};
    poles(&p, x, c, 4);
    fc_smp_options o;
    fc_smp_options_init(&o);
    assert_int_equal(o.range_refuse, 0);
    fc_error err;
    fc_forecast *f = NULL;
    assert_int_equal(fc_smp_options_set(&o, "range_check", "refuse", &err), FC_OK);
    assert_int_equal(fc_smp_run(&p, &o, &f, &err), FC_EINTERNAL);
    assert_null(f);
    assert_non_null(strstr(err.message, "out of valid range (risk attitudes make no difference)"));

    /* State 0 under the fallback: every r_i = 0 and the utilities are 1 - distance, exactly
     * what any risk attitude gives when distances are 0 or 1. */
    assert_int_equal(fc_smp_options_set(&o, "range_check", "fallback", &err), FC_OK);
    smp_model m;
    smp_state s0;
    smp_pce_ws ws;
    double tmp[16];
    assert_int_equal(smp_model_init(&m, &p, &o, NULL), FC_OK);
    assert_int_equal(smp_state_alloc(&s0, 4, 1, NULL), FC_OK);
    assert_int_equal(smp_pce_ws_init(&ws, 4, NULL), FC_OK);
    smp_state_from_problem(&s0, &p);
    assert_int_equal(smp_state_setup(&m, &s0, &ws, tmp, &err), FC_OK);
    for (size_t i = 0; i < 4; i++) {
        assert_true(s0.r[i] == 0.0);
        for (size_t j = 0; j < 4; j++)
            assert_true(s0.Uown[i * 4 + j] == (x[i] == x[j] ? 1.0 : 0.0));
    }
    smp_pce_ws_free(&ws);
    smp_state_free(&s0);
    smp_model_free(&m);

    /* The run goes on to a forecast inside the range of positions. */
    assert_int_equal(fc_smp_run(&p, &o, &f, &err), FC_OK);
    assert_true(f->outcome[0] >= 0 && f->outcome[0] <= 100);
    fc_forecast_free(f);

    /* An actor with no salience anywhere (KTAB: 0/0): refused, or indifferent and voteless. */
    p.salience[1] = 0;
    assert_int_equal(fc_smp_options_set(&o, "range_check", "refuse", &err), FC_OK);
    assert_int_equal(fc_smp_run(&p, &o, &f, &err), FC_EINPUT);
    assert_non_null(strstr(err.message, "no salience on any dimension"));
    assert_int_equal(fc_smp_options_set(&o, "range_check", "fallback", &err), FC_OK);
    assert_int_equal(smp_model_init(&m, &p, &o, NULL), FC_OK);
    assert_true(m.wS[1] == 0.0 && m.ssq[1] == 1.0);
    assert_true(smp_dist(&m, 1, p.position, p.position + 3) == 0.0);
    smp_model_free(&m);
    assert_int_equal(fc_smp_run(&p, &o, &f, &err), FC_OK);
    assert_true(f->outcome[0] >= 0 && f->outcome[0] <= 100);
    fc_forecast_free(f);
    assert_int_equal(fc_smp_options_set(&o, "range_check", "maybe", &err), FC_EUSAGE);
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example),
        cmocka_unit_test(test_fast_challenges_equal_formula),
        cmocka_unit_test(test_large_election_equals_spec),
        cmocka_unit_test(test_reordering_permutes),
        cmocka_unit_test(test_one_point_never_moves),
        cmocka_unit_test(test_fixed_actor_never_moves),
        cmocka_unit_test(test_stochastic_seed_gives_one_run),
        cmocka_unit_test(test_mt19937_64),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_full_risk_adjustment_fails),
        cmocka_unit_test(test_range_check_fallback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
