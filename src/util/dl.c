/* Opening a shared library by its run-time name and resolving its symbols at first use, for
 * the features that need large libraries (charts: cairo; distributed sweeps: MPI). Linking them
 * would load them, and their dozens of dependencies, for every command. */
#include <dlfcn.h>

#include "util/dl.h"

fc_status util_dl_load(const char *soname, int global, const char *what, const char *const *names, void **out,
                       size_t n, fc_error *err)
{
    void *h = dlopen(soname, RTLD_NOW | (global ? RTLD_GLOBAL : RTLD_LOCAL));
    if (!h) {
        const char *why = dlerror();
        return fc_error_set(err, FC_EIO, soname, 0, 0, NULL, "%s needs this library, which could not be loaded: %s",
                            what, why ? why : "unknown reason");
    }
    for (size_t i = 0; i < n; i++) {
        (void)dlerror();
        out[i] = dlsym(h, names[i]);
        if (!out[i]) {
            const char *why = dlerror();
            fc_status st = fc_error_set(err, FC_EIO, soname, 0, 0, NULL,
                                        "%s needs %s from this library, which it lacks: %s", what, names[i],
                                        why ? why : "not found");
            dlclose(h);
            return st;
        }
    }
    /* The handle stays open for the life of the process: the pointers live as long. */
    return FC_OK;
}
