/* Readers and writers of scenario files: YAML (with comments, so every number can carry its
 * source), JSON (a scenario written as JSON reads back through the same parser), and the
 * plain CSV actor table of the EUM literature. */
#ifndef FULCRUM_IO_H
#define FULCRUM_IO_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/error.h"
#include "fulcrum/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fc_format {
    FC_FORMAT_AUTO = 0,  /* by file extension */
    FC_FORMAT_YAML,
    FC_FORMAT_JSON,
    FC_FORMAT_CSV
} fc_format;

typedef struct fc_load_options {
    fc_format format;
    double csv_salience_scale;  /* CSV tables only: 100 (default) or 1 */
    fc_error_list *errors;      /* not NULL: every problem found is appended, not just the first
                                 * (the load still fails with the first; `fulcrum validate`) */
} fc_load_options;

/* Options with their defaults: format by extension, CSV saliences on 0..100. */
FC_API void fc_load_options_init(fc_load_options *o);

/* The format a path's extension names (.yaml/.yml, .json, .csv); FC_FORMAT_AUTO if none. */
FC_API fc_format fc_format_from_path(const char *path);

/* Reads and validates a scenario file. */
FC_API fc_status fc_scenario_load(const char *path, const fc_load_options *opts, fc_scenario **out,
                                  fc_error *err);

/* Parses and validates scenario text; `name` is used in error messages as the file name. */
FC_API fc_status fc_scenario_parse(const char *text, size_t len, const char *name,
                                   const fc_load_options *opts, fc_scenario **out, fc_error *err);

/* Serialises a scenario. The caller frees *text. */
FC_API fc_status fc_scenario_to_yaml(const fc_scenario *sc, char **text, fc_error *err);
FC_API fc_status fc_scenario_to_json(const fc_scenario *sc, char **text, fc_error *err);

/* Writes a scenario in the format of the path's extension (atomically). */
FC_API fc_status fc_scenario_save(const fc_scenario *sc, const char *path, fc_error *err);

/* The scenarios compiled into the library: "azerbaijan-2014" (the default) and its text. */
FC_API const char *fc_builtin_scenario_name(void);
FC_API const char *fc_builtin_scenario_text(size_t *len);
FC_API fc_status fc_scenario_load_builtin(fc_scenario **out, fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
