/* KTAB's scenario files: the shipped inputs load with their parameters, seed and ideal
 * adjustments; what KTAB rejects (specs/smp.md S2) is rejected with the file, line and
 * field; a KTAB file read as an fc_scenario gives the same run as read as a problem. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

#define SMP_INPUTS FULCRUM_SHARED_DIR "/data/smp/inputs/"

static void test_csv_loads(void **state)
{
    (void)state;
    fc_problem p;
    fc_smp_options o;
    fc_error err;
    assert_int_equal(fc_run_load_ktab(SMP_INPUTS "dummyData_3Dim.csv", &p, &o, &err), FC_OK);
    assert_int_equal(p.n_actors, 7);
    assert_int_equal(p.n_dims, 3);
    assert_string_equal(p.actor_ids[2], "SActor-02");
    assert_string_equal(p.dim_ids[1], "Pstn2");
    assert_true(p.capability[2] == 129.643);
    assert_true(p.position[2 * 3 + 1] == 90.89);
    assert_true(p.salience[2 * 3 + 1] == 13.55 / 100.0);
    assert_true(p.scale_min[0] == 0.0 && p.scale_max[0] == 100.0);
    assert_true(o.seed == 15455440707583219804ULL);
    assert_null(o.accommodation);
    assert_int_equal(o.vr, FC_SMP_VR_PROP);
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
}

static void test_xml_loads(void **state)
{
    (void)state;
    fc_problem p;
    fc_smp_options o;
    fc_error err;
    assert_int_equal(fc_run_load_ktab(SMP_INPUTS "d3_ia.xml", &p, &o, &err), FC_OK);
    assert_int_equal(p.n_actors, 7);
    assert_true(o.seed == 3507583219545544127ULL);
    assert_non_null(o.accommodation);
    assert_int_equal(o.accommodation_n, 7);
    assert_true(o.accommodation[0 * 7 + 0] == 0.7);
    assert_true(o.accommodation[0 * 7 + 1] == 0.3);
    assert_true(o.accommodation[6 * 7 + 0] == 0.3);
    assert_true(o.accommodation[1 * 7 + 0] == 0.0);
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
    assert_int_equal(fc_run_load_ktab(SMP_INPUTS "d3_sq_binary.xml", &p, &o, &err), FC_OK);
    assert_int_equal(o.vpm, FC_SMP_VPM_SQUARE);
    assert_int_equal(o.vr, FC_SMP_VR_BINARY);
    assert_int_equal(o.ra, FC_SMP_RA_HALF);
    assert_int_equal(o.rr, FC_SMP_RR_MAX);
    assert_int_equal(o.tpc, FC_SMP_TPC_FULL_COMMIT);
    assert_int_equal(o.ivb, FC_SMP_IVB_S1P1);
    assert_int_equal(o.bm, FC_SMP_BM_INIT_RCVR);
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
}

/* Parses text that must fail; checks the status, line and that the message names what. */
static void rejects(const char *text, int line, const char *field, const char *words)
{
    fc_problem p;
    fc_smp_options o;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_run_parse_ktab(text, strlen(text), "case.txt", &p, &o, &err);
    char msg[1024];
    fc_error_format(&err, msg, sizeof msg);
    if (st != FC_EINPUT || err.line != line || (field && strcmp(err.field, field) != 0) ||
        !strstr(err.message, words)) {
        print_error("status %d, message: %s (want line %d, field %s, '%s')\n", st, msg, line,
                    field ? field : "-", words);
        fail();
    }
    assert_string_equal(err.file, "case.txt");
}

#define CSV_HEAD "Case, a test, 3, 2,\nActor,Description,Power,D1,S1,D2,S2,\n"

static void test_csv_rejects(void **state)
{
    (void)state;
    rejects(CSV_HEAD "A,a,10,50,40,50,40,\nB,b,10,50,40,50,70,\nC,c,10,50,40,50,40,\n", 4,
            "salience", "more than 100");
    rejects(CSV_HEAD "A,a,10,50,40,50,40,\nB,b,10,150,40,50,10,\nC,c,10,50,40,50,40,\n", 4,
            "position", "outside [0, 100]");
    rejects(CSV_HEAD "A,a,10,50,40,50,40,\nB,b,-1,50,40,50,10,\nC,c,10,50,40,50,40,\n", 4,
            "capability", "[0, 1e8]");
    rejects(CSV_HEAD "A,a,10,50,40,50,40,\nB,b,0,50,40,50,10,\nC,c,10,50,40,50,40,\n", 4,
            "capability", "non-positive");
    rejects(CSV_HEAD "A,a,10,50,40,50,40,\nB,b,10,50,0,50,0,\nC,c,10,50,40,50,40,\n", 4,
            "salience", "sum to 0");
    rejects(CSV_HEAD "A,a,10,50,40,50,40,\nAnActorNameThatIsMuchTooLong,b,10,50,4,50,1,\n"
                     "C,c,10,50,40,50,40,\n",
            4, "name", "1 to 25");
    rejects(CSV_HEAD "A,a,10,50,40,50,40,\nB,b,ten,50,4,50,1,\nC,c,10,50,40,50,40,\n", 4,
            "capability", "not a number");
    rejects(CSV_HEAD "A,a,10,50,40,50,40,\nB,b,10,50,4,\nC,c,10,50,40,50,40,\n", 4, "actor",
            "fields");
    rejects(CSV_HEAD "A,a,10,50,40,50,40,\nB,b,10,50,4,50,1,\n", 4, "actors", "only 2 rows");
    rejects("Case, a test, 2, 2,\nActor,Description,Power,D1,S1,D2,S2,\n", 1, "actors",
            "3 to 250");
    rejects("Case, a test, 3, 0,\n", 1, "dimensions", "at least 1");
    rejects("just some text\n", 1, NULL, "not a KTAB scenario");
}

#define XML_HEAD "<?xml version=\"1.0\"?>\n<Scenario>\n<name>T</name>\n<prngSeed>7</prngSeed>\n"
#define XML_DIMS "<Dimensions><dName>D1</dName></Dimensions>\n"
#define XML_ACTOR(n, c, x, s)                                                               \
    "<Actor><name>" n "</name><description>d</description><capability>" c "</capability>"  \
    "<Position><dCoord>" x "</dCoord></Position><Salience><dSal>" s "</dSal></Salience></Actor>\n"
#define XML_ACTORS                                                                          \
    "<Actors>\n" XML_ACTOR("A", "10", "20", "50") XML_ACTOR("B", "20", "60", "50")           \
        XML_ACTOR("C", "30", "90", "50") "</Actors>\n"
#define XML_IA(a, b, v)                                                                     \
    "<iaPair><adjustingIdeal>" a "</adjustingIdeal><referencePos>" b "</referencePos>"      \
    "<adjust>" v "</adjust></iaPair>\n"

static void test_xml_rejects(void **state)
{
    (void)state;
    /* A good document first, so that the failures below are the edits'. */
    const char *good = XML_HEAD XML_DIMS XML_ACTORS
        "<IdealAdjustment>\n" XML_IA("A", "A", "1") "</IdealAdjustment>\n</Scenario>\n";
    fc_problem p;
    fc_smp_options o;
    fc_error err;
    assert_int_equal(fc_run_parse_ktab(good, strlen(good), "good.xml", &p, &o, &err), FC_OK);
    assert_true(o.seed == 7);
    fc_problem_free(&p);
    fc_smp_options_clear(&o);

    rejects(XML_HEAD XML_DIMS XML_ACTORS "</Scenario>\n", 2, "IdealAdjustment",
            "Following Element is missing");
    rejects("<?xml version=\"1.0\"?>\n<Scenario>\n" XML_DIMS XML_ACTORS
            "<IdealAdjustment>" XML_IA("A", "A", "1") "</IdealAdjustment></Scenario>\n",
            2, "prngSeed", "missing");
    rejects(XML_HEAD XML_DIMS XML_ACTORS "<IdealAdjustment>\n" XML_IA("A", "B", "0.7")
                "</IdealAdjustment>\n</Scenario>\n",
            12, "adjust", "sum to 1.7");
    rejects(XML_HEAD XML_DIMS XML_ACTORS "<IdealAdjustment>\n" XML_IA("A", "Z", "0.5")
                "</IdealAdjustment>\n</Scenario>\n",
            12, "referencePos", "no actor is named 'Z'");
    rejects(XML_HEAD XML_DIMS XML_ACTORS "<IdealAdjustment>\n" XML_IA("A", "B", "1.5")
                "</IdealAdjustment>\n</Scenario>\n",
            12, "adjust", "outside [0, 1]");
    rejects(XML_HEAD XML_DIMS
            "<Actors>\n" XML_ACTOR("A", "10", "20", "50") XML_ACTOR("B", "0", "60", "50")
                XML_ACTOR("C", "30", "90", "50") "</Actors>\n"
                "<IdealAdjustment>" XML_IA("A", "A", "1") "</IdealAdjustment></Scenario>\n",
            8, "capability", "> 0");
    rejects(XML_HEAD XML_DIMS
            "<Actors>\n" XML_ACTOR("A", "10", "", "50") XML_ACTOR("B", "10", "60", "50")
                XML_ACTOR("C", "30", "90", "50") "</Actors>\n"
                "<IdealAdjustment>" XML_IA("A", "A", "1") "</IdealAdjustment></Scenario>\n",
            7, "dCoord", "not a number");
    rejects(XML_HEAD "<ModelParameters><VictoryProbModel>Linear</VictoryProbModel>"
                     "</ModelParameters>\n" XML_DIMS XML_ACTORS
                     "<IdealAdjustment>" XML_IA("A", "A", "1") "</IdealAdjustment></Scenario>\n",
            5, "PCEModel", "missing");
    rejects(XML_HEAD "<Actors>\n" XML_ACTOR("A", "10", "20", "50") "</Actors>\n"
                     "<Dimensions><dName>D1</dName></Dimensions>"
                     "<IdealAdjustment>" XML_IA("A", "A", "1") "</IdealAdjustment></Scenario>\n",
            5, "Actors", "3 to 250");
    rejects(XML_HEAD "<Dimensions>\n", 6, NULL, "");
    /* KTAB's own smpExample.xml has an empty coordinate and is rejected. */
    fc_status st = fc_run_load_ktab(SMP_INPUTS "smpExample.xml", &p, &o, &err);
    assert_int_equal(st, FC_EINPUT);
    assert_string_equal(err.field, "dCoord");
    assert_true(err.line > 0);
    st = fc_run_load_ktab(SMP_INPUTS "dummyData_3Dim.xml", &p, &o, &err);
    assert_int_equal(st, FC_EINPUT);
    assert_string_equal(err.field, "IdealAdjustment");
}

static void test_unknown_parameter_name(void **state)
{
    (void)state;
    const char *text = XML_HEAD
        "<ModelParameters><VictoryProbModel>Linear</VictoryProbModel><PCEModel>Conditional"
        "</PCEModel><StateTransitions>Deterministic</StateTransitions><VotingRule>Proportional"
        "</VotingRule><BigRAdjust>OneThird</BigRAdjust><BigRRange>Mid</BigRRange>"
        "<ThirdPartyCommit>SemiCommit</ThirdPartyCommit><InterVecBrgn>S2P2</InterVecBrgn>"
        "<BargnModel>InitOnlyInterp</BargnModel></ModelParameters>\n" XML_DIMS XML_ACTORS
        "<IdealAdjustment>" XML_IA("A", "A", "1") "</IdealAdjustment></Scenario>\n";
    rejects(text, 5, "VotingRule", "'Proportional' is not one of");

    /* The reader keeps the value as written (io/ knows no model) ... */
    fc_ktab_settings ks = {0};
    fc_error err;
    assert_int_equal(fc_ktab_parse(text, strlen(text), "case.xml", NULL, &ks, &err), FC_OK);
    assert_int_equal(ks.n_params, 9);
    assert_string_equal(ks.params[3].key, "VotingRule");
    assert_string_equal(ks.params[3].value, "Proportional");
    assert_int_equal(ks.params[3].line, 5);
    assert_true(ks.has_seed && ks.seed == 7);
    assert_int_equal(ks.n_actors, 3);
    fc_ktab_settings_clear(&ks);
    /* ... and reading the file for a run, validate included, still refuses it. */
    fc_run_options ro;
    fc_run_options_init(&ro);
    ro.text = text;
    ro.text_len = strlen(text);
    ro.text_name = "case.xml";
    fc_run_result *r = NULL;
    assert_int_equal(fc_run_load(&ro, &r, &err), FC_EINPUT);
    assert_null(r);
    assert_string_equal(err.field, "VotingRule");
    assert_int_equal(err.line, 5);
}

static void test_sniff(void **state)
{
    (void)state;
    const char *a = "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<Scenario>";
    assert_int_equal(fc_ktab_sniff(a, strlen(a)), FC_KTAB_XML);
    const char *b = "<?xml version=\"1.0\"?>\n<scenario>";
    assert_int_equal(fc_ktab_sniff(b, strlen(b)), FC_KTAB_NONE);
    const char *c = "Name, desc, 7, 3,\n";
    assert_int_equal(fc_ktab_sniff(c, strlen(c)), FC_KTAB_CSV);
    const char *d = "id,name,capability,position,salience\n";
    assert_int_equal(fc_ktab_sniff(d, strlen(d)), FC_KTAB_NONE);
}

/* The scenario route (what `fulcrum forecast FILE --model smp` uses) gives KTAB's run too. */
static void test_scenario_route_same_run(void **state)
{
    (void)state;
    const char *files[] = {SMP_INPUTS "dummyData_6Dim.csv", SMP_INPUTS "smpExample_det.xml"};
    for (size_t k = 0; k < 2; k++) {
        fc_scenario *sc = NULL;
        fc_error err;
        fc_status st = fc_ktab_load_scenario(files[k], &sc, &err);
        if (st) {
            char msg[512];
            fc_error_format(&err, msg, sizeof msg);
            print_error("%s\n", msg);
        }
        assert_int_equal(st, FC_OK);
        st = fc_scenario_validate(sc, &err);
        if (st) {
            char msg[512];
            fc_error_format(&err, msg, sizeof msg);
            print_error("%s\n", msg);
        }
        assert_int_equal(st, FC_OK);
        fc_problem ps, pk;
        fc_smp_options o;
        assert_int_equal(fc_problem_from_scenario(&ps, sc, NULL, 1, &err), FC_OK);
        assert_int_equal(fc_run_load_ktab(files[k], &pk, &o, &err), FC_OK);
        assert_int_equal(ps.n_actors, pk.n_actors);
        assert_int_equal(ps.n_dims, pk.n_dims);
        assert_memory_equal(ps.position, pk.position, pk.n_actors * pk.n_dims * sizeof(double));
        assert_memory_equal(ps.salience, pk.salience, pk.n_actors * pk.n_dims * sizeof(double));
        assert_memory_equal(ps.capability, pk.capability, pk.n_actors * sizeof(double));
        fc_scenario_free(sc);
        fc_problem_free(&ps);
        fc_problem_free(&pk);
        fc_smp_options_clear(&o);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_loads),
        cmocka_unit_test(test_xml_loads),
        cmocka_unit_test(test_csv_rejects),
        cmocka_unit_test(test_xml_rejects),
        cmocka_unit_test(test_unknown_parameter_name),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_scenario_route_same_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
