/* The HTTP API of `fulcrum serve`, in-process, through a plain socket client on loopback: every
 * endpoint's answer against the library's own output (the forecast's body is fc_report_run's
 * JSON byte for byte), errors with their status codes and fields, and hostile requests
 * (malformed bodies, oversize bodies, wrong methods, foreign Host and Origin, paths out of the
 * served folder, garbage, abrupt disconnects) after which the server still answers. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "serve_internal.h"

static serve_server *server;
static char dir[256];

typedef struct answer {
    int code;
    char *head;   /* status line and headers */
    char *body;
    size_t body_len;
} answer;

static int connect_server(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)serve_port(server))};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

static void send_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n <= 0)
            return; /* the server may close early (413): what it answered is read next */
        data += n;
        len -= (size_t)n;
    }
}

static answer read_answer(int fd)
{
    serve_buf b = {0};
    char chunk[65536];
    ssize_t n;
    while ((n = recv(fd, chunk, sizeof chunk, 0)) > 0)
        serve_buf_add(&b, chunk, (size_t)n);
    close(fd);
    answer a = {0};
    char *text = serve_buf_take(&b);
    assert_non_null(text);
    char *sep = strstr(text, "\r\n\r\n");
    assert_non_null(sep);
    *sep = '\0';
    a.head = text;
    a.body = sep + 4;
    a.body_len = strlen(a.body);
    assert_int_equal(sscanf(text, "HTTP/1.1 %d", &a.code), 1);
    return a;
}

/* Sends raw bytes and reads the whole answer (the request asks the server to close). */
static answer raw(const char *request, size_t len)
{
    int fd = connect_server();
    send_all(fd, request, len);
    shutdown(fd, SHUT_WR);
    return read_answer(fd);
}

static answer http(const char *method, const char *target, const char *ctype, const char *body, const char *extra)
{
    serve_buf r = {0};
    serve_buf_printf(&r, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n", method, target,
                     serve_port(server));
    if (ctype)
        serve_buf_printf(&r, "Content-Type: %s\r\n", ctype);
    if (extra)
        serve_buf_puts(&r, extra);
    size_t blen = body ? strlen(body) : 0;
    serve_buf_printf(&r, "Content-Length: %zu\r\n\r\n", blen);
    if (body)
        serve_buf_add(&r, body, blen);
    answer a = raw(r.data, r.len);
    serve_buf_free(&r);
    return a;
}

static void answer_free(answer *a)
{
    free(a->head);
}

/* The library's result inside the envelope: what follows "result": up to the closing braces
 * of the objects around it (one: the envelope; two: a job in the envelope). */
static char *result_in(const answer *a, size_t depth)
{
    const char *p = strstr(a->body, ",\"result\":");
    assert_non_null(p);
    p += strlen(",\"result\":");
    size_t n = strlen(p);
    for (size_t i = 0; i < depth; i++) {
        assert_true(n > 0 && p[n - 1] == '}');
        n--;
    }
    char *r = malloc(n + 1);
    memcpy(r, p, n);
    r[n] = '\0';
    return r;
}

static char *result_of(const answer *a)
{
    return result_in(a, 1);
}

static void assert_error(const answer *a, int code, const char *field)
{
    if (a->code != code)
        fail_msg("expected %d, got %d: %s", code, a->code, a->body);
    assert_non_null(strstr(a->body, "\"api_version\":1"));
    char want[200];
    snprintf(want, sizeof want, "\"field\":\"%s\"", field);
    if (!strstr(a->body, want))
        fail_msg("expected %s in %s", want, a->body);
}

static const char *three =
    "title: \"Three\"\n"
    "issues:\n"
    "  - {id: x, label: \"X\", min: 0, max: 100}\n"
    "actors:\n"
    "  - {id: A, name: \"Alpha\", kind: state, capability: 50, stances: {x: {position: 30, salience: 80}}}\n"
    "  - {id: B, name: \"Beta\", kind: state, capability: 60, stances: {x: {position: 50, salience: 50}}}\n"
    "  - {id: C, name: \"Gamma\", kind: state, capability: 20, stances: {x: {position: 70, salience: 60}}}\n";

static void test_info_and_page(void **state)
{
    (void)state;
    answer a = http("GET", "/api", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.body, "\"api_version\":1"));
    assert_non_null(strstr(a.body, "\"max_body\":65536"));
    answer_free(&a);
    a = http("GET", "/", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.head, "Content-Type: text/html"));
    assert_non_null(strstr(a.head, "Content-Security-Policy"));
    assert_non_null(strstr(a.body, "<html"));
    answer_free(&a);
    a = http("GET", "/app.js", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.head, "text/javascript"));
    answer_free(&a);
    a = http("GET", "/api/models", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.body, "{\"name\":\"eum\""));
    answer_free(&a);
}

static void test_forecast_is_the_library_json(void **state)
{
    (void)state;
    /* No body: the built-in case, as `fulcrum forecast --format json` prints it. */
    char *want = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_report_run(NULL, "json", 0, &want, &err), FC_OK);
    answer a = http("POST", "/api/forecast", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    char *got = result_of(&a);
    assert_string_equal(got, want);
    assert_non_null(strstr(a.body, "\"run\":"));
    free(got);
    free(want);
    answer_free(&a);
    /* A YAML body, one model and a setting. */
    fc_run_options o;
    fc_run_options_init(&o);
    o.text = three;
    o.text_len = strlen(three);
    o.text_name = "scenario.yaml";
    o.model = "eum";
    const char *settings[] = {"rounds=4"};
    o.settings = settings;
    o.n_settings = 1;
    assert_int_equal(fc_report_run(&o, "json", 0, &want, &err), FC_OK);
    a = http("POST", "/api/forecast?model=eum&set=rounds%3D4", "application/yaml", three, NULL);
    assert_int_equal(a.code, 200);
    got = result_of(&a);
    assert_string_equal(got, want);
    free(got);
    free(want);
    answer_free(&a);
}

static void test_every_call(void **state)
{
    (void)state;
    answer a = http("POST", "/api/validate", "application/yaml", three, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.body, "\"valid\":true,\"issues\":1,\"actors\":3"));
    assert_non_null(strstr(a.body, "\"yaml\":\"# Written by fulcrum"));
    answer_free(&a);

    /* The dilemma as `fulcrum dilemma --model median --format json` runs it. */
    a = http("POST", "/api/dilemma?model=median", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    fc_scenario *sc = NULL;
    fc_error err;
    assert_int_equal(fc_scenario_load_builtin(&sc, &err), FC_OK);
    fc_run_options ro;
    fc_run_options_init(&ro);
    ro.scenario = sc;
    ro.model = "median";
    const char *args[] = {"mode=start"};
    char *want = NULL;
    assert_int_equal(fc_report_analysis(&ro, "dilemma", "json", args, 1, &want, &err), FC_OK);
    char *got = result_of(&a);
    assert_string_equal(got, want);
    free(got), free(want);
    fc_scenario_free(sc);
    answer_free(&a);
    a = http("POST", "/api/dilemma?model=median&backlash=off&mode=commit", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    answer_free(&a);
    a = http("POST", "/api/dilemma?backlash=maybe", NULL, NULL, NULL);
    assert_int_equal(a.code, 400);
    answer_free(&a);

    a = http("POST", "/api/game", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.body, "\"result\":{\"text\":\""));
    assert_non_null(strstr(a.body, "subgame"));
    answer_free(&a);

    a = http("POST", "/api/report?dilemma=1", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.body, "\"result\":{\"html\":\"<!DOCTYPE html>"));
    answer_free(&a);

    a = http("POST", "/api/chart?kind=trajectory&model=eum", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.body, "\"kind\":\"trajectory\",\"svg\":\"<?xml"));
    answer_free(&a);
    a = http("POST", "/api/chart?kind=pie", NULL, NULL, NULL);
    assert_error(&a, 400, "kind");
    answer_free(&a);

    char path[512];
    snprintf(path, sizeof path, "%s/deu/small.tsv", FULCRUM_TEST_DATA);
    char *tsv = NULL;
    size_t len;
    assert_int_equal(fc_file_read(path, 1 << 20, &tsv, &len, &err), FC_OK);
    a = http("POST", "/api/backtest?boot=50&model=median", "text/tab-separated-values", tsv, NULL);
    if (a.code != 200)
        fail_msg("backtest: %s", a.body);
    assert_non_null(strstr(a.body, "\"result\":{"));
    answer_free(&a);
    free(tsv);
    a = http("POST", "/api/backtest", "text/tab-separated-values", NULL, NULL);
    assert_error(&a, 400, "body");
    answer_free(&a);
}

static void test_bad_bodies_name_line_and_field(void **state)
{
    (void)state;
    /* YAML that does not parse: its line. */
    answer a = http("POST", "/api/forecast", "application/yaml", "title: x\nactors: [\n", NULL);
    assert_error(&a, 422, "");
    assert_non_null(strstr(a.body, "\"line\":3"));
    answer_free(&a);
    /* JSON that does not parse. */
    a = http("POST", "/api/validate", "application/json", "{\"title\": \"x\",\n \"issues\": [}\n", NULL);
    assert_int_equal(a.code, 422);
    assert_non_null(strstr(a.body, "\"line\":2"));
    answer_free(&a);
    /* A scenario that parses but breaks a rule: the field and its line. */
    char *bad = malloc(strlen(three) + 2);
    const char *p = strstr(three, "salience: 50}");
    size_t at = (size_t)(p - three) + strlen("salience: 50");
    memcpy(bad, three, at);
    strcpy(bad + at, "0");
    strcat(bad, three + at);
    a = http("POST", "/api/forecast", "application/yaml", bad, NULL);
    assert_int_equal(a.code, 422);
    assert_non_null(strstr(a.body, "\"line\":6"));
    assert_non_null(strstr(a.body, "\"field\":\"actors.B.stances.x.salience\""));
    answer_free(&a);
    free(bad);
    /* Unknown fields of the scenario are refused by the reader, with their line. */
    char unknown[1024];
    snprintf(unknown, sizeof unknown, "%scolour: blue\n", three);
    a = http("POST", "/api/validate", "application/yaml", unknown, NULL);
    assert_int_equal(a.code, 422);
    assert_non_null(strstr(a.body, "\"line\":8"));
    answer_free(&a);
    /* Not UTF-8. */
    a = http("POST", "/api/validate", "application/yaml", "title: \"\xff\xfe\"\n", NULL);
    assert_error(&a, 422, "body");
    answer_free(&a);
}

static void test_bad_requests(void **state)
{
    (void)state;
    answer a = http("POST", "/api/forecast?colour=blue", NULL, NULL, NULL);
    assert_error(&a, 400, "colour");
    answer_free(&a);
    a = http("POST", "/api/forecast?model=eum&model=median", NULL, NULL, NULL);
    assert_error(&a, 400, "model");
    answer_free(&a);
    a = http("POST", "/api/forecast?model=nosuch", NULL, NULL, NULL);
    assert_error(&a, 400, "model");
    answer_free(&a);
    a = http("POST", "/api/sweep?runs=0", NULL, NULL, NULL);
    assert_int_equal(a.code, 202); /* the job fails: its value is checked by the sweep */
    answer_free(&a);
    a = http("POST", "/api/sweep?rnus=10", NULL, NULL, NULL);
    assert_error(&a, 400, "rnus");
    answer_free(&a);
    a = http("GET", "/api/forecast", NULL, NULL, NULL);
    assert_error(&a, 405, "method");
    assert_non_null(strstr(a.head, "Allow: POST"));
    answer_free(&a);
    a = http("DELETE", "/api/runs", NULL, NULL, NULL);
    assert_error(&a, 405, "method");
    answer_free(&a);
    a = http("GET", "/api/nothing", NULL, NULL, NULL);
    assert_error(&a, 404, "url");
    answer_free(&a);
    a = http("GET", "/etc/passwd", NULL, NULL, NULL);
    assert_error(&a, 404, "url");
    answer_free(&a);
    a = http("POST", "/api/forecast", "multipart/form-data; boundary=x", "--x--", NULL);
    assert_error(&a, 415, "Content-Type");
    answer_free(&a);
    a = http("POST", "/api/forecast", "text/tab-separated-values", "a\tb\n", NULL);
    assert_error(&a, 415, "Content-Type");
    answer_free(&a);
    a = http("GET", "/api/models", "application/json", "{}", NULL);
    assert_error(&a, 400, "body");
    answer_free(&a);
}

static void test_host_and_origin(void **state)
{
    (void)state;
    /* DNS rebinding: the attacker's name in Host. */
    answer a = raw("GET /api HTTP/1.1\r\nHost: evil.example:8080\r\nConnection: close\r\n\r\n", 66);
    assert_error(&a, 421, "Host");
    answer_free(&a);
    a = raw("GET /api HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 57);
    assert_int_equal(a.code, 200);
    answer_free(&a);
    a = raw("GET /api HTTP/1.0\r\n\r\n", 21);
    assert_error(&a, 421, "Host");
    answer_free(&a);
    /* A page on another site. */
    a = http("POST", "/api/forecast", NULL, NULL, "Origin: http://evil.example\r\n");
    assert_error(&a, 403, "Origin");
    answer_free(&a);
    a = http("POST", "/api/forecast", NULL, NULL, "Origin: null\r\n");
    assert_error(&a, 403, "Origin");
    answer_free(&a);
    char origin[80];
    snprintf(origin, sizeof origin, "Origin: http://localhost:%u\r\n", serve_port(server));
    a = http("POST", "/api/forecast?model=median", NULL, NULL, origin);
    assert_int_equal(a.code, 200);
    answer_free(&a);
    snprintf(origin, sizeof origin, "Origin: http://localhost:%u\r\n", serve_port(server) + 1);
    a = http("POST", "/api/forecast?model=median", NULL, NULL, origin);
    assert_error(&a, 403, "Origin");
    answer_free(&a);
}

static void test_oversize_bodies(void **state)
{
    (void)state;
    size_t n = 65536 + 1;
    char *big = malloc(n + 1);
    memset(big, '#', n);
    big[n] = '\0';
    /* Announced by Content-Length: refused before it is read. */
    answer a = http("POST", "/api/forecast", "application/yaml", big, NULL);
    assert_error(&a, 413, "body");
    answer_free(&a);
    /* Chunked, with no length: refused once it passes the limit. */
    serve_buf r = {0};
    serve_buf_printf(&r, "POST /api/forecast HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                         "Content-Type: application/yaml\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 3; i++) {
        serve_buf_printf(&r, "%x\r\n", 30000);
        serve_buf_add(&r, big, 30000);
        serve_buf_puts(&r, "\r\n");
    }
    serve_buf_puts(&r, "0\r\n\r\n");
    a = raw(r.data, r.len);
    assert_error(&a, 413, "body");
    answer_free(&a);
    serve_buf_free(&r);
    free(big);
}

static void test_garbage_and_disconnects(void **state)
{
    (void)state;
    const char *junk[] = {"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
                          "POST /api/forecast HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n",
                          "POST /api/forecast HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999999999999\r\n\r\n",
                          "POST /api/forecast HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        int fd = connect_server();
        send_all(fd, junk[i], strlen(junk[i]));
        shutdown(fd, SHUT_WR);
        /* A request cut short is answered or dropped; the client waits a little, then goes. */
        struct timeval tv = {1, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char buf[4096];
        while (recv(fd, buf, sizeof buf, 0) > 0)
            ;
        close(fd);
    }
    /* Half a body, then gone. */
    for (int i = 0; i < 20; i++) {
        int fd = connect_server();
        const char *h = "POST /api/forecast HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/yaml\r\n"
                        "Content-Length: 5000\r\n\r\ntitle: x\n";
        send_all(fd, h, strlen(h));
        close(fd);
    }
    /* A long sweep whose client disconnects while it runs: the job goes on and can be read. */
    answer a = http("GET", "/api", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    answer_free(&a);
}

/* The pool's threads forecast at once: every answer is the library's, whatever ran beside it. */
typedef struct parallel_arg {
    const char *want;
    int mismatches;
} parallel_arg;

static void *parallel_client(void *p)
{
    parallel_arg *arg = p;
    for (int i = 0; i < 6; i++) {
        answer a = http("POST", "/api/forecast", "application/yaml", three, NULL);
        const char *r = a.code == 200 ? strstr(a.body, ",\"result\":") : NULL;
        size_t n = r ? strlen(r + 10) : 0;
        if (!r || n != strlen(arg->want) + 1 || strncmp(r + 10, arg->want, n - 1) != 0)
            arg->mismatches++;
        answer_free(&a);
    }
    return NULL;
}

static void test_parallel_forecasts(void **state)
{
    (void)state;
    fc_run_options o;
    fc_run_options_init(&o);
    o.text = three;
    o.text_len = strlen(three);
    o.text_name = "scenario.yaml";
    char *want = NULL;
    fc_error err;
    assert_int_equal(fc_report_run(&o, "json", 0, &want, &err), FC_OK);
    pthread_t t[8];
    parallel_arg args[8];
    for (int i = 0; i < 8; i++) {
        args[i] = (parallel_arg){.want = want};
        assert_int_equal(pthread_create(&t[i], NULL, parallel_client, &args[i]), 0);
    }
    int bad = 0;
    for (int i = 0; i < 8; i++) {
        pthread_join(t[i], NULL);
        bad += args[i].mismatches;
    }
    assert_int_equal(bad, 0);
    free(want);
}

static char *job_state(long id, answer *a)
{
    char target[64];
    snprintf(target, sizeof target, "/api/jobs/%ld", id);
    *a = http("GET", target, NULL, NULL, NULL);
    assert_int_equal(a->code, 200);
    char *s = strstr(a->body, "\"state\":\"");
    assert_non_null(s);
    return s + 9;
}

static long job_id(const answer *a)
{
    const char *p = strstr(a->body, "\"job\":{\"id\":");
    assert_non_null(p);
    return strtol(p + strlen("\"job\":{\"id\":"), NULL, 10);
}

static void test_sweep_job_progress_cancel_and_store(void **state)
{
    (void)state;
    answer a = http("POST", "/api/sweep?runs=400&seed=9&threads=1", NULL, NULL, NULL);
    assert_int_equal(a.code, 202);
    long id = job_id(&a);
    answer_free(&a);
    char *st;
    for (;;) {
        st = job_state(id, &a);
        if (strncmp(st, "running", 7) != 0)
            break;
        answer_free(&a);
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (strncmp(st, "done", 4) != 0)
        fail_msg("sweep: %s", a.body);
    assert_non_null(strstr(a.body, "\"done\":400,\"total\":400"));
    /* Its result is the library's sweep report of the same call. */
    char *got = result_in(&a, 2);
    serve_param p[] = {{"runs", "400"}, {"seed", "9"}, {"threads", "1"}};
    size_t blen;
    const char *builtin = fc_builtin_scenario_text(&blen);
    serve_call c = {.command = "sweep", .params = p, .n_params = 3, .format = "builtin", .body = builtin,
                    .body_len = blen};
    char *want = NULL;
    fc_error err;
    assert_int_equal(serve_execute(&c, &want, &err), FC_OK);
    assert_string_equal(got, want);
    free(got), free(want);
    const char *rp = strstr(a.body, "\"run\":");
    assert_non_null(rp);
    long run = strtol(rp + 6, NULL, 10);
    assert_true(run > 0);
    answer_free(&a);
    /* Stored, and it reruns bit for bit through the API. */
    char target[64];
    snprintf(target, sizeof target, "/api/runs/%ld/rerun", run);
    a = http("POST", target, NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.body, "\"same\":true"));
    answer_free(&a);
    snprintf(target, sizeof target, "/api/runs/%ld", run);
    a = http("GET", target, NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.body, "\"command\":\"sweep\""));
    assert_non_null(strstr(a.body, "\"scenario\":\"# "));
    answer_free(&a);
    a = http("GET", "/api/runs?limit=2", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    answer_free(&a);
    a = http("GET", "/api/runs/99999", NULL, NULL, NULL);
    assert_error(&a, 404, "id");
    answer_free(&a);

    /* A long one, cancelled. */
    a = http("POST", "/api/sweep?runs=50000&threads=1", NULL, NULL, NULL);
    assert_int_equal(a.code, 202);
    id = job_id(&a);
    answer_free(&a);
    snprintf(target, sizeof target, "/api/jobs/%ld/cancel", id);
    a = http("POST", target, NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    answer_free(&a);
    for (;;) {
        st = job_state(id, &a);
        if (strncmp(st, "running", 7) != 0)
            break;
        answer_free(&a);
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (strncmp(st, "cancelled", 9) != 0)
        fail_msg("expected cancelled: %s", a.body);
    assert_non_null(strstr(a.body, "\"field\":\"cancel\""));
    answer_free(&a);
    /* Too many runs for this server. */
    a = http("POST", "/api/sweep?runs=50001", NULL, NULL, NULL);
    assert_int_equal(a.code, 202);
    id = job_id(&a);
    answer_free(&a);
    for (;;) {
        st = job_state(id, &a);
        if (strncmp(st, "running", 7) != 0)
            break;
        answer_free(&a);
    }
    assert_non_null(strstr(a.body, "\"field\":\"runs\""));
    answer_free(&a);
    a = http("GET", "/api/jobs/424242", NULL, NULL, NULL);
    assert_error(&a, 404, "id");
    answer_free(&a);
}

static void test_served_folder_only(void **state)
{
    (void)state;
    answer a = http("GET", "/api/scenarios", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.body, "{\"name\":\"case.yaml\"}"));
    assert_null(strstr(a.body, "secret"));
    answer_free(&a);
    a = http("GET", "/api/scenarios/case.yaml", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    assert_non_null(strstr(a.body, "\"text\":\"title: \\\"Three\\\""));
    answer_free(&a);
    const char *refused[] = {"/api/scenarios/..%2Fsecret.yaml", "/api/scenarios/../secret.yaml",
                             "/api/scenarios/link.yaml", "/api/scenarios/.hidden.yaml",
                             "/api/scenarios/%2Fetc%2Fpasswd", "/api/scenarios/notes.txt"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        a = http("GET", refused[i], NULL, NULL, NULL);
        if (a.code == 200)
            fail_msg("%s answered: %s", refused[i], a.body);
        assert_null(strstr(a.body, "SECRET"));
        answer_free(&a);
    }
    a = http("GET", "/api/scenarios/builtin", NULL, NULL, NULL);
    assert_int_equal(a.code, 200);
    answer_free(&a);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/fulcrum-serve-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char path[512], target[512];
    snprintf(path, sizeof path, "%s/served", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/served/case.yaml", dir);
    write_file(path, three);
    snprintf(path, sizeof path, "%s/served/.hidden.yaml", dir);
    write_file(path, "SECRET\n");
    snprintf(path, sizeof path, "%s/served/notes.txt", dir);
    write_file(path, "SECRET\n");
    snprintf(target, sizeof target, "%s/secret.yaml", dir);
    write_file(target, "SECRET\n");
    snprintf(path, sizeof path, "%s/served/link.yaml", dir);
    if (symlink(target, path) != 0)
        return -1;
    serve_options o;
    serve_options_init(&o);
    o.port = 0;
    char root[512], store[512];
    snprintf(root, sizeof root, "%s/served", dir);
    snprintf(store, sizeof store, "%s/runs.db", dir);
    o.root = root;
    o.store = store;
    o.max_body = 65536;
    o.max_runs = 50000;
    fc_error err;
    fc_error_clear(&err);
    if (serve_start(&o, &server, &err)) {
        fprintf(stderr, "serve_start: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    serve_stop(server);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_info_and_page),
        cmocka_unit_test(test_forecast_is_the_library_json),
        cmocka_unit_test(test_every_call),
        cmocka_unit_test(test_bad_bodies_name_line_and_field),
        cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_host_and_origin),
        cmocka_unit_test(test_oversize_bodies),
        cmocka_unit_test(test_garbage_and_disconnects),
        cmocka_unit_test(test_parallel_forecasts),
        cmocka_unit_test(test_sweep_job_progress_cancel_and_store),
        cmocka_unit_test(test_served_folder_only),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
