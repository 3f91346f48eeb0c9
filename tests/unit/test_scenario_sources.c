/* Every number in a shipped scenario (scenarios/, recursively) says where it comes from: a
 * comment on its line or on its block's opening line, or a `source:` beside it in the same
 * mapping, naming one of the file's sources or calling it an estimate or assumption. Scale
 * definitions (min, max, anchors' at, salience_scale) are exempt. Every capability, position
 * and salience must also declare an uncertainty, outside two files whose numbers are not
 * judgements an sd could qualify (no_sd_files, each with its reason). */
#include <ctype.h>
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "fulcrum/fulcrum.h"

#define MAX_LINES 4000
#define MAX_IDS 128

typedef struct line_info {
    int indent;         /* -1 for blank and comment-only lines */
    char code[1024];    /* the line without its comment, quoted text blanked out */
    char comment[1024]; /* the comment after '#', "" when none */
} line_info;

typedef struct checker {
    line_info *lines;
    int n;
    char ids[MAX_IDS][64];
    int n_ids;
    char report[4096]; /* every problem found, one a line */
    int problems;
} checker;

/* Splits one line into code and comment. Quoted text is blanked (so a date or a figure
 * inside a citation is not a value), and '#' starts a comment only outside quotes, at the
 * start or after a space, as in YAML. */
static void split_line(const char *s, line_info *li)
{
    size_t k = 0;
    char quote = 0;
    li->comment[0] = '\0';
    for (size_t i = 0; s[i] && s[i] != '\n' && k + 1 < sizeof li->code; i++) {
        char c = s[i];
        if (quote) {
            if (quote == '"' && c == '\\' && s[i + 1]) {
                li->code[k++] = ' ';
                i++;
                c = ' ';
            } else if (c == quote) {
                quote = 0;
            } else {
                c = ' ';
            }
            li->code[k++] = c;
            continue;
        }
        if ((c == '"' || c == '\'') && (k == 0 || strchr(" [{,:", li->code[k - 1]))) {
            quote = c;
            li->code[k++] = c;
            continue;
        }
        if (c == '#' && (k == 0 || isspace((unsigned char)li->code[k - 1]))) {
            const char *e = strchr(s + i, '\n');
            size_t len = e ? (size_t)(e - (s + i + 1)) : strlen(s + i + 1);
            if (len >= sizeof li->comment)
                len = sizeof li->comment - 1;
            memcpy(li->comment, s + i + 1, len);
            li->comment[len] = '\0';
            break;
        }
        li->code[k++] = c;
    }
    li->code[k] = '\0';
    int indent = 0;
    while (li->code[indent] == ' ')
        indent++;
    li->indent = li->code[indent] ? indent : -1;
}

static int word_in(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; (p = strstr(p, word)); p++) {
        int before = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '-');
        int after = !(isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '-');
        if (before && after)
            return 1;
    }
    return 0;
}

static int names_a_source(const checker *ck, const char *text)
{
    char lower[1024];
    size_t i = 0;
    for (; text[i] && i + 1 < sizeof lower; i++)
        lower[i] = (char)tolower((unsigned char)text[i]);
    lower[i] = '\0';
    if (strstr(lower, "estimate") || strstr(lower, "assumption"))
        return 1;
    for (int k = 0; k < ck->n_ids; k++)
        if (word_in(text, ck->ids[k]))
            return 1;
    return 0;
}

/* The key a number is the value of ("min" in "min: 0"), or "" when it is not right after one. */
static void key_before(const char *code, size_t at, char *key, size_t size)
{
    key[0] = '\0';
    size_t i = at;
    while (i > 0 && code[i - 1] == ' ')
        i--;
    if (i == 0 || code[i - 1] != ':')
        return;
    size_t end = --i;
    while (i > 0 && (isalnum((unsigned char)code[i - 1]) || code[i - 1] == '_'))
        i--;
    size_t len = end - i < size - 1 ? end - i : size - 1;
    memcpy(key, code + i, len);
    key[len] = '\0';
}

/* A `source: "..."` in the original line, inside the same flow mapping as position `at`. */
static int inline_source(const checker *ck, const char *raw, size_t at)
{
    size_t open = at;
    while (open > 0 && raw[open] != '{')
        open--;
    if (raw[open] != '{')
        return 0;
    const char *close = strchr(raw + at, '}');
    const char *src = strstr(raw + open, "source:");
    if (!src || (close && src > close))
        return 0;
    char text[512];
    const char *q = strchr(src, '"');
    if (!q)
        return 0;
    const char *qe = strchr(q + 1, '"');
    size_t len = qe ? (size_t)(qe - q - 1) : 0;
    if (len >= sizeof text)
        len = sizeof text - 1;
    memcpy(text, q + 1, len);
    text[len] = '\0';
    return names_a_source(ck, text);
}

static void problem(checker *ck, const char *name, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(checker *ck, const char *name, int line, const char *fmt, ...)
{
    size_t used = strlen(ck->report);
    int n = snprintf(ck->report + used, sizeof ck->report - used, "%s:%d: ", name, line);
    if (n > 0 && (size_t)n < sizeof ck->report - used) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ck->report + used + n, sizeof ck->report - used - (size_t)n, fmt, ap);
        va_end(ap);
        strncat(ck->report, "\n", sizeof ck->report - strlen(ck->report) - 1);
    }
    ck->problems++;
}

/* Checks one file's text; returns the number of unsourced numbers (listed in ck->report). */
static int check_text(checker *ck, const char *name, const char *text)
{
    ck->lines = calloc(MAX_LINES, sizeof *ck->lines);
    assert_non_null(ck->lines);
    ck->n = 0;
    ck->n_ids = 0;
    ck->report[0] = '\0';
    ck->problems = 0;
    const char *starts[MAX_LINES];
    for (const char *p = text; *p && ck->n < MAX_LINES;) {
        starts[ck->n] = p;
        split_line(p, &ck->lines[ck->n++]);
        const char *e = strchr(p, '\n');
        p = e ? e + 1 : p + strlen(p);
    }
    /* The ids declared under `sources:` are the citations a comment may name. */
    int in_sources = 0;
    for (int i = 0; i < ck->n; i++) {
        const line_info *li = &ck->lines[i];
        if (li->indent == 0)
            in_sources = strncmp(li->code, "sources:", 8) == 0;
        const char *id = in_sources ? strstr(starts[i], "id: ") : NULL;
        if (id && id < strchr(starts[i], '\n') && ck->n_ids < MAX_IDS) {
            id += 4;
            size_t len = strcspn(id, " ,}\n#");
            if (len > 0 && len < sizeof ck->ids[0]) {
                memcpy(ck->ids[ck->n_ids], id, len);
                ck->ids[ck->n_ids++][len] = '\0';
            }
        }
    }
    int scalar_indent = -1; /* inside a block scalar (`>-`, `|`): its key's indentation */
    for (int i = 0; i < ck->n; i++) {
        const line_info *li = &ck->lines[i];
        if (li->indent < 0)
            continue;
        if (scalar_indent >= 0) {
            if (li->indent > scalar_indent)
                continue;
            scalar_indent = -1;
        }
        size_t len = strlen(li->code);
        while (len > 0 && li->code[len - 1] == ' ')
            len--;
        if ((len >= 1 && (li->code[len - 1] == '>' || li->code[len - 1] == '|')) ||
            (len >= 2 && (strncmp(li->code + len - 2, ">-", 2) == 0 || strncmp(li->code + len - 2, "|-", 2) == 0))) {
            scalar_indent = li->indent;
            continue;
        }
        /* The block's opening line: the nearest line above with less indentation. */
        const line_info *parent = NULL;
        for (int k = i - 1; k >= 0; k--)
            if (ck->lines[k].indent >= 0 && ck->lines[k].indent < li->indent) {
                parent = &ck->lines[k];
                break;
            }
        const char *c = li->code;
        for (size_t at = 0; c[at]; at++) {
            int starts_number = (isdigit((unsigned char)c[at]) || (c[at] == '.' && isdigit((unsigned char)c[at + 1])) ||
                                 ((c[at] == '-' || c[at] == '+') &&
                                  (isdigit((unsigned char)c[at + 1]) || c[at + 1] == '.'))) &&
                                (at == 0 || strchr(" [{,:", c[at - 1]));
            if (!starts_number)
                continue;
            char *end;
            double v = strtod(c + at, &end);
            size_t stop = (size_t)(end - c);
            if (c[stop] == '%')
                stop++;
            /* An unquoted "2014-09-17" counts as the number 2014: dates belong in quotes. */
            char key[64];
            key_before(c, at, key, sizeof key);
            int exempt = strcmp(key, "min") == 0 || strcmp(key, "max") == 0 || strcmp(key, "at") == 0 ||
                         strcmp(key, "salience_scale") == 0;
            if (!exempt && !(li->comment[0] && names_a_source(ck, li->comment)) &&
                !(parent && parent->comment[0] && names_a_source(ck, parent->comment)) &&
                !inline_source(ck, starts[i], at))
                problem(ck, name, i + 1, "the number %g%s%s has no source or estimate note", v,
                        key[0] ? " of " : "", key);
            at = stop ? stop - 1 : at;
        }
    }
    free(ck->lines);
    ck->lines = NULL;
    return ck->problems;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Files whose numbers are not judgements that could carry an sd, each with its reason. */
static const char *const no_sd_files[][2] = {
    {"eu-emissions-1994.yaml", "every value is the published table (bdm1994), not a judgement"},
    {"azerbaijan-2014-alignment.yaml", "kept equal in every number to the one-issue built-in case it "
                                       "was, so that sweeps and benchmarks compare with earlier figures"},
};

static int exempt_from_sd(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (size_t i = 0; i < sizeof no_sd_files / sizeof no_sd_files[0]; i++)
        if (strcmp(base, no_sd_files[i][0]) == 0)
            return 1;
    return 0;
}

/* Every judgement must say how sure it is (an sd or a range), outside the files above. */
static void check_uncertainty(const char *path, const fc_scenario *sc, int *problems)
{
    if (exempt_from_sd(path))
        return;
    for (size_t i = 0; i < sc->n_actors; i++) {
        const fc_actor *a = &sc->actors[i];
        if (a->capability.uncertainty.kind == FC_UNCERTAIN_NONE) {
            fprintf(stderr, "%s:%d: actors.%s.capability declares no uncertainty\n", path, a->capability.line, a->id);
            (*problems)++;
        }
        for (size_t k = 0; k < sc->n_issues; k++) {
            const fc_stance *s = &a->stances[k];
            if (s->present && (s->position.uncertainty.kind == FC_UNCERTAIN_NONE ||
                               s->salience.uncertainty.kind == FC_UNCERTAIN_NONE)) {
                fprintf(stderr, "%s:%d: actors.%s.stances.%s declares no uncertainty\n", path,
                        s->position.line, a->id, sc->issues[k].id);
                (*problems)++;
            }
        }
    }
}

static int check_dir(const char *dir, int *files)
{
    DIR *d = opendir(dir);
    if (!d)
        fail_msg("cannot open %s", dir);
    int problems = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            problems += check_dir(path, files);
            continue;
        }
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 5, ".yaml") != 0)
            continue;
        char *text = slurp(path);
        checker ck = {0};
        if (check_text(&ck, path, text))
            fprintf(stderr, "%s", ck.report);
        problems += ck.problems;
        free(text);
        fc_scenario *sc;
        fc_error err;
        if (fc_scenario_load(path, NULL, &sc, &err) != FC_OK) {
            char msg[1024];
            fc_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "%s\n", msg);
            problems++;
            continue;
        }
        check_uncertainty(path, sc, &problems);
        fc_scenario_free(sc);
        (*files)++;
    }
    closedir(d);
    return problems;
}

static void shipped_scenarios(void **state)
{
    (void)state;
    int files = 0;
    int problems = check_dir(FULCRUM_SOURCE_DIR "/scenarios", &files);
    assert_int_equal(problems, 0);
    /* The built-in case (four issues), the one-issue alignment case, the two-issue example, the
     * EU example and the four comparable cases in scenarios/cases/. */
    assert_true(files >= 8);
}

/* The checker itself: it must fail on an unsourced number, wherever it hides. */
static void checker_rejects_unsourced(void **state)
{
    (void)state;
    const char *head = "sources:\n  - {id: nmc6, citation: \"CINC 2012\"}\nissues:\n"
                       "  - {id: x, min: 0, max: 100}\nactors:\n  - id: A\n";
    struct {
        const char *body;
        int problems;
        int line;
    } cases[] = {
        {"    capability: 30      # nmc6: CINC ratio\n", 0, 0},
        {"    capability: 30      # analyst's estimate: why\n", 0, 0},
        {"    capability: {value: 30, source: \"nmc6 table\", sd: 5}\n", 0, 0},
        {"    capability: 30\n", 1, 7},
        {"    capability: 30      # see above\n", 1, 7},
        {"    capability: {value: 30, source: \"somewhere\"}\n", 1, 7},
        {"    capability: {value: 30, sd: 5}   # nmc6\n    stances:\n      x: {position: 5, salience: 7}\n", 2, 9},
        {"    stances:   # estimates: all of them\n      x: {position: 5, salience: 7}\n", 0, 0},
        {"    note: \"30 per cent # not a comment\"\n    capability: 1e3 # nmc6\n", 0, 0},
        {"    note: >-\n      95 of 100 in text\n    capability: .5\n", 1, 9},
        {"    capability: -4     # nmc6\n    stances: {x: {position: 3, salience: 4}}\n", 2, 8},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text, "%s%s", head, cases[i].body);
        checker ck = {0};
        int n = check_text(&ck, "case.yaml", text);
        if (n != cases[i].problems)
            fail_msg("case %zu: %d problems, expected %d:\n%s\n%s", i, n, cases[i].problems, text, ck.report);
        if (cases[i].line) {
            char want[32];
            snprintf(want, sizeof want, "case.yaml:%d: ", cases[i].line);
            assert_non_null(strstr(ck.report, want));
        }
    }
}

/* The uncertainty check: one capability and one stance without an sd are two problems; the
 * same numbers with an sd (or a range) are none, and an exempt file is not checked. */
static void checker_rejects_missing_sd(void **state)
{
    (void)state;
    const char *bare = "issues:\n  - {id: x, min: 0, max: 100}\nactors:\n"
                       "  - {id: A, capability: 30, stances: {x: {position: 5, salience: 7}}}\n"
                       "  - {id: B, capability: {value: 30, sd: 5}, stances: {x: {position: {value: 5, range: [0, 9]}, "
                       "salience: {value: 7, sd: 2}}}}\n";
    fc_scenario *sc;
    fc_error err;
    assert_int_equal(fc_scenario_parse(bare, strlen(bare), "case.yaml", NULL, &sc, &err), FC_OK);
    int problems = 0;
    check_uncertainty("case.yaml", sc, &problems);
    assert_int_equal(problems, 2);
    problems = 0;
    check_uncertainty("scenarios/eu-emissions-1994.yaml", sc, &problems);
    assert_int_equal(problems, 0);
    fc_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(checker_rejects_unsourced),
        cmocka_unit_test(checker_rejects_missing_sd),
        cmocka_unit_test(shipped_scenarios),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
