/* The dilemma's figures for `fulcrum chart dilemma` and `fulcrum report --dilemma`: one
 * model's comparison of the decider's choices (EUM by default, the model that predicts the
 * backlash), computed by the library. */
#include <string.h>

#include "tool.h"

fc_status tool_dilemma_chart(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                             const char *mode, fc_dilemma **d, fc_chart_dilemma **cd, fc_error *err)
{
    *d = NULL;
    *cd = NULL;
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    o.issue = issue;
    o.model = model ? model : fc_model_find("eum") ? "eum" : NULL;
    o.preset = preset;
    if (mode && strcmp(mode, "commit") == 0)
        o.mode = FC_DILEMMA_COMMIT;
    else if (mode && strcmp(mode, "start") != 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "--mode", "--mode must be start or commit, not '%s'", mode);
    fc_status st = fc_dilemma_compute(sc, &o, d, err);
    if (!st)
        st = fc_chart_dilemma_from(*d, 0, cd, err);
    return st;
}
