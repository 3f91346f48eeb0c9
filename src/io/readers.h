/* Private entry points of the scenario readers and writers (src/io/). */
#ifndef FULCRUM_IO_READERS_H
#define FULCRUM_IO_READERS_H

#include <stddef.h>

#include "fulcrum/io.h"

/* Fill an empty scenario from text; `name` is the file name for messages. */
fc_status fc_read_yaml(const char *text, size_t len, const char *name, fc_scenario *sc, fc_error *err);
fc_status fc_read_csv(const char *text, size_t len, const char *name, double salience_scale,
                      fc_scenario *sc, fc_error *err);

#endif
