/* Readers of KTAB's scenario files for its spatial model of politics: the CSV table and
 * the XML document (with its ModelParameters block, seed and ideal adjustments). A file
 * is checked as KTAB checks it (specs/smp.md S2.3) and becomes an fc_problem (positions
 * on each dimension's 0..100 scale, saliences on 0..1) plus the run settings it asks for,
 * or an fc_scenario for the rest of Fulcrum. The settings stay in the file's own words: io/
 * knows no model, and fc_run_ktab_options (fulcrum/run.h) turns them into the spatial
 * model's options. */
#ifndef FULCRUM_KTAB_H
#define FULCRUM_KTAB_H

#include "fulcrum/export.h"

#include <stddef.h>
#include <stdint.h>

#include "fulcrum/error.h"
#include "fulcrum/problem.h"
#include "fulcrum/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fc_ktab_format {
    FC_KTAB_NONE = 0,   /* not a KTAB file */
    FC_KTAB_CSV,
    FC_KTAB_XML
} fc_ktab_format;

/* The nine parameters of an XML file's <ModelParameters> block. */
#define FC_KTAB_MAX_PARAMS 9

/* One parameter as written: KTAB's element name, its text and its line. */
typedef struct fc_ktab_param {
    const char *key;     /* static: "VictoryProbModel", "PCEModel", ... */
    char *value;
    int line;
} fc_ktab_param;

/* What a KTAB file asks of the run besides the problem. A CSV file asks for nothing (KTAB's
 * defaults); an XML file gives its seed, its parameters and its ideal adjustments. */
typedef struct fc_ktab_settings {
    char *file;                               /* the name used in messages */
    fc_ktab_param params[FC_KTAB_MAX_PARAMS];
    size_t n_params;
    int has_seed;
    uint64_t seed;                            /* prngSeed */
    double *ideal_adjustment;                 /* n x n, row i = how i's ideal follows the
                                                 others; NULL for the identity */
    size_t n_actors;
} fc_ktab_settings;

/* Releases what the settings own (safe on zeroed settings) and zeroes them. */
FC_API void fc_ktab_settings_clear(fc_ktab_settings *s);

/* Tells a KTAB file from other scenario files by its content: an XML document whose root
 * is <Scenario>, or a CSV whose first line is "name, description, N, D". */
FC_API fc_ktab_format fc_ktab_sniff(const char *text, size_t len);

/* fc_ktab_sniff on the start of a file; FC_KTAB_NONE when it cannot be read. */
FC_API fc_ktab_format fc_ktab_sniff_file(const char *path);

/* Loads a KTAB file (format by content). On success *p holds the problem (free it with
 * fc_problem_free) and *settings the file's parameters, seed and ideal adjustments (release
 * with fc_ktab_settings_clear); either may be NULL when not wanted. Errors name the file,
 * line and field. */
FC_API fc_status fc_ktab_load(const char *path, fc_problem *p, fc_ktab_settings *settings,
                              fc_error *err);

/* The same from text; `name` is the file name used in error messages. */
FC_API fc_status fc_ktab_parse(const char *text, size_t len, const char *name, fc_problem *p,
                               fc_ktab_settings *settings, fc_error *err);

/* Loads a KTAB file as a scenario: one issue per dimension (scale 0..100), saliences on
 * 0..100. What a scenario cannot hold (model parameters, seed, ideal adjustments) is
 * dropped; use fc_ktab_load to keep it (fc_run_forecast, include/fulcrum/run.h, runs the
 * spatial model on a KTAB file with them). The scenario is not validated (two actors may share
 * an id): fc_scenario_validate it, as fc_scenario_parse does for every format. */
FC_API fc_status fc_ktab_load_scenario(const char *path, fc_scenario **out, fc_error *err);
FC_API fc_status fc_ktab_parse_scenario(const char *text, size_t len, const char *name,
                                        fc_scenario **out, fc_error *err);


#ifdef __cplusplus
}
#endif
#endif
