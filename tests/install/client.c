/* A program outside the project, built against the installed library (tests/install/): it loads
 * the built-in scenario and forecasts it through the public API only. The expected outcomes are
 * those of its first issue in tests/golden/azerbaijan-2014-forecast.txt (median 70, compromise
 * 55.26). */
#include <math.h>
#include <stdio.h>

#include <fulcrum/fulcrum.h>

static int forecast(const fc_problem *p, const char *name, double *outcome)
{
    fc_error err;
    fc_error_clear(&err);
    fc_forecast *f = NULL;
    if (fc_model_run(fc_model_find(name), p, NULL, NULL, 0, &f, &err) != FC_OK) {
        fprintf(stderr, "%s: %s\n", name, err.message);
        return 1;
    }
    *outcome = f->outcome[0];
    printf("%s %.2f\n", name, *outcome);
    fc_forecast_free(f);
    return 0;
}

int main(void)
{
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc = NULL;
    if (fc_scenario_load_builtin(&sc, &err) != FC_OK) {
        fprintf(stderr, "built-in scenario: %s\n", err.message);
        return 1;
    }
    fc_problem p;
    if (fc_problem_from_scenario(&p, sc, NULL, 0, &err) != FC_OK) {
        fprintf(stderr, "problem: %s\n", err.message);
        fc_scenario_free(sc);
        return 1;
    }
    double median = 0, compromise = 0;
    int rc = forecast(&p, "median", &median) || forecast(&p, "compromise", &compromise);
    fc_problem_free(&p);
    fc_scenario_free(sc);
    if (rc)
        return 1;
    if (median != 70.0 || fabs(compromise - 55.26) > 0.005) {
        fprintf(stderr, "unexpected forecast: median %.17g, compromise %.17g\n", median, compromise);
        return 1;
    }
    return 0;
}
