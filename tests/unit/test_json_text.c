/* The JSON printer's strings and numbers (src/util/json_text.c), worked by hand: every escape
 * (quote, backslash, control characters, C1 controls but NEL, U+FFFE and U+FFFF) with plain
 * runs between them, and reals in fc_format_double's shortest form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/json_text.h"

static char *printed(json_t *v)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_json_print(&b, v, 0);
    json_decref(v);
    return b.data;
}

static void test_string_escapes(void **state)
{
    (void)state;
    const char *raw = "plain a\"b\\c\nd\re\tf\x01g\x7fh\xc2\x80i\xc2\x85j\xef\xbf\xbek\xef\xbf\xbfl\xc3\xa9 end";
    char *out = printed(json_string_nocheck(raw));
    assert_string_equal(out, "\"plain a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u007fh\\u0080i\xc2\x85j\\ufffek\\uffffl\xc3\xa9 end\"");
    free(out);
    out = printed(json_string_nocheck(""));
    assert_string_equal(out, "\"\"");
    free(out);
    out = printed(json_string_nocheck("\n"));
    assert_string_equal(out, "\"\\n\"");
    free(out);
}

static void test_numbers(void **state)
{
    (void)state;
    json_t *a = json_array();
    json_array_append_new(a, json_real(0.1));
    json_array_append_new(a, json_real(1e20));
    json_array_append_new(a, json_real(-2.5e-7));
    json_array_append_new(a, json_integer(-42));
    json_array_append_new(a, fc_json_number(0.08));
    char *out = printed(a);
    assert_string_equal(out, "[0.1, 1e+20, -2.5e-07, -42, 0.08]");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
