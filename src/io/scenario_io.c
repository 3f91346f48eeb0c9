/* Loading and saving scenarios: the checks every input passes (size, UTF-8), the choice of
 * reader by format, validation, and the built-in Azerbaijan case. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fulcrum/ktab.h"
#include "fulcrum/util.h"
#include "io/readers.h"
#include "util/strutil.h"

extern const char fc_builtin_text_[];
extern const size_t fc_builtin_text_len_;

void fc_load_options_init(fc_load_options *o)
{
    *o = (fc_load_options){.format = FC_FORMAT_AUTO, .csv_salience_scale = 100.0};
}

fc_format fc_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return FC_FORMAT_AUTO;
    if (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0)
        return FC_FORMAT_YAML;
    if (strcasecmp(dot, ".json") == 0)
        return FC_FORMAT_JSON;
    if (strcasecmp(dot, ".csv") == 0)
        return FC_FORMAT_CSV;
    return FC_FORMAT_AUTO;
}

/* The 1-based line and column of a byte offset, for messages about raw bytes. */
static void locate(const char *text, size_t offset, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n')
            ++*line, *col = 1;
        else
            ++*col;
    }
}

/* Every error of a YAML or JSON scenario: the reader's, then validation's on what was read,
 * leaving out those about items the reader already refused (their values are half-filled). */
static fc_status collect_yaml(const char *text, size_t len, const char *name, fc_scenario *sc,
                              fc_error_list *errors, fc_error *err)
{
    io_collect c = {.errors = errors};
    size_t before = errors->n;
    fc_status st = io_read_yaml_all(text, len, name, sc, &c, err);
    if (st == FC_EINPUT && errors->n == before && fc_error_list_push(errors, err) != FC_OK)
        st = fc_error_nomem(err);
    /* A file libyaml cannot load, or one too large or too deep, has nothing to validate. */
    if (st == FC_EINPUT && c.loaded) {
        fc_error first = errors->items[before];
        fc_error_list found;
        fc_error_list_init(&found);
        fc_error verr;
        fc_error_clear(&verr);
        fc_status vst = fc_scenario_validate_all(sc, &found, &verr);
        for (size_t i = 0; vst != FC_ENOMEM && i < found.n; i++) {
            bool inside = false;
            for (size_t k = 0; k < c.n_spans && !inside; k++)
                inside = found.items[i].line >= c.spans[k].first && found.items[i].line <= c.spans[k].last;
            if (!inside && fc_error_list_push(errors, &found.items[i]) != FC_OK)
                vst = FC_ENOMEM;
        }
        fc_error_list_free(&found);
        *err = first;
        if (vst == FC_ENOMEM || c.nomem)
            st = fc_error_nomem(err);
    } else if (st == FC_OK) {
        st = fc_scenario_validate_all(sc, errors, err);
    } else if (st == FC_EINPUT) {
        *err = errors->items[before];
    }
    free(c.spans);
    return st;
}

fc_status fc_scenario_parse(const char *text, size_t len, const char *name,
                            const fc_load_options *opts, fc_scenario **out, fc_error *err)
{
    *out = NULL;
    fc_load_options o;
    if (opts)
        o = *opts;
    else
        fc_load_options_init(&o);
    if (len > FC_MAX_INPUT_BYTES)
        return fc_error_set(err, FC_EINPUT, name, 0, 0, NULL,
                            "file is larger than the limit of %zu bytes", FC_MAX_INPUT_BYTES);
    size_t bad;
    if (!fc_utf8_valid(text, len, &bad)) {
        int line, col;
        locate(text, bad, &line, &col);
        return fc_error_set(err, FC_EINPUT, name, line, col, NULL,
                            "not UTF-8 text (byte 0x%02x at offset %zu)", (unsigned char)text[bad], bad);
    }
    fc_format fmt = o.format != FC_FORMAT_AUTO ? o.format : fc_format_from_path(name);
    /* KTAB's spatial-model files (its CSV table or its XML document), told by content. */
    if ((fmt == FC_FORMAT_AUTO || fmt == FC_FORMAT_CSV) && fc_ktab_sniff(text, len) != FC_KTAB_NONE) {
        fc_status kst = fc_ktab_parse_scenario(text, len, name, out, err);
        if (kst == FC_OK && (kst = fc_scenario_validate(*out, err)) != FC_OK) {
            fc_scenario_free(*out);
            *out = NULL;
        }
        return kst;
    }
    if (fmt == FC_FORMAT_AUTO)
        fmt = FC_FORMAT_YAML;
    if (fmt == FC_FORMAT_CSV && o.csv_salience_scale != 100.0 && o.csv_salience_scale != 1.0)
        return fc_error_set(err, FC_EUSAGE, name, 0, 0, "csv_salience_scale", "must be 100 or 1");
    fc_scenario *sc = fc_scenario_new();
    if (!sc || !(sc->origin = fc_strdup_or_null(name))) {
        fc_scenario_free(sc);
        return fc_error_nomem(err);
    }
    fc_status st;
    if (o.errors && fmt != FC_FORMAT_CSV)
        st = collect_yaml(text, len, name, sc, o.errors, err);
    else {
        st = fmt == FC_FORMAT_CSV ? fc_read_csv(text, len, name, o.csv_salience_scale, sc, err)
                                  : fc_read_yaml(text, len, name, sc, err);
        if (st == FC_OK)
            st = fc_scenario_validate_all(sc, o.errors, err);
        else if (o.errors && fc_error_list_push(o.errors, err) != FC_OK)
            st = fc_error_nomem(err);
    }
    if (st) {
        fc_scenario_free(sc);
        return st;
    }
    *out = sc;
    return FC_OK;
}

fc_status fc_scenario_load(const char *path, const fc_load_options *opts, fc_scenario **out,
                           fc_error *err)
{
    *out = NULL;
    char *text;
    size_t len;
    fc_status st = fc_file_read(path, FC_MAX_INPUT_BYTES, &text, &len, err);
    if (st)
        return st;
    st = fc_scenario_parse(text, len, path, opts, out, err);
    free(text);
    return st;
}

fc_status fc_scenario_save(const fc_scenario *sc, const char *path, fc_error *err)
{
    fc_format fmt = fc_format_from_path(path);
    char *text = NULL;
    fc_status st;
    switch (fmt) {
    case FC_FORMAT_YAML: st = fc_scenario_to_yaml(sc, &text, err); break;
    case FC_FORMAT_JSON: st = fc_scenario_to_json(sc, &text, err); break;
    default:
        return fc_error_set(err, FC_EUSAGE, path, 0, 0, NULL,
                            "cannot tell the output format: use a .yaml, .yml or .json name");
    }
    if (st == FC_OK)
        st = fc_file_write_atomic(path, text, strlen(text), err);
    free(text);
    return st;
}

const char *fc_builtin_scenario_name(void)
{
    return "azerbaijan-2014";
}

const char *fc_builtin_scenario_text(size_t *len)
{
    if (len)
        *len = fc_builtin_text_len_;
    return fc_builtin_text_;
}

fc_status fc_scenario_load_builtin(fc_scenario **out, fc_error *err)
{
    fc_load_options o;
    fc_load_options_init(&o);
    o.format = FC_FORMAT_YAML;
    return fc_scenario_parse(fc_builtin_text_, fc_builtin_text_len_,
                             "(built-in) scenarios/azerbaijan-2014.yaml", &o, out, err);
}
