/* Helpers the subcommands share: error printing, exit codes, loading, writing output. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

int tool_exit_code(fc_status st)
{
    switch (st) {
    case FC_OK: return EXIT_OK;
    case FC_EINPUT: return EXIT_BAD_INPUT;
    case FC_EUSAGE: return EXIT_USAGE;
    default: return EXIT_FAILURE_OTHER;
    }
}

int tool_fail(const fc_error *err)
{
    /* The library names its options; the user knows them as flags. */
    fc_error shown = *err;
    const char *flag = tool_flag_for(err->field);
    if (flag)
        snprintf(shown.field, sizeof shown.field, "%s", flag);
    char msg[1024];
    fc_error_format(&shown, msg, sizeof msg);
    int unknown_model = strcmp(err->field, "model") == 0 || strcmp(err->field, "models") == 0;
    fprintf(stderr, "fulcrum: %s%s\n", msg,
            unknown_model && strstr(err->message, "unknown model") ? " (see `fulcrum models`)" : "");
    return tool_exit_code(err->status);
}

int tool_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "fulcrum %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see `fulcrum %s --help`)\n", cmd);
    return EXIT_USAGE;
}

fc_status tool_load_scenario(const char *path, double csv_salience_scale, fc_scenario **out,
                             fc_error *err)
{
    *out = NULL;
    fc_run_options o;
    fc_run_options_init(&o);
    o.path = path;
    o.csv_salience_scale = csv_salience_scale;
    fc_run_result *r;
    fc_status st = fc_run_load(&o, &r, err);
    if (st)
        return st;
    tool_print_notes(r);
    *out = fc_run_result_take_scenario(r);
    fc_run_result_free(r);
    return FC_OK;
}

void tool_print_note(const char *cmd, const fc_run_note *n)
{
    const char *flag = tool_flag_for(n->field);
    if (cmd)
        fprintf(stderr, "fulcrum %s: ", cmd);
    else
        fprintf(stderr, "fulcrum: note: ");
    if (n->file[0])
        fprintf(stderr, "%s: ", n->file);
    fputs(n->message, stderr);
    if (n->field[0])
        fprintf(stderr, "; %s %s%s%s%s", n->kind == FC_NOTE_ADVICE ? "add" : "using", flag ? flag : n->field,
                n->value[0] ? " " : "", n->value, n->when[0] ? " " : "");
    fprintf(stderr, "%s\n", n->when);
}

void tool_print_notes(const fc_run_result *r)
{
    for (size_t i = 0; i < r->n_notes; i++)
        tool_print_note(NULL, &r->notes[i]);
}

void tool_run_options(fc_run_options *o, const char *file, double salience_scale, const char *issue,
                      const char *model, const char *preset, const char *const *settings, size_t n_settings)
{
    fc_run_options_init(o);
    o->path = file;
    if (salience_scale > 0)
        o->csv_salience_scale = salience_scale;
    o->issue = issue;
    o->model = model;
    o->preset = preset;
    o->settings = settings;
    o->n_settings = n_settings;
}

int tool_parse_count(const char *v, unsigned long long max, unsigned long long *out)
{
    if (!v || !*v || *v == '-')
        return 0;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end || errno || n > max)
        return 0;
    *out = n;
    return 1;
}

int tool_dilemma_mode(const char *mode, fc_dilemma_mode *out)
{
    if (!mode || strcmp(mode, "start") == 0)
        *out = FC_DILEMMA_START;
    else if (strcmp(mode, "commit") == 0)
        *out = FC_DILEMMA_COMMIT;
    else
        return -1;
    return 0;
}

/* Set once a stdout failure has been reported, so tool_finish does not report it twice. */
static int stdout_failed;

static int stdout_error(int e)
{
    if (!stdout_failed)
        fprintf(stderr, "fulcrum: cannot write to standard output: %s\n", strerror(e));
    stdout_failed = 1;
    return EXIT_FAILURE_OTHER;
}

int tool_emit_from(const char *path, const char *text, const char *input)
{
    if (!path || strcmp(path, "-") == 0) {
        errno = 0;
        if (fputs(text, stdout) == EOF || fflush(stdout) != 0 || ferror(stdout))
            return stdout_error(errno ? errno : EIO);
        return EXIT_OK;
    }
    fc_error err;
    fc_error_clear(&err);
    fc_file_write_options o;
    fc_file_write_options_init(&o);
    o.protect = &input;
    o.n_protect = input ? 1 : 0;
    if (fc_file_write_atomic_with(path, text, strlen(text), &o, &err) != FC_OK)
        return tool_fail(&err);
    return EXIT_OK;
}

int tool_emit(const char *path, const char *text)
{
    return tool_emit_from(path, text, NULL);
}

int tool_finish(int rc)
{
    errno = 0;
    int bad = fflush(stdout) != 0 || ferror(stdout);
    int e = errno;
    if (fclose(stdout) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad && !stdout_failed)
        stdout_error(e ? e : EIO);
    if (bad || stdout_failed)
        return rc == EXIT_OK ? EXIT_FAILURE_OTHER : rc;
    return rc;
}

int tool_option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        *value = NULL; /* present but missing its value: the caller reports it */
        return 1;
    }
    *value = argv[++*i];
    return 1;
}

int tool_take_text_option(int argc, char **argv, int *i, const char *cmd, const tool_text_option *opts,
                          size_t n_opts)
{
    const char *v;
    for (size_t k = 0; k < n_opts; k++)
        if (tool_option_value(argc, argv, i, opts[k].name, &v)) {
            if (!v) {
                tool_usage_error(cmd, "%s needs a value", opts[k].name);
                return -1;
            }
            *opts[k].value = v;
            return 1;
        }
    return 0;
}

int tool_take_salience_scale(int argc, char **argv, int *i, const char *cmd, double *scale)
{
    const char *v;
    if (!tool_option_value(argc, argv, i, "--salience-scale", &v))
        return 0;
    if (!v || (strcmp(v, "100") != 0 && strcmp(v, "1") != 0)) {
        tool_usage_error(cmd, "--salience-scale must be 100 or 1");
        return -1;
    }
    *scale = strcmp(v, "1") == 0 ? 1 : 100;
    return 1;
}

int tool_take_model_setting(int argc, char **argv, int *i, const char *cmd, tool_model_settings *s)
{
    const char *v;
    if (tool_option_value(argc, argv, i, "--set", &v)) {
        if (!v || !strchr(v, '=')) {
            tool_usage_error(cmd, "--set needs NAME=VALUE");
            return -1;
        }
        if (s->n >= TOOL_MAX_SETTINGS) {
            tool_usage_error(cmd, "too many --set options (at most %d)", TOOL_MAX_SETTINGS);
            return -1;
        }
        s->list[s->n++] = v;
        return 1;
    }
    if (tool_option_value(argc, argv, i, "--rounds", &v)) {
        char *end;
        long n = v ? strtol(v, &end, 10) : -1;
        if (!v || *end || n < 0 || n > 1000000) {
            tool_usage_error(cmd, "--rounds needs a whole number from 0 to 1000000");
            return -1;
        }
        snprintf(s->rounds, sizeof s->rounds, "rounds=%ld", n);
        return 1;
    }
    return 0;
}

const char *const *tool_model_settings_list(tool_model_settings *s, size_t *n)
{
    /* list has room for one more than TOOL_MAX_SETTINGS: the rounds setting. */
    if (s->rounds[0] && !s->listed) {
        s->list[s->n++] = s->rounds;
        s->listed = 1;
    }
    *n = s->n;
    return s->list;
}
