/* The shared services of src/util: the one number parser (its documented syntax, edge by edge),
 * the one output writer (its target rules: new files, kept modes, symlinks, FIFOs, read-only
 * files, protected inputs, streaming, abort, stale temporary files) and the out-of-memory report. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fulcrum/util.h"
#include "util/strmap.h"

static void expect_number(const char *s, double want)
{
    double v = -12345;
    fc_number_status st = fc_number_parse(s, &v);
    if (st != FC_NUMBER_OK)
        fail_msg("\"%s\": status %d, expected a number", s, (int)st);
    if (v != want)
        fail_msg("\"%s\": %.17g, expected %.17g", s, v, want);
}

static void expect_status(const char *s, fc_number_status want)
{
    double v = -12345;
    fc_number_status st = fc_number_parse(s, &v);
    if (st != want)
        fail_msg("\"%s\": status %d, expected %d", s ? s : "(null)", (int)st, (int)want);
    assert_true(v == -12345); /* untouched on failure */
}

static void test_number_syntax(void **state)
{
    (void)state;
    expect_number("0", 0);
    expect_number("42", 42);
    expect_number("-3.25", -3.25);
    expect_number("+7", 7);
    expect_number(".5", 0.5);
    expect_number("5.", 5);
    expect_number("1e3", 1000);
    expect_number("1E+3", 1000);
    expect_number("2.5e-1", 0.25);
    expect_number("0.1", 0.1);
    /* Spaces, tabs, CR and LF around the number are ignored (CSV cells, DEU columns). */
    expect_number("  12 ", 12);
    expect_number("\t-1.5\r\n", -1.5);
    expect_status("", FC_NUMBER_EMPTY);
    expect_status(" \t\r\n", FC_NUMBER_EMPTY);
    expect_status(NULL, FC_NUMBER_EMPTY);
    expect_status("12abc", FC_NUMBER_SYNTAX);
    expect_status("1 2", FC_NUMBER_SYNTAX);
    expect_status("1,5", FC_NUMBER_SYNTAX);
    expect_status("0x10", FC_NUMBER_SYNTAX);
    expect_status("0x1p3", FC_NUMBER_SYNTAX);
    expect_status(".", FC_NUMBER_SYNTAX);
    expect_status("-", FC_NUMBER_SYNTAX);
    expect_status("e5", FC_NUMBER_SYNTAX);
    expect_status("1e", FC_NUMBER_SYNTAX);
    expect_status("1e+", FC_NUMBER_SYNTAX);
    expect_status("--1", FC_NUMBER_SYNTAX);
    expect_status("1.2.3", FC_NUMBER_SYNTAX);
    expect_status("12%", FC_NUMBER_SYNTAX);
}

static void test_number_not_finite_and_range(void **state)
{
    (void)state;
    const char *not_finite[] = {"inf", "-inf", "+INF", "Infinity", "nan", "NaN", "-nan", "nan(0x1)",
                                ".inf", "-.Inf", ".nan", ".NaN"};
    for (size_t i = 0; i < sizeof not_finite / sizeof not_finite[0]; i++)
        expect_status(not_finite[i], FC_NUMBER_NOT_FINITE);
    expect_status("1e309", FC_NUMBER_RANGE);
    expect_status("-1e400", FC_NUMBER_RANGE);
    expect_number("1.7976931348623157e308", 1.7976931348623157e308);
    /* Underflow keeps the nearest double: a subnormal, or zero with its sign. */
    expect_number("4.9406564584124654e-324", 4.9406564584124654e-324);
    expect_number("1e-310", 1e-310);
    expect_number("1e-400", 0);
    double v = 1;
    assert_int_equal(fc_number_parse("-1e-400", &v), FC_NUMBER_OK);
    assert_true(v == 0 && signbit(v));
    assert_string_equal(fc_number_status_text(FC_NUMBER_SYNTAX), "not a number");
}

static void test_nomem(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_error_nomem(&err), FC_ENOMEM);
    assert_int_equal(err.status, FC_ENOMEM);
    assert_string_equal(err.message, "out of memory");
    assert_int_equal(fc_error_nomem(NULL), FC_ENOMEM);
}

/* ---- the writer ---- */

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/fc_test_util_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[512];
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.' && (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        chmod(p, 0600);
        unlink(p);
    }
    if (d)
        closedir(d);
    return rmdir(dir);
}

static const char *at(const char *name)
{
    static char p[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static char *slurp(const char *path)
{
    char *data = NULL;
    fc_error err;
    if (fc_file_read(path, 1 << 20, &data, NULL, &err) != FC_OK)
        return NULL;
    return data;
}

static void put(const char *path, const char *text)
{
    fc_error err;
    assert_int_equal(fc_file_write_atomic(path, text, strlen(text), &err), FC_OK);
}

static size_t entries(void)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    while (readdir(d))
        n++;
    closedir(d);
    return n - 2;
}

static void test_new_file_mode_follows_umask(void **state)
{
    (void)state;
    struct stat st;
    mode_t old = umask(022);
    put(at("a"), "one");
    assert_int_equal(stat(at("a"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0644);
    umask(077);
    put(at("b"), "two");
    assert_int_equal(stat(at("b"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    umask(old);
    /* The writer never changes the process's umask. */
    mode_t now = umask(old);
    assert_int_equal(now, old);
    char *t = slurp(at("b"));
    assert_string_equal(t, "two");
    free(t);
}

static void test_existing_mode_kept(void **state)
{
    (void)state;
    put(at("kept"), "old");
    assert_int_equal(chmod(at("kept"), 0640), 0);
    put(at("kept"), "new");
    struct stat st;
    assert_int_equal(stat(at("kept"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    char *t = slurp(at("kept"));
    assert_string_equal(t, "new");
    free(t);
}

static void test_symlink_written_through(void **state)
{
    (void)state;
    put(at("target"), "before");
    assert_int_equal(symlink("target", at("link")), 0);
    put(at("link"), "after");
    struct stat st;
    assert_int_equal(lstat(at("link"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char *t = slurp(at("target"));
    assert_string_equal(t, "after");
    free(t);
    /* A dangling link creates its target. */
    assert_int_equal(symlink("made", at("dangling")), 0);
    put(at("dangling"), "fresh");
    t = slurp(at("made"));
    assert_string_equal(t, "fresh");
    free(t);
    assert_int_equal(lstat(at("dangling"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
}

static void test_fifo_written_directly(void **state)
{
    (void)state;
    assert_int_equal(mkfifo(at("fifo"), 0644), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        fc_error err;
        _exit(fc_file_write_atomic(at("fifo"), "through", 7, &err) == FC_OK ? 0 : 1);
    }
    int fd = open(at("fifo"), O_RDONLY);
    assert_true(fd >= 0);
    char buf[32] = {0};
    size_t got = 0;
    ssize_t n;
    while ((n = read(fd, buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)n;
    close(fd);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_string_equal(buf, "through");
    struct stat st;
    assert_int_equal(lstat(at("fifo"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode)); /* still a FIFO, not replaced by a file */
}

static void test_read_only_refused(void **state)
{
    (void)state;
    put(at("ro"), "keep me");
    assert_int_equal(chmod(at("ro"), 0444), 0);
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_file_write_atomic(at("ro"), "x", 1, &err), FC_EIO);
    assert_non_null(strstr(err.message, "read-only"));
    char *t = slurp(at("ro"));
    assert_string_equal(t, "keep me");
    free(t);
}

static void test_protected_input_refused(void **state)
{
    (void)state;
    put(at("input"), "scenario");
    assert_int_equal(link(at("input"), at("hardlink")), 0);
    const char *inputs[] = {at("input")};
    fc_file_write_options o;
    fc_file_write_options_init(&o);
    o.protect = inputs;
    o.n_protect = 1;
    fc_error err;
    fc_error_clear(&err);
    /* By its own name and by another name of the same file. */
    assert_int_equal(fc_file_write_atomic_with(at("input"), "report", 6, &o, &err), FC_EUSAGE);
    assert_non_null(strstr(err.message, "input"));
    assert_int_equal(fc_file_write_atomic_with(at("hardlink"), "report", 6, &o, &err), FC_EUSAGE);
    char *t = slurp(at("input"));
    assert_string_equal(t, "scenario");
    free(t);
    /* Another file is written as usual. */
    assert_int_equal(fc_file_write_atomic_with(at("other"), "report", 6, &o, &err), FC_OK);
}

static void test_streaming_and_abort(void **state)
{
    (void)state;
    fc_error err;
    fc_file_writer *w;
    put(at("stream"), "old");
    assert_int_equal(fc_file_write_begin(at("stream"), NULL, &w, &err), FC_OK);
    assert_int_equal(fc_file_write_chunk(w, "ab", 2, &err), FC_OK);
    char *t = slurp(at("stream"));
    assert_string_equal(t, "old"); /* nothing visible before commit */
    free(t);
    assert_int_equal(fc_file_write_chunk(w, "cd", 2, &err), FC_OK);
    assert_int_equal(fc_file_write_commit(w, &err), FC_OK);
    t = slurp(at("stream"));
    assert_string_equal(t, "abcd");
    free(t);
    assert_int_equal(fc_file_write_begin(at("stream"), NULL, &w, &err), FC_OK);
    assert_int_equal(fc_file_write_chunk(w, "zz", 2, &err), FC_OK);
    fc_file_write_abort(w);
    t = slurp(at("stream"));
    assert_string_equal(t, "abcd");
    free(t);
    assert_int_equal(entries(), 1); /* the file alone: no temporary file left */
}

static void test_directory_refused(void **state)
{
    (void)state;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_file_write_atomic(dir, "x", 1, &err), FC_EIO);
    assert_non_null(strstr(err.message, "directory"));
}

static void test_stale_temporaries_cleaned(void **state)
{
    (void)state;
    /* A dead process's temporary file goes; a live one's (ours) and other names stay. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    char dead[128], live[128];
    snprintf(dead, sizeof dead, "ck.tmp.%ld.1", (long)pid);
    snprintf(live, sizeof live, "ck.tmp.%ld.1", (long)getpid());
    put(at(dead), "x");
    put(at(live), "x");
    put(at("ck.tmp.notes"), "x");
    put(at("ck"), "x");
    assert_int_equal(fc_file_clean_stale(at("ck")), 1);
    assert_int_equal(access(at(dead), F_OK), -1);
    assert_int_equal(access(at(live), F_OK), 0);
    assert_int_equal(access(at("ck.tmp.notes"), F_OK), 0);
    assert_int_equal(access(at("ck"), F_OK), 0);
}

/* The string map: every key found with its value through several doublings, a key put
 * twice keeps its first value and says so, absent keys (also ones that share a prefix or
 * differ by case) are -1. */
static void test_strmap(void **state)
{
    (void)state;
    enum { N = 5000 };
    static char keys[N][16];
    fc_strmap m;
    assert_int_equal(fc_strmap_init(&m, 0), 0);
    for (size_t i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "actor%zu", i);
        assert_int_equal(fc_strmap_put(&m, keys[i], i, NULL), 1);
    }
    assert_int_equal(m.n, N);
    assert_true(m.cap >= 2 * N);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(fc_strmap_get(&m, keys[i]), (long)i);
    size_t old = 0;
    char again[16] = "actor42";
    assert_int_equal(fc_strmap_put(&m, again, 7, &old), 0);
    assert_int_equal(old, 42);
    assert_int_equal(fc_strmap_get(&m, "actor42"), 42);
    assert_int_equal(fc_strmap_get(&m, "Actor42"), -1);
    assert_int_equal(fc_strmap_get(&m, "actor"), -1);
    assert_int_equal(fc_strmap_get(&m, ""), -1);
    assert_int_equal(fc_strmap_get(&m, "actor5000"), -1);
    fc_strmap_free(&m);
    assert_int_equal(fc_strmap_get(&m, "actor1"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_syntax),
        cmocka_unit_test(test_number_not_finite_and_range),
        cmocka_unit_test(test_nomem),
        cmocka_unit_test(test_strmap),
        cmocka_unit_test_setup_teardown(test_new_file_mode_follows_umask, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_existing_mode_kept, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_symlink_written_through, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_fifo_written_directly, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_read_only_refused, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_protected_input_refused, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_streaming_and_abort, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_directory_refused, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_stale_temporaries_cleaned, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
