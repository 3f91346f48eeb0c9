/* The bargaining models of the DEU literature on the shared development half: the spatial
 * model forecasts every issue with its fallback (and refuses KTAB's 64 with range_check=refuse),
 * the Nash bargaining solution, the procedural and exchange models on hand-worked cases, the
 * cross-validation, and that no outcome leaks into a forecast. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

#define DEU_DEV FULCRUM_SHARED_DIR "/data/deu/deu_dev.tsv"

static fc_deu_set *load_dev(void)
{
    fc_deu_set *set = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_COUNCIL_VOTES, &set, &err), FC_OK);
    return set;
}

static fc_backtest_result *run(const fc_deu_set *set, const char *const *models, size_t n,
                               const char *const *settings, size_t n_settings)
{
    fc_backtest_options o;
    fc_backtest_options_init(&o);
    o.models = models;
    o.n_models = n;
    o.settings = settings;
    o.n_settings = n_settings;
    o.n_boot = 0;
    fc_backtest_result *r = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_backtest_run(set, &o, &r, &err);
    if (st)
        fprintf(stderr, "%s\n", err.message);
    assert_int_equal(st, FC_OK);
    return r;
}

static const fc_backtest_model *find_model(const fc_backtest_result *r, const char *name)
{
    for (size_t k = 0; k < r->n_models; k++)
        if (strcmp(r->models[k].name, name) == 0)
            return &r->models[k];
    return NULL;
}

/* "all" (fc_models) holds the default forecasters only; the DEU models come after them in
 * fc_models_all, run only when named, and are found by name. */
static void test_table(void **state)
{
    (void)state;
    size_t n = 0, n_all = 0;
    const fc_model *const *m = fc_models(&n);
    const fc_model *const *all = fc_models_all(&n_all);
    assert_true(n_all == n + 3);
    for (size_t i = 0; i < n_all; i++) {
        assert_int_equal(all[i]->on_request, i >= n);
        if (i < n)
            assert_ptr_equal(all[i], m[i]);
        assert_ptr_equal(fc_model_find(all[i]->name), all[i]);
    }
    assert_ptr_equal(fc_model_find("nbs"), &fc_model_nbs);
    assert_ptr_equal(fc_model_find("procedural"), &fc_model_procedural);
    assert_ptr_equal(fc_model_find("exchange"), &fc_model_exchange);
    assert_int_equal(fc_model_exchange.joint_issues, 1);
    assert_int_equal(fc_model_procedural.uses_procedure, 1);
}

/* KTAB stops on 64 of the 180 issues (and 27 of those have an actor without salience); the
 * fallback forecasts all 180, and on the 116 KTAB completes it gives the same bits. */
static void test_smp_every_issue(void **state)
{
    (void)state;
    fc_deu_set *set = load_dev();
    const char *models[] = {"smp"};
    const char *refuse[] = {"smp.range_check=refuse"};
    fc_backtest_result *a = run(set, models, 1, NULL, 0);
    fc_backtest_result *b = run(set, models, 1, refuse, 1);
    const fc_backtest_model *fa = find_model(a, "smp"), *fb = find_model(b, "smp");
    assert_int_equal(fa->all.n, 180);
    assert_int_equal(fa->n_failed, 0);
    assert_int_equal(fb->all.n, 116);
    assert_int_equal(fb->n_failed, 64);
    size_t same = 0;
    for (size_t i = 0; i < set->n_issues; i++)
        if (!isnan(fb->forecast[i])) {
            assert_true(fa->forecast[i] == fb->forecast[i]);
            same++;
        }
    assert_int_equal(same, 116);
    fc_backtest_result_free(a);
    fc_backtest_result_free(b);
    fc_deu_set_free(set);
}

/* A one-issue problem on 0..100 with n actors. */
static void issue(fc_problem *p, size_t n, const double *x, const double *c, const double *s, double rp)
{
    assert_int_equal(fc_problem_init(p, n, 1, NULL), FC_OK);
    p->scale_min[0] = 0;
    p->scale_max[0] = 100;
    p->status_quo[0] = rp;
    static const char *ids[] = {"com", "ep", "de", "fr", "it", "uk", "es", "nl"};
    for (size_t i = 0; i < n; i++) {
        p->capability[i] = c[i];
        p->position[i] = x[i];
        p->salience[i] = s[i];
        free(p->actor_ids[i]);
        p->actor_ids[i] = strdup(ids[i]);
    }
}

static double forecast1(const char *model, const fc_problem *p, const char *const *settings, size_t n,
                        fc_status want)
{
    fc_forecast *f = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_model_run(fc_model_find(model), p, NULL, settings, n, &f, &err);
    if (st != want)
        fprintf(stderr, "%s: %s\n", model, err.message);
    assert_int_equal(st, want);
    double v = f ? f->outcome[0] : NAN;
    fc_forecast_free(f);
    return v;
}

static void near(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol)) {
        fprintf(stderr, "got %.10f, want %.10f\n", got, want);
        fail();
    }
}

/* Hand-worked (docs/models/nbs.md): ideals 60 and 100 on 0..100, reference point 0. Quadratic
 * losses, equal weights: the slope of log x(1.2-x) + log x(2-x) vanishes at x^2 - 2.4x + 1.2 = 0,
 * x = 1.2 - sqrt(0.24); capabilities 2 and 1: 3x^2 - 7.4x + 3.6 = 0, x = 2/3. Linear losses:
 * below 0.6 the gains are x and x (slope 2/x > 0), above it 1.2-x and x (slope
 * 1/x - 1/(1.2-x) < 0), so the maximum is the kink at 60. */
static void test_nbs_hand_worked(void **state)
{
    (void)state;
    fc_problem p;
    const double x[3] = {60, 100, 30}, one[3] = {1, 1, 1}, c21[3] = {2, 1, 1}, s[3] = {0.5, 1, 0.2};
    issue(&p, 2, x, one, one, 0);
    near(forecast1("nbs", &p, NULL, 0, FC_OK), 100 * (1.2 - sqrt(0.24)), 1e-9);
    const char *linear[] = {"utility=linear"};
    near(forecast1("nbs", &p, linear, 1, FC_OK), 60, 1e-9);
    fc_problem_free(&p);
    issue(&p, 2, x, c21, one, 0);
    near(forecast1("nbs", &p, NULL, 0, FC_OK), 200.0 / 3, 1e-9);
    fc_problem_free(&p);

    /* Ideals on both sides of the reference point: only disagreement is individually
     * rational, so the solution is the reference point. */
    const double y[2] = {20, 80};
    issue(&p, 2, y, one, one, 50);
    near(forecast1("nbs", &p, NULL, 0, FC_OK), 50, 0);
    /* No reference point: refused, unless a breakdown cost gives something to bargain over. */
    p.status_quo[0] = NAN;
    forecast1("nbs", &p, NULL, 0, FC_EINPUT);
    fc_problem_free(&p);

    /* A large breakdown cost drowns the reference point: the compromise model (Achen's
     * derivation), here (2*0.5*60 + 100 + 0.2*30) / 2.2. */
    issue(&p, 3, x, c21, s, 50);
    const char *far[] = {"breakdown=1e9"};
    near(forecast1("nbs", &p, far, 1, FC_OK), (60 + 100 + 6) / 2.2, 1e-6);
    near(forecast1("compromise", &p, NULL, 0, FC_OK), (60 + 100 + 6) / 2.2, 1e-9);
    const char *bad[] = {"breakdown=-1"};
    forecast1("nbs", &p, bad, 1, FC_EUSAGE);
    fc_problem_free(&p);
}

/* Hand-worked (docs/models/procedural.md): Commission 90, Parliament 70; four members of 10
 * votes at 60, 40, 80, 20; reference point 30. A qualified majority (71% of 40 = 28.4) needs
 * three members: to the right of 30 they accept up to 130 (it), 90 (de), 50 (fr), so the win
 * set reaches 50; to the left only uk (up to 10), too few. The Commission proposes 50. */
static void test_procedural_hand_worked(void **state)
{
    (void)state;
    fc_problem p;
    const double x[6] = {90, 70, 60, 40, 80, 20}, c[6] = {10, 10, 10, 10, 10, 10};
    const double s[6] = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
    issue(&p, 6, x, c, s, 30);
    near(forecast1("procedural", &p, NULL, 0, FC_OK), 50, 0);
    const char *cod[] = {"procedure=codecision"};
    near(forecast1("procedural", &p, cod, 1, FC_OK), 50, 0);
    /* The Parliament at 35 accepts only 30..40: the Commission gets 40. */
    p.position[1] = 35;
    near(forecast1("procedural", &p, cod, 1, FC_OK), 40, 0);
    /* Under consultation the Parliament does not count. */
    near(forecast1("procedural", &p, NULL, 0, FC_OK), 50, 0);
    /* Unanimity: uk (20) accepts nothing right of 30, the others nothing left: rp stays. */
    const char *unan[] = {"voting_rule=unanimity"};
    near(forecast1("procedural", &p, unan, 1, FC_OK), 30, 0);
    /* A simple majority (half the votes) needs two members: it and de accept up to 90, but
     * the members' range ends at 80 (beyond it all would rather have 80 and would amend the
     * proposal unanimously), so the Commission gets 80, not its 90. */
    const char *half[] = {"qmv_threshold=0.5"};
    near(forecast1("procedural", &p, half, 1, FC_OK), 80, 0);
    /* The Commission inside the win set gets its ideal. */
    p.position[0] = 45;
    near(forecast1("procedural", &p, NULL, 0, FC_OK), 45, 0);
    const char *bad[] = {"procedure=cooperation"};
    forecast1("procedural", &p, bad, 1, FC_EUSAGE);
    p.status_quo[0] = NAN;
    forecast1("procedural", &p, NULL, 0, FC_EINPUT);
    fc_problem_free(&p);
}

/* Hand-worked (docs/models/exchange.md): A at (0, 0) caring for issue a (0.8, 0.2), B at
 * (100, 100) caring for b (0.2, 0.8), C at (50, 50) (0.5, 0.5), equal capabilities. The
 * compromise model gives (30, 70). A and B trade: B gives ground on a, A on b, each time as
 * far as the first reaches the outcome; the trades converge to B at O_a and A at O_b with
 * O_a = (0.2 O_a + 25) / 1.5 = 25 / 1.3 and O_b = (0.2 O_b + 105) / 1.5 = 105 / 1.3. */
static void test_exchange_hand_worked(void **state)
{
    (void)state;
    fc_problem p;
    assert_int_equal(fc_problem_init(&p, 3, 2, NULL), FC_OK);
    const double x[6] = {0, 0, 100, 100, 50, 50}, s[6] = {0.8, 0.2, 0.2, 0.8, 0.5, 0.5};
    for (size_t d = 0; d < 2; d++) {
        p.scale_min[d] = 0;
        p.scale_max[d] = 100;
        p.status_quo[d] = NAN;
    }
    for (size_t i = 0; i < 3; i++) {
        p.capability[i] = 1;
        for (size_t d = 0; d < 2; d++) {
            p.position[i * 2 + d] = x[i * 2 + d];
            p.salience[i * 2 + d] = s[i * 2 + d];
        }
    }
    fc_forecast *f = NULL;
    fc_error err;
    assert_int_equal(fc_model_run(&fc_model_exchange, &p, NULL, NULL, 0, &f, &err), FC_OK);
    near(f->outcome[0], 25 / 1.3, 1e-6);
    near(f->outcome[1], 105 / 1.3, 1e-6);
    assert_true(f->converged);
    fc_forecast_free(f);
    /* One exchange only: B moves to 30 on a, A to 70 on b: (31 / 1.5, 119 / 1.5). */
    const char *one[] = {"max_exchanges=1"};
    assert_int_equal(fc_model_run(&fc_model_exchange, &p, NULL, one, 1, &f, &err), FC_OK);
    near(f->outcome[0], 31 / 1.5, 1e-9);
    near(f->outcome[1], 119 / 1.5, 1e-9);
    fc_forecast_free(f);
    /* No exchange: the compromise model. A fixed actor trades nothing. */
    const char *none[] = {"max_exchanges=0"};
    assert_int_equal(fc_model_run(&fc_model_exchange, &p, NULL, none, 1, &f, &err), FC_OK);
    near(f->outcome[0], 30, 1e-9);
    near(f->outcome[1], 70, 1e-9);
    fc_forecast_free(f);
    p.fixed = calloc(3, 1);
    p.fixed[1] = 1;
    assert_int_equal(fc_model_run(&fc_model_exchange, &p, NULL, NULL, 0, &f, &err), FC_OK);
    near(f->outcome[0], 30, 1e-9);
    fc_forecast_free(f);
    fc_problem_free(&p);
}

/* On DEU the exchange model sees every issue of a proposal at once: where a proposal has one
 * issue there is nothing to trade and it equals the compromise model. The procedural model
 * reads each issue's procedure: with the procedure forced to consultation, the codecision
 * issues change and the others do not. */
static void test_deu_structure(void **state)
{
    (void)state;
    fc_deu_set *set = load_dev();
    size_t cod = 0, cns = 0, qmv = 0, unan = 0;
    for (size_t i = 0; i < set->n_issues; i++) {
        cod += set->issues[i].procedure == FC_DEU_CODECISION;
        cns += set->issues[i].procedure == FC_DEU_CONSULTATION;
        qmv += set->issues[i].voting_rule == FC_DEU_QMV;
        unan += set->issues[i].voting_rule == FC_DEU_UNANIMITY;
    }
    assert_int_equal(cod + cns, 180);
    assert_int_equal(qmv + unan, 180);
    const char *models[] = {"exchange", "procedural"};
    fc_backtest_result *r = run(set, models, 2, NULL, 0);
    const char *force[] = {"procedural.procedure=consultation"};
    fc_backtest_result *r2 = run(set, models + 1, 1, force, 1);
    const fc_backtest_model *c = find_model(r, "compromise"), *x = find_model(r, "exchange");
    const fc_backtest_model *pr = find_model(r, "procedural"), *pc = find_model(r2, "procedural");
    assert_int_equal(x->all.n, 180);
    size_t singles = 0, moved = 0, changed_cns = 0, changed_cod = 0;
    for (size_t i = 0; i < set->n_issues; i++) {
        size_t same = 0;
        for (size_t k = 0; k < set->n_issues; k++)
            same += strcmp(set->issues[k].proposal, set->issues[i].proposal) == 0;
        if (same == 1) {
            near(x->forecast[i], c->forecast[i], 1e-9);
            singles++;
        } else
            moved += fabs(x->forecast[i] - c->forecast[i]) > 1e-6;
        if (!isnan(pr->forecast[i]) && !isnan(pc->forecast[i]) && pr->forecast[i] != pc->forecast[i])
        {
            changed_cns += set->issues[i].procedure == FC_DEU_CONSULTATION;
            changed_cod += set->issues[i].procedure == FC_DEU_CODECISION;
        }
    }
    assert_true(changed_cod > 0);
    assert_true(singles > 0);
    assert_true(moved > 0);
    assert_int_equal(changed_cns, 0);
    fc_backtest_result_free(r);
    fc_backtest_result_free(r2);
    fc_deu_set_free(set);
}

static fc_backtest_cv_result *cv(const fc_deu_set *set, const char *const *families, size_t n)
{
    fc_backtest_cv_options o;
    fc_backtest_cv_options_init(&o);
    o.families = families;
    o.n_families = n;
    o.n_boot = 200;
    fc_backtest_cv_result *r = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_backtest_cv(set, &o, &r, &err);
    if (st)
        fprintf(stderr, "%s\n", err.message);
    assert_int_equal(st, FC_OK);
    return r;
}

/* The figures of docs/accuracy.md, which a separate script computed: the compromise model's
 * 20.74 and the salience exponent's family, b = 0 chosen in every one of the 68 folds, 20.02. A
 * family of one candidate is its own backtest. */
static void test_cv_figures(void **state)
{
    (void)state;
    fc_deu_set *set = load_dev();
    const char *fams[] = {"compromise", "capability-mean,salience_exponent=0/0.25/0.5/0.75/1", "median"};
    fc_backtest_cv_result *r = cv(set, fams, 3);
    assert_int_equal(r->n_common, 180);
    assert_int_equal(r->n_folds, 68);
    near(r->baseline_mae, 20.7419, 5e-5);
    near(r->families[0].cv_mae, r->baseline_mae, 0);
    assert_true(r->families[0].diff_mae == 0);
    near(r->families[1].cv_mae, 20.02, 0.005);
    assert_int_equal(r->families[1].n_candidates, 5);
    assert_string_equal(r->families[1].chosen_most, "salience_exponent=0");
    assert_int_equal(r->families[1].chosen_most_folds, 68);
    near(r->families[2].cv_mae, 25.1333, 5e-5);
    /* Nested: the median never wins a fold; the figure is that of the family chosen. */
    assert_int_equal(r->family_folds[2], 0);
    assert_int_equal(r->family_folds[0] + r->family_folds[1], 68);
    assert_true(r->nested.cv_mae >= 20.02 - 0.005 && r->nested.cv_mae <= 20.75);
    assert_true(r->families[1].diff_lo < r->families[1].diff_mae && r->families[1].diff_mae < r->families[1].diff_hi);
    fc_backtest_cv_result_free(r);

    /* A family that fails on some issues narrows every figure to the issues all forecast. */
    const char *narrow[] = {"compromise", "nbs,breakdown=0/1"};
    r = cv(set, narrow, 2);
    assert_int_equal(r->n_common, 130);
    fc_backtest_cv_result_free(r);
    const char *bad[] = {"compromise", "oracle,k=1"};
    fc_backtest_cv_options o;
    fc_backtest_cv_options_init(&o);
    o.families = bad;
    o.n_families = 2;
    fc_backtest_cv_result *none = NULL;
    fc_error err;
    assert_int_equal(fc_backtest_cv(set, &o, &none, &err), FC_EUSAGE);
    assert_null(none);
    fc_deu_set_free(set);
}

/* No outcome leaks into a forecast: with every outcome shuffled among the issues, every model
 * gives the same forecasts bit for bit; and in the cross-validation, changing the outcomes of
 * one proposal changes no forecast of that proposal's issues (its own family's and the nested
 * selection's), since the choices for its fold never see them. */
static void test_no_leakage(void **state)
{
    (void)state;
    fc_deu_set *set = load_dev();
    size_t n = set->n_issues;
    const char *models[] = {"capability-mean", "nbs", "procedural", "exchange", "smp", "median"};
    const char *settings[] = {"nbs.breakdown=1"};
    fc_backtest_result *a = run(set, models, 6, settings, 1);
    double *saved = malloc(n * sizeof *saved);
    for (size_t i = 0; i < n; i++)
        saved[i] = set->issues[i].outcome;
    /* A fixed permutation (Fisher-Yates with a small LCG). */
    unsigned long long x = 12345;
    for (size_t i = n - 1; i > 0; i--) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t j = (size_t)((x >> 33) % (i + 1));
        double t = set->issues[i].outcome;
        set->issues[i].outcome = set->issues[j].outcome;
        set->issues[j].outcome = t;
    }
    size_t moved = 0;
    for (size_t i = 0; i < n; i++)
        moved += set->issues[i].outcome != saved[i];
    assert_true(moved > n / 2);
    fc_backtest_result *b = run(set, models, 6, settings, 1);
    assert_int_equal(a->n_models, b->n_models);
    for (size_t k = 0; k < a->n_models; k++)
        for (size_t i = 0; i < n; i++)
            assert_memory_equal(&a->models[k].forecast[i], &b->models[k].forecast[i], sizeof(double));
    fc_backtest_result_free(a);
    fc_backtest_result_free(b);
    for (size_t i = 0; i < n; i++)
        set->issues[i].outcome = saved[i];

    const char *fams[] = {"compromise", "capability-mean,salience_exponent=0/0.5/1,capability_exponent=0/1",
                          "exchange,max_exchanges=0/3/1000"};
    fc_backtest_cv_result *r1 = cv(set, fams, 3);
    /* Every issue of each of three proposals gets the outcome mirrored (100 - outcome). */
    const char *props[3] = {set->issues[0].proposal, set->issues[n / 2].proposal, set->issues[n - 1].proposal};
    for (int q = 0; q < 3; q++) {
        for (size_t i = 0; i < n; i++)
            if (strcmp(set->issues[i].proposal, props[q]) == 0)
                set->issues[i].outcome = 100 - saved[i];
        fc_backtest_cv_result *r2 = cv(set, fams, 3);
        for (size_t i = 0; i < n; i++) {
            if (strcmp(set->issues[i].proposal, props[q]) != 0)
                continue;
            for (size_t f = 0; f < 3; f++)
                assert_memory_equal(&r1->families[f].forecast[i], &r2->families[f].forecast[i], sizeof(double));
            assert_memory_equal(&r1->nested.forecast[i], &r2->nested.forecast[i], sizeof(double));
        }
        fc_backtest_cv_result_free(r2);
        for (size_t i = 0; i < n; i++)
            set->issues[i].outcome = saved[i];
    }
    fc_backtest_cv_result_free(r1);
    free(saved);
    fc_deu_set_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_smp_every_issue),
        cmocka_unit_test(test_nbs_hand_worked),
        cmocka_unit_test(test_procedural_hand_worked),
        cmocka_unit_test(test_exchange_hand_worked),
        cmocka_unit_test(test_deu_structure),
        cmocka_unit_test(test_cv_figures),
        cmocka_unit_test(test_no_leakage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
