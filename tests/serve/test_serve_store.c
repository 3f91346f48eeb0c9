/* The run store of `fulcrum serve`: a new file gets the current schema and a newer schema is
 * refused; a stored run reruns to the same result byte for byte (and a changed result is
 * noticed); two processes writing at once lose nothing; a writer killed with SIGKILL while
 * writing leaves a database that passes SQLite's integrity check, with whole rows only. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "serve_internal.h"

static char dir[256];

static void path_in_dir(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static long count_rows(const char *path)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM runs", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return n;
}

static void test_schema_version(void **state)
{
    (void)state;
    char path[512];
    path_in_dir(path, sizeof path, "schema.db");
    serve_store *st = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(serve_store_open(path, &st, &err), FC_OK);
    serve_store_close(st);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 2);
    sqlite3_finalize(q);
    sqlite3_stmt *j = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &j, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(j), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(j, 0), "wal");
    sqlite3_finalize(j);
    /* Opening again migrates nothing and keeps the version. */
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 7", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(serve_store_open(path, &st, &err), FC_EINPUT);
    assert_null(st);
    assert_string_equal(err.field, "store");
    assert_non_null(strstr(err.message, "newer"));
}

static const char *three =
    "title: \"Three\"\n"
    "issues:\n"
    "  - {id: x, label: \"X\", min: 0, max: 100}\n"
    "actors:\n"
    "  - {id: A, name: \"Alpha\", kind: state, capability: 50, stances: {x: {position: 30, salience: 80}}}\n"
    "  - {id: B, name: \"Beta\", kind: state, capability: 60, stances: {x: {position: 50, salience: 50}}}\n"
    "  - {id: C, name: \"Gamma\", kind: state, capability: 20, stances: {x: {position: 70, salience: 60}}}\n";

/* A store written by the first schema (before the scenario's name was kept) is migrated to the
 * current one when opened, its runs kept, and they still rerun. */
static void test_migrates_version_1(void **state)
{
    (void)state;
    char path[512];
    path_in_dir(path, sizeof path, "v1.db");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    const char *v1 =
        "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL, command TEXT NOT NULL,"
        " params TEXT NOT NULL, format TEXT NOT NULL, scenario TEXT NOT NULL, scenario_sha256 TEXT NOT NULL,"
        " fulcrum_version TEXT NOT NULL, api_version INTEGER NOT NULL, result TEXT NOT NULL,"
        " result_sha256 TEXT NOT NULL);"
        "CREATE INDEX runs_scenario ON runs(scenario_sha256);"
        "PRAGMA user_version = 1;";
    assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO runs VALUES (1, '2026-01-01T00:00:00.000Z', 'validate',"
                                            " '[]', 'yaml', ?, '', '0.1.0', 1, ?, '')",
                                        -1, &q, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(q, 1, three, -1, SQLITE_STATIC);
    serve_call c = {.command = "validate", .format = "yaml", .body = three, .body_len = strlen(three)};
    char *result = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(serve_execute(&c, &result, &err), FC_OK);
    sqlite3_bind_text(q, 2, result, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(q), SQLITE_DONE);
    sqlite3_finalize(q);
    sqlite3_close(db);
    free(result);
    serve_store *st = NULL;
    assert_int_equal(serve_store_open(path, &st, &err), FC_OK);
    char *json = NULL;
    assert_int_equal(serve_store_run_json(st, 1, &json, &err), FC_OK);
    assert_non_null(strstr(json, "\"name\":\"\""));
    free(json);
    int same = 0;
    char *again = NULL;
    assert_int_equal(serve_store_rerun(st, 1, &same, &again, &err), FC_OK);
    assert_int_equal(same, 1);
    free(again);
    serve_store_close(st);
}

static long record(serve_store *st, const serve_call *c)
{
    char *result = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (serve_execute(c, &result, &err))
        fail_msg("%s: %s (%s)", c->command, err.message, err.field);
    long id = 0;
    assert_int_equal(serve_store_record(st, c, result, &id, &err), FC_OK);
    free(result);
    return id;
}

static void test_rerun_bit_for_bit(void **state)
{
    (void)state;
    char path[512];
    path_in_dir(path, sizeof path, "rerun.db");
    serve_store *st = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(serve_store_open(path, &st, &err), FC_OK);
    serve_param fp[] = {{"model", "eum"}, {"preset", "bdm-paper"}, {"set", "rounds=6"}};
    serve_call fc = {.command = "forecast", .params = fp, .n_params = 3, .format = "yaml", .body = three,
                     .body_len = strlen(three)};
    long f = record(st, &fc);
    serve_param sp[] = {{"runs", "300"}, {"seed", "5"}, {"choices", "0"}};
    size_t blen;
    const char *builtin = fc_builtin_scenario_text(&blen);
    serve_call sc = {.command = "sweep", .params = sp, .n_params = 3, .format = "builtin", .body = builtin,
                     .body_len = blen};
    long s = record(st, &sc);
    serve_call dc = {.command = "dilemma", .format = "builtin", .body = builtin, .body_len = blen};
    long d = record(st, &dc);
    assert_true(f > 0 && s > f && d > s);
    long ids[] = {f, s, d};
    for (size_t i = 0; i < 3; i++) {
        int same = 0;
        char *again = NULL;
        assert_int_equal(serve_store_rerun(st, ids[i], &same, &again, &err), FC_OK);
        assert_int_equal(same, 1);
        free(again);
    }
    /* The stored text is what was sent, and its hash is the SHA-256 of it. */
    char *json = NULL;
    assert_int_equal(serve_store_run_json(st, f, &json, &err), FC_OK);
    char sha[65];
    serve_sha256_hex(three, strlen(three), sha);
    assert_non_null(strstr(json, sha));
    assert_non_null(strstr(json, "\"params\":[[\"model\",\"eum\"],[\"preset\",\"bdm-paper\"],[\"set\",\"rounds=6\"]]"));
    free(json);
    /* A result that no longer matches is reported as different. */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE runs SET result = replace(result, '\"issue\"', '\"isue\"') WHERE id = %ld", f);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    int same = 1;
    char *again = NULL;
    assert_int_equal(serve_store_rerun(st, f, &same, &again, &err), FC_OK);
    assert_int_equal(same, 0);
    free(again);
    assert_int_equal(serve_store_rerun(st, 999, &same, &again, &err), FC_EUSAGE);
    assert_string_equal(err.field, "id");
    serve_store_close(st);
}

/* A child that records runs until killed or until it has made `count` (0: forever). */
static void writer(const char *path, int count, size_t result_bytes)
{
    serve_store *st = NULL;
    fc_error err;
    if (serve_store_open(path, &st, &err))
        _exit(2);
    char *result = malloc(result_bytes + 3);
    if (!result)
        _exit(3);
    result[0] = '"';
    memset(result + 1, 'x', result_bytes);
    result[result_bytes + 1] = '"';
    result[result_bytes + 2] = '\0';
    serve_call c = {.command = "forecast", .format = "yaml", .body = three, .body_len = strlen(three)};
    for (int i = 0; count == 0 || i < count; i++) {
        result[1 + (size_t)i % result_bytes] = (char)('a' + i % 26);
        long id;
        if (serve_store_record(st, &c, result, &id, &err))
            _exit(4);
    }
    serve_store_close(st);
    free(result);
    _exit(0);
}

static void test_two_writers(void **state)
{
    (void)state;
    char path[512];
    path_in_dir(path, sizeof path, "two.db");
    pid_t a = fork();
    if (a == 0)
        writer(path, 60, 1000);
    pid_t b = fork();
    if (b == 0)
        writer(path, 60, 1000);
    int sa, sb;
    waitpid(a, &sa, 0);
    waitpid(b, &sb, 0);
    assert_true(WIFEXITED(sa) && WEXITSTATUS(sa) == 0);
    assert_true(WIFEXITED(sb) && WEXITSTATUS(sb) == 0);
    assert_int_equal(count_rows(path), 120);
}

static void test_killed_writer(void **state)
{
    (void)state;
    char path[512];
    path_in_dir(path, sizeof path, "killed.db");
    serve_store *st = NULL;
    fc_error err;
    assert_int_equal(serve_store_open(path, &st, &err), FC_OK); /* the schema exists before the child */
    serve_store_close(st);
    pid_t w = fork();
    if (w == 0)
        writer(path, 0, 4 * 1024 * 1024); /* large rows: the kill lands inside a write */
    long seen = 0;
    for (int tries = 0; tries < 2000 && seen < 3; tries++) {
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
        seen = count_rows(path);
    }
    kill(w, SIGKILL);
    int status;
    waitpid(w, &status, 0);
    assert_true(WIFSIGNALED(status));
    assert_true(seen >= 3);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
    sqlite3_finalize(q);
    /* Every row is whole: its result hashes to the hash stored with it. */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT result, result_sha256 FROM runs", -1, &q, NULL), SQLITE_OK);
    long rows = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        char sha[65];
        serve_sha256_hex(sqlite3_column_text(q, 0), (size_t)sqlite3_column_bytes(q, 0), sha);
        assert_string_equal(sha, (const char *)sqlite3_column_text(q, 1));
        rows++;
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    assert_true(rows >= seen);
    /* And the store takes new runs. */
    assert_int_equal(serve_store_open(path, &st, &err), FC_OK);
    serve_call c = {.command = "forecast", .format = "yaml", .body = three, .body_len = strlen(three)};
    long id = 0;
    assert_int_equal(serve_store_record(st, &c, "{}", &id, &err), FC_OK);
    assert_true(id > rows);
    serve_store_close(st);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/fulcrum-store-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_version),
        cmocka_unit_test(test_rerun_bit_for_bit),
        cmocka_unit_test(test_migrates_version_1),
        cmocka_unit_test(test_two_writers),
        cmocka_unit_test(test_killed_writer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
