/* The DEU backtest: the reference figures on the shared development half (computed
 * independently, scripts/deu_reference.py), the built-in Council weights against
 * council_votes.csv, skips and eras of the reader, malformed tables, and figures that do not
 * depend on the thread count. */
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
#define VOTES_CSV FULCRUM_SHARED_DIR "/data/deu/council_votes.csv"

static const fc_backtest_model *find_model(const fc_backtest_result *r, const char *name)
{
    for (size_t k = 0; k < r->n_models; k++)
        if (strcmp(r->models[k].name, name) == 0)
            return &r->models[k];
    return NULL;
}

static fc_backtest_result *run(const fc_deu_set *set, const char *const *models, size_t n, int threads,
                               uint64_t seed)
{
    fc_backtest_options o;
    fc_backtest_options_init(&o);
    o.models = models;
    o.n_models = n;
    o.threads = threads;
    o.seed = seed;
    o.n_boot = 500;
    fc_backtest_result *r = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_backtest_run(set, &o, &r, &err);
    if (st)
        fprintf(stderr, "%s\n", err.message);
    assert_int_equal(st, FC_OK);
    return r;
}

/* The figures the issue names: council votes, 180 issues, compromise 20.74, median 25.13. */
static void test_reference_council_votes(void **state)
{
    (void)state;
    fc_deu_set *set = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_COUNCIL_VOTES, &set, &err), FC_OK);
    assert_int_equal(set->n_rows, 188);
    assert_int_equal(set->n_issues, 180);
    assert_int_equal(set->n_skipped_no_outcome, 8);
    assert_int_equal(set->n_skipped_few_actors, 0);
    const char *models[] = {"compromise", "median"};
    fc_backtest_result *r = run(set, models, 2, 0, 1);
    const fc_backtest_model *c = find_model(r, "compromise"), *m = find_model(r, "median");
    assert_non_null(c);
    assert_non_null(m);
    assert_int_equal(c->all.n, 180);
    assert_int_equal(m->all.n, 180);
    assert_true(fabs(c->all.mae - 20.74) < 0.01);
    assert_true(fabs(m->all.mae - 25.13) < 0.01);
    /* The eras partition the issues, and their MAEs average to the whole. */
    size_t n = 0;
    double s = 0;
    for (int e = 0; e < FC_DEU_N_ERAS; e++) {
        n += c->era[e].n;
        s += c->era[e].mae * (double)c->era[e].n;
    }
    assert_int_equal(n, 180);
    assert_true(fabs(s / 180 - c->all.mae) < 1e-9);
    /* The baseline against itself: zero, with a zero-width interval. */
    assert_true(c->diff_mae == 0 && c->diff_lo == 0 && c->diff_hi == 0);
    /* The median's difference is its MAE minus the compromise's, inside its interval. */
    assert_true(fabs(m->diff_mae - (m->all.mae - c->all.mae)) < 1e-9);
    assert_true(m->diff_lo < m->diff_mae && m->diff_mae < m->diff_hi);
    assert_true(c->all.rmse >= c->all.mae);
    fc_backtest_result_free(r);
    fc_deu_set_free(set);
}

/* Equal capabilities (scripts/deu_reference.py: 21.3876 and 26.5056). The median's figure
 * also checks that the half-weight tie survives saliences scaled to 0..1. */
static void test_reference_equal(void **state)
{
    (void)state;
    fc_deu_set *set = NULL;
    fc_error err;
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_EQUAL, &set, &err), FC_OK);
    for (size_t i = 0; i < set->n_issues; i++)
        for (size_t a = 0; a < set->issues[i].problem.n_actors; a++)
            assert_true(set->issues[i].problem.capability[a] == 1);
    const char *models[] = {"compromise", "median"};
    fc_backtest_result *r = run(set, models, 2, 0, 1);
    assert_true(fabs(find_model(r, "compromise")->all.mae - 21.3876) < 1e-4);
    assert_true(fabs(find_model(r, "median")->all.mae - 26.5056) < 1e-4);
    fc_backtest_result_free(r);
    fc_deu_set_free(set);
}

/* The compiled-in weights are the shared table's. */
static void test_council_weights(void **state)
{
    (void)state;
    FILE *f = fopen(VOTES_CSV, "r");
    assert_non_null(f);
    char line[256];
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "actor,", 6) == 0)
            continue;
        char actor[8] = "";
        char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        assert_non_null(c2);
        snprintf(actor, sizeof actor, "%.*s", (int)(c1 - line), line);
        double pre = c2 == c1 + 1 ? 0 : atof(c1 + 1);
        double nice = atof(c2 + 1);
        assert_true(fc_deu_council_weight(actor, 0) == pre);
        assert_true(fc_deu_council_weight(actor, 1) == nice);
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 28);
    assert_true(fc_deu_council_weight("com", 1) == 0);
}

#define HEADER "\"prnr\"\t\"isnr\"\t\"intro\"\t\"pcom\"\t\"pde\"\t\"pfr\"\t\"puk\"\t\"scom\"\t\"sde\"\t\"sfr\"\t\"suk\"\t\"rp\"\t\"out\"\n"

static fc_status parse(const char *text, fc_deu_capabilities caps, fc_deu_set **set, fc_error *err)
{
    fc_error_clear(err);
    return fc_deu_parse(text, strlen(text), "t.tsv", caps, set, err);
}

/* Skips, years (garbled dates, 999), eras, capabilities, the reference point. */
static void test_reader(void **state)
{
    (void)state;
    const char *text = HEADER
        "\"d99001\"\t\"d99001i1\"\t\"13-03-99\"\t100\t0\t50\t0\t80\t50\t50\t100\t0\t50\n"
        "\"n05002\"\t\"n05002i1\"\t\"2018-10-05\"\t0\t100\t100\t\t50\t50\t50\t\t\t100\n"
        "\r\n"
        "\"n05002\"\t\"n05002i2\"\t\"2018-10-05\"\t0\t100\t\t\t50\t50\t\t\t0\t100\n"
        "\"d12003\"\t\"d12003i1\"\t\"999\"\t40\t60\t80\t20\t50\t50\t50\t50\t40\t\n"
        "\"d12004\"\t\"d12004i1\"\t\"999\"\t40\t60\t80\t20\t50\t50\t50\t50\t40\t45\n";
    fc_deu_set *set = NULL;
    fc_error err;
    assert_int_equal(parse(text, FC_DEU_COUNCIL_VOTES, &set, &err), FC_OK);
    assert_int_equal(set->n_rows, 5);
    assert_int_equal(set->n_issues, 3);
    assert_int_equal(set->n_skipped_no_outcome, 1);
    assert_int_equal(set->n_skipped_few_actors, 1);
    assert_int_equal(set->n_proposals, 3);
    const fc_deu_issue *a = &set->issues[0], *b = &set->issues[1], *c = &set->issues[2];
    assert_string_equal(a->id, "d99001i1");
    assert_int_equal(a->year, 1999);
    assert_int_equal(a->era, FC_DEU_ERA_TO_2000);
    assert_int_equal(a->line, 2);
    assert_int_equal(b->year, 2005);  /* the last '-' field of a garbled date */
    assert_int_equal(b->era, FC_DEU_ERA_2001_2010);
    assert_true(isnan(b->reference_point) && isnan(b->problem.status_quo[0]));
    assert_int_equal(c->year, 2012);  /* 999: from the proposal id */
    assert_int_equal(c->era, FC_DEU_ERA_AFTER_2010);
    assert_true(c->reference_point == 40 && c->outcome == 45);
    /* Pre-Nice: de 10, fr 10, uk 10, the Commission the largest present, 10. */
    assert_int_equal(a->problem.n_actors, 4);
    assert_string_equal(a->problem.actor_ids[0], "com");
    assert_true(a->problem.capability[0] == 10 && a->problem.capability[1] == 10);
    assert_true(a->problem.salience[0] == 0.8);
    /* Nice, only de and fr present among the states: 29 each and for the Commission. */
    assert_int_equal(b->problem.n_actors, 3);
    assert_true(b->problem.capability[0] == 29 && b->problem.capability[2] == 29);
    fc_deu_set_free(set);
    /* A byte-order mark before the header is no part of the first column's name. */
    char bom[1024];
    snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s", HEADER
             "\"d99001\"\t\"d99001i1\"\t\"13-03-99\"\t100\t0\t50\t0\t80\t50\t50\t100\t0\t50\n");
    assert_int_equal(parse(bom, FC_DEU_EQUAL, &set, &err), FC_OK);
    assert_string_equal(set->issues[0].proposal, "d99001");
    fc_deu_set_free(set);
}

static void expect_error(const char *text, int line, int column, const char *field, const char *msg_part)
{
    fc_deu_set *set = NULL;
    fc_error err;
    fc_status st = parse(text, FC_DEU_COUNCIL_VOTES, &set, &err);
    if (st != FC_EINPUT || err.line != line || err.column != column || strcmp(err.field, field) != 0 ||
        !strstr(err.message, msg_part))
        fprintf(stderr, "got %d %s:%d:%d: %s: %s\n", st, err.file, err.line, err.column, err.field,
                err.message);
    assert_int_equal(st, FC_EINPUT);
    assert_null(set);
    assert_string_equal(err.file, "t.tsv");
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_string_equal(err.field, field);
    assert_non_null(strstr(err.message, msg_part));
}

static void test_malformed(void **state)
{
    (void)state;
    const char *row = "\"d99001\"\t\"d99001i1\"\t\"13-03-99\"\t100\t0\t50\t0\t80\t50\t50\t100\t0\t50\n";
    char text[2048];
    snprintf(text, sizeof text, HEADER "%s\"d99001\"\t\"d99001i2\"\t\"13-03-99\"\t100\tx\t50\t0\t80\t50\t50\t100\t0\t50\n", row);
    expect_error(text, 3, 36, "pde", "'x' is not a number");
    snprintf(text, sizeof text, HEADER "%s\"d99001\"\t\"d99001i2\"\t\"13-03-99\"\t100\t0\t50\t0\t80\t50\t-5\t100\t0\t50\n", row);
    expect_error(text, 3, 49, "sfr", "outside the scale");
    snprintf(text, sizeof text, HEADER "\"d99001\"\t\"d99001i1\"\t\"13-03-99\"\t100\t0\t50\t0\t80\t50\t50\t100\t0\n");
    expect_error(text, 2, 0, "", "12 fields, the header 13");
    snprintf(text, sizeof text, HEADER "\"d99001\"\t\"d99001i1\"\t\"13-03-99\"\t100\t0\t50\t0\t80\t50\t50\t100\t0\tnan\n");
    expect_error(text, 2, 58, "out", "not a number");
    snprintf(text, sizeof text, HEADER "\"\"\t\"d99001i1\"\t\"13-03-99\"\t100\t0\t50\t0\t80\t50\t50\t100\t0\t50\n");
    expect_error(text, 2, 1, "prnr", "blank");
    snprintf(text, sizeof text, HEADER "\"x\"\t\"d99001i1\"\t\"13-3\"\t100\t0\t50\t0\t80\t50\t50\t100\t0\t50\n");
    expect_error(text, 2, 16, "intro", "no year");
    snprintf(text, sizeof text, HEADER "\"d99001\t\"d99001i1\"\t\"13-03-99\"\t100\t0\t50\t0\t80\t50\t50\t100\t0\t50\n");
    expect_error(text, 2, 10, "", "after a closing quote");
    snprintf(text, sizeof text, HEADER "\"d99001\"\t\"d99001i1\"\t\"13-03-99\"\t100\t0\t50\t0\t80\t50\t50\t100\t0\t\"50\n");
    expect_error(text, 2, 58, "", "not closed");
    expect_error("\"prnr\"\t\"isnr\"\t\"intro\"\t\"pcom\"\t\"pde\"\t\"pfr\"\t\"scom\"\t\"sde\"\t\"sfr\"\t\"out\"\n", 1, 0,
                 "rp", "no column 'rp'");
    expect_error("\"prnr\"\t\"isnr\"\t\"intro\"\t\"pcom\"\t\"pde\"\t\"pfr\"\t\"scom\"\t\"sde\"\t\"rp\"\t\"out\"\n", 1, 0,
                 "sfr", "no column 'sfr'");
    /* Nothing to score is an error too, saying why. */
    snprintf(text, sizeof text, HEADER "\"d99001\"\t\"d99001i1\"\t\"13-03-99\"\t100\t0\t50\t0\t80\t50\t50\t100\t0\t\n");
    expect_error(text, 0, 0, "", "1 without an outcome");
    expect_error("", 0, 0, "", "no header");
}

/* One thread or all: the same figures to the last bit; the seed moves only the interval. */
static void test_threads_and_seed(void **state)
{
    (void)state;
    fc_deu_set *set = NULL;
    fc_error err;
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_COUNCIL_VOTES, &set, &err), FC_OK);
    fc_backtest_result *one = run(set, NULL, 0, 1, 7), *many = run(set, NULL, 0, 3, 7);
    fc_backtest_result *other = run(set, NULL, 0, 2, 8);
    assert_int_equal(one->n_models, many->n_models);
    assert_true(one->n_models >= 3);
    for (size_t k = 0; k < one->n_models; k++) {
        const fc_backtest_model *a = &one->models[k], *b = &many->models[k], *c = &other->models[k];
        assert_string_equal(a->name, b->name);
        assert_memory_equal(&a->all, &b->all, sizeof a->all);
        assert_memory_equal(a->era, b->era, sizeof a->era);
        assert_memory_equal(&a->diff_lo, &b->diff_lo, sizeof a->diff_lo);
        assert_memory_equal(&a->diff_hi, &b->diff_hi, sizeof a->diff_hi);
        assert_memory_equal(a->forecast, b->forecast, set->n_issues * sizeof *a->forecast);
        assert_memory_equal(&a->all, &c->all, sizeof a->all);
        if (k > 0 && !isnan(a->diff_lo))
            assert_true(a->diff_lo != c->diff_lo || a->diff_hi != c->diff_hi);
    }
    fc_backtest_result_free(one);
    fc_backtest_result_free(many);
    fc_backtest_result_free(other);
    fc_deu_set_free(set);
}

/* The scoring rules on made-up forecasts: the outcome itself, and a constant offset. */
static void test_score(void **state)
{
    (void)state;
    fc_deu_set *set = NULL;
    fc_error err;
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_EQUAL, &set, &err), FC_OK);
    size_t n = set->n_issues;
    double *f = malloc(n * sizeof *f);
    fc_backtest_stats all, era[FC_DEU_N_ERAS];
    for (size_t i = 0; i < n; i++)
        f[i] = set->issues[i].outcome;
    fc_backtest_score(set, f, &all, era);
    assert_true(all.n == n && all.mae == 0 && all.rmse == 0 && all.within10 == 1);
    for (size_t i = 0; i < n; i++)
        f[i] = i % 2 ? set->issues[i].outcome + 12 : set->issues[i].outcome - 12;
    f[0] = NAN;
    fc_backtest_score(set, f, &all, era);
    assert_int_equal(all.n, n - 1);
    assert_true(fabs(all.mae - 12) < 1e-12 && fabs(all.rmse - 12) < 1e-12 && all.within10 == 0);
    assert_true(fabs(all.median_ae - 12) < 1e-12);
    free(f);
    fc_deu_set_free(set);
}

static void test_unknown_model(void **state)
{
    (void)state;
    fc_deu_set *set = NULL;
    fc_error err;
    assert_int_equal(fc_deu_load(DEU_DEV, FC_DEU_EQUAL, &set, &err), FC_OK);
    fc_backtest_options o;
    fc_backtest_options_init(&o);
    const char *bad[] = {"nosuch"};
    o.models = bad;
    o.n_models = 1;
    fc_backtest_result *r = NULL;
    assert_int_equal(fc_backtest_run(set, &o, &r, &err), FC_EUSAGE);
    assert_null(r);
    const char *bad_preset[] = {"median:fast"};
    o.models = bad_preset;
    assert_int_equal(fc_backtest_run(set, &o, &r, &err), FC_EUSAGE);
    assert_string_equal(err.field, "models");
    fc_deu_set_free(set);
}

/* Truncated and corrupted copies of the dev file: each reads or fails with FC_EINPUT naming a
 * line, never anything else (the sanitizers watch for the rest). */
static void test_corrupted(void **state)
{
    (void)state;
    char *text;
    size_t len;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_file_read(DEU_DEV, FC_MAX_INPUT_BYTES, &text, &len, &err), FC_OK);
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    uint64_t x = 12345;
    for (int trial = 0; trial < 200; trial++) {
        memcpy(copy, text, len + 1);
        size_t n = len;
        if (trial % 2 == 0) {
            n = (size_t)trial * 997 % len;
        } else {
            for (int k = 0; k < 3; k++) {
                x = x * 6364136223846793005u + 1442695040888963407u;
                size_t at = (size_t)(x >> 33) % len;
                copy[at] = "\t\"x-9.\n0 "[(x >> 20) % 9];
            }
        }
        fc_deu_set *set = NULL;
        fc_status st = fc_deu_parse(copy, n, "c.tsv", FC_DEU_COUNCIL_VOTES, &set, &err);
        assert_true(st == FC_OK || st == FC_EINPUT);
        if (st == FC_OK) {
            assert_true(set->n_issues > 0);
            fc_deu_set_free(set);
        } else {
            assert_null(set);
            assert_string_equal(err.file, "c.tsv");
        }
    }
    free(copy);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_council_votes),
        cmocka_unit_test(test_reference_equal),
        cmocka_unit_test(test_council_weights),
        cmocka_unit_test(test_reader),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_threads_and_seed),
        cmocka_unit_test(test_score),
        cmocka_unit_test(test_unknown_model),
        cmocka_unit_test(test_corrupted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
