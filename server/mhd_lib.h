/* libmicrohttpd, opened when `fulcrum serve` starts (server/mhd_lib.c): server.c calls MHD_* as
 * usual and the names below turn those calls into calls through a table filled by dlsym. Linked,
 * it brought GnuTLS and its seven libraries into every command's start-up. */
#ifndef FULCRUM_SERVE_MHD_LIB_H
#define FULCRUM_SERVE_MHD_LIB_H

#include <stdarg.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

#include "fulcrum/error.h"

/* Every libmicrohttpd function server.c calls; a new one goes here too. */
#define SERVE_MHD_FUNCTIONS(X) \
    X(MHD_add_response_header) \
    X(MHD_create_response_from_buffer) \
    X(MHD_destroy_response) \
    X(MHD_get_connection_values) \
    X(MHD_get_daemon_info) \
    X(MHD_lookup_connection_value) \
    X(MHD_queue_response) \
    X(MHD_start_daemon) \
    X(MHD_stop_daemon)

typedef struct serve_mhd_table {
#define SERVE_MHD_MEMBER(f) __typeof__(f) *f;
    SERVE_MHD_FUNCTIONS(SERVE_MHD_MEMBER)
#undef SERVE_MHD_MEMBER
} serve_mhd_table;

extern serve_mhd_table serve_mhd;

/* Opens libmicrohttpd (once per process; thread-safe): FC_EIO naming the library when it cannot. */
fc_status serve_mhd_load(fc_error *err);

#ifndef SERVE_MHD_NO_RENAME
#define MHD_add_response_header (serve_mhd.MHD_add_response_header)
#define MHD_create_response_from_buffer (serve_mhd.MHD_create_response_from_buffer)
#define MHD_destroy_response (serve_mhd.MHD_destroy_response)
#define MHD_get_connection_values (serve_mhd.MHD_get_connection_values)
#define MHD_get_daemon_info (serve_mhd.MHD_get_daemon_info)
#define MHD_lookup_connection_value (serve_mhd.MHD_lookup_connection_value)
#define MHD_queue_response (serve_mhd.MHD_queue_response)
#define MHD_start_daemon (serve_mhd.MHD_start_daemon)
#define MHD_stop_daemon (serve_mhd.MHD_stop_daemon)
#endif

#endif
