/* The table of forecasters and the generic way to run one with a preset and settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/eum.h"
#include "fulcrum/model.h"
#include "fulcrum/smp.h"
#include "fulcrum/util.h"

static const fc_model *const table[] = {
    &fc_model_status_quo,
    &fc_model_median,
    &fc_model_compromise,
    &fc_model_capability_mean,
    &fc_model_eum,
    &fc_model_smp,
    /* Run only when named (on_request): none beats the compromise model (docs/accuracy.md). */
    &fc_model_nbs,
    &fc_model_procedural,
    &fc_model_exchange,
};

/* The first N_DEFAULT entries are the ones "all" runs. */
#define N_DEFAULT 6

const fc_model *const *fc_models(size_t *count)
{
    *count = N_DEFAULT;
    return table;
}

const fc_model *const *fc_models_all(size_t *count)
{
    *count = sizeof table / sizeof table[0];
    return table;
}

const fc_model *fc_model_find(const char *name)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i]->name, name) == 0)
            return table[i];
    return NULL;
}

fc_status fc_model_run(const fc_model *m, const fc_problem *p, const char *preset,
                       const char *const *settings, size_t n_settings, fc_forecast **out,
                       fc_error *err)
{
    *out = NULL;
    if (m->max_dims && p->n_dims > m->max_dims)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "issue",
                            "model '%s' works on %zu issue(s) at a time; name the issue to forecast",
                            m->name, m->max_dims);
    if (m->options_size == 0) {
        if (preset && preset[0])
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset",
                                "model '%s' has no presets", m->name);
        if (n_settings > 0)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "settings",
                                "model '%s' has no options", m->name);
        return m->run(p, NULL, out, err);
    }
    void *opts = calloc(1, m->options_size);
    if (!opts)
        return fc_error_nomem(err);
    fc_status st = m->options_init(opts, preset && preset[0] ? preset : NULL, err);
    for (size_t i = 0; st == FC_OK && i < n_settings; i++) {
        const char *eq = strchr(settings[i], '=');
        if (!eq) {
            st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "settings",
                              "'%s' is not of the form NAME=VALUE", settings[i]);
            break;
        }
        char key[64];
        size_t klen = (size_t)(eq - settings[i]);
        if (klen >= sizeof key)
            klen = sizeof key - 1;
        memcpy(key, settings[i], klen);
        key[klen] = '\0';
        st = m->options_set(opts, key, eq + 1, err);
    }
    if (st == FC_OK)
        st = m->run(p, opts, out, err);
    free(opts);
    /* The model owns its label: one that names what it ran (e.g. "custom" after a setting
     * moved it off every preset) keeps it; otherwise the preset asked for, or the default. */
    if (st == FC_OK && !(*out)->preset[0]) {
        const char *name = preset && preset[0] ? preset : m->presets ? m->presets[0] : "";
        snprintf((*out)->preset, sizeof (*out)->preset, "%s", name);
    }
    return st;
}
