/* How a KTAB file's settings become the spatial model's options. The reader (io/ktab.c)
 * keeps them as the file writes them, because io/ knows no model; the run reads them here. */
#include "fulcrum/run.h"

#include <stdlib.h>
#include <string.h>

#include "fulcrum/ktab.h"

fc_status fc_run_ktab_options(const struct fc_ktab_settings *s, fc_smp_options *o, fc_error *err)
{
    fc_smp_options_init(o);
    if (s->has_seed)
        o->seed = s->seed;
    for (size_t i = 0; i < s->n_params; i++) {
        const fc_ktab_param *kp = &s->params[i];
        fc_error e2;
        if (fc_smp_options_set(o, kp->key, kp->value, &e2) != FC_OK) {
            fc_smp_options_clear(o);
            return fc_error_set(err, FC_EINPUT, s->file, kp->line, 0, kp->key, "%s", e2.message);
        }
    }
    if (s->ideal_adjustment) {
        fc_status st = fc_smp_options_set_accommodation(o, s->ideal_adjustment, s->n_actors, err);
        if (st) {
            fc_smp_options_clear(o);
            return st;
        }
    }
    return FC_OK;
}

/* Shared tail of the two loaders: the settings to options, the problem freed on failure. */
static fc_status finish(fc_status st, fc_ktab_settings *s, fc_problem *p, fc_smp_options *o,
                        fc_error *err)
{
    if (!st) {
        st = fc_run_ktab_options(s, o, err);
        if (st && p)
            fc_problem_free(p);
    }
    fc_ktab_settings_clear(s);
    return st;
}

fc_status fc_run_load_ktab(const char *path, fc_problem *p, fc_smp_options *o, fc_error *err)
{
    fc_ktab_settings s = {0};
    return finish(fc_ktab_load(path, p, &s, err), &s, p, o, err);
}

fc_status fc_run_parse_ktab(const char *text, size_t len, const char *name, fc_problem *p,
                            fc_smp_options *o, fc_error *err)
{
    fc_ktab_settings s = {0};
    return finish(fc_ktab_parse(text, len, name, p, &s, err), &s, p, o, err);
}
