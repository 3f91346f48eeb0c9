/* Scenario files: every value survives YAML -> JSON -> YAML and CSV -> YAML; copies are
 * deep and equal; size limits and atomic writes hold. */
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

static int str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Bitwise equality of numbers: a round trip must keep every value exactly. */
static void assert_same_number(double a, double b)
{
    assert_memory_equal(&a, &b, sizeof a);
}

static void assert_same_value(const fc_value *a, const fc_value *b)
{
    assert_same_number(a->value, b->value);
    assert_true(str_eq(a->source, b->source));
    assert_int_equal(a->uncertainty.kind, b->uncertainty.kind);
    if (a->uncertainty.kind == FC_UNCERTAIN_NORMAL)
        assert_same_number(a->uncertainty.sd, b->uncertainty.sd);
    if (a->uncertainty.kind == FC_UNCERTAIN_RANGE || a->uncertainty.kind == FC_UNCERTAIN_TRIANGULAR) {
        assert_same_number(a->uncertainty.low, b->uncertainty.low);
        assert_same_number(a->uncertainty.high, b->uncertainty.high);
    }
}

static void assert_same_scenario(const fc_scenario *a, const fc_scenario *b)
{
    assert_true(str_eq(a->title, b->title));
    assert_true(str_eq(a->date, b->date));
    assert_true(str_eq(a->description, b->description));
    assert_same_number(a->salience_max, b->salience_max);
    assert_int_equal(a->n_sources, b->n_sources);
    for (size_t i = 0; i < a->n_sources; i++) {
        assert_true(str_eq(a->sources[i].id, b->sources[i].id));
        assert_true(str_eq(a->sources[i].citation, b->sources[i].citation));
        assert_true(str_eq(a->sources[i].url, b->sources[i].url));
    }
    assert_int_equal(a->n_issues, b->n_issues);
    for (size_t i = 0; i < a->n_issues; i++) {
        const fc_issue *x = &a->issues[i], *y = &b->issues[i];
        assert_true(str_eq(x->id, y->id));
        assert_true(str_eq(x->label, y->label));
        assert_same_number(x->scale_min, y->scale_min);
        assert_same_number(x->scale_max, y->scale_max);
        assert_int_equal(x->has_status_quo, y->has_status_quo);
        if (x->has_status_quo)
            assert_same_number(x->status_quo, y->status_quo);
        assert_true(str_eq(x->status_quo_source, y->status_quo_source));
        assert_int_equal(x->n_anchors, y->n_anchors);
        for (size_t k = 0; k < x->n_anchors; k++) {
            assert_same_number(x->anchors[k].point, y->anchors[k].point);
            assert_true(str_eq(x->anchors[k].text, y->anchors[k].text));
        }
    }
    assert_int_equal(a->n_actors, b->n_actors);
    for (size_t i = 0; i < a->n_actors; i++) {
        const fc_actor *x = &a->actors[i], *y = &b->actors[i];
        assert_true(str_eq(x->id, y->id));
        assert_true(str_eq(x->name, y->name));
        assert_true(str_eq(x->note, y->note));
        assert_int_equal(x->kind, y->kind);
        assert_same_value(&x->capability, &y->capability);
        for (size_t k = 0; k < a->n_issues; k++) {
            assert_int_equal(x->stances[k].present, y->stances[k].present);
            if (x->stances[k].present) {
                assert_same_value(&x->stances[k].position, &y->stances[k].position);
                assert_same_value(&x->stances[k].salience, &y->stances[k].salience);
            }
        }
    }
    assert_int_equal(a->n_relations, b->n_relations);
    for (size_t i = 0; i < a->n_relations; i++) {
        assert_true(str_eq(a->relations[i].a, b->relations[i].a));
        assert_true(str_eq(a->relations[i].b, b->relations[i].b));
        assert_true(str_eq(a->relations[i].kind, b->relations[i].kind));
        assert_true(str_eq(a->relations[i].source, b->relations[i].source));
    }
    assert_true(str_eq(a->decider, b->decider));
    assert_int_equal(a->n_choices, b->n_choices);
    for (size_t i = 0; i < a->n_choices; i++) {
        const fc_choice *x = &a->choices[i], *y = &b->choices[i];
        assert_true(str_eq(x->id, y->id));
        assert_true(str_eq(x->label, y->label));
        assert_true(str_eq(x->description, y->description));
        assert_int_equal(x->n_positions, y->n_positions);
        for (size_t k = 0; k < x->n_positions; k++) {
            assert_true(str_eq(x->positions[k].issue, y->positions[k].issue));
            assert_same_number(x->positions[k].position, y->positions[k].position);
        }
    }
    assert_int_equal(a->n_responders, b->n_responders);
    for (size_t i = 0; i < a->n_responders; i++)
        assert_true(str_eq(a->responders[i], b->responders[i]));
    assert_int_equal(a->game_costs.present, b->game_costs.present);
    assert_int_equal(a->backlash_costs.present, b->backlash_costs.present);
    if (a->backlash_costs.present)
        assert_same_value(&a->backlash_costs.weight, &b->backlash_costs.weight);
    if (a->game_costs.present) {
        assert_same_value(&a->game_costs.pressure_cost, &b->game_costs.pressure_cost);
        assert_same_value(&a->game_costs.pressured_cost, &b->game_costs.pressured_cost);
        assert_same_value(&a->game_costs.effect, &b->game_costs.effect);
    }
    const fc_outcome *oa = &a->outcome, *ob = &b->outcome;
    assert_int_equal(oa->present, ob->present);
    assert_true(str_eq(oa->date, ob->date));
    assert_true(str_eq(oa->choice, ob->choice));
    assert_true(str_eq(oa->decision, ob->decision));
    assert_true(str_eq(oa->source, ob->source));
    assert_int_equal(oa->n_positions, ob->n_positions);
    for (size_t i = 0; i < oa->n_positions; i++) {
        assert_true(str_eq(oa->positions[i].issue, ob->positions[i].issue));
        assert_same_value(&oa->positions[i].position, &ob->positions[i].position);
    }
    assert_int_equal(oa->n_backlash, ob->n_backlash);
    for (size_t i = 0; i < oa->n_backlash; i++) {
        assert_true(str_eq(oa->backlash[i].by, ob->backlash[i].by));
        assert_true(str_eq(oa->backlash[i].how, ob->backlash[i].how));
        assert_true(str_eq(oa->backlash[i].when, ob->backlash[i].when));
        assert_true(str_eq(oa->backlash[i].source, ob->backlash[i].source));
    }
    const fc_default_uncertainty *u = &a->default_uncertainty, *v = &b->default_uncertainty;
    assert_same_number(u->position_sd, v->position_sd);
    assert_same_number(u->salience_sd, v->salience_sd);
    assert_same_number(u->capability_sd, v->capability_sd);
    assert_int_equal(u->capability_relative, v->capability_relative);
}

static fc_scenario *reparse(const char *text, const char *name)
{
    fc_scenario *sc = NULL;
    fc_error err;
    fc_status st = fc_scenario_parse(text, strlen(text), name, NULL, &sc, &err);
    if (st) {
        char msg[1024];
        fc_error_format(&err, msg, sizeof msg);
        fail_msg("%s\n--- text:\n%s", msg, text);
    }
    return sc;
}

static void round_trip(const fc_scenario *orig)
{
    fc_error err;
    char *json, *yaml, *yaml2;
    assert_int_equal(fc_scenario_to_json(orig, &json, &err), FC_OK);
    fc_scenario *from_json = reparse(json, "x.json");
    assert_same_scenario(orig, from_json);
    assert_int_equal(fc_scenario_to_yaml(from_json, &yaml, &err), FC_OK);
    fc_scenario *from_yaml = reparse(yaml, "x.yaml");
    assert_same_scenario(orig, from_yaml);
    /* Writing is a fixed point: the same scenario gives the same text. */
    assert_int_equal(fc_scenario_to_yaml(from_yaml, &yaml2, &err), FC_OK);
    assert_string_equal(yaml, yaml2);
    fc_scenario *copy = fc_scenario_copy(orig);
    assert_non_null(copy);
    assert_same_scenario(orig, copy);
    fc_scenario_free(copy);
    free(json);
    free(yaml);
    free(yaml2);
    fc_scenario_free(from_json);
    fc_scenario_free(from_yaml);
}

static void round_trip_files(void **state)
{
    (void)state;
    const char *files[] = {
        FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml",
        FULCRUM_SOURCE_DIR "/scenarios/eu-emissions-1994.yaml",
        FULCRUM_TEST_DATA "/good/uncertain.yaml",
        FULCRUM_TEST_DATA "/good/three.yaml",
        FULCRUM_TEST_DATA "/good/outcome.yaml",
        /* The shipped cases with their outcome blocks. */
        FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014.yaml",
        FULCRUM_SOURCE_DIR "/scenarios/cases/armenia-2013.yaml",
        FULCRUM_SOURCE_DIR "/scenarios/cases/ukraine-2013.yaml",
        FULCRUM_SOURCE_DIR "/scenarios/cases/moldova-2014.yaml",
        FULCRUM_SOURCE_DIR "/scenarios/cases/georgia-2014.yaml",
        /* Found by tests/fuzz: control characters in names must be escaped in YAML. */
        FULCRUM_TEST_DATA "/good/control_chars.csv",
        FULCRUM_SHARED_DIR "/data/eum/eu_emission_standards_bdm1994.csv",
        FULCRUM_SHARED_DIR "/data/eum/china_dmasad.csv",
        FULCRUM_SHARED_DIR "/data/eum/argentina_decisionmechanics.csv",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        fc_scenario *sc;
        fc_error err;
        fc_status st = fc_scenario_load(files[i], NULL, &sc, &err);
        if (st) {
            char msg[1024];
            fc_error_format(&err, msg, sizeof msg);
            fail_msg("%s", msg);
        }
        round_trip(sc);
        fc_scenario_free(sc);
    }
}

/* The outcome block reads field by field, with the declared uncertainty of where an issue
 * ended, and survives a copy; a file without one has none. */
static void outcome_block(void **state)
{
    (void)state;
    fc_scenario *sc;
    fc_error err;
    assert_int_equal(fc_scenario_load(FULCRUM_TEST_DATA "/good/outcome.yaml", NULL, &sc, &err), FC_OK);
    const fc_outcome *o = &sc->outcome;
    assert_true(o->present);
    assert_string_equal(o->date, "2013-09-03");
    assert_string_equal(o->choice, "east");
    assert_string_equal(o->decision, "D joined R's customs union");
    assert_int_equal(o->n_positions, 2);
    assert_string_equal(o->positions[0].issue, "alignment");
    assert_true(o->positions[0].position.value == 30);
    assert_int_equal(o->positions[0].position.uncertainty.kind, FC_UNCERTAIN_NORMAL);
    assert_true(o->positions[0].position.uncertainty.sd == 5);
    assert_string_equal(o->positions[0].position.source, "made up");
    assert_string_equal(o->positions[1].issue, "trade");
    assert_true(o->positions[1].position.value == 2.5);
    assert_null(o->positions[1].position.source);
    assert_int_equal(o->n_backlash, 2);
    assert_string_equal(o->backlash[0].by, "R");
    assert_string_equal(o->backlash[0].how, "gas price cut \"withdrawn\"");
    assert_string_equal(o->backlash[0].when, "2013-12");
    assert_int_equal(o->backlash[1].line, 29);
    /* The rules hold on a copy too: a backlash by an actor the case lacks is refused. */
    fc_scenario *copy = fc_scenario_copy(sc);
    assert_non_null(copy);
    assert_int_equal(fc_scenario_validate(copy, &err), FC_OK);
    free(copy->outcome.backlash[1].by);
    copy->outcome.backlash[1].by = strdup("nobody");
    assert_int_equal(fc_scenario_validate(copy, &err), FC_EINPUT);
    assert_string_equal(err.field, "outcome.backlash[1]");
    assert_int_equal(err.line, 29);
    fc_scenario_free(copy);
    fc_scenario_free(sc);
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/eu-emissions-1994.yaml", NULL, &sc, &err),
                     FC_OK);
    assert_false(sc->outcome.present);
    fc_scenario_free(sc);
}

static void csv_values(void **state)
{
    (void)state;
    fc_scenario *sc;
    fc_error err;
    fc_load_options o;
    fc_load_options_init(&o);
    o.csv_salience_scale = 1;
    assert_int_equal(fc_scenario_load(FULCRUM_SHARED_DIR "/data/eum/inputs/emission.csv", &o, &sc, &err), FC_OK);
    assert_int_equal(sc->n_actors, 10);
    assert_int_equal(sc->n_issues, 1);
    assert_string_equal(sc->actors[1].id, "Belgium");
    assert_true(sc->actors[1].capability.value == 0.08);
    assert_true(sc->actors[1].stances[0].position.value == 7.0);
    assert_true(sc->actors[1].stances[0].salience.value == 0.4);
    assert_true(sc->issues[0].scale_min == 4 && sc->issues[0].scale_max == 10);
    /* The same table with saliences on 0-100 gives the same problem to the last bit. */
    fc_scenario *sc100;
    assert_int_equal(fc_scenario_load(FULCRUM_SHARED_DIR "/data/eum/eu_emission_standards_bdm1994.csv", NULL, &sc100,
                                      &err),
                     FC_OK);
    fc_problem a, b;
    assert_int_equal(fc_problem_from_scenario(&a, sc, NULL, 0, &err), FC_OK);
    assert_int_equal(fc_problem_from_scenario(&b, sc100, NULL, 0, &err), FC_OK);
    assert_memory_equal(a.salience, b.salience, a.n_actors * sizeof *a.salience);
    assert_memory_equal(a.position, b.position, a.n_actors * sizeof *a.position);
    fc_problem_free(&a);
    fc_problem_free(&b);
    fc_scenario_free(sc);
    fc_scenario_free(sc100);
}

static void builtin_case(void **state)
{
    (void)state;
    fc_scenario *sc;
    fc_error err;
    /* The built-in case is the four-issue revision (scenarios/azerbaijan-2014.yaml). */
    assert_int_equal(fc_scenario_load_builtin(&sc, &err), FC_OK);
    assert_int_equal(sc->n_actors, 18);
    assert_int_equal(sc->n_issues, 4);
    assert_string_equal(sc->decider, "AZE");
    assert_int_equal(sc->n_choices, 3);
    assert_true(sc->issues[0].status_quo == 70);
    assert_true(sc->outcome.present);
    long rus = fc_scenario_actor_index(sc, "RUS");
    assert_true(rus >= 0);
    assert_true(sc->actors[rus].stances[0].position.value == 30);
    fc_scenario_free(sc);
    /* The one-issue case it replaced keeps its numbers (azerbaijan-2014-alignment.yaml). */
    assert_int_equal(fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml", NULL, &sc, &err),
                     FC_OK);
    assert_int_equal(sc->n_actors, 12);
    assert_int_equal(sc->n_issues, 1);
    assert_int_equal(sc->n_choices, 2);
    assert_true(sc->issues[0].status_quo == 70);
    rus = fc_scenario_actor_index(sc, "RUS");
    assert_true(rus >= 0);
    assert_true(sc->actors[rus].stances[0].position.value == 10);
    /* The compiled-in text is the shipped file, byte for byte. */
    char *text;
    size_t len, blen;
    assert_int_equal(fc_file_read(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014.yaml", FC_MAX_INPUT_BYTES, &text,
                                  &len, &err),
                     FC_OK);
    const char *builtin = fc_builtin_scenario_text(&blen);
    assert_int_equal(len, blen);
    assert_memory_equal(text, builtin, len);
    free(text);
    fc_scenario_free(sc);
}

static void size_limit(void **state)
{
    (void)state;
    char path[] = "/tmp/fulcrum-big-XXXXXX.yaml";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    /* A sparse file: no disk is used, and the reader refuses it from its size alone. */
    assert_int_equal(ftruncate(fd, (off_t)FC_MAX_INPUT_BYTES + 1), 0);
    close(fd);
    fc_scenario *sc = NULL;
    fc_error err;
    assert_int_equal(fc_scenario_load(path, NULL, &sc, &err), FC_EINPUT);
    assert_null(sc);
    assert_string_equal(err.file, path);
    assert_non_null(strstr(err.message, "larger than the limit of 67108864 bytes"));
    unlink(path);
}

static void atomic_write(void **state)
{
    (void)state;
    char dir[] = "/tmp/fulcrum-atomic-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    fc_error err;
    assert_int_equal(fc_file_write_atomic(path, "first\n", 6, &err), FC_OK);
    assert_int_equal(fc_file_write_atomic(path, "second\n", 7, &err), FC_OK);
    char *text;
    size_t len;
    assert_int_equal(fc_file_read(path, 100, &text, &len, &err), FC_OK);
    assert_string_equal(text, "second\n");
    free(text);
    /* A write that cannot happen leaves nothing, not even a temporary file. */
    char bad[160];
    snprintf(bad, sizeof bad, "%s/missing-folder/out.txt", dir);
    assert_int_equal(fc_file_write_atomic(bad, "x", 1, &err), FC_EIO);
    assert_string_equal(err.file, bad);
    unlink(path);
    assert_int_equal(rmdir(dir), 0); /* fails if anything else was left in the folder */
}

static void utf8(void **state)
{
    (void)state;
    size_t bad;
    assert_true(fc_utf8_valid("Päivi 🙂", strlen("Päivi 🙂"), &bad));
    assert_false(fc_utf8_valid("caf\xe9", 4, &bad));
    assert_int_equal(bad, 3);
    assert_false(fc_utf8_valid("\xc0\xaf", 2, &bad)); /* overlong */
    assert_false(fc_utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
    assert_false(fc_utf8_valid("ab\xe2\x82", 4, &bad)); /* truncated */
    assert_int_equal(bad, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_files), cmocka_unit_test(outcome_block), cmocka_unit_test(csv_values), cmocka_unit_test(builtin_case),
        cmocka_unit_test(size_limit),       cmocka_unit_test(atomic_write), cmocka_unit_test(utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
