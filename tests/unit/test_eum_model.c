/* The EUM behind the forecaster interface: the fc_forecast it fills (positions, tournament
 * median = point forecast, mean, the "risk" series, every chosen offer as an event), its
 * explanation, fixed actors, and options by name (every switch of the spec, rounds, tol). */
#include <jansson.h>

#include "eum_support.h"
#include "fulcrum/model.h"

static void problem_from_case(const eum_case *ec, fc_problem *p)
{
    fc_error err;
    assert_int_equal(fc_problem_init(p, ec->n, 1, &err), FC_OK);
    for (size_t k = 0; k < ec->n; k++) {
        free(p->actor_names[k]);
        p->actor_names[k] = strdup(ec->names[k]);
        p->capability[k] = ec->cap[k];
        p->position[k] = ec->pos[k];
        p->salience[k] = ec->sal[k];
    }
}

static fc_forecast *run_model(const fc_problem *p, const char *preset, const char *const *set,
                              size_t n_set)
{
    const fc_model *m = fc_model_find("eum");
    assert_non_null(m);
    assert_ptr_equal(m, &fc_model_eum);
    fc_forecast *f = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_model_run(m, p, preset, set, n_set, &f, &err);
    if (st)
        fail_msg("fc_model_run: %s", err.message);
    return f;
}

/* The forecast holds the reference run of scholz/emission: positions, statistics, risk
 * exponents and the 30 moves, read from reference_trajectories.json. */
static void test_forecast_holds_the_whole_trace(void **state)
{
    (void)state;
    eum_case ec;
    load_case("emission", &ec);
    fc_problem p;
    problem_from_case(&ec, &p);
    fc_forecast *f = run_model(&p, NULL, NULL, 0);
    assert_string_equal(f->model, "eum");
    assert_string_equal(f->preset, "scholz");
    assert_int_equal(f->n_rounds, 10);
    assert_int_equal(f->converged, 0);
    const fc_series *risk = fc_forecast_find_series(f, "risk");
    assert_non_null(risk);
    assert_int_equal(risk->width, ec.n);

    json_error_t jerr;
    json_t *root = json_load_file(EUM_DATA "/reference_trajectories.json", 0, &jerr);
    assert_non_null(root);
    json_t *rounds = json_object_get(json_object_get(root, "scholz/emission"), "rounds");
    size_t ev = 0;
    for (size_t t = 0; t <= 10; t++) {
        json_t *rd = json_array_get(rounds, t);
        const double *x = fc_forecast_positions_at(f, t);
        for (size_t k = 0; k < ec.n; k++) {
            assert_rel(x[k], json_number_value(json_array_get(json_object_get(rd, "x"), k)), "x %zu", t);
            assert_rel(risk->values[t * ec.n + k],
                       json_number_value(json_array_get(json_object_get(rd, "r"), k)), "r %zu", t);
        }
        assert_rel(f->median[t], json_number_value(json_object_get(rd, "median")), "median %zu", t);
        assert_rel(f->mean[t], json_number_value(json_object_get(rd, "mean")), "mean %zu", t);
        assert_true(f->point[t] == f->median[t]);
        json_t *moves = json_object_get(rd, "moves");
        for (size_t q = 0; q < json_array_size(moves); q++, ev++) {
            json_t *m = json_array_get(moves, q);
            assert_true(ev < f->n_events);
            const fc_event *e = &f->events[ev];
            assert_int_equal(e->round, (int)t);
            assert_string_equal(p.actor_names[e->target], json_string_value(json_object_get(m, "receiver")));
            assert_string_equal(p.actor_names[e->challenger], json_string_value(json_object_get(m, "sender")));
            assert_string_equal(fc_event_kind_name(e->kind), json_string_value(json_object_get(m, "type")));
            assert_rel(e->eu_target, json_number_value(json_object_get(m, "E_ij")), "E_ij %zu", ev);
            assert_rel(e->eu_challenger, json_number_value(json_object_get(m, "E_ji")), "E_ji %zu", ev);
            assert_rel(fc_event_new_position(f, e)[0], json_number_value(json_object_get(m, "new_pos")), "new %zu", ev);
            assert_true(fc_event_old_position(f, e)[0] == fc_forecast_positions_at(f, t - 1)[e->target]);
        }
    }
    assert_int_equal(ev, f->n_events);
    assert_true(f->outcome[0] == f->point[10]);
    json_decref(root);

    /* the explanation names actors and the decisive bargains */
    assert_non_null(f->explanation);
    const char *x = f->explanation;
    assert_non_null(strstr(x, "7"));                   /* where it settles */
    assert_non_null(strstr(x, "Luxembourg gave way to Belgium 10 times"));
    assert_non_null(strstr(x, "never moved"));
    assert_non_null(strstr(x, "Netherlands"));          /* among those who never moved */
    assert_non_null(strstr(x, "confrontation"));
    assert_non_null(strstr(x, "had not come to rest"));
    assert_non_null(strstr(x, "The weightiest actor, UK, with 21% of the weight, never gave way"));
    fc_forecast_free(f);
    fc_problem_free(&p);
}

/* Fixed actors never move, but still vote and challenge: fixing Belgium in the emission case
 * keeps it at 7 while Luxembourg still loses confrontations to it. */
static void test_fixed_actors_hold_but_still_challenge(void **state)
{
    (void)state;
    eum_case ec;
    load_case("emission", &ec);
    fc_problem p;
    problem_from_case(&ec, &p);
    p.fixed = calloc(ec.n, 1);
    p.fixed[1] = 1; /* Belgium */
    fc_forecast *f = run_model(&p, "scholz", NULL, 0);
    for (size_t t = 0; t <= f->n_rounds; t++)
        assert_true(fc_forecast_positions_at(f, t)[1] == 7.0);
    /* Belgium is still pressed: the offers it would have taken are recorded as refused, and
     * every refused offer is aimed at Belgium and leaves it where it was. */
    size_t by_belgium = 0, refused = 0;
    for (size_t e = 0; e < f->n_events; e++) {
        const fc_event *ev = &f->events[e];
        by_belgium += ev->challenger == 1;
        if (ev->target == 1) {
            assert_int_equal(ev->accepted, 0);
            assert_true(fc_event_old_position(f, ev)[0] == 7.0);
            assert_true(fc_event_new_position(f, ev)[0] != 7.0);
            refused++;
        } else {
            assert_int_equal(ev->accepted, 1);
        }
    }
    assert_true(by_belgium > 0);
    assert_true(refused > 0);
    assert_non_null(strstr(f->explanation, "Belgium was held fixed"));
    assert_non_null(strstr(f->explanation, "and refused"));
    /* the same through the low-level entry point */
    fc_eum_workspace *ws = fc_eum_workspace_new(ec.n);
    double fin[16], fc;
    fc_error err;
    assert_int_equal(fc_eum_solve(ws, NULL, ec.n, ec.cap, ec.pos, ec.sal, p.fixed, fin, &fc, &err), FC_OK);
    for (size_t k = 0; k < ec.n; k++)
        assert_true(fin[k] == fc_forecast_positions_at(f, f->n_rounds)[k]);
    assert_true(fc == f->point[f->n_rounds]);
    fc_eum_workspace_free(ws);
    fc_forecast_free(f);
    fc_problem_free(&p);
}

/* Presets and settings by name, as `--preset` and `--set` pass them. */
static void test_presets_and_settings(void **state)
{
    (void)state;
    eum_case ec;
    load_case("sultan", &ec);
    fc_problem p;
    problem_from_case(&ec, &p);
    fc_forecast *f = run_model(&p, "scholz-fixed", NULL, 0);
    assert_string_equal(f->preset, "scholz-fixed");
    assert_int_equal(f->n_events, 10); /* RUSSIA capitulates every round (spec §12.3) */
    for (size_t e = 0; e < f->n_events; e++)
        assert_int_equal(f->events[e].kind, FC_EVENT_CAPITULATION);
    assert_non_null(strstr(f->explanation, "RUSSIA"));
    assert_non_null(strstr(f->explanation, "No confrontation"));
    fc_forecast_free(f);

    const char *set[] = {"rounds=25", "tol=0"};
    f = run_model(&p, "scholz", set, 2);
    assert_int_equal(f->n_rounds, 1); /* Sultan under scholz is a fixed point */
    assert_int_equal(f->converged, 1);
    assert_non_null(strstr(f->explanation, "converged"));
    assert_non_null(strstr(f->explanation, "No actor ever moved"));
    fc_forecast_free(f);

    const char *set2[] = {"capitulation=on", "compromise_key=signed_weighted",
                          "risk_update=sequential", "median_candidates=actor_order"};
    f = run_model(&p, "scholz", set2, 4);
    assert_int_equal(f->n_events, 10);
    fc_forecast_free(f);

    fc_error err;
    fc_forecast *g = NULL;
    const char *bad[] = {"offer_choice=nearest"};
    assert_int_equal(fc_model_run(&fc_model_eum, &p, NULL, bad, 1, &g, &err), FC_EUSAGE);
    assert_non_null(strstr(err.message, "least_move"));
    const char *unknown[] = {"speed=11"};
    assert_int_equal(fc_model_run(&fc_model_eum, &p, NULL, unknown, 1, &g, &err), FC_EUSAGE);
    assert_int_equal(fc_model_run(&fc_model_eum, &p, "scholz-2", NULL, 0, &g, &err), FC_EUSAGE);
    assert_null(g);
    fc_problem_free(&p);
}

/* Every switch of the spec accepts every one of its values by name and stores it. */
static void test_every_switch_by_name(void **state)
{
    (void)state;
    static const char *const switches[][4] = {
        {"probability_denominator", "all_pairs", "pairwise", NULL},
        {"vote_exponent", "voter_r", "one", NULL},
        {"risk_update", "simultaneous", "sequential", NULL},
        {"eu_perspective", "receiver", "own", NULL},
        {"eu_ji_salience", "target", "alter", NULL},
        {"q_term", "sq_only", "full", NULL},
        {"T", "one", "zero", "preana"},
        {"mu", "median", "mean", NULL},
        {"capitulation", "off", "on", NULL},
        {"offer_choice", "conflict_first_closest", "least_move", "max_sender_eu"},
        {"compromise_key", "abs_weighted", "signed_weighted", NULL},
        {"compromise_point", "concession", "weighted_average", NULL},
        {"range_D", "initial", "current", NULL},
        {"median_candidates", "distinct_ascending", "actor_order", NULL},
        {"moves", "simultaneous", NULL, NULL},
    };
    fc_error err;
    for (size_t s = 0; s < sizeof switches / sizeof switches[0]; s++)
        for (int v = 1; v < 4 && switches[s][v]; v++) {
            fc_eum_options o;
            assert_int_equal(fc_eum_options_preset(&o, "bdm-paper", &err), FC_OK);
            assert_int_equal(fc_eum_options_set(&o, switches[s][0], switches[s][v], &err), FC_OK);
            assert_string_equal(eum_option_value_name(switches[s][0], v - 1), switches[s][v]);
            int stored = -1;
            switch (s) {
            case 0: stored = (int)o.probability_denominator; break;
            case 1: stored = (int)o.vote_exponent; break;
            case 2: stored = (int)o.risk_update; break;
            case 3: stored = (int)o.eu_perspective; break;
            case 4: stored = (int)o.eu_ji_salience; break;
            case 5: stored = (int)o.q_term; break;
            case 6: stored = (int)o.T; break;
            case 7: stored = (int)o.mu; break;
            case 8: stored = o.capitulation; break;
            case 9: stored = (int)o.offer_choice; break;
            case 10: stored = (int)o.compromise_key; break;
            case 11: stored = (int)o.compromise_point; break;
            case 12: stored = (int)o.range_D; break;
            case 13: stored = (int)o.median_candidates; break;
            default: stored = (int)o.moves; break;
            }
            assert_int_equal(stored, v - 1);
        }
    fc_eum_options o;
    fc_eum_options_init(&o);
    assert_int_equal(o.rounds, 10);
    assert_true(o.tol < 0);
    assert_int_equal(fc_eum_options_set(&o, "Q", "0.25", &err), FC_OK);
    assert_true(o.Q == 0.25);
    assert_int_equal(fc_eum_options_set(&o, "Q", "1.5", &err), FC_EUSAGE);
    assert_int_equal(fc_eum_options_set(&o, "rounds", "100", &err), FC_OK);
    assert_int_equal(o.rounds, 100);
    assert_int_equal(fc_eum_options_set(&o, "rounds", "2.5", &err), FC_EUSAGE);
    assert_int_equal(fc_eum_options_set(&o, "tol", "1e-6", &err), FC_OK);
    assert_true(o.tol == 1e-6);
    assert_int_equal(fc_eum_options_set(&o, "tol", "off", &err), FC_OK);
    assert_true(o.tol < 0);
    assert_int_equal(fc_eum_options_set(&o, "tol", "-1", &err), FC_EUSAGE);
    assert_int_equal(fc_eum_options_set(&o, "capitulation", "maybe", &err), FC_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forecast_holds_the_whole_trace),
        cmocka_unit_test(test_fixed_actors_hold_but_still_challenge),
        cmocka_unit_test(test_presets_and_settings),
        cmocka_unit_test(test_every_switch_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
