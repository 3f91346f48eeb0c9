/* Fulcrum's spatial model of politics against KTAB's own recorded runs: for every case in
 * shared/data/smp/reference/, load its input file, check that the parameters and seed
 * read from it are the ones KTAB ran with, run the model, and compare the number of
 * states, every position of every state (to 1e-9) and KTAB's logged win probabilities
 * (4 decimals). The numbers are read from the files at test time. */
#include <dirent.h>
#include <inttypes.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "fulcrum/fulcrum.h"

#define SMP_DIR FULCRUM_SHARED_DIR "/data/smp"

/* The reference files name the parameters as KTAB's log does. */
static const struct {
    const char *json_key, *option;
} param_keys[] = {
    {"VictoryProbModel", "vpm"},       {"ProbCondorcetElection", "pcem"},
    {"StateTransition", "stm"},        {"VotingRule", "vr"},
    {"BigRAdjust", "ra"},              {"BigRRange", "rr"},
    {"ThirdPartyCommit", "tpc"},       {"InterVecBrgn", "ivb"},
    {"BargnModel", "bm"},
};

static int option_code(const fc_smp_options *o, const char *key)
{
    if (!strcmp(key, "vpm")) return (int)o->vpm;
    if (!strcmp(key, "pcem")) return (int)o->pcem;
    if (!strcmp(key, "stm")) return (int)o->stm;
    if (!strcmp(key, "vr")) return (int)o->vr;
    if (!strcmp(key, "ra")) return (int)o->ra;
    if (!strcmp(key, "rr")) return (int)o->rr;
    if (!strcmp(key, "tpc")) return (int)o->tpc;
    if (!strcmp(key, "ivb")) return (int)o->ivb;
    return (int)o->bm;
}

/* Runs one reference case; returns the number of failures. */
static int check_case(const char *json_path, double *worst)
{
    json_error_t jerr;
    json_t *ref = json_load_file(json_path, 0, &jerr);
    if (!ref) {
        print_error("%s: %s\n", json_path, jerr.text);
        return 1;
    }
    int fails = 0;
    const char *input = json_string_value(json_object_get(ref, "input"));
    char in_path[1024];
    snprintf(in_path, sizeof in_path, "%s/inputs/%s", SMP_DIR, input ? input : "?");
    fc_problem p;
    fc_smp_options o;
    fc_error err;
    fc_error_clear(&err);
    if (fc_run_load_ktab(in_path, &p, &o, &err) != FC_OK) {
        char msg[1024];
        fc_error_format(&err, msg, sizeof msg);
        print_error("%s: %s\n", json_path, msg);
        json_decref(ref);
        return 1;
    }
    /* The parameters and seed the file asks for are those KTAB ran with. */
    json_t *params = json_object_get(ref, "params");
    for (size_t k = 0; k < sizeof param_keys / sizeof param_keys[0]; k++) {
        const char *want = json_string_value(json_object_get(params, param_keys[k].json_key));
        const char *got = fc_smp_enum_name(param_keys[k].option, option_code(&o, param_keys[k].option));
        if (!want || !got || strcmp(want, got) != 0) {
            print_error("%s: %s is %s, KTAB ran %s\n", input, param_keys[k].json_key,
                        got ? got : "?", want ? want : "?");
            fails++;
        }
    }
    const char *seed = json_string_value(json_object_get(ref, "seed"));
    if (!seed || strtoull(seed, NULL, 10) != o.seed) {
        print_error("%s: seed %" PRIu64 ", KTAB ran %s\n", input, o.seed, seed ? seed : "?");
        fails++;
    }
    fc_forecast *f = NULL;
    if (fc_smp_run(&p, &o, &f, &err) != FC_OK) {
        char msg[1024];
        fc_error_format(&err, msg, sizeof msg);
        print_error("%s: run failed: %s\n", input, msg);
        fails++;
        goto out;
    }
    size_t n_states = (size_t)json_integer_value(json_object_get(ref, "n_states"));
    json_t *pos = json_object_get(ref, "positions");
    json_t *win = json_object_get(ref, "win_prob_4dp");
    if (f->n_rounds + 1 != n_states || json_array_size(pos) != n_states) {
        print_error("%s: %zu states, KTAB %zu\n", input, f->n_rounds + 1, n_states);
        fails++;
    }
    const fc_series *wp = fc_forecast_find_series(f, "win_prob");
    size_t T = f->n_rounds + 1 < json_array_size(pos) ? f->n_rounds + 1 : json_array_size(pos);
    double max_diff = 0.0, max_wdiff = 0.0;
    for (size_t t = 0; t < T; t++) {
        const double *x = fc_forecast_positions_at(f, t);
        json_t *st = json_array_get(pos, t), *wt = json_array_get(win, t);
        if (json_array_size(st) != p.n_actors) {
            print_error("%s: state %zu has %zu actors in the reference\n", input, t,
                        json_array_size(st));
            fails++;
            break;
        }
        for (size_t i = 0; i < p.n_actors; i++) {
            json_t *xi = json_array_get(st, i);
            for (size_t d = 0; d < p.n_dims; d++) {
                double diff = fabs(x[i * p.n_dims + d] - json_number_value(json_array_get(xi, d)));
                if (!(diff <= max_diff))
                    max_diff = diff;
            }
            if (wp && wt) {
                double wd = fabs(wp->values[t * p.n_actors + i] -
                                 json_number_value(json_array_get(wt, i)));
                if (!(wd <= max_wdiff))
                    max_wdiff = wd;
            }
        }
    }
    if (!(max_diff <= 1e-9)) {
        print_error("%s: positions differ from KTAB's by up to %g\n", input, max_diff);
        fails++;
    }
    /* KTAB logs win probabilities with %.4f. */
    if (!wp || !(max_wdiff <= 0.5e-4 + 1e-9)) {
        print_error("%s: win probabilities differ from KTAB's log by up to %g\n", input,
                    max_wdiff);
        fails++;
    }
    if (max_diff > *worst)
        *worst = max_diff;
    print_message("%-28s %3zu states (KTAB %3zu)  max |dx| = %g  max |dwin| = %.2g\n", input,
                  f->n_rounds + 1, n_states, max_diff, max_wdiff);
out:
    fc_forecast_free(f);
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
    json_decref(ref);
    return fails;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_every_reference_case(void **state)
{
    (void)state;
    DIR *dir = opendir(SMP_DIR "/reference");
    assert_non_null(dir);
    char *names[256];
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(dir)) && count < 256) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0)
            names[count++] = strdup(e->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, by_name);
    /* The folder held 14 cases when this test was written; fewer means data went missing. */
    assert_true(count >= 14);
    int fails = 0;
    double worst = 0.0;
    for (size_t k = 0; k < count; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/reference/%s", SMP_DIR, names[k]);
        fails += check_case(path, &worst);
        free(names[k]);
    }
    print_message("%zu cases, largest position difference %g\n", count, worst);
    assert_int_equal(fails, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_reference_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
