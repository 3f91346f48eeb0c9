/* What the server's files share: a growable text buffer with JSON escaping, the request as
 * the handlers see it (a command, its parameters, a body), the store's record call and the
 * page's files compiled in. Private to server/. */
#ifndef FULCRUM_SERVE_INTERNAL_H
#define FULCRUM_SERVE_INTERNAL_H

#include <stddef.h>

#include "fulcrum/fulcrum.h"
#include "serve.h"

/* ---- Text buffer (server/text.c) ---- */

typedef struct serve_buf {
    char *data;
    size_t len, cap;
    int failed;              /* an allocation failed: every later append does nothing */
} serve_buf;

void serve_buf_add(serve_buf *b, const char *s, size_t n);
void serve_buf_puts(serve_buf *b, const char *s);
void serve_buf_printf(serve_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* s (n bytes) as a JSON string, quotes included; bytes that are not UTF-8 become U+FFFD. */
void serve_buf_json_string(serve_buf *b, const char *s, size_t n);
void serve_buf_json_cstr(serve_buf *b, const char *s);
/* Hands the text over (NUL-terminated; NULL after a failed allocation) and resets b. */
char *serve_buf_take(serve_buf *b);
void serve_buf_free(serve_buf *b);

/* An fc_error as the API's error object: {"status":..,"file":..,"line":..,...}. */
void serve_buf_error(serve_buf *b, const fc_error *err);

/* The SHA-256 of data as 64 lowercase hex digits and a NUL. */
void serve_sha256_hex(const void *data, size_t len, char out[65]);

/* ---- One call of the API, whatever carried it (HTTP, a rerun) ---- */

typedef struct serve_param {
    char *key, *value;
} serve_param;

typedef struct serve_call {
    const char *command;           /* "validate", "forecast", ... */
    const serve_param *params;     /* the query's key=value pairs, in order */
    size_t n_params;
    const char *format;            /* "yaml", "json", "csv", "tsv", or "builtin" (the built-in text) */
    const char *name;              /* its name in messages and results; NULL: by its format */
    const char *body;              /* the scenario (or DEU table) */
    size_t body_len;
    /* Sweeps: progress and cancel (may be NULL). */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
    const int *cancel;
    size_t max_runs;               /* 0: no limit */
} serve_call;

/* True for the commands serve_execute knows. `kept` says whether its runs are stored. */
int serve_command_known(const char *command, int *kept);

/* Checks the command and its parameters' names only (no value, no scenario). */
fc_status serve_check_call(const serve_call *c, fc_error *err);

/* Runs the call with the library and returns the result's JSON (the library's own, or an
 * object holding the library's text, HTML or SVG). Errors name the parameter (field) or the
 * scenario's line and field. */
fc_status serve_execute(const serve_call *c, char **result, fc_error *err);

/* The same, appending the library's notes (a JSON array) to notes when not NULL. */
fc_status serve_execute_notes(const serve_call *c, serve_buf *notes, char **result, fc_error *err);

/* ---- The store (server/store.c) ---- */

/* Keeps one run; *id is its number. params as a JSON array of [key, value] pairs. */
fc_status serve_store_record(serve_store *st, const serve_call *c, const char *result, long *id,
                             fc_error *err);

/* ---- Jobs (server/jobs.c) ---- */

typedef struct serve_jobs serve_jobs;

fc_status serve_jobs_new(unsigned max_running, double seconds, size_t max_runs, serve_store *store,
                         serve_jobs **out, fc_error *err);
/* Starts a sweep with a copy of the call; *id is the job's number. FC_EUSAGE with field
 * "jobs" when max_running jobs already run. */
fc_status serve_jobs_start(serve_jobs *j, const serve_call *c, long *id, fc_error *err);
/* The job's state as JSON ({"id":..,"state":..,"done":..,"total":..,...}); 0 if unknown. */
int serve_jobs_json(serve_jobs *j, long id, int with_result, serve_buf *b);
/* Asks the job to stop; 0 if unknown. */
int serve_jobs_cancel(serve_jobs *j, long id);
void serve_jobs_list_json(serve_jobs *j, serve_buf *b);
/* Cancels every job, waits for them and frees. */
void serve_jobs_free(serve_jobs *j);

/* ---- The page (generated from web/ at build time: serve_assets.c) ---- */

typedef struct serve_asset {
    const char *path;              /* "/", "/app.js", ... */
    const char *content_type;
    const unsigned char *data;
    size_t len;
} serve_asset;

extern const serve_asset serve_assets[];
extern const size_t serve_n_assets;

#endif
