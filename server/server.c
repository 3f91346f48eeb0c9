/* The HTTP side of `fulcrum serve`: libmicrohttpd with its internal thread pool (epoll), every
 * request checked before its body is read (Host and Origin against DNS rebinding, route,
 * method, size, content type), then routed to the page's files, the API calls, the jobs and
 * the store. Every answer of /api/ is JSON with "api_version"; every error is a JSON error. */
#include <arpa/inet.h>
#include <dirent.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "mhd_lib.h"
#include "serve_internal.h"

struct serve_server {
    struct MHD_Daemon *daemon;
    serve_options o;
    serve_store *store;
    serve_jobs *jobs;
    unsigned port;
    char bind[INET6_ADDRSTRLEN + 2];
    char url[128];
    char root[PATH_MAX];      /* realpath of the served file or folder; "" when none */
    int root_is_dir;
};

void serve_options_init(serve_options *o)
{
    *o = (serve_options){0};
}

/* ---- Per-request state: the body as it arrives ---- */

typedef enum route_kind {
    R_NONE = 0, R_ASSET, R_INFO, R_CALL, R_SWEEP, R_JOBS, R_JOB, R_JOB_CANCEL, R_RUNS, R_RUN, R_RERUN,
    R_SCENARIOS, R_SCENARIO, R_MODELS
} route_kind;

typedef struct request {
    route_kind route;
    const serve_asset *asset;
    char command[16];
    long id;
    char name[256];
    const char *format;
    serve_buf body;
    int too_big;
    int queued;               /* an answer went out before the body was read */
} request;

/* ---- Answers ---- */

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned code, const char *type, char *data, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    if (strncmp(type, "text/html", 9) == 0) {
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                                "frame-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        MHD_add_response_header(r, "X-Frame-Options", "DENY");
    }
    enum MHD_Result ret = MHD_queue_response(conn, code, r);
    MHD_destroy_response(r);
    return ret;
}

static void envelope_start(serve_buf *b)
{
    serve_buf_printf(b, "{\"api_version\":%d,\"fulcrum_version\":", SERVE_API_VERSION);
    serve_buf_json_cstr(b, fc_version());
}

static enum MHD_Result send_json(struct MHD_Connection *conn, unsigned code, serve_buf *b)
{
    size_t len = b->len;
    char *data = serve_buf_take(b);
    if (!data) {
        static const char oom[] = "{\"api_version\":1,\"error\":{\"status\":\"out of memory\"}}";
        return reply(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "application/json", strdup(oom), sizeof oom - 1);
    }
    return reply(conn, code, "application/json; charset=utf-8", data, len);
}

static unsigned code_for(const fc_error *err)
{
    switch (err->status) {
    case FC_EINPUT:
        return 422; /* Unprocessable Content */
    case FC_EUSAGE:
        if (strcmp(err->field, "jobs") == 0)
            return MHD_HTTP_TOO_MANY_REQUESTS;
        if (strcmp(err->field, "id") == 0)
            return MHD_HTTP_NOT_FOUND;
        return MHD_HTTP_BAD_REQUEST;
    case FC_ENOMEM:
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    default:
        return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

static enum MHD_Result send_error(struct MHD_Connection *conn, unsigned code, const fc_error *err)
{
    serve_buf b = {0};
    envelope_start(&b);
    serve_buf_puts(&b, ",\"error\":");
    serve_buf_error(&b, err);
    serve_buf_puts(&b, "}");
    return send_json(conn, code ? code : code_for(err), &b);
}

static enum MHD_Result fail(struct MHD_Connection *conn, unsigned code, const char *field, const char *fmt,
                            const char *arg)
{
    fc_error err;
    fc_error_clear(&err);
    fc_error_set(&err, FC_EUSAGE, NULL, 0, 0, field, fmt, arg ? arg : "");
    return send_error(conn, code, &err);
}

/* ---- Checks made before the body is read ---- */

/* The name part of a Host or Origin authority ("[::1]:8080" -> "[::1]"), into buf. */
static void host_name(const char *authority, char *buf, size_t size)
{
    size_t n;
    if (authority[0] == '[') {
        const char *e = strchr(authority, ']');
        n = e ? (size_t)(e - authority) + 1 : strlen(authority);
    } else {
        const char *e = strchr(authority, ':');
        n = e ? (size_t)(e - authority) : strlen(authority);
    }
    if (n >= size)
        n = size - 1;
    memcpy(buf, authority, n);
    buf[n] = '\0';
}

/* DNS rebinding: a page on another site that resolves its own name to 127.0.0.1 reaches
 * the server with that name in Host. Only the loopback names, the bound address and the
 * names --allow-host adds are answered. */
static int host_allowed(const serve_server *s, const char *authority)
{
    char name[300];
    host_name(authority, name, sizeof name);
    if (!strcasecmp(name, "localhost") || !strcmp(name, "127.0.0.1") || !strcmp(name, "[::1]"))
        return 1;
    if (s->bind[0] && strcmp(s->bind, "0.0.0.0") != 0 && strcmp(s->bind, "[::]") != 0 && !strcmp(name, s->bind))
        return 1;
    for (size_t i = 0; i < s->o.n_allow_hosts; i++)
        if (!strcasecmp(name, s->o.allow_hosts[i]))
            return 1;
    return 0;
}

static int origin_allowed(const serve_server *s, const char *origin)
{
    if (strncmp(origin, "http://", 7) != 0)
        return 0;
    const char *auth = origin + 7;
    if (strchr(auth, '/'))
        return 0;
    char name[300];
    host_name(auth, name, sizeof name);
    const char *port = auth + strlen(name);
    char want[16];
    snprintf(want, sizeof want, ":%u", s->port);
    if (*port && strcmp(port, want) != 0)
        return 0;
    return host_allowed(s, auth);
}

/* The body's format from its Content-Type, NULL when the API does not read that type. */
static const char *body_format(const char *ctype)
{
    if (!ctype || !*ctype)
        return "yaml";
    char type[96];
    size_t n = strcspn(ctype, ";");
    while (n && ctype[n - 1] == ' ')
        n--;
    if (n >= sizeof type)
        return NULL;
    memcpy(type, ctype, n);
    type[n] = '\0';
    static const char *const table[][2] = {
        {"application/json", "json"}, {"application/yaml", "yaml"}, {"application/x-yaml", "yaml"},
        {"text/yaml", "yaml"}, {"text/x-yaml", "yaml"}, {"text/plain", "yaml"}, {"text/csv", "csv"},
        {"text/tab-separated-values", "tsv"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (!strcasecmp(type, table[i][0]))
            return table[i][1];
    return NULL;
}

/* A positive decimal id at p, up to the end or a '/' (*rest points there); 0 when none. */
static long parse_id(const char *p, const char **rest)
{
    long v = 0;
    const char *q = p;
    while (*q >= '0' && *q <= '9' && v < 1000000000000L)
        v = v * 10 + (*q++ - '0');
    if (q == p || (*q && *q != '/'))
        return 0;
    *rest = q;
    return v;
}

/* Finds the route of (method, url); on a known path with the wrong method sets *allow. */
static route_kind route(const char *method, const char *url, request *rq, const char **allow)
{
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD"), post = !strcmp(method, "POST");
    *allow = NULL;
    if (strncmp(url, "/api", 4) != 0 || (url[4] && url[4] != '/')) {
        for (size_t i = 0; i < serve_n_assets; i++)
            if (!strcmp(url, serve_assets[i].path) || (!strcmp(url, "/index.html") && !strcmp(serve_assets[i].path, "/"))) {
                rq->asset = &serve_assets[i];
                *allow = "GET, HEAD";
                return get ? R_ASSET : R_NONE;
            }
        return R_NONE;
    }
    const char *p = url + 4;
    if (!*p || !strcmp(p, "/")) {
        *allow = "GET, HEAD";
        return get ? R_INFO : R_NONE;
    }
    p++;
    int kept;
    if (strlen(p) < sizeof rq->command && serve_command_known(p, &kept)) {
        snprintf(rq->command, sizeof rq->command, "%s", p);
        *allow = "POST";
        return post ? (!strcmp(p, "sweep") ? R_SWEEP : R_CALL) : R_NONE;
    }
    if (!strcmp(p, "models")) {
        *allow = "GET, HEAD";
        return get ? R_MODELS : R_NONE;
    }
    if (!strcmp(p, "jobs")) {
        *allow = "GET, HEAD";
        return get ? R_JOBS : R_NONE;
    }
    if (!strcmp(p, "runs")) {
        *allow = "GET, HEAD";
        return get ? R_RUNS : R_NONE;
    }
    if (!strcmp(p, "scenarios")) {
        *allow = "GET, HEAD";
        return get ? R_SCENARIOS : R_NONE;
    }
    const char *rest;
    if (!strncmp(p, "jobs/", 5) && (rq->id = parse_id(p + 5, &rest))) {
        if (!*rest) {
            *allow = "GET, HEAD, DELETE";
            return get ? R_JOB : !strcmp(method, "DELETE") ? R_JOB_CANCEL : R_NONE;
        }
        if (!strcmp(rest, "/cancel")) {
            *allow = "POST";
            return post ? R_JOB_CANCEL : R_NONE;
        }
        return R_NONE;
    }
    if (!strncmp(p, "runs/", 5) && (rq->id = parse_id(p + 5, &rest))) {
        if (!*rest) {
            *allow = "GET, HEAD";
            return get ? R_RUN : R_NONE;
        }
        if (!strcmp(rest, "/rerun")) {
            *allow = "POST";
            return post ? R_RERUN : R_NONE;
        }
        return R_NONE;
    }
    if (!strncmp(p, "scenarios/", 10) && strlen(p + 10) < sizeof rq->name) {
        snprintf(rq->name, sizeof rq->name, "%s", p + 10);
        *allow = "GET, HEAD";
        return get ? R_SCENARIO : R_NONE;
    }
    return R_NONE;
}

/* ---- Query parameters ---- */

typedef struct params {
    serve_param items[128];
    size_t n;
    int overflow;
} params;

static enum MHD_Result take_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    params *p = cls;
    if (p->n >= sizeof p->items / sizeof p->items[0]) {
        p->overflow = 1;
        return MHD_NO;
    }
    p->items[p->n].key = (char *)key;
    p->items[p->n].value = (char *)(value ? value : "");
    p->n++;
    return MHD_YES;
}

/* ---- Scenarios offered by the page: the served file, or the folder's scenario files ---- */

static int scenario_ext(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml") || !strcmp(dot, ".json") || !strcmp(dot, ".csv"));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void scenarios_json(const serve_server *s, serve_buf *b)
{
    serve_buf_puts(b, "[{\"name\":\"builtin\",\"title\":");
    serve_buf_json_cstr(b, fc_builtin_scenario_name());
    serve_buf_puts(b, "}");
    if (!s->root[0]) {
        serve_buf_puts(b, "]");
        return;
    }
    if (!s->root_is_dir) {
        const char *base = strrchr(s->root, '/');
        serve_buf_puts(b, ",{\"name\":");
        serve_buf_json_cstr(b, base ? base + 1 : s->root);
        serve_buf_puts(b, "}]");
        return;
    }
    DIR *d = opendir(s->root);
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while (d && n < 512 && (e = readdir(d)))
        if (e->d_name[0] != '.' && scenario_ext(e->d_name) && (names[n] = strdup(e->d_name)))
            n++;
    if (d)
        closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        serve_buf_puts(b, ",{\"name\":");
        serve_buf_json_cstr(b, names[i]);
        serve_buf_puts(b, "}");
        free(names[i]);
    }
    serve_buf_puts(b, "]");
}

/* The text of an offered scenario. A name is a plain file name in the served folder (or the
 * served file's own name): no '/', no leading '.', a scenario extension, and its real path
 * inside the folder, so that no request reaches a file elsewhere, even through a link. */
static fc_status scenario_text(const serve_server *s, const char *name, size_t max, char **text, size_t *len,
                               const char **format, fc_error *err)
{
    *text = NULL;
    if (!strcmp(name, "builtin")) {
        size_t n;
        const char *t = fc_builtin_scenario_text(&n);
        if (!(*text = malloc(n + 1)))
            return fc_error_nomem(err);
        memcpy(*text, t, n);
        (*text)[n] = '\0';
        *len = n;
        *format = "yaml";
        return FC_OK;
    }
    if (!s->root[0] || strchr(name, '/') || name[0] == '.' || !scenario_ext(name))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "id", "no scenario '%s' is served", name);
    char path[PATH_MAX + 260], real[PATH_MAX];
    if (s->root_is_dir) {
        snprintf(path, sizeof path, "%s/%s", s->root, name);
        size_t rl = strlen(s->root);
        if (!realpath(path, real) || strncmp(real, s->root, rl) != 0 || real[rl] != '/')
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "id", "no scenario '%s' is served", name);
    } else {
        const char *base = strrchr(s->root, '/');
        if (strcmp(base ? base + 1 : s->root, name) != 0)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "id", "no scenario '%s' is served", name);
        snprintf(real, sizeof real, "%s", s->root);
    }
    const char *dot = strrchr(name, '.');
    *format = !strcmp(dot, ".json") ? "json" : !strcmp(dot, ".csv") ? "csv" : "yaml";
    return fc_file_read(real, max, text, len, err);
}

static void models_json(serve_buf *b)
{
    size_t n;
    const fc_model *const *m = fc_models(&n);
    serve_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        serve_buf_puts(b, i ? ",{\"name\":" : "{\"name\":");
        serve_buf_json_cstr(b, m[i]->name);
        serve_buf_puts(b, ",\"summary\":");
        serve_buf_json_cstr(b, m[i]->summary);
        serve_buf_printf(b, ",\"max_dims\":%zu,\"presets\":[", m[i]->max_dims);
        for (size_t k = 0; m[i]->presets && m[i]->presets[k]; k++) {
            if (k)
                serve_buf_puts(b, ",");
            serve_buf_json_cstr(b, m[i]->presets[k]);
        }
        serve_buf_puts(b, "]}");
    }
    serve_buf_puts(b, "]");
}

static void info_json(const serve_server *s, serve_buf *b)
{
    serve_buf_printf(b, ",\"limits\":{\"max_body\":%zu,\"max_runs\":%zu,\"job_seconds\":%.0f,\"max_jobs\":%u}",
                     s->o.max_body, s->o.max_runs, s->o.job_seconds, s->o.max_jobs);
    serve_buf_printf(b, ",\"store\":%s", s->store ? "true" : "false");
    serve_buf_puts(b, ",\"endpoints\":[\"POST /api/validate\",\"POST /api/forecast\",\"POST /api/dilemma\","
                      "\"POST /api/game\",\"POST /api/backtest\",\"POST /api/report\",\"POST /api/chart\","
                      "\"POST /api/sweep\",\"GET /api/jobs\",\"GET /api/jobs/ID\",\"POST /api/jobs/ID/cancel\","
                      "\"GET /api/runs\",\"GET /api/runs/ID\",\"POST /api/runs/ID/rerun\",\"GET /api/models\","
                      "\"GET /api/scenarios\",\"GET /api/scenarios/NAME\"]");
}

/* ---- The handlers, once the body is in ---- */

static enum MHD_Result handle(serve_server *s, struct MHD_Connection *conn, request *rq)
{
    params pr = {.n = 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, take_param, &pr);
    if (pr.overflow)
        return fail(conn, MHD_HTTP_BAD_REQUEST, "query", "more than 128 parameters%s", NULL);
    if (rq->route != R_CALL && rq->route != R_SWEEP && rq->route != R_RUNS && pr.n)
        return fail(conn, MHD_HTTP_BAD_REQUEST, pr.items[0].key, "unknown parameter '%s'", pr.items[0].key);
    if (rq->route != R_CALL && rq->route != R_SWEEP && rq->body.len)
        return fail(conn, MHD_HTTP_BAD_REQUEST, "body", "this request takes no body%s", NULL);
    fc_error err;
    fc_error_clear(&err);
    serve_buf b = {0};
    fc_status st = FC_OK;
    /* No body: the built-in case, whose text is then kept with the run like any other. */
    const char *body = rq->body.data ? rq->body.data : "";
    size_t body_len = rq->body.len;
    if (!body_len && strcmp(rq->command, "backtest") != 0 && (rq->route == R_CALL || rq->route == R_SWEEP)) {
        body = fc_builtin_scenario_text(&body_len);
        rq->format = "builtin";
    }
    switch (rq->route) {
    case R_ASSET: {
        const serve_asset *a = rq->asset;
        char *data = malloc(a->len ? a->len : 1);
        if (!data)
            return MHD_NO;
        memcpy(data, a->data, a->len);
        return reply(conn, MHD_HTTP_OK, a->content_type, data, a->len);
    }
    case R_INFO:
        envelope_start(&b);
        info_json(s, &b);
        serve_buf_puts(&b, "}");
        return send_json(conn, MHD_HTTP_OK, &b);
    case R_MODELS:
        envelope_start(&b);
        serve_buf_puts(&b, ",\"models\":");
        models_json(&b);
        serve_buf_puts(&b, "}");
        return send_json(conn, MHD_HTTP_OK, &b);
    case R_CALL: {
        serve_call c = {.command = rq->command, .params = pr.items, .n_params = pr.n, .format = rq->format,
                        .body = body, .body_len = body_len, .max_runs = s->o.max_runs};
        char *result = NULL;
        serve_buf notes = {0};
        st = serve_execute_notes(&c, &notes, &result, &err);
        long run = 0;
        int kept = 0;
        serve_command_known(rq->command, &kept);
        fc_error serr;
        fc_error_clear(&serr);
        if (!st && kept && s->store && serve_store_record(s->store, &c, result, &run, &serr))
            run = -1;
        if (st) {
            serve_buf_free(&notes);
            return send_error(conn, 0, &err);
        }
        envelope_start(&b);
        serve_buf_puts(&b, ",\"command\":");
        serve_buf_json_cstr(&b, rq->command);
        if (run > 0)
            serve_buf_printf(&b, ",\"run\":%ld", run);
        else
            serve_buf_puts(&b, ",\"run\":null");
        if (run < 0) {
            serve_buf_puts(&b, ",\"store_error\":");
            serve_buf_error(&b, &serr);
        }
        serve_buf_puts(&b, ",\"notes\":");
        serve_buf_puts(&b, notes.len ? notes.data : "[]");
        serve_buf_puts(&b, ",\"result\":");
        serve_buf_puts(&b, result);
        serve_buf_puts(&b, "}");
        serve_buf_free(&notes);
        free(result);
        return send_json(conn, MHD_HTTP_OK, &b);
    }
    case R_SWEEP: {
        serve_call c = {.command = "sweep", .params = pr.items, .n_params = pr.n, .format = rq->format,
                        .body = body, .body_len = body_len};
        long id;
        /* Unknown or repeated parameters are a 400 now, not a failed job later; the
         * sweep's own checks (model, values, the scenario) run in the job. */
        if ((st = serve_check_call(&c, &err)) || (st = serve_jobs_start(s->jobs, &c, &id, &err)))
            return send_error(conn, 0, &err);
        envelope_start(&b);
        serve_buf_puts(&b, ",\"job\":");
        serve_jobs_json(s->jobs, id, 0, &b);
        serve_buf_puts(&b, "}");
        return send_json(conn, MHD_HTTP_ACCEPTED, &b);
    }
    case R_JOBS:
        envelope_start(&b);
        serve_buf_puts(&b, ",\"jobs\":");
        serve_jobs_list_json(s->jobs, &b);
        serve_buf_puts(&b, "}");
        return send_json(conn, MHD_HTTP_OK, &b);
    case R_JOB:
    case R_JOB_CANCEL:
        if (rq->route == R_JOB_CANCEL)
            serve_jobs_cancel(s->jobs, rq->id);
        envelope_start(&b);
        serve_buf_puts(&b, ",\"job\":");
        if (!serve_jobs_json(s->jobs, rq->id, rq->route == R_JOB, &b)) {
            serve_buf_free(&b);
            fc_error_set(&err, FC_EUSAGE, NULL, 0, 0, "id", "no job %ld", rq->id);
            return send_error(conn, 0, &err);
        }
        serve_buf_puts(&b, "}");
        return send_json(conn, MHD_HTTP_OK, &b);
    case R_RUNS:
    case R_RUN:
    case R_RERUN: {
        if (!s->store) {
            fc_error_set(&err, FC_EUSAGE, NULL, 0, 0, "store", "this server keeps no runs (start it with --store PATH)");
            return send_error(conn, MHD_HTTP_NOT_FOUND, &err);
        }
        double limit = 100;
        for (size_t i = 0; i < pr.n; i++) {
            fc_number_status ns = FC_NUMBER_SYNTAX;
            if (strcmp(pr.items[i].key, "limit") != 0 || (ns = fc_number_parse(pr.items[i].value, &limit)) ||
                limit < 1 || limit > 100000 || limit != (double)(long)limit)
                return fail(conn, MHD_HTTP_BAD_REQUEST, pr.items[i].key,
                            "takes one parameter, limit (1 to 100000), not '%s'", pr.items[i].key);
        }
        char *text = NULL;
        int same = 0;
        if (rq->route == R_RUNS)
            st = serve_store_list_json(s->store, (long)limit, &text, &err);
        else if (rq->route == R_RUN)
            st = serve_store_run_json(s->store, rq->id, &text, &err);
        else
            st = serve_store_rerun(s->store, rq->id, &same, &text, &err);
        if (st)
            return send_error(conn, 0, &err);
        envelope_start(&b);
        if (rq->route == R_RUNS)
            serve_buf_puts(&b, ",\"runs\":");
        else if (rq->route == R_RUN)
            serve_buf_puts(&b, ",\"run\":");
        else
            serve_buf_printf(&b, ",\"run\":%ld,\"same\":%s,\"result\":", rq->id, same ? "true" : "false");
        serve_buf_puts(&b, text);
        serve_buf_puts(&b, "}");
        free(text);
        return send_json(conn, MHD_HTTP_OK, &b);
    }
    case R_SCENARIOS:
        envelope_start(&b);
        serve_buf_puts(&b, ",\"scenarios\":");
        scenarios_json(s, &b);
        serve_buf_puts(&b, "}");
        return send_json(conn, MHD_HTTP_OK, &b);
    case R_SCENARIO: {
        char *text = NULL;
        size_t len = 0;
        const char *format = "yaml";
        if ((st = scenario_text(s, rq->name, s->o.max_body, &text, &len, &format, &err)))
            return send_error(conn, 0, &err);
        envelope_start(&b);
        serve_buf_puts(&b, ",\"name\":");
        serve_buf_json_cstr(&b, rq->name);
        serve_buf_printf(&b, ",\"format\":\"%s\",\"text\":", format);
        serve_buf_json_string(&b, text, len);
        serve_buf_puts(&b, "}");
        free(text);
        return send_json(conn, MHD_HTTP_OK, &b);
    }
    default:
        return fail(conn, MHD_HTTP_NOT_FOUND, "url", "no such page%s", NULL);
    }
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    serve_server *s = cls;
    request *rq = *con_cls;
    if (!rq) {
        if (!(rq = calloc(1, sizeof *rq)))
            return MHD_NO;
        *con_cls = rq;
        /* Everything that can be refused is refused before the body is read. */
        rq->queued = 1;
        const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
        if (!host || !host_allowed(s, host))
            return fail(conn, MHD_HTTP_MISDIRECTED_REQUEST, "Host",
                        "this server answers to localhost and its own address only, not '%s'", host ? host : "");
        const char *origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
        if (origin && !origin_allowed(s, origin))
            return fail(conn, MHD_HTTP_FORBIDDEN, "Origin", "requests from '%s' are refused", origin);
        const char *allow;
        rq->route = route(method, url, rq, &allow);
        if (rq->route == R_NONE && allow) {
            fc_error err;
            fc_error_clear(&err);
            fc_error_set(&err, FC_EUSAGE, NULL, 0, 0, "method", "%.100s takes %s, not %s", url, allow, method);
            serve_buf b = {0};
            envelope_start(&b);
            serve_buf_puts(&b, ",\"error\":");
            serve_buf_error(&b, &err);
            serve_buf_puts(&b, "}");
            size_t len = b.len;
            char *data = serve_buf_take(&b);
            struct MHD_Response *r = data ? MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE) : NULL;
            if (!r) {
                free(data);
                return MHD_NO;
            }
            MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
            MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow);
            enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_METHOD_NOT_ALLOWED, r);
            MHD_destroy_response(r);
            return ret;
        }
        if (rq->route == R_NONE)
            return fail(conn, MHD_HTTP_NOT_FOUND, "url", "no such page: %.200s", url);
        const char *len = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (len) {
            char *end;
            unsigned long long n = strtoull(len, &end, 10);
            if (*end || n > s->o.max_body) {
                char lim[32];
                snprintf(lim, sizeof lim, "%zu", s->o.max_body);
                return fail(conn, MHD_HTTP_CONTENT_TOO_LARGE, "body", "the body is larger than %s bytes", lim);
            }
        }
        const char *ctype = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
        if (rq->route == R_CALL || rq->route == R_SWEEP) {
            rq->format = body_format(ctype);
            if (!rq->format)
                return fail(conn, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                            "the body must be application/json, application/yaml, text/csv or "
                            "text/tab-separated-values, not '%.100s'",
                            ctype);
            if (!strcmp(rq->command, "backtest"))
                rq->format = "tsv";
            else if (!strcmp(rq->format, "tsv"))
                return fail(conn, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                            "a scenario is YAML, JSON or CSV; tab-separated tables go to /api/backtest%s", NULL);
        }
        rq->queued = 0;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!rq->queued && !rq->too_big) {
            if (rq->body.len + *upload_data_size > s->o.max_body) {
                rq->too_big = 1;
                serve_buf_free(&rq->body);
            } else {
                serve_buf_add(&rq->body, upload_data, *upload_data_size);
            }
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (rq->queued)
        return MHD_YES;
    rq->queued = 1;
    if (rq->too_big) {
        char lim[32];
        snprintf(lim, sizeof lim, "%zu", s->o.max_body);
        return fail(conn, MHD_HTTP_CONTENT_TOO_LARGE, "body", "the body is larger than %s bytes", lim);
    }
    if (rq->body.failed)
        return fail(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "body", "out of memory%s", NULL);
    return handle(s, conn, rq);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    request *rq = *con_cls;
    if (rq) {
        serve_buf_free(&rq->body);
        free(rq);
        *con_cls = NULL;
    }
}

fc_status serve_start(const serve_options *opts, serve_server **out, fc_error *err)
{
    *out = NULL;
    serve_server *s = calloc(1, sizeof *s);
    if (!s)
        return fc_error_nomem(err);
    s->o = *opts;
    if (!s->o.threads)
        s->o.threads = 2;
    if (!s->o.max_body)
        s->o.max_body = SERVE_MAX_BODY;
    if (s->o.job_seconds <= 0)
        s->o.job_seconds = 600;
    if (!s->o.max_jobs)
        s->o.max_jobs = 2;
    if (!s->o.max_runs)
        s->o.max_runs = 200000;
    const char *bind = s->o.bind ? s->o.bind : "127.0.0.1";
    fc_status st = FC_OK;
    if (s->o.root) {
        struct stat sb;
        if (!realpath(s->o.root, s->root) || stat(s->root, &sb) != 0)
            st = fc_error_set(err, FC_EIO, s->o.root, 0, 0, "root", "no such file or folder");
        else
            s->root_is_dir = S_ISDIR(sb.st_mode);
    }
    if (!st && s->o.store)
        st = serve_store_open(s->o.store, &s->store, err);
    if (!st)
        st = serve_jobs_new(s->o.max_jobs, s->o.job_seconds, s->o.max_runs, s->store, &s->jobs, err);
    struct sockaddr_in a4 = {0};
    struct sockaddr_in6 a6 = {0};
    const struct sockaddr *sa = NULL;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
    if (!st)
        st = serve_mhd_load(err);
    if (!st) {
        if (inet_pton(AF_INET, bind, &a4.sin_addr) == 1) {
            a4.sin_family = AF_INET;
            a4.sin_port = htons((uint16_t)s->o.port);
            sa = (const struct sockaddr *)&a4;
            snprintf(s->bind, sizeof s->bind, "%s", bind);
        } else if (inet_pton(AF_INET6, bind, &a6.sin6_addr) == 1) {
            a6.sin6_family = AF_INET6;
            a6.sin6_port = htons((uint16_t)s->o.port);
            sa = (const struct sockaddr *)&a6;
            flags |= MHD_USE_IPv6;
            snprintf(s->bind, sizeof s->bind, "[%s]", bind);
        } else {
            st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "bind", "'%s' is not an IPv4 or IPv6 address", bind);
        }
    }
    if (!st) {
        s->daemon = MHD_start_daemon(flags, (uint16_t)s->o.port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, sa,
                                     MHD_OPTION_THREAD_POOL_SIZE, s->o.threads, MHD_OPTION_CONNECTION_LIMIT,
                                     (unsigned)1024, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
                                     MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
        if (!s->daemon)
            st = fc_error_set(err, FC_EIO, NULL, 0, 0, "port", "cannot listen on %s port %u (in use?)", bind,
                              s->o.port);
    }
    if (st) {
        serve_stop(s);
        return st;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : s->o.port;
    const char *shown = strcmp(s->bind, "0.0.0.0") == 0 ? "127.0.0.1" : strcmp(s->bind, "[::]") == 0 ? "[::1]" : s->bind;
    snprintf(s->url, sizeof s->url, "http://%s:%u/", shown, s->port);
    *out = s;
    return FC_OK;
}

unsigned serve_port(const serve_server *s)
{
    return s->port;
}

const char *serve_url(const serve_server *s)
{
    return s->url;
}

void serve_stop(serve_server *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    serve_jobs_free(s->jobs);
    serve_store_close(s->store);
    /* No request or job is left to draw a chart: the font caches can go. */
    if (s->daemon)
        fc_charts_release_caches();
    free(s);
}
