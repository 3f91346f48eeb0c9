/* Opens libmicrohttpd when a server starts and fills the table mhd_lib.h calls through. The
 * server is a client of the public API, so it opens the library itself (dlopen) rather than
 * with the library's internal helper; only `fulcrum serve` and its tests get here. */
#include <dlfcn.h>
#include <pthread.h>

#define SERVE_MHD_NO_RENAME
#include "mhd_lib.h"

serve_mhd_table serve_mhd;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int loaded;

fc_status serve_mhd_load(fc_error *err)
{
    static const char *const names[] = {
#define SERVE_MHD_NAME(f) #f,
        SERVE_MHD_FUNCTIONS(SERVE_MHD_NAME)
#undef SERVE_MHD_NAME
    };
    enum { N = sizeof names / sizeof names[0] };
    fc_status st = FC_OK;
    pthread_mutex_lock(&lock);
    if (!loaded) {
        void *h = dlopen(FULCRUM_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
        void *p[N];
        const char *why = NULL, *missing = NULL;
        if (!h)
            why = dlerror();
        for (size_t i = 0; h && !missing && i < N; i++)
            if (!(p[i] = dlsym(h, names[i])))
                missing = names[i];
        if (!h || missing) {
            st = fc_error_set(err, FC_EIO, FULCRUM_MHD_SONAME, 0, 0, NULL,
                              "the server needs %s from this library, which could not be loaded: %s",
                              missing ? missing : "it", missing ? "symbol not found" : why ? why : "unknown reason");
            if (h)
                dlclose(h);
        } else {
            size_t i = 0;
#define SERVE_MHD_SET(f) serve_mhd.f = (__typeof__(serve_mhd.f))p[i++];
            SERVE_MHD_FUNCTIONS(SERVE_MHD_SET)
#undef SERVE_MHD_SET
            loaded = 1; /* the handle stays open for the life of the process */
        }
    }
    pthread_mutex_unlock(&lock);
    return st;
}
