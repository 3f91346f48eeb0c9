/* Opens SQLite and Nettle when a run store is first opened and fills the table store_lib.h
 * calls through. The server is a client of the public API, so it opens them itself (dlopen),
 * as it opens libmicrohttpd (mhd_lib.c); only the store's users get here. */
#include <dlfcn.h>
#include <pthread.h>

#define SERVE_STORE_NO_RENAME
#include "store_lib.h"
#include "serve_internal.h"

serve_store_lib serve_store_fns;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int loaded;

/* Looks up n names of the library soname into p; on failure err names the library and why. */
static void *open_lib(const char *soname, const char *const *names, void **p, size_t n, fc_error *err)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    const char *why = h ? NULL : dlerror(), *missing = NULL;
    for (size_t i = 0; h && !missing && i < n; i++)
        if (!(p[i] = dlsym(h, names[i])))
            missing = names[i];
    if (h && !missing)
        return h;
    fc_error_set(err, FC_EIO, soname, 0, 0, NULL,
                 "the run store needs %s from this library, which could not be loaded: %s",
                 missing ? missing : "it", missing ? "symbol not found" : why ? why : "unknown reason");
    if (h)
        dlclose(h);
    return NULL;
}

fc_status serve_store_lib_load(fc_error *err)
{
    static const char *const sqlite_names[] = {
#define SERVE_SQLITE_NAME(f) #f,
        SERVE_SQLITE_FUNCTIONS(SERVE_SQLITE_NAME)
#undef SERVE_SQLITE_NAME
    };
    static const char *const nettle_names[] = {"nettle_sha256_init", "nettle_sha256_update",
                                               "nettle_sha256_digest"};
    enum { NS = sizeof sqlite_names / sizeof sqlite_names[0], NN = 3 };
    fc_status st = FC_OK;
    pthread_mutex_lock(&lock);
    if (!loaded) {
        void *ps[NS], *pn[NN];
        void *hs = open_lib(FULCRUM_SQLITE_SONAME, sqlite_names, ps, NS, err);
        void *hn = hs ? open_lib(FULCRUM_NETTLE_SONAME, nettle_names, pn, NN, err) : NULL;
        if (!hn) {
            st = FC_EIO;
            if (hs)
                dlclose(hs);
        } else {
            size_t i = 0;
#define SERVE_SQLITE_SET(f) serve_store_fns.f = (__typeof__(serve_store_fns.f))ps[i++];
            SERVE_SQLITE_FUNCTIONS(SERVE_SQLITE_SET)
#undef SERVE_SQLITE_SET
            serve_store_fns.sha256_init = (__typeof__(serve_store_fns.sha256_init))pn[0];
            serve_store_fns.sha256_update = (__typeof__(serve_store_fns.sha256_update))pn[1];
            serve_store_fns.sha256_digest = (__typeof__(serve_store_fns.sha256_digest))pn[2];
            loaded = 1; /* the handles stay open for the life of the process */
        }
    }
    pthread_mutex_unlock(&lock);
    return st;
}

/* Called only once a store is open, so the library is loaded. */
void serve_sha256_hex(const void *data, size_t len, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    serve_store_fns.sha256_init(&ctx);
    serve_store_fns.sha256_update(&ctx, len, data);
    serve_store_fns.sha256_digest(&ctx, sizeof digest, digest);
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
}
