/* Options of the expected-utility model: the three presets of the specification as filled
 * structs, and setting any switch by its name from text (--set NAME=VALUE). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "models/eum_internal.h"

const fc_eum_options fc_eum_preset_scholz = {
    .probability_denominator = FC_EUM_DEN_ALL_PAIRS,
    .vote_exponent = FC_EUM_VOTE_VOTER_R,
    .risk_update = FC_EUM_RISK_SIMULTANEOUS,
    .eu_perspective = FC_EUM_PERSPECTIVE_RECEIVER,
    .eu_ji_salience = FC_EUM_SALIENCE_TARGET,
    .Q = 1.0,
    .q_term = FC_EUM_Q_SQ_ONLY,
    .T = FC_EUM_T_ONE,
    .mu = FC_EUM_MU_MEDIAN,
    .capitulation = 0,
    .offer_choice = FC_EUM_CHOICE_CONFLICT_FIRST_CLOSEST,
    .compromise_key = FC_EUM_KEY_ABS_WEIGHTED,
    .compromise_point = FC_EUM_POINT_CONCESSION,
    .range_D = FC_EUM_RANGE_INITIAL,
    .median_candidates = FC_EUM_MEDIAN_DISTINCT_ASCENDING,
    .moves = FC_EUM_MOVES_SIMULTANEOUS,
    .rounds = 10,
    .tol = -1.0,
};

const fc_eum_options fc_eum_preset_scholz_fixed = {
    .probability_denominator = FC_EUM_DEN_ALL_PAIRS,
    .vote_exponent = FC_EUM_VOTE_VOTER_R,
    .risk_update = FC_EUM_RISK_SEQUENTIAL,
    .eu_perspective = FC_EUM_PERSPECTIVE_RECEIVER,
    .eu_ji_salience = FC_EUM_SALIENCE_TARGET,
    .Q = 1.0,
    .q_term = FC_EUM_Q_SQ_ONLY,
    .T = FC_EUM_T_ONE,
    .mu = FC_EUM_MU_MEDIAN,
    .capitulation = 1,
    .offer_choice = FC_EUM_CHOICE_CONFLICT_FIRST_CLOSEST,
    .compromise_key = FC_EUM_KEY_SIGNED_WEIGHTED,
    .compromise_point = FC_EUM_POINT_CONCESSION,
    .range_D = FC_EUM_RANGE_INITIAL,
    .median_candidates = FC_EUM_MEDIAN_ACTOR_ORDER,
    .moves = FC_EUM_MOVES_SIMULTANEOUS,
    .rounds = 10,
    .tol = -1.0,
};

const fc_eum_options fc_eum_preset_bdm_paper = {
    .probability_denominator = FC_EUM_DEN_PAIRWISE,
    .vote_exponent = FC_EUM_VOTE_ONE,
    .risk_update = FC_EUM_RISK_SIMULTANEOUS,
    .eu_perspective = FC_EUM_PERSPECTIVE_OWN,
    .eu_ji_salience = FC_EUM_SALIENCE_ALTER,
    .Q = 1.0,
    .q_term = FC_EUM_Q_FULL,
    .T = FC_EUM_T_ONE,
    .mu = FC_EUM_MU_MEDIAN,
    .capitulation = 1,
    .offer_choice = FC_EUM_CHOICE_LEAST_MOVE,
    .compromise_key = FC_EUM_KEY_ABS_WEIGHTED,
    .compromise_point = FC_EUM_POINT_CONCESSION,
    .range_D = FC_EUM_RANGE_INITIAL,
    .median_candidates = FC_EUM_MEDIAN_DISTINCT_ASCENDING,
    .moves = FC_EUM_MOVES_SIMULTANEOUS,
    .rounds = 10,
    .tol = -1.0,
};

void fc_eum_options_init(fc_eum_options *o)
{
    *o = fc_eum_preset_scholz;
}

fc_status fc_eum_options_preset(fc_eum_options *o, const char *preset, fc_error *err)
{
    if (!preset || strcmp(preset, "scholz") == 0)
        *o = fc_eum_preset_scholz;
    else if (strcmp(preset, "scholz-fixed") == 0)
        *o = fc_eum_preset_scholz_fixed;
    else if (strcmp(preset, "bdm-paper") == 0)
        *o = fc_eum_preset_bdm_paper;
    else
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset",
                            "unknown preset '%s' of model 'eum' (scholz, scholz-fixed, bdm-paper)",
                            preset);
    return FC_OK;
}

/* The switches whose value is one of a list of names; the index in the list is the enum value. */
typedef struct enum_switch {
    const char *key;
    const char *values[4];
} enum_switch;

static const enum_switch enum_switches[] = {
    {"probability_denominator", {"all_pairs", "pairwise"}},
    {"vote_exponent", {"voter_r", "one"}},
    {"risk_update", {"simultaneous", "sequential"}},
    {"eu_perspective", {"receiver", "own"}},
    {"eu_ji_salience", {"target", "alter"}},
    {"q_term", {"sq_only", "full"}},
    {"T", {"one", "zero", "preana"}},
    {"mu", {"median", "mean"}},
    {"capitulation", {"off", "on"}},
    {"offer_choice", {"conflict_first_closest", "least_move", "max_sender_eu"}},
    {"compromise_key", {"abs_weighted", "signed_weighted"}},
    {"compromise_point", {"concession", "weighted_average"}},
    {"range_D", {"initial", "current"}},
    {"median_candidates", {"distinct_ascending", "actor_order"}},
    {"moves", {"simultaneous"}},
};

const char *eum_option_value_name(const char *key, int value)
{
    for (size_t s = 0; s < sizeof enum_switches / sizeof enum_switches[0]; s++)
        if (strcmp(enum_switches[s].key, key) == 0)
            return value >= 0 && value < 4 ? enum_switches[s].values[value] : NULL;
    return NULL;
}

static void store_enum(fc_eum_options *o, size_t s, int v)
{
    switch (s) {
    case 0: o->probability_denominator = (fc_eum_denominator)v; break;
    case 1: o->vote_exponent = (fc_eum_vote_exponent)v; break;
    case 2: o->risk_update = (fc_eum_risk_update)v; break;
    case 3: o->eu_perspective = (fc_eum_perspective)v; break;
    case 4: o->eu_ji_salience = (fc_eum_ji_salience)v; break;
    case 5: o->q_term = (fc_eum_q_term)v; break;
    case 6: o->T = (fc_eum_t_rule)v; break;
    case 7: o->mu = (fc_eum_mu)v; break;
    case 8: o->capitulation = v; break;
    case 9: o->offer_choice = (fc_eum_offer_choice)v; break;
    case 10: o->compromise_key = (fc_eum_compromise_key)v; break;
    case 11: o->compromise_point = (fc_eum_compromise_point)v; break;
    case 12: o->range_D = (fc_eum_range_d)v; break;
    case 13: o->median_candidates = (fc_eum_median_candidates)v; break;
    default: o->moves = (fc_eum_moves)v; break;
    }
}

static int parse_number(const char *text, double *out)
{
    return fc_number_parse(text, out) == FC_NUMBER_OK;
}

fc_status fc_eum_options_set(fc_eum_options *o, const char *key, const char *value, fc_error *err)
{
    for (size_t s = 0; s < sizeof enum_switches / sizeof enum_switches[0]; s++) {
        const enum_switch *sw = &enum_switches[s];
        if (strcmp(sw->key, key) != 0)
            continue;
        for (int v = 0; v < 4 && sw->values[v]; v++)
            if (strcmp(sw->values[v], value) == 0) {
                store_enum(o, s, v);
                return FC_OK;
            }
        /* capitulation also takes the usual boolean spellings */
        if (s == 8 && (!strcmp(value, "1") || !strcmp(value, "true") || !strcmp(value, "0") ||
                       !strcmp(value, "false"))) {
            o->capitulation = value[0] == '1' || value[0] == 't';
            return FC_OK;
        }
        char list[160] = "";
        for (int v = 0; v < 4 && sw->values[v]; v++) {
            if (v)
                strcat(list, ", ");
            strcat(list, sw->values[v]);
        }
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                            "'%s' is not a value of eum switch %s (%s)", value, key, list);
    }
    double v;
    if (strcmp(key, "Q") == 0) {
        if (!parse_number(value, &v) || v < 0 || v > 1)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key, "Q must be a number in [0, 1], not '%s'", value);
        o->Q = v;
        return FC_OK;
    }
    if (strcmp(key, "rounds") == 0) {
        if (!parse_number(value, &v) || v < 0 || v != floor(v) || v > 1e9)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                                "rounds must be a whole number >= 0, not '%s'", value);
        o->rounds = (size_t)v;
        return FC_OK;
    }
    if (strcmp(key, "tol") == 0) {
        if (!strcmp(value, "off") || !strcmp(value, "disabled") || !strcmp(value, "none")) {
            o->tol = -1.0;
            return FC_OK;
        }
        if (!parse_number(value, &v) || v < 0)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                                "tol must be a number >= 0 or 'off', not '%s'", value);
        o->tol = v;
        return FC_OK;
    }
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                        "model 'eum' has no switch '%s' (see docs/models/eum.md)", key);
}
