/* The fulcrum program: shared declarations of the subcommands and their helpers.
 * The program reaches the library only through include/fulcrum/fulcrum.h. */
#ifndef FULCRUM_TOOL_H
#define FULCRUM_TOOL_H

#include <stdbool.h>
#include <stdio.h>

#include "fulcrum/fulcrum.h"

/* Documented exit codes (docs/cli.md). */
enum {
    EXIT_OK = 0,
    EXIT_FAILURE_OTHER = 1,
    EXIT_USAGE = 2,
    EXIT_BAD_INPUT = 3
};

typedef struct tool_command {
    const char *name;
    int (*run)(int argc, char **argv);   /* argv[0] is the subcommand's name */
    const char *summary;
} tool_command;

int cmd_forecast(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_models(int argc, char **argv);
int cmd_game(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
int cmd_dilemma(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_report(int argc, char **argv);
/* `fulcrum backtest --cases DIR` (tool/cmd_backtest_cases.c). */
int cmd_backtest_cases(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_new(int argc, char **argv);
/* `fulcrum game --from-scenario` (tool/cmd_game_scenario.c). */
int cmd_game_from_scenario(int argc, char **argv);

/* Prints "fulcrum: <formatted error>" on stderr and returns the exit code for its status. */
int tool_fail(const fc_error *err);
/* Prints "fulcrum <cmd>: message" and a hint to use --help; returns EXIT_USAGE. */
int tool_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The exit code that goes with a library status. */
int tool_exit_code(fc_status st);

/* Loads FILE (or the built-in scenario when path is NULL). */
fc_status tool_load_scenario(const char *path, double csv_salience_scale, fc_scenario **out,
                             fc_error *err);

/* Writes text to path by the library's output rules (whole, never over a device, through a
 * symlink), or to stdout when path is NULL or "-"; a failed write is reported and exits 1. */
int tool_emit(const char *path, const char *text);
/* The same, refusing a path that is the same file as `input` (the run's scenario; may be NULL). */
int tool_emit_from(const char *path, const char *text, const char *input);
/* Flushes and closes stdout at the end of a command: output lost to a full disk or a closed
 * pipe turns a success into exit code 1 with a message. Returns the exit code to use. */
int tool_finish(int rc);

/* Matches "--name value" or "--name=value"; advances *i past what it used. */
int tool_option_value(int argc, char **argv, int *i, const char *name, const char **value);

/* An option whose value is kept as text, and where it goes. */
typedef struct tool_text_option {
    const char *name;
    const char **value;
} tool_text_option;

/* Matches argv[*i] against a table of text options. Returns 1 when it took one (and its
 * value), 0 when argv[*i] is none of them, -1 after printing a usage error for `cmd` (the
 * value is missing). */
int tool_take_text_option(int argc, char **argv, int *i, const char *cmd, const tool_text_option *opts,
                          size_t n_opts);

/* Model settings from the command line: every --set NAME=VALUE, then rounds=N for --rounds. */
#define TOOL_MAX_SETTINGS 64
typedef struct tool_model_settings {
    const char *list[TOOL_MAX_SETTINGS + 1];
    size_t n;
    char rounds[48];   /* "rounds=N" once --rounds was given, else "" */
    int listed;        /* rounds has been appended to list */
} tool_model_settings;

/* Takes --set or --rounds at argv[*i], with the same return convention. */
int tool_take_model_setting(int argc, char **argv, int *i, const char *cmd, tool_model_settings *s);

/* The settings for fc_model_run: every --set, then rounds=N when given. */
const char *const *tool_model_settings_list(tool_model_settings *s, size_t *n);

/* --salience-scale 100|1, with the same return convention. */
int tool_take_salience_scale(int argc, char **argv, int *i, const char *cmd, double *scale);

/* The command-line flag that sets a library option or field ("model" -> "--model"); NULL
 * when the field is no option (a scenario field, say). One table, tool/flags.c. */
const char *tool_flag_for(const char *field);

/* Text with every option name the table marks as safe in prose replaced by its flag where it
 * stands as a word ("lcp_all" -> "--all"); the caller frees; NULL when out of memory. */
char *tool_flag_words(const char *text);

/* Prints a library note on stderr, naming flags where the library names options; `cmd` is
 * the subcommand for the prefix ("fulcrum sweep: ..."), NULL for "fulcrum: note: ...". */
void tool_print_note(const char *cmd, const fc_run_note *note);
void tool_print_notes(const fc_run_result *r);

/* Options for fc_run_forecast from the common arguments (file NULL: the built-in case). */
void tool_run_options(fc_run_options *o, const char *file, double salience_scale, const char *issue,
                      const char *model, const char *preset, const char *const *settings, size_t n_settings);

/* The run store (tool/cmd_runs.c): --store PATH, else $FULCRUM_STORE, else NULL. */
const char *tool_store_path(const char *given);
/* Keeps a run in the store as the server would (docs/serve.md): the command, its parameters
 * as the API names them (n_pairs key, value pairs), the scenario file's text (NULL: the
 * built-in case) and the result as the API returns it. Returns an exit code. */
int tool_keep_run(const char *store, const char *command, const char *file, double salience_scale,
                  const char *const *pairs, size_t n_pairs, const char *result);

/* "start" or "commit" (NULL: start); -1 for anything else. */
/* A whole number from 0 to max written in decimal (no sign, no overflow): 1 and *out, else 0. */
int tool_parse_count(const char *v, unsigned long long max, unsigned long long *out);

int tool_dilemma_mode(const char *mode, fc_dilemma_mode *out);

#endif
