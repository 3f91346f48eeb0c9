/* The run entry point (include/fulcrum/run.h): the one selection rule for models and presets,
 * the forecast it runs, its notes, KTAB's parameters, and that forecast, dilemma, sweep and
 * backtest pick the same (model, preset) pairs for the same preset. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

#define EMISSION_CSV FULCRUM_SHARED_DIR "/data/eum/inputs/emission.csv"
#define KTAB_XML FULCRUM_SHARED_DIR "/data/smp/inputs/d3_ia.xml"
#define DEU_DEV FULCRUM_SHARED_DIR "/data/deu/deu_dev.tsv"

/* "name:preset" of each pick, joined by spaces. */
static void describe(const fc_run_pick *p, size_t n, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s%s%s", i ? " " : "", p[i].model->name, p[i].preset ? ":" : "",
                 p[i].preset ? p[i].preset : "");
    }
}

static void test_select_all(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    fc_run_pick *p;
    size_t n;
    char buf[512];
    assert_int_equal(fc_run_select(NULL, NULL, NULL, &p, &n, &err), FC_OK);
    describe(p, n, buf, sizeof buf);
    assert_string_equal(buf, "status-quo median compromise capability-mean eum:scholz eum:scholz-fixed "
                             "eum:bdm-paper smp:ktab");
    free(p);
    /* A preset: the models that have it run with it, the models without presets still run,
     * smp (whose presets lack it) is left out. */
    assert_int_equal(fc_run_select("all", "scholz-fixed", NULL, &p, &n, &err), FC_OK);
    describe(p, n, buf, sizeof buf);
    assert_string_equal(buf, "status-quo median compromise capability-mean eum:scholz-fixed");
    free(p);
    assert_int_equal(fc_run_select(NULL, "ktab", NULL, &p, &n, &err), FC_OK);
    describe(p, n, buf, sizeof buf);
    assert_string_equal(buf, "status-quo median compromise capability-mean smp:ktab");
    free(p);
    assert_int_equal(fc_run_select(NULL, "nope", NULL, &p, &n, &err), FC_EUSAGE);
    assert_string_equal(err.field, "preset");
    assert_null(p);
    assert_int_equal(n, 0);
}

static void test_select_problem_filters(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc;
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-two-issues.yaml", NULL, &sc, &err),
                     FC_OK);
    fc_problem two;
    assert_int_equal(fc_problem_from_scenario(&two, sc, NULL, 1, &err), FC_OK);
    assert_int_equal(two.n_dims, 2);
    fc_run_pick *p;
    size_t n;
    char buf[512];
    /* Two dimensions: the one-issue models (eum) are left out. */
    assert_int_equal(fc_run_select(NULL, NULL, &two, &p, &n, &err), FC_OK);
    describe(p, n, buf, sizeof buf);
    assert_string_equal(buf, "status-quo median compromise capability-mean smp:ktab");
    free(p);
    /* No declared status quo: the status-quo baseline is left out. */
    fc_problem one;
    assert_int_equal(fc_problem_from_scenario(&one, sc, NULL, 0, &err), FC_OK);
    one.status_quo[0] = NAN;
    assert_int_equal(fc_run_select(NULL, "bdm-paper", &one, &p, &n, &err), FC_OK);
    describe(p, n, buf, sizeof buf);
    assert_string_equal(buf, "median compromise capability-mean eum:bdm-paper");
    free(p);
    fc_problem_free(&one);
    fc_problem_free(&two);
    fc_scenario_free(sc);
}

static void test_select_one(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    fc_run_pick *p;
    size_t n;
    assert_int_equal(fc_run_select("eum", "bdm-paper", NULL, &p, &n, &err), FC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].model->name, "eum");
    assert_string_equal(p[0].preset, "bdm-paper");
    free(p);
    /* No preset: the model's default. */
    assert_int_equal(fc_run_select("eum", NULL, NULL, &p, &n, &err), FC_OK);
    assert_int_equal(n, 1);
    assert_null(p[0].preset);
    free(p);
    /* One model must have the preset. */
    assert_int_equal(fc_run_select("smp", "scholz-fixed", NULL, &p, &n, &err), FC_EUSAGE);
    assert_string_equal(err.field, "preset");
    assert_int_equal(fc_run_select("median", "scholz-fixed", NULL, &p, &n, &err), FC_EUSAGE);
    assert_string_equal(err.field, "preset");
    assert_string_equal(err.message, "model 'median' has no presets");
    assert_int_equal(fc_run_select("oracle", NULL, NULL, &p, &n, &err), FC_EUSAGE);
    assert_string_equal(err.field, "model");
    assert_null(strstr(err.message, "--"));
    assert_null(strstr(err.message, "fulcrum "));
    const fc_model *m;
    assert_int_equal(fc_run_one_model(NULL, NULL, &m, &err), FC_OK);
    assert_string_equal(m->name, "eum");
    assert_int_equal(fc_run_one_model("all", "nope", &m, &err), FC_EUSAGE);
    assert_string_equal(err.field, "preset");
}

static void test_multi_issue_rule(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc;
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-two-issues.yaml", NULL, &sc, &err),
                     FC_OK);
    assert_true(fc_run_takes_every_issue(&fc_model_smp, 1, NULL, sc));
    assert_false(fc_run_takes_every_issue(&fc_model_smp, 0, NULL, sc));
    assert_false(fc_run_takes_every_issue(&fc_model_smp, 1, sc->issues[0].id, sc));
    assert_false(fc_run_takes_every_issue(&fc_model_eum, 1, NULL, sc));
    /* The entry point: smp named alone forecasts both issues at once. */
    fc_run_options o;
    fc_run_options_init(&o);
    o.scenario = sc;
    o.model = "smp";
    fc_run_result *r;
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_OK);
    assert_int_equal(r->problem.n_dims, 2);
    assert_int_equal(r->n_forecasts, 1);
    assert_ptr_equal(r->scenario, sc);
    double joint[2] = {r->forecasts[0]->outcome[0], r->forecasts[0]->outcome[1]};
    fc_run_result_free(r);
    /* Every model: each issue forecast by the seven models of one issue (status-quo, median,
     * compromise, capability-mean, eum x 3), then smp on both at once, exactly as named alone;
     * each issue's forecasts are those of a run with that issue named. */
    o.model = NULL;
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_OK);
    assert_int_equal(r->problem.n_dims, 1);
    assert_string_equal(r->problem.dim_ids[0], "alignment");
    assert_int_equal(r->n_forecasts, 7);
    assert_int_equal(r->n_parts, 2);
    assert_string_equal(r->parts[0].problem.dim_ids[0], "energy");
    assert_int_equal(r->parts[0].problem.n_dims, 1);
    assert_int_equal(r->parts[0].n_forecasts, 7);
    assert_int_equal(r->parts[1].problem.n_dims, 2);
    assert_int_equal(r->parts[1].n_forecasts, 1);
    assert_string_equal(r->parts[1].forecasts[0]->model, "smp");
    assert_true(r->parts[1].forecasts[0]->outcome[0] == joint[0]);
    assert_true(r->parts[1].forecasts[0]->outcome[1] == joint[1]);
    for (size_t k = 0; k < 2; k++) {
        fc_run_options one = o;
        one.issue = sc->issues[k].id;
        fc_run_result *q;
        assert_int_equal(fc_run_forecast(&one, &q, &err), FC_OK);
        assert_int_equal(q->n_parts, 0);
        fc_forecast **fs = k == 0 ? r->forecasts : r->parts[0].forecasts;
        assert_int_equal(q->n_forecasts, 8); /* smp on that issue alone too */
        for (size_t m = 0; m < 7; m++) {
            assert_string_equal(q->forecasts[m]->model, fs[m]->model);
            assert_true(q->forecasts[m]->outcome[0] == fs[m]->outcome[0]);
        }
        fc_run_result_free(q);
    }
    /* Hand-checked values: the weighted median of alignment is Azerbaijan's 65, of energy 85. */
    assert_true(r->forecasts[1]->outcome[0] == 65);
    assert_true(r->parts[0].forecasts[1]->outcome[0] == 85);
    fc_run_result_free(r);
    /* A model of one issue named alone forecasts each issue too. */
    o.model = "eum";
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_OK);
    assert_int_equal(r->n_forecasts, 1);
    assert_int_equal(r->n_parts, 1);
    assert_string_equal(r->parts[0].problem.dim_ids[0], "energy");
    fc_run_result_free(r);
    fc_scenario_free(sc); /* borrowed: the result did not free it */
}

/* A KTAB file of three dimensions with one named: every model, smp included, runs on that
 * dimension alone (KTAB's own parameters still apply); unnamed, smp runs on all three. */
static void test_ktab_one_dimension(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    fc_run_options o;
    fc_run_options_init(&o);
    o.path = FULCRUM_SHARED_DIR "/data/smp/inputs/dummyData_3Dim.csv";
    o.model = "smp";
    fc_run_result *all, *one;
    assert_int_equal(fc_run_forecast(&o, &all, &err), FC_OK);
    assert_int_equal(all->forecasts[0]->n_dims, 3);
    o.issue = "Pstn1";
    assert_int_equal(fc_run_forecast(&o, &one, &err), FC_OK);
    assert_int_equal(one->forecasts[0]->n_dims, 1);
    assert_int_equal(one->problem.n_dims, 1);
    /* Bargaining over one dimension is not bargaining over three. */
    assert_true(one->forecasts[0]->outcome[0] != all->forecasts[0]->outcome[0]);
    fc_run_result_free(all);
    fc_run_result_free(one);
}

static void test_forecast_matches_model_run(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    fc_run_options o;
    fc_run_options_init(&o);
    o.path = FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml"; /* one issue: no note */
    o.model = "eum";
    o.preset = "scholz-fixed";
    const char *settings[] = {"rounds=7"};
    o.settings = settings;
    o.n_settings = 1;
    fc_run_result *r;
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_OK);
    assert_int_equal(r->n_forecasts, 1);
    assert_int_equal(r->n_notes, 0);
    const fc_forecast *f = r->forecasts[0];
    assert_string_equal(f->model, "eum");
    assert_string_equal(f->preset, "scholz-fixed");
    fc_forecast *g;
    assert_int_equal(fc_model_run(&fc_model_eum, &r->problem, "scholz-fixed", settings, 1, &g, &err), FC_OK);
    assert_int_equal(f->n_rounds, g->n_rounds);
    assert_true(f->outcome[0] == g->outcome[0]);
    fc_forecast_free(g);
    fc_run_result_free(r);

    /* The model owns its label: a setting that moves eum off every preset reads "custom". */
    const char *full[] = {"q_term=full"};
    o.preset = NULL;
    o.settings = full;
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_OK);
    assert_string_equal(r->forecasts[0]->preset, "custom");
    fc_run_result_free(r);

    /* Settings errors name the option, not a flag. */
    const char *bad[] = {"q_term"};
    o.settings = bad;
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_EUSAGE);
    assert_string_equal(err.field, "settings");
    assert_null(r);
}

static void test_text_source_and_salience_note(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    fc_run_options o;
    fc_run_options_init(&o);
    o.path = EMISSION_CSV;
    o.model = "median";
    fc_run_result *r;
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_OK);
    /* The table is on 0-1 but read on 0-100: one note, with the option to change. */
    assert_int_equal(r->n_notes, 1);
    assert_int_equal(r->notes[0].kind, FC_NOTE_ADVICE);
    assert_string_equal(r->notes[0].field, "csv_salience_scale");
    assert_string_equal(r->notes[0].value, "1");
    assert_string_equal(r->notes[0].file, EMISSION_CSV);
    fc_run_result_free(r);
    o.csv_salience_scale = 1;
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_OK);
    assert_int_equal(r->n_notes, 0);
    fc_run_result_free(r);

    /* Text gives the same forecast as the file it came from. */
    size_t len;
    const char *text = fc_builtin_scenario_text(&len);
    fc_run_options_init(&o);
    o.text = text;
    o.text_len = len;
    o.text_name = "case.yaml";
    o.model = "compromise";
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_OK);
    fc_run_result *b;
    o.text = NULL;
    assert_int_equal(fc_run_forecast(&o, &b, &err), FC_OK);
    assert_true(r->forecasts[0]->outcome[0] == b->forecasts[0]->outcome[0]);
    fc_run_result_free(b);
    fc_run_result_free(r);
}

static void test_ktab_parameters(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    fc_problem p;
    fc_smp_options so;
    assert_int_equal(fc_run_load_ktab(KTAB_XML, &p, &so, &err), FC_OK);
    fc_forecast *direct;
    assert_int_equal(fc_smp_run(&p, &so, &direct, &err), FC_OK);
    fc_run_options o;
    fc_run_options_init(&o);
    o.path = KTAB_XML;
    o.model = "smp";
    fc_run_result *r;
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_OK);
    assert_int_equal(r->n_forecasts, 1);
    const fc_forecast *f = r->forecasts[0];
    assert_int_equal(f->n_rounds, direct->n_rounds);
    assert_int_equal(f->n_dims, direct->n_dims);
    for (size_t d = 0; d < f->n_dims; d++)
        assert_true(f->outcome[d] == direct->outcome[d]);
    fc_run_result_free(r);
    fc_forecast_free(direct);
    fc_problem_free(&p);
    fc_smp_options_clear(&so);
}

static void test_sweep_fallback(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc;
    fc_load_options lo;
    fc_load_options_init(&lo);
    lo.csv_salience_scale = 1;
    assert_int_equal(fc_scenario_load(EMISSION_CSV, &lo, &sc, &err), FC_OK);
    fc_default_uncertainty u, expect = sc->default_uncertainty;
    fc_run_note note;
    int noted = 0;
    assert_int_equal(fc_run_sweep_jitter(sc, NULL, &u, &note, &noted, &err), FC_OK);
    assert_int_equal(noted, 1);
    assert_string_equal(note.field, "jitter");
    assert_string_equal(note.value, FC_RUN_FALLBACK_JITTER);
    assert_int_equal(fc_sweep_parse_jitter(FC_RUN_FALLBACK_JITTER, &expect, &err), FC_OK);
    assert_true(u.position_sd == expect.position_sd && u.salience_sd == expect.salience_sd &&
                u.capability_sd == expect.capability_sd);
    /* A jitter given is used as given, and nothing is noted. */
    assert_int_equal(fc_run_sweep_jitter(sc, "position=3", &u, &note, &noted, &err), FC_OK);
    assert_int_equal(noted, 0);
    assert_true(u.position_sd == 3);
    assert_int_equal(fc_run_sweep_jitter(sc, "height=3", &u, NULL, NULL, &err), FC_EUSAGE);
    assert_string_equal(err.field, "jitter");
    fc_scenario_free(sc);
}

/* The same preset selects the same (model, preset) pairs in every analysis. */
static int has_pair(char pairs[][80], size_t n, const char *name, const char *preset)
{
    char want[80];
    snprintf(want, sizeof want, "%s:%s", name, preset ? preset : "");
    for (size_t i = 0; i < n; i++)
        if (strcmp(pairs[i], want) == 0)
            return 1;
    return 0;
}

static void test_same_pairs_everywhere(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    char forecast[16][80], dilemma[16][80], backtest[16][80];
    size_t nf = 0, nd = 0, nb = 0;

    fc_run_options o;
    fc_run_options_init(&o);
    o.preset = "scholz-fixed";
    fc_run_result *r;
    assert_int_equal(fc_run_forecast(&o, &r, &err), FC_OK);
    for (size_t i = 0; i < r->n_forecasts; i++) {
        const fc_forecast *f = r->forecasts[i];
        int has = fc_model_find(f->model)->presets != NULL;
        snprintf(forecast[nf++], 80, "%s:%s", f->model, has ? f->preset : "");
    }

    fc_dilemma_options dopt;
    fc_dilemma_options_init(&dopt);
    dopt.preset = "scholz-fixed";
    fc_dilemma *d;
    assert_int_equal(fc_dilemma_compute(r->scenario, &dopt, &d, &err), FC_OK);
    for (size_t i = 0; i < d->n_models; i++)
        snprintf(dilemma[nd++], 80, "%s:%s", d->models[i].name, d->models[i].preset);
    fc_dilemma_free(d);

    fc_deu_set *set;
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_COUNCIL_VOTES, &set, &err), FC_OK);
    fc_backtest_options bo;
    fc_backtest_options_init(&bo);
    bo.preset = "scholz-fixed";
    bo.n_boot = 10;
    fc_backtest_result *br;
    assert_int_equal(fc_backtest_run(set, &bo, &br, &err), FC_OK);
    for (size_t i = 0; i < br->n_models; i++)
        snprintf(backtest[nb++], 80, "%s:%s", br->models[i].name, br->models[i].preset);
    fc_backtest_result_free(br);
    fc_deu_set_free(set);

    /* The built-in case declares a status quo, so every one of the five runs everywhere. */
    assert_int_equal(nf, 5);
    assert_int_equal(nd, 5);
    assert_int_equal(nb, 5);
    const char *names[] = {"status-quo", "median", "compromise", "capability-mean"};
    for (size_t k = 0; k < 4; k++) {
        assert_true(has_pair(forecast, nf, names[k], NULL));
        assert_true(has_pair(dilemma, nd, names[k], NULL));
        assert_true(has_pair(backtest, nb, names[k], NULL));
    }
    assert_true(has_pair(forecast, nf, "eum", "scholz-fixed"));
    assert_true(has_pair(dilemma, nd, "eum", "scholz-fixed"));
    assert_true(has_pair(backtest, nb, "eum", "scholz-fixed"));

    /* The sweep runs one model: the same pair as a forecast of that model. */
    fc_sweep_options so;
    fc_sweep_options_init(&so);
    const fc_model *m;
    assert_int_equal(fc_run_one_model(NULL, "scholz-fixed", &m, &err), FC_OK);
    so.model = m;
    so.preset = "scholz-fixed";
    so.runs = 4;
    so.threads = 1;
    so.sensitivity = 0;
    fc_sweep_result *sr;
    assert_int_equal(fc_sweep_run(r->scenario, &so, &sr, &err), FC_OK);
    assert_string_equal(sr->model, "eum");
    assert_string_equal(sr->preset, "scholz-fixed");
    fc_sweep_result_free(sr);
    /* And it refuses a preset its model lacks, as the selection does. */
    so.model = &fc_model_smp;
    assert_int_equal(fc_sweep_run(r->scenario, &so, &sr, &err), FC_EUSAGE);
    assert_string_equal(err.field, "preset");
    fc_run_result_free(r);
}

static void test_runs_csv_dash_is_a_file(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc;
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml", NULL, &sc, &err), FC_OK);
    fc_sweep_options so;
    fc_sweep_options_init(&so);
    so.model = &fc_model_median;
    so.runs = 3;
    so.threads = 1;
    so.sensitivity = 0;
    fc_sweep_result *sr;
    assert_int_equal(fc_sweep_run(sc, &so, &sr, &err), FC_OK);
    char dir[] = "/tmp/fulcrum-run-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    assert_int_equal(fc_sweep_write_runs_csv(sr, "-", &err), FC_OK);
    FILE *f = fopen("-", "rb");
    assert_non_null(f);
    char head[64] = "";
    assert_non_null(fgets(head, sizeof head, f));
    fclose(f);
    assert_string_equal(head, "run,quantity,actor,issue,choice,value\n");
    assert_int_equal(unlink("-"), 0);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rmdir(dir), 0);
    fc_sweep_result_free(sr);
    fc_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_select_all),
        cmocka_unit_test(test_select_problem_filters),
        cmocka_unit_test(test_select_one),
        cmocka_unit_test(test_multi_issue_rule),
        cmocka_unit_test(test_ktab_one_dimension),
        cmocka_unit_test(test_forecast_matches_model_run),
        cmocka_unit_test(test_text_source_and_salience_note),
        cmocka_unit_test(test_ktab_parameters),
        cmocka_unit_test(test_sweep_fallback),
        cmocka_unit_test(test_same_pairs_everywhere),
        cmocka_unit_test(test_runs_csv_dash_is_a_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
