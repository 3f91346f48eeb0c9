/* Monte Carlo sweeps: bit-identical results whatever the number of threads; the EUM fast
 * path agrees with the model's forecast (outcome and events); the standardised regression
 * coefficients of a linear model equal their closed form; summaries agree with the per-run
 * results; checkpoints resume to the identical result and refuse another sweep's file. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"
#include "fulcrum/eum.h"

/* Three actors whose weights (capability x salience) are 40, 30 and 12. */
static const char *small_yaml =
    "title: \"Three actors\"\n"
    "salience_scale: 100\n"
    "issues:\n"
    "  - {id: x, label: \"X\", min: 0, max: 100}\n"
    "actors:\n"
    "  - {id: A, name: \"Alpha\", kind: state, capability: 50, stances: {x: {position: 30, salience: 80}}}\n"
    "  - {id: B, name: \"Beta\", kind: state, capability: 60, stances: {x: {position: 50, salience: 50}}}\n"
    "  - {id: C, name: \"Gamma\", kind: state, capability: 20, stances: {x: {position: 70, salience: 60}}}\n"
    "decider: A\n"
    "choices:\n"
    "  - {id: left, label: \"Left\", positions: {x: 10}}\n"
    "  - {id: right, label: \"Right\", positions: {x: 90}}\n";

static fc_scenario *load_small(void)
{
    fc_scenario *sc = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_scenario_parse(small_yaml, strlen(small_yaml), "small.yaml", NULL, &sc, &err), FC_OK);
    return sc;
}

static fc_scenario *load_alignment(void)
{
    fc_scenario *sc = NULL;
    fc_error err;
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml", NULL, &sc, &err), FC_OK);
    return sc;
}

static fc_sweep_result *sweep(const fc_scenario *sc, fc_sweep_options o)
{
    fc_sweep_result *r = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_sweep_run(sc, &o, &r, &err);
    if (st)
        fail_msg("sweep failed: %s", err.message);
    return r;
}

static char *json_of(const fc_sweep_result *r)
{
    char *text = NULL;
    fc_error err;
    assert_int_equal(fc_sweep_report_json(r, 0, &text, &err), FC_OK);
    return text;
}

/* A cancel flag raised from the progress callback stops the sweep before its last block: it
 * fails with field "cancel" and reports fewer runs done than asked; a flag left at zero
 * changes nothing in the result. */
typedef struct cancel_probe {
    int flag;
    size_t calls, last_done;
} cancel_probe;

static void cancel_after_first(void *ctx, size_t done, size_t total)
{
    (void)total;
    cancel_probe *p = ctx;
    p->calls++;
    p->last_done = done;
    if (done > 0)
        __atomic_store_n(&p->flag, 1, __ATOMIC_RELAXED);
}

static void test_cancel_stops_between_blocks(void **state)
{
    (void)state;
    fc_scenario *sc = load_small();
    fc_default_uncertainty j = {.position_sd = 10, .salience_sd = 10, .capability_sd = 0.2, .capability_relative = 1};
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = &fc_model_eum;
    o.runs = 4000; /* blocks of 16 runs: 250 of them */
    o.seed = 7;
    o.jitter = &j;
    o.threads = 1;
    o.sensitivity = 0;
    fc_sweep_result *plain = sweep(sc, o);
    cancel_probe idle = {0};
    o.cancel = &idle.flag;
    fc_sweep_result *with_flag = sweep(sc, o);
    char *ja = json_of(plain), *jb = json_of(with_flag);
    assert_string_equal(ja, jb);
    free(ja), free(jb);
    fc_sweep_result_free(plain), fc_sweep_result_free(with_flag);

    cancel_probe probe = {0};
    o.cancel = &probe.flag;
    o.progress = cancel_after_first;
    o.progress_ctx = &probe;
    fc_sweep_result *r = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_sweep_run(sc, &o, &r, &err), FC_EUSAGE);
    assert_null(r);
    assert_string_equal(err.field, "cancel");
    assert_true(probe.last_done > 0 && probe.last_done < 4000);
    assert_true(probe.calls < 250);
    fc_scenario_free(sc);
}

static void test_threads_bit_identical(void **state)
{
    (void)state;
    fc_scenario *sc = load_alignment();
    fc_default_uncertainty j = {.position_sd = 10, .salience_sd = 10, .capability_sd = 0.2, .capability_relative = 1};
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = &fc_model_eum;
    o.runs = 700;
    o.seed = 2014;
    o.jitter = &j;
    o.choices = 1;
    o.threads = 1;
    fc_sweep_result *a = sweep(sc, o);
    o.threads = 2;
    fc_sweep_result *b = sweep(sc, o);
    o.threads = 3;
    fc_sweep_result *c = sweep(sc, o);
    assert_memory_equal(a->run_outcome, b->run_outcome, a->runs * sizeof *a->run_outcome);
    assert_memory_equal(a->run_outcome, c->run_outcome, a->runs * sizeof *a->run_outcome);
    assert_memory_equal(a->run_choice_utility, c->run_choice_utility,
                        a->runs * a->n_choices * sizeof *a->run_choice_utility);
    char *ja = json_of(a), *jb = json_of(b), *jc = json_of(c);
    assert_string_equal(ja, jb);
    assert_string_equal(ja, jc);
    /* Another seed, other draws. */
    o.seed = 2015;
    fc_sweep_result *d = sweep(sc, o);
    assert_true(memcmp(a->run_outcome, d->run_outcome, a->runs * sizeof *a->run_outcome) != 0);
    free(ja), free(jb), free(jc);
    fc_sweep_result_free(a), fc_sweep_result_free(b), fc_sweep_result_free(c), fc_sweep_result_free(d);
    fc_scenario_free(sc);
}

/* With no uncertainty every run is the plain forecast: the fast path's outcome equals the
 * forecaster's, and exactly the forecast's events have probability 1. */
static void test_eum_fast_path_matches_forecast(void **state)
{
    (void)state;
    fc_scenario *sc = load_alignment();
    fc_default_uncertainty none = {0};
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = &fc_model_eum;
    o.runs = 20;
    o.jitter = &none;
    fc_sweep_result *r = sweep(sc, o);
    assert_int_equal(r->n_inputs, 0);

    fc_problem p;
    fc_error err;
    assert_int_equal(fc_problem_from_scenario(&p, sc, NULL, 0, &err), FC_OK);
    fc_forecast *f = NULL;
    assert_int_equal(fc_model_run(&fc_model_eum, &p, NULL, NULL, 0, &f, &err), FC_OK);
    for (size_t i = 0; i < r->runs; i++)
        assert_memory_equal(&r->run_outcome[i], &f->outcome[0], sizeof(double));
    assert_memory_equal(&r->nominal[0], &f->outcome[0], sizeof(double));
    assert_true(r->outcome[0].sd == 0 && r->outcome[0].p5 == f->outcome[0] && r->outcome[0].p95 == f->outcome[0]);
    size_t distinct = 0;
    for (size_t k = 0; k < f->n_events; k++) {
        const fc_event *ev = &f->events[k];
        int seen_before = 0;
        for (size_t q = 0; q < k; q++)
            seen_before |= f->events[q].challenger == ev->challenger && f->events[q].target == ev->target &&
                           f->events[q].kind == ev->kind;
        distinct += !seen_before;
        int found = 0;
        for (size_t e = 0; e < r->n_events; e++)
            if (r->events[e].challenger == (size_t)ev->challenger && r->events[e].target == (size_t)ev->target &&
                r->events[e].kind == ev->kind) {
                assert_true(r->events[e].probability == 1.0);
                found = 1;
            }
        assert_true(found);
    }
    assert_true(distinct > 0);
    assert_int_equal(r->n_events, distinct);
    fc_forecast_free(f);
    fc_problem_free(&p);
    fc_sweep_result_free(r);
    fc_scenario_free(sc);
}

/* Choices through the fast path (commit mode: the decider held fixed) equal the model's own
 * forecast of the same problem with the decider fixed at the choice's position. */
static void test_commit_choices_match_forecast(void **state)
{
    (void)state;
    fc_scenario *sc = load_alignment();
    fc_default_uncertainty none = {0};
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = &fc_model_eum;
    o.runs = 3;
    o.jitter = &none;
    o.choices = 1;
    o.commit = 1;
    fc_sweep_result *r = sweep(sc, o);
    assert_int_equal(r->n_choices, 1 + sc->n_choices);
    fc_problem p;
    fc_error err;
    assert_int_equal(fc_problem_from_scenario(&p, sc, NULL, 0, &err), FC_OK);
    p.fixed = calloc(p.n_actors, 1);
    assert_non_null(p.fixed);
    size_t dk = r->decider;
    assert_string_equal(p.actor_ids[dk], sc->decider);
    double own = p.position[dk];
    for (size_t ch = 0; ch < r->n_choices; ch++) {
        p.position[dk] = ch == 0 ? own : sc->choices[ch - 1].positions[0].position;
        p.fixed[dk] = 1;
        fc_forecast *f = NULL;
        assert_int_equal(fc_model_run(&fc_model_eum, &p, NULL, NULL, 0, &f, &err), FC_OK);
        for (size_t run = 0; run < r->runs; run++)
            assert_true(r->run_choice_outcome[run * r->n_choices + ch] == f->outcome[0]);
        fc_forecast_free(f);
    }
    fc_problem_free(&p);
    fc_sweep_result_free(r);
    fc_scenario_free(sc);
}

/* With no uncertainty every run's choice figures are the dilemma module's, exactly: outcome,
 * the decider's utility, the pressure on it, the conflicts, the instability, the stability,
 * the weighted crisis cost and who has reason to challenge, for the three EUM presets and
 * both modes. */
static void test_choice_figures_match_dilemma(void **state)
{
    (void)state;
    fc_scenario *sc = load_alignment();
    fc_default_uncertainty none = {0};
    const char *presets[] = {"scholz", "scholz-fixed", "bdm-paper"};
    int nonzero_pressure = 0;
    for (int commit = 0; commit <= 1; commit++)
        for (size_t k = 0; k < 3; k++) {
            fc_sweep_options o;
            fc_sweep_options_init(&o);
            o.model = &fc_model_eum;
            o.preset = presets[k];
            o.runs = 2;
            o.jitter = &none;
            o.choices = 1;
            o.commit = commit;
            o.sensitivity = 0;
            fc_sweep_result *r = sweep(sc, o);
            fc_dilemma_options d;
            fc_dilemma_options_init(&d);
            d.model = "eum";
            d.preset = presets[k];
            d.mode = commit ? FC_DILEMMA_COMMIT : FC_DILEMMA_START;
            fc_dilemma *dl = NULL;
            fc_error err;
            assert_int_equal(fc_dilemma_compute(sc, &d, &dl, &err), FC_OK);
            assert_int_equal(dl->n_models, 1);
            assert_int_equal(dl->n_choices, r->n_choices);
            for (size_t ch = 0; ch < r->n_choices; ch++) {
                const fc_dilemma_cell *cell = fc_dilemma_cell_at(dl, 0, ch);
                size_t nc = r->n_choices;
                assert_true(r->run_choice_outcome[nc + ch] == cell->outcome);
                assert_true(r->run_choice_utility[nc + ch] == cell->utility[dl->decider]);
                const double *fig = &r->run_choice_figures[(nc + ch) * 4];
                assert_true(fig[0] == cell->pressure_total);
                assert_true(fig[1] == (double)cell->n_conflicts);
                assert_true(fig[2] == cell->instability);
                assert_true(fig[3] == (double)cell->stable);
                /* The crisis backlash of the sweep is the dilemma's at the estimates. */
                assert_true(r->has_backlash);
                assert_true(r->backlash_weight == dl->backlash_weight);
                assert_true(r->run_choice_cost[nc + ch] == cell->backlash_cost);
                const fc_crisis_backlash *b = dl->crisis[ch];
                for (size_t j = 0; j < b->n_pairs; j++) {
                    unsigned char f = r->run_choice_crisis[(nc + ch) * r->n_crisis_actors + b->pairs[j].challenger];
                    assert_int_equal((f & FC_SWEEP_CRISIS_CHALLENGES) != 0, b->pairs[j].challenges != 0);
                    assert_int_equal((f & FC_SWEEP_CRISIS_COSTLY) != 0, b->pairs[j].target_cost > 0);
                }
                assert_true(r->choices[ch].p_backlash == (b->n_challengers > 0 ? 1.0 : 0.0));
                assert_true(r->choices[ch].value.mean == cell->value);
                nonzero_pressure += cell->pressure_total != 0;
            }
            fc_dilemma_free(dl);
            fc_sweep_result_free(r);
        }
    assert_true(nonzero_pressure > 0); /* the comparison covered real backlash */
    fc_scenario_free(sc);
}

/* Two issues and two choices (the dilemma's hand case, tests/unit/test_dilemma.c), with a
 * declared backlash weight and a rivalry that enters the crisis models. */
static const char TWO_ISSUES[] =
    "title: two issues\n"
    "salience_scale: 1\n"
    "issues:\n"
    "  - {id: x, label: X, min: 0, max: 100, status_quo: 40}\n"
    "  - {id: y, label: Y, min: 0, max: 100}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, kind: state, capability: 40, stances: {x: {position: 50, salience: 0.5}, y: {position: 50, salience: 1.0}}}\n"
    "  - {id: B, name: Beta, kind: state, capability: 60, stances: {x: {position: 0, salience: 0.5}, y: {position: 100, salience: 0.5}}}\n"
    "  - {id: C, name: Gamma, kind: faction, capability: 10, stances: {x: {position: 100, salience: 1.0}}}\n"
    "relations:\n"
    "  - {between: [A, B], kind: rivalry}\n"
    "decider: A\n"
    "choices:\n"
    "  - {id: left, label: Left, positions: {x: 20, y: 80}}\n"
    "  - {id: right, label: Right, positions: {x: 90}}\n"
    "backlash:\n"
    "  weight: {value: 0.5, source: test}\n";

/* A choices sweep of a one-issue model on a two-issue scenario runs every issue, each on its
 * own (C takes no stance on y and takes no part there): with no uncertainty every run's
 * forecast per issue, the decider's total utility and the crisis cost are those of the
 * dilemma's every-issue analysis, exactly, for a baseline (fast path) and EUM. */
static void test_every_issue_matches_dilemma_totals(void **state)
{
    (void)state;
    fc_scenario *sc = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_load_options lo;
    fc_load_options_init(&lo);
    fc_status lst = fc_scenario_parse(TWO_ISSUES, strlen(TWO_ISSUES), "test.yaml", &lo, &sc, &err);
    if (lst)
        fail_msg("parse: %s", err.message);
    const char *names[] = {"compromise", "eum"};
    fc_default_uncertainty none = {0};
    for (size_t m = 0; m < 2; m++) {
        fc_sweep_options o;
        fc_sweep_options_init(&o);
        o.model = fc_model_find(names[m]);
        o.runs = 2;
        o.jitter = &none;
        o.choices = 1;
        o.sensitivity = 0;
        fc_sweep_result *r = sweep(sc, o);
        assert_int_equal(r->n_dims, 2);
        const fc_model *const models[] = {o.model};
        fc_dilemma_options d;
        fc_dilemma_options_init(&d);
        d.models = models;
        d.n_models = 1;
        d.preset = o.model->presets ? o.model->presets[0] : NULL; /* the sweep's default */
        fc_dilemma_issues *all = NULL;
        assert_int_equal(fc_dilemma_compute_issues(sc, &d, &all, &err), FC_OK);
        assert_int_equal(all->n_totals, 1);
        const fc_dilemma_total *t = &all->totals[0];
        size_t nc = r->n_choices;
        assert_int_equal(nc, all->n_choices);
        for (size_t ch = 0; ch < nc; ch++) {
            for (size_t k = 0; k < 2; k++) {
                const fc_dilemma *e = all->issues[k];
                assert_true(r->run_choice_outcome[(nc + ch) * 2 + k] ==
                            fc_dilemma_cell_at(e, t->model_index[k], ch)->outcome);
                assert_true(fabs(r->choices[ch].issue_utility[k].mean -
                                 fc_dilemma_cell_at(e, t->model_index[k], ch)->utility[e->decider]) < 1e-12);
            }
            assert_true(fabs(r->run_choice_utility[nc + ch] - t->utility[ch]) < 1e-12);
            assert_true(r->run_choice_cost[nc + ch] == t->backlash_cost[ch]);
            assert_true(fabs(r->choices[ch].value.mean - t->value[ch]) < 1e-12);
            /* The best choice of the totals is the one the sweep finds best in every run. */
            assert_true(r->choices[ch].p_best == (ch == t->best ? 1.0 : 0.0) || t->margin == 0);
        }
        fc_dilemma_issues_free(all);
        fc_sweep_result_free(r);
    }
    fc_scenario_free(sc);
}

/* Decision sensitivity on a case whose answer is known. A holds almost all the capability, so
 * in commit mode the median is where A stands: its own (sampled) position x under the status quo
 * (utility 0, always best), the choice's position otherwise. The margin of the status quo over
 * the runner-up is |x - c| / 100 with c = 20 or 80 and x ~ N(50, 5): it depends on A's position
 * alone, linearly. B's and C's positions are uncertain too and change nothing. */
static const char ONE_INPUT[] =
    "title: one input decides\n"
    "salience_scale: 1\n"
    "issues:\n"
    "  - {id: x, label: X, min: 0, max: 100, status_quo: 50}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, kind: state, capability: 1000, stances: {x: {position: 50, salience: 1.0}}}\n"
    "  - {id: B, name: Beta, kind: state, capability: 10, stances: {x: {position: 10, salience: 0.5}}}\n"
    "  - {id: C, name: Gamma, kind: state, capability: 10, stances: {x: {position: 90, salience: 0.5}}}\n"
    "decider: A\n"
    "choices:\n"
    "  - {id: lo, label: Low, positions: {x: 20}}\n"
    "  - {id: hi, label: High, positions: {x: 80}}\n";

static void test_decision_sensitivity_one_input(void **state)
{
    (void)state;
    fc_scenario *sc = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_load_options lo;
    fc_load_options_init(&lo);
    assert_int_equal(fc_scenario_parse(ONE_INPUT, strlen(ONE_INPUT), "test.yaml", &lo, &sc, &err), FC_OK);
    fc_default_uncertainty u = {0};
    u.position_sd = 5;
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = fc_model_find("median");
    o.runs = 1000;
    o.jitter = &u;
    o.choices = 1;
    o.commit = 1;
    o.backlash = 0;
    fc_sweep_result *r = sweep(sc, o);
    assert_int_equal(r->n_inputs, 3);
    assert_true(r->has_decision_sensitivity);
    assert_int_equal(r->sens_a, 0);
    assert_true(r->choices[0].p_best == 1.0);
    assert_int_equal(r->sens_runs, 1000);
    assert_int_equal(r->sens_bins, 20);
    /* A's position first, explaining all but the binning's loss; the rank regression exact. */
    const fc_sweep_decision_input *top = &r->decision_inputs[0];
    assert_string_equal(r->actor_ids[r->inputs[top->input].actor], "A");
    assert_int_equal(r->inputs[top->input].kind, FC_INPUT_POSITION);
    assert_true(top->s_margin > 0.97 && top->s_margin <= 1.0);
    assert_true(fabs(fabs(top->srrc_margin) - 1.0) < 1e-9);
    assert_true(fabs(r->r2_margin - 1.0) < 1e-9);
    /* The status quo wins every run: nothing flips it. */
    assert_true(top->p_low == 1.0 && top->p_high == 1.0 && !top->flips);
    for (size_t q = 1; q < r->n_decision_inputs; q++) {
        const fc_sweep_decision_input *d = &r->decision_inputs[q];
        assert_true(d->s_margin < 0.05); /* noise: about (20 - 1) / 999 */
        assert_true(fabs(d->srrc_margin) < 1e-6);
        assert_false(d->flips);
        assert_true(isnan(d->s_backlash));
    }
    fc_sweep_result_free(r);
    fc_scenario_free(sc);
}

/* A run whose forecast stopped at the round limit still moving is not averaged into the
 * decision: the spatial model in commit mode oscillates on the one-issue case when Azerbaijan
 * holds "Scale back" (the dilemma flags it), so every run is undecided and counted so. */
static void test_unstable_runs_left_out_of_the_decision(void **state)
{
    (void)state;
    fc_scenario *sc = load_alignment();
    fc_default_uncertainty none = {0};
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = fc_model_find("smp");
    o.runs = 2;
    o.jitter = &none;
    o.choices = 1;
    o.commit = 1;
    o.sensitivity = 0;
    fc_sweep_result *r = sweep(sc, o);
    fc_dilemma_options d;
    fc_dilemma_options_init(&d);
    d.model = "smp";
    d.mode = FC_DILEMMA_COMMIT;
    fc_dilemma *dl = NULL;
    fc_error err;
    assert_int_equal(fc_dilemma_compute(sc, &d, &dl, &err), FC_OK);
    size_t unstable = 0;
    for (size_t ch = 0; ch < r->n_choices; ch++) {
        int stable = fc_dilemma_cell_at(dl, 0, ch)->stable;
        unstable += !stable;
        assert_int_equal(r->choices[ch].unstable, stable ? 0 : 2);
    }
    assert_true(unstable > 0);
    assert_int_equal(r->undecided, 2);
    assert_int_equal(r->decided, 0);
    assert_true(isnan(r->choices[0].p_best));
    assert_int_equal(r->either_n, 0);
    fc_dilemma_free(dl);
    fc_sweep_result_free(r);
    fc_scenario_free(sc);
}

/* The compromise model is linear in the positions: forecast = sum w_i x_i / sum w_i. With
 * only positions uncertain (equal sd, far from the scale's ends) the SRC of x_i is
 * w_i / sqrt(sum w_j^2) and R^2 is 1. */
static void test_src_of_a_linear_model(void **state)
{
    (void)state;
    fc_scenario *sc = load_small();
    fc_default_uncertainty j = {.position_sd = 2};
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = &fc_model_compromise;
    o.runs = 20000;
    o.jitter = &j;
    fc_sweep_result *r = sweep(sc, o);
    assert_int_equal(r->n_inputs, 3);
    double w[3] = {40, 30, 12}, norm = sqrt(40.0 * 40 + 30 * 30 + 12 * 12);
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(r->inputs[k].kind, FC_INPUT_POSITION);
        assert_true(fabs(r->inputs[k].src[0] - w[k] / norm) < 0.01);
        /* Tornado: one input at its 5% / 95% quantile moves the mean by w_k/W times as much. */
        double moved = r->inputs[k].out_high[0] - r->inputs[k].out_low[0];
        assert_true(fabs(moved - w[k] / 82.0 * (r->inputs[k].high - r->inputs[k].low)) < 1e-9);
    }
    assert_true(fabs(r->r2[0] - 1.0) < 1e-3);
    /* The forecast's sd: sqrt(sum w^2) * 2 / sum w. */
    assert_true(fabs(r->outcome[0].sd - norm * 2 / 82.0) < 0.03);
    fc_sweep_result_free(r);
    fc_scenario_free(sc);
}

static void test_summaries_agree_with_runs(void **state)
{
    (void)state;
    fc_scenario *sc = load_small();
    fc_default_uncertainty j = {.position_sd = 15, .salience_sd = 10, .capability_sd = 0.3, .capability_relative = 1};
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = &fc_model_median;
    o.runs = 5001;
    o.jitter = &j;
    o.choices = 1;
    fc_sweep_result *r = sweep(sc, o);
    const fc_distribution *d = &r->outcome[0];
    assert_int_equal(d->n, r->runs - r->failed);
    double sum = 0;
    size_t hist = 0;
    for (size_t i = 0; i < r->runs; i++)
        sum += r->run_outcome[i];
    for (size_t b = 0; b < d->n_bins; b++)
        hist += d->hist[b];
    assert_int_equal(hist, d->n);
    assert_true(d->mean == sum / (double)r->runs);
    assert_true(d->min <= d->p5 && d->p5 <= d->p25 && d->p25 <= d->p50 && d->p50 <= d->p75 && d->p75 <= d->p95 &&
                d->p95 <= d->max);
    /* An odd count: the median is the middle order statistic, and 50% of runs lie at or below it. */
    size_t below = 0;
    for (size_t i = 0; i < r->runs; i++)
        below += r->run_outcome[i] <= d->p50;
    assert_true(below >= r->runs / 2 + 1);
    assert_int_equal(r->n_choices, 3);
    double p = 0;
    for (size_t ch = 0; ch < r->n_choices; ch++)
        p += r->choices[ch].p_best;
    assert_true(fabs(p - 1.0) < 1e-12);
    /* The decider's utility is -s |x - o| / range with its own sampled position and salience
     * (inputs 1 and 2: A's position and salience; input 0 is its capability). */
    assert_int_equal(r->inputs[1].kind, FC_INPUT_POSITION);
    assert_int_equal(r->inputs[2].kind, FC_INPUT_SALIENCE);
    for (size_t run = 0; run < 50; run++) {
        double x = fc_sweep_input_sample(r, run, 1), sal = fc_sweep_input_sample(r, run, 2);
        for (size_t ch = 0; ch < r->n_choices; ch++) {
            double o2 = r->run_choice_outcome[run * r->n_choices + ch];
            assert_true(r->run_choice_utility[run * r->n_choices + ch] == 0.0 - sal * fabs(o2 - x) / 100.0);
        }
        /* Start mode: the status quo is the plain forecast of the run. */
        assert_true(r->run_choice_outcome[run * r->n_choices] == r->run_outcome[run]);
    }
    /* Every sampled position stays on the scale, every salience on 0..100. */
    for (size_t run = 0; run < 200; run++)
        for (size_t k = 0; k < r->n_inputs; k++) {
            double x = fc_sweep_input_sample(r, run, k);
            if (r->inputs[k].kind == FC_INPUT_CAPABILITY)
                assert_true(x >= 0);
            else
                assert_true(x >= 0 && x <= (r->inputs[k].kind == FC_INPUT_POSITION ? 100 : 1));
        }
    fc_sweep_result_free(r);
    fc_scenario_free(sc);
}

static void test_checkpoint_resume_and_refusal(void **state)
{
    (void)state;
    char dir[] = "/tmp/fulcrum-sweep-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/ck.bin", dir);
    fc_scenario *sc = load_small();
    fc_default_uncertainty j = {.position_sd = 15, .salience_sd = 10};
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = &fc_model_eum;
    o.runs = 3000;
    o.jitter = &j;
    fc_sweep_result *plain = sweep(sc, o);
    o.checkpoint = path;
    fc_sweep_result *saved = sweep(sc, o);
    assert_int_equal(saved->resumed_runs, 0);
    fc_sweep_result *resumed = sweep(sc, o);
    assert_int_equal(resumed->resumed_runs, o.runs);
    char *a = json_of(plain), *b = json_of(saved), *c = json_of(resumed);
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    free(a), free(b), free(c);
    /* Another seed must not reuse this file. */
    o.seed = 99;
    fc_sweep_result *r = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_sweep_run(sc, &o, &r, &err), FC_EINPUT);
    assert_non_null(strstr(err.message, "other arguments"));
    assert_null(r);
    /* The streamed per-run CSV is the in-memory one, byte for byte. */
    char csv_path[300];
    snprintf(csv_path, sizeof csv_path, "%s/runs.csv", dir);
    assert_int_equal(fc_sweep_write_runs_csv(plain, csv_path, &err), FC_OK);
    char *mem = NULL, *file = NULL;
    size_t len = 0;
    assert_int_equal(fc_sweep_report_runs_csv(plain, &mem, &err), FC_OK);
    assert_int_equal(fc_file_read(csv_path, (size_t)1 << 30, &file, &len, &err), FC_OK);
    assert_int_equal(len, strlen(mem));
    assert_string_equal(file, mem);
    assert_int_equal(strncmp(mem, "run,quantity,actor,issue,choice,value\n0,position,A,x,,", 54), 0);
    free(mem), free(file);
    unlink(csv_path);
    fc_sweep_result_free(plain), fc_sweep_result_free(saved), fc_sweep_result_free(resumed);
    fc_scenario_free(sc);
    unlink(path);
    rmdir(dir);
}

static void test_jitter_parsing_and_per_value_uncertainty(void **state)
{
    (void)state;
    fc_default_uncertainty u = {.position_sd = 3};
    fc_error err;
    assert_int_equal(fc_sweep_parse_jitter("salience=10,capability=20%", &u, &err), FC_OK);
    assert_true(u.position_sd == 3 && !u.position_relative);
    assert_true(u.salience_sd == 10 && !u.salience_relative);
    assert_true(u.capability_sd == 0.2 && u.capability_relative);
    assert_int_equal(fc_sweep_parse_jitter("height=3", &u, &err), FC_EUSAGE);
    assert_int_equal(fc_sweep_parse_jitter("position=-1", &u, &err), FC_EUSAGE);
    assert_int_equal(fc_sweep_parse_jitter("position", &u, &err), FC_EUSAGE);

    /* A value's own range wins over the default; its draws are uniform inside it. */
    const char *yaml =
        "title: t\nissues:\n  - {id: x, label: X, min: 0, max: 100}\n"
        "actors:\n"
        "  - {id: A, name: A, kind: state, capability: 50, stances: {x: {position: {value: 30, range: [20, 40]}, salience: 80}}}\n"
        "  - {id: B, name: B, kind: state, capability: 60, stances: {x: {position: {value: 60, triangular: [50, 90]}, salience: 50}}}\n";
    fc_scenario *sc = NULL;
    fc_error_clear(&err);
    assert_int_equal(fc_scenario_parse(yaml, strlen(yaml), "t.yaml", NULL, &sc, &err), FC_OK);
    fc_default_uncertainty none = {0};
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = &fc_model_compromise;
    o.runs = 4000;
    o.jitter = &none;
    fc_sweep_result *r = sweep(sc, o);
    assert_int_equal(r->n_inputs, 2);
    assert_int_equal(r->inputs[0].dist.kind, FC_DIST_UNIFORM);
    assert_int_equal(r->inputs[1].dist.kind, FC_DIST_TRIANGULAR);
    double s0 = 0, s1 = 0;
    for (size_t run = 0; run < r->runs; run++) {
        double a = fc_sweep_input_sample(r, run, 0), b = fc_sweep_input_sample(r, run, 1);
        assert_true(a >= 20 && a <= 40 && b >= 50 && b <= 90);
        s0 += a, s1 += b;
    }
    assert_true(fabs(s0 / (double)r->runs - 30) < 0.5);
    assert_true(fabs(s1 / (double)r->runs - (50 + 60 + 90) / 3.0) < 0.5);
    assert_true(fabs(r->inputs[0].low - 21) < 1e-12 && fabs(r->inputs[0].high - 39) < 1e-12);
    fc_sweep_result_free(r);
    fc_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_bit_identical),
        cmocka_unit_test(test_cancel_stops_between_blocks),
        cmocka_unit_test(test_eum_fast_path_matches_forecast),
        cmocka_unit_test(test_commit_choices_match_forecast),
        cmocka_unit_test(test_choice_figures_match_dilemma),
        cmocka_unit_test(test_unstable_runs_left_out_of_the_decision),
        cmocka_unit_test(test_every_issue_matches_dilemma_totals),
        cmocka_unit_test(test_decision_sensitivity_one_input),
        cmocka_unit_test(test_src_of_a_linear_model),
        cmocka_unit_test(test_summaries_agree_with_runs),
        cmocka_unit_test(test_checkpoint_resume_and_refusal),
        cmocka_unit_test(test_jitter_parsing_and_per_value_uncertainty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
