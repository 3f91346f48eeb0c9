/* util_dl_load (src/util/dl.c), which opens cairo and MPI at first use: a library and its
 * symbols resolve to working functions, and a missing library or symbol is an error naming it. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/error.h"
#include "util/dl.h"

static void test_resolves_working_functions(void **state)
{
    (void)state;
    static const char *const names[] = {"cos", "pow"};
    void *p[2] = {NULL, NULL};
    fc_error err = {0};
    assert_int_equal(util_dl_load("libm.so.6", 0, "a test", names, p, 2, &err), FC_OK);
    double (*c)(double) = (double (*)(double))p[0];
    double (*pw)(double, double) = (double (*)(double, double))p[1];
    assert_true(c(0.0) == 1.0);
    assert_true(pw(2.0, 10.0) == 1024.0);
    fc_error_clear(&err);
}

static void test_missing_library_named(void **state)
{
    (void)state;
    static const char *const names[] = {"cos"};
    void *p[1] = {NULL};
    fc_error err = {0};
    assert_int_equal(util_dl_load("libfulcrum-no-such.so.9", 0, "drawing charts", names, p, 1, &err), FC_EIO);
    assert_string_equal(err.file, "libfulcrum-no-such.so.9");
    assert_non_null(strstr(err.message, "drawing charts needs this library"));
    fc_error_clear(&err);
}

static void test_missing_symbol_named(void **state)
{
    (void)state;
    static const char *const names[] = {"cos", "fulcrum_no_such_function"};
    void *p[2] = {NULL, NULL};
    fc_error err = {0};
    assert_int_equal(util_dl_load("libm.so.6", 0, "a test", names, p, 2, &err), FC_EIO);
    assert_string_equal(err.file, "libm.so.6");
    assert_non_null(strstr(err.message, "fulcrum_no_such_function"));
    fc_error_clear(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resolves_working_functions),
        cmocka_unit_test(test_missing_library_named),
        cmocka_unit_test(test_missing_symbol_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
