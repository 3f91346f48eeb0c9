/* The local workbench behind `fulcrum serve`: an HTTP server (libmicrohttpd) with a JSON API
 * over the library's entry points, the page compiled in, and the run store (SQLite). The tool
 * and the tests use this header; the server reaches the library through include/fulcrum only. */
#ifndef FULCRUM_SERVE_H
#define FULCRUM_SERVE_H

#include <stddef.h>

#include "fulcrum/error.h"

/* The API's version: every response carries it as "api_version". */
#define SERVE_API_VERSION 1

/* The largest request body the server reads (a scenario, a DEU table): 4 MiB. */
#define SERVE_MAX_BODY ((size_t)4 * 1024 * 1024)

typedef struct serve_options {
    const char *bind;        /* the address to listen on; NULL: 127.0.0.1 (loopback only) */
    unsigned port;           /* 0: any free port (see serve_port) */
    const char *root;        /* a scenario file or a folder of them offered by the page; NULL: none */
    const char *store;       /* the SQLite run store; NULL: runs are not kept */
    unsigned threads;        /* the thread pool's size; 0: 2 */
    size_t max_body;         /* 0: SERVE_MAX_BODY */
    double job_seconds;      /* the longest a sweep job may run; <= 0: 600 */
    unsigned max_jobs;       /* sweep jobs running at once; 0: 2 */
    size_t max_runs;         /* the most runs one sweep job may ask for; 0: 200000 */
    const char *const *allow_hosts; /* further names the Host header may carry (besides the
                                       loopback names and the bound address) */
    size_t n_allow_hosts;
} serve_options;

void serve_options_init(serve_options *o);

typedef struct serve_server serve_server;

/* Opens the store (creating or migrating it), binds and starts the thread pool. */
fc_status serve_start(const serve_options *o, serve_server **out, fc_error *err);
/* The port it listens on (the one chosen when the options said 0). */
unsigned serve_port(const serve_server *s);
/* The address to open in a browser, e.g. "http://127.0.0.1:8080/". */
const char *serve_url(const serve_server *s);
/* Stops accepting, cancels the running jobs, waits for them and frees everything. */
void serve_stop(serve_server *s);

/* ---- The run store, for `fulcrum runs` ---- */

typedef struct serve_store serve_store;

fc_status serve_store_open(const char *path, serve_store **out, fc_error *err);
void serve_store_close(serve_store *st);
/* The JSON of the runs list (newest first, at most limit) and of one run, as GET /api/runs
 * and /api/runs/ID answer them (without the envelope). */
fc_status serve_store_list_json(serve_store *st, long limit, char **out, fc_error *err);
fc_status serve_store_run_json(serve_store *st, long id, char **out, fc_error *err);
/* Keeps a run made elsewhere (the command line): its command, its parameters as n_pairs
 * key, value pairs (pairs[2i], pairs[2i+1]) as the API names them, the scenario's format
 * ("yaml", "json", "csv", "builtin") and name, its text, and the result serve_execute would
 * return for them (so that it reruns to the same bytes). */
fc_status serve_store_keep(serve_store *st, const char *command, const char *const *pairs, size_t n_pairs,
                           const char *format, const char *name, const char *body, size_t len, const char *result,
                           long *id, fc_error *err);
/* Runs a stored run again with its stored inputs; *same is 1 when the result is the stored
 * one byte for byte. *result is the new result (the caller frees it). */
fc_status serve_store_rerun(serve_store *st, long id, int *same, char **result, fc_error *err);

#endif
