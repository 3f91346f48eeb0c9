/* SQLite and Nettle (SHA-256), opened when a run store is first opened (server/store_lib.c):
 * store.c calls sqlite3_* as usual and the names below turn those calls into calls through a
 * table filled by dlsym. Linked, they were loaded by every command, at start-up, though only
 * `serve`, `runs` and `--store` use them. */
#ifndef FULCRUM_SERVE_STORE_LIB_H
#define FULCRUM_SERVE_STORE_LIB_H

#include <stddef.h>
#include <stdint.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "fulcrum/error.h"

/* Every SQLite function store.c calls; a new one goes here too. */
#define SERVE_SQLITE_FUNCTIONS(X) \
    X(sqlite3_bind_int) \
    X(sqlite3_bind_int64) \
    X(sqlite3_bind_text) \
    X(sqlite3_busy_timeout) \
    X(sqlite3_close) \
    X(sqlite3_column_bytes) \
    X(sqlite3_column_int) \
    X(sqlite3_column_int64) \
    X(sqlite3_column_text) \
    X(sqlite3_db_mutex) \
    X(sqlite3_errmsg) \
    X(sqlite3_exec) \
    X(sqlite3_finalize) \
    X(sqlite3_free) \
    X(sqlite3_last_insert_rowid) \
    X(sqlite3_mutex_enter) \
    X(sqlite3_mutex_leave) \
    X(sqlite3_open_v2) \
    X(sqlite3_prepare_v2) \
    X(sqlite3_step)

typedef struct serve_store_lib {
#define SERVE_SQLITE_MEMBER(f) __typeof__(f) *f;
    SERVE_SQLITE_FUNCTIONS(SERVE_SQLITE_MEMBER)
#undef SERVE_SQLITE_MEMBER
    /* Nettle's SHA-256 (sha2.h names them sha256_*; the library exports nettle_sha256_*). */
    __typeof__(nettle_sha256_init) *sha256_init;
    __typeof__(nettle_sha256_update) *sha256_update;
    __typeof__(nettle_sha256_digest) *sha256_digest;
} serve_store_lib;

extern serve_store_lib serve_store_fns;

/* Opens SQLite and Nettle (once per process; thread-safe): FC_EIO naming the library when it
 * cannot. */
fc_status serve_store_lib_load(fc_error *err);

#ifndef SERVE_STORE_NO_RENAME
#define sqlite3_bind_int (serve_store_fns.sqlite3_bind_int)
#define sqlite3_bind_int64 (serve_store_fns.sqlite3_bind_int64)
#define sqlite3_bind_text (serve_store_fns.sqlite3_bind_text)
#define sqlite3_busy_timeout (serve_store_fns.sqlite3_busy_timeout)
#define sqlite3_close (serve_store_fns.sqlite3_close)
#define sqlite3_column_bytes (serve_store_fns.sqlite3_column_bytes)
#define sqlite3_column_int (serve_store_fns.sqlite3_column_int)
#define sqlite3_column_int64 (serve_store_fns.sqlite3_column_int64)
#define sqlite3_column_text (serve_store_fns.sqlite3_column_text)
#define sqlite3_db_mutex (serve_store_fns.sqlite3_db_mutex)
#define sqlite3_errmsg (serve_store_fns.sqlite3_errmsg)
#define sqlite3_exec (serve_store_fns.sqlite3_exec)
#define sqlite3_finalize (serve_store_fns.sqlite3_finalize)
#define sqlite3_free (serve_store_fns.sqlite3_free)
#define sqlite3_last_insert_rowid (serve_store_fns.sqlite3_last_insert_rowid)
#define sqlite3_mutex_enter (serve_store_fns.sqlite3_mutex_enter)
#define sqlite3_mutex_leave (serve_store_fns.sqlite3_mutex_leave)
#define sqlite3_open_v2 (serve_store_fns.sqlite3_open_v2)
#define sqlite3_prepare_v2 (serve_store_fns.sqlite3_prepare_v2)
#define sqlite3_step (serve_store_fns.sqlite3_step)
#undef sha256_init
#undef sha256_update
#undef sha256_digest
#define sha256_init (serve_store_fns.sha256_init)
#define sha256_update (serve_store_fns.sha256_update)
#define sha256_digest (serve_store_fns.sha256_digest)
#endif

#endif
