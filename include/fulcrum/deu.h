/* The DEU table (Decision-making in the European Union): for each contested issue of an EU
 * legislative proposal, the actors' positions and saliences, the reference point and the outcome
 * actually decided. fc_deu_* (module io, src/io/deu.c) reads it into one fc_problem per issue. */
#ifndef FULCRUM_DEU_H
#define FULCRUM_DEU_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/error.h"
#include "fulcrum/problem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* DEU records no capabilities; a backtest supplies them by a named scheme. */
typedef enum fc_deu_capabilities {
    /* Council QMV vote weights: Amsterdam (pre-Nice) weights for proposals dated up to 2000,
     * Nice weights after; the Commission and the Parliament get the largest weight among the
     * member states taking part in the issue. */
    FC_DEU_COUNCIL_VOTES = 0,
    FC_DEU_EQUAL            /* every actor capability 1: salience alone weighs */
} fc_deu_capabilities;

/* "council-votes" / "equal". */
FC_API const char *fc_deu_capabilities_name(fc_deu_capabilities c);
/* Parses a scheme name; FC_EUSAGE naming the field "capabilities" when unknown. */
FC_API fc_status fc_deu_capabilities_parse(const char *name, fc_deu_capabilities *out, fc_error *err);
/* One sentence on what the scheme does, for reports. */
FC_API const char *fc_deu_capabilities_note(fc_deu_capabilities c);

/* The Council vote weight of a member state (DEU actor code, e.g. "de") under the pre-Nice
 * (nice = 0) or Nice (nice = 1) rules; 0 when the state had no vote under those rules. */
FC_API double fc_deu_council_weight(const char *actor, int nice);

typedef enum fc_deu_era {
    FC_DEU_ERA_TO_2000 = 0,  /* proposal year up to 2000 */
    FC_DEU_ERA_2001_2010,
    FC_DEU_ERA_AFTER_2010,
    FC_DEU_N_ERAS
} fc_deu_era;

/* "<=2000", "2001-2010", ">2010". */
FC_API const char *fc_deu_era_name(fc_deu_era e);

/* The procedure of a proposal and the Council's voting rule (columns proc and counvte). */
typedef enum fc_deu_rule {
    FC_DEU_UNKNOWN = 0,
    FC_DEU_CONSULTATION,
    FC_DEU_CODECISION,
    FC_DEU_QMV,
    FC_DEU_UNANIMITY
} fc_deu_rule;

/* "consultation", "codecision", "qmv", "unanimity"; NULL for FC_DEU_UNKNOWN. */
FC_API const char *fc_deu_rule_name(fc_deu_rule r);

/* One scored issue: a one-dimension problem on the 0..100 scale (salience on 0..1), the
 * reference point as status quo (NaN when not recorded) and the outcome as the truth. */
typedef struct fc_deu_issue {
    char proposal[32];       /* prnr, e.g. "d00032" */
    char id[32];             /* isnr, e.g. "d00032i1" */
    int year;                /* the proposal's year */
    fc_deu_era era;
    int line;                /* line of the row in the file */
    double reference_point;  /* NaN when not recorded */
    double outcome;
    fc_problem problem;
    fc_deu_rule procedure;   /* FC_DEU_CONSULTATION / FC_DEU_CODECISION / FC_DEU_UNKNOWN */
    fc_deu_rule voting_rule; /* FC_DEU_QMV / FC_DEU_UNANIMITY / FC_DEU_UNKNOWN */
} fc_deu_issue;

typedef struct fc_deu_set {
    char *origin;                 /* the file read */
    fc_deu_capabilities capabilities;
    fc_deu_issue *issues;
    size_t n_issues;
    size_t n_rows;                /* data rows in the file */
    size_t n_skipped_no_outcome;  /* rows without an outcome */
    size_t n_skipped_few_actors;  /* rows with fewer than 3 actors having position and salience */
    size_t n_actors_without_vote; /* actor-issue pairs left out: no Council vote in that era */
    size_t n_proposals;           /* distinct proposals among the scored issues */
} fc_deu_set;

/* Reads a DEU table (tab-separated, header row, text fields in double quotes; see
 * docs/backtest.md). Malformed rows give FC_EINPUT naming file, line, column and field. */
FC_API fc_status fc_deu_load(const char *path, fc_deu_capabilities caps, fc_deu_set **out, fc_error *err);
FC_API fc_status fc_deu_parse(const char *text, size_t len, const char *name, fc_deu_capabilities caps,
                              fc_deu_set **out, fc_error *err);
FC_API void fc_deu_set_free(fc_deu_set *set);

#ifdef __cplusplus
}
#endif
#endif
