/* EUM against the recorded reference trajectories (spec §12.2): all three presets on five
 * cases, every round's positions, risk exponents, mean, median and chosen offers, read from
 * /work/shared/data/eum/reference_trajectories.json and compared to 1e-9 relative, for the
 * fast engine and for the direct reading in eum_direct.h. */
#include <jansson.h>

#include "eum_support.h"

static json_t *load_reference(void)
{
    json_error_t jerr;
    json_t *root = json_load_file(EUM_DATA "/reference_trajectories.json", 0, &jerr);
    if (!root)
        fail_msg("reference_trajectories.json: line %d: %s", jerr.line, jerr.text);
    return root;
}

static fc_event_kind kind_of(const char *type)
{
    if (!strcmp(type, "conflict"))
        return FC_EVENT_CONFLICT;
    if (!strcmp(type, "compromise"))
        return FC_EVENT_COMPROMISE;
    if (!strcmp(type, "capitulation"))
        return FC_EVENT_CAPITULATION;
    fail_msg("unknown move type %s", type);
    return FC_EVENT_STALEMATE;
}

static size_t index_of(const eum_case *c, const char *name)
{
    size_t found = SIZE_MAX;
    for (size_t k = 0; k < c->n; k++)
        if (!strcmp(c->names[k], name)) {
            assert_true(found == SIZE_MAX); /* names are unique in these five cases */
            found = k;
        }
    if (found == SIZE_MAX)
        fail_msg("actor %s not in the case", name);
    return found;
}

static void check_against_json(const char *key, json_t *traj, const eum_case *c,
                               const direct_result *res)
{
    json_t *names = json_object_get(traj, "names");
    assert_int_equal(json_array_size(names), c->n);
    for (size_t k = 0; k < c->n; k++)
        assert_string_equal(json_string_value(json_array_get(names, k)), c->names[k]);
    json_t *rounds = json_object_get(traj, "rounds");
    assert_int_equal(json_array_size(rounds), res->rounds + 1);
    size_t mv = 0, n = c->n;
    for (size_t t = 0; t <= res->rounds; t++) {
        json_t *rd = json_array_get(rounds, t);
        assert_int_equal(json_integer_value(json_object_get(rd, "round")), t);
        json_t *x = json_object_get(rd, "x"), *r = json_object_get(rd, "r");
        for (size_t k = 0; k < n; k++) {
            assert_rel(res->x[t * n + k], json_number_value(json_array_get(x, k)), "%s x round %zu actor %zu", key, t, k);
            assert_rel(res->r[t * n + k], json_number_value(json_array_get(r, k)), "%s r round %zu actor %zu", key, t, k);
        }
        assert_rel(res->mean[t], json_number_value(json_object_get(rd, "mean")), "%s mean round %zu", key, t);
        assert_rel(res->median[t], json_number_value(json_object_get(rd, "median")), "%s median round %zu", key, t);
        json_t *moves = json_object_get(rd, "moves");
        for (size_t q = 0; q < json_array_size(moves); q++, mv++) {
            json_t *m = json_array_get(moves, q);
            if (mv >= res->n_moves)
                fail_msg("%s: fewer moves than the reference (round %zu)", key, t);
            const direct_move *d = &res->moves[mv];
            assert_int_equal(d->round, t);
            assert_int_equal(d->i, index_of(c, json_string_value(json_object_get(m, "receiver"))));
            assert_int_equal(d->j, index_of(c, json_string_value(json_object_get(m, "sender"))));
            assert_int_equal(d->kind, kind_of(json_string_value(json_object_get(m, "type"))));
            assert_rel(d->eij, json_number_value(json_object_get(m, "E_ij")), "%s E_ij move %zu", key, mv);
            assert_rel(d->eji, json_number_value(json_object_get(m, "E_ji")), "%s E_ji move %zu", key, mv);
            assert_rel(d->y, json_number_value(json_object_get(m, "new_pos")), "%s new_pos move %zu", key, mv);
        }
    }
    assert_int_equal(mv, res->n_moves);
}

static void run_all(int direct)
{
    json_t *root = load_reference();
    const char *key;
    json_t *traj;
    size_t checked = 0;
    json_object_foreach(root, key, traj) {
        char preset[32], cname[32];
        const char *slash = strchr(key, '/');
        assert_non_null(slash);
        snprintf(preset, sizeof preset, "%.*s", (int)(slash - key), key);
        snprintf(cname, sizeof cname, "%s", slash + 1);
        eum_case c;
        load_case(cname, &c);
        fc_eum_options o = *preset_by_name(preset);
        o.rounds = json_array_size(json_object_get(traj, "rounds")) - 1;
        direct_result res;
        if (direct)
            direct_run(&o, c.n, c.cap, c.pos, c.sal, NULL, &res);
        else
            fast_run(&o, c.n, c.cap, c.pos, c.sal, NULL, &res);
        check_against_json(key, traj, &c, &res);
        direct_free(&res);
        checked++;
    }
    assert_int_equal(checked, 15);
    json_decref(root);
}

static void test_fast_engine_reproduces_reference(void **state)
{
    (void)state;
    run_all(0);
}

static void test_direct_reading_reproduces_reference(void **state)
{
    (void)state;
    run_all(1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_engine_reproduces_reference),
        cmocka_unit_test(test_direct_reading_reproduces_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
