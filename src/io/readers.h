/* Private entry points of the scenario readers and writers (src/io/). */
#ifndef FULCRUM_IO_READERS_H
#define FULCRUM_IO_READERS_H

#include <stdbool.h>
#include <stddef.h>

#include "fulcrum/io.h"

/* Reading with every error collected (fc_load_options.errors): the errors, and the lines of the
 * items that failed to read, whose half-filled values validation should not report again. */
typedef struct io_span {
    int first, last; /* 1-based lines */
} io_span;
typedef struct io_collect {
    fc_error_list *errors;
    io_span *spans;
    size_t n_spans, cap_spans;
    bool nomem;
    bool loaded; /* the document was loaded and has content: validation can look at it */
} io_collect;

/* Fill an empty scenario from text; `name` is the file name for messages. */
fc_status fc_read_yaml(const char *text, size_t len, const char *name, fc_scenario *sc, fc_error *err);
/* The same, collecting every error when `collect` is not NULL (it may then fail with FC_EINPUT
 * and leave a partly filled scenario, to be validated for the rest). */
fc_status io_read_yaml_all(const char *text, size_t len, const char *name, fc_scenario *sc,
                           io_collect *collect, fc_error *err);
fc_status fc_read_csv(const char *text, size_t len, const char *name, double salience_scale,
                      fc_scenario *sc, fc_error *err);

#endif
