/* The run store: every run the server (or `fulcrum runs rerun`) makes, with its inputs (the
 * scenario's text and SHA-256, the command, its parameters), Fulcrum's version, the time and
 * the result, in one SQLite file. WAL journal, one transaction per write: a writer killed
 * mid-way leaves the database as it was before that run; other processes wait (busy timeout). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "serve_internal.h"
#include "store_lib.h"

struct serve_store {
    sqlite3 *db;
    char path[512];
};

/* Schema migrations: migrations[v] takes a database at user_version v to v + 1. A database
 * from a newer Fulcrum (a higher version) is refused rather than guessed at. */
static const char *const migrations[] = {
    "CREATE TABLE runs ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  created TEXT NOT NULL,"          /* UTC, ISO 8601 */
    "  command TEXT NOT NULL,"          /* forecast, dilemma, game, backtest, report, sweep */
    "  params TEXT NOT NULL,"           /* JSON array of [key, value] pairs, in request order */
    "  format TEXT NOT NULL,"           /* the scenario's format: yaml, json, csv, tsv */
    "  scenario TEXT NOT NULL,"         /* its text as sent ('' = the built-in case) */
    "  scenario_sha256 TEXT NOT NULL,"
    "  fulcrum_version TEXT NOT NULL,"
    "  api_version INTEGER NOT NULL,"
    "  result TEXT NOT NULL,"           /* the library's JSON */
    "  result_sha256 TEXT NOT NULL);"
    "CREATE INDEX runs_scenario ON runs(scenario_sha256);",
    /* 2: the scenario's name (a command-line run names its file; the server's runs "") */
    "ALTER TABLE runs ADD COLUMN name TEXT NOT NULL DEFAULT '';",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

static fc_status db_fail(serve_store *s, sqlite3 *db, const char *what, fc_error *err)
{
    return fc_error_set(err, FC_EIO, s->path, 0, 0, "store", "%s: %s", what, db ? sqlite3_errmsg(db) : "no database");
}

static fc_status exec(serve_store *s, const char *sql, fc_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fc_status st = fc_error_set(err, FC_EIO, s->path, 0, 0, "store", "%s", msg ? msg : "SQLite failed");
        sqlite3_free(msg);
        return st;
    }
    return FC_OK;
}

static fc_status migrate(serve_store *s, fc_error *err)
{
    /* BEGIN IMMEDIATE: two processes opening a new store at once migrate it once. */
    fc_status st = exec(s, "BEGIN IMMEDIATE", err);
    if (st)
        return st;
    sqlite3_stmt *q = NULL;
    int version = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        version = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    if (version < 0)
        st = db_fail(s, s->db, "reading the schema version", err);
    else if (version > SCHEMA_VERSION)
        st = fc_error_set(err, FC_EINPUT, s->path, 0, 0, "store",
                          "schema version %d is newer than this Fulcrum's (%d)", version, SCHEMA_VERSION);
    for (int v = version; !st && v < SCHEMA_VERSION; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        st = exec(s, migrations[v], err);
        if (!st)
            st = exec(s, pragma, err);
    }
    if (st) {
        exec(s, "ROLLBACK", NULL);
        return st;
    }
    return exec(s, "COMMIT", err);
}

fc_status serve_store_open(const char *path, serve_store **out, fc_error *err)
{
    *out = NULL;
    fc_status loaded = serve_store_lib_load(err);
    if (loaded)
        return loaded;
    serve_store *s = calloc(1, sizeof *s);
    if (!s)
        return fc_error_nomem(err);
    snprintf(s->path, sizeof s->path, "%s", path);
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    fc_status st = FC_OK;
    if (rc != SQLITE_OK)
        st = db_fail(s, s->db, "opening", err);
    if (!st) {
        sqlite3_busy_timeout(s->db, 10000);
        st = exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", err);
    }
    if (!st)
        st = migrate(s, err);
    if (st) {
        serve_store_close(s);
        return st;
    }
    *out = s;
    return FC_OK;
}

void serve_store_close(serve_store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s);
}

static void params_json(serve_buf *b, const serve_param *p, size_t n)
{
    serve_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        serve_buf_puts(b, i ? ",[" : "[");
        serve_buf_json_cstr(b, p[i].key);
        serve_buf_puts(b, ",");
        serve_buf_json_cstr(b, p[i].value);
        serve_buf_puts(b, "]");
    }
    serve_buf_puts(b, "]");
}

fc_status serve_store_record(serve_store *s, const serve_call *c, const char *result, long *id, fc_error *err)
{
    *id = 0;
    serve_buf pb = {0};
    params_json(&pb, c->params, c->n_params);
    char *params = serve_buf_take(&pb);
    if (!params)
        return fc_error_nomem(err);
    char sha[65], rsha[65], when[32];
    serve_sha256_hex(c->body ? c->body : "", c->body_len, sha);
    serve_sha256_hex(result, strlen(result), rsha);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
    sqlite3_stmt *q = NULL;
    fc_status st = FC_OK;
    const char *sql = "INSERT INTO runs (created, command, params, format, scenario, scenario_sha256,"
                      " fulcrum_version, api_version, result, result_sha256, name) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
        free(params);
        return db_fail(s, s->db, "preparing a run", err);
    }
    sqlite3_bind_text(q, 1, when, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, c->command, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, params, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 4, c->format, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 5, c->body ? c->body : "", (int)c->body_len, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 6, sha, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 7, fc_version(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 8, SERVE_API_VERSION);
    sqlite3_bind_text(q, 9, result, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 10, rsha, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 11, c->name ? c->name : "", -1, SQLITE_TRANSIENT);
    /* One statement is one transaction: the row is there whole, or not at all. sqlite3's
     * connection mutex (FULLMUTEX) keeps last_insert_rowid with its own insert. */
    sqlite3_mutex_enter(sqlite3_db_mutex(s->db));
    if (sqlite3_step(q) != SQLITE_DONE)
        st = db_fail(s, s->db, "keeping a run", err);
    else
        *id = (long)sqlite3_last_insert_rowid(s->db);
    sqlite3_mutex_leave(sqlite3_db_mutex(s->db));
    sqlite3_finalize(q);
    free(params);
    return st;
}

static const char *col(sqlite3_stmt *q, int i)
{
    const unsigned char *t = sqlite3_column_text(q, i);
    return t ? (const char *)t : "";
}

/* The columns every listing shows, then (full) the scenario and the result. */
static void row_json(serve_buf *b, sqlite3_stmt *q, int full)
{
    serve_buf_printf(b, "{\"id\":%lld,\"created\":", (long long)sqlite3_column_int64(q, 0));
    serve_buf_json_cstr(b, col(q, 1));
    serve_buf_puts(b, ",\"command\":");
    serve_buf_json_cstr(b, col(q, 2));
    serve_buf_puts(b, ",\"params\":");
    serve_buf_puts(b, col(q, 3)); /* written by params_json */
    serve_buf_puts(b, ",\"format\":");
    serve_buf_json_cstr(b, col(q, 4));
    serve_buf_puts(b, ",\"scenario_sha256\":");
    serve_buf_json_cstr(b, col(q, 5));
    serve_buf_puts(b, ",\"fulcrum_version\":");
    serve_buf_json_cstr(b, col(q, 6));
    serve_buf_printf(b, ",\"run_api_version\":%d,\"result_sha256\":", sqlite3_column_int(q, 7));
    serve_buf_json_cstr(b, col(q, 8));
    serve_buf_printf(b, ",\"scenario_bytes\":%lld,\"name\":", (long long)sqlite3_column_int64(q, 9));
    serve_buf_json_cstr(b, col(q, 10));
    if (full) {
        serve_buf_puts(b, ",\"scenario\":");
        serve_buf_json_string(b, col(q, 11), (size_t)sqlite3_column_bytes(q, 11));
        serve_buf_puts(b, ",\"result\":");
        serve_buf_puts(b, col(q, 12));
    }
    serve_buf_puts(b, "}");
}

#define ROW_COLUMNS "id, created, command, params, format, scenario_sha256, fulcrum_version, api_version," \
                    " result_sha256, length(CAST(scenario AS BLOB)), name"

fc_status serve_store_list_json(serve_store *s, long limit, char **out, fc_error *err)
{
    *out = NULL;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT " ROW_COLUMNS " FROM runs ORDER BY id DESC LIMIT ?", -1, &q, NULL) !=
        SQLITE_OK)
        return db_fail(s, s->db, "listing runs", err);
    sqlite3_bind_int64(q, 1, limit > 0 ? limit : 100);
    serve_buf b = {0};
    serve_buf_puts(&b, "[");
    int rc, n = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (n++)
            serve_buf_puts(&b, ",");
        row_json(&b, q, 0);
    }
    serve_buf_puts(&b, "]");
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        serve_buf_free(&b);
        return db_fail(s, s->db, "listing runs", err);
    }
    if (!(*out = serve_buf_take(&b)))
        return fc_error_nomem(err);
    return FC_OK;
}

/* Prepares sql (one "?" for the id) and steps to its row; FC_EUSAGE field "id" when there is none. */
static fc_status one_row(serve_store *s, long id, const char *sql, sqlite3_stmt **q, fc_error *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, q, NULL) != SQLITE_OK)
        return db_fail(s, s->db, "reading a run", err);
    sqlite3_bind_int64(*q, 1, id);
    int rc = sqlite3_step(*q);
    if (rc == SQLITE_ROW)
        return FC_OK;
    fc_status st = rc == SQLITE_DONE ? fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "id", "no run %ld in the store", id)
                                     : db_fail(s, s->db, "reading a run", err);
    sqlite3_finalize(*q);
    *q = NULL;
    return st;
}

fc_status serve_store_run_json(serve_store *s, long id, char **out, fc_error *err)
{
    *out = NULL;
    sqlite3_stmt *q = NULL;
    fc_status st = one_row(s, id, "SELECT " ROW_COLUMNS ", scenario, result FROM runs WHERE id = ?", &q, err);
    if (st)
        return st;
    serve_buf b = {0};
    row_json(&b, q, 1);
    sqlite3_finalize(q);
    if (!(*out = serve_buf_take(&b)))
        return fc_error_nomem(err);
    return FC_OK;
}

fc_status serve_store_keep(serve_store *s, const char *command, const char *const *pairs, size_t n_pairs,
                           const char *format, const char *name, const char *body, size_t len, const char *result,
                           long *id, fc_error *err)
{
    serve_param *pv = calloc(n_pairs ? n_pairs : 1, sizeof *pv);
    if (!pv)
        return fc_error_nomem(err);
    for (size_t i = 0; i < n_pairs; i++) {
        pv[i].key = (char *)pairs[2 * i];
        pv[i].value = (char *)pairs[2 * i + 1];
    }
    serve_call c = {.command = command, .params = pv, .n_params = n_pairs, .format = format, .name = name,
                    .body = body, .body_len = len};
    fc_status st = serve_store_record(s, &c, result, id, err);
    free(pv);
    return st;
}

fc_status serve_store_rerun(serve_store *s, long id, int *same, char **result, fc_error *err)
{
    *same = 0;
    *result = NULL;
    sqlite3_stmt *q = NULL;
    fc_status st = one_row(s, id, "SELECT command, params, format, scenario, result, name FROM runs WHERE id = ?", &q, err);
    if (st)
        return st;
    json_error_t je;
    json_t *params = json_loads(col(q, 1), 0, &je);
    size_t n = json_is_array(params) ? json_array_size(params) : 0;
    serve_param *pv = calloc(n ? n : 1, sizeof *pv);
    if (!params || !json_is_array(params))
        st = fc_error_set(err, FC_EINPUT, s->path, 0, 0, "params", "run %ld: its parameters are not a JSON array", id);
    else if (!pv)
        st = fc_error_nomem(err);
    for (size_t i = 0; !st && i < n; i++) {
        json_t *pair = json_array_get(params, i);
        const char *k = json_string_value(json_array_get(pair, 0)), *v = json_string_value(json_array_get(pair, 1));
        if (!k || !v)
            st = fc_error_set(err, FC_EINPUT, s->path, 0, 0, "params", "run %ld: parameter %zu is not a pair", id, i);
        pv[i].key = (char *)k;
        pv[i].value = (char *)v;
    }
    if (!st) {
        serve_call c = {.command = col(q, 0), .params = pv, .n_params = n, .format = col(q, 2),
                        .name = col(q, 5), .body = col(q, 3), .body_len = (size_t)sqlite3_column_bytes(q, 3)};
        st = serve_execute(&c, result, err);
        if (!st)
            *same = strcmp(*result, col(q, 4)) == 0;
    }
    free(pv);
    json_decref(params);
    sqlite3_finalize(q);
    return st;
}
