/* fulcrum runs: the run store of `fulcrum serve --store` from the command line: list the
 * runs, show one, compare two, and rerun one to check that it reproduces bit for bit. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "serve.h"
#include "tool.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum runs list|show ID|diff ID ID|rerun ID [--store PATH] [--limit N]\n"
            "\n"
            "Reads the run store (docs/serve.md) that `fulcrum serve --store PATH` writes:\n"
            "  list          the newest runs (--limit, default 20): id, time, command, scenario hash\n"
            "  show ID       one run as JSON: inputs, settings, version, result\n"
            "  diff A B      what differs between two runs: command, settings, scenario, result\n"
            "  rerun ID      runs it again with its stored inputs; exit 0 when the result is the\n"
            "                stored one byte for byte, 1 when it differs\n"
            "The store is --store PATH, else $FULCRUM_STORE.\n");
}

static long run_id(const char *v)
{
    char *end;
    long id = v ? strtol(v, &end, 10) : 0;
    return v && !*end && id > 0 ? id : 0;
}

static int show(serve_store *st, long id)
{
    fc_error err;
    fc_error_clear(&err);
    char *text = NULL;
    if (serve_store_run_json(st, id, &text, &err))
        return tool_fail(&err);
    printf("%s\n", text);
    free(text);
    return EXIT_OK;
}

static int list(serve_store *st, long limit)
{
    fc_error err;
    fc_error_clear(&err);
    char *text = NULL;
    if (serve_store_list_json(st, limit, &text, &err))
        return tool_fail(&err);
    json_t *runs = json_loads(text, 0, NULL);
    free(text);
    printf("%6s  %-24s  %-9s  %-12s  %s\n", "id", "time (UTC)", "command", "scenario", "fulcrum");
    for (size_t i = 0; i < json_array_size(runs); i++) {
        json_t *r = json_array_get(runs, i);
        const char *sha = json_string_value(json_object_get(r, "scenario_sha256"));
        printf("%6lld  %-24s  %-9s  %-12.12s  %s\n", (long long)json_integer_value(json_object_get(r, "id")),
               json_string_value(json_object_get(r, "created")), json_string_value(json_object_get(r, "command")),
               sha ? sha : "", json_string_value(json_object_get(r, "fulcrum_version")));
    }
    json_decref(runs);
    return EXIT_OK;
}

static int diff(serve_store *st, long a, long b)
{
    fc_error err;
    fc_error_clear(&err);
    char *ta = NULL, *tb = NULL;
    if (serve_store_run_json(st, a, &ta, &err) || serve_store_run_json(st, b, &tb, &err)) {
        free(ta);
        return tool_fail(&err);
    }
    json_t *ja = json_loads(ta, 0, NULL), *jb = json_loads(tb, 0, NULL);
    free(ta);
    free(tb);
    static const char *const keys[] = {"command", "params", "format", "scenario_sha256", "fulcrum_version",
                                       "result_sha256"};
    int differ = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        json_t *x = json_object_get(ja, keys[i]), *y = json_object_get(jb, keys[i]);
        int same = json_equal(x, y);
        char *dx = json_dumps(x, JSON_ENCODE_ANY | JSON_COMPACT), *dy = json_dumps(y, JSON_ENCODE_ANY | JSON_COMPACT);
        printf("%-16s %s", keys[i], same ? "same" : "differs");
        if (!same)
            printf(": %ld %s, %ld %s", a, dx ? dx : "?", b, dy ? dy : "?");
        printf("\n");
        free(dx);
        free(dy);
        differ |= !same;
    }
    json_decref(ja);
    json_decref(jb);
    return differ ? EXIT_FAILURE_OTHER : EXIT_OK;
}

static int rerun(serve_store *st, long id)
{
    fc_error err;
    fc_error_clear(&err);
    char *result = NULL;
    int same = 0;
    if (serve_store_rerun(st, id, &same, &result, &err))
        return tool_fail(&err);
    free(result);
    if (!same) {
        printf("run %ld: the result differs from the stored one\n", id);
        return EXIT_FAILURE_OTHER;
    }
    printf("run %ld: reproduced bit for bit\n", id);
    return EXIT_OK;
}

const char *tool_store_path(const char *given)
{
    const char *env = getenv("FULCRUM_STORE");
    return given ? given : env && *env ? env : NULL;
}

int tool_keep_run(const char *store, const char *command, const char *file, double salience_scale,
                  const char *const *pairs, size_t n_pairs, const char *result)
{
    fc_error err;
    fc_error_clear(&err);
    const char *format = "builtin";
    if (file) {
        fc_format f = fc_format_from_path(file);
        format = f == FC_FORMAT_YAML ? "yaml" : f == FC_FORMAT_JSON ? "json" : f == FC_FORMAT_CSV ? "csv" : NULL;
        if (!format) {
            fprintf(stderr, "fulcrum: --store: only YAML, JSON and CSV scenarios are kept; %s was not\n", file);
            return EXIT_USAGE;
        }
    }
    /* The parameters as the API names them, and the CSV scale when it is not the default. */
    const char *all[2 * 80 + 2];
    size_t n = 0;
    for (size_t i = 0; i < n_pairs && n + 2 < sizeof all / sizeof all[0] - 2; i++) {
        all[n++] = pairs[2 * i];
        all[n++] = pairs[2 * i + 1];
    }
    if (salience_scale == 1) {
        all[n++] = "salience_scale";
        all[n++] = "1";
    }
    char *text = NULL;
    size_t len = 0;
    fc_status st = FC_OK;
    if (file)
        st = fc_file_read(file, FC_MAX_INPUT_BYTES, &text, &len, &err);
    serve_store *s = NULL;
    if (!st)
        st = serve_store_open(store, &s, &err);
    long id = 0;
    if (!st) {
        const char *body = text ? text : fc_builtin_scenario_text(&len);
        st = serve_store_keep(s, command, all, n / 2, format, file, body, len, result, &id, &err);
    }
    serve_store_close(s);
    free(text);
    if (st)
        return tool_fail(&err);
    fprintf(stderr, "fulcrum: run %ld kept in %s\n", id, store);
    return EXIT_OK;
}

int cmd_runs(int argc, char **argv)
{
    const char *store = getenv("FULCRUM_STORE"), *limit_text = NULL;
    const char *words[3] = {NULL, NULL, NULL};
    size_t n_words = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
        const tool_text_option text_options[] = {{"--store", &store}, {"--limit", &limit_text}};
        int took = tool_take_text_option(argc, argv, &i, "runs", text_options, 2);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        if (argv[i][0] == '-')
            return tool_usage_error("runs", "unknown option '%s'", argv[i]);
        if (n_words == 3)
            return tool_usage_error("runs", "too many arguments");
        words[n_words++] = argv[i];
    }
    if (!n_words)
        return tool_usage_error("runs", "which? list, show ID, diff ID ID or rerun ID");
    if (!store || !*store)
        return tool_usage_error("runs", "which store? (--store PATH or FULCRUM_STORE)");
    long limit = 20;
    if (limit_text && !(limit = run_id(limit_text)))
        return tool_usage_error("runs", "--limit needs a whole number >= 1");
    const char *w = words[0];
    long a = run_id(words[1]), b = run_id(words[2]);
    int need = strcmp(w, "list") == 0 ? 1 : strcmp(w, "diff") == 0 ? 3 : 2;
    if (strcmp(w, "list") && strcmp(w, "show") && strcmp(w, "diff") && strcmp(w, "rerun"))
        return tool_usage_error("runs", "unknown action '%s' (list, show, diff, rerun)", w);
    if (n_words != (size_t)need || (need >= 2 && !a) || (need == 3 && !b))
        return tool_usage_error("runs", "%s needs %s", w, need == 1 ? "no run id" : need == 2 ? "one run id" : "two run ids");
    fc_error err;
    fc_error_clear(&err);
    serve_store *st = NULL;
    if (serve_store_open(store, &st, &err))
        return tool_fail(&err);
    int rc = need == 1 ? list(st, limit) : !strcmp(w, "show") ? show(st, a) : !strcmp(w, "diff") ? diff(st, a, b)
                                                                                                : rerun(st, a);
    serve_store_close(st);
    return rc;
}
