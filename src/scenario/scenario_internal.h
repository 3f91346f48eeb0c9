/* Private helpers shared by the scenario's files: the outcome block's release, copy and
 * rules live in outcome.c and are called from scenario.c and validate.c. */
#ifndef FULCRUM_SCENARIO_INTERNAL_H
#define FULCRUM_SCENARIO_INTERNAL_H

#include "fulcrum/scenario.h"

void scenario_outcome_free(fc_outcome *o);
/* Deep copy into an empty outcome; returns 0 when out of memory (dst is then freeable). */
int scenario_outcome_copy(fc_outcome *dst, const fc_outcome *src);
fc_status scenario_outcome_validate(const fc_scenario *sc, fc_error *err);
/* The shared rule for one estimated number's declared uncertainty (validate.c). */
fc_status scenario_check_uncertainty(const fc_scenario *sc, const fc_value *v, const char *field,
                                     fc_error *err);

#endif
