/* Options as "key=value" strings, and the backtest of a DEU table (path or text) to its
 * report in one call: what fc_report_analysis (src/report/analysis_report.c) and through it
 * the Python and R bindings use, so that they mirror none of the analyses' option structs. */
#include "fulcrum/run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/backtest.h"
#include "fulcrum/deu.h"
#include "fulcrum/util.h"

#define RUN_MAX_MODELS 128

/* The value of `key` among args ("key=value"), or NULL; the last one given wins. */
const char *fc_run_arg_value(const char *const *args, size_t n, const char *key)
{
    const char *found = NULL;
    size_t kl = strlen(key);
    for (size_t i = 0; i < n; i++)
        if (args[i] && strncmp(args[i], key, kl) == 0 && args[i][kl] == '=')
            found = args[i] + kl + 1;
    return found;
}

/* Every argument must be "key=value" with a key the analysis knows: a misspelt option is
 * an error, not a silent default. */
fc_status fc_run_args_check(const char *analysis, const char *const *args, size_t n, const char *const *known,
                            fc_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const char *eq = args[i] ? strchr(args[i], '=') : NULL;
        if (!eq)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "args", "'%s' is not key=value",
                                args[i] ? args[i] : "(null)");
        size_t kl = (size_t)(eq - args[i]);
        int ok = 0;
        for (size_t k = 0; known[k] && !ok; k++)
            ok = strlen(known[k]) == kl && strncmp(known[k], args[i], kl) == 0;
        if (!ok)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "args", "the %s has no option '%.*s'", analysis,
                                (int)kl, args[i]);
    }
    return FC_OK;
}

/* A whole number from lo to hi given as `key`, or *out unchanged when absent. */
fc_status fc_run_arg_count(const char *const *args, size_t n, const char *key, double lo, double hi,
                           unsigned long long *out, fc_error *err)
{
    const char *v = fc_run_arg_value(args, n, key);
    if (!v)
        return FC_OK;
    double x;
    if (fc_number_parse(v, &x) != FC_NUMBER_OK || x != floor(x) || x < lo || x > hi)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key, "%s needs a whole number from %.0f to %.0f, not '%s'",
                            key, lo, hi, v);
    *out = (unsigned long long)x;
    return FC_OK;
}

/* A yes/no option: 1/0, true/false, yes/no, on/off. */
fc_status fc_run_arg_flag(const char *const *args, size_t n, const char *key, int *out, fc_error *err)
{
    const char *v = fc_run_arg_value(args, n, key);
    if (!v)
        return FC_OK;
    if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on"))
        *out = 1;
    else if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off"))
        *out = 0;
    else
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key, "%s must be true or false, not '%s'", key, v);
    return FC_OK;
}

fc_status fc_run_arg_mode(const char *const *args, size_t n, int *commit, fc_error *err)
{
    const char *v = fc_run_arg_value(args, n, "mode");
    if (!v || !strcmp(v, "start"))
        *commit = 0;
    else if (!strcmp(v, "commit"))
        *commit = 1;
    else
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "mode", "mode must be start or commit, not '%s'", v);
    return FC_OK;
}

fc_status fc_run_backtest(const fc_run_options *o, const char *format, const char *const *args, size_t n,
                          char **out, fc_error *err)
{
    if (!out)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "out", "no place for the report");
    *out = NULL;
    const char *fmt = format ? format : "json";
    static const char *const known[] = {"capabilities", "models", "bootstrap", "seed", "threads", NULL};
    fc_status st = fc_run_args_check("backtest", args, n, known, err);
    if (st)
        return st;
    if (strcmp(fmt, "text") && strcmp(fmt, "json") && strcmp(fmt, "csv") && strcmp(fmt, "issues-csv"))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "format",
                            "the backtest's format must be text, json, csv or issues-csv, not '%s'", fmt);
    if (!o || (!o->path && !o->text))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "path", "the backtest needs a DEU table (path or text)");
    fc_backtest_options bo;
    fc_backtest_options_init(&bo);
    unsigned long long boot = bo.n_boot, seed = bo.seed, threads = 0;
    if ((st = fc_run_arg_count(args, n, "bootstrap", 0, 1e6, &boot, err)) ||
        (st = fc_run_arg_count(args, n, "seed", 0, 9007199254740992.0, &seed, err)) ||
        (st = fc_run_arg_count(args, n, "threads", 0, 4096, &threads, err)))
        return st;
    const char *caps_name = fc_run_arg_value(args, n, "capabilities");
    fc_deu_capabilities caps;
    if ((st = fc_deu_capabilities_parse(caps_name ? caps_name : "council-votes", &caps, err)))
        return st;
    /* models=a,b:c -> specs pointing into one copy of the value. */
    const char *models = fc_run_arg_value(args, n, "models");
    const char *specs[RUN_MAX_MODELS];
    size_t n_specs = 0;
    char *copy = NULL;
    if (models && strcmp(models, "all") != 0) {
        if (!(copy = malloc(strlen(models) + 1)))
            return fc_error_nomem(err);
        strcpy(copy, models);
        for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            if (n_specs == RUN_MAX_MODELS) {
                free(copy);
                return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "models", "too many models");
            }
            specs[n_specs++] = t;
        }
        if (!n_specs) {
            free(copy);
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "models", "models names no model");
        }
    }
    bo.models = specs;
    bo.n_models = n_specs;
    bo.model = o->model;
    bo.preset = o->preset;
    bo.settings = o->settings;
    bo.n_settings = o->n_settings;
    bo.n_boot = (size_t)boot;
    bo.seed = seed;
    bo.threads = (int)threads;
    fc_deu_set *set = NULL;
    fc_backtest_result *r = NULL;
    if (o->text)
        st = fc_deu_parse(o->text, o->text_len, o->text_name ? o->text_name : "table.tsv", caps, &set, err);
    else
        st = fc_deu_load(o->path, caps, &set, err);
    if (!st)
        st = fc_backtest_run(set, &bo, &r, err);
    if (!st) {
        if (!strcmp(fmt, "json"))
            st = fc_backtest_report_json(r, out, err);
        else if (!strcmp(fmt, "csv"))
            st = fc_backtest_report_csv(r, out, err);
        else if (!strcmp(fmt, "issues-csv"))
            st = fc_backtest_issues_csv(r, out, err);
        else
            st = fc_backtest_report_text(r, out, err);
    }
    fc_backtest_result_free(r);
    fc_deu_set_free(set);
    free(copy);
    return st;
}

