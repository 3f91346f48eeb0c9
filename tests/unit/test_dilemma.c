/* Tests of the dilemma analysis: a 3-actor case worked out by hand (with a small test model
 * whose challenges are simple enough to follow on paper), the status quo in start mode equal
 * to the plain forecast, commit mode never moving the decider, independence of the listing
 * order of choices and actors, and the errors for bad input. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

/* ---- A test model ("toy") -------------------------------------------------------------
 * One round. w_k = capability * salience, W = sum of w. Every actor j with w_j > w_i standing
 * elsewhere challenges i: a conflict when w_j > 2 w_i, else a compromise, with
 * eu_challenger = (w_j - w_i) / W and eu_target = -eu_challenger. Target i then moves (unless
 * fixed) to its strongest challenger's position after a conflict, or halfway to it after a
 * compromise. The forecast is the w-weighted mean of the final positions. */
static fc_status toy_run(const fc_problem *p, const void *opts, fc_forecast **out, fc_error *err)
{
    (void)opts;
    size_t n = p->n_actors;
    fc_forecast *f = fc_forecast_new("toy", n, 1, 1);
    if (!f || fc_forecast_set_rounds(f, 1, err))
        return FC_ENOMEM;
    double *x0 = fc_forecast_positions_at(f, 0), *x1 = fc_forecast_positions_at(f, 1);
    double W = 0;
    for (size_t i = 0; i < n; i++) {
        x0[i] = x1[i] = p->position[i];
        W += p->capability[i] * p->salience[i];
    }
    for (size_t i = 0; i < n; i++) {
        double wi = p->capability[i] * p->salience[i];
        long strongest = -1;
        for (size_t j = 0; j < n; j++) {
            double wj = p->capability[j] * p->salience[j];
            if (j == i || !(wj > wi) || x0[j] == x0[i])
                continue;
            if (strongest < 0 || wj > p->capability[strongest] * p->salience[strongest])
                strongest = (long)j;
        }
        if (strongest >= 0 && !(p->fixed && p->fixed[i])) {
            double ws = p->capability[strongest] * p->salience[strongest];
            x1[i] = ws > 2 * wi ? x0[strongest] : (x0[i] + x0[strongest]) / 2;
        }
        for (size_t j = 0; j < n; j++) {
            double wj = p->capability[j] * p->salience[j];
            if (j == i || !(wj > wi) || x0[j] == x0[i])
                continue;
            fc_event ev = {.round = 1, .challenger = (int)j, .target = (int)i,
                           .kind = wj > 2 * wi ? FC_EVENT_CONFLICT : FC_EVENT_COMPROMISE,
                           .eu_challenger = (wj - wi) / W, .eu_target = -(wj - wi) / W, .accepted = -1};
            if (fc_forecast_add_event(f, &ev, &x0[i], &x1[i], err))
                return FC_ENOMEM;
        }
    }
    for (size_t t = 0; t <= 1; t++) {
        fc_forecast_fill_statistics(f, p, t);
        double s = 0;
        const double *x = fc_forecast_positions_at(f, t);
        for (size_t i = 0; i < n; i++)
            s += p->capability[i] * p->salience[i] * x[i];
        f->point[t] = s / W;
    }
    f->outcome[0] = f->point[1];
    *out = f;
    return FC_OK;
}

static const fc_model toy_model = {.name = "toy", .summary = "test model", .run = toy_run};
static const fc_model *const toy_list[] = {&toy_model};

/* Also in tests/data/dilemma/hand.yaml for the command-line tests. */
static const char HAND_CASE[] =
    "title: hand case\n"
    "salience_scale: 1\n"
    "issues:\n"
    "  - {id: x, label: X, min: 0, max: 100, status_quo: 40}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, kind: state, capability: 40, stances: {x: {position: 50, salience: 0.5}}}\n"
    "  - {id: B, name: Beta, kind: state, capability: 60, stances: {x: {position: 0, salience: 0.5}}}\n"
    "  - {id: C, name: Gamma, kind: faction, capability: 10, stances: {x: {position: 100, salience: 1.0}}}\n"
    "relations:\n"
    "  - {between: [A, C], kind: alliance}\n"
    "  - {between: [A, B], kind: rivalry}\n"
    "decider: A\n"
    "choices:\n"
    "  - {id: left, label: Left, positions: {x: 20}}\n"
    "  - {id: right, label: Right, positions: {x: 90}}\n";

static fc_scenario *parse(const char *text)
{
    fc_scenario *sc = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_load_options o;
    fc_load_options_init(&o);
    fc_status st = fc_scenario_parse(text, strlen(text), "test.yaml", &o, &sc, &err);
    if (st)
        fprintf(stderr, "parse: %s\n", err.message);
    assert_int_equal(st, FC_OK);
    return sc;
}

static fc_dilemma *compute(const fc_scenario *sc, fc_dilemma_mode mode, int toy_only)
{
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    o.mode = mode;
    if (toy_only) {
        o.models = toy_list;
        o.n_models = 1;
    }
    fc_dilemma *d = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_dilemma_compute(sc, &o, &d, &err);
    if (st)
        fprintf(stderr, "dilemma: %s\n", err.message);
    assert_int_equal(st, FC_OK);
    return d;
}

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-12)

/* The hand case, start mode. Weights w = c*s: A 20, B 30, C 10; W = 60; capabilities sum 110.
 * Utilities u_i = -s_i |x_i - o| / 100 with the scenario's positions 50, 0, 100.
 *
 * Status quo (A at 50): B (30 > 20, not > 40) compromises A: eu 10/60 = 1/6; A moves halfway
 *   to B: 25. C (w 10) is challenged by A (20, not > 20: compromise, eu 1/6) and B (30 > 20:
 *   conflict, eu 20/60 = 1/3); the strongest is B, a conflict: C moves to 0.
 *   Final (25, 0, 0); outcome = (20*25)/60 = 8.3333.
 *   Backlash on A: one compromise by B, eu 1/6: pressure from B 1/6, total 1/6.
 *   Conflicts: 1 (B-C), instability = (60+10)/110 * |0-100|/100 = 7/11; challenges 3.
 *   u_A = -0.5*(50-8.3333)/100 = -0.208333, u_B = -0.5*8.3333/100 = -0.041667,
 *   u_C = -1*(100-8.3333)/100 = -0.916667.
 * Left (A at 20): A moves to 10; C to 0; outcome = 200/60 = 3.3333.
 *   u_A = -0.5*46.6667/100 = -0.233333 (change -0.025), u_B = -0.016667 (+0.025),
 *   u_C = -0.966667 (-0.05). Backlash and conflicts as under the status quo.
 * Right (A at 90): A moves to 45; C to 0; outcome = 900/60 = 15.
 *   u_A = -0.175 (+0.033333), u_B = -0.075 (-0.033333), u_C = -0.85 (+0.066667).
 * Best for A: Right, by 0.033333 over the status quo.
 * Blocs: alliance:A+C (A and C), kind:state (A, B), kind:faction (C); for Right the alliance
 *   changes by 0.033333 + 0.066667 = 0.1, the states by 0. */
static void test_hand_case_start(void **state)
{
    (void)state;
    fc_scenario *sc = parse(HAND_CASE);
    fc_dilemma *d = compute(sc, FC_DILEMMA_START, 1);
    assert_int_equal(d->n_choices, 3);
    assert_string_equal(d->choices[0].id, "status-quo");
    assert_string_equal(d->choices[1].id, "left");
    assert_int_equal(d->n_models, 1);
    assert_int_equal(d->decider, 0);
    const fc_dilemma_cell *sq = fc_dilemma_cell_at(d, 0, 0), *left = fc_dilemma_cell_at(d, 0, 1),
                          *right = fc_dilemma_cell_at(d, 0, 2);
    NEAR(sq->outcome, 500.0 / 60);
    NEAR(sq->decider_final, 25);
    assert_int_equal(sq->n_backlash, 1);
    assert_int_equal(sq->backlash[0].challenger, 1);
    assert_int_equal(sq->backlash[0].kind, FC_EVENT_COMPROMISE);
    NEAR(sq->backlash[0].eu_challenger, 1.0 / 6);
    NEAR(sq->backlash[0].from, 50);
    NEAR(sq->backlash[0].to, 25);
    NEAR(sq->pressure[1], 1.0 / 6);
    NEAR(sq->pressure[2], 0);
    assert_int_equal(sq->pressure_events[1], 1);
    NEAR(sq->pressure_total, 1.0 / 6);
    assert_int_equal(sq->n_challenges, 3);
    assert_int_equal(sq->n_conflicts, 1);
    NEAR(sq->instability, 7.0 / 11);
    NEAR(sq->utility[0], -0.5 * (50 - 500.0 / 60) / 100);
    NEAR(sq->utility[1], -0.5 * (500.0 / 60) / 100);
    NEAR(sq->utility[2], -(100 - 500.0 / 60) / 100);
    NEAR(sq->utility_change[0], 0);

    NEAR(left->outcome, 200.0 / 60);
    NEAR(left->decider_final, 10);
    NEAR(left->utility_change[0], -0.025);
    NEAR(left->utility_change[1], 0.025);
    NEAR(left->utility_change[2], -0.05);
    NEAR(left->pressure_total, 1.0 / 6);

    NEAR(right->outcome, 15);
    NEAR(right->decider_final, 45);
    NEAR(right->utility[0], -0.175);
    NEAR(right->utility_change[0], 0.5 * (50 - 500.0 / 60) / 100 - 0.175);
    NEAR(right->utility_change[1], -0.075 + 0.5 * (500.0 / 60) / 100);
    NEAR(right->utility_change[2], -0.85 + (100 - 500.0 / 60) / 100);

    assert_int_equal(d->models[0].best, 2);
    assert_int_equal(d->models[0].runner_up, 0);
    NEAR(d->models[0].margin, 0.2083333333333333 - 0.175);

    assert_int_equal(d->n_blocs, 3);
    assert_string_equal(d->blocs[0].id, "alliance:A+C");
    assert_string_equal(d->blocs[1].id, "kind:state");
    assert_string_equal(d->blocs[2].id, "kind:faction");
    NEAR(right->bloc_change[0], 0.1);
    NEAR(right->bloc_change[1], 0);
    NEAR(right->bloc_change[2], right->utility_change[2]);
    fc_dilemma_free(d);
    fc_scenario_free(sc);
}

/* Commit mode: A holds its choice; the challenge by B is still recorded (backlash) but A does
 * not move. C still goes to 0. Outcomes: status quo 20*50/60 = 16.6667, Left 400/60 = 6.6667,
 * Right 1800/60 = 30. u_A: -0.5*33.3333/100 = -0.166667, -0.216667, -0.1: Right is best by
 * 0.066667 over the status quo. */
static void test_hand_case_commit(void **state)
{
    (void)state;
    fc_scenario *sc = parse(HAND_CASE);
    fc_dilemma *d = compute(sc, FC_DILEMMA_COMMIT, 1);
    const fc_dilemma_cell *sq = fc_dilemma_cell_at(d, 0, 0), *left = fc_dilemma_cell_at(d, 0, 1),
                          *right = fc_dilemma_cell_at(d, 0, 2);
    NEAR(sq->outcome, 1000.0 / 60);
    NEAR(left->outcome, 400.0 / 60);
    NEAR(right->outcome, 30);
    NEAR(sq->decider_final, 50);
    NEAR(right->decider_final, 90);
    assert_int_equal(right->n_backlash, 1);
    NEAR(right->backlash[0].from, 90);
    NEAR(right->backlash[0].to, 90);
    NEAR(sq->utility[0], -0.5 * (50 - 1000.0 / 60) / 100);
    NEAR(right->utility[0], -0.1);
    assert_int_equal(d->models[0].best, 2);
    NEAR(d->models[0].margin, 0.5 * (50 - 1000.0 / 60) / 100 - 0.1);
    fc_dilemma_free(d);
    fc_scenario_free(sc);
}

/* The baselines on the hand case. Weights 20 (A), 30 (B), 10 (C). Status quo, sorted:
 * B 0 (30), A 50 (20), C 100 (10): the cumulative weight reaches exactly half (30) at 0, so
 * the median is the midpoint 25; the mean is (30*0 + 20*50 + 10*100)/60 = 33.3333. Right
 * (A at 90): median again 45 (midpoint of 0 and 90); mean (1800 + 1000)/60 = 46.6667.
 * The status-quo baseline forecasts 40 whatever A does: every choice ties (margin 0). */
static void test_hand_case_baselines(void **state)
{
    (void)state;
    fc_scenario *sc = parse(HAND_CASE);
    fc_dilemma *d = compute(sc, FC_DILEMMA_START, 0);
    int seen = 0;
    for (size_t m = 0; m < d->n_models; m++) {
        const char *name = d->models[m].name;
        if (strcmp(name, "median") == 0) {
            NEAR(fc_dilemma_cell_at(d, m, 0)->outcome, 25);
            NEAR(fc_dilemma_cell_at(d, m, 2)->outcome, 45);
            NEAR(fc_dilemma_cell_at(d, m, 2)->utility[0], -0.5 * 5 / 100);
            seen |= 1;
        } else if (strcmp(name, "compromise") == 0) {
            NEAR(fc_dilemma_cell_at(d, m, 0)->outcome, 2000.0 / 60);
            NEAR(fc_dilemma_cell_at(d, m, 2)->outcome, 2800.0 / 60);
            seen |= 2;
        } else if (strcmp(name, "status-quo") == 0) {
            for (size_t c = 0; c < d->n_choices; c++)
                NEAR(fc_dilemma_cell_at(d, m, c)->outcome, 40);
            assert_true(d->models[m].margin == 0);
            assert_int_equal(d->models[m].best, 0);
            seen |= 4;
        }
    }
    assert_int_equal(seen, 7);
    fc_dilemma_free(d);
    fc_scenario_free(sc);
}

static fc_scenario *azerbaijan(void)
{
    fc_scenario *sc = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml", NULL, &sc, &err), FC_OK);
    return sc;
}

static void same_forecast(const fc_forecast *a, const fc_forecast *b)
{
    assert_int_equal(a->n_rounds, b->n_rounds);
    assert_int_equal(a->n_actors, b->n_actors);
    size_t cells = (a->n_rounds + 1) * a->n_actors * a->n_dims;
    assert_memory_equal(a->positions, b->positions, cells * sizeof(double));
    assert_memory_equal(a->point, b->point, (a->n_rounds + 1) * a->n_dims * sizeof(double));
    assert_memory_equal(a->outcome, b->outcome, a->n_dims * sizeof(double));
    assert_int_equal(a->n_events, b->n_events);
    for (size_t e = 0; e < a->n_events; e++) {
        assert_int_equal(a->events[e].challenger, b->events[e].challenger);
        assert_int_equal(a->events[e].target, b->events[e].target);
        assert_int_equal(a->events[e].kind, b->events[e].kind);
        assert_memory_equal(&a->events[e].eu_challenger, &b->events[e].eu_challenger, sizeof(double));
    }
}

/* Start mode, status quo: exactly the plain forecast (`fulcrum forecast`), bit for bit, for
 * every model and preset (and the toy model). */
static void test_status_quo_is_plain_forecast(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    for (int toy = 0; toy <= 1; toy++) {
        fc_dilemma *d = compute(sc, FC_DILEMMA_START, toy);
        fc_problem p;
        fc_error err;
        fc_error_clear(&err);
        assert_int_equal(fc_problem_from_scenario(&p, sc, "alignment", 0, &err), FC_OK);
        assert_true(d->n_models >= 1);
        for (size_t m = 0; m < d->n_models; m++) {
            fc_forecast *f = NULL;
            const fc_dilemma_model *dm = &d->models[m];
            assert_int_equal(fc_model_run(dm->model, &p, dm->preset[0] ? dm->preset : NULL, NULL, 0, &f, &err),
                             FC_OK);
            same_forecast(fc_dilemma_cell_at(d, m, 0)->forecast, f);
            fc_forecast_free(f);
        }
        fc_problem_free(&p);
        fc_dilemma_free(d);
    }
    fc_scenario_free(sc);
}

/* Commit mode: the decider sits on its choice in every state of every run. */
static void test_commit_never_moves_decider(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    for (int toy = 0; toy <= 1; toy++) {
        fc_dilemma *d = compute(sc, FC_DILEMMA_COMMIT, toy);
        size_t moved_elsewhere = 0;
        for (size_t m = 0; m < d->n_models; m++)
            for (size_t c = 0; c < d->n_choices; c++) {
                const fc_forecast *f = fc_dilemma_cell_at(d, m, c)->forecast;
                for (size_t t = 0; t <= f->n_rounds; t++) {
                    const double *x = fc_forecast_positions_at(f, t);
                    assert_true(x[d->decider] == d->choices[c].position);
                    for (size_t i = 0; i < d->problem.n_actors; i++)
                        moved_elsewhere += x[i] != fc_forecast_positions_at(f, 0)[i];
                }
            }
        /* The toy model moves the others: the property is not vacuous there. */
        if (toy)
            assert_true(moved_elsewhere > 0);
        fc_dilemma_free(d);
    }
    fc_scenario_free(sc);
}

/* The scenario with its actors and/or its choices listed in reverse order. */
static fc_scenario *reversed(const fc_scenario *sc, int actors, int choices)
{
    fc_scenario *r = fc_scenario_copy(sc);
    assert_non_null(r);
    for (size_t i = 0; actors && i < r->n_actors / 2; i++) {
        fc_actor t = r->actors[i];
        r->actors[i] = r->actors[r->n_actors - 1 - i];
        r->actors[r->n_actors - 1 - i] = t;
    }
    for (size_t i = 0; choices && i < r->n_choices / 2; i++) {
        fc_choice t = r->choices[i];
        r->choices[i] = r->choices[r->n_choices - 1 - i];
        r->choices[r->n_choices - 1 - i] = t;
    }
    return r;
}

static size_t actor_ix(const fc_dilemma *d, const char *id)
{
    for (size_t i = 0; i < d->problem.n_actors; i++)
        if (strcmp(d->problem.actor_ids[i], id) == 0)
            return i;
    fail_msg("no actor %s", id);
    return 0;
}

static size_t choice_ix(const fc_dilemma *d, const char *id)
{
    for (size_t c = 0; c < d->n_choices; c++)
        if (strcmp(d->choices[c].id, id) == 0)
            return c;
    fail_msg("no choice %s", id);
    return 0;
}

#define CLOSE(a, b) assert_true(fabs((a) - (b)) <= 1e-9 * (1 + fabs(a)))

static void same_dilemma(const fc_dilemma *a, const fc_dilemma *b)
{
    assert_int_equal(a->n_models, b->n_models);
    assert_int_equal(a->n_choices, b->n_choices);
    assert_int_equal(a->n_blocs, b->n_blocs);
    for (size_t k = 0; k < a->n_blocs; k++)
        assert_string_equal(a->blocs[k].id, b->blocs[k].id);
    for (size_t m = 0; m < a->n_models; m++) {
        assert_string_equal(a->models[m].name, b->models[m].name);
        assert_string_equal(a->choices[a->models[m].best].id, b->choices[b->models[m].best].id);
        CLOSE(a->models[m].margin, b->models[m].margin);
        for (size_t c = 0; c < a->n_choices; c++) {
            const fc_dilemma_cell *x = fc_dilemma_cell_at(a, m, c);
            const fc_dilemma_cell *y = fc_dilemma_cell_at(b, m, choice_ix(b, a->choices[c].id));
            CLOSE(x->outcome, y->outcome);
            CLOSE(x->pressure_total, y->pressure_total);
            CLOSE(x->instability, y->instability);
            assert_int_equal(x->n_conflicts, y->n_conflicts);
            assert_int_equal(x->n_challenges, y->n_challenges);
            assert_int_equal(x->n_backlash, y->n_backlash);
            for (size_t i = 0; i < a->problem.n_actors; i++) {
                size_t j = actor_ix(b, a->problem.actor_ids[i]);
                CLOSE(x->utility[i], y->utility[j]);
                CLOSE(x->utility_change[i], y->utility_change[j]);
                CLOSE(x->pressure[i], y->pressure[j]);
                assert_int_equal(x->pressure_events[i], y->pressure_events[j]);
            }
            for (size_t k = 0; k < a->n_blocs; k++)
                CLOSE(x->bloc_change[k], y->bloc_change[k]);
        }
    }
}

static fc_dilemma *compute_with(const fc_scenario *sc, fc_dilemma_mode mode, const fc_model *const *models,
                                size_t n_models)
{
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    o.mode = mode;
    o.models = models;
    o.n_models = n_models;
    fc_dilemma *d = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_dilemma_compute(sc, &o, &d, &err), FC_OK);
    return d;
}

/* The dilemma adds no dependence on the listing order: with models whose result does not
 * depend on the order of the actors (the baselines, the toy model), listing the actors and
 * the choices in reverse changes no figure. EUM's specification makes the actors' order
 * significant (tie-breaks, sequential risk updates), so with EUM only the choices' order is
 * reversed: each choice is an independent run, and the verdict breaks ties by id. */
static void test_order_independence(void **state)
{
    (void)state;
    static const fc_model *const invariant[] = {&fc_model_status_quo, &fc_model_median, &fc_model_compromise,
                                                &toy_model};
    size_t all_count;
    const fc_model *const *all = fc_models(&all_count);
    for (int which = 0; which < 2; which++) {
        fc_scenario *sc = which == 0 ? parse(HAND_CASE) : azerbaijan();
        fc_scenario *both = reversed(sc, 1, 1), *choices = reversed(sc, 0, 1);
        for (int mode = 0; mode <= 1; mode++) {
            fc_dilemma *a = compute_with(sc, (fc_dilemma_mode)mode, invariant, 4);
            fc_dilemma *b = compute_with(both, (fc_dilemma_mode)mode, invariant, 4);
            same_dilemma(a, b);
            fc_dilemma_free(a);
            fc_dilemma_free(b);
            a = compute_with(sc, (fc_dilemma_mode)mode, all, all_count);
            b = compute_with(choices, (fc_dilemma_mode)mode, all, all_count);
            same_dilemma(a, b);
            fc_dilemma_free(a);
            fc_dilemma_free(b);
        }
        fc_scenario_free(both);
        fc_scenario_free(choices);
        fc_scenario_free(sc);
    }
}

/* Bad input: each case fails with FC_EINPUT (or FC_EUSAGE) and a message that says what. */
/* Backlash as crisis bargaining: the dilemma's crisis pairs are those fc_crisis_backlash_run gives
 * on every issue with the decider moved to the choice; the cost in a cell is the weight times
 * their cost; the value is the utility less it. Russia and Iran are among the candidates. */
static void test_backlash_in_the_decision(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    assert_true(sc->backlash_costs.present);
    const fc_model *const models[] = {fc_model_find("median"), fc_model_find("compromise")};
    fc_dilemma *d = compute_with(sc, FC_DILEMMA_START, models, 2);
    assert_non_null(d->crisis);
    assert_true(d->backlash_weight == sc->backlash_costs.weight.value);
    fc_error err;
    fc_error_clear(&err);
    fc_crisis_options co;
    fc_crisis_options_init(&co);
    for (size_t c = 0; c < d->n_choices; c++) {
        fc_problem p;
        size_t dec;
        assert_int_equal(fc_crisis_problem_for_choice(sc, c ? d->choices[c].id : NULL, &p, &dec, &err), FC_OK);
        double *ties = malloc(p.n_actors * p.n_actors * sizeof *ties);
        assert_int_equal(fc_crisis_ties_from_scenario(sc, &p, &co, ties, &err), FC_OK);
        fc_crisis_input in = {&p, ties, NULL};
        fc_crisis_backlash *b = NULL;
        assert_int_equal(fc_crisis_backlash_run(&in, dec, &co, &b, &err), FC_OK);
        const fc_crisis_backlash *got = d->crisis[c];
        assert_int_equal(got->n_pairs, sc->n_actors - 1);
        assert_memory_equal(&got->cost, &b->cost, sizeof(double));
        int russia = 0, iran = 0;
        for (size_t k = 0; k < got->n_pairs; k++) {
            const char *who = sc->actors[got->pairs[k].challenger].id;
            russia |= strcmp(who, "RUS") == 0;
            iran |= strcmp(who, "IRN") == 0;
            assert_memory_equal(&got->pairs[k].eu_challenge, &b->pairs[k].eu_challenge, sizeof(double));
            assert_int_equal(got->pairs[k].outcome, b->pairs[k].outcome);
        }
        assert_true(russia && iran);
        for (size_t m = 0; m < d->n_models; m++) {
            const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, m, c);
            NEAR(cell->backlash_cost, d->backlash_weight * b->cost);
            NEAR(cell->value, cell->utility[d->decider] - d->backlash_weight * b->cost);
        }
        fc_crisis_backlash_free(b);
        free(ties);
        fc_problem_free(&p);
    }
    /* Embracing the West provokes a costly crisis on the built-in case (the EU, Georgia and the
     * energy consortia make Azerbaijan acquiesce); keeping its position provokes none. */
    assert_true(d->crisis[2]->cost > 0.5);
    assert_true(d->crisis[0]->cost == 0.0);
    /* The margin splits into its outcome and backlash parts. */
    for (size_t m = 0; m < d->n_models; m++) {
        const fc_dilemma_model *dm = &d->models[m];
        if (dm->margin > 0)
            NEAR(dm->margin, dm->margin_outcome + dm->margin_backlash);
    }
    fc_dilemma_free(d);
    fc_scenario_free(sc);
}

/* With a weight of 0 the decision value is the old utility bit for bit, and so is the verdict:
 * the same as leaving the backlash out. */
static void test_zero_weight_is_the_old_value(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    fc_dilemma *d[2];
    for (int k = 0; k < 2; k++) {
        fc_dilemma_options o;
        fc_dilemma_options_init(&o);
        if (k == 0)
            o.backlash_weight = 0;
        else
            o.backlash = 0;
        fc_error err;
        fc_error_clear(&err);
        assert_int_equal(fc_dilemma_compute(sc, &o, &d[k], &err), FC_OK);
    }
    assert_non_null(d[0]->crisis);
    assert_null(d[1]->crisis);
    assert_int_equal(d[0]->n_models, d[1]->n_models);
    for (size_t m = 0; m < d[0]->n_models; m++) {
        for (size_t c = 0; c < d[0]->n_choices; c++) {
            const fc_dilemma_cell *a = fc_dilemma_cell_at(d[0], m, c), *b = fc_dilemma_cell_at(d[1], m, c);
            assert_memory_equal(&a->value, &a->utility[d[0]->decider], sizeof(double));
            assert_memory_equal(&a->value, &b->value, sizeof(double));
        }
        assert_int_equal(d[0]->models[m].best, d[1]->models[m].best);
        assert_int_equal(d[0]->models[m].runner_up, d[1]->models[m].runner_up);
        assert_memory_equal(&d[0]->models[m].margin, &d[1]->models[m].margin, sizeof(double));
        /* The old verdict: the best by the decider's utility alone. */
        const fc_dilemma_model *dm = &d[1]->models[m];
        for (size_t c = 0; c < d[1]->n_choices; c++)
            assert_true(fc_dilemma_cell_at(d[1], m, c)->utility[d[1]->decider] <=
                        fc_dilemma_cell_at(d[1], m, dm->best)->utility[d[1]->decider] + 1e-9);
    }
    fc_dilemma_free(d[0]);
    fc_dilemma_free(d[1]);
    fc_scenario_free(sc);
}

/* A large enough weight turns the verdict: the compromise model puts "Embrace the West" first
 * by its outcome alone (u -0.0158 against -0.1011 keeping the position), but its crises cost
 * 0.7767 in the game's utility, so from w = (0.1011 - 0.0158) / 0.7767 = 0.11 on the status quo
 * wins; w = 0.2 makes it so. The weight of an option overrides the scenario's. */
static void test_weight_turns_the_verdict(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    const fc_model *const models[] = {fc_model_find("compromise")};
    size_t best[2];
    double weights[2] = {0.05, 0.2};
    for (int k = 0; k < 2; k++) {
        fc_dilemma_options o;
        fc_dilemma_options_init(&o);
        o.models = models;
        o.n_models = 1;
        o.backlash_weight = weights[k];
        fc_dilemma *d = NULL;
        fc_error err;
        fc_error_clear(&err);
        assert_int_equal(fc_dilemma_compute(sc, &o, &d, &err), FC_OK);
        assert_true(d->backlash_weight == weights[k]);
        assert_string_equal(d->backlash_weight_source, "set by option");
        best[k] = d->models[0].best;
        if (k == 1) {
            assert_true(d->models[0].margin_outcome < 0);
            assert_true(d->models[0].margin_backlash > 0);
        }
        fc_dilemma_free(d);
    }
    assert_int_equal(best[0], 2);
    assert_int_equal(best[1], 0);
    fc_scenario_free(sc);
}

/* A forecast that stops at the round limit still moving is flagged with its range: the spatial
 * model, the decider committed to scaling back, oscillates between about 16 and 79. */
static void test_unstable_outcome_flagged(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    const fc_model *const models[] = {fc_model_find("smp")};
    fc_dilemma *d = compute_with(sc, FC_DILEMMA_COMMIT, models, 1);
    const fc_dilemma_cell *sq = fc_dilemma_cell_at(d, 0, 0), *back = fc_dilemma_cell_at(d, 0, 1);
    assert_int_equal(sq->stable, 1);
    assert_true(sq->outcome_low == sq->outcome && sq->outcome_high == sq->outcome);
    assert_int_equal(back->forecast->converged, 0);
    assert_int_equal(back->stable, 0);
    assert_true(back->outcome_low < 20 && back->outcome_high > 75);
    assert_true(back->outcome >= back->outcome_low && back->outcome <= back->outcome_high);
    fc_dilemma_free(d);
    fc_scenario_free(sc);
}

/* The either/or sweep: under the status-quo baseline both choices have the same outcome in every
 * run, so the margin of "Embrace the West" over "Scale back" is the backlash alone,
 * -w (cost(embrace) - cost(scale back)) = -0.1 * 0.7767 in every run: P = 0, a point interval.
 * Under the median model P lies strictly between 0 and 1 and the interval holds the margin at
 * the estimates (u -0.1425 against -0.2850, less 0.0777 of backlash: +0.0648). */
static void test_either_or(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    const fc_model *const models[] = {fc_model_find("status-quo"), fc_model_find("median")};
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    o.models = models;
    o.n_models = 2;
    o.either_or_runs = 50;
    fc_dilemma *d = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_dilemma_compute(sc, &o, &d, &err), FC_OK);
    const fc_dilemma_either *e = &d->either;
    assert_int_equal(e->a, 2);
    assert_int_equal(e->b, 1);
    assert_int_equal(e->counted, 100);
    double backlash = -d->backlash_weight * (d->crisis[2]->cost - d->crisis[1]->cost);
    assert_true(e->model_p[0] == 0.0);
    NEAR(e->model_low[0], backlash);
    NEAR(e->model_high[0], backlash);
    assert_true(e->model_p[1] > 0.0 && e->model_p[1] < 1.0);
    double at_estimates = fc_dilemma_cell_at(d, 1, 2)->value - fc_dilemma_cell_at(d, 1, 1)->value;
    assert_true(e->model_low[1] < at_estimates && at_estimates < e->model_high[1]);
    assert_true(e->low <= e->high);
    fc_dilemma_free(d);
    fc_scenario_free(sc);
}

/* Honest headlines: "the conflicts rise from 84 to 112" is a headline only when the change keeps
 * its sign in at least 90% of the either/or's jittered runs. Under EUM's bdm-paper preset the
 * share is recomputed here from a sweep with the either/or's options (seed 1, the default
 * spreads, one thread), and the text says "not robust" exactly when it is below 0.9. Under the
 * median model nobody ever clashes: no change, in every run, which is robust. */
static void test_honest_headlines(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    const fc_model *const models[] = {fc_model_find("eum"), fc_model_find("median")};
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    o.models = models;
    o.n_models = 1;
    o.preset = "bdm-paper";
    o.either_or_runs = 60;
    fc_dilemma *d = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_dilemma_compute(sc, &o, &d, &err), FC_OK);
    const fc_dilemma_either *e = &d->either;
    fc_default_uncertainty jitter = sc->default_uncertainty;
    assert_int_equal(fc_sweep_parse_jitter("position=10,salience=10,capability=20%", &jitter, &err), FC_OK);
    fc_sweep_options so;
    fc_sweep_options_init(&so);
    so.model = models[0];
    so.preset = "bdm-paper";
    so.runs = 60;
    so.threads = 1;
    so.jitter = &jitter;
    so.choices = 1;
    so.sensitivity = 0;
    so.backlash = 0;
    fc_sweep_result *r = NULL;
    assert_int_equal(fc_sweep_run(sc, &so, &r, &err), FC_OK);
    size_t nc = r->n_choices;
    int any_not_robust = 0;
    for (size_t c = 1; c < nc; c++) {
        double sq = (double)fc_dilemma_cell_at(d, 0, 0)->n_conflicts, at = (double)fc_dilemma_cell_at(d, 0, c)->n_conflicts;
        size_t same = 0, counted = 0;
        for (size_t k = 0; k < 60; k++) {
            double x0 = r->run_choice_figures[(k * nc) * 4 + 1], xc = r->run_choice_figures[(k * nc + c) * 4 + 1];
            if (!isfinite(x0) || !isfinite(xc))
                continue;
            counted++;
            same += ((xc > x0) - (xc < x0)) == ((at > sq) - (at < sq));
        }
        assert_int_equal(e->conflict_runs, counted);
        assert_true(e->conflicts_same_sign[c] == (double)same / (double)counted);
        any_not_robust |= e->conflicts_same_sign[c] < FC_DILEMMA_ROBUST;
    }
    char *text = NULL;
    assert_int_equal(fc_dilemma_report_text(d, sc, &text, &err), FC_OK);
    assert_int_equal(strstr(text, "not robust") != NULL, any_not_robust);
    free(text);
    fc_sweep_result_free(r);
    fc_dilemma_free(d);

    o.models = models + 1;
    o.preset = NULL;
    assert_int_equal(fc_dilemma_compute(sc, &o, &d, &err), FC_OK);
    for (size_t c = 1; c < d->n_choices; c++)
        assert_true(d->either.conflicts_same_sign[c] == 1.0);
    assert_int_equal(fc_dilemma_report_text(d, sc, &text, &err), FC_OK);
    assert_null(strstr(text, "not robust"));
    free(text);
    fc_dilemma_free(d);
    fc_scenario_free(sc);
}

/* Model disagreement explained: each run's record is the row of the shipped table
 * (docs/backtest-record.tsv, read here from the source tree) for its model and preset, and the
 * actor named as the one the forecast sits on is the nearest by stated position. */
static void test_disagreement_and_record(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    fc_dilemma *d = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_dilemma_compute(sc, &o, &d, &err), FC_OK);
    assert_non_null(strstr(d->record_source, "deu_dev.tsv"));
    FILE *f = fopen(FULCRUM_SOURCE_DIR "/docs/backtest-record.tsv", "r");
    assert_non_null(f);
    char line[512];
    size_t rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "model\t", 6) == 0)
            continue;
        char name[64] = "", preset[64] = "";
        double n, mae;
        char *t1 = strchr(line, '\t');
        assert_non_null(t1);
        memcpy(name, line, (size_t)(t1 - line));
        char *t2 = strchr(t1 + 1, '\t');
        memcpy(preset, t1 + 1, (size_t)(t2 - t1 - 1));
        assert_int_equal(sscanf(t2 + 1, "%lf\t%lf", &n, &mae), 2);
        for (size_t m = 0; m < d->n_models; m++)
            if (strcmp(d->models[m].name, name) == 0 && strcmp(d->models[m].preset, preset) == 0) {
                assert_true(d->models[m].record.found);
                assert_int_equal(d->models[m].record.n, (size_t)n);
                assert_true(d->models[m].record.mae == mae);
                rows++;
            }
    }
    fclose(f);
    assert_int_equal(rows, d->n_models); /* every model run of the built-in case has its row */
    const fc_problem *p = &d->problem;
    for (size_t m = 0; m < d->n_models; m++) {
        double o_best = fc_dilemma_cell_at(d, m, d->models[m].best)->outcome;
        for (size_t i = 0; i < p->n_actors; i++)
            assert_true(fabs(p->position[i] - o_best) >= d->models[m].near_best_gap);
        assert_true(fabs(p->position[d->models[m].near_best] - o_best) == d->models[m].near_best_gap);
    }
    char *text = NULL;
    assert_int_equal(fc_dilemma_report_text(d, sc, &text, &err), FC_OK);
    assert_non_null(strstr(text, "Why the models disagree"));
    assert_non_null(strstr(text, "compromise: \"Embrace the West\" first"));
    free(text);
    fc_dilemma_free(d);
    fc_scenario_free(sc);
}

/* Every issue on a one-issue scenario: the one dilemma is the one-issue dilemma bit for bit,
 * and so are the reports; the totals are its decision values. */
static void test_every_issue_one_issue(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    fc_error err;
    fc_error_clear(&err);
    fc_dilemma *one = NULL;
    fc_dilemma_issues *all = NULL;
    assert_int_equal(fc_dilemma_compute(sc, &o, &one, &err), FC_OK);
    assert_int_equal(fc_dilemma_compute_issues(sc, &o, &all, &err), FC_OK);
    assert_int_equal(all->n_issues, 1);
    const fc_dilemma *d = all->issues[0];
    assert_int_equal(d->n_models, one->n_models);
    assert_int_equal(all->n_totals, one->n_models);
    for (size_t m = 0; m < d->n_models; m++) {
        for (size_t c = 0; c < d->n_choices; c++) {
            const fc_dilemma_cell *a = fc_dilemma_cell_at(d, m, c), *b = fc_dilemma_cell_at(one, m, c);
            same_forecast(a->forecast, b->forecast);
            assert_memory_equal(&a->value, &b->value, sizeof(double));
            assert_memory_equal(&all->totals[m].value[c], &b->value, sizeof(double));
        }
        assert_int_equal(all->totals[m].best, one->models[m].best);
        assert_memory_equal(&all->totals[m].margin, &one->models[m].margin, sizeof(double));
    }
    char *t1 = NULL, *t2 = NULL, *j1 = NULL, *j2 = NULL;
    assert_int_equal(fc_dilemma_report_text(one, sc, &t1, &err), FC_OK);
    assert_int_equal(fc_dilemma_issues_report_text(all, sc, &t2, &err), FC_OK);
    assert_string_equal(t1, t2);
    assert_int_equal(fc_dilemma_report_json(one, sc, &j1, &err), FC_OK);
    assert_int_equal(fc_dilemma_issues_report_json(all, sc, &j2, &err), FC_OK);
    assert_string_equal(j1, j2);
    free(t1);
    free(t2);
    free(j1);
    free(j2);
    fc_dilemma_issues_free(all);
    fc_dilemma_free(one);
    fc_scenario_free(sc);
}

/* Two issues, the median model, no backlash weight. x as in the hand case; on y A stands at 50
 * (salience 1), B at 100 (0.5), C at 0 (0.5), capabilities 40, 60, 10.
 * Median of y, weights c*s: A 40 at 50, B 30 at 100, C 5 at 0; total 75, half 37.5: sorted 0 (5),
 * 50 (40: cumulative 45 > 37.5): the median is A's position.
 * Status quo: y = 50, u_A,y = 0. "left" sets y 80: the median is 80 (A 40 at 80 reaches 45),
 * u_A,y = -1 * 30/100 = -0.3. "right" sets no y: u_A,y = 0 as under the status quo.
 * On x (weights A 20 at 50, B 30 at 0, C 10 at 100; total 60, half 30): status quo: sorted 0 (30),
 * 50: cumulative 30 is not more than half, so the median is 50? The model's own rule decides; the
 * test checks the totals against each issue's figures, which the one-issue tests check. */
static const char TWO_ISSUES[] =
    "title: two issues\n"
    "salience_scale: 1\n"
    "issues:\n"
    "  - {id: x, label: X, min: 0, max: 100, status_quo: 40}\n"
    "  - {id: y, label: Y, min: 0, max: 100}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, kind: state, capability: 40, stances: {x: {position: 50, salience: 0.5}, y: {position: 50, salience: 1.0}}}\n"
    "  - {id: B, name: Beta, kind: state, capability: 60, stances: {x: {position: 0, salience: 0.5}, y: {position: 100, salience: 0.5}}}\n"
    "  - {id: C, name: Gamma, kind: faction, capability: 10, stances: {x: {position: 100, salience: 1.0}, y: {position: 0, salience: 0.5}}}\n"
    "decider: A\n"
    "choices:\n"
    "  - {id: left, label: Left, positions: {x: 20, y: 80}}\n"
    "  - {id: right, label: Right, positions: {x: 90}}\n";

static void test_every_issue_totals(void **state)
{
    (void)state;
    fc_scenario *sc = parse(TWO_ISSUES);
    const fc_model *const models[] = {fc_model_find("median"), fc_model_find("status-quo")};
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    o.models = models;
    o.n_models = 2;
    o.backlash_weight = 0.5;
    fc_error err;
    fc_error_clear(&err);
    fc_dilemma_issues *all = NULL;
    assert_int_equal(fc_dilemma_compute_issues(sc, &o, &all, &err), FC_OK);
    assert_int_equal(all->n_issues, 2);
    assert_string_equal(all->issues[1]->problem.dim_ids[0], "y");
    /* y declares no status quo: the status-quo baseline runs on x only, so only the median totals. */
    assert_int_equal(all->n_totals, 1);
    const fc_dilemma_total *t = &all->totals[0];
    assert_string_equal(t->name, "median");
    const fc_dilemma *y = all->issues[1];
    NEAR(fc_dilemma_cell_at(y, 0, 0)->outcome, 50);
    NEAR(fc_dilemma_cell_at(y, 0, 1)->outcome, 80);
    NEAR(fc_dilemma_cell_at(y, 0, 1)->utility[y->decider], -0.3);
    NEAR(fc_dilemma_cell_at(y, 0, 2)->utility[y->decider], 0.0);
    for (size_t c = 0; c < all->n_choices; c++) {
        double u = 0;
        for (size_t k = 0; k < 2; k++) {
            const fc_dilemma *e = all->issues[k];
            u += fc_dilemma_cell_at(e, t->model_index[k], c)->utility[e->decider];
        }
        NEAR(t->utility[c], u);
        NEAR(t->backlash_cost[c], 0.5 * all->issues[0]->crisis[c]->cost);
        NEAR(t->value[c], u - t->backlash_cost[c]);
        assert_true(t->value[c] <= t->value[t->best] + 1e-12);
    }
    if (t->margin > 0)
        NEAR(t->margin, t->margin_outcome + t->margin_backlash);
    char *text = NULL;
    assert_int_equal(fc_dilemma_issues_report_text(all, sc, &text, &err), FC_OK);
    assert_non_null(strstr(text, "Every issue, in total"));
    assert_non_null(strstr(text, "==== Issue 2 of 2: y ===="));
    free(text);
    fc_dilemma_issues_free(all);
    fc_scenario_free(sc);
}

/* The either/or over every issue: a scenario whose one declared uncertainty has sd 0 is swept
 * without any jitter (and without the fallback spreads, since it declares its own), so every run
 * is the estimates and each margin is the totals' value(Right) - value(Left) exactly. The text
 * opens with it and says whose spreads it drew. */
static void test_either_or_every_issue(void **state)
{
    (void)state;
    char text_in[sizeof TWO_ISSUES + 16];
    const char *cap = strstr(TWO_ISSUES, "capability: 40,");
    assert_non_null(cap);
    snprintf(text_in, sizeof text_in, "%.*scapability: {value: 40, sd: 0},%s", (int)(cap - TWO_ISSUES), TWO_ISSUES,
             cap + strlen("capability: 40,"));
    fc_scenario *sc = parse(text_in);
    const fc_model *const models[] = {fc_model_find("median")};
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    o.models = models;
    o.n_models = 1;
    o.backlash_weight = 0.5;
    o.either_or_runs = 20;
    fc_error err;
    fc_error_clear(&err);
    fc_dilemma_issues *all = NULL;
    assert_int_equal(fc_dilemma_compute_issues(sc, &o, &all, &err), FC_OK);
    assert_int_equal(all->n_totals, 1);
    const fc_dilemma_total *t = &all->totals[0];
    const fc_dilemma_either *e = &all->either;
    assert_int_equal(e->runs, 20);
    assert_int_equal(e->counted, 20);
    assert_int_equal(e->default_jitter, 0);
    double margin = t->value[e->a] - t->value[e->b];
    NEAR(e->model_low[0], margin);
    NEAR(e->model_high[0], margin);
    NEAR(e->low, margin);
    assert_true(e->p == (margin > 0 ? 1.0 : 0.0));
    char *text = NULL;
    assert_int_equal(fc_dilemma_issues_report_text(all, sc, &text, &err), FC_OK);
    const char *either = strstr(text, "The either/or, every issue: \"Right\" beats \"Left\"");
    assert_non_null(either);
    assert_true(either < strstr(text, "Every issue, in total"));
    assert_non_null(strstr(text, "each estimate's own uncertainty"));
    free(text);
    char *json = NULL;
    assert_int_equal(fc_dilemma_issues_report_json(all, sc, &json, &err), FC_OK);
    const char *eo = strstr(json, "\"either_or\": {");
    assert_non_null(eo);
    assert_non_null(strstr(eo, "\"choice\": \"right\",\n    \"over\": \"left\","));
    free(json);
    fc_dilemma_issues_free(all);
    fc_scenario_free(sc);
}

/* The dilemma of the compromise model on the built-in case with one estimate changed. */
static fc_dilemma *compromise_with(const fc_scenario *sc, size_t actor, fc_dilemma_estimate e, double value)
{
    fc_scenario *w = fc_scenario_copy(sc);
    assert_non_null(w);
    if (e == FC_ESTIMATE_CAPABILITY)
        w->actors[actor].capability.value = value;
    else if (e == FC_ESTIMATE_POSITION)
        w->actors[actor].stances[0].position.value = value;
    else
        w->actors[actor].stances[0].salience.value = value;
    const fc_model *const models[] = {fc_model_find("compromise")};
    fc_dilemma *d = compute_with(w, FC_DILEMMA_START, models, 1);
    fc_scenario_free(w);
    return d;
}

/* Advice under the compromise model, which puts "Embrace the West" first by 0.0077 over the
 * status quo. Every swing's margins are those of the dilemma re-run by hand with the estimate
 * changed. On the status quo: every offer found makes it the best when applied, and one step less
 * in the same direction does not (the search finds the smallest). On "Embrace the West" (already
 * the best): no make-best offer; every challenger gets a stop-challenge search, and each offer
 * found, applied, leaves that actor without reason to challenge. */
static void test_advice(void **state)
{
    (void)state;
    fc_scenario *sc = azerbaijan();
    const fc_model *const models[] = {fc_model_find("compromise")};
    fc_dilemma *d = compute_with(sc, FC_DILEMMA_START, models, 1);
    fc_dilemma_advice *a = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_dilemma_advise(sc, NULL, d, 0, 0, &a, &err), FC_OK);
    assert_int_equal(a->best, 2);
    assert_int_equal(a->runner_up, 0);
    assert_int_equal(a->already_best, 0);
    assert_true(a->n_swings >= 3 * (sc->n_actors - 1));
    assert_true(a->swings[0].flips > 0);
    for (size_t k = 0; k < 4 && k < a->n_swings; k++) {
        const fc_dilemma_swing *s = &a->swings[k];
        fc_dilemma *lo = compromise_with(sc, s->actor, s->estimate, s->low);
        NEAR(s->margin_low, fc_dilemma_cell_at(lo, 0, a->best)->value - fc_dilemma_cell_at(lo, 0, a->runner_up)->value);
        assert_int_equal(s->challengers_low, lo->crisis[a->best]->n_challengers);
        assert_int_equal(s->best_low, lo->models[0].margin > 0 ? lo->models[0].best : (size_t)-1);
        fc_dilemma_free(lo);
    }
    size_t found = 0;
    for (size_t k = 0; k < a->n_offers; k++) {
        const fc_dilemma_offer *of = &a->offers[k];
        assert_int_equal(of->goal, FC_GOAL_MAKE_BEST);
        if (!of->found)
            continue;
        found++;
        fc_dilemma *yes = compromise_with(sc, of->actor, of->estimate, of->to);
        assert_int_equal(yes->models[0].best, 0);
        assert_true(yes->models[0].margin > 0);
        double step = of->estimate == FC_ESTIMATE_POSITION ? 1.0 : sc->salience_max / 20;
        double less = of->to > of->from ? of->to - step : of->to + step;
        if (fabs(less - of->from) > 1e-9) {
            fc_dilemma *no = compromise_with(sc, of->actor, of->estimate, less);
            assert_true(no->models[0].best != 0 || no->models[0].margin == 0);
            fc_dilemma_free(no);
        }
        fc_dilemma_free(yes);
    }
    assert_true(found > 0);
    char *text = NULL;
    assert_int_equal(fc_dilemma_advice_report_text(a, d, sc, &text, &err), FC_OK);
    assert_non_null(strstr(text, "What to offer whom to make \"Current policy\" the best"));
    free(text);
    fc_dilemma_advice_free(a);

    assert_int_equal(fc_dilemma_advise(sc, NULL, d, 0, 2, &a, &err), FC_OK);
    assert_int_equal(a->already_best, 1);
    size_t stops = 0;
    for (size_t k = 0; k < a->n_offers; k++) {
        const fc_dilemma_offer *of = &a->offers[k];
        assert_int_equal(of->goal, FC_GOAL_STOP_CHALLENGE);
        stops++;
        if (!of->found)
            continue;
        fc_dilemma *after = compromise_with(sc, of->actor, of->estimate, of->to);
        for (size_t q = 0; q < after->crisis[2]->n_pairs; q++)
            if (after->crisis[2]->pairs[q].challenger == of->actor)
                assert_int_equal(after->crisis[2]->pairs[q].challenges, 0);
        fc_dilemma_free(after);
    }
    assert_int_equal(stops, 2 * d->crisis[2]->n_challengers);
    fc_dilemma_advice_free(a);
    fc_dilemma_free(d);
    fc_scenario_free(sc);
}

static void expect_error(const char *text, const fc_dilemma_options *o, fc_status want, const char *needle)
{
    fc_scenario *sc = NULL;
    fc_dilemma *d = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_load_options lo;
    fc_load_options_init(&lo);
    fc_status st = fc_scenario_parse(text, strlen(text), "bad.yaml", &lo, &sc, &err);
    if (st == FC_OK)
        st = fc_dilemma_compute(sc, o, &d, &err);
    char msg[1024];
    fc_error_format(&err, msg, sizeof msg);
    if (!strstr(msg, needle))
        fail_msg("message '%s' lacks '%s'", msg, needle);
    assert_int_equal(st, want);
    assert_null(d);
    fc_scenario_free(sc);
}

static void test_bad_input(void **state)
{
    (void)state;
    static const char base[] =
        "title: t\nsalience_scale: 1\nissues:\n  - {id: x, min: 0, max: 100}\n  - {id: y, min: 0, max: 10}\n"
        "actors:\n  - {id: A, capability: 1, stances: {x: {position: 50, salience: 0.5}}}\n"
        "  - {id: B, capability: 1, stances: {x: {position: 10, salience: 0.5}, y: {position: 1, salience: 1}}}\n";
    char text[2048];
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);

    expect_error(base, &o, FC_EINPUT, "decider: ACTOR_ID");
    snprintf(text, sizeof text, "%sdecider: Z\nchoices:\n  - {id: c, positions: {x: 20}}\n", base);
    expect_error(text, &o, FC_EINPUT, "unknown actor 'Z'");
    snprintf(text, sizeof text, "%sdecider: A\nchoices:\n  - {id: c, positions: {q: 20}}\n", base);
    expect_error(text, &o, FC_EINPUT, "unknown issue 'q'");
    snprintf(text, sizeof text, "%sdecider: A\nchoices:\n  - {id: c, positions: {x: 120}}\n", base);
    expect_error(text, &o, FC_EINPUT, "outside the issue's scale");
    snprintf(text, sizeof text, "%sdecider: A\nchoices:\n  - {id: c, positions: {y: 2}}\n", base);
    expect_error(text, &o, FC_EINPUT, "takes no stance on issue 'y'");
    snprintf(text, sizeof text, "%sdecider: A\nchoices:\n  - {id: c, positions: {x: 20}}\n", base);
    o.issue = "nope";
    expect_error(text, &o, FC_EUSAGE, "no issue 'nope'");
    o.issue = NULL;
    o.model = "nope";
    expect_error(text, &o, FC_EUSAGE, "unknown model 'nope'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_case_start),
        cmocka_unit_test(test_hand_case_commit),
        cmocka_unit_test(test_hand_case_baselines),
        cmocka_unit_test(test_status_quo_is_plain_forecast),
        cmocka_unit_test(test_commit_never_moves_decider),
        cmocka_unit_test(test_order_independence),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_backlash_in_the_decision),
        cmocka_unit_test(test_zero_weight_is_the_old_value),
        cmocka_unit_test(test_weight_turns_the_verdict),
        cmocka_unit_test(test_unstable_outcome_flagged),
        cmocka_unit_test(test_either_or),
        cmocka_unit_test(test_every_issue_one_issue),
        cmocka_unit_test(test_every_issue_totals),
        cmocka_unit_test(test_either_or_every_issue),
        cmocka_unit_test(test_honest_headlines),
        cmocka_unit_test(test_disagreement_and_record),
        cmocka_unit_test(test_advice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
