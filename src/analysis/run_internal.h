/* What the analyses share of the run entry point (src/analysis/run.c) beyond the public
 * header: the one-model preset rule for models that may not be in fc_models(). */
#ifndef FULCRUM_RUN_INTERNAL_H
#define FULCRUM_RUN_INTERNAL_H

#include "fulcrum/error.h"
#include "fulcrum/model.h"

/* FC_OK when preset is NULL, "" or one of m's presets; else the refusal (field "preset"),
 * worded by the model itself when it has presets. */
fc_status run_check_preset(const fc_model *m, const char *preset, fc_error *err);

#endif
